/*
 * cmd_template.c — `yusuan template [--force] PATH`: write an empty budget book (docs/BOOK.md). PATH
 * ending in .xlsx (or any file name) gets the workbook (render/book_template.h: a 说明 sheet, one sheet
 * per kind of data, drop-down lists); PATH ending in / or naming an existing directory gets the TSV form
 * (one file per sheet with its header row). An existing file is never overwritten without --force.
 * Exit status: 0 written, 2 usage error or nothing written.
 */
#include "cli/cli.h"
#include "render/book_template.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static const char usage_text[] =
    "usage: yusuan template [--force] book.xlsx\n"
    "       yusuan template [--force] DIR/\n"
    "\n"
    "Writes an empty budget book (docs/BOOK.md) to fill in: an XLSX workbook with a 说明 (instructions)\n"
    "sheet and one sheet per kind of data (headers, drop-down lists), or, for a path ending in / or an\n"
    "existing directory, the same sheets as TSV files (meta.tsv, lines.tsv, ...) with their header rows.\n"
    "\n"
    "  --force       overwrite existing files\n"
    "  -h, --help    this help\n"
    "\n"
    "exit status: 0 written, 2 usage error or the book could not be written (nothing is left half-written)\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "yusuan template: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n(see `yusuan template --help`)\n");
    return YS_EXIT_USAGE;
}

int ys_cmd_template(int argc, char **argv)
{
    bool force = false, options_done = false;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (options_done || a[0] != '-' || a[1] == '\0') {
            if (path) return usage_error("only one output path (got '%s' too)", a);
            path = a;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage_text, stdout);
            return YS_EXIT_OK;
        } else if (!strcmp(a, "--")) {
            options_done = true;
        } else if (!strcmp(a, "--force") || !strcmp(a, "-f")) {
            force = true;
        } else {
            return usage_error("unknown option '%s'", a);
        }
    }
    if (!path || !*path) return usage_error("%s", "no output path given");
    size_t n = strlen(path);
    struct stat st;
    bool dir = path[n - 1] == '/' || (stat(path, &st) == 0 && S_ISDIR(st.st_mode));
    ys_diags diags;
    ys_diags_init(&diags);
    ys_status s = dir ? ys_book_template_tsv(path, force, &diags) : ys_book_template_xlsx(path, force, &diags);
    ys_cli_print_diags(&diags);
    ys_diags_release(&diags);
    return s == YS_OK ? YS_EXIT_OK : YS_EXIT_USAGE;
}
