/*
 * hierarchy.c — rule family "hierarchy": classification codes and their sums (RULES.md R20–R25).
 *
 * Function classification (类 3 / 款 5 / 项 7 digits) in income, expense, gpb_expense, gov_fund and
 * soe_capital; economic classification (类 3 / 款 5) in gpb_basic. A parent is compared with the sum of
 * its direct children per amount column; columns that break by the same amount make one finding
 * (util.h ys_ck_check_sum), and root-cause folding (fold.c) later hides it when a child's cross-table
 * difference explains it.
 */
#include "check/check.h"
#include "check/util.h"
#include "core/buf.h"
#include "core/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const ys_table_id function_tables[] = {YS_TABLE_INCOME, YS_TABLE_EXPENSE, YS_TABLE_GPB_EXPENSE,
                                              YS_TABLE_GOV_FUND, YS_TABLE_SOE_CAPITAL};
#define NFUNC (sizeof function_tables / sizeof *function_tables)

/* ---- R20, R21: 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项 --------------------------------------------------- */

static void check_tree(ys_check_ctx *ctx, const ys_table *t, bool economic)
{
    size_t *idx = ys_xcalloc(t->nrows ? t->nrows : 1, sizeof *idx);
    const ys_row **items = ys_xcalloc(t->nrows ? t->nrows : 1, sizeof *items);
    const ys_row *total_row = ys_ck_total_row(t);   /* once, not once per row without a code */
    for (size_t i = 0; i < t->nrows; i++) {
        const ys_row *r = &t->rows[i];
        int lv = ys_code_level(r->code);
        bool total = !*r->code && r == total_row;
        if (!total && (lv < 1 || lv > (economic ? 1 : 2))) continue;
        size_t n = ys_ck_children(t, total ? NULL : r, idx);
        for (size_t k = 0; k < n; k++) items[k] = &t->rows[idx[k]];
        ys_ck_sum_opts o = {total ? "Σ类" : lv == 1 ? "Σ款" : "Σ项", NULL, NULL, false};
        ys_ck_check_sum(ctx, t, r, items, n, &o);
    }
    free(idx);
    free(items);
}

static void r20(ys_check_ctx *ctx)
{
    bool any = false;
    for (size_t k = 0; k < NFUNC; k++) {
        const ys_table *t = ys_disclosure_table(ctx->doc, function_tables[k]);
        if (!t) continue;
        any = true;
        check_tree(ctx, t, false);
    }
    if (!any) ys_check_insufficient(ctx, "文档中没有按功能分类列示的表");
}

static void r21(ys_check_ctx *ctx)
{
    const ys_table *t = ys_disclosure_table(ctx->doc, YS_TABLE_GPB_BASIC);
    if (!t) {
        ys_check_insufficient(ctx, "文档中没有%s", ys_table_id_title(YS_TABLE_GPB_BASIC));
        return;
    }
    check_tree(ctx, t, true);
}

/* ---- R22: codes well-formed, under their parent ---------------------------------------------------- */

static void check_codes(ys_check_ctx *ctx, const ys_table *t, bool economic)
{
    for (size_t i = 0; i < t->nrows; i++) {
        const ys_row *r = &t->rows[i];
        if (!*r->code) continue;
        int lv = ys_code_level(r->code);
        ys_buf m = YS_BUF_INIT;   /* the row's title, written only for a finding (most rows have none) */
        if (lv == 0 || (economic && lv > 2)) {
            ys_ck_row_title(&m, t, r);
            ys_buf_printf(&m, ": 科目编码不是%s位", economic ? "3或5" : "3、5或7");
            ys_check_report(ctx, ys_loc_cell(t, r, -1), "%s", ys_buf_str(&m));
        } else if (lv >= 2) {
            size_t plen = lv == 2 ? 3 : 5;
            char parent[8];
            memcpy(parent, r->code, plen);
            parent[plen] = '\0';
            const ys_row *p = ys_table_find_code(t, parent);
            const ys_row *above = NULL;
            for (size_t k = i; k-- > 0;)
                if (ys_code_level(t->rows[k].code) == lv - 1) {
                    above = &t->rows[k];
                    break;
                }
            if (!p) {
                ys_ck_row_title(&m, t, r);
                ys_buf_printf(&m, ": 表中没有上级科目 %s (孤立的%s)", parent, lv == 2 ? "款" : "项");
                ys_check_report(ctx, ys_loc_cell(t, r, -1), "%s", ys_buf_str(&m));
            } else if (above && above != p) {
                ys_ck_row_title(&m, t, r);
                ys_buf_printf(&m, ": 列在 %s %s 之下，不以其编码开头 (上级应为 %s)", above->code, above->name, parent);
                ys_finding *fd = ys_check_report(ctx, ys_loc_cell(t, r, -1), "%s", ys_buf_str(&m));
                ys_finding_add_loc(fd, ys_loc_cell(t, above, -1));
                ys_finding_add_loc(fd, ys_loc_cell(t, p, -1));
            }
        }
        ys_buf_release(&m);
    }
}

