/*
 * json.c — the extract JSON of a disclosure (see json.h): meta, toc, tables in standard id order,
 * projects with their indicators, narrative sections with the figures they cite.
 */
#include "render/json.h"
#include "core/text.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- small helpers ---------------------------------------------------------------------------------- */

/* A string or null: NULL and "" both give null. */
static json_t *str_or_null(const char *s)
{
    return (s && *s) ? json_string(s) : json_null();
}

/* json_string rejects invalid UTF-8 (the reader normalises, but a hand-made model may not): fall back
 * to a copy with the bad bytes replaced, so the output is always complete. */
static json_t *str_safe(const char *s)
{
    if (!s) return json_null();
    json_t *j = json_string(s);
    if (j) return j;
    size_t n = strlen(s);
    char *c = malloc(n + 1);
    if (!c) return json_null();
    for (size_t i = 0; i <= n; i++) c[i] = (unsigned char)s[i] >= 0x80 ? '?' : s[i];
    j = json_string(c);
    free(c);
    return j ? j : json_null();
}

static json_t *text_or_null(const char *s)
{
    return (s && *s) ? str_safe(s) : json_null();
}

static void set(json_t *obj, const char *key, json_t *v)
{
    json_object_set_new(obj, key, v ? v : json_null());
}

static int max2(int d)
{
    return d > 2 ? d : 2;
}

/* ---- values ----------------------------------------------------------------------------------------- */

const char *ys_json_money_value(const ys_cell *c, ys_unit unit, char *buf, size_t bufsz)
{
    if (!c || c->kind != YS_CELL_MONEY) return NULL;
    return ys_money_format(c->money, unit, max2(c->decimals), buf, bufsz);
}

const char *ys_json_cell_value(const ys_table *t, size_t col, const ys_cell *c, char *buf, size_t bufsz,
                               bool *is_text)
{
    bool text = false;
    const char *v = NULL;
    ys_col_kind kind = (t && col < t->ncols) ? t->cols[col].kind : YS_COL_MONEY;
    if (c) switch (kind) {
        case YS_COL_LABEL:
        case YS_COL_TEXT:
            if (c->text && *c->text) v = c->text, text = true;
            break;
        case YS_COL_QUANTITY:
            if (c->kind == YS_CELL_QUANTITY || c->kind == YS_CELL_MONEY) {
                if (c->text && *c->text) v = c->text;
                else if (c->kind == YS_CELL_QUANTITY) {
                    snprintf(buf, bufsz, "%" PRId64, c->qty);
                    v = buf;
                } else v = ys_money_format(c->money, YS_UNIT_YUAN, c->decimals, buf, bufsz);
            }
            break;
        case YS_COL_MONEY:
        default:
            if (c->kind == YS_CELL_MONEY) v = ys_money_format(c->money, t->unit, max2(c->decimals), buf, bufsz);
            else if (c->kind == YS_CELL_QUANTITY) {
                snprintf(buf, bufsz, "%" PRId64, c->qty);
                v = buf;
            }
            break;
        }
    if (is_text) *is_text = text;
    return v;
}

/* ---- tables ----------------------------------------------------------------------------------------- */

static json_t *unit_json(ys_unit u)
{
    return u == YS_UNIT_UNKNOWN ? json_null() : json_string(ys_unit_name(u));
}

static json_t *row_json(const ys_table *t, const ys_row *r)
{
    json_t *o = json_object();
    set(o, "seq", r->seq < 0 ? json_null() : json_integer(r->seq));
    set(o, "code", text_or_null(r->code));
    set(o, "name", text_or_null(r->name));
    json_t *vals = json_array();
    for (size_t i = 0; i < t->ncols; i++) {
        char buf[YS_JSON_VALUEBUF];
        const char *v = ys_json_cell_value(t, i, &r->cells[i], buf, sizeof buf, NULL);
        json_array_append_new(vals, v ? str_safe(v) : json_null());
    }
    set(o, "values", vals);
    return o;
}

json_t *ys_json_table(const ys_table *t)
{
    json_t *o = json_object();
    set(o, "id", json_string(ys_table_id_name(t->id)));
    set(o, "title", text_or_null(t->title));
    set(o, "unit", unit_json(t->unit));
    set(o, "note", text_or_null(t->note));
    json_t *cols = json_array();
    for (size_t i = 0; i < t->ncols; i++) json_array_append_new(cols, str_safe(t->cols[i].header));
    set(o, "columns", cols);
    json_t *rows = json_array();
    for (size_t i = 0; i < t->nrows; i++) json_array_append_new(rows, row_json(t, &t->rows[i]));
    set(o, "rows", rows);
    return o;
}

/* ---- projects, sections, toc, meta ------------------------------------------------------------------ */

static json_t *money_json(const ys_cell *c, ys_unit unit)
{
    char buf[YS_JSON_VALUEBUF];
    const char *v = ys_json_money_value(c, unit, buf, sizeof buf);
    return v ? json_string(v) : json_null();
}

