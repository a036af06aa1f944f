/*
 * text_tables.c — TABLES stage of the text reader (see text_internal.h): finds every standard table of a
 * published disclosure in the tab-separated lines of a tdoc and fills the disclosure with its columns,
 * rows and cells, exactly as printed.
 *
 * Recognition is data (read/template.h, data/templates/tables.tsv): a table starts at a one-cell line
 * whose text ends with a title alias (the longest alias wins: 财政拨款收支总表 over 收支总表), confirmed
 * by a header line within the next few lines (so a table-of-contents entry or a sentence that names a
 * table is not taken for one). Then, line by line:
 *
 *  - page headers are read and dropped: the department line ("323 赵县人力资源和社会保障局"), the year
 *    ("预算年度：2024", also broken over two lines "预算年" / "度：2024"), the unit ("单位：万元"), other
 *    page lines of the template (截止时间：…), page numbers, the column-number line (栏次 1 2 3 …) and the
 *    column header lines repeated on each page;
 *  - the first header block gives the columns: per printed position, the lowest non-empty header text
 *    (the leaf) is looked up among the table's header aliases → 序号 / code / name position, or a data
 *    column with its key and kind (a repeated alias such as 项目 | 预算数 | 项目 | 预算数 takes the next
 *    key not yet used: in_item, in_amount, out_item, out_amount);
 *  - a row line has its 序号; a line without one continues the row above cell by cell (page breaks):
 *    codes and amounts are joined ("20805"+"07", "6228."+"00"), texts too, except that a continuation a
 *    text already ends with is dropped (PDF extraction repeats overflow text: "住房公积金" + "金"). A
 *    label in the 序号 column with code and name empty ("合计" printed across them) is a row named so.
 *    Tables without 序号 (assets, organisation, procurement) take each line as a row, except a line
 *    with an empty name, which continues the row above;
 *  - notes ("注：…") go to table->note, joined by "\n";
 *  - any other one-cell line ends the table (it is left for the later stages).
 * A table line that cannot be understood gets a warning with file:line and is left unclaimed. Every step
 * is bounded, so the stage is linear in the size of the document whatever the input.
 */
#include "read/text_internal.h"

#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/text.h"
#include "read/template.h"

#define TITLE_PREFIX_MAX 40     /* code points allowed before a title alias ("2024年赵县…局部门预算") */
#define CONFIRM_LINES 12        /* non-blank lines between a title and its first header line */
#define CONFIRM_BLANKS 200      /* blank lines skipped while confirming */
#define YEAR_LOOKAHEAD 3        /* lines a broken "预算年度：2024" may span */
#define MAX_HEADER_LINES 6      /* header lines of the first block */
#define SEQ_MAX_DIGITS 9

/* ---- reading state ---------------------------------------------------------------------------------- */

typedef struct {
    ys_tdoc *td;
    ys_disclosure *doc;
    ys_diags *diags;
    const ys_template *tpl;
    ys_arena *tmp;              /* scratch: cell keys, column drafts; freed at the end of the stage */
    const char *dept_key;       /* key of meta.department, or NULL */
    /* Memo of cell keys by the address of the cell's normalised text (immutable, in the document's
     * arena): the title, header and page-header tests ask for the same cells again and again. Open
     * addressing, size a power of two, in tmp. */
    const char **memo_text, **memo_key;
    size_t memo_cap, memo_n;
    /* Every title alias of the template in template order (table by table), with its length: built
     * once per stage by title_of, which is asked about almost every line. */
    const char **tit_alias;
    size_t *tit_len;
    ys_table_id *tit_id;
    size_t ntit;
    bool tit_last[256];   /* the last bytes of the title aliases: a key ending otherwise matches none */
} ctx;

enum { S_HEAD, S_ROWS };

/* One table being read (one stretch of lines from its title to its end). */
typedef struct {
    ctx *c;
    ys_table_id id;
    const ys_tpl_table *tt;
    ys_table *t;                /* NULL until the header block is complete */
    size_t title_line;
    /* page-header facts seen before the table exists */
    const char *dept, *year, *unit_text;
    ys_unit unit;
    ys_buf note;
    /* first header block */
    size_t hdr[MAX_HEADER_LINES];
    size_t nhdr;
    const char *first_hdr_key;
    int state;
    /* column map: printed position → role / column index */
    size_t width;
    int *colpos;                /* width entries: column index of t, -1 none */
    ys_col_kind *colkind;       /* width entries */
    int seqpos, codepos, namepos;
    bool row_open;              /* t->rows[t->nrows - 1] belongs to this stretch and may be continued */
    /* the code split into 类 / 款 / 项 columns (split_code_columns): positions, and the 类 and 款 carried
     * from the rows above ("| 06 |" under "201 | |") */
    int splitpos[3];
    size_t nsplit;
    const char *carry_lei, *carry_kuan;
} rd;

/* ---- small text helpers ----------------------------------------------------------------------------- */

static bool starts_with(const char *s, const char *p)
{
    return ys_text_starts(s, p);   /* inline, byte by byte (core/text.h) */
}

static bool ends_with(const char *s, const char *p)
{
    size_t n = strlen(s), m = strlen(p);
    return m <= n && memcmp(s + n - m, p, m) == 0;
}

static bool is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

static bool all_digits(const char *s)
{
    if (!*s) return false;
    for (; *s; s++)
        if (!is_digit(*s)) return false;
    return true;
}

static bool has_sentence_punct(const char *s)
{
    return ys_text_find(s, ",") || ys_text_find(s, "\xe3\x80\x82") /* 。 */ || ys_text_find(s, ";") ||
           ys_text_find(s, "\xe3\x80\x81") /* 、 */ || ys_text_find(s, ":");
}

