/*
 * test_money.c — unit tests of core/money: every printed form of an amount found in published
 * disclosures, unit scaling (元/万元/亿元), refusal of garbage, of precision finer than 1 分 and of
 * overflow, exact formatting (never rounds) and rounding envelopes (R51).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/money.h"

/* Parse a NUL-terminated string; returns the result, the amount and the decimals through pointers. */
static ys_money_result parse(const char *s, ys_unit u, ys_money *v, int *dec)
{
    *v = 12345;   /* sentinel: must be overwritten on OK only */
    *dec = -7;
    return ys_money_parse(s, strlen(s), u, v, dec);
}

static void expect_ok(const char *s, ys_unit u, ys_money want, int want_dec)
{
    ys_money v;
    int dec;
    ys_money_result r = parse(s, u, &v, &dec);
    if (r != YS_MONEY_OK) fail_msg("\"%s\": result %d, want OK", s, (int)r);
    if (v != want) fail_msg("\"%s\": %lld 分, want %lld", s, (long long)v, (long long)want);
    if (dec != want_dec) fail_msg("\"%s\": %d decimals, want %d", s, dec, want_dec);
}

static void expect_result(const char *s, ys_unit u, ys_money_result want)
{
    ys_money v;
    int dec;
    ys_money_result r = parse(s, u, &v, &dec);
    if (r != want) fail_msg("\"%s\": result %d, want %d", s, (int)r, (int)want);
    if (want != YS_MONEY_OK && v != 12345) fail_msg("\"%s\": amount written on failure", s);
}

static void test_plain_forms(void **state)
{
    (void)state;
    expect_ok("6228.00", YS_UNIT_YUAN, 622800, 2);
    expect_ok("6228.", YS_UNIT_YUAN, 622800, 0);        /* trailing point, page-broken "6228."+"00" */
    expect_ok("6228", YS_UNIT_YUAN, 622800, 0);
    expect_ok("0", YS_UNIT_YUAN, 0, 0);
    expect_ok("0.00", YS_UNIT_YUAN, 0, 2);
    expect_ok(".5", YS_UNIT_YUAN, 50, 1);
    expect_ok("124.4", YS_UNIT_YUAN, 12440, 1);         /* one decimal printed */
    expect_ok("1,234.56", YS_UNIT_YUAN, 123456, 2);
    expect_ok("12,345,678.90", YS_UNIT_YUAN, 1234567890, 2);
    expect_ok("  42.10 ", YS_UNIT_YUAN, 4210, 2);       /* surrounding spaces */
    expect_ok("\t7\t", YS_UNIT_YUAN, 700, 0);
    expect_ok("+5.00", YS_UNIT_YUAN, 500, 2);
}

static void test_negative_forms(void **state)
{
    (void)state;
    expect_ok("(100.00)", YS_UNIT_YUAN, -10000, 2);
    expect_ok("-100", YS_UNIT_YUAN, -10000, 0);
    expect_ok("-1,234.56", YS_UNIT_YUAN, -123456, 2);
    expect_ok("\xe2\x88\x92" "3.5", YS_UNIT_YUAN, -350, 1);     /* U+2212 MINUS SIGN */
    expect_ok("(1,000)", YS_UNIT_WANYUAN, -1000000000LL, 0);
    expect_result("(100.00", YS_UNIT_YUAN, YS_MONEY_INVALID);   /* unbalanced */
    expect_result("100.00)", YS_UNIT_YUAN, YS_MONEY_INVALID);
    expect_result("--5", YS_UNIT_YUAN, YS_MONEY_INVALID);
    expect_result("()", YS_UNIT_YUAN, YS_MONEY_INVALID);
}

static void test_empty_forms(void **state)
{
    (void)state;
    expect_result("", YS_UNIT_YUAN, YS_MONEY_EMPTY);
    expect_result("   ", YS_UNIT_YUAN, YS_MONEY_EMPTY);
    expect_result("-", YS_UNIT_YUAN, YS_MONEY_EMPTY);
    expect_result("--", YS_UNIT_YUAN, YS_MONEY_EMPTY);
    expect_result("\xe2\x80\x94", YS_UNIT_YUAN, YS_MONEY_EMPTY);               /* — */
    expect_result("\xe2\x80\x94\xe2\x80\x94", YS_UNIT_WANYUAN, YS_MONEY_EMPTY); /* —— */
    expect_result(" - ", YS_UNIT_YUAN, YS_MONEY_EMPTY);
    /* a NULL-free zero-length slice of a longer string is empty too */
    ys_money v = 1;
    int dec = 0;
    assert_int_equal(ys_money_parse("123", 0, YS_UNIT_YUAN, &v, &dec), YS_MONEY_EMPTY);
}

