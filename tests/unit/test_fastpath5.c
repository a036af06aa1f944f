/*
 * test_fastpath5.c — the round-5 fast paths (bench/RESULTS.md, "Round 5") answer as the general code does,
 * on random inputs:
 *  - ys_text_normalize (the fast path now copies runs of printable ASCII and of CJK ideographs, reading
 *    four bytes at a time): against utf8proc's general path, reached by the same string followed by "|"
 *    and a Hangul syllable (NFKC-stable, outside the fast set, composing with nothing before it):
 *    normalize(s "|가") must be normalize(s "|") "가";
 *  - ys_text_normalize_key: its key is ys_text_key of its result, and it says "no key" exactly when the
 *    general path was needed;
 *  - ys_text_key_normalized (the tdoc line key): ys_text_key of the same normalised text, single cells and
 *    cells joined with tabs, from both paths;
 *  - ys_utf8_valid (runs of three-byte sequences four bytes at a time) and ys_utf8_next (ASCII and
 *    three-byte sequences without the general decoder): against a reference decoder on long random byte
 *    strings;
 *  - ys_ck_has_ordinal (a label whose first character starts no ordinal is answered from its bytes):
 *    against the previous ordinal_len of check/util.c, copied;
 *  - the arena's inline bump: alignment, no overlap, ys_arena_used, large blocks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "check/util.h"
#include "core/arena.h"
#include "core/text.h"
#include "fastpath_ref.h"

/* a small deterministic generator (no rand_r: C11) */
/* Pieces of text: the fast set (ASCII, ideographs incl. E4 B8 / E4 B7 edges, full-width forms, CJK
 * punctuation, quotes and brackets that keys unify, spaces of every kind) and a few slow ones. */
static const char *const fast_pool[] = {
    "a", "Z", "1", "0", ".", ",", ":", ";", "(", ")", "[", "]", "{", "}", "'", "\"", "|", "-", " ", "  ",
    "\t", "\r", "\n", "\x01", "\x7f", "\xe4\xb8\x80" /* 一 */, "\xe4\xb8\x87" /* 万 */, "\xe5\x90\x88" /* 合 */,
    "\xe8\xae\xa1" /* 计 */, "\xe9\xbf\xbf", "\xef\xbc\x88" /* （ */, "\xef\xbc\x89" /* ） */,
    "\xef\xbc\x91" /* １ */, "\xef\xbd\x85" /* ｅ */, "\xef\xbc\x9a" /* ： */, "\xef\xbc\x8c" /* ， */,
    "\xe3\x80\x80" /* ideographic space */, "\xe3\x80\x81" /* 、 */, "\xe3\x80\x82" /* 。 */,
    "\xe3\x80\x90" /* 【 */, "\xe3\x80\x91", "\xe3\x80\x94", "\xe3\x80\x95", "\xe3\x80\x96", "\xe3\x80\x97",
    "\xe3\x80\x8c", "\xe3\x80\x8d", "\xe3\x80\x8a", "\xe2\x80\x9c" /* “ */, "\xe2\x80\x9d", "\xe2\x80\x98",
    "\xe2\x80\x99", "\xe2\x80\x94", "\xc2\xb7", "\xc3\x97", "\xe2\x89\xa4", "\xe2\x80\xb0", "\xe2\x97\x8b",
};
static const char *const slow_pool[] = {
    "\xe4\xb7\x80" /* U+4DC0, E4 below B8 */, "\xe2\xbb\x94" /* radical ⻔ */, "\xcc\x81" /* combining acute */,
    "\xea\xb0\x80" /* 가 */, "\xc2\xa0" /* NBSP */, "\xe2\x80\x8b", "\xef\xa4\x80", "\xe2\x91\xa0", "\xff",
    "\xc3", "\x80", "\xe5\x90", "\xe2\x84\xab",
};

