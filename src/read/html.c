/*
 * html.c — the web-page reader (see html.h): decode, parse with gumbo, walk the tree in document order
 * writing tab-separated lines (tables as expanded grids, blocks as lines), then run the text reader's
 * stages over them through read/lines.h with every line's HTML source line as its location.
 *
 * The walk is recursive with a depth bound (YS_HTML_MAX_DEPTH: deeper content is dropped with a warning);
 * grids are bounded in width (YS_HTML_MAX_COLS). Nothing from the page is ever used as a path or command.
 */
#include "read/html.h"

#include <ctype.h>
#include <gumbo.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/text.h"
#include "read/lines.h"
#include "read/read.h"

#define YS_HTML_MAX_DEPTH 200
#define YS_HTML_MAX_COLS 256
#define YS_HTML_MAX_ROWSPAN 65534

/* ---- decoding --------------------------------------------------------------------------------------- */

static bool ieq_prefix(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    if (n < k) return false;
    for (size_t i = 0; i < k; i++)
        if (tolower((unsigned char)s[i]) != lit[i]) return false;
    return true;
}

/* The charset a <meta> of the first 4 KB declares belongs to the GBK family. */
static bool declares_gb(const char *s, size_t n)
{
    if (n > 4096) n = 4096;
    for (size_t i = 0; i + 7 <= n; i++) {
        if (!ieq_prefix(s + i, n - i, "charset")) continue;
        size_t j = i + 7;
        while (j < n && (s[j] == ' ' || s[j] == '\t')) j++;
        if (j >= n || s[j] != '=') continue;
        j++;
        while (j < n && (s[j] == ' ' || s[j] == '"' || s[j] == '\'')) j++;
        const char *v = s + j;
        size_t m = n - j;
        if (ieq_prefix(v, m, "gbk") || ieq_prefix(v, m, "gb2312") || ieq_prefix(v, m, "gb18030") ||
            ieq_prefix(v, m, "gb_2312") || ieq_prefix(v, m, "x-gbk") || ieq_prefix(v, m, "cp936") ||
            ieq_prefix(v, m, "windows-936"))
            return true;
        return false;   /* the first declaration decides */
    }
    return false;
}

/* GB18030 → UTF-8 with iconv; NULL when the bytes are not GB18030. */
static char *from_gb18030(const char *s, size_t n, size_t *outlen)
{
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1) return NULL;
    size_t cap = n * 2 + 16;
    char *out = malloc(cap);
    if (!out) {
        iconv_close(cd);
        return NULL;
    }
    char *in = (char *)s, *o = out;
    size_t inleft = n, oleft = cap - 1;
    size_t r = iconv(cd, &in, &inleft, &o, &oleft);
    iconv_close(cd);
    if (r == (size_t)-1 || inleft != 0) {
        free(out);
        return NULL;
    }
    *o = '\0';
    *outlen = (size_t)(o - out);
    return out;
}

static char *decode(const char *name, const char *bytes, size_t n, size_t *len, ys_diags *diags)
{
    if (n >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
        bytes += 3;
        n -= 3;
    } else if (declares_gb(bytes, n)) {
        char *u = from_gb18030(bytes, n, len);
        if (u) return u;
    }
    char *out = NULL;
    const char *enc = NULL;
    size_t bad = 0;
    ys_status st = ys_text_decode(bytes, n, &out, len, &enc, &bad);
    if (st != YS_OK) {
        ys_diags_add(diags, YS_DIAG_ERROR, name, 0, 0,
                     "网页编码无法识别：既不是 UTF-8 也不是 GBK/GB18030（第 %zu 字节）", bad);
        return NULL;
    }
    return out;
}

/* ---- the walker ------------------------------------------------------------------------------------- */

