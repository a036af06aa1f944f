/*
 * table.c — rule family "table": identities within one table (RULES.md R1–R19).
 *
 * Rows without a code (summary, fiscal_summary, three_public) are found by their label after
 * normalisation against alias lists; every amount is compared exactly at the printed precision (R51);
 * an empty cell of a column the table has is zero; a cell that is not an amount makes the identity it
 * is part of unevaluable (skipped, never a false finding). A table a rule needs that is absent gives
 * "insufficient data" once (R57).
 */
#include "check/check.h"
#include "check/util.h"
#include "core/buf.h"
#include "core/text.h"

#include <stdlib.h>
#include <string.h>

/* ---- row labels --------------------------------------------------------------------------------- */

static const char *const IN_TOTAL[] = {"收入总计", NULL};
static const char *const OUT_TOTAL[] = {"支出总计", NULL};
static const char *const IN_YEAR[] = {"本年收入合计", "本年收入小计", "本年收入", NULL};
static const char *const OUT_YEAR[] = {"本年支出合计", "本年支出小计", "本年支出", NULL};
static const char *const IN_CARRY[] = {"上年结转结余", "上年结转", "上年结转和结余", "年初结转和结余",
                                       "年初财政拨款结转和结余", "上年财政拨款结转和结余", NULL};
static const char *const OUT_CARRY[] = {"年终结转结余", "年末结转和结余", "年终结转", "结转下年",
                                        "年末财政拨款结转和结余", "年终财政拨款结转和结余", NULL};

static const char *const TP_TOTAL[] = {"合计", NULL};
static const char *const TP_SUB[] = {"\"三公\"经费小计", "三公经费小计", "\"三公\"经费合计", "小计", NULL};
static const char *const TP_ABROAD[] = {"因公出国(境)费", "因公出国(境)经费", "因公出国费", NULL};
static const char *const TP_CAR[] = {"公务用车购置及运维费", "公务用车购置及运行维护费", "公务用车购置及运行费",
                                     NULL};
static const char *const TP_CAR_BUY[] = {"公务用车购置费", NULL};
static const char *const TP_CAR_RUN[] = {"公务用车运行维护费", "公务用车运行费", "公务用车运维费", NULL};
static const char *const TP_RECEPTION[] = {"公务接待费", NULL};
static const char *const TP_MEETING[] = {"会议费", NULL};
static const char *const TP_TRAINING[] = {"培训费", NULL};

/* ---- shared shapes ------------------------------------------------------------------------------ */

/* Per row: lhs = Σ rhs (the columns of rhs the table has). what names the identity for messages. */
static void row_identity(ys_check_ctx *ctx, const ys_table *t, const char *lhs, const char *const *rhs,
                         bool only_labelled, const char *label_key)
{
    int lc = ys_table_col(t, lhs);
    int rc[16];
    size_t nr = 0;
    for (; *rhs && nr < 16; rhs++) {
        int c = ys_table_col(t, *rhs);
        if (c >= 0) rc[nr++] = c;
    }
    if (lc < 0 || nr == 0) {
        ys_check_insufficient(ctx, "%s缺少合计列或其组成列", ys_table_id_title(t->id));
        return;
    }
    for (size_t i = 0; i < t->nrows; i++) {
        const ys_row *r = &t->rows[i];
        if (only_labelled && !*ys_ck_label(t, r, label_key)) continue;
        if (!ys_ck_cell_ok(&r->cells[lc])) continue;
        bool ok = true;
        ys_money s = 0;
        for (size_t k = 0; k < nr && ok; k++) {
            ok = ys_ck_cell_ok(&r->cells[rc[k]]);
            s += ys_cell_money(&r->cells[rc[k]]);
        }
        ys_money v = ys_cell_money(&r->cells[lc]);
        if (!ok || s == v) continue;
        ys_buf m = YS_BUF_INIT;
        ys_ck_title(&m, t, r, label_key);
        ys_buf_printf(&m, "「%s」", t->cols[lc].header);
        ys_ck_amt(&m, t, v);
        ys_buf_adds(&m, " ≠ ");
        size_t listed = 0;
        for (size_t k = 0; k < nr; k++) {
            ys_money x = ys_cell_money(&r->cells[rc[k]]);
            if (x == 0 && nr > 2) continue;
            if (listed++) ys_buf_adds(&m, " + ");
            ys_buf_printf(&m, "「%s」", t->cols[rc[k]].header);
            ys_ck_amt(&m, t, x);
        }
        if (listed != 1) {
            ys_buf_adds(&m, " = ");
            ys_ck_amt(&m, t, s);
        }
        ys_buf_adds(&m, " (差 ");
        ys_ck_amt(&m, t, v - s);
        ys_buf_addc(&m, ')');
        ys_finding *fd = ys_ck_report_cell(ctx, ctx->rule->severity, t, r, lc, s, v, ys_buf_str(&m));
        ys_buf_release(&m);
        for (size_t k = 0; k < nr; k++) ys_finding_add_loc(fd, ys_ck_loc_label(t, r, rc[k], label_key));
    }
}

