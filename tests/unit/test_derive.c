/*
 * test_derive.c — derive (Budget → Disclosure) on a small hand-built budget: two units (one 行政, one
 * 事业), lines across three function classes (208, 210, 221), basic personnel and public lines, two
 * projects with schedules and indicators, a 30231 line, 30215 lines with and without a tag, a 30212 line
 * with the 教学科研人员 tag, a 单位资金 line with a source, a carry-over line, procurement, assets and
 * prior figures. Every derived table is checked cell by cell against amounts computed by hand, as are
 * the "三公" table, 机关运行经费, the 情况说明 figures, the comparisons and the 目录; and ys_check_run
 * on the result must give no error and no warning of the table / hierarchy / cross / text /
 * completeness families. A variant with 上年结转 of every fund checks where carry-over goes in each table
 * (docs/BOOK.md) and the identities that tie them (R29 with carry-over, R30, R9).
 *
 * The budget is filled through its public fields (tests do not depend on budget.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "catalog/catalog.h"
#include "check/check.h"
#include "core/text.h"
#include "derive/derive.h"
#include "model/budget.h"
#include "model/finding.h"

/* Amounts in 0.01 万元 → 分 */
#define W(x) ((ys_money)(x) * 10000)

#define CAP 64

static const char *UNIT_A = "测试局本级";
static const char *UNIT_B = "测试就业服务中心";

static ys_budget *budget_new(void)
{
    ys_budget *b = calloc(1, sizeof *b);
    b->arena = ys_arena_new();
    b->file = "test-book";
    b->meta.department = "测试县测试局";
    b->meta.department_code = "901";
    b->meta.region = "测试县";
    b->meta.year = 2024;
    b->meta.kind = YS_KIND_BUDGET;
    b->meta.scope = YS_SCOPE_DEPARTMENT;
    b->meta.unit = YS_UNIT_WANYUAN;
    b->template_id = "";
    b->lines = ys_arena_calloc(b->arena, CAP, sizeof *b->lines);
    b->units = ys_arena_calloc(b->arena, CAP, sizeof *b->units);
    b->projects = ys_arena_calloc(b->arena, CAP, sizeof *b->projects);
    b->procurement = ys_arena_calloc(b->arena, CAP, sizeof *b->procurement);
    b->assets = ys_arena_calloc(b->arena, CAP, sizeof *b->assets);
    b->prior = ys_arena_calloc(b->arena, CAP, sizeof *b->prior);
    b->texts = ys_arena_calloc(b->arena, CAP, sizeof *b->texts);
    return b;
}

static void budget_free(ys_budget *b)
{
    ys_arena_free(b->arena);
    free(b);
}

static void unit(ys_budget *b, const char *name, ys_unit_type type, const char *level, const char *funding)
{
    ys_budget_unit *u = &b->units[b->nunits++];
    u->name = name;
    u->type = type;
    u->level = level;
    u->funding = funding;
}

static ys_budget_line *line(ys_budget *b, const char *u, const char *fn, const char *eco, ys_fund fund,
                            ys_spend_kind kind, const char *project, long cents)
{
    ys_budget_line *l = &b->lines[b->nlines++];
    l->unit = u;
    l->function = fn;
    l->economic = eco;
    l->fund = fund;
    l->kind = kind;
    l->project = project;
    l->amount = W(cents);
    l->tag = "";
    return l;
}

static void project(ys_budget *b, const char *code, const char *name, long s3, long s6, long s10, long s12)
{
    ys_budget_project *p = &b->projects[b->nprojects++];
    p->code = code;
    p->name = name;
    p->unit = UNIT_A;
    p->purpose = "保障业务开展";
    p->goal = "完成年度工作任务";
    p->schedule_percent = false;
    p->nschedule = 4;
    p->schedule = ys_arena_calloc(b->arena, 4, sizeof *p->schedule);
    static const char *const labels[] = {"3月底", "6月底", "10月底", "12月底"};
    long v[4] = {s3, s6, s10, s12};
    for (int i = 0; i < 4; i++) {
        p->schedule[i].label = labels[i];
        ys_cell_set_money(&p->schedule[i].value, W(v[i]), 2);
        p->schedule[i].value.text = ys_arena_printf(b->arena, "%ld.%02ld", v[i] / 100, v[i] % 100);
    }
    static const char *const ind[][6] = {
        {"产出指标", "数量指标", "服务人数", "服务人数", "≥100人", "年度计划"},
        {"产出指标", "质量指标", "合格率", "合格率", "≥95%", "年度计划"},
        {"产出指标", "时效指标", "完成时间", "按时完成", "≤12个月", "年度计划"},
        {"产出指标", "成本指标", "项目成本", "成本控制", "≤20万元", "预算"},
        {"效益指标", "社会效益指标", "就业促进", "促进就业", "≥90%", "年度计划"},
        {"满意度指标", "服务对象满意度指标", "群众满意度", "群众满意", "≥95%", "调查"},
    };
    p->indicators = ys_arena_calloc(b->arena, 6, sizeof *p->indicators);
    p->indicators_cap = 6;
    for (int i = 0; i < 6; i++) {
        ys_indicator *in = &p->indicators[p->nindicators++];
        in->level1 = ind[i][0];
        in->level2 = ind[i][1];
        in->level3 = ind[i][2];
        in->description = ind[i][3];
        in->value = ind[i][4];
        in->basis = ind[i][5];
    }
}

static void prior(ys_budget *b, const char *item, long cents, const char *reason)
{
    ys_budget_prior *p = &b->prior[b->nprior++];
    p->item = item;
    p->amount = W(cents);
    p->reason = reason;
}

static void text(ys_budget *b, const char *section, const char *t)
{
    ys_budget_text *x = &b->texts[b->ntexts++];
    x->section = section;
    x->text = t;
}

static void asset(ys_budget *b, const char *item, long qty, long cents)
{
    ys_budget_asset *a = &b->assets[b->nassets++];
    a->item = item;
    a->quantity = qty;
    a->quantity_text = "";
    a->value = W(cents);
}