/* A random string of up to max pieces into b (room for 4 * max + 1 bytes per piece of at most 4). */
static size_t random_text(unsigned *st, char *b, size_t max, bool slow)
{
    size_t o = 0, n = next_rand(st) % (max + 1);
    for (size_t k = 0; k < n; k++) {
        const char *s = slow && next_rand(st) % 8 == 0 ? slow_pool[next_rand(st) % (sizeof slow_pool / sizeof *slow_pool)]
                                                       : fast_pool[next_rand(st) % (sizeof fast_pool / sizeof *fast_pool)];
        size_t l = strlen(s);
        memcpy(b + o, s, l);
        o += l;
    }
    b[o] = '\0';
    return o;
}

static void test_normalize_against_general_path(void **state)
{
    (void)state;
    unsigned st = 5;
    ys_arena *a = ys_arena_new();
    for (int t = 0; t < 60000; t++) {
        char s[200], x[220], y[220];
        size_t n = random_text(&st, s, 40, t % 2 == 0);   /* half with slow pieces too: U+4DC0 next to an
                                                             * ideograph must not join a run */
        memcpy(x, s, n);
        memcpy(x + n, "|", 2);
        memcpy(y, s, n);
        memcpy(y + n, "|\xea\xb0\x80", 5);
        const char *fast = ys_text_normalize(a, x, n + 1), *general = ys_text_normalize(a, y, n + 4);
        size_t fl = strlen(fast);
        assert_int_equal(strlen(general), fl + 3);
        assert_memory_equal(general, fast, fl);
        assert_string_equal(general + fl, "\xea\xb0\x80");
        if (t % 5000 == 4999) {
            ys_arena_free(a);
            a = ys_arena_new();
        }
    }
    ys_arena_free(a);
}

/* Edges of the run copy: U+4DC0 (E4 B7 80) is no ideograph of the fast set, so the general path decides
 * what happens to the space after it (kept: it is not CJK for the line-wrap rule); a run cut by the end
 * of the string, by an invalid byte and by a three-byte character that is not an ideograph. */
static void test_normalize_edges(void **state)
{
    (void)state;
    ys_arena *a = ys_arena_new();
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"\xe4\xb8\x80\xe4\xb7\x80 \xe5\x90\x88", "\xe4\xb8\x80\xe4\xb7\x80 \xe5\x90\x88"},
        {"\xe4\xb8\x80\xe4\xb8\x80\xe4\xb7\x80\xe4\xb8\x80 \xe5\x90\x88",
         "\xe4\xb8\x80\xe4\xb8\x80\xe4\xb7\x80\xe4\xb8\x80\xe5\x90\x88"},
        {"\xe4\xb8\x80\xe4\xb8\x80 \xe5\x90\x88", "\xe4\xb8\x80\xe4\xb8\x80\xe5\x90\x88"},
        {"\xe5\x90\x88\xe8\xae\xa1\xe5\x90", "\xe5\x90\x88\xe8\xae\xa1\xef\xbf\xbd\xef\xbf\xbd"},
        {"\xe5\x90\x88\xe8\xae\xa1\xe3\x80\x80\xe5\x90\x88", "\xe5\x90\x88\xe8\xae\xa1\xe5\x90\x88"},
        {"\xe5\x90\x88\xe8\xae\xa1\xef\xbc\x88\xe4\xb8\x80\xef\xbc\x89", "\xe5\x90\x88\xe8\xae\xa1(\xe4\xb8\x80)"},
        {"\xe5\x90\x88\xe2\xbb\x94", "\xe5\x90\x88\xe9\x97\xa8"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *in = cases[i].in;
        assert_string_equal(ys_text_normalize(a, in, strlen(in)), cases[i].out);
    }
    ys_arena_free(a);
}

