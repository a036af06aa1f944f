/*
 * cmd_build.c — `yusuan build BOOK -o DIR`: the compile path. Reads a budget book (read/book.h), checks
 * its inputs (family "book"), derives the disclosure (derive/derive.h), checks it with every rule (on
 * the compile path they are assertions: an error there is a bug in yusuan or an input problem the book
 * rules did not catch), and renders every format into DIR under fixed file names (never a name taken
 * from the document):
 *
 *   disclosure.pdf  .xlsx  .html  .json (the extract contract)  .txt (plain text `audit` reads back)
 *   csv/<table id>.csv            one CSV per table
 *   datapackage.json + <table>.csv  a Fiscal Data Package
 *   findings.txt, findings.jsonl  the findings of the book and of the derived disclosure
 *
 * A book with input errors stops before anything is written. Each file is written atomically.
 *
 * --db FILE|postgresql://… : the prior items the book does not state (docs/BOOK.md sheet prior) are taken
 * from last year's 预算 document of the same department (region + name) in the warehouse (store/prior.h),
 * so the year-over-year parts of the 情况说明 and the YoY chart are filled; the book's own figures win, and
 * the output says which figures came from the store.
 */
#include "catalog/catalog.h"
#include "check/check.h"
#include "cli/cli.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/syserr.h"
#include "derive/derive.h"
#include "read/book.h"
#include "render/csv.h"
#include "render/json.h"
#include "render/render.h"
#include "render/report.h"
#include "store/prior.h"
#include "store/store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void usage(FILE *f)
{
    fprintf(f, "usage: yusuan build BOOK -o DIR [--format LIST] [--db FILE|postgresql://…]\n\n"
               "Derives the complete disclosure from a budget book (an .xlsx workbook or a directory of TSV\n"
               "files, see docs/BOOK.md) and writes it into DIR in every format:\n"
               "  disclosure.pdf .xlsx .html .json .txt, csv/<table>.csv, datapackage.json, findings.txt/.jsonl\n\n"
               "  -o, --output DIR   output directory (created if missing)\n"
               "  --format LIST      only these formats, comma-separated: pdf,xlsx,html,json,txt,csv,datapackage\n"
               "  --db TARGET        take last year's figures the book's prior sheet lacks from the warehouse\n"
               "                     (last year's 预算 of the same department)\n\n"
               "exit status: 0 no error finding, 1 error findings, 2 unreadable book, usage error or write failure\n");
}

static int mkdir_p(const char *dir)
{
    char *p = ys_xstrdup(dir);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/') continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *s = '/';
    }
    int r = mkdir(p, 0777) != 0 && errno != EEXIST ? -1 : 0;
    free(p);
    return r;
}

static int wanted(const char *list, const char *fmt)
{
    if (!list) return 1;
    size_t n = strlen(fmt);
    for (const char *p = list; *p;) {
        const char *e = strchr(p, ',');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (l == n && !strncmp(p, fmt, n)) return 1;
        p += l + (e ? 1 : 0);
    }
    return 0;
}

static char *path_join(const char *dir, const char *name)
{
    ys_buf b = YS_BUF_INIT;
    ys_buf_printf(&b, "%s/%s", dir, name);
    return ys_buf_detach(&b);
}

static int write_buf(const char *dir, const char *name, const ys_buf *b, ys_diags *diags)
{
    char *p = path_join(dir, name);
    ys_status st = ys_render_write_file(p, ys_buf_str(b), b->len, diags);
    if (st == YS_OK) printf("  %s\n", p);
    free(p);
    return st == YS_OK ? 0 : -1;
}

/* Fill the prior items the book lacks from last year's stored 预算; prints what it took. 0, or -1 (reported)
 * when the store cannot be opened or read. */
