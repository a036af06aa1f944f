/*
 * book.c — rule family "book": the inputs of the compile path (check.h, docs/BOOK.md). These rules run
 * on a ys_budget (ctx->budget) before anything is derived: the meta sheet is complete, every line names
 * a known unit, well-formed codes the catalog knows, a project when it is project spending (and none
 * when it is basic spending), a source for 单位资金, an economic code that fits 人员/公用经费; projects
 * are unique, have lines, and a cumulative spending schedule that reaches 100 % or the budget; prior
 * items and text sections are known keys. Each finding names the sheet row it comes from: the record's
 * ys_source (TSV `file:line`, XLSX `book.xlsx:sheet!A7`) with table YS_TABLE_DOCUMENT.
 */
#include "check/check.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "model/budget.h"
#include "read/book.h"

/* ---- helpers ------------------------------------------------------------------------------------------ */

static ys_location at(ys_source src, const char *code, const char *column, const char *name)
{
    ys_location l = {0};
    l.table = YS_TABLE_DOCUMENT;
    l.row = -1;
    l.code = (char *)code;
    l.column = (char *)column;
    l.name = (char *)name;
    l.src = src;
    return l;
}

/* The book's unit for amounts in messages (元 when undeclared). */
static ys_unit unit_of(const ys_budget *b)
{
    return b->meta.unit ? b->meta.unit : YS_UNIT_YUAN;
}

static const char *amt(const ys_budget *b, ys_money v, char *buf, size_t n)
{
    ys_money_format(v, unit_of(b), 2, buf, n);
    size_t len = strlen(buf);
    snprintf(buf + len, n - len, " %s", ys_unit_name(unit_of(b)));
    return buf;
}

static ys_source book_src(const ys_budget *b)
{
    ys_source s = {0};
    s.file = b->file;
    return s;
}

