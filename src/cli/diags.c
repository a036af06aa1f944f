/* diags.c — printing reader diagnostics (see cli.h). */
#include "cli/cli.h"

#include <stdio.h>

void ys_cli_print_diags(const ys_diags *d)
{
    for (size_t i = 0; i < d->count; i++) {
        const ys_diag *g = &d->items[i];
        char loc[1024];
        const char *lv = g->level == YS_DIAG_ERROR ? "错误" : g->level == YS_DIAG_WARNING ? "警告" : "注意";
        fprintf(stderr, "%s: %s: %s\n", ys_diag_location(g, loc, sizeof loc), lv, g->message);
    }
}
