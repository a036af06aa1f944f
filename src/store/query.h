/*
 * query.h — additive read queries on the warehouse for the portal (portal/portal.h): what ys_store_list
 * does not say about a document — its department's id and its origin. Written with ys_store_query (fixed
 * SQL, no value from outside), so it works on a read-only store and on every back end.
 *
 * Ownership: the array from ys_store_docrefs is the caller's (free()); it holds no pointers.
 */
#ifndef YS_STORE_QUERY_H
#define YS_STORE_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

typedef struct {
    int64_t id;              /* documents.id */
    int64_t department_id;   /* departments.id */
    bool book;               /* origin = 'book' (a compiled budget book) */
} ys_store_docref;

/* Every document's id, department id and origin, ordered by document id. */
ys_status ys_store_docrefs(ys_store *s, ys_store_docref **out, size_t *n, ys_diags *diags);

#endif
