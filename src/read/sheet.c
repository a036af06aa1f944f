/*
 * sheet.c — spreadsheets (XLS through libfreexl, XLSX through read/xlsx.h) as published disclosures:
 * every visible sheet becomes a grid, every grid row one tab-separated line with its origin `Sheet!A7`,
 * and the text reader's stages run over those lines through read/lines.h. See sheet.h for the rules of
 * the grid → lines step (merged cells, displayed decimals, dates, blank line between sheets).
 *
 * The displayed value of an XLSX number is computed on its decimal string (display_number): the digits
 * are rounded half away from zero at the format's decimals, never through a double. XLS numbers come
 * from freexl as doubles; that is the one place a double is unavoidable (see xls_number).
 */
#include "read/sheet.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys/wait.h>

#include <freexl.h>

#include "core/arena.h"
#include "core/text.h"
#include "read/template.h"

/* ---- lines and their origins ----------------------------------------------------------------------- */

typedef struct {
    ys_arena *arena;             /* keys of the cells tested */
    const ys_template *tpl;      /* NULL: no splitting */
} header_words;

typedef struct {
    ys_buf *text;
    header_words hw;
    ys_line_origin *map;
    size_t n, cap;
    size_t sheets;   /* sheets that produced at least one line */
} lines;

static void push_line(lines *L, const char *s, size_t len, const char *where)
{
    if (L->n == L->cap) {
        L->cap = L->cap ? L->cap * 2 : 64;
        L->map = ys_xrealloc(L->map, L->cap * sizeof *L->map);
    }
    ys_line_origin *o = &L->map[L->n++];
    o->line = 0;
    o->page = 0;
    o->where = where ? ys_xstrdup(where) : NULL;
    ys_buf_add(L->text, s, len);
    ys_buf_addc(L->text, '\n');
}

/* A sheet's first line: a blank line first when an earlier sheet wrote lines. */
static void sheet_begin(lines *L, bool *started)
{
    if (*started) return;
    *started = true;
    if (L->sheets++ > 0) push_line(L, "", 0, NULL);
}

/* One row being built: cells at absolute columns, written relative to the sheet's first used column. */
typedef struct {
    size_t off, len;   /* the cell's text in buf */
    char where[300];   /* "Sheet!B7" */
} cell_at;

typedef struct {
    ys_buf buf;
    uint32_t base, cur, last;   /* first and last used column of the sheet; the next column to write */
    bool spans;                 /* a cell of the row is merged across columns (a title, a heading) */
    cell_at *cells;
    size_t n, cap;
} row_acc;

static void row_reset(row_acc *r, uint32_t base, uint32_t last)
{
    ys_buf_reset(&r->buf);
    r->base = r->cur = base;
    r->last = last;
    r->spans = false;
    r->n = 0;
}

static void row_release(row_acc *r)
{
    ys_buf_release(&r->buf);
    free(r->cells);
}

/* Is the display text empty (nothing but spaces)? */
static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ') return false;
    return true;
}

static void row_cell(row_acc *r, const char *sheet, uint32_t row, uint32_t col, const char *s, size_t n)
{
    if (blank(s, n) || col < r->base) return;
    while (r->cur < col) {
        ys_buf_addc(&r->buf, '\t');
        r->cur++;
    }
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->cells = ys_xrealloc(r->cells, r->cap * sizeof *r->cells);
    }
    cell_at *c = &r->cells[r->n++];
    char ref[16];
    ys_xlsx_ref_format(row, col, ref, sizeof ref);
    snprintf(c->where, sizeof c->where, "%s!%s", sheet, ref);
    c->off = r->buf.len;
    /* TAB, CR, LF inside a cell would break the line layout */
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        ys_buf_addc(&r->buf, (ch == '\t' || ch == '\r' || ch == '\n') ? ' ' : ch);
    }
    c->len = r->buf.len - c->off;
}

/* ---- page-header rows ------------------------------------------------------------------------------- */

/*
 * A spreadsheet puts the lines a PDF prints one under the other — "323 赵县…局", "预算年度：2024",
 * "单位：万元" — side by side in one row. The text stages read them as one-cell lines, so a row whose
 * every cell is such a page-header text (two cells at least) is written as one line per cell. The
 * vocabulary is the template's (data/templates/tables.tsv: unit, year, dept and page records).
 */

