/*
 * cross.c — rule family "cross": identities across tables (RULES.md R26–R35).
 *
 * A comparison of two cells reports at one of them (the "culprit", chosen by the rule: the table whose
 * detail is being checked) with the other as its twin location; root-cause folding (fold.c) may move
 * the culprit to the twin when only the twin's own table breaks by the same amount. Same unit: exact;
 * different units: within the rounding envelope it is info (R51). Function-class lines of the two-sided
 * tables are matched to 类 rows by name after stripping the Chinese ordinal ("八、社会保障和就业支出").
 */
#include "check/check.h"
#include "check/util.h"
#include "core/buf.h"
#include "core/text.h"

#include <stdlib.h>
#include <string.h>

static const char *const IN_TOTAL[] = {"收入总计", NULL};
static const char *const IN_YEAR[] = {"本年收入合计", "本年收入小计", "本年收入", NULL};
static const char *const OUT_YEAR[] = {"本年支出合计", "本年支出小计", "本年支出", NULL};
static const char *const IN_CARRY[] = {"上年结转结余", "上年结转", "上年结转和结余", "年初结转和结余",
                                       "年初财政拨款结转和结余", "上年财政拨款结转和结余", NULL};
static const char *const GPB_IN[] = {"一般公共预算拨款收入", "一般公共预算拨款", "一般公共预算财政拨款收入",
                                     "一般公共预算财政拨款", "一般公共预算收入", NULL};
static const char *const GOV_IN[] = {"政府性基金预算拨款收入", "政府性基金预算拨款", "政府性基金预算财政拨款", NULL};
static const char *const SOE_IN[] = {"国有资本经营预算拨款收入", "国有资本经营预算拨款", "国有资本经营预算财政拨款",
                                     NULL};
static const char *const TP_TOTAL[] = {"合计", NULL};
static const char *const TP_SUB[] = {"\"三公\"经费小计", "三公经费小计", "\"三公\"经费合计", "小计", NULL};

/* ---- helpers ------------------------------------------------------------------------------------- */

static const ys_table *need(ys_check_ctx *ctx, ys_table_id id)
{
    const ys_table *t = ys_disclosure_table(ctx->doc, id);
    if (!t) ys_check_insufficient(ctx, "文档中没有%s", ys_table_id_title(id));
    return t;
}

static bool comparable(ys_check_ctx *ctx, const ys_table *a, const ys_table *b)
{
    if (ys_ck_units_comparable(a, b)) return true;
    ys_check_insufficient(ctx, "%s与%s的金额单位不明", ys_table_id_title(a->id), ys_table_id_title(b->id));
    return false;
}

/* One side of a comparison: a cell (row may be NULL = the table has no such row: amount 0). */
typedef struct {
    const ys_table *t;
    const ys_row *r;
    int col;
    const char *label_key;   /* two-sided tables */
} side;

static ys_money side_money(side s)
{
    return s.r && s.col >= 0 ? ys_cell_money(&s.r->cells[s.col]) : 0;
}

static bool side_ok(side s)
{
    return !s.r || s.col < 0 || ys_ck_cell_ok(&s.r->cells[s.col]);
}

static void side_title(ys_buf *m, side s)
{
    ys_buf_adds(m, ys_table_id_title(s.t->id));
    if (!s.r) return;
    ys_buf_addc(m, ' ');
    ys_ck_title(m, s.t, s.r, s.label_key);
    if (s.col >= 0 && (*s.r->code || *s.r->name)) ys_buf_printf(m, "「%s」", s.t->cols[s.col].header);
}

/*
 * a = b (at_most: a ≤ b); report at a with b as its twin. Returns true when something was reported.
 * A missing row on either side counts as 0 and is said in the message.
 */
