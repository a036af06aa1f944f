/* finding.c — findings list (see finding.h). */
#include "model/finding.h"
#include "core/arena.h"
#include "core/buf.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const char *ys_severity_name(ys_severity s)
{
    return s == YS_SEV_ERROR ? "error" : s == YS_SEV_WARNING ? "warning" : "info";
}

const char *ys_severity_zh(ys_severity s)
{
    return s == YS_SEV_ERROR ? "错误" : s == YS_SEV_WARNING ? "警告" : "提示";
}

void ys_findings_init(ys_findings *f)
{
    f->items = NULL;
    f->count = f->cap = 0;
}

static void loc_release(ys_location *l)
{
    free(l->code);
    free(l->column);
    free(l->name);
}

static ys_location loc_copy(ys_location l)
{
    ys_location c = l;
    c.code = l.code ? ys_xstrdup(l.code) : NULL;
    c.column = l.column ? ys_xstrdup(l.column) : NULL;
    c.name = l.name ? ys_xstrdup(l.name) : NULL;
    return c;
}

void ys_findings_release(ys_findings *f)
{
    for (size_t i = 0; i < f->count; i++) {
        ys_finding *fd = &f->items[i];
        loc_release(&fd->at);
        for (size_t k = 0; k < fd->nlocs; k++) loc_release(&fd->locs[k]);
        free(fd->locs);
        free(fd->message);
    }
    free(f->items);
    ys_findings_init(f);
}

void ys_finding_add_loc(ys_finding *fd, ys_location loc)
{
    if (fd->nlocs == fd->locs_cap) {
        fd->locs_cap = fd->locs_cap ? fd->locs_cap * 2 : 4;
        fd->locs = ys_xrealloc(fd->locs, fd->locs_cap * sizeof *fd->locs);
    }
    fd->locs[fd->nlocs++] = loc_copy(loc);
}

ys_finding *ys_findings_add(ys_findings *f, const char *rule, ys_severity sev, ys_location at,
                            const char *fmt, ...)
{
    if (f->count == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 16;
        f->items = ys_xrealloc(f->items, f->cap * sizeof *f->items);
    }
    ys_finding *fd = &f->items[f->count++];
    memset(fd, 0, sizeof *fd);
    fd->rule = rule;
    fd->severity = sev;
    fd->at = loc_copy(at);
    fd->decimals = 2;
    ys_buf b = YS_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    ys_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    fd->message = ys_buf_detach(&b);
    ys_finding_add_loc(fd, at);
    return fd;
}

void ys_finding_set_amounts(ys_finding *fd, bool has_expected, ys_money expected, bool has_actual,
                            ys_money actual, ys_unit unit, int decimals)
{
    fd->has_expected = has_expected;
    fd->expected = expected;
    fd->has_actual = has_actual;
    fd->actual = actual;
    fd->unit = unit;
    fd->decimals = decimals;
}

ys_location ys_loc_cell(const ys_table *t, const ys_row *r, int col)
{
    ys_location l = {0};
    l.table = t ? t->id : YS_TABLE_DOCUMENT;
    l.row = r ? r->seq : -1;
    l.code = (r && r->code && *r->code) ? (char *)r->code : NULL;
    l.name = (r && r->name && *r->name) ? (char *)r->name : NULL;
    l.column = (t && col >= 0 && (size_t)col < t->ncols) ? (char *)t->cols[col].header : NULL;
    if (r && col >= 0 && t && (size_t)col < t->ncols && r->cells[col].src.line) l.src = r->cells[col].src;
    else if (r) l.src = r->src;
    else if (t) l.src = t->src;
    return l;
}

ys_location ys_loc_table(ys_table_id id, ys_source src)
{
    ys_location l = {0};
    l.table = id;
    l.row = -1;
    l.src = src;
    return l;
}

int ys_findings_max_severity(const ys_findings *f)
{
    int m = -1;
    for (size_t i = 0; i < f->count; i++)
        if (!f->items[i].folded && (int)f->items[i].severity > m) m = (int)f->items[i].severity;
    return m;
}

static int cmp_findings(const void *a, const void *b)
{
    const ys_finding *x = a, *y = b;
    int fx = x->at.src.file ? 0 : 1, fy = y->at.src.file ? 0 : 1;
    if (fx != fy) return fx - fy;
    if (x->at.src.file && y->at.src.file) {
        int c = strcmp(x->at.src.file, y->at.src.file);
        if (c) return c;
    }
    int lx = x->at.src.line ? x->at.src.line : x->at.src.page;
    int ly = y->at.src.line ? y->at.src.line : y->at.src.page;
    if (lx != ly) return lx < ly ? -1 : 1;
    return strcmp(x->rule, y->rule);
}

void ys_findings_sort(ys_findings *f)
{
    /* stable: insertion sort on an index would do, but counts are small; use a merge via qsort on a
     * copy with the original index as a tiebreak */
    size_t n = f->count;
    if (n < 2) return;
    struct keyed { ys_finding f; size_t i; } *k = ys_xmalloc(n * sizeof *k);
    for (size_t i = 0; i < n; i++) k[i].f = f->items[i], k[i].i = i;
    /* simple stable insertion sort: findings per document are few hundred at most */
    for (size_t i = 1; i < n; i++) {
        struct keyed v = k[i];
        size_t j = i;
        while (j > 0 && cmp_findings(&k[j - 1].f, &v.f) > 0) k[j] = k[j - 1], j--;
        k[j] = v;
    }
    for (size_t i = 0; i < n; i++) f->items[i] = k[i].f;
    free(k);
}
