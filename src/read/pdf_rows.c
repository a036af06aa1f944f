/*
 * pdf_rows.c — the rows of a form zone (read/pdf_rows.h), for the PDF reader's grid step (pdf_grid.c).
 * Doubles are used for geometry only (points on the page); no money passes through here.
 *
 * A form (the project performance-target table, 项目绩效目标表, as yusuan and most departments print it)
 * has no money column to find its rows from: its cells are text, wrapped over two or three lines and
 * centred vertically in their row, so the fragments of one cell sit above and below the row's middle, and
 * a label cell spanning several rows (一级指标, 预算规模及资金用途, 资金支出计划) is centred on the rows it
 * spans, often in the gap between two of them. The rows are rebuilt in four steps:
 *
 *   1. blocks: the fragments of one cell — lines right under each other (gap below STACK_GAP × height)
 *      sharing their centre or their left edge — are joined top to bottom;
 *   2. rows: block centres within ROW_TOL × height are one row when two blocks or more share it; a lone
 *      block is a row of its own when the row above or below it has a block in its column (a purpose
 *      line under its 预算数 row), otherwise it spans rows;
 *   3. spans: a block may cover the rows around it in which its column is empty; of the spans it could
 *      cover, it takes the widest whose middle (from the rows' text extents) is within SPAN_TOL × height
 *      of its own centre, else the closest (a 一级指标 over three rows is centred on the middle one), and
 *      only within the span of every cell left of it (spans nest); its text goes to the first row of its
 *      span, as in the text and XLSX forms;
 *   4. columns: a row is laid on the columns of the nearest row above it with at least as many cells
 *      (each cell in the column it overlaps most, the columns cut half way between their texts), so an
 *      indicator row with an empty cell keeps its columns under the indicator header; the columns it
 *      fills are then measured on its own cells (the rows below are cut by the texts of their own part of
 *      the form); a row that does not fit one-to-one (a header) sets its own columns, one per cell.
 * Work is O(n²) in the fragments of one zone (a page at most).
 */
#include "read/pdf_rows.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

#define STACK_GAP 0.35   /* lines of one wrapped cell are at most this × height apart */
#define ALIGN 0.6        /* … with their centres or left edges within this × height */
#define ROW_TOL 0.3      /* block centres within this × height are one row */
#define SPAN_TOL 0.35    /* a spanning cell's centre within this × height of the middle of its rows */

typedef struct {
    double x0, x1, y0, y1, h;
    double last_x0, last_cx, last_y0, last_y1;   /* its lowest line, for stacking */
    char *text;
    int cluster;         /* index of its centre cluster */
    int row;             /* row of its own (aligned block), -1 for a spanning one */
    int s, e;            /* the rows it covers, s = -1 while undecided */
} block;

typedef struct {
    double cy, top, bot;
    size_t first, count; /* blocks sorted by centre: [first, first + count) */
    bool is_row;
    int row;
} cluster;

typedef struct {
    double top, bot, cy;
    double *bx0, *bx1;   /* its columns (own or inherited) */
    size_t nb;
} row;

static bool ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' ||
           c == '%';
}

/* x + y, with a space only between two ASCII letters/digits (CJK text wraps without one). */
static char *join_text(ys_arena *a, const char *x, const char *y)
{
    size_t nx = strlen(x);
    bool sp = nx && ascii_alnum((unsigned char)x[nx - 1]) && ascii_alnum((unsigned char)y[0]);
    return ys_arena_printf(a, "%s%s%s", x, sp ? " " : "", y);
}

static double overlap(double a0, double a1, double b0, double b1)
{
    double lo = a0 > b0 ? a0 : b0, hi = a1 < b1 ? a1 : b1;
    return hi - lo;
}

static double cy_of(const block *b)
{
    return (b->y0 + b->y1) / 2;
}

static int cmp_frag_top(const void *a, const void *b)
{
    const ys_pdf_frag *x = *(const ys_pdf_frag *const *)a, *y = *(const ys_pdf_frag *const *)b;
    if (x->y0 != y->y0) return x->y0 < y->y0 ? -1 : 1;
    return (x->x0 > y->x0) - (x->x0 < y->x0);
}

