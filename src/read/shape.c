/*
 * shape.c — pasted-text shapes (tabs, bars, space-aligned, one cell per line) detected and turned into the
 * tab form of the text reader (see shape.h). Every loop is bounded by the number of lines times a small
 * constant (the one-cell shape looks ahead at most a few rows), so conversion stays linear.
 *
 * Banners: detection, the bar shape, the space-aligned shape, the one-cell-per-line shape.
 */
#include "read/shape.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/text.h"
#include "read/template.h"

#define MAX_HDR_ITEMS 40     /* header texts of one table in the one-cell shape */
#define MAX_COLS 40          /* columns of one table in the one-cell shape */
#define MAX_ENUM_ITEMS 28    /* header texts of a two-line header whose splits are tried (bounded work) */
#define TITLE_PREFIX_MAX 40  /* code points before a title alias */
#define CONFIRM_LINES 12     /* lines between a title and its header run */
#define MIN_SPACE_LINES 3    /* lines with space runs for the space shape */

const char *ys_shape_name(ys_shape s)
{
    switch (s) {
    case YS_SHAPE_TABS: return "tabs";
    case YS_SHAPE_BARS: return "bars";
    case YS_SHAPE_SPACES: return "spaces";
    case YS_SHAPE_CELLS: return "cells";
    }
    return "?";
}

/* ---- detection -------------------------------------------------------------------------------------- */

/* Two '|' or more in s: two strchr (vector scans) instead of counting every byte of the line. */
static bool two_bars(const char *s)
{
    const char *p = strchr(s, '|');
    return p && strchr(p + 1, '|');
}

static bool is_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r') return false;
    return true;
}

/* "|---|:--:|", "+---+---+", "---|---": only bars, dashes, colons, plus signs and spaces, with a dash. */
static bool is_bar_separator(const char *s)
{
    bool dash = false, bar = false;
    for (; *s; s++) {
        if (*s == '-') dash = true;
        else if (*s == '|' || *s == '+') bar = true;
        else if (*s != ':' && *s != ' ' && *s != '\t') return false;
    }
    return dash && bar;
}

/* A run of two or more spaces between two non-space characters. */
static bool has_space_run(const char *s)
{
    while (*s == ' ') s++;
    /* the first two spaces in a row decide (ys_text_find is strstr: the first occurrence) */
    const char *p = ys_text_find(s, "  ");
    if (!p) return false;
    while (*p == ' ') p++;
    return *p && *p != '\r';
}

ys_shape ys_shape_detect(const char *const *lines, size_t n)
{
    size_t tabs = 0, bars = 0, spaces = 0;
    for (size_t i = 0; i < n; i++) {
        const char *s = lines[i];
        if (is_blank(s)) continue;
        if (strchr(s, '\t')) tabs++;
        else if (two_bars(s) || is_bar_separator(s)) bars++;
        else if (has_space_run(s)) spaces++;
    }
    if (tabs > 0 && tabs >= bars && tabs >= spaces) return YS_SHAPE_TABS;
    if (bars > 0 && bars >= spaces) return YS_SHAPE_BARS;
    if (spaces >= MIN_SPACE_LINES) return YS_SHAPE_SPACES;
    if (tabs || bars) return tabs >= bars ? YS_SHAPE_TABS : YS_SHAPE_BARS;
    return YS_SHAPE_CELLS;
}

/* ---- the bar shape ----------------------------------------------------------------------------------- */

/* s[0..n) without ASCII spaces and U+3000 at both ends. */
static void trim(const char **s, size_t *n)
{
    for (;;) {
        if (*n && ((*s)[0] == ' ' || (*s)[0] == '\r')) {
            (*s)++;
            (*n)--;
        } else if (*n >= 3 && memcmp(*s, "\xe3\x80\x80", 3) == 0) {
            *s += 3;
            *n -= 3;
        } else {
            break;
        }
    }
    for (;;) {
        if (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\r')) (*n)--;
        else if (*n >= 3 && memcmp(*s + *n - 3, "\xe3\x80\x80", 3) == 0) *n -= 3;
        else break;
    }
}

const char *ys_shape_bars_line(ys_arena *a, const char *line)
{
    if (!strchr(line, '|')) return line;
    if (is_bar_separator(line)) return NULL;
    const char *s = line;
    size_t n = strlen(line);
    trim(&s, &n);
    if (n && s[0] == '|') {
        s++;
        n--;
    }
    if (n && s[n - 1] == '|') n--;
    ys_buf b = YS_BUF_INIT;
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '|') continue;
        const char *c = s + start;
        size_t cl = i - start;
        trim(&c, &cl);
        if (start) ys_buf_addc(&b, '\t');
        ys_buf_add(&b, c, cl);
        start = i + 1;
    }
    const char *r = ys_arena_strndup(a, ys_buf_str(&b), b.len);
    ys_buf_release(&b);
    return r;
}

