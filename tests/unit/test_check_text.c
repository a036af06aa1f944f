/*
 * test_check_text.c — rule family "text" (R41–R48): the narrative's figures against small tables built
 * with the model API. Clean text → no finding (including "124.4万元" against 124.40, R51); one figure
 * changed → exactly one finding at that figure with expected/actual.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "check/check.h"

static const ys_source nosrc = {NULL, 0, 0, NULL};

static size_t count_rule(const ys_findings *f, const char *rule, int sev)
{
    size_t n = 0;
    for (size_t i = 0; i < f->count; i++)
        if (!f->items[i].folded && strcmp(f->items[i].rule, rule) == 0 && (sev < 0 || (int)f->items[i].severity == sev)) n++;
    return n;
}

static void run(const ys_disclosure *d, const char *rule, ys_findings *f)
{
    const char *only[] = {rule, NULL};
    ys_findings_init(f);
    ys_check_run(d, NULL, only, f);
}

static void set(ys_disclosure *d, ys_row *r, int col, const char *v)
{
    ys_cell_set_printed(d, &r->cells[col], v, YS_UNIT_WANYUAN, nosrc);
}

static ys_figure *fig(ys_disclosure *d, ys_section *s, const char *label, const char *text)
{
    ys_figure *f = ys_section_add_figure(d, s);
    f->label = label;
    f->text = text;
    ys_money v = 0;
    int dec = 0;
    ys_money_parse(text, strcspn(text, "万"), YS_UNIT_WANYUAN, &v, &dec);
    f->amount = v;
    f->unit = YS_UNIT_WANYUAN;
    f->decimals = dec;
    f->context = label;
    return f;
}

/* Tables of the sample (totals only) and its 二/三/四 sections; `basic` and `public_cost` vary. */
static ys_disclosure *sample(const char *basic_text, const char *public_text, const char *car_text)
{
    ys_disclosure *d = ys_disclosure_new("t.txt");
    d->meta.unit = YS_UNIT_WANYUAN;
    ys_column ec[] = {{"合计", "total", YS_COL_MONEY}, {"基本支出", "basic", YS_COL_MONEY}, {"项目支出", "project", YS_COL_MONEY}};
    ys_table *e = ys_disclosure_add_table(d, YS_TABLE_EXPENSE, "支出总表", 3, ec);
    e->unit = YS_UNIT_WANYUAN;
    ys_row *r = ys_table_add_row(d, e, 1, "", "合计");
    set(d, r, 0, "34063.09"), set(d, r, 1, "1443.71"), set(d, r, 2, "32619.38");
    r = ys_table_add_row(d, e, 2, "2080101", "行政运行");
    set(d, r, 0, "509.30"), set(d, r, 1, "509.30");
    ys_column bc[] = {{"合计", "total", YS_COL_MONEY}, {"人员经费", "personnel", YS_COL_MONEY}, {"公用经费", "public", YS_COL_MONEY}};
    ys_table *b = ys_disclosure_add_table(d, YS_TABLE_GPB_BASIC, "基本支出表", 3, bc);
    b->unit = YS_UNIT_WANYUAN;
    r = ys_table_add_row(d, b, 1, "", "合计");
    set(d, r, 0, "1443.71"), set(d, r, 1, "1319.31"), set(d, r, 2, "124.40");
    ys_column tc[] = {{"合计", "total", YS_COL_MONEY}};
    ys_table *t = ys_disclosure_add_table(d, YS_TABLE_THREE_PUBLIC, "三公", 1, tc);
    t->unit = YS_UNIT_WANYUAN;
    set(d, ys_table_add_row(d, t, 2, "", "“三公”经费小计"), 0, "11.10");
    ys_table_add_row(d, t, 3, "", "一、因公出国(境)费");
    set(d, ys_table_add_row(d, t, 6, "", "二、公务用车购置及运维费"), 0, "11.10");
    ys_table_add_row(d, t, 7, "", "其中:公务用车购置费");
    set(d, ys_table_add_row(d, t, 8, "", "公务用车运行维护费"), 0, "11.10");
    ys_table_add_row(d, t, 9, "", "三、公务接待费");

    ys_section *s = ys_disclosure_add_section(d, "二", "部门预算安排的总体情况");
    s->text = "2024年支出预算34063.09万元。";
    fig(d, s, "2024年支出预算", "34063.09万元");
    fig(d, s, "其中基本支出", basic_text);
    fig(d, s, "包括人员经费", "1319.31万元");
    fig(d, s, "日常公用经费", public_text);
    fig(d, s, "项目支出", "32619.38万元");
    fig(d, s, "较2023年预算增加", "3220.91万元");
    fig(d, s, "其中项目支出增加", "3187.4万元");
    s = ys_disclosure_add_section(d, "三", "机关运行经费安排情况");
    fig(d, s, "我局机关运行经费共计安排", "69.4万元");
    fig(d, s, "其中:办公费", "5.15万元");
    fig(d, s, "水费", "1万元");
    fig(d, s, "邮电费", "14.5万元");
    fig(d, s, "其他商品和服务费用", "48.75万元");
    s = ys_disclosure_add_section(d, "四", "财政拨款“三公”经费预算情况及增减变化原因");
    s->text = "2024年，我部门财政拨款“三公”经费支出预算11.1万元。其中：\n1、因公出国（境）费0万元，与上年一致，无增减变化。\n"
              "2、公务用车购置及运行维护费11.1万元，与上年预算相比减少0.4万元，原因为从严控制“三公”经费开支。\n"
              "3、公务接待费0万元，与上年一致，无增减变化。";
    fig(d, s, "我部门财政拨款“三公”经费支出预算", "11.1万元");
    fig(d, s, "因公出国(境)费", "0万元");
    fig(d, s, "公务用车购置及运行维护费", car_text);
    fig(d, s, "与上年预算相比减少", "0.4万元");
    fig(d, s, "公务接待费", "0万元");
    return d;
}

