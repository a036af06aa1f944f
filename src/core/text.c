/* text.c — decoding (UTF-8, GB18030) and normalisation (see text.h). */
#include "core/text.h"
#include "core/buf.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#if defined(__GNUC__)
#define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE inline
#endif

/* The decoder itself, static so that the loops of this file inline it. */
static inline int next_cp(const char *s, size_t n, size_t *i)
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

/* Length of a CJK Unified Ideograph U+4E00–9FFF (three bytes E4 B8 80 … E9 BF BF) at u[i], 0 when there
 * is none: the common case of every loop below, recognised without decoding. */
static inline size_t cjk_at(const unsigned char *u, size_t n, size_t i)
{
    if (i + 3 > n || u[i] < 0xE4 || u[i] > 0xE9 || (u[i + 1] & 0xC0) != 0x80 || (u[i + 2] & 0xC0) != 0x80)
        return 0;
    return (u[i] == 0xE4 && u[i + 1] < 0xB8) ? 0 : 3;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define LITTLE_ENDIAN_WORDS 1
#endif

/* The end of the run of CJK ideographs (cjk_at) that starts at u[i]: four bytes are read at a time,
 * the lead byte lowest, where there are four. */
static inline size_t cjk_run_end(const unsigned char *u, size_t n, size_t i)
{
#ifdef LITTLE_ENDIAN_WORDS
    while (i + 4 <= n) {
        uint32_t w;
        memcpy(&w, u + i, 4);
        if ((w & UINT32_C(0x00C0C0F0)) != UINT32_C(0x008080E0)) break;   /* 1110xxxx 10xxxxxx 10xxxxxx */
        unsigned lead = w & 0xFF;
        if (lead < 0xE4 || lead > 0xE9 || (lead == 0xE4 && ((w >> 8) & 0xFF) < 0xB8)) break;
        i += 3;
    }
#endif
    while (cjk_at(u, n, i)) i += 3;
    return i;
}

int ys_utf8_next(const char *s, size_t n, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t k = *i;
    if (k < n && u[k] < 0x80) {
        *i = k + 1;
        return u[k];
    }
    /* three-byte sequences with leads E1–EC and EE–EF (never overlong, never a surrogate) */
    if (k + 3 <= n && u[k] >= 0xE1 && u[k] <= 0xEF && u[k] != 0xED && (u[k + 1] & 0xC0) == 0x80 &&
        (u[k + 2] & 0xC0) == 0x80) {
        *i = k + 3;
        return (int)(u[k] & 0x0F) << 12 | (int)(u[k + 1] & 0x3F) << 6 | (int)(u[k + 2] & 0x3F);
    }
    return next_cp(s, n, i);
}

bool ys_utf8_valid(const char *s, size_t n, size_t *bad_offset)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned c = u[i];
        if (c < 0x80) {
            /* then the ASCII run that follows, eight bytes at a time */
            i++;
            while (i + 8 <= n) {
                uint64_t w;
                memcpy(&w, u + i, 8);
                if (w & UINT64_C(0x8080808080808080)) break;
                i += 8;
            }
            continue;
        }
#ifdef LITTLE_ENDIAN_WORDS
        /* a run of three-byte sequences with leads E1–EC and EE–EF (as below): two at a time from
         * eight bytes read at once (the last two not looked at), then one from four bytes; the lead
         * byte lowest */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, u + i, 8);
            unsigned lead1 = (unsigned)(w & 0xFF), lead2 = (unsigned)((w >> 24) & 0xFF);
            if ((w & UINT64_C(0x0000C0C0F0C0C0F0)) != UINT64_C(0x00008080E08080E0) || lead1 == 0xE0 ||
                lead1 == 0xED || lead2 == 0xE0 || lead2 == 0xED)
                break;
            i += 6;
        }
        while (i + 4 <= n) {
            uint32_t w;
            memcpy(&w, u + i, 4);
            unsigned lead = w & 0xFF;
            if ((w & UINT32_C(0x00C0C0F0)) != UINT32_C(0x008080E0) || lead == 0xE0 || lead == 0xED) break;
            i += 3;
        }
        if (i >= n) break;
        c = u[i];
        if (c < 0x80) continue;
