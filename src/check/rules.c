/* rules.c — the registry: the families in order, running them, and the reporting helpers. */
#include "check/check.h"
#include "core/buf.h"

#include <stdarg.h>
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
    for (size_t i = 0; i < n; i++) {
        const ys_rule *r = ys_rules_at(i);
        if (!selected(r->id, only) || !r->fn || !strcmp(r->family, "book")) continue;
        ctx.rule = r;
        ctx.rule_index = i;
        r->fn(&ctx);
    }
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

static ys_finding *vreport(ys_check_ctx *ctx, ys_severity sev, ys_location at, const char *fmt, va_list ap)
{
    ys_buf b = YS_BUF_INIT;
    ys_buf_vprintf(&b, fmt, ap);
    ys_finding *fd = ys_findings_add(ctx->out, ctx->rule->id, sev, at, "%s", ys_buf_str(&b));
    ys_buf_release(&b);
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
