/*
 * test_fastpath4.c — the round-4 fast paths of core/text.c (bench/RESULTS.md, "Round 4") answer as the
 * general code does:
 *  - ys_utf8_valid and ys_utf8_len skip ASCII runs and valid three-byte sequences without decoding:
 *    compared with a reference decoder (fastpath_ref.h: the code point decoder of text.c before round 4) on random byte strings
 *    made of lead, continuation, surrogate, overlong and out-of-range bytes;
 *  - ys_text_same concludes "different" as soon as the code points after the first difference are fast
 *    ones: compared with the equality of ys_text_key on random strings that share a prefix, made of
 *    ASCII, ideographs, full-width forms, spaces, radicals, combining marks, Hangul jamo and invalid
 *    bytes;
 *  - ys_text_normalize checks the fast path while it writes (no separate scan): strings that leave the
 *    fast path only at their last code point (a combining mark, an invalid byte) still get the general
 *    path's result; test_fastpath.c holds the fixed expectations for the rest.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/text.h"
#include "fastpath_ref.h"

static bool ref_valid(const char *s, size_t n, size_t *bad)
{
    size_t i = 0;
    while (i < n) {
        size_t at = i;
        if (ref_next(s, n, &i) < 0 && (unsigned char)s[at] >= 0x80) {
            *bad = at;
            return false;
        }
    }
    return true;
}

static size_t ref_len(const char *s)
{
    size_t n = strlen(s), i = 0, count = 0;
    while (i < n) ref_next(s, n, &i), count++;
    return count;
}

/* a small deterministic generator (no rand_r: C11) */
static void test_utf8_valid_len(void **state)
{
    (void)state;
    static const unsigned char pool[] = {'a', ' ', '\t', 0x80, 0xBF, 0xC2, 0xC3, 0xE0, 0xA0, 0xE1, 0xE4, 0xB8,
                                         0xE9, 0xED, 0x9F, 0xEE, 0xEF, 0xBC, 0xF0, 0x90, 0xF4, 0x8F, 0xF5,
                                         0xFF, 0xE6, 0x90, 'x', 'y', 'z', '1', '2', '3', '4'};
    unsigned st = 42;
    for (int t = 0; t < 200000; t++) {
        char b[48];
        size_t n = next_rand(&st) % 47;
        for (size_t k = 0; k < n; k++) b[k] = (char)pool[next_rand(&st) % sizeof pool];
        b[n] = '\0';
        size_t bad_ref = 0, bad = 0;
        bool v_ref = ref_valid(b, n, &bad_ref), v = ys_utf8_valid(b, n, &bad);
        assert_int_equal(v, v_ref);
        if (!v) assert_int_equal(bad, bad_ref);
        assert_int_equal(ys_utf8_len(b), ref_len(b));
    }
}

static void test_same_is_key_equality(void **state)
{
    (void)state;
    static const char *const pool[] = {
        "a", "e", "A", " ", "\t", "\xe3\x80\x80", "(", "[", "\xef\xbc\x88", "\xe5\x90\x88", "\xe8\xae\xa1",
        "\xcc\x81", "\xcc\x88", "\xe2\xbb\x94", "\xe9\x97\xa8", "\xef\xbd\x85", "\xef\xbc\xa1", "\xea\xb0\x80",
        "\xe1\x84\x80", "\xe1\x85\xa1", "\xe1\x86\xa8", "\xff", "\xc3", "\x80", "\xef\xa4\x80", "\xc2\xa0",
        "\xe2\x80\x8b", "1", "\xef\xbc\x91", "\xe3\x80\x90", "\xe2\x80\x9c", "'", "\"", "\xe2\x84\xab", "\xc3\xa5",
        "a\xcc\x8a", "\xe2\x91\xa0"};
    unsigned st = 7;
    ys_arena *a = ys_arena_new();
    for (int t = 0; t < 100000; t++) {
        char part[3][64];
        for (int p = 0; p < 3; p++) {
            size_t o = 0, n = next_rand(&st) % 5;
            part[p][0] = '\0';
            for (size_t k = 0; k < n; k++) {
                const char *s = pool[next_rand(&st) % (sizeof pool / sizeof *pool)];
                size_t l = strlen(s);
                memcpy(part[p] + o, s, l + 1);
                o += l;
            }
        }
        char x[160], y[160];
        size_t l0 = strlen(part[0]), l1 = strlen(part[1]), l2 = strlen(part[2]);
        memcpy(x, part[0], l0);
        memcpy(x + l0, part[1], l1 + 1);
        memcpy(y, part[0], l0);
        memcpy(y + l0, part[2], l2 + 1);
        bool keys = strcmp(ys_text_key(a, x), ys_text_key(a, y)) == 0;
        assert_int_equal(ys_text_same(x, y), keys);
        if (t % 5000 == 4999) {
            ys_arena_free(a);
            a = ys_arena_new();
        }
    }
    ys_arena_free(a);
}

static void test_normalize_late_fallback(void **state)
{
    (void)state;
    ys_arena *a = ys_arena_new();
    /* fast until the last code point: a combining acute accent composes with the e before it */
    const char *s = "\xe5\x90\x88\xe8\xae\xa1 e\xcc\x81";
    assert_string_equal(ys_text_normalize(a, s, strlen(s)), "\xe5\x90\x88\xe8\xae\xa1 \xc3\xa9");
    /* an invalid byte at the end: U+FFFD from the general path */
    const char *t = "\xe5\x90\x88\xe8\xae\xa1\xff";
    assert_string_equal(ys_text_normalize(a, t, strlen(t)), "\xe5\x90\x88\xe8\xae\xa1\xef\xbf\xbd");
    /* full-width forms and an ideographic space, all fast */
    const char *u = "\xef\xbc\x88\xe4\xb8\x80\xef\xbc\x89\xe3\x80\x80\xe5\x90\x88\xe8\xae\xa1";
    assert_string_equal(ys_text_normalize(a, u, strlen(u)), "(\xe4\xb8\x80)\xe5\x90\x88\xe8\xae\xa1");
    ys_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_valid_len),
        cmocka_unit_test(test_same_is_key_equality),
        cmocka_unit_test(test_normalize_late_fallback),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
