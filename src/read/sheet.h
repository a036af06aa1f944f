/*
 * sheet.h — published disclosures as spreadsheets: legacy XLS (BIFF in an OLE/CFBF container, read
 * through libfreexl) and XLSX (OOXML, read through the project's reader read/xlsx.h). Each visible sheet
 * becomes a grid and each grid row one tab-separated line — the shape of published text — so the text
 * reader's stages (meta, toc, tables, projects, narrative) recognise the tables; every source of the
 * disclosure and every diagnostic of those stages is then moved to the cell it came from
 * (`Sheet名!A7`: the sheet and the first non-empty cell of the row) through read/lines.h.
 *
 * Grid to lines:
 *   - merged ranges are expanded the way published text prints them: the value in the first (top-left)
 *     cell of the range, the other positions empty ("序号\t功能分类科目\t\t合计…");
 *   - numbers are written as DISPLAYED: rounded to the decimals of the cell's number format in decimal
 *     string arithmetic (0.00 shows 72.93000000000001 as "72.93"; 0.00% shows 0.125 as "12.50%"); a
 *     General number is the stored decimal rounded to 15 significant digits, as Excel shows it; exponent
 *     forms ("1E-3") are written out ("0.001"); dates are YYYY-MM-DD; text is as stored, with TAB, CR and
 *     LF inside a cell turned into spaces (they would break the line layout);
 *   - trailing empty cells are dropped, rows without any value are skipped, and a sheet boundary is one
 *     blank line. Hidden sheets (XLSX state hidden / veryHidden) are skipped.
 *   - XLS through freexl 1.0.x: the library gives no number formats and no merged ranges; BIFF stores a
 *     merged value in the first cell only, so the expansion holds by itself, and a floating-point cell is
 *     written with 15 significant digits (Excel's display precision), which turns the binary double of
 *     72.93 back into "72.93".
 *
 * After reading, every recognised standard table that holds no amount at all gets a note (`已识别…，表中
 * 没有金额（空表）`) at its title cell: empty templates are reported as such, never filled with numbers.
 *
 * Errors (each a diagnostic with the file and, where known, the sheet; status YS_ERR_*; exit 2 in the
 * CLI): a file that is neither XLS (magic D0 CF 11 E0 A1 B1 1A E1) nor XLSX (a zip with
 * xl/workbook.xml) → YS_ERR_FORMAT; an encrypted workbook (XLS with a password, or an OOXML file
 * encrypted into a CFBF container) → YS_ERR_FORMAT; an unreadable sheet → the reader's status; a
 * workbook without any recognisable disclosure → what the text stages say.
 *
 * Ownership: as read.h — on YS_OK *out is a new disclosure the caller frees with ys_disclosure_free();
 * on failure *out is NULL. Diagnostics go to the caller's list.
 *
 * Owner: helper W3 (read/sheet).
 */
#ifndef YS_READ_SHEET_H
#define YS_READ_SHEET_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/diag.h"
#include "core/status.h"
#include "model/disclosure.h"
#include "read/lines.h"
#include "read/xlsx.h"

/* Cap on the cells an XLS sheet may span (rows × columns) before it is refused (YS_ERR_RANGE). */
#define YS_SHEET_XLS_MAX_SPAN ((size_t)4 * 1000 * 1000)

typedef enum {
    YS_SHEET_NONE = 0,   /* neither */
    YS_SHEET_XLS,        /* CFBF magic D0 CF 11 E0 A1 B1 1A E1 (also an encrypted OOXML file) */
    YS_SHEET_XLSX        /* zip local header "PK\3\4" (a zip; xl/workbook.xml is checked on open) */
} ys_sheet_format;

/* The format of a file by its first bytes (at least 8 are needed). For any.c: call ys_read_sheet_file
 * when this is not YS_SHEET_NONE. */
ys_sheet_format ys_sheet_detect(const void *head, size_t n);

/* Read an XLS or XLSX workbook (format by content) as a published disclosure. */
ys_status ys_read_sheet_file(const char *path, ys_disclosure **out, ys_diags *diags);

/* Read XLSX bytes (borrowed for the call) as the document `name` (tests, fuzzing). */
ys_status ys_read_sheet_xlsx_mem(const char *name, const void *bytes, size_t n, ys_disclosure **out,
                                 ys_diags *diags);

/*
 * The grid → lines step alone, for tests: appends the lines of every visible sheet of the workbook at
 * `path` to `text` and returns in *map (malloc'd array, caller frees; its `where` strings are malloc'd
 * too: free them with ys_sheet_map_free) the origin of each line, *nmap entries.
 */
ys_status ys_sheet_lines_file(const char *path, ys_buf *text, ys_line_origin **map, size_t *nmap,
                              ys_diags *diags);
void ys_sheet_map_free(ys_line_origin *map, size_t n);   /* accepts NULL */

/*
 * A stored XLSX number as displayed: `stored` is the decimal string of the file ("72.93000000000001",
 * "1E-3", "-0.5"), `code` the cell's number format code (NULL = General) and `cls` its class. Appends
 * the displayed text to out and returns true; false (nothing appended) when `stored` is not a number.
 * Rounding is half away from zero, on the decimal digits, never through a double.
 */
bool ys_sheet_display_number(const char *stored, const char *code, ys_xlsx_fmt cls, ys_buf *out);

#endif
