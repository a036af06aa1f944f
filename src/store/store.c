/*
 * store.c — the warehouse above its back ends (store.h): open and migrate, store a document in one
 * transaction, list, find, load, and run user queries. Every statement is portable SQL with `?`
 * placeholders run through ys_store_ops.query with bound values; ids are assigned here
 * (MAX(id) + 1 inside the document's transaction), so no engine-specific id mechanism is relied on.
 */
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check/check.h"
#include "check/util.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/sha256.h"
#include "render/report.h"
#include "store/store_backend.h"

struct ys_store {
    void *impl;                 /* owned by the back end */
    const ys_store_ops *ops;
    char *target;               /* owned */
    int version;
    int fail_after, count;      /* test hook: fail the fail_after-th statement of a put */
    bool counting;
};

/* ---- values and running statements ------------------------------------------------------------------ */

#define V_INT(x) ((ys_store_value){YS_STORE_INT, (int64_t)(x), NULL})
#define V_NULL ((ys_store_value){YS_STORE_NULL, 0, NULL})
#define V_TEXT(x) text_value(x)
#define NARGS(...) (sizeof((ys_store_value[]){__VA_ARGS__}) / sizeof(ys_store_value))
/* Run a static statement with the given values (no result rows wanted). */
#define RUN(s, diags, sql, ...) run((s), (sql), NARGS(__VA_ARGS__), (ys_store_value[]){__VA_ARGS__}, NULL, NULL, (diags))

static ys_store_value text_value(const char *s)
{
    return s ? (ys_store_value){YS_STORE_TEXT, 0, s} : V_NULL;
}
static ys_store_value opt_int(int64_t v, bool present)
{
    return present ? V_INT(v) : V_NULL;
}
static ys_store_value src_line(const ys_source *s) { return opt_int(s->line, s->line > 0); }
static ys_store_value src_page(const ys_source *s) { return opt_int(s->page, s->page > 0); }
static const char *nz(const char *s) { return s ? s : ""; }

static ys_status run(ys_store *s, const char *sql, size_t n, const ys_store_value *p, ys_store_row_fn fn, void *ctx,
                     ys_diags *diags)
{
    if (s->counting && s->fail_after > 0 && ++s->count == s->fail_after) {
        ys_diags_add(diags, YS_DIAG_ERROR, s->target, 0, 0, "数据库错误：测试注入的失败（第 %d 条语句）",
                     s->fail_after);
        return YS_ERR_IO;
    }
    return s->ops->query(s->impl, sql, true, n, p, NULL, fn, ctx, diags);
}

/* Row callback: the first column of the first row as an integer (NULL → left as is). */
static int first_int(void *ctx, size_t ncols, const char *const *names, const ys_store_value *v)
{
    (void)names;
    if (ncols > 0 && v[0].type == YS_STORE_INT) *(int64_t *)ctx = v[0].i;
    return 1;
}

/* ---- open, migrate, close --------------------------------------------------------------------------- */

static ys_status read_version(ys_store *s, ys_diags *diags)
{
    int64_t v = 0;
    ys_status st = s->ops->query(s->impl, "SELECT MAX(version) FROM schema_version", false, 0, NULL, NULL,
                                 first_int, &v, diags);
    s->version = (int)v;
    return st;
}

static ys_status migrate(ys_store *s, ys_diags *diags)
{
    ys_status st = s->ops->exec(s->impl,
                                "CREATE TABLE IF NOT EXISTS schema_version (\n"
                                "  version INTEGER PRIMARY KEY,\n"
                                "  applied_at TEXT NOT NULL\n"
                                ")",
                                diags);
    if (st == YS_OK) st = read_version(s, diags);
    if (st != YS_OK) return st;
    int cur = ys_store_schema_current();
    if (s->version > cur) {
        ys_diags_add(diags, YS_DIAG_ERROR, s->target, 0, 0, "数据库结构版本 %d 高于本程序支持的版本 %d，请升级 yusuan",
                     s->version, cur);
        return YS_ERR_FORMAT;
    }
    char now[32];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    for (int v = s->version + 1; v <= cur; v++) {
        if ((st = s->ops->exec(s->impl, "BEGIN", diags)) != YS_OK) return st;
        st = s->ops->exec(s->impl, ys_store_migration(v), diags);
        if (st == YS_OK)
            st = s->ops->query(s->impl, "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)", false, 2,
                               (ys_store_value[]){V_INT(v), V_TEXT(now)}, NULL, NULL, NULL, diags);
        if (st == YS_OK) st = s->ops->exec(s->impl, "COMMIT", diags);
        if (st != YS_OK) {
            s->ops->exec(s->impl, "ROLLBACK", NULL);
            ys_diags_add(diags, YS_DIAG_ERROR, s->target, 0, 0, "数据库结构升级到版本 %d 失败", v);
            return st;
        }
        s->version = v;
    }
    return YS_OK;
}

