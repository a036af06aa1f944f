/*
 * pdf_rows.h — internal to the PDF reader (pdf_grid.c): the rows of a form zone rebuilt from the vertical
 * layout of its words. A form zone is a table whose rows are mostly text (a project performance-target
 * table, 项目绩效目标表): cells wrapped over two or three lines and centred vertically in their row, label
 * cells spanning several rows (一级指标, 预算规模及资金用途), no money column to find the rows from.
 *
 * Input: the cells of the zone's visual lines (pdf_grid.c's word runs), as fragments. Output: one
 * tab-separated line per table row, in the layout of the published text (a merged cell's text on the
 * first row it spans, as in the text and XLSX forms).
 */
#ifndef YS_READ_PDF_ROWS_H
#define YS_READ_PDF_ROWS_H

#include <stddef.h>

#include "core/arena.h"

typedef struct {
    double x0, x1, y0, y1, h;   /* box on the page (points), font height */
    const char *text;           /* borrowed */
} ys_pdf_frag;

/* Called once per row with its tab-separated text (borrowed for the call). */
typedef void (*ys_pdf_row_fn)(void *arg, const char *row);

/*
 * Rebuild the rows of a form zone from its fragments f[0..n) and hand each to fn, top to bottom.
 * Scratch memory comes from `a` (freed with it). Returns the number of rows written.
 */
size_t ys_pdf_rows_form(ys_arena *a, const ys_pdf_frag *f, size_t n, ys_pdf_row_fn fn, void *arg);

#endif
