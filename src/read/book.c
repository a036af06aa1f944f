/*
 * book.c — the budget book reader (book.h, docs/BOOK.md). A book is a directory of TSV files (meta.tsv,
 * lines.tsv, …) or an XLSX workbook with sheets of the same names. Both are turned into the same rows of
 * cells (normalised text, plus for XLSX whether the cell is a stored number and its A1 reference), and
 * one reader per sheet fills the ys_budget from those rows. Every problem is a diagnostic at `file:line`
 * (TSV) or `book.xlsx:sheet!B7` (XLSX) and reading goes on; any error makes the result YS_ERR_FORMAT and
 * no budget.
 *
 * Amounts are parsed exactly in the book's unit (meta `unit`); an XLSX number with binary noise
 * (34063.089999999997) is rounded to 分 when it lies within 1e-4 分 of a whole 分 (a note says so);
 * anything else finer than 分 is an error.
 */
#include "read/book.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/syserr.h"
#include "core/text.h"
#include "read/xlsx.h"

/* ---- the sheets ---------------------------------------------------------------------------------------- */

static const char *const fund_choices[] = {"一般公共预算", "政府性基金", "国有资本经营", "财政专户", "单位资金", NULL};
static const char *const source_choices[] = {"事业收入", "经营收入", "上级补助收入", "附属单位上缴收入", "其他收入", NULL};
static const char *const kind_choices[] = {"基本人员", "基本公用", "项目", "经营", "上解上级", "对附属单位补助", NULL};
static const char *const unit_type_choices[] = {"行政", "参公", "事业", NULL};
static const char *const plan_unit_choices[] = {"%", "金额", NULL};
static const char *const yes_choices[] = {"是", NULL};
static const char *const money_unit_choices[] = {"元", "万元", NULL};
static const char *const kind_meta_choices[] = {"预算", NULL};
static const char *const scope_choices[] = {"部门", "单位", NULL};

const char *const ys_book_prior_keys[] = {
    "total", "basic", "project", "three_public", "abroad", "car", "car_buy", "car_run", "reception",
    "meeting", "training", "running_costs", NULL,
};
const char *const ys_book_text_sections[] = {"duties", "performance", "special_funds", "changes", "other", NULL};
static const char *const section_choices[] = {"duties", "performance", "special_funds", "changes", "other", NULL};
static const char *const prior_choices[] = {
    "total", "basic", "project", "three_public", "abroad", "car", "car_buy", "car_run", "reception",
    "meeting", "training", "running_costs", NULL,
};

static const ys_book_column meta_cols[] = {
    {"key", "项目", "填写项目名称（已预填，勿改）", 24, true, NULL},
    {"value", "内容", "填写内容", 36, true, NULL},
    {"note", "说明", "填写说明（不读取）", 48, false, NULL},
};
static const ys_book_column units_cols[] = {
    {"name", "单位名称", "所属单位的全称", 36, true, NULL},
    {"type", "单位类型", "行政、参公或事业（决定机关运行经费）", 12, false, unit_type_choices},
    {"level", "单位规格", "如 正科级", 12, false, NULL},
    {"funding", "经费保障形式", "如 财政拨款", 16, false, NULL},
};
static const ys_book_column lines_cols[] = {
    {"unit", "所属单位", "“单位”表中的单位名称", 30, false, NULL},
    {"function", "功能科目", "支出功能分类科目编码，7位（项）", 12, true, NULL},
    {"economic", "经济科目", "部门预算支出经济分类科目编码，5位（款）", 12, true, NULL},
    {"fund", "资金性质", "一般公共预算、政府性基金、国有资本经营、财政专户、单位资金", 14, true, fund_choices},
    {"source", "单位资金来源", "单位资金填写：事业收入、经营收入、上级补助收入、附属单位上缴收入、其他收入", 16, false, source_choices},
    {"carryover", "上年结转", "上年结转资金填“是”，本年收入留空", 10, false, yes_choices},
    {"kind", "支出类型", "基本人员、基本公用、项目、经营、上解上级、对附属单位补助", 14, true, kind_choices},
    {"project", "项目编码", "项目支出填写“项目”表中的项目编码，基本支出留空", 26, false, NULL},
    {"amount", "金额", "以“基本信息”中的金额单位填写", 14, true, NULL},
    {"tag", "其中标记", "模板细分“其中”项时填写，如 教学科研人员", 14, false, NULL},
};
static const ys_book_column projects_cols[] = {
    {"code", "项目编码", "唯一", 26, true, NULL},
    {"name", "项目名称", "", 30, false, NULL},
    {"unit", "所属单位", "", 30, false, NULL},
    {"purpose", "资金用途", "", 30, false, NULL},
    {"goal", "绩效目标", "换行写作 \\n", 40, false, NULL},
    {"plan_unit", "计划单位", "% 表示按预算的百分比，金额 表示按金额", 10, false, plan_unit_choices},
    {"plan_3", "3月底", "累计支出计划", 10, false, NULL},
    {"plan_6", "6月底", "累计支出计划", 10, false, NULL},
    {"plan_10", "10月底", "累计支出计划", 10, false, NULL},
    {"plan_12", "12月底", "累计支出计划（应为100%或预算数）", 10, false, NULL},
};
static const ys_book_column indicators_cols[] = {
    {"project", "项目编码", "“项目”表中的项目编码", 26, true, NULL},
    {"level1", "一级指标", "产出指标、效益指标、满意度指标", 12, false, NULL},
    {"level2", "二级指标", "数量指标、质量指标、时效指标、成本指标等", 12, false, NULL},
    {"level3", "三级指标", "", 20, false, NULL},
    {"description", "绩效指标描述", "", 30, false, NULL},
    {"value", "指标值", "如 ≥97%、100人", 12, false, NULL},
    {"basis", "指标值确定依据", "", 30, false, NULL},
};
static const ys_book_column procurement_cols[] = {
    {"project", "采购项目", "政府采购项目来源：项目名称", 26, false, NULL},
    {"item", "采购物品名称", "", 20, false, NULL},
    {"catalog_no", "采购目录序号", "", 14, false, NULL},
    {"measure", "计量单位", "", 10, false, NULL},
    {"quantity", "数量", "整数", 8, false, NULL},
    {"price", "单价", "", 12, false, NULL},
    {"fund", "资金性质", "同“预算明细”", 14, false, fund_choices},
    {"amount", "采购金额", "", 14, true, NULL},
    {"sme", "预留中小企业份额", "", 16, false, NULL},
};
static const ys_book_column assets_cols[] = {
    {"item", "资产项目", "房屋、办公用房、车辆、单价20万元以上的设备、其他固定资产", 24, true, NULL},
    {"quantity", "数量", "房屋填面积（平方米），其他填数量；未说明留空", 10, false, NULL},
    {"value", "价值", "", 14, true, NULL},
};
static const ys_book_column prior_cols[] = {
    {"item", "项目", "total、basic、project、three_public、abroad、car、car_buy、car_run、reception、meeting、training、running_costs", 16, true, prior_choices},
    {"amount", "上年预算数", "", 14, true, NULL},
    {"reason", "增减变化原因", "", 40, false, NULL},
};
static const ys_book_column texts_cols[] = {
    {"section", "部分", "duties 部门职责、performance 部门整体绩效目标、special_funds 部门主管专项资金、changes 比上年增减情况说明、other 其他需要说明的事项", 16, true, section_choices},
    {"text", "内容", "一行一段", 80, true, NULL},
};

