/*
 * figures.c — the amounts a narrative text cites, with their labels (see figures.h). One scanner for the
 * reader (text_narrative.c) and for derive (derive/narrative.c), so that a derived 情况说明 carries exactly
 * the figures a reader of its printed text finds: the round trip depends on it.
 */
#include "read/figures.h"
#include "core/text.h"

#include <stdbool.h>
#include <string.h>

static bool starts_with(const char *s, const char *p)
{
    return ys_text_starts(s, p);   /* inline, byte by byte (core/text.h) */
}

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

void ys_figures_scan(ys_disclosure *d, ys_section *sec, const char *s, ys_source src)
{
    ys_arena *a = d->arena;
    size_t n = strlen(s), clause = 0, sentence = 0, i = 0, sentence_stop = 0;
    bool after_figure = false;
    const char *context = "";
    while (i < n) {
        size_t b;
        unsigned char c0 = (unsigned char)s[i];
        if (!is_digit((char)c0) && !may_be_mark(s, i)) {   /* neither a mark nor a number: most bytes */
            i++;
            continue;
        }
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
            while (se < n && !(may_be_mark(s, se) && sentence_end(s, se))) se++;
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
        f->src = src;
        i = j + ul;
        clause = i;
        after_figure = true;
    }
}