/* A string without ASCII spaces, in a. */
static char *without_spaces(ys_arena *a, const char *s)
{
    size_t n = strlen(s);
    char *r = ys_arena_alloc(a, n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ') r[k++] = s[i];
    r[k] = '\0';
    return r;
}

static bool is_tabular(const ys_tline *l)
{
    return l->ncells > 1;
}

/* The only non-empty cell of a one-filled line. */
static const char *only_cell(const ys_tline *l)
{
    int f = ys_tline_first(l);
    return f < 0 ? "" : ys_tline_cell(l, (size_t)f);
}

static size_t memo_slot(const char *const *texts, size_t cap, const char *n)
{
    size_t h = ((size_t)(uintptr_t)n >> 3) * (size_t)0x9E3779B97F4A7C15ULL;
    size_t i = (h ^ (h >> 29)) & (cap - 1);
    while (texts[i] && texts[i] != n) i = (i + 1) & (cap - 1);
    return i;
}

/* ys_text_key of a normalised cell text n, computed once per cell (see ctx). */
static const char *key_of(ctx *c, const char *n)
{
    if (!*n) return ys_text_key(c->tmp, n);
    if (c->memo_n * 2 >= c->memo_cap) {
        size_t cap = c->memo_cap ? c->memo_cap * 2 : 1024;
        const char **t = ys_arena_calloc(c->tmp, cap, sizeof *t), **k = ys_arena_calloc(c->tmp, cap, sizeof *k);
        for (size_t i = 0; i < c->memo_cap; i++) {
            if (!c->memo_text[i]) continue;
            size_t j = memo_slot(t, cap, c->memo_text[i]);
            t[j] = c->memo_text[i];
            k[j] = c->memo_key[i];
        }
        c->memo_text = t;
        c->memo_key = k;
        c->memo_cap = cap;
    }
    size_t i = memo_slot(c->memo_text, c->memo_cap, n);
    if (!c->memo_text[i]) {
        c->memo_text[i] = n;
        c->memo_key[i] = ys_text_key(c->tmp, n);
        c->memo_n++;
    }
    return c->memo_key[i];
}

static const char *cell_key(ctx *c, const ys_tline *l, size_t pos)
{
    const char *n = ys_tline_cell(l, pos);
    return *n ? key_of(c, n) : "";
}

static bool words_prefix(const ys_tpl_words *w, const char *key)
{
    for (size_t i = 0; i < w->n; i++)
        if (starts_with(key, w->keys[i])) return true;
    return false;
}

static bool words_equal(const ys_tpl_words *w, const char *key)
{
    for (size_t i = 0; i < w->n; i++)
        if (ys_text_eq(key, w->keys[i])) return true;
    return false;
}

/* 序号: 1..9 digits → value, else -1. */
static int parse_seq(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > SEQ_MAX_DIGITS || !all_digits(s)) return -1;
    return atoi(s);
}

/* ---- page-header lines --------------------------------------------------------------------------------- */

typedef enum { LK_OTHER, LK_DEPT, LK_YEAR, LK_UNIT, LK_PAGE, LK_PAGENUM, LK_NOTE } line_kind;

/* "323 赵县人力资源和社会保障局", "编制单位：…", or a text made of meta.department and its code. */
static bool is_dept_text(ctx *c, const char *norm, const char *key)
{
    size_t n = 0;
    while (is_digit(norm[n])) n++;
    if (n > 0 && n <= 12 && norm[n] == ' ') {
        const char *rest = norm + n + 1;
        size_t len = ys_utf8_len(rest);
        if (len >= 2 && len <= 40 && !has_sentence_punct(rest) && !is_digit(rest[0])) return true;
    }
    for (size_t i = 0; i < c->tpl->dept.n; i++) {
        const char *w = c->tpl->dept.keys[i];
        if (starts_with(key, w) && key[strlen(w)] == ':' && key[strlen(w) + 1]) return true;
    }
    if (c->dept_key && *c->dept_key) {
        const char *hit = ys_text_find(key, c->dept_key);
        if (hit) {
            /* what is left besides the name must be its code (digits) */
            size_t pre = (size_t)(hit - key);
            const char *post = hit + strlen(c->dept_key);
            for (size_t i = 0; i < pre; i++)
                if (!is_digit(key[i])) return false;
            return all_digits(post) || !*post;
        }
    }
    return false;
}

static bool is_unit_text(ctx *c, const char *key)
{
    return words_prefix(&c->tpl->unit, key) && ys_unit_from_text(key) != YS_UNIT_UNKNOWN;
}

/* Page numbers: "12", "第 3 页", "第3页共9页", "- 4 -", "3/9". */
static bool is_pagenum_text(const char *key)
{
    static const char *const extra[] = {"\xe7\xac\xac" /* 第 */, "\xe9\xa1\xb5" /* 页 */, "\xe5\x85\xb1" /* 共 */,
                                        "-", "/"};
    bool digit = false;
    size_t n = strlen(key);
    if (n == 0 || n > 24) return false;
    for (size_t i = 0; i < n;) {
        if (is_digit(key[i])) {
            digit = true;
            i++;
            continue;
        }
        size_t l = 0;
        for (size_t k = 0; k < sizeof extra / sizeof *extra && !l; k++)
            if (starts_with(key + i, extra[k])) l = strlen(extra[k]);
        if (!l) return false;
        i += l;
    }
    return digit;
}

/*
 * "预算年度：2024" at key (label, optional ':', 4 digits, optional 年). When the key is only the label or
 * a beginning of it ("预算年度:", "预算年"), the rest may be on the next lines: *last is set to the last
 * line used. Returns the year digits (in tmp) or NULL.
 */
static const char *year_in(ctx *c, const char *key)
{
    for (size_t i = 0; i < c->tpl->year.n; i++) {
        const char *w = c->tpl->year.keys[i];
        if (!starts_with(key, w)) continue;
        const char *p = key + strlen(w);
        if (*p == ':') p++;
        size_t d = 0;
        while (is_digit(p[d])) d++;
        if (d != 4) continue;
        const char *tail = p + 4;
        if (*tail && !ys_text_eq(tail, "\xe5\xb9\xb4" /* 年 */)) continue;
        return ys_arena_strndup(c->tmp, p, 4);
    }
    return NULL;
}

