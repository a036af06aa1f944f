/*
 * workbook.c — the XLSX renderer (ys_render_xlsx of render.h): a disclosure as an Excel workbook written
 * with libxlsxwriter, laid out like the published forms so a finance officer can print it or keep working
 * with the numbers.
 *
 * Sheets, in this order: 目录 (a link to every other sheet), one sheet per standard table present in the
 * disclosure (收支总表, 收入总表, … 机构设置, in ys_table_id order), 项目绩效目标 (every project table one
 * below the other, as bordered blocks) and 情况说明 (section titles and paragraphs, wrapped in one wide
 * merged column). A table sheet has the title row (merged, bold, centred, larger), the department / 预算年度
 * / 单位 line, the header rows (group headers merged over their leaf columns, leaf headers without a group
 * merged vertically), the 栏次 row where the published form has one, the body and the notes. Print setup:
 * A4 landscape, one page wide, header rows repeated on every page, centred, page number in the footer.
 *
 * Values. Amounts are NUMBERS in the table's unit with the format `0.00` (34063.09 in a 万元 table), never
 * strings; 序号 is a number; codes and names are text (a code keeps its leading digits); empty cells stay
 * empty (a bordered blank). Text from the document is untrusted: worksheet_write_string() always stores
 * a string (never a formula), but a user who re-saves the sheet as CSV would turn "=cmd|…" into a formula,
 * so text that begins with = + - @ (or a tab / carriage return) gets a visible leading "'" — the same rule
 * as the CSV export (render/csv.c).
 *
 * Numbers in the file. libxlsxwriter 1.1.4 prints a double with "%.16G", which turns the double nearest to
 * 99.99 into "99.98999999999999" (17 significant digits would be needed to be exact, 15 to be short). After
 * libxlsxwriter has written the package we rewrite the <v> of every number cell of the worksheets as the
 * shortest decimal that reads back as the same double ("%.15g" when it round-trips, else "%.17g"), so the
 * file stores "99.99" as Excel itself would. See fix_numbers().
 *
 * Determinism: document properties carry a fixed creation date; the rewritten zip entries get the fixed
 * DOS time 1980-01-01 00:00 (as libxlsxwriter's own entries, whatever the time zone); nothing depends
 * on the clock, so the same disclosure gives the same bytes.
 *
 * Atomic: the workbook is written to "<path>.tmp.<pid>" beside the target and renamed over it; on any
 * error the temporary file is removed and a diagnostic says why.
 *
 * Owner: helper I5 (render/xlsx). docs/RENDER-XLSX.md describes the layout.
 */
#include "core/display.h"
#include "render/render.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>
#include <zip.h>

#include "core/syserr.h"
#include "core/text.h"

/* 2000-01-01T00:00:00Z: the fixed creation date of every workbook (docProps/core.xml). */
#define FIXED_CREATED ((time_t)946684800)
/* Excel's limit on the characters of one cell (we count bytes, which is stricter). */
#define CELL_MAX 32767

/* ---- context -------------------------------------------------------------------------------------- */

typedef struct {
    lxw_workbook *wb;
    const ys_disclosure *d;
    lxw_error err;            /* first libxlsxwriter error, LXW_NO_ERROR when none */
    const char *err_what;     /* what was being written then */
    /* formats */
    lxw_format *title, *info_left, *info_mid, *info_right, *head, *seq, *code, *name, *text, *num, *qty,
        *blank, *note, *link, *toc_head, *para, *sec_title, *blk_title, *blk_label, *blk_text, *blk_num,
        *blk_wrap, *blk_head;
} ctx;

static void chk(ctx *c, lxw_error e, const char *what)
{
    if (e != LXW_NO_ERROR && c->err == LXW_NO_ERROR) {
        c->err = e;
        c->err_what = what;
    }
}

/* ---- text helpers --------------------------------------------------------------------------------- */

static bool needs_neutralising(const char *s)
{
    return s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r';
}

/* Untrusted text as it will be stored: neutralised against formula injection and cut to the cell limit
 * at a UTF-8 boundary. Returns s itself or a heap copy in *tmp (caller frees *tmp). */
static const char *cell_text(const char *s, char **tmp)
{
    *tmp = NULL;
    if (!s) return "";
    size_t n = strlen(s);
    bool neut = needs_neutralising(s);
    if (!neut && n <= CELL_MAX) return s;
    size_t keep = n;
    if (keep > CELL_MAX - 1) {
        keep = CELL_MAX - 1;
        while (keep > 0 && ((unsigned char)s[keep] & 0xC0) == 0x80) keep--;
    }
    char *p = malloc(keep + 2);
    if (!p) return "";
    size_t o = 0;
    if (neut) p[o++] = '\'';
    memcpy(p + o, s, keep);
    p[o + keep] = '\0';
    *tmp = p;
    return p;
}

/* Text for people: full-width punctuation in Chinese (core/display.h); caller frees. */
static char *display_dup(const char *s)
{
    ys_buf b = YS_BUF_INIT;
    ys_text_display_into(&b, s ? s : "");
    return ys_buf_detach(&b);
}

static void put_text(ctx *c, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col, const char *s0, lxw_format *f)
{
    char *tmp, *s = display_dup(s0);
    const char *v = cell_text(s, &tmp);
    if (!*v)
        chk(c, worksheet_write_blank(ws, r, col, f), "blank");
    else
        chk(c, worksheet_write_string(ws, r, col, v, f), "string");
    free(tmp);
    free(s);
}

