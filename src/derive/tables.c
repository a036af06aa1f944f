/*
 * tables.c — the standard tables of a disclosure derived from the line items of a budget book:
 * 收支总表 and 财政拨款收支总表 (two-sided, their class lines and fixed rows from the layout), 收入总表,
 * 支出总表, the three 财政拨款 expense tables (function classification: 合计, then 类 / 款 / 项 in code
 * order, only codes with money), 基本支出表 (economic classification 类 / 款), the "三公" table from
 * economic codes, procurement, assets, organisation and the project tables. Every amount is a sum over
 * lines, so every identity of RULES.md holds by construction.
 */
#include "derive/derive_internal.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/text.h"

/* ---- helpers ------------------------------------------------------------------------------------ */

static bool has_prefix(const char *s, const char *p)
{
    return s && strncmp(s, p, strlen(p)) == 0;
}

const char *dv_code_name(const dv_ctx *c, ys_classification cls, const char *code)
{
    const ys_catalog_entry *e = c->cat ? ys_catalog_lookup(c->cat, cls, code) : NULL;
    return e ? e->name : "";
}

static void set_money(ys_cell *cell, ys_money v)
{
    if (v) ys_cell_set_money(cell, v, 2);
}

static void set_text(dv_ctx *c, ys_cell *cell, const char *text)
{
    if (!text || !*text) return;
    cell->kind = YS_CELL_TEXT;
    cell->text = ys_arena_strdup(c->d->arena, text);
}

static ys_col_kind col_kind(const char *s)
{
    if (!strcmp(s, "quantity")) return YS_COL_QUANTITY;
    if (!strcmp(s, "label")) return YS_COL_LABEL;
    if (!strcmp(s, "text")) return YS_COL_TEXT;
    return YS_COL_MONEY;
}

/* Expand {year} and {unit} of a layout text. */
static const char *layout_text(dv_ctx *c, const char *s)
{
    ys_buf b = YS_BUF_INIT;
    while (*s) {
        if (has_prefix(s, "{year}")) {
            ys_buf_printf(&b, "%d", c->b->meta.year);
            s += strlen("{year}");
        } else if (has_prefix(s, "{unit}")) {
            ys_buf_adds(&b, ys_unit_name(c->unit));
            s += strlen("{unit}");
        } else {
            ys_buf_addc(&b, *s++);
        }
    }
    char *r = ys_text_normalize(c->d->arena, ys_buf_str(&b), b.len);
    ys_buf_release(&b);
    return r;
}

static const char *label(dv_ctx *c, const char *key)
{
    const dv_rec *r = dv_find(&c->layout, "label", key);
    return r ? layout_text(c, dv_field(r, 2)) : key;
}

/* A table with its title, columns and unit from the layout. */
static ys_table *new_table(dv_ctx *c, ys_table_id id)
{
    const char *name = ys_table_id_name(id);
    ys_column cols[32];
    size_t n = 0;
    for (size_t i = 0; i < c->layout.n && n < 32; i++) {
        const dv_rec *r = &c->layout.recs[i];
        if (strcmp(r->f[0], "col") || strcmp(dv_field(r, 1), name)) continue;
        cols[n].key = dv_field(r, 2);
        cols[n].header = layout_text(c, dv_field(r, 3));
        cols[n].kind = col_kind(dv_field(r, 4));
        n++;
    }
    const dv_rec *tr = dv_find(&c->layout, "table", name);
    const char *title = tr ? layout_text(c, dv_field(tr, 2)) : ys_table_id_title(id);
    ys_table *t = ys_disclosure_add_table(c->d, id, title, n, cols);
    if (id != YS_TABLE_ORGANISATION) {
        t->unit = c->unit;
        t->unit_text = ys_arena_printf(c->d->arena, "单位：%s", ys_unit_name(c->unit));
    }
    t->year_text = ys_arena_printf(c->d->arena, "%d", c->b->meta.year);
    if (c->b->meta.department && *c->b->meta.department)
        t->department = ys_arena_printf(c->d->arena, "%s%s%s", c->b->meta.department_code ? c->b->meta.department_code : "",
                                        c->b->meta.department_code && *c->b->meta.department_code ? " " : "",
                                        c->b->meta.department);
    return t;
}

/* Notes of table t: "always" notes, and "empty" notes when the table has no money. */
static void add_notes(dv_ctx *c, ys_table *t, bool empty)
{
    ys_buf b = YS_BUF_INIT;
    const char *name = ys_table_id_name(t->id);
    for (size_t i = 0; i < c->layout.n; i++) {
        const dv_rec *r = &c->layout.recs[i];
        if (strcmp(r->f[0], "note") || strcmp(dv_field(r, 1), name)) continue;
        bool always = !strcmp(dv_field(r, 2), "always");
        if (!always && !empty) continue;
        if (b.len) ys_buf_addc(&b, '\n');
        ys_buf_adds(&b, dv_field(r, 3));
    }
    if (b.len) t->note = layout_text(c, ys_buf_str(&b));
    ys_buf_release(&b);
}

