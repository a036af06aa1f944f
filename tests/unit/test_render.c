/*
 * test_render.c — the renderers on hand-made disclosures: the extract JSON (money strings, null for
 * empty cells, label and text columns, escaping of untrusted text), the CSV of one table (RFC 4180
 * quoting, formula-injection neutralisation, negative amounts stay numbers) and the findings report
 * (JSON Lines keys and order, folded findings hidden, the text view with its source lines, amounts,
 * grouping and summary).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "model/disclosure.h"
#include "model/finding.h"
#include "render/csv.h"
#include "render/json.h"
#include "render/report.h"

/* ---- fixtures --------------------------------------------------------------------------------------- */

static ys_source at_line(ys_disclosure *d, int line)
{
    ys_source s = {d->file, line, 0, NULL};
    return s;
}

static void set_cell(ys_disclosure *d, ys_table *t, ys_row *r, size_t col, const char *text, int line)
{
    ys_cell_set_printed(d, &r->cells[col], text, t->unit, at_line(d, line));
}

/* An income table in 万元: 合计, 小计, 财政拨款收入, 人数 (a quantity column). */
static ys_table *make_income(ys_disclosure *d)
{
    ys_column cols[] = {
        {"合计", "total", YS_COL_MONEY},
        {"小计", "subtotal", YS_COL_MONEY},
        {"财政拨款收入", "fiscal", YS_COL_MONEY},
        {"人数", "", YS_COL_QUANTITY},
    };
    ys_table *t = ys_disclosure_add_table(d, YS_TABLE_INCOME, "部门预算收入总表", 4, cols);
    t->unit = YS_UNIT_WANYUAN;
    ys_row *r = ys_table_add_row(d, t, 1, "", "合计");
    set_cell(d, t, r, 0, "124.4", 10);
    set_cell(d, t, r, 1, "6228.", 10);
    set_cell(d, t, r, 2, "", 10);
    r->cells[3].kind = YS_CELL_QUANTITY, r->cells[3].qty = 13509, r->cells[3].text = "13509";
    r = ys_table_add_row(d, t, 2, "2080101", "=HYPERLINK(\"x\")");
    set_cell(d, t, r, 0, "(100.00)", 11);
    set_cell(d, t, r, 1, "1.234", 11);
    set_cell(d, t, r, 2, "-", 11);
    r = ys_table_add_row(d, t, -1, "", "名称,带逗号 \"引号\"\n换行\x01");
    set_cell(d, t, r, 0, "无", 12);   /* text in a money column: not a value */
    return t;
}

/* A two-sided summary table: label columns hold the labels. */
static ys_table *make_summary(ys_disclosure *d)
{
    ys_column cols[] = {
        {"项目", "in_item", YS_COL_LABEL},
        {"预算数", "in_amount", YS_COL_MONEY},
        {"项目", "out_item", YS_COL_LABEL},
        {"预算数", "out_amount", YS_COL_MONEY},
    };
    ys_table *t = ys_disclosure_add_table(d, YS_TABLE_SUMMARY, "部门预算收支总表", 4, cols);
    t->unit = YS_UNIT_WANYUAN;
    t->note = "本表无数据";
    ys_row *r = ys_table_add_row(d, t, 1, "", "");
    set_cell(d, t, r, 0, "一、一般公共预算拨款收入", 5);
    r->cells[0].kind = YS_CELL_TEXT;
    set_cell(d, t, r, 1, "34063.09", 5);
    set_cell(d, t, r, 2, "-负数开头的标签", 5);
    r->cells[2].kind = YS_CELL_TEXT;
    set_cell(d, t, r, 3, "-1.00", 5);
    return t;
}

static ys_disclosure *make_doc(void)
{
    ys_disclosure *d = ys_disclosure_new("t.txt");
    make_income(d);
    make_summary(d);
    d->meta.department = "赵县人力资源和社会保障局";
    d->meta.department_code = "323";
    d->meta.year = 2024;
    d->meta.kind = YS_KIND_BUDGET;
    d->meta.unit = YS_UNIT_WANYUAN;
    ys_project *p = ys_disclosure_add_project(d);
    p->code = "13010000001";
    p->name = "就业补助";
    p->unit = YS_UNIT_WANYUAN;
    ys_cell_set_printed(d, &p->budget, "25", p->unit, at_line(d, 40));
    ys_cell_set_printed(d, &p->fiscal, "25.00", p->unit, at_line(d, 40));
    p->nschedule = 1;
    p->schedule = ys_arena_calloc(d->arena, 1, sizeof *p->schedule);
    p->schedule[0].label = "3月底";
    ys_cell_set_printed(d, &p->schedule[0].value, "6.25", p->unit, at_line(d, 41));
    ys_indicator *in = ys_project_add_indicator(d, p);
    in->level1 = "产出指标";
    in->value = "≥97%";
    ys_section *s = ys_disclosure_add_section(d, "二", "部门预算安排的总体情况");
    s->text = "收入预算34063.09万元。";
    ys_figure *f = ys_section_add_figure(d, s);
    f->label = "收入预算";
    f->text = "34063.09万元";
    f->amount = 34063090000;
    f->unit = YS_UNIT_WANYUAN;
    f->decimals = 2;
    return d;
}