typedef struct {
    ys_buf *out;          /* borrowed: the lines */
    int *where;           /* owned until handed out: HTML line of each output line */
    size_t *start;        /* owned: offset of each output line in out */
    size_t nlines, capw;
    ys_buf cur;           /* the line (or cell) being collected */
    int cur_line;         /* HTML line where cur began */
    int pend;             /* separator before the next character: 0 none, 1 space, 2 tab */
    bool run_nl, run_tab; /* the current white-space run holds a line feed / a tab */
    int run_wide;         /* no-break and ideographic spaces in the current run */
    bool in_cell;         /* collecting a table cell: no tabs, no line breaks */
    bool in_pre;
    char **flex;          /* owned: class names laid out as rows of cells (from <style>) */
    size_t nflex;
    const char *name;
    ys_diags *diags;
    bool deep_warned, wide_warned;
} walker;

static void push_line(walker *w, const char *s, size_t n, int line)
{
    if (w->nlines == w->capw) {
        size_t nc = w->capw ? w->capw * 2 : 256;
        int *nw = realloc(w->where, nc * sizeof *nw);
        if (!nw) abort();
        w->where = nw;
        size_t *ns = realloc(w->start, nc * sizeof *ns);
        if (!ns) abort();
        w->start = ns;
        w->capw = nc;
    }
    w->start[w->nlines] = w->out->len;
    w->where[w->nlines++] = line;
    ys_buf_add(w->out, s, n);
    ys_buf_addc(w->out, '\n');
}

static void flush(walker *w)
{
    if (w->cur.len > 0) push_line(w, w->cur.data, w->cur.len, w->cur_line);
    ys_buf_reset(&w->cur);
    w->pend = 0;
    w->run_nl = w->run_tab = false;
    w->run_wide = 0;
}

/* A block boundary: a new line outside tables, a space inside a cell. */
static void block_break(walker *w)
{
    if (w->in_cell) {
        if (w->cur.len > 0 && w->pend < 1) w->pend = 1;
    } else {
        flush(w);
    }
}

static void cell_break(walker *w)
{
    if (w->cur.len > 0) w->pend = w->in_cell ? 1 : 2;
}

static void add_text(walker *w, const char *s, size_t n, int line)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        size_t k = 0;
        bool ws = false, wide = false;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            ws = true;
            k = 1;
        } else if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
            ws = wide = true;
            k = 2;
        } else if (c == 0xE3 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x80) {
            ws = wide = true;
            k = 3;
        }
        if (ws) {
            if (c == '\n') {
                line++;
                if (w->in_pre && !w->in_cell) {
                    flush(w);
                    i += k;
                    continue;
                }
                w->run_nl = true;
            }
            if (c == '\t') w->run_tab = true;
            if (wide) w->run_wide++;
            if (w->cur.len > 0) {
                int sep = 1;
                if (!w->in_cell && ((w->run_tab && !w->run_nl) || w->run_wide >= 3)) sep = 2;
                if (sep > w->pend) w->pend = sep;
            }
            i += k;
            continue;
        }
        /* a visible character (any byte of a sequence: the text is valid UTF-8 after decoding) */
        if (w->cur.len == 0) {
            w->cur_line = line;
            w->pend = 0;
        } else if (w->pend) {
            ys_buf_addc(&w->cur, w->pend == 2 ? '\t' : ' ');
        }
        w->pend = 0;
        w->run_nl = w->run_tab = false;
        w->run_wide = 0;
        if (c == '\t' || c == '\n' || c == '\r')
            ys_buf_addc(&w->cur, ' ');
        else
            ys_buf_addc(&w->cur, (char)c);
        i++;
    }
}

static const char *attr(const GumboElement *e, const char *name)
{
    const GumboAttribute *a = gumbo_get_attribute(&e->attributes, name);
    return a ? a->value : NULL;
}

/* s without white space, lower case, contains lit. */
static bool style_has(const char *s, const char *lit)
{
    if (!s) return false;
    ys_buf b = YS_BUF_INIT;
    for (; *s; s++)
        if (!isspace((unsigned char)*s)) ys_buf_addc(&b, (char)tolower((unsigned char)*s));
    bool r = strstr(ys_buf_str(&b), lit) != NULL;
    ys_buf_release(&b);
    return r;
}

