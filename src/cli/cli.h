/*
 * cli.h — the command-line tool: one file per subcommand (cli/cmd_<name>.c), one dispatch table
 * (cli/main.c). Only the CLI prints or exits.
 *
 * Exit status (also in docs/CLI.md and `yusuan help`):
 *   0  no finding is an error (or the command succeeded)
 *   1  at least one finding is an error
 *   2  usage error, or an input that cannot be read
 */
#ifndef YS_CLI_H
#define YS_CLI_H

#include "core/diag.h"

enum { YS_EXIT_OK = 0, YS_EXIT_FINDINGS = 1, YS_EXIT_USAGE = 2 };

typedef int (*ys_cmd_fn)(int argc, char **argv);

int ys_cmd_audit(int argc, char **argv);
int ys_cmd_extract(int argc, char **argv);
int ys_cmd_rules(int argc, char **argv);
int ys_cmd_template(int argc, char **argv);
int ys_cmd_check(int argc, char **argv);
int ys_cmd_build(int argc, char **argv);
int ys_cmd_import(int argc, char **argv);   /* the warehouse (store/store.h) */
int ys_cmd_ls(int argc, char **argv);
int ys_cmd_show(int argc, char **argv);
int ys_cmd_sql(int argc, char **argv);
int ys_cmd_diff(int argc, char **argv);      /* year over year (portal/diff.h) */
int ys_cmd_publish(int argc, char **argv);   /* the static portal (portal/portal.h) */
int ys_cmd_serve(int argc, char **argv);     /* the same pages live (libmicrohttpd) */

/* Print diagnostics to stderr as `location: 错误: message`. */
void ys_cli_print_diags(const ys_diags *d);

#endif
