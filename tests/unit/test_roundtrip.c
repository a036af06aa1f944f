/*
 * test_roundtrip.c — the compile path closes on the audit path (issue: "Round trip"): the example book
 * derived into a disclosure, rendered as plain text, read back by the text reader, gives back the book's
 * numbers (every cell of every table, every project's code, name and amounts), and its audit reports no
 * error finding. The same book rendered as PDF (cairo/pango) and read back through `pdftotext -tsv`
 * (read/pdf.c, pdf_grid.c, pdf_rows.c) gives back every project performance-target table field by field:
 * code, name, amounts, purpose, every schedule point, goal and every indicator row (skipped without
 * pdftotext).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "catalog/catalog.h"
#include "check/check.h"
#include "core/text.h"
#include "derive/derive.h"
#include "read/book.h"
#include "read/pdf.h"
#include "read/read.h"
#include "read/sheet.h"
#include "render/render.h"
#include "sample_helpers.h"

#define BOOK "examples/zhaoxian-hrss-2024/book"
#define BOOK_CARRYOVER "tests/unit/data/book-carryover"   /* the example plus 上年结转 of every fund */

/* The PDF round trip renders with cairo + pango: what cairo and fontconfig keep for the life of the
 * process is not ours (as in test_render_pdf.c). */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libcairo.so\nleak:libfontconfig.so\n";
}

static ys_disclosure *derived;
static ys_disclosure *derived_co;   /* the carry-over book */
static ys_catalog *catalog;

/* A budget book derived into a disclosure (NULL and the diagnostics printed when it fails). */
static ys_disclosure *derive_book(const char *dir)
{
    ys_diags diags;
    ys_diags_init(&diags);
    ys_budget *b = NULL;
    ys_disclosure *d = NULL;
    if (ys_book_read(dir, &b, &diags) != YS_OK || ys_derive(b, catalog, &d, &diags) != YS_OK) {
        for (size_t i = 0; i < diags.count; i++) print_message("%s\n", diags.items[i].message);
        d = NULL;
    }
    ys_budget_free(b);
    ys_diags_release(&diags);
    return d;
}

static int setup(void **state)
{
    (void)state;
    setenv("YUSUAN_DATA", "data", 0);
    ys_diags diags;
    ys_diags_init(&diags);
    catalog = ys_catalog_new();
    ys_catalog_load_default(catalog, &diags);
    ys_diags_release(&diags);
    derived = derive_book(BOOK);
    derived_co = derive_book(BOOK_CARRYOVER);
    return derived && derived_co ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    ys_disclosure_free(derived);
    ys_disclosure_free(derived_co);
    ys_catalog_free(catalog);
    return 0;
}

static void same_cell(const ys_table *t, const ys_row *r, size_t c, const ys_cell *a, const ys_cell *b)
{
    if (a->kind == YS_CELL_MONEY || b->kind == YS_CELL_MONEY) {
        if (ys_cell_money(a) != ys_cell_money(b))
            fail_msg("%s row %d (%s %s) column %s: %lld vs %lld", ys_table_id_name(t->id), r->seq, r->code, r->name,
                     t->cols[c].header, (long long)ys_cell_money(a), (long long)ys_cell_money(b));
    } else if (a->kind == YS_CELL_TEXT || b->kind == YS_CELL_TEXT) {
        if (!ys_text_same(a->text, b->text))
            fail_msg("%s row %d column %s: '%s' vs '%s'", ys_table_id_name(t->id), r->seq, t->cols[c].header,
                     a->text, b->text);
    }
}

/* Every table of a (derived) is in b (read back): the same column headers, and every cell at the same row
 * and column. */
