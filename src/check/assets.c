/* assets.c — rule family "assets" (see check.h and docs/RULES.md). Not yet written: no rules. */
#include "check/check.h"

const ys_rule ys_rules_assets[] = {
    {NULL, YS_SEV_INFO, NULL, NULL, NULL, NULL},
};
