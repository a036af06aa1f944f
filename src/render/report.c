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
    else if (src && src->line > 0 && strlen(file) + 12 <= bufsz) {
        /* "file:line", the common case, without snprintf */
        size_t fl = strlen(file), k = 12;
        char digits[12];
        unsigned v = (unsigned)src->line;
        do digits[--k] = (char)('0' + v % 10), v /= 10;
        while (v);
        memcpy(buf, file, fl);
        buf[fl] = ':';
        memcpy(buf + fl + 1, digits + k, 12 - k);
        buf[fl + 1 + 12 - k] = '\0';
    } else if (src && src->line) snprintf(buf, bufsz, "%s:%d", file, src->line);
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
/* What json_str does with a byte: copy it (0), escape it (1: '"', '\\', control characters), or look
 * at it as part of a multi-byte UTF-8 sequence (2). */
static const unsigned char json_class[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
};

/* Room for n more bytes (and the NUL) at the end of out; returns where they go. */
static char *json_room(ys_buf *out, size_t n)
{
    if (!out->data || out->len + n + 1 > out->cap) {
        size_t len = out->len;
        ys_buf_add(out, "", 0);   /* allocates when empty */
        size_t nc = out->cap;
        while (nc < len + n + 1) nc *= 2;
        if (nc != out->cap) {
            out->data = ys_xrealloc(out->data, nc);
            out->cap = nc;
        }
    }
    return out->data + out->len;
}

/* Append the literal s[0..n) (no escaping). */
static void json_raw(ys_buf *out, const char *s, size_t n)
{
    char *o = json_room(out, n);
    memcpy(o, s, n);
    out->len += n;
    out->data[out->len] = '\0';
}

/* The escaped JSON string of s[0..n) at o (room for 6n + 2 bytes), in one pass that also checks the
 * UTF-8 (as ys_utf8_valid). Returns the bytes written, 0 when s is not valid UTF-8. */
static size_t json_escape(char *o, const unsigned char *u, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    char *w = o;
    *w++ = '"';
    size_t i = 0;
    while (i < n) {
        unsigned c = u[i];
        switch (json_class[c]) {
        case 0:
            *w++ = (char)c;
            i++;
            continue;
        case 1:
            *w++ = '\\';
            switch (c) {
            case '"': *w++ = '"'; break;
            case '\\': *w++ = '\\'; break;
            case '\b': *w++ = 'b'; break;
            case '\f': *w++ = 'f'; break;
            case '\n': *w++ = 'n'; break;
            case '\r': *w++ = 'r'; break;
            case '\t': *w++ = 't'; break;
            default:
                *w++ = 'u', *w++ = '0', *w++ = '0', *w++ = hex[c >> 4], *w++ = hex[c & 15];
                break;
            }
            i++;
            continue;
        default:
            /* three-byte sequences with leads E1–EC and EE–EF cannot be overlong or surrogates:
             * copied without decoding (every CJK ideograph); anything else through the decoder */
            if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 3 <= n && (u[i + 1] & 0xC0) == 0x80 &&
                (u[i + 2] & 0xC0) == 0x80) {
                w[0] = (char)c, w[1] = (char)u[i + 1], w[2] = (char)u[i + 2];
                w += 3;
                i += 3;
                continue;
            }
            size_t at = i;
            if (ys_utf8_next((const char *)u, n, &i) < 0) return 0;
            memcpy(w, u + at, i - at);
            w += i - at;
        }
    }
    *w++ = '"';
    return (size_t)(w - o);
}

/* The length of the longest plain prefix of the NUL-terminated u (valid UTF-8, nothing to escape),
 * found in the same pass as the string's length (no strlen first): u[result] is the NUL when the whole
 * string is plain.
 * Valid UTF-8 is recognised without decoding for two-byte sequences and three-byte ones with leads
 * E1–EC and EE–EF (neither can be overlong or a surrogate); any other multi-byte sequence stops the
 * prefix: json_escape, which checks it exactly, then decides (the same bytes are written either way). */
