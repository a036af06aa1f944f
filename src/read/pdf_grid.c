/*
 * pdf_grid.c — the geometric half of the PDF reader (read/pdf.h): the word boxes of a `pdftotext -tsv`
 * output → tab-separated lines in the layout of the published text, one line per visual row, one cell per
 * column band. Doubles are used for geometry only (points on the page); no money passes through here.
 *
 * Per page:
 *   1. words (level-5 rows) → visual lines: sorted by vertical centre, a word joins the current line when
 *      its box overlaps the line's first word by at least half the smaller height;
 *   2. line → cells: words left to right, a new cell where the gap exceeds CELL_GAP × the font height
 *      (two ASCII words of a cell are joined with a space only across a gap wider than WORD_SPACE);
 *   3. lines are classified: page number (dropped), meta (a cell with "：", written as its cells), tabular
 *      (two cells or more), single (one cell: titles, narrative, short header cells); a big line with its
 *      cells close (a title printed with wide spaces) and a justified prose line cut only where a figure
 *      meets the words, next to a line of its paragraph (prose_lines), are single;
 *   4. a zone is a run of tabular lines (with the short single lines inside it or just above it); its
 *      column bands are the x-extents of the cells of its data lines (lines with a number), merged where
 *      they overlap, plus the header cells of columns without data that sit at the leaf level of the
 *      header; split code columns (3-digit 类, then 2-digit 款, 项) are merged into one code band;
 *      a zone at the top of a page without a header inherits the bands of the previous page (unless
 *      the table ended with a 注/说明 note line); a zone of one or two centred numberless lines standing
 *      apart is a title (title_zone), written as text; a table
 *      without data (a blank template) takes its columns from its 栏次 numbers when it has them, else
 *      from its header words (a header cell over two lower ones is a group; row labels listed at one x
 *      are rows), and a 合计 row printed on the header's last line is put back under the header;
 *   5. header cells wrapped over two lines in one band are joined; in the body, a line without a number
 *      (a wrapped cell) or with numbers only (a number split off its row) is joined to its neighbour row
 *      when it is vertically close and the cells fit, unless it starts a list item (3、…: a row without
 *      amounts); a number column reaches left over the white space before its numbers, but not over
 *      the header of another column (widen_stop);
 *   6. single lines outside zones are narrative: rejoined into paragraphs.
 * A zone that is a form (a project performance-target table: text rows, cells wrapped and centred on
 * their row, label cells spanning rows) skips 4–5: its rows and columns are rebuilt from the vertical
 * layout of its cells by pdf_rows.c (form_zone, emit_form).
 * Everything is bounded: words per document by the TSV cap, work per page O(n log n + lines × bands).
 */
#include "read/pdf.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "read/pdf_rows.h"

#define CELL_GAP 0.8          /* a gap wider than this × font height separates cells */
#define NUM_WIDEN 4.0        /* a number column reaches this × height left of its numbers */
#define NUM_GAP 0.45          /* … or this, between a number and a word */
#define WORD_SPACE 0.2        /* a gap wider than this × font height between two words is a space */
#define LINE_OVERLAP 0.5      /* vertical overlap (× smaller height) that puts two words on one line */
#define WRAP_GAP 0.6          /* a wrapped fragment is at most this × height from its row */
#define HEADER_WRAP_GAP 0.5   /* header fragments closer than this × height are one wrapped header cell */
#define BIG_FONT 1.25         /* a line this much taller than the page's median is a title */
#define MAX_BANDS 64
#define MAX_COORD 1e5

/* ---- words ------------------------------------------------------------------------------------------ */

typedef struct {
    int page;
    size_t order;             /* index in the TSV, for a stable sort */
    double x0, x1, y0, y1;
    double pw, ph;            /* page size when known, else 0 */
    const char *text;         /* into the parsing buffer */
} word;

typedef struct {
    double x0, x1, y0, y1, h;
    char *text;               /* in the scratch arena */
    bool num;                 /* money-like: 1,234.56  (12.00)  -  0 */
    bool digits;              /* digits only */
    int band;                 /* assigned band, -1 none */
    bool group;               /* a header cell over two columns or more (group header) */
} cell;

enum { L_SINGLE, L_TAB, L_META, L_PAGENO };

typedef struct {
    double y0, y1, h;
    cell *cells;
    size_t ncells;
    int kind;
    bool big;
    bool dropped;             /* merged into another line */
    char **grid;              /* zone lines: text per band (NULL = empty) */
    double *gx0;              /* zone lines: left edge of the text per band */
    bool has_num, has_text;   /* zone body lines: holds a number / a text (after joins) */
} line;

typedef struct {
    double x0, x1;
    bool code;                /* a merged split-code band */
} band;

typedef struct {
    ys_arena *a;
    ys_buf *out;
    int *pages;
    size_t nlines, cap;
    band prev[MAX_BANDS];     /* bands of the last zone of the previous page */
    size_t nprev;
    bool oom;
    /* the last paragraph of the previous page, not yet emitted: it ran to the right margin, so the
     * first line of the next page may go on with it */
    ys_buf carry;
    int carry_page;
    double carry_x0, carry_h;
    bool carry_open;
    bool form_open;           /* the last zone was a form and no title came since: a text zone goes on with it */
} emitter;

/* ---- small helpers ---------------------------------------------------------------------------------- */

static bool ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' ||
           c == '%';
}

