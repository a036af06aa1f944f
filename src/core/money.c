/* money.c — exact fixed-point money (see money.h). */
#include "core/money.h"
#include "core/text.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

int64_t ys_unit_fen(ys_unit u)
{
    switch (u) {
    case YS_UNIT_YUAN: return 100;
    case YS_UNIT_WANYUAN: return 1000000;
    case YS_UNIT_YIYUAN: return 10000000000LL;
    case YS_UNIT_UNKNOWN: break;
    }
    return 0;
}

const char *ys_unit_name(ys_unit u)
{
    switch (u) {
    case YS_UNIT_YUAN: return "元";
    case YS_UNIT_WANYUAN: return "万元";
    case YS_UNIT_YIYUAN: return "亿元";
    case YS_UNIT_UNKNOWN: break;
    }
    return "";
}

ys_unit ys_unit_from_text(const char *s)
{
    if (!s) return YS_UNIT_UNKNOWN;
    if (ys_text_find(s, "亿元")) return YS_UNIT_YIYUAN;
    if (ys_text_find(s, "万元")) return YS_UNIT_WANYUAN;
    if (ys_text_find(s, "元")) return YS_UNIT_YUAN;
    return YS_UNIT_UNKNOWN;
}

/* Matches a UTF-8 sequence at s[i..n); returns its length or 0. */
static inline size_t match(const char *s, size_t i, size_t n, const char *lit)
{
    size_t l = strlen(lit);
    return (i + l <= n && memcmp(s + i, lit, l) == 0) ? l : 0;
}

static bool is_dash_only(const char *s, size_t n)
{
    /* "-", "--", "—", "——", "–", "－", "/" alone mean an empty cell */
    static const char *const dashes[] = {"-", "\xe2\x80\x94", "\xe2\x80\x93", "\xef\xbc\x8d", "/", "\xe2\x88\x92"};
    if (n == 0) return false;
    /* every dash starts with one of these bytes: most cells (digits) are answered here */
    if (s[0] != '-' && s[0] != '/' && s[0] != '\xe2' && s[0] != '\xef') return false;
    size_t i = 0;
    while (i < n) {
        size_t l = 0;
        for (size_t k = 0; k < sizeof dashes / sizeof *dashes && !l; k++) l = match(s, i, n, dashes[k]);
        if (!l) return false;
        i += l;
    }
    return true;
}

ys_money_result ys_money_parse(const char *s, size_t n, ys_unit unit, ys_money *out, int *decimals)
{
    while (n && (*s == ' ' || *s == '\t')) s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    if (n == 0 || is_dash_only(s, n)) return YS_MONEY_EMPTY;

    bool neg = false, paren = false;
    size_t i = 0, l;
    if (s[i] == '(') paren = neg = true, i++;
    else if (s[i] == '-' || s[i] == '+') neg = s[i] == '-', i++;
    else if ((l = match(s, i, n, "\xe2\x88\x92"))) neg = true, i += l;   /* U+2212 minus */
    if (paren) {
        if (s[n - 1] != ')') return YS_MONEY_INVALID;
        n--;
    }

    int64_t ip = 0;          /* integer part, in the printed unit */
    int ndig = 0;
    bool seen_comma = false;
    int group = -1;          /* digits since the last comma */
    for (; i < n && s[i] != '.'; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            if (ip > (INT64_MAX - (c - '0')) / 10) return YS_MONEY_RANGE;   /* no signed overflow */
            ip = ip * 10 + (c - '0');
            ndig++;
            if (group >= 0) group++;
        } else if (c == ',') {
            if (ndig == 0 || (seen_comma && group != 3)) return YS_MONEY_INVALID;
            seen_comma = true;
            group = 0;
        } else {
            return YS_MONEY_INVALID;
        }
    }
    if (seen_comma && group != 3) return YS_MONEY_INVALID;
    int64_t fp = 0;          /* fractional digits */
    int nfrac = 0;
    if (i < n && s[i] == '.') {
        for (i++; i < n; i++) {
            char c = s[i];
            if (c < '0' || c > '9') return YS_MONEY_INVALID;
            if (nfrac >= 12) return YS_MONEY_RANGE;
            fp = fp * 10 + (c - '0');
            nfrac++;
        }
    }
    if (ndig == 0 && nfrac == 0) return YS_MONEY_INVALID;

    int64_t fen_per_unit = ys_unit_fen(unit ? unit : YS_UNIT_YUAN);
    if (ip > INT64_MAX / fen_per_unit) return YS_MONEY_RANGE;
    int64_t v = ip * fen_per_unit;
    if (nfrac) {
        int64_t p10 = 1;
        for (int k = 0; k < nfrac; k++) p10 *= 10;
        /* fp / p10 units = fp * fen_per_unit / p10 分, exact or refused */
        int64_t g = fen_per_unit, h = p10;   /* reduce the fraction first to avoid overflow */
        while (h % 10 == 0 && g % 10 == 0) g /= 10, h /= 10;
        if (fp % h != 0) return YS_MONEY_RANGE;  /* finer than 1 分 */
        int64_t f = fp / h;
        if (g && f > (INT64_MAX - v) / g) return YS_MONEY_RANGE;
        v += f * g;
    }
    *out = neg ? -v : v;
    if (decimals) *decimals = nfrac;
    return YS_MONEY_OK;
}

char *ys_money_format(ys_money v, ys_unit unit, int min_decimals, char *buf, size_t bufsz)
{
    int64_t per = ys_unit_fen(unit ? unit : YS_UNIT_YUAN);
    int maxdec = 0;
    for (int64_t p = per; p > 1; p /= 10) maxdec++;
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    uint64_t ip = mag / (uint64_t)per, fp = mag % (uint64_t)per;
    /* fp has maxdec digits; drop trailing zeros down to min_decimals */
    int dec = maxdec;
    while (dec > min_decimals && fp % 10 == 0) fp /= 10, dec--;
    if (min_decimals > maxdec) {
        for (int k = maxdec; k < min_decimals; k++) fp *= 10;
        dec = min_decimals;
    }
    if (dec > 0)
        snprintf(buf, bufsz, "%s%llu.%0*llu", v < 0 ? "-" : "", (unsigned long long)ip, dec,
                 (unsigned long long)fp);
    else
        snprintf(buf, bufsz, "%s%llu", v < 0 ? "-" : "", (unsigned long long)ip);
    return buf;
}

ys_money ys_money_envelope(int n, ys_unit unit, int decimals)
{
    int64_t per = ys_unit_fen(unit ? unit : YS_UNIT_YUAN);
    for (int k = 0; k < decimals && per > 1; k++) per /= 10;
    return (ys_money)n * per / 2;
}
