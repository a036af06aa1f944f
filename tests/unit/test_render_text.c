/*
 * test_render_text.c — the text renderer (render/text.c) read back by the text reader: the sample's
 * disclosure rendered to text and read again gives the same extract JSON (every table, column, row,
 * code, name and amount; every project field; every section with its text and figures; the TOC), and
 * the audit of the re-read text gives the same findings (rule, severity, table, row, code, column,
 * amounts, message). Also: a disclosure without a TOC or page-header texts (as derive makes it) reads
 * back, untrusted text with TAB/LF cannot break the layout, and rendering is deterministic.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "check/check.h"
#include "core/buf.h"
#include "model/finding.h"
#include "read/read.h"
#include "render/json.h"
#include "render/render.h"
#include "sample_helpers.h"

static ys_disclosure *reread(const ys_disclosure *d, ys_buf *text)
{
    ys_buf_init(text);
    assert_int_equal(ys_render_text(d, text), YS_OK);
    ys_disclosure *r = NULL;
    ys_diags dg;
    ys_diags_init(&dg);
    ys_status st = ys_read_text_mem("rendered.txt", text->data, text->len, &r, &dg);
    ys_diags_release(&dg);
    assert_int_equal(st, YS_OK);
    assert_non_null(r);
    return r;
}

static void assert_same_json(const ys_disclosure *a, const ys_disclosure *b)
{
    char *ja = ys_json_render(a, YS_TABLE_NONE), *jb = ys_json_render(b, YS_TABLE_NONE);
    assert_non_null(ja);
    assert_non_null(jb);
    if (strcmp(ja, jb) != 0) {
        size_t i = 0;
        while (ja[i] && ja[i] == jb[i]) i++;
        size_t from = i > 200 ? i - 200 : 0;
        fail_msg("extract JSON differs at byte %zu:\n--- original\n%.400s\n--- re-read\n%.400s", i, ja + from,
                 jb + from);
    }
    free(ja);
    free(jb);
}

/* ---- the sample round trip ------------------------------------------------------------------------------- */

static void test_sample_round_trip(void **state)
{
    (void)state;
    ys_disclosure *d = smp_read_sample();
    assert_int_equal(d->nprojects, 40);
    ys_buf text;
    ys_disclosure *r = reread(d, &text);

    /* every table, cell by cell */
    for (int id = 0; id < YS_TABLE__COUNT; id++) {
        const ys_table *t = d->tables[id], *u = r->tables[id];
        if (!t) {
            assert_null(u);
            continue;
        }
        assert_non_null(u);
        smp_assert_same_table(t, u);
        if (t->note) assert_string_equal(t->note, u->note);
        else assert_null(u->note);
    }
    /* every project field */
    assert_int_equal(d->nprojects, r->nprojects);
    for (size_t i = 0; i < d->nprojects; i++) {
        const ys_project *p = &d->projects[i], *q = &r->projects[i];
        assert_string_equal(p->code, q->code);
        assert_string_equal(p->name, q->name);
        assert_true(p->budget.money == q->budget.money && p->budget.kind == q->budget.kind);
        assert_true(p->fiscal.money == q->fiscal.money && p->other.kind == q->other.kind);
        assert_string_equal(p->purpose, q->purpose);
        assert_string_equal(p->goal, q->goal);
        assert_int_equal(p->schedule_percent, q->schedule_percent);
        assert_int_equal(p->nschedule, q->nschedule);
        for (size_t k = 0; k < p->nschedule; k++) {
            assert_string_equal(p->schedule[k].label, q->schedule[k].label);
            assert_true(p->schedule[k].value.money == q->schedule[k].value.money);
        }
        assert_int_equal(p->nindicators, q->nindicators);
        for (size_t k = 0; k < p->nindicators; k++) {
            assert_string_equal(p->indicators[k].level1, q->indicators[k].level1);
            assert_string_equal(p->indicators[k].level3, q->indicators[k].level3);
            assert_string_equal(p->indicators[k].value, q->indicators[k].value);
            assert_string_equal(p->indicators[k].basis, q->indicators[k].basis);
        }
    }
    /* every section */
    assert_int_equal(d->nsections, r->nsections);
    for (size_t i = 0; i < d->nsections; i++) {
        assert_string_equal(d->sections[i].number, r->sections[i].number);
        assert_string_equal(d->sections[i].title, r->sections[i].title);
        assert_string_equal(d->sections[i].text, r->sections[i].text);
        assert_int_equal(d->sections[i].nfigures, r->sections[i].nfigures);
    }
    /* meta, and the whole extract JSON */
    assert_string_equal(d->meta.department, r->meta.department);
    assert_string_equal(d->meta.department_code, r->meta.department_code);
    assert_int_equal(d->meta.year, r->meta.year);
    assert_int_equal(d->meta.kind, r->meta.kind);
    assert_same_json(d, r);

    ys_buf_release(&text);
    ys_disclosure_free(r);
    ys_disclosure_free(d);
}

/* ---- the audit of the re-read text ------------------------------------------------------------------------ */

