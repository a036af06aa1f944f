/*
 * disclosure.h — the model of a published (or compiled) disclosure: what every check runs on and every
 * renderer reads. Both paths produce it: a reader (src/read/) from a published document, derive
 * (src/derive/) from a budget book.
 *
 * Ownership: a ys_disclosure owns an arena; every string, table, row, cell, project and section hangs in
 * it and goes with ys_disclosure_free(). Strings are normalised text (core/text.h) unless a field says
 * `raw` (the original, for evidence and display).
 *
 * Tables. A table has an id (ys_table_id, the standard ids of DESIGN.md), columns and rows. Columns are
 * the printed columns after 序号, code and name; each carries its leaf header text and a semantic key
 * from the template data (data/templates/tables.tsv), so rules find "基本支出" by key, not by position.
 * The keys per table are listed at the end of this header. Two-sided tables (summary, fiscal_summary)
 * keep every printed column; their label columns (kind YS_COL_LABEL) hold the label text in cell.text,
 * and the row's name is empty.
 *
 * Cells. An empty printed cell is YS_CELL_EMPTY: zero in arithmetic, null in output. Money is int64 分
 * (core/money.h) whatever the table's unit; `decimals` says how it was printed.
 */
#ifndef YS_DISCLOSURE_H
#define YS_DISCLOSURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/money.h"

typedef enum {
    YS_TABLE_NONE = -1,
    YS_TABLE_SUMMARY = 0,     /* summary        收支总表 */
    YS_TABLE_INCOME,          /* income         收入总表 */
    YS_TABLE_EXPENSE,         /* expense        支出总表 */
    YS_TABLE_FISCAL_SUMMARY,  /* fiscal_summary 财政拨款收支总表 */
    YS_TABLE_GPB_EXPENSE,     /* gpb_expense    一般公共预算(财政拨款)支出表 */
    YS_TABLE_GPB_BASIC,       /* gpb_basic      一般公共预算(财政拨款)基本支出表 */
    YS_TABLE_GOV_FUND,        /* gov_fund       政府性基金预算(财政拨款)支出表 */
    YS_TABLE_SOE_CAPITAL,     /* soe_capital    国有资本经营预算(财政拨款)支出表 */
    YS_TABLE_THREE_PUBLIC,    /* three_public   财政拨款"三公"经费支出表 */
    YS_TABLE_PROCUREMENT,     /* procurement    政府采购预算表 */
    YS_TABLE_ASSETS,          /* assets         国有资产 / 固定资产占用情况表 */
    YS_TABLE_ORGANISATION,    /* organisation   机构设置 */
    YS_TABLE__COUNT,
    /* pseudo-tables for findings only */
    YS_TABLE_PROJECT_TARGETS = 100, /* project_targets */
    YS_TABLE_NARRATIVE,             /* narrative */
    YS_TABLE_DOCUMENT               /* document */
} ys_table_id;

const char *ys_table_id_name(ys_table_id id);        /* "summary", …, "project_targets", "document" */
ys_table_id ys_table_id_parse(const char *name);     /* YS_TABLE_NONE when unknown */
const char *ys_table_id_title(ys_table_id id);       /* a Chinese short title: "收支总表" */

typedef enum { YS_KIND_UNKNOWN = 0, YS_KIND_BUDGET /* 预算 */, YS_KIND_FINAL /* 决算 */ } ys_kind;
typedef enum { YS_SCOPE_UNKNOWN = 0, YS_SCOPE_DEPARTMENT /* 部门 */, YS_SCOPE_UNIT /* 单位 */ } ys_scope;
const char *ys_kind_name(ys_kind k);     /* "预算", "决算", "" */
const char *ys_scope_name(ys_scope s);   /* "部门", "单位", "" */

/* Where something was read: file and 1-based line (text) or page (PDF); sheet!A1 for workbooks. */
typedef struct {
    const char *file;   /* borrowed from the disclosure (ys_disclosure.file) */
    int line;           /* 0 = unknown */
    int page;           /* 0 = none */
    const char *where;  /* "Sheet1!B7"; NULL = use line/page */
} ys_source;

typedef enum {
    YS_CELL_EMPTY = 0,  /* printed empty (or "-"): zero in arithmetic, null in output */
    YS_CELL_MONEY,      /* money: .money in 分 */
    YS_CELL_QUANTITY,   /* a count or an area (数量): .qty, printed as .text */
    YS_CELL_TEXT        /* label text, or a value that is not a number (kept for evidence) */
} ys_cell_kind;

typedef struct {
    ys_cell_kind kind;
    ys_money money;     /* 分, when YS_CELL_MONEY */
    int64_t qty;        /* when YS_CELL_QUANTITY (integer as printed) */
    int decimals;       /* printed decimals of a money cell */
    const char *text;   /* normalised printed text ("" when empty) */
    const char *raw;    /* original text; NULL when equal to text */
    ys_source src;      /* where the cell (its first part) was printed */
} ys_cell;

