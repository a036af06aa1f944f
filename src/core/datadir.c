/* datadir.c — locating data files (see datadir.h). */
#include "core/datadir.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef YS_DATADIR
#define YS_DATADIR "/usr/local/share/yusuan"
#endif

static int exists(const char *p)
{
    return access(p, R_OK) == 0;
}

const char *ys_data_path(const char *rel, char *buf, size_t bufsz)
{
    const char *env = getenv("YUSUAN_DATA");
    if (env && *env) {
        snprintf(buf, bufsz, "%s/%s", env, rel);
        if (exists(buf)) return buf;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            snprintf(buf, bufsz, "%s/data/%s", exe, rel);
            if (exists(buf)) return buf;
            /* build directories: the checkout root is one or two levels up */
            snprintf(buf, bufsz, "%s/../data/%s", exe, rel);
            if (exists(buf)) return buf;
            snprintf(buf, bufsz, "%s/../../data/%s", exe, rel);   /* build/tests/ binaries */
            if (exists(buf)) return buf;
            snprintf(buf, bufsz, "%s/../share/yusuan/%s", exe, rel);
            if (exists(buf)) return buf;
        }
    }
    snprintf(buf, bufsz, "%s/%s", YS_DATADIR, rel);
    if (exists(buf)) return buf;
    return NULL;
}
