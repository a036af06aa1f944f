/*
 * money.h — exact money: int64 分 (0.01 元) everywhere, parsed from the printed digits and formatted back
 * exactly. No floating point touches money.
 *
 * A printed amount is read in the unit of its table (元, 万元, 亿元): "34063.09" in a 万元 table is
 * 34063.09 万元 = 34 063 090 000 分. Published forms: "6228." (trailing point), "1,234.56", "(100.00)"
 * and "-100" (negative), "-" / "—" / "" (empty: absent, not zero).
 */
#ifndef YS_MONEY_H
#define YS_MONEY_H

#include <stddef.h>
#include <stdint.h>

typedef int64_t ys_money;   /* 分 */

typedef enum {
    YS_UNIT_UNKNOWN = 0,
    YS_UNIT_YUAN,      /* 元 */
    YS_UNIT_WANYUAN,   /* 万元 */
    YS_UNIT_YIYUAN     /* 亿元 */
} ys_unit;

typedef enum {
    YS_MONEY_OK = 0,
    YS_MONEY_EMPTY,    /* "", "-", "—": an empty cell */
    YS_MONEY_INVALID,  /* not an amount */
    YS_MONEY_RANGE     /* too large, or finer than 1 分 */
} ys_money_result;

/* 分 in one unit (元 → 100, 万元 → 1 000 000, 亿元 → 10^10); 0 for YS_UNIT_UNKNOWN. */
int64_t ys_unit_fen(ys_unit u);
const char *ys_unit_name(ys_unit u);          /* "元", "万元", "亿元", "" */
ys_unit ys_unit_from_text(const char *s);     /* finds 亿元/万元/元 in a "单位：万元" text; UNKNOWN if none */

/*
 * Parse s[0..n) as an amount in unit (YS_UNIT_UNKNOWN is read as 元). On OK, *out is the amount in 分
 * and *decimals (may be NULL) the number of printed decimals ("6228." → 0, "124.4" → 1).
 * Surrounding ASCII spaces are ignored.
 */
ys_money_result ys_money_parse(const char *s, size_t n, ys_unit unit, ys_money *out, int *decimals);

/*
 * Format v (分) in unit with at least min_decimals decimals, more when needed to stay exact: never
 * rounds. buf of YS_MONEY_BUFSZ bytes is enough. Returns buf.
 */
#define YS_MONEY_BUFSZ 40
char *ys_money_format(ys_money v, ys_unit unit, int min_decimals, char *buf, size_t bufsz);

/*
 * The rounding envelope of n addends printed with `decimals` decimals in unit: n × half a display
 * unit, in 分 (R51). E.g. 3 cells of 万元 at 2 decimals: 3 × 50 元 = 15000 分.
 */
ys_money ys_money_envelope(int n, ys_unit unit, int decimals);

#endif
