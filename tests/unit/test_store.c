/*
 * test_store.c — the warehouse (store/store.h) on SQLite: SHA-256 test vectors (FIPS 180-4 examples);
 * schema creation; migration of a hand-made version-1 database; storing the sample published document
 * and the example budget book and loading them back cell for cell; one transaction per document (a
 * failure injected at many points of a put leaves no row of that document and nothing else changed);
 * read-only queries refuse INSERT and DROP in the engine; a department named <script>… stored and
 * found verbatim. Databases live in a temporary directory removed at the end.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "catalog/catalog.h"
#include "check/check.h"
#include "core/buf.h"
#include "core/sha256.h"
#include "derive/derive.h"
#include "read/book.h"
#include "read/read.h"
#include "store/store.h"
#include "store/store_backend.h"

static char tmpdir[] = "/tmp/yusuan-store-XXXXXX";
static int dbno;

static char *new_db_path(void)
{
    size_t n = strlen(tmpdir) + 32;
    char *p = malloc(n);
    snprintf(p, n, "%s/t%d.db", tmpdir, ++dbno);
    return p;
}

static ys_store *open_rw(const char *path)
{
    ys_diags dg;
    ys_diags_init(&dg);
    ys_store *s = NULL;
    ys_status st = ys_store_open(path, YS_STORE_READWRITE, &s, &dg);
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

static int64_t count(ys_store *s, const char *sql)
{
    struct {
        int64_t v;
    } r = {-1};
    ys_diags dg;
    ys_diags_init(&dg);
    assert_int_equal(ys_store_query(s, sql, NULL, first, &r, &dg), YS_OK);
    ys_diags_release(&dg);
    return r.v;
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

/* ---- SHA-256 ---------------------------------------------------------------------------------------- */

