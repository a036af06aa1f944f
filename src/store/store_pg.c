/*
 * store_pg.c — the PostgreSQL back end of the warehouse (store_backend.h), through libpq. A target
 * "postgresql://…" (or "postgres://…") is a libpq connection URI; host, port, user and password missing
 * from it come from the usual PG* environment variables. The schema and every statement are the portable
 * SQL of schema.c and store.c: this file rewrites the `?` placeholders to $1…$n, runs statements with
 * PQexecParams (or PQprepare + PQexecPrepared for the store's static statements, kept in a small cache
 * keyed by the string's address), sends every value as a text parameter whose type the server infers
 * from the statement, and hands back int2/int4/int8 columns as integers, everything else as text (reals
 * and numerics come as their text, as with SQLite).
 *
 * Read-only connections (`yusuan sql`, `ls`, `show`): the session runs `SET default_transaction_read_only
 * = on`, and every user statement runs inside its own `BEGIN READ ONLY … ROLLBACK`, so the engine refuses
 * writes and even a `SET default_transaction_read_only = off` in the statement is undone by the rollback.
 * PQexecParams accepts one statement only, so "SELECT 1; DROP …" is refused by the protocol. Server
 * NOTICE messages are discarded (library code never prints).
 *
 * Built only when libpq's header is found (PKGS has `libpq`); otherwise ys_store_pg_open reports that
 * this build has no PostgreSQL back end.
 */
#include "store/store_backend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"

#if defined(__has_include)
#if __has_include(<libpq-fe.h>)
#define YS_HAVE_LIBPQ 1
#endif
#endif

#ifdef YS_HAVE_LIBPQ

#include <libpq-fe.h>

#define CACHE 48
#define OID_BOOL 16
#define OID_INT8 20
#define OID_INT2 21
#define OID_INT4 23

typedef struct {
    PGconn *pg;
    bool readonly;
    int next_name;
    struct {
        const char *sql;   /* borrowed static string; NULL = free slot */
        char name[16];
    } cache[CACHE];
} conn;

static void quiet(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* The server's message without its trailing newline, as a diagnostic. */
static ys_status fail_msg(ys_diags *diags, const char *what, const char *msg)
{
    size_t n = msg ? strlen(msg) : 0;
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == '\r' || msg[n - 1] == ' ')) n--;
    if (diags)   /* store.c passes NULL for a ROLLBACK whose failure does not matter */
        ys_diags_add(diags, YS_DIAG_ERROR, NULL, 0, 0, "%s：%.*s", what, (int)n, msg ? msg : "");
    return YS_ERR_FORMAT;
}

static bool result_ok(const PGresult *r)
{
    ExecStatusType t = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    return t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK;
}

static ys_status pg_exec(void *impl, const char *script, ys_diags *diags)
{
    conn *c = impl;
    PGresult *r = PQexec(c->pg, script);
    ys_status st = YS_OK;
    if (!result_ok(r)) st = fail_msg(diags, "数据库错误", r ? PQresultErrorMessage(r) : PQerrorMessage(c->pg));
    PQclear(r);
    return st;
}

/* `?` → $1, $2, … outside quoted strings and identifiers. */
static char *rewrite(const char *sql)
{
    ys_buf b = YS_BUF_INIT;
    int n = 0;
    char quote = 0;
    for (const char *p = sql; *p; p++) {
        if (quote) {
            if (*p == quote) quote = 0;
            ys_buf_addc(&b, *p);
        } else if (*p == '\'' || *p == '"') {
            quote = *p;
            ys_buf_addc(&b, *p);
        } else if (*p == '?') ys_buf_printf(&b, "$%d", ++n);
        else ys_buf_addc(&b, *p);
    }
    return ys_buf_detach(&b);
}

