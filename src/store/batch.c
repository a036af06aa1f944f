/*
 * batch.c — batch audit into the warehouse (batch.h): walk the inputs, audit and store each document
 * (in this process, or in forked workers that each own a connection), deliver every document's messages
 * in input order, and summarise the batch from the store. The wire format between parent and workers is
 * private to this file: a task is a uint32 length and the path; a result is a fixed header (outcome, id,
 * lengths) followed by the out and err texts.
 */
#include "store/batch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check/check.h"
#include "core/arena.h"
#include "core/sha256.h"
#include "read/pdf.h"
#include "read/read.h"
#include "render/report.h"

#define MAX_DEPTH 64

/* ---- one document ----------------------------------------------------------------------------------- */

static void diags_text(ys_buf *err, const ys_diags *d)
{
    for (size_t i = 0; i < d->count; i++) {
        const ys_diag *g = &d->items[i];
        char loc[1024];
        const char *lv = g->level == YS_DIAG_ERROR ? "错误" : g->level == YS_DIAG_WARNING ? "警告" : "注意";
        ys_buf_printf(err, "%s: %s: %s\n", ys_diag_location(g, loc, sizeof loc), lv, g->message);
    }
}

static ys_status lookup(ys_store *s, const char *hex, int64_t *id, ys_buf *err)
{
    ys_diags dg;
    ys_diags_init(&dg);
    ys_status st = ys_store_find_hash(s, hex, id, &dg);
    diags_text(err, &dg);
    ys_diags_release(&dg);
    return st;
}

/* A directory holding a budget book (docs/BOOK.md: meta.tsv and lines.tsv) is the input of `build` and
 * `import`, not a published document: a batch audit skips it whole, with a note. */
static bool is_book_dir(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) return false;
    ys_buf p = YS_BUF_INIT;
    ys_buf_printf(&p, "%s/meta.tsv", path);
    bool meta = access(ys_buf_str(&p), R_OK) == 0;
    ys_buf_reset(&p);
    ys_buf_printf(&p, "%s/lines.tsv", path);
    bool lines = access(ys_buf_str(&p), R_OK) == 0;
    ys_buf_release(&p);
    return meta && lines;
}

