/*
 * test_perturb.c — perturbed copies of the sample: change one cell of the published document, expect
 * exactly one new finding, at that cell, and every finding of the unchanged sample still there.
 *
 * This is the end-to-end guarantee of root-cause reporting (DESIGN.md "Root cause, concretely"): a
 * defect in one cell breaks several identities, and the audit must name it once, at the culprit.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "catalog/catalog.h"
#include "check/check.h"
#include "read/read.h"

#define SAMPLE "examples/zhaoxian-hrss-2024/published.txt"

static char *sample;
static size_t sample_len;
static ys_catalog *catalog;

/* Delete `count` lines from 1-based line `line`; returns a malloc'd copy. */
static char *cut_lines(int line, int count, size_t *outlen)
{
    const char *p = sample, *end;
    for (int l = 1; l < line && p; l++) {
        p = strchr(p, '\n');
        if (p) p++;
    }
    assert_non_null(p);
    end = p;
    for (int l = 0; l < count && end; l++) {
        end = strchr(end, '\n');
        if (end) end++;
    }
    if (!end) end = sample + sample_len;
    size_t pre = (size_t)(p - sample), post = sample_len - (size_t)(end - sample);
    char *out = malloc(pre + post + 1);
    memcpy(out, sample, pre);
    memcpy(out + pre, end, post);
    *outlen = pre + post;
    out[*outlen] = '\0';
    return out;
}

/* Replace the first occurrence of `from` on 1-based line `line` by `to`; returns a malloc'd copy. */
static char *perturb(int line, const char *from, const char *to, size_t *outlen)
{
    const char *p = sample;
    for (int l = 1; l < line && p; l++) {
        p = strchr(p, '\n');
        if (p) p++;
    }
    assert_non_null(p);
    const char *eol = strchr(p, '\n');
    if (!eol) eol = sample + sample_len;
    const char *hit = NULL;
    for (const char *q = p; q + strlen(from) <= eol; q++)
        if (memcmp(q, from, strlen(from)) == 0) { hit = q; break; }
    if (!hit) fail_msg("line %d does not contain '%s'", line, from);
    size_t pre = (size_t)(hit - sample), fl = strlen(from), tl = strlen(to);
    char *out = malloc(sample_len - fl + tl + 1);
    memcpy(out, sample, pre);
    memcpy(out + pre, to, tl);
    memcpy(out + pre + tl, hit + fl, sample_len - pre - fl);
    *outlen = sample_len - fl + tl;
    out[*outlen] = '\0';
    return out;
}

static int audit(const char *bytes, size_t n, ys_findings *f)
{
    ys_diags diags;
    ys_diags_init(&diags);
    ys_disclosure *d = NULL;
    ys_findings_init(f);
    ys_status st = ys_read_text_mem(SAMPLE, bytes, n, &d, &diags);
    ys_diags_release(&diags);
    if (st != YS_OK) return -1;
    int ntables = 0;
    for (int i = 0; i < YS_TABLE__COUNT; i++) ntables += d->tables[i] != NULL;
    ys_check_run(d, catalog, NULL, f);
    /* keep the files alive: findings borrow d->file; tests compare by fields other than file */
    for (size_t i = 0; i < f->count; i++) f->items[i].at.src.file = NULL;
    for (size_t i = 0; i < f->count; i++)
        for (size_t k = 0; k < f->items[i].nlocs; k++) f->items[i].locs[k].src.file = NULL;
    ys_disclosure_free(d);
    return ntables;
}

static int same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* A project is known by its number (序号) in the document: a perturbed 项目编码 must not make every other
 * finding about that project look new. */
static int same_finding(const ys_finding *a, const ys_finding *b)
{
    int by_number = a->at.table == YS_TABLE_PROJECT_TARGETS && a->at.row >= 0;
    return strcmp(a->rule, b->rule) == 0 && a->severity == b->severity && a->at.table == b->at.table &&
           a->at.row == b->at.row && (by_number || same_str(a->at.code, b->at.code)) &&
           same_str(a->at.column, b->at.column);
}

static void describe(const ys_finding *f)
{
    print_message("  [%s %s] table=%s row=%d code=%s column=%s: %s\n", f->rule, ys_severity_name(f->severity),
                  ys_table_id_name(f->at.table), f->at.row, f->at.code ? f->at.code : "-",
                  f->at.column ? f->at.column : "-", f->message);
}

