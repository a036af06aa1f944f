/*
 * csv.c — one table as CSV (see csv.h).
 */
#include "render/csv.h"
#include "render/json.h"

#include <stdio.h>
#include <string.h>

void ys_csv_field(ys_buf *out, const char *s, bool is_text)
{
    if (!s) s = "";
    bool neutralise = is_text && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
                                  s[0] == '\r');
    bool quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote) ys_buf_addc(out, '"');
    if (neutralise) ys_buf_addc(out, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '"') ys_buf_addc(out, '"');
        ys_buf_addc(out, *p);
    }
    if (quote) ys_buf_addc(out, '"');
}

static bool two_sided(const ys_table *t)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (t->cols[i].kind == YS_COL_LABEL) return true;
    return false;
}

static bool classified(ys_table_id id)
{
    switch (id) {
    case YS_TABLE_INCOME: case YS_TABLE_EXPENSE: case YS_TABLE_GPB_EXPENSE: case YS_TABLE_GPB_BASIC:
    case YS_TABLE_GOV_FUND: case YS_TABLE_SOE_CAPITAL:
        return true;
    default:
        return false;
    }
}

void ys_csv_table(ys_buf *out, const ys_table *t)
{
    bool sided = two_sided(t);
    ys_csv_field(out, "序号", true);
    if (!sided) {
        ys_buf_addc(out, ',');
        ys_csv_field(out, classified(t->id) ? "科目编码" : "编码", true);
        ys_buf_addc(out, ',');
        ys_csv_field(out, classified(t->id) ? "科目名称" : "名称", true);
    }
    for (size_t i = 0; i < t->ncols; i++) {
        ys_buf_addc(out, ',');
        ys_csv_field(out, t->cols[i].header, true);
    }
    ys_buf_adds(out, "\r\n");
    for (size_t r = 0; r < t->nrows; r++) {
        const ys_row *row = &t->rows[r];
        if (row->seq >= 0) ys_buf_printf(out, "%d", row->seq);
        if (!sided) {
            ys_buf_addc(out, ',');
            ys_csv_field(out, row->code, true);
            ys_buf_addc(out, ',');
            ys_csv_field(out, row->name, true);
        }
        for (size_t i = 0; i < t->ncols; i++) {
            char buf[YS_JSON_VALUEBUF];
            bool is_text = false;
            const char *v = ys_json_cell_value(t, i, &row->cells[i], buf, sizeof buf, &is_text);
            ys_buf_addc(out, ',');
            ys_csv_field(out, v, is_text);
        }
        ys_buf_adds(out, "\r\n");
    }
}
