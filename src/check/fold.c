/*
 * fold.c — root-cause folding (DESIGN.md "Root cause, concretely"): one defect in one cell breaks
 * several identities; report it once, at the culprit, and mark the symptoms folded.
 *
 * The mechanism reads only the findings' structure, never their rule ids:
 *
 *  - A finding with expected and actual amounts is a *sum* when it lists, besides its culprit, cells of
 *    other rows of the same table (its items: a subtotal against Σ items). Its difference is
 *    e = expected − actual = Σ items − printed subtotal.
 *  - Any other such finding is a *twin* comparison (a cell against the same cell elsewhere, or against
 *    other cells of its own row). Its excess is x = actual − expected: how much the culprit is over.
 *
 *  1. Re-anchor: a cross-table twin whose own table shows no symptom of its excess while the twin's
 *     table shows the opposite one is moved to the twin cell (the other side is the culprit).
 *  2. Twins at the same cell with the same excess are one defect: the later ones fold.
 *  3. A twin at a code whose excess equals the sum of the excesses of twins strictly below it in the
 *     same table (its children were wrong, it followed them) folds into them.
 *  4. A sum folds when the excesses of the twins at its items, minus the excess of a twin at the
 *     subtotal itself, equal its difference — the items that disagree elsewhere explain it entirely.
 *     A sum whose items include a folded sum with the same difference folds too (up the chain).
 *  0. One row printed under two codes in two tables (a mistyped code) is one finding at the mistyped
 *     cell; code findings without amounts at one cell of one rule family are one finding (fold_recoded,
 *     fold_same_cell). The mistyped row counts as an item missing from its true parent in step 4.
 *  5. Findings left whose differences have one magnitude and which all involve one row (any table,
 *     the narrative and project tables included) are one defect of that row (fold_shared).
 *
 * The root finding gets the folded symptom's cell among its locations and a note in its message.
 * When nothing explains a sum, it stays: the subtotal with its items listed.
 */
#include "check/check.h"
#include "core/buf.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t index;     /* into f->items (pointers move when the list grows) */
    bool sum;
    ys_money e;       /* sum: Σ items − printed; twin: actual − expected */
    size_t root;      /* folded into this node (SIZE_MAX = not folded) */
} node;

#define NONE ((size_t)-1)