#define SHEET(name, zh, help, req, cols) {name, zh, help, req, sizeof cols / sizeof *cols, cols}
static const ys_book_sheet sheets[] = {
    SHEET("meta", "基本信息", "部门名称、编码、行政区划、年度、金额单位等，每行一项。", true, meta_cols),
    SHEET("units", "单位", "部门所属单位（机构设置），每行一个单位。", false, units_cols),
    SHEET("lines", "预算明细", "预算支出明细，每行一笔：所属单位、功能科目、经济科目、资金性质、支出类型、项目、金额。各公开表均由此汇总生成。", true, lines_cols),
    SHEET("projects", "项目", "项目支出的项目信息与资金支出计划；预算数由“预算明细”汇总，不在此填写。", false, projects_cols),
    SHEET("indicators", "绩效指标", "项目绩效指标，每行一个三级指标。", false, indicators_cols),
    SHEET("procurement", "政府采购", "政府采购预算，每行一项；无政府采购预算时留空。", false, procurement_cols),
    SHEET("assets", "国有资产", "国有资产占用情况（截至“基本信息”中的资产截止日期）。", false, assets_cols),
    SHEET("prior", "上年数", "上年预算数及增减变化原因。", false, prior_cols),
    SHEET("texts", "文字说明", "情况说明中需要手写的部分，同一部分多行为多段。", false, texts_cols),
};

size_t ys_book_sheet_count(void)
{
    return sizeof sheets / sizeof *sheets;
}

const ys_book_sheet *ys_book_sheet_at(size_t i)
{
    return i < ys_book_sheet_count() ? &sheets[i] : NULL;
}

const ys_book_sheet *ys_book_sheet_find(const char *name)
{
    if (!name) return NULL;
    for (size_t i = 0; i < ys_book_sheet_count(); i++)
        if (!strcmp(sheets[i].name, name) || ys_text_same(sheets[i].zh, name)) return &sheets[i];
    return NULL;
}

static const ys_book_meta_key meta_keys[] = {
    {"department", "部门名称", "如 赵县人力资源和社会保障局", NULL},
    {"department_code", "部门编码", "本行政区内的部门编码，如 323", NULL},
    {"region", "行政区划", "如 赵县", NULL},
    {"year", "预算年度", "如 2024", NULL},
    {"kind", "类型", "预算（暂不支持决算）", kind_meta_choices},
    {"scope", "范围", "部门（汇总）或 单位", scope_choices},
    {"unit", "金额单位", "本表册所有金额的单位：元 或 万元", money_unit_choices},
    {"display_unit", "公开表单位", "公开表格使用的单位（默认同金额单位）", money_unit_choices},
    {"template", "模板", "表格与文字模板（默认内置模板）", NULL},
    {"assets_as_of", "资产截止日期", "如 2023-12-31", NULL},
    {"planned_purchases", "拟购置固定资产总额", "本年度拟购置固定资产总额（金额单位同上）", NULL},
};

size_t ys_book_meta_key_count(void)
{
    return sizeof meta_keys / sizeof *meta_keys;
}

const ys_book_meta_key *ys_book_meta_key_at(size_t i)
{
    return i < ys_book_meta_key_count() ? &meta_keys[i] : NULL;
}

/* ---- rows of cells, from TSV or XLSX ------------------------------------------------------------------- */

#define MAX_COLS 256   /* physical columns looked at; cells further right are ignored */

typedef struct {
    const char *text;   /* normalised, in the budget's arena; "" when empty */
    bool number;        /* an XLSX number cell: text is the stored decimal string */
    bool date;          /* an XLSX number with a date format */
} bcell;

typedef struct {
    bcell *c;           /* ncols cells (dense) */
    size_t n;
    int line;           /* 1-based TSV line or XLSX row */
} brow;

typedef struct {
    ys_budget *b;
    ys_diags *d;
    const char *file;   /* arena: the TSV file, or the workbook */
    const char *sheet;  /* sheet name as found */
    bool xlsx;
    bool said_no_unit;  /* "no unit declared" is said once per sheet */
} reader;

/* Where a cell is: TSV file:line; XLSX sheet!A1 (col < 0: the row's first column). */
static ys_source cell_src(const reader *r, int line, int col)
{
    ys_source s = {0};
    s.file = r->file;
    s.line = line;
    if (r->xlsx) {
        char ref[16];
        ys_xlsx_ref_format((uint32_t)(line > 0 ? line - 1 : 0), (uint32_t)(col < 0 ? 0 : col), ref, sizeof ref);
        s.where = ys_arena_printf(r->b->arena, "%s!%s", r->sheet, ref);
    }
    return s;
}

static void diag_v(const reader *r, ys_diag_level lv, int line, int col, const char *fmt, va_list ap)
{
    ys_buf m = YS_BUF_INIT;
    ys_buf_vprintf(&m, fmt, ap);
    if (r->xlsx) {
        ys_source s = cell_src(r, line, col);
        if (line > 0) ys_diags_add_at(r->d, lv, r->file, s.where, "%s", ys_buf_str(&m));
        else ys_diags_add_at(r->d, lv, r->file, r->sheet, "%s", ys_buf_str(&m));
    } else {
        ys_diags_add(r->d, lv, r->file, line, 0, "%s", ys_buf_str(&m));
    }
    ys_buf_release(&m);
}