/*
 * The sample budget (amounts in 万元):
 *   A 本级 (行政)   2080101 30101 人员 100.00 | 30201 公用 10.00 | 30231 公用 5.00 | 30215 公用 2.00 (tag) | 30215 公用 1.00
 *                   2101101 30110 人员 6.00   | 2210201 30113 人员 12.00
 *                   P1: 2080199 30216 项目 3.00 | 30299 项目 7.00 | 30212 项目 1.50 (tag 教学科研人员)
 *   B 中心 (事业)   2080109 30101 人员 80.00 | 30201 公用 8.00 | 2080505 30108 人员 20.00
 *                   P2: 2080109 30227 项目 单位资金/事业收入 4.00 | 30227 项目 单位资金 上年结转 2.00
 */
static ys_budget *sample(void)
{
    ys_budget *b = budget_new();
    unit(b, UNIT_A, YS_UNIT_ADMIN, "正科级", "财政拨款");
    unit(b, UNIT_B, YS_UNIT_INSTITUTION, "股级", "财政性资金基本保证");
    line(b, UNIT_A, "2080101", "30101", YS_FUND_GPB, YS_SPEND_PERSONNEL, "", 10000);
    line(b, UNIT_A, "2080101", "30201", YS_FUND_GPB, YS_SPEND_PUBLIC, "", 1000);
    line(b, UNIT_A, "2080101", "30231", YS_FUND_GPB, YS_SPEND_PUBLIC, "", 500);
    line(b, UNIT_A, "2080101", "30215", YS_FUND_GPB, YS_SPEND_PUBLIC, "", 200)->tag = "省属高校业务性会议";
    line(b, UNIT_A, "2080101", "30215", YS_FUND_GPB, YS_SPEND_PUBLIC, "", 100);
    line(b, UNIT_A, "2101101", "30110", YS_FUND_GPB, YS_SPEND_PERSONNEL, "", 600);
    line(b, UNIT_A, "2210201", "30113", YS_FUND_GPB, YS_SPEND_PERSONNEL, "", 1200);
    line(b, UNIT_A, "2080199", "30216", YS_FUND_GPB, YS_SPEND_PROJECT, "P1", 300);
    line(b, UNIT_A, "2080199", "30299", YS_FUND_GPB, YS_SPEND_PROJECT, "P1", 700);
    line(b, UNIT_A, "2080199", "30212", YS_FUND_GPB, YS_SPEND_PROJECT, "P1", 150)->tag = "教学科研人员";
    line(b, UNIT_B, "2080109", "30101", YS_FUND_GPB, YS_SPEND_PERSONNEL, "", 8000);
    line(b, UNIT_B, "2080109", "30201", YS_FUND_GPB, YS_SPEND_PUBLIC, "", 800);
    line(b, UNIT_B, "2080505", "30108", YS_FUND_GPB, YS_SPEND_PERSONNEL, "", 2000);
    line(b, UNIT_B, "2080109", "30227", YS_FUND_UNIT, YS_SPEND_PROJECT, "P2", 400)->source = YS_SOURCE_BUSINESS;
    line(b, UNIT_B, "2080109", "30227", YS_FUND_UNIT, YS_SPEND_PROJECT, "P2", 200)->carryover = true;
    project(b, "P1", "就业创业服务", 300, 600, 900, 1150);
    project(b, "P2", "社保经办服务", 100, 300, 500, 600);
    prior(b, "total", 25000, "人员经费增加");
    prior(b, "car_run", 540, "从严控制“三公”经费开支");
    prior(b, "car", 540, "从严控制“三公”经费开支");
    prior(b, "car_buy", 0, "");
    prior(b, "abroad", 0, "新增教学科研人员出国交流任务");
    prior(b, "reception", 0, "");
    text(b, "duties", "贯彻落实人力资源和社会保障工作的方针政策。\n负责促进就业创业工作。");
    text(b, "performance", "完成年度就业目标。");
    asset(b, "房屋", 1000, 50000);
    asset(b, "办公用房", 600, 30000);
    asset(b, "车辆", 2, 3000);
    asset(b, "其他固定资产", 120, 1500);
    return b;
}

/* ---- helpers --------------------------------------------------------------------------------------- */

static ys_catalog *catalog(void)
{
    ys_catalog *c = ys_catalog_new();
    ys_diags dg;
    ys_diags_init(&dg);
    assert_int_equal(ys_catalog_load_default(c, &dg), YS_OK);
    ys_diags_release(&dg);
    return c;
}

static ys_disclosure *derive(const ys_budget *b, const ys_catalog *cat)
{
    ys_disclosure *d = NULL;
    ys_diags dg;
    ys_diags_init(&dg);
    assert_int_equal(ys_derive(b, cat, &d, &dg), YS_OK);
    assert_int_equal(dg.errors, 0);
    ys_diags_release(&dg);
    assert_non_null(d);
    return d;
}

/* Money of cell (row with code or name, column key); -1 when the cell is empty. */
static ys_money cell(const ys_table *t, const char *code_or_name, const char *key)
{
    assert_non_null(t);
    int col = ys_table_col(t, key);
    assert_true(col >= 0);
    for (size_t i = 0; i < t->nrows; i++) {
        const ys_row *r = &t->rows[i];
        if (strcmp(r->code, code_or_name) == 0 || (!r->code[0] && ys_text_same(r->name, code_or_name))) {
            const ys_cell *c = &r->cells[col];
            if (c->kind == YS_CELL_EMPTY) return -1;
            assert_int_equal(c->kind, YS_CELL_MONEY);
            assert_int_equal(c->decimals, 2);
            return c->money;
        }
    }
    fail_msg("no row %s in %s", code_or_name, t->title);
    return 0;
}

/* The amount cell of a two-sided table row whose label (label_key) is `label`; -1 when empty. */
static ys_money side(const ys_table *t, const char *label_key, const char *label, const char *key)
{
    int lc = ys_table_col(t, label_key), col = ys_table_col(t, key);
    assert_true(lc >= 0 && col >= 0);
    for (size_t i = 0; i < t->nrows; i++)
        if (ys_text_same(t->rows[i].cells[lc].text, label)) {
            const ys_cell *c = &t->rows[i].cells[col];
            return c->kind == YS_CELL_EMPTY ? -1 : c->money;
        }
    fail_msg("no line %s", label);
    return 0;
}

