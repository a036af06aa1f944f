/*
 * projects.c — rule family "projects": the project performance-target tables (项目支出绩效目标表).
 *
 *   R36  Σ 预算数 of the projects = expense 项目支出 合计 (≤ when only key projects are published); a
 *        difference inside the rounding envelope of n projects is info, with the envelope stated.
 *   R37  预算数 = 财政资金 + 其他资金; the spending schedule (资金支出计划) has its four points (3/6/10/12月底),
 *        is cumulative (non-decreasing) and ends at 100 % (header "%") or at 预算数 (money). Money under
 *        a "%" header is one document-level warning listing the projects, silent where the readings
 *        coincide (预算数 = 100).
 *   R38  项目编码 unique.
 *   PT-01 … PT-04  indicator quality (warning): the 一级/二级 names follow the indicator tree
 *        (data/templates/indicators.tsv); an 指标值 is not a restatement of its indicator (PT-03), a
 *        成本指标 carries money (PT-04), an 指标值 is measurable (PT-02). Each indicator gets at most one
 *        of PT-02…04 (the most specific), and findings are grouped per project and problem.
 */
#include "check/check.h"
#include "core/buf.h"
#include "core/datadir.h"
#include "core/text.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char s[YS_MONEY_BUFSZ];
} mstr;

static mstr fmt_money(ys_money v, ys_unit u)
{
    mstr m;
    ys_money_format(v, u ? u : YS_UNIT_YUAN, 2, m.s, sizeof m.s);
    return m;
}

static ys_unit project_unit(const ys_disclosure *d, const ys_project *p)
{
    if (p->unit) return p->unit;
    if (d->meta.unit) return d->meta.unit;
    return YS_UNIT_YUAN;   /* what ys_money_parse reads an unknown unit as */
}

static bool has_src(ys_source s)
{
    return s.line || s.page || s.where;
}

static ys_location proj_loc(const ys_project *p, const char *column, ys_source src)
{
    ys_location l = {0};
    l.table = YS_TABLE_PROJECT_TARGETS;
    l.row = p->seq;
    l.code = (p->code && *p->code) ? (char *)p->code : NULL;
    l.name = (p->name && *p->name) ? (char *)p->name : NULL;
    l.column = (char *)column;
    l.src = has_src(src) ? src : p->src;
    return l;
}

/* "项目 3「劳务派遣费用」" */
static void plabel(ys_buf *b, const ys_project *p)
{
    ys_buf_adds(b, "项目");
    if (p->seq >= 0) {   /* " %d" without printf: it runs for every finding of a project */
        char tmp[16];
        size_t i = sizeof tmp;
        unsigned v = (unsigned)p->seq;
        do tmp[--i] = (char)('0' + v % 10); while ((v /= 10) != 0);
        tmp[--i] = ' ';
        ys_buf_add(b, tmp + i, sizeof tmp - i);
    }
    const char *what = (p->name && *p->name) ? p->name : (p->code && *p->code) ? p->code : NULL;
    if (what) {
        ys_buf_adds(b, "「");
        ys_buf_adds(b, what);
        ys_buf_adds(b, "」");
    }
}

/* ---- R36 ------------------------------------------------------------------------------------------ */

static const ys_row *total_row(const ys_table *t)
{
    for (size_t i = 0; t && i < t->nrows; i++) {
        if (t->rows[i].code[0]) continue;
        if (ys_text_same(t->rows[i].name, "合计") || ys_text_same(t->rows[i].name, "总计")) return &t->rows[i];
    }
    return NULL;
}

static bool mentions_key_projects(const ys_disclosure *d)
{
    for (size_t i = 0; i < d->nsections; i++)
        if (ys_text_find(d->sections[i].text, "重点项目") || ys_text_find(d->sections[i].title, "重点项目")) return true;
    return false;
}

