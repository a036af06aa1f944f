/*
 * book_template.h — the empty budget book (docs/BOOK.md) that `yusuan template` writes: an XLSX
 * workbook (libxlsxwriter) with a 说明 sheet first, then one sheet per kind of data (read/book.h lists
 * them) with a bold header row "功能科目(function)", column widths, a frozen header row and drop-down
 * lists; or the TSV form, one file per sheet holding its header row (the meta sheet also lists its keys).
 * The reader (read/book.c) accepts both as they are written.
 *
 * Both are deterministic (a fixed creation date in the workbook) and written completely or not at all
 * (a temporary file beside the target, then renamed). Neither overwrites an existing file unless `force`.
 *
 * Ownership: nothing is returned but a status; problems are diagnostics in the caller's list.
 */
#ifndef YS_BOOK_TEMPLATE_H
#define YS_BOOK_TEMPLATE_H

#include <stdbool.h>

#include "core/diag.h"
#include "core/status.h"

/* Write the workbook to path (an .xlsx file). */
ys_status ys_book_template_xlsx(const char *path, bool force, ys_diags *diags);

/* Write meta.tsv, units.tsv, lines.tsv, … into dir (created when absent). */
ys_status ys_book_template_tsv(const char *dir, bool force, ys_diags *diags);

#endif
