/*
 * layout.h — the printed layout of a disclosure table, shared by the text and HTML renderers (and the
 * data package): which label columns a table prints before its data columns (序号, 科目编码, 科目名称 /
 * 项目 / 单位名称), their header texts, the group headers printed above leaf headers (功能分类科目,
 * 本年收入, 资金性质, 收入 / 支出 …) and the printed text of a cell.
 *
 * The disclosure keeps only the leaf header of each data column (ys_column.header); the label columns
 * and the groups follow the standard template of each table id (data/templates/tables.tsv lists the
 * texts the reader accepts; those used here are among them, so `audit` reads the text output back).
 *
 * Ownership: returned strings are static or borrowed from the table, or written into the caller's
 * buffer; nothing is allocated.
 */
#ifndef YS_RENDER_LAYOUT_H
#define YS_RENDER_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "model/disclosure.h"

typedef struct {
    bool seq, code, name;        /* label columns printed before the data columns */
    const char *seq_header;      /* "序号" */
    const char *code_header;     /* "科目编码" */
    const char *name_header;     /* "科目名称", "项目", "单位名称" */
    const char *stub_group;      /* group over code + name ("功能分类科目"), NULL when none */
} ys_layout_stub;

/* The label columns of table t. */
void ys_layout_stub_of(const ys_table *t, ys_layout_stub *out);

/* The group header printed above data column col of t, NULL when the column has none. */
const char *ys_layout_group(const ys_table *t, size_t col);

/* True when some column of t (or its label columns) has a group: the header takes two lines. */
bool ys_layout_two_lines(const ys_table *t);

/* Size of the buffer ys_layout_cell() needs. */
#define YS_LAYOUT_CELLBUF 64

/*
 * The printed text of cell c in column col of t: "" for an empty cell; money in the table's unit with
 * max(2, printed decimals) decimals, exact (元 when the unit is unknown); a quantity as printed; label
 * and text cells, and text kept in a money column (a value that was not a number), as their text.
 * The result is buf or a string borrowed from the disclosure.
 */
const char *ys_layout_cell(const ys_table *t, size_t col, const ys_cell *c, char *buf, size_t bufsz);

/* A money cell of a project (预算数, schedule) in unit: "" when empty, its text when not money. */
const char *ys_layout_money(const ys_cell *c, ys_unit unit, char *buf, size_t bufsz);

/* The 序号 printed for row i of t: the row's seq, or i + 1 when the row has none but a code. -1 = none
 * (the row's name is printed in the 序号 column: "合计" across 序号, code and name). */
int ys_layout_seq(const ys_table *t, size_t i);

#endif
