/* text.c — decoding (UTF-8, GB18030) and normalisation (see text.h). */
#include "core/text.h"
#include "core/buf.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

int ys_utf8_next(const char *s, size_t n, size_t *i)
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
    /* reject overlong forms, surrogates and values beyond U+10FFFF */
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
        *i = k + 1;
        return -1;
    }
    *i = k + (size_t)len;
    return cp;
}

bool ys_utf8_valid(const char *s, size_t n, size_t *bad_offset)
{
    size_t i = 0;
    while (i < n) {
        size_t at = i;
        if ((unsigned char)s[i] < 0x80) { i++; continue; }
        if (ys_utf8_next(s, n, &i) < 0) {
            if (bad_offset) *bad_offset = at;
            return false;
        }
    }
    return true;
}

size_t ys_utf8_len(const char *s)
{
    size_t n = strlen(s), i = 0, count = 0;
    while (i < n) ys_utf8_next(s, n, &i), count++;
    return count;
}

bool ys_is_cjk(int cp)
{
    return (cp >= 0x2E80 && cp <= 0x2FDF) ||   /* radicals */
           (cp >= 0x3000 && cp <= 0x303F) ||   /* CJK punctuation */
           (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF01 && cp <= 0xFF60) ||
           (cp >= 0x20000 && cp <= 0x3134F) ||
           cp == 0x201C || cp == 0x201D;       /* Chinese quotes sit inside CJK runs */
}

ys_status ys_text_decode(const char *s, size_t n, char **out, size_t *outlen, const char **encoding,
                         size_t *bad_offset)
{
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) s += 3, n -= 3;
    size_t bad = 0;
    if (ys_utf8_valid(s, n, &bad)) {
        char *d = ys_xmalloc(n + 1);
        memcpy(d, s, n);
        d[n] = '\0';
        *out = d;
        *outlen = n;
        if (encoding) *encoding = "UTF-8";
        return YS_OK;
    }
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1) {
        if (bad_offset) *bad_offset = bad;
        return YS_ERR_ENCODING;
    }
    size_t cap = n * 2 + 16;
    char *d = ys_xmalloc(cap);
    char *in = (char *)s, *o = d;
    size_t inleft = n, oleft = cap - 1;
    while (inleft) {
        size_t r = iconv(cd, &in, &inleft, &o, &oleft);
        if (r == (size_t)-1) {
            if (errno == E2BIG) {
                size_t used = (size_t)(o - d);
                cap *= 2;
                d = ys_xrealloc(d, cap);
                o = d + used;
                oleft = cap - 1 - used;
                continue;
            }
            iconv_close(cd);
            free(d);
            if (bad_offset) *bad_offset = (size_t)(in - s);
            return YS_ERR_ENCODING;
        }
    }
    iconv_close(cd);
    *o = '\0';
    /* GB18030 maps every byte sequence it accepts, including control bytes: a binary file can pass.
     * Refuse text with NUL or many control characters. */
    size_t len = (size_t)(o - d);
    if (memchr(d, '\0', len)) {
        free(d);
        if (bad_offset) *bad_offset = bad;
        return YS_ERR_ENCODING;
    }
    *out = d;
    *outlen = len;
    if (encoding) *encoding = "GB18030";
    return YS_OK;
}

/* CJK Radicals Supplement characters some PDF fonts emit, and the ideograph each stands for. NFKC maps
 * the Kangxi Radicals block (U+2F00–2FD5) but leaves this block alone. */
static const struct { int from, to; } radicals[] = {
    {0x2E8C, 0x5C0F}, {0x2E8D, 0x5C0F}, {0x2E95, 0x5F50}, {0x2E9D, 0x6708}, {0x2E9F, 0x6BCD},
    {0x2EA0, 0x6C11}, {0x2EA4, 0x722B}, {0x2EA6, 0x4E2C}, {0x2EA8, 0x72AD}, {0x2EAB, 0x76EE},
    {0x2EAD, 0x793B}, {0x2EAF, 0x7CF9}, {0x2EB2, 0x7F52}, {0x2EB3, 0x7F53}, {0x2EB7, 0x7F8A},
    {0x2EB9, 0x8001}, {0x2EBC, 0x8080}, {0x2EBE, 0x8279}, {0x2EC1, 0x864E}, {0x2EC4, 0x897F},
    {0x2EC5, 0x89C1}, {0x2EC6, 0x89D2}, {0x2EC8, 0x8BA0}, {0x2EC9, 0x8D1D}, {0x2ECB, 0x8F66},
    {0x2ECC, 0x8FB6}, {0x2ECD, 0x8FB6}, {0x2ECF, 0x961D}, {0x2ED0, 0x9485}, {0x2ED1, 0x9577},
    {0x2ED2, 0x9578}, {0x2ED3, 0x957F}, {0x2ED4, 0x95E8}, {0x2ED6, 0x961D}, {0x2ED7, 0x96E8},
    {0x2ED8, 0x9752}, {0x2EDA, 0x9875}, {0x2EDB, 0x98CE}, {0x2EDC, 0x98DE}, {0x2EDD, 0x98DF},
    {0x2EDF, 0x98E0}, {0x2EE0, 0x9963}, {0x2EE2, 0x9A6C}, {0x2EE3, 0x9AA8}, {0x2EE4, 0x9B3C},
    {0x2EE5, 0x9C7C}, {0x2EE6, 0x9E1F}, {0x2EE7, 0x5364}, {0x2EE8, 0x9EA6}, {0x2EE9, 0x9EC4},
    {0x2EEA, 0x9EFE}, {0x2EEB, 0x6589}, {0x2EED, 0x6B6F}, {0x2EEE, 0x9F7F}, {0x2EEF, 0x7ADC},
    {0x2EF0, 0x9F99}, {0x2EF1, 0x9F9C}, {0x2EF2, 0x4E80}, {0x2EF3, 0x9F9F},
};