/* a + b, with a space only between two ASCII letters/digits (CJK text wraps without one). */
static char *join2(ys_arena *a, const char *x, const char *y, bool space)
{
    if (!x || !*x) return ys_arena_strdup(a, y ? y : "");
    if (!y || !*y) return ys_arena_strdup(a, x);
    size_t nx = strlen(x);
    bool sp = space && ascii_alnum((unsigned char)x[nx - 1]) && ascii_alnum((unsigned char)y[0]);
    return ys_arena_printf(a, "%s%s%s", x, sp ? " " : "", y);
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool all_digits(const char *s)
{
    if (!*s) return false;
    for (; *s; s++)
        if (!is_digit(*s)) return false;
    return true;
}

/* Money as printed in a table cell: "1,234.56", "-12", "(3.00)", "6228.", "-" (empty marker). */
static bool money_like(const char *s)
{
    if (strcmp(s, "-") == 0 || strcmp(s, "--") == 0) return true;
    bool paren = false, any = false, dot = false;
    if (*s == '(') {
        paren = true;
        s++;
    } else if (*s == '-' || *s == '+') {
        s++;
    }
    for (; *s; s++) {
        if (is_digit(*s)) any = true;
        else if (*s == ',' && any && !dot) continue;
        else if (*s == '.' && !dot) dot = true;
        else if (*s == ')' && paren && s[1] == '\0') break;
        else if (*s == '%' && s[1] == '\0') break;
        else return false;
    }
    return any;
}

static bool has_colon(const char *s)
{
    return strchr(s, ':') || strstr(s, "\xef\xbc\x9a") /* ： */;
}

/* "12", "- 12 -", "-12-", "第 3 页", "3/35": a page number. */
static bool page_number_text(const char *s)
{
    char buf[64];
    size_t k = 0;
    for (; *s && k + 1 < sizeof buf; s++)
        if (*s != ' ' && *s != '-') buf[k++] = *s;
    if (*s) return false;
    buf[k] = '\0';
    if (all_digits(buf) && k <= 4) return true;
    const char *di = "\xe7\xac\xac", *ye = "\xe9\xa1\xb5";   /* 第 页 */
    /* 第3页共61页, 共61页第3页 */
    const char *gong = "\xe5\x85\xb1";   /* 共 */
    char *g = strstr(buf, gong);
    if (g && strncmp(buf, di, 3) == 0 && k > 9 && strcmp(buf + k - 3, ye) == 0) {
        char *p1 = buf + 3, *e1 = strstr(p1, ye);
        if (e1 && e1 + 3 == g) {
            *e1 = '\0';
            buf[k - 3] = '\0';
            return all_digits(p1) && all_digits(g + 3);
        }
    }
    if (strncmp(buf, di, 3) == 0 && k > 6 && strcmp(buf + k - 3, ye) == 0) {
        buf[k - 3] = '\0';
        return all_digits(buf + 3);
    }
    char *sl = strchr(buf, '/');
    if (sl) {
        *sl = '\0';
        return all_digits(buf) && all_digits(sl + 1);
    }
    return false;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double overlap(double a0, double a1, double b0, double b1)
{
    double lo = a0 > b0 ? a0 : b0, hi = a1 < b1 ? a1 : b1;
    return hi - lo;
}

/* ---- parsing the TSV ------------------------------------------------------------------------------- */

/* pdftotext writes coordinates as plain decimals ("209.640000"): those are read without strtod (which was
 * a third of the grid's time). With at most 15 digits the mantissa m < 2^53 and 10^k (k ≤ 22) are exact
 * doubles, so m / 10^k is the correctly rounded value strtod gives; anything else goes to strtod. */
static bool parse_num(const char *s, double *out)
{
    static const double p10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    const char *p = s;
    bool neg = *p == '-';
    if (*p == '-' || *p == '+') p++;
    uint64_t m = 0;
    int digits = 0, frac = 0;
    bool dot = false;
    for (;; p++) {
        if (is_digit(*p) && digits < 15) {
            m = m * 10 + (uint64_t)(*p - '0');
            digits++;
            frac += dot;
        } else if (*p == '.' && !dot) dot = true;
        else break;
    }
    if (*p == '\0' && digits > 0) {
        double v = (double)m / p10[frac];
        if (neg) v = -v;
        if (v < -MAX_COORD || v > MAX_COORD) return false;
        *out = v;
        return true;
    }
    char *end = NULL;
    double v = strtod(s, &end);
    if (end == s || *end != '\0' || !isfinite(v) || v < -MAX_COORD || v > MAX_COORD) return false;
    *out = v;
    return true;
}

static bool parse_int(const char *s, int *out)
{
    if (!*s) return false;
    long v = 0;
    for (; *s; s++) {
        if (!is_digit(*s)) return false;
        v = v * 10 + (*s - '0');
        if (v > 1000000) return false;
    }
    *out = (int)v;
    return true;
}

static int cmp_word(const void *a, const void *b)
{
    const word *x = a, *y = b;
    if (x->page != y->page) return x->page < y->page ? -1 : 1;
    return (x->order > y->order) - (x->order < y->order);
}

/* Words of the TSV (buf is modified in place: fields are cut). */
static word *parse_words(char *buf, size_t n, size_t *nw)
{
    size_t cap = 1024, count = 0;
    word *w = malloc(cap * sizeof *w);
    if (!w) return NULL;
    int cur_page = 0;
    double pw = 0, ph = 0;
    size_t pos = 0;
    while (pos < n) {
        char *ln = buf + pos;
        char *nl = memchr(ln, '\n', n - pos);
        size_t len = nl ? (size_t)(nl - ln) : n - pos;
        pos += len + 1;
        if (nl) *nl = '\0';
        else ln[len] = '\0';   /* buf has n + 1 bytes */
        if (len && ln[len - 1] == '\r') ln[len - 1] = '\0';
        char *f[12];
        size_t nf = 0;
        char *p = ln;
        while (nf < 11) {
            f[nf++] = p;
            char *t = strchr(p, '\t');
            if (!t) break;
            *t = '\0';
            p = t + 1;
        }
        if (nf < 11) continue;
        f[11] = p;   /* the text: the rest of the line */
        nf = 12;
        int level = 0, page = 0;
        double left, top, width, height;
        if (!parse_int(f[0], &level) || !parse_int(f[1], &page)) continue;
        if (!parse_num(f[6], &left) || !parse_num(f[7], &top) || !parse_num(f[8], &width) ||
            !parse_num(f[9], &height))
            continue;
        if (level == 1) {
            cur_page = page;
            pw = width > 0 ? width : 0;
            ph = height > 0 ? height : 0;
            continue;
        }
        if (level != 5) continue;
        char *text = f[11];
        while (*text == ' ') text++;
        size_t tl = strlen(text);
        while (tl && text[tl - 1] == ' ') text[--tl] = '\0';
        if (!tl || width < 0 || height <= 0 || height > 1000) continue;
        for (char *q = text; *q; q++)
            if ((unsigned char)*q < 0x20) *q = ' ';   /* no control bytes (tabs!) in cell text */
        if (count == cap) {
            word *nw2 = realloc(w, cap * 2 * sizeof *w);
            if (!nw2) {
                free(w);
                return NULL;
            }
            w = nw2;
            cap *= 2;
        }
        word *x = &w[count];
        x->page = page;
        x->order = count;
        x->x0 = left;
        x->x1 = left + width;
        x->y0 = top;
        x->y1 = top + height;
        x->pw = page == cur_page ? pw : 0;
        x->ph = page == cur_page ? ph : 0;
        x->text = text;
        count++;
    }
    qsort(w, count, sizeof *w, cmp_word);
    *nw = count;
    return w;
}

/* ---- lines and cells ------------------------------------------------------------------------------- */

static int cmp_center(const void *a, const void *b)
{
    const word *x = *(const word *const *)a, *y = *(const word *const *)b;
    double cx = x->y0 + x->y1, cy = y->y0 + y->y1;
    if (cx != cy) return cx < cy ? -1 : 1;
    return (x->x0 > y->x0) - (x->x0 < y->x0);
}

static int cmp_left(const void *a, const void *b)
{
    const word *x = *(const word *const *)a, *y = *(const word *const *)b;
    if (x->x0 != y->x0) return x->x0 < y->x0 ? -1 : 1;
    return (x->order > y->order) - (x->order < y->order);
}

static void finish_cell(ys_arena *a, cell *c)
{
    c->digits = all_digits(c->text);
    char *t = ys_arena_strdup(a, c->text);   /* without spaces, for the number test */
    size_t k = 0;
    for (const char *s = c->text; *s; s++)
        if (*s != ' ') t[k++] = *s;
    t[k] = '\0';
    c->num = money_like(t);
    if (c->num) c->text = t;
    c->band = -1;
}

/* Words ws[0..n) of one line → cells. */
static void build_cells(ys_arena *a, line *l, word **ws, size_t n)
{
    qsort(ws, n, sizeof *ws, cmp_left);
    l->cells = ys_arena_calloc(a, n, sizeof *l->cells);
    l->ncells = 0;
    double hs[64];
    size_t nh = 0;
    for (size_t i = 0; i < n; i++) {
        const word *w = ws[i];
        double h = w->y1 - w->y0;
        if (nh < 64) hs[nh++] = h;
        cell *c = l->ncells ? &l->cells[l->ncells - 1] : NULL;
        double hmax = c && c->h > h ? c->h : h;
        double gap = c ? w->x0 - c->x1 : 0;
        /* a number and a word beside it are two cells even when close (164,978,640 一、…支出) */
        bool kinds_differ = c && i > 0 && money_like(ws[i - 1]->text) != money_like(w->text);
        if (c && gap <= CELL_GAP * hmax && !(kinds_differ && gap > NUM_GAP * hmax)) {
            /* a space between two ASCII words only where one was printed: justified CJK text spreads
             * its glyphs, and pdftotext splits 1443.71 into 1443. | 71 at a gap far narrower */
            c->text = join2(a, c->text, w->text, gap > WORD_SPACE * hmax);
            if (w->x1 > c->x1) c->x1 = w->x1;
            if (w->y0 < c->y0) c->y0 = w->y0;
            if (w->y1 > c->y1) c->y1 = w->y1;
            if (h > c->h) c->h = h;
        } else {
            c = &l->cells[l->ncells++];
            c->x0 = w->x0;
            c->x1 = w->x1;
            c->y0 = w->y0;
            c->y1 = w->y1;
            c->h = h;
            c->text = ys_arena_strdup(a, w->text);
        }
    }
    for (size_t i = 0; i < l->ncells; i++) finish_cell(a, &l->cells[i]);
    qsort(hs, nh, sizeof *hs, cmp_double);
    l->h = nh ? hs[nh / 2] : 10;
}

/* ---- emitting ----------------------------------------------------------------------------------------- */

static void emit(emitter *e, const char *text, int page)
{
    if (e->nlines == e->cap) {
        size_t nc = e->cap ? e->cap * 2 : 256;
        int *np = realloc(e->pages, nc * sizeof *np);
        if (!np) {
            e->oom = true;
            return;
        }
        e->pages = np;
        e->cap = nc;
    }
    ys_buf_adds(e->out, text);
    ys_buf_addc(e->out, '\n');
    e->pages[e->nlines++] = page;
}

static void emit_cells(emitter *e, const line *l, int page)
{
    ys_buf b = YS_BUF_INIT;
    for (size_t i = 0; i < l->ncells; i++) {
        if (i) ys_buf_addc(&b, '\t');
        ys_buf_adds(&b, l->cells[i].text);
    }
    emit(e, ys_buf_str(&b), page);
    ys_buf_release(&b);
}

/* ---- zones: bands ------------------------------------------------------------------------------------ */

static int cmp_band(const void *a, const void *b)
{
    const band *x = a, *y = b;
    return (x->x0 > y->x0) - (x->x0 < y->x0);
}

/* Sort and merge overlapping intervals (touching within tol). */
static size_t merge_bands(band *b, size_t n, double tol)
{
    if (!n) return 0;
    qsort(b, n, sizeof *b, cmp_band);
    size_t k = 0;
    for (size_t i = 1; i < n; i++) {
        if (b[i].x0 <= b[k].x1 + tol) {
            if (b[i].x1 > b[k].x1) b[k].x1 = b[i].x1;
            b[k].code = b[k].code || b[i].code;
        } else {
            b[++k] = b[i];
        }
    }
    return k + 1;
}

static int best_band(const band *b, size_t nb, double x0, double x1)
{
    int best = -1;
    double bo = 0;
    for (size_t i = 0; i < nb; i++) {
        double o = overlap(x0, x1, b[i].x0, b[i].x1);
        if (o > bo) {
            bo = o;
            best = (int)i;
        }
    }
    if (best >= 0) return best;
    double cx = (x0 + x1) / 2, bd = 0;
    for (size_t i = 0; i < nb; i++) {
        double d = cx < b[i].x0 ? b[i].x0 - cx : cx > b[i].x1 ? cx - b[i].x1 : 0;
        if (best < 0 || d < bd) {
            bd = d;
            best = (int)i;
        }
    }
    return best;
}

/* The column-number line (栏次 1 2 3 …): header, not data. */
static bool stub_line(const line *l)
{
    return l->ncells && strcmp(l->cells[0].text, "\xe6\xa0\x8f\xe6\xac\xa1") == 0;   /* 栏次 */
}

static bool is_data_line(const line *l)
{
    if (stub_line(l)) return false;
    for (size_t i = 0; i < l->ncells; i++)
        if (l->cells[i].num) return true;
    return false;
}

/* Split code columns: band i holds only 3-digit 类 codes, the next ones only 2-digit parts, and a part
 * never appears without the code before it. */
static size_t merge_code_bands(line *ls, size_t z0, size_t z1, size_t first_data, band *b, size_t nb)
{
    for (size_t i = 0; i + 1 < nb; i++) {
        size_t j = i + 1;
        bool ok = true, any_i = false, any_j = false;
        for (size_t k = first_data; k < z1 && ok; k++) {
            const line *l = &ls[k];
            const cell *ci = NULL, *cj = NULL;
            for (size_t c = 0; c < l->ncells; c++) {
                int bb = best_band(b, nb, l->cells[c].x0, l->cells[c].x1);
                if (bb == (int)i) ci = &l->cells[c];
                if (bb == (int)j) cj = &l->cells[c];
            }
            if (ci) {
                size_t len = strlen(ci->text);
                if (!ci->digits || (b[i].code ? len < 2 || len > 3 : len != 3)) ok = false;
                any_i = true;
            }
            if (cj) {
                if (!cj->digits || strlen(cj->text) != 2 || !ci) ok = false;
                any_j = true;
            }
        }
        if (ok && any_i && any_j) {
            b[i].x1 = b[j].x1 > b[i].x1 ? b[j].x1 : b[i].x1;
            b[i].code = true;
            memmove(&b[j], &b[j + 1], (nb - j - 1) * sizeof *b);
            nb--;
            i--;   /* try the next part (项) too */
            if (nb < 2) break;
            continue;
        }
    }
    (void)z0;
    return nb;
}

/* Do the data cells of the zone fall into the inherited bands? */
static bool fits_bands(const line *ls, size_t z0, size_t z1, const band *b, size_t nb)
{
    size_t total = 0, in = 0;
    for (size_t k = z0; k < z1; k++)
        for (size_t c = 0; c < ls[k].ncells; c++) {
            const cell *ce = &ls[k].cells[c];
            total++;
            for (size_t i = 0; i < nb; i++)
                if (overlap(ce->x0, ce->x1, b[i].x0, b[i].x1) > 0) {
                    in++;
                    break;
                }
        }
    return total && in * 10 >= total * 9;
}

/* Every data cell in the band is a number (and there is one). */
static bool numeric_band(const line *ls, size_t first_data, size_t z1, const band *b)
{
    bool any = false;
    for (size_t k = first_data; k < z1; k++)
        for (size_t c = 0; c < ls[k].ncells; c++) {
            const cell *ce = &ls[k].cells[c];
            if (overlap(ce->x0, ce->x1, b->x0, b->x1) <= 0) continue;
            if (!ce->num) return false;
            any = true;
        }
    return any;
}

/* A column of codes printed left-aligned (301 / 30101 / 30102 …): digits only, every left edge at one x,
 * right edges apart. Unlike amounts it does not reach left of its numbers (in a side-by-side table the
 * white space left of the second code column belongs to the first block's 决算数). */
static bool left_aligned_codes(const line *ls, size_t first_data, size_t z1, const band *b)
{
    double lo0 = 1e9, hi0 = -1e9, lo1 = 1e9, hi1 = -1e9, h = 0;
    size_t n = 0;
    for (size_t k = first_data; k < z1; k++)
        for (size_t c = 0; c < ls[k].ncells; c++) {
            const cell *ce = &ls[k].cells[c];
            if (overlap(ce->x0, ce->x1, b->x0, b->x1) <= 0) continue;
            if (!ce->digits) return false;
            if (ce->x0 < lo0) lo0 = ce->x0;
            if (ce->x0 > hi0) hi0 = ce->x0;
            if (ce->x1 < lo1) lo1 = ce->x1;
            if (ce->x1 > hi1) hi1 = ce->x1;
            if (ce->h > h) h = ce->h;
            n++;
        }
    return n >= 2 && hi0 - lo0 <= 0.2 * h && hi1 - lo1 > 0.5 * h;
}

/* How far left a number column may reach (-1e9: as far as NUM_WIDEN): not over a header cell left of
 * its numbers that is apart from the column's own header (the header cells over its numbers). That
 * cell heads another column: 其他收入, empty, beside 上年结转 whose numbers are right-aligned under its
 * header. A fragment of the own header wrapped under it (上级补助收 / 入) overlaps it and does not stop
 * it; a column without a header cell over its numbers reaches as before. */
static double widen_stop(const line *ls, size_t z0, size_t first_data, const band *b)
{
    double own0 = 1e9, own1 = -1e9;
    for (size_t k = z0; k < first_data; k++)
        for (size_t c = 0; c < ls[k].ncells && !stub_line(&ls[k]); c++) {
            const cell *ce = &ls[k].cells[c];
            if (overlap(ce->x0, ce->x1, b->x0, b->x1) <= 0) continue;
            if (ce->x0 < own0) own0 = ce->x0;
            if (ce->x1 > own1) own1 = ce->x1;
        }
    double stop = -1e9;
    if (own0 > own1) return stop;
    for (size_t k = z0; k < first_data; k++)
        for (size_t c = 0; c < ls[k].ncells && !stub_line(&ls[k]); c++) {
            const cell *ce = &ls[k].cells[c];
            if (ce->x1 <= b->x0 && overlap(ce->x0, ce->x1, own0, own1) <= 0 && ce->x1 + 0.01 > stop)
                stop = ce->x1 + 0.01;
        }
    return stop;
}

static bool split_code_word(const char *t);
static bool total_label(const char *t);

/* Cell c of line l heads a split code column: 类, 款 or 项 with another of them on the line. A lone 款
 * is the end of a header wrapped in its cell (基金预算拨 / 款), read as the next line of that cell. */
static bool code_header_word(const line *l, size_t c)
{
    if (!split_code_word(l->cells[c].text)) return false;
    for (size_t i = 0; i < l->ncells; i++)
        if (i != c && split_code_word(l->cells[i].text)) return true;
    return false;
}

static size_t zone_bands(emitter *e, line *ls, size_t z0, size_t z1, size_t first_data, bool top_of_page,
                         band *b)
{
    if (top_of_page && e->nprev && fits_bands(ls, z0, z1, e->prev, e->nprev)) {
        memcpy(b, e->prev, e->nprev * sizeof *b);
        return e->nprev;
    }
    double hmed = 10;
    size_t nb = 0;
    for (size_t k = first_data; k < z1; k++) {
        if (!is_data_line(&ls[k])) continue;
        hmed = ls[k].h;
        for (size_t c = 0; c < ls[k].ncells && nb < MAX_BANDS * 4; c++) {
            /* collect into a temporary list beyond MAX_BANDS: merged right after */
            if (nb == MAX_BANDS) nb = merge_bands(b, nb, 0.5);
            if (nb == MAX_BANDS) break;
            b[nb++] = (band){ls[k].cells[c].x0, ls[k].cells[c].x1, false};
        }
    }
    /* a table without data (a blank template) under a 栏次 line: its numbers stand one in each leaf
     * column, so they give the columns exactly, whatever the header words wrapped over them */
    for (size_t k = z0; k < first_data && nb == 0; k++) {
        if (!stub_line(&ls[k])) continue;
        hmed = ls[k].h;
        for (size_t c = 1; c < ls[k].ncells && nb < MAX_BANDS; c++)
            if (ls[k].cells[c].digits) b[nb++] = (band){ls[k].cells[c].x0, ls[k].cells[c].x1, false};
        if (nb < 2) nb = 0;
    }
    nb = merge_bands(b, nb, 0.15 * hmed);
    size_t ndata = nb;
    /* numbers are right-aligned: the white space left of a number column is that column's (its header
     * is centred over the whole column, often left of the narrow numbers below it) */
    for (size_t i = 1; i < ndata; i++)
        if (numeric_band(ls, first_data, z1, &b[i]) && !left_aligned_codes(ls, first_data, z1, &b[i])) {
            double x0 = b[i].x0 - NUM_WIDEN * hmed, stop = widen_stop(ls, z0, first_data, &b[i]);
            if (x0 < stop) x0 = stop;
            b[i].x0 = x0 > b[i - 1].x1 + 0.01 ? x0 : b[i - 1].x1 + 0.01;
        }
    /* header cells outside every data band: columns without data, or group headers over such columns.
     * A group header has header cells below it (starting under its bottom edge), within its reach, on
     * both sides of its centre; the next line of a wrapped header cell shares its centre or left edge. Fragments that overlap are one column
     * (a header word wrapped over two lines). */
    int leaf_min = -1;   /* the highest line holding the lowest header cell of a data band */
    for (size_t i = 0; i < ndata; i++) {
        int lowest = -1;
        for (size_t k = z0; k < first_data; k++)
            for (size_t c = 0; c < ls[k].ncells && !stub_line(&ls[k]); c++)
                if (overlap(ls[k].cells[c].x0, ls[k].cells[c].x1, b[i].x0, b[i].x1) > 0) lowest = (int)k;
        if (lowest >= 0 && (leaf_min < 0 || lowest < leaf_min)) leaf_min = lowest;
    }
    /* the x-extent of the data bands: a header cell beyond it heads a column without data (an empty
     * table whose only data are its 科目编码 / 科目名称), not a group over data columns */
    double dx0 = 1e9, dx1 = -1e9;
    for (size_t i = 0; i < ndata; i++) {
        if (b[i].x0 < dx0) dx0 = b[i].x0;
        if (b[i].x1 > dx1) dx1 = b[i].x1;
    }
    band extra[MAX_BANDS];
    size_t ne = 0;
    for (size_t k = z0; k < first_data; k++) {
        if (stub_line(&ls[k])) continue;
        for (size_t c = 0; c < ls[k].ncells; c++) {
            const cell *ce = &ls[k].cells[c];
            /* only cells at the leaf level of the header, or reaching down into it (a cell centred in
             * a header cell that spans the header's rows) */
            bool above_leaf = ndata && leaf_min >= 0 && (int)k < leaf_min && ce->y1 <= ls[leaf_min].y0 &&
                              overlap(ce->x0, ce->x1, dx0, dx1) > 0;
            bool in = above_leaf;
            for (size_t i = 0; i < ndata && !in; i++) in = overlap(ce->x0, ce->x1, b[i].x0, b[i].x1) > 0;
            double cx0 = (ce->x0 + ce->x1) / 2, reach = 3 * (ce->x1 - ce->x0);
            if (reach < 6 * ce->h) reach = 6 * ce->h;
            bool left = false, right = false, wrapped = false, spans = false;
            for (size_t k2 = k + 1; k2 < first_data; k2++) {
                if (stub_line(&ls[k2])) continue;
                size_t under = 0;   /* cells of this lower line under the cell: two or more, it spans them */
                for (size_t c2 = 0; c2 < ls[k2].ncells; c2++) {
                    const cell *d2 = &ls[k2].cells[c2];
                    double cx = (d2->x0 + d2->x1) / 2;
                    if (d2->y0 >= ce->y1 - 0.2 * ce->h && overlap(ce->x0, ce->x1, d2->x0, d2->x1) > 0 &&
                        !code_header_word(&ls[k2], c2) && ++under >= 2)
                        spans = true;
                    if (d2->y0 < ce->y1 - 0.2 * ce->h || fabs(cx - cx0) > reach || code_header_word(&ls[k2], c2))
                        continue;
                    if (cx < cx0 - 0.5 * ce->h) left = true;
                    if (cx > cx0 + 0.5 * ce->h) right = true;
                    /* the next line of a wrapped cell: right under it, same centre or left edge */
                    if (d2->y0 - ce->y1 < HEADER_WRAP_GAP * ce->h &&
                        (fabs(cx - cx0) <= 0.5 * ce->h || fabs(d2->x0 - ce->x0) <= 0.5 * ce->h))
                        wrapped = true;
                    /* … or a list of row labels starting at one x (an empty table printed with its
                     * labels: 一、… / 二、… under 项目), the next row right under it */
                    if (d2->y0 - ce->y1 < 1.5 * ce->h && fabs(d2->x0 - ce->x0) <= 0.2 * ce->h) wrapped = true;
                }
            }
            /* a wrapped cell (因公出国 / （境）费) over two leaf cells (预算数 | 决算数) is a group all the same */
            ls[k].cells[c].group = (left && right && !wrapped) || spans;
            if (in || ls[k].cells[c].group) continue;
            bool merged = false;
            for (size_t x = 0; x < ne && !merged; x++)
                if (overlap(ce->x0, ce->x1, extra[x].x0, extra[x].x1) > 0) {
                    if (ce->x0 < extra[x].x0) extra[x].x0 = ce->x0;
                    if (ce->x1 > extra[x].x1) extra[x].x1 = ce->x1;
                    merged = true;
                }
            if (!merged && ne < MAX_BANDS) extra[ne++] = (band){ce->x0, ce->x1, false};
        }
    }
    /* a left-aligned text column whose header is centred over the whole column: its names may all end
     * before the header starts. A header cell right of a text band that has no header of its own
     * (only group headers over it) is that band's header, not an empty column. */
    for (size_t i = 0; i < ndata; i++) {
        if (numeric_band(ls, first_data, z1, &b[i])) continue;
        bool own = false;
        for (size_t k = z0; k < first_data && !own; k++)
            for (size_t c = 0; c < ls[k].ncells && !own && !stub_line(&ls[k]); c++)
                own = !ls[k].cells[c].group && overlap(ls[k].cells[c].x0, ls[k].cells[c].x1, b[i].x0, b[i].x1) > 0;
        if (own) continue;
        double next = 1e9;   /* the next data band to the right */
        for (size_t j = 0; j < ndata; j++)
            if (b[j].x0 > b[i].x1 && b[j].x0 < next) next = b[j].x0;
        int best = -1;
        for (size_t x = 0; x < ne; x++)
            if (extra[x].x0 > b[i].x1 && extra[x].x1 < next && (best < 0 || extra[x].x0 < extra[best].x0))
                best = (int)x;
        if (best < 0) continue;
        b[i].x1 = extra[best].x1;
        extra[best] = extra[--ne];
    }
    for (size_t x = 0; x < ne && nb < MAX_BANDS; x++) b[nb++] = extra[x];
    nb = merge_bands(b, nb, 0);
    nb = merge_code_bands(ls, z0, z1, first_data, b, nb);
    return nb;
}

/* ---- zones: grid ------------------------------------------------------------------------------------- */

static void put(ys_arena *a, line *l, int band_i, const char *text, bool digits)
{
    char **g = &l->grid[band_i];
    if (!*g) *g = ys_arena_strdup(a, text);
    else if (digits && all_digits(*g)) *g = ys_arena_printf(a, "%s%s", *g, text);
    else *g = join2(a, *g, text, true);
}

static bool line_has_num(const line *l, size_t nb)
{
    for (size_t i = 0; i < l->ncells; i++)
        if (l->cells[i].num) return true;
    (void)nb;
    return false;
}

static bool line_has_text(const line *l)
{
    for (size_t i = 0; i < l->ncells; i++)
        if (!l->cells[i].num) return true;
    return false;
}

/* Can x (a fragment) be joined to y? Every band x fills is empty in y, or both hold text. */
static bool fits_into(const line *x, const line *y, size_t nb)
{
    bool xnum = x->has_num, xtext = x->has_text;
    if (xnum && xtext) return false;          /* a row of its own */
    if (xnum && !y->has_text) return false;   /* a split number joins a row with a name */
    if (!xnum && !y->has_num) return false;   /* a wrapped cell belongs to a row with amounts */
    for (size_t i = 0; i < nb; i++) {
        if (!x->grid[i]) continue;
        if (!y->grid[i]) continue;
        if (xnum) return false;               /* a split number goes into an empty cell only */
        if (money_like(y->grid[i])) return false;
        if (x->gx0[i] < y->gx0[i] - 0.5 * x->h) return false;   /* starts left of the cell: a new row */
    }
    return true;
}

/* A list item's label: 3、… / 三、… / （三）… / (3)… — digits or Chinese numerals, then 、 or in
 * brackets. */
static bool list_item(const char *t)
{
    static const char *const numerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    bool open = false;
    if (strncmp(t, "\xef\xbc\x88", 3) == 0 || *t == '(') {   /* （ or ( */
        t += *t == '(' ? 1 : 3;
        open = true;
    }
    size_t n = 0;
    for (bool more = true; more && n < 4; n += more) {
        more = is_digit(*t);
        if (more) {
            t++;
            continue;
        }
        for (size_t i = 0; i < sizeof numerals / sizeof *numerals && !more; i++)
            if (strncmp(t, numerals[i], 3) == 0) {
                t += 3;
                more = true;
            }
    }
    if (!n) return false;
    if (open) return strncmp(t, "\xef\xbc\x89", 3) == 0 || *t == ')';   /* ） */
    return strncmp(t, "\xe3\x80\x81", 3) == 0;                          /* 、 */
}

/* Line `then` (printed after `first`) starts a list item in a column where `first` has text: a row of
 * its own (2、车辆 / 3、单价在20万元以上的设备, the second without amounts), not the rest of a wrapped
 * cell. */
static bool starts_item(const line *first, const line *then, size_t nb)
{
    for (size_t i = 0; i < nb; i++)
        if (first->grid[i] && then->grid[i] && list_item(then->grid[i])) return true;
    return false;
}

static void join_lines(ys_arena *a, line *into, const line *from, size_t nb, bool from_above)
{
    for (size_t i = 0; i < nb; i++) {
        if (!from->grid[i]) continue;
        if (!into->grid[i]) into->grid[i] = from->grid[i];
        else
            into->grid[i] = from_above ? join2(a, from->grid[i], into->grid[i], true)
                                       : join2(a, into->grid[i], from->grid[i], true);
    }
    if (from->y0 < into->y0) into->y0 = from->y0;
    if (from->y1 > into->y1) into->y1 = from->y1;
}

/* 类, 款, 项: the header of a split code column. */
static bool split_code_word(const char *t)
{
    return strcmp(t, "\xe7\xb1\xbb") == 0 /* 类 */ || strcmp(t, "\xe6\xac\xbe") == 0 /* 款 */ ||
           strcmp(t, "\xe9\xa1\xb9") == 0 /* 项 */;
}

/* Another split-code word of the line falls into the same band as cell c. */
static bool split_code_shared(const line *l, size_t c, const band *b, size_t nb)
{
    int bc = best_band(b, nb, l->cells[c].x0, l->cells[c].x1);
    for (size_t i = 0; i < l->ncells; i++)
        if (i != c && split_code_word(l->cells[i].text) &&
            best_band(b, nb, l->cells[i].x0, l->cells[i].x1) == bc)
            return true;
    return false;
}

/* ---- zones: forms (read/pdf_rows.h) -------------------------------------------------------------- */

/* A form: a zone of six lines or more whose lines are mostly text, with an amount or a percentage on at
 * least one of them and on fewer than a third, and three lines or more of four text cells after the
 * first amount (a project performance-target table: 预算数 and the schedule, then the indicator rows). A
 * table of amounts, a table whose header sits above its only row of amounts (三公 printed sideways), a
 * table of text only (机构设置, an empty 决算 table printed with its row labels) is not one — except
 * right after a form, with no title between: the rest of the form after a line that broke the zone (a
 * long 绩效目标), or its indicator rows on the next page. */
static bool form_zone(const line *ls, size_t z0, size_t z1, bool form_open)
{
    size_t nd = 0, rich = 0;   /* data lines; lines of four text cells or more without a number after one */
    for (size_t k = z0; k < z1; k++) {
        bool data = is_data_line(&ls[k]);
        size_t nt = 0;
        for (size_t c = 0; c < ls[k].ncells; c++) nt += !ls[k].cells[c].num;
        if (!data && nt >= 4 && (nd || form_open)) rich++;
        nd += data;
    }
    if (nd * 3 >= z1 - z0) return false;
    if (form_open) return rich >= 1;   /* the form goes on (after a long 绩效目标, on the next page) */
    return z1 - z0 >= 6 && nd >= 1 && rich >= 3;
}

typedef struct {
    emitter *e;
    int page;
} form_sink;

static void form_row(void *arg, const char *text)
{
    form_sink *fs = arg;
    emit(fs->e, text, fs->page);
}

/* The rows of a form rebuilt from the vertical layout of its cells (pdf_rows.c). */
static void emit_form(emitter *e, const line *ls, size_t z0, size_t z1, int page)
{
    size_t n = 0;
    for (size_t k = z0; k < z1; k++) n += ls[k].ncells;
    ys_pdf_frag *f = ys_arena_calloc(e->a, n ? n : 1, sizeof *f);
    n = 0;
    for (size_t k = z0; k < z1; k++)
        for (size_t c = 0; c < ls[k].ncells; c++) {
            const cell *ce = &ls[k].cells[c];
            f[n++] = (ys_pdf_frag){ce->x0, ce->x1, ce->y0, ce->y1, ce->h, ce->text};
        }
    form_sink fs = {e, page};
    ys_pdf_rows_form(e->a, f, n, form_row, &fs);
}

/* The second line of a group header wrapped over two lines (公务用车 / 运行维护费, centred over 预算数 |
 * 决算数: each fragment may lean to another column) goes to the band of the first line, so the two are
 * joined as one header text. */
static void wrapped_group_bands(line *ls, size_t z0, size_t hdr_end)
{
    for (size_t k = z0; k < hdr_end; k++)
        for (size_t c = 0; c < ls[k].ncells; c++) {
            const cell *g = &ls[k].cells[c];
            if (!g->group) continue;
            for (size_t k2 = k + 1; k2 < hdr_end && k2 <= k + 2; k2++)
                for (size_t c2 = 0; c2 < ls[k2].ncells; c2++) {
                    cell *d = &ls[k2].cells[c2];
                    double gap = d->y0 - g->y1;
                    if (!d->group || gap < -0.2 * g->h || gap >= HEADER_WRAP_GAP * g->h) continue;
                    if (fabs((d->x0 + d->x1) / 2 - (g->x0 + g->x1) / 2) <= 0.5 * g->h ||
                        fabs(d->x0 - g->x0) <= 0.5 * g->h)
                        d->band = g->band;
                }
        }
}

/* The right edge of what line l prints in band i (-1e9 when nothing). */
static double band_x1(const line *l, int i)
{
    double x1 = -1e9;
    for (size_t c = 0; c < l->ncells; c++)
        if (l->cells[c].band == i && l->cells[c].x1 > x1) x1 = l->cells[c].x1;
    return x1;
}

/* The body of an empty table (row labels only, no amounts to tell rows apart): a line of one cell right
 * under a label that fills its column to the widest label's right edge, at the same left edge and closer
 * than the rows are to each other, is the rest of that label (二十二、灾害防治及应急管理支 / 出). */
static void join_wrapped_labels(ys_arena *a, line *ls, size_t first_data, size_t z1, size_t nb)
{
    for (size_t i = 0; i < nb; i++) {
        double widest = -1e9;
        for (size_t k = first_data; k < z1; k++) {
            double x1 = band_x1(&ls[k], (int)i);
            if (x1 > widest) widest = x1;
        }
        line *up = NULL;
        for (size_t k = first_data; k < z1; k++) {
            line *x = &ls[k];
            if (x->dropped) continue;
            size_t filled = 0;
            for (size_t j = 0; j < nb; j++) filled += x->grid[j] != NULL;
            if (up && filled == 1 && x->grid[i] && up->grid[i] && x->y0 - up->y1 < 0.5 * x->h &&
                fabs(x->gx0[i] - up->gx0[i]) <= 0.3 * x->h && band_x1(up, (int)i) >= widest - 0.5 * x->h) {
                up->grid[i] = join2(a, up->grid[i], x->grid[i], true);
                up->y1 = x->y1;
                x->dropped = true;
                continue;
            }
            up = x;
        }
    }
}

/* The total row label on the last header line ls[hdr_end - 1] of an empty table: its first filled band
 * holds 合计 / 总计 with other header cells beside it, and a header text above it in that band that is
 * no group (科目名称, not 本年收入 over a 合计 leaf). Taken out of the line; NULL when there is none. */
static const char *header_total_row(line *ls, size_t z0, size_t hdr_end, size_t nb, size_t *band_out)
{
    line *last = &ls[hdr_end - 1];
    size_t i0 = nb, filled = 0;
    for (size_t i = 0; i < nb; i++)
        if (last->grid[i]) {
            if (i0 == nb) i0 = i;
            filled++;
        }
    if (i0 == nb || filled < 2 || !total_label(last->grid[i0])) return NULL;
    for (size_t k = hdr_end - 1; k > z0; k--) {
        const line *l = &ls[k - 1];
        if (!l->grid[i0]) continue;
        for (size_t c = 0; c < l->ncells; c++)
            if (l->cells[c].band == (int)i0 && l->cells[c].group) return NULL;
        const char *t = last->grid[i0];
        last->grid[i0] = NULL;
        *band_out = i0;
        return t;
    }
    return NULL;
}

static void emit_zone(emitter *e, line *ls, size_t z0, size_t z1, int page, bool top_of_page)
{
    ys_arena *a = e->a;
    size_t first_data = z1;
    for (size_t k = z0; k < z1; k++)
        if (is_data_line(&ls[k])) {
            first_data = k;
            break;
        }
    e->form_open = form_zone(ls, z0, z1, e->form_open);
    if (e->form_open) {
        emit_form(e, ls, z0, z1, page);
        return;
    }
    band b[MAX_BANDS];
    /* a zone at the top of a page in the bands of the page before: the table goes on */
    bool inherited = top_of_page && e->nprev && fits_bands(ls, z0, z1, e->prev, e->nprev);
    size_t nb = zone_bands(e, ls, z0, z1, first_data, top_of_page, b);
    bool numberless = first_data == z1;   /* no line with a number: an empty table */
    if (numberless && inherited) first_data = z0;   /* its row labels go on, without a header of their own */
    if (nb == 0) {
        for (size_t k = z0; k < z1; k++) emit_cells(e, &ls[k], page);
        return;
    }
    /* the upper half of a first row's cell wrapped around its numbers (centred) is body, not header */
    while (first_data > z0 && first_data < z1 && !is_data_line(&ls[first_data - 1]) &&
           ls[first_data - 1].ncells == 1 && !stub_line(&ls[first_data]) &&
           (ls[first_data].y0 - ls[first_data - 1].y1 < WRAP_GAP * ls[first_data - 1].h ||
            total_label(ls[first_data - 1].cells[0].text)))
        first_data--;
    for (size_t k = z0; k < z1; k++)
        for (size_t c = 0; c < ls[k].ncells; c++) {
            cell *ce = &ls[k].cells[c];
            ce->band = best_band(b, nb, ce->x0, ce->x1);
        }
    wrapped_group_bands(ls, z0, first_data);
    for (size_t k = z0; k < z1; k++) {
        line *l = &ls[k];
        l->grid = ys_arena_calloc(a, nb, sizeof *l->grid);
        l->gx0 = ys_arena_calloc(a, nb, sizeof *l->gx0);
        for (size_t c = 0; c < l->ncells; c++) {
            cell *ce = &l->cells[c];
            if (k < first_data && split_code_word(ce->text) &&
                (b[ce->band].code || split_code_shared(l, c, b, nb)))
                continue;
            if (!l->grid[ce->band] || ce->x0 < l->gx0[ce->band]) l->gx0[ce->band] = ce->x0;
            put(a, l, ce->band, ce->text, ce->digits);
        }
    }
    /* a table of text only (no amounts: 机构设置): its header is the first line that fills the most
     * columns, its rows are the lines after it that fill as many; without this, rows close together would
     * be joined as a wrapped header */
    if (first_data == z1 && z1 - z0 >= 3) {
        size_t most = 0, first_full = z1, nfull = 0;
        for (size_t k = z0; k < z1; k++) {
            size_t f = 0;
            for (size_t i = 0; i < nb; i++) f += ls[k].grid[i] != NULL;
            if (f > most) {
                most = f;
                first_full = k;
                nfull = 1;
            } else if (f == most) {
                nfull++;
            }
        }
        /* … or, in an empty table printed with its row labels only (收入支出决算总表: 项目 | 决算数 | 项目 |
         * 决算数, rows filling the 项目 columns), the first line filling three columns or more with two
         * lines or more below it */
        if (most >= 2 && (nfull >= 3 || (most >= 3 && z1 - first_full >= 3))) {
            first_data = first_full + 1;
            /* header cells wrapped below that line (一般公共 / 预算财政 / 拨款): close under it, in its
             * columns only */
            while (first_data < z1 &&
                   ls[first_data].y0 - ls[first_data - 1].y1 < HEADER_WRAP_GAP * ls[first_data].h) {
                bool inside = true;
                size_t f = 0;
                for (size_t i = 0; i < nb; i++) {
                    f += ls[first_data].grid[i] != NULL;
                    if (ls[first_data].grid[i] && !ls[first_full].grid[i]) inside = false;
                }
                if (!inside || f >= most) break;   /* a row as full as the header: a row */
                first_data++;
            }
            /* the relaxed case needs a body clearly apart from the header (not more header fragments) */
            if (nfull < 3 && (z1 - first_data < 2 ||
                              ls[first_data].y0 - ls[first_data - 1].y1 < HEADER_WRAP_GAP * ls[first_data].h))
                first_data = z1;
        }
    }
    size_t hdr_end = first_data;
    while (hdr_end == z1 && hdr_end > z0 && ls[hdr_end - 1].ncells <= 1) hdr_end--;
    for (size_t k = z0; k < hdr_end; k++)
        if (stub_line(&ls[k])) hdr_end = k;   /* the 栏次 line stays a line of its own, after the header */
    /* header: fragments of one band on successive lines, close together, are one wrapped cell */
    for (size_t i = 0; i < nb; i++) {
        size_t prev = SIZE_MAX;
        double prev_y1 = 0, prev_x0 = 0, prev_x1 = 0;
        bool prev_group = false;
        for (size_t k = z0; k < hdr_end; k++) {
            line *l = &ls[k];
            if (!l->grid[i]) continue;
            double y0 = l->y1, y1 = l->y0, x0 = 1e9, x1 = -1e9;
            bool group = false;
            for (size_t c = 0; c < l->ncells; c++)
                if (l->cells[c].band == (int)i) {
                    if (l->cells[c].y0 < y0) y0 = l->cells[c].y0;
                    if (l->cells[c].y1 > y1) y1 = l->cells[c].y1;
                    if (l->cells[c].x0 < x0) x0 = l->cells[c].x0;
                    if (l->cells[c].x1 > x1) x1 = l->cells[c].x1;
                    group = group || l->cells[c].group;
                }
            /* a group header right above the leaf of one of its columns is not a wrapped line; a group
             * wrapped over two lines (因公出国 / （境）费, both over 预算数 | 决算数) is: the second line
             * is a group too, under the first, on its centre or left edge */
            bool group_wrap = prev_group && group &&
                              (fabs((x0 + x1) / 2 - (prev_x0 + prev_x1) / 2) <= 0.5 * l->h ||
                               fabs(x0 - prev_x0) <= 0.5 * l->h);
            if (prev != SIZE_MAX && y0 - prev_y1 < HEADER_WRAP_GAP * l->h && (!prev_group || group_wrap)) {
                l->grid[i] = join2(a, ls[prev].grid[i], l->grid[i], true);
                ls[prev].grid[i] = NULL;
            }
            prev = k;
            prev_y1 = y1;
            prev_x0 = x0;
            prev_x1 = x1;
            prev_group = group;
        }
    }
    /* body: numbers split off their row first, then wrapped text fragments, join their row */
    for (size_t k = first_data; k < z1; k++) {
        ls[k].has_num = line_has_num(&ls[k], nb);
        ls[k].has_text = line_has_text(&ls[k]);
    }
    /* cells centred on their row: some text fragment overlaps the row below it */
    bool centred = false;
    for (size_t k = first_data; k + 1 < z1 && !centred; k++)
        centred = ls[k].has_text && !ls[k].has_num && ls[k + 1].has_num && ls[k + 1].y0 < ls[k].y1;
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = first_data; k < z1; k++) {
            line *x = &ls[k];
            if (x->dropped || (x->has_num && x->has_text)) continue;
            if (pass == 0 ? !x->has_num : x->has_num) continue;
            line *up = NULL, *down = NULL;
            for (size_t j = k; j > first_data && !up; j--)
                if (!ls[j - 1].dropped) up = &ls[j - 1];
            for (size_t j = k + 1; j < z1 && !down; j++)
                if (!ls[j].dropped) down = &ls[j];
            double gu = up ? x->y0 - up->y1 : 1e9, gd = down ? down->y0 - x->y1 : 1e9;
            double lim = WRAP_GAP * x->h;
            bool ok_up = up && gu < lim && fits_into(x, up, nb) && !starts_item(up, x, nb);
            bool ok_down = down && gd < lim && fits_into(x, down, nb) && !starts_item(x, down, nb);
            if (ok_up && ok_down) {
                if ((gu < 0) != (gd < 0)) {
                    if (gu < 0) ok_down = false;               /* it overlaps the row above */
                    else ok_up = false;                        /* … or the row below */
                } else if (centred || gd < 0.5 * gu) {
                    ok_up = false;                             /* centred cells: the row below */
                } else {
                    ok_down = false;                           /* top-aligned cells: the row above */
                }
            }
            line *into = ok_up ? up : ok_down ? down : NULL;
            if (!into) continue;
            join_lines(a, into, x, nb, !ok_up);
            into->has_num = into->has_num || x->has_num;
            into->has_text = into->has_text || x->has_text;
            x->dropped = true;
        }
    if (numberless) join_wrapped_labels(a, ls, first_data, z1, nb);
    /* an empty table whose total row (合计, no amounts) is printed on the header's last line, beside the
     * leaves of a group (政府性基金 决算: 合计 | … | 本年支出: 合计 基本支出 项目支出): a row, not a header */
    const char *total_row = NULL;
    size_t total_band = 0;
    if (numberless && hdr_end > z0 + 1)
        total_row = header_total_row(ls, z0, hdr_end, nb, &total_band);
    /* the header block as two lines: per band its leaf (lowest text) and the group text above it; the
     * text reader names a column by its leaf, and wants two filled cells on a header line */
    if (hdr_end > z0 + 1) {
        line *leaf = &ls[hdr_end - 1], *upper = &ls[hdr_end - 2];
        for (size_t i = 0; i < nb; i++) {
            const char *lo = NULL, *up = NULL;
            for (size_t k = z0; k < hdr_end; k++)
                if (ls[k].grid[i]) {
                    up = lo;
                    lo = ls[k].grid[i];
                }
            for (size_t k = z0; k < hdr_end; k++) ls[k].grid[i] = NULL;
            leaf->grid[i] = (char *)lo;
            upper->grid[i] = (char *)up;
        }
    }
    for (size_t k = z0; k < z1; k++) {
        const line *l = &ls[k];
        if (l->dropped) continue;
        if (k < hdr_end) {
            size_t filled = 0;
            for (size_t i = 0; i < nb; i++) filled += l->grid[i] != NULL;
            if (filled < 2 && k + 1 < hdr_end) continue;   /* a lone group text: not a header line */
        }
        bool any = false;
        ys_buf o = YS_BUF_INIT;
        for (size_t i = 0; i < nb; i++) {
            if (i) ys_buf_addc(&o, '\t');
            if (l->grid[i]) {
                ys_buf_adds(&o, l->grid[i]);
                any = true;
            }
        }
        if (any) emit(e, ys_buf_str(&o), page);
        ys_buf_release(&o);
        if (total_row && k + 1 == hdr_end) {
            ys_buf_reset(&o);
            for (size_t i = 0; i < nb; i++) {
                if (i) ys_buf_addc(&o, '\t');
                if (i == total_band) ys_buf_adds(&o, total_row);
            }
            emit(e, ys_buf_str(&o), page);
            ys_buf_release(&o);
        }
    }
    if (first_data < z1) {
        memcpy(e->prev, b, nb * sizeof *b);
        e->nprev = nb;
    }
}

/* ---- one page ------------------------------------------------------------------------------------------ */

static double line_x0(const line *l)
{
    return l->ncells ? l->cells[0].x0 : 0;
}

static double line_x1(const line *l)
{
    return l->ncells ? l->cells[l->ncells - 1].x1 : 0;
}

/* 合计 / 总计 / 小计 (spaces allowed): the total row of an empty table, printed without amounts. */
static bool total_label(const char *t)
{
    char buf[32];
    size_t k = 0;
    for (; *t && k + 1 < sizeof buf; t++)
        if (*t != ' ') buf[k++] = *t;
    buf[k] = '\0';
    return strcmp(buf, "\xe5\x90\x88\xe8\xae\xa1") == 0 || strcmp(buf, "\xe6\x80\xbb\xe8\xae\xa1") == 0 ||
           strcmp(buf, "\xe5\xb0\x8f\xe8\xae\xa1") == 0;
}

/* A row of a form with a "：" in it, which goes on with the zone: four cells or more with an amount
 * among them (预算数 | 4.56 | 其中：财政资金 | 4.56 | 其他资金), or a line close under a row and close over
 * a tabular line (绩效目标 | …按5:5的比例分担…); a page's meta line (编制单位：… 单位：万元) is neither. */
static bool form_meta_row(const line *ls, size_t j, size_t nl)
{
    const line *l = &ls[j];
    if (l->kind != L_META) return false;
    if (l->ncells >= 4 && is_data_line(l)) return true;
    return j > 0 && j + 1 < nl && (ls[j - 1].kind == L_TAB || ls[j - 1].kind == L_META) && ls[j + 1].kind == L_TAB &&
           l->y0 - ls[j - 1].y1 < 2.5 * l->h && ls[j + 1].y0 - l->y1 < 2.5 * l->h;
}

static bool short_line(const line *l, double pw)
{
    return !l->big && line_x1(l) - line_x0(l) < 0.4 * pw && !(l->ncells == 1 && has_colon(l->cells[0].text));
}

/* Are all the gaps between the cells of l narrower than a cell gap? Then l was cut only where a number
 * meets a word (build_cells), as pdftotext splits justified prose around its figures. */
static bool tight_cells(const line *l)
{
    if (l->ncells < 2) return false;
    for (size_t c = 1; c < l->ncells; c++) {
        const cell *x = &l->cells[c - 1], *y = &l->cells[c];
        double h = x->h > y->h ? x->h : y->h;
        if (y->x0 - x->x1 > CELL_GAP * h) return false;
    }
    return true;
}

static bool wide_line(const line *l, double pw)
{
    return pw > 0 && line_x1(l) - line_x0(l) >= 0.6 * pw;
}

/* l's cells as one cell (a space between two ASCII words only where one was printed, as build_cells). */
static void merge_cells(ys_arena *a, line *l)
{
    cell *c = &l->cells[0];
    for (size_t i = 1; i < l->ncells; i++) {
        const cell *d = &l->cells[i];
        double h = c->h > d->h ? c->h : d->h;
        c->text = join2(a, c->text, d->text, d->x0 - c->x1 > WORD_SPACE * h);
        if (d->x1 > c->x1) c->x1 = d->x1;
        if (d->y0 < c->y0) c->y0 = d->y0;
        if (d->y1 > c->y1) c->y1 = d->y1;
        if (d->h > c->h) c->h = d->h;
    }
    l->ncells = 1;
    finish_cell(a, c);
}

/* Justified prose cut around its figures (上海市…局 | 2024 | 年度收入支出总计, the first line of a
 * paragraph): a line as wide as the text, cut only where a number meets a word, right above or under a
 * narrative line of the same paragraph (wide, one cell, close) is narrative too. A table row is cut by
 * the gaps between its columns; one cut only at numbers and standing by prose is not a row. */
static void prose_lines(ys_arena *a, line *ls, size_t nl, double pw)
{
    /* down, then up: a paragraph's lines are recognised from the one next to them */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < nl; i++) {
            size_t k = pass == 0 ? i : nl - 1 - i;
            line *l = &ls[k];
            if ((l->kind != L_TAB && l->kind != L_META) || !tight_cells(l) || !wide_line(l, pw)) continue;
            const line *nb = pass == 0 ? (k > 0 ? &ls[k - 1] : NULL) : (k + 1 < nl ? &ls[k + 1] : NULL);
            if (!nb || nb->kind != L_SINGLE || nb->big || !wide_line(nb, pw)) continue;
            double gap = pass == 0 ? l->y0 - nb->y1 : nb->y0 - l->y1;
            if (gap < 0 || gap >= 1.6 * l->h) continue;
            merge_cells(a, l);
            l->kind = L_SINGLE;
        }
}

