/* test_display.c — full-width punctuation for people (core/display.h): back where the text is Chinese,
 * left alone in numbers, times and Latin text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "core/display.h"

static void check(const char *in, const char *want)
{
    ys_arena *a = ys_arena_new();
    assert_string_equal(ys_text_display(a, in), want);
    ys_arena_free(a);
}

static void test_display(void **state)
{
    (void)state;
    check("注:无政府基金预算财政拨款预算,空表列示。", "注：无政府基金预算财政拨款预算，空表列示。");
    check("一、因公出国(境)费", "一、因公出国（境）费");
    check("1,234.56万元,其中:基本支出1443.71万元;项目(含结转)", "1,234.56万元，其中：基本支出1443.71万元；项目（含结转）");
    check("冀财社[2022]150号(上年结转)", "冀财社[2022]150号（上年结转）");
    check("12:30 a,b (x)", "12:30 a,b (x)");         /* Latin and times stay ASCII */
    check("(1)就业工作", "(1)就业工作");              /* a bracket around digits at the start stays */
    check("((嵌套)", "(（嵌套）");                    /* the bracket next to Chinese is widened, and closed wide */
    check("", "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_display)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
