/*
 * catalog.c — classification code lists (政府收支分类科目) loaded from TSV data files (see catalog.h).
 *
 * Each classification keeps a sorted array of entries (binary search by code); a later load of the same
 * classification merges into it, a code read again replacing the older entry (so a user's complete
 * official edition can be loaded over the bundled partial lists). Names are normalised once at load
 * (core/text.h) and compared by key, so wrapped names and bracket widths do not matter. Aliases (older
 * names of renamed codes) are one flat list: there are few.
 *
 * Data format: UTF-8, LF (CR tolerated), `#` comment lines ("# edition: 2024" sets the edition year
 * when the caller passes 0), a header `code<TAB>name<TAB>level`, then one code per line; level is 类/款/项
 * or 1/2/3 or empty (taken from the code length). A bad line is a diagnostic with file:line and is
 * skipped; the load then returns YS_ERR_FORMAT with the good lines kept.
 */
#include "catalog/catalog.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/datadir.h"
#include "core/syserr.h"
#include "core/text.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    ys_catalog_entry *items;   /* sorted by code after each load */
    size_t count, cap;
    bool complete;
    int edition;
} code_list;

typedef struct {
    const char *code, *alias, *current, *note;
} alias_row;

struct ys_catalog {
    ys_arena *arena;           /* owned: every string */
    code_list lists[YS_CLASS__COUNT];
    alias_row *aliases;
    size_t naliases, aliases_cap;
};

ys_catalog *ys_catalog_new(void)
{
    ys_catalog *c = ys_xcalloc(1, sizeof *c);
    c->arena = ys_arena_new();
    return c;
}

void ys_catalog_free(ys_catalog *c)
{
    if (!c) return;
    ys_arena_free(c->arena);
    free(c);
}

/* ---- reading lines ----------------------------------------------------------------------------- */

/* Split line (modified in place) at tabs into at most max fields; returns the count. */
static size_t split_tabs(char *line, char **fields, size_t max)
{
    size_t n = 0;
    char *p = line;
    while (n < max) {
        fields[n++] = p;
        char *tab = strchr(p, '\t');
        if (!tab) break;
        *tab = '\0';
        p = tab + 1;
    }
    return n;
}

static void chomp(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r')) s[--n] = '\0';
}

static bool all_digits(const char *s)
{
    if (!*s) return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9') return false;
    return true;
}

/* "# edition: 2024" → 2024; 0 when the comment is something else. */
static int edition_comment(const char *line)
{
    const char *p = line + 1;
    while (*p == ' ' || *p == '\t') p++;
    if (strncmp(p, "edition", 7) != 0) return 0;
    p += 7;
    while (*p == ' ' || *p == '\t' || *p == ':') p++;
    char *end;
    long y = strtol(p, &end, 10);
    return (end != p && y >= 1900 && y <= 9999) ? (int)y : 0;
}

static int parse_level(const char *s, const char *code)
{
    if (!*s) {
        size_t n = strlen(code);
        return n == 3 ? 1 : n == 5 ? 2 : n == 7 ? 3 : 0;
    }
    if (strcmp(s, "类") == 0 || strcmp(s, "1") == 0) return 1;
    if (strcmp(s, "款") == 0 || strcmp(s, "2") == 0) return 2;
    if (strcmp(s, "项") == 0 || strcmp(s, "3") == 0) return 3;
    return 0;
}

static int cmp_entry(const void *a, const void *b)
{
    const ys_catalog_entry *x = a, *y = b;
    return strcmp(x->code, y->code);
}

/* Sort and drop duplicates, the entry added last winning (entries carry their insertion order in
 * `order` so the sort can be made stable). */
typedef struct {
    ys_catalog_entry e;
    size_t order;
} ordered_entry;

static int cmp_ordered(const void *a, const void *b)
{
    const ordered_entry *x = a, *y = b;
    int c = strcmp(x->e.code, y->e.code);
    if (c) return c;
    return x->order < y->order ? -1 : x->order > y->order;
}

static void list_sort_unique(code_list *l)
{
    if (l->count < 2) return;
    ordered_entry *tmp = ys_xmalloc(l->count * sizeof *tmp);
    for (size_t i = 0; i < l->count; i++) tmp[i].e = l->items[i], tmp[i].order = i;
    qsort(tmp, l->count, sizeof *tmp, cmp_ordered);
    size_t n = 0;
    for (size_t i = 0; i < l->count; i++) {
        if (i + 1 < l->count && strcmp(tmp[i].e.code, tmp[i + 1].e.code) == 0) continue; /* later wins */
        l->items[n++] = tmp[i].e;
    }
    l->count = n;
    free(tmp);
}