/* "注：", "说明：", "备注：" (or with ":"): a table's note, printed under it: the table has ended. */
static bool note_line(const line *l)
{
    if (!l->ncells) return false;
    static const char *const heads[] = {"\xe6\xb3\xa8", "\xe8\xaf\xb4\xe6\x98\x8e", "\xe5\xa4\x87\xe6\xb3\xa8"};   /* 注 说明 备注 */
    const char *t = l->cells[0].text;
    for (size_t i = 0; i < sizeof heads / sizeof *heads; i++) {
        size_t n = strlen(heads[i]);
        if (strncmp(t, heads[i], n) == 0 && (t[n] == ':' || strncmp(t + n, "\xef\xbc\x9a", 3) == 0)) return true;
    }
    return false;
}

/* A zone of one or two lines without a number, a 栏次 line or the bands of a table going on from the
 * page before, its lines centred on the page, their cells close (a title printed with a wide space:
 * 第三部分　…部门决算 / 情况说明, 目　录), apart from the text above and below: a title, not a table.
 * (Two text columns side by side, as dense forms print them, are neither centred nor apart.) */
static bool title_zone(const emitter *e, const line *ls, size_t z0, size_t z1, size_t nl, double pw,
                       bool top_of_page)
{
    if (z1 - z0 > 2 || pw <= 0) return false;
    if (top_of_page && e->nprev && fits_bands(ls, z0, z1, e->prev, e->nprev)) return false;
    for (size_t k = z0; k < z1; k++) {
        const line *l = &ls[k];
        if (is_data_line(l) || stub_line(l) || l->ncells > 3) return false;
        for (size_t c = 1; c < l->ncells; c++)
            if (l->cells[c].x0 - l->cells[c - 1].x1 > 2 * l->h) return false;
        if (fabs((line_x0(l) + line_x1(l)) / 2 - pw / 2) > 1.5 * l->h) return false;
    }
    if (z0 > 0 && ls[z0].y0 - ls[z0 - 1].y1 < 0.5 * ls[z0].h) return false;
    if (z1 < nl && ls[z1].y0 - ls[z1 - 1].y1 < 0.5 * ls[z1 - 1].h) return false;
    return true;
}

