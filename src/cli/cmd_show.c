/*
 * cmd_show.c — `yusuan show DEPT [--year Y] [--db FILE]`: one stored document — its standard tables in
 * the plain-text layout of render/text.c and its findings as `yusuan audit` prints them (render/report.h).
 * DEPT is a department name, or "region/name" when names repeat across regions; without --year the
 * latest year is shown. The database is opened read-only. Text is printed verbatim (escaping is the
 * business of the HTML renderers).
 */
#include "cli/cli.h"
#include "core/buf.h"
#include "render/render.h"
#include "render/report.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    "usage: yusuan show DEPT [--year Y] [--db FILE]\n"
    "\n"
    "Prints one stored document: its tables and its findings. DEPT is the department's name, or\n"
    "REGION/NAME; without --year the latest year is shown.\n"
    "\n"
    "  --year Y     the budget year\n"
    "  --db FILE    the database (default ./yusuan.db)\n"
    "  -h, --help   this help\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "yusuan show: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n(see `yusuan show --help`)\n");
    return YS_EXIT_USAGE;
}

int ys_cmd_show(int argc, char **argv)
{
    const char *db = "yusuan.db", *dept = NULL, *year_arg = NULL;
    bool done = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (done || a[0] != '-' || a[1] == '\0') {
            if (dept) return usage_error("unexpected argument '%s'", a);
            dept = a;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage_text, stdout);
            return YS_EXIT_OK;
        } else if (!strcmp(a, "--")) done = true;
        else if (!strncmp(a, "--db=", 5)) db = a + 5;
        else if (!strncmp(a, "--year=", 7)) year_arg = a + 7;
        else if ((!strcmp(a, "--db") || !strcmp(a, "--year")) && i + 1 < argc) {
            if (a[2] == 'd') db = argv[++i];
            else year_arg = argv[++i];
        } else if (!strcmp(a, "--db") || !strcmp(a, "--year")) return usage_error("option '%s' needs a value", a);
        else return usage_error("unknown option '%s'", a);
    }
    if (!dept) return usage_error("%s", "no department given");
    int year = 0;
    if (year_arg) {
        char *end = NULL;
        long y = strtol(year_arg, &end, 10);
        if (!*year_arg || *end || y < 1900 || y > 2999) return usage_error("bad year '%s'", year_arg);
        year = (int)y;
    }
    ys_diags diags;
    ys_diags_init(&diags);
    ys_store *s = NULL;
    int64_t *ids = NULL;
    size_t n = 0;
    int status = YS_EXIT_OK;
    ys_disclosure *d = NULL;
    ys_findings f;
    ys_findings_init(&f);
    if (ys_store_open(db, YS_STORE_READONLY, &s, &diags) != YS_OK ||
        ys_store_find(s, dept, year, &ids, &n, &diags) != YS_OK) {
        status = YS_EXIT_USAGE;
        goto done;
    }
    if (n == 0) {
        if (year) fprintf(stderr, "yusuan show: 数据库中没有“%s”%d 年的文档\n", dept, year);
        else fprintf(stderr, "yusuan show: 数据库中没有部门“%s”的文档（用 yusuan ls 查看）\n", dept);
        status = YS_EXIT_USAGE;
        goto done;
    }
    if (ys_store_load(s, ids[0], &d, &f, &diags) != YS_OK) {
        status = YS_EXIT_USAGE;
        goto done;
    }
    ys_buf out = YS_BUF_INIT;
    ys_buf_printf(&out, "== 文档 %lld：", (long long)ids[0]);
    if (d->meta.region && *d->meta.region) ys_buf_printf(&out, "%s ", d->meta.region);
    ys_buf_printf(&out, "%s", d->meta.department && *d->meta.department ? d->meta.department : "（未知部门）");
    if (d->meta.year) ys_buf_printf(&out, " %d 年", d->meta.year);
    ys_buf_printf(&out, "%s%s（%s）==\n\n", ys_scope_name(d->meta.scope), ys_kind_name(d->meta.kind), d->file);
    if (n > 1) ys_buf_printf(&out, "另有 %zu 个文档匹配，用 --year 或 地区/部门 选择\n\n", n - 1);
    ys_render_text(d, &out);
    ys_buf_adds(&out, "\n");
    ys_report_text(&out, NULL, d->file, &f);
    fputs(ys_buf_str(&out), stdout);
    ys_buf_release(&out);
done:
    ys_cli_print_diags(&diags);
    ys_diags_release(&diags);
    ys_findings_release(&f);
    ys_disclosure_free(d);
    free(ids);
    ys_store_close(s);
    return status;
}
