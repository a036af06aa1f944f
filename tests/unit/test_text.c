/*
 * test_text.c — unit tests of core/text: NFKC of full-width forms and Kangxi radicals, the CJK Radicals
 * Supplement table (checked entry by entry against Unicode's EquivalentUnifiedIdeograph data), white
 * space rules (dropped between CJK, kept between Latin/digits, collapsed, trimmed), comparison keys
 * (bracket and quote unification), GB18030/GBK decoding (the input is produced here with iconv), BOM
 * stripping, refusal of invalid input with its offset, and the UTF-8 decoder on malformed sequences.
 * The fast path of the normaliser (ASCII, CJK ideographs, common punctuation) and its general path
 * (utf8proc) must agree: several cases are written so that one string takes each path.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/text.h"

static ys_arena *arena;

static int setup(void **state)
{
    (void)state;
    arena = ys_arena_new();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ys_arena_free(arena);
    return 0;
}

static const char *norm(const char *s)
{
    return ys_text_normalize(arena, s, strlen(s));
}

#define assert_norm(in, want) assert_string_equal(norm(in), want)

static void test_nfkc_fullwidth(void **state)
{
    (void)state;
    assert_norm("（１２３）", "(123)");
    assert_norm("ＡＢＣｘｙｚ", "ABCxyz");
    assert_norm("单位：万元", "单位:万元");
    assert_norm("１，２３４．５６", "1,234.56");
    assert_norm("％", "%");
    assert_norm("维修（护）费", "维修(护)费");
    /* the same full-width forms beside a character only utf8proc knows (℃ → °C): the general path */
    assert_norm("（１２３）℃", "(123)°C");
    assert_norm("…", "...");
    assert_norm("Ⅱ类", "II类");
    /* NFKC-stable CJK punctuation is kept as it is */
    assert_norm("《预算法》、“三公”经费。【注】", "《预算法》、“三公”经费。【注】");
}

static void test_kangxi_radicals(void **state)
{
    (void)state;
    /* U+2F00 block: NFKC maps ⼀ (2F00) → 一, ⽊ (2F4A) → 木, ⾦ (2FA6) → 金, ⿕ (2FD5) → 龠 */
    assert_norm("\xe2\xbc\x80", "一");
    assert_norm("\xe2\xbd\x8a\xe6\x9d\x90", "木材");
    assert_norm("\xe2\xbe\xa6\xe9\xa2\x9d", "金额");
    assert_norm("\xe2\xbf\x95", "龠");
}

static void test_radicals_supplement(void **state)
{
    (void)state;
    assert_norm("部⻔预算", "部门预算");           /* ⻔ U+2ED4 */
    assert_norm("公务⽤⻋", "公务用车");           /* ⽤ Kangxi + ⻋ U+2ECB */
    assert_norm("⻓期", "长期");                   /* ⻓ U+2ED3 */
    assert_norm("⻅证", "见证");
    assert_norm("⻜机", "飞机");
    assert_norm("⻢", "马");
    assert_norm("⻝堂", "食堂");
    assert_norm("⻬全", "齐全");                   /* ⻬ U+2EEC */
    assert_norm("⻙", "韦");
    assert_norm("⺠政", "民政");
    assert_norm("⺟婴", "母婴");                   /* ⺟ has an NFKC mapping of its own */
    /* entries corrected against EquivalentUnifiedIdeograph: ⺹ → 耂 (not 老), ⺼ → 肉 (not 肀),
     * ⻏ → 邑 (not 阝), ⺳ → 㓁, ⺷ → 𦍌 (outside the BMP) */
    assert_norm("⺹", "耂");
    assert_norm("⺼", "肉");
    assert_norm("⻏", "邑");
    assert_norm("⺳", "㓁");
    assert_norm("⺷", "\xf0\xa6\x8d\x8c");
    /* unassigned code points of the block are left alone */
    assert_norm("\xe2\xba\x9a", "\xe2\xba\x9a");   /* U+2E9A */
    assert_norm("\xe2\xbb\xb4", "\xe2\xbb\xb4");   /* U+2EF4 */
}