static void r22(ys_check_ctx *ctx)
{
    bool any = false;
    for (size_t k = 0; k < NFUNC; k++) {
        const ys_table *t = ys_disclosure_table(ctx->doc, function_tables[k]);
        if (t) any = true, check_codes(ctx, t, false);
    }
    const ys_table *b = ys_disclosure_table(ctx->doc, YS_TABLE_GPB_BASIC);
    if (b) any = true, check_codes(ctx, b, true);
    if (!any) ys_check_insufficient(ctx, "文档中没有带科目编码的表");
}

/* ---- R23: code and name against the catalog --------------------------------------------------------- */

typedef struct {
    ys_classification cls;
    const char *code, *name;
} seen_name;

static void r23(ys_check_ctx *ctx)
{
    if (!ctx->catalog) {
        ys_check_insufficient(ctx, "没有加载科目目录");
        return;
    }
    seen_name *seen = NULL;
    size_t nseen = 0, cap = 0;
    for (int id = 0; id < YS_TABLE__COUNT; id++) {
        const ys_table *t = ys_disclosure_table(ctx->doc, (ys_table_id)id);
        bool economic = id == YS_TABLE_GPB_BASIC, func = false;
        for (size_t k = 0; k < NFUNC; k++) func |= function_tables[k] == id;
        if (!t || (!economic && !func)) continue;
        ys_classification cls = economic ? YS_CLASS_ECONOMIC : YS_CLASS_FUNCTION;
        if (ys_catalog_size(ctx->catalog, cls) == 0) {
            ys_check_insufficient(ctx, "科目目录中没有%s", economic ? "经济分类科目" : "功能分类科目");
            continue;
        }
        for (size_t i = 0; i < t->nrows; i++) {
            const ys_row *r = &t->rows[i];
            if (ys_code_level(r->code) == 0 || !*r->name) continue;
            bool dup = false;
            for (size_t s = 0; s < nseen && !dup; s++)
                dup = seen[s].cls == cls && ys_text_eq(seen[s].code, r->code) && ys_text_eq(seen[s].name, r->name);
            if (dup) continue;
            if (nseen == cap) {
                cap = cap ? cap * 2 : 64;
                seen = ys_xrealloc(seen, cap * sizeof *seen);
            }
            seen[nseen++] = (seen_name){cls, r->code, r->name};
            const char *canon = NULL;
            ys_name_check nc = ys_catalog_check_name(ctx->catalog, cls, r->code, r->name, &canon);
            ys_location at = ys_loc_cell(t, r, -1);
            switch (nc) {
            case YS_NAME_MATCH:
            case YS_NAME_TRUNCATED:
                break;
            case YS_NAME_ALIAS:
                ys_check_report_sev(ctx, YS_SEV_INFO, at, "%s %s: 是旧科目名称，现行名称为「%s」", r->code, r->name,
                                    canon ? canon : "");
                break;
            case YS_NAME_MISMATCH:
                ys_check_report_sev(ctx, YS_SEV_WARNING, at, "%s %s: 名称与科目目录「%s」不符", r->code, r->name,
                                    canon ? canon : "");
                break;
            case YS_NAME_UNKNOWN_CODE:
                ys_check_report_sev(ctx, ys_catalog_complete(ctx->catalog, cls) ? YS_SEV_WARNING : YS_SEV_INFO, at,
                                    "%s %s: 科目目录中没有此%s科目编码", r->code, r->name,
                                    economic ? "经济分类" : "功能分类");
                break;
            }
        }
    }
    free(seen);
}

