/*
 * test_portal.c — the portal (portal/portal.h) on a temporary SQLite warehouse holding the sample
 * (2024), its modified copy (2023, tests/golden/inputs/diff/published-2023.txt) and the budget book of a
 * department named <script>alert(1)</script>: the index lists every department and document and escapes
 * the name; a document page shows its tables with the findings marked; the department page compares
 * the years (a renamed code found through its alias); page names are whitelisted (traversal, leading
 * zeros, unknown tables refused); publish writes the files; serve answers GET / on 127.0.0.1 (a port
 * chosen by the kernel) and is bound to loopback only (checked in /proc/net/tcp), and refuses POST.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "catalog/catalog.h"
#include "check/check.h"
#include "derive/derive.h"
#include "portal/portal.h"
#include "read/book.h"
#include "read/read.h"
#include "store/store.h"

static char tmpdir[] = "/tmp/yusuan-portal-XXXXXX";
static ys_store *store;
static ys_portal *portal;

static void put(ys_disclosure *d, ys_findings *f, const char *hash, const char *origin)
{
    ys_store_docinfo info = {d->file, origin, hash, ys_store_ruleset_version(), 2024};
    ys_diags dg;
    ys_diags_init(&dg);
    int64_t id = 0;
    assert_int_equal(ys_store_put(store, &info, d, f, &id, &dg), YS_OK);
    ys_diags_release(&dg);
}

static void put_text(const char *path, const char *hash)
{
    ys_diags dg;
    ys_diags_init(&dg);
    ys_disclosure *d = NULL;
    assert_int_equal(ys_read_text_file(path, &d, &dg), YS_OK);
    ys_findings f;
    ys_findings_init(&f);
    ys_check_run(d, NULL, NULL, &f);
    put(d, &f, hash, "published");
    ys_findings_release(&f);
    ys_disclosure_free(d);
    ys_diags_release(&dg);
}

static void put_book(const char *path, const char *hash)
{
    ys_diags dg;
    ys_diags_init(&dg);
    ys_budget *b = NULL;
    assert_int_equal(ys_book_read(path, &b, &dg), YS_OK);
    ys_catalog *cat = ys_catalog_new();
    ys_catalog_load_default(cat, &dg);
    ys_disclosure *d = NULL;
    assert_int_equal(ys_derive(b, cat, &d, &dg), YS_OK);
    ys_findings f;
    ys_findings_init(&f);
    ys_check_run(d, cat, NULL, &f);
    put(d, &f, hash, "book");
    ys_findings_release(&f);
    ys_disclosure_free(d);
    ys_catalog_free(cat);
    ys_budget_free(b);
    ys_diags_release(&dg);
}

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(tmpdir)) return -1;
    char path[256];
    snprintf(path, sizeof path, "%s/p.db", tmpdir);
    ys_diags dg;
    ys_diags_init(&dg);
    if (ys_store_open(path, YS_STORE_READWRITE, &store, &dg) != YS_OK) return -1;
    put_text("examples/zhaoxian-hrss-2024/published.txt", "h1");          /* document 1 */
    put_text("tests/golden/inputs/diff/published-2023.txt", "h2");        /* document 2 */
    put_book("tests/golden/cases/store-script/book", "h3");               /* document 3 */
    if (ys_portal_new(store, &portal, &dg) != YS_OK) return -1;
    ys_diags_release(&dg);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ys_portal_free(portal);
    ys_store_close(store);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);   /* our own mkdtemp name */
    return system(cmd) == 0 ? 0 : -1;
}

static char *page(const char *path, ys_status want)
{
    ys_buf out = YS_BUF_INIT;
    const char *type = NULL;
    ys_diags dg;
    ys_diags_init(&dg);
    assert_int_equal(ys_portal_page(portal, path, &out, &type, &dg), want);
    ys_diags_release(&dg);
    return ys_buf_detach(&out);
}

static size_t count(const char *s, const char *needle)
{
    size_t n = 0;
    for (const char *p = s; (p = strstr(p, needle)); p += strlen(needle)) n++;
    return n;
}

