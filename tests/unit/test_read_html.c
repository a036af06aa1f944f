/*
 * test_read_html.c — the web-page reader (read/html.h). The HTML page yusuan renders itself
 * (render/html.c) reads back: the sample disclosure rendered to HTML and read again gives the same
 * tables cell by cell, projects, sections and meta, and the audit of the re-read page gives the same
 * findings; the example book's derived disclosure rendered to HTML reads back without an error finding.
 * Hand-written pages in the shapes government sites publish (tests/unit/data/html/): a budget table with
 * colspan/rowspan group headers, a GBK page declared with <meta charset="gb2312">, a page with the
 * narrative in <p> and the tables in nested divs and a layout table. And the HTML → lines step alone:
 * grids with spans, <br>, hidden and script content, sources "第N行", refusals (not a disclosure, bad
 * bytes), the sniffing rule for the dispatcher.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "check/check.h"
#include "core/buf.h"
#include "derive/derive.h"
#include "model/finding.h"
#include "read/book.h"
#include "read/html.h"
#include "read/read.h"
#include "render/render.h"
#include "sample_helpers.h"

#define BOOK "examples/zhaoxian-hrss-2024/book"
#define DATA "tests/unit/data/html/"

static ys_disclosure *reread_html(const ys_disclosure *d)
{
    ys_buf html = YS_BUF_INIT;
    assert_int_equal(ys_render_html(d, &html), YS_OK);
    ys_disclosure *r = NULL;
    ys_diags dg;
    ys_diags_init(&dg);
    ys_status st = ys_read_html_mem("rendered.html", html.data, html.len, &r, &dg);
    for (size_t i = 0; st != YS_OK && i < dg.count; i++) print_message("%s\n", dg.items[i].message);
    ys_diags_release(&dg);
    ys_buf_release(&html);
    assert_int_equal(st, YS_OK);
    assert_non_null(r);
    return r;
}

/* The lines of an HTML string (and the HTML line of each). */
static char *lines_of(const char *html, int **wheres, long *n)
{
    ys_buf b = YS_BUF_INIT;
    ys_diags dg;
    ys_diags_init(&dg);
    *n = ys_html_to_lines("t.html", html, strlen(html), &b, wheres, &dg);
    ys_diags_release(&dg);
    return ys_buf_detach(&b);
}

/* ---- the sample round trip -------------------------------------------------------------------------------- */

static void same_tables(const ys_disclosure *d, const ys_disclosure *r)
{
    for (int id = 0; id < YS_TABLE__COUNT; id++) {
        const ys_table *t = d->tables[id], *u = r->tables[id];
        if (!t) {
            if (u) fail_msg("table %s appeared", ys_table_id_name((ys_table_id)id));
            continue;
        }
        if (!u) fail_msg("table %s lost", ys_table_id_name((ys_table_id)id));
        smp_assert_same_table(t, u);
        /* sources point into the HTML file */
        if (u->nrows > 0) {
            assert_int_equal(u->rows[0].src.line, 0);
            assert_non_null(u->rows[0].src.where);
            assert_true(strncmp(u->rows[0].src.where, "第", strlen("第")) == 0);
        }
    }
}

static void test_sample_round_trip(void **state)
{
    (void)state;
    ys_disclosure *d = smp_read_sample();
    ys_disclosure *r = reread_html(d);
    same_tables(d, r);
    assert_int_equal(d->nprojects, r->nprojects);
    for (size_t i = 0; i < d->nprojects; i++) {
        const ys_project *p = &d->projects[i], *q = &r->projects[i];
        assert_string_equal(p->code, q->code);
        assert_string_equal(p->name, q->name);
        assert_true(p->budget.money == q->budget.money && p->budget.kind == q->budget.kind);
        assert_true(p->fiscal.money == q->fiscal.money && p->other.kind == q->other.kind);
        /* render/html.c prints 其他资金 and 资金用途 on labelled rows of their own, the schedule in one
         * cell ("3月底 4.56；6月底 …") and a paragraph per row: all come back exactly */
        assert_true(p->other.kind == q->other.kind && p->other.money == q->other.money);
        assert_string_equal(p->purpose, q->purpose);
        assert_string_equal(p->goal, q->goal);
        assert_int_equal(p->nschedule, q->nschedule);
        for (size_t k = 0; k < p->nschedule; k++) {
            assert_string_equal(p->schedule[k].label, q->schedule[k].label);
            assert_string_equal(p->schedule[k].value.text, q->schedule[k].value.text);
        }
        assert_int_equal(p->nindicators, q->nindicators);
        for (size_t k = 0; k < p->nindicators; k++) {
            assert_string_equal(p->indicators[k].level1, q->indicators[k].level1);
            assert_string_equal(p->indicators[k].level3, q->indicators[k].level3);
            assert_string_equal(p->indicators[k].value, q->indicators[k].value);
        }
    }
    assert_int_equal(d->nsections, r->nsections);
    for (size_t i = 0; i < d->nsections; i++) {
        assert_string_equal(d->sections[i].number, r->sections[i].number);
        assert_string_equal(d->sections[i].title, r->sections[i].title);
    }
    assert_string_equal(d->meta.department, r->meta.department);
    assert_int_equal(d->meta.year, r->meta.year);
    assert_int_equal(d->meta.kind, r->meta.kind);
    assert_int_equal(d->meta.unit, r->meta.unit);
    ys_disclosure_free(r);
    ys_disclosure_free(d);
}