/* Merge a range and put text in it (a single cell is just written). */
static void merge_text(ctx *c, lxw_worksheet *ws, lxw_row_t r0, lxw_col_t c0, lxw_row_t r1, lxw_col_t c1,
                       const char *s, lxw_format *f)
{
    if (r0 == r1 && c0 == c1) {
        put_text(c, ws, r0, c0, s, f);
        return;
    }
    chk(c, worksheet_merge_range(ws, r0, c0, r1, c1, "", f), "merge");
    char *tmp, *sd = display_dup(s);
    const char *v = cell_text(sd, &tmp);
    if (*v) chk(c, worksheet_write_string(ws, r0, c0, v, f), "string");
    free(tmp);
    free(sd);
}

/* Display width of UTF-8 text in "Excel characters": CJK counts 2, others 1. */
static size_t disp_width(const char *s)
{
    size_t w = 0, i = 0, n = s ? strlen(s) : 0;
    while (i < n) {
        int cp = ys_utf8_next(s, n, &i);
        w += (cp >= 0x1100 && (ys_is_cjk(cp) || cp >= 0x3000)) ? 2 : 1;
    }
    return w;
}

/* Row height (points) for text of display width w wrapped in a column area `width` characters wide. */
static double wrapped_height(size_t w, double width)
{
    double per_line = width > 4 ? width - 2 : width;
    size_t lines = (size_t)((double)w / per_line) + 1;
    if (lines > 400) lines = 400;
    return 15.0 * (double)lines + 2.0;
}

/* ---- money ---------------------------------------------------------------------------------------- */

/*
 * A money cell as the number to store, in the table's unit. The cell is int64 分; only here, at the edge,
 * does it become a double. Integer parts first: q = fen / per and r = fen % per are exact integers, q is
 * exact as a double for any amount that exists (|q| < 2^53), r / per is a single correctly rounded
 * division of two exact small integers, and the final addition rounds once. The result is within one
 * unit in the last place of the true value — far inside the 15 significant digits Excel keeps, so
 * 34063.09 万元 (34 063 090 000 分) is stored as the double nearest 34063.09, and fix_numbers() writes it
 * back as "34063.09".
 */
static double unit_value(ys_money fen, ys_unit unit)
{
    int64_t per = ys_unit_fen(unit == YS_UNIT_UNKNOWN ? YS_UNIT_YUAN : unit);
    int64_t q = fen / per, r = fen % per;
    return (double)q + (double)r / (double)per;
}

static void put_cell(ctx *c, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col, const ys_cell *cell, ys_unit unit,
                     lxw_format *num, lxw_format *qty, lxw_format *text, lxw_format *blank)
{
    switch (cell ? cell->kind : YS_CELL_EMPTY) {
    case YS_CELL_MONEY:
        chk(c, worksheet_write_number(ws, r, col, unit_value(cell->money, unit), num), "number");
        break;
    case YS_CELL_QUANTITY:
        chk(c, worksheet_write_number(ws, r, col, (double)cell->qty, qty), "number");
        break;
    case YS_CELL_TEXT:
        put_text(c, ws, r, col, cell->text, text);
        break;
    default:
        chk(c, worksheet_write_blank(ws, r, col, blank), "blank");
        break;
    }
}

/* ---- formats -------------------------------------------------------------------------------------- */

static lxw_format *fmt(ctx *c, bool bold, uint8_t align, bool wrap, bool border, double size)
{
    lxw_format *f = workbook_add_format(c->wb);
    if (!f) return NULL;
    format_set_font_name(f, "宋体");
    format_set_font_size(f, size);
    if (bold) format_set_bold(f);
    if (align) format_set_align(f, align);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (wrap) format_set_text_wrap(f);
    if (border) format_set_border(f, LXW_BORDER_THIN);
    return f;
}

static void make_formats(ctx *c)
{
    c->title = fmt(c, true, LXW_ALIGN_CENTER, false, false, 16);
    c->info_left = fmt(c, false, LXW_ALIGN_LEFT, false, false, 10);
    c->info_mid = fmt(c, false, LXW_ALIGN_CENTER, false, false, 10);
    c->info_right = fmt(c, false, LXW_ALIGN_RIGHT, false, false, 10);
    c->head = fmt(c, true, LXW_ALIGN_CENTER, true, true, 10);
    if (c->head) format_set_bg_color(c->head, 0xF2F2F2);
    c->seq = fmt(c, false, LXW_ALIGN_CENTER, false, true, 10);
    c->code = fmt(c, false, LXW_ALIGN_LEFT, false, true, 10);
    if (c->code) format_set_num_format(c->code, "@");
    c->name = fmt(c, false, LXW_ALIGN_LEFT, true, true, 10);
    c->text = fmt(c, false, LXW_ALIGN_LEFT, true, true, 10);
    c->num = fmt(c, false, LXW_ALIGN_RIGHT, false, true, 10);
    if (c->num) format_set_num_format(c->num, "0.00");
    c->qty = fmt(c, false, LXW_ALIGN_RIGHT, false, true, 10);
    if (c->qty) format_set_num_format(c->qty, "0");
    c->blank = fmt(c, false, 0, false, true, 10);
    c->note = fmt(c, false, LXW_ALIGN_LEFT, true, false, 10);
    c->link = fmt(c, false, LXW_ALIGN_LEFT, false, true, 11);
    if (c->link) {
        format_set_underline(c->link, LXW_UNDERLINE_SINGLE);
        format_set_font_color(c->link, LXW_COLOR_BLUE);
    }
    c->toc_head = fmt(c, true, LXW_ALIGN_CENTER, false, true, 11);
    c->para = fmt(c, false, LXW_ALIGN_LEFT, true, false, 11);
    if (c->para) format_set_align(c->para, LXW_ALIGN_VERTICAL_TOP);
    c->sec_title = fmt(c, true, LXW_ALIGN_LEFT, true, false, 12);
    c->blk_title = fmt(c, true, LXW_ALIGN_CENTER, true, false, 12);
    c->blk_label = fmt(c, true, LXW_ALIGN_CENTER, true, true, 10);
    c->blk_head = fmt(c, true, LXW_ALIGN_CENTER, true, true, 10);
    if (c->blk_head) format_set_bg_color(c->blk_head, 0xF2F2F2);
    c->blk_text = fmt(c, false, LXW_ALIGN_LEFT, true, true, 10);
    c->blk_wrap = fmt(c, false, LXW_ALIGN_CENTER, true, true, 10);
    c->blk_num = fmt(c, false, LXW_ALIGN_RIGHT, false, true, 10);
    if (c->blk_num) format_set_num_format(c->blk_num, "0.00");
}

