/*
 * test_store_pg.c — the warehouse scenarios of test_store.c run against the PostgreSQL back end
 * (store/store_pg.c): schema creation and migration records, storing the sample and loading it back cell
 * for cell, money as BIGINT, one transaction per document (failures injected at many statements leave
 * nothing), read-only queries refused by the engine (also after `SET default_transaction_read_only =
 * off` inside the statement's own transaction, and for two statements at once), a department named
 * <script>… stored verbatim, and a two-worker batch (store/batch.h) writing concurrently; and, without
 * a server, the location of a failed connection (the target without its password).
 *
 * It needs a server: $YUSUAN_PG_URL (a postgresql:// URI; scripts/pg-test.sh starts a throw-away cluster
 * on 127.0.0.1 and sets it). Without it, or in a build without libpq, every test is SKIPPED with a
 * message. Each test works in its own schema (yusuan_t_<pid>_<n>, dropped at the end) through the URI
 * parameter options=-csearch_path=…, so nothing else in the database is touched.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/buf.h"
#include "read/read.h"
#include "store/batch.h"
#include "store/store.h"
#include "check/check.h"

#if defined(__has_include)
#if __has_include(<libpq-fe.h>)
#define HAVE_LIBPQ 1
#include <libpq-fe.h>
#endif
#endif

static const char *base_url;
static char schema[64];
static char *url;   /* base_url with the schema as search_path */
static int serial;

#ifdef HAVE_LIBPQ
static void admin(const char *sql)
{
    PGconn *c = PQconnectdb(base_url);
    assert_int_equal(PQstatus(c), CONNECTION_OK);
    PQclear(PQexec(c, "SET client_min_messages = warning"));
    PGresult *r = PQexec(c, sql);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) fprintf(stderr, "%s: %s", sql, PQresultErrorMessage(r));
    assert_int_equal(PQresultStatus(r), PGRES_COMMAND_OK);
    PQclear(r);
    PQfinish(c);
}
#endif

/* A fresh schema for one test; skips when there is no server to test against. */
static int fresh(void **state)
{
    (void)state;
#ifdef HAVE_LIBPQ
    if (!base_url) return 0;
    snprintf(schema, sizeof schema, "yusuan_t_%d_%d", (int)getpid(), ++serial);
    ys_buf b = YS_BUF_INIT;
    ys_buf_printf(&b, "DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s", schema, schema);
    admin(ys_buf_str(&b));
    ys_buf_reset(&b);
    ys_buf_printf(&b, "%s%soptions=-csearch_path%%3D%s", base_url, strchr(base_url, '?') ? "&" : "?", schema);
    free(url);
    url = ys_buf_detach(&b);
    ys_buf_release(&b);
#endif
    return 0;
}

static int drop(void **state)
{
    (void)state;
#ifdef HAVE_LIBPQ
    if (!base_url) return 0;
    char sql[128];
    snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %s CASCADE", schema);
    admin(sql);
#endif
    return 0;
}

#define NEED_SERVER()                                                                                        \
    do {                                                                                                     \
        if (!base_url) {                                                                                     \
            fprintf(stderr, "SKIPPED: YUSUAN_PG_URL is not set (scripts/pg-test.sh starts a server)\n");     \
            skip();                                                                                          \
        }                                                                                                    \
    } while (0)

static ys_store *open_pg(ys_store_mode mode)
{
    ys_diags dg;
    ys_diags_init(&dg);
    ys_store *s = NULL;
    ys_status st = ys_store_open(url, mode, &s, &dg);
    if (st != YS_OK)
        for (size_t i = 0; i < dg.count; i++) fprintf(stderr, "%s\n", dg.items[i].message);
    assert_int_equal(st, YS_OK);
    ys_diags_release(&dg);
    return s;
}

static int first(void *ctx, size_t n, const char *const *names, const ys_store_value *v)
{
    (void)names;
    if (n > 0 && v[0].type == YS_STORE_INT) *(int64_t *)ctx = v[0].i;
    return 1;
}

static int first_text(void *ctx, size_t n, const char *const *names, const ys_store_value *v)
{
    (void)names;
    if (n > 0 && v[0].type == YS_STORE_TEXT) snprintf(ctx, 64, "%s", v[0].s);
    return 1;
}

