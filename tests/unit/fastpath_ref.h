/*
 * fastpath_ref.h — what the fast-path tests (test_fastpath*.c) share: a seeded pseudo-random generator
 * (the same sequence on every machine, so a failure reproduces) and the plain UTF-8 decoder that the fast
 * validators and decoders of core/text.c are compared against (strict: no overlong forms, no surrogates,
 * nothing above U+10FFFF).
 *
 * Header-only (static functions, unused-tolerant). Prefix none: the names are the tests' own.
 */
#ifndef FASTPATH_REF_H
#define FASTPATH_REF_H

#include <stddef.h>

#if defined(__GNUC__)
#define FPR_UNUSED __attribute__((unused))
#else
#define FPR_UNUSED
#endif

static FPR_UNUSED unsigned next_rand(unsigned *st)
{
    *st = *st * 1103515245u + 12345u;
    return (*st >> 16) & 0x7FFF;
}

/* The code point at s[*i] (advancing *i), or -1 for an invalid byte (advancing by one). */
static FPR_UNUSED int ref_next(const char *s, size_t n, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t k = *i;
    if (k >= n) return -1;
    unsigned c = u[k];
    int len, cp;
    if (c < 0x80) { *i = k + 1; return (int)c; }
    else if ((c & 0xE0) == 0xC0) len = 2, cp = c & 0x1F;
    else if ((c & 0xF0) == 0xE0) len = 3, cp = c & 0x0F;
    else if ((c & 0xF8) == 0xF0) len = 4, cp = c & 0x07;
    else { *i = k + 1; return -1; }
    if (k + (size_t)len > n) { *i = k + 1; return -1; }
    for (int j = 1; j < len; j++) {
        unsigned d = u[k + (size_t)j];
        if ((d & 0xC0) != 0x80) { *i = k + 1; return -1; }
        cp = (cp << 6) | (int)(d & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
        *i = k + 1;
        return -1;
    }
    *i = k + (size_t)len;
    return cp;
}

#endif
