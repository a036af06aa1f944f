/* lines.c — the text reader over lines made by another reader, sources moved back (see lines.h). */
#include "read/lines.h"
#include "core/arena.h"
#include "read/read.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    const ys_line_origin *map;
    size_t n;
    ys_disclosure *d;
} remap;

static void fix(const remap *m, ys_source *s)
{
    if (s->line < 1 || (size_t)s->line > m->n) return;
    const ys_line_origin *o = &m->map[s->line - 1];
    s->line = o->line;
    s->page = o->page;
    s->where = o->where ? ys_arena_strdup(m->d->arena, o->where) : NULL;
}

static void fix_all(const remap *m)
{
    ys_disclosure *d = m->d;
    for (int t = 0; t < YS_TABLE__COUNT; t++) {
        ys_table *tb = d->tables[t];
        if (!tb) continue;
        fix(m, &tb->src);
        for (size_t r = 0; r < tb->nrows; r++) {
            fix(m, &tb->rows[r].src);
            for (size_t c = 0; c < tb->ncols; c++) fix(m, &tb->rows[r].cells[c].src);
        }
    }
    for (size_t i = 0; i < d->nprojects; i++) {
        ys_project *p = &d->projects[i];
        fix(m, &p->src);
        fix(m, &p->budget.src);
        fix(m, &p->fiscal.src);
        fix(m, &p->other.src);
        for (size_t k = 0; k < p->nschedule; k++) fix(m, &p->schedule[k].value.src);
        for (size_t k = 0; k < p->nindicators; k++) fix(m, &p->indicators[k].src);
    }
    for (size_t i = 0; i < d->nsections; i++) {
        ys_section *s = &d->sections[i];
        fix(m, &s->src);
        for (size_t k = 0; k < s->nfigures; k++) fix(m, &s->figures[k].src);
    }
    for (size_t i = 0; i < d->ntoc; i++) fix(m, &d->toc[i].src);
}

static void fix_diags(ys_diags *diags, size_t from, const char *name, const ys_line_origin *map, size_t n)
{
    for (size_t i = from; i < diags->count; i++) {
        ys_diag *dg = &diags->items[i];
        if (!dg->file || strcmp(dg->file, name) != 0 || dg->line <= 0 || (size_t)dg->line > n) continue;
        const ys_line_origin *o = &map[dg->line - 1];
        dg->line = o->line;
        dg->col = 0;
        dg->page = o->page;
        if (o->where && !dg->where) dg->where = ys_xstrdup(o->where);
    }
}

ys_status ys_read_lines(const char *name, const char *text, size_t n, const ys_line_origin *map, size_t nmap,
                        ys_disclosure **out, ys_diags *diags)
{
    size_t from = diags->count;
    ys_status st = ys_read_text_mem(name, text, n, out, diags);
    if (st == YS_OK) {
        remap m = {map, nmap, *out};
        fix_all(&m);
        /* the evidence lines are the synthetic ones: keep them, reports show them as the cell text */
    }
    fix_diags(diags, from, name, map, nmap);
    return st;
}