ys_batch_outcome ys_batch_one(ys_store *s, const char *path, const ys_catalog *cat, int lock_fd, int64_t *id,
                              ys_buf *out, ys_buf *err)
{
    *id = 0;
    if (is_book_dir(path)) {
        ys_buf_printf(out, "跳过 %s：这是预算表册，不是公开文档（用 yusuan import 或 build 处理）\n", path);
        return YS_BATCH_SKIPPED;
    }
    ys_diags dg;
    ys_diags_init(&dg);
    char *bytes = NULL;
    size_t n = 0;
    char hex[YS_SHA256_HEX];
    ys_status st = ys_read_file(path, &bytes, &n, &dg);
    if (st == YS_OK) ys_sha256_hex(bytes, n, hex);
    free(bytes);
    diags_text(err, &dg);
    ys_diags_release(&dg);
    if (st != YS_OK) {
        if (!err->len) ys_buf_printf(err, "%s: 错误: 无法读取文件\n", path);
        return YS_BATCH_FAILED;
    }
    if (lookup(s, hex, id, err) != YS_OK) return YS_BATCH_FAILED;
    if (*id > 0) {
        ys_buf_printf(out, "跳过 %s：内容已在数据库中\n", path);
        return YS_BATCH_SKIPPED;
    }

    ys_disclosure *d = NULL;
    ys_diags_init(&dg);
    st = ys_read_any_file(path, &d, &dg);
    diags_text(err, &dg);
    ys_diags_release(&dg);
    if (st != YS_OK || !d) {
        ys_disclosure_free(d);
        ys_buf_printf(err, "%s: 错误: 未能作为公开文档读取，未导入\n", path);
        return YS_BATCH_FAILED;
    }
    ys_findings f;
    ys_findings_init(&f);
    ys_check_run(d, cat, NULL, &f);

    ys_batch_outcome outcome = YS_BATCH_IMPORTED;
    if (lock_fd >= 0)
        while (flock(lock_fd, LOCK_EX) != 0 && errno == EINTR) continue;
    /* the same content may have been stored by another worker meanwhile */
    if (lookup(s, hex, id, err) != YS_OK) outcome = YS_BATCH_FAILED;
    else if (*id > 0) {
        ys_buf_printf(out, "跳过 %s：内容已在数据库中\n", path);
        outcome = YS_BATCH_SKIPPED;
    } else {
        ys_store_docinfo info = {path, "published", hex, ys_store_ruleset_version(),
                                 cat ? ys_catalog_edition(cat, YS_CLASS_FUNCTION) : 0};
        ys_diags_init(&dg);
        if (ys_store_put(s, &info, d, &f, id, &dg) != YS_OK) {
            diags_text(err, &dg);
            ys_buf_printf(err, "%s: 错误: 未能存入数据库，本文件未导入任何内容\n", path);
            outcome = YS_BATCH_FAILED;
            *id = 0;
        }
        ys_diags_release(&dg);
    }
    if (lock_fd >= 0) flock(lock_fd, LOCK_UN);
    if (outcome == YS_BATCH_IMPORTED) {
        ys_report_counts c = {0, 0, 0};
        ys_report_count(&f, &c);
        const ys_meta *m = &d->meta;
        ys_buf_printf(out, "导入 %s：", path);
        if (m->region && *m->region) ys_buf_printf(out, "%s ", m->region);
        ys_buf_printf(out, "%s", m->department && *m->department ? m->department : "（未知部门）");
        if (m->year) ys_buf_printf(out, " %d 年", m->year);
        ys_buf_printf(out, "%s%s，", ys_scope_name(m->scope), ys_kind_name(m->kind));
        ys_report_summary(out, &c);
        ys_buf_addc(out, '\n');
    }
    ys_findings_release(&f);
    ys_disclosure_free(d);
    return outcome;
}

/* ---- walking ---------------------------------------------------------------------------------------- */

typedef int (*emit_fn)(void *ctx, const char *path);

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* A name whose extension is a form a published document comes in (read/any.c reads by content; the
 * name only decides which files met inside a walked directory are documents at all): .txt, .pdf,
 * .html/.htm/.shtml, .xls, .xlsx, case-insensitive. */
bool ys_batch_document_name(const char *name)
{
    static const char *const ext[] = {"txt", "pdf", "html", "htm", "shtml", "xls", "xlsx"};
    const char *slash = strrchr(name, '/');
    const char *dot = strrchr(slash ? slash + 1 : name, '.');
    if (!dot || dot == (slash ? slash + 1 : name)) return false;   /* no extension, or a hidden name */
    for (size_t i = 0; i < sizeof ext / sizeof *ext; i++) {
        const char *a = dot + 1, *b = ext[i];
        while (*a && *b && (*a | 0x20) == *b) a++, b++;
        if (!*a && !*b) return true;
    }
    return false;
}

/* Regular files under dir in name order; hidden names and symbolic links skipped, and files whose name
 * is not a document form (README.md, notes.docx, photo.jpg) counted in *ignored (when not NULL) instead
 * of being read. */
