/*
 * completeness.c — rule family "completeness": what a disclosure must contain (RULES.md REQ-01…12).
 * The empty-table note (R19: note ⇔ empty, naming the right fund) is checked by the table family.
 *
 * The set of required tables is data per template (data/templates/required.tsv: kind 预算/决算, table id,
 * the fund word an empty-table note must name, for R19), not code.
 */
#include "check/check.h"
#include "core/buf.h"
#include "core/datadir.h"
#include "core/text.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* s holds w (s may be NULL). A macro, so that the length of a literal w is a constant (no strlen per
 * call); s and w are evaluated twice: pass plain names and members only. */
#define has(s, w) ((s) && ys_text_find((s), (w)) != NULL)

static const ys_section *section_titled(const ys_disclosure *d, const char *word)
{
    for (size_t i = 0; i < d->nsections; i++)
        if (has(d->sections[i].title, word)) return &d->sections[i];
    return NULL;
}

static bool text_mentions(const ys_disclosure *d, const char *word)
{
    for (size_t i = 0; i < d->nsections; i++)
        if (has(d->sections[i].title, word) || has(d->sections[i].text, word)) return true;
    return false;
}

static ys_location doc_loc(const ys_disclosure *d)
{
    ys_source src = {0};
    src.file = d->file;
    return ys_loc_table(YS_TABLE_DOCUMENT, src);
}

/* ---- required tables (data) -------------------------------------------------------------------------- */

typedef struct {
    ys_table_id id;
    char fund[64];   /* the word an empty-table note must contain; "" = any */
} required;

/* Tables required for kind k from data/templates/required.tsv; returns the count, -1 when absent. */
static int load_required(ys_kind k, required *out, int max)
{
    char path[PATH_MAX];
    if (!ys_data_path("templates/required.tsv", path, sizeof path)) return -1;
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    char *line = NULL;
    size_t cap = 0;
    int n = 0;
    const char *kind = ys_kind_name(k);
    while (getline(&line, &cap, f) != -1 && n < max) {
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0] || line[0] == '#') continue;
        char *t1 = strchr(line, '\t');
        if (!t1) continue;
        *t1++ = '\0';
        char *t2 = strchr(t1, '\t');
        if (t2) *t2++ = '\0';
        if (strcmp(line, kind) != 0) continue;
        ys_table_id id = ys_table_id_parse(t1);
        if (id == YS_TABLE_NONE) continue;
        out[n].id = id;
        snprintf(out[n].fund, sizeof out[n].fund, "%s", t2 ? t2 : "");
        n++;
    }
    free(line);
    fclose(f);
    return n;
}

static int required_tables(ys_check_ctx *ctx, required *out, int max)
{
    ys_kind k = ctx->doc->meta.kind;
    if (k == YS_KIND_UNKNOWN) {
        ys_check_insufficient(ctx, "无法确定文档是预算还是决算");
        return -1;
    }
    int n = load_required(k, out, max);
    if (n < 0) ys_check_insufficient(ctx, "找不到必备表格清单 templates/required.tsv");
    return n;
}

static void req01(ys_check_ctx *ctx)
{
    const ys_disclosure *d = ctx->doc;
    required req[YS_TABLE__COUNT * 2];
    int n = required_tables(ctx, req, (int)(sizeof req / sizeof *req));
    for (int i = 0; i < n; i++) {
        const ys_table *t = ys_disclosure_table(d, req[i].id);
        if (!t)
            ys_check_report(ctx, ys_loc_table(req[i].id, (ys_source){d->file, 0, 0, NULL}), "缺少必备表格“%s”（%s）",
                            ys_table_id_title(req[i].id), ys_table_id_name(req[i].id));
    }
}

/* ---- classification depth (REQ-02/03) ---------------------------------------------------------------- */