/* ---- R24: one code, one name, one amount ------------------------------------------------------------ */

typedef struct {
    const ys_table *t;
    const ys_row *r;
    size_t lo, hi;   /* the occurrences of this code (itself included): by[lo..hi), in increasing order */
    size_t votes;    /* name_votes, SIZE_MAX until asked */
} occurrence;

/* The occurrences, and their indices grouped by code (a code's occurrences are compared with each other
 * only: a scan of all of them per occurrence was quadratic in the rows of the document). */
typedef struct {
    occurrence *v;
    size_t n;
    size_t *by;
} occ_set;

typedef struct {
    const char *code;
    size_t i;
} code_index;

static int cmp_code_index(const void *x, const void *y)
{
    const code_index *a = x, *b = y;
    int c = strcmp(a->code, b->code);
    return c ? c : a->i < b->i ? -1 : a->i > b->i;
}

/* Fill set->by and every occurrence's [lo, hi) and votes. */
static void group_by_code(occ_set *set)
{
    code_index *ci = ys_xmalloc(set->n * sizeof *ci);
    for (size_t i = 0; i < set->n; i++) ci[i] = (code_index){set->v[i].r->code, i};
    qsort(ci, set->n, sizeof *ci, cmp_code_index);
    set->by = ys_xmalloc(set->n * sizeof *set->by);
    for (size_t p = 0; p < set->n;) {
        size_t q = p;
        while (q < set->n && ys_text_eq(ci[q].code, ci[p].code)) q++;
        for (size_t k = p; k < q; k++) {
            set->by[k] = ci[k].i;
            set->v[ci[k].i].lo = p, set->v[ci[k].i].hi = q;
            set->v[ci[k].i].votes = SIZE_MAX;
        }
        p = q;
    }
    free(ci);
}

/* Votes for occurrence j's name: the occurrences of its code whose names agree with it (itself
 * included), plus one when the catalog knows that name for the code. */
static size_t name_votes(const ys_check_ctx *ctx, occ_set *set, size_t j)
{
    occurrence *o = &set->v[j];
    if (o->votes != SIZE_MAX) return o->votes;
    size_t v = 0;
    for (size_t p = o->lo; p < o->hi; p++) {
        const occurrence *a = &set->v[set->by[p]];
        if (*a->r->name && ys_ck_names_agree(a->r->name, o->r->name)) v++;
    }
    if (ctx->catalog) {
        ys_classification cls = o->t->id == YS_TABLE_GPB_BASIC ? YS_CLASS_ECONOMIC : YS_CLASS_FUNCTION;
        const char *canon = NULL;
        ys_name_check nc = ys_catalog_check_name(ctx->catalog, cls, o->r->code, o->r->name, &canon);
        if (nc == YS_NAME_MATCH || nc == YS_NAME_TRUNCATED || nc == YS_NAME_ALIAS) v++;
    }
    o->votes = v;
    return v;
}

/*
 * One code, several names: the name most tables (and the catalog) agree on is right, and the finding
 * is at each occurrence that differs from it — the odd one out, once — not at every correct table.
 * Without a majority (two tables, one name each, the catalog siding with neither) the later occurrence
 * is named against the first earlier one that disagrees.
 */
static void name_odd_one(ys_check_ctx *ctx, occ_set *set, size_t j)
{
    const occurrence *b = &set->v[j];
    size_t nocc = set->n;
    if (!*b->r->name) return;
    size_t vb = name_votes(ctx, set, j), best = nocc, vbest = 0, first_other = nocc;
    for (size_t p = b->lo; p < b->hi; p++) {
        size_t i = set->by[p];
        const occurrence *a = &set->v[i];
        if (i == j || !*a->r->name || ys_ck_names_agree(a->r->name, b->r->name)) continue;
        if (i < j && first_other == nocc) first_other = i;
        size_t va = name_votes(ctx, set, i);
        if (va > vbest) vbest = va, best = i;
    }
    if (best == nocc) return;                  /* every occurrence agrees */
    if (vbest < vb) return;                    /* b is the majority: the others are named */
    if (vbest == vb) best = first_other;       /* no majority: the later one against the earlier */
    if (best == nocc) return;
    const occurrence *a = &set->v[best];
    ys_finding *fd = ys_check_report_sev(ctx, YS_SEV_WARNING, ys_loc_cell(b->t, b->r, -1), "%s: %s称「%s」，%s称「%s」",
                                         b->r->code, ys_table_id_title(b->t->id), b->r->name,
                                         ys_table_id_title(a->t->id), a->r->name);
    ys_finding_add_loc(fd, ys_loc_cell(a->t, a->r, -1));
    for (size_t p = b->lo; p < b->hi; p++) {
        size_t i = set->by[p];
        if (i != best && i != j && *set->v[i].r->name && ys_ck_names_agree(set->v[i].r->name, a->r->name))
            ys_finding_add_loc(fd, ys_loc_cell(set->v[i].t, set->v[i].r, -1));
    }
}