static void r36(ys_check_ctx *ctx)
{
    const ys_disclosure *d = ctx->doc;
    const ys_table *t = ys_disclosure_table(d, YS_TABLE_EXPENSE);
    int col = ys_table_col(t, "project");
    const ys_row *tot = total_row(t);
    if (!d->nprojects || col < 0 || !tot) {
        ys_check_insufficient(ctx, "需要项目绩效目标表和支出总表的项目支出合计");
        return;
    }
    ys_money sum = 0;
    int n = 0;
    for (size_t i = 0; i < d->nprojects; i++) {
        if (!ys_cell_is_money(&d->projects[i].budget)) {
            ys_check_insufficient(ctx, "有项目的预算数不是金额");
            return;
        }
        sum += d->projects[i].budget.money;
        n++;
    }
    ys_money table = ys_cell_money(&tot->cells[col]);
    if (sum == table) return;
    ys_unit u = t->unit ? t->unit : project_unit(d, &d->projects[0]);
    ys_money diff = table - sum, env = ys_money_envelope(n, u, 2);
    ys_money adiff = diff < 0 ? -diff : diff;
    ys_location at = ys_loc_table(YS_TABLE_PROJECT_TARGETS, d->projects[0].src);
    at.column = "预算数";
    ys_finding *fd;
    if (adiff <= env) {
        fd = ys_check_report_sev(ctx, YS_SEV_INFO, at,
                                 "%d 个项目预算数合计 %s 与支出总表项目支出合计 %s 相差 %s，在 %d 个项目的舍入误差范围 ±%s 内",
                                 n, fmt_money(sum, u).s, fmt_money(table, u).s, fmt_money(adiff, u).s, n,
                                 fmt_money(env, u).s);
    } else if (sum < table && mentions_key_projects(d)) {
        fd = ys_check_report_sev(ctx, YS_SEV_INFO, at,
                                 "只公开了重点项目：%d 个项目预算数合计 %s ≤ 支出总表项目支出合计 %s（未公开 %s）", n,
                                 fmt_money(sum, u).s, fmt_money(table, u).s, fmt_money(diff, u).s);
    } else {
        fd = ys_check_report(ctx, at, "%d 个项目预算数合计 %s ≠ 支出总表项目支出合计 %s（差 %s，超出舍入误差 ±%s）", n,
                             fmt_money(sum, u).s, fmt_money(table, u).s, fmt_money(diff, u).s, fmt_money(env, u).s);
    }
    ys_finding_add_loc(fd, ys_loc_cell(t, tot, col));
    ys_finding_set_amounts(fd, true, table, true, sum, u, 2);
}

/* ---- R37 ------------------------------------------------------------------------------------------ */

/* Month of a schedule label ("10月底" → 10); 0 when none. */
static int label_month(const char *label)
{
    int m = 0;
    const char *p = label;
    while (*p && (*p < '0' || *p > '9')) p++;
    while (*p >= '0' && *p <= '9' && m < 100) m = m * 10 + (*p++ - '0');
    return (strncmp(p, "月", strlen("月")) == 0 && m >= 1 && m <= 12) ? m : 0;
}

typedef struct {
    int month;
    const ys_schedule_point *pt;
} point;

static int cmp_point(const void *a, const void *b)
{
    const point *x = a, *y = b;
    return x->month - y->month;
}

/* The schedule by month, first occurrence of each month, sorted; returns the count (≤ 12). */
static size_t schedule_points(const ys_project *p, point out[12])
{
    size_t n = 0;
    for (size_t i = 0; i < p->nschedule; i++) {
        int m = label_month(p->schedule[i].label);
        if (!m) continue;
        bool seen = false;
        for (size_t k = 0; k < n; k++) seen = seen || out[k].month == m;
        if (seen || n == 12) continue;
        out[n].month = m;
        out[n].pt = &p->schedule[i];
        n++;
    }
    qsort(out, n, sizeof *out, cmp_point);
    return n;
}

