/*
 * portal.h — the portal: HTML pages (and downloads) of the whole warehouse, built from the store
 * (store/store.h). The same function makes every page for `yusuan publish` (static files) and for
 * `yusuan serve` (live), so both show the same bytes.
 *
 * Pages (names are made from store ids and standard table ids only, never from document text):
 *   index.html              departments × years: totals (收支总计, 基本, 项目, "三公"), finding counts, a search
 *                           box (inline JS filters the rows, and applies ?q=… on load; without JS every row shows)
 *   compare.html            departments × totals, per year
 *   dept-<id>.html          one department (departments.id): its documents, and the row-by-row comparison of
 *                           each year with the year before (portal/diff.h)
 *   doc-<id>.html           one document: its tables with the findings marked on their cells (class
 *                           f-error / f-warning / f-info, the messages in the title), the findings list, a chart
 *                           of spending by function class, downloads
 *   doc-<id>-full.html      the document as render/html.c renders it (all charts, print CSS)
 *   doc-<id>.json           the extract JSON (render/json.h)
 *   doc-<id>-<table>.csv    one table as CSV (render/csv.h), <table> a standard table id
 *   doc-<id>.xlsx, .pdf     workbook and PDF (render/render.h), static portal only, for budget books
 * No page refers to an external resource; every string is escaped; output is deterministic.
 *
 * Ownership: a ys_portal borrows the store (keep it open) and owns its listing; ys_portal_free accepts NULL.
 */
#ifndef YS_PORTAL_H
#define YS_PORTAL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/diag.h"
#include "core/status.h"
#include "store/store.h"

typedef struct ys_portal ys_portal;

/* Read the listing of the store (documents, totals, counts, departments). */
ys_status ys_portal_new(ys_store *s, ys_portal **out, ys_diags *diags);
void ys_portal_free(ys_portal *p);

/*
 * The page at `path` (a name above, without a leading slash; "" means index.html) into out, with its MIME
 * type in *type (static string). Returns YS_ERR_USAGE when path is not a page of the portal (the caller
 * answers 404), another error when the store fails. xlsx and pdf are not produced here (files only).
 */
ys_status ys_portal_page(ys_portal *p, const char *path, ys_buf *out, const char **type, ys_diags *diags);

/*
 * The page-name parser behind ys_portal_page (for the fuzz target tests/fuzz/fuzz_portal_path.c and tests):
 * 0 when `path` is no page name; else a page kind > 0 (1 index, 2 compare, 3 dept-<id>.html, 4 doc-<id>.html,
 * 5 -full.html, 6 .json, 7 -<table>.csv, 8 .xlsx, 9 .pdf) with *id the store id (0 for index/compare) and
 * *table the standard table of a CSV (YS_TABLE_NONE otherwise). Nothing is looked up in the store.
 */
int ys_portal_parse_path(const char *path, int64_t *id, ys_table_id *table);

/* Write every page and download into dir (created when missing; must be a directory). */
ys_status ys_portal_publish(ys_portal *p, const char *dir, ys_diags *diags);

/* Number of documents and departments listed. */
size_t ys_portal_documents(const ys_portal *p);
size_t ys_portal_departments(const ys_portal *p);

/*
 * The live server (portal/serve.c, libmicrohttpd): GET (and HEAD) only, paths mapped through
 * ys_portal_page (no file system access), bound to `bind` (an IPv4 or IPv6 address, "::1" or "[::1]";
 * "127.0.0.1" by default when NULL) on `port` (0 = any free port). One thread serves the requests one at
 * a time.
 */
typedef struct ys_portal_server ys_portal_server;
ys_status ys_portal_serve_start(ys_portal *p, const char *bind, unsigned port, ys_portal_server **out,
                                ys_diags *diags);
unsigned ys_portal_serve_port(const ys_portal_server *sv);   /* the port actually bound */
void ys_portal_serve_stop(ys_portal_server *sv);              /* accepts NULL */

#endif
