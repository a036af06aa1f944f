/*
 * store_backend.h — what a back end of the warehouse provides (internal to src/store/). store.c holds
 * the schema, migrations and every query in portable SQL with `?` placeholders; a back end only opens
 * a connection, runs scripts (migrations, BEGIN/COMMIT), and runs one prepared statement with bound
 * parameters, handing each result row to a callback. A PostgreSQL back end (libpq) implements the same
 * four operations (rewriting `?` to $1…$n, PQexecParams / PQprepare).
 *
 * Ownership: `impl` is the back end's connection, owned by the ys_store and closed by ops->close.
 */
#ifndef YS_STORE_BACKEND_H
#define YS_STORE_BACKEND_H

#include "store/store.h"

typedef struct {
    const char *name;
    /* Run a script of one or more statements without parameters. */
    ys_status (*exec)(void *impl, const char *script, ys_diags *diags);
    /* Run one statement with nparams bound values; fn per row (may be NULL); header_fn once with the
     * column names (may be NULL). `cacheable`: sql is a static string the back end may keep prepared. */
    ys_status (*query)(void *impl, const char *sql, bool cacheable, size_t nparams, const ys_store_value *params,
                       void (*header_fn)(void *ctx, size_t ncols, const char *const *names),
                       ys_store_row_fn fn, void *ctx, ys_diags *diags);
    void (*close)(void *impl);
} ys_store_ops;

/* SQLite (store_sqlite.c): open `path`; read-only opens refuse writes in the engine. */
ys_status ys_store_sqlite_open(const char *path, bool readonly, void **impl, const ys_store_ops **ops,
                               ys_diags *diags);

/* PostgreSQL (store_pg.c): connect to a libpq URI "postgresql://…"; read-only connections run every user
 * statement in a read-only transaction that is rolled back. YS_ERR_USAGE when libpq is not built in or the
 * server cannot be reached. */
ys_status ys_store_pg_open(const char *url, bool readonly, void **impl, const ys_store_ops **ops, ys_diags *diags);

/* The schema (schema.c): migration i (1-based version) as a script; NULL past the last. */
const char *ys_store_migration(int version);

#endif