/* The codes of a table's rows, space-separated ("合计" for the total row). */
static const char *codes(const ys_table *t, char *buf, size_t n)
{
    size_t k = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < t->nrows && k < n; i++)
        k += (size_t)snprintf(buf + k, n - k, "%s%s", k ? " " : "", t->rows[i].code[0] ? t->rows[i].code : t->rows[i].name);
    return buf;
}

static const ys_section *section(const ys_disclosure *d, const char *number)
{
    for (size_t i = 0; i < d->nsections; i++)
        if (strcmp(d->sections[i].number, number) == 0) return &d->sections[i];
    fail_msg("no section %s", number);
    return NULL;
}

static ys_money figure(const ys_section *s, const char *label)
{
    for (size_t i = 0; i < s->nfigures; i++)
        if (ys_text_same(s->figures[i].label, label)) return s->figures[i].amount;
    fail_msg("no figure labelled %s in section %s", label, s->number);
    return 0;
}

static void dump(const ys_disclosure *d)
{
    if (!getenv("DERIVE_DUMP")) return;
    for (size_t i = 0; i < d->nsections; i++) {
        const ys_section *s = &d->sections[i];
        printf("== %s %s\n%s\n", s->number, s->title, s->text);
        for (size_t k = 0; k < s->nfigures; k++) printf("   [%s] %s\n", s->figures[k].label, s->figures[k].text);
    }
}

/* ---- tests ----------------------------------------------------------------------------------------- */

static void test_meta_and_titles(void **state)
{
    (void)state;
    ys_catalog *cat = catalog();
    ys_budget *b = sample();
    ys_disclosure *d = derive(b, cat);
    assert_string_equal(d->meta.department, "测试县测试局");
    assert_string_equal(d->meta.department_code, "901");
    assert_string_equal(d->meta.region, "测试县");
    assert_int_equal(d->meta.year, 2024);
    assert_int_equal(d->meta.kind, YS_KIND_BUDGET);
    assert_int_equal(d->meta.scope, YS_SCOPE_DEPARTMENT);
    assert_int_equal(d->meta.unit, YS_UNIT_WANYUAN);
    static const char *const titles[] = {
        "部门预算收支总表", "部门预算收入总表", "部门预算支出总表", "部门预算财政拨款收支总表",
        "部门预算一般公共预算财政拨款支出表", "部门预算一般公共预算财政拨款基本支出表",
        "部门预算政府性基金预算财政拨款支出表", "部门预算国有资本经营预算财政拨款支出表",
        "部门预算财政拨款\"三公\"经费支出表", "部门政府采购预算", "部门固定资产占用情况表", "部门机构设置情况",
    };
    for (int id = 0; id < YS_TABLE__COUNT; id++) {
        const ys_table *t = ys_disclosure_table(d, (ys_table_id)id);
        assert_non_null(t);
        assert_true(ys_text_same(t->title, titles[id]));
        if (id != YS_TABLE_ORGANISATION) assert_int_equal(t->unit, YS_UNIT_WANYUAN);
    }
    /* columns as the reader produces them for the sample */
    const ys_table *in = ys_disclosure_table(d, YS_TABLE_INCOME);
    static const char *const ikeys[] = {"total", "subtotal", "fiscal", "special", "business", "operating",
                                        "superior", "affiliated", "other", "carryover"};
    assert_int_equal(in->ncols, 10);
    for (size_t i = 0; i < 10; i++) assert_string_equal(in->cols[i].key, ikeys[i]);
    assert_string_equal(in->cols[2].header, "财政拨款收入");
    const ys_table *fs = ys_disclosure_table(d, YS_TABLE_FISCAL_SUMMARY);
    assert_int_equal(fs->ncols, 7);
    assert_string_equal(fs->cols[4].header, "一般公共预算财政拨款");
    assert_int_equal(fs->cols[0].kind, YS_COL_LABEL);
    const ys_table *pr = ys_disclosure_table(d, YS_TABLE_PROCUREMENT);
    assert_int_equal(pr->ncols, 14);
    assert_string_equal(pr->cols[13].header, "2024年预留中小微企业份额");
    ys_disclosure_free(d);
    budget_free(b);
    ys_catalog_free(cat);
}

static void test_summary(void **state)
{
    (void)state;
    ys_catalog *cat = catalog();
    ys_budget *b = sample();
    ys_disclosure *d = derive(b, cat);
    const ys_table *t = ys_disclosure_table(d, YS_TABLE_SUMMARY);
    /* 31 class lines + 3 fixed rows, numbered 1… */
    assert_int_equal(t->nrows, 34);
    assert_int_equal(t->rows[0].seq, 1);
    assert_int_equal(t->rows[33].seq, 34);
    int oc = ys_table_col(t, "out_item");
    assert_string_equal(t->rows[21].cells[oc].text, "二十二、国有资本经营预算支出");
    assert_string_equal(t->rows[30].cells[oc].text, "三十一、人行科目");
    /* total 261.50 − carry-over 2.00: this year 259.50 (GPB 255.50 + 单位资金 4.00) */
    assert_int_equal(side(t, "in_item", "一、一般公共预算拨款收入", "in_amount"), W(25550));
    assert_int_equal(side(t, "in_item", "二、政府性基金预算拨款收入", "in_amount"), -1);
    assert_int_equal(side(t, "in_item", "五、单位资金", "in_amount"), W(400));
    assert_int_equal(side(t, "in_item", "本年收入合计", "in_amount"), W(25950));
    assert_int_equal(side(t, "in_item", "上年结转结余", "in_amount"), W(200));
    assert_int_equal(side(t, "in_item", "收入总计", "in_amount"), W(26150));
    assert_int_equal(side(t, "out_item", "八、社会保障和就业支出", "out_amount"), W(24350));
    assert_int_equal(side(t, "out_item", "十、卫生健康支出", "out_amount"), W(600));
    assert_int_equal(side(t, "out_item", "二十、住房保障支出", "out_amount"), W(1200));
    assert_int_equal(side(t, "out_item", "一、一般公共服务支出", "out_amount"), -1);
    assert_int_equal(side(t, "out_item", "本年支出合计", "out_amount"), W(26150));
    assert_int_equal(side(t, "out_item", "年终结转结余", "out_amount"), -1);
    assert_int_equal(side(t, "out_item", "支出总计", "out_amount"), W(26150));
    ys_disclosure_free(d);
    budget_free(b);
    ys_catalog_free(cat);
}