static const char *year_line(ctx *c, size_t i, size_t *last)
{
    const ys_tdoc *td = c->td;
    const ys_tline *l = &td->lines[i];
    if (is_tabular(l) || l->nfilled != 1) return NULL;
    *last = i;
    const char *y = year_in(c, l->key);
    if (y) return y;
    /* a label, or the beginning of one, alone: join the next non-blank one-cell lines */
    bool partial = false;
    size_t klen = strlen(l->key);
    for (size_t w = 0; w < c->tpl->year.n && !partial; w++) {
        const char *word = c->tpl->year.keys[w];
        size_t wl = strlen(word);
        /* at least two code points (6 bytes of CJK) of the label, or the whole label (+ ':') */
        if (klen >= 6 && klen <= wl && strncmp(word, l->key, klen) == 0) partial = true;
        if (starts_with(l->key, word) && (klen == wl || (klen == wl + 1 && l->key[wl] == ':'))) partial = true;
    }
    if (!partial) return NULL;
    ys_buf joined = YS_BUF_INIT;
    ys_buf_adds(&joined, l->key);
    const char *found = NULL;
    for (size_t j = i + 1, used = 0; j < td->nlines && used < YEAR_LOOKAHEAD && !found; j++) {
        const ys_tline *m = &td->lines[j];
        if (m->blank && !is_tabular(m)) continue;
        if (is_tabular(m) || m->nfilled != 1) break;
        used++;
        ys_buf_adds(&joined, m->key);
        found = year_in(c, ys_buf_str(&joined));
        if (found) *last = j;
    }
    ys_buf_release(&joined);
    return found;
}

/* Kind of a one-cell text (a page-header item or not). Year lines are handled by year_line(). */
static line_kind text_kind(ctx *c, const char *norm, const char *key)
{
    if (!*key) return LK_OTHER;
    if (words_prefix(&c->tpl->note, key)) return LK_NOTE;
    if (is_unit_text(c, key)) return LK_UNIT;
    if (year_in(c, key)) return LK_YEAR;
    if (is_dept_text(c, norm, key)) return LK_DEPT;
    if (words_prefix(&c->tpl->page, key)) return LK_PAGE;
    if (is_pagenum_text(key)) return LK_PAGENUM;
    return LK_OTHER;
}

/* Is the next non-blank line a one-cell note ("注：…", "说明：…")? */
static bool intro_of_note(ctx *c, size_t i)
{
    const ys_tdoc *td = c->td;
    while (i < td->nlines && td->lines[i].blank) i++;
    if (i >= td->nlines || td->lines[i].nfilled != 1) return false;
    return text_kind(c, only_cell(&td->lines[i]), td->lines[i].key) == LK_NOTE;
}

/* ---- titles and headers ------------------------------------------------------------------------------ */

/* The table a one-cell line is the title of (longest alias that ends it), or YS_TABLE_NONE. */
static ys_table_id title_of(ctx *c, const ys_tline *l)
{
    if (is_tabular(l) || l->nfilled != 1) return YS_TABLE_NONE;
    const char *key = l->key;
    size_t klen = strlen(key);
    ys_buf stripped = YS_BUF_INIT;
    /* "(续)" / "(续表)" / "续表" at the end: a continued table keeps its title */
    static const char *const cont[] = {"(\xe7\xbb\xad)", "(\xe7\xbb\xad\xe8\xa1\xa8)", "\xe7\xbb\xad\xe8\xa1\xa8"};
    for (size_t i = 0; i < sizeof cont / sizeof *cont; i++)
        if (ends_with(key, cont[i])) {
            ys_buf_add(&stripped, key, klen - strlen(cont[i]));
            key = ys_buf_str(&stripped);
            klen = strlen(key);
            break;
        }
    if (!c->tit_alias) {   /* the flat list of title aliases, once per stage */
        size_t n = 0;
        for (int t = 0; t < YS_TABLE__COUNT; t++) n += c->tpl->tables[t].ntitles;
        c->tit_alias = ys_arena_calloc(c->tmp, n ? n : 1, sizeof *c->tit_alias);
        c->tit_len = ys_arena_calloc(c->tmp, n ? n : 1, sizeof *c->tit_len);
        c->tit_id = ys_arena_calloc(c->tmp, n ? n : 1, sizeof *c->tit_id);
        for (int t = 0; t < YS_TABLE__COUNT; t++) {
            const ys_tpl_table *tt = &c->tpl->tables[t];
            for (size_t i = 0; i < tt->ntitles; i++) {
                c->tit_alias[c->ntit] = tt->titles[i];
                c->tit_len[c->ntit] = strlen(tt->titles[i]);
                if (c->tit_len[c->ntit]) c->tit_last[(unsigned char)tt->titles[i][c->tit_len[c->ntit] - 1]] = true;
                c->tit_id[c->ntit] = (ys_table_id)t;
                c->ntit++;
            }
        }
    }
    ys_table_id best = YS_TABLE_NONE;
    size_t best_len = 0;
    if (!klen || !c->tit_last[(unsigned char)key[klen - 1]]) {   /* no alias ends with this byte */
        ys_buf_release(&stripped);
        return best;
    }
    for (size_t k = 0; k < c->ntit; k++) {   /* template order: table by table, alias by alias */
        const char *a = c->tit_alias[k];
        size_t al = c->tit_len[k];
        /* ends_with(key, a) with both lengths known, last byte first */
        if (al <= best_len || al > klen || !al || key[klen - 1] != a[al - 1] ||
            memcmp(key + klen - al, a, al) != 0)
            continue;
        char *prefix = ys_arena_strndup(c->tmp, key, klen - al);
        if (ys_utf8_len(prefix) > TITLE_PREFIX_MAX || has_sentence_punct(prefix)) continue;
        best = c->tit_id[k];
        best_len = al;
    }
    ys_buf_release(&stripped);
    return best;
}