static bool key_starts(const ys_tpl_words *w, const char *key)
{
    for (size_t i = 0; i < w->n; i++)
        if (strncmp(key, w->keys[i], strlen(w->keys[i])) == 0) return true;
    return false;
}

/* "323 赵县人力资源和社会保障局": a code, one space, a CJK name without sentence punctuation. */
static bool department_line(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    if (i == 0 || i > 12 || i + 1 >= n || s[i] != ' ') return false;
    const unsigned char *u = (const unsigned char *)s + i + 1;
    if (u[0] < 0xE3 || u[0] > 0xE9) return false;   /* a CJK ideograph starts with E3..E9 in UTF-8 */
    for (size_t k = i + 1; k < n; k++)
        if (s[k] == ',' || s[k] == ';' || s[k] == '\t') return false;
    return true;
}

static bool page_header_cell(header_words *hw, const char *s, size_t n)
{
    if (department_line(s, n)) return true;
    char *key = ys_text_key(hw->arena, ys_arena_strndup(hw->arena, s, n));
    if (!key) return false;
    const ys_template *t = hw->tpl;
    return key_starts(&t->unit, key) || key_starts(&t->year, key) || key_starts(&t->dept, key) ||
           key_starts(&t->page, key) || strstr(key, "\xe5\x8d\x95\xe4\xbd\x8d:") /* 单位: */;
}

/* "价值（金额单位：万元）" on a page-header row → "金额单位：万元", the unit line the text stages know. */
static void bracketed_unit(const char *s, size_t *n, const char **out)
{
    static const char unit[] = "\xe5\x8d\x95\xe4\xbd\x8d";   /* 单位 */
    static const char open_w[] = "\xef\xbc\x88", close_w[] = "\xef\xbc\x89";   /* （ ） */
    const char *u = NULL;
    for (size_t i = 0; i + 6 <= *n; i++)
        if (memcmp(s + i, unit, 6) == 0) {
            u = s + i;
            break;
        }
    if (!u) return;
    const char *open = NULL;
    size_t olen = 0;
    for (const char *p = s; p < u; p++) {
        if (*p == '(') open = p, olen = 1;
        else if ((size_t)(u - p) >= 3 && memcmp(p, open_w, 3) == 0) open = p, olen = 3;
    }
    if (!open) return;
    const char *b = open + olen, *end = s + *n;
    for (const char *p = u; p < end; p++)
        if (*p == ')' || ((size_t)(end - p) >= 3 && memcmp(p, close_w, 3) == 0)) {
            *out = b;
            *n = (size_t)(p - b);
            return;
        }
}

static void row_end(row_acc *r, lines *L, bool *started)
{
    header_words *hw = &L->hw;
    if (r->n == 0) return;
    sheet_begin(L, started);
    bool split = hw->tpl && r->n >= 2;
    for (size_t i = 0; i < r->n && split; i++)
        split = page_header_cell(hw, r->buf.data + r->cells[i].off, r->cells[i].len);
    if (split) {
        for (size_t i = 0; i < r->n; i++) {
            const char *s = r->buf.data + r->cells[i].off;
            size_t n = r->cells[i].len;
            bracketed_unit(s, &n, &s);
            push_line(L, s, n, r->cells[i].where);
        }
        return;
    }
    /* a table row keeps the table's width: an empty trailing cell is still a cell ("3、…设备\t\t"); a
     * title or heading merged across the columns stays a one-cell line */
    while ((r->n >= 2 || !r->spans) && r->cur < r->last) {
        ys_buf_addc(&r->buf, '\t');
        r->cur++;
    }
    push_line(L, r->buf.data, r->buf.len, r->cells[0].where);
}

static void lines_init(lines *L, ys_buf *text)
{
    memset(L, 0, sizeof *L);
    L->text = text;
    L->hw.arena = ys_arena_new();
    ys_diags scratch;   /* a missing template is said by the text stages themselves */
    ys_diags_init(&scratch);
    L->hw.tpl = ys_template_get(&scratch);
    ys_diags_release(&scratch);
}

void ys_sheet_map_free(ys_line_origin *map, size_t n)
{
    if (!map) return;
    for (size_t i = 0; i < n; i++) free((char *)map[i].where);
    free(map);
}

/* ---- displayed numbers (decimal string arithmetic) ------------------------------------------------- */

#define MAX_DIGITS 400   /* mantissa digits accepted; longer strings are shown as stored */
#define MAX_EXP 400      /* |exponent| accepted */