static int walk_dir(const char *dir, int depth, emit_fn emit, void *ctx, size_t *ignored)
{
    if (depth > MAX_DEPTH) return 0;
    if (is_book_dir(dir)) return emit(ctx, dir);   /* skipped whole by ys_batch_one */
    DIR *dp = opendir(dir);
    if (!dp) return emit(ctx, dir);   /* reported as unreadable by the document step */
    char **names = NULL;
    size_t n = 0, cap = 0;
    for (struct dirent *e; (e = readdir(dp));) {
        if (e->d_name[0] == '.') continue;
        if (n == cap) names = ys_xrealloc(names, (cap = cap ? cap * 2 : 16) * sizeof *names);
        names[n++] = ys_xstrdup(e->d_name);
    }
    closedir(dp);
    if (n) qsort(names, n, sizeof *names, cmp_str);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        if (rc == 0) {
            ys_buf p = YS_BUF_INIT;
            size_t len = strlen(dir);
            ys_buf_printf(&p, len && dir[len - 1] == '/' ? "%s%s" : "%s/%s", dir, names[i]);
            struct stat st;
            if (lstat(ys_buf_str(&p), &st) == 0) {
                if (S_ISDIR(st.st_mode)) rc = walk_dir(ys_buf_str(&p), depth + 1, emit, ctx, ignored);
                else if (S_ISREG(st.st_mode) && ys_batch_document_name(names[i])) rc = emit(ctx, ys_buf_str(&p));
                else if (S_ISREG(st.st_mode) && ignored) ++*ignored;
            }
            ys_buf_release(&p);
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

/* Every input: a directory is walked; anything else (a file, a missing path) is one document, whatever
 * its name: what the user names is read (and an error when it cannot be). */
static int walk(const char *const *inputs, size_t n, emit_fn emit, void *ctx, size_t *ignored)
{
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        struct stat st;
        if (stat(inputs[i], &st) == 0 && S_ISDIR(st.st_mode)) rc = walk_dir(inputs[i], 0, emit, ctx, ignored);
        else rc = emit(ctx, inputs[i]);
    }
    return rc;
}

static int count_one(void *ctx, const char *path)
{
    (void)path;
    ++*(size_t *)ctx;
    return 0;
}

/* ---- the run ---------------------------------------------------------------------------------------- */

typedef struct {
    bool done;
    char *path;
    ys_batch_outcome outcome;
    int64_t id;
    char *out, *err;
} slot;

typedef struct {
    pid_t pid;
    int task_fd, result_fd;
    bool busy;
    size_t seq;   /* the task it works on */
} worker;

typedef struct {
    const ys_batch_opts *o;
    ys_batch_result *r;
    size_t total;
    /* in-process */
    ys_store *store;
    /* workers */
    worker *w;
    int nw;
    char lock_path[64];
    size_t next_seq, next_print, window;
    slot *ring;
} run_state;

static void add_id(ys_batch_result *r, int64_t id)
{
    if (id <= 0) return;
    if (r->nids == r->ids_cap) r->ids = ys_xrealloc(r->ids, (r->ids_cap = r->ids_cap ? r->ids_cap * 2 : 64) * sizeof *r->ids);
    r->ids[r->nids++] = id;
}

static void deliver(run_state *R, const char *path, ys_batch_outcome oc, int64_t id, const char *out, const char *err)
{
    ys_batch_result *r = R->r;
    r->files++;
    if (oc == YS_BATCH_IMPORTED) r->imported++;
    else if (oc == YS_BATCH_SKIPPED) r->skipped++;
    else r->failed++;
    add_id(r, id);
    if (R->o->message) R->o->message(R->o->ctx, path, oc, out, err);
    if (R->o->progress) R->o->progress(R->o->ctx, r->files, R->total, path);
}

static int emit_inprocess(void *ctx, const char *path)
{
    run_state *R = ctx;
    ys_buf out = YS_BUF_INIT, err = YS_BUF_INIT;
    int64_t id = 0;
    ys_batch_outcome oc = ys_batch_one(R->store, path, R->o->cat, -1, &id, &out, &err);
    deliver(R, path, oc, id, ys_buf_str(&out), ys_buf_str(&err));
    ys_buf_release(&out);
    ys_buf_release(&err);
    return 0;
}

static bool write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n > 0) {
        ssize_t k = write(fd, c, n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return false;
        c += k, n -= (size_t)k;
    }
    return true;
}

