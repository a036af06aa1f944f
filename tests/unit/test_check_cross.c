/*
 * test_check_cross.c — rule family "cross" (R26–R35): each rule is silent on a clean document and gives
 * exactly one finding, at the broken cell, with its twin among the locations, when one cell is broken.
 */
#include "check_helpers.h"

static void break_r28(ys_disclosure *d)
{
    ckh_set(d, YS_TABLE_INCOME, "2080102", "total", "31.00");
    ckh_set(d, YS_TABLE_INCOME, "2080102", "subtotal", "31.00");
    ckh_set(d, YS_TABLE_INCOME, "2080102", "fiscal", "31.00");
}

static void break_r32(ys_disclosure *d)
{
    ckh_set(d, YS_TABLE_GPB_EXPENSE, "2080101", "total", "61.00");
    ckh_set(d, YS_TABLE_GPB_EXPENSE, "2080101", "basic", "61.00");
}

static const ckh_case cases[] = {
    {"R26", YS_TABLE_INCOME, "合计", "subtotal", "101.00", NULL, YS_TABLE_SUMMARY, 4, NULL, "预算数", true},
    {"R27", YS_TABLE_SUMMARY, "八、社会保障和就业支出", "out_amount", "91.00", NULL, YS_TABLE_SUMMARY, 2, NULL, "预算数",
     true},
    {"R28", YS_TABLE_INCOME, NULL, NULL, NULL, break_r28, YS_TABLE_INCOME, 5, "2080102", "合计", true},
    {"R29", YS_TABLE_FISCAL_SUMMARY, "一、一般公共预算拨款", "in_amount", "101.00", NULL, YS_TABLE_FISCAL_SUMMARY, 1, NULL,
     "预算数", true},
    {"R30", YS_TABLE_FISCAL_SUMMARY, "十、卫生健康支出", "out_gpb", "11.00", NULL, YS_TABLE_FISCAL_SUMMARY, 3, NULL,
     "一般公共预算财政拨款", true},
    {"R31", YS_TABLE_FISCAL_SUMMARY, "收入总计", "in_amount", "101.00", NULL, YS_TABLE_FISCAL_SUMMARY, 6, NULL, "预算数",
     true},
    {"R32", YS_TABLE_GPB_EXPENSE, NULL, NULL, NULL, break_r32, YS_TABLE_GPB_EXPENSE, 4, "2080101", "合计", true},
    {"R33", YS_TABLE_GPB_BASIC, "合计", "total", "71.00", NULL, YS_TABLE_GPB_BASIC, 1, NULL, "合计", true},
    {"R34", YS_TABLE_THREE_PUBLIC, "公务用车运行维护费", "gpb", "5.00", NULL, YS_TABLE_THREE_PUBLIC, 8, NULL,
     "一般公共预算财政拨款", true},
    {"R35", YS_TABLE_THREE_PUBLIC, "合计", "gpb", "101.00", NULL, YS_TABLE_THREE_PUBLIC, 1, NULL, "一般公共预算财政拨款",
     true},
};

static void test_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) ckh_check_case(&cases[i]);
}

/* R28 names the twin; a code missing on one side compares with zero. */
static void test_r28_twin_and_missing(void **state)
{
    (void)state;
    ys_disclosure *d = ckh_clean_doc();
    break_r28(d);
    ys_findings f;
    ckh_run(d, NULL, "R28", &f);
    const ys_finding *x = NULL;
    assert_int_equal(ckh_count(&f, &x), 1);
    assert_true(ckh_has_loc(x, YS_TABLE_EXPENSE, 5, "2080102"));
    assert_int_equal(x->expected, 30000000);
    assert_int_equal(x->actual, 31000000);
    ys_findings_release(&f);
    ys_disclosure_free(d);

    d = ckh_clean_doc();
    ckh_row_add(d, ys_disclosure_table(d, YS_TABLE_EXPENSE), 9, "2080199", "其他人力资源和社会保障管理事务支出",
                "1.00||1.00");
    ckh_run(d, NULL, "R28", &f);
    assert_int_equal(ckh_count(&f, &x), 1);
    assert_int_equal(x->at.table, YS_TABLE_EXPENSE);
    assert_string_equal(x->at.code, "2080199");
    assert_int_equal(x->expected, 0);
    ys_findings_release(&f);
    ys_disclosure_free(d);
}

/* Different units across tables: a difference inside the rounding envelope is info, not an error. */
static void test_units_envelope(void **state)
{
    (void)state;
    ys_disclosure *d = ckh_clean_doc();
    ys_table *in = ys_disclosure_table(d, YS_TABLE_INCOME);
    in->unit = YS_UNIT_YUAN;
    for (size_t i = 0; i < in->nrows; i++)
        for (size_t c = 0; c < in->ncols; c++) in->rows[i].cells[c].decimals = 2;
    /* 2080102 in 元: 300000.40 元 vs expense 30.00 万元 (= 300000 元): 0.40 元 < 0.5 × 0.01 万元 */
    ys_row *r = ckh_find(d, YS_TABLE_INCOME, "2080102");
    ys_cell_set_money(&r->cells[0], 30000040, 2);
    ys_findings f;
    ckh_run(d, NULL, "R28", &f);
    assert_int_equal(ckh_count(&f, NULL), 0);
    size_t info = 0;
    for (size_t i = 0; i < f.count; i++) info += f.items[i].severity == YS_SEV_INFO && f.items[i].has_expected;
    assert_int_equal(info, 1);
    ys_findings_release(&f);
    ys_disclosure_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_r28_twin_and_missing),
        cmocka_unit_test(test_units_envelope),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