static bool twin(ys_check_ctx *ctx, side a, side b, bool at_most, const char *what)
{
    if (!side_ok(a) || !side_ok(b)) return false;
    ys_money x = side_money(a), y = side_money(b);
    ys_ck_cmp c = ys_ck_compare(a.t, b.t, x, y, 1);
    if (c == YS_CK_EQUAL || (at_most && x <= y)) return false;
    ys_buf m = YS_BUF_INIT;
    side_title(&m, a);
    ys_buf_addc(&m, ' ');
    ys_ck_amt(&m, a.t, x);
    ys_buf_adds(&m, at_most ? " > " : " ≠ ");
    side_title(&m, b);
    if (b.r) {
        ys_buf_addc(&m, ' ');
        ys_ck_amt(&m, b.t, y);
    } else {
        ys_buf_adds(&m, " (没有此行)");
    }
    ys_buf_adds(&m, " (差 ");
    ys_ck_amt(&m, a.t, x - y);
    if (what) ys_buf_printf(&m, "; %s", what);
    ys_buf_addc(&m, ')');
    ys_severity sev = c == YS_CK_ROUNDING ? YS_SEV_INFO : ctx->rule->severity;
    ys_finding *fd;
    if (a.r) {
        fd = ys_check_report_sev(ctx, sev, ys_ck_loc_label(a.t, a.r, a.col, a.label_key), "%s", ys_buf_str(&m));
    } else {
        fd = ys_check_report_sev(ctx, sev, ys_loc_table(a.t->id, a.t->src), "%s", ys_buf_str(&m));
    }
    ys_finding_set_amounts(fd, true, y, true, x, a.t->unit, ys_ck_decimals(a.t));
    if (b.r) ys_finding_add_loc(fd, ys_ck_loc_label(b.t, b.r, b.col, b.label_key));
    else ys_finding_add_loc(fd, ys_loc_table(b.t->id, b.t->src));
    ys_buf_release(&m);
    return true;
}

/* Index of the year-total row of a two-sided table's side (nrows when absent). */
static size_t year_index(const ys_table *t, const char *label_key, const char *const *year)
{
    size_t i = t->nrows;
    ys_ck_find_label(t, label_key, year, 0, &i);
    return i;
}

/* The first row above the year total whose label matches. */
static const ys_row *line_above(const ys_table *t, const char *label_key, const char *const *aliases,
                                const char *const *year)
{
    size_t yi = year_index(t, label_key, year), i = 0;
    const ys_row *r = ys_ck_find_label(t, label_key, aliases, 0, &i);
    return r && i < yi ? r : NULL;
}

/* The comparison keys (ys_text_key) of the 类 rows' names of a coded table, computed once per
 * class_lines call instead of once per ys_ck_names_agree call. */
typedef struct {
    ys_arena *arena;
    const char **keys;   /* per row, NULL until needed */
    bool *is_class;      /* per row: ys_code_level(code) == 1 */
} row_keys;

/* ys_ck_names_agree on two keys: one is a prefix of the other (both empty also agree). */
static bool keys_agree(const char *ka, const char *kb)
{
    size_t la = strlen(ka), lb = strlen(kb);
    if (!la && !lb) return true;
    return la && lb && strncmp(ka, kb, la < lb ? la : lb) == 0;
}

/* The 类 row of coded table t whose name agrees with a class line's label, NULL when none. */
static const ys_row *class_row(const ys_table *t, const char *label, row_keys *rk)
{
    const char *name = ys_ck_strip_ordinal(label);
    if (!*name) return NULL;
    const ys_row *prefix = NULL;
    const char *kname = NULL;
    for (size_t i = 0; i < t->nrows; i++) {
        const ys_row *r = &t->rows[i];
        if (!rk->is_class[i]) continue;
        if (ys_text_same(r->name, name)) return r;
        if (prefix) continue;
        /* ys_ck_names_agree(r->name, name) with both keys kept */
        if (!kname) kname = ys_text_key(rk->arena, name);
        if (!rk->keys[i]) rk->keys[i] = ys_text_key(rk->arena, r->name ? r->name : "");
        if (keys_agree(rk->keys[i], kname)) prefix = r;
    }
    return prefix;
}