static void do_page(emitter *e, word *w, size_t n)
{
    ys_arena *a = e->a;
    int page = w[0].page;
    word **ws = malloc(n * sizeof *ws);
    double *hs = malloc(n * sizeof *hs);
    line *ls = calloc(n, sizeof *ls);
    if (!ws || !hs || !ls) {
        free(ws);
        free(hs);
        free(ls);
        e->oom = true;
        return;
    }
    double pw = 0, ph = 0, ymin = 1e9, ymax = -1e9, xmax = 0;
    for (size_t i = 0; i < n; i++) {
        ws[i] = &w[i];
        hs[i] = w[i].y1 - w[i].y0;
        if (w[i].pw > pw) pw = w[i].pw;
        if (w[i].ph > ph) ph = w[i].ph;
        if (w[i].y0 < ymin) ymin = w[i].y0;
        if (w[i].y1 > ymax) ymax = w[i].y1;
        if (w[i].x1 > xmax) xmax = w[i].x1;
    }
    if (pw <= 0) pw = xmax;
    qsort(hs, n, sizeof *hs, cmp_double);
    double hmed = hs[n / 2];
    free(hs);
    /* 1. lines */
    qsort(ws, n, sizeof *ws, cmp_center);
    size_t nl = 0;
    for (size_t i = 0; i < n;) {
        const word *first = ws[i];
        double fh = first->y1 - first->y0;
        size_t j = i + 1;
        while (j < n) {
            double h = ws[j]->y1 - ws[j]->y0;
            double m = h < fh ? h : fh;
            if (overlap(ws[j]->y0, ws[j]->y1, first->y0, first->y1) < LINE_OVERLAP * m) break;
            j++;
        }
        line *l = &ls[nl++];
        l->y0 = first->y0;
        l->y1 = first->y1;
        for (size_t k = i; k < j; k++) {
            if (ws[k]->y0 < l->y0) l->y0 = ws[k]->y0;
            if (ws[k]->y1 > l->y1) l->y1 = ws[k]->y1;
        }
        build_cells(a, l, ws + i, j - i);
        i = j;
    }
    free(ws);
    /* 2. kinds */
    double top_lim = ph > 0 ? 0.1 * ph : ymin + 1, bot_lim = ph > 0 ? 0.9 * ph : ymax - 1;
    for (size_t k = 0; k < nl; k++) {
        line *l = &ls[k];
        l->big = l->h > BIG_FONT * hmed;
        bool colon = false;
        for (size_t c = 0; c < l->ncells; c++) colon = colon || has_colon(l->cells[c].text);
        if (l->ncells == 1 && page_number_text(l->cells[0].text) && (l->y1 <= top_lim || l->y0 >= bot_lim))
            l->kind = L_PAGENO;
        else if (colon && l->ncells >= 2) l->kind = L_META;
        else if (l->ncells >= 2) l->kind = L_TAB;
        else l->kind = L_SINGLE;
    }
    /* a title printed in words apart (第三部分　2024年度部门决算) is one line of text, not a table row */
    for (size_t k = 0; k < nl; k++) {
        line *l = &ls[k];
        if (!l->big || (l->kind != L_TAB && l->kind != L_META)) continue;
        bool close = true;
        for (size_t c = 1; c < l->ncells && close; c++) close = l->cells[c].x0 - l->cells[c - 1].x1 <= 2 * l->h;
        if (!close) continue;
        merge_cells(a, l);
        l->kind = L_SINGLE;
    }
    prose_lines(a, ls, nl, pw);
    /* 3. zones and the rest, in order */
    double right = 0;
    for (size_t k = 0; k < nl; k++)
        if (ls[k].kind == L_SINGLE && line_x1(&ls[k]) > right) right = line_x1(&ls[k]);
    bool seen_any = false;   /* a line other than a page number came before: not a continuation */
    ys_buf para = YS_BUF_INIT;
    int para_page = page;
    const line *plast = NULL;
    size_t k = 0;
    while (k < nl) {
        line *l = &ls[k];
        if (l->kind == L_PAGENO) {
            k++;
            continue;
        }
        /* the paragraph carried over from the page before: the first line of this page goes on with it
         * when it is a plain narrative line starting at the paragraph's left edge (not indented, not a
         * title, not a table) */
        if (e->carry.len) {
            bool go_on = e->carry_open && l->kind == L_SINGLE && !l->big &&
                         line_x0(l) <= e->carry_x0 + 0.5 * e->carry_h &&
                         !(short_line(l, pw) && k + 1 < nl && ls[k + 1].kind == L_TAB);
            if (go_on) {
                ys_buf_adds(&para, join2(a, ys_buf_str(&e->carry), l->cells[0].text, true));
                para_page = e->carry_page;
                ys_buf_reset(&e->carry);
                plast = l;
                seen_any = true;
                k++;
                continue;
            }
            emit(e, ys_buf_str(&e->carry), e->carry_page);
            ys_buf_reset(&e->carry);
        }
        /* short single lines (header cells) leading into a tabular line start a zone */
        size_t t = k;
        while (t < nl && ls[t].kind == L_SINGLE && short_line(&ls[t], pw) && t + 1 < nl &&
               ls[t + 1].y0 - ls[t].y1 < 2.5 * ls[t + 1].h)
            t++;
        if (t < nl && ls[t].kind == L_TAB) {
            size_t z0 = k, last_tab = t;
            /* the zone goes on through tabular lines and short single ones */
            for (size_t j = t + 1; j < nl; j++) {
                const line *m = &ls[j];
                if (m->kind == L_TAB || form_meta_row(ls, j, nl)) last_tab = j;
                else if ((m->kind == L_SINGLE && short_line(m, pw)) || m->kind == L_PAGENO) continue;
                else break;
            }
            size_t z1 = last_tab + 1;
            /* short lines right under the last row: a wrapped fragment, a 合计 row without amounts */
            while (z1 < nl && ls[z1].kind == L_SINGLE && short_line(&ls[z1], pw) &&
                   (ls[z1].y0 - ls[z1 - 1].y1 < 2.5 * ls[z1].h || total_label(ls[z1].cells[0].text)))
                z1++;
            if (para.len) {
                emit(e, ys_buf_str(&para), para_page);
                ys_buf_reset(&para);
            }
            size_t keep = 0;   /* page-number lines inside the zone are dropped */
            for (size_t j = z0; j < z1; j++)
                if (ls[j].kind != L_PAGENO) ls[z0 + keep++] = ls[j];
            if (keep == z1 - z0 && title_zone(e, ls, z0, z1, nl, pw, !seen_any)) {
                for (size_t j = z0; j < z0 + keep; j++) {
                    merge_cells(a, &ls[j]);
                    emit(e, ls[j].cells[0].text, page);
                }
                e->form_open = false;
                e->nprev = 0;   /* the table before has ended */
                seen_any = true;
                plast = NULL;
                k = z1;
                continue;
            }
            emit_zone(e, ls, z0, z0 + keep, page, !seen_any);
            seen_any = true;
            plast = NULL;
            k = z1;
            continue;
        }
        if (note_line(l)) e->nprev = 0;   /* a table's note: the next page's first zone is not the table going on */
        if (l->kind == L_META || l->kind == L_TAB) {
            if (l->kind == L_TAB) seen_any = true;   /* a repeated page header (编制单位/单位) is not */
            if (para.len) {
                emit(e, ys_buf_str(&para), para_page);
                ys_buf_reset(&para);
            }
            emit_cells(e, l, page);
            plast = NULL;
            k++;
            continue;
        }
        /* a single line: narrative (or a title) */
        seen_any = true;
        if (l->big) e->form_open = false;   /* a title: the next table is not the form's continuation */
        const char *tx = l->cells[0].text;
        bool cont = plast && !l->big && !plast->big && line_x1(plast) >= right - 2 * plast->h &&
                    l->y0 - plast->y1 < 1.6 * l->h && line_x0(l) <= line_x0(plast) + 0.5 * l->h;
        /* a title wrapped over two lines: two big lines of one size right under each other, the first
         * one filling most of the text width (a long project or table title) */
        bool wrapped_title = plast && l->big && plast->big && fabs(l->h - plast->h) < 0.2 * l->h &&
                             l->y0 - plast->y1 < 0.8 * l->h && line_x1(plast) - line_x0(plast) >= 0.6 * pw &&
                             line_x1(l) - line_x0(l) < line_x1(plast) - line_x0(plast);
        if (cont || wrapped_title) {
            char *prev = ys_buf_detach(&para);
            char *j2 = join2(a, prev, tx, true);
            free(prev);
            ys_buf_adds(&para, j2);
        } else {
            if (para.len) emit(e, ys_buf_str(&para), para_page);
            ys_buf_reset(&para);
            ys_buf_adds(&para, tx);
            para_page = page;
        }
        plast = l;
        k++;
    }
    /* the page's last paragraph waits: the next page may go on with it */
    if (para.len) {
        const char *ps = ys_buf_str(&para);
        size_t pl = para.len;
        static const char *const ends[] = {"\xe3\x80\x82", "\xef\xbc\x9a", "\xef\xbc\x9b", ":", "."};   /* 。：； */
        bool ended = false;
        for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
            size_t el = strlen(ends[i]);
            if (pl >= el && memcmp(ps + pl - el, ends[i], el) == 0) ended = true;
        }
        ys_buf_reset(&e->carry);
        ys_buf_adds(&e->carry, ps);
        e->carry_page = para_page;
        e->carry_open = plast && !plast->big && !ended && line_x1(plast) >= right - 2 * plast->h;
        e->carry_x0 = plast ? line_x0(plast) : 0;
        e->carry_h = plast ? plast->h : 10;
    }
    ys_buf_release(&para);
    free(ls);
}