static void test_clean(void **state)
{
    (void)state;
    ys_disclosure *d = sample("1443.71万元", "124.4万元", "11.1万元");
    const char *only[] = {"R41", "R42", "R43", "R44", "R45", "R46", "R47", "R48", NULL};
    ys_findings f;
    ys_findings_init(&f);
    ys_check_run(d, NULL, only, &f);
    for (size_t i = 0; i < f.count; i++) print_message("unexpected %s: %s\n", f.items[i].rule, f.items[i].message);
    assert_int_equal(f.count, 0);
    ys_findings_release(&f);
    ys_disclosure_free(d);
}

static void test_r41(void **state)
{
    (void)state;
    ys_findings f;
    ys_disclosure *d = sample("1443.17万元", "124.4万元", "11.1万元");   /* basic differs from the table and 人员+公用 */
    run(d, "R41", &f);
    /* one root cause: the figure against its table; 基本 ≠ 人员 + 公用 follows from it and is not repeated */
    assert_int_equal(count_rule(&f, "R41", YS_SEV_ERROR), 1);
    assert_int_equal(f.items[0].at.table, YS_TABLE_NARRATIVE);
    assert_int_equal(f.items[0].expected, 1443710000);
    assert_int_equal(f.items[0].actual, 1443170000);
    ys_findings_release(&f);
    ys_disclosure_free(d);
    d = sample("1443.71万元", "124.5万元", "11.1万元");   /* 公用 beyond the envelope of "124.5" */
    run(d, "R41", &f);
    assert_int_equal(count_rule(&f, "R41", YS_SEV_ERROR), 1);   /* vs the table; the text sum follows from it */
    ys_findings_release(&f);
    ys_disclosure_free(d);
}

/* A 决算's 收支总表 ends with 总计 | 总计 (本年收入合计 + 年初结转和结余 = 本年支出合计 + 年末结转和结余): the
 * text's "收入支出总计" is that row, not 本年支出合计. */
