/*
 * test_xlsx.c — unit tests of the XLSX reader (read/xlsx.h). Fixtures live in tests/unit/data/xlsx/:
 * basic.xlsx and the broken workbooks are written part by part by gen.py there (so every stored byte is
 * known), writer.xlsx was made once with libxlsxwriter, sh-dept-template.xlsx is the public Shanghai
 * department budget template. Tests run from the repository root (as `make unit` does).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "read/xlsx.h"

#define DATA "tests/unit/data/xlsx/"

/* ---- helpers ------------------------------------------------------------------------------------- */

static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    assert_true(len > 0);
    unsigned char *b = malloc((size_t)len);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    *n = (size_t)len;
    return b;
}

static ys_xlsx *open_ok(const char *path, ys_diags *d)
{
    ys_xlsx *wb = NULL;
    ys_status st = ys_xlsx_open_file(path, &wb, d);
    if (st != YS_OK)
        for (size_t i = 0; i < d->count; i++) fprintf(stderr, "diag: %s\n", d->items[i].message);
    assert_int_equal(st, YS_OK);
    assert_non_null(wb);
    return wb;
}

static const ys_xlsx_grid *sheet_ok(ys_xlsx *wb, size_t i, ys_diags *d)
{
    const ys_xlsx_grid *g = NULL;
    assert_int_equal(ys_xlsx_read_sheet(wb, i, &g, d), YS_OK);
    assert_non_null(g);
    return g;
}

/* The cell at an A1 reference, which must exist, have this kind and this text. */
static const ys_xlsx_cell *cell_is(const ys_xlsx_grid *g, const char *ref, ys_xlsx_kind kind, const char *text)
{
    uint32_t r, c;
    assert_true(ys_xlsx_ref_parse(ref, &r, &c));
    const ys_xlsx_cell *cell = ys_xlsx_grid_cell(g, r, c);
    if (!cell) fprintf(stderr, "no cell at %s\n", ref);
    assert_non_null(cell);
    assert_string_equal(cell->ref, ref);
    assert_int_equal(cell->row, r);
    assert_int_equal(cell->col, c);
    assert_int_equal(cell->kind, kind);
    assert_string_equal(cell->text, text);
    return cell;
}

static void no_cell(const ys_xlsx_grid *g, const char *ref)
{
    uint32_t r, c;
    assert_true(ys_xlsx_ref_parse(ref, &r, &c));
    assert_null(ys_xlsx_grid_cell(g, r, c));
}

/* An error diagnostic whose location starts with `where` exists. */
static void has_error_at(const ys_diags *d, const char *where)
{
    for (size_t i = 0; i < d->count; i++) {
        const ys_diag *g = &d->items[i];
        if (g->level == YS_DIAG_ERROR && g->where && strncmp(g->where, where, strlen(where)) == 0) return;
    }
    for (size_t i = 0; i < d->count; i++)
        fprintf(stderr, "diag %zu: %s: %s\n", i, d->items[i].where ? d->items[i].where : "-", d->items[i].message);
    fail_msg("no error diagnostic at %s", where);
}

static size_t count_level(const ys_diags *d, ys_diag_level lv)
{
    size_t n = 0;
    for (size_t i = 0; i < d->count; i++) n += d->items[i].level == lv;
    return n;
}

/* ---- references and formats ---------------------------------------------------------------------- */

