/*
 * test_serve6.c — `serve --bind` with IPv6 (portal/serve.c): the portal served on the IPv6 loopback ::1,
 * given bare or in URL brackets ([::1]), answers GET / over IPv6 and listens on ::1 only (Linux
 * /proc/net/tcp6); addresses that are neither IPv4 nor IPv6 are refused. Skipped cleanly when the machine
 * has no IPv6 loopback. The portal reads an empty warehouse in a temporary directory. (The IPv4 default,
 * 127.0.0.1, is tested in test_portal.c.)
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/buf.h"
#include "portal/portal.h"
#include "store/store.h"

static char tmpdir[] = "/tmp/yusuan-serve6-XXXXXX";
static ys_store *store;
static ys_portal *portal;

/* Can this machine bind a socket to ::1? */
static int have_ipv6_loopback(void)
{
    int fd = socket(AF_INET6, SOCK_STREAM, 0);
    if (fd < 0) return 0;
    struct sockaddr_in6 a;
    memset(&a, 0, sizeof a);
    a.sin6_family = AF_INET6;
    a.sin6_addr = in6addr_loopback;
    int ok = bind(fd, (struct sockaddr *)&a, sizeof a) == 0;
    close(fd);
    return ok;
}

static char *http6(unsigned port, const char *request)
{
    int fd = socket(AF_INET6, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_in6 a;
    memset(&a, 0, sizeof a);
    a.sin6_family = AF_INET6;
    a.sin6_port = htons((uint16_t)port);
    a.sin6_addr = in6addr_loopback;
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

/* 1 when exactly one socket listens on port and it is on ::1; 0 otherwise; -1 without /proc/net/tcp6. */
static int listening_on_ipv6_loopback(unsigned port)
{
    FILE *f = fopen("/proc/net/tcp6", "r");
    if (!f) return -1;
    char line[512], addr[40];
    int loop = 0, other = 0;
    while (fgets(line, sizeof line, f)) {
        unsigned p, st;
        if (sscanf(line, " %*d: %32[0-9A-Fa-f]:%4X %*32[0-9A-Fa-f]:%*4X %2X", addr, &p, &st) != 3) continue;
        if (p != port || st != 0x0A) continue;   /* 0A = LISTEN */
        if (!strcmp(addr, "00000000000000000000000001000000")) loop++;   /* ::1 as the kernel prints it */
        else other++;
    }
    fclose(f);
    return loop == 1 && other == 0;
}

static void serve_on(const char *bind)
{
    ys_diags dg;
    ys_diags_init(&dg);
    ys_portal_server *sv = NULL;
    ys_status st = ys_portal_serve_start(portal, bind, 0, &sv, &dg);
    for (size_t i = 0; i < dg.count; i++) printf("%s: %s\n", bind, dg.items[i].message);
    assert_int_equal(st, YS_OK);
    unsigned port = ys_portal_serve_port(sv);
    assert_true(port > 0);
    int lo = listening_on_ipv6_loopback(port);
    if (lo >= 0) assert_int_equal(lo, 1);
    char *r = http6(port, "GET / HTTP/1.0\r\nHost: [::1]\r\n\r\n");
    assert_true(strncmp(r, "HTTP/1.0 200", 12) == 0 || strncmp(r, "HTTP/1.1 200", 12) == 0);
    assert_non_null(strstr(r, "text/html; charset=utf-8"));
    free(r);
    ys_portal_serve_stop(sv);
    ys_diags_release(&dg);
}

static void test_ipv6_loopback(void **state)
{
    (void)state;
    if (!have_ipv6_loopback()) {
        fprintf(stderr, "SKIPPED: no IPv6 loopback (::1) on this machine\n");
        skip();
    }
    serve_on("::1");
    serve_on("[::1]");
}

static void test_bad_addresses(void **state)
{
    (void)state;
    static const char *const bad[] = {"localhost", "[127.0.0.1]", "1.2.3", "::1::2", "[::1", "", "::1]"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        ys_diags dg;
        ys_diags_init(&dg);
        ys_portal_server *sv = NULL;
        assert_int_equal(ys_portal_serve_start(portal, bad[i], 0, &sv, &dg), YS_ERR_USAGE);
        assert_null(sv);
        assert_true(dg.errors == 1);
        assert_non_null(strstr(dg.items[0].message, "无效的监听地址"));
        ys_diags_release(&dg);
    }
    /* a port out of range is refused for IPv6 too */
    ys_diags dg;
    ys_diags_init(&dg);
    ys_portal_server *sv = NULL;
    assert_int_equal(ys_portal_serve_start(portal, "::1", 70000, &sv, &dg), YS_ERR_USAGE);
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
    int rc = ys_store_open(path, YS_STORE_READWRITE, &store, &dg) == YS_OK &&
                     ys_portal_new(store, &portal, &dg) == YS_OK
                 ? 0
                 : -1;
    ys_diags_release(&dg);
    return rc;
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ipv6_loopback),
        cmocka_unit_test(test_bad_addresses),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
