/*
 * test_example.c — the example budget book examples/zhaoxian-hrss-2024/book/ against the published
 * document it was inferred from (examples/zhaoxian-hrss-2024/published.txt).
 *
 * The book must reproduce every cell of the nine standard tables (summary, income, expense,
 * fiscal_summary, gpb_expense, gpb_basic, gov_fund, soe_capital, three_public) and the 40 projects, except
 * the cells listed in ALLOWED below — the same list as the table "Cells that differ" of the example's
 * README.md, where each is explained. Nothing else may differ, and every listed difference must still
 * occur (so the list and the README stay exact).
 *
 * Two checks use that one list:
 *  - test_lines_sum: the book's lines.tsv and projects.tsv summed here, by a small independent reading
 *    of the TSV (the sums of docs/BOOK.md: function code × kind, economic code × kind, the "三公" rows from
 *    economic codes and tags), compared with the published tables. It needs neither the book reader
 *    nor derive, so it guards the book itself.
 *  - test_derived: the book read with ys_book_read and turned into a disclosure with ys_derive, every
 *    cell of the nine derived tables and every project compared with the published document. While
 *    src/read/book.c or src/derive/derive.c do not exist yet (compile time), or when reading or deriving
 *    returns an error, the test is skipped with a message.
 *
 * Run from the repository root (make unit does); YUSUAN_DATA is set to ./data.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "catalog/catalog.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/diag.h"
#include "core/money.h"
#include "core/text.h"
#include "model/disclosure.h"
#include "read/read.h"

#include "derive/derive.h"
#include "read/book.h"

#define PUBLISHED "examples/zhaoxian-hrss-2024/published.txt"
#define BOOK "examples/zhaoxian-hrss-2024/book"
#define LAYOUT "data/templates/layout-hebei-county-2024.tsv"

/* ---- the cells allowed to differ (README.md, "Cells that differ") ------------------------------------ */

typedef struct {
    const char *table;      /* table id, or "project" */
    const char *row;        /* code, or the printed row name (三公 rows), or the 项目编码 */
    const char *col;        /* column key, or for projects: budget, fiscal, 3月底 … 12月底 */
    const char *published;  /* "" = empty cell */
    const char *book;
} allowed_diff;

static const allowed_diff ALLOWED[] = {
    /* income 2080102 contradicts expense and gpb_expense (154.50) and its own 20801 hierarchy. */
    {"income", "2080102", "total", "161.20", "154.50"},
    {"income", "2080102", "subtotal", "161.20", "154.50"},
    {"income", "2080102", "fiscal", "161.20", "154.50"},
    /* the 302 items add up to 123.50, not 124.40: 差旅费 2.30 read as the transposition of 3.20. */
    {"gpb_basic", "30211", "total", "2.30", "3.20"},
    {"gpb_basic", "30211", "public", "2.30", "3.20"},
    /* 三公 合计 printed blank: 小计 11.10 + 会议费 1.50 + 培训费 3.50. */
    {"three_public", "合计", "total", "", "16.10"},
    {"three_public", "合计", "gpb", "", "16.10"},
    /* 会议费 1.50 printed under both 其中 rows: it is all 其他会议费 (no 省属高校 meetings in a county). */
    {"three_public", "其中:省属高校业务性会议费", "total", "1.50", ""},
    {"three_public", "其中:省属高校业务性会议费", "gpb", "1.50", ""},
    /* Σ projects 32619.37 vs 项目支出 32619.38: the 0.01 goes to the largest 事业运行 project. */
    {"project", "13013324P00068910753Y", "budget", "2708.67", "2708.68"},
    {"project", "13013324P00068910753Y", "fiscal", "2708.67", "2708.68"},
    {"project", "13013324P00068910753Y", "12月底", "2708.67", "2708.68"},
    /* schedule points missing in the published tables, completed. */
    {"project", "13013324P00068910538N", "12月底", "", "7.24"},
    {"project", "13013324P00068810021D", "10月底", "", "12.44"},
    {"project", "13013324P00068910031Y", "12月底", "", "1000.00"},
};
#define NALLOWED (sizeof ALLOWED / sizeof ALLOWED[0])

/* ---- collecting differences ---------------------------------------------------------------------------- */

typedef struct {
    bool seen[sizeof ALLOWED / sizeof ALLOWED[0]];
    ys_buf unexpected;      /* one line per difference not in ALLOWED */
    size_t nunexpected;
    size_t ncompared;
} diffs;

static void diffs_init(diffs *d)
{
    memset(d, 0, sizeof *d);
    ys_buf_init(&d->unexpected);
}

static ys_money allowed_money(const char *s)
{
    ys_money v = 0;
    if (!*s) return 0;
    if (ys_money_parse(s, strlen(s), YS_UNIT_WANYUAN, &v, NULL) != YS_MONEY_OK) fail_msg("bad amount %s", s);
    return v;
}

