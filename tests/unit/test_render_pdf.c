/*
 * test_render_pdf.c — the PDF renderer (render/pdf.c) on the real sample and on hand-made disclosures.
 *
 * The sample examples/zhaoxian-hrss-2024/published.txt is read with the text reader and rendered to a
 * temporary directory: the file exists, starts with %PDF, has a plausible page count, no temporary file
 * is left beside it, and rendering twice gives identical bytes. Where poppler-utils are installed
 * (pdftotext, pdffonts; the checks are skipped cleanly otherwise) the extracted text holds the titles,
 * the department, codes and amounts, the 情况说明 section titles, project codes, and the column header
 * of the income table on every page it spans; the CJK fonts are embedded. A tiny disclosure, a hostile
 * one (very long names, invalid UTF-8, control characters, 1000 rows, many indicators) and an
 * unwritable path are rendered too. Run from the repository root (make unit does).
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
#include <sys/wait.h>
#include <unistd.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "core/buf.h"
#include "model/disclosure.h"
#include "read/read.h"
#include "render/render.h"
#include "sample_helpers.h"


static char g_dir[64];

/*
 * Under LeakSanitizer: cairo 1.16 keeps a few allocations of its font subsetting past
 * cairo_surface_finish (nothing of ours: 3 blocks per document, inside cairo_surface_finish), and
 * fontconfig keeps its configuration. The runtime reads these suppressions from this hook; in other
 * builds the function is unused.
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libcairo.so\nleak:libfontconfig.so\n";
}

/* ---- helpers ----------------------------------------------------------------------------------------- */

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    ys_buf b = YS_BUF_INIT;
    char chunk[65536];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) ys_buf_add(&b, chunk, k);
    fclose(f);
    if (n) *n = b.len;
    if (!b.data) ys_buf_adds(&b, "");
    return ys_buf_detach(&b);
}

static const char *out_path(const char *name)
{
    static char path[4][128];
    static int k;
    k = (k + 1) % 4;
    snprintf(path[k], sizeof path[k], "%s/%s", g_dir, name);
    return path[k];
}

/* Whether poppler-utils are on PATH (the subprocess checks are skipped when not). */
static int have_poppler(void)
{
    static int known = -1;
    if (known < 0) known = system("pdftotext -v >/dev/null 2>&1") == 0 && system("pdffonts -v >/dev/null 2>&1") == 0;
    return known;
}

/* Run a poppler tool on pdf into a text file; the paths are ours (no document text in the command). */
static char *run_tool(const char *tool, const char *pdf, const char *outname)
{
    char cmd[512];
    const char *txt = out_path(outname);
    if (strcmp(tool, "pdftotext") == 0) snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' '%s' 2>/dev/null", pdf, txt);
    else snprintf(cmd, sizeof cmd, "%s '%s' > '%s' 2>/dev/null", tool, pdf, txt);
    if (system(cmd) != 0) return NULL;
    return slurp(txt, NULL);
}

/* memmem is a GNU extension: a plain search */
static const char *find(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(hay + i, needle, k) == 0) return hay + i;
    return NULL;
}

static int count_pages(const char *bytes, size_t n)
{
    int pages = 0;
    const char *p = bytes, *end = bytes + n;
    while ((p = find(p, (size_t)(end - p), "/Type /Page")) != NULL) {
        p += 11;
        if (p < end && *p != 's') pages++;
    }
    return pages;
}

static void assert_pdf(const char *path, int min_pages, int max_pages)
{
    size_t n = 0;
    char *bytes = slurp(path, &n);
    assert_non_null(bytes);
    assert_true(n > 1000);
    assert_memory_equal(bytes, "%PDF-", 5);
    int pages = count_pages(bytes, n);
    assert_in_range(pages, min_pages, max_pages);
    free(bytes);
}

/* No temporary file left in the output directory. */
static void assert_no_tmp(void)
{
    DIR *dir = opendir(g_dir);
    assert_non_null(dir);
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) assert_null(strstr(e->d_name, ".tmp."));
    closedir(dir);
}

/* ---- fixtures ---------------------------------------------------------------------------------------- */