static void test_sha256_vectors(void **state)
{
    (void)state;
    char hex[YS_SHA256_HEX];
    assert_string_equal(ys_sha256_hex("", 0, hex), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assert_string_equal(ys_sha256_hex("abc", 3, hex), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    assert_string_equal(ys_sha256_hex(m, strlen(m), hex),
                        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    /* one million 'a', fed in uneven pieces */
    ys_sha256 c;
    ys_sha256_init(&c);
    char a[997];
    memset(a, 'a', sizeof a);
    size_t left = 1000000;
    for (size_t k = 1; left > 0; k = k % 900 + 13) {
        size_t n = k < left ? k : left;
        ys_sha256_update(&c, a, n);
        left -= n;
    }
    assert_string_equal(ys_sha256_final_hex(&c, hex),
                        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* ---- schema and migrations -------------------------------------------------------------------------- */

static void test_schema_fresh(void **state)
{
    (void)state;
    char *path = new_db_path();
    ys_store *s = open_rw(path);
    assert_int_equal(ys_store_schema_version(s), ys_store_schema_current());
    assert_true(ys_store_schema_current() >= 2);
    assert_string_equal(ys_store_backend(s), "sqlite");
    assert_int_equal(count(s, "SELECT COUNT(*) FROM schema_version"), ys_store_schema_current());
    assert_int_equal(count(s, "PRAGMA foreign_keys"), 1);
    ys_store_close(s);
    /* WAL is persistent in the file */
    s = open_rw(path);
    ys_buf b = YS_BUF_INIT;
    ys_store_close(s);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
    sqlite3_close(db);
    ys_buf_release(&b);
    free(path);
}

static void test_migrate_from_v1(void **state)
{
    (void)state;
    char *path = new_db_path();
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);"
                                      "INSERT INTO schema_version VALUES (1, 'then');",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, ys_store_migration(1), NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "INSERT INTO departments VALUES (1, '赵县', '旧局', '1');"
                                      "INSERT INTO documents VALUES (1, 1, 2023, '预算', '部门', '万元', 'old.txt', "
                                      "'published', 'abc', 'r', 2023, 'then');",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    /* version 1 has no projects table */
    assert_int_not_equal(sqlite3_exec(db, "SELECT COUNT(*) FROM projects", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);

    /* a read-only open refuses the old schema with a message, and does not migrate */
    ys_diags dg;
    ys_diags_init(&dg);
    ys_store *s = NULL;
    assert_int_not_equal(ys_store_open(path, YS_STORE_READONLY, &s, &dg), YS_OK);
    assert_null(s);
    assert_true(dg.errors > 0);
    ys_diags_release(&dg);

    s = open_rw(path);
    assert_int_equal(ys_store_schema_version(s), ys_store_schema_current());
    assert_int_equal(count(s, "SELECT COUNT(*) FROM projects"), 0);
    assert_int_equal(count(s, "SELECT year FROM documents WHERE sha256 = 'abc'"), 2023);
    assert_int_equal(count(s, "SELECT COUNT(*) FROM documents WHERE total IS NULL"), 1);
    assert_int_equal(count(s, "SELECT MAX(version) FROM schema_version"), ys_store_schema_current());
    ys_store_close(s);
    free(path);
}

/* ---- storing and loading ---------------------------------------------------------------------------- */

/* Every money cell of every standard table of a equals the same cell of b. */
static void assert_same_tables(const ys_disclosure *a, const ys_disclosure *b)
{
    size_t cells = 0;
    for (int id = 0; id < YS_TABLE__COUNT; id++) {
        const ys_table *ta = a->tables[id], *tb = b->tables[id];
        assert_true(!ta == !tb);
        if (!ta) continue;
        assert_int_equal(ta->nrows, tb->nrows);
        assert_int_equal(ta->ncols, tb->ncols);
        assert_int_equal(ta->unit, tb->unit);
        for (size_t r = 0; r < ta->nrows; r++) {
            assert_string_equal(ta->rows[r].code, tb->rows[r].code);
            assert_string_equal(ta->rows[r].name, tb->rows[r].name);
            assert_int_equal(ta->rows[r].seq, tb->rows[r].seq);
            for (size_t c = 0; c < ta->ncols; c++) {
                const ys_cell *x = &ta->rows[r].cells[c], *y = &tb->rows[r].cells[c];
                assert_int_equal(x->kind, y->kind);
                assert_true(x->money == y->money);
                if (x->kind != YS_CELL_EMPTY) assert_string_equal(x->text, y->text);
                cells += x->kind == YS_CELL_MONEY;
            }
        }
    }
    assert_true(cells > 100);
}

static void test_put_load_sample(void **state)
{
    (void)state;
    char *path = new_db_path();
    ys_store *s = open_rw(path);
    ys_findings f;
    ys_findings_init(&f);
    ys_disclosure *d = read_sample(&f);
    int64_t id = put(s, d, &f, "hash-sample", YS_OK);
    assert_int_equal(id, 1);

    int64_t found = 0;
    ys_diags dg;
    ys_diags_init(&dg);
    assert_int_equal(ys_store_find_hash(s, "hash-sample", &found, &dg), YS_OK);
    assert_int_equal(found, 1);
    assert_int_equal(ys_store_find_hash(s, "other", &found, &dg), YS_OK);
    assert_int_equal(found, 0);
    /* the same hash cannot be stored twice (the import skips before; the schema says UNIQUE too) */
    put(s, d, &f, "hash-sample", YS_ERR_FORMAT);
    assert_int_equal(count(s, "SELECT COUNT(*) FROM documents"), 1);

    /* money is INTEGER 分, never REAL */
    assert_int_equal(count(s, "SELECT COUNT(*) FROM cells WHERE kind = 'money' AND typeof(amount) <> 'integer'"), 0);
    assert_int_equal(count(s, "SELECT total FROM documents"), 34063090000);
    assert_int_equal(count(s, "SELECT COUNT(*) FROM projects"), (int64_t)d->nprojects);
    assert_true(d->nprojects >= 40);
    assert_int_equal(count(s, "SELECT COUNT(*) FROM findings"), (int64_t)f.count);

    ys_store_entry *e = NULL;
    size_t n = 0;
    assert_int_equal(ys_store_list(s, &e, &n, &dg), YS_OK);
    assert_int_equal(n, 1);
    assert_string_equal(e[0].region, "赵县");
    assert_int_equal(e[0].year, 2024);
    assert_int_equal(e[0].errors, 4);
    ys_store_list_free(e, n);

    ys_disclosure *back = NULL;
    ys_findings fb;
    ys_findings_init(&fb);
    assert_int_equal(ys_store_load(s, 1, &back, &fb, &dg), YS_OK);
    assert_same_tables(d, back);
    assert_int_equal(fb.count, f.count);
    for (size_t i = 0; i < f.count; i++) {
        assert_string_equal(fb.items[i].rule, f.items[i].rule);
        assert_string_equal(fb.items[i].message, f.items[i].message);
        assert_int_equal(fb.items[i].folded, f.items[i].folded);
        assert_true(fb.items[i].actual == f.items[i].actual);
    }
    ys_disclosure *none = NULL;
    assert_int_not_equal(ys_store_load(s, 99, &none, NULL, &dg), YS_OK);
    assert_null(none);
    ys_diags_release(&dg);
    ys_findings_release(&fb);
    ys_disclosure_free(back);
    ys_findings_release(&f);
    ys_disclosure_free(d);
    ys_store_close(s);
    free(path);
}

static void test_put_book(void **state)
{
    (void)state;
    ys_diags dg;
    ys_diags_init(&dg);
    ys_budget *b = NULL;
    assert_int_equal(ys_book_read("examples/zhaoxian-hrss-2024/book", &b, &dg), YS_OK);
    ys_catalog *cat = ys_catalog_new();
    ys_catalog_load_default(cat, &dg);
    ys_disclosure *d = NULL;
    assert_int_equal(ys_derive(b, cat, &d, &dg), YS_OK);
    ys_findings f;
    ys_findings_init(&f);
    ys_check_run(d, cat, NULL, &f);
    char *path = new_db_path();
    ys_store *s = open_rw(path);
    int64_t id = put(s, d, &f, "hash-book", YS_OK);
    ys_disclosure *back = NULL;
    assert_int_equal(ys_store_load(s, id, &back, NULL, &dg), YS_OK);
    assert_same_tables(d, back);
    assert_string_equal(back->meta.department, d->meta.department);
    assert_int_equal(back->meta.kind, YS_KIND_BUDGET);
    ys_disclosure_free(back);
    ys_store_close(s);
    free(path);
    ys_findings_release(&f);
    ys_disclosure_free(d);
    ys_catalog_free(cat);
    ys_budget_free(b);
    ys_diags_release(&dg);
}

/* A failure at any statement of a put leaves no trace of the document, and the rest intact. */
static void test_one_transaction(void **state)
{
    (void)state;
    char *path = new_db_path();
    ys_store *s = open_rw(path);
    ys_findings f;
    ys_findings_init(&f);
    ys_disclosure *d = read_sample(&f);
    put(s, d, &f, "first", YS_OK);
    static const char *const tables[] = {"departments", "documents", "tables", "columns", "rows", "cells",
                                         "projects", "schedule", "indicators", "sections", "figures", "findings"};
    int64_t before[12];
    for (int k = 0; k < 12; k++) {
        char q[80];
        snprintf(q, sizeof q, "SELECT COUNT(*) FROM %s", tables[k]);
        before[k] = count(s, q);
    }
    int64_t total = 0;
    for (int k = 1; k < 12; k++) total += before[k];
    /* fail at the first, the second, …, in the cells, in the findings, and at the last statement */
    /* statements of the second put: 2 look-ups (department, next id), then one INSERT per row */
    const int points[] = {1, 2, 3, 50, 500, (int)total / 2, (int)total + 1, (int)total + 2};
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
    free(path);
}

static void test_readonly(void **state)
{
    (void)state;
    char *path = new_db_path();
    ys_store *s = open_rw(path);
    ys_findings f;
    ys_findings_init(&f);
    ys_disclosure *d = read_sample(&f);
    put(s, d, &f, "h", YS_OK);
    ys_store_close(s);
    ys_diags dg;
    ys_diags_init(&dg);
    assert_int_equal(ys_store_open(path, YS_STORE_READONLY, &s, &dg), YS_OK);
    static const char *const writes[] = {"INSERT INTO departments VALUES (9, 'a', 'b', '')", "DROP TABLE cells",
                                         "DELETE FROM findings", "UPDATE documents SET year = 1999",
                                         "CREATE TABLE x (a INTEGER)", "PRAGMA query_only = OFF"};
    for (size_t i = 0; i < sizeof writes / sizeof *writes; i++) {
        size_t before = dg.errors;
        ys_status st = ys_store_query(s, writes[i], NULL, NULL, NULL, &dg);
        if (i == 5) {
            /* turning query_only off does not make a read-only connection writable */
            assert_int_not_equal(ys_store_query(s, writes[0], NULL, NULL, NULL, &dg), YS_OK);
            continue;
        }
        assert_int_not_equal(st, YS_OK);
        assert_true(dg.errors > before);
    }
    assert_int_equal(count(s, "SELECT COUNT(*) FROM departments"), 1);
    assert_true(count(s, "SELECT COUNT(*) FROM cells") > 100);
    assert_int_equal(count(s, "SELECT year FROM documents"), 2024);
    /* two statements at once are refused */
    assert_int_not_equal(ys_store_query(s, "SELECT 1; SELECT 2", NULL, NULL, NULL, &dg), YS_OK);
    ys_diags_release(&dg);
    ys_store_close(s);
    /* a missing file is an error for a read-only open, not a new database */
    ys_diags_init(&dg);
    char missing[256];
    snprintf(missing, sizeof missing, "%s/none.db", tmpdir);
    assert_int_not_equal(ys_store_open(missing, YS_STORE_READONLY, &s, &dg), YS_OK);
    assert_int_not_equal(access(missing, F_OK), 0);
    ys_diags_release(&dg);
    ys_findings_release(&f);
    ys_disclosure_free(d);
    free(path);
}

static void test_script_department(void **state)
{
    (void)state;
    const char *evil = "<script>alert(1)</script>";
    ys_disclosure *d = ys_disclosure_new("evil.txt");
    d->meta.department = evil;
    d->meta.region = "'); DROP TABLE departments; --";
    d->meta.year = 2024;
    ys_column col = {"合计", "total", YS_COL_MONEY};
    ys_table *t = ys_disclosure_add_table(d, YS_TABLE_EXPENSE, evil, 1, &col);
    ys_row *r = ys_table_add_row(d, t, 1, "201", evil);
    ys_cell_set_money(&r->cells[0], 12345, 2);
    r->cells[0].text = "123.45";
    char *path = new_db_path();
    ys_store *s = open_rw(path);
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
    assert_string_equal(back->meta.region, "'); DROP TABLE departments; --");
    assert_string_equal(back->tables[YS_TABLE_EXPENSE]->title, evil);
    assert_string_equal(back->tables[YS_TABLE_EXPENSE]->rows[0].name, evil);
    assert_true(back->tables[YS_TABLE_EXPENSE]->rows[0].cells[0].money == 12345);
    assert_int_equal(count(s, "SELECT COUNT(*) FROM departments"), 1);
    free(ids);
    ys_disclosure_free(back);
    ys_diags_release(&dg);
    ys_store_close(s);
    ys_disclosure_free(d);
    free(path);
}

static void test_postgres_not_built(void **state)
{
    (void)state;
    ys_diags dg;
    ys_diags_init(&dg);
    ys_store *s = NULL;
    assert_int_equal(ys_store_open("postgresql://localhost/x", YS_STORE_READWRITE, &s, &dg), YS_ERR_USAGE);
    assert_null(s);
    assert_true(dg.errors > 0);
    ys_diags_release(&dg);
    assert_int_equal(strlen(ys_store_ruleset_version()), 16);
}

static int setup(void **state)
{
    (void)state;
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha256_vectors),   cmocka_unit_test(test_schema_fresh),
        cmocka_unit_test(test_migrate_from_v1),  cmocka_unit_test(test_put_load_sample),
        cmocka_unit_test(test_put_book),         cmocka_unit_test(test_one_transaction),
        cmocka_unit_test(test_readonly),         cmocka_unit_test(test_script_department),
        cmocka_unit_test(test_postgres_not_built),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
