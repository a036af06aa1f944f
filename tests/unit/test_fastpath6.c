/*
 * test_fastpath6.c — the round-6 fast paths (bench/RESULTS.md, "Round 6") answer as the code they
 * replaced, on random inputs:
 *  - ys_text_find / ys_text_find_n (strchr to the word's last byte, then the bytes before it): the same
 *    pointer as strstr, for words and texts drawn from ASCII, ideographs that share lead and last bytes
 *    with the words, partial sequences and repeats ("某某某", "待待填"), empty words and texts;
 *  - ys_text_eq (three bytes inline, then strcmp): the same answer as strcmp(a, b) == 0, on strings that
 *    agree on 0–4 leading bytes, of every length 0–5 and longer;
 *  - ys_text_starts (a byte loop): the same answer as strncmp(s, p, strlen(p)) == 0;
 *  - ys_code_level (one pass, no strlen): against the previous code (strlen, then every byte a digit);
 *  - R53 (template residue: XX, ××, 某某, 待填, 待补充, {, }, ＿＿, __, **** found in one pass, 某某 by its
 *    last byte, 待填/待补充 only after a 待): the finding names the mark that one strstr per mark in list
 *    order finds first, at its first occurrence (the excerpt around it), and there is a finding exactly
 *    when one of the marks occurs;
 *  - ys_ck_children (the prefix test before the level test) and ys_ck_find_label (the label column looked
 *    up once): against the previous loops, copied, on random coded tables (codes that share prefixes,
 *    wrong lengths, letters, empty codes; labels with ordinals and aliases);
 *  - ys_shape_detect (two strchr for "two bars", ys_text_find for a run of spaces): against the previous
 *    detection (a byte loop counting '|', a byte loop for two spaces), copied here.
 * Each comparison fails when the fast path is broken on purpose (a search that starts one byte late, an
 * inline compare that stops a byte early, a 某某 end accepted without its first half).
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

#include "check/check.h"
#include "check/util.h"
#include "core/text.h"
#include "model/disclosure.h"
#include "read/shape.h"
#include "fastpath_ref.h"

/* Pieces that make words and texts collide: ideographs sharing lead bytes (E6 9F: 某 查; E5 BE: 待 很)
 * and last bytes (某 E6 9F 90 / 写 E5 86 99 ...), ASCII marks, × and ＿ (C3 97, EF BC BF), lone bytes. */
static const char *const pool[] = {
    "\xe6\x9f\x90" /* 某 */, "\xe6\x9f\xa5" /* 查 */, "\xe5\xbe\x85" /* 待 */, "\xe5\xbe\x88" /* 很 */,
    "\xe5\xa1\xab" /* 填 */, "\xe8\xa1\xa5" /* 补 */, "\xe5\x85\x85" /* 充 */, "\xe7\xa0\x81" /* 码 */,
    "\xe4\xb8\x89" /* 三 */, "\xe5\x85\xac" /* 公 */, "\xe8\xa1\xa8" /* 表 */, "\xe7\xae\x97" /* 算 */,
    "\xe3\x80\x82" /* 。 */, "\xc3\x97" /* × */, "\xef\xbc\xbf" /* ＿ */, "X", "x", "{", "}", "_", "*", " ",
    "  ", "|", "-", "\t", "1", "a", ":", "\x90", "\x85", "\xe6", "\xe6\x9f",
};
#define NPOOL (sizeof pool / sizeof *pool)

static size_t random_text(unsigned *st, char *b, size_t pieces)
{
    size_t n = 0, k = next_rand(st) % (pieces + 1);
    for (size_t i = 0; i < k; i++) {
        const char *p = pool[next_rand(st) % NPOOL];
        size_t l = strlen(p);
        memcpy(b + n, p, l);
        n += l;
    }
    b[n] = '\0';
    return n;
}