static bool read_all(int fd, void *p, size_t n)
{
    char *c = p;
    while (n > 0) {
        ssize_t k = read(fd, c, n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return false;
        c += k, n -= (size_t)k;
    }
    return true;
}

typedef struct {
    int32_t outcome;
    int64_t id;
    uint32_t out_len, err_len;
} result_head;

/* A worker: take paths until the task pipe closes; never returns. */
static void worker_main(const ys_batch_opts *o, int task_fd, int result_fd, const char *lock_path)
{
    ys_diags dg;
    ys_diags_init(&dg);
    ys_store *s = NULL;
    ys_status st = ys_store_open(o->db, YS_STORE_READWRITE, &s, &dg);
    ys_buf open_err = YS_BUF_INIT;
    diags_text(&open_err, &dg);
    ys_diags_release(&dg);
    int lock_fd = open(lock_path, O_RDWR | O_CLOEXEC);
    for (;;) {
        uint32_t len;
        if (!read_all(task_fd, &len, sizeof len) || len > (1u << 20)) break;
        char *path = ys_xmalloc((size_t)len + 1);
        if (!read_all(task_fd, path, len)) {
            free(path);
            break;
        }
        path[len] = '\0';
        ys_buf out = YS_BUF_INIT, err = YS_BUF_INIT;
        int64_t id = 0;
        ys_batch_outcome oc = YS_BATCH_FAILED;
        if (st == YS_OK) oc = ys_batch_one(s, path, o->cat, lock_fd, &id, &out, &err);
        else ys_buf_add(&err, open_err.data, open_err.len);
        result_head h = {(int32_t)oc, id, (uint32_t)out.len, (uint32_t)err.len};
        bool ok = write_all(result_fd, &h, sizeof h) && write_all(result_fd, out.data, out.len) &&
                  write_all(result_fd, err.data, err.len);
        ys_buf_release(&out);
        ys_buf_release(&err);
        free(path);
        if (!ok) break;
    }
    ys_store_close(s);
    ys_buf_release(&open_err);
    _exit(0);
}

static bool spawn(run_state *R, int i)
{
    int tp[2], rp[2];
    if (pipe(tp) != 0) return false;
    if (pipe(rp) != 0) {
        close(tp[0]), close(tp[1]);
        return false;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(tp[0]), close(tp[1]), close(rp[0]), close(rp[1]);
        return false;
    }
    if (pid == 0) {
        close(tp[1]);
        close(rp[0]);
        for (int k = 0; k < R->nw; k++)   /* the other workers' pipe ends belong to the parent */
            if (k != i && R->w[k].pid > 0) close(R->w[k].task_fd), close(R->w[k].result_fd);
        worker_main(R->o, tp[0], rp[1], R->lock_path);
    }
    close(tp[0]);
    close(rp[1]);
    R->w[i] = (worker){pid, tp[1], rp[0], false, 0};
    return true;
}

/* Print every finished document at the head of the window. */
static void flush_ready(run_state *R)
{
    while (R->next_print < R->next_seq) {
        slot *sl = &R->ring[R->next_print % R->window];
        if (!sl->done) break;
        deliver(R, sl->path, sl->outcome, sl->id, sl->out ? sl->out : "", sl->err ? sl->err : "");
        free(sl->path), free(sl->out), free(sl->err);
        memset(sl, 0, sizeof *sl);
        R->next_print++;
    }
}

static void reap(worker *w)
{
    close(w->task_fd);
    close(w->result_fd);
    int status;
    while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR) continue;
    w->pid = 0;
}

