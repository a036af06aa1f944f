/*
 * catalog.h — classification code lists (政府收支分类科目) by edition year: lookup, canonical names,
 * aliases for renamed codes. The lists are data (data/catalog/ TSV files, header `code<TAB>name<TAB>level`,
 * an optional `# edition: 2024` comment line); a user can load a complete official edition from a file.
 *
 * A partial list never turns an unknown code into an error: ys_catalog_check_name() says UNKNOWN and
 * the rules report that as info (DESIGN.md "The catalog is data").
 *
 * Ownership: a ys_catalog owns all its entries; pointers it returns are valid until ys_catalog_free().
 */
#ifndef YS_CATALOG_H
#define YS_CATALOG_H

#include <stdbool.h>

#include "core/diag.h"
#include "core/status.h"

typedef enum {
    YS_CLASS_FUNCTION = 0,   /* 支出功能分类科目: 类 3 / 款 5 / 项 7 digits */
    YS_CLASS_ECONOMIC,       /* 部门预算支出经济分类科目: 类 3 / 款 5 */
    YS_CLASS_GOV_ECONOMIC,   /* 政府预算支出经济分类科目 */
    YS_CLASS__COUNT
} ys_classification;

typedef struct {
    const char *code;
    const char *name;      /* canonical name of the edition */
    int level;             /* 1 类, 2 款, 3 项 */
    int edition;           /* edition year of the list it came from */
} ys_catalog_entry;

typedef struct ys_catalog ys_catalog;

ys_catalog *ys_catalog_new(void);
void ys_catalog_free(ys_catalog *c);    /* accepts NULL */

/* Load a code list. edition 0 = take it from the file's "# edition:" line (else 0 = unknown).
 * complete = the list is a whole official edition (then an absent code is a real finding). */
ys_status ys_catalog_load(ys_catalog *c, ys_classification cls, const char *path, int edition, bool complete,
                          ys_diags *diags);
/* name-aliases.tsv: code<TAB>alias<TAB>current_name<TAB>note */
ys_status ys_catalog_load_aliases(ys_catalog *c, const char *path, ys_diags *diags);
/* The bundled lists from the data directory (core/datadir.h). */
ys_status ys_catalog_load_default(ys_catalog *c, ys_diags *diags);

const ys_catalog_entry *ys_catalog_lookup(const ys_catalog *c, ys_classification cls, const char *code);
bool ys_catalog_complete(const ys_catalog *c, ys_classification cls);
size_t ys_catalog_size(const ys_catalog *c, ys_classification cls);
/* Edition year of the list (the last load that gave one); 0 when unknown. */
int ys_catalog_edition(const ys_catalog *c, ys_classification cls);

typedef enum {
    YS_NAME_MATCH = 0,     /* same name after normalisation */
    YS_NAME_TRUNCATED,     /* a prefix of the canonical name (wrapped/truncated in print): fine */
    YS_NAME_ALIAS,         /* a known older name of the code */
    YS_NAME_MISMATCH,      /* a different name */
    YS_NAME_UNKNOWN_CODE   /* the code is not in the (partial) list */
} ys_name_check;

/* Compare a printed name with the catalog; *canonical (may be NULL) gets the catalog name. */
ys_name_check ys_catalog_check_name(const ys_catalog *c, ys_classification cls, const char *code,
                                    const char *name, const char **canonical);

#endif