static json_t *parse(const char *s)
{
    json_error_t err;
    json_t *j = json_loads(s, 0, &err);
    if (!j) fail_msg("not JSON: %s (%s)", err.text, s);
    return j;
}

static const char *jget_str(json_t *o, const char *path_key)
{
    json_t *v = json_object_get(o, path_key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* ---- JSON ------------------------------------------------------------------------------------------- */

static void test_json_values(void **state)
{
    (void)state;
    ys_disclosure *d = make_doc();
    char *s = ys_json_render(d, YS_TABLE_NONE);
    assert_non_null(s);
    json_t *j = parse(s);
    json_t *tables = json_object_get(j, "tables");
    assert_int_equal(json_array_size(tables), 2);
    /* standard id order: summary before income */
    json_t *sum = json_array_get(tables, 0), *inc = json_array_get(tables, 1);
    assert_string_equal(jget_str(sum, "id"), "summary");
    assert_string_equal(jget_str(inc, "id"), "income");
    assert_string_equal(jget_str(inc, "unit"), "万元");
    assert_true(json_is_null(json_object_get(inc, "note")));
    assert_string_equal(jget_str(sum, "note"), "本表无数据");
    assert_int_equal(json_array_size(json_object_get(inc, "columns")), 4);

    json_t *rows = json_object_get(inc, "rows");
    json_t *r0 = json_array_get(rows, 0), *v0 = json_object_get(r0, "values");
    assert_int_equal(json_integer_value(json_object_get(r0, "seq")), 1);
    assert_true(json_is_null(json_object_get(r0, "code")));
    assert_string_equal(json_string_value(json_array_get(v0, 0)), "124.40");   /* two decimals */
    assert_string_equal(json_string_value(json_array_get(v0, 1)), "6228.00");  /* "6228." */
    assert_true(json_is_null(json_array_get(v0, 2)));                          /* empty: null, not "0.00" */
    assert_string_equal(json_string_value(json_array_get(v0, 3)), "13509");    /* quantity as printed */

    json_t *r1 = json_array_get(rows, 1), *v1 = json_object_get(r1, "values");
    assert_string_equal(jget_str(r1, "code"), "2080101");
    assert_string_equal(json_string_value(json_array_get(v1, 0)), "-100.00");  /* "(100.00)" */
    assert_string_equal(json_string_value(json_array_get(v1, 1)), "1.234");    /* nothing lost */
    assert_true(json_is_null(json_array_get(v1, 2)));                          /* "-" is empty */
    assert_true(json_is_null(json_array_get(v1, 3)));

    json_t *r2 = json_array_get(rows, 2);
    assert_true(json_is_null(json_object_get(r2, "seq")));                     /* seq < 0 */
    assert_true(json_is_null(json_array_get(json_object_get(r2, "values"), 0)));  /* text in money column */

    /* two-sided table: labels only in label columns, money in money columns, name null */
    json_t *s0 = json_array_get(json_object_get(sum, "rows"), 0), *sv = json_object_get(s0, "values");
    assert_true(json_is_null(json_object_get(s0, "name")));
    assert_string_equal(json_string_value(json_array_get(sv, 0)), "一、一般公共预算拨款收入");
    assert_string_equal(json_string_value(json_array_get(sv, 1)), "34063.09");
    assert_string_equal(json_string_value(json_array_get(sv, 3)), "-1.00");

    /* no JSON number anywhere near money: every value is a string or null */
    for (size_t t = 0; t < json_array_size(tables); t++) {
        json_t *rs = json_object_get(json_array_get(tables, t), "rows");
        for (size_t i = 0; i < json_array_size(rs); i++) {
            json_t *vs = json_object_get(json_array_get(rs, i), "values");
            for (size_t k = 0; k < json_array_size(vs); k++) {
                json_t *v = json_array_get(vs, k);
                assert_true(json_is_string(v) || json_is_null(v));
            }
        }
    }
    json_decref(j);
    free(s);
    ys_disclosure_free(d);
}

static void test_json_meta_projects_sections(void **state)
{
    (void)state;
    ys_disclosure *d = make_doc();
    char *s = ys_json_render(d, YS_TABLE_NONE);
    json_t *j = parse(s);
    json_t *m = json_object_get(j, "meta");
    assert_string_equal(jget_str(m, "department"), "赵县人力资源和社会保障局");
    assert_string_equal(jget_str(m, "department_code"), "323");
    assert_true(json_is_null(json_object_get(m, "region")));
    assert_true(json_is_null(json_object_get(m, "scope")));
    assert_int_equal(json_integer_value(json_object_get(m, "year")), 2024);
    assert_string_equal(jget_str(m, "kind"), "预算");
    assert_string_equal(jget_str(m, "unit"), "万元");
    assert_int_equal(json_array_size(json_object_get(j, "toc")), 0);

    json_t *p = json_array_get(json_object_get(j, "projects"), 0);
    assert_string_equal(jget_str(p, "code"), "13010000001");
    assert_string_equal(jget_str(p, "budget"), "25.00");
    assert_string_equal(jget_str(p, "fiscal"), "25.00");
    assert_true(json_is_null(json_object_get(p, "other")));
    assert_true(json_is_null(json_object_get(p, "purpose")));
    assert_string_equal(jget_str(json_object_get(p, "schedule"), "3月底"), "6.25");
    json_t *in = json_array_get(json_object_get(p, "indicators"), 0);
    assert_string_equal(jget_str(in, "level1"), "产出指标");
    assert_string_equal(jget_str(in, "value"), "≥97%");
    assert_true(json_is_null(json_object_get(in, "basis")));

    json_t *sec = json_array_get(json_object_get(j, "sections"), 0);
    assert_string_equal(jget_str(sec, "number"), "二");
    assert_string_equal(jget_str(sec, "text"), "收入预算34063.09万元。");
    json_t *fig = json_array_get(json_object_get(sec, "figures"), 0);
    assert_string_equal(jget_str(fig, "amount"), "34063.09");
    assert_string_equal(jget_str(fig, "unit"), "万元");
    json_decref(j);
    free(s);
    ys_disclosure_free(d);
}

static void test_json_escaping(void **state)
{
    (void)state;
    ys_disclosure *d = make_doc();
    char *s = ys_json_render(d, YS_TABLE_INCOME);   /* one table alone */
    assert_non_null(s);
    assert_int_equal(s[strlen(s) - 1], '\n');
    assert_null(strchr(s, '\x01'));                 /* control characters are escaped */
    json_t *j = parse(s);
    assert_string_equal(jget_str(j, "id"), "income");
    json_t *rows = json_object_get(j, "rows");
    assert_string_equal(jget_str(json_array_get(rows, 1), "name"), "=HYPERLINK(\"x\")");
    assert_string_equal(jget_str(json_array_get(rows, 2), "name"), "名称,带逗号 \"引号\"\n换行\x01");
    json_decref(j);
    free(s);
    assert_null(ys_json_render(d, YS_TABLE_EXPENSE));   /* absent table */
    ys_disclosure_free(d);
}

/* ---- CSV -------------------------------------------------------------------------------------------- */

static void test_csv_income(void **state)
{
    (void)state;
    ys_disclosure *d = make_doc();
    ys_buf b = YS_BUF_INIT;
    ys_csv_table(&b, ys_disclosure_table(d, YS_TABLE_INCOME));
    assert_string_equal(ys_buf_str(&b),
                        "序号,科目编码,科目名称,合计,小计,财政拨款收入,人数\r\n"
                        "1,,合计,124.40,6228.00,,13509\r\n"
                        "2,2080101,\"'=HYPERLINK(\"\"x\"\")\",-100.00,1.234,,\r\n"
                        ",,\"名称,带逗号 \"\"引号\"\"\n换行\x01\",,,,\r\n");
    ys_buf_release(&b);
    ys_disclosure_free(d);
}

static void test_csv_two_sided(void **state)
{
    (void)state;
    ys_disclosure *d = make_doc();
    ys_buf b = YS_BUF_INIT;
    ys_csv_table(&b, ys_disclosure_table(d, YS_TABLE_SUMMARY));
    /* label headers instead of code/name; a label beginning with '-' is text and neutralised, the
     * negative amount is a number and is not */
    assert_string_equal(ys_buf_str(&b), "序号,项目,预算数,项目,预算数\r\n"
                                        "1,一、一般公共预算拨款收入,34063.09,'-负数开头的标签,-1.00\r\n");
    ys_buf_release(&b);
    ys_disclosure_free(d);
}

static void test_csv_field(void **state)
{
    (void)state;
    const struct {
        const char *in;
        bool text;
        const char *out;
    } cases[] = {
        {"=1+2", true, "'=1+2"},   {"+1", true, "'+1"},         {"-1", true, "'-1"},
        {"@SUM(A1)", true, "'@SUM(A1)"}, {"\tx", true, "'\tx"}, {"\rx", true, "\"'\rx\""},
        {"-1.00", false, "-1.00"}, {"a,b", true, "\"a,b\""},    {"a\"b", true, "\"a\"\"b\""},
        {"", true, ""},            {NULL, true, ""},            {"行政运行", true, "行政运行"},
        {"=a,b", true, "\"'=a,b\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ys_buf b = YS_BUF_INIT;
        ys_csv_field(&b, cases[i].in, cases[i].text);
        assert_string_equal(ys_buf_str(&b), cases[i].out);
        ys_buf_release(&b);
    }
}

/* ---- report ----------------------------------------------------------------------------------------- */

static ys_disclosure *doc_with_lines(void)
{
    ys_disclosure *d = ys_disclosure_new("f.txt");
    static const char *lines[] = {"标题", "  4\t2080101\t行政运行\t509.30  ", "x", "y"};
    d->lines = lines;
    d->nlines = 4;
    return d;
}

static ys_location loc(ys_disclosure *d, ys_table_id t, int row, const char *code, const char *col, int line)
{
    ys_location l = {0};
    l.table = t;
    l.row = row;
    l.code = (char *)code;
    l.column = (char *)col;
    l.src = at_line(d, line);
    return l;
}

static void make_findings(ys_disclosure *d, ys_findings *f)
{
    ys_findings_init(f);
    ys_findings_add(f, "R45", YS_SEV_WARNING, loc(d, YS_TABLE_NARRATIVE, -1, NULL, NULL, 3), "增减额不符");
    ys_finding *e = ys_findings_add(f, "R28", YS_SEV_ERROR, loc(d, YS_TABLE_INCOME, 4, "2080101", "合计", 2),
                                    "收入与支出不符");
    ys_finding_set_amounts(e, true, 124400000, true, 120000000, YS_UNIT_WANYUAN, 2);
    ys_finding_add_loc(e, loc(d, YS_TABLE_EXPENSE, 4, "2080101", "合计", 4));
    ys_finding *folded = ys_findings_add(f, "R20", YS_SEV_ERROR, loc(d, YS_TABLE_INCOME, 3, "20801", "合计", 1),
                                         "被折叠的症状");
    folded->folded = true;
}

static void test_report_jsonl(void **state)
{
    (void)state;
    ys_disclosure *d = doc_with_lines();
    ys_findings f;
    make_findings(d, &f);
    ys_buf b = YS_BUF_INIT;
    ys_report_jsonl(&b, "f.txt", &f);
    const char *s = ys_buf_str(&b);
    const char *nl = strchr(s, '\n');
    assert_non_null(nl);
    assert_null(strstr(s, "被折叠"));                  /* folded: never printed */
    char *first = strndup(s, (size_t)(nl - s));
    json_t *j = parse(first);
    free(first);
    /* errors first */
    assert_string_equal(jget_str(j, "rule"), "R28");
    assert_string_equal(jget_str(j, "severity"), "error");
    assert_string_equal(jget_str(j, "file"), "f.txt");
    assert_string_equal(jget_str(j, "table"), "income");
    assert_string_equal(jget_str(j, "code"), "2080101");
    assert_int_equal(json_integer_value(json_object_get(j, "row")), 4);
    assert_string_equal(jget_str(j, "column"), "合计");
    assert_string_equal(jget_str(j, "expected"), "124.40");
    assert_string_equal(jget_str(j, "actual"), "120.00");
    assert_string_equal(jget_str(j, "unit"), "万元");
    assert_string_equal(jget_str(j, "message"), "收入与支出不符");
    assert_string_equal(jget_str(j, "source"), "f.txt:2");
    json_t *locs = json_object_get(j, "locations");
    assert_int_equal(json_array_size(locs), 2);
    assert_string_equal(jget_str(json_array_get(locs, 1), "table"), "expense");
    assert_string_equal(jget_str(json_array_get(locs, 1), "source"), "f.txt:4");
    json_decref(j);

    j = parse(nl + 1);   /* the second (last) line */
    assert_string_equal(jget_str(j, "rule"), "R45");
    assert_string_equal(jget_str(j, "table"), "narrative");
    assert_true(json_is_null(json_object_get(j, "row")));
    assert_true(json_is_null(json_object_get(j, "code")));
    assert_true(json_is_null(json_object_get(j, "expected")));
    assert_true(json_is_null(json_object_get(j, "unit")));
    json_decref(j);
    assert_int_equal(s[strlen(s) - 1], '\n');
    assert_ptr_equal(strchr(nl + 1, '\n'), s + strlen(s) - 1);   /* exactly two lines */
    ys_buf_release(&b);
    ys_findings_release(&f);
    ys_disclosure_free(d);
}

static void test_report_text(void **state)
{
    (void)state;
    ys_disclosure *d = doc_with_lines();
    ys_findings f;
    make_findings(d, &f);
    ys_buf b = YS_BUF_INIT;
    ys_report_text(&b, d, "f.txt", &f);
    assert_string_equal(ys_buf_str(&b), "== f.txt ==\n"
                                        "f.txt:2: 错误[R28]: 收入与支出不符\n"
                                        "    | 4  2080101  行政运行  509.30\n"
                                        "    应为 124.40 万元，实为 120.00 万元，差 -4.40 万元\n"
                                        "f.txt:3: 警告[R45]: 增减额不符\n"
                                        "    | x\n"
                                        "错误 1 项，警告 1 项，提示 0 项\n");
    ys_buf_release(&b);
    ys_report_counts c = {0, 0, 0};
    ys_report_count(&f, &c);
    assert_int_equal(c.errors, 1);   /* the folded error is not counted */
    ys_findings_release(&f);
    ys_disclosure_free(d);
}

static void test_report_text_grouping(void **state)
{
    (void)state;
    ys_disclosure *d = doc_with_lines();
    ys_findings f;
    ys_findings_init(&f);
    for (int i = 0; i < 7; i++)
        ys_findings_add(&f, "R60", YS_SEV_WARNING, loc(d, YS_TABLE_PROJECT_TARGETS, -1, NULL, NULL, 10 + i),
                        "指标值不可衡量 %d", i);
    for (int i = 0; i < 7; i++)   /* errors are never grouped */
        ys_findings_add(&f, "R20", YS_SEV_ERROR, loc(d, YS_TABLE_INCOME, -1, NULL, NULL, 20 + i), "错 %d", i);
    ys_buf b = YS_BUF_INIT;
    ys_report_text(&b, d, "f.txt", &f);
    const char *s = ys_buf_str(&b);
    assert_non_null(strstr(s, "指标值不可衡量 2\n"));
    assert_null(strstr(s, "指标值不可衡量 3"));
    assert_non_null(strstr(s, "另有 4 项警告[R60] 未逐条列出\n（--format json 列出全部）\n错误 7 项"));
    assert_non_null(strstr(s, "错 6\n"));
    assert_true(strstr(s, "错 6") < strstr(s, "指标值不可衡量 0"));   /* errors first */
    assert_non_null(strstr(s, "错误 7 项，警告 7 项，提示 0 项\n"));
    ys_buf_release(&b);

    ys_buf_init(&b);
    ys_report_jsonl(&b, "f.txt", &f);   /* JSON lists everything */
    size_t lines = 0;
    for (const char *p = ys_buf_str(&b); *p; p++) lines += *p == '\n';
    assert_int_equal(lines, 14);
    ys_buf_release(&b);
    ys_findings_release(&f);
    ys_disclosure_free(d);
}

static void test_report_source(void **state)
{
    (void)state;
    char buf[128];
    ys_source s = {NULL, 0, 3, NULL};
    assert_string_equal(ys_report_source(&s, "a.pdf", buf, sizeof buf), "a.pdf:page 3");
    s.page = 0;
    assert_string_equal(ys_report_source(&s, "a.pdf", buf, sizeof buf), "a.pdf");
    s.where = "Sheet1!B7";
    assert_string_equal(ys_report_source(&s, "a.xlsx", buf, sizeof buf), "a.xlsx:Sheet1!B7");
    ys_source t = {"b.txt", 12, 0, NULL};
    assert_string_equal(ys_report_source(&t, "a.txt", buf, sizeof buf), "b.txt:12");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_values),
        cmocka_unit_test(test_json_meta_projects_sections),
        cmocka_unit_test(test_json_escaping),
        cmocka_unit_test(test_csv_income),
        cmocka_unit_test(test_csv_two_sided),
        cmocka_unit_test(test_csv_field),
        cmocka_unit_test(test_report_jsonl),
        cmocka_unit_test(test_report_text),
        cmocka_unit_test(test_report_text_grouping),
        cmocka_unit_test(test_report_source),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
