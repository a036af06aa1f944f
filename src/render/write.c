/* write.c — atomic file writing for the renderers (see render.h). */
#include "render/render.h"
#include "core/syserr.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

ys_status ys_render_write_file(const char *path, const void *bytes, size_t n, ys_diags *diags)
{
    size_t len = strlen(path) + 32;
    char *tmp = malloc(len);
    if (!tmp) return YS_ERR_NOMEM;
    snprintf(tmp, len, "%s.tmp.%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "无法写入文件：%s", ys_syserr_text(errno));
        free(tmp);
        return YS_ERR_IO;
    }
    int bad = n && fwrite(bytes, 1, n, f) != n;
    bad |= fflush(f) != 0;
    bad |= fclose(f) != 0;
    if (bad || rename(tmp, path) != 0) {
        ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "写入文件失败：%s", ys_syserr_text(errno));
        remove(tmp);
        free(tmp);
        return YS_ERR_IO;
    }
    free(tmp);
    return YS_OK;
}