static void test_income_expense(void **state)
{
    (void)state;
    ys_catalog *cat = catalog();
    ys_budget *b = sample();
    ys_disclosure *d = derive(b, cat);
    char buf[512];
    const ys_table *in = ys_disclosure_table(d, YS_TABLE_INCOME);
    assert_string_equal(codes(in, buf, sizeof buf),
                        "合计 208 20801 2080101 2080109 2080199 20805 2080505 210 21011 2101101 221 22102 2210201");
    assert_int_equal(in->rows[0].seq, 1);
    assert_string_equal(in->rows[0].code, "");
    assert_int_equal(in->rows[3].seq, 4);
    assert_string_equal(in->rows[3].name, "行政运行");
    assert_int_equal(cell(in, "合计", "total"), W(26150));
    assert_int_equal(cell(in, "合计", "subtotal"), W(25950));
    assert_int_equal(cell(in, "合计", "fiscal"), W(25550));
    assert_int_equal(cell(in, "合计", "business"), W(400));
    assert_int_equal(cell(in, "合计", "carryover"), W(200));
    assert_int_equal(cell(in, "合计", "special"), -1);
    assert_int_equal(cell(in, "208", "total"), W(24350));
    assert_int_equal(cell(in, "20801", "total"), W(22350));
    assert_int_equal(cell(in, "2080101", "total"), W(11800));
    assert_int_equal(cell(in, "2080109", "total"), W(9400));
    assert_int_equal(cell(in, "2080109", "subtotal"), W(9200));
    assert_int_equal(cell(in, "2080109", "fiscal"), W(8800));
    assert_int_equal(cell(in, "2080109", "business"), W(400));
    assert_int_equal(cell(in, "2080109", "carryover"), W(200));
    assert_int_equal(cell(in, "2080199", "total"), W(1150));
    assert_int_equal(cell(in, "20805", "total"), W(2000));
    assert_int_equal(cell(in, "2101101", "fiscal"), W(600));
    assert_int_equal(cell(in, "2210201", "total"), W(1200));

    const ys_table *ex = ys_disclosure_table(d, YS_TABLE_EXPENSE);
    assert_string_equal(codes(ex, buf, sizeof buf), codes(in, buf + 256, 256));
    assert_int_equal(cell(ex, "合计", "total"), W(26150));
    assert_int_equal(cell(ex, "合计", "basic"), W(24400));
    assert_int_equal(cell(ex, "合计", "project"), W(1750));
    assert_int_equal(cell(ex, "合计", "operating"), -1);
    assert_int_equal(cell(ex, "2080101", "basic"), W(11800));
    assert_int_equal(cell(ex, "2080101", "project"), -1);
    assert_int_equal(cell(ex, "2080109", "basic"), W(8800));
    assert_int_equal(cell(ex, "2080109", "project"), W(600));
    assert_int_equal(cell(ex, "20801", "project"), W(1750));
    assert_int_equal(cell(ex, "2080199", "project"), W(1150));
    ys_disclosure_free(d);
    budget_free(b);
    ys_catalog_free(cat);
}

static void test_fiscal_tables(void **state)
{
    (void)state;
    ys_catalog *cat = catalog();
    ys_budget *b = sample();
    ys_disclosure *d = derive(b, cat);
    char buf[512];
    const ys_table *fs = ys_disclosure_table(d, YS_TABLE_FISCAL_SUMMARY);
    assert_int_equal(fs->nrows, 31 + 6);
    assert_int_equal(side(fs, "in_item", "本年收入合计", "in_amount"), W(25550));
    assert_int_equal(side(fs, "in_item", "年初财政拨款结转和结余", "in_amount"), -1);
    assert_int_equal(side(fs, "in_item", "收入总计", "in_amount"), W(25550));
    assert_int_equal(side(fs, "out_item", "八、社会保障和就业支出", "out_total"), W(23750));
    assert_int_equal(side(fs, "out_item", "八、社会保障和就业支出", "out_gpb"), W(23750));
    assert_int_equal(side(fs, "out_item", "八、社会保障和就业支出", "out_gov_fund"), -1);
    assert_int_equal(side(fs, "out_item", "支出总计", "out_total"), W(25550));
    assert_int_equal(side(fs, "out_item", "支出总计", "out_gpb"), W(25550));

    const ys_table *g = ys_disclosure_table(d, YS_TABLE_GPB_EXPENSE);
    assert_string_equal(codes(g, buf, sizeof buf),
                        "合计 208 20801 2080101 2080109 2080199 20805 2080505 210 21011 2101101 221 22102 2210201");
    assert_int_equal(cell(g, "合计", "total"), W(25550));
    assert_int_equal(cell(g, "合计", "basic"), W(24400));
    assert_int_equal(cell(g, "合计", "project"), W(1150));
    assert_int_equal(cell(g, "2080109", "total"), W(8800));
    assert_int_equal(cell(g, "2080109", "project"), -1);

    const ys_table *gb = ys_disclosure_table(d, YS_TABLE_GPB_BASIC);
    assert_string_equal(codes(gb, buf, sizeof buf), "合计 301 30101 30108 30110 30113 302 30201 30215 30231");
    assert_string_equal(gb->rows[1].name, "工资福利支出");
    assert_int_equal(cell(gb, "合计", "total"), W(24400));
    assert_int_equal(cell(gb, "合计", "personnel"), W(21800));
    assert_int_equal(cell(gb, "合计", "public"), W(2600));
    assert_int_equal(cell(gb, "301", "personnel"), W(21800));
    assert_int_equal(cell(gb, "301", "public"), -1);
    assert_int_equal(cell(gb, "30101", "total"), W(18000));
    assert_int_equal(cell(gb, "302", "public"), W(2600));
    assert_int_equal(cell(gb, "30201", "public"), W(1800));
    assert_int_equal(cell(gb, "30215", "public"), W(300));
    assert_int_equal(cell(gb, "30231", "total"), W(500));

    /* empty fiscal tables: a 合计 row without money and the 空表 note naming the fund */
    const ys_table *gf = ys_disclosure_table(d, YS_TABLE_GOV_FUND);
    assert_int_equal(gf->nrows, 1);
    assert_int_equal(cell(gf, "合计", "total"), -1);
    assert_string_equal(gf->note, ys_text_normalize(d->arena, "注：无政府性基金预算财政拨款预算，空表列示。", strlen("注：无政府性基金预算财政拨款预算，空表列示。")));
    const ys_table *so = ys_disclosure_table(d, YS_TABLE_SOE_CAPITAL);
    assert_non_null(strstr(so->note, "国有资本经营预算"));
    assert_null(g->note);
    ys_disclosure_free(d);
    budget_free(b);
    ys_catalog_free(cat);
}

