/*
 * xlsx.c — the OOXML (XLSX) workbook reader (see xlsx.h): libzip opens the package, expat parses each
 * part streaming (namespaces off; element and attribute prefixes are ignored), and everything lands in
 * the workbook's arena.
 *
 * Order of work: open → package relationships (_rels/.rels) → workbook part and its relationships →
 * shared strings → styles; sheets are read on demand, one streaming pass each. All input is untrusted:
 * parts are capped in uncompressed size, sheets in cells, DTDs are refused, relationship targets must
 * stay in the workbook's folder, and numbers are never converted (the stored decimal string is kept).
 */
#include "read/xlsx.h"

#include <expat.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "core/arena.h"
#include "core/buf.h"

/* ==== the workbook ================================================================================ */

typedef struct {
    int numfmt_id;
    const char *code;      /* arena or static; NULL when unknown */
    ys_xlsx_fmt fmt;
} xf_info;

typedef struct {
    int id;
    const char *code;      /* arena */
} numfmt_def;

struct ys_xlsx {
    ys_arena *arena;
    zip_t *zip;
    const char *name;              /* arena */
    size_t max_part, max_cells;
    const char *wb_part;           /* "xl/workbook.xml" (arena) */
    const char *wb_dir;            /* "xl/" (arena) */
    ys_xlsx_sheet *sheets;
    size_t nsheets, capsheets;
    const ys_xlsx_grid **grids;    /* cache, one per sheet */
    const char **sst;              /* shared strings (arena) */
    size_t nsst, capsst;
    xf_info *xfs;                  /* cellXfs in order (arena) */
    size_t nxfs;
};

/* ==== small helpers =============================================================================== */

#define CHUNK (64 * 1024)

/* Local part of a prefixed XML name ("x:c" -> "c"). */
static const char *local(const char *name)
{
    const char *c = strrchr(name, ':');
    return c ? c + 1 : name;
}

static bool is(const char *name, const char *lname)
{
    return strcmp(local(name), lname) == 0;
}

/* Attribute by local name; namespace declarations are skipped. */
static const char *attr(const char **atts, const char *lname)
{
    for (size_t i = 0; atts[i]; i += 2) {
        if (strncmp(atts[i], "xmlns", 5) == 0 && (atts[i][5] == '\0' || atts[i][5] == ':')) continue;
        if (strcmp(local(atts[i]), lname) == 0) return atts[i + 1];
    }
    return NULL;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Decimal digits only, no sign, value <= max. */
static bool parse_index(const char *s, size_t max, size_t *out)
{
    if (!s || !*s) return false;
    size_t v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9') return false;
        size_t d = (size_t)(*p - '0');
        if (v > (max - d) / 10) return false;
        v = v * 10 + d;
    }
    *out = v;
    return true;
}

/* A location string safe to show: printable ASCII of untrusted text, truncated. */
static void safe_copy(char *dst, size_t dstsz, const char *s)
{
    size_t j = 0;
    for (size_t i = 0; s[i] && j + 1 < dstsz && i < 32; i++) {
        unsigned char c = (unsigned char)s[i];
        dst[j++] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
    }
    dst[j] = '\0';
}

static void diag_at(ys_diags *d, ys_diag_level lv, const char *file, const char *where, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
static void diag_at(ys_diags *d, ys_diag_level lv, const char *file, const char *where, const char *fmt, ...)
{
    ys_buf b = YS_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    ys_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    ys_diags_add_at(d, lv, file, where, "%s", ys_buf_str(&b));
    ys_buf_release(&b);
}

/* Append code point cp as UTF-8. */
static void add_utf8(ys_buf *b, unsigned cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    }
    ys_buf_add(b, u, n);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/*
 * Arena copy of an OOXML string with its `_xHHHH_` escapes decoded (Excel stores control characters,
 * such as the CR of a line break, as `_x000D_`, and a literal "_x" as `_x005F_x`). Escapes of NUL and of
 * surrogates are kept literally.
 */
static const char *xstring(ys_arena *a, const char *s, size_t n)
{
    if (!memchr(s, '_', n)) return ys_arena_strndup(a, s, n);
    ys_buf b = YS_BUF_INIT;
    size_t i = 0;
    while (i < n) {
        if (s[i] == '_' && i + 7 <= n && s[i + 1] == 'x' && s[i + 6] == '_') {
            int h0 = hexval(s[i + 2]), h1 = hexval(s[i + 3]), h2 = hexval(s[i + 4]), h3 = hexval(s[i + 5]);
            if (h0 >= 0 && h1 >= 0 && h2 >= 0 && h3 >= 0) {
                unsigned cp = (unsigned)(h0 << 12 | h1 << 8 | h2 << 4 | h3);
                if (cp != 0 && (cp < 0xD800 || cp > 0xDFFF)) {
                    add_utf8(&b, cp);
                    i += 7;
                    continue;
                }
            }
        }
        ys_buf_addc(&b, s[i]);
        i++;
    }
    const char *r = ys_arena_strndup(a, b.data ? b.data : "", b.len);
    ys_buf_release(&b);
    return r;
}

/* ==== cell references and number formats ========================================================== */

bool ys_xlsx_ref_parse(const char *ref, uint32_t *row, uint32_t *col)
{
    if (!ref) return false;
    const char *p = ref;
    if (*p == '$') p++;
    uint32_t c = 0;
    int letters = 0;
    while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
        if (++letters > 3) return false;
        int v = (*p >= 'a' ? *p - 'a' : *p - 'A') + 1;
        c = c * 26 + (uint32_t)v;
        p++;
    }
    if (letters == 0 || c > YS_XLSX_MAX_COLS) return false;
    if (*p == '$') p++;
    uint32_t r = 0;
    int digits = 0;
    while (*p >= '0' && *p <= '9') {
        if (++digits > 7) return false;
        r = r * 10 + (uint32_t)(*p - '0');
        p++;
    }
    if (digits == 0 || *p != '\0' || r < 1 || r > YS_XLSX_MAX_ROWS) return false;
    *row = r - 1;
    *col = c - 1;
    return true;
}

char *ys_xlsx_ref_format(uint32_t row, uint32_t col, char *buf, size_t bufsz)
{
    char letters[8];
    int n = 0;
    uint32_t c = col + 1;
    while (c > 0 && n < 7) {
        c--;
        letters[n++] = (char)('A' + c % 26);
        c /= 26;
    }
    char rev[8];
    for (int i = 0; i < n; i++) rev[i] = letters[n - 1 - i];
    rev[n] = '\0';
    snprintf(buf, bufsz, "%s%lu", rev, (unsigned long)row + 1);
    return buf;
}

