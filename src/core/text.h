/*
 * text.h — decoding and normalising text. Text is normalised once, at the reader; the original string
 * is kept beside it for display and evidence.
 *
 *  - ys_text_decode: bytes of a file → UTF-8 (a UTF-8 BOM is dropped; input that is not valid UTF-8 is
 *    read as GB18030, a superset of GBK and GB2312; neither → YS_ERR_ENCODING with the byte offset).
 *  - ys_text_normalize: NFKC (utf8proc: full-width digits, letters and punctuation, the Kangxi Radicals
 *    block), the CJK Radicals Supplement that NFKC leaves alone (⻔→门), runs of white space collapsed to
 *    one space, spaces between two CJK characters dropped (PDF line wraps), trimmed.
 *  - ys_text_key: a comparison key: normalised, no white space at all, bracket and quote widths and
 *    shapes unified ((（【〔[ → "(", ”“"' → '"'). Two names "agree" when their keys are equal.
 *  - ys_text_find / ys_text_eq / ys_text_starts: strstr, strcmp(…) == 0 and "starts with", exactly, for
 *    the short words the reader and the rules test many lines and cells for (inline, see each).
 */
#ifndef YS_TEXT_H
#define YS_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "core/arena.h"
#include "core/status.h"

bool ys_utf8_valid(const char *s, size_t n, size_t *bad_offset);

/* On OK, *out (malloc'd, caller frees, NUL-terminated) holds UTF-8; *encoding names what was read. */
ys_status ys_text_decode(const char *s, size_t n, char **out, size_t *outlen, const char **encoding,
                         size_t *bad_offset);

/* Normalised copy of s[0..n), owned by a. Invalid UTF-8 bytes become U+FFFD. */
char *ys_text_normalize(ys_arena *a, const char *s, size_t n);
/* The same, with its length (it holds no NUL) in *len, and in *fast (may be NULL) whether the fast path
 * wrote it (ASCII, CJK ideographs and common CJK punctuation only: see ys_text_key_normalized). */
char *ys_text_normalize_len(ys_arena *a, const char *s, size_t n, size_t *len, bool *fast);
/* ys_text_normalize_len, and when the fast path applies the comparison key of the result as well:
 * written to key (room for n bytes; no NUL added), its length in *keylen — the bytes ys_text_key would
 * give for the result. *keylen = SIZE_MAX when the general path was needed (no key then). */
char *ys_text_normalize_key(ys_arena *a, const char *s, size_t n, size_t *len, char *key, size_t *keylen);

/* Comparison key of a (normalised or not) string, owned by a. */
char *ys_text_key(ys_arena *a, const char *s);
/* The same bytes as ys_text_key(a, s) for a string s[0..n) that is valid UTF-8 without NULs and
 * NUL-terminated at n — what ys_text_normalize writes, or several such strings joined with tabs. Quicker:
 * ideographs are copied without checking them. */
char *ys_text_key_normalized(ys_arena *a, const char *s, size_t n);

/* Same key-equality without allocating more than a scratch buffer. */
bool ys_text_same(const char *a, const char *b);

/* Decode one UTF-8 code point at s[*i..n); advances *i; returns -1 on an invalid sequence (skips 1 byte). */
int ys_utf8_next(const char *s, size_t n, size_t *i);

/* True for CJK ideographs, radicals and CJK/full-width punctuation. */
bool ys_is_cjk(int cp);

/* Number of code points. */
size_t ys_utf8_len(const char *s);

/* strstr(s, w), exactly (the first occurrence, s itself for an empty w, NULL when there is none), found
 * faster for the short words the reader and the rules look for: strchr jumps to each occurrence of w's
 * LAST byte and the bytes before it are compared. In UTF-8 Chinese text a word's last byte is a
 * continuation byte (one of 64 values) and rare, where its lead byte (E4–E9) starts most characters; the
 * generic strstr glibc picks on some CPUs (two-way) is several times slower per byte. Occurrences end in
 * increasing order, and all have w's length, so the first end found is the first start: strstr's answer.
 * Inline so that strlen of a literal w is a constant. tests/unit/test_fastpath6.c compares it with strstr. */
static inline const char *ys_text_find_n(const char *s, const char *w, size_t m)   /* m = strlen(w) */
{
    if (m == 0) return s;
    for (size_t k = 0; k + 1 < m; k++)
        if (!s[k]) return NULL;   /* s is shorter than w */
    const char *p = s + m - 1;
    while ((p = strchr(p, w[m - 1]))) {
        if (memcmp(p - (m - 1), w, m - 1) == 0) return p - (m - 1);
        p++;
    }
    return NULL;
}

/* ys_text_find_n with the length of w counted: a macro, so that the length of a literal word is a
 * constant at every call, whether or not the compiler inlines ys_text_find_n (w is evaluated twice:
 * pass no expression with side effects). */
#define ys_text_find(s, w) ys_text_find_n((s), (w), strlen(w))

/* strcmp(a, b) == 0, with the first three bytes compared inline: most comparisons in the reader and the
 * rules (a cell against a header word, a code against a row's code) fail there, without a call. Exact:
 * equal strings pass every byte test and reach the final strcmp; a NUL in a stops at once (b has it too). */
static inline bool ys_text_eq(const char *a, const char *b)
{
    if (a[0] != b[0]) return false;
    if (!a[0]) return true;
    if (a[1] != b[1]) return false;
    if (!a[1]) return true;
    if (a[2] != b[2]) return false;
    if (!a[2]) return true;
    return strcmp(a + 3, b + 3) == 0;
}

/* strncmp(s, p, strlen(p)) == 0 (s starts with p), byte by byte inline: no strlen, no call. Exact: s
 * cannot end early without differing (its NUL is not p's byte). */
static inline bool ys_text_starts(const char *s, const char *p)
{
    for (; *p; s++, p++)
        if (*s != *p) return false;
    return true;
}

#endif