static void set_key(ys_table *t, ys_row *r, const char *key, ys_money v)
{
    int col = ys_table_col(t, key);
    if (col >= 0) set_money(&r->cells[col], v);
}

/* ---- function-classified tables ------------------------------------------------------------------ */

/* Where a line's amount goes in a table: up to 4 column keys; 0 = the line is not in the table. */
typedef int (*keys_fn)(const ys_budget_line *l, const char *keys[4]);

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}


/* Emit the rows of codes[from..to) (sorted leaf codes, values v[j*nc + col]) grouped by the prefix
 * lengths lens[0..nlens): a row per group with its sums, parents before children; all-zero rows are
 * left out. */
static void emit_groups(dv_ctx *c, ys_table *t, ys_classification cls, const char **codes, const ys_money *v,
                        size_t from, size_t to, const size_t *lens, size_t nlens, int *seq)
{
    size_t nc = t->ncols;
    for (size_t j = from; j < to;) {
        size_t e = j;
        while (e < to && !strncmp(codes[e], codes[j], lens[0])) e++;
        ys_money *sum = ys_arena_calloc(c->tmp, nc, sizeof *sum);
        bool any = false;
        for (size_t q = j; q < e; q++)
            for (size_t col = 0; col < nc; col++) sum[col] += v[q * nc + col];
        for (size_t col = 0; col < nc; col++) any |= sum[col] != 0;
        if (any) {
            char code[16];
            size_t len = lens[0] < sizeof code ? lens[0] : sizeof code - 1;
            memcpy(code, codes[j], len);
            code[len] = '\0';
            const char *nm = dv_code_name(c, cls, code);
            ys_row *r = ys_table_add_row(c->d, t, (*seq)++, code, *nm ? nm : code);
            for (size_t col = 0; col < nc; col++) set_money(&r->cells[col], sum[col]);
            if (nlens > 1) emit_groups(c, t, cls, codes, v, j, e, lens + 1, nlens - 1, seq);
        }
        j = e;
    }
}

/* Build the rows: 合计, then 类 / 款 / 项 in code order; rows whose columns are all zero are left out. */
static void classified(dv_ctx *c, ys_table *t, keys_fn fn)
{
    const ys_budget *b = c->b;
    size_t nc = t->ncols;
    const char **codes = ys_arena_calloc(c->tmp, b->nlines + 1, sizeof *codes);
    size_t n = 0;
    for (size_t i = 0; i < b->nlines; i++) {
        const char *k[4];
        if (!fn(&b->lines[i], k) || !b->lines[i].function || strlen(b->lines[i].function) != 7) continue;
        bool seen = false;
        for (size_t j = 0; j < n && !seen; j++) seen = !strcmp(codes[j], b->lines[i].function);
        if (!seen) codes[n++] = b->lines[i].function;
    }
    qsort(codes, n, sizeof *codes, cmp_str);
    ys_money *v = ys_arena_calloc(c->tmp, (n + 1) * nc, sizeof *v);   /* v[j*nc + col]; row n = 合计 */
    for (size_t i = 0; i < b->nlines; i++) {
        const ys_budget_line *l = &b->lines[i];
        const char *k[4];
        int nk = fn(l, k);
        if (!nk || !l->function || strlen(l->function) != 7) continue;
        size_t j = 0;
        while (j < n && strcmp(codes[j], l->function)) j++;
        for (int q = 0; q < nk; q++) {
            int col = ys_table_col(t, k[q]);
            if (col < 0) continue;
            v[j * nc + (size_t)col] += l->amount;
            v[n * nc + (size_t)col] += l->amount;
        }
    }
    int seq = 1;
    ys_row *tot = ys_table_add_row(c->d, t, seq++, "", label(c, "total_row"));
    for (size_t col = 0; col < nc; col++) set_money(&tot->cells[col], v[n * nc + col]);
    static const size_t lens[] = {3, 5, 7};
    emit_groups(c, t, YS_CLASS_FUNCTION, codes, v, 0, n, lens, 3, &seq);
}

static const char *kind_key(ys_spend_kind k)
{
    switch (k) {
    case YS_SPEND_PERSONNEL:
    case YS_SPEND_PUBLIC: return "basic";
    case YS_SPEND_PROJECT: return "project";
    case YS_SPEND_OPERATING: return "operating";
    case YS_SPEND_REMIT: return "remit";
    case YS_SPEND_SUBSIDY: return "subsidy";
    }
    return "project";
}

