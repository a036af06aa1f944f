/*
 * any.c — one entry point for `audit` and `extract`: a published document read by its content, not its
 * name: "%PDF" magic in the first 1 KB (as PDF readers accept it) → the PDF reader (read/pdf.h),
 * anything else → the text reader (read/read.h).
 */
#include "read/pdf.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "read/read.h"

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

ys_status ys_read_any_file(const char *path, ys_disclosure **out, ys_diags *diags)
{
    if (looks_pdf(path)) return ys_read_pdf_file(path, out, diags);
    return ys_read_text_file(path, out, diags);
}
