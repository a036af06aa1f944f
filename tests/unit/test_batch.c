/*
 * test_batch.c — batch audit into the warehouse (store/batch.h) on SQLite: a directory walk (name order,
 * hidden entries and symbolic links skipped, a symlink loop harmless, an unreadable document reported and
 * the others stored), output in input order with two workers, a rerun that skips everything, the summary;
 * and the crash test of issue 5: a child process running a two-worker batch over 30 copies of the sample
 * (one digit varied so their hashes differ) is killed with SIGKILL after a few documents are stored; the
 * database must then hold only complete documents (every table's row count per document equals that of
 * a fresh import of the same file, no orphan rows), and a rerun must finish the batch: 30 documents,
 * each once. Everything lives in a temporary directory removed at the end.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "catalog/catalog.h"
#include "core/buf.h"
#include "read/read.h"
#include "store/batch.h"
#include "store/store.h"

static char tmpdir[] = "/tmp/yusuan-batch-t-XXXXXX";
static char *sample;
static size_t sample_len;

static const char *const TABLES[] = {"tables",     "columns",  "rows",     "cells",   "projects", "schedule",
                                     "indicators", "sections", "figures",  "findings"};
#define NTABLES (sizeof TABLES / sizeof *TABLES)

static char *path_of(const char *name)
{
    size_t n = strlen(tmpdir) + strlen(name) + 2;
    char *p = malloc(n);
    snprintf(p, n, "%s/%s", tmpdir, name);
    return p;
}

static void write_file(const char *path, const char *bytes, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, n, f), n);
    fclose(f);
}

/* The sample with its closing sentence numbered k: same document, different hash. */
static void write_copy(const char *dir, int k)
{
    char name[512];
    snprintf(name, sizeof name, "%s/copy-%02d.txt", dir, k);
    ys_buf b = YS_BUF_INIT;
    ys_buf_add(&b, sample, sample_len);
    ys_buf_printf(&b, "编号%02d\n", k);
    write_file(name, b.data, b.len);
    ys_buf_release(&b);
}

static int first(void *ctx, size_t n, const char *const *names, const ys_store_value *v)
{
    (void)names;
    if (n > 0 && v[0].type == YS_STORE_INT) *(int64_t *)ctx = v[0].i;
    return 1;
}

static int64_t count(ys_store *s, const char *sql)
{
    int64_t v = -1;
    ys_diags dg;
    ys_diags_init(&dg);
    ys_status st = ys_store_query(s, sql, NULL, first, &v, &dg);
    if (st != YS_OK)
        for (size_t i = 0; i < dg.count; i++) fprintf(stderr, "%s\n", dg.items[i].message);
    assert_int_equal(st, YS_OK);
    ys_diags_release(&dg);
    return v;
}

static ys_store *open_store(const char *db, ys_store_mode mode)
{
    ys_diags dg;
    ys_diags_init(&dg);
    ys_store *s = NULL;
    ys_status st = ys_store_open(db, mode, &s, &dg);
    ys_diags_release(&dg);
    return st == YS_OK ? s : NULL;
}

typedef struct {
    ys_buf out, err;
} captured;

static void capture(void *ctx, const char *path, ys_batch_outcome oc, const char *out, const char *err)
{
    (void)path;
    (void)oc;
    captured *c = ctx;
    ys_buf_adds(&c->out, out);
    ys_buf_adds(&c->err, err);
}

static void run_batch(const char *db, int jobs, const char *const *inputs, size_t n, ys_batch_result *r, captured *c)
{
    ys_batch_opts o = {db, jobs, NULL, c ? capture : NULL, NULL, c};
    ys_diags dg;
    ys_diags_init(&dg);
    assert_int_equal(ys_batch_run(&o, inputs, n, r, &dg), YS_OK);
    ys_diags_release(&dg);
}

/* ---- walk, order, rerun, summary -------------------------------------------------------------------- */