static void print_setup(ctx *c, lxw_worksheet *ws)
{
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_center_horizontally(ws);
    worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6);
    chk(c, worksheet_set_footer(ws, "&C第 &P 页，共 &N 页"), "footer");
}

/* ---- sheet names ---------------------------------------------------------------------------------- */

/* Fixed Chinese sheet names (≤ 31 characters, none of []:*?/\); never taken from the document. */
static const char *sheet_name(ys_table_id id)
{
    switch (id) {
    case YS_TABLE_SUMMARY: return "收支总表";
    case YS_TABLE_INCOME: return "收入总表";
    case YS_TABLE_EXPENSE: return "支出总表";
    case YS_TABLE_FISCAL_SUMMARY: return "财政拨款收支总表";
    case YS_TABLE_GPB_EXPENSE: return "一般公共预算支出表";
    case YS_TABLE_GPB_BASIC: return "基本支出表";
    case YS_TABLE_GOV_FUND: return "政府性基金";
    case YS_TABLE_SOE_CAPITAL: return "国有资本经营";
    case YS_TABLE_THREE_PUBLIC: return "三公经费";
    case YS_TABLE_PROCUREMENT: return "政府采购";
    case YS_TABLE_ASSETS: return "国有资产";
    case YS_TABLE_ORGANISATION: return "机构设置";
    default: return NULL;
    }
}

#define SHEET_TOC "目录"
#define SHEET_PROJECTS "项目绩效目标"
#define SHEET_NARRATIVE "情况说明"

/* ---- table layout --------------------------------------------------------------------------------- */

typedef enum { PC_SEQ, PC_CODE, PC_NAME, PC_DATA } pc_kind;

typedef struct {
    pc_kind kind;
    size_t col;          /* table column for PC_DATA */
    const char *group;   /* group header, NULL when none */
    const char *leaf;    /* leaf header */
    double width;
} pcol;

static bool is_classified(ys_table_id id)
{
    return id == YS_TABLE_INCOME || id == YS_TABLE_EXPENSE || id == YS_TABLE_GPB_EXPENSE ||
           id == YS_TABLE_GPB_BASIC || id == YS_TABLE_GOV_FUND || id == YS_TABLE_SOE_CAPITAL;
}

static bool has_lanci(ys_table_id id)
{
    return id <= YS_TABLE_THREE_PUBLIC;
}

static bool key_in(const char *key, const char *const *keys)
{
    for (; *keys; keys++)
        if (strcmp(key, *keys) == 0) return true;
    return false;
}

/* The group header a data column sits under in the published form of its table. */
static const char *data_group(ys_table_id id, const char *key)
{
    static const char *const income_now[] = {"subtotal", "fiscal", "special", "business", "operating",
                                             "superior", "affiliated", "other", NULL};
    static const char *const proc_src[] = {"source_project", "source_amount", NULL};
    static const char *const proc_amt[] = {"total", "gpb", "gov_fund", "soe", "special", "unit_funds", NULL};
    switch (id) {
    case YS_TABLE_SUMMARY:
    case YS_TABLE_FISCAL_SUMMARY:
        if (strncmp(key, "in_", 3) == 0) return "收入";
        if (strncmp(key, "out_", 4) == 0) return "支出";
        return NULL;
    case YS_TABLE_INCOME: return key_in(key, income_now) ? "本年收入" : NULL;
    case YS_TABLE_GPB_BASIC: return "一般公共预算基本支出";
    case YS_TABLE_THREE_PUBLIC: return "资金性质";
    case YS_TABLE_PROCUREMENT:
        if (key_in(key, proc_src)) return "政府采购项目来源";
        if (key_in(key, proc_amt)) return "政府采购金额（当年部门预算安排资金）";
        return NULL;
    default: return NULL;
    }
}

static double data_width(const ys_column *col)
{
    double w = (double)disp_width(col->header) + 2;
    double lo = 12, hi = 20;
    if (col->kind == YS_COL_LABEL) lo = 30, hi = 36;
    else if (col->kind == YS_COL_TEXT) lo = 16, hi = 30;
    else if (col->kind == YS_COL_QUANTITY) lo = 10;
    return w < lo ? lo : w > hi ? hi : w;
}