static void test_find(void **state)
{
    (void)state;
    unsigned st = 6;
    char text[4 * 40 + 1], word[4 * 4 + 1];
    for (int r = 0; r < 200000; r++) {
        random_text(&st, text, 40);
        size_t wl = random_text(&st, word, r % 4 + 1);
        const char *want = strstr(text, word);
        assert_ptr_equal(ys_text_find(text, word), want);
        assert_ptr_equal(ys_text_find_n(text, word, wl), want);
    }
    /* edges: empty word and text, a word longer than the text, the match at the very end */
    assert_ptr_equal(ys_text_find("", ""), strstr("", ""));
    const char *t = "abc";
    assert_ptr_equal(ys_text_find(t, ""), t);
    assert_null(ys_text_find("ab", "abc"));
    assert_ptr_equal(ys_text_find(t, "bc"), t + 1);
    const char *m = "\xe6\x9f\x90\xe6\x9f\x90\xe6\x9f\x90";   /* 某某某: the first 某某 */
    assert_ptr_equal(ys_text_find(m, "\xe6\x9f\x90\xe6\x9f\x90"), m);
}

static void test_eq(void **state)
{
    (void)state;
    unsigned st = 7;
    static const char *const base[] = {"", "a", "ab", "abc", "abcd", "abcde", "\xe4\xb8\x80\xe7\xba\xa7",
                                       "\xe4\xb8\x80\xe7\xba\xa7\xe6\x8c\x87\xe6\xa0\x87"};
    char a[16], b[16];
    for (int r = 0; r < 200000; r++) {
        const char *x = base[next_rand(&st) % 8];
        size_t lx = strlen(x);
        memcpy(a, x, lx + 1);
        memcpy(b, x, lx + 1);
        /* change, cut or extend b at a random position */
        size_t at = next_rand(&st) % (lx + 1);
        switch (next_rand(&st) % 4) {
        case 0: if (at < lx) b[at] = (char)(b[at] ^ 1); break;
        case 1: b[at] = '\0'; break;
        case 2: b[lx] = 'z'; b[lx + 1] = '\0'; break;
        default: break;
        }
        assert_int_equal(ys_text_eq(a, b), strcmp(a, b) == 0);
        assert_int_equal(ys_text_eq(b, a), strcmp(b, a) == 0);
    }
}

static void test_starts(void **state)
{
    (void)state;
    unsigned st = 11;
    char text[4 * 6 + 1], word[4 * 6 + 1];   /* word: room for a prefix of text */
    for (int r = 0; r < 200000; r++) {
        random_text(&st, text, 6);
        size_t wl = random_text(&st, word, 3);
        if (r % 3 == 0) {   /* a real prefix, or one byte short of one, half of the time */
            size_t tl = strlen(text), k = next_rand(&st) % (tl + 1);
            memcpy(word, text, k);
            word[k] = '\0';
            wl = k;
        }
        assert_int_equal(ys_text_starts(text, word), strncmp(text, word, wl) == 0);
    }
}

/* ys_code_level as it was before round 6 */
static int old_code_level(const char *code)
{
    if (!code) return 0;
    size_t n = strlen(code);
    for (size_t i = 0; i < n; i++)
        if (code[i] < '0' || code[i] > '9') return 0;
    return n == 3 ? 1 : n == 5 ? 2 : n == 7 ? 3 : 0;
}

static void test_code_level(void **state)
{
    (void)state;
    unsigned st = 8;
    static const char chars[] = "0123456789a /\xe4";
    char c[12];
    assert_int_equal(ys_code_level(NULL), 0);
    for (int r = 0; r < 100000; r++) {
        size_t n = next_rand(&st) % 10;
        for (size_t i = 0; i < n; i++)
            c[i] = next_rand(&st) % 8 ? chars[next_rand(&st) % 10] : chars[next_rand(&st) % (sizeof chars - 1)];
        c[n] = '\0';
        assert_int_equal(ys_code_level(c), old_code_level(c));
    }
}

/* ---- R53 against one strstr per mark ---------------------------------------------------------------- */

static const char *const marks[] = {"XX", "xx", "\xc3\x97\xc3\x97", "\xe6\x9f\x90\xe6\x9f\x90",
                                    "\xe5\xbe\x85\xe5\xa1\xab", "\xe5\xbe\x85\xe8\xa1\xa5\xe5\x85\x85", "{", "}",
                                    "\xef\xbc\xbf\xef\xbc\xbf", "__", "****"};

