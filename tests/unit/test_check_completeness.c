/*
 * test_check_completeness.c — rule family "completeness" (REQ-01…12) on small disclosures built with the
 * model API: a complete document gives no finding; each missing part gives exactly one.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
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

static const char *const all_req[] = {"REQ-01", "REQ-02", "REQ-03", "REQ-04", "REQ-05", "REQ-06",
                                      "REQ-07", "REQ-08", "REQ-09", "REQ-10", "REQ-11", "REQ-12", NULL};

static ys_table *table(ys_disclosure *d, ys_table_id id)
{
    ys_column cols[] = {{"合计", "total", YS_COL_MONEY}};
    ys_table *t = ys_disclosure_add_table(d, id, NULL, 1, cols);
    t->unit = YS_UNIT_WANYUAN;
    t->year_text = "2024";
    t->department = "323 测试局";
    return t;
}

static void coded(ys_disclosure *d, ys_table *t, const char *code, const char *amount)
{
    ys_row *r = ys_table_add_row(d, t, -1, code, "科目");
    ys_cell_set_printed(d, &r->cells[0], amount, YS_UNIT_WANYUAN, nosrc);
}

static ys_disclosure *complete(void)
{
    ys_disclosure *d = ys_disclosure_new("t.txt");
    d->meta.year = 2024;
    d->meta.kind = YS_KIND_BUDGET;
    d->meta.unit = YS_UNIT_WANYUAN;
    d->meta.department = "测试局";
    for (int id = YS_TABLE_SUMMARY; id <= YS_TABLE_THREE_PUBLIC; id++) table(d, (ys_table_id)id);
    ys_table *e = d->tables[YS_TABLE_EXPENSE];
    coded(d, e, "208", "10.00"), coded(d, e, "20801", "10.00"), coded(d, e, "2080101", "10.00");
    ys_table *b = d->tables[YS_TABLE_GPB_BASIC];
    coded(d, b, "301", "5.00"), coded(d, b, "30101", "5.00");
    ys_table *t = d->tables[YS_TABLE_THREE_PUBLIC];
    const char *items[] = {"一、因公出国(境)费", "二、公务用车购置及运维费", "其中:公务用车购置费", "公务用车运行维护费", "三、公务接待费"};
    for (size_t i = 0; i < 5; i++) ys_table_add_row(d, t, (int)i, "", items[i]);
    table(d, YS_TABLE_PROCUREMENT);
    table(d, YS_TABLE_ASSETS);
    ys_disclosure_add_section(d, "一", "部门职责及机构设置情况")->text = "部门职责：……机构设置：……";
    ys_section *s = ys_disclosure_add_section(d, "三", "机关运行经费安排情况");
    s->text = "机关运行经费共计安排69.4万元，主要用于办公费。";
    ys_figure *f = ys_section_add_figure(d, s);
    f->label = "机关运行经费共计安排";
    f->amount = 69400000;
    s = ys_disclosure_add_section(d, "四", "财政拨款“三公”经费预算情况及增减变化原因");
    s->text = "1、因公出国（境）费0万元，与上年一致。2、公务用车购置及运行维护费11.1万元，与上年相比减少0.4万元，原因为从严控制。"
              "其中：公务用车购置费为0万元，与上年一致；公务用车运行维护费11.1万元，减少0.4万元，原因为从严控制。3、公务接待费0万元，无增减变化。";
    ys_disclosure_add_section(d, "五", "部门整体绩效目标");
    ys_disclosure_add_section(d, "七", "部门项目预算安排情况及绩效目标");
    ys_disclosure_add_section(d, "十", "名词解释");
    return d;
}

static void run(const ys_disclosure *d, ys_findings *f)
{
    setenv("YUSUAN_DATA", "data", 0);
    ys_findings_init(f);
    ys_check_run(d, NULL, all_req, f);
}

static void test_complete(void **state)
{
    (void)state;
    ys_disclosure *d = complete();
    ys_findings f;
    run(d, &f);
    for (size_t i = 0; i < f.count; i++) print_message("unexpected %s: %s\n", f.items[i].rule, f.items[i].message);
    assert_int_equal(f.count, 0);
    ys_findings_release(&f);
    ys_disclosure_free(d);
}

static void test_each_missing(void **state)
{
    (void)state;
    ys_findings f;
    ys_disclosure *d = complete();
    d->tables[YS_TABLE_GOV_FUND] = NULL;                                  /* REQ-01 */
    coded(d, d->tables[YS_TABLE_EXPENSE], "210", "3.00");                 /* REQ-02: 类 without 款 */
    coded(d, d->tables[YS_TABLE_GPB_BASIC], "302", "1.00");               /* REQ-03 */
    d->tables[YS_TABLE_THREE_PUBLIC]->rows[4].name = "三、其他";          /* REQ-04 */
    d->sections[2].text = "1、因公出国（境）费0万元，与上年一致。2、公务用车购置及运行维护费11.1万元。";   /* REQ-05 */
    d->tables[YS_TABLE_INCOME]->year_text = NULL;                         /* REQ-12 */
    d->tables[YS_TABLE_EXPENSE]->year_text = "2023";                      /* REQ-12 (error) */
    run(d, &f);
    assert_int_equal(count_rule(&f, "REQ-01", YS_SEV_ERROR), 1);
    assert_int_equal(f.items[0].at.table, YS_TABLE_GOV_FUND);
    assert_int_equal(count_rule(&f, "REQ-02", YS_SEV_WARNING), 1);
    assert_int_equal(count_rule(&f, "REQ-03", YS_SEV_WARNING), 1);
    assert_int_equal(count_rule(&f, "REQ-04", YS_SEV_WARNING), 1);
    assert_int_equal(count_rule(&f, "REQ-05", YS_SEV_WARNING), 1);   /* one finding listing the items */
    assert_int_equal(count_rule(&f, "REQ-12", YS_SEV_WARNING), 1);
    assert_int_equal(count_rule(&f, "REQ-12", YS_SEV_ERROR), 1);
    assert_int_equal(count_rule(&f, "REQ-06", -1) + count_rule(&f, "REQ-07", -1) + count_rule(&f, "REQ-08", -1) +
                         count_rule(&f, "REQ-09", -1) + count_rule(&f, "REQ-10", -1) + count_rule(&f, "REQ-11", -1),
                     0);
    ys_findings_release(&f);
    ys_disclosure_free(d);

    /* the text parts */
    d = ys_disclosure_new("t.txt");
    d->meta.kind = YS_KIND_BUDGET;
    run(d, &f);
    assert_int_equal(count_rule(&f, "REQ-01", -1), 9);
    assert_int_equal(count_rule(&f, "REQ-06", -1), 1);
    assert_int_equal(count_rule(&f, "REQ-07", -1), 1);
    assert_int_equal(count_rule(&f, "REQ-08", -1), 1);
    assert_int_equal(count_rule(&f, "REQ-09", -1), 2);
    assert_int_equal(count_rule(&f, "REQ-10", -1), 1);
    assert_int_equal(count_rule(&f, "REQ-11", -1), 2);
    ys_findings_release(&f);
    /* unknown kind: insufficient data, never a pass */
    d->meta.kind = YS_KIND_UNKNOWN;
    run(d, &f);
    assert_int_equal(count_rule(&f, "REQ-01", YS_SEV_INFO), 1);
    ys_findings_release(&f);
    ys_disclosure_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_complete),
        cmocka_unit_test(test_each_missing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
