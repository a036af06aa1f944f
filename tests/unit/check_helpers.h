/*
 * check_helpers.h — builds small, consistent disclosures in C for the rule tests (test_check_*.c): the
 * nine standard tables of a department with two function classes, in 万元, every identity holding.
 * A test breaks one cell (ckh_set) and checks that exactly one finding comes out, at that cell.
 *
 * Header-only (static inline functions): each test binary includes it once.
 */
#ifndef CHECK_HELPERS_H
#define CHECK_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "check/check.h"
#include "core/text.h"
#include "model/disclosure.h"
#include "model/finding.h"

static const char *ckh_header(const char *key)
{
    static const struct { const char *key, *header; } h[] = {
        {"total", "合计"}, {"subtotal", "小计"}, {"fiscal", "财政拨款收入"}, {"carryover", "上年结转"},
        {"basic", "基本支出"}, {"project", "项目支出"}, {"personnel", "人员经费"}, {"public", "公用经费"},
        {"gpb", "一般公共预算财政拨款"}, {"gov_fund", "政府性基金预算拨款"}, {"soe", "国有资本经营预算财政拨款"},
        {"in_item", "项目"}, {"in_amount", "预算数"}, {"out_item", "项目"}, {"out_amount", "预算数"},
        {"out_total", "合计"}, {"out_gpb", "一般公共预算财政拨款"}, {"out_gov_fund", "政府性基金预算财政拨款"},
        {"out_soe", "国有资本经营预算财政拨款"},
    };
    for (size_t i = 0; i < sizeof h / sizeof *h; i++)
        if (strcmp(h[i].key, key) == 0) return h[i].header;
    return key;
}

static inline ys_table *ckh_table(ys_disclosure *d, ys_table_id id, const char *keys)
{
    ys_column cols[12];
    char buf[256];
    snprintf(buf, sizeof buf, "%s", keys);
    size_t n = 0;
    char *p = buf;
    while (p && n < 12) {
        char *sp = strchr(p, ' ');
        if (sp) *sp = '\0';
        char *key = ys_arena_strdup(d->arena, p);
        cols[n].key = key;
        cols[n].header = ckh_header(key);
        cols[n].kind = (strstr(key, "_item")) ? YS_COL_LABEL : YS_COL_MONEY;
        n++;
        p = sp ? sp + 1 : NULL;
    }
    ys_table *t = ys_disclosure_add_table(d, id, NULL, n, cols);
    t->unit = YS_UNIT_WANYUAN;
    return t;
}

static int ckh_line = 1;

/* Add a row; cells "a|b|c" in column order (empty = empty cell). */
static inline ys_row *ckh_row_add(ys_disclosure *d, ys_table *t, int seq, const char *code, const char *name, const char *cells)
{
    ys_row *r = ys_table_add_row(d, t, seq, code, name);
    ys_source src = {d->file, ckh_line++, 0, NULL};
    r->src = src;
    const char *p = cells;
    for (size_t c = 0; c < t->ncols; c++) {
        const char *bar = p ? strchr(p, '|') : NULL;
        size_t len = p ? (bar ? (size_t)(bar - p) : strlen(p)) : 0;
        char *text = ys_arena_strndup(d->arena, p ? p : "", len);
        ys_cell_set_printed(d, &r->cells[c], text, t->unit, src);
        p = bar ? bar + 1 : NULL;
    }
    return r;
}