/* ---- the space-aligned shape --------------------------------------------------------------------------- */

/* Display width of the UTF-8 character at s (its byte length in *len): CJK and full-width forms 2. */
static int char_width(const char *s, size_t *len)
{
    unsigned char c = (unsigned char)s[0];
    size_t l = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    for (size_t k = 1; k < l; k++)
        if (!s[k]) {
            l = k;
            break;
        }
    *len = l;
    return l >= 3 ? 2 : 1;
}

static size_t display_width(const char *s)
{
    size_t w = 0, len = 0;
    for (; *s; s += len) w += (size_t)char_width(s, &len);
    return w;
}

/* Cells of a line split on runs of two or more spaces. */
static size_t space_cells(const char *s)
{
    size_t n = 0;
    bool in = false;
    for (const char *p = s; *p; p++) {
        if (*p == ' ' && (p[1] == ' ' || !p[1])) {
            in = false;
            continue;
        }
        if (*p == '\r') continue;
        if (!in) n++;
        in = true;
    }
    return n;
}

/* The plain split: cells separated by runs of ≥2 spaces, joined by tabs. */
static const char *space_split(ys_arena *a, const char *line)
{
    ys_buf b = YS_BUF_INIT;
    const char *p = line;
    while (*p == ' ') p++;
    bool first = true;
    while (*p) {
        const char *q = p;
        while (*q && !(q[0] == ' ' && (q[1] == ' ' || !q[1]))) q++;
        const char *c = p;
        size_t cl = (size_t)(q - p);
        trim(&c, &cl);
        if (!first) ys_buf_addc(&b, '\t');
        ys_buf_add(&b, c, cl);
        first = false;
        while (*q == ' ') q++;
        p = q;
    }
    const char *r = ys_arena_strndup(a, ys_buf_str(&b), b.len);
    ys_buf_release(&b);
    return r;
}

/* Lines [from, to) form a block: columns are the stretches between gutters (display positions blank in
 * every line of the block, at least two wide). Each line is cut at the columns. When the gutters give
 * fewer columns than a line has cells (a text running across a gutter), the block is not aligned: the
 * plain split is used, with a warning. */
static void space_block(ys_arena *a, const char *file, const char *const *lines, size_t from, size_t to,
                        const char **out, ys_diags *diags)
{
    size_t width = 0, maxcells = 0;
    for (size_t i = from; i < to; i++) {
        size_t w = display_width(lines[i]);
        if (w > width) width = w;
        size_t c = space_cells(lines[i]);
        if (c > maxcells) maxcells = c;
    }
    unsigned char *cover = calloc(width + 1, 1);
    size_t *colstart = calloc(width + 2, sizeof *colstart);
    if (!cover || !colstart) {
        free(cover);
        free(colstart);
        for (size_t i = from; i < to; i++) out[i] = space_split(a, lines[i]);
        return;
    }
    for (size_t i = from; i < to; i++) {
        size_t x = 0, len = 0;
        for (const char *s = lines[i]; *s; s += len) {
            int w = char_width(s, &len);
            if (*s != ' ' && *s != '\r')
                for (int k = 0; k < w; k++) cover[x + (size_t)k] = 1;
            x += (size_t)w;
        }
    }
    /* columns: maximal covered stretches, joined across gaps narrower than two positions */
    size_t ncols = 0;
    for (size_t x = 0; x < width;) {
        if (!cover[x]) {
            x++;
            continue;
        }
        colstart[ncols++] = x;
        size_t end = x;
        for (;;) {
            while (end < width && cover[end]) end++;
            size_t gap = end;
            while (gap < width && !cover[gap]) gap++;
            if (gap < width && gap - end < 2) {
                end = gap;
                continue;
            }
            break;
        }
        x = end;
    }
    if (ncols < maxcells || ncols == 0) {
        ys_diags_add(diags, YS_DIAG_WARNING, file, (int)from + 1, 0,
                     "按空格对齐的表格无法确定列的位置（%zu 列，有的行有 %zu 个单元格），按连续空格切分", ncols,
                     maxcells);
        for (size_t i = from; i < to; i++) out[i] = space_split(a, lines[i]);
    } else {
        for (size_t i = from; i < to; i++) {
            ys_buf b = YS_BUF_INIT;
            size_t col = 0, x = 0, len = 0, cstart = 0;
            const char *s = lines[i];
            const char *cell = s;
            for (;; s += len) {
                int w = *s ? char_width(s, &len) : 0;
                bool next = *s && col + 1 < ncols && x >= colstart[col + 1];
                if (!*s || next) {
                    const char *c = cell;
                    size_t cl = (size_t)(s - cell);
                    trim(&c, &cl);
                    if (cstart) ys_buf_addc(&b, '\t');
                    ys_buf_add(&b, c, cl);
                    cstart = 1;
                    if (!*s) break;
                    cell = s;
                    col++;
                    while (col + 1 < ncols && x >= colstart[col + 1]) {   /* cannot happen: a char per column */
                        ys_buf_addc(&b, '\t');
                        col++;
                    }
                }
                x += (size_t)w;
            }
            for (col++; col < ncols; col++) ys_buf_addc(&b, '\t');
            out[i] = ys_arena_strndup(a, ys_buf_str(&b), b.len);
            ys_buf_release(&b);
        }
    }
    free(cover);
    free(colstart);
}

