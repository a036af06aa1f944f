/*
 * test_diff.c — the year-over-year comparison (portal/diff.h): the rate's integer arithmetic (rounding half
 * away from zero, negative changes and bases, a zero base, amounts near the int64 limit), and row matching
 * on small hand-built disclosures: the same code, a code renamed between catalog editions (an alias from
 * data/catalog/name-aliases.tsv), a code changed but the name kept, rows of one year only placed after
 * their neighbour, named rows (三公) matched by name, two-sided tables by side; then the outputs (text
 * alignment, JSON, CSV with formula neutralisation).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "catalog/catalog.h"
#include "portal/diff.h"

static void rate_is(ys_money cur, ys_money prev, const char *want)
{
    char buf[32];
    ys_diff_rate(buf, sizeof buf, cur, prev);
    assert_string_equal(buf, want);
}

static void test_rate(void **state)
{
    (void)state;
    rate_is(110, 100, "10.0%");
    rate_is(90, 100, "-10.0%");
    rate_is(100, 100, "0.0%");
    rate_is(5, 0, "—");
    rate_is(0, 0, "—");
    rate_is(7405, 7000, "5.8%");       /* 5.7857… */
    rate_is(1110, 1150, "-3.5%");      /* -3.478… */
    rate_is(10005, 10000, "0.1%");     /* 0.05 exactly: half away from zero */
    rate_is(9995, 10000, "-0.1%");
    rate_is(10004, 10000, "0.0%");
    rate_is(300, 100, "200.0%");
    rate_is(0, 100, "-100.0%");
    rate_is(-50, -100, "50.0%");       /* from -100 to -50: +50 on a base of 100 */
    int64_t t = 0;
    assert_true(ys_diff_rate_tenths(INT64_MAX, 1, &t));   /* clamped, no overflow */
    assert_true(t > 0);
    assert_true(ys_diff_rate_tenths(INT64_MAX / 2, INT64_MAX / 4, &t));
    assert_int_equal(t, 1000);
    assert_true(ys_diff_rate_tenths(INT64_MIN + 1, INT64_MAX, &t));   /* a change beyond int64: unsigned */
    assert_true(t < 0);
    assert_false(ys_diff_rate_tenths(1, 0, &t));
    assert_true(ys_diff_rate_tenths(10000000000000000LL, 1, &t));   /* a > 9.2e15 on a tiny base: no division by 0 */
    assert_int_equal(t, INT64_MAX);
    assert_true(ys_diff_rate_tenths(9000000000000000LL + 9000000000000000LL / 8, 9000000000000000LL, &t));
    assert_int_equal(t, 125);   /* 12.5% on a base beyond 4.6e15 */
    rate_is(1000000000000000LL * 3, 1000000000000000LL * 2, "50.0%");
}

/* A one-sided table with a total column: rows "code|name|fen". */
static ys_table *table(ys_disclosure *d, ys_table_id id, const char *const *rows, size_t n)
{
    ys_column cols[1] = {{"合计", "total", YS_COL_MONEY}};
    ys_table *t = ys_disclosure_add_table(d, id, "表", 1, cols);
    t->unit = YS_UNIT_WANYUAN;
    for (size_t i = 0; i < n; i++) {
        char code[32], name[128];
        long long fen = 0;
        assert_int_equal(sscanf(rows[i], "%31[^|]|%127[^|]|%lld", code, name, &fen), 3);
        ys_row *r = ys_table_add_row(d, t, (int)i + 1, strcmp(code, "-") ? code : "", name);
        ys_cell_set_money(&r->cells[0], fen, 2);
    }
    return t;
}

static ys_catalog *catalog(void)
{
    ys_catalog *c = ys_catalog_new();
    ys_diags dg;
    ys_diags_init(&dg);
    assert_int_equal(ys_catalog_load_default(c, &dg), YS_OK);
    ys_diags_release(&dg);
    return c;
}

