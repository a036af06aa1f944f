/*
 * diff.c — ys_diff: two documents of a department compared row by row (portal/diff.h says how rows are
 * matched and which amount is compared), and the four outputs of a comparison: aligned text, JSON, CSV
 * and HTML sections for the portal. Arithmetic in int64 分 only.
 */
#include "portal/diff.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "render/csv.h"
#include "render/svg.h"

/* ---- names ---------------------------------------------------------------------------------------------- */

const char *ys_diff_match_zh(ys_diff_match m)
{
    switch (m) {
    case YS_DIFF_SAME: return "";
    case YS_DIFF_RENAMED: return "更名";
    case YS_DIFF_RECODED: return "编码变更";
    case YS_DIFF_NAMED: return "名称不同";
    case YS_DIFF_ONLY_CUR: return "新增";
    case YS_DIFF_ONLY_PREV: return "减少";
    }
    return "";
}

const char *ys_diff_match_name(ys_diff_match m)
{
    switch (m) {
    case YS_DIFF_SAME: return "same";
    case YS_DIFF_RENAMED: return "renamed";
    case YS_DIFF_RECODED: return "recoded";
    case YS_DIFF_NAMED: return "named";
    case YS_DIFF_ONLY_CUR: return "only_current";
    case YS_DIFF_ONLY_PREV: return "only_previous";
    }
    return "";
}

/* ---- arithmetic ----------------------------------------------------------------------------------------- */

bool ys_diff_rate_tenths(ys_money cur, ys_money prev, int64_t *tenths)
{
    if (prev == 0) return false;
    /* |diff| and |prev| as unsigned, so INT64_MIN cannot overflow */
    bool neg_d = cur < prev;
    uint64_t a = neg_d ? (uint64_t)prev - (uint64_t)cur : (uint64_t)cur - (uint64_t)prev;
    bool neg_p = prev < 0;
    uint64_t b = neg_p ? (uint64_t)0 - (uint64_t)prev : (uint64_t)prev;
    /* tenths of a percent = a * 1000 / b, rounded half away from zero, in two parts so nothing overflows;
     * the sign is that of the change (the base counts as |prev|) */
    uint64_t q;
    if (a / b > (uint64_t)INT64_MAX / 1000) q = (uint64_t)INT64_MAX;   /* beyond any printable rate: clamp */
    else {
        while (b > UINT64_MAX / 4000) {   /* a base beyond 4.6e15 分: drop digits that cannot show */
            a /= 10;
            b /= 10;
        }
        q = a / b * 1000 + ((a % b) * 2000 + b) / (2 * b);
    }
    if (q > (uint64_t)INT64_MAX) q = (uint64_t)INT64_MAX;
    *tenths = neg_d ? -(int64_t)q : (int64_t)q;   /* a rate on |last year| */
    return true;
}

void ys_diff_rate(char *buf, size_t bufsz, ys_money cur, ys_money prev)
{
    int64_t t;
    if (!ys_diff_rate_tenths(cur, prev, &t)) {
        snprintf(buf, bufsz, "—");
        return;
    }
    uint64_t u = t < 0 ? (uint64_t)0 - (uint64_t)t : (uint64_t)t;
    snprintf(buf, bufsz, "%s%" PRIu64 ".%" PRIu64 "%%", t < 0 ? "-" : "", u / 10, u % 10);
}

/* ---- the rows of one table ------------------------------------------------------------------------------ */

typedef struct {
    const char *side, *code, *name;
    ys_money v;
    int match;   /* index of the matched row of the other year, -1 none */
} item;

typedef struct {
    item *v;
    size_t n, cap;
} items;

static void items_add(items *l, const char *side, const char *code, const char *name, ys_money v)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 32;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        if (!l->v) abort();
    }
    l->v[l->n++] = (item){side, code ? code : "", name ? name : "", v, -1};
}

/* The compared money column of a one-sided table, -1 when it has none. */
static int value_col(const ys_table *t)
{
    int c = ys_table_col(t, "total");
    if (c >= 0 && t->cols[c].kind == YS_COL_MONEY) return c;
    c = ys_table_col(t, "value");
    if (c >= 0 && t->cols[c].kind == YS_COL_MONEY) return c;
    for (size_t i = 0; i < t->ncols; i++)
        if (t->cols[i].kind == YS_COL_MONEY) return (int)i;
    return -1;
}

static bool two_sided(const ys_table *t)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (t->cols[i].kind == YS_COL_LABEL) return true;
    return false;
}