/* The message R53 gave before round 6 for a section text, "" when none. */
static void old_message(const char *text, char *out, size_t cap)
{
    const char *p = NULL, *mark = NULL;
    for (size_t i = 0; i < sizeof marks / sizeof *marks && !p; i++)
        if ((p = strstr(text, marks[i]))) mark = marks[i];
    out[0] = '\0';
    if (!p) return;
    size_t start = (size_t)(p - text), back = 0;
    while (start > 0 && back < 12) {
        start--;
        if (((unsigned char)text[start] & 0xC0) != 0x80) back++;
    }
    size_t end = (size_t)(p - text) + strlen(mark), fwd = 0, n = strlen(text);
    while (end < n && fwd < 12) {
        end++;
        while (end < n && ((unsigned char)text[end] & 0xC0) == 0x80) end++;
        fwd++;
    }
    snprintf(out, cap, "正文中有模板残留“%s”：…%.*s…", mark, (int)(end - start), text + start);
}

static void test_residue(void **state)
{
    (void)state;
    unsigned st = 9;
    ys_disclosure *d = ys_disclosure_new("t.txt");
    d->meta.year = 2024;
    ys_section *s = ys_disclosure_add_section(d, "一", "\xe6\xa6\x82\xe5\x86\xb5");   /* 概况 */
    const char *only[] = {"R53", NULL};
    char text[4 * 30 + 1], want[1024];
    size_t found = 0;
    for (int r = 0; r < 20000; r++) {
        random_text(&st, text, 30);
        s->text = text;
        old_message(text, want, sizeof want);
        ys_findings f;
        ys_findings_init(&f);
        ys_check_run(d, NULL, only, &f);
        const char *got = "";
        for (size_t i = 0; i < f.count; i++)
            if (strcmp(f.items[i].rule, "R53") == 0 && strncmp(f.items[i].message, "正文", strlen("正文")) == 0)
                got = f.items[i].message;
        if (strcmp(got, want) != 0) print_message("text \"%s\": want \"%s\", got \"%s\"\n", text, want, got);
        assert_string_equal(got, want);
        found += *want != '\0';
        ys_findings_release(&f);
    }
    assert_true(found > 1000);   /* the marks do occur: the comparison tests something */
    ys_disclosure_free(d);
}

/* ---- ys_ck_children and ys_ck_find_label against the previous loops --------------------------------- */

static size_t old_children(const ys_table *t, const ys_row *parent, size_t *idx)
{
    int plevel = parent ? ys_code_level(parent->code) : 0;
    if (parent && *parent->code && plevel == 0) return 0;
    size_t n = 0;
    for (size_t i = 0; i < t->nrows; i++) {
        const ys_row *r = &t->rows[i];
        if (ys_code_level(r->code) != plevel + 1) continue;
        if (plevel && !ys_ck_code_below(r->code, parent->code)) continue;
        idx[n++] = i;
    }
    return n;
}

static const ys_row *old_find_label(const ys_table *t, const char *key, const char *const *aliases, size_t from,
                                    size_t *index)
{
    for (size_t i = from; t && i < t->nrows; i++)
        if (ys_ck_name_is(ys_ck_label(t, &t->rows[i], key), aliases)) {
            if (index) *index = i;
            return &t->rows[i];
        }
    return NULL;
}

static void test_children_find_label(void **state)
{
    (void)state;
    unsigned st = 12;
    static const char *const codes[] = {"", "201", "202", "20101", "20102", "20201", "2010101", "2010102",
                                        "2020101", "2010", "201010", "20101011", "2a1", "301", "30101"};
    static const char *const names[] = {"合计", "一、合计", "(一)总计", "支出合计", "其他", "行政运行", "  总计",
                                        "合 计", "一般公共服务支出", ""};
    static const char *const aliases[] = {"合计", "总计", NULL};
    static const char *const none[] = {NULL};
    for (int r = 0; r < 3000; r++) {
        ys_disclosure *d = ys_disclosure_new("t.txt");
        ys_column cols[] = {{"项目", "item", YS_COL_LABEL}, {"合计", "total", YS_COL_MONEY}};
        ys_table *t = ys_disclosure_add_table(d, YS_TABLE_EXPENSE, "部门预算支出总表", 2, cols);
        size_t n = next_rand(&st) % 30;
        for (size_t i = 0; i < n; i++) {
            ys_row *row = ys_table_add_row(d, t, (int)i + 1, codes[next_rand(&st) % 15], names[next_rand(&st) % 10]);
            row->cells[0].text = names[next_rand(&st) % 10];
        }
        size_t a[32], b[32];
        assert_int_equal(ys_ck_children(t, NULL, a), old_children(t, NULL, b));
        for (size_t i = 0; i < t->nrows; i++) {
            size_t na = ys_ck_children(t, &t->rows[i], a), nb = old_children(t, &t->rows[i], b);
            assert_int_equal(na, nb);
            assert_memory_equal(a, b, na * sizeof *a);
        }
        static const char *const keys[] = {NULL, "item", "total", "nothing"};
        for (size_t k = 0; k < 4; k++)
            for (size_t from = 0; from <= n + 1; from += 1 + next_rand(&st) % 4) {
                size_t ia = 99, ib = 99;
                const char *const *al = next_rand(&st) % 8 ? aliases : none;
                assert_ptr_equal(ys_ck_find_label(t, keys[k], al, from, &ia), old_find_label(t, keys[k], al, from, &ib));
                assert_int_equal(ia, ib);
            }
        ys_disclosure_free(d);
    }
}

