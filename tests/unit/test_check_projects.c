/*
 * test_check_projects.c — the "projects" rule family on small disclosures built with the model API:
 * each rule clean → no finding, one cell broken → exactly one finding there with expected/actual; and,
 * when the text reader already returns projects, the sample document's expected project findings
 * (R36 info within the envelope, projects 11 and 24 without 12月底) and no error from this family.
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

static const ys_source nosrc = {NULL, 0, 0, NULL};

static size_t count_rule(const ys_findings *f, const char *rule, int sev)
{
    size_t n = 0;
    for (size_t i = 0; i < f->count; i++)
        if (!f->items[i].folded && strcmp(f->items[i].rule, rule) == 0 && (sev < 0 || (int)f->items[i].severity == sev)) n++;
    return n;
}

static const ys_finding *first_rule(const ys_findings *f, const char *rule)
{
    for (size_t i = 0; i < f->count; i++)
        if (strcmp(f->items[i].rule, rule) == 0) return &f->items[i];
    return NULL;
}

static void run(const ys_disclosure *d, const char *rule, ys_findings *f)
{
    const char *only[] = {rule, NULL};
    ys_findings_init(f);
    ys_check_run(d, NULL, only, f);
}

/* A project with budget, fiscal, other and a four-point schedule (NULL = point absent). */
static ys_project *add_project(ys_disclosure *d, int seq, const char *code, const char *budget, const char *fiscal,
                               const char *other, bool percent, const char *const sched[4])
{
    static const char *const labels[] = {"3月底", "6月底", "10月底", "12月底"};
    ys_project *p = ys_disclosure_add_project(d);
    p->seq = seq;
    p->code = code;
    p->name = "测试项目";
    p->unit = YS_UNIT_WANYUAN;
    p->schedule_percent = percent;
    ys_cell_set_printed(d, &p->budget, budget, YS_UNIT_WANYUAN, nosrc);
    ys_cell_set_printed(d, &p->fiscal, fiscal, YS_UNIT_WANYUAN, nosrc);
    ys_cell_set_printed(d, &p->other, other, YS_UNIT_WANYUAN, nosrc);
    size_t n = 0;
    for (int i = 0; i < 4; i++) n += sched[i] != NULL;
    p->schedule = ys_arena_calloc(d->arena, 4, sizeof *p->schedule);
    for (int i = 0; i < 4; i++) {
        if (!sched[i]) continue;
        ys_schedule_point *pt = &p->schedule[p->nschedule++];
        pt->label = labels[i];
        ys_cell_set_printed(d, &pt->value, sched[i], YS_UNIT_WANYUAN, nosrc);
    }
    return p;
}

static ys_disclosure *with_expense(const char *project_total)
{
    ys_disclosure *d = ys_disclosure_new("t.txt");
    d->meta.unit = YS_UNIT_WANYUAN;
    ys_column cols[] = {{"合计", "total", YS_COL_MONEY}, {"基本支出", "basic", YS_COL_MONEY}, {"项目支出", "project", YS_COL_MONEY}};
    ys_table *t = ys_disclosure_add_table(d, YS_TABLE_EXPENSE, "支出总表", 3, cols);
    t->unit = YS_UNIT_WANYUAN;
    ys_row *r = ys_table_add_row(d, t, 1, "", "合计");
    ys_cell_set_printed(d, &r->cells[2], project_total, YS_UNIT_WANYUAN, nosrc);
    return d;
}

static void test_r36(void **state)
{
    (void)state;
    static const char *const s[4] = {"1.00", "2.00", "3.00", "4.00"};
    ys_findings f;
    /* clean */
    ys_disclosure *d = with_expense("14.00");
    add_project(d, 1, "P1", "4.00", "4.00", "", false, s);
    add_project(d, 2, "P2", "10.00", "10.00", "", false, (const char *const[4]){"1", "2", "3", "10.00"});
    run(d, "R36", &f);
    assert_int_equal(count_rule(&f, "R36", -1), 0);
    ys_findings_release(&f);
    ys_disclosure_free(d);
    /* 0.01 within the envelope of 2 projects: info */
    d = with_expense("14.01");
    add_project(d, 1, "P1", "4.00", "4.00", "", false, s);
    add_project(d, 2, "P2", "10.00", "10.00", "", false, s);
    run(d, "R36", &f);
    assert_int_equal(count_rule(&f, "R36", YS_SEV_INFO), 1);
    assert_int_equal(count_rule(&f, "R36", -1), 1);
    const ys_finding *fd = first_rule(&f, "R36");
    assert_int_equal(fd->expected, 14010000);
    assert_int_equal(fd->actual, 14000000);
    assert_non_null(strstr(fd->message, "±"));
    ys_findings_release(&f);
    ys_disclosure_free(d);
    /* beyond the envelope: error */
    d = with_expense("15.00");
    add_project(d, 1, "P1", "4.00", "4.00", "", false, s);
    add_project(d, 2, "P2", "10.00", "10.00", "", false, s);
    run(d, "R36", &f);
    assert_int_equal(count_rule(&f, "R36", YS_SEV_ERROR), 1);
    ys_findings_release(&f);
    ys_disclosure_free(d);
    /* no expense table: insufficient, once */
    d = ys_disclosure_new("t.txt");
    add_project(d, 1, "P1", "4.00", "4.00", "", false, s);
    run(d, "R36", &f);
    assert_int_equal(count_rule(&f, "R36", YS_SEV_INFO), 1);
    ys_findings_release(&f);
    ys_disclosure_free(d);
}

