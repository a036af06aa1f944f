/*
 * text_internal.h — the stages of the text reader (read/text.c runs them in this order over one
 * ys_tdoc). Each stage reads the lines it recognises, marks them in td->claimed, and fills the
 * disclosure; problems go to diags with file:line. A stage never fails the whole read: the caller
 * decides from what was found whether the input is a disclosure at all.
 *
 *   text_meta.c       ys_text_read_meta       department, code, region, year, kind, scope, unit
 *   text_toc.c        ys_text_read_toc        the table of contents (目录): lines ending in a page number
 *   text_tables.c     ys_text_read_tables     the standard tables, procurement, assets, organisation
 *   text_transpose.c  ys_text_transpose_tables (called by ys_text_read_tables first) sideways tables —
 *                     a 三公 table with its items as columns — rewritten in td->lines as standard rows
 *   text_projects.c   ys_text_read_projects   the project performance-target tables (绩效目标表)
 *   text_narrative.c  ys_text_read_narrative  the 情况说明 sections and the figures they cite
 */
#ifndef YS_TEXT_INTERNAL_H
#define YS_TEXT_INTERNAL_H

#include "core/diag.h"
#include "read/tdoc.h"

void ys_text_read_meta(ys_tdoc *td, ys_diags *diags);
void ys_text_read_toc(ys_tdoc *td, ys_diags *diags);
void ys_text_read_tables(ys_tdoc *td, ys_diags *diags);
/* Replace every sideways table block of td->lines by the standard layout (lines in the doc's arena;
 * td->lines, td->nlines and td->claimed are replaced; new lines keep the line numbers they come from). */
void ys_text_transpose_tables(ys_tdoc *td);
/* 决算 tables printed in blocks side by side (基本支出决算表: 人员经费 | 公用经费, each code | name | 决算数)
 * stacked into one block (text_final.c); same replacement contract as ys_text_transpose_tables. */
void ys_text_fold_side_by_side(ys_tdoc *td);
void ys_text_read_projects(ys_tdoc *td, ys_diags *diags);
void ys_text_read_narrative(ys_tdoc *td, ys_diags *diags);

#endif
