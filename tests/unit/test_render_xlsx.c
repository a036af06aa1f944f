/*
 * test_render_xlsx.c — the XLSX renderer (render/workbook.c, ys_render_xlsx). The sample disclosure
 * (examples/zhaoxian-hrss-2024/published.txt, read by the text reader) is rendered to a temporary file and
 *   (a) a second render gives identical bytes;
 *   (b) the package is compared by structure: xl/workbook.xml (sheet names and order, print titles) and the
 *       XML of the 收入总表 and 三公经费 sheets equal the checked-in files in tests/unit/data/render_xlsx/
 *       (regenerate them with YS_UPDATE_GOLDEN=1 after a deliberate layout change, and review the diff);
 *   (c) the workbook is read back with the project's own reader (read/xlsx.h): every amount of the income
 *       and expense tables is a stored number whose decimal string is the table's value in its unit
 *       ("34063.09"), 序号 are numbers, codes are strings, the title and the header merges are there;
 *   (d) hostile text (=cmd|…, +1, @SUM(1), -2) comes out neutralised with a leading "'" and no cell has a
 *       formula, while negative amounts stay numbers;
 *   (e) a tiny disclosure with an empty table and its note renders, and a render into a missing
 *       directory fails with a diagnostic and leaves no file behind.
 * Tests run from the repository root (as `make unit` does).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <zip.h>

#include "core/display.h"
#include "core/money.h"
#include "model/disclosure.h"
#include "read/read.h"
#include "read/xlsx.h"
#include "render/render.h"

#define SAMPLE "examples/zhaoxian-hrss-2024/published.txt"
#define GOLDEN "tests/unit/data/render_xlsx/"

static char tmpdir[64];
static ys_disclosure *sample;
static char sample_path[128];

/* ---- helpers -------------------------------------------------------------------------------------- */

static void show_diags(const ys_diags *dg)
{
    for (size_t i = 0; i < dg->count; i++) fprintf(stderr, "diag: %s\n", dg->items[i].message);
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)len + 1);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, (size_t)len, f), (size_t)len);
    b[len] = '\0';
    fclose(f);
    *n = (size_t)len;
    return b;
}

/* One part of a zip package, NUL-terminated (caller frees). */
static char *zip_part(const char *path, const char *name, size_t *n)
{
    int err = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &err);
    assert_non_null(z);
    zip_stat_t sb;
    assert_int_equal(zip_stat(z, name, 0, &sb), 0);
    char *b = malloc((size_t)sb.size + 1);
    assert_non_null(b);
    zip_file_t *f = zip_fopen(z, name, 0);
    assert_non_null(f);
    assert_int_equal(zip_fread(f, b, sb.size), (zip_int64_t)sb.size);
    zip_fclose(f);
    zip_close(z);
    b[sb.size] = '\0';
    *n = (size_t)sb.size;
    return b;
}

static void render_ok(const ys_disclosure *d, const char *path)
{
    ys_diags dg;
    ys_diags_init(&dg);
    ys_status st = ys_render_xlsx(d, path, &dg);
    if (st != YS_OK) show_diags(&dg);
    assert_int_equal(st, YS_OK);
    assert_int_equal(dg.errors, 0);
    ys_diags_release(&dg);
}

static ys_xlsx *open_ok(const char *path, ys_diags *dg)
{
    ys_xlsx *wb = NULL;
    ys_status st = ys_xlsx_open_file(path, &wb, dg);
    if (st != YS_OK) show_diags(dg);
    assert_int_equal(st, YS_OK);
    return wb;
}

static const ys_xlsx_grid *grid_by_name(ys_xlsx *wb, const char *name, ys_diags *dg)
{
    const ys_xlsx_sheet *s = ys_xlsx_sheet_by_name(wb, name);
    assert_non_null(s);
    const ys_xlsx_grid *g = NULL;
    assert_int_equal(ys_xlsx_read_sheet(wb, s->index, &g, dg), YS_OK);
    assert_non_null(g);
    return g;
}

