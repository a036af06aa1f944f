/*
 * test_build_prior.c — `build --db` (store/prior.h): last year's figures of a department from the warehouse.
 * A store holds the 2023 budget of the example department (tests/golden/inputs/build-db/book2023: the
 * example book with year 2023, 30101 at 300.00 and one 30231 line at 6.00); the 2024 book without its prior
 * sheet gets its prior items from it, and the derived 情况说明 then states the changes against 2023 —
 * 收支总计 +35.90万元, 公务用车运行维护费 −2.00万元 — and the derived disclosure has no error finding.
 * Also: no document for another year, region or kind; the book's own figures are not looked up here (the
 * CLI keeps them; see the golden case build-db-partial).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "catalog/catalog.h"
#include "check/check.h"
#include "core/buf.h"
#include "derive/derive.h"
#include "read/book.h"
#include "render/render.h"
#include "store/prior.h"
#include "store/store.h"

#define DIR "tests/golden/inputs/build-db/"

static char tmpdir[] = "/tmp/yusuan-prior-XXXXXX";
static char dbpath[256];
static ys_catalog *cat;

static ys_disclosure *derive_book(const char *path, ys_budget **keep)
{
    ys_diags dg;
    ys_diags_init(&dg);
    ys_budget *b = NULL;
    assert_int_equal(ys_book_read(path, &b, &dg), YS_OK);
    ys_disclosure *d = NULL;
    assert_int_equal(ys_derive(b, cat, &d, &dg), YS_OK);
    ys_diags_release(&dg);
    if (keep) *keep = b;
    else ys_budget_free(b);
    return d;
}

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(tmpdir)) return -1;
    snprintf(dbpath, sizeof dbpath, "%s/y.db", tmpdir);
    ys_diags dg;
    ys_diags_init(&dg);
    cat = ys_catalog_new();
    ys_catalog_load_default(cat, &dg);
    ys_store *s = NULL;
    if (ys_store_open(dbpath, YS_STORE_READWRITE, &s, &dg) != YS_OK) return -1;
    ys_disclosure *d = derive_book(DIR "book2023", NULL);
    ys_findings f;
    ys_findings_init(&f);
    ys_store_docinfo info = {DIR "book2023", "book", "hash-2023", ys_store_ruleset_version(), 2024};
    int64_t id = 0;
    ys_status st = ys_store_put(s, &info, d, &f, &id, &dg);
    ys_findings_release(&f);
    ys_disclosure_free(d);
    ys_store_close(s);
    ys_diags_release(&dg);
    return st == YS_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    ys_catalog_free(cat);
    return system(cmd) == 0 ? 0 : -1;
}

static ys_store *open_ro(void)
{
    ys_diags dg;
    ys_diags_init(&dg);
    ys_store *s = NULL;
    assert_int_equal(ys_store_open(dbpath, YS_STORE_READONLY, &s, &dg), YS_OK);
    ys_diags_release(&dg);
    return s;
}

#define WAN(x) ((ys_money)(x) * 10000)   /* x hundredths of 万元 (x × 100 元) → 分 */

static void test_find_figures(void **state)
{
    (void)state;
    ys_store *s = open_ro();
    ys_diags dg;
    ys_diags_init(&dg);
    ys_store_prior p;
    assert_int_equal(ys_store_prior_find(s, "赵县", "赵县人力资源和社会保障局", 2024, &p, &dg), YS_OK);
    assert_true(p.document_id > 0);
    assert_int_equal(p.year, 2023);
    for (int i = 0; i < YS_PRIOR__COUNT; i++) assert_true(p.has[i]);
    assert_int_equal(p.amount[YS_PRIOR_TOTAL], WAN(3402719));
    assert_int_equal(p.amount[YS_PRIOR_BASIC], WAN(140781));
    assert_int_equal(p.amount[YS_PRIOR_PROJECT], WAN(3261938));
    assert_int_equal(p.amount[YS_PRIOR_THREE_PUBLIC], WAN(1310));
    assert_int_equal(p.amount[YS_PRIOR_CAR], WAN(1310));
    assert_int_equal(p.amount[YS_PRIOR_CAR_RUN], WAN(1310));
    assert_int_equal(p.amount[YS_PRIOR_CAR_BUY], 0);
    assert_int_equal(p.amount[YS_PRIOR_ABROAD], 0);
    assert_int_equal(p.amount[YS_PRIOR_RECEPTION], 0);
    assert_int_equal(p.amount[YS_PRIOR_MEETING], WAN(150));
    assert_int_equal(p.amount[YS_PRIOR_TRAINING], WAN(350));
    assert_int_equal(p.amount[YS_PRIOR_RUNNING_COSTS], WAN(7140));
    assert_string_equal(ys_prior_item_key(YS_PRIOR_RUNNING_COSTS), "running_costs");
    assert_null(ys_prior_item_key(YS_PRIOR__COUNT));
    /* any region when the book states none */
    assert_int_equal(ys_store_prior_find(s, "", "赵县人力资源和社会保障局", 2024, &p, &dg), YS_OK);
    assert_true(p.document_id > 0);
    ys_store_close(s);
    ys_diags_release(&dg);
}

