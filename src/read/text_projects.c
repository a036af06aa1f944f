/*
 * text_projects.c — PROJECTS stage of the text reader (see text_internal.h): the project
 * performance-target tables (项目支出绩效目标表), one ys_project each.
 *
 * A table starts at a one-cell title ending in 绩效目标表 ("1、劳务派遣费用绩效目标表"; a 部门整体
 * table is not a project) and runs to the next title, the next numbered section heading ("八、…") or
 * a lone first-column line after the indicator rows. Inside, lines are recognised by their labels,
 * never by position in the file:
 *
 *   单位：万元                                   → unit
 *   项目编码 <code> 项目名称 <name>              → code, name
 *   预算规模及资金用途 预算数 <b> 其中：财政资金 <f> 其他资金 [<o>]
 *   <TAB><purpose>                               → purpose (lines until the schedule)
 *   资金支出计划（%） 3月底 … 12月底             → schedule header: a label per column
 *   <TAB><v1> …                                  → values, matched to the header by column
 *   绩效目标 <goal>  (continuation lines append)  → goal
 *   一级指标 二级指标 三级指标 …                  → indicator header: columns by name
 *   indicator rows                               → indicators (一级/二级 carried down)
 *
 * Irregular layouts are read by general rules:
 *  - a schedule value cell may carry its own label ("12月底 16.59"), and a label cell may precede its
 *    value on a line of its own ("12 月底<TAB>20.95"); such labels win over the header's column, and
 *    a header label whose value cell is taken by another label gets no point (nothing is invented);
 *    values printed off the header's columns are paired in order with the labels still unread;
 *  - a repeated schedule header+values pair adds nothing: a point whose label is already read is not
 *    added again (a different value gives a warning);
 *  - text after the schedule values without the 绩效目标 label is the goal;
 *  - a repeated indicator header (page break) is dropped; a row without 一级/二级 and 指标值 continues
 *    the row above cell by cell, except that a tail the cell above already ends with is not appended
 *    again (overflow text printed twice across a page break: "…18号" + "号");
 *  - page headers inside a table (department line, 预算年度, 单位) are skipped.
 * A table that cannot be read (no code, no budget, no indicators) gives a warning with file:line.
 * Every line of a table is claimed.
 */
#include "read/text_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/text.h"

#define MAX_SCHED_COLS 32

enum { F_L1, F_L2, F_L3, F_DESC, F_VALUE, F_BASIS, F__COUNT };

typedef enum { ST_HEAD, ST_PURPOSE, ST_SCHEDULE, ST_GOAL, ST_INDICATORS } state;

typedef struct {
    ys_tdoc *td;
    ys_diags *diags;
    ys_disclosure *d;
    size_t pi;                              /* index of the project being read */
    state st;
    const char *sched_label[MAX_SCHED_COLS];/* schedule header: label per column, NULL = none */
    size_t schedule_cap;
    int ind_col[F__COUNT];                  /* indicator header: column of each field, -1 = none */
    bool ind_header;
    const char *page_header;                /* the department line key, to skip ("323赵县…") */
    ys_buf purpose, goal;                   /* paragraphs of the project being read, "\n"-joined */
    ys_buf cont[F__COUNT];                  /* the last indicator's fields while rows continue it */
    bool cont_open;                         /* cont holds the last indicator's fields */
} ctx;

static ys_project *proj(ctx *c)
{
    return &c->d->projects[c->pi];
}

/* ---- small text helpers ---------------------------------------------------------------------- */

static bool starts_with(const char *s, const char *p)
{
    return ys_text_starts(s, p);   /* inline, byte by byte (core/text.h) */
}

static bool ends_with(const char *s, const char *p)
{
    size_t n = strlen(s), m = strlen(p);
    return m <= n && memcmp(s + n - m, p, m) == 0;
}

static bool has_cjk(const char *s)
{
    size_t i = 0, n = strlen(s);
    while (i < n)
        if (ys_is_cjk(ys_utf8_next(s, n, &i))) return true;
    return false;
}

/* s without any space, in the arena. */
static char *no_spaces(ys_arena *a, const char *s)
{
    size_t n = strlen(s);
    char *r = ys_arena_alloc(a, n + 1), *w = r;
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ') *w++ = s[i];
    *w = '\0';
    return r;
}

