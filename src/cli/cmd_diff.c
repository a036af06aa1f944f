/*
 * cmd_diff.c — `yusuan diff DEPT YEAR1 YEAR2 [--db FILE] [--format text|json|csv]`: two stored documents
 * of one department compared row by row (portal/diff.h): this year (YEAR2), last year (YEAR1), 增减额,
 * 增减率, rows of one year only, codes renamed between catalog editions. DEPT is a department name or
 * "region/name" (as `show`); when a year has several documents the latest imported is used. The
 * database is opened read-only.
 */
#include "cli/cli.h"
#include "catalog/catalog.h"
#include "core/buf.h"
#include "portal/diff.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    "usage: yusuan diff DEPT YEAR1 YEAR2 [--db FILE] [--format text|json|csv]\n"
    "\n"
    "Compares the department's YEAR2 document with its YEAR1 document row by row: amounts of both years,\n"
    "增减额, 增减率, rows of one year only, and codes renamed between catalog editions. DEPT is the\n"
    "department's name, or REGION/NAME.\n"
    "\n"
    "  --db FILE       the database (default ./yusuan.db)\n"
    "  --format F      text (aligned tables, default), json or csv\n"
    "  -h, --help      this help\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "yusuan diff: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n(see `yusuan diff --help`)\n");
    return YS_EXIT_USAGE;
}

static int parse_year(const char *s)
{
    char *end = NULL;
    long y = strtol(s, &end, 10);
    if (!*s || *end || y < 1900 || y > 2999) return 0;
    return (int)y;
}

/* Load the latest document of dept in year; 0 ok, else an exit status (message printed). */
static int load_year(ys_store *s, const char *dept, int year, ys_disclosure **d, ys_diags *diags)
{
    int64_t *ids = NULL;
    size_t n = 0;
    if (ys_store_find(s, dept, year, &ids, &n, diags) != YS_OK) return YS_EXIT_USAGE;
    if (n == 0) {
        fprintf(stderr, "yusuan diff: 数据库中没有“%s”%d 年的文档（用 yusuan ls 查看）\n", dept, year);
        free(ids);
        return YS_EXIT_USAGE;
    }
    ys_status st = ys_store_load(s, ids[0], d, NULL, diags);
    free(ids);
    return st == YS_OK ? 0 : YS_EXIT_USAGE;
}

int ys_cmd_diff(int argc, char **argv)
{
    const char *db = "yusuan.db", *format = "text", *pos[3] = {NULL, NULL, NULL};
    size_t npos = 0;
    bool done = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (done || a[0] != '-' || a[1] == '\0') {
            if (npos == 3) return usage_error("unexpected argument '%s'", a);
            pos[npos++] = a;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage_text, stdout);
            return YS_EXIT_OK;
        } else if (!strcmp(a, "--")) done = true;
        else if (!strncmp(a, "--db=", 5)) db = a + 5;
        else if (!strncmp(a, "--format=", 9)) format = a + 9;
        else if ((!strcmp(a, "--db") || !strcmp(a, "--format")) && i + 1 < argc) {
            if (a[2] == 'd') db = argv[++i];
            else format = argv[++i];
        } else if (!strcmp(a, "--db") || !strcmp(a, "--format")) return usage_error("option '%s' needs a value", a);
        else return usage_error("unknown option '%s'", a);
    }
    if (npos < 3) return usage_error("%s", "need DEPT YEAR1 YEAR2");
    int y1 = parse_year(pos[1]), y2 = parse_year(pos[2]);
    if (!y1) return usage_error("bad year '%s'", pos[1]);
    if (!y2) return usage_error("bad year '%s'", pos[2]);
    if (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "csv"))
        return usage_error("unknown format '%s' (text, json, csv)", format);

    ys_diags diags;
    ys_diags_init(&diags);
    ys_store *s = NULL;
    ys_disclosure *cur = NULL, *prev = NULL;
    ys_catalog *cat = ys_catalog_new();
    int status = YS_EXIT_OK;
    if (ys_store_open(db, YS_STORE_READONLY, &s, &diags) != YS_OK) {
        status = YS_EXIT_USAGE;
        goto done;
    }
    if ((status = load_year(s, pos[0], y1, &prev, &diags)) != 0) goto done;
    if ((status = load_year(s, pos[0], y2, &cur, &diags)) != 0) goto done;
    ys_diags catd;
    ys_diags_init(&catd);
    bool have_cat = ys_catalog_load_default(cat, &catd) == YS_OK;   /* without it: no alias matching */
    ys_diags_release(&catd);

    ys_diff df;
    ys_diff_compute(&df, cur, prev, have_cat ? cat : NULL);
    ys_buf out = YS_BUF_INIT;
    if (!strcmp(format, "json")) ys_diff_json(&out, &df);
    else if (!strcmp(format, "csv")) ys_diff_csv(&out, &df);
    else ys_diff_text(&out, &df);
    fputs(ys_buf_str(&out), stdout);
    ys_buf_release(&out);
    ys_diff_release(&df);
done:
    ys_cli_print_diags(&diags);
    ys_diags_release(&diags);
    ys_disclosure_free(cur);
    ys_disclosure_free(prev);
    ys_catalog_free(cat);
    ys_store_close(s);
    return status;
}