static void test_three_public_and_running_costs(void **state)
{
    (void)state;
    ys_catalog *cat = catalog();
    ys_budget *b = sample();
    ys_disclosure *d = derive(b, cat);
    const ys_table *t = ys_disclosure_table(d, YS_TABLE_THREE_PUBLIC);
    assert_int_equal(t->nrows, 13);
    assert_null(t->note);
    /* 小计 = 出国 1.50 + 公车 5.00 + 接待 0; 合计 = 小计 + 会议费 3.00 + 培训费 3.00 */
    assert_int_equal(cell(t, "合计", "total"), W(1250));
    assert_int_equal(cell(t, "合计", "gpb"), W(1250));
    assert_int_equal(cell(t, "合计", "gov_fund"), -1);
    assert_int_equal(cell(t, "“三公”经费小计", "total"), W(650));
    assert_int_equal(cell(t, "一、因公出国(境)费", "total"), W(150));
    assert_int_equal(cell(t, "其中：教学科研人员因公出国(境)费", "total"), W(150));
    assert_int_equal(cell(t, "其他因公出国(境)费", "total"), -1);
    assert_int_equal(cell(t, "二、公务用车购置及运维费", "total"), W(500));
    assert_int_equal(cell(t, "其中：公务用车购置费", "total"), -1);
    assert_int_equal(cell(t, "公务用车运行维护费", "gpb"), W(500));
    assert_int_equal(cell(t, "三、公务接待费", "total"), -1);
    assert_int_equal(cell(t, "四、会议费", "total"), W(300));
    assert_int_equal(cell(t, "其中：省属高校业务性会议费", "total"), W(200));
    assert_int_equal(cell(t, "其他会议费", "total"), W(100));
    assert_int_equal(cell(t, "五、培训费", "total"), W(300));

    /* 机关运行经费: 公用经费 of the 行政 unit only (the 事业 unit's 8.00 is not in it) */
    const ys_section *s = section(d, "三");
    assert_int_equal(s->figures[0].amount, W(1800));
    assert_non_null(strstr(s->figures[0].label, "机关运行经费"));
    assert_int_equal(figure(s, "其中：办公费"), W(1000));
    assert_int_equal(figure(s, "会议费"), W(300));
    assert_int_equal(figure(s, "公务用车运行维护费"), W(500));
    assert_int_equal(s->nfigures, 4);
    ys_disclosure_free(d);
    budget_free(b);
    ys_catalog_free(cat);
}

static void test_other_tables_and_projects(void **state)
{
    (void)state;
    ys_catalog *cat = catalog();
    ys_budget *b = sample();
    ys_disclosure *d = derive(b, cat);
    const ys_table *a = ys_disclosure_table(d, YS_TABLE_ASSETS);
    assert_int_equal(a->nrows, 6);
    assert_int_equal(cell(a, "资产总额", "value"), W(54500));   /* 房屋 + 车辆 + 其他, not 办公用房 */
    assert_int_equal(cell(a, "1、房屋(平方米)", "value"), W(50000));
    assert_int_equal(a->rows[1].cells[ys_table_col(a, "quantity")].qty, 1000);
    assert_int_equal(cell(a, "3、单价在20万元以上的设备", "value"), -1);

    const ys_table *p = ys_disclosure_table(d, YS_TABLE_PROCUREMENT);
    assert_int_equal(p->nrows, 0);
    assert_non_null(strstr(p->note, "涉密采购"));
    assert_non_null(strstr(p->note, "无政府采购预算"));

    const ys_table *o = ys_disclosure_table(d, YS_TABLE_ORGANISATION);
    assert_int_equal(o->nrows, 2);
    assert_string_equal(o->rows[0].name, UNIT_A);
    assert_string_equal(o->rows[0].cells[ys_table_col(o, "unit_type")].text, "行政");
    assert_string_equal(o->rows[1].cells[ys_table_col(o, "unit_type")].text, "事业");
    assert_string_equal(o->rows[1].cells[ys_table_col(o, "funding")].text, "财政性资金基本保证");

    assert_int_equal(d->nprojects, 2);
    const ys_project *p1 = &d->projects[0], *p2 = &d->projects[1];
    assert_string_equal(p1->code, "P1");
    assert_int_equal(p1->seq, 1);
    assert_string_equal(p1->title, "1、就业创业服务绩效目标表");
    assert_int_equal(p1->budget.money, W(1150));
    assert_int_equal(p1->fiscal.money, W(1150));
    assert_int_equal(p1->other.kind, YS_CELL_EMPTY);
    assert_int_equal(p2->budget.money, W(600));
    assert_int_equal(p2->fiscal.kind, YS_CELL_EMPTY);
    assert_int_equal(p2->other.money, W(600));
    assert_int_equal(p1->nschedule, 4);
    assert_string_equal(p1->schedule[3].label, "12月底");
    assert_int_equal(p1->schedule[3].value.money, W(1150));
    assert_int_equal(p1->nindicators, 6);
    assert_string_equal(p1->indicators[3].value, "≤20万元");
    assert_string_equal(p1->goal, "完成年度工作任务");
    ys_disclosure_free(d);
    budget_free(b);
    ys_catalog_free(cat);
}

