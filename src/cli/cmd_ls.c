/*
 * cmd_ls.c — `yusuan ls [--db FILE]`: every stored document, one line each — region, department, year,
 * kind, unit, the headline totals (收支总计, 基本支出, 项目支出, "三公"经费) and the counts of its unfolded
 * findings by severity — as a table aligned by display width (a CJK character takes two columns).
 * The database is opened read-only.
 */
#include "cli/cli.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/text.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static const char usage_text[] =
    "usage: yusuan ls [--db FILE]\n"
    "\n"
    "Lists the documents in the warehouse: departments × years × kind, with 收支总计, 基本支出, 项目支出,\n"
    "\"三公\"经费 (in each document's unit) and the numbers of errors, warnings and notes found.\n"
    "\n"
    "  --db FILE    the database (default ./yusuan.db)\n"
    "  -h, --help   this help\n";

/* Parse the common `[--db FILE]` options of the warehouse commands; positional arguments go to pos
 * (capacity argc). Returns -1 to go on, else an exit status. */
static int parse(int argc, char **argv, const char **db, char **pos, int *npos, const char *cmd, const char *usage)
{
    bool done = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (done || a[0] != '-' || a[1] == '\0') {
            if (!pos) {
                fprintf(stderr, "yusuan %s: unexpected argument '%s'\n(see `yusuan %s --help`)\n", cmd, a, cmd);
                return YS_EXIT_USAGE;
            }
            pos[(*npos)++] = argv[i];
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage, stdout);
            return YS_EXIT_OK;
        } else if (!strcmp(a, "--")) done = true;
        else if (!strcmp(a, "--db") && i + 1 < argc) *db = argv[++i];
        else if (!strncmp(a, "--db=", 5)) *db = a + 5;
        else {
            fprintf(stderr, "yusuan %s: %s '%s'\n(see `yusuan %s --help`)\n", cmd,
                    !strcmp(a, "--db") ? "option needs a value:" : "unknown option", a, cmd);
            return YS_EXIT_USAGE;
        }
    }
    return -1;
}

static size_t display_width(const char *s)
{
    size_t w = 0, i = 0, n = strlen(s);
    while (i < n) {
        int cp = ys_utf8_next(s, n, &i);
        int cw = cp >= 0 ? utf8proc_charwidth(cp) : 1;
        w += cw > 0 ? (size_t)cw : 0;
    }
    return w;
}

static void pad(ys_buf *out, size_t n)
{
    while (n--) ys_buf_addc(out, ' ');
}

#define NCOL 12

int ys_cmd_ls(int argc, char **argv)
{
    const char *db = "yusuan.db";
    int r = parse(argc, argv, &db, NULL, NULL, "ls", usage_text);
    if (r >= 0) return r;
    ys_diags diags;
    ys_diags_init(&diags);
    ys_store *s = NULL;
    ys_store_entry *e = NULL;
    size_t n = 0;
    if (ys_store_open(db, YS_STORE_READONLY, &s, &diags) != YS_OK || ys_store_list(s, &e, &n, &diags) != YS_OK) {
        ys_cli_print_diags(&diags);
        ys_diags_release(&diags);
        ys_store_close(s);
        return YS_EXIT_USAGE;
    }
    ys_diags_release(&diags);
    ys_store_close(s);
    if (n == 0) {
        printf("数据库中还没有文档（用 yusuan import 导入）\n");
        ys_store_list_free(e, n);
        return YS_EXIT_OK;
    }
    static const char *const head[NCOL] = {"地区", "部门", "年度", "类型", "单位", "收支总计", "基本支出",
                                           "项目支出", "\"三公\"经费", "错误", "警告", "提示"};
    static const bool right[NCOL] = {0, 0, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1};
    ys_arena *a = ys_arena_new();
    char ***cells = ys_arena_calloc(a, n + 1, sizeof *cells);
    cells[0] = (char **)head;
    for (size_t i = 0; i < n; i++) {
        const ys_store_entry *x = &e[i];
        char **c = cells[i + 1] = ys_arena_calloc(a, NCOL, sizeof *c);
        ys_unit u = ys_unit_from_text(x->unit);
        char buf[YS_MONEY_BUFSZ];
        c[0] = ys_arena_strdup(a, *x->region ? x->region : "-");
        c[1] = ys_arena_strdup(a, *x->department ? x->department : "（未知部门）");
        c[2] = x->year ? ys_arena_printf(a, "%d", x->year) : "-";
        c[3] = ys_arena_strdup(a, *x->kind ? x->kind : "-");
        c[4] = ys_arena_strdup(a, *x->unit ? x->unit : "-");
        const bool has[4] = {x->has_total, x->has_basic, x->has_project, x->has_three_public};
        const ys_money v[4] = {x->total, x->basic, x->project, x->three_public};
        for (int k = 0; k < 4; k++)
            c[5 + k] = has[k] ? ys_arena_strdup(a, ys_money_format(v[k], u, 2, buf, sizeof buf)) : "-";
        c[9] = ys_arena_printf(a, "%lld", (long long)x->errors);
        c[10] = ys_arena_printf(a, "%lld", (long long)x->warnings);
        c[11] = ys_arena_printf(a, "%lld", (long long)x->infos);
    }
    size_t w[NCOL] = {0};
    for (size_t i = 0; i <= n; i++)
        for (int k = 0; k < NCOL; k++) {
            size_t dw = display_width(cells[i][k]);
            if (dw > w[k]) w[k] = dw;
        }
    ys_buf out = YS_BUF_INIT;
    for (size_t i = 0; i <= n; i++) {
        for (int k = 0; k < NCOL; k++) {
            size_t gap = w[k] - display_width(cells[i][k]);
            if (k) ys_buf_adds(&out, "  ");
            if (right[k]) pad(&out, gap);
            ys_buf_adds(&out, cells[i][k]);
            if (!right[k] && k + 1 < NCOL) pad(&out, gap);
        }
        ys_buf_addc(&out, '\n');
    }
    ys_buf_printf(&out, "共 %zu 个文档\n", n);
    fputs(ys_buf_str(&out), stdout);
    ys_buf_release(&out);
    ys_arena_free(a);
    ys_store_list_free(e, n);
    return YS_EXIT_OK;
}