static ys_status run_rows(conn *c, PGresult *r, void (*header_fn)(void *ctx, size_t ncols, const char *const *names),
                          ys_store_row_fn fn, void *ctx, ys_diags *diags)
{
    if (!result_ok(r)) {
        ExecStatusType t = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
        if (t == PGRES_EMPTY_QUERY) {
            ys_diags_add(diags, YS_DIAG_ERROR, NULL, 0, 0, "SQL 错误：没有语句");
            return YS_ERR_FORMAT;
        }
        return fail_msg(diags, "SQL 错误", r ? PQresultErrorMessage(r) : PQerrorMessage(c->pg));
    }
    size_t ncols = (size_t)PQnfields(r);
    const char **names = ncols ? ys_xcalloc(ncols, sizeof *names) : NULL;
    ys_store_value *vals = ncols ? ys_xcalloc(ncols, sizeof *vals) : NULL;
    for (size_t i = 0; i < ncols; i++) names[i] = PQfname(r, (int)i);
    if (header_fn) header_fn(ctx, ncols, names);
    int nrows = PQntuples(r);
    for (int row = 0; fn && row < nrows; row++) {
        for (size_t i = 0; i < ncols; i++) {
            int k = (int)i;
            vals[i].i = 0, vals[i].s = NULL, vals[i].type = YS_STORE_NULL;
            if (PQgetisnull(r, row, k)) continue;
            const char *txt = PQgetvalue(r, row, k);
            Oid t = PQftype(r, k);
            if (t == OID_INT8 || t == OID_INT4 || t == OID_INT2)
                vals[i].type = YS_STORE_INT, vals[i].i = strtoll(txt, NULL, 10);
            else if (t == OID_BOOL) vals[i].type = YS_STORE_INT, vals[i].i = txt[0] == 't';
            else vals[i].type = YS_STORE_TEXT, vals[i].s = txt;
        }
        if (fn(ctx, ncols, names, vals)) break;
    }
    free(names);
    free(vals);
    return YS_OK;
}

static ys_status pg_query(void *impl, const char *sql, bool cacheable, size_t nparams, const ys_store_value *params,
                          void (*header_fn)(void *ctx, size_t ncols, const char *const *names),
                          ys_store_row_fn fn, void *ctx, ys_diags *diags)
{
    conn *c = impl;
    /* parameters as text; the server infers their types from the statement */
    char **text = nparams ? ys_xcalloc(nparams, sizeof *text) : NULL;
    const char **values = nparams ? ys_xcalloc(nparams, sizeof *values) : NULL;
    for (size_t i = 0; i < nparams; i++) {
        if (params[i].type == YS_STORE_INT) {
            text[i] = ys_xmalloc(24);
            snprintf(text[i], 24, "%lld", (long long)params[i].i);
            values[i] = text[i];
        } else if (params[i].type == YS_STORE_TEXT) values[i] = params[i].s;
    }
    PGresult *r = NULL;
    ys_status st = YS_OK;
    bool user_ro = c->readonly && !cacheable;
    if (user_ro) {
        /* a user statement on a read-only connection: its own read-only transaction, always rolled back */
        PGresult *b = PQexec(c->pg, "BEGIN READ ONLY");
        if (!result_ok(b)) st = fail_msg(diags, "数据库错误", PQerrorMessage(c->pg));
        PQclear(b);
    }
    if (st == YS_OK) {
        int slot = -1, found = -1;
        if (cacheable)
            for (int i = 0; i < CACHE; i++) {
                if (c->cache[i].sql == sql) {
                    found = i;
                    break;
                }
                if (!c->cache[i].sql && slot < 0) slot = i;
            }
        char *q = nparams ? rewrite(sql) : NULL;
        if (found < 0 && cacheable && slot >= 0) {
            char name[16];
            snprintf(name, sizeof name, "ys%d", c->next_name++);
            PGresult *p = PQprepare(c->pg, name, q ? q : sql, (int)nparams, NULL);
            if (result_ok(p)) {
                c->cache[slot].sql = sql;
                memcpy(c->cache[slot].name, name, sizeof name);
                found = slot;
            }
            PQclear(p);
        }
        if (found >= 0)
            r = PQexecPrepared(c->pg, c->cache[found].name, (int)nparams, values, NULL, NULL, 0);
        else r = PQexecParams(c->pg, q ? q : sql, (int)nparams, NULL, values, NULL, NULL, 0);
        free(q);
        st = run_rows(c, r, header_fn, fn, ctx, diags);
        PQclear(r);
    }
    if (user_ro) PQclear(PQexec(c->pg, "ROLLBACK"));
    for (size_t i = 0; i < nparams; i++) free(text[i]);
    free(text);
    free(values);
    return st;
}

