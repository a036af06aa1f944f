/*
 * derive.c — ys_derive, the compile path's entry: load the layout and text templates named by the
 * book, copy the meta, then build the tables (tables.c), the comparisons, the 情况说明 and the 目录
 * (narrative.c). Everything is computed from the line items; cells carry no source (line 0).
 */
#include "derive/derive.h"

#include <string.h>

#include "derive/derive_internal.h"

ys_status ys_derive(const ys_budget *b, const ys_catalog *catalog, ys_disclosure **out, ys_diags *diags)
{
    *out = NULL;
    if (!b) return YS_ERR_USAGE;
    dv_ctx c;
    memset(&c, 0, sizeof c);
    c.b = b;
    c.cat = catalog;
    c.diags = diags;
    c.tmp = ys_arena_new();
    ys_status st = dv_file_load(&c, &c.layout, "layout");
    if (st == YS_OK) st = dv_file_load(&c, &c.text, "text");
    if (st != YS_OK) {
        ys_arena_free(c.tmp);
        return st;
    }
    ys_disclosure *d = ys_disclosure_new(b->file ? b->file : "");
    c.d = d;
    d->meta = b->meta;
    d->meta.department = ys_arena_strdup(d->arena, b->meta.department ? b->meta.department : "");
    d->meta.department_code = ys_arena_strdup(d->arena, b->meta.department_code ? b->meta.department_code : "");
    d->meta.region = ys_arena_strdup(d->arena, b->meta.region ? b->meta.region : "");
    if (d->meta.kind == YS_KIND_UNKNOWN) d->meta.kind = YS_KIND_BUDGET;
    if (d->meta.scope == YS_SCOPE_UNKNOWN) d->meta.scope = YS_SCOPE_DEPARTMENT;
    c.unit = b->display_unit != YS_UNIT_UNKNOWN ? b->display_unit
             : b->meta.unit != YS_UNIT_UNKNOWN  ? b->meta.unit
                                                : YS_UNIT_WANYUAN;
    d->meta.unit = c.unit;

    dv_tables(&c);
    dv_comparisons(&c);
    dv_narrative(&c);
    dv_toc(&c);

    ys_arena_free(c.tmp);
    *out = d;
    return YS_OK;
}