static void test_units(void **state)
{
    (void)state;
    /* 34063.09 万元 = 340 630 900 元 = 34 063 090 000 分 */
    expect_ok("34063.09", YS_UNIT_WANYUAN, 34063090000LL, 2);
    expect_ok("509.3", YS_UNIT_WANYUAN, 509300000LL, 1);           /* 5 093 000 元 */
    expect_ok("1.2345", YS_UNIT_WANYUAN, 12345 * 100, 4);      /* 12345 元: exact at 4 decimals */
    expect_ok("0.000001", YS_UNIT_WANYUAN, 1, 6);              /* 1 分 in 万元 */
    expect_ok("2.5", YS_UNIT_YIYUAN, 25000000000LL, 1);
    expect_ok("0.0000000001", YS_UNIT_YIYUAN, 1, 10);
    expect_ok("12.34", YS_UNIT_UNKNOWN, 1234, 2);              /* unknown unit reads as 元 */
    assert_int_equal(ys_unit_fen(YS_UNIT_YUAN), 100);
    assert_int_equal(ys_unit_fen(YS_UNIT_WANYUAN), 1000000);
    assert_true(ys_unit_fen(YS_UNIT_YIYUAN) == 10000000000LL);
    assert_int_equal(ys_unit_fen(YS_UNIT_UNKNOWN), 0);
    assert_string_equal(ys_unit_name(YS_UNIT_WANYUAN), "万元");
    assert_string_equal(ys_unit_name(YS_UNIT_UNKNOWN), "");
    assert_int_equal(ys_unit_from_text("单位：万元"), YS_UNIT_WANYUAN);
    assert_int_equal(ys_unit_from_text("单位:元"), YS_UNIT_YUAN);
    assert_int_equal(ys_unit_from_text("金额单位：亿元"), YS_UNIT_YIYUAN);
    assert_int_equal(ys_unit_from_text("预算年度：2024"), YS_UNIT_UNKNOWN);
    assert_int_equal(ys_unit_from_text(NULL), YS_UNIT_UNKNOWN);
}

static void test_too_precise(void **state)
{
    (void)state;
    expect_result("1.234", YS_UNIT_YUAN, YS_MONEY_RANGE);          /* finer than 1 分 */
    expect_result("0.001", YS_UNIT_YUAN, YS_MONEY_RANGE);
    expect_result("0.0000001", YS_UNIT_WANYUAN, YS_MONEY_RANGE);
    expect_ok("1.230", YS_UNIT_YUAN, 123, 3);                       /* trailing zero: still exact */
    expect_ok("1.2300000000", YS_UNIT_YUAN, 123, 10);
}

static void test_overflow(void **state)
{
    (void)state;
    /* INT64_MAX 分 = 92 233 720 368 547 758.07 元 */
    expect_ok("92233720368547758.07", YS_UNIT_YUAN, INT64_MAX, 2);
    expect_result("92233720368547758.08", YS_UNIT_YUAN, YS_MONEY_RANGE);
    expect_result("92233720368547759", YS_UNIT_YUAN, YS_MONEY_RANGE);
    /* integer parts at the edge of int64 itself (no signed overflow while reading digits: UBSan) */
    expect_result("9223372036854775807", YS_UNIT_YUAN, YS_MONEY_RANGE);
    expect_result("9223372036854775808", YS_UNIT_YUAN, YS_MONEY_RANGE);
    expect_result("9223372036854775809", YS_UNIT_YUAN, YS_MONEY_RANGE);
    expect_result("-9223372036854775809", YS_UNIT_YUAN, YS_MONEY_RANGE);
    expect_result("99999999999999999999999999", YS_UNIT_YUAN, YS_MONEY_RANGE);
    expect_result("9223372036854.7759", YS_UNIT_WANYUAN, YS_MONEY_RANGE);
    expect_result("922337203.68547759", YS_UNIT_YIYUAN, YS_MONEY_RANGE);
    expect_result("1000000000", YS_UNIT_YIYUAN, YS_MONEY_RANGE);    /* 10^19 分 */
    expect_ok("-92233720368547758.07", YS_UNIT_YUAN, -INT64_MAX, 2);
}

static void test_garbage(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "12a", "a12", "1,23", ",123", "1.2.3", "1,2345", "12,34,567", "1 234", ".", "+", "-.", "1..2",
        "1,234,56", "1,234.5,6", "１２", "12元", "abc", "0x10", "1e5", "1.2-", "(-5)", ",", "1,",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) expect_result(bad[i], YS_UNIT_YUAN, YS_MONEY_INVALID);
}

static void test_slices(void **state)
{
    (void)state;
    /* the parser reads exactly n bytes: a cell is a slice of a tab-separated line */
    const char *line = "6228.00\t(1.50)\t-";
    ys_money v;
    int dec;
    assert_int_equal(ys_money_parse(line, 7, YS_UNIT_YUAN, &v, &dec), YS_MONEY_OK);
    assert_true(v == 622800);
    assert_int_equal(ys_money_parse(line + 8, 6, YS_UNIT_YUAN, &v, &dec), YS_MONEY_OK);
    assert_true(v == -150);
    assert_int_equal(ys_money_parse(line + 15, 1, YS_UNIT_YUAN, &v, &dec), YS_MONEY_EMPTY);
    assert_int_equal(ys_money_parse(line, 5, YS_UNIT_YUAN, &v, NULL), YS_MONEY_OK);   /* "6228." */
    assert_true(v == 622800);
}