static int income_keys(const ys_budget_line *l, const char *k[4])
{
    k[0] = "total";
    if (l->carryover) {
        k[1] = "carryover";
        return 2;
    }
    k[1] = "subtotal";
    switch (l->fund) {
    case YS_FUND_GPB:
    case YS_FUND_GOV:
    case YS_FUND_SOE: k[2] = "fiscal"; break;
    case YS_FUND_SPECIAL: k[2] = "special"; break;
    default:
        switch (l->source) {
        case YS_SOURCE_BUSINESS: k[2] = "business"; break;
        case YS_SOURCE_OPERATING: k[2] = "operating"; break;
        case YS_SOURCE_SUPERIOR: k[2] = "superior"; break;
        case YS_SOURCE_AFFILIATED: k[2] = "affiliated"; break;
        default: k[2] = "other"; break;
        }
    }
    return 3;
}

static int expense_keys(const ys_budget_line *l, const char *k[4])
{
    k[0] = "total";
    k[1] = kind_key(l->kind);
    return 2;
}

/* The 财政拨款 tables: basic or project (other kinds count as project there). */
static int fund_keys(const ys_budget_line *l, const char *k[4], ys_fund f)
{
    if (l->fund != f) return 0;
    k[0] = "total";
    k[1] = l->kind == YS_SPEND_PERSONNEL || l->kind == YS_SPEND_PUBLIC ? "basic" : "project";
    return 2;
}
static int gpb_keys(const ys_budget_line *l, const char *k[4]) { return fund_keys(l, k, YS_FUND_GPB); }
static int gov_keys(const ys_budget_line *l, const char *k[4]) { return fund_keys(l, k, YS_FUND_GOV); }
static int soe_keys(const ys_budget_line *l, const char *k[4]) { return fund_keys(l, k, YS_FUND_SOE); }

static bool table_has_money(const ys_table *t)
{
    for (size_t i = 0; i < t->nrows; i++)
        for (size_t j = 0; j < t->ncols; j++)
            if (ys_cell_money(&t->rows[i].cells[j])) return true;
    return false;
}

/* ---- two-sided tables ---------------------------------------------------------------------------- */

static ys_fund fund_of(const char *s)
{
    if (!strcmp(s, "gov")) return YS_FUND_GOV;
    if (!strcmp(s, "soe")) return YS_FUND_SOE;
    if (!strcmp(s, "special")) return YS_FUND_SPECIAL;
    if (!strcmp(s, "unit")) return YS_FUND_UNIT;
    return YS_FUND_GPB;
}

static ys_row *side_row(dv_ctx *c, ys_table *t, int seq, const char *in, const char *out)
{
    ys_row *r = ys_table_add_row(c->d, t, seq, "", "");
    int ci = ys_table_col(t, "in_item"), co = ys_table_col(t, "out_item");
    if (ci >= 0 && in) set_text(c, &r->cells[ci], layout_text(c, in));
    if (co >= 0 && out) set_text(c, &r->cells[co], layout_text(c, out));
    return r;
}

/* Money of the lines of 类 `cls` ("" = none) matching fund (-1 = any fund). */
static ys_money class_sum(const dv_ctx *c, const char *cls, int fund)
{
    ys_money s = 0;
    if (!*cls) return 0;
    for (size_t i = 0; i < c->b->nlines; i++) {
        const ys_budget_line *l = &c->b->lines[i];
        if (fund >= 0 && (int)l->fund != fund) continue;
        if (fund == -2 && !ys_fund_is_fiscal(l->fund)) continue;
        if (has_prefix(l->function, cls)) s += l->amount;
    }
    return s;
}

static size_t count_recs(const dv_file *f, const char *type)
{
    size_t n = 0;
    for (size_t i = 0; i < f->n; i++) n += !strcmp(f->recs[i].f[0], type);
    return n;
}

static const dv_rec *nth_rec(const dv_file *f, const char *type, size_t k)
{
    for (size_t i = 0; i < f->n; i++)
        if (!strcmp(f->recs[i].f[0], type) && k-- == 0) return &f->recs[i];
    return NULL;
}