/* The printed columns of a table; returns their count (pc has room for ncols + 3). */
static size_t layout(const ys_table *t, pcol *pc)
{
    bool any_seq = false, any_code = false, any_name = false;
    for (size_t i = 0; i < t->nrows; i++) {
        any_seq |= t->rows[i].seq >= 0;
        any_code |= t->rows[i].code && *t->rows[i].code;
        any_name |= t->rows[i].name && *t->rows[i].name;
    }
    bool classified = is_classified(t->id);
    bool two_sided = t->id == YS_TABLE_SUMMARY || t->id == YS_TABLE_FISCAL_SUMMARY;
    bool want_seq = has_lanci(t->id) || any_seq;
    bool want_code = classified || any_code;
    bool want_name = classified || (!two_sided && (any_name || t->id == YS_TABLE_THREE_PUBLIC ||
                                                   t->id == YS_TABLE_ASSETS || t->id == YS_TABLE_ORGANISATION));
    const char *cls = t->id == YS_TABLE_GPB_BASIC ? "支出部门经济分类科目" : "功能分类科目";
    size_t n = 0;
    if (want_seq) pc[n++] = (pcol){PC_SEQ, 0, NULL, "序号", 6};
    if (want_code) pc[n++] = (pcol){PC_CODE, 0, classified ? cls : NULL, "科目编码", 12};
    if (want_name) {
        const char *leaf = classified ? "科目名称" : t->id == YS_TABLE_ORGANISATION ? "单位名称" : "项目";
        pc[n++] = (pcol){PC_NAME, 0, classified ? cls : NULL, leaf, t->id == YS_TABLE_THREE_PUBLIC ? 30 : 36};
    }
    for (size_t i = 0; i < t->ncols; i++)
        pc[n++] = (pcol){PC_DATA, i, data_group(t->id, t->cols[i].key), t->cols[i].header,
                         data_width(&t->cols[i])};
    return n;
}

/* ---- one table sheet ------------------------------------------------------------------------------ */

static ys_unit table_unit(const ys_disclosure *d, const ys_table *t)
{
    if (t->unit != YS_UNIT_UNKNOWN) return t->unit;
    return d->meta.unit != YS_UNIT_UNKNOWN ? d->meta.unit : YS_UNIT_YUAN;
}

static void write_info_line(ctx *c, lxw_worksheet *ws, lxw_row_t r, size_t n, const ys_table *t)
{
    const ys_disclosure *d = c->d;
    ys_buf dep = YS_BUF_INIT, year = YS_BUF_INIT, unit = YS_BUF_INIT;
    if (t->department) ys_buf_adds(&dep, t->department);
    else if (d->meta.department) {
        if (d->meta.department_code && *d->meta.department_code)
            ys_buf_printf(&dep, "%s ", d->meta.department_code);
        ys_buf_adds(&dep, d->meta.department);
    }
    if (t->year_text) ys_buf_printf(&year, "预算年度：%s", t->year_text);
    else if (d->meta.year > 0 && has_lanci(t->id)) ys_buf_printf(&year, "预算年度：%d", d->meta.year);
    if (t->unit_text) ys_buf_adds(&unit, t->unit_text);
    else if (t->unit != YS_UNIT_UNKNOWN) ys_buf_printf(&unit, "单位：%s", ys_unit_name(t->unit));
    if (n >= 3) {
        merge_text(c, ws, r, 0, r, (lxw_col_t)(n - 3), ys_buf_str(&dep), c->info_left);
        put_text(c, ws, r, (lxw_col_t)(n - 2), ys_buf_str(&year), c->info_mid);
        put_text(c, ws, r, (lxw_col_t)(n - 1), ys_buf_str(&unit), c->info_right);
    } else {
        ys_buf all = YS_BUF_INIT;
        ys_buf_printf(&all, "%s  %s  %s", ys_buf_str(&dep), ys_buf_str(&year), ys_buf_str(&unit));
        merge_text(c, ws, r, 0, r, (lxw_col_t)(n ? n - 1 : 0), ys_buf_str(&all), c->info_left);
        ys_buf_release(&all);
    }
    ys_buf_release(&dep);
    ys_buf_release(&year);
    ys_buf_release(&unit);
}

