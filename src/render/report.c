/*
 * report.c — findings as Chinese text and as JSON Lines (see report.h).
 */
#include "render/report.h"

#include "core/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- order ------------------------------------------------------------------------------------------ */

typedef struct {
    const ys_finding *f;
    size_t index;
} ordered;

static int src_pos(const ys_source *s)
{
    return s->line ? s->line : s->page;
}

static int cmp_ordered(const void *a, const void *b)
{
    const ordered *x = a, *y = b;
    if (x->f->severity != y->f->severity) return x->f->severity > y->f->severity ? -1 : 1;
    /* findings without a position go after those with one */
    int px = src_pos(&x->f->at.src), py = src_pos(&y->f->at.src);
    if ((px == 0) != (py == 0)) return px == 0 ? 1 : -1;
    if (px != py) return px < py ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index ? 1 : 0;
}

/* The unfolded findings in report order; caller frees. */
static ordered *order(const ys_findings *f, size_t *n)
{
    ordered *o = ys_xcalloc(f->count ? f->count : 1, sizeof *o);
    size_t k = 0;
    for (size_t i = 0; i < f->count; i++)
        if (!f->items[i].folded) o[k].f = &f->items[i], o[k].index = i, k++;
    qsort(o, k, sizeof *o, cmp_ordered);
    *n = k;
    return o;
}

/* ---- shared ----------------------------------------------------------------------------------------- */

void ys_report_count(const ys_findings *f, ys_report_counts *c)
{
    for (size_t i = 0; i < f->count; i++) {
        const ys_finding *fd = &f->items[i];
        if (fd->folded) continue;
        if (fd->severity == YS_SEV_ERROR) c->errors++;
        else if (fd->severity == YS_SEV_WARNING) c->warnings++;
        else c->infos++;
    }
}

void ys_report_summary(ys_buf *out, const ys_report_counts *c)
{
    ys_buf_printf(out, "错误 %zu 项，警告 %zu 项，提示 %zu 项", c->errors, c->warnings, c->infos);
}

const char *ys_report_source(const ys_source *src, const char *fallback_file, char *buf, size_t bufsz)
{
    const char *file = (src && src->file && *src->file) ? src->file : fallback_file ? fallback_file : "";
    if (src && src->where) snprintf(buf, bufsz, "%s%s%s", file, *file ? ":" : "", src->where);
    else if (src && src->line) snprintf(buf, bufsz, "%s:%d", file, src->line);
    else if (src && src->page) snprintf(buf, bufsz, "%s:page %d", file, src->page);
    else snprintf(buf, bufsz, "%s", file);
    return buf;
}

static const char *amount(ys_money v, const ys_finding *fd, char *buf, size_t bufsz)
{
    return ys_money_format(v, fd->unit, fd->decimals, buf, bufsz);
}

/* ---- text ------------------------------------------------------------------------------------------- */

/* A line of the document for a terminal: trimmed, tabs as two spaces, other control bytes as spaces. */
static void add_display_line(ys_buf *out, const char *s)
{
    size_t n = strlen(s), b = 0;
    while (n > 0 && ((unsigned char)s[n - 1] <= ' ')) n--;
    while (b < n && ((unsigned char)s[b] <= ' ')) b++;
    for (size_t i = b; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\t') ys_buf_adds(out, "  ");
        else if (c < ' ' || c == 0x7f) ys_buf_addc(out, ' ');
        else ys_buf_addc(out, (char)c);
    }
}

static void add_amounts(ys_buf *out, const ys_finding *fd)
{
    if (!fd->has_expected && !fd->has_actual) return;
    const char *u = ys_unit_name(fd->unit);
    const char *sp = *u ? " " : "";
    char e[YS_MONEY_BUFSZ], a[YS_MONEY_BUFSZ], d[YS_MONEY_BUFSZ];
    ys_buf_adds(out, "    ");
    if (fd->has_expected) ys_buf_printf(out, "应为 %s%s%s", amount(fd->expected, fd, e, sizeof e), sp, u);
    if (fd->has_expected && fd->has_actual) ys_buf_adds(out, "，");
    if (fd->has_actual) ys_buf_printf(out, "实为 %s%s%s", amount(fd->actual, fd, a, sizeof a), sp, u);
    if (fd->has_expected && fd->has_actual)
        ys_buf_printf(out, "，差 %s%s%s", amount(fd->actual - fd->expected, fd, d, sizeof d), sp, u);
    ys_buf_addc(out, '\n');
}