#endif
        /* three-byte sequences with leads E1–EC and EE–EF (no overlong form, no surrogate possible):
         * every CJK ideograph and most punctuation, without decoding */
        if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 3 <= n && (u[i + 1] & 0xC0) == 0x80 &&
            (u[i + 2] & 0xC0) == 0x80) {
            i += 3;
            continue;
        }
        size_t at = i;
        if (next_cp(s, n, &i) < 0) {
            if (bad_offset) *bad_offset = at;
            return false;
        }
    }
    return true;
}

size_t ys_utf8_len(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s), i = 0, count = 0;
    while (i < n) {
        unsigned c = u[i];
        if (c < 0x80) i++;
        else if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 3 <= n && (u[i + 1] & 0xC0) == 0x80 &&
                 (u[i + 2] & 0xC0) == 0x80)
            i += 3;   /* a valid three-byte sequence, as next_cp would decode it */
        else next_cp(s, n, &i);
        count++;
    }
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

/* A bracket or clause mark that NFKC folded to ASCII and that sits in Chinese text. */
static bool cjk_punct(int cp)
{
    return cp == '(' || cp == ')' || cp == ',' || cp == ':' || cp == ';';
}

/* Is a space between a and b a line wrap to drop? Between two CJK characters (PDF wraps), and between a
 * CJK character and a bracket or clause mark ("因公出国 (境)费", "小计 :") — never between Latin letters or
 * digits. */
