/*
 * csv.h — one table of a disclosure as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted
 * when they hold a comma, a quote, CR or LF; UTF-8 without BOM).
 *
 * Header line: 序号, then 科目编码, 科目名称 (编码, 名称 for tables that are not classified by 科目), then
 * the table's column headers; a two-sided table (one with YS_COL_LABEL columns: summary,
 * fiscal_summary) has no code/name columns, its label columns carry the label headers. Values are those
 * of the extract JSON (json.h ys_json_cell_value): money "124.40", quantities as printed, empty for null.
 *
 * Formula injection: a text field (names, labels, text cells, header texts) that begins with = + - @,
 * TAB or CR is prefixed with a single quote so spreadsheets do not evaluate it. Numbers stay numbers:
 * a negative amount "-1.00" is written as is.
 *
 * Ownership: output is appended to the caller's ys_buf.
 */
#ifndef YS_RENDER_CSV_H
#define YS_RENDER_CSV_H

#include <stdbool.h>

#include "core/buf.h"
#include "model/disclosure.h"

/* Append table t as CSV (header line, then one line per row) to out. */
void ys_csv_table(ys_buf *out, const ys_table *t);

/* Append one field; text fields are neutralised against formula injection, numbers are not. */
void ys_csv_field(ys_buf *out, const char *s, bool is_text);

#endif