static void test_sample_same_findings(void **state)
{
    (void)state;
    ys_disclosure *d = smp_read_sample();
    ys_buf text;
    ys_disclosure *r = reread(d, &text);
    ys_catalog *cat = smp_catalog();
    smp_keys ka = smp_audit_keys(d, cat, NULL), kb = smp_audit_keys(r, cat, NULL);
    assert_true(ka.n > 0);
    smp_assert_same_keys(&ka, &kb, "text", "re-read");
    smp_keys_free(&ka);
    smp_keys_free(&kb);
    ys_catalog_free(cat);
    ys_buf_release(&text);
    ys_disclosure_free(r);
    ys_disclosure_free(d);
}

/* ---- a compiled-like disclosure: no TOC, no page-header texts; hostile text ------------------------------ */

static ys_disclosure *make_compiled(const char *dept_name, const char *row_name)
{
    ys_disclosure *d = ys_disclosure_new("book");
    d->meta.department = dept_name;
    d->meta.department_code = "901";
    d->meta.year = 2025;
    d->meta.kind = YS_KIND_BUDGET;
    d->meta.scope = YS_SCOPE_DEPARTMENT;
    d->meta.unit = YS_UNIT_WANYUAN;
    ys_column cols[] = {
        {"合计", "total", YS_COL_MONEY}, {"基本支出", "basic", YS_COL_MONEY}, {"项目支出", "project", YS_COL_MONEY}};
    ys_table *t = ys_disclosure_add_table(d, YS_TABLE_GPB_EXPENSE, "一般公共预算财政拨款支出表", 3, cols);
    t->unit = YS_UNIT_WANYUAN;
    ys_source s = {NULL, 0, 0, NULL};
    ys_row *r = ys_table_add_row(d, t, 1, "", "合计");
    ys_cell_set_printed(d, &r->cells[0], "100.5", t->unit, s);
    ys_cell_set_printed(d, &r->cells[1], "60.123", t->unit, s);
    ys_cell_set_printed(d, &r->cells[2], "40.377", t->unit, s);
    r = ys_table_add_row(d, t, 2, "208", row_name);
    ys_cell_set_printed(d, &r->cells[0], "100.5", t->unit, s);
    ys_cell_set_printed(d, &r->cells[1], "60.123", t->unit, s);
    ys_cell_set_printed(d, &r->cells[2], "40.377", t->unit, s);
    ys_section *sec = ys_disclosure_add_section(d, "一", "部门职责及机构设置情况");
    sec->text = "第一段。\n第二段，含\t制表符。";
    return d;
}

static void test_compiled_reads_back(void **state)
{
    (void)state;
    setenv("YUSUAN_DATA", "data", 0);
    ys_disclosure *d = make_compiled("测试局", "社会保障和就业支出");
    ys_buf text;
    ys_disclosure *r = reread(d, &text);
    const ys_table *u = ys_disclosure_table(r, YS_TABLE_GPB_EXPENSE);
    assert_non_null(u);
    assert_int_equal(u->nrows, 2);
    assert_string_equal(u->rows[1].code, "208");
    assert_true(u->rows[1].cells[1].money == d->tables[YS_TABLE_GPB_EXPENSE]->rows[1].cells[1].money);
    assert_int_equal(u->rows[1].cells[1].decimals, 3);   /* 60.123 万元 stays exact */
    assert_string_equal(r->meta.department, "测试局");
    /* the code needs its department line twice (text_meta.c); one table prints it once */
    assert_int_equal(r->meta.year, 2025);
    assert_int_equal(r->nsections, 2);   /* the 情况说明 title section and 一 */
    assert_string_equal(r->sections[1].title, "部门职责及机构设置情况");
    ys_buf_release(&text);
    ys_disclosure_free(r);
    ys_disclosure_free(d);
}

static void test_hostile_text_stays_in_its_cell(void **state)
{
    (void)state;
    setenv("YUSUAN_DATA", "data", 0);
    ys_disclosure *d = make_compiled("测试局", "名称\t带制表符\n和换行");
    ys_buf text;
    ys_disclosure *r = reread(d, &text);
    const ys_table *u = ys_disclosure_table(r, YS_TABLE_GPB_EXPENSE);
    assert_non_null(u);
    assert_int_equal(u->nrows, 2);
    assert_non_null(strstr(u->rows[1].name, "带制表符"));
    assert_non_null(strstr(u->rows[1].name, "和换行"));
    assert_true(u->rows[1].cells[0].money == d->tables[YS_TABLE_GPB_EXPENSE]->rows[1].cells[0].money);
    ys_buf_release(&text);
    ys_disclosure_free(r);
    ys_disclosure_free(d);
}

static void test_deterministic(void **state)
{
    (void)state;
    ys_disclosure *d = smp_read_sample();
    ys_buf a = YS_BUF_INIT, b = YS_BUF_INIT;
    assert_int_equal(ys_render_text(d, &a), YS_OK);
    assert_int_equal(ys_render_text(d, &b), YS_OK);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.data, b.data, a.len);
    assert_non_null(strstr(a.data, "323 赵县人力资源和社会保障局\n"));
    assert_non_null(strstr(a.data, "预算年度：2024\n"));
    assert_non_null(strstr(a.data, "\n栏次\t1\t2\t3\t4\n"));
    ys_buf_release(&a);
    ys_buf_release(&b);
    ys_disclosure_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_round_trip),
        cmocka_unit_test(test_sample_same_findings),
        cmocka_unit_test(test_compiled_reads_back),
        cmocka_unit_test(test_hostile_text_stays_in_its_cell),
        cmocka_unit_test(test_deterministic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