/* Wait for one result from a busy worker; a worker that died fails its document and is replaced. */
static bool wait_one(run_state *R)
{
    struct pollfd pf[256];
    int map[256], n = 0;
    for (int i = 0; i < R->nw && n < 256; i++)
        if (R->w[i].busy) pf[n] = (struct pollfd){R->w[i].result_fd, POLLIN, 0}, map[n++] = i;
    if (n == 0) return false;
    int k;
    while ((k = poll(pf, (nfds_t)n, -1)) < 0 && errno == EINTR) continue;
    if (k < 0) return false;
    for (int j = 0; j < n; j++) {
        if (!pf[j].revents) continue;
        worker *w = &R->w[map[j]];
        slot *sl = &R->ring[w->seq % R->window];
        result_head h;
        bool ok = read_all(w->result_fd, &h, sizeof h) && h.out_len < (1u << 30) && h.err_len < (1u << 30);
        if (ok) {
            sl->out = ys_xmalloc((size_t)h.out_len + 1);
            sl->err = ys_xmalloc((size_t)h.err_len + 1);
            ok = read_all(w->result_fd, sl->out, h.out_len) && read_all(w->result_fd, sl->err, h.err_len);
            sl->out[ok ? h.out_len : 0] = '\0';
            sl->err[ok ? h.err_len : 0] = '\0';
        }
        if (ok) {
            sl->outcome = (ys_batch_outcome)h.outcome;
            sl->id = h.id;
        } else {
            free(sl->out), free(sl->err);
            ys_buf e = YS_BUF_INIT;
            ys_buf_printf(&e, "%s: 错误: 处理本文件的进程异常退出，未导入\n", sl->path);
            sl->err = ys_buf_detach(&e);
            sl->out = NULL;
            sl->outcome = YS_BATCH_FAILED;
            sl->id = 0;
            reap(w);
            spawn(R, map[j]);
        }
        sl->done = true;
        w->busy = false;
    }
    flush_ready(R);
    return true;
}

static int emit_worker(void *ctx, const char *path)
{
    run_state *R = ctx;
    for (;;) {
        int idle = -1;
        for (int i = 0; i < R->nw && idle < 0; i++)
            if (R->w[i].pid > 0 && !R->w[i].busy) idle = i;
        if (idle >= 0 && R->next_seq < R->next_print + R->window) {
            worker *w = &R->w[idle];
            size_t len = strlen(path);
            uint32_t n32 = (uint32_t)len;
            slot *sl = &R->ring[R->next_seq % R->window];
            memset(sl, 0, sizeof *sl);
            sl->path = ys_xstrdup(path);
            w->seq = R->next_seq++;
            w->busy = true;
            if (!write_all(w->task_fd, &n32, sizeof n32) || !write_all(w->task_fd, path, len)) {
                /* the worker is gone: its result pipe reports EOF, wait_one fails the document */
            }
            return 0;
        }
        if (!wait_one(R)) return -1;
    }
}

ys_status ys_batch_run(const ys_batch_opts *o, const char *const *inputs, size_t ninputs, ys_batch_result *r,
                       ys_diags *diags)
{
    memset(r, 0, sizeof *r);
    run_state R = {.o = o, .r = r};
    if (o->progress) walk(inputs, ninputs, count_one, &R.total, NULL);
    /* open once here: creates the database and applies migrations before any worker connects */
    ys_status st = ys_store_open(o->db, YS_STORE_READWRITE, &R.store, diags);
    if (st != YS_OK) return st;
    if (o->jobs <= 1) {
        walk(inputs, ninputs, emit_inprocess, &R, &r->ignored);
        ys_store_close(R.store);
        return YS_OK;
    }
    /* workers must not inherit an open connection */
    ys_store_close(R.store);
    R.store = NULL;
    const char *tmp = getenv("TMPDIR");
    snprintf(R.lock_path, sizeof R.lock_path, "%s/yusuan-batch-XXXXXX", tmp && *tmp && strlen(tmp) < 40 ? tmp : "/tmp");
    int lfd = mkstemp(R.lock_path);
    if (lfd < 0) {
        ys_diags_add(diags, YS_DIAG_ERROR, NULL, 0, 0, "无法创建批处理锁文件");
        return YS_ERR_IO;
    }
    close(lfd);
    R.nw = o->jobs > 256 ? 256 : o->jobs;
    R.w = ys_xcalloc((size_t)R.nw, sizeof *R.w);
    R.window = (size_t)R.nw * 4;
    R.ring = ys_xcalloc(R.window, sizeof *R.ring);
    /* a worker that dies while the parent writes to it must not kill the parent */
    struct sigaction ign = {.sa_handler = SIG_IGN}, old;
    sigemptyset(&ign.sa_mask);
    sigaction(SIGPIPE, &ign, &old);
    int started = 0;
    for (int i = 0; i < R.nw; i++) started += spawn(&R, i);
    if (started == 0) {
        ys_diags_add(diags, YS_DIAG_ERROR, NULL, 0, 0, "无法启动工作进程");
        st = YS_ERR_IO;
    } else {
        walk(inputs, ninputs, emit_worker, &R, &r->ignored);
        while (wait_one(&R)) continue;
        flush_ready(&R);
    }
    for (int i = 0; i < R.nw; i++)
        if (R.w[i].pid > 0) reap(&R.w[i]);
    for (size_t i = 0; i < R.window; i++) free(R.ring[i].path), free(R.ring[i].out), free(R.ring[i].err);
    sigaction(SIGPIPE, &old, NULL);
    unlink(R.lock_path);
    free(R.ring);
    free(R.w);
    return st;
}

