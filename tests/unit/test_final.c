/*
 * test_final.c — 部门决算 (final accounts): recognition of the 决算 templates (titles and columns keyed by
 * data/templates/tables.tsv, the side-by-side 基本支出决算表 stacked by read/text_final.c) and the rule
 * family "final" (check/final.c, F01–F05). A small hand-made 决算 (tests/unit/data/final/clean.txt) gives
 * no finding of the family; one printed figure changed gives exactly one finding of the rule that owns it.
 * The budget rules that do not hold for a 决算 (R2, R3, R28) stay silent on it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "check/check.h"
#include "core/diag.h"
#include "read/pdf.h"
#include "read/read.h"

static char *clean_text;
static size_t clean_len;

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)len + 1);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, (size_t)len, f), (size_t)len);
    b[len] = '\0';
    fclose(f);
    *n = (size_t)len;
    return b;
}

/* The clean document with `from` replaced by `to` (once; `from` must occur). */
static ys_disclosure *read_variant(const char *from, const char *to)
{
    const char *p = from ? strstr(clean_text, from) : NULL;
    if (from) assert_non_null(p);
    size_t n = clean_len + (to ? strlen(to) : 0) + 1;
    char *b = malloc(n);
    assert_non_null(b);
    if (p) {
        size_t pre = (size_t)(p - clean_text);
        snprintf(b, n, "%.*s%s%s", (int)pre, clean_text, to, p + strlen(from));
    } else {
        snprintf(b, n, "%s", clean_text);
    }
    ys_diags diags;
    ys_diags_init(&diags);
    ys_disclosure *d = NULL;
    assert_int_equal(ys_read_text_mem("final.txt", b, strlen(b), &d, &diags), YS_OK);
    ys_diags_release(&diags);
    free(b);
    return d;
}

static size_t count_rule(const ys_findings *f, const char *rule)
{
    size_t n = 0;
    for (size_t i = 0; i < f->count; i++)
        if (!f->items[i].folded && strcmp(f->items[i].rule, rule) == 0 && f->items[i].severity != YS_SEV_INFO) n++;
    return n;
}

static const char *const FAMILY[] = {"F01", "F02", "F03", "F04", "F05", "R2", "R3", "R28", "R41", "R48", NULL};

static void check(ys_disclosure *d, ys_findings *f)
{
    ys_findings_init(f);
    ys_check_run(d, NULL, FAMILY, f);
}

static void test_recognised(void **state)
{
    (void)state;
    ys_disclosure *d = read_variant(NULL, NULL);
    assert_int_equal(d->meta.kind, YS_KIND_FINAL);
    const ys_table *t = ys_disclosure_table(d, YS_TABLE_SUMMARY);
    assert_non_null(t);
    assert_true(ys_table_col(t, "in_amount") >= 0);
    assert_true(ys_table_col(t, "out_amount") >= 0);
    t = ys_disclosure_table(d, YS_TABLE_GOV_FUND);
    assert_non_null(t);
    assert_true(ys_table_col(t, "carry_begin") >= 0);
    assert_true(ys_table_col(t, "income_year") >= 0);
    assert_true(ys_table_col(t, "total") >= 0);
    assert_true(ys_table_col(t, "carry_end") >= 0);
    assert_non_null(t->note);   /* 空表 note kept */
    /* the side-by-side 基本支出决算表, stacked: every code once, one amount column */
    t = ys_disclosure_table(d, YS_TABLE_GPB_BASIC);
    assert_non_null(t);
    assert_int_equal(t->ncols, 1);
    assert_string_equal(t->cols[0].key, "total");
    const ys_row *r = ys_table_find_code(t, "302");
    assert_non_null(r);
    assert_int_equal(ys_cell_money(&r->cells[0]), 150000); /* 0.15 万元 */
    assert_non_null(ys_table_find_code(t, "30101"));
    assert_non_null(ys_table_find_code(t, "30201"));
    ys_disclosure_free(d);
}

