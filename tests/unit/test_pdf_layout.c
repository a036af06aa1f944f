/*
 * test_pdf_layout.c — the PDF reader's grid step (read/pdf_grid.c, pdf_rows.c) on pages of the PDF that
 * `build` writes for the carry-over book (tests/unit/data/book-carryover), kept as `pdftotext -tsv`
 * output in tests/unit/data/pdf/carryover-*.tsv (no pdftotext needed). Each page once read back wrongly;
 * each case says what the page prints and what the text form of the same page holds:
 *
 *   p5  收入总表: 上年结转, the only filled column right of the empty 其他收入, its numbers right-aligned
 *       under its header: the number column must not reach over 其他收入's header (else the two headers
 *       join as one column and 合计 ≠ 小计; test_roundtrip.c reads the whole document);
 *   p19 narrative: justified lines, where pdftotext splits 1443.71 into "1443." and "71万元" at a gap far
 *       narrower than a space: joined without one (else the figure reads as 71.00);
 *   p62 固定资产占用情况表: a row without amounts (3、单价在20万元以上的设备) is a row, not the rest of
 *       the row above it;
 *   p23 project form: a 预算数 row with seven cells (其他资金 and its amount) above the indicator header
 *       of six: the indicator rows are cut by their own columns;
 *   p61 政府采购预算表 (empty): the header 基金预算拨款 wrapped as 基金预算拨 / 款 — a lone 款 is the end
 *       of its cell, not the 款 of split 类 | 款 | 项 code columns.
 *
 * Pages of other PDFs, in the same way:
 *
 *   ghzy-p19-20 (sh-ghzy-2024-final.pdf): the empty 国有资本经营 table ends with its 注 and 说明 lines; the
 *       next page opens with the part title "第三部分　上海市…2024年度部门决算 / 情况说明" (centred, its
 *       words a wide space apart), the first section heading and a justified line cut around "2024".
 *       They once formed a table zone read as a row of the table before (R22 "第三部分 合计"): the title
 *       is text, the justified line is the start of its paragraph;
 *   ghzy-p22: a justified paragraph line cut around its figure (年初预算为 | 452.40 | 万元，支出决算为) is
 *       the paragraph's line, not a table row;
 *   sample-p65 (the sample rendered by ys_render_pdf): the assets table names its unit in a column header
 *       (价值（金额单位：万元）); the renderer once printed that header beside the department as the unit
 *       line, and the text reader took that line for the header. The page now has no unit line, and
 *       its lines are the table's (the whole sample: test_read_pdf.c test_round_trip).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/diag.h"
#include "read/pdf.h"
#include "read/read.h"

#define DATA "tests/unit/data/pdf/"

/* The lines of a TSV file, as one string "a\tb\n…" (caller frees). */
static char *lines_of_file(const char *path)
{
    char *bytes = NULL;
    size_t n = 0;
    ys_diags dg;
    ys_diags_init(&dg);
    assert_int_equal(ys_read_file(path, &bytes, &n, &dg), YS_OK);
    ys_diags_release(&dg);
    ys_buf out = YS_BUF_INIT;
    int *pages = NULL;
    size_t nl = 0, nw = 0;
    assert_int_equal(ys_pdf_tsv_to_lines(bytes, n, &out, &pages, &nl, &nw), YS_OK);
    free(pages);
    free(bytes);
    char *t = strdup(ys_buf_str(&out));
    ys_buf_release(&out);
    return t;
}

static int has_line(const char *text, const char *line)
{
    size_t n = strlen(line);
    for (const char *p = text; p && *p;) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == n && memcmp(p, line, n) == 0) return 1;
        p = e ? e + 1 : NULL;
    }
    return 0;
}

#define ASSERT_LINE(text, line)                                                                            \
    do {                                                                                                   \
        if (!has_line((text), (line))) fail_msg("line not found: [%s]\nin:\n%s", (line), (text));         \
    } while (0)