static void convert_spaces(ys_arena *a, const char *file, const char *const *lines, size_t n, const char **out,
                           ys_diags *diags)
{
    size_t i = 0;
    while (i < n) {
        if (space_cells(lines[i]) < 2) {
            const char *c = lines[i];
            size_t cl = strlen(c);
            trim(&c, &cl);
            out[i] = cl == strlen(lines[i]) ? lines[i] : ys_arena_strndup(a, c, cl);
            i++;
            continue;
        }
        /* a block: lines with ≥2 cells, one-cell lines between two of them, and indented one-cell lines
         * right after them (the rest of a wrapped cell: "          号") */
        size_t end = i + 1, last = i;
        while (end < n && !is_blank(lines[end])) {
            if (space_cells(lines[end]) >= 2 || (last + 1 == end && strncmp(lines[end], "    ", 4) == 0))
                last = end;
            end++;
        }
        space_block(a, file, lines, i, last + 1, out, diags);
        i = last + 1;
    }
}

/* ---- the one-cell-per-line shape ------------------------------------------------------------------------ */

typedef struct {
    ys_arena *a, *tmp;
    const char *file;
    const char *const *lines;
    size_t n;
    const char **out;
    const char **keys;          /* comparison key of each line (tmp) */
    ys_diags *diags;
    const ys_template *tpl;
} cells_ctx;

static bool ends_with(const char *s, const char *p)
{
    size_t n = strlen(s), m = strlen(p);
    return m <= n && memcmp(s + n - m, p, m) == 0;
}

static bool all_digits(const char *s)
{
    if (!*s) return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9') return false;
    return true;
}

/* A printed amount or quantity: digits with optional sign, thousands commas, one point ("6228."). */
static bool is_number(const char *s)
{
    if (*s == '-' || *s == '+') s++;
    bool digit = false, point = false;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9') digit = true;
        else if (*s == ',' && digit && !point) continue;
        else if (*s == '.' && !point) point = true;
        else return false;
    }
    return digit;
}

static ys_table_id title_of(cells_ctx *c, const char *key)
{
    ys_table_id best = YS_TABLE_NONE;
    size_t best_len = 0, klen = strlen(key);
    for (int t = 0; t < YS_TABLE__COUNT; t++) {
        const ys_tpl_table *tt = &c->tpl->tables[t];
        for (size_t i = 0; i < tt->ntitles; i++) {
            size_t al = strlen(tt->titles[i]);
            if (al <= best_len || !ends_with(key, tt->titles[i])) continue;
            char *prefix = ys_arena_strndup(c->tmp, key, klen - al);
            if (ys_utf8_len(prefix) > TITLE_PREFIX_MAX || strchr(prefix, ',')) continue;
            best = (ys_table_id)t;
            best_len = al;
        }
    }
    return best;
}

