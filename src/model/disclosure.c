/* disclosure.c — building and querying the disclosure model (see disclosure.h). */
#include "model/disclosure.h"
#include "core/buf.h"
#include "core/text.h"

#include <string.h>

static const struct {
    ys_table_id id;
    const char *name, *title;
} table_names[] = {
    {YS_TABLE_SUMMARY, "summary", "收支总表"},
    {YS_TABLE_INCOME, "income", "收入总表"},
    {YS_TABLE_EXPENSE, "expense", "支出总表"},
    {YS_TABLE_FISCAL_SUMMARY, "fiscal_summary", "财政拨款收支总表"},
    {YS_TABLE_GPB_EXPENSE, "gpb_expense", "一般公共预算财政拨款支出表"},
    {YS_TABLE_GPB_BASIC, "gpb_basic", "一般公共预算财政拨款基本支出表"},
    {YS_TABLE_GOV_FUND, "gov_fund", "政府性基金预算财政拨款支出表"},
    {YS_TABLE_SOE_CAPITAL, "soe_capital", "国有资本经营预算财政拨款支出表"},
    {YS_TABLE_THREE_PUBLIC, "three_public", "财政拨款“三公”经费支出表"},
    {YS_TABLE_PROCUREMENT, "procurement", "政府采购预算表"},
    {YS_TABLE_ASSETS, "assets", "国有资产占用情况表"},
    {YS_TABLE_ORGANISATION, "organisation", "机构设置"},
    {YS_TABLE_PROJECT_TARGETS, "project_targets", "项目支出绩效目标表"},
    {YS_TABLE_NARRATIVE, "narrative", "情况说明"},
    {YS_TABLE_DOCUMENT, "document", "文档"},
};

const char *ys_table_id_name(ys_table_id id)
{
    for (size_t i = 0; i < sizeof table_names / sizeof *table_names; i++)
        if (table_names[i].id == id) return table_names[i].name;
    return "";
}

const char *ys_table_id_title(ys_table_id id)
{
    for (size_t i = 0; i < sizeof table_names / sizeof *table_names; i++)
        if (table_names[i].id == id) return table_names[i].title;
    return "";
}

ys_table_id ys_table_id_parse(const char *name)
{
    for (size_t i = 0; name && i < sizeof table_names / sizeof *table_names; i++)
        if (ys_text_eq(table_names[i].name, name)) return table_names[i].id;
    return YS_TABLE_NONE;
}

const char *ys_kind_name(ys_kind k)
{
    return k == YS_KIND_BUDGET ? "预算" : k == YS_KIND_FINAL ? "决算" : "";
}

const char *ys_scope_name(ys_scope s)
{
    return s == YS_SCOPE_DEPARTMENT ? "部门" : s == YS_SCOPE_UNIT ? "单位" : "";
}

ys_disclosure *ys_disclosure_new(const char *file)
{
    ys_arena *a = ys_arena_new();
    ys_disclosure *d = ys_arena_alloc(a, sizeof *d);
    d->arena = a;
    d->file = ys_arena_strdup(a, file ? file : "");
    return d;
}

void ys_disclosure_free(ys_disclosure *d)
{
    if (d) ys_arena_free(d->arena);
}

ys_table *ys_disclosure_add_table(ys_disclosure *d, ys_table_id id, const char *title, size_t ncols,
                                  const ys_column *cols)
{
    if (id < 0 || id >= YS_TABLE__COUNT) return NULL;
    if (d->tables[id]) return d->tables[id];
    ys_table *t = ys_arena_alloc(d->arena, sizeof *t);
    t->id = id;
    t->title = ys_arena_strdup(d->arena, title ? title : ys_table_id_title(id));
    t->ncols = ncols;
    t->cols = ys_arena_calloc(d->arena, ncols ? ncols : 1, sizeof *t->cols);
    for (size_t i = 0; i < ncols; i++) {
        t->cols[i].header = ys_arena_strdup(d->arena, cols[i].header ? cols[i].header : "");
        t->cols[i].key = ys_arena_strdup(d->arena, cols[i].key ? cols[i].key : "");
        t->cols[i].kind = cols[i].kind;
    }
    d->tables[id] = t;
    return t;
}

ys_table *ys_disclosure_table(const ys_disclosure *d, ys_table_id id)
{
    if (id < 0 || id >= YS_TABLE__COUNT) return NULL;
    return d->tables[id];
}

ys_row *ys_table_add_row(ys_disclosure *d, ys_table *t, int seq, const char *code, const char *name)
{
    ys_row r = {0};
    r.seq = seq;
    r.code = ys_arena_strdup(d->arena, code ? code : "");
    r.name = ys_arena_strdup(d->arena, name ? name : "");
    r.cells = ys_arena_calloc(d->arena, t->ncols ? t->ncols : 1, sizeof *r.cells);
    for (size_t i = 0; i < t->ncols; i++) r.cells[i].text = "";
    YS_VEC_PUSH(d->arena, t->rows, t->nrows, t->rows_cap, r);
    return &t->rows[t->nrows - 1];
}

