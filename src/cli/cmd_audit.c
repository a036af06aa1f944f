/*
 * cmd_audit.c — `yusuan audit [--format text|json] [--rules R1,R2,…] FILE...`: read each published
 * document, run the rules, print the findings (render/report.h). docs/CLI.md and docs/CONTRACTS.md
 * describe the output; the exit status is the highest over the files (cli.h): 0 no error finding, 1 an
 * error finding, 2 a usage error or an unreadable file. Every readable file is audited even when an
 * earlier one could not be read.
 *
 * Batch mode (`--db DB [--jobs N] FILE|DIR...`, store/batch.h, docs/STORE.md "Batch audit"): directories
 * are walked, every document is audited and stored with its findings, one line per document is printed
 * (in input order whatever N), a progress line is drawn on stderr only when it is a terminal, and a
 * summary of the batch closes the output.
 */
#include "catalog/catalog.h"
#include "check/check.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "read/pdf.h"
#include "read/read.h"
#include "render/report.h"
#include "store/batch.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage_text[] =
    "usage: yusuan audit [--format text|json] [--rules R1,R2,...] FILE...\n"
    "       yusuan audit --db DB [--jobs N] FILE|DIR...\n"
    "\n"
    "Reads each published disclosure (text, UTF-8 or GBK; PDF; a saved web page; XLS/XLSX — recognised by\n"
    "content), runs the rules and prints the findings.\n"
    "\n"
    "  --format text   for people, in Chinese (default): per file the findings, errors first, each with\n"
    "                  its source line, then a summary line; a total at the end\n"
    "  --format json   JSON Lines: one finding per line (docs/schema/audit.schema.json)\n"
    "  --rules LIST    run only these rules (comma-separated ids, see `yusuan rules`)\n"
    "  --db DB         batch: store every document with its findings in the warehouse (an SQLite file or\n"
    "                  postgresql://…; docs/STORE.md); directories are walked (files named .txt .pdf\n"
    "                  .html .htm .shtml .xls .xlsx are read, other files counted and skipped); a document\n"
    "                  already stored is skipped, so a rerun finishes an interrupted batch; a summary\n"
    "                  closes the output\n"
    "  --jobs N        batch: N worker processes (default 1)\n"
    "  -h, --help      this help\n"
    "\n"
    "exit status: 0 no error finding, 1 at least one error finding, 2 usage error or unreadable input\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "yusuan audit: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n(see `yusuan audit --help`)\n");
    return YS_EXIT_USAGE;
}

/* "--name VALUE" or "--name=VALUE": the value (advancing *i), NULL when this is not the option. */
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

/* Split "R1,R2" into a NULL-terminated list of ids pointing into *copy (both heap, caller frees both).
 * NULL, with the offending id in bad, when an id is unknown or the list names none. */
static char **parse_rules(const char *list, char **copy, char *bad, size_t badsz)
{
    size_t len = strlen(list), count = 1;
    for (size_t i = 0; i < len; i++) count += list[i] == ',';
    char **ids = ys_xcalloc(count + 1, sizeof *ids);
    *copy = ys_xstrdup(list);
    size_t k = 0;
    for (char *p = *copy, *end; p; p = end) {
        end = strchr(p, ',');
        if (end) *end++ = '\0';
        if (!*p) continue;
        if (!ys_rules_find(p)) {
            snprintf(bad, badsz, "%s", p);
            k = 0;
            break;
        }
        ids[k++] = p;
    }
    if (k == 0) {
        if (!*bad) snprintf(bad, badsz, "%s", list);
        free(*copy);
        *copy = NULL;
        free(ids);
        return NULL;
    }
    return ids;
}

static bool write_out(const ys_buf *b)
{
    if (b->len && fwrite(b->data, 1, b->len, stdout) != b->len) return false;
    return fflush(stdout) == 0;
}

/* The catalog for the code rules; NULL (a warning, not fatal) when it cannot be loaded. */
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
        fprintf(stderr, "yusuan audit: 警告: 未能载入科目代码表（%s），科目编码与名称的核对将报告数据不足\n",
                ys_strerror(st));
        ys_catalog_free(cat);
        cat = NULL;
    }
    ys_diags_release(&cd);
    return cat;
}

