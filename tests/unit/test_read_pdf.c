/*
 * test_read_pdf.c — the PDF reader (src/read/pdf.c, pdf_grid.c, any.c): the TSV → grid step on small
 * hand-made `pdftotext -tsv` outputs (column bands from right-aligned numbers, split 类/款/项 codes,
 * wrapped cells joined top-aligned and centred, a number split off its row, page continuation with an
 * inherited band, repeated header dropped, page numbers dropped, narrative paragraphs rejoined), then the
 * two real Shanghai PDFs of tests/unit/data/pdf/ (table and row counts and a dozen cells checked by hand
 * against `pdftotext -layout`), the scanned/empty PDF message, a non-PDF given as PDF, dispatch by
 * content, and the round trip through ys_render_pdf when the PDF renderer is linked.
 *
 * Run from the repository root (make unit does); YUSUAN_DATA=data. The tests that run pdftotext are
 * skipped when it is not installed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "catalog/catalog.h"
#include "check/check.h"
#include "core/buf.h"
#include "core/money.h"
#include "core/text.h"
#include "derive/derive.h"
#include "read/book.h"
#include "read/pdf.h"
#include "read/read.h"
#include "render/render.h"
#include "sample_helpers.h"

#define DATA "tests/unit/data/pdf/"

/* The round trip renders with cairo + pango: their process-wide caches are released at its end, and
 * what cairo and fontconfig keep for the life of the process is not ours (as in test_render_pdf.c). */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libcairo.so\nleak:libfontconfig.so\n";
}


/* ---- building a TSV ---------------------------------------------------------------------------------- */

static void tsv_begin(ys_buf *b)
{
    ys_buf_init(b);
    ys_buf_adds(b, "level\tpage_num\tpar_num\tblock_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n");
}

static void tsv_page(ys_buf *b, int page)
{
    ys_buf_printf(b, "1\t%d\t0\t0\t0\t0\t0.000000\t0.000000\t842.000000\t595.000000\t-1\t###PAGE###\n", page);
}

/* A word at (x, y) with height 12 and a width of 12 per character (6 for ASCII). */
static void tsv_word(ys_buf *b, int page, double x, double y, const char *text)
{
    double w = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p < 0x80) w += 6;
        else if ((*p & 0xC0) == 0xC0) w += 12;
    }
    ys_buf_printf(b, "5\t%d\t0\t0\t0\t0\t%.2f\t%.2f\t%.2f\t12.00\t100\t%s\n", page, x, y, w, text);
}

/* A right-aligned number ending at x_right. */
static void tsv_num(ys_buf *b, int page, double x_right, double y, const char *text)
{
    tsv_word(b, page, x_right - 6.0 * (double)strlen(text), y, text);
}

/* The lines of the TSV as one string ("a\tb\n…"). */
static char *lines_of(const ys_buf *tsv, int **pages, size_t *nlines)
{
    ys_buf out = YS_BUF_INIT;
    size_t nwords = 0;
    int *pg = NULL;
    size_t nl = 0;
    assert_int_equal(ys_pdf_tsv_to_lines(ys_buf_str(tsv), tsv->len, &out, &pg, &nl, &nwords), YS_OK);
    if (pages) *pages = pg;
    else free(pg);
    if (nlines) *nlines = nl;
    return ys_buf_detach(&out);
}