/* Index of the first header entry of tt whose alias is key, or one of its variants: without a leading
 * year ("2024年预留中小微企业份额") or without a trailing bracket ("价值(金额单位:万元)"). skip_used:
 * for data columns, entries whose key is in used[] are passed over. -1 when none. */
static int header_lookup(const ys_tpl_table *tt, const char *key, const char *const *used, size_t nused)
{
    char buf[256];
    const char *variants[3] = {key, NULL, NULL};
    size_t kl = strlen(key);
    if (kl >= 7 && is_digit(key[0]) && is_digit(key[1]) && is_digit(key[2]) && is_digit(key[3]) &&
        starts_with(key + 4, "\xe5\xb9\xb4" /* 年 */))
        variants[1] = key + 7;
    const char *br = strrchr(key, '(');
    if (br && br > key && ends_with(key, ")") && (size_t)(br - key) < sizeof buf) {
        memcpy(buf, key, (size_t)(br - key));
        buf[br - key] = '\0';
        variants[2] = buf;
    }
    int fallback = -1;
    for (size_t v = 0; v < 3; v++) {
        if (!variants[v] || !*variants[v]) continue;
        for (size_t i = 0; i < tt->nheaders; i++) {
            const ys_tpl_header *h = &tt->headers[i];
            if (!ys_text_eq(h->alias, variants[v])) continue;
            if (h->role != YS_TPL_COL) return (int)i;
            bool taken = false;
            for (size_t u = 0; u < nused && !taken; u++) taken = ys_text_eq(used[u], h->key);
            if (!taken) return (int)i;
            if (fallback < 0) fallback = (int)i;
        }
    }
    return fallback;
}

/* A column header line of table id: its first filled cell is not a number, and at least two of its
 * cells, and at least half of them, are header texts of the table. */
static bool is_header_line(ctx *c, ys_table_id id, const ys_tline *l)
{
    if (!is_tabular(l) || l->nfilled < 2) return false;
    int f = ys_tline_first(l);
    if (f < 0 || parse_seq(ys_tline_cell(l, (size_t)f)) >= 0) return false;
    const ys_tpl_table *tt = &c->tpl->tables[id];
    size_t matched = 0;
    for (size_t i = 0; i < l->ncells; i++) {
        if (!*ys_tline_cell(l, i)) continue;
        const char *k = cell_key(c, l, i);
        if (header_lookup(tt, k, NULL, 0) >= 0) matched++;
    }
    return matched >= 2 && matched * 2 >= l->nfilled;
}

static bool is_stub_line(ctx *c, const ys_tline *l)
{
    int f = ys_tline_first(l);
    return is_tabular(l) && f >= 0 && words_equal(&c->tpl->stub, cell_key(c, l, (size_t)f));
}

/* A tabular line whose every filled cell is a page-header item ("编制单位：… | 单位：万元"); a page
 * number may sit beside them, but numbers alone are table cells ("07 | 00" continues a row). */
static bool all_page_header_cells(ctx *c, const ys_tline *l)
{
    if (l->nfilled < 2) return false;
    size_t items = 0;
    for (size_t p = 0; p < l->ncells; p++) {
        const char *n = l->cells[p].norm;
        if (!*n) continue;
        line_kind k = text_kind(c, n, key_of(c, n));
        if (k == LK_DEPT || k == LK_UNIT || k == LK_YEAR || k == LK_PAGE) items++;
        else if (k != LK_PAGENUM) return false;
    }
    return items > 0;
}

/* A title at line i is a table when a header line of its table follows after page-header lines. */
static bool confirm_title(ctx *c, size_t i, ys_table_id id)
{
    const ys_tdoc *td = c->td;
    size_t seen = 0, blanks = 0;
    for (size_t j = i + 1; j < td->nlines; j++) {
        const ys_tline *l = &td->lines[j];
        if (l->blank) {
            if (++blanks > CONFIRM_BLANKS) return false;
            continue;
        }
        if (++seen > CONFIRM_LINES) return false;
        if (is_tabular(l)) {
            if (all_page_header_cells(c, l)) continue;
            return is_header_line(c, id, l);
        }
        size_t last = j;
        if (year_line(c, j, &last)) {
            j = last;
            continue;
        }
        if (l->nfilled != 1) return false;
        line_kind k = text_kind(c, only_cell(l), l->key);
        if (k != LK_DEPT && k != LK_UNIT && k != LK_PAGE && k != LK_PAGENUM) return false;
    }
    return false;
}

/* ---- building the table ------------------------------------------------------------------------------ */

static ys_col_kind kind_of_unknown(void)
{
    return YS_COL_MONEY;
}

/* ---- codes split into 类 / 款 / 项 columns ------------------------------------------------------------- */

/* Some templates print the function code in three columns 类 | 款 | 项 (header texts are `code` records of
 * tables.tsv): two or three printed positions whose leaf header is a code text make a split code. */
static void split_code_columns(rd *r)
{
    ctx *c = r->c;
    r->nsplit = 0;
    r->carry_lei = r->carry_kuan = "";
    size_t n = 0;
    int pos[3];
    for (size_t p = 0; p < r->width; p++) {
        const char *leaf = "";
        for (size_t k = r->nhdr; k > 0 && !*leaf; k--) leaf = ys_tline_cell(&c->td->lines[r->hdr[k - 1]], p);
        if (!*leaf) continue;
        int h = header_lookup(r->tt, key_of(c, leaf), NULL, 0);
        if (h < 0 || r->tt->headers[h].role != YS_TPL_CODE) continue;
        if (n == 3) return;   /* more than 类, 款, 项: not a split code */
        pos[n++] = (int)p;
    }
    if (n < 2) return;
    for (size_t k = 0; k < n; k++) r->splitpos[k] = pos[k];
    r->nsplit = n;
}

static bool is_split_pos(const rd *r, size_t p)
{
    for (size_t k = 0; k < r->nsplit; k++)
        if (r->splitpos[k] == (int)p) return true;
    return false;
}