static void test_narrative(void **state)
{
    (void)state;
    ys_catalog *cat = catalog();
    ys_budget *b = sample();
    ys_disclosure *d = derive(b, cat);
    dump(d);
    assert_int_equal(d->nsections, 12);
    assert_string_equal(d->sections[0].number, "");
    assert_non_null(strstr(d->sections[0].title, "情况说明"));
    const ys_section *s1 = section(d, "一");
    assert_non_null(strstr(s1->text, "负责促进就业创业工作。"));
    assert_non_null(strstr(s1->text, "机构设置:"));
    const ys_section *s2 = section(d, "二");
    assert_int_equal(figure(s2, "2024年预算收入"), W(26150));
    assert_int_equal(figure(s2, "其中:一般公共预算收入"), W(25550));
    assert_int_equal(figure(s2, "政府性基金预算收入"), 0);
    assert_int_equal(figure(s2, "其他来源收入"), W(400));
    assert_int_equal(figure(s2, "以前年度结转资金"), W(200));
    assert_int_equal(figure(s2, "2024年支出预算"), W(26150));
    assert_int_equal(figure(s2, "其中基本支出"), W(24400));
    assert_int_equal(figure(s2, "包括人员经费"), W(21800));
    assert_int_equal(figure(s2, "日常公用经费"), W(2600));
    assert_int_equal(figure(s2, "项目支出"), W(1750));
    assert_int_equal(figure(s2, "较2023年预算增加"), W(1150));   /* 261.50 − 250.00 */
    assert_non_null(strstr(s2->text, "主要原因是人员经费增加。"));
    const ys_section *s4 = section(d, "四");
    assert_int_equal(figure(s4, "我部门财政拨款“三公”经费支出预算"), W(650));
    assert_int_equal(figure(s4, "因公出国(境)费"), W(150));
    assert_int_equal(figure(s4, "公务用车购置及运行维护费"), W(500));
    assert_int_equal(figure(s4, "其中:公务用车购置费"), 0);
    assert_int_equal(figure(s4, "公务用车运行维护费"), W(500));
    assert_int_equal(figure(s4, "与上年预算相比减少"), W(40));
    assert_int_equal(figure(s4, "公务接待费"), 0);
    assert_non_null(strstr(s4->text, "原因为从严控制"));
    assert_non_null(strstr(s4->text, "公务接待费0.00万元,与上年一致,无增减变化。"));
    /* abroad: 1.50 this year, 0 last year, no reason given */
    assert_non_null(strstr(s4->text, "因公出国(境)费1.50万元,与上年预算相比增加1.50万元,原因为新增教学科研人员出国交流任务。"));
    assert_non_null(strstr(section(d, "五")->text, "完成年度就业目标。"));
    assert_string_equal(section(d, "六")->text, "无。");
    assert_non_null(strstr(section(d, "八")->text, "无政府采购预算"));
    const ys_section *s9 = section(d, "九");
    assert_int_equal(s9->figures[0].amount, W(54500));
    assert_int_equal(s9->figures[1].amount, 0);
    assert_non_null(strstr(section(d, "十")->text, "机关运行经费:"));
    assert_string_equal(section(d, "十一")->text, "我部门无其他需要说明的事项。");
    /* every figure's text is in its section's text */
    for (size_t i = 0; i < d->nsections; i++)
        for (size_t k = 0; k < d->sections[i].nfigures; k++)
            assert_non_null(strstr(d->sections[i].text, d->sections[i].figures[k].text));
    ys_disclosure_free(d);
    budget_free(b);
    ys_catalog_free(cat);
}

static void test_comparisons_and_toc(void **state)
{
    (void)state;
    ys_catalog *cat = catalog();
    ys_budget *b = sample();
    ys_disclosure *d = derive(b, cat);
    assert_int_equal(d->ncomparisons, 12);
    const ys_comparison *total = &d->comparisons[0], *car_run = NULL, *basic = &d->comparisons[1];
    for (size_t i = 0; i < d->ncomparisons; i++)
        if (!strcmp(d->comparisons[i].item, "car_run")) car_run = &d->comparisons[i];
    assert_string_equal(total->item, "total");
    assert_true(total->has_prior);
    assert_int_equal(total->current, W(26150));
    assert_int_equal(total->prior, W(25000));
    assert_string_equal(total->reason, "人员经费增加");
    assert_false(basic->has_prior);
    assert_int_equal(basic->current, W(24400));
    assert_non_null(car_run);
    assert_int_equal(car_run->current, W(500));
    assert_int_equal(car_run->prior, W(540));
    /* 目录: the nine tables, then the eleven sections */
    assert_int_equal(d->ntoc, 9 + 11);
    assert_int_equal(d->toc[0].table, YS_TABLE_SUMMARY);
    assert_string_equal(d->toc[0].title, "部门预算收支总表");
    assert_int_equal(d->toc[8].table, YS_TABLE_THREE_PUBLIC);
    assert_int_equal(d->toc[9].table, YS_TABLE_NONE);
    assert_string_equal(d->toc[9].title, "一、部门职责及机构设置情况");
    assert_string_equal(d->toc[19].title, "十一、其他需要说明的事项");
    ys_disclosure_free(d);
    budget_free(b);
    ys_catalog_free(cat);
}

/* ys_check_run on a derived disclosure: no error at all, no warning of the identity families. */
/* No error and no identity warning, except at most `except_max` findings of rule `except` (NULL: none)
 * whose message contains `except_text`. */
static void assert_clean_except(const ys_disclosure *d, const ys_catalog *cat, const char *except,
                                const char *except_text, size_t except_max)
{
    ys_findings f;
    ys_findings_init(&f);
    ys_check_run(d, cat, NULL, &f);
    size_t bad = 0;
    for (size_t i = 0; i < f.count; i++) {
        const ys_finding *fd = &f.items[i];
        const ys_rule *r = ys_rules_find(fd->rule);
        const char *fam = r ? r->family : "";
        bool identity = !strcmp(fam, "table") || !strcmp(fam, "hierarchy") || !strcmp(fam, "cross") ||
                        !strcmp(fam, "text") || !strcmp(fam, "completeness");
        if (except && !strcmp(fd->rule, except) && strstr(fd->message, except_text) && except_max > 0) {
            printf("tolerated finding %s [%s]: %s\n", fd->rule, ys_severity_name(fd->severity), fd->message);
            except_max--;
        } else if (fd->severity == YS_SEV_ERROR || (fd->severity == YS_SEV_WARNING && identity)) {
            printf("unexpected finding %s [%s]: %s\n", fd->rule, ys_severity_name(fd->severity), fd->message);
            bad++;
        } else if (getenv("DERIVE_DUMP")) {
            printf("finding %s [%s]: %s\n", fd->rule, ys_severity_name(fd->severity), fd->message);
        }
    }
    ys_findings_release(&f);
    assert_int_equal(bad, 0);
}