static void r37(ys_check_ctx *ctx)
{
    const ys_disclosure *d = ctx->doc;
    static const int required[] = {3, 6, 10, 12};
    if (!d->nprojects) {
        ys_check_insufficient(ctx, "没有项目绩效目标表");
        return;
    }
    ys_buf lbl = YS_BUF_INIT, list = YS_BUF_INIT;
    size_t nmoney = 0;
    const ys_project *first_money = NULL;
    const ys_project **money_projects = NULL;   /* heap: the projects with money under a "%" header */
    for (size_t i = 0; i < d->nprojects; i++) {
        const ys_project *p = &d->projects[i];
        ys_unit u = project_unit(d, p);
        ys_buf_reset(&lbl);
        plabel(&lbl, p);

        /* 预算数 = 财政资金 + 其他资金 */
        if (ys_cell_is_money(&p->budget) && (ys_cell_is_money(&p->fiscal) || ys_cell_is_money(&p->other))) {
            ys_money parts = ys_cell_money(&p->fiscal) + ys_cell_money(&p->other);
            if (parts != p->budget.money) {
                ys_finding *fd = ys_check_report(ctx, proj_loc(p, "预算数", p->budget.src),
                                                 "%s预算数 %s ≠ 财政资金 %s + 其他资金 %s（差 %s）", ys_buf_str(&lbl),
                                                 fmt_money(p->budget.money, u).s, fmt_money(ys_cell_money(&p->fiscal), u).s,
                                                 fmt_money(ys_cell_money(&p->other), u).s,
                                                 fmt_money(p->budget.money - parts, u).s);
                ys_finding_set_amounts(fd, true, parts, true, p->budget.money, u, 2);
            }
        }

        if (!p->nschedule) continue;
        point pts[12];
        size_t n = schedule_points(p, pts);

        /* the four points */
        ys_buf missing = YS_BUF_INIT;
        bool has12 = false;
        for (size_t k = 0; k < sizeof required / sizeof *required; k++) {
            bool found = false;
            for (size_t j = 0; j < n; j++) found = found || pts[j].month == required[k];
            if (!found) ys_buf_printf(&missing, "%s%d月底", missing.len ? "、" : "", required[k]);
            if (found && required[k] == 12) has12 = true;
        }
        if (missing.len) {
            const ys_cell *last = n ? &pts[n - 1].pt->value : NULL;
            ys_finding *fd = ys_check_report_sev(
                ctx, YS_SEV_WARNING, proj_loc(p, "资金支出计划", last ? last->src : p->src),
                "%s资金支出计划缺少 %s（应列 3月底、6月底、10月底、12月底）%s%s", ys_buf_str(&lbl), ys_buf_str(&missing),
                last ? "，最后一栏为 " : "", last ? last->text : "");
            (void)fd;
        }
        ys_buf_release(&missing);

        /* cumulative */
        bool monotone = true;
        for (size_t j = 1; j < n; j++) {
            ys_money a = ys_cell_money(&pts[j - 1].pt->value), b = ys_cell_money(&pts[j].pt->value);
            if (b < a) {
                ys_finding *fd = ys_check_report(ctx, proj_loc(p, pts[j].pt->label, pts[j].pt->value.src),
                                                 "%s资金支出计划应为累计数，却在减少：%s %s < %s %s", ys_buf_str(&lbl),
                                                 pts[j].pt->label, pts[j].pt->value.text, pts[j - 1].pt->label,
                                                 pts[j - 1].pt->value.text);
                ys_finding_set_amounts(fd, true, a, true, b, u, 2);
                monotone = false;
                break;
            }
        }
        if (!has12 || !monotone || !ys_cell_is_money(&p->budget)) continue;

        /* the last point */
        const ys_cell *v12 = &pts[n - 1].pt->value;
        ys_money last = ys_cell_money(v12), hundred = 100 * ys_unit_fen(u), budget = p->budget.money;
        if (p->schedule_percent) {
            if (last == hundred) continue;           /* 100 %, or money that happens to be 100 */
            if (last == budget) {                    /* money under a "%" header */
                if (!first_money) first_money = p;
                money_projects = ys_xrealloc(money_projects, (nmoney + 1) * sizeof *money_projects);
                money_projects[nmoney] = p;
                ys_buf_printf(&list, "%s%d", nmoney ? "、" : "", p->seq);
                nmoney++;
                continue;
            }
            ys_finding *fd = ys_check_report(ctx, proj_loc(p, pts[n - 1].pt->label, v12->src),
                                             "%s资金支出计划 12月底 %s 既不是 100%%，也不等于预算数 %s", ys_buf_str(&lbl),
                                             v12->text, fmt_money(budget, u).s);
            ys_finding_set_amounts(fd, true, hundred, true, last, u, 2);
        } else if (last != budget) {
            ys_finding *fd = ys_check_report(ctx, proj_loc(p, pts[n - 1].pt->label, v12->src),
                                             "%s资金支出计划 12月底累计 %s ≠ 预算数 %s（差 %s）", ys_buf_str(&lbl),
                                             fmt_money(last, u).s, fmt_money(budget, u).s, fmt_money(budget - last, u).s);
            ys_finding_set_amounts(fd, true, budget, true, last, u, 2);
        }
    }
    if (nmoney) {
        ys_location at = ys_loc_table(YS_TABLE_PROJECT_TARGETS, first_money->src);
        at.column = "资金支出计划";
        ys_finding *fd = ys_check_report_sev(ctx, YS_SEV_WARNING, at,
                                             "%zu 个项目的资金支出计划表头为“%%”，所列却是金额（12月底 = 预算数）：项目 %s",
                                             nmoney, ys_buf_str(&list));
        for (size_t k = 1; k < nmoney; k++)
            ys_finding_add_loc(fd, proj_loc(money_projects[k], "资金支出计划", money_projects[k]->src));
    }
    free(money_projects);
    ys_buf_release(&lbl);
    ys_buf_release(&list);
}