static bool joins(int a, int b)
{
    bool ca = ys_is_cjk(a), cb = ys_is_cjk(b);
    return (ca && cb) || (ca && cjk_punct(b)) || (cb && cjk_punct(a));
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

/* CJK Radicals Supplement (U+2E80–2EFF), which NFKC leaves alone (except ⺟ and ⻳) but some PDF fonts
 * emit for ordinary characters (⻔ for 门, ⻋ for 车): each maps to its equivalent unified ideograph. The
 * table is Unicode's EquivalentUnifiedIdeograph.txt (Unicode 14, as shipped in Perl's unicore/To/EqUIdeo.pl)
 * restricted to this block, sorted by code point for binary search; some targets are outside the BMP. */
static const struct { int from, to; } radicals[] = {
    {0x2E81, 0x5382}, {0x2E82, 0x4E5B}, {0x2E83, 0x4E5A}, {0x2E84, 0x4E59}, {0x2E85, 0x4EBB}, {0x2E86, 0x5182},
    {0x2E87, 0x20628}, {0x2E88, 0x5200}, {0x2E89, 0x5202}, {0x2E8A, 0x535C}, {0x2E8B, 0x353E}, {0x2E8C, 0x5C0F},
    {0x2E8D, 0x5C0F}, {0x2E8E, 0x5140}, {0x2E8F, 0x5C23}, {0x2E90, 0x5C22}, {0x2E91, 0x21BC2}, {0x2E92, 0x5DF3},
    {0x2E93, 0x5E7A}, {0x2E94, 0x5F51}, {0x2E95, 0x5F50}, {0x2E96, 0x5FC4}, {0x2E97, 0x5FC3}, {0x2E98, 0x624C},
    {0x2E99, 0x6535}, {0x2E9B, 0x65E1}, {0x2E9C, 0x65E5}, {0x2E9D, 0x6708}, {0x2E9E, 0x6B7A}, {0x2E9F, 0x6BCD},
    {0x2EA0, 0x6C11}, {0x2EA1, 0x6C35}, {0x2EA2, 0x6C3A}, {0x2EA3, 0x706C}, {0x2EA4, 0x722B}, {0x2EA5, 0x722B},
    {0x2EA6, 0x4E2C}, {0x2EA7, 0x725B}, {0x2EA8, 0x72AD}, {0x2EA9, 0x738B}, {0x2EAA, 0x24D14}, {0x2EAB, 0x76EE},
    {0x2EAC, 0x793A}, {0x2EAD, 0x793B}, {0x2EAE, 0x25AD7}, {0x2EAF, 0x7CF9}, {0x2EB0, 0x7E9F}, {0x2EB1, 0x7F53},
    {0x2EB2, 0x7F52}, {0x2EB3, 0x34C1}, {0x2EB4, 0x5197}, {0x2EB5, 0x2626B}, {0x2EB6, 0x7F8A}, {0x2EB7, 0x2634C},
    {0x2EB8, 0x2634B}, {0x2EB9, 0x8002}, {0x2EBA, 0x8080}, {0x2EBB, 0x807F}, {0x2EBC, 0x8089}, {0x2EBD, 0x26951},
    {0x2EBE, 0x8279}, {0x2EBF, 0x8279}, {0x2EC0, 0x8279}, {0x2EC1, 0x864E}, {0x2EC2, 0x8864}, {0x2EC3, 0x8980},
    {0x2EC4, 0x897F}, {0x2EC5, 0x89C1}, {0x2EC6, 0x89D2}, {0x2EC7, 0x278B2}, {0x2EC8, 0x8BA0}, {0x2EC9, 0x8D1D},
    {0x2ECA, 0x27FB7}, {0x2ECB, 0x8F66}, {0x2ECC, 0x8FB6}, {0x2ECD, 0x8FB6}, {0x2ECE, 0x8FB6}, {0x2ECF, 0x9091},
    {0x2ED0, 0x9485}, {0x2ED1, 0x9577}, {0x2ED2, 0x9578}, {0x2ED3, 0x957F}, {0x2ED4, 0x95E8}, {0x2ED5, 0x28E0F},
    {0x2ED6, 0x961D}, {0x2ED7, 0x96E8}, {0x2ED8, 0x9752}, {0x2ED9, 0x97E6}, {0x2EDA, 0x9875}, {0x2EDB, 0x98CE},
    {0x2EDC, 0x98DE}, {0x2EDD, 0x98DF}, {0x2EDE, 0x2967F}, {0x2EDF, 0x98E0}, {0x2EE0, 0x9963}, {0x2EE1, 0x29810},
    {0x2EE2, 0x9A6C}, {0x2EE3, 0x9AA8}, {0x2EE4, 0x9B3C}, {0x2EE5, 0x9C7C}, {0x2EE6, 0x9E1F}, {0x2EE7, 0x5364},
    {0x2EE8, 0x9EA6}, {0x2EE9, 0x9EC4}, {0x2EEA, 0x9EFE}, {0x2EEB, 0x6589}, {0x2EEC, 0x9F50}, {0x2EED, 0x6B6F},
    {0x2EEE, 0x9F7F}, {0x2EEF, 0x7ADC}, {0x2EF0, 0x9F99}, {0x2EF1, 0x9F9C}, {0x2EF2, 0x4E80}, {0x2EF3, 0x9F9F},
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

/* Code point cp as UTF-8 at o (room for 4 bytes); returns the length. */
static inline size_t encode_cp(char *o, int cp)
{
    unsigned char *u = (unsigned char *)o;
    if (cp < 0x80) {
        u[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        u[0] = (unsigned char)(0xC0 | (cp >> 6));
        u[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        u[0] = (unsigned char)(0xE0 | (cp >> 12));
        u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    u[0] = (unsigned char)(0xF0 | (cp >> 18));
    u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    u[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Append code point cp as UTF-8. Writes into the buffer directly when it has room (this runs once per
 * character of every cell), through ys_buf_add otherwise. */
static void put_cp(ys_buf *b, int cp)
{
    char tmp[4];
    size_t l = encode_cp(tmp, cp);
    if (b->data && b->len + l + 1 <= b->cap) {
        memcpy(b->data + b->len, tmp, l);
        b->len += l;
        b->data[b->len] = '\0';
    } else {
        ys_buf_add(b, tmp, l);
    }
}

/*
 * The fast path. Almost every cell of a disclosure is ASCII, CJK Unified Ideographs, common CJK
 * punctuation and full-width forms. For those, NFKC is known without utf8proc: ASCII, U+4E00–9FFF and the
 * punctuation below are NFKC-stable starters (checked against Python's unicodedata, Unicode 14), the
 * full-width forms U+FF01–FF5E map to ASCII U+0021–007E, and U+3000 is a space. No character here
 * composes with another, so a string made only of them normalises code point by code point. Returns the
 * NFKC image of cp, or -1 when cp needs the general path.
 */
static int fast_nfkc(int cp)
{
    if (cp < 0x80) return cp;
    if (cp >= 0x4E00 && cp <= 0x9FFF) return cp;
    if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFEE0;
    switch (cp) {
    case 0x3000: return ' ';
    case 0x3001: case 0x3002: case 0x3007:                          /* 、。〇 */
    case 0x3008: case 0x3009: case 0x300A: case 0x300B:             /* 〈〉《》 */
    case 0x300C: case 0x300D: case 0x300E: case 0x300F:             /* 「」『』 */
    case 0x3010: case 0x3011: case 0x3014: case 0x3015:             /* 【】〔〕 */
    case 0x3016: case 0x3017:                                       /* 〖〗 */
    case 0x2014: case 0x2018: case 0x2019: case 0x201C: case 0x201D: /* — ‘’“” */
    case 0x00B7: case 0x00D7: case 0x00B1: case 0x00B0:              /* · × ± ° */
    case 0x2264: case 0x2265: case 0x2030: case 0x25CB:              /* ≤ ≥ ‰ ○ */
        return cp;
    }
    return -1;
}

/* Step 2 of normalisation on NFKC text: white space collapsed, dropped between two CJK characters and
 * at both ends. src is valid UTF-8 here (NFKC output or checked by the caller). */
static void collapse_into(ys_buf *out, const char *src, size_t srclen)
{
    int prev = 0;            /* last code point written, 0 at start */
    bool pending_space = false;
    size_t i = 0;
    while (i < srclen) {
        int cp;
        if ((unsigned char)src[i] < 0x80) cp = (unsigned char)src[i++];
        else cp = next_cp(src, srclen, &i);
        if (cp < 0) cp = 0xFFFD;
        if (cp == 0) continue;
        cp = map_radical(cp);
        if (is_space(cp)) {
            pending_space = prev != 0;
            continue;
        }
        if (pending_space && !joins(prev, cp)) ys_buf_addc(out, ' ');
        pending_space = false;
        put_cp(out, cp);
        prev = cp;
    }
}

/* True when every code point of s[0..n) is valid and in fast_nfkc's set. The loop skips ASCII and CJK
 * Unified Ideographs without a call. */
static bool scan_fast(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        size_t l = cjk_at(u, n, i);
        if (l) {
            i += l;
            continue;
        }
        int cp = next_cp(s, n, &i);
        if (cp < 0 || fast_nfkc(cp) < 0) return false;
    }
    return true;
}

static bool is_ascii_space(int c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/*
 * The whole normalisation of a string that scan_fast accepted, in one pass: each code point mapped by
 * fast_nfkc and collapsed as collapse_into does. None of these code points is a radical, and the only
 * white space among them (after the mapping) is ASCII's. Runs of CJK ideographs are copied as they are;
 * code points are decoded only where it matters. out has room for n + 1 bytes (the result is never
 * longer: no code point maps to more bytes, and one space stands for at least one); returns the length.
 */
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

/* Key of an ASCII byte: -3 (KEY_SKIP below) for white space and NUL, brackets and quotes unified (ascii_key as a
 * table, for the loop below). */
static const signed char ascii_key_tab[128] = {
    -3, 1, 2, 3, 4, 5, 6, 7, 8, -3, -3, 11, 12, -3, 14, 15,
    16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
    -3, 33, 34, 35, 36, 37, 38, 34, 40, 41, 42, 43, 44, 45, 46, 47,
    48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63,
    64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79,
    80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 40, 92, 41, 94, 95,
    96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
    112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 40, 124, 41, 126, 127,
};

/* normalize_fast's result when a code point needs the general path (only with check set) */
#define NOT_FAST ((size_t)-1)

/*
 * With key set (room for n bytes), the loop also writes the comparison key of what it writes (as
 * ys_text_key of the result would: spaces dropped, each code point through ascii_key_tab or key_cp —
 * everything written here is already its own fast_nfkc image) and its length to *keylen.
 */
static ALWAYS_INLINE size_t normalize_fast_key(char *out, const char *s, size_t n, bool check, char *key,
                                               size_t *keylen)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, o = 0, k = 0;
    int prev = 0;   /* last code point written, 0 at start */
    bool pending_space = false;
    while (i < n) {
        unsigned c = u[i];
        int cp;
        if (c < 0x80) {
            if (c > 0x20 && !pending_space) {   /* printable ASCII with no space before it: as it is */
                out[o++] = (char)c;
                if (key) key[k++] = (char)ascii_key_tab[c];   /* never skipped above 0x20 */
                i++;
                prev = (int)c;
                continue;
            }
            cp = (int)c;
            i++;
        } else {
            if (!pending_space && cjk_at(u, n, i)) {
                /* a run of CJK ideographs, copied as it is; what prev is only matters before a space */
                size_t j = cjk_run_end(u, n, i + 3);
                memcpy(out + o, s + i, j - i);
                o += j - i;
                if (key) {
                    memcpy(key + k, s + i, j - i);
                    k += j - i;
                }
                i = j;
                prev = 0x4E00;
                continue;
            }
            cp = fast_nfkc(next_cp(s, n, &i));
            if (check && cp < 0) return NOT_FAST;   /* invalid, or not in fast_nfkc's set */
        }
        if (cp == 0) continue;
        if (is_ascii_space(cp)) {
            pending_space = prev != 0;
            continue;
        }
        if (pending_space && !joins(prev, cp)) out[o++] = ' ';
        pending_space = false;
        o += encode_cp(out + o, cp);
        if (key) {
            if (cp < 0x80) {
                if (ascii_key_tab[cp] >= 0) key[k++] = (char)ascii_key_tab[cp];
            } else {
                k += encode_cp(key + k, key_cp(cp));
            }
        }
        prev = cp;
    }
    out[o] = '\0';
    if (keylen) *keylen = k;
    return o;
}

static inline size_t normalize_fast_checked(char *out, const char *s, size_t n, bool check)
{
    return normalize_fast_key(out, s, n, check, NULL, NULL);
}

static size_t normalize_fast(char *out, const char *s, size_t n)
{
    return normalize_fast_checked(out, s, n, false);
}

/* Normalised s[0..n) appended to out; scratch is working memory (reused between calls). */
static void normalize_into(ys_buf *out, ys_buf *scratch, const char *s, size_t n)
{
    if (scan_fast(s, n)) {
        char *tmp = ys_xmalloc(n + 1);
        ys_buf_add(out, tmp, normalize_fast(tmp, s, n));
        free(tmp);
        return;
    }

    /* general path: NFKC by utf8proc, which refuses invalid input, so invalid bytes become U+FFFD first
     * and NULs are dropped; radicals of the CJK Radicals Supplement are mapped before and after */
    ys_buf_reset(scratch);
    size_t i = 0;
    while (i < n) {
        int cp = next_cp(s, n, &i);
        if (cp == 0) continue;
        put_cp(scratch, cp < 0 ? 0xFFFD : map_radical(cp));
    }
    utf8proc_uint8_t *nf = NULL;
    utf8proc_ssize_t nl = utf8proc_map((const utf8proc_uint8_t *)ys_buf_str(scratch), (utf8proc_ssize_t)scratch->len,
                                       &nf, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT);
    if (nl >= 0 && nf) collapse_into(out, (const char *)nf, (size_t)nl);
    else collapse_into(out, ys_buf_str(scratch), scratch->len);
    free(nf);
}

char *ys_text_normalize_len(ys_arena *a, const char *s, size_t n, size_t *len, bool *fast)
{
    /* the common case: straight into the arena, checking as it goes (no separate scan_fast pass); a
     * string that turns out to need the general path leaves n + 1 unused bytes in the arena */
    char *r = ys_arena_alloc_raw(a, n + 1);
    size_t o = normalize_fast_checked(r, s, n, true);
    if (fast) *fast = o != NOT_FAST;
    if (o != NOT_FAST) {
        *len = o;
        return r;
    }
    ys_buf out = YS_BUF_INIT, scratch = YS_BUF_INIT;
    normalize_into(&out, &scratch, s, n);
    r = ys_arena_strndup(a, ys_buf_str(&out), out.len);
    *len = out.len;   /* no NUL inside: NULs are dropped, nothing maps to one */
    ys_buf_release(&out);
    ys_buf_release(&scratch);
    return r;
}

char *ys_text_normalize_key(ys_arena *a, const char *s, size_t n, size_t *len, char *key, size_t *keylen)
{
    char *r = ys_arena_alloc_raw(a, n + 1);
    size_t o = normalize_fast_key(r, s, n, true, key, keylen);
    if (o != NOT_FAST) {
        *len = o;
        return r;
    }
    *keylen = SIZE_MAX;
    ys_buf out = YS_BUF_INIT, scratch = YS_BUF_INIT;
    normalize_into(&out, &scratch, s, n);
    r = ys_arena_strndup(a, ys_buf_str(&out), out.len);
    *len = out.len;
    ys_buf_release(&out);
    ys_buf_release(&scratch);
    return r;
}

char *ys_text_normalize(ys_arena *a, const char *s, size_t n)
{
    size_t len;
    return ys_text_normalize_len(a, s, n, &len, NULL);
}


/* Comparison key of s appended to b: normalised (through nf, reused), no white space, brackets and
 * quotes unified. */
static void key_into(ys_buf *b, ys_buf *nf, ys_buf *scratch, const char *s)
{
    ys_buf_reset(nf);
    normalize_into(nf, scratch, s, strlen(s));
    const char *t = ys_buf_str(nf);
    size_t n = nf->len, i = 0;
    while (i < n) {
        int cp;
        if ((unsigned char)t[i] < 0x80) cp = (unsigned char)t[i++];
        else cp = next_cp(t, n, &i);
        if (cp < 0 || is_space(cp)) continue;
        put_cp(b, key_cp(cp));
    }
}

/*
 * The comparison key of a string whose code points are all in fast_nfkc's set is computed code point by
 * code point: key_cp(fast_nfkc(cp)), spaces and NULs dropped (the collapse of white space does not matter
 * once all of it goes). key_next yields the next key code point of s from *i: KEY_END at the end,
 * KEY_SLOW when the string needs the general path.
 */
enum { KEY_END = -2, KEY_SLOW = -1 };

/* Key of an ASCII character: KEY_SKIP for white space and NUL, brackets and quotes unified. */
enum { KEY_SKIP = -3 };

static inline int ascii_key(unsigned c)
{
    switch (c) {
    case 0: case ' ': case '\t': case '\r': case '\n': return KEY_SKIP;
    case '[': case '{': return '(';
    case ']': case '}': return ')';
    case '\'': return '"';
    }
    return (int)c;
}

static inline int key_next(const char *s, size_t n, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s;
    while (*i < n) {
        unsigned c = u[*i];
        if (c < 0x80) {
            ++*i;
            int k = ascii_key(c);
            if (k == KEY_SKIP) continue;
            return k;
        }
        if (cjk_at(u, n, *i)) {   /* neither changed nor space */
            int cp = (int)(u[*i] & 0x0F) << 12 | (int)(u[*i + 1] & 0x3F) << 6 | (int)(u[*i + 2] & 0x3F);
            *i += 3;
            return cp;
        }
        int cp = next_cp(s, n, i);
        if (cp < 0) return KEY_SLOW;
        int m = fast_nfkc(cp);
        if (m < 0) return KEY_SLOW;
        if (m == 0 || is_space(m)) continue;
        return key_cp(m);
    }
    return KEY_END;
}

/* True when the code point at s[i] takes the fast path, or i is the end. */
static inline bool fast_at(const char *s, size_t n, size_t i)
{
    const unsigned char *u = (const unsigned char *)s;
    if (i >= n || u[i] < 0x80 || cjk_at(u, n, i)) return true;
    int cp = next_cp(s, n, &i);
    return cp >= 0 && fast_nfkc(cp) >= 0;
}

char *ys_text_key(ys_arena *a, const char *s)
{
    s = s ? s : "";
    size_t n = strlen(s);
    /* fast path, in one pass: the key is never longer than s; a string that turns out to need the
     * general path leaves n + 1 unused bytes in the arena */
    char *r = ys_arena_alloc_raw(a, n + 1);
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, o = 0;
    int c = KEY_END;
    while (i < n) {
        /* ASCII and CJK ideographs, almost every byte, are copied without decoding and encoding */
        if (u[i] < 0x80) {
            int k = ascii_key(u[i++]);
            if (k != KEY_SKIP) r[o++] = (char)k;
            continue;
        }
        if (cjk_at(u, n, i)) {
            memcpy(r + o, s + i, 3);
            o += 3;
            i += 3;
            continue;
        }
        if ((c = key_next(s, n, &i)) < 0) break;
        o += encode_cp(r + o, c);
        c = KEY_END;
    }
    if (c == KEY_END) {
        r[o] = '\0';
        return r;
    }
    ys_buf k = YS_BUF_INIT, nf = YS_BUF_INIT, scratch = YS_BUF_INIT;
    key_into(&k, &nf, &scratch, s);
    r = ys_arena_strndup(a, ys_buf_str(&k), k.len);
    ys_buf_release(&k);
    ys_buf_release(&nf);
    ys_buf_release(&scratch);
    return r;
}


char *ys_text_key_normalized(ys_arena *a, const char *s, size_t n)
{
    /* s is valid UTF-8 (text.h): ASCII through the table, CJK ideographs copied without checking their
     * continuation bytes, other fast code points as key_next maps them; the first code point that is
     * not fast sends the whole string to ys_text_key */
    char *r = ys_arena_alloc_raw(a, n + 1);
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, o = 0;
    while (i < n) {
        unsigned c = u[i];
        if (c < 0x80) {
            int k = ascii_key_tab[c];
            if (k >= 0) r[o++] = (char)k;
            i++;
            continue;
        }
        if (c >= 0xE4 && c <= 0xE9 && i + 3 <= n && (c != 0xE4 || u[i + 1] >= 0xB8)) {
            r[o] = (char)c, r[o + 1] = (char)u[i + 1], r[o + 2] = (char)u[i + 2];
            o += 3;
            i += 3;
            continue;
        }
        int cp = next_cp(s, n, &i), m = cp < 0 ? -1 : fast_nfkc(cp);
        if (m < 0) return ys_text_key(a, s);   /* not what the fast path of ys_text_normalize writes */
        if (m == 0 || is_space(m)) continue;
        o += encode_cp(r + o, key_cp(m));
    }
    r[o] = '\0';
    return r;
}

/* key_next for a NUL-terminated string (the NUL is the end): no strlen before the comparison. A
 * multi-byte sequence cut by the NUL is invalid either way. */
static ALWAYS_INLINE int key_next_z(const char *s, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s;
    for (;;) {
        unsigned c = u[*i];
        if (c == 0) return KEY_END;
        if (c < 0x80) {
            ++*i;
            int k = ascii_key(c);
            if (k == KEY_SKIP) continue;
            return k;
        }
        if (c >= 0xE4 && c <= 0xE9 && (u[*i + 1] & 0xC0) == 0x80 && (u[*i + 2] & 0xC0) == 0x80 &&
            (c != 0xE4 || u[*i + 1] >= 0xB8)) {   /* a CJK ideograph (cjk_at): neither changed nor space */
            int cp = (int)(c & 0x0F) << 12 | (int)(u[*i + 1] & 0x3F) << 6 | (int)(u[*i + 2] & 0x3F);
            *i += 3;
            return cp;
        }
        int cp = next_cp(s, *i + 4, i);   /* reads no further than the NUL: a continuation byte is never 0 */
        if (cp < 0) return KEY_SLOW;
        int m = fast_nfkc(cp);
        if (m < 0) return KEY_SLOW;
        if (m == 0 || is_space(m)) continue;
        return key_cp(m);
    }
}

/* fast_at for a NUL-terminated string. */
static inline bool fast_at_z(const char *s, size_t i)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[i] < 0x80) return true;
    if (u[i] >= 0xE4 && u[i] <= 0xE9 && (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80 &&
        (u[i] != 0xE4 || u[i + 1] >= 0xB8))
        return true;   /* a CJK ideograph */
    int cp = next_cp(s, i + 4, &i);
    return cp >= 0 && fast_nfkc(cp) >= 0;
}

bool ys_text_same(const char *x, const char *y)
{
    x = x ? x : "";
    y = y ? y : "";
    if (ys_text_eq(x, y)) return true;   /* equal strings have equal keys */
    /* fast path: compare key code points as they come, without allocating */
    size_t i = 0, j = 0;
    for (;;) {
        int a = key_next_z(x, &i), b = key_next_z(y, &j);
        if (a == KEY_SLOW || b == KEY_SLOW) break;
        if (a != b) {
            /* a later code point of the general path could still change this one (a combining mark
             * composes with it): conclude only when the code point right after each is a fast one
             * (or the end). Every fast code point is an NFKC-stable starter that composes with
             * nothing before it, so nothing later reaches back past it to a or b; the keys so far
             * were equal code point by code point and differ here. */
            if (fast_at_z(x, i) && fast_at_z(y, j)) return false;
            break;
        }
        if (a == KEY_END) return true;
    }
    ys_buf a = YS_BUF_INIT, b = YS_BUF_INIT, nf = YS_BUF_INIT, scratch = YS_BUF_INIT;
    key_into(&a, &nf, &scratch, x);
    key_into(&b, &nf, &scratch, y);
    bool same = a.len == b.len && memcmp(ys_buf_str(&a), ys_buf_str(&b), a.len) == 0;
    ys_buf_release(&a);
    ys_buf_release(&b);
    ys_buf_release(&nf);
    ys_buf_release(&scratch);
    return same;
}
