/*
 * finding.h — what a check found: rule id, severity, the culprit location, every cell involved, expected
 * and actual amounts, and a message in Chinese that shows the arithmetic.
 *
 * Ownership: a ys_findings list owns its findings and their strings (heap, not the disclosure's arena,
 * so findings can outlive or be merged across documents). Locations borrow `file` from the disclosure
 * they were made from: keep the disclosure alive while the findings are used, or ys_findings_own_files().
 */
#ifndef YS_FINDING_H
#define YS_FINDING_H

#include <stdbool.h>
#include <stddef.h>

#include "core/money.h"
#include "model/disclosure.h"

typedef enum { YS_SEV_INFO = 0, YS_SEV_WARNING, YS_SEV_ERROR } ys_severity;
const char *ys_severity_name(ys_severity s);    /* "info", "warning", "error" */
const char *ys_severity_zh(ys_severity s);      /* "提示", "警告", "错误" */

/* One cell (or row, or place) involved in a finding. */
typedef struct {
    ys_table_id table;     /* a standard id, or YS_TABLE_PROJECT_TARGETS / NARRATIVE / DOCUMENT */
    int row;               /* printed 序号; -1 = none */
    char *code;            /* owned; NULL = none (for a project: the 项目编码) */
    char *column;          /* owned; header text; NULL = none */
    char *name;            /* owned; row or item name, for messages; NULL = none */
    ys_source src;         /* file borrowed; where owned */
} ys_location;

typedef struct {
    const char *rule;      /* static: rule id "R20" */
    ys_severity severity;
    ys_location at;        /* the culprit */
    ys_location *locs;     /* owned: every cell involved (the culprit first) */
    size_t nlocs, locs_cap;
    bool has_expected, has_actual;
    ys_money expected, actual;   /* 分 */
    ys_unit unit;          /* the unit to show expected/actual in */
    int decimals;          /* display decimals (2 for money tables) */
    char *message;         /* owned, Chinese */
    bool folded;           /* set by root-cause folding: this symptom is explained by another finding */
} ys_finding;

typedef struct {
    ys_finding *items;
    size_t count, cap;
} ys_findings;

void ys_findings_init(ys_findings *f);
void ys_findings_release(ys_findings *f);

/* Append a finding; returns it for the caller to add locations and amounts. message is copied. */
ys_finding *ys_findings_add(ys_findings *f, const char *rule, ys_severity sev, ys_location at,
                            const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
/* Add a location to a finding (copied). The culprit `at` is added automatically as locs[0]. */
void ys_finding_add_loc(ys_finding *fd, ys_location loc);
void ys_finding_set_amounts(ys_finding *fd, bool has_expected, ys_money expected, bool has_actual,
                            ys_money actual, ys_unit unit, int decimals);

/* Convenience constructors for locations (strings are borrowed until passed to ys_findings_add /
 * ys_finding_add_loc, which copy them). */
ys_location ys_loc_cell(const ys_table *t, const ys_row *r, int col);   /* col -1 = whole row */
ys_location ys_loc_table(ys_table_id id, ys_source src);

/* Highest severity among unfolded findings; -1 when none. */
int ys_findings_max_severity(const ys_findings *f);
/* Sort by source position (file, line), then rule id; stable. */
void ys_findings_sort(ys_findings *f);

#endif
