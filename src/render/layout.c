/*
 * layout.c — the printed layout of a disclosure table shared by the text and HTML renderers: label
 * columns, group headers and printed cell texts (see layout.h).
 */
#include "render/layout.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static bool classified_by_function(ys_table_id id)
{
    return id == YS_TABLE_INCOME || id == YS_TABLE_EXPENSE || id == YS_TABLE_GPB_EXPENSE ||
           id == YS_TABLE_GOV_FUND || id == YS_TABLE_SOE_CAPITAL;
}

static bool key_in(const char *key, const char *const *set)
{
    for (; *set; set++)
        if (strcmp(key, *set) == 0) return true;
    return false;
}

void ys_layout_stub_of(const ys_table *t, ys_layout_stub *out)
{
    memset(out, 0, sizeof *out);
    out->seq_header = "序号";
    out->code_header = "科目编码";
    out->name_header = "科目名称";
    switch (t->id) {
    case YS_TABLE_SUMMARY:
    case YS_TABLE_FISCAL_SUMMARY:
        out->seq = true;
        break;
    case YS_TABLE_GPB_BASIC:
        out->seq = out->code = out->name = true;
        out->stub_group = "支出部门经济分类科目";
        break;
    case YS_TABLE_THREE_PUBLIC:
        out->seq = out->name = true;
        out->name_header = "项目";
        break;
    case YS_TABLE_ASSETS:
        out->name = true;
        out->name_header = "项目";
        break;
    case YS_TABLE_ORGANISATION:
        out->name = true;
        out->name_header = "单位名称";
        break;
    case YS_TABLE_PROCUREMENT:
        break;
    default:
        if (classified_by_function(t->id)) {
            out->seq = out->code = out->name = true;
            out->stub_group = "功能分类科目";
        } else {
            out->seq = out->name = true;
            out->name_header = "项目";
        }
        break;
    }
}

const char *ys_layout_group(const ys_table *t, size_t col)
{
    static const char *const income_now[] = {"subtotal", "fiscal", "special", "business", "operating",
                                             "superior", "affiliated", "other", NULL};
    static const char *const basic[] = {"total", "personnel", "public", NULL};
    static const char *const proc_source[] = {"source_project", "source_amount", NULL};
    static const char *const proc_amount[] = {"total", "gpb", "gov_fund", "soe", "special", "unit_funds", NULL};
    if (col >= t->ncols) return NULL;
    const char *key = t->cols[col].key ? t->cols[col].key : "";
    switch (t->id) {
    case YS_TABLE_SUMMARY:
    case YS_TABLE_FISCAL_SUMMARY:
        if (strncmp(key, "in_", 3) == 0) return "收入";
        if (strncmp(key, "out_", 4) == 0) return "支出";
        return NULL;
    case YS_TABLE_INCOME:
        return key_in(key, income_now) ? "本年收入" : NULL;
    case YS_TABLE_GPB_BASIC:
        return key_in(key, basic) ? "一般公共预算基本支出" : NULL;
    case YS_TABLE_THREE_PUBLIC:
        return t->cols[col].kind == YS_COL_MONEY ? "资金性质" : NULL;
    case YS_TABLE_PROCUREMENT:
        if (key_in(key, proc_source)) return "政府采购项目来源";
        if (key_in(key, proc_amount)) return "政府采购金额（当年部门预算安排资金）";
        return NULL;
    default:
        return NULL;
    }
}

bool ys_layout_two_lines(const ys_table *t)
{
    ys_layout_stub st;
    ys_layout_stub_of(t, &st);
    if (st.stub_group) return true;
    for (size_t i = 0; i < t->ncols; i++)
        if (ys_layout_group(t, i)) return true;
    return false;
}

static int max2(int d)
{
    return d > 2 ? d : 2;
}

const char *ys_layout_money(const ys_cell *c, ys_unit unit, char *buf, size_t bufsz)
{
    if (!c) return "";
    switch (c->kind) {
    case YS_CELL_MONEY:
        return ys_money_format(c->money, unit == YS_UNIT_UNKNOWN ? YS_UNIT_YUAN : unit, max2(c->decimals), buf,
                               bufsz);
    case YS_CELL_QUANTITY:
        snprintf(buf, bufsz, "%" PRId64, c->qty);
        return buf;
    case YS_CELL_TEXT:
        return c->text ? c->text : "";
    default:
        return "";
    }
}

const char *ys_layout_cell(const ys_table *t, size_t col, const ys_cell *c, char *buf, size_t bufsz)
{
    if (!c) return "";
    ys_col_kind kind = col < t->ncols ? t->cols[col].kind : YS_COL_MONEY;
    switch (kind) {
    case YS_COL_LABEL:
    case YS_COL_TEXT:
        return c->text ? c->text : "";
    case YS_COL_QUANTITY:
        if (c->kind == YS_CELL_QUANTITY && c->text && *c->text) return c->text;
        return ys_layout_money(c, t->unit, buf, bufsz);
    case YS_COL_MONEY:
    default:
        return ys_layout_money(c, t->unit, buf, bufsz);
    }
}

int ys_layout_seq(const ys_table *t, size_t i)
{
    const ys_row *r = &t->rows[i];
    if (r->seq >= 0) return r->seq;
    if (r->code && *r->code) return (int)i + 1;
    return -1;
}