/* ---- ys_shape_detect against the previous byte loops ------------------------------------------------ */

static bool old_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r') return false;
    return true;
}

static bool old_bar_separator(const char *s)
{
    bool dash = false, bar = false;
    for (; *s; s++) {
        if (*s == '-') dash = true;
        else if (*s == '|' || *s == '+') bar = true;
        else if (*s != ':' && *s != ' ' && *s != '\t') return false;
    }
    return dash && bar;
}

static bool old_space_run(const char *s)
{
    while (*s == ' ') s++;
    for (const char *p = s; *p; p++) {
        if (p[0] == ' ' && p[1] == ' ') {
            const char *q = p;
            while (*q == ' ') q++;
            return *q && *q != '\r';
        }
    }
    return false;
}

/* The counts the previous ys_shape_detect decided from. */
static void old_counts(const char *const *lines, size_t n, size_t *tabs, size_t *bars, size_t *spaces)
{
    *tabs = *bars = *spaces = 0;
    for (size_t i = 0; i < n; i++) {
        const char *s = lines[i];
        if (old_blank(s)) continue;
        size_t nb = 0;
        for (const char *p = s; *p; p++) nb += *p == '|';
        if (strchr(s, '\t')) (*tabs)++;
        else if (nb >= 2 || old_bar_separator(s)) (*bars)++;
        else if (old_space_run(s)) (*spaces)++;
    }
}

static void test_shape(void **state)
{
    (void)state;
    unsigned st = 10;
    static const char *const piece[] = {"|", " ", "  ", "-", "+", ":", "\t", "\r", "a", "\xe4\xb8\x80", "1"};
    char buf[8][64];
    const char *lines[8];
    for (int r = 0; r < 50000; r++) {
        size_t n = next_rand(&st) % 8 + 1;
        for (size_t i = 0; i < n; i++) {
            size_t len = 0, k = next_rand(&st) % 12;
            for (size_t j = 0; j < k; j++) {
                const char *p = piece[next_rand(&st) % (sizeof piece / sizeof *piece)];
                memcpy(buf[i] + len, p, strlen(p));
                len += strlen(p);
            }
            buf[i][len] = '\0';
            lines[i] = buf[i];
        }
        size_t tabs, bars, spaces;
        old_counts(lines, n, &tabs, &bars, &spaces);
        ys_shape want;
        if (tabs > 0 && tabs >= bars && tabs >= spaces) want = YS_SHAPE_TABS;
        else if (bars > 0 && bars >= spaces) want = YS_SHAPE_BARS;
        else if (spaces >= 3) want = YS_SHAPE_SPACES;
        else if (tabs || bars) want = tabs >= bars ? YS_SHAPE_TABS : YS_SHAPE_BARS;
        else want = YS_SHAPE_CELLS;
        assert_int_equal(ys_shape_detect(lines, n), want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_find),
        cmocka_unit_test(test_eq),
        cmocka_unit_test(test_starts),
        cmocka_unit_test(test_code_level),
        cmocka_unit_test(test_residue),
        cmocka_unit_test(test_children_find_label),
        cmocka_unit_test(test_shape),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