static int cmp_block_cy(const void *a, const void *b)
{
    double x = cy_of(a), y = cy_of(b);
    if (x != y) return x < y ? -1 : 1;
    return (((const block *)a)->x0 > ((const block *)b)->x0) - (((const block *)a)->x0 < ((const block *)b)->x0);
}

/* 1. fragments → blocks (the lines of one cell joined). */
static size_t make_blocks(ys_arena *a, const ys_pdf_frag *f, size_t n, block *bl)
{
    const ys_pdf_frag **o = ys_arena_calloc(a, n, sizeof *o);
    for (size_t i = 0; i < n; i++) o[i] = &f[i];
    qsort(o, n, sizeof *o, cmp_frag_top);
    size_t nb = 0;
    for (size_t i = 0; i < n; i++) {
        const ys_pdf_frag *g = o[i];
        double h = g->h > 0 ? g->h : g->y1 - g->y0, cx = (g->x0 + g->x1) / 2;
        int best = -1;
        double bgap = 0;
        for (size_t k = 0; k < nb; k++) {
            const block *b = &bl[k];
            double gap = g->y0 - b->last_y1;
            if (g->y0 < b->last_y0 + 0.5 * h || gap > STACK_GAP * h || gap < -0.3 * h) continue;
            if (overlap(g->x0, g->x1, b->x0, b->x1) <= 0) continue;
            if (fabs(cx - b->last_cx) > ALIGN * h && fabs(g->x0 - b->last_x0) > ALIGN * h) continue;
            if (best < 0 || gap < bgap) {
                best = (int)k;
                bgap = gap;
            }
        }
        block *b;
        if (best >= 0) {
            b = &bl[best];
            b->text = join_text(a, b->text, g->text);
            if (g->x0 < b->x0) b->x0 = g->x0;
            if (g->x1 > b->x1) b->x1 = g->x1;
            if (g->y1 > b->y1) b->y1 = g->y1;
            if (h > b->h) b->h = h;
        } else {
            b = &bl[nb++];
            *b = (block){.x0 = g->x0, .x1 = g->x1, .y0 = g->y0, .y1 = g->y1, .h = h};
            b->text = ys_arena_strdup(a, g->text);
        }
        b->last_x0 = g->x0;
        b->last_cx = cx;
        b->last_y0 = g->y0;
        b->last_y1 = g->y1;
    }
    return nb;
}

/* Does block j (another cell) lie in block i's column? */
static bool same_column(const block *bi, const block *bj)
{
    return overlap(bi->x0, bi->x1, bj->x0, bj->x1) > 0;
}

/* Is row r free in block i's column (no other block covers it there)? */
static bool row_free(const block *bl, size_t nb, size_t i, int r)
{
    for (size_t j = 0; j < nb; j++) {
        if (j == i || !same_column(&bl[i], &bl[j])) continue;
        if (bl[j].row == r) return false;
        if (bl[j].s >= 0 && bl[j].s <= r && r <= bl[j].e) return false;
    }
    return true;
}

/* May block i cover rows [s, e]? Only when every cell left of it on those rows covers them all: a span
 * is nested in the spans of the cells before it (一级指标 over 二级指标), so a cell right of a plain
 * one-row cell is a one-row cell too, however empty its column is above and below. */
static bool nested(const block *bl, size_t nb, size_t i, int s, int e)
{
    for (size_t j = 0; j < nb; j++) {
        const block *l = &bl[j];
        if (j == i || l->x1 > bl[i].x0) continue;
        int ls = l->s >= 0 ? l->s : l->row, le = l->s >= 0 ? l->e : l->row;
        if (ls < 0 || le < s || ls > e) continue;   /* undecided, or not on these rows */
        if (ls > s || le < e) return false;
    }
    return true;
}