typedef enum {
    YS_COL_MONEY = 0,   /* amounts */
    YS_COL_QUANTITY,    /* counts, areas */
    YS_COL_LABEL,       /* label text (two-sided tables: the 项目 columns) */
    YS_COL_TEXT         /* other text (procurement item names, organisation fields) */
} ys_col_kind;

typedef struct {
    const char *header;  /* leaf header text as printed (normalised) */
    const char *key;     /* semantic key ("total", "basic", …), see the list below; "" if unknown */
    ys_col_kind kind;
} ys_column;

typedef struct {
    int seq;             /* printed 序号; -1 when none */
    const char *code;    /* full code, digits only ("2080507"); "" when none */
    const char *name;    /* normalised, stitched across pages */
    const char *name_raw;
    ys_cell *cells;      /* ncols cells, one per table column */
    ys_source src;       /* where the row starts */
} ys_row;

typedef struct {
    ys_table_id id;
    const char *title;        /* as printed (normalised) */
    ys_unit unit;             /* YS_UNIT_UNKNOWN when the table states none */
    const char *unit_text;    /* "单位：万元" as printed, or NULL */
    const char *department;   /* department line as printed ("323 赵县人力资源和社会保障局"), or NULL */
    const char *year_text;    /* "2024" from 预算年度, or NULL */
    const char *note;         /* the printed note(s) (空表 notes), joined by "\n"; NULL when none */
    size_t ncols;
    ys_column *cols;
    size_t nrows, rows_cap;
    ys_row *rows;
    ys_source src;            /* the title line */
} ys_table;

/* A performance indicator row of a project table. */
typedef struct {
    const char *level1, *level2, *level3;   /* 一级 / 二级 / 三级指标 */
    const char *description;                /* 绩效指标描述 */
    const char *value;                      /* 指标值 */
    const char *basis;                      /* 指标值确定依据 */
    ys_source src;
} ys_indicator;

/* One point of a spending schedule (资金支出计划): "3月底" → 25.00 */
typedef struct {
    const char *label;   /* normalised, spaces removed: "3月底" */
    ys_cell value;       /* money cell (as printed; may also be read as a percentage) */
} ys_schedule_point;

typedef struct {
    int seq;                    /* printed number "1、…绩效目标表"; -1 when none */
    const char *code;           /* 项目编码 */
    const char *name;           /* 项目名称 */
    const char *title;          /* the table title as printed */
    ys_unit unit;
    ys_cell budget, fiscal, other;   /* 预算数, 其中：财政资金, 其他资金 */
    const char *purpose;        /* 资金用途 */
    bool schedule_percent;      /* the schedule header says (%) */
    size_t nschedule;
    ys_schedule_point *schedule;
    const char *goal;           /* 绩效目标 text */
    size_t nindicators, indicators_cap;
    ys_indicator *indicators;
    ys_source src;              /* the title line */
} ys_project;

/* An amount cited in the narrative: "基本支出1443.71万元". */
typedef struct {
    const char *label;     /* the words before the amount within its clause ("其中基本支出") */
    const char *text;      /* the amount as printed ("1443.71万元") */
    ys_money amount;       /* 分 */
    ys_unit unit;
    int decimals;
    const char *context;   /* the whole clause, for messages */
    ys_source src;
} ys_figure;

typedef struct {
    const char *number;    /* "一", "二", … ("" for the untitled preamble) */
    const char *title;     /* "部门预算安排的总体情况" */
    const char *text;      /* the body, paragraphs joined by "\n" */
    size_t nfigures, figures_cap;
    ys_figure *figures;
    ys_source src;
} ys_section;

/* A line of the table of contents (目录). */
typedef struct {
    const char *title;
    int page;              /* printed page number; 0 if none */
    ys_table_id table;     /* the table it names, or YS_TABLE_NONE */
    ys_source src;
} ys_toc_entry;

/* A figure compared with last year's (derive fills these from the book's prior figures; the HTML
 * renderer charts them; the 情况说明 cites them). */
typedef struct {
    const char *item;      /* key: total, basic, project, three_public, abroad, car, car_buy, car_run,
                              reception, running_costs … (docs/BOOK.md, sheet prior) */
    const char *label;     /* Chinese label: "“三公”经费" */
    ys_money current;      /* this year, 分 */
    ys_money prior;        /* last year, 分 */
    bool has_prior;
    const char *reason;    /* 增减变化原因, "" when none */
} ys_comparison;

typedef struct {
    const char *department;       /* 赵县人力资源和社会保障局 */
    const char *department_code;  /* 323 (local to the region) */
    const char *region;           /* 赵县 */
    ys_scope scope;
    int year;                     /* 0 when unknown */
    ys_kind kind;
    ys_unit unit;                 /* the unit most tables use */
} ys_meta;