static void same_tables(const ys_disclosure *a, const ys_disclosure *b)
{
    for (int id = 0; id < YS_TABLE__COUNT; id++) {
        const ys_table *x = a->tables[id], *y = b->tables[id];
        if (!x) continue;
        if (!y) fail_msg("table %s not read back", ys_table_id_name((ys_table_id)id));
        if (x->nrows != y->nrows || x->ncols != y->ncols)
            fail_msg("table %s: %zu rows × %zu columns read back as %zu × %zu", ys_table_id_name((ys_table_id)id),
                     x->nrows, x->ncols, y->nrows, y->ncols);
        for (size_t c = 0; c < x->ncols; c++)
            if (!ys_text_same(x->cols[c].header, y->cols[c].header))
                fail_msg("table %s column %zu: header '%s' read back as '%s'", ys_table_id_name((ys_table_id)id), c,
                         x->cols[c].header, y->cols[c].header);
        for (size_t r = 0; r < x->nrows; r++) {
            if (strcmp(x->rows[r].code, y->rows[r].code) != 0 || !ys_text_same(x->rows[r].name, y->rows[r].name))
                fail_msg("table %s row %zu: '%s %s' read back as '%s %s'", ys_table_id_name((ys_table_id)id), r,
                         x->rows[r].code, x->rows[r].name, y->rows[r].code, y->rows[r].name);
            for (size_t c = 0; c < x->ncols; c++) same_cell(x, &x->rows[r], c, &x->rows[r].cells[c], &y->rows[r].cells[c]);
        }
    }
}

/* The audit of d reports no error finding (each one printed). */
static void no_error_finding(const ys_disclosure *d)
{
    ys_findings f;
    ys_findings_init(&f);
    ys_check_run(d, catalog, NULL, &f);
    for (size_t i = 0; i < f.count; i++)
        if (!f.items[i].folded && f.items[i].severity == YS_SEV_ERROR)
            print_message("error finding [%s]: %s\n", f.items[i].rule, f.items[i].message);
    assert_true(ys_findings_max_severity(&f) < YS_SEV_ERROR);
    ys_findings_release(&f);
}

static void test_text_round_trip(void **state)
{
    (void)state;
    ys_buf txt = YS_BUF_INIT;
    assert_int_equal(ys_render_text(derived, &txt), YS_OK);
    ys_diags diags;
    ys_diags_init(&diags);
    ys_disclosure *back = NULL;
    assert_int_equal(ys_read_text_mem("disclosure.txt", ys_buf_str(&txt), txt.len, &back, &diags), YS_OK);
    for (size_t i = 0; i < diags.count; i++) print_message("diagnostic: %s\n", diags.items[i].message);
    assert_int_equal(diags.errors, 0);

    same_tables(derived, back);
    assert_int_equal(derived->nprojects, back->nprojects);
    for (size_t p = 0; p < derived->nprojects; p++) {
        const ys_project *a = &derived->projects[p], *b = &back->projects[p];
        assert_string_equal(a->code, b->code);
        assert_true(ys_text_same(a->name, b->name));
        assert_int_equal(ys_cell_money(&a->budget), ys_cell_money(&b->budget));
        assert_int_equal(ys_cell_money(&a->fiscal), ys_cell_money(&b->fiscal));
        assert_int_equal(a->nschedule, b->nschedule);
        assert_int_equal(a->nindicators, b->nindicators);
    }
    /* its audit: no error */
    no_error_finding(back);
    ys_disclosure_free(back);
    ys_diags_release(&diags);
    ys_buf_release(&txt);
}

/* Two texts of one field: equal up to spaces (the PDF keeps no space between CJK and digits) and the
 * line breaks of a paragraph wrapped in its cell. */
static void same_text(const ys_project *p, const char *field, const char *a, const char *b)
{
    if (!ys_text_same(a ? a : "", b ? b : ""))
        fail_msg("project %s %s: '%s' read back as '%s'", p->code, field, a ? a : "(null)", b ? b : "(null)");
}

static void same_money(const ys_project *p, const char *field, const ys_cell *a, const ys_cell *b)
{
    if (ys_cell_money(a) != ys_cell_money(b))
        fail_msg("project %s %s: %lld read back as %lld", p->code, field, (long long)ys_cell_money(a),
                 (long long)ys_cell_money(b));
}