static bool is_cn_digit(const char *s, size_t *len)
{
    static const char *const digits[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    for (size_t i = 0; i < sizeof digits / sizeof *digits; i++) {
        size_t l = strlen(digits[i]);
        if (strncmp(s, digits[i], l) == 0) {
            *len = l;
            return true;
        }
    }
    return false;
}

/* "八、政府采购预算情况": a numbered narrative section heading. */
static bool section_heading(const ys_tline *l)
{
    if (l->nfilled != 1) return false;
    const char *k = l->key;
    size_t i = 0, len;
    while (is_cn_digit(k + i, &len)) i += len;
    return i > 0 && starts_with(k + i, "、") && ys_utf8_len(k) <= 60;
}

/* A project table title; *seq is its printed number or -1. */
static bool project_title(const ys_tline *l, int *seq)
{
    if (l->nfilled != 1 || ys_tline_first(l) != 0) return false;
    const char *k = l->key;
    if (!ends_with(k, "绩效目标表") || ys_text_find(k, "整体")) return false;
    *seq = -1;
    size_t n = 0;
    while (k[n] >= '0' && k[n] <= '9' && n < 6) n++;
    if (n && (starts_with(k + n, "、") || starts_with(k + n, ".") || starts_with(k + n, ","))) *seq = atoi(k);
    return true;
}

/* Title without its number and the 绩效目标表 suffix: the fallback project name. */
static const char *name_from_title(ys_arena *a, const char *title)
{
    const char *p = title;
    while (*p >= '0' && *p <= '9') p++;
    if (p != title) {
        if (starts_with(p, "、")) p += strlen("、");
        else if (*p == '.' || *p == ',') p++;
    }
    while (*p == ' ') p++;
    size_t n = strlen(p), suf = strlen("绩效目标表");
    if (n >= suf) n -= suf;
    while (n && p[n - 1] == ' ') n--;
    return ys_arena_strndup(a, p, n);
}

/*
 * Schedule point label ("3月底", "12 月底", "第一季度", "年底"): spaces removed, a short text ending in
 * 月底/月末/季度/季度末/年底/年末/半年. Returns the label in the arena, or NULL.
 */
static const char *sched_label(ys_arena *a, const char *s)
{
    static const char *const ends[] = {"月底", "月末", "季度", "季度末", "年底", "年末", "半年"};
    if (!*s) return NULL;
    /* the last byte other than a space must end one of them (底 末 度 年: 95 AB A6 B4) */
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ') n--;
    unsigned char last = n ? (unsigned char)s[n - 1] : 0;
    if (last != 0x95 && last != 0xAB && last != 0xA6 && last != 0xB4) return NULL;
    const char *k = no_spaces(a, s);
    size_t cps = ys_utf8_len(k);
    if (cps < 2 || cps > 6) return NULL;
    for (size_t i = 0; i < sizeof ends / sizeof *ends; i++)
        if (ends_with(k, ends[i])) return k;
    return NULL;
}

/* Does s parse as an amount? */
static bool is_amount(const char *s)
{
    ys_money v;
    return *s && ys_money_parse(s, strlen(s), YS_UNIT_YUAN, &v, NULL) == YS_MONEY_OK;
}

/* "12月底 16.59": a label and a value in one cell. */
static bool label_and_value(ys_arena *a, const char *s, const char **label, const char **value)
{
    const char *sp = strrchr(s, ' ');
    if (!sp || !is_amount(sp + 1)) return false;
    const char *l = sched_label(a, ys_arena_strndup(a, s, (size_t)(sp - s)));
    if (!l) return false;
    *label = l;
    *value = sp + 1;
    return true;
}

/* Cell i of l, "" when absent. */
static const char *cell(const ys_tline *l, int i)
{
    return i < 0 ? "" : ys_tline_cell(l, (size_t)i);
}

/* Does a cell hold a label: "预算数", "其中：财政资金" (key) starting the cell? Returns the rest. */
static const char *label_rest(const char *c, const char *label)
{
    if (starts_with(c, "其中")) {
        c += strlen("其中");
        while (*c == ':' || *c == ' ') c++;
    }
    if (!starts_with(c, label)) return NULL;
    c += strlen(label);
    while (*c == ' ' || *c == ':') c++;
    return c;
}

/* The value that follows a label cell: the rest of the cell after the label ("预算数4.56"), else the
 * next non-empty cell when it is not another label (text: no CJK unless any_text). */
static bool labelled_value(const ys_tline *l, const char *label, bool any_text, const char **value)
{
    for (size_t i = 0; i < l->ncells; i++) {
        const char *rest = label_rest(l->cells[i].norm, label);
        if (!rest) continue;
        if (*rest && (any_text || !has_cjk(rest))) {
            *value = rest;
            return true;
        }
        *value = "";
        for (size_t j = i + 1; j < l->ncells; j++) {
            const char *v = l->cells[j].norm;
            if (!*v) continue;
            if (any_text || !has_cjk(v)) *value = v;
            break;
        }
        return true;
    }
    return false;
}

/* Add a paragraph to a "\n"-joined buffer. */
static void add_paragraph(ys_buf *b, const char *text)
{
    if (!*text) return;
    if (b->len) ys_buf_addc(b, '\n');
    ys_buf_adds(b, text);
}

/* Non-empty cells from index `from`, joined by one space. */
static const char *join_cells(ys_arena *a, const ys_tline *l, size_t from)
{
    ys_buf b = YS_BUF_INIT;
    for (size_t i = from; i < l->ncells; i++) {
        const char *c = l->cells[i].norm;
        if (!*c) continue;
        if (b.len) ys_buf_addc(&b, ' ');
        ys_buf_adds(&b, c);
    }
    const char *r = ys_arena_strndup(a, ys_buf_str(&b), b.len);
    ys_buf_release(&b);
    return r;
}

/* "3月底 4.56" or "3月底4.56": a schedule label and an amount in one piece of text. */
static bool piece_point(ys_arena *a, const char *s, size_t n, const char **label, const char **value)
{
    while (n && s[n - 1] == ' ') n--;
    while (n && *s == ' ') {
        s++;
        n--;
    }
    size_t v = n;
    while (v && ((s[v - 1] >= '0' && s[v - 1] <= '9') || s[v - 1] == '.' || s[v - 1] == ',' || s[v - 1] == '-'))
        v--;
    if (v == n || v == 0) return false;
    const char *val = ys_arena_strndup(a, s + v, n - v);
    size_t ln = v;
    while (ln && s[ln - 1] == ' ') ln--;
    const char *lab = sched_label(a, ys_arena_strndup(a, s, ln));
    if (!lab || !is_amount(val)) return false;
    *label = lab;
    *value = val;
    return true;
}

/* Is the cell a list of points "3月底 4.56；6月底 4.56…" (separated by ；/;/，/,/、)? Calls f for each. */
static bool points_cell(ys_arena *a, const char *s, void (*f)(void *, const char *, const char *), void *arg)
{
    static const char *const seps[] = {"；", ";", "，", "、"};
    for (int pass = 0; pass < 2; pass++) {   /* pass 0 checks every piece, pass 1 adds them */
        const char *p = s;
        size_t count = 0;
        while (*p) {
            size_t n = strlen(p), step = 0;
            for (size_t i = 0; i < n && !step; i++)
                for (size_t k = 0; k < sizeof seps / sizeof *seps; k++)
                    if (starts_with(p + i, seps[k])) {
                        n = i;
                        step = strlen(seps[k]);
                        break;
                    }
            const char *lab, *val;
            if (n) {
                if (!piece_point(a, p, n, &lab, &val)) return false;
                if (pass) f(arg, lab, val);
                count++;
            }
            p += n + step;
        }
        if (!count) return false;
    }
    return true;
}

/* A row labelled by its first non-empty cell: the cell is `label` (after an optional 其中：) and nothing
 * else, or the label followed by an amount. *value is the amount ("" when none) from the same or the
 * next cell; false when the row is something else (a purpose that starts with the word, say). */
static bool money_row(const ys_tline *l, const char *label, const char **value)
{
    int first = ys_tline_first(l);
    if (first < 0) return false;
    const char *rest = label_rest(l->cells[first].norm, label);
    if (!rest) return false;
    if (*rest) {
        if (!is_amount(rest)) return false;
        *value = rest;
        return l->nfilled == 1;
    }
    *value = "";
    for (size_t j = (size_t)first + 1; j < l->ncells; j++) {
        const char *v = l->cells[j].norm;
        if (!*v) continue;
        if (!is_amount(v)) return false;
        if (**value) return false;   /* two amounts: not this layout */
        *value = v;
    }
    return true;
}

/* A row whose first cell is a short label ending in 资金用途 ("资金用途", "项目资金用途"): the purpose. */
static bool purpose_row(const ys_tline *l)
{
    int first = ys_tline_first(l);
    if (first < 0) return false;
    const char *k = l->cells[first].norm;
    return ends_with(k, "资金用途") && ys_utf8_len(k) <= 8 && !starts_with(k, "预算规模");
}

/* ---- the parts of a table -------------------------------------------------------------------- */

static bool is_indicator_header(const ys_tline *l)
{
    bool l1 = false, l2 = false;
    for (size_t i = 0; i < l->ncells; i++) {
        if (ys_text_eq(l->cells[i].norm, "一级指标")) l1 = true;
        if (ys_text_eq(l->cells[i].norm, "二级指标")) l2 = true;
    }
    return l1 && l2;
}

static void read_indicator_header(ctx *c, const ys_tline *l)
{
    for (int f = 0; f < F__COUNT; f++) c->ind_col[f] = -1;
    for (size_t i = 0; i < l->ncells; i++) {
        const char *k = l->cells[i].norm;
        int f = -1;
        if (ys_text_eq(k, "一级指标")) f = F_L1;
        else if (ys_text_eq(k, "二级指标")) f = F_L2;
        else if (ys_text_eq(k, "三级指标")) f = F_L3;
        else if (ys_text_find(k, "描述") || ys_text_eq(k, "指标内容")) f = F_DESC;
        else if (ys_text_find(k, "依据")) f = F_BASIS;
        else if (ys_text_find(k, "指标值") || ys_text_eq(k, "目标值")) f = F_VALUE;
        if (f >= 0 && c->ind_col[f] < 0) c->ind_col[f] = (int)i;
    }
    c->ind_header = true;
}

static const char **ind_field(ys_indicator *in, int f)
{
    switch (f) {
    case F_L1: return &in->level1;
    case F_L2: return &in->level2;
    case F_L3: return &in->level3;
    case F_DESC: return &in->description;
    case F_VALUE: return &in->value;
    default: return &in->basis;
    }
}

/* Write the continued fields of the last indicator back to it. */
static void flush_continuation(ctx *c)
{
    if (!c->cont_open) return;
    ys_project *p = proj(c);
    ys_indicator *in = &p->indicators[p->nindicators - 1];
    for (int k = 0; k < F__COUNT; k++)
        *ind_field(in, k) = ys_arena_strndup(c->d->arena, ys_buf_str(&c->cont[k]), c->cont[k].len);
    c->cont_open = false;
}

static bool buf_ends_with(const ys_buf *b, const char *t)
{
    size_t m = strlen(t);
    return m <= b->len && memcmp(b->data + b->len - m, t, m) == 0;
}

static void read_indicator_row(ctx *c, size_t li)
{
    const ys_tline *l = &c->td->lines[li];
    ys_project *p = proj(c);
    const char *f[F__COUNT];
    for (int k = 0; k < F__COUNT; k++) f[k] = cell(l, c->ind_col[k]);
    ys_indicator *prev = p->nindicators ? &p->indicators[p->nindicators - 1] : NULL;
    bool row = *f[F_L1] || *f[F_L2] || (*f[F_L3] && *f[F_VALUE]);
    if (prev && !row) {
        /* continuation of the row above, cell by cell (glued, as a cell wrapped across a page); a tail
         * the cell above already ends with is not repeated. Built in buffers: linear in the text. */
        if (!c->cont_open) {
            for (int k = 0; k < F__COUNT; k++) {
                ys_buf_reset(&c->cont[k]);
                ys_buf_adds(&c->cont[k], *ind_field(prev, k));
            }
            c->cont_open = true;
        }
        for (int k = 0; k < F__COUNT; k++)
            if (*f[k] && !buf_ends_with(&c->cont[k], f[k])) ys_buf_adds(&c->cont[k], f[k]);
        return;
    }
    flush_continuation(c);
    ys_indicator *in = ys_project_add_indicator(c->d, p);
    prev = p->nindicators > 1 ? &p->indicators[p->nindicators - 2] : NULL;
    for (int k = 0; k < F__COUNT; k++) *ind_field(in, k) = f[k];
    if (!*in->level1 && prev) in->level1 = prev->level1;
    if (!*in->level2 && prev && *in->level3) in->level2 = prev->level2;
    in->src = ys_tdoc_source(c->td, li);
}

static bool has_point(const ys_project *p, const char *label, size_t *at)
{
    for (size_t i = 0; i < p->nschedule; i++)
        if (ys_text_eq(p->schedule[i].label, label)) {
            *at = i;
            return true;
        }
    return false;
}

static void add_point(ctx *c, size_t li, const char *label, const char *value)
{
    ys_project *p = proj(c);
    size_t at;
    if (has_point(p, label, &at)) {
        /* a repeated header+values pair: nothing new unless the value differs */
        if (!ys_text_eq(p->schedule[at].value.text, value))
            ys_diags_add(c->diags, YS_DIAG_WARNING, c->td->file, c->td->lines[li].lineno, 0,
                         "项目绩效目标表“%s”的资金支出计划重复列出“%s”，数值不同（%s 与 %s），取第一次的数值",
                         p->name, label, p->schedule[at].value.text, value);
        return;
    }
    ys_schedule_point pt;
    memset(&pt, 0, sizeof pt);
    pt.label = label;
    ys_cell_set_printed(c->d, &pt.value, value, p->unit, ys_tdoc_source(c->td, li));
    YS_VEC_PUSH(c->d->arena, p->schedule, p->nschedule, c->schedule_cap, pt);
}

/* A line of the schedule with labels and/or values. Returns false when it holds neither. */
static bool read_schedule_line(ctx *c, size_t li)
{
    const ys_tline *l = &c->td->lines[li];
    ys_arena *a = c->d->arena;
    const char *pending = NULL;             /* a label cell waiting for its value */
    const char *loose[MAX_SCHED_COLS];      /* values without a label of their own or of the header */
    size_t nloose = 0;
    bool any = false;
    for (size_t i = 0; i < l->ncells; i++) {
        const char *v = l->cells[i].norm, *lab, *val;
        if (!*v) continue;
        if ((lab = sched_label(a, v))) {
            pending = lab;
            any = true;
        } else if (label_and_value(a, v, &lab, &val)) {
            add_point(c, li, lab, val);
            pending = NULL;
            any = true;
        } else if (is_amount(v)) {
            any = true;
            if (pending) add_point(c, li, pending, v);
            else if (i < MAX_SCHED_COLS && c->sched_label[i]) add_point(c, li, c->sched_label[i], v);
            else if (nloose < MAX_SCHED_COLS) loose[nloose++] = v;
            pending = NULL;
        } else {
            return any;   /* text: not a schedule line */
        }
    }
    /* values off the header's columns: pair them in order with the header labels not yet read */
    for (size_t i = 0, k = 0; i < nloose; i++) {
        size_t at;
        while (k < MAX_SCHED_COLS && (!c->sched_label[k] || has_point(proj(c), c->sched_label[k], &at))) k++;
        if (k == MAX_SCHED_COLS) {
            ys_diags_add(c->diags, YS_DIAG_WARNING, c->td->file, l->lineno, 0,
                         "项目绩效目标表“%s”的资金支出计划有数值“%s”对不上时点", proj(c)->name, loose[i]);
            continue;
        }
        add_point(c, li, c->sched_label[k], loose[i]);
    }
    return any;
}

/* A schedule header: 资金支出计划 in the first cell, or labels and no amounts. */
static bool is_schedule_header(ctx *c, const ys_tline *l)
{
    if (starts_with(l->key, "资金支出计划")) return true;
    size_t labels = 0;
    for (size_t i = 0; i < l->ncells; i++) {
        const char *v = l->cells[i].norm;
        if (!*v) continue;
        if (sched_label(c->d->arena, v)) labels++;
        else return false;
    }
    return labels >= 2;
}

typedef struct {
    ctx *c;
    size_t li;
} point_sink;

static void sink_point(void *arg, const char *label, const char *value)
{
    point_sink *ps = arg;
    add_point(ps->c, ps->li, label, value);
}

/* The schedule header; points printed in the same line ("资金支出计划<TAB>3月底 4.56；6月底 …", the
 * layout of one labelled row) are read at once. */
static void read_schedule_header(ctx *c, size_t li)
{
    const ys_tline *l = &c->td->lines[li];
    ys_arena *a = c->d->arena;
    point_sink ps = {c, li};
    for (size_t i = 0; i < MAX_SCHED_COLS; i++) c->sched_label[i] = NULL;
    for (size_t i = 0; i < l->ncells && i < MAX_SCHED_COLS; i++)
        c->sched_label[i] = sched_label(a, l->cells[i].norm);
    if (ys_text_find(l->norm, "%")) proj(c)->schedule_percent = true;
    for (size_t i = 0; i < l->ncells; i++) {
        const char *v = l->cells[i].norm;
        if (*v && !sched_label(a, v) && !starts_with(v, "资金支出计划")) points_cell(a, v, sink_point, &ps);
    }
}

static bool is_page_header(const ctx *c, const ys_tline *l)
{
    const char *k = l->key;
    if (l->nfilled == 1 && (starts_with(k, "单位:") || starts_with(k, "金额单位:"))) return true;
    if (starts_with(k, "预算年度") || starts_with(k, "决算年度")) return true;
    return c->page_header && ys_text_eq(k, c->page_header);
}

/* ---- one table ------------------------------------------------------------------------------- */

/* Read the table whose title is line `title`; returns the index after its last line. */
static size_t read_project(ctx *c, size_t title, int seq)
{
    ys_tdoc *td = c->td;
    ys_disclosure *d = c->d;
    ys_arena *a = d->arena;
    const ys_tline *tl = &td->lines[title];
    ys_project *p = ys_disclosure_add_project(d);
    c->pi = d->nprojects - 1;
    c->st = ST_HEAD;
    c->schedule_cap = 0;
    c->ind_header = false;
    ys_buf_reset(&c->purpose);
    ys_buf_reset(&c->goal);
    for (int f = 0; f < F__COUNT; f++) c->ind_col[f] = f;
    for (size_t i = 0; i < MAX_SCHED_COLS; i++) c->sched_label[i] = NULL;
    p->seq = seq;
    p->title = tl->cells[ys_tline_first(tl)].norm;
    p->name = name_from_title(a, p->title);
    p->unit = d->meta.unit;
    p->src = ys_tdoc_source(td, title);
    td->claimed[title] = 1;
    bool budget = false;

    size_t i = title + 1;
    for (; i < td->nlines; i++) {
        const ys_tline *l = &td->lines[i];
        int dummy;
        if (l->blank) {
            td->claimed[i] = 1;
            continue;
        }
        if (td->claimed[i]) continue;
        if (project_title(l, &dummy) || section_heading(l)) break;
        p = proj(c);
        const char *v;
        int first = ys_tline_first(l);
        if (is_page_header(c, l)) {
            if (ys_text_find(l->key, "单位:")) {
                ys_unit u = ys_unit_from_text(l->norm);
                if (u != YS_UNIT_UNKNOWN) p->unit = u;
            }
        } else if (is_indicator_header(l)) {
            if (!c->ind_header) read_indicator_header(c, l);   /* a repeated one is a page header */
            c->st = ST_INDICATORS;
        } else if (c->st == ST_INDICATORS) {
            if (l->nfilled == 1 && first == 0) break;   /* a lone title: the table ended */
            read_indicator_row(c, i);
        } else if (labelled_value(l, "项目编码", false, &v)) {
            p->code = v;
            if (labelled_value(l, "项目名称", true, &v) && *v) p->name = v;
            c->st = ST_HEAD;
        } else if (labelled_value(l, "预算数", false, &v)) {
            ys_source src = ys_tdoc_source(td, i);
            budget = ys_cell_set_printed(d, &p->budget, v, p->unit, src) && *v;
            if (labelled_value(l, "财政资金", false, &v)) ys_cell_set_printed(d, &p->fiscal, v, p->unit, src);
            if (labelled_value(l, "其他资金", false, &v)) ys_cell_set_printed(d, &p->other, v, p->unit, src);
            c->st = ST_PURPOSE;
        } else if ((c->st == ST_HEAD || c->st == ST_PURPOSE) &&
                   (money_row(l, "其他资金", &v) || money_row(l, "财政资金", &v))) {
            /* "其他资金" / "其中：财政资金" on a labelled row of its own */
            ys_cell *target = label_rest(cell(l, first), "其他资金") ? &p->other : &p->fiscal;
            ys_cell_set_printed(d, target, v, p->unit, ys_tdoc_source(td, i));
        } else if (purpose_row(l)) {
            /* "资金用途<TAB>发放…": the purpose on a labelled row; continuation lines follow */
            add_paragraph(&c->purpose, join_cells(a, l, (size_t)first + 1));
            c->st = ST_PURPOSE;
        } else if (is_schedule_header(c, l)) {
            read_schedule_header(c, i);
            c->st = ST_SCHEDULE;
        } else if (ends_with(cell(l, first), "绩效目标") && ys_utf8_len(cell(l, first)) <= 8) {
            ys_buf_reset(&c->goal);
            add_paragraph(&c->goal, join_cells(a, l, (size_t)first + 1));
            c->st = ST_GOAL;
        } else if (c->st == ST_SCHEDULE && read_schedule_line(c, i)) {
            /* values, or a label with its value */
        } else if (c->st == ST_SCHEDULE || c->st == ST_GOAL) {
            /* text after the schedule without its label, or a continuation: the goal */
            add_paragraph(&c->goal, join_cells(a, l, 0));
            c->st = ST_GOAL;
        } else if (c->st == ST_PURPOSE) {
            add_paragraph(&c->purpose, join_cells(a, l, 0));
        } else {
            ys_diags_add(c->diags, YS_DIAG_WARNING, td->file, l->lineno, 0,
                         "项目绩效目标表“%s”中有无法识别的行：%s", p->name, l->norm);
        }
        td->claimed[i] = 1;
    }

    flush_continuation(c);
    p = proj(c);
    p->purpose = ys_arena_strndup(a, ys_buf_str(&c->purpose), c->purpose.len);
    p->goal = ys_arena_strndup(a, ys_buf_str(&c->goal), c->goal.len);
    if (!*p->code)
        ys_diags_add(c->diags, YS_DIAG_WARNING, td->file, tl->lineno, 0,
                     "项目绩效目标表“%s”无法读取：没有项目编码", p->title);
    if (!budget)
        ys_diags_add(c->diags, YS_DIAG_WARNING, td->file, tl->lineno, 0,
                     "项目绩效目标表“%s”无法读取：没有预算数", p->title);
    if (!p->nindicators)
        ys_diags_add(c->diags, YS_DIAG_WARNING, td->file, tl->lineno, 0,
                     "项目绩效目标表“%s”无法读取：没有绩效指标", p->title);
    return i;
}

/* A title directly followed by another title (blank lines and page headers between them aside) is a
 * group heading over the tables ("项目支出绩效目标表" above "1、…绩效目标表"), not a project. */
static bool group_heading(const ctx *c, size_t title)
{
    const ys_tdoc *td = c->td;
    for (size_t j = title + 1; j < td->nlines; j++) {
        const ys_tline *l = &td->lines[j];
        int seq;
        if (l->blank || td->claimed[j] || is_page_header(c, l)) continue;
        return project_title(l, &seq);
    }
    return false;
}

void ys_text_read_projects(ys_tdoc *td, ys_diags *diags)
{
    ctx c;
    memset(&c, 0, sizeof c);
    c.td = td;
    c.diags = diags;
    c.d = td->doc;
    if (c.d->meta.department_code && c.d->meta.department)
        c.page_header = ys_text_key(c.d->arena, ys_arena_printf(c.d->arena, "%s %s", c.d->meta.department_code,
                                                                 c.d->meta.department));
    size_t i = 0;
    while (i < td->nlines) {
        int seq;
        if (!td->claimed[i] && project_title(&td->lines[i], &seq)) {
            if (group_heading(&c, i)) {
                td->claimed[i++] = 1;
                continue;
            }
            i = read_project(&c, i, seq);
        } else {
            i++;
        }
    }
    ys_buf_release(&c.purpose);
    ys_buf_release(&c.goal);
    for (int k = 0; k < F__COUNT; k++) ys_buf_release(&c.cont[k]);
}
