/*
 * template.h — the table templates of the text reader, kept as data (data/templates/tables.tsv, format in
 * data/templates/README.md): title aliases → table id, column header texts → column key and kind, and
 * the page-header vocabulary (栏次, 单位：, 预算年度, 注：…). A new province's titles and headers are a
 * data change, not a code change.
 *
 * Every text is stored as its comparison key (core/text.h ys_text_key): normalised, no white space,
 * bracket and quote shapes unified, so "科目 编 码" matches 科目编码 and “三公” matches "三公".
 *
 * Ownership: ys_template_get() returns a process-wide template loaded once (pthread_once) and never
 * freed; it is read-only afterwards, so any thread may use it. ys_template_parse() fills a template in
 * the caller's arena (for tests and for loading another file).
 */
#ifndef YS_TEMPLATE_H
#define YS_TEMPLATE_H

#include <stddef.h>

#include "core/arena.h"
#include "core/diag.h"
#include "core/status.h"
#include "model/disclosure.h"

typedef enum {
    YS_TPL_SEQ,     /* the 序号 column */
    YS_TPL_CODE,    /* the code column (科目编码) */
    YS_TPL_NAME,    /* the name column (科目名称, 项目, 单位名称) */
    YS_TPL_COL,     /* a data column with a key */
    YS_TPL_GROUP    /* a group header above leaf headers: recognised, makes no column */
} ys_tpl_role;

typedef struct {
    ys_tpl_role role;
    const char *alias;   /* comparison key of the header text */
    const char *key;     /* column key (YS_TPL_COL), "" otherwise */
    ys_col_kind kind;
} ys_tpl_header;

typedef struct {
    size_t ntitles, titles_cap;
    const char **titles;        /* comparison keys of title aliases */
    size_t nheaders, headers_cap;
    ys_tpl_header *headers;     /* in file order: the first unused key wins for a repeated alias */
} ys_tpl_table;

/* A list of comparison keys (page-header vocabulary). */
typedef struct {
    size_t n, cap;
    const char **keys;
} ys_tpl_words;

typedef struct {
    ys_tpl_table tables[YS_TABLE__COUNT];
    ys_tpl_words stub;   /* first cell of the column-number line: 栏次 */
    ys_tpl_words unit;   /* unit line prefixes: 单位: */
    ys_tpl_words year;   /* year labels: 预算年度 */
    ys_tpl_words dept;   /* department labels: 编制单位 (followed by ":") */
    ys_tpl_words page;   /* other page-header line prefixes to drop: 截止时间 */
    ys_tpl_words note;   /* note prefixes: 注: */
    const char *path;    /* the file it was read from */
} ys_template;

/*
 * The template of this process: data/templates/tables.tsv found by ys_data_path(), loaded at the first
 * call. NULL when the file cannot be found or read; an error diagnostic is then added to diags. The
 * diagnostics of loading (that error, warnings about bad records of the file) are added at every call,
 * so each document read says why its tables are missing.
 */
const ys_template *ys_template_get(ys_diags *diags);

/* Parse template text (name is used in diagnostics). Bad records are skipped with a warning. */
ys_status ys_template_parse(ys_arena *a, const char *name, const char *text, size_t n, ys_template *out,
                            ys_diags *diags);

#endif