static int64_t count(ys_store *s, const char *sql)
{
    int64_t v = -1;
    ys_diags dg;
    ys_diags_init(&dg);
    ys_status st = ys_store_query(s, sql, NULL, first, &v, &dg);
    if (st != YS_OK)
        for (size_t i = 0; i < dg.count; i++) fprintf(stderr, "%s: %s\n", sql, dg.items[i].message);
    assert_int_equal(st, YS_OK);
    ys_diags_release(&dg);
    return v;
}

static ys_disclosure *read_sample(ys_findings *f)
{
    ys_diags dg;
    ys_diags_init(&dg);
    ys_disclosure *d = NULL;
    assert_int_equal(ys_read_text_file("examples/zhaoxian-hrss-2024/published.txt", &d, &dg), YS_OK);
    ys_diags_release(&dg);
    ys_check_run(d, NULL, NULL, f);
    return d;
}

static int64_t put(ys_store *s, const ys_disclosure *d, const ys_findings *f, const char *hash, ys_status want)
{
    ys_store_docinfo info = {d->file, "published", hash, ys_store_ruleset_version(), 2024};
    ys_diags dg;
    ys_diags_init(&dg);
    int64_t id = -1;
    ys_status st = ys_store_put(s, &info, d, f, &id, &dg);
    assert_int_equal(st, want);
    if (want != YS_OK) assert_true(dg.errors > 0);
    ys_diags_release(&dg);
    return id;
}

/* ---- the scenarios ---------------------------------------------------------------------------------- */

static void test_schema_fresh(void **state)
{
    (void)state;
    NEED_SERVER();
    ys_store *s = open_pg(YS_STORE_READWRITE);
    assert_string_equal(ys_store_backend(s), "postgresql");
    assert_int_equal(ys_store_schema_version(s), ys_store_schema_current());
    assert_int_equal(count(s, "SELECT COUNT(*) FROM schema_version"), ys_store_schema_current());
    ys_store_close(s);
    /* reopening applies nothing twice */
    s = open_pg(YS_STORE_READWRITE);
    assert_int_equal(count(s, "SELECT COUNT(*) FROM schema_version"), ys_store_schema_current());
    char type[64] = "";
    ys_diags dg;
    ys_diags_init(&dg);
    assert_int_equal(ys_store_query(s,
                                    "SELECT data_type FROM information_schema.columns WHERE table_schema = "
                                    "current_schema() AND table_name = 'cells' AND column_name = 'amount'",
                                    NULL, first_text, type, &dg),
                     YS_OK);
    assert_string_equal(type, "bigint");   /* money is integer 分 */
    ys_diags_release(&dg);
    ys_store_close(s);
    /* an unreachable server is a clear error, not a crash */
    ys_diags_init(&dg);
    ys_store *none = NULL;
    assert_int_not_equal(ys_store_open("postgresql://nobody:secret@127.0.0.1:1/none", YS_STORE_READWRITE, &none, &dg),
                         YS_OK);
    assert_null(none);
    assert_true(dg.errors > 0);
    for (size_t i = 0; i < dg.count; i++) assert_null(strstr(dg.items[i].message, "secret"));
    ys_diags_release(&dg);
}

