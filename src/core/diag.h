/*
 * diag.h — diagnostics as data. Readers append problems of their input here with a location; nothing in
 * library code prints or exits. The CLI prints them as `file:line:col: error: message` (or `sheet!A1`,
 * `page N`) and decides the exit status.
 *
 * Ownership: a ys_diags owns its entries and their strings (heap); ys_diags_release() frees them.
 */
#ifndef YS_DIAG_H
#define YS_DIAG_H

#include <stddef.h>

typedef enum { YS_DIAG_ERROR, YS_DIAG_WARNING, YS_DIAG_NOTE } ys_diag_level;

typedef struct {
    ys_diag_level level;
    char *file;      /* owned; may be NULL */
    int line, col;   /* 1-based; 0 = unknown */
    int page;        /* 1-based PDF page; 0 = none */
    char *where;     /* owned; another location form ("Sheet1!B7"); NULL = use file:line */
    char *message;   /* owned; Chinese for users */
} ys_diag;

typedef struct {
    ys_diag *items;
    size_t count, cap;
    size_t errors;   /* count of YS_DIAG_ERROR entries */
} ys_diags;

void ys_diags_init(ys_diags *d);
void ys_diags_release(ys_diags *d);
void ys_diags_add(ys_diags *d, ys_diag_level level, const char *file, int line, int col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
/* Same with a free-form location ("Sheet1!B7", "page 3"). */
void ys_diags_add_at(ys_diags *d, ys_diag_level level, const char *file, const char *where, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* "file:line:col" / "file:page N" / "file" / where, into buf. */
const char *ys_diag_location(const ys_diag *dg, char *buf, size_t bufsz);

#endif