/*
 * Function-class lines of a two-sided table (numbered lines above its year total, column amount_key)
 * against the 类 rows of a coded table (column coded_key). Both directions: a line without a 类 row,
 * a 类 row without a line. Returns false when no line matches any 类 row (the side is not by class).
 */
static bool class_lines(ys_check_ctx *ctx, const ys_table *ts, const char *label_key, const char *amount_key,
                        const ys_table *tc, const char *coded_key)
{
    int ac = ys_table_col(ts, amount_key), cc = ys_table_col(tc, coded_key);
    if (ac < 0 || cc < 0) return false;
    size_t yi = year_index(ts, label_key, OUT_YEAR);
    row_keys rk = {ys_arena_new(), NULL, NULL};
    rk.keys = ys_arena_calloc(rk.arena, tc->nrows ? tc->nrows : 1, sizeof *rk.keys);
    rk.is_class = ys_arena_calloc(rk.arena, tc->nrows ? tc->nrows : 1, sizeof *rk.is_class);
    for (size_t i = 0; i < tc->nrows; i++) rk.is_class[i] = ys_code_level(tc->rows[i].code) == 1;
    const ys_row **matched = ys_xcalloc(tc->nrows ? tc->nrows : 1, sizeof *matched);
    size_t nmatched = 0, nlines = 0;
    for (size_t i = 0; i < yi && i < ts->nrows; i++) {
        const char *l = ys_ck_label(ts, &ts->rows[i], label_key);
        if (!ys_ck_has_ordinal(l)) continue;
        nlines++;
        const ys_row *cr = class_row(tc, l, &rk);
        if (cr) matched[nmatched++] = cr;
    }
    bool by_class = nmatched > 0 || !ys_ck_table_has_amounts(tc);
    if (!by_class || nlines == 0) {
        free(matched);
        ys_arena_free(rk.arena);
        return false;
    }
    for (size_t i = 0; i < yi && i < ts->nrows; i++) {
        const ys_row *r = &ts->rows[i];
        const char *l = ys_ck_label(ts, r, label_key);
        if (!ys_ck_has_ordinal(l)) continue;
        side a = {ts, r, ac, label_key}, b = {tc, class_row(tc, l, &rk), cc, NULL};
        twin(ctx, a, b, false, NULL);
    }
    for (size_t i = 0; i < tc->nrows; i++) {
        const ys_row *r = &tc->rows[i];
        if (ys_code_level(r->code) != 1) continue;
        bool seen = false;
        for (size_t k = 0; k < nmatched && !seen; k++) seen = matched[k] == r;
        if (seen) continue;
        side a = {tc, r, cc, NULL}, b = {ts, NULL, ac, label_key};
        twin(ctx, a, b, false, "没有对应的功能分类行");
    }
    free(matched);
    ys_arena_free(rk.arena);
    return true;
}

/* Rows by code of table a against table b (column keys), both directions, at a. */
static void by_code(ys_check_ctx *ctx, const ys_table *a, const ys_table *b, const char *key, bool at_most,
                    bool missing_b_ok)
{
    int ca = ys_table_col(a, key), cb = ys_table_col(b, key);
    if (ca < 0 || cb < 0) {
        ys_check_insufficient(ctx, "%s或%s缺少「%s」列", ys_table_id_title(a->id), ys_table_id_title(b->id), key);
        return;
    }
    for (size_t i = 0; i < a->nrows; i++) {
        const ys_row *r = &a->rows[i];
        if (!ys_code_level(r->code)) continue;
        side x = {a, r, ca, NULL}, y = {b, ys_table_find_code(b, r->code), cb, NULL};
        twin(ctx, x, y, at_most, NULL);
    }
    if (missing_b_ok) return;
    for (size_t i = 0; i < b->nrows; i++) {
        const ys_row *r = &b->rows[i];
        if (!ys_code_level(r->code) || ys_table_find_code(a, r->code)) continue;
        side x = {b, r, cb, NULL}, y = {a, NULL, ca, NULL};
        twin(ctx, x, y, false, NULL);
    }
}