static void test_ref(void **state)
{
    (void)state;
    uint32_t r, c;
    assert_true(ys_xlsx_ref_parse("A1", &r, &c));
    assert_int_equal(r, 0);
    assert_int_equal(c, 0);
    assert_true(ys_xlsx_ref_parse("$B$7", &r, &c));
    assert_int_equal(r, 6);
    assert_int_equal(c, 1);
    assert_true(ys_xlsx_ref_parse("XFD1048576", &r, &c));
    assert_int_equal(r, 1048575);
    assert_int_equal(c, 16383);
    const char *bad[] = {"", "A", "7", "A0", "XFE1", "A1048577", "1A", "A1B", "AAAA1", "A-1", "A 1", "A99999999"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) assert_false(ys_xlsx_ref_parse(bad[i], &r, &c));
    assert_false(ys_xlsx_ref_parse(NULL, &r, &c));

    char buf[12];
    assert_string_equal(ys_xlsx_ref_format(0, 0, buf, sizeof buf), "A1");
    assert_string_equal(ys_xlsx_ref_format(6, 25, buf, sizeof buf), "Z7");
    assert_string_equal(ys_xlsx_ref_format(0, 26, buf, sizeof buf), "AA1");
    assert_string_equal(ys_xlsx_ref_format(0, 701, buf, sizeof buf), "ZZ1");
    assert_string_equal(ys_xlsx_ref_format(0, 702, buf, sizeof buf), "AAA1");
    assert_string_equal(ys_xlsx_ref_format(1048575, 16383, buf, sizeof buf), "XFD1048576");
    for (uint32_t col = 0; col < YS_XLSX_MAX_COLS; col += 97) {   /* round trip */
        ys_xlsx_ref_format(col * 7, col, buf, sizeof buf);
        assert_true(ys_xlsx_ref_parse(buf, &r, &c));
        assert_int_equal(c, col);
        assert_int_equal(r, col * 7);
    }
}

static void test_fmt(void **state)
{
    (void)state;
    assert_int_equal(ys_xlsx_fmt_classify(0, NULL), YS_XLSX_FMT_GENERAL);
    assert_int_equal(ys_xlsx_fmt_classify(4, NULL), YS_XLSX_FMT_NUMBER);
    assert_int_equal(ys_xlsx_fmt_classify(10, NULL), YS_XLSX_FMT_PERCENT);
    assert_int_equal(ys_xlsx_fmt_classify(14, NULL), YS_XLSX_FMT_DATE);
    assert_int_equal(ys_xlsx_fmt_classify(31, NULL), YS_XLSX_FMT_DATE);
    assert_int_equal(ys_xlsx_fmt_classify(49, NULL), YS_XLSX_FMT_TEXT);
    assert_int_equal(ys_xlsx_fmt_classify(0, "General"), YS_XLSX_FMT_GENERAL);
    assert_int_equal(ys_xlsx_fmt_classify(176, "#,##0.00_ "), YS_XLSX_FMT_NUMBER);
    assert_int_equal(ys_xlsx_fmt_classify(176, "#,##0_);[Red](#,##0)"), YS_XLSX_FMT_NUMBER);
    assert_int_equal(ys_xlsx_fmt_classify(176, "0.0%"), YS_XLSX_FMT_PERCENT);
    assert_int_equal(ys_xlsx_fmt_classify(176, "0.00E+00"), YS_XLSX_FMT_NUMBER);
    assert_int_equal(ys_xlsx_fmt_classify(176, "#,##0\"d\""), YS_XLSX_FMT_NUMBER);   /* quoted d */
    assert_int_equal(ys_xlsx_fmt_classify(176, "#,##0.00\"万元\""), YS_XLSX_FMT_NUMBER);
    assert_int_equal(ys_xlsx_fmt_classify(177, "yyyy\"年\"m\"月\";@"), YS_XLSX_FMT_DATE);
    assert_int_equal(ys_xlsx_fmt_classify(177, "[$-804]yyyy\"年\"m\"月\"d\"日\""), YS_XLSX_FMT_DATE);
    assert_int_equal(ys_xlsx_fmt_classify(177, "[h]:mm"), YS_XLSX_FMT_DATE);
    assert_int_equal(ys_xlsx_fmt_classify(177, "@"), YS_XLSX_FMT_TEXT);
    assert_int_equal(ys_xlsx_fmt_classify(177, ""), YS_XLSX_FMT_GENERAL);
}

/* ---- a hand-made workbook ------------------------------------------------------------------------ */

