/*
 * template.c — loading the table templates of the text reader from data/templates/tables.tsv (see
 * template.h; the format is documented in data/templates/README.md).
 *
 * A record is `kind<TAB>table<TAB>text[<TAB>key<TAB>col-kind]`; table `*` applies a header record to
 * every table. Texts are stored as comparison keys. The process-wide copy is loaded once under
 * pthread_once and kept until exit.
 */
#include "read/template.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/datadir.h"
#include "core/text.h"
#include "read/read.h"

#define TEMPLATE_REL "templates/tables.tsv"
#define MAX_FIELDS 6

static void words_add(ys_arena *a, ys_tpl_words *w, const char *key)
{
    YS_VEC_PUSH(a, w->keys, w->n, w->cap, key);
}

static void header_add(ys_arena *a, ys_tpl_table *t, ys_tpl_role role, const char *alias, const char *key,
                       ys_col_kind kind)
{
    ys_tpl_header h = {role, alias, key, kind};
    YS_VEC_PUSH(a, t->headers, t->nheaders, t->headers_cap, h);
}

static bool parse_col_kind(const char *s, ys_col_kind *out)
{
    if (strcmp(s, "money") == 0) *out = YS_COL_MONEY;
    else if (strcmp(s, "quantity") == 0) *out = YS_COL_QUANTITY;
    else if (strcmp(s, "label") == 0) *out = YS_COL_LABEL;
    else if (strcmp(s, "text") == 0) *out = YS_COL_TEXT;
    else return false;
    return true;
}

/* Split line s[0..n) on tabs into at most MAX_FIELDS fields (arena copies, trailing \r dropped). */
static size_t split_fields(ys_arena *a, const char *s, size_t n, char **f)
{
    if (n > 0 && s[n - 1] == '\r') n--;
    size_t nf = 0, start = 0;
    for (size_t i = 0; i <= n && nf < MAX_FIELDS; i++) {
        if (i == n || s[i] == '\t') {
            f[nf++] = ys_arena_strndup(a, s + start, i - start);
            start = i + 1;
        }
    }
    return nf;
}