typedef struct ys_disclosure {
    ys_arena *arena;              /* owned: everything below lives here */
    const char *file;             /* the path as given, for sources */
    ys_meta meta;
    ys_table *tables[YS_TABLE__COUNT];   /* NULL when the document has no such table */
    size_t nprojects, projects_cap;
    ys_project *projects;
    size_t nsections, sections_cap;
    ys_section *sections;
    size_t ntoc, toc_cap;
    ys_toc_entry *toc;
    size_t ncomparisons, comparisons_cap;
    ys_comparison *comparisons;   /* year-over-year figures; empty for documents read back */
    size_t nlines;                /* source lines (text readers), for evidence in reports */
    const char **lines;           /* raw lines, 1-based index i → lines[i-1]; NULL when not kept */
} ys_disclosure;

ys_disclosure *ys_disclosure_new(const char *file);
void ys_disclosure_free(ys_disclosure *d);    /* accepts NULL */

/* Create (or return the existing) table `id` with the given columns (copied). */
ys_table *ys_disclosure_add_table(ys_disclosure *d, ys_table_id id, const char *title, size_t ncols,
                                  const ys_column *cols);
ys_table *ys_disclosure_table(const ys_disclosure *d, ys_table_id id);  /* NULL when absent */

/* Append a row with ncols empty cells; returns it for the caller to fill. Strings are copied. */
ys_row *ys_table_add_row(ys_disclosure *d, ys_table *t, int seq, const char *code, const char *name);

/* Column index by key, -1 when the table has no such column. */
int ys_table_col(const ys_table *t, const char *key);
/* Cell by column key, NULL when the table has no such column. */
const ys_cell *ys_row_cell(const ys_table *t, const ys_row *r, const char *key);
/* Money of a cell for arithmetic: 0 for empty/text/NULL. */
ys_money ys_cell_money(const ys_cell *c);
bool ys_cell_is_money(const ys_cell *c);
/* Row by code (first match), NULL when absent. */
ys_row *ys_table_find_code(const ys_table *t, const char *code);

/* Set a money cell from printed text in the table's unit; returns false when the text is not money
 * (the cell is then YS_CELL_TEXT with the text kept). Empty text → YS_CELL_EMPTY. */
bool ys_cell_set_printed(ys_disclosure *d, ys_cell *c, const char *text, ys_unit unit, ys_source src);
void ys_cell_set_money(ys_cell *c, ys_money v, int decimals);

ys_project *ys_disclosure_add_project(ys_disclosure *d);
ys_indicator *ys_project_add_indicator(ys_disclosure *d, ys_project *p);
ys_section *ys_disclosure_add_section(ys_disclosure *d, const char *number, const char *title);
ys_figure *ys_section_add_figure(ys_disclosure *d, ys_section *s);
ys_toc_entry *ys_disclosure_add_toc(ys_disclosure *d);
ys_comparison *ys_disclosure_add_comparison(ys_disclosure *d);

/* A code's level in the function classification: 3 → 类, 5 → 款, 7 → 项; economic: 3 类, 5 款. */
int ys_code_level(const char *code);   /* 1, 2, 3 for 3/5/7 digits; 0 otherwise */

/*
 * Column keys by table (from data/templates/tables.tsv; a template may lack some):
 *   summary         in_item, in_amount, out_item, out_amount                  (two-sided)
 *   fiscal_summary  in_item, in_amount, out_item, out_total, out_gpb, out_gov_fund, out_soe (two-sided)
 *   income          total, subtotal, fiscal, special, business, operating, superior, affiliated, other,
 *                   carryover
 *   expense         total, basic, project, operating, remit, subsidy
 *   gpb_expense, gov_fund, soe_capital   total, basic, project
 *   gpb_basic       total, personnel, public
 *   three_public    total, gpb, gov_fund, soe   (rows by name: 合计, 小计, 因公出国(境)费, …)
 *   procurement     source_project, source_amount, item, catalog_no, measure, quantity, price, total,
 *                   gpb, gov_fund, soe, special, unit_funds, sme
 *   assets          quantity, value   (rows by name: 资产总额, 房屋, 办公用房, 车辆, …)
 *   organisation    unit_type, unit_level, funding   (row name = 单位名称)
 * 决算 (final accounts; docs/FINAL.md) add:
 *   summary, fiscal_summary   in_budget, out_budget (年初预算数 beside 决算数; the amount stays in_amount …)
 *   income          use_nonfiscal 使用非财政拨款结余, carry_begin 年初结转和结余 (本年收入合计 → total)
 *   expense         distribution 结余分配, carry_end 年末结转和结余 (本年支出合计 → total, 上缴上级支出 → remit)
 *   gpb_expense, gov_fund, soe_capital   carry_begin, income_year 本年收入, carry_end, budget_initial 年初预算数,
 *                   budget_adjusted 调整预算数, budget_full 全年预算数, final 决算数
 *   gpb_basic       budget_initial; 决算数 → total (side-by-side blocks stacked by read/text_final.c)
 *   three_public    budget_initial (预算数), budget_full, final; counts (quantity): trips 团组数, travellers 人数,
 *                   cars_bought 购置数, cars_held 保有量, receptions 接待批次, guests 接待人数
 */

#endif
