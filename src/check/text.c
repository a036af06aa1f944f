/*
 * text.c — rule family "text": what the narrative (情况说明) says against the tables.
 *
 * The reader gives every section its figures (ys_figure: label = the words before the amount within its
 * clause). A figure is classified by words of its label (收入, 基本支出, 人员经费, 公务接待费 …); figures of
 * change (增加/减少 …) are never compared with a table total. Text ↔ table comparisons allow the rounding
 * envelope of the figure's printed precision (R51: "124.4万元" = 124.40).
 *
 *   R41  totals (收入, 支出, 一般公共预算, 基本 = 人员 + 公用, 项目) = the tables
 *   R42  三公 amounts = three_public item by item; 增加/减少 comes with amount and reason; 持平 means 0
 *   R43  机关运行经费 ≤ gpb_basic 公用经费 (= for a purely 行政/参公 department); its parts sum to it
 *   R44  a 科目 amount cited in the text = its row in expense
 *   R45  增减额 = 本年 − 上年 where a clause states all three; no growth rate on a zero base
 *   R46  direction words agree with the sign; no template residue "增加（减少）"
 *   R47  shares carry "%"
 *   R48  a figure stated twice with the same label is the same
 */
#include "check/check.h"
#include "core/buf.h"
#include "core/text.h"

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

/* s holds w (s may be NULL). A macro, so that the length of a literal w is a constant (no strlen per
 * call); s and w are evaluated twice: pass plain names and members only. */
#define has(s, w) ((s) && ys_text_find((s), (w)) != NULL)

static bool ends_with(const char *s, const char *w)
{
    size_t n = strlen(s), m = strlen(w);
    return n >= m && strcmp(s + n - m, w) == 0;
}

