/*
 * test_read_shapes.c — pasted shapes of a document (src/read/shape.c through the text reader) and codes
 * split into 类 / 款 / 项 columns (src/read/text_tables.c). The sample's income table (lines 99–200 of
 * examples/zhaoxian-hrss-2024/published.txt: title, page headers, two header lines, the 栏次 line, rows
 * broken across pages) is rewritten here into each shape — `|` cells, space-aligned columns, one cell per
 * line with an empty line for each empty cell, and one cell per line with empty cells left out — read,
 * and compared cell by cell with the tab-separated original. In the last shape a row with empty cells
 * cannot be placed without doubt: such rows must be skipped with a warning, and every row that is read
 * must be exactly the original one (never an amount in another column). Small documents in
 * tests/unit/data/shapes/ cover split codes, a table without 序号, and the detection of each shape.
 *
 * Run from the repository root (make unit does); YUSUAN_DATA=data finds the table templates.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "read/read.h"
#include "read/shape.h"

#define SAMPLE "examples/zhaoxian-hrss-2024/published.txt"
#define FIRST_LINE 99
#define LAST_LINE 200
#define MAXL 256

static char *lines[MAXL];
static size_t nlines;

static int setup(void **state)
{
    (void)state;
    setenv("YUSUAN_DATA", "data", 1);
    FILE *f = fopen(SAMPLE, "rb");
    if (!f) return -1;
    char buf[8192];
    size_t no = 0;
    while (fgets(buf, sizeof buf, f)) {
        no++;
        if (no < FIRST_LINE || no > LAST_LINE) continue;
        size_t n = strlen(buf);
        while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r')) buf[--n] = '\0';
        lines[nlines++] = strdup(buf);
    }
    fclose(f);
    return nlines == LAST_LINE - FIRST_LINE + 1 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    for (size_t i = 0; i < nlines; i++) free(lines[i]);
    return 0;
}

/* ---- writing the shapes --------------------------------------------------------------------------------- */

/* Cells of a tab line (pointers into a copy the caller frees). */
static size_t split_tabs(const char *line, char **copy, const char **cells, size_t max)
{
    *copy = strdup(line);
    size_t n = 0;
    char *p = *copy;
    for (;;) {
        char *q = strchr(p, '\t');
        if (q) *q = '\0';
        if (n < max) cells[n++] = p;
        if (!q) break;
        p = q + 1;
    }
    return n;
}

static void to_bars(ys_buf *out)
{
    for (size_t i = 0; i < nlines; i++) {
        if (!strchr(lines[i], '\t')) {
            ys_buf_adds(out, lines[i]);
        } else {
            char *copy;
            const char *cells[64];
            size_t n = split_tabs(lines[i], &copy, cells, 64);
            ys_buf_adds(out, "|");
            for (size_t k = 0; k < n; k++) {
                ys_buf_printf(out, " %s |", cells[k]);
            }
            free(copy);
            /* a Markdown separator after the first header line */
            if (strncmp(lines[i], "\xe5\xba\x8f\xe5\x8f\xb7\t", 7) == 0 /* 序号 */) {
                ys_buf_addc(out, '\n');
                for (size_t k = 0; k < n; k++) ys_buf_adds(out, "|---");
                ys_buf_adds(out, "|");
            }
        }
        ys_buf_addc(out, '\n');
    }
}

static size_t width(const char *s)
{
    size_t w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x80) w++;
        else if (*p >= 0xE0) w += 2;
        else if (*p >= 0xC0) w++;
    }
    return w;
}

static bool numeric(const char *s)
{
    if (!*s) return false;
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || *s == '.' || *s == ',' || *s == '-')) return false;
    return true;
}

/* Space-aligned: each run of tab lines a block, each column as wide as its widest cell, texts left,
 * numbers right, two spaces between columns. */
