/*
 * test_roundtrip.c — the compile path closes on the audit path (issue: "Round trip"): the example book
 * derived into a disclosure, rendered as plain text, read back by the text reader, gives back the book's
 * numbers (every cell of every table, every project's code, name and amounts), and its audit reports no
 * error finding.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "catalog/catalog.h"
#include "check/check.h"
#include "core/text.h"
#include "derive/derive.h"
#include "read/book.h"
#include "read/read.h"
#include "render/render.h"

#define BOOK "examples/zhaoxian-hrss-2024/book"

static ys_disclosure *derived;
static ys_catalog *catalog;

static int setup(void **state)
{
    (void)state;
    setenv("YUSUAN_DATA", "data", 0);
    ys_diags diags;
    ys_diags_init(&diags);
    ys_budget *b = NULL;
    catalog = ys_catalog_new();
    ys_catalog_load_default(catalog, &diags);
    if (ys_book_read(BOOK, &b, &diags) != YS_OK || ys_derive(b, catalog, &derived, &diags) != YS_OK) {
        for (size_t i = 0; i < diags.count; i++) print_message("%s\n", diags.items[i].message);
        ys_budget_free(b);
        ys_diags_release(&diags);
        return -1;
    }
    ys_budget_free(b);
    ys_diags_release(&diags);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ys_disclosure_free(derived);
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

    for (int id = 0; id < YS_TABLE__COUNT; id++) {
        const ys_table *a = derived->tables[id], *b = back->tables[id];
        if (!a) continue;
        if (!b) fail_msg("table %s not read back", ys_table_id_name((ys_table_id)id));
        assert_int_equal(a->nrows, b->nrows);
        assert_int_equal(a->ncols, b->ncols);
        for (size_t r = 0; r < a->nrows; r++) {
            assert_string_equal(a->rows[r].code, b->rows[r].code);
            assert_true(ys_text_same(a->rows[r].name, b->rows[r].name));
            for (size_t c = 0; c < a->ncols; c++) same_cell(a, &a->rows[r], c, &a->rows[r].cells[c], &b->rows[r].cells[c]);
        }
    }
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
    ys_findings f;
    ys_findings_init(&f);
    ys_check_run(back, catalog, NULL, &f);
    for (size_t i = 0; i < f.count; i++)
        if (!f.items[i].folded && f.items[i].severity == YS_SEV_ERROR)
            print_message("error finding [%s]: %s\n", f.items[i].rule, f.items[i].message);
    assert_true(ys_findings_max_severity(&f) < YS_SEV_ERROR);
    ys_findings_release(&f);
    ys_disclosure_free(back);
    ys_diags_release(&diags);
    ys_buf_release(&txt);
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
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