/* value = 0.d1 d2 … × 10^point (dig without leading zeros; "" is zero) */
typedef struct {
    bool neg;
    char dig[MAX_DIGITS + 2];
    int len;
    int point;
} decimal;

static bool parse_decimal(const char *s, decimal *d)
{
    memset(d, 0, sizeof *d);
    const char *p = s;
    while (*p == ' ') p++;
    if (*p == '-' || *p == '+') d->neg = (*p++ == '-');
    int intdigits = 0, ndig = 0;
    bool seen_point = false, any = false;
    for (; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            any = true;
            if (d->len == 0 && *p == '0') {   /* a leading zero: shifts the point when after it */
                if (seen_point) d->point--;
                continue;
            }
            if (d->len >= MAX_DIGITS) return false;
            d->dig[d->len++] = *p;
            if (!seen_point) intdigits++;
            ndig++;
        } else if (*p == '.' && !seen_point) {
            seen_point = true;
        } else {
            break;
        }
    }
    if (!any) return false;
    d->point += intdigits;
    if (*p == 'e' || *p == 'E') {
        p++;
        bool eneg = false;
        if (*p == '-' || *p == '+') eneg = (*p++ == '-');
        if (*p < '0' || *p > '9') return false;
        int e = 0;
        for (; *p >= '0' && *p <= '9'; p++) {
            e = e * 10 + (*p - '0');
            if (e > MAX_EXP) return false;
        }
        d->point += eneg ? -e : e;
    }
    while (*p == ' ') p++;
    if (*p) return false;
    if (d->len == 0) d->point = 0;
    if (d->point > MAX_EXP || d->point < -MAX_EXP) return false;
    (void)ndig;
    return true;
}

/* Keep k leading digits, rounding half away from zero. */
static void round_digits(decimal *d, int k)
{
    if (k >= d->len) return;
    if (k < 0) {   /* every kept position is left of the first digit: rounds to zero */
        d->len = 0;
        d->point = 0;
        return;
    }
    bool up = d->dig[k] >= '5';
    d->len = k;
    if (up) {
        int i = k - 1;
        while (i >= 0 && d->dig[i] == '9') d->dig[i--] = '0';
        if (i >= 0) {
            d->dig[i]++;
        } else {   /* 999 → 1000: one more digit in front */
            memmove(d->dig + 1, d->dig, (size_t)d->len);
            d->dig[0] = '1';
            d->len++;
            d->point++;
        }
    }
    while (d->len > 0 && d->dig[d->len - 1] == '0') d->len--;
    if (d->len == 0) d->point = 0;
}

static char digit_at(const decimal *d, int i)   /* i-th digit after the leading "0." */
{
    return (i >= 0 && i < d->len) ? d->dig[i] : '0';
}

static void emit_decimal(const decimal *d, int decimals, ys_buf *out)
{
    if (d->neg && d->len > 0) ys_buf_addc(out, '-');
    if (d->point <= 0) ys_buf_addc(out, '0');
    for (int i = 0; i < d->point; i++) ys_buf_addc(out, digit_at(d, i));
    if (decimals > 0) {
        ys_buf_addc(out, '.');
        for (int i = 0; i < decimals; i++) ys_buf_addc(out, digit_at(d, d->point + i));
    }
}

/* Decimals of a number format: '0', '#', '?' after the '.' of its first section. */
static int format_decimals(const char *code)
{
    if (!code) return -1;
    for (const char *p = code; *p && *p != ';'; p++) {
        if (*p == '"') {
            for (p++; *p && *p != '"'; p++) {}
            if (!*p) break;
        } else if (*p == '\\' || *p == '_' || *p == '*') {
            if (!p[1]) break;
            p++;
        } else if (*p == '[') {
            for (p++; *p && *p != ']'; p++) {}
            if (!*p) break;
        } else if (*p == 'E' || *p == 'e') {
            return -1;   /* scientific: shown as General */
        } else if (*p == '.') {
            int n = 0;
            for (p++; *p == '0' || *p == '#' || *p == '?'; p++) n++;
            return n > 30 ? 30 : n;
        }
    }
    return 0;
}