/* ---- batch mode ---- */

typedef struct {
    bool progress_shown;
} batch_ui;

static void batch_message(void *ctx, const char *path, ys_batch_outcome outcome, const char *out, const char *err)
{
    (void)path;
    (void)outcome;
    batch_ui *ui = ctx;
    if (ui->progress_shown) {
        fputs("\r\033[K", stderr);
        ui->progress_shown = false;
    }
    fflush(stdout);
    fputs(err, stderr);
    fputs(out, stdout);
    fflush(stdout);
}

static void batch_progress(void *ctx, size_t done, size_t total, const char *path)
{
    batch_ui *ui = ctx;
    /* the tail of the path, on whole UTF-8 characters, so the line stays short */
    size_t n = strlen(path);
    const char *tail = n > 48 ? path + n - 48 : path;
    while ((*tail & 0xC0) == 0x80) tail++;
    fprintf(stderr, "\r\033[K审核中 %zu/%zu %s%s", done, total, tail == path ? "" : "…", tail);
    fflush(stderr);
    ui->progress_shown = true;
}

static int run_batch(const char *db, const char *jobs_arg, bool format_given, bool rules_given, char **files,
                     int nfiles)
{
    if (!db) return usage_error("%s", "--jobs needs --db (batch audit into the warehouse)");
    if (format_given || rules_given)
        return usage_error("%s", "--db stores every finding: it cannot be combined with --format or --rules");
    int jobs = 1;
    if (jobs_arg) {
        char *end = NULL;
        long v = strtol(jobs_arg, &end, 10);
        if (!*jobs_arg || *end || v < 1 || v > 64) return usage_error("--jobs needs a number from 1 to 64, not '%s'", jobs_arg);
        jobs = (int)v;
    }
    ys_catalog *cat = load_catalog();
    batch_ui ui = {false};
    ys_batch_opts o = {db, jobs, cat, batch_message, isatty(STDERR_FILENO) ? batch_progress : NULL, &ui};
    ys_batch_result r;
    ys_diags diags;
    ys_diags_init(&diags);
    int status = YS_EXIT_OK;
    ys_status st = ys_batch_run(&o, (const char *const *)files, (size_t)nfiles, &r, &diags);
    if (ui.progress_shown) fputs("\r\033[K", stderr);
    ys_store *s = NULL;
    if (st == YS_OK) st = ys_store_open(db, YS_STORE_READWRITE, &s, &diags);
    ys_buf out = YS_BUF_INIT;
    if (st == YS_OK) st = ys_batch_summary(s, &r, &out, &diags);
    ys_store_close(s);
    if (st == YS_OK) {
        ys_buf_printf(&out, "本次：%zu 个文件，导入 %zu 个，跳过 %zu 个（已在数据库中或是预算表册），失败 %zu 个", r.files,
                      r.imported, r.skipped, r.failed);
        if (r.ignored)
            ys_buf_printf(&out, "；另跳过 %zu 个非文档文件（目录中扩展名不是 .txt .pdf .html .htm .shtml .xls .xlsx 的文件）",
                          r.ignored);
        ys_buf_addc(&out, '\n');
        fputs(ys_buf_str(&out), stdout);
        if (r.errors > 0) status = YS_EXIT_FINDINGS;
        if (r.failed > 0) status = YS_EXIT_USAGE;
    } else status = YS_EXIT_USAGE;
    ys_cli_print_diags(&diags);
    ys_diags_release(&diags);
    ys_buf_release(&out);
    ys_batch_result_release(&r);
    ys_catalog_free(cat);
    if (fflush(stdout) != 0) {
        fprintf(stderr, "yusuan audit: 错误: 写出结果失败\n");
        status = YS_EXIT_USAGE;
    }
    return status;
}