/* Built-in number formats (ECMA-376 §18.8.30; ids 27–36 and 50–58 as in the zh-CN locale). */
static const char *builtin_code(int id)
{
    switch (id) {
    case 0: return "General";
    case 1: return "0";
    case 2: return "0.00";
    case 3: return "#,##0";
    case 4: return "#,##0.00";
    case 9: return "0%";
    case 10: return "0.00%";
    case 11: return "0.00E+00";
    case 12: return "# ?/?";
    case 13: return "# ?\?/?\?";
    case 14: return "yyyy/m/d";
    case 15: return "d-mmm-yy";
    case 16: return "d-mmm";
    case 17: return "mmm-yy";
    case 18: return "h:mm AM/PM";
    case 19: return "h:mm:ss AM/PM";
    case 20: return "h:mm";
    case 21: return "h:mm:ss";
    case 22: return "yyyy/m/d h:mm";
    case 27: case 36: case 50: case 57: return "yyyy\"年\"m\"月\"";
    case 28: case 29: case 51: case 53: case 54: case 58: return "m\"月\"d\"日\"";
    case 30: return "m-d-yy";
    case 31: return "yyyy\"年\"m\"月\"d\"日\"";
    case 32: return "h\"时\"mm\"分\"";
    case 33: return "h\"时\"mm\"分\"ss\"秒\"";
    case 34: case 55: return "上午/下午h\"时\"mm\"分\"";
    case 35: case 56: return "上午/下午h\"时\"mm\"分\"ss\"秒\"";
    case 37: return "#,##0 ;(#,##0)";
    case 38: return "#,##0 ;[Red](#,##0)";
    case 39: return "#,##0.00;(#,##0.00)";
    case 40: return "#,##0.00;[Red](#,##0.00)";
    case 45: return "mm:ss";
    case 46: return "[h]:mm:ss";
    case 47: return "mmss.0";
    case 48: return "##0.0E+0";
    case 49: return "@";
    case 52: return "yyyy\"年\"m\"月\"";
    default: return NULL;
    }
}

ys_xlsx_fmt ys_xlsx_fmt_classify(int id, const char *code)
{
    if (!code) {
        if (id == 9 || id == 10) return YS_XLSX_FMT_PERCENT;
        if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58))
            return YS_XLSX_FMT_DATE;
        if (id == 49) return YS_XLSX_FMT_TEXT;
        if ((id >= 1 && id <= 8) || (id >= 11 && id <= 13) || (id >= 37 && id <= 44) || id == 48)
            return YS_XLSX_FMT_NUMBER;
        return YS_XLSX_FMT_GENERAL;
    }
    bool date = false, pct = false, text = false, general = false, digit = false;
    for (const char *p = code; *p; p++) {
        char c = *p;
        if (c == '"') {                              /* quoted literal */
            p++;
            while (*p && *p != '"') p++;
            if (!*p) break;
            continue;
        }
        if (c == '\\' || c == '_' || c == '*') {     /* escaped char, padding, fill: skip the next char */
            if (p[1]) p++;
            continue;
        }
        if (c == '[') {                              /* [Red], [$-804], [>=100], or elapsed [h] [mm] [ss] */
            const char *q = p + 1;
            char lc = (char)(*q | 0x20);
            if (lc == 'h' || lc == 'm' || lc == 's') date = true;
            while (*q && *q != ']') q++;
            if (!*q) break;
            p = q;
            continue;
        }
        if (strncmp(p, "General", 7) == 0 || strncmp(p, "general", 7) == 0 || strncmp(p, "GENERAL", 7) == 0) {
            general = true;
            p += 6;
            continue;
        }
        char lc = (char)(c | 0x20);
        if ((lc == 'e') && (p[1] == '+' || p[1] == '-')) {   /* scientific */
            p++;
            continue;
        }
        if (c == '%') pct = true;
        else if (c == '@') text = true;
        else if (c == '0' || c == '#' || c == '?') digit = true;
        else if (lc == 'y' || lc == 'm' || lc == 'd' || lc == 'h' || lc == 's' || lc == 'e' || lc == 'b' || lc == 'g')
            date = true;
    }
    if (date) return YS_XLSX_FMT_DATE;
    if (pct) return YS_XLSX_FMT_PERCENT;
    if (text) return YS_XLSX_FMT_TEXT;
    if (digit) return YS_XLSX_FMT_NUMBER;
    (void)general;
    return YS_XLSX_FMT_GENERAL;
}

/* ==== streaming a part through expat ============================================================== */

typedef struct {
    XML_Parser p;
    ys_xlsx *wb;
    ys_diags *diags;
    const char *part;
    size_t max_part;
    ys_status st;        /* set by a handler that stopped the parse */
    bool stopped;
    ys_buf *cap;         /* where character data goes, or NULL */
} xparse;

static void xwhere(xparse *x, char *buf, size_t bufsz)
{
    snprintf(buf, bufsz, "%s:%lu:%lu", x->part, (unsigned long)XML_GetCurrentLineNumber(x->p),
             (unsigned long)XML_GetCurrentColumnNumber(x->p) + 1);
}

static void stop(xparse *x, ys_status st)
{
    if (!x->stopped) {
        x->stopped = true;
        x->st = st;
        XML_StopParser(x->p, XML_FALSE);
    }
}

static void on_text(void *ud, const XML_Char *s, int len)
{
    xparse *x = ud;
    if (x->cap && !x->stopped && len > 0) ys_buf_add(x->cap, s, (size_t)len);
}

static void on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid, int internal)
{
    (void)name, (void)sysid, (void)pubid, (void)internal;
    xparse *x = ud;
    if (x->stopped) return;
    char where[512];
    xwhere(x, where, sizeof where);
    diag_at(x->diags, YS_DIAG_ERROR, x->wb->name, where, "XLSX 部件含 DOCTYPE 声明，拒绝读取（OOXML 不使用 DTD）");
    stop(x, YS_ERR_FORMAT);
}

static ys_status zip_failure(ys_xlsx *wb, ys_diags *diags, const char *part, const char *what)
{
    diag_at(diags, YS_DIAG_ERROR, wb->name, part, "无法读取 XLSX 部件 %s：%s", part, what);
    return YS_ERR_FORMAT;
}