static bool is_hidden(const GumboElement *e)
{
    if (gumbo_get_attribute(&e->attributes, "hidden")) return true;
    const char *st = attr(e, "style");
    return style_has(st, "display:none") || style_has(st, "visibility:hidden");
}

static bool skipped_tag(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_HEAD: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_SELECT:
    case GUMBO_TAG_BUTTON: case GUMBO_TAG_INPUT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT: case GUMBO_TAG_CANVAS: case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_TITLE: case GUMBO_TAG_COLGROUP: case GUMBO_TAG_COL:
    case GUMBO_TAG_NAV:
        return true;
    default:
        return false;
    }
}

static bool block_tag(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY: case GUMBO_TAG_CENTER: case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR: case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM:
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR: case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN: case GUMBO_TAG_MENU: case GUMBO_TAG_NAV: case GUMBO_TAG_OL: case GUMBO_TAG_P:
    case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_UL:
    case GUMBO_TAG_CAPTION: case GUMBO_TAG_HTML: case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT:
        return true;
    default:
        return false;
    }
}

/* The element lays its children out side by side (a flex row, or spans spaced by margins). */
static bool is_row_layout(const walker *w, const GumboElement *e)
{
    const char *st = attr(e, "style");
    if (style_has(st, "display:flex") || style_has(st, "display:inline-flex")) return true;
    const char *cls = attr(e, "class");
    if (!cls || w->nflex == 0) return false;
    const char *p = cls;
    while (*p) {
        while (*p && isspace((unsigned char)*p)) p++;
        const char *q = p;
        while (*q && !isspace((unsigned char)*q)) q++;
        for (size_t i = 0; i < w->nflex; i++)
            if (strlen(w->flex[i]) == (size_t)(q - p) && memcmp(w->flex[i], p, (size_t)(q - p)) == 0) return true;
        p = q;
    }
    return false;
}

static int node_line(const GumboNode *n)
{
    if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE) return (int)n->v.element.start_pos.line;
    if (n->type == GUMBO_NODE_DOCUMENT) return 0;
    return (int)n->v.text.start_pos.line;
}

static void walk(walker *w, const GumboNode *n, int depth);

static bool has_table_below(const GumboNode *n, int depth)
{
    if (depth > YS_HTML_MAX_DEPTH || n->type != GUMBO_NODE_ELEMENT) return false;
    const GumboVector *ch = &n->v.element.children;
    for (unsigned i = 0; i < ch->length; i++) {
        const GumboNode *c = ch->data[i];
        if (c->type != GUMBO_NODE_ELEMENT) continue;
        if (c->v.element.tag == GUMBO_TAG_TABLE || has_table_below(c, depth + 1)) return true;
    }
    return false;
}

static int span_value(const GumboElement *e, const char *name, int max)
{
    const char *v = attr(e, name);
    if (!v) return 1;
    while (*v && isspace((unsigned char)*v)) v++;
    if (!isdigit((unsigned char)*v)) return 1;
    long x = 0;
    for (; isdigit((unsigned char)*v); v++) {
        x = x * 10 + (*v - '0');
        if (x > max) return max;
    }
    return x == 0 ? (strcmp(name, "rowspan") == 0 ? max : 1) : (int)x;
}

/* ---- tables ----------------------------------------------------------------------------------------- */

typedef struct {
    char *cells;  /* owned: cells joined by tabs */
    int ncells;
    int line;
    bool text;    /* a one-cell row written as a line of text: not padded */
} trow;

static void collect_rows(const GumboNode *n, const GumboNode ***rows, size_t *nrows, size_t *cap)
{
    const GumboVector *ch = &n->v.element.children;
    for (unsigned i = 0; i < ch->length; i++) {
        const GumboNode *c = ch->data[i];
        if (c->type != GUMBO_NODE_ELEMENT || is_hidden(&c->v.element)) continue;
        GumboTag t = c->v.element.tag;
        if (t == GUMBO_TAG_TR) {
            if (*nrows == *cap) {
                *cap = *cap ? *cap * 2 : 32;
                const GumboNode **nr = realloc(*rows, *cap * sizeof *nr);
                if (!nr) abort();
                *rows = nr;
            }
            (*rows)[(*nrows)++] = c;
        } else if (t == GUMBO_TAG_THEAD || t == GUMBO_TAG_TBODY || t == GUMBO_TAG_TFOOT) {
            collect_rows(c, rows, nrows, cap);
        }
    }
}

