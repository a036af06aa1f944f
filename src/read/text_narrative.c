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
        if (!sec) continue;
        const char *line = strip_bold(a, l->norm);
        if (text.len) ys_buf_addc(&text, '\n');
        ys_buf_adds(&text, line);
        ys_figures_scan(d, &d->sections[sec_index], line, ys_tdoc_source(td, i));
        td->claimed[i] = 1;
    }
    if (sec) d->sections[sec_index].text = ys_arena_strndup(a, ys_buf_str(&text), text.len);
    ys_buf_release(&text);
}
