/* text.c — the text reader: decode, split, then the stages of text_internal.h. */
#include "read/read.h"
#include "read/tdoc.h"
#include "read/text_internal.h"
#include "core/syserr.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

ys_status ys_read_file(const char *path, char **bytes, size_t *n, ys_diags *diags)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "无法打开文件：%s", ys_syserr_text(errno));
        return YS_ERR_IO;
    }
    /* room for the whole of a regular file at once (and the NUL, and the read that finds the end):
     * no realloc copying what was read; the loop below still reads to the end whatever the size said */
    size_t cap = 1 << 16, len = 0;
    struct stat sb;
    if (fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0 &&
        (unsigned long long)sb.st_size < (unsigned long long)SIZE_MAX / 4)
        cap = (size_t)sb.st_size + 2;
    char *buf = malloc(cap);
    if (!buf) {
        fclose(f);
        return YS_ERR_NOMEM;
    }
    for (;;) {
        if (len + 1 >= cap) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                fclose(f);
                return YS_ERR_NOMEM;
            }
            buf = nb;
            cap *= 2;
        }
        size_t r = fread(buf + len, 1, cap - len - 1, f);
        len += r;
        if (r == 0) break;
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        free(buf);
        ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "读取文件失败（可能是目录或设备）");
        return YS_ERR_IO;
    }
    buf[len] = '\0';
    *bytes = buf;
    *n = len;
    return YS_OK;
}

ys_status ys_read_text_mem(const char *name, const char *bytes, size_t n, ys_disclosure **out, ys_diags *diags)
{
    *out = NULL;
    ys_disclosure *d = ys_disclosure_new(name);
    ys_tdoc td;
    ys_status st = ys_tdoc_load(&td, d, bytes, n, diags);
    if (st != YS_OK) {
        ys_disclosure_free(d);
        return st;
    }
    ys_text_read_meta(&td, diags);
    ys_text_read_toc(&td, diags);
    ys_text_read_tables(&td, diags);
    ys_text_read_projects(&td, diags);
    ys_text_read_narrative(&td, diags);

    size_t ntables = 0;
    for (int i = 0; i < YS_TABLE__COUNT; i++) ntables += d->tables[i] != NULL;
    if (ntables == 0 && d->nprojects == 0) {
        ys_diags_add(diags, YS_DIAG_ERROR, name, 0, 0,
                     "不是部门预算/决算公开文档：没有识别出任何公开表格或项目绩效目标表");
        ys_disclosure_free(d);
        return YS_ERR_FORMAT;
    }
    *out = d;
    return YS_OK;
}

ys_status ys_read_text_file(const char *path, ys_disclosure **out, ys_diags *diags)
{
    char *bytes = NULL;
    size_t n = 0;
    *out = NULL;
    ys_status st = ys_read_file(path, &bytes, &n, diags);
    if (st != YS_OK) return st;
    st = ys_read_text_mem(path, bytes, n, out, diags);
    free(bytes);
    return st;
}