/* The text of one cell, through the walker in cell mode; caller frees. */
static char *cell_text(walker *w, const GumboNode *cell, int depth, bool as_line)
{
    ys_buf saved = w->cur;
    int saved_line = w->cur_line;
    bool saved_cell = w->in_cell;
    ys_buf_init(&w->cur);
    w->pend = 0;
    w->run_nl = w->run_tab = false;
    w->run_wide = 0;
    w->in_cell = !as_line;
    const GumboVector *ch = &cell->v.element.children;
    for (unsigned i = 0; i < ch->length; i++) walk(w, ch->data[i], depth + 1);
    char *s = ys_buf_detach(&w->cur);
    w->cur = saved;
    w->cur_line = saved_line;
    w->in_cell = saved_cell;
    w->pend = 0;
    return s;
}

/* The row has exactly one visible cell. */
static bool lone_cell(const GumboNode *tr)
{
    int n = 0;
    const GumboVector *ch = &tr->v.element.children;
    for (unsigned i = 0; i < ch->length; i++) {
        const GumboNode *c = ch->data[i];
        if (c->type == GUMBO_NODE_ELEMENT && (c->v.element.tag == GUMBO_TAG_TD || c->v.element.tag == GUMBO_TAG_TH) &&
            !is_hidden(&c->v.element))
            n++;
    }
    return n == 1;
}

static void grid_table(walker *w, const GumboNode *table, int depth)
{
    const GumboNode **rows = NULL;
    size_t nrows = 0, cap = 0;
    collect_rows(table, &rows, &nrows, &cap);

    int busy[YS_HTML_MAX_COLS] = {0};  /* rows still covered below by a rowspan, per column */
    char *grid[YS_HTML_MAX_COLS];
    trow *out = nrows ? calloc(nrows, sizeof *out) : NULL;
    size_t nout = 0;
    int width = 0;
    for (size_t r = 0; r < nrows; r++) {
        bool occ[YS_HTML_MAX_COLS];   /* taken in this row: by a rowspan from above or a cell placed */
        for (int c = 0; c < YS_HTML_MAX_COLS; c++) {
            occ[c] = busy[c] > 0;
            if (busy[c] > 0) busy[c]--;
            grid[c] = NULL;
        }
        int used = 0, col = 0, line = node_line(rows[r]);
        bool text_row = false;
        const GumboVector *ch = &rows[r]->v.element.children;
        for (unsigned i = 0; i < ch->length; i++) {
            const GumboNode *c = ch->data[i];
            if (c->type != GUMBO_NODE_ELEMENT) continue;
            GumboTag t = c->v.element.tag;
            if (t != GUMBO_TAG_TD && t != GUMBO_TAG_TH) continue;
            if (is_hidden(&c->v.element)) continue;
            while (col < YS_HTML_MAX_COLS && occ[col]) col++;
            int cs = span_value(&c->v.element, "colspan", 1000);
            int rs = span_value(&c->v.element, "rowspan", YS_HTML_MAX_ROWSPAN);
            if (col + cs > YS_HTML_MAX_COLS) {
                if (!w->wide_warned)
                    ys_diags_add_at(w->diags, YS_DIAG_WARNING, w->name, NULL,
                                    "网页表格超过 %d 列（第 %d 行），多出的列未读", YS_HTML_MAX_COLS, line);
                w->wide_warned = true;
                if (col >= YS_HTML_MAX_COLS) break;
                cs = YS_HTML_MAX_COLS - col;
            }
            if (line == 0) line = node_line(c);
            /* a row that is one cell across the table ("编制单位：…　　单位：万元") is a line of text */
            bool across = col == 0 && cs >= 2 && rs == 1 && lone_cell(rows[r]);
            grid[col] = cell_text(w, c, depth, across);
            text_row = across;
            for (int k = col; k < col + cs; k++) {
                occ[k] = true;
                busy[k] = rs - 1;
            }
            col += cs;
            if (col > used) used = col;
        }
        for (int c = used; c < YS_HTML_MAX_COLS; c++)
            if (occ[c]) used = c + 1;
        ys_buf b = YS_BUF_INIT;
        bool filled = false;
        if (text_row) used = 1;
        for (int c = 0; c < used; c++) {
            if (c) ys_buf_addc(&b, '\t');
            if (grid[c] && grid[c][0]) {
                ys_buf_adds(&b, grid[c]);
                filled = true;
            }
            free(grid[c]);
            grid[c] = NULL;
        }
        if (filled) {
            out[nout].cells = ys_buf_detach(&b);
            out[nout].ncells = used;
            out[nout].line = line;
            out[nout].text = text_row;
            nout++;
            if (used > width && !text_row) width = used;
        }
        ys_buf_release(&b);
    }
    ys_buf line = YS_BUF_INIT;
    for (size_t r = 0; r < nout; r++) {
        ys_buf_reset(&line);
        ys_buf_adds(&line, out[r].cells);
        for (int c = out[r].ncells; c < width && !out[r].text; c++) ys_buf_addc(&line, '\t');
        push_line(w, line.data, line.len, out[r].line);
        free(out[r].cells);
    }
    ys_buf_release(&line);
    free(out);
    free(rows);
}