static void fmt(ys_money v, char *buf)
{
    if (v == 0) {
        buf[0] = '\0';
        return;
    }
    ys_money_format(v, YS_UNIT_WANYUAN, 2, buf, YS_MONEY_BUFSZ);
}

/* Compare one money cell: published (empty = 0) against the book's value. */
static void diffs_money(diffs *d, const char *table, const char *row, const char *col, ys_money published,
                        ys_money book)
{
    d->ncompared++;
    if (published == book) return;
    for (size_t i = 0; i < NALLOWED; i++) {
        const allowed_diff *a = &ALLOWED[i];
        if (strcmp(a->table, table) == 0 && ys_text_same(a->row, row) && strcmp(a->col, col) == 0 &&
            allowed_money(a->published) == published && allowed_money(a->book) == book) {
            d->seen[i] = true;
            return;
        }
    }
    char p[YS_MONEY_BUFSZ], b[YS_MONEY_BUFSZ];
    fmt(published, p);
    fmt(book, b);
    ys_buf_printf(&d->unexpected, "  %s | %s | %s | published \"%s\" | book \"%s\"\n", table, row, col, p, b);
    d->nunexpected++;
}

/* Compare one text cell (names, labels, indicators) by comparison key. */
static void diffs_text(diffs *d, const char *table, const char *row, const char *col, const char *published,
                       const char *book)
{
    d->ncompared++;
    if (ys_text_same(published ? published : "", book ? book : "")) return;
    ys_buf_printf(&d->unexpected, "  %s | %s | %s | published \"%s\" | book \"%s\"\n", table, row, col,
                  published ? published : "", book ? book : "");
    d->nunexpected++;
}

/* Every difference must be listed, and every listed one must occur. */
static void diffs_finish(diffs *d, const char *what)
{
    ys_buf missing;
    ys_buf_init(&missing);
    size_t nmissing = 0;
    for (size_t i = 0; i < NALLOWED; i++) {
        if (d->seen[i]) continue;
        ys_buf_printf(&missing, "  %s | %s | %s | %s → %s\n", ALLOWED[i].table, ALLOWED[i].row, ALLOWED[i].col,
                      ALLOWED[i].published, ALLOWED[i].book);
        nmissing++;
    }
    if (d->nunexpected || nmissing)
        fprintf(stderr, "%s: %zu cells compared; %zu differ without being listed:\n%s"
                        "%zu listed differences do not occur:\n%s",
                what, d->ncompared, d->nunexpected, ys_buf_str(&d->unexpected), nmissing, ys_buf_str(&missing));
    size_t nu = d->nunexpected;
    ys_buf_release(&d->unexpected);
    ys_buf_release(&missing);
    assert_int_equal(nu, 0);
    assert_int_equal(nmissing, 0);
    assert_true(d->ncompared > 500);
}

/* ---- the published document ------------------------------------------------------------------------------ */

static ys_disclosure *published;

static int setup(void **state)
{
    (void)state;
    setenv("YUSUAN_DATA", "data", 1);
    ys_diags dg;
    ys_diags_init(&dg);
    ys_status st = ys_read_text_file(PUBLISHED, &published, &dg);
    ys_diags_release(&dg);
    return st == YS_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    ys_disclosure_free(published);
    return 0;
}

static const ys_table *pub_table(ys_table_id id)
{
    const ys_table *t = ys_disclosure_table(published, id);
    if (!t) fail_msg("published table %s missing", ys_table_id_name(id));
    return t;
}

static const ys_table_id NINE[] = {YS_TABLE_SUMMARY,     YS_TABLE_INCOME,      YS_TABLE_EXPENSE,
                                   YS_TABLE_FISCAL_SUMMARY, YS_TABLE_GPB_EXPENSE, YS_TABLE_GPB_BASIC,
                                   YS_TABLE_GOV_FUND,    YS_TABLE_SOE_CAPITAL, YS_TABLE_THREE_PUBLIC};

/* A one-sided row's identity: its code, else its name. */
static const char *row_id(const ys_row *r)
{
    return r->code && *r->code ? r->code : r->name;
}

static bool two_sided(ys_table_id id)
{
    return id == YS_TABLE_SUMMARY || id == YS_TABLE_FISCAL_SUMMARY;
}

/* ---- a small independent reading of the book's TSV files ------------------------------------------------- */

typedef struct {
    char **cells;    /* fields of one row (pointers into the file's buffer) */
    size_t n;
} tsv_row;

typedef struct {
    char *text;      /* the whole file, fields split in place */
    tsv_row *rows;   /* rows[0] is the header; comments and blank lines skipped */
    size_t nrows;
} tsv;

