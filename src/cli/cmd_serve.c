/*
 * cmd_serve.c — `yusuan serve [--db FILE] [--port N] [--bind ADDR]`: the portal's pages served live from
 * the warehouse (portal/portal.h, libmicrohttpd) until SIGINT or SIGTERM. Binds to 127.0.0.1 unless
 * --bind says otherwise; GET only; only the portal's own page names are answered. The listing (index,
 * totals) is read once at start: restart after an import.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli/cli.h"
#include "portal/portal.h"
#include "store/store.h"

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage_text[] =
    "usage: yusuan serve [--db FILE] [--port N] [--bind ADDR]\n"
    "\n"
    "Serves the portal (the pages of `yusuan publish`) from the warehouse until interrupted.\n"
    "\n"
    "  --db FILE       the database (default ./yusuan.db)\n"
    "  --port N        the TCP port (default 8080; 0 = any free port, printed)\n"
    "  --bind ADDR     the address to listen on, IPv4 or IPv6 (default 127.0.0.1; ::1 is the IPv6 loopback;\n"
    "                  0.0.0.0 or :: exposes it to the network)\n"
    "  -h, --help      this help\n";

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
    (void)sig;
    stop_flag = 1;
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "yusuan serve: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n(see `yusuan serve --help`)\n");
    return YS_EXIT_USAGE;
}

int ys_cmd_serve(int argc, char **argv)
{
    const char *db = "yusuan.db", *bind = "127.0.0.1", *port_arg = "8080";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage_text, stdout);
            return YS_EXIT_OK;
        } else if (!strncmp(a, "--db=", 5)) db = a + 5;
        else if (!strncmp(a, "--port=", 7)) port_arg = a + 7;
        else if (!strncmp(a, "--bind=", 7)) bind = a + 7;
        else if ((!strcmp(a, "--db") || !strcmp(a, "--port") || !strcmp(a, "--bind")) && i + 1 < argc) {
            if (!strcmp(a, "--db")) db = argv[++i];
            else if (!strcmp(a, "--port")) port_arg = argv[++i];
            else bind = argv[++i];
        } else if (!strcmp(a, "--db") || !strcmp(a, "--port") || !strcmp(a, "--bind"))
            return usage_error("option '%s' needs a value", a);
        else if (a[0] == '-') return usage_error("unknown option '%s'", a);
        else return usage_error("unexpected argument '%s'", a);
    }
    char *end = NULL;
    long port = strtol(port_arg, &end, 10);
    if (!*port_arg || *end || port < 0 || port > 65535) return usage_error("bad port '%s'", port_arg);

    ys_diags diags;
    ys_diags_init(&diags);
    ys_store *s = NULL;
    ys_portal *p = NULL;
    ys_portal_server *sv = NULL;
    int status = YS_EXIT_OK;
    if (ys_store_open(db, YS_STORE_READONLY, &s, &diags) != YS_OK || ys_portal_new(s, &p, &diags) != YS_OK ||
        ys_portal_serve_start(p, bind, (unsigned)port, &sv, &diags) != YS_OK) {
        status = YS_EXIT_USAGE;
        goto done;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    /* an IPv6 address goes in brackets in a URL: http://[::1]:8080/ */
    bool v6 = strchr(bind, ':') && bind[0] != '[';
    printf("门户：http://%s%s%s:%u/（%zu 个部门，%zu 个文档；Ctrl-C 结束）\n", v6 ? "[" : "", bind, v6 ? "]" : "",
           ys_portal_serve_port(sv),
           ys_portal_departments(p), ys_portal_documents(p));
    fflush(stdout);
    while (!stop_flag) pause();
done:
    ys_portal_serve_stop(sv);
    ys_cli_print_diags(&diags);
    ys_diags_release(&diags);
    ys_portal_free(p);
    ys_store_close(s);
    return status;
}
