/*
 * read.h — readers of published documents: one entry point per input format, each producing a
 * ys_disclosure. A reader knows nothing of rules.
 *
 * Ownership: on YS_OK *out is a new disclosure the caller frees with ys_disclosure_free(). On failure
 * *out is NULL and diags hold the reasons (with file:line). Diagnostics of a successful read are
 * warnings/notes about parts that could not be understood.
 */
#ifndef YS_READ_H
#define YS_READ_H

#include <stddef.h>

#include "core/diag.h"
#include "core/status.h"
#include "model/disclosure.h"

/* Text of a published disclosure (tab-separated cells, as extracted from its PDF), UTF-8 or GBK. */
ys_status ys_read_text_file(const char *path, ys_disclosure **out, ys_diags *diags);
ys_status ys_read_text_mem(const char *name, const char *bytes, size_t n, ys_disclosure **out, ys_diags *diags);

/* Whole file into memory (malloc'd, NUL-terminated; caller frees). Diagnostic on failure. */
ys_status ys_read_file(const char *path, char **bytes, size_t *n, ys_diags *diags);

#endif