static FILE *open_data(const char *path, ys_diags *diags)
{
    FILE *f = fopen(path, "r");
    if (!f) ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "无法读取分类科目文件：%s", ys_syserr_text(errno));
    return f;
}

/* ---- loading ------------------------------------------------------------------------------------ */

ys_status ys_catalog_load(ys_catalog *c, ys_classification cls, const char *path, int edition, bool complete,
                          ys_diags *diags)
{
    if (!c || cls < 0 || cls >= YS_CLASS__COUNT || !path) return YS_ERR_USAGE;
    FILE *f = open_data(path, diags);
    if (!f) return YS_ERR_IO;
    code_list *l = &c->lists[cls];
    char *line = NULL;
    size_t cap = 0;
    int lineno = 0, file_edition = 0;
    bool header_seen = false, bad = false;
    size_t first = l->count;
    while (getline(&line, &cap, f) != -1) {
        lineno++;
        chomp(line);
        if (lineno == 1 && strncmp(line, "\xEF\xBB\xBF", 3) == 0) memmove(line, line + 3, strlen(line + 3) + 1);
        if (line[0] == '#') {
            int y = edition_comment(line);
            if (y) file_edition = y;
            continue;
        }
        if (!line[0]) continue;
        char *fld[4];
        size_t nf = split_tabs(line, fld, 4);
        if (!header_seen) {
            header_seen = true;
            if (strcmp(fld[0], "code") == 0) continue;   /* the header */
        }
        if (nf < 2) {
            ys_diags_add(diags, YS_DIAG_ERROR, path, lineno, 0, "分类科目行应为“编码<TAB>名称<TAB>级次”，此行只有 %zu 栏", nf);
            bad = true;
            continue;
        }
        if (!all_digits(fld[0])) {
            ys_diags_add(diags, YS_DIAG_ERROR, path, lineno, 1, "科目编码“%s”不是数字", fld[0]);
            bad = true;
            continue;
        }
        char *name = ys_text_normalize(c->arena, fld[1], strlen(fld[1]));
        if (!*name) {
            ys_diags_add(diags, YS_DIAG_ERROR, path, lineno, 0, "科目 %s 没有名称", fld[0]);
            bad = true;
            continue;
        }
        int level = parse_level(nf > 2 ? fld[2] : "", fld[0]);
        if (level == 0) {
            ys_diags_add(diags, YS_DIAG_ERROR, path, lineno, 0, "科目 %s 的级次“%s”无法识别（应为 类/款/项）", fld[0],
                         nf > 2 ? fld[2] : "");
            bad = true;
            continue;
        }
        ys_catalog_entry e;
        e.code = ys_arena_strdup(c->arena, fld[0]);
        e.name = name;
        e.level = level;
        e.edition = 0;   /* set below, once the edition is known */
        YS_VEC_PUSH(c->arena, l->items, l->count, l->cap, e);
    }
    free(line);
    bool read_error = ferror(f) != 0;
    fclose(f);
    if (read_error) {
        ys_diags_add(diags, YS_DIAG_ERROR, path, lineno, 0, "读取分类科目文件出错");
        return YS_ERR_IO;
    }
    int ed = edition ? edition : file_edition;
    for (size_t i = first; i < l->count; i++) l->items[i].edition = ed;
    if (ed) l->edition = ed;
    if (complete) l->complete = true;
    list_sort_unique(l);
    return bad ? YS_ERR_FORMAT : YS_OK;
}

ys_status ys_catalog_load_aliases(ys_catalog *c, const char *path, ys_diags *diags)
{
    if (!c || !path) return YS_ERR_USAGE;
    FILE *f = open_data(path, diags);
    if (!f) return YS_ERR_IO;
    char *line = NULL;
    size_t cap = 0;
    int lineno = 0;
    bool header_seen = false, bad = false;
    while (getline(&line, &cap, f) != -1) {
        lineno++;
        chomp(line);
        if (lineno == 1 && strncmp(line, "\xEF\xBB\xBF", 3) == 0) memmove(line, line + 3, strlen(line + 3) + 1);
        if (!line[0] || line[0] == '#') continue;
        char *fld[4];
        size_t nf = split_tabs(line, fld, 4);
        if (!header_seen) {
            header_seen = true;
            if (strcmp(fld[0], "code") == 0) continue;
        }
        if (nf < 3 || !all_digits(fld[0]) || !fld[1][0] || !fld[2][0]) {
            ys_diags_add(diags, YS_DIAG_ERROR, path, lineno, 0,
                         "别名行应为“编码<TAB>旧名称<TAB>现名称<TAB>说明”，编码为数字且名称非空");
            bad = true;
            continue;
        }
        alias_row a;
        a.code = ys_arena_strdup(c->arena, fld[0]);
        a.alias = ys_text_normalize(c->arena, fld[1], strlen(fld[1]));
        a.current = ys_text_normalize(c->arena, fld[2], strlen(fld[2]));
        a.note = ys_arena_strdup(c->arena, nf > 3 ? fld[3] : "");
        YS_VEC_PUSH(c->arena, c->aliases, c->naliases, c->aliases_cap, a);
    }
    free(line);
    bool read_error = ferror(f) != 0;
    fclose(f);
    if (read_error) return YS_ERR_IO;
    return bad ? YS_ERR_FORMAT : YS_OK;
}

