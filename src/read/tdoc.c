/* tdoc.c — decode, split and normalise a text document (see tdoc.h). Pasted shapes other than tabs
 * (bars, space-aligned, one cell per line: read/shape.h) are turned into the tab form before the split;
 * the original lines stay in doc->lines and ys_tline.raw for evidence. */
#include "read/tdoc.h"
#include "core/buf.h"
#include "core/text.h"
#include "read/shape.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static size_t count_lines(const char *s, size_t n)
{
    size_t c = 1;
    const char *p = s, *end = s + n;
    while (p < end && (p = memchr(p, '\n', (size_t)(end - p)))) c++, p++;
    return c;
}

static bool looks_binary(const char *s, size_t n)
{
    size_t ctl = 0, i = 0;
    while (i < n) {
        /* eight bytes at a time while none of them is below 0x20 (the exact "has a byte less than"
         * word test); a word with one is looked at byte by byte */
        if (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (!((w - UINT64_C(0x2020202020202020)) & ~w & UINT64_C(0x8080808080808080))) {
                i += 8;
                continue;
            }
        }
        size_t stop = i + 8 < n ? i + 8 : n;
        for (; i < stop; i++) {
            unsigned char c = (unsigned char)s[i];
            if (c == 0) return true;
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ctl++;
        }
    }
    return ctl * 20 > n;   /* more than 5 % control bytes */
}

static int line_of_offset(const char *s, size_t off)
{
    int line = 1;
    for (size_t i = 0; i < off; i++)
        if (s[i] == '\n') line++;
    return line;
}

/* The line s[0..n) in the arena, without form feeds. */
static const char *raw_line(ys_arena *a, const char *s, size_t n)
{
    if (!memchr(s, '\f', n)) return ys_arena_strndup(a, s, n);
    char *r = ys_arena_alloc(a, n + 1), *o = r;
    for (size_t i = 0; i < n; i++)
        if (s[i] != '\f') *o++ = s[i];
    *o = '\0';
    return r;
}

/* Split the tab form of a line (l->raw, or its conversion from another shape) on tabs into l->cells (raw
 * and normalised), and join the normalised cells into l->norm. The raw cells share one copy of the line,
 * its tabs turned into NULs. */
static void split_cells(ys_arena *a, ys_tline *l, const char *form)
{
    size_t len = strlen(form), nc = 1;
    for (const char *p = form; (p = memchr(p, '\t', len - (size_t)(p - form))); p++) nc++;
    l->cells = ys_arena_calloc(a, nc, sizeof *l->cells);
    l->ncells = nc;
    char *copy = ys_arena_strndup(a, form, len);
    size_t normlen = 0;
    char *p = copy;
    for (size_t c = 0; c < nc; c++) {
        char *q = c + 1 < nc ? strchr(p, '\t') : NULL;
        size_t cl = q ? (size_t)(q - p) : strlen(p);
        if (q) *q = '\0';
        l->cells[c].raw = p;
        l->cells[c].norm = ys_text_normalize(a, p, cl);
        if (*l->cells[c].norm) l->nfilled++;
        normlen += strlen(l->cells[c].norm) + (c ? 1 : 0);
        p = q ? q + 1 : p + cl;
    }
    char *norm = ys_arena_alloc(a, normlen + 1), *o = norm;
    for (size_t c = 0; c < nc; c++) {
        if (c) *o++ = '\t';
        size_t k = strlen(l->cells[c].norm);
        memcpy(o, l->cells[c].norm, k);
        o += k;
    }
    *o = '\0';
    l->norm = norm;
    l->blank = l->nfilled == 0;
}

/* Detect the shape of the lines (read/shape.h), turn them into the tab form, and split every line. */
static void split_shaped(ys_tdoc *td, ys_arena *a, ys_diags *diags)
{
    const char **raw = td->doc->lines;
    ys_shape shape = ys_shape_detect(raw, td->nlines);
    const char **form = raw;
    if (shape != YS_SHAPE_TABS) {
        form = ys_arena_calloc(a, td->nlines ? td->nlines : 1, sizeof *form);
        ys_shape_convert(a, shape, td->file, raw, td->nlines, form, diags);
    }
    for (size_t i = 0; i < td->nlines; i++) {
        ys_tline *l = &td->lines[i];
        split_cells(a, l, form[i]);
        l->key = ys_text_key(a, l->norm);
    }
}

ys_status ys_tdoc_load(ys_tdoc *td, ys_disclosure *doc, const char *bytes, size_t n, ys_diags *diags)
{
    memset(td, 0, sizeof *td);
    td->doc = doc;
    td->file = doc->file;
    if (n == 0) {
        ys_diags_add(diags, YS_DIAG_ERROR, doc->file, 0, 0, "文件为空");
        return YS_ERR_FORMAT;
    }
    if (looks_binary(bytes, n)) {
        ys_diags_add(diags, YS_DIAG_ERROR, doc->file, 0, 0, "不是文本文件（含二进制内容）");
        return YS_ERR_FORMAT;
    }
    char *text = NULL;
    size_t len = 0, bad = 0;
    ys_status st = ys_text_decode(bytes, n, &text, &len, &td->encoding, &bad);
    if (st != YS_OK) {
        ys_diags_add(diags, YS_DIAG_ERROR, doc->file, line_of_offset(bytes, bad), 0,
                     "无法识别的文本编码：既不是 UTF-8，也不是 GBK/GB18030（第 %zu 字节）", bad + 1);
        return st;
    }
    ys_arena *a = doc->arena;
    size_t cap = count_lines(text, len);
    td->lines = ys_arena_calloc(a, cap, sizeof *td->lines);
    doc->lines = ys_arena_calloc(a, cap, sizeof *doc->lines);
    size_t start = 0;
    while (start <= len) {
        const char *nl = start < len ? memchr(text + start, '\n', len - start) : NULL;
        size_t end = nl ? (size_t)(nl - text) : len;
        if (start == len && end == len && td->nlines > 0) break;   /* no empty last line after final \n */
        size_t e = end;
        if (e > start && text[e - 1] == '\r') e--;
        ys_tline *l = &td->lines[td->nlines];
        l->lineno = (int)td->nlines + 1;
        /* form feeds (page breaks of pdftotext) are dropped from the text */
        l->raw = raw_line(a, text + start, e - start);
        doc->lines[td->nlines] = l->raw;
        td->nlines++;
        doc->nlines = td->nlines;
        if (end >= len) break;
        start = end + 1;
    }
    free(text);
    split_shaped(td, a, diags);
    td->claimed = ys_arena_calloc(a, td->nlines ? td->nlines : 1, 1);
    return YS_OK;
}

const char *ys_tline_cell(const ys_tline *l, size_t i)
{
    return i < l->ncells ? l->cells[i].norm : "";
}

int ys_tline_first(const ys_tline *l)
{
    for (size_t i = 0; i < l->ncells; i++)
        if (*l->cells[i].norm) return (int)i;
    return -1;
}

int ys_tline_last(const ys_tline *l)
{
    for (size_t i = l->ncells; i > 0; i--)
        if (*l->cells[i - 1].norm) return (int)i - 1;
    return -1;
}

ys_source ys_tdoc_source(const ys_tdoc *td, size_t index)
{
    ys_source s = {0};
    s.file = td->file;
    s.line = index < td->nlines ? td->lines[index].lineno : 0;
    return s;
}