static json_t *project_json(const ys_project *p)
{
    json_t *o = json_object();
    set(o, "code", text_or_null(p->code));
    set(o, "name", text_or_null(p->name));
    set(o, "unit", unit_json(p->unit));
    set(o, "budget", money_json(&p->budget, p->unit));
    set(o, "fiscal", money_json(&p->fiscal, p->unit));
    set(o, "other", money_json(&p->other, p->unit));
    set(o, "purpose", text_or_null(p->purpose));
    json_t *sch = json_object();
    for (size_t i = 0; i < p->nschedule; i++) {
        const ys_schedule_point *pt = &p->schedule[i];
        /* keys must be valid UTF-8; the value is read in the project's unit whether the header says % or not */
        if (!pt->label || !*pt->label || !ys_utf8_valid(pt->label, strlen(pt->label), NULL)) continue;
        json_object_set_new(sch, pt->label, money_json(&pt->value, p->unit));
    }
    set(o, "schedule", sch);
    set(o, "schedule_percent", json_boolean(p->schedule_percent));
    set(o, "goal", text_or_null(p->goal));
    json_t *ind = json_array();
    for (size_t i = 0; i < p->nindicators; i++) {
        const ys_indicator *in = &p->indicators[i];
        json_t *j = json_object();
        set(j, "level1", text_or_null(in->level1));
        set(j, "level2", text_or_null(in->level2));
        set(j, "level3", text_or_null(in->level3));
        set(j, "description", text_or_null(in->description));
        set(j, "value", text_or_null(in->value));
        set(j, "basis", text_or_null(in->basis));
        json_array_append_new(ind, j);
    }
    set(o, "indicators", ind);
    return o;
}

static json_t *section_json(const ys_section *s)
{
    json_t *o = json_object();
    set(o, "number", str_safe(s->number ? s->number : ""));
    set(o, "title", str_safe(s->title ? s->title : ""));
    set(o, "text", str_safe(s->text ? s->text : ""));
    json_t *figs = json_array();
    for (size_t i = 0; i < s->nfigures; i++) {
        const ys_figure *f = &s->figures[i];
        char buf[YS_JSON_VALUEBUF];
        json_t *j = json_object();
        set(j, "label", text_or_null(f->label));
        set(j, "amount", json_string(ys_money_format(f->amount, f->unit, max2(f->decimals), buf, sizeof buf)));
        set(j, "unit", unit_json(f->unit));
        set(j, "text", text_or_null(f->text));
        json_array_append_new(figs, j);
    }
    set(o, "figures", figs);
    return o;
}

static json_t *meta_json(const ys_meta *m)
{
    json_t *o = json_object();
    set(o, "department", text_or_null(m->department));
    set(o, "department_code", text_or_null(m->department_code));
    set(o, "region", text_or_null(m->region));
    set(o, "scope", str_or_null(ys_scope_name(m->scope)));
    set(o, "year", m->year ? json_integer(m->year) : json_null());
    set(o, "kind", str_or_null(ys_kind_name(m->kind)));
    set(o, "unit", unit_json(m->unit));
    return o;
}

json_t *ys_json_disclosure(const ys_disclosure *d)
{
    json_t *o = json_object();
    set(o, "meta", meta_json(&d->meta));
    json_t *toc = json_array();
    for (size_t i = 0; i < d->ntoc; i++) {
        const ys_toc_entry *e = &d->toc[i];
        json_t *j = json_object();
        set(j, "title", text_or_null(e->title));
        set(j, "page", e->page ? json_integer(e->page) : json_null());
        set(j, "table", e->table == YS_TABLE_NONE ? json_null() : json_string(ys_table_id_name(e->table)));
        json_array_append_new(toc, j);
    }
    set(o, "toc", toc);
    json_t *tables = json_array();
    for (int i = 0; i < YS_TABLE__COUNT; i++)
        if (d->tables[i]) json_array_append_new(tables, ys_json_table(d->tables[i]));
    set(o, "tables", tables);
    json_t *projects = json_array();
    for (size_t i = 0; i < d->nprojects; i++) json_array_append_new(projects, project_json(&d->projects[i]));
    set(o, "projects", projects);
    json_t *sections = json_array();
    for (size_t i = 0; i < d->nsections; i++) json_array_append_new(sections, section_json(&d->sections[i]));
    set(o, "sections", sections);
    return o;
}

char *ys_json_render(const ys_disclosure *d, ys_table_id only)
{
    json_t *j;
    if (only == YS_TABLE_NONE) j = ys_json_disclosure(d);
    else {
        const ys_table *t = ys_disclosure_table(d, only);
        if (!t) return NULL;
        j = ys_json_table(t);
    }
    char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(j);
    if (!s) return NULL;
    size_t n = strlen(s);
    char *out = realloc(s, n + 2);
    if (!out) {
        free(s);
        return NULL;
    }
    out[n] = '\n';
    out[n + 1] = '\0';
    return out;
}