static const ys_table *need(ys_check_ctx *ctx, ys_table_id id)
{
    const ys_table *t = ys_disclosure_table(ctx->doc, id);
    if (!t) ys_check_insufficient(ctx, "文档中没有%s", ys_table_id_title(id));
    return t;
}

/* ---- summary (R1–R5) ---------------------------------------------------------------------------- */

/* One row of a two-sided table found by label on one side, with its amount column. */
typedef struct {
    const ys_row *row;
    size_t index;
} side_row;

static side_row find_side(const ys_table *t, const char *label_key, const char *const *aliases)
{
    side_row s = {NULL, 0};
    s.row = ys_ck_find_label(t, label_key, aliases, 0, &s.index);
    return s;
}

/* 收入总计 = 支出总计 on a two-sided table: the 总计 lines of its two sides (R1 summary, R9 fiscal_summary). */
static void totals_balance(ys_check_ctx *ctx, ys_table_id id, const char *out_col, const char *what)
{
    const ys_table *t = need(ctx, id);
    if (!t) return;
    side_row in = find_side(t, "in_item", IN_TOTAL), out = find_side(t, "out_item", OUT_TOTAL);
    int ic = ys_table_col(t, "in_amount"), oc = ys_table_col(t, out_col);
    if (!in.row || !out.row || ic < 0 || oc < 0) {
        ys_check_insufficient(ctx, "%s中找不到收入总计或支出总计", what);
        return;
    }
    if (!ys_ck_cell_ok(&in.row->cells[ic]) || !ys_ck_cell_ok(&out.row->cells[oc])) return;
    ys_money a = ys_cell_money(&in.row->cells[ic]), b = ys_cell_money(&out.row->cells[oc]);
    if (a == b) return;
    ys_buf m = YS_BUF_INIT;
    ys_buf_printf(&m, "%s收入总计 ", what);
    ys_ck_amt(&m, t, a);
    ys_buf_adds(&m, " ≠ 支出总计 ");
    ys_ck_amt(&m, t, b);
    ys_buf_adds(&m, " (差 ");
    ys_ck_amt(&m, t, a - b);
    ys_buf_addc(&m, ')');
    ys_finding *fd = ys_check_report(ctx, ys_ck_loc_label(t, in.row, ic, "in_item"), "%s", ys_buf_str(&m));
    ys_finding_set_amounts(fd, true, b, true, a, t->unit, ys_ck_decimals(t));
    ys_finding_add_loc(fd, ys_ck_loc_label(t, out.row, oc, "out_item"));
    ys_buf_release(&m);
}

static void r1(ys_check_ctx *ctx)
{
    totals_balance(ctx, YS_TABLE_SUMMARY, "out_amount", "收支总表");
}

/* total = year + carry-over, on one side of a two-sided table. */
static void total_identity(ys_check_ctx *ctx, ys_table_id id, const char *label_key, const char *amount_key,
                           const char *const *total, const char *const *year, const char *const *carry)
{
    const ys_table *t = need(ctx, id);
    if (!t) return;
    side_row tr = find_side(t, label_key, total), yr = find_side(t, label_key, year), cr = find_side(t, label_key, carry);
    if (!tr.row || !yr.row || ys_table_col(t, amount_key) < 0) {
        ys_check_insufficient(ctx, "%s中找不到总计或本年合计行", ys_table_id_title(id));
        return;
    }
    const ys_row *items[2] = {yr.row, cr.row};
    ys_ck_sum_opts o = {"本年合计与结转之和", amount_key, label_key, false};
    ys_ck_check_sum(ctx, t, tr.row, items, cr.row ? 2 : 1, &o);
}

