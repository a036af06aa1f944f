/*
 * budget.h — the model of a department's approved budget: the single source of truth on the compile
 * path. A budget book (docs/BOOK.md: an XLSX workbook or a directory of TSV files) is read into a
 * ys_budget (src/read/book.c); derive (src/derive/) turns it into a ys_disclosure whose tables agree
 * with each other by construction.
 *
 * Ownership: a ys_budget owns an arena; every string and array hangs in it and goes with
 * ys_budget_free(). Money is int64 分 (core/money.h), converted exactly from the book's declared unit.
 * Every record keeps where it was read (ys_source: file:line or sheet!A1) for findings about inputs.
 */
#ifndef YS_BUDGET_H
#define YS_BUDGET_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/money.h"
#include "model/disclosure.h"

/* Where the money comes from (资金性质). The first three are 财政拨款. */
typedef enum {
    YS_FUND_GPB = 0,     /* 一般公共预算 */
    YS_FUND_GOV,         /* 政府性基金预算 */
    YS_FUND_SOE,         /* 国有资本经营预算 */
    YS_FUND_SPECIAL,     /* 财政专户管理资金 */
    YS_FUND_UNIT,        /* 单位资金 */
    YS_FUND__COUNT
} ys_fund;
const char *ys_fund_name(ys_fund f);           /* "一般公共预算", … */
int ys_fund_parse(const char *s);              /* by name or alias; -1 when unknown */
bool ys_fund_is_fiscal(ys_fund f);             /* 财政拨款: GPB, GOV, SOE */

/* The income source of 单位资金 lines (收入总表 columns). */
typedef enum {
    YS_SOURCE_NONE = 0,  /* not 单位资金 (the fund decides the column) */
    YS_SOURCE_BUSINESS,  /* 事业收入 */
    YS_SOURCE_OPERATING, /* 经营收入 (事业单位经营收入) */
    YS_SOURCE_SUPERIOR,  /* 上级补助收入 */
    YS_SOURCE_AFFILIATED,/* 附属单位上缴收入 */
    YS_SOURCE_OTHER      /* 其他收入 */
} ys_source_kind;
const char *ys_source_kind_name(ys_source_kind s);
int ys_source_kind_parse(const char *s);       /* -1 when unknown; "" → YS_SOURCE_NONE */

/* What a line pays for (支出总表 columns; 基本 split into 人员 / 公用). */
typedef enum {
    YS_SPEND_PERSONNEL = 0, /* 基本支出-人员经费 */
    YS_SPEND_PUBLIC,        /* 基本支出-公用经费 */
    YS_SPEND_PROJECT,       /* 项目支出 */
    YS_SPEND_OPERATING,     /* 经营支出 */
    YS_SPEND_REMIT,         /* 上解上级支出 */
    YS_SPEND_SUBSIDY        /* 对附属单位补助支出 */
} ys_spend_kind;
const char *ys_spend_kind_name(ys_spend_kind k);  /* "人员经费", "公用经费", "项目", "经营", "上解上级", "对附属单位补助" */
int ys_spend_kind_parse(const char *s);           /* accepts 基本人员 / 基本-人员 / 人员经费 …; -1 when unknown */

typedef enum { YS_UNIT_ADMIN = 0 /* 行政 */, YS_UNIT_CIVIL /* 参公 */, YS_UNIT_INSTITUTION /* 事业 */, YS_UNIT_OTHER } ys_unit_type;
const char *ys_unit_type_name(ys_unit_type t);
int ys_unit_type_parse(const char *s);

/* A budget line item. */
typedef struct {
    const char *unit;         /* 所属单位 (a name of ys_budget.units) */
    const char *function;     /* 功能科目, 7 digits (项) */
    const char *economic;     /* 部门经济科目, 5 digits (款) */
    ys_fund fund;
    ys_source_kind source;    /* for 单位资金 */
    bool carryover;           /* 上年结转 (money of earlier years), else this year's income */
    ys_spend_kind kind;
    const char *project;      /* 项目编码; "" for basic spending */
    ys_money amount;          /* 分 */
    const char *tag;          /* "" or a 其中 tag: 教学科研人员 (因公出国), 会议费 kinds … */
    ys_source src;
} ys_budget_line;

