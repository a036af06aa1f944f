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

/* True when s[0..n) looks binary (a NUL, or more than 5 % control bytes); *ff tells whether it holds
 * a form feed (the control bytes are looked at anyway). */
static bool looks_binary(const char *s, size_t n, bool *ff)
{
    size_t ctl = 0, i = 0;
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    for (; i + 8 <= n; i += 8) {
        /* eight bytes at a time: m flags every byte below 0x20 (the "has a byte less than" word test;
         * a borrow can flag a byte above a flagged one too, never miss one), and only flagged bytes are
         * looked at */
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t m = (w - UINT64_C(0x2020202020202020)) & ~w & UINT64_C(0x8080808080808080);
        while (m) {
            unsigned b = (unsigned)__builtin_ctzll(m) / 8;
            m &= m - 1;
            unsigned char c = (unsigned char)s[i + b];
            if (c == 0) return true;
            if (c == '\f') *ff = true;
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ctl++;
        }
    }
#endif
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0) return true;
        if (c == '\f') *ff = true;
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ctl++;
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

/* The line s[0..n) in the arena, without form feeds; its length in *len. ff: the text may hold form
 * feeds (false: it holds none, no need to look). */
static const char *raw_line(ys_arena *a, const char *s, size_t n, size_t *len, bool ff)
{
    *len = n;
    if (!ff || !memchr(s, '\f', n)) return ys_arena_strndup(a, s, n);
    char *r = ys_arena_alloc(a, n + 1), *o = r;
    for (size_t i = 0; i < n; i++)
        if (s[i] != '\f') *o++ = s[i];
    *o = '\0';
    *len = (size_t)(o - r);
    return r;
}

/* Split the tab form of a line (form[0..len): l->raw, or its conversion from another shape) on tabs into
 * l->cells (raw and normalised), join the normalised cells into l->norm and compute l->key. The raw cells
 * share one copy of the line, its tabs turned into NULs. */
static void split_cells(ys_arena *a, ys_tline *l, const char *form, size_t len)
{
    char *copy = ys_arena_strndup(a, form, len);
    /* cell starts: on the stack for ordinary lines, on the heap for very wide ones */
    size_t starts_local[64], *starts = starts_local, cap = 64, nc = 1;
    starts[0] = 0;
    for (char *p = copy, *end = copy + len; (p = memchr(p, '\t', (size_t)(end - p))); p++) {
        if (nc == cap) {
            size_t *bigger = ys_xmalloc(2 * cap * sizeof *bigger);
            memcpy(bigger, starts, cap * sizeof *starts);
            if (starts != starts_local) free(starts);
            starts = bigger;
            cap *= 2;
        }
        *p = '\0';
        starts[nc++] = (size_t)(p - copy) + 1;
    }
    l->cells = ys_arena_alloc_raw(a, nc * sizeof *l->cells);
    l->ncells = nc;
    size_t lens_local[64], *lens = nc <= 64 ? lens_local : ys_xmalloc(nc * sizeof *lens);
    size_t normlen = nc - 1;   /* the tabs */
    /* the line's key is the cells' keys one after the other (a key has no white space, tabs included),
     * written as the cells are normalised while every cell takes the fast path */
    char *key = ys_arena_alloc_raw(a, len + 1);
    size_t keylen = 0;
    bool key_done = true;
    for (size_t c = 0; c < nc; c++) {
        size_t cl = (c + 1 < nc ? starts[c + 1] - 1 : len) - starts[c], kl = 0;
        l->cells[c].raw = copy + starts[c];
        if (cl == 0) {   /* an empty cell (a third of them): its normalised text is the same "" */
            l->cells[c].norm = copy + starts[c];
            lens[c] = 0;
            continue;
        }
        l->cells[c].norm = ys_text_normalize_key(a, copy + starts[c], cl, &lens[c], key_done ? key + keylen : NULL, &kl);
        if (kl == SIZE_MAX) key_done = false;
        else keylen += kl;
        if (lens[c]) l->nfilled++;
        normlen += lens[c];
    }
    char *norm = ys_arena_alloc_raw(a, normlen + 1), *o = norm;
    for (size_t c = 0; c < nc; c++) {
        if (c) *o++ = '\t';
        if (!lens[c]) continue;
        memcpy(o, l->cells[c].norm, lens[c]);
        o += lens[c];
    }
    *o = '\0';
    l->norm = norm;
    l->blank = l->nfilled == 0;
    if (key_done) key[keylen] = '\0';
    l->key = key_done ? key : ys_text_key_normalized(a, norm, normlen);
    if (starts != starts_local) free(starts);
    if (lens != lens_local) free(lens);
}

/* Detect the shape of the lines (read/shape.h), turn them into the tab form, and split every line. */
static void split_shaped(ys_tdoc *td, ys_arena *a, const size_t *rawlen, ys_diags *diags)
{
    const char **raw = td->doc->lines;
    ys_shape shape = ys_shape_detect(raw, td->nlines);
    const char **form = raw;
    if (shape != YS_SHAPE_TABS) {
        form = ys_arena_calloc(a, td->nlines ? td->nlines : 1, sizeof *form);
        ys_shape_convert(a, shape, td->file, raw, td->nlines, form, diags);
    }
    for (size_t i = 0; i < td->nlines; i++)
        split_cells(a, &td->lines[i], form[i], form == raw ? rawlen[i] : strlen(form[i]));
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
    bool ff = false;   /* a form feed in the bytes */
    if (looks_binary(bytes, n, &ff)) {
        ys_diags_add(diags, YS_DIAG_ERROR, doc->file, 0, 0, "不是文本文件（含二进制内容）");
        return YS_ERR_FORMAT;
    }
    /* UTF-8 input (the common case) is split where it lies: ys_text_decode would only copy it (after
     * dropping a BOM, as here); everything below reads text[0..len) by length, never up to a NUL.
     * Other input is decoded into `owned` (GB18030), or refused, exactly as before. */
    const char *text = bytes;
    char *owned = NULL;
    size_t len = n, bad = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) text += 3, len -= 3;
    if (ys_utf8_valid(text, len, NULL)) {
        td->encoding = "UTF-8";
    } else {
        ys_status st = ys_text_decode(bytes, n, &owned, &len, &td->encoding, &bad);
        if (st != YS_OK) {
            ys_diags_add(diags, YS_DIAG_ERROR, doc->file, line_of_offset(bytes, bad), 0,
                         "无法识别的文本编码：既不是 UTF-8，也不是 GBK/GB18030（第 %zu 字节）", bad + 1);
            return st;
        }
        text = owned;
        ff = true;   /* decoded text: look for form feeds line by line, as before */
    }
    ys_arena *a = doc->arena;
    size_t cap = count_lines(text, len);
    td->lines = ys_arena_calloc(a, cap, sizeof *td->lines);
    doc->lines = ys_arena_calloc(a, cap, sizeof *doc->lines);
    size_t *rawlen = ys_xmalloc(cap * sizeof *rawlen);   /* length of each raw line */
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
        l->raw = raw_line(a, text + start, e - start, &rawlen[td->nlines], ff);
        doc->lines[td->nlines] = l->raw;
        td->nlines++;
        doc->nlines = td->nlines;
        if (end >= len) break;
        start = end + 1;
    }
    free(owned);
    split_shaped(td, a, rawlen, diags);
    free(rawlen);
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
