/*
 * test_render_html.c — the HTML page (render/html.c, render/svg.c) and the Fiscal Data Package
 * (render/datapackage.c). HTML: structure on the sample (lang, charset, every table id, row counts,
 * the charts, the project tables), no external URL, escaping of hostile data (a department named
 * <script>…), the year-over-year chart from hand-made comparisons and its note when there are none,
 * deterministic bytes. SVG: shares computed in integers. Data package: the descriptor parses with the
 * required keys, one CSV per table, amounts typed as numbers, the model's measures and dimensions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "read/read.h"
#include "render/render.h"
#include "sample_helpers.h"
#include "render/svg.h"


static size_t count(const char *s, const char *what)
{
    size_t n = 0, m = strlen(what);
    for (const char *p = strstr(s, what); p; p = strstr(p + m, what)) n++;
    return n;
}

/* Rows of the <tbody> of the table in section t-<id>. */
static size_t body_rows(const char *html, const char *id)
{
    char key[64];
    snprintf(key, sizeof key, "id=\"t-%s\"", id);
    const char *s = strstr(html, key);
    assert_non_null(s);
    const char *b = strstr(s, "<tbody>"), *e = strstr(s, "</tbody>");
    assert_non_null(b);
    assert_non_null(e);
    size_t n = 0;
    for (const char *p = strstr(b, "<tr>"); p && p < e; p = strstr(p + 4, "<tr>")) n++;
    return n;
}

static void test_sample_structure(void **state)
{
    (void)state;
    ys_disclosure *d = smp_read_sample();
    ys_buf b = YS_BUF_INIT;
    assert_int_equal(ys_render_html(d, &b), YS_OK);
    const char *h = b.data;
    assert_non_null(strstr(h, "<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    assert_non_null(strstr(h, "<meta charset=\"utf-8\">"));
    assert_non_null(strstr(h, "\"Noto Sans CJK SC\""));
    assert_non_null(strstr(h, "@page{size:A4 landscape"));
    assert_non_null(strstr(h, "thead{display:table-header-group}"));
    for (int id = 0; id < YS_TABLE__COUNT; id++) {
        const ys_table *t = d->tables[id];
        if (!t) continue;
        assert_int_equal(body_rows(h, ys_table_id_name((ys_table_id)id)), t->nrows);
        char href[64];
        snprintf(href, sizeof href, "href=\"#t-%s\"", ys_table_id_name((ys_table_id)id));
        assert_non_null(strstr(h, href));
    }
    assert_int_equal(count(h, "<section class=\"tbl\""), 12);
    assert_int_equal(count(h, "<section class=\"proj\""), 40);
    assert_int_equal(count(h, "<section class=\"sec\""), d->nsections);
    /* three charts from the tables, the YoY note (a document read back has no comparisons) */
    assert_int_equal(count(h, "<svg "), 3);
    assert_non_null(strstr(h, "<title id=\"c-function-title\">"));
    assert_non_null(strstr(h, "208 社会保障和就业支出"));
    assert_non_null(strstr(h, "基本支出 1443.71 万元（4.2%）"));
    assert_non_null(strstr(h, "人员经费 1319.31 万元（91.4%）"));
    assert_non_null(strstr(h, "未绘制同比图"));
    /* group headers and numbers */
    assert_non_null(strstr(h, "<th scope=\"col\" colspan=\"2\">功能分类科目</th>"));
    assert_non_null(strstr(h, "<td class=\"n\">34063.09</td>"));
    /* self-contained */
    assert_null(strstr(h, "src=\"http"));
    assert_null(strstr(h, "href=\"http"));
    assert_null(strstr(h, "src=\"//"));
    assert_null(strstr(h, "<script"));
    assert_null(strstr(h, "<link"));
    /* deterministic */
    ys_buf b2 = YS_BUF_INIT;
    assert_int_equal(ys_render_html(d, &b2), YS_OK);
    assert_int_equal(b.len, b2.len);
    assert_memory_equal(b.data, b2.data, b.len);
    ys_buf_release(&b);
    ys_buf_release(&b2);
    ys_disclosure_free(d);
}

