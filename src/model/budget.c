/*
 * budget.c — the budget model (see budget.h): names and parsers of the enumerations (资金性质, 单位资金
 * 来源, 支出类型, 单位类型), the arena-owned ys_budget with its append functions, and lookups by unit
 * name, project code, prior item and text section. Readers (read/book.c) fill it; derive and the book
 * rules (check/book.c) read it.
 */
#include "model/budget.h"

#include <string.h>

#include "core/buf.h"
#include "core/text.h"

/* ---- enumerations ------------------------------------------------------------------------------------ */

/* Compare with a list of aliases after normalisation (full-width forms, brackets, spaces). */
static int parse_aliases(const char *s, const char *const *const *aliases, int n)
{
    if (!s) return -1;
    for (int i = 0; i < n; i++)
        for (const char *const *a = aliases[i]; *a; a++)
            if (ys_text_same(s, *a)) return i;
    return -1;
}

static const char *const fund_names[YS_FUND__COUNT] = {
    "一般公共预算", "政府性基金预算", "国有资本经营预算", "财政专户管理资金", "单位资金",
};

const char *ys_fund_name(ys_fund f)
{
    return (unsigned)f < YS_FUND__COUNT ? fund_names[f] : "";
}

int ys_fund_parse(const char *s)
{
    static const char *const gpb[] = {"一般公共预算", "一般公共预算拨款", "一般公共预算财政拨款", "一般公共预算拨款收入", "gpb", NULL};
    static const char *const gov[] = {"政府性基金", "政府性基金预算", "政府性基金预算拨款", "政府性基金预算财政拨款", "gov_fund", NULL};
    static const char *const soe[] = {"国有资本经营", "国有资本经营预算", "国有资本经营预算拨款", "国有资本经营预算财政拨款", "soe", NULL};
    static const char *const spc[] = {"财政专户", "财政专户管理资金", "财政专户管理资金收入", "special", NULL};
    static const char *const unit[] = {"单位资金", "单位资金收入", "unit", NULL};
    static const char *const *const all[] = {gpb, gov, soe, spc, unit};
    return parse_aliases(s, all, YS_FUND__COUNT);
}

bool ys_fund_is_fiscal(ys_fund f)
{
    return f == YS_FUND_GPB || f == YS_FUND_GOV || f == YS_FUND_SOE;
}

const char *ys_source_kind_name(ys_source_kind s)
{
    switch (s) {
    case YS_SOURCE_NONE: return "";
    case YS_SOURCE_BUSINESS: return "事业收入";
    case YS_SOURCE_OPERATING: return "经营收入";
    case YS_SOURCE_SUPERIOR: return "上级补助收入";
    case YS_SOURCE_AFFILIATED: return "附属单位上缴收入";
    case YS_SOURCE_OTHER: return "其他收入";
    }
    return "";
}

int ys_source_kind_parse(const char *s)
{
    if (!s) return -1;
    if (!*s) return YS_SOURCE_NONE;
    static const char *const none[] = {"无", NULL};
    static const char *const bus[] = {"事业收入", "business", NULL};
    static const char *const op[] = {"经营收入", "事业单位经营收入", "operating", NULL};
    static const char *const sup[] = {"上级补助收入", "上级补助", "superior", NULL};
    static const char *const aff[] = {"附属单位上缴收入", "附属单位上缴", "affiliated", NULL};
    static const char *const oth[] = {"其他收入", "other", NULL};
    static const char *const *const all[] = {none, bus, op, sup, aff, oth};
    return parse_aliases(s, all, 6);
}

const char *ys_spend_kind_name(ys_spend_kind k)
{
    switch (k) {
    case YS_SPEND_PERSONNEL: return "人员经费";
    case YS_SPEND_PUBLIC: return "公用经费";
    case YS_SPEND_PROJECT: return "项目";
    case YS_SPEND_OPERATING: return "经营";
    case YS_SPEND_REMIT: return "上解上级";
    case YS_SPEND_SUBSIDY: return "对附属单位补助";
    }
    return "";
}

int ys_spend_kind_parse(const char *s)
{
    static const char *const per[] = {"基本人员", "基本-人员", "基本支出-人员经费", "人员经费", "人员", "personnel", NULL};
    static const char *const pub[] = {"基本公用", "基本-公用", "基本支出-公用经费", "公用经费", "公用", "public", NULL};
    static const char *const prj[] = {"项目", "项目支出", "project", NULL};
    static const char *const op[] = {"经营", "经营支出", "operating", NULL};
    static const char *const rem[] = {"上解上级", "上解上级支出", "remit", NULL};
    static const char *const sub[] = {"对附属单位补助", "对附属单位补助支出", "subsidy", NULL};
    static const char *const *const all[] = {per, pub, prj, op, rem, sub};
    return parse_aliases(s, all, 6);
}

const char *ys_unit_type_name(ys_unit_type t)
{
    switch (t) {
    case YS_UNIT_ADMIN: return "行政";
    case YS_UNIT_CIVIL: return "参公";
    case YS_UNIT_INSTITUTION: return "事业";
    case YS_UNIT_OTHER: return "其他";
    }
    return "";
}

int ys_unit_type_parse(const char *s)
{
    static const char *const adm[] = {"行政", "行政单位", "admin", NULL};
    static const char *const civ[] = {"参公", "参公单位", "参照公务员法管理", "参照公务员法管理事业单位", "civil", NULL};
    static const char *const ins[] = {"事业", "事业单位", "institution", NULL};
    static const char *const oth[] = {"其他", "other", NULL};
    static const char *const *const all[] = {adm, civ, ins, oth};
    return parse_aliases(s, all, 4);
}