/*
 * Stream `part` through expat with the given handlers (x is their user data; it must start with an
 * xparse). A missing part is an error unless `found` is given (then *found says whether it exists).
 */
static ys_status parse_part(xparse *x, ys_xlsx *wb, const char *part, XML_StartElementHandler on_start,
                            XML_EndElementHandler on_end, ys_diags *diags, bool *found)
{
    x->wb = wb;
    x->diags = diags;
    x->part = part;
    x->max_part = wb->max_part;
    x->st = YS_OK;
    x->stopped = false;
    x->cap = NULL;
    if (found) *found = false;

    zip_int64_t idx = zip_name_locate(wb->zip, part, ZIP_FL_NOCASE);
    if (idx < 0) {
        if (found) return YS_OK;
        diag_at(diags, YS_DIAG_ERROR, wb->name, part, "XLSX 缺少部件 %s", part);
        return YS_ERR_FORMAT;
    }
    if (found) *found = true;
    zip_stat_t zs;
    zip_stat_init(&zs);
    if (zip_stat_index(wb->zip, (zip_uint64_t)idx, 0, &zs) == 0 && (zs.valid & ZIP_STAT_SIZE) &&
        zs.size > (zip_uint64_t)x->max_part) {
        diag_at(diags, YS_DIAG_ERROR, wb->name, part, "XLSX 部件 %s 解压后 %llu 字节，超过上限 %zu 字节（疑似压缩炸弹）",
                part, (unsigned long long)zs.size, x->max_part);
        return YS_ERR_RANGE;
    }
    zip_file_t *zf = zip_fopen_index(wb->zip, (zip_uint64_t)idx, 0);
    if (!zf) return zip_failure(wb, diags, part, zip_strerror(wb->zip));

    XML_Parser p = XML_ParserCreate(NULL);
    if (!p) {
        zip_fclose(zf);
        return YS_ERR_NOMEM;
    }
    x->p = p;
    XML_SetUserData(p, x);
    XML_SetElementHandler(p, on_start, on_end);
    XML_SetCharacterDataHandler(p, on_text);
    XML_SetStartDoctypeDeclHandler(p, on_doctype);

    ys_status st = YS_OK;
    char *chunk = ys_xmalloc(CHUNK);
    size_t total = 0;
    for (;;) {
        zip_int64_t n = zip_fread(zf, chunk, CHUNK);
        if (n < 0) {
            st = zip_failure(wb, diags, part, zip_file_strerror(zf));
            break;
        }
        total += (size_t)n;
        if (total > x->max_part) {
            diag_at(diags, YS_DIAG_ERROR, wb->name, part, "XLSX 部件 %s 解压后超过上限 %zu 字节（疑似压缩炸弹）", part,
                    x->max_part);
            st = YS_ERR_RANGE;
            break;
        }
        if (XML_Parse(p, chunk, (int)n, n == 0) != XML_STATUS_OK) {
            if (x->stopped) {
                st = x->st;
            } else {
                char where[512];
                xwhere(x, where, sizeof where);
                diag_at(diags, YS_DIAG_ERROR, wb->name, where, "XLSX 部件 XML 格式错误：%s",
                        XML_ErrorString(XML_GetErrorCode(p)));
                st = YS_ERR_FORMAT;
            }
            break;
        }
        if (x->stopped) {   /* stopped on the last chunk */
            st = x->st;
            break;
        }
        if (n == 0) break;
    }
    free(chunk);
    XML_ParserFree(p);
    x->p = NULL;
    zip_fclose(zf);
    return st;
}

/* ==== relationships =============================================================================== */

typedef struct {
    const char *id, *type, *target;   /* arena; target as written */
    bool external;
} rel;

typedef struct {
    xparse x;
    rel *rels;
    size_t n, cap;
} rels_ctx;

static void rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    rels_ctx *c = ud;
    if (c->x.stopped || !is(name, "Relationship")) return;
    const char *id = attr(atts, "Id"), *type = attr(atts, "Type"), *target = attr(atts, "Target");
    const char *mode = attr(atts, "TargetMode");
    if (!id || !type || !target) return;
    ys_arena *a = c->x.wb->arena;
    rel r = {ys_arena_strdup(a, id), ys_arena_strdup(a, type), ys_arena_strdup(a, target),
             mode && strcmp(mode, "External") == 0};
    YS_VEC_PUSH(a, c->rels, c->n, c->cap, r);
}

static void rels_end(void *ud, const XML_Char *name)
{
    (void)ud, (void)name;
}

/*
 * Resolve a relationship target against the folder `base` ("xl/" or "") into a part name; NULL when it
 * is external or escapes `base`. Absolute targets ("/xl/worksheets/sheet1.xml") start at the root.
 */
static const char *resolve_target(ys_arena *a, const char *base, const char *target)
{
    ys_buf in = YS_BUF_INIT;
    if (target[0] == '/' || target[0] == '\\') ys_buf_adds(&in, target + 1);
    else {
        ys_buf_adds(&in, base);
        ys_buf_adds(&in, target);
    }
    for (size_t i = 0; i < in.len; i++)
        if (in.data[i] == '\\') in.data[i] = '/';
    /* normalise segments with a stack of segment starts */
    ys_buf out = YS_BUF_INIT;
    size_t *starts = ys_xmalloc((in.len + 1) * sizeof *starts);
    size_t depth = 0;
    bool bad = false;
    const char *s = ys_buf_str(&in);
    while (*s && !bad) {
        const char *e = strchr(s, '/');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (len == 0 || (len == 1 && s[0] == '.')) {
            /* skip */
        } else if (len == 2 && s[0] == '.' && s[1] == '.') {
            if (depth == 0) bad = true;
            else {
                depth--;
                out.len = starts[depth];
                out.data[out.len] = '\0';
            }
        } else {
            starts[depth++] = out.len;
            if (out.len) ys_buf_addc(&out, '/');
            ys_buf_add(&out, s, len);
        }
        s += len;
        if (*s == '/') s++;
    }
    free(starts);
    const char *r = NULL;
    if (!bad && out.len > 0 && strncmp(ys_buf_str(&out), base, strlen(base)) == 0) r = ys_arena_strdup(a, ys_buf_str(&out));
    ys_buf_release(&in);
    ys_buf_release(&out);
    return r;
}

