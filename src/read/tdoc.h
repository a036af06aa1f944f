/*
 * tdoc.h — the front end of the text reader: a published document as lines of tab-separated cells,
 * decoded and normalised once. Text extracted from a PDF (pdftotext, or the tab-separated text of the
 * sample) keeps one table row per line and one cell per tab.
 *
 * Ownership: a ys_tdoc lives in the disclosure's arena (it is built for one ys_disclosure and its
 * strings are shared with it); nothing to free separately.
 */
#ifndef YS_TDOC_H
#define YS_TDOC_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "core/status.h"
#include "model/disclosure.h"

typedef struct {
    const char *raw;    /* original text of the cell (without the tab) */
    const char *norm;   /* normalised (core/text.h) */
} ys_tcell;

typedef struct {
    int lineno;         /* 1-based line in the file */
    const char *raw;    /* the original line */
    const char *norm;   /* the normalised line: normalised cells joined by tabs */
    const char *key;    /* comparison key of the whole line (no spaces, unified brackets, no tabs) */
    size_t ncells;      /* cells as split by tabs, trailing empty cells included */
    ys_tcell *cells;
    size_t nfilled;     /* number of non-empty cells */
    bool blank;         /* no non-empty cell */
} ys_tline;

typedef struct {
    ys_disclosure *doc;     /* borrowed: the disclosure being read */
    const char *file;       /* borrowed from doc */
    size_t nlines;
    ys_tline *lines;        /* lines[i].lineno == i + 1 */
    const char *encoding;   /* "UTF-8" or "GB18030" */
    unsigned char *claimed; /* one flag per line: a reader stage consumed it (for leftovers checks) */
} ys_tdoc;

/*
 * Decode bytes (UTF-8 or GB18030), split into lines and cells, normalise. Lines are also stored in
 * doc->lines (raw) for evidence. Returns YS_ERR_ENCODING (with a diagnostic at the offending line) when
 * the bytes are neither UTF-8 nor GB18030, YS_ERR_FORMAT for an empty or binary input.
 */
ys_status ys_tdoc_load(ys_tdoc *td, ys_disclosure *doc, const char *bytes, size_t n, ys_diags *diags);

/* The i-th cell's normalised text, "" when out of range. */
const char *ys_tline_cell(const ys_tline *l, size_t i);
/* Index of the first / last non-empty cell, -1 when blank. */
int ys_tline_first(const ys_tline *l);
int ys_tline_last(const ys_tline *l);

/* Source of a line for the model. */
ys_source ys_tdoc_source(const ys_tdoc *td, size_t index);

#endif
