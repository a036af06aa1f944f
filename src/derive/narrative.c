/*
 * narrative.c — the 情况说明 of a derived disclosure, written from the numbers by the text templates
 * (data/templates/text-<id>.tsv): sections with their paragraphs (conditional variants for zero /
 * increase / decrease / equal), placeholders replaced by the amounts the tables hold, and the figures
 * each section cites. Also the year-over-year comparisons (d->comparisons) and the 目录 (d->toc).
 *
 * Figures are found in the generated, normalised text by the reader's own rule (src/read/
 * text_narrative.c): every number followed by 亿元/万元/元, labelled by the words before it back to the
 * previous clause boundary (，。；、！？) or the previous figure. So `audit` of our own text reads back
 * exactly the figures we add here, and the text rules see what a reader of the document sees.
 */
#include "read/figures.h"
#include "derive/derive_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/text.h"

static bool starts_with(const char *s, const char *p)
{
    return strncmp(s, p, strlen(p)) == 0;
}

/* ---- values -------------------------------------------------------------------------------------- */

/* This year's amount of a comparison item; false when the key is unknown. */
static bool current_of(const dv_ctx *c, const char *item, ys_money *v)
{
    dv_funds f;
    if (!strcmp(item, "total")) *v = c->expense_total;
    else if (!strcmp(item, "basic")) *v = c->basic;
    else if (!strcmp(item, "project")) *v = c->project;
    else if (!strcmp(item, "running_costs")) *v = c->running_costs;
    else {
        static const struct { const char *key; dv_tp a, b, d; } tp[] = {
            {"abroad", TP_ABROAD, TP__N, TP__N},  {"car", TP_CAR_BUY, TP_CAR_RUN, TP__N},
            {"car_buy", TP_CAR_BUY, TP__N, TP__N}, {"car_run", TP_CAR_RUN, TP__N, TP__N},
            {"reception", TP_RECEPTION, TP__N, TP__N}, {"meeting", TP_MEETING, TP__N, TP__N},
            {"training", TP_TRAINING, TP__N, TP__N}, {"three_public", TP_ABROAD, TP_CAR_BUY, TP_CAR_RUN},
        };
        size_t i = 0;
        while (i < sizeof tp / sizeof *tp && strcmp(tp[i].key, item)) i++;
        if (i == sizeof tp / sizeof *tp) return false;
        dv_tp parts[4] = {tp[i].a, tp[i].b, tp[i].d, !strcmp(item, "three_public") ? TP_RECEPTION : TP__N};
        *v = 0;
        for (int k = 0; k < 4; k++) {
            if (parts[k] == TP__N) continue;
            f = dv_three_public_item(c, parts[k], NULL);
            *v += f.v[0] + f.v[1] + f.v[2];
        }
    }
    return true;
}

/* A money variable of the templates; false when `name` is not one. */
static bool money_var(const dv_ctx *c, const char *name, ys_money *v)
{
    static const struct { const char *name, *item; } items[] = {
        {"tp_subtotal", "three_public"}, {"tp_abroad", "abroad"}, {"tp_car", "car"}, {"tp_car_buy", "car_buy"},
        {"tp_car_run", "car_run"}, {"tp_reception", "reception"}, {"tp_meeting", "meeting"},
        {"tp_training", "training"}, {"basic", "basic"}, {"project", "project"}, {"running_costs", "running_costs"},
    };
    for (size_t i = 0; i < sizeof items / sizeof *items; i++)
        if (!strcmp(name, items[i].name)) return current_of(c, items[i].item, v);
    if (!strcmp(name, "income_total")) *v = c->income_year + c->carryover;
    else if (!strcmp(name, "expense_total")) *v = c->expense_total;
    else if (!strcmp(name, "carryover")) *v = c->carryover;
    else if (!strcmp(name, "gpb")) *v = c->fund_year[YS_FUND_GPB];
    else if (!strcmp(name, "gov")) *v = c->fund_year[YS_FUND_GOV];
    else if (!strcmp(name, "soe")) *v = c->fund_year[YS_FUND_SOE];
    else if (!strcmp(name, "special")) *v = c->fund_year[YS_FUND_SPECIAL];
    else if (!strcmp(name, "unit_funds")) *v = c->fund_year[YS_FUND_UNIT];
    else if (!strcmp(name, "personnel")) *v = c->personnel;
    else if (!strcmp(name, "public")) *v = c->public_;
    else if (!strcmp(name, "procurement_total")) *v = c->procurement_total;
    else if (!strcmp(name, "assets_total")) *v = c->assets_total;
    else if (!strcmp(name, "planned_purchases")) *v = c->b->planned_purchases;
    else return false;
    return true;
}