/* The full code of a row printed in split columns: "201 | 06 | 01" → 2010601; an empty 类 (and 款, when
 * a 项 is given) is carried from the rows above. */
static const char *split_code(rd *r, const ys_tline *l)
{
    ctx *c = r->c;
    const char *part[3] = {"", "", ""};
    for (size_t k = 0; k < r->nsplit; k++) part[k] = without_spaces(c->tmp, ys_tline_cell(l, (size_t)r->splitpos[k]));
    if (!*part[0] && !*part[1] && !*part[2]) return "";
    if (*part[0]) {
        r->carry_lei = part[0];
        r->carry_kuan = "";
    }
    if (*part[1]) r->carry_kuan = part[1];
    const char *lei = *part[0] ? part[0] : r->carry_lei;
    const char *kuan = *part[1] ? part[1] : *part[2] ? r->carry_kuan : "";
    return ys_arena_printf(c->tmp, "%s%s%s", lei, kuan, part[2]);
}

/* A data column named by its group and leaf together (本年支出 over 合计 → 本年支出合计, the key total;
 * 收入 over 项目 → 收入项目): the group text printed right above the leaf, at the same position, on an
 * earlier header line. Tried before the leaf alone, so a leaf repeated under two groups (合计 under
 * 本年收入 and under 本年支出) takes the key its group names. -1 when the pair is no column alias. */
static int group_leaf_lookup(rd *r, size_t p, size_t leaf_line, const char *leaf, const char *const *used,
                             size_t nused)
{
    ctx *c = r->c;
    for (size_t k = r->nhdr; k > 0; k--) {
        if (r->hdr[k - 1] >= leaf_line) continue;
        const char *g = ys_tline_cell(&c->td->lines[r->hdr[k - 1]], p);
        if (!*g) continue;
        const char *pair = ys_text_key(c->tmp, ys_arena_printf(c->tmp, "%s%s", g, leaf));
        int h = header_lookup(r->tt, pair, used, nused);
        return h >= 0 && r->tt->headers[h].role == YS_TPL_COL ? h : -1;
    }
    return -1;
}

/* Columns from the first header block; creates (or joins) the table. */
static void build_columns(rd *r)
{
    ctx *c = r->c;
    ys_tdoc *td = c->td;
    size_t width = 0;
    for (size_t k = 0; k < r->nhdr; k++)
        if (td->lines[r->hdr[k]].ncells > width) width = td->lines[r->hdr[k]].ncells;
    r->width = width;
    r->colpos = ys_arena_calloc(c->tmp, width ? width : 1, sizeof *r->colpos);
    r->colkind = ys_arena_calloc(c->tmp, width ? width : 1, sizeof *r->colkind);
    r->seqpos = r->codepos = r->namepos = -1;
    ys_column *cols = ys_arena_calloc(c->tmp, width ? width : 1, sizeof *cols);
    const char **used = ys_arena_calloc(c->tmp, width ? width : 1, sizeof *used);
    size_t ncols = 0, nused = 0;
    const char *unit_header = NULL;
    for (size_t p = 0; p < width; p++) {
        r->colpos[p] = -1;
        const char *leaf = "";
        size_t leaf_line = 0;
        for (size_t k = r->nhdr; k > 0 && !*leaf; k--) {
            leaf = ys_tline_cell(&td->lines[r->hdr[k - 1]], p);
            leaf_line = r->hdr[k - 1];
        }
        if (!*leaf) continue;
        const char *key = key_of(c, leaf);
        if (!unit_header && ys_text_find(key, "\xe5\x8d\x95\xe4\xbd\x8d" /* 单位 */) &&
            ys_unit_from_text(key) != YS_UNIT_UNKNOWN)
            unit_header = leaf;
        int h = group_leaf_lookup(r, p, leaf_line, leaf, used, nused);
        if (h < 0) h = header_lookup(r->tt, key, used, nused);
        if (h < 0) {
            ys_diags_add(c->diags, YS_DIAG_WARNING, td->file, td->lines[leaf_line].lineno, 0,
                         "%s：表头“%s”不在表格模板中（data/templates/tables.tsv），按金额列读取",
                         ys_table_id_title(r->id), leaf);
            cols[ncols] = (ys_column){leaf, "", kind_of_unknown()};
            r->colkind[p] = kind_of_unknown();
            r->colpos[p] = (int)ncols++;
            continue;
        }
        const ys_tpl_header *th = &r->tt->headers[h];
        switch (th->role) {
        case YS_TPL_SEQ: if (r->seqpos < 0) r->seqpos = (int)p; break;
        case YS_TPL_CODE: if (r->codepos < 0) r->codepos = (int)p; break;
        case YS_TPL_NAME: if (r->namepos < 0) r->namepos = (int)p; break;
        case YS_TPL_GROUP: break;
        case YS_TPL_COL: {
            bool dup = false;
            for (size_t u = 0; u < nused && !dup; u++) dup = ys_text_eq(used[u], th->key);
            if (dup)
                ys_diags_add(c->diags, YS_DIAG_WARNING, td->file, td->lines[leaf_line].lineno, 0,
                             "%s：表头“%s”重复（列键 %s），该列不参与核对", ys_table_id_title(r->id), leaf,
                             th->key);
            else used[nused++] = th->key;
            cols[ncols] = (ys_column){leaf, dup ? "" : th->key, th->kind};
            r->colkind[p] = th->kind;
            r->colpos[p] = (int)ncols++;
            break;
        }
        }
    }
    ys_disclosure *d = c->doc;
    ys_table *existing = ys_disclosure_table(d, r->id);
    if (!existing) {
        const ys_tline *tl = &td->lines[r->title_line];
        r->t = ys_disclosure_add_table(d, r->id, only_cell(tl), ncols, cols);
        r->t->src = ys_tdoc_source(td, r->title_line);
    } else {
        /* the same table again: map the columns onto the existing ones by key (or header) */
        r->t = existing;
        for (size_t p = 0; p < width; p++) {
            if (r->colpos[p] < 0) continue;
            const ys_column *col = &cols[r->colpos[p]];
            int idx = *col->key ? ys_table_col(existing, col->key) : -1;
            for (size_t k = 0; idx < 0 && !*col->key && k < existing->ncols; k++)
                if (ys_text_eq(existing->cols[k].header, col->header)) idx = (int)k;
            r->colpos[p] = idx;
            if (idx >= 0) r->colkind[p] = existing->cols[idx].kind;
        }
    }
    ys_table *t = r->t;
    if (!t->department && r->dept) t->department = ys_arena_strdup(d->arena, r->dept);
    if (!t->year_text && r->year) t->year_text = ys_arena_strdup(d->arena, r->year);
    if (t->unit == YS_UNIT_UNKNOWN && r->unit != YS_UNIT_UNKNOWN) {
        t->unit = r->unit;
        t->unit_text = ys_arena_strdup(d->arena, r->unit_text);
    }
    if (t->unit == YS_UNIT_UNKNOWN && unit_header) {
        t->unit = ys_unit_from_text(unit_header);
        t->unit_text = ys_arena_strdup(d->arena, unit_header);
    }
    split_code_columns(r);
    if (r->note.len) {
        t->note = t->note ? ys_arena_printf(d->arena, "%s\n%s", t->note, ys_buf_str(&r->note))
                          : ys_arena_strdup(d->arena, ys_buf_str(&r->note));
        ys_buf_reset(&r->note);
    }
}