static void test_clean(void **state)
{
    (void)state;
    ys_disclosure *d = read_variant(NULL, NULL);
    ys_findings f;
    check(d, &f);
    for (size_t i = 0; i < f.count; i++)
        if (f.items[i].severity != YS_SEV_INFO) print_message("unexpected %s: %s\n", f.items[i].rule, f.items[i].message);
    for (size_t i = 0; FAMILY[i]; i++) assert_int_equal(count_rule(&f, FAMILY[i]), 0);
    ys_findings_release(&f);
    ys_disclosure_free(d);
}

/* one change → exactly one finding of `rule`, and no other non-info finding of the checked rules */
static void one(const char *from, const char *to, const char *rule, ys_table_id table)
{
    ys_disclosure *d = read_variant(from, to);
    ys_findings f;
    check(d, &f);
    size_t total = 0;
    for (size_t i = 0; FAMILY[i]; i++) total += count_rule(&f, FAMILY[i]);
    for (size_t i = 0; i < f.count; i++)
        if (f.items[i].severity != YS_SEV_INFO) print_message("%s: %s\n", f.items[i].rule, f.items[i].message);
    assert_int_equal(count_rule(&f, rule), 1);
    assert_int_equal(total, 1);
    for (size_t i = 0; i < f.count; i++)
        if (strcmp(f.items[i].rule, rule) == 0 && f.items[i].severity != YS_SEV_INFO)
            assert_int_equal(f.items[i].at.table, table);
    ys_findings_release(&f);
    ys_disclosure_free(d);
}

static void test_f01_f02(void **state)
{
    (void)state;
    one("使用非财政拨款结余\t5.00", "使用非财政拨款结余\t6.00", "F01", YS_TABLE_SUMMARY);
    one("结余分配\t2.00", "结余分配\t3.00", "F02", YS_TABLE_SUMMARY);
}

static void test_f03(void **state)
{
    (void)state;
    /* no 三公 table in this document: the finding is at the document */
    one("全年安排因公出国（境）团组1个、累计3人次。", "", "F03", YS_TABLE_DOCUMENT);
    one("国内公务接待5批次、40人次。", "国内公务接待费用于接待考察。", "F03", YS_TABLE_DOCUMENT);
}

static void test_f04_f05(void **state)
{
    (void)state;
    one("决算数小于预算数的主要原因：项目结余", "决算数大于预算数的主要原因：项目结余", "F04", YS_TABLE_NARRATIVE);
    one("完成年初预算的112.50%", "完成年初预算的102.50%", "F05", YS_TABLE_NARRATIVE);
}

/* the same rules stay silent on a 预算 */
static void test_budget_untouched(void **state)
{
    (void)state;
    ys_disclosure *d = read_variant("决算数小于预算数的主要原因：项目结余", "决算数大于预算数的主要原因：项目结余");
    d->meta.kind = YS_KIND_BUDGET;
    ys_findings f;
    const char *only[] = {"F01", "F02", "F03", "F04", "F05", NULL};
    ys_findings_init(&f);
    ys_check_run(d, NULL, only, &f);
    assert_int_equal(f.count, 0);
    ys_findings_release(&f);
    ys_disclosure_free(d);
}

/* The sideways “三公” 决算 table of 上海市 (tests/unit/data/pdf/sh-ghzy-2024-final.pdf, as the PDF reader
 * prints its lines): the items are columns, 预算数 / 决算数 under each, one line of amounts. Read into
 * budget_initial / final per item row; the same table without its amounts (a template) is read empty. */
static const char SIDEWAYS[] =
    "上海市某局2024年度部门决算\n\n"
    "财政拨款“三公”经费支出决算表\n"
    "单位：万元\n"
    "\t合计\t\t因公出国(境)费\t\t小计\t财政拨款“三公”经费\t公务用车购置费\t\t公务用车运行维护费\t\t公务接待费\n"
    "预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\n"
    "%s\n"
    "注：本表反映部门本年度“三公”经费支出预决算情况。\n";

static ys_disclosure *read_sideways(const char *amounts)
{
    char b[2048];
    snprintf(b, sizeof b, SIDEWAYS, amounts);
    ys_diags diags;
    ys_diags_init(&diags);
    ys_disclosure *d = NULL;
    assert_int_equal(ys_read_text_mem("sideways.txt", b, strlen(b), &d, &diags), YS_OK);
    ys_diags_release(&diags);
    return d;
}