static void test_put_load_sample(void **state)
{
    (void)state;
    NEED_SERVER();
    ys_store *s = open_pg(YS_STORE_READWRITE);
    ys_findings f;
    ys_findings_init(&f);
    ys_disclosure *d = read_sample(&f);
    assert_int_equal(put(s, d, &f, "hash-sample", YS_OK), 1);
    int64_t found = 0;
    ys_diags dg;
    ys_diags_init(&dg);
    assert_int_equal(ys_store_find_hash(s, "hash-sample", &found, &dg), YS_OK);
    assert_int_equal(found, 1);
    assert_int_equal(ys_store_find_hash(s, "other", &found, &dg), YS_OK);
    assert_int_equal(found, 0);
    put(s, d, &f, "hash-sample", YS_ERR_FORMAT);   /* UNIQUE sha256 */
    assert_int_equal(count(s, "SELECT COUNT(*) FROM documents"), 1);
    assert_int_equal(count(s, "SELECT total FROM documents"), 34063090000);
    assert_int_equal(count(s, "SELECT COUNT(*) FROM projects"), (int64_t)d->nprojects);
    assert_int_equal(count(s, "SELECT COUNT(*) FROM findings"), (int64_t)f.count);

    ys_store_entry *e = NULL;
    size_t n = 0;
    assert_int_equal(ys_store_list(s, &e, &n, &dg), YS_OK);
    assert_int_equal(n, 1);
    assert_string_equal(e[0].region, "赵县");
    assert_int_equal(e[0].year, 2024);
    assert_int_equal(e[0].errors, 4);
    assert_true(e[0].has_three_public);
    ys_store_list_free(e, n);

    ys_disclosure *back = NULL;
    ys_findings fb;
    ys_findings_init(&fb);
    assert_int_equal(ys_store_load(s, 1, &back, &fb, &dg), YS_OK);
    size_t cells = 0;
    for (int id = 0; id < YS_TABLE__COUNT; id++) {
        const ys_table *ta = d->tables[id], *tb = back->tables[id];
        assert_true(!ta == !tb);
        if (!ta) continue;
        assert_int_equal(ta->nrows, tb->nrows);
        assert_int_equal(ta->ncols, tb->ncols);
        for (size_t r = 0; r < ta->nrows; r++) {
            assert_string_equal(ta->rows[r].name, tb->rows[r].name);
            for (size_t c = 0; c < ta->ncols; c++) {
                assert_int_equal(ta->rows[r].cells[c].kind, tb->rows[r].cells[c].kind);
                assert_true(ta->rows[r].cells[c].money == tb->rows[r].cells[c].money);
                cells += ta->rows[r].cells[c].kind == YS_CELL_MONEY;
            }
        }
    }
    assert_true(cells > 100);
    assert_int_equal(fb.count, f.count);
    for (size_t i = 0; i < f.count; i++) {
        assert_string_equal(fb.items[i].message, f.items[i].message);
        assert_int_equal(fb.items[i].folded, f.items[i].folded);
    }
    int64_t *ids = NULL;
    assert_int_equal(ys_store_find(s, "赵县/赵县人力资源和社会保障局", 2024, &ids, &n, &dg), YS_OK);
    assert_int_equal(n, 1);
    free(ids);
    ys_diags_release(&dg);
    ys_findings_release(&fb);
    ys_disclosure_free(back);
    ys_findings_release(&f);
    ys_disclosure_free(d);
    ys_store_close(s);
}

static void test_one_transaction(void **state)
{
    (void)state;
    NEED_SERVER();
    ys_store *s = open_pg(YS_STORE_READWRITE);
    ys_findings f;
    ys_findings_init(&f);
    ys_disclosure *d = read_sample(&f);
    put(s, d, &f, "first", YS_OK);
    static const char *const tables[] = {"departments", "documents", "tables",   "columns",  "rows",    "cells",
                                         "projects",    "schedule",  "indicators", "sections", "figures", "findings"};
    int64_t before[12], total = 0;
    for (int k = 0; k < 12; k++) {
        char q[80];
        snprintf(q, sizeof q, "SELECT COUNT(*) FROM %s", tables[k]);
        before[k] = count(s, q);
        if (k > 0) total += before[k];
    }
    const int points[] = {1, 2, 3, 50, 500, (int)total / 2, (int)total + 1};
    for (size_t p = 0; p < sizeof points / sizeof *points; p++) {
        ys_store_test_fail_after(s, points[p]);
        put(s, d, &f, "second", YS_ERR_IO);
        for (int k = 0; k < 12; k++) {
            char q[80];
            snprintf(q, sizeof q, "SELECT COUNT(*) FROM %s", tables[k]);
            assert_int_equal(count(s, q), before[k]);
        }
    }
    ys_store_test_fail_after(s, 0);
    assert_int_equal(put(s, d, &f, "second", YS_OK), 2);
    assert_int_equal(count(s, "SELECT COUNT(*) FROM cells WHERE document_id = 2"),
                     count(s, "SELECT COUNT(*) FROM cells WHERE document_id = 1"));
    ys_findings_release(&f);
    ys_disclosure_free(d);
    ys_store_close(s);
}