static void r24(ys_check_ctx *ctx)
{
    occurrence *occ = NULL;
    size_t nocc = 0, cap = 0;
    for (size_t k = 0; k < NFUNC; k++) {
        const ys_table *t = ys_disclosure_table(ctx->doc, function_tables[k]);
        for (size_t i = 0; t && i < t->nrows; i++) {
            if (!*t->rows[i].code) continue;
            if (nocc == cap) {
                cap = cap ? cap * 2 : 128;
                occ = ys_xrealloc(occ, cap * sizeof *occ);
            }
            occ[nocc++] = (occurrence){t, &t->rows[i], 0, 0, SIZE_MAX};
        }
    }
    if (nocc == 0) {
        ys_check_insufficient(ctx, "文档中没有带科目编码的表");
        free(occ);
        return;
    }
    const ys_table *expense = ys_disclosure_table(ctx->doc, YS_TABLE_EXPENSE);
    occ_set set = {occ, nocc, NULL};
    group_by_code(&set);
    for (size_t j = 0; j < nocc; j++) {
        const occurrence *b = &occ[j];
        name_odd_one(ctx, &set, j);
        for (size_t p = b->lo; p < b->hi && set.by[p] < j; p++) {   /* the earlier occurrences of b's code */
            const occurrence *a = &occ[set.by[p]];
            /* amounts: a code printed twice in one table, or income against gpb_expense where the
             * expense table cannot say it (R28/R32 compare everything else) */
            bool same_table = a->t == b->t;
            bool inc_gpb = a->t->id == YS_TABLE_INCOME && b->t->id == YS_TABLE_GPB_EXPENSE &&
                           !(expense && ys_table_find_code(expense, b->r->code));
            if (!same_table && !inc_gpb) continue;
            int ca = ys_table_col(a->t, "total"), cb = ys_table_col(b->t, "total");
            if (ca < 0 || cb < 0 || !ys_ck_cell_ok(&a->r->cells[ca]) || !ys_ck_cell_ok(&b->r->cells[cb])) continue;
            ys_money x = ys_cell_money(&a->r->cells[ca]), y = ys_cell_money(&b->r->cells[cb]);
            ys_ck_cmp c = ys_ck_compare(a->t, b->t, y, x, 1);
            if (c == YS_CK_EQUAL) continue;
            ys_buf m = YS_BUF_INIT;
            ys_ck_row_title(&m, b->t, b->r);
            ys_buf_printf(&m, ": %s「合计」", ys_table_id_title(b->t->id));
            ys_ck_amt(&m, b->t, y);
            ys_buf_printf(&m, " ≠ %s ", same_table ? "同表另一行" : ys_table_id_title(a->t->id));
            ys_ck_amt(&m, a->t, x);
            ys_buf_adds(&m, " (差 ");
            ys_ck_amt(&m, b->t, y - x);
            ys_buf_addc(&m, ')');
            ys_finding *fd = ys_ck_report_cell(ctx, c == YS_CK_ROUNDING ? YS_SEV_INFO : ctx->rule->severity, b->t, b->r,
                                               cb, x, y, ys_buf_str(&m));
            ys_finding_add_loc(fd, ys_loc_cell(a->t, a->r, ca));
            ys_buf_release(&m);
            break;
        }
    }
    free(set.by);
    free(occ);
}

/* ---- R25: function ↔ economic plausibility (hints) ---------------------------------------------------- */

