/*
 * assets.c — rule family "assets": the procurement table (政府采购预算表) and the state-assets table
 * (国有资产 / 固定资产占用情况表), and what the text says about them.
 *
 *   R39  procurement, when it has rows: row 合计 = Σ fund columns; 中小企业预留 ≤ 合计; 合计 row of
 *        货物/工程/服务 rows = their sum when the template prints them.
 *   R40  assets: 资产总额 = Σ categories (the numbered rows "1、房屋", "2、车辆", …; 其中 rows are not
 *        categories); 办公用房 ≤ 房屋 (value and area); the text's 固定资产 figures agree with the table
 *        (上年末固定资产金额 = 资产总额) and 本年拟购置 agrees with the procurement total.
 */
#include "check/check.h"
#include "core/buf.h"
#include "core/text.h"

#include <string.h>

typedef struct {
    char s[YS_MONEY_BUFSZ];
} mstr;

static mstr fmt_money(ys_money v, ys_unit u)
{
    mstr m;
    ys_money_format(v, u ? u : YS_UNIT_YUAN, 2, m.s, sizeof m.s);
    return m;
}

static ys_unit table_unit(const ys_disclosure *d, const ys_table *t)
{
    return t->unit ? t->unit : d->meta.unit ? d->meta.unit : YS_UNIT_YUAN;
}

static bool row_has_amount(const ys_table *t, const ys_row *r)
{
    for (size_t c = 0; c < t->ncols; c++)
        if (r->cells[c].kind != YS_CELL_EMPTY) return true;
    return false;
}

/* ---- R39 ------------------------------------------------------------------------------------------ */

static void r39(ys_check_ctx *ctx)
{
    const ys_disclosure *d = ctx->doc;
    const ys_table *t = ys_disclosure_table(d, YS_TABLE_PROCUREMENT);
    if (!t) {
        ys_check_insufficient(ctx, "没有政府采购预算表");
        return;
    }
    int ctotal = ys_table_col(t, "total");
    if (ctotal < 0) {
        if (t->nrows) ys_check_insufficient(ctx, "政府采购预算表没有“合计”栏");
        return;
    }
    static const char *const funds[] = {"gpb", "gov_fund", "soe", "special", "unit_funds"};
    ys_unit u = table_unit(d, t);
    const ys_row *goods = NULL, *works = NULL, *services = NULL, *sum_row = NULL;
    for (size_t i = 0; i < t->nrows; i++) {
        const ys_row *r = &t->rows[i];
        if (!row_has_amount(t, r)) continue;
        ys_money total = ys_cell_money(&r->cells[ctotal]), parts = 0;
        int nfund = 0;
        ys_buf expr = YS_BUF_INIT;
        for (size_t k = 0; k < sizeof funds / sizeof *funds; k++) {
            int c = ys_table_col(t, funds[k]);
            if (c < 0) continue;
            nfund++;
            parts += ys_cell_money(&r->cells[c]);
            if (ys_cell_is_money(&r->cells[c]))
                ys_buf_printf(&expr, "%s%s %s", expr.len ? " + " : "", t->cols[c].header, r->cells[c].text);
        }
        if (nfund && parts != total) {
            ys_finding *fd = ys_check_report(ctx, ys_loc_cell(t, r, ctotal), "采购“%s”合计 %s ≠ Σ资金来源 %s（%s；差 %s）",
                                             r->name, fmt_money(total, u).s, fmt_money(parts, u).s,
                                             expr.len ? ys_buf_str(&expr) : "各栏为空", fmt_money(total - parts, u).s);
            ys_finding_set_amounts(fd, true, parts, true, total, u, 2);
        }
        ys_buf_release(&expr);
        int csme = ys_table_col(t, "sme");
        if (csme >= 0 && ys_cell_money(&r->cells[csme]) > total) {
            ys_finding *fd = ys_check_report(ctx, ys_loc_cell(t, r, csme), "采购“%s”预留中小企业份额 %s > 合计 %s", r->name,
                                             fmt_money(ys_cell_money(&r->cells[csme]), u).s, fmt_money(total, u).s);
            ys_finding_set_amounts(fd, true, total, true, ys_cell_money(&r->cells[csme]), u, 2);
        }
        const char *n = r->name;
        if (ys_text_find(n, "货物")) goods = r;
        else if (ys_text_find(n, "工程")) works = r;
        else if (ys_text_find(n, "服务")) services = r;
        else if (ys_text_same(n, "合计") || ys_text_same(n, "总计")) sum_row = r;
    }
    if (sum_row && (goods || works || services)) {
        ys_money parts = (goods ? ys_cell_money(&goods->cells[ctotal]) : 0) +
                         (works ? ys_cell_money(&works->cells[ctotal]) : 0) +
                         (services ? ys_cell_money(&services->cells[ctotal]) : 0);
        ys_money total = ys_cell_money(&sum_row->cells[ctotal]);
        if (parts != total) {
            ys_finding *fd = ys_check_report(ctx, ys_loc_cell(t, sum_row, ctotal),
                                             "政府采购合计 %s ≠ 货物 + 工程 + 服务 %s（差 %s）", fmt_money(total, u).s,
                                             fmt_money(parts, u).s, fmt_money(total - parts, u).s);
            ys_finding_set_amounts(fd, true, parts, true, total, u, 2);
        }
    }
}