void ys_batch_result_release(ys_batch_result *r)
{
    free(r->ids);
    r->ids = NULL;
    r->nids = r->ids_cap = 0;
}

/* ---- summary ---------------------------------------------------------------------------------------- */

typedef struct {
    ys_buf *out;
    int mode;
    int64_t n;
    char last[1024];
} sum_ctx;

static const char *sv(const ys_store_value *v) { return v->type == YS_STORE_TEXT && v->s ? v->s : ""; }

static const char *sev_zh(const char *s)
{
    return !strcmp(s, "error") ? "错误" : !strcmp(s, "warning") ? "警告" : "提示";
}

static void money_wan(ys_buf *out, int64_t v)
{
    char buf[YS_MONEY_BUFSZ];
    ys_buf_adds(out, ys_money_format(v, YS_UNIT_WANYUAN, 2, buf, sizeof buf));
}

/* one row of the department list: id, region, name, documents */
typedef struct {
    int64_t id, docs;
    char *region, *name;
} dept;

typedef struct {
    dept *items;
    size_t n, cap;
} depts;

static int dept_row(void *ctx, size_t ncols, const char *const *names, const ys_store_value *v)
{
    (void)names;
    depts *d = ctx;
    if (ncols < 4) return 1;
    if (d->n == d->cap) d->items = ys_xrealloc(d->items, (d->cap = d->cap ? d->cap * 2 : 16) * sizeof *d->items);
    d->items[d->n++] = (dept){v[0].i, v[3].i, ys_xstrdup(sv(&v[1])), ys_xstrdup(sv(&v[2]))};
    return 0;
}

/* severity, rule, count rows of one department: "错误 4 项（R28 ×2，R5 ×2）；警告 …" */
static int rule_row(void *ctx, size_t ncols, const char *const *names, const ys_store_value *v)
{
    (void)names;
    sum_ctx *c = ctx;
    if (ncols < 4) return 1;
    const char *sev = sv(&v[0]);
    if (strcmp(sev, c->last) != 0) {
        ys_buf_printf(c->out, "%s%s %lld 项（", c->last[0] ? "）；" : "", sev_zh(sev), (long long)v[3].i);
        snprintf(c->last, sizeof c->last, "%s", sev);
        c->n = 0;
    }
    ys_buf_printf(c->out, "%s%s ×%lld", c->n++ ? "，" : "", sv(&v[1]), (long long)v[2].i);
    return 0;
}

static int total_row(void *ctx, size_t ncols, const char *const *names, const ys_store_value *v)
{
    (void)names;
    sum_ctx *c = ctx;
    if (ncols < 2) return 1;
    const char *sev = sv(&v[0]);
    ys_buf_printf(c->out, "%s%s %lld 项", c->n++ ? "，" : "", sev_zh(sev), (long long)v[1].i);
    if (!strcmp(sev, "error")) c->mode = (int)v[1].i;
    return 0;
}