static const ys_diff_row *row_of(const ys_diff_table *t, const char *code, const char *prev_code)
{
    for (size_t i = 0; i < t->nrows; i++)
        if (!strcmp(t->rows[i].code, code) && !strcmp(t->rows[i].prev_code, prev_code)) return &t->rows[i];
    return NULL;
}

static void test_match(void **state)
{
    (void)state;
    ys_disclosure *cur = ys_disclosure_new("2024.txt"), *prev = ys_disclosure_new("2023.txt");
    cur->meta.year = 2024;
    prev->meta.year = 2023;
    cur->meta.department = "测试局";
    cur->meta.region = "测试县";
    static const char *const c_rows[] = {
        "208|社会保障和就业支出|1000000",
        "20805|行政事业单位养老支出|700000",      /* renamed: 2023 printed the older name */
        "2080501|行政单位离退休|110000",
        "2080507|对机关事业单位基本养老保险基金的补助|590000",   /* code changed */
        "2080506|机关事业单位职业年金缴费支出|0",                /* new */
        "2080901|退役士兵安置|300000",             /* alias of 退伍军人安置, same code */
        "2080801|死亡抚恤|1",                       /* a different name that is no alias */
    };
    static const char *const p_rows[] = {
        "208|社会保障和就业支出|900000",
        "20805|行政事业单位离退休|700000",
        "2080501|行政单位离退休|100000",
        "2080502|事业单位离退休|5000",             /* dropped in 2024, follows 2080501 */
        "2080599|对机关事业单位基本养老保险基金的补助|595000",
        "2080901|退伍军人安置|300000",
        "2080801|伤残抚恤|1",
    };
    table(cur, YS_TABLE_EXPENSE, c_rows, sizeof c_rows / sizeof *c_rows);
    table(prev, YS_TABLE_EXPENSE, p_rows, sizeof p_rows / sizeof *p_rows);
    ys_catalog *cat = catalog();
    ys_diff df;
    assert_int_equal(ys_diff_compute(&df, cur, prev, cat), YS_OK);
    assert_int_equal(df.ntables, 1);
    const ys_diff_table *t = &df.tables[0];
    assert_int_equal(t->id, YS_TABLE_EXPENSE);
    assert_int_equal(t->nrows, 8);

    const ys_diff_row *r = row_of(t, "208", "208");
    assert_non_null(r);
    assert_int_equal(r->match, YS_DIFF_SAME);
    assert_int_equal(r->cur - r->prev, 100000);
    assert_int_equal(row_of(t, "20805", "20805")->match, YS_DIFF_RENAMED);
    assert_int_equal(row_of(t, "2080901", "2080901")->match, YS_DIFF_RENAMED);
    assert_int_equal(row_of(t, "2080801", "2080801")->match, YS_DIFF_NAMED);
    r = row_of(t, "2080507", "2080599");
    assert_non_null(r);
    assert_int_equal(r->match, YS_DIFF_RECODED);
    assert_int_equal(r->prev, 595000);
    r = row_of(t, "2080506", "");
    assert_non_null(r);
    assert_int_equal(r->match, YS_DIFF_ONLY_CUR);
    assert_false(r->has_prev);
    /* the dropped row comes right after 2080501, its neighbour last year */
    assert_string_equal(t->rows[2].code, "2080501");
    assert_int_equal(t->rows[3].match, YS_DIFF_ONLY_PREV);
    assert_string_equal(t->rows[3].prev_code, "2080502");
    assert_int_equal(t->rows[3].prev, 5000);
    ys_diff_release(&df);

    /* without a catalog the alias is only "a different name" */
    assert_int_equal(ys_diff_compute(&df, cur, prev, NULL), YS_OK);
    assert_int_equal(row_of(&df.tables[0], "20805", "20805")->match, YS_DIFF_NAMED);
    ys_diff_release(&df);
    ys_catalog_free(cat);
    ys_disclosure_free(cur);
    ys_disclosure_free(prev);
}

