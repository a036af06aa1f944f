/*
 * any.c — one entry point for `audit` and `extract`: a published document read by its content, not its
 * name: the XLS (D0 CF 11 E0 …) or XLSX (PK\3\4) magic → the spreadsheet reader (read/sheet.h); "%PDF"
 * in the first 1 KB (as PDF readers accept it) → the PDF reader (read/pdf.h); a saved web page (the first
 * tag is <!doctype html>, <html>, <meta>, <table> …: ys_html_sniff) → the HTML reader (read/html.h);
 * anything else → the text reader (read/read.h).
 */
#include "read/pdf.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "read/html.h"
#include "read/read.h"
#include "read/sheet.h"

/* "%PDF" anywhere in the first KB (head[0..n)), as PDF readers accept it. */
static bool has_pdf_mark(const char *head, size_t n)
{
    for (size_t i = 0; i + 4 <= n; i++)
        if (memcmp(head + i, "%PDF", 4) == 0) return true;
    return false;
}

ys_status ys_read_any_file(const char *path, ys_disclosure **out, ys_diags *diags)
{
    /* The file is read once: its first bytes decide, and a text document (the common case) is read from
     * these bytes, where opening it three times for the tests and once more to read it cost a batch
     * audit four opens per file. The other readers open the file themselves, as before. A file that
     * cannot be read gets the text reader's diagnostic, as before (it was the last resort then). */
    char *bytes = NULL;
    size_t n = 0;
    *out = NULL;
    ys_status st = ys_read_file(path, &bytes, &n, diags);
    if (st != YS_OK) return st;
    if (ys_sheet_detect((const unsigned char *)bytes, n < 8 ? n : 8) != YS_SHEET_NONE)
        st = ys_read_sheet_file(path, out, diags);
    else if (has_pdf_mark(bytes, n < 1024 ? n : 1024)) st = ys_read_pdf_file(path, out, diags);
    else if (ys_html_sniff(bytes, n < 4096 ? n : 4096)) st = ys_read_html_file(path, out, diags);
    else st = ys_read_text_mem(path, bytes, n, out, diags);
    free(bytes);
    return st;
}