static bool all_digits(const char *s, size_t n)
{
    if (strlen(s) != n) return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

static bool is_basic(ys_spend_kind k)
{
    return k == YS_SPEND_PERSONNEL || k == YS_SPEND_PUBLIC;
}

/* The sum of a project's lines (预算数) and of its 财政拨款 lines (财政资金); the number of lines. */
static size_t project_sums(const ys_budget *b, const char *code, ys_money *total, ys_money *fiscal)
{
    size_t n = 0;
    *total = *fiscal = 0;
    for (size_t i = 0; i < b->nlines; i++) {
        const ys_budget_line *l = &b->lines[i];
        if (strcmp(l->project, code) != 0) continue;
        n++;
        *total += l->amount;
        if (ys_fund_is_fiscal(l->fund)) *fiscal += l->amount;
    }
    return n;
}

/* ---- rules -------------------------------------------------------------------------------------------- */

/* BOOK-01 the meta sheet names the department, the year and the unit. */
static void book_meta(ys_check_ctx *ctx)
{
    const ys_budget *b = ctx->budget;
    ys_buf miss = YS_BUF_INIT;
    if (!b->meta.department || !*b->meta.department) ys_buf_adds(&miss, "、部门名称(department)");
    if (!b->meta.year) ys_buf_adds(&miss, "、预算年度(year)");
    if (!b->meta.unit) ys_buf_adds(&miss, "、金额单位(unit)");
    if (!b->meta.region || !*b->meta.region) ys_buf_adds(&miss, "、行政区划(region)");
    if (miss.len)
        ys_check_report(ctx, at(book_src(b), NULL, NULL, "meta"), "基本信息不完整：缺少%s", miss.data + strlen("、"));
    ys_buf_release(&miss);
}

/* BOOK-02 the book has budget lines. */
static void book_lines_empty(ys_check_ctx *ctx)
{
    const ys_budget *b = ctx->budget;
    if (b->nlines == 0) ys_check_report(ctx, at(book_src(b), NULL, NULL, "lines"), "预算明细(lines)为空：没有任何预算支出");
}

/* BOOK-03 a line's unit is a unit of the units sheet. */
static void book_line_unit(ys_check_ctx *ctx)
{
    const ys_budget *b = ctx->budget;
    if (b->nlines == 0) return;
    if (b->nunits == 0) {
        ys_check_insufficient(ctx, "单位(units)表为空，无法核对所属单位，也无法确定行政、参公单位（机关运行经费）");
        return;
    }
    for (size_t i = 0; i < b->nlines; i++) {
        const ys_budget_line *l = &b->lines[i];
        if (ys_budget_find_unit(b, l->unit)) continue;
        if (!*l->unit) ys_check_report(ctx, at(l->src, NULL, "所属单位", NULL), "预算明细未填所属单位");
        else ys_check_report(ctx, at(l->src, NULL, "所属单位", l->unit), "所属单位“%s”不在单位(units)表中", l->unit);
    }
}

/* BOOK-04 功能科目 7 digits (项), 经济科目 5 digits (款). */
static void book_code_form(ys_check_ctx *ctx)
{
    const ys_budget *b = ctx->budget;
    for (size_t i = 0; i < b->nlines; i++) {
        const ys_budget_line *l = &b->lines[i];
        if (!all_digits(l->function, 7))
            ys_check_report(ctx, at(l->src, l->function, "功能科目", NULL),
                            "功能科目“%s”不是 7 位数字（应细化到项）", l->function);
        if (!all_digits(l->economic, 5))
            ys_check_report(ctx, at(l->src, l->economic, "经济科目", NULL),
                            "经济科目“%s”不是 5 位数字（应细化到款）", l->economic);
    }
}

/* BOOK-05 the catalog knows the codes, at the right level. */
static void catalog_one(ys_check_ctx *ctx, const ys_budget_line *l, ys_classification cls, const char *code,
                        int level, const char *column)
{
    const ys_catalog_entry *e = ys_catalog_lookup(ctx->catalog, cls, code);
    static const char *const levels[] = {"", "类", "款", "项"};
    if (!e) {
        ys_severity sev = ys_catalog_complete(ctx->catalog, cls) ? YS_SEV_WARNING : YS_SEV_INFO;
        ys_check_report_sev(ctx, sev, at(l->src, code, column, NULL), "%s“%s”不在%d年版科目代码表中", column, code,
                            ys_catalog_edition(ctx->catalog, cls));
    } else if (e->level != level) {
        ys_check_report_sev(ctx, YS_SEV_WARNING, at(l->src, code, column, e->name),
                            "%s“%s %s”在科目代码表中是%s级科目，应为%s级", column, code, e->name,
                            e->level >= 1 && e->level <= 3 ? levels[e->level] : "?", levels[level]);
    }
}

static void book_code_catalog(ys_check_ctx *ctx)
{
    const ys_budget *b = ctx->budget;
    if (b->nlines == 0) return;
    if (!ctx->catalog) {
        ys_check_insufficient(ctx, "未载入科目代码表，无法核对功能科目和经济科目");
        return;
    }
    for (size_t i = 0; i < b->nlines; i++) {
        const ys_budget_line *l = &b->lines[i];
        if (all_digits(l->function, 7)) catalog_one(ctx, l, YS_CLASS_FUNCTION, l->function, 3, "功能科目");
        if (all_digits(l->economic, 5)) catalog_one(ctx, l, YS_CLASS_ECONOMIC, l->economic, 2, "经济科目");
    }
}

/* BOOK-06 项目 lines carry a project code; basic lines carry none. */
static void book_project_code(ys_check_ctx *ctx)
{
    const ys_budget *b = ctx->budget;
    for (size_t i = 0; i < b->nlines; i++) {
        const ys_budget_line *l = &b->lines[i];
        if (l->kind == YS_SPEND_PROJECT && !*l->project)
            ys_check_report(ctx, at(l->src, NULL, "项目编码", NULL), "支出类型为项目，但未填项目编码");
        else if (is_basic(l->kind) && *l->project)
            ys_check_report(ctx, at(l->src, l->project, "项目编码", NULL), "基本支出（%s）填了项目编码“%s”",
                            ys_spend_kind_name(l->kind), l->project);
    }
}

/* BOOK-07 a line's project is in the projects sheet. */
static void book_project_known(ys_check_ctx *ctx)
{
    const ys_budget *b = ctx->budget;
    for (size_t i = 0; i < b->nlines; i++) {
        const ys_budget_line *l = &b->lines[i];
        if (*l->project && !is_basic(l->kind) && !ys_budget_find_project(b, l->project))
            ys_check_report(ctx, at(l->src, l->project, "项目编码", NULL), "项目编码“%s”不在项目(projects)表中", l->project);
    }
}

/* BOOK-08 a project has lines (its budget is the sum of them). */
static void book_project_lines(ys_check_ctx *ctx)
{
    const ys_budget *b = ctx->budget;
    for (size_t i = 0; i < b->nprojects; i++) {
        const ys_budget_project *p = &b->projects[i];
        ys_money total, fiscal;
        size_t n = project_sums(b, p->code, &total, &fiscal);
        if (n == 0)
            ys_check_report(ctx, at(p->src, p->code, NULL, p->name), "项目 %s %s 没有预算明细（预算数为 0）", p->code, p->name);
    }
}

/* BOOK-09 project codes are unique. */
static void book_project_unique(ys_check_ctx *ctx)
{
    const ys_budget *b = ctx->budget;
    for (size_t i = 0; i < b->nprojects; i++)
        for (size_t j = 0; j < i; j++)
            if (!strcmp(b->projects[i].code, b->projects[j].code)) {
                char first[1024];
                const ys_source *s = &b->projects[j].src;
                if (s->where) snprintf(first, sizeof first, "%s", s->where);
                else snprintf(first, sizeof first, "第 %d 行", s->line);
                ys_finding *fd = ys_check_report(ctx, at(b->projects[i].src, b->projects[i].code, "项目编码", b->projects[i].name),
                                                 "项目编码“%s”重复（已在%s出现）", b->projects[i].code, first);
                ys_finding_add_loc(fd, at(*s, b->projects[j].code, "项目编码", b->projects[j].name));
                break;
            }
}

/* BOOK-10 the spending schedule is cumulative and reaches 100 % (or the project's budget). */
static void book_schedule(ys_check_ctx *ctx)
{
    const ys_budget *b = ctx->budget;
    char x[YS_MONEY_BUFSZ + 8], y[YS_MONEY_BUFSZ + 8], z[YS_MONEY_BUFSZ + 8];
    for (size_t i = 0; i < b->nprojects; i++) {
        const ys_budget_project *p = &b->projects[i];
        ys_money total, fiscal;
        project_sums(b, p->code, &total, &fiscal);
        const ys_schedule_point *last = NULL, *prev = NULL;
        ys_buf missing = YS_BUF_INIT;
        bool bad_order = false;
        for (size_t k = 0; k < p->nschedule; k++) {
            const ys_schedule_point *pt = &p->schedule[k];
            if (pt->value.kind != YS_CELL_MONEY) {
                ys_buf_printf(&missing, "%s%s", missing.len ? "、" : "", pt->label);
                continue;
            }
            if (prev && pt->value.money < prev->value.money && !bad_order) {
                bad_order = true;
                const char *pc = p->schedule_percent && !strchr(pt->value.text, '%') ? "%" : "";
                ys_check_report(ctx, at(pt->value.src, p->code, pt->label, p->name),
                                "项目 %s 资金支出计划不是累计数：%s %s%s 小于 %s %s%s", p->code, pt->label, pt->value.text,
                                pc, prev->label, prev->value.text, pc);
            }
            prev = last = pt;
        }
        if (!last) {
            ys_check_report(ctx, at(p->src, p->code, NULL, p->name), "项目 %s %s 未填写资金支出计划", p->code, p->name);
            ys_buf_release(&missing);
            continue;
        }
        if (missing.len)
            ys_check_report(ctx, at(p->src, p->code, NULL, p->name), "项目 %s 资金支出计划缺少 %s", p->code, missing.data);
        ys_buf_release(&missing);
        if (strcmp(last->label, "12月底") != 0) continue;   /* said above: the last point is missing */
        if (p->schedule_percent) {
            if (last->value.money != 10000) {
                ys_money_format(last->value.money, YS_UNIT_YUAN, 0, x, sizeof x);
                ys_check_report(ctx, at(last->value.src, p->code, last->label, p->name),
                                "项目 %s 资金支出计划 12月底 为 %s%%，应为 100%%", p->code, x);
            }
        } else if (last->value.money != total) {
            ys_finding *fd = ys_check_report(ctx, at(last->value.src, p->code, last->label, p->name),
                                             "项目 %s 资金支出计划 12月底 %s ≠ 预算数 %s（差 %s）", p->code,
                                             amt(b, last->value.money, x, sizeof x), amt(b, total, y, sizeof y),
                                             amt(b, last->value.money - total, z, sizeof z));
            ys_finding_set_amounts(fd, true, total, true, last->value.money, unit_of(b), 2);
        }
    }
}

/* BOOK-11 单位资金 lines name their source; other funds none. */
static void book_source(ys_check_ctx *ctx)
{
    const ys_budget *b = ctx->budget;
    for (size_t i = 0; i < b->nlines; i++) {
        const ys_budget_line *l = &b->lines[i];
        if (l->fund == YS_FUND_UNIT && l->source == YS_SOURCE_NONE)
            ys_check_report(ctx, at(l->src, NULL, "单位资金来源", NULL),
                            "单位资金未填来源（事业收入、经营收入、上级补助收入、附属单位上缴收入 或 其他收入）");
        else if (l->fund != YS_FUND_UNIT && l->source != YS_SOURCE_NONE)
            ys_check_report_sev(ctx, YS_SEV_WARNING, at(l->src, NULL, "单位资金来源", NULL),
                                "资金性质为%s，却填了单位资金来源“%s”（只用于单位资金）", ys_fund_name(l->fund),
                                ys_source_kind_name(l->source));
    }
}

/* BOOK-12 人员经费 lines use 301/303 (309/310 tolerated), 公用经费 lines not 301/303. */
static void book_economic_kind(ys_check_ctx *ctx)
{
    const ys_budget *b = ctx->budget;
    for (size_t i = 0; i < b->nlines; i++) {
        const ys_budget_line *l = &b->lines[i];
        if (!all_digits(l->economic, 5)) continue;
        bool personnel_class = !strncmp(l->economic, "301", 3) || !strncmp(l->economic, "303", 3);
        bool capital = !strncmp(l->economic, "309", 3) || !strncmp(l->economic, "310", 3);
        if (l->kind == YS_SPEND_PERSONNEL && !personnel_class && !capital)
            ys_check_report(ctx, at(l->src, l->economic, "经济科目", NULL),
                            "基本人员经费使用了经济科目 %s（人员经费应为 301 工资福利支出、303 对个人和家庭的补助）", l->economic);
        else if (l->kind == YS_SPEND_PUBLIC && personnel_class)
            ys_check_report(ctx, at(l->src, l->economic, "经济科目", NULL),
                            "基本公用经费使用了经济科目 %s（301、303 属于人员经费）", l->economic);
    }
}

/* BOOK-13 amounts are not negative. */
static void book_negative(ys_check_ctx *ctx)
{
    const ys_budget *b = ctx->budget;
    char x[YS_MONEY_BUFSZ + 8];
    for (size_t i = 0; i < b->nlines; i++)
        if (b->lines[i].amount < 0)
            ys_check_report(ctx, at(b->lines[i].src, b->lines[i].economic, "金额", NULL), "预算明细金额为负数：%s",
                            amt(b, b->lines[i].amount, x, sizeof x));
    for (size_t i = 0; i < b->nprocurement; i++)
        if (b->procurement[i].amount < 0 || b->procurement[i].sme < 0 || b->procurement[i].price < 0)
            ys_check_report(ctx, at(b->procurement[i].src, NULL, "采购金额", b->procurement[i].item), "政府采购金额为负数");
    for (size_t i = 0; i < b->nassets; i++)
        if (b->assets[i].value < 0)
            ys_check_report(ctx, at(b->assets[i].src, NULL, "价值", b->assets[i].item), "资产“%s”价值为负数：%s",
                            b->assets[i].item, amt(b, b->assets[i].value, x, sizeof x));
    for (size_t i = 0; i < b->nprior; i++)
        if (b->prior[i].amount < 0)
            ys_check_report(ctx, at(b->prior[i].src, NULL, "上年预算数", b->prior[i].item), "上年数“%s”为负数：%s",
                            b->prior[i].item, amt(b, b->prior[i].amount, x, sizeof x));
}

/* BOOK-14 prior items and text sections are known keys (docs/BOOK.md). */
static bool in_list(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (!strcmp(s, *list)) return true;
    return false;
}

static void book_keys(ys_check_ctx *ctx)
{
    const ys_budget *b = ctx->budget;
    for (size_t i = 0; i < b->nprior; i++)
        if (!in_list(b->prior[i].item, ys_book_prior_keys))
            ys_check_report(ctx, at(b->prior[i].src, NULL, "项目", b->prior[i].item),
                            "上年数项目“%s”无法识别（应为 total、basic、project、three_public、abroad、car、car_buy、car_run、"
                            "reception、meeting、training、running_costs 之一），不会被使用", b->prior[i].item);
    for (size_t i = 0; i < b->ntexts; i++)
        if (!in_list(b->texts[i].section, ys_book_text_sections))
            ys_check_report(ctx, at(b->texts[i].src, NULL, "部分", b->texts[i].section),
                            "文字说明部分“%s”无法识别（应为 duties、performance、special_funds、changes、other 之一），不会被使用",
                            b->texts[i].section);
}

/* BOOK-15 a project names a known unit and has a name. */
static void book_project_fields(ys_check_ctx *ctx)
{
    const ys_budget *b = ctx->budget;
    for (size_t i = 0; i < b->nprojects; i++) {
        const ys_budget_project *p = &b->projects[i];
        if (!*p->name) ys_check_report(ctx, at(p->src, p->code, "项目名称", NULL), "项目 %s 未填项目名称", p->code);
        if (*p->unit && b->nunits && !ys_budget_find_unit(b, p->unit))
            ys_check_report(ctx, at(p->src, p->code, "所属单位", p->unit), "项目 %s 的所属单位“%s”不在单位(units)表中",
                            p->code, p->unit);
    }
}

const ys_rule ys_rules_book[] = {
    {"BOOK-01", YS_SEV_ERROR, "book", "基本信息应写明部门、年度、行政区划和金额单位", "docs/BOOK.md meta", book_meta},
    {"BOOK-02", YS_SEV_WARNING, "book", "预算明细不应为空", "docs/BOOK.md lines", book_lines_empty},
    {"BOOK-03", YS_SEV_ERROR, "book", "预算明细的所属单位应在单位表中", "docs/BOOK.md lines.unit; 机构设置", book_line_unit},
    {"BOOK-04", YS_SEV_ERROR, "book", "功能科目应为7位（项），经济科目应为5位（款）", "财预〔2016〕143号; REQ-02, REQ-03", book_code_form},
    {"BOOK-05", YS_SEV_INFO, "book", "科目编码应在科目代码表中且级次正确", "政府收支分类科目; R23", book_code_catalog},
    {"BOOK-06", YS_SEV_ERROR, "book", "项目支出应填项目编码，基本支出不填", "docs/BOOK.md lines.project", book_project_code},
    {"BOOK-07", YS_SEV_ERROR, "book", "预算明细的项目应在项目表中", "docs/BOOK.md projects", book_project_known},
    {"BOOK-08", YS_SEV_WARNING, "book", "项目应有预算明细", "docs/BOOK.md projects; R36", book_project_lines},
    {"BOOK-09", YS_SEV_ERROR, "book", "项目编码应唯一", "R38", book_project_unique},
    {"BOOK-10", YS_SEV_WARNING, "book", "资金支出计划应为累计数并达到100%或预算数", "R37", book_schedule},
    {"BOOK-11", YS_SEV_ERROR, "book", "单位资金应填写收入来源", "收入总表; docs/BOOK.md lines.source", book_source},
    {"BOOK-12", YS_SEV_WARNING, "book", "人员经费、公用经费的经济科目应相符", "R12, R13", book_economic_kind},
    {"BOOK-13", YS_SEV_WARNING, "book", "金额不应为负数", "docs/BOOK.md", book_negative},
    {"BOOK-14", YS_SEV_WARNING, "book", "上年数项目和文字说明部分应为已知的键", "docs/BOOK.md prior, texts", book_keys},
    {"BOOK-15", YS_SEV_WARNING, "book", "项目应有名称且所属单位在单位表中", "docs/BOOK.md projects", book_project_fields},
    {NULL, YS_SEV_INFO, NULL, NULL, NULL, NULL},
};
