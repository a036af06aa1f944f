/*
 * pdf.c — the PDF renderer (ys_render_pdf of render/render.h): the document a department publishes,
 * drawn with cairo and pango in Noto Sans/Serif CJK SC from a ys_disclosure alone.
 *
 * Order of the document: a cover page (department, year, 部门预算信息公开), a table of contents with
 * real page numbers, the nine standard tables on A4 landscape pages, then the 情况说明 on A4 portrait
 * pages with the organisation table, the project target tables (项目支出绩效目标表), procurement and
 * assets placed inside the sections that speak of them. Every page but the cover carries
 * "第 N 页 共 M 页" at its foot.
 *
 * Two passes render the same document: pass 1 lays everything out without drawing (the surface
 * discards its bytes) and records the page of every table-of-contents entry and the page count; pass 2
 * draws for real with those numbers. The layout is deterministic, so both passes paginate alike.
 *
 * Tables are grids of cells with column spans and row spans (gblock). A block is measured first (row
 * heights from the wrapped text of each cell), then drawn; rows are never split — a row that does not
 * fit goes to the next page, where the table's page header (department, 预算年度, 单位, column headers)
 * is drawn again. A row taller than a whole page (hostile input only) is drawn clipped.
 *
 * Text is never interpreted as markup (pango_layout_set_text); invalid UTF-8 and control characters
 * are replaced before they reach pango, and very long strings are shortened. The output is
 * reproducible: fixed creation and modification dates derived from the document year, fixed creator.
 * The file is written to a temporary file beside the target and renamed when complete.
 */
#include "core/display.h"
#include "render/render.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <pango/pangocairo.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/syserr.h"

/* ---- geometry and fonts --------------------------------------------------------------------------- */

#define A4_SHORT 595.276
#define A4_LONG 841.89
#define PAD_X 5.5          /* cell padding: texts of adjacent cells stay >= 1.2 em apart, so text
                              extraction (pdftotext, the PDF reader) sees the columns */
#define PAD_Y 2.5
#define PAD_Y_HEAD 5.0     /* header cells: a group header and the leaves under it are further apart
                              than the lines of one wrapped header cell */
#define MIN_ROW 15.0
#define MAX_TEXT 3000      /* bytes of one text drawn; longer text is shortened */
#define MAX_SPAN 256       /* rows one cell may span */
#define SANS "Noto Sans CJK SC"
#define SERIF "Noto Serif CJK SC"

enum { ST_LEFT, ST_CENTER, ST_RIGHT, ST_HEAD };   /* cell styles; ST_HEAD = bold, centred, shaded */

typedef struct {
    int col, span, rowspan;
    const char *text;
    int style;
} gcell;

typedef struct {
    size_t first, n;   /* cells[first .. first+n) */
    double h;
} grow;

/* A grid: rows of cells over ncols columns whose boundaries are x[0..ncols]. */
typedef struct {
    gcell *cells;
    size_t ncells, ccap;
    grow *rows;
    size_t nrows, rcap;
    int ncols;
    double *x;
    PangoFontDescription *font, *bold;
} gblock;

typedef struct {
    const char *title;
    int page;
} toc_item;

typedef struct pdf pdf;
typedef void (*page_cb)(pdf *P, void *arg);   /* redraws a table's header on a continuation page */

struct pdf {
    const ys_disclosure *d;
    cairo_surface_t *surf;
    cairo_t *cr;
    PangoContext *pc;
    PangoLayout *lay;     /* the layout every short text goes through */
    PangoLayout *play;    /* the layout of the paragraph being drawn */
    PangoFontDescription *f_cell, *f_cell_b, *f_small, *f_small_b, *f_body, *f_h1, *f_h2, *f_title,
        *f_cover, *f_cover2, *f_foot;
    bool draw;            /* pass 2 */
    int page, total;
    bool open, landscape;
    double pw, ph, left, right, top, bottom, y, body_top;
    toc_item *toc;
    size_t ntoc;
    ys_arena *arena;      /* formatted strings of one render */
    ys_buf clean;         /* sanitised text */
    page_cb cb;
    void *cb_arg;
};

/* ---- text -------------------------------------------------------------------------------------------- */

/* Copy s into P->clean: invalid UTF-8 → U+FFFD, control characters → space (newlines kept when
 * keep_nl), at most MAX_TEXT bytes (then "…"). */
static const char *clean_text(pdf *P, const char *s, bool keep_nl)
{
    ys_buf_reset(&P->clean);
    if (!s) return ys_buf_str(&P->clean);
    /* full-width punctuation where the text is Chinese (core/display.h) */
    ys_buf disp = YS_BUF_INIT;
    ys_text_display_into(&disp, s);
    s = ys_buf_str(&disp);
    const char *p = s, *end = s + strlen(s);
    while (p < end) {
        if (P->clean.len >= MAX_TEXT) {
            ys_buf_adds(&P->clean, "…");
            break;
        }
        unsigned char c = (unsigned char)*p;
        if (c < 0x80) {
            if (c == '\n' && keep_nl) ys_buf_addc(&P->clean, '\n');
            else if (c < 0x20 || c == 0x7f) ys_buf_addc(&P->clean, ' ');
            else ys_buf_addc(&P->clean, (char)c);
            p++;
            continue;
        }
        gunichar u = g_utf8_get_char_validated(p, end - p);
        if (u == (gunichar)-1 || u == (gunichar)-2) {
            ys_buf_adds(&P->clean, "\xEF\xBF\xBD");
            p++;
            continue;
        }
        const char *next = g_utf8_next_char(p);
        if ((u >= 0x80 && u < 0xa0) || u == 0x2028 || u == 0x2029) ys_buf_addc(&P->clean, ' ');
        else ys_buf_add(&P->clean, p, (size_t)(next - p));
        p = next;
    }
    ys_buf_release(&disp);
    return ys_buf_str(&P->clean);
}