static void summary(dv_ctx *c)
{
    ys_table *t = new_table(c, YS_TABLE_SUMMARY);
    int ia = ys_table_col(t, "in_amount"), oa = ys_table_col(t, "out_amount");
    size_t nin = count_recs(&c->layout, "summary_in"), ncls = count_recs(&c->layout, "class");
    size_t n = nin > ncls ? nin : ncls;
    int seq = 1;
    for (size_t i = 0; i < n; i++) {
        const dv_rec *in = i < nin ? nth_rec(&c->layout, "summary_in", i) : NULL;
        const dv_rec *cl = i < ncls ? nth_rec(&c->layout, "class", i) : NULL;
        ys_row *r = side_row(c, t, seq++, in ? dv_field(in, 2) : NULL, cl ? dv_field(cl, 2) : NULL);
        if (in && ia >= 0) set_money(&r->cells[ia], c->fund_year[fund_of(dv_field(in, 1))]);
        if (cl && oa >= 0) set_money(&r->cells[oa], class_sum(c, dv_field(cl, 1), -1));
    }
    ys_row *r = side_row(c, t, seq++, label(c, "sum_in_year"), label(c, "sum_out_year"));
    if (ia >= 0) set_money(&r->cells[ia], c->income_year);
    if (oa >= 0) set_money(&r->cells[oa], c->expense_total);
    r = side_row(c, t, seq++, label(c, "sum_in_carry"), label(c, "sum_out_carry"));
    if (ia >= 0) set_money(&r->cells[ia], c->carryover);
    r = side_row(c, t, seq++, label(c, "sum_in_total"), label(c, "sum_out_total"));
    if (ia >= 0) set_money(&r->cells[ia], c->income_year + c->carryover);
    if (oa >= 0) set_money(&r->cells[oa], c->expense_total);
}

static void fiscal_summary(dv_ctx *c)
{
    ys_table *t = new_table(c, YS_TABLE_FISCAL_SUMMARY);
    int ia = ys_table_col(t, "in_amount");
    static const char *const okeys[] = {"out_total", "out_gpb", "out_gov_fund", "out_soe"};
    static const int ofund[] = {-2, YS_FUND_GPB, YS_FUND_GOV, YS_FUND_SOE};
    int oc[4];
    for (int k = 0; k < 4; k++) oc[k] = ys_table_col(t, okeys[k]);
    size_t nin = count_recs(&c->layout, "fiscal_in"), ncls = count_recs(&c->layout, "class");
    size_t n = nin > ncls ? nin : ncls;
    ys_money year = 0, carry = 0, out[4] = {0, 0, 0, 0}, carry_f[YS_FUND__COUNT] = {0};
    for (size_t i = 0; i < c->b->nlines; i++) {
        const ys_budget_line *l = &c->b->lines[i];
        if (!ys_fund_is_fiscal(l->fund)) continue;
        if (l->carryover) carry += l->amount, carry_f[l->fund] += l->amount;
        else year += l->amount;
        out[0] += l->amount;
        out[1 + (int)l->fund] += l->amount;
    }
    int seq = 1;
    for (size_t i = 0; i < n; i++) {
        const dv_rec *in = i < nin ? nth_rec(&c->layout, "fiscal_in", i) : NULL;
        const dv_rec *cl = i < ncls ? nth_rec(&c->layout, "class", i) : NULL;
        ys_row *r = side_row(c, t, seq++, in ? dv_field(in, 2) : NULL, cl ? dv_field(cl, 2) : NULL);
        if (in && ia >= 0) set_money(&r->cells[ia], c->fund_year[fund_of(dv_field(in, 1))]);
        if (cl)
            for (int k = 0; k < 4; k++)
                if (oc[k] >= 0) set_money(&r->cells[oc[k]], class_sum(c, dv_field(cl, 1), ofund[k]));
    }
    ys_row *r = side_row(c, t, seq++, label(c, "fis_in_year"), label(c, "fis_out_year"));
    if (ia >= 0) set_money(&r->cells[ia], year);
    for (int k = 0; k < 4; k++)
        if (oc[k] >= 0) set_money(&r->cells[oc[k]], out[k]);
    r = side_row(c, t, seq++, label(c, "fis_in_carry"), label(c, "fis_out_carry"));
    if (ia >= 0) set_money(&r->cells[ia], carry);
    for (size_t i = 0; i < nin; i++) {
        const dv_rec *in = nth_rec(&c->layout, "fiscal_in", i);
        r = side_row(c, t, seq++, dv_field(in, 2), NULL);
        if (ia >= 0) set_money(&r->cells[ia], carry_f[fund_of(dv_field(in, 1))]);
    }
    r = side_row(c, t, seq++, label(c, "fis_in_total"), label(c, "fis_out_total"));
    if (ia >= 0) set_money(&r->cells[ia], year + carry);
    for (int k = 0; k < 4; k++)
        if (oc[k] >= 0) set_money(&r->cells[oc[k]], out[k]);
}

/* ---- 基本支出表 (economic classification) ---------------------------------------------------------- */