static void tsv_load(tsv *t, const char *path)
{
    memset(t, 0, sizeof *t);
    size_t n = 0;
    ys_diags dg;
    ys_diags_init(&dg);
    ys_status st = ys_read_file(path, &t->text, &n, &dg);
    ys_diags_release(&dg);
    if (st != YS_OK) fail_msg("cannot read %s", path);
    char *p = t->text;
    while (p && *p) {
        char *eol = strchr(p, '\n');
        if (eol) *eol = '\0';
        size_t len = strlen(p);
        if (len && p[len - 1] == '\r') p[--len] = '\0';
        if (len && p[0] != '#') {
            t->rows = realloc(t->rows, (t->nrows + 1) * sizeof *t->rows);
            assert_non_null(t->rows);
            tsv_row *r = &t->rows[t->nrows++];
            r->n = 1;
            for (char *q = p; *q; q++)
                if (*q == '\t') r->n++;
            r->cells = calloc(r->n, sizeof *r->cells);
            assert_non_null(r->cells);
            size_t k = 0;
            r->cells[k++] = p;
            for (char *q = p; *q; q++)
                if (*q == '\t') {
                    *q = '\0';
                    r->cells[k++] = q + 1;
                }
        }
        p = eol ? eol + 1 : NULL;
    }
    assert_true(t->nrows >= 1);
}

static void tsv_free(tsv *t)
{
    for (size_t i = 0; i < t->nrows; i++) free(t->rows[i].cells);
    free(t->rows);
    free(t->text);
}

/* Column index by header name; fails when absent. */
static size_t tsv_col(const tsv *t, const char *name)
{
    for (size_t i = 0; i < t->rows[0].n; i++)
        if (strcmp(t->rows[0].cells[i], name) == 0) return i;
    fail_msg("column %s missing", name);
    return 0;
}

static const char *tsv_get(const tsv_row *r, size_t col)
{
    return col < r->n ? r->cells[col] : "";
}

typedef struct {
    const char *unit, *function, *economic, *kind, *project, *tag;
    ys_money amount;
} line;

typedef struct {
    tsv file;
    line *lines;
    size_t n;
} book_lines;

static void lines_load(book_lines *bl)
{
    tsv_load(&bl->file, BOOK "/lines.tsv");
    const tsv *t = &bl->file;
    size_t cu = tsv_col(t, "unit"), cf = tsv_col(t, "function"), ce = tsv_col(t, "economic"),
           cfund = tsv_col(t, "fund"), cc = tsv_col(t, "carryover"), ck = tsv_col(t, "kind"),
           cp = tsv_col(t, "project"), ca = tsv_col(t, "amount"), ct = tsv_col(t, "tag");
    bl->n = t->nrows - 1;
    bl->lines = calloc(bl->n, sizeof *bl->lines);
    assert_non_null(bl->lines);
    for (size_t i = 0; i < bl->n; i++) {
        const tsv_row *r = &t->rows[i + 1];
        line *l = &bl->lines[i];
        l->unit = tsv_get(r, cu);
        l->function = tsv_get(r, cf);
        l->economic = tsv_get(r, ce);
        l->kind = tsv_get(r, ck);
        l->project = tsv_get(r, cp);
        l->tag = tsv_get(r, ct);
        const char *a = tsv_get(r, ca);
        if (ys_money_parse(a, strlen(a), YS_UNIT_WANYUAN, &l->amount, NULL) != YS_MONEY_OK)
            fail_msg("lines.tsv row %zu: bad amount %s", i + 2, a);
        /* The whole example is this year's 一般公共预算 money. */
        assert_string_equal(tsv_get(r, cfund), "一般公共预算");
        assert_string_equal(tsv_get(r, cc), "");
        assert_int_equal(strlen(l->function), 7);
        assert_int_equal(strlen(l->economic), 5);
    }
}

static void lines_free(book_lines *bl)
{
    free(bl->lines);
    tsv_free(&bl->file);
}

static bool is_basic(const line *l)
{
    return strcmp(l->kind, "基本人员") == 0 || strcmp(l->kind, "基本公用") == 0;
}

/* Σ lines whose function code starts with prefix ("" = all), of the kinds a column of the function
 * tables sums (total, subtotal, fiscal: all; basic; project). */
static ys_money sum_function(const book_lines *bl, const char *prefix, const char *colkey)
{
    ys_money s = 0;
    size_t n = strlen(prefix);
    bool all = !strcmp(colkey, "total") || !strcmp(colkey, "subtotal") || !strcmp(colkey, "fiscal") ||
               !strcmp(colkey, "out_total") || !strcmp(colkey, "out_gpb") || !strcmp(colkey, "out_amount");
    for (size_t i = 0; i < bl->n; i++) {
        const line *l = &bl->lines[i];
        if (strncmp(l->function, prefix, n) != 0) continue;
        if (all || (!strcmp(colkey, "basic") && is_basic(l)) ||
            (!strcmp(colkey, "project") && strcmp(l->kind, "项目") == 0))
            s += l->amount;
    }
    return s;
}

