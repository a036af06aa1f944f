/* fold.c — root-cause folding (see check.h). Not yet written: folds nothing. */
#include "check/check.h"

void ys_check_fold(const ys_disclosure *doc, ys_findings *f, size_t first)
{
    (void)doc, (void)f, (void)first;
}