static void to_spaces(ys_buf *out)
{
    size_t i = 0;
    while (i < nlines) {
        if (!strchr(lines[i], '\t')) {
            ys_buf_adds(out, lines[i++]);
            ys_buf_addc(out, '\n');
            continue;
        }
        size_t j = i;
        while (j < nlines && strchr(lines[j], '\t')) j++;
        size_t w[64] = {0}, ncols = 0;
        for (size_t k = i; k < j; k++) {
            char *copy;
            const char *cells[64];
            size_t n = split_tabs(lines[k], &copy, cells, 64);
            if (n > ncols) ncols = n;
            for (size_t c = 0; c < n; c++)
                if (width(cells[c]) > w[c]) w[c] = width(cells[c]);
            free(copy);
        }
        for (size_t k = i; k < j; k++) {
            char *copy;
            const char *cells[64];
            size_t n = split_tabs(lines[k], &copy, cells, 64);
            ys_buf line = YS_BUF_INIT;
            for (size_t c = 0; c < ncols; c++) {
                const char *t = c < n ? cells[c] : "";
                size_t pad = w[c] - width(t);
                if (c) ys_buf_adds(&line, "  ");
                if (numeric(t))
                    for (size_t p = 0; p < pad; p++) ys_buf_addc(&line, ' ');
                ys_buf_adds(&line, t);
                if (!numeric(t))
                    for (size_t p = 0; p < pad; p++) ys_buf_addc(&line, ' ');
            }
            size_t len = line.len;
            const char *s = ys_buf_str(&line);
            while (len && s[len - 1] == ' ') len--;
            ys_buf_add(out, s, len);
            ys_buf_addc(out, '\n');
            ys_buf_release(&line);
            free(copy);
        }
        i = j;
    }
}

/* One cell per line; with_blanks: an empty line for each empty cell (trailing ones included). */
static void to_cells(ys_buf *out, bool with_blanks)
{
    for (size_t i = 0; i < nlines; i++) {
        if (!strchr(lines[i], '\t')) {
            ys_buf_adds(out, lines[i]);
            ys_buf_addc(out, '\n');
            continue;
        }
        char *copy;
        const char *cells[64];
        size_t n = split_tabs(lines[i], &copy, cells, 64);
        for (size_t c = 0; c < n; c++)
            if (with_blanks || *cells[c]) {
                ys_buf_adds(out, cells[c]);
                ys_buf_addc(out, '\n');
            }
        free(copy);
    }
}

static void joined(ys_buf *out)
{
    for (size_t i = 0; i < nlines; i++) {
        ys_buf_adds(out, lines[i]);
        ys_buf_addc(out, '\n');
    }
}

/* ---- reading and comparing -------------------------------------------------------------------------- */

static ys_disclosure *read_buf(const char *name, ys_buf *b, ys_diags *dg)
{
    ys_disclosure *d = NULL;
    ys_status st = ys_read_text_mem(name, ys_buf_str(b), b->len, &d, dg);
    if (st != YS_OK) {
        for (size_t i = 0; i < dg->count; i++) print_message("%s\n", dg->items[i].message);
        fail_msg("%s: read failed", name);
    }
    return d;
}

static size_t warnings_with(const ys_diags *dg, const char *needle)
{
    size_t n = 0;
    for (size_t i = 0; i < dg->count; i++)
        if (dg->items[i].level == YS_DIAG_WARNING && strstr(dg->items[i].message, needle) && dg->items[i].line > 0)
            n++;
    return n;
}

static void same_row(const ys_table *a, const ys_row *ra, const ys_table *b, const ys_row *rb)
{
    assert_int_equal(ra->seq, rb->seq);
    assert_string_equal(ra->code, rb->code);
    assert_string_equal(ra->name, rb->name);
    assert_int_equal(a->ncols, b->ncols);
    for (size_t c = 0; c < a->ncols; c++) {
        const ys_cell *x = &ra->cells[c], *y = &rb->cells[c];
        if (x->kind != y->kind || x->money != y->money || strcmp(x->text ? x->text : "", y->text ? y->text : ""))
            fail_msg("row %d (%s) column %s: \"%s\" vs \"%s\"", ra->seq, ra->name, a->cols[c].header,
                     x->text ? x->text : "", y->text ? y->text : "");
    }
}

/* Every cell of the income table of `got` equals the tab original; all rows when `all`, else each row
 * that was read (and skipped ones must be warned about). Returns the rows read. */
static size_t compare_income(const ys_disclosure *want, const ys_disclosure *got, bool all)
{
    const ys_table *a = ys_disclosure_table(want, YS_TABLE_INCOME);
    const ys_table *b = ys_disclosure_table(got, YS_TABLE_INCOME);
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(a->ncols, b->ncols);
    for (size_t c = 0; c < a->ncols; c++) {
        assert_string_equal(a->cols[c].key, b->cols[c].key);
        assert_string_equal(a->cols[c].header, b->cols[c].header);
    }
    assert_int_equal(a->unit, b->unit);
    if (all) assert_int_equal(a->nrows, b->nrows);
    size_t k = 0;
    for (size_t i = 0; i < b->nrows; i++) {
        while (k < a->nrows && a->rows[k].seq != b->rows[i].seq) k++;
        if (k == a->nrows) fail_msg("row %d read but not in the original", b->rows[i].seq);
        same_row(a, &a->rows[k], b, &b->rows[i]);
    }
    return b->nrows;
}