static void assert_clean(const ys_disclosure *d, const ys_catalog *cat)
{
    assert_clean_except(d, cat, NULL, NULL, 0);
}

static void test_check_clean(void **state)
{
    (void)state;
    ys_catalog *cat = catalog();
    ys_budget *b = sample();
    ys_disclosure *d = derive(b, cat);
    assert_clean(d, cat);
    /* the rules do look: one broken cell gives an error */
    ys_table *t = ys_disclosure_table(d, YS_TABLE_GPB_EXPENSE);
    ys_cell_set_money(&t->rows[0].cells[ys_table_col(t, "total")], W(1), 2);
    ys_findings f;
    ys_findings_init(&f);
    ys_check_run(d, cat, NULL, &f);
    size_t errors = 0;
    for (size_t i = 0; i < f.count; i++) errors += f.items[i].severity == YS_SEV_ERROR;
    assert_true(errors > 0);
    ys_findings_release(&f);
    ys_disclosure_free(d);
    budget_free(b);
    ys_catalog_free(cat);
}

/* A budget with other funds, a fiscal carry-over, procurement and no prior figures stays clean too. */
static void test_check_clean_variants(void **state)
{
    (void)state;
    ys_catalog *cat = catalog();
    ys_budget *b = sample();
    b->prior[0].item = "none";   /* no prior total: no 比上年增减情况 */
    assert_string_equal(b->prior[5].item, "reception");
    b->prior[5].reason = "新增接待任务";
    line(b, UNIT_A, "2080101", "30217", YS_FUND_GOV, YS_SPEND_PROJECT, "P1", 250);
    line(b, UNIT_B, "2080109", "31013", YS_FUND_SPECIAL, YS_SPEND_PROJECT, "P2", 1000);
    ys_cell_set_money(&b->projects[0].schedule[3].value, W(1400), 2);
    b->projects[0].schedule[3].value.text = "14.00";
    ys_cell_set_money(&b->projects[1].schedule[3].value, W(1600), 2);
    b->projects[1].schedule[3].value.text = "16.00";
    ys_budget_procurement *p = &b->procurement[b->nprocurement++];
    p->project = "社保经办服务";
    p->item = "台式计算机";
    p->catalog_no = "A02010104";
    p->measure = "台";
    p->quantity = 2;
    p->price = W(60);
    p->fund = YS_FUND_SPECIAL;
    p->amount = W(120);
    p->sme = W(120);
    b->planned_purchases = W(120);
    ys_disclosure *d = derive(b, cat);
    const ys_table *gf = ys_disclosure_table(d, YS_TABLE_GOV_FUND);
    assert_null(gf->note);
    assert_int_equal(cell(gf, "2080101", "project"), W(250));
    const ys_table *tp = ys_disclosure_table(d, YS_TABLE_THREE_PUBLIC);
    assert_int_equal(cell(tp, "三、公务接待费", "gov_fund"), W(250));
    assert_int_equal(cell(tp, "其中：公务用车购置费", "total"), -1);   /* 财政专户 is not 财政拨款 */
    const ys_table *pt = ys_disclosure_table(d, YS_TABLE_PROCUREMENT);
    assert_int_equal(pt->nrows, 2);
    assert_int_equal(cell(pt, "合计", "total"), W(120));
    assert_int_equal(cell(pt, "合计", "special"), W(120));
    assert_null(strstr(pt->note, "空表"));
    assert_int_equal(figure(section(d, "八"), "2024年本部门政府采购预算总额"), W(120));
    assert_null(strstr(section(d, "二")->text, "比上年"));
    assert_clean(d, cat);
    ys_disclosure_free(d);
    budget_free(b);
    ys_catalog_free(cat);
}

/* The amount of the first line labelled `label` below the line labelled `after` (a carry-over line of
 * the 财政拨款收支总表 has the same label as this year's); -1 when empty. */
static ys_money side_after(const ys_table *t, const char *after, const char *label, const char *key)
{
    int lc = ys_table_col(t, "in_item"), col = ys_table_col(t, key);
    assert_true(lc >= 0 && col >= 0);
    bool below = false;
    for (size_t i = 0; i < t->nrows; i++) {
        const char *txt = t->rows[i].cells[lc].text;
        if (below && ys_text_same(txt, label)) {
            const ys_cell *c = &t->rows[i].cells[col];
            return c->kind == YS_CELL_EMPTY ? -1 : c->money;
        }
        below |= ys_text_same(txt, after);
    }
    fail_msg("no line %s below %s", label, after);
    return 0;
}

/*
 * 上年结转 of every fund: how carry-over appears in each standard table. 收支总表: this year's income
 * lines by fund (本年收入合计) and one 上年结转结余 line for all carry-over; 财政拨款收支总表: this year's
 * 财政拨款 by fund, then 年初财政拨款结转和结余 with its own lines by fund (财政专户 and 单位资金 are not
 * 财政拨款); the expense side and the 财政拨款 expense tables spend this year's money and the carry-over
 * alike. So 一般公共预算财政拨款支出表 合计 = 一般公共预算拨款收入 (this year, = 收支总表) + its 年初结转
 * (R29 with carry-over), = the 一般公共预算 column of the 财政拨款收支总表 (R30); 收入总计 = 支出总计 in both.
 */
