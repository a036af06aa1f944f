/*
 * test_syserr.c — core/syserr.h: the Chinese texts of the common errno values, the strerror fallback for
 * the others, and the readers' and writers' messages for a missing file, a directory given as a file and
 * an unwritable path, which must carry the Chinese text and no English strerror.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/syserr.h"
#include "read/book.h"
#include "read/read.h"
#include "render/render.h"

static void test_texts(void **state)
{
    (void)state;
    assert_string_equal(ys_syserr_text(ENOENT), "文件或目录不存在");
    assert_string_equal(ys_syserr_text(EACCES), "没有权限");
    assert_string_equal(ys_syserr_text(EISDIR), "是一个目录");
    assert_string_equal(ys_syserr_text(ENOSPC), "磁盘空间不足");
    assert_string_equal(ys_syserr_text(ENAMETOOLONG), "文件名过长");
    static const int common[] = {EPERM, ENOTDIR, EROFS, EMFILE, ENFILE, EEXIST, EIO, ENOMEM, ELOOP};
    for (size_t i = 0; i < sizeof common / sizeof *common; i++) {
        const char *t = ys_syserr_text(common[i]);
        assert_non_null(t);
        assert_true((unsigned char)t[0] >= 0x80);   /* Chinese, not the C library's English */
    }
    /* the rest: the C library's text, never NULL or empty */
    const char *t = ys_syserr_text(EDOM);
    assert_non_null(t);
    assert_string_equal(t, strerror(EDOM));
    assert_non_null(ys_syserr_text(987654));
    assert_true(strlen(ys_syserr_text(987654)) > 0);
}

/* The message of the first diagnostic, which must end with the Chinese text of err. */
static void assert_message(const ys_diags *dg, const char *lead, int err)
{
    assert_true(dg->count >= 1);
    const char *m = dg->items[0].message;
    assert_non_null(strstr(m, lead));
    const char *want = ys_syserr_text(err);
    size_t n = strlen(m), w = strlen(want);
    assert_true(n >= w);
    assert_string_equal(m + n - w, want);
    assert_null(strstr(m, strerror(err)));
}

static void test_messages(void **state)
{
    (void)state;
    ys_diags dg;
    ys_diags_init(&dg);
    char *bytes = NULL;
    size_t n = 0;
    assert_int_equal(ys_read_file("tests/golden/inputs/does-not-exist.txt", &bytes, &n, &dg), YS_ERR_IO);
    assert_message(&dg, "无法打开文件：", ENOENT);
    ys_diags_release(&dg);

    ys_diags_init(&dg);
    ys_budget *b = NULL;
    assert_int_not_equal(ys_book_read("tests/golden/inputs/books/does-not-exist", &b, &dg), YS_OK);
    assert_message(&dg, "无法读取预算表册：", ENOENT);
    ys_diags_release(&dg);

    ys_diags_init(&dg);
    assert_int_equal(ys_render_write_file("tests/golden/inputs/does-not-exist/out.txt", "x", 1, &dg), YS_ERR_IO);
    assert_message(&dg, "无法写入文件：", ENOENT);
    ys_diags_release(&dg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_texts),
        cmocka_unit_test(test_messages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