static void check_basic_sheets(ys_xlsx *wb)
{
    assert_int_equal(ys_xlsx_sheet_count(wb), 4);
    const char *names[] = {"收支总表", "支出表", "空表", "隐藏"};
    const char *parts[] = {"xl/worksheets/data_a.xml", "xl/worksheets/data_b.xml", "xl/worksheets/empty.xml",
                           "xl/worksheets/hidden.xml"};
    for (size_t i = 0; i < 4; i++) {
        const ys_xlsx_sheet *s = ys_xlsx_sheet_at(wb, i);
        assert_non_null(s);
        assert_string_equal(s->name, names[i]);
        assert_int_equal(s->index, i);
        assert_true(s->worksheet);
        assert_string_equal(s->part, parts[i]);
        assert_int_equal(s->state, i == 3 ? YS_XLSX_HIDDEN : YS_XLSX_VISIBLE);
        assert_ptr_equal(ys_xlsx_sheet_by_name(wb, names[i]), s);
    }
    assert_null(ys_xlsx_sheet_at(wb, 4));
    assert_null(ys_xlsx_sheet_by_name(wb, "Sheet1"));
}

static void check_basic_a(const ys_xlsx_grid *g)
{
    assert_int_equal(g->ncells, 25);
    assert_int_equal(g->nrows, 9);
    assert_int_equal(g->ncols, 6);
    const ys_xlsx_cell *c;

    cell_is(g, "A1", YS_XLSX_STRING, "部门预算收支总表");
    no_cell(g, "B1");   /* style only */
    cell_is(g, "A2", YS_XLSX_STRING, "一般公共预算拨款收入");
    c = cell_is(g, "B2", YS_XLSX_NUMBER, "509.3");
    assert_int_equal(c->numfmt_id, 176);
    assert_string_equal(c->numfmt, "#,##0.00_ ");
    assert_int_equal(c->fmt, YS_XLSX_FMT_NUMBER);
    assert_int_equal(c->flags, 0);
    assert_null(c->formula);
    cell_is(g, "C2", YS_XLSX_NUMBER, "34063.09");
    c = cell_is(g, "D2", YS_XLSX_NUMBER, "6228");
    assert_int_equal(c->numfmt_id, 0);
    assert_int_equal(c->fmt, YS_XLSX_FMT_GENERAL);

    cell_is(g, "A3", YS_XLSX_STRING, "行政运行 ");   /* rich runs joined, phonetic run dropped */
    cell_is(g, "B3", YS_XLSX_NUMBER, "-12.5");
    cell_is(g, "C3", YS_XLSX_NUMBER, "123456789012.34");
    c = cell_is(g, "D3", YS_XLSX_NUMBER, "1E-3");
    assert_int_equal(c->flags, YS_XLSX_F_EXPONENT);

    cell_is(g, "A4", YS_XLSX_STRING, "第一行\r\n第二行");
    c = cell_is(g, "B4", YS_XLSX_NUMBER, "496.8");
    assert_int_equal(c->flags, YS_XLSX_F_FORMULA);
    assert_string_equal(c->formula, "SUM(B2:B3)");
    c = cell_is(g, "C4", YS_XLSX_EMPTY, "");   /* formula without a cached value */
    assert_int_equal(c->flags, YS_XLSX_F_FORMULA);
    assert_string_equal(c->formula, "B4*2");
    c = cell_is(g, "D4", YS_XLSX_STRING, "一般公共预算拨款收入");
    assert_string_equal(c->formula, "A2&\"\"");

    cell_is(g, "A5", YS_XLSX_STRING, "内联");
    cell_is(g, "B5", YS_XLSX_STRING, "富文本");
    cell_is(g, "C5", YS_XLSX_BOOL, "1");
    cell_is(g, "D5", YS_XLSX_ERROR, "#DIV/0!");
    c = cell_is(g, "E5", YS_XLSX_STRING, "");   /* a formula that returned "" */
    assert_string_equal(c->formula, "\"\"");

    cell_is(g, "A6", YS_XLSX_STRING, "社会保障和就业支出");
    c = cell_is(g, "B6", YS_XLSX_NUMBER, "0.125");
    assert_int_equal(c->fmt, YS_XLSX_FMT_PERCENT);
    assert_int_equal(c->numfmt_id, 10);
    assert_string_equal(c->numfmt, "0.00%");
    c = cell_is(g, "C6", YS_XLSX_NUMBER, "45292");
    assert_int_equal(c->fmt, YS_XLSX_FMT_DATE);
    assert_int_equal(c->numfmt_id, 14);
    c = cell_is(g, "D6", YS_XLSX_NUMBER, "45292");
    assert_int_equal(c->fmt, YS_XLSX_FMT_DATE);
    assert_int_equal(c->numfmt_id, 177);

    cell_is(g, "A7", YS_XLSX_STRING, "");
    cell_is(g, "B7", YS_XLSX_STRING, "a_x0041_b");   /* _x005F_ is an escaped underscore */
    no_cell(g, "A8");
    cell_is(g, "F9", YS_XLSX_NUMBER, "0");

    for (size_t i = 1; i < g->ncells; i++) {   /* sorted, unique */
        const ys_xlsx_cell *p = &g->cells[i - 1], *q = &g->cells[i];
        assert_true(p->row < q->row || (p->row == q->row && p->col < q->col));
    }

    assert_int_equal(g->nmerges, 2);
    assert_int_equal(g->merges[0].r0, 0);
    assert_int_equal(g->merges[0].c0, 0);
    assert_int_equal(g->merges[0].r1, 0);
    assert_int_equal(g->merges[0].c1, 3);
    assert_int_equal(g->merges[1].r0, 1);
    assert_int_equal(g->merges[1].c0, 4);
    assert_int_equal(g->merges[1].r1, 2);
    assert_int_equal(g->merges[1].c1, 4);
    assert_ptr_equal(ys_xlsx_grid_merge_at(g, 0, 2), &g->merges[0]);
    assert_ptr_equal(ys_xlsx_grid_merge_at(g, 2, 4), &g->merges[1]);
    assert_null(ys_xlsx_grid_merge_at(g, 1, 0));
}