/* Rows of t as items; *column = the compared column's header. */
static void collect(const ys_table *t, items *out, const char **column)
{
    if (!t) return;
    if (two_sided(t)) {
        int in_l = ys_table_col(t, "in_item"), in_v = ys_table_col(t, "in_amount");
        int out_l = ys_table_col(t, "out_item"), out_v = ys_table_col(t, "out_amount");
        if (out_v < 0) out_v = ys_table_col(t, "out_total");
        if (column && in_v >= 0) *column = t->cols[in_v].header;
        for (int side = 0; side < 2; side++) {
            int l = side ? out_l : in_l, v = side ? out_v : in_v;
            if (l < 0 || v < 0) continue;
            for (size_t i = 0; i < t->nrows; i++) {
                const ys_cell *lc = &t->rows[i].cells[l];
                if (!lc->text || !*lc->text) continue;
                items_add(out, side ? "支出" : "收入", "", lc->text, ys_cell_money(&t->rows[i].cells[v]));
            }
        }
        return;
    }
    int c = value_col(t);
    if (c < 0) return;
    if (column) *column = t->cols[c].header;
    for (size_t i = 0; i < t->nrows; i++) {
        const ys_row *r = &t->rows[i];
        if ((!r->code || !*r->code) && (!r->name || !*r->name)) continue;
        items_add(out, "", r->code, r->name, ys_cell_money(&r->cells[c]));
    }
}

static bool is_alias(const ys_catalog *cat, ys_classification cls, const char *code, const char *name)
{
    if (!cat || !*code || !*name) return false;
    return ys_catalog_check_name(cat, cls, code, name, NULL) == YS_NAME_ALIAS;
}

static void add_row(ys_diff_table *t, ys_diff_row r)
{
    if (t->nrows == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 32;
        t->rows = realloc(t->rows, t->cap * sizeof *t->rows);
        if (!t->rows) abort();
    }
    t->rows[t->nrows++] = r;
}

static ys_diff_match classify(const ys_catalog *cat, ys_classification cls, const item *c, const item *p)
{
    if (strcmp(c->code, p->code) != 0) return YS_DIFF_RECODED;
    if (ys_text_same(c->name, p->name)) return YS_DIFF_SAME;
    if (is_alias(cat, cls, c->code, p->name) || is_alias(cat, cls, c->code, c->name)) return YS_DIFF_RENAMED;
    return YS_DIFF_NAMED;
}

static void diff_table(ys_diff_table *dt, const ys_table *tc, const ys_table *tp, const ys_catalog *cat)
{
    items cur = {0}, prev = {0};
    const char *col_c = NULL, *col_p = NULL;
    collect(tc, &cur, &col_c);
    collect(tp, &prev, &col_p);
    dt->column = col_c ? col_c : col_p ? col_p : "";
    ys_classification cls = dt->id == YS_TABLE_GPB_BASIC ? YS_CLASS_ECONOMIC : YS_CLASS_FUNCTION;

    /* 1. same code; 3. rows without code by name and side, n-th with n-th */
    for (size_t i = 0; i < cur.n; i++) {
        item *c = &cur.v[i];
        for (size_t j = 0; j < prev.n; j++) {
            item *p = &prev.v[j];
            if (p->match >= 0 || strcmp(c->side, p->side) != 0) continue;
            bool hit = *c->code ? !strcmp(c->code, p->code) : (!*p->code && ys_text_same(c->name, p->name));
            if (hit) {
                c->match = (int)j;
                p->match = (int)i;
                break;
            }
        }
    }
    /* 2. codes left over: a changed code, matched by the same name or by an alias of this year's code */
    for (size_t i = 0; i < cur.n; i++) {
        item *c = &cur.v[i];
        if (c->match >= 0 || !*c->code) continue;
        for (size_t j = 0; j < prev.n; j++) {
            item *p = &prev.v[j];
            if (p->match >= 0 || !*p->code || strlen(p->code) != strlen(c->code)) continue;
            if (ys_text_same(c->name, p->name) || is_alias(cat, cls, c->code, p->name)) {
                c->match = (int)j;
                p->match = (int)i;
                break;
            }
        }
    }
    /* output in this year's order; a row only last year follows the row that preceded it last year */
    long *anchor = calloc(prev.n ? prev.n : 1, sizeof *anchor);
    if (!anchor) abort();
    long last = -1;
    for (size_t j = 0; j < prev.n; j++) {
        if (prev.v[j].match >= 0) last = prev.v[j].match;
        anchor[j] = last;
    }
    for (long i = -1; i < (long)cur.n; i++) {
        if (i >= 0) {
            const item *c = &cur.v[i];
            ys_diff_row r = {YS_DIFF_ONLY_CUR, c->side, c->code, c->name, "", "", true, false, c->v, 0};
            if (c->match >= 0) {
                const item *p = &prev.v[c->match];
                r.match = classify(cat, cls, c, p);
                r.prev_code = p->code;
                r.prev_name = p->name;
                r.has_prev = true;
                r.prev = p->v;
            }
            add_row(dt, r);
        }
        for (size_t j = 0; j < prev.n; j++) {
            const item *p = &prev.v[j];
            if (p->match >= 0 || anchor[j] != i) continue;
            add_row(dt, (ys_diff_row){YS_DIFF_ONLY_PREV, p->side, "", "", p->code, p->name, false, true, 0, p->v});
        }
    }
    free(anchor);
    free(cur.v);
    free(prev.v);
}

