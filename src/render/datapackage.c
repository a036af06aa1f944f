/*
 * datapackage.c — ys_render_datapackage: the disclosure as a Fiscal Data Package
 * (https://specs.frictionlessdata.io/fiscal-data-package/) so OpenSpending-style tools can load it:
 * `datapackage.json` plus one CSV per table (`<table id>.csv`: summary.csv, expense.csv, …).
 *
 * Each CSV is the table of csv.h (values as in the extract contract: money "124.40" in the table's
 * unit, empty for null; text fields neutralised against formula injection) with an ASCII header line
 * of field names instead of the printed headers: `seq`, `code`, `name` and the columns' semantic keys
 * (`total`, `basic`, … ; `col<N>` for a column without a key or with a repeated one); the printed
 * Chinese header is each field's `title`. The descriptor (jansson) has `name`, `title`, `profile`,
 * `fiscalPeriod`, `resources` (path, format, encoding, schema.fields typed: seq integer, code and name
 * string, amounts number, text string) and a `model`: `measures` (every amount column, currency CNY,
 * `factor` 10000 for 万元 / 100000000 for 亿元, with its resource) and `dimensions` (the functional
 * classification of the function-classified tables, the economic classification of gpb_basic —
 * both `classification` with code and name attributes —, and `date` = the year as a constant).
 *
 * Files are written atomically (ys_render_write_file); paths are the directory given and table ids,
 * never text from the document. Output is deterministic (JSON_PRESERVE_ORDER, fixed indentation).
 */
#include "render/render.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/csv.h"

static bool two_sided(const ys_table *t)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (t->cols[i].kind == YS_COL_LABEL) return true;
    return false;
}

static bool function_classified(ys_table_id id)
{
    return id == YS_TABLE_INCOME || id == YS_TABLE_EXPENSE || id == YS_TABLE_GPB_EXPENSE ||
           id == YS_TABLE_GOV_FUND || id == YS_TABLE_SOE_CAPITAL;
}

/* Field name of column i: its key, or col<N> when it has none or an earlier column has the same key. */
static void field_name(const ys_table *t, size_t i, char *buf, size_t n)
{
    const char *k = t->cols[i].key;
    bool ok = k && *k;
    for (const char *p = k; ok && *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')) ok = false;
    for (size_t j = 0; ok && j < i; j++)
        if (t->cols[j].key && strcmp(t->cols[j].key, k) == 0) ok = false;
    if (ok) snprintf(buf, n, "%s", k);
    else snprintf(buf, n, "col%zu", i + 1);
}

/* Set key to the string s when s is valid UTF-8 (json_string rejects anything else); else nothing. */
static void set_text(json_t *obj, const char *key, const char *s)
{
    json_t *j = s ? json_string(s) : NULL;
    if (j) json_object_set_new(obj, key, j);
}

static const char *field_type(ys_col_kind k)
{
    return (k == YS_COL_MONEY || k == YS_COL_QUANTITY) ? "number" : "string";
}

static json_t *field(const char *name, const char *title, const char *type)
{
    json_t *f = json_object();
    json_object_set_new(f, "name", json_string(name));
    set_text(f, "title", title);
    json_object_set_new(f, "type", json_string(type));
    return f;
}

/* End of the first CSV record (after its CRLF), honouring quoted fields. */
static size_t first_record_end(const char *s, size_t n)
{
    bool q = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"') q = !q;
        else if (!q && s[i] == '\n') return i + 1;
    }
    return n;
}

static int64_t unit_factor(ys_unit u)
{
    return u == YS_UNIT_WANYUAN ? 10000 : u == YS_UNIT_YIYUAN ? 100000000 : 1;
}

static ys_status write_table(const ys_table *t, const char *dir, ys_diags *diags, json_t *resources,
                             json_t *measures)
{
    const char *id = ys_table_id_name(t->id);
    bool sided = two_sided(t);
    ys_buf csv = YS_BUF_INIT, body = YS_BUF_INIT;
    json_t *fields = json_array();
    /* the header line of field names, then the rows of csv.h */
    ys_csv_field(&csv, "seq", false);
    json_array_append_new(fields, field("seq", "序号", "integer"));
    if (!sided) {
        bool cls = function_classified(t->id) || t->id == YS_TABLE_GPB_BASIC;
        ys_buf_adds(&csv, ",code,name");
        json_array_append_new(fields, field("code", cls ? "科目编码" : "编码", "string"));
        json_array_append_new(fields, field("name", cls ? "科目名称" : "名称", "string"));
    }
    for (size_t i = 0; i < t->ncols; i++) {
        char name[64];
        field_name(t, i, name, sizeof name);
        ys_buf_addc(&csv, ',');
        ys_csv_field(&csv, name, false);
        json_array_append_new(fields, field(name, t->cols[i].header, field_type(t->cols[i].kind)));
        if (t->cols[i].kind == YS_COL_MONEY) {
            json_t *m = json_object();
            json_object_set_new(m, "source", json_string(name));
            json_object_set_new(m, "resource", json_string(id));
            json_object_set_new(m, "currency", json_string("CNY"));
            int64_t f = unit_factor(t->unit);
            if (f != 1) json_object_set_new(m, "factor", json_integer(f));
            set_text(m, "title", t->cols[i].header);
            char mname[96];
            snprintf(mname, sizeof mname, "%s_%s", id, name);
            json_object_set_new(measures, mname, m);
        }
    }
    ys_buf_adds(&csv, "\r\n");
    ys_csv_table(&body, t);
    size_t skip = first_record_end(ys_buf_str(&body), body.len);
    ys_buf_add(&csv, body.data ? body.data + skip : "", body.len - skip);
    ys_buf_release(&body);

    char path[4096], rel[64];
    snprintf(rel, sizeof rel, "%s.csv", id);
    int n = snprintf(path, sizeof path, "%s/%s", dir, rel);
    ys_status st = YS_ERR_USAGE;
    if (n > 0 && (size_t)n < sizeof path) st = ys_render_write_file(path, csv.data ? csv.data : "", csv.len, diags);
    ys_buf_release(&csv);

    json_t *res = json_object();
    json_object_set_new(res, "name", json_string(id));
    json_object_set_new(res, "path", json_string(rel));
    set_text(res, "title", t->title);
    json_object_set_new(res, "format", json_string("csv"));
    json_object_set_new(res, "mediatype", json_string("text/csv"));
    json_object_set_new(res, "encoding", json_string("utf-8"));
    json_t *schema = json_object();
    json_object_set_new(schema, "fields", fields);
    json_object_set_new(res, "schema", schema);
    json_array_append_new(resources, res);
    return st;
}

