/*
 * modules.c — the heavy features of the command-line binary, loaded on demand. Four source files of the
 * library need big shared libraries that every `yusuan` process would otherwise load at start-up (≈ 20 ms
 * of 22 ms): render/pdf.c (pangocairo), render/workbook.c + render/book_template.c (libxlsxwriter),
 * store/store_pg.c (libpq) and portal/serve.c (libmicrohttpd). The Makefile builds them into modules of the
 * binary — yusuan-pdf.so, yusuan-xlsx.so, yusuan-pg.so, yusuan-serve.so — and links the binary without
 * them (libyusuan-core.a). This file defines the same public functions (render/render.h,
 * render/book_template.h, store/store_backend.h, portal/portal.h); each forwards to the module's function,
 * found with dlsym on first use. A module's references to yusuan's own functions resolve against the
 * executable, which exports exactly those (the Makefile's generated dynamic list).
 *
 * Module search (like core/datadir.c for data; never a path taken from a document): $YUSUAN_MODULES, then
 * modules/ beside the executable (a build directory), then ../lib/yusuan beside it (an installed,
 * relocatable tree), then the compiled-in YS_MODULEDIR ($(PREFIX)/lib/yusuan). The first directory holding
 * the file is used; if that file cannot be loaded the command fails with a Chinese diagnostic carrying
 * dlerror() and its usual error status, without trying the others.
 *
 * Unit tests and other programs link the whole libyusuan.a instead, where these functions are the real
 * ones; this file is compiled into the binary only (src/cli/).
 */
#include <dlfcn.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "portal/portal.h"
#include "render/book_template.h"
#include "render/render.h"
#include "store/store_backend.h"

#ifndef YS_MODULEDIR
#define YS_MODULEDIR "/usr/local/lib/yusuan"
#endif

typedef struct {
    const char *file;   /* "yusuan-pdf.so" */
    const char *what;   /* for the diagnostic: "无法载入" + what */
    void *handle;       /* NULL until loaded; kept for the life of the process */
    char *error;        /* owned; the first failure, repeated to later callers */
} module;

static module mod_pdf = {"yusuan-pdf.so", " PDF 模块", NULL, NULL};
static module mod_xlsx = {"yusuan-xlsx.so", " XLSX 模块", NULL, NULL};
static module mod_pg = {"yusuan-pg.so", " PostgreSQL 模块", NULL, NULL};
static module mod_serve = {"yusuan-serve.so", "服务器模块", NULL, NULL};

static bool is_file(const char *p)
{
    return access(p, F_OK) == 0;
}

/* The module's path into buf: the first candidate directory holding it; false when none does. */
static bool find_module(const char *file, char *buf, size_t bufsz)
{
    const char *env = getenv("YUSUAN_MODULES");
    if (env && *env) {
        snprintf(buf, bufsz, "%s/%s", env, file);
        if (is_file(buf)) return true;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            snprintf(buf, bufsz, "%s/modules/%s", exe, file);
            if (is_file(buf)) return true;
            snprintf(buf, bufsz, "%s/../lib/yusuan/%s", exe, file);
            if (is_file(buf)) return true;
        }
    }
    snprintf(buf, bufsz, "%s/%s", YS_MODULEDIR, file);
    return is_file(buf);
}

static char *dup_text(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p) memcpy(p, s, n);
    return p;
}

/* The module's symbol `name`, loading the module first; NULL with a diagnostic in diags (may be NULL). */
static void *module_sym(module *m, const char *name, ys_diags *diags)
{
    char path[PATH_MAX + 64];
    if (!m->handle && !m->error) {
        if (!find_module(m->file, path, sizeof path)) {
            char msg[PATH_MAX + 256];
            snprintf(msg, sizeof msg, "找不到 %s（已查找 $YUSUAN_MODULES、可执行文件旁的 modules/ 与 ../lib/yusuan/、%s）",
                     m->file, YS_MODULEDIR);
            m->error = dup_text(msg);
        } else {
            m->handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
            if (!m->handle) {
                const char *e = dlerror();
                m->error = dup_text(e ? e : path);
            }
        }
    }
    void *p = NULL;
    if (m->handle) {
        dlerror();
        p = dlsym(m->handle, name);
        if (!p) {
            const char *e = dlerror();
            if (diags)
                ys_diags_add(diags, YS_DIAG_ERROR, "yusuan", 0, 0, "模块 %s 缺少函数 %s：%s", m->file, name,
                             e ? e : m->file);
        }
        return p;
    }
    if (diags) ys_diags_add(diags, YS_DIAG_ERROR, "yusuan", 0, 0, "无法载入%s：%s", m->what,
                            m->error ? m->error : m->file);
    return NULL;
}

