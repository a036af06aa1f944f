/*
 * datadir.h — where yusuan finds its data files (catalogs, templates).
 *
 * Search order: $YUSUAN_DATA, then `data/` beside the executable (a source checkout: ./yusuan and
 * ./data), then `../share/yusuan` beside it (an installed tree: PREFIX/bin and PREFIX/share/yusuan), then
 * the compiled-in YS_DATADIR. ys_data_path() returns the first existing path of a relative name.
 */
#ifndef YS_DATADIR_H
#define YS_DATADIR_H

#include <stddef.h>

/* Full path of data file `rel` ("catalog/function-codes.tsv") into buf; NULL when not found. */
const char *ys_data_path(const char *rel, char *buf, size_t bufsz);

#endif
