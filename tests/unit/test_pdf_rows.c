/*
 * test_pdf_rows.c — the rows of a form zone (src/read/pdf_rows.c) on hand-made fragments laid out as a
 * project performance-target table is printed: cells wrapped over two lines and centred on their row, a
 * 一级指标 cell centred between two of the four rows it spans, another centred on the middle one of
 * three, a label spanning two rows, a purpose line alone under its row, an empty cell that keeps its
 * column. Each case says what the published text form of the same table holds.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/buf.h"
#include "read/pdf_rows.h"

#define H 11.58     /* font height */
#define PITCH 22.4  /* one-line row */

typedef struct {
    ys_buf out;
} sink;

static void collect(void *arg, const char *row)
{
    sink *s = arg;
    ys_buf_adds(&s->out, row);
    ys_buf_addc(&s->out, '\n');
}

static ys_pdf_frag fr(double x0, double w, double y0, const char *text)
{
    return (ys_pdf_frag){x0, x0 + w, y0, y0 + H, H, text};
}

/* A line of text centred on row centre cy, one of n lines (i = 0 … n-1). */
static double line_y0(double cy, int i, int n)
{
    return cy - n * H / 2 + i * H;
}

static void test_indicator_rows(void **state)
{
    (void)state;
    /* columns: 一级 74-106, 二级 129-, 三级 195-, 描述 262-, 指标值 400-449, 依据 463- */
    ys_pdf_frag f[64];
    size_t n = 0;
    double y = 200;
    f[n++] = fr(74, 32, y, "一级指标");
    f[n++] = fr(140, 32, y, "二级指标");
    f[n++] = fr(207, 32, y, "三级指标");
    f[n++] = fr(300, 48, y, "绩效指标描述");
    f[n++] = fr(413, 24, y, "指标值");
    f[n++] = fr(470, 56, y, "指标值确定依据");
    /* four rows of 产出指标, the second one wrapped over two lines, the third with no 依据 */
    double c[4] = {y + 1 * PITCH + 5, y + 2 * PITCH + 10, y + 3 * PITCH + 15, y + 4 * PITCH + 15};
    const char *l2[4] = {"数量指标", "质量指标", "时效指标", "成本指标"};
    for (int r = 0; r < 4; r++) {
        f[n++] = fr(129, 32, line_y0(c[r], 0, 1), l2[r]);
        f[n++] = fr(415, 19, line_y0(c[r], 0, 1), "100%");
        if (r != 2) f[n++] = fr(463, 48, line_y0(c[r], 0, 1), "实际发放情况");
    }
    f[n++] = fr(195, 56, line_y0(c[0], 0, 1), "覆盖率");
    f[n++] = fr(262, 64, line_y0(c[0], 0, 1), "补贴到位");
    f[n++] = fr(195, 56, line_y0(c[1], 0, 2), "工作正常运转完");
    f[n++] = fr(195, 16, line_y0(c[1], 1, 2), "成率");
    f[n++] = fr(262, 120, line_y0(c[1], 0, 2), "实际发放工资人数占应发放工资人");
    f[n++] = fr(262, 32, line_y0(c[1], 1, 2), "数的比例");
    f[n++] = fr(195, 56, line_y0(c[2], 0, 1), "及时率");
    f[n++] = fr(262, 56, line_y0(c[2], 0, 1), "及时支付");
    f[n++] = fr(195, 56, line_y0(c[3], 0, 1), "控制数");
    f[n++] = fr(262, 56, line_y0(c[3], 0, 1), "预算金额");
    /* 产出指标 spans the four rows: centred between the second and the third */
    f[n++] = fr(74, 32, (line_y0(c[0], 0, 1) + line_y0(c[3], 0, 1)) / 2, "产出指标");
    /* three rows of 效益指标, centred on the middle one; 二级 wrapped over two lines */
    double d[3] = {c[3] + PITCH, c[3] + 2 * PITCH, c[3] + 3 * PITCH};
    for (int r = 0; r < 3; r++) {
        f[n++] = fr(195, 40, line_y0(d[r], 0, 1), r == 0 ? "甲" : r == 1 ? "乙" : "丙");
        f[n++] = fr(262, 40, line_y0(d[r], 0, 1), "描述");
        f[n++] = fr(415, 19, line_y0(d[r], 0, 1), "≥98%");
        f[n++] = fr(463, 48, line_y0(d[r], 0, 1), "根据需要");
    }
    f[n++] = fr(129, 48, line_y0(d[0], 0, 1), "经济效益指标");
    f[n++] = fr(129, 48, line_y0(d[1], 0, 2), "可持续影响指");
    f[n++] = fr(129, 8, line_y0(d[1], 1, 2), "标");
    f[n++] = fr(129, 48, line_y0(d[2], 0, 1), "社会效益指标");
    f[n++] = fr(74, 32, line_y0(d[1], 0, 1), "效益指标");
    ys_arena *a = ys_arena_new();
    sink s = {YS_BUF_INIT};
    assert_int_equal(ys_pdf_rows_form(a, f, n, collect, &s), 8);
    assert_string_equal(ys_buf_str(&s.out),
                        "一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t指标值确定依据\n"
                        "产出指标\t数量指标\t覆盖率\t补贴到位\t100%\t实际发放情况\n"
                        "\t质量指标\t工作正常运转完成率\t实际发放工资人数占应发放工资人数的比例\t100%\t实际发放情况\n"
                        "\t时效指标\t及时率\t及时支付\t100%\t\n"
                        "\t成本指标\t控制数\t预算金额\t100%\t实际发放情况\n"
                        "效益指标\t经济效益指标\t甲\t描述\t≥98%\t根据需要\n"
                        "\t可持续影响指标\t乙\t描述\t≥98%\t根据需要\n"
                        "\t社会效益指标\t丙\t描述\t≥98%\t根据需要\n");
    ys_buf_release(&s.out);
    ys_arena_free(a);
}

static void test_label_over_two_rows(void **state)
{
    (void)state;
    /* 预算规模及资金 / 用途 centred over the 预算数 row and the purpose row below it */
    double r1 = 100, r2 = 100 + PITCH - 3;
    ys_pdf_frag f[] = {
        fr(62, 56, line_y0(r1, 0, 1) - PITCH, "项目编码"),   /* a row above, its label in the column */
        fr(129, 85, line_y0(r1, 0, 1) - PITCH, "P001"),
        fr(62, 56, line_y0((r1 + r2) / 2, 0, 2), "预算规模及资金"),
        fr(82, 16, line_y0((r1 + r2) / 2, 1, 2), "用途"),
        fr(144, 24, line_y0(r1, 0, 1), "预算数"),
        fr(237, 14, line_y0(r1, 0, 1), "4.56"),
        fr(262, 56, line_y0(r1, 0, 1), "其中：财政资金"),
        fr(372, 14, line_y0(r1, 0, 1), "4.56"),
        fr(129, 80, line_y0(r2, 0, 1), "发放工资"),
    };
    ys_arena *a = ys_arena_new();
    sink s = {YS_BUF_INIT};
    assert_int_equal(ys_pdf_rows_form(a, f, sizeof f / sizeof *f, collect, &s), 3);
    assert_string_equal(ys_buf_str(&s.out), "项目编码\tP001\n"
                                             "预算规模及资金用途\t预算数\t4.56\t其中：财政资金\t4.56\n"
                                             "\t发放工资\t\t\t\n");
    ys_buf_release(&s.out);
    ys_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_indicator_rows),
        cmocka_unit_test(test_label_over_two_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
