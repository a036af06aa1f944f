/*
 * util.c — helpers shared by the rule files (see util.h): message amounts, label matching, code
 * hierarchy, cross-table comparison and cell reports.
 */
#include "check/util.h"
#include "core/text.h"

#include <stdlib.h>
#include <string.h>

int ys_ck_decimals(const ys_table *t)
{
    int d = 2;
    for (size_t i = 0; t && i < t->nrows; i++)
        for (size_t c = 0; c < t->ncols; c++)
            if (t->rows[i].cells[c].kind == YS_CELL_MONEY && t->rows[i].cells[c].decimals > d)
                d = t->rows[i].cells[c].decimals;
    return d > 6 ? 6 : d;
}

void ys_ck_amt(ys_buf *b, const ys_table *t, ys_money v)
{
    char buf[YS_MONEY_BUFSZ];
    ys_buf_adds(b, ys_money_format(v, t ? t->unit : YS_UNIT_UNKNOWN, t ? ys_ck_decimals(t) : 2, buf, sizeof buf));
}

const char *ys_ck_label(const ys_table *t, const ys_row *r, const char *key)
{
    if (!r) return "";
    if (!key) return r->name ? r->name : "";
    int c = ys_table_col(t, key);
    if (c < 0) return "";
    const char *s = r->cells[c].text;
    return s ? s : "";
}

void ys_ck_row_title(ys_buf *b, const ys_table *t, const ys_row *r)
{
    (void)t;
    if (r->code && *r->code) {
        ys_buf_adds(b, r->code);
        if (r->name && *r->name) ys_buf_addc(b, ' ');
    }
    if (r->name && *r->name) ys_buf_adds(b, r->name);
    else if (!(r->code && *r->code)) {
        /* two-sided tables: the first non-empty label cell */
        for (size_t c = 0; t && c < t->ncols; c++)
            if (t->cols[c].kind == YS_COL_LABEL && r->cells[c].text && *r->cells[c].text) {
                ys_buf_adds(b, r->cells[c].text);
                return;
            }
        if (r->seq >= 0) ys_buf_printf(b, "第%d行", r->seq);
    }
}

static bool is_cn_numeral(int cp)
{
    switch (cp) {   /* 一二三四五六七八九十百零〇两 */
    case 0x4E00: case 0x4E8C: case 0x4E09: case 0x56DB: case 0x4E94: case 0x516D: case 0x4E03:
    case 0x516B: case 0x4E5D: case 0x5341: case 0x767E: case 0x96F6: case 0x3007: case 0x4E24:
        return true;
    }
    return false;
}

/* Length of an ordinal prefix at s ("八、", "(一)", "1.", "1、"), 0 when none. */
static size_t ordinal_len(const char *s)
{
    /* most labels start with a character no ordinal starts with: answered from its bytes (a three-byte
     * character is decoded as ys_utf8_next would; anything else goes the long way) */
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80) {
        if (u[0] != '(' && !(u[0] >= '0' && u[0] <= '9')) return 0;
    } else if ((u[0] & 0xF0) == 0xE0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
        int c0 = (u[0] & 0x0F) << 12 | (u[1] & 0x3F) << 6 | (u[2] & 0x3F);
        if (c0 >= 0x800 && !(c0 >= 0xD800 && c0 <= 0xDFFF) && c0 != 0xFF08 && !is_cn_numeral(c0)) return 0;
    }
    size_t n = strlen(s), i = 0, start;
    int cp;
    if (n && (s[0] == '(' || ys_text_starts(s, "\xEF\xBC\x88"))) {   /* (一) */
        i = s[0] == '(' ? 1 : 3;
        start = i;
        while (i < n) {
            size_t j = i;
            cp = ys_utf8_next(s, n, &j);
            if (!is_cn_numeral(cp) && !(cp >= '0' && cp <= '9')) break;
            i = j;
        }
        if (i == start) return 0;
        if (i < n && s[i] == ')') return i + 1;
        if (ys_text_starts(s + i, "\xEF\xBC\x89")) return i + 3;
        return 0;
    }
    start = 0;
    while (i < n) {
        size_t j = i;
        cp = ys_utf8_next(s, n, &j);
        if (!is_cn_numeral(cp) && !(cp >= '0' && cp <= '9')) break;
        i = j;
    }
    if (i == start) return 0;
    if (ys_text_starts(s + i, "\xE3\x80\x81")) return i + 3;   /* 、 */
    if (s[i] == '.' && !(s[i + 1] >= '0' && s[i + 1] <= '9')) return i + 1;
    if (ys_text_starts(s + i, "\xEF\xBC\x8E")) return i + 3;   /* ． */
    return 0;
}

bool ys_ck_has_ordinal(const char *s)
{
    return s && ordinal_len(s) > 0;
}

const char *ys_ck_strip_ordinal(const char *s)
{
    if (!s) return "";
    while (*s == ' ') s++;
    s += ordinal_len(s);
    while (*s == ' ') s++;
    if (ys_text_starts(s, "\xE5\x85\xB6\xE4\xB8\xAD")) {   /* 其中 */
        s += 6;
        if (*s == ':') s++;
        else if (ys_text_starts(s, "\xEF\xBC\x9A")) s += 3;
        while (*s == ' ') s++;
    }
    return s;
}