static void write_table_sheet(ctx *c, lxw_worksheet *ws, const ys_table *t)
{
    pcol *pc = calloc(t->ncols + 3, sizeof *pc);
    if (!pc) {
        chk(c, LXW_ERROR_MEMORY_MALLOC_FAILED, "layout");
        return;
    }
    size_t n = layout(t, pc);
    if (n == 0) n = 1, pc[0] = (pcol){PC_NAME, 0, NULL, "项目", 36};
    ys_unit unit = table_unit(c->d, t);
    lxw_col_t last = (lxw_col_t)(n - 1);

    for (size_t i = 0; i < n; i++) chk(c, worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, pc[i].width, NULL), "column");

    lxw_row_t r = 0;
    chk(c, worksheet_set_row(ws, r, 30, NULL), "row");
    merge_text(c, ws, r, 0, r, last, t->title && *t->title ? t->title : ys_table_id_title(t->id), c->title);
    r++;
    lxw_row_t head0 = r;
    write_info_line(c, ws, r++, n, t);

    /* header rows */
    bool groups = false;
    for (size_t i = 0; i < n; i++) groups |= pc[i].group != NULL;
    lxw_row_t h1 = r, h2 = groups ? r + 1 : r;
    for (size_t i = 0; i < n;) {
        if (!pc[i].group) {
            merge_text(c, ws, h1, (lxw_col_t)i, h2, (lxw_col_t)i, pc[i].leaf, c->head);
            i++;
            continue;
        }
        size_t j = i;
        while (j + 1 < n && pc[j + 1].group && strcmp(pc[j + 1].group, pc[i].group) == 0) j++;
        merge_text(c, ws, h1, (lxw_col_t)i, h1, (lxw_col_t)j, pc[i].group, c->head);
        for (size_t k = i; k <= j; k++) put_text(c, ws, h2, (lxw_col_t)k, pc[k].leaf, c->head);
        i = j + 1;
    }
    double hh = 15;
    for (size_t i = 0; i < n; i++) {
        double h = wrapped_height(disp_width(pc[i].leaf), pc[i].width);
        if (h > hh) hh = h;
    }
    chk(c, worksheet_set_row(ws, h2, hh, NULL), "row");
    r = h2 + 1;

    /* 栏次 */
    if (has_lanci(t->id)) {
        int k = 1;
        for (size_t i = 0; i < n; i++) {
            if (pc[i].kind == PC_SEQ) put_text(c, ws, r, (lxw_col_t)i, "栏次", c->head);
            else chk(c, worksheet_write_number(ws, r, (lxw_col_t)i, k++, c->head), "number");
        }
        r++;
    }
    lxw_row_t body0 = r;
    chk(c, worksheet_repeat_rows(ws, head0, body0 - 1), "repeat_rows");
    worksheet_freeze_panes(ws, body0, 0);

    /* body */
    for (size_t ri = 0; ri < t->nrows; ri++, r++) {
        const ys_row *row = &t->rows[ri];
        for (size_t i = 0; i < n; i++) {
            lxw_col_t col = (lxw_col_t)i;
            switch (pc[i].kind) {
            case PC_SEQ:
                if (row->seq >= 0) chk(c, worksheet_write_number(ws, r, col, row->seq, c->seq), "number");
                else chk(c, worksheet_write_blank(ws, r, col, c->seq), "blank");
                break;
            case PC_CODE: put_text(c, ws, r, col, row->code, c->code); break;
            case PC_NAME: put_text(c, ws, r, col, row->name, c->name); break;
            case PC_DATA: {
                const ys_cell *cell = &row->cells[pc[i].col];
                lxw_format *tf = t->cols[pc[i].col].kind == YS_COL_LABEL ? c->name : c->text;
                put_cell(c, ws, r, col, cell, unit, c->num, c->qty, tf, c->blank);
                break;
            }
            }
        }
    }

    /* notes */
    if (t->note && *t->note) {
        r++;
        const char *p = t->note;
        double total = 0;
        for (size_t i = 0; i < n; i++) total += pc[i].width;
        while (*p) {
            const char *e = strchr(p, '\n');
            size_t len = e ? (size_t)(e - p) : strlen(p);
            if (len) {
                char *line = malloc(len + 1);
                if (!line) {
                    chk(c, LXW_ERROR_MEMORY_MALLOC_FAILED, "note");
                    break;
                }
                memcpy(line, p, len);
                line[len] = '\0';
                merge_text(c, ws, r, 0, r, last, line, c->note);
                chk(c, worksheet_set_row(ws, r, wrapped_height(disp_width(line), total), NULL), "row");
                free(line);
                r++;
            }
            p += len;
            if (*p == '\n') p++;
        }
    }
    print_setup(c, ws);
    free(pc);
}

/* ---- 项目绩效目标 ----------------------------------------------------------------------------------- */

#define BLK_COLS 7

static void put_money(ctx *c, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col, const ys_cell *cell, ys_unit unit)
{
    put_cell(c, ws, r, col, cell, unit, c->blk_num, c->blk_num, c->blk_text, c->blk_text);
}

static lxw_row_t write_project(ctx *c, lxw_worksheet *ws, lxw_row_t r, const ys_project *p)
{
    ys_unit unit = p->unit != YS_UNIT_UNKNOWN ? p->unit : c->d->meta.unit != YS_UNIT_UNKNOWN ? c->d->meta.unit
                                                                                            : YS_UNIT_WANYUAN;
    ys_buf b = YS_BUF_INIT;
    if (p->title && *p->title) ys_buf_adds(&b, p->title);
    else {
        if (p->seq >= 0) ys_buf_printf(&b, "%d、", p->seq);
        ys_buf_printf(&b, "%s绩效目标表", p->name ? p->name : "");
    }
    chk(c, worksheet_set_row(ws, r, 24, NULL), "row");
    merge_text(c, ws, r, 0, r, BLK_COLS - 1, ys_buf_str(&b), c->blk_title);
    r++;
    ys_buf_reset(&b);
    ys_buf_printf(&b, "单位：%s", ys_unit_name(unit));
    merge_text(c, ws, r, 0, r, BLK_COLS - 1, ys_buf_str(&b), c->info_right);
    r++;

    put_text(c, ws, r, 0, "项目编码", c->blk_label);
    merge_text(c, ws, r, 1, r, 2, p->code, c->blk_text);
    put_text(c, ws, r, 3, "项目名称", c->blk_label);
    merge_text(c, ws, r, 4, r, 6, p->name, c->blk_text);
    r++;

    merge_text(c, ws, r, 0, r + 1, 0, "预算规模及资金用途", c->blk_label);
    put_text(c, ws, r, 1, "预算数", c->blk_label);
    put_money(c, ws, r, 2, &p->budget, unit);
    put_text(c, ws, r, 3, "其中：财政资金", c->blk_label);
    put_money(c, ws, r, 4, &p->fiscal, unit);
    put_text(c, ws, r, 5, "其他资金", c->blk_label);
    put_money(c, ws, r, 6, &p->other, unit);
    r++;
    merge_text(c, ws, r, 1, r, 6, p->purpose, c->blk_text);
    chk(c, worksheet_set_row(ws, r, wrapped_height(disp_width(p->purpose), 80), NULL), "row");
    r++;

    if (p->nschedule) {
        size_t ns = p->nschedule > BLK_COLS - 1 ? BLK_COLS - 1 : p->nschedule;
        merge_text(c, ws, r, 0, r + 1, 0, p->schedule_percent ? "资金支出计划（%）" : "资金支出计划", c->blk_label);
        /* spread the points over columns B..G: point i covers [b_i, b_{i+1}) */
        for (size_t i = 0; i < ns; i++) {
            lxw_col_t a = (lxw_col_t)(1 + i * (BLK_COLS - 1) / ns);
            lxw_col_t z = (lxw_col_t)((i + 1) * (BLK_COLS - 1) / ns);
            merge_text(c, ws, r, a, r, z, p->schedule[i].label, c->blk_label);
            if (a == z) put_money(c, ws, r + 1, a, &p->schedule[i].value, unit);
            else {
                chk(c, worksheet_merge_range(ws, r + 1, a, r + 1, z, "", c->blk_num), "merge");
                put_money(c, ws, r + 1, a, &p->schedule[i].value, unit);
            }
        }
        r += 2;
    }

    put_text(c, ws, r, 0, "绩效目标", c->blk_label);
    merge_text(c, ws, r, 1, r, 6, p->goal, c->blk_text);
    chk(c, worksheet_set_row(ws, r, wrapped_height(disp_width(p->goal), 80), NULL), "row");
    r++;

    static const char *const heads[] = {"一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"};
    put_text(c, ws, r, 0, heads[0], c->blk_head);
    put_text(c, ws, r, 1, heads[1], c->blk_head);
    put_text(c, ws, r, 2, heads[2], c->blk_head);
    merge_text(c, ws, r, 3, r, 4, heads[3], c->blk_head);
    put_text(c, ws, r, 5, heads[4], c->blk_head);
    put_text(c, ws, r, 6, heads[5], c->blk_head);
    r++;
    for (size_t i = 0; i < p->nindicators;) {
        /* consecutive rows with the same 一级指标 share one merged cell, as in the published form */
        size_t j = i;
        const char *l1 = p->indicators[i].level1 ? p->indicators[i].level1 : "";
        while (j + 1 < p->nindicators && p->indicators[j + 1].level1 &&
               strcmp(p->indicators[j + 1].level1, l1) == 0)
            j++;
        merge_text(c, ws, r, 0, r + (lxw_row_t)(j - i), 0, l1, c->blk_wrap);
        for (size_t k = i; k <= j; k++, r++) {
            const ys_indicator *x = &p->indicators[k];
            put_text(c, ws, r, 1, x->level2, c->blk_wrap);
            put_text(c, ws, r, 2, x->level3, c->blk_wrap);
            merge_text(c, ws, r, 3, r, 4, x->description, c->blk_text);
            put_text(c, ws, r, 5, x->value, c->blk_wrap);
            put_text(c, ws, r, 6, x->basis, c->blk_text);
        }
        i = j + 1;
    }
    ys_buf_release(&b);
    return r + 1;
}

