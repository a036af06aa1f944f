/*
 * check.h — the rule engine: a registry of rules ({id, severity, family, title, basis, fn}), each run
 * over one ys_disclosure, appending findings. A rule knows nothing of file formats.
 *
 * Families live one per file (check/<family>.c) and each exports a NULL-terminated array
 * `ys_rules_<family>[]`; check/rules.c lists the families. Adding a rule: write its function in the
 * family file, add a row to that family's array, document it in docs/RULES.md, test it in
 * tests/unit/test_check_<family>.c.
 *
 * After all rules ran, ys_check_run() folds symptoms into their root cause (check/fold.c, DESIGN.md
 * "Root cause, concretely"): folded findings keep `folded = true` and are not reported.
 *
 * Ownership: findings are appended to the caller's ys_findings; the disclosure and catalog are borrowed.
 */
#ifndef YS_CHECK_H
#define YS_CHECK_H

#include <stdbool.h>

#include "catalog/catalog.h"
#include "model/disclosure.h"
#include "model/finding.h"

struct ys_budget;

typedef struct ys_check_ctx {
    const ys_disclosure *doc;        /* borrowed; NULL while book rules run */
    const struct ys_budget *budget;  /* borrowed; set only for the family "book" (ys_check_book) */
    const ys_catalog *catalog;       /* borrowed; may be NULL (then code/name rules say insufficient data) */
    ys_findings *out;                /* borrowed */
    const struct ys_rule *rule;      /* the rule being run */
    unsigned char *insufficient;     /* owned by ys_check_run: per rule, "insufficient data" already said */
    size_t rule_index;
    /* Results computed once per document and shared by several rules (NULL when a caller builds its own
     * context: the rules then compute them each time). Owned by ys_check_run. */
    ys_arena *memo;                  /* where the shared results live */
    void *pt_problems;               /* check/projects.c: PT-02…04's class of every indicator */
} ys_check_ctx;

typedef void (*ys_rule_fn)(ys_check_ctx *ctx);

typedef struct ys_rule {
    const char *id;          /* stable id: "R20", "REQ-01" */
    ys_severity severity;    /* the severity of a failure of the rule itself */
    const char *family;      /* "table", "hierarchy", "cross", "projects", "assets", "text", "completeness", "document" */
    const char *title;       /* Chinese, short */
    const char *basis;       /* where it comes from: 审核公式, 财预〔2016〕143号 … */
    ys_rule_fn fn;
} ys_rule;

/* Every registered rule, in registry order. */
size_t ys_rules_count(void);
const ys_rule *ys_rules_at(size_t i);
const ys_rule *ys_rules_find(const char *id);

/* Run every rule (or only those whose id is in `only`, a NULL-terminated list; NULL = all), then fold. */
void ys_check_run(const ys_disclosure *doc, const ys_catalog *catalog, const char *const *only, ys_findings *out);

/* For rule functions: a finding of the current rule at its own severity. */
ys_finding *ys_check_report(ys_check_ctx *ctx, ys_location at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* … at another severity (e.g. info inside the rounding envelope). */
ys_finding *ys_check_report_sev(ys_check_ctx *ctx, ys_severity sev, ys_location at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/* "Insufficient data" (info), said at most once per rule and document (R57, fail closed). */
void ys_check_insufficient(ys_check_ctx *ctx, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Run the family "book" (check/book.c: the inputs of the compile path — units, codes, projects,
 * schedules of a budget book). ys_check_run skips that family. */
void ys_check_book(const struct ys_budget *budget, const ys_catalog *catalog, ys_findings *out);

/* Root-cause folding over the findings of one document (check/fold.c). */
void ys_check_fold(const ys_disclosure *doc, ys_findings *f, size_t first);

/* Family arrays (NULL-terminated by a row with id == NULL). */
extern const ys_rule ys_rules_table[];
extern const ys_rule ys_rules_hierarchy[];
extern const ys_rule ys_rules_cross[];
extern const ys_rule ys_rules_projects[];
extern const ys_rule ys_rules_assets[];
extern const ys_rule ys_rules_text[];
extern const ys_rule ys_rules_completeness[];
extern const ys_rule ys_rules_document[];
extern const ys_rule ys_rules_final[];       /* 决算 only (check/final.c, docs/FINAL.md) */
extern const ys_rule ys_rules_book[];

#endif