/* Project a (derived) and b (read back) hold the same fields. */
static void same_project(const ys_project *a, const ys_project *b)
{
    assert_string_equal(a->code, b->code);
    same_text(a, "name", a->name, b->name);
    same_money(a, "budget", &a->budget, &b->budget);
    same_money(a, "fiscal", &a->fiscal, &b->fiscal);
    same_money(a, "other", &a->other, &b->other);
    same_text(a, "purpose", a->purpose, b->purpose);
    same_text(a, "goal", a->goal, b->goal);
    if (a->nschedule != b->nschedule)
        fail_msg("project %s: %zu schedule points read back as %zu", a->code, a->nschedule, b->nschedule);
    for (size_t i = 0; i < a->nschedule; i++) {
        same_text(a, "schedule label", a->schedule[i].label, b->schedule[i].label);
        same_money(a, a->schedule[i].label, &a->schedule[i].value, &b->schedule[i].value);
    }
    if (a->nindicators != b->nindicators)
        fail_msg("project %s: %zu indicators read back as %zu", a->code, a->nindicators, b->nindicators);
    for (size_t i = 0; i < a->nindicators; i++) {
        const ys_indicator *x = &a->indicators[i], *y = &b->indicators[i];
        same_text(a, "一级指标", x->level1, y->level1);
        same_text(a, "二级指标", x->level2, y->level2);
        same_text(a, "三级指标", x->level3, y->level3);
        same_text(a, "指标描述", x->description, y->description);
        same_text(a, "指标值", x->value, y->value);
        same_text(a, "指标值确定依据", x->basis, y->basis);
    }
}

/* The book rendered as PDF reads back with every project exact (all 40 of the example). */
static void test_pdf_projects_round_trip(void **state)
{
    (void)state;
    if (!smp_have_program("pdftotext")) skip();
    char path[] = "/tmp/ys-rt-pdf-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    ys_diags diags;
    ys_diags_init(&diags);
    assert_int_equal(ys_render_pdf(derived, path, &diags), YS_OK);
    ys_disclosure *back = NULL;
    ys_status st = ys_read_pdf_file(path, &back, &diags);
    unlink(path);
    for (size_t i = 0; i < diags.count; i++)
        if (diags.items[i].level == YS_DIAG_ERROR) print_message("diagnostic: %s\n", diags.items[i].message);
    assert_int_equal(st, YS_OK);
    assert_int_equal(diags.errors, 0);
    assert_int_equal(derived->nprojects, 40);
    assert_int_equal(back->nprojects, derived->nprojects);
    for (size_t p = 0; p < derived->nprojects; p++) same_project(&derived->projects[p], &back->projects[p]);
    ys_disclosure_free(back);
    ys_diags_release(&diags);
    pango_cairo_font_map_set_default(NULL);
    cairo_debug_reset_static_data();
}

/* ---- the carry-over book (上年结转 of every fund: docs/BOOK.md) through every format build writes ---- */

/* d rendered by `render` into a temporary file and read back by `read`; NULL on a reader failure. */
static ys_disclosure *render_and_read(const ys_disclosure *d, ys_status (*render)(const ys_disclosure *, const char *, ys_diags *),
                                      ys_status (*read)(const char *, ys_disclosure **, ys_diags *))
{
    char path[] = "/tmp/ys-rt-co-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    ys_diags diags;
    ys_diags_init(&diags);
    assert_int_equal(render(d, path, &diags), YS_OK);
    ys_disclosure *back = NULL;
    ys_status st = read(path, &back, &diags);
    unlink(path);
    for (size_t i = 0; i < diags.count; i++) print_message("diagnostic: %s\n", diags.items[i].message);
    assert_int_equal(st, YS_OK);
    assert_int_equal(diags.errors, 0);
    ys_diags_release(&diags);
    return back;
}