static void diag(const reader *r, ys_diag_level lv, int line, int col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
static void diag(const reader *r, ys_diag_level lv, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_v(r, lv, line, col, fmt, ap);
    va_end(ap);
}

/* Normalise a field; keep line breaks (real ones and the two characters "\n") as "\n". */
static const char *norm_cell(ys_arena *a, const char *s, size_t n)
{
    bool has_nl = false;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\n' || (s[i] == '\\' && i + 1 < n && s[i + 1] == 'n')) has_nl = true;
    if (!has_nl) return ys_text_normalize(a, s, n);
    ys_buf out = YS_BUF_INIT;
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        size_t skip = 0;
        if (i == n) skip = 0;
        else if (s[i] == '\n') skip = 1;
        else if (s[i] == '\\' && i + 1 < n && s[i + 1] == 'n') skip = 2;
        else continue;
        const char *part = ys_text_normalize(a, s + start, i - start);
        if (out.len || start) ys_buf_addc(&out, '\n');
        ys_buf_adds(&out, part);
        if (i == n) break;
        start = i + skip;
        i += skip - 1;
    }
    const char *r = ys_arena_strndup(a, ys_buf_str(&out), out.len);
    ys_buf_release(&out);
    return r;
}

/* Split decoded TSV text into rows. Fields wrapped in double quotes (as spreadsheets export them) are
 * unwrapped, "" inside becoming ". */
static brow *tsv_rows(reader *r, ys_arena *tmp, const char *s, size_t n, size_t *nrows)
{
    size_t cap = 16, k = 0;
    brow *rows = ys_arena_calloc(tmp, cap, sizeof *rows);
    int line = 0;
    for (size_t i = 0; i < n;) {
        size_t e = i;
        while (e < n && s[e] != '\n') e++;
        size_t le = e;
        if (le > i && s[le - 1] == '\r') le--;
        line++;
        size_t nf = 1;
        for (size_t j = i; j < le; j++) nf += s[j] == '\t';
        if (nf > MAX_COLS) nf = MAX_COLS;
        brow row = {0};
        row.c = ys_arena_calloc(tmp, nf, sizeof *row.c);
        row.n = nf;
        row.line = line;
        size_t f = 0, fs = i;
        bool any = false;
        for (size_t j = i; j <= le && f < nf; j++) {
            if (j < le && s[j] != '\t') continue;
            const char *p = s + fs;
            size_t len = j - fs;
            if (len >= 2 && p[0] == '"' && p[len - 1] == '"') {
                ys_buf u = YS_BUF_INIT;
                for (size_t q = 1; q + 1 < len; q++) {
                    if (p[q] == '"' && q + 2 < len && p[q + 1] == '"') q++;
                    ys_buf_addc(&u, p[q]);
                }
                row.c[f].text = norm_cell(r->b->arena, ys_buf_str(&u), u.len);
                ys_buf_release(&u);
            } else {
                row.c[f].text = norm_cell(r->b->arena, p, len);
            }
            if (*row.c[f].text) any = true;
            f++;
            fs = j + 1;
        }
        for (; f < nf; f++) row.c[f].text = "";
        if (any) {
            if (k == cap) {
                rows = ys_arena_grow(tmp, rows, k, cap * 2, sizeof *rows);
                cap *= 2;
            }
            rows[k++] = row;
        }
        if (e >= n) break;
        i = e + 1;
    }
    *nrows = k;
    return rows;
}

/* XLSX serial day number → "YYYY-MM-DD" (the 1900 date system; serial 60 is Excel's phantom 1900-02-29). */
static const char *serial_date(ys_arena *a, const char *text)
{
    char *end;
    errno = 0;
    long days = strtol(text, &end, 10);
    if (errno || days < 1 || days > 2958465 || (*end && *end != '.')) return NULL;
    /* serial 25569 = 1970-01-01; below 61 the phantom 1900-02-29 has not happened yet */
    long z = (days >= 61 ? days - 25569 : days - 25568) + 719468;   /* H. Hinnant's civil_from_days */
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long dd = doy - (153 * mp + 2) / 5 + 1;
    long mm = mp < 10 ? mp + 3 : mp - 9;
    if (mm <= 2) y++;
    return ys_arena_printf(a, "%04ld-%02ld-%02ld", y, mm, dd);
}

static brow *xlsx_rows(reader *r, ys_arena *tmp, const ys_xlsx_grid *g, size_t *nrows)
{
    size_t cap = 16, k = 0;
    brow *rows = ys_arena_calloc(tmp, cap, sizeof *rows);
    for (size_t i = 0; i < g->ncells;) {
        uint32_t row = g->cells[i].row;
        size_t j = i;
        uint32_t maxc = 0;
        while (j < g->ncells && g->cells[j].row == row) {
            if (g->cells[j].col < MAX_COLS && g->cells[j].col + 1 > maxc) maxc = g->cells[j].col + 1;
            j++;
        }
        brow br = {0};
        br.n = maxc;
        br.line = (int)row + 1;
        br.c = ys_arena_calloc(tmp, maxc ? maxc : 1, sizeof *br.c);
        for (uint32_t c = 0; c < maxc; c++) br.c[c].text = "";
        bool any = false;
        for (size_t q = i; q < j; q++) {
            const ys_xlsx_cell *c = &g->cells[q];
            if (c->col >= MAX_COLS) continue;
            bcell *bc = &br.c[c->col];
            if (c->kind == YS_XLSX_ERROR) {
                diag(r, YS_DIAG_ERROR, br.line, (int)c->col, "单元格为错误值 %s", c->text);
                bc->text = "";
                continue;
            }
            if (c->kind == YS_XLSX_NUMBER) {
                bc->number = true;
                bc->date = c->fmt == YS_XLSX_FMT_DATE;
                bc->text = ys_arena_strdup(r->b->arena, c->text);
            } else {
                bc->text = norm_cell(r->b->arena, c->text, strlen(c->text));
            }
            if (*bc->text) any = true;
        }
        if (any) {
            if (k == cap) {
                rows = ys_arena_grow(tmp, rows, k, cap * 2, sizeof *rows);
                cap *= 2;
            }
            rows[k++] = br;
        }
        i = j;
    }
    *nrows = k;
    return rows;
}