/* ---- the budget ---------------------------------------------------------------------------------------- */

ys_budget *ys_budget_new(const char *file)
{
    ys_arena *a = ys_arena_new();
    ys_budget *b = ys_arena_alloc(a, sizeof *b);
    b->arena = a;
    b->file = ys_arena_strdup(a, file ? file : "");
    b->meta.department = b->meta.department_code = b->meta.region = "";
    b->meta.kind = YS_KIND_BUDGET;
    b->meta.scope = YS_SCOPE_DEPARTMENT;
    b->template_id = "";
    b->assets_as_of = "";
    return b;
}

void ys_budget_free(ys_budget *b)
{
    if (b) ys_arena_free(b->arena);   /* b itself lives in its arena */
}

static ys_source book_src(const ys_budget *b)
{
    ys_source s = {0};
    s.file = b->file;
    return s;
}

ys_budget_line *ys_budget_add_line(ys_budget *b)
{
    ys_budget_line l = {0};
    l.unit = l.function = l.economic = l.project = l.tag = "";
    l.src = book_src(b);
    YS_VEC_PUSH(b->arena, b->lines, b->nlines, b->lines_cap, l);
    return &b->lines[b->nlines - 1];
}

ys_budget_unit *ys_budget_add_unit(ys_budget *b)
{
    ys_budget_unit u = {0};
    u.name = u.level = u.funding = "";
    u.type = YS_UNIT_OTHER;
    u.src = book_src(b);
    YS_VEC_PUSH(b->arena, b->units, b->nunits, b->units_cap, u);
    return &b->units[b->nunits - 1];
}

ys_budget_project *ys_budget_add_project(ys_budget *b)
{
    ys_budget_project p = {0};
    p.code = p.name = p.unit = p.purpose = p.goal = "";
    p.schedule_percent = true;
    p.src = book_src(b);
    YS_VEC_PUSH(b->arena, b->projects, b->nprojects, b->projects_cap, p);
    return &b->projects[b->nprojects - 1];
}

ys_indicator *ys_budget_project_add_indicator(ys_budget *b, ys_budget_project *p)
{
    ys_indicator ind = {0};
    ind.level1 = ind.level2 = ind.level3 = ind.description = ind.value = ind.basis = "";
    ind.src = book_src(b);
    YS_VEC_PUSH(b->arena, p->indicators, p->nindicators, p->indicators_cap, ind);
    return &p->indicators[p->nindicators - 1];
}

ys_budget_procurement *ys_budget_add_procurement(ys_budget *b)
{
    ys_budget_procurement r = {0};
    r.project = r.item = r.catalog_no = r.measure = "";
    r.quantity = -1;
    r.src = book_src(b);
    YS_VEC_PUSH(b->arena, b->procurement, b->nprocurement, b->procurement_cap, r);
    return &b->procurement[b->nprocurement - 1];
}

ys_budget_asset *ys_budget_add_asset(ys_budget *b)
{
    ys_budget_asset r = {0};
    r.item = r.quantity_text = "";
    r.quantity = -1;
    r.src = book_src(b);
    YS_VEC_PUSH(b->arena, b->assets, b->nassets, b->assets_cap, r);
    return &b->assets[b->nassets - 1];
}

ys_budget_prior *ys_budget_add_prior(ys_budget *b)
{
    ys_budget_prior r = {0};
    r.item = r.reason = "";
    r.src = book_src(b);
    YS_VEC_PUSH(b->arena, b->prior, b->nprior, b->prior_cap, r);
    return &b->prior[b->nprior - 1];
}

ys_budget_text *ys_budget_add_text(ys_budget *b)
{
    ys_budget_text r = {0};
    r.section = r.text = "";
    r.src = book_src(b);
    YS_VEC_PUSH(b->arena, b->texts, b->ntexts, b->texts_cap, r);
    return &b->texts[b->ntexts - 1];
}

/* ---- lookups ------------------------------------------------------------------------------------------- */

const ys_budget_unit *ys_budget_find_unit(const ys_budget *b, const char *name)
{
    if (!b || !name) return NULL;
    for (size_t i = 0; i < b->nunits; i++)
        if (strcmp(b->units[i].name, name) == 0) return &b->units[i];
    for (size_t i = 0; i < b->nunits; i++)
        if (ys_text_same(b->units[i].name, name)) return &b->units[i];
    return NULL;
}

const ys_budget_project *ys_budget_find_project(const ys_budget *b, const char *code)
{
    if (!b || !code) return NULL;
    for (size_t i = 0; i < b->nprojects; i++)
        if (strcmp(b->projects[i].code, code) == 0) return &b->projects[i];
    return NULL;
}

const ys_budget_prior *ys_budget_find_prior(const ys_budget *b, const char *item)
{
    if (!b || !item) return NULL;
    for (size_t i = 0; i < b->nprior; i++)
        if (strcmp(b->prior[i].item, item) == 0) return &b->prior[i];
    return NULL;
}

const char *ys_budget_find_text(const ys_budget *b, const char *section)
{
    if (!b || !section) return NULL;
    for (size_t i = 0; i < b->ntexts; i++)
        if (strcmp(b->texts[i].section, section) == 0) return b->texts[i].text;
    return NULL;
}