struct perturbation {
    const char *what;
    int line;
    const char *from, *to;
    ys_table_id table;       /* where the one new finding must be */
    const char *code;        /* NULL = no code */
    int row;                 /* 序号 (a project's number), -1 = none */
    const char *column;      /* NULL = any */
    int del;                 /* > 0: delete this many lines from `line` instead (from/to unused) */
};

static const struct perturbation cases[] = {
    {"income 2080199 row raised by 0.50 in every column", 127, "7.00\t7.00\t7.00", "7.50\t7.50\t7.50",
     YS_TABLE_INCOME, "2080199", 8, "合计", 0},
    {"gpb_expense 2080199 raised by 0.50", 439, "7.00\t\t7.00", "7.50\t\t7.50",
     YS_TABLE_GPB_EXPENSE, "2080199", 8, "合计", 0},
    {"summary 本年收入合计 off by 0.10", 95, "本年收入合计\t34063.09", "本年收入合计\t34063.19",
     YS_TABLE_SUMMARY, NULL, 32, NULL, 0},
    {"text: 基本支出 off by 0.10", 677, "基本支出1443.71万元", "基本支出1443.81万元",
     YS_TABLE_NARRATIVE, NULL, -1, NULL, 0},
    {"project 2: 财政资金 no longer equals 预算数", 797, "财政资金\t118.64", "财政资金\t118.00",
     YS_TABLE_PROJECT_TARGETS, "13013324P000689107556", 2, NULL, 0},
    {"three_public 公务用车运行维护费 raised by 0.10", 603, "11.10\t11.10", "11.20\t11.20",
     YS_TABLE_THREE_PUBLIC, NULL, 8, NULL, 0},
    {"fiscal_summary 卫生健康支出 raised by 0.50", 357, "66.00\t66.00", "66.50\t66.50",
     YS_TABLE_FISCAL_SUMMARY, NULL, 10, NULL, 0},
    {"expense 20801 基本支出 off by 0.10", 247, "1009.20", "1009.30",
     YS_TABLE_EXPENSE, "20801", 3, "基本支出", 0},
    {"assets 资产总额 off by 0.10", 1644, "2219.88", "2219.98",
     YS_TABLE_ASSETS, NULL, -1, NULL, 0},
    {"project 40: 12月底 no longer reaches 预算数", 1605, "8703.00\t11604.00", "8703.00\t11600.00",
     YS_TABLE_PROJECT_TARGETS, "13013324P00068810037Y", 40, NULL, 0},
    /* ---- within tables (R1–R19) ---- */
    {"R1/R2 summary 收入总计 off by 0.10", 97, "收入总计\t34063.09", "收入总计\t34063.19",
     YS_TABLE_SUMMARY, NULL, 34, NULL, 0},
    /* 支出总计 and 收入总计 print on one line (序号 34): R1 compares its two sides, R3 the expense side */
    {"R1/R3 summary 支出总计 off by 0.10", 97, "支出总计\t34063.09", "支出总计\t34063.19",
     YS_TABLE_SUMMARY, NULL, 34, NULL, 0},
    {"R5 summary 本年支出合计 off by 0.10", 95, "本年支出合计\t34063.09", "本年支出合计\t34063.19",
     YS_TABLE_SUMMARY, NULL, 32, NULL, 0},
    /* a row under 20826 (20801 already carries the sample's own 2080102 defect) */
    {"R6 income 2082601 合计 only raised by 0.10", 172, "1000.00\t1000.00", "1000.10\t1000.00",
     YS_TABLE_INCOME, "2082601", 20, "合计", 0},
    {"R7 expense 2080109 基本支出 off by 0.10", 250, "499.90", "500.00",
     YS_TABLE_EXPENSE, "2080109", 6, NULL, 0},
    {"R8 fiscal_summary 农林水 合计 only", 360, "53.54\t53.54", "53.64\t53.54",
     YS_TABLE_FISCAL_SUMMARY, NULL, 13, "合计", 0},
    {"R9 fiscal_summary 收入总计 off by 0.10", 418, "收入总计\t34063.09", "收入总计\t34063.19",
     YS_TABLE_FISCAL_SUMMARY, NULL, 37, NULL, 0},
    {"R10 gpb_expense 2080109 基本支出 off by 0.10", 437, "499.90", "500.00",
     YS_TABLE_GPB_EXPENSE, "2080109", 6, NULL, 0},
    {"R11 gpb_basic 30101 人员经费 off by 0.10", 516, "472.00\t472.00", "472.00\t472.10",
     YS_TABLE_GPB_BASIC, "30101", 3, NULL, 0},
    /* R13 on this layout: a 人员经费 amount on a 302 row also breaks the row (R11); one finding there */
    {"R13 gpb_basic 30201 gets a 人员经费", 525, "27.4\t\t27.4", "27.4\t0.10\t27.4",
     YS_TABLE_GPB_BASIC, "30201", 12, NULL, 0},
    {"R14 three_public 小计 raised by 0.10", 597, "11.10\t11.10", "11.20\t11.20",
     YS_TABLE_THREE_PUBLIC, NULL, 2, NULL, 0},
    {"R15 three_public 公务用车购置及运维费 raised by 0.10", 601, "11.10\t11.10", "11.20\t11.20",
     YS_TABLE_THREE_PUBLIC, NULL, 6, NULL, 0},
    /* 其中 items above an empty parent: either could be wrong, so the finding names the parent */
    {"R16 three_public 出国 其中 item filled", 599, "出国(境)费\t", "出国(境)费\t1.00\t1.00",
     YS_TABLE_THREE_PUBLIC, NULL, 3, NULL, 0},
    /* R17 cannot get a new finding here: the sample's 合计 row is empty, R17 already fires at it */
    {"R18 three_public 公务接待 合计 only", 604, "接待 费\t", "接待 费\t1.00",
     YS_TABLE_THREE_PUBLIC, NULL, 9, NULL, 0},
    {"R19 gov_fund empty-table note removed", 566, NULL, NULL, YS_TABLE_GOV_FUND, NULL, -1, NULL, 1},
    /* ---- hierarchy (R20–R24) ---- */
    {"R20 expense 2080199 raised by 0.50", 252, "7.00\t\t7.00", "7.50\t\t7.50",
     YS_TABLE_EXPENSE, "2080199", 8, "合计", 0},
    /* one mistyped code: orphan, unknown code, two missing rows and the parent's sum are one defect */
    {"R22/R28 income code 2080199 mistyped as 2090199", 127, "2080199", "2090199",
     YS_TABLE_INCOME, "2090199", 8, NULL, 0},
    /* one wrong name: named once, in the table that differs from the others and from the catalog */
    {"R23/R24 income 2080199 name changed", 127, "其他人力资源和社会保障管理事务支出", "其他人力资源管理事务支出",
     YS_TABLE_INCOME, "2080199", 8, NULL, 0},
    {"R24 gpb_expense 2080199 name changed", 439, "其他人力资源和社会保障管理事务支出", "其他人力资源管理事务支出",
     YS_TABLE_GPB_EXPENSE, "2080199", 8, NULL, 0},
    /* an economic 款 with no twin anywhere: the 类 is named, its items listed */
    {"R21 gpb_basic 30102 raised by 0.10", 517, "56.80\t56.80", "56.90\t56.90",
     YS_TABLE_GPB_BASIC, "301", 2, NULL, 0},
    /* ---- across tables (R26–R35) ---- */
    {"R27 summary 卫生健康支出 raised by 0.50", 52, "66.00", "66.50", YS_TABLE_SUMMARY, NULL, 10, NULL, 0},
    {"R29 summary 一般公共预算拨款收入 off by 0.10", 43, "34063.09", "34063.19",
     YS_TABLE_SUMMARY, NULL, 1, NULL, 0},
    {"R32 gpb_expense 合计 off by 0.10", 432, "34063.09", "34063.19",
     YS_TABLE_GPB_EXPENSE, NULL, 1, "合计", 0},
    {"R33 gpb_expense 基本支出合计 off by 0.10", 432, "1443.71", "1443.81",
     YS_TABLE_GPB_EXPENSE, NULL, 1, "基本支出", 0},
    {"R33 gpb_basic 合计 off by 0.10", 514, "1443.71", "1443.81", YS_TABLE_GPB_BASIC, NULL, 1, "合计", 0},
    /* 30231 above the 三公 item: the 三公 item is the one R34 names (either side could be wrong) */
    {"R34 gpb_basic 30231 raised by 0.10", 546, "11.10\t\t11.10", "11.20\t\t11.20",
     YS_TABLE_THREE_PUBLIC, NULL, 8, NULL, 0},
    /* ---- projects (R37, R38) ---- */
    {"R37 project 2 12月底 missing", 800, "\t118.64", "", YS_TABLE_PROJECT_TARGETS, "13013324P000689107556", 2,
     NULL, 0},
    {"R38 project 2 takes project 1's code", 796, "13013324P000689107556", "13013324P00068910130L",
     YS_TABLE_PROJECT_TARGETS, "13013324P00068910130L", 2, NULL, 0},
    /* ---- assets (R40) ---- */
    {"R40 assets 房屋 raised by 0.10", 1645, "1833.35", "1833.45", YS_TABLE_ASSETS, NULL, -1, NULL, 0},
    {"R40 assets 办公用房 above 房屋", 1646, "1600.62", "1900.62", YS_TABLE_ASSETS, NULL, -1, NULL, 0},
    /* ---- text (R41–R46) ---- */
    {"R41 text 收入 off by 0.10", 673, "预算收入34063.09", "预算收入34063.19", YS_TABLE_NARRATIVE, NULL, -1, NULL, 0},
    {"R42 text 三公 total off by 0.10", 691, "支出预算11.1万元", "支出预算11.2万元", YS_TABLE_NARRATIVE, NULL, -1,
     NULL, 0},
    {"R44 text cites 就业补助 wrongly", 677, "主要为人才服务中心", "其中就业补助1501.51万元，主要为人才服务中心",
     YS_TABLE_NARRATIVE, NULL, -1, NULL, 0},
    {"R46 text template residue 增加（减少）", 695, "相比减少0.4万元", "相比增加（减少）0.4万元",
     YS_TABLE_NARRATIVE, NULL, -1, NULL, 0},
    /* ---- document (R53, R55) ---- */
    {"R53 XX in a sentence", 669, "赵县人力资源和社会保障局机关", "XX局机关", YS_TABLE_NARRATIVE, NULL, -1, NULL, 0},
    {"R55 TOC line of soe_capital removed", 14, NULL, NULL, YS_TABLE_SOE_CAPITAL, NULL, -1, NULL, 1},
};