static void gpb_basic(dv_ctx *c)
{
    ys_table *t = new_table(c, YS_TABLE_GPB_BASIC);
    const ys_budget *b = c->b;
    size_t nc = t->ncols;
    int ct = ys_table_col(t, "total"), cp = ys_table_col(t, "personnel"), cu = ys_table_col(t, "public");
    const char **codes = ys_arena_calloc(c->tmp, b->nlines + 1, sizeof *codes);
    size_t n = 0;
    for (size_t i = 0; i < b->nlines; i++) {
        const ys_budget_line *l = &b->lines[i];
        if (l->fund != YS_FUND_GPB || (l->kind != YS_SPEND_PERSONNEL && l->kind != YS_SPEND_PUBLIC)) continue;
        if (!l->economic || strlen(l->economic) != 5) continue;
        bool seen = false;
        for (size_t j = 0; j < n && !seen; j++) seen = !strcmp(codes[j], l->economic);
        if (!seen) codes[n++] = l->economic;
    }
    qsort(codes, n, sizeof *codes, cmp_str);
    ys_money *v = ys_arena_calloc(c->tmp, (n + 1) * nc, sizeof *v);
    for (size_t i = 0; i < b->nlines; i++) {
        const ys_budget_line *l = &b->lines[i];
        if (l->fund != YS_FUND_GPB || (l->kind != YS_SPEND_PERSONNEL && l->kind != YS_SPEND_PUBLIC)) continue;
        if (!l->economic || strlen(l->economic) != 5) continue;
        size_t j = 0;
        while (j < n && strcmp(codes[j], l->economic)) j++;
        int part = l->kind == YS_SPEND_PERSONNEL ? cp : cu;
        for (size_t row = j;; row = n) {
            if (ct >= 0) v[row * nc + (size_t)ct] += l->amount;
            if (part >= 0) v[row * nc + (size_t)part] += l->amount;
            if (row == n) break;
        }
    }
    int seq = 1;
    ys_row *r = ys_table_add_row(c->d, t, seq++, "", label(c, "total_row"));
    for (size_t col = 0; col < nc; col++) set_money(&r->cells[col], v[n * nc + col]);
    static const size_t lens[] = {3, 5};
    emit_groups(c, t, YS_CLASS_ECONOMIC, codes, v, 0, n, lens, 2, &seq);
}

/* ---- "三公" ------------------------------------------------------------------------------------------ */

static const char *const TP_CODE[TP__N] = {"30212", "30212", "31013", "30231", "30217", "30215", "30215", "30216"};

dv_funds dv_three_public_item(const dv_ctx *c, dv_tp item, const char *tag)
{
    dv_funds f;
    memset(&f, 0, sizeof f);
    for (size_t i = 0; i < c->b->nlines; i++) {
        const ys_budget_line *l = &c->b->lines[i];
        if (!ys_fund_is_fiscal(l->fund) || !l->economic || strcmp(l->economic, TP_CODE[item])) continue;
        if ((item == TP_ABROAD_TAG || item == TP_MEETING_TAG) && (!l->tag || !tag || !ys_text_same(l->tag, tag))) continue;
        f.v[l->fund == YS_FUND_GPB ? 0 : l->fund == YS_FUND_GOV ? 1 : 2] += l->amount;
    }
    return f;
}

static dv_funds fadd(dv_funds a, dv_funds b, int sign)
{
    for (int k = 0; k < 3; k++) a.v[k] += sign * b.v[k];
    return a;
}

/* The amounts of a layout item of the 三公 table. */
static dv_funds tp_row(const dv_ctx *c, const char *item)
{
    dv_funds z;
    memset(&z, 0, sizeof z);
    const char *colon = strchr(item, ':');
    const char *tag = colon ? colon + 1 : NULL;
    if (!strcmp(item, "abroad")) return dv_three_public_item(c, TP_ABROAD, NULL);
    if (has_prefix(item, "abroad_tag:")) return dv_three_public_item(c, TP_ABROAD_TAG, tag);
    if (!strcmp(item, "car_buy")) return dv_three_public_item(c, TP_CAR_BUY, NULL);
    if (!strcmp(item, "car_run")) return dv_three_public_item(c, TP_CAR_RUN, NULL);
    if (!strcmp(item, "car")) return fadd(tp_row(c, "car_buy"), tp_row(c, "car_run"), 1);
    if (!strcmp(item, "reception")) return dv_three_public_item(c, TP_RECEPTION, NULL);
    if (!strcmp(item, "meeting")) return dv_three_public_item(c, TP_MEETING, NULL);
    if (has_prefix(item, "meeting_tag:")) return dv_three_public_item(c, TP_MEETING_TAG, tag);
    if (!strcmp(item, "training")) return dv_three_public_item(c, TP_TRAINING, NULL);
    if (!strcmp(item, "subtotal"))
        return fadd(fadd(tp_row(c, "abroad"), tp_row(c, "car"), 1), tp_row(c, "reception"), 1);
    if (!strcmp(item, "total")) {
        dv_funds s = tp_row(c, "subtotal");
        for (size_t i = 0; i < c->layout.n; i++) {   /* 会议费 and 培训费 when the template shows them */
            const dv_rec *r = &c->layout.recs[i];
            if (strcmp(r->f[0], "three_public")) continue;
            if (!strcmp(dv_field(r, 1), "meeting") || !strcmp(dv_field(r, 1), "training")) s = fadd(s, tp_row(c, dv_field(r, 1)), 1);
        }
        return s;
    }
    if (!strcmp(item, "abroad_rest") || !strcmp(item, "meeting_rest")) {
        bool ab = item[0] == 'a';
        dv_funds s = tp_row(c, ab ? "abroad" : "meeting");
        for (size_t i = 0; i < c->layout.n; i++) {
            const dv_rec *r = &c->layout.recs[i];
            if (!strcmp(r->f[0], "three_public") && has_prefix(dv_field(r, 1), ab ? "abroad_tag:" : "meeting_tag:"))
                s = fadd(s, tp_row(c, dv_field(r, 1)), -1);
        }
        return s;
    }
    return z;
}