static int setup(void **state)
{
    (void)state;
    setenv("YUSUAN_DATA", "data", 1);
    snprintf(g_dir, sizeof g_dir, "/tmp/ys-pdf-XXXXXX");
    return mkdtemp(g_dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    /* release the process-wide font caches of pango and cairo so the leak checker sees only ours */
    pango_cairo_font_map_set_default(NULL);
    cairo_debug_reset_static_data();
    DIR *dir = opendir(g_dir);
    if (dir) {
        struct dirent *e;
        while ((e = readdir(dir)) != NULL) {
            if (e->d_name[0] == '.') continue;
            char p[512];
            snprintf(p, sizeof p, "%s/%s", g_dir, e->d_name);
            if (!getenv("YS_KEEP")) remove(p);
        }
        closedir(dir);
    }
    if (!getenv("YS_KEEP")) rmdir(g_dir);
    return 0;
}

/* ---- the sample -------------------------------------------------------------------------------------- */

static void test_sample(void **state)
{
    (void)state;
    ys_disclosure *d = smp_read_sample();
    ys_diags dg;
    ys_diags_init(&dg);
    const char *a = out_path("sample.pdf"), *b = out_path("sample2.pdf");
    assert_int_equal(ys_render_pdf(d, a, &dg), YS_OK);
    assert_int_equal(ys_render_pdf(d, b, &dg), YS_OK);
    assert_int_equal(dg.errors, 0);
    assert_pdf(a, 40, 200);
    assert_no_tmp();

    /* reproducible: identical bytes */
    size_t na = 0, nb = 0;
    char *ba = slurp(a, &na), *bb = slurp(b, &nb);
    assert_int_equal(na, nb);
    assert_memory_equal(ba, bb, na);
    assert_non_null(find(ba, na, "yusuan"));
    free(ba);
    free(bb);

    if (!have_poppler()) {
        ys_diags_release(&dg);
        ys_disclosure_free(d);
        skip();
    }
    char *text = run_tool("pdftotext", a, "sample.txt");
    assert_non_null(text);
    static const char *const want[] = {
        "部门预算收支总表", "部门预算收入总表", "部门预算财政拨款“三公”经费支出表", "赵县人力资源和社会保障局",
        "部门预算信息公开", "目录", "34063.09", "33840.55", "1443.71", "2080507", "2210201", "30231",
        "对机关事业单位基本养老保险基金的补助", "部门职责及机构设置情况", "部门预算安排的总体情况",
        "机关运行经费安排情况", "名词解释", "其他需要说明的事项", "13013324P00068910130L",
        "13013324P000689107556", "13013324P00068910081A", "劳务派遣费用绩效目标表", "资金支出计划",
        "赵县就业服务中心", "部门固定资产占用情况表", "2219.88", "空表列示", "栏次",
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        if (!strstr(text, want[i])) fail_msg("pdftotext output lacks \"%s\"", want[i]);
    }
    /* every project code of the model is in the text */
    for (size_t i = 0; i < d->nprojects; i++)
        if (d->projects[i].code && *d->projects[i].code && !strstr(text, d->projects[i].code))
            fail_msg("project code %s missing", d->projects[i].code);
    /* a sample of table cells: every code and amount of gpb_expense */
    const ys_table *t = ys_disclosure_table(d, YS_TABLE_GPB_EXPENSE);
    assert_non_null(t);
    int cells = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        if (*t->rows[r].code && !strstr(text, t->rows[r].code)) fail_msg("code %s missing", t->rows[r].code);
        for (size_t c = 0; c < t->ncols; c++) {
            const ys_cell *cell = &t->rows[r].cells[c];
            if (cell->kind != YS_CELL_MONEY) continue;
            char buf[YS_MONEY_BUFSZ];
            ys_money_format(cell->money, t->unit, 2, buf, sizeof buf);
            if (!strstr(text, buf)) fail_msg("amount %s missing", buf);
            cells++;
        }
    }
    assert_true(cells > 50);
    assert_true(strstr(text, "第 3 页") || strstr(text, "第3页"));
    /* the income table's header repeats on its continuation pages (pages are split by form feeds) */
    int with_code = 0, with_income_head = 0, pages = 0;
    for (char *p = text; p; pages++) {
        char *ff = strchr(p, '\f');
        if (ff) *ff = 0;
        if (strstr(p, "科目编码")) with_code++;
        /* narrow columns wrap their header words (上级补助收 / 入): the first lines are enough */
        if (strstr(p, "上级补助收") && strstr(p, "附属单位上")) with_income_head++;
        p = ff ? ff + 1 : NULL;
    }
    assert_true(with_code >= 2);
    assert_true(with_income_head >= 2);
    assert_true(pages >= 40);
    free(text);

    char *fonts = run_tool("pdffonts", a, "fonts.txt");
    assert_non_null(fonts);
    assert_non_null(strstr(fonts, "NotoSansCJKsc"));
    int cjk = 0;
    for (char *line = fonts; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl) *nl = 0;
        if (strstr(line, "CJK")) {
            /* name type encoding emb sub uni object ID: the token after the encoding is emb */
            const char *enc = strstr(line, "Identity-H");
            assert_non_null(enc);
            enc += strlen("Identity-H");
            while (*enc == ' ') enc++;
            if (strncmp(enc, "yes", 3) != 0) fail_msg("font not embedded: %s", line);
            cjk++;
        }
        line = nl ? nl + 1 : NULL;
    }
    free(fonts);
    assert_true(cjk >= 1);
    ys_diags_release(&dg);
    ys_disclosure_free(d);
}

/* ---- hand-made disclosures --------------------------------------------------------------------------- */