bool ys_ck_name_is(const char *label, const char *const *aliases)
{
    if (!label || !*label) return false;
    const char *s = ys_ck_strip_ordinal(label);
    bool stripped = s != label;   /* nothing stripped: the second comparison would repeat the first */
    for (; *aliases; aliases++)
        if (ys_text_same(s, *aliases) || (stripped && ys_text_same(label, *aliases))) return true;
    return false;
}

bool ys_ck_names_agree(const char *a, const char *b)
{
    /* equal keys agree (both empty, or each a prefix of the other): no arena for the common case */
    if (ys_text_same(a, b)) return true;
    ys_arena *ar = ys_arena_new();
    const char *ka = ys_text_key(ar, a ? a : ""), *kb = ys_text_key(ar, b ? b : "");
    size_t la = strlen(ka), lb = strlen(kb);
    bool same = la && lb && strncmp(ka, kb, la < lb ? la : lb) == 0;
    if (!la && !lb) same = true;
    ys_arena_free(ar);
    return same;
}

const ys_row *ys_ck_find_label(const ys_table *t, const char *key, const char *const *aliases, size_t from,
                               size_t *index)
{
    if (!t) return NULL;
    /* ys_ck_label's column, looked up once rather than for every row; no column: every label is "" */
    int col = key ? ys_table_col(t, key) : -1;
    if (key && col < 0) return NULL;
    for (size_t i = from; i < t->nrows; i++) {
        const ys_row *r = &t->rows[i];
        const char *label = key ? r->cells[col].text : r->name;
        if (ys_ck_name_is(label ? label : "", aliases)) {
            if (index) *index = i;
            return r;
        }
    }
    return NULL;
}

const ys_row *ys_ck_total_row(const ys_table *t)
{
    static const char *const totals[] = {"合计", "总计", "支出合计", "收入合计", NULL};
    for (size_t i = 0; t && i < t->nrows; i++)
        if (!*t->rows[i].code && ys_ck_name_is(t->rows[i].name, totals)) return &t->rows[i];
    return NULL;
}

ys_money ys_ck_money(const ys_table *t, const ys_row *r, const char *key)
{
    return r ? ys_cell_money(ys_row_cell(t, r, key)) : 0;
}

bool ys_ck_cell_ok(const ys_cell *c)
{
    return !c || c->kind == YS_CELL_EMPTY || c->kind == YS_CELL_MONEY;
}

bool ys_ck_table_has_amounts(const ys_table *t)
{
    for (size_t i = 0; t && i < t->nrows; i++)
        for (size_t c = 0; c < t->ncols; c++)
            if (t->cols[c].kind == YS_COL_MONEY && t->rows[i].cells[c].kind == YS_CELL_MONEY &&
                t->rows[i].cells[c].money != 0)
                return true;
    return false;
}

bool ys_ck_code_below(const char *code, const char *ancestor)
{
    if (!code || !*code) return false;
    if (!ancestor || !*ancestor) return true;
    /* code is longer than ancestor and starts with it: no strlen of code */
    return ys_text_starts(code, ancestor) && code[strlen(ancestor)] != '\0';
}

size_t ys_ck_children(const ys_table *t, const ys_row *parent, size_t *idx)
{
    int plevel = parent ? ys_code_level(parent->code) : 0;
    if (parent && *parent->code && plevel == 0) return 0;
    size_t n = 0;
    for (size_t i = 0; i < t->nrows; i++) {
        const ys_row *r = &t->rows[i];
        /* under a parent, the cheap prefix test first: most rows fail it at their first bytes (a row
         * without a code has level 0 and is skipped by the level test anyway) */
        if (plevel && (!r->code || !ys_text_starts(r->code, parent->code))) continue;
        if (ys_code_level(r->code) != plevel + 1) continue;
        if (plevel && !ys_ck_code_below(r->code, parent->code)) continue;
        idx[n++] = i;
    }
    return n;
}

bool ys_ck_units_comparable(const ys_table *a, const ys_table *b)
{
    return a->unit == b->unit || (a->unit != YS_UNIT_UNKNOWN && b->unit != YS_UNIT_UNKNOWN);
}

ys_ck_cmp ys_ck_compare(const ys_table *a, const ys_table *b, ys_money x, ys_money y, int addends)
{
    if (x == y) return YS_CK_EQUAL;
    if (a->unit == b->unit) return YS_CK_DIFFER;
    ys_unit coarse = ys_unit_fen(a->unit) > ys_unit_fen(b->unit) ? a->unit : b->unit;
    ys_money env = ys_money_envelope(addends < 1 ? 1 : addends, coarse, 2);
    ys_money d = x > y ? x - y : y - x;
    return d <= env ? YS_CK_ROUNDING : YS_CK_DIFFER;
}

