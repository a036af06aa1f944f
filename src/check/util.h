/*
 * util.h — small helpers shared by the rule files (the files under check/): amounts formatted in a table's unit for
 * messages, rows found by label aliases (two-sided and named tables), code-hierarchy children and sums,
 * cross-table comparison with the rounding envelope (R51), and reporting a cell against its expected
 * amount. Nothing here decides a rule; it only saves each rule file from repeating the same loops.
 *
 * Ownership: everything returned points into the disclosure (borrowed) or into the caller's ys_buf.
 * Functions named ys_ck_* never allocate in the disclosure's arena.
 */
#ifndef YS_CHECK_UTIL_H
#define YS_CHECK_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "check/check.h"
#include "core/buf.h"
#include "model/disclosure.h"

/* Display decimals of a table's amounts in messages: 2, or more when a cell printed more. */
int ys_ck_decimals(const ys_table *t);
/* Append v formatted exactly in t's unit (at least ys_ck_decimals(t) decimals). */
void ys_ck_amt(ys_buf *b, const ys_table *t, ys_money v);
/* Append a row's title for messages: "2080102 一般行政管理事务", or its label / name, or "第N行". */
void ys_ck_row_title(ys_buf *b, const ys_table *t, const ys_row *r);

/* The label of a row: the text of its label column `key` (two-sided tables) or, key NULL, its name. */
const char *ys_ck_label(const ys_table *t, const ys_row *r, const char *key);
/* s without a leading Chinese ordinal ("八、", "(一)", "1.") and "其中:" — a pointer into s. */
const char *ys_ck_strip_ordinal(const char *s);
/* True when s starts with a Chinese ordinal "一、"… (not "其中"). */
bool ys_ck_has_ordinal(const char *s);
/* Label equal (after ordinal stripping and normalisation) to one of the NULL-terminated aliases. */
bool ys_ck_name_is(const char *label, const char *const *aliases);
/* Two names agree: equal keys, or one a prefix of the other (a name truncated by wrapping). */
bool ys_ck_names_agree(const char *a, const char *b);
/* First row at index >= from whose label (column key, or name when key NULL) matches; NULL if none.
 * *index (may be NULL) gets its index. */
const ys_row *ys_ck_find_label(const ys_table *t, const char *key, const char *const *aliases, size_t from,
                               size_t *index);
/* The codeless total row (合计/总计) of a coded table, NULL when absent. */
const ys_row *ys_ck_total_row(const ys_table *t);

/* Cell money by key (0 when the column is absent or the cell empty). */
ys_money ys_ck_money(const ys_table *t, const ys_row *r, const char *key);
/* A cell usable in arithmetic: empty (zero) or money. A text cell in an amount column is not. */
bool ys_ck_cell_ok(const ys_cell *c);
/* The table has at least one non-zero money cell. */
bool ys_ck_table_has_amounts(const ys_table *t);

/* Rows that are the direct children of `parent` in the code hierarchy (parent NULL or codeless: the
 * 类 rows). Fills idx (capacity t->nrows) with row indices; returns the count. */
size_t ys_ck_children(const ys_table *t, const ys_row *parent, size_t *idx);
/* `code` lies strictly below `ancestor` (prefix, longer); an empty ancestor is above every code. */
bool ys_ck_code_below(const char *code, const char *ancestor);

typedef enum { YS_CK_EQUAL = 0, YS_CK_ROUNDING, YS_CK_DIFFER } ys_ck_cmp;
/* Compare amount x of table a with y of table b: exact when both tables have the same unit, within the
 * rounding envelope of `addends` cells of the coarser unit otherwise (R51). */
ys_ck_cmp ys_ck_compare(const ys_table *a, const ys_table *b, ys_money x, ys_money y, int addends);
/* Both tables' units are known, or equal (then the comparison is exact): false = insufficient data. */
bool ys_ck_units_comparable(const ys_table *a, const ys_table *b);

/* Report at cell (t, r, col) with expected/actual in t's unit; returns the finding for more locations. */
ys_finding *ys_ck_report_cell(ys_check_ctx *ctx, ys_severity sev, const ys_table *t, const ys_row *r, int col,
                              ys_money expected, ys_money actual, const char *message);
/* Location of the cell of row r in the column with `key` (whole row when the column is absent). */
ys_location ys_ck_loc(const ys_table *t, const ys_row *r, const char *key);
/* Same, naming the row by its label column (two-sided tables) when it has no name. */
ys_location ys_ck_loc_label(const ys_table *t, const ys_row *r, int col, const char *label_key);
/* Append the row title, using label_key (two-sided tables) when the row has no code or name. */
void ys_ck_title(ys_buf *b, const ys_table *t, const ys_row *r, const char *label_key);

/*
 * A subtotal against its items, per amount column (R4, R5, R14–R17, R20, R21): one finding per distinct
 * difference, at the parent's first breaking column, naming every column that breaks by the same amount,
 * listing the items (locations after the culprit: the items, then the parent's other columns).
 * Expected = Σ items, actual = the printed parent. Columns with a cell that is not an amount are skipped.
 * Returns the number of findings.
 */
typedef struct {
    const char *sigma;       /* how the sum is named in the message: "Σ项", "Σ款", "各来源之和" */
    const char *amount_key;  /* only this column (NULL = every money column) */
    const char *label_key;   /* two-sided tables: the label column naming the rows */
    bool at_most;            /* "≤": report only a sum above the parent (R16) */
} ys_ck_sum_opts;
size_t ys_ck_check_sum(ys_check_ctx *ctx, const ys_table *t, const ys_row *parent, const ys_row *const *items,
                       size_t nitems, const ys_ck_sum_opts *opts);

#endif