/* Change of a comparison item against the book's prior figure: false when the book has none. */
static bool change_of(const dv_ctx *c, const char *item, ys_money *diff, const char **reason)
{
    const ys_budget_prior *p = ys_budget_find_prior(c->b, item);
    ys_money cur;
    if (!p || !current_of(c, item, &cur)) return false;
    *diff = cur - p->amount;
    *reason = p->reason ? p->reason : "";
    return true;
}

/* ---- expansion ----------------------------------------------------------------------------------- */

typedef struct {
    const char *name, *reason;   /* {name}, {reason} of a fragment */
    ys_money amount, delta;      /* {amount}, {delta} */
} locals;

static void add_money(const dv_ctx *c, ys_buf *out, ys_money v)
{
    char buf[YS_MONEY_BUFSZ];
    ys_buf_adds(out, ys_money_format(v, c->unit, 2, buf, sizeof buf));
    ys_buf_adds(out, ys_unit_name(c->unit));
}

static void expand(const dv_ctx *c, const char *tpl, const locals *lc, ys_buf *out);

static void add_frag(const dv_ctx *c, const char *name, const locals *lc, ys_buf *out)
{
    const dv_rec *r = dv_find(&c->text, "frag", name);
    if (r) expand(c, dv_field(r, 2), lc, out);
}

static void add_text(const dv_ctx *c, const char *key, ys_buf *out)
{
    bool first = true;
    for (size_t i = 0; i < c->b->ntexts; i++) {
        const ys_budget_text *t = &c->b->texts[i];
        if (!t->section || strcmp(t->section, key) || !t->text) continue;
        if (!first) ys_buf_addc(out, '\n');
        ys_buf_adds(out, t->text);
        first = false;
    }
}

static void placeholder(const dv_ctx *c, const char *name, const locals *lc, ys_buf *out)
{
    ys_money v, diff;
    const char *reason;
    if (lc && !strcmp(name, "name")) ys_buf_adds(out, lc->name);
    else if (lc && !strcmp(name, "reason")) ys_buf_adds(out, lc->reason);
    else if (lc && !strcmp(name, "amount")) add_money(c, out, lc->amount);
    else if (lc && !strcmp(name, "delta")) add_money(c, out, lc->delta);
    else if (!strcmp(name, "department")) ys_buf_adds(out, c->b->meta.department ? c->b->meta.department : "");
    else if (!strcmp(name, "year")) ys_buf_printf(out, "%d", c->b->meta.year);
    else if (!strcmp(name, "prior_year")) ys_buf_printf(out, "%d", c->b->meta.year - 1);
    else if (!strcmp(name, "nprojects")) ys_buf_printf(out, "%zu", c->b->nprojects);
    else if (starts_with(name, "text:")) add_text(c, name + 5, out);
    else if (starts_with(name, "delta:")) {
        if (change_of(c, name + 6, &diff, &reason)) add_money(c, out, diff < 0 ? -diff : diff);
    } else if (starts_with(name, "reason:")) {
        if (change_of(c, name + 7, &diff, &reason) && *reason) {
            locals l = {"", reason, 0, 0};
            add_frag(c, "reason", &l, out);
        }
    } else if (starts_with(name, "change:")) {
        if (!change_of(c, name + 7, &diff, &reason)) {
            add_frag(c, "change_unknown", NULL, out);
            return;
        }
        locals l = {"", reason, 0, diff < 0 ? -diff : diff};
        const char *f = diff == 0 ? "change_equal" : diff > 0 ? (*reason ? "change_up" : "change_up_noreason")
                                                              : (*reason ? "change_down" : "change_down_noreason");
        add_frag(c, f, &l, out);
    } else if (!strcmp(name, "running_parts")) {
        const char **codes;
        ys_money *amounts;
        size_t n = dv_running_parts(c, &codes, &amounts);
        bool first = true;
        for (size_t i = 0; i < n; i++) {
            if (!amounts[i]) continue;
            if (!first) add_frag(c, "running_sep", NULL, out);
            const char *nm = dv_code_name(c, YS_CLASS_ECONOMIC, codes[i]);
            locals l = {*nm ? nm : codes[i], "", amounts[i], 0};
            add_frag(c, "running_part", &l, out);
            first = false;
        }
    } else if (money_var(c, name, &v)) add_money(c, out, v);
    else {
        ys_buf_addc(out, '{');   /* unknown: kept, so the template residue rule sees it */
        ys_buf_adds(out, name);
        ys_buf_addc(out, '}');
    }
}