static void write_projects_sheet(ctx *c, lxw_worksheet *ws)
{
    static const double widths[BLK_COLS] = {18, 16, 16, 18, 14, 14, 24};
    for (lxw_col_t i = 0; i < BLK_COLS; i++) chk(c, worksheet_set_column(ws, i, i, widths[i], NULL), "column");
    lxw_row_t r = 0;
    chk(c, worksheet_set_row(ws, r, 30, NULL), "row");
    merge_text(c, ws, r, 0, r, BLK_COLS - 1, "项目支出绩效目标表", c->title);
    r += 2;
    for (size_t i = 0; i < c->d->nprojects && c->err == LXW_NO_ERROR; i++)
        r = write_project(c, ws, r, &c->d->projects[i]);
    worksheet_set_portrait(ws);
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_center_horizontally(ws);
    chk(c, worksheet_set_footer(ws, "&C第 &P 页，共 &N 页"), "footer");
}

/* ---- 情况说明 ---------------------------------------------------------------------------------------- */

#define NARR_COLS 4
#define NARR_COL_WIDTH 25.0

static void write_narrative_sheet(ctx *c, lxw_worksheet *ws)
{
    const ys_disclosure *d = c->d;
    chk(c, worksheet_set_column(ws, 0, NARR_COLS - 1, NARR_COL_WIDTH, NULL), "column");
    double width = NARR_COL_WIDTH * NARR_COLS;
    lxw_row_t r = 0;
    ys_buf b = YS_BUF_INIT;
    for (size_t s = 0; s < d->nsections && c->err == LXW_NO_ERROR; s++) {
        const ys_section *sec = &d->sections[s];
        ys_buf_reset(&b);
        if (sec->number && *sec->number) ys_buf_printf(&b, "%s、", sec->number);
        ys_buf_adds(&b, sec->title ? sec->title : "");
        merge_text(c, ws, r, 0, r, NARR_COLS - 1, ys_buf_str(&b), s == 0 && !(sec->number && *sec->number) ? c->title : c->sec_title);
        chk(c, worksheet_set_row(ws, r, wrapped_height(disp_width(ys_buf_str(&b)) * 12 / 10, width), NULL), "row");
        r++;
        const char *p = sec->text ? sec->text : "";
        while (*p) {
            const char *e = strchr(p, '\n');
            size_t len = e ? (size_t)(e - p) : strlen(p);
            if (len) {
                ys_buf_reset(&b);
                ys_buf_add(&b, p, len);
                merge_text(c, ws, r, 0, r, NARR_COLS - 1, ys_buf_str(&b), c->para);
                double h = wrapped_height(disp_width(ys_buf_str(&b)) * 11 / 10, width);
                chk(c, worksheet_set_row(ws, r, h > 409 ? 409 : h, NULL), "row");
                r++;
            }
            p += len;
            if (*p == '\n') p++;
        }
        r++;
    }
    ys_buf_release(&b);
    worksheet_set_portrait(ws);
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_center_horizontally(ws);
    chk(c, worksheet_set_footer(ws, "&C第 &P 页，共 &N 页"), "footer");
}

/* ---- 目录 ------------------------------------------------------------------------------------------- */

