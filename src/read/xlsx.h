/*
 * xlsx.h — a small OOXML (XLSX) workbook reader on libzip + expat. It reads budget books (the workbook a
 * finance officer fills in) and published XLSX disclosures into plain grids of cells; recognising tables
 * in those grids is the business of the readers above it, not of this module.
 *
 * What it gives: the sheets in workbook order (name, index, visible/hidden); for a sheet, every stored
 * cell that holds something (a value, or a formula without a cached value) with its 0-based row and column,
 * its A1 reference, its kind, and its text exactly as stored — numbers stay the decimal string of the file
 * ("509.3" stays "509.3"; "1E-3" is kept and flagged YS_XLSX_F_EXPONENT), never a double; shared strings
 * resolved (rich-text runs concatenated, phonetic runs dropped), inline strings, the cached value of
 * formula cells, the number format of the cell's style (id, code and a class: date / percent / text /
 * number); and the merged ranges of the sheet.
 *
 * Everything in the file is untrusted: a part's uncompressed size and the number of cells are capped
 * (ys_xlsx_set_limits), DTDs are refused, relationship targets must stay inside the workbook's folder
 * (xl/), and every problem becomes a diagnostic — `book.xlsx:xl/worksheets/sheet1.xml:3:17` for a part,
 * `book.xlsx:Sheet1!B7` for a cell — with a status, never a crash. Sheet XML is parsed streaming (expat,
 * namespaces off, element prefixes ignored), never as a DOM.
 *
 * Ownership: a ys_xlsx owns one arena; every pointer this module returns (sheet infos, grids, cells,
 * strings) lives in it and stays valid until ys_xlsx_free(). Memory input is borrowed: the bytes given to
 * ys_xlsx_open_mem() must stay valid and unchanged until ys_xlsx_free(). Diagnostics go to the caller's
 * ys_diags (heap, owned by the caller).
 *
 * Owner: helper H (read/xlsx). docs/XLSX.md describes the supported subset.
 */
#ifndef YS_XLSX_H
#define YS_XLSX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"
#include "core/status.h"

typedef struct ys_xlsx ys_xlsx;

/* Default caps (see ys_xlsx_set_limits). */
#define YS_XLSX_MAX_PART_BYTES ((size_t)256 * 1024 * 1024)   /* uncompressed size of one part */
#define YS_XLSX_MAX_CELLS ((size_t)1000 * 1000)              /* stored cells (and merges) of one sheet */

/* Spreadsheet bounds (Excel 2007+): rows 1..1048576, columns A..XFD. */
#define YS_XLSX_MAX_ROWS 1048576u
#define YS_XLSX_MAX_COLS 16384u

typedef enum {
    YS_XLSX_VISIBLE = 0,
    YS_XLSX_HIDDEN,         /* state="hidden": the user can unhide it */
    YS_XLSX_VERY_HIDDEN     /* state="veryHidden": only a macro can */
} ys_xlsx_state;

typedef struct {
    const char *name;       /* sheet name as in workbook.xml (arena) */
    size_t index;           /* 0-based position in workbook order */
    ys_xlsx_state state;
    bool worksheet;         /* false for chartsheets/dialog sheets (they read as empty grids) */
    const char *part;       /* zip part, e.g. "xl/worksheets/sheet3.xml" (arena); NULL when the
                               relationship is missing or refused (reading the sheet then fails) */
} ys_xlsx_sheet;

typedef enum {
    YS_XLSX_EMPTY = 0,      /* a formula without a cached value */
    YS_XLSX_STRING,         /* shared string, inline string, or cached string result of a formula */
    YS_XLSX_NUMBER,         /* text is the stored decimal string */
    YS_XLSX_BOOL,           /* text "0" or "1" as stored */
    YS_XLSX_ERROR           /* text such as "#DIV/0!" */
} ys_xlsx_kind;

/* Cell flags. */
#define YS_XLSX_F_FORMULA  0x1u   /* the cell has a formula (formula text in .formula; "" for a shared one) */
#define YS_XLSX_F_EXPONENT 0x2u   /* a number stored in exponent form ("1E-3"): kept as stored */
#define YS_XLSX_F_ISODATE  0x4u   /* t="d": an ISO 8601 date stored as a string */

typedef enum {
    YS_XLSX_FMT_GENERAL = 0,  /* no style, or "General" */
    YS_XLSX_FMT_NUMBER,       /* a numeric format such as "#,##0.00" */
    YS_XLSX_FMT_PERCENT,      /* contains '%' outside quotes */
    YS_XLSX_FMT_DATE,         /* date or time format (built-in ids 14–22, 27–36, 45–47, 50–58, or y/m/d/h/s codes) */
    YS_XLSX_FMT_TEXT          /* "@" */
} ys_xlsx_fmt;

