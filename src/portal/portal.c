/*
 * portal.c — the portal's pages built from the store (portal/portal.h lists them): the index with its
 * search box, the comparison pages, a page per department (year over year through portal/diff.h) and per
 * document (tables with findings marked on their cells), and the downloads. ys_portal_page maps a
 * whitelisted name to a page; ys_portal_publish writes them all. Names are parsed strictly (digits of a
 * stored id, a standard table id), so nothing from a URL or a document reaches a file name.
 */
#include "portal/portal.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "catalog/catalog.h"
#include "core/syserr.h"
#include "core/text.h"
#include "model/finding.h"
#include "portal/diff.h"
#include "render/csv.h"
#include "render/json.h"
#include "render/layout.h"
#include "render/render.h"
#include "render/svg.h"
#include "store/query.h"

struct ys_portal {
    ys_store *store;            /* borrowed */
    ys_store_entry *entries;    /* owned: ordered by region, department, year, kind */
    size_t nentries;
    ys_store_docref *refs;      /* owned: ordered by document id */
    size_t nrefs;
    int64_t *dept;              /* owned: department id of entries[i] */
    bool *book;                 /* owned: entries[i] came from a budget book */
    size_t ndepts;
    ys_catalog *catalog;        /* owned; NULL when the bundled catalog cannot be read */
};

static const char *const HTML = "text/html; charset=utf-8";

/* ---- listing -------------------------------------------------------------------------------------------- */

static const ys_store_docref *find_ref(const ys_portal *p, int64_t id)
{
    size_t lo = 0, hi = p->nrefs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p->refs[mid].id == id) return &p->refs[mid];
        if (p->refs[mid].id < id) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

ys_status ys_portal_new(ys_store *s, ys_portal **out, ys_diags *diags)
{
    *out = NULL;
    ys_portal *p = calloc(1, sizeof *p);
    if (!p) return YS_ERR_NOMEM;
    p->store = s;
    ys_status st = ys_store_list(s, &p->entries, &p->nentries, diags);
    if (st == YS_OK) st = ys_store_docrefs(s, &p->refs, &p->nrefs, diags);
    if (st != YS_OK) {
        ys_portal_free(p);
        return st;
    }
    p->dept = calloc(p->nentries + 1, sizeof *p->dept);
    p->book = calloc(p->nentries + 1, sizeof *p->book);
    if (!p->dept || !p->book) {
        ys_portal_free(p);
        return YS_ERR_NOMEM;
    }
    for (size_t i = 0; i < p->nentries; i++) {
        const ys_store_docref *r = find_ref(p, p->entries[i].id);
        p->dept[i] = r ? r->department_id : 0;
        p->book[i] = r && r->book;
        if (i == 0 || p->dept[i] != p->dept[i - 1]) p->ndepts++;
    }
    p->catalog = ys_catalog_new();
    ys_diags cd;
    ys_diags_init(&cd);
    if (ys_catalog_load_default(p->catalog, &cd) != YS_OK) {
        ys_catalog_free(p->catalog);
        p->catalog = NULL;   /* comparisons then match codes and names only */
    }
    ys_diags_release(&cd);
    *out = p;
    return YS_OK;
}

void ys_portal_free(ys_portal *p)
{
    if (!p) return;
    ys_store_list_free(p->entries, p->nentries);
    free(p->refs);
    free(p->dept);
    free(p->book);
    ys_catalog_free(p->catalog);
    free(p);
}

size_t ys_portal_documents(const ys_portal *p) { return p->nentries; }
size_t ys_portal_departments(const ys_portal *p) { return p->ndepts; }

static long entry_of(const ys_portal *p, int64_t id)
{
    for (size_t i = 0; i < p->nentries; i++)
        if (p->entries[i].id == id) return (long)i;
    return -1;
}

/* ---- page frame ----------------------------------------------------------------------------------------- */

static void esc(ys_buf *out, const char *s) { ys_svg_escape(out, s); }