static void test_carryover_column_beside_empty_column(void **state)
{
    (void)state;
    char *t = lines_of_file(DATA "carryover-p5-income.tsv");
    ASSERT_LINE(t, "序号\t科目编码\t科目名称\t合计\t小计\t财政拨款收入\t财政专户收入\t事业收入\t经营收入\t上级补助收入\t"
                   "附属单位上缴收入\t其他收入\t上年结转");
    ASSERT_LINE(t, "栏次\t1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12");
    ASSERT_LINE(t, "1\t\t合计\t34236.09\t34063.09\t34063.09\t\t\t\t\t\t\t173.00");
    ASSERT_LINE(t, "5\t2080102\t一般行政管理事务\t189.50\t154.50\t154.50\t\t\t\t\t\t\t35.00");
    ASSERT_LINE(t, "7\t2080150\t事业运行\t3306.00\t3168.00\t3168.00\t\t\t\t\t\t\t138.00");
    free(t);
}

static void test_justified_figures(void **state)
{
    (void)state;
    char *t = lines_of_file(DATA "carryover-p19-narrative.tsv");
    const char *p = strstr(t, "其中基本支出");
    assert_non_null(p);
    assert_non_null(strstr(p, "其中基本支出1443.71万元，包括人员经费1319.31万元和日常公用经费124.40万元"));
    assert_null(strstr(t, ". "));   /* no space put into a number anywhere on the page */
    free(t);
}

static void test_row_without_amounts(void **state)
{
    (void)state;
    char *t = lines_of_file(DATA "carryover-p62-assets.tsv");
    ASSERT_LINE(t, "2、车辆（台、辆）\t5\t63.70");
    ASSERT_LINE(t, "3、单价在20万元以上的设备\t\t");
    ASSERT_LINE(t, "4、其他固定资产\t1285\t322.83");
    free(t);
}

static void test_form_columns_of_their_part(void **state)
{
    (void)state;
    char *t = lines_of_file(DATA "carryover-p23-form.tsv");
    ASSERT_LINE(t, "预算规模及资金用途\t预算数\t162.85\t其中：财政资金\t152.85\t其他资金\t10.00");
    ASSERT_LINE(t, "一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t指标值确定依据");
    ASSERT_LINE(t, "产出指标\t数量指标\t实际缴纳率\t实际缴纳保险人数占应缴纳工资人数的比例\t100%\t实际缴纳率");
    ASSERT_LINE(t, "\t质量指标\t准确率\t准确程度\t100%\t准确率");
    ASSERT_LINE(t, "\t时效指标\t资金支付及时率\t资金支付及时率\t100%\t资金支付及时率");
    ASSERT_LINE(t, "\t成本指标\t项目预算控制数\t人员经费预算金额\t保障人员经费足额发放\t项目预算控制数");
    free(t);
}

static void test_wrapped_header_ending_in_kuan(void **state)
{
    (void)state;
    char *t = lines_of_file(DATA "carryover-p61-procurement.tsv");
    ASSERT_LINE(t, "项目名称\t预算资金\t采购物品名称\t政府采购目录序号\t计量单位\t数量\t单价\t合计\t一般公共预算拨款\t"
                   "基金预算拨款\t国有资本经营预算拨款\t财政专户核拨\t单位资金\t2024年预留中小微企业份额");
    free(t);
}

static ys_disclosure *read_tsv_file(const char *path, ys_diags *dg)
{
    char *bytes = NULL;
    size_t n = 0;
    assert_int_equal(ys_read_file(path, &bytes, &n, dg), YS_OK);
    ys_disclosure *d = NULL;
    assert_int_equal(ys_read_pdf_tsv(path, bytes, n, &d, dg), YS_OK);
    free(bytes);
    assert_non_null(d);
    return d;
}