ys_status ys_template_parse(ys_arena *a, const char *name, const char *text, size_t n, ys_template *out,
                            ys_diags *diags)
{
    memset(out, 0, sizeof *out);
    out->path = ys_arena_strdup(a, name ? name : "");
    size_t start = 0;
    int lineno = 0;
    while (start < n) {
        size_t end = start;
        while (end < n && text[end] != '\n') end++;
        lineno++;
        const char *line = text + start;
        size_t len = end - start;
        start = end + 1;
        if (len == 0 || line[0] == '#' || (len == 1 && line[0] == '\r')) continue;
        char *f[MAX_FIELDS];
        size_t nf = split_fields(a, line, len, f);
        if (nf < 3 || !*f[2]) {
            ys_diags_add(diags, YS_DIAG_WARNING, name, lineno, 0, "表格模板记录字段不足，已忽略");
            continue;
        }
        const char *kind = f[0], *table = f[1];
        const char *key = ys_text_key(a, f[2]);
        ys_tpl_words *w = strcmp(kind, "stub") == 0   ? &out->stub
                          : strcmp(kind, "unit") == 0 ? &out->unit
                          : strcmp(kind, "year") == 0 ? &out->year
                          : strcmp(kind, "dept") == 0 ? &out->dept
                          : strcmp(kind, "page") == 0 ? &out->page
                          : strcmp(kind, "note") == 0 ? &out->note
                                                      : NULL;
        if (w) {
            words_add(a, w, key);
            continue;
        }
        ys_tpl_role role;
        if (strcmp(kind, "title") == 0) role = YS_TPL_GROUP; /* placeholder, handled below */
        else if (strcmp(kind, "seq") == 0) role = YS_TPL_SEQ;
        else if (strcmp(kind, "code") == 0) role = YS_TPL_CODE;
        else if (strcmp(kind, "name") == 0) role = YS_TPL_NAME;
        else if (strcmp(kind, "col") == 0) role = YS_TPL_COL;
        else if (strcmp(kind, "group") == 0) role = YS_TPL_GROUP;
        else {
            ys_diags_add(diags, YS_DIAG_WARNING, name, lineno, 0, "未知的表格模板记录类型“%s”，已忽略", kind);
            continue;
        }
        bool all = strcmp(table, "*") == 0;
        ys_table_id id = all ? YS_TABLE_NONE : ys_table_id_parse(table);
        if (!all && (id < 0 || id >= YS_TABLE__COUNT)) {
            ys_diags_add(diags, YS_DIAG_WARNING, name, lineno, 0, "未知的表格标识“%s”，已忽略", table);
            continue;
        }
        if (strcmp(kind, "title") == 0) {
            if (all) {
                ys_diags_add(diags, YS_DIAG_WARNING, name, lineno, 0, "表名记录必须指明表格，已忽略");
                continue;
            }
            ys_tpl_table *t = &out->tables[id];
            YS_VEC_PUSH(a, t->titles, t->ntitles, t->titles_cap, key);
            continue;
        }
        const char *colkey = "";
        ys_col_kind ck = YS_COL_MONEY;
        if (role == YS_TPL_COL) {
            if (nf < 5 || !*f[3] || !parse_col_kind(f[4], &ck)) {
                ys_diags_add(diags, YS_DIAG_WARNING, name, lineno, 0,
                             "列记录需要列键和类型（money/quantity/label/text），已忽略");
                continue;
            }
            colkey = f[3];
        }
        for (int t = 0; t < YS_TABLE__COUNT; t++)
            if (all || t == (int)id) header_add(a, &out->tables[t], role, key, colkey, ck);
    }
    size_t ntitles = 0;
    for (int t = 0; t < YS_TABLE__COUNT; t++) ntitles += out->tables[t].ntitles;
    if (ntitles == 0) {
        ys_diags_add(diags, YS_DIAG_ERROR, name, 0, 0, "表格模板中没有任何表名记录");
        return YS_ERR_FORMAT;
    }
    return YS_OK;
}

/* ---- the process-wide copy ------------------------------------------------------------------------ */

static pthread_once_t once = PTHREAD_ONCE_INIT;
static ys_template *loaded;        /* NULL when loading failed */
static ys_arena *loaded_arena;     /* owns `loaded`; kept until exit */
static ys_diags load_diags;        /* diagnostics of loading, repeated to every caller */

static void release_loaded(void)
{
    ys_arena_free(loaded_arena);
    loaded_arena = NULL;
    loaded = NULL;
    ys_diags_release(&load_diags);
}

static void load_once(void)
{
    ys_diags_init(&load_diags);
    atexit(release_loaded);   /* freed at exit, so leak checkers see a clean process */
    char path[4096];
    if (!ys_data_path(TEMPLATE_REL, path, sizeof path)) {
        ys_diags_add(&load_diags, YS_DIAG_ERROR, NULL, 0, 0,
                     "找不到表格模板数据文件 %s（数据目录可由环境变量 YUSUAN_DATA 指定）：无法识别公开表格",
                     TEMPLATE_REL);
        return;
    }
    char *bytes = NULL;
    size_t n = 0;
    if (ys_read_file(path, &bytes, &n, &load_diags) != YS_OK) return;
    ys_arena *a = ys_arena_new();
    ys_template *t = ys_arena_alloc(a, sizeof *t);
    if (ys_template_parse(a, path, bytes, n, t, &load_diags) == YS_OK) {
        loaded = t;
        loaded_arena = a;
    } else {
        ys_arena_free(a);
    }
    free(bytes);
}

const ys_template *ys_template_get(ys_diags *diags)
{
    pthread_once(&once, load_once);
    if (diags) {
        for (size_t i = 0; i < load_diags.count; i++) {
            const ys_diag *g = &load_diags.items[i];
            ys_diags_add(diags, g->level, g->file, g->line, g->col, "%s", g->message);
        }
    }
    return loaded;
}