/* Put text on the layout: width in points (<= 0: no wrapping). */
static void set_text_on(pdf *P, PangoLayout *L, const PangoFontDescription *font, const char *text,
                        double width, PangoAlignment align, bool justify, double indent)
{
    pango_layout_set_font_description(L, font);
    pango_layout_set_width(L, width > 0 ? (int)(width * PANGO_SCALE) : -1);
    pango_layout_set_wrap(L, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(L, align);
    pango_layout_set_justify(L, justify);
    pango_layout_set_indent(L, (int)(indent * PANGO_SCALE));
    pango_layout_set_ellipsize(L, PANGO_ELLIPSIZE_NONE);
    pango_layout_set_text(L, clean_text(P, text, true), -1);
}

static void set_text(pdf *P, const PangoFontDescription *font, const char *text, double width,
                     PangoAlignment align, bool justify, double indent)
{
    set_text_on(P, P->lay, font, text, width, align, justify, indent);
}

static double text_height(pdf *P)
{
    int w, h;
    pango_layout_get_size(P->lay, &w, &h);
    return h / (double)PANGO_SCALE;
}

static double text_width(pdf *P)
{
    int w, h;
    pango_layout_get_size(P->lay, &w, &h);
    return w / (double)PANGO_SCALE;
}

static void show_at(pdf *P, double x, double y)
{
    if (!P->draw) return;
    cairo_move_to(P->cr, x, y);
    pango_cairo_show_layout(P->cr, P->lay);
}

/* One line of text at the cursor, aligned within [left, right]; advances the cursor. */
static void text_line(pdf *P, const PangoFontDescription *font, const char *text, PangoAlignment align,
                      double gap_after)
{
    set_text(P, font, text, P->right - P->left, align, false, 0);
    show_at(P, P->left, P->y);
    P->y += text_height(P) + gap_after;
}

/* ---- pages ------------------------------------------------------------------------------------------- */

static void close_page(pdf *P)
{
    if (!P->open) return;
    if (P->page > 1 && P->draw) {
        char foot[64];
        snprintf(foot, sizeof foot, "第 %d 页 共 %d 页", P->page, P->total);
        set_text(P, P->f_foot, foot, P->pw, PANGO_ALIGN_CENTER, false, 0);
        show_at(P, 0, P->ph - 30);
    }
    if (P->draw) cairo_show_page(P->cr);
    P->open = false;
}

static void new_page(pdf *P, bool landscape)
{
    close_page(P);
    P->page++;
    P->open = true;
    P->landscape = landscape;
    P->pw = landscape ? A4_LONG : A4_SHORT;
    P->ph = landscape ? A4_SHORT : A4_LONG;
    cairo_pdf_surface_set_size(P->surf, P->pw, P->ph);
    double mx = landscape ? 36 : 56;
    P->left = mx;
    P->right = P->pw - mx;
    P->top = landscape ? 34 : 52;
    P->bottom = P->ph - (landscape ? 44 : 56);
    P->y = P->body_top = P->top;
}

/* A new page of the same orientation, with the current table header redrawn. */
static void continue_page(pdf *P)
{
    new_page(P, P->landscape);
    if (P->cb) P->cb(P, P->cb_arg);
    P->body_top = P->y;
}

static void ensure_orientation(pdf *P, bool landscape)
{
    if (!P->open || P->landscape != landscape) new_page(P, landscape);
}

/* Start the next element on a fresh page unless h points fit below the cursor. */
static void keep(pdf *P, double h)
{
    if (P->y + h > P->bottom && P->y > P->body_top + 0.5) continue_page(P);
}

static void anchor(pdf *P, size_t idx, const char *title)
{
    if (idx >= P->ntoc) return;
    if (!P->draw) P->toc[idx].page = P->page;
    else {
        char dest[48];
        snprintf(dest, sizeof dest, "page=%d pos=[0 %d]", P->page, (int)P->y);
        cairo_pdf_surface_add_outline(P->surf, CAIRO_PDF_OUTLINE_ROOT, clean_text(P, title, false), dest, 0);
    }
}

/* ---- paragraphs ------------------------------------------------------------------------------------- */

/* A paragraph wrapped to the text width, justified, broken across pages between lines. */
static void paragraph(pdf *P, const PangoFontDescription *font, const char *text, double indent,
                      bool justify, double leading)
{
    /* its own layout: a page break in the middle draws the footer and headers with P->lay */
    set_text_on(P, P->play, font, text, P->right - P->left, PANGO_ALIGN_LEFT, justify, indent);
    PangoLayoutIter *it = pango_layout_get_iter(P->play);
    do {
        PangoRectangle log;
        pango_layout_iter_get_line_extents(it, NULL, &log);
        int base = pango_layout_iter_get_baseline(it);
        double lh = log.height / (double)PANGO_SCALE;
        if (P->y + lh > P->bottom && P->y > P->body_top + 0.5) continue_page(P);
        if (P->draw) {
            PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
            cairo_move_to(P->cr, P->left + log.x / (double)PANGO_SCALE,
                          P->y + (base - log.y) / (double)PANGO_SCALE);
            pango_cairo_show_layout_line(P->cr, line);
        }
        P->y += lh * leading;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
}

/* Paragraphs of a text joined by "\n" (empty ones skipped). */
static void paragraphs(pdf *P, const char *text, double gap)
{
    if (!text) return;
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        size_t k = 0;
        while (k < n && (p[k] == ' ' || p[k] == '\t')) k++;
        if (k < n) {
            char *one = ys_arena_strndup(P->arena, p + k, n - k);
            paragraph(P, P->f_body, one, 22, true, 1.45);
            P->y += gap;
        }
        p = nl ? nl + 1 : p + n;
    }
}

/* ---- grids ------------------------------------------------------------------------------------------- */

static void block_init(gblock *b, int ncols, double *x, PangoFontDescription *font, PangoFontDescription *bold)
{
    memset(b, 0, sizeof *b);
    b->ncols = ncols;
    b->x = x;
    b->font = font;
    b->bold = bold;
}

static void block_release(gblock *b)
{
    free(b->cells);
    free(b->rows);
    memset(b, 0, sizeof *b);
}

static void block_row(gblock *b)
{
    if (b->nrows == b->rcap) {
        b->rcap = b->rcap ? b->rcap * 2 : 16;
        b->rows = ys_xrealloc(b->rows, b->rcap * sizeof *b->rows);
    }
    b->rows[b->nrows].first = b->ncells;
    b->rows[b->nrows].n = 0;
    b->rows[b->nrows].h = 0;
    b->nrows++;
}

static void block_cell(gblock *b, int col, int span, int rowspan, const char *text, int style)
{
    if (!b->nrows || col < 0 || col >= b->ncols || span < 1) return;
    if (col + span > b->ncols) span = b->ncols - col;
    if (b->ncells == b->ccap) {
        b->ccap = b->ccap ? b->ccap * 2 : 64;
        b->cells = ys_xrealloc(b->cells, b->ccap * sizeof *b->cells);
    }
    gcell c = {col, span, rowspan < 1 ? 1 : rowspan > MAX_SPAN ? MAX_SPAN : rowspan, text ? text : "", style};
    b->cells[b->ncells++] = c;
    b->rows[b->nrows - 1].n++;
}

static void cell_layout(pdf *P, const gblock *b, const gcell *c)
{
    double w = b->x[c->col + c->span] - b->x[c->col] - 2 * PAD_X;
    PangoAlignment al = c->style == ST_RIGHT ? PANGO_ALIGN_RIGHT
                        : c->style == ST_LEFT ? PANGO_ALIGN_LEFT
                                              : PANGO_ALIGN_CENTER;
    set_text(P, c->style == ST_HEAD ? b->bold : b->font, c->text, w > 4 ? w : 4, al, false, 0);
}

static double pad_y(const gcell *c)
{
    return c->style == ST_HEAD ? PAD_Y_HEAD : PAD_Y;
}

/* Row heights from the wrapped text; row-spanning cells stretch their last row. Returns the total. */
static double block_measure(pdf *P, gblock *b)
{
    double total = 0;
    for (size_t r = 0; r < b->nrows; r++) {
        double h = MIN_ROW;
        for (size_t k = 0; k < b->rows[r].n; k++) {
            const gcell *c = &b->cells[b->rows[r].first + k];
            if (c->rowspan > 1 || !*c->text) continue;
            cell_layout(P, b, c);
            double th = text_height(P) + 2 * pad_y(c);
            if (th > h) h = th;
        }
        b->rows[r].h = h;
    }
    for (size_t r = 0; r < b->nrows; r++)
        for (size_t k = 0; k < b->rows[r].n; k++) {
            const gcell *c = &b->cells[b->rows[r].first + k];
            if (c->rowspan <= 1 || !*c->text) continue;
            size_t last = r + (size_t)c->rowspan - 1;
            if (last >= b->nrows) last = b->nrows - 1;
            double have = 0;
            for (size_t q = r; q <= last; q++) have += b->rows[q].h;
            cell_layout(P, b, c);
            double need = text_height(P) + 2 * pad_y(c);
            if (need > have) b->rows[last].h += need - have;
        }
    for (size_t r = 0; r < b->nrows; r++) total += b->rows[r].h;
    return total;
}

/* Draw one cell's part over rows [r0, r1) at y .. y+h; text only when it starts here. */
static void draw_cell(pdf *P, const gblock *b, const gcell *c, double y, double h, bool with_text)
{
    double x0 = b->x[c->col], x1 = b->x[c->col + c->span];
    cairo_t *cr = P->cr;
    if (c->style == ST_HEAD) {
        cairo_set_source_rgb(cr, 0.92, 0.93, 0.95);
        cairo_rectangle(cr, x0, y, x1 - x0, h);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
    }
    if (with_text && *c->text) {
        cell_layout(P, b, c);
        double th = text_height(P);
        double ty = y + (h - th) / 2;
        if (ty < y + pad_y(c)) ty = y + pad_y(c);
        show_at(P, x0 + PAD_X, ty);
    }
}

/* Draw rows [r0, r1) from the cursor down; cells spanning in from rows above r0 are drawn empty. */
static void draw_segment(pdf *P, const gblock *b, size_t r0, size_t r1)
{
    double *ys = malloc((r1 - r0 + 1) * sizeof *ys);
    if (!ys) return;
    ys[0] = P->y;
    for (size_t r = r0; r < r1; r++) ys[r - r0 + 1] = ys[r - r0] + b->rows[r].h;
    if (P->draw) {
        cairo_t *cr = P->cr;
        bool clip = ys[r1 - r0] > P->bottom + 0.5;
        cairo_save(cr);
        if (clip) {
            cairo_rectangle(cr, 0, P->y, P->pw, P->bottom - P->y);
            cairo_clip(cr);
        }
        /* pass 1: fills and text; pass 2: borders in one stroke */
        for (int pass = 0; pass < 2; pass++) {
            for (size_t r = r0 > MAX_SPAN ? r0 - MAX_SPAN : 0; r < r1; r++) {
                for (size_t k = 0; k < b->rows[r].n; k++) {
                    const gcell *c = &b->cells[b->rows[r].first + k];
                    size_t end = r + (size_t)c->rowspan;   /* exclusive */
                    if (end <= r0) continue;
                    size_t a = r < r0 ? r0 : r, e = end < r1 ? end : r1;
                    double y = ys[a - r0], h = ys[e - r0] - y;
                    if (pass == 0) draw_cell(P, b, c, y, h, r >= r0);
                    else cairo_rectangle(cr, b->x[c->col], y, b->x[c->col + c->span] - b->x[c->col], h);
                }
            }
        }
        cairo_set_line_width(cr, 0.5);
        cairo_stroke(cr);
        cairo_restore(cr);
    }
    P->y = ys[r1 - r0];
    free(ys);
}

/* Draw a measured block from the cursor, breaking between rows onto continuation pages. */
static void block_draw(pdf *P, const gblock *b)
{
    size_t r = 0;
    while (r < b->nrows) {
        size_t e = r;
        double y = P->y;
        while (e < b->nrows && y + b->rows[e].h <= P->bottom + 0.01) y += b->rows[e++].h;
        if (e == r) {
            if (P->y > P->body_top + 0.5) {
                continue_page(P);
                continue;
            }
            e = r + 1;   /* taller than a page: drawn clipped */
        }
        draw_segment(P, b, r, e);
        r = e;
        if (r < b->nrows) continue_page(P);
    }
}

/* Column boundaries for weights scaled to [left, right]; fixed widths where weight < 0 (-width). */
static double *columns(pdf *P, const double *wt, int n, double left, double right)
{
    double *x = ys_arena_calloc(P->arena, (size_t)n + 1, sizeof *x);
    double fixed = 0, sum = 0;
    for (int i = 0; i < n; i++) {
        if (wt[i] < 0) fixed += -wt[i];
        else sum += wt[i];
    }
    double unit = sum > 0 ? (right - left - fixed) / sum : 0;
    if (unit < 0) unit = 0;
    x[0] = left;
    for (int i = 0; i < n; i++) x[i + 1] = x[i] + (wt[i] < 0 ? -wt[i] : wt[i] * unit);
    return x;
}

/* ---- cells of the model ----------------------------------------------------------------------------- */

static ys_unit table_unit(const pdf *P, const ys_table *t)
{
    if (t && t->unit) return t->unit;
    if (P->d->meta.unit) return P->d->meta.unit;
    return YS_UNIT_YUAN;
}

static const char *cell_text(pdf *P, ys_unit unit, const ys_cell *c)
{
    char buf[YS_MONEY_BUFSZ];
    switch (c->kind) {
    case YS_CELL_MONEY:
        return ys_arena_strdup(P->arena, ys_money_format(c->money, unit, 2, buf, sizeof buf));
    case YS_CELL_QUANTITY:
        if (c->text && *c->text) return c->text;
        return ys_arena_printf(P->arena, "%lld", (long long)c->qty);
    case YS_CELL_TEXT:
        return c->text ? c->text : "";
    default:
        return "";
    }
}

/* ---- standard tables --------------------------------------------------------------------------------- */

enum { COL_SEQ, COL_CODE, COL_NAME, COL_DATA };

typedef struct {
    int kind, idx;   /* idx into t->cols for COL_DATA */
} colref;

/* Group headers over runs of columns, by table and key (the published template). */
static const struct {
    ys_table_id id;
    const char *title;
    const char *keys;   /* " key key " */
} GROUPS[] = {
    {YS_TABLE_SUMMARY, "收入", " in_item in_amount "},
    {YS_TABLE_SUMMARY, "支出", " out_item out_amount "},
    {YS_TABLE_FISCAL_SUMMARY, "收入", " in_item in_amount "},
    {YS_TABLE_FISCAL_SUMMARY, "支出", " out_item out_total out_gpb out_gov_fund out_soe "},
    {YS_TABLE_INCOME, "本年收入", " subtotal fiscal special business operating superior affiliated other "},
    {YS_TABLE_GPB_BASIC, "一般公共预算基本支出", " total personnel public "},
    {YS_TABLE_THREE_PUBLIC, "资金性质", " total gpb gov_fund soe "},
    {YS_TABLE_PROCUREMENT, "政府采购项目来源", " source_project source_amount "},
    {YS_TABLE_PROCUREMENT, "政府采购金额(当年部门预算安排资金)", " total gpb gov_fund soe special unit_funds "},
};

static int group_of(const ys_table *t, const colref *c)
{
    if (c->kind == COL_CODE || c->kind == COL_NAME) {
        if (c->kind == COL_NAME && t->id == YS_TABLE_THREE_PUBLIC) return -1;
        if (t->id == YS_TABLE_GPB_BASIC) return 1000;
        if (t->id >= YS_TABLE_INCOME && t->id <= YS_TABLE_SOE_CAPITAL && t->id != YS_TABLE_FISCAL_SUMMARY)
            return 1001;
        return -1;
    }
    if (c->kind != COL_DATA) return -1;
    const char *key = t->cols[c->idx].key;
    if (!key || !*key) return -1;
    char pat[64];
    snprintf(pat, sizeof pat, " %s ", key);
    for (size_t g = 0; g < sizeof GROUPS / sizeof GROUPS[0]; g++)
        if (GROUPS[g].id == t->id && strstr(GROUPS[g].keys, pat)) return (int)g;
    return -1;
}

static const char *group_title(int g)
{
    if (g == 1000) return "支出部门经济分类科目";
    if (g == 1001) return "功能分类科目";
    return GROUPS[g].title;
}

typedef struct {
    const ys_table *t;
    gblock head;
    double info_h;
    bool info;
    const char *dept, *year, *unit;
} tablectx;

static void table_page_header(pdf *P, void *arg)
{
    tablectx *tc = arg;
    if (tc->info) {
        double w = P->right - P->left;
        set_text(P, P->f_small, tc->dept, w, PANGO_ALIGN_LEFT, false, 0);
        show_at(P, P->left, P->y);
        set_text(P, P->f_small, tc->year, w, PANGO_ALIGN_CENTER, false, 0);
        show_at(P, P->left, P->y);
        set_text(P, P->f_small, tc->unit, w, PANGO_ALIGN_RIGHT, false, 0);
        show_at(P, P->left, P->y);
        P->y += tc->info_h + 4;
    }
    draw_segment(P, &tc->head, 0, tc->head.nrows);
}

/* The unit line beside the department: the unit text as printed when it is a unit line ("单位：万元"),
 * nothing when the unit is named in a column header (价值（金额单位：万元）: the text reader took the
 * unit from there, and a header text printed as the unit line would read as a header cell), else
 * "单位：" and the unit's name. As render/text.c does. */
static const char *unit_line(pdf *P, const ys_table *t)
{
    for (size_t i = 0; t->unit_text && i < t->ncols; i++)
        if (t->cols[i].header && strcmp(t->cols[i].header, t->unit_text) == 0) return "";
    if (t->unit_text && *t->unit_text && ys_unit_from_text(t->unit_text) == table_unit(P, t)) return t->unit_text;
    return ys_arena_printf(P->arena, "单位：%s", ys_unit_name(table_unit(P, t)));
}

static void render_table(pdf *P, const ys_table *t, bool standard)
{
    const ys_disclosure *d = P->d;
    bool two_sided = t->id == YS_TABLE_SUMMARY || t->id == YS_TABLE_FISCAL_SUMMARY;
    bool has_code = t->id == YS_TABLE_INCOME || t->id == YS_TABLE_EXPENSE || t->id == YS_TABLE_GPB_EXPENSE ||
                    t->id == YS_TABLE_GPB_BASIC || t->id == YS_TABLE_GOV_FUND || t->id == YS_TABLE_SOE_CAPITAL;
    bool has_name = !two_sided;
    if (t->id == YS_TABLE_PROCUREMENT) {
        has_name = false;
        for (size_t r = 0; r < t->nrows; r++)
            if (t->rows[r].name && *t->rows[r].name) has_name = true;
    }
    for (size_t r = 0; r < t->nrows && !has_code && !two_sided; r++)
        if (t->rows[r].code && *t->rows[r].code) has_code = true;

    int n = 0;
    colref *cr = ys_arena_calloc(P->arena, t->ncols + 3, sizeof *cr);
    double *wt = ys_arena_calloc(P->arena, t->ncols + 3, sizeof *wt);
    if (standard) cr[n].kind = COL_SEQ, wt[n++] = -30;
    if (has_code) cr[n].kind = COL_CODE, wt[n++] = -58;
    if (has_name) cr[n].kind = COL_NAME, wt[n++] = 3;
    for (size_t i = 0; i < t->ncols; i++) {
        cr[n].kind = COL_DATA, cr[n].idx = (int)i;
        switch (t->cols[i].kind) {
        case YS_COL_LABEL: wt[n] = 3; break;
        case YS_COL_TEXT: wt[n] = 1.6; break;
        case YS_COL_QUANTITY: wt[n] = 0.9; break;
        default: wt[n] = 1.2; break;
        }
        n++;
    }
    if (n == 0) return;
    double *x = columns(P, wt, n, P->left, P->right);
    bool small = t->ncols > 9;
    PangoFontDescription *font = small ? P->f_small : P->f_cell, *bold = small ? P->f_small_b : P->f_cell_b;

    tablectx tc;
    memset(&tc, 0, sizeof tc);
    tc.t = t;
    block_init(&tc.head, n, x, font, bold);
    int *grp = ys_arena_calloc(P->arena, (size_t)n, sizeof *grp);
    bool grouped = false;
    for (int i = 0; i < n; i++) {
        grp[i] = group_of(t, &cr[i]);
        if (grp[i] >= 0) grouped = true;
    }
    const char *name_head = has_code ? "科目名称" : t->id == YS_TABLE_ORGANISATION ? "单位名称" : "项目";
    for (int level = 0; level < (grouped ? 2 : 1); level++) {
        block_row(&tc.head);
        for (int i = 0; i < n; i++) {
            const char *leaf = cr[i].kind == COL_SEQ    ? "序号"
                               : cr[i].kind == COL_CODE ? "科目编码"
                               : cr[i].kind == COL_NAME ? name_head
                                                        : t->cols[cr[i].idx].header;
            if (level == 0 && grp[i] >= 0) {
                int j = i;
                while (j + 1 < n && grp[j + 1] == grp[i]) j++;
                block_cell(&tc.head, i, j - i + 1, 1, group_title(grp[i]), ST_HEAD);
                i = j;
            } else if (level == 0) {
                block_cell(&tc.head, i, 1, grouped ? 2 : 1, leaf, ST_HEAD);
            } else if (grp[i] >= 0) {
                block_cell(&tc.head, i, 1, 1, leaf, ST_HEAD);
            }
        }
    }
    if (standard) {
        block_row(&tc.head);
        for (int i = 0; i < n; i++)
            block_cell(&tc.head, i, 1, 1, i == 0 ? "栏次" : ys_arena_printf(P->arena, "%d", i), ST_CENTER);
    }
    double head_h = block_measure(P, &tc.head);

    /* department / year / unit line */
    char ybuf[32] = "";
    if (t->year_text && *t->year_text) snprintf(ybuf, sizeof ybuf, "%.20s", t->year_text);
    else if (d->meta.year > 0) snprintf(ybuf, sizeof ybuf, "%d", d->meta.year);
    if (standard) {
        tc.info = true;
        tc.dept = t->department ? t->department
                  : d->meta.department
                      ? ys_arena_printf(P->arena, "%s%s%s", d->meta.department_code ? d->meta.department_code : "",
                                        d->meta.department_code && *d->meta.department_code ? " " : "",
                                        d->meta.department)
                      : "";
        tc.year = *ybuf ? ys_arena_printf(P->arena, "%s年度：%s", ys_kind_name(d->meta.kind)[0] ? ys_kind_name(d->meta.kind) : "预算", ybuf) : "";
        tc.unit = unit_line(P, t);
    } else if (t->department || t->unit_text) {
        tc.info = true;
        tc.dept = t->department ? t->department : "";
        tc.year = "";
        tc.unit = unit_line(P, t);
    }
    if (tc.info) {
        set_text(P, P->f_small, "单位", 100, PANGO_ALIGN_LEFT, false, 0);
        tc.info_h = text_height(P);
    }

    /* body */
    gblock body;
    block_init(&body, n, x, font, bold);
    ys_unit unit = table_unit(P, t);
    for (size_t r = 0; r < t->nrows; r++) {
        const ys_row *row = &t->rows[r];
        block_row(&body);
        for (int i = 0; i < n; i++) {
            switch (cr[i].kind) {
            case COL_SEQ:
                block_cell(&body, i, 1, 1, row->seq >= 0 ? ys_arena_printf(P->arena, "%d", row->seq) : "", ST_CENTER);
                break;
            case COL_CODE: block_cell(&body, i, 1, 1, row->code, ST_LEFT); break;
            case COL_NAME: block_cell(&body, i, 1, 1, row->name, ST_LEFT); break;
            default: {
                const ys_cell *c = &row->cells[cr[i].idx];
                int st = (c->kind == YS_CELL_MONEY || c->kind == YS_CELL_QUANTITY) ? ST_RIGHT : ST_LEFT;
                block_cell(&body, i, 1, 1, cell_text(P, unit, c), st);
            }
            }
        }
    }
    block_measure(P, &body);

    /* title, then header + first row kept together */
    set_text(P, P->f_title, t->title ? t->title : ys_table_id_title(t->id), P->right - P->left, PANGO_ALIGN_CENTER,
             false, 0);
    double title_h = text_height(P) + 8;
    double first = body.nrows ? body.rows[0].h : 0;
    keep(P, title_h + (tc.info ? tc.info_h + 4 : 0) + head_h + first);
    text_line(P, P->f_title, t->title ? t->title : ys_table_id_title(t->id), PANGO_ALIGN_CENTER, 8);
    P->cb = table_page_header;
    P->cb_arg = &tc;
    table_page_header(P, &tc);
    P->body_top = P->y;
    block_draw(P, &body);
    P->cb = NULL;
    P->cb_arg = NULL;
    block_release(&body);
    block_release(&tc.head);
    if (t->note && *t->note) {
        P->y += 6;
        const char *p = t->note;
        while (*p) {
            const char *nl = strchr(p, '\n');
            size_t len = nl ? (size_t)(nl - p) : strlen(p);
            if (len) paragraph(P, P->f_small, ys_arena_strndup(P->arena, p, len), 0, false, 1.2);
            p = nl ? nl + 1 : p + len;
        }
    }
    P->y += 12;
}

/* ---- projects ---------------------------------------------------------------------------------------- */

static void render_project(pdf *P, const ys_project *pj)
{
    static const double wt[7] = {72, 70, 72, 72, 72, 70, 87};   /* labels fit on one or two lines */
    double *x = columns(P, wt, 7, P->left, P->right);
    gblock b;
    block_init(&b, 7, x, P->f_small, P->f_small_b);
    ys_unit unit = pj->unit ? pj->unit : table_unit(P, NULL);

    block_row(&b);
    block_cell(&b, 0, 1, 1, "项目编码", ST_HEAD);
    block_cell(&b, 1, 2, 1, pj->code, ST_LEFT);
    block_cell(&b, 3, 1, 1, "项目名称", ST_HEAD);
    block_cell(&b, 4, 3, 1, pj->name, ST_LEFT);
    block_row(&b);
    block_cell(&b, 0, 1, 2, "预算规模及资金用途", ST_HEAD);
    block_cell(&b, 1, 1, 1, "预算数", ST_HEAD);
    block_cell(&b, 2, 1, 1, cell_text(P, unit, &pj->budget), ST_RIGHT);
    block_cell(&b, 3, 1, 1, "其中：财政资金", ST_HEAD);
    block_cell(&b, 4, 1, 1, cell_text(P, unit, &pj->fiscal), ST_RIGHT);
    block_cell(&b, 5, 1, 1, "其他资金", ST_HEAD);
    block_cell(&b, 6, 1, 1, cell_text(P, unit, &pj->other), ST_RIGHT);
    block_row(&b);
    block_cell(&b, 1, 6, 1, pj->purpose, ST_LEFT);

    size_t ns = pj->nschedule, per = 6;
    size_t chunks = ns ? (ns + per - 1) / per : 1;
    const char *sched = pj->schedule_percent ? "资金支出计划（%）"
                        : ys_arena_printf(P->arena, "资金支出计划（%s）", ys_unit_name(unit));
    for (size_t ch = 0; ch < chunks; ch++) {
        size_t a = ch * per, e = a + per < ns ? a + per : ns, m = e - a;
        for (int line = 0; line < 2; line++) {
            block_row(&b);
            if (ch == 0 && line == 0) block_cell(&b, 0, 1, (int)(2 * chunks), sched, ST_HEAD);
            if (m == 0) {
                block_cell(&b, 1, 6, 1, "", ST_CENTER);
                continue;
            }
            int base = (int)(6 / m), rem = (int)(6 % m), col = 1;
            for (size_t k = 0; k < m; k++) {
                int span = base + ((int)k >= (int)m - rem ? 1 : 0);
                const ys_schedule_point *sp = &pj->schedule[a + k];
                if (line == 0) block_cell(&b, col, span, 1, sp->label, ST_HEAD);
                else block_cell(&b, col, span, 1, cell_text(P, unit, &sp->value), ST_CENTER);
                col += span;
            }
        }
    }
    block_row(&b);
    block_cell(&b, 0, 1, 1, "绩效目标", ST_HEAD);
    block_cell(&b, 1, 6, 1, pj->goal, ST_LEFT);
    block_row(&b);
    block_cell(&b, 0, 1, 1, "一级指标", ST_HEAD);
    block_cell(&b, 1, 1, 1, "二级指标", ST_HEAD);
    block_cell(&b, 2, 1, 1, "三级指标", ST_HEAD);
    block_cell(&b, 3, 2, 1, "绩效指标描述", ST_HEAD);
    block_cell(&b, 5, 1, 1, "指标值", ST_HEAD);
    block_cell(&b, 6, 1, 1, "指标值确定依据", ST_HEAD);
    for (size_t i = 0; i < pj->nindicators; i++) {
        const ys_indicator *in = &pj->indicators[i];
        const char *l1 = in->level1 ? in->level1 : "";
        bool cont = i > 0 && (!*l1 || strcmp(l1, pj->indicators[i - 1].level1 ? pj->indicators[i - 1].level1 : "") == 0);
        block_row(&b);
        if (!cont) {
            size_t k = i + 1;
            while (k < pj->nindicators && k - i < 40) {
                const char *n1 = pj->indicators[k].level1 ? pj->indicators[k].level1 : "";
                if (*n1 && strcmp(n1, l1) != 0) break;
                k++;
            }
            block_cell(&b, 0, 1, (int)(k - i), l1, ST_CENTER);
        } else if (*l1 && i >= 40 && (i % 40) == 0) {
            block_cell(&b, 0, 1, 1, "", ST_CENTER);
        }
        block_cell(&b, 1, 1, 1, in->level2, ST_LEFT);
        block_cell(&b, 2, 1, 1, in->level3, ST_LEFT);
        block_cell(&b, 3, 2, 1, in->description, ST_LEFT);
        block_cell(&b, 5, 1, 1, in->value, ST_CENTER);
        block_cell(&b, 6, 1, 1, in->basis, ST_LEFT);
    }
    double h = block_measure(P, &b);

    const char *title = pj->title && *pj->title ? pj->title
                        : pj->seq > 0 ? ys_arena_printf(P->arena, "%d、%s绩效目标表", pj->seq, pj->name ? pj->name : "")
                                      : ys_arena_printf(P->arena, "%s绩效目标表", pj->name ? pj->name : "");
    set_text(P, P->f_h2, title, P->right - P->left, PANGO_ALIGN_CENTER, false, 0);
    double th = text_height(P) + 4;
    set_text(P, P->f_small, "单位", 100, PANGO_ALIGN_LEFT, false, 0);
    double uh = text_height(P) + 3;
    keep(P, th + uh + h);
    text_line(P, P->f_h2, title, PANGO_ALIGN_CENTER, 4);
    text_line(P, P->f_small, ys_arena_printf(P->arena, "单位：%s", ys_unit_name(unit)), PANGO_ALIGN_RIGHT, 3);
    block_draw(P, &b);
    block_release(&b);
    P->y += 16;
}

/* ---- the document ------------------------------------------------------------------------------------ */

static const char *dept_name(const pdf *P)
{
    return P->d->meta.department && *P->d->meta.department ? P->d->meta.department : "";
}

static void cover(pdf *P)
{
    new_page(P, false);
    char year[32] = "";
    if (P->d->meta.year > 0) snprintf(year, sizeof year, "%d年", P->d->meta.year);
    P->y = 250;
    text_line(P, P->f_cover, dept_name(P), PANGO_ALIGN_CENTER, 30);
    text_line(P, P->f_cover2, ys_arena_printf(P->arena, "%s部门%s信息公开", year,
                                               P->d->meta.kind == YS_KIND_FINAL ? "决算" : "预算"),
              PANGO_ALIGN_CENTER, 0);
    if (P->d->meta.region && *P->d->meta.region) {
        P->y = P->ph - 200;
        text_line(P, P->f_h2, P->d->meta.region, PANGO_ALIGN_CENTER, 6);
    }
}

static void contents(pdf *P)
{
    new_page(P, false);
    text_line(P, P->f_title, "目录", PANGO_ALIGN_CENTER, 18);
    double w = P->right - P->left;
    for (size_t i = 0; i < P->ntoc; i++) {
        set_text(P, P->f_body, "1", 0, PANGO_ALIGN_LEFT, false, 0);
        double lh = text_height(P) + 9;
        if (P->y + lh > P->bottom) new_page(P, false);
        bool sub = strstr(P->toc[i].title, "、") != NULL;
        double indent = sub ? 22 : 0;
        char num[16];
        snprintf(num, sizeof num, "%d", P->toc[i].page);
        set_text(P, P->f_body, num, w, PANGO_ALIGN_RIGHT, false, 0);
        double nw = 0;
        {
            PangoRectangle ink, log;
            pango_layout_get_pixel_extents(P->lay, &ink, &log);
            nw = log.width;
        }
        show_at(P, P->left, P->y);
        set_text(P, P->f_body, P->toc[i].title, w - indent - 60, PANGO_ALIGN_LEFT, false, 0);
        pango_layout_set_ellipsize(P->lay, PANGO_ELLIPSIZE_END);
        double tw = text_width(P);
        show_at(P, P->left + indent, P->y);
        if (P->draw) {
            double x0 = P->left + indent + tw + 6, x1 = P->right - nw - 6, yb = P->y + lh - 13;
            if (x1 > x0) {
                double dash[2] = {0.1, 4};
                cairo_save(P->cr);
                cairo_set_line_width(P->cr, 1.2);
                cairo_set_line_cap(P->cr, CAIRO_LINE_CAP_ROUND);
                cairo_set_dash(P->cr, dash, 2, 0);
                cairo_move_to(P->cr, x0, yb);
                cairo_line_to(P->cr, x1, yb);
                cairo_stroke(P->cr);
                cairo_restore(P->cr);
            }
            char link[96];
            snprintf(link, sizeof link, "rect=[%d %d %d %d] page=%d", (int)P->left, (int)P->y, (int)w, (int)lh,
                     P->toc[i].page > 0 ? P->toc[i].page : 1);
            cairo_tag_begin(P->cr, CAIRO_TAG_LINK, link);
            cairo_tag_end(P->cr, CAIRO_TAG_LINK);
        }
        P->y += lh;
    }
}

static bool has(const char *s, const char *w)
{
    return s && strstr(s, w) != NULL;
}

static void embedded_table(pdf *P, const ys_table *t)
{
    if (!t) return;
    bool wide = t->ncols > 6;
    if (wide) new_page(P, true);
    else ensure_orientation(P, false);
    render_table(P, t, false);
}

static void projects(pdf *P)
{
    for (size_t i = 0; i < P->d->nprojects; i++) {
        ensure_orientation(P, false);
        render_project(P, &P->d->projects[i]);
    }
}

static void narrative(pdf *P, size_t toc_first)
{
    const ys_disclosure *d = P->d;
    bool placed_org = false, placed_proj = false, placed_proc = false, placed_assets = false;
    new_page(P, false);
    size_t s0 = 0;
    const char *head = NULL;
    if (d->nsections && (!d->sections[0].number || !*d->sections[0].number) && d->sections[0].title &&
        *d->sections[0].title)
        head = d->sections[0].title;
    else
        head = ys_arena_printf(P->arena, "%s %d 年部门预算信息公开情况说明", dept_name(P), d->meta.year);
    anchor(P, toc_first, "部门预算信息公开情况说明");
    paragraph(P, P->f_title, head, 0, false, 1.0);
    P->y += 12;
    size_t ti = toc_first + 1;
    for (size_t i = s0; i < d->nsections; i++) {
        const ys_section *s = &d->sections[i];
        ensure_orientation(P, false);
        bool numbered = s->number && *s->number;
        if (numbered) {
            char *h = ys_arena_printf(P->arena, "%s、%s", s->number, s->title ? s->title : "");
            keep(P, 60);
            P->y += 6;
            anchor(P, ti++, h);
            paragraph(P, P->f_h1, h, 0, false, 1.0);
            P->y += 8;
        } else if (i > 0 && s->title && *s->title) {
            paragraph(P, P->f_h1, s->title, 0, false, 1.0);
            P->y += 8;
        }
        paragraphs(P, s->text, 4);
        const char *t = s->title;
        if (!placed_org && has(t, "机构设置") && d->tables[YS_TABLE_ORGANISATION]) {
            embedded_table(P, d->tables[YS_TABLE_ORGANISATION]);
            placed_org = true;
        }
        if (!placed_proj && has(t, "项目") && !has(t, "专项") && d->nprojects) {
            projects(P);
            placed_proj = true;
        }
        if (!placed_proc && has(t, "政府采购") && d->tables[YS_TABLE_PROCUREMENT]) {
            embedded_table(P, d->tables[YS_TABLE_PROCUREMENT]);
            placed_proc = true;
        }
        if (!placed_assets && has(t, "国有资产") && d->tables[YS_TABLE_ASSETS]) {
            embedded_table(P, d->tables[YS_TABLE_ASSETS]);
            placed_assets = true;
        }
    }
    if (!placed_org) embedded_table(P, d->tables[YS_TABLE_ORGANISATION]);
    if (!placed_proj) projects(P);
    if (!placed_proc) embedded_table(P, d->tables[YS_TABLE_PROCUREMENT]);
    if (!placed_assets) embedded_table(P, d->tables[YS_TABLE_ASSETS]);
}

static void document(pdf *P)
{
    const ys_disclosure *d = P->d;
    cover(P);
    contents(P);
    size_t ti = 0;
    for (int id = YS_TABLE_SUMMARY; id <= YS_TABLE_THREE_PUBLIC; id++) {
        const ys_table *t = d->tables[id];
        if (!t) continue;
        new_page(P, true);
        anchor(P, ti++, t->title ? t->title : ys_table_id_title(t->id));
        render_table(P, t, true);
    }
    narrative(P, ti);
    close_page(P);
}

/* The table of contents: the standard tables, the 情况说明 and its numbered sections. */
static void plan_toc(pdf *P)
{
    const ys_disclosure *d = P->d;
    size_t n = 0, cap = YS_TABLE__COUNT + d->nsections + 1;
    P->toc = ys_arena_calloc(P->arena, cap, sizeof *P->toc);
    for (int id = YS_TABLE_SUMMARY; id <= YS_TABLE_THREE_PUBLIC; id++)
        if (d->tables[id]) P->toc[n++].title = d->tables[id]->title ? d->tables[id]->title : ys_table_id_title(id);
    P->toc[n++].title = "部门预算信息公开情况说明";
    for (size_t i = 0; i < d->nsections; i++) {
        const ys_section *s = &d->sections[i];
        if (s->number && *s->number)
            P->toc[n++].title = ys_arena_printf(P->arena, "%s、%s", s->number, s->title ? s->title : "");
    }
    P->ntoc = n;
}

/* ---- passes and the file ----------------------------------------------------------------------------- */

static cairo_status_t write_cb(void *closure, const unsigned char *data, unsigned int len)
{
    FILE *f = closure;
    if (!f) return CAIRO_STATUS_SUCCESS;   /* pass 1 discards */
    return fwrite(data, 1, len, f) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static cairo_status_t run_pass(pdf *P, FILE *f)
{
    P->draw = f != NULL;
    P->page = 0;
    P->open = false;
    P->cb = NULL;
    P->surf = cairo_pdf_surface_create_for_stream(write_cb, f, A4_SHORT, A4_LONG);
    if (P->draw) {
        int year = P->d->meta.year >= 1900 && P->d->meta.year <= 9999 ? P->d->meta.year : 2000;
        char date[40];
        snprintf(date, sizeof date, "%04d-01-01T00:00:00", year);
        const char *kind = P->d->meta.kind == YS_KIND_FINAL ? "决算" : "预算";
        char *title = ys_arena_printf(P->arena, "%s %d年部门%s信息公开", dept_name(P), year, kind);
        cairo_pdf_surface_set_metadata(P->surf, CAIRO_PDF_METADATA_TITLE, clean_text(P, title, false));
        cairo_pdf_surface_set_metadata(P->surf, CAIRO_PDF_METADATA_AUTHOR, clean_text(P, dept_name(P), false));
        cairo_pdf_surface_set_metadata(P->surf, CAIRO_PDF_METADATA_CREATOR, "yusuan");
        cairo_pdf_surface_set_metadata(P->surf, CAIRO_PDF_METADATA_CREATE_DATE, date);
        cairo_pdf_surface_set_metadata(P->surf, CAIRO_PDF_METADATA_MOD_DATE, date);
    }
    P->cr = cairo_create(P->surf);
    P->pc = pango_cairo_create_context(P->cr);
    pango_cairo_context_set_resolution(P->pc, 72.0);
    pango_context_set_language(P->pc, pango_language_from_string("zh-cn"));
    P->lay = pango_layout_new(P->pc);
    P->play = pango_layout_new(P->pc);
    cairo_set_source_rgb(P->cr, 0, 0, 0);

    document(P);

    g_object_unref(P->lay);
    g_object_unref(P->play);
    g_object_unref(P->pc);
    cairo_destroy(P->cr);
    cairo_surface_finish(P->surf);
    cairo_status_t st = cairo_surface_status(P->surf);
    cairo_surface_destroy(P->surf);
    P->lay = NULL, P->play = NULL, P->pc = NULL, P->cr = NULL, P->surf = NULL;
    return st;
}

static PangoFontDescription *font(const char *family, int size, bool bold)
{
    PangoFontDescription *f = pango_font_description_new();
    pango_font_description_set_family(f, family);
    pango_font_description_set_size(f, size * PANGO_SCALE);
    pango_font_description_set_weight(f, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    return f;
}

ys_status ys_render_pdf(const ys_disclosure *d, const char *path, ys_diags *diags)
{
    if (!d || !path) return YS_ERR_USAGE;
    pdf P;
    memset(&P, 0, sizeof P);
    P.d = d;
    P.arena = ys_arena_new();
    ys_buf_init(&P.clean);
    P.f_cell = font(SANS, 9, false);
    P.f_cell_b = font(SANS, 9, true);
    P.f_small = font(SANS, 8, false);
    P.f_small_b = font(SANS, 8, true);
    P.f_body = font(SERIF, 11, false);
    P.f_h1 = font(SANS, 13, true);
    P.f_h2 = font(SANS, 11, true);
    P.f_title = font(SANS, 16, true);
    P.f_cover = font(SANS, 26, true);
    P.f_cover2 = font(SANS, 22, true);
    P.f_foot = font(SANS, 9, false);
    plan_toc(&P);

    ys_status st = YS_OK;
    size_t len = strlen(path) + 32;
    char *tmp = malloc(len);
    if (!tmp) st = YS_ERR_NOMEM;
    cairo_status_t cs = CAIRO_STATUS_SUCCESS;
    if (st == YS_OK) {
        cs = run_pass(&P, NULL);
        P.total = P.page;
        if (cs != CAIRO_STATUS_SUCCESS) {
            ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "生成 PDF 失败：%s", cairo_status_to_string(cs));
            st = YS_ERR_FORMAT;
        }
    }
    if (st == YS_OK) {
        snprintf(tmp, len, "%s.tmp.%ld", path, (long)getpid());
        FILE *f = fopen(tmp, "wb");
        if (!f) {
            ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "无法写入文件：%s", ys_syserr_text(errno));
            st = YS_ERR_IO;
        } else {
            cs = run_pass(&P, f);
            int bad = cs != CAIRO_STATUS_SUCCESS;
            bad |= fflush(f) != 0;
            bad |= fclose(f) != 0;
            if (bad || P.page != P.total || rename(tmp, path) != 0) {
                ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "写入 PDF 文件失败：%s",
                             cs != CAIRO_STATUS_SUCCESS ? cairo_status_to_string(cs) : ys_syserr_text(errno));
                remove(tmp);
                st = YS_ERR_IO;
            }
        }
    }
    free(tmp);
    PangoFontDescription *fonts[] = {P.f_cell, P.f_cell_b, P.f_small, P.f_small_b, P.f_body, P.f_h1,
                                     P.f_h2, P.f_title, P.f_cover, P.f_cover2, P.f_foot};
    for (size_t i = 0; i < sizeof fonts / sizeof fonts[0]; i++) pango_font_description_free(fonts[i]);
    ys_buf_release(&P.clean);
    ys_arena_free(P.arena);
    return st;
}
