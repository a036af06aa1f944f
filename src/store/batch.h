/*
 * batch.h — batch audit into the warehouse (`yusuan audit --db DB [--jobs N] FILE|DIR...`, docs/STORE.md
 * "Batch audit"). Inputs are walked (directories recursively, names in byte order, hidden entries and
 * symbolic links inside a walked tree skipped, so a walk never loops or leaves its tree); each regular
 * file is read by content (read/pdf.h ys_read_any_file: text, PDF, HTML, XLS/XLSX), audited with every
 * rule, and stored with its findings in ONE transaction (store.h ys_store_put). A file whose content
 * hash is already stored is skipped, so rerunning an interrupted batch finishes it.
 *
 * Parallelism: with jobs > 1 the caller's process forks `jobs` workers; each opens its own connection
 * to the database, reads and audits documents handed to it over a pipe, and stores them while holding
 * an exclusive flock() on a lock file private to the run (puts are serialised: store.c assigns ids as
 * MAX(id) + 1 inside the transaction, and SQLite cannot upgrade a stale read snapshot to a write). The
 * workers send back, per document, its outcome and its messages; the parent prints them IN INPUT ORDER
 * (a bounded window of 4 × jobs documents in flight), so the output does not depend on jobs.
 *
 * Memory: each document's disclosure and findings are freed once it is stored; the parent keeps only the
 * id of every document of the batch (8 bytes each) for the summary and a window of pending messages.
 *
 * Library code does not print: messages go to the caller's callbacks. Workers end with _exit().
 * Ownership: options and inputs are borrowed; the summary is appended to the caller's ys_buf.
 */
#ifndef YS_STORE_BATCH_H
#define YS_STORE_BATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "catalog/catalog.h"
#include "core/buf.h"
#include "core/status.h"
#include "store/store.h"

typedef enum { YS_BATCH_IMPORTED = 0, YS_BATCH_SKIPPED, YS_BATCH_FAILED } ys_batch_outcome;

typedef struct {
    const char *db;              /* store target (ys_store_open) */
    int jobs;                    /* worker processes; 1 = in this process */
    const ys_catalog *cat;       /* borrowed; NULL = code rules report insufficient data */
    /* Messages of one document, in input order: out = lines for stdout ("导入 …", "跳过 …"), err =
     * diagnostics for stderr (may be empty). Called in the caller's process. */
    void (*message)(void *ctx, const char *path, ys_batch_outcome outcome, const char *out, const char *err);
    /* Progress (may be NULL): called after each document; `total` counted by a first walk. */
    void (*progress)(void *ctx, size_t done, size_t total, const char *path);
    void *ctx;
} ys_batch_opts;

typedef struct {
    size_t files, imported, skipped, failed;
    size_t ignored;              /* files met while walking a directory whose name is not a document form
                                  * (ys_batch_document_name): not read, not in `files` */
    size_t errors;               /* unfolded error findings over the batch's documents (from the store) */
    int64_t *ids;                /* owned: the stored documents of the batch (imported or skipped) */
    size_t nids, ids_cap;
} ys_batch_result;

/* Run the batch over inputs (files or directories). YS_OK when the run completed (individual files may
 * have failed: r->failed); an error status when the store cannot be opened or workers cannot start. */
ys_status ys_batch_run(const ys_batch_opts *o, const char *const *inputs, size_t ninputs, ys_batch_result *r,
                       ys_diags *diags);
void ys_batch_result_release(ys_batch_result *r);

/* Whether a file name (or path) has the extension of a form published documents come in: .txt, .pdf,
 * .html, .htm, .shtml, .xls, .xlsx (case-insensitive). A walk reads only such files; files named on the
 * command line are read whatever their name. */
bool ys_batch_document_name(const char *name);

/* The summary of the documents r->ids in store s, in Chinese: per department its documents and findings
 * by severity and rule; for the whole set the finding totals, spending by function class (类, 支出总表
 * 合计), "三公" by department and year, and the departments with the most errors. Sets r->errors. */
ys_status ys_batch_summary(ys_store *s, ys_batch_result *r, ys_buf *out, ys_diags *diags);

/* One document, in this process: hash, skip when stored, read, audit, put (holding lock_fd with flock
 * when >= 0). out/err receive its messages; *id the stored (or already stored) document, 0 on failure. */
ys_batch_outcome ys_batch_one(ys_store *s, const char *path, const ys_catalog *cat, int lock_fd, int64_t *id,
                              ys_buf *out, ys_buf *err);

#endif