/* ---- R26–R28 ------------------------------------------------------------------------------------- */

static void r26(ys_check_ctx *ctx)
{
    const ys_table *s = need(ctx, YS_TABLE_SUMMARY), *in = need(ctx, YS_TABLE_INCOME), *ex = need(ctx, YS_TABLE_EXPENSE);
    if (!s) return;
    const ys_row *iy = ys_ck_find_label(s, "in_item", IN_YEAR, 0, NULL);
    const ys_row *oy = ys_ck_find_label(s, "out_item", OUT_YEAR, 0, NULL);
    if (in && comparable(ctx, s, in)) {
        const ys_row *tr = ys_ck_total_row(in);
        int col = ys_table_col(in, "subtotal") >= 0 ? ys_table_col(in, "subtotal") : ys_table_col(in, "total");
        if (!iy || !tr || col < 0) ys_check_insufficient(ctx, "找不到本年收入合计或收入总表合计行");
        else twin(ctx, (side){s, iy, ys_table_col(s, "in_amount"), "in_item"}, (side){in, tr, col, NULL}, false, NULL);
    }
    if (ex && comparable(ctx, s, ex)) {
        const ys_row *tr = ys_ck_total_row(ex);
        if (!oy || !tr) ys_check_insufficient(ctx, "找不到本年支出合计或支出总表合计行");
        else
            twin(ctx, (side){s, oy, ys_table_col(s, "out_amount"), "out_item"},
                 (side){ex, tr, ys_table_col(ex, "total"), NULL}, false, NULL);
    }
}

static void r27(ys_check_ctx *ctx)
{
    const ys_table *s = need(ctx, YS_TABLE_SUMMARY), *ex = need(ctx, YS_TABLE_EXPENSE);
    if (!s || !ex || !comparable(ctx, s, ex)) return;
    if (!class_lines(ctx, s, "out_item", "out_amount", ex, "total"))
        ys_check_insufficient(ctx, "收支总表的支出项目与支出总表的类对不上");
}

static void r28(ys_check_ctx *ctx)
{
    /* 决算: a code's income and expense differ by its carry-overs — no balanced budget to check */
    if (ctx->doc->meta.kind == YS_KIND_FINAL) return;
    const ys_table *in = need(ctx, YS_TABLE_INCOME), *ex = need(ctx, YS_TABLE_EXPENSE);
    if (!in || !ex || !comparable(ctx, in, ex)) return;
    by_code(ctx, in, ex, "total", false, false);
}

/* ---- R29: 一般公共预算 income three ways --------------------------------------------------------- */

