/*
 * final.c — the rule family "final": what a 决算 (final accounts, 部门决算 / 单位决算) must satisfy beyond
 * what it shares with a 预算. Every rule here runs only when meta.kind is 决算 and says nothing on other
 * documents. The budget rules that do not hold for a 决算 (R2/R3 总计 = 本年 + 结转, R28 balanced
 * budget, R41 the narrative's 年初预算 against the tables) skip 决算 documents in their own files; the
 * rules here take their place. See docs/FINAL.md.
 *
 *   F01  收支总表 收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余
 *   F02  收支总表 支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余
 *   F03  “三公” counts given (团组数/人数, 购置数/保有量, 接待批次/人数): table columns/rows or the text
 *   F04  direction words of 决算 against 年初预算 in the text agree with the sign of 决算 − 预算
 *   F05  完成(年初)预算的 X% = 决算 / 预算 within the rounding of the printed figures
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "check/util.h"
#include "core/buf.h"
#include "core/money.h"
#include "core/text.h"

static bool is_final(const ys_check_ctx *ctx)
{
    return ctx->doc && ctx->doc->meta.kind == YS_KIND_FINAL;
}

/* ---- F01 / F02: the 总计 identities of 收入支出决算总表 ------------------------------------------ */

static const char *const IN_TOTAL[] = {"收入总计", "总计", NULL};
static const char *const OUT_TOTAL[] = {"支出总计", "总计", NULL};
static const char *const IN_YEAR[] = {"本年收入合计", "本年收入小计", "本年收入", NULL};
static const char *const OUT_YEAR[] = {"本年支出合计", "本年支出小计", "本年支出", NULL};
static const char *const IN_NONFISCAL[] = {"使用非财政拨款结余", "用事业基金弥补收支差额", "使用非财政拨款结余(含专用结余)",
                                           NULL};
static const char *const IN_CARRY[] = {"年初结转和结余", "上年结转和结余", "年初结转结余", "上年结转结余", NULL};
static const char *const OUT_DIST[] = {"结余分配", NULL};
static const char *const OUT_CARRY[] = {"年末结转和结余", "年末结转结余", "年终结转结余", NULL};

/* First row at index >= from whose label is one of the aliases or ends with one (a PDF reader may join
 * two printed rows, "结余分配年末结转和结余", when one of them is empty). */
static const ys_row *find_row(const ys_table *t, const char *label_key, const char *const *aliases, size_t from)
{
    const ys_row *r = ys_ck_find_label(t, label_key, aliases, from, NULL);
    if (r) return r;
    for (size_t i = from; i < t->nrows; i++) {
        const char *l = ys_ck_label(t, &t->rows[i], label_key);
        size_t ll = l ? strlen(l) : 0;
        for (size_t k = 0; aliases[k]; k++) {
            size_t al = strlen(aliases[k]);
            if (ll > al && strcmp(l + ll - al, aliases[k]) == 0) return &t->rows[i];
        }
    }
    return NULL;
}

static void total_identity(ys_check_ctx *ctx, const char *label_key, const char *amount_key,
                           const char *const *total, const char *const *year, const char *const *mid,
                           const char *const *carry, const char *sigma)
{
    if (!is_final(ctx)) return;
    const ys_table *t = ys_disclosure_table(ctx->doc, YS_TABLE_SUMMARY);
    if (!t) {
        ys_check_insufficient(ctx, "文档中没有收入支出决算总表");
        return;
    }
    size_t yi = 0;
    const ys_row *yr = ys_ck_find_label(t, label_key, year, 0, &yi);
    /* the 总计 row comes after 本年合计 (a 决算 prints no other 总计 on that side) */
    const ys_row *tr = yr ? ys_ck_find_label(t, label_key, total, yi + 1, NULL) : NULL;
    if (!tr || !yr || ys_table_col(t, amount_key) < 0) {
        ys_check_insufficient(ctx, "收入支出决算总表中找不到总计或本年合计行");
        return;
    }
    const ys_row *items[3];
    size_t n = 0;
    items[n++] = yr;
    const ys_row *m = find_row(t, label_key, mid, yi + 1);
    const ys_row *c = find_row(t, label_key, carry, yi + 1);
    if (m && m != tr) items[n++] = m;
    if (c && c != m && c != tr) items[n++] = c;
    ys_ck_sum_opts o = {sigma, amount_key, label_key, false};
    ys_ck_check_sum(ctx, t, tr, items, n, &o);
}

