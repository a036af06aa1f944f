/*
 * test_read_projects.c — unit tests of the text reader's PROJECTS stage (read/text_projects.c): the 40
 * project performance-target tables of the sample (codes, amounts, schedules, goals, indicators,
 * including the irregular layouts of projects 11, 16, 20, 24 and 31), and small hand-made tables for
 * page breaks inside the indicator rows, labels printed apart from their values, repeated schedules with
 * different values, and unreadable tables (warnings with file:line, never a crash).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "read/read.h"
#include "read/tdoc.h"
#include "read/text_internal.h"

#define SAMPLE "examples/zhaoxian-hrss-2024/published.txt"
#define WAN(x) ((ys_money)(x) * 10000)   /* x 元 → 分 of x/100 万元: WAN(456) = 4.56 万元 */

static ys_disclosure *sample;
static ys_diags sample_diags;

static int setup(void **state)
{
    (void)state;
    ys_diags_init(&sample_diags);
    return ys_read_text_file(SAMPLE, &sample, &sample_diags) == YS_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    ys_disclosure_free(sample);
    ys_diags_release(&sample_diags);
    return 0;
}

static const ys_project *project(int seq)
{
    for (size_t i = 0; i < sample->nprojects; i++)
        if (sample->projects[i].seq == seq) return &sample->projects[i];
    fail_msg("project %d not found", seq);
    return NULL;
}

static void expect_schedule(const ys_project *p, size_t n, const char *const *labels, const ys_money *values)
{
    assert_int_equal(p->nschedule, n);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(p->schedule[i].label, labels[i]);
        assert_int_equal(p->schedule[i].value.kind, YS_CELL_MONEY);
        assert_int_equal(p->schedule[i].value.money, values[i]);
    }
}

/* ---- the sample ------------------------------------------------------------------------------ */

static void sample_forty_projects(void **state)
{
    (void)state;
    assert_int_equal(sample->nprojects, 40);
    for (size_t i = 0; i < 40; i++) {
        const ys_project *p = &sample->projects[i];
        assert_int_equal(p->seq, (int)i + 1);
        assert_int_equal(strlen(p->code), 21);
        assert_true(strncmp(p->code, "13013324P0006", 13) == 0);
        for (size_t j = 0; j < i; j++) assert_string_not_equal(p->code, sample->projects[j].code);
        assert_int_equal(p->unit, YS_UNIT_WANYUAN);
        assert_true(p->schedule_percent);
        assert_int_equal(p->budget.kind, YS_CELL_MONEY);
        assert_int_equal(p->fiscal.money, p->budget.money);   /* all money is 财政资金 here */
        assert_int_equal(p->other.kind, YS_CELL_EMPTY);
        assert_int_equal(p->nindicators, 9);                  /* every table prints nine rows */
        assert_true(*p->goal);
        assert_true(*p->purpose);
        assert_true(strstr(p->title, "绩效目标表") != NULL);
    }
    /* no project table gave a warning */
    for (size_t i = 0; i < sample_diags.count; i++)
        assert_null(strstr(sample_diags.items[i].message, "项目绩效目标表"));
}

static void sample_amounts(void **state)
{
    (void)state;
    static const struct {
        int seq;
        ys_money budget;
    } want[] = {
        {1, WAN(456)},       {11, WAN(724)},      {16, WAN(1659)},    {20, WAN(2095)},
        {24, WAN(100000)},   {31, WAN(80000)},    {40, WAN(1160400)}, {7, WAN(270867)},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        const ys_project *p = project(want[i].seq);
        assert_int_equal(p->budget.money, want[i].budget);
        assert_int_equal(p->budget.decimals, 2);
        assert_int_equal(p->fiscal.money, want[i].budget);
    }
    const ys_project *p1 = project(1);
    assert_string_equal(p1->code, "13013324P00068910130L");
    assert_string_equal(p1->name, "劳务派遣费用");
    assert_string_equal(p1->title, "1、劳务派遣费用绩效目标表");
    assert_string_equal(p1->purpose, "发放劳务派遣人员工资");
    assert_string_equal(p1->goal, "1.为劳务派遣人员发放工资及缴纳保险 2.确保人社工作的正常开展");
    assert_int_equal(p1->src.line, 771);
    assert_int_equal(p1->budget.src.line, 776);
    assert_string_equal(project(40)->code, "13013324P00068810037Y");
    /* project 4's purpose cell holds stray text: kept as printed (normalised) */
    assert_string_equal(project(4)->purpose, "实际缴纳情况根据工作需要实际缴纳情况根据工作需要根据工作需要");
}