static void depth(ys_check_ctx *ctx, const ys_table_id *ids, size_t nids, int deepest, const char *what)
{
    const ys_disclosure *d = ctx->doc;
    bool any = false;
    for (size_t k = 0; k < nids; k++) {
        const ys_table *t = ys_disclosure_table(d, ids[k]);
        if (!t) continue;
        any = true;
        for (size_t i = 0; i < t->nrows; i++) {
            const ys_row *r = &t->rows[i];
            int lv = ys_code_level(r->code);
            if (!lv || lv >= deepest) continue;
            bool amount = false;
            for (size_t c = 0; c < t->ncols; c++) amount = amount || ys_cell_money(&r->cells[c]) != 0;
            if (!amount) continue;
            bool child = false;
            /* the prefix test first: it fails at the first bytes for most rows (a row without a code is no
             * child: its level is 0) */
            for (size_t j = 0; j < t->nrows && !child; j++)
                child = t->rows[j].code && ys_text_starts(t->rows[j].code, r->code) &&
                        ys_code_level(t->rows[j].code) == lv + 1;
            if (!child)
                ys_check_report(ctx, ys_loc_cell(t, r, -1), "“%s”中 %s %s 没有细化到%s", t->title, r->code, r->name, what);
        }
    }
    if (!any) ys_check_insufficient(ctx, "没有按科目列示的表格");
}

static void req02(ys_check_ctx *ctx)
{
    static const ys_table_id ids[] = {YS_TABLE_INCOME, YS_TABLE_EXPENSE, YS_TABLE_GPB_EXPENSE, YS_TABLE_GOV_FUND,
                                      YS_TABLE_SOE_CAPITAL};
    depth(ctx, ids, sizeof ids / sizeof *ids, 3, "项级科目");
}

static void req03(ys_check_ctx *ctx)
{
    static const ys_table_id ids[] = {YS_TABLE_GPB_BASIC};
    depth(ctx, ids, 1, 2, "款级经济科目");
}

/* ---- three_public (REQ-04/05) ------------------------------------------------------------------------ */

static const struct {
    const char *words[2];   /* all must appear in the row name / clause */
    const char *title;
} tp_items[] = {
    {{"出国", NULL}, "因公出国(境)费"},
    {{"车", "购置费"}, "公务用车购置费"},
    {{"车", "运"}, "公务用车运行维护费"},
    {{"接待", NULL}, "公务接待费"},
};

static bool tp_match(const char *s, size_t item)
{
    for (size_t w = 0; w < 2; w++)
        if (tp_items[item].words[w] && !has(s, tp_items[item].words[w])) return false;
    if (item == 2 && has(s, "购置及")) return false;   /* 公务用车购置及运维费 is the parent */
    return true;
}

static void req04(ys_check_ctx *ctx)
{
    const ys_disclosure *d = ctx->doc;
    const ys_table *t = ys_disclosure_table(d, YS_TABLE_THREE_PUBLIC);
    if (!t) {
        ys_check_insufficient(ctx, "没有“三公”经费表");
        return;
    }
    ys_buf miss = YS_BUF_INIT;
    for (size_t k = 0; k < sizeof tp_items / sizeof *tp_items; k++) {
        bool found = false;
        for (size_t i = 0; i < t->nrows && !found; i++) found = tp_match(t->rows[i].name, k);
        if (!found) ys_buf_printf(&miss, "%s%s", miss.len ? "、" : "", tp_items[k].title);
    }
    if (miss.len) ys_check_report(ctx, ys_loc_table(t->id, t->src), "“三公”经费表缺少项目：%s", ys_buf_str(&miss));
    ys_buf_release(&miss);
}

static void req05(ys_check_ctx *ctx)
{
    const ys_disclosure *d = ctx->doc;
    const ys_section *s = section_titled(d, "三公");
    if (!s) {
        ys_check_report(ctx, doc_loc(d), "情况说明没有“三公”经费部分");
        return;
    }
    static const char *const change[] = {"增加", "减少", "持平", "一致", "无增减", "不变", "增长", "下降"};
    ys_buf miss = YS_BUF_INIT, nochange = YS_BUF_INIT, clause = YS_BUF_INIT;
    for (size_t k = 0; k < sizeof tp_items / sizeof *tp_items; k++) {
        /* the clause (up to 。 or ；) that first names the item */
        const char *p = s->text, *hit = NULL;
        while (*p && !hit) {
            const char *stop = ys_text_find(p, "。"), *semi = ys_text_find(p, "；");
            const char *end = stop ? stop : p + strlen(p);
            if (semi && semi < end) end = semi;
            ys_buf_reset(&clause);
            ys_buf_add(&clause, p, (size_t)(end - p));
            if (tp_match(ys_buf_str(&clause), k)) hit = p;
            p = *end ? end + strlen("。") : end;
        }
        if (!hit) {
            ys_buf_printf(&miss, "%s%s", miss.len ? "、" : "", tp_items[k].title);
            continue;
        }
        bool ch = false;
        for (size_t w = 0; w < sizeof change / sizeof *change; w++) ch = ch || has(ys_buf_str(&clause), change[w]);
        if (!ch) ys_buf_printf(&nochange, "%s%s", nochange.len ? "、" : "", tp_items[k].title);
    }
    ys_location at = ys_loc_table(YS_TABLE_NARRATIVE, s->src);
    at.name = (char *)s->title;
    if (miss.len) ys_check_report(ctx, at, "“三公”经费说明没有逐项说明：缺 %s", ys_buf_str(&miss));
    if (nochange.len) ys_check_report(ctx, at, "“三公”经费说明没有说明与上年相比的增减：%s", ys_buf_str(&nochange));
    ys_buf_release(&miss);
    ys_buf_release(&nochange);
    ys_buf_release(&clause);
}