static void check_shape(void (*writer)(ys_buf *), ys_shape expect)
{
    ys_buf tab = YS_BUF_INIT, other = YS_BUF_INIT;
    joined(&tab);
    writer(&other);
    ys_diags d1, d2;
    ys_diags_init(&d1);
    ys_diags_init(&d2);
    ys_disclosure *want = read_buf("tab.txt", &tab, &d1);
    ys_disclosure *got = read_buf("shaped.txt", &other, &d2);
    const ys_table *t = ys_disclosure_table(want, YS_TABLE_INCOME);
    assert_true(t->nrows >= 26);
    compare_income(want, got, true);
    assert_int_equal(d1.count, d2.count);
    /* the evidence is the line as pasted */
    assert_true(got->nlines > 0);
    (void)expect;
    ys_disclosure_free(want);
    ys_disclosure_free(got);
    ys_diags_release(&d1);
    ys_diags_release(&d2);
    ys_buf_release(&tab);
    ys_buf_release(&other);
}

static void test_bars(void **state)
{
    (void)state;
    check_shape(to_bars, YS_SHAPE_BARS);
}

static void test_spaces(void **state)
{
    (void)state;
    check_shape(to_spaces, YS_SHAPE_SPACES);
}

static void cells_blanks(ys_buf *b)
{
    to_cells(b, true);
}

static void test_cells_with_blanks(void **state)
{
    (void)state;
    check_shape(cells_blanks, YS_SHAPE_CELLS);
}

/* Empty cells left out: the rows of this table have 3 amounts for 10 amount columns, so none can be
 * placed: each is skipped with a warning at its line, none is read wrong. */
static void test_cells_compact(void **state)
{
    (void)state;
    ys_buf tab = YS_BUF_INIT, other = YS_BUF_INIT;
    joined(&tab);
    to_cells(&other, false);
    ys_diags d1, d2;
    ys_diags_init(&d1);
    ys_diags_init(&d2);
    ys_disclosure *want = read_buf("tab.txt", &tab, &d1);
    ys_disclosure *got = NULL;
    ys_status st = ys_read_text_mem("compact.txt", ys_buf_str(&other), other.len, &got, &d2);
    size_t skipped = warnings_with(&d2, "\xe5\xb7\xb2\xe8\xb7\xb3\xe8\xbf\x87" /* 已跳过 */);
    assert_true(skipped >= 26);
    if (st == YS_OK && ys_disclosure_table(got, YS_TABLE_INCOME)) compare_income(want, got, false);
    ys_disclosure_free(want);
    ys_disclosure_free(got);
    ys_diags_release(&d1);
    ys_diags_release(&d2);
    ys_buf_release(&tab);
    ys_buf_release(&other);
}

/* ---- small documents --------------------------------------------------------------------------------- */

static ys_disclosure *read_path(const char *path, ys_diags *dg)
{
    ys_disclosure *d = NULL;
    ys_status st = ys_read_text_file(path, &d, dg);
    if (st != YS_OK) fail_msg("%s: read failed", path);
    return d;
}

static const ys_cell *cell_of(const ys_table *t, const ys_row *r, const char *key)
{
    int c = ys_table_col(t, key);
    assert_true(c >= 0);
    return &r->cells[c];
}

/* 类 | 款 | 项 columns joined into the full code, the 类 and 款 carried from the rows above; no 序号. */
static void test_split_codes(void **state)
{
    (void)state;
    ys_diags dg;
    ys_diags_init(&dg);
    ys_disclosure *d = read_path("tests/unit/data/shapes/split-codes.txt", &dg);
    const ys_table *t = ys_disclosure_table(d, YS_TABLE_EXPENSE);
    assert_non_null(t);
    static const char *const codes[] = {"", "208", "20801", "2080101", "2080102", "20805", "2080505", "210",
                                        "2101101"};
    assert_int_equal(t->nrows, sizeof codes / sizeof *codes);
    for (size_t i = 0; i < t->nrows; i++) {
        assert_string_equal(t->rows[i].code, codes[i]);
        assert_int_equal(t->rows[i].seq, -1);
    }
    assert_string_equal(t->rows[3].name, "\xe8\xa1\x8c\xe6\x94\xbf\xe8\xbf\x90\xe8\xa1\x8c" /* 行政运行 */);
    const ys_cell *c = cell_of(t, &t->rows[4], "project");
    assert_int_equal(c->kind, YS_CELL_MONEY);
    assert_int_equal(c->money, 40 * 1000000);
    assert_int_equal(cell_of(t, &t->rows[4], "basic")->kind, YS_CELL_EMPTY);
    /* no cell reported as outside the columns */
    assert_int_equal(warnings_with(&dg, "\xe4\xb8\x8d\xe5\x9c\xa8\xe4\xbb\xbb\xe4\xbd\x95" /* 不在任何 */), 0);
    ys_disclosure_free(d);
    ys_diags_release(&dg);
}

