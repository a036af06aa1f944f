/*
 * book.h — the budget book reader (docs/BOOK.md): an XLSX workbook (read with read/xlsx.h) or a
 * directory of TSV files, into a ys_budget (model/budget.h). Every problem is a diagnostic at `sheet!A1`
 * or `file:line`; reading goes on after a problem so one run reports them all.
 *
 * Ownership: on YS_OK *out is a new ys_budget the caller frees (ys_budget_free). When any diagnostic is
 * an error the status is YS_ERR_FORMAT and *out is NULL.
 */
#ifndef YS_BOOK_H
#define YS_BOOK_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "core/status.h"
#include "model/budget.h"

ys_status ys_book_read(const char *path, ys_budget **out, ys_diags *diags);

/*
 * Parse the bytes of one TSV sheet (`sheet` is a sheet name: "meta", "lines", …) into b, exactly as the
 * directory reader does; `file` names it in diagnostics and sources (copied into b's arena). Amounts use
 * b->meta.unit (read the meta sheet first). For the fuzz target and tests. Returns YS_ERR_FORMAT when
 * this sheet gave an error diagnostic, YS_ERR_USAGE for an unknown sheet name, else YS_OK.
 */
ys_status ys_book_parse_tsv(ys_budget *b, const char *sheet, const char *file, const char *bytes, size_t n,
                            ys_diags *diags);

/* ---- the sheets and columns of a book (docs/BOOK.md), shared with the template writer ---------------- */

typedef struct {
    const char *key;              /* English key: "function" */
    const char *zh;               /* Chinese header: "功能科目" (the template writes "功能科目(function)") */
    const char *help;             /* one line for the 说明 sheet, Chinese */
    int width;                    /* column width in the template (characters) */
    bool required;                /* the column must be present in the header */
    const char *const *choices;   /* NULL-terminated drop-down values, or NULL */
} ys_book_column;

typedef struct {
    const char *name;             /* sheet name and TSV file stem: "lines" */
    const char *zh;               /* Chinese name: "预算明细" (also accepted as the sheet name) */
    const char *help;             /* a paragraph for the 说明 sheet, Chinese */
    bool required;                /* meta and lines */
    size_t ncols;
    const ys_book_column *cols;
} ys_book_sheet;

/* The sheets in reading order (meta first). */
size_t ys_book_sheet_count(void);
const ys_book_sheet *ys_book_sheet_at(size_t i);
const ys_book_sheet *ys_book_sheet_find(const char *name);   /* by name or Chinese name; NULL if none */

/* The keys of the meta sheet (rows key/value), with their Chinese labels and drop-down values. */
typedef struct {
    const char *key, *zh, *help;
    const char *const *choices;   /* NULL-terminated, or NULL */
} ys_book_meta_key;
size_t ys_book_meta_key_count(void);
const ys_book_meta_key *ys_book_meta_key_at(size_t i);

/* The item keys of the prior sheet (docs/BOOK.md): NULL-terminated. */
extern const char *const ys_book_prior_keys[];
/* The section keys of the texts sheet: NULL-terminated. */
extern const char *const ys_book_text_sections[];

#endif