static void walk_table(walker *w, const GumboNode *table, int depth)
{
    flush(w);
    if (w->in_cell || has_table_below(table, depth)) {
        /* a layout table (or a table inside a cell): its cells are blocks */
        const GumboVector *ch = &table->v.element.children;
        for (unsigned i = 0; i < ch->length; i++) walk(w, ch->data[i], depth + 1);
        block_break(w);
        return;
    }
    const GumboVector *ch = &table->v.element.children;
    for (unsigned i = 0; i < ch->length; i++) {
        const GumboNode *c = ch->data[i];
        if (c->type == GUMBO_NODE_ELEMENT && c->v.element.tag == GUMBO_TAG_CAPTION) {
            walk(w, c, depth + 1);
            flush(w);
        }
    }
    grid_table(w, table, depth);
}

static void walk(walker *w, const GumboNode *n, int depth)
{
    if (depth > YS_HTML_MAX_DEPTH) {
        if (!w->deep_warned)
            ys_diags_add_at(w->diags, YS_DIAG_WARNING, w->name, NULL,
                            "网页元素嵌套超过 %d 层（第 %d 行），更深的内容未读", YS_HTML_MAX_DEPTH, node_line(n));
        w->deep_warned = true;
        return;
    }
    switch (n->type) {
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_CDATA:
    case GUMBO_NODE_WHITESPACE:
        add_text(w, n->v.text.text, strlen(n->v.text.text), (int)n->v.text.start_pos.line);
        return;
    case GUMBO_NODE_COMMENT:
    case GUMBO_NODE_TEMPLATE:
        return;
    case GUMBO_NODE_DOCUMENT:
    case GUMBO_NODE_ELEMENT:
        break;
    }
    const GumboVector *ch;
    if (n->type == GUMBO_NODE_DOCUMENT) {
        ch = &n->v.document.children;
        for (unsigned i = 0; i < ch->length; i++) walk(w, ch->data[i], depth + 1);
        flush(w);
        return;
    }
    const GumboElement *e = &n->v.element;
    if (skipped_tag(e->tag) || is_hidden(e)) return;
    if (e->tag == GUMBO_TAG_BR) {
        if (w->in_cell) {
            if (w->cur.len > 0 && w->pend < 1) w->pend = 1;
        } else {
            flush(w);
        }
        return;
    }
    if (e->tag == GUMBO_TAG_TABLE) {
        walk_table(w, n, depth);
        return;
    }
    bool block = block_tag(e->tag);
    if (block) block_break(w);
    bool pre = w->in_pre;
    if (e->tag == GUMBO_TAG_PRE) w->in_pre = true;
    bool row = is_row_layout(w, e);
    ch = &e->children;
    bool seen = false;
    for (unsigned i = 0; i < ch->length; i++) {
        const GumboNode *c = ch->data[i];
        if (row && c->type == GUMBO_NODE_ELEMENT) {
            if (seen) cell_break(w);
            seen = true;
        }
        walk(w, c, depth + 1);
    }
    w->in_pre = pre;
    if (block) block_break(w);
}