static bool has_line(const char *text, const char *line)
{
    size_t n = strlen(line);
    for (const char *p = text; (p = strstr(p, line)) != NULL; p++)
        if ((p == text || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0')) return true;
    return false;
}

#define ASSERT_LINE(text, line)                                                                            \
    do {                                                                                                   \
        if (!has_line((text), (line))) fail_msg("line not found: [%s]\nin:\n%s", (line), (text));         \
    } while (0)

/* A small expense table on page 1: title, unit line, header with split 类/款/项 codes, rows. */
static void small_table(ys_buf *b)
{
    tsv_page(b, 1);
    tsv_word(b, 1, 300, 50, "2023年部门支出预算总表");
    tsv_word(b, 1, 60, 80, "编制部门：某某街道办事处");
    tsv_word(b, 1, 700, 80, "单位：元");
    tsv_word(b, 1, 60, 110, "功能分类科目编码");
    tsv_word(b, 1, 60, 125, "类");
    tsv_word(b, 1, 95, 125, "款");
    tsv_word(b, 1, 130, 125, "项");
    tsv_word(b, 1, 170, 118, "功能分类科目名称");
    tsv_word(b, 1, 380, 118, "合计");
    tsv_word(b, 1, 470, 118, "基本支出");
    tsv_word(b, 1, 580, 118, "项目支出");
    /* rows: codes split in three columns; numbers right-aligned at 440, 540 and 650 */
    tsv_word(b, 1, 62, 150, "201");
    tsv_word(b, 1, 170, 150, "一般公共服务支出");
    tsv_num(b, 1, 440, 150, "2,976,800");
    tsv_num(b, 1, 540, 150, "0");
    tsv_num(b, 1, 650, 150, "2,976,800");
    tsv_word(b, 1, 62, 175, "201");
    tsv_word(b, 1, 97, 175, "05");
    tsv_word(b, 1, 170, 175, "统计信息事务");
    tsv_num(b, 1, 440, 175, "627,600");
    tsv_num(b, 1, 540, 175, "0");
    tsv_num(b, 1, 650, 175, "627,600");
    tsv_word(b, 1, 62, 200, "201");
    tsv_word(b, 1, 97, 200, "05");
    tsv_word(b, 1, 132, 200, "06");
    tsv_word(b, 1, 170, 200, "统计管理");
    tsv_num(b, 1, 440, 200, "26,300");
    tsv_num(b, 1, 540, 200, "0");
    tsv_num(b, 1, 650, 200, "26,300");
}

/* ---- TSV → grid ---------------------------------------------------------------------------------------- */

static void test_bands_and_split_codes(void **state)
{
    (void)state;
    ys_buf b;
    tsv_begin(&b);
    small_table(&b);
    char *t = lines_of(&b, NULL, NULL);
    ASSERT_LINE(t, "2023年部门支出预算总表");
    ASSERT_LINE(t, "编制部门：某某街道办事处\t单位：元");
    /* the header: one line, the code column named by the header above 类/款/项 */
    ASSERT_LINE(t, "功能分类科目编码\t功能分类科目名称\t合计\t基本支出\t项目支出");
    /* "0" right-aligned under 基本支出 stays in that column; the codes are joined */
    ASSERT_LINE(t, "201\t一般公共服务支出\t2,976,800\t0\t2,976,800");
    ASSERT_LINE(t, "20105\t统计信息事务\t627,600\t0\t627,600");
    ASSERT_LINE(t, "2010506\t统计管理\t26,300\t0\t26,300");
    free(t);
    ys_buf_release(&b);
}

static void test_wrapped_cell_top_aligned(void **state)
{
    (void)state;
    ys_buf b;
    tsv_begin(&b);
    small_table(&b);
    /* a name wrapped in its cell: the second line has no number of its own, 2.6 pt below */
    tsv_word(&b, 1, 62, 225, "208");
    tsv_word(&b, 1, 97, 225, "05");
    tsv_word(&b, 1, 132, 225, "05");
    tsv_word(&b, 1, 170, 225, "机关事业单位基本养老保险缴费支");
    tsv_num(&b, 1, 440, 225, "4,412,547");
    tsv_num(&b, 1, 540, 225, "4,412,547");
    tsv_num(&b, 1, 650, 225, "0");
    tsv_word(&b, 1, 170, 239.6, "出");
    tsv_word(&b, 1, 62, 254.5, "208");
    tsv_word(&b, 1, 97, 254.5, "05");
    tsv_word(&b, 1, 132, 254.5, "06");
    tsv_word(&b, 1, 170, 254.5, "机关事业单位职业年金缴费支出");
    tsv_num(&b, 1, 440, 254.5, "2,206,272");
    tsv_num(&b, 1, 540, 254.5, "2,206,272");
    tsv_num(&b, 1, 650, 254.5, "0");
    char *t = lines_of(&b, NULL, NULL);
    ASSERT_LINE(t, "2080505\t机关事业单位基本养老保险缴费支出\t4,412,547\t4,412,547\t0");
    ASSERT_LINE(t, "2080506\t机关事业单位职业年金缴费支出\t2,206,272\t2,206,272\t0");
    assert_null(strstr(t, "\n\t出"));
    free(t);
    ys_buf_release(&b);
}

static void test_wrapped_cell_centred(void **state)
{
    (void)state;
    ys_buf b;
    tsv_begin(&b);
    small_table(&b);
    /* names centred on their row: half above the numbers, half below */
    tsv_word(&b, 1, 170, 218, "事业单位离退");
    tsv_word(&b, 1, 62, 225, "208");
    tsv_word(&b, 1, 97, 225, "05");
    tsv_word(&b, 1, 132, 225, "02");
    tsv_num(&b, 1, 440, 225, "28.11");
    tsv_num(&b, 1, 540, 225, "28.11");
    tsv_num(&b, 1, 650, 225, "0.00");
    tsv_word(&b, 1, 170, 232, "休");
    tsv_word(&b, 1, 170, 246, "机关事业单位");
    tsv_word(&b, 1, 62, 260, "208");
    tsv_word(&b, 1, 97, 260, "05");
    tsv_word(&b, 1, 132, 260, "05");
    tsv_word(&b, 1, 170, 260, "基本养老保险");
    tsv_num(&b, 1, 440, 260, "446.11");
    tsv_num(&b, 1, 540, 260, "446.11");
    tsv_num(&b, 1, 650, 260, "0.00");
    tsv_word(&b, 1, 170, 274, "缴费支出");
    char *t = lines_of(&b, NULL, NULL);
    ASSERT_LINE(t, "2080502\t事业单位离退休\t28.11\t28.11\t0.00");
    ASSERT_LINE(t, "2080505\t机关事业单位基本养老保险缴费支出\t446.11\t446.11\t0.00");
    free(t);
    ys_buf_release(&b);
}

static void test_number_split_off_its_row(void **state)
{
    (void)state;
    ys_buf b;
    tsv_begin(&b);
    small_table(&b);
    /* the 项目支出 amount printed 7 pt lower than its row (a separate visual line) */
    tsv_word(&b, 1, 62, 225, "206");
    tsv_word(&b, 1, 170, 225, "科学技术支出");
    tsv_num(&b, 1, 440, 225, "100,000");
    tsv_num(&b, 1, 540, 225, "0");
    tsv_num(&b, 1, 650, 232, "100,000");
    char *t = lines_of(&b, NULL, NULL);
    ASSERT_LINE(t, "206\t科学技术支出\t100,000\t0\t100,000");
    free(t);
    ys_buf_release(&b);
}

static void test_page_continuation_and_page_numbers(void **state)
{
    (void)state;
    ys_buf b;
    tsv_begin(&b);
    small_table(&b);
    tsv_word(&b, 1, 415, 560, "- 1 -");
    /* page 2: rows only, the 基本支出 column empty on this page: positions must not shift */
    tsv_page(&b, 2);
    tsv_word(&b, 2, 62, 60, "204");
    tsv_word(&b, 2, 170, 60, "公共安全支出");
    tsv_num(&b, 2, 440, 60, "1,252,300");
    tsv_num(&b, 2, 650, 60, "1,252,300");
    tsv_word(&b, 2, 62, 85, "204");
    tsv_word(&b, 2, 97, 85, "06");
    tsv_word(&b, 2, 132, 85, "07");
    tsv_word(&b, 2, 170, 85, "公共法律服务");
    tsv_num(&b, 2, 440, 85, "150,000");
    tsv_num(&b, 2, 650, 85, "150,000");
    tsv_word(&b, 2, 415, 560, "2");
    int *pages = NULL;
    size_t n = 0;
    char *t = lines_of(&b, &pages, &n);
    ASSERT_LINE(t, "204\t公共安全支出\t1,252,300\t\t1,252,300");
    ASSERT_LINE(t, "2040607\t公共法律服务\t150,000\t\t150,000");
    assert_null(strstr(t, "- 1 -"));
    assert_false(has_line(t, "2"));
    assert_true(n >= 7);
    assert_int_equal(pages[0], 1);
    assert_int_equal(pages[n - 1], 2);
    free(pages);
    free(t);
    ys_buf_release(&b);
}

static void test_narrative_paragraphs(void **state)
{
    (void)state;
    ys_buf b;
    tsv_begin(&b);
    tsv_page(&b, 1);
    tsv_word(&b, 1, 350, 60, "部门预算编制说明");
    /* a paragraph over two lines: the first reaches the right margin (x 60 + 56 × 12 = 732) */
    tsv_word(&b, 1, 84, 90, "2023年，某某街道办事处收入预算16497.86万元，其中：财政拨款收入16497.86万元，比2022年预");
    tsv_word(&b, 1, 60, 104.5, "算增加1421.25万元。");
    tsv_word(&b, 1, 84, 119, "支出预算16497.86万元。");
    char *t = lines_of(&b, NULL, NULL);
    ASSERT_LINE(t, "部门预算编制说明");
    ASSERT_LINE(t, "2023年，某某街道办事处收入预算16497.86万元，其中：财政拨款收入16497.86万元，比2022年预算增加1421.25万元。");
    ASSERT_LINE(t, "支出预算16497.86万元。");
    free(t);
    ys_buf_release(&b);
}

/* A paragraph cut by a page break goes on on the next page (the 机关运行经费 parts of the sample's PDF);
 * one that ends with "。" at the margin, or a next page that starts indented, does not. */
static void test_paragraph_across_pages(void **state)
{
    (void)state;
    ys_buf b;
    tsv_begin(&b);
    tsv_page(&b, 1);
    tsv_word(&b, 1, 84, 90, "其中：办公费5.15万元、水费1.00万元、电费1.00万元、邮电费14.50万元、取暖费1.00万元、物业管");
    tsv_word(&b, 1, 60, 104.5, "理费6.23万元、差旅费0.80万元、公务用车运行维护费4.00万元、其他交通费用15.00万元、其他商品和服");
    tsv_word(&b, 1, 380, 560, "第 1 页");
    tsv_page(&b, 2);
    tsv_word(&b, 2, 60, 40, "务支出20.72万元。");
    tsv_word(&b, 2, 84, 60, "第二段从这里开始，它很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长。");
    tsv_page(&b, 3);
    tsv_word(&b, 3, 84, 40, "新的一段。");
    int *pages = NULL;
    size_t nl = 0;
    char *t = lines_of(&b, &pages, &nl);
    ASSERT_LINE(t, "其中：办公费5.15万元、水费1.00万元、电费1.00万元、邮电费14.50万元、取暖费1.00万元、物业管"
                   "理费6.23万元、差旅费0.80万元、公务用车运行维护费4.00万元、其他交通费用15.00万元、其他商品和服"
                   "务支出20.72万元。");
    ASSERT_LINE(t, "新的一段。");   /* indented on its page: a paragraph of its own */
    assert_int_equal(nl, 3);
    assert_int_equal(pages[0], 1);   /* the joined paragraph starts on page 1 */
    assert_int_equal(pages[2], 3);
    free(pages);
    free(t);
    ys_buf_release(&b);
}

/* A word of height h (the title size) at (x, y), 12 wide per character as tsv_word. */
static void tsv_word_h(ys_buf *b, int page, double x, double y, double h, const char *text)
{
    double w = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p < 0x80) w += h / 2;
        else if ((*p & 0xC0) == 0xC0) w += h;
    }
    ys_buf_printf(b, "5\t%d\t0\t0\t0\t0\t%.2f\t%.2f\t%.2f\t%.2f\t100\t%s\n", page, x, y, w, h, text);
}

