/*
 * text_narrative.c — NARRATIVE stage of the text reader (see text_internal.h): the 情况说明, its
 * numbered sections and the amounts their text cites.
 *
 * The narrative starts at the first unclaimed one-cell title holding 情况说明 ("赵县人力资源和社会保障局
 * 2024 年部门预算信息公开情况说明"; the TOC's heading of the same words is claimed by the TOC stage), or,
 * without one, at the first unclaimed heading "一、…". It runs to the end of the document. Section
 * headings are one-cell lines "一、部门职责及机构设置情况" … "十一、其他需要说明的事项" whose numbers
 * increase; the text before 一 is a preamble section with number "". A section's text is its
 * unclaimed non-blank lines joined by "\n" (tables inside a section are read, and claimed, by the table
 * and project stages); markdown bold "**" is stripped.
 *
 * A heading printed on one line with its section's first sentence ("九、国有资本经营预算财政拨款收入支出
 * 决算情况说明上海市…无…收入和支出。", sh-ghzy) starts that section when the 目录 lists the heading: a
 * line whose comparison key begins with the key of a numbered TOC entry "N、title" (number included)
 * and goes on is that heading plus the first line of its text — only when N is above the last section's
 * number and no later heading line "N、…" starts the section otherwise.
 *
 * Figures: every number followed by a money unit (亿元/万元/元) is a ys_figure, parsed exactly. Its
 * label is the text before it back to the previous clause boundary (，。；、！？ or the previous figure;
 * "：" is kept: "其中:一般公共预算收入"), trimmed; after a previous figure a leading 和/及/以及 is
 * dropped. Its context is the sentence. Numbers without a money unit (years, percentages, document
 * numbers "冀财社[2022]150号", counts) are not figures.
 */
#include "read/figures.h"
#include "read/text_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/text.h"

#define MAX_HEADING_CPS 60

static bool starts_with(const char *s, const char *p)
{
    return ys_text_starts(s, p);   /* inline, byte by byte (core/text.h) */
}

/* Value of a Chinese numeral "一" … "九十九" at s; *len its bytes; 0 when none. */
static int cn_number(const char *s, size_t *len)
{
    static const char *const digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    const size_t dl = strlen("一");   /* every digit is 3 bytes in UTF-8 */
    int tens = 0, units = 0;
    size_t i = 0;
    int d = -1;
    for (int k = 1; k < 10; k++)
        if (strncmp(s, digits[k], dl) == 0) d = k;
    if (d > 0) i += dl;
    if (starts_with(s + i, "十")) {
        tens = d > 0 ? d : 1;
        i += strlen("十");
        d = -1;
        for (int k = 1; k < 10; k++)
            if (strncmp(s + i, digits[k], dl) == 0) d = k;
        if (d > 0) {
            units = d;
            i += dl;
        }
    } else {
        units = d > 0 ? d : 0;
    }
    *len = i;
    return tens * 10 + units;
}

/* A section heading: one cell, "N、title", short, not a sentence. */
static bool heading_of(const ys_tline *l, int *num, const char **number, size_t *numlen, const char **title)
{
    if (l->nfilled != 1) return false;
    const char *c = ys_tline_cell(l, (size_t)ys_tline_first(l));
    size_t len;
    int n = cn_number(c, &len);
    if (!n || !starts_with(c + len, "、")) return false;
    if (ys_utf8_len(c) > MAX_HEADING_CPS || ys_text_find(c, "\xe3\x80\x82") /* 。 */) return false;
    *num = n;
    *number = c;
    *numlen = len;
    *title = c + len + strlen("、");
    while (**title == ' ') (*title)++;
    return **title != '\0';
}

/* s with every "**" removed, in the arena. */
static const char *strip_bold(ys_arena *a, const char *s)
{
    if (!ys_text_find(s, "**")) return s;
    ys_buf b = YS_BUF_INIT;
    for (const char *p = s; *p; p++) {
        if (p[0] == '*' && p[1] == '*') {
            p++;
            continue;
        }
        ys_buf_addc(&b, *p);
    }
    const char *r = ys_arena_strndup(a, ys_buf_str(&b), b.len);
    ys_buf_release(&b);
    return r;
}

/* ---- the stage ------------------------------------------------------------------------------- */

/* The numbered TOC entries ("N、title") with their comparison keys, for glued_heading. */
typedef struct {
    int num;
    const char *key;
    size_t keylen;
} toc_heading;

static toc_heading *toc_headings(const ys_tdoc *td, size_t *n)
{
    const ys_disclosure *d = td->doc;
    *n = 0;
    if (!d->ntoc) return NULL;
    toc_heading *r = ys_arena_alloc(d->arena, d->ntoc * sizeof *r);
    for (size_t i = 0; i < d->ntoc; i++) {
        const char *t = d->toc[i].title;
        size_t len;
        int num = t ? cn_number(t, &len) : 0;
        if (!num || !starts_with(t + len, "、")) continue;
        const char *k = ys_text_key(d->arena, t);
        size_t kl = strlen(k);
        if (kl <= len + strlen("、")) continue;   /* a bare "N、" */
        r[*n] = (toc_heading){num, k, kl};
        (*n)++;
    }
    return r;
}