/* ---- <style>: classes laid out as rows --------------------------------------------------------------- */

static void add_flex(walker *w, const char *s, size_t n)
{
    for (size_t i = 0; i < w->nflex; i++)
        if (strlen(w->flex[i]) == n && memcmp(w->flex[i], s, n) == 0) return;
    char **nf = realloc(w->flex, (w->nflex + 1) * sizeof *nf);
    if (!nf) abort();
    w->flex = nf;
    char *c = malloc(n + 1);
    if (!c) abort();
    memcpy(c, s, n);
    c[n] = '\0';
    w->flex[w->nflex++] = c;
}

/* One selector (s[0..n)) of a rule that lays out: ".x" (flex) or ".x span" (spans with margins). */
static void selector_class(walker *w, const char *s, size_t n, bool flex, bool margin)
{
    while (n && isspace((unsigned char)s[n - 1])) n--;
    while (n && isspace((unsigned char)*s)) {
        s++;
        n--;
    }
    if (margin && !flex) {
        if (n < 5 || memcmp(s + n - 5, " span", 5) != 0) return;
        n -= 5;
        while (n && isspace((unsigned char)s[n - 1])) n--;
    }
    size_t k = n;
    while (k && (isalnum((unsigned char)s[k - 1]) || s[k - 1] == '-' || s[k - 1] == '_')) k--;
    if (k == 0 || k == n || s[k - 1] != '.') return;
    add_flex(w, s + k, n - k);
}

static void scan_css(walker *w, const char *css)
{
    const char *sel = css;
    for (const char *p = css; *p; p++) {
        if (*p == '}' || *p == ';') {
            sel = p + 1;
            continue;
        }
        if (*p != '{') continue;
        const char *end = strchr(p + 1, '}');
        const char *nested = strchr(p + 1, '{');
        if (!end) return;
        if (nested && nested < end) {   /* @media … { : the rules inside follow */
            sel = p + 1;
            continue;
        }
        ys_buf decl = YS_BUF_INIT;
        ys_buf_add(&decl, p + 1, (size_t)(end - p - 1));
        bool flex = style_has(decl.data, "display:flex") || style_has(decl.data, "display:inline-flex");
        bool margin = style_has(decl.data, "margin-right") || style_has(decl.data, "margin-left");
        ys_buf_release(&decl);
        if (flex || margin) {
            const char *a = sel;
            for (const char *q = sel; q <= p; q++) {
                if (q == p || *q == ',') {
                    selector_class(w, a, (size_t)(q - a), flex, margin);
                    a = q + 1;
                }
            }
        }
        p = end;
        sel = end + 1;
    }
}

static void find_styles(walker *w, const GumboNode *n, int depth)
{
    if (depth > YS_HTML_MAX_DEPTH || n->type != GUMBO_NODE_ELEMENT) return;
    const GumboVector *ch = &n->v.element.children;
    if (n->v.element.tag == GUMBO_TAG_STYLE) {
        for (unsigned i = 0; i < ch->length; i++) {
            const GumboNode *c = ch->data[i];
            if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE) scan_css(w, c->v.text.text);
        }
        return;
    }
    for (unsigned i = 0; i < ch->length; i++) find_styles(w, ch->data[i], depth + 1);
}

/* ---- entry points ----------------------------------------------------------------------------------- */