/* Σ basic lines whose economic code starts with prefix, column total / personnel / public. */
static ys_money sum_economic(const book_lines *bl, const char *prefix, const char *colkey)
{
    ys_money s = 0;
    size_t n = strlen(prefix);
    for (size_t i = 0; i < bl->n; i++) {
        const line *l = &bl->lines[i];
        if (!is_basic(l) || strncmp(l->economic, prefix, n) != 0) continue;
        if (!strcmp(colkey, "total") || (!strcmp(colkey, "personnel") && !strcmp(l->kind, "基本人员")) ||
            (!strcmp(colkey, "public") && !strcmp(l->kind, "基本公用")))
            s += l->amount;
    }
    return s;
}

/* Σ lines of one economic code (basic and project), optionally only those with tag. */
static ys_money sum_code(const book_lines *bl, const char *economic, const char *tag)
{
    ys_money s = 0;
    for (size_t i = 0; i < bl->n; i++) {
        const line *l = &bl->lines[i];
        if (strcmp(l->economic, economic) == 0 && (!tag || strcmp(l->tag, tag) == 0)) s += l->amount;
    }
    return s;
}

/* The layout's 类 code of a function-class label of the two-sided tables; NULL when none. */
static const char *class_of_label(const tsv *layout, const char *label)
{
    for (size_t i = 0; i < layout->nrows; i++) {
        const tsv_row *r = &layout->rows[i];
        if (r->n >= 3 && strcmp(r->cells[0], "class") == 0 && *r->cells[1] && ys_text_same(r->cells[2], label))
            return r->cells[1];
    }
    return NULL;
}

/* The layout's 三公 item ("total", "meeting_tag:省属高校业务性会议" …) of a printed row name. */
static const char *three_public_item(const tsv *layout, const char *name)
{
    for (size_t i = 0; i < layout->nrows; i++) {
        const tsv_row *r = &layout->rows[i];
        if (r->n >= 3 && strcmp(r->cells[0], "three_public") == 0 && ys_text_same(r->cells[2], name))
            return r->cells[1];
    }
    fail_msg("三公 row %s not in the layout", name);
    return "";
}

static ys_money three_public_value(const book_lines *bl, const char *item)
{
    ys_money abroad = sum_code(bl, "30212", NULL), car_buy = sum_code(bl, "31013", NULL),
             car_run = sum_code(bl, "30231", NULL), reception = sum_code(bl, "30217", NULL),
             meeting = sum_code(bl, "30215", NULL), training = sum_code(bl, "30216", NULL);
    ys_money subtotal = abroad + car_buy + car_run + reception;
    if (!strcmp(item, "total")) return subtotal + meeting + training;
    if (!strcmp(item, "subtotal")) return subtotal;
    if (!strcmp(item, "abroad")) return abroad;
    if (!strncmp(item, "abroad_tag:", 11)) return sum_code(bl, "30212", item + 11);
    if (!strcmp(item, "abroad_rest")) return abroad - sum_code(bl, "30212", "教学科研人员");
    if (!strcmp(item, "car")) return car_buy + car_run;
    if (!strcmp(item, "car_buy")) return car_buy;
    if (!strcmp(item, "car_run")) return car_run;
    if (!strcmp(item, "reception")) return reception;
    if (!strcmp(item, "meeting")) return meeting;
    if (!strncmp(item, "meeting_tag:", 12)) return sum_code(bl, "30215", item + 12);
    if (!strcmp(item, "meeting_rest")) return meeting - sum_code(bl, "30215", "省属高校业务性会议");
    if (!strcmp(item, "training")) return training;
    fail_msg("unknown 三公 item %s", item);
    return 0;
}

/* The book's value of a money cell of a published two-sided row, side by side. `nth_gpb` counts the
 * 一般公共预算 income labels seen so far (the second one is 年初结转: zero). */
static ys_money two_sided_value(const book_lines *bl, const tsv *layout, const ys_table *t, const ys_row *r,
                                const char *colkey, int *nth_gpb)
{
    ys_money total = sum_function(bl, "", "total");
    if (!strcmp(colkey, "in_amount")) {
        const ys_cell *c = ys_row_cell(t, r, "in_item");
        const char *label = c && c->text ? c->text : "";
        if (strstr(label, "一般公共预算")) return (*nth_gpb)++ == 0 ? total : 0;
        if (ys_text_same(label, "本年收入合计") || ys_text_same(label, "收入总计")) return total;
        return 0;
    }
    if (!strcmp(colkey, "out_gov_fund") || !strcmp(colkey, "out_soe")) return 0;
    const ys_cell *c = ys_row_cell(t, r, "out_item");
    const char *label = c && c->text ? c->text : "";
    if (ys_text_same(label, "本年支出合计") || ys_text_same(label, "支出总计")) return total;
    const char *cls = class_of_label(layout, label);
    return cls ? sum_function(bl, cls, colkey) : 0;
}