static void toc_link(ctx *c, lxw_worksheet *ws, lxw_row_t r, int seq, const char *sheet, const char *title)
{
    char url[128];
    snprintf(url, sizeof url, "internal:'%s'!A1", sheet);
    chk(c, worksheet_write_number(ws, r, 0, seq, c->seq), "number");
    char *tmp;
    const char *v = cell_text(title, &tmp);
    chk(c, worksheet_write_url_opt(ws, r, 1, url, c->link, *v ? v : sheet, NULL), "url");
    free(tmp);
    put_text(c, ws, r, 2, sheet, c->text);
}

static void write_toc_sheet(ctx *c, lxw_worksheet *ws)
{
    const ys_disclosure *d = c->d;
    chk(c, worksheet_set_column(ws, 0, 0, 8, NULL), "column");
    chk(c, worksheet_set_column(ws, 1, 1, 60, NULL), "column");
    chk(c, worksheet_set_column(ws, 2, 2, 20, NULL), "column");
    ys_buf b = YS_BUF_INIT;
    if (d->meta.department) ys_buf_adds(&b, d->meta.department);
    if (d->meta.year > 0) ys_buf_printf(&b, "%d年", d->meta.year);
    ys_buf_printf(&b, "%s%s公开", ys_scope_name(d->meta.scope), d->meta.kind == YS_KIND_FINAL ? "决算" : "预算");
    chk(c, worksheet_set_row(ws, 0, 30, NULL), "row");
    merge_text(c, ws, 0, 0, 0, 2, ys_buf_str(&b), c->title);
    ys_buf_release(&b);
    put_text(c, ws, 1, 0, "序号", c->toc_head);
    put_text(c, ws, 1, 1, "目录", c->toc_head);
    put_text(c, ws, 1, 2, "工作表", c->toc_head);
    lxw_row_t r = 2;
    int seq = 1;
    for (int id = 0; id < YS_TABLE__COUNT; id++) {
        const ys_table *t = d->tables[id];
        if (!t) continue;
        toc_link(c, ws, r++, seq++, sheet_name((ys_table_id)id), t->title && *t->title ? t->title : ys_table_id_title((ys_table_id)id));
    }
    if (d->nprojects) toc_link(c, ws, r++, seq++, SHEET_PROJECTS, "项目支出绩效目标表");
    if (d->nsections) toc_link(c, ws, r++, seq++, SHEET_NARRATIVE, "部门预算信息公开情况说明");
    worksheet_set_portrait(ws);
    worksheet_set_paper(ws, 9);
    worksheet_center_horizontally(ws);
}

/* ---- number fix-up -------------------------------------------------------------------------------- */

/* The shortest decimal that reads back as the same double as s (at most 17 significant digits). */
static void shortest(const char *s, size_t n, char *out, size_t outsz)
{
    char in[64];
    if (n >= sizeof in) n = sizeof in - 1;
    memcpy(in, s, n);
    in[n] = '\0';
    char *end;
    double v = strtod(in, &end);
    if (end == in || *end) {
        snprintf(out, outsz, "%s", in);
        return;
    }
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(out, outsz, "%.*g", prec, v);
        if (strtod(out, NULL) == v) return;
    }
}

/* Rewrite the <v> of number cells (<c> without t=) in one sheet's XML. Returns a heap buffer. */
static char *fix_sheet_xml(const char *xml, size_t n, size_t *outn)
{
    ys_buf b = YS_BUF_INIT;
    const char *p = xml, *end = xml + n;
    while (p < end) {
        const char *c = strstr(p, "<c ");
        if (!c || c >= end) break;
        const char *gt = strchr(c, '>');
        if (!gt) break;
        bool typed = false;
        for (const char *q = c; q < gt; q++)
            if (q[0] == ' ' && q[1] == 't' && q[2] == '=') typed = true;
        const char *v = gt[-1] == '/' ? NULL : strstr(gt, "<v>");
        const char *close = strstr(gt, "</c>");
        if (typed || !v || !close || v > close) {
            ys_buf_add(&b, p, (size_t)(gt + 1 - p));
            p = gt + 1;
            continue;
        }
        const char *ve = strstr(v + 3, "</v>");
        if (!ve || ve > close) {
            ys_buf_add(&b, p, (size_t)(gt + 1 - p));
            p = gt + 1;
            continue;
        }
        char num[64];
        shortest(v + 3, (size_t)(ve - v - 3), num, sizeof num);
        ys_buf_add(&b, p, (size_t)(v + 3 - p));
        ys_buf_adds(&b, num);
        p = ve;
    }
    if (p < end) ys_buf_add(&b, p, (size_t)(end - p));
    *outn = b.len;
    return ys_buf_detach(&b);
}

