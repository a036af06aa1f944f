/* rules.c — the registry: the families in order, running them, and the reporting helpers. */
#include "check/check.h"
#include "core/buf.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static const ys_rule *const families[] = {
    ys_rules_completeness, ys_rules_table, ys_rules_hierarchy, ys_rules_cross,
    ys_rules_projects, ys_rules_assets, ys_rules_text, ys_rules_document, ys_rules_final, ys_rules_book,
};

size_t ys_rules_count(void)
{
    size_t n = 0;
    for (size_t f = 0; f < sizeof families / sizeof *families; f++)
        for (const ys_rule *r = families[f]; r->id; r++) n++;
    return n;
}

const ys_rule *ys_rules_at(size_t i)
{
    for (size_t f = 0; f < sizeof families / sizeof *families; f++)
        for (const ys_rule *r = families[f]; r->id; r++)
            if (i-- == 0) return r;
    return NULL;
}

const ys_rule *ys_rules_find(const char *id)
{
    for (size_t i = 0, n = ys_rules_count(); i < n; i++)
        if (strcmp(ys_rules_at(i)->id, id) == 0) return ys_rules_at(i);
    return NULL;
}

static bool selected(const char *id, const char *const *only)
{
    if (!only) return true;
    for (; *only; only++)
        if (strcmp(*only, id) == 0) return true;
    return false;
}

void ys_check_run(const ys_disclosure *doc, const ys_catalog *catalog, const char *const *only, ys_findings *out)
{
    ys_check_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.doc = doc;
    ctx.catalog = catalog;
    ctx.out = out;
    size_t first = out->count, n = ys_rules_count();
    ctx.insufficient = ys_xcalloc(n ? n : 1, 1);
    ctx.memo = ys_arena_new();
    size_t i = 0;   /* registry index, walked family by family (ys_rules_at is linear) */
    for (size_t f = 0; f < sizeof families / sizeof *families; f++) {
        for (const ys_rule *r = families[f]; r->id; r++, i++) {
            if (!selected(r->id, only) || !r->fn || !strcmp(r->family, "book")) continue;
            ctx.rule = r;
            ctx.rule_index = i;
            r->fn(&ctx);
        }
    }
    ys_arena_free(ctx.memo);
    free(ctx.insufficient);
    ys_check_fold(doc, out, first);
}

void ys_check_book(const struct ys_budget *budget, const ys_catalog *catalog, ys_findings *out)
{
    ys_check_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.budget = budget;
    ctx.catalog = catalog;
    ctx.out = out;
    size_t n = ys_rules_count();
    ctx.insufficient = ys_xcalloc(n ? n : 1, 1);
    for (size_t i = 0; i < n; i++) {
        const ys_rule *r = ys_rules_at(i);
        if (!r->fn || strcmp(r->family, "book")) continue;
        ctx.rule = r;
        ctx.rule_index = i;
        r->fn(&ctx);
    }
    free(ctx.insufficient);
}

/*
 * Messages are built for every finding, so their formatting is on the hot path. The conversions the
 * rules use (%s, %.*s, %d/%i/%u with the length modifiers z, l, ll, %c, %%) are done here directly;
 * a format with anything else (flags, widths, floating point) goes to vsnprintf. The bytes are those
 * of glibc's printf, "(null)" for a NULL string included. simple_format() checks the whole format
 * before a single argument is taken, so the fallback gets an untouched va_list.
 */
static bool simple_format(const char *fmt)
{
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') continue;
        p++;
        if (*p == '%' || *p == 's' || *p == 'c' || *p == 'd' || *p == 'i' || *p == 'u') continue;
        if (p[0] == '.' && p[1] == '*' && p[2] == 's') { p += 2; continue; }
        if (*p == 'z' && (p[1] == 'u' || p[1] == 'd')) { p++; continue; }
        if (*p == 'l' && (p[1] == 'u' || p[1] == 'd' || p[1] == 'i')) { p++; continue; }
        if (p[0] == 'l' && p[1] == 'l' && (p[2] == 'u' || p[2] == 'd' || p[2] == 'i')) { p += 2; continue; }
        return false;
    }
    return true;
}