static void test_spaces(void **state)
{
    (void)state;
    assert_norm("普惠金融 发展支出", "普惠金融发展支出");
    assert_norm("财政对基本养老保险基 金的补助", "财政对基本养老保险基金的补助");
    assert_norm("Hello   World", "Hello World");
    assert_norm("2024 年", "2024 年");            /* a digit and an ideograph: kept */
    assert_norm("年 2024", "年 2024");
    assert_norm("1 2", "1 2");
    assert_norm("  \t 行政运行 \r\n", "行政运行");
    assert_norm("a\t\tb\n\nc", "a b c");
    assert_norm("行政\u3000运行", "行政运行");      /* ideographic space between CJK */
    assert_norm("A\u3000B", "A B");
    assert_norm("A\xc2\xa0\xc2\xa0" "B", "A B");   /* no-break spaces */
    assert_norm("“三公” 经费", "“三公”经费");       /* Chinese quotes count as CJK */
    assert_norm("（一） 部门职责", "(一)部门职责");  /* a bracket in Chinese text joins its neighbours */
    assert_norm("因公出国 (境)费", "因公出国(境)费");
    assert_norm("小计 : 11.10", "小计: 11.10");     /* the space after the colon stays: a digit follows */
    assert_norm("Budget (2024)", "Budget (2024)");  /* Latin text keeps its spaces */
    assert_norm("2024 年", "2024 年");               /* digits and CJK: kept (a year, an amount) */
    assert_norm("", "");
    assert_norm("   ", "");
    assert_norm("\xe3\x80\x80", "");
}

static void test_invalid_bytes(void **state)
{
    (void)state;
    assert_norm("a\xff" "b", "a\xef\xbf\xbd" "b");          /* U+FFFD */
    assert_norm("预\xe9\xa2", "预\xef\xbf\xbd\xef\xbf\xbd");
    /* an embedded NUL is dropped, the rest kept */
    const char s[] = {'a', 0, 'b'};
    assert_string_equal(ys_text_normalize(arena, s, 3), "ab");
    /* n bytes exactly, not up to the NUL */
    assert_string_equal(ys_text_normalize(arena, "行政运行支出", 6), "行政");
}

static void test_key(void **state)
{
    (void)state;
    assert_string_equal(ys_text_key(arena, "维修(护)费"), ys_text_key(arena, "维修（护）费"));
    assert_string_equal(ys_text_key(arena, "【注】"), ys_text_key(arena, "[注]"));
    assert_string_equal(ys_text_key(arena, "[注]"), "(注)");
    assert_string_equal(ys_text_key(arena, "〔2016〕"), "(2016)");
    assert_string_equal(ys_text_key(arena, "“三公”经费"), "\"三公\"经费");
    assert_string_equal(ys_text_key(arena, "'三公'"), "\"三公\"");
    assert_string_equal(ys_text_key(arena, " 行政 运行 A B "), "行政运行AB");
    assert_string_equal(ys_text_key(arena, "单位：万元，"), "单位:万元,");
    assert_string_equal(ys_text_key(arena, NULL), "");
    assert_true(ys_text_same("维修(护)费", "维修（护）费"));
    assert_true(ys_text_same("公务用车购置及运行(维护)费", "公务用车购置及运行 （维护）费"));
    assert_true(ys_text_same("部⻔预算", "部门预算"));
    assert_true(ys_text_same("【注】", "[注]"));
    assert_true(ys_text_same(NULL, ""));
    assert_true(ys_text_same("abc", "abc"));
    assert_false(ys_text_same("行政运行", "一般行政管理事务"));
    assert_false(ys_text_same("ab", "abc"));
    assert_false(ys_text_same("(注)", "注"));
}

/* Encode UTF-8 → GB18030 with iconv, as a Chinese Excel export would. */
static char *to_gb18030(const char *utf8, size_t *outlen)
{
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t inleft = strlen(utf8), cap = inleft * 2 + 4, oleft = cap;
    char *out = malloc(cap), *o = out, *in = (char *)utf8;
    assert_non_null(out);
    assert_true(iconv(cd, &in, &inleft, &o, &oleft) != (size_t)-1);
    iconv_close(cd);
    *outlen = cap - oleft;
    return out;
}

