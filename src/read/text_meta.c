/*
 * text_meta.c — META stage of the text reader (see text_internal.h): the document's department, its
 * printed code, region (行政区划), year, kind (预算/决算), scope (部门/单位) and the money unit most
 * tables state.
 *
 * Signals, all general:
 *  - department + code: the page-header line "323 赵县人力资源和社会保障局" that heads each table page
 *    (a single cell: digits, a space, a name without sentence punctuation), the most frequent one when
 *    it occurs at least twice; otherwise the name before the year in the 情况说明/目录 title.
 *  - region: the shortest prefix of the department name ending in an administrative suffix
 *    (省/市/区/县/旗/州/盟), chained down the levels ("上海市" + "普陀区"); the suffixes and their
 *    levels are the small table `admin_suffixes` below.
 *  - year: "预算年度：2024" (the number may sit on the next line) and titles "2024 年部门预算…".
 *  - kind: titles saying 部门/单位 预算 or 决算, and the 决算 column headers 年初预算数 / 决算数.
 *  - scope: 部门预算/部门决算 → 部门, 单位预算/单位决算 → 单位.
 *  - unit: every "单位：万元" / "金额单位：万元" cell; the strict majority wins.
 * Conflicting signals leave the field unknown with one warning per field. The stage claims no line:
 * the department and unit lines are page headers the table stage reads too.
 */
#include "read/text_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"

/* Administrative-division suffixes and their level (1 province, 2 prefecture, 3 county). A chained
 * prefix must go strictly down the levels ("上海市普陀区": 2 then 3). 市 may be a county-level city
 * too; it is taken at level 2 when it comes first and at level 3 after a level-2 prefix. */
static const struct {
    const char *suffix;
    int level;
} admin_suffixes[] = {
    {"省", 1}, {"自治区", 1}, {"市", 2}, {"州", 2}, {"盟", 2}, {"地区", 2},
    {"区", 3}, {"县", 3}, {"旗", 3}, {"市", 3},
};

#define MAX_DEPARTMENT_LINES 64   /* distinct department lines counted */
#define MAX_REGION_SEGMENT 10   /* code points of one administrative segment ("新疆维吾尔自治区") */

static bool starts_with(const char *s, const char *p)
{
    return ys_text_starts(s, p);   /* inline, byte by byte (core/text.h) */
}