typedef struct {
    uint32_t row, col;      /* 0-based */
    char ref[12];           /* "B7" */
    ys_xlsx_kind kind;
    unsigned flags;         /* YS_XLSX_F_* */
    const char *text;       /* never NULL ("" for YS_XLSX_EMPTY); arena */
    const char *formula;    /* formula text without '=', or NULL; arena */
    int numfmt_id;          /* number format id of the cell's style; 0 (General) without a style */
    const char *numfmt;     /* its format code (built-in or custom), NULL when unknown; arena/static */
    ys_xlsx_fmt fmt;        /* class of that format */
} ys_xlsx_cell;

typedef struct {
    uint32_t r0, c0, r1, c1;   /* 0-based, inclusive; r0 <= r1, c0 <= c1 */
} ys_xlsx_range;

typedef struct {
    const ys_xlsx_sheet *sheet;  /* borrowed from the workbook */
    ys_xlsx_cell *cells;         /* sorted by (row, col), unique; arena */
    size_t ncells;
    ys_xlsx_range *merges;       /* in file order; arena */
    size_t nmerges;
    uint32_t nrows, ncols;       /* 1 + the largest row / column of any cell or merge (0 when empty) */
} ys_xlsx_grid;

/*
 * Open a workbook: reads the package relationships, workbook.xml and its relationships, the shared
 * strings and the styles. `name` is the file name used in diagnostics. On YS_OK *out is a new workbook
 * (free with ys_xlsx_free); otherwise *out is NULL and diags say why (YS_ERR_IO: unreadable file;
 * YS_ERR_FORMAT: not a zip, missing/malformed workbook parts; YS_ERR_RANGE: a cap was exceeded).
 */
ys_status ys_xlsx_open_file(const char *path, ys_xlsx **out, ys_diags *diags);
ys_status ys_xlsx_open_mem(const char *name, const void *bytes, size_t n, ys_xlsx **out, ys_diags *diags);
void ys_xlsx_free(ys_xlsx *wb);   /* accepts NULL */

/* Caps for this workbook's parts and sheets (0 keeps the current value). Applies to later reads; the
 * parts read by ys_xlsx_open_* use the defaults. */
void ys_xlsx_set_limits(ys_xlsx *wb, size_t max_part_bytes, size_t max_cells);

const char *ys_xlsx_name(const ys_xlsx *wb);                        /* the name given at open */
size_t ys_xlsx_sheet_count(const ys_xlsx *wb);
const ys_xlsx_sheet *ys_xlsx_sheet_at(const ys_xlsx *wb, size_t index);   /* NULL when out of range */
const ys_xlsx_sheet *ys_xlsx_sheet_by_name(const ys_xlsx *wb, const char *name);   /* exact; NULL if none */

/*
 * Read one sheet into a grid. On YS_OK *out is the grid (owned by the workbook; a second call for the
 * same sheet returns the same grid). Recoverable oddities (a malformed number, a duplicate cell) are
 * warnings. Errors — malformed XML, a cell reference out of range, a shared-string index out of range,
 * a cap exceeded, a missing part — give *out = NULL, a diagnostic with the location and YS_ERR_FORMAT
 * (YS_ERR_RANGE for caps).
 */
ys_status ys_xlsx_read_sheet(ys_xlsx *wb, size_t index, const ys_xlsx_grid **out, ys_diags *diags);

/* The cell at (row, col), or NULL when the sheet stores nothing there. Binary search. */
const ys_xlsx_cell *ys_xlsx_grid_cell(const ys_xlsx_grid *g, uint32_t row, uint32_t col);
/* The merged range that covers (row, col), or NULL. */
const ys_xlsx_range *ys_xlsx_grid_merge_at(const ys_xlsx_grid *g, uint32_t row, uint32_t col);

/* "B7" -> row 6, col 1. Accepts "$B$7"; false on anything else or out of the sheet bounds. */
bool ys_xlsx_ref_parse(const char *ref, uint32_t *row, uint32_t *col);
/* row 6, col 1 -> "B7" into buf (at least 12 bytes); returns buf. */
char *ys_xlsx_ref_format(uint32_t row, uint32_t col, char *buf, size_t bufsz);

/* Class of a number format given its id and code (code may be NULL for built-in ids). */
ys_xlsx_fmt ys_xlsx_fmt_classify(int numfmt_id, const char *code);

#endif