/* Known differences, each a finding about what the page cannot carry: R55 needs the TOC's page numbers (a
 * web page has none: its TOC is <nav> links). Every other finding must be identical. */
static bool page_can_carry(const ys_finding *f)
{
    return strcmp(f->rule, "R55") != 0;
}

static void test_sample_same_findings(void **state)
{
    (void)state;
    ys_disclosure *d = smp_read_sample();
    ys_disclosure *r = reread_html(d);
    ys_catalog *cat = smp_catalog();
    smp_keys ka = smp_audit_keys(d, cat, page_can_carry), kb = smp_audit_keys(r, cat, page_can_carry);
    assert_true(ka.n > 10);
    smp_assert_same_keys(&ka, &kb, "text", "html");
    smp_keys_free(&ka);
    smp_keys_free(&kb);
    ys_catalog_free(cat);
    ys_disclosure_free(r);
    ys_disclosure_free(d);
}

/* ---- the example book, derived, rendered, read back -------------------------------------------------------- */

static void test_book_reads_back_clean(void **state)
{
    (void)state;
    setenv("YUSUAN_DATA", "data", 0);
    ys_catalog *cat = smp_catalog();
    assert_non_null(cat);
    ys_diags dg;
    ys_diags_init(&dg);
    ys_budget *b = NULL;
    ys_disclosure *derived = NULL;
    assert_int_equal(ys_book_read(BOOK, &b, &dg), YS_OK);
    assert_int_equal(ys_derive(b, cat, &derived, &dg), YS_OK);
    ys_budget_free(b);
    ys_diags_release(&dg);
    ys_disclosure *r = reread_html(derived);
    for (int id = 0; id < YS_TABLE__COUNT; id++) {
        const ys_table *t = derived->tables[id], *u = r->tables[id];
        if (!t) continue;
        if (!u) fail_msg("table %s lost", ys_table_id_name((ys_table_id)id));
        assert_int_equal(t->nrows, u->nrows);
        for (size_t i = 0; i < t->nrows; i++)
            for (size_t c = 0; c < t->ncols && c < u->ncols; c++)
                if (ys_cell_money(&t->rows[i].cells[c]) != ys_cell_money(&u->rows[i].cells[c]))
                    fail_msg("%s row %zu column %zu differs", ys_table_id_name((ys_table_id)id), i, c);
    }
    /* no phantom project from the page's group heading 项目支出绩效目标表; every project exactly */
    assert_int_equal(derived->nprojects, r->nprojects);
    for (size_t i = 0; i < derived->nprojects; i++) {
        const ys_project *p = &derived->projects[i], *q = &r->projects[i];
        assert_string_equal(p->code, q->code);
        assert_string_equal(p->purpose, q->purpose);
        assert_string_equal(p->goal, q->goal);
        assert_int_equal(p->nschedule, q->nschedule);
        for (size_t k = 0; k < p->nschedule; k++) {
            assert_string_equal(p->schedule[k].label, q->schedule[k].label);
            assert_int_equal(ys_cell_money(&p->schedule[k].value), ys_cell_money(&q->schedule[k].value));
        }
        assert_int_equal(p->nindicators, q->nindicators);
    }
    ys_findings f;
    ys_findings_init(&f);
    ys_check_run(r, cat, NULL, &f);
    for (size_t i = 0; i < f.count; i++)
        if (!f.items[i].folded && f.items[i].severity == YS_SEV_ERROR)
            print_message("error finding [%s]: %s\n", f.items[i].rule, f.items[i].message);
    assert_true(ys_findings_max_severity(&f) < YS_SEV_ERROR);
    ys_findings_release(&f);
    ys_disclosure_free(r);
    ys_disclosure_free(derived);
    ys_catalog_free(cat);
}

/* ---- the HTML → lines step ------------------------------------------------------------------------------- */

