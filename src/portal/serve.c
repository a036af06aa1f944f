/*
 * serve.c — the portal live (portal/portal.h ys_portal_serve_*): a libmicrohttpd daemon with one internal
 * polling thread, so requests reach the store one at a time. GET and HEAD only (405 otherwise); the URL's
 * path (query string already split off by the library) is looked up with ys_portal_page, which accepts only
 * the portal's own names — no file is ever opened from a URL. Bound to 127.0.0.1 unless told otherwise;
 * the address may be IPv4 (0.0.0.0 for every interface) or IPv6 (::1, [::1], :: for every interface).
 */
#include "portal/portal.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

struct ys_portal_server {
    struct MHD_Daemon *daemon;
    ys_portal *portal;   /* borrowed */
    unsigned port;
};

static enum MHD_Result reply(struct MHD_Connection *c, unsigned code, const char *type, const char *body, size_t n)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(n, (void *)body, MHD_RESPMEM_MUST_COPY);
    if (!r) return MHD_NO;
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src 'self' data:");
    if (code == 405) MHD_add_response_header(r, "Allow", "GET, HEAD");
    enum MHD_Result ret = MHD_queue_response(c, code, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *upload_data, size_t *upload_size, void **state)
{
    (void)version;
    (void)upload_data;
    ys_portal_server *sv = cls;
    static const char *const plain = "text/plain; charset=utf-8";
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
        static const char msg[] = "只接受 GET 请求\n";
        return reply(c, 405, plain, msg, sizeof msg - 1);
    }
    if (!*state) {   /* first call for this request: headers only */
        *state = sv;
        return MHD_YES;
    }
    if (*upload_size) {
        *upload_size = 0;
        return MHD_YES;
    }
    if (!url || url[0] != '/') {
        static const char msg[] = "错误的请求\n";
        return reply(c, 400, plain, msg, sizeof msg - 1);
    }
    ys_buf out = YS_BUF_INIT;
    const char *type = NULL;
    ys_diags diags;
    ys_diags_init(&diags);
    ys_status st = ys_portal_page(sv->portal, url + 1, &out, &type, &diags);
    enum MHD_Result ret;
    if (st == YS_OK) ret = reply(c, 200, type, ys_buf_str(&out), out.len);
    else if (st == YS_ERR_USAGE) {
        static const char msg[] = "没有这个页面\n";
        ret = reply(c, 404, plain, msg, sizeof msg - 1);
    } else {
        static const char msg[] = "读取数据库失败\n";
        ret = reply(c, 500, plain, msg, sizeof msg - 1);
    }
    ys_diags_release(&diags);
    ys_buf_release(&out);
    return ret;
}

ys_status ys_portal_serve_start(ys_portal *p, const char *bind, unsigned port, ys_portal_server **out,
                                ys_diags *diags)
{
    *out = NULL;
    if (!bind) bind = "127.0.0.1";
    /* an IPv4 address, or an IPv6 one, bare (::1) or in URL brackets ([::1]) */
    char host[INET6_ADDRSTRLEN + 2];
    size_t blen = strlen(bind);
    if (blen >= 2 && bind[0] == '[' && bind[blen - 1] == ']' && blen - 2 < sizeof host) {
        memcpy(host, bind + 1, blen - 2);
        host[blen - 2] = '\0';
    } else snprintf(host, sizeof host, "%s", blen < sizeof host ? bind : "");
    struct sockaddr_in addr4;
    struct sockaddr_in6 addr6;
    memset(&addr4, 0, sizeof addr4);
    memset(&addr6, 0, sizeof addr6);
    addr4.sin_family = AF_INET;
    addr4.sin_port = htons((uint16_t)port);
    addr6.sin6_family = AF_INET6;
    addr6.sin6_port = htons((uint16_t)port);
    bool v4 = bind[0] != '[' && inet_pton(AF_INET, host, &addr4.sin_addr) == 1;
    bool v6 = !v4 && inet_pton(AF_INET6, host, &addr6.sin6_addr) == 1;
    if (port > 65535 || (!v4 && !v6)) {
        ys_diags_add(diags, YS_DIAG_ERROR, NULL, 0, 0, "无效的监听地址或端口：%s:%u（应为 IPv4 或 IPv6 地址，如 127.0.0.1 或 ::1）",
                     bind, port);
        return YS_ERR_USAGE;
    }
    ys_portal_server *sv = calloc(1, sizeof *sv);
    if (!sv) return YS_ERR_NOMEM;
    sv->portal = p;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG | (v6 ? MHD_USE_IPv6 : 0);
    struct sockaddr *sa = v6 ? (struct sockaddr *)&addr6 : (struct sockaddr *)&addr4;
    sv->daemon = MHD_start_daemon(flags, (uint16_t)port, NULL, NULL, handle, sv, MHD_OPTION_SOCK_ADDR, sa,
                                  MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)30, MHD_OPTION_END);
    if (!sv->daemon) {
        ys_diags_add(diags, YS_DIAG_ERROR, NULL, 0, 0, "无法在 %s%s%s:%u 上监听（端口被占用，或本机没有这个地址？）",
                     v6 && bind[0] != '[' ? "[" : "", bind, v6 && bind[0] != '[' ? "]" : "", port);
        free(sv);
        return YS_ERR_IO;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(sv->daemon, MHD_DAEMON_INFO_BIND_PORT);
    sv->port = info ? info->port : port;
    *out = sv;
    return YS_OK;
}

unsigned ys_portal_serve_port(const ys_portal_server *sv) { return sv ? sv->port : 0; }

void ys_portal_serve_stop(ys_portal_server *sv)
{
    if (!sv) return;
    if (sv->daemon) MHD_stop_daemon(sv->daemon);
    free(sv);
}
