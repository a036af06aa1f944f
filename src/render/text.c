/*
 * text.c — ys_render_text: a disclosure as plain text in the tab-separated layout of published text
 * documents (examples/zhaoxian-hrss-2024/published.txt), so that `yusuan audit` and `yusuan extract`
 * read it back to the same tables, projects and sections (the round trip is tested in
 * tests/unit/test_render_text.c).
 *
 * Layout, top to bottom: the table of contents ("2024 年部门预算信息公开目录", entries "title<TAB>page");
 * the standard tables in id order, each with its title, department line ("323 赵县…局"), "预算年度：2024",
 * "单位：万元", one or two column header lines (groups above leaves, render/layout.h), the 栏次 line, the
 * rows (序号, code, name, amounts with 2 decimals, empty cells empty) and the notes; then the 情况说明
 * title and its sections ("一、title", then the paragraphs), with the organisation, procurement and
 * assets tables and the project tables placed after the text of the section they belong to (by title
 * words: 机构 / 采购 / 资产 / 项目; after the last section when none matches). No page breaks: one
 * header per table. Text from the disclosure has TAB, CR and LF replaced by a space inside cells, so it
 * cannot break the layout.
 */
#include "render/render.h"

#include <stdio.h>
#include <string.h>

#include "render/layout.h"

/* ---- small writers --------------------------------------------------------------------------------- */

/* Text of one cell or one line: TAB, CR and LF become a space. */
static void add_clean(ys_buf *out, const char *s)
{
    if (!s) return;
    for (; *s; s++) ys_buf_addc(out, (*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s);
}

static void cell(ys_buf *out, const char *s)
{
    ys_buf_addc(out, '\t');
    add_clean(out, s);
}

static void line(ys_buf *out, const char *s)
{
    add_clean(out, s);
    ys_buf_addc(out, '\n');
}

static void blank(ys_buf *out)
{
    ys_buf_addc(out, '\n');
}

/* Paragraphs ("\n"-joined) one per line, a blank line after each. */
static void paragraphs(ys_buf *out, const char *text)
{
    if (!text) return;
    const char *p = text;
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        bool any = false;
        for (size_t i = 0; i < n; i++) {
            char ch = p[i];
            if (ch != ' ' && ch != '\t' && ch != '\r') any = true;
            ys_buf_addc(out, (ch == '\t' || ch == '\r') ? ' ' : ch);
        }
        if (any) ys_buf_adds(out, "\n\n");
        else out->len -= n, out->data[out->len] = '\0';
        p += n;
        if (*p == '\n') p++;
    }
}

static const char *kind_word(const ys_disclosure *d)
{
    return d->meta.kind == YS_KIND_FINAL ? "决算" : "预算";
}

static const char *scope_word(const ys_disclosure *d)
{
    return d->meta.scope == YS_SCOPE_UNIT ? "单位" : "部门";
}

static bool standard_table(ys_table_id id)
{
    return id >= YS_TABLE_SUMMARY && id <= YS_TABLE_THREE_PUBLIC;
}

/* ---- the table of contents -------------------------------------------------------------------------- */