static void test_sideways_pairs(void **state)
{
    (void)state;
    ys_disclosure *d = read_sideways("2.85\t0.39\t1.00\t0.50\t3.00\t2.00\t1.00\t0.80\t2.00\t1.20\t4.00\t3.10");
    const ys_table *t = ys_disclosure_table(d, YS_TABLE_THREE_PUBLIC);
    assert_non_null(t);
    int b = ys_table_col(t, "budget_initial"), f = ys_table_col(t, "final");
    assert_true(b >= 0 && f >= 0);
    static const struct { const char *name; ys_money budget, final; } want[] = {
        /* 分 (万元 × 1000000) */
        {"合计", 2850000, 390000},          {"一、因公出国(境)费", 1000000, 500000},
        {"二、公务用车购置及运行费", 3000000, 2000000}, {"其中:公务用车购置费", 1000000, 800000},
        {"公务用车运行费", 2000000, 1200000}, {"三、公务接待费", 4000000, 3100000},
    };
    assert_int_equal(t->nrows, sizeof want / sizeof *want);
    for (size_t i = 0; i < t->nrows; i++) {
        assert_string_equal(t->rows[i].name, want[i].name);
        assert_int_equal(ys_cell_money(&t->rows[i].cells[b]), want[i].budget);
        assert_int_equal(ys_cell_money(&t->rows[i].cells[f]), want[i].final);
        assert_int_equal(t->rows[i].src.line, 7);   /* the printed amounts */
    }
    ys_disclosure_free(d);
    /* the template: no amounts line → the items, empty */
    d = read_sideways("");
    t = ys_disclosure_table(d, YS_TABLE_THREE_PUBLIC);
    assert_non_null(t);
    assert_true(t->nrows >= 4);
    for (size_t i = 0; i < t->nrows; i++)
        for (size_t c = 0; c < t->ncols; c++) assert_int_not_equal(t->rows[i].cells[c].kind, YS_CELL_MONEY);
    ys_disclosure_free(d);
}

/* The real, empty Shanghai 决算 template (PDF): all nine standard tables are recognised with their columns
 * (the PDF column finder places bands from the header words when no number is printed), not one money cell
 * is invented, and reading gives no warning: the “三公” table printed header only (预算数 | 决算数 under
 * each item, the item texts wrapped over two lines), the side-by-side 基本支出决算表 (its second code
 * column is codes, not amounts), the two-sided 收支总表 printed with its row labels only, the 政府性基金
 * table whose 合计 row shares a line with the leaves of 本年支出, the placeholder rows (… | …, 20799…). */