/* A PostgreSQL URI for messages: "postgresql://user:secret@host/db?password=x" → "postgresql://user@host/db". */
static char *redact_url(const char *url)
{
    const char *auth = strstr(url, "://") + 3;
    size_t alen = strcspn(auth, "/?");
    const char *at = NULL;
    for (size_t i = 0; i < alen; i++)
        if (auth[i] == '@') at = auth + i;
    ys_buf b = YS_BUF_INIT;
    ys_buf_add(&b, url, (size_t)(auth - url));
    if (at) {
        size_t ulen = strcspn(auth, ":@");
        ys_buf_add(&b, auth, ulen);   /* the user, without ":password" */
        ys_buf_adds(&b, "@");
        ys_buf_add(&b, at + 1, (size_t)(auth + alen - at - 1));
    } else ys_buf_add(&b, auth, alen);
    ys_buf_add(&b, auth + alen, strcspn(auth + alen, "?"));   /* the database, without parameters */
    return ys_buf_detach(&b);
}

ys_status ys_store_open(const char *target, ys_store_mode mode, ys_store **out, ys_diags *diags)
{
    *out = NULL;
    bool pg = !strncmp(target, "postgresql://", 13) || !strncmp(target, "postgres://", 11);
    ys_store *s = ys_xcalloc(1, sizeof *s);
    s->target = pg ? redact_url(target) : ys_xstrdup(target);   /* for messages: no password */
    ys_status st = pg ? ys_store_pg_open(target, mode == YS_STORE_READONLY, &s->impl, &s->ops, diags)
                      : ys_store_sqlite_open(s->target, mode == YS_STORE_READONLY, &s->impl, &s->ops, diags);
    if (st != YS_OK) {
        free(s->target);
        free(s);
        return st;
    }
    if (mode == YS_STORE_READONLY) {
        ys_diags probe;
        ys_diags_init(&probe);
        st = read_version(s, &probe);
        ys_diags_release(&probe);
        if (st != YS_OK || s->version == 0) {
            ys_diags_add(diags, YS_DIAG_ERROR, s->target, 0, 0, "不是 yusuan 数据库（或尚未导入任何文件）");
            st = YS_ERR_FORMAT;
        } else if (s->version != ys_store_schema_current()) {
            ys_diags_add(diags, YS_DIAG_ERROR, s->target, 0, 0,
                         "数据库结构版本为 %d，本程序使用版本 %d（用 yusuan import 打开一次即可升级）", s->version,
                         ys_store_schema_current());
            st = YS_ERR_FORMAT;
        }
    } else st = migrate(s, diags);
    if (st != YS_OK) {
        ys_store_close(s);
        return st;
    }
    *out = s;
    return YS_OK;
}

void ys_store_close(ys_store *s)
{
    if (!s) return;
    s->ops->close(s->impl);
    free(s->target);
    free(s);
}

int ys_store_schema_version(ys_store *s) { return s->version; }
const char *ys_store_backend(const ys_store *s) { return s->ops->name; }
void ys_store_test_fail_after(ys_store *s, int n) { s->fail_after = n; }

const char *ys_store_ruleset_version(void)
{
    static char version[17];
    if (!version[0]) {
        ys_sha256 c;
        ys_sha256_init(&c);
        for (size_t i = 0; i < ys_rules_count(); i++) {
            const ys_rule *r = ys_rules_at(i);
            ys_sha256_update(&c, r->id, strlen(r->id));
            ys_sha256_update(&c, " ", 1);
            const char *sev = ys_severity_name(r->severity);
            ys_sha256_update(&c, sev, strlen(sev));
            ys_sha256_update(&c, "\n", 1);
        }
        char hex[YS_SHA256_HEX];
        ys_sha256_final_hex(&c, hex);
        memcpy(version, hex, 16);
        version[16] = '\0';
    }
    return version;
}

ys_status ys_store_find_hash(ys_store *s, const char *sha256, int64_t *id, ys_diags *diags)
{
    *id = 0;
    return run(s, "SELECT id FROM documents WHERE sha256 = ?", 1, (ys_store_value[]){V_TEXT(sha256)}, first_int, id,
               diags);
}

/* ---- storing a document ----------------------------------------------------------------------------- */

/* The headline totals of a disclosure (for ls and the documents row). */
typedef struct {
    bool has_total, has_basic, has_project, has_three;
    ys_money total, basic, project, three;
} totals;

static bool cell_money(const ys_table *t, const ys_row *r, const char *key, ys_money *out)
{
    const ys_cell *c = r ? ys_row_cell(t, r, key) : NULL;
    if (!c || c->kind != YS_CELL_MONEY) return false;
    *out = c->money;
    return true;
}

