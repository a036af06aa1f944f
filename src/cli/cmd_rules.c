/*
 * cmd_rules.c — `yusuan rules [--format text|tsv|md]`: every rule of the registry (id, severity, family,
 * title, basis). docs/RULES.md is `yusuan rules --format md`; a golden test keeps the two equal.
 */
#include "check/check.h"
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

static void usage(FILE *f)
{
    fprintf(f, "usage: yusuan rules [--format text|tsv|md]\n\n"
               "Lists every rule: id, severity, family, title and basis.\n"
               "  --format text   aligned columns (default)\n"
               "  --format tsv    tab-separated, with a header line\n"
               "  --format md     the Markdown of docs/RULES.md\n");
}

int ys_cmd_rules(int argc, char **argv)
{
    const char *format = "text";
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return YS_EXIT_OK;
        } else if (!strcmp(argv[i], "--format") && i + 1 < argc) {
            format = argv[++i];
        } else if (!strncmp(argv[i], "--format=", 9)) {
            format = argv[i] + 9;
        } else {
            fprintf(stderr, "yusuan rules: unknown option '%s'\n", argv[i]);
            usage(stderr);
            return YS_EXIT_USAGE;
        }
    }
    size_t n = ys_rules_count();
    if (!strcmp(format, "tsv")) {
        printf("id\tseverity\tfamily\ttitle\tbasis\n");
        for (size_t i = 0; i < n; i++) {
            const ys_rule *r = ys_rules_at(i);
            printf("%s\t%s\t%s\t%s\t%s\n", r->id, ys_severity_name(r->severity), r->family, r->title, r->basis);
        }
    } else if (!strcmp(format, "md")) {
        printf("# Rules\n\n"
               "Every rule yusuan checks, as listed by `yusuan rules --format md` (this file is generated from the\n"
               "registry in `src/check/`; a golden test keeps it in sync). Severity is that of a failure of the rule;\n"
               "a rule that lacks the data it needs reports *insufficient data* at info level, once per document.\n"
               "Differences within the rounding envelope are reported as info at most.\n");
        const char *family = "";
        for (size_t i = 0; i < n; i++) {
            const ys_rule *r = ys_rules_at(i);
            if (strcmp(family, r->family)) {
                family = r->family;
                printf("\n## %s\n\n| id | severity | title | basis |\n| --- | --- | --- | --- |\n", family);
            }
            printf("| %s | %s | %s | %s |\n", r->id, ys_severity_name(r->severity), r->title, r->basis);
        }
    } else if (!strcmp(format, "text")) {
        for (size_t i = 0; i < n; i++) {
            const ys_rule *r = ys_rules_at(i);
            printf("%-8s %-8s %-13s %s  〔%s〕\n", r->id, ys_severity_name(r->severity), r->family, r->title, r->basis);
        }
    } else {
        fprintf(stderr, "yusuan rules: unknown format '%s' (text, tsv or md)\n", format);
        return YS_EXIT_USAGE;
    }
    return YS_EXIT_OK;
}
