/*
 * test_read_meta.c — unit tests of the text reader's META and TOC stages (read/text_meta.c,
 * read/text_toc.c): the sample document's department, code, region, year, kind, scope and unit and its
 * 20-line table of contents; small hand-made documents for chained regions, 决算/单位 signals, conflicting
 * signals (unknown + one warning), unit majority and TOC lines with dot leaders and no 目录 title.
 * The stages are run directly on a ys_tdoc so that these tests do not depend on the table stage.
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

typedef struct {
    ys_disclosure *d;
    ys_tdoc td;
    ys_diags dg;
} doc;

/* Load text and run META then TOC on it. */
static void load(doc *x, const char *text)
{
    ys_diags_init(&x->dg);
    x->d = ys_disclosure_new("t.txt");
    assert_int_equal(ys_tdoc_load(&x->td, x->d, text, strlen(text), &x->dg), YS_OK);
    ys_text_read_meta(&x->td, &x->dg);
    ys_text_read_toc(&x->td, &x->dg);
}

static void load_file(doc *x, const char *path)
{
    char *bytes = NULL;
    size_t n = 0;
    ys_diags_init(&x->dg);
    assert_int_equal(ys_read_file(path, &bytes, &n, &x->dg), YS_OK);
    x->d = ys_disclosure_new(path);
    assert_int_equal(ys_tdoc_load(&x->td, x->d, bytes, n, &x->dg), YS_OK);
    free(bytes);
    ys_text_read_meta(&x->td, &x->dg);
    ys_text_read_toc(&x->td, &x->dg);
}

static void done(doc *x)
{
    ys_disclosure_free(x->d);
    ys_diags_release(&x->dg);
}

static size_t warnings_with(const ys_diags *dg, const char *needle)
{
    size_t n = 0;
    for (size_t i = 0; i < dg->count; i++)
        if (dg->items[i].level == YS_DIAG_WARNING && strstr(dg->items[i].message, needle)) n++;
    return n;
}

/* ---- the sample ------------------------------------------------------------------------------ */

static void sample_meta(void **state)
{
    (void)state;
    doc x;
    load_file(&x, SAMPLE);
    const ys_meta *m = &x.d->meta;
    assert_string_equal(m->department, "赵县人力资源和社会保障局");
    assert_string_equal(m->department_code, "323");
    assert_string_equal(m->region, "赵县");
    assert_int_equal(m->year, 2024);
    assert_int_equal(m->kind, YS_KIND_BUDGET);
    assert_int_equal(m->scope, YS_SCOPE_DEPARTMENT);
    assert_int_equal(m->unit, YS_UNIT_WANYUAN);
    assert_int_equal(x.dg.count, 0);
    done(&x);
}

static void sample_meta_full_read(void **state)
{
    (void)state;
    ys_diags dg;
    ys_diags_init(&dg);
    ys_disclosure *d = NULL;
    assert_int_equal(ys_read_text_file(SAMPLE, &d, &dg), YS_OK);
    assert_string_equal(d->meta.department, "赵县人力资源和社会保障局");
    assert_int_equal(d->meta.year, 2024);
    assert_int_equal(d->ntoc, 20);
    ys_disclosure_free(d);
    ys_diags_release(&dg);
}