static void test_grid_spans(void **state)
{
    (void)state;
    const char *html = "<table>\n"
                       "<tr><th rowspan=\"2\">序号</th><th colspan=\"2\">功能分类科目</th><th rowspan=2>合计</th>"
                       "<th colspan=\"3\">本年收入</th></tr>\n"
                       "<tr><th>科目编码</th><th>科目名称</th><th>小计</th><th>财政拨款</th><th>其他</th></tr>\n"
                       "<tr><td>1</td><td rowspan=\"2\">208</td><td>社会保障<br>和就业支出</td><td>10.00</td>"
                       "<td>10.00</td><td>10.00</td><td></td></tr>\n"
                       "<tr><td>2</td><td>  养老 \n  支出 </td><td>5.00</td></tr>\n"
                       "<tr><td></td><td></td></tr>\n"
                       "</table>";
    int *w = NULL;
    long n = 0;
    char *s = lines_of(html, &w, &n);
    assert_int_equal(n, 4);
    assert_string_equal(s, "序号\t功能分类科目\t\t合计\t本年收入\t\t\n"
                           "\t科目编码\t科目名称\t\t小计\t财政拨款\t其他\n"
                           "1\t208\t社会保障 和就业支出\t10.00\t10.00\t10.00\t\n"
                           "2\t\t养老 支出\t5.00\t\t\t\n");
    assert_int_equal(w[0], 2);
    assert_int_equal(w[3], 5);
    free(w);
    free(s);
}

static void test_blocks_and_ignored(void **state)
{
    (void)state;
    const char *html = "<!DOCTYPE html><html><head><title>标题</title><style>p{color:red}</style>"
                       "<script>var x = '<p>no</p>';</script></head>\n<body>\n"
                       "<h1>某局2024年部门预算</h1>\n"
                       "<div>第一段<span>继续</span>。<br>第二行</div>\n"
                       "<p hidden>隐藏</p><p style=\"display: none\">也隐藏</p><noscript>无脚本</noscript>\n"
                       "<p>编制单位：某局&nbsp;&nbsp;&nbsp;&nbsp;单位：万元</p>\n"
                       "<ul><li>一、甲</li><li>二、乙</li></ul>\n"
                       "<div class=\"row\" style=\"display:flex\"><span>A</span><span>B</span></div>"
                       "</body></html>";
    int *w = NULL;
    long n = 0;
    char *s = lines_of(html, &w, &n);
    assert_string_equal(s, "某局2024年部门预算\n第一段继续。\n第二行\n编制单位：某局\t单位：万元\n"
                           "一、甲\n二、乙\nA\tB\n");
    assert_int_equal(n, 7);
    assert_int_equal(w[0], 3);
    assert_int_equal(w[3], 6);
    free(w);
    free(s);
}

static void test_layout_table(void **state)
{
    (void)state;
    const char *html = "<table><tr><td><p>标题</p><table><tr><td>a</td><td>1.00</td></tr></table></td></tr>"
                       "</table>";
    int *w = NULL;
    long n = 0;
    char *s = lines_of(html, &w, &n);
    assert_string_equal(s, "标题\na\t1.00\n");
    free(w);
    free(s);
}

static void test_sniff(void **state)
{
    (void)state;
    assert_true(ys_html_sniff("\xEF\xBB\xBF  <!DOCTYPE HTML>", 19));
    assert_true(ys_html_sniff("<!-- saved from url=(0036) -->\n<html>", 37));
    assert_true(ys_html_sniff("<TABLE border=1>", 16));
    assert_true(ys_html_sniff("<?xml version=\"1.0\"?><html", 26));
    assert_false(ys_html_sniff("2024年部门预算\t1", 16));
    assert_false(ys_html_sniff("<tablex>", 8));
    assert_false(ys_html_sniff("%PDF-1.7", 8));
    assert_false(ys_html_sniff("", 0));
}

/* ---- refusals --------------------------------------------------------------------------------------------- */

static void test_not_a_disclosure(void **state)
{
    (void)state;
    setenv("YUSUAN_DATA", "data", 0);
    const char *html = "<html><body><p>通知公告</p><table><tr><td>a</td></tr></table></body></html>";
    ys_disclosure *d = (ys_disclosure *)1;
    ys_diags dg;
    ys_diags_init(&dg);
    assert_int_equal(ys_read_html_mem("x.html", html, strlen(html), &d, &dg), YS_ERR_FORMAT);
    assert_null(d);
    assert_true(dg.errors > 0);
    ys_diags_release(&dg);

    ys_diags_init(&dg);
    assert_int_equal(ys_read_html_mem("e.html", "<html></html>", 13, &d, &dg), YS_ERR_FORMAT);
    assert_true(dg.errors > 0);
    ys_diags_release(&dg);

    ys_diags_init(&dg);
    assert_int_equal(ys_read_html_file(DATA "missing.html", &d, &dg), YS_ERR_IO);
    ys_diags_release(&dg);
}