static void f01(ys_check_ctx *ctx)
{
    total_identity(ctx, "in_item", "in_amount", IN_TOTAL, IN_YEAR, IN_NONFISCAL, IN_CARRY,
                   "本年收入、使用非财政拨款结余与年初结转和结余之和");
}

static void f02(ys_check_ctx *ctx)
{
    total_identity(ctx, "out_item", "out_amount", OUT_TOTAL, OUT_YEAR, OUT_DIST, OUT_CARRY,
                   "本年支出、结余分配与年末结转和结余之和");
}

/* ---- F03: the “三公” counts of a 决算 --------------------------------------------------------------- */

typedef struct {
    const char *what;                /* Chinese, for the message */
    const char *keys[3];             /* column keys (tables.tsv) */
    const char *const words[4];      /* a row name or the text mentions one of these … */
    const char *const units[4];      /* … followed (in the text) by a number and one of these */
} count_item;

static const count_item COUNTS[] = {
    {"因公出国(境)团组数和人数", {"trips", "travellers", NULL}, {"团组", NULL}, {"个", "批", "人", NULL}},
    {"公务用车购置数和保有量", {"cars_bought", "cars_held", NULL}, {"保有量", "购置数", "购置车辆", NULL}, {"辆", NULL}},
    {"国内公务接待批次和人数", {"receptions", "guests", NULL}, {"批次", NULL}, {"批次", "人次", "人", NULL}},
};

static bool table_has_count(const ys_table *t, const count_item *it)
{
    if (!t) return false;
    for (size_t k = 0; it->keys[k]; k++)
        if (ys_table_col(t, it->keys[k]) >= 0) return true;
    for (size_t i = 0; i < t->nrows; i++)
        for (size_t w = 0; it->words[w]; w++)
            if (t->rows[i].name && ys_text_find(t->rows[i].name, it->words[w])) return true;
    return false;
}

/* The text names the item's word and, within a short distance after it, a number with a count unit. */
static bool text_has_count(const ys_disclosure *d, const count_item *it)
{
    for (size_t s = 0; s < d->nsections; s++) {
        const char *text = d->sections[s].text;
        if (!text) continue;
        for (size_t w = 0; it->words[w]; w++) {
            for (const char *p = ys_text_find(text, it->words[w]); p; p = ys_text_find(p + 1, it->words[w])) {
                const char *q = p, *lim = p + 60;
                while (*q && q < lim) {
                    if (*q >= '0' && *q <= '9') {
                        while (*q >= '0' && *q <= '9') q++;
                        while (*q == ' ') q++;
                        for (size_t u = 0; it->units[u]; u++)
                            if (strncmp(q, it->units[u], strlen(it->units[u])) == 0) return true;
                        continue;
                    }
                    q++;
                }
            }
        }
    }
    return false;
}

static void f03(ys_check_ctx *ctx)
{
    if (!is_final(ctx)) return;
    const ys_disclosure *d = ctx->doc;
    const ys_table *t = ys_disclosure_table(d, YS_TABLE_THREE_PUBLIC);
    if (!t && d->nsections == 0) {
        ys_check_insufficient(ctx, "没有“三公”经费表，也没有情况说明");
        return;
    }
    ys_buf miss = YS_BUF_INIT;
    for (size_t i = 0; i < sizeof COUNTS / sizeof *COUNTS; i++) {
        if (table_has_count(t, &COUNTS[i]) || text_has_count(d, &COUNTS[i])) continue;
        if (miss.len) ys_buf_adds(&miss, "、");
        ys_buf_adds(&miss, COUNTS[i].what);
    }
    if (miss.len) {
        ys_source src = t ? t->src : (ys_source){d->file, 0, 0, NULL};
        ys_check_report(ctx, ys_loc_table(t ? YS_TABLE_THREE_PUBLIC : YS_TABLE_DOCUMENT, src),
                        "决算没有说明“三公”经费的实物量：缺 %s", ys_buf_str(&miss));
    }
    ys_buf_release(&miss);
}