static const struct {
    const char *func[3];
    const char *econ[3];
} pairs[] = {
    {{"2210201"}, {"30113"}},               /* 住房公积金 */
    {{"2080505"}, {"30108"}},               /* 机关事业单位基本养老保险缴费 */
    {{"21011"}, {"30110"}},                 /* 行政事业单位医疗 ~ 职工基本医疗保险缴费 */
    {{"2080501", "2080502"}, {"30302"}},    /* 离退休 ~ 退休费 */
};

static void r25(ys_check_ctx *ctx)
{
    const ys_table *g = ys_disclosure_table(ctx->doc, YS_TABLE_GPB_EXPENSE);
    const ys_table *b = ys_disclosure_table(ctx->doc, YS_TABLE_GPB_BASIC);
    if (!g || !b || ys_table_col(g, "basic") < 0 || ys_table_col(b, "total") < 0) {
        ys_check_insufficient(ctx, "缺少一般公共预算支出表或基本支出表");
        return;
    }
    if (!ys_ck_units_comparable(g, b)) {
        ys_check_insufficient(ctx, "支出表与基本支出表的金额单位不明");
        return;
    }
    for (size_t p = 0; p < sizeof pairs / sizeof *pairs; p++) {
        ys_money fv = 0, ev = 0;
        const ys_row *frow = NULL, *erow = NULL;
        int nf = 0, ne = 0;
        for (int k = 0; k < 3 && pairs[p].func[k]; k++) {
            const ys_row *r = ys_table_find_code(g, pairs[p].func[k]);
            if (r) fv += ys_ck_money(g, r, "basic"), frow = frow ? frow : r, nf++;
        }
        for (int k = 0; k < 3 && pairs[p].econ[k]; k++) {
            const ys_row *r = ys_table_find_code(b, pairs[p].econ[k]);
            if (r) ev += ys_ck_money(b, r, "total"), erow = erow ? erow : r, ne++;
        }
        if ((!frow && !erow) || ys_ck_compare(b, g, ev, fv, nf + ne) != YS_CK_DIFFER) continue;
        ys_buf m = YS_BUF_INIT;
        const ys_table *at_t = erow ? b : g;
        const ys_row *at_r = erow ? erow : frow;
        ys_buf_adds(&m, "功能科目 ");
        for (int k = 0; k < 3 && pairs[p].func[k]; k++) ys_buf_printf(&m, "%s%s", k ? "+" : "", pairs[p].func[k]);
        ys_buf_adds(&m, " 基本支出 ");
        ys_ck_amt(&m, g, fv);
        ys_buf_adds(&m, " 与经济科目 ");
        for (int k = 0; k < 3 && pairs[p].econ[k]; k++) ys_buf_printf(&m, "%s%s", k ? "+" : "", pairs[p].econ[k]);
        ys_buf_adds(&m, " ");
        ys_ck_amt(&m, b, ev);
        ys_buf_adds(&m, " 通常相等，请核对 (差 ");
        ys_ck_amt(&m, b, ev - fv);
        ys_buf_addc(&m, ')');
        ys_finding *fd = ys_ck_report_cell(ctx, ctx->rule->severity, at_t, at_r,
                                           ys_table_col(at_t, at_t == b ? "total" : "basic"), fv, ev, ys_buf_str(&m));
        if (erow && frow) ys_finding_add_loc(fd, ys_ck_loc(g, frow, "basic"));
        ys_buf_release(&m);
    }
}

#define BCODES "《政府收支分类科目》; 审核公式"
const ys_rule ys_rules_hierarchy[] = {
    {"R20", YS_SEV_ERROR, "hierarchy", "功能分类：类等于各款之和、款等于各项之和、合计等于各类之和", BCODES, r20},
    {"R21", YS_SEV_ERROR, "hierarchy", "经济分类：类等于各款之和、合计等于各类之和", BCODES, r21},
    {"R22", YS_SEV_ERROR, "hierarchy", "科目编码以上级编码开头，没有孤立的款、项", BCODES, r22},
    {"R23", YS_SEV_WARNING, "hierarchy", "科目编码与名称符合科目目录", "《政府收支分类科目》", r23},
    {"R24", YS_SEV_ERROR, "hierarchy", "同一科目在各表中名称、金额一致", "审核公式", r24},
    {"R25", YS_SEV_WARNING, "hierarchy", "功能科目与经济科目的对应关系合理", "审核公式 (提示性)", r25},
    {NULL, YS_SEV_INFO, NULL, NULL, NULL, NULL},
};