static int map_radical(int cp)
{
    if (cp < 0x2E80 || cp > 0x2EFF) return cp;
    size_t lo = 0, hi = sizeof radicals / sizeof *radicals;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (radicals[mid].from == cp) return radicals[mid].to;
        if (radicals[mid].from < cp) lo = mid + 1;
        else hi = mid;
    }
    return cp;
}

static bool is_space(int cp)
{
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0x3000 || cp == 0xA0 ||
           cp == 0xFEFF || (cp >= 0x2000 && cp <= 0x200B);
}

static void put_cp(ys_buf *b, int cp)
{
    utf8proc_uint8_t tmp[4];
    utf8proc_ssize_t l = utf8proc_encode_char(cp, tmp);
    ys_buf_add(b, tmp, (size_t)l);
}

char *ys_text_normalize(ys_arena *a, const char *s, size_t n)
{
    /* 1. NFKC, invalid bytes replaced (utf8proc refuses invalid input, so clean it first) */
    ys_buf clean = YS_BUF_INIT;
    size_t i = 0;
    while (i < n) {
        int cp = ys_utf8_next(s, n, &i);
        if (cp == 0) continue;
        put_cp(&clean, cp < 0 ? 0xFFFD : map_radical(cp));
    }
    utf8proc_uint8_t *nf = NULL;
    utf8proc_ssize_t nl = utf8proc_map((const utf8proc_uint8_t *)ys_buf_str(&clean), (utf8proc_ssize_t)clean.len,
                                       &nf, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT);
    const char *src = ys_buf_str(&clean);
    size_t srclen = clean.len;
    if (nl >= 0 && nf) src = (const char *)nf, srclen = (size_t)nl;

    /* 2. radicals again (NFKC output may not contain them, but cheap), spaces collapsed and dropped
     *    between CJK characters, trimmed */
    ys_buf out = YS_BUF_INIT;
    int prev = 0;            /* last code point written, 0 at start */
    bool pending_space = false;
    i = 0;
    while (i < srclen) {
        int cp = ys_utf8_next(src, srclen, &i);
        if (cp < 0) cp = 0xFFFD;
        cp = map_radical(cp);
        if (is_space(cp)) {
            pending_space = prev != 0;
            continue;
        }
        if (pending_space && !(ys_is_cjk(prev) && ys_is_cjk(cp))) put_cp(&out, ' ');
        pending_space = false;
        put_cp(&out, cp);
        prev = cp;
    }
    char *r = ys_arena_strndup(a, ys_buf_str(&out), out.len);
    ys_buf_release(&out);
    ys_buf_release(&clean);
    free(nf);
    return r;
}

static int key_cp(int cp)
{
    switch (cp) {
    case '[': case 0x3010: case 0x3014: case 0xFF08: case 0x3016: case '{': return '(';
    case ']': case 0x3011: case 0x3015: case 0xFF09: case 0x3017: case '}': return ')';
    case 0x201C: case 0x201D: case 0x2018: case 0x2019: case '\'': case 0x300C: case 0x300D: return '"';
    case 0xFF1A: return ':';
    case 0xFF0C: return ',';
    }
    return cp;
}

static void key_into(ys_buf *b, const char *s)
{
    ys_arena *tmp = ys_arena_new();
    const char *nf = ys_text_normalize(tmp, s, strlen(s));
    size_t n = strlen(nf), i = 0;
    while (i < n) {
        int cp = ys_utf8_next(nf, n, &i);
        if (cp < 0 || is_space(cp)) continue;
        put_cp(b, key_cp(cp));
    }
    ys_arena_free(tmp);
}

char *ys_text_key(ys_arena *a, const char *s)
{
    ys_buf b = YS_BUF_INIT;
    key_into(&b, s ? s : "");
    char *r = ys_arena_strndup(a, ys_buf_str(&b), b.len);
    ys_buf_release(&b);
    return r;
}

bool ys_text_same(const char *x, const char *y)
{
    ys_buf a = YS_BUF_INIT, b = YS_BUF_INIT;
    key_into(&a, x ? x : "");
    key_into(&b, y ? y : "");
    bool same = strcmp(ys_buf_str(&a), ys_buf_str(&b)) == 0;
    ys_buf_release(&a);
    ys_buf_release(&b);
    return same;
}
