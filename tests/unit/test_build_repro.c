/*
 * test_build_repro.c — reproducible builds (issue 3, "Building twice gives identical bytes"). The example
 * budget book examples/zhaoxian-hrss-2024/book is read (ys_book_read) and derived (ys_derive) twice, from
 * scratch, and each disclosure is rendered in every format of `yusuan build` (src/cli/cmd_build.c) into
 * its own temporary directory: disclosure.txt / .html / .json / .xlsx / .pdf, csv/<table>.csv and the
 * Fiscal Data Package (datapackage.json + CSV). The two directories must hold the same file names with
 * the same bytes.
 *
 * The second run happens with another time zone (TZ set and tzset() called between the runs, and the
 * clock moved on by at least a second), so a creation date taken from the clock or from local time —
 * cairo's default PDF CreationDate, a ZIP entry's DOS time, a "generated at" line in HTML — shows up as
 * a difference. A third test renders one disclosure twice in the same process (no re-derivation), which
 * isolates the renderers from derive when the first test fails.
 *
 * The PDF is rendered once per run (it is the slow one). Run from the repository root (make unit does);
 * YUSUAN_DATA is set to ./data. Temporary directories live under $TMPDIR (default /tmp) and are removed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog/catalog.h"
#include "core/buf.h"
#include "core/diag.h"
#include "derive/derive.h"
#include "model/disclosure.h"
#include "read/book.h"
#include "render/csv.h"
#include "render/json.h"
#include "render/render.h"

#define BOOK "examples/zhaoxian-hrss-2024/book"

/* ---- small file helpers ------------------------------------------------------------------------------ */

static char *join(const char *dir, const char *name)
{
    ys_buf b = YS_BUF_INIT;
    ys_buf_printf(&b, "%s/%s", dir, name);
    return ys_buf_detach(&b);
}

static char *make_tmpdir(void)
{
    const char *t = getenv("TMPDIR");
    ys_buf b = YS_BUF_INIT;
    ys_buf_printf(&b, "%s/yusuan-repro.XXXXXX", t && *t ? t : "/tmp");
    char *p = ys_buf_detach(&b);
    if (!mkdtemp(p)) {
        free(p);
        return NULL;
    }
    return p;
}

/* rm -r of a directory this test made (regular files and directories only; nothing is followed). */
static void remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0) return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        if (d) {
            struct dirent *e;
            while ((e = readdir(d)) != NULL) {
                if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
                char *c = join(path, e->d_name);
                remove_tree(c);
                free(c);
            }
            closedir(d);
        }
        rmdir(path);
    } else {
        unlink(path);
    }
}

static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    ys_buf b = YS_BUF_INIT;
    char chunk[65536];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) ys_buf_add(&b, chunk, k);
    fclose(f);
    *n = b.len;
    return (unsigned char *)ys_buf_detach(&b);
}

/* The relative paths of every regular file under root, sorted ("csv/income.csv", "disclosure.pdf", …). */
typedef struct {
    char **v;
    size_t n, cap;
} names;

static void names_add(names *l, char *s)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 32;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        assert_non_null(l->v);
    }
    l->v[l->n++] = s;
}

static void list_files(const char *root, const char *rel, names *out)
{
    char *dirpath = rel ? join(root, rel) : strdup(root);
    DIR *d = opendir(dirpath);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        char *r = rel ? join(rel, e->d_name) : strdup(e->d_name);
        char *full = join(root, r);
        struct stat st;
        assert_int_equal(lstat(full, &st), 0);
        if (S_ISDIR(st.st_mode)) {
            list_files(root, r, out);
            free(r);
        } else {
            names_add(out, r);
        }
        free(full);
    }
    closedir(d);
    free(dirpath);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void names_free(names *l)
{
    for (size_t i = 0; i < l->n; i++) free(l->v[i]);
    free(l->v);
}

/* Print where two byte strings first differ, with a little context, for a failing comparison. */
static void show_difference(const char *name, const unsigned char *a, size_t na, const unsigned char *b, size_t nb)
{
    size_t i = 0;
    while (i < na && i < nb && a[i] == b[i]) i++;
    size_t from = i > 40 ? i - 40 : 0;
    fprintf(stderr, "repro: %s differs: %zu vs %zu bytes, first difference at byte %zu\n", name, na, nb, i);
    for (int side = 0; side < 2; side++) {
        const unsigned char *p = side ? b : a;
        size_t n = side ? nb : na;
        fprintf(stderr, "  %s: \"", side ? "second" : "first ");
        for (size_t k = from; k < n && k < i + 40; k++)
            fputc(p[k] >= 0x20 && p[k] < 0x7f ? p[k] : '.', stderr);
        fprintf(stderr, "\"\n");
    }
}