static void test_walk_and_rerun(void **state)
{
    (void)state;
    char *docs = path_of("walk");
    char *sub = path_of("walk/b-sub"), *hidden = path_of("walk/.hidden");
    assert_int_equal(mkdir(docs, 0700), 0);
    assert_int_equal(mkdir(sub, 0700), 0);
    assert_int_equal(mkdir(hidden, 0700), 0);
    ys_buf p = YS_BUF_INIT;
    ys_buf_printf(&p, "%s/a.txt", docs);
    write_file(ys_buf_str(&p), sample, sample_len);
    ys_buf_reset(&p);
    ys_buf_printf(&p, "%s/x.txt", hidden);   /* hidden: never read */
    write_file(ys_buf_str(&p), "garbage", 7);
    ys_buf_reset(&p);
    ys_buf_printf(&p, "%s/c-not.txt", docs);
    write_file(ys_buf_str(&p), "这不是公开文档\n", strlen("这不是公开文档\n"));
    ys_buf_reset(&p);
    ys_buf_printf(&p, "%s/loop", sub);   /* a symlink back up: would loop if followed */
    assert_int_equal(symlink(docs, ys_buf_str(&p)), 0);
    char *mini = NULL;
    size_t mini_len = 0;
    ys_diags dg;
    ys_diags_init(&dg);
    assert_int_equal(ys_read_file("tests/golden/inputs/mini-budget.txt", &mini, &mini_len, &dg), YS_OK);
    ys_diags_release(&dg);
    ys_buf_reset(&p);
    ys_buf_printf(&p, "%s/mini.txt", sub);
    write_file(ys_buf_str(&p), mini, mini_len);
    free(mini);
    ys_buf_release(&p);

    char *db = path_of("walk.db");
    const char *inputs[] = {docs};
    ys_batch_result r;
    captured c = {YS_BUF_INIT, YS_BUF_INIT};
    run_batch(db, 2, inputs, 1, &r, &c);
    assert_int_equal(r.files, 3);
    assert_int_equal(r.imported, 2);
    assert_int_equal(r.failed, 1);
    assert_int_equal(r.nids, 2);
    /* input order (a.txt, b-sub/mini.txt, c-not.txt) whatever worker finished first */
    const char *o = ys_buf_str(&c.out);
    const char *a = strstr(o, "a.txt："), *m = strstr(o, "mini.txt：");
    assert_non_null(a);
    assert_non_null(m);
    assert_true(a < m);
    assert_non_null(strstr(ys_buf_str(&c.err), "c-not.txt"));
    assert_null(strstr(ys_buf_str(&c.err), "x.txt"));

    ys_store *s = open_store(db, YS_STORE_READWRITE);
    assert_non_null(s);
    assert_int_equal(count(s, "SELECT COUNT(*) FROM documents"), 2);
    ys_buf sum = YS_BUF_INIT;
    ys_diags_init(&dg);
    assert_int_equal(ys_batch_summary(s, &r, &sum, &dg), YS_OK);
    ys_diags_release(&dg);
    const char *t = ys_buf_str(&sum);
    assert_non_null(strstr(t, "2 个文档，2 个部门"));
    assert_non_null(strstr(t, "赵县 赵县人力资源和社会保障局（1 个文档）：错误 4 项"));
    assert_non_null(strstr(t, "208 社会保障和就业支出"));
    assert_non_null(strstr(t, "赵县 赵县人力资源和社会保障局 2024 年  11.10"));
    assert_non_null(strstr(t, "错误最多的部门：\n  1. 示例县"));
    assert_int_equal(r.errors, 10);
    ys_buf_release(&sum);
    ys_store_close(s);
    ys_batch_result_release(&r);

    /* a rerun stores nothing new */
    ys_buf_reset(&c.out);
    ys_buf_reset(&c.err);
    run_batch(db, 1, inputs, 1, &r, &c);
    assert_int_equal(r.imported, 0);
    assert_int_equal(r.skipped, 2);
    assert_int_equal(r.nids, 2);
    assert_non_null(strstr(ys_buf_str(&c.out), "跳过"));
    s = open_store(db, YS_STORE_READONLY);
    assert_int_equal(count(s, "SELECT COUNT(*) FROM documents"), 2);
    ys_store_close(s);
    ys_batch_result_release(&r);
    ys_buf_release(&c.out);
    ys_buf_release(&c.err);
    free(db), free(docs), free(sub), free(hidden);
}

/* ---- kill -9 in the middle, then resume ------------------------------------------------------------- */

static int64_t stored(const char *db)
{
    ys_store *s = open_store(db, YS_STORE_READONLY);
    if (!s) return 0;
    int64_t n = -1;
    ys_diags dg;
    ys_diags_init(&dg);
    if (ys_store_query(s, "SELECT COUNT(*) FROM documents", NULL, first, &n, &dg) != YS_OK) n = 0;
    ys_diags_release(&dg);
    ys_store_close(s);
    return n;
}

typedef struct {
    int64_t id;
    char source[512];
} doc_ref;

