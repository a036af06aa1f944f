/*
 * store.h — the warehouse: many departments × years × kinds in one database (docs/STORE.md documents
 * every table and column). One interface, several back ends: SQLite (store_sqlite.c, the default: a file,
 * WAL, foreign keys on) and, later, PostgreSQL (a target "postgresql://…"). Everything above the back end
 * — the schema and its migrations (schema.c), storing a document, listing, loading — is written once in
 * store.c in portable SQL (plain types, `?` placeholders, ids assigned by the store, not by the engine),
 * and reaches the database only through the back-end operations of store_backend.h.
 *
 * Safety: every statement is prepared, every value from a document is a bound parameter; a document is
 * stored in one transaction (all its rows or none); `ys_store_query` runs user SQL on a connection opened
 * read-only by the engine (not by a keyword filter).
 *
 * Ownership: a ys_store is a heap object (ys_store_open / ys_store_close, which accepts NULL). Strings
 * handed to callbacks are borrowed for the duration of the call. Results of ys_store_list are owned by the
 * caller (ys_store_list_free). A disclosure from ys_store_load is the caller's (ys_disclosure_free); the
 * findings it fills borrow `file` from that disclosure.
 */
#ifndef YS_STORE_H
#define YS_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"
#include "core/money.h"
#include "core/status.h"
#include "model/disclosure.h"
#include "model/finding.h"

typedef struct ys_store ys_store;

typedef enum {
    YS_STORE_READWRITE = 0,   /* create when missing, migrate to the current schema */
    YS_STORE_READONLY         /* the engine refuses every write; the schema must be current */
} ys_store_mode;

/* The schema version this build writes and reads (migrations in store/schema.c). */
int ys_store_schema_current(void);

/* Open `target`: a file path for SQLite ("yusuan.db"); "postgresql://…" is reserved for the PostgreSQL
 * back end (YS_ERR_USAGE with a diagnostic while it is not built in). A read-write open applies the
 * pending migrations in order, each in its own transaction. */
ys_status ys_store_open(const char *target, ys_store_mode mode, ys_store **out, ys_diags *diags);
void ys_store_close(ys_store *s);

/* The schema version recorded in the database (0 = empty database). */
int ys_store_schema_version(ys_store *s);
/* The back end's name: "sqlite". */
const char *ys_store_backend(const ys_store *s);

/* What a document is, besides its content. */
typedef struct {
    const char *source;        /* the file name as given ("examples/…/published.txt") */
    const char *origin;        /* "published" (read and audited) or "book" (read and derived) */
    const char *sha256;        /* hex of the bytes (for a TSV book: of its files, see docs/STORE.md) */
    const char *ruleset;       /* ys_store_ruleset_version() */
    int catalog_edition;       /* edition year of the function classification used; 0 unknown */
} ys_store_docinfo;

/* The rule-set version: the first 16 hex digits of SHA-256 over the registry's "id severity\n" lines. */
const char *ys_store_ruleset_version(void);

/* Is a document with this content hash stored? *id = its id (0 when not). */
ys_status ys_store_find_hash(ys_store *s, const char *sha256, int64_t *id, ys_diags *diags);

/* Store one document with its findings in ONE transaction: on any failure nothing of it remains.
 * The department (region + name from d->meta) is created when new. *id = the new document's id. */
ys_status ys_store_put(ys_store *s, const ys_store_docinfo *info, const ys_disclosure *d,
                       const ys_findings *f, int64_t *id, ys_diags *diags);

/* One line of `ls`: a stored document with its totals and unfolded finding counts. */
typedef struct {
    int64_t id;
    char *region, *department;   /* owned */
    int year;
    char *kind;                  /* "预算", "决算", "" (owned) */
    char *unit;                  /* the document's unit name (owned) */
    bool has_total, has_basic, has_project, has_three_public;
    ys_money total;              /* 收支总计 (summary 收入总计), 分 */
    ys_money basic, project;     /* expense 合计 row: 基本支出, 项目支出 */
    ys_money three_public;       /* three_public "三公"经费小计 (else 合计), total column */
    int64_t errors, warnings, infos;
} ys_store_entry;

/* Every stored document, ordered by region, department, year, kind. */
ys_status ys_store_list(ys_store *s, ys_store_entry **out, size_t *n, ys_diags *diags);
void ys_store_list_free(ys_store_entry *e, size_t n);

/* Documents whose department name (or "region/name") is `dept`, and of year `year` (0 = any): the ids,
 * newest year first (caller frees *ids). */
ys_status ys_store_find(ys_store *s, const char *dept, int year, int64_t **ids, size_t *n, ys_diags *diags);

/* Load document `id` back: meta and standard tables into a new disclosure (*out), and its findings into
 * f (when not NULL; their locations borrow (*out)->file). Projects and sections are not loaded. */
ys_status ys_store_load(ys_store *s, int64_t id, ys_disclosure **out, ys_findings *f, ys_diags *diags);

/* A value handed to a row callback: NULL, an integer, or text (reals come as their text). */
typedef enum { YS_STORE_NULL = 0, YS_STORE_INT, YS_STORE_TEXT } ys_store_type;
typedef struct {
    ys_store_type type;
    int64_t i;
    const char *s;   /* text, or NULL */
} ys_store_value;

/* Called once per result row (names and values borrowed for the call); return non-zero to stop. */
typedef int (*ys_store_row_fn)(void *ctx, size_t ncols, const char *const *names, const ys_store_value *vals);

/* Run one user SQL statement (a query on a read-only store), calling fn per row; header_fn (may be
 * NULL) is called once with the column names before the first row, even when there is none.
 * The engine's message is a YS_DIAG_ERROR diagnostic; status YS_ERR_FORMAT. */
ys_status ys_store_query(ys_store *s, const char *sql,
                         void (*header_fn)(void *ctx, size_t ncols, const char *const *names),
                         ys_store_row_fn fn, void *ctx, ys_diags *diags);

/* For tests: make the n-th statement (1-based) of every later ys_store_put fail (0 = never). */
void ys_store_test_fail_after(ys_store *s, int n);

#endif