/* Days since 1970-01-01 → civil date (H. Hinnant's algorithm). */
static void civil_from_days(long z, int *y, unsigned *m, unsigned *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned long doe = (unsigned long)(z - era * 146097);
    unsigned long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = (long)yoe + era * 400;
    unsigned long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned long mp = (5 * doy + 2) / 153;
    *d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
    *m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

/* An Excel 1900-system serial (integer part) as YYYY-MM-DD; false when out of range. */
static bool serial_date(const decimal *v, ys_buf *out)
{
    if (v->neg && v->len > 0) return false;
    long serial = 0;
    for (int i = 0; i < v->point; i++) {
        serial = serial * 10 + (digit_at(v, i) - '0');
        if (serial > 2958465) return false;   /* 9999-12-31 */
    }
    if (serial < 1) return false;
    if (serial == 60) {   /* Excel's phantom 1900-02-29 */
        ys_buf_adds(out, "1900-02-29");
        return true;
    }
    if (serial > 60) serial--;
    /* serial 1 = 1900-01-01 = day -25567 since 1970-01-01 */
    int y;
    unsigned m, d;
    civil_from_days(serial - 25568, &y, &m, &d);
    ys_buf_printf(out, "%04d-%02u-%02u", y, m, d);
    return true;
}

bool ys_sheet_display_number(const char *stored, const char *code, ys_xlsx_fmt cls, ys_buf *out)
{
    decimal v;
    if (!stored || !parse_decimal(stored, &v)) return false;
    if (cls == YS_XLSX_FMT_DATE && serial_date(&v, out)) return true;
    int decimals = (cls == YS_XLSX_FMT_NUMBER || cls == YS_XLSX_FMT_PERCENT) ? format_decimals(code) : -1;
    if (cls == YS_XLSX_FMT_PERCENT) v.point += 2;
    if (decimals < 0) {   /* General: 15 significant digits, no trailing zeros */
        round_digits(&v, 15);
        while (v.len > 0 && v.dig[v.len - 1] == '0') v.len--;
        if (v.len == 0) v.point = 0;
        decimals = v.len > v.point ? v.len - v.point : 0;
    } else {
        round_digits(&v, v.point + decimals);
    }
    emit_decimal(&v, decimals, out);
    if (cls == YS_XLSX_FMT_PERCENT) ys_buf_addc(out, '%');
    return true;
}

/* ---- XLSX ------------------------------------------------------------------------------------------- */

static const char *xlsx_display(const ys_xlsx_cell *c, ys_buf *tmp)
{
    ys_buf_reset(tmp);
    switch (c->kind) {
    case YS_XLSX_EMPTY: return "";
    case YS_XLSX_NUMBER:
        if (ys_sheet_display_number(c->text, c->numfmt, c->fmt, tmp)) return ys_buf_str(tmp);
        return c->text;
    case YS_XLSX_BOOL: return strcmp(c->text, "1") == 0 ? "TRUE" : "FALSE";
    case YS_XLSX_STRING:
        if ((c->flags & YS_XLSX_F_ISODATE) && strlen(c->text) >= 10) {
            ys_buf_add(tmp, c->text, 10);
            return ys_buf_str(tmp);
        }
        return c->text;
    case YS_XLSX_ERROR: return c->text;
    }
    return "";
}

/* Merged ranges active on the current row (covering positions other than their first cell are empty). */
static bool covered(const ys_xlsx_grid *g, const ys_xlsx_cell *c)
{
    if (g->nmerges == 0) return false;
    const ys_xlsx_range *m = ys_xlsx_grid_merge_at(g, c->row, c->col);
    return m && (c->row != m->r0 || c->col != m->c0);
}

static ys_status xlsx_lines(ys_xlsx *wb, lines *L, ys_diags *diags)
{
    ys_buf tmp;
    ys_buf_init(&tmp);
    row_acc r;
    memset(&r, 0, sizeof r);
    ys_buf_init(&r.buf);
    ys_status st = YS_OK;
    size_t n = ys_xlsx_sheet_count(wb);
    for (size_t s = 0; s < n && st == YS_OK; s++) {
        const ys_xlsx_sheet *sh = ys_xlsx_sheet_at(wb, s);
        if (!sh || sh->state != YS_XLSX_VISIBLE || !sh->worksheet) continue;
        const ys_xlsx_grid *g = NULL;
        st = ys_xlsx_read_sheet(wb, s, &g, diags);
        if (st != YS_OK) break;
        /* the first and last used columns: a margin column empty on every row is not a cell */
        uint32_t base = UINT32_MAX, last = 0;
        for (size_t i = 0; i < g->ncells; i++) {
            const ys_xlsx_cell *c = &g->cells[i];
            if ((c->col >= base && c->col <= last) || covered(g, c)) continue;
            const char *t = xlsx_display(c, &tmp);
            if (blank(t, strlen(t))) continue;
            if (c->col < base) base = c->col;
            if (c->col > last) last = c->col;
        }
        if (base == UINT32_MAX) continue;
        bool started = false;
        for (size_t i = 0; i < g->ncells;) {
            uint32_t row = g->cells[i].row;
            row_reset(&r, base, last);
            for (; i < g->ncells && g->cells[i].row == row; i++) {
                const ys_xlsx_cell *c = &g->cells[i];
                if (covered(g, c)) continue;
                const char *t = xlsx_display(c, &tmp);
                const ys_xlsx_range *m = g->nmerges ? ys_xlsx_grid_merge_at(g, c->row, c->col) : NULL;
                if (m && m->c1 > m->c0 && !blank(t, strlen(t))) r.spans = true;
                row_cell(&r, sh->name, row, c->col, t, strlen(t));
            }
            row_end(&r, L, &started);
        }
    }
    row_release(&r);
    ys_buf_release(&tmp);
    return st;
}

/* ---- XLS (freexl) ----------------------------------------------------------------------------------- */

/* The double freexl gives for a BIFF number, as Excel displays it: 15 significant digits. A double is
 * unavoidable here (BIFF stores IEEE doubles and freexl 1.0.x exposes no number formats); the digits
 * printed by "%.15g" are then treated as a decimal string like any XLSX number, and money is parsed from
 * that string by the text stages, never from the double. */
static const char *xls_number(double v, ys_buf *tmp)
{
    char num[64];
    snprintf(num, sizeof num, "%.15g", v);
    ys_buf_reset(tmp);
    if (!ys_sheet_display_number(num, NULL, YS_XLSX_FMT_GENERAL, tmp)) ys_buf_adds(tmp, num);
    return ys_buf_str(tmp);
}

static const char *xls_display(const FreeXL_CellValue *v, ys_buf *tmp)
{
    ys_buf_reset(tmp);
    switch (v->type) {
    case FREEXL_CELL_INT: ys_buf_printf(tmp, "%d", v->value.int_value); return ys_buf_str(tmp);
    case FREEXL_CELL_DOUBLE: return xls_number(v->value.double_value, tmp);
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
    case FREEXL_CELL_TIME: return v->value.text_value ? v->value.text_value : "";
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_DATETIME:
        if (!v->value.text_value) return "";
        ys_buf_add(tmp, v->value.text_value, strnlen(v->value.text_value, 10));
        return ys_buf_str(tmp);
    default: return "";
    }
}

/* An OOXML workbook encrypted with a password is stored in a CFBF container holding "EncryptionInfo". */
static bool cfbf_encrypted_ooxml(const char *path)
{
    static const char name[] = "EncryptionInfo";
    char pat[2 * sizeof name];
    size_t np = 0;
    for (size_t i = 0; name[i]; i++) {
        pat[np++] = name[i];
        pat[np++] = '\0';
    }
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    char buf[65536];
    bool found = false;
    size_t keep = 0, n;
    while (!found && (n = fread(buf + keep, 1, sizeof buf - keep, f)) > 0) {
        size_t have = keep + n;
        for (size_t i = 0; i + np <= have; i++)
            if (memcmp(buf + i, pat, np) == 0) {
                found = true;
                break;
            }
        keep = have < np ? have : np - 1;
        memmove(buf, buf + have - keep, keep);
    }
    fclose(f);
    return found;
}

static ys_status xls_lines(const char *path, lines *L, ys_diags *diags)
{
    const void *h = NULL;
    int rc = freexl_open(path, &h);
    if (rc != FREEXL_OK) {
        if (h) freexl_close(h);
        if (cfbf_encrypted_ooxml(path)) {
            ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "工作簿已加密（设有打开密码），无法读取：请先取消密码再另存为 XLSX 或 XLS");
            return YS_ERR_FORMAT;
        }
        if (rc == FREEXL_FILE_NOT_FOUND) {
            ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "无法打开文件");
            return YS_ERR_IO;
        }
        if (rc == FREEXL_INSUFFICIENT_MEMORY) return YS_ERR_NOMEM;
        ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "不是可读取的 XLS 工作簿：文件损坏或格式不受支持（freexl 错误 %d）", rc);
        return YS_ERR_FORMAT;
    }
    unsigned int info = 0;
    if (freexl_get_info(h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK && info == FREEXL_BIFF_OBFUSCATED) {
        freexl_close(h);
        ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "工作簿已加密（设有打开密码），无法读取：请先取消密码再另存");
        return YS_ERR_FORMAT;
    }
    unsigned int nsheets = 0;
    if (freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &nsheets) != FREEXL_OK) nsheets = 0;
    ys_buf tmp;
    ys_buf_init(&tmp);
    row_acc r;
    memset(&r, 0, sizeof r);
    ys_buf_init(&r.buf);
    ys_status st = YS_OK;
    for (unsigned s = 0; s < nsheets && s <= 0xFFFFu && st == YS_OK; s++) {
        const char *name = NULL;
        char fallback[32];
        if (freexl_get_worksheet_name(h, (unsigned short)s, &name) != FREEXL_OK || !name) {
            snprintf(fallback, sizeof fallback, "Sheet%u", s + 1);
            name = fallback;
        }
        unsigned int rows = 0;
        unsigned short cols = 0;
        if (freexl_select_active_worksheet(h, (unsigned short)s) != FREEXL_OK ||
            freexl_worksheet_dimensions(h, &rows, &cols) != FREEXL_OK) {
            ys_diags_add_at(diags, YS_DIAG_ERROR, path, name, "工作表“%s”无法读取", name);
            st = YS_ERR_FORMAT;
            break;
        }
        if ((size_t)rows * cols > YS_SHEET_XLS_MAX_SPAN) {
            ys_diags_add_at(diags, YS_DIAG_ERROR, path, name, "工作表“%s”过大：%u 行 × %u 列（上限 %zu 个单元格）", name,
                            rows, (unsigned)cols, YS_SHEET_XLS_MAX_SPAN);
            st = YS_ERR_RANGE;
            break;
        }
        uint32_t base = UINT32_MAX, last = 0;
        for (unsigned row = 0; row < rows; row++)
            for (unsigned short col = 0; col < cols; col++) {
                if (col >= base && col <= last) continue;
                FreeXL_CellValue v;
                if (freexl_get_cell_value(h, row, col, &v) != FREEXL_OK) continue;
                const char *t = xls_display(&v, &tmp);
                if (blank(t, strlen(t))) continue;
                if (col < base) base = col;
                if (col > last) last = col;
            }
        if (base == UINT32_MAX) continue;
        bool started = false;
        for (unsigned row = 0; row < rows; row++) {
            row_reset(&r, base, last);
            r.spans = true;   /* freexl gives no merged ranges: a one-cell row stays a one-cell line */
            for (unsigned short col = (unsigned short)base; col < cols; col++) {
                FreeXL_CellValue v;
                if (freexl_get_cell_value(h, row, col, &v) != FREEXL_OK) continue;
                const char *t = xls_display(&v, &tmp);
                row_cell(&r, name, row, col, t, strlen(t));
            }
            row_end(&r, L, &started);
        }
    }
    row_release(&r);
    ys_buf_release(&tmp);
    freexl_close(h);
    return st;
}