static totals compute_totals(const ys_disclosure *d)
{
    static const char *const IN_TOTAL[] = {"收入总计", NULL};
    static const char *const TP_TOTAL[] = {"合计", NULL};
    static const char *const TP_SUB[] = {"\"三公\"经费小计", "三公经费小计", "\"三公\"经费合计", "小计", NULL};
    totals t = {0};
    const ys_table *sum = d->tables[YS_TABLE_SUMMARY];
    if (sum) t.has_total = cell_money(sum, ys_ck_find_label(sum, "in_item", IN_TOTAL, 0, NULL), "in_amount", &t.total);
    const ys_table *ex = d->tables[YS_TABLE_EXPENSE];
    if (ex) {
        const ys_row *r = ys_ck_total_row(ex);
        t.has_basic = cell_money(ex, r, "basic", &t.basic);
        t.has_project = cell_money(ex, r, "project", &t.project);
    }
    const ys_table *tp = d->tables[YS_TABLE_THREE_PUBLIC];
    if (tp) {
        /* "三公" proper is the 小计 (出国 + 公车 + 接待); 合计 may add 会议费 and 培训费 */
        t.has_three = cell_money(tp, ys_ck_find_label(tp, NULL, TP_SUB, 0, NULL), "total", &t.three);
        if (!t.has_three) t.has_three = cell_money(tp, ys_ck_find_label(tp, NULL, TP_TOTAL, 0, NULL), "total", &t.three);
    }
    return t;
}

static const char *col_kind_name(ys_col_kind k)
{
    switch (k) {
    case YS_COL_QUANTITY: return "quantity";
    case YS_COL_LABEL: return "label";
    case YS_COL_TEXT: return "text";
    default: return "money";
    }
}

static ys_status put_tables(ys_store *s, int64_t doc, const ys_disclosure *d, ys_diags *diags)
{
    ys_status st = YS_OK;
    for (int id = 0; id < YS_TABLE__COUNT && st == YS_OK; id++) {
        const ys_table *t = d->tables[id];
        if (!t) continue;
        const char *tid = ys_table_id_name(t->id);
        st = RUN(s, diags,
                 "INSERT INTO tables (document_id, table_id, title, unit, unit_text, department, year_text, note, "
                 "line, page, location) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 V_INT(doc), V_TEXT(tid), V_TEXT(nz(t->title)), V_TEXT(ys_unit_name(t->unit)), V_TEXT(t->unit_text),
                 V_TEXT(t->department), V_TEXT(t->year_text), V_TEXT(t->note), src_line(&t->src), src_page(&t->src),
                 V_TEXT(t->src.where));
        for (size_t c = 0; c < t->ncols && st == YS_OK; c++)
            st = RUN(s, diags,
                     "INSERT INTO columns (document_id, table_id, col, header, key, kind) VALUES (?, ?, ?, ?, ?, ?)",
                     V_INT(doc), V_TEXT(tid), V_INT(c), V_TEXT(nz(t->cols[c].header)), V_TEXT(nz(t->cols[c].key)),
                     V_TEXT(col_kind_name(t->cols[c].kind)));
        for (size_t r = 0; r < t->nrows && st == YS_OK; r++) {
            const ys_row *row = &t->rows[r];
            st = RUN(s, diags,
                     "INSERT INTO rows (document_id, table_id, row_no, seq, code, name, name_raw, line, page, location) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     V_INT(doc), V_TEXT(tid), V_INT(r), opt_int(row->seq, row->seq >= 0), V_TEXT(nz(row->code)),
                     V_TEXT(nz(row->name)), V_TEXT(row->name_raw), src_line(&row->src), src_page(&row->src),
                     V_TEXT(row->src.where));
            for (size_t c = 0; c < t->ncols && st == YS_OK; c++) {
                const ys_cell *cell = &row->cells[c];
                if (cell->kind == YS_CELL_EMPTY) continue;
                bool money = cell->kind == YS_CELL_MONEY, qty = cell->kind == YS_CELL_QUANTITY;
                st = RUN(s, diags,
                         "INSERT INTO cells (document_id, table_id, row_no, col, kind, amount, decimals, quantity, "
                         "text, raw, line, page, location) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         V_INT(doc), V_TEXT(tid), V_INT(r), V_INT(c),
                         V_TEXT(money ? "money" : qty ? "quantity" : "text"), opt_int(cell->money, money),
                         opt_int(cell->decimals, money), opt_int(cell->qty, qty), V_TEXT(nz(cell->text)),
                         V_TEXT(cell->raw), src_line(&cell->src), src_page(&cell->src), V_TEXT(cell->src.where));
            }
        }
    }
    return st;
}

