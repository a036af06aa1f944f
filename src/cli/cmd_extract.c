/*
 * cmd_extract.c — `yusuan extract [--format json|csv] [--table ID] FILE`: a published disclosure read
 * back into data. JSON: the whole document (render/json.h), or one table with --table. CSV: one table
 * (render/csv.h), so --table is required. The output is built in memory and written at once: complete
 * or not at all. docs/CLI.md and docs/CONTRACTS.md describe it.
 */
#include "cli/cli.h"
#include "core/buf.h"
#include "read/pdf.h"
#include "read/read.h"
#include "render/csv.h"
#include "render/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    "usage: yusuan extract [--format json|csv] [--table ID] FILE\n"
    "\n"
    "Reads a published disclosure (text, UTF-8 or GBK; PDF; a saved web page; XLS/XLSX — recognised by\n"
    "content) and writes it as data.\n"
    "\n"
    "  --format json   the whole document as one JSON object (default; docs/schema/extract.schema.json)\n"
    "  --format csv    one table as CSV (RFC 4180, UTF-8); needs --table\n"
    "  --table ID      only this table: summary, income, expense, fiscal_summary, gpb_expense, gpb_basic,\n"
    "                  gov_fund, soe_capital, three_public, procurement, assets, organisation\n"
    "  -h, --help      this help\n"
    "\n"
    "exit status: 0 written, 2 usage error, unreadable input, or a table the document does not have\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "yusuan extract: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n(see `yusuan extract --help`)\n");
    return YS_EXIT_USAGE;
}

static const char *option_value(int argc, char **argv, int *i, const char *name, bool *missing)
{
    size_t n = strlen(name);
    const char *a = argv[*i];
    if (strncmp(a, name, n) != 0) return NULL;
    if (a[n] == '=') return a + n + 1;
    if (a[n] != '\0') return NULL;
    if (*i + 1 >= argc) {
        *missing = true;
        return NULL;
    }
    return argv[++*i];
}

int ys_cmd_extract(int argc, char **argv)
{
    bool csv = false, options_done = false;
    const char *table_arg = NULL, *path = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool missing = false;
        const char *v;
        if (options_done || a[0] != '-' || a[1] == '\0') {
            if (path) return usage_error("only one input file ('%s' is one too many)", a);
            path = a;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage_text, stdout);
            return YS_EXIT_OK;
        } else if (!strcmp(a, "--")) options_done = true;
        else if ((v = option_value(argc, argv, &i, "--format", &missing)) || missing) {
            if (missing) return usage_error("option '%s' needs a value", a);
            if (!strcmp(v, "csv")) csv = true;
            else if (!strcmp(v, "json")) csv = false;
            else return usage_error("unknown format '%s' (json or csv)", v);
        } else if ((v = option_value(argc, argv, &i, "--table", &missing)) || missing) {
            if (missing) return usage_error("option '%s' needs a value", a);
            table_arg = v;
        } else return usage_error("unknown option '%s'", a);
    }
    ys_table_id only = YS_TABLE_NONE;
    if (table_arg) {
        only = ys_table_id_parse(table_arg);
        if (only < 0 || only >= YS_TABLE__COUNT) return usage_error("unknown table id '%s'", table_arg);
    }
    if (csv && only == YS_TABLE_NONE) return usage_error("%s", "--format csv needs --table ID");
    if (!path) return usage_error("%s", "no input file");

    ys_diags diags;
    ys_diags_init(&diags);
    ys_disclosure *d = NULL;
    ys_status st = ys_read_any_file(path, &d, &diags);
    ys_cli_print_diags(&diags);
    ys_diags_release(&diags);
    if (st != YS_OK || !d) return YS_EXIT_USAGE;

    int status = YS_EXIT_OK;
    const ys_table *t = only == YS_TABLE_NONE ? NULL : ys_disclosure_table(d, only);
    if (only != YS_TABLE_NONE && !t) {
        fprintf(stderr, "%s: 错误: 文档中没有表 %s（%s）\n", path, table_arg, ys_table_id_title(only));
        status = YS_EXIT_USAGE;
    } else {
        ys_buf out = YS_BUF_INIT;
        if (csv) ys_csv_table(&out, t);
        else {
            char *s = ys_json_render(d, only);
            if (s) ys_buf_adds(&out, s);
            else status = YS_EXIT_USAGE;
            free(s);
        }
        if (status == YS_EXIT_OK &&
            ((out.len && fwrite(out.data, 1, out.len, stdout) != out.len) || fflush(stdout) != 0))
            status = YS_EXIT_USAGE;
        if (status != YS_EXIT_OK) fprintf(stderr, "yusuan extract: 错误: 写出结果失败\n");
        ys_buf_release(&out);
    }
    ys_disclosure_free(d);
    return status;
}
