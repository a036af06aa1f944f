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
#include "read/text_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/text.h"

#define MAX_HEADING_CPS 60

static bool starts_with(const char *s, const char *p)
{
    return strncmp(s, p, strlen(p)) == 0;
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
    if (ys_utf8_len(c) > MAX_HEADING_CPS || strstr(c, "\xe3\x80\x82") /* 。 */) return false;
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
    if (!strstr(s, "**")) return s;
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

/* ---- figures --------------------------------------------------------------------------------- */

/* Whether s[i] can start a clause or sentence mark: every mark below begins with one of these bytes
 * (, ; ! ? or the lead byte E3 / EF of 。、 and the full-width forms). Most bytes of a line are not. */
static bool may_be_mark(const char *s, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    return c == ',' || c == ';' || c == '!' || c == '?' || c == 0xE3 || c == 0xEF;
}

/* Clause boundary at s[i]: its byte length, else 0. */
static size_t clause_boundary(const char *s, size_t i)
{
    if (!may_be_mark(s, i)) return 0;
    static const char *const marks[] = {",", ";", "!", "?", "\xe3\x80\x82" /* 。 */, "\xe3\x80\x81" /* 、 */,
                                        "\xef\xbc\x8c", "\xef\xbc\x9b", "\xef\xbc\x81", "\xef\xbc\x9f"};
    for (size_t k = 0; k < sizeof marks / sizeof *marks; k++)
        if (starts_with(s + i, marks[k])) return strlen(marks[k]);
    return 0;
}

/* Sentence end at s[i]: its byte length, else 0. */
static size_t sentence_end(const char *s, size_t i)
{
    if (!may_be_mark(s, i)) return 0;
    static const char *const marks[] = {"\xe3\x80\x82", "!", "?", ";", "\xef\xbc\x81", "\xef\xbc\x9f"};
    for (size_t k = 0; k < sizeof marks / sizeof *marks; k++)
        if (starts_with(s + i, marks[k])) return strlen(marks[k]);
    return 0;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* A thousands separator at s[i]: "1,234" (a digit before, exactly three digits after). */
static bool thousands_comma(const char *s, size_t n, size_t i)
{
    return s[i] == ',' && i > 0 && is_digit(s[i - 1]) && i + 3 < n && is_digit(s[i + 1]) &&
           is_digit(s[i + 2]) && is_digit(s[i + 3]) && (i + 4 >= n || !is_digit(s[i + 4]));
}

/* Money unit at s (亿元, 万元, 元): its length and unit. */
static size_t unit_at(const char *s, ys_unit *u)
{
    if (starts_with(s, "亿元")) return *u = YS_UNIT_YIYUAN, strlen("亿元");
    if (starts_with(s, "万元")) return *u = YS_UNIT_WANYUAN, strlen("万元");
    if (starts_with(s, "元")) return *u = YS_UNIT_YUAN, strlen("元");
    return 0;
}

static const char *trimmed(ys_arena *a, const char *s, size_t from, size_t to)
{
    while (from < to && s[from] == ' ') from++;
    while (to > from && s[to - 1] == ' ') to--;
    return ys_arena_strndup(a, s + from, to - from);
}

static void read_figures(ys_tdoc *td, ys_section *sec, size_t li, const char *s)
{
    ys_disclosure *d = td->doc;
    ys_arena *a = d->arena;
    size_t n = strlen(s), clause = 0, sentence = 0, i = 0, sentence_stop = 0;
    bool after_figure = false;
    const char *context = "";
    while (i < n) {
        size_t b;
        if ((b = sentence_end(s, i))) {
            i += b;
            clause = sentence = i;
            after_figure = false;
            continue;
        }
        if ((b = clause_boundary(s, i))) {
            i += b;
            clause = i;
            after_figure = false;
            continue;
        }
        unsigned char c = (unsigned char)s[i];
        if (!is_digit((char)c) ||
            (i > 0 && (is_digit(s[i - 1]) || s[i - 1] == '.' || s[i - 1] == '-' ||
                       ((unsigned char)s[i - 1] < 0x80 && ((s[i - 1] | 32) >= 'a' && (s[i - 1] | 32) <= 'z'))))) {
            i++;
            continue;
        }
        /* a number: digits, thousands commas, a decimal part */
        size_t start = i;
        while (i < n && (is_digit(s[i]) || thousands_comma(s, n, i))) i++;
        if (i < n && s[i] == '.' && i + 1 < n && is_digit(s[i + 1])) {
            i++;
            while (i < n && is_digit(s[i])) i++;
        }
        size_t num_end = i, j = i;
        while (j < n && s[j] == ' ') j++;
        ys_unit u = YS_UNIT_UNKNOWN;
        size_t ul = unit_at(s + j, &u);
        if (!ul) continue;   /* a year, a percentage, a count, a document number */
        ys_money v;
        int dec = 0;
        if (ys_money_parse(s + start, num_end - start, u, &v, &dec) != YS_MONEY_OK) {
            i = j + ul;
            continue;
        }
        /* the sentence around it */
        if (sentence_stop <= j + ul) {   /* once per sentence (figures share it): linear in the line */
            size_t se = j + ul;
            while (se < n && !sentence_end(s, se)) se++;
            sentence_stop = se < n ? se + sentence_end(s, se) : n;
            context = trimmed(a, s, sentence, sentence_stop);
        }

        ys_figure *f = ys_section_add_figure(d, sec);
        const char *label = trimmed(a, s, clause, start);
        if (after_figure) {
            static const char *const joins[] = {"以及", "和", "及", "与"};
            for (size_t k = 0; k < sizeof joins / sizeof *joins; k++)
                if (starts_with(label, joins[k])) {
                    label = trimmed(a, label, strlen(joins[k]), strlen(label));
                    break;
                }
        }
        f->label = label;
        f->text = ys_arena_strndup(a, s + start, j + ul - start);
        f->amount = v;
        f->unit = u;
        f->decimals = dec;
        f->context = context;
        f->src = ys_tdoc_source(td, li);
        i = j + ul;
        clause = i;
        after_figure = true;
    }
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
        if (strstr(l->key, "情况说明") && ys_utf8_len(l->key) <= 80 && !heading_of(l, &num, &number, &nl, &title)) {
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
        read_figures(td, &d->sections[sec_index], i, line);
        td->claimed[i] = 1;
    }
    if (sec) d->sections[sec_index].text = ys_arena_strndup(a, ys_buf_str(&text), text.len);
    ys_buf_release(&text);
}