/* ---- entry points ----------------------------------------------------------------------------------- */

ys_sheet_format ys_sheet_detect(const void *head, size_t n)
{
    static const unsigned char cfbf[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    if (n >= 8 && memcmp(head, cfbf, 8) == 0) return YS_SHEET_XLS;
    if (n >= 4 && memcmp(head, "PK\x03\x04", 4) == 0) return YS_SHEET_XLSX;
    return YS_SHEET_NONE;
}

/*
 * libfreexl can crash (SEGV) on some malformed .xls files (found by fuzz_xls). Everything in a document is
 * untrusted and a bad file must give a message, never a crash: parse it once in a child process first;
 * when the child dies of a signal, the file is refused. freexl's parsing is deterministic, so a file that
 * the child read is safe for the parent to read.
 */
static bool xls_survives(const char *path, ys_diags *diags)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) return true;   /* cannot isolate: read it in process, as before */
    if (pid == 0) {
        ys_buf text = YS_BUF_INIT;
        ys_diags scratch;
        ys_diags_init(&scratch);
        lines L;
        lines_init(&L, &text);
        (void)xls_lines(path, &L, &scratch);
        _exit(0);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    /* a signal, or a non-zero exit (a sanitizer reports a crash and exits with status 1) */
    if (WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) != 0)) {
        ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "XLS 工作簿已损坏，无法读取（解析库在读取时出错）");
        return false;
    }
    return true;
}

