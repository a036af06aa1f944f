/*
 * main.c — yusuan's entry point and dispatch table.
 *
 * Adding a new subcommand: write cli/cmd_<name>.c with `int ys_cmd_<name>(int argc, char **argv)`
 * returning the exit status, declare it in cli.h, add a row to `commands` below, document it in
 * docs/CLI.md and give it golden tests in tests/golden/.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#ifndef YS_VERSION
#define YS_VERSION "0.1.0"
#endif

static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv)
{
    (void)argc, (void)argv;
    printf("yusuan %s\n", YS_VERSION);
    return YS_EXIT_OK;
}

static const struct {
    const char *name;
    ys_cmd_fn fn;
    const char *summary;
} commands[] = {
    {"audit", ys_cmd_audit, "check published disclosures and report findings (text or JSON Lines)"},
    {"extract", ys_cmd_extract, "read a published disclosure back into data (JSON, or CSV per table)"},
    {"rules", ys_cmd_rules, "list every rule: id, severity, family, title, basis"},
    {"template", ys_cmd_template, "write an empty budget book (XLSX workbook, or TSV files into DIR/)"},
    {"check", ys_cmd_check, "check a budget book's inputs (findings as with audit)"},
    {"build", ys_cmd_build, "derive the complete disclosure from a budget book, in every format"},
    {"import", ys_cmd_import, "store documents and budget books in the warehouse (SQLite, docs/STORE.md)"},
    {"ls", ys_cmd_ls, "list the warehouse: departments x years x kind, totals, finding counts"},
    {"show", ys_cmd_show, "print one stored document's tables and findings"},
    {"sql", ys_cmd_sql, "run a read-only SQL query on the warehouse, TSV out"},
    {"diff", ys_cmd_diff, "compare two years of a stored department row by row (增减额, 增减率)"},
    {"publish", ys_cmd_publish, "write the static portal of the warehouse into a directory"},
    {"serve", ys_cmd_serve, "serve the portal's pages live from the warehouse (127.0.0.1 by default)"},
    {"version", cmd_version, "print the version"},
    {"help", cmd_help, "this help"},
};

static int cmd_help(int argc, char **argv)
{
    (void)argc, (void)argv;
    printf("usage: yusuan <command> [options] [files]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        printf("  %-10s %s\n", commands[i].name, commands[i].summary);
    printf("\nexit status: 0 no error finding, 1 error findings, 2 usage error or unreadable input\n"
           "run `yusuan <command> --help` for a command's options\n");
    return YS_EXIT_OK;
}

/* A batch (audit of hundreds of files, import, publish) frees each document's arena and buffers and
 * allocates the same sizes again for the next one. glibc returns blocks above the mmap threshold (128 KB
 * at first) and the top of the heap to the kernel on every free, so every document page-faulted its
 * memory in afresh (≈ 160 faults per sample file, 18 % of an audit's wall time in bench/run.sh). Keeping
 * up to 64 MB in the heap makes the next document reuse it; peak memory is unchanged (the largest
 * document's). */
static void keep_freed_memory(void)
{
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
}

int main(int argc, char **argv)
{
    keep_freed_memory();
    if (argc < 2) {
        cmd_help(0, NULL);
        return YS_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (!strcmp(name, "--help") || !strcmp(name, "-h")) return cmd_help(argc - 1, argv + 1);
    if (!strcmp(name, "--version")) return cmd_version(argc - 1, argv + 1);
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (!strcmp(commands[i].name, name)) return commands[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "yusuan: unknown command '%s' (see `yusuan help`)\n", name);
    return YS_EXIT_USAGE;
}