int ys_table_col(const ys_table *t, const char *key)
{
    if (!t || !key) return -1;
    for (size_t i = 0; i < t->ncols; i++)
        if (ys_text_eq(t->cols[i].key, key)) return (int)i;
    return -1;
}

const ys_cell *ys_row_cell(const ys_table *t, const ys_row *r, const char *key)
{
    int i = ys_table_col(t, key);
    return i < 0 ? NULL : &r->cells[i];
}

ys_money ys_cell_money(const ys_cell *c)
{
    return (c && c->kind == YS_CELL_MONEY) ? c->money : 0;
}

bool ys_cell_is_money(const ys_cell *c)
{
    return c && c->kind == YS_CELL_MONEY;
}

ys_row *ys_table_find_code(const ys_table *t, const char *code)
{
    if (!t || !code || !*code) return NULL;
    for (size_t i = 0; i < t->nrows; i++)
        if (ys_text_eq(t->rows[i].code, code)) return &t->rows[i];
    return NULL;
}

bool ys_cell_set_printed(ys_disclosure *d, ys_cell *c, const char *text, ys_unit unit, ys_source src)
{
    c->src = src;
    c->text = ys_arena_strdup(d->arena, text ? text : "");
    ys_money v;
    int dec = 0;
    switch (ys_money_parse(c->text, strlen(c->text), unit, &v, &dec)) {
    case YS_MONEY_OK:
        c->kind = YS_CELL_MONEY;
        c->money = v;
        c->decimals = dec;
        return true;
    case YS_MONEY_EMPTY:
        c->kind = YS_CELL_EMPTY;
        return true;
    default:
        c->kind = YS_CELL_TEXT;
        return false;
    }
}

void ys_cell_set_money(ys_cell *c, ys_money v, int decimals)
{
    c->kind = YS_CELL_MONEY;
    c->money = v;
    c->decimals = decimals;
}

ys_project *ys_disclosure_add_project(ys_disclosure *d)
{
    ys_project p = {0};
    p.seq = -1;
    p.code = p.name = p.title = p.purpose = p.goal = "";
    p.budget.text = p.fiscal.text = p.other.text = "";
    YS_VEC_PUSH(d->arena, d->projects, d->nprojects, d->projects_cap, p);
    return &d->projects[d->nprojects - 1];
}

ys_indicator *ys_project_add_indicator(ys_disclosure *d, ys_project *p)
{
    ys_indicator in = {"", "", "", "", "", "", {0}};
    YS_VEC_PUSH(d->arena, p->indicators, p->nindicators, p->indicators_cap, in);
    return &p->indicators[p->nindicators - 1];
}

ys_section *ys_disclosure_add_section(ys_disclosure *d, const char *number, const char *title)
{
    ys_section s = {0};
    s.number = ys_arena_strdup(d->arena, number ? number : "");
    s.title = ys_arena_strdup(d->arena, title ? title : "");
    s.text = "";
    YS_VEC_PUSH(d->arena, d->sections, d->nsections, d->sections_cap, s);
    return &d->sections[d->nsections - 1];
}

ys_figure *ys_section_add_figure(ys_disclosure *d, ys_section *s)
{
    ys_figure f = {0};
    f.label = f.text = f.context = "";
    YS_VEC_PUSH(d->arena, s->figures, s->nfigures, s->figures_cap, f);
    return &s->figures[s->nfigures - 1];
}

ys_toc_entry *ys_disclosure_add_toc(ys_disclosure *d)
{
    ys_toc_entry e = {0};
    e.title = "";
    e.table = YS_TABLE_NONE;
    YS_VEC_PUSH(d->arena, d->toc, d->ntoc, d->toc_cap, e);
    return &d->toc[d->ntoc - 1];
}

int ys_code_level(const char *code)
{
    if (!code) return 0;
    /* one pass: count the digits up to the first other byte; a code is digits to its end (no strlen) */
    size_t n = 0;
    while (code[n] >= '0' && code[n] <= '9') n++;
    if (code[n]) return 0;
    return n == 3 ? 1 : n == 5 ? 2 : n == 7 ? 3 : 0;
}

ys_comparison *ys_disclosure_add_comparison(ys_disclosure *d)
{
    ys_comparison c = {0};
    c.item = c.label = c.reason = "";
    YS_VEC_PUSH(d->arena, d->comparisons, d->ncomparisons, d->comparisons_cap, c);
    return &d->comparisons[d->ncomparisons - 1];
}