static int doc_row(void *ctx, size_t n, const char *const *names, const ys_store_value *v)
{
    (void)names;
    struct {
        doc_ref items[64];
        size_t n;
    } *l = ctx;
    if (n < 2 || l->n >= 64) return 1;
    l->items[l->n].id = v[0].i;
    snprintf(l->items[l->n].source, sizeof l->items[l->n].source, "%s", v[1].s ? v[1].s : "");
    l->n++;
    return 0;
}

static void test_kill9_resume(void **state)
{
    (void)state;
    enum { COPIES = 30 };
    char *docs = path_of("many");
    assert_int_equal(mkdir(docs, 0700), 0);
    for (int k = 0; k < COPIES; k++) write_copy(docs, k);
    char *db = path_of("many.db");
    const char *inputs[] = {docs};

    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        setpgid(0, 0);   /* the batch and its workers: one process group, killed together */
        ys_batch_opts o = {db, 2, NULL, NULL, NULL, NULL};
        ys_batch_result r;
        ys_diags dg;
        ys_diags_init(&dg);
        ys_batch_run(&o, inputs, 1, &r, &dg);
        _exit(0);
    }
    setpgid(pid, pid);
    /* wait until a few documents are stored, then kill the whole group */
    int64_t n = 0;
    for (int waited = 0; waited < 60000 && n < 3; waited += 2) {
        struct timespec ts = {0, 2000000};
        nanosleep(&ts, NULL);
        n = stored(db);
    }
    kill(-pid, SIGKILL);
    kill(pid, SIGKILL);
    int status;
    waitpid(pid, &status, 0);
    /* workers of the killed group may still be exiting: wait for the database to settle */
    struct timespec settle = {0, 200000000};
    nanosleep(&settle, NULL);
    n = stored(db);
    assert_true(n >= 3);
    assert_true(n < COPIES);   /* killed in the middle, not after the end */

    /* every stored document is complete: counts equal a fresh import of the same file */
    ys_store *s = open_store(db, YS_STORE_READWRITE);
    assert_non_null(s);
    struct {
        doc_ref items[64];
        size_t n;
    } list = {.n = 0};
    ys_diags dg;
    ys_diags_init(&dg);
    assert_int_equal(ys_store_query(s, "SELECT id, source FROM documents ORDER BY id", NULL, doc_row, &list, &dg), YS_OK);
    assert_int_equal((int64_t)list.n, n);
    for (size_t i = 0; i < list.n; i++) {
        char *fresh_db = path_of("fresh.db");
        unlink(fresh_db);
        ys_store *f = open_store(fresh_db, YS_STORE_READWRITE);
        assert_non_null(f);
        int64_t fid = 0;
        ys_buf out = YS_BUF_INIT, err = YS_BUF_INIT;
        assert_int_equal(ys_batch_one(f, list.items[i].source, NULL, -1, &fid, &out, &err), YS_BATCH_IMPORTED);
        for (size_t t = 0; t < NTABLES; t++) {
            char q[160];
            snprintf(q, sizeof q, "SELECT COUNT(*) FROM %s WHERE document_id = %lld", TABLES[t],
                     (long long)list.items[i].id);
            int64_t got = count(s, q);
            snprintf(q, sizeof q, "SELECT COUNT(*) FROM %s WHERE document_id = %lld", TABLES[t], (long long)fid);
            int64_t want = count(f, q);
            if (got != want) fprintf(stderr, "document %lld, %s: %lld rows, a fresh import has %lld\n",
                                     (long long)list.items[i].id, TABLES[t], (long long)got, (long long)want);
            assert_int_equal(got, want);
            if (t == 3) assert_true(want > 100);   /* cells */
        }
        ys_buf_release(&out);
        ys_buf_release(&err);
        ys_store_close(f);
        unlink(fresh_db);
        free(fresh_db);
    }
    /* and nothing belongs to no document */
    for (size_t t = 0; t < NTABLES; t++) {
        char q[160];
        snprintf(q, sizeof q, "SELECT COUNT(*) FROM %s WHERE document_id NOT IN (SELECT id FROM documents)", TABLES[t]);
        assert_int_equal(count(s, q), 0);
    }
    ys_store_close(s);
    ys_diags_release(&dg);

    /* a rerun finishes the batch */
    ys_batch_result r;
    run_batch(db, 2, inputs, 1, &r, NULL);
    assert_int_equal(r.files, COPIES);
    assert_int_equal((int64_t)r.skipped, n);
    assert_int_equal((int64_t)r.imported, COPIES - n);
    assert_int_equal(r.failed, 0);
    ys_batch_result_release(&r);
    s = open_store(db, YS_STORE_READONLY);
    assert_int_equal(count(s, "SELECT COUNT(*) FROM documents"), COPIES);
    assert_int_equal(count(s, "SELECT COUNT(DISTINCT sha256) FROM documents"), COPIES);
    assert_int_equal(count(s, "SELECT COUNT(DISTINCT source) FROM documents"), COPIES);
    ys_store_close(s);
    free(db);
    free(docs);
}

