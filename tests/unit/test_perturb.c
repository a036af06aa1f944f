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

static int same_finding(const ys_finding *a, const ys_finding *b)
{
    return strcmp(a->rule, b->rule) == 0 && a->severity == b->severity && a->at.table == b->at.table &&
           a->at.row == b->at.row && same_str(a->at.code, b->at.code) && same_str(a->at.column, b->at.column);
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
};

static const struct perturbation cases[] = {
    {"income 2080199 row raised by 0.50 in every column", 127, "7.00\t7.00\t7.00", "7.50\t7.50\t7.50",
     YS_TABLE_INCOME, "2080199", 8, "合计"},
    {"gpb_expense 2080199 raised by 0.50", 439, "7.00\t\t7.00", "7.50\t\t7.50",
     YS_TABLE_GPB_EXPENSE, "2080199", 8, "合计"},
    {"summary 本年收入合计 off by 0.10", 95, "本年收入合计\t34063.09", "本年收入合计\t34063.19",
     YS_TABLE_SUMMARY, NULL, 32, NULL},
    {"text: 基本支出 off by 0.10", 677, "基本支出1443.71万元", "基本支出1443.81万元",
     YS_TABLE_NARRATIVE, NULL, -1, NULL},
    {"project 2: 财政资金 no longer equals 预算数", 797, "财政资金\t118.64", "财政资金\t118.00",
     YS_TABLE_PROJECT_TARGETS, "13013324P000689107556", 2, NULL},
    {"three_public 公务用车运行维护费 raised by 0.10", 603, "11.10\t11.10", "11.20\t11.20",
     YS_TABLE_THREE_PUBLIC, NULL, 8, NULL},
    {"fiscal_summary 卫生健康支出 raised by 0.50", 357, "66.00\t66.00", "66.50\t66.50",
     YS_TABLE_FISCAL_SUMMARY, NULL, 10, NULL},
    {"expense 20801 基本支出 off by 0.10", 247, "1009.20", "1009.30",
     YS_TABLE_EXPENSE, "20801", 3, "基本支出"},
    {"assets 资产总额 off by 0.10", 1644, "2219.88", "2219.98",
     YS_TABLE_ASSETS, NULL, -1, NULL},
    {"project 40: 12月底 no longer reaches 预算数", 1605, "8703.00\t11604.00", "8703.00\t11600.00",
     YS_TABLE_PROJECT_TARGETS, "13013324P00068810037Y", 40, NULL},
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
        char *bytes = perturb(pc->line, pc->from, pc->to, &n);
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