static void sample_regular_schedule(void **state)
{
    (void)state;
    static const char *const l4[] = {"3月底", "6月底", "10月底", "12月底"};
    static const ys_money v2[] = {WAN(3000), WAN(6000), WAN(9000), WAN(11864)};
    expect_schedule(project(2), 4, l4, v2);
    /* "3 月底" printed with a space: the label is normalised */
    static const ys_money v12[] = {WAN(3210), WAN(6421), WAN(9640), WAN(12841)};
    expect_schedule(project(12), 4, l4, v12);
}

static void sample_irregular_schedules(void **state)
{
    (void)state;
    /* 11: header+values printed twice, three points: read once */
    static const char *const l3[] = {"3月底", "6月底", "10月底"};
    static const ys_money v11[] = {WAN(180), WAN(362), WAN(543)};
    expect_schedule(project(11), 3, l3, v11);
    /* 16: the last value cell holds "12月底 16.59"; 10月底 has no value */
    static const char *const l16[] = {"3月底", "6月底", "12月底"};
    static const ys_money v16[] = {WAN(415), WAN(830), WAN(1659)};
    expect_schedule(project(16), 3, l16, v16);
    /* 20: "12 月底<TAB>20.95" on a line of its own */
    static const char *const l4[] = {"3月底", "6月底", "10月底", "12月底"};
    static const ys_money v20[] = {WAN(524), WAN(1047), WAN(1572), WAN(2095)};
    expect_schedule(project(20), 4, l4, v20);
    /* 24: three points only, nothing invented */
    static const ys_money v24[] = {WAN(25000), WAN(50000), WAN(75000)};
    expect_schedule(project(24), 3, l3, v24);
}

static void sample_goals(void **state)
{
    (void)state;
    /* 20: the goal line lacks its 绩效目标 label */
    assert_string_equal(project(20)->goal,
                        "1.创业担保贷款财政贴息由中央和地方财政按 5:5 的比例分担,分季度贴息到位。 2.贴息按标准发放");
    /* 24: the goal spans two lines */
    assert_string_equal(project(24)->goal, "1.确保资金安全\n2.确保及时补贴到位");
    assert_string_equal(project(31)->goal, "1.确保补助资金安全 2.确保职业年金及时到位。");
}

static void sample_indicators(void **state)
{
    (void)state;
    const ys_project *p = project(1);
    const ys_indicator *in = p->indicators;
    assert_string_equal(in[0].level1, "产出指标");
    assert_string_equal(in[0].level2, "数量指标");
    assert_string_equal(in[0].level3, "覆盖率");
    assert_string_equal(in[0].description, "确保全部补贴到位");
    assert_string_equal(in[0].value, "≥97%");
    assert_string_equal(in[0].basis, "确保全部发放到位");
    assert_int_equal(in[0].src.line, 782);
    /* 一级 carried down its group */
    assert_string_equal(in[3].level1, "产出指标");
    assert_string_equal(in[3].level2, "成本指标");
    assert_string_equal(in[4].level1, "效益指标");
    assert_string_equal(in[7].level1, "效益指标");
    assert_string_equal(in[8].level1, "满意度指标");
    assert_string_equal(in[8].level2, "服务对象满意度指标");

    /* 31: the repeated header is dropped and the overflow "号" is not appended twice */
    p = project(31);
    assert_int_equal(p->nindicators, 9);
    assert_string_equal(p->indicators[8].basis, "冀人社字【2022】18号");
    assert_string_equal(p->indicators[8].level3, "人员满意度");
    for (size_t i = 0; i < p->nindicators; i++) assert_string_not_equal(p->indicators[i].level1, "一级指标");
}

/* ---- hand-made tables ------------------------------------------------------------------------ */