ys_finding *ys_ck_report_cell(ys_check_ctx *ctx, ys_severity sev, const ys_table *t, const ys_row *r, int col,
                              ys_money expected, ys_money actual, const char *message)
{
    ys_finding *fd = ys_check_report_sev(ctx, sev, ys_loc_cell(t, r, col), "%s", message);
    ys_finding_set_amounts(fd, true, expected, true, actual, t->unit, ys_ck_decimals(t));
    return fd;
}

ys_location ys_ck_loc(const ys_table *t, const ys_row *r, const char *key)
{
    return ys_loc_cell(t, r, ys_table_col(t, key));
}

ys_location ys_ck_loc_label(const ys_table *t, const ys_row *r, int col, const char *label_key)
{
    ys_location l = ys_loc_cell(t, r, col);
    if (!l.name && label_key) {
        const char *s = ys_ck_label(t, r, label_key);
        if (*s) l.name = (char *)s;
    }
    return l;
}

void ys_ck_title(ys_buf *b, const ys_table *t, const ys_row *r, const char *label_key)
{
    const char *s = label_key ? ys_ck_label(t, r, label_key) : "";
    if (!*r->code && !*r->name && *s) ys_buf_adds(b, s);
    else ys_ck_row_title(b, t, r);
}

#define MAX_LISTED 12

size_t ys_ck_check_sum(ys_check_ctx *ctx, const ys_table *t, const ys_row *parent, const ys_row *const *items,
                       size_t nitems, const ys_ck_sum_opts *o)
{
    size_t nc = t->ncols, nfound = 0;
    if (!parent || nitems == 0) return 0;
    ys_money *delta = ys_xcalloc(nc ? nc : 1, sizeof *delta);
    ys_money *sum = ys_xcalloc(nc ? nc : 1, sizeof *sum);
    bool *breaks = ys_xcalloc(nc ? nc : 1, sizeof *breaks);
    int only = o->amount_key ? ys_table_col(t, o->amount_key) : -1;
    for (size_t c = 0; c < nc; c++) {
        if (t->cols[c].kind != YS_COL_MONEY) continue;
        if (o->amount_key && (int)c != only) continue;
        if (!ys_ck_cell_ok(&parent->cells[c])) continue;
        ys_money s = 0;
        bool ok = true;
        for (size_t i = 0; i < nitems && ok; i++) {
            ok = ys_ck_cell_ok(&items[i]->cells[c]);
            s += ys_cell_money(&items[i]->cells[c]);
        }
        if (!ok) continue;
        ys_money p = ys_cell_money(&parent->cells[c]);
        sum[c] = s;
        delta[c] = p - s;
        breaks[c] = o->at_most ? s > p : s != p;
    }
    for (size_t c = 0; c < nc; c++) {
        if (!breaks[c]) continue;
        ys_buf m = YS_BUF_INIT;
        ys_ck_title(&m, t, parent, o->label_key);
        for (size_t k = c; k < nc; k++)
            if (breaks[k] && delta[k] == delta[c]) ys_buf_printf(&m, "「%s」", t->cols[k].header);
        ys_ck_amt(&m, t, ys_cell_money(&parent->cells[c]));
        ys_buf_adds(&m, o->at_most ? " < " : " ≠ ");
        ys_buf_adds(&m, o->sigma);
        ys_buf_addc(&m, ' ');
        ys_ck_amt(&m, t, sum[c]);
        ys_buf_adds(&m, o->at_most ? " (超出 " : " (差 ");
        ys_ck_amt(&m, t, o->at_most ? -delta[c] : delta[c]);
        ys_buf_adds(&m, "; ");
        size_t listed = 0, nonzero = 0;
        for (size_t i = 0; i < nitems; i++) {
            ys_money v = ys_cell_money(&items[i]->cells[c]);
            if (v == 0 && nitems > 2) continue;
            nonzero++;
            if (listed == MAX_LISTED) continue;
            if (listed++) ys_buf_adds(&m, " + ");
            ys_ck_title(&m, t, items[i], o->label_key);
            ys_buf_addc(&m, ' ');
            ys_ck_amt(&m, t, v);
        }
        if (nonzero > listed) ys_buf_printf(&m, " 等%zu项", nonzero);
        if (!nonzero) ys_buf_adds(&m, "各项均为空");
        ys_buf_addc(&m, ')');
        ys_finding *fd = ys_check_report(ctx, ys_ck_loc_label(t, parent, (int)c, o->label_key), "%s", ys_buf_str(&m));
        ys_buf_release(&m);
        ys_finding_set_amounts(fd, true, sum[c], true, ys_cell_money(&parent->cells[c]), t->unit, ys_ck_decimals(t));
        for (size_t i = 0; i < nitems; i++)
            ys_finding_add_loc(fd, ys_ck_loc_label(t, items[i], (int)c, o->label_key));
        for (size_t k = c + 1; k < nc; k++)
            if (breaks[k] && delta[k] == delta[c]) {
                ys_finding_add_loc(fd, ys_ck_loc_label(t, parent, (int)k, o->label_key));
                breaks[k] = false;
            }
        breaks[c] = false;
        nfound++;
    }
    free(delta);
    free(sum);
    free(breaks);
    return nfound;
}