ys_status ys_diff_compute(ys_diff *out, const ys_disclosure *cur, const ys_disclosure *prev, const ys_catalog *cat)
{
    memset(out, 0, sizeof *out);
    out->region = cur->meta.region ? cur->meta.region : "";
    out->department = cur->meta.department ? cur->meta.department : "";
    out->cur_year = cur->meta.year;
    out->prev_year = prev->meta.year;
    for (int id = 0; id < YS_TABLE__COUNT; id++) {
        const ys_table *tc = cur->tables[id], *tp = prev->tables[id];
        if (!tc && !tp) continue;
        ys_diff_table *dt = &out->tables[out->ntables];
        dt->id = (ys_table_id)id;
        dt->unit = tc && tc->unit != YS_UNIT_UNKNOWN ? tc->unit : tp && tp->unit != YS_UNIT_UNKNOWN ? tp->unit
                 : cur->meta.unit;
        diff_table(dt, tc, tp, cat);
        if (dt->nrows == 0) {
            free(dt->rows);
            memset(dt, 0, sizeof *dt);
            continue;
        }
        out->ntables++;
    }
    return YS_OK;
}

void ys_diff_release(ys_diff *d)
{
    if (!d) return;
    for (size_t i = 0; i < d->ntables; i++) free(d->tables[i].rows);
    memset(d, 0, sizeof *d);
}

/* ---- the printed fields of a row ------------------------------------------------------------------------ */

enum { F_CODE, F_NAME, F_CUR, F_PREV, F_DELTA, F_RATE, F_NOTE, F__COUNT };

typedef struct {
    char cur[YS_MONEY_BUFSZ], prev[YS_MONEY_BUFSZ], delta[YS_MONEY_BUFSZ], rate[24];
    char note[256];
    const char *code, *name;
} fields;

static void row_fields(const ys_diff_table *t, const ys_diff_row *r, fields *f)
{
    ys_unit u = t->unit == YS_UNIT_UNKNOWN ? YS_UNIT_YUAN : t->unit;
    f->cur[0] = f->prev[0] = f->delta[0] = '\0';
    if (r->has_cur) ys_money_format(r->cur, u, 2, f->cur, sizeof f->cur);
    if (r->has_prev) ys_money_format(r->prev, u, 2, f->prev, sizeof f->prev);
    ys_money_format(r->cur - r->prev, u, 2, f->delta, sizeof f->delta);
    ys_diff_rate(f->rate, sizeof f->rate, r->cur, r->prev);
    f->code = r->has_cur ? r->code : r->prev_code;
    f->name = r->has_cur ? r->name : r->prev_name;
    const char *m = ys_diff_match_zh(r->match);
    if (r->match == YS_DIFF_RENAMED || r->match == YS_DIFF_NAMED)
        snprintf(f->note, sizeof f->note, "%s（上年：%s）", m, r->prev_name);
    else if (r->match == YS_DIFF_RECODED)
        snprintf(f->note, sizeof f->note, "%s（上年：%s %s）", m, r->prev_code, r->prev_name);
    else snprintf(f->note, sizeof f->note, "%s", m);
}

static void side_name(char *buf, size_t n, const ys_diff_row *r, const char *name)
{
    if (r->side && *r->side) snprintf(buf, n, "%s：%s", r->side, name);
    else snprintf(buf, n, "%s", name);
}

/* ---- text ----------------------------------------------------------------------------------------------- */

/* Display width: 2 for wide (CJK, full-width) characters. */
static size_t width(const char *s)
{
    size_t w = 0, i = 0, n = strlen(s);
    while (i < n) {
        int cp = ys_utf8_next(s, n, &i);
        w += (cp >= 0x1100 && (ys_is_cjk(cp) || (cp >= 0xFF01 && cp <= 0xFF60))) ? 2 : 1;
    }
    return w;
}