static void test_readonly(void **state)
{
    (void)state;
    NEED_SERVER();
    ys_store *s = open_pg(YS_STORE_READWRITE);
    ys_findings f;
    ys_findings_init(&f);
    ys_disclosure *d = read_sample(&f);
    put(s, d, &f, "h", YS_OK);
    ys_store_close(s);
    s = open_pg(YS_STORE_READONLY);
    ys_diags dg;
    ys_diags_init(&dg);
    static const char *const writes[] = {"INSERT INTO departments VALUES (9, 'a', 'b', '')", "DROP TABLE cells",
                                         "DELETE FROM findings", "UPDATE documents SET year = 1999",
                                         "CREATE TABLE x (a INTEGER)"};
    for (size_t i = 0; i < sizeof writes / sizeof *writes; i++) {
        size_t before = dg.errors;
        assert_int_not_equal(ys_store_query(s, writes[i], NULL, NULL, NULL, &dg), YS_OK);
        assert_true(dg.errors > before);
    }
    /* turning the session default off inside a statement is undone with its transaction */
    ys_store_query(s, "SET default_transaction_read_only = off", NULL, NULL, NULL, &dg);
    ys_store_query(s, "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE", NULL, NULL, NULL, &dg);
    ys_store_query(s, "COMMIT", NULL, NULL, NULL, &dg);
    assert_int_not_equal(ys_store_query(s, writes[0], NULL, NULL, NULL, &dg), YS_OK);
    /* two statements at once are refused by the protocol */
    assert_int_not_equal(ys_store_query(s, "SELECT 1; DELETE FROM findings", NULL, NULL, NULL, &dg), YS_OK);
    assert_int_equal(count(s, "SELECT COUNT(*) FROM departments"), 1);
    assert_int_equal(count(s, "SELECT year FROM documents"), 2024);
    assert_int_equal(count(s, "SELECT COUNT(*) FROM findings"), (int64_t)f.count);
    ys_diags_release(&dg);
    ys_store_close(s);
    ys_findings_release(&f);
    ys_disclosure_free(d);
}

static void test_script_department(void **state)
{
    (void)state;
    NEED_SERVER();
    const char *evil = "<script>alert(1)</script>";
    ys_disclosure *d = ys_disclosure_new("evil.txt");
    d->meta.department = evil;
    d->meta.region = "'); DROP TABLE departments; -- ?";
    d->meta.year = 2024;
    ys_column col = {"合计", "total", YS_COL_MONEY};
    ys_table *t = ys_disclosure_add_table(d, YS_TABLE_EXPENSE, evil, 1, &col);
    ys_row *r = ys_table_add_row(d, t, 1, "201", "name with ? and $1");
    ys_cell_set_money(&r->cells[0], 12345, 2);
    r->cells[0].text = "123.45";
    ys_store *s = open_pg(YS_STORE_READWRITE);
    ys_findings f;
    ys_findings_init(&f);
    put(s, d, &f, "evil", YS_OK);
    int64_t *ids = NULL;
    size_t n = 0;
    ys_diags dg;
    ys_diags_init(&dg);
    assert_int_equal(ys_store_find(s, evil, 0, &ids, &n, &dg), YS_OK);
    assert_int_equal(n, 1);
    ys_disclosure *back = NULL;
    assert_int_equal(ys_store_load(s, ids[0], &back, NULL, &dg), YS_OK);
    assert_string_equal(back->meta.department, evil);
    assert_string_equal(back->meta.region, "'); DROP TABLE departments; -- ?");
    assert_string_equal(back->tables[YS_TABLE_EXPENSE]->rows[0].name, "name with ? and $1");
    assert_true(back->tables[YS_TABLE_EXPENSE]->rows[0].cells[0].money == 12345);
    free(ids);
    ys_disclosure_free(back);
    ys_diags_release(&dg);
    ys_store_close(s);
    ys_disclosure_free(d);
}

