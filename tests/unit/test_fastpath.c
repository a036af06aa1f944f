/*
 * test_fastpath.c — the fast paths added for the speed of `yusuan audit` (bench/RESULTS.md) give the
 * same bytes as the general code they short-cut:
 *  - core/text.c: normalisation and keys of strings that take the one-pass fast path (ASCII, CJK
 *    ideographs, full-width forms, CJK punctuation, white space between them) and of strings that fall
 *    back to utf8proc; the expected values were produced by the general code before the fast paths;
 *  - render/report.c: the JSON Lines writer prints exactly what jansson's json_dumps(JSON_COMPACT |
 *    JSON_PRESERVE_ORDER) prints for the same values (each line is parsed and dumped again by jansson
 *    and must come back byte for byte), control characters, quotes, backslashes and invalid UTF-8
 *    included.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/text.h"
#include "model/finding.h"
#include "render/report.h"

/* ---- text ------------------------------------------------------------------------------------------- */

static const struct {
    const char *in, *norm, *key;
} text_cases[] = {
    {"\xef\xbc\x88一\xef\xbc\x89\xe3\x80\x80合计 ", "(一)合计", "(一)合计"},
    {" 一般 公共\t预算 ", "一般公共预算", "一般公共预算"},
    {"ＡＢＣ　１２３", "ABC 123", "ABC123"},
    {"合计 (万元)", "合计(万元)", "合计(万元)"},
    {"【其中】：“人员”", "【其中】:“人员”", "(其中):\"人员\""},
    {"a  b\t\tc", "a b c", "abc"},
    {"财政拨款收入 1,234.56", "财政拨款收入 1,234.56", "财政拨款收入1,234.56"},
    {"⻔诊 费用", "门诊费用", "门诊费用"},                           /* radical: general path */
    {"e\xcc\x81t\xc3\xa9", "\xc3\xa9t\xc3\xa9", "\xc3\xa9t\xc3\xa9"},  /* combining mark composed */
    {"\xff合计", "\xef\xbf\xbd合计", "\xef\xbf\xbd合计"},              /* invalid byte */
    {"〔2022〕150号 。", "〔2022〕150号。", "(2022)150号。"},
    {"一\xe3\x80\x80一", "一一", "一一"},
    {"x\xe3\x80\x80一", "x 一", "x一"},
    {"「引用」‘单’", "「引用」‘单’", "\"引用\"\"单\""},
};

static void test_text_fast_paths(void **state)
{
    (void)state;
    ys_arena *a = ys_arena_new();
    for (size_t i = 0; i < sizeof text_cases / sizeof *text_cases; i++) {
        const char *in = text_cases[i].in;
        assert_string_equal(ys_text_normalize(a, in, strlen(in)), text_cases[i].norm);
        assert_string_equal(ys_text_key(a, in), text_cases[i].key);
        assert_true(ys_text_same(in, text_cases[i].key));
        assert_true(ys_text_same(text_cases[i].norm, in));
    }
    /* a difference found early is final only when both strings are fast throughout */
    assert_false(ys_text_same("合计", "总计"));
    assert_true(ys_text_same("⻔诊", "门诊"));
    assert_false(ys_text_same("a⻔", "b门"));
    assert_true(ys_text_same("e\xcc\x81", "\xc3\xa9"));
    assert_false(ys_text_same("合计x", "合计y"));
    ys_arena_free(a);
}

/* ---- JSON Lines --------------------------------------------------------------------------------------- */

static ys_location loc(const char *code, const char *column, const char *name, int row, int line,
                       const char *where)
{
    ys_location l = {0};
    l.table = YS_TABLE_INCOME;
    l.row = row;
    l.code = (char *)code;
    l.column = (char *)column;
    l.name = (char *)name;
    l.src.file = "f.txt";
    l.src.line = line;
    l.src.where = where;
    return l;
}

static void test_jsonl_matches_jansson(void **state)
{
    (void)state;
    char controls[40];
    for (int c = 1; c < 32; c++) controls[c - 1] = (char)c;
    controls[31] = '\0';
    ys_findings f;
    ys_findings_init(&f);
    ys_finding *fd = ys_findings_add(&f, "R1", YS_SEV_ERROR, loc("201", "合计", "a\"b\\c/d", 3, 7, NULL),
                                     "控制字符 %s 结束 \x7f", controls);
    ys_finding_set_amounts(fd, true, 12440, true, -12000, YS_UNIT_WANYUAN, 2);
    ys_finding_add_loc(fd, loc(NULL, NULL, NULL, -1, 0, "Sheet1!B7"));
    ys_finding_add_loc(fd, loc("bad\xff", "\xe4\xb8", "ok", 0, 2, NULL));   /* invalid UTF-8 */
    fd = ys_findings_add(&f, "R2", YS_SEV_WARNING, loc(NULL, NULL, NULL, -1, 0, NULL), "%s", "");
    ys_finding_set_amounts(fd, false, 0, true, 5, YS_UNIT_UNKNOWN, 2);
    ys_findings_add(&f, "R3", YS_SEV_INFO, loc("", "", "", 12, 9, NULL), "tab\there \"q\" 𠀀");

    ys_buf b = YS_BUF_INIT;
    ys_report_jsonl(&b, "dir/文件 \"1\".txt", &f);
    ys_report_jsonl(&b, NULL, &f);
    size_t lines = 0;
    for (const char *p = ys_buf_str(&b), *nl; *p; p = nl + 1) {
        nl = strchr(p, '\n');
        assert_non_null(nl);
        char *line = strndup(p, (size_t)(nl - p));
        json_error_t err;
        json_t *j = json_loads(line, 0, &err);
        assert_non_null(j);
        char *again = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
        assert_string_equal(again, line);
        free(again);
        json_decref(j);
        free(line);
        lines++;
    }
    assert_int_equal(lines, 6);
    /* invalid UTF-8 is replaced by U+FFFD, as jansson's json_string refusal was */
    assert_non_null(strstr(ys_buf_str(&b), "\"code\":\"\xef\xbf\xbd\""));
    assert_non_null(strstr(ys_buf_str(&b), "\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000B\\f\\r"));
    ys_buf_release(&b);
    ys_findings_release(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_fast_paths),
        cmocka_unit_test(test_jsonl_matches_jansson),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