static void check_basic_rest(ys_xlsx *wb, ys_diags *d)
{
    /* prefixed elements, rows and cells without references, cells out of order */
    const ys_xlsx_grid *g = sheet_ok(wb, 1, d);
    assert_int_equal(g->ncells, 7);
    cell_is(g, "A1", YS_XLSX_STRING, "社会保障和就业支出");
    cell_is(g, "B1", YS_XLSX_NUMBER, "100.00");
    no_cell(g, "A2");
    cell_is(g, "B2", YS_XLSX_NUMBER, "7");
    cell_is(g, "E2", YS_XLSX_NUMBER, "8");
    cell_is(g, "F2", YS_XLSX_NUMBER, "9");
    cell_is(g, "A5", YS_XLSX_NUMBER, "1");
    cell_is(g, "B5", YS_XLSX_NUMBER, "2");
    assert_string_equal(g->cells[5].ref, "A5");
    assert_int_equal(g->nrows, 5);
    assert_int_equal(g->ncols, 6);

    g = sheet_ok(wb, 2, d);
    assert_int_equal(g->ncells, 0);
    assert_int_equal(g->nmerges, 0);
    assert_int_equal(g->nrows, 0);
    assert_null(ys_xlsx_grid_cell(g, 0, 0));

    g = sheet_ok(wb, 3, d);
    assert_int_equal(g->ncells, 1);
    cell_is(g, "A1", YS_XLSX_NUMBER, "42");
}

static void test_basic_file(void **state)
{
    (void)state;
    ys_diags d;
    ys_diags_init(&d);
    ys_xlsx *wb = open_ok(DATA "basic.xlsx", &d);
    assert_string_equal(ys_xlsx_name(wb), DATA "basic.xlsx");
    check_basic_sheets(wb);
    const ys_xlsx_grid *g = sheet_ok(wb, 0, &d);
    assert_ptr_equal(g->sheet, ys_xlsx_sheet_at(wb, 0));
    check_basic_a(g);
    const ys_xlsx_grid *again = sheet_ok(wb, 0, &d);
    assert_ptr_equal(again, g);
    check_basic_rest(wb, &d);
    assert_int_equal(d.count, 0);

    const ys_xlsx_grid *none = (const ys_xlsx_grid *)1;
    assert_int_equal(ys_xlsx_read_sheet(wb, 4, &none, &d), YS_ERR_USAGE);
    assert_null(none);
    ys_xlsx_free(wb);
    ys_xlsx_free(NULL);
    ys_diags_release(&d);
}

