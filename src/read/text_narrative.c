/* text_narrative.c — stage of the text reader (see text_internal.h). Not yet written: reads nothing. */
#include "read/text_internal.h"

void ys_text_read_narrative(ys_tdoc *td, ys_diags *diags)
{
    (void)td;
    (void)diags;
}
