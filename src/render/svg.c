/*
 * svg.c — the small SVG writer of the HTML charts (see svg.h): escaping, bars, split bars and grouped
 * bars, each with a title, a description, Chinese axis labels and the values as text.
 */
#include "render/svg.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define CHART_W 760.0
#define LABEL_W 250.0   /* room for the category labels at the left */
#define VALUE_W 110.0   /* room for the printed values at the right */
#define BAR_H 18.0
#define GAP 8.0
#define TOP 34.0

void ys_svg_escape(ys_buf *out, const char *s)
{
    if (!s) return;
    for (; *s; s++) {
        switch (*s) {
        case '&': ys_buf_adds(out, "&amp;"); break;
        case '<': ys_buf_adds(out, "&lt;"); break;
        case '>': ys_buf_adds(out, "&gt;"); break;
        case '"': ys_buf_adds(out, "&quot;"); break;
        case '\'': ys_buf_adds(out, "&#39;"); break;
        default: ys_buf_addc(out, *s); break;
        }
    }
}

/* Coordinates with one decimal (the C locale is never changed by yusuan). */
static void num(ys_buf *out, double v)
{
    ys_buf_printf(out, "%.1f", v);
}

static void money(char *buf, size_t n, ys_money v, ys_unit unit)
{
    ys_money_format(v, unit == YS_UNIT_UNKNOWN ? YS_UNIT_YUAN : unit, 2, buf, n);
}

void ys_svg_share(char *buf, size_t bufsz, ys_money part, ys_money total)
{
    if (total <= 0) {
        if (bufsz) buf[0] = '\0';
        return;
    }
    /* permille, rounded half up; scaled down first when p × 2000 could overflow */
    int64_t p = part < 0 ? 0 : part, t = total;
    while (p > INT64_MAX / 4000 || t > INT64_MAX / 4) p /= 10, t /= 10;
    if (t <= 0) t = 1;
    int64_t pm = (p * 2000 + t) / (2 * t);
    snprintf(buf, bufsz, "%" PRId64 ".%" PRId64 "%%", pm / 10, pm % 10);
}

static double frac(ys_money v, ys_money max)
{
    if (max <= 0 || v <= 0) return 0.0;
    return (double)v / (double)max;   /* geometry only */
}

static void open_svg(ys_buf *out, const char *id, const char *title, const char *desc, double h)
{
    ys_buf_adds(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 ");
    num(out, CHART_W);
    ys_buf_addc(out, ' ');
    num(out, h);
    ys_buf_printf(out, "\" aria-labelledby=\"%s-title %s-desc\">\n<title id=\"%s-title\">", id, id, id);
    ys_svg_escape(out, title);
    ys_buf_printf(out, "</title>\n<desc id=\"%s-desc\">", id);
    ys_svg_escape(out, desc);
    ys_buf_adds(out, "</desc>\n");
}

static void text(ys_buf *out, double x, double y, const char *anchor, const char *cls, const char *s)
{
    ys_buf_adds(out, "<text x=\"");
    num(out, x);
    ys_buf_adds(out, "\" y=\"");
    num(out, y);
    ys_buf_printf(out, "\" text-anchor=\"%s\" class=\"%s\">", anchor, cls);
    ys_svg_escape(out, s);
    ys_buf_adds(out, "</text>\n");
}

static void rect(ys_buf *out, double x, double y, double w, double h, const char *cls)
{
    ys_buf_adds(out, "<rect x=\"");
    num(out, x);
    ys_buf_adds(out, "\" y=\"");
    num(out, y);
    ys_buf_adds(out, "\" width=\"");
    num(out, w);
    ys_buf_adds(out, "\" height=\"");
    num(out, h);
    ys_buf_printf(out, "\" class=\"%s\"/>\n", cls);
}

static void axis(ys_buf *out, double x0, double y0, double x1, double y1)
{
    ys_buf_adds(out, "<line x1=\"");
    num(out, x0);
    ys_buf_adds(out, "\" y1=\"");
    num(out, y0);
    ys_buf_adds(out, "\" x2=\"");
    num(out, x1);
    ys_buf_adds(out, "\" y2=\"");
    num(out, y1);
    ys_buf_adds(out, "\" class=\"axis\"/>\n");
}

/* A description listing every value: "208 社会保障和就业支出 33840.55 万元；…". */
static void describe(ys_buf *desc, const char *label, ys_money v, ys_unit unit)
{
    char b[YS_MONEY_BUFSZ];
    money(b, sizeof b, v, unit);
    if (desc->len) ys_buf_adds(desc, "；");
    ys_buf_printf(desc, "%s %s %s", label ? label : "", b, ys_unit_name(unit));
}

void ys_svg_hbars(ys_buf *out, const char *id, const char *title, const char *axis_label, const ys_svg_bar *bars,
                  size_t n, ys_unit unit)
{
    ys_money max = 0;
    ys_buf desc = YS_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (bars[i].value > max) max = bars[i].value;
        describe(&desc, bars[i].label, bars[i].value, unit);
    }
    double plot = CHART_W - LABEL_W - VALUE_W;
    double h = TOP + (double)n * (BAR_H + GAP) + 36.0;
    open_svg(out, id, title, ys_buf_str(&desc), h);
    text(out, CHART_W / 2, 20.0, "middle", "ttl", title);
    for (size_t i = 0; i < n; i++) {
        double y = TOP + (double)i * (BAR_H + GAP);
        char b[YS_MONEY_BUFSZ];
        money(b, sizeof b, bars[i].value, unit);
        text(out, LABEL_W - 6.0, y + BAR_H - 4.0, "end", "lbl", bars[i].label);
        double w = frac(bars[i].value, max) * plot;
        rect(out, LABEL_W, y, w, BAR_H, i % 2 ? "bar bar2" : "bar");
        text(out, LABEL_W + w + 4.0, y + BAR_H - 4.0, "start", "val", b);
    }
    double yb = TOP + (double)n * (BAR_H + GAP);
    axis(out, LABEL_W, TOP - 4.0, LABEL_W, yb);
    axis(out, LABEL_W, yb, LABEL_W + plot, yb);
    char lab[128];
    snprintf(lab, sizeof lab, "%s（%s）", axis_label, ys_unit_name(unit));
    text(out, LABEL_W + plot / 2, yb + 22.0, "middle", "axl", lab);
    ys_buf_adds(out, "</svg>\n");
    ys_buf_release(&desc);
}