static ys_status file_lines(const char *path, lines *L, ys_diags *diags)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "无法打开文件");
        return YS_ERR_IO;
    }
    unsigned char head[8];
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    switch (ys_sheet_detect(head, n)) {
    case YS_SHEET_XLS:
        if (!xls_survives(path, diags)) return YS_ERR_FORMAT;
        return xls_lines(path, L, diags);
    case YS_SHEET_XLSX: {
        ys_xlsx *wb = NULL;
        ys_status st = ys_xlsx_open_file(path, &wb, diags);
        if (st != YS_OK) return st;
        st = xlsx_lines(wb, L, diags);
        ys_xlsx_free(wb);
        return st;
    }
    case YS_SHEET_NONE: break;
    }
    ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0,
                 "不是 XLS 或 XLSX 工作簿（文件头既不是 OLE 复合文档 D0 CF 11 E0，也不是 ZIP）");
    return YS_ERR_FORMAT;
}

ys_status ys_sheet_lines_file(const char *path, ys_buf *text, ys_line_origin **map, size_t *nmap,
                              ys_diags *diags)
{
    lines L;
    lines_init(&L, text);
    ys_status st = file_lines(path, &L, diags);
    *map = L.map;
    *nmap = L.n;
    ys_arena_free(L.hw.arena);
    return st;
}