/* Relationships part of a part: "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels". */
static const char *rels_part_of(ys_arena *a, const char *part)
{
    const char *slash = strrchr(part, '/');
    if (!slash) return ys_arena_printf(a, "_rels/%s.rels", part);
    return ys_arena_printf(a, "%.*s/_rels/%s.rels", (int)(slash - part), part, slash + 1);
}

static const rel *find_rel(const rels_ctx *c, const char *id)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->rels[i].id, id) == 0) return &c->rels[i];
    return NULL;
}

static const rel *find_rel_type(const rels_ctx *c, const char *suffix)
{
    for (size_t i = 0; i < c->n; i++)
        if (!c->rels[i].external && ends_with(c->rels[i].type, suffix)) return &c->rels[i];
    return NULL;
}

/* ==== workbook.xml ================================================================================ */

typedef struct {
    xparse x;
    const char **rids;   /* r:id of each sheet, parallel to wb->sheets (arena) */
    size_t nrids, caprids;
} wb_ctx;

static void wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    wb_ctx *c = ud;
    ys_xlsx *wb = c->x.wb;
    if (c->x.stopped || !is(name, "sheet")) return;
    const char *nm = attr(atts, "name"), *state = attr(atts, "state"), *rid = attr(atts, "id");
    ys_xlsx_sheet sh = {0};
    sh.index = wb->nsheets;
    sh.name = ys_arena_strdup(wb->arena, nm ? nm : "");
    if (state && strcmp(state, "hidden") == 0) sh.state = YS_XLSX_HIDDEN;
    else if (state && strcmp(state, "veryHidden") == 0) sh.state = YS_XLSX_VERY_HIDDEN;
    YS_VEC_PUSH(wb->arena, wb->sheets, wb->nsheets, wb->capsheets, sh);
    const char *r = ys_arena_strdup(wb->arena, rid ? rid : "");
    YS_VEC_PUSH(wb->arena, c->rids, c->nrids, c->caprids, r);
}

static void no_end(void *ud, const XML_Char *name)
{
    (void)ud, (void)name;
}

/* ==== sharedStrings.xml =========================================================================== */

typedef struct {
    xparse x;
    ys_buf text;
    bool in_si;
    int rph;             /* depth inside phonetic runs (<rPh>), whose text is not part of the string */
} sst_ctx;

static void sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    (void)atts;
    sst_ctx *c = ud;
    if (c->x.stopped) return;
    const char *l = local(name);
    if (strcmp(l, "si") == 0) {
        c->in_si = true;
        c->rph = 0;
        ys_buf_reset(&c->text);
    } else if (strcmp(l, "rPh") == 0) {
        c->rph++;
    } else if (strcmp(l, "t") == 0 && c->in_si && c->rph == 0) {
        c->x.cap = &c->text;
    }
}

static void sst_end(void *ud, const XML_Char *name)
{
    sst_ctx *c = ud;
    if (c->x.stopped) return;
    const char *l = local(name);
    ys_xlsx *wb = c->x.wb;
    if (strcmp(l, "t") == 0) {
        c->x.cap = NULL;
    } else if (strcmp(l, "rPh") == 0) {
        if (c->rph > 0) c->rph--;
    } else if (strcmp(l, "si") == 0 && c->in_si) {
        const char *s = xstring(wb->arena, c->text.data ? c->text.data : "", c->text.len);
        YS_VEC_PUSH(wb->arena, wb->sst, wb->nsst, wb->capsst, s);
        c->in_si = false;
    }
}

/* ==== styles.xml ================================================================================== */

typedef struct {
    xparse x;
    numfmt_def *fmts;
    size_t nfmts, capfmts;
    int *xf_ids;
    size_t nxf, capxf;
    bool in_cellxfs;
} sty_ctx;

static int parse_fmt_id(const char *s)
{
    size_t v;
    return (s && parse_index(s, 1000000, &v)) ? (int)v : 0;
}

static void sty_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    sty_ctx *c = ud;
    if (c->x.stopped) return;
    ys_arena *a = c->x.wb->arena;
    const char *l = local(name);
    if (strcmp(l, "numFmt") == 0) {
        const char *code = attr(atts, "formatCode");
        numfmt_def f = {parse_fmt_id(attr(atts, "numFmtId")), ys_arena_strdup(a, code ? code : "")};
        YS_VEC_PUSH(a, c->fmts, c->nfmts, c->capfmts, f);
    } else if (strcmp(l, "cellXfs") == 0) {
        c->in_cellxfs = true;
    } else if (strcmp(l, "xf") == 0 && c->in_cellxfs) {
        int id = parse_fmt_id(attr(atts, "numFmtId"));
        YS_VEC_PUSH(a, c->xf_ids, c->nxf, c->capxf, id);
    }
}

static void sty_end(void *ud, const XML_Char *name)
{
    sty_ctx *c = ud;
    if (!c->x.stopped && is(name, "cellXfs")) c->in_cellxfs = false;
}

/* ==== open ======================================================================================== */