/* A long title wrapped over two lines is one title; two short titles one above the other stay two. */
static void test_wrapped_title(void **state)
{
    (void)state;
    ys_buf b;
    tsv_begin(&b);
    tsv_page(&b, 1);
    tsv_word_h(&b, 1, 60, 40, 16, "26、关于提前下达2024年中央财政机关事业单位养老保险制度改革补助经费预算的通知冀财社");
    tsv_word_h(&b, 1, 330, 57, 16, "[2023]199号绩效目标表");
    tsv_word_h(&b, 1, 350, 100, 16, "一、部门职责");
    tsv_word_h(&b, 1, 350, 117, 16, "二、机构设置");
    for (int i = 0; i < 6; i++) tsv_word(&b, 1, 84, 150 + 15 * i, "正文。");
    char *t = lines_of(&b, NULL, NULL);
    ASSERT_LINE(t, "26、关于提前下达2024年中央财政机关事业单位养老保险制度改革补助经费预算的通知冀财社[2023]199号绩效目标表");
    ASSERT_LINE(t, "一、部门职责");
    ASSERT_LINE(t, "二、机构设置");
    free(t);
    ys_buf_release(&b);
}

/* A table of text only (机构设置): rows close together are rows, not one wrapped header. */
static void test_text_only_table_rows(void **state)
{
    (void)state;
    ys_buf b;
    tsv_begin(&b);
    tsv_page(&b, 1);
    static const char *const rows[4][3] = {{"单位名称", "单位性质", "经费保障形式"},
                                           {"某某局本级", "行政", "财政拨款"},
                                           {"某某服务中心", "事业", "财政性资金基本保证"},
                                           {"某某管理中心", "事业", "财政性资金基本保证"}};
    for (int r = 0; r < 4; r++)
        for (int c = 0; c < 3; c++) tsv_word(&b, 1, 60 + 200 * c, 100 + 17 * r, rows[r][c]);
    char *t = lines_of(&b, NULL, NULL);
    ASSERT_LINE(t, "单位名称\t单位性质\t经费保障形式");
    ASSERT_LINE(t, "某某局本级\t行政\t财政拨款");
    ASSERT_LINE(t, "某某服务中心\t事业\t财政性资金基本保证");
    ASSERT_LINE(t, "某某管理中心\t事业\t财政性资金基本保证");
    free(t);
    ys_buf_release(&b);
}

/* ---- empty 决算 template tables (no amount anywhere: columns from the header words) ----------------- */

/* The side-by-side 基本支出决算表 (code | name | 决算数, twice): the second code column is left-aligned
 * codes, not amounts, so it does not reach left over the first block's empty 决算数 column. */
