/* fuzz_portal_path.c — libFuzzer target for the portal's page-name parser (portal/portal.h,
 * ys_portal_parse_path): the names `yusuan serve` receives from any browser. The input bytes (cut at the
 * first NUL, as an HTTP path would be) are parsed; any bytes must give "no page" or a page, never a crash,
 * and a name accepted as a page must be exactly the canonical name of that page rebuilt from its kind, id
 * and table (so no path with "..", a slash, a sign or a leading zero is ever taken for a page). The corpus
 * (tests/fuzz/corpus/portal_path/) holds every kind of page name and a few near misses. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "portal/portal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *path = malloc(size + 1);
    if (!path) return 0;
    memcpy(path, data, size);
    path[size] = '\0';
    int64_t id = -1;
    ys_table_id table = YS_TABLE_NONE;
    int k = ys_portal_parse_path(path, &id, &table);
    if (k != 0) {
        char want[128];
        want[0] = '\0';
        switch (k) {
        case 1: snprintf(want, sizeof want, "%s", *path ? "index.html" : ""); break;
        case 2: snprintf(want, sizeof want, "compare.html"); break;
        case 3: snprintf(want, sizeof want, "dept-%" PRId64 ".html", id); break;
        case 4: snprintf(want, sizeof want, "doc-%" PRId64 ".html", id); break;
        case 5: snprintf(want, sizeof want, "doc-%" PRId64 "-full.html", id); break;
        case 6: snprintf(want, sizeof want, "doc-%" PRId64 ".json", id); break;
        case 7: snprintf(want, sizeof want, "doc-%" PRId64 "-%s.csv", id, ys_table_id_name(table)); break;
        case 8: snprintf(want, sizeof want, "doc-%" PRId64 ".xlsx", id); break;
        case 9: snprintf(want, sizeof want, "doc-%" PRId64 ".pdf", id); break;
        default: abort();   /* an unknown kind */
        }
        if (k >= 3 && id <= 0) abort();                             /* ids are positive */
        if (k == 7 && (table < 0 || table >= YS_TABLE__COUNT)) abort();
        if (strcmp(want, path) != 0) abort();                       /* not the canonical name */
    }
    free(path);
    return 0;
}