static ys_status load_workbook(ys_xlsx *wb, ys_diags *diags)
{
    if (zip_get_num_entries(wb->zip, 0) <= 0) {
        diag_at(diags, YS_DIAG_ERROR, wb->name, NULL, "不是有效的 XLSX 文件：压缩包为空");
        return YS_ERR_FORMAT;
    }
    /* package relationships -> the workbook part */
    rels_ctx pk = {0};
    bool found = false;
    ys_status st = parse_part(&pk.x, wb, "_rels/.rels", rels_start, rels_end, diags, &found);
    if (st != YS_OK) return st;
    wb->wb_part = "xl/workbook.xml";
    const rel *office = find_rel_type(&pk, "/officeDocument");
    if (office) {
        const char *p = resolve_target(wb->arena, "", office->target);
        if (p) wb->wb_part = p;
    }
    const char *slash = strrchr(wb->wb_part, '/');
    wb->wb_dir = slash ? ys_arena_strndup(wb->arena, wb->wb_part, (size_t)(slash - wb->wb_part) + 1) : "";

    if (zip_name_locate(wb->zip, wb->wb_part, ZIP_FL_NOCASE) < 0) {
        diag_at(diags, YS_DIAG_ERROR, wb->name, wb->wb_part, "不是有效的 XLSX 文件：缺少工作簿部件 %s", wb->wb_part);
        return YS_ERR_FORMAT;
    }
    wb_ctx wc = {0};
    st = parse_part(&wc.x, wb, wb->wb_part, wb_start, no_end, diags, NULL);
    if (st != YS_OK) return st;

    if (wb->nsheets == 0) diag_at(diags, YS_DIAG_WARNING, wb->name, wb->wb_part, "工作簿中没有工作表");

    rels_ctx rc = {0};
    const char *rels_part = rels_part_of(wb->arena, wb->wb_part);
    st = parse_part(&rc.x, wb, rels_part, rels_start, rels_end, diags, NULL);
    if (st != YS_OK) return st;

    for (size_t i = 0; i < wb->nsheets; i++) {
        ys_xlsx_sheet *sh = &wb->sheets[i];
        const rel *r = find_rel(&rc, wc.rids[i]);
        sh->worksheet = true;
        if (!r) {
            diag_at(diags, YS_DIAG_WARNING, wb->name, wb->wb_part, "工作表「%s」的关系 %s 在 %s 中不存在", sh->name,
                    wc.rids[i], rels_part);
            continue;
        }
        sh->worksheet = ends_with(r->type, "/worksheet");
        sh->part = r->external ? NULL : resolve_target(wb->arena, wb->wb_dir, r->target);
        if (!sh->part)
            diag_at(diags, YS_DIAG_WARNING, wb->name, rels_part, "工作表「%s」的目标 %s 越出 %s 或为外部链接，拒绝读取",
                    sh->name, r->target, wb->wb_dir);
    }
    wb->grids = ys_arena_calloc(wb->arena, wb->nsheets ? wb->nsheets : 1, sizeof *wb->grids);

    /* shared strings (optional) */
    const rel *sr = find_rel_type(&rc, "/sharedStrings");
    const char *sst_part = sr ? resolve_target(wb->arena, wb->wb_dir, sr->target) : NULL;
    if (sst_part) {
        sst_ctx sc = {0};
        ys_buf_init(&sc.text);
        st = parse_part(&sc.x, wb, sst_part, sst_start, sst_end, diags, &found);
        ys_buf_release(&sc.text);
        if (st != YS_OK) return st;
        if (!found)
            diag_at(diags, YS_DIAG_WARNING, wb->name, sst_part, "共享字符串部件 %s 不存在", sst_part);
    }

    /* styles (optional: a broken styles part costs only the number formats) */
    const rel *yr = find_rel_type(&rc, "/styles");
    const char *sty_part = yr ? resolve_target(wb->arena, wb->wb_dir, yr->target) : NULL;
    if (sty_part) {
        sty_ctx yc = {0};
        ys_diags tmp;
        ys_diags_init(&tmp);
        if (parse_part(&yc.x, wb, sty_part, sty_start, sty_end, &tmp, &found) == YS_OK) {
            wb->xfs = ys_arena_calloc(wb->arena, yc.nxf ? yc.nxf : 1, sizeof *wb->xfs);
            wb->nxfs = yc.nxf;
            for (size_t i = 0; i < yc.nxf; i++) {
                int id = yc.xf_ids[i];
                const char *code = builtin_code(id);
                for (size_t k = 0; k < yc.nfmts; k++)
                    if (yc.fmts[k].id == id) code = yc.fmts[k].code;
                wb->xfs[i] = (xf_info){id, code, ys_xlsx_fmt_classify(id, code)};
            }
        } else {
            for (size_t i = 0; i < tmp.count; i++)
                diag_at(diags, YS_DIAG_WARNING, wb->name, tmp.items[i].where, "%s（忽略样式，数字格式不可用）",
                        tmp.items[i].message);
        }
        ys_diags_release(&tmp);
    }
    return YS_OK;
}

static ys_xlsx *wb_new(const char *name)
{
    ys_arena *a = ys_arena_new();
    ys_xlsx *wb = ys_arena_alloc(a, sizeof *wb);
    wb->arena = a;
    wb->name = ys_arena_strdup(a, name ? name : "");
    wb->max_part = YS_XLSX_MAX_PART_BYTES;
    wb->max_cells = YS_XLSX_MAX_CELLS;
    return wb;
}

static ys_status finish_open(ys_xlsx *wb, ys_xlsx **out, ys_diags *diags)
{
    ys_status st = load_workbook(wb, diags);
    if (st != YS_OK) {
        ys_xlsx_free(wb);
        return st;
    }
    *out = wb;
    return YS_OK;
}

static ys_status zip_open_error(const char *name, int code, ys_diags *diags)
{
    zip_error_t ze;
    zip_error_init_with_code(&ze, code);
    bool io = code == ZIP_ER_NOENT || code == ZIP_ER_OPEN || code == ZIP_ER_READ || code == ZIP_ER_SEEK;
    if (io) ys_diags_add(diags, YS_DIAG_ERROR, name, 0, 0, "无法打开 XLSX 文件：%s", zip_error_strerror(&ze));
    else ys_diags_add(diags, YS_DIAG_ERROR, name, 0, 0, "不是有效的 XLSX 文件（zip 压缩包损坏或不是 zip）：%s",
                      zip_error_strerror(&ze));
    zip_error_fini(&ze);
    return io ? YS_ERR_IO : YS_ERR_FORMAT;
}

ys_status ys_xlsx_open_file(const char *path, ys_xlsx **out, ys_diags *diags)
{
    *out = NULL;
    int code = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &code);
    if (!z) return zip_open_error(path, code, diags);
    ys_xlsx *wb = wb_new(path);
    wb->zip = z;
    return finish_open(wb, out, diags);
}

ys_status ys_xlsx_open_mem(const char *name, const void *bytes, size_t n, ys_xlsx **out, ys_diags *diags)
{
    *out = NULL;
    if (!name) name = "<memory>";
    if (n == 0 || !bytes) {
        ys_diags_add(diags, YS_DIAG_ERROR, name, 0, 0, "不是有效的 XLSX 文件：文件为空");
        return YS_ERR_FORMAT;
    }
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(bytes, n, 0, &ze);
    if (!src) {
        zip_error_fini(&ze);
        return YS_ERR_NOMEM;
    }
    zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &ze);
    if (!z) {
        int code = zip_error_code_zip(&ze);
        zip_source_free(src);
        zip_error_fini(&ze);
        return zip_open_error(name, code, diags);
    }
    zip_error_fini(&ze);
    ys_xlsx *wb = wb_new(name);
    wb->zip = z;
    return finish_open(wb, out, diags);
}