typedef struct {
    const char *name;         /* 单位名称 */
    ys_unit_type type;
    const char *level;        /* 单位规格 (正科级 …) */
    const char *funding;      /* 经费保障形式 */
    ys_source src;
} ys_budget_unit;

typedef struct {
    const char *code, *name, *unit;
    const char *purpose;      /* 资金用途 */
    const char *goal;         /* 绩效目标 */
    bool schedule_percent;    /* the plan is in % of the budget (else money) */
    size_t nschedule;
    ys_schedule_point *schedule;   /* labels 3月底 / 6月底 / 10月底 / 12月底; values as money or % cells */
    size_t nindicators, indicators_cap;
    ys_indicator *indicators;
    ys_source src;
} ys_budget_project;

typedef struct {
    const char *project;      /* 项目名称 (source project) */
    const char *item;         /* 采购物品名称 */
    const char *catalog_no;   /* 政府采购目录序号 */
    const char *measure;      /* 计量单位 */
    int64_t quantity;
    ys_money price;
    ys_fund fund;
    ys_money amount;
    ys_money sme;             /* 预留中小企业份额 */
    ys_source src;
} ys_budget_procurement;

typedef struct {
    const char *item;         /* 资产总额 is derived; items: 房屋, 其中:办公用房, 车辆, 单价20万元以上设备, 其他 */
    int64_t quantity;         /* -1 when none */
    const char *quantity_text;
    ys_money value;
    ys_source src;
} ys_budget_asset;

/* Last year's figure of an item, and the reason it changed (增减变化原因). */
typedef struct {
    const char *item;         /* key: total, basic, project, three_public, abroad, car, car_buy, car_run,
                                 reception, meeting, training, running_costs, … (docs/BOOK.md) */
    ys_money amount;
    const char *reason;       /* "" when none */
    ys_source src;
} ys_budget_prior;

/* Free text an officer writes: 部门职责, 部门整体绩效目标, 其他需要说明的事项 … */
typedef struct {
    const char *section;      /* key: duties, performance, other, … */
    const char *text;         /* paragraphs joined by "\n" */
    ys_source src;
} ys_budget_text;

typedef struct ys_budget {
    ys_arena *arena;          /* owned */
    const char *file;         /* the book's path */
    ys_meta meta;             /* department, code, region, year, kind, scope, unit (the book's unit) */
    const char *template_id;  /* table/text template set (data/templates/…); "" = default */
    const char *assets_as_of; /* 截止时间 of the assets figures ("2023-12-31") */
    ys_money planned_purchases; /* 本年度拟购置固定资产总额 */
    size_t nlines, lines_cap;             ys_budget_line *lines;
    size_t nunits, units_cap;             ys_budget_unit *units;
    size_t nprojects, projects_cap;       ys_budget_project *projects;
    size_t nprocurement, procurement_cap; ys_budget_procurement *procurement;
    size_t nassets, assets_cap;           ys_budget_asset *assets;
    size_t nprior, prior_cap;             ys_budget_prior *prior;
    size_t ntexts, texts_cap;             ys_budget_text *texts;
    ys_unit display_unit;     /* meta display_unit: unit of the published tables (default: meta.unit) */
} ys_budget;

ys_budget *ys_budget_new(const char *file);
void ys_budget_free(ys_budget *b);   /* accepts NULL */

ys_budget_line *ys_budget_add_line(ys_budget *b);
ys_budget_unit *ys_budget_add_unit(ys_budget *b);
ys_budget_project *ys_budget_add_project(ys_budget *b);
ys_indicator *ys_budget_project_add_indicator(ys_budget *b, ys_budget_project *p);
ys_budget_procurement *ys_budget_add_procurement(ys_budget *b);
ys_budget_asset *ys_budget_add_asset(ys_budget *b);
ys_budget_prior *ys_budget_add_prior(ys_budget *b);
ys_budget_text *ys_budget_add_text(ys_budget *b);

const ys_budget_unit *ys_budget_find_unit(const ys_budget *b, const char *name);
const ys_budget_project *ys_budget_find_project(const ys_budget *b, const char *code);
const ys_budget_prior *ys_budget_find_prior(const ys_budget *b, const char *item);   /* NULL when absent */
const char *ys_budget_find_text(const ys_budget *b, const char *section);           /* NULL when absent */

#endif
