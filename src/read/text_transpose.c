/*
 * text_transpose.c — tables printed sideways, turned back into the standard rows before the table stage
 * reads them (called by ys_text_read_tables, text_tables.c).
 *
 * Some localities print the 财政拨款“三公”经费 table transposed: the items are COLUMNS — 合计,
 * 因公出国(境)费, 公务用车购置及运行费 (often a group over 小计 / 购置费 / 运行费), 公务接待费, sometimes
 * 机关运行经费 beside them — and one row holds the amounts:
 *
 *     2023年部门“三公”经费和机关运行经费预算表
 *                 2023年“三公”经费预算数       公务用车购置及运行费
 *     合计   因公出国(境)费   公务接待费   小计   购置费   运行费   2023年机关运行经费预算数
 *            22.91           0           1.35    21.56   0       21.56    786.09
 *
 * ys_text_transpose_tables finds such a block under a three_public title (a header line naming two of the
 * three items or more in cells of their own, then a line of amounts only) and replaces it, in td->lines,
 * by the standard layout the template knows (项目 | 合计, then one line per item). The new item lines keep
 * the line number of the amounts line, so every source and diagnostic points at the printed amounts.
 * Cells that are no 三公 item (机关运行经费) are dropped. Nothing else is touched.
 */
#include <stdbool.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/text.h"
#include "read/text_internal.h"

enum { IT_NONE, IT_TOTAL, IT_ABROAD, IT_VEHICLE, IT_PURCHASE, IT_RUNNING, IT_RECEPTION, IT_OTHER, IT__COUNT };

/* Row names in the standard layout (as the sample prints them). */
static const char *const item_name[IT__COUNT] = {
    NULL, "合计", "一、因公出国(境)费", "二、公务用车购置及运行费", "其中：公务用车购置费", "公务用车运行费",
    "三、公务接待费", NULL,
};

/* A macro, so that ys_text_find sees the literal word (its length a constant, no strlen per call). */
#define has(key, w) (ys_text_find((key), (w)) != NULL)

/* The item a header cell names; vehicle_group: a group header 公务用车… stands over 小计/购置费/运行费. */
static int item_of(const char *key, bool vehicle_group)
{
    if (!*key) return IT_NONE;
    if (has(key, "机关运行")) return IT_OTHER;
    if (has(key, "因公出国")) return IT_ABROAD;
    if (has(key, "公务接待") || has(key, "接待费")) return IT_RECEPTION;
    bool buy = has(key, "购置"), run = has(key, "运行") || has(key, "运维");
    if (buy && run) return IT_VEHICLE;
    if (buy) return IT_PURCHASE;
    if (run) return IT_RUNNING;
    if (has(key, "公务用车")) return IT_VEHICLE;
    if (strcmp(key, "小计") == 0) return vehicle_group ? IT_VEHICLE : IT_TOTAL;
    if (strcmp(key, "合计") == 0 || strcmp(key, "总计") == 0 || has(key, "三公")) return IT_TOTAL;
    return IT_OTHER;
}

/* An amount as printed: 1,234.56  0  -12.5  (3.00)  - */
static bool amount_text(const char *s)
{
    if (strcmp(s, "-") == 0) return true;
    bool any = false;
    if (*s == '-' || *s == '(') s++;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9') any = true;
        else if (*s != ',' && *s != '.' && *s != ')' && *s != ' ') return false;
    }
    return any;
}

static bool amounts_line(const ys_tline *l)
{
    if (l->nfilled < 2) return false;
    for (size_t c = 0; c < l->ncells; c++)
        if (*l->cells[c].norm && !amount_text(l->cells[c].norm)) return false;
    return true;
}

/* A line made from text (as tdoc.c splits and normalises one). */
static ys_tline make_line(ys_arena *a, int lineno, const char *raw)
{
    ys_tline l = {0};
    l.lineno = lineno;
    l.raw = ys_arena_strdup(a, raw);
    size_t nc = 1;
    for (const char *p = raw; *p; p++) nc += *p == '\t';
    l.cells = ys_arena_calloc(a, nc, sizeof *l.cells);
    l.ncells = nc;
    char *copy = ys_arena_strdup(a, raw), *p = copy;
    ys_buf norm = YS_BUF_INIT;
    for (size_t c = 0; c < nc; c++) {
        char *q = c + 1 < nc ? strchr(p, '\t') : NULL;
        if (q) *q = '\0';
        l.cells[c].raw = p;
        l.cells[c].norm = ys_text_normalize(a, p, strlen(p));
        if (*l.cells[c].norm) l.nfilled++;
        if (c) ys_buf_addc(&norm, '\t');
        ys_buf_adds(&norm, l.cells[c].norm);
        p = q ? q + 1 : p + strlen(p);
    }
    l.norm = ys_arena_strdup(a, ys_buf_str(&norm));
    ys_buf_release(&norm);
    l.key = ys_text_key(a, l.norm);
    l.blank = l.nfilled == 0;
    return l;
}