void ys_xlsx_free(ys_xlsx *wb)
{
    if (!wb) return;
    if (wb->zip) zip_discard(wb->zip);
    ys_arena_free(wb->arena);   /* wb itself lives in the arena */
}

void ys_xlsx_set_limits(ys_xlsx *wb, size_t max_part_bytes, size_t max_cells)
{
    if (max_part_bytes) wb->max_part = max_part_bytes;
    if (max_cells) wb->max_cells = max_cells;
}

const char *ys_xlsx_name(const ys_xlsx *wb) { return wb->name; }
size_t ys_xlsx_sheet_count(const ys_xlsx *wb) { return wb->nsheets; }

const ys_xlsx_sheet *ys_xlsx_sheet_at(const ys_xlsx *wb, size_t index)
{
    return index < wb->nsheets ? &wb->sheets[index] : NULL;
}

const ys_xlsx_sheet *ys_xlsx_sheet_by_name(const ys_xlsx *wb, const char *name)
{
    for (size_t i = 0; i < wb->nsheets; i++)
        if (strcmp(wb->sheets[i].name, name) == 0) return &wb->sheets[i];
    return NULL;
}

/* ==== a worksheet ================================================================================= */

typedef enum { T_N, T_S, T_STR, T_INLINE, T_B, T_E, T_D, T_UNKNOWN } celltype;

typedef struct {
    xparse x;
    const ys_xlsx_sheet *sheet;
    ys_xlsx_cell *cells;          /* heap while parsing */
    size_t n, cap;
    ys_xlsx_range *merges;        /* heap while parsing */
    size_t nm, capm;
    bool unsorted;
    uint32_t row;                 /* current row (0-based) */
    int64_t last_col;             /* last column in this row, -1 at row start */
    bool have_row;
    /* the current cell */
    bool in_c, in_is, has_v, has_f, has_is;
    int rph;
    celltype t;
    const char *t_raw;
    size_t style;
    bool has_style;
    uint32_t crow, ccol;
    ys_buf v, f, istr;
} sheet_ctx;

static void cell_where(sheet_ctx *c, uint32_t row, uint32_t col, char *buf, size_t bufsz)
{
    char ref[12];
    ys_xlsx_ref_format(row, col, ref, sizeof ref);
    snprintf(buf, bufsz, "%s!%s", c->sheet->name, ref);
}

static void sheet_error(sheet_ctx *c, const char *where, ys_status st, const char *fmt, const char *arg)
{
    diag_at(c->x.diags, YS_DIAG_ERROR, c->x.wb->name, where, fmt, arg);
    stop(&c->x, st);
}

static void sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    sheet_ctx *c = ud;
    if (c->x.stopped) return;
    const char *l = local(name);
    char where[600];
    if (strcmp(l, "row") == 0) {
        const char *r = attr(atts, "r");
        size_t v;
        if (r) {
            if (!parse_index(r, YS_XLSX_MAX_ROWS, &v) || v < 1) {
                char s[40];
                safe_copy(s, sizeof s, r);
                snprintf(where, sizeof where, "%s!%s:%s", c->sheet->name, s, s);
                sheet_error(c, where, YS_ERR_FORMAT, "行号无效或超出范围（1–1048576）：%s", s);
                return;
            }
            c->row = (uint32_t)(v - 1);
        } else if (c->have_row) {
            if (c->row + 1 >= YS_XLSX_MAX_ROWS) {
                snprintf(where, sizeof where, "%s", c->sheet->name);
                sheet_error(c, where, YS_ERR_FORMAT, "行数超出范围（最多 1048576 行）%s", "");
                return;
            }
            c->row++;
        } else {
            c->row = 0;
        }
        c->have_row = true;
        c->last_col = -1;
    } else if (strcmp(l, "c") == 0) {
        c->in_c = true;
        c->has_v = c->has_f = c->has_is = c->in_is = false;
        c->rph = 0;
        ys_buf_reset(&c->v);
        ys_buf_reset(&c->f);
        ys_buf_reset(&c->istr);
        const char *r = attr(atts, "r");
        if (r) {
            if (!ys_xlsx_ref_parse(r, &c->crow, &c->ccol)) {
                char s[40];
                safe_copy(s, sizeof s, r);
                snprintf(where, sizeof where, "%s!%s", c->sheet->name, s);
                sheet_error(c, where, YS_ERR_FORMAT, "单元格引用无效或超出范围（A1–XFD1048576）：%s", s);
                return;
            }
        } else {
            if (c->last_col + 1 >= (int64_t)YS_XLSX_MAX_COLS) {
                cell_where(c, c->row, YS_XLSX_MAX_COLS - 1, where, sizeof where);
                sheet_error(c, where, YS_ERR_FORMAT, "单元格超出最大列 XFD%s", "");
                return;
            }
            c->crow = c->have_row ? c->row : 0;
            c->ccol = (uint32_t)(c->last_col + 1);
        }
        c->last_col = c->ccol;
        const char *t = attr(atts, "t");
        c->t_raw = t;
        c->t = !t || strcmp(t, "n") == 0 ? T_N
             : strcmp(t, "s") == 0       ? T_S
             : strcmp(t, "str") == 0     ? T_STR
             : strcmp(t, "inlineStr") == 0 ? T_INLINE
             : strcmp(t, "b") == 0       ? T_B
             : strcmp(t, "e") == 0       ? T_E
             : strcmp(t, "d") == 0       ? T_D
                                         : T_UNKNOWN;
        c->has_style = parse_index(attr(atts, "s") ? attr(atts, "s") : "", SIZE_MAX / 2, &c->style);
    } else if (!c->in_c) {
        if (strcmp(l, "mergeCell") == 0) {
            const char *ref = attr(atts, "ref");
            ys_xlsx_range m;
            char a1[40] = "", b1[40] = "";
            bool ok = false;
            if (ref) {
                const char *colon = strchr(ref, ':');
                size_t la = colon ? (size_t)(colon - ref) : strlen(ref);
                if (la < sizeof a1 && (!colon || strlen(colon + 1) < sizeof b1)) {
                    memcpy(a1, ref, la);
                    a1[la] = '\0';
                    snprintf(b1, sizeof b1, "%s", colon ? colon + 1 : a1);
                    ok = ys_xlsx_ref_parse(a1, &m.r0, &m.c0) && ys_xlsx_ref_parse(b1, &m.r1, &m.c1);
                }
            }
            if (!ok) {
                char s[40];
                safe_copy(s, sizeof s, ref ? ref : "");
                snprintf(where, sizeof where, "%s!%s", c->sheet->name, s);
                sheet_error(c, where, YS_ERR_FORMAT, "合并区域引用无效或超出范围：%s", s);
                return;
            }
            if (m.r0 > m.r1) { uint32_t t = m.r0; m.r0 = m.r1; m.r1 = t; }
            if (m.c0 > m.c1) { uint32_t t = m.c0; m.c0 = m.c1; m.c1 = t; }
            if (c->nm >= c->x.wb->max_cells) {
                snprintf(where, sizeof where, "%s", c->sheet->name);
                diag_at(c->x.diags, YS_DIAG_ERROR, c->x.wb->name, where, "合并区域数量超过上限 %zu", c->x.wb->max_cells);
                stop(&c->x, YS_ERR_RANGE);
                return;
            }
            if (c->nm == c->capm) {
                c->capm = c->capm ? c->capm * 2 : 16;
                c->merges = ys_xrealloc(c->merges, c->capm * sizeof *c->merges);
            }
            c->merges[c->nm++] = m;
        }
    } else if (strcmp(l, "v") == 0) {
        c->has_v = true;
        c->x.cap = &c->v;
    } else if (strcmp(l, "f") == 0) {
        c->has_f = true;
        c->x.cap = &c->f;
    } else if (strcmp(l, "is") == 0) {
        c->has_is = c->in_is = true;
    } else if (strcmp(l, "rPh") == 0) {
        c->rph++;
    } else if (strcmp(l, "t") == 0 && c->in_is && c->rph == 0) {
        c->x.cap = &c->istr;
    }
}

