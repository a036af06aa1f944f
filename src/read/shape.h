/*
 * shape.h — the shapes of pasted text, turned into the tab form the text reader understands (one table
 * row a line, one cell a tab). People paste a published document in several shapes:
 *
 *   YS_SHAPE_TABS    cells separated by tabs (text extracted from a PDF, the sample): kept as it is;
 *   YS_SHAPE_BARS    `|`-separated cells ("| 1 | 208 | 社会保障和就业支出 | 33840.55 |"), with or without
 *                    the outer bars; a separator line "|---|---|" is dropped;
 *   YS_SHAPE_SPACES  space-aligned columns (pdftotext -layout, a console): cells split on runs of two or
 *                    more spaces (a single space belongs to the cell: "一般公共预算 拨款收入"); a line
 *                    with fewer cells than its block is placed column by column from the display
 *                    positions of the block's full lines, and a line that cannot be placed without
 *                    doubt is dropped with a warning;
 *   YS_SHAPE_CELLS   one cell per line (a PDF copy-paste): a table is a run of short lines. A table is
 *                    found by its title and its header texts (data/templates/tables.tsv); the header
 *                    gives the number of columns, the 序号 sequence the rows. Empty cells leave no trace
 *                    in this shape, so a row is rebuilt only when that is certain: every cell present, or
 *                    an empty line standing for each empty cell, or only the code / name missing and the
 *                    amounts exactly filling the amount columns. Any other row is dropped with a warning
 *                    (file:line): an amount is never put in a column it may not belong to.
 *
 * The shape is detected once per document from the lines themselves (most lines with tabs → tabs, most
 * table-like lines with `|` → bars, lines with runs of spaces → spaces, no table-like line at all →
 * cells). Conversion is line for line: out[i] is the tab form of line i (a row rebuilt from several
 * lines is put on its first line, the others become empty), so line numbers and the original lines
 * (kept by tdoc for evidence) stay true.
 *
 * Ownership: every string written to out[] lives in the arena passed in.
 */
#ifndef YS_SHAPE_H
#define YS_SHAPE_H

#include <stddef.h>

#include "core/arena.h"
#include "core/diag.h"

typedef enum { YS_SHAPE_TABS, YS_SHAPE_BARS, YS_SHAPE_SPACES, YS_SHAPE_CELLS } ys_shape;

/* "tabs", "bars", "spaces", "cells". */
const char *ys_shape_name(ys_shape s);

/* The shape of a document from its decoded lines (without line ends). */
ys_shape ys_shape_detect(const char *const *lines, size_t n);

/*
 * Convert lines[0..n) of a document of the given shape into tab form: out[i] (n entries, written by the
 * call) is lines[i] itself when nothing changes, else a string in a. Warnings about rows that cannot be
 * rebuilt go to diags (may be NULL) at file:line. The one-cell shape needs the table template
 * (read/template.h); without it the lines are left as they are.
 */
void ys_shape_convert(ys_arena *a, ys_shape shape, const char *file, const char *const *lines, size_t n,
                      const char **out, ys_diags *diags);

/* One line of the bar shape in tab form (in a); NULL for a separator line ("|---|:--|"). */
const char *ys_shape_bars_line(ys_arena *a, const char *line);

#endif
