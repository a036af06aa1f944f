/*
 * test_fastpath7.c — the round-7 fast paths (bench/RESULTS.md, "Round 7") answer as a plain reference
 * does, on random inputs:
 *  - ys_utf8_valid (runs of three-byte sequences now taken two at a time from eight bytes): against a
 *    strict reference decoder (validity and the offset of the first bad byte), on strings built from
 *    ideographs, E0 / ED / EF sequences, surrogates, overlong forms, cut sequences and ASCII, at every
 *    alignment;
 *  - the JSON Lines writer's strings (render/report.c: the plain prefix found in the same pass as the
 *    length, two-byte sequences copied without decoding): a finding's column written by ys_report_jsonl
 *    against a reference escaper (valid UTF-8: '"', '\\' and control bytes escaped, everything else as
 *    it is; invalid: the string "\uFFFD" as the character U+FFFD).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/text.h"
#include "model/finding.h"
#include "render/report.h"
#include "fastpath_ref.h"

/* a small deterministic generator (no rand_r: C11) */
/* Strict UTF-8: the length of the valid sequence at u[i..n), 0 when it is invalid. */
static size_t ref_seq(const unsigned char *u, size_t n, size_t i)
{
    unsigned c = u[i];
    size_t len;
    uint32_t cp;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) len = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF) len = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4) len = 4, cp = c & 0x07;
    else return 0;
    if (i + len > n) return 0;
    for (size_t j = 1; j < len; j++) {
        if ((u[i + j] & 0xC0) != 0x80) return 0;
        cp = cp << 6 | (u[i + j] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

static bool ref_valid(const char *s, size_t n, size_t *bad)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        size_t l = ref_seq(u, n, i);
        if (!l) {
            *bad = i;
            return false;
        }
        i += l;
    }
    return true;
}

/* Random text: mostly ideographs (runs the eight-byte loop takes), with the sequences it must stop at. */
static size_t random_bytes(unsigned *st, char *out, size_t max_pieces, bool valid_only)
{
    static const char *const pieces[] = {
        "\xe4\xb8\x80", "\xe5\x90\x88", "\xe8\xae\xa1", "\xe9\xbf\xbf", "\xe4\xb7\x80", "\xe3\x80\x80",
        "\xef\xbc\x88", "\xee\x80\x80", "\xe1\x80\x80", "\xec\xbf\xbf", "\xe0\xa0\x80", "\xed\x9f\xbf",
        "a", "1", " ", "\t", "\"", "\\", "\n", "\x01", "\x1f", "\x7f", "\xc2\xb7", "\xc3\x97", "\xdf\xbf",
        "\xf0\x9f\x98\x80", "\xf4\x8f\xbf\xbf",
        /* invalid from here */
        "\xe0\x80\x80", "\xed\xa0\x80", "\xc0\xaf", "\xc1\xbf", "\xe5\x90", "\xe5", "\x80", "\xbf", "\xff",
        "\xf5\x80\x80\x80", "\xf0\x80\x80\x80", "\xe4\x41\x80", "\xe4\xb8\xc0", "\xc2", "\xc2\x41",
    };
    const size_t nvalid = 27, nall = sizeof pieces / sizeof *pieces;
    size_t o = 0, np = next_rand(st) % (max_pieces + 1);
    for (size_t p = 0; p < np; p++) {
        size_t r = next_rand(st) % 100, k;
        if (r < 60) k = next_rand(st) % 4;                    /* ideographs */
        else if (r < 95 || valid_only) k = next_rand(st) % nvalid;
        else k = next_rand(st) % nall;
        size_t l = strlen(pieces[k]);
        memcpy(out + o, pieces[k], l);
        o += l;
    }
    out[o] = '\0';
    return o;
}

static void test_utf8_valid(void **state)
{
    (void)state;
    unsigned st = 7;
    for (int t = 0; t < 200000; t++) {
        char s[64 * 4 + 1];
        size_t n = random_bytes(&st, s, 64, next_rand(&st) % 4 == 0);
        size_t bad = SIZE_MAX, bad_ref = SIZE_MAX;
        bool v = ys_utf8_valid(s, n, &bad), v_ref = ref_valid(s, n, &bad_ref);
        assert_int_equal(v, v_ref);
        if (!v) assert_int_equal(bad, bad_ref);
        /* a cut string (the last sequence may be cut) and every start offset of a short prefix */
        size_t cut = n ? next_rand(&st) % n : 0;
        assert_int_equal(ys_utf8_valid(s, cut, NULL), ref_valid(s, cut, &bad_ref));
        for (size_t off = 1; off < 4 && off <= n; off++)
            assert_int_equal(ys_utf8_valid(s + off, n - off, NULL), ref_valid(s + off, n - off, &bad_ref));
    }
}

/* The JSON string json_str writes for s, by the rule (see the file comment). */
static void ref_json(ys_buf *b, const char *s)
{
    size_t n = strlen(s), bad;
    if (!ref_valid(s, n, &bad)) {
        ys_buf_adds(b, "\"\xef\xbf\xbd\"");
        return;
    }
    ys_buf_addc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': ys_buf_adds(b, "\\\""); break;
        case '\\': ys_buf_adds(b, "\\\\"); break;
        case '\b': ys_buf_adds(b, "\\b"); break;
        case '\f': ys_buf_adds(b, "\\f"); break;
        case '\n': ys_buf_adds(b, "\\n"); break;
        case '\r': ys_buf_adds(b, "\\r"); break;
        case '\t': ys_buf_adds(b, "\\t"); break;
        default:
            if (c < 0x20) ys_buf_printf(b, "\\u%04X", c);
            else ys_buf_addc(b, (char)c);
        }
    }
    ys_buf_addc(b, '"');
}

static void test_json_strings(void **state)
{
    (void)state;
    unsigned st = 29;
    for (int t = 0; t < 20000; t++) {
        char s[24 * 4 + 1];
        random_bytes(&st, s, 24, next_rand(&st) % 3 == 0);
        ys_findings f;
        ys_findings_init(&f);
        ys_location l = {0};
        l.column = s;   /* borrowed: ys_findings_add copies it */
        l.row = -1;
        ys_findings_add(&f, "R1", YS_SEV_ERROR, l, "%s", "m");
        ys_buf out = YS_BUF_INIT, want = YS_BUF_INIT;
        ys_report_jsonl(&out, "f.txt", &f);
        ys_buf_adds(&want, "\"column\":");
        ref_json(&want, s);
        ys_buf_adds(&want, ",\"name\":");
        assert_non_null(strstr(ys_buf_str(&out), ys_buf_str(&want)));
        ys_buf_release(&out);
        ys_buf_release(&want);
        ys_findings_release(&f);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_valid),
        cmocka_unit_test(test_json_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