static inline ys_disclosure *ckh_clean_doc(void)
{
    ys_disclosure *d = ys_disclosure_new("test.txt");
    d->meta.unit = YS_UNIT_WANYUAN;
    d->meta.year = 2024;
    ys_table *t = ckh_table(d, YS_TABLE_SUMMARY, "in_item in_amount out_item out_amount");
    ckh_row_add(d, t, 1, "", "", "一、一般公共预算拨款收入|100.00|一、一般公共服务支出|");
    ckh_row_add(d, t, 2, "", "", "二、政府性基金预算拨款收入||八、社会保障和就业支出|90.00");
    ckh_row_add(d, t, 3, "", "", "||十、卫生健康支出|10.00");
    ckh_row_add(d, t, 4, "", "", "本年收入合计|100.00|本年支出合计|100.00");
    ckh_row_add(d, t, 5, "", "", "上年结转结余||年终结转结余|");
    ckh_row_add(d, t, 6, "", "", "收入总计|100.00|支出总计|100.00");

    t = ckh_table(d, YS_TABLE_INCOME, "total subtotal fiscal carryover");
    ckh_row_add(d, t, 1, "", "合计", "100.00|100.00|100.00|");
    ckh_row_add(d, t, 2, "208", "社会保障和就业支出", "90.00|90.00|90.00|");
    ckh_row_add(d, t, 3, "20801", "人力资源和社会保障管理事务", "90.00|90.00|90.00|");
    ckh_row_add(d, t, 4, "2080101", "行政运行", "60.00|60.00|60.00|");
    ckh_row_add(d, t, 5, "2080102", "一般行政管理事务", "30.00|30.00|30.00|");
    ckh_row_add(d, t, 6, "210", "卫生健康支出", "10.00|10.00|10.00|");
    ckh_row_add(d, t, 7, "21011", "行政事业单位医疗", "10.00|10.00|10.00|");
    ckh_row_add(d, t, 8, "2101101", "行政单位医疗", "10.00|10.00|10.00|");

    for (int k = 0; k < 2; k++) {
        t = ckh_table(d, k ? YS_TABLE_GPB_EXPENSE : YS_TABLE_EXPENSE, "total basic project");
        ckh_row_add(d, t, 1, "", "合计", "100.00|70.00|30.00");
        ckh_row_add(d, t, 2, "208", "社会保障和就业支出", "90.00|60.00|30.00");
        ckh_row_add(d, t, 3, "20801", "人力资源和社会保障管理事务", "90.00|60.00|30.00");
        ckh_row_add(d, t, 4, "2080101", "行政运行", "60.00|60.00|");
        ckh_row_add(d, t, 5, "2080102", "一般行政管理事务", "30.00||30.00");
        ckh_row_add(d, t, 6, "210", "卫生健康支出", "10.00|10.00|");
        ckh_row_add(d, t, 7, "21011", "行政事业单位医疗", "10.00|10.00|");
        ckh_row_add(d, t, 8, "2101101", "行政单位医疗", "10.00|10.00|");
    }

    t = ckh_table(d, YS_TABLE_FISCAL_SUMMARY, "in_item in_amount out_item out_total out_gpb out_gov_fund out_soe");
    ckh_row_add(d, t, 1, "", "", "一、一般公共预算拨款|100.00|一、一般公共服务支出|||");
    ckh_row_add(d, t, 2, "", "", "二、政府性基金预算拨款||八、社会保障和就业支出|90.00|90.00||");
    ckh_row_add(d, t, 3, "", "", "三、国有资本经营预算拨款||十、卫生健康支出|10.00|10.00||");
    ckh_row_add(d, t, 4, "", "", "本年收入合计|100.00|本年支出合计|100.00|100.00||");
    ckh_row_add(d, t, 5, "", "", "年初财政拨款结转和结余||年末财政拨款结转和结余||||");
    ckh_row_add(d, t, 6, "", "", "收入总计|100.00|支出总计|100.00|100.00||");

    t = ckh_table(d, YS_TABLE_GPB_BASIC, "total personnel public");
    ckh_row_add(d, t, 1, "", "合计", "70.00|60.00|10.00");
    ckh_row_add(d, t, 2, "301", "工资福利支出", "60.00|60.00|");
    ckh_row_add(d, t, 3, "30101", "基本工资", "40.00|40.00|");
    ckh_row_add(d, t, 4, "30102", "津贴补贴", "10.00|10.00|");
    ckh_row_add(d, t, 5, "30110", "职工基本医疗保险缴费", "10.00|10.00|");
    ckh_row_add(d, t, 6, "302", "商品和服务支出", "10.0||10.0");
    ckh_row_add(d, t, 7, "30201", "办公费", "4.00||4.00");
    ckh_row_add(d, t, 8, "30231", "公务用车运行维护费", "6.00||6.00");

    t = ckh_table(d, YS_TABLE_GOV_FUND, "total basic project");
    t->note = "注：本部门无政府性基金预算财政拨款预算，空表列示。";
    t = ckh_table(d, YS_TABLE_SOE_CAPITAL, "total basic project");
    ckh_row_add(d, t, 1, "", "合计", "||");
    t->note = "注：无国有资本经营预算财政拨款预算，空表列示。";

    t = ckh_table(d, YS_TABLE_THREE_PUBLIC, "total gpb gov_fund soe");
    ckh_row_add(d, t, 1, "", "合计", "12.00|12.00||");
    ckh_row_add(d, t, 2, "", "“三公”经费 小计", "8.00|8.00||");
    ckh_row_add(d, t, 3, "", "一、因公出国 (境)费", "|||");
    ckh_row_add(d, t, 4, "", "其中:教学科研人员因公出国(境)费", "|||");
    ckh_row_add(d, t, 5, "", "其他因公出国(境)费", "|||");
    ckh_row_add(d, t, 6, "", "二、公务用车购置及运维费", "6.00|6.00||");
    ckh_row_add(d, t, 7, "", "其中:公务用车购置费", "|||");
    ckh_row_add(d, t, 8, "", "公务用车运行维护费", "6.00|6.00||");
    ckh_row_add(d, t, 9, "", "三、公务接待费", "2.00|2.00||");
    ckh_row_add(d, t, 10, "", "四、会议费", "3.00|3.00||");
    ckh_row_add(d, t, 11, "", "其中:业务会议费", "1.00|1.00||");
    ckh_row_add(d, t, 12, "", "其他会议费", "2.00|2.00||");
    ckh_row_add(d, t, 13, "", "五、培训费", "1.00|1.00||");
    return d;
}