static void test_side_by_side_codes(void **state)
{
    (void)state;
    ys_buf b;
    tsv_begin(&b);
    tsv_page(&b, 1);
    static const double hx[6] = {60, 130, 230, 300, 370, 470};
    static const char *const hdr[6] = {"科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"};
    for (int c = 0; c < 6; c++) tsv_word(&b, 1, hx[c], 100, hdr[c]);
    static const char *const rows[3][4] = {{"301", "工资福利支出", "302", "商品和服务支出"},
                                           {"30101", "基本工资", "30201", "办公费"},
                                           {"30102", "津贴补贴", "30202", "印刷费"}};
    for (int r = 0; r < 3; r++) {
        tsv_word(&b, 1, 60, 120 + 17 * r, rows[r][0]);
        tsv_word(&b, 1, 130, 120 + 17 * r, rows[r][1]);
        tsv_word(&b, 1, 300, 120 + 17 * r, rows[r][2]);
        tsv_word(&b, 1, 370, 120 + 17 * r, rows[r][3]);
    }
    char *t = lines_of(&b, NULL, NULL);
    ASSERT_LINE(t, "科目编码\t科目名称\t决算数\t科目编码\t科目名称\t决算数");
    ASSERT_LINE(t, "301\t工资福利支出\t\t302\t商品和服务支出\t");
    ASSERT_LINE(t, "30102\t津贴补贴\t\t30202\t印刷费\t");
    free(t);
    ys_buf_release(&b);
}

/* The “三公” 决算 table of a blank template: items over 预算数 | 决算数 pairs, one of them wrapped over two
 * lines (因公出国 / （境）费), and no row: every item heads two columns, the wrapped item is one text. */
static void test_empty_pairs_header(void **state)
{
    (void)state;
    ys_buf b;
    tsv_begin(&b);
    tsv_page(&b, 1);
    tsv_word(&b, 1, 131, 100, "合计");
    tsv_word(&b, 1, 229, 95, "因公出国");
    tsv_word(&b, 1, 229, 109, "（境）费");
    tsv_word(&b, 1, 333, 100, "公务接待费");
    static const double px[3] = {100, 210, 320};
    for (int i = 0; i < 3; i++) {
        tsv_word(&b, 1, px[i], 140, "预算数");
        tsv_word(&b, 1, px[i] + 50, 140, "决算数");
    }
    tsv_word(&b, 1, 60, 180, "注：本表反映部门本年度“三公”经费支出预决算情况。");
    char *t = lines_of(&b, NULL, NULL);
    ASSERT_LINE(t, "合计\t\t因公出国（境）费\t\t公务接待费\t");
    ASSERT_LINE(t, "预算数\t决算数\t预算数\t决算数\t预算数\t决算数");
    free(t);
    ys_buf_release(&b);
}

/* A two-sided total table printed with its row labels only (收入支出决算总表 of a blank template): the
 * left-aligned labels are rows under 项目, not group headers; on the next page the labels go on in the
 * bands of the first page (no header there), a label wrapped in its column is joined. */
static void test_empty_two_sided_labels(void **state)
{
    (void)state;
    ys_buf b;
    tsv_begin(&b);
    tsv_page(&b, 1);
    tsv_word(&b, 1, 120, 80, "收入");
    tsv_word(&b, 1, 400, 80, "支出");
    tsv_word(&b, 1, 100, 100, "项目");
    tsv_word(&b, 1, 240, 100, "决算数");
    tsv_word(&b, 1, 380, 100, "项目");
    tsv_word(&b, 1, 520, 100, "决算数");
    static const char *const left[3] = {"一、财政拨款收入", "二、事业收入", "三、其他收入"};
    static const char *const right[3] = {"一、一般公共服务支出", "二、外交支出", "三、国防支出"};
    for (int r = 0; r < 3; r++) {
        tsv_word(&b, 1, 40, 125 + 21 * r, left[r]);
        tsv_word(&b, 1, 320, 125 + 21 * r, right[r]);
    }
    tsv_page(&b, 2);
    tsv_word(&b, 2, 320, 60, "四、公共安全支出");
    tsv_word(&b, 2, 320, 81, "五、灾害防治及应急管理支");
    tsv_word(&b, 2, 320, 95, "出");
    tsv_word(&b, 2, 320, 116, "六、其他支出");
    tsv_word(&b, 2, 40, 137, "本年收入合计");
    tsv_word(&b, 2, 320, 137, "本年支出合计");
    char *t = lines_of(&b, NULL, NULL);
    ASSERT_LINE(t, "项目\t决算数\t项目\t决算数");
    ASSERT_LINE(t, "一、财政拨款收入\t\t一、一般公共服务支出\t");
    ASSERT_LINE(t, "三、其他收入\t\t三、国防支出\t");
    ASSERT_LINE(t, "\t\t四、公共安全支出\t");
    ASSERT_LINE(t, "\t\t五、灾害防治及应急管理支出\t");
    ASSERT_LINE(t, "本年收入合计\t\t本年支出合计\t");
    free(t);
    ys_buf_release(&b);
}

/* A blank table under a 栏次 line: its numbers give the leaf columns, even where a header text reaches
 * over into the next column (一般公共预算财政拨款 wider than its column, 政府性基金 a line lower). */
static void test_stub_line_columns(void **state)
{
    (void)state;
    ys_buf b;
    tsv_begin(&b);
    tsv_page(&b, 1);
    tsv_word(&b, 1, 60, 100, "项目");
    tsv_word(&b, 1, 150, 100, "一般公共预算财政拨款");
    tsv_word(&b, 1, 260, 114, "政府性基金");
    tsv_word(&b, 1, 60, 135, "栏次");
    tsv_word(&b, 1, 207, 135, "1");
    tsv_word(&b, 1, 287, 135, "2");
    tsv_word(&b, 1, 60, 170, "注：本表无数据。");
    char *t = lines_of(&b, NULL, NULL);
    ASSERT_LINE(t, "项目\t一般公共预算财政拨款\t政府性基金");
    ASSERT_LINE(t, "栏次\t1\t2");
    free(t);
    ys_buf_release(&b);
}