static ys_status put_projects(ys_store *s, int64_t doc, const ys_disclosure *d, ys_diags *diags)
{
    ys_status st = YS_OK;
    for (size_t i = 0; i < d->nprojects && st == YS_OK; i++) {
        const ys_project *p = &d->projects[i];
        st = RUN(s, diags,
                 "INSERT INTO projects (document_id, project_no, seq, code, name, title, unit, budget, fiscal, other, "
                 "purpose, goal, schedule_percent, line, page, location) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 V_INT(doc), V_INT(i), opt_int(p->seq, p->seq >= 0), V_TEXT(nz(p->code)), V_TEXT(nz(p->name)),
                 V_TEXT(nz(p->title)), V_TEXT(ys_unit_name(p->unit)),
                 opt_int(p->budget.money, p->budget.kind == YS_CELL_MONEY),
                 opt_int(p->fiscal.money, p->fiscal.kind == YS_CELL_MONEY),
                 opt_int(p->other.money, p->other.kind == YS_CELL_MONEY), V_TEXT(nz(p->purpose)), V_TEXT(nz(p->goal)),
                 V_INT(p->schedule_percent ? 1 : 0), src_line(&p->src), src_page(&p->src), V_TEXT(p->src.where));
        for (size_t k = 0; k < p->nschedule && st == YS_OK; k++) {
            const ys_schedule_point *sp = &p->schedule[k];
            st = RUN(s, diags,
                     "INSERT INTO schedule (document_id, project_no, point_no, label, amount, text) "
                     "VALUES (?, ?, ?, ?, ?, ?)",
                     V_INT(doc), V_INT(i), V_INT(k), V_TEXT(nz(sp->label)),
                     opt_int(sp->value.money, sp->value.kind == YS_CELL_MONEY), V_TEXT(nz(sp->value.text)));
        }
        for (size_t k = 0; k < p->nindicators && st == YS_OK; k++) {
            const ys_indicator *in = &p->indicators[k];
            st = RUN(s, diags,
                     "INSERT INTO indicators (document_id, project_no, indicator_no, level1, level2, level3, "
                     "description, value, basis, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     V_INT(doc), V_INT(i), V_INT(k), V_TEXT(nz(in->level1)), V_TEXT(nz(in->level2)),
                     V_TEXT(nz(in->level3)), V_TEXT(nz(in->description)), V_TEXT(nz(in->value)),
                     V_TEXT(nz(in->basis)), src_line(&in->src));
        }
    }
    for (size_t i = 0; i < d->nsections && st == YS_OK; i++) {
        const ys_section *sec = &d->sections[i];
        st = RUN(s, diags,
                 "INSERT INTO sections (document_id, section_no, number, title, text, line) VALUES (?, ?, ?, ?, ?, ?)",
                 V_INT(doc), V_INT(i), V_TEXT(nz(sec->number)), V_TEXT(nz(sec->title)), V_TEXT(nz(sec->text)),
                 src_line(&sec->src));
        for (size_t k = 0; k < sec->nfigures && st == YS_OK; k++) {
            const ys_figure *fg = &sec->figures[k];
            st = RUN(s, diags,
                     "INSERT INTO figures (document_id, section_no, figure_no, label, text, amount, unit, decimals, "
                     "context, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     V_INT(doc), V_INT(i), V_INT(k), V_TEXT(nz(fg->label)), V_TEXT(nz(fg->text)), V_INT(fg->amount),
                     V_TEXT(ys_unit_name(fg->unit)), V_INT(fg->decimals), V_TEXT(nz(fg->context)),
                     src_line(&fg->src));
        }
    }
    return st;
}

static ys_status put_findings(ys_store *s, int64_t doc, const ys_disclosure *d, const ys_findings *f,
                              ys_diags *diags)
{
    ys_status st = YS_OK;
    for (size_t i = 0; f && i < f->count && st == YS_OK; i++) {
        const ys_finding *fd = &f->items[i];
        char where[512];
        ys_report_source(&fd->at.src, d->file, where, sizeof where);
        const char *tid = ys_table_id_name(fd->at.table);
        st = RUN(s, diags,
                 "INSERT INTO findings (document_id, finding_no, rule, severity, folded, table_id, row_seq, code, "
                 "column_name, name, expected, actual, unit, decimals, message, source, line, page, location) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 V_INT(doc), V_INT(i), V_TEXT(fd->rule), V_TEXT(ys_severity_name(fd->severity)),
                 V_INT(fd->folded ? 1 : 0), V_TEXT(*tid ? tid : NULL), opt_int(fd->at.row, fd->at.row >= 0),
                 V_TEXT(fd->at.code), V_TEXT(fd->at.column), V_TEXT(fd->at.name),
                 opt_int(fd->expected, fd->has_expected), opt_int(fd->actual, fd->has_actual),
                 V_TEXT(ys_unit_name(fd->unit)), V_INT(fd->decimals), V_TEXT(nz(fd->message)), V_TEXT(where),
                 src_line(&fd->at.src), src_page(&fd->at.src), V_TEXT(fd->at.src.where));
    }
    return st;
}