static void sample_toc(void **state)
{
    (void)state;
    doc x;
    load_file(&x, SAMPLE);
    const ys_disclosure *d = x.d;
    assert_int_equal(d->ntoc, 20);
    static const struct {
        const char *title;
        int page;
        ys_table_id table;
    } want[] = {
        {"部门预算收支总表", 1, YS_TABLE_SUMMARY},
        {"部门预算收入总表", 4, YS_TABLE_INCOME},
        {"部门预算支出总表", 13, YS_TABLE_EXPENSE},
        {"部门预算财政拨款收支总表", 18, YS_TABLE_FISCAL_SUMMARY},
        {"部门预算一般公共预算财政拨款支出表", 23, YS_TABLE_GPB_EXPENSE},
        {"部门预算一般公共预算财政拨款基本支出表", 27, YS_TABLE_GPB_BASIC},
        {"部门预算政府性基金预算财政拨款支出表", 29, YS_TABLE_GOV_FUND},
        {"部门预算国有资本经营预算财政拨款支出表", 30, YS_TABLE_SOE_CAPITAL},
        {"部门预算财政拨款“三公”经费支出表", 31, YS_TABLE_THREE_PUBLIC},
        {"一、部门职责及机构设置情况", 33, YS_TABLE_NONE},
        {"二、部门预算安排的总体情况", 35, YS_TABLE_NONE},
        {"三、机关运行经费安排情况", 36, YS_TABLE_NONE},
        {"四、财政拨款“三公”经费预算情况及增减变化原因", 37, YS_TABLE_NONE},
        {"五、部门整体绩效目标", 37, YS_TABLE_NONE},
        {"六、部门主管专项资金预算安排情况及绩效目标", 43, YS_TABLE_NONE},
        {"七、部门项目预算安排情况及绩效目标", 43, YS_TABLE_NONE},
        {"八、政府采购预算情况", 84, YS_TABLE_NONE},
        {"九、国有资产信息", 84, YS_TABLE_NONE},
        {"十、名词解释", 85, YS_TABLE_NONE},
        {"十一、其他需要说明的事项", 86, YS_TABLE_NONE},
    };
    for (size_t i = 0; i < 20; i++) {
        assert_string_equal(d->toc[i].title, want[i].title);
        assert_int_equal(d->toc[i].page, want[i].page);
        assert_int_equal(d->toc[i].table, want[i].table);
    }
    assert_int_equal(d->toc[0].src.line, 7);
    assert_int_equal(d->toc[19].src.line, 30);
    /* TOC lines, its title and its group headings are claimed; the first table title is not */
    assert_true(x.td.claimed[2]);    /* 2024 年部门预算信息公开目录 */
    assert_true(x.td.claimed[4]);    /* 部门预算公开表 */
    assert_true(x.td.claimed[6]);    /* 部门预算收支总表 1 */
    assert_true(x.td.claimed[16]);   /* 部门预算信息公开情况说明 */
    assert_false(x.td.claimed[31]);  /* 部门预算收支总表 (the table itself) */
    done(&x);
}

/* ---- hand-made documents --------------------------------------------------------------------- */

static void region_chained(void **state)
{
    (void)state;
    doc x;
    load(&x, "上海市普陀区教育局 2023 年部门预算\n"
             "101 上海市普陀区教育局\n单位：万元\n1\t合计\t5.00\n"
             "101 上海市普陀区教育局\n单位：万元\n");
    assert_string_equal(x.d->meta.department, "上海市普陀区教育局");
    assert_string_equal(x.d->meta.department_code, "101");
    assert_string_equal(x.d->meta.region, "上海市普陀区");
    assert_int_equal(x.d->meta.year, 2023);
    done(&x);

    load(&x, "7 河北省石家庄市赵县财政局\n\n7 河北省石家庄市赵县财政局\n");
    assert_string_equal(x.d->meta.region, "河北省石家庄市赵县");
    done(&x);

    /* a second level-3 suffix does not chain: 社区 is not a division below 县 */
    load(&x, "9 赵县社区服务中心\n9 赵县社区服务中心\n");
    assert_string_equal(x.d->meta.region, "赵县");
    done(&x);

    /* no administrative prefix: no region */
    load(&x, "12 市场监督管理局\n12 市场监督管理局\n");
    assert_string_equal(x.d->meta.department, "市场监督管理局");
    assert_null(x.d->meta.region);
    done(&x);
}

static void department_from_title(void **state)
{
    (void)state;
    doc x;
    /* one department line only is not enough (could be anything); the 情况说明 title names it */
    load(&x, "赵县财政局 2024 年部门预算信息公开情况说明\n");
    assert_string_equal(x.d->meta.department, "赵县财政局");
    assert_null(x.d->meta.department_code);
    assert_string_equal(x.d->meta.region, "赵县");
    assert_int_equal(x.d->meta.year, 2024);
    done(&x);
}