static void expect_format(ys_money v, ys_unit u, int mind, const char *want)
{
    char buf[YS_MONEY_BUFSZ];
    memset(buf, 'x', sizeof buf);
    const char *got = ys_money_format(v, u, mind, buf, sizeof buf);
    assert_ptr_equal(got, buf);
    if (strcmp(got, want)) fail_msg("format %lld 分 in %s at %d: \"%s\", want \"%s\"", (long long)v,
                                    ys_unit_name(u), mind, got, want);
}

static void test_format(void **state)
{
    (void)state;
    expect_format(622800, YS_UNIT_YUAN, 2, "6228.00");
    expect_format(622800, YS_UNIT_YUAN, 0, "6228");
    expect_format(12440, YS_UNIT_YUAN, 2, "124.40");
    expect_format(12440, YS_UNIT_YUAN, 0, "124.4");            /* more decimals when needed */
    expect_format(-10000, YS_UNIT_YUAN, 2, "-100.00");
    expect_format(0, YS_UNIT_YUAN, 2, "0.00");
    expect_format(-1, YS_UNIT_YUAN, 2, "-0.01");
    expect_format(34063090000LL, YS_UNIT_WANYUAN, 2, "34063.09");
    expect_format(1, YS_UNIT_WANYUAN, 2, "0.000001");           /* never rounds */
    expect_format(5093000000LL, YS_UNIT_WANYUAN, 2, "5093.00");
    expect_format(5093000000LL, YS_UNIT_WANYUAN, 0, "5093");
    expect_format(25000000000LL, YS_UNIT_YIYUAN, 2, "2.50");
    expect_format(1, YS_UNIT_YIYUAN, 0, "0.0000000001");
    expect_format(123, YS_UNIT_YUAN, 4, "1.2300");              /* min decimals beyond 分 */
    expect_format(INT64_MAX, YS_UNIT_YUAN, 2, "92233720368547758.07");
    expect_format(INT64_MIN, YS_UNIT_YUAN, 2, "-92233720368547758.08");
    expect_format(622800, YS_UNIT_UNKNOWN, 2, "6228.00");       /* unknown unit formats as 元 */
}

static void test_round_trip(void **state)
{
    (void)state;
    static const char *const forms[] = {"6228.00", "0.01", "124.4", "1234567.89", "-0.5", "100", "0.000001",
                                        "34063.09", "92233720368547.75807"};
    static const ys_unit units[] = {YS_UNIT_YUAN, YS_UNIT_WANYUAN, YS_UNIT_YIYUAN};
    for (size_t u = 0; u < 3; u++) {
        for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
            ys_money v, w;
            int dec, dec2;
            if (ys_money_parse(forms[i], strlen(forms[i]), units[u], &v, &dec) != YS_MONEY_OK) continue;
            char buf[YS_MONEY_BUFSZ];
            ys_money_format(v, units[u], dec, buf, sizeof buf);
            assert_string_equal(buf, forms[i]);                    /* printed precision reproduced */
            assert_int_equal(ys_money_parse(buf, strlen(buf), units[u], &w, &dec2), YS_MONEY_OK);
            assert_true(v == w);
            assert_int_equal(dec, dec2);
        }
    }
    /* every 分 amount in a range survives format → parse in 万元 */
    for (ys_money v = -2000001; v <= 2000001; v += 99991) {
        char buf[YS_MONEY_BUFSZ];
        ys_money w;
        ys_money_format(v, YS_UNIT_WANYUAN, 2, buf, sizeof buf);
        assert_int_equal(ys_money_parse(buf, strlen(buf), YS_UNIT_WANYUAN, &w, NULL), YS_MONEY_OK);
        assert_true(v == w);
    }
}

static void test_envelope(void **state)
{
    (void)state;
    /* 3 cells of 万元 at 2 decimals: 3 × 0.005 万元 = 3 × 50 元 = 15000 分 */
    assert_true(ys_money_envelope(3, YS_UNIT_WANYUAN, 2) == 15000);
    assert_true(ys_money_envelope(1, YS_UNIT_YUAN, 2) == 0);      /* half of 1 分 is below 1 分 */
    assert_true(ys_money_envelope(2, YS_UNIT_YUAN, 2) == 1);
    assert_true(ys_money_envelope(10, YS_UNIT_YUAN, 0) == 500);
    assert_true(ys_money_envelope(4, YS_UNIT_WANYUAN, 0) == 2000000);
    assert_true(ys_money_envelope(1, YS_UNIT_YIYUAN, 2) == 50000000);
    assert_true(ys_money_envelope(0, YS_UNIT_WANYUAN, 2) == 0);
    assert_true(ys_money_envelope(1, YS_UNIT_WANYUAN, 6) == 0);   /* at full precision nothing is rounded */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_forms), cmocka_unit_test(test_negative_forms),
        cmocka_unit_test(test_empty_forms), cmocka_unit_test(test_units),
        cmocka_unit_test(test_too_precise), cmocka_unit_test(test_overflow),
        cmocka_unit_test(test_garbage),     cmocka_unit_test(test_slices),
        cmocka_unit_test(test_format),      cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_envelope),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
