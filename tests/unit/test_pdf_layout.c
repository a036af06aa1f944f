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

int main(void)
{
    setenv("YUSUAN_DATA", "data", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_carryover_column_beside_empty_column),
        cmocka_unit_test(test_justified_figures),
        cmocka_unit_test(test_row_without_amounts),
        cmocka_unit_test(test_form_columns_of_their_part),
        cmocka_unit_test(test_wrapped_header_ending_in_kuan),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