/* ---- values ---------------------------------------------------------------------------------------------- */

typedef struct {
    reader *r;
    const ys_book_sheet *sh;
    const brow *row;
    const int *map;     /* spec column → physical column, -1 when absent */
} rowctx;

static const bcell *cell(const rowctx *rc, size_t k)
{
    int p = rc->map[k];
    if (p < 0 || (size_t)p >= rc->row->n) return NULL;
    return &rc->row->c[p];
}

static const char *val(const rowctx *rc, size_t k)
{
    const bcell *c = cell(rc, k);
    return c ? c->text : "";
}

static size_t col_index(const ys_book_sheet *sh, const char *key)
{
    for (size_t k = 0; k < sh->ncols; k++)
        if (!strcmp(sh->cols[k].key, key)) return k;
    return 0;   /* not reached for the keys used below */
}

static const char *v(const rowctx *rc, const char *key)
{
    return val(rc, col_index(rc->sh, key));
}

static void cdiag(const rowctx *rc, ys_diag_level lv, const char *key, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static void cdiag(const rowctx *rc, ys_diag_level lv, const char *key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int col = key ? rc->map[col_index(rc->sh, key)] : -1;
    diag_v(rc->r, lv, rc->row->line, col, fmt, ap);
    va_end(ap);
}

static ys_source row_src(const rowctx *rc)
{
    return cell_src(rc->r, rc->row->line, -1);
}

/* An XLSX number in exponent form → plain decimal digits (NULL when not a simple number). */
static char *plain_decimal(ys_arena *a, const char *s)
{
    const char *e = strpbrk(s, "eE");
    if (!e) return ys_arena_strdup(a, s);
    char *end;
    errno = 0;
    long ex = strtol(e + 1, &end, 10);
    if (errno || *end || ex > 40 || ex < -40) return NULL;
    ys_buf digits = YS_BUF_INIT;
    bool neg = false;
    long point = -1;
    const char *p = s;
    if (*p == '-' || *p == '+') neg = *p == '-', p++;
    for (; p < e; p++) {
        if (*p == '.') point = (long)digits.len;
        else if (*p >= '0' && *p <= '9') ys_buf_addc(&digits, *p);
        else {
            ys_buf_release(&digits);
            return NULL;
        }
    }
    if (point < 0) point = (long)digits.len;
    point += ex;
    ys_buf out = YS_BUF_INIT;
    if (neg) ys_buf_addc(&out, '-');
    long nd = (long)digits.len;
    if (point <= 0) {
        ys_buf_adds(&out, "0.");
        for (long i = point; i < 0; i++) ys_buf_addc(&out, '0');
        ys_buf_add(&out, digits.data ? digits.data : "", digits.len);
    } else if (point >= nd) {
        ys_buf_add(&out, digits.data ? digits.data : "", digits.len);
        for (long i = nd; i < point; i++) ys_buf_addc(&out, '0');
    } else {
        ys_buf_add(&out, digits.data, (size_t)point);
        ys_buf_addc(&out, '.');
        ys_buf_add(&out, digits.data + point, (size_t)(nd - point));
    }
    char *r = ys_arena_strdup(a, ys_buf_str(&out));
    ys_buf_release(&out);
    ys_buf_release(&digits);
    return r;
}

/* Decimals of one 分 in a unit: 元 2, 万元 6, 亿元 10. */
static int fen_decimals(ys_unit u)
{
    int d = 0;
    for (int64_t p = ys_unit_fen(u ? u : YS_UNIT_YUAN); p > 1; p /= 10) d++;
    return d;
}

/*
 * Parse an amount of column `key` in the book's unit. Empty → *empty (when allowed) and true. On a
 * problem: an error diagnostic at the cell and false.
 */
static bool amount_in(const rowctx *rc, const char *key, ys_unit unit, bool allow_empty, ys_money *out, int *decimals)
{
    reader *r = rc->r;
    const bcell *c = cell(rc, col_index(rc->sh, key));
    const char *s = c ? c->text : "";
    *out = 0;
    if (decimals) *decimals = 2;
    if (!*s) {
        if (allow_empty) return true;
        cdiag(rc, YS_DIAG_ERROR, key, "%s为空", rc->sh->cols[col_index(rc->sh, key)].zh);
        return false;
    }
    if (unit == YS_UNIT_UNKNOWN) {
        if (!r->said_no_unit)
            cdiag(rc, YS_DIAG_ERROR, key, "金额单位未声明，无法读取金额 %s（在 meta 中填写 unit：元 或 万元）", s);
        r->said_no_unit = true;
        return false;
    }
    ys_money adjust = 0;
    const char *text = s;
    if (c && c->number) {
        char *plain = plain_decimal(r->b->arena, s);
        if (!plain) {
            cdiag(rc, YS_DIAG_ERROR, key, "无法读取数值 %s", s);
            return false;
        }
        const char *dot = strchr(plain, '.');
        int allowed = fen_decimals(unit);
        if (dot && (int)strlen(dot + 1) > allowed) {
            const char *excess = dot + 1 + allowed;
            size_t ne = strlen(excess);
            /* within 1e-4 分 of a whole 分: "0000…" rounds down, "9999…" rounds up */
            bool down = ne >= 4 && strncmp(excess, "0000", 4) == 0;
            bool up = ne >= 4 && strncmp(excess, "9999", 4) == 0;
            if (!down && !up) {
                cdiag(rc, YS_DIAG_ERROR, key, "金额 %s %s 精度超过 1 分", s, ys_unit_name(unit));
                return false;
            }
            char *cut = ys_arena_strndup(r->b->arena, plain, (size_t)(excess - plain));
            ys_money tmpv = 0;
            if (ys_money_parse(cut, strlen(cut), unit, &tmpv, NULL) == YS_MONEY_OK) {
                if (up) adjust = plain[0] == '-' ? -1 : 1;
                char shown[YS_MONEY_BUFSZ];
                ys_money_format(tmpv + adjust, unit, 2, shown, sizeof shown);
                cdiag(rc, YS_DIAG_NOTE, key, "数值 %s 含二进制浮点误差，按 %s 读取", s, shown);
            }
            text = cut;
        } else {
            text = plain;
        }
    }
    ys_money m;
    int dec = 0;
    ys_money_result res = ys_money_parse(text, strlen(text), unit, &m, &dec);
    if (res == YS_MONEY_EMPTY) {
        if (allow_empty) return true;
        cdiag(rc, YS_DIAG_ERROR, key, "%s为空", rc->sh->cols[col_index(rc->sh, key)].zh);
        return false;
    }
    if (res == YS_MONEY_RANGE) {
        cdiag(rc, YS_DIAG_ERROR, key, "金额 %s %s 精度超过 1 分或超出范围", s, ys_unit_name(unit));
        return false;
    }
    if (res != YS_MONEY_OK) {
        cdiag(rc, YS_DIAG_ERROR, key, "%s“%s”不是金额", rc->sh->cols[col_index(rc->sh, key)].zh, s);
        return false;
    }
    *out = m + adjust;
    if (decimals) *decimals = dec;
    return true;
}

static bool amount(const rowctx *rc, const char *key, bool allow_empty, ys_money *out)
{
    return amount_in(rc, key, rc->r->b->meta.unit, allow_empty, out, NULL);
}

/* A non-negative integer (数量); -1 when empty. */
static bool integer(const rowctx *rc, const char *key, int64_t *out)
{
    const char *s = v(rc, key);
    *out = -1;
    if (!*s) return true;
    ys_money m;
    int dec = 0;
    ys_money_result res = ys_money_parse(s, strlen(s), YS_UNIT_YUAN, &m, &dec);
    if (res != YS_MONEY_OK || m % 100 != 0 || m < 0) {
        cdiag(rc, YS_DIAG_ERROR, key, "数量“%s”不是非负整数", s);
        return false;
    }
    *out = m / 100;
    return true;
}

static bool yes_no(const char *s, bool *out)
{
    static const char *const yes[] = {"是", "1", "yes", "y", "true", "上年结转", "结转"};
    static const char *const no[] = {"", "否", "0", "no", "n", "false"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        if (!strcasecmp(s, yes[i])) return *out = true, true;
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        if (!strcasecmp(s, no[i])) return *out = false, true;
    return false;
}

/* ---- one reader per sheet ---------------------------------------------------------------------------- */

/* The meta key a cell names: "unit", "金额单位" or "金额单位(unit)"; NULL when none. */
static const ys_book_meta_key *meta_key(const char *k)
{
    for (size_t i = 0; i < ys_book_meta_key_count(); i++) {
        const ys_book_meta_key *m = &meta_keys[i];
        char both[128];
        snprintf(both, sizeof both, "%s(%s)", m->zh, m->key);
        if (!strcasecmp(k, m->key) || ys_text_same(k, m->zh) || ys_text_same(k, both)) return m;
    }
    return NULL;
}

static void meta_row(rowctx *rc)
{
    ys_budget *b = rc->r->b;
    const char *k = v(rc, "key"), *val_ = v(rc, "value");
    const ys_book_meta_key *mk = meta_key(k);
    if (!mk) {
        cdiag(rc, YS_DIAG_WARNING, "key", "未知的基本信息项“%s”（已忽略）", k);
        return;
    }
    const char *key = mk->key;
    if (!*val_) return;   /* an empty value: the book rules say what is missing */
    if (!strcmp(key, "department")) b->meta.department = val_;
    else if (!strcmp(key, "department_code")) b->meta.department_code = val_;
    else if (!strcmp(key, "region")) b->meta.region = val_;
    else if (!strcmp(key, "template")) b->template_id = val_;
    else if (!strcmp(key, "year")) {
        char *end;
        long y = strtol(val_, &end, 10);
        if (*end || y < 1900 || y > 2200) cdiag(rc, YS_DIAG_ERROR, "value", "预算年度“%s”不是年份", val_);
        else b->meta.year = (int)y;
    } else if (!strcmp(key, "kind")) {
        if (!strcmp(val_, "预算")) b->meta.kind = YS_KIND_BUDGET;
        else if (!strcmp(val_, "决算")) cdiag(rc, YS_DIAG_ERROR, "value", "暂不支持决算表册（kind 应为 预算）");
        else cdiag(rc, YS_DIAG_ERROR, "value", "类型“%s”无法识别（应为 预算）", val_);
    } else if (!strcmp(key, "scope")) {
        if (!strcmp(val_, "部门")) b->meta.scope = YS_SCOPE_DEPARTMENT;
        else if (!strcmp(val_, "单位")) b->meta.scope = YS_SCOPE_UNIT;
        else cdiag(rc, YS_DIAG_ERROR, "value", "范围“%s”无法识别（应为 部门 或 单位）", val_);
    } else if (!strcmp(key, "unit") || !strcmp(key, "display_unit")) {
        ys_unit u = !strcmp(val_, "元") ? YS_UNIT_YUAN : !strcmp(val_, "万元") ? YS_UNIT_WANYUAN : YS_UNIT_UNKNOWN;
        if (u == YS_UNIT_UNKNOWN) cdiag(rc, YS_DIAG_ERROR, "value", "金额单位“%s”无法识别（应为 元 或 万元）", val_);
        else if (!strcmp(key, "unit")) b->meta.unit = u;
        else b->display_unit = u;
    } else if (!strcmp(key, "assets_as_of")) {
        const bcell *c = cell(rc, col_index(rc->sh, "value"));
        const char *d = c && c->number && c->date ? serial_date(b->arena, val_) : NULL;
        b->assets_as_of = d ? d : val_;
    } else if (!strcmp(key, "planned_purchases")) {
        ys_money m;
        if (amount(rc, "value", true, &m)) b->planned_purchases = m;
    }
}

static void units_row(rowctx *rc)
{
    ys_budget *b = rc->r->b;
    const char *name = v(rc, "name"), *type = v(rc, "type");
    if (!*name) {
        cdiag(rc, YS_DIAG_ERROR, "name", "单位名称为空");
        return;
    }
    ys_budget_unit *u = ys_budget_add_unit(b);
    u->name = name;
    u->level = v(rc, "level");
    u->funding = v(rc, "funding");
    u->src = row_src(rc);
    if (*type) {
        int t = ys_unit_type_parse(type);
        if (t < 0) cdiag(rc, YS_DIAG_ERROR, "type", "单位类型“%s”无法识别（应为 行政、参公 或 事业）", type);
        else u->type = (ys_unit_type)t;
    }
}

static void lines_row(rowctx *rc)
{
    ys_budget *b = rc->r->b;
    ys_budget_line l = {0};
    l.unit = v(rc, "unit");
    l.function = v(rc, "function");
    l.economic = v(rc, "economic");
    l.project = v(rc, "project");
    l.tag = v(rc, "tag");
    bool ok = true;
    const char *fund = v(rc, "fund"), *source = v(rc, "source"), *carry = v(rc, "carryover"), *kind = v(rc, "kind");
    int f = ys_fund_parse(fund);
    if (!*fund) ok = false, cdiag(rc, YS_DIAG_ERROR, "fund", "资金性质为空");
    else if (f < 0) ok = false, cdiag(rc, YS_DIAG_ERROR, "fund", "资金性质“%s”无法识别（应为 一般公共预算、政府性基金、国有资本经营、财政专户 或 单位资金）", fund);
    int s = ys_source_kind_parse(source);
    if (s < 0) ok = false, cdiag(rc, YS_DIAG_ERROR, "source", "单位资金来源“%s”无法识别（应为 事业收入、经营收入、上级补助收入、附属单位上缴收入 或 其他收入）", source);
    if (!yes_no(carry, &l.carryover)) ok = false, cdiag(rc, YS_DIAG_ERROR, "carryover", "上年结转“%s”无法识别（上年结转填“是”，否则留空）", carry);
    int k = ys_spend_kind_parse(kind);
    if (!*kind) ok = false, cdiag(rc, YS_DIAG_ERROR, "kind", "支出类型为空");
    else if (k < 0) ok = false, cdiag(rc, YS_DIAG_ERROR, "kind", "支出类型“%s”无法识别（应为 基本人员、基本公用、项目、经营、上解上级 或 对附属单位补助）", kind);
    if (!amount(rc, "amount", false, &l.amount)) ok = false;
    if (!ok) return;
    l.fund = (ys_fund)f;
    l.source = (ys_source_kind)s;
    l.kind = (ys_spend_kind)k;
    l.src = row_src(rc);
    *ys_budget_add_line(b) = l;
}

static const char *const plan_keys[] = {"plan_3", "plan_6", "plan_10", "plan_12"};
static const char *const plan_labels[] = {"3月底", "6月底", "10月底", "12月底"};

static void projects_row(rowctx *rc)
{
    ys_budget *b = rc->r->b;
    const char *code = v(rc, "code");
    if (!*code) {
        cdiag(rc, YS_DIAG_ERROR, "code", "项目编码为空");
        return;
    }
    ys_budget_project *p = ys_budget_add_project(b);
    p->code = code;
    p->name = v(rc, "name");
    p->unit = v(rc, "unit");
    p->purpose = v(rc, "purpose");
    p->goal = v(rc, "goal");
    p->src = row_src(rc);
    const char *pu = v(rc, "plan_unit");
    if (!*pu || !strcmp(pu, "%") || !strcmp(pu, "百分比")) p->schedule_percent = true;
    else if (!strcmp(pu, "金额") || !strcmp(pu, "元") || !strcmp(pu, "万元")) p->schedule_percent = false;
    else cdiag(rc, YS_DIAG_ERROR, "plan_unit", "计划单位“%s”无法识别（应为 %% 或 金额）", pu);
    p->nschedule = 4;
    p->schedule = ys_arena_calloc(b->arena, 4, sizeof *p->schedule);
    for (size_t i = 0; i < 4; i++) {
        ys_schedule_point *pt = &p->schedule[i];
        pt->label = plan_labels[i];
        pt->value.text = "";
        pt->value.src = cell_src(rc->r, rc->row->line, rc->map[col_index(rc->sh, plan_keys[i])]);
        const char *s = v(rc, plan_keys[i]);
        if (!*s) continue;
        /* a percentage is kept as the number × 100 (parsed as 元: 25 → 2500); money in 分 */
        const char *t = s;
        size_t n = strlen(t);
        if (n && t[n - 1] == '%') n--;
        ys_money m;
        int dec = 0;
        bool ok;
        if (p->schedule_percent) {
            ys_money_result res = ys_money_parse(t, n, YS_UNIT_YUAN, &m, &dec);
            ok = res == YS_MONEY_OK;
            if (!ok) cdiag(rc, YS_DIAG_ERROR, plan_keys[i], "%s支出计划“%s”不是百分数", plan_labels[i], s);
        } else {
            ok = amount_in(rc, plan_keys[i], b->meta.unit, true, &m, &dec);
        }
        if (!ok) continue;
        ys_cell_set_money(&pt->value, m, dec);
        pt->value.text = s;
    }
}

static void indicators_row(rowctx *rc)
{
    ys_budget *b = rc->r->b;
    const char *code = v(rc, "project");
    ys_budget_project *p = NULL;
    for (size_t i = 0; i < b->nprojects && !p; i++)
        if (!strcmp(b->projects[i].code, code)) p = &b->projects[i];
    if (!*code) {
        cdiag(rc, YS_DIAG_ERROR, "project", "绩效指标未填写项目编码");
        return;
    }
    if (!p) {
        cdiag(rc, YS_DIAG_ERROR, "project", "绩效指标所属项目“%s”不在项目表中", code);
        return;
    }
    ys_indicator *ind = ys_budget_project_add_indicator(b, p);
    ind->level1 = v(rc, "level1");
    ind->level2 = v(rc, "level2");
    ind->level3 = v(rc, "level3");
    ind->description = v(rc, "description");
    ind->value = v(rc, "value");
    ind->basis = v(rc, "basis");
    ind->src = row_src(rc);
}

static void procurement_row(rowctx *rc)
{
    ys_budget *b = rc->r->b;
    ys_budget_procurement r = {0};
    bool ok = true;
    r.project = v(rc, "project");
    r.item = v(rc, "item");
    r.catalog_no = v(rc, "catalog_no");
    r.measure = v(rc, "measure");
    const char *fund = v(rc, "fund");
    int f = *fund ? ys_fund_parse(fund) : YS_FUND_GPB;
    if (f < 0) ok = false, cdiag(rc, YS_DIAG_ERROR, "fund", "资金性质“%s”无法识别", fund);
    if (!integer(rc, "quantity", &r.quantity)) ok = false;
    if (!amount(rc, "price", true, &r.price)) ok = false;
    if (!amount(rc, "amount", false, &r.amount)) ok = false;
    if (!amount(rc, "sme", true, &r.sme)) ok = false;
    if (!ok) return;
    r.fund = (ys_fund)f;
    r.src = row_src(rc);
    *ys_budget_add_procurement(b) = r;
}

static void assets_row(rowctx *rc)
{
    ys_budget *b = rc->r->b;
    ys_budget_asset r = {0};
    r.item = v(rc, "item");
    if (!*r.item) {
        cdiag(rc, YS_DIAG_ERROR, "item", "资产项目为空");
        return;
    }
    r.quantity_text = v(rc, "quantity");
    r.quantity = -1;
    if (*r.quantity_text) {
        ys_money m;
        int dec = 0;
        if (ys_money_parse(r.quantity_text, strlen(r.quantity_text), YS_UNIT_YUAN, &m, &dec) == YS_MONEY_OK &&
            m >= 0 && m % 100 == 0)
            r.quantity = m / 100;
    }
    if (!amount(rc, "value", false, &r.value)) return;
    r.src = row_src(rc);
    *ys_budget_add_asset(b) = r;
}

static void prior_row(rowctx *rc)
{
    ys_budget *b = rc->r->b;
    ys_budget_prior r = {0};
    r.item = v(rc, "item");
    r.reason = v(rc, "reason");
    if (!*r.item) {
        cdiag(rc, YS_DIAG_ERROR, "item", "上年数项目为空");
        return;
    }
    if (!amount(rc, "amount", false, &r.amount)) return;
    r.src = row_src(rc);
    *ys_budget_add_prior(b) = r;
}

static void texts_row(rowctx *rc)
{
    ys_budget *b = rc->r->b;
    const char *section = v(rc, "section"), *text = v(rc, "text");
    if (!*section) {
        cdiag(rc, YS_DIAG_ERROR, "section", "文字说明的部分为空");
        return;
    }
    for (size_t i = 0; i < b->ntexts; i++)
        if (!strcmp(b->texts[i].section, section)) {
            b->texts[i].text = ys_arena_printf(b->arena, "%s\n%s", b->texts[i].text, text);
            return;
        }
    ys_budget_text *t = ys_budget_add_text(b);
    t->section = section;
    t->text = text;
    t->src = row_src(rc);
}

typedef void (*row_fn)(rowctx *rc);

static row_fn sheet_fn(const ys_book_sheet *sh)
{
    static const struct { const char *name; row_fn fn; } fns[] = {
        {"meta", meta_row}, {"units", units_row}, {"lines", lines_row}, {"projects", projects_row},
        {"indicators", indicators_row}, {"procurement", procurement_row}, {"assets", assets_row},
        {"prior", prior_row}, {"texts", texts_row},
    };
    for (size_t i = 0; i < sizeof fns / sizeof *fns; i++)
        if (!strcmp(fns[i].name, sh->name)) return fns[i].fn;
    return NULL;
}

/* A header cell names column c: "function", "功能科目", or "功能科目(function)". */
static bool header_is(const char *h, const ys_book_column *c)
{
    if (!strcasecmp(h, c->key) || ys_text_same(h, c->zh)) return true;
    const char *open = strchr(h, '(');
    size_t n = strlen(h);
    if (!open || n < 2 || h[n - 1] != ')') return false;
    size_t kl = (size_t)(h + n - 1 - (open + 1));
    if (kl != strlen(c->key) || strncasecmp(open + 1, c->key, kl) != 0) return false;
    char zh[256];
    size_t zl = (size_t)(open - h);
    if (zl >= sizeof zh) return false;
    memcpy(zh, h, zl);
    zh[zl] = '\0';
    return zl == 0 || ys_text_same(zh, c->zh);
}

/* Read the rows of one sheet: the first row is the header, rows starting with # are comments. */
static void read_rows(reader *r, const ys_book_sheet *sh, const brow *rows, size_t nrows)
{
    size_t first = 0;
    while (first < nrows && rows[first].n && rows[first].c[0].text[0] == '#') first++;
    if (first == nrows) return;   /* an empty sheet */
    const brow *hdr = &rows[first];
    int map[16];
    for (size_t k = 0; k < sh->ncols; k++) map[k] = -1;
    for (size_t p = 0; p < hdr->n; p++) {
        const char *h = hdr->c[p].text;
        if (!*h) continue;
        size_t k = 0;
        while (k < sh->ncols && !header_is(h, &sh->cols[k])) k++;
        if (k == sh->ncols) {
            diag(r, YS_DIAG_WARNING, hdr->line, (int)p, "%s 表的列“%s”无法识别（已忽略）", sh->name, h);
            continue;
        }
        if (map[k] >= 0) {
            diag(r, YS_DIAG_ERROR, hdr->line, (int)p, "%s 表的列“%s”重复", sh->name, h);
            continue;
        }
        map[k] = (int)p;
    }
    bool missing = false;
    for (size_t k = 0; k < sh->ncols; k++)
        if (sh->cols[k].required && map[k] < 0) {
            diag(r, YS_DIAG_ERROR, hdr->line, -1, "%s 表缺少必填列 %s（%s）", sh->name, sh->cols[k].key, sh->cols[k].zh);
            missing = true;
        }
    if (missing) return;
    row_fn fn = sheet_fn(sh);
    /* meta: the unit first, so that an amount above it (planned_purchases) is read in it */
    bool meta = !strcmp(sh->name, "meta");
    for (int pass = meta ? 0 : 1; pass < 2; pass++)
        for (size_t i = first + 1; i < nrows; i++) {
            const brow *row = &rows[i];
            if (row->n && row->c[0].text[0] == '#') continue;
            bool any = false;
            for (size_t k = 0; k < sh->ncols && !any; k++)
                if (map[k] >= 0 && (size_t)map[k] < row->n && row->c[map[k]].text[0]) any = true;
            if (!any) continue;
            rowctx rc = {r, sh, row, map};
            if (meta) {
                const ys_book_meta_key *mk = meta_key(val(&rc, 0));
                bool is_unit = mk && !strcmp(mk->key, "unit");
                if (is_unit != (pass == 0)) continue;
            }
            fn(&rc);
        }
}

/* ---- TSV --------------------------------------------------------------------------------------------- */

static ys_status parse_tsv(ys_budget *b, const ys_book_sheet *sh, const char *file, const char *bytes, size_t n,
                           ys_diags *diags)
{
    size_t errors = diags->errors;
    reader r = {b, diags, ys_arena_strdup(b->arena, file), sh->name, false, false};
    char *text = NULL;
    size_t len = 0, bad = 0;
    if (ys_text_decode(bytes, n, &text, &len, NULL, &bad) != YS_OK) {
        ys_diags_add(diags, YS_DIAG_ERROR, r.file, 0, 0, "文件编码无法识别（既不是 UTF-8 也不是 GBK，第 %zu 字节）", bad);
        return YS_ERR_FORMAT;
    }
    ys_arena *tmp = ys_arena_new();
    size_t nrows = 0;
    brow *rows = tsv_rows(&r, tmp, text, len, &nrows);
    read_rows(&r, sh, rows, nrows);
    ys_arena_free(tmp);
    free(text);
    return diags->errors > errors ? YS_ERR_FORMAT : YS_OK;
}

ys_status ys_book_parse_tsv(ys_budget *b, const char *sheet, const char *file, const char *bytes, size_t n,
                            ys_diags *diags)
{
    const ys_book_sheet *sh = ys_book_sheet_find(sheet);
    if (!sh || !b) return YS_ERR_USAGE;
    return parse_tsv(b, sh, file ? file : sheet, bytes, n, diags);
}

static char *slurp(const char *path, size_t *n, int *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        *err = errno;
        return NULL;
    }
    ys_buf b = YS_BUF_INIT;
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) ys_buf_add(&b, chunk, got);
    int bad = ferror(f);
    *err = bad ? EIO : 0;
    fclose(f);
    if (bad) {
        ys_buf_release(&b);
        return NULL;
    }
    *n = b.len;
    if (!b.data) ys_buf_adds(&b, "");
    return ys_buf_detach(&b);
}