static void r29(ys_check_ctx *ctx)
{
    const ys_table *s = ys_disclosure_table(ctx->doc, YS_TABLE_SUMMARY);
    const ys_table *f = ys_disclosure_table(ctx->doc, YS_TABLE_FISCAL_SUMMARY);
    const ys_table *g = ys_disclosure_table(ctx->doc, YS_TABLE_GPB_EXPENSE);
    side v[3];
    size_t n = 0;
    if (s) {
        const ys_row *r = line_above(s, "in_item", GPB_IN, IN_YEAR);
        if (r) v[n++] = (side){s, r, ys_table_col(s, "in_amount"), "in_item"};
    }
    if (f) {
        const ys_row *r = line_above(f, "in_item", GPB_IN, IN_YEAR);
        if (r) v[n++] = (side){f, r, ys_table_col(f, "in_amount"), "in_item"};
    }
    if (g) {
        const ys_row *r = ys_ck_total_row(g);
        if (r) v[n++] = (side){g, r, ys_table_col(g, "total"), NULL};
    }
    if (n < 2) {
        ys_check_insufficient(ctx, "一般公共预算拨款收入只出现在不到两张表中");
        return;
    }
    for (size_t i = 0; i < n; i++)
        if (v[i].col < 0 || !side_ok(v[i])) return;
    for (size_t i = 0; i + 1 < n; i++)
        if (!comparable(ctx, v[i].t, v[i + 1].t)) return;
    /* 一般公共预算 carry-over (年初财政拨款结转和结余 → 一般公共预算拨款 of the 财政拨款收支总表) is spent in
     * the gpb_expense table but is not this year's income: there 合计 = this year's + that carry-over */
    const ys_row *gcr = NULL;
    if (f && s) {
        size_t ci = f->nrows, gi = f->nrows;
        if (ys_ck_find_label(f, "in_item", IN_CARRY, 0, &ci)) gcr = ys_ck_find_label(f, "in_item", GPB_IN, ci + 1, &gi);
        if (gcr && (gi >= year_index(f, "in_item", IN_TOTAL) || !ys_ck_money(f, gcr, "in_amount"))) gcr = NULL;
    }
    if (gcr && n == 3) {
        twin(ctx, v[1], v[0], false, NULL);
        side c = {f, gcr, ys_table_col(f, "in_amount"), "in_item"};
        if (!side_ok(c)) return;
        ys_money x = side_money(v[2]), y = side_money(v[1]) + side_money(c);
        ys_ck_cmp cmp = ys_ck_compare(g, f, x, y, 2);
        if (cmp == YS_CK_EQUAL) return;
        ys_buf m = YS_BUF_INIT;
        side_title(&m, v[2]);
        ys_buf_addc(&m, ' ');
        ys_ck_amt(&m, g, x);
        ys_buf_adds(&m, " ≠ 财政拨款收支总表 本年一般公共预算拨款 ");
        ys_ck_amt(&m, f, side_money(v[1]));
        ys_buf_adds(&m, " + 年初一般公共预算结转 ");
        ys_ck_amt(&m, f, side_money(c));
        ys_buf_adds(&m, " = ");
        ys_ck_amt(&m, f, y);
        ys_buf_adds(&m, " (差 ");
        ys_ck_amt(&m, g, x - y);
        ys_buf_addc(&m, ')');
        ys_finding *fd = ys_check_report_sev(ctx, cmp == YS_CK_ROUNDING ? YS_SEV_INFO : ctx->rule->severity,
                                             ys_ck_loc_label(g, v[2].r, v[2].col, NULL), "%s", ys_buf_str(&m));
        ys_finding_set_amounts(fd, true, y, true, x, g->unit, ys_ck_decimals(g));
        ys_finding_add_loc(fd, ys_ck_loc_label(f, v[1].r, v[1].col, "in_item"));
        ys_finding_add_loc(fd, ys_ck_loc_label(f, gcr, c.col, "in_item"));
        ys_buf_release(&m);
        return;
    }
    /* the odd one out is the culprit (two agree); all different: the fiscal_summary (the middle) */
    if (n == 2) {
        twin(ctx, v[1], v[0], false, NULL);
        return;
    }
    ys_money a = side_money(v[0]), b = side_money(v[1]), c = side_money(v[2]);
    if (a == b && b == c) return;
    size_t odd = a == b ? 2 : a == c ? 1 : b == c ? 0 : 1;
    side other = v[odd == 0 ? 1 : 0];
    if (twin(ctx, v[odd], other, false, "一般公共预算拨款收入、财政拨款收支总表与一般公共预算支出合计应相等"))
        ys_finding_add_loc(&ctx->out->items[ctx->out->count - 1],
                           ys_ck_loc_label(v[odd == 2 ? 1 : 2].t, v[odd == 2 ? 1 : 2].r, v[odd == 2 ? 1 : 2].col,
                                           v[odd == 2 ? 1 : 2].label_key));
}

/* ---- R30: fiscal_summary per class against the three fiscal tables -------------------------------- */