static void test_normalize_key(void **state)
{
    (void)state;
    unsigned st = 11;
    ys_arena *a = ys_arena_new();
    for (int t = 0; t < 60000; t++) {
        char s[200], key[200];
        size_t n = random_text(&st, s, 40, true), len = 0, keylen = 0, len2 = 0;
        bool fast = false;
        const char *norm = ys_text_normalize_key(a, s, n, &len, key, &keylen);
        const char *norm2 = ys_text_normalize_len(a, s, n, &len2, &fast);
        assert_string_equal(norm, norm2);
        assert_string_equal(norm, ys_text_normalize(a, s, n));
        assert_int_equal(len, strlen(norm));
        assert_int_equal(len2, len);
        assert_int_equal(keylen == SIZE_MAX, !fast);
        if (keylen != SIZE_MAX) {
            assert_true(keylen <= n);
            const char *k = ys_text_key(a, norm);
            assert_int_equal(keylen, strlen(k));
            assert_memory_equal(key, k, keylen);
        }
        if (t % 5000 == 4999) {
            ys_arena_free(a);
            a = ys_arena_new();
        }
    }
    ys_arena_free(a);
}

static void test_key_normalized(void **state)
{
    (void)state;
    unsigned st = 17;
    ys_arena *a = ys_arena_new();
    for (int t = 0; t < 60000; t++) {
        /* one to four normalised cells (either path) joined with tabs, as tdoc joins a line */
        char line[1000];
        size_t o = 0, cells = 1 + next_rand(&st) % 4;
        for (size_t c = 0; c < cells; c++) {
            char s[200];
            size_t n = random_text(&st, s, 30, true), len = 0;
            const char *norm = ys_text_normalize_len(a, s, n, &len, NULL);
            if (c) line[o++] = '\t';
            memcpy(line + o, norm, len);
            o += len;
        }
        line[o] = '\0';
        assert_string_equal(ys_text_key_normalized(a, line, o), ys_text_key(a, line));
        if (t % 5000 == 4999) {
            ys_arena_free(a);
            a = ys_arena_new();
        }
    }
    ys_arena_free(a);
}

static void test_utf8_valid_next(void **state)
{
    (void)state;
    /* mostly valid three-byte sequences (long runs for the word loop), broken now and then */
    static const char *const pool[] = {"\xe5\x90\x88", "\xe8\xae\xa1", "\xe1\x80\x80", "\xef\xbf\xbf", "\xee\x80\x80",
                                       "\xe0\xa0\x80", "\xe0\x80\x80", "\xed\x9f\xbf", "\xed\xa0\x80", "\xe4\xb8",
                                       "\x80", "\xc3\xa9", "\xf0\x9f\x98\x80", "\xf4\x90\x80\x80", "a", "12", "\xff",
                                       "\xe5\x90\x88\xe8\xae\xa1\xe5\x90\x88\xe8\xae\xa1"};
    unsigned st = 23;
    for (int t = 0; t < 60000; t++) {
        char b[400];
        size_t o = 0, pieces = next_rand(&st) % 60;
        for (size_t k = 0; k < pieces; k++) {
            const char *s = next_rand(&st) % 4 ? pool[next_rand(&st) % 2] : pool[next_rand(&st) % (sizeof pool / sizeof *pool)];
            size_t l = strlen(s);
            memcpy(b + o, s, l);
            o += l;
        }
        b[o] = '\0';
        size_t i = 0, bad_ref = 0;
        bool valid_ref = true;
        while (i < o) {
            size_t at = i, j = i;
            int cp = ref_next(b, o, &i), mine = ys_utf8_next(b, o, &j);
            assert_int_equal(mine, cp);
            assert_int_equal(j, i);
            if (cp < 0 && valid_ref) valid_ref = false, bad_ref = at;
        }
        size_t bad = 0;
        bool valid = ys_utf8_valid(b, o, &bad);
        assert_int_equal(valid, valid_ref);
        if (!valid) assert_int_equal(bad, bad_ref);
    }
}

/* ordinal_len of check/util.c before round 5 (without the first-character answer), as the reference */
static bool ref_numeral(int cp)
{
    static const int nums[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D,
                               0x5341, 0x767E, 0x96F6, 0x3007, 0x4E24};
    for (size_t i = 0; i < sizeof nums / sizeof *nums; i++)
        if (nums[i] == cp) return true;
    return false;
}