/* A row by code, by name, or by any label cell (normalised comparison). */
static inline ys_row *ckh_find(ys_disclosure *d, ys_table_id id, const char *what)
{
    ys_table *t = ys_disclosure_table(d, id);
    assert_non_null(t);
    for (size_t i = 0; i < t->nrows; i++) {
        ys_row *r = &t->rows[i];
        if (strcmp(r->code, what) == 0 || (*r->name && ys_text_same(r->name, what))) return r;
        for (size_t c = 0; c < t->ncols; c++)
            if (t->cols[c].kind == YS_COL_LABEL && *r->cells[c].text && ys_text_same(r->cells[c].text, what)) return r;
    }
    fail_msg("no row '%s' in %s", what, ys_table_id_name(id));
    return NULL;
}

/* Set one cell (by column key) of a row to a printed text. */
static inline void ckh_set(ys_disclosure *d, ys_table_id id, const char *row, const char *key, const char *text)
{
    ys_table *t = ys_disclosure_table(d, id);
    ys_row *r = ckh_find(d, id, row);
    int c = ys_table_col(t, key);
    assert_true(c >= 0);
    ys_cell_set_printed(d, &r->cells[c], text, t->unit, r->cells[c].src);
}

/* The rule ids of the families table, hierarchy and cross. */
static const char *const ckh_my_rules[] = {
    "R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15", "R16", "R17",
    "R18", "R19", "R20", "R21", "R22", "R23", "R24", "R25", "R26", "R27", "R28", "R29", "R30", "R31", "R32", "R33",
    "R34", "R35", NULL,
};

