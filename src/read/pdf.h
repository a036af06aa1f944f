/*
 * pdf.h — the PDF reader: a published disclosure in PDF, read through `pdftotext -tsv` (poppler-utils,
 * run as a subprocess, never linked) and turned into the tab-separated lines the text reader
 * (read/read.h) understands, so every stage of the text reader (meta, toc, tables, projects, narrative)
 * serves PDF too.
 *
 * The TSV → lines step (ys_pdf_tsv_to_lines) rebuilds, per page, the visual lines (words whose vertical
 * extents overlap), the cells of a line (runs of words separated by gaps wider than a function of the
 * font height), and for each table zone its column bands (from the data rows: right-aligned numbers,
 * left-aligned names; plus the header words of empty columns at the leaf level of the header — a group
 * header, with header cells below it on both sides of its centre, makes no column; a text column whose
 * only header is centred right of its names takes that header; split 类 | 款 | 项 code columns merged
 * into one code column). Every line of a zone is written with one cell per band, so a printed position
 * means the same column on every line and every page (a continuation page without headers inherits the
 * bands of the page before). Wrapped cells (a second text line without its own number) and numbers split
 * off their row are joined to their row; wrapped header cells are joined. Page numbers are dropped;
 * narrative lines are rejoined into paragraphs (a line that ends before the right margin ends one).
 * A form (a project performance-target table) has its rows rebuilt from the vertical layout instead
 * (pdf_rows.h): wrapped cells centred on their row, a cell spanning rows given to the first of them.
 * Repeated titles and headers are left to the text reader, which drops them.
 *
 * Sources: every ys_source of a disclosure read from a PDF has line = 0 and page = the PDF page, and the
 * diagnostics of the text stages are moved from synthetic line numbers to `file:page N`.
 *
 * Ownership: as read.h — on YS_OK *out is a new disclosure the caller frees with ys_disclosure_free();
 * on failure *out is NULL and diags say why (exit status 2 in the CLI).
 */
#ifndef YS_READ_PDF_H
#define YS_READ_PDF_H

#include <stddef.h>

#include "core/buf.h"
#include "core/diag.h"
#include "core/status.h"
#include "model/disclosure.h"

/* Bounds of the pdftotext subprocess. */
#define YS_PDF_TIMEOUT_MS 20000              /* the child is killed after this */
#define YS_PDF_OUTPUT_CAP (64u * 1024 * 1024) /* bytes of TSV accepted */

/* Read a PDF file: runs `pdftotext -tsv -enc UTF-8 FILE -`. Errors (all YS_ERR_* with a diagnostic):
 * pdftotext missing (names poppler-utils), its failure (encrypted, malformed: its message), timeout,
 * no words at all ("PDF 中没有可提取的文字（可能是扫描件）"), not a disclosure. */
ys_status ys_read_pdf_file(const char *path, ys_disclosure **out, ys_diags *diags);

/* Read the bytes of a `pdftotext -tsv` output as the document `name` (no subprocess; tests, fuzzing). */
ys_status ys_read_pdf_tsv(const char *name, const char *tsv, size_t n, ys_disclosure **out, ys_diags *diags);

/*
 * The TSV → lines step alone: appends to `text` one line per visual row ('\n'-terminated, cells separated
 * by '\t'), and returns in *pages (malloc'd, caller frees; NULL when no line) the PDF page of each line,
 * *nlines entries. *nwords is the number of words (level-5 rows) read. Never fails on bad input: rows
 * that cannot be parsed are skipped. Returns YS_ERR_NOMEM only.
 */
ys_status ys_pdf_tsv_to_lines(const char *tsv, size_t n, ys_buf *text, int **pages, size_t *nlines,
                              size_t *nwords);

/* Any published document by content: %PDF magic → ys_read_pdf_file, otherwise ys_read_text_file. */
ys_status ys_read_any_file(const char *path, ys_disclosure **out, ys_diags *diags);

#endif