static void r2(ys_check_ctx *ctx)
{
    if (ctx->doc->meta.kind == YS_KIND_FINAL) return;   /* 决算: F01 (check/final.c) adds 使用非财政拨款结余 */
    total_identity(ctx, YS_TABLE_SUMMARY, "in_item", "in_amount", IN_TOTAL, IN_YEAR, IN_CARRY);
}

static void r3(ys_check_ctx *ctx)
{
    if (ctx->doc->meta.kind == YS_KIND_FINAL) return;   /* 决算: F02 (check/final.c) adds 结余分配 */
    total_identity(ctx, YS_TABLE_SUMMARY, "out_item", "out_amount", OUT_TOTAL, OUT_YEAR, OUT_CARRY);
}

/* year total = Σ the lines above it on one side (the numbered lines when the side numbers them). */
static void lines_identity(ys_check_ctx *ctx, const char *label_key, const char *amount_key,
                           const char *const *year, const char *sigma)
{
    const ys_table *t = need(ctx, YS_TABLE_SUMMARY);
    if (!t) return;
    side_row yr = find_side(t, label_key, year);
    if (!yr.row || ys_table_col(t, amount_key) < 0) {
        ys_check_insufficient(ctx, "收支总表中找不到本年合计行");
        return;
    }
    bool numbered = false;
    for (size_t i = 0; i < yr.index; i++) numbered |= ys_ck_has_ordinal(ys_ck_label(t, &t->rows[i], label_key));
    const ys_row **items = ys_xcalloc(t->nrows ? t->nrows : 1, sizeof *items);
    size_t n = 0;
    for (size_t i = 0; i < yr.index; i++) {
        const char *l = ys_ck_label(t, &t->rows[i], label_key);
        if (!*l || (numbered && !ys_ck_has_ordinal(l))) continue;
        if (!numbered && strncmp(l, "其中", strlen("其中")) == 0) continue;
        items[n++] = &t->rows[i];
    }
    ys_ck_sum_opts o = {sigma, amount_key, label_key, false};
    ys_ck_check_sum(ctx, t, yr.row, items, n, &o);
    free(items);
}

static void r4(ys_check_ctx *ctx)
{
    lines_identity(ctx, "in_item", "in_amount", IN_YEAR, "各收入来源之和");
}

static void r5(ys_check_ctx *ctx)
{
    lines_identity(ctx, "out_item", "out_amount", OUT_YEAR, "各功能分类之和");
}

/* ---- per-row identities (R6–R11, R18) ------------------------------------------------------------ */

static void r6(ys_check_ctx *ctx)
{
    const ys_table *t = need(ctx, YS_TABLE_INCOME);
    if (!t) return;
    static const char *const sources[] = {"fiscal", "special", "business", "operating", "superior",
                                          "affiliated", "other", NULL};
    if (ys_table_col(t, "subtotal") >= 0) {
        static const char *const parts[] = {"subtotal", "carryover", NULL};
        row_identity(ctx, t, "total", parts, false, NULL);
        row_identity(ctx, t, "subtotal", sources, false, NULL);
    } else {
        static const char *const all[] = {"fiscal", "special", "business", "operating", "superior",
                                          "affiliated", "other", "carryover", NULL};
        row_identity(ctx, t, "total", all, false, NULL);
    }
}

static void r7(ys_check_ctx *ctx)
{
    const ys_table *t = need(ctx, YS_TABLE_EXPENSE);
    static const char *const parts[] = {"basic", "project", "operating", "remit", "subsidy", NULL};
    if (t) row_identity(ctx, t, "total", parts, false, NULL);
}

static void r8(ys_check_ctx *ctx)
{
    const ys_table *t = need(ctx, YS_TABLE_FISCAL_SUMMARY);
    static const char *const parts[] = {"out_gpb", "out_gov_fund", "out_soe", NULL};
    if (t) row_identity(ctx, t, "out_total", parts, false, "out_item");
}

static void r9(ys_check_ctx *ctx)
{
    totals_balance(ctx, YS_TABLE_FISCAL_SUMMARY, "out_total", "财政拨款收支总表");
}

static void r10(ys_check_ctx *ctx)
{
    static const char *const parts[] = {"basic", "project", NULL};
    const ys_table *t = need(ctx, YS_TABLE_GPB_EXPENSE);
    if (t) row_identity(ctx, t, "total", parts, false, NULL);
    const ys_table *g = ys_disclosure_table(ctx->doc, YS_TABLE_GOV_FUND);
    if (g) row_identity(ctx, g, "total", parts, false, NULL);
    const ys_table *s = ys_disclosure_table(ctx->doc, YS_TABLE_SOE_CAPITAL);
    if (s) row_identity(ctx, s, "total", parts, false, NULL);
}