static void test_decode_gb18030(void **state)
{
    (void)state;
    const char *text = "部门预算收支总表\t单位：万元\n一般公共服务支出\t6228.00\n";
    size_t gl;
    char *gb = to_gb18030(text, &gl);
    assert_true(gl < strlen(text));                   /* really re-encoded: 2 bytes per ideograph */
    size_t bad = 0;
    assert_false(ys_utf8_valid(gb, gl, &bad));
    char *out = NULL;
    size_t ol = 0;
    const char *enc = NULL;
    assert_int_equal(ys_text_decode(gb, gl, &out, &ol, &enc, &bad), YS_OK);
    assert_string_equal(enc, "GB18030");
    assert_string_equal(out, text);
    assert_int_equal(ol, strlen(text));
    free(out);
    free(gb);
}

static void test_decode_utf8_bom(void **state)
{
    (void)state;
    const char in[] = "\xef\xbb\xbf收入总表\n";
    char *out = NULL;
    size_t ol = 0;
    const char *enc = NULL;
    assert_int_equal(ys_text_decode(in, sizeof in - 1, &out, &ol, &enc, NULL), YS_OK);
    assert_string_equal(enc, "UTF-8");
    assert_string_equal(out, "收入总表\n");
    assert_int_equal(ol, strlen("收入总表\n"));
    free(out);
    /* empty input, and a BOM alone */
    assert_int_equal(ys_text_decode("", 0, &out, &ol, &enc, NULL), YS_OK);
    assert_string_equal(out, "");
    free(out);
    assert_int_equal(ys_text_decode("\xef\xbb\xbf", 3, &out, &ol, &enc, NULL), YS_OK);
    assert_int_equal(ol, 0);
    free(out);
}

static void test_decode_refused(void **state)
{
    (void)state;
    char *out = (char *)0x1;
    size_t ol = 0, bad = 12345;
    const char *enc = NULL;
    /* 0xFF is valid in neither UTF-8 nor GB18030: refused, with the byte offset */
    const char in[] = "abc\xff" "def";
    assert_int_equal(ys_text_decode(in, sizeof in - 1, &out, &ol, &enc, &bad), YS_ERR_ENCODING);
    assert_int_equal(bad, 3);
    /* binary with NUL bytes is not text even where GB18030 would accept the bytes */
    const char bin[] = {'a', '\x81', '\x30', 0, 'b'};
    bad = 0;
    assert_int_equal(ys_text_decode(bin, sizeof bin, &out, &ol, &enc, &bad), YS_ERR_ENCODING);
    /* a GB18030 text cut inside a two-byte character */
    size_t gl;
    char *gb = to_gb18030("预算表", &gl);
    assert_int_equal(ys_text_decode(gb, gl - 1, &out, &ol, &enc, &bad), YS_ERR_ENCODING);
    assert_int_equal(bad, gl - 2);
    free(gb);
    /* ys_utf8_valid reports the first bad offset */
    assert_false(ys_utf8_valid("ok\xe9\xa2", 4, &bad));
    assert_int_equal(bad, 2);
    assert_true(ys_utf8_valid("预算", strlen("预算"), NULL));
}