static void test_r37_parts_and_schedule(void **state)
{
    (void)state;
    ys_findings f;
    ys_disclosure *d = ys_disclosure_new("t.txt");
    add_project(d, 1, "P1", "4.00", "3.00", "1.00", false, (const char *const[4]){"1", "2", "3", "4.00"});
    add_project(d, 2, "P2", "100.00", "100.00", "", true, (const char *const[4]){"100", "100", "100", "100"});
    add_project(d, 3, "P3", "8.00", "8.00", "", true, (const char *const[4]){"25", "50", "75", "100"});
    run(d, "R37", &f);
    assert_int_equal(count_rule(&f, "R37", -1), 0);   /* P2: 预算数 = 100, the readings coincide */
    ys_findings_release(&f);
    ys_disclosure_free(d);

    /* 预算数 ≠ 财政资金 + 其他资金 */
    d = ys_disclosure_new("t.txt");
    add_project(d, 1, "P1", "4.00", "3.00", "0.50", false, (const char *const[4]){"1", "2", "3", "4.00"});
    run(d, "R37", &f);
    assert_int_equal(count_rule(&f, "R37", YS_SEV_ERROR), 1);
    const ys_finding *fd = first_rule(&f, "R37");
    assert_int_equal(fd->expected, 3500000);
    assert_int_equal(fd->actual, 4000000);
    assert_string_equal(fd->at.code, "P1");
    ys_findings_release(&f);
    ys_disclosure_free(d);

    /* missing 12月底: one warning, nothing else */
    d = ys_disclosure_new("t.txt");
    add_project(d, 11, "P11", "7.24", "7.24", "", true, (const char *const[4]){"1.80", "3.62", "5.43", NULL});
    run(d, "R37", &f);
    assert_int_equal(count_rule(&f, "R37", YS_SEV_WARNING), 1);
    assert_int_equal(count_rule(&f, "R37", -1), 1);
    assert_non_null(strstr(first_rule(&f, "R37")->message, "12月底"));
    ys_findings_release(&f);
    ys_disclosure_free(d);

    /* decreasing schedule and a last point that is neither budget nor 100 */
    d = ys_disclosure_new("t.txt");
    add_project(d, 1, "P1", "4.00", "4.00", "", false, (const char *const[4]){"1", "3", "2", "4.00"});
    add_project(d, 2, "P2", "4.00", "4.00", "", false, (const char *const[4]){"1", "2", "3", "3.50"});
    run(d, "R37", &f);
    assert_int_equal(count_rule(&f, "R37", YS_SEV_ERROR), 2);
    ys_findings_release(&f);
    ys_disclosure_free(d);

    /* money under a "%" header: one document-level warning listing both projects */
    d = ys_disclosure_new("t.txt");
    add_project(d, 1, "P1", "4.56", "4.56", "", true, (const char *const[4]){"4.56", "4.56", "4.56", "4.56"});
    add_project(d, 2, "P2", "118.64", "118.64", "", true, (const char *const[4]){"30", "60", "90", "118.64"});
    run(d, "R37", &f);
    assert_int_equal(count_rule(&f, "R37", -1), 1);
    fd = first_rule(&f, "R37");
    assert_int_equal(fd->severity, YS_SEV_WARNING);
    assert_int_equal(fd->nlocs, 2);
    assert_non_null(strstr(fd->message, "1、2"));
    ys_findings_release(&f);
    ys_disclosure_free(d);
}

static void test_r38(void **state)
{
    (void)state;
    static const char *const s[4] = {"1", "2", "3", "4.00"};
    ys_findings f;
    ys_disclosure *d = ys_disclosure_new("t.txt");
    add_project(d, 1, "P1", "4.00", "4.00", "", false, s);
    add_project(d, 2, "P2", "4.00", "4.00", "", false, s);
    run(d, "R38", &f);
    assert_int_equal(count_rule(&f, "R38", -1), 0);
    ys_findings_release(&f);
    add_project(d, 3, "P1", "4.00", "4.00", "", false, s);
    run(d, "R38", &f);
    assert_int_equal(count_rule(&f, "R38", YS_SEV_ERROR), 1);
    assert_int_equal(first_rule(&f, "R38")->at.row, 3);
    ys_findings_release(&f);
    ys_disclosure_free(d);
}