static void r11(ys_check_ctx *ctx)
{
    static const char *const parts[] = {"personnel", "public", NULL};
    const ys_table *t = need(ctx, YS_TABLE_GPB_BASIC);
    if (t) row_identity(ctx, t, "total", parts, false, NULL);
}

/* ---- gpb_basic placement (R12, R13) -------------------------------------------------------------- */

/* Report an amount in the wrong column of an economic row. */
static void wrong_column(ys_check_ctx *ctx, const ys_table *t, const ys_row *r, int col, const char *why)
{
    if (col < 0 || !ys_ck_cell_ok(&r->cells[col])) return;
    ys_money v = ys_cell_money(&r->cells[col]);
    if (v == 0) return;
    ys_buf m = YS_BUF_INIT;
    ys_ck_row_title(&m, t, r);
    ys_buf_printf(&m, "「%s」", t->cols[col].header);
    ys_ck_amt(&m, t, v);
    ys_buf_printf(&m, " ≠ 0 (%s)", why);
    ys_ck_report_cell(ctx, ctx->rule->severity, t, r, col, 0, v, ys_buf_str(&m));
    ys_buf_release(&m);
}

static bool personnel_class(const char *c3)
{
    return !strcmp(c3, "301") || !strcmp(c3, "303");
}

static void r12(ys_check_ctx *ctx)
{
    const ys_table *t = need(ctx, YS_TABLE_GPB_BASIC);
    if (!t) return;
    int pc = ys_table_col(t, "personnel");
    if (pc < 0) {
        ys_check_insufficient(ctx, "基本支出表没有人员经费列");
        return;
    }
    static const char *const may[] = {"301", "302", "303", "309", "310", NULL};
    for (size_t i = 0; i < t->nrows; i++) {
        const ys_row *r = &t->rows[i];
        if (ys_code_level(r->code) != 1) continue;
        bool ok = false;
        for (const char *const *m = may; *m && !ok; m++) ok = !strcmp(r->code, *m);
        if (!ok) wrong_column(ctx, t, r, pc, "人员经费只由301、303(及309、310中的人员部分)构成");
    }
}

static void r13(ys_check_ctx *ctx)
{
    const ys_table *t = need(ctx, YS_TABLE_GPB_BASIC);
    if (!t) return;
    int pc = ys_table_col(t, "personnel"), uc = ys_table_col(t, "public");
    if (pc < 0 || uc < 0) {
        ys_check_insufficient(ctx, "基本支出表没有人员经费或公用经费列");
        return;
    }
    for (size_t i = 0; i < t->nrows; i++) {
        const ys_row *r = &t->rows[i];
        int lv = ys_code_level(r->code);
        if (lv < 1) continue;
        char c3[4];
        memcpy(c3, r->code, 3);
        c3[3] = '\0';
        if (lv == 2 && ys_table_find_code(t, c3)) continue;   /* judged at its 类 row */
        if (personnel_class(c3)) wrong_column(ctx, t, r, uc, "工资福利支出和对个人和家庭的补助只列人员经费");
        else if (!strcmp(c3, "302")) wrong_column(ctx, t, r, pc, "商品和服务支出只列公用经费");
    }
}

/* ---- three_public (R14–R18) ---------------------------------------------------------------------- */

static const ys_row *tp_row(const ys_table *t, const char *const *aliases)
{
    return ys_ck_find_label(t, NULL, aliases, 0, NULL);
}

static void tp_sum(ys_check_ctx *ctx, const ys_table *t, const ys_row *parent, const ys_row *const *cand, size_t n,
                   const char *sigma)
{
    const ys_row *items[8];
    size_t k = 0;
    for (size_t i = 0; i < n && k < 8; i++)
        if (cand[i]) items[k++] = cand[i];
    ys_ck_sum_opts o = {sigma, NULL, NULL, false};
    if (parent && k) ys_ck_check_sum(ctx, t, parent, items, k, &o);
}

