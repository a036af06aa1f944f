/*
 * test_check_document.c — rule family "document" (R50 units, R52 years, R53 template residue, R55 table
 * of contents, R57 fail closed) on small disclosures built with the model API; and the sample document
 * read by the text reader (when it already returns sections) gives no finding of the families text,
 * assets, completeness and document above info, and R36 only as info.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "check/check.h"
#include "read/read.h"

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

static ys_disclosure *doc(void)
{
    ys_disclosure *d = ys_disclosure_new("t.txt");
    d->meta.year = 2024;
    d->meta.kind = YS_KIND_BUDGET;
    d->meta.unit = YS_UNIT_WANYUAN;
    d->meta.department = "测试局";
    ys_column cols[] = {{"合计", "total", YS_COL_MONEY}};
    ys_table *t = ys_disclosure_add_table(d, YS_TABLE_SUMMARY, "部门预算收支总表", 1, cols);
    t->unit = YS_UNIT_WANYUAN;
    t = ys_disclosure_add_table(d, YS_TABLE_EXPENSE, "部门预算支出总表", 1, cols);
    t->unit = YS_UNIT_WANYUAN;
    ys_toc_entry *e = ys_disclosure_add_toc(d);
    e->title = "部门预算收支总表";
    e->table = YS_TABLE_SUMMARY;
    e = ys_disclosure_add_toc(d);
    e->title = "部门预算支出总表";
    e->table = YS_TABLE_EXPENSE;
    ys_section *s = ys_disclosure_add_section(d, "二", "部门预算安排的总体情况");
    s->text = "2024年支出预算100万元，较2023年增加5万元，依据冀财社[2022]150号和〔2021〕3号，截止时间2023-12-31，"
              "2023年12月31日前完成，面积13509平方米，金额2219.88万元，2000人。";
    ys_project *p = ys_disclosure_add_project(d);
    p->seq = 1;
    p->name = "2023年中央就业补助资金 冀财社[2022]150 号";
    p->unit = YS_UNIT_WANYUAN;
    return d;
}

static void test_clean(void **state)
{
    (void)state;
    ys_disclosure *d = doc();
    const char *only[] = {"R50", "R52", "R53", "R55", "R57", NULL};
    ys_findings f;
    ys_findings_init(&f);
    ys_check_run(d, NULL, only, &f);
    for (size_t i = 0; i < f.count; i++) print_message("unexpected %s: %s\n", f.items[i].rule, f.items[i].message);
    assert_int_equal(f.count, 0);
    ys_findings_release(&f);
    ys_disclosure_free(d);
}

static void test_broken(void **state)
{
    (void)state;
    ys_findings f;
    ys_disclosure *d = doc();
    d->tables[YS_TABLE_EXPENSE]->unit = YS_UNIT_UNKNOWN;
    run(d, "R50", &f);
    assert_int_equal(count_rule(&f, "R50", YS_SEV_WARNING), 1);
    assert_int_equal(f.items[0].at.table, YS_TABLE_EXPENSE);
    ys_findings_release(&f);

    d->sections[0].text = "2022年支出预算100万元，2025年将完成。";
    run(d, "R52", &f);
    assert_int_equal(count_rule(&f, "R52", YS_SEV_WARNING), 1);
    assert_non_null(strstr(f.items[0].message, "2022、2025"));
    ys_findings_release(&f);

    d->projects[0].goal = "为XX单位提供××服务";
    run(d, "R53", &f);
    assert_int_equal(count_rule(&f, "R53", YS_SEV_WARNING), 1);
    assert_int_equal(f.items[0].at.table, YS_TABLE_PROJECT_TARGETS);
    ys_findings_release(&f);

    d->toc[1].table = YS_TABLE_GPB_BASIC;   /* TOC names a table that is not there; expense not in TOC */
    run(d, "R55", &f);
    assert_int_equal(count_rule(&f, "R55", YS_SEV_WARNING), 2);
    ys_findings_release(&f);

    d->meta.year = 0;
    run(d, "R57", &f);
    assert_int_equal(count_rule(&f, "R57", YS_SEV_INFO), 1);
    ys_findings_release(&f);
    run(d, "R52", &f);
    assert_int_equal(count_rule(&f, "R52", YS_SEV_INFO), 1);   /* no year: insufficient, not a pass */
    ys_findings_release(&f);
    ys_disclosure_free(d);
}

static void test_sample_quiet(void **state)
{
    (void)state;
    setenv("YUSUAN_DATA", "data", 0);
    ys_disclosure *d = NULL;
    ys_diags dg;
    ys_diags_init(&dg);
    ys_status st = ys_read_text_file("examples/zhaoxian-hrss-2024/published.txt", &d, &dg);
    ys_diags_release(&dg);
    if (st != YS_OK || !d || d->nsections < 5 || !ys_disclosure_table(d, YS_TABLE_EXPENSE)) {
        ys_disclosure_free(d);
        skip();
    }
    ys_findings f;
    ys_findings_init(&f);
    ys_check_run(d, NULL, NULL, &f);
    static const char *const families[] = {"text", "assets", "completeness", "document"};
    for (size_t i = 0; i < f.count; i++) {
        const ys_rule *r = ys_rules_find(f.items[i].rule);
        assert_non_null(r);
        for (size_t k = 0; k < sizeof families / sizeof *families; k++)
            if (strcmp(r->family, families[k]) == 0 && f.items[i].severity != YS_SEV_INFO)
                fail_msg("false finding %s: %s", f.items[i].rule, f.items[i].message);
        if (strcmp(r->family, "projects") == 0) assert_true(f.items[i].severity != YS_SEV_ERROR);
    }
    ys_findings_release(&f);
    ys_disclosure_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean),
        cmocka_unit_test(test_broken),
        cmocka_unit_test(test_sample_quiet),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