static int class_row(void *ctx, size_t ncols, const char *const *names, const ys_store_value *v)
{
    (void)names;
    sum_ctx *c = ctx;
    if (ncols < 3) return 1;
    ys_buf_printf(c->out, "  %s %s  ", sv(&v[0]), sv(&v[1]));
    money_wan(c->out, v[2].i);
    ys_buf_adds(c->out, "\n");
    c->n++;
    return 0;
}

static int three_row(void *ctx, size_t ncols, const char *const *names, const ys_store_value *v)
{
    (void)names;
    sum_ctx *c = ctx;
    if (ncols < 4) return 1;
    ys_buf_printf(c->out, "  %s%s%s %lld 年  ", sv(&v[0]), *sv(&v[0]) ? " " : "", sv(&v[1]), (long long)v[2].i);
    if (v[3].type == YS_STORE_INT) money_wan(c->out, v[3].i);
    else ys_buf_adds(c->out, "（未列示）");
    ys_buf_adds(c->out, "\n");
    c->n++;
    return 0;
}

static int worst_row(void *ctx, size_t ncols, const char *const *names, const ys_store_value *v)
{
    (void)names;
    sum_ctx *c = ctx;
    if (ncols < 3) return 1;
    ys_buf_printf(c->out, "  %lld. %s%s%s  错误 %lld 项\n", (long long)++c->n, sv(&v[0]), *sv(&v[0]) ? " " : "",
                  sv(&v[1]), (long long)v[2].i);
    return 0;
}

static ys_status q(ys_store *s, const char *sql, ys_store_row_fn fn, void *ctx, ys_diags *diags)
{
    return ys_store_query(s, sql, NULL, fn, ctx, diags);
}

/* A batch's documents joined by "d.id IN (SELECT id FROM batch_docs)": a temporary table of this
 * connection, filled with the ids (integers of our own, never text from a document). */
#define IN_BATCH " d.id IN (SELECT id FROM batch_docs) "

