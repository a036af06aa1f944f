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
 */
#ifndef YS_TEXT_H
#define YS_TEXT_H

#include <stdbool.h>
#include <stddef.h>

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

#endif