/* Every file of A is in B with the same bytes, and B has no other file. Returns the number of files. */
static size_t assert_same_tree(const char *a, const char *b)
{
    names la = {0}, lb = {0};
    list_files(a, NULL, &la);
    list_files(b, NULL, &lb);
    qsort(la.v, la.n, sizeof *la.v, cmp_str);
    qsort(lb.v, lb.n, sizeof *lb.v, cmp_str);
    for (size_t i = 0; i < la.n || i < lb.n; i++) {
        if (i >= la.n || i >= lb.n || strcmp(la.v[i], lb.v[i])) {
            fprintf(stderr, "repro: the file lists differ at %zu: %s vs %s\n", i, i < la.n ? la.v[i] : "(none)",
                    i < lb.n ? lb.v[i] : "(none)");
            fail();
        }
    }
    size_t differing = 0;
    for (size_t i = 0; i < la.n; i++) {
        char *pa = join(a, la.v[i]), *pb = join(b, lb.v[i]);
        size_t na = 0, nb = 0;
        unsigned char *da = slurp(pa, &na), *db = slurp(pb, &nb);
        assert_non_null(da);
        assert_non_null(db);
        if (na != nb || memcmp(da, db, na)) {
            show_difference(la.v[i], da, na, db, nb);
            differing++;
        }
        free(da);
        free(db);
        free(pa);
        free(pb);
    }
    size_t n = la.n;
    names_free(&la);
    names_free(&lb);
    assert_int_equal(differing, 0);
    return n;
}

/* ---- the compile path, as cmd_build.c calls it -------------------------------------------------------- */

static ys_disclosure *derive_example(void)
{
    ys_diags dg;
    ys_diags_init(&dg);
    ys_budget *b = NULL;
    ys_status st = ys_book_read(BOOK, &b, &dg);
    if (st != YS_OK || !b) {
        for (size_t i = 0; i < dg.count; i++) fprintf(stderr, "ys_book_read: %s\n", dg.items[i].message);
        ys_diags_release(&dg);
        fail_msg("ys_book_read(%s) failed: %s", BOOK, ys_strerror(st));
    }
    ys_catalog *cat = ys_catalog_new();
    assert_int_equal(ys_catalog_load_default(cat, &dg), YS_OK);
    ys_disclosure *d = NULL;
    st = ys_derive(b, cat, &d, &dg);
    if (st != YS_OK || !d) {
        for (size_t i = 0; i < dg.count; i++) fprintf(stderr, "ys_derive: %s\n", dg.items[i].message);
        fail_msg("ys_derive failed: %s", ys_strerror(st));
    }
    ys_catalog_free(cat);
    ys_budget_free(b);
    ys_diags_release(&dg);
    return d;
}

static void write_text(const char *dir, const char *name, const ys_buf *b, ys_diags *dg)
{
    char *p = join(dir, name);
    assert_int_equal(ys_render_write_file(p, ys_buf_str(b), b->len, dg), YS_OK);
    free(p);
}

/* Every format of `yusuan build`, under the same file names, into dir (which exists). */
static void render_all(const ys_disclosure *d, const char *dir, bool pdf)
{
    ys_diags dg;
    ys_diags_init(&dg);
    ys_buf t = YS_BUF_INIT;

    assert_int_equal(ys_render_text(d, &t), YS_OK);
    assert_true(t.len > 1000);
    write_text(dir, "disclosure.txt", &t, &dg);
    ys_buf_reset(&t);

    assert_int_equal(ys_render_html(d, &t), YS_OK);
    assert_true(t.len > 1000);
    write_text(dir, "disclosure.html", &t, &dg);
    ys_buf_reset(&t);

    char *j = ys_json_render(d, YS_TABLE_NONE);
    assert_non_null(j);
    ys_buf_adds(&t, j);
    ys_buf_addc(&t, '\n');
    free(j);
    write_text(dir, "disclosure.json", &t, &dg);
    ys_buf_reset(&t);

    char *csvdir = join(dir, "csv");
    assert_int_equal(mkdir(csvdir, 0777), 0);
    int ntables = 0;
    for (int id = 0; id < YS_TABLE__COUNT; id++) {
        const ys_table *tb = d->tables[id];
        if (!tb) continue;
        ys_csv_table(&t, tb);
        ys_buf name = YS_BUF_INIT;
        ys_buf_printf(&name, "%s.csv", ys_table_id_name((ys_table_id)id));
        write_text(csvdir, ys_buf_str(&name), &t, &dg);
        ys_buf_release(&name);
        ys_buf_reset(&t);
        ntables++;
    }
    assert_true(ntables >= 9);
    free(csvdir);

    char *dp = join(dir, "datapackage");
    assert_int_equal(mkdir(dp, 0777), 0);
    assert_int_equal(ys_render_datapackage(d, dp, &dg), YS_OK);
    free(dp);

    char *x = join(dir, "disclosure.xlsx");
    assert_int_equal(ys_render_xlsx(d, x, &dg), YS_OK);
    free(x);

    if (pdf) {
        char *p = join(dir, "disclosure.pdf");
        assert_int_equal(ys_render_pdf(d, p, &dg), YS_OK);
        free(p);
    }
    for (size_t i = 0; i < dg.count; i++)
        if (dg.items[i].level == YS_DIAG_ERROR) fail_msg("render: %s", dg.items[i].message);
    ys_buf_release(&t);
    ys_diags_release(&dg);
}