static json_t *classification(const char *type, const char *resource)
{
    json_t *d = json_object();
    json_object_set_new(d, "dimensionType", json_string("classification"));
    json_object_set_new(d, "classificationType", json_string(type));
    json_object_set_new(d, "resource", json_string(resource));
    json_t *attrs = json_object();
    json_t *code = json_object();
    json_object_set_new(code, "source", json_string("code"));
    json_object_set_new(code, "resource", json_string(resource));
    json_object_set_new(attrs, "code", code);
    json_t *name = json_object();
    json_object_set_new(name, "source", json_string("name"));
    json_object_set_new(name, "resource", json_string(resource));
    json_object_set_new(name, "labelfor", json_string("code"));
    json_object_set_new(attrs, "name", name);
    json_object_set_new(d, "attributes", attrs);
    json_object_set_new(d, "primaryKey", json_pack("[s]", "code"));
    return d;
}

ys_status ys_render_datapackage(const ys_disclosure *d, const char *dir, ys_diags *diags)
{
    if (!d || !dir) return YS_ERR_USAGE;
    ys_status st = YS_OK;
    json_t *root = json_object();
    char name[96];
    const char *code = d->meta.department_code ? d->meta.department_code : "";
    bool code_ok = *code && strlen(code) < 32;
    for (const char *p = code; code_ok && *p; p++) code_ok = (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z');
    snprintf(name, sizeof name, "yusuan-%s%s%d-%s", code_ok ? code : "", code_ok ? "-" : "", d->meta.year,
             d->meta.kind == YS_KIND_FINAL ? "final" : "budget");
    json_object_set_new(root, "name", json_string(name));
    ys_buf title = YS_BUF_INIT;
    ys_buf_adds(&title, d->meta.department ? d->meta.department : "");
    if (d->meta.year) ys_buf_printf(&title, " %d 年", d->meta.year);
    ys_buf_printf(&title, "部门%s", d->meta.kind == YS_KIND_FINAL ? "决算" : "预算");
    json_t *jt = json_string(ys_buf_str(&title));
    json_object_set_new(root, "title", jt ? jt : json_string("部门预算"));
    ys_buf_release(&title);
    json_object_set_new(root, "profile", json_string("fiscal-data-package"));
    if (d->meta.year > 0 && d->meta.year < 10000) {
        char s[16], e[16];
        snprintf(s, sizeof s, "%04d-01-01", d->meta.year);
        snprintf(e, sizeof e, "%04d-12-31", d->meta.year);
        json_object_set_new(root, "fiscalPeriod", json_pack("{s:s,s:s}", "start", s, "end", e));
    }
    json_t *resources = json_array(), *measures = json_object();
    for (int id = 0; id < YS_TABLE__COUNT; id++) {
        if (!d->tables[id]) continue;
        ys_status s = write_table(d->tables[id], dir, diags, resources, measures);
        if (s != YS_OK && st == YS_OK) st = s;
    }
    json_object_set_new(root, "resources", resources);
    json_t *model = json_object(), *dims = json_object();
    json_object_set_new(model, "measures", measures);
    const char *fres = d->tables[YS_TABLE_EXPENSE] ? "expense" : d->tables[YS_TABLE_GPB_EXPENSE] ? "gpb_expense" : NULL;
    if (fres) json_object_set_new(dims, "functional-classification", classification("functional", fres));
    if (d->tables[YS_TABLE_GPB_BASIC])
        json_object_set_new(dims, "economic-classification", classification("economic", "gpb_basic"));
    json_t *date = json_object();
    json_object_set_new(date, "dimensionType", json_string("datetime"));
    json_t *year = json_object();
    if (d->meta.year) {
        char y[16];
        snprintf(y, sizeof y, "%d", d->meta.year);
        json_object_set_new(year, "constant", json_string(y));
    }
    json_object_set_new(year, "title", json_string("预算年度"));
    json_object_set_new(date, "attributes", json_pack("{s:o}", "year", year));
    json_object_set_new(date, "primaryKey", json_pack("[s]", "year"));
    json_object_set_new(dims, "date", date);
    json_object_set_new(model, "dimensions", dims);
    json_object_set_new(root, "model", model);

    char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (!text) return YS_ERR_NOMEM;
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/datapackage.json", dir);
    ys_status s = YS_ERR_USAGE;
    if (n > 0 && (size_t)n < sizeof path) {
        size_t len = strlen(text);
        char *withnl = realloc(text, len + 2);
        if (withnl) {
            text = withnl;
            text[len] = '\n';
            text[len + 1] = '\0';
            s = ys_render_write_file(path, text, len + 1, diags);
        } else {
            s = YS_ERR_NOMEM;
        }
    }
    free(text);
    return st != YS_OK ? st : s;
}