static void test_index(void **state)
{
    (void)state;
    assert_int_equal(ys_portal_documents(portal), 3);
    assert_int_equal(ys_portal_departments(portal), 2);
    char *s = page("", YS_OK);
    char *s2 = page("index.html", YS_OK);
    assert_string_equal(s, s2);   /* deterministic, and "" is the index */
    assert_non_null(strstr(s, ">赵县人力资源和社会保障局</a>"));
    assert_non_null(strstr(s, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_null(strstr(s, "<script>alert"));
    assert_int_equal(count(s, "<tr data-s="), 3);
    assert_non_null(strstr(s, "href=\"doc-1.html\""));
    assert_non_null(strstr(s, "href=\"doc-3.html\""));
    assert_non_null(strstr(s, "<input type=\"search\" id=\"q\" name=\"q\""));
    assert_non_null(strstr(s, "<td class=\"n\">34063.09</td>"));
    assert_null(strstr(s, "http://"));   /* no external resource */
    assert_null(strstr(s, "https://"));
    free(s);
    free(s2);
    s = page("compare.html", YS_OK);
    assert_non_null(strstr(s, "<h2>2024 年</h2>"));
    assert_non_null(strstr(s, "<h2>2023 年</h2>"));
    assert_null(strstr(s, "<script>alert"));
    free(s);
}

static void test_document(void **state)
{
    (void)state;
    char *s = page("doc-1.html", YS_OK);
    assert_non_null(strstr(s, "id=\"t-expense\""));
    assert_non_null(strstr(s, "id=\"t-three_public\""));
    assert_non_null(strstr(s, "class=\"f-error\" title=\"[R"));   /* a finding marked on its cell */
    assert_non_null(strstr(s, "href=\"doc-1-expense.csv\""));
    assert_non_null(strstr(s, "<svg"));
    free(s);
    s = page("doc-3.html", YS_OK);
    assert_null(strstr(s, "<script>alert"));
    assert_non_null(strstr(s, "&lt;script&gt;"));
    assert_non_null(strstr(s, "href=\"doc-3.xlsx\""));   /* a book: workbook and PDF */
    free(s);
    s = page("doc-1-expense.csv", YS_OK);
    assert_true(strncmp(s, "序号,", strlen("序号,")) == 0);
    free(s);
    s = page("doc-1.json", YS_OK);
    assert_non_null(strstr(s, "\"tables\""));
    free(s);
    s = page("doc-3-full.html", YS_OK);
    assert_null(strstr(s, "<script>alert"));
    free(s);
}

static void test_department(void **state)
{
    (void)state;
    char *s = page("dept-1.html", YS_OK);
    assert_non_null(strstr(s, "id=\"yoy-2024\""));
    assert_non_null(strstr(s, "更名（上年：行政事业单位离退休）"));
    assert_non_null(strstr(s, "class=\"m-recoded\""));
    free(s);
}

static void test_names(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "../p.db", "/etc/passwd", "doc-01.html", "doc-1.html/", "doc-9.html", "dept-9.html", "doc-1-x.csv",
        "doc-1-../../p.db.csv", "doc-1.xlsx", "doc-.html", "doc-1-expense.csv.exe", "index.htm", "doc-1-none.csv",
        "doc-99999999999999999999.html", "DOC-1.html", "doc-1-organisation.csvx",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) free(page(bad[i], YS_ERR_USAGE));
}

static void test_publish(void **state)
{
    (void)state;
    char dir[300], path[400];
    snprintf(dir, sizeof dir, "%s/site", tmpdir);
    ys_diags dg;
    ys_diags_init(&dg);
    assert_int_equal(ys_portal_publish(portal, dir, &dg), YS_OK);
    ys_diags_release(&dg);
    static const char *const files[] = {"index.html", "compare.html", "dept-1.html", "dept-2.html", "doc-1.html",
                                        "doc-2-full.html", "doc-3.json", "doc-1-summary.csv", "doc-3.xlsx",
                                        "doc-3.pdf"};
    struct stat sb;
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        assert_int_equal(stat(path, &sb), 0);
        assert_true(sb.st_size > 0);
    }
    snprintf(path, sizeof path, "%s/doc-1.xlsx", dir);   /* not a book */
    assert_int_not_equal(stat(path, &sb), 0);
}

/* ---- serve ---------------------------------------------------------------------------------------------- */

static char *http(unsigned port, const char *request)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
    size_t n = strlen(request);
    assert_int_equal(write(fd, request, n), (ssize_t)n);
    ys_buf out = YS_BUF_INIT;
    char buf[4096];
    ssize_t r;
    while ((r = read(fd, buf, sizeof buf)) > 0) ys_buf_add(&out, buf, (size_t)r);
    close(fd);
    return ys_buf_detach(&out);
}

/* Is there a listening TCP socket on 127.0.0.1:port, and none on another address? (Linux /proc) */
static int listening_on_loopback(unsigned port)
{
    FILE *f = fopen("/proc/net/tcp", "r");
    if (!f) return -1;
    char line[512];
    int loop = 0, other = 0;
    while (fgets(line, sizeof line, f)) {
        unsigned addr, p, st;
        if (sscanf(line, " %*d: %8X:%4X %*8X:%*4X %2X", &addr, &p, &st) != 3) continue;
        if (p != port || st != 0x0A) continue;   /* 0A = LISTEN */
        if (addr == 0x0100007F) loop++;
        else other++;
    }
    fclose(f);
    return loop == 1 && other == 0;
}

static void test_serve(void **state)
{
    (void)state;
    ys_diags dg;
    ys_diags_init(&dg);
    ys_portal_server *sv = NULL;
    assert_int_equal(ys_portal_serve_start(portal, NULL, 0, &sv, &dg), YS_OK);
    unsigned port = ys_portal_serve_port(sv);
    assert_true(port > 0);
    int lo = listening_on_loopback(port);
    if (lo >= 0) assert_int_equal(lo, 1);
    char *r = http(port, "GET / HTTP/1.0\r\nHost: localhost\r\n\r\n");
    assert_true(strncmp(r, "HTTP/1.0 200", 12) == 0 || strncmp(r, "HTTP/1.1 200", 12) == 0);
    assert_non_null(strstr(r, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_non_null(strstr(r, "text/html; charset=utf-8"));
    free(r);
    r = http(port, "GET /doc-1.html?q=x HTTP/1.0\r\n\r\n");
    assert_non_null(strstr(r, " 200 "));
    assert_non_null(strstr(r, "id=\"t-expense\""));
    free(r);
    r = http(port, "GET /../p.db HTTP/1.0\r\n\r\n");
    assert_non_null(strstr(r, " 404 "));
    free(r);
    r = http(port, "POST / HTTP/1.0\r\nContent-Length: 0\r\n\r\n");
    assert_non_null(strstr(r, " 405 "));
    free(r);
    ys_portal_serve_stop(sv);
    /* a bad address is refused */
    assert_int_equal(ys_portal_serve_start(portal, "localhost:80", 0, &sv, &dg), YS_ERR_USAGE);
    assert_null(sv);
    ys_diags_release(&dg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_index),   cmocka_unit_test(test_document), cmocka_unit_test(test_department),
        cmocka_unit_test(test_names),   cmocka_unit_test(test_publish),  cmocka_unit_test(test_serve),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
