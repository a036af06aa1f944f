/*
 * cmd_publish.c — `yusuan publish [--db FILE] -o DIR`: the static portal of the warehouse (portal/portal.h)
 * written into DIR: index with search, comparison pages, a page per department and per document, and the
 * downloads. The database is opened read-only; file names come from store ids only.
 */
#include "cli/cli.h"
#include "portal/portal.h"
#include "store/store.h"

#include <stdio.h>
#include <string.h>

static const char usage_text[] =
    "usage: yusuan publish [--db FILE] -o DIR\n"
    "\n"
    "Writes the static portal of the warehouse into DIR (created when missing): index.html (departments x\n"
    "years, totals, finding counts, search), compare.html, dept-N.html (years compared), doc-N.html (tables\n"
    "with findings marked), and downloads (JSON, CSV per table; XLSX and PDF for budget books).\n"
    "See docs/PORTAL.md.\n"
    "\n"
    "  --db FILE       the database (default ./yusuan.db)\n"
    "  -o, --output D  the directory to write\n"
    "  -h, --help      this help\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "yusuan publish: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n(see `yusuan publish --help`)\n");
    return YS_EXIT_USAGE;
}

int ys_cmd_publish(int argc, char **argv)
{
    const char *db = "yusuan.db", *dir = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage_text, stdout);
            return YS_EXIT_OK;
        } else if (!strncmp(a, "--db=", 5)) db = a + 5;
        else if (!strncmp(a, "--output=", 9)) dir = a + 9;
        else if ((!strcmp(a, "--db") || !strcmp(a, "-o") || !strcmp(a, "--output")) && i + 1 < argc) {
            if (!strcmp(a, "--db")) db = argv[++i];
            else dir = argv[++i];
        } else if (!strcmp(a, "--db") || !strcmp(a, "-o") || !strcmp(a, "--output"))
            return usage_error("option '%s' needs a value", a);
        else if (a[0] == '-') return usage_error("unknown option '%s'", a);
        else return usage_error("unexpected argument '%s'", a);
    }
    if (!dir || !*dir) return usage_error("%s", "no output directory (-o DIR)");
    ys_diags diags;
    ys_diags_init(&diags);
    ys_store *s = NULL;
    ys_portal *p = NULL;
    int status = YS_EXIT_OK;
    if (ys_store_open(db, YS_STORE_READONLY, &s, &diags) != YS_OK || ys_portal_new(s, &p, &diags) != YS_OK ||
        ys_portal_publish(p, dir, &diags) != YS_OK)
        status = YS_EXIT_USAGE;
    else
        printf("门户已写入 %s：%zu 个部门，%zu 个文档\n", dir, ys_portal_departments(p), ys_portal_documents(p));
    ys_cli_print_diags(&diags);
    ys_diags_release(&diags);
    ys_portal_free(p);
    ys_store_close(s);
    return status;
}