void ys_svg_parts(ys_buf *out, const char *id, const char *title, const ys_svg_bar *parts, size_t n, ys_unit unit)
{
    static const char *const cls[] = {"part0", "part1", "part2", "part3"};
    ys_money total = 0;
    ys_buf desc = YS_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (parts[i].value > 0) total += parts[i].value;
        describe(&desc, parts[i].label, parts[i].value, unit);
    }
    double h = 150.0;
    open_svg(out, id, title, ys_buf_str(&desc), h);
    text(out, CHART_W / 2, 20.0, "middle", "ttl", title);
    double x = 20.0, full = CHART_W - 40.0;
    for (size_t i = 0; i < n; i++) {
        double w = frac(parts[i].value, total) * full;
        rect(out, x, 40.0, w, 36.0, cls[i % 4]);
        x += w;
    }
    /* the legend below: a swatch, the label, the value and the share, one per part */
    double lx = 20.0;
    for (size_t i = 0; i < n; i++) {
        char b[YS_MONEY_BUFSZ], s[32], line[256];
        money(b, sizeof b, parts[i].value, unit);
        ys_svg_share(s, sizeof s, parts[i].value, total);
        snprintf(line, sizeof line, "%s %s %s（%s）", parts[i].label ? parts[i].label : "", b, ys_unit_name(unit), s);
        rect(out, lx, 96.0, 14.0, 14.0, cls[i % 4]);
        text(out, lx + 20.0, 108.0, "start", "lbl", line);
        lx += full / (double)(n ? n : 1);
    }
    char tot[YS_MONEY_BUFSZ], line[128];
    money(tot, sizeof tot, total, unit);
    snprintf(line, sizeof line, "合计 %s %s", tot, ys_unit_name(unit));
    text(out, CHART_W / 2, 136.0, "middle", "axl", line);
    ys_buf_adds(out, "</svg>\n");
    ys_buf_release(&desc);
}

void ys_svg_pairs(ys_buf *out, const char *id, const char *title, const char *axis_label, const char *a_name,
                  const char *b_name, const ys_svg_pair *pairs, size_t n, ys_unit unit)
{
    ys_money max = 0;
    ys_buf desc = YS_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (pairs[i].a > max) max = pairs[i].a;
        if (pairs[i].b > max) max = pairs[i].b;
        char la[256], lb[256];
        snprintf(la, sizeof la, "%s %s", pairs[i].label ? pairs[i].label : "", a_name);
        snprintf(lb, sizeof lb, "%s %s", pairs[i].label ? pairs[i].label : "", b_name);
        describe(&desc, la, pairs[i].a, unit);
        describe(&desc, lb, pairs[i].b, unit);
    }
    double plot = CHART_W - LABEL_W - VALUE_W;
    double gh = 2 * BAR_H + GAP + 4.0;
    double h = TOP + 26.0 + (double)n * gh + 36.0;
    open_svg(out, id, title, ys_buf_str(&desc), h);
    text(out, CHART_W / 2, 20.0, "middle", "ttl", title);
    /* legend */
    rect(out, LABEL_W, 30.0, 14.0, 14.0, "part1");
    text(out, LABEL_W + 20.0, 42.0, "start", "lbl", a_name);
    rect(out, LABEL_W + 140.0, 30.0, 14.0, 14.0, "part0");
    text(out, LABEL_W + 160.0, 42.0, "start", "lbl", b_name);
    double top = TOP + 26.0;
    for (size_t i = 0; i < n; i++) {
        double y = top + (double)i * gh;
        char ba[YS_MONEY_BUFSZ], bb[YS_MONEY_BUFSZ], va[160], vb[160];
        money(ba, sizeof ba, pairs[i].a, unit);
        money(bb, sizeof bb, pairs[i].b, unit);
        snprintf(va, sizeof va, "%s %s", a_name, ba);
        snprintf(vb, sizeof vb, "%s %s", b_name, bb);
        text(out, LABEL_W - 6.0, y + BAR_H + 2.0, "end", "lbl", pairs[i].label);
        double wa = frac(pairs[i].a, max) * plot, wb = frac(pairs[i].b, max) * plot;
        rect(out, LABEL_W, y, wa, BAR_H, "part1");
        text(out, LABEL_W + wa + 4.0, y + BAR_H - 4.0, "start", "val", va);
        rect(out, LABEL_W, y + BAR_H + 2.0, wb, BAR_H, "part0");
        text(out, LABEL_W + wb + 4.0, y + 2 * BAR_H - 2.0, "start", "val", vb);
    }
    double yb = top + (double)n * gh;
    axis(out, LABEL_W, top - 4.0, LABEL_W, yb);
    axis(out, LABEL_W, yb, LABEL_W + plot, yb);
    char lab[128];
    snprintf(lab, sizeof lab, "%s（%s）", axis_label, ys_unit_name(unit));
    text(out, LABEL_W + plot / 2, yb + 22.0, "middle", "axl", lab);
    ys_buf_adds(out, "</svg>\n");
    ys_buf_release(&desc);
}
