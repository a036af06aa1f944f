/* fuzz_text.c — libFuzzer target for the text reader: any bytes must give a disclosure or a diagnostic,
 * never a crash. */
#include <stdint.h>

#include "check/check.h"
#include "read/read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ys_diags diags;
    ys_diags_init(&diags);
    ys_disclosure *d = NULL;
    if (ys_read_text_mem("fuzz.txt", (const char *)data, size, &d, &diags) == YS_OK) {
        ys_findings f;
        ys_findings_init(&f);
        ys_check_run(d, NULL, NULL, &f);
        ys_findings_release(&f);
        ys_disclosure_free(d);
    }
    ys_diags_release(&diags);
    return 0;
}