static void test_basic_mem(void **state)
{
    (void)state;
    size_t n;
    unsigned char *bytes = slurp(DATA "basic.xlsx", &n);
    ys_diags d;
    ys_diags_init(&d);
    ys_xlsx *wb = NULL;
    assert_int_equal(ys_xlsx_open_mem("basic.xlsx", bytes, n, &wb, &d), YS_OK);
    check_basic_sheets(wb);
    check_basic_a(sheet_ok(wb, 0, &d));
    check_basic_rest(wb, &d);
    assert_int_equal(d.count, 0);
    ys_xlsx_free(wb);
    ys_diags_release(&d);
    free(bytes);
}

/* ---- a workbook written by libxlsxwriter --------------------------------------------------------- */

static void test_writer(void **state)
{
    (void)state;
    ys_diags d;
    ys_diags_init(&d);
    ys_xlsx *wb = open_ok(DATA "writer.xlsx", &d);
    assert_int_equal(ys_xlsx_sheet_count(wb), 3);
    assert_string_equal(ys_xlsx_sheet_at(wb, 0)->name, "一般公共预算支出表");
    assert_string_equal(ys_xlsx_sheet_at(wb, 1)->name, "三公经费");
    assert_int_equal(ys_xlsx_sheet_at(wb, 1)->state, YS_XLSX_HIDDEN);
    assert_string_equal(ys_xlsx_sheet_at(wb, 2)->name, "空白");

    const ys_xlsx_grid *g = sheet_ok(wb, 0, &d);
    cell_is(g, "A1", YS_XLSX_STRING, "2024年一般公共预算支出表");
    cell_is(g, "C2", YS_XLSX_STRING, "合计");
    cell_is(g, "A3", YS_XLSX_STRING, "2080501");
    cell_is(g, "B3", YS_XLSX_STRING, "行政单位离退休");
    const ys_xlsx_cell *c = cell_is(g, "C3", YS_XLSX_NUMBER, "509.3");
    assert_string_equal(c->numfmt, "#,##0.00");
    assert_int_equal(c->fmt, YS_XLSX_FMT_NUMBER);
    cell_is(g, "B4", YS_XLSX_STRING, "机关事业单位基本养老保险缴费支出");
    cell_is(g, "C4", YS_XLSX_NUMBER, "34063.09");
    cell_is(g, "C5", YS_XLSX_NUMBER, "6228");
    cell_is(g, "C6", YS_XLSX_NUMBER, "-1500.25");
    cell_is(g, "C7", YS_XLSX_NUMBER, "12345678901.5");
    c = cell_is(g, "C8", YS_XLSX_NUMBER, "12345714202.14");
    assert_true(c->flags & YS_XLSX_F_FORMULA);
    assert_string_equal(c->formula, "SUM(C3:C7)");
    c = cell_is(g, "C9", YS_XLSX_NUMBER, "0.125");
    assert_int_equal(c->fmt, YS_XLSX_FMT_PERCENT);
    assert_string_equal(c->numfmt, "0.0%");
    cell_is(g, "B10", YS_XLSX_STRING, "行政单位离退休");
    assert_int_equal(g->ncells, 16);
    assert_int_equal(g->nmerges, 1);
    assert_non_null(ys_xlsx_grid_merge_at(g, 0, 3));

    g = sheet_ok(wb, 1, &d);
    assert_int_equal(g->ncells, 3);
    cell_is(g, "A1", YS_XLSX_STRING, "因公出国(境)费");
    cell_is(g, "B1", YS_XLSX_NUMBER, "0");
    cell_is(g, "B2", YS_XLSX_BOOL, "1");
    g = sheet_ok(wb, 2, &d);
    assert_int_equal(g->ncells, 0);
    assert_int_equal(d.count, 0);
    ys_xlsx_free(wb);
    ys_diags_release(&d);
}

/* ---- the Shanghai department budget template --------------------------------------------------- */