/* ---- test 1: the book's lines summed here ---------------------------------------------------------------- */

static void compare_projects_with_lines(diffs *d, const book_lines *bl)
{
    tsv pt;
    tsv_load(&pt, BOOK "/projects.tsv");
    size_t cc = tsv_col(&pt, "code"), cn = tsv_col(&pt, "name");
    const char *labels[] = {"3月底", "6月底", "10月底", "12月底"};
    size_t cs[] = {tsv_col(&pt, "plan_3"), tsv_col(&pt, "plan_6"), tsv_col(&pt, "plan_10"), tsv_col(&pt, "plan_12")};
    assert_int_equal(pt.nrows - 1, published->nprojects);
    assert_int_equal(published->nprojects, 40);
    for (size_t i = 0; i < published->nprojects; i++) {
        const ys_project *p = &published->projects[i];
        const tsv_row *r = &pt.rows[i + 1];
        diffs_text(d, "project", p->code, "code", p->code, tsv_get(r, cc));
        diffs_text(d, "project", p->code, "name", p->name, tsv_get(r, cn));
        ys_money budget = 0;
        for (size_t k = 0; k < bl->n; k++)
            if (strcmp(bl->lines[k].project, p->code) == 0) budget += bl->lines[k].amount;
        diffs_money(d, "project", p->code, "budget", ys_cell_money(&p->budget), budget);
        diffs_money(d, "project", p->code, "fiscal", ys_cell_money(&p->fiscal), budget);
        for (size_t k = 0; k < 4; k++) {
            ys_money pv = 0, bv = 0;
            for (size_t s = 0; s < p->nschedule; s++)
                if (strcmp(p->schedule[s].label, labels[k]) == 0) pv = ys_cell_money(&p->schedule[s].value);
            const char *txt = tsv_get(r, cs[k]);
            if (ys_money_parse(txt, strlen(txt), YS_UNIT_WANYUAN, &bv, NULL) != YS_MONEY_OK)
                fail_msg("projects.tsv %s: bad %s", p->code, labels[k]);
            diffs_money(d, "project", p->code, labels[k], pv, bv);
        }
        /* the schedule (money) ends at the budget */
        ys_money last = 0;
        const char *txt = tsv_get(r, cs[3]);
        assert_int_equal(ys_money_parse(txt, strlen(txt), YS_UNIT_WANYUAN, &last, NULL), YS_MONEY_OK);
        assert_true(last == budget);
    }
    /* every project line names a project of the book */
    for (size_t k = 0; k < bl->n; k++) {
        if (!*bl->lines[k].project) continue;
        bool found = false;
        for (size_t i = 1; i < pt.nrows && !found; i++) found = !strcmp(tsv_get(&pt.rows[i], cc), bl->lines[k].project);
        if (!found) fail_msg("line of unknown project %s", bl->lines[k].project);
    }
    tsv_free(&pt);
}

static void test_lines_sum(void **state)
{
    (void)state;
    book_lines bl;
    lines_load(&bl);
    tsv layout;
    tsv_load(&layout, LAYOUT);
    diffs d;
    diffs_init(&d);
    for (size_t ti = 0; ti < sizeof NINE / sizeof NINE[0]; ti++) {
        const ys_table *t = pub_table(NINE[ti]);
        const char *tid = ys_table_id_name(t->id);
        int nth_gpb = 0;
        for (size_t ri = 0; ri < t->nrows; ri++) {
            const ys_row *r = &t->rows[ri];
            int nth_before = nth_gpb;
            for (size_t ci = 0; ci < t->ncols; ci++) {
                const ys_column *col = &t->cols[ci];
                if (col->kind != YS_COL_MONEY) continue;
                ys_money pub = ys_cell_money(&r->cells[ci]), book = 0;
                const char *rid = row_id(r);
                if (two_sided(t->id)) {
                    int n = nth_before;
                    book = two_sided_value(&bl, &layout, t, r, col->key, &n);
                    if (!strcmp(col->key, "in_amount")) nth_gpb = n;
                    const ys_cell *lab = ys_row_cell(t, r, strncmp(col->key, "in_", 3) == 0 ? "in_item" : "out_item");
                    rid = lab && lab->text ? lab->text : "";
                } else if (t->id == YS_TABLE_GPB_BASIC) {
                    book = sum_economic(&bl, r->code ? r->code : "", col->key);
                } else if (t->id == YS_TABLE_THREE_PUBLIC) {
                    book = !strcmp(col->key, "total") || !strcmp(col->key, "gpb")
                               ? three_public_value(&bl, three_public_item(&layout, r->name))
                               : 0;
                } else if (t->id == YS_TABLE_GOV_FUND || t->id == YS_TABLE_SOE_CAPITAL) {
                    book = 0;
                } else {
                    book = sum_function(&bl, r->code ? r->code : "", col->key);
                }
                diffs_money(&d, tid, rid, col->key, pub, book);
            }
        }
    }
    /* every function and economic code of the book has its published row */
    for (size_t k = 0; k < bl.n; k++) {
        assert_non_null(ys_table_find_code(pub_table(YS_TABLE_EXPENSE), bl.lines[k].function));
        if (is_basic(&bl.lines[k])) assert_non_null(ys_table_find_code(pub_table(YS_TABLE_GPB_BASIC), bl.lines[k].economic));
    }
    compare_projects_with_lines(&d, &bl);
    diffs_finish(&d, "book lines summed");
    tsv_free(&layout);
    lines_free(&bl);
}