/* The small table read through the text reader, continued on page 2 with its header repeated. */
static void test_read_tsv_repeated_header(void **state)
{
    (void)state;
    ys_buf b;
    tsv_begin(&b);
    small_table(&b);
    tsv_page(&b, 2);
    tsv_word(&b, 2, 60, 30, "功能分类科目编码");
    tsv_word(&b, 2, 60, 45, "类");
    tsv_word(&b, 2, 95, 45, "款");
    tsv_word(&b, 2, 130, 45, "项");
    tsv_word(&b, 2, 170, 38, "功能分类科目名称");
    tsv_word(&b, 2, 380, 38, "合计");
    tsv_word(&b, 2, 470, 38, "基本支出");
    tsv_word(&b, 2, 580, 38, "项目支出");
    tsv_word(&b, 2, 62, 70, "204");
    tsv_word(&b, 2, 170, 70, "公共安全支出");
    tsv_num(&b, 2, 440, 70, "1,252,300");
    tsv_num(&b, 2, 540, 70, "0");
    tsv_num(&b, 2, 650, 70, "1,252,300");
    ys_diags dg;
    ys_diags_init(&dg);
    ys_disclosure *d = NULL;
    assert_int_equal(ys_read_pdf_tsv("t.pdf", ys_buf_str(&b), b.len, &d, &dg), YS_OK);
    const ys_table *t = ys_disclosure_table(d, YS_TABLE_EXPENSE);
    assert_non_null(t);
    assert_int_equal(t->nrows, 4);
    assert_int_equal(t->unit, YS_UNIT_YUAN);
    assert_string_equal(t->rows[3].code, "204");
    assert_int_equal(t->rows[3].src.page, 2);
    assert_int_equal(t->rows[3].src.line, 0);
    assert_int_equal(t->src.page, 1);
    const ys_cell *c = ys_row_cell(t, &t->rows[2], "total");
    assert_non_null(c);
    assert_int_equal(c->money, (ys_money)2630000);   /* 26,300 元 = 2,630,000 分 */
    assert_int_equal(c->src.page, 1);
    ys_disclosure_free(d);
    ys_diags_release(&dg);
    ys_buf_release(&b);
}

static void test_tsv_garbage_and_no_words(void **state)
{
    (void)state;
    const char *bad = "level\tpage\n5\t1\t0\t0\t0\t0\tnan\t1\t2\t3\t100\tx\n5\t1\t0\t0\t0\t0\t1e300\t1\t2\t3\t100\ty\n"
                      "5\t-1\t0\t0\t0\t0\t1\t1\t2\t3\t100\tz\n\t\t\t\n";
    ys_diags dg;
    ys_diags_init(&dg);
    ys_disclosure *d = NULL;
    assert_int_equal(ys_read_pdf_tsv("s.pdf", bad, strlen(bad), &d, &dg), YS_ERR_FORMAT);
    assert_null(d);
    assert_non_null(strstr(dg.items[dg.count - 1].message, "PDF 中没有可提取的文字（可能是扫描件）"));
    ys_diags_release(&dg);
}

/* ---- real PDFs (pdftotext) ------------------------------------------------------------------------------ */

#define NEED_PDFTOTEXT()                                                                                   \
    do {                                                                                                   \
        if (!smp_have_program("pdftotext")) skip();                                                                     \
    } while (0)

static const ys_row *row_by(const ys_table *t, const char *code, const char *name)
{
    for (size_t i = 0; i < t->nrows; i++)
        if (strcmp(t->rows[i].code, code) == 0 && (!name || strcmp(t->rows[i].name, name) == 0))
            return &t->rows[i];
    return NULL;
}

static const ys_row *row_with_cell(const ys_table *t, const char *key, const char *text)
{
    int c = ys_table_col(t, key);
    for (size_t i = 0; c >= 0 && i < t->nrows; i++)
        if (t->rows[i].cells[c].text && strcmp(t->rows[i].cells[c].text, text) == 0) return &t->rows[i];
    return NULL;
}

static ys_money cell_of(const ys_table *t, const ys_row *r, const char *key)
{
    assert_non_null(r);
    const ys_cell *c = ys_row_cell(t, r, key);
    assert_non_null(c);
    assert_int_equal(c->kind, YS_CELL_MONEY);
    return c->money;
}

#define YUAN(n) ((ys_money)(n) * 100)

static void test_wanli_budget(void **state)
{
    (void)state;
    NEED_PDFTOTEXT();
    ys_diags dg;
    ys_diags_init(&dg);
    ys_disclosure *d = NULL;
    assert_int_equal(ys_read_pdf_file(DATA "sh-wanli-2023-budget.pdf", &d, &dg), YS_OK);
    static const struct {
        ys_table_id id;
        size_t rows;
    } counts[] = {
        {YS_TABLE_SUMMARY, 9},     {YS_TABLE_INCOME, 67},      {YS_TABLE_EXPENSE, 67},
        {YS_TABLE_FISCAL_SUMMARY, 9}, {YS_TABLE_GPB_EXPENSE, 67}, {YS_TABLE_GPB_BASIC, 31},
        {YS_TABLE_GOV_FUND, 1},    {YS_TABLE_SOE_CAPITAL, 1},   /* the 合计 row, empty */
    };
    for (size_t i = 0; i < sizeof counts / sizeof *counts; i++) {
        const ys_table *t = ys_disclosure_table(d, counts[i].id);
        if (!t) fail_msg("table %s missing", ys_table_id_name(counts[i].id));
        assert_int_equal(t->unit, YS_UNIT_YUAN);
        if (t->nrows != counts[i].rows)
            fail_msg("%s: %zu rows, expected %zu", ys_table_id_name(counts[i].id), t->nrows, counts[i].rows);
    }
    /* a dozen cells, checked against pdftotext -layout */
    const ys_table *s = ys_disclosure_table(d, YS_TABLE_SUMMARY);
    assert_int_equal(cell_of(s, &s->rows[0], "in_amount"), YUAN(164978640));
    assert_int_equal(cell_of(s, row_with_cell(s, "out_item", "七、城乡社区支出"), "out_amount"), YUAN(121319878));
    const ys_table *in = ys_disclosure_table(d, YS_TABLE_INCOME);
    assert_int_equal(cell_of(in, row_by(in, "2080505", NULL), "total"), YUAN(4412547));
    assert_string_equal(row_by(in, "2080505", NULL)->name, "机关事业单位基本养老保险缴费支出");
    assert_int_equal(cell_of(in, row_by(in, "2120101", NULL), "fiscal"), YUAN(18373632));
    const ys_table *ex = ys_disclosure_table(d, YS_TABLE_EXPENSE);
    assert_int_equal(cell_of(ex, row_by(ex, "2120199", NULL), "basic"), YUAN(46161905));
    assert_int_equal(cell_of(ex, row_by(ex, "2120199", NULL), "project"), YUAN(3765200));
    assert_int_equal(cell_of(ex, row_by(ex, "", "合计"), "basic"), YUAN(99406297));
    assert_int_equal(ys_row_cell(ex, row_by(ex, "2010506", NULL), "basic")->money, 0);
    const ys_table *fs = ys_disclosure_table(d, YS_TABLE_FISCAL_SUMMARY);
    assert_int_equal(cell_of(fs, row_with_cell(fs, "out_item", "四、文化旅游体育与传媒支出"), "out_total"), YUAN(200000));
    const ys_table *ge = ys_disclosure_table(d, YS_TABLE_GPB_EXPENSE);
    assert_int_equal(cell_of(ge, row_by(ge, "2210203", NULL), "total"), YUAN(3256800));
    const ys_table *gb = ys_disclosure_table(d, YS_TABLE_GPB_BASIC);
    assert_int_equal(cell_of(gb, row_by(gb, "30199", NULL), "personnel"), YUAN(37884108));
    assert_int_equal(cell_of(gb, row_by(gb, "30239", NULL), "public"), YUAN(698880));
    /* sources are pages */
    assert_int_equal(row_by(ex, "2120199", NULL)->src.page, 17);
    assert_int_equal(row_by(ex, "2120199", NULL)->src.line, 0);
    /* empty tables keep their note */
    assert_non_null(ys_disclosure_table(d, YS_TABLE_GOV_FUND)->note);
    assert_true(d->nsections > 0);
    ys_disclosure_free(d);
    ys_diags_release(&dg);
}

