/*
 * layout.c — loading the template files of derive: data/templates/layout-<id>.tsv (table titles,
 * columns, fixed rows, notes, 目录) and data/templates/text-<id>.tsv (the 情况说明 templates). Both are
 * UTF-8 TSV, one record per line, the first field its type; '#' lines and blank lines are comments.
 * The records are kept as they are; tables.c and narrative.c look them up by type and key.
 */
#include "derive/derive_internal.h"

#include <stdio.h>
#include <string.h>

#include "core/datadir.h"

static void add_record(dv_ctx *c, dv_file *f, char *line, int lineno)
{
    if (f->n == f->cap) {
        size_t nc = f->cap ? f->cap * 2 : 64;
        f->recs = ys_arena_grow(c->tmp, f->recs, f->cap, nc, sizeof *f->recs);
        f->cap = nc;
    }
    dv_rec *r = &f->recs[f->n++];
    memset(r, 0, sizeof *r);
    r->line = lineno;
    char *p = line;
    while (p && r->nf < DV_MAX_FIELDS) {
        char *tab = strchr(p, '\t');
        if (tab && r->nf == DV_MAX_FIELDS - 1) tab = NULL;   /* the last field takes the rest */
        r->f[r->nf++] = tab ? ys_arena_strndup(c->tmp, p, (size_t)(tab - p)) : ys_arena_strdup(c->tmp, p);
        p = tab ? tab + 1 : NULL;
    }
}

ys_status dv_file_load(dv_ctx *c, dv_file *f, const char *prefix)
{
    const char *id = c->b->template_id && *c->b->template_id ? c->b->template_id : "hebei-county-2024";
    /* the id names a file: only letters, digits and '-' (never a path from the book) */
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-')) {
            ys_diags_add(c->diags, YS_DIAG_ERROR, c->b->file, 0, 0, "模板名称“%s”无效：只能含字母、数字和“-”", id);
            return YS_ERR_USAGE;
        }
    char rel[256], buf[4096];
    snprintf(rel, sizeof rel, "templates/%s-%s.tsv", prefix, id);
    const char *path = ys_data_path(rel, buf, sizeof buf);
    if (!path) {
        ys_diags_add(c->diags, YS_DIAG_ERROR, c->b->file, 0, 0, "找不到模板文件 %s", rel);
        return YS_ERR_IO;
    }
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        ys_diags_add(c->diags, YS_DIAG_ERROR, path, 0, 0, "无法读取模板文件");
        return YS_ERR_IO;
    }
    f->path = ys_arena_strdup(c->tmp, path);
    char line[8192];
    int lineno = 0;
    ys_status st = YS_OK;
    while (fgets(line, sizeof line, fp)) {
        lineno++;
        size_t n = strlen(line);
        if (n && line[n - 1] != '\n' && !feof(fp)) {
            ys_diags_add(c->diags, YS_DIAG_ERROR, f->path, lineno, 0, "模板行过长");
            st = YS_ERR_FORMAT;
            int ch;
            while ((ch = fgetc(fp)) != EOF && ch != '\n') {}
            continue;
        }
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = '\0';
        char *s = line;
        if (lineno == 1 && strncmp(s, "\xef\xbb\xbf", 3) == 0) s += 3;
        if (!*s || *s == '#') continue;
        add_record(c, f, s, lineno);
    }
    fclose(fp);
    return st;
}

const dv_rec *dv_find(const dv_file *f, const char *type, const char *key)
{
    for (size_t i = 0; i < f->n; i++) {
        const dv_rec *r = &f->recs[i];
        if (strcmp(r->f[0], type) != 0) continue;
        if (!key || (r->nf > 1 && strcmp(r->f[1], key) == 0)) return r;
    }
    return NULL;
}

const char *dv_field(const dv_rec *r, int i)
{
    return r && i < r->nf && r->f[i] ? r->f[i] : "";
}