/* A function pointer from dlsym's object pointer (POSIX guarantees they convert; ISO C does not say so). */
#define MODULE_FN(var, mod, name, diags)                                                          \
    do {                                                                                          \
        void *sym_ = module_sym(&(mod), (name), (diags));                                         \
        _Static_assert(sizeof(var) == sizeof sym_, "function and object pointers differ in size"); \
        memcpy(&(var), &sym_, sizeof(var));                                                       \
    } while (0)

/* ---- yusuan-pdf.so: render/pdf.c ------------------------------------------------------------------- */

ys_status ys_render_pdf(const ys_disclosure *d, const char *path, ys_diags *diags)
{
    static ys_status (*fn)(const ys_disclosure *, const char *, ys_diags *);
    if (!fn) MODULE_FN(fn, mod_pdf, "ys_render_pdf", diags);
    return fn ? fn(d, path, diags) : YS_ERR_IO;
}

/* ---- yusuan-xlsx.so: render/workbook.c, render/book_template.c -------------------------------------- */

ys_status ys_render_xlsx(const ys_disclosure *d, const char *path, ys_diags *diags)
{
    static ys_status (*fn)(const ys_disclosure *, const char *, ys_diags *);
    if (!fn) MODULE_FN(fn, mod_xlsx, "ys_render_xlsx", diags);
    return fn ? fn(d, path, diags) : YS_ERR_IO;
}

ys_status ys_book_template_xlsx(const char *path, bool force, ys_diags *diags)
{
    static ys_status (*fn)(const char *, bool, ys_diags *);
    if (!fn) MODULE_FN(fn, mod_xlsx, "ys_book_template_xlsx", diags);
    return fn ? fn(path, force, diags) : YS_ERR_IO;
}

ys_status ys_book_template_tsv(const char *dir, bool force, ys_diags *diags)
{
    static ys_status (*fn)(const char *, bool, ys_diags *);
    if (!fn) MODULE_FN(fn, mod_xlsx, "ys_book_template_tsv", diags);
    return fn ? fn(dir, force, diags) : YS_ERR_IO;
}

/* ---- yusuan-pg.so: store/store_pg.c ------------------------------------------------------------------ */

ys_status ys_store_pg_open(const char *url, bool readonly, void **impl, const ys_store_ops **ops, ys_diags *diags)
{
    static ys_status (*fn)(const char *, bool, void **, const ys_store_ops **, ys_diags *);
    if (!fn) MODULE_FN(fn, mod_pg, "ys_store_pg_open", diags);
    /* the documented status when PostgreSQL support is not available */
    return fn ? fn(url, readonly, impl, ops, diags) : YS_ERR_USAGE;
}

/* ---- yusuan-serve.so: portal/serve.c ----------------------------------------------------------------- */

static ys_status (*serve_start)(ys_portal *, const char *, unsigned, ys_portal_server **, ys_diags *);
static unsigned (*serve_port)(const ys_portal_server *);
static void (*serve_stop)(ys_portal_server *);

ys_status ys_portal_serve_start(ys_portal *p, const char *bind, unsigned port, ys_portal_server **out,
                                ys_diags *diags)
{
    if (!serve_start) MODULE_FN(serve_start, mod_serve, "ys_portal_serve_start", diags);
    if (serve_start && !serve_port) MODULE_FN(serve_port, mod_serve, "ys_portal_serve_port", diags);
    if (serve_start && serve_port && !serve_stop) MODULE_FN(serve_stop, mod_serve, "ys_portal_serve_stop", diags);
    if (!serve_start || !serve_port || !serve_stop) {
        if (out) *out = NULL;
        return YS_ERR_IO;
    }
    return serve_start(p, bind, port, out, diags);
}

/* A server exists only when ys_portal_serve_start succeeded, so the module is loaded by then. */
unsigned ys_portal_serve_port(const ys_portal_server *sv)
{
    return sv && serve_port ? serve_port(sv) : 0;
}

void ys_portal_serve_stop(ys_portal_server *sv)
{
    if (sv && serve_stop) serve_stop(sv);
}