static void three_public(dv_ctx *c)
{
    ys_table *t = new_table(c, YS_TABLE_THREE_PUBLIC);
    static const char *const keys[] = {"gpb", "gov_fund", "soe"};
    int seq = 1;
    for (size_t i = 0; i < c->layout.n; i++) {
        const dv_rec *rec = &c->layout.recs[i];
        if (strcmp(rec->f[0], "three_public")) continue;
        dv_funds f = tp_row(c, dv_field(rec, 1));
        ys_row *r = ys_table_add_row(c->d, t, seq++, "", layout_text(c, dv_field(rec, 2)));
        set_key(t, r, "total", f.v[0] + f.v[1] + f.v[2]);
        for (int k = 0; k < 3; k++) set_key(t, r, keys[k], f.v[k]);
    }
    add_notes(c, t, !table_has_money(t));
}

/* ---- 机关运行经费 ----------------------------------------------------------------------------------- */

static bool running_line(const dv_ctx *c, const ys_budget_line *l)
{
    if (!ys_fund_is_fiscal(l->fund) || l->kind != YS_SPEND_PUBLIC) return false;
    const ys_budget_unit *u = ys_budget_find_unit(c->b, l->unit);
    return u && (u->type == YS_UNIT_ADMIN || u->type == YS_UNIT_CIVIL);
}

size_t dv_running_parts(const dv_ctx *c, const char ***codes_out, ys_money **amounts_out)
{
    const ys_budget *b = c->b;
    const char **codes = ys_arena_calloc(c->tmp, b->nlines + 1, sizeof *codes);
    ys_money *v = ys_arena_calloc(c->tmp, b->nlines + 1, sizeof *v);
    size_t n = 0;
    for (size_t i = 0; i < b->nlines; i++) {
        const ys_budget_line *l = &b->lines[i];
        if (!running_line(c, l) || !l->economic) continue;
        size_t j = 0;
        while (j < n && strcmp(codes[j], l->economic)) j++;
        if (j == n) codes[n++] = l->economic;
    }
    qsort(codes, n, sizeof *codes, cmp_str);
    for (size_t i = 0; i < b->nlines; i++) {
        const ys_budget_line *l = &b->lines[i];
        if (!running_line(c, l) || !l->economic) continue;
        for (size_t j = 0; j < n; j++)
            if (!strcmp(codes[j], l->economic)) v[j] += l->amount;
    }
    *codes_out = codes;
    *amounts_out = v;
    return n;
}

/* ---- procurement, assets, organisation ------------------------------------------------------------ */

static ys_money project_sum_by_name(const dv_ctx *c, const char *name, int fiscal)
{
    ys_money s = 0;
    for (size_t p = 0; p < c->b->nprojects; p++) {
        const ys_budget_project *bp = &c->b->projects[p];
        if (!name || !bp->name || !ys_text_same(bp->name, name)) continue;
        for (size_t i = 0; i < c->b->nlines; i++) {
            const ys_budget_line *l = &c->b->lines[i];
            if (!l->project || strcmp(l->project, bp->code)) continue;
            if (fiscal == 1 && !ys_fund_is_fiscal(l->fund)) continue;
            if (fiscal == 0 && ys_fund_is_fiscal(l->fund)) continue;
            s += l->amount;
        }
        break;
    }
    return s;
}

static const char *fund_col(ys_fund f)
{
    switch (f) {
    case YS_FUND_GPB: return "gpb";
    case YS_FUND_GOV: return "gov_fund";
    case YS_FUND_SOE: return "soe";
    case YS_FUND_SPECIAL: return "special";
    default: return "unit_funds";
    }
}

static void text_key(dv_ctx *c, ys_table *t, ys_row *r, const char *key, const char *s)
{
    int col = ys_table_col(t, key);
    if (col >= 0) set_text(c, &r->cells[col], s);
}