static void pg_close(void *impl)
{
    conn *c = impl;
    if (!c) return;
    PQfinish(c->pg);
    free(c);
}

static const ys_store_ops pg_ops = {"postgresql", pg_exec, pg_query, pg_close};

/* The connection's target for messages, never its password: "postgresql://user@host:port/dbname" from
 * the options libpq settled on (the URI's, else the PG* environment's, else the defaults), a socket
 * directory as "postgresql://user@/dbname?host=/run/postgresql". Malloc'ed. */
static char *target_of(PGconn *pg)
{
    const char *user = "", *host = "", *port = "", *db = "";
    PQconninfoOption *opts = pg ? PQconninfo(pg) : NULL;
    for (PQconninfoOption *o = opts; o && o->keyword; o++) {
        const char *v = o->val ? o->val : "";
        if (!strcmp(o->keyword, "user")) user = v;
        else if (!strcmp(o->keyword, "host") && *v) host = v;
        else if (!strcmp(o->keyword, "hostaddr") && *v && !*host) host = v;
        else if (!strcmp(o->keyword, "port")) port = v;
        else if (!strcmp(o->keyword, "dbname")) db = v;
    }
    bool socket = *host == '/';
    ys_buf b = YS_BUF_INIT;
    ys_buf_adds(&b, "postgresql://");
    if (*user) ys_buf_printf(&b, "%s@", user);
    if (!socket) ys_buf_adds(&b, host);
    if (*port && !socket) ys_buf_printf(&b, ":%s", port);
    if (*db) ys_buf_printf(&b, "/%s", db);
    if (socket) ys_buf_printf(&b, "?host=%s%s%s", host, *port ? "&port=" : "", port);
    PQconninfoFree(opts);
    return ys_buf_detach(&b);
}

ys_status ys_store_pg_open(const char *url, bool readonly, void **impl, const ys_store_ops **ops, ys_diags *diags)
{
    conn *c = ys_xcalloc(1, sizeof *c);
    c->readonly = readonly;
    c->pg = PQconnectdb(url);
    if (!c->pg || PQstatus(c->pg) != CONNECTION_OK) {
        /* the target as given cannot be used: like an unusable path, a usage problem for the caller; the
         * message is located at the target libpq tried (without the password) */
        const char *msg = c->pg ? PQerrorMessage(c->pg) : "内存不足";
        size_t n = strlen(msg);
        while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == '\r' || msg[n - 1] == ' ')) n--;
        char *where = target_of(c->pg);
        ys_diags_add(diags, YS_DIAG_ERROR, where, 0, 0, "无法连接 PostgreSQL 数据库：%.*s", (int)n, msg);
        free(where);
        pg_close(c);
        return YS_ERR_USAGE;
    }
    PQsetNoticeProcessor(c->pg, quiet, NULL);
    const char *setup = readonly ? "SET client_min_messages = warning; SET default_transaction_read_only = on"
                                 : "SET client_min_messages = warning";
    if (pg_exec(c, setup, diags) != YS_OK) {
        pg_close(c);
        return YS_ERR_IO;
    }
    *impl = c;
    *ops = &pg_ops;
    return YS_OK;
}

#else /* no libpq in this build */

ys_status ys_store_pg_open(const char *url, bool readonly, void **impl, const ys_store_ops **ops, ys_diags *diags)
{
    (void)url;
    (void)readonly;
    *impl = NULL;
    *ops = NULL;
    ys_diags_add(diags, YS_DIAG_ERROR, NULL, 0, 0, "本版本尚未包含 PostgreSQL 后端，请使用 SQLite 数据库文件");
    return YS_ERR_USAGE;
}

#endif