/* ---- F04 / F05: 决算 against 年初预算 in the text ------------------------------------------------- */

/* An amount "12.34万元" at p (spaces skipped); returns the end or NULL. */
static const char *read_amount(const char *p, ys_money *v, int *dec)
{
    while (*p == ' ') p++;
    const char *s = p;
    while ((*p >= '0' && *p <= '9') || *p == '.' || *p == ',') p++;
    if (p == s) return NULL;
    const char *e = p;
    while (*p == ' ') p++;
    ys_unit u = YS_UNIT_UNKNOWN;
    if (strncmp(p, "万元", strlen("万元")) == 0) u = YS_UNIT_WANYUAN, p += strlen("万元");
    else if (strncmp(p, "亿元", strlen("亿元")) == 0) u = YS_UNIT_YIYUAN, p += strlen("亿元");
    else if (strncmp(p, "万", strlen("万")) == 0) u = YS_UNIT_WANYUAN, p += strlen("万");
    else if (strncmp(p, "元", strlen("元")) == 0) u = YS_UNIT_YUAN, p += strlen("元");
    else return NULL;
    if (ys_money_parse(s, (size_t)(e - s), u, v, dec) != YS_MONEY_OK) return NULL;
    return p;
}

/* A percentage "94.43%" at p: value in hundredths of a percent, decimals; returns end or NULL. */
static const char *read_percent(const char *p, int64_t *bp, int *dec)
{
    while (*p == ' ') p++;
    int64_t v = 0;
    int d = -1;
    const char *s = p;
    for (; (*p >= '0' && *p <= '9') || *p == '.'; p++) {
        if (*p == '.') {
            if (d >= 0) return NULL;
            d = 0;
            continue;
        }
        if (d >= 4 || v > INT64_MAX / 100) return NULL;
        v = v * 10 + (*p - '0');
        if (d >= 0) d++;
    }
    if (p == s || *p != '%') return NULL;
    if (d < 0) d = 0;
    for (int k = d; k < 4; k++) v *= 10; /* in 1/10000 of a percent */
    *bp = v;
    *dec = d;
    return p + 1;
}

static const char *const BUDGET_WORDS[] = {"年初预算为", "年初预算数为", "年初预算", "全年预算数为", "预算数为", NULL};
static const char *const FINAL_WORDS[] = {"支出决算为", "决算数为", "决算为", "支出决算", NULL};

/* The first occurrence in [p, lim) of any word; *w gets its length. */
static const char *find_any(const char *p, const char *lim, const char *const *words, size_t *wl)
{
    const char *best = NULL;
    for (size_t i = 0; words[i]; i++) {
        const char *q = ys_text_find(p, words[i]);
        if (q && q < lim && (!best || q < best)) {
            best = q;
            *wl = strlen(words[i]);
        }
    }
    return best;
}

typedef enum { DIR_NONE, DIR_UP, DIR_DOWN, DIR_EQUAL } direction;

/* The direction stated about 决算 against 预算 in [p, lim): "决算数大于预算数", "决算数比年初预算数增加",
 * "决算数小于…", "…减少", "持平" / "与预算数一致"; the earliest wins. */
static direction stated_direction(const char *p, const char *lim, const char **at)
{
    static const struct {
        const char *w;
        direction d;
    } W[] = {
        {"决算数大于", DIR_UP},     {"决算大于", DIR_UP},       {"决算数高于", DIR_UP},   {"决算数超过", DIR_UP},
        {"决算数小于", DIR_DOWN},   {"决算小于", DIR_DOWN},     {"决算数低于", DIR_DOWN}, {"决算数少于", DIR_DOWN},
        {"预算数增加", DIR_UP},     {"预算增加", DIR_UP},       {"预算数减少", DIR_DOWN}, {"预算减少", DIR_DOWN},
        {"预算数持平", DIR_EQUAL},  {"预算持平", DIR_EQUAL},   {"决算数与预算数一致", DIR_EQUAL},
        {"决算数等于预算数", DIR_EQUAL},
    };
    direction best = DIR_NONE;
    const char *bp = NULL;
    for (size_t i = 0; i < sizeof W / sizeof *W; i++) {
        const char *q = ys_text_find(p, W[i].w);
        if (q && q < lim && (!bp || q < bp)) {
            bp = q;
            best = W[i].d;
        }
    }
    if (at) *at = bp;
    return best;
}

