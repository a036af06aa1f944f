/*
 * render.h — the renderers of a disclosure, one writer per output format. A renderer reads only the
 * ys_disclosure (model/disclosure.h): never the budget book, never the source document. Renderers are
 * deterministic: the same disclosure gives the same bytes (fixed creation dates, no time stamps).
 *
 * Files are written completely or not at all: to a temporary file in the target directory, then
 * renamed (ys_render_write_file). Text outputs are built in a ys_buf first.
 *
 *   render/text.c         ys_render_text         plain text in the tab-separated layout of published text;
 *                                                `yusuan audit` reads it back (round trip)
 *   render/html.c         ys_render_html         one self-contained HTML page with inline SVG charts
 *   render/pdf.c          ys_render_pdf          PDF (cairo + pango, Noto CJK SC), A4 landscape tables
 *   render/workbook.c     ys_render_xlsx         XLSX (libxlsxwriter), one sheet per table
 *   render/datapackage.c  ys_render_datapackage  Fiscal Data Package: datapackage.json + CSV files
 *   render/json.c, csv.c                         the extract contract (docs/CONTRACTS.md)
 */
#ifndef YS_RENDER_H
#define YS_RENDER_H

#include "core/buf.h"
#include "core/diag.h"
#include "core/status.h"
#include "model/disclosure.h"

ys_status ys_render_text(const ys_disclosure *d, ys_buf *out);
ys_status ys_render_html(const ys_disclosure *d, ys_buf *out);
ys_status ys_render_pdf(const ys_disclosure *d, const char *path, ys_diags *diags);
ys_status ys_render_xlsx(const ys_disclosure *d, const char *path, ys_diags *diags);
/* Writes datapackage.json and one CSV per table into dir (which must exist). */
ys_status ys_render_datapackage(const ys_disclosure *d, const char *dir, ys_diags *diags);

/* Write bytes to path atomically (temporary file beside it, then rename). */
ys_status ys_render_write_file(const char *path, const void *bytes, size_t n, ys_diags *diags);

#endif