/* Two workers writing concurrently into PostgreSQL, then a rerun that skips everything. */
static void test_batch(void **state)
{
    (void)state;
    NEED_SERVER();
    char dir[] = "/tmp/yusuan-pg-batch-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *bytes = NULL;
    size_t len = 0;
    ys_diags dg;
    ys_diags_init(&dg);
    assert_int_equal(ys_read_file("examples/zhaoxian-hrss-2024/published.txt", &bytes, &len, &dg), YS_OK);
    for (int k = 0; k < 6; k++) {
        char name[128];
        snprintf(name, sizeof name, "%s/copy-%d.txt", dir, k);
        FILE *fp = fopen(name, "wb");
        assert_non_null(fp);
        fwrite(bytes, 1, len, fp);
        fprintf(fp, "编号%d\n", k);
        fclose(fp);
    }
    free(bytes);
    const char *inputs[] = {dir};
    ys_batch_opts o = {url, 2, NULL, NULL, NULL, NULL};
    ys_batch_result r;
    assert_int_equal(ys_batch_run(&o, inputs, 1, &r, &dg), YS_OK);
    assert_int_equal(r.imported, 6);
    assert_int_equal(r.failed, 0);
    ys_store *s = open_pg(YS_STORE_READWRITE);
    assert_int_equal(count(s, "SELECT COUNT(*) FROM documents"), 6);
    ys_buf sum = YS_BUF_INIT;
    assert_int_equal(ys_batch_summary(s, &r, &sum, &dg), YS_OK);
    assert_non_null(strstr(ys_buf_str(&sum), "6 个文档，1 个部门"));
    assert_non_null(strstr(ys_buf_str(&sum), "赵县 赵县人力资源和社会保障局 2024 年  66.60"));
    assert_int_equal(r.errors, 24);
    ys_buf_release(&sum);
    ys_store_close(s);
    ys_batch_result_release(&r);
    assert_int_equal(ys_batch_run(&o, inputs, 1, &r, &dg), YS_OK);
    assert_int_equal(r.skipped, 6);
    ys_batch_result_release(&r);
    ys_diags_release(&dg);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* No server needed: a connection to a closed port of 127.0.0.1 fails at once. The error is located at
 * the target libpq tried — user, host, port and database — and the password (in the authority or as a
 * parameter) is nowhere in it. */
static void test_connect_failure_location(void **state)
{
    (void)state;
#ifndef HAVE_LIBPQ
    skip();
#endif
    static const struct { const char *url, *where; } cases[] = {
        {"postgresql://alice:s3cret@127.0.0.1:1/warehouse?connect_timeout=5", "postgresql://alice@127.0.0.1:1/warehouse"},
        {"postgres://alice@127.0.0.1:1/warehouse?password=s3cret&connect_timeout=5", "postgresql://alice@127.0.0.1:1/warehouse"},
        {"postgresql://alice:s3cret@/warehouse?host=/nonexistent-yusuan-dir&port=1",
         "postgresql://alice@/warehouse?host=/nonexistent-yusuan-dir&port=1"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ys_diags dg;
        ys_diags_init(&dg);
        ys_store *s = NULL;
        assert_int_equal(ys_store_open(cases[i].url, YS_STORE_READWRITE, &s, &dg), YS_ERR_USAGE);
        assert_null(s);
        assert_true(dg.count >= 1);
        const ys_diag *g = &dg.items[0];
        assert_non_null(g->file);
        assert_string_equal(g->file, cases[i].where);
        assert_non_null(strstr(g->message, "无法连接 PostgreSQL 数据库："));
        for (size_t k = 0; k < dg.count; k++) {
            assert_null(strstr(dg.items[k].message, "s3cret"));
            assert_true(!dg.items[k].file || !strstr(dg.items[k].file, "s3cret"));
        }
        ys_diags_release(&dg);
    }
}

int main(void)
{
    base_url = getenv("YUSUAN_PG_URL");
    if (base_url && !*base_url) base_url = NULL;
#ifndef HAVE_LIBPQ
    if (base_url) fprintf(stderr, "SKIPPED: this build has no libpq (add libpq to PKGS)\n");
    base_url = NULL;
#endif
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_schema_fresh, fresh, drop),
        cmocka_unit_test_setup_teardown(test_put_load_sample, fresh, drop),
        cmocka_unit_test_setup_teardown(test_one_transaction, fresh, drop),
        cmocka_unit_test_setup_teardown(test_readonly, fresh, drop),
        cmocka_unit_test_setup_teardown(test_script_department, fresh, drop),
        cmocka_unit_test_setup_teardown(test_batch, fresh, drop),
        cmocka_unit_test(test_connect_failure_location),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    free(url);
    return rc;
}