static void add_ind(ys_disclosure *d, ys_project *p, const char *l1, const char *l2, const char *l3, const char *value)
{
    ys_indicator *in = ys_project_add_indicator(d, p);
    in->level1 = l1;
    in->level2 = l2;
    in->level3 = l3;
    in->description = "描述";
    in->value = value;
}

static void test_indicator_quality(void **state)
{
    (void)state;
    setenv("YUSUAN_DATA", "data", 0);
    static const char *const s[4] = {"1", "2", "3", "4.00"};
    ys_findings f;
    ys_disclosure *d = ys_disclosure_new("t.txt");
    ys_project *p = add_project(d, 1, "P1", "4.00", "4.00", "", false, s);
    add_ind(d, p, "产出指标", "数量指标", "发放人数", "≥100人");
    add_ind(d, p, "", "成本指标", "人均成本", "≤11.68万元");
    add_ind(d, p, "效益指标", "社会效益指标", "覆盖率", "≥97%");
    add_ind(d, p, "满意度指标", "服务对象满意度指标", "满意度", "≥95%");
    const char *only[] = {"PT-01", "PT-02", "PT-03", "PT-04", NULL};
    ys_findings_init(&f);
    ys_check_run(d, NULL, only, &f);
    assert_int_equal(f.count, 0);
    ys_findings_release(&f);

    /* project 8 of the sample: values restating the indicator, a 成本 value without money, an unmeasurable
     * value and a 二级 name outside the tree: one finding per kind */
    p = add_project(d, 8, "P8", "4.00", "4.00", "", false, s);
    add_ind(d, p, "产出指标", "数量指标", "服务设施覆盖率", "服务设施覆盖率");
    add_ind(d, p, "", "质量指标", "群众设施使用率", "群众设施使用率");
    add_ind(d, p, "", "成本指标", "项目预算控制数", "保障人员经费足额发放");
    add_ind(d, p, "效益指标", "经济效益指标", "正常运转", "保证单位正常运转");
    add_ind(d, p, "", "数量指标", "错位", "≥1项");
    ys_findings_init(&f);
    ys_check_run(d, NULL, only, &f);
    assert_int_equal(count_rule(&f, "PT-03", YS_SEV_WARNING), 1);
    assert_int_equal(first_rule(&f, "PT-03")->nlocs, 2);   /* the two restated values, grouped */
    assert_int_equal(count_rule(&f, "PT-04", YS_SEV_WARNING), 1);
    assert_int_equal(count_rule(&f, "PT-02", YS_SEV_WARNING), 1);
    assert_int_equal(count_rule(&f, "PT-01", YS_SEV_WARNING), 1);
    assert_non_null(strstr(first_rule(&f, "PT-01")->message, "数量指标"));
    assert_int_equal(first_rule(&f, "PT-03")->at.row, 8);
    ys_findings_release(&f);
    ys_disclosure_free(d);
}

static void test_sample(void **state)
{
    (void)state;
    setenv("YUSUAN_DATA", "data", 0);
    ys_disclosure *d = NULL;
    ys_diags dg;
    ys_diags_init(&dg);
    ys_status st = ys_read_text_file("examples/zhaoxian-hrss-2024/published.txt", &d, &dg);
    ys_diags_release(&dg);
    if (st != YS_OK || !d || d->nprojects < 40 || !ys_disclosure_table(d, YS_TABLE_EXPENSE)) {
        ys_disclosure_free(d);
        skip();
    }
    ys_findings f;
    ys_findings_init(&f);
    const char *only[] = {"R36", "R37", "R38", NULL};
    ys_check_run(d, NULL, only, &f);
    assert_int_equal(count_rule(&f, "R36", YS_SEV_INFO), 1);
    assert_int_equal(first_rule(&f, "R36")->expected - first_rule(&f, "R36")->actual, 10000);   /* 0.01 万元 */
    int missing11 = 0, missing24 = 0;
    for (size_t i = 0; i < f.count; i++) {
        const ys_finding *fd = &f.items[i];
        assert_true(fd->severity != YS_SEV_ERROR);
        if (strcmp(fd->rule, "R37") == 0 && strstr(fd->message, "缺少 12月底")) {
            if (fd->at.row == 11) missing11++;
            if (fd->at.row == 24) missing24++;
        }
    }
    assert_int_equal(missing11, 1);
    assert_int_equal(missing24, 1);
    ys_findings_release(&f);
    ys_disclosure_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_r36),
        cmocka_unit_test(test_r37_parts_and_schedule),
        cmocka_unit_test(test_r38),
        cmocka_unit_test(test_indicator_quality),
        cmocka_unit_test(test_sample),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
