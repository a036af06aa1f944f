/*
 * lines.h — reading a document that another reader has turned into tab-separated lines (one visual row a
 * line, one cell a tab: the shape of published text), with the true location of each line: the readers
 * of web pages and spreadsheets rebuild grids, write them as lines, and let the text reader's stages
 * (read/text_internal.h) recognise the tables, projects and narrative. Afterwards every source in the
 * disclosure and every diagnostic of the stages is moved from the synthetic line number to the line's
 * true location (a page, `sheet!A7`, a line of the original file).
 *
 * Ownership: as read.h. `map` (n entries, map[i] for line i + 1) is borrowed; its `where` strings are
 * copied into the disclosure.
 */
#ifndef YS_READ_LINES_H
#define YS_READ_LINES_H

#include <stddef.h>

#include "core/diag.h"
#include "core/status.h"
#include "model/disclosure.h"

typedef struct {
    int line;            /* line of the original file, 0 = none. Reports print d->lines[line - 1] as the
                            evidence, and d->lines are the synthetic lines: leave 0 unless they coincide */
    int page;            /* page, 0 = none */
    const char *where;   /* "Sheet1!A7", NULL = none */
} ys_line_origin;

ys_status ys_read_lines(const char *name, const char *text, size_t n, const ys_line_origin *map, size_t nmap,
                        ys_disclosure **out, ys_diags *diags);

#endif