static void expand(const dv_ctx *c, const char *tpl, const locals *lc, ys_buf *out)
{
    for (const char *p = tpl; *p;) {
        const char *close = *p == '{' ? strchr(p, '}') : NULL;
        if (!close || close - p > 64) {
            ys_buf_addc(out, *p++);
            continue;
        }
        char name[72];
        size_t n = (size_t)(close - p - 1);
        memcpy(name, p + 1, n);
        name[n] = '\0';
        placeholder(c, name, lc, out);
        p = close + 1;
    }
}

/* Does a paragraph's condition hold? */
static bool condition(const dv_ctx *c, const char *cond)
{
    ys_money v, diff;
    const char *reason;
    if (!*cond || !strcmp(cond, "always")) return true;
    if (starts_with(cond, "nonzero:")) return money_var(c, cond + 8, &v) && v != 0;
    if (starts_with(cond, "zero:")) return !money_var(c, cond + 5, &v) || v == 0;
    if (starts_with(cond, "text:") || starts_with(cond, "notext:")) {
        const char *k = strchr(cond, ':') + 1;
        bool any = false;
        for (size_t i = 0; i < c->b->ntexts; i++)
            any |= c->b->texts[i].section && !strcmp(c->b->texts[i].section, k) && c->b->texts[i].text &&
                   *c->b->texts[i].text;
        return cond[0] == 't' ? any : !any;
    }
    const char *colon = strchr(cond, ':');
    if (!colon || !change_of(c, colon + 1, &diff, &reason)) return false;
    if (starts_with(cond, "prior:")) return true;
    if (starts_with(cond, "up:")) return diff > 0;
    if (starts_with(cond, "down:")) return diff < 0;
    if (starts_with(cond, "equal:")) return diff == 0;
    return false;
}

/* ---- sections ------------------------------------------------------------------------------------ */

/* Append paragraph text (normalised) to the section, line by line, with its figures. */
static void add_paragraph(dv_ctx *c, ys_section *sec, ys_buf *body, const char *raw)
{
    const char *norm = ys_text_normalize(c->tmp, raw, strlen(raw));
    const char *p = norm;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char *line = ys_arena_strndup(c->d->arena, p, len);
        if (*line) {
            if (body->len) ys_buf_addc(body, '\n');
            ys_buf_adds(body, line);
            ys_figures_scan(c->d, sec, line, (ys_source){c->d->file, 0, 0, NULL});
        }
        p += len + (nl ? 1 : 0);
    }
}