/* A budget/final label of a 决算 pair line ("预算数 | 决算数" under each item): 1 budget, 2 final, 0 none. */
static int pair_label(const char *key)
{
    if (strcmp(key, "决算数") == 0) return 2;
    if (strcmp(key, "预算数") == 0 || strcmp(key, "年初预算数") == 0 || strcmp(key, "全年预算数") == 0 ||
        strcmp(key, "调整预算数") == 0)
        return 1;
    return 0;
}

/* A line of pair labels only (4 cells or more, both kinds present). */
static bool pair_line(const ys_tline *l, ys_arena *a)
{
    if (l->nfilled < 4) return false;
    bool b = false, f = false;
    for (size_t c = 0; c < l->ncells; c++) {
        if (!*l->cells[c].norm) continue;
        int k = pair_label(ys_text_key(a, l->cells[c].norm));
        if (!k) return false;
        if (k == 1) b = true;
        else f = true;
    }
    return b && f;
}

/* A sub-header of the vehicle group: text cells 小计 / 购置费 / 运行费 only (no amounts). */
static bool vehicle_subline(const ys_tline *l, ys_arena *a)
{
    if (l->nfilled < 2) return false;
    for (size_t c = 0; c < l->ncells; c++) {
        if (!*l->cells[c].norm) continue;
        int it = item_of(ys_text_key(a, l->cells[c].norm), true);
        if (it != IT_VEHICLE && it != IT_PURCHASE && it != IT_RUNNING) return false;
    }
    return true;
}

/* One sideways block: where its lines are and what follows the item header. */
typedef struct {
    size_t group;   /* first line replaced (a group line above the header, or the header) */
    size_t header;  /* the item header line */
    size_t sub;     /* vehicle sub-header line (小计 / 购置费 / 运行费), 0 = none */
    size_t pairs;   /* pair line (预算数 / 决算数 under each item), 0 = none */
    size_t amounts; /* the amounts line, 0 = none (an empty template) */
    size_t last;    /* last line replaced */
} block;

/* Is line i a header of sideways 三公 items under a three_public title? Fills *b. */
static bool sideways_at(const ys_tdoc *td, ys_arena *a, size_t i, block *b)
{
    const ys_tline *h = &td->lines[i];
    if (h->nfilled < 3) return false;
    /* the title is looked for first, alone: without one among the six lines above, the loop below
     * cannot set `title` (its title test does not depend on g), so the answer is false either way */
    bool any_title = false;
    for (size_t k = i; k > 0 && i - k < 6 && !any_title; k--) {
        const ys_tline *u = &td->lines[k - 1];
        any_title = u->nfilled == 1 && has(u->key, "三公") && has(u->key, "表");
    }
    if (!any_title) return false;
    bool title = false;
    size_t g = i;
    for (size_t k = i; k > 0 && i - k < 6 && !title; k--) {
        const ys_tline *u = &td->lines[k - 1];
        if (u->nfilled == 1 && has(u->key, "三公") && (has(u->key, "表"))) title = true;
        else if (!title && u->nfilled >= 1 && k == g && (has(u->key, "公务用车") || has(u->key, "三公")) &&
                 !amounts_line(u))
            g = k - 1;
    }
    if (!title) return false;
    bool vehicle_group = g < i;
    int seen[IT__COUNT] = {0};
    for (size_t c = 0; c < h->ncells; c++) {
        const char *key = ys_text_key(a, h->cells[c].norm);
        int it = item_of(key, vehicle_group);
        if (it == IT_NONE) continue;
        if (!amount_text(h->cells[c].norm)) seen[it]++;
    }
    int items = (seen[IT_ABROAD] > 0) + (seen[IT_RECEPTION] > 0) + (seen[IT_VEHICLE] || seen[IT_PURCHASE] || seen[IT_RUNNING]);
    if (items < 2) return false;
    *b = (block){g, i, 0, 0, 0, i};
    size_t k = i + 1;
    for (size_t step = 0; k < td->nlines && step < 4; k++) {
        const ys_tline *l = &td->lines[k];
        if (l->blank) {
            if (b->amounts || b->sub || b->pairs) break;
            continue;
        }
        step++;
        if (!b->sub && !b->pairs && !b->amounts && vehicle_subline(l, a)) b->sub = b->last = k;
        else if (!b->pairs && !b->amounts && pair_line(l, a)) b->pairs = b->last = k;
        else if (!b->amounts && amounts_line(l)) {
            b->amounts = b->last = k;
            break;
        } else break;
    }
    /* without amounts the block is an empty template: only when nothing but a blank, a note or the end
     * follows (a header line whose amounts are missing for another reason is left alone) */
    if (!b->amounts) {
        if (k < td->nlines && !td->lines[k].blank && td->lines[k].nfilled > 1) return false;
    }
    return true;
}

