/*
 * sample_helpers.h — what the round-trip tests share: read the example's published text, load the default
 * catalog (or run without one when the data is missing), and turn an audit into a sorted list of finding
 * keys (rule, severity, table, row, code, column, expected, actual, message) so that two audits of the same
 * content — the sample and its rendering read back — compare key by key; compare two tables cell by cell;
 * tell whether a helper program (pdftotext) is installed.
 *
 * Header-only (static functions, each marked unused-tolerant): a test binary includes it once and uses what
 * it needs. Prefix smp_.
 */
#ifndef SAMPLE_HELPERS_H
#define SAMPLE_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "catalog/catalog.h"
#include "check/check.h"
#include "core/buf.h"
#include "model/finding.h"
#include "read/read.h"

#define SMP_SAMPLE "examples/zhaoxian-hrss-2024/published.txt"

#if defined(__GNUC__)
#define SMP_UNUSED __attribute__((unused))
#else
#define SMP_UNUSED
#endif

/* The sample document, read by the text reader (YUSUAN_DATA defaults to the tree's data/). */
static SMP_UNUSED ys_disclosure *smp_read_sample(void)
{
    setenv("YUSUAN_DATA", "data", 0);
    ys_disclosure *d = NULL;
    ys_diags dg;
    ys_diags_init(&dg);
    ys_status st = ys_read_text_file(SMP_SAMPLE, &d, &dg);
    ys_diags_release(&dg);
    assert_int_equal(st, YS_OK);
    assert_non_null(d);
    return d;
}

/* The default catalog, or NULL when it cannot be loaded (code rules then report 数据不足, on both sides). */
static SMP_UNUSED ys_catalog *smp_catalog(void)
{
    ys_catalog *cat = ys_catalog_new();
    ys_diags dg;
    ys_diags_init(&dg);
    if (ys_catalog_load_default(cat, &dg) != YS_OK) {
        ys_catalog_free(cat);
        cat = NULL;
    }
    ys_diags_release(&dg);
    return cat;
}

/* One finding as a comparable string (malloc'd). */
static SMP_UNUSED char *smp_finding_key(const ys_finding *f)
{
    ys_buf b = YS_BUF_INIT;
    ys_buf_printf(&b, "%s|%d|%s|%d|%s|%s|%d:%lld|%d:%lld|%s", f->rule, (int)f->severity,
                  ys_table_id_name(f->at.table), f->at.row, f->at.code ? f->at.code : "",
                  f->at.column ? f->at.column : "", f->has_expected, (long long)f->expected, f->has_actual,
                  (long long)f->actual, f->message ? f->message : "");
    return ys_buf_detach(&b);
}

static int smp_cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A sorted list of finding keys. */
typedef struct {
    char **v;
    size_t n;
} smp_keys;

/* Audits d and keeps the keys of the findings that `keep` accepts (all when keep is NULL), sorted. */
static SMP_UNUSED smp_keys smp_audit_keys(const ys_disclosure *d, const ys_catalog *cat,
                                          bool (*keep)(const ys_finding *f))
{
    ys_findings f;
    ys_findings_init(&f);
    ys_check_run(d, cat, NULL, &f);
    smp_keys k = {calloc(f.count + 1, sizeof(char *)), 0};
    assert_non_null(k.v);
    for (size_t i = 0; i < f.count; i++)
        if (!keep || keep(&f.items[i])) k.v[k.n++] = smp_finding_key(&f.items[i]);
    qsort(k.v, k.n, sizeof *k.v, smp_cmp_str);
    ys_findings_release(&f);
    return k;
}

static SMP_UNUSED void smp_keys_free(smp_keys *k)
{
    for (size_t i = 0; i < k->n; i++) free(k->v[i]);
    free(k->v);
    k->v = NULL;
    k->n = 0;
}

/* Fails with the first key that differs, naming both sides. */
static SMP_UNUSED void smp_assert_same_keys(const smp_keys *a, const smp_keys *b, const char *name_a,
                                            const char *name_b)
{
    for (size_t i = 0; i < a->n && i < b->n; i++)
        if (strcmp(a->v[i], b->v[i]) != 0)
            fail_msg("finding differs:\n  %s: %s\n  %s: %s", name_a, a->v[i], name_b, b->v[i]);
    if (a->n != b->n)
        fail_msg("%s has %zu findings, %s has %zu", name_a, a->n, name_b, b->n);
}

/* Table t read back as u: title, unit, columns (header and key), and every row's 序号, code, name and cells
 * (kind, money, text, quantity) equal. */
static SMP_UNUSED void smp_assert_same_table(const ys_table *t, const ys_table *u)
{
    assert_string_equal(t->title, u->title);
    assert_int_equal(t->unit, u->unit);
    assert_int_equal(t->ncols, u->ncols);
    assert_int_equal(t->nrows, u->nrows);
    for (size_t c = 0; c < t->ncols; c++) {
        assert_string_equal(t->cols[c].header, u->cols[c].header);
        assert_string_equal(t->cols[c].key, u->cols[c].key);
    }
    for (size_t i = 0; i < t->nrows; i++) {
        const ys_row *a = &t->rows[i], *b = &u->rows[i];
        assert_int_equal(a->seq, b->seq);
        assert_string_equal(a->code, b->code);
        assert_string_equal(a->name, b->name);
        for (size_t c = 0; c < t->ncols; c++) {
            assert_int_equal(a->cells[c].kind, b->cells[c].kind);
            if (a->cells[c].kind == YS_CELL_MONEY) assert_true(a->cells[c].money == b->cells[c].money);
            if (a->cells[c].kind == YS_CELL_TEXT) assert_string_equal(a->cells[c].text, b->cells[c].text);
            if (a->cells[c].kind == YS_CELL_QUANTITY) assert_true(a->cells[c].qty == b->cells[c].qty);
        }
    }
}

/* Is an executable named `name` on $PATH (pdftotext for the PDF tests; they skip without it)? */
static SMP_UNUSED bool smp_have_program(const char *name)
{
    const char *path = getenv("PATH");
    if (!path) return false;
    char *copy = strdup(path);
    bool found = false;
    for (char *p = copy, *end; p && *p && !found; p = end ? end + 1 : NULL) {
        end = strchr(p, ':');
        if (end) *end = '\0';
        char full[4096];
        snprintf(full, sizeof full, "%s/%s", p, name);
        found = access(full, X_OK) == 0;
    }
    free(copy);
    return found;
}

#endif