static int prior_from_store(ys_budget *b, const char *db)
{
    ys_diags diags;
    ys_diags_init(&diags);
    ys_store *s = NULL;
    ys_store_prior p;
    ys_status st = ys_store_open(db, YS_STORE_READONLY, &s, &diags);
    if (st == YS_OK) st = ys_store_prior_find(s, b->meta.region, b->meta.department, b->meta.year, &p, &diags);
    ys_store_close(s);
    if (st != YS_OK) {
        ys_cli_print_diags(&diags);
        fprintf(stderr, "yusuan build: 无法从数据库 %s 读取上年数\n", db);
        ys_diags_release(&diags);
        return -1;
    }
    ys_diags_release(&diags);
    if (!p.document_id) {
        printf("上年数：数据库 %s 中没有%s%s%s %d 年的预算，未补充\n", db, b->meta.region ? b->meta.region : "", b->meta.region && *b->meta.region ? " " : "",
               b->meta.department ? b->meta.department : "", b->meta.year - 1);
        return 0;
    }
    ys_buf taken = YS_BUF_INIT, kept = YS_BUF_INIT;
    const char *file = ys_arena_strdup(b->arena, db);
    for (int i = 0; i < YS_PRIOR__COUNT; i++) {
        const char *key = ys_prior_item_key((ys_prior_item)i);
        if (!p.has[i]) continue;
        if (ys_budget_find_prior(b, key)) {   /* the book's own figure wins */
            ys_buf_printf(&kept, "%s%s", kept.len ? "、" : "", key);
            continue;
        }
        ys_budget_prior *x = ys_budget_add_prior(b);
        x->item = key;   /* a static string */
        x->amount = p.amount[i];
        x->reason = "";
        x->src = (ys_source){file, 0, 0, NULL};
        char m[YS_MONEY_BUFSZ];
        ys_buf_printf(&taken, "%s%s %s%s", taken.len ? "、" : "", key,
                      ys_money_format(p.amount[i], b->meta.unit, 2, m, sizeof m), ys_unit_name(b->meta.unit));
    }
    printf("上年数：取自数据库 %s 的文档 %lld（%d 年预算）：%s\n", db, (long long)p.document_id, p.year,
           taken.len ? ys_buf_str(&taken) : "无（预算表册已全部列出）");
    if (kept.len) printf("上年数：预算表册自行列出的，不取数据库：%s\n", ys_buf_str(&kept));
    ys_buf_release(&taken);
    ys_buf_release(&kept);
    return 0;
}