static void test_ghzy_final_accounts(void **state)
{
    (void)state;
    NEED_PDFTOTEXT();
    ys_diags dg;
    ys_diags_init(&dg);
    ys_disclosure *d = NULL;
    assert_int_equal(ys_read_pdf_file(DATA "sh-ghzy-2024-final.pdf", &d, &dg), YS_OK);
    /* what the text reader stages recognise of a 决算 today (决算 columns come later) */
    const ys_table *ge = ys_disclosure_table(d, YS_TABLE_GPB_EXPENSE);
    assert_non_null(ge);
    assert_int_equal(ge->unit, YS_UNIT_WANYUAN);
    const ys_row *r = row_by(ge, "2080505", NULL);
    assert_non_null(r);
    assert_string_equal(r->name, "机关事业单位基本养老保险缴费支出");   /* wrapped, centred */
    assert_int_equal(cell_of(ge, r, "total"), (ys_money)446110000);     /* 446.11 万元 */
    assert_string_equal(row_by(ge, "2080502", NULL)->name, "事业单位离退休");
    assert_non_null(ys_disclosure_table(d, YS_TABLE_INCOME));
    assert_non_null(ys_disclosure_table(d, YS_TABLE_EXPENSE));
    /* diagnostics say page N, never a synthetic line */
    for (size_t i = 0; i < dg.count; i++) assert_int_equal(dg.items[i].line, 0);
    ys_disclosure_free(d);
    ys_diags_release(&dg);
}

static void test_empty_page_pdf(void **state)
{
    (void)state;
    NEED_PDFTOTEXT();
    ys_diags dg;
    ys_diags_init(&dg);
    ys_disclosure *d = NULL;
    assert_int_equal(ys_read_any_file(DATA "empty-page.pdf", &d, &dg), YS_ERR_FORMAT);
    assert_null(d);
    assert_int_equal(dg.errors, 1);
    assert_string_equal(dg.items[0].message, "PDF 中没有可提取的文字（可能是扫描件）");
    ys_diags_release(&dg);
}

static void test_not_a_pdf(void **state)
{
    (void)state;
    NEED_PDFTOTEXT();
    ys_diags dg;
    ys_diags_init(&dg);
    ys_disclosure *d = NULL;
    assert_int_not_equal(ys_read_pdf_file(DATA "not-a-pdf.pdf", &d, &dg), YS_OK);
    assert_null(d);
    assert_true(dg.errors >= 1);
    assert_non_null(strstr(dg.items[0].message, "PDF 无法读取"));
    ys_diags_release(&dg);
    /* by content it is text (and not a disclosure) */
    ys_diags_init(&dg);
    assert_int_equal(ys_read_any_file(DATA "not-a-pdf.pdf", &d, &dg), YS_ERR_FORMAT);
    assert_null(strstr(dg.items[dg.count - 1].message, "PDF"));
    ys_diags_release(&dg);
    /* a missing file */
    ys_diags_init(&dg);
    assert_int_not_equal(ys_read_any_file(DATA "no-such-file.pdf", &d, &dg), YS_OK);
    assert_true(dg.errors >= 1);
    ys_diags_release(&dg);
}

static void test_pdftotext_missing(void **state)
{
    (void)state;
    char *old = getenv("PATH") ? strdup(getenv("PATH")) : NULL;
    setenv("PATH", "/nonexistent-yusuan-test", 1);
    ys_diags dg;
    ys_diags_init(&dg);
    ys_disclosure *d = NULL;
    ys_status st = ys_read_any_file(DATA "sh-wanli-2023-budget.pdf", &d, &dg);
    if (old) setenv("PATH", old, 1);
    free(old);
    assert_int_not_equal(st, YS_OK);
    assert_null(d);
    assert_non_null(strstr(dg.items[0].message, "poppler-utils"));
    ys_diags_release(&dg);
}

/* Are x and y the same text up to ASCII spaces? A PDF keeps no space between CJK text and digits
 * (单价在 20 万元 reads back as 单价在20万元): pdftotext splits words there and the grid joins them
 * without one. */
static bool same_but_spaces(const char *x, const char *y)
{
    if (!x || !y) return x == y;
    for (;;) {
        while (*x == ' ') x++;
        while (*y == ' ') y++;
        if (*x != *y) return false;
        if (!*x) return true;
        x++;
        y++;
    }
}

