/* fuzz_html.c — libFuzzer target for the web-page reader (read/html.h): any bytes must give a disclosure
 * or a diagnostic, never a crash; the HTML → lines step and the sniffing rule run on them too. */
#include <stdint.h>
#include <stdlib.h>

#include "check/check.h"
#include "read/html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ys_diags diags;
    ys_diags_init(&diags);
    (void)ys_html_sniff((const char *)data, size);
    ys_buf lines = YS_BUF_INIT;
    int *wheres = NULL;
    (void)ys_html_to_lines("fuzz.html", (const char *)data, size, &lines, &wheres, &diags);
    free(wheres);
    ys_buf_release(&lines);
    ys_disclosure *d = NULL;
    if (ys_read_html_mem("fuzz.html", (const char *)data, size, &d, &diags) == YS_OK) {
        ys_findings f;
        ys_findings_init(&f);
        ys_check_run(d, NULL, NULL, &f);
        ys_findings_release(&f);
        ys_disclosure_free(d);
    }
    ys_diags_release(&diags);
    return 0;
}