static void test_named_and_two_sided(void **state)
{
    (void)state;
    ys_disclosure *cur = ys_disclosure_new("a"), *prev = ys_disclosure_new("b");
    static const char *const c3[] = {"-|合计|0", "-|“三公”经费小计|111000", "-|公务接待费|2000"};
    static const char *const p3[] = {"-|合计|0", "-|“三公”经费小计|115000", "-|因公出国(境)费|1000"};
    table(cur, YS_TABLE_THREE_PUBLIC, c3, 3);
    table(prev, YS_TABLE_THREE_PUBLIC, p3, 3);
    /* a two-sided summary: the same label on both sides stays apart */
    ys_column cols[4] = {{"项目", "in_item", YS_COL_LABEL}, {"预算数", "in_amount", YS_COL_MONEY},
                         {"项目", "out_item", YS_COL_LABEL}, {"预算数", "out_amount", YS_COL_MONEY}};
    ys_disclosure *ds[2] = {cur, prev};
    for (int k = 0; k < 2; k++) {
        ys_table *t = ys_disclosure_add_table(ds[k], YS_TABLE_SUMMARY, "收支总表", 4, cols);
        ys_row *r = ys_table_add_row(ds[k], t, -1, "", "");
        r->cells[0] = (ys_cell){.kind = YS_CELL_TEXT, .text = "合计"};
        ys_cell_set_money(&r->cells[1], k ? 400 : 500, 2);
        r->cells[2] = (ys_cell){.kind = YS_CELL_TEXT, .text = "合计"};
        ys_cell_set_money(&r->cells[3], k ? 300 : 600, 2);
    }
    ys_diff df;
    ys_diff_compute(&df, cur, prev, NULL);
    assert_int_equal(df.ntables, 2);
    const ys_diff_table *s = &df.tables[0];
    assert_int_equal(s->id, YS_TABLE_SUMMARY);
    assert_int_equal(s->nrows, 2);
    assert_string_equal(s->rows[0].side, "收入");
    assert_int_equal(s->rows[0].cur, 500);
    assert_int_equal(s->rows[0].prev, 400);
    assert_string_equal(s->rows[1].side, "支出");
    assert_int_equal(s->rows[1].prev, 300);
    const ys_diff_table *t = &df.tables[1];
    assert_int_equal(t->nrows, 4);
    assert_int_equal(t->rows[1].match, YS_DIFF_SAME);
    assert_int_equal(t->rows[1].cur - t->rows[1].prev, -4000);
    assert_int_equal(t->rows[2].match, YS_DIFF_ONLY_PREV);   /* 因公出国 follows 小计 */
    assert_int_equal(t->rows[3].match, YS_DIFF_ONLY_CUR);

    ys_buf out = YS_BUF_INIT;
    ys_diff_text(&out, &df);
    const char *txt = ys_buf_str(&out);
    assert_non_null(strstr(txt, "== 财政拨款“三公”经费支出表（合计，单位：万元）=="));
    assert_non_null(strstr(txt, "“三公”经费小计  0.111  0.115  -0.004    -3.5%\n"));
    assert_non_null(strstr(txt, "      因公出国(境)费           0.001  -0.001  -100.0%  减少\n"));
    assert_non_null(strstr(txt, "收入：合计"));
    ys_buf_reset(&out);
    ys_diff_json(&out, &df);
    assert_non_null(strstr(ys_buf_str(&out), "\"rate\": \"-3.5%\""));
    assert_non_null(strstr(ys_buf_str(&out), "\"match\": \"only_previous\""));
    ys_buf_reset(&out);
    ys_diff_csv(&out, &df);
    assert_non_null(strstr(ys_buf_str(&out), "three_public,万元,合计,,,“三公”经费小计,,“三公”经费小计,0.111,0.115,-0.004,-3.5%,\r\n"));
    ys_buf_release(&out);
    ys_diff_release(&df);
    ys_disclosure_free(cur);
    ys_disclosure_free(prev);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rate),
        cmocka_unit_test(test_match),
        cmocka_unit_test(test_named_and_two_sided),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
