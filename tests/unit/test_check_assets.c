/*
 * test_check_assets.c — rule family "assets" (R39 procurement, R40 assets and the text about them) on
 * small disclosures built with the model API: clean → no finding; one cell broken → one finding there.
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

static void row(ys_disclosure *d, ys_table *t, const char *name, const char *qty, const char *value)
{
    ys_row *r = ys_table_add_row(d, t, -1, "", name);
    if (qty) {
        r->cells[0].kind = YS_CELL_QUANTITY;
        r->cells[0].text = qty;
        r->cells[0].qty = 0;
        for (const char *p = qty; *p; p++) r->cells[0].qty = r->cells[0].qty * 10 + (*p - '0');
    }
    ys_cell_set_printed(d, &r->cells[1], value, YS_UNIT_WANYUAN, nosrc);
}

/* The sample's assets table; `total` and `office` vary. */
static ys_disclosure *assets(const char *total, const char *office_qty, const char *office)
{
    ys_disclosure *d = ys_disclosure_new("t.txt");
    d->meta.unit = YS_UNIT_WANYUAN;
    ys_column cols[] = {{"数量", "quantity", YS_COL_QUANTITY}, {"价值", "value", YS_COL_MONEY}};
    ys_table *t = ys_disclosure_add_table(d, YS_TABLE_ASSETS, "部门固定资产占用情况表", 2, cols);
    t->unit = YS_UNIT_WANYUAN;
    row(d, t, "资产总额", NULL, total);
    row(d, t, "1、房屋(平方米)", "13509", "1833.35");
    row(d, t, "其中:办公用房(平方米)", office_qty, office);
    row(d, t, "2、车辆(台、辆)", "5", "63.70");
    row(d, t, "3、单价在20万元以上的设备", NULL, "");
    row(d, t, "4、其他固定资产", "1285", "322.83");
    return d;
}

static void add_fig(ys_disclosure *d, ys_section *s, const char *label, const char *text, ys_money amount)
{
    ys_figure *f = ys_section_add_figure(d, s);
    f->label = label;
    f->text = text;
    f->amount = amount;
    f->unit = YS_UNIT_WANYUAN;
    f->decimals = 2;
    f->context = label;
}

static void test_r40(void **state)
{
    (void)state;
    ys_findings f;
    ys_disclosure *d = assets("2219.88", "7660", "1600.62");
    ys_section *s = ys_disclosure_add_section(d, "九", "国有资产信息");
    add_fig(d, s, "上年末固定资产金额为", "2219.88万元", 2219880000);
    run(d, "R40", &f);
    assert_int_equal(f.count, 0);
    ys_findings_release(&f);
    ys_disclosure_free(d);

    d = assets("2219.98", "7660", "1600.62");   /* 资产总额 off by 0.10 */
    run(d, "R40", &f);
    assert_int_equal(count_rule(&f, "R40", YS_SEV_ERROR), 1);
    assert_string_equal(f.items[0].at.name, "资产总额");
    assert_int_equal(f.items[0].expected, 2219880000);
    assert_int_equal(f.items[0].actual, 2219980000);
    ys_findings_release(&f);
    ys_disclosure_free(d);

    d = assets("2219.88", "17660", "1900.00");   /* 办公用房 > 房屋, value and area */
    run(d, "R40", &f);
    assert_int_equal(count_rule(&f, "R40", YS_SEV_ERROR), 2);
    ys_findings_release(&f);
    ys_disclosure_free(d);

    d = assets("2219.88", "7660", "1600.62");   /* the text disagrees with the table */
    s = ys_disclosure_add_section(d, "九", "国有资产信息");
    add_fig(d, s, "上年末固定资产金额为", "2291.88万元", 2291880000);
    run(d, "R40", &f);
    assert_int_equal(count_rule(&f, "R40", YS_SEV_ERROR), 1);
    assert_int_equal(f.items[0].at.table, YS_TABLE_NARRATIVE);
    ys_findings_release(&f);
    ys_disclosure_free(d);

    d = ys_disclosure_new("t.txt");   /* no table: insufficient */
    run(d, "R40", &f);
    assert_int_equal(count_rule(&f, "R40", YS_SEV_INFO), 1);
    ys_findings_release(&f);
    ys_disclosure_free(d);
}

static ys_disclosure *procurement(const char *total, const char *gpb, const char *unit_funds, const char *sme)
{
    ys_disclosure *d = ys_disclosure_new("t.txt");
    ys_column cols[] = {{"合计", "total", YS_COL_MONEY},
                        {"一般公共预算拨款", "gpb", YS_COL_MONEY},
                        {"单位资金", "unit_funds", YS_COL_MONEY},
                        {"预留中小微企业份额", "sme", YS_COL_MONEY}};
    ys_table *t = ys_disclosure_add_table(d, YS_TABLE_PROCUREMENT, "政府采购预算表", 4, cols);
    t->unit = YS_UNIT_WANYUAN;
    ys_row *r = ys_table_add_row(d, t, -1, "", "台式计算机");
    ys_cell_set_printed(d, &r->cells[0], total, YS_UNIT_WANYUAN, nosrc);
    ys_cell_set_printed(d, &r->cells[1], gpb, YS_UNIT_WANYUAN, nosrc);
    ys_cell_set_printed(d, &r->cells[2], unit_funds, YS_UNIT_WANYUAN, nosrc);
    ys_cell_set_printed(d, &r->cells[3], sme, YS_UNIT_WANYUAN, nosrc);
    return d;
}

static void test_r39(void **state)
{
    (void)state;
    ys_findings f;
    ys_disclosure *d = procurement("10.00", "8.00", "2.00", "5.00");
    run(d, "R39", &f);
    assert_int_equal(f.count, 0);
    ys_findings_release(&f);
    ys_disclosure_free(d);

    d = procurement("10.00", "8.00", "1.00", "5.00");
    run(d, "R39", &f);
    assert_int_equal(count_rule(&f, "R39", YS_SEV_ERROR), 1);
    assert_int_equal(f.items[0].expected, 9000000);
    assert_int_equal(f.items[0].actual, 10000000);
    assert_string_equal(f.items[0].at.column, "合计");
    ys_findings_release(&f);
    ys_disclosure_free(d);

    d = procurement("10.00", "8.00", "2.00", "12.00");
    run(d, "R39", &f);
    assert_int_equal(count_rule(&f, "R39", YS_SEV_ERROR), 1);
    assert_string_equal(f.items[0].at.column, "预留中小微企业份额");
    ys_findings_release(&f);
    ys_disclosure_free(d);

    /* 本年拟购置 in the text vs the procurement total (R40) */
    d = procurement("10.00", "8.00", "2.00", "");
    ys_section *s = ys_disclosure_add_section(d, "九", "国有资产信息");
    add_fig(d, s, "本年度拟购置固定资产总额为", "0.00万元", 0);
    ys_column cols[] = {{"价值", "value", YS_COL_MONEY}};
    ys_table *t = ys_disclosure_add_table(d, YS_TABLE_ASSETS, "资产", 1, cols);
    ys_row *r = ys_table_add_row(d, t, -1, "", "资产总额");
    ys_cell_set_printed(d, &r->cells[0], "1.00", YS_UNIT_WANYUAN, nosrc);
    run(d, "R40", &f);
    assert_int_equal(count_rule(&f, "R40", YS_SEV_ERROR), 1);
    assert_int_equal(f.items[0].expected, 10000000);
    ys_findings_release(&f);
    ys_disclosure_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_r40),
        cmocka_unit_test(test_r39),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