ys_status ys_catalog_load_default(ys_catalog *c, ys_diags *diags)
{
    static const struct {
        ys_classification cls;
        const char *rel;
    } files[] = {
        {YS_CLASS_FUNCTION, "catalog/function-codes.tsv"},
        {YS_CLASS_ECONOMIC, "catalog/economic-codes.tsv"},
        {YS_CLASS_GOV_ECONOMIC, "catalog/gov-economic-codes.tsv"},
    };
    ys_status worst = YS_OK;
    char path[PATH_MAX];
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        if (!ys_data_path(files[i].rel, path, sizeof path)) {
            ys_diags_add(diags, YS_DIAG_ERROR, files[i].rel, 0, 0, "找不到分类科目文件（可用环境变量 YUSUAN_DATA 指定数据目录）");
            worst = YS_ERR_IO;
            continue;
        }
        ys_status st = ys_catalog_load(c, files[i].cls, path, 0, false, diags);
        if (st != YS_OK && worst == YS_OK) worst = st;
    }
    if (ys_data_path("catalog/name-aliases.tsv", path, sizeof path)) {
        ys_status st = ys_catalog_load_aliases(c, path, diags);
        if (st != YS_OK && worst == YS_OK) worst = st;
    }
    return worst;
}

/* ---- queries ------------------------------------------------------------------------------------ */

const ys_catalog_entry *ys_catalog_lookup(const ys_catalog *c, ys_classification cls, const char *code)
{
    if (!c || cls < 0 || cls >= YS_CLASS__COUNT || !code || !*code) return NULL;
    const code_list *l = &c->lists[cls];
    if (!l->count) return NULL;
    ys_catalog_entry key = {code, NULL, 0, 0};
    return bsearch(&key, l->items, l->count, sizeof *l->items, cmp_entry);
}

bool ys_catalog_complete(const ys_catalog *c, ys_classification cls)
{
    return c && cls >= 0 && cls < YS_CLASS__COUNT && c->lists[cls].complete;
}

size_t ys_catalog_size(const ys_catalog *c, ys_classification cls)
{
    return (c && cls >= 0 && cls < YS_CLASS__COUNT) ? c->lists[cls].count : 0;
}

int ys_catalog_edition(const ys_catalog *c, ys_classification cls)
{
    return (c && cls >= 0 && cls < YS_CLASS__COUNT) ? c->lists[cls].edition : 0;
}

/* True when the key of `name` is a proper prefix of the key of `full`, at least two characters long
 * (one character says nothing about which name was meant). */
static bool is_truncation(const char *name, const char *full)
{
    ys_arena *a = ys_arena_new();
    const char *kn = ys_text_key(a, name), *kf = ys_text_key(a, full);
    size_t ln = strlen(kn), lf = strlen(kf);
    bool r = ln > 0 && ln < lf && strncmp(kn, kf, ln) == 0 && ys_utf8_len(kn) >= 2;
    ys_arena_free(a);
    return r;
}

ys_name_check ys_catalog_check_name(const ys_catalog *c, ys_classification cls, const char *code,
                                    const char *name, const char **canonical)
{
    if (canonical) *canonical = NULL;
    const ys_catalog_entry *e = ys_catalog_lookup(c, cls, code);
    if (!e) return YS_NAME_UNKNOWN_CODE;
    if (canonical) *canonical = e->name;
    if (!name) name = "";
    if (ys_text_same(name, e->name)) return YS_NAME_MATCH;
    for (size_t i = 0; i < c->naliases; i++)
        if (strcmp(c->aliases[i].code, code) == 0 && ys_text_same(name, c->aliases[i].alias)) return YS_NAME_ALIAS;
    if (is_truncation(name, e->name)) return YS_NAME_TRUNCATED;
    for (size_t i = 0; i < c->naliases; i++)
        if (strcmp(c->aliases[i].code, code) == 0 && is_truncation(name, c->aliases[i].alias)) return YS_NAME_ALIAS;
    return YS_NAME_MISMATCH;
}
