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
 * A 目录 title followed by no page-numbered entry (a 决算 whose 目录 is a list of headings) is read as
 * the run of short heading-like lines after it (read_plain_toc): entries with page 0, a line holding two
 * numbered entries split into two; so the body's own headings, not these, start the 情况说明 sections.
 *
 * An entry names a standard table when its title is not a numbered section ("一、…") and holds the
 * keywords of `toc_tables` below (first match wins: the specific before the general).
 */
#include "read/text_internal.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/text.h"

#define TOC_SEARCH_LINES 200   /* the TOC is near the top */
#define TOC_PLAIN_MAX_LINES 80    /* a 目录 without page numbers: at most this many lines */
#define TOC_PLAIN_MAX_CPS 80      /* … each at most this long (two entries on one line included) */
#define TOC_PLAIN_MAX_CELLS 3
#define TOC_PLAIN_MAX_TAIL_CPS 8  /* … its cells after the first short ("2024", "年度部门决算") */

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

/* Value of a numbered heading's prefix at s, "一、" … "九十九、"; *len its bytes up to and including
 * the "、"; 0 when s does not start with one. */
static int cn_numbered(const char *s, size_t *len)
{
    static const char *const digits[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    int v = 0, cur = 0;
    size_t i = 0, l;
    while (is_cn_digit(s + i, &l)) {
        if (strncmp(s + i, "十", l) == 0) {
            v += (cur ? cur : 1) * 10;
            cur = 0;
        } else {
            cur = 0;
            for (int k = 1; k < 10; k++)
                if (strncmp(s + i, digits[k], l) == 0) cur = k;
        }
        i += l;
    }
    v += cur;
    if (i == 0 || v == 0 || strncmp(s + i, "、", strlen("、")) != 0) return 0;
    *len = i + strlen("、");
    return v;
}

/* A line of a 目录 without page numbers: a short heading, not a sentence nor a table row: 1–3 cells
 * (pdftotext splits "第二部分…局<TAB>2024<TAB>年度部门决算"), the later cells short, some CJK, no
 * sentence punctuation. */
static bool plain_entry_line(const ys_tline *l)
{
    if (l->nfilled == 0 || l->nfilled > TOC_PLAIN_MAX_CELLS) return false;
    if (ys_utf8_len(l->key) > TOC_PLAIN_MAX_CPS) return false;
    if (ys_text_find(l->key, "。") || ys_text_find(l->key, "；") || ys_text_find(l->key, "：") ||
        ys_text_find(l->key, ":") || ys_text_find(l->key, ";"))
        return false;
    int first = ys_tline_first(l);
    const char *head = ys_tline_cell(l, (size_t)first);
    bool marker = strspn(head, "0123456789.、") == strlen(head);   /* "1.<TAB>2023年部门收入预算总表" */
    for (size_t c = (size_t)first + 1; c < l->ncells && !marker; c++)
        if (ys_utf8_len(ys_tline_cell(l, c)) > TOC_PLAIN_MAX_TAIL_CPS) return false;
    size_t i = 0, n = strlen(l->key);
    while (i < n)
        if (ys_is_cjk(ys_utf8_next(l->key, n, &i))) return true;
    return false;
}

/* "第三部分" at s: *len its bytes. */
static bool part_at(const char *s, size_t *len)
{
    size_t i = strlen("第"), l;
    if (strncmp(s, "第", i) != 0 || !is_cn_digit(s + i, &l)) return false;
    while (is_cn_digit(s + i, &l)) i += l;
    if (strncmp(s + i, "部分", strlen("部分")) != 0) return false;
    *len = i + strlen("部分");
    return true;
}

static void add_plain_entry(ys_tdoc *td, size_t line, const char *title, size_t n)
{
    ys_arena *a = td->doc->arena;
    ys_toc_entry *e = ys_disclosure_add_toc(td->doc);
    e->title = ys_arena_strndup(a, title, n);
    e->page = 0;
    e->table = table_of(ys_text_key(a, e->title));
    e->src = ys_tdoc_source(td, line);
}

/* One line of a 目录 without page numbers as entries: a numbered line holding further entries of the
 * next numbers ("六、…表七、…表", a two-column 目录 read row by row) is split into them; "第一部分…" is
 * an entry; any other line ("表", "情况说明": the wrapped end of a part's title) is only claimed. */
static void add_plain_entries(ys_tdoc *td, size_t line)
{
    const ys_tline *l = &td->lines[line];
    ys_buf b = YS_BUF_INIT;
    for (size_t c = 0; c < l->ncells; c++) ys_buf_adds(&b, ys_tline_cell(l, c));
    const char *t = ys_buf_str(&b);
    size_t n = b.len, pl;
    int num = cn_numbered(t, &pl);
    if (num || part_at(t, &pl)) {
        size_t from = 0, i = pl;
        bool prev_digit = false;
        while (i < n) {
            size_t at = i, dl, nl;
            if (part_at(t + at, &nl)) {   /* "…表第三部分…": the next part starts, numbering again */
                add_plain_entry(td, line, t + from, at - from);
                from = at;
                num = 0;
                i = at + nl;
                prev_digit = false;
                continue;
            }
            if (!prev_digit && cn_numbered(t + at, &nl) == num + 1) {
                add_plain_entry(td, line, t + from, at - from);
                from = at;
                num++;
                i = at + nl;
                prev_digit = false;
                continue;
            }
            prev_digit = is_cn_digit(t + at, &dl);
            ys_utf8_next(t, n, &i);
        }
        add_plain_entry(td, line, t + from, n - from);
    }
    ys_buf_release(&b);
}

/* A 目录 whose entries have no page numbers (a 决算 with its 目录 as a list of headings): from start,
 * the run of short heading-like lines, ended by the first other line (body text, a table row), by a
 * claimed line, or by a line repeating one of the run (the body starts again with the first part's
 * title). At least three lines, or it is not a 目录. */
static void read_plain_toc(ys_tdoc *td, size_t start)
{
    size_t end = start, n = 0;
    for (size_t i = start; i < td->nlines && i < start + TOC_PLAIN_MAX_LINES; i++) {
        const ys_tline *l = &td->lines[i];
        if (l->blank) continue;
        if (td->claimed[i] || !plain_entry_line(l)) break;
        bool again = false;
        for (size_t j = start; j < i && !again; j++)
            if (!td->lines[j].blank && strcmp(td->lines[j].key, l->key) == 0) again = true;
        if (again) break;
        end = i + 1;
        n++;
    }
    if (n < 3) return;
    for (size_t i = start; i < end; i++) {
        if (td->lines[i].blank) continue;
        const char *title;
        int page = 0;
        if (entry_of(td->doc->arena, &td->lines[i], &title, &page)) {
            ys_toc_entry *e = ys_disclosure_add_toc(td->doc);
            e->title = title;
            e->page = page;
            e->table = table_of(ys_text_key(td->doc->arena, title));
            e->src = ys_tdoc_source(td, i);
        } else {
            add_plain_entries(td, i);
        }
        td->claimed[i] = 1;
    }
}

void ys_text_read_toc(ys_tdoc *td, ys_diags *diags)
{
    (void)diags;
    ys_disclosure *d = td->doc;
    ys_arena *a = d->arena;
    size_t limit = td->nlines < TOC_SEARCH_LINES ? td->nlines : TOC_SEARCH_LINES;
    size_t start = td->nlines, ntoc0 = d->ntoc;
    bool titled = false;
    for (size_t i = 0; i < limit; i++) {
        const ys_tline *l = &td->lines[i];
        if (l->nfilled == 1 && ys_text_find(l->key, "目录") && ys_utf8_len(l->key) <= 40) {
            start = i + 1;
            td->claimed[i] = 1;
            titled = true;
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
    if (titled && d->ntoc == ntoc0) read_plain_toc(td, start);
}
