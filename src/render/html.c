/*
 * html.c — ys_render_html: a disclosure as ONE self-contained HTML page (no external resource: no CDN,
 * no web font, no script; inline CSS only), `lang="zh-CN"` with a font stack that picks Simplified
 * Chinese glyphs, print CSS (A4 landscape, a page break before each table, repeated table heads).
 *
 * Page, top to bottom: a header (department, year, unit), the table of contents with anchors, the
 * charts (inline SVG from render/svg.c: spending by function class from the 类 rows of the expense
 * table, 基本 against 项目, 人员 against 公用 from gpb_basic, year over year from d->comparisons — a
 * note instead when there are none), each with a data-table equivalent; every table as a real <table>
 * (id "t-<table id>": thead with group and leaf headers and the 栏次 row, 序号 / 编码 / 名称, numbers
 * right-aligned with tabular figures, empty cells empty, the notes); the 情况说明 sections (id
 * "s-<n>"); the project performance-target tables (id "p-<n>").
 *
 * Every string from the disclosure is escaped (& < > " '); element ids are made from table ids and
 * indexes only, never from data. Output is deterministic (no dates, fixed number formatting).
 */
#include "render/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/layout.h"
#include "core/display.h"
#include "render/svg.h"

/* Text for people: full-width punctuation in Chinese (core/display.h), then escaped. */
static void esc(ys_buf *out, const char *s)
{
    if (!s) return;
    ys_buf d = YS_BUF_INIT;
    ys_text_display_into(&d, s);
    ys_svg_escape(out, ys_buf_str(&d));
    ys_buf_release(&d);
}

static const char *kind_word(const ys_disclosure *d)
{
    return d->meta.kind == YS_KIND_FINAL ? "决算" : "预算";
}

static ys_unit doc_unit(const ys_disclosure *d)
{
    return d->meta.unit == YS_UNIT_UNKNOWN ? YS_UNIT_WANYUAN : d->meta.unit;
}

/* Paragraphs ("\n"-joined) as <p> elements. */
static void paragraphs(ys_buf *out, const char *text, const char *cls)
{
    if (!text) return;
    const char *p = text;
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n) {
            ys_buf para = YS_BUF_INIT;
            ys_buf_add(&para, p, n);
            if (cls) ys_buf_printf(out, "<p class=\"%s\">", cls);
            else ys_buf_adds(out, "<p>");
            esc(out, ys_buf_str(&para));
            ys_buf_adds(out, "</p>\n");
            ys_buf_release(&para);
        }
        p += n;
        if (*p == '\n') p++;
    }
}

/* ---- the head ---------------------------------------------------------------------------------------- */