static void final_and_unit_scope(void **state)
{
    (void)state;
    doc x;
    load(&x, "2023 年度单位决算公开\n决算年度：\n2023\n单位：元\n项目\t年初预算数\t决算数\n");
    assert_int_equal(x.d->meta.kind, YS_KIND_FINAL);
    assert_int_equal(x.d->meta.scope, YS_SCOPE_UNIT);
    assert_int_equal(x.d->meta.year, 2023);
    assert_int_equal(x.d->meta.unit, YS_UNIT_YUAN);
    assert_int_equal(x.dg.count, 0);
    done(&x);
}

static void conflicts_are_unknown(void **state)
{
    (void)state;
    doc x;
    load(&x, "2024 年部门预算信息公开目录\n预算年度：2023\n2024 年部门决算公开\n2024 年单位预算\n"
             "单位：万元\n单位：元\n");
    assert_int_equal(x.d->meta.year, 0);
    assert_int_equal(x.d->meta.kind, YS_KIND_UNKNOWN);
    assert_int_equal(x.d->meta.scope, YS_SCOPE_UNKNOWN);
    assert_int_equal(x.d->meta.unit, YS_UNIT_UNKNOWN);
    assert_int_equal(warnings_with(&x.dg, "年度"), 1);
    assert_int_equal(warnings_with(&x.dg, "决算"), 1);
    assert_int_equal(warnings_with(&x.dg, "单位"), 2);   /* 部门/单位 scope, and the money unit */
    assert_int_equal(x.dg.count, 4);
    done(&x);

    /* a majority is not a conflict */
    load(&x, "单位：万元\n单位：万元\n单位：元\n金额单位：万元\n");
    assert_int_equal(x.d->meta.unit, YS_UNIT_WANYUAN);
    assert_int_equal(x.dg.count, 0);
    done(&x);
}

static void toc_leaders_without_title(void **state)
{
    (void)state;
    doc x;
    load(&x, "\n收支总表……1\n财政拨款收支总表.......2\n一般公共预算财政拨款基本支出表 3\n"
             "一、部门职责……10\n\n收支总表\n323 某局\n");
    assert_int_equal(x.d->ntoc, 4);
    assert_string_equal(x.d->toc[0].title, "收支总表");
    assert_int_equal(x.d->toc[0].table, YS_TABLE_SUMMARY);
    assert_string_equal(x.d->toc[1].title, "财政拨款收支总表");
    assert_int_equal(x.d->toc[1].page, 2);
    assert_int_equal(x.d->toc[1].table, YS_TABLE_FISCAL_SUMMARY);
    assert_int_equal(x.d->toc[2].table, YS_TABLE_GPB_BASIC);
    assert_int_equal(x.d->toc[3].page, 10);
    assert_int_equal(x.d->toc[3].table, YS_TABLE_NONE);
    assert_false(x.td.claimed[6]);   /* the table title after the TOC */
    done(&x);

    /* no TOC at all: nothing read, nothing claimed */
    load(&x, "部门预算收支总表\n323 某局\n序号\t项目\t金额\n1\t合计\t5\n");
    assert_int_equal(x.d->ntoc, 0);
    for (size_t i = 0; i < x.td.nlines; i++) assert_false(x.td.claimed[i]);
    done(&x);
}

static void garbage_does_not_crash(void **state)
{
    (void)state;
    static const char *const inputs[] = {
        "\t\t\t", "目录\n\t1\n", "1 \n1 \n", "目录\n……1\n.1\n", "９９９ 县\n９９９ 县\n", "预算年度：\n",
        "单位：\n单位:万\n", "2024年部门\n", "一、\t99999\n", "\xe5\xb9\xb4\xe5", "目录\n表\t0\n表\t12345\n",
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
        cmocka_unit_test(sample_meta),
        cmocka_unit_test(sample_meta_full_read),
        cmocka_unit_test(sample_toc),
        cmocka_unit_test(region_chained),
        cmocka_unit_test(department_from_title),
        cmocka_unit_test(final_and_unit_scope),
        cmocka_unit_test(conflicts_are_unknown),
        cmocka_unit_test(toc_leaders_without_title),
        cmocka_unit_test(garbage_does_not_crash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