/* ---- the step ------------------------------------------------------------------------------------------- */

ys_status ys_pdf_tsv_to_lines(const char *tsv, size_t n, ys_buf *text, int **pages, size_t *nlines,
                              size_t *nwords)
{
    *pages = NULL;
    *nlines = 0;
    *nwords = 0;
    char *buf = malloc(n + 1);
    if (!buf) return YS_ERR_NOMEM;
    memcpy(buf, tsv, n);
    buf[n] = '\0';
    size_t nw = 0;
    word *w = parse_words(buf, n, &nw);
    if (!w) {
        free(buf);
        return YS_ERR_NOMEM;
    }
    emitter e = {0};
    e.a = ys_arena_new();
    e.out = text;
    for (size_t i = 0; i < nw && !e.oom;) {
        size_t j = i + 1;
        while (j < nw && w[j].page == w[i].page) j++;
        do_page(&e, w + i, j - i);
        i = j;
    }
    if (e.carry.len && !e.oom) emit(&e, ys_buf_str(&e.carry), e.carry_page);
    ys_buf_release(&e.carry);
    ys_arena_free(e.a);
    free(w);
    free(buf);
    if (e.oom) {
        free(e.pages);
        return YS_ERR_NOMEM;
    }
    *pages = e.pages;
    *nlines = e.nlines;
    *nwords = nw;
    return YS_OK;
}