static void test_r41_final_total(void **state)
{
    (void)state;
    const char *cases[][2] = {{"9859.38万元", "0"}, {"9800.00万元", "1"}};
    for (size_t k = 0; k < 2; k++) {
        ys_disclosure *d = ys_disclosure_new("t.txt");
        d->meta.unit = YS_UNIT_WANYUAN;
        d->meta.kind = YS_KIND_FINAL;
        ys_column sc[] = {{"项目", "in_item", YS_COL_LABEL}, {"决算数", "in_amount", YS_COL_MONEY},
                          {"项目", "out_item", YS_COL_LABEL}, {"决算数", "out_amount", YS_COL_MONEY}};
        ys_table *t = ys_disclosure_add_table(d, YS_TABLE_SUMMARY, "收入支出决算总表", 4, sc);
        t->unit = YS_UNIT_WANYUAN;
        ys_row *r = ys_table_add_row(d, t, -1, "", "");
        ys_cell_set_printed(d, &r->cells[0], "本年收入合计", YS_UNIT_WANYUAN, nosrc), set(d, r, 1, "9746.50");
        ys_cell_set_printed(d, &r->cells[2], "本年支出合计", YS_UNIT_WANYUAN, nosrc), set(d, r, 3, "9759.38");
        r = ys_table_add_row(d, t, -1, "", "");
        ys_cell_set_printed(d, &r->cells[0], "总计", YS_UNIT_WANYUAN, nosrc), set(d, r, 1, "9859.38");
        ys_cell_set_printed(d, &r->cells[2], "总计", YS_UNIT_WANYUAN, nosrc), set(d, r, 3, "9859.38");
        ys_section *s = ys_disclosure_add_section(d, "一", "收入支出决算总体情况说明");
        fig(d, s, "2024年度收入支出总计", cases[k][0]);
        ys_findings f;
        run(d, "R41", &f);
        assert_int_equal(count_rule(&f, "R41", YS_SEV_ERROR), cases[k][1][0] - '0');
        ys_findings_release(&f);
        ys_disclosure_free(d);
    }
}

/* R48: the same words in two sentences, each qualified by its own clause, are two amounts; the same words
 * unqualified (or qualified alike) are one amount stated twice. */
static void test_r48_qualified(void **state)
{
    (void)state;
    for (int same = 0; same < 2; same++) {
        ys_disclosure *d = ys_disclosure_new("t.txt");
        d->meta.unit = YS_UNIT_WANYUAN;
        ys_section *s = ys_disclosure_add_section(d, "二", "政府采购情况");
        ys_figure *f = fig(d, s, "采购金额", "225.10万元");
        f->context = "在面向中小企业预留的政府采购项目中,由中小企业供应商中标或成交的,采购金额225.10万元;";
        f = fig(d, s, "采购金额", "164.87万元");
        f->context = same ? "在面向中小企业预留的政府采购项目中,由中小企业供应商中标或成交的,采购金额164.87万元;"
                          : "在面向小微企业预留政府采购项目中,由小微企业供应商中标或成交的,采购金额164.87万元;";
        ys_findings fs;
        run(d, "R48", &fs);
        assert_int_equal(count_rule(&fs, "R48", YS_SEV_WARNING), same);
        ys_findings_release(&fs);
        ys_disclosure_free(d);
    }
}

/* R42: "持平" of an item after 其中 does not contradict the total's change; of the total itself it does. */
static void test_r42_flat_item(void **state)
{
    (void)state;
    static const char *const text[] = {
        "2024年“三公”经费支出预算比上年减少0.4万元，下降3.5%，主要原因是从严控制，其中：因公出国（境）费与上年持平。",
        "2024年“三公”经费支出预算与上年持平，减少0.4万元，主要原因是从严控制。",
    };
    for (int k = 0; k < 2; k++) {
        ys_disclosure *d = sample("1443.71万元", "124.4万元", "11.1万元");
        d->sections[2].text = text[k];
        ys_findings f;
        run(d, "R42", &f);
        size_t n = 0;
        for (size_t i = 0; i < f.count; i++)
            if (f.items[i].severity == YS_SEV_ERROR && strstr(f.items[i].message, "既说持平")) n++;
        assert_int_equal(n, (size_t)k);
        ys_findings_release(&f);
        ys_disclosure_free(d);
    }
}

/* R46: template residue with either direction word first. */
static void test_r46_residue_orders(void **state)
{
    (void)state;
    static const char *const text[] = {"“三公”经费比上年减少0.15万元，下降(增长)27.78%。",
                                       "“三公”经费比上年增加(减少)0.15万元。", "“三公”经费比上年减少0.15万元，下降27.78%。"};
    for (int k = 0; k < 3; k++) {
        ys_disclosure *d = sample("1443.71万元", "124.4万元", "11.1万元");
        d->sections[2].text = text[k];
        ys_findings f;
        run(d, "R46", &f);
        size_t n = 0;
        for (size_t i = 0; i < f.count; i++) n += strstr(f.items[i].message, "模板残留") != NULL;
        assert_int_equal(n, k < 2 ? 1 : 0);
        ys_findings_release(&f);
        ys_disclosure_free(d);
    }
}