/* ---- test 2: the book read and derived by yusuan --------------------------------------------------------- */


static const ys_row *find_row(const ys_table *t, const ys_row *like)
{
    if (!t) return NULL;
    for (size_t i = 0; i < t->nrows; i++) {
        const ys_row *r = &t->rows[i];
        if (like->code && *like->code) {
            if (r->code && strcmp(r->code, like->code) == 0) return r;
        } else if ((!r->code || !*r->code) && ys_text_same(r->name ? r->name : "", like->name ? like->name : "")) {
            return r;
        }
    }
    return NULL;
}

/* One side of a two-sided table: the money of the nth row whose label (key) equals label. */
static const ys_row *find_label(const ys_table *t, const char *labkey, const char *label, int nth)
{
    if (!t) return NULL;
    for (size_t i = 0; i < t->nrows; i++) {
        const ys_cell *c = ys_row_cell(t, &t->rows[i], labkey);
        if (c && c->text && *c->text && ys_text_same(c->text, label) && nth-- == 0) return &t->rows[i];
    }
    return NULL;
}

static int label_occurrence(const ys_table *t, size_t upto, const char *labkey, const char *label)
{
    int n = 0;
    for (size_t i = 0; i < upto; i++) {
        const ys_cell *c = ys_row_cell(t, &t->rows[i], labkey);
        if (c && c->text && ys_text_same(c->text, label)) n++;
    }
    return n;
}

static void compare_two_sided(diffs *d, const ys_table *pub, const ys_table *der)
{
    const char *tid = ys_table_id_name(pub->id);
    for (size_t ri = 0; ri < pub->nrows; ri++) {
        const ys_row *r = &pub->rows[ri];
        for (size_t ci = 0; ci < pub->ncols; ci++) {
            const ys_column *col = &pub->cols[ci];
            if (col->kind != YS_COL_MONEY) continue;
            const char *labkey = strncmp(col->key, "in_", 3) == 0 ? "in_item" : "out_item";
            const ys_cell *lab = ys_row_cell(pub, r, labkey);
            const char *label = lab && lab->text ? lab->text : "";
            ys_money pv = ys_cell_money(&r->cells[ci]);
            if (!*label) {
                diffs_money(d, tid, "(no label)", col->key, pv, 0);
                continue;
            }
            const ys_row *dr = find_label(der, labkey, label, label_occurrence(pub, ri, labkey, label));
            if (!dr) diffs_text(d, tid, label, labkey, label, "(row missing)");
            diffs_money(d, tid, label, col->key, pv, dr ? ys_cell_money(ys_row_cell(der, dr, col->key)) : 0);
        }
    }
    /* derived rows with money that the published table does not have */
    for (size_t ri = 0; der && ri < der->nrows; ri++)
        for (int side = 0; side < 2; side++) {
            const char *labkey = side ? "out_item" : "in_item";
            const ys_cell *lab = ys_row_cell(der, &der->rows[ri], labkey);
            if (!lab || !lab->text || !*lab->text) continue;
            if (find_label(pub, labkey, lab->text, label_occurrence(der, ri, labkey, lab->text))) continue;
            for (size_t ci = 0; ci < der->ncols; ci++)
                if (der->cols[ci].kind == YS_COL_MONEY && strncmp(der->cols[ci].key, side ? "out_" : "in_", side ? 4 : 3) == 0)
                    diffs_money(d, tid, lab->text, der->cols[ci].key, 0, ys_cell_money(&der->rows[ri].cells[ci]));
        }
}