static void procurement(dv_ctx *c)
{
    ys_table *t = new_table(c, YS_TABLE_PROCUREMENT);
    const ys_budget *b = c->b;
    ys_money tot = 0, sme = 0, byfund[YS_FUND__COUNT] = {0};
    for (size_t i = 0; i < b->nprocurement; i++) {
        tot += b->procurement[i].amount;
        sme += b->procurement[i].sme;
        byfund[b->procurement[i].fund] += b->procurement[i].amount;
    }
    c->procurement_total = tot;
    if (b->nprocurement) {
        ys_row *r = ys_table_add_row(c->d, t, -1, "", label(c, "total_row"));
        set_key(t, r, "total", tot);
        set_key(t, r, "sme", sme);
        for (int f = 0; f < YS_FUND__COUNT; f++) set_key(t, r, fund_col((ys_fund)f), byfund[f]);
    }
    for (size_t i = 0; i < b->nprocurement; i++) {
        const ys_budget_procurement *p = &b->procurement[i];
        ys_row *r = ys_table_add_row(c->d, t, (int)i + 1, "", "");
        text_key(c, t, r, "source_project", p->project);
        set_key(t, r, "source_amount", project_sum_by_name(c, p->project, -1));
        text_key(c, t, r, "item", p->item);
        text_key(c, t, r, "catalog_no", p->catalog_no);
        text_key(c, t, r, "measure", p->measure);
        int qc = ys_table_col(t, "quantity");
        if (qc >= 0 && p->quantity > 0) {
            r->cells[qc].kind = YS_CELL_QUANTITY;
            r->cells[qc].qty = p->quantity;
            r->cells[qc].text = ys_arena_printf(c->d->arena, "%lld", (long long)p->quantity);
        }
        set_key(t, r, "price", p->price);
        set_key(t, r, "total", p->amount);
        set_key(t, r, fund_col(p->fund), p->amount);
        set_key(t, r, "sme", p->sme);
    }
    add_notes(c, t, b->nprocurement == 0);
}

static const ys_budget_asset *find_asset(const ys_budget *b, const char *item)
{
    for (size_t i = 0; i < b->nassets; i++)
        if (b->assets[i].item && ys_text_same(b->assets[i].item, item)) return &b->assets[i];
    return NULL;
}

static void assets(dv_ctx *c)
{
    ys_table *t = new_table(c, YS_TABLE_ASSETS);
    int qc = ys_table_col(t, "quantity"), vc = ys_table_col(t, "value");
    ys_money total = 0;
    for (size_t i = 0; i < c->layout.n; i++) {
        const dv_rec *r = &c->layout.recs[i];
        if (strcmp(r->f[0], "asset") || !strcmp(dv_field(r, 1), "total")) continue;
        const ys_budget_asset *a = find_asset(c->b, dv_field(r, 1));
        if (a && !has_prefix(dv_field(r, 2), "其中")) total += a->value;
    }
    c->assets_total = total;
    for (size_t i = 0; i < c->layout.n; i++) {
        const dv_rec *rec = &c->layout.recs[i];
        if (strcmp(rec->f[0], "asset")) continue;
        ys_row *r = ys_table_add_row(c->d, t, -1, "", layout_text(c, dv_field(rec, 2)));
        if (!strcmp(dv_field(rec, 1), "total")) {
            if (vc >= 0) set_money(&r->cells[vc], total);
            continue;
        }
        const ys_budget_asset *a = find_asset(c->b, dv_field(rec, 1));
        if (!a) continue;
        if (vc >= 0) set_money(&r->cells[vc], a->value);
        if (qc >= 0 && a->quantity >= 0) {
            r->cells[qc].kind = YS_CELL_QUANTITY;
            r->cells[qc].qty = a->quantity;
            r->cells[qc].text = a->quantity_text && *a->quantity_text
                                    ? ys_arena_strdup(c->d->arena, a->quantity_text)
                                    : ys_arena_printf(c->d->arena, "%lld", (long long)a->quantity);
        }
    }
}

static void organisation(dv_ctx *c)
{
    ys_table *t = new_table(c, YS_TABLE_ORGANISATION);
    for (size_t i = 0; i < c->b->nunits; i++) {
        const ys_budget_unit *u = &c->b->units[i];
        ys_row *r = ys_table_add_row(c->d, t, -1, "", u->name ? u->name : "");
        text_key(c, t, r, "unit_type", ys_unit_type_name(u->type));
        text_key(c, t, r, "unit_level", u->level);
        text_key(c, t, r, "funding", u->funding);
    }
}

/* ---- projects ----------------------------------------------------------------------------------- */

static const char *dup(dv_ctx *c, const char *s)
{
    return ys_arena_strdup(c->d->arena, s ? s : "");
}