/* Every table of the carry-over book, every project's code and amounts, and no error in the audit. */
static void same_carryover(const ys_disclosure *back)
{
    same_tables(derived_co, back);
    assert_int_equal(back->nprojects, derived_co->nprojects);
    for (size_t p = 0; p < derived_co->nprojects; p++) {
        const ys_project *a = &derived_co->projects[p], *b = &back->projects[p];
        assert_string_equal(a->code, b->code);
        same_money(a, "budget", &a->budget, &b->budget);
        same_money(a, "fiscal", &a->fiscal, &b->fiscal);
    }
    no_error_finding(back);
}

/* The book has carry-over in every table that shows it: 收支总表 上年结转结余, 收入总表 上年结转. */
static void test_carryover_derived_is_clean(void **state)
{
    (void)state;
    const ys_table *income = derived_co->tables[YS_TABLE_INCOME];
    assert_non_null(income);
    size_t carry = income->ncols;
    for (size_t c = 0; c < income->ncols; c++)
        if (ys_text_same(income->cols[c].header, "上年结转")) carry = c;
    assert_true(carry < income->ncols);
    assert_true(income->nrows > 0 && ys_cell_money(&income->rows[0].cells[carry]) > 0);
    no_error_finding(derived_co);
}

static ys_status read_text_path(const char *path, ys_disclosure **out, ys_diags *diags)
{
    return ys_read_text_file(path, out, diags);
}

static ys_status render_text_path(const ys_disclosure *d, const char *path, ys_diags *diags)
{
    (void)diags;
    ys_buf txt = YS_BUF_INIT;
    ys_status st = ys_render_text(d, &txt);
    FILE *f = st == YS_OK ? fopen(path, "wb") : NULL;
    if (f) {
        if (fwrite(txt.data, 1, txt.len, f) != txt.len) st = YS_ERR_IO;
        fclose(f);
    } else if (st == YS_OK) {
        st = YS_ERR_IO;
    }
    ys_buf_release(&txt);
    return st;
}

static void test_carryover_text_round_trip(void **state)
{
    (void)state;
    ys_disclosure *back = render_and_read(derived_co, render_text_path, read_text_path);
    same_carryover(back);
    ys_disclosure_free(back);
}

/* The PDF reads back exactly: the 上年结转 column of 收入总表 beside the empty 其他收入 column, the
 * narrative's figures on justified lines, 政府性基金 and 国有资本经营 tables with data. */
static void test_carryover_pdf_round_trip(void **state)
{
    (void)state;
    if (!smp_have_program("pdftotext")) skip();
    ys_disclosure *back = render_and_read(derived_co, ys_render_pdf, ys_read_pdf_file);
    same_carryover(back);
    for (size_t p = 0; p < derived_co->nprojects; p++) same_project(&derived_co->projects[p], &back->projects[p]);
    ys_disclosure_free(back);
    pango_cairo_font_map_set_default(NULL);
    cairo_debug_reset_static_data();
}

static void test_carryover_xlsx_round_trip(void **state)
{
    (void)state;
    ys_disclosure *back = render_and_read(derived_co, ys_render_xlsx, ys_read_sheet_file);
    same_carryover(back);
    ys_disclosure_free(back);
}

static void test_derived_is_clean(void **state)
{
    (void)state;
    ys_findings f;
    ys_findings_init(&f);
    ys_check_run(derived, catalog, NULL, &f);
    for (size_t i = 0; i < f.count; i++)
        if (!f.items[i].folded && f.items[i].severity == YS_SEV_ERROR)
            print_message("error finding [%s]: %s\n", f.items[i].rule, f.items[i].message);
    assert_true(ys_findings_max_severity(&f) < YS_SEV_ERROR);
    ys_findings_release(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_derived_is_clean),
        cmocka_unit_test(test_text_round_trip),
        cmocka_unit_test(test_pdf_projects_round_trip),
        cmocka_unit_test(test_carryover_derived_is_clean),
        cmocka_unit_test(test_carryover_text_round_trip),
        cmocka_unit_test(test_carryover_xlsx_round_trip),
        cmocka_unit_test(test_carryover_pdf_round_trip),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