static void test_perturbations(void **state)
{
    (void)state;
    ys_findings base;
    int ntables = audit(sample, sample_len, &base);
    if (ntables < 9) {
        ys_findings_release(&base);
        skip();   /* the reader does not read the sample's tables yet */
    }
    int failures = 0;
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        const struct perturbation *pc = &cases[c];
        size_t n;
        char *bytes = pc->del > 0 ? cut_lines(pc->line, pc->del, &n) : perturb(pc->line, pc->from, pc->to, &n);
        ys_findings f;
        audit(bytes, n, &f);
        free(bytes);
        size_t nnew = 0;
        const ys_finding *fresh = NULL;
        for (size_t i = 0; i < f.count; i++) {
            if (f.items[i].folded) continue;
            int known = 0;
            for (size_t k = 0; k < base.count && !known; k++)
                known = !base.items[k].folded && same_finding(&f.items[i], &base.items[k]);
            if (!known) nnew++, fresh = &f.items[i];
        }
        size_t lost = 0;
        for (size_t k = 0; k < base.count; k++) {
            if (base.items[k].folded) continue;
            int still = 0;
            for (size_t i = 0; i < f.count && !still; i++)
                still = !f.items[i].folded && same_finding(&f.items[i], &base.items[k]);
            if (!still) lost++;
        }
        int ok = nnew == 1 && lost == 0 && fresh->at.table == pc->table && same_str(fresh->at.code, pc->code) &&
                 fresh->at.row == pc->row && (!pc->column || same_str(fresh->at.column, pc->column));
        if (!ok) {
            failures++;
            print_message("perturbation '%s': %zu new finding(s), %zu lost\n", pc->what, nnew, lost);
            for (size_t i = 0; i < f.count; i++) {
                if (f.items[i].folded) continue;
                int known = 0;
                for (size_t k = 0; k < base.count && !known; k++)
                    known = !base.items[k].folded && same_finding(&f.items[i], &base.items[k]);
                if (!known) describe(&f.items[i]);
            }
        }
        ys_findings_release(&f);
    }
    ys_findings_release(&base);
    assert_int_equal(failures, 0);
}

static int setup(void **state)
{
    (void)state;
    ys_diags diags;
    ys_diags_init(&diags);
    if (ys_read_file(SAMPLE, &sample, &sample_len, &diags) != YS_OK) return -1;
    catalog = ys_catalog_new();
    ys_catalog_load_default(catalog, &diags);
    ys_diags_release(&diags);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    free(sample);
    ys_catalog_free(catalog);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_perturbations),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