typedef struct {
    ys_disclosure *d;
    ys_tdoc td;
    ys_diags dg;
} doc;

static void load(doc *x, const char *text)
{
    ys_diags_init(&x->dg);
    x->d = ys_disclosure_new("p.txt");
    assert_int_equal(ys_tdoc_load(&x->td, x->d, text, strlen(text), &x->dg), YS_OK);
    ys_text_read_meta(&x->td, &x->dg);
    ys_text_read_projects(&x->td, &x->dg);
}

static void done(doc *x)
{
    ys_disclosure_free(x->d);
    ys_diags_release(&x->dg);
}

#define HEAD(n, code, b)                                                                              \
    n "、测试项目绩效目标表\n\n单位：万元\n\n"                                                        \
    "项目编码\t" code "\t\t项目名称\t测试项目\t\t\n"                                                  \
    "预算规模及资金用途\t预算数\t" b "\t其中：财政资金\t" b "\t其他资金\t\n"                            \
    "\t用途文字\t\t\t\t\t\n"

#define IND_HEADER "一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t指标值确定依据\t\n"

static void page_break_in_indicators(void **state)
{
    (void)state;
    doc x;
    load(&x, "5 某县某局\n5 某县某局\n"
             HEAD("1", "P1", "10.00")
             "资金支出计划（万元）\t3月底\t6月底\t10月底\t12月底\n"
             "\t1\t2\t3\t10.00\n"
             "绩效目标\t目标一\t\t\t\t\t\n"
             IND_HEADER
             "产出指标\t数量指标\t人数\t补贴人数\t≥100人\t计划\t\n"
             "\t质量指标\t准确率\t发放准确\t100%\t保障群众正常\t\n"
             "\n5 某县某局\n\n单位：万元\n"
             IND_HEADER
             "\t\t\t\t\t生活\n"
             "效益指标\t社会效益指标\t覆盖\t覆盖面\t≥90%\t规划\t\n"
             "\n八、政府采购预算情况\n");
    assert_int_equal(x.d->nprojects, 1);
    const ys_project *p = &x.d->projects[0];
    assert_string_equal(p->code, "P1");
    assert_string_equal(p->name, "测试项目");
    assert_false(p->schedule_percent);
    assert_int_equal(p->nschedule, 4);
    assert_int_equal(p->schedule[3].value.money, WAN(1000));
    assert_int_equal(p->nindicators, 3);
    assert_string_equal(p->indicators[1].basis, "保障群众正常生活");   /* stitched across the page */
    assert_string_equal(p->indicators[1].level1, "产出指标");
    assert_string_equal(p->indicators[2].level1, "效益指标");
    assert_int_equal(x.dg.count, 0);
    /* the section heading after the table is not the project's */
    assert_string_equal(x.td.lines[x.td.nlines - 1].norm, "八、政府采购预算情况");
    assert_false(x.td.claimed[x.td.nlines - 1]);
    assert_true(x.td.claimed[x.td.nlines - 2]);
    done(&x);
}

static void labels_apart_and_loose_values(void **state)
{
    (void)state;
    doc x;
    /* values off the header's columns are paired in order; a label line carries its own value */
    load(&x, HEAD("2", "P2", "8.00")
             "资金支出计划（%）\t3 月底\t\t6 月底\t\t10 月底\t\n"
             "\t\t2.00\t\t4.00\t\t6.00\n"
             "12 月底\t8.00\t第四季度\t8.00\n"
             "\t目标文字\n"
             IND_HEADER "产出指标\t数量指标\t甲\t乙\t1\t丙\n");
    assert_int_equal(x.d->nprojects, 1);
    const ys_project *p = &x.d->projects[0];
    static const char *const labels[] = {"3月底", "6月底", "10月底", "12月底", "第四季度"};
    static const ys_money values[] = {WAN(200), WAN(400), WAN(600), WAN(800), WAN(800)};
    expect_schedule(p, 5, labels, values);
    assert_true(p->schedule_percent);
    assert_string_equal(p->goal, "目标文字");
    assert_int_equal(p->nindicators, 1);
    done(&x);

    /* a repeated schedule with a different value: first kept, one warning at its line */
    load(&x, HEAD("3", "P3", "4.00")
             "资金支出计划（%）\t3月底\t6月底\n\t1.00\t2.00\n"
             "资金支出计划（%）\t3月底\t6月底\n\t1.00\t2.50\n"
             "绩效目标\t目标\n" IND_HEADER "产出指标\t数量指标\t甲\t乙\t1\t丙\n");
    p = &x.d->projects[0];
    assert_int_equal(p->nschedule, 2);
    assert_int_equal(p->schedule[1].value.money, WAN(200));
    assert_int_equal(x.dg.count, 1);
    assert_int_equal(x.dg.items[0].line, 11);
    assert_non_null(strstr(x.dg.items[0].message, "重复"));
    done(&x);
}