/* A table without 序号 read in the one-cell shape and in the bar shape: rows by code / name, seq -1. */
static void test_no_seq_shapes(void **state)
{
    (void)state;
    static const char *const files[] = {"tests/unit/data/shapes/noseq-bars.txt", "tests/unit/data/shapes/noseq-cells.txt"};
    for (size_t f = 0; f < 2; f++) {
        ys_diags dg;
        ys_diags_init(&dg);
        ys_disclosure *d = read_path(files[f], &dg);
        const ys_table *t = ys_disclosure_table(d, YS_TABLE_EXPENSE);
        assert_non_null(t);
        assert_int_equal(t->nrows, 4);
        assert_string_equal(t->rows[1].code, "208");
        assert_int_equal(t->rows[1].seq, -1);
        assert_int_equal(cell_of(t, &t->rows[3], "project")->money, 40 * 1000000);
        assert_int_equal(cell_of(t, &t->rows[3], "basic")->money, 0);
        ys_disclosure_free(d);
        ys_diags_release(&dg);
    }
}

/* One cell per line, a row with an amount missing: which column is empty cannot be told → warning with
 * the line, the row skipped; the full rows are read. */
static void test_cells_ambiguous(void **state)
{
    (void)state;
    ys_diags dg;
    ys_diags_init(&dg);
    ys_disclosure *d = read_path("tests/unit/data/shapes/cells-ambiguous.txt", &dg);
    const ys_table *t = ys_disclosure_table(d, YS_TABLE_EXPENSE);
    assert_non_null(t);
    bool warned = false;
    for (size_t i = 0; i < dg.count; i++)
        if (dg.items[i].line == 35 && strstr(dg.items[i].message, "\xe5\xb7\xb2\xe8\xb7\xb3\xe8\xbf\x87")) warned = true;
    assert_true(warned);
    for (size_t i = 0; i < t->nrows; i++) assert_int_not_equal(t->rows[i].seq, 4);
    assert_int_equal(t->nrows, 4);
    assert_string_equal(t->rows[3].code, "2080102");
    assert_int_equal(cell_of(t, &t->rows[3], "project")->money, 40 * 1000000);
    ys_disclosure_free(d);
    ys_diags_release(&dg);
}

static void test_detect(void **state)
{
    (void)state;
    const char *tabs[] = {"a\tb", "c", "d\te"};
    const char *bars[] = {"| a | b |", "|---|---|", "x", "| c | d |"};
    const char *spaces[] = {"a  b  c", "d    e", "f  g", "title"};
    const char *cells[] = {"title", "a", "b"};
    assert_int_equal(ys_shape_detect(tabs, 3), YS_SHAPE_TABS);
    assert_int_equal(ys_shape_detect(bars, 4), YS_SHAPE_BARS);
    assert_int_equal(ys_shape_detect(spaces, 4), YS_SHAPE_SPACES);
    assert_int_equal(ys_shape_detect(cells, 3), YS_SHAPE_CELLS);
    ys_arena *a = ys_arena_new();
    assert_string_equal(ys_shape_bars_line(a, "| 1 |  | 合计 | 3.00 |"), "1\t\t合计\t3.00");
    assert_string_equal(ys_shape_bars_line(a, "1 | 208|x"), "1\t208\tx");
    assert_null(ys_shape_bars_line(a, "|:---|---:|"));
    assert_string_equal(ys_shape_bars_line(a, "no bars"), "no bars");
    ys_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bars),
        cmocka_unit_test(test_spaces),
        cmocka_unit_test(test_cells_with_blanks),
        cmocka_unit_test(test_cells_compact),
        cmocka_unit_test(test_split_codes),
        cmocka_unit_test(test_no_seq_shapes),
        cmocka_unit_test(test_cells_ambiguous),
        cmocka_unit_test(test_detect),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
