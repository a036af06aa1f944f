/*
 * pdf.c — the PDF reader (read/pdf.h): runs `pdftotext -tsv -enc UTF-8 FILE -` as a subprocess
 * (posix_spawnp with an argv array, never a shell; stdout and stderr through pipes; a timeout after which
 * the child is killed; an output cap), turns its TSV into lines (pdf_grid.c), reads them with the text
 * reader, and moves every source of the disclosure and every diagnostic of the read from the synthetic
 * line numbers to the PDF page.
 */
#include "read/pdf.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/syserr.h"
#include "read/lines.h"
#include "read/read.h"

extern char **environ;

/* ---- the subprocess ------------------------------------------------------------------------------------- */

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The line of pdftotext's stderr that says why: its last "…Error: …" line, else its first line. */
static void first_line(ys_buf *err, char *out, size_t outsz)
{
    const char *s = ys_buf_str(err), *pick = s;
    for (const char *p = s; *p;) {
        size_t n = strcspn(p, "\n");
        const char *e = strstr(p, "Error");
        if (e && (size_t)(e - p) < n) pick = p;
        p += n;
        if (*p) p++;
    }
    size_t n = strcspn(pick, "\n");
    if (n >= outsz) n = outsz - 1;
    memcpy(out, pick, n);
    out[n] = '\0';
}

static ys_status run_pdftotext(const char *path, ys_buf *out, ys_diags *diags)
{
    int po[2] = {-1, -1}, pe[2] = {-1, -1};
    if (pipe(po) != 0 || pipe(pe) != 0) {
        if (po[0] >= 0) {
            close(po[0]);
            close(po[1]);
        }
        ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "无法创建管道：%s", ys_syserr_text(errno));
        return YS_ERR_IO;
    }
    /* a path that starts with '-' would be read as an option */
    char *arg = path[0] == '-' ? NULL : (char *)path;
    char dotpath[4096];
    if (!arg) {
        snprintf(dotpath, sizeof dotpath, "./%s", path);
        arg = dotpath;
    }
    char *argv[] = {"pdftotext", "-tsv", "-enc", "UTF-8", arg, "-", NULL};
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, po[1], 1);
    posix_spawn_file_actions_adddup2(&fa, pe[1], 2);
    posix_spawn_file_actions_addclose(&fa, po[0]);
    posix_spawn_file_actions_addclose(&fa, pe[0]);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    pid_t pid;
    int rc = posix_spawnp(&pid, "pdftotext", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(po[1]);
    close(pe[1]);
    if (rc != 0) {
        close(po[0]);
        close(pe[0]);
        if (rc == ENOENT)
            ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0,
                         "读取 PDF 需要 pdftotext（poppler-utils），未找到该程序；请安装 poppler-utils 和 poppler-data");
        else
            ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "无法运行 pdftotext：%s", ys_syserr_text(rc));
        return YS_ERR_IO;
    }
    ys_buf err = YS_BUF_INIT;
    char chunk[65536];
    bool open_o = true, open_e = true, timeout = false, too_big = false;
    long long deadline = now_ms() + YS_PDF_TIMEOUT_MS;
    while (open_o || open_e) {
        struct pollfd fds[2];
        nfds_t nf = 0;
        int io = -1, ie = -1;
        if (open_o) {
            fds[nf] = (struct pollfd){po[0], POLLIN, 0};
            io = (int)nf++;
        }
        if (open_e) {
            fds[nf] = (struct pollfd){pe[0], POLLIN, 0};
            ie = (int)nf++;
        }
        long long left = deadline - now_ms();
        if (left <= 0) {
            timeout = true;
            break;
        }
        int pr = poll(fds, nf, (int)left);
        if (pr < 0) {
            if (errno == EINTR) continue;
            break;
        }
        if (pr == 0) {
            timeout = true;
            break;
        }
        if (io >= 0 && fds[io].revents) {
            ssize_t r = read(po[0], chunk, sizeof chunk);
            if (r > 0) {
                if (out->len + (size_t)r > YS_PDF_OUTPUT_CAP) {
                    too_big = true;
                    break;
                }
                ys_buf_add(out, chunk, (size_t)r);
            } else if (r == 0 || errno != EINTR) {
                open_o = false;
            }
        }
        if (ie >= 0 && fds[ie].revents) {
            ssize_t r = read(pe[0], chunk, sizeof chunk);
            if (r > 0) {
                if (err.len < 4096) ys_buf_add(&err, chunk, (size_t)r);
            } else if (r == 0 || errno != EINTR) {
                open_e = false;
            }
        }
    }
    if (timeout || too_big || open_o || open_e) kill(pid, SIGKILL);
    close(po[0]);
    close(pe[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    ys_status st = YS_OK;
    if (timeout) {
        ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "pdftotext 超过 %d 秒未完成，已终止（PDF 过大或已损坏）",
                     YS_PDF_TIMEOUT_MS / 1000);
        st = YS_ERR_FORMAT;
    } else if (too_big) {
        ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "pdftotext 输出超过 %u MB，已终止",
                     YS_PDF_OUTPUT_CAP / (1024 * 1024));
        st = YS_ERR_FORMAT;
    } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        char msg[512];
        first_line(&err, msg, sizeof msg);
        if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
            ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0,
                         "读取 PDF 需要 pdftotext（poppler-utils），未找到该程序；请安装 poppler-utils 和 poppler-data");
        else if (strstr(msg, "ncrypt") || strstr(msg, "assword"))
            ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "PDF 已加密，无法读取（pdftotext：%s）", msg);
        else
            ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "PDF 无法读取（已损坏或不是 PDF）：pdftotext：%s",
                         *msg ? msg : "失败");
        st = YS_ERR_FORMAT;
    }
    ys_buf_release(&err);
    return st;
}

/* ---- reading ------------------------------------------------------------------------------------------------ */

ys_status ys_read_pdf_tsv(const char *name, const char *tsv, size_t n, ys_disclosure **out, ys_diags *diags)
{
    *out = NULL;
    ys_buf text = YS_BUF_INIT;
    int *pages = NULL;
    size_t nlines = 0, nwords = 0;
    ys_status st = ys_pdf_tsv_to_lines(tsv, n, &text, &pages, &nlines, &nwords);
    if (st != YS_OK) {
        ys_buf_release(&text);
        return st;
    }
    if (nwords == 0 || text.len == 0) {
        ys_diags_add(diags, YS_DIAG_ERROR, name, 0, 0, "PDF 中没有可提取的文字（可能是扫描件）");
        ys_buf_release(&text);
        free(pages);
        return YS_ERR_FORMAT;
    }
    /* the text stages over the lines, every source then moved to its PDF page (read/lines.h) */
    ys_line_origin *map = ys_xcalloc(nlines ? nlines : 1, sizeof *map);
    for (size_t i = 0; i < nlines; i++) map[i].page = pages[i];
    st = ys_read_lines(name, ys_buf_str(&text), text.len, map, nlines, out, diags);
    free(map);
    ys_buf_release(&text);
    free(pages);
    return st;
}

ys_status ys_read_pdf_file(const char *path, ys_disclosure **out, ys_diags *diags)
{
    *out = NULL;
    ys_buf tsv = YS_BUF_INIT;
    ys_status st = run_pdftotext(path, &tsv, diags);
    if (st == YS_OK) st = ys_read_pdf_tsv(path, ys_buf_str(&tsv), tsv.len, out, diags);
    ys_buf_release(&tsv);
    return st;
}