static void other_funds_and_units(void **state)
{
    (void)state;
    doc x;
    load(&x, "1、其他资金项目绩效目标表\n单位：元\n项目编码\tP9\t项目名称\t名\n"
             "预算规模及资金用途\t预算数\t1,500.50\t其中：财政资金\t1,000.00\t其他资金\t500.50\n"
             "绩效目标\t目标\n" IND_HEADER "产出指标\t数量指标\t甲\t乙\t1\t丙\n");
    const ys_project *p = &x.d->projects[0];
    assert_int_equal(p->unit, YS_UNIT_YUAN);
    assert_int_equal(p->budget.money, 150050);
    assert_int_equal(p->fiscal.money, 100000);
    assert_int_equal(p->other.kind, YS_CELL_MONEY);
    assert_int_equal(p->other.money, 50050);
    assert_int_equal(x.dg.count, 0);
    done(&x);
}

/* The labelled-row layout of yusuan's own HTML (and of many published pages): 其他资金 and 资金用途 on rows
 * of their own, the schedule as a list in one cell, the goal's second paragraph on a row below. */
static void labelled_rows_layout(void **state)
{
    (void)state;
    doc x;
    load(&x, "1、甲项目绩效目标表\n单位：万元\n项目编码\tP1\t项目名称\t甲\n"
             "预算数\t9.00\t其中：财政资金\t8.00\n"
             "其他资金\t1.00\n"
             "资金用途\t发放工资\n\t缴纳保险\n"
             "资金支出计划\t3月底 4.50；6月底 6.00；12月底9.00\n"
             "绩效目标\t1.目标一\n\t2.目标二\n" IND_HEADER "产出指标\t数量指标\t甲\t乙\t1\t丙\n"
             "2、乙项目绩效目标表\n项目编码\tP2\t项目名称\t乙\n预算数\t1.00\t其中：财政资金\t1.00\n"
             "其他资金\t\n资金用途\t其他资金用于购置设备\n"
             "资金支出计划\t12月底 1.00\n绩效目标\t目标\n" IND_HEADER "产出指标\t数量指标\t甲\t乙\t1\t丙\n");
    assert_int_equal(x.d->nprojects, 2);
    const ys_project *p = &x.d->projects[0];
    assert_int_equal(p->budget.money, 9000000);   /* 分 */
    assert_int_equal(p->fiscal.money, 8000000);
    assert_int_equal(p->other.kind, YS_CELL_MONEY);
    assert_int_equal(p->other.money, 1000000);
    assert_string_equal(p->purpose, "发放工资\n缴纳保险");
    static const char *const labels[] = {"3月底", "6月底", "12月底"};
    static const ys_money values[] = {4500000, 6000000, 9000000};
    expect_schedule(p, 3, labels, values);
    assert_string_equal(p->goal, "1.目标一\n2.目标二");
    assert_int_equal(p->nindicators, 1);
    p = &x.d->projects[1];
    assert_int_equal(p->other.kind, YS_CELL_EMPTY);
    assert_string_equal(p->purpose, "其他资金用于购置设备");   /* a purpose starting with the word */
    assert_int_equal(p->nschedule, 1);
    assert_int_equal(x.dg.count, 0);
    done(&x);
}

/* A title directly followed by another (page headers between them aside) is a group heading, not a
 * project; a title followed by its rows is a project even when it is the group's name. */