static void test_part_title_after_table_notes(void **state)
{
    (void)state;
    char *t = lines_of_file(DATA "ghzy-p19-20-part-title.tsv");
    ASSERT_LINE(t, "注：本表反映部门本年度国有资本经营预算财政拨款收入支出及结转和结余情况。");
    ASSERT_LINE(t, "第三部分上海市普陀区规划和自然资源局2024年度部门决算");
    ASSERT_LINE(t, "情况说明");
    ASSERT_LINE(t, "一、收入支出决算总体情况说明");
    ASSERT_LINE(t, "上海市普陀区规划和自然资源局2024年度收入支出总计9859.38万元。与2023年度相比，收入支出总计增加"
                   "1062.85万元，增长12.08%。主要原因：项目支出增加，较上一度增加1133.95万元，主要由于上海市普陀区自然"
                   "资源确权登记事务中心办公大楼装修等。");
    ASSERT_LINE(t, "二、收入决算情况说明");
    const char *p3 = strstr(t, "第三部分");
    assert_non_null(p3);
    assert_null(strchr(p3, '\t'));   /* nothing after the table is cut into columns */
    free(t);
    /* through the text stages: the table keeps its one 合计 row, and nothing of page 20 is read as its row */
    ys_diags dg;
    ys_diags_init(&dg);
    ys_disclosure *d = read_tsv_file(DATA "ghzy-p19-20-part-title.tsv", &dg);
    const ys_table *soe = ys_disclosure_table(d, YS_TABLE_SOE_CAPITAL);
    assert_non_null(soe);
    assert_int_equal(soe->nrows, 1);
    assert_string_equal(soe->rows[0].name, "合计");
    assert_true(!soe->rows[0].code || !*soe->rows[0].code);
    for (size_t i = 0; i < dg.count; i++)
        if (strstr(dg.items[i].message, "无法识别")) fail_msg("a reading artefact: %s", dg.items[i].message);
    ys_disclosure_free(d);
    ys_diags_release(&dg);
}

static void test_justified_line_cut_at_figures(void **state)
{
    (void)state;
    char *t = lines_of_file(DATA "ghzy-p22-justified.tsv");
    const char *p = strstr(t, "3、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）");
    assert_non_null(p);
    const char *e = strchr(p, '\n');
    const char *want = "年初预算为452.40万元，支出决算为446.11万元，完成年初预算的98.61%。";
    const char *w = strstr(p, want);
    if (!w || (e && w > e)) fail_msg("paragraph cut: %s", p);
    assert_null(strchr(t, '\t'));   /* the page is narrative only */
    free(t);
}

static void test_assets_unit_in_header(void **state)
{
    (void)state;
    char *t = lines_of_file(DATA "sample-p65-assets.tsv");
    ASSERT_LINE(t, "323赵县人力资源和社会保障局");
    ASSERT_LINE(t, "项目\t数量\t价值（金额单位：万元）");
    ASSERT_LINE(t, "1、房屋（平方米）\t13509\t1833.35");
    ASSERT_LINE(t, "3、单价在20万元以上的设备\t\t");
    ASSERT_LINE(t, "4、其他固定资产\t1285\t322.83");
    free(t);
    /* the page alone is no disclosure to the text stages: "323赵县…" (the PDF keeps no space after the
     * code) is no department line without the document around it; the whole sample reads back with this
     * table exact (test_read_pdf.c, test_round_trip) */
}

int main(void)
{
    setenv("YUSUAN_DATA", "data", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_carryover_column_beside_empty_column),
        cmocka_unit_test(test_justified_figures),
        cmocka_unit_test(test_row_without_amounts),
        cmocka_unit_test(test_form_columns_of_their_part),
        cmocka_unit_test(test_wrapped_header_ending_in_kuan),
        cmocka_unit_test(test_part_title_after_table_notes),
        cmocka_unit_test(test_justified_line_cut_at_figures),
        cmocka_unit_test(test_assets_unit_in_header),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