static void projects(dv_ctx *c)
{
    const ys_budget *b = c->b;
    for (size_t i = 0; i < b->nprojects; i++) {
        const ys_budget_project *bp = &b->projects[i];
        ys_project *p = ys_disclosure_add_project(c->d);
        p->seq = (int)i + 1;
        p->code = dup(c, bp->code);
        p->name = dup(c, bp->name);
        p->title = ys_arena_printf(c->d->arena, "%d、%s绩效目标表", p->seq, bp->name ? bp->name : "");
        p->unit = c->unit;
        ys_money all = 0, fiscal = 0;
        for (size_t k = 0; k < b->nlines; k++) {
            const ys_budget_line *l = &b->lines[k];
            if (!l->project || !bp->code || strcmp(l->project, bp->code)) continue;
            all += l->amount;
            if (ys_fund_is_fiscal(l->fund)) fiscal += l->amount;
        }
        ys_cell_set_money(&p->budget, all, 2);
        set_money(&p->fiscal, fiscal);
        set_money(&p->other, all - fiscal);
        p->purpose = dup(c, bp->purpose);
        p->goal = dup(c, bp->goal);
        p->schedule_percent = bp->schedule_percent;
        p->nschedule = bp->nschedule;
        p->schedule = ys_arena_calloc(c->d->arena, bp->nschedule + 1, sizeof *p->schedule);
        for (size_t k = 0; k < bp->nschedule; k++) {
            p->schedule[k] = bp->schedule[k];
            p->schedule[k].label = dup(c, bp->schedule[k].label);
            p->schedule[k].value.text = dup(c, bp->schedule[k].value.text);
            p->schedule[k].value.raw = NULL;
            p->schedule[k].value.src = (ys_source){c->d->file, 0, 0, NULL};
            ys_cell *v = &p->schedule[k].value;
            if (bp->schedule_percent && v->kind == YS_CELL_MONEY) {
                /* the book keeps a percentage as the number × 100 (25 % → 2500); the disclosure reads a
                 * schedule cell in the project's unit as printed (25 → 25 units), as a reader of the
                 * printed table would: convert, exactly (a hundredth of a per cent is the finest step) */
                v->money = v->money / 100 * ys_unit_fen(c->unit) + v->money % 100 * (ys_unit_fen(c->unit) / 100);
                char buf[YS_MONEY_BUFSZ];
                v->text = dup(c, ys_money_format(v->money, c->unit, 0, buf, sizeof buf));
            }
        }
        for (size_t k = 0; k < bp->nindicators; k++) {
            const ys_indicator *bi = &bp->indicators[k];
            ys_indicator *in = ys_project_add_indicator(c->d, p);
            in->level1 = dup(c, bi->level1);
            in->level2 = dup(c, bi->level2);
            in->level3 = dup(c, bi->level3);
            in->description = dup(c, bi->description);
            in->value = dup(c, bi->value);
            in->basis = dup(c, bi->basis);
            in->src = (ys_source){c->d->file, 0, 0, NULL};
        }
        p->src = (ys_source){c->d->file, 0, 0, NULL};
    }
}

/* ---- the whole ---------------------------------------------------------------------------------- */

void dv_tables(dv_ctx *c)
{
    const ys_budget *b = c->b;
    for (size_t i = 0; i < b->nlines; i++) {
        const ys_budget_line *l = &b->lines[i];
        c->expense_total += l->amount;
        if (l->carryover) c->carryover += l->amount;
        else c->income_year += l->amount, c->fund_year[l->fund] += l->amount;
        if (l->kind == YS_SPEND_PERSONNEL) c->personnel += l->amount;
        if (l->kind == YS_SPEND_PUBLIC) c->public_ += l->amount;
        if (l->kind == YS_SPEND_PROJECT) c->project += l->amount;
        if (running_line(c, l)) c->running_costs += l->amount;
    }
    c->basic = c->personnel + c->public_;

    summary(c);
    ys_table *t = new_table(c, YS_TABLE_INCOME);
    classified(c, t, income_keys);
    t = new_table(c, YS_TABLE_EXPENSE);
    classified(c, t, expense_keys);
    fiscal_summary(c);
    t = new_table(c, YS_TABLE_GPB_EXPENSE);
    classified(c, t, gpb_keys);
    gpb_basic(c);
    t = new_table(c, YS_TABLE_GOV_FUND);
    classified(c, t, gov_keys);
    add_notes(c, t, !table_has_money(t));
    t = new_table(c, YS_TABLE_SOE_CAPITAL);
    classified(c, t, soe_keys);
    add_notes(c, t, !table_has_money(t));
    three_public(c);
    procurement(c);
    assets(c);
    organisation(c);
    projects(c);
}
