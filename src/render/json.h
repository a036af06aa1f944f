/*
 * json.h — a disclosure as the extract JSON (docs/CONTRACTS.md, docs/schema/extract.schema.json).
 *
 * The whole document is one object {meta, toc, tables, projects, sections}; one table alone has the
 * shape of an element of `tables`. Money is never a JSON number: it is a decimal string in the table's
 * unit with max(2, printed decimals) decimals ("124.40"), so nothing printed is lost and jansson never
 * prints a float. An empty cell is null (never "0.00"). Text is the normalised text of the reader;
 * jansson escapes it (untrusted input cannot break the JSON).
 *
 * A renderer reads only the disclosure. Ownership: returned json_t values are new references the caller
 * json_decref()s; returned strings are malloc'd and the caller free()s them.
 */
#ifndef YS_RENDER_JSON_H
#define YS_RENDER_JSON_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "model/disclosure.h"

/* Size of the buffer ys_json_cell_value() needs. */
#define YS_JSON_VALUEBUF 64

/*
 * The extract value of cell c in column `col` of table t, shared by the JSON and CSV writers:
 *   NULL          an empty cell (null in JSON, nothing in CSV), and anything that is not a value of its
 *                 column's kind (text in a money column);
 *   money         ys_money_format(c->money, t->unit, max(2, c->decimals)) written into buf;
 *   quantity      the printed quantity ("13509");
 *   label / text  the cell's text, only in YS_COL_LABEL and YS_COL_TEXT columns.
 * *is_text (may be NULL) says whether the value is text (true) or a number written as a string.
 * buf must hold YS_JSON_VALUEBUF bytes; the result is buf or a string borrowed from the disclosure.
 */
const char *ys_json_cell_value(const ys_table *t, size_t col, const ys_cell *c, char *buf, size_t bufsz,
                               bool *is_text);

/* A money cell of a project (预算数, schedule points) in unit: the decimal string, or NULL when empty. */
const char *ys_json_money_value(const ys_cell *c, ys_unit unit, char *buf, size_t bufsz);

/* The JSON object of one table: {id, title, unit, note, columns, rows}. */
json_t *ys_json_table(const ys_table *t);

/* The JSON object of the whole disclosure: {meta, toc, tables, projects, sections}. */
json_t *ys_json_disclosure(const ys_disclosure *d);

/*
 * The text to print: the whole document (only == YS_TABLE_NONE) or the table `only` alone, indented by
 * two spaces, keys in a fixed order, ending in "\n". NULL when `only` is not in the document.
 * Caller frees.
 */
char *ys_json_render(const ys_disclosure *d, ys_table_id only);

#endif