static const char *dir_zh(direction d)
{
    return d == DIR_UP ? "决算数大于预算数" : d == DIR_DOWN ? "决算数小于预算数" : "决算数与预算数持平";
}

/* The section text without white space (PDF text wraps inside words), in a buffer. */
static void compact(ys_buf *b, const char *text)
{
    ys_buf_reset(b);
    for (const char *p = text; *p; p++)
        if (*p != '\n' && *p != ' ' && *p != '\t' && *p != '\r') ys_buf_addc(b, *p);
}

/* Each "年初预算为 A …决算为 B" pair of the narrative, with the text up to the next pair. */
typedef void (*pair_fn)(ys_check_ctx *ctx, const ys_section *s, const char *clause, size_t clause_len, ys_money a,
                        int adec, ys_money b, int bdec, const char *rest, const char *lim);

static void each_pair(ys_check_ctx *ctx, pair_fn fn, bool *any)
{
    const ys_disclosure *d = ctx->doc;
    ys_buf b = YS_BUF_INIT;
    for (size_t s = 0; s < d->nsections; s++) {
        if (!d->sections[s].text) continue;
        compact(&b, d->sections[s].text);
        const char *text = ys_buf_str(&b), *end = text + b.len, *p = text;
        size_t wl = 0;
        const char *bw;
        while ((bw = find_any(p, end, BUDGET_WORDS, &wl)) != NULL) {
            ys_money a = 0, v = 0;
            int ad = 0, vd = 0;
            const char *ae = read_amount(bw + wl, &a, &ad);
            if (!ae) {
                p = bw + wl;
                continue;
            }
            /* the 决算 figure within the same sentence pair (before the next 年初预算) */
            size_t nl = 0;
            const char *next = ae, *lim = end;
            ys_money dummy = 0;
            while ((next = find_any(next, end, BUDGET_WORDS, &nl)) != NULL) {
                if (read_amount(next + nl, &dummy, NULL)) {
                    lim = next;   /* the next pair starts here ("完成年初预算的" is no pair) */
                    break;
                }
                next += nl;
            }
            size_t fl = 0;
            const char *fw = find_any(ae, lim, FINAL_WORDS, &fl);
            const char *fe = fw ? read_amount(fw + fl, &v, &vd) : NULL;
            if (!fe || fw - ae > 40) {
                p = ae;
                continue;
            }
            *any = true;
            fn(ctx, &d->sections[s], bw, (size_t)(fe - bw), a, ad, v, vd, fe, lim);
            p = fe;
        }
    }
    ys_buf_release(&b);
}

static ys_location narrative_loc(const ys_section *s)
{
    return ys_loc_table(YS_TABLE_NARRATIVE, s->src);
}

static void f04_pair(ys_check_ctx *ctx, const ys_section *s, const char *clause, size_t clause_len, ys_money a,
                     int adec, ys_money b, int bdec, const char *rest, const char *lim)
{
    (void)adec, (void)bdec;
    const char *at = NULL;
    direction said = stated_direction(rest, lim, &at);
    if (said == DIR_NONE) return;
    direction is = b > a ? DIR_UP : b < a ? DIR_DOWN : DIR_EQUAL;
    if (said == is) return;
    ys_finding *fd = ys_check_report(ctx, narrative_loc(s), "“%.*s”之后写“%s”，实际%s", (int)clause_len, clause,
                                     dir_zh(said), dir_zh(is));
    ys_finding_set_amounts(fd, true, a, true, b, YS_UNIT_WANYUAN, 2);
}