/* The header entry of table tt whose alias is key (also without a trailing bracket), or NULL. */
static const ys_tpl_header *header_of(const ys_tpl_table *tt, const char *key, size_t *index)
{
    char buf[256];
    const char *br = strrchr(key, '(');
    const char *alt = NULL;
    if (br && br > key && ends_with(key, ")") && (size_t)(br - key) < sizeof buf) {
        memcpy(buf, key, (size_t)(br - key));
        buf[br - key] = '\0';
        alt = buf;
    }
    for (int v = 0; v < 2; v++) {
        const char *k = v ? alt : key;
        if (!k || !*k) continue;
        for (size_t i = 0; i < tt->nheaders; i++)
            if (strcmp(tt->headers[i].alias, k) == 0) {
                if (index) *index = i;
                return &tt->headers[i];
            }
    }
    return NULL;
}

static bool is_stub(cells_ctx *c, const char *key)
{
    for (size_t i = 0; i < c->tpl->stub.n; i++)
        if (strcmp(key, c->tpl->stub.keys[i]) == 0) return true;
    return false;
}

/* Inversions of a leaf order against the template's order of the header entries (lower = closer). */
static size_t inversions(const size_t *order, size_t n)
{
    size_t inv = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) inv += order[i] > order[j];
    return inv;
}

/*
 * The leaves (columns in printed order) of a header run items[0..n) copied line by line from a one- or
 * two-line header: the first line has the groups (功能分类科目, 本年收入) and the cells spanning both
 * lines, the second line the groups' children in order. Every split of the run into the two lines and
 * of the second line among the groups is tried; the one closest to the template's order wins. A tie
 * between two different orders is ambiguous: returns 0 (no leaves).
 */
static size_t header_leaves(const ys_tpl_table *tt, const size_t *tplidx, const bool *group, size_t n,
                            size_t *leaves)
{
    size_t ngroups = 0, lastgroup = 0;
    for (size_t i = 0; i < n; i++)
        if (group[i]) {
            ngroups++;
            lastgroup = i;
        }
    (void)tt;
    if (ngroups == 0) {
        for (size_t i = 0; i < n; i++) leaves[i] = i;
        return n;
    }
    if (ngroups > 3 || n > MAX_ENUM_ITEMS) return 0;
    size_t nleaves = n - ngroups;
    size_t best[MAX_HDR_ITEMS], cand[MAX_HDR_ITEMS], order[MAX_HDR_ITEMS];
    size_t best_score = (size_t)-1;
    bool tie = false;
    /* k: first item of the second line; cuts: children counts of the groups (≥1 each) */
    for (size_t k = lastgroup + 1; k < n; k++) {
        size_t m = n - k;   /* children */
        if (m < ngroups) continue;
        size_t cnt[3] = {1, 1, 1};
        size_t amax = ngroups == 1 ? m : m - 1, bmax = ngroups == 3 ? m - 1 : 1;
        for (size_t a = ngroups == 1 ? m : 1; a <= amax; a++)
            for (size_t b = 1; b <= bmax; b++) {
                cnt[0] = a;
                cnt[1] = ngroups == 2 ? m - a : b;
                cnt[2] = ngroups == 3 && a + b < m ? m - a - b : 0;
                if (ngroups == 3 && a + b >= m) continue;
                size_t nl = 0, child = k, g = 0;
                for (size_t i = 0; i < k; i++) {
                    if (!group[i]) {
                        cand[nl++] = i;
                        continue;
                    }
                    for (size_t x = 0; x < cnt[g]; x++) cand[nl++] = child++;
                    g++;
                }
                for (size_t i = 0; i < nl; i++) order[i] = tplidx[cand[i]];
                size_t score = inversions(order, nl);
                if (score < best_score) {
                    best_score = score;
                    memcpy(best, cand, nl * sizeof *cand);
                    tie = false;
                } else if (score == best_score) {
                    /* another split giving the same header texts in the same order is no doubt */
                    for (size_t i = 0; i < nl && !tie; i++) tie = tplidx[best[i]] != order[i];
                }
                }
    }
    if (best_score == (size_t)-1 || tie) return 0;
    memcpy(leaves, best, nleaves * sizeof *leaves);
    return nleaves;
}

/* Join cells into a tab line in a. */
static const char *tab_line(ys_arena *a, const char *const *cells, size_t n)
{
    ys_buf b = YS_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i) ys_buf_addc(&b, '\t');
        ys_buf_adds(&b, cells[i] ? cells[i] : "");
    }
    const char *r = ys_arena_strndup(a, ys_buf_str(&b), b.len);
    ys_buf_release(&b);
    return r;
}

