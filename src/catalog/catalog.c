/* catalog.c — code lists (see catalog.h). Not yet written: an empty catalog that knows no code. */
#include "catalog/catalog.h"
#include "core/arena.h"

#include <stdlib.h>

struct ys_catalog {
    int unused;
};

ys_catalog *ys_catalog_new(void)
{
    return ys_xcalloc(1, sizeof(ys_catalog));
}

void ys_catalog_free(ys_catalog *c)
{
    free(c);
}

ys_status ys_catalog_load(ys_catalog *c, ys_classification cls, const char *path, int edition, bool complete,
                          ys_diags *diags)
{
    (void)c, (void)cls, (void)path, (void)edition, (void)complete, (void)diags;
    return YS_OK;
}

ys_status ys_catalog_load_aliases(ys_catalog *c, const char *path, ys_diags *diags)
{
    (void)c, (void)path, (void)diags;
    return YS_OK;
}

ys_status ys_catalog_load_default(ys_catalog *c, ys_diags *diags)
{
    (void)c, (void)diags;
    return YS_OK;
}

const ys_catalog_entry *ys_catalog_lookup(const ys_catalog *c, ys_classification cls, const char *code)
{
    (void)c, (void)cls, (void)code;
    return NULL;
}

bool ys_catalog_complete(const ys_catalog *c, ys_classification cls)
{
    (void)c, (void)cls;
    return false;
}

size_t ys_catalog_size(const ys_catalog *c, ys_classification cls)
{
    (void)c, (void)cls;
    return 0;
}

ys_name_check ys_catalog_check_name(const ys_catalog *c, ys_classification cls, const char *code,
                                    const char *name, const char **canonical)
{
    (void)c, (void)cls, (void)code, (void)name;
    if (canonical) *canonical = NULL;
    return YS_NAME_UNKNOWN_CODE;
}