static ys_status put_body(ys_store *s, const ys_store_docinfo *info, const ys_disclosure *d, const ys_findings *f,
                          int64_t *id, ys_diags *diags)
{
    const char *region = nz(d->meta.region), *name = nz(d->meta.department);
    int64_t dept = 0, doc = 0;
    ys_status st = run(s, "SELECT id FROM departments WHERE region = ? AND name = ?", 2,
                       (ys_store_value[]){V_TEXT(region), V_TEXT(name)}, first_int, &dept, diags);
    if (st == YS_OK && dept == 0) {
        st = run(s, "SELECT COALESCE(MAX(id), 0) + 1 FROM departments", 0, NULL, first_int, &dept, diags);
        if (st == YS_OK)
            st = RUN(s, diags, "INSERT INTO departments (id, region, name, code) VALUES (?, ?, ?, ?)", V_INT(dept),
                     V_TEXT(region), V_TEXT(name), V_TEXT(nz(d->meta.department_code)));
    }
    if (st == YS_OK) st = run(s, "SELECT COALESCE(MAX(id), 0) + 1 FROM documents", 0, NULL, first_int, &doc, diags);
    if (st != YS_OK) return st;
    char now[32];
    time_t tt = time(NULL);
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    totals t = compute_totals(d);
    st = RUN(s, diags,
             "INSERT INTO documents (id, department_id, year, kind, scope, unit, source, origin, sha256, ruleset, "
             "catalog_edition, imported_at, total, basic, project, three_public) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
             V_INT(doc), V_INT(dept), V_INT(d->meta.year), V_TEXT(ys_kind_name(d->meta.kind)),
             V_TEXT(ys_scope_name(d->meta.scope)), V_TEXT(ys_unit_name(d->meta.unit)), V_TEXT(nz(info->source)),
             V_TEXT(nz(info->origin)), V_TEXT(nz(info->sha256)), V_TEXT(nz(info->ruleset)),
             V_INT(info->catalog_edition), V_TEXT(now), opt_int(t.total, t.has_total), opt_int(t.basic, t.has_basic),
             opt_int(t.project, t.has_project), opt_int(t.three, t.has_three));
    if (st == YS_OK) st = put_tables(s, doc, d, diags);
    if (st == YS_OK) st = put_projects(s, doc, d, diags);
    if (st == YS_OK) st = put_findings(s, doc, d, f, diags);
    if (st == YS_OK) *id = doc;
    return st;
}

ys_status ys_store_put(ys_store *s, const ys_store_docinfo *info, const ys_disclosure *d, const ys_findings *f,
                       int64_t *id, ys_diags *diags)
{
    *id = 0;
    ys_status st = s->ops->exec(s->impl, "BEGIN", diags);
    if (st != YS_OK) return st;
    s->counting = true;
    s->count = 0;
    st = put_body(s, info, d, f, id, diags);
    s->counting = false;
    if (st == YS_OK) st = s->ops->exec(s->impl, "COMMIT", diags);
    if (st != YS_OK) {
        s->ops->exec(s->impl, "ROLLBACK", NULL);
        *id = 0;
    }
    return st;
}

/* ---- listing and finding ---------------------------------------------------------------------------- */

typedef struct {
    ys_store_entry *items;
    size_t n, cap;
} entries;

static char *dup_text(const ys_store_value *v) { return ys_xstrdup(v->type == YS_STORE_TEXT && v->s ? v->s : ""); }

static int list_row(void *ctx, size_t ncols, const char *const *names, const ys_store_value *v)
{
    (void)names;
    entries *e = ctx;
    if (ncols < 13) return 1;
    if (e->n == e->cap) {
        e->cap = e->cap ? e->cap * 2 : 16;
        e->items = ys_xrealloc(e->items, e->cap * sizeof *e->items);
    }
    ys_store_entry *x = &e->items[e->n++];
    memset(x, 0, sizeof *x);
    x->id = v[0].i;
    x->region = dup_text(&v[1]);
    x->department = dup_text(&v[2]);
    x->year = (int)v[3].i;
    x->kind = dup_text(&v[4]);
    x->unit = dup_text(&v[5]);
    x->has_total = v[6].type == YS_STORE_INT, x->total = v[6].i;
    x->has_basic = v[7].type == YS_STORE_INT, x->basic = v[7].i;
    x->has_project = v[8].type == YS_STORE_INT, x->project = v[8].i;
    x->has_three_public = v[9].type == YS_STORE_INT, x->three_public = v[9].i;
    x->errors = v[10].i, x->warnings = v[11].i, x->infos = v[12].i;
    return 0;
}