static bool all_digits(const char *s, size_t n)
{
    if (n == 0) return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

/* ys_utf8_len(k) > max for a key, which is valid UTF-8 (one code point per byte that is not a
 * continuation byte), reading no further than needed. */
static bool longer_than(const char *k, size_t max)
{
    size_t count = 0;
    for (const unsigned char *u = (const unsigned char *)k; *u; u++)
        if ((*u & 0xC0) != 0x80 && ++count > max) return true;
    return false;
}

/* A title-like line: one filled cell, short, no sentence punctuation. */
static bool title_like(const ys_tline *l)
{
    if (l->nfilled != 1) return false;
    const char *k = l->key;
    if (longer_than(k, 60)) return false;
    return !strchr(k, ',') && !strchr(k, ';') && !ys_text_find(k, "\xe3\x80\x82") /* 。 */;
}

/* Sentence punctuation that a department name never holds. */
static bool has_sentence_punct(const char *s)
{
    return ys_text_find(s, ",") || ys_text_find(s, "\xe3\x80\x82") || ys_text_find(s, "\xe3\x80\x81") /* 、 */ ||
           ys_text_find(s, ";") || ys_text_find(s, ":");
}

/* "323 赵县人力资源和社会保障局" → code "323", name "赵县…" (normalised text keeps the space). */
static bool split_department_line(const ys_tline *l, const char **name, size_t *codelen)
{
    if (l->nfilled != 1) return false;
    int f = ys_tline_first(l);
    const char *c = ys_tline_cell(l, (size_t)f);
    size_t n = 0;
    while (c[n] >= '0' && c[n] <= '9') n++;
    if (n == 0 || n > 12 || c[n] != ' ') return false;
    const char *rest = c + n + 1;
    if (ys_utf8_len(rest) < 2 || ys_utf8_len(rest) > 40 || has_sentence_punct(rest)) return false;
    /* the name must be text: a CJK first character */
    size_t i = 0;
    int cp = ys_utf8_next(rest, strlen(rest), &i);
    if (!ys_is_cjk(cp)) return false;
    *name = rest;
    *codelen = n;
    return true;
}

/* Region of a department name; NULL when none. */
static const char *region_of(ys_arena *a, const char *name)
{
    size_t n = strlen(name), pos = 0;
    int level = 0;
    size_t end = 0;   /* bytes of the region found so far */
    for (;;) {
        /* shortest segment from pos (at least 2 code points) ending in a suffix of a lower level */
        size_t i = pos, cps = 0, seg_end = 0;
        int seg_level = 0;
        while (i < n && cps < MAX_REGION_SEGMENT && !seg_end) {
            int cp = ys_utf8_next(name, n, &i);
            cps++;
            if (cp < 0 || !ys_is_cjk(cp)) break;
            for (size_t k = 0; k < sizeof admin_suffixes / sizeof *admin_suffixes; k++) {
                const char *suf = admin_suffixes[k].suffix;
                size_t sl = strlen(suf);
                if (admin_suffixes[k].level <= level) continue;
                if (i >= pos + sl && memcmp(name + i - sl, suf, sl) == 0 && cps > ys_utf8_len(suf)) {
                    seg_end = i;
                    seg_level = admin_suffixes[k].level;
                    break;
                }
            }
        }
        if (!seg_end || seg_end >= n) break;   /* a region is a prefix, never the whole name */
        end = seg_end;
        level = seg_level;
        pos = seg_end;
        if (level >= 3) break;
    }
    return end ? ys_arena_strndup(a, name, end) : NULL;
}

/* A year "YYYY" at s (4 digits, plausible). */
static int year_at(const char *s)
{
    if (!all_digits(s, 4) || (s[4] >= '0' && s[4] <= '9')) return 0;
    int y = atoi(s);
    return y >= 1990 && y <= 2100 ? y : 0;
}

/* In a key: "2024年部门预算", "2024年度单位决算" → 2024. */
static int title_year(const char *key)
{
    for (const char *p = key; *p; p++) {
        if (*p < '0' || *p > '9') continue;   /* year_at would say 0 */
        if (p > key && p[-1] >= '0' && p[-1] <= '9') continue;
        int y = year_at(p);
        if (!y) continue;
        const char *q = p + 4;
        if (!starts_with(q, "年")) continue;
        q += strlen("年");
        if (starts_with(q, "度")) q += strlen("度");
        if (starts_with(q, "部门") || starts_with(q, "单位")) return y;
    }
    return 0;
}

typedef struct {
    int value;      /* first value seen; -1 after a conflict */
    int line;       /* its line */
    int other_line; /* a conflicting line */
} signal;

static void signal_add(signal *s, int v, int line)
{
    if (!v || s->value < 0) return;
    if (!s->value) {
        s->value = v;
        s->line = line;
    } else if (s->value != v) {
        s->value = -1;
        s->other_line = line;
    }
}

void ys_text_read_meta(ys_tdoc *td, ys_diags *diags)
{
    ys_disclosure *d = td->doc;
    ys_arena *a = d->arena;
    signal year = {0, 0, 0}, kind = {0, 0, 0}, scope = {0, 0, 0};
    int unit_count[4] = {0, 0, 0, 0};

    /* department lines: count distinct texts (a few distinct ones at most in a real document) */
    struct {
        const char *text;
        int count;
    } seen[MAX_DEPARTMENT_LINES];
    size_t nseen = 0;
    const char *best = NULL;
    int best_count = 0;
    for (size_t i = 0; i < td->nlines; i++) {
        const ys_tline *l = &td->lines[i];
        const char *name;
        size_t cl;
        if (!split_department_line(l, &name, &cl)) continue;
        const char *text = ys_tline_cell(l, (size_t)ys_tline_first(l));
        size_t k = 0;
        while (k < nseen && !ys_text_eq(seen[k].text, text)) k++;
        if (k == nseen) {
            if (nseen == MAX_DEPARTMENT_LINES) continue;
            seen[nseen].text = text;
            seen[nseen++].count = 0;
        }
        if (++seen[k].count > best_count) {
            best = text;
            best_count = seen[k].count;
        }
    }
    if (best && best_count >= 2) {
        size_t n = 0;
        while (best[n] >= '0' && best[n] <= '9') n++;
        d->meta.department_code = ys_arena_strndup(a, best, n);
        d->meta.department = ys_arena_strdup(a, best + n + 1);
    }

    for (size_t i = 0; i < td->nlines; i++) {
        const ys_tline *l = &td->lines[i];
        if (l->blank) continue;
        const char *k = l->key;
        int lineno = l->lineno;

        /* 预算年度：2024 / 决算年度：2024 (number possibly on the next non-blank line) */
        const char *yp = ys_text_find(k, "年度:");
        if (yp && (yp - k) <= 12) {
            const char *v = yp + strlen("年度:");
            int y = year_at(v);
            if (!*v) {
                for (size_t j = i + 1; j < td->nlines && j <= i + 3; j++) {
                    if (td->lines[j].blank) continue;
                    y = year_at(td->lines[j].key);
                    if (y && strlen(td->lines[j].key) != 4) y = 0;
                    break;
                }
            }
            signal_add(&year, y, lineno);
        }

        /* units */
        for (size_t c = 0; c < l->ncells; c++) {
            const char *cell = l->cells[c].norm;
            if (!*cell) continue;
            if (starts_with(cell, "单位") || starts_with(cell, "金额单位")) {
                const char *colon = ys_text_find(cell, ":");
                if (!colon || (size_t)(colon - cell) > strlen("金额单位")) continue;
                ys_unit u = ys_unit_from_text(colon);
                if (u != YS_UNIT_UNKNOWN) unit_count[u]++;
            }
            /* 决算 column headers */
            if (cell[0] == '\xE5' && (ys_text_eq(cell, "决算数") || ys_text_eq(cell, "年初预算数")))
                signal_add(&kind, YS_KIND_FINAL, lineno);
        }

        if (!title_like(l)) continue;
        signal_add(&year, title_year(k), lineno);
        /* the four words, each looked for once, and only in a key that holds 算 (E7 AE 97) */
        bool suan = ys_text_find(k, "\xe7\xae\x97") != NULL;
        bool dep_b = suan && ys_text_find(k, "部门预算"), dep_f = suan && ys_text_find(k, "部门决算");
        bool unit_b = suan && ys_text_find(k, "单位预算"), unit_f = suan && ys_text_find(k, "单位决算");
        bool dep = dep_b || dep_f;
        bool unit = unit_b || unit_f;
        bool budget = dep_b || unit_b;
        bool final = dep_f || unit_f;
        if (dep != unit) signal_add(&scope, dep ? YS_SCOPE_DEPARTMENT : YS_SCOPE_UNIT, lineno);
        if (budget != final) signal_add(&kind, budget ? YS_KIND_BUDGET : YS_KIND_FINAL, lineno);

        /* fallback department: the name before the year of the 情况说明 / 目录 title */
        if (!d->meta.department && (ys_text_find(k, "情况说明") || ys_text_find(k, "目录")) && title_year(k)) {
            const char *cell = ys_tline_cell(l, (size_t)ys_tline_first(l));
            const char *p = cell;
            while (*p && !(year_at(p) && (p == cell || p[-1] < '0' || p[-1] > '9'))) p++;
            size_t n = (size_t)(p - cell);
            while (n && cell[n - 1] == ' ') n--;
            if (*p && ys_utf8_len(cell) > 0 && n >= 4) d->meta.department = ys_arena_strndup(a, cell, n);
        }
    }

    if (d->meta.department) d->meta.region = region_of(a, d->meta.department);

    if (year.value > 0) d->meta.year = year.value;
    else if (year.value < 0)
        ys_diags_add(diags, YS_DIAG_WARNING, td->file, year.other_line, 0,
                     "文档年度不一致（第 %d 行与第 %d 行），年度无法确定", year.line, year.other_line);

    if (kind.value > 0) d->meta.kind = (ys_kind)kind.value;
    else if (kind.value < 0)
        ys_diags_add(diags, YS_DIAG_WARNING, td->file, kind.other_line, 0,
                     "文档既像预算又像决算（第 %d 行与第 %d 行），类型无法确定", kind.line, kind.other_line);
    else if (year.value || scope.value) d->meta.kind = YS_KIND_BUDGET;   /* 预算 unless it says 决算 */

    if (scope.value > 0) d->meta.scope = (ys_scope)scope.value;
    else if (scope.value < 0)
        ys_diags_add(diags, YS_DIAG_WARNING, td->file, scope.other_line, 0,
                     "文档既称部门又称单位（第 %d 行与第 %d 行），公开主体范围无法确定", scope.line,
                     scope.other_line);

    int total = unit_count[1] + unit_count[2] + unit_count[3], bu = 0;
    for (int u = 1; u <= 3; u++)
        if (unit_count[u] > unit_count[bu]) bu = u;
    if (bu && unit_count[bu] * 2 > total) d->meta.unit = (ys_unit)bu;
    else if (total)
        ys_diags_add(diags, YS_DIAG_WARNING, td->file, 0, 0,
                     "各表金额单位不一致（元 %d 处、万元 %d 处、亿元 %d 处），文档单位无法确定",
                     unit_count[YS_UNIT_YUAN], unit_count[YS_UNIT_WANYUAN], unit_count[YS_UNIT_YIYUAN]);
}