long ys_html_to_lines(const char *name, const char *bytes, size_t n, ys_buf *lines, int **wheres,
                      ys_diags *diags)
{
    if (wheres) *wheres = NULL;
    if (n > YS_HTML_INPUT_CAP) {
        ys_diags_add(diags, YS_DIAG_ERROR, name, 0, 0, "网页文件过大（%zu 字节，上限 %u 字节）", n,
                     (unsigned)YS_HTML_INPUT_CAP);
        return -1;
    }
    size_t len = 0;
    char *text = decode(name, bytes, n, &len, diags);
    if (!text) return -1;

    GumboOptions opt = kGumboDefaultOptions;
    opt.max_errors = 0;
    GumboOutput *g = gumbo_parse_with_options(&opt, text, len);
    walker w;
    memset(&w, 0, sizeof w);
    w.out = lines;
    w.name = name;
    w.diags = diags;
    ys_buf_init(&w.cur);
    if (g) {
        find_styles(&w, g->root, 0);
        walk(&w, g->document, 0);
        flush(&w);
        gumbo_destroy_output(&opt, g);
    }
    ys_buf_release(&w.cur);
    for (size_t i = 0; i < w.nflex; i++) free(w.flex[i]);
    free(w.flex);
    free(text);
    free(w.start);
    if (wheres)
        *wheres = w.where;
    else
        free(w.where);
    return (long)w.nlines;
}

ys_status ys_read_html_mem(const char *name, const char *bytes, size_t n, ys_disclosure **out, ys_diags *diags)
{
    *out = NULL;
    ys_buf lines = YS_BUF_INIT;
    int *wheres = NULL;
    long nl = ys_html_to_lines(name, bytes, n, &lines, &wheres, diags);
    if (nl < 0) {
        ys_buf_release(&lines);
        return n > YS_HTML_INPUT_CAP ? YS_ERR_FORMAT : YS_ERR_ENCODING;
    }
    if (nl == 0) {
        ys_diags_add(diags, YS_DIAG_ERROR, name, 0, 0, "网页中没有可读的文字");
        ys_buf_release(&lines);
        free(wheres);
        return YS_ERR_FORMAT;
    }
    ys_arena *a = ys_arena_new();
    ys_line_origin *map = ys_arena_calloc(a, (size_t)nl, sizeof *map);
    for (long i = 0; i < nl; i++)
        map[i].where = wheres[i] > 0 ? ys_arena_printf(a, "第%d行", wheres[i]) : NULL;
    ys_status st = ys_read_lines(name, lines.data, lines.len, map, (size_t)nl, out, diags);
    ys_arena_free(a);
    free(wheres);
    ys_buf_release(&lines);
    return st;
}

ys_status ys_read_html_file(const char *path, ys_disclosure **out, ys_diags *diags)
{
    char *bytes = NULL;
    size_t n = 0;
    *out = NULL;
    ys_status st = ys_read_file(path, &bytes, &n, diags);
    if (st != YS_OK) return st;
    st = ys_read_html_mem(path, bytes, n, out, diags);
    free(bytes);
    return st;
}

bool ys_html_sniff(const char *bytes, size_t n)
{
    size_t i = 0;
    if (n >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) i = 3;
    for (int guard = 0; guard < 64; guard++) {
        while (i < n && isspace((unsigned char)bytes[i])) i++;
        if (i >= n || bytes[i] != '<') return false;
        const char *s = bytes + i;
        size_t m = n - i;
        if (ieq_prefix(s, m, "<!--")) {
            const char *e = NULL;
            for (size_t k = 4; k + 3 <= m; k++)
                if (memcmp(s + k, "-->", 3) == 0) {
                    e = s + k + 3;
                    break;
                }
            if (!e) return false;
            i = (size_t)(e - bytes);
            continue;
        }
        if (ieq_prefix(s, m, "<?xml")) {
            const char *e = memchr(s, '>', m);
            if (!e) return false;
            i = (size_t)(e - bytes) + 1;
            continue;
        }
        static const char *const tags[] = {"<!doctype html", "<html", "<head", "<meta", "<title",
                                           "<body", "<table", "<div"};
        for (size_t k = 0; k < sizeof tags / sizeof *tags; k++) {
            size_t l = strlen(tags[k]);
            if (ieq_prefix(s, m, tags[k]) && (m == l || !isalnum((unsigned char)s[l]))) return true;
        }
        return false;
    }
    return false;
}