ys_status ys_store_list(ys_store *s, ys_store_entry **out, size_t *n, ys_diags *diags)
{
    entries e = {0};
    ys_status st = run(
        s,
        "SELECT d.id, p.region, p.name, d.year, d.kind, d.unit, d.total, d.basic, d.project, d.three_public,\n"
        "  (SELECT COUNT(*) FROM findings f WHERE f.document_id = d.id AND f.folded = 0 AND f.severity = 'error'),\n"
        "  (SELECT COUNT(*) FROM findings f WHERE f.document_id = d.id AND f.folded = 0 AND f.severity = 'warning'),\n"
        "  (SELECT COUNT(*) FROM findings f WHERE f.document_id = d.id AND f.folded = 0 AND f.severity = 'info')\n"
        "FROM documents d JOIN departments p ON p.id = d.department_id\n"
        "ORDER BY p.region, p.name, d.year, d.kind, d.id",
        0, NULL, list_row, &e, diags);
    if (st != YS_OK) {
        ys_store_list_free(e.items, e.n);
        e.items = NULL, e.n = 0;
    }
    *out = e.items;
    *n = e.n;
    return st;
}

void ys_store_list_free(ys_store_entry *e, size_t n)
{
    for (size_t i = 0; e && i < n; i++) {
        free(e[i].region);
        free(e[i].department);
        free(e[i].kind);
        free(e[i].unit);
    }
    free(e);
}

typedef struct {
    int64_t *ids;
    size_t n, cap;
} idlist;

static int id_row(void *ctx, size_t ncols, const char *const *names, const ys_store_value *v)
{
    (void)names;
    idlist *l = ctx;
    if (ncols < 1 || v[0].type != YS_STORE_INT) return 0;
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->ids = ys_xrealloc(l->ids, l->cap * sizeof *l->ids);
    }
    l->ids[l->n++] = v[0].i;
    return 0;
}

ys_status ys_store_find(ys_store *s, const char *dept, int year, int64_t **ids, size_t *n, ys_diags *diags)
{
    idlist l = {0};
    /* "region/name" when the text has a slash and the part before it is a stored region */
    const char *slash = strchr(dept, '/');
    char *region = slash ? ys_xstrdup(dept) : NULL;
    if (region) region[slash - dept] = '\0';
    ys_status st = run(s,
                       "SELECT d.id FROM documents d JOIN departments p ON p.id = d.department_id\n"
                       "WHERE (p.name = ? OR (p.region = ? AND p.name = ?)) AND (? = 0 OR d.year = ?)\n"
                       "ORDER BY d.year DESC, d.id DESC",
                       5,
                       (ys_store_value[]){V_TEXT(dept), V_TEXT(region ? region : ""), V_TEXT(slash ? slash + 1 : ""),
                                          V_INT(year), V_INT(year)},
                       id_row, &l, diags);
    free(region);
    if (st != YS_OK) {
        free(l.ids);
        l.ids = NULL, l.n = 0;
    }
    *ids = l.ids;
    *n = l.n;
    return st;
}

/* ---- loading a document back ------------------------------------------------------------------------ */

typedef struct {
    ys_disclosure *d;
    ys_table *t;
    ys_findings *f;
    bool found;
    /* a table's header while its columns are collected */
    ys_table_id id;
    char *title;
    size_t ncols, cols_cap;
    ys_column *cols;
} loader;

static const char *arena_text(ys_disclosure *d, const ys_store_value *v)
{
    return v->type == YS_STORE_TEXT && v->s ? ys_arena_strdup(d->arena, v->s) : NULL;
}
static int int_or(const ys_store_value *v, int dflt) { return v->type == YS_STORE_INT ? (int)v->i : dflt; }

static ys_source load_src(ys_disclosure *d, const ys_store_value *line, const ys_store_value *page,
                          const ys_store_value *where)
{
    ys_source s = {d->file, int_or(line, 0), int_or(page, 0), arena_text(d, where)};
    return s;
}

static int meta_row(void *ctx, size_t ncols, const char *const *names, const ys_store_value *v)
{
    (void)names;
    loader *L = ctx;
    if (ncols < 8) return 1;
    ys_disclosure *d = L->d;
    d->meta.region = arena_text(d, &v[0]);
    d->meta.department = arena_text(d, &v[1]);
    d->meta.department_code = arena_text(d, &v[2]);
    d->meta.year = int_or(&v[3], 0);
    const char *kind = v[4].s ? v[4].s : "";
    d->meta.kind = !strcmp(kind, "决算") ? YS_KIND_FINAL : !strcmp(kind, "预算") ? YS_KIND_BUDGET : YS_KIND_UNKNOWN;
    const char *scope = v[5].s ? v[5].s : "";
    d->meta.scope = !strcmp(scope, "单位") ? YS_SCOPE_UNIT : !strcmp(scope, "部门") ? YS_SCOPE_DEPARTMENT : YS_SCOPE_UNKNOWN;
    d->meta.unit = ys_unit_from_text(v[6].s ? v[6].s : "");
    d->file = arena_text(d, &v[7]);
    if (!d->file) d->file = "";
    L->found = true;
    return 1;
}