static void test_tiny(void **state)
{
    (void)state;
    ys_disclosure *d = ys_disclosure_new("tiny.txt");
    d->meta.department = "测试局";
    d->meta.year = 2025;
    d->meta.unit = YS_UNIT_YUAN;
    ys_column cols[] = {{"合计", "total", YS_COL_MONEY}, {"基本支出", "basic", YS_COL_MONEY},
                        {"项目支出", "project", YS_COL_MONEY}};
    ys_table *t = ys_disclosure_add_table(d, YS_TABLE_GPB_EXPENSE, "一般公共预算财政拨款支出表", 3, cols);
    t->unit = YS_UNIT_YUAN;
    ys_row *r = ys_table_add_row(d, t, 1, "2010101", "行政运行");
    ys_cell_set_money(&r->cells[0], 123456, 2);
    ys_cell_set_money(&r->cells[1], 123456, 2);
    ys_section *s = ys_disclosure_add_section(d, "一", "总体情况");
    s->text = "第一段说明文字。\n第二段。";

    ys_diags dg;
    ys_diags_init(&dg);
    const char *path = out_path("tiny.pdf");
    assert_int_equal(ys_render_pdf(d, path, &dg), YS_OK);
    assert_pdf(path, 4, 4);   /* cover, contents, the table, the narrative */
    if (have_poppler()) {
        char *text = run_tool("pdftotext", path, "tiny.txt");
        assert_non_null(text);
        assert_non_null(strstr(text, "测试局"));
        assert_non_null(strstr(text, "1234.56"));
        assert_non_null(strstr(text, "2010101"));
        assert_non_null(strstr(text, "一、总体情况"));
        assert_non_null(strstr(text, "第二段。"));
        /* the footer; pdftotext may drop the spaces between CJK characters and digits */
        assert_true(strstr(text, "第 4 页 共 4 页") || strstr(text, "第4页共4页"));
        free(text);
    }
    ys_diags_release(&dg);
    ys_disclosure_free(d);
}

static void test_empty(void **state)
{
    (void)state;
    ys_disclosure *d = ys_disclosure_new("empty.txt");
    ys_diags dg;
    ys_diags_init(&dg);
    const char *path = out_path("empty.pdf");
    assert_int_equal(ys_render_pdf(d, path, &dg), YS_OK);
    assert_pdf(path, 3, 3);
    ys_diags_release(&dg);
    ys_disclosure_free(d);
}

static void test_hostile(void **state)
{
    (void)state;
    ys_disclosure *d = ys_disclosure_new("hostile.txt");
    d->meta.department = "坏\x01数据\xff\xfe局<script>";
    d->meta.year = 99999;
    ys_column cols[] = {{"合计", "total", YS_COL_MONEY}, {"=cmd|' /C calc'!A0", "", YS_COL_TEXT}};
    ys_table *t = ys_disclosure_add_table(d, YS_TABLE_EXPENSE, "支出总表\x07", 2, cols);
    ys_buf longname = YS_BUF_INIT;
    for (int i = 0; i < 4000; i++) ys_buf_adds(&longname, i % 7 ? "长" : "Wide");
    ys_buf_adds(&longname, "\xe4\xb8");   /* truncated UTF-8 at the end */
    for (int i = 0; i < 1000; i++) {
        ys_row *r = ys_table_add_row(d, t, i + 1, i % 3 ? "2080101" : "", i % 250 == 7 ? longname.data : "名称\t\n换行");
        ys_cell_set_money(&r->cells[0], (ys_money)i * 1234567 - 5000, 2);
        r->cells[1].kind = YS_CELL_TEXT;
        r->cells[1].text = i == 500 ? longname.data : "@SUM(A1)";
    }
    ys_section *s = ys_disclosure_add_section(d, "七", "部门项目预算安排情况及绩效目标");
    s->text = longname.data;
    ys_project *p = ys_disclosure_add_project(d);
    p->code = "P1";
    p->name = longname.data;
    p->nschedule = 20;
    p->schedule = calloc(20, sizeof *p->schedule);
    for (int i = 0; i < 20; i++) {
        p->schedule[i].label = "月底";
        ys_cell_set_money(&p->schedule[i].value, i * 100, 2);
    }
    for (int i = 0; i < 300; i++) {
        ys_indicator *in = ys_project_add_indicator(d, p);
        in->level1 = i < 150 ? "产出指标" : "";
        in->level2 = "数量指标";
        in->value = i == 3 ? longname.data : "≥97%";
    }
    ys_diags dg;
    ys_diags_init(&dg);
    const char *path = out_path("hostile.pdf");
    assert_int_equal(ys_render_pdf(d, path, &dg), YS_OK);
    assert_pdf(path, 20, 2000);
    assert_no_tmp();
    free(p->schedule);
    p->nschedule = 0;
    ys_buf_release(&longname);
    ys_diags_release(&dg);
    ys_disclosure_free(d);
}

static void test_unwritable(void **state)
{
    (void)state;
    ys_disclosure *d = ys_disclosure_new("x.txt");
    ys_diags dg;
    ys_diags_init(&dg);
    assert_int_equal(ys_render_pdf(d, "/nonexistent-dir-ys/out.pdf", &dg), YS_ERR_IO);
    assert_true(dg.errors >= 1);
    assert_int_equal(access("/nonexistent-dir-ys/out.pdf", F_OK), -1);
    ys_diags_release(&dg);
    ys_disclosure_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample),   cmocka_unit_test(test_tiny),       cmocka_unit_test(test_empty),
        cmocka_unit_test(test_hostile),  cmocka_unit_test(test_unwritable),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