/* ---- cells and rows ---------------------------------------------------------------------------------- */

static ys_unit table_unit(const rd *r)
{
    return r->t ? r->t->unit : r->unit;
}

/* Integer quantity "13509", "1,285", "-3"; false when not an integer. */
static bool parse_qty(const char *s, int64_t *out)
{
    int64_t v = 0;
    bool neg = false, any = false;
    if (*s == '-' || *s == '+') neg = *s++ == '-';
    for (; *s; s++) {
        if (*s == ',') continue;
        if (!is_digit(*s)) return false;
        if (v > (INT64_MAX - 9) / 10) return false;
        v = v * 10 + (*s - '0');
        any = true;
    }
    *out = neg ? -v : v;
    return any;
}

/* Fill a cell from its (joined) printed text. */
static void set_cell(rd *r, ys_cell *cell, ys_col_kind kind, const char *text, const char *raw, ys_source src)
{
    ctx *c = r->c;
    ys_disclosure *d = c->doc;
    switch (kind) {
    case YS_COL_MONEY: {
        const char *t = without_spaces(c->tmp, text);
        if (!ys_cell_set_printed(d, cell, t, table_unit(r), src))
            ys_diags_add(c->diags, YS_DIAG_WARNING, c->td->file, src.line, 0, "%s：金额“%s”无法识别",
                         ys_table_id_title(r->id), text);
        break;
    }
    case YS_COL_QUANTITY: {
        const char *t = without_spaces(c->tmp, text);
        cell->src = src;
        cell->text = ys_arena_strdup(d->arena, text);
        int64_t q = 0;
        if (!*t) {
            cell->kind = YS_CELL_EMPTY;
        } else if (parse_qty(t, &q)) {
            cell->kind = YS_CELL_QUANTITY;
            cell->qty = q;
        } else {
            cell->kind = YS_CELL_TEXT;
            ys_diags_add(c->diags, YS_DIAG_WARNING, c->td->file, src.line, 0, "%s：数量“%s”不是整数",
                         ys_table_id_title(r->id), text);
        }
        break;
    }
    case YS_COL_LABEL:
    case YS_COL_TEXT:
        cell->src = src;
        cell->text = ys_arena_strdup(d->arena, text);
        cell->kind = *text ? YS_CELL_TEXT : YS_CELL_EMPTY;
        break;
    }
    cell->raw = (raw && !ys_text_eq(raw, cell->text)) ? ys_arena_strdup(d->arena, raw) : NULL;
}

/* Join a continuation onto a text: dropped when the text already ends with it (repeated overflow). */
static const char *join_text(ys_arena *a, const char *old, const char *add, bool dedup)
{
    if (!*add) return old;
    if (dedup && *old && ends_with(old, add)) return old;
    return ys_arena_printf(a, "%s%s", old, add);
}

/* A new row from line li. name_pos: the position holding the row's name (r->namepos, or the 序号
 * position when a label such as 合计 is printed across 序号, code and name). */
static void new_row(rd *r, size_t li, int seq, int name_pos)
{
    ctx *c = r->c;
    ys_tdoc *td = c->td;
    const ys_tline *l = &td->lines[li];
    ys_disclosure *d = c->doc;
    const char *code = r->nsplit      ? split_code(r, l)
                       : r->codepos >= 0 ? without_spaces(c->tmp, ys_tline_cell(l, (size_t)r->codepos))
                                         : "";
    const char *name = name_pos >= 0 ? ys_tline_cell(l, (size_t)name_pos) : "";
    if (*code && !all_digits(code))
        ys_diags_add(c->diags, YS_DIAG_WARNING, td->file, l->lineno, 0, "%s：科目编码“%s”不是数字",
                     ys_table_id_title(r->id), code);
    ys_row *row = ys_table_add_row(d, r->t, seq, code, name);
    row->name_raw = name_pos >= 0 && (size_t)name_pos < l->ncells ? ys_arena_strdup(d->arena, l->cells[name_pos].raw)
                                                                  : "";
    row->src = ys_tdoc_source(td, li);
    for (size_t p = 0; p < r->width; p++) {
        if (r->colpos[p] < 0) continue;
        const char *text = ys_tline_cell(l, p);
        const char *raw = p < l->ncells ? l->cells[p].raw : "";
        set_cell(r, &row->cells[r->colpos[p]], r->colkind[p], text, raw, row->src);
    }
    r->row_open = true;
}

