/* hierarchy.c — rule family "hierarchy" (see check.h and docs/RULES.md). Not yet written: no rules. */
#include "check/check.h"

const ys_rule ys_rules_hierarchy[] = {
    {NULL, YS_SEV_INFO, NULL, NULL, NULL, NULL},
};
