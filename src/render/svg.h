/*
 * svg.h — a small SVG writer for the charts of the HTML page (render/html.c): escaping, a few shapes and
 * three chart kinds. No library. Output is inline SVG for an HTML5 page (no XML declaration), with a
 * <title> and <desc>, role="img" and aria-labelledby, every value printed as text beside its bar (the
 * chart reads without colour), and Chinese axis labels.
 *
 * Money stays int64 分: a bar's length is the value's fraction of the largest value, computed in double
 * only for the pixel position; the printed values are formatted exactly (core/money.h). Coordinates are
 * printed with one decimal through snprintf, so output is deterministic.
 *
 * Ownership: everything is appended to the caller's ys_buf; strings are borrowed.
 */
#ifndef YS_RENDER_SVG_H
#define YS_RENDER_SVG_H

#include <stddef.h>

#include "core/buf.h"
#include "core/money.h"

/* Append s with & < > " ' escaped (for HTML text, attributes and SVG alike); NULL appends nothing. */
void ys_svg_escape(ys_buf *out, const char *s);

/* One bar: label and value in 分. */
typedef struct {
    const char *label;
    ys_money value;
} ys_svg_bar;

/* One group of a grouped bar chart: label, and two values (e.g. last year and this year). */
typedef struct {
    const char *label;
    ys_money a, b;
} ys_svg_pair;

/*
 * Horizontal bars, one per entry, longest = full width; values printed in `unit` with 2 decimals.
 * id makes the element ids unique in the page ("c-function" → "c-function-title").
 */
void ys_svg_hbars(ys_buf *out, const char *id, const char *title, const char *axis_label, const ys_svg_bar *bars,
                  size_t n, ys_unit unit);

/* One bar split into parts (基本 | 项目), each with its value and share (‰ computed in integers). */
void ys_svg_parts(ys_buf *out, const char *id, const char *title, const ys_svg_bar *parts, size_t n, ys_unit unit);

/* Grouped bars: per group two bars, named a_name and b_name in the legend ("2023 年", "2024 年"). */
void ys_svg_pairs(ys_buf *out, const char *id, const char *title, const char *axis_label, const char *a_name,
                  const char *b_name, const ys_svg_pair *pairs, size_t n, ys_unit unit);

/* "12.3%" of part in total, from integers (one decimal, rounded half up); "" when total <= 0. */
void ys_svg_share(char *buf, size_t bufsz, ys_money part, ys_money total);

#endif