/* Do the tables `id` of a and b hold the same rows and cells (names up to spaces)? */
static bool same_table(const ys_disclosure *a, const ys_disclosure *b, int id)
{
    const ys_table *x = a->tables[id], *y = b->tables[id];
    if (!x || !y) return x == y;
    if (x->nrows != y->nrows || x->ncols != y->ncols) return false;
    for (size_t r = 0; r < x->nrows; r++) {
        if (strcmp(x->rows[r].code, y->rows[r].code) != 0 || !same_but_spaces(x->rows[r].name, y->rows[r].name))
            return false;
        for (size_t c = 0; c < x->ncols; c++)
            if (x->rows[r].cells[c].kind != y->rows[r].cells[c].kind ||
                x->rows[r].cells[c].money != y->rows[r].cells[c].money ||
                x->rows[r].cells[c].qty != y->rows[r].cells[c].qty)
                return false;
    }
    return true;
}

/*
 * A PDF rendered from the sample (ys_render_pdf) reads back. Every table is compared cell by cell; the
 * tables listed in `exact` must read back exactly (the others are reported). The assets table names its
 * unit in a column header (价值（金额单位：万元）): the renderer prints no unit line for it, as the text
 * renderer does — printed beside the department, that header text made the line read as the table's header.
 */
static void test_round_trip(void **state)
{
    (void)state;
    NEED_PDFTOTEXT();
    ys_diags dg;
    ys_diags_init(&dg);
    ys_disclosure *src = NULL, *back = NULL;
    assert_int_equal(ys_read_text_file("examples/zhaoxian-hrss-2024/published.txt", &src, &dg), YS_OK);
    char path[] = "/tmp/ys-pdf-rt-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(ys_render_pdf(src, path, &dg), YS_OK);
    ys_status st = ys_read_pdf_file(path, &back, &dg);
    unlink(path);
    assert_int_equal(st, YS_OK);
    static const ys_table_id exact[] = {YS_TABLE_SUMMARY,     YS_TABLE_INCOME,      YS_TABLE_EXPENSE,
                                        YS_TABLE_FISCAL_SUMMARY, YS_TABLE_GPB_EXPENSE, YS_TABLE_GPB_BASIC,
                                        YS_TABLE_GOV_FUND,    YS_TABLE_SOE_CAPITAL, YS_TABLE_THREE_PUBLIC,
                                        YS_TABLE_PROCUREMENT, YS_TABLE_ORGANISATION, YS_TABLE_ASSETS};
    for (size_t i = 0; i < sizeof exact / sizeof *exact; i++)
        if (!same_table(src, back, exact[i])) fail_msg("%s does not read back exactly", ys_table_id_name(exact[i]));
    for (int id = 0; id < YS_TABLE__COUNT; id++)
        if (src->tables[id] && !same_table(src, back, id))
            print_message("round trip: %s not yet exact\n", ys_table_id_name((ys_table_id)id));
    ys_disclosure_free(src);
    ys_disclosure_free(back);
    ys_diags_release(&dg);
    pango_cairo_font_map_set_default(NULL);
    cairo_debug_reset_static_data();
}

/* A 三公 table printed sideways (items as columns, one row of amounts), as Shanghai prints it. */
static void test_sideways_three_public(void **state)
{
    (void)state;
    ys_buf b;
    tsv_begin(&b);
    tsv_page(&b, 1);
    tsv_word(&b, 1, 300, 40, "2023年部门“三公”经费和机关运行经费预算表");
    tsv_word(&b, 1, 60, 70, "编制部门：某某街道办事处");
    tsv_word(&b, 1, 700, 70, "单位:万元");
    tsv_word(&b, 1, 200, 100, "2023年“三公”经费预算数");
    tsv_word(&b, 1, 460, 100, "公务用车购置及运行费");
    tsv_word(&b, 1, 60, 125, "合计");
    tsv_word(&b, 1, 150, 125, "因公出国(境)费");
    tsv_word(&b, 1, 270, 125, "公务接待费");
    tsv_word(&b, 1, 400, 125, "小计");
    tsv_word(&b, 1, 490, 125, "购置费");
    tsv_word(&b, 1, 580, 125, "运行费");
    tsv_word(&b, 1, 660, 125, "2023年机关运行经费预算数");
    tsv_num(&b, 1, 100, 150, "22.91");
    tsv_num(&b, 1, 220, 150, "0");
    tsv_num(&b, 1, 330, 150, "1.35");
    tsv_num(&b, 1, 440, 150, "21.56");
    tsv_num(&b, 1, 530, 150, "0");
    tsv_num(&b, 1, 620, 150, "21.56");
    tsv_num(&b, 1, 780, 150, "786.09");
    ys_diags dg;
    ys_diags_init(&dg);
    ys_disclosure *d = NULL;
    assert_int_equal(ys_read_pdf_tsv("sideways.pdf", ys_buf_str(&b), b.len, &d, &dg), YS_OK);
    const ys_table *t = ys_disclosure_table(d, YS_TABLE_THREE_PUBLIC);
    assert_non_null(t);
    assert_int_equal(t->unit, YS_UNIT_WANYUAN);
    assert_int_equal(t->nrows, 6);
    assert_int_equal(cell_of(t, row_by(t, "", "合计"), "total"), (ys_money)22910000);
    assert_int_equal(cell_of(t, row_by(t, "", "一、因公出国(境)费"), "total"), 0);
    assert_int_equal(cell_of(t, row_by(t, "", "二、公务用车购置及运行费"), "total"), (ys_money)21560000);
    assert_int_equal(cell_of(t, row_by(t, "", "公务用车运行费"), "total"), (ys_money)21560000);
    assert_int_equal(cell_of(t, row_by(t, "", "三、公务接待费"), "total"), (ys_money)1350000);
    /* sources point at the printed amounts (page 1) */
    assert_int_equal(row_by(t, "", "三、公务接待费")->src.page, 1);
    ys_disclosure_free(d);
    ys_diags_release(&dg);
    ys_buf_release(&b);
}