static void r14(ys_check_ctx *ctx)
{
    const ys_table *t = need(ctx, YS_TABLE_THREE_PUBLIC);
    if (!t) return;
    const ys_row *sub = tp_row(t, TP_SUB);
    const ys_row *cand[3] = {tp_row(t, TP_ABROAD), tp_row(t, TP_CAR), tp_row(t, TP_RECEPTION)};
    if (!sub || !cand[0] || !cand[1] || !cand[2]) {
        if (!sub) ys_check_insufficient(ctx, "三公经费表没有小计行");
        else ys_check_insufficient(ctx, "三公经费表缺少出国、公车或接待行");
        return;
    }
    tp_sum(ctx, t, sub, cand, 3, "出国+公车+接待");
}

static void r15(ys_check_ctx *ctx)
{
    const ys_table *t = need(ctx, YS_TABLE_THREE_PUBLIC);
    if (!t) return;
    const ys_row *car = tp_row(t, TP_CAR);
    const ys_row *cand[2] = {tp_row(t, TP_CAR_BUY), tp_row(t, TP_CAR_RUN)};
    if (!car || !cand[0] || !cand[1]) {
        ys_check_insufficient(ctx, "三公经费表缺少公务用车购置或运行维护行");
        return;
    }
    tp_sum(ctx, t, car, cand, 2, "购置+运行维护");
}

/* A "其中" group: the rows after a numbered parent up to the next numbered (or total) row. */
static void r16(ys_check_ctx *ctx)
{
    const ys_table *t = need(ctx, YS_TABLE_THREE_PUBLIC);
    if (!t) return;
    const ys_row **items = ys_xcalloc(t->nrows ? t->nrows : 1, sizeof *items);
    for (size_t i = 0; i + 1 < t->nrows; i++) {
        const ys_row *p = &t->rows[i];
        if (!ys_ck_has_ordinal(p->name)) continue;
        if (ys_ck_name_is(p->name, TP_CAR)) continue;   /* 购置 + 运行 is R15 */
        const char *first = t->rows[i + 1].name;
        if (strncmp(first, "其中", strlen("其中")) != 0) continue;
        size_t n = 0;
        bool exhaustive = false;
        for (size_t k = i + 1; k < t->nrows; k++) {
            const char *nm = t->rows[k].name;
            if (ys_ck_has_ordinal(nm) || ys_ck_name_is(nm, TP_TOTAL) || ys_ck_name_is(nm, TP_SUB)) break;
            const char *s = ys_ck_strip_ordinal(nm);
            if (strncmp(s, "其他", strlen("其他")) == 0) exhaustive = true;
            items[n++] = &t->rows[k];
        }
        ys_ck_sum_opts o = {exhaustive ? "其中各项之和" : "其中各项之和", NULL, NULL, !exhaustive};
        ys_ck_check_sum(ctx, t, p, items, n, &o);
    }
    free(items);
}

static void r17(ys_check_ctx *ctx)
{
    const ys_table *t = need(ctx, YS_TABLE_THREE_PUBLIC);
    if (!t) return;
    const ys_row *total = tp_row(t, TP_TOTAL);
    if (!total) {
        ys_check_insufficient(ctx, "三公经费表没有合计行");
        return;
    }
    const ys_row *sub = tp_row(t, TP_SUB);
    if (sub) {
        const ys_row *cand[3] = {sub, tp_row(t, TP_MEETING), tp_row(t, TP_TRAINING)};
        tp_sum(ctx, t, total, cand, 3, "小计+会议费+培训费");
    } else {
        const ys_row *cand[5] = {tp_row(t, TP_ABROAD), tp_row(t, TP_CAR), tp_row(t, TP_RECEPTION),
                                 tp_row(t, TP_MEETING), tp_row(t, TP_TRAINING)};
        tp_sum(ctx, t, total, cand, 5, "各项之和");
    }
}

static void r18(ys_check_ctx *ctx)
{
    static const char *const parts[] = {"gpb", "gov_fund", "soe", NULL};
    const ys_table *t = need(ctx, YS_TABLE_THREE_PUBLIC);
    if (t) row_identity(ctx, t, "total", parts, false, NULL);
}

/* ---- R19: empty-table note ⇔ empty table, naming the right fund ---------------------------------- */

static bool note_says_empty(const char *note)
{
    return note && (ys_text_find(note, "空表") || ys_text_find(note, "无") || ys_text_find(note, "没有"));
}