static void read_tsv_dir(ys_budget *b, const char *dir, ys_diags *diags)
{
    size_t dl = strlen(dir);
    bool slash = dl && dir[dl - 1] == '/';
    for (size_t i = 0; i < ys_book_sheet_count(); i++) {
        const ys_book_sheet *sh = &sheets[i];
        char *path = ys_arena_printf(b->arena, "%s%s%s.tsv", dir, slash ? "" : "/", sh->name);
        struct stat st;
        if (stat(path, &st) != 0) {
            if (sh->required) ys_diags_add(diags, YS_DIAG_ERROR, dir, 0, 0, "缺少必需的表 %s.tsv（%s）", sh->name, sh->zh);
            continue;
        }
        size_t n = 0;
        int err = 0;
        char *bytes = slurp(path, &n, &err);
        if (!bytes) {
            ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "无法读取文件：%s", ys_syserr_text(err));
            continue;
        }
        parse_tsv(b, sh, path, bytes, n, diags);
        free(bytes);
    }
}

/* ---- XLSX -------------------------------------------------------------------------------------------- */

static void read_xlsx(ys_budget *b, const char *path, ys_diags *diags)
{
    ys_xlsx *wb = NULL;
    if (ys_xlsx_open_file(path, &wb, diags) != YS_OK) {
        if (diags->errors == 0) ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "无法读取工作簿");
        return;
    }
    const char *file = ys_arena_strdup(b->arena, path);
    for (size_t i = 0; i < ys_book_sheet_count(); i++) {
        const ys_book_sheet *sh = &sheets[i];
        const ys_xlsx_sheet *xs = NULL;
        for (size_t s = 0; s < ys_xlsx_sheet_count(wb) && !xs; s++) {
            const ys_xlsx_sheet *c = ys_xlsx_sheet_at(wb, s);
            if (ys_book_sheet_find(c->name) == sh) xs = c;
            else {
                /* "预算明细(lines)" */
                const ys_book_column fake = {sh->name, sh->zh, "", 0, false, NULL};
                if (header_is(c->name, &fake)) xs = c;
            }
        }
        if (!xs) {
            if (sh->required) ys_diags_add_at(diags, YS_DIAG_ERROR, file, NULL, "工作簿缺少必需的工作表 %s（%s）", sh->name, sh->zh);
            continue;
        }
        const ys_xlsx_grid *g = NULL;
        if (ys_xlsx_read_sheet(wb, xs->index, &g, diags) != YS_OK) continue;
        reader r = {b, diags, file, ys_arena_strdup(b->arena, xs->name), true, false};
        ys_arena *tmp = ys_arena_new();
        size_t nrows = 0;
        brow *rows = xlsx_rows(&r, tmp, g, &nrows);
        read_rows(&r, sh, rows, nrows);
        ys_arena_free(tmp);
    }
    ys_xlsx_free(wb);
}

/* ---- entry ------------------------------------------------------------------------------------------- */

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

ys_status ys_book_read(const char *path, ys_budget **out, ys_diags *diags)
{
    *out = NULL;
    struct stat st;
    if (!path || stat(path, &st) != 0) {
        ys_diags_add(diags, YS_DIAG_ERROR, path ? path : "", 0, 0, "无法读取预算表册：%s", ys_syserr_text(errno));
        return YS_ERR_IO;
    }
    size_t errors = diags->errors;
    ys_budget *b = ys_budget_new(path);
    if (S_ISDIR(st.st_mode)) read_tsv_dir(b, path, diags);
    else if (ends_with(path, ".xlsx") || ends_with(path, ".xlsm")) read_xlsx(b, path, diags);
    else {
        ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "预算表册应为 TSV 文件目录或 .xlsx 工作簿");
        ys_budget_free(b);
        return YS_ERR_FORMAT;
    }
    if (b->display_unit == YS_UNIT_UNKNOWN) b->display_unit = b->meta.unit;
    if (diags->errors > errors) {
        ys_budget_free(b);
        return YS_ERR_FORMAT;
    }
    *out = b;
    return YS_OK;
}
