/*
 * prior.c — last year's figures of a department from the warehouse (store/prior.h): the stored document is
 * found with ys_store_find (bound parameters), loaded with ys_store_load, and its items are read from its
 * standard tables with the same label aliases the rules use (check/util.h); 机关运行经费 comes from the
 * figures of its 情况说明 (a fixed query with the document's integer id).
 */
#include "store/prior.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/util.h"

static const char *const KEYS[YS_PRIOR__COUNT] = {"total",     "basic",   "project", "three_public",
                                                  "abroad",    "car",     "car_buy", "car_run",
                                                  "reception", "meeting", "training", "running_costs"};

const char *ys_prior_item_key(ys_prior_item i)
{
    return i >= 0 && i < YS_PRIOR__COUNT ? KEYS[i] : NULL;
}

static bool cell_money(const ys_table *t, const ys_row *r, const char *key, ys_money *out)
{
    const ys_cell *c = t && r ? ys_row_cell(t, r, key) : NULL;
    if (!c) return false;
    if (c->kind == YS_CELL_EMPTY) {   /* printed empty: zero */
        *out = 0;
        return true;
    }
    if (c->kind != YS_CELL_MONEY) return false;
    *out = c->money;
    return true;
}

static void take(ys_store_prior *p, ys_prior_item i, const ys_table *t, const ys_row *r, const char *key)
{
    if (!p->has[i]) p->has[i] = cell_money(t, r, key, &p->amount[i]);
}

void ys_store_prior_from_disclosure(const ys_disclosure *d, ys_store_prior *p)
{
    static const char *const IN_TOTAL[] = {"收入总计", NULL};
    static const char *const TP_TOTAL[] = {"合计", NULL};
    static const char *const TP_SUB[] = {"\"三公\"经费小计", "三公经费小计", "\"三公\"经费合计", "小计", NULL};
    static const char *const TP_ABROAD[] = {"因公出国(境)费", "因公出国(境)经费", "因公出国费", NULL};
    static const char *const TP_CAR[] = {"公务用车购置及运维费", "公务用车购置及运行维护费", "公务用车购置及运行费",
                                         NULL};
    static const char *const TP_CAR_BUY[] = {"公务用车购置费", NULL};
    static const char *const TP_CAR_RUN[] = {"公务用车运行维护费", "公务用车运行费", "公务用车运维费", NULL};
    static const char *const TP_RECEPTION[] = {"公务接待费", NULL};
    static const char *const TP_MEETING[] = {"会议费", NULL};
    static const char *const TP_TRAINING[] = {"培训费", NULL};

    const ys_table *sum = d->tables[YS_TABLE_SUMMARY];
    if (sum) take(p, YS_PRIOR_TOTAL, sum, ys_ck_find_label(sum, "in_item", IN_TOTAL, 0, NULL), "in_amount");
    const ys_table *ex = d->tables[YS_TABLE_EXPENSE];
    if (ex) {
        const ys_row *r = ys_ck_total_row(ex);
        take(p, YS_PRIOR_BASIC, ex, r, "basic");
        take(p, YS_PRIOR_PROJECT, ex, r, "project");
    }
    const ys_table *tp = d->tables[YS_TABLE_THREE_PUBLIC];
    if (!tp) return;
    take(p, YS_PRIOR_THREE_PUBLIC, tp, ys_ck_find_label(tp, NULL, TP_SUB, 0, NULL), "total");
    take(p, YS_PRIOR_THREE_PUBLIC, tp, ys_ck_find_label(tp, NULL, TP_TOTAL, 0, NULL), "total");
    take(p, YS_PRIOR_ABROAD, tp, ys_ck_find_label(tp, NULL, TP_ABROAD, 0, NULL), "total");
    take(p, YS_PRIOR_CAR, tp, ys_ck_find_label(tp, NULL, TP_CAR, 0, NULL), "total");
    take(p, YS_PRIOR_CAR_BUY, tp, ys_ck_find_label(tp, NULL, TP_CAR_BUY, 0, NULL), "total");
    take(p, YS_PRIOR_CAR_RUN, tp, ys_ck_find_label(tp, NULL, TP_CAR_RUN, 0, NULL), "total");
    take(p, YS_PRIOR_RECEPTION, tp, ys_ck_find_label(tp, NULL, TP_RECEPTION, 0, NULL), "total");
    take(p, YS_PRIOR_MEETING, tp, ys_ck_find_label(tp, NULL, TP_MEETING, 0, NULL), "total");
    take(p, YS_PRIOR_TRAINING, tp, ys_ck_find_label(tp, NULL, TP_TRAINING, 0, NULL), "total");
    if (!p->has[YS_PRIOR_CAR] && p->has[YS_PRIOR_CAR_BUY] && p->has[YS_PRIOR_CAR_RUN]) {
        p->has[YS_PRIOR_CAR] = true;
        p->amount[YS_PRIOR_CAR] = p->amount[YS_PRIOR_CAR_BUY] + p->amount[YS_PRIOR_CAR_RUN];
    }
}