static void group_heading_is_not_a_project(void **state)
{
    (void)state;
    doc x;
    load(&x, "项目支出绩效目标表\n\n单位：万元\n1、甲项目绩效目标表\n项目编码\tP1\t项目名称\t甲\n"
             "预算数\t1.00\t其中：财政资金\t1.00\n绩效目标\t目标\n" IND_HEADER "产出指标\t数量指标\t甲\t乙\t1\t丙\n");
    assert_int_equal(x.d->nprojects, 1);
    assert_string_equal(x.d->projects[0].code, "P1");
    assert_int_equal(x.dg.count, 0);
    done(&x);
    load(&x, "项目支出绩效目标表\n项目编码\tP1\t项目名称\t甲\n"
             "预算数\t1.00\t其中：财政资金\t1.00\n绩效目标\t目标\n" IND_HEADER "产出指标\t数量指标\t甲\t乙\t1\t丙\n");
    assert_int_equal(x.d->nprojects, 1);
    assert_string_equal(x.d->projects[0].code, "P1");
    done(&x);
}

static void unreadable_tables_warn(void **state)
{
    (void)state;
    doc x;
    load(&x, "\n1、坏表绩效目标表\n胡乱\t文字\n\n2、也坏绩效目标表\n");
    assert_int_equal(x.d->nprojects, 2);
    assert_true(x.dg.count >= 4);
    bool title_line = false;
    for (size_t i = 0; i < x.dg.count; i++) {
        assert_int_equal(x.dg.items[i].level, YS_DIAG_WARNING);
        assert_string_equal(x.dg.items[i].file, "p.txt");
        assert_true(x.dg.items[i].line > 0);
        if (x.dg.items[i].line == 2 && strstr(x.dg.items[i].message, "没有项目编码")) title_line = true;
    }
    assert_true(title_line);
    done(&x);

    /* a 部门整体 table is not a project */
    load(&x, "部门整体绩效目标表\n" IND_HEADER "产出指标\t数量指标\t甲\t乙\t1\t丙\n");
    assert_int_equal(x.d->nprojects, 0);
    done(&x);
}

static void garbage_does_not_crash(void **state)
{
    (void)state;
    static const char *const inputs[] = {
        "绩效目标表\n", "1、绩效目标表\n项目编码\n预算数\n资金支出计划\n\t\t\n12月底\n绩效目标\n",
        "1、x绩效目标表\n" IND_HEADER "\t\t\t\t\t号\n\t\t\t\t\t号\n",
        "1、x绩效目标表\n资金支出计划\t3月底\n\t1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\t13\t14\t15\t16\t17\t18"
        "\t19\t20\t21\t22\t23\t24\t25\t26\t27\t28\t29\t30\t31\t32\t33\t34\t35\n",
        "1、x绩效目标表\n预算数\t99999999999999999999\t财政资金\t-\t其他资金\t(1)\n",
        "1、x绩效目标表\n\t12月底 \n\t 月底 1\n", "\xe7\xbb\xa9\xe6\x95\x88\xe7\x9b\xae\xe6\xa0\x87\xe8\xa1\xa8\xff\n",
    };
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        doc x;
        ys_diags_init(&x.dg);
        x.d = ys_disclosure_new("g.txt");
        if (ys_tdoc_load(&x.td, x.d, inputs[i], strlen(inputs[i]), &x.dg) == YS_OK) {
            ys_text_read_meta(&x.td, &x.dg);
            ys_text_read_projects(&x.td, &x.dg);
        }
        done(&x);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sample_forty_projects),
        cmocka_unit_test(sample_amounts),
        cmocka_unit_test(sample_regular_schedule),
        cmocka_unit_test(sample_irregular_schedules),
        cmocka_unit_test(sample_goals),
        cmocka_unit_test(sample_indicators),
        cmocka_unit_test(page_break_in_indicators),
        cmocka_unit_test(labels_apart_and_loose_values),
        cmocka_unit_test(other_funds_and_units),
        cmocka_unit_test(labelled_rows_layout),
        cmocka_unit_test(group_heading_is_not_a_project),
        cmocka_unit_test(unreadable_tables_warn),
        cmocka_unit_test(garbage_does_not_crash),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