static void f04(ys_check_ctx *ctx)
{
    if (!is_final(ctx)) return;
    bool any = false;
    each_pair(ctx, f04_pair, &any);
    if (!any) ys_check_insufficient(ctx, "情况说明中没有“年初预算为…决算为…”的对照");
}

static void f05_pair(ys_check_ctx *ctx, const ys_section *s, const char *clause, size_t clause_len, ys_money a,
                     int adec, ys_money b, int bdec, const char *rest, const char *lim)
{
    (void)adec;
    const char *q = ys_text_find(rest, "完成");
    if (!q || q >= lim || q - rest > 40) return;
    const char *pc = q;
    while (pc < lim && *pc != '%' && !(*pc >= '0' && *pc <= '9')) pc++;
    int64_t stated = 0;
    int pdec = 0;
    if (pc >= lim || !read_percent(pc, &stated, &pdec)) return;
    if (a <= 0) return; /* no rate on a zero budget (R45's rule) */
    /* exact rate in 1/10000 %, and the envelope: half a printed unit of the rate plus the effect of the
     * rounding of both printed amounts (half a 分 unit of their decimals) */
    if (b > INT64_MAX / 1000000) return;
    int64_t num = b * 1000000; /* b/a × 100 % × 10000 */
    int64_t exact = (num + a / 2) / a;
    int64_t half = 5000;
    for (int k = 0; k < pdec; k++) half /= 10;
    int64_t fen_half = ys_unit_fen(YS_UNIT_WANYUAN) / 2;
    for (int k = 0; k < bdec; k++) fen_half /= 10;
    /* d(rate) ≈ (δb + rate·δa)/a, in 1/10000 % */
    int64_t slack = (fen_half * 1000000 + exact * fen_half) / a + 1;
    int64_t diff = stated - exact;
    if (diff < 0) diff = -diff;
    if (diff <= half + slack) return;
    char sb[32], eb[32];
    int64_t scale = 1;
    for (int k = pdec; k < 4; k++) scale *= 10;
    if (pdec)
        snprintf(sb, sizeof sb, "%lld.%0*lld%%", (long long)(stated / 10000), pdec, (long long)((stated % 10000) / scale));
    else
        snprintf(sb, sizeof sb, "%lld%%", (long long)(stated / 10000));
    int64_t r2 = (exact + 50) / 100; /* hundredths of a percent */
    snprintf(eb, sizeof eb, "%lld.%02lld%%", (long long)(r2 / 100), (long long)(r2 % 100));
    ys_check_report(ctx, narrative_loc(s), "“%.*s”写完成预算的 %s，按两数计算应为 %s", (int)clause_len, clause, sb, eb);
}

static void f05(ys_check_ctx *ctx)
{
    if (!is_final(ctx)) return;
    bool any = false;
    each_pair(ctx, f05_pair, &any);
    if (!any) ys_check_insufficient(ctx, "情况说明中没有“年初预算为…决算为…”的对照");
}

const ys_rule ys_rules_final[] = {
    {"F01", YS_SEV_ERROR, "final", "决算收入总计 = 本年收入 + 使用非财政拨款结余 + 年初结转和结余",
     "部门决算报表审核公式；收入支出决算总表", f01},
    {"F02", YS_SEV_ERROR, "final", "决算支出总计 = 本年支出 + 结余分配 + 年末结转和结余",
     "部门决算报表审核公式；收入支出决算总表", f02},
    {"F03", YS_SEV_WARNING, "final", "决算说明“三公”经费的团组、车辆、接待批次等实物量",
     "财预〔2016〕143号；部门决算公开模板“三公”经费说明", f03},
    {"F04", YS_SEV_ERROR, "final", "决算与年初预算的增减方向与数字一致", "RULES.md R46（决算）；部门决算公开模板", f04},
    {"F05", YS_SEV_WARNING, "final", "完成预算的百分比 = 决算数 ÷ 年初预算数", "RULES.md R47（决算）", f05},
    {NULL, YS_SEV_INFO, NULL, NULL, NULL, NULL},
};