/* ---- 机关运行经费 from the figures of the 情况说明 ---------------------------------------------------- */

typedef struct {
    bool found;
    ys_money amount;
} first_amount;

static int amount_row(void *ctx, size_t ncols, const char *const *names, const ys_store_value *v)
{
    (void)names;
    first_amount *a = ctx;
    if (ncols < 1 || v[0].type != YS_STORE_INT) return 0;
    a->found = true;
    a->amount = v[0].i;
    return 1;
}

static ys_status running_costs(ys_store *s, int64_t id, ys_store_prior *p, ys_diags *diags)
{
    /* the first figure labelled 机关运行经费 (the section's own figure, not a 比上年 delta) */
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT f.amount FROM figures f WHERE f.document_id = %lld AND f.amount IS NOT NULL\n"
             "AND f.label LIKE '%%机关运行经费%%' AND f.label NOT LIKE '%%增%%' AND f.label NOT LIKE '%%减%%'\n"
             "ORDER BY f.section_no, f.figure_no",
             (long long)id);
    first_amount a = {false, 0};
    ys_status st = ys_store_query(s, sql, NULL, amount_row, &a, diags);
    if (st == YS_OK && a.found) {
        p->has[YS_PRIOR_RUNNING_COSTS] = true;
        p->amount[YS_PRIOR_RUNNING_COSTS] = a.amount;
    }
    return st;
}

/* ---- finding the document ---------------------------------------------------------------------------- */

static bool same(const char *a, const char *b)
{
    return !strcmp(a ? a : "", b ? b : "");
}

ys_status ys_store_prior_find(ys_store *s, const char *region, const char *name, int year, ys_store_prior *out,
                              ys_diags *diags)
{
    memset(out, 0, sizeof *out);
    if (!name || !*name || year <= 1) return YS_OK;
    region = region ? region : "";
    char *dept = NULL;
    size_t dl = strlen(region) + strlen(name) + 2;
    dept = malloc(dl);
    if (!dept) return YS_ERR_NOMEM;
    if (*region) snprintf(dept, dl, "%s/%s", region, name);
    else snprintf(dept, dl, "%s", name);
    int64_t *ids = NULL;
    size_t n = 0;
    ys_status st = ys_store_find(s, dept, year - 1, &ids, &n, diags);
    free(dept);
    /* newest import first among the documents of that year; only a 预算 of this very department */
    for (size_t i = 0; st == YS_OK && i < n && !out->document_id; i++) {
        ys_disclosure *d = NULL;
        st = ys_store_load(s, ids[i], &d, NULL, diags);
        if (st != YS_OK) break;
        if (d->meta.year == year - 1 && d->meta.kind == YS_KIND_BUDGET && same(d->meta.department, name) &&
            (!*region || same(d->meta.region, region))) {
            out->document_id = ids[i];
            out->year = d->meta.year;
            ys_store_prior_from_disclosure(d, out);
            st = running_costs(s, ids[i], out, diags);
        }
        ys_disclosure_free(d);
    }
    free(ids);
    if (st != YS_OK) memset(out, 0, sizeof *out);
    return st;
}
