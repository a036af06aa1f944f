/* cmd_audit.c — `yusuan audit`. Not yet written. */
#include "cli/cli.h"

#include <stdio.h>

int ys_cmd_audit(int argc, char **argv)
{
    (void)argc, (void)argv;
    fprintf(stderr, "yusuan audit: not yet available\n");
    return YS_EXIT_USAGE;
}