static void test_no_document(void **state)
{
    (void)state;
    ys_store *s = open_ro();
    ys_diags dg;
    ys_diags_init(&dg);
    ys_store_prior p;
    assert_int_equal(ys_store_prior_find(s, "赵县", "赵县人力资源和社会保障局", 2025, &p, &dg), YS_OK);
    assert_int_equal(p.document_id, 0);
    assert_false(p.has[YS_PRIOR_TOTAL]);
    assert_int_equal(ys_store_prior_find(s, "栾城区", "赵县人力资源和社会保障局", 2024, &p, &dg), YS_OK);
    assert_int_equal(p.document_id, 0);
    assert_int_equal(ys_store_prior_find(s, "赵县", "赵县财政局", 2024, &p, &dg), YS_OK);
    assert_int_equal(p.document_id, 0);
    /* text that would break a query built from it is only ever a bound value */
    assert_int_equal(ys_store_prior_find(s, "赵县' OR '1'='1", "x' OR 1=1 --", 2024, &p, &dg), YS_OK);
    assert_int_equal(p.document_id, 0);
    assert_int_equal(dg.count, 0);
    ys_store_close(s);
    ys_diags_release(&dg);
}

/* The whole path of `build --db`: prior items into the book, derive, the text states the changes. */
static void test_yoy_text(void **state)
{
    (void)state;
    ys_store *s = open_ro();
    ys_diags dg;
    ys_diags_init(&dg);
    ys_budget *b = NULL;
    assert_int_equal(ys_book_read(DIR "book2024", &b, &dg), YS_OK);
    assert_int_equal(b->nprior, 0);
    ys_store_prior p;
    assert_int_equal(ys_store_prior_find(s, b->meta.region, b->meta.department, b->meta.year, &p, &dg), YS_OK);
    for (int i = 0; i < YS_PRIOR__COUNT; i++) {
        ys_budget_prior *x = ys_budget_add_prior(b);
        x->item = ys_prior_item_key((ys_prior_item)i);
        x->amount = p.amount[i];
        x->reason = "";
    }
    ys_disclosure *d = NULL;
    assert_int_equal(ys_derive(b, cat, &d, &dg), YS_OK);
    ys_buf t = YS_BUF_INIT;
    assert_int_equal(ys_render_text(d, &t), YS_OK);
    const char *txt = ys_buf_str(&t);
    assert_non_null(strstr(txt, "较2023年预算增加35.90万元"));
    assert_non_null(strstr(txt, "公务用车运行维护费11.10万元,与上年预算相比减少2.00万元"));
    assert_non_null(strstr(txt, "公务接待费0.00万元,与上年一致"));
    ys_findings f;
    ys_findings_init(&f);
    ys_check_run(d, cat, NULL, &f);
    assert_true(ys_findings_max_severity(&f) != YS_SEV_ERROR);
    ys_findings_release(&f);
    ys_buf_release(&t);
    ys_disclosure_free(d);
    ys_budget_free(b);
    ys_store_close(s);
    ys_diags_release(&dg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_find_figures),
        cmocka_unit_test(test_no_document),
        cmocka_unit_test(test_yoy_text),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