static void continue_row(rd *r, size_t li)
{
    ctx *c = r->c;
    ys_tdoc *td = c->td;
    const ys_tline *l = &td->lines[li];
    ys_disclosure *d = c->doc;
    ys_row *row = &r->t->rows[r->t->nrows - 1];
    if (r->codepos >= 0) {
        const char *add = without_spaces(c->tmp, ys_tline_cell(l, (size_t)r->codepos));
        if (*add) row->code = join_text(d->arena, row->code, add, false);
    }
    if (r->namepos >= 0 && (size_t)r->namepos < l->ncells) {
        const char *add = ys_tline_cell(l, (size_t)r->namepos);
        if (*add && !(*row->name && ends_with(row->name, add))) {
            row->name = join_text(d->arena, row->name, add, false);
            row->name_raw = join_text(d->arena, row->name_raw ? row->name_raw : "", l->cells[r->namepos].raw, false);
        }
    }
    for (size_t p = 0; p < r->width && p < l->ncells; p++) {
        if (r->colpos[p] < 0) continue;
        const char *add = ys_tline_cell(l, p);
        if (!*add) continue;
        ys_cell *cell = &row->cells[r->colpos[p]];
        ys_col_kind kind = r->colkind[p];
        bool text_like = kind == YS_COL_LABEL || kind == YS_COL_TEXT;
        const char *old = cell->text ? cell->text : "";
        if (text_like && *old && ends_with(old, add)) continue;
        const char *old_raw = cell->raw ? cell->raw : old;
        ys_source src = *old ? cell->src : ys_tdoc_source(td, li);
        const char *text = join_text(c->tmp, old, add, false);
        const char *raw = join_text(c->tmp, old_raw, l->cells[p].raw, false);
        set_cell(r, cell, kind, text, raw, src);
    }
}

/* Cells printed outside every column: reported, not dropped silently. */
static void check_extra_cells(rd *r, const ys_tline *l)
{
    ctx *c = r->c;
    for (size_t p = 0; p < l->ncells; p++) {
        if (!*l->cells[p].norm) continue;
        bool known = p < r->width && (r->colpos[p] >= 0 || (int)p == r->seqpos || (int)p == r->codepos ||
                                      (int)p == r->namepos || is_split_pos(r, p));
        if (!known)
            ys_diags_add(c->diags, YS_DIAG_WARNING, c->td->file, l->lineno, (int)p + 1,
                         "%s：第 %zu 个单元格“%s”不在任何表头列下，已忽略", ys_table_id_title(r->id), p + 1,
                         l->cells[p].norm);
    }
}

/* A cell of a template's placeholder row: dots only ("...", "…" normalised, "。。。", "···"). */
static bool dots_only(const char *s)
{
    size_t n = 0;
    while (*s) {
        if (*s == '.' || *s == ' ') s++;
        else if (starts_with(s, "\xe3\x80\x82") /* 。 */ || starts_with(s, "\xc2\xb7") /* · */ ||
                 starts_with(s, "\xe2\x80\xa6") /* … */)
            s += s[0] == '\xc2' ? 2 : 3;
        else return false;
        n++;
    }
    return n > 0;
}

/* A placeholder row of a blank template, not data: every filled cell made of dots ("… | …"), or a code
 * that ends in dots ("20799…": more codes here). */
static bool placeholder_line(rd *r, const ys_tline *l)
{
    if (r->codepos >= 0) {
        const char *code = without_spaces(r->c->tmp, ys_tline_cell(l, (size_t)r->codepos));
        size_t n = strlen(code);
        if (n > 3 && is_digit(code[0]) && ends_with(code, "...")) return true;
    }
    size_t dots = 0;
    for (size_t p = 0; p < l->ncells; p++) {
        const char *t = l->cells[p].norm;
        if (!t || !*t || (int)p == r->seqpos) continue;
        if (!dots_only(t)) return false;
        dots++;
    }
    return dots > 0;
}

/* A line of the table body. Returns false when it cannot be understood (left unclaimed). */
static bool row_line(rd *r, size_t li)
{
    ctx *c = r->c;
    const ys_tline *l = &c->td->lines[li];
    if (placeholder_line(r, l)) {
        r->row_open = false;   /* claimed, no row; the next line does not continue the row above it */
        return true;
    }
    if (r->seqpos >= 0) {
        const char *s = without_spaces(c->tmp, ys_tline_cell(l, (size_t)r->seqpos));
        int seq = parse_seq(s);
        if (*s && seq < 0) {
            /* a label printed in the 序号 column ("合计" across 序号, code and name) makes a row when
             * code and name are empty; anything else is not understood */
            bool code_empty = r->codepos < 0 || !*ys_tline_cell(l, (size_t)r->codepos);
            bool name_empty = r->namepos < 0 || !*ys_tline_cell(l, (size_t)r->namepos);
            if (!code_empty || !name_empty || r->codepos < 0) {
                ys_diags_add(c->diags, YS_DIAG_WARNING, c->td->file, l->lineno, 0,
                             "%s：无法识别的表格行（序号“%s”不是数字），已跳过", ys_table_id_title(r->id),
                             ys_tline_cell(l, (size_t)r->seqpos));
                return false;
            }
            new_row(r, li, -1, r->seqpos);
        } else if (seq >= 0 || !r->row_open) {
            new_row(r, li, seq, r->namepos);
        } else {
            continue_row(r, li);
        }
    } else if (r->namepos >= 0 && !*ys_tline_cell(l, (size_t)r->namepos) && r->row_open) {
        continue_row(r, li);   /* no 序号: a line without a name continues the row above */
    } else {
        new_row(r, li, -1, r->namepos);
    }
    check_extra_cells(r, l);
    return true;
}

/* ---- one table --------------------------------------------------------------------------------------- */

static void add_note(rd *r, const char *text)
{
    if (r->t) {
        ys_arena *a = r->c->doc->arena;
        r->t->note = r->t->note ? ys_arena_printf(a, "%s\n%s", r->t->note, text) : ys_arena_strdup(a, text);
    } else {
        if (r->note.len) ys_buf_addc(&r->note, '\n');
        ys_buf_adds(&r->note, text);
    }
}