static int setup(void **state)
{
    (void)state;
    setenv("YUSUAN_DATA", "data", 1);
    snprintf(tmpdir, sizeof tmpdir, "/tmp/ys-render-xlsx-XXXXXX");
    if (!mkdtemp(tmpdir)) return -1;
    ys_diags dg;
    ys_diags_init(&dg);
    ys_status st = ys_read_text_file(SAMPLE, &sample, &dg);
    ys_diags_release(&dg);
    if (st != YS_OK) return -1;
    snprintf(sample_path, sizeof sample_path, "%s/sample.xlsx", tmpdir);
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    ys_diags_init(&dg);
    st = ys_render_xlsx(sample, sample_path, &dg);
    clock_gettime(CLOCK_MONOTONIC, &b);
    ys_diags_release(&dg);
    fprintf(stderr, "render_xlsx: sample rendered in %.1f ms\n",
            (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6);
    return st == YS_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    ys_disclosure_free(sample);
    DIR *dir = opendir(tmpdir);
    if (dir) {
        struct dirent *e;
        char p[400];
        while ((e = readdir(dir)) != NULL) {
            if (e->d_name[0] == '.') continue;
            snprintf(p, sizeof p, "%s/%s", tmpdir, e->d_name);
            remove(p);
        }
        closedir(dir);
    }
    rmdir(tmpdir);
    return 0;
}

/* ---- (a) reproducible ----------------------------------------------------------------------------- */

static void test_reproducible(void **state)
{
    (void)state;
    char again[128];
    snprintf(again, sizeof again, "%s/again.xlsx", tmpdir);
    render_ok(sample, again);
    size_t n1, n2;
    char *a = slurp(sample_path, &n1), *b = slurp(again, &n2);
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    free(a);
    free(b);
    /* fixed creation date in the document properties */
    size_t n;
    char *core = zip_part(sample_path, "docProps/core.xml", &n);
    assert_non_null(strstr(core, "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2000-01-01T00:00:00Z<"));
    free(core);
}

/* ---- (b) structure -------------------------------------------------------------------------------- */

static void compare_part(const char *part, const char *golden)
{
    size_t n, m;
    char *got = zip_part(sample_path, part, &n);
    char path[256];
    snprintf(path, sizeof path, GOLDEN "%s", golden);
    if (getenv("YS_UPDATE_GOLDEN")) {
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        fwrite(got, 1, n, f);
        fclose(f);
    }
    char *want = slurp(path, &m);
    if (!want) fail_msg("missing %s (YS_UPDATE_GOLDEN=1 writes it)", path);
    if (n != m || memcmp(got, want, n) != 0) {
        size_t i = 0;
        while (i < n && i < m && got[i] == want[i]) i++;
        size_t from = i > 80 ? i - 80 : 0;
        fprintf(stderr, "%s differs from %s at byte %zu:\n got: %.160s\nwant: %.160s\n", part, path, i, got + from,
                want + from);
        fail();
    }
    free(got);
    free(want);
}

static void test_structure(void **state)
{
    (void)state;
    compare_part("xl/workbook.xml", "workbook.xml");
    compare_part("xl/worksheets/sheet3.xml", "sheet3-income.xml");
    compare_part("xl/worksheets/sheet10.xml", "sheet10-three_public.xml");
}

/* ---- (c) read back -------------------------------------------------------------------------------- */

/* The classified tables: 序号, 科目编码, 科目名称, then the columns; title, info line, two header rows and
 * 栏次 above the body (rows 1-5). */
static void check_classified(ys_xlsx *wb, const char *sheet, const ys_table *t, ys_diags *dg)
{
    const ys_xlsx_grid *g = grid_by_name(wb, sheet, dg);
    const ys_xlsx_cell *c = ys_xlsx_grid_cell(g, 0, 0);
    assert_non_null(c);
    assert_int_equal(c->kind, YS_XLSX_STRING);
    assert_string_equal(c->text, t->title);
    const ys_xlsx_range *m = ys_xlsx_grid_merge_at(g, 0, 3);   /* title merged over every column */
    assert_non_null(m);
    assert_int_equal(m->c1, t->ncols + 2);
    m = ys_xlsx_grid_merge_at(g, 3, 0);                        /* 序号 merged over both header rows */
    assert_non_null(m);
    assert_int_equal(m->r0, 2);
    assert_int_equal(m->r1, 3);
    c = ys_xlsx_grid_cell(g, 2, 1);
    assert_non_null(c);
    assert_string_equal(c->text, "功能分类科目");
    c = ys_xlsx_grid_cell(g, 4, 0);
    assert_non_null(c);
    assert_string_equal(c->text, "栏次");

    size_t amounts = 0;
    for (size_t ri = 0; ri < t->nrows; ri++) {
        const ys_row *row = &t->rows[ri];
        uint32_t r = (uint32_t)(5 + ri);
        c = ys_xlsx_grid_cell(g, r, 0);
        assert_non_null(c);
        assert_int_equal(c->kind, YS_XLSX_NUMBER);
        char seq[16];
        snprintf(seq, sizeof seq, "%d", row->seq);
        assert_string_equal(c->text, seq);
        c = ys_xlsx_grid_cell(g, r, 1);
        if (*row->code) {
            assert_non_null(c);
            assert_int_equal(c->kind, YS_XLSX_STRING);
            assert_string_equal(c->text, row->code);
            assert_int_equal(c->fmt, YS_XLSX_FMT_TEXT);
        } else {
            assert_null(c);
        }
        c = ys_xlsx_grid_cell(g, r, 2);
        assert_non_null(c);
        assert_string_equal(c->text, row->name);
        for (size_t ci = 0; ci < t->ncols; ci++) {
            const ys_cell *cell = &row->cells[ci];
            c = ys_xlsx_grid_cell(g, r, (uint32_t)(3 + ci));
            if (cell->kind == YS_CELL_EMPTY) {
                assert_null(c);   /* a bordered blank: no value stored */
                continue;
            }
            assert_int_equal(cell->kind, YS_CELL_MONEY);
            assert_non_null(c);
            char want[YS_MONEY_BUFSZ];
            ys_money_format(cell->money, t->unit, 0, want, sizeof want);
            if (c->kind != YS_XLSX_NUMBER || strcmp(c->text, want) != 0)
                fail_msg("%s %s: stored %s, table %s", sheet, c->ref, c->text, want);
            assert_int_equal(c->fmt, YS_XLSX_FMT_NUMBER);
            assert_string_equal(c->numfmt, "0.00");
            amounts++;
        }
    }
    assert_true(amounts > 30);
}

static void test_read_back(void **state)
{
    (void)state;
    ys_diags dg;
    ys_diags_init(&dg);
    ys_xlsx *wb = open_ok(sample_path, &dg);
    assert_int_equal(ys_xlsx_sheet_count(wb), 15);
    assert_string_equal(ys_xlsx_sheet_at(wb, 0)->name, "目录");
    assert_string_equal(ys_xlsx_sheet_at(wb, 13)->name, "项目绩效目标");
    assert_string_equal(ys_xlsx_sheet_at(wb, 14)->name, "情况说明");

    const ys_table *inc = ys_disclosure_table(sample, YS_TABLE_INCOME);
    const ys_table *exp = ys_disclosure_table(sample, YS_TABLE_EXPENSE);
    assert_non_null(inc);
    assert_non_null(exp);
    check_classified(wb, "收入总表", inc, &dg);
    check_classified(wb, "支出总表", exp, &dg);
    const ys_xlsx_grid *g = grid_by_name(wb, "收入总表", &dg);
    const ys_xlsx_cell *c = ys_xlsx_grid_cell(g, 5, 3);   /* 合计 of 合计 */
    assert_non_null(c);
    assert_string_equal(c->text, "34063.09");

    /* 目录 links every sheet; 情况说明 holds the section titles */
    g = grid_by_name(wb, "目录", &dg);
    c = ys_xlsx_grid_cell(g, 2, 1);
    assert_non_null(c);
    assert_string_equal(c->text, ys_disclosure_table(sample, YS_TABLE_SUMMARY)->title);
    c = ys_xlsx_grid_cell(g, 2 + 14 - 1, 2);
    assert_non_null(c);
    assert_string_equal(c->text, "情况说明");
    g = grid_by_name(wb, "情况说明", &dg);
    bool found = false;
    for (size_t i = 0; i < g->ncells; i++)
        found |= strcmp(g->cells[i].text, "二、部门预算安排的总体情况") == 0;
    assert_true(found);

    /* 项目绩效目标: every project's title and its 预算数 as a number */
    g = grid_by_name(wb, "项目绩效目标", &dg);
    size_t titles = 0;
    for (size_t p = 0; p < sample->nprojects; p++)
        for (size_t i = 0; i < g->ncells; i++)
            if (strcmp(g->cells[i].text, ys_text_display(sample->arena, sample->projects[p].title)) == 0 &&
                g->cells[i].col == 0) {   /* titles are shown with full-width punctuation */
                titles++;
                const ys_xlsx_cell *b = ys_xlsx_grid_cell(g, g->cells[i].row + 3, 2);
                assert_non_null(b);
                assert_int_equal(b->kind, YS_XLSX_NUMBER);
                char want[YS_MONEY_BUFSZ];
                ys_money_format(sample->projects[p].budget.money, sample->projects[p].unit, 0, want, sizeof want);
                assert_string_equal(b->text, want);
                break;
            }
    assert_int_equal(titles, 40);
    ys_xlsx_free(wb);
    ys_diags_release(&dg);
}

/* ---- (d) hostile text ----------------------------------------------------------------------------- */

static void test_hostile(void **state)
{
    (void)state;
    ys_disclosure *d = ys_disclosure_new("hostile.txt");
    d->meta.department = "=cmd|' /C calc'!A0";
    d->meta.year = 2024;
    ys_column cols[] = {{"合计", "total", YS_COL_MONEY}, {"基本支出", "basic", YS_COL_MONEY},
                        {"项目支出", "project", YS_COL_MONEY}};
    ys_table *t = ys_disclosure_add_table(d, YS_TABLE_EXPENSE, "=HYPERLINK(\"http://x\")", 3, cols);
    t->unit = YS_UNIT_YUAN;
    ys_source src = {d->file, 1, 0, NULL};
    ys_row *r = ys_table_add_row(d, t, 1, "", "=cmd|' /C calc'!A0");
    ys_cell_set_printed(d, &r->cells[0], "-100.50", t->unit, src);
    ys_cell_set_printed(d, &r->cells[1], "+1", t->unit, src);       /* a number: stays a number */
    ys_cell_set_printed(d, &r->cells[2], "@SUM(1)", t->unit, src);  /* not money: text cell */
    r = ys_table_add_row(d, t, 2, "208", "@SUM(1)");
    r = ys_table_add_row(d, t, 3, "20801", "-2+3");
    ys_project *p = ys_disclosure_add_project(d);
    p->seq = 1, p->code = "+1", p->name = "@SUM(1)", p->title = "=1+1", p->unit = YS_UNIT_WANYUAN;
    p->purpose = "-x", p->goal = "ok";
    ys_section *s = ys_disclosure_add_section(d, "一", "@标题");
    s->text = "=1+2\n正常段落";

    char path[128];
    snprintf(path, sizeof path, "%s/hostile.xlsx", tmpdir);
    render_ok(d, path);
    ys_diags dg;
    ys_diags_init(&dg);
    ys_xlsx *wb = open_ok(path, &dg);
    size_t strings = 0;
    for (size_t si = 0; si < ys_xlsx_sheet_count(wb); si++) {
        const ys_xlsx_grid *g = NULL;
        assert_int_equal(ys_xlsx_read_sheet(wb, si, &g, &dg), YS_OK);
        for (size_t i = 0; i < g->ncells; i++) {
            const ys_xlsx_cell *c = &g->cells[i];
            assert_false(c->flags & YS_XLSX_F_FORMULA);
            if (c->kind != YS_XLSX_STRING) continue;
            strings++;
            char f = c->text[0];
            if (f == '=' || f == '+' || f == '-' || f == '@')
                fail_msg("%s!%s not neutralised: %s", ys_xlsx_sheet_at(wb, si)->name, c->ref, c->text);
        }
    }
    assert_true(strings > 10);
    const ys_xlsx_grid *g = grid_by_name(wb, "支出总表", &dg);
    const ys_xlsx_cell *c = ys_xlsx_grid_cell(g, 0, 0);
    assert_string_equal(c->text, "'=HYPERLINK(\"http://x\")");
    c = ys_xlsx_grid_cell(g, 5, 2);
    assert_string_equal(c->text, "'=cmd|' /C calc'!A0");
    c = ys_xlsx_grid_cell(g, 5, 3);
    assert_int_equal(c->kind, YS_XLSX_NUMBER);
    assert_string_equal(c->text, "-100.5");
    c = ys_xlsx_grid_cell(g, 5, 4);
    assert_int_equal(c->kind, YS_XLSX_NUMBER);
    assert_string_equal(c->text, "1");
    c = ys_xlsx_grid_cell(g, 5, 5);
    assert_string_equal(c->text, "'@SUM(1)");
    c = ys_xlsx_grid_cell(g, 7, 2);
    assert_string_equal(c->text, "'-2+3");
    c = ys_xlsx_grid_cell(g, 1, 0);
    assert_string_equal(c->text, "'=cmd|' /C calc'!A0");
    ys_xlsx_free(wb);
    ys_diags_release(&dg);
    ys_disclosure_free(d);
}

/* ---- (e) tiny disclosure, failure ----------------------------------------------------------------- */

static void test_tiny_and_failure(void **state)
{
    (void)state;
    ys_disclosure *d = ys_disclosure_new("tiny.txt");
    ys_column cols[] = {{"合计", "total", YS_COL_MONEY}, {"基本支出", "basic", YS_COL_MONEY},
                        {"项目支出", "project", YS_COL_MONEY}};
    ys_table *t = ys_disclosure_add_table(d, YS_TABLE_GOV_FUND, "部门预算政府性基金预算财政拨款支出表", 3, cols);
    t->unit = YS_UNIT_WANYUAN;
    t->note = "注：无政府性基金预算财政拨款预算，空表列示。\n注：第二条说明。";
    char path[128];
    snprintf(path, sizeof path, "%s/tiny.xlsx", tmpdir);
    render_ok(d, path);

    ys_diags dg;
    ys_diags_init(&dg);
    ys_xlsx *wb = open_ok(path, &dg);
    assert_int_equal(ys_xlsx_sheet_count(wb), 2);
    assert_string_equal(ys_xlsx_sheet_at(wb, 0)->name, "目录");
    assert_string_equal(ys_xlsx_sheet_at(wb, 1)->name, "政府性基金");
    const ys_xlsx_grid *g = grid_by_name(wb, "政府性基金", &dg);
    /* title, info, two header rows, 栏次, (no body), blank row, two notes */
    const ys_xlsx_cell *c = ys_xlsx_grid_cell(g, 6, 0);
    assert_non_null(c);
    assert_string_equal(c->text, "注：无政府性基金预算财政拨款预算，空表列示。");
    c = ys_xlsx_grid_cell(g, 7, 0);
    assert_non_null(c);
    assert_string_equal(c->text, "注：第二条说明。");
    assert_non_null(ys_xlsx_grid_merge_at(g, 6, 5));   /* merged across the table */
    c = ys_xlsx_grid_cell(g, 1, 5);   /* 序号, 科目编码, 科目名称 + 3 columns: 单位 in the last */
    assert_non_null(c);
    assert_string_equal(c->text, "单位：万元");
    ys_xlsx_free(wb);

    /* a directory that does not exist: an error, a diagnostic, and no file left behind */
    char bad[160];
    snprintf(bad, sizeof bad, "%s/missing/out.xlsx", tmpdir);
    ys_diags_release(&dg);
    ys_diags_init(&dg);
    assert_int_not_equal(ys_render_xlsx(d, bad, &dg), YS_OK);
    assert_true(dg.errors > 0);
    assert_int_equal(access(bad, F_OK), -1);
    ys_diags_release(&dg);
    ys_disclosure_free(d);

    /* an empty disclosure still gives a valid workbook (only the 目录) */
    d = ys_disclosure_new("empty.txt");
    snprintf(path, sizeof path, "%s/empty.xlsx", tmpdir);
    render_ok(d, path);
    ys_diags_init(&dg);
    wb = open_ok(path, &dg);
    assert_int_equal(ys_xlsx_sheet_count(wb), 1);
    ys_xlsx_free(wb);
    ys_diags_release(&dg);
    ys_disclosure_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reproducible),
        cmocka_unit_test(test_structure),
        cmocka_unit_test(test_read_back),
        cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_tiny_and_failure),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
