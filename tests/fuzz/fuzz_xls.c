/* fuzz_xls.c — libFuzzer target for the spreadsheet reader's XLS path (read/sheet.h over libfreexl): any
 * bytes must read as a disclosure or give a diagnostic, never a crash. freexl 1.0.x opens files only
 * (no freexl_open_memory), so the bytes go to a temporary file first. Inputs not starting with the CFBF
 * magic are given it, so the fuzzer spends its time inside freexl and the grid → lines step. The corpus
 * (tests/fuzz/corpus/xls/) holds small .xls files and broken variants. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "read/sheet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint8_t magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    if (size > (size_t)4 * 1024 * 1024) return 0;
    setenv("YUSUAN_DATA", "data", 0);
    char path[] = "/tmp/fuzz_xls_XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return 0;
    FILE *f = fdopen(fd, "wb");
    if (!f) {
        close(fd);
        unlink(path);
        return 0;
    }
    if (size < 8 || memcmp(data, magic, 8) != 0) fwrite(magic, 1, 8, f);
    fwrite(data, 1, size, f);
    fclose(f);
    ys_diags diags;
    ys_diags_init(&diags);
    ys_disclosure *d = NULL;
    if (ys_read_sheet_file(path, &d, &diags) == YS_OK && !d) abort();
    ys_disclosure_free(d);
    ys_diags_release(&diags);
    unlink(path);
    return 0;
}