static void add_unsigned(ys_buf *b, unsigned long long v, bool neg)
{
    char tmp[24];
    size_t i = sizeof tmp;
    do tmp[--i] = (char)('0' + v % 10); while ((v /= 10) != 0);
    if (neg) tmp[--i] = '-';
    ys_buf_add(b, tmp + i, sizeof tmp - i);
}

static void add_signed(ys_buf *b, long long v)
{
    if (v < 0) add_unsigned(b, 0ULL - (unsigned long long)v, true);
    else add_unsigned(b, (unsigned long long)v, false);
}

static void format_into(ys_buf *b, const char *fmt, va_list ap)
{
    if (!simple_format(fmt)) {
        ys_buf_vprintf(b, fmt, ap);
        return;
    }
    const char *p = fmt;
    while (*p) {
        const char *q = strchr(p, '%');
        if (!q) {
            ys_buf_adds(b, p);
            break;
        }
        if (q > p) ys_buf_add(b, p, (size_t)(q - p));
        p = q + 1;
        switch (*p) {
        case '%': ys_buf_addc(b, '%'); p++; break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            ys_buf_adds(b, s ? s : "(null)");
            p++;
            break;
        }
        case 'c': ys_buf_addc(b, (char)(unsigned char)va_arg(ap, int)); p++; break;
        case 'd': case 'i': add_signed(b, va_arg(ap, int)); p++; break;
        case 'u': add_unsigned(b, va_arg(ap, unsigned), false); p++; break;
        case '.': {   /* %.*s */
            int prec = va_arg(ap, int);
            const char *s = va_arg(ap, const char *);
            if (!s) s = (prec < 0 || prec >= 6) ? "(null)" : "";
            if (prec < 0) ys_buf_adds(b, s);
            else ys_buf_add(b, s, strnlen(s, (size_t)prec));
            p += 3;
            break;
        }
        case 'z':
            if (p[1] == 'u') add_unsigned(b, va_arg(ap, size_t), false);
            else add_signed(b, (long long)va_arg(ap, ptrdiff_t));
            p += 2;
            break;
        default:   /* 'l' or "ll" */
            if (p[1] == 'l') {
                if (p[2] == 'u') add_unsigned(b, va_arg(ap, unsigned long long), false);
                else add_signed(b, va_arg(ap, long long));
                p += 3;
            } else {
                if (p[1] == 'u') add_unsigned(b, va_arg(ap, unsigned long), false);
                else add_signed(b, va_arg(ap, long));
                p += 2;
            }
            break;
        }
    }
}

/* The finding gets the formatted message itself (ys_findings_add would format it once more through
 * "%s"): it is added with an empty message, which is then replaced. */
static ys_finding *vreport(ys_check_ctx *ctx, ys_severity sev, ys_location at, const char *fmt, va_list ap)
{
    ys_buf b = YS_BUF_INIT;
    format_into(&b, fmt, ap);
    ys_finding *fd = ys_findings_add(ctx->out, ctx->rule->id, sev, at, "%s", "");
    free(fd->message);
    fd->message = ys_buf_detach(&b);
    return fd;
}

ys_finding *ys_check_report(ys_check_ctx *ctx, ys_location at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ys_finding *fd = vreport(ctx, ctx->rule->severity, at, fmt, ap);
    va_end(ap);
    return fd;
}

ys_finding *ys_check_report_sev(ys_check_ctx *ctx, ys_severity sev, ys_location at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ys_finding *fd = vreport(ctx, sev, at, fmt, ap);
    va_end(ap);
    return fd;
}

void ys_check_insufficient(ys_check_ctx *ctx, const char *fmt, ...)
{
    if (ctx->insufficient) {
        if (ctx->insufficient[ctx->rule_index]) return;
        ctx->insufficient[ctx->rule_index] = 1;
    }
    ys_buf b = YS_BUF_INIT;
    ys_buf_adds(&b, "数据不足，无法检查：");
    va_list ap;
    va_start(ap, fmt);
    ys_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    ys_source src = {0};
    src.file = ctx->doc ? ctx->doc->file : NULL;
    ys_findings_add(ctx->out, ctx->rule->id, YS_SEV_INFO, ys_loc_table(YS_TABLE_DOCUMENT, src), "%s", ys_buf_str(&b));
    ys_buf_release(&b);
}