static void pad(ys_buf *out, const char *s, size_t w, bool right)
{
    size_t sw = width(s);
    if (right)
        for (size_t i = sw; i < w; i++) ys_buf_addc(out, ' ');
    ys_buf_adds(out, s);
    if (!right)
        for (size_t i = sw; i < w; i++) ys_buf_addc(out, ' ');
}

void ys_diff_text(ys_buf *out, const ys_diff *d)
{
    ys_buf_printf(out, "%s%s%s：%d 年与 %d 年比较\n", d->region, *d->region ? " " : "", d->department, d->cur_year,
                  d->prev_year);
    char ycur[32], yprev[32];
    snprintf(ycur, sizeof ycur, "%d 年", d->cur_year);
    snprintf(yprev, sizeof yprev, "%d 年", d->prev_year);
    for (size_t ti = 0; ti < d->ntables; ti++) {
        const ys_diff_table *t = &d->tables[ti];
        ys_buf_printf(out, "\n== %s（%s，单位：%s）==\n", ys_table_id_title(t->id), t->column,
                      t->unit == YS_UNIT_UNKNOWN ? "元" : ys_unit_name(t->unit));
        size_t n = t->nrows + 1;
        fields *fs = calloc(n, sizeof *fs);
        char (*names)[512] = calloc(n, sizeof *names);
        if (!fs || !names) abort();
        size_t w[F__COUNT] = {0};
        const char *heads[F__COUNT] = {"编码", "名称", ycur, yprev, "增减额", "增减率", "说明"};
        for (int k = 0; k < F__COUNT; k++) w[k] = width(heads[k]);
        for (size_t i = 0; i < t->nrows; i++) {
            fields *f = &fs[i];
            row_fields(t, &t->rows[i], f);
            side_name(names[i], sizeof names[i], &t->rows[i], f->name);
            const char *v[F__COUNT] = {f->code, names[i], f->cur, f->prev, f->delta, f->rate, f->note};
            for (int k = 0; k < F__COUNT; k++)
                if (width(v[k]) > w[k]) w[k] = width(v[k]);
        }
        for (int k = 0; k < F__COUNT; k++) {
            pad(out, heads[k], k == F__COUNT - 1 ? 0 : w[k], k >= F_CUR && k <= F_RATE);
            ys_buf_adds(out, k == F__COUNT - 1 ? "\n" : "  ");
        }
        for (size_t i = 0; i < t->nrows; i++) {
            const fields *f = &fs[i];
            const char *v[F__COUNT] = {f->code, names[i], f->cur, f->prev, f->delta, f->rate, f->note};
            ys_buf r = YS_BUF_INIT;
            for (int k = 0; k < F__COUNT; k++) {
                pad(&r, v[k], k == F__COUNT - 1 ? 0 : w[k], k >= F_CUR && k <= F_RATE);
                if (k < F__COUNT - 1) ys_buf_adds(&r, "  ");
            }
            /* no trailing blanks */
            const char *s = ys_buf_str(&r);
            size_t len = strlen(s);
            while (len > 0 && s[len - 1] == ' ') len--;
            ys_buf_add(out, s, len);
            ys_buf_addc(out, '\n');
            ys_buf_release(&r);
        }
        free(fs);
        free(names);
    }
}

/* ---- JSON and CSV --------------------------------------------------------------------------------------- */

void ys_diff_json(ys_buf *out, const ys_diff *d)
{
    json_t *root = json_object();
    json_object_set_new(root, "region", json_string(d->region));
    json_object_set_new(root, "department", json_string(d->department));
    json_object_set_new(root, "year", json_integer(d->cur_year));
    json_object_set_new(root, "previous_year", json_integer(d->prev_year));
    json_t *tables = json_array();
    for (size_t ti = 0; ti < d->ntables; ti++) {
        const ys_diff_table *t = &d->tables[ti];
        json_t *jt = json_object();
        json_object_set_new(jt, "id", json_string(ys_table_id_name(t->id)));
        json_object_set_new(jt, "column", json_string(t->column));
        json_object_set_new(jt, "unit", json_string(ys_unit_name(t->unit == YS_UNIT_UNKNOWN ? YS_UNIT_YUAN : t->unit)));
        json_t *rows = json_array();
        for (size_t i = 0; i < t->nrows; i++) {
            const ys_diff_row *r = &t->rows[i];
            fields f;
            row_fields(t, r, &f);
            json_t *jr = json_object();
            json_object_set_new(jr, "match", json_string(ys_diff_match_name(r->match)));
            if (*r->side) json_object_set_new(jr, "side", json_string(r->side));
            json_object_set_new(jr, "code", json_string(r->code));
            json_object_set_new(jr, "name", json_string(r->name));
            json_object_set_new(jr, "previous_code", json_string(r->prev_code));
            json_object_set_new(jr, "previous_name", json_string(r->prev_name));
            json_object_set_new(jr, "current", r->has_cur ? json_string(f.cur) : json_null());
            json_object_set_new(jr, "previous", r->has_prev ? json_string(f.prev) : json_null());
            json_object_set_new(jr, "change", json_string(f.delta));
            int64_t tenths;
            if (ys_diff_rate_tenths(r->cur, r->prev, &tenths)) json_object_set_new(jr, "rate", json_string(f.rate));
            else json_object_set_new(jr, "rate", json_null());
            json_array_append_new(rows, jr);
        }
        json_object_set_new(jt, "rows", rows);
        json_array_append_new(tables, jt);
    }
    json_object_set_new(root, "tables", tables);
    char *s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    if (s) {
        ys_buf_adds(out, s);
        ys_buf_addc(out, '\n');
        free(s);
    }
    json_decref(root);
}

