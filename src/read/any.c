/*
 * any.c — one entry point for `audit` and `extract`: a published document read by its content, not its
 * name: the XLS (D0 CF 11 E0 …) or XLSX (PK\3\4) magic → the spreadsheet reader (read/sheet.h); "%PDF"
 * in the first 1 KB (as PDF readers accept it) → the PDF reader (read/pdf.h); a saved web page (the first
 * tag is <!doctype html>, <html>, <meta>, <table> …: ys_html_sniff) → the HTML reader (read/html.h);
 * anything else → the text reader (read/read.h).
 */
#include "read/pdf.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "read/html.h"
#include "read/read.h"
#include "read/sheet.h"

static bool looks_pdf(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    char head[1024];
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    for (size_t i = 0; i + 4 <= n; i++)
        if (memcmp(head + i, "%PDF", 4) == 0) return true;
    return false;
}

/* The first bytes of a file (up to n), 0 when it cannot be read. */
static size_t head_bytes(const char *path, unsigned char *head, size_t n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    size_t got = fread(head, 1, n, f);
    fclose(f);
    return got;
}

ys_status ys_read_any_file(const char *path, ys_disclosure **out, ys_diags *diags)
{
    unsigned char head[8];
    size_t nh = head_bytes(path, head, sizeof head);
    if (ys_sheet_detect(head, nh) != YS_SHEET_NONE) return ys_read_sheet_file(path, out, diags);
    if (looks_pdf(path)) return ys_read_pdf_file(path, out, diags);
    unsigned char page[4096];
    size_t np = head_bytes(path, page, sizeof page);
    if (ys_html_sniff((const char *)page, np)) return ys_read_html_file(path, out, diags);
    return ys_read_text_file(path, out, diags);
}