/* The same on the real Shanghai PDF (page 28), and the audit of that PDF gives no error. */
static void test_wanli_sideways_three_public(void **state)
{
    (void)state;
    NEED_PDFTOTEXT();
    ys_diags dg;
    ys_diags_init(&dg);
    ys_disclosure *d = NULL;
    assert_int_equal(ys_read_pdf_file(DATA "sh-wanli-2023-budget.pdf", &d, &dg), YS_OK);
    const ys_table *t = ys_disclosure_table(d, YS_TABLE_THREE_PUBLIC);
    assert_non_null(t);
    assert_int_equal(t->unit, YS_UNIT_WANYUAN);
    assert_int_equal(cell_of(t, row_by(t, "", "合计"), "total"), (ys_money)22910000);
    assert_int_equal(cell_of(t, row_by(t, "", "三、公务接待费"), "total"), (ys_money)1350000);
    assert_int_equal(cell_of(t, row_by(t, "", "二、公务用车购置及运行费"), "total"), (ys_money)21560000);
    assert_int_equal(row_by(t, "", "合计")->src.page, 28);
    ys_catalog *cat = ys_catalog_new();
    ys_catalog_load_default(cat, &dg);
    ys_findings f;
    ys_findings_init(&f);
    ys_check_run(d, cat, NULL, &f);
    for (size_t i = 0; i < f.count; i++)
        if (!f.items[i].folded && f.items[i].severity == YS_SEV_ERROR)
            print_message("error finding [%s]: %s\n", f.items[i].rule, f.items[i].message);
    assert_true(ys_findings_max_severity(&f) < YS_SEV_ERROR);
    ys_findings_release(&f);
    ys_catalog_free(cat);
    ys_disclosure_free(d);
    ys_diags_release(&dg);
}

/*
 * The example book, derived and rendered to PDF by yusuan, reads back through the PDF reader: the nine
 * standard tables cell by cell, procurement, and every section title. Projects are compared and what
 * differs is printed (test_roundtrip.c checks them field by field); every project comes back with
 * its code and amounts, and the read-back document has no error finding.
 */
static void test_book_round_trip(void **state)
{
    (void)state;
    NEED_PDFTOTEXT();
    ys_diags dg;
    ys_diags_init(&dg);
    ys_catalog *cat = ys_catalog_new();
    ys_catalog_load_default(cat, &dg);
    ys_budget *bk = NULL;
    ys_disclosure *src = NULL, *back = NULL;
    assert_int_equal(ys_book_read("examples/zhaoxian-hrss-2024/book", &bk, &dg), YS_OK);
    assert_int_equal(ys_derive(bk, cat, &src, &dg), YS_OK);
    char path[] = "/tmp/ys-pdf-book-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(ys_render_pdf(src, path, &dg), YS_OK);
    ys_status st = ys_read_pdf_file(path, &back, &dg);
    unlink(path);
    assert_int_equal(st, YS_OK);
    for (int id = 0; id < YS_TABLE__COUNT; id++)
        if (src->tables[id] && !same_table(src, back, id))
            fail_msg("%s does not read back exactly", ys_table_id_name((ys_table_id)id));
    assert_int_equal(back->nsections, src->nsections);
    for (size_t i = 0; i < src->nsections; i++)
        assert_true(ys_text_same(src->sections[i].title, back->sections[i].title));
    size_t exact = 0;
    assert_int_equal(back->nprojects, src->nprojects);
    for (size_t p = 0; p < src->nprojects; p++) {
        const ys_project *a = &src->projects[p], *b = NULL;
        for (size_t q = 0; q < back->nprojects && !b; q++)
            if (strcmp(back->projects[q].code, a->code) == 0) b = &back->projects[q];
        /* every project comes back with its code and amounts (R36 holds) */
        if (!b) fail_msg("project %s does not read back", a->code);
        assert_true(ys_cell_money(&a->budget) == ys_cell_money(&b->budget));
        assert_true(ys_cell_money(&a->fiscal) == ys_cell_money(&b->fiscal));
        if (b && ys_text_same(a->name, b->name) && ys_cell_money(&a->budget) == ys_cell_money(&b->budget) &&
            a->nindicators == b->nindicators && a->nschedule == b->nschedule)
            exact++;
        else
            print_message("round trip: project %s not yet exact\n", a->code);
    }
    assert_int_equal(exact, src->nprojects);   /* field by field: test_roundtrip.c */
    ys_findings f;
    ys_findings_init(&f);
    ys_check_run(back, cat, NULL, &f);
    for (size_t i = 0; i < f.count; i++)
        if (!f.items[i].folded && f.items[i].severity == YS_SEV_ERROR) {
            print_message("error finding [%s]: %s\n", f.items[i].rule, f.items[i].message);
            fail_msg("unexpected error finding [%s]", f.items[i].rule);
        }
    ys_findings_release(&f);
    ys_disclosure_free(src);
    ys_disclosure_free(back);
    ys_budget_free(bk);
    ys_catalog_free(cat);
    ys_diags_release(&dg);
    pango_cairo_font_map_set_default(NULL);
    cairo_debug_reset_static_data();
}

int main(void)
{
    setenv("YUSUAN_DATA", "data", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bands_and_split_codes),
        cmocka_unit_test(test_wrapped_cell_top_aligned),
        cmocka_unit_test(test_wrapped_cell_centred),
        cmocka_unit_test(test_number_split_off_its_row),
        cmocka_unit_test(test_page_continuation_and_page_numbers),
        cmocka_unit_test(test_narrative_paragraphs),
        cmocka_unit_test(test_paragraph_across_pages),
        cmocka_unit_test(test_wrapped_title),
        cmocka_unit_test(test_text_only_table_rows),
        cmocka_unit_test(test_side_by_side_codes),
        cmocka_unit_test(test_empty_pairs_header),
        cmocka_unit_test(test_empty_two_sided_labels),
        cmocka_unit_test(test_stub_line_columns),
        cmocka_unit_test(test_read_tsv_repeated_header),
        cmocka_unit_test(test_tsv_garbage_and_no_words),
        cmocka_unit_test(test_wanli_budget),
        cmocka_unit_test(test_ghzy_final_accounts),
        cmocka_unit_test(test_empty_page_pdf),
        cmocka_unit_test(test_not_a_pdf),
        cmocka_unit_test(test_pdftotext_missing),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_sideways_three_public),
        cmocka_unit_test(test_wanli_sideways_three_public),
        cmocka_unit_test(test_book_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