static const char CSS[] =
    "*{box-sizing:border-box}\n"
    "body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"Microsoft YaHei\",\"PingFang SC\",sans-serif;"
    "margin:0 auto;max-width:1280px;padding:16px 24px;color:#1a1a1a;line-height:1.6}\n"
    "h1{font-size:1.6em;margin:.4em 0}h2{font-size:1.25em;margin:1.2em 0 .4em;border-bottom:2px solid #2b5797}"
    "h3{font-size:1.05em;margin:1em 0 .3em}\n"
    ".meta{color:#444}.meta span{margin-right:2em}\n"
    "nav ol{columns:2;padding-left:1.5em}nav a{color:#2b5797;text-decoration:none}\n"
    "table{border-collapse:collapse;width:100%;margin:.4em 0 1em;font-size:.9em}\n"
    "th,td{border:1px solid #888;padding:2px 6px;vertical-align:top}\n"
    "thead th{background:#e8eef7;font-weight:600;text-align:center}\n"
    "thead tr.stub th{background:#f4f6fa;font-weight:400;color:#555}\n"
    "td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "td.c{font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "td.s{text-align:center;color:#555}\n"
    ".note{color:#444;font-size:.9em}\n"
    ".tmeta{display:flex;justify-content:space-between;color:#444;font-size:.9em}\n"
    "figure{margin:1em 0;page-break-inside:avoid;break-inside:avoid}\n"
    "svg.chart{width:100%;max-width:760px;height:auto;display:block}\n"
    "svg .bar,svg .part0{fill:#2b5797}svg .bar2{fill:#4a78b5}svg .part1{fill:#e3a21a}svg .part2{fill:#7e3878}"
    "svg .part3{fill:#00a300}\n"
    "svg text{font-size:12px;fill:#1a1a1a}svg .ttl{font-size:15px;font-weight:600}svg .axl{fill:#444}\n"
    "svg .axis{stroke:#444;stroke-width:1}\n"
    "details{font-size:.9em}table.project th{background:#f4f6fa;text-align:left;white-space:nowrap}\n"
    "td.pfirst{border-bottom:0}td.pmid{border-top:0;border-bottom:0}td.plast{border-top:0}\n"
    "@page{size:A4 landscape;margin:12mm}\n"
    "@media print{body{max-width:none;padding:0}nav{page-break-after:always}"
    "section.tbl,section.proj{break-before:page;page-break-before:always}"
    "thead{display:table-header-group}tr{break-inside:avoid;page-break-inside:avoid}"
    "a{color:inherit;text-decoration:none}details{display:none}}\n";

static void head(const ys_disclosure *d, ys_buf *out)
{
    ys_buf_adds(out, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    esc(out, d->meta.department);
    if (d->meta.year) ys_buf_printf(out, " %d 年", d->meta.year);
    ys_buf_printf(out, "部门%s信息公开</title>\n<style>\n%s</style>\n</head>\n<body>\n", kind_word(d), CSS);
}

static void header(const ys_disclosure *d, ys_buf *out)
{
    ys_buf_adds(out, "<header>\n<h1>");
    esc(out, d->meta.department);
    if (d->meta.year) ys_buf_printf(out, " %d 年", d->meta.year);
    ys_buf_printf(out, "部门%s信息公开</h1>\n<p class=\"meta\"><span>部门：", kind_word(d));
    if (d->meta.department_code && *d->meta.department_code) {
        esc(out, d->meta.department_code);
        ys_buf_addc(out, ' ');
    }
    esc(out, d->meta.department);
    ys_buf_printf(out, "</span><span>%s年度：", kind_word(d));
    if (d->meta.year) ys_buf_printf(out, "%d", d->meta.year);
    ys_buf_printf(out, "</span><span>单位：%s</span></p>\n</header>\n", ys_unit_name(doc_unit(d)));
}

/* ---- table of contents ----------------------------------------------------------------------------------- */

static const char *table_title(const ys_table *t)
{
    return t->title && *t->title ? t->title : ys_table_id_title(t->id);
}

static void toc(const ys_disclosure *d, ys_buf *out)
{
    ys_buf_adds(out, "<nav id=\"toc\" aria-label=\"目录\">\n<h2>目录</h2>\n<ol>\n");
    ys_buf_adds(out, "<li><a href=\"#charts\">图表概览</a></li>\n");
    for (int id = 0; id < YS_TABLE__COUNT; id++) {
        const ys_table *t = d->tables[id];
        if (!t) continue;
        ys_buf_printf(out, "<li><a href=\"#t-%s\">", ys_table_id_name((ys_table_id)id));
        esc(out, table_title(t));
        ys_buf_adds(out, "</a></li>\n");
    }
    for (size_t i = 0; i < d->nsections; i++) {
        const ys_section *s = &d->sections[i];
        ys_buf_printf(out, "<li><a href=\"#s-%zu\">", i);
        if (s->number && *s->number) {
            esc(out, s->number);
            ys_buf_adds(out, "、");
        }
        esc(out, s->title);
        ys_buf_adds(out, "</a></li>\n");
    }
    if (d->nprojects) ys_buf_printf(out, "<li><a href=\"#projects\">项目支出绩效目标表（%zu 个项目）</a></li>\n",
                                    d->nprojects);
    ys_buf_adds(out, "</ol>\n</nav>\n");
}

/* ---- charts ---------------------------------------------------------------------------------------------- */

/* The 合计 row of a table: a row without code named 合计 (or the first row without code). */
static const ys_row *total_row(const ys_table *t)
{
    const ys_row *first = NULL;
    for (size_t i = 0; i < t->nrows; i++) {
        const ys_row *r = &t->rows[i];
        if (r->code && *r->code) continue;
        if (r->name && strstr(r->name, "合计")) return r;
        if (!first) first = r;
    }
    return first;
}

static void data_table(ys_buf *out, const char *caption, const char *const *heads, size_t nheads)
{
    ys_buf_adds(out, "<details><summary>数据表：");
    esc(out, caption);
    ys_buf_adds(out, "</summary>\n<table>\n<thead><tr>");
    for (size_t i = 0; i < nheads; i++) {
        ys_buf_adds(out, "<th scope=\"col\">");
        esc(out, heads[i]);
        ys_buf_adds(out, "</th>");
    }
    ys_buf_adds(out, "</tr></thead>\n<tbody>\n");
}

static void data_row(ys_buf *out, const char *label, const ys_money *v, size_t n, ys_unit unit)
{
    ys_buf_adds(out, "<tr><th scope=\"row\">");
    esc(out, label);
    ys_buf_adds(out, "</th>");
    for (size_t i = 0; i < n; i++) {
        char b[YS_MONEY_BUFSZ];
        ys_buf_printf(out, "<td class=\"n\">%s</td>", ys_money_format(v[i], unit, 2, b, sizeof b));
    }
    ys_buf_adds(out, "</tr>\n");
}

static void chart_function(const ys_disclosure *d, ys_buf *out)
{
    const ys_table *t = ys_disclosure_table(d, YS_TABLE_EXPENSE);
    if (!t) t = ys_disclosure_table(d, YS_TABLE_GPB_EXPENSE);
    int col = t ? ys_table_col(t, "total") : -1;
    size_t n = 0;
    for (size_t i = 0; t && col >= 0 && i < t->nrows; i++) n += ys_code_level(t->rows[i].code) == 1;
    ys_buf_adds(out, "<figure id=\"chart-function\">\n");
    if (!n) {
        ys_buf_adds(out, "<figcaption>按功能分类（类）的支出：文档没有支出总表的类级科目，未绘制此图。</figcaption>\n"
                         "</figure>\n");
        return;
    }
    ys_svg_bar *bars = calloc(n, sizeof *bars);
    ys_buf labels = YS_BUF_INIT;
    size_t *off = calloc(n, sizeof *off);
    size_t k = 0;
    for (size_t i = 0; i < t->nrows; i++) {
        const ys_row *r = &t->rows[i];
        if (ys_code_level(r->code) != 1) continue;
        off[k] = labels.len;
        ys_buf_printf(&labels, "%s %s", r->code, r->name ? r->name : "");
        ys_buf_addc(&labels, '\0');
        bars[k++].value = ys_cell_money(&r->cells[col]);
    }
    for (size_t i = 0; i < n; i++) bars[i].label = labels.data + off[i];
    ys_unit unit = t->unit == YS_UNIT_UNKNOWN ? doc_unit(d) : t->unit;
    ys_svg_hbars(out, "c-function", "按支出功能分类（类）的支出", "支出金额", bars, n, unit);
    ys_buf_adds(out, "<figcaption>");
    esc(out, table_title(t));
    ys_buf_adds(out, "：各类级科目的合计数。</figcaption>\n");
    const char *heads[] = {"功能分类科目", "合计"};
    data_table(out, "按支出功能分类（类）的支出", heads, 2);
    for (size_t i = 0; i < n; i++) data_row(out, bars[i].label, &bars[i].value, 1, unit);
    ys_buf_adds(out, "</tbody>\n</table></details>\n</figure>\n");
    free(bars);
    free(off);
    ys_buf_release(&labels);
}

/* A two-part chart from the total row of table id, columns ka and kb. */
static void chart_parts(const ys_disclosure *d, ys_buf *out, ys_table_id id, const char *ka, const char *la,
                        const char *kb, const char *lb, const char *cid, const char *title)
{
    const ys_table *t = ys_disclosure_table(d, id);
    const ys_row *r = t ? total_row(t) : NULL;
    const ys_cell *a = r ? ys_row_cell(t, r, ka) : NULL, *b = r ? ys_row_cell(t, r, kb) : NULL;
    ys_buf_printf(out, "<figure id=\"chart-%s\">\n", cid);
    if (!a || !b || (ys_cell_money(a) <= 0 && ys_cell_money(b) <= 0)) {
        ys_buf_adds(out, "<figcaption>");
        esc(out, title);
        ys_buf_adds(out, "：文档没有所需的合计数，未绘制此图。</figcaption>\n</figure>\n");
        return;
    }
    ys_svg_bar parts[2] = {{la, ys_cell_money(a)}, {lb, ys_cell_money(b)}};
    ys_unit unit = t->unit == YS_UNIT_UNKNOWN ? doc_unit(d) : t->unit;
    char svgid[64];
    snprintf(svgid, sizeof svgid, "c-%s", cid);
    ys_svg_parts(out, svgid, title, parts, 2, unit);
    ys_buf_adds(out, "<figcaption>");
    esc(out, table_title(t));
    ys_buf_adds(out, "合计行。</figcaption>\n");
    const char *heads[] = {"项目", "金额"};
    data_table(out, title, heads, 2);
    for (size_t i = 0; i < 2; i++) data_row(out, parts[i].label, &parts[i].value, 1, unit);
    ys_buf_adds(out, "</tbody>\n</table></details>\n</figure>\n");
}

static void chart_yoy(const ys_disclosure *d, ys_buf *out)
{
    size_t n = 0;
    for (size_t i = 0; i < d->ncomparisons; i++) n += d->comparisons[i].has_prior;
    ys_buf_adds(out, "<figure id=\"chart-yoy\">\n");
    if (!n) {
        ys_buf_adds(out, "<figcaption class=\"note\">与上年对比：文档没有上年数，未绘制同比图。</figcaption>\n"
                         "</figure>\n");
        return;
    }
    ys_svg_pair *pairs = calloc(n, sizeof *pairs);
    size_t k = 0;
    for (size_t i = 0; i < d->ncomparisons; i++) {
        const ys_comparison *c = &d->comparisons[i];
        if (!c->has_prior) continue;
        pairs[k].label = c->label && *c->label ? c->label : c->item;
        pairs[k].a = c->prior;
        pairs[k++].b = c->current;
    }
    char an[32] = "上年", bn[32] = "本年";
    if (d->meta.year) {
        snprintf(an, sizeof an, "%d 年", d->meta.year - 1);
        snprintf(bn, sizeof bn, "%d 年", d->meta.year);
    }
    ys_unit unit = doc_unit(d);
    ys_svg_pairs(out, "c-yoy", "与上年对比", "金额", an, bn, pairs, n, unit);
    ys_buf_adds(out, "<figcaption>本年数与上年数。</figcaption>\n");
    const char *heads[] = {"项目", an, bn};
    data_table(out, "与上年对比", heads, 3);
    for (size_t i = 0; i < n; i++) {
        ys_money v[2] = {pairs[i].a, pairs[i].b};
        data_row(out, pairs[i].label, v, 2, unit);
    }
    ys_buf_adds(out, "</tbody>\n</table></details>\n");
    for (size_t i = 0; i < d->ncomparisons; i++) {
        const ys_comparison *c = &d->comparisons[i];
        if (!c->has_prior || !c->reason || !*c->reason) continue;
        ys_buf_adds(out, "<p class=\"note\">");
        esc(out, c->label && *c->label ? c->label : c->item);
        ys_buf_adds(out, "增减变化原因：");
        esc(out, c->reason);
        ys_buf_adds(out, "</p>\n");
    }
    ys_buf_adds(out, "</figure>\n");
    free(pairs);
}

static void charts(const ys_disclosure *d, ys_buf *out)
{
    ys_buf_adds(out, "<section id=\"charts\">\n<h2>图表概览</h2>\n");
    chart_function(d, out);
    chart_parts(d, out, YS_TABLE_EXPENSE, "basic", "基本支出", "project", "项目支出", "basic-project",
                "基本支出与项目支出");
    chart_parts(d, out, YS_TABLE_GPB_BASIC, "personnel", "人员经费", "public", "公用经费", "personnel-public",
                "基本支出中的人员经费与公用经费");
    chart_yoy(d, out);
    ys_buf_adds(out, "</section>\n");
}

/* ---- tables ---------------------------------------------------------------------------------------------- */

static void th(ys_buf *out, const char *text, int rowspan, int colspan)
{
    ys_buf_adds(out, "<th scope=\"col\"");
    if (rowspan > 1) ys_buf_printf(out, " rowspan=\"%d\"", rowspan);
    if (colspan > 1) ys_buf_printf(out, " colspan=\"%d\"", colspan);
    ys_buf_addc(out, '>');
    esc(out, text);
    ys_buf_adds(out, "</th>");
}

static void thead(const ys_table *t, ys_buf *out)
{
    ys_layout_stub st;
    ys_layout_stub_of(t, &st);
    bool two = ys_layout_two_lines(t);
    int rs = two ? 2 : 1;
    ys_buf_adds(out, "<thead>\n<tr>");
    if (st.seq) th(out, st.seq_header, rs, 1);
    if (st.stub_group && two) {
        th(out, st.stub_group, 1, (st.code ? 1 : 0) + (st.name ? 1 : 0));
    } else {
        if (st.code) th(out, st.code_header, rs, 1);
        if (st.name) th(out, st.name_header, rs, 1);
    }
    for (size_t i = 0; i < t->ncols;) {
        const char *g = ys_layout_group(t, i);
        if (!g) {
            th(out, t->cols[i].header, rs, 1);
            i++;
            continue;
        }
        size_t j = i + 1;
        while (j < t->ncols && ys_layout_group(t, j) && strcmp(ys_layout_group(t, j), g) == 0) j++;
        th(out, g, 1, (int)(j - i));
        i = j;
    }
    ys_buf_adds(out, "</tr>\n");
    if (two) {
        ys_buf_adds(out, "<tr>");
        if (st.stub_group) {
            if (st.code) th(out, st.code_header, 1, 1);
            if (st.name) th(out, st.name_header, 1, 1);
        }
        for (size_t i = 0; i < t->ncols; i++)
            if (ys_layout_group(t, i)) th(out, t->cols[i].header, 1, 1);
        ys_buf_adds(out, "</tr>\n");
    }
    if (st.seq) {
        ys_buf_adds(out, "<tr class=\"stub\"><th scope=\"row\">栏次</th>");
        int n = 0;
        if (st.code) ys_buf_printf(out, "<th>%d</th>", ++n);
        if (st.name) ys_buf_printf(out, "<th>%d</th>", ++n);
        for (size_t i = 0; i < t->ncols; i++) ys_buf_printf(out, "<th>%d</th>", ++n);
        ys_buf_adds(out, "</tr>\n");
    }
    ys_buf_adds(out, "</thead>\n");
}

static void tbody(const ys_table *t, ys_buf *out)
{
    ys_layout_stub st;
    ys_layout_stub_of(t, &st);
    ys_buf_adds(out, "<tbody>\n");
    for (size_t i = 0; i < t->nrows; i++) {
        const ys_row *r = &t->rows[i];
        ys_buf_adds(out, "<tr>");
        if (st.seq) {
            if (r->seq >= 0) ys_buf_printf(out, "<td class=\"s\">%d</td>", r->seq);
            else ys_buf_adds(out, "<td class=\"s\"></td>");
        }
        if (st.code) {
            ys_buf_adds(out, "<td class=\"c\">");
            esc(out, r->code);
            ys_buf_adds(out, "</td>");
        }
        if (st.name) {
            ys_buf_adds(out, "<td>");
            esc(out, r->name);
            ys_buf_adds(out, "</td>");
        }
        for (size_t c = 0; c < t->ncols; c++) {
            char buf[YS_LAYOUT_CELLBUF];
            const char *v = ys_layout_cell(t, c, &r->cells[c], buf, sizeof buf);
            bool numeric = t->cols[c].kind == YS_COL_MONEY || t->cols[c].kind == YS_COL_QUANTITY;
            ys_buf_adds(out, numeric ? "<td class=\"n\">" : "<td>");
            esc(out, v);
            ys_buf_adds(out, "</td>");
        }
        ys_buf_adds(out, "</tr>\n");
    }
    ys_buf_adds(out, "</tbody>\n");
}

static void table(const ys_disclosure *d, const ys_table *t, ys_buf *out)
{
    ys_buf_printf(out, "<section class=\"tbl\" id=\"t-%s\">\n<h2>", ys_table_id_name(t->id));
    esc(out, table_title(t));
    ys_buf_adds(out, "</h2>\n<div class=\"tmeta\"><span>");
    if (t->department && *t->department) esc(out, t->department);
    else {
        if (d->meta.department_code && *d->meta.department_code) {
            esc(out, d->meta.department_code);
            ys_buf_addc(out, ' ');
        }
        esc(out, d->meta.department);
    }
    ys_buf_printf(out, "</span><span>%s年度：", kind_word(d));
    if (t->year_text && *t->year_text) esc(out, t->year_text);
    else if (d->meta.year) ys_buf_printf(out, "%d", d->meta.year);
    ys_buf_adds(out, "</span><span>");
    if (t->unit != YS_UNIT_UNKNOWN) ys_buf_printf(out, "单位：%s", ys_unit_name(t->unit));
    ys_buf_printf(out, "</span></div>\n<table data-rows=\"%zu\">\n<caption class=\"note\" hidden>", t->nrows);
    esc(out, table_title(t));
    ys_buf_adds(out, "</caption>\n");
    thead(t, out);
    tbody(t, out);
    ys_buf_adds(out, "</table>\n");
    paragraphs(out, t->note, "note");
    ys_buf_adds(out, "</section>\n");
}

/* ---- narrative and projects ----------------------------------------------------------------------------- */

static void narrative(const ys_disclosure *d, ys_buf *out)
{
    if (!d->nsections) return;
    ys_buf_adds(out, "<section id=\"narrative\">\n");
    for (size_t i = 0; i < d->nsections; i++) {
        const ys_section *s = &d->sections[i];
        ys_buf_printf(out, "<section class=\"sec\" id=\"s-%zu\">\n<h2>", i);
        if (s->number && *s->number) {
            esc(out, s->number);
            ys_buf_adds(out, "、");
        }
        esc(out, s->title);
        ys_buf_adds(out, "</h2>\n");
        paragraphs(out, s->text, NULL);
        ys_buf_adds(out, "</section>\n");
    }
    ys_buf_adds(out, "</section>\n");
}

static void kv(ys_buf *out, const char *k, const char *v, int colspan)
{
    ys_buf_adds(out, "<th scope=\"row\">");
    esc(out, k);
    ys_buf_adds(out, "</th><td");
    if (colspan > 1) ys_buf_printf(out, " colspan=\"%d\"", colspan);
    ys_buf_addc(out, '>');
    esc(out, v);
    ys_buf_adds(out, "</td>");
}

/* A labelled row whose text has several paragraphs ("1.…\n2.…"): the label spans one row per paragraph
 * and the rows are drawn as one cell (no rule between them), so each line feed stays a line on the page
 * and a reader gets the paragraphs back as the continuation rows of the text layout (a <br> inside a
 * cell would read back as a space). Writes whole rows, "<tr>…</tr>". */
static void kv_paragraphs(ys_buf *out, const char *k, const char *v, int colspan)
{
    size_t n = 0;
    for (const char *q = v ? v : ""; *q;) {
        size_t len = strcspn(q, "\n");
        if (len) n++;
        q += len;
        if (*q) q++;
    }
    ys_buf_adds(out, "<tr>");
    if (n <= 1) {
        kv(out, k, v, colspan);
        ys_buf_adds(out, "</tr>\n");
        return;
    }
    ys_buf_printf(out, "<th scope=\"row\" rowspan=\"%zu\">", n);
    esc(out, k);
    ys_buf_adds(out, "</th>");
    ys_buf t = YS_BUF_INIT;
    size_t r = 0;
    for (const char *q = v; *q;) {
        size_t len = strcspn(q, "\n");
        if (len) {
            if (r) ys_buf_adds(out, "<tr>");
            ys_buf_printf(out, "<td class=\"%s\"", r == 0 ? "pfirst" : r + 1 == n ? "plast" : "pmid");
            if (colspan > 1) ys_buf_printf(out, " colspan=\"%d\"", colspan);
            ys_buf_addc(out, '>');
            ys_buf_reset(&t);
            ys_buf_add(&t, q, len);
            esc(out, ys_buf_str(&t));
            ys_buf_adds(out, "</td></tr>\n");
            r++;
        }
        q += len;
        if (*q) q++;
    }
    ys_buf_release(&t);
}

static void project(const ys_project *p, size_t i, ys_buf *out)
{
    char b1[YS_LAYOUT_CELLBUF], b2[YS_LAYOUT_CELLBUF], b3[YS_LAYOUT_CELLBUF];
    ys_buf_printf(out, "<section class=\"proj\" id=\"p-%zu\">\n<h3>", i + 1);
    if (p->title && *p->title) esc(out, p->title);
    else {
        ys_buf_printf(out, "%zu、", i + 1);
        esc(out, p->name);
        ys_buf_adds(out, "绩效目标表");
    }
    ys_buf_adds(out, "</h3>\n");
    if (p->unit != YS_UNIT_UNKNOWN) ys_buf_printf(out, "<p class=\"note\">单位：%s</p>\n", ys_unit_name(p->unit));
    ys_buf_adds(out, "<table class=\"project\">\n<tbody>\n<tr>");
    kv(out, "项目编码", p->code, 1);
    kv(out, "项目名称", p->name, 3);
    ys_buf_adds(out, "</tr>\n<tr>");
    kv(out, "预算数", ys_layout_money(&p->budget, p->unit, b1, sizeof b1), 1);
    kv(out, "其中：财政资金", ys_layout_money(&p->fiscal, p->unit, b2, sizeof b2), 1);
    ys_buf_adds(out, "</tr>\n<tr>");
    kv(out, "其他资金", ys_layout_money(&p->other, p->unit, b3, sizeof b3), 3);
    ys_buf_adds(out, "</tr>\n");
    kv_paragraphs(out, "资金用途", p->purpose, 3);
    if (p->nschedule) {
        ys_buf_printf(out, "<tr><th scope=\"row\">资金支出计划%s</th><td colspan=\"3\">",
                      p->schedule_percent ? "（%）" : "");
        for (size_t k = 0; k < p->nschedule; k++) {
            char b[YS_LAYOUT_CELLBUF];
            if (k) ys_buf_adds(out, "；");
            esc(out, p->schedule[k].label);
            ys_buf_addc(out, ' ');
            esc(out, ys_layout_money(&p->schedule[k].value, p->unit, b, sizeof b));
        }
        ys_buf_adds(out, "</td></tr>\n");
    }
    kv_paragraphs(out, "绩效目标", p->goal, 3);
    ys_buf_adds(out, "</tbody>\n</table>\n");
    if (p->nindicators) {
        ys_buf_adds(out, "<table class=\"indicators\">\n<thead><tr>");
        static const char *const h[] = {"一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"};
        for (size_t k = 0; k < 6; k++) th(out, h[k], 1, 1);
        ys_buf_adds(out, "</tr></thead>\n<tbody>\n");
        for (size_t k = 0; k < p->nindicators; k++) {
            const ys_indicator *in = &p->indicators[k];
            const char *f[6] = {in->level1, in->level2, in->level3, in->description, in->value, in->basis};
            ys_buf_adds(out, "<tr>");
            for (size_t c = 0; c < 6; c++) {
                ys_buf_adds(out, "<td>");
                esc(out, f[c]);
                ys_buf_adds(out, "</td>");
            }
            ys_buf_adds(out, "</tr>\n");
        }
        ys_buf_adds(out, "</tbody>\n</table>\n");
    }
    ys_buf_adds(out, "</section>\n");
}

/* ---- the page -------------------------------------------------------------------------------------------- */

ys_status ys_render_html(const ys_disclosure *d, ys_buf *out)
{
    if (!d || !out) return YS_ERR_USAGE;
    head(d, out);
    header(d, out);
    toc(d, out);
    ys_buf_adds(out, "<main>\n");
    charts(d, out);
    ys_buf_adds(out, "<section id=\"tables\">\n");
    for (int id = 0; id < YS_TABLE__COUNT; id++)
        if (d->tables[id]) table(d, d->tables[id], out);
    ys_buf_adds(out, "</section>\n");
    narrative(d, out);
    if (d->nprojects) {
        ys_buf_adds(out, "<section id=\"projects\">\n<h2>项目支出绩效目标表</h2>\n");
        for (size_t i = 0; i < d->nprojects; i++) project(&d->projects[i], i, out);
        ys_buf_adds(out, "</section>\n");
    }
    ys_buf_adds(out, "</main>\n<footer class=\"note\"><p>由 yusuan 生成。</p></footer>\n</body>\n</html>\n");
    return YS_OK;
}