static void compare_one_sided(diffs *d, const ys_table *pub, const ys_table *der)
{
    const char *tid = ys_table_id_name(pub->id);
    for (size_t ri = 0; ri < pub->nrows; ri++) {
        const ys_row *r = &pub->rows[ri];
        const ys_row *dr = find_row(der, r);
        if (dr && r->code && *r->code) diffs_text(d, tid, r->code, "name", r->name, dr->name);
        for (size_t ci = 0; ci < pub->ncols; ci++) {
            const ys_column *col = &pub->cols[ci];
            if (col->kind != YS_COL_MONEY) continue;
            ys_money bv = dr ? ys_cell_money(ys_row_cell(der, dr, col->key)) : 0;
            diffs_money(d, tid, row_id(r), col->key, ys_cell_money(&r->cells[ci]), bv);
        }
    }
    for (size_t ri = 0; der && ri < der->nrows; ri++) {
        const ys_row *dr = &der->rows[ri];
        if (find_row(pub, dr)) continue;
        for (size_t ci = 0; ci < der->ncols; ci++)
            if (der->cols[ci].kind == YS_COL_MONEY)
                diffs_money(d, tid, row_id(dr), der->cols[ci].key, 0, ys_cell_money(&dr->cells[ci]));
    }
}

static void compare_projects(diffs *d, const ys_disclosure *der)
{
    assert_int_equal(der->nprojects, published->nprojects);
    for (size_t i = 0; i < published->nprojects; i++) {
        const ys_project *p = &published->projects[i];
        const ys_project *q = NULL;
        for (size_t k = 0; k < der->nprojects && !q; k++)
            if (der->projects[k].code && strcmp(der->projects[k].code, p->code) == 0) q = &der->projects[k];
        if (!q) {
            diffs_text(d, "project", p->code, "code", p->code, "(missing)");
            continue;
        }
        diffs_text(d, "project", p->code, "name", p->name, q->name);
        diffs_text(d, "project", p->code, "purpose", p->purpose, q->purpose);
        diffs_text(d, "project", p->code, "goal", p->goal, q->goal);
        diffs_money(d, "project", p->code, "budget", ys_cell_money(&p->budget), ys_cell_money(&q->budget));
        diffs_money(d, "project", p->code, "fiscal", ys_cell_money(&p->fiscal), ys_cell_money(&q->fiscal));
        diffs_money(d, "project", p->code, "other", ys_cell_money(&p->other), ys_cell_money(&q->other));
        const char *labels[] = {"3月底", "6月底", "10月底", "12月底"};
        for (size_t k = 0; k < 4; k++) {
            ys_money pv = 0, qv = 0;
            for (size_t s = 0; s < p->nschedule; s++)
                if (ys_text_same(p->schedule[s].label, labels[k])) pv = ys_cell_money(&p->schedule[s].value);
            for (size_t s = 0; s < q->nschedule; s++)
                if (ys_text_same(q->schedule[s].label, labels[k])) qv = ys_cell_money(&q->schedule[s].value);
            diffs_money(d, "project", p->code, labels[k], pv, qv);
        }
        assert_int_equal(q->nindicators, p->nindicators);
        for (size_t k = 0; k < p->nindicators; k++) {
            const ys_indicator *a = &p->indicators[k], *b = &q->indicators[k];
            diffs_text(d, "project", p->code, "level1", a->level1, b->level1);
            diffs_text(d, "project", p->code, "level2", a->level2, b->level2);
            diffs_text(d, "project", p->code, "level3", a->level3, b->level3);
            diffs_text(d, "project", p->code, "description", a->description, b->description);
            diffs_text(d, "project", p->code, "value", a->value, b->value);
            diffs_text(d, "project", p->code, "basis", a->basis, b->basis);
        }
    }
}

static void print_diags(const char *what, ys_status st, const ys_diags *dg)
{
    fprintf(stderr, "test_example: %s returned %s; skipped. Diagnostics:\n", what, ys_strerror(st));
    char loc[256];
    for (size_t i = 0; i < dg->count && i < 40; i++)
        fprintf(stderr, "  %s: %s\n", ys_diag_location(&dg->items[i], loc, sizeof loc), dg->items[i].message);
}