static bool number_syntax(const char *s, bool *exponent)
{
    const char *p = s;
    *exponent = false;
    if (*p == '-') p++;
    size_t d = 0;
    while (*p >= '0' && *p <= '9') p++, d++;
    if (*p == '.') {
        p++;
        while (*p >= '0' && *p <= '9') p++, d++;
    }
    if (d == 0) return false;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-') p++;
        size_t e = 0;
        while (*p >= '0' && *p <= '9') p++, e++;
        if (e == 0) return false;
        *exponent = true;
    }
    return *p == '\0';
}

static void finish_cell(sheet_ctx *c)
{
    ys_xlsx *wb = c->x.wb;
    ys_arena *a = wb->arena;
    char where[600];
    ys_xlsx_cell cell = {0};
    cell.row = c->crow;
    cell.col = c->ccol;
    ys_xlsx_ref_format(cell.row, cell.col, cell.ref, sizeof cell.ref);
    const char *v = ys_buf_str(&c->v);
    bool value = c->has_v && c->v.len > 0;
    switch (c->t) {
    case T_S:
        if (value) {
            size_t i;
            if (!parse_index(v, SIZE_MAX / 2, &i) || i >= wb->nsst) {
                char s[40];
                safe_copy(s, sizeof s, v);
                cell_where(c, cell.row, cell.col, where, sizeof where);
                diag_at(c->x.diags, YS_DIAG_ERROR, wb->name, where, "共享字符串索引 %s 超出范围（共 %zu 项）", s, wb->nsst);
                stop(&c->x, YS_ERR_FORMAT);
                return;
            }
            cell.kind = YS_XLSX_STRING;
            cell.text = wb->sst[i];
        }
        break;
    case T_INLINE:
        if (c->has_is) {
            value = true;
            cell.kind = YS_XLSX_STRING;
            cell.text = xstring(a, c->istr.data ? c->istr.data : "", c->istr.len);
        }
        break;
    case T_STR:
    case T_D:
    case T_UNKNOWN:
        if (c->t == T_STR && c->has_v) value = true;   /* a formula may return "" */
        if (value) {
            cell.kind = YS_XLSX_STRING;
            cell.text = xstring(a, v, c->v.len);
            if (c->t == T_D) cell.flags |= YS_XLSX_F_ISODATE;
            if (c->t == T_UNKNOWN) {
                char s[40];
                safe_copy(s, sizeof s, c->t_raw ? c->t_raw : "");
                cell_where(c, cell.row, cell.col, where, sizeof where);
                diag_at(c->x.diags, YS_DIAG_WARNING, wb->name, where, "未知的单元格类型 t=\"%s\"，按文本读取", s);
            }
        }
        break;
    case T_B:
        if (value) {
            cell.kind = YS_XLSX_BOOL;
            cell.text = ys_arena_strndup(a, v, c->v.len);
        }
        break;
    case T_E:
        if (value) {
            cell.kind = YS_XLSX_ERROR;
            cell.text = ys_arena_strndup(a, v, c->v.len);
        }
        break;
    case T_N:
        if (value) {
            bool ex;
            cell.text = ys_arena_strndup(a, v, c->v.len);
            if (number_syntax(v, &ex)) {
                cell.kind = YS_XLSX_NUMBER;
                if (ex) cell.flags |= YS_XLSX_F_EXPONENT;
            } else {
                char s[40];
                safe_copy(s, sizeof s, v);
                cell_where(c, cell.row, cell.col, where, sizeof where);
                diag_at(c->x.diags, YS_DIAG_WARNING, wb->name, where, "数值单元格的内容不是数字：%s，按文本读取", s);
                cell.kind = YS_XLSX_STRING;
            }
        }
        break;
    }
    if (!value) {
        if (!c->has_f) return;   /* only a style: nothing stored */
        cell.kind = YS_XLSX_EMPTY;
        cell.text = "";
    }
    if (c->has_f) {
        cell.flags |= YS_XLSX_F_FORMULA;
        cell.formula = ys_arena_strndup(a, ys_buf_str(&c->f), c->f.len);
    }
    if (c->has_style && c->style < wb->nxfs) {
        cell.numfmt_id = wb->xfs[c->style].numfmt_id;
        cell.numfmt = wb->xfs[c->style].code;
        cell.fmt = wb->xfs[c->style].fmt;
    } else {
        cell.numfmt_id = 0;
        cell.numfmt = wb->nxfs ? "General" : NULL;
        cell.fmt = YS_XLSX_FMT_GENERAL;
    }
    if (c->n >= wb->max_cells) {
        snprintf(where, sizeof where, "%s", c->sheet->name);
        diag_at(c->x.diags, YS_DIAG_ERROR, wb->name, where, "工作表单元格数量超过上限 %zu", wb->max_cells);
        stop(&c->x, YS_ERR_RANGE);
        return;
    }
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 256;
        c->cells = ys_xrealloc(c->cells, c->cap * sizeof *c->cells);
    }
    if (c->n > 0) {
        const ys_xlsx_cell *p = &c->cells[c->n - 1];
        if (p->row > cell.row || (p->row == cell.row && p->col >= cell.col)) c->unsorted = true;
    }
    c->cells[c->n++] = cell;
}