static void test_escaping_and_yoy(void **state)
{
    (void)state;
    ys_disclosure *d = ys_disclosure_new("hostile");
    d->meta.department = "<script>alert(1)</script>";
    d->meta.department_code = "\"><img src=x onerror=alert(2)>";
    d->meta.year = 2024;
    d->meta.unit = YS_UNIT_WANYUAN;
    ys_column cols[] = {{"合计<b>", "total", YS_COL_MONEY}, {"基本支出", "basic", YS_COL_MONEY},
                        {"项目支出", "project", YS_COL_MONEY}};
    ys_table *t = ys_disclosure_add_table(d, YS_TABLE_EXPENSE, "支出总表</title><script>x()</script>", 3, cols);
    t->unit = YS_UNIT_WANYUAN;
    t->note = "注：<script>n()</script> & 'q'";
    ys_source s = {NULL, 0, 0, NULL};
    ys_row *r = ys_table_add_row(d, t, 1, "", "合计");
    ys_cell_set_printed(d, &r->cells[0], "100.00", t->unit, s);
    ys_cell_set_printed(d, &r->cells[1], "60.00", t->unit, s);
    ys_cell_set_printed(d, &r->cells[2], "40.00", t->unit, s);
    r = ys_table_add_row(d, t, 2, "208", "<script>alert(3)</script>");
    ys_cell_set_printed(d, &r->cells[0], "100.00", t->unit, s);
    ys_section *sec = ys_disclosure_add_section(d, "一", "<script>t()</script>");
    sec->text = "<iframe src=\"https://evil\"></iframe>";
    ys_project *p = ys_disclosure_add_project(d);
    p->name = "<script>p()</script>";
    p->code = "P1";
    p->goal = "<b>goal</b>";
    ys_comparison *c = ys_disclosure_add_comparison(d);
    c->item = "total";
    c->label = "<script>c()</script>";
    c->current = 10000000;
    c->prior = 8000000;
    c->has_prior = true;
    c->reason = "<script>r()</script>";

    ys_buf b = YS_BUF_INIT;
    assert_int_equal(ys_render_html(d, &b), YS_OK);
    assert_null(strstr(b.data, "<script"));
    assert_null(strstr(b.data, "<img"));
    assert_null(strstr(b.data, "<iframe"));
    assert_null(strstr(b.data, "<b>"));
    assert_null(strstr(b.data, "src=\"https"));
    assert_non_null(strstr(b.data, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_non_null(strstr(b.data, "&amp; &#39;q&#39;"));
    /* the YoY chart: a grouped bar chart with both years and the values as text */
    assert_non_null(strstr(b.data, "<title id=\"c-yoy-title\">与上年对比</title>"));
    assert_non_null(strstr(b.data, "2023 年 8.00"));
    assert_non_null(strstr(b.data, "2024 年 10.00"));
    assert_null(strstr(b.data, "未绘制同比图"));
    assert_int_equal(count(b.data, "<svg "), 3);   /* function class, 基本/项目, YoY (no gpb_basic) */
    ys_buf_release(&b);
    ys_disclosure_free(d);
}

static void test_svg_share(void **state)
{
    (void)state;
    char b[32];
    ys_svg_share(b, sizeof b, 144371000, 3406309000);
    assert_string_equal(b, "4.2%");
    ys_svg_share(b, sizeof b, 1, 3);
    assert_string_equal(b, "33.3%");
    ys_svg_share(b, sizeof b, 2, 3);
    assert_string_equal(b, "66.7%");
    ys_svg_share(b, sizeof b, INT64_MAX / 2, INT64_MAX - 1);
    assert_string_equal(b, "50.0%");
    ys_svg_share(b, sizeof b, 5, 0);
    assert_string_equal(b, "");
    ys_buf e = YS_BUF_INIT;
    ys_svg_escape(&e, "a&<>\"'z");
    assert_string_equal(e.data, "a&amp;&lt;&gt;&quot;&#39;z");
    ys_buf_release(&e);
}

/* ---- the data package ---------------------------------------------------------------------------------------- */

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    ys_buf b = YS_BUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) ys_buf_add(&b, chunk, n);
    fclose(f);
    if (!b.data) ys_buf_adds(&b, "");
    return ys_buf_detach(&b);
}