/* ---- R40 ------------------------------------------------------------------------------------------ */

/* "1、房屋(平方米)" → true: a numbered category row. */
static bool numbered(const char *name)
{
    const char *p = name;
    if (*p < '0' || *p > '9') return false;
    while (*p >= '0' && *p <= '9') p++;
    return *p == '.' || strncmp(p, "、", strlen("、")) == 0;
}

static const ys_row *row_named(const ys_table *t, const char *word, const char *not_word)
{
    for (size_t i = 0; i < t->nrows; i++)
        if (ys_text_find(t->rows[i].name, word) && !(not_word && ys_text_find(t->rows[i].name, not_word)))
            return &t->rows[i];
    return NULL;
}

/* Figures of the narrative whose label contains `word` (and not a word of change). */
static const ys_figure *figure_labelled(const ys_disclosure *d, const char *word, const char *not_word)
{
    for (size_t i = 0; i < d->nsections; i++)
        for (size_t k = 0; k < d->sections[i].nfigures; k++) {
            const ys_figure *f = &d->sections[i].figures[k];
            if (ys_text_find(f->label, word) && !(not_word && ys_text_find(f->label, not_word)) &&
                !ys_text_find(f->label, "增加") && !ys_text_find(f->label, "减少"))
                return f;
        }
    return NULL;
}

static ys_location fig_loc(const ys_figure *f)
{
    ys_location l = ys_loc_table(YS_TABLE_NARRATIVE, f->src);
    l.name = (char *)f->label;
    return l;
}

static void text_vs(ys_check_ctx *ctx, const ys_figure *f, ys_money table, ys_unit u, const char *what,
                    ys_location twin)
{
    ys_money env = ys_money_envelope(1, f->unit ? f->unit : u, f->decimals);
    ys_money diff = f->amount - table;
    if ((diff < 0 ? -diff : diff) <= env) return;
    ys_finding *fd = ys_check_report(ctx, fig_loc(f), "文字说明“%s%s”≠ %s %s（差 %s）", f->label, f->text, what,
                                     fmt_money(table, u).s, fmt_money(diff, u).s);
    ys_finding_add_loc(fd, twin);
    ys_finding_set_amounts(fd, true, table, true, f->amount, u, 2);
}