/* ---- hand-written government pages ---------------------------------------------------------------------- */

static ys_disclosure *read_page(const char *path)
{
    setenv("YUSUAN_DATA", "data", 0);
    ys_disclosure *d = NULL;
    ys_diags dg;
    ys_diags_init(&dg);
    ys_status st = ys_read_html_file(path, &d, &dg);
    for (size_t i = 0; st != YS_OK && i < dg.count; i++) print_message("%s\n", dg.items[i].message);
    ys_diags_release(&dg);
    assert_int_equal(st, YS_OK);
    return d;
}

static const ys_row *row_named(const ys_table *t, const char *name)
{
    for (size_t i = 0; i < t->nrows; i++)
        if (strcmp(t->rows[i].name, name) == 0) return &t->rows[i];
    fail_msg("row %s not found", name);
    return NULL;
}

/* colspan/rowspan group headers, the unit inside the table (a row across it), <br> inside a name */
static void test_page_spans(void **state)
{
    (void)state;
    ys_disclosure *d = read_page(DATA "spans.html");
    const ys_table *s = ys_disclosure_table(d, YS_TABLE_SUMMARY);
    assert_non_null(s);
    assert_int_equal(s->nrows, 8);
    assert_int_equal(s->unit, YS_UNIT_WANYUAN);
    const ys_table *g = ys_disclosure_table(d, YS_TABLE_GPB_EXPENSE);
    assert_non_null(g);
    assert_int_equal(g->nrows, 11);
    const ys_row *r = row_named(g, "其他民政管理事务支出");
    assert_string_equal(r->code, "2080299");
    assert_true(ys_cell_money(&r->cells[0]) == 40 * 10000 * 100);   /* 40.00 万元 in 分 */
    assert_string_equal(r->src.where, "第42行");
    assert_int_equal(d->meta.year, 2024);
    ys_disclosure_free(d);
}

/* a GB2312 page declared by http-equiv: decoded before parsing */
static void test_page_gbk(void **state)
{
    (void)state;
    ys_disclosure *d = read_page(DATA "gbk.html");
    const ys_table *t = ys_disclosure_table(d, YS_TABLE_FISCAL_SUMMARY);
    assert_non_null(t);
    assert_int_equal(t->nrows, 3);
    bool found = false;
    for (size_t c = 0; c < t->ncols; c++) found |= ys_cell_money(&t->rows[0].cells[c]) == 805000 * 100;   /* 80.50 万元 in 分 */
    assert_true(found);
    ys_disclosure_free(d);
    /* the text, decoded from GB2312 */
    char *bytes = NULL;
    size_t n = 0;
    ys_diags dg;
    ys_diags_init(&dg);
    assert_int_equal(ys_read_file(DATA "gbk.html", &bytes, &n, &dg), YS_OK);
    ys_buf b = YS_BUF_INIT;
    assert_true(ys_html_to_lines("gbk.html", bytes, n, &b, NULL, &dg) > 0);
    assert_non_null(strstr(ys_buf_str(&b), "\n（一）一般公共预算拨款\t80.50\t（一）教育支出\t80.50\n"));
    ys_buf_release(&b);
    ys_diags_release(&dg);
    free(bytes);
}

/* narrative in <p>, the table in nested divs inside a layout table */
static void test_page_nested(void **state)
{
    (void)state;
    ys_disclosure *d = read_page(DATA "nested.html");
    const ys_table *t = ys_disclosure_table(d, YS_TABLE_GPB_EXPENSE);
    assert_non_null(t);
    assert_int_equal(t->nrows, 5);
    assert_string_equal(row_named(t, "行政运行")->code, "2070101");
    bool found = false;
    for (size_t i = 0; i < d->nsections; i++)
        if (strcmp(d->sections[i].title, "部门职责及机构设置情况") == 0) {
            found = true;
            assert_non_null(strstr(d->sections[i].text, "本部门负责全市文化事业的规划和管理。"));
        }
    assert_true(found);
    ys_disclosure_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grid_spans),
        cmocka_unit_test(test_blocks_and_ignored),
        cmocka_unit_test(test_layout_table),
        cmocka_unit_test(test_sniff),
        cmocka_unit_test(test_not_a_disclosure),
        cmocka_unit_test(test_page_spans),
        cmocka_unit_test(test_page_gbk),
        cmocka_unit_test(test_page_nested),
        cmocka_unit_test(test_sample_round_trip),
        cmocka_unit_test(test_sample_same_findings),
        cmocka_unit_test(test_book_reads_back_clean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