/* ---- R38 ------------------------------------------------------------------------------------------ */

static void r38(ys_check_ctx *ctx)
{
    const ys_disclosure *d = ctx->doc;
    if (!d->nprojects) {
        ys_check_insufficient(ctx, "没有项目绩效目标表");
        return;
    }
    for (size_t i = 1; i < d->nprojects; i++) {
        const ys_project *p = &d->projects[i];
        if (!p->code || !*p->code) continue;
        for (size_t k = 0; k < i; k++) {
            const ys_project *q = &d->projects[k];
            if (!ys_text_eq(q->code, p->code)) continue;
            ys_buf b = YS_BUF_INIT;
            plabel(&b, p);
            ys_buf_adds(&b, " 与 ");
            plabel(&b, q);
            ys_finding *fd = ys_check_report(ctx, proj_loc(p, "项目编码", p->src), "项目编码 %s 重复：%s 使用同一编码",
                                             p->code, ys_buf_str(&b));
            ys_finding_add_loc(fd, proj_loc(q, "项目编码", q->src));
            ys_buf_release(&b);
            break;
        }
    }
}

/* ---- performance-target quality ---------------------------------------------------------------------- */

/* Comparison key of an indicator level name without a trailing "指标". */
static char *level_key(ys_arena *a, const char *s)
{
    char *k = ys_text_key(a, s ? s : "");
    size_t n = strlen(k), m = strlen("指标");
    if (n > m && ys_text_eq(k + n - m, "指标")) k[n - m] = '\0';
    return k;
}

typedef struct {
    char **l1, **l2;
    size_t n;
} tree;

/* Load data/templates/indicators.tsv (level1<TAB>level2) into keys owned by a; false when absent. */
static bool load_tree(ys_arena *a, tree *t)
{
    char path[PATH_MAX];
    memset(t, 0, sizeof *t);
    if (!ys_data_path("templates/indicators.tsv", path, sizeof path)) return false;
    FILE *f = fopen(path, "r");
    if (!f) return false;
    char *line = NULL;
    size_t cap = 0, tcap = 0;
    while (getline(&line, &cap, f) != -1) {
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0] || line[0] == '#' || strncmp(line, "level1\t", 7) == 0) continue;
        char *tab = strchr(line, '\t');
        if (!tab) continue;
        *tab = '\0';
        if (t->n == tcap) {
            size_t nc = tcap ? tcap * 2 : 16;
            t->l1 = ys_arena_grow(a, t->l1, t->n, nc, sizeof *t->l1);
            t->l2 = ys_arena_grow(a, t->l2, t->n, nc, sizeof *t->l2);
            tcap = nc;
        }
        t->l1[t->n] = level_key(a, line);
        t->l2[t->n] = level_key(a, tab + 1);
        t->n++;
    }
    free(line);
    fclose(f);
    return t->n > 0;
}