/* The items of the header by column (sub-header cells override the header cell above them). */
static size_t header_items(const ys_tdoc *td, ys_arena *a, const block *b, int *pos, int *item, size_t max)
{
    const ys_tline *h = &td->lines[b->header];
    const ys_tline *s = b->sub ? &td->lines[b->sub] : NULL;
    bool vehicle_group = b->group < b->header || s;
    size_t width = h->ncells > (s ? s->ncells : 0) ? h->ncells : s->ncells, n = 0;
    bool total = false;
    for (size_t c = 0; c < width && n < max; c++) {
        const char *cell = s && c < s->ncells && *s->cells[c].norm ? s->cells[c].norm
                           : c < h->ncells                         ? h->cells[c].norm
                                                                   : "";
        if (!*cell || amount_text(cell)) continue;
        const char *key = ys_text_key(a, cell);
        int it = item_of(key, vehicle_group || total);
        /* a group title ("财政拨款“三公”经费") printed into the item line is no column of its own */
        if (it == IT_TOTAL && total && has(key, "三公")) continue;
        if (it == IT_TOTAL) total = true;
        pos[n] = (int)c;
        item[n++] = it;
    }
    return n;
}

void ys_text_transpose_tables(ys_tdoc *td)
{
    ys_arena *a = td->doc->arena;
    for (size_t i = 1; i < td->nlines; i++) {
        block b;
        if (!sideways_at(td, a, i, &b)) continue;
        int pos[64], item[64];
        size_t ni = header_items(td, a, &b, pos, item, 64);
        const ys_tline *v = b.amounts ? &td->lines[b.amounts] : NULL;
        const char *av[64];
        int avpos[64];
        size_t nv = 0;
        for (size_t c = 0; v && c < v->ncells && nv < 64; c++)
            if (*v->cells[c].norm) {
                avpos[nv] = (int)c;
                av[nv++] = v->cells[c].norm;
            }
        /* pairs: val[it][0] budget, val[it][1] final; single amounts in val[it][0] */
        const char *val[IT__COUNT][2] = {{0}};
        bool have[IT__COUNT] = {0};
        bool pairs = false;
        if (b.pairs) {
            const ys_tline *pl = &td->lines[b.pairs];
            int lab[128];
            size_t np = 0;
            for (size_t c = 0; c < pl->ncells && np < 128; c++)
                if (*pl->cells[c].norm) lab[np++] = pair_label(ys_text_key(a, pl->cells[c].norm));
            if (np == 2 * ni && (!v || nv == np)) {
                pairs = true;
                for (size_t k = 0; k < ni; k++) {
                    int it = item[k];
                    if (it == IT_NONE || have[it]) continue;
                    have[it] = true;
                    for (size_t j = 0; j < 2; j++) {
                        size_t q = 2 * k + j;
                        val[it][lab[q] == 2] = v ? av[q] : "";
                    }
                }
            }
        }
        if (!pairs) {
            if (v && nv == ni) {
                for (size_t k = 0; k < ni; k++)
                    if (!have[item[k]]) {
                        have[item[k]] = true;
                        val[item[k]][0] = av[k];
                    }
            } else {
                for (size_t k = 0; k < ni; k++) {
                    int it = item[k];
                    if (have[it]) continue;
                    const char *x = v ? "" : "";
                    bool found = !v;
                    for (size_t q = 0; q < nv; q++)
                        if (avpos[q] == pos[k]) {
                            x = av[q];
                            found = true;
                        }
                    if (!found) continue;
                    have[it] = true;
                    val[it][0] = x;
                }
            }
        }
        /* the new block: 项目 | 合计 (or 项目 | 年初预算数 | 决算数), then the items in the standard order */
        ys_tline repl[IT__COUNT + 1];
        size_t nr = 0;
        int at = v ? v->lineno : td->lines[b.header].lineno;
        repl[nr++] = make_line(a, td->lines[b.header].lineno, pairs ? "项目\t年初预算数\t决算数" : "项目\t合计");
        static const int order[] = {IT_TOTAL, IT_ABROAD, IT_VEHICLE, IT_PURCHASE, IT_RUNNING, IT_RECEPTION};
        for (size_t k = 0; k < sizeof order / sizeof *order; k++) {
            int it = order[k];
            if (!have[it]) continue;
            char *t = pairs ? ys_arena_printf(a, "%s\t%s\t%s", item_name[it], val[it][0] ? val[it][0] : "",
                                              val[it][1] ? val[it][1] : "")
                            : ys_arena_printf(a, "%s\t%s", item_name[it], val[it][0] ? val[it][0] : "");
            repl[nr++] = make_line(a, at, t);
        }
        /* lines [group, last] become repl[0..nr) */
        size_t g = b.group, am = b.last;
        size_t removed = am - g + 1, n2 = td->nlines - removed + nr;
        ys_tline *nl = ys_arena_calloc(a, n2, sizeof *nl);
        unsigned char *cl = ys_arena_calloc(a, n2 ? n2 : 1, 1);
        memcpy(nl, td->lines, g * sizeof *nl);
        memcpy(cl, td->claimed, g);
        memcpy(nl + g, repl, nr * sizeof *nl);
        memcpy(nl + g + nr, td->lines + am + 1, (td->nlines - am - 1) * sizeof *nl);
        memcpy(cl + g + nr, td->claimed + am + 1, td->nlines - am - 1);
        td->lines = nl;
        td->claimed = cl;
        td->nlines = n2;
        i = g + nr;
    }
}