/* Whether an unclaimed heading line "num、…" follows line i. */
static bool heading_later(const ys_tdoc *td, size_t i, int num)
{
    for (size_t j = i + 1; j < td->nlines; j++) {
        int n;
        const char *number, *title;
        size_t nl;
        if (!td->claimed[j] && heading_of(&td->lines[j], &n, &number, &nl, &title) && n == num) return true;
    }
    return false;
}

/* Line i begins with the title of a numbered TOC entry above last and goes on: *num, *cut the bytes of
 * its normalised text holding the title (number included). */
static bool glued_heading(const ys_tdoc *td, size_t i, const toc_heading *th, size_t nth, int last, int *num,
                          size_t *cut)
{
    const ys_tline *l = &td->lines[i];
    const toc_heading *best = NULL;
    size_t klen = strlen(l->key);
    for (size_t k = 0; k < nth; k++)
        if (th[k].num > last && klen > th[k].keylen && strncmp(l->key, th[k].key, th[k].keylen) == 0 &&
            (!best || th[k].keylen > best->keylen))
            best = &th[k];
    if (!best || heading_later(td, i, best->num)) return false;
    /* the key never is longer than its text: the title ends at or after byte keylen of the line */
    ys_arena *a = td->doc->arena;
    const char *s = l->norm;
    size_t n = strlen(s);
    for (size_t p = best->keylen; p < n; p++) {
        if (((unsigned char)s[p] & 0xC0) == 0x80) continue;   /* inside a code point */
        const char *k = ys_text_key(a, ys_arena_strndup(a, s, p));
        int c = strcmp(k, best->key);
        if (c == 0) {
            *num = best->num;
            *cut = p;
            return true;
        }
        if (strlen(k) > best->keylen) break;
    }
    return false;
}

static size_t find_start(const ys_tdoc *td, bool *titled)
{
    for (size_t i = 0; i < td->nlines; i++) {
        const ys_tline *l = &td->lines[i];
        int num;
        const char *number, *title;
        size_t nl;
        if (td->claimed[i] || l->nfilled != 1) continue;
        if (ys_text_find(l->key, "情况说明") && ys_utf8_len(l->key) <= 80 && !heading_of(l, &num, &number, &nl, &title)) {
            *titled = true;
            return i;
        }
    }
    for (size_t i = 0; i < td->nlines; i++) {
        int num;
        const char *number, *title;
        size_t nl;
        if (!td->claimed[i] && heading_of(&td->lines[i], &num, &number, &nl, &title) && num == 1) {
            *titled = false;
            return i;
        }
    }
    return td->nlines;
}

void ys_text_read_narrative(ys_tdoc *td, ys_diags *diags)
{
    (void)diags;
    ys_disclosure *d = td->doc;
    ys_arena *a = d->arena;
    bool titled = false;
    size_t start = find_start(td, &titled);
    if (start >= td->nlines) return;
    size_t nth;
    const toc_heading *th = toc_headings(td, &nth);

    ys_section *sec = NULL;
    ys_buf text = YS_BUF_INIT;
    size_t sec_index = 0;
    int last = 0;
    size_t i = start;
    if (titled) {
        const ys_tline *l = &td->lines[start];
        sec = ys_disclosure_add_section(d, "", ys_tline_cell(l, (size_t)ys_tline_first(l)));
        sec->src = ys_tdoc_source(td, start);
        sec_index = d->nsections - 1;
        td->claimed[start] = 1;
        i++;
    }
    for (; i < td->nlines; i++) {
        const ys_tline *l = &td->lines[i];
        if (l->blank || td->claimed[i]) continue;
        int num;
        const char *number, *title;
        size_t nl;
        if (heading_of(l, &num, &number, &nl, &title) && num > last) {
            if (sec) d->sections[sec_index].text = ys_arena_strndup(a, ys_buf_str(&text), text.len);
            ys_buf_reset(&text);
            char *nb = ys_arena_strndup(a, number, nl);
            sec = ys_disclosure_add_section(d, nb, title);
            sec_index = d->nsections - 1;
            sec->src = ys_tdoc_source(td, i);
            last = num;
            td->claimed[i] = 1;
            continue;
        }
        size_t cut;
        const char *rest = NULL;
        if (sec && glued_heading(td, i, th, nth, last, &num, &cut)) {
            d->sections[sec_index].text = ys_arena_strndup(a, ys_buf_str(&text), text.len);
            ys_buf_reset(&text);
            const char *h = ys_arena_strndup(a, l->norm, cut);
            size_t hl;
            cn_number(h, &hl);
            const char *t = h + hl + strlen("、");
            while (*t == ' ' || *t == '\t') t++;
            char *nb = ys_arena_strndup(a, h, hl);
            sec = ys_disclosure_add_section(d, nb, strip_bold(a, t));
            sec_index = d->nsections - 1;
            sec->src = ys_tdoc_source(td, i);
            last = num;
            rest = l->norm + cut;
            while (*rest == ' ' || *rest == '\t') rest++;
        }
        if (!sec) continue;
        const char *line = strip_bold(a, rest ? rest : l->norm);
        if (text.len) ys_buf_addc(&text, '\n');
        ys_buf_adds(&text, line);
        ys_figures_scan(d, &d->sections[sec_index], line, ys_tdoc_source(td, i));
        td->claimed[i] = 1;
    }
    if (sec) d->sections[sec_index].text = ys_arena_strndup(a, ys_buf_str(&text), text.len);
    ys_buf_release(&text);
}
