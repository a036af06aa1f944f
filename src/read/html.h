/*
 * html.h — the web-page reader: a disclosure saved from a government site (or written by yusuan's own
 * HTML renderer, render/html.c) read through gumbo and turned into the tab-separated lines the text
 * reader understands (read/lines.h), so every stage of the text reader (meta, toc, tables, projects,
 * narrative) serves web pages too.
 *
 * Decoding: UTF-8, or GB18030 (a superset of GBK and GB2312) when a <meta charset> / http-equiv
 * content-type in the first 4 KB names gbk, gb2312, gb18030 (or cp936, x-gbk), or when the bytes are not
 * valid UTF-8 (core/text.h ys_text_decode). A UTF-8 BOM is dropped.
 *
 * Lines, in document order: every <table> row is one line with one cell per grid column, ROWSPAN and
 * COLSPAN expanded into a real grid (a spanning cell is written once, in its first row and column; the
 * positions it covers are empty cells), rows padded to the table's width, empty rows dropped; cell text
 * is the text content with <br> and every white space collapsed to one space. A table one of whose cells
 * holds another table is a layout table: its cells are read as blocks, not as a grid. Outside tables,
 * each block element (p, div, h1–h6, li, …) is one line, <br> breaks a line, white space is collapsed to
 * one space, except a run of tabs or of three or more no-break / ideographic spaces inside a line, which
 * becomes a cell boundary (a tab), as do the boundaries between the children of a flex row (an element
 * whose class has `display:flex` in the page's <style>, or an inline `style` saying so). Ignored:
 * head, script, style, noscript, template, svg, math, form controls, <nav> (site menus, and the in-page
 * table of contents of yusuan's own page: link lists without page numbers, not content), and elements with the `hidden`
 * attribute or an inline `display:none`.
 *
 * Sources: every ys_source has line = 0 and where = "第N行" (N the line of the HTML file where the table
 * row or the block starts); the diagnostics of the text stages are moved there too.
 *
 * Ownership: as read.h — on YS_OK *out is a new disclosure the caller frees with ys_disclosure_free();
 * on failure *out is NULL and diags say why: unreadable file, bytes in no known encoding, a page with no
 * disclosure table or project (the text reader's message), all YS_ERR_* (exit status 2 in the CLI).
 */
#ifndef YS_READ_HTML_H
#define YS_READ_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/diag.h"
#include "core/status.h"
#include "model/disclosure.h"

/* Bytes of HTML accepted (a saved page is far smaller); more → YS_ERR_FORMAT. */
#define YS_HTML_INPUT_CAP (64u * 1024 * 1024)

ys_status ys_read_html_file(const char *path, ys_disclosure **out, ys_diags *diags);
ys_status ys_read_html_mem(const char *name, const char *bytes, size_t n, ys_disclosure **out, ys_diags *diags);

/*
 * The HTML → lines step alone (for tests and tools): decode and walk `bytes`, append the lines (each
 * ending in '\n') to `lines`, and return the number of lines, or -1 with a diagnostic (encoding, size).
 * When `wheres` is not NULL it receives a malloc'd array (caller frees) of one HTML source line number
 * per output line.
 */
long ys_html_to_lines(const char *name, const char *bytes, size_t n, ys_buf *lines, int **wheres,
                      ys_diags *diags);

/* True when the first bytes look like HTML: after a UTF-8 BOM, white space, "<?xml …?>" and comments,
 * the first tag is <!doctype html, <html, <head, <meta, <title, <body, <table or <div (case-insensitive).
 * For the dispatcher (read/any.c). */
bool ys_html_sniff(const char *bytes, size_t n);

#endif