static bool str_eq(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool same_row(const ys_location *a, const ys_location *b)
{
    if (a->table != b->table || a->row != b->row || !str_eq(a->code, b->code)) return false;
    if (a->name && b->name) return strcmp(a->name, b->name) == 0;
    return a->row >= 0 || a->code;
}

/*
 * One printed line: same table, 序号 and code. A two-sided table (收支总表: 收入 on the left, 支出 on the
 * right) prints two rows on one line, told apart by name; a comparison between the two sides of one line
 * (收入总计 = 支出总计) is a twin comparison, not a sum, even though its cells have different names.
 */
static bool same_line(const ys_location *a, const ys_location *b)
{
    return a->table == b->table && a->row >= 0 && a->row == b->row && str_eq(a->code, b->code);
}

static bool is_item(const ys_finding *fd, size_t k)
{
    return fd->locs[k].table == fd->at.table && !same_row(&fd->locs[k], &fd->at) && !same_line(&fd->locs[k], &fd->at);
}

static bool has_item_at(const ys_finding *fd, const ys_location *row)
{
    for (size_t k = 1; k < fd->nlocs; k++)
        if (is_item(fd, k) && same_row(&fd->locs[k], row)) return true;
    return false;
}

static size_t code_len(const ys_finding *fd)
{
    return fd->at.code ? strlen(fd->at.code) : 0;
}

/* Does some sum in the list show excess v at row `row` (as its own subtotal or as one of its items)? */
static bool explains(const ys_findings *f, const node *n, size_t nn, const ys_location *row, ys_money v)
{
    for (size_t i = 0; i < nn; i++) {
        if (!n[i].sum) continue;
        const ys_finding *b = &f->items[n[i].index];
        if (b->at.table != row->table) continue;
        if (same_row(&b->at, row) && -n[i].e == v) return true;
        if (has_item_at(b, row) && n[i].e == v) return true;
    }
    return false;
}

static ys_location loc_dup(ys_location l)
{
    ys_location c = l;
    c.code = l.code ? ys_xstrdup(l.code) : NULL;
    c.column = l.column ? ys_xstrdup(l.column) : NULL;
    c.name = l.name ? ys_xstrdup(l.name) : NULL;
    return c;
}

static void swap_loc(ys_location *a, ys_location *b)
{
    ys_location t = *a;
    *a = *b;
    *b = t;
}

static void reanchor(const ys_disclosure *doc, ys_findings *f, node *n, size_t nn)
{
    for (size_t i = 0; i < nn; i++) {
        if (n[i].sum) continue;
        ys_finding *a = &f->items[n[i].index];
        size_t k = 1;
        while (k < a->nlocs && a->locs[k].table == a->at.table) k++;
        if (k >= a->nlocs || a->locs[k].table < 0 || a->locs[k].table >= YS_TABLE__COUNT) continue;
        if (explains(f, n, nn, &a->at, n[i].e) || !explains(f, n, nn, &a->locs[k], -n[i].e)) continue;
        /* locs[0] is the copy of `at`: the twin becomes locs[0] and `at` a fresh copy of it */
        swap_loc(&a->locs[0], &a->locs[k]);
        free(a->at.code);
        free(a->at.column);
        free(a->at.name);
        a->at = loc_dup(a->locs[0]);
        ys_money e = a->expected;
        a->expected = a->actual;
        a->actual = e;
        const ys_table *t = doc ? ys_disclosure_table(doc, a->at.table) : NULL;
        if (t) a->unit = t->unit;
        n[i].e = -n[i].e;
    }
}

static size_t root_of(const node *n, size_t i)
{
    while (n[i].root != NONE) i = n[i].root;
    return i;
}

/* Mark s folded into r: r gains s's cell among its locations and a note in its message. */
static void merge_into(ys_finding *r, ys_finding *s)
{
    s->folded = true;
    bool present = false;
    for (size_t k = 0; k < r->nlocs && !present; k++)
        present = same_row(&r->locs[k], &s->at) && str_eq(r->locs[k].column, s->at.column);
    if (!present) ys_finding_add_loc(r, s->at);
    ys_buf b = YS_BUF_INIT;
    ys_buf_adds(&b, r->message);
    ys_buf_printf(&b, "；同一差额也使%s %s%s%s不符 (%s，已合并)", ys_table_id_title(s->at.table),
                  s->at.code ? s->at.code : "", s->at.code && s->at.name ? " " : "", s->at.name ? s->at.name : "",
                  s->rule);
    free(r->message);
    r->message = ys_buf_detach(&b);
}

static void fold_into(ys_findings *f, node *n, size_t sym, size_t root)
{
    root = root_of(n, root);
    if (sym == root) return;
    n[sym].root = root;
    merge_into(&f->items[n[root].index], &f->items[n[sym].index]);
}

/* Deepest codes first, then in report order (insertion sort: a document has few findings). */
static void sort_by_depth(const ys_findings *f, node *n, size_t nn)
{
    for (size_t i = 1; i < nn; i++) {
        node v = n[i];
        size_t j = i, lv = code_len(&f->items[v.index]);
        while (j > 0) {
            size_t lp = code_len(&f->items[n[j - 1].index]);
            if (lp > lv || (lp == lv && n[j - 1].index < v.index)) break;
            n[j] = n[j - 1];
            j--;
        }
        n[j] = v;
    }
}

/* ---- 5. one row explains several findings ---------------------------------------------------------- */

static ys_money mag(const ys_finding *fd)
{
    ys_money d = fd->actual - fd->expected;
    return d < 0 ? -d : d;
}

static bool active(const ys_finding *fd)
{
    return !fd->folded && fd->has_expected && fd->has_actual && fd->actual != fd->expected;
}

static bool involves(const ys_finding *fd, const ys_location *l)
{
    for (size_t k = 0; k < fd->nlocs; k++)
        if (same_row(&fd->locs[k], l)) return true;
    return same_row(&fd->at, l);
}

/* Move a twin comparison's culprit to its location k (the other side of the comparison). */
static void anchor_at(const ys_disclosure *doc, ys_finding *a, size_t k)
{
    swap_loc(&a->locs[0], &a->locs[k]);
    free(a->at.code);
    free(a->at.column);
    free(a->at.name);
    a->at = loc_dup(a->locs[0]);
    ys_money e = a->expected;
    a->expected = a->actual;
    a->actual = e;
    const ys_table *t = doc ? ys_disclosure_table(doc, a->at.table) : NULL;
    if (t) a->unit = t->unit;
}

static bool is_sum(const ys_finding *fd)
{
    for (size_t k = 1; k < fd->nlocs; k++)
        if (is_item(fd, k)) return true;
    return false;
}

/*
 * After the steps above, findings still reported whose differences have one magnitude and which all
 * involve one row — as culprit, as an item of a sum, or as the twin of a comparison — are one defect
 * of that row: the smallest explanation of them all (a single changed cell breaks every identity it is
 * part of by the same amount). The root is a comparison anchored at that row, in the column most of the
 * group names there; failing that, a comparison whose other side is that row, re-anchored to it. A group
 * with no comparison touching the row (sums only) is left alone: the sums then name their subtotals.
 */
static void fold_shared(const ys_disclosure *doc, ys_findings *f, size_t first)
{
    for (;;) {
        size_t best_count = 1, best_i = NONE, best_k = 0;
        for (size_t i = first; i < f->count; i++) {
            const ys_finding *a = &f->items[i];
            if (!active(a)) continue;
            for (size_t k = 0; k < a->nlocs; k++) {
                const ys_location *l = &a->locs[k];
                if (l->table < 0 || (l->row < 0 && !l->code && !l->name)) continue;
                size_t count = 0;
                bool rootable = false;
                for (size_t j = first; j < f->count; j++) {
                    const ys_finding *b = &f->items[j];
                    if (!active(b) || mag(b) != mag(a) || !involves(b, l)) continue;
                    count++;
                    if (!is_sum(b)) rootable = true;
                }
                if (rootable && count > best_count) best_count = count, best_i = i, best_k = k;
            }
        }
        if (best_i == NONE) return;
        ys_location l = loc_dup(f->items[best_i].locs[best_k]);
        ys_money m = mag(&f->items[best_i]);
        /* the column most of the group names at that row */
        const char *col = NULL;
        size_t col_votes = 0;
        for (size_t j = first; j < f->count; j++) {
            const ys_finding *b = &f->items[j];
            if (!active(b) || mag(b) != m || !same_row(&b->at, &l) || !b->at.column) continue;
            size_t v = 0;
            for (size_t q = first; q < f->count; q++) {
                const ys_finding *c = &f->items[q];
                if (active(c) && mag(c) == m && same_row(&c->at, &l) && str_eq(c->at.column, b->at.column)) v++;
            }
            if (v > col_votes) col_votes = v, col = b->at.column;
        }
        size_t root = NONE;
        for (int pass = 0; pass < 3 && root == NONE; pass++)
            for (size_t j = first; j < f->count && root == NONE; j++) {
                const ys_finding *b = &f->items[j];
                if (!active(b) || mag(b) != m || is_sum(b) || !involves(b, &l)) continue;
                if (pass == 0 && same_row(&b->at, &l) && (!col || str_eq(b->at.column, col))) root = j;
                if (pass == 1 && same_row(&b->at, &l)) root = j;
                if (pass == 2) root = j;
            }
        ys_finding *r = &f->items[root];
        if (!same_row(&r->at, &l))
            for (size_t k = 1; k < r->nlocs; k++)
                if (same_row(&r->locs[k], &l)) {
                    anchor_at(doc, r, k);
                    break;
                }
        for (size_t j = first; j < f->count; j++) {
            ys_finding *b = &f->items[j];
            r = &f->items[root];
            if (j == root || !active(b) || mag(b) != m || !involves(b, &l)) continue;
            merge_into(r, b);
        }
        free(l.code);
        free(l.column);
        free(l.name);
    }
}

/* ---- 0. one row printed under two codes; several code findings at one cell ------------------------ */

static bool no_amounts(const ys_finding *fd)
{
    return !fd->folded && !fd->has_expected && !fd->has_actual;
}

/* A comparison whose other side is "no such row": locs[k] in another table, without row, code or name. */
static size_t absent_twin(const ys_finding *fd)
{
    if (fd->folded || !fd->has_expected || !fd->has_actual || !fd->at.code || fd->expected != 0) return 0;
    for (size_t k = 1; k < fd->nlocs; k++)
        if (fd->locs[k].table != fd->at.table && fd->locs[k].table >= 0 && fd->locs[k].row < 0 && !fd->locs[k].code &&
            !fd->locs[k].name)
            return k;
    return 0;
}

/* Code-level findings without amounts at the culprit's cell (orphan code, unknown code …). */
static size_t cell_symptoms(const ys_findings *f, size_t first, const ys_location *at)
{
    size_t c = 0;
    for (size_t i = first; i < f->count; i++)
        if (no_amounts(&f->items[i]) && same_row(&f->items[i].at, at)) c++;
    return c;
}

static void note_into(ys_finding *r, ys_finding *s)
{
    s->folded = true;
    ys_buf b = YS_BUF_INIT;
    ys_buf_adds(&b, r->message);
    ys_buf_printf(&b, "；另见 (%s，已合并)：%s", s->rule, s->message);
    free(r->message);
    r->message = ys_buf_detach(&b);
}

typedef struct {
    ys_table_id table;
    const char *code;   /* the code the row has in the other tables (borrowed from the folded twin) */
    const char *printed;
    ys_money amount;
} recoded;

/*
 * A row present in table A under code X and absent from table B, while B has a row under code Y absent
 * from A, with the same name (or 序号) and the same amount: one row, whose code is mistyped on one side.
 * The culprit is the side whose cell also has code findings without amounts (orphan, not in the
 * catalog); the other side's comparison and those findings fold into it. The mistyped row is then an
 * item missing from its true parent's sum (recorded in `out` for step 4).
 */
static size_t fold_recoded(ys_findings *f, size_t first, recoded *out, size_t cap)
{
    size_t nout = 0;
    for (size_t i = first; i < f->count; i++) {
        size_t ki = absent_twin(&f->items[i]);
        if (!ki) continue;
        for (size_t j = i + 1; j < f->count; j++) {
            ys_finding *a = &f->items[i], *b = &f->items[j];
            size_t kj = absent_twin(b);
            if (!kj || b->at.table != a->locs[ki].table || a->at.table != b->locs[kj].table) continue;
            if (b->actual != a->actual || !str_eq(a->at.column, b->at.column) || !strcmp(a->at.code, b->at.code)) continue;
            if (!(a->at.name && b->at.name ? !strcmp(a->at.name, b->at.name) : a->at.row >= 0 && a->at.row == b->at.row))
                continue;
            size_t sa = cell_symptoms(f, first, &a->at), sb = cell_symptoms(f, first, &b->at);
            if (sa == sb) continue;
            ys_finding *r = sa > sb ? a : b, *o = sa > sb ? b : a;
            o->folded = true;
            ys_finding_add_loc(r, o->at);
            ys_buf m = YS_BUF_INIT;
            ys_buf_adds(&m, r->message);
            ys_buf_printf(&m, "；%s 同一行 (%s) 编码为 %s，此处编码 %s 疑误 (%s，已合并)", ys_table_id_title(o->at.table),
                          o->at.name ? o->at.name : "", o->at.code, r->at.code, o->rule);
            free(r->message);
            r->message = ys_buf_detach(&m);
            for (size_t q = first; q < f->count; q++)
                if (no_amounts(&f->items[q]) && same_row(&f->items[q].at, &r->at)) note_into(r, &f->items[q]);
            if (nout < cap) out[nout++] = (recoded){r->at.table, o->at.code, r->at.code, r->actual};
            break;
        }
    }
    return nout;
}

/* Several code findings without amounts at one cell of one family (R22 orphan and R23 unknown code,
 * R23 and R24 one wrong name): one defect of that cell, reported by the first. */
static void fold_same_cell(ys_findings *f, size_t first)
{
    for (size_t i = first; i < f->count; i++) {
        ys_finding *r = &f->items[i];
        if (!no_amounts(r) || !r->at.code || r->at.table < 0 || r->at.table >= YS_TABLE__COUNT) continue;
        const ys_rule *ri = ys_rules_find(r->rule);
        for (size_t j = i + 1; j < f->count; j++) {
            ys_finding *s = &f->items[j];
            if (!no_amounts(s) || !same_row(&r->at, &s->at) || !str_eq(r->at.column, s->at.column)) continue;
            const ys_rule *rs = ys_rules_find(s->rule);
            if (!ri || !rs || strcmp(ri->family, rs->family) != 0) continue;
            note_into(&f->items[i], s);
            r = &f->items[i];
        }
    }
}

void ys_check_fold(const ys_disclosure *doc, ys_findings *f, size_t first)
{
    if (!f || first >= f->count) return;
    recoded rec[16];
    size_t nrec = fold_recoded(f, first, rec, sizeof rec / sizeof *rec);
    fold_same_cell(f, first);
    node *n = ys_xcalloc(f->count - first, sizeof *n);
    size_t nn = 0;
    for (size_t i = first; i < f->count; i++) {
        ys_finding *fd = &f->items[i];
        if (fd->folded || !fd->has_expected || !fd->has_actual) continue;
        if (fd->at.table < 0 || fd->at.table >= YS_TABLE__COUNT) continue;
        bool sum = false;
        for (size_t k = 1; k < fd->nlocs && !sum; k++) sum = is_item(fd, k);
        n[nn++] = (node){i, sum, sum ? fd->expected - fd->actual : fd->actual - fd->expected, NONE};
    }
    reanchor(doc, f, n, nn);
    sort_by_depth(f, n, nn);

    /* 2. twins at one cell with one excess */
    for (size_t i = 0; i < nn; i++) {
        if (n[i].sum || n[i].root != NONE) continue;
        for (size_t j = i + 1; j < nn; j++) {
            if (n[j].sum || n[j].root != NONE || n[j].e != n[i].e) continue;
            if (same_row(&f->items[n[j].index].at, &f->items[n[i].index].at)) fold_into(f, n, j, i);
        }
    }
    /* 3. a twin that followed its children */
    for (size_t i = 0; i < nn; i++) {
        if (n[i].sum || n[i].root != NONE) continue;
        const ys_finding *c = &f->items[n[i].index];
        if (!c->at.code) continue;
        size_t lc = strlen(c->at.code), first_below = NONE;
        ys_money d = 0;
        for (size_t j = 0; j < nn; j++) {
            if (j == i || n[j].sum || n[j].root != NONE) continue;
            const ys_finding *r = &f->items[n[j].index];
            if (r->at.table != c->at.table || !r->at.code || strlen(r->at.code) <= lc ||
                strncmp(r->at.code, c->at.code, lc) != 0)
                continue;
            d += n[j].e;
            if (first_below == NONE) first_below = j;
        }
        if (first_below != NONE && d == n[i].e) fold_into(f, n, i, first_below);
    }
    /* 4. sums explained by their items (repeat: folding one may explain the next up the chain) */
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t i = 0; i < nn; i++) {
            if (!n[i].sum || n[i].root != NONE) continue;
            const ys_finding *b = &f->items[n[i].index];
            ys_money xi = 0, xs = 0;
            size_t culprit = NONE;
            for (size_t k = 1; k < b->nlocs; k++) {
                if (!is_item(b, k)) continue;
                bool dup = false;   /* an item row listed twice counts once */
                for (size_t q = 1; q < k && !dup; q++) dup = is_item(b, q) && same_row(&b->locs[q], &b->locs[k]);
                if (dup) continue;
                for (size_t j = 0; j < nn; j++) {
                    const ys_finding *t = &f->items[n[j].index];
                    if (j == i || !same_row(&t->at, &b->locs[k])) continue;
                    if (!n[j].sum) {
                        xi += n[j].e;
                        if (culprit == NONE) culprit = j;
                        break;
                    }
                    if (n[j].root != NONE && n[j].e == n[i].e && culprit == NONE) {
                        culprit = j;   /* up the chain: a folded subtotal with the same difference */
                        xi += n[i].e;
                        break;
                    }
                }
            }
            /* a mistyped row of this table whose true code is under this subtotal: an item missing */
            size_t lb = code_len(b);
            for (size_t q = 0; q < nrec && lb; q++)
                if (rec[q].table == b->at.table && strlen(rec[q].code) > lb && !strncmp(rec[q].code, b->at.code, lb) &&
                    strncmp(rec[q].printed, b->at.code, lb) != 0) {
                    xi -= rec[q].amount;
                    for (size_t j = 0; j < nn && culprit == NONE; j++)
                        if (f->items[n[j].index].at.table == rec[q].table && f->items[n[j].index].at.code &&
                            !strcmp(f->items[n[j].index].at.code, rec[q].printed) && !f->items[n[j].index].folded)
                            culprit = j;
                }
            for (size_t j = 0; j < nn; j++)
                if (j != i && !n[j].sum && same_row(&f->items[n[j].index].at, &b->at)) {
                    xs = n[j].e;
                    if (culprit == NONE) culprit = j;
                    break;
                }
            if (culprit != NONE && xi - xs == n[i].e) {
                fold_into(f, n, i, culprit);
                changed = true;
            }
        }
    }
    free(n);
    fold_shared(doc, f, first);
}