static void pt_tree(ys_check_ctx *ctx)
{
    const ys_disclosure *d = ctx->doc;
    bool any = false;
    for (size_t i = 0; i < d->nprojects; i++) any = any || d->projects[i].nindicators;
    if (!any) {
        ys_check_insufficient(ctx, "没有绩效指标");
        return;
    }
    ys_arena *a = ys_arena_new();
    tree t;
    if (!load_tree(a, &t)) {
        ys_check_insufficient(ctx, "找不到绩效指标体系数据 templates/indicators.tsv");
        ys_arena_free(a);
        return;
    }
    ys_buf lbl = YS_BUF_INIT, bad = YS_BUF_INIT;
    for (size_t i = 0; i < d->nprojects; i++) {
        const ys_project *p = &d->projects[i];
        const char *cur1 = "", *k1 = NULL;
        size_t nbad = 0;
        const ys_indicator *first = NULL;
        ys_buf_reset(&bad);
        for (size_t k = 0; k < p->nindicators; k++) {
            const ys_indicator *in = &p->indicators[k];
            if (in->level1 && *in->level1 && in->level1 != cur1) {
                cur1 = in->level1;
                k1 = NULL;
            }
            if (!k1) k1 = level_key(a, cur1);   /* once per 一级指标 */
            const char *k2 = level_key(a, in->level2);
            bool l1_known = false, pair = false;
            for (size_t j = 0; j < t.n; j++) {
                if (!ys_text_eq(t.l1[j], k1)) continue;
                l1_known = true;
                if (ys_text_eq(t.l2[j], k2)) pair = true;
            }
            if (pair) continue;
            if (!first) first = in;
            if (!l1_known) ys_buf_printf(&bad, "%s一级指标“%s”不在指标体系中", nbad ? "；" : "", cur1);
            else ys_buf_printf(&bad, "%s二级指标“%s”不属于一级指标“%s”", nbad ? "；" : "", in->level2, cur1);
            nbad++;
        }
        if (!nbad) continue;
        ys_buf_reset(&lbl);
        plabel(&lbl, p);
        ys_check_report(ctx, proj_loc(p, "二级指标", first->src), "%s有 %zu 个指标不符合绩效指标体系：%s", ys_buf_str(&lbl),
                        nbad, ys_buf_str(&bad));
    }
    ys_buf_release(&lbl);
    ys_buf_release(&bad);
    ys_arena_free(a);
}

typedef enum { IND_OK = 0, IND_NOT_MEASURABLE, IND_RESTATED, IND_COST_NO_MONEY } ind_problem;

static bool has_digit(const char *s)
{
    for (; s && *s; s++)
        if (*s >= '0' && *s <= '9') return true;
    return false;
}

/* Grades accepted for 定性 indicators (评价等级). */
static bool is_grade(const char *v)
{
    static const char *const grades[] = {"优", "良", "好", "较好", "优秀", "良好", "合格", "达标", "一般"};
    for (size_t i = 0; i < sizeof grades / sizeof *grades; i++)
        if (ys_text_same(v, grades[i])) return true;
    return false;
}

/* k1: the level key of the indicator's 一级指标 (the last non-empty one above it). */
static ind_problem classify(ys_arena *a, const char *k1, const ys_indicator *in)
{
    const char *v = in->value ? in->value : "";
    if (!*v) return IND_NOT_MEASURABLE;
    if ((in->level3 && *in->level3 && ys_text_same(v, in->level3)) ||
        (in->description && *in->description && ys_text_same(v, in->description)))
        return IND_RESTATED;
    const char *k2 = level_key(a, in->level2);
    bool cost = strncmp(k2, "成本", strlen("成本")) == 0 || ys_text_eq(k1, "成本");
    if (cost && !(has_digit(v) && ys_text_find(v, "元"))) return IND_COST_NO_MONEY;
    if (!has_digit(v) && !is_grade(v)) return IND_NOT_MEASURABLE;
    return IND_OK;
}

/* The problem of each indicator of p into probs (p->nindicators entries). */
/* The problem of each indicator of p into probs (p->nindicators entries); the 一级指标 key is computed
 * once per 一级指标, not per indicator. */
static void classify_project(ys_arena *a, const ys_project *p, ind_problem *probs)
{
    const char *cur1 = "", *k1 = NULL;
    for (size_t k = 0; k < p->nindicators; k++) {
        const ys_indicator *in = &p->indicators[k];
        if (in->level1 && *in->level1 && in->level1 != cur1) {
            cur1 = in->level1;
            k1 = NULL;
        }
        if (!k1) k1 = level_key(a, cur1);
        probs[k] = classify(a, k1, in);
    }
}

/* The class of every indicator of every project (one array per project). PT-02…04 share it through the
 * check context's memo; without one (a context built by a caller) it is computed into a. */
static ind_problem **problems(ys_check_ctx *ctx, ys_arena *a)
{
    if (ctx->memo && ctx->pt_problems) return ctx->pt_problems;
    ys_arena *into = ctx->memo ? ctx->memo : a;
    const ys_disclosure *d = ctx->doc;
    ind_problem **all = ys_arena_calloc(into, d->nprojects ? d->nprojects : 1, sizeof *all);
    for (size_t i = 0; i < d->nprojects; i++) {
        const ys_project *p = &d->projects[i];
        all[i] = ys_arena_calloc(into, p->nindicators ? p->nindicators : 1, sizeof *all[i]);
        classify_project(into, p, all[i]);
    }
    if (ctx->memo) ctx->pt_problems = all;
    return all;
}