static int column_row(void *ctx, size_t ncols, const char *const *names, const ys_store_value *v)
{
    (void)names;
    loader *L = ctx;
    if (ncols < 3) return 1;
    ys_column c = {arena_text(L->d, &v[0]), arena_text(L->d, &v[1]), YS_COL_MONEY};
    const char *k = v[2].s ? v[2].s : "";
    c.kind = !strcmp(k, "quantity") ? YS_COL_QUANTITY : !strcmp(k, "label") ? YS_COL_LABEL
           : !strcmp(k, "text")     ? YS_COL_TEXT
                                    : YS_COL_MONEY;
    YS_VEC_PUSH(L->d->arena, L->cols, L->ncols, L->cols_cap, c);
    return 0;
}

static int row_row(void *ctx, size_t ncols, const char *const *names, const ys_store_value *v)
{
    (void)names;
    loader *L = ctx;
    if (ncols < 7) return 1;
    ys_row *r = ys_table_add_row(L->d, L->t, int_or(&v[0], -1), v[1].s ? v[1].s : "", v[2].s ? v[2].s : "");
    r->name_raw = arena_text(L->d, &v[3]);
    r->src = load_src(L->d, &v[4], &v[5], &v[6]);
    return 0;
}

static int cell_row(void *ctx, size_t ncols, const char *const *names, const ys_store_value *v)
{
    (void)names;
    loader *L = ctx;
    if (ncols < 11) return 1;
    size_t r = (size_t)v[0].i, c = (size_t)v[1].i;
    if (r >= L->t->nrows || c >= L->t->ncols) return 0;
    ys_cell *cell = &L->t->rows[r].cells[c];
    const char *k = v[2].s ? v[2].s : "";
    cell->kind = !strcmp(k, "money") ? YS_CELL_MONEY : !strcmp(k, "quantity") ? YS_CELL_QUANTITY : YS_CELL_TEXT;
    cell->money = v[3].type == YS_STORE_INT ? v[3].i : 0;
    cell->decimals = int_or(&v[4], 0);
    cell->qty = v[5].type == YS_STORE_INT ? v[5].i : 0;
    cell->text = arena_text(L->d, &v[6]);
    if (!cell->text) cell->text = "";
    cell->raw = arena_text(L->d, &v[7]);
    cell->src = load_src(L->d, &v[8], &v[9], &v[10]);
    return 0;
}

typedef struct {
    char *table_id, *title, *unit, *unit_text, *department, *year_text, *note, *where;
    int line, page;
} table_head;

typedef struct {
    table_head *items;
    size_t n, cap;
} heads;

static char *dup_or_null(const ys_store_value *v) { return v->type == YS_STORE_TEXT && v->s ? ys_xstrdup(v->s) : NULL; }

static int head_row(void *ctx, size_t ncols, const char *const *names, const ys_store_value *v)
{
    (void)names;
    heads *h = ctx;
    if (ncols < 10) return 1;
    if (h->n == h->cap) {
        h->cap = h->cap ? h->cap * 2 : 16;
        h->items = ys_xrealloc(h->items, h->cap * sizeof *h->items);
    }
    table_head *t = &h->items[h->n++];
    t->table_id = dup_or_null(&v[0]);
    t->title = dup_or_null(&v[1]);
    t->unit = dup_or_null(&v[2]);
    t->unit_text = dup_or_null(&v[3]);
    t->department = dup_or_null(&v[4]);
    t->year_text = dup_or_null(&v[5]);
    t->note = dup_or_null(&v[6]);
    t->line = int_or(&v[7], 0);
    t->page = int_or(&v[8], 0);
    t->where = dup_or_null(&v[9]);
    return 0;
}

