/*
 * diff.h — two documents of one department compared row by row (`yusuan diff`, the portal's year pages).
 *
 * For every standard table both documents have (or either has), the rows are matched:
 *   1. by code (function / economic classification), a rename between catalog editions recognised when
 *      the older name is an alias of the code (catalog/catalog.h, data/catalog/name-aliases.tsv);
 *   2. rows left over, by name: the same name (ys_text_same), or last year's name an alias of this year's
 *      code — a code that changed between editions;
 *   3. rows without a code (summary lines, 三公 items, assets) by name, the n-th occurrence with the n-th;
 *   4. the rest are rows of one year only.
 * Each matched row compares ONE amount: the table's total column (key `total`; `value` for assets; the
 * first money column otherwise). Two-sided tables (summary, fiscal_summary) give one row per label:
 * 收入 labels with in_amount, 支出 labels with out_amount / out_total. Tables without money (organisation)
 * are skipped.
 *
 * Arithmetic is exact: 增减额 = this − last in 分; 增减率 = 增减额 / last as a percentage with one decimal,
 * rounded half away from zero in integers (ys_diff_rate); "—" on a zero base.
 *
 * Ownership: a ys_diff borrows every string from the two disclosures (keep them alive while it is used);
 * its arrays are its own (ys_diff_release).
 */
#ifndef YS_PORTAL_DIFF_H
#define YS_PORTAL_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog/catalog.h"
#include "core/buf.h"
#include "core/status.h"
#include "model/disclosure.h"

typedef enum {
    YS_DIFF_SAME = 0,    /* same code (or same name) in both years */
    YS_DIFF_RENAMED,     /* same code, last year's name an alias (catalog edition rename) */
    YS_DIFF_RECODED,     /* the code changed; matched by name or alias */
    YS_DIFF_NAMED,       /* same code, a different name that is not a known alias */
    YS_DIFF_ONLY_CUR,    /* only this year */
    YS_DIFF_ONLY_PREV    /* only last year */
} ys_diff_match;

/* "", "更名", "编码变更", "名称不同", "新增", "减少" */
const char *ys_diff_match_zh(ys_diff_match m);
/* "same", "renamed", "recoded", "named", "only_current", "only_previous" */
const char *ys_diff_match_name(ys_diff_match m);

typedef struct {
    ys_diff_match match;
    const char *side;                   /* "收入" / "支出" in two-sided tables, else "" (static) */
    const char *code, *name;            /* this year's row (borrowed; "" when only last year) */
    const char *prev_code, *prev_name;  /* last year's row (borrowed; "" when only this year) */
    bool has_cur, has_prev;
    ys_money cur, prev;                 /* 分; 0 for a year without the row */
} ys_diff_row;

typedef struct {
    ys_table_id id;
    const char *column;       /* the compared column's header (borrowed) */
    ys_unit unit;             /* this year's table unit (else last year's) */
    size_t nrows, cap;
    ys_diff_row *rows;        /* owned */
} ys_diff_table;

typedef struct {
    const char *region, *department;   /* this year's (borrowed) */
    int cur_year, prev_year;
    size_t ntables;
    ys_diff_table tables[YS_TABLE__COUNT];   /* in standard table order; ntables used */
} ys_diff;

/* Compare cur (this year) with prev (last year). cat may be NULL (no alias matching). */
ys_status ys_diff_compute(ys_diff *out, const ys_disclosure *cur, const ys_disclosure *prev, const ys_catalog *cat);
void ys_diff_release(ys_diff *d);

/* The rate (cur − prev) / prev as "12.3%" / "-4.0%" (one decimal, half away from zero); "—" when prev is 0. */
void ys_diff_rate(char *buf, size_t bufsz, ys_money cur, ys_money prev);
/* The rate in tenths of a percent (123 = 12.3%); false when prev is 0. */
bool ys_diff_rate_tenths(ys_money cur, ys_money prev, int64_t *tenths);

/* Output: aligned Chinese text tables, JSON (one object), CSV (one header, a `table` column). */
void ys_diff_text(ys_buf *out, const ys_diff *d);
void ys_diff_json(ys_buf *out, const ys_diff *d);
void ys_diff_csv(ys_buf *out, const ys_diff *d);
/* One HTML <section> per table (escaped), for the portal. */
void ys_diff_html(ys_buf *out, const ys_diff *d);

#endif