static const char style[] =
    "<style>\n"
    "body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"Microsoft YaHei\",\"PingFang SC\",sans-serif;"
    "margin:1.5em;color:#222;line-height:1.5}\n"
    "nav a{margin-right:1em}table{border-collapse:collapse;margin:.5em 0 1.5em}\n"
    "th,td{border:1px solid #999;padding:.2em .5em;vertical-align:top}th{background:#eef}\n"
    "td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.c{white-space:nowrap}\n"
    ".f-error{background:#fdd;outline:2px solid #c00}.f-warning{background:#ffd}.f-info{background:#eef8ff}\n"
    "tr.m-only_current td{background:#efe}tr.m-only_previous td{background:#fee}"
    "tr.m-renamed td,tr.m-recoded td{background:#ffe}\n"
    "li.sev-error{color:#900}li.sev-warning{color:#850}.small{font-size:.9em;color:#555}\n"
    "@media print{nav,form{display:none}}\n"
    "</style>\n";

static void page_head(ys_buf *out, const char *title)
{
    ys_buf_adds(out, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    esc(out, title);
    ys_buf_adds(out, "</title>\n");
    ys_buf_adds(out, style);
    ys_buf_adds(out, "</head>\n<body>\n<nav><a href=\"index.html\">部门与年度</a><a href=\"compare.html\">部门比较</a>"
                     "</nav>\n<h1>");
    esc(out, title);
    ys_buf_adds(out, "</h1>\n");
}

static void page_tail(ys_buf *out) { ys_buf_adds(out, "</body>\n</html>\n"); }

static void money_td(ys_buf *out, bool has, ys_money v, ys_unit unit)
{
    char buf[YS_MONEY_BUFSZ];
    if (!has) {
        ys_buf_adds(out, "<td class=\"n\">-</td>");
        return;
    }
    ys_buf_printf(out, "<td class=\"n\">%s</td>",
                  ys_money_format(v, unit == YS_UNIT_UNKNOWN ? YS_UNIT_YUAN : unit, 2, buf, sizeof buf));
}

static ys_unit entry_unit(const ys_store_entry *e)
{
    if (!strcmp(e->unit, "万元")) return YS_UNIT_WANYUAN;
    if (!strcmp(e->unit, "亿元")) return YS_UNIT_YIYUAN;
    return YS_UNIT_YUAN;
}

static void dept_name(ys_buf *out, const ys_store_entry *e)
{
    esc(out, *e->department ? e->department : "（未知部门）");
}

/* ---- index ---------------------------------------------------------------------------------------------- */

static const char search_js[] =
    "<script>\n"
    "(function(){var q=document.getElementById('q'),rows=document.querySelectorAll('#docs tbody tr'),"
    "c=document.getElementById('shown');\n"
    "function f(){var v=q.value.replace(/^\\s+|\\s+$/g,'').toLowerCase(),n=0;"
    "for(var i=0;i<rows.length;i++){var hit=!v||rows[i].getAttribute('data-s').toLowerCase().indexOf(v)>=0;"
    "rows[i].hidden=!hit;if(hit)n++;}c.textContent=String(n);}\n"
    "var m=/[?&]q=([^&]*)/.exec(location.search);"
    "if(m){try{q.value=decodeURIComponent(m[1].replace(/\\+/g,' '));}catch(e){}}\n"
    "q.addEventListener('input',f);f();})();\n"
    "</script>\n";

static void page_index(ys_portal *p, ys_buf *out)
{
    page_head(out, "部门预算公开");
    ys_buf_printf(out, "<p>共 %zu 个部门，%zu 个文档。金额为各文档所用单位。</p>\n", p->ndepts, p->nentries);
    ys_buf_adds(out, "<form method=\"get\" action=\"index.html\" role=\"search\"><label for=\"q\">搜索部门：</label>"
                     "<input type=\"search\" id=\"q\" name=\"q\" placeholder=\"部门、地区或年度\"> "
                     "<button type=\"submit\">搜索</button> <span class=\"small\">显示 <span id=\"shown\">");
    ys_buf_printf(out, "%zu</span> 个文档</span></form>\n", p->nentries);
    ys_buf_adds(out, "<table id=\"docs\">\n<thead><tr><th>地区</th><th>部门</th><th>年度</th><th>类型</th><th>单位</th>"
                     "<th>收支总计</th><th>基本支出</th><th>项目支出</th><th>“三公”经费</th><th>错误</th><th>警告</th>"
                     "<th>提示</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < p->nentries; i++) {
        const ys_store_entry *e = &p->entries[i];
        ys_unit u = entry_unit(e);
        ys_buf_adds(out, "<tr data-s=\"");
        esc(out, e->region);
        ys_buf_addc(out, ' ');
        esc(out, e->department);
        ys_buf_printf(out, " %d\"><td>", e->year);
        esc(out, e->region);
        ys_buf_printf(out, "</td><td><a href=\"dept-%" PRId64 ".html\">", p->dept[i]);
        dept_name(out, e);
        ys_buf_printf(out, "</a></td><td>%d</td><td><a href=\"doc-%" PRId64 ".html\">", e->year, e->id);
        esc(out, *e->kind ? e->kind : "文档");
        ys_buf_adds(out, "</a></td><td>");
        esc(out, e->unit);
        ys_buf_adds(out, "</td>");
        money_td(out, e->has_total, e->total, u);
        money_td(out, e->has_basic, e->basic, u);
        money_td(out, e->has_project, e->project, u);
        money_td(out, e->has_three_public, e->three_public, u);
        ys_buf_printf(out, "<td class=\"n\">%" PRId64 "</td><td class=\"n\">%" PRId64 "</td><td class=\"n\">%" PRId64
                      "</td></tr>\n", e->errors, e->warnings, e->infos);
    }
    ys_buf_adds(out, "</tbody>\n</table>\n");
    ys_buf_adds(out, search_js);
    page_tail(out);
}

/* ---- comparison across departments ---------------------------------------------------------------------- */

static int cmp_year_desc(const void *a, const void *b)
{
    int ya = *(const int *)a, yb = *(const int *)b;
    return (ya < yb) - (ya > yb);
}

static void page_compare(ys_portal *p, ys_buf *out)
{
    page_head(out, "部门比较");
    int *years = malloc((p->nentries + 1) * sizeof *years);
    if (!years) abort();
    size_t ny = 0;
    for (size_t i = 0; i < p->nentries; i++) years[ny++] = p->entries[i].year;
    qsort(years, ny, sizeof *years, cmp_year_desc);
    for (size_t k = 0; k < ny; k++) {
        if (k > 0 && years[k] == years[k - 1]) continue;
        int y = years[k];
        if (y) ys_buf_printf(out, "<section id=\"y-%d\">\n<h2>%d 年</h2>\n", y, y);
        else ys_buf_adds(out, "<section id=\"y-0\">\n<h2>年度不详</h2>\n");
        ys_buf_adds(out, "<table>\n<thead><tr><th>地区</th><th>部门</th><th>类型</th><th>单位</th><th>收支总计</th>"
                         "<th>基本支出</th><th>项目支出</th><th>“三公”经费</th><th>错误</th></tr></thead>\n<tbody>\n");
        for (size_t i = 0; i < p->nentries; i++) {
            const ys_store_entry *e = &p->entries[i];
            if (e->year != y) continue;
            ys_unit u = entry_unit(e);
            ys_buf_adds(out, "<tr><td>");
            esc(out, e->region);
            ys_buf_printf(out, "</td><td><a href=\"doc-%" PRId64 ".html\">", e->id);
            dept_name(out, e);
            ys_buf_adds(out, "</a></td><td>");
            esc(out, e->kind);
            ys_buf_adds(out, "</td><td>");
            esc(out, e->unit);
            ys_buf_adds(out, "</td>");
            money_td(out, e->has_total, e->total, u);
            money_td(out, e->has_basic, e->basic, u);
            money_td(out, e->has_project, e->project, u);
            money_td(out, e->has_three_public, e->three_public, u);
            ys_buf_printf(out, "<td class=\"n\">%" PRId64 "</td></tr>\n", e->errors);
        }
        ys_buf_adds(out, "</tbody>\n</table>\n</section>\n");
    }
    free(years);
    page_tail(out);
}

/* ---- a department: its years compared ------------------------------------------------------------------- */

static ys_status page_dept(ys_portal *p, int64_t dept, ys_buf *out, ys_diags *diags)
{
    long first = -1;
    for (size_t i = 0; i < p->nentries; i++)
        if (p->dept[i] == dept) {
            first = (long)i;
            break;
        }
    if (first < 0) return YS_ERR_USAGE;
    const ys_store_entry *e0 = &p->entries[first];
    ys_buf title = YS_BUF_INIT;
    if (*e0->region) ys_buf_printf(&title, "%s ", e0->region);
    ys_buf_adds(&title, *e0->department ? e0->department : "（未知部门）");
    page_head(out, ys_buf_str(&title));
    ys_buf_release(&title);
    ys_buf_adds(out, "<h2>文档</h2>\n<ul>\n");
    /* entries of a department are consecutive, years ascending */
    size_t last = (size_t)first;
    for (size_t i = (size_t)first; i < p->nentries && p->dept[i] == dept; i++) {
        const ys_store_entry *e = &p->entries[i];
        ys_buf_printf(out, "<li><a href=\"doc-%" PRId64 ".html\">%d 年", e->id, e->year);
        esc(out, e->kind);
        ys_buf_printf(out, "</a>（文档 %" PRId64 "，错误 %" PRId64 " 项，警告 %" PRId64 " 项）</li>\n", e->id, e->errors,
                      e->warnings);
        last = i;
    }
    ys_buf_adds(out, "</ul>\n");
    /* each year against the latest document of the year before */
    ys_status st = YS_OK;
    for (size_t i = last; i > (size_t)first && st == YS_OK; i--) {
        const ys_store_entry *cur = &p->entries[i];
        if (i < last && p->entries[i + 1].year == cur->year) continue;   /* the latest document of its year */
        size_t j = i;
        while (j > (size_t)first && p->entries[j - 1].year == cur->year) j--;
        if (j == (size_t)first) break;
        const ys_store_entry *prev = &p->entries[j - 1];
        if (!cur->year || !prev->year) continue;
        ys_disclosure *dc = NULL, *dp = NULL;
        st = ys_store_load(p->store, cur->id, &dc, NULL, diags);
        if (st == YS_OK) st = ys_store_load(p->store, prev->id, &dp, NULL, diags);
        if (st == YS_OK) {
            ys_diff df;
            ys_diff_compute(&df, dc, dp, p->catalog);
            ys_buf_printf(out, "<h2 id=\"yoy-%d\">%d 年与 %d 年比较（文档 %" PRId64 " 与 %" PRId64 "）</h2>\n",
                          cur->year, cur->year, prev->year, cur->id, prev->id);
            ys_diff_html(out, &df);
            ys_diff_release(&df);
        }
        ys_disclosure_free(dc);
        ys_disclosure_free(dp);
    }
    page_tail(out);
    return st;
}

/* ---- a document ----------------------------------------------------------------------------------------- */

static const char *sev_class(ys_severity s)
{
    return s == YS_SEV_ERROR ? "f-error" : s == YS_SEV_WARNING ? "f-warning" : "f-info";
}

static bool finding_row(const ys_location *at, const ys_row *r)
{
    if (at->row >= 0) return r->seq == at->row;
    if (at->code && *at->code) return r->code && !strcmp(r->code, at->code);
    if (at->name && *at->name) return r->name && *r->name && ys_text_same(r->name, at->name);
    return false;
}

/* Findings on cell (row r, column c; c = -1 the row itself): the highest severity's class and messages. */
static void marks(ys_buf *out, const ys_findings *f, const size_t *idx, size_t nidx, const ys_table *t,
                  const ys_row *r, long c)
{
    int sev = -1;
    ys_buf tip = YS_BUF_INIT;
    for (size_t k = 0; k < nidx; k++) {
        const ys_finding *fd = &f->items[idx[k]];
        if (!finding_row(&fd->at, r)) continue;
        bool col = fd->at.column && *fd->at.column;
        if (c < 0 ? col : (!col || !ys_text_same(t->cols[c].header, fd->at.column))) continue;
        if ((int)fd->severity > sev) sev = (int)fd->severity;
        if (tip.len) ys_buf_addc(&tip, '\n');
        ys_buf_printf(&tip, "[%s] %s", fd->rule, fd->message);
    }
    if (sev >= 0) {
        ys_buf_printf(out, " class=\"%s\" title=\"", sev_class((ys_severity)sev));
        esc(out, ys_buf_str(&tip));
        ys_buf_addc(out, '"');
    }
    ys_buf_release(&tip);
}

static void doc_table(ys_buf *out, int64_t id, const ys_table *t, const ys_findings *f)
{
    size_t *idx = malloc((f->count + 1) * sizeof *idx), nidx = 0;
    if (!idx) abort();
    for (size_t k = 0; k < f->count; k++)
        if (!f->items[k].folded && f->items[k].at.table == t->id) idx[nidx++] = k;
    ys_layout_stub st;
    ys_layout_stub_of(t, &st);
    const char *name = ys_table_id_name(t->id);
    ys_buf_printf(out, "<section class=\"tbl\" id=\"t-%s\">\n<h2>", name);
    esc(out, t->title && *t->title ? t->title : ys_table_id_title(t->id));
    ys_buf_printf(out, "</h2>\n<p class=\"small\">单位：%s · <a href=\"doc-%" PRId64 "-%s.csv\">CSV</a>",
                  t->unit == YS_UNIT_UNKNOWN ? "未注明" : ys_unit_name(t->unit), id, name);
    if (nidx) ys_buf_printf(out, " · 本表问题 %zu 项", nidx);
    ys_buf_printf(out, "</p>\n<table data-rows=\"%zu\">\n<thead><tr>", t->nrows);
    if (st.seq) ys_buf_adds(out, "<th>序号</th>");
    if (st.code) {
        ys_buf_adds(out, "<th>");
        esc(out, st.code_header);
        ys_buf_adds(out, "</th>");
    }
    if (st.name) {
        ys_buf_adds(out, "<th>");
        esc(out, st.name_header);
        ys_buf_adds(out, "</th>");
    }
    for (size_t c = 0; c < t->ncols; c++) {
        ys_buf_adds(out, "<th>");
        esc(out, t->cols[c].header);
        ys_buf_adds(out, "</th>");
    }
    ys_buf_adds(out, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < t->nrows; i++) {
        const ys_row *r = &t->rows[i];
        ys_buf_adds(out, "<tr");
        marks(out, f, idx, nidx, t, r, -1);
        ys_buf_adds(out, ">");
        if (st.seq) {
            if (r->seq >= 0) ys_buf_printf(out, "<td class=\"n\">%d</td>", r->seq);
            else ys_buf_adds(out, "<td></td>");
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
            ys_buf_adds(out, "<td");
            ys_buf_adds(out, numeric ? " data-n=\"1\"" : "");
            /* a marked cell gets the finding class; numbers keep their alignment through data-n */
            size_t before = out->len;
            marks(out, f, idx, nidx, t, r, (long)c);
            if (out->len == before && numeric) ys_buf_adds(out, " class=\"n\"");
            ys_buf_adds(out, ">");
            esc(out, v);
            ys_buf_adds(out, "</td>");
        }
        ys_buf_adds(out, "</tr>\n");
    }
    ys_buf_adds(out, "</tbody>\n</table>\n");
    if (t->note && *t->note) {
        ys_buf_adds(out, "<p class=\"small\">");
        esc(out, t->note);
        ys_buf_adds(out, "</p>\n");
    }
    ys_buf_adds(out, "</section>\n");
    free(idx);
}

static void doc_chart(ys_buf *out, const ys_disclosure *d)
{
    const ys_table *t = ys_disclosure_table(d, YS_TABLE_EXPENSE);
    if (!t) return;
    int c = ys_table_col(t, "total");
    if (c < 0) return;
    ys_svg_bar bars[64];
    size_t n = 0;
    for (size_t i = 0; i < t->nrows && n < 64; i++) {
        const ys_row *r = &t->rows[i];
        if (ys_code_level(r->code) != 1) continue;
        bars[n++] = (ys_svg_bar){r->name, ys_cell_money(&r->cells[c])};
    }
    if (!n) return;
    ys_buf_adds(out, "<section id=\"chart\">\n");
    ys_svg_hbars(out, "c-function", "支出按功能分类（类）", "合计", bars, n,
                 t->unit == YS_UNIT_UNKNOWN ? YS_UNIT_YUAN : t->unit);
    ys_buf_adds(out, "</section>\n");
}

/* The document page of entry ei from its loaded disclosure and findings. */
static void doc_page(const ys_portal *p, long ei, const ys_disclosure *d, const ys_findings *fs, ys_buf *out)
{
    const ys_findings f = *fs;
    int64_t id = p->entries[ei].id;
    const ys_store_entry *e = &p->entries[ei];
    ys_buf title = YS_BUF_INIT;
    if (*e->region) ys_buf_printf(&title, "%s ", e->region);
    ys_buf_printf(&title, "%s %d 年%s", *e->department ? e->department : "（未知部门）", e->year, e->kind);
    page_head(out, ys_buf_str(&title));
    ys_buf_release(&title);
    ys_buf_printf(out, "<p>文档 %" PRId64 " · <a href=\"dept-%" PRId64 ".html\">本部门各年度</a> · 来源：", id, p->dept[ei]);
    esc(out, d->file);
    ys_buf_printf(out, "</p>\n<p id=\"downloads\">下载：<a href=\"doc-%" PRId64 ".json\">JSON</a>", id);
    if (p->book[ei])
        ys_buf_printf(out, " · <a href=\"doc-%" PRId64 ".xlsx\">XLSX</a> · <a href=\"doc-%" PRId64 ".pdf\">PDF</a>", id,
                      id);
    ys_buf_printf(out, " · <a href=\"doc-%" PRId64 "-full.html\">完整页面（图表、打印）</a></p>\n", id);
    /* findings */
    size_t shown = 0;
    for (size_t k = 0; k < f.count; k++) shown += !f.items[k].folded;
    ys_buf_printf(out, "<section id=\"findings\">\n<h2>审核发现（%zu 项：错误 %" PRId64 "，警告 %" PRId64 "，提示 %" PRId64
                  "）</h2>\n<ol>\n", shown, e->errors, e->warnings, e->infos);
    for (size_t k = 0; k < f.count; k++) {
        const ys_finding *fd = &f.items[k];
        if (fd->folded) continue;
        ys_buf_printf(out, "<li class=\"sev-%s\">%s [%s] ", ys_severity_name(fd->severity),
                      ys_severity_zh(fd->severity), fd->rule);
        if (fd->at.table >= 0 && fd->at.table < YS_TABLE__COUNT && d->tables[fd->at.table])
            ys_buf_printf(out, "<a href=\"#t-%s\">%s</a> ", ys_table_id_name(fd->at.table), ys_table_id_title(fd->at.table));
        esc(out, fd->message);
        ys_buf_adds(out, "</li>\n");
    }
    ys_buf_adds(out, "</ol>\n</section>\n");
    doc_chart(out, d);
    ys_buf_adds(out, "<nav id=\"tables\">");
    for (int t = 0; t < YS_TABLE__COUNT; t++)
        if (d->tables[t]) ys_buf_printf(out, "<a href=\"#t-%s\">%s</a> ", ys_table_id_name((ys_table_id)t),
                                        ys_table_id_title((ys_table_id)t));
    ys_buf_adds(out, "</nav>\n");
    for (int t = 0; t < YS_TABLE__COUNT; t++)
        if (d->tables[t]) doc_table(out, id, d->tables[t], &f);
    page_tail(out);
}

static ys_status page_doc(ys_portal *p, int64_t id, ys_buf *out, ys_diags *diags)
{
    long ei = entry_of(p, id);
    if (ei < 0) return YS_ERR_USAGE;
    ys_disclosure *d = NULL;
    ys_findings f;
    ys_findings_init(&f);
    ys_status st = ys_store_load(p->store, id, &d, &f, diags);
    if (st == YS_OK) doc_page(p, ei, d, &f, out);
    ys_findings_release(&f);
    ys_disclosure_free(d);
    return st;
}

/* A page made from one loaded document: the full page, the JSON or a table's CSV. */
typedef enum { DOC_FULL, DOC_JSON, DOC_CSV } doc_part;

static ys_status doc_derived(const ys_disclosure *d, doc_part k, ys_table_id table, ys_buf *out,
                             const char **type)
{
    ys_status st = YS_OK;
    if (k == DOC_FULL) st = ys_render_html(d, out);
    else if (k == DOC_JSON) {
        char *s = ys_json_render(d, YS_TABLE_NONE);
        if (!s) return YS_ERR_NOMEM;
        ys_buf_adds(out, s);
        free(s);
        *type = "application/json; charset=utf-8";
    } else {
        const ys_table *t = ys_disclosure_table(d, table);
        if (t) ys_csv_table(out, t);
        else st = YS_ERR_USAGE;
        *type = "text/csv; charset=utf-8";
    }
    return st;
}

/* ---- names ---------------------------------------------------------------------------------------------- */

typedef enum { P_NONE, P_INDEX, P_COMPARE, P_DEPT, P_DOC, P_FULL, P_JSON, P_CSV, P_XLSX, P_PDF } page_kind;

/* "123" at s (no sign, no leading zero, at most 15 digits) → *id; returns the characters read, 0 none. */
static size_t parse_id(const char *s, int64_t *id)
{
    size_t n = 0;
    int64_t v = 0;
    while (s[n] >= '0' && s[n] <= '9' && n < 15) v = v * 10 + (s[n++] - '0');
    if (n == 0 || (s[0] == '0') || (s[n] >= '0' && s[n] <= '9')) return 0;
    *id = v;
    return n;
}

static page_kind parse_path(const char *path, int64_t *id, ys_table_id *table)
{
    if (!*path || !strcmp(path, "index.html")) return P_INDEX;
    if (!strcmp(path, "compare.html")) return P_COMPARE;
    size_t n;
    if (!strncmp(path, "dept-", 5) && (n = parse_id(path + 5, id)) && !strcmp(path + 5 + n, ".html")) return P_DEPT;
    if (strncmp(path, "doc-", 4) != 0 || !(n = parse_id(path + 4, id))) return P_NONE;
    const char *rest = path + 4 + n;
    if (!strcmp(rest, ".html")) return P_DOC;
    if (!strcmp(rest, "-full.html")) return P_FULL;
    if (!strcmp(rest, ".json")) return P_JSON;
    if (!strcmp(rest, ".xlsx")) return P_XLSX;
    if (!strcmp(rest, ".pdf")) return P_PDF;
    if (rest[0] != '-') return P_NONE;
    size_t len = strlen(rest + 1);
    if (len < 5 || len > 40 || strcmp(rest + 1 + len - 4, ".csv") != 0) return P_NONE;
    char name[48];
    memcpy(name, rest + 1, len - 4);
    name[len - 4] = '\0';
    *table = ys_table_id_parse(name);
    if (*table < 0 || *table >= YS_TABLE__COUNT) return P_NONE;
    return P_CSV;
}

ys_status ys_portal_page(ys_portal *p, const char *path, ys_buf *out, const char **type, ys_diags *diags)
{
    int64_t id = 0;
    ys_table_id table = YS_TABLE_NONE;
    *type = HTML;
    page_kind k = parse_path(path, &id, &table);
    switch (k) {
    case P_INDEX: page_index(p, out); return YS_OK;
    case P_COMPARE: page_compare(p, out); return YS_OK;
    case P_DEPT: return page_dept(p, id, out, diags);
    case P_DOC: return page_doc(p, id, out, diags);
    case P_FULL:
    case P_JSON:
    case P_CSV: {
        if (entry_of(p, id) < 0) return YS_ERR_USAGE;
        ys_disclosure *d = NULL;
        ys_status st = ys_store_load(p->store, id, &d, NULL, diags);
        if (st != YS_OK) return st;
        st = doc_derived(d, k == P_FULL ? DOC_FULL : k == P_JSON ? DOC_JSON : DOC_CSV, table, out, type);
        ys_disclosure_free(d);
        return st;
    }
    case P_XLSX:
    case P_PDF:
    case P_NONE: break;
    }
    return YS_ERR_USAGE;
}

/* ---- publish -------------------------------------------------------------------------------------------- */

static ys_status write_buf(const char *dir, const char *name, const ys_buf *out, ys_diags *diags)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return ys_render_write_file(path, ys_buf_str(out), out->len, diags);
}

