/*
 * text_toc.c — TOC stage of the text reader (see text_internal.h): the table of contents (目录) at the
 * top of a published document.
 *
 * The TOC starts at a title line holding "目录" near the top (or, without one, at the first run of at
 * least three entry lines there). An entry is a line whose last filled cell is a page number ("部门预算
 * 收支总表<TAB>1", also "…………1" in one cell); a one-cell line between entries is a group heading
 * ("部门预算公开表", "部门预算信息公开情况说明"). The TOC ends at the first line that is neither, or
 * at a one-cell line not followed by an entry (the first table's title). Every line of it is claimed,
 * so the table stage does not take the titles for tables and the narrative stage does not take the
 * 情况说明 heading for its start.
 *
 * An entry names a standard table when its title is not a numbered section ("一、…") and holds the
 * keywords of `toc_tables` below (first match wins: the specific before the general).
 */
#include "read/text_internal.h"

#include <stdlib.h>
#include <string.h>

#include "core/text.h"

#define TOC_SEARCH_LINES 200   /* the TOC is near the top */

/* Title keywords → table id; every keyword of a row must occur in the title's key. */
static const struct {
    const char *kw[3];
    ys_table_id id;
} toc_tables[] = {
    {{"三公", NULL, NULL}, YS_TABLE_THREE_PUBLIC},
    {{"财政拨款收支总表", NULL, NULL}, YS_TABLE_FISCAL_SUMMARY},
    {{"收支总表", NULL, NULL}, YS_TABLE_SUMMARY},
    {{"收入总表", NULL, NULL}, YS_TABLE_INCOME},
    {{"支出总表", NULL, NULL}, YS_TABLE_EXPENSE},
    {{"一般公共预算", "基本支出", NULL}, YS_TABLE_GPB_BASIC},
    {{"一般公共预算", "支出", NULL}, YS_TABLE_GPB_EXPENSE},
    {{"政府性基金", NULL, NULL}, YS_TABLE_GOV_FUND},
    {{"国有资本经营", NULL, NULL}, YS_TABLE_SOE_CAPITAL},
    {{"政府采购", NULL, NULL}, YS_TABLE_PROCUREMENT},
    {{"资产", NULL, NULL}, YS_TABLE_ASSETS},
    {{"机构设置", NULL, NULL}, YS_TABLE_ORGANISATION},
};

static bool is_cn_digit(const char *s, size_t *len)
{
    static const char *const digits[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "〇", "零"};
    for (size_t i = 0; i < sizeof digits / sizeof *digits; i++) {
        size_t l = strlen(digits[i]);
        if (strncmp(s, digits[i], l) == 0) {
            *len = l;
            return true;
        }
    }
    return false;
}

/* "一、…", "十一、…": a numbered section, not a table. */
static bool numbered_section(const char *key)
{
    size_t i = 0, l;
    while (is_cn_digit(key + i, &l)) i += l;
    return i > 0 && strncmp(key + i, "、", strlen("、")) == 0;
}

static ys_table_id table_of(const char *key)
{
    if (numbered_section(key) || !ys_text_find(key, "表")) return YS_TABLE_NONE;
    if (ys_text_find(key, "绩效目标")) return YS_TABLE_NONE;
    for (size_t i = 0; i < sizeof toc_tables / sizeof *toc_tables; i++) {
        bool all = true;
        for (int k = 0; k < 3 && toc_tables[i].kw[k]; k++)
            if (!ys_text_find(key, toc_tables[i].kw[k])) all = false;
        if (all) return toc_tables[i].id;
    }
    return YS_TABLE_NONE;
}

/* Length of s without trailing spaces and dot leaders ("……", "...", "·"). */
static size_t strip_leaders(const char *s, size_t t)
{
    for (;;) {
        while (t && (s[t - 1] == ' ' || s[t - 1] == '.')) t--;
        if (t >= 3 && (memcmp(s + t - 3, "…", 3) == 0 || memcmp(s + t - 3, "⋯", 3) == 0)) t -= 3;
        else if (t >= 2 && memcmp(s + t - 2, "·", 2) == 0) t -= 2;
        else return t;
    }
}

/* A page number: 1–4 ASCII digits, the whole of s[0..n). */
static int page_of(const char *s, size_t n)
{
    if (n == 0 || n > 4) return 0;
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return 0;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Is line l a TOC entry? Fills title (normalised, arena) and page. */
static bool entry_of(ys_arena *a, const ys_tline *l, const char **title, int *page)
{
    if (l->nfilled == 0 || l->nfilled > 2) return false;
    const char *first = ys_tline_cell(l, (size_t)ys_tline_first(l));
    size_t n = strlen(first), te;
    if (l->nfilled == 2) {
        const char *p = ys_tline_cell(l, (size_t)ys_tline_last(l));
        *page = page_of(p, strlen(p));
        te = strip_leaders(first, n);
    } else {
        /* "标题……12" in one cell: digits after a leader or a space */
        size_t d = n;
        while (d && first[d - 1] >= '0' && first[d - 1] <= '9') d--;
        *page = page_of(first + d, n - d);
        te = strip_leaders(first, d);
        if (te == d) return false;
    }
    if (*page <= 0 || te == 0) return false;
    *title = ys_arena_strndup(a, first, te);
    /* a title is text: it must hold at least one CJK character */
    size_t i = 0;
    bool cjk = false;
    while (i < te && !cjk) cjk = ys_is_cjk(ys_utf8_next(*title, te, &i));
    return cjk;
}

static size_t next_nonblank(const ys_tdoc *td, size_t i)
{
    while (i < td->nlines && td->lines[i].blank) i++;
    return i;
}

void ys_text_read_toc(ys_tdoc *td, ys_diags *diags)
{
    (void)diags;
    ys_disclosure *d = td->doc;
    ys_arena *a = d->arena;
    size_t limit = td->nlines < TOC_SEARCH_LINES ? td->nlines : TOC_SEARCH_LINES;
    size_t start = td->nlines;
    for (size_t i = 0; i < limit; i++) {
        const ys_tline *l = &td->lines[i];
        if (l->nfilled == 1 && ys_text_find(l->key, "目录") && ys_utf8_len(l->key) <= 40) {
            start = i + 1;
            td->claimed[i] = 1;
            break;
        }
    }
    if (start == td->nlines) {
        /* no 目录 title: the first run of three entries near the top */
        for (size_t i = 0; i < limit && start == td->nlines; i++) {
            const char *t;
            int pg, n = 0;
            for (size_t j = next_nonblank(td, i); j < td->nlines && n < 3; j = next_nonblank(td, j + 1)) {
                if (!entry_of(a, &td->lines[j], &t, &pg)) break;
                n++;
            }
            if (n >= 3) start = i;
        }
        if (start == td->nlines) return;
    }

    for (size_t i = start; i < td->nlines; i++) {
        const ys_tline *l = &td->lines[i];
        if (l->blank) continue;
        if (td->claimed[i]) break;
        const char *title;
        int page = 0;
        if (entry_of(a, l, &title, &page)) {
            ys_toc_entry *e = ys_disclosure_add_toc(d);
            e->title = title;
            e->page = page;
            e->table = table_of(ys_text_key(a, title));
            e->src = ys_tdoc_source(td, i);
            td->claimed[i] = 1;
            continue;
        }
        /* a group heading: one cell, followed by an entry */
        if (l->nfilled == 1) {
            size_t j = next_nonblank(td, i + 1);
            if (j < td->nlines && entry_of(a, &td->lines[j], &title, &page)) {
                td->claimed[i] = 1;
                continue;
            }
        }
        break;
    }
}
