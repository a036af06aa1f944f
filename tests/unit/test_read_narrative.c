/*
 * test_read_narrative.c — unit tests of the text reader's NARRATIVE stage (read/text_narrative.c): the
 * sample's 情况说明 (preamble + sections 一 … 十一, their text, the figures of sections 二, 三, 四 and 九
 * with labels and exact amounts in 分), and hand-made texts for figure parsing (units, thousands
 * separators, years, percentages and document numbers that are not figures, labels after a previous
 * figure), headings whose numbers must increase, a narrative without a 情况说明 title, and one after a
 * 目录 without page numbers (read/text_toc.c) whose entries must not become its sections, and a heading
 * the 目录 lists printed on one line with its section's first sentence.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "read/read.h"
#include "read/tdoc.h"
#include "read/text_internal.h"

#define SAMPLE "examples/zhaoxian-hrss-2024/published.txt"
#define WAN(x) ((ys_money)(x) * 10000)   /* WAN(456) = 4.56 万元 in 分 */

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

static const ys_section *section(const ys_disclosure *d, const char *number)
{
    for (size_t i = 0; i < d->nsections; i++)
        if (strcmp(d->sections[i].number, number) == 0) return &d->sections[i];
    fail_msg("section %s not found", number);
    return NULL;
}

typedef struct {
    const char *label;
    ys_money amount;
} fig;

static void expect_figures(const ys_section *s, const fig *want, size_t n)
{
    if (s->nfigures != n) fail_msg("section %s: %zu figures, want %zu", s->number, s->nfigures, n);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(s->figures[i].label, want[i].label) != 0)
            fail_msg("section %s figure %zu: label \"%s\", want \"%s\"", s->number, i, s->figures[i].label,
                     want[i].label);
        assert_int_equal(s->figures[i].amount, want[i].amount);
    }
}

/* ---- the sample ------------------------------------------------------------------------------ */

