/*
 * test_catalog.c — unit tests of catalog/: loading TSV code lists (edition line, header, level forms,
 * bad lines reported with file:line), lookup, merging a complete edition over a partial one, and the
 * name check (MATCH, TRUNCATED, ALIAS, MISMATCH, UNKNOWN_CODE) after normalisation; plus the bundled
 * default lists.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "catalog/catalog.h"

static char *write_tmp(const char *content)
{
    static char names[8][64];
    static int next;
    char *name = names[next++ % 8];
    snprintf(name, sizeof names[0], "/tmp/ys_test_catalog_XXXXXX");
    int fd = mkstemp(name);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs(content, f);
    fclose(f);
    return name;
}

static void test_load_and_lookup(void **state)
{
    (void)state;
    char *p = write_tmp("# edition: 2023\ncode\tname\tlevel\n208\t社会保障和就业支出\t类\n"
                        "20805\t行政事业单位养老支出\t款\n2080501\t行政单位离退休\t项\n2080502\t事业单位离退休\t3\n"
                        "2080505\t机关事业单位基本养老保险缴费支出\t\n");
    ys_catalog *c = ys_catalog_new();
    ys_diags dg;
    ys_diags_init(&dg);
    assert_int_equal(ys_catalog_load(c, YS_CLASS_FUNCTION, p, 0, false, &dg), YS_OK);
    assert_int_equal(dg.count, 0);
    assert_int_equal(ys_catalog_size(c, YS_CLASS_FUNCTION), 5);
    assert_int_equal(ys_catalog_edition(c, YS_CLASS_FUNCTION), 2023);
    const ys_catalog_entry *e = ys_catalog_lookup(c, YS_CLASS_FUNCTION, "2080501");
    assert_non_null(e);
    assert_string_equal(e->name, "行政单位离退休");
    assert_int_equal(e->level, 3);
    assert_int_equal(e->edition, 2023);
    assert_int_equal(ys_catalog_lookup(c, YS_CLASS_FUNCTION, "2080505")->level, 3);   /* from the code length */
    assert_int_equal(ys_catalog_lookup(c, YS_CLASS_FUNCTION, "2080502")->level, 3);
    assert_null(ys_catalog_lookup(c, YS_CLASS_FUNCTION, "2080599"));
    assert_null(ys_catalog_lookup(c, YS_CLASS_ECONOMIC, "208"));
    assert_false(ys_catalog_complete(c, YS_CLASS_FUNCTION));
    ys_diags_release(&dg);
    ys_catalog_free(c);
    unlink(p);
}

static void test_bad_lines_reported(void **state)
{
    (void)state;
    char *p = write_tmp("code\tname\tlevel\n301\t工资福利支出\t类\n30A01\t坏编码\t款\n30102\t\t款\n"
                        "30103\t奖金\t段\njustone\n30107\t绩效工资\t款\n");
    ys_catalog *c = ys_catalog_new();
    ys_diags dg;
    ys_diags_init(&dg);
    assert_int_equal(ys_catalog_load(c, YS_CLASS_ECONOMIC, p, 2024, false, &dg), YS_ERR_FORMAT);
    assert_int_equal(dg.count, 4);
    assert_int_equal(dg.items[0].line, 3);
    assert_string_equal(dg.items[0].file, p);
    assert_int_equal(dg.items[1].line, 4);
    assert_int_equal(dg.items[2].line, 5);
    assert_int_equal(dg.items[3].line, 6);
    assert_int_equal(ys_catalog_size(c, YS_CLASS_ECONOMIC), 2);   /* the good lines are kept */
    assert_int_equal(ys_catalog_lookup(c, YS_CLASS_ECONOMIC, "30107")->edition, 2024);
    /* a missing file is an I/O error with a diagnostic */
    assert_int_equal(ys_catalog_load(c, YS_CLASS_ECONOMIC, "/nonexistent/x.tsv", 0, false, &dg), YS_ERR_IO);
    assert_int_equal(dg.count, 5);
    ys_diags_release(&dg);
    ys_catalog_free(c);
    unlink(p);
}

static void test_complete_edition_overrides(void **state)
{
    (void)state;
    char *partial = write_tmp("code\tname\tlevel\n210\t医疗卫生与计划生育支出\t类\n208\t社会保障和就业支出\t类\n");
    char *full = write_tmp("# edition: 2024\ncode\tname\tlevel\n210\t卫生健康支出\t类\n201\t一般公共服务支出\t类\n");
    ys_catalog *c = ys_catalog_new();
    ys_diags dg;
    ys_diags_init(&dg);
    assert_int_equal(ys_catalog_load(c, YS_CLASS_FUNCTION, partial, 2018, false, &dg), YS_OK);
    assert_int_equal(ys_catalog_load(c, YS_CLASS_FUNCTION, full, 0, true, &dg), YS_OK);
    assert_true(ys_catalog_complete(c, YS_CLASS_FUNCTION));
    assert_int_equal(ys_catalog_size(c, YS_CLASS_FUNCTION), 3);
    assert_string_equal(ys_catalog_lookup(c, YS_CLASS_FUNCTION, "210")->name, "卫生健康支出");
    assert_int_equal(ys_catalog_lookup(c, YS_CLASS_FUNCTION, "210")->edition, 2024);
    assert_int_equal(ys_catalog_lookup(c, YS_CLASS_FUNCTION, "208")->edition, 2018);
    ys_diags_release(&dg);
    ys_catalog_free(c);
    unlink(partial);
    unlink(full);
}