/* 2. clusters of block centres → rows; returns the number of rows (rw filled, top to bottom). */
static size_t make_rows(block *bl, size_t nb, cluster *cl, size_t *ncl, row *rw)
{
    size_t nc = 0;
    for (size_t i = 0; i < nb;) {
        double c0 = cy_of(&bl[i]), tol = ROW_TOL * bl[i].h;
        size_t j = i + 1;
        while (j < nb && cy_of(&bl[j]) - c0 <= tol) j++;
        cl[nc] = (cluster){.cy = c0, .first = i, .count = j - i, .is_row = j - i >= 2, .row = -1};
        for (size_t k = i; k < j; k++) bl[k].cluster = (int)nc;
        nc++;
        i = j;
    }
    bool any = false;
    for (size_t c = 0; c < nc; c++) any = any || cl[c].is_row;
    if (!any)
        for (size_t c = 0; c < nc; c++) cl[c].is_row = true;
    /* a lone block with a cell of the row above or below in its column is a row of its own */
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t c = 0; c < nc; c++) {
            if (cl[c].is_row) continue;
            const block *b = &bl[cl[c].first];
            for (int dir = -1; dir <= 1 && !cl[c].is_row; dir += 2) {
                int d = (int)c + dir;
                while (d >= 0 && d < (int)nc && !cl[d].is_row) d += dir;
                if (d < 0 || d >= (int)nc) continue;
                for (size_t k = cl[d].first; k < cl[d].first + cl[d].count; k++)
                    if (same_column(b, &bl[k])) {
                        cl[c].is_row = true;
                        changed = true;
                        break;
                    }
            }
        }
    }
    size_t nr = 0;
    for (size_t c = 0; c < nc; c++) {
        if (!cl[c].is_row) continue;
        row *r = &rw[nr];
        *r = (row){.top = 1e9, .bot = -1e9};
        for (size_t k = cl[c].first; k < cl[c].first + cl[c].count; k++) {
            if (bl[k].y0 < r->top) r->top = bl[k].y0;
            if (bl[k].y1 > r->bot) r->bot = bl[k].y1;
            bl[k].row = (int)nr;
        }
        r->cy = (r->top + r->bot) / 2;
        cl[c].row = (int)nr++;
    }
    *ncl = nc;
    return nr;
}

/* 3. the rows each block covers. */
static void make_spans(block *bl, size_t nb, const row *rw, size_t nr)
{
    for (size_t i = 0; i < nb; i++) {
        block *b = &bl[i];
        double cy = cy_of(b);
        int s, e;
        if (b->row >= 0) {
            s = e = b->row;
        } else {
            int above = -1, below = -1;
            for (size_t r = 0; r < nr; r++) {
                if (rw[r].cy <= cy) above = (int)r;
                else if (below < 0) below = (int)r;
            }
            s = above >= 0 && row_free(bl, nb, i, above) ? above : below;
            e = below >= 0 && row_free(bl, nb, i, below) ? below : above;
            if (s < 0) s = e;
            if (e < 0) e = s;
            if (s > e) s = e;   /* both neighbours taken: the one above */
        }
        int smin = s, emax = e;
        while (smin > 0 && row_free(bl, nb, i, smin - 1)) smin--;
        while (emax + 1 < (int)nr && row_free(bl, nb, i, emax + 1)) emax++;
        int bs = s, be = e, wide = -1;
        double bd = 1e9;
        for (int x = smin; x <= s; x++)
            for (int y = e; y <= emax; y++) {
                if ((x != s || y != e) && !nested(bl, nb, i, x, y)) continue;
                double d = fabs((rw[x].top + rw[y].bot) / 2 - cy);
                bool fits = d <= SPAN_TOL * b->h;
                if ((fits && y - x > wide) || (wide < 0 && !fits && d < bd)) {
                    bs = x;
                    be = y;
                    bd = d;
                    if (fits) wide = y - x;
                }
            }
        b->s = bs;
        b->e = be;
    }
}

static int cmp_block_x(const void *a, const void *b)
{
    const block *x = *(const block *const *)a, *y = *(const block *const *)b;
    return (x->x0 > y->x0) - (x->x0 < y->x0);
}

