/* cmd_rules.c — `yusuan rules`: every rule of the registry (id, severity, family, title, basis). */
#include "check/check.h"
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

int ys_cmd_rules(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: yusuan rules\n\nLists every rule: id, severity, family, title, basis (tab-separated).\n");
            return YS_EXIT_OK;
        }
        fprintf(stderr, "yusuan rules: unknown option '%s'\n", argv[i]);
        return YS_EXIT_USAGE;
    }
    printf("id\tseverity\tfamily\ttitle\tbasis\n");
    for (size_t i = 0, n = ys_rules_count(); i < n; i++) {
        const ys_rule *r = ys_rules_at(i);
        printf("%s\t%s\t%s\t%s\t%s\n", r->id, ys_severity_name(r->severity), r->family, r->title, r->basis);
    }
    return YS_EXIT_OK;
}
