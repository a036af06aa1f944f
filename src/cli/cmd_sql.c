/*
 * cmd_sql.c — `yusuan sql [--db FILE] "SELECT …"`: one SQL statement on the warehouse, the result as TSV
 * with a header line (docs/STORE.md documents the schema). The connection is opened read-only by the
 * engine (store.h: SQLITE_OPEN_READONLY and PRAGMA query_only), so any write fails with the engine's
 * own message — there is no keyword filter to get around. NULL prints as an empty field; a backslash,
 * TAB, CR or LF inside a value prints as \\, \t, \r, \n. Exit status 2 on an SQL error.
 */
#include "cli/cli.h"
#include "core/buf.h"
#include "store/store.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static const char usage_text[] =
    "usage: yusuan sql [--db FILE] \"SELECT ...\"\n"
    "\n"
    "Runs one read-only SQL statement on the warehouse and prints the result as TSV with a header line.\n"
    "The schema is documented in docs/STORE.md. Writes are refused by the database itself.\n"
    "\n"
    "  --db FILE    the database (default ./yusuan.db)\n"
    "  -h, --help   this help\n"
    "\n"
    "exit status: 0 success, 2 usage error or SQL error\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "yusuan sql: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n(see `yusuan sql --help`)\n");
    return YS_EXIT_USAGE;
}

static void field(ys_buf *out, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '\t': ys_buf_adds(out, "\\t"); break;
        case '\n': ys_buf_adds(out, "\\n"); break;
        case '\r': ys_buf_adds(out, "\\r"); break;
        case '\\': ys_buf_adds(out, "\\\\"); break;
        default: ys_buf_addc(out, *s);
        }
    }
}

static void header(void *ctx, size_t ncols, const char *const *names)
{
    ys_buf *out = ctx;
    if (ncols == 0) return;
    for (size_t i = 0; i < ncols; i++) {
        if (i) ys_buf_addc(out, '\t');
        field(out, names[i]);
    }
    ys_buf_addc(out, '\n');
}

static int row(void *ctx, size_t ncols, const char *const *names, const ys_store_value *v)
{
    (void)names;
    ys_buf *out = ctx;
    for (size_t i = 0; i < ncols; i++) {
        if (i) ys_buf_addc(out, '\t');
        if (v[i].type == YS_STORE_INT) ys_buf_printf(out, "%" PRId64, v[i].i);
        else if (v[i].type == YS_STORE_TEXT) field(out, v[i].s);
    }
    ys_buf_addc(out, '\n');
    if (out->len > (1u << 16)) {
        fwrite(out->data, 1, out->len, stdout);
        ys_buf_reset(out);
    }
    return 0;
}

int ys_cmd_sql(int argc, char **argv)
{
    const char *db = "yusuan.db", *sql = NULL;
    bool done = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (done || a[0] != '-' || a[1] == '\0') {
            if (sql) return usage_error("unexpected argument '%s' (quote the whole statement)", a);
            sql = a;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage_text, stdout);
            return YS_EXIT_OK;
        } else if (!strcmp(a, "--")) done = true;
        else if (!strcmp(a, "--db") && i + 1 < argc) db = argv[++i];
        else if (!strncmp(a, "--db=", 5)) db = a + 5;
        else if (!strcmp(a, "--db")) return usage_error("option '%s' needs a value", a);
        else return usage_error("unknown option '%s'", a);
    }
    if (!sql) return usage_error("%s", "no SQL statement given");
    ys_diags diags;
    ys_diags_init(&diags);
    ys_store *s = NULL;
    ys_buf out = YS_BUF_INIT;
    int status = YS_EXIT_OK;
    if (ys_store_open(db, YS_STORE_READONLY, &s, &diags) != YS_OK ||
        ys_store_query(s, sql, header, row, &out, &diags) != YS_OK)
        status = YS_EXIT_USAGE;
    fwrite(out.data ? out.data : "", 1, out.len, stdout);
    fflush(stdout);
    ys_cli_print_diags(&diags);
    ys_diags_release(&diags);
    ys_buf_release(&out);
    ys_store_close(s);
    return status;
}