typedef struct {
    size_t ncols;
    ys_tpl_role role[MAX_COLS];
    ys_col_kind kind[MAX_COLS];
    int seqpos;
    const char *const *hdr_keys;   /* header run keys, for recognising a repeated header */
} cols_info;

/* The trimmed text of line i. */
static const char *cell_text(cells_ctx *c, size_t i)
{
    const char *s = c->lines[i];
    size_t n = strlen(s);
    trim(&s, &n);
    return ys_arena_strndup(c->tmp, s, n);
}

/*
 * Place the present cells of one row (cells[0..k), blanks included when `with_blanks`) onto the columns.
 * Returns false when that is not certain.
 */
static bool place_row(const cols_info *ci, const char **cells, size_t k, bool has_seq, const char **placed)
{
    for (size_t p = 0; p < ci->ncols; p++) placed[p] = "";
    if (k == ci->ncols) {
        for (size_t p = 0; p < k; p++) {
            if (ci->role[p] == YS_TPL_COL && ci->kind[p] == YS_COL_MONEY && *cells[p] && !is_number(cells[p]))
                return false;
            if (ci->role[p] == YS_TPL_CODE && *cells[p] && !all_digits(cells[p])) return false;
            if (ci->role[p] == YS_TPL_NAME && *cells[p] && is_number(cells[p])) return false;
            placed[p] = cells[p];
        }
        return true;
    }
    if (k > ci->ncols) return false;
    /* code and name may be missing; amounts must then fill the amount columns exactly */
    size_t p = 0, i = 0;
    if (ci->seqpos == 0) {
        if (has_seq) placed[0] = cells[i++];
        p = 1;
    } else if (has_seq) {
        return false;
    }
    for (; p < ci->ncols && (ci->role[p] == YS_TPL_CODE || ci->role[p] == YS_TPL_NAME); p++) {
        if (i >= k) continue;
        bool code_like = all_digits(cells[i]);
        if (ci->role[p] == YS_TPL_CODE && code_like) placed[p] = cells[i++];
        else if (ci->role[p] == YS_TPL_NAME && !is_number(cells[i])) placed[p] = cells[i++];
    }
    size_t rest = ci->ncols - p, left = k - i;
    if (left == 0) return true;
    if (left != rest) return false;
    for (size_t q = 0; q < rest; q++) {
        if (ci->kind[p + q] == YS_COL_MONEY && !is_number(cells[i + q])) return false;
        placed[p + q] = cells[i + q];
    }
    return true;
}

/* A page-header item (unit, year, department, page line, note) or a title: one-cell lines of their own. */
static bool is_page_item(cells_ctx *c, size_t j)
{
    const char *key = c->keys[j];
    if (!*key) return false;
    if (title_of(c, key) != YS_TABLE_NONE) return true;
    const ys_tpl_words *lists[] = {&c->tpl->unit, &c->tpl->year, &c->tpl->dept, &c->tpl->page, &c->tpl->note};
    for (size_t l = 0; l < sizeof lists / sizeof *lists; l++)
        for (size_t w = 0; w < lists[l]->n; w++)
            if (strncmp(key, lists[l]->keys[w], strlen(lists[l]->keys[w])) == 0) return true;
    /* "323 赵县…局": code, space, name */
    const char *s = c->lines[j];
    size_t d = 0;
    while (s[d] >= '0' && s[d] <= '9') d++;
    return d > 0 && s[d] == ' ';
}

/* The header run starts at line j again (a later page): its first text, then another header text. */
static bool header_again(cells_ctx *c, const ys_tpl_table *tt, size_t h0, size_t j)
{
    return strcmp(c->keys[j], c->keys[h0]) == 0 && j + 1 < c->n && header_of(tt, c->keys[j + 1], NULL);
}

/* A line that ends a row's cells: a page item, the stub, the header again. */
static bool stops_row(cells_ctx *c, const ys_tpl_table *tt, size_t h0, size_t j)
{
    return is_page_item(c, j) || is_stub(c, c->keys[j]) || header_again(c, tt, h0, j);
}