int ys_cmd_build(int argc, char **argv)
{
    const char *book = NULL, *out = NULL, *formats = NULL, *db = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return YS_EXIT_OK;
        } else if ((!strcmp(a, "-o") || !strcmp(a, "--output")) && i + 1 < argc) {
            out = argv[++i];
        } else if (!strncmp(a, "--output=", 9)) {
            out = a + 9;
        } else if (!strcmp(a, "--format") && i + 1 < argc) {
            formats = argv[++i];
        } else if (!strncmp(a, "--format=", 9)) {
            formats = a + 9;
        } else if (!strcmp(a, "--db") && i + 1 < argc) {
            db = argv[++i];
        } else if (!strncmp(a, "--db=", 5)) {
            db = a + 5;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "yusuan build: unknown option '%s'\n", a);
            usage(stderr);
            return YS_EXIT_USAGE;
        } else if (!book) {
            book = a;
        } else {
            fprintf(stderr, "yusuan build: one book at a time ('%s')\n", a);
            return YS_EXIT_USAGE;
        }
    }
    if (!book || !out) {
        usage(stderr);
        return YS_EXIT_USAGE;
    }
    static const char *const known[] = {"pdf", "xlsx", "html", "json", "txt", "csv", "datapackage"};
    if (formats)
        for (const char *p = formats; *p;) {
            const char *e = strchr(p, ',');
            size_t l = e ? (size_t)(e - p) : strlen(p);
            int ok = 0;
            for (size_t k = 0; k < sizeof known / sizeof *known && !ok; k++)
                ok = strlen(known[k]) == l && !strncmp(known[k], p, l);
            if (!ok) {
                fprintf(stderr, "yusuan build: unknown format '%.*s'\n", (int)l, p);
                return YS_EXIT_USAGE;
            }
            p += l + (e ? 1 : 0);
        }

    ys_diags diags;
    ys_diags_init(&diags);
    ys_budget *b = NULL;
    if (ys_book_read(book, &b, &diags) != YS_OK) {
        ys_cli_print_diags(&diags);
        ys_diags_release(&diags);
        return YS_EXIT_USAGE;
    }
    ys_cli_print_diags(&diags);   /* warnings and notes of reading */
    ys_diags_release(&diags);
    ys_diags_init(&diags);
    if (db && prior_from_store(b, db) != 0) {
        ys_budget_free(b);
        return YS_EXIT_USAGE;
    }

    ys_catalog *cat = ys_catalog_new();
    if (ys_catalog_load_default(cat, &diags) != YS_OK) ys_cli_print_diags(&diags);
    ys_diags_release(&diags);
    ys_diags_init(&diags);

    int status = YS_EXIT_OK;
    ys_findings inputs;
    ys_findings_init(&inputs);
    ys_check_book(b, cat, &inputs);
    ys_disclosure *d = NULL;
    ys_findings found;
    ys_findings_init(&found);
    ys_buf rep = YS_BUF_INIT, jl = YS_BUF_INIT;

    if (ys_findings_max_severity(&inputs) == YS_SEV_ERROR) {
        ys_report_text(&rep, NULL, book, &inputs);
        fputs(ys_buf_str(&rep), stdout);
        fprintf(stderr, "yusuan build: 预算表册有错误，未生成任何文件\n");
        status = YS_EXIT_FINDINGS;
        goto done;
    }
    if (ys_derive(b, cat, &d, &diags) != YS_OK) {
        ys_cli_print_diags(&diags);
        status = YS_EXIT_USAGE;
        goto done;
    }
    ys_check_run(d, cat, NULL, &found);
    if (mkdir_p(out) != 0) {
        fprintf(stderr, "%s: 无法创建输出目录：%s\n", out, ys_syserr_text(errno));
        status = YS_EXIT_USAGE;
        goto done;
    }
    printf("yusuan build: %s → %s\n", book, out);
    int bad = 0;
    if (wanted(formats, "txt")) {
        ys_buf t = YS_BUF_INIT;
        bad |= ys_render_text(d, &t) != YS_OK || write_buf(out, "disclosure.txt", &t, &diags);
        ys_buf_release(&t);
    }
    if (wanted(formats, "html")) {
        ys_buf t = YS_BUF_INIT;
        bad |= ys_render_html(d, &t) != YS_OK || write_buf(out, "disclosure.html", &t, &diags);
        ys_buf_release(&t);
    }
    if (wanted(formats, "json")) {
        char *j = ys_json_render(d, YS_TABLE_NONE);
        ys_buf t = YS_BUF_INIT;
        if (j) ys_buf_adds(&t, j), ys_buf_addc(&t, '\n');
        bad |= !j || write_buf(out, "disclosure.json", &t, &diags);
        free(j);
        ys_buf_release(&t);
    }
    if (wanted(formats, "csv")) {
        char *csvdir = path_join(out, "csv");
        if (mkdir_p(csvdir) != 0) bad = 1;
        for (int id = 0; id < YS_TABLE__COUNT && !bad; id++) {
            const ys_table *t = d->tables[id];
            if (!t) continue;
            ys_buf c = YS_BUF_INIT;
            ys_csv_table(&c, t);
            ys_buf name = YS_BUF_INIT;
            ys_buf_printf(&name, "%s.csv", ys_table_id_name((ys_table_id)id));
            bad |= write_buf(csvdir, ys_buf_str(&name), &c, &diags);
            ys_buf_release(&name);
            ys_buf_release(&c);
        }
        free(csvdir);
    }
    if (wanted(formats, "datapackage")) {
        bad |= ys_render_datapackage(d, out, &diags) != YS_OK;
        if (!bad) printf("  %s/datapackage.json\n", out);
    }
    if (wanted(formats, "xlsx")) {
        char *p = path_join(out, "disclosure.xlsx");
        int r = ys_render_xlsx(d, p, &diags) != YS_OK;
        if (!r) printf("  %s\n", p);
        bad |= r;
        free(p);
    }
    if (wanted(formats, "pdf")) {
        char *p = path_join(out, "disclosure.pdf");
        int r = ys_render_pdf(d, p, &diags) != YS_OK;
        if (!r) printf("  %s\n", p);
        bad |= r;
        free(p);
    }
    /* the findings of the inputs, then those of the derived disclosure */
    ys_report_text(&rep, NULL, book, &inputs);
    ys_report_text(&rep, d, "disclosure", &found);
    ys_report_jsonl(&jl, book, &inputs);
    ys_report_jsonl(&jl, "disclosure", &found);
    bad |= write_buf(out, "findings.txt", &rep, &diags);
    bad |= write_buf(out, "findings.jsonl", &jl, &diags);
    if (bad) {
        ys_cli_print_diags(&diags);
        status = YS_EXIT_USAGE;
        goto done;
    }
    {
        int sev = ys_findings_max_severity(&inputs), sev2 = ys_findings_max_severity(&found);
        if (sev2 > sev) sev = sev2;
        ys_report_counts c2 = {0, 0, 0};
        ys_report_count(&found, &c2);
        ys_buf s = YS_BUF_INIT;
        ys_report_summary(&s, &c2);
        printf("检查结果（生成的公开文档）：%s\n", ys_buf_str(&s));
        ys_buf_release(&s);
        status = sev == YS_SEV_ERROR ? YS_EXIT_FINDINGS : YS_EXIT_OK;
    }
done:
    ys_buf_release(&rep);
    ys_buf_release(&jl);
    ys_findings_release(&found);
    ys_findings_release(&inputs);
    ys_disclosure_free(d);
    ys_catalog_free(cat);
    ys_budget_free(b);
    ys_diags_release(&diags);
    return status;
}
