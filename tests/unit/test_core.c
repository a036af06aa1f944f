/*
 * test_core.c — unit tests of the rest of core: the arena (many allocations, alignment, large blocks,
 * grow, strdup/strndup/printf), ys_buf, YS_VEC_PUSH, the diagnostics list and its location formatting,
 * ys_strerror, and the data directory search (ys_data_path with $YUSUAN_DATA).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/datadir.h"
#include "core/diag.h"
#include "core/status.h"

static void test_arena_many(void **state)
{
    (void)state;
    ys_arena *a = ys_arena_new();
    enum { N = 20000 };
    unsigned char **ptrs = malloc(N * sizeof *ptrs);
    assert_non_null(ptrs);
    size_t expect_min = 0;
    for (size_t i = 0; i < N; i++) {
        size_t n = 1 + (i * 7919) % 300;
        ptrs[i] = ys_arena_alloc(a, n);
        assert_non_null(ptrs[i]);
        assert_int_equal((uintptr_t)ptrs[i] % 16, 0);       /* aligned for any type */
        for (size_t k = 0; k < n; k++) assert_int_equal(ptrs[i][k], 0);   /* zeroed */
        memset(ptrs[i], (int)(i & 0xFF), n);
        expect_min += n;
    }
    /* nothing overlapped: each block still holds its own fill */
    for (size_t i = 0; i < N; i++) {
        size_t n = 1 + (i * 7919) % 300;
        for (size_t k = 0; k < n; k++) assert_int_equal(ptrs[i][k], i & 0xFF);
    }
    assert_true(ys_arena_used(a) >= expect_min);
    free(ptrs);
    ys_arena_free(a);
    ys_arena_free(NULL);   /* accepts NULL */
}

static void test_arena_large_and_zero(void **state)
{
    (void)state;
    ys_arena *a = ys_arena_new();
    char *small = ys_arena_alloc(a, 10);
    char *big = ys_arena_alloc(a, 1 << 20);                 /* beyond one chunk */
    assert_non_null(big);
    assert_int_equal((uintptr_t)big % 16, 0);
    memset(big, 'x', 1 << 20);
    char *after = ys_arena_alloc(a, 10);                    /* still usable after a big block */
    assert_non_null(after);
    assert_int_equal(small[0], 0);
    assert_int_equal(after[0], 0);
    void *z = ys_arena_alloc(a, 0);                         /* zero bytes: a valid pointer */
    assert_non_null(z);
    long double *ld = ys_arena_calloc(a, 3, sizeof *ld);
    assert_int_equal((uintptr_t)ld % _Alignof(long double), 0);
    ld[2] = 1.0L;
    ys_arena_free(a);
}

static void test_arena_strings(void **state)
{
    (void)state;
    ys_arena *a = ys_arena_new();
    assert_null(ys_arena_strdup(a, NULL));
    assert_string_equal(ys_arena_strdup(a, "部门预算"), "部门预算");
    assert_string_equal(ys_arena_strndup(a, "2080507 行政运行", 7), "2080507");
    assert_string_equal(ys_arena_strndup(a, "abc", 0), "");
    const char raw[] = {'a', 'b', 'c'};                     /* not NUL-terminated */
    assert_string_equal(ys_arena_strndup(a, raw, 3), "abc");
    assert_string_equal(ys_arena_printf(a, "%s:%d", "表", 42), "表:42");
    char longfmt[3000];
    memset(longfmt, 'y', sizeof longfmt - 1);
    longfmt[sizeof longfmt - 1] = '\0';
    assert_string_equal(ys_arena_printf(a, "%s", longfmt), longfmt);
    ys_arena_free(a);
}