static size_t json_plain_len(const unsigned char *u)
{
    size_t i = 0;
    for (;;) {
        unsigned c = u[i];
        if (json_class[c] == 0) {   /* NUL is class 1 */
            i++;
            continue;
        }
        if (c >= 0xE1 && c <= 0xEF && c != 0xED && (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80) {
            i += 3;   /* u[i + 1] is not the NUL (a continuation byte), so u[i + 2] may be read */
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF && (u[i + 1] & 0xC0) == 0x80) {   /* two bytes, never overlong (· × ±) */
            i += 2;
            continue;
        }
        return i;
    }
}

static void json_str(ys_buf *out, const char *s)
{
    if (!s) {
        json_raw(out, "null", 4);
        return;
    }
    size_t n = json_plain_len((const unsigned char *)s);
    if (!s[n]) {   /* the common case: nothing to escape, copied whole */
        char *o = json_room(out, n + 2);
        o[0] = '"';
        memcpy(o + 1, s, n);
        o[n + 1] = '"';
        out->len += n + 2;
        out->data[out->len] = '\0';
        return;
    }
    n += strlen(s + n);
    char *o = json_room(out, 6 * n + 2);
    size_t w = json_escape(o, (const unsigned char *)s, n);
    if (!w) {
        json_raw(out, "\"\xef\xbf\xbd\"", 5);
        return;
    }
    out->len += w;
    out->data[out->len] = '\0';
}

/* "key": preceded by a comma unless it opens the object; the key is a constant of this file (plain
 * ASCII, nothing to escape), given with its quotes and colon ("\"file\":"). */
#define json_key(out, qkey) json_key_n((out), (qkey), sizeof(qkey) - 1)

static void json_key_n(ys_buf *out, const char *qkey, size_t n)
{
    char *o = json_room(out, n + 1);
    if (out->len && out->data[out->len - 1] != '{') *o++ = ',', out->len++;
    memcpy(o, qkey, n);
    out->len += n;
    out->data[out->len] = '\0';
}

#define str_field(out, key, s) (json_key((out), "\"" key "\":"), json_str((out), (s)))
#define row_field(out, key, row) (json_key((out), "\"" key "\":"), json_int((out), (row)))

/* A row number, or null when negative. */
static void json_int(ys_buf *out, int v)
{
    if (v < 0) {
        json_raw(out, "null", 4);
        return;
    }
    char tmp[16];
    size_t k = sizeof tmp;
    unsigned u = (unsigned)v;
    do tmp[--k] = (char)('0' + u % 10), u /= 10;
    while (u);
    json_raw(out, tmp + k, sizeof tmp - k);
}

static const char *table_name(ys_table_id id)
{
    const char *s = ys_table_id_name(id);
    return *s ? s : "document";
}

static void location_json(ys_buf *out, const ys_location *l, const char *file)
{
    char buf[1024];
    json_raw(out, "{", 1);
    str_field(out, "table", table_name(l->table));
    row_field(out, "row", l->row);
    str_field(out, "code", l->code);
    str_field(out, "column", l->column);
    str_field(out, "name", l->name);
    str_field(out, "source", ys_report_source(&l->src, file, buf, sizeof buf));
    json_raw(out, "}", 1);
}

#define amount_field(out, key, has, v, fd) \
    do { \
        char amount_buf_[YS_MONEY_BUFSZ]; \
        str_field((out), key, (has) ? amount((v), (fd), amount_buf_, sizeof amount_buf_) : NULL); \
    } while (0)

void ys_report_jsonl(ys_buf *out, const char *file, const ys_findings *f)
{
    size_t n;
    ordered *o = order(f, &n);
    for (size_t i = 0; i < n; i++) {
        const ys_finding *fd = o[i].f;
        char buf[1024];
        bool amounts = fd->has_expected || fd->has_actual;
        json_raw(out, "{", 1);
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
        json_key(out, "\"locations\":[");
        for (size_t k = 0; k < fd->nlocs; k++) {
            if (k) json_raw(out, ",", 1);
            location_json(out, &fd->locs[k], file);
        }
        json_raw(out, "]}\n", 3);
    }
    free(o);
}