static void sample_sections(void **state)
{
    (void)state;
    static const char *const numbers[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一"};
    static const char *const titles[] = {
        "赵县人力资源和社会保障局 2024 年部门预算信息公开情况说明",
        "部门职责及机构设置情况",
        "部门预算安排的总体情况",
        "机关运行经费安排情况",
        "财政拨款“三公”经费预算情况及增减变化原因",
        "部门整体绩效目标",
        "部门主管专项资金预算安排情况及绩效目标",
        "部门项目预算安排情况及绩效目标",
        "政府采购预算情况",
        "国有资产信息",
        "名词解释",
        "其他需要说明的事项",
    };
    assert_int_equal(sample->nsections, 12);
    for (size_t i = 0; i < 12; i++) {
        assert_string_equal(sample->sections[i].number, numbers[i]);
        assert_string_equal(sample->sections[i].title, titles[i]);
    }
    assert_int_equal(sample->sections[0].src.line, 621);
    assert_int_equal(sample->sections[1].src.line, 625);
    assert_int_equal(sample->sections[11].src.line, 1673);

    assert_true(strncmp(sample->sections[0].text, "按照《中华人民共和国预算法》", strlen("按照《中华人民共和国预算法》")) == 0);
    const ys_section *s2 = section(sample, "二");
    assert_non_null(strstr(s2->text, "1、收入说明\n2024年预算收入34063.09万元"));
    assert_non_null(strstr(section(sample, "五")->text, "(一)总体绩效目标"));
    assert_string_equal(section(sample, "六")->text, "");
    /* section 七 holds the project tables, read (and claimed) by the project stage */
    assert_string_equal(section(sample, "七")->text, "");
    const ys_section *s10 = section(sample, "十");
    assert_null(strstr(s10->text, "**"));
    assert_true(strncmp(s10->text, "1、财政拨款收入:指本级财政", strlen("1、财政拨款收入:指本级财政")) == 0);
    assert_string_equal(section(sample, "十一")->text, "我部门无其他需要说明的事项。");
}

static void sample_figures_two(void **state)
{
    (void)state;
    static const fig want[] = {
        {"2024年预算收入", WAN(3406309)},
        {"其中:一般公共预算收入", WAN(3406309)},
        {"国有资本经营预算拨款收入", 0},
        {"政府基金预算收入", 0},
        {"财政专户拨款收入", 0},
        {"其他来源收入", 0},
        {"2024年支出预算", WAN(3406309)},
        {"其中基本支出", WAN(144371)},
        {"包括人员经费", WAN(131931)},
        {"日常公用经费", WAN(12440)},
        {"项目支出", WAN(3261938)},
        {"2024年预算收支安排", WAN(3406309)},
        {"较2023年预算增加", WAN(322091)},
        {"其中项目支出增加", WAN(318740)},
    };
    const ys_section *s = section(sample, "二");
    expect_figures(s, want, sizeof want / sizeof *want);
    assert_string_equal(s->figures[0].text, "34063.09万元");
    assert_int_equal(s->figures[0].unit, YS_UNIT_WANYUAN);
    assert_int_equal(s->figures[0].decimals, 2);
    assert_int_equal(s->figures[9].decimals, 1);
    assert_int_equal(s->figures[0].src.line, 673);
    assert_true(strncmp(s->figures[0].context, "2024年预算收入34063.09万元,其中", strlen("2024年预算收入34063.09万元,其中")) == 0);
    assert_true(strstr(s->figures[0].context, "其他来源收入0万元。") != NULL);
}

static void sample_figures_three_four(void **state)
{
    (void)state;
    static const fig three[] = {
        {"我局机关运行经费共计安排", WAN(6940)},
        {"其中:办公费", WAN(515)},
        {"水费", WAN(100)},
        {"电费", WAN(100)},
        {"邮电费", WAN(1450)},
        {"取暖费", WAN(100)},
        {"物业费", WAN(623)},
        {"差旅费", WAN(80)},
        {"公车运行维护费", WAN(400)},
        {"其他交通费用", WAN(1500)},
        {"其他商品和服务费用", WAN(2072)},
    };
    expect_figures(section(sample, "三"), three, sizeof three / sizeof *three);
    static const fig four[] = {
        {"我部门财政拨款“三公”经费支出预算", WAN(1110)},
        {"因公出国(境)费", 0},
        {"公务用车购置及运行维护费", WAN(1110)},
        {"与上年预算相比减少", WAN(40)},
        {"其中:公务用车购置费为", 0},
        {"公务用车运行维护费", WAN(1110)},
        {"与上年预算相比减少", WAN(40)},
        {"公务接待费", 0},
    };
    expect_figures(section(sample, "四"), four, sizeof four / sizeof *four);
    const ys_section *s9 = section(sample, "九");
    assert_true(s9->nfigures >= 2);
    assert_non_null(strstr(s9->figures[0].label, "上年末固定资产金额"));
    assert_int_equal(s9->figures[0].amount, WAN(221988));
    assert_string_equal(s9->figures[0].text, "2219.88 万元");
    assert_string_equal(s9->figures[1].label, "本年度拟购置固定资产总额为");
    assert_int_equal(s9->figures[1].amount, 0);
    assert_int_equal(s9->figures[1].decimals, 2);
    /* no figure elsewhere: texts without money units */
    assert_int_equal(section(sample, "一")->nfigures, 0);
    assert_int_equal(section(sample, "五")->nfigures, 0);
    assert_int_equal(section(sample, "十")->nfigures, 0);
}

/* ---- hand-made texts ------------------------------------------------------------------------- */

typedef struct {
    ys_disclosure *d;
    ys_tdoc td;
    ys_diags dg;
} doc;

static void load(doc *x, const char *text)
{
    ys_diags_init(&x->dg);
    x->d = ys_disclosure_new("n.txt");
    assert_int_equal(ys_tdoc_load(&x->td, x->d, text, strlen(text), &x->dg), YS_OK);
    ys_text_read_narrative(&x->td, &x->dg);
}

static void done(doc *x)
{
    ys_disclosure_free(x->d);
    ys_diags_release(&x->dg);
}

static void figure_parsing(void **state)
{
    (void)state;
    doc x;
    load(&x, "某局2024年部门预算情况说明\n"
             "一、总体情况\n"
             "收入1,234.56元和支出1.5亿元；增长10%，冀财社[2022]150号文件下达2024年资金3万元及其他2万元。\n"
             "人数100人，面积20平方米，比例5:5，支出 12.5 万元以上。\n");
    assert_int_equal(x.d->nsections, 2);
    const ys_section *s = &x.d->sections[1];
    assert_string_equal(s->number, "一");
    assert_string_equal(s->title, "总体情况");
    static const fig want[] = {
        {"收入", 123456},
        {"支出", (ys_money)15 * 1000000000},
        {"冀财社[2022]150号文件下达2024年资金", WAN(300)},
        {"其他", WAN(200)},
        {"支出", WAN(1250)},
    };
    expect_figures(s, want, sizeof want / sizeof *want);
    assert_int_equal(s->figures[0].unit, YS_UNIT_YUAN);
    assert_string_equal(s->figures[0].text, "1,234.56元");
    assert_int_equal(s->figures[1].unit, YS_UNIT_YIYUAN);
    assert_string_equal(s->figures[1].context, "收入1,234.56元和支出1.5亿元;");
    assert_string_equal(s->figures[4].text, "12.5 万元");
    assert_int_equal(s->figures[4].src.line, 4);
    done(&x);
}

static void headings_increase(void **state)
{
    (void)state;
    doc x;
    /* no 情况说明 title: the narrative starts at 一; a later "一、" is text, not a heading */
    load(&x, "\n一、职责\n甲\n\n二、总体情况\n一、收入\n乙\n三、其他\n**丙**\n");
    assert_int_equal(x.d->nsections, 3);
    assert_string_equal(x.d->sections[0].number, "一");
    assert_string_equal(x.d->sections[0].text, "甲");
    assert_string_equal(x.d->sections[1].number, "二");
    assert_string_equal(x.d->sections[1].text, "一、收入\n乙");
    assert_string_equal(x.d->sections[2].number, "三");
    assert_string_equal(x.d->sections[2].text, "丙");
    for (size_t i = 1; i < x.td.nlines; i++) assert_true(x.td.lines[i].blank || x.td.claimed[i]);
    done(&x);

    /* claimed lines (tables read by other stages) are not narrative text */
    ys_diags_init(&x.dg);
    x.d = ys_disclosure_new("n.txt");
    const char *t = "说明\n部门预算情况说明\n十、名词\n表格行\t5万元\n正文\n";
    assert_int_equal(ys_tdoc_load(&x.td, x.d, t, strlen(t), &x.dg), YS_OK);
    x.td.claimed[3] = 1;
    ys_text_read_narrative(&x.td, &x.dg);
    assert_int_equal(x.d->nsections, 2);
    assert_string_equal(x.d->sections[0].title, "部门预算情况说明");
    assert_string_equal(x.d->sections[1].number, "十");
    assert_string_equal(x.d->sections[1].text, "正文");
    assert_int_equal(x.d->sections[1].nfigures, 0);
    done(&x);

    /* nothing that looks like a narrative */
    load(&x, "部门预算收支总表\n1\t合计\t5\n");
    assert_int_equal(x.d->nsections, 0);
    done(&x);
}

/* A 目录 without page numbers (a 决算 read from PDF): its lines are TOC entries, never sections; a line
 * of a two-column 目录 holding two entries is two entries; the body's headings start the sections. */
static void toc_without_pages(void **state)
{
    (void)state;
    doc x;
    ys_diags_init(&x.dg);
    x.d = ys_disclosure_new("n.txt");
    const char *t = "某局2024年度部门决算\n"
                    "目 录\n"
                    "第一部分某局概况\n"
                    "\n"
                    "第二部分某局\t2024\t年度部门决算\n"
                    "情况说明\n"
                    "一、收入支出决算总体情况说明\n"
                    "二、一般公共预算财政拨款基本支出决算情况说明三、财政拨款“三公”经费支出决算情况说明\n"
                    "四、其他重要事项说明\n"
                    "第一部分某局概况\n"
                    "主要职能：负责本区规划。\n"
                    "第二部分某局2024年度部门决算\n"
                    "情况说明\n"
                    "一、收入支出决算总体情况说明\n"
                    "收入支出总计100.00万元。\n"
                    "二、一般公共预算财政拨款基本支出决算情况说明\n"
                    "基本支出50.00万元。\n"
                    "三、财政拨款“三公”经费支出决算情况说明\n"
                    "公务接待费支出1.00万元。\n"
                    "四、其他重要事项说明\n"
                    "无。\n";
    assert_int_equal(ys_tdoc_load(&x.td, x.d, t, strlen(t), &x.dg), YS_OK);
    ys_text_read_toc(&x.td, &x.dg);
    static const char *const toc[] = {
        "第一部分某局概况", "第二部分某局2024年度部门决算", "一、收入支出决算总体情况说明",
        "二、一般公共预算财政拨款基本支出决算情况说明", "三、财政拨款“三公”经费支出决算情况说明", "四、其他重要事项说明",
    };
    assert_int_equal(x.d->ntoc, sizeof toc / sizeof *toc);
    for (size_t i = 0; i < x.d->ntoc; i++) {
        assert_string_equal(x.d->toc[i].title, toc[i]);
        assert_int_equal(x.d->toc[i].page, 0);
    }
    for (size_t i = 1; i < 9; i++) assert_true(x.td.lines[i].blank || x.td.claimed[i]);   /* 目 录 … 四 */
    assert_false(x.td.claimed[9]);   /* the body's 第一部分 ends the 目录 */
    ys_text_read_narrative(&x.td, &x.dg);
    assert_int_equal(x.d->nsections, 5);
    assert_string_equal(x.d->sections[0].title, "情况说明");
    assert_int_equal(x.d->sections[0].src.line, 13);
    assert_string_equal(x.d->sections[3].number, "三");
    assert_string_equal(x.d->sections[3].title, "财政拨款“三公”经费支出决算情况说明");
    assert_string_equal(x.d->sections[3].text, "公务接待费支出1.00万元。");
    assert_int_equal(x.d->sections[3].src.line, 18);
    assert_string_equal(x.d->sections[4].text, "无。");
    done(&x);

    /* two short lines after 目录 are no 目录: nothing claimed, as without the rule */
    ys_diags_init(&x.dg);
    x.d = ys_disclosure_new("n.txt");
    t = "目录\n一、概况\n二、说明\n本单位2024年收入10万元。\n";
    assert_int_equal(ys_tdoc_load(&x.td, x.d, t, strlen(t), &x.dg), YS_OK);
    ys_text_read_toc(&x.td, &x.dg);
    assert_int_equal(x.d->ntoc, 0);
    assert_false(x.td.claimed[1]);
    done(&x);
}

/* Reads t's 目录 and narrative into x. */
static void load_toc(doc *x, const char *t)
{
    ys_diags_init(&x->dg);
    x->d = ys_disclosure_new("n.txt");
    assert_int_equal(ys_tdoc_load(&x->td, x->d, t, strlen(t), &x->dg), YS_OK);
    ys_text_read_toc(&x->td, &x->dg);
    ys_text_read_narrative(&x->td, &x->dg);
}

/* A heading printed on one line with its first sentence (sh-ghzy 九) starts its section when the 目录
 * lists it; not when the 目录 does not, nor when a heading line of that number comes later. */
static void heading_glued_to_text(void **state)
{
    (void)state;
    static const char head[] = "某局2024年度部门决算\n"
                               "目 录\n"
                               "第一部分某局概况\n"
                               "第二部分某局2024年度部门决算情况说明\n"
                               "一、收入支出决算总体情况说明\n"
                               "二、政府性基金预算财政拨款收入支出决算情况说明\n"
                               "三、国有资本经营预算财政拨款收入支出决算情况说明\n"
                               "四、其他重要事项说明\n"
                               "第一部分某局概况\n"
                               "主要职能：负责本区规划。\n"
                               "第二部分某局2024年度部门决算情况说明\n"
                               "一、收入支出决算总体情况说明\n"
                               "收入支出总计100.00万元。\n"
                               "二、政府性基金预算财政拨款收入支出决算情况说明\n"
                               "本局2024年度无政府性基金预算财政拨款收入和支出。\n";
    char t[2048];
    doc x;
    /* 三 glued to its sentence (a space between, as a PDF may print it) */
    snprintf(t, sizeof t, "%s%s", head,
             "三、国有资本经营预算财政拨款收入支出决算情况说明 本局2024年度国有资本经营预算支出2.00万元。\n"
             "四、其他重要事项说明\n"
             "无。\n");
    load_toc(&x, t);
    assert_int_equal(x.d->ntoc, 6);
    assert_int_equal(x.d->nsections, 5);
    assert_string_equal(x.d->sections[2].text, "本局2024年度无政府性基金预算财政拨款收入和支出。");
    const ys_section *s = &x.d->sections[3];
    assert_string_equal(s->number, "三");
    assert_string_equal(s->title, "国有资本经营预算财政拨款收入支出决算情况说明");
    assert_string_equal(s->text, "本局2024年度国有资本经营预算支出2.00万元。");
    assert_int_equal(s->src.line, 16);
    expect_figures(s, (const fig[]){{"本局2024年度国有资本经营预算支出", WAN(200)}}, 1);
    assert_int_equal(x.d->sections[2].nfigures, 0);
    assert_string_equal(x.d->sections[4].number, "四");
    done(&x);

    /* a later heading line 三 starts the section: the glued line stays text of 二 */
    snprintf(t, sizeof t, "%s%s", head,
             "三、国有资本经营预算财政拨款收入支出决算情况说明见下。\n"
             "三、国有资本经营预算财政拨款收入支出决算情况说明\n"
             "无。\n");
    load_toc(&x, t);
    assert_int_equal(x.d->nsections, 4);
    assert_string_equal(x.d->sections[2].text, "本局2024年度无政府性基金预算财政拨款收入和支出。\n"
                                               "三、国有资本经营预算财政拨款收入支出决算情况说明见下。");
    assert_int_equal(x.d->sections[3].src.line, 17);
    done(&x);

    /* a title the 目录 does not list starts nothing */
    snprintf(t, sizeof t, "%s%s", head, "三、国有资本经营预算财政拨款收入支出情况说明本局无。\n");
    load_toc(&x, t);
    assert_int_equal(x.d->nsections, 3);
    done(&x);
}

static void garbage_does_not_crash(void **state)
{
    (void)state;
    static const char *const inputs[] = {
        "情况说明\n", "情况说明\n十十十、\n九十九、x\n一、\n", "一、a\n1元\n,元\n.5万元\n99999999999999999999万元\n",
        "一、a\n1.234元\n0.001万元\n1,23元\n1,234,5元\n", "一、a\n万元元亿元\n１２３万元\n",
        "一、a\n**\n***\n*\n", "情况说明\n\t\t\t5万元\t\n",
    };
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        doc x;
        load(&x, inputs[i]);
        done(&x);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sample_sections),
        cmocka_unit_test(sample_figures_two),
        cmocka_unit_test(sample_figures_three_four),
        cmocka_unit_test(figure_parsing),
        cmocka_unit_test(headings_increase),
        cmocka_unit_test(toc_without_pages),
        cmocka_unit_test(heading_glued_to_text),
        cmocka_unit_test(garbage_does_not_crash),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