static void test_arena_grow_and_vec(void **state)
{
    (void)state;
    ys_arena *a = ys_arena_new();
    int *arr = NULL;
    size_t count = 0, cap = 0;
    for (int i = 0; i < 10000; i++) YS_VEC_PUSH(a, arr, count, cap, i * 3);
    assert_int_equal(count, 10000);
    assert_true(cap >= count);
    for (int i = 0; i < 10000; i++) assert_int_equal(arr[i], i * 3);
    int *g = ys_arena_grow(a, arr, count, count + 5, sizeof *arr);
    assert_int_equal(g[9999], 9999 * 3);
    assert_int_equal(g[10004], 0);                          /* new elements zeroed */
    int *shrink = ys_arena_grow(a, g, 10005, 2, sizeof *g);
    assert_int_equal(shrink[1], 3);
    int *fresh = ys_arena_grow(a, NULL, 0, 4, sizeof *fresh);
    assert_int_equal(fresh[3], 0);
    ys_arena_free(a);
}

static void test_xalloc(void **state)
{
    (void)state;
    char *p = ys_xmalloc(0);
    assert_non_null(p);
    free(p);
    int *c = ys_xcalloc(4, sizeof *c);
    assert_int_equal(c[3], 0);
    c = ys_xrealloc(c, 1000 * sizeof *c);
    c[999] = 1;
    free(c);
    char *d = ys_xstrdup("收入");
    assert_string_equal(d, "收入");
    free(d);
}

static void test_buf(void **state)
{
    (void)state;
    ys_buf b = YS_BUF_INIT;
    assert_string_equal(ys_buf_str(&b), "");
    ys_buf_adds(&b, "合计");
    ys_buf_addc(&b, ':');
    ys_buf_printf(&b, "%d.%02d", 6228, 0);
    assert_string_equal(ys_buf_str(&b), "合计:6228.00");
    assert_int_equal(b.len, strlen("合计:6228.00"));
    ys_buf_add(&b, "xyz", 0);
    assert_int_equal(b.len, strlen("合计:6228.00"));
    ys_buf_printf(&b, "%s", "");                            /* empty printf adds nothing */
    assert_int_equal(b.len, strlen("合计:6228.00"));
    ys_buf_reset(&b);
    assert_int_equal(b.len, 0);
    assert_string_equal(ys_buf_str(&b), "");
    for (int i = 0; i < 10000; i++) ys_buf_addc(&b, (char)('a' + i % 26));
    assert_int_equal(b.len, 10000);
    assert_int_equal(b.data[9999], 'a' + 9999 % 26);
    assert_int_equal(b.data[10000], '\0');
    char *d = ys_buf_detach(&b);
    assert_int_equal(strlen(d), 10000);
    assert_int_equal(b.len, 0);
    assert_string_equal(ys_buf_str(&b), "");
    free(d);
    char *e = ys_buf_detach(&b);                            /* never NULL, even when empty */
    assert_string_equal(e, "");
    free(e);
    ys_buf_init(&b);
    ys_buf_add(&b, "a\0b", 3);                              /* binary-safe */
    assert_int_equal(b.len, 3);
    assert_int_equal(b.data[2], 'b');
    ys_buf_release(&b);
    ys_buf_release(&b);                                     /* twice is harmless */
}