static void test_template(void **state)
{
    (void)state;
    ys_diags d;
    ys_diags_init(&d);
    ys_xlsx *wb = open_ok(DATA "sh-dept-template.xlsx", &d);
    assert_int_equal(ys_xlsx_sheet_count(wb), 17);
    assert_string_equal(ys_xlsx_sheet_at(wb, 0)->name, "封面");
    assert_string_equal(ys_xlsx_sheet_at(wb, 6)->name, "部门收支总表");
    assert_string_equal(ys_xlsx_sheet_at(wb, 12)->name, "部门国有资本经营预算拨款表 ");
    assert_string_equal(ys_xlsx_sheet_at(wb, 16)->name, "项目经费情况说明");

    const ys_xlsx_grid *g = sheet_ok(wb, 0, &d);
    cell_is(g, "A3", YS_XLSX_STRING, "上海市普陀区2026年区级部门预算");
    cell_is(g, "A9", YS_XLSX_STRING, "预算主管部门：上海市普陀区XX局");

    g = sheet_ok(wb, 6, &d);
    cell_is(g, "A2", YS_XLSX_STRING, "2026年部门财务收支预算总表");
    cell_is(g, "D4", YS_XLSX_STRING, "单位：元");
    cell_is(g, "A8", YS_XLSX_STRING, "一、财政拨款收入");
    cell_is(g, "A21", YS_XLSX_STRING, "收入总计");
    cell_is(g, "C21", YS_XLSX_STRING, "支出总计");
    no_cell(g, "B8");
    const ys_xlsx_range *m = ys_xlsx_grid_merge_at(g, 1, 2);
    assert_non_null(m);
    assert_int_equal(m->c0, 0);
    assert_int_equal(m->c1, 3);

    for (size_t i = 0; i < ys_xlsx_sheet_count(wb); i++) sheet_ok(wb, i, &d);
    assert_int_equal(d.errors, 0);
    ys_xlsx_free(wb);
    ys_diags_release(&d);
}

/* ---- broken input ---------------------------------------------------------------------------------- */

static void open_fails(const char *path, ys_status want, const char *where)
{
    ys_diags d;
    ys_diags_init(&d);
    ys_xlsx *wb = (ys_xlsx *)1;
    assert_int_equal(ys_xlsx_open_file(path, &wb, &d), want);
    assert_null(wb);
    assert_true(d.errors >= 1);
    if (where) has_error_at(&d, where);
    ys_diags_release(&d);
}

/* The workbook opens; reading sheet `index` fails with `want` and an error at `where`. */
static void sheet_fails(const char *path, size_t index, size_t max_part, size_t max_cells, ys_status want,
                        const char *where)
{
    ys_diags d;
    ys_diags_init(&d);
    ys_xlsx *wb = open_ok(path, &d);
    ys_xlsx_set_limits(wb, max_part, max_cells);
    const ys_xlsx_grid *g = (const ys_xlsx_grid *)1;
    assert_int_equal(ys_xlsx_read_sheet(wb, index, &g, &d), want);
    assert_null(g);
    assert_true(d.errors >= 1);
    has_error_at(&d, where);
    ys_xlsx_free(wb);
    ys_diags_release(&d);
}

static void test_broken_open(void **state)
{
    (void)state;
    open_fails(DATA "notzip.xlsx", YS_ERR_FORMAT, NULL);
    open_fails(DATA "no-such-file.xlsx", YS_ERR_IO, NULL);
    open_fails(DATA "no_workbook.xlsx", YS_ERR_FORMAT, "xl/workbook.xml");

    ys_diags d;
    ys_diags_init(&d);
    ys_xlsx *wb = NULL;
    assert_int_equal(ys_xlsx_open_mem("empty.xlsx", "", 0, &wb, &d), YS_ERR_FORMAT);
    assert_null(wb);
    assert_int_equal(d.errors, 1);
    assert_string_equal(d.items[0].file, "empty.xlsx");

    size_t n;
    unsigned char *bytes = slurp(DATA "basic.xlsx", &n);
    ys_diags_release(&d);
    assert_int_equal(ys_xlsx_open_mem("half.xlsx", bytes, n / 2, &wb, &d), YS_ERR_FORMAT);
    assert_null(wb);
    assert_true(d.errors >= 1);
    ys_diags_release(&d);
    free(bytes);
}