static int finding_row(void *ctx, size_t ncols, const char *const *names, const ys_store_value *v)
{
    (void)names;
    loader *L = ctx;
    if (ncols < 16) return 1;
    const ys_rule *rule = v[0].s ? ys_rules_find(v[0].s) : NULL;
    const char *rid = rule ? rule->id : ys_arena_strdup(L->d->arena, v[0].s ? v[0].s : "?");
    const char *sv = v[1].s ? v[1].s : "";
    ys_severity sev = !strcmp(sv, "error") ? YS_SEV_ERROR : !strcmp(sv, "warning") ? YS_SEV_WARNING : YS_SEV_INFO;
    ys_location at = {ys_table_id_parse(v[3].s), int_or(&v[4], -1), (char *)v[5].s, (char *)v[6].s, (char *)v[7].s,
                      load_src(L->d, &v[13], &v[14], &v[15])};
    ys_finding *fd = ys_findings_add(L->f, rid, sev, at, "%s", v[12].s ? v[12].s : "");
    fd->folded = v[2].type == YS_STORE_INT && v[2].i != 0;
    ys_finding_set_amounts(fd, v[8].type == YS_STORE_INT, v[8].i, v[9].type == YS_STORE_INT, v[9].i,
                           ys_unit_from_text(v[10].s ? v[10].s : ""), int_or(&v[11], 2));
    return 0;
}

ys_status ys_store_load(ys_store *s, int64_t id, ys_disclosure **out, ys_findings *f, ys_diags *diags)
{
    *out = NULL;
    ys_disclosure *d = ys_disclosure_new(NULL);
    loader L = {.d = d, .f = f};
    ys_store_value key[] = {V_INT(id)};
    ys_status st = run(s,
                       "SELECT p.region, p.name, p.code, d.year, d.kind, d.scope, d.unit, d.source\n"
                       "FROM documents d JOIN departments p ON p.id = d.department_id WHERE d.id = ?",
                       1, key, meta_row, &L, diags);
    if (st == YS_OK && !L.found) {
        ys_diags_add(diags, YS_DIAG_ERROR, s->target, 0, 0, "数据库中没有编号为 %lld 的文档", (long long)id);
        st = YS_ERR_FORMAT;
    }
    heads h = {0};
    if (st == YS_OK)
        st = run(s,
                 "SELECT table_id, title, unit, unit_text, department, year_text, note, line, page, location\n"
                 "FROM tables WHERE document_id = ? ORDER BY table_id",
                 1, key, head_row, &h, diags);
    for (size_t i = 0; i < h.n; i++) {
        table_head *th = &h.items[i];
        ys_table_id tid = ys_table_id_parse(th->table_id);
        if (st == YS_OK && tid >= 0 && tid < YS_TABLE__COUNT) {
            ys_store_value tkey[] = {V_INT(id), V_TEXT(th->table_id)};
            L.ncols = L.cols_cap = 0;
            L.cols = NULL;
            st = run(s, "SELECT header, key, kind FROM columns WHERE document_id = ? AND table_id = ? ORDER BY col", 2,
                     tkey, column_row, &L, diags);
            if (st == YS_OK) {
                ys_table *t = ys_disclosure_add_table(d, tid, th->title ? th->title : "", L.ncols, L.cols);
                t->unit = ys_unit_from_text(th->unit ? th->unit : "");
                t->unit_text = ys_arena_strdup(d->arena, th->unit_text);
                t->department = ys_arena_strdup(d->arena, th->department);
                t->year_text = ys_arena_strdup(d->arena, th->year_text);
                t->note = ys_arena_strdup(d->arena, th->note);
                t->src = (ys_source){d->file, th->line, th->page, ys_arena_strdup(d->arena, th->where)};
                L.t = t;
                st = run(s,
                         "SELECT seq, code, name, name_raw, line, page, location FROM rows\n"
                         "WHERE document_id = ? AND table_id = ? ORDER BY row_no",
                         2, tkey, row_row, &L, diags);
                if (st == YS_OK)
                    st = run(s,
                             "SELECT row_no, col, kind, amount, decimals, quantity, text, raw, line, page, location\n"
                             "FROM cells WHERE document_id = ? AND table_id = ?",
                             2, tkey, cell_row, &L, diags);
            }
        }
        free(th->table_id), free(th->title), free(th->unit), free(th->unit_text), free(th->department);
        free(th->year_text), free(th->note), free(th->where);
    }
    free(h.items);
    if (st == YS_OK && f)
        st = run(s,
                 "SELECT rule, severity, folded, table_id, row_seq, code, column_name, name, expected, actual, unit,\n"
                 "  decimals, message, line, page, location FROM findings WHERE document_id = ? ORDER BY finding_no",
                 1, key, finding_row, &L, diags);
    if (st != YS_OK) {
        ys_disclosure_free(d);
        return st;
    }
    *out = d;
    return YS_OK;
}

/* ---- user queries ----------------------------------------------------------------------------------- */

ys_status ys_store_query(ys_store *s, const char *sql,
                         void (*header_fn)(void *ctx, size_t ncols, const char *const *names),
                         ys_store_row_fn fn, void *ctx, ys_diags *diags)
{
    return s->ops->query(s->impl, sql, false, 0, NULL, header_fn, fn, ctx, diags);
}