/* s as printf's "%s" writes it. */
static void add_str(ys_buf *b, const char *s)
{
    ys_buf_adds(b, s ? s : "(null)");
}

static void quality(ys_check_ctx *ctx, ind_problem want, const char *what)
{
    const ys_disclosure *d = ctx->doc;
    bool any = false;
    for (size_t i = 0; i < d->nprojects; i++) any = any || d->projects[i].nindicators;
    if (!any) {
        ys_check_insufficient(ctx, "没有绩效指标");
        return;
    }
    ys_arena *a = ctx->memo ? NULL : ys_arena_new();
    ind_problem **all = problems(ctx, a);
    ys_buf lbl = YS_BUF_INIT, list = YS_BUF_INIT;
    for (size_t i = 0; i < d->nprojects; i++) {
        const ys_project *p = &d->projects[i];
        size_t nbad = 0;
        ys_finding *fd = NULL;
        const ys_indicator *first = NULL;
        const ind_problem *probs = all[i];
        ys_buf_reset(&list);
        for (size_t k = 0; k < p->nindicators; k++) {
            const ys_indicator *in = &p->indicators[k];
            if (probs[k] != want) continue;
            if (!first) first = in;
            /* "%s%s/%s=“%s”" without printf */
            if (nbad) ys_buf_adds(&list, "；");
            add_str(&list, in->level2);
            ys_buf_addc(&list, '/');
            add_str(&list, in->level3);
            ys_buf_adds(&list, "=“");
            add_str(&list, in->value);
            ys_buf_adds(&list, "”");
            nbad++;
        }
        if (!nbad) continue;
        ys_buf_reset(&lbl);
        plabel(&lbl, p);
        fd = ys_check_report(ctx, proj_loc(p, "指标值", first->src), "%s有 %zu 个指标值%s：%s", ys_buf_str(&lbl), nbad,
                             what, ys_buf_str(&list));
        for (size_t k = 0; k < p->nindicators; k++) {
            const ys_indicator *in = &p->indicators[k];
            if (in != first && probs[k] == want) {
                ys_location l = proj_loc(p, "指标值", in->src);
                l.name = (char *)in->level3;
                ys_finding_add_loc(fd, l);
            }
        }
    }
    ys_buf_release(&lbl);
    ys_buf_release(&list);
    ys_arena_free(a);
}

static void pt_measurable(ys_check_ctx *ctx)
{
    quality(ctx, IND_NOT_MEASURABLE, "不可衡量（应有比较符和带单位的数值，如 ≥97%、≤11.68万元、100人）");
}

static void pt_restated(ys_check_ctx *ctx)
{
    quality(ctx, IND_RESTATED, "只是重复了指标名称或描述，没有给出目标值");
}

static void pt_cost(ys_check_ctx *ctx)
{
    quality(ctx, IND_COST_NO_MONEY, "属于成本指标却没有金额（应如 ≤11.68万元）");
}

const ys_rule ys_rules_projects[] = {
    {"R36", YS_SEV_ERROR, "projects", "项目预算数合计等于项目支出", "审核公式；财预〔2016〕143号", r36},
    {"R37", YS_SEV_ERROR, "projects", "项目资金构成与支出计划", "审核公式；项目支出绩效目标表", r37},
    {"R38", YS_SEV_ERROR, "projects", "项目编码唯一", "项目库管理", r38},
    {"PT-01", YS_SEV_WARNING, "projects", "绩效指标符合指标体系", "财预〔2021〕101号 绩效指标体系", pt_tree},
    {"PT-02", YS_SEV_WARNING, "projects", "指标值可衡量", "财预〔2021〕101号 指标值设定", pt_measurable},
    {"PT-03", YS_SEV_WARNING, "projects", "指标值不是指标名称的重复", "财预〔2021〕101号 指标值设定", pt_restated},
    {"PT-04", YS_SEV_WARNING, "projects", "成本指标以金额表示", "财预〔2021〕101号 成本指标", pt_cost},
    {NULL, YS_SEV_INFO, NULL, NULL, NULL, NULL},
};