static size_t file_size(const char *dir, const char *name)
{
    char *p = join(dir, name);
    struct stat st;
    int r = stat(p, &st);
    free(p);
    return r == 0 ? (size_t)st.st_size : 0;
}

/* Wait until the wall clock shows another second, so a time stamp taken from it cannot repeat. */
static void next_second(void)
{
    time_t t0 = time(NULL);
    struct timespec ts = {0, 50 * 1000 * 1000};
    while (time(NULL) == t0) nanosleep(&ts, NULL);
}

/* ---- the tests ------------------------------------------------------------------------------------- */

static char *saved_tz;

static void set_tz(const char *tz)
{
    if (tz) setenv("TZ", tz, 1);
    else unsetenv("TZ");
    tzset();
}

/* Two complete builds (read, derive, render everything including the PDF), the second in another time
 * zone and at a later second: identical trees. */
static void test_build_twice(void **state)
{
    (void)state;
    char *a = make_tmpdir(), *b = make_tmpdir();
    assert_non_null(a);
    assert_non_null(b);

    set_tz("UTC");
    ys_disclosure *d1 = derive_example();
    render_all(d1, a, true);
    ys_disclosure_free(d1);

    next_second();
    set_tz("Pacific/Kiritimati");   /* UTC+14: another calendar day than UTC for ten hours of each day */
    ys_disclosure *d2 = derive_example();
    render_all(d2, b, true);
    ys_disclosure_free(d2);
    set_tz(saved_tz);

    /* the outputs are real: a PDF and a workbook of some size, a data package */
    assert_true(file_size(a, "disclosure.pdf") > 10000);
    assert_true(file_size(a, "disclosure.xlsx") > 5000);
    assert_true(file_size(a, "datapackage/datapackage.json") > 100);
    size_t n = assert_same_tree(a, b);
    assert_true(n >= 5 + 9 + 1);   /* 5 documents, ≥ 9 CSV tables, datapackage.json (+ its CSVs) */

    remove_tree(a);
    remove_tree(b);
    free(a);
    free(b);
}

/* One disclosure rendered twice (no PDF: test_build_twice covers it), with TZ unset, then set to a zone
 * west of UTC: the renderers alone are deterministic and keep no state between calls. */
static void test_render_twice(void **state)
{
    (void)state;
    char *a = make_tmpdir(), *b = make_tmpdir();
    assert_non_null(a);
    assert_non_null(b);
    ys_disclosure *d = derive_example();
    set_tz(NULL);
    render_all(d, a, false);
    next_second();
    set_tz("America/Los_Angeles");
    render_all(d, b, false);
    set_tz(saved_tz);
    ys_disclosure_free(d);
    assert_same_tree(a, b);
    remove_tree(a);
    remove_tree(b);
    free(a);
    free(b);
}

/* The comparison itself is honest: one changed byte in one file of a copy is found. */
static void test_compare_detects(void **state)
{
    (void)state;
    char *a = make_tmpdir(), *b = make_tmpdir();
    assert_non_null(a);
    assert_non_null(b);
    ys_diags dg;
    ys_diags_init(&dg);
    ys_buf t = YS_BUF_INIT;
    ys_buf_adds(&t, "2024 年部门预算 CreationDate 20240101\n");
    write_text(a, "x.txt", &t, &dg);
    t.data[t.len - 2] = '2';
    write_text(b, "x.txt", &t, &dg);
    ys_buf_release(&t);
    ys_diags_release(&dg);
    names la = {0};
    list_files(a, NULL, &la);
    assert_int_equal(la.n, 1);
    names_free(&la);
    char *pa = join(a, "x.txt"), *pb = join(b, "x.txt");
    size_t na, nb;
    unsigned char *da = slurp(pa, &na), *db = slurp(pb, &nb);
    assert_int_equal(na, nb);
    assert_true(memcmp(da, db, na) != 0);
    free(da);
    free(db);
    free(pa);
    free(pb);
    remove_tree(a);
    remove_tree(b);
    free(a);
    free(b);
}

static int setup(void **state)
{
    (void)state;
    setenv("YUSUAN_DATA", "data", 1);
    const char *tz = getenv("TZ");
    saved_tz = tz ? strdup(tz) : NULL;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    set_tz(saved_tz);
    free(saved_tz);
    saved_tz = NULL;
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compare_detects),
        cmocka_unit_test(test_build_twice),
        cmocka_unit_test(test_render_twice),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
