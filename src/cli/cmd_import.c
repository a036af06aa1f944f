/*
 * cmd_import.c — `yusuan import [--db FILE] DOCUMENT|BOOK...`: put documents into the warehouse
 * (store/store.h, docs/STORE.md). A published document (text or PDF, read/pdf.h ys_read_any_file) is
 * read and audited; a budget book (a directory of TSV sheets, or an XLSX workbook: read/book.h) is read,
 * checked and derived, and its derived disclosure stored with the findings of both. Each document goes
 * in one transaction; one whose content (SHA-256 of its bytes) is already stored is skipped with a note.
 * Exit status: 0 when every file was imported or skipped, 1 when a book had input errors (not imported),
 * 2 for a usage error or a file that could not be read or stored; the other files are still imported.
 */
#include "catalog/catalog.h"
#include "check/check.h"
#include "cli/cli.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/sha256.h"
#include "derive/derive.h"
#include "read/book.h"
#include "read/pdf.h"
#include "read/read.h"
#include "render/report.h"
#include "store/store.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char usage_text[] =
    "usage: yusuan import [--db FILE|postgresql://…] DOCUMENT|BOOK...\n"
    "\n"
    "Stores documents in the warehouse (docs/STORE.md): a published disclosure (text, PDF, web page,\n"
    "XLS/XLSX) is read and audited; a budget book (a directory with meta.tsv, or an .xlsx workbook) is read,\n"
    "checked and derived.\n"
    "Each document is stored in one transaction; a document whose content is already stored is skipped.\n"
    "\n"
    "  --db FILE    the database: an SQLite file (default ./yusuan.db; created and upgraded when needed)\n"
    "               or a PostgreSQL URL postgresql://user@host/db\n"
    "  -h, --help   this help\n"
    "\n"
    "exit status: 0 all imported or skipped, 1 a book with input errors (not imported),\n"
    "             2 usage error, or a file that could not be read or stored\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "yusuan import: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n(see `yusuan import --help`)\n");
    return YS_EXIT_USAGE;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Hash of a file's bytes into c; false when it cannot be read. */
static bool hash_file(ys_sha256 *c, const char *path)
{
    char *bytes = NULL;
    size_t n = 0;
    ys_diags dg;
    ys_diags_init(&dg);
    bool ok = ys_read_file(path, &bytes, &n, &dg) == YS_OK;
    ys_diags_release(&dg);
    if (ok) ys_sha256_update(c, bytes, n);
    free(bytes);
    return ok;
}

/* Content hash: of the bytes of a file; of a directory, over its regular files in name order
 * ("name\0" then the bytes, each). */
static bool content_hash(const char *path, bool dir, char hex[YS_SHA256_HEX])
{
    ys_sha256 c;
    ys_sha256_init(&c);
    if (!dir) {
        if (!hash_file(&c, path)) return false;
        ys_sha256_final_hex(&c, hex);
        return true;
    }
    DIR *dp = opendir(path);
    if (!dp) return false;
    char **names = NULL;
    size_t n = 0, cap = 0;
    for (struct dirent *e; (e = readdir(dp));) {
        if (e->d_name[0] == '.') continue;
        if (n == cap) names = ys_xrealloc(names, (cap = cap ? cap * 2 : 16) * sizeof *names);
        names[n++] = ys_xstrdup(e->d_name);
    }
    closedir(dp);
    qsort(names, n, sizeof *names, cmp_str);
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        ys_buf p = YS_BUF_INIT;
        ys_buf_printf(&p, "%s/%s", path, names[i]);
        struct stat st;
        if (stat(ys_buf_str(&p), &st) == 0 && S_ISREG(st.st_mode)) {
            ys_sha256_update(&c, names[i], strlen(names[i]) + 1);
            ok = ok && hash_file(&c, ys_buf_str(&p));
        }
        ys_buf_release(&p);
        free(names[i]);
    }
    free(names);
    ys_sha256_final_hex(&c, hex);
    return ok;
}

static bool is_zip(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    unsigned char m[4] = {0};
    size_t n = fread(m, 1, 4, f);
    fclose(f);
    return n == 4 && m[0] == 'P' && m[1] == 'K' && m[2] == 3 && m[3] == 4;
}

/* Read (and derive) one input: a disclosure and its findings. Returns the exit status of the file. */
static int load_input(const char *path, bool book, const ys_catalog *cat, ys_disclosure **d, ys_findings *f)
{
    ys_diags diags;
    ys_diags_init(&diags);
    int status = YS_EXIT_OK;
    if (!book) {
        if (ys_read_any_file(path, d, &diags) != YS_OK || !*d) status = YS_EXIT_USAGE;
        else ys_check_run(*d, cat, NULL, f);
        ys_cli_print_diags(&diags);
        ys_diags_release(&diags);
        return status;
    }
    ys_budget *b = NULL;
    ys_status st = ys_book_read(path, &b, &diags);
    ys_cli_print_diags(&diags);
    ys_diags_release(&diags);
    if (st != YS_OK || !b) return YS_EXIT_USAGE;
    ys_check_book(b, cat, f);
    if (ys_findings_max_severity(f) == YS_SEV_ERROR) {
        ys_buf rep = YS_BUF_INIT;
        ys_report_text(&rep, NULL, path, f);
        fputs(ys_buf_str(&rep), stdout);
        ys_buf_release(&rep);
        fprintf(stderr, "%s: 错误: 预算表册有错误，未导入\n", path);
        ys_budget_free(b);
        return YS_EXIT_FINDINGS;
    }
    ys_diags_init(&diags);
    if (ys_derive(b, cat, d, &diags) != YS_OK || !*d) status = YS_EXIT_USAGE;
    else ys_check_run(*d, cat, NULL, f);
    ys_cli_print_diags(&diags);
    ys_diags_release(&diags);
    ys_budget_free(b);
    return status;
}

