/* diag.c — diagnostics list (see diag.h). */
#include "core/diag.h"
#include "core/arena.h"
#include "core/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void ys_diags_init(ys_diags *d)
{
    d->items = NULL;
    d->count = d->cap = d->errors = 0;
}

void ys_diags_release(ys_diags *d)
{
    for (size_t i = 0; i < d->count; i++) {
        free(d->items[i].file);
        free(d->items[i].where);
        free(d->items[i].message);
    }
    free(d->items);
    ys_diags_init(d);
}

static ys_diag *push(ys_diags *d, ys_diag_level level, const char *file)
{
    if (d->count == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 8;
        d->items = ys_xrealloc(d->items, d->cap * sizeof *d->items);
    }
    ys_diag *g = &d->items[d->count++];
    *g = (ys_diag){.level = level, .file = file ? ys_xstrdup(file) : NULL};
    if (level == YS_DIAG_ERROR) d->errors++;
    return g;
}

void ys_diags_add(ys_diags *d, ys_diag_level level, const char *file, int line, int col, const char *fmt, ...)
{
    ys_diag *g = push(d, level, file);
    g->line = line;
    g->col = col;
    ys_buf b = YS_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    ys_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    g->message = ys_buf_detach(&b);
}

void ys_diags_add_at(ys_diags *d, ys_diag_level level, const char *file, const char *where, const char *fmt, ...)
{
    ys_diag *g = push(d, level, file);
    g->where = where ? ys_xstrdup(where) : NULL;
    ys_buf b = YS_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    ys_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    g->message = ys_buf_detach(&b);
}

const char *ys_diag_location(const ys_diag *g, char *buf, size_t bufsz)
{
    const char *f = g->file ? g->file : "";
    if (g->where) snprintf(buf, bufsz, "%s%s%s", f, *f ? ":" : "", g->where);
    else if (g->page) snprintf(buf, bufsz, "%s:page %d", f, g->page);
    else if (g->line && g->col) snprintf(buf, bufsz, "%s:%d:%d", f, g->line, g->col);
    else if (g->line) snprintf(buf, bufsz, "%s:%d", f, g->line);
    else snprintf(buf, bufsz, "%s", f);
    return buf;
}