static void sheet_end(void *ud, const XML_Char *name)
{
    sheet_ctx *c = ud;
    if (c->x.stopped) return;
    const char *l = local(name);
    if (!c->in_c) return;
    if (strcmp(l, "c") == 0) {
        c->x.cap = NULL;
        c->in_c = false;
        finish_cell(c);
    } else if (strcmp(l, "v") == 0 || strcmp(l, "f") == 0 || strcmp(l, "t") == 0) {
        c->x.cap = NULL;
    } else if (strcmp(l, "is") == 0) {
        c->in_is = false;
    } else if (strcmp(l, "rPh") == 0) {
        if (c->rph > 0) c->rph--;
    }
}

typedef struct {
    uint32_t row, col;
    size_t idx;
} sortkey;

static int cmp_key(const void *pa, const void *pb)
{
    const sortkey *a = pa, *b = pb;
    if (a->row != b->row) return a->row < b->row ? -1 : 1;
    if (a->col != b->col) return a->col < b->col ? -1 : 1;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static ys_xlsx_grid *build_grid(sheet_ctx *c, ys_diags *diags)
{
    ys_xlsx *wb = c->x.wb;
    ys_xlsx_grid *g = ys_arena_alloc(wb->arena, sizeof *g);
    g->sheet = c->sheet;
    g->cells = ys_arena_calloc(wb->arena, c->n ? c->n : 1, sizeof *g->cells);
    if (!c->unsorted) {
        if (c->n) memcpy(g->cells, c->cells, c->n * sizeof *c->cells);
        g->ncells = c->n;
    } else {
        sortkey *k = ys_xmalloc(c->n * sizeof *k);
        for (size_t i = 0; i < c->n; i++) k[i] = (sortkey){c->cells[i].row, c->cells[i].col, i};
        qsort(k, c->n, sizeof *k, cmp_key);
        size_t m = 0, dups = 0;
        for (size_t i = 0; i < c->n; i++) {
            if (m > 0 && g->cells[m - 1].row == k[i].row && g->cells[m - 1].col == k[i].col) {
                if (dups++ == 0) {
                    char where[600];
                    cell_where(c, k[i].row, k[i].col, where, sizeof where);
                    diag_at(diags, YS_DIAG_WARNING, wb->name, where, "单元格重复出现，保留第一次的内容%s", "");
                }
                continue;
            }
            g->cells[m++] = c->cells[k[i].idx];
        }
        free(k);
        g->ncells = m;
    }
    g->merges = ys_arena_calloc(wb->arena, c->nm ? c->nm : 1, sizeof *g->merges);
    if (c->nm) memcpy(g->merges, c->merges, c->nm * sizeof *c->merges);
    g->nmerges = c->nm;
    for (size_t i = 0; i < g->ncells; i++) {
        if (g->cells[i].row + 1 > g->nrows) g->nrows = g->cells[i].row + 1;
        if (g->cells[i].col + 1 > g->ncols) g->ncols = g->cells[i].col + 1;
    }
    for (size_t i = 0; i < g->nmerges; i++) {
        if (g->merges[i].r1 + 1 > g->nrows) g->nrows = g->merges[i].r1 + 1;
        if (g->merges[i].c1 + 1 > g->ncols) g->ncols = g->merges[i].c1 + 1;
    }
    return g;
}

ys_status ys_xlsx_read_sheet(ys_xlsx *wb, size_t index, const ys_xlsx_grid **out, ys_diags *diags)
{
    *out = NULL;
    if (index >= wb->nsheets) {
        ys_diags_add(diags, YS_DIAG_ERROR, wb->name, 0, 0, "工作表序号 %zu 超出范围（共 %zu 个工作表）", index, wb->nsheets);
        return YS_ERR_USAGE;
    }
    if (wb->grids[index]) {
        *out = wb->grids[index];
        return YS_OK;
    }
    const ys_xlsx_sheet *sh = &wb->sheets[index];
    if (!sh->part) {
        diag_at(diags, YS_DIAG_ERROR, wb->name, sh->name, "工作表「%s」没有可读取的部件", sh->name);
        return YS_ERR_FORMAT;
    }
    sheet_ctx c;
    memset(&c, 0, sizeof c);
    c.sheet = sh;
    c.last_col = -1;
    ys_buf_init(&c.v);
    ys_buf_init(&c.f);
    ys_buf_init(&c.istr);
    ys_status st = parse_part(&c.x, wb, sh->part, sheet_start, sheet_end, diags, NULL);
    if (st == YS_OK) {
        ys_xlsx_grid *g = build_grid(&c, diags);
        wb->grids[index] = g;
        *out = g;
    }
    free(c.cells);
    free(c.merges);
    ys_buf_release(&c.v);
    ys_buf_release(&c.f);
    ys_buf_release(&c.istr);
    return st;
}

const ys_xlsx_cell *ys_xlsx_grid_cell(const ys_xlsx_grid *g, uint32_t row, uint32_t col)
{
    size_t lo = 0, hi = g->ncells;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const ys_xlsx_cell *m = &g->cells[mid];
        if (m->row < row || (m->row == row && m->col < col)) lo = mid + 1;
        else hi = mid;
    }
    if (lo < g->ncells && g->cells[lo].row == row && g->cells[lo].col == col) return &g->cells[lo];
    return NULL;
}

const ys_xlsx_range *ys_xlsx_grid_merge_at(const ys_xlsx_grid *g, uint32_t row, uint32_t col)
{
    for (size_t i = 0; i < g->nmerges; i++) {
        const ys_xlsx_range *m = &g->merges[i];
        if (row >= m->r0 && row <= m->r1 && col >= m->c0 && col <= m->c1) return m;
    }
    return NULL;
}
