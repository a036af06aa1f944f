/* display.c — full-width punctuation in Chinese text for display (see display.h). */
#include "core/display.h"
#include "core/text.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static void put_cp(ys_buf *b, int cp)
{
    char tmp[4];
    size_t n;
    if (cp < 0x80) tmp[0] = (char)cp, n = 1;
    else if (cp < 0x800) tmp[0] = (char)(0xC0 | (cp >> 6)), tmp[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
    else if (cp < 0x10000)
        tmp[0] = (char)(0xE0 | (cp >> 12)), tmp[1] = (char)(0x80 | ((cp >> 6) & 0x3F)),
        tmp[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
    else
        tmp[0] = (char)(0xF0 | (cp >> 18)), tmp[1] = (char)(0x80 | ((cp >> 12) & 0x3F)),
        tmp[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), tmp[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
    ys_buf_add(b, tmp, n);
}

static bool cjk(int cp)
{
    return cp > 0 && ys_is_cjk(cp);
}

void ys_text_display_into(ys_buf *out, const char *s)
{
    size_t n = strlen(s), i = 0;
    /* decode once so that neighbours are at hand */
    size_t cap = n + 1, count = 0;
    int stackbuf[256];
    int *cps = cap <= sizeof stackbuf / sizeof *stackbuf ? stackbuf : ys_xmalloc(cap * sizeof *cps);
    while (i < n) {
        int cp = ys_utf8_next(s, n, &i);
        cps[count++] = cp < 0 ? 0xFFFD : cp;
    }
    unsigned long long widened = 0;   /* bit stack: was the open bracket at this depth widened? */
    int depth = 0;
    for (size_t k = 0; k < count; k++) {
        int cp = cps[k], prev = k ? cps[k - 1] : 0, next = k + 1 < count ? cps[k + 1] : 0;
        int out_cp = cp;
        switch (cp) {
        case ',':
            if (cjk(prev) || cjk(next)) out_cp = 0xFF0C;
            break;
        case ':':
            if (cjk(prev)) out_cp = 0xFF1A;
            break;
        case ';':
            if (cjk(prev) || cjk(next)) out_cp = 0xFF1B;
            break;
        case '!':
            if (cjk(prev)) out_cp = 0xFF01;
            break;
        case '?':
            if (cjk(prev)) out_cp = 0xFF1F;
            break;
        case '(': {
            bool w = cjk(prev) || cjk(next);
            if (depth < 64) widened = (widened & ~(1ULL << depth)) | ((unsigned long long)w << depth);
            depth++;
            if (w) out_cp = 0xFF08;
            break;
        }
        case ')':
            if (depth > 0) {
                depth--;
                if (depth < 64 && (widened >> depth & 1)) out_cp = 0xFF09;
            } else if (cjk(prev) || cjk(next)) {
                out_cp = 0xFF09;
            }
            break;
        }
        put_cp(out, out_cp);
    }
    if (cps != stackbuf) free(cps);
}

char *ys_text_display(ys_arena *a, const char *s)
{
    ys_buf b = YS_BUF_INIT;
    ys_text_display_into(&b, s ? s : "");
    char *r = ys_arena_strndup(a, ys_buf_str(&b), b.len);
    ys_buf_release(&b);
    return r;
}
