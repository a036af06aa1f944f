/* datadir-probe.c — prints where ys_data_path() finds a data file, for scripts/check-install.sh: an
 * installed binary must find PREFIX/share/yusuan from PREFIX/bin without any environment. */
#include <stdio.h>

#include "core/datadir.h"

int main(int argc, char **argv)
{
    char buf[4096];
    const char *p = ys_data_path(argc > 1 ? argv[1] : "catalog/function-codes.tsv", buf, sizeof buf);
    if (!p) {
        fputs("not found\n", stderr);
        return 1;
    }
    puts(p);
    return 0;
}