/* Rewrite the numbers of every worksheet part of the package at path (see the head of this file). */
static ys_status fix_numbers(const char *path, ys_diags *diags, const char *target)
{
    int zerr = 0;
    zip_t *z = zip_open(path, 0, &zerr);
    if (!z) {
        ys_diags_add(diags, YS_DIAG_ERROR, target, 0, 0, "无法重新打开生成的工作簿（zip 错误 %d）", zerr);
        return YS_ERR_IO;
    }
    zip_int64_t n = zip_get_num_entries(z, 0);
    ys_status st = YS_OK;
    for (zip_int64_t i = 0; i < n && st == YS_OK; i++) {
        const char *name = zip_get_name(z, (zip_uint64_t)i, 0);
        if (!name || strncmp(name, "xl/worksheets/sheet", 19) != 0) continue;
        zip_stat_t sb;
        if (zip_stat_index(z, (zip_uint64_t)i, 0, &sb) != 0) {
            st = YS_ERR_IO;
            break;
        }
        char *xml = malloc((size_t)sb.size + 1);
        zip_file_t *f = xml ? zip_fopen_index(z, (zip_uint64_t)i, 0) : NULL;
        if (!f || zip_fread(f, xml, sb.size) != (zip_int64_t)sb.size) {
            if (f) zip_fclose(f);
            free(xml);
            st = YS_ERR_IO;
            break;
        }
        zip_fclose(f);
        xml[sb.size] = '\0';
        size_t outn;
        char *fixed = fix_sheet_xml(xml, (size_t)sb.size, &outn);
        free(xml);
        zip_source_t *src = zip_source_buffer(z, fixed, outn, 1);
        if (!src) {
            free(fixed);
            st = YS_ERR_NOMEM;
            break;
        }
        if (zip_file_replace(z, (zip_uint64_t)i, src, 0) != 0) {
            zip_source_free(src);
            st = YS_ERR_IO;
            break;
        }
        /* 1980-01-01 00:00 as a DOS date, like the entries libxlsxwriter wrote (and independent of TZ) */
        zip_file_set_dostime(z, (zip_uint64_t)i, 0, (1 << 5) | 1, 0);
    }
    if (st != YS_OK) {
        zip_discard(z);
        ys_diags_add(diags, YS_DIAG_ERROR, target, 0, 0, "工作簿数值改写失败");
        return st;
    }
    if (zip_close(z) != 0) {
        ys_diags_add(diags, YS_DIAG_ERROR, target, 0, 0, "工作簿数值改写失败：%s", zip_strerror(z));
        zip_discard(z);
        return YS_ERR_IO;
    }
    return YS_OK;
}

/* ---- entry point ---------------------------------------------------------------------------------- */

ys_status ys_render_xlsx(const ys_disclosure *d, const char *path, ys_diags *diags)
{
    size_t len = strlen(path) + 32;
    char *tmp = malloc(len);
    if (!tmp) return YS_ERR_NOMEM;
    snprintf(tmp, len, "%s.tmp.%ld", path, (long)getpid());

    /* Create the temporary file ourselves first: an unwritable directory then becomes our diagnostic
     * instead of a message libxlsxwriter prints to stderr at workbook_close(). */
    FILE *probe = fopen(tmp, "wb");
    if (!probe) {
        ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "无法写入文件：%s", ys_syserr_text(errno));
        free(tmp);
        return YS_ERR_IO;
    }
    fclose(probe);

    ctx c = {0};
    c.d = d;
    c.wb = workbook_new(tmp);
    if (!c.wb) {
        ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "无法创建工作簿");
        remove(tmp);
        free(tmp);
        return YS_ERR_IO;
    }
    make_formats(&c);

    ys_buf title = YS_BUF_INIT;
    if (d->meta.department) ys_buf_adds(&title, d->meta.department);
    if (d->meta.year > 0) ys_buf_printf(&title, "%d年", d->meta.year);
    ys_buf_printf(&title, "%s%s", ys_scope_name(d->meta.scope), d->meta.kind == YS_KIND_FINAL ? "决算" : "预算");
    lxw_doc_properties props = {0};
    props.title = (char *)ys_buf_str(&title);
    props.author = "yusuan";
    props.created = FIXED_CREATED;
    chk(&c, workbook_set_properties(c.wb, &props), "properties");

    lxw_worksheet *toc = workbook_add_worksheet(c.wb, SHEET_TOC);
    if (!toc) chk(&c, LXW_ERROR_MEMORY_MALLOC_FAILED, "worksheet");
    for (int id = 0; id < YS_TABLE__COUNT && c.err == LXW_NO_ERROR; id++) {
        const ys_table *t = d->tables[id];
        if (!t) continue;
        lxw_worksheet *ws = workbook_add_worksheet(c.wb, sheet_name((ys_table_id)id));
        if (!ws) chk(&c, LXW_ERROR_MEMORY_MALLOC_FAILED, "worksheet");
        else write_table_sheet(&c, ws, t);
    }
    if (d->nprojects && c.err == LXW_NO_ERROR) {
        lxw_worksheet *ws = workbook_add_worksheet(c.wb, SHEET_PROJECTS);
        if (!ws) chk(&c, LXW_ERROR_MEMORY_MALLOC_FAILED, "worksheet");
        else write_projects_sheet(&c, ws);
    }
    if (d->nsections && c.err == LXW_NO_ERROR) {
        lxw_worksheet *ws = workbook_add_worksheet(c.wb, SHEET_NARRATIVE);
        if (!ws) chk(&c, LXW_ERROR_MEMORY_MALLOC_FAILED, "worksheet");
        else write_narrative_sheet(&c, ws);
    }
    if (toc && c.err == LXW_NO_ERROR) write_toc_sheet(&c, toc);

    lxw_error closed = workbook_close(c.wb);   /* frees the workbook whatever happens */
    ys_buf_release(&title);
    ys_status st = YS_OK;
    if (c.err != LXW_NO_ERROR) {
        ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "生成工作簿失败（%s）：%s", c.err_what,
                     lxw_strerror(c.err));
        st = YS_ERR_FORMAT;
    } else if (closed != LXW_NO_ERROR) {
        ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "写入工作簿失败：%s", lxw_strerror(closed));
        st = YS_ERR_IO;
    }
    if (st == YS_OK) st = fix_numbers(tmp, diags, path);
    if (st == YS_OK && rename(tmp, path) != 0) {
        ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "写入文件失败：%s", ys_syserr_text(errno));
        st = YS_ERR_IO;
    }
    if (st != YS_OK) remove(tmp);
    free(tmp);
    return st;
}
