/*
 * derive_internal.h — what the files of src/derive/ share: the loaded layout and text templates (data
 * files data/templates/layout-<id>.tsv and text-<id>.tsv, format in data/templates/README.md), the
 * derivation context, and the sums the tables and the narrative both need (three_public items,
 * 机关运行经费), computed once so the text prints exactly the amounts of the tables.
 *
 * Ownership: everything hangs in the context's scratch arena (ctx->tmp) and goes with ys_derive's
 * return; what the disclosure keeps is copied into the disclosure's arena.
 */
#ifndef YS_DERIVE_INTERNAL_H
#define YS_DERIVE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog/catalog.h"
#include "core/arena.h"
#include "core/diag.h"
#include "core/status.h"
#include "model/budget.h"
#include "model/disclosure.h"

#define DV_MAX_FIELDS 6

/* One record of a template file: its fields (f[0] is the record type) and its line. */
typedef struct {
    const char *f[DV_MAX_FIELDS];
    int nf;
    int line;
} dv_rec;

typedef struct {
    const char *path;   /* for diagnostics */
    size_t n, cap;
    dv_rec *recs;
} dv_file;

/* The items of the 三公 table (layout rows name them). */
typedef enum {
    TP_ABROAD = 0, TP_ABROAD_TAG, TP_CAR_BUY, TP_CAR_RUN, TP_RECEPTION, TP_MEETING, TP_MEETING_TAG, TP_TRAINING,
    TP__N
} dv_tp;

/* The three_public sums by fund column (0 gpb, 1 gov_fund, 2 soe) for one tag-splitting. */
typedef struct {
    ys_money v[3];
} dv_funds;

typedef struct {
    const ys_budget *b;
    const ys_catalog *cat;
    ys_disclosure *d;
    ys_diags *diags;
    ys_arena *tmp;          /* owned by ys_derive */
    dv_file layout, text;
    ys_unit unit;           /* the display unit */
    /* totals shared by the tables and the text */
    ys_money income_year, carryover, expense_total;
    ys_money fund_year[YS_FUND__COUNT];           /* this year's income by fund */
    ys_money basic, personnel, public_, project;
    ys_money running_costs;                       /* 机关运行经费 */
    ys_money procurement_total, assets_total;
} dv_ctx;

/* ---- layout.c: template files ---- */
ys_status dv_file_load(dv_ctx *c, dv_file *f, const char *prefix);
/* The first record of type `type` whose field 1 is `key` (NULL key: any); NULL when none. */
const dv_rec *dv_find(const dv_file *f, const char *type, const char *key);
/* Field i of a record, "" when absent. */
const char *dv_field(const dv_rec *r, int i);


/* ---- tables.c ---- */
void dv_tables(dv_ctx *c);
/* The 三公 item amounts of the book by fund column; tag = the layout's tag for *_TAG items. */
dv_funds dv_three_public_item(const dv_ctx *c, dv_tp item, const char *tag);
/* 机关运行经费 parts: economic code → amount (5 digits, code order), n returned; arrays in ctx->tmp. */
size_t dv_running_parts(const dv_ctx *c, const char ***codes, ys_money **amounts);
/* A 5-digit or 3-digit code's name from the catalog ("" when unknown). */
const char *dv_code_name(const dv_ctx *c, ys_classification cls, const char *code);

/* ---- narrative.c ---- */
void dv_narrative(dv_ctx *c);
void dv_comparisons(dv_ctx *c);
void dv_toc(dv_ctx *c);

#endif