static void test_missing_input(void **state)
{
    (void)state;
    char *db = path_of("missing.db");
    const char *inputs[] = {"tests/golden/inputs/no-such-file.txt"};
    ys_batch_result r;
    captured c = {YS_BUF_INIT, YS_BUF_INIT};
    run_batch(db, 1, inputs, 1, &r, &c);
    assert_int_equal(r.failed, 1);
    assert_int_equal(r.nids, 0);
    assert_non_null(strstr(ys_buf_str(&c.err), "no-such-file.txt"));
    ys_batch_result_release(&r);
    ys_buf_release(&c.out);
    ys_buf_release(&c.err);
    free(db);
}

/* ---- files that are not documents --------------------------------------------------------------------- */

static void test_document_names(void **state)
{
    (void)state;
    static const char *const yes[] = {"a.txt", "A.TXT", "x/b.pdf", "c.Html", "d.htm", "e.shtml", "f.xls",
                                      "g.XLSX", "dir.d/h.txt"};
    static const char *const no[] = {"README.md", ".DS_Store", "notes.docx", "photo.jpg", "a.txt.bak", "txt",
                                     "dir.txt/README", ".txt", "x/.pdf", "a.", "archive.zip"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        if (!ys_batch_document_name(yes[i])) fail_msg("%s should be a document name", yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        if (ys_batch_document_name(no[i])) fail_msg("%s should not be a document name", no[i]);
}

/* Inside a walked directory, README.md, notes.docx and an image are skipped and counted, not failed; the
 * same README.md named on the command line is read, and fails. */
static void test_walk_skips_non_documents(void **state)
{
    (void)state;
    char *docs = path_of("nondoc");
    assert_int_equal(mkdir(docs, 0700), 0);
    static const char *const names[] = {"README.md", "notes.docx", "photo.JPG", "doc.TXT"};
    ys_buf p = YS_BUF_INIT;
    for (size_t i = 0; i < 4; i++) {
        ys_buf_reset(&p);
        ys_buf_printf(&p, "%s/%s", docs, names[i]);
        if (i == 3) write_file(ys_buf_str(&p), sample, sample_len);
        else write_file(ys_buf_str(&p), "# 说明\n", strlen("# 说明\n"));
    }
    char *db = path_of("nondoc.db");
    const char *inputs[] = {docs};
    ys_batch_result r;
    captured c = {YS_BUF_INIT, YS_BUF_INIT};
    run_batch(db, 1, inputs, 1, &r, &c);
    assert_int_equal(r.files, 1);
    assert_int_equal(r.imported, 1);
    assert_int_equal(r.failed, 0);
    assert_int_equal(r.ignored, 3);
    assert_null(strstr(ys_buf_str(&c.err), "README"));
    ys_batch_result_release(&r);

    ys_buf_reset(&c.out);
    ys_buf_reset(&c.err);
    ys_buf_reset(&p);
    ys_buf_printf(&p, "%s/README.md", docs);
    const char *explicit[] = {ys_buf_str(&p)};
    run_batch(db, 1, explicit, 1, &r, &c);
    assert_int_equal(r.files, 1);
    assert_int_equal(r.failed, 1);
    assert_int_equal(r.ignored, 0);
    assert_non_null(strstr(ys_buf_str(&c.err), "README.md"));
    ys_batch_result_release(&r);
    ys_buf_release(&p);
    ys_buf_release(&c.out);
    ys_buf_release(&c.err);
    free(db), free(docs);
}

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(tmpdir)) return -1;
    setenv("TMPDIR", tmpdir, 1);   /* the lock file of a killed batch stays in here */
    ys_diags dg;
    ys_diags_init(&dg);
    ys_status st = ys_read_file("examples/zhaoxian-hrss-2024/published.txt", &sample, &sample_len, &dg);
    ys_diags_release(&dg);
    return st == YS_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    free(sample);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_walk_and_rerun),
        cmocka_unit_test(test_kill9_resume),
        cmocka_unit_test(test_missing_input),
        cmocka_unit_test(test_document_names),
        cmocka_unit_test(test_walk_skips_non_documents),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
