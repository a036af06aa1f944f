/*
 * cmd_check.c — `yusuan check [--format text|json] BOOK`: read a budget book (docs/BOOK.md: a directory
 * of TSV files or an XLSX workbook), run the rule family "book" (check/book.c) and print the findings as
 * `audit` does (render/report.h). Reading problems go to standard error as `file:line` or
 * `book.xlsx:sheet!B7`; the exit status is that of audit (cli.h): 0 no error finding, 1 an error finding,
 * 2 a usage error or a book that cannot be read (any reading error: nothing is checked then).
 */
#include "catalog/catalog.h"
#include "check/check.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "model/budget.h"
#include "read/book.h"
#include "render/report.h"

#include <stdio.h>
#include <string.h>

static const char usage_text[] =
    "usage: yusuan check [--format text|json] BOOK\n"
    "\n"
    "Reads a budget book (a directory of TSV files, or an .xlsx workbook: docs/BOOK.md) and checks its\n"
    "inputs (rules BOOK-01 ..., see `yusuan rules`): units, codes, projects, schedules, sources.\n"
    "Problems reading the book go to standard error as file:line or book.xlsx:sheet!B7.\n"
    "\n"
    "  --format text   for people, in Chinese (default), as `yusuan audit` prints findings\n"
    "  --format json   JSON Lines: one finding per line (docs/schema/audit.schema.json)\n"
    "  -h, --help      this help\n"
    "\n"
    "exit status: 0 no error finding, 1 at least one error finding, 2 usage error or unreadable book\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "yusuan check: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n(see `yusuan check --help`)\n");
    return YS_EXIT_USAGE;
}

/* The catalog for BOOK-05; NULL (a warning, not fatal) when it cannot be loaded. */
static ys_catalog *load_catalog(void)
{
    ys_diags cd;
    ys_diags_init(&cd);
    ys_catalog *cat = ys_catalog_new();
    ys_status st = ys_catalog_load_default(cat, &cd);
    for (size_t i = 0; i < cd.count; i++)
        if (cd.items[i].level == YS_DIAG_ERROR) cd.items[i].level = YS_DIAG_WARNING;
    ys_cli_print_diags(&cd);
    if (st != YS_OK) {
        fprintf(stderr, "yusuan check: 警告: 未能载入科目代码表（%s），科目编码的核对将报告数据不足\n", ys_strerror(st));
        ys_catalog_free(cat);
        cat = NULL;
    }
    ys_diags_release(&cd);
    return cat;
}

int ys_cmd_check(int argc, char **argv)
{
    bool json = false, options_done = false;
    const char *book = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (options_done || a[0] != '-' || a[1] == '\0') {
            if (book) return usage_error("only one book at a time (got '%s' too)", a);
            book = a;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage_text, stdout);
            return YS_EXIT_OK;
        } else if (!strcmp(a, "--")) {
            options_done = true;
        } else if (!strcmp(a, "--format") || !strncmp(a, "--format=", 9)) {
            const char *v = a[8] == '=' ? a + 9 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v) return usage_error("option '%s' needs a value", a);
            if (!strcmp(v, "json")) json = true;
            else if (!strcmp(v, "text")) json = false;
            else return usage_error("unknown format '%s' (text or json)", v);
        } else {
            return usage_error("unknown option '%s'", a);
        }
    }
    if (!book) return usage_error("%s", "no book given");

    ys_diags diags;
    ys_diags_init(&diags);
    ys_budget *b = NULL;
    ys_status st = ys_book_read(book, &b, &diags);
    ys_cli_print_diags(&diags);
    ys_diags_release(&diags);
    if (st != YS_OK || !b) return YS_EXIT_USAGE;

    ys_catalog *cat = load_catalog();
    ys_findings f;
    ys_findings_init(&f);
    ys_check_book(b, cat, &f);
    ys_buf out = YS_BUF_INIT;
    if (json) ys_report_jsonl(&out, book, &f);
    else ys_report_text(&out, NULL, book, &f);
    int status = ys_findings_max_severity(&f) == YS_SEV_ERROR ? YS_EXIT_FINDINGS : YS_EXIT_OK;
    if ((out.len && fwrite(out.data, 1, out.len, stdout) != out.len) || fflush(stdout) != 0) {
        fprintf(stderr, "yusuan check: 错误: 写出结果失败\n");
        status = YS_EXIT_USAGE;
    }
    ys_buf_release(&out);
    ys_findings_release(&f);
    ys_catalog_free(cat);
    ys_budget_free(b);
    return status;
}
