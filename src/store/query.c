/*
 * query.c — the portal's extra read queries on the warehouse (store/query.h), through ys_store_query with
 * fixed SQL text only.
 */
#include "store/query.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    ys_store_docref *v;
    size_t n, cap;
    bool oom;
} refs;

static int ref_row(void *ctx, size_t ncols, const char *const *names, const ys_store_value *vals)
{
    (void)names;
    refs *r = ctx;
    if (ncols < 3) return 1;
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 64;
        ys_store_docref *v = realloc(r->v, cap * sizeof *v);
        if (!v) {
            r->oom = true;
            return 1;
        }
        r->v = v;
        r->cap = cap;
    }
    ys_store_docref *d = &r->v[r->n++];
    d->id = vals[0].type == YS_STORE_INT ? vals[0].i : 0;
    d->department_id = vals[1].type == YS_STORE_INT ? vals[1].i : 0;
    d->book = vals[2].type == YS_STORE_TEXT && vals[2].s && !strcmp(vals[2].s, "book");
    return 0;
}

ys_status ys_store_docrefs(ys_store *s, ys_store_docref **out, size_t *n, ys_diags *diags)
{
    refs r = {0};
    *out = NULL;
    *n = 0;
    ys_status st = ys_store_query(s, "SELECT id, department_id, origin FROM documents ORDER BY id", NULL, ref_row,
                                  &r, diags);
    if (r.oom) st = YS_ERR_NOMEM;
    if (st != YS_OK) {
        free(r.v);
        return st;
    }
    *out = r.v;
    *n = r.n;
    return YS_OK;
}