static void r30(ys_check_ctx *ctx)
{
    const ys_table *f = need(ctx, YS_TABLE_FISCAL_SUMMARY);
    if (!f) return;
    static const struct { ys_table_id id; const char *key; } parts[] = {
        {YS_TABLE_GPB_EXPENSE, "out_gpb"}, {YS_TABLE_GOV_FUND, "out_gov_fund"}, {YS_TABLE_SOE_CAPITAL, "out_soe"},
    };
    for (size_t k = 0; k < sizeof parts / sizeof *parts; k++) {
        const ys_table *t = ys_disclosure_table(ctx->doc, parts[k].id);
        int col = ys_table_col(f, parts[k].key);
        if (col < 0) continue;
        if (!t) {
            bool nonzero = false;
            for (size_t i = 0; i < f->nrows; i++) nonzero |= ys_cell_money(&f->rows[i].cells[col]) != 0;
            if (nonzero) ys_check_insufficient(ctx, "文档中没有%s", ys_table_id_title(parts[k].id));
            continue;
        }
        if (!comparable(ctx, f, t)) continue;
        if (!class_lines(ctx, f, "out_item", parts[k].key, t, "total") && ys_ck_table_has_amounts(t))
            ys_check_insufficient(ctx, "财政拨款收支总表的支出项目与%s的类对不上", ys_table_id_title(parts[k].id));
    }
}

/* ---- R31: fiscal_summary total ≤ summary total ---------------------------------------------------- */

static void r31(ys_check_ctx *ctx)
{
    const ys_table *s = need(ctx, YS_TABLE_SUMMARY), *f = need(ctx, YS_TABLE_FISCAL_SUMMARY);
    if (!s || !f || !comparable(ctx, s, f)) return;
    const ys_row *st = ys_ck_find_label(s, "in_item", IN_TOTAL, 0, NULL);
    const ys_row *ft = ys_ck_find_label(f, "in_item", IN_TOTAL, 0, NULL);
    int sc = ys_table_col(s, "in_amount"), fc = ys_table_col(f, "in_amount");
    if (!st || !ft || sc < 0 || fc < 0) {
        ys_check_insufficient(ctx, "找不到收入总计行");
        return;
    }
    /* equality when the summary's income is all fiscal: no other source line, no other carry-over */
    size_t yi = year_index(s, "in_item", IN_YEAR);
    ys_money other = 0;
    for (size_t i = 0; i < yi && i < s->nrows; i++) {
        const char *l = ys_ck_label(s, &s->rows[i], "in_item");
        if (!ys_ck_has_ordinal(l) || ys_ck_name_is(l, GPB_IN) || ys_ck_name_is(l, GOV_IN) || ys_ck_name_is(l, SOE_IN))
            continue;
        other += ys_cell_money(&s->rows[i].cells[sc]);
    }
    const ys_row *scar = ys_ck_find_label(s, "in_item", IN_CARRY, 0, NULL);
    const ys_row *fcar = ys_ck_find_label(f, "in_item", IN_CARRY, 0, NULL);
    ys_money sca = scar ? ys_cell_money(&scar->cells[sc]) : 0, fca = fcar ? ys_cell_money(&fcar->cells[fc]) : 0;
    bool all_fiscal = other == 0 && sca == fca;
    twin(ctx, (side){f, ft, fc, "in_item"}, (side){s, st, sc, "in_item"}, !all_fiscal,
         all_fiscal ? "收入全部为财政拨款时两表总计相等" : "财政拨款收支总计不应超过部门收支总计");
}

/* ---- R32: gpb_expense ≤ expense per row ------------------------------------------------------------ */

static bool all_gpb(const ys_disclosure *d)
{
    const ys_table *s = ys_disclosure_table(d, YS_TABLE_SUMMARY);
    if (!s) return false;
    const ys_row *tot = ys_ck_find_label(s, "in_item", IN_TOTAL, 0, NULL);
    const ys_row *gpb = line_above(s, "in_item", GPB_IN, IN_YEAR);
    int c = ys_table_col(s, "in_amount");
    return tot && gpb && c >= 0 && ys_cell_money(&tot->cells[c]) == ys_cell_money(&gpb->cells[c]) &&
           ys_cell_money(&tot->cells[c]) != 0;
}

