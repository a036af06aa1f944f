/* book.c — rule family "book": the inputs of the compile path (see check.h). Not yet written. */
#include "check/check.h"

const ys_rule ys_rules_book[] = {
    {NULL, YS_SEV_INFO, NULL, NULL, NULL, NULL},
};