static void test_datapackage(void **state)
{
    (void)state;
    ys_disclosure *d = smp_read_sample();
    char dir[] = "/tmp/ys_test_dp_XXXXXX";
    assert_non_null(mkdtemp(dir));
    ys_diags dg;
    ys_diags_init(&dg);
    assert_int_equal(ys_render_datapackage(d, dir, &dg), YS_OK);
    char path[256];
    snprintf(path, sizeof path, "%s/datapackage.json", dir);
    json_error_t err;
    json_t *root = json_load_file(path, 0, &err);
    assert_non_null(root);
    assert_string_equal(json_string_value(json_object_get(root, "name")), "yusuan-323-2024-budget");
    assert_non_null(strstr(json_string_value(json_object_get(root, "title")), "赵县人力资源和社会保障局"));
    json_t *res = json_object_get(root, "resources");
    assert_int_equal(json_array_size(res), 12);
    size_t ntables = 0;
    for (int id = 0; id < YS_TABLE__COUNT; id++) ntables += d->tables[id] != NULL;
    assert_int_equal(json_array_size(res), ntables);
    size_t i;
    json_t *r;
    json_array_foreach(res, i, r) {
        const char *p = json_string_value(json_object_get(r, "path"));
        assert_non_null(p);
        snprintf(path, sizeof path, "%s/%s", dir, p);
        char *csv = slurp(path);
        assert_non_null(csv);
        json_t *fields = json_object_get(json_object_get(r, "schema"), "fields");
        assert_true(json_array_size(fields) >= 2);
        /* the CSV header line lists the field names in order */
        ys_buf hdr = YS_BUF_INIT;
        size_t k;
        json_t *f;
        json_array_foreach(fields, k, f) {
            if (k) ys_buf_addc(&hdr, ',');
            ys_buf_adds(&hdr, json_string_value(json_object_get(f, "name")));
        }
        ys_buf_adds(&hdr, "\r\n");
        assert_memory_equal(csv, hdr.data, hdr.len);
        ys_buf_release(&hdr);
        if (strcmp(p, "expense.csv") == 0) {
            assert_non_null(strstr(csv, "\r\n1,,合计,34063.09,1443.71,32619.38,,,\r\n"));
            json_array_foreach(fields, k, f) {
                const char *n = json_string_value(json_object_get(f, "name"));
                const char *ty = json_string_value(json_object_get(f, "type"));
                if (strcmp(n, "total") == 0) assert_string_equal(ty, "number");
                if (strcmp(n, "code") == 0) assert_string_equal(ty, "string");
            }
        }
        free(csv);
        unlink(path);
    }
    json_t *model = json_object_get(root, "model");
    json_t *m = json_object_get(json_object_get(model, "measures"), "expense_total");
    assert_non_null(m);
    assert_string_equal(json_string_value(json_object_get(m, "currency")), "CNY");
    assert_int_equal(json_integer_value(json_object_get(m, "factor")), 10000);
    json_t *dims = json_object_get(model, "dimensions");
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(dims, "functional-classification"), "dimensionType")),
        "classification");
    assert_non_null(json_object_get(dims, "economic-classification"));
    assert_non_null(json_object_get(dims, "date"));
    json_decref(root);
    snprintf(path, sizeof path, "%s/datapackage.json", dir);
    unlink(path);
    rmdir(dir);
    ys_diags_release(&dg);
    ys_disclosure_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_structure),
        cmocka_unit_test(test_escaping_and_yoy),
        cmocka_unit_test(test_svg_share),
        cmocka_unit_test(test_datapackage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