/* A figure of change (增加 3220.91万元, 比上年减少 …), not a total. */
static bool is_change(const ys_figure *f)
{
    static const char *const words[] = {"增加", "减少", "增长", "下降", "增减", "上升", "降低", "上年", "较", "比"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (has(f->label, words[i])) return true;
    return false;
}

static ys_location fig_loc(const ys_figure *f)
{
    ys_location l = ys_loc_table(YS_TABLE_NARRATIVE, f->src);
    l.name = (char *)f->label;
    return l;
}

static ys_money absm(ys_money v)
{
    return v < 0 ? -v : v;
}

static ys_unit doc_unit(const ys_disclosure *d, const ys_table *t)
{
    return (t && t->unit) ? t->unit : d->meta.unit ? d->meta.unit : YS_UNIT_WANYUAN;
}

static bool within(const ys_figure *f, ys_money table, ys_unit u)
{
    return absm(f->amount - table) <= ys_money_envelope(1, f->unit ? f->unit : u, f->decimals);
}

static const ys_row *row_total(const ys_table *t)
{
    for (size_t i = 0; t && i < t->nrows; i++)
        if (!t->rows[i].code[0] && (ys_text_same(t->rows[i].name, "合计") || ys_text_same(t->rows[i].name, "总计")))
            return &t->rows[i];
    return NULL;
}

/* ---- candidates: the table cells a text figure may equal -------------------------------------------- */

typedef struct {
    ys_money v;
    ys_location at;
    const char *what;
} cand;

typedef struct {
    cand c[8];
    size_t n;
} cands;

static void add_cell(cands *cs, const ys_table *t, const ys_row *r, int col, const char *what)
{
    if (!t || !r || col < 0 || cs->n == 8) return;
    cs->c[cs->n].v = ys_cell_money(&r->cells[col]);
    cs->c[cs->n].at = ys_loc_cell(t, r, col);
    cs->c[cs->n].what = what;
    cs->n++;
}

static void add_total(cands *cs, const ys_disclosure *d, ys_table_id id, const char *key, const char *what)
{
    const ys_table *t = ys_disclosure_table(d, id);
    add_cell(cs, t, row_total(t), ys_table_col(t, key), what);
}

/* summary (two-sided): the amount beside a label containing `word` on side in_/out_. */
static void add_summary(cands *cs, const ys_disclosure *d, ys_table_id id, bool income, const char *word,
                        const char *amount_key, const char *what)
{
    const ys_table *t = ys_disclosure_table(d, id);
    int cl = ys_table_col(t, income ? "in_item" : "out_item"), ca = ys_table_col(t, amount_key);
    if (cl < 0 || ca < 0) return;
    for (size_t i = 0; i < t->nrows; i++)
        if (has(t->rows[i].cells[cl].text, word)) {
            add_cell(cs, t, &t->rows[i], ca, what);
            return;
        }
}

typedef enum {
    CAT_NONE = 0, CAT_INCOME, CAT_EXPENSE, CAT_BOTH, CAT_GPB, CAT_GOV_FUND, CAT_SOE,
    CAT_BASIC, CAT_PERSONNEL, CAT_PUBLIC, CAT_PROJECT
} category;

static category classify(const ys_figure *f)
{
    const char *l = f->label;
    if (is_change(f)) return CAT_NONE;
    if (has(l, "人员经费")) return CAT_PERSONNEL;
    if (has(l, "公用经费")) return CAT_PUBLIC;
    if (has(l, "基本支出")) return CAT_BASIC;
    if (has(l, "项目支出")) return CAT_PROJECT;
    if (has(l, "三公") || has(l, "机关运行")) return CAT_NONE;
    if (has(l, "一般公共预算")) return CAT_GPB;
    if (has(l, "基金")) return CAT_GOV_FUND;
    if (has(l, "国有资本")) return CAT_SOE;
    if (has(l, "收支") || has(l, "收入支出")) return CAT_BOTH;   /* 收支总计, 收入支出总计 */
    if (ends_with(l, "收入") || ends_with(l, "收入合计") || ends_with(l, "收入总计") || ends_with(l, "收入预算") ||
        ends_with(l, "总收入"))
        return has(l, "财政专户") || has(l, "其他") || has(l, "事业") || has(l, "经营") ? CAT_NONE : CAT_INCOME;
    if (ends_with(l, "支出预算") || ends_with(l, "预算支出") || ends_with(l, "支出合计") || ends_with(l, "支出总计") ||
        ends_with(l, "总支出"))
        return CAT_EXPENSE;
    return CAT_NONE;
}

static void candidates(const ys_disclosure *d, category c, cands *cs)
{
    memset(cs, 0, sizeof *cs);
    switch (c) {
    case CAT_INCOME:
    case CAT_BOTH:
        add_summary(cs, d, YS_TABLE_SUMMARY, true, "收入总计", "in_amount", "收支总表收入总计");
        add_summary(cs, d, YS_TABLE_SUMMARY, true, "总计", "in_amount", "收支总表总计");   /* 决算: 总计 | 总计 */
        add_summary(cs, d, YS_TABLE_SUMMARY, true, "本年收入合计", "in_amount", "收支总表本年收入合计");
        add_total(cs, d, YS_TABLE_INCOME, "total", "收入总表合计");
        if (c == CAT_INCOME) break;
        /* fall through */
    case CAT_EXPENSE:
        add_summary(cs, d, YS_TABLE_SUMMARY, false, "支出总计", "out_amount", "收支总表支出总计");
        add_summary(cs, d, YS_TABLE_SUMMARY, false, "总计", "out_amount", "收支总表总计");
        add_summary(cs, d, YS_TABLE_SUMMARY, false, "本年支出合计", "out_amount", "收支总表本年支出合计");
        add_total(cs, d, YS_TABLE_EXPENSE, "total", "支出总表合计");
        break;
    case CAT_GPB:
        add_summary(cs, d, YS_TABLE_SUMMARY, true, "一般公共预算", "in_amount", "收支总表一般公共预算拨款收入");
        add_total(cs, d, YS_TABLE_GPB_EXPENSE, "total", "一般公共预算支出表合计");
        break;
    case CAT_GOV_FUND:
        add_summary(cs, d, YS_TABLE_SUMMARY, true, "基金", "in_amount", "收支总表政府性基金预算拨款收入");
        add_total(cs, d, YS_TABLE_GOV_FUND, "total", "政府性基金预算支出表合计");
        break;
    case CAT_SOE:
        add_summary(cs, d, YS_TABLE_SUMMARY, true, "国有资本", "in_amount", "收支总表国有资本经营预算拨款收入");
        add_total(cs, d, YS_TABLE_SOE_CAPITAL, "total", "国有资本经营预算支出表合计");
        break;
    case CAT_BASIC:
        add_total(cs, d, YS_TABLE_EXPENSE, "basic", "支出总表基本支出合计");
        add_total(cs, d, YS_TABLE_GPB_EXPENSE, "basic", "一般公共预算支出表基本支出合计");
        break;
    case CAT_PERSONNEL:
        add_total(cs, d, YS_TABLE_GPB_BASIC, "personnel", "基本支出表人员经费合计");
        break;
    case CAT_PUBLIC:
        add_total(cs, d, YS_TABLE_GPB_BASIC, "public", "基本支出表公用经费合计");
        break;
    case CAT_PROJECT:
        add_total(cs, d, YS_TABLE_EXPENSE, "project", "支出总表项目支出合计");
        add_total(cs, d, YS_TABLE_GPB_EXPENSE, "project", "一般公共预算支出表项目支出合计");
        break;
    case CAT_NONE:
        break;
    }
}

/* Report figure f unless it equals one of the candidates: NOTHING when there was nothing to compare,
 * AGREED, or REPORTED. */
enum { NOTHING = 0, AGREED, REPORTED };
static int compare(ys_check_ctx *ctx, const ys_figure *f, const cands *cs, ys_unit u)
{
    if (!cs->n) return NOTHING;
    for (size_t i = 0; i < cs->n; i++)
        if (within(f, cs->c[i].v, u)) return AGREED;
    ys_finding *fd = ys_check_report(ctx, fig_loc(f), "文字说明“%s%s”≠ %s %s（差 %s）", f->label, f->text, cs->c[0].what,
                                     fmt_money(cs->c[0].v, u).s, fmt_money(f->amount - cs->c[0].v, u).s);
    for (size_t i = 0; i < cs->n; i++) ys_finding_add_loc(fd, cs->c[i].at);
    ys_finding_set_amounts(fd, true, cs->c[0].v, true, f->amount, u, 2);
    return REPORTED;
}

static bool any_figures(const ys_disclosure *d)
{
    for (size_t i = 0; i < d->nsections; i++)
        if (d->sections[i].nfigures) return true;
    return false;
}

/* ---- R41 ------------------------------------------------------------------------------------------ */

static void r41(ys_check_ctx *ctx)
{
    const ys_disclosure *d = ctx->doc;
    if (!any_figures(d)) {
        ys_check_insufficient(ctx, "情况说明中没有读到金额");
        return;
    }
    ys_unit u = doc_unit(d, ys_disclosure_table(d, YS_TABLE_SUMMARY));
    bool compared = false;
    for (size_t i = 0; i < d->nsections; i++) {
        const ys_section *s = &d->sections[i];
        const ys_figure *basic = NULL, *pers = NULL, *pub = NULL;
        bool part_reported = false;   /* one of the three already disagrees with its table */
        for (size_t k = 0; k < s->nfigures; k++) {
            const ys_figure *f = &s->figures[k];
            category c = classify(f);
            if (c == CAT_NONE) continue;
            /* 决算 (check/final.c): a 年初预算 figure is no table amount (F04/F05 read it), and a 财政拨款 total
             * is not the 收支总表's (a 决算 has non-fiscal income and carry-overs) */
            if (d->meta.kind == YS_KIND_FINAL &&
                (has(f->label, "预算为") || has(f->label, "预算数") || has(f->label, "全年预算") ||
                 (has(f->label, "财政拨款") && (c == CAT_BOTH || c == CAT_INCOME || c == CAT_EXPENSE))))
                continue;
            if (c == CAT_BASIC && !basic) basic = f;
            if (c == CAT_PERSONNEL && !pers) pers = f;
            if (c == CAT_PUBLIC && !pub) pub = f;
            cands cs;
            candidates(d, c, &cs);
            int r = compare(ctx, f, &cs, u);
            compared |= r != NOTHING;
            if (r == REPORTED && (f == basic || f == pers || f == pub)) part_reported = true;
        }
        /* 基本 = 人员 + 公用, in the text itself — a figure that already disagrees with its table is the
         * root cause of this sum failing too, so the sum is checked only when the parts are not reported */
        if (basic && pers && pub && !part_reported) {
            ys_money sum = pers->amount + pub->amount;
            ys_money env = ys_money_envelope(1, basic->unit ? basic->unit : u, basic->decimals) +
                           ys_money_envelope(1, pers->unit ? pers->unit : u, pers->decimals) +
                           ys_money_envelope(1, pub->unit ? pub->unit : u, pub->decimals);
            if (absm(basic->amount - sum) > env) {
                ys_finding *fd = ys_check_report(ctx, fig_loc(basic), "文字说明基本支出 %s ≠ 人员经费 %s + 公用经费 %s（差 %s）",
                                                 basic->text, pers->text, pub->text,
                                                 fmt_money(basic->amount - sum, u).s);
                ys_finding_add_loc(fd, fig_loc(pers));
                ys_finding_add_loc(fd, fig_loc(pub));
                ys_finding_set_amounts(fd, true, sum, true, basic->amount, u, 2);
            }
            compared = true;
        }
    }
    if (!compared) ys_check_insufficient(ctx, "情况说明的总额无法与表格对照（缺少表格或文字中没有总额）");
}

/* ---- R42 ------------------------------------------------------------------------------------------ */

typedef enum { TP_NONE = 0, TP_TOTAL, TP_ABROAD, TP_CAR, TP_CAR_BUY, TP_CAR_RUN, TP_RECEPTION } tp_item;

static tp_item tp_classify(const char *label)
{
    if (has(label, "出国")) return TP_ABROAD;
    if (has(label, "接待")) return TP_RECEPTION;
    if (has(label, "购置及运")) return TP_CAR;
    if (has(label, "购置")) return has(label, "车") ? TP_CAR_BUY : TP_NONE;
    if (has(label, "运行维护") || has(label, "运维")) return has(label, "车") ? TP_CAR_RUN : TP_NONE;
    if (has(label, "三公")) return TP_TOTAL;
    return TP_NONE;
}

static const ys_row *tp_row(const ys_table *t, tp_item want)
{
    for (size_t i = 0; i < t->nrows; i++) {
        const char *n = t->rows[i].name;
        tp_item it = has(n, "小计") ? TP_TOTAL : tp_classify(n);
        if (it != want) continue;
        if (want == TP_ABROAD && (has(n, "其中") || has(n, "其他") || has(n, "科研"))) continue;
        return &t->rows[i];
    }
    return NULL;
}

static bool nonzero_amount_after(const char *s, const char *word)
{
    const char *p = ys_text_find(s, word);
    if (!p) return false;
    p += strlen(word);
    while (*p && (*p < '0' || *p > '9') && p - s < 1000 && strncmp(p, "，", strlen("，")) != 0) p++;
    for (; (*p >= '0' && *p <= '9') || *p == '.'; p++)
        if (*p >= '1' && *p <= '9') return true;
    return false;
}

/* Clauses of a text: split at 。；;\n. Calls fn on each (NUL-terminated copy). */
static void each_sentence(const char *text, void (*fn)(ys_check_ctx *, const ys_section *, const char *),
                          ys_check_ctx *ctx, const ys_section *s)
{
    ys_buf b = YS_BUF_INIT;
    const char *p = text;
    /* the next 。 and ； at or after p, found again only once p has passed them (a strstr per sentence
     * for a mark the text does not have scanned the rest of the text every time) */
    const char *stop = NULL, *semi = NULL;
    bool stop_none = false, semi_none = false;
    while (*p) {
        size_t n = strcspn(p, "\n;");
        if (!stop_none && (!stop || stop < p)) stop_none = !(stop = ys_text_find(p, "。"));
        if (!semi_none && (!semi || semi < p)) semi_none = !(semi = ys_text_find(p, "；"));
        size_t cut = n;
        if (stop && (size_t)(stop - p) < cut) cut = (size_t)(stop - p);
        if (semi && (size_t)(semi - p) < cut) cut = (size_t)(semi - p);
        ys_buf_reset(&b);
        ys_buf_add(&b, p, cut);
        if (b.len) fn(ctx, s, ys_buf_str(&b));
        p += cut;
        if (!*p) break;
        if (*p == '\n' || *p == ';') p++;
        else p += strlen("。");   /* 。 and ； have the same length */
    }
    ys_buf_release(&b);
}

static bool says_flat(const char *t)
{
    return has(t, "持平") || has(t, "无增减") || has(t, "一致") || has(t, "不变");
}

/* "持平" and a non-zero 增加/减少 in one part of the sentence: the parts are cut at "其中", which turns to
 * an item of the total ("…比上年减少0.15万元，其中：因公出国(境)费与上年持平" is no contradiction). */
static bool flat_with_change(const char *sent)
{
    ys_buf part = YS_BUF_INIT;
    bool found = false;
    for (const char *p = sent; *p && !found;) {
        const char *q = ys_text_find(p + 1, "其中");
        size_t n = q ? (size_t)(q - p) : strlen(p);
        ys_buf_reset(&part);
        ys_buf_add(&part, p, n);
        const char *t = ys_buf_str(&part);
        found = says_flat(t) && ((has(t, "增加") && nonzero_amount_after(t, "增加")) ||
                         (has(t, "减少") && nonzero_amount_after(t, "减少")));
        p += n;
    }
    ys_buf_release(&part);
    return found;
}

static void change_sentence(ys_check_ctx *ctx, const ys_section *s, const char *sent)
{
    bool up = has(sent, "增加"), down = has(sent, "减少");
    bool flat = says_flat(sent);
    ys_location at = ys_loc_table(YS_TABLE_NARRATIVE, s->src);
    at.name = (char *)s->title;
    if ((up || down) && !has(sent, "增加(减少)") && !has(sent, "增加（减少）")) {
        const char *w = up ? "增加" : "减少";
        bool amount = nonzero_amount_after(sent, w) || has(sent, "%");
        bool reason = has(sent, "原因") || has(sent, "主要") || has(sent, "由于") || has(sent, "因为") || has(sent, "用于");
        if (!amount || !reason)
            ys_check_report_sev(ctx, YS_SEV_WARNING, at, "“三公”经费说明“%s”%s%s", sent, amount ? "" : "未说明增减金额",
                                reason ? "" : (amount ? "未说明原因" : "，也未说明原因"));
    }
    if (flat && (up || down) && flat_with_change(sent))
        ys_check_report(ctx, at, "“三公”经费说明自相矛盾：“%s”既说持平又给出非零增减额", sent);
}

static void r42(ys_check_ctx *ctx)
{
    const ys_disclosure *d = ctx->doc;
    const ys_table *t = ys_disclosure_table(d, YS_TABLE_THREE_PUBLIC);
    const ys_section *sec = NULL;
    for (size_t i = 0; i < d->nsections && !sec; i++)
        if (has(d->sections[i].title, "三公")) sec = &d->sections[i];
    if (!t || !sec) {
        ys_check_insufficient(ctx, "需要“三公”经费表和情况说明中的“三公”经费部分");
        return;
    }
    int col = ys_table_col(t, "total");
    if (col < 0) col = ys_table_col(t, "gpb");
    ys_unit u = doc_unit(d, t);
    for (size_t k = 0; k < sec->nfigures && col >= 0; k++) {
        const ys_figure *f = &sec->figures[k];
        if (is_change(f)) continue;
        tp_item it = tp_classify(f->label);
        if (it == TP_NONE) continue;
        const ys_row *r = tp_row(t, it);
        if (!r) continue;
        ys_money v = ys_cell_money(&r->cells[col]);
        if (within(f, v, u)) continue;
        ys_finding *fd = ys_check_report(ctx, fig_loc(f), "文字说明“%s%s”≠ “三公”经费表“%s” %s（差 %s）", f->label, f->text,
                                         r->name, fmt_money(v, u).s, fmt_money(f->amount - v, u).s);
        ys_finding_add_loc(fd, ys_loc_cell(t, r, col));
        ys_finding_set_amounts(fd, true, v, true, f->amount, u, 2);
    }
    each_sentence(sec->text, change_sentence, ctx, sec);
}

/* ---- R43 ------------------------------------------------------------------------------------------ */

static bool purely_administrative(const ys_disclosure *d)
{
    const ys_table *t = ys_disclosure_table(d, YS_TABLE_ORGANISATION);
    int c = ys_table_col(t, "unit_type");
    if (c < 0 || !t->nrows) return false;
    for (size_t i = 0; i < t->nrows; i++) {
        const char *ty = t->rows[i].cells[c].text;
        if (!(has(ty, "行政") || has(ty, "参公") || has(ty, "参照公务员"))) return false;
    }
    return true;
}

static void r43(ys_check_ctx *ctx)
{
    const ys_disclosure *d = ctx->doc;
    const ys_section *sec = NULL;
    const ys_figure *run = NULL;
    size_t at_k = 0;
    for (size_t i = 0; i < d->nsections && !run; i++)
        for (size_t k = 0; k < d->sections[i].nfigures; k++) {
            const ys_figure *f = &d->sections[i].figures[k];
            if (has(f->label, "机关运行经费") && !is_change(f)) {
                run = f, sec = &d->sections[i], at_k = k;
                break;
            }
        }
    if (!run) {
        ys_check_insufficient(ctx, "情况说明中没有机关运行经费金额");
        return;
    }
    ys_unit u = run->unit ? run->unit : doc_unit(d, NULL);
    const ys_table *b = ys_disclosure_table(d, YS_TABLE_GPB_BASIC);
    const ys_row *tot = row_total(b);
    int cp = ys_table_col(b, "public");
    if (tot && cp >= 0) {
        ys_money pub = ys_cell_money(&tot->cells[cp]);
        bool admin = purely_administrative(d);
        ys_money env = ys_money_envelope(1, u, run->decimals);
        bool bad = admin ? absm(run->amount - pub) > env : run->amount - pub > env;
        if (bad) {
            ys_finding *fd = ys_check_report(ctx, fig_loc(run), "机关运行经费 %s %s 基本支出表公用经费合计 %s（差 %s）%s",
                                             run->text, admin ? "≠" : ">", fmt_money(pub, u).s,
                                             fmt_money(run->amount - pub, u).s,
                                             admin ? "；本部门只有行政/参公单位，两者应相等" : "");
            ys_finding_add_loc(fd, ys_loc_cell(b, tot, cp));
            ys_finding_set_amounts(fd, true, pub, true, run->amount, u, 2);
        }
    }
    /* its listed parts: the following figures of the same section */
    ys_money sum = 0, env = 0;
    size_t n = 0;
    ys_buf expr = YS_BUF_INIT;
    for (size_t k = at_k + 1; k < sec->nfigures; k++) {
        const ys_figure *f = &sec->figures[k];
        if (is_change(f) || has(f->label, "机关运行经费")) break;
        sum += f->amount;
        env += ys_money_envelope(1, f->unit ? f->unit : u, f->decimals);
        ys_buf_printf(&expr, "%s%s %s", n ? " + " : "", f->label, f->text);
        n++;
    }
    env += ys_money_envelope(1, u, run->decimals);
    if (n >= 2 && absm(run->amount - sum) > env) {
        ys_finding *fd = ys_check_report(ctx, fig_loc(run), "机关运行经费 %s ≠ 所列构成之和 %s（%s；差 %s）", run->text,
                                         fmt_money(sum, u).s, ys_buf_str(&expr), fmt_money(run->amount - sum, u).s);
        for (size_t k = at_k + 1; k < at_k + 1 + n; k++) ys_finding_add_loc(fd, fig_loc(&sec->figures[k]));
        ys_finding_set_amounts(fd, true, sum, true, run->amount, u, 2);
    }
    ys_buf_release(&expr);
}

/* ---- R44 ------------------------------------------------------------------------------------------ */

static void r44(ys_check_ctx *ctx)
{
    const ys_disclosure *d = ctx->doc;
    const ys_table *t = ys_disclosure_table(d, YS_TABLE_EXPENSE);
    if (!t) t = ys_disclosure_table(d, YS_TABLE_GPB_EXPENSE);
    int col = ys_table_col(t, "total");
    if (!t || col < 0 || !any_figures(d)) {
        ys_check_insufficient(ctx, "需要支出总表和情况说明中的金额");
        return;
    }
    ys_unit u = doc_unit(d, t);
    ys_arena *a = ys_arena_new();
    for (size_t i = 0; i < d->nsections; i++) {
        const ys_section *s = &d->sections[i];
        if (has(s->title, "三公") || has(s->title, "机关运行")) continue;
        for (size_t k = 0; k < s->nfigures; k++) {
            const ys_figure *f = &s->figures[k];
            if (is_change(f) || classify(f) != CAT_NONE) continue;
            char *lk = ys_text_key(a, f->label);
            size_t ll = strlen(lk);
            while (ll && (lk[ll - 1] == ':' || lk[ll - 1] == ' ')) lk[--ll] = '\0';
            if (ends_with(lk, "为")) lk[ll - strlen("为")] = '\0';
            const ys_row *match = NULL;
            bool equal = false;
            for (size_t r = 0; r < t->nrows && !equal; r++) {
                const ys_row *row = &t->rows[r];
                if (!row->code[0] || ys_utf8_len(row->name) < 3) continue;
                const char *rk = ys_text_key(a, row->name);
                bool named = ends_with(lk, rk) || (has(lk, row->code) && ys_utf8_len(row->code) >= 3);
                if (!named) continue;
                if (has(lk, row->code) || !match) match = row;
                if (within(f, ys_cell_money(&row->cells[col]), u)) equal = true;
            }
            if (!match || equal) continue;
            ys_money v = ys_cell_money(&match->cells[col]);
            ys_finding *fd = ys_check_report(ctx, fig_loc(f), "文字说明“%s%s”≠ 支出总表 %s %s %s（差 %s）", f->label,
                                             f->text, match->code, match->name, fmt_money(v, u).s,
                                             fmt_money(f->amount - v, u).s);
            ys_finding_add_loc(fd, ys_loc_cell(t, match, col));
            ys_finding_set_amounts(fd, true, v, true, f->amount, u, 2);
        }
    }
    ys_arena_free(a);
}

/* ---- R45–R48 ---------------------------------------------------------------------------------------- */

static void r45(ys_check_ctx *ctx)
{
    /* A clause stating 本年 A, 上年 P and the change C: A − P = ±C. */
    const ys_disclosure *d = ctx->doc;
    if (!any_figures(d)) {
        ys_check_insufficient(ctx, "情况说明中没有读到金额");
        return;
    }
    for (size_t i = 0; i < d->nsections; i++) {
        const ys_section *s = &d->sections[i];
        for (size_t k = 0; k + 2 < s->nfigures; k++) {
            const ys_figure *a = &s->figures[k], *p = &s->figures[k + 1], *c = &s->figures[k + 2];
            if (!a->context || !p->context || strcmp(a->context, p->context) || strcmp(p->context, c->context)) continue;
            if (!has(p->label, "上年") || is_change(a)) continue;
            bool up = has(c->label, "增加") || has(c->label, "增长"), down = has(c->label, "减少") || has(c->label, "下降");
            if (!up && !down) continue;
            ys_money want = a->amount - p->amount, got = up ? c->amount : -c->amount;
            ys_unit u = a->unit ? a->unit : doc_unit(d, NULL);
            ys_money env = ys_money_envelope(3, u, a->decimals < c->decimals ? a->decimals : c->decimals);
            if (absm(want - got) > env) {
                ys_finding *fd = ys_check_report(ctx, fig_loc(c), "增减额不符：%s − 上年 %s = %s，文字却说%s %s", a->text,
                                                 p->text, fmt_money(want, u).s, up ? "增加" : "减少", c->text);
                ys_finding_set_amounts(fd, true, want, true, got, u, 2);
            }
        }
    }
}

static void r46_sentence(ys_check_ctx *ctx, const ys_section *s, const char *sent)
{
    /* both orders: templates print either word first ("下降(增长)27.78%") */
    static const char *const residue[] = {"增加(减少)", "增加（减少）", "增(减)", "增（减）", "增长(下降)", "增长（下降）",
                                          "上升(下降)", "上升（下降）", "减少(增加)", "减少（增加）", "减(增)", "减（增）",
                                          "下降(增长)", "下降（增长）", "下降(上升)", "下降（上升）"};
    if (!strchr(sent, '(') && !has(sent, "\xef\xbc\x88")) return;   /* each holds ( or （ */
    ys_location at = ys_loc_table(YS_TABLE_NARRATIVE, s->src);
    at.name = (char *)s->title;
    for (size_t i = 0; i < sizeof residue / sizeof *residue; i++)
        if (has(sent, residue[i])) {
            ys_check_report(ctx, at, "模板残留“%s”：增减方向未确定（“%s”）", residue[i], sent);
            return;
        }
}

static void r46(ys_check_ctx *ctx)
{
    const ys_disclosure *d = ctx->doc;
    if (!d->nsections) {
        ys_check_insufficient(ctx, "没有情况说明");
        return;
    }
    for (size_t i = 0; i < d->nsections; i++) {
        const ys_section *s = &d->sections[i];
        each_sentence(s->text, r46_sentence, ctx, s);
        for (size_t k = 0; k < s->nfigures; k++) {
            const ys_figure *f = &s->figures[k];
            bool up = ends_with(f->label, "增加") || ends_with(f->label, "增长"),
                 down = ends_with(f->label, "减少") || ends_with(f->label, "下降");
            if ((up || down) && f->amount < 0)
                ys_check_report(ctx, fig_loc(f), "方向词与符号矛盾：“%s%s”（%s负数应改为%s）", f->label, f->text,
                                up ? "增加" : "减少", up ? "减少" : "增加");
        }
    }
}

static void r47_sentence(ys_check_ctx *ctx, const ys_section *s, const char *sent)
{
    const char *p = ys_text_find(sent, "占");
    if (!p || !(has(p, "比重") || has(p, "比例"))) return;
    const char *q = p;
    while (*q && (*q < '0' || *q > '9')) q++;
    if (!*q) return;
    while ((*q >= '0' && *q <= '9') || *q == '.') q++;
    if (*q == '%' || strncmp(q, "％", strlen("％")) == 0) return;
    if (strncmp(q, "万元", strlen("万元")) == 0 || strncmp(q, "元", strlen("元")) == 0) return;   /* an amount */
    ys_location at = ys_loc_table(YS_TABLE_NARRATIVE, s->src);
    at.name = (char *)s->title;
    ys_check_report(ctx, at, "占比缺少“%%”：“%s”", sent);
}

static void r47(ys_check_ctx *ctx)
{
    const ys_disclosure *d = ctx->doc;
    if (!d->nsections) {
        ys_check_insufficient(ctx, "没有情况说明");
        return;
    }
    for (size_t i = 0; i < d->nsections; i++) each_sentence(d->sections[i].text, r47_sentence, ctx, &d->sections[i]);
}

/* The label of a figure without leading 其中/包括/"2024年" and punctuation: what the figure is. */
static const char *core_label(ys_arena *a, const char *label)
{
    char *k = ys_text_key(a, label);
    for (bool again = true; again;) {
        again = false;
        static const char *const lead[] = {"其中", "包括", ":", ",", "，", "、"};
        for (size_t i = 0; i < sizeof lead / sizeof *lead; i++)
            if (strncmp(k, lead[i], strlen(lead[i])) == 0) k += strlen(lead[i]), again = true;
        if (k[0] >= '0' && k[0] <= '9' && k[1] >= '0' && k[1] <= '9' && k[2] >= '0' && k[2] <= '9' && k[3] >= '0' &&
            k[3] <= '9' && strncmp(k + 4, "年", strlen("年")) == 0)
            k += 4 + strlen("年"), again = true;
    }
    return k;
}

/* The words of a figure's sentence before its label: the clause that qualifies it ("在面向小微企业预留的
 * 项目中，由小微企业中标的，" before "采购金额164.87万元"); "" when the label opens the sentence. */
static const char *qualifier(ys_arena *a, const ys_figure *f)
{
    if (!f->context || !f->label || !*f->label) return "";
    const char *at = ys_text_find(f->context, f->label);
    if (!at || at == f->context) return "";
    return ys_text_key(a, ys_arena_strndup(a, f->context, (size_t)(at - f->context)));
}

static void r48(ys_check_ctx *ctx)
{
    const ys_disclosure *d = ctx->doc;
    if (!any_figures(d)) {
        ys_check_insufficient(ctx, "情况说明中没有读到金额");
        return;
    }
    ys_arena *a = ys_arena_new();
    size_t n = 0;
    for (size_t i = 0; i < d->nsections; i++) n += d->sections[i].nfigures;
    const ys_figure **figs = ys_arena_calloc(a, n, sizeof *figs);
    const char **keys = ys_arena_calloc(a, n, sizeof *keys);
    size_t m = 0;
    /* within one section: the same words in two sections may name different scopes (the 公务用车运行维护费
     * of the 机关运行经费 of 行政 units in 三, that of the whole department's "三公" in 四) */
    for (size_t i = 0; i < d->nsections; i++) {
        size_t section_start = m;
        for (size_t k = 0; k < d->sections[i].nfigures; k++) {
            const ys_figure *f = &d->sections[i].figures[k];
            if (is_change(f)) continue;
            const char *key = core_label(a, f->label);
            if (ys_utf8_len(key) < 3) continue;
            /* 决算: "年初预算为 … 支出决算为 …" is repeated per 科目 with different amounts (check/final.c F04) */
            if (d->meta.kind == YS_KIND_FINAL && ys_utf8_len(key) <= 6 && (has(key, "预算") || has(key, "决算")))
                continue;
            const char *qf = NULL;   /* f's qualifier, computed at its first namesake */
            for (size_t j = section_start; j < m; j++) {
                if (strcmp(keys[j], key) != 0) continue;
                const ys_figure *g = figs[j];
                /* the same words qualified by two different clauses name two amounts (采购金额 of the
                 * 中小企业 projects; 采购金额 of the 小微企业 ones) */
                if (!qf) qf = qualifier(a, f);
                const char *qg = qualifier(a, g);
                if (*qf && *qg && strcmp(qf, qg) != 0) continue;
                ys_unit u = f->unit ? f->unit : doc_unit(d, NULL);
                ys_money env = ys_money_envelope(1, u, f->decimals) + ys_money_envelope(1, g->unit ? g->unit : u, g->decimals);
                if (absm(f->amount - g->amount) > env) {
                    ys_finding *fd = ys_check_report(ctx, fig_loc(f), "同一数字前后不一：“%s%s”与前文“%s%s”", f->label,
                                                     f->text, g->label, g->text);
                    ys_finding_add_loc(fd, fig_loc(g));
                    ys_finding_set_amounts(fd, true, g->amount, true, f->amount, u, 2);
                }
                break;
            }
            figs[m] = f, keys[m] = key, m++;
        }
    }
    ys_arena_free(a);
}

const ys_rule ys_rules_text[] = {
    {"R41", YS_SEV_ERROR, "text", "文字说明的总额与表格一致", "财预〔2016〕143号", r41},
    {"R42", YS_SEV_ERROR, "text", "“三公”经费说明与表格一致", "财预〔2016〕143号", r42},
    {"R43", YS_SEV_ERROR, "text", "机关运行经费与公用经费、构成一致", "财预〔2016〕143号", r43},
    {"R44", YS_SEV_ERROR, "text", "文字引用的科目金额与表格一致", "财预〔2016〕143号", r44},
    {"R45", YS_SEV_WARNING, "text", "增减额与增长率可复算", "文字规范", r45},
    {"R46", YS_SEV_WARNING, "text", "增减方向词与符号一致，无模板残留", "文字规范", r46},
    {"R47", YS_SEV_WARNING, "text", "占比可复算并带“%”", "文字规范", r47},
    {"R48", YS_SEV_WARNING, "text", "同一数字前后一致", "文字规范", r48},
    {NULL, YS_SEV_INFO, NULL, NULL, NULL, NULL},
};