/* Notes for the recognised tables that hold no amount (empty templates): said, never filled. */
static void note_empty_tables(const ys_disclosure *d, const char *name, ys_diags *diags)
{
    for (int t = 0; t < YS_TABLE__COUNT; t++) {
        const ys_table *tb = d->tables[t];
        if (!tb || t == YS_TABLE_ORGANISATION) continue;   /* a table of names, never of amounts */
        bool any = false;
        for (size_t i = 0; i < tb->nrows && !any; i++)
            for (size_t c = 0; c < tb->ncols && !any; c++) {
                ys_cell_kind k = tb->rows[i].cells[c].kind;
                any = k == YS_CELL_MONEY || k == YS_CELL_QUANTITY;
            }
        if (any) continue;
        ys_diags_add_at(diags, YS_DIAG_NOTE, name, tb->src.where, "已识别%s（%s），表中没有金额（空表）",
                        ys_table_id_title(tb->id), tb->title ? tb->title : "");
    }
}

static ys_status lines_to_disclosure(const char *name, lines *L, ys_status st, ys_disclosure **out,
                                     ys_diags *diags)
{
    if (st == YS_OK && L->n == 0) {
        ys_diags_add(diags, YS_DIAG_ERROR, name, 0, 0, "工作簿中没有任何单元格内容");
        st = YS_ERR_FORMAT;
    }
    if (st == YS_OK) {
        st = ys_read_lines(name, L->text->data, L->text->len, L->map, L->n, out, diags);
        if (st == YS_OK) note_empty_tables(*out, name, diags);
    }
    ys_sheet_map_free(L->map, L->n);
    ys_arena_free(L->hw.arena);
    return st;
}

ys_status ys_read_sheet_file(const char *path, ys_disclosure **out, ys_diags *diags)
{
    *out = NULL;
    ys_buf text;
    ys_buf_init(&text);
    lines L;
    lines_init(&L, &text);
    ys_status st = file_lines(path, &L, diags);
    st = lines_to_disclosure(path, &L, st, out, diags);
    ys_buf_release(&text);
    return st;
}

ys_status ys_read_sheet_xlsx_mem(const char *name, const void *bytes, size_t n, ys_disclosure **out,
                                 ys_diags *diags)
{
    *out = NULL;
    ys_xlsx *wb = NULL;
    ys_status st = ys_xlsx_open_mem(name, bytes, n, &wb, diags);
    if (st != YS_OK) return st;
    ys_buf text;
    ys_buf_init(&text);
    lines L;
    lines_init(&L, &text);
    st = xlsx_lines(wb, &L, diags);
    ys_xlsx_free(wb);
    st = lines_to_disclosure(name, &L, st, out, diags);
    ys_buf_release(&text);
    return st;
}