static bool is_section_title(const char *s)
{
    static const char *const nums[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    for (size_t i = 0; i < sizeof nums / sizeof *nums; i++)
        if (strncmp(s, nums[i], strlen(nums[i])) == 0) return true;
    return false;
}

static void toc(const ys_disclosure *d, ys_buf *out)
{
    blank(out);
    if (d->meta.year) ys_buf_printf(out, "%d 年", d->meta.year);
    ys_buf_printf(out, "%s%s信息公开目录\n\n", scope_word(d), kind_word(d));
    ys_buf_printf(out, "%s%s公开表\n\n", scope_word(d), kind_word(d));
    bool narrative = false;
    if (d->ntoc) {
        for (size_t i = 0; i < d->ntoc; i++) {
            const ys_toc_entry *e = &d->toc[i];
            if (!narrative && e->table == YS_TABLE_NONE && e->title && is_section_title(e->title)) {
                ys_buf_printf(out, "\n%s%s信息公开情况说明\n\n", scope_word(d), kind_word(d));
                narrative = true;
            }
            add_clean(out, e->title);
            ys_buf_printf(out, "\t%d\n", e->page > 0 ? e->page : (int)i + 1);
        }
    } else {
        /* a compiled disclosure: tables, then sections, numbered in order (there are no pages) */
        int n = 0;
        for (int id = 0; id < YS_TABLE__COUNT; id++) {
            const ys_table *t = d->tables[id];
            if (!t || !standard_table((ys_table_id)id)) continue;
            add_clean(out, t->title && *t->title ? t->title : ys_table_id_title((ys_table_id)id));
            ys_buf_printf(out, "\t%d\n", ++n);
        }
        for (size_t i = 0; i < d->nsections; i++) {
            const ys_section *s = &d->sections[i];
            if (!s->number || !*s->number) continue;
            if (!narrative) {
                ys_buf_printf(out, "\n%s%s信息公开情况说明\n\n", scope_word(d), kind_word(d));
                narrative = true;
            }
            add_clean(out, s->number);
            ys_buf_adds(out, "、");
            add_clean(out, s->title);
            ys_buf_printf(out, "\t%d\n", ++n);
        }
    }
    blank(out);
}

/* ---- tables ------------------------------------------------------------------------------------------ */

static void page_header(const ys_disclosure *d, const ys_table *t, ys_buf *out)
{
    bool std = standard_table(t->id) || t->id == YS_TABLE_PROCUREMENT || t->id == YS_TABLE_ASSETS;
    if (t->department && *t->department) {
        line(out, t->department);
        blank(out);
    } else if (std && d->meta.department && *d->meta.department) {
        if (d->meta.department_code && *d->meta.department_code) {
            add_clean(out, d->meta.department_code);
            ys_buf_addc(out, ' ');
        } else {
            ys_buf_adds(out, "编制单位：");
        }
        line(out, d->meta.department);
        blank(out);
    }
    if (t->year_text && *t->year_text) {
        ys_buf_adds(out, d->meta.kind == YS_KIND_FINAL ? "决算年度：" : "预算年度：");
        line(out, t->year_text);
        blank(out);
    } else if (standard_table(t->id) && d->meta.year) {
        ys_buf_printf(out, "%s年度：%d\n\n", kind_word(d), d->meta.year);
    }
    /* the unit line, unless the unit is named in a column header (价值（金额单位：万元）) */
    bool in_header = false;
    for (size_t i = 0; t->unit_text && i < t->ncols; i++)
        if (t->cols[i].header && strcmp(t->cols[i].header, t->unit_text) == 0) in_header = true;
    if (!in_header && t->unit != YS_UNIT_UNKNOWN) {
        if (t->unit_text && *t->unit_text && ys_unit_from_text(t->unit_text) == t->unit) line(out, t->unit_text);
        else ys_buf_printf(out, "单位：%s\n", ys_unit_name(t->unit));
        blank(out);
    }
}

static void header_lines(const ys_table *t, ys_buf *out)
{
    ys_layout_stub st;
    ys_layout_stub_of(t, &st);
    bool two = ys_layout_two_lines(t);
    bool first = true;
#define OPEN(text)                      \
    do {                                \
        if (!first) ys_buf_addc(out, '\t'); \
        add_clean(out, (text));         \
        first = false;                  \
    } while (0)
    /* line 1: 序号, groups (or the leaf where a column has no group) */
    if (st.seq) OPEN(st.seq_header);
    if (st.code) OPEN(st.stub_group && two ? st.stub_group : st.code_header);
    if (st.name) OPEN(st.stub_group && two ? "" : st.name_header);
    const char *prev = NULL;
    for (size_t i = 0; i < t->ncols; i++) {
        const char *g = ys_layout_group(t, i);
        if (g) OPEN(prev && strcmp(prev, g) == 0 ? "" : g);
        else OPEN(t->cols[i].header);
        prev = g;
    }
    ys_buf_addc(out, '\n');
    if (!two) return;
    /* line 2: the leaves under groups */
    first = true;
    if (st.seq) OPEN("");
    if (st.code) OPEN(st.stub_group ? st.code_header : "");
    if (st.name) OPEN(st.stub_group ? st.name_header : "");
    for (size_t i = 0; i < t->ncols; i++) OPEN(ys_layout_group(t, i) ? t->cols[i].header : "");
    ys_buf_addc(out, '\n');
#undef OPEN
}

static void stub_line(const ys_table *t, ys_buf *out)
{
    ys_layout_stub st;
    ys_layout_stub_of(t, &st);
    if (!st.seq) return;
    ys_buf_adds(out, "栏次");
    int n = 0;
    if (st.code) ys_buf_printf(out, "\t%d", ++n);
    if (st.name) ys_buf_printf(out, "\t%d", ++n);
    for (size_t i = 0; i < t->ncols; i++) ys_buf_printf(out, "\t%d", ++n);
    ys_buf_addc(out, '\n');
}

static void rows(const ys_table *t, ys_buf *out)
{
    ys_layout_stub st;
    ys_layout_stub_of(t, &st);
    for (size_t i = 0; i < t->nrows; i++) {
        const ys_row *r = &t->rows[i];
        bool first = true;
        if (st.seq) {
            int seq = ys_layout_seq(t, i);
            if (seq >= 0) {
                ys_buf_printf(out, "%d", seq);
                if (st.code) cell(out, r->code);
                if (st.name) cell(out, r->name);
            } else {
                add_clean(out, r->name);   /* "合计" across 序号, code and name */
                if (st.code) cell(out, "");
                if (st.name) cell(out, "");
            }
            first = false;
        } else if (st.name) {
            add_clean(out, r->name);
            first = false;
        }
        for (size_t c = 0; c < t->ncols; c++) {
            char buf[YS_LAYOUT_CELLBUF];
            const char *v = ys_layout_cell(t, c, &r->cells[c], buf, sizeof buf);
            if (first) add_clean(out, v), first = false;
            else cell(out, v);
        }
        ys_buf_addc(out, '\n');
    }
}

static void table(const ys_disclosure *d, const ys_table *t, ys_buf *out)
{
    line(out, t->title && *t->title ? t->title : ys_table_id_title(t->id));
    blank(out);
    page_header(d, t, out);
    header_lines(t, out);
    stub_line(t, out);
    rows(t, out);
    blank(out);
    if (t->note && *t->note) {
        paragraphs(out, t->note);
    }
}

/* ---- projects ------------------------------------------------------------------------------------------ */

static void project(const ys_project *p, size_t index, ys_buf *out)
{
    char b1[YS_LAYOUT_CELLBUF], b2[YS_LAYOUT_CELLBUF], b3[YS_LAYOUT_CELLBUF];
    if (p->title && *p->title) line(out, p->title);
    else {
        ys_buf_printf(out, "%d、", p->seq >= 0 ? p->seq : (int)index + 1);
        add_clean(out, p->name);
        ys_buf_adds(out, "绩效目标表\n");
    }
    blank(out);
    if (p->unit != YS_UNIT_UNKNOWN) ys_buf_printf(out, "单位：%s\n\n", ys_unit_name(p->unit));
    ys_buf_adds(out, "项目编码");
    cell(out, p->code);
    cell(out, "");
    cell(out, "项目名称");
    cell(out, p->name);
    ys_buf_adds(out, "\t\t\n");
    ys_buf_adds(out, "预算规模及资金用途\t预算数");
    cell(out, ys_layout_money(&p->budget, p->unit, b1, sizeof b1));
    ys_buf_adds(out, "\t其中：财政资金");
    cell(out, ys_layout_money(&p->fiscal, p->unit, b2, sizeof b2));
    ys_buf_adds(out, "\t其他资金");
    cell(out, ys_layout_money(&p->other, p->unit, b3, sizeof b3));
    ys_buf_addc(out, '\n');
    if (p->purpose && *p->purpose) {
        const char *s = p->purpose;
        while (*s) {
            const char *e = strchr(s, '\n');
            size_t n = e ? (size_t)(e - s) : strlen(s);
            ys_buf_addc(out, '\t');
            for (size_t i = 0; i < n; i++) ys_buf_addc(out, s[i] == '\t' || s[i] == '\r' ? ' ' : s[i]);
            ys_buf_addc(out, '\n');
            s += n;
            if (*s == '\n') s++;
        }
    }
    if (p->nschedule) {
        ys_buf_adds(out, p->schedule_percent ? "资金支出计划（%）" : "资金支出计划");
        for (size_t i = 0; i < p->nschedule; i++) cell(out, p->schedule[i].label);
        ys_buf_addc(out, '\n');
        for (size_t i = 0; i < p->nschedule; i++) {
            char b[YS_LAYOUT_CELLBUF];
            cell(out, ys_layout_money(&p->schedule[i].value, p->unit, b, sizeof b));
        }
        ys_buf_addc(out, '\n');
    }
    ys_buf_adds(out, "绩效目标");
    if (p->goal && *p->goal) {
        const char *s = p->goal;
        bool firstp = true;
        while (*s) {
            const char *e = strchr(s, '\n');
            size_t n = e ? (size_t)(e - s) : strlen(s);
            if (!firstp) ys_buf_addc(out, '\n');
            ys_buf_addc(out, '\t');
            for (size_t i = 0; i < n; i++) ys_buf_addc(out, s[i] == '\t' || s[i] == '\r' ? ' ' : s[i]);
            firstp = false;
            s += n;
            if (*s == '\n') s++;
        }
    } else {
        ys_buf_addc(out, '\t');
    }
    ys_buf_addc(out, '\n');
    ys_buf_adds(out, "一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t指标值确定依据\n");
    for (size_t i = 0; i < p->nindicators; i++) {
        const ys_indicator *in = &p->indicators[i];
        add_clean(out, in->level1);
        cell(out, in->level2);
        cell(out, in->level3);
        cell(out, in->description);
        cell(out, in->value);
        cell(out, in->basis);
        ys_buf_addc(out, '\n');
    }
    blank(out);
}

/* ---- the narrative ------------------------------------------------------------------------------------- */

enum { P_ORG, P_PROJECTS, P_PROCUREMENT, P_ASSETS, P__COUNT };

/* Index of the section each part goes after (d->nsections = after the last one). */
static void place_parts(const ys_disclosure *d, size_t at[P__COUNT])
{
    static const char *const words[P__COUNT] = {"机构", "项目", "采购", "资产"};
    for (int k = 0; k < P__COUNT; k++) {
        at[k] = d->nsections;
        for (size_t i = 0; i < d->nsections; i++) {
            const ys_section *s = &d->sections[i];
            if (s->number && *s->number && s->title && strstr(s->title, words[k])) {
                at[k] = i;
                break;
            }
        }
    }
}

static void parts_after(const ys_disclosure *d, const size_t at[P__COUNT], size_t sec, ys_buf *out)
{
    for (int k = 0; k < P__COUNT; k++) {
        if (at[k] != sec) continue;
        switch (k) {
        case P_ORG:
            if (d->tables[YS_TABLE_ORGANISATION]) table(d, d->tables[YS_TABLE_ORGANISATION], out);
            break;
        case P_PROCUREMENT:
            if (d->tables[YS_TABLE_PROCUREMENT]) table(d, d->tables[YS_TABLE_PROCUREMENT], out);
            break;
        case P_ASSETS:
            if (d->tables[YS_TABLE_ASSETS]) table(d, d->tables[YS_TABLE_ASSETS], out);
            break;
        case P_PROJECTS:
            for (size_t i = 0; i < d->nprojects; i++) project(&d->projects[i], i, out);
            break;
        default:
            break;
        }
    }
}

static void narrative(const ys_disclosure *d, ys_buf *out)
{
    size_t at[P__COUNT];
    place_parts(d, at);
    size_t i = 0;
    if (d->nsections && (!d->sections[0].number || !*d->sections[0].number) && d->sections[0].title &&
        strstr(d->sections[0].title, "情况说明")) {
        line(out, d->sections[0].title);
        blank(out);
        paragraphs(out, d->sections[0].text);
        i = 1;
    } else {
        if (d->meta.department) add_clean(out, d->meta.department), ys_buf_addc(out, ' ');
        if (d->meta.year) ys_buf_printf(out, "%d 年", d->meta.year);
        ys_buf_printf(out, "%s%s信息公开情况说明\n\n", scope_word(d), kind_word(d));
    }
    for (; i < d->nsections; i++) {
        const ys_section *s = &d->sections[i];
        if (s->number && *s->number) {
            add_clean(out, s->number);
            ys_buf_adds(out, "、");
            line(out, s->title);
            blank(out);
        }
        paragraphs(out, s->text);
        parts_after(d, at, i, out);
    }
    parts_after(d, at, d->nsections, out);
}

/* ---- the document -------------------------------------------------------------------------------------- */

ys_status ys_render_text(const ys_disclosure *d, ys_buf *out)
{
    if (!d || !out) return YS_ERR_USAGE;
    toc(d, out);
    for (int id = 0; id < YS_TABLE__COUNT; id++)
        if (d->tables[id] && standard_table((ys_table_id)id)) table(d, d->tables[id], out);
    narrative(d, out);
    return YS_OK;
}
