/* fuzz_pdf_tsv.c — libFuzzer target for the TSV → grid step of the PDF reader: the input bytes are a
 * `pdftotext -tsv` output; any bytes must give lines (and a disclosure or a diagnostic), never a crash. */
#include <stdint.h>
#include <stdlib.h>

#include "check/check.h"
#include "read/pdf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ys_buf text = YS_BUF_INIT;
    int *pages = NULL;
    size_t nlines = 0, nwords = 0;
    if (ys_pdf_tsv_to_lines((const char *)data, size, &text, &pages, &nlines, &nwords) == YS_OK) free(pages);
    ys_buf_release(&text);
    ys_diags diags;
    ys_diags_init(&diags);
    ys_disclosure *d = NULL;
    if (ys_read_pdf_tsv("fuzz.pdf", (const char *)data, size, &d, &diags) == YS_OK) {
        ys_findings f;
        ys_findings_init(&f);
        ys_check_run(d, NULL, NULL, &f);
        ys_findings_release(&f);
        ys_disclosure_free(d);
    }
    ys_diags_release(&diags);
    return 0;
}