/* How many unfolded findings of fd's rule and severity there are (for grouping). */
static size_t same_kind(const ordered *o, size_t n, const ys_finding *fd)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (o[i].f->severity == fd->severity && strcmp(o[i].f->rule, fd->rule) == 0) k++;
    return k;
}

void ys_report_text(ys_buf *out, const ys_disclosure *d, const char *file, const ys_findings *f)
{
    size_t n;
    ordered *o = order(f, &n);
    ys_buf_printf(out, "== %s ==\n", file ? file : "");
    if (n == 0) ys_buf_adds(out, "未发现问题。\n");
    for (size_t i = 0; i < n; i++) {
        const ys_finding *fd = o[i].f;
        size_t total = fd->severity == YS_SEV_ERROR ? 0 : same_kind(o, n, fd);
        size_t seen = 0;   /* earlier findings of the same kind */
        for (size_t k = 0; k < i; k++)
            if (o[k].f->severity == fd->severity && strcmp(o[k].f->rule, fd->rule) == 0) seen++;
        bool grouped = total >= YS_REPORT_GROUP_MIN;
        if (grouped && seen >= YS_REPORT_GROUP_SHOW) continue;

        char loc[1024];
        ys_buf_printf(out, "%s: %s[%s]: %s\n", ys_report_source(&fd->at.src, file, loc, sizeof loc),
                      ys_severity_zh(fd->severity), fd->rule, fd->message ? fd->message : "");
        int line = fd->at.src.line;
        if (d && d->lines && line >= 1 && (size_t)line <= d->nlines && d->lines[line - 1]) {
            ys_buf_adds(out, "    | ");
            add_display_line(out, d->lines[line - 1]);
            ys_buf_addc(out, '\n');
        }
        add_amounts(out, fd);
    }
    /* the grouped rules, in order of first appearance: how many of each were not shown */
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        const ys_finding *fd = o[i].f;
        if (fd->severity == YS_SEV_ERROR) continue;
        size_t total = same_kind(o, n, fd), seen = 0;
        for (size_t k = 0; k < i; k++)
            if (o[k].f->severity == fd->severity && strcmp(o[k].f->rule, fd->rule) == 0) seen++;
        if (total < YS_REPORT_GROUP_MIN || seen != 0) continue;
        ys_buf_printf(out, "另有 %zu 项%s[%s] 未逐条列出\n", total - YS_REPORT_GROUP_SHOW,
                      ys_severity_zh(fd->severity), fd->rule);
        any = true;
    }
    if (any) ys_buf_adds(out, "（--format json 列出全部）\n");
    ys_report_counts c = {0, 0, 0};
    ys_report_count(f, &c);
    ys_report_summary(out, &c);
    ys_buf_addc(out, '\n');
    free(o);
}

/* ---- JSON Lines ------------------------------------------------------------------------------------- */

/*
 * The JSON Lines view is written directly into the output buffer (an audit of many files writes one
 * object per finding; building jansson objects for each cost more than reading the document). The bytes
 * are those of jansson's json_dumps(JSON_COMPACT | JSON_PRESERVE_ORDER), which this replaced and which
 * tests/unit/test_render.c compares against: '"', '\' and the control characters escaped (\b \f \n \r \t,
 * others \u00XX), everything else as it is (UTF-8), and a string that is not valid UTF-8 written as
 * "\uFFFD" the character (U+FFFD) — invalid UTF-8 cannot come from the reader; be safe.
 */