/* ---- text parts (REQ-06…11) --------------------------------------------------------------------------- */

static void req06(ys_check_ctx *ctx)
{
    const ys_disclosure *d = ctx->doc;
    const ys_figure *run = NULL;
    size_t parts = 0;
    const ys_section *sec = NULL;
    for (size_t i = 0; i < d->nsections && !run; i++)
        for (size_t k = 0; k < d->sections[i].nfigures; k++)
            if (has(d->sections[i].figures[k].label, "机关运行经费")) {
                run = &d->sections[i].figures[k];
                sec = &d->sections[i];
                parts = d->sections[i].nfigures - k - 1;
                break;
            }
    if (!run) {
        ys_check_report(ctx, doc_loc(d), "情况说明没有说明机关运行经费的金额");
        return;
    }
    if (parts < 2 && !has(sec->text, "主要用于") && !has(sec->text, "包括"))
        ys_check_report(ctx, ys_loc_table(YS_TABLE_NARRATIVE, run->src), "情况说明没有说明机关运行经费的构成（%s%s）",
                        run->label, run->text);
}

static void req07(ys_check_ctx *ctx)
{
    const ys_disclosure *d = ctx->doc;
    if (ys_disclosure_table(d, YS_TABLE_PROCUREMENT) || text_mentions(d, "政府采购")) return;
    ys_check_report(ctx, doc_loc(d), "没有政府采购预算（应公开政府采购预算表，或明确说明“无”）");
}

static void req08(ys_check_ctx *ctx)
{
    const ys_disclosure *d = ctx->doc;
    if (ys_disclosure_table(d, YS_TABLE_ASSETS) || section_titled(d, "国有资产") || section_titled(d, "资产")) return;
    ys_check_report(ctx, doc_loc(d), "没有国有资产占用情况");
}

static void req09(ys_check_ctx *ctx)
{
    const ys_disclosure *d = ctx->doc;
    if (!section_titled(d, "整体绩效") && !section_titled(d, "部门绩效"))
        ys_check_report(ctx, doc_loc(d), "没有部门整体绩效目标");
    if (!d->nprojects && !section_titled(d, "项目"))
        ys_check_report(ctx, doc_loc(d), "没有项目绩效目标");
}

static void req10(ys_check_ctx *ctx)
{
    const ys_disclosure *d = ctx->doc;
    if (!section_titled(d, "名词解释")) ys_check_report(ctx, doc_loc(d), "没有名词解释");
}

static void req11(ys_check_ctx *ctx)
{
    const ys_disclosure *d = ctx->doc;
    if (!text_mentions(d, "职责")) ys_check_report(ctx, doc_loc(d), "没有说明部门职责");
    if (!ys_disclosure_table(d, YS_TABLE_ORGANISATION) && !text_mentions(d, "机构设置"))
        ys_check_report(ctx, doc_loc(d), "没有说明机构设置");
}

/* ---- REQ-12 ------------------------------------------------------------------------------------------- */