static void test_sh_template_pdf(void **state)
{
    (void)state;
    if (system("pdftotext -v >/dev/null 2>&1") != 0) skip();
    ys_diags dg;
    ys_diags_init(&dg);
    ys_disclosure *d = NULL;
    assert_int_equal(ys_read_any_file("tests/unit/data/final/sh-final-template.pdf", &d, &dg), YS_OK);
    for (size_t i = 0; i < dg.count; i++)
        if (dg.items[i].level != YS_DIAG_NOTE) fail_msg("reading warning: %s", dg.items[i].message);
    static const ys_table_id ids[] = {YS_TABLE_SUMMARY,     YS_TABLE_INCOME,      YS_TABLE_EXPENSE,
                                      YS_TABLE_FISCAL_SUMMARY, YS_TABLE_GPB_EXPENSE, YS_TABLE_GPB_BASIC,
                                      YS_TABLE_GOV_FUND,    YS_TABLE_SOE_CAPITAL, YS_TABLE_THREE_PUBLIC};
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
        const ys_table *t = ys_disclosure_table(d, ids[i]);
        if (!t) fail_msg("%s not recognised", ys_table_id_name(ids[i]));
        assert_true(t->ncols >= 1);
        assert_true(t->nrows >= 1);
        for (size_t r = 0; r < t->nrows; r++) {
            const char *code = t->rows[r].code ? t->rows[r].code : "";
            if (strstr(code, ".") || strstr(t->rows[r].name ? t->rows[r].name : "", "..."))
                fail_msg("%s: placeholder row %zu read as data (%s)", ys_table_id_name(ids[i]), r, code);
            for (size_t c = 0; c < t->ncols; c++)
                if (t->rows[r].cells[c].kind == YS_CELL_MONEY)
                    fail_msg("%s: invented amount in row %zu", ys_table_id_name(ids[i]), r);
        }
    }
    /* 收支总表: labels under 项目 on both sides, 28 rows (8 income lines, 24 功能 classes, 4 totals) */
    const ys_table *s = ys_disclosure_table(d, YS_TABLE_SUMMARY);
    int in_item = ys_table_col(s, "in_item"), out_item = ys_table_col(s, "out_item");
    assert_true(in_item >= 0 && out_item >= 0);
    assert_true(ys_table_col(s, "in_amount") >= 0 && ys_table_col(s, "out_amount") >= 0);
    assert_int_equal(s->nrows, 28);
    assert_string_equal(s->rows[0].cells[in_item].text, "一、一般公共预算财政拨款收入");
    assert_string_equal(s->rows[23].cells[out_item].text, "二十四、抗疫特别国债安排的支出");
    assert_string_equal(s->rows[27].cells[in_item].text, "总计");
    /* 财政拨款收支总表 goes on over a page break (十六、… on the next page, no header there), its wrapped
     * labels joined: 24 classes, 本年收入合计, the carry-over lines and 总计 */
    const ys_table *fs = ys_disclosure_table(d, YS_TABLE_FISCAL_SUMMARY);
    assert_int_equal(fs->nrows, 30);
    int fs_out = ys_table_col(fs, "out_item");
    assert_true(fs_out >= 0);
    assert_string_equal(fs->rows[15].cells[fs_out].text, "十六、金融支出");
    assert_string_equal(fs->rows[21].cells[fs_out].text, "二十二、灾害防治及应急管理支出");
    /* 基本支出决算表: the 人员经费 and 公用经费 blocks stacked, one 决算数 column, every code a code */
    const ys_table *b = ys_disclosure_table(d, YS_TABLE_GPB_BASIC);
    assert_int_equal(b->ncols, 1);
    assert_string_equal(b->cols[0].key, "total");
    size_t coded = 0;
    for (size_t r = 0; r < b->nrows; r++)
        if (b->rows[r].code && *b->rows[r].code) {
            size_t n = strlen(b->rows[r].code);
            assert_true(n == 3 || n == 5);
            coded++;
        }
    assert_int_equal(coded, 65);
    /* 政府性基金: six columns, 合计 under 本年支出 is the total (no duplicate), a 合计 row */
    const ys_table *g = ys_disclosure_table(d, YS_TABLE_GOV_FUND);
    assert_int_equal(g->ncols, 6);
    static const char *const gkeys[] = {"carry_begin", "income_year", "total", "basic", "project", "carry_end"};
    for (size_t c = 0; c < 6; c++) assert_string_equal(g->cols[c].key, gkeys[c]);
    assert_int_equal(g->nrows, 1);
    assert_string_equal(g->rows[0].name, "合计");
    /* “三公”: six items, 年初预算数 | 决算数 */
    const ys_table *tp = ys_disclosure_table(d, YS_TABLE_THREE_PUBLIC);
    assert_int_equal(tp->nrows, 6);
    assert_true(ys_table_col(tp, "budget_initial") >= 0 && ys_table_col(tp, "final") >= 0);
    ys_disclosure_free(d);
    ys_diags_release(&dg);
}

int main(void)
{
    clean_text = slurp("tests/unit/data/final/clean.txt", &clean_len);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_recognised), cmocka_unit_test(test_clean),  cmocka_unit_test(test_f01_f02),
        cmocka_unit_test(test_f03),        cmocka_unit_test(test_f04_f05), cmocka_unit_test(test_budget_untouched),
        cmocka_unit_test(test_sideways_pairs), cmocka_unit_test(test_sh_template_pdf),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    free(clean_text);
    return rc;
}
