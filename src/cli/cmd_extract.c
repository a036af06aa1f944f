/* cmd_extract.c — `yusuan extract`. Not yet written. */
#include "cli/cli.h"

#include <stdio.h>

int ys_cmd_extract(int argc, char **argv)
{
    (void)argc, (void)argv;
    fprintf(stderr, "yusuan extract: not yet available\n");
    return YS_EXIT_USAGE;
}