static void r40(ys_check_ctx *ctx)
{
    const ys_disclosure *d = ctx->doc;
    const ys_table *t = ys_disclosure_table(d, YS_TABLE_ASSETS);
    int cv = ys_table_col(t, "value"), cq = ys_table_col(t, "quantity");
    const ys_row *total = t ? row_named(t, "资产总额", NULL) : NULL;
    if (!t || cv < 0 || !total) {
        ys_check_insufficient(ctx, "需要国有资产占用情况表的“资产总额”行和价值栏");
        return;
    }
    ys_unit u = table_unit(d, t);

    /* 资产总额 = Σ categories */
    ys_money sum = 0;
    size_t ncat = 0;
    ys_buf expr = YS_BUF_INIT;
    for (size_t i = 0; i < t->nrows; i++) {
        const ys_row *r = &t->rows[i];
        if (r == total || !numbered(r->name)) continue;
        sum += ys_cell_money(&r->cells[cv]);
        ys_buf_printf(&expr, "%s%s %s", ncat ? " + " : "", r->name, fmt_money(ys_cell_money(&r->cells[cv]), u).s);
        ncat++;
    }
    ys_money tv = ys_cell_money(&total->cells[cv]);
    if (ncat && sum != tv) {
        ys_finding *fd = ys_check_report(ctx, ys_loc_cell(t, total, cv), "资产总额 %s ≠ Σ分类 %s（%s；差 %s）",
                                         fmt_money(tv, u).s, fmt_money(sum, u).s, ys_buf_str(&expr),
                                         fmt_money(tv - sum, u).s);
        for (size_t i = 0; i < t->nrows; i++)
            if (&t->rows[i] != total && numbered(t->rows[i].name)) ys_finding_add_loc(fd, ys_loc_cell(t, &t->rows[i], cv));
        ys_finding_set_amounts(fd, true, sum, true, tv, u, 2);
    }
    ys_buf_release(&expr);

    /* 办公用房 ≤ 房屋 */
    const ys_row *office = row_named(t, "办公用房", NULL), *house = row_named(t, "房屋", "办公用房");
    if (office && house) {
        ys_money ov = ys_cell_money(&office->cells[cv]), hv = ys_cell_money(&house->cells[cv]);
        if (ov > hv) {
            ys_finding *fd = ys_check_report(ctx, ys_loc_cell(t, office, cv), "办公用房价值 %s > 房屋价值 %s",
                                             fmt_money(ov, u).s, fmt_money(hv, u).s);
            ys_finding_add_loc(fd, ys_loc_cell(t, house, cv));
            ys_finding_set_amounts(fd, true, hv, true, ov, u, 2);
        }
        if (cq >= 0 && office->cells[cq].kind == YS_CELL_QUANTITY && house->cells[cq].kind == YS_CELL_QUANTITY &&
            office->cells[cq].qty > house->cells[cq].qty) {
            ys_finding *fd = ys_check_report(ctx, ys_loc_cell(t, office, cq), "办公用房面积 %s > 房屋面积 %s",
                                             office->cells[cq].text, house->cells[cq].text);
            ys_finding_add_loc(fd, ys_loc_cell(t, house, cq));
        }
    }

    /* the text against the table */
    const ys_figure *f = figure_labelled(d, "固定资产金额", "拟购置");
    if (!f) f = figure_labelled(d, "资产总额", "拟购置");
    if (f) text_vs(ctx, f, tv, u, "资产表资产总额", ys_loc_cell(t, total, cv));
    const ys_figure *buy = figure_labelled(d, "拟购置", NULL);
    const ys_table *pt = ys_disclosure_table(d, YS_TABLE_PROCUREMENT);
    int ct = ys_table_col(pt, "total");
    if (buy && pt && ct >= 0) {
        ys_money ptotal = 0;
        const ys_row *sum_row = NULL;
        for (size_t i = 0; i < pt->nrows; i++) {
            if (ys_text_same(pt->rows[i].name, "合计") || ys_text_same(pt->rows[i].name, "总计")) sum_row = &pt->rows[i];
            else ptotal += ys_cell_money(&pt->rows[i].cells[ct]);
        }
        if (sum_row) ptotal = ys_cell_money(&sum_row->cells[ct]);
        ys_location twin = sum_row ? ys_loc_cell(pt, sum_row, ct) : ys_loc_table(YS_TABLE_PROCUREMENT, pt->src);
        text_vs(ctx, buy, ptotal, table_unit(d, pt), "政府采购预算合计", twin);
    }
}

const ys_rule ys_rules_assets[] = {
    {"R39", YS_SEV_ERROR, "assets", "政府采购预算表勾稽", "审核公式；政府采购预算表", r39},
    {"R40", YS_SEV_ERROR, "assets", "国有资产占用情况勾稽", "审核公式；财预〔2016〕143号", r40},
    {NULL, YS_SEV_INFO, NULL, NULL, NULL, NULL},
};