/* Read one table at title line ti; returns the line after what was converted. */
static size_t cells_table(cells_ctx *c, size_t ti, ys_table_id id)
{
    const ys_tpl_table *tt = &c->tpl->tables[id];
    size_t j = ti + 1, seen = 0;
    /* find the header run */
    while (j < c->n && seen <= CONFIRM_LINES) {
        if (!*c->keys[j]) {
            j++;
            continue;
        }
        if (header_of(tt, c->keys[j], NULL)) break;
        if (!is_page_item(c, j)) return ti + 1;
        seen++;
        j++;
    }
    if (j >= c->n || seen > CONFIRM_LINES) return ti + 1;
    size_t h0 = j, nitems = 0, tplidx[MAX_HDR_ITEMS];
    bool group[MAX_HDR_ITEMS];
    const ys_tpl_header *hdr[MAX_HDR_ITEMS];
    size_t hpos[MAX_HDR_ITEMS];
    while (j < c->n && nitems < MAX_HDR_ITEMS) {
        if (!*c->keys[j]) {   /* an empty header cell on a line of its own */
            j++;
            continue;
        }
        const ys_tpl_header *h = header_of(tt, c->keys[j], &tplidx[nitems]);
        if (!h) break;
        /* a header text repeated more often than the template lists it is the first row ("合计") */
        size_t seen_alias = 0, listed = 0;
        for (size_t x = 0; x < nitems; x++) seen_alias += hdr[x]->alias == h->alias;
        for (size_t x = 0; x < tt->nheaders; x++) listed += strcmp(tt->headers[x].alias, h->alias) == 0;
        if (seen_alias >= listed) break;
        hdr[nitems] = h;
        group[nitems] = h->role == YS_TPL_GROUP;
        hpos[nitems] = j;
        nitems++;
        j++;
    }
    if (nitems < 2) return ti + 1;   /* a tab-form header or no header: not this shape */
    size_t leaves[MAX_HDR_ITEMS];
    size_t nleaves = header_leaves(tt, tplidx, group, nitems, leaves);
    if (nleaves == 0 || nleaves > MAX_COLS) {
        ys_diags_add(c->diags, YS_DIAG_WARNING, c->file, (int)h0 + 1, 0,
                     "%s：每行一个单元格的表头无法确定列的顺序，表格未读取", ys_table_id_title(id));
        return j;
    }
    cols_info ci = {0};
    ci.ncols = nleaves;
    ci.seqpos = -1;
    const char *hcells[MAX_COLS];
    for (size_t p = 0; p < nleaves; p++) {
        const ys_tpl_header *h = hdr[leaves[p]];
        ci.role[p] = h->role;
        ci.kind[p] = h->role == YS_TPL_COL ? h->kind : YS_COL_LABEL;
        if (h->role == YS_TPL_SEQ && ci.seqpos < 0) ci.seqpos = (int)p;
        hcells[p] = cell_text(c, hpos[leaves[p]]);
    }
    const char *header_line = tab_line(c->a, hcells, nleaves);
    /* convert the table: header runs, stub runs, rows, until a line that belongs to none of them */
    j = h0;
    int next_seq = -1;
    bool prev_ok = true;   /* the row above was rebuilt: the rest of it after a page break may be too */
    const char *cells[MAX_COLS + 1], *placed[MAX_COLS];
    while (j < c->n) {
        const char *key = c->keys[j];
        if (!*key) {
            j++;
            continue;
        }
        if (j == h0 || header_again(c, tt, h0, j)) {   /* the header (again, on a later page) */
            size_t start = j;
            for (size_t items = 0; j < c->n && items < nitems; j++) {
                if (*c->keys[j] && !header_of(tt, c->keys[j], NULL)) break;
                items += *c->keys[j] != 0;
                c->out[j] = "";
            }
            c->out[start] = header_line;
            continue;
        }
        if (is_stub(c, key)) {   /* 栏次 1 2 3 …: the column numbers */
            size_t start = j, k = 0;
            cells[k++] = cell_text(c, j);
            j++;
            while (j < c->n && k < nleaves && all_digits(c->keys[j]) && atoi(c->keys[j]) == (int)k) {
                cells[k++] = cell_text(c, j);
                c->out[j] = "";
                j++;
            }
            c->out[start] = tab_line(c->a, cells, k);
            continue;
        }
        if (title_of(c, key) != YS_TABLE_NONE) break;
        if (is_page_item(c, j)) {   /* page header lines stay one-cell lines */
            j++;
            continue;
        }
        /* a row: from a 序号 line (or, without 序号, from here) to the next 序号 line or stop */
        /* a 序号: the next number of the sequence (a code part such as "07" is not one) */
        bool has_seq = ci.seqpos >= 0 && all_digits(key) && strlen(key) <= 9 && key[0] != '0' &&
                       (next_seq < 0 || atoi(key) == next_seq + 1);
        int seq = has_seq ? atoi(key) : -1;
        if (ci.seqpos >= 0 && !has_seq && next_seq < 0) break;   /* not a row of this table */
        size_t start = j, end = j + 1, limit = j + 2 * nleaves + 2;
        int target = (has_seq ? seq : next_seq) + 1;
        while (end < c->n && end < limit) {
            const char *k2 = c->keys[end];
            if (ci.seqpos >= 0 && all_digits(k2) && strlen(k2) <= 9 && atoi(k2) == target) break;
            if (*k2 && stops_row(c, tt, h0, end)) break;
            if (ci.seqpos < 0 && end - start >= nleaves) break;
            if (ci.seqpos < 0 && ci.role[0] == YS_TPL_CODE && all_digits(k2)) break;   /* a code starts a row */
            end++;
        }
        /* the cells: every line of the run (blanks standing for empty cells), and only the filled ones; a
         * run without its 序号 (the rest of a row broken by a page) gets an empty 序号 cell */
        size_t all = 0, filled = 0;
        const char *fcells[MAX_COLS + 1];
        bool over = false, lead = ci.seqpos == 0 && !has_seq;
        if (lead) cells[all++] = fcells[filled++] = "";
        for (size_t x = start; x < end; x++) {
            const char *t = cell_text(c, x);
            if (all < MAX_COLS) cells[all++] = t;
            else if (*t) over = true;
            if (*t) {
                if (filled < MAX_COLS) fcells[filled++] = t;
                else over = true;
            }
        }
        while (all > nleaves && !*cells[all - 1]) all--;   /* blank lines after the row */
        bool seq_cell = has_seq || lead;
        bool ok = !over && (!lead || prev_ok) && ((filled < all && all == nleaves && place_row(&ci, cells, all, seq_cell, placed)) ||
                            place_row(&ci, fcells, filled, seq_cell, placed));
        for (size_t x = start; x < end; x++) c->out[x] = "";
        if (ok) {
            c->out[start] = tab_line(c->a, placed, nleaves);
        } else {
            ys_diags_add(c->diags, YS_DIAG_WARNING, c->file, (int)start + 1, 0,
                         "%s：每行一个单元格的表格行（第 %zu—%zu 行，%zu 个单元格，表头 %zu 列）无法确定各单元格所在的列，已跳过",
                         ys_table_id_title(id), start + 1, end, filled - (lead ? 1 : 0), nleaves);
        }
        if (has_seq) next_seq = seq;
        prev_ok = ok;
        j = end;
    }
    return j > ti + 1 ? j : ti + 1;
}

