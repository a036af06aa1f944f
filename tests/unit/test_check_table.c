/*
 * test_check_table.c — rule family "table" (R1–R19): each rule is silent on a clean document and gives
 * exactly one finding, at the broken cell, with expected and actual, when one cell is broken.
 */
#include "check_helpers.h"

static void add_399(ys_disclosure *d)
{
    ys_table *t = ys_disclosure_table(d, YS_TABLE_GPB_BASIC);
    ckh_row_add(d, t, 9, "399", "其他支出", "1.00|1.00|");
}

static void drop_gov_fund_note(ys_disclosure *d)
{
    ys_disclosure_table(d, YS_TABLE_GOV_FUND)->note = NULL;
}

static const ckh_case cases[] = {
    {"R1", YS_TABLE_SUMMARY, "收入总计", "in_amount", "101.00", NULL, YS_TABLE_SUMMARY, 6, NULL, "预算数", true},
    {"R2", YS_TABLE_SUMMARY, "上年结转结余", "in_amount", "5.00", NULL, YS_TABLE_SUMMARY, 6, NULL, "预算数", true},
    {"R3", YS_TABLE_SUMMARY, "年终结转结余", "out_amount", "5.00", NULL, YS_TABLE_SUMMARY, 6, NULL, "预算数", true},
    {"R4", YS_TABLE_SUMMARY, "二、政府性基金预算拨款收入", "in_amount", "5.00", NULL, YS_TABLE_SUMMARY, 4, NULL,
     "预算数", true},
    {"R5", YS_TABLE_SUMMARY, "十、卫生健康支出", "out_amount", "11.00", NULL, YS_TABLE_SUMMARY, 4, NULL, "预算数", true},
    {"R6", YS_TABLE_INCOME, "2080101", "carryover", "1.00", NULL, YS_TABLE_INCOME, 4, "2080101", "合计", true},
    {"R7", YS_TABLE_EXPENSE, "2080101", "basic", "59.00", NULL, YS_TABLE_EXPENSE, 4, "2080101", "合计", true},
    {"R8", YS_TABLE_FISCAL_SUMMARY, "八、社会保障和就业支出", "out_gpb", "89.00", NULL, YS_TABLE_FISCAL_SUMMARY, 2, NULL,
     "合计", true},
    {"R9", YS_TABLE_FISCAL_SUMMARY, "收入总计", "in_amount", "101.00", NULL, YS_TABLE_FISCAL_SUMMARY, 6, NULL, "预算数",
     true},
    {"R10", YS_TABLE_GPB_EXPENSE, "2080102", "project", "29.00", NULL, YS_TABLE_GPB_EXPENSE, 5, "2080102", "合计", true},
    {"R11", YS_TABLE_GPB_BASIC, "30101", "personnel", "39.00", NULL, YS_TABLE_GPB_BASIC, 3, "30101", "合计", true},
    {"R12", YS_TABLE_GPB_BASIC, NULL, NULL, NULL, add_399, YS_TABLE_GPB_BASIC, 9, "399", "人员经费", true},
    {"R13", YS_TABLE_GPB_BASIC, "302", "personnel", "1.00", NULL, YS_TABLE_GPB_BASIC, 6, "302", "人员经费", true},
    {"R14", YS_TABLE_THREE_PUBLIC, "三、公务接待费", "total", "3.00", NULL, YS_TABLE_THREE_PUBLIC, 2, NULL, "合计", true},
    {"R15", YS_TABLE_THREE_PUBLIC, "其中:公务用车购置费", "total", "1.00", NULL, YS_TABLE_THREE_PUBLIC, 6, NULL, "合计",
     true},
    {"R16", YS_TABLE_THREE_PUBLIC, "其他会议费", "total", "3.00", NULL, YS_TABLE_THREE_PUBLIC, 10, NULL, "合计", true},
    {"R17", YS_TABLE_THREE_PUBLIC, "合计", "total", "", NULL, YS_TABLE_THREE_PUBLIC, 1, NULL, "合计", true},
    {"R18", YS_TABLE_THREE_PUBLIC, "三、公务接待费", "gpb", "1.00", NULL, YS_TABLE_THREE_PUBLIC, 9, NULL, "合计", true},
    {"R19", YS_TABLE_GOV_FUND, NULL, NULL, NULL, drop_gov_fund_note, YS_TABLE_GOV_FUND, -1, NULL, NULL, false},
};

static void test_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) ckh_check_case(&cases[i]);
}

/* R16 "≤" where the 其中 list is not exhaustive: equal or less is fine, more is not. */
static void test_r16_at_most(void **state)
{
    (void)state;
    ys_disclosure *d = ckh_clean_doc();
    ys_row *r = ckh_find(d, YS_TABLE_THREE_PUBLIC, "其他会议费");
    r->name = "其中:培训会议费";   /* no "其他" item: the list may be partial */
    ckh_find(d, YS_TABLE_THREE_PUBLIC, "其中:业务会议费")->name = "其中:业务会议费";
    ys_findings f;
    ckh_set(d, YS_TABLE_THREE_PUBLIC, "其中:培训会议费", "total", "1.00");   /* 1 + 1 < 3: fine */
    ckh_set(d, YS_TABLE_THREE_PUBLIC, "其中:培训会议费", "gpb", "1.00");
    ckh_run(d, NULL, "R16", &f);
    assert_int_equal(ckh_count(&f, NULL), 0);
    ys_findings_release(&f);
    ckh_set(d, YS_TABLE_THREE_PUBLIC, "其中:培训会议费", "total", "2.50");   /* 1 + 2.5 > 3 */
    ckh_run(d, NULL, "R16", &f);
    const ys_finding *x = NULL;
    assert_int_equal(ckh_count(&f, &x), 1);
    assert_int_equal(x->at.row, 10);
    assert_int_equal(x->expected, 3500000);   /* 3.50 万元 = 35 000 元 in 分 */
    ys_findings_release(&f);
    ys_disclosure_free(d);
}

/* The message shows the arithmetic in the table's unit, the problem first. */
static void test_message(void **state)
{
    (void)state;
    ys_disclosure *d = ckh_clean_doc();
    ckh_set(d, YS_TABLE_THREE_PUBLIC, "合计", "total", "");
    ckh_set(d, YS_TABLE_THREE_PUBLIC, "合计", "gpb", "");
    ys_findings f;
    ckh_run(d, NULL, "R17", &f);
    const ys_finding *x = NULL;
    assert_int_equal(ckh_count(&f, &x), 1);   /* both columns break by the same amount: one finding */
    assert_non_null(strstr(x->message, "合计「合计」「一般公共预算财政拨款」0.00 ≠"));
    assert_non_null(strstr(x->message, "12.00"));
    assert_true(ckh_has_loc(x, YS_TABLE_THREE_PUBLIC, 2, NULL));   /* the 小计 item */
    ys_findings_release(&f);
    ys_disclosure_free(d);
}

/* A missing table is insufficient data (info, once), never a pass and never an error. */
static void test_insufficient(void **state)
{
    (void)state;
    ys_disclosure *d = ys_disclosure_new("empty.txt");
    ys_findings f;
    ckh_run(d, NULL, "R7", &f);
    assert_int_equal(f.count, 1);
    assert_int_equal(f.items[0].severity, YS_SEV_INFO);
    assert_non_null(strstr(f.items[0].message, "数据不足"));
    ys_findings_release(&f);
    ys_disclosure_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_r16_at_most),
        cmocka_unit_test(test_message),
        cmocka_unit_test(test_insufficient),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