static ys_status write_page(ys_portal *p, const char *dir, const char *name, ys_diags *diags)
{
    ys_buf out = YS_BUF_INIT;
    const char *type;
    ys_status st = ys_portal_page(p, name, &out, &type, diags);
    if (st == YS_OK) st = write_buf(dir, name, &out, diags);
    ys_buf_release(&out);
    return st;
}

/* Every file of entry ei from one load of its document: the page, the full page, the JSON, a CSV per
 * table, and for a budget book the XLSX and PDF. The same bytes as ys_portal_page gives for each name. */
static ys_status write_doc(ys_portal *p, const char *dir, long ei, ys_diags *diags)
{
    int64_t id = p->entries[ei].id;
    ys_disclosure *d = NULL;
    ys_findings f;
    ys_findings_init(&f);
    ys_status st = ys_store_load(p->store, id, &d, &f, diags);
    ys_buf out = YS_BUF_INIT;
    char name[128];
    const char *type;
    if (st == YS_OK) {
        doc_page(p, ei, d, &f, &out);
        snprintf(name, sizeof name, "doc-%" PRId64 ".html", id);
        st = write_buf(dir, name, &out, diags);
    }
    static const struct { doc_part part; const char *suffix; } parts[] = {{DOC_FULL, "-full.html"}, {DOC_JSON, ".json"}};
    for (size_t k = 0; k < 2 && st == YS_OK; k++) {
        ys_buf_reset(&out);
        st = doc_derived(d, parts[k].part, YS_TABLE_NONE, &out, &type);
        snprintf(name, sizeof name, "doc-%" PRId64 "%s", id, parts[k].suffix);
        if (st == YS_OK) st = write_buf(dir, name, &out, diags);
    }
    for (int t = 0; t < YS_TABLE__COUNT && st == YS_OK; t++) {
        if (!d->tables[t]) continue;
        ys_buf_reset(&out);
        st = doc_derived(d, DOC_CSV, (ys_table_id)t, &out, &type);
        snprintf(name, sizeof name, "doc-%" PRId64 "-%s.csv", id, ys_table_id_name((ys_table_id)t));
        if (st == YS_OK) st = write_buf(dir, name, &out, diags);
    }
    if (st == YS_OK && p->book[ei]) {
        char path[4096];
        snprintf(path, sizeof path, "%s/doc-%" PRId64 ".xlsx", dir, id);
        st = ys_render_xlsx(d, path, diags);
        snprintf(path, sizeof path, "%s/doc-%" PRId64 ".pdf", dir, id);
        if (st == YS_OK) st = ys_render_pdf(d, path, diags);
    }
    ys_buf_release(&out);
    ys_findings_release(&f);
    ys_disclosure_free(d);
    return st;
}