static void test_r42_r43(void **state)
{
    (void)state;
    ys_findings f;
    ys_disclosure *d = sample("1443.71万元", "124.4万元", "12.1万元");
    run(d, "R42", &f);
    assert_int_equal(count_rule(&f, "R42", YS_SEV_ERROR), 1);
    assert_int_equal(f.items[0].expected, 11100000);
    assert_int_equal(f.items[0].actual, 12100000);
    ys_findings_release(&f);
    /* 减少 without a reason: warning */
    d->sections[2].text = "2、公务用车购置及运行维护费11.1万元，与上年预算相比减少0.4万元。";
    run(d, "R42", &f);
    assert_int_equal(count_rule(&f, "R42", YS_SEV_WARNING), 1);
    ys_findings_release(&f);
    ys_disclosure_free(d);

    d = sample("1443.71万元", "124.4万元", "11.1万元");
    /* parts now 71.40: beyond the envelope (0.61: "1万元" alone may stand for 0.50…1.49) */
    d->sections[1].figures[4].amount = 50750000;
    d->sections[1].figures[4].text = "50.75万元";
    run(d, "R43", &f);
    assert_int_equal(count_rule(&f, "R43", YS_SEV_ERROR), 1);
    assert_int_equal(f.items[0].expected, 71400000);
    assert_int_equal(f.items[0].actual, 69400000);
    ys_findings_release(&f);
    d->sections[1].figures[0].amount = 130000000;   /* 机关运行经费 130 > 公用经费 124.40 */
    d->sections[1].figures[0].text = "130万元";
    d->sections[1].figures[4].amount = 109350000;   /* parts agree again: 5.15 + 1 + 14.5 + 109.35 = 130 */
    run(d, "R43", &f);
    assert_int_equal(count_rule(&f, "R43", YS_SEV_ERROR), 1);
    assert_non_null(strstr(f.items[0].message, "公用经费"));
    ys_findings_release(&f);
    ys_disclosure_free(d);
}

static void test_r44_to_r48(void **state)
{
    (void)state;
    ys_findings f;
    ys_disclosure *d = sample("1443.71万元", "124.4万元", "11.1万元");
    ys_section *s = &d->sections[0];
    fig(d, s, "行政运行", "509.3万元");
    run(d, "R44", &f);
    assert_int_equal(f.count, 0);
    ys_findings_release(&f);
    fig(d, s, "其中2080101行政运行", "590.30万元");
    run(d, "R44", &f);
    assert_int_equal(count_rule(&f, "R44", YS_SEV_ERROR), 1);
    assert_string_equal(f.items[0].locs[1].code, "2080101");
    ys_findings_release(&f);

    s->text = "支出比上年增加（减少）3万元。项目支出占总支出的比重为95.7。";
    run(d, "R46", &f);
    assert_int_equal(count_rule(&f, "R46", YS_SEV_WARNING), 1);
    ys_findings_release(&f);
    run(d, "R47", &f);
    assert_int_equal(count_rule(&f, "R47", YS_SEV_WARNING), 1);
    ys_findings_release(&f);

    fig(d, s, "2024年项目支出", "32619.83万元");   /* stated again, differently */
    run(d, "R48", &f);
    assert_int_equal(count_rule(&f, "R48", YS_SEV_WARNING), 1);
    ys_findings_release(&f);

    ys_section *c = ys_disclosure_add_section(d, "五", "变化");
    ys_figure *a = fig(d, c, "本年支出", "120.00万元");
    ys_figure *p = fig(d, c, "比上年", "100.00万元");
    ys_figure *g = fig(d, c, "增加", "30.00万元");
    a->context = p->context = g->context = "本年支出120.00万元，比上年100.00万元增加30.00万元";
    run(d, "R45", &f);
    assert_int_equal(count_rule(&f, "R45", YS_SEV_WARNING), 1);
    assert_int_equal(f.items[0].expected, 20000000);
    ys_findings_release(&f);
    ys_disclosure_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean),
        cmocka_unit_test(test_r41),
        cmocka_unit_test(test_r41_final_total),
        cmocka_unit_test(test_r48_qualified),
        cmocka_unit_test(test_r42_flat_item),
        cmocka_unit_test(test_r46_residue_orders),
        cmocka_unit_test(test_r42_r43),
        cmocka_unit_test(test_r44_to_r48),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