ys_status ys_batch_summary(ys_store *s, ys_batch_result *r, ys_buf *out, ys_diags *diags)
{
    ys_status st = q(s, "CREATE TEMPORARY TABLE batch_docs (id BIGINT PRIMARY KEY)", NULL, NULL, diags);
    if (st == YS_OK) st = q(s, "BEGIN", NULL, NULL, diags);
    for (size_t i = 0; i < r->nids && st == YS_OK; i++) {
        char sql[96];
        snprintf(sql, sizeof sql, "INSERT INTO batch_docs (id) SELECT %lld WHERE NOT EXISTS "
                                  "(SELECT 1 FROM batch_docs WHERE id = %lld)", (long long)r->ids[i], (long long)r->ids[i]);
        st = q(s, sql, NULL, NULL, diags);
    }
    if (st == YS_OK) st = q(s, "COMMIT", NULL, NULL, diags);
    if (st != YS_OK) return st;

    depts D = {0};
    st = q(s,
           "SELECT p.id, p.region, p.name, COUNT(*) FROM documents d JOIN departments p ON p.id = d.department_id\n"
           "WHERE" IN_BATCH "GROUP BY p.id, p.region, p.name ORDER BY p.region, p.name, p.id",
           dept_row, &D, diags);
    int64_t ndocs = 0;
    for (size_t i = 0; i < D.n; i++) ndocs += D.items[i].docs;
    ys_buf_printf(out, "== 批量审核汇总：%lld 个文档，%zu 个部门 ==\n", (long long)ndocs, D.n);
    if (D.n) ys_buf_adds(out, "各部门问题（按严重程度与规则）：\n");
    for (size_t i = 0; i < D.n && st == YS_OK; i++) {
        dept *p = &D.items[i];
        ys_buf_printf(out, "  %s%s%s（%lld 个文档）：", p->region, *p->region ? " " : "", p->name, (long long)p->docs);
        char sql[640];
        snprintf(sql, sizeof sql,
                 "SELECT f.severity, f.rule, COUNT(*),\n"
                 "  (SELECT COUNT(*) FROM findings g JOIN documents e ON e.id = g.document_id\n"
                 "   WHERE e.department_id = %lld AND e.id IN (SELECT id FROM batch_docs) AND g.folded = 0\n"
                 "     AND g.severity = f.severity)\n"
                 "FROM findings f JOIN documents d ON d.id = f.document_id\n"
                 "WHERE d.department_id = %lld AND" IN_BATCH "AND f.folded = 0\n"
                 "GROUP BY f.severity, f.rule\n"
                 "ORDER BY CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, COUNT(*) DESC, f.rule",
                 (long long)p->id, (long long)p->id);
        sum_ctx c = {out, 0, 0, ""};
        st = q(s, sql, rule_row, &c, diags);
        ys_buf_adds(out, c.last[0] ? "）\n" : "未发现问题\n");
    }
    for (size_t i = 0; i < D.n; i++) free(D.items[i].region), free(D.items[i].name);
    free(D.items);

    sum_ctx c = {out, 0, 0, ""};
    if (st == YS_OK) {
        ys_buf_adds(out, "全部文档：");
        st = q(s,
               "SELECT f.severity, COUNT(*) FROM findings f JOIN documents d ON d.id = f.document_id\n"
               "WHERE" IN_BATCH "AND f.folded = 0 GROUP BY f.severity\n"
               "ORDER BY CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END",
               total_row, &c, diags);
        ys_buf_adds(out, c.n ? "\n" : "未发现问题\n");
        r->errors = (size_t)c.mode;
    }
    if (st == YS_OK) {
        ys_buf_adds(out, "按功能分类（类）的支出合计（支出总表，万元）：\n");
        c.n = 0;
        st = q(s,
               "SELECT r.code, MIN(r.name), CAST(SUM(c.amount) AS BIGINT)\n"
               "FROM rows r JOIN documents d ON d.id = r.document_id\n"
               "JOIN columns k ON k.document_id = r.document_id AND k.table_id = r.table_id\n"
               "JOIN cells c ON c.document_id = r.document_id AND c.table_id = r.table_id AND c.row_no = r.row_no\n"
               "  AND c.col = k.col\n"
               "WHERE" IN_BATCH "AND r.table_id = 'expense' AND k.key = 'total' AND length(r.code) = 3\n"
               "  AND c.amount IS NOT NULL\n"
               "GROUP BY r.code ORDER BY r.code",
               class_row, &c, diags);
        if (!c.n) ys_buf_adds(out, "  （无）\n");
    }
    if (st == YS_OK) {
        ys_buf_adds(out, "\"三公\"经费（按部门与年度，万元）：\n");
        c.n = 0;
        st = q(s,
               "SELECT p.region, p.name, d.year, CAST(SUM(d.three_public) AS BIGINT)\n"
               "FROM documents d JOIN departments p ON p.id = d.department_id\n"
               "WHERE" IN_BATCH "GROUP BY p.region, p.name, d.year ORDER BY p.region, p.name, d.year",
               three_row, &c, diags);
        if (!c.n) ys_buf_adds(out, "  （无）\n");
    }
    if (st == YS_OK) {
        ys_buf_adds(out, "错误最多的部门：\n");
        c.n = 0;
        st = q(s,
               "SELECT p.region, p.name, COUNT(*) FROM findings f JOIN documents d ON d.id = f.document_id\n"
               "JOIN departments p ON p.id = d.department_id\n"
               "WHERE" IN_BATCH "AND f.folded = 0 AND f.severity = 'error'\n"
               "GROUP BY p.id, p.region, p.name ORDER BY COUNT(*) DESC, p.region, p.name LIMIT 10",
               worst_row, &c, diags);
        if (!c.n) ys_buf_adds(out, "  （无错误）\n");
    }
    ys_diags ignored;
    ys_diags_init(&ignored);
    q(s, "DROP TABLE batch_docs", NULL, NULL, &ignored);
    ys_diags_release(&ignored);
    return st;
}
