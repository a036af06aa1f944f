/*
 * store_sqlite.c — the SQLite back end of the warehouse (store_backend.h): one file, WAL journal,
 * foreign keys on, a busy timeout so concurrent writers wait instead of failing. A read-only connection
 * is opened with SQLITE_OPEN_READONLY and PRAGMA query_only, so the engine itself refuses any write
 * (`yusuan sql` relies on this, not on inspecting the query). Statements the store runs often (static
 * SQL strings) stay prepared in a small cache keyed by the string's address.
 */
#include "store/store_backend.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"

#define CACHE 48

typedef struct {
    sqlite3 *db;
    const char *file;   /* borrowed: for diagnostics */
    struct {
        const char *sql;
        sqlite3_stmt *st;
    } cache[CACHE];
} conn;

static ys_status fail(conn *c, ys_diags *diags, const char *what)
{
    ys_diags_add(diags, YS_DIAG_ERROR, c->file, 0, 0, "%s：%s", what, sqlite3_errmsg(c->db));
    return YS_ERR_FORMAT;
}

static ys_status sq_exec(void *impl, const char *script, ys_diags *diags)
{
    conn *c = impl;
    char *err = NULL;
    if (sqlite3_exec(c->db, script, NULL, NULL, &err) != SQLITE_OK) {
        ys_diags_add(diags, YS_DIAG_ERROR, c->file, 0, 0, "数据库错误：%s", err ? err : sqlite3_errmsg(c->db));
        sqlite3_free(err);
        return YS_ERR_FORMAT;
    }
    return YS_OK;
}

static bool blank_tail(const char *s)
{
    for (; s && *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r' && *s != ';') return false;
    return true;
}

static ys_status sq_query(void *impl, const char *sql, bool cacheable, size_t nparams, const ys_store_value *params,
                          void (*header_fn)(void *ctx, size_t ncols, const char *const *names),
                          ys_store_row_fn fn, void *ctx, ys_diags *diags)
{
    conn *c = impl;
    sqlite3_stmt *st = NULL;
    int slot = -1;
    if (cacheable)
        for (int i = 0; i < CACHE; i++) {
            if (c->cache[i].sql == sql) {
                st = c->cache[i].st;
                break;
            }
            if (!c->cache[i].sql && slot < 0) slot = i;
        }
    if (!st) {
        const char *tail = NULL;
        if (sqlite3_prepare_v2(c->db, sql, -1, &st, &tail) != SQLITE_OK) return fail(c, diags, "SQL 错误");
        if (!st) {
            ys_diags_add(diags, YS_DIAG_ERROR, c->file, 0, 0, "SQL 错误：没有语句");
            return YS_ERR_FORMAT;
        }
        if (!blank_tail(tail)) {
            sqlite3_finalize(st);
            ys_diags_add(diags, YS_DIAG_ERROR, c->file, 0, 0, "SQL 错误：一次只能执行一条语句");
            return YS_ERR_FORMAT;
        }
        if (cacheable && slot >= 0) c->cache[slot].sql = sql, c->cache[slot].st = st;
        else cacheable = false;
    }
    ys_status rc = YS_OK;
    for (size_t i = 0; i < nparams; i++) {
        int k = (int)i + 1, r;
        if (params[i].type == YS_STORE_INT) r = sqlite3_bind_int64(st, k, params[i].i);
        else if (params[i].type == YS_STORE_TEXT && params[i].s) r = sqlite3_bind_text(st, k, params[i].s, -1, SQLITE_STATIC);
        else r = sqlite3_bind_null(st, k);
        if (r != SQLITE_OK) {
            rc = fail(c, diags, "SQL 参数错误");
            goto out;
        }
    }
    size_t ncols = (size_t)sqlite3_column_count(st);
    const char **names = ncols ? calloc(ncols, sizeof *names) : NULL;
    ys_store_value *vals = ncols ? calloc(ncols, sizeof *vals) : NULL;
    for (size_t i = 0; i < ncols; i++) names[i] = sqlite3_column_name(st, (int)i);
    if (header_fn) header_fn(ctx, ncols, names);
    for (;;) {
        int r = sqlite3_step(st);
        if (r == SQLITE_DONE) break;
        if (r != SQLITE_ROW) {
            rc = fail(c, diags, "SQL 错误");
            break;
        }
        if (!fn) continue;
        for (size_t i = 0; i < ncols; i++) {
            int t = sqlite3_column_type(st, (int)i);
            vals[i].i = 0, vals[i].s = NULL;
            if (t == SQLITE_NULL) vals[i].type = YS_STORE_NULL;
            else if (t == SQLITE_INTEGER) vals[i].type = YS_STORE_INT, vals[i].i = sqlite3_column_int64(st, (int)i);
            else vals[i].type = YS_STORE_TEXT, vals[i].s = (const char *)sqlite3_column_text(st, (int)i);
        }
        if (fn(ctx, ncols, names, vals)) break;
    }
    free(names);
    free(vals);
out:
    if (cacheable) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    } else sqlite3_finalize(st);
    return rc;
}

static void sq_close(void *impl)
{
    conn *c = impl;
    if (!c) return;
    for (int i = 0; i < CACHE; i++) sqlite3_finalize(c->cache[i].st);
    sqlite3_close(c->db);
    free(c);
}

static const ys_store_ops sqlite_ops = {"sqlite", sq_exec, sq_query, sq_close};

ys_status ys_store_sqlite_open(const char *path, bool readonly, void **impl, const ys_store_ops **ops,
                               ys_diags *diags)
{
    conn *c = ys_xcalloc(1, sizeof *c);
    c->file = path;
    int flags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path, &c->db, flags, NULL) != SQLITE_OK) {
        ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "无法打开数据库：%s",
                     c->db ? sqlite3_errmsg(c->db) : "内存不足");
        sqlite3_close(c->db);
        free(c);
        return YS_ERR_IO;
    }
    sqlite3_busy_timeout(c->db, 10000);
    sqlite3_extended_result_codes(c->db, 1);
    const char *setup = readonly ? "PRAGMA foreign_keys = ON; PRAGMA query_only = ON;"
                                 : "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";
    if (sq_exec(c, setup, diags) != YS_OK) {
        sq_close(c);
        return YS_ERR_IO;
    }
    *impl = c;
    *ops = &sqlite_ops;
    return YS_OK;
}