static void test_diags(void **state)
{
    (void)state;
    ys_diags d;
    ys_diags_init(&d);
    ys_diags_add(&d, YS_DIAG_ERROR, "a.txt", 12, 3, "无法识别的表：%s", "收入总表");
    ys_diags_add(&d, YS_DIAG_WARNING, "a.txt", 7, 0, "单位不明");
    ys_diags_add(&d, YS_DIAG_NOTE, NULL, 0, 0, "提示%d", 1);
    ys_diags_add_at(&d, YS_DIAG_ERROR, "b.xlsx", "Sheet1!B7", "金额无效");
    ys_diags_add_at(&d, YS_DIAG_WARNING, NULL, "page 3", "x");
    ys_diags_add(&d, YS_DIAG_WARNING, "c.pdf", 0, 0, "y");
    d.items[5].page = 4;
    ys_diags_add(&d, YS_DIAG_ERROR, "d.txt", 0, 0, "z");
    for (int i = 0; i < 50; i++) ys_diags_add(&d, YS_DIAG_NOTE, "e.txt", i + 1, 1, "n%d", i);   /* grows */
    assert_int_equal(d.count, 57);
    assert_int_equal(d.errors, 3);
    assert_string_equal(d.items[0].message, "无法识别的表：收入总表");
    assert_int_equal(d.items[0].level, YS_DIAG_ERROR);
    assert_string_equal(d.items[56].message, "n49");

    char buf[128];
    assert_string_equal(ys_diag_location(&d.items[0], buf, sizeof buf), "a.txt:12:3");
    assert_string_equal(ys_diag_location(&d.items[1], buf, sizeof buf), "a.txt:7");
    assert_string_equal(ys_diag_location(&d.items[2], buf, sizeof buf), "");
    assert_string_equal(ys_diag_location(&d.items[3], buf, sizeof buf), "b.xlsx:Sheet1!B7");
    assert_string_equal(ys_diag_location(&d.items[4], buf, sizeof buf), "page 3");
    assert_string_equal(ys_diag_location(&d.items[5], buf, sizeof buf), "c.pdf:page 4");
    assert_string_equal(ys_diag_location(&d.items[6], buf, sizeof buf), "d.txt");
    char tiny[6];                                           /* truncated, still terminated */
    assert_string_equal(ys_diag_location(&d.items[0], tiny, sizeof tiny), "a.txt");

    /* the file name is copied, not borrowed */
    char name[] = "f.txt";
    ys_diags_add(&d, YS_DIAG_NOTE, name, 1, 0, "m");
    name[0] = 'g';
    assert_string_equal(d.items[57].file, "f.txt");

    ys_diags_release(&d);
    assert_int_equal(d.count, 0);
    assert_int_equal(d.errors, 0);
    assert_null(d.items);
    ys_diags_release(&d);                                   /* twice is harmless */
}

static void test_strerror(void **state)
{
    (void)state;
    assert_string_equal(ys_strerror(YS_OK), "ok");
    for (int s = YS_OK; s <= YS_ERR_RANGE; s++) {
        const char *m = ys_strerror((ys_status)s);
        assert_non_null(m);
        assert_true(strlen(m) > 0);
        assert_string_not_equal(m, "unknown status");
    }
    assert_string_equal(ys_strerror((ys_status)999), "unknown status");
}

static void test_datadir(void **state)
{
    (void)state;
    char dir[] = "/tmp/ys-datadir-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char sub[256], file[256];
    snprintf(sub, sizeof sub, "%s/catalog", dir);
    assert_int_equal(mkdir(sub, 0755), 0);
    snprintf(file, sizeof file, "%s/catalog/probe-%ld.tsv", dir, (long)getpid());
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fputs("x\n", f);
    fclose(f);
    char rel[64];
    snprintf(rel, sizeof rel, "catalog/probe-%ld.tsv", (long)getpid());

    char buf[512];
    setenv("YUSUAN_DATA", dir, 1);
    const char *p = ys_data_path(rel, buf, sizeof buf);
    assert_non_null(p);
    assert_string_equal(p, file);
    assert_null(ys_data_path("catalog/no-such-file.tsv", buf, sizeof buf));
    unsetenv("YUSUAN_DATA");
    assert_null(ys_data_path(rel, buf, sizeof buf));        /* found only through $YUSUAN_DATA */
    setenv("YUSUAN_DATA", "", 1);                           /* empty means unset */
    assert_null(ys_data_path(rel, buf, sizeof buf));
    unsetenv("YUSUAN_DATA");

    remove(file);
    rmdir(sub);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena_many),    cmocka_unit_test(test_arena_large_and_zero),
        cmocka_unit_test(test_arena_strings), cmocka_unit_test(test_arena_grow_and_vec),
        cmocka_unit_test(test_xalloc),        cmocka_unit_test(test_buf),
        cmocka_unit_test(test_diags),         cmocka_unit_test(test_strerror),
        cmocka_unit_test(test_datadir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