static void r32(ys_check_ctx *ctx)
{
    const ys_table *g = need(ctx, YS_TABLE_GPB_EXPENSE), *e = need(ctx, YS_TABLE_EXPENSE);
    if (!g || !e || !comparable(ctx, g, e)) return;
    bool eq = all_gpb(ctx->doc);
    static const char *const keys[] = {"total", "basic", "project"};
    for (size_t i = 0; i < g->nrows; i++) {
        const ys_row *r = &g->rows[i];
        bool total = !*r->code && r == ys_ck_total_row(g);
        if (!total && !ys_code_level(r->code)) continue;
        const ys_row *er = total ? ys_ck_total_row(e) : ys_table_find_code(e, r->code);
        /* one finding per row: the first column that breaks, the others that break by the same amount
         * as locations */
        ys_finding *fd = NULL;
        ys_money first_delta = 0;
        for (size_t k = 0; k < 3; k++) {
            int gc = ys_table_col(g, keys[k]), ec = ys_table_col(e, keys[k]);
            if (gc < 0 || ec < 0) continue;
            side a = {g, r, gc, NULL}, b = {e, er, ec, NULL};
            if (!side_ok(a) || !side_ok(b)) continue;
            ys_money x = side_money(a), y = side_money(b);
            if (x == y || (!eq && x <= y)) continue;
            if (fd && x - y == first_delta) {
                ys_finding_add_loc(fd, ys_loc_cell(g, r, gc));
                continue;
            }
            if (fd) continue;
            if (twin(ctx, a, b, !eq, eq ? "收入全部为一般公共预算拨款，两表应相等" : NULL)) {
                fd = &ctx->out->items[ctx->out->count - 1];
                first_delta = x - y;
            }
        }
    }
    if (!eq) return;
    for (size_t i = 0; i < e->nrows; i++) {
        const ys_row *r = &e->rows[i];
        if (!ys_code_level(r->code) || ys_table_find_code(g, r->code)) continue;
        twin(ctx, (side){e, r, ys_table_col(e, "total"), NULL}, (side){g, NULL, ys_table_col(g, "total"), NULL}, false,
             "收入全部为一般公共预算拨款，两表应列出相同科目");
    }
}

/* ---- R33: gpb_expense 基本支出 = gpb_basic 合计 ------------------------------------------------------ */

static void r33(ys_check_ctx *ctx)
{
    const ys_table *g = need(ctx, YS_TABLE_GPB_EXPENSE), *b = need(ctx, YS_TABLE_GPB_BASIC);
    if (!g || !b || !comparable(ctx, g, b)) return;
    const ys_row *gt = ys_ck_total_row(g), *bt = ys_ck_total_row(b);
    if (!gt || !bt || ys_table_col(g, "basic") < 0 || ys_table_col(b, "total") < 0) {
        ys_check_insufficient(ctx, "找不到一般公共预算支出表或基本支出表的合计行");
        return;
    }
    twin(ctx, (side){b, bt, ys_table_col(b, "total"), NULL}, (side){g, gt, ys_table_col(g, "basic"), NULL}, false, NULL);
}

/* ---- R34, R35: three_public against the basic-expense items and gpb_expense --------------------------- */