static void test_utf8_next(void **state)
{
    (void)state;
    size_t i = 0;
    const char *s = "a预\xf0\x9f\x98\x80";    /* 1-, 3- and 4-byte sequences */
    size_t n = strlen(s);
    assert_int_equal(ys_utf8_next(s, n, &i), 'a');
    assert_int_equal(ys_utf8_next(s, n, &i), 0x9884);
    assert_int_equal(i, 4);
    assert_int_equal(ys_utf8_next(s, n, &i), 0x1F600);
    assert_int_equal(i, n);
    assert_int_equal(ys_utf8_next(s, n, &i), -1);        /* at the end */
    assert_int_equal(i, n);

    static const struct { const char *bytes; size_t len; } bad[] = {
        {"\xc0\xaf", 2},              /* overlong '/' (2 bytes) */
        {"\xc1\xbf", 2},              /* overlong */
        {"\xe0\x80\xaf", 3},          /* overlong '/' (3 bytes) */
        {"\xe0\x9f\xbf", 3},          /* overlong U+07FF */
        {"\xf0\x80\x80\xaf", 4},      /* overlong (4 bytes) */
        {"\xf0\x8f\xbf\xbf", 4},      /* overlong U+FFFF */
        {"\xed\xa0\x80", 3},          /* surrogate U+D800 */
        {"\xed\xbf\xbf", 3},          /* surrogate U+DFFF */
        {"\xf4\x90\x80\x80", 4},      /* U+110000 */
        {"\xf8\x88\x80\x80\x80", 5},  /* 5-byte form */
        {"\x80", 1},                  /* lone continuation byte */
        {"\xe9\xa2", 2},              /* truncated */
        {"\xe9\x41\x41", 3},          /* bad continuation */
        {"\xff", 1},
    };
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        i = 0;
        if (ys_utf8_next(bad[k].bytes, bad[k].len, &i) != -1) fail_msg("case %zu accepted", k);
        assert_int_equal(i, 1);                          /* skips exactly one byte */
    }
    /* the largest valid values of each length */
    i = 0;
    assert_int_equal(ys_utf8_next("\xed\x9f\xbf", 3, &i), 0xD7FF);
    i = 0;
    assert_int_equal(ys_utf8_next("\xf4\x8f\xbf\xbf", 4, &i), 0x10FFFF);
    i = 0;
    assert_int_equal(ys_utf8_next("\xdf\xbf", 2, &i), 0x7FF);
}

static void test_misc(void **state)
{
    (void)state;
    assert_int_equal(ys_utf8_len("预算ab"), 4);
    assert_int_equal(ys_utf8_len(""), 0);
    assert_true(ys_is_cjk(0x4E00));
    assert_true(ys_is_cjk(0x3001));
    assert_true(ys_is_cjk(0x2ED4));
    assert_true(ys_is_cjk(0x20628));
    assert_false(ys_is_cjk('A'));
    assert_false(ys_is_cjk('1'));
    assert_false(ys_is_cjk('('));
}

/* Long cells, and each path many times, to catch scratch-buffer reuse mistakes. */
static void test_long_and_repeated(void **state)
{
    (void)state;
    size_t reps = 5000;
    char *big = malloc(reps * 3 + 1);
    assert_non_null(big);
    for (size_t k = 0; k < reps; k++) memcpy(big + 3 * k, "预", 3);
    big[reps * 3] = '\0';
    assert_string_equal(ys_text_normalize(arena, big, reps * 3), big);
    for (size_t k = 0; k < reps; k += 2) memcpy(big + 3 * k, "１", 3);    /* a full-width digit: mapped */
    const char *r = ys_text_normalize(arena, big, reps * 3);
    assert_int_equal(strlen(r), reps / 2 * 4);
    assert_int_equal(strncmp(r, "1预1预", strlen("1预1预")), 0);
    free(big);
    for (int k = 0; k < 200; k++) {
        assert_true(ys_text_same("（护）", "(护)"));
        assert_string_equal(ys_text_key(arena, k % 2 ? "a ℃" : "b （c）"), k % 2 ? "a°C" : "b(c)");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nfkc_fullwidth),   cmocka_unit_test(test_kangxi_radicals),
        cmocka_unit_test(test_radicals_supplement), cmocka_unit_test(test_spaces),
        cmocka_unit_test(test_invalid_bytes),    cmocka_unit_test(test_key),
        cmocka_unit_test(test_decode_gb18030),   cmocka_unit_test(test_decode_utf8_bom),
        cmocka_unit_test(test_decode_refused),   cmocka_unit_test(test_utf8_next),
        cmocka_unit_test(test_misc),             cmocka_unit_test(test_long_and_repeated),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