static void test_check_name(void **state)
{
    (void)state;
    char *codes = write_tmp("code\tname\tlevel\n20805\t行政事业单位养老支出\t款\n2080501\t行政单位离退休\t项\n"
                            "30213\t维修（护）费\t款\n2210201\t住房公积金\t项\n");
    char *aliases = write_tmp("code\talias\tcurrent_name\tnote\n20805\t行政事业单位离退休\t行政事业单位养老支出\told\n");
    ys_catalog *c = ys_catalog_new();
    ys_diags dg;
    ys_diags_init(&dg);
    assert_int_equal(ys_catalog_load(c, YS_CLASS_FUNCTION, codes, 2024, false, &dg), YS_OK);
    assert_int_equal(ys_catalog_load(c, YS_CLASS_ECONOMIC, codes, 2024, false, &dg), YS_OK);
    assert_int_equal(ys_catalog_load_aliases(c, aliases, &dg), YS_OK);
    const char *canon = NULL;
    assert_int_equal(ys_catalog_check_name(c, YS_CLASS_FUNCTION, "2080501", "行政单位离退休", &canon), YS_NAME_MATCH);
    assert_string_equal(canon, "行政单位离退休");
    assert_int_equal(ys_catalog_check_name(c, YS_CLASS_FUNCTION, "2080501", "行政单位", NULL), YS_NAME_TRUNCATED);
    assert_int_equal(ys_catalog_check_name(c, YS_CLASS_FUNCTION, "2210201", "住房公积 金", NULL), YS_NAME_MATCH);
    assert_int_equal(ys_catalog_check_name(c, YS_CLASS_ECONOMIC, "30213", "维修(护)费", NULL), YS_NAME_MATCH);
    assert_int_equal(ys_catalog_check_name(c, YS_CLASS_FUNCTION, "20805", "行政事业单位离退休", &canon), YS_NAME_ALIAS);
    assert_string_equal(canon, "行政事业单位养老支出");
    assert_int_equal(ys_catalog_check_name(c, YS_CLASS_FUNCTION, "20805", "行政事业单位", NULL), YS_NAME_TRUNCATED);
    assert_int_equal(ys_catalog_check_name(c, YS_CLASS_FUNCTION, "2080501", "事业单位离退休", NULL), YS_NAME_MISMATCH);
    assert_int_equal(ys_catalog_check_name(c, YS_CLASS_FUNCTION, "2080501", "行", NULL), YS_NAME_MISMATCH);
    assert_int_equal(ys_catalog_check_name(c, YS_CLASS_FUNCTION, "2080501", "", NULL), YS_NAME_MISMATCH);
    assert_int_equal(ys_catalog_check_name(c, YS_CLASS_FUNCTION, "2080599", "其他", &canon), YS_NAME_UNKNOWN_CODE);
    assert_null(canon);
    ys_diags_release(&dg);
    ys_catalog_free(c);
    unlink(codes);
    unlink(aliases);
}

static void test_default_lists(void **state)
{
    (void)state;
    setenv("YUSUAN_DATA", "data", 0);
    ys_catalog *c = ys_catalog_new();
    ys_diags dg;
    ys_diags_init(&dg);
    assert_int_equal(ys_catalog_load_default(c, &dg), YS_OK);
    assert_int_equal(dg.count, 0);
    assert_true(ys_catalog_size(c, YS_CLASS_FUNCTION) > 50);
    assert_true(ys_catalog_size(c, YS_CLASS_ECONOMIC) > 90);
    assert_true(ys_catalog_size(c, YS_CLASS_GOV_ECONOMIC) >= 10);
    assert_int_equal(ys_catalog_edition(c, YS_CLASS_FUNCTION), 2024);
    assert_int_equal(ys_catalog_check_name(c, YS_CLASS_FUNCTION, "2080501", "行政单位", NULL), YS_NAME_TRUNCATED);
    assert_int_equal(ys_catalog_check_name(c, YS_CLASS_FUNCTION, "210", "医疗卫生与计划生育支出", NULL), YS_NAME_ALIAS);
    ys_diags_release(&dg);
    ys_catalog_free(c);
    ys_catalog_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_and_lookup),
        cmocka_unit_test(test_bad_lines_reported),
        cmocka_unit_test(test_complete_edition_overrides),
        cmocka_unit_test(test_check_name),
        cmocka_unit_test(test_default_lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