static void test_carryover(void **state)
{
    (void)state;
    ys_catalog *cat = catalog();
    ys_budget *b = sample();
    line(b, UNIT_A, "2080199", "30299", YS_FUND_GPB, YS_SPEND_PROJECT, "P1", 500)->carryover = true;
    line(b, UNIT_A, "2080199", "30299", YS_FUND_GOV, YS_SPEND_PROJECT, "P1", 100)->carryover = true;
    line(b, UNIT_A, "2080199", "30299", YS_FUND_SOE, YS_SPEND_PROJECT, "P1", 50)->carryover = true;
    line(b, UNIT_B, "2080109", "30227", YS_FUND_SPECIAL, YS_SPEND_PROJECT, "P2", 30)->carryover = true;
    ys_cell_set_money(&b->projects[0].schedule[3].value, W(1800), 2);
    b->projects[0].schedule[3].value.text = "18.00";
    ys_cell_set_money(&b->projects[1].schedule[3].value, W(630), 2);
    b->projects[1].schedule[3].value.text = "6.30";
    ys_disclosure *d = derive(b, cat);

    /* 收支总表: carry-over of every fund on its own line, never in 一般公共预算拨款收入 */
    const ys_table *s = ys_disclosure_table(d, YS_TABLE_SUMMARY);
    assert_int_equal(side(s, "in_item", "一、一般公共预算拨款收入", "in_amount"), W(25550));
    assert_int_equal(side(s, "in_item", "二、政府性基金预算拨款收入", "in_amount"), -1);
    assert_int_equal(side(s, "in_item", "本年收入合计", "in_amount"), W(25950));
    assert_int_equal(side(s, "in_item", "上年结转结余", "in_amount"), W(880));
    assert_int_equal(side(s, "in_item", "收入总计", "in_amount"), W(26830));
    assert_int_equal(side(s, "out_item", "本年支出合计", "out_amount"), W(26830));
    assert_int_equal(side(s, "out_item", "支出总计", "out_amount"), W(26830));

    /* 财政拨款收支总表: this year's 财政拨款 above 本年收入合计, the 财政拨款 carry-over by fund below
     * 年初财政拨款结转和结余; the expense columns spend both */
    const ys_table *fs = ys_disclosure_table(d, YS_TABLE_FISCAL_SUMMARY);
    assert_int_equal(side(fs, "in_item", "一、一般公共预算拨款", "in_amount"), W(25550));
    assert_int_equal(side(fs, "in_item", "二、政府性基金预算拨款", "in_amount"), -1);
    assert_int_equal(side(fs, "in_item", "本年收入合计", "in_amount"), W(25550));
    assert_int_equal(side(fs, "in_item", "年初财政拨款结转和结余", "in_amount"), W(650));
    assert_int_equal(side_after(fs, "年初财政拨款结转和结余", "一、一般公共预算拨款", "in_amount"), W(500));
    assert_int_equal(side_after(fs, "年初财政拨款结转和结余", "二、政府性基金预算拨款", "in_amount"), W(100));
    assert_int_equal(side_after(fs, "年初财政拨款结转和结余", "三、国有资本经营预算拨款", "in_amount"), W(50));
    assert_int_equal(side(fs, "in_item", "收入总计", "in_amount"), W(26200));
    assert_int_equal(side(fs, "out_item", "本年支出合计", "out_total"), W(26200));
    assert_int_equal(side(fs, "out_item", "支出总计", "out_total"), W(26200));
    assert_int_equal(side(fs, "out_item", "支出总计", "out_gpb"), W(26050));
    assert_int_equal(side(fs, "out_item", "支出总计", "out_gov_fund"), W(100));
    assert_int_equal(side(fs, "out_item", "支出总计", "out_soe"), W(50));

    /* the 财政拨款 expense tables: this year's money and its carry-over */
    const ys_table *g = ys_disclosure_table(d, YS_TABLE_GPB_EXPENSE);
    assert_int_equal(cell(g, "合计", "total"), W(25550) + W(500));
    assert_int_equal(cell(g, "合计", "project"), W(1150) + W(500));
    const ys_table *gf = ys_disclosure_table(d, YS_TABLE_GOV_FUND);
    assert_int_equal(cell(gf, "合计", "total"), W(100));
    assert_null(gf->note);
    const ys_table *so = ys_disclosure_table(d, YS_TABLE_SOE_CAPITAL);
    assert_int_equal(cell(so, "2080199", "project"), W(50));
    assert_null(so->note);

    /* 收入总表: every fund's carry-over in 上年结转, none in 本年收入 */
    const ys_table *in = ys_disclosure_table(d, YS_TABLE_INCOME);
    assert_int_equal(cell(in, "合计", "carryover"), W(880));
    assert_int_equal(cell(in, "合计", "subtotal"), W(25950));
    assert_int_equal(cell(in, "合计", "fiscal"), W(25550));
    assert_int_equal(cell(in, "合计", "special"), -1);
    assert_int_equal(cell(in, "2080199", "carryover"), W(650));

    /* the rules agree: R29 counts the 年初一般公共预算结转 into the gpb_expense 合计 */
    assert_clean(d, cat);
    ys_disclosure_free(d);
    budget_free(b);
    ys_catalog_free(cat);
}

static void test_bad_template_id(void **state)
{
    (void)state;
    ys_budget *b = sample();
    b->template_id = "../../etc/passwd";
    ys_disclosure *d = NULL;
    ys_diags dg;
    ys_diags_init(&dg);
    assert_int_not_equal(ys_derive(b, NULL, &d, &dg), YS_OK);
    assert_null(d);
    assert_true(dg.errors > 0);
    ys_diags_release(&dg);
    b->template_id = "no-such-template";
    ys_diags_init(&dg);
    assert_int_equal(ys_derive(b, NULL, &d, &dg), YS_ERR_IO);
    ys_diags_release(&dg);
    budget_free(b);
}

int main(void)
{
    setenv("YUSUAN_DATA", "data", 0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_meta_and_titles),
        cmocka_unit_test(test_summary),
        cmocka_unit_test(test_income_expense),
        cmocka_unit_test(test_fiscal_tables),
        cmocka_unit_test(test_three_public_and_running_costs),
        cmocka_unit_test(test_other_tables_and_projects),
        cmocka_unit_test(test_narrative),
        cmocka_unit_test(test_comparisons_and_toc),
        cmocka_unit_test(test_check_clean),
        cmocka_unit_test(test_check_clean_variants),
        cmocka_unit_test(test_carryover),
        cmocka_unit_test(test_bad_template_id),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