static int import_one(ys_store *s, const char *path, const ys_catalog *cat)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "%s: 错误: 无法读取文件\n", path);
        return YS_EXIT_USAGE;
    }
    bool dir = S_ISDIR(st.st_mode);
    bool book = dir || is_zip(path);
    char hex[YS_SHA256_HEX];
    if (!content_hash(path, dir, hex)) {
        fprintf(stderr, "%s: 错误: 无法读取文件\n", path);
        return YS_EXIT_USAGE;
    }
    ys_diags diags;
    ys_diags_init(&diags);
    int64_t id = 0;
    if (ys_store_find_hash(s, hex, &id, &diags) != YS_OK) {
        ys_cli_print_diags(&diags);
        ys_diags_release(&diags);
        return YS_EXIT_USAGE;
    }
    if (id > 0) {
        printf("跳过 %s：内容与已导入的文档 %lld 相同\n", path, (long long)id);
        ys_diags_release(&diags);
        return YS_EXIT_OK;
    }
    ys_disclosure *d = NULL;
    ys_findings f;
    ys_findings_init(&f);
    int status = load_input(path, book, cat, &d, &f);
    if (status == YS_EXIT_OK) {
        ys_store_docinfo info = {path, book ? "book" : "published", hex, ys_store_ruleset_version(),
                                 cat ? ys_catalog_edition(cat, YS_CLASS_FUNCTION) : 0};
        if (ys_store_put(s, &info, d, &f, &id, &diags) != YS_OK) {
            ys_cli_print_diags(&diags);
            fprintf(stderr, "%s: 错误: 未能存入数据库，本文件未导入任何内容\n", path);
            status = YS_EXIT_USAGE;
        } else {
            ys_report_counts c = {0, 0, 0};
            ys_report_count(&f, &c);
            ys_buf out = YS_BUF_INIT;
            ys_buf_printf(&out, "导入 %s → 文档 %lld：", path, (long long)id);
            const ys_meta *m = &d->meta;
            if (m->region && *m->region) ys_buf_printf(&out, "%s ", m->region);
            ys_buf_printf(&out, "%s", m->department && *m->department ? m->department : "（未知部门）");
            if (m->year) ys_buf_printf(&out, " %d 年", m->year);
            ys_buf_printf(&out, "%s%s，", ys_scope_name(m->scope), ys_kind_name(m->kind));
            ys_report_summary(&out, &c);
            ys_buf_addc(&out, '\n');
            fputs(ys_buf_str(&out), stdout);
            ys_buf_release(&out);
        }
    }
    ys_diags_release(&diags);
    ys_findings_release(&f);
    ys_disclosure_free(d);
    return status;
}

int ys_cmd_import(int argc, char **argv)
{
    const char *db = "yusuan.db";
    char **files = ys_xcalloc((size_t)argc + 1, sizeof *files);
    int nfiles = 0;
    bool options_done = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (options_done || a[0] != '-' || a[1] == '\0') files[nfiles++] = argv[i];
        else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            free(files);
            fputs(usage_text, stdout);
            return YS_EXIT_OK;
        } else if (!strcmp(a, "--")) options_done = true;
        else if (!strcmp(a, "--db") || !strncmp(a, "--db=", 5)) {
            if (a[4] == '=') db = a + 5;
            else if (i + 1 < argc) db = argv[++i];
            else {
                free(files);
                return usage_error("option '%s' needs a value", a);
            }
        } else {
            free(files);
            return usage_error("unknown option '%s'", a);
        }
    }
    if (nfiles == 0) {
        free(files);
        return usage_error("%s", "no input file");
    }
    ys_diags diags;
    ys_diags_init(&diags);
    ys_store *s = NULL;
    if (ys_store_open(db, YS_STORE_READWRITE, &s, &diags) != YS_OK) {
        ys_cli_print_diags(&diags);
        ys_diags_release(&diags);
        free(files);
        return YS_EXIT_USAGE;
    }
    ys_catalog *cat = ys_catalog_new();
    if (ys_catalog_load_default(cat, &diags) != YS_OK) {
        for (size_t i = 0; i < diags.count; i++)
            if (diags.items[i].level == YS_DIAG_ERROR) diags.items[i].level = YS_DIAG_WARNING;
        ys_cli_print_diags(&diags);
        ys_catalog_free(cat);
        cat = NULL;
    }
    ys_diags_release(&diags);
    int status = YS_EXIT_OK;
    for (int i = 0; i < nfiles; i++) {
        int st = import_one(s, files[i], cat);
        fflush(stdout);
        if (st > status) status = st;
    }
    ys_catalog_free(cat);
    ys_store_close(s);
    free(files);
    return status;
}