/* 4. one row's cells in columns, written through fn. */
static void emit_row(ys_arena *a, row *rw, size_t r, block **cells, size_t nc, ys_pdf_row_fn fn, void *arg)
{
    qsort(cells, nc, sizeof *cells, cmp_block_x);
    int *col = ys_arena_calloc(a, nc ? nc : 1, sizeof *col);
    const row *ref = NULL;
    for (size_t p = r; p-- > 0 && !ref;)
        if (rw[p].nb >= nc && rw[p].nb) ref = &rw[p];
    bool fit = ref != NULL;
    if (ref) {
        bool *used = ys_arena_calloc(a, ref->nb, sizeof *used);
        for (size_t i = 0; i < nc && fit; i++) {
            int best = -1;
            double bo = -1e9;
            for (size_t j = 0; j < ref->nb; j++) {
                double lo = j ? (ref->bx1[j - 1] + ref->bx0[j]) / 2 : -1e9;
                double hi = j + 1 < ref->nb ? (ref->bx1[j] + ref->bx0[j + 1]) / 2 : 1e9;
                double o = overlap(cells[i]->x0, cells[i]->x1, lo, hi);
                if (o > bo) {
                    bo = o;
                    best = (int)j;
                }
            }
            if (best < 0 || used[best] || (i && best <= col[i - 1])) fit = false;
            else {
                used[best] = true;
                col[i] = best;
            }
        }
    }
    size_t ncols;
    if (fit) {
        /* the reference's columns, re-measured on this row's own cells where it has them: the rows
         * below are cut by the texts of this part of the form, not of the part above it (a header laid
         * on the 预算数 row's columns must not cut 指标值 | 指标值确定依据 where 其他资金 | its amount are) */
        rw[r].bx0 = ys_arena_calloc(a, ref->nb, sizeof *rw[r].bx0);
        rw[r].bx1 = ys_arena_calloc(a, ref->nb, sizeof *rw[r].bx1);
        memcpy(rw[r].bx0, ref->bx0, ref->nb * sizeof *rw[r].bx0);
        memcpy(rw[r].bx1, ref->bx1, ref->nb * sizeof *rw[r].bx1);
        for (size_t i = 0; i < nc; i++) {
            rw[r].bx0[col[i]] = cells[i]->x0;
            rw[r].bx1[col[i]] = cells[i]->x1;
        }
        rw[r].nb = ncols = ref->nb;
    } else {
        rw[r].bx0 = ys_arena_calloc(a, nc ? nc : 1, sizeof *rw[r].bx0);
        rw[r].bx1 = ys_arena_calloc(a, nc ? nc : 1, sizeof *rw[r].bx1);
        for (size_t i = 0; i < nc; i++) {
            rw[r].bx0[i] = cells[i]->x0;
            rw[r].bx1[i] = cells[i]->x1;
            col[i] = (int)i;
        }
        rw[r].nb = ncols = nc;
    }
    ys_buf o = YS_BUF_INIT;
    for (size_t j = 0, i = 0; j < ncols; j++) {
        if (j) ys_buf_addc(&o, '\t');
        if (i < nc && col[i] == (int)j) ys_buf_adds(&o, cells[i++]->text);
    }
    fn(arg, ys_buf_str(&o));
    ys_buf_release(&o);
}

size_t ys_pdf_rows_form(ys_arena *a, const ys_pdf_frag *f, size_t n, ys_pdf_row_fn fn, void *arg)
{
    if (!n) return 0;
    block *bl = ys_arena_calloc(a, n, sizeof *bl);
    size_t nb = make_blocks(a, f, n, bl);
    qsort(bl, nb, sizeof *bl, cmp_block_cy);
    for (size_t i = 0; i < nb; i++) {
        bl[i].row = -1;
        bl[i].s = bl[i].e = -1;
    }
    cluster *cl = ys_arena_calloc(a, nb, sizeof *cl);
    row *rw = ys_arena_calloc(a, nb, sizeof *rw);
    size_t ncl = 0, nr = make_rows(bl, nb, cl, &ncl, rw);
    make_spans(bl, nb, rw, nr);
    block **cells = ys_arena_calloc(a, nb, sizeof *cells);
    size_t written = 0;
    for (size_t r = 0; r < nr; r++) {
        size_t nc = 0;
        for (size_t i = 0; i < nb; i++)
            if (bl[i].s == (int)r) cells[nc++] = &bl[i];
        if (!nc) continue;
        emit_row(a, rw, r, cells, nc, fn, arg);
        written++;
    }
    return written;
}