static void r19(ys_check_ctx *ctx)
{
    static const struct { ys_table_id id; const char *fund; } funds[] = {
        {YS_TABLE_GOV_FUND, "基金"}, {YS_TABLE_SOE_CAPITAL, "国有资本"}, {YS_TABLE_THREE_PUBLIC, "三公"},
    };
    bool any = false;
    for (int id = 0; id < YS_TABLE__COUNT; id++) {
        const ys_table *t = ys_disclosure_table(ctx->doc, (ys_table_id)id);
        if (!t || id == YS_TABLE_ASSETS || id == YS_TABLE_ORGANISATION || id == YS_TABLE_PROCUREMENT) continue;
        any = true;
        bool empty = !ys_ck_table_has_amounts(t), noted = note_says_empty(t->note);
        ys_location at = ys_loc_table(t->id, t->src);
        if (empty && !noted && (id == YS_TABLE_GOV_FUND || id == YS_TABLE_SOE_CAPITAL || id == YS_TABLE_THREE_PUBLIC))
            ys_check_report(ctx, at, "%s没有数据，但没有说明为空表的原因 (空表应列示并加注说明)", ys_table_id_title(t->id));
        else if (!empty && noted && ys_text_find(t->note, "空表"))
            ys_check_report(ctx, at, "%s有数据，却注明为空表：「%s」", ys_table_id_title(t->id), t->note);
        else if (empty && noted) {
            for (size_t k = 0; k < sizeof funds / sizeof *funds; k++)
                if (funds[k].id == t->id && !ys_text_find(t->note, funds[k].fund))
                    ys_check_report(ctx, at, "%s的空表说明没有提到本表的资金(%s)：「%s」", ys_table_id_title(t->id),
                                    funds[k].fund, t->note);
        }
    }
    if (!any) ys_check_insufficient(ctx, "文档中没有可检查的表");
}

/* ---- registry ------------------------------------------------------------------------------------ */

#define B143 "财预〔2016〕143号; 审核公式"
const ys_rule ys_rules_table[] = {
    {"R1", YS_SEV_ERROR, "table", "收支总表收入总计等于支出总计", B143, r1},
    {"R2", YS_SEV_ERROR, "table", "收入总计等于本年收入合计加上年结转结余", "审核公式", r2},
    {"R3", YS_SEV_ERROR, "table", "支出总计等于本年支出合计加年终结转结余", "审核公式", r3},
    {"R4", YS_SEV_ERROR, "table", "本年收入合计等于各收入来源之和", "审核公式", r4},
    {"R5", YS_SEV_ERROR, "table", "本年支出合计等于各功能分类之和", "审核公式", r5},
    {"R6", YS_SEV_ERROR, "table", "收入总表每行合计等于小计加上年结转、小计等于各来源之和", "审核公式", r6},
    {"R7", YS_SEV_ERROR, "table", "支出总表每行合计等于基本、项目等各列之和", "审核公式", r7},
    {"R8", YS_SEV_ERROR, "table", "财政拨款收支总表支出每行合计等于三类财政拨款之和", "审核公式", r8},
    {"R9", YS_SEV_ERROR, "table", "财政拨款收支总表收入总计等于支出总计", "审核公式", r9},
    {"R10", YS_SEV_ERROR, "table", "财政拨款支出表每行合计等于基本支出加项目支出", "审核公式", r10},
    {"R11", YS_SEV_ERROR, "table", "基本支出表每行合计等于人员经费加公用经费", "审核公式", r11},
    {"R12", YS_SEV_ERROR, "table", "人员经费只由工资福利、对个人和家庭的补助构成", "审核公式; 部门预算支出经济分类科目", r12},
    {"R13", YS_SEV_ERROR, "table", "301、303只列人员经费，302只列公用经费", "审核公式; 部门预算支出经济分类科目", r13},
    {"R14", YS_SEV_ERROR, "table", "三公经费小计等于出国、公车、接待之和", B143, r14},
    {"R15", YS_SEV_ERROR, "table", "公务用车购置及运行费等于购置费加运行维护费", B143, r15},
    {"R16", YS_SEV_ERROR, "table", "“其中”各项之和不超过其上级项目(列全时相等)", "审核公式", r16},
    {"R17", YS_SEV_ERROR, "table", "三公经费表合计等于小计加会议费、培训费", "审核公式", r17},
    {"R18", YS_SEV_ERROR, "table", "三公经费表每行合计等于各资金列之和", "审核公式", r18},
    {"R19", YS_SEV_ERROR, "table", "空表说明与表的内容一致并写明资金", "财预〔2016〕143号 (空表列示)", r19},
    {NULL, YS_SEV_INFO, NULL, NULL, NULL, NULL},
};