void ys_diff_csv(ys_buf *out, const ys_diff *d)
{
    char ycur[32], yprev[32];
    snprintf(ycur, sizeof ycur, "%d", d->cur_year);
    snprintf(yprev, sizeof yprev, "%d", d->prev_year);
    const char *heads[] = {"表", "单位", "比较列", "收支", "编码", "名称", "上年编码", "上年名称", ycur, yprev,
                           "增减额", "增减率", "说明"};
    for (size_t k = 0; k < sizeof heads / sizeof *heads; k++) {
        if (k) ys_buf_addc(out, ',');
        ys_csv_field(out, heads[k], true);
    }
    ys_buf_adds(out, "\r\n");
    for (size_t ti = 0; ti < d->ntables; ti++) {
        const ys_diff_table *t = &d->tables[ti];
        for (size_t i = 0; i < t->nrows; i++) {
            const ys_diff_row *r = &t->rows[i];
            fields f;
            row_fields(t, r, &f);
            int64_t tenths;
            bool has_rate = ys_diff_rate_tenths(r->cur, r->prev, &tenths);
            const char *v[] = {ys_table_id_name(t->id), ys_unit_name(t->unit == YS_UNIT_UNKNOWN ? YS_UNIT_YUAN : t->unit),
                               t->column, r->side, r->code, r->name, r->prev_code, r->prev_name, f.cur, f.prev,
                               f.delta, has_rate ? f.rate : "", ys_diff_match_zh(r->match)};
            for (size_t k = 0; k < sizeof v / sizeof *v; k++) {
                if (k) ys_buf_addc(out, ',');
                ys_csv_field(out, v[k], !(k >= 8 && k <= 11));
            }
            ys_buf_adds(out, "\r\n");
        }
    }
}

/* ---- HTML ----------------------------------------------------------------------------------------------- */

void ys_diff_html(ys_buf *out, const ys_diff *d)
{
    for (size_t ti = 0; ti < d->ntables; ti++) {
        const ys_diff_table *t = &d->tables[ti];
        ys_buf_printf(out, "<section class=\"diff\" id=\"d-%s\">\n<h2>", ys_table_id_name(t->id));
        ys_svg_escape(out, ys_table_id_title(t->id));
        ys_buf_adds(out, "（");
        ys_svg_escape(out, t->column);
        ys_buf_printf(out, "，单位：%s）</h2>\n<table>\n<thead><tr><th>编码</th><th>名称</th><th>%d 年</th>"
                      "<th>%d 年</th><th>增减额</th><th>增减率</th><th>说明</th></tr></thead>\n<tbody>\n",
                      ys_unit_name(t->unit == YS_UNIT_UNKNOWN ? YS_UNIT_YUAN : t->unit), d->cur_year, d->prev_year);
        for (size_t i = 0; i < t->nrows; i++) {
            const ys_diff_row *r = &t->rows[i];
            fields f;
            row_fields(t, r, &f);
            char name[512];
            side_name(name, sizeof name, r, f.name);
            ys_buf_printf(out, "<tr class=\"m-%s\"><td class=\"c\">", ys_diff_match_name(r->match));
            ys_svg_escape(out, f.code);
            ys_buf_adds(out, "</td><td>");
            ys_svg_escape(out, name);
            ys_buf_printf(out, "</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td>"
                          "<td class=\"n\">%s</td><td>", f.cur, f.prev, f.delta, f.rate);
            ys_svg_escape(out, f.note);
            ys_buf_adds(out, "</td></tr>\n");
        }
        ys_buf_adds(out, "</tbody>\n</table>\n</section>\n");
    }
}