int ys_cmd_audit(int argc, char **argv)
{
    bool json = false, options_done = false;
    const char *rules_arg = NULL, *db = NULL, *jobs_arg = NULL;
    bool format_given = false;
    char **files = ys_xcalloc((size_t)argc + 1, sizeof *files);
    int nfiles = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool missing = false;
        const char *v;
        int bad = 0;
        if (options_done || a[0] != '-' || a[1] == '\0') files[nfiles++] = argv[i];
        else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            free(files);
            fputs(usage_text, stdout);
            return YS_EXIT_OK;
        } else if (!strcmp(a, "--")) options_done = true;
        else if ((v = option_value(argc, argv, &i, "--format", &missing)) || missing) {
            format_given = true;
            if (missing) bad = usage_error("option '%s' needs a value", a);
            else if (!strcmp(v, "json")) json = true;
            else if (!strcmp(v, "text")) json = false;
            else bad = usage_error("unknown format '%s' (text or json)", v);
        } else if ((v = option_value(argc, argv, &i, "--rules", &missing)) || missing) {
            if (missing) bad = usage_error("option '%s' needs a value", a);
            rules_arg = v;
        } else if ((v = option_value(argc, argv, &i, "--db", &missing)) || missing) {
            if (missing) bad = usage_error("option '%s' needs a value", a);
            db = v;
        } else if ((v = option_value(argc, argv, &i, "--jobs", &missing)) || missing) {
            if (missing) bad = usage_error("option '%s' needs a value", a);
            jobs_arg = v;
        } else bad = usage_error("unknown option '%s'", a);
        if (bad) {
            free(files);
            return bad;
        }
    }
    if (nfiles == 0) {
        free(files);
        return usage_error("%s", "no input file");
    }
    if (db || jobs_arg) {
        int st = run_batch(db, jobs_arg, format_given, rules_arg != NULL, files, nfiles);
        free(files);
        return st;
    }

    char **only = NULL, *only_copy = NULL;
    if (rules_arg) {
        char bad[256] = "";
        only = parse_rules(rules_arg, &only_copy, bad, sizeof bad);
        if (!only) {
            free(files);
            return usage_error("unknown rule '%s' (see `yusuan rules`)", bad);
        }
    }

    ys_catalog *cat = load_catalog();
    int status = YS_EXIT_OK;
    size_t unreadable = 0, audited = 0;
    ys_report_counts total = {0, 0, 0};
    bool write_failed = false;
    for (int i = 0; i < nfiles && !write_failed; i++) {
        const char *path = files[i];
        ys_diags diags;
        ys_diags_init(&diags);
        ys_disclosure *d = NULL;
        ys_status st = ys_read_any_file(path, &d, &diags);
        ys_cli_print_diags(&diags);
        ys_diags_release(&diags);
        if (st != YS_OK || !d) {
            unreadable++;
            status = YS_EXIT_USAGE;
            continue;
        }
        audited++;
        ys_findings f;
        ys_findings_init(&f);
        ys_check_run(d, cat, (const char *const *)only, &f);
        ys_buf out = YS_BUF_INIT;
        if (json) ys_report_jsonl(&out, path, &f);
        else {
            ys_report_text(&out, d, path, &f);
            ys_buf_addc(&out, '\n');
        }
        ys_report_count(&f, &total);
        if (ys_findings_max_severity(&f) == YS_SEV_ERROR && status < YS_EXIT_FINDINGS) status = YS_EXIT_FINDINGS;
        write_failed = !write_out(&out);
        ys_buf_release(&out);
        ys_findings_release(&f);
        ys_disclosure_free(d);
    }
    if (!json && !write_failed && audited > 0) {
        ys_buf out = YS_BUF_INIT;
        ys_buf_printf(&out, "合计：%zu 个文件，", audited);
        ys_report_summary(&out, &total);
        if (unreadable) ys_buf_printf(&out, "；%zu 个文件无法读取", unreadable);
        ys_buf_addc(&out, '\n');
        write_failed = !write_out(&out);
        ys_buf_release(&out);
    }
    if (write_failed) {
        fprintf(stderr, "yusuan audit: 错误: 写出结果失败\n");
        status = YS_EXIT_USAGE;
    }
    free(only);
    free(only_copy);
    free(files);
    ys_catalog_free(cat);
    return status;
}