/* Page-header facts: kept for the table, or set on it when it exists. */
static void set_dept(rd *r, const char *norm)
{
    if (r->t && !r->t->department) r->t->department = ys_arena_strdup(r->c->doc->arena, norm);
    if (!r->dept) r->dept = norm;
}

static void set_year(rd *r, const char *y)
{
    if (r->t && !r->t->year_text) r->t->year_text = ys_arena_strdup(r->c->doc->arena, y);
    if (!r->year) r->year = y;
}

static void set_unit(rd *r, const char *norm)
{
    ys_unit u = ys_unit_from_text(norm);
    if (r->t && r->t->unit == YS_UNIT_UNKNOWN) {
        r->t->unit = u;
        r->t->unit_text = ys_arena_strdup(r->c->doc->arena, norm);
    }
    if (r->unit == YS_UNIT_UNKNOWN) {
        r->unit = u;
        r->unit_text = norm;
    }
}

/* A tabular line of page-header items: read them. */
static bool page_header_cells(rd *r, const ys_tline *l)
{
    ctx *c = r->c;
    if (!all_page_header_cells(c, l)) return false;
    for (size_t p = 0; p < l->ncells; p++) {
        const char *n = l->cells[p].norm;
        if (!*n) continue;
        const char *key = key_of(c, n);
        switch (text_kind(c, n, key)) {
        case LK_DEPT: set_dept(r, n); break;
        case LK_UNIT: set_unit(r, n); break;
        case LK_YEAR: set_year(r, year_in(c, key)); break;
        default: break;
        }
    }
    return true;
}

/* Read the table whose title is at line `title`; returns the line that ends it (not consumed). */
static size_t read_table(ctx *c, size_t title, ys_table_id id)
{
    ys_tdoc *td = c->td;
    rd r = {0};
    r.c = c;
    r.id = id;
    r.tt = &c->tpl->tables[id];
    r.title_line = title;
    r.state = S_HEAD;
    r.seqpos = r.codepos = r.namepos = -1;
    ys_buf_init(&r.note);
    td->claimed[title] = 1;
    size_t i = title + 1;
    for (; i < td->nlines; i++) {
        const ys_tline *l = &td->lines[i];
        if (l->blank) {
            td->claimed[i] = 1;
            continue;
        }
        if (!is_tabular(l)) {
            size_t last = i;
            const char *y = year_line(c, i, &last);
            if (y) {
                set_year(&r, y);
                for (size_t k = i; k <= last; k++) td->claimed[k] = 1;
                i = last;
                r.state = S_HEAD;
                continue;
            }
            if (l->nfilled != 1) break;
            ys_table_id other = title_of(c, l);
            if (other != YS_TABLE_NONE) {
                if (other != id) break;
                td->claimed[i] = 1;   /* the title repeated on a later page */
                r.state = S_HEAD;
                continue;
            }
            const char *norm = only_cell(l);
            line_kind k = text_kind(c, norm, l->key);
            /* a sentence that introduces the note under it ("…并在本表下方作下述说明：" then "说明：…") is part
             * of the table's notes, not the end of the table */
            if (k == LK_OTHER && ends_with(norm, ":") && intro_of_note(c, i + 1)) k = LK_NOTE;
            if (k == LK_OTHER) break;
            td->claimed[i] = 1;
            switch (k) {
            case LK_DEPT: set_dept(&r, norm); r.state = S_HEAD; break;
            case LK_UNIT: set_unit(&r, norm); r.state = S_HEAD; break;
            case LK_NOTE: add_note(&r, norm); break;
            default: break;
            }
            continue;
        }
        /* a tabular line */
        if (is_stub_line(c, l)) {
            td->claimed[i] = 1;
            if (!r.t && r.nhdr) build_columns(&r);
            r.state = S_ROWS;
            continue;
        }
        if (r.state == S_ROWS && r.first_hdr_key && ys_text_eq(l->key, r.first_hdr_key)) r.state = S_HEAD;
        if (r.state == S_HEAD && is_header_line(c, id, l)) {
            td->claimed[i] = 1;
            if (!r.t && r.nhdr < MAX_HEADER_LINES) {
                if (!r.nhdr) r.first_hdr_key = l->key;
                r.hdr[r.nhdr++] = i;
            }
            continue;
        }
        if (page_header_cells(&r, l)) {
            td->claimed[i] = 1;
            r.state = S_HEAD;
            continue;
        }
        if (!r.t) {
            if (!r.nhdr) break;   /* cannot happen after confirm_title(); be safe */
            build_columns(&r);
        }
        r.state = S_ROWS;
        if (row_line(&r, i)) td->claimed[i] = 1;
    }
    if (!r.t && r.nhdr) build_columns(&r);
    ys_buf_release(&r.note);
    return i;
}

/* ---- the stage --------------------------------------------------------------------------------------- */

void ys_text_read_tables(ys_tdoc *td, ys_diags *diags)
{
    const ys_template *tpl = ys_template_get(diags);
    if (!tpl || !td || !td->doc) return;
    ys_text_transpose_tables(td);   /* sideways tables back into standard rows (text_transpose.c) */
    ys_text_fold_side_by_side(td);  /* 决算 blocks printed side by side, stacked (text_final.c) */
    ctx c = {td, td->doc, diags, tpl, ys_arena_new(), NULL, NULL, NULL, 0, 0, NULL, NULL, NULL, 0, {false}};
    if (td->doc->meta.department && *td->doc->meta.department)
        c.dept_key = ys_text_key(c.tmp, td->doc->meta.department);
    size_t i = 0;
    while (i < td->nlines) {
        ys_table_id id = title_of(&c, &td->lines[i]);
        if (id != YS_TABLE_NONE && confirm_title(&c, i, id)) {
            size_t end = read_table(&c, i, id);
            i = end > i ? end : i + 1;
        } else {
            i++;
        }
    }
    ys_arena_free(c.tmp);
}