static size_t ref_ordinal_len(const char *s)
{
    size_t n = strlen(s), i = 0, start;
    int cp;
    if (n && (s[0] == '(' || strncmp(s, "\xEF\xBC\x88", 3) == 0)) {
        i = s[0] == '(' ? 1 : 3;
        start = i;
        while (i < n) {
            size_t j = i;
            cp = ref_next(s, n, &j);
            if (!ref_numeral(cp) && !(cp >= '0' && cp <= '9')) break;
            i = j;
        }
        if (i == start) return 0;
        if (i < n && s[i] == ')') return i + 1;
        if (strncmp(s + i, "\xEF\xBC\x89", 3) == 0) return i + 3;
        return 0;
    }
    start = 0;
    while (i < n) {
        size_t j = i;
        cp = ref_next(s, n, &j);
        if (!ref_numeral(cp) && !(cp >= '0' && cp <= '9')) break;
        i = j;
    }
    if (i == start) return 0;
    if (strncmp(s + i, "\xE3\x80\x81", 3) == 0) return i + 3;
    if (s[i] == '.' && !(s[i + 1] >= '0' && s[i + 1] <= '9')) return i + 1;
    if (strncmp(s + i, "\xEF\xBC\x8E", 3) == 0) return i + 3;
    return 0;
}

static void test_ordinal(void **state)
{
    (void)state;
    static const char *const pool[] = {"(", ")", "\xef\xbc\x88", "\xef\xbc\x89", "1", "9", ".", "\xef\xbc\x8e",
                                       "\xe3\x80\x81", "\xe4\xb8\x80" /* 一 */, "\xe5\x8d\x81" /* 十 */,
                                       "\xe3\x80\x87" /* 〇 */, "\xe4\xb8\xa4" /* 两 */, "\xe5\x90\x88", "a", " ",
                                       "\xed\xa0\x80", "\xe0\x80\x80", "\xff", "\xe4\xb8", "\xef\xbc"};
    unsigned st = 29;
    for (int t = 0; t < 100000; t++) {
        char b[64];
        size_t o = 0, pieces = next_rand(&st) % 6;
        for (size_t k = 0; k < pieces; k++) {
            const char *s = pool[next_rand(&st) % (sizeof pool / sizeof *pool)];
            size_t l = strlen(s);
            memcpy(b + o, s, l);
            o += l;
        }
        b[o] = '\0';
        assert_int_equal(ys_ck_has_ordinal(b), ref_ordinal_len(b) > 0);
    }
}

static void test_arena_bump(void **state)
{
    (void)state;
    ys_arena *a = ys_arena_new();
    assert_int_equal(ys_arena_used(a), 0);
    unsigned st = 31;
    size_t expect = 0;
    unsigned char *prev = NULL;
    size_t prev_n = 0;
    for (int t = 0; t < 20000; t++) {
        size_t n = next_rand(&st) % 100;
        if (t % 1000 == 999) n = 70000 + next_rand(&st);   /* larger than a chunk */
        unsigned char *p = t % 3 ? ys_arena_alloc_raw(a, n) : ys_arena_alloc(a, n);
        assert_int_equal((uintptr_t)p % 16, 0);
        if (t % 3 == 0)
            for (size_t k = 0; k < n; k++) assert_int_equal(p[k], 0);
        memset(p, 0xAB, n);
        if (prev && prev_n) assert_int_equal(prev[prev_n - 1], 0xAB);   /* not overwritten */
        prev = p, prev_n = n;
        expect += (n + 15) & ~(size_t)15;
        assert_int_equal(ys_arena_used(a), expect);
    }
    char *d = ys_arena_strndup(a, "abcdef", 3);
    assert_string_equal(d, "abc");
    ys_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize_against_general_path),
        cmocka_unit_test(test_normalize_edges),
        cmocka_unit_test(test_normalize_key),
        cmocka_unit_test(test_key_normalized),
        cmocka_unit_test(test_utf8_valid_next),
        cmocka_unit_test(test_ordinal),
        cmocka_unit_test(test_arena_bump),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