static void r34(ys_check_ctx *ctx)
{
    const ys_table *t = need(ctx, YS_TABLE_THREE_PUBLIC), *b = need(ctx, YS_TABLE_GPB_BASIC);
    if (!t || !b || !comparable(ctx, t, b)) return;
    static const struct { const char *const aliases[4]; const char *code; } items[] = {
        {{"因公出国(境)费", "因公出国(境)经费", "因公出国费", NULL}, "30212"},
        {{"公务接待费", NULL, NULL, NULL}, "30217"},
        {{"公务用车运行维护费", "公务用车运行费", "公务用车运维费", NULL}, "30231"},
        {{"公务用车购置费", NULL, NULL, NULL}, "31013"},
    };
    int tc = ys_table_col(t, "gpb") >= 0 ? ys_table_col(t, "gpb") : ys_table_col(t, "total");
    int bc = ys_table_col(b, "total");
    if (tc < 0 || bc < 0) {
        ys_check_insufficient(ctx, "三公经费表或基本支出表缺少金额列");
        return;
    }
    for (size_t k = 0; k < sizeof items / sizeof *items; k++) {
        const ys_row *er = ys_table_find_code(b, items[k].code);
        if (!er) continue;
        const ys_row *tr = ys_ck_find_label(t, NULL, items[k].aliases, 0, NULL);
        side a = {t, tr, tc, NULL}, e = {b, er, bc, NULL};
        /* the basic-expense item is part of the three_public item: three_public ≥ basic */
        if (side_ok(a) && side_ok(e) && side_money(a) < side_money(e))
            twin(ctx, a, e, false, "三公经费应不少于基本支出中的对应经济科目");
    }
}

static void r35(ys_check_ctx *ctx)
{
    const ys_table *t = need(ctx, YS_TABLE_THREE_PUBLIC), *g = need(ctx, YS_TABLE_GPB_EXPENSE);
    if (!t || !g || !comparable(ctx, t, g)) return;
    int tc = ys_table_col(t, "gpb") >= 0 ? ys_table_col(t, "gpb") : ys_table_col(t, "total");
    const ys_row *tr = ys_ck_find_label(t, NULL, TP_TOTAL, 0, NULL);
    const ys_row *sub = ys_ck_find_label(t, NULL, TP_SUB, 0, NULL);
    if (!tr || (sub && tc >= 0 && ys_cell_money(&sub->cells[tc]) > ys_cell_money(&tr->cells[tc]))) tr = sub;
    const ys_row *gt = ys_ck_total_row(g);
    if (!tr || !gt || tc < 0) {
        ys_check_insufficient(ctx, "找不到三公经费表或一般公共预算支出表的合计行");
        return;
    }
    twin(ctx, (side){t, tr, tc, NULL}, (side){g, gt, ys_table_col(g, "total"), NULL}, true, NULL);
}

#define BX "财预〔2016〕143号; 审核公式"
const ys_rule ys_rules_cross[] = {
    {"R26", YS_SEV_ERROR, "cross", "收支总表本年收入、支出合计与收入总表、支出总表一致", BX, r26},
    {"R27", YS_SEV_ERROR, "cross", "收支总表各功能分类支出与支出总表各类一致", BX, r27},
    {"R28", YS_SEV_ERROR, "cross", "收入总表与支出总表同一科目金额相等", "审核公式 (收支平衡)", r28},
    {"R29", YS_SEV_ERROR, "cross", "一般公共预算拨款收入在收支总表、财政拨款收支总表和支出表中一致", BX, r29},
    {"R30", YS_SEV_ERROR, "cross", "财政拨款收支总表各类支出与三张财政拨款支出表一致", BX, r30},
    {"R31", YS_SEV_ERROR, "cross", "财政拨款收支总计不超过部门收支总计", "审核公式", r31},
    {"R32", YS_SEV_ERROR, "cross", "一般公共预算支出不超过部门支出(全部为一般公共预算时相等)", "审核公式", r32},
    {"R33", YS_SEV_ERROR, "cross", "一般公共预算基本支出合计与基本支出表合计一致", BX, r33},
    {"R34", YS_SEV_WARNING, "cross", "三公经费不少于基本支出中对应的经济科目", "审核公式", r34},
    {"R35", YS_SEV_WARNING, "cross", "三公经费(一般公共预算)不超过一般公共预算支出合计", "审核公式", r35},
    {NULL, YS_SEV_INFO, NULL, NULL, NULL, NULL},
};