static void convert_cells(ys_arena *a, const char *file, const char *const *lines, size_t n, const char **out,
                          ys_diags *diags)
{
    const ys_template *tpl = ys_template_get(NULL);
    if (!tpl) return;
    cells_ctx c = {a, ys_arena_new(), file, lines, n, out, NULL, diags, tpl};
    c.keys = ys_arena_calloc(c.tmp, n ? n : 1, sizeof *c.keys);
    for (size_t i = 0; i < n; i++) c.keys[i] = ys_text_key(c.tmp, lines[i]);
    size_t i = 0;
    while (i < n) {
        ys_table_id id = *c.keys[i] ? title_of(&c, c.keys[i]) : YS_TABLE_NONE;
        i = id != YS_TABLE_NONE ? cells_table(&c, i, id) : i + 1;
    }
    ys_arena_free(c.tmp);
}

/* ---- entry point ------------------------------------------------------------------------------------- */

void ys_shape_convert(ys_arena *a, ys_shape shape, const char *file, const char *const *lines, size_t n,
                      const char **out, ys_diags *diags)
{
    for (size_t i = 0; i < n; i++) out[i] = lines[i];
    switch (shape) {
    case YS_SHAPE_TABS: break;
    case YS_SHAPE_BARS:
        for (size_t i = 0; i < n; i++) {
            const char *r = ys_shape_bars_line(a, lines[i]);
            out[i] = r ? r : "";
        }
        break;
    case YS_SHAPE_SPACES: convert_spaces(a, file, lines, n, out, diags); break;
    case YS_SHAPE_CELLS: convert_cells(a, file, lines, n, out, diags); break;
    }
}