void dv_narrative(dv_ctx *c)
{
    ys_section *sec = NULL;
    ys_buf body = YS_BUF_INIT, para = YS_BUF_INIT;
    const char *number = NULL;
    const dv_rec *title = dv_find(&c->text, "title", NULL);
    for (size_t i = 0; i < c->text.n; i++) {
        const dv_rec *r = &c->text.recs[i];
        if (!strcmp(r->f[0], "section") || (!strcmp(r->f[0], "para") && !sec)) {
            if (sec) sec->text = ys_arena_strndup(c->d->arena, ys_buf_str(&body), body.len);
            ys_buf_reset(&body);
            if (!strcmp(r->f[0], "section")) {
                number = dv_field(r, 1);
                sec = ys_disclosure_add_section(c->d, number, ys_text_normalize(c->tmp, dv_field(r, 2), strlen(dv_field(r, 2))));
            } else {   /* the preamble: paragraphs before the first section */
                ys_buf_reset(&para);
                if (title) expand(c, dv_field(title, 1), NULL, &para);
                number = "";
                sec = ys_disclosure_add_section(c->d, "", ys_text_normalize(c->tmp, ys_buf_str(&para), para.len));
            }
            sec->src = (ys_source){c->d->file, 0, 0, NULL};
            if (!strcmp(r->f[0], "section")) continue;
        }
        if (strcmp(r->f[0], "para") || strcmp(dv_field(r, 1), number)) continue;
        if (!condition(c, dv_field(r, 2))) continue;
        ys_buf_reset(&para);
        expand(c, dv_field(r, 3), NULL, &para);
        add_paragraph(c, sec, &body, ys_buf_str(&para));
    }
    if (sec) sec->text = ys_arena_strndup(c->d->arena, ys_buf_str(&body), body.len);
    ys_buf_release(&body);
    ys_buf_release(&para);
}

/* ---- comparisons and 目录 ------------------------------------------------------------------------- */

void dv_comparisons(dv_ctx *c)
{
    for (size_t i = 0; i < c->text.n; i++) {
        const dv_rec *r = &c->text.recs[i];
        if (strcmp(r->f[0], "item")) continue;
        ys_money cur;
        if (!current_of(c, dv_field(r, 1), &cur)) continue;
        const ys_budget_prior *p = ys_budget_find_prior(c->b, dv_field(r, 1));
        ys_comparison *cm = ys_disclosure_add_comparison(c->d);
        cm->item = ys_arena_strdup(c->d->arena, dv_field(r, 1));
        cm->label = ys_text_normalize(c->d->arena, dv_field(r, 2), strlen(dv_field(r, 2)));
        cm->current = cur;
        cm->has_prior = p != NULL;
        cm->prior = p ? p->amount : 0;
        cm->reason = ys_arena_strdup(c->d->arena, p && p->reason ? p->reason : "");
    }
}

void dv_toc(dv_ctx *c)
{
    for (size_t i = 0; i < c->layout.n; i++) {
        const dv_rec *r = &c->layout.recs[i];
        if (strcmp(r->f[0], "toc")) continue;
        if (!strcmp(dv_field(r, 1), "sections")) {
            for (size_t k = 0; k < c->d->nsections; k++) {
                const ys_section *s = &c->d->sections[k];
                if (!s->number || !*s->number) continue;
                ys_toc_entry *e = ys_disclosure_add_toc(c->d);
                e->title = ys_text_normalize(c->d->arena, ys_arena_printf(c->tmp, "%s、%s", s->number, s->title),
                                             strlen(s->number) + strlen("、") + strlen(s->title));
                e->table = YS_TABLE_NONE;
                e->src = (ys_source){c->d->file, 0, 0, NULL};
            }
            continue;
        }
        ys_table_id id = ys_table_id_parse(dv_field(r, 1));
        const ys_table *t = id == YS_TABLE_NONE ? NULL : ys_disclosure_table(c->d, id);
        if (!t) continue;
        ys_toc_entry *e = ys_disclosure_add_toc(c->d);
        e->title = *dv_field(r, 2) ? ys_arena_strdup(c->d->arena, dv_field(r, 2)) : t->title;
        e->table = id;
        e->src = (ys_source){c->d->file, 0, 0, NULL};
    }
}