static void req12(ys_check_ctx *ctx)
{
    const ys_disclosure *d = ctx->doc;
    required req[YS_TABLE__COUNT * 2];
    int n = required_tables(ctx, req, (int)(sizeof req / sizeof *req));
    if (n < 0) return;
    ys_buf noyear = YS_BUF_INIT, nounit = YS_BUF_INIT, nodept = YS_BUF_INIT;
    const ys_table *first_missing = NULL;
    for (int i = 0; i < n; i++) {
        const ys_table *t = ys_disclosure_table(d, req[i].id);
        if (!t) continue;
        bool miss = false;
        if (!t->year_text || !*t->year_text) ys_buf_printf(&noyear, "%s%s", noyear.len ? "、" : "", t->title), miss = true;
        if (!t->unit) ys_buf_printf(&nounit, "%s%s", nounit.len ? "、" : "", t->title), miss = true;
        if (!t->department || !*t->department)
            ys_buf_printf(&nodept, "%s%s", nodept.len ? "、" : "", t->title), miss = true;
        if (miss && !first_missing) first_missing = t;
        /* agreement with the document */
        if (t->year_text && *t->year_text && d->meta.year && atoi(t->year_text) != d->meta.year)
            ys_check_report_sev(ctx, YS_SEV_ERROR, ys_loc_table(t->id, t->src), "“%s”的预算年度 %s 与文档年度 %d 不一致",
                                t->title, t->year_text, d->meta.year);
        if (t->unit && d->meta.unit && t->unit != d->meta.unit)
            ys_check_report_sev(ctx, YS_SEV_INFO, ys_loc_table(t->id, t->src), "“%s”的金额单位为%s，其他表为%s（比较时已换算）",
                                t->title, ys_unit_name(t->unit), ys_unit_name(d->meta.unit));
        if (t->department && *t->department && d->meta.department && *d->meta.department &&
            !has(t->department, d->meta.department) && !has(d->meta.department, t->department))
            ys_check_report_sev(ctx, YS_SEV_ERROR, ys_loc_table(t->id, t->src), "“%s”的单位“%s”与文档单位“%s”不一致", t->title,
                                t->department, d->meta.department);
    }
    if (first_missing) {
        ys_buf all = YS_BUF_INIT;
        if (noyear.len) ys_buf_printf(&all, "未注明年度：%s", ys_buf_str(&noyear));
        if (nounit.len) ys_buf_printf(&all, "%s未注明金额单位：%s", all.len ? "；" : "", ys_buf_str(&nounit));
        if (nodept.len) ys_buf_printf(&all, "%s未注明部门：%s", all.len ? "；" : "", ys_buf_str(&nodept));
        ys_check_report(ctx, ys_loc_table(first_missing->id, first_missing->src), "表格缺少表头信息——%s", ys_buf_str(&all));
        ys_buf_release(&all);
    }
    ys_buf_release(&noyear);
    ys_buf_release(&nounit);
    ys_buf_release(&nodept);
}

const ys_rule ys_rules_completeness[] = {
    {"REQ-01", YS_SEV_ERROR, "completeness", "必备表格齐全", "财预〔2016〕143号", req01},
    {"REQ-02", YS_SEV_WARNING, "completeness", "功能分类细化到项", "预算法第十四条；财预〔2016〕143号", req02},
    {"REQ-03", YS_SEV_WARNING, "completeness", "基本支出经济分类细化到款", "财预〔2016〕143号", req03},
    {"REQ-04", YS_SEV_WARNING, "completeness", "“三公”经费分项列示", "中办发〔2016〕13号", req04},
    {"REQ-05", YS_SEV_WARNING, "completeness", "逐项说明“三公”经费及增减原因", "财预〔2016〕143号", req05},
    {"REQ-06", YS_SEV_WARNING, "completeness", "说明机关运行经费", "财预〔2016〕143号", req06},
    {"REQ-07", YS_SEV_WARNING, "completeness", "公开政府采购预算", "财预〔2016〕143号", req07},
    {"REQ-08", YS_SEV_WARNING, "completeness", "公开国有资产占用情况", "财预〔2016〕143号", req08},
    {"REQ-09", YS_SEV_WARNING, "completeness", "公开绩效目标", "财预〔2021〕29号", req09},
    {"REQ-10", YS_SEV_WARNING, "completeness", "名词解释", "财预〔2016〕143号", req10},
    {"REQ-11", YS_SEV_WARNING, "completeness", "部门职责与机构设置", "财预〔2016〕143号", req11},
    {"REQ-12", YS_SEV_WARNING, "completeness", "各表注明年度、单位、部门且一致", "财预〔2016〕143号", req12},
    {NULL, YS_SEV_INFO, NULL, NULL, NULL, NULL},
};