ys_status ys_portal_publish(ys_portal *p, const char *dir, ys_diags *diags)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        ys_diags_add(diags, YS_DIAG_ERROR, dir, 0, 0, "无法创建目录：%s", ys_syserr_text(errno));
        return YS_ERR_IO;
    }
    struct stat sb;
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        ys_diags_add(diags, YS_DIAG_ERROR, dir, 0, 0, "不是目录");
        return YS_ERR_IO;
    }
    char name[128];
    ys_status st = write_page(p, dir, "index.html", diags);
    if (st == YS_OK) st = write_page(p, dir, "compare.html", diags);
    for (size_t i = 0; i < p->nentries && st == YS_OK; i++) {
        if (i == 0 || p->dept[i] != p->dept[i - 1]) {
            snprintf(name, sizeof name, "dept-%" PRId64 ".html", p->dept[i]);
            st = write_page(p, dir, name, diags);
        }
    }
    for (size_t i = 0; i < p->nentries && st == YS_OK; i++) st = write_doc(p, dir, (long)i, diags);
    return st;
}

/* ---- the page-name parser, for the fuzz target and tests (portal.h) --------------------------------- */

int ys_portal_parse_path(const char *path, int64_t *id, ys_table_id *table)
{
    *id = 0;
    *table = YS_TABLE_NONE;
    return (int)parse_path(path, id, table);
}