static void test_broken_sheets(void **state)
{
    (void)state;
    sheet_fails(DATA "missing_sheet.xlsx", 0, 0, 0, YS_ERR_FORMAT, "xl/worksheets/data_a.xml");
    sheet_fails(DATA "malformed.xlsx", 0, 0, 0, YS_ERR_FORMAT, "xl/worksheets/sheet1.xml:2:");
    sheet_fails(DATA "bad_ref.xlsx", 0, 0, 0, YS_ERR_FORMAT, "Sheet1!XFE1");
    sheet_fails(DATA "bad_sst.xlsx", 0, 0, 0, YS_ERR_FORMAT, "Sheet1!B7");
    sheet_fails(DATA "doctype.xlsx", 0, 0, 0, YS_ERR_FORMAT, "xl/worksheets/sheet1.xml:");
    sheet_fails(DATA "escape.xlsx", 0, 0, 0, YS_ERR_FORMAT, "Sheet1");
    /* a 2 MiB part against a 1 MiB cap; a sheet of 25 cells against a cap of 10 */
    sheet_fails(DATA "bomb.xlsx", 0, 1024 * 1024, 0, YS_ERR_RANGE, "xl/worksheets/sheet1.xml");
    sheet_fails(DATA "basic.xlsx", 0, 0, 10, YS_ERR_RANGE, "收支总表");

    /* the other sheets of a workbook with a missing part are still readable */
    ys_diags d;
    ys_diags_init(&d);
    ys_xlsx *wb = open_ok(DATA "missing_sheet.xlsx", &d);
    const ys_xlsx_grid *g = NULL;
    assert_int_equal(ys_xlsx_read_sheet(wb, 0, &g, &d), YS_ERR_FORMAT);
    check_basic_rest(wb, &d);
    ys_xlsx_free(wb);
    ys_diags_release(&d);

    /* within the default caps the bomb's whitespace reads as an empty sheet */
    ys_diags_init(&d);
    wb = open_ok(DATA "bomb.xlsx", &d);
    assert_int_equal(sheet_ok(wb, 0, &d)->ncells, 0);
    ys_xlsx_free(wb);
    ys_diags_release(&d);

    /* a target escaping xl/ is refused at open with a warning */
    ys_diags_init(&d);
    wb = open_ok(DATA "escape.xlsx", &d);
    assert_null(ys_xlsx_sheet_at(wb, 0)->part);
    assert_int_equal(count_level(&d, YS_DIAG_WARNING), 1);
    assert_int_equal(d.errors, 0);
    ys_xlsx_free(wb);
    ys_diags_release(&d);
}

/* Cut and corrupted copies of valid workbooks: a status and diagnostics, never a crash. */
static void test_mutations(void **state)
{
    (void)state;
    const char *files[] = {DATA "basic.xlsx", DATA "writer.xlsx"};
    for (size_t f = 0; f < 2; f++) {
        size_t n;
        unsigned char *orig = slurp(files[f], &n);
        unsigned char *b = malloc(n);
        assert_non_null(b);
        size_t opened = 0;
        for (size_t i = 0; i < n; i += 5) {
            memcpy(b, orig, n);
            b[i] ^= (unsigned char)(0x5A + i);
            for (int cut = 0; cut < 2; cut++) {
                size_t len = cut ? i + 1 : n;
                ys_diags d;
                ys_diags_init(&d);
                ys_xlsx *wb = NULL;
                ys_status st = ys_xlsx_open_mem("m.xlsx", b, len, &wb, &d);
                if (st == YS_OK) {
                    opened++;
                    for (size_t s = 0; s < ys_xlsx_sheet_count(wb); s++) {
                        const ys_xlsx_grid *g = NULL;
                        if (ys_xlsx_read_sheet(wb, s, &g, &d) == YS_OK) assert_non_null(g);
                        else assert_true(d.errors > 0);
                    }
                    ys_xlsx_free(wb);
                } else {
                    assert_null(wb);
                    assert_true(d.errors > 0);
                }
                ys_diags_release(&d);
            }
        }
        assert_true(opened > 0);
        free(b);
        free(orig);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ref),           cmocka_unit_test(test_fmt),
        cmocka_unit_test(test_basic_file),    cmocka_unit_test(test_basic_mem),
        cmocka_unit_test(test_writer),        cmocka_unit_test(test_template),
        cmocka_unit_test(test_broken_open),   cmocka_unit_test(test_broken_sheets),
        cmocka_unit_test(test_mutations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