/* Run one rule (or all of ours when rule is NULL); findings into f (initialised here). */
static inline void ckh_run(const ys_disclosure *d, const ys_catalog *cat, const char *rule, ys_findings *f)
{
    const char *one[2] = {rule, NULL};
    ys_findings_init(f);
    ys_check_run(d, cat, rule ? one : ckh_my_rules, f);
}

/* Unfolded findings at warning level or above (insufficient-data notes are info). */
static inline size_t ckh_count(const ys_findings *f, const ys_finding **last)
{
    size_t n = 0;
    for (size_t i = 0; i < f->count; i++)
        if (!f->items[i].folded && f->items[i].severity >= YS_SEV_WARNING) {
            n++;
            if (last) *last = &f->items[i];
        }
    return n;
}

static inline void ckh_dump(const ys_findings *f)
{
    for (size_t i = 0; i < f->count; i++) {
        const ys_finding *x = &f->items[i];
        print_message("  %s[%s %s] %s row=%d code=%s col=%s: %s\n", x->folded ? "(folded) " : "", x->rule,
                      ys_severity_name(x->severity), ys_table_id_name(x->at.table), x->at.row,
                      x->at.code ? x->at.code : "-", x->at.column ? x->at.column : "-", x->message);
    }
}

/* Does the finding list a location in table id at row seq (and code, when given)? */
static inline bool ckh_has_loc(const ys_finding *fd, ys_table_id id, int seq, const char *code)
{
    for (size_t k = 0; k < fd->nlocs; k++)
        if (fd->locs[k].table == id && fd->locs[k].row == seq &&
            (!code || (fd->locs[k].code && strcmp(fd->locs[k].code, code) == 0)))
            return true;
    return false;
}

/* One rule case: break one cell (or run `mutate`), expect exactly one finding of the rule, there. */
typedef struct {
    const char *rule;
    ys_table_id table;
    const char *row, *key, *text;      /* the cell to break */
    void (*mutate)(ys_disclosure *d);  /* instead of the cell, when not NULL */
    ys_table_id at_table;
    int at_seq;                        /* expected culprit 序号 */
    const char *at_code;               /* NULL = no code */
    const char *at_column;             /* header, NULL = whole row/table */
    bool amounts;                      /* expected/actual must be set */
} ckh_case;

static inline void ckh_check_case(const ckh_case *c)
{
    ys_findings f;
    ys_disclosure *d = ckh_clean_doc();
    ckh_run(d, NULL, c->rule, &f);
    if (ckh_count(&f, NULL) != 0) {
        print_message("%s on the clean document:\n", c->rule);
        ckh_dump(&f);
    }
    assert_int_equal(ckh_count(&f, NULL), 0);
    ys_findings_release(&f);

    if (c->mutate) c->mutate(d);
    else ckh_set(d, c->table, c->row, c->key, c->text);
    ckh_run(d, NULL, c->rule, &f);
    const ys_finding *x = NULL;
    size_t n = ckh_count(&f, &x);
    if (n != 1) {
        print_message("%s after breaking %s: %zu findings\n", c->rule, c->row ? c->row : "(mutation)", n);
        ckh_dump(&f);
    }
    assert_int_equal(n, 1);
    assert_string_equal(x->rule, c->rule);
    assert_int_equal(x->at.table, c->at_table);
    assert_int_equal(x->at.row, c->at_seq);
    if (c->at_code) assert_string_equal(x->at.code ? x->at.code : "", c->at_code);
    else assert_null(x->at.code);
    if (c->at_column) assert_string_equal(x->at.column ? x->at.column : "", c->at_column);
    if (c->amounts) {
        assert_true(x->has_expected && x->has_actual);
        assert_true(x->expected != x->actual);
        assert_int_equal(x->unit, YS_UNIT_WANYUAN);
    }
    assert_true(x->message && *x->message);
    ys_findings_release(&f);
    ys_disclosure_free(d);
}

#endif