static void test_derived(void **state)
{
    (void)state;
    ys_diags dg;
    ys_diags_init(&dg);
    ys_budget *b = NULL;
    ys_status st = ys_book_read(BOOK, &b, &dg);
    if (st != YS_OK || !b) {
        print_diags("ys_book_read", st, &dg);
        ys_diags_release(&dg);
        fail_msg("the example book does not read");
    }
    ys_catalog *cat = ys_catalog_new();
    assert_non_null(cat);
    ys_catalog_load_default(cat, &dg);
    ys_disclosure *der = NULL;
    st = ys_derive(b, cat, &der, &dg);
    if (st != YS_OK || !der) {
        print_diags("ys_derive", st, &dg);
        ys_catalog_free(cat);
        ys_budget_free(b);
        ys_diags_release(&dg);
        fail_msg("the example book does not derive");
    }
    diffs d;
    diffs_init(&d);
    for (size_t ti = 0; ti < sizeof NINE / sizeof NINE[0]; ti++) {
        const ys_table *pub = pub_table(NINE[ti]);
        const ys_table *t = ys_disclosure_table(der, NINE[ti]);
        if (!t) diffs_text(&d, ys_table_id_name(NINE[ti]), "", "table", "present", "(missing)");
        if (two_sided(NINE[ti]))
            compare_two_sided(&d, pub, t);
        else
            compare_one_sided(&d, pub, t);
    }
    compare_projects(&d, der);
    ys_disclosure_free(der);
    ys_catalog_free(cat);
    ys_budget_free(b);
    ys_diags_release(&dg);
    diffs_finish(&d, "derived disclosure");
}


/* ---- the book's other sheets --------------------------------------------------------------------------------- */

static void test_book_sheets(void **state)
{
    (void)state;
    /* units = the organisation table */
    tsv u;
    tsv_load(&u, BOOK "/units.tsv");
    const ys_table *org = pub_table(YS_TABLE_ORGANISATION);
    assert_int_equal(u.nrows - 1, org->nrows);
    size_t cn = tsv_col(&u, "name"), ct = tsv_col(&u, "type"), cl = tsv_col(&u, "level"), cf = tsv_col(&u, "funding");
    for (size_t i = 0; i < org->nrows; i++) {
        const ys_row *r = &org->rows[i];
        assert_true(ys_text_same(r->name, tsv_get(&u.rows[i + 1], cn)));
        assert_true(ys_text_same(ys_row_cell(org, r, "unit_type")->text, tsv_get(&u.rows[i + 1], ct)));
        assert_true(ys_text_same(ys_row_cell(org, r, "unit_level")->text, tsv_get(&u.rows[i + 1], cl)));
        assert_true(ys_text_same(ys_row_cell(org, r, "funding")->text, tsv_get(&u.rows[i + 1], cf)));
    }
    tsv_free(&u);

    /* assets: the categories add up to the published 资产总额 */
    tsv a;
    tsv_load(&a, BOOK "/assets.tsv");
    size_t ci = tsv_col(&a, "item"), cv = tsv_col(&a, "value");
    ys_money sum = 0;
    for (size_t i = 1; i < a.nrows; i++) {
        ys_money v = 0;
        const char *s = tsv_get(&a.rows[i], cv);
        assert_int_equal(ys_money_parse(s, strlen(s), YS_UNIT_WANYUAN, &v, NULL), YS_MONEY_OK);
        if (strcmp(tsv_get(&a.rows[i], ci), "办公用房") != 0) sum += v;
    }
    const ys_table *at = pub_table(YS_TABLE_ASSETS);
    const ys_row *total = NULL;
    for (size_t i = 0; i < at->nrows && !total; i++)
        if (ys_text_same(at->rows[i].name, "资产总额")) total = &at->rows[i];
    assert_non_null(total);
    assert_true(sum == ys_cell_money(ys_row_cell(at, total, "value")));
    tsv_free(&a);

    /* 机关运行经费: the 公用经费 of the 行政 unit is the 69.4 万元 of the text */
    book_lines bl;
    lines_load(&bl);
    ys_money running = 0;
    for (size_t i = 0; i < bl.n; i++)
        if (!strcmp(bl.lines[i].kind, "基本公用") && !strcmp(bl.lines[i].unit, "赵县人力资源和社会保障局本级"))
            running += bl.lines[i].amount;
    assert_true(running == 69400000);
    lines_free(&bl);

    /* prior: last year's total and project spending from the 增减 sentence */
    tsv p;
    tsv_load(&p, BOOK "/prior.tsv");
    size_t pi = tsv_col(&p, "item"), pa = tsv_col(&p, "amount");
    for (size_t i = 1; i < p.nrows; i++) {
        ys_money v = 0;
        const char *s = tsv_get(&p.rows[i], pa);
        assert_int_equal(ys_money_parse(s, strlen(s), YS_UNIT_WANYUAN, &v, NULL), YS_MONEY_OK);
        const char *item = tsv_get(&p.rows[i], pi);
        if (!strcmp(item, "total")) assert_true(v == 34063090000LL - 3220910000LL);
        if (!strcmp(item, "project")) assert_true(v == 32619380000LL - 3187400000LL);
    }
    tsv_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lines_sum),
        cmocka_unit_test(test_book_sheets),
        cmocka_unit_test(test_derived),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