static void json_str(ys_buf *out, const char *s)
{
    if (!s) {
        ys_buf_adds(out, "null");
        return;
    }
    size_t n = strlen(s);
    if (!ys_utf8_valid(s, n, NULL)) {
        ys_buf_adds(out, "\"\xef\xbf\xbd\"");
        return;
    }
    ys_buf_addc(out, '"');
    size_t run = 0;   /* start of the bytes not yet written */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        ys_buf_add(out, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': ys_buf_adds(out, "\\\""); break;
        case '\\': ys_buf_adds(out, "\\\\"); break;
        case '\b': ys_buf_adds(out, "\\b"); break;
        case '\f': ys_buf_adds(out, "\\f"); break;
        case '\n': ys_buf_adds(out, "\\n"); break;
        case '\r': ys_buf_adds(out, "\\r"); break;
        case '\t': ys_buf_adds(out, "\\t"); break;
        default: ys_buf_printf(out, "\\u%04X", (unsigned)c); break;
        }
    }
    ys_buf_add(out, s + run, n - run);
    ys_buf_addc(out, '"');
}

/* "key": preceded by a comma unless it opens the object; the key is a constant of this file (plain
 * ASCII, nothing to escape). */
static void json_key(ys_buf *out, const char *key)
{
    if (out->len && out->data[out->len - 1] != '{') ys_buf_addc(out, ',');
    ys_buf_addc(out, '"');
    ys_buf_adds(out, key);
    ys_buf_adds(out, "\":");
}

static void str_field(ys_buf *out, const char *key, const char *s)
{
    json_key(out, key);
    json_str(out, s);
}

static void row_field(ys_buf *out, const char *key, int row)
{
    json_key(out, key);
    if (row >= 0) ys_buf_printf(out, "%d", row);
    else ys_buf_adds(out, "null");
}

static const char *table_name(ys_table_id id)
{
    const char *s = ys_table_id_name(id);
    return *s ? s : "document";
}

static void location_json(ys_buf *out, const ys_location *l, const char *file)
{
    char buf[1024];
    ys_buf_addc(out, '{');
    str_field(out, "table", table_name(l->table));
    row_field(out, "row", l->row);
    str_field(out, "code", l->code);
    str_field(out, "column", l->column);
    str_field(out, "name", l->name);
    str_field(out, "source", ys_report_source(&l->src, file, buf, sizeof buf));
    ys_buf_addc(out, '}');
}

static void amount_field(ys_buf *out, const char *key, bool has, ys_money v, const ys_finding *fd)
{
    char buf[YS_MONEY_BUFSZ];
    str_field(out, key, has ? amount(v, fd, buf, sizeof buf) : NULL);
}

void ys_report_jsonl(ys_buf *out, const char *file, const ys_findings *f)
{
    size_t n;
    ordered *o = order(f, &n);
    for (size_t i = 0; i < n; i++) {
        const ys_finding *fd = o[i].f;
        char buf[1024];
        bool amounts = fd->has_expected || fd->has_actual;
        ys_buf_addc(out, '{');
        str_field(out, "file", file ? file : "");
        str_field(out, "rule", fd->rule);
        str_field(out, "severity", ys_severity_name(fd->severity));
        str_field(out, "table", table_name(fd->at.table));
        str_field(out, "code", fd->at.code);
        row_field(out, "row", fd->at.row);
        str_field(out, "column", fd->at.column);
        str_field(out, "name", fd->at.name);
        amount_field(out, "expected", fd->has_expected, fd->expected, fd);
        amount_field(out, "actual", fd->has_actual, fd->actual, fd);
        str_field(out, "unit", amounts && fd->unit != YS_UNIT_UNKNOWN ? ys_unit_name(fd->unit) : NULL);
        str_field(out, "message", fd->message ? fd->message : "");
        str_field(out, "source", ys_report_source(&fd->at.src, file, buf, sizeof buf));
        json_key(out, "locations");
        ys_buf_addc(out, '[');
        for (size_t k = 0; k < fd->nlocs; k++) {
            if (k) ys_buf_addc(out, ',');
            location_json(out, &fd->locs[k], file);
        }
        ys_buf_adds(out, "]}\n");
    }
    free(o);
}
