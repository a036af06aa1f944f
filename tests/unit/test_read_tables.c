/*
 * test_read_tables.c — the TABLES stage of the text reader (src/read/text_tables.c) on the published
 * sample and on small hand-made documents: row counts, every row stitched across a page break, header,
 * unit, year, department and notes, the empty-cell rule, assets quantities, template data problems, and
 * a full dump of every table compared with tests/unit/data/tables/sample-tables.tsv (checked by hand
 * against the document: the "read all of it, exactly" guarantee).
 *
 * Run from the repository root (make unit does). YUSUAN_DATA is set to ./data so the test binary, which
 * lives in $(BUILD)/tests/, finds data/templates/tables.tsv. Set YS_DUMP_TABLES=path to write the dump
 * of the sample to a file (to review a change by diff).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/money.h"
#include "read/read.h"
#include "read/tdoc.h"
#include "read/template.h"
#include "read/text_internal.h"

#define SAMPLE "examples/zhaoxian-hrss-2024/published.txt"
#define EXPECTED_DUMP "tests/unit/data/tables/sample-tables.tsv"

static ys_disclosure *sample;
static ys_diags sample_diags;

/* 万元 amount as 分: W(6228, 0) = 6228.00 万元. */
#define WAN(yuan_wan, hundredths) ((ys_money)(yuan_wan) * 1000000 + (ys_money)(hundredths) * 10000)

static int setup(void **state)
{
    (void)state;
    setenv("YUSUAN_DATA", "data", 1);
    ys_diags_init(&sample_diags);
    ys_status st = ys_read_text_file(SAMPLE, &sample, &sample_diags);
    if (st != YS_OK) return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ys_disclosure_free(sample);
    ys_diags_release(&sample_diags);
    return 0;
}

static const ys_table *table(ys_table_id id)
{
    const ys_table *t = ys_disclosure_table(sample, id);
    if (!t) fail_msg("table %s missing", ys_table_id_name(id));
    return t;
}

static const ys_row *row_seq(const ys_table *t, int seq)
{
    for (size_t i = 0; i < t->nrows; i++)
        if (t->rows[i].seq == seq) return &t->rows[i];
    fail_msg("%s: no row %d", ys_table_id_name(t->id), seq);
    return NULL;
}

static const ys_row *row_name(const ys_table *t, const char *name)
{
    for (size_t i = 0; i < t->nrows; i++)
        if (strcmp(t->rows[i].name, name) == 0) return &t->rows[i];
    fail_msg("%s: no row named %s", ys_table_id_name(t->id), name);
    return NULL;
}

static const ys_cell *cell(const ys_table *t, const ys_row *r, const char *key)
{
    const ys_cell *c = ys_row_cell(t, r, key);
    if (!c) fail_msg("%s: no column %s", ys_table_id_name(t->id), key);
    return c;
}

static void assert_money(const ys_table *t, const ys_row *r, const char *key, ys_money want)
{
    const ys_cell *c = cell(t, r, key);
    if (c->kind != YS_CELL_MONEY)
        fail_msg("%s row %d %s: kind %d text '%s', want money", ys_table_id_name(t->id), r->seq, key, c->kind,
                 c->text);
    assert_int_equal(c->money, want);
}

static void assert_empty(const ys_table *t, const ys_row *r, const char *key)
{
    const ys_cell *c = cell(t, r, key);
    if (c->kind != YS_CELL_EMPTY)
        fail_msg("%s row %d %s: kind %d text '%s', want empty", ys_table_id_name(t->id), r->seq, key, c->kind,
                 c->text);
    assert_string_equal(c->text, "");
}

/* ---- the dump -------------------------------------------------------------------------------------- */

static void dump_text(ys_buf *b, const char *s)
{
    for (; s && *s; s++) {
        if (*s == '\n') ys_buf_adds(b, "\\n");
        else if (*s == '\t') ys_buf_adds(b, "\\t");
        else ys_buf_addc(b, *s);
    }
}

static const char *kind_name(ys_col_kind k)
{
    switch (k) {
    case YS_COL_MONEY: return "money";
    case YS_COL_QUANTITY: return "quantity";
    case YS_COL_LABEL: return "label";
    case YS_COL_TEXT: return "text";
    }
    return "?";
}

/*
 * One line per table (T), column (C) and row (R):
 *   T id title unit unit_text department year_text note src-line
 *   C id index header key kind
 *   R id line seq code name cell…   (cell: "" empty, text@line for text, 12.34=分@line for money,
 *                                     #qty@line for quantities)
 */
static void dump(const ys_disclosure *d, ys_buf *b)
{
    for (int id = 0; id < YS_TABLE__COUNT; id++) {
        const ys_table *t = d->tables[id];
        if (!t) continue;
        const char *name = ys_table_id_name(t->id);
        ys_buf_printf(b, "T\t%s\t", name);
        dump_text(b, t->title);
        ys_buf_printf(b, "\t%s\t", ys_unit_name(t->unit));
        dump_text(b, t->unit_text);
        ys_buf_addc(b, '\t');
        dump_text(b, t->department);
        ys_buf_addc(b, '\t');
        dump_text(b, t->year_text);
        ys_buf_addc(b, '\t');
        dump_text(b, t->note);
        ys_buf_printf(b, "\t%d\n", t->src.line);
        for (size_t c = 0; c < t->ncols; c++) {
            ys_buf_printf(b, "C\t%s\t%zu\t", name, c);
            dump_text(b, t->cols[c].header);
            ys_buf_printf(b, "\t%s\t%s\n", t->cols[c].key, kind_name(t->cols[c].kind));
        }
        for (size_t r = 0; r < t->nrows; r++) {
            const ys_row *row = &t->rows[r];
            ys_buf_printf(b, "R\t%s\t%d\t%d\t%s\t", name, row->src.line, row->seq, row->code);
            dump_text(b, row->name);
            for (size_t c = 0; c < t->ncols; c++) {
                const ys_cell *cl = &row->cells[c];
                ys_buf_addc(b, '\t');
                switch (cl->kind) {
                case YS_CELL_EMPTY: break;
                case YS_CELL_MONEY:
                    dump_text(b, cl->text);
                    ys_buf_printf(b, "=%lld@%d", (long long)cl->money, cl->src.line);
                    break;
                case YS_CELL_QUANTITY: ys_buf_printf(b, "#%lld@%d", (long long)cl->qty, cl->src.line); break;
                case YS_CELL_TEXT:
                    dump_text(b, cl->text);
                    ys_buf_printf(b, "@%d", cl->src.line);
                    break;
                }
            }
            ys_buf_addc(b, '\n');
        }
    }
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    ys_buf b = YS_BUF_INIT;
    char tmp[4096];
    size_t r;
    while ((r = fread(tmp, 1, sizeof tmp, f)) > 0) ys_buf_add(&b, tmp, r);
    fclose(f);
    *n = b.len;
    return ys_buf_detach(&b);
}

static void test_dump_matches_expected(void **state)
{
    (void)state;
    ys_buf b = YS_BUF_INIT;
    dump(sample, &b);
    const char *out = getenv("YS_DUMP_TABLES");
    if (out && *out) {
        FILE *f = fopen(out, "wb");
        if (f) {
            fwrite(b.data, 1, b.len, f);
            fclose(f);
        }
    }
    size_t n = 0;
    char *want = slurp(EXPECTED_DUMP, &n);
    assert_non_null(want);
    /* compare line by line so a failure names the first differing line */
    const char *p = ys_buf_str(&b), *q = want;
    int line = 1;
    while (*p || *q) {
        const char *pe = strchr(p, '\n'), *qe = strchr(q, '\n');
        size_t pl = pe ? (size_t)(pe - p) : strlen(p), ql = qe ? (size_t)(qe - q) : strlen(q);
        if (pl != ql || memcmp(p, q, pl) != 0)
            fail_msg("dump differs at line %d:\n got: %.*s\nwant: %.*s", line, (int)pl, p, (int)ql, q);
        p += pl + (pe ? 1 : 0);
        q += ql + (qe ? 1 : 0);
        line++;
    }
    free(want);
    ys_buf_release(&b);
}

/* ---- the sample ------------------------------------------------------------------------------------ */

static void test_row_counts(void **state)
{
    (void)state;
    static const struct {
        ys_table_id id;
        size_t rows;
    } want[] = {
        {YS_TABLE_SUMMARY, 34},     {YS_TABLE_INCOME, 36},       {YS_TABLE_EXPENSE, 36},
        {YS_TABLE_FISCAL_SUMMARY, 37}, {YS_TABLE_GPB_EXPENSE, 36}, {YS_TABLE_GPB_BASIC, 27},
        {YS_TABLE_GOV_FUND, 0},     {YS_TABLE_SOE_CAPITAL, 1},   {YS_TABLE_THREE_PUBLIC, 13},
        {YS_TABLE_PROCUREMENT, 0},  {YS_TABLE_ASSETS, 6},        {YS_TABLE_ORGANISATION, 4},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        const ys_table *t = table(want[i].id);
        if (t->nrows != want[i].rows)
            fail_msg("%s: %zu rows, want %zu", ys_table_id_name(want[i].id), t->nrows, want[i].rows);
    }
    /* sequence numbers 1..n in order where the table prints them */
    static const ys_table_id numbered[] = {YS_TABLE_SUMMARY, YS_TABLE_INCOME, YS_TABLE_EXPENSE,
                                           YS_TABLE_FISCAL_SUMMARY, YS_TABLE_GPB_EXPENSE, YS_TABLE_GPB_BASIC,
                                           YS_TABLE_THREE_PUBLIC};
    for (size_t i = 0; i < sizeof numbered / sizeof *numbered; i++) {
        const ys_table *t = table(numbered[i]);
        for (size_t r = 0; r < t->nrows; r++) assert_int_equal(t->rows[r].seq, (int)r + 1);
    }
}

static void test_page_headers(void **state)
{
    (void)state;
    for (int id = YS_TABLE_SUMMARY; id <= YS_TABLE_THREE_PUBLIC; id++) {
        const ys_table *t = table((ys_table_id)id);
        assert_int_equal(t->unit, YS_UNIT_WANYUAN);
        assert_string_equal(t->unit_text, "单位:万元");
        assert_string_equal(t->department, "323 赵县人力资源和社会保障局");
        assert_non_null(t->year_text);
        assert_string_equal(t->year_text, "2024");   /* also "预算年"/"度：2024" and "预算年度："/"2024" */
    }
    assert_string_equal(table(YS_TABLE_SUMMARY)->title, "部门预算收支总表");
    assert_int_equal(table(YS_TABLE_SUMMARY)->src.line, 32);
    assert_string_equal(table(YS_TABLE_THREE_PUBLIC)->title, "部门预算财政拨款“三公”经费支出表");
    const ys_table *a = table(YS_TABLE_ASSETS);
    assert_int_equal(a->unit, YS_UNIT_WANYUAN);
    assert_string_equal(a->department, "323 赵县人力资源和社会保障局");
    const ys_table *p = table(YS_TABLE_PROCUREMENT);
    assert_int_equal(p->unit, YS_UNIT_WANYUAN);
    assert_string_equal(p->department, "323 赵县人力资源和社会保障局");
    assert_null(table(YS_TABLE_ORGANISATION)->department);
}

static void test_columns(void **state)
{
    (void)state;
    static const struct {
        ys_table_id id;
        const char *keys;
    } want[] = {
        {YS_TABLE_SUMMARY, "in_item in_amount out_item out_amount"},
        {YS_TABLE_FISCAL_SUMMARY, "in_item in_amount out_item out_total out_gpb out_gov_fund out_soe"},
        {YS_TABLE_INCOME, "total subtotal fiscal special business operating superior affiliated other carryover"},
        {YS_TABLE_EXPENSE, "total basic project operating remit subsidy"},
        {YS_TABLE_GPB_EXPENSE, "total basic project"},
        {YS_TABLE_GOV_FUND, "total basic project"},
        {YS_TABLE_SOE_CAPITAL, "total basic project"},
        {YS_TABLE_GPB_BASIC, "total personnel public"},
        {YS_TABLE_THREE_PUBLIC, "total gpb gov_fund soe"},
        {YS_TABLE_PROCUREMENT, "source_project source_amount item catalog_no measure quantity price total gpb "
                               "gov_fund soe special unit_funds sme"},
        {YS_TABLE_ASSETS, "quantity value"},
        {YS_TABLE_ORGANISATION, "unit_type unit_level funding"},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        const ys_table *t = table(want[i].id);
        ys_buf b = YS_BUF_INIT;
        for (size_t c = 0; c < t->ncols; c++) ys_buf_printf(&b, "%s%s", c ? " " : "", t->cols[c].key);
        assert_string_equal(ys_buf_str(&b), want[i].keys);
        ys_buf_release(&b);
    }
    const ys_table *s = table(YS_TABLE_SUMMARY);
    assert_int_equal(s->cols[0].kind, YS_COL_LABEL);
    assert_int_equal(s->cols[1].kind, YS_COL_MONEY);
    assert_string_equal(s->cols[1].header, "预算数");
    const ys_table *tp = table(YS_TABLE_THREE_PUBLIC);
    assert_string_equal(tp->cols[1].header, "一般公共预算财政拨款");
    const ys_table *a = table(YS_TABLE_ASSETS);
    assert_int_equal(a->cols[0].kind, YS_COL_QUANTITY);
    assert_int_equal(table(YS_TABLE_ORGANISATION)->cols[2].kind, YS_COL_TEXT);
}

static void test_income_stitching(void **state)
{
    (void)state;
    const ys_table *t = table(YS_TABLE_INCOME);
    const ys_row *r = row_seq(t, 14);   /* "20805"+"07", "对机"+"关事业…", "6228."+"00" */
    assert_string_equal(r->code, "2080507");
    assert_string_equal(r->name, "对机关事业单位基本养老保险基金的补助");
    assert_money(t, r, "total", WAN(6228, 0));
    assert_money(t, r, "subtotal", WAN(6228, 0));
    assert_money(t, r, "fiscal", WAN(6228, 0));
    assert_string_equal(cell(t, r, "total")->text, "6228.00");
    assert_int_equal(cell(t, r, "total")->decimals, 2);
    assert_int_equal(cell(t, r, "total")->src.line, 144);
    assert_int_equal(r->src.line, 144);
    assert_empty(t, r, "carryover");

    r = row_seq(t, 19);
    assert_string_equal(r->code, "20826");
    assert_string_equal(r->name, "财政对基本养老保险基金的补助");
    assert_money(t, r, "total", WAN(20599, 0));
    r = row_seq(t, 22);
    assert_string_equal(r->name, "财政对其他社会保险基金的补助");
    assert_money(t, r, "fiscal", WAN(6, 78));
    r = row_seq(t, 25);
    assert_string_equal(r->name, "财政代缴社会保险费支出");
    r = row_seq(t, 10);
    assert_string_equal(r->name, "行政单位离退休");
    assert_string_equal(r->code, "2080501");
    r = row_seq(t, 30);
    assert_string_equal(r->name, "事业单位医疗");
    r = row_seq(t, 36);   /* "住房公积金" and the repeated tail "金" on the next page */
    assert_string_equal(r->name, "住房公积金");
    assert_string_equal(r->code, "2210201");
    r = row_seq(t, 1);
    assert_string_equal(r->code, "");
    assert_string_equal(r->name, "合计");
    assert_money(t, r, "total", WAN(34063, 9));
    assert_empty(t, r, "special");
}

static void test_expense_and_others(void **state)
{
    (void)state;
    const ys_table *t = table(YS_TABLE_EXPENSE);
    const ys_row *r = row_seq(t, 9);
    assert_string_equal(r->name, "行政事业单位养老支出");
    assert_money(t, r, "basic", WAN(255, 74));
    assert_money(t, r, "project", WAN(7028, 0));
    r = row_seq(t, 23);
    assert_string_equal(r->name, "财政对失业保险基金的补助");
    r = row_seq(t, 33);   /* "创业担保 贷款贴息 及奖补": spaces between CJK dropped */
    assert_string_equal(r->name, "创业担保贷款贴息及奖补");
    r = row_seq(t, 36);
    assert_string_equal(r->name, "住房公积金");
    assert_empty(t, r, "project");

    t = table(YS_TABLE_GPB_BASIC);
    r = row_seq(t, 1);
    assert_money(t, r, "public", WAN(124, 40));
    assert_int_equal(cell(t, r, "public")->decimals, 1);
    assert_money(t, r, "personnel", WAN(1319, 31));
    r = row_seq(t, 27);
    assert_string_equal(r->code, "30305");
    assert_money(t, r, "total", WAN(2, 99));

    t = table(YS_TABLE_GOV_FUND);
    assert_int_equal(t->nrows, 0);
    assert_string_equal(t->note, "注:无政府基金预算财政拨款预算,空表列示。");
    t = table(YS_TABLE_SOE_CAPITAL);
    r = row_seq(t, 1);
    assert_string_equal(r->name, "合计");
    assert_string_equal(r->code, "");
    assert_empty(t, r, "total");
    assert_empty(t, r, "basic");
    assert_empty(t, r, "project");
    assert_string_equal(t->note, "注:无国有资本经营预算财政拨款预算,空表列示。");
    assert_null(table(YS_TABLE_INCOME)->note);
}

static void test_two_sided(void **state)
{
    (void)state;
    const ys_table *t = table(YS_TABLE_SUMMARY);
    const ys_row *r = row_seq(t, 1);
    assert_string_equal(r->name, "");
    assert_string_equal(r->code, "");
    assert_string_equal(cell(t, r, "in_item")->text, "一、一般公共预算拨款收入");
    assert_int_equal(cell(t, r, "in_item")->kind, YS_CELL_TEXT);
    assert_money(t, r, "in_amount", WAN(34063, 9));
    assert_string_equal(cell(t, r, "out_item")->text, "一、一般公共服务支出");
    assert_empty(t, r, "out_amount");
    r = row_seq(t, 8);
    assert_string_equal(cell(t, r, "out_item")->text, "八、社会保障和就业支出");
    assert_money(t, r, "out_amount", WAN(33840, 55));
    assert_empty(t, r, "in_item");
    r = row_seq(t, 27);
    assert_string_equal(cell(t, r, "out_item")->text, "二十七、债务还本支出");
    assert_int_equal(cell(t, r, "out_item")->src.line, 79);
    r = row_seq(t, 34);
    assert_string_equal(cell(t, r, "in_item")->text, "收入总计");
    assert_money(t, r, "out_amount", WAN(34063, 9));

    t = table(YS_TABLE_FISCAL_SUMMARY);
    r = row_seq(t, 8);
    assert_string_equal(cell(t, r, "out_item")->text, "八、社会保障和就业支出");
    assert_money(t, r, "out_total", WAN(33840, 55));
    assert_money(t, r, "out_gpb", WAN(33840, 55));
    assert_empty(t, r, "out_gov_fund");
    r = row_seq(t, 30);
    assert_string_equal(cell(t, r, "out_item")->text, "三十、抗疫特别国债安排的支出");
    for (int s = 33; s <= 36; s++) {
        r = row_seq(t, s);
        assert_int_equal(cell(t, r, "in_item")->kind, YS_CELL_TEXT);
        assert_empty(t, r, "in_amount");
        assert_empty(t, r, "out_total");
    }
    assert_string_equal(cell(t, row_seq(t, 35), "in_item")->text, "二、政府性基金预算拨款");
    r = row_seq(t, 37);
    assert_money(t, r, "out_total", WAN(34063, 9));
    assert_money(t, r, "out_gpb", WAN(34063, 9));
}

static void test_three_public(void **state)
{
    (void)state;
    const ys_table *t = table(YS_TABLE_THREE_PUBLIC);
    const ys_row *r = row_seq(t, 1);
    assert_string_equal(r->name, "合计");
    assert_empty(t, r, "total");   /* a genuine defect of the sample: kept empty */
    assert_empty(t, r, "gpb");
    r = row_seq(t, 4);
    assert_string_equal(r->name, "其中:教学科研人员因公出国(境)费");
    r = row_seq(t, 8);
    assert_string_equal(r->name, "公务用车运行维护费");
    assert_money(t, r, "total", WAN(11, 10));
    assert_money(t, r, "gpb", WAN(11, 10));
    assert_empty(t, r, "soe");
    r = row_seq(t, 10);
    assert_string_equal(r->name, "四、会议费");
    assert_money(t, r, "total", WAN(1, 50));
    assert_string_equal(row_seq(t, 11)->name, "其中:省属高校业务性会议费");
    assert_string_equal(row_seq(t, 12)->name, "其他会议费");
    r = row_seq(t, 13);
    assert_string_equal(r->name, "五、培训费");
    assert_money(t, r, "gpb", WAN(3, 50));
    assert_string_equal(r->code, "");
}

static void test_procurement_assets_organisation(void **state)
{
    (void)state;
    const ys_table *t = table(YS_TABLE_PROCUREMENT);
    assert_int_equal(t->nrows, 0);
    assert_non_null(t->note);
    const char *nl = strchr(t->note, '\n');
    assert_non_null(nl);
    assert_true(strncmp(t->note, "注:同一采购目录序号的物品", strlen("注:同一采购目录序号的物品")) == 0);
    assert_string_equal(nl + 1, "注:无政府采购预算,空表列示。");
    assert_int_equal(t->cols[13].kind, YS_COL_MONEY);
    assert_string_equal(t->cols[13].header, "2024年预留中小微企业份额");
    assert_int_equal(t->cols[0].kind, YS_COL_TEXT);

    t = table(YS_TABLE_ASSETS);
    const ys_row *r = row_name(t, "资产总额");
    assert_int_equal(r->seq, -1);
    assert_empty(t, r, "quantity");
    assert_money(t, r, "value", WAN(2219, 88));
    r = row_name(t, "1、房屋(平方米)");
    const ys_cell *q = cell(t, r, "quantity");
    assert_int_equal(q->kind, YS_CELL_QUANTITY);
    assert_int_equal(q->qty, 13509);
    assert_string_equal(q->text, "13509");
    assert_money(t, r, "value", WAN(1833, 35));
    r = row_name(t, "其中:办公用房(平方米)");
    assert_int_equal(cell(t, r, "quantity")->qty, 7660);
    r = row_name(t, "2、车辆(台、辆)");
    assert_int_equal(cell(t, r, "quantity")->qty, 5);
    assert_money(t, r, "value", WAN(63, 70));
    r = row_name(t, "3、单价在 20 万元以上的设备");
    assert_empty(t, r, "quantity");
    assert_empty(t, r, "value");
    r = row_name(t, "4、其他固定资产");
    assert_int_equal(cell(t, r, "quantity")->qty, 1285);
    assert_money(t, r, "value", WAN(322, 83));

    t = table(YS_TABLE_ORGANISATION);
    r = row_name(t, "赵县人力资源和社会保障局本级");
    assert_string_equal(cell(t, r, "unit_type")->text, "行政");
    assert_string_equal(cell(t, r, "unit_level")->text, "正科级");
    assert_string_equal(cell(t, r, "funding")->text, "财政拨款");
    r = row_name(t, "赵县城乡居民社会养老保险管理中心");
    assert_string_equal(cell(t, r, "unit_level")->text, "股级");
    assert_int_equal(r->src.line, 665);
}

static void test_toc_not_tables_and_claims(void **state)
{
    (void)state;
    /* titles are the body's, not the table of contents' */
    assert_int_equal(table(YS_TABLE_INCOME)->src.line, 99);

    /* the stage alone on the sample: no warning, and exactly the table lines claimed */
    size_t n = 0;
    char *bytes = slurp(SAMPLE, &n);
    assert_non_null(bytes);
    ys_disclosure *d = ys_disclosure_new(SAMPLE);
    ys_diags dg;
    ys_diags_init(&dg);
    ys_tdoc td;
    assert_int_equal(ys_tdoc_load(&td, d, bytes, n, &dg), YS_OK);
    ys_text_read_tables(&td, &dg);
    for (size_t i = 0; i < dg.count; i++)
        fail_msg("unexpected diagnostic at line %d: %s", dg.items[i].line, dg.items[i].message);
    static const struct {
        int from, to;   /* 1-based, inclusive: the stretches of table lines */
    } tables[] = {{32, 619}, {659, 665}, {1620, 1631}, {1637, 1649}};
    for (size_t i = 0; i < td.nlines; i++) {
        int line = (int)i + 1;
        bool inside = false;
        for (size_t k = 0; k < sizeof tables / sizeof *tables; k++)
            inside |= line >= tables[k].from && line <= tables[k].to;
        if (td.lines[i].blank) continue;   /* blank lines may go either way */
        if (inside != (td.claimed[i] != 0))
            fail_msg("line %d: claimed %d, want %d", line, td.claimed[i], inside);
    }
    ys_diags_release(&dg);
    ys_disclosure_free(d);
    free(bytes);
}

/* ---- hand-made documents --------------------------------------------------------------------------- */

static const char mini_head[] =
    "部门预算收入总表\n"
    "\n"
    "101 某某县测试局\n"
    "预算年度：2023\n"
    "单位：元\n"
    "序号\t功能分类科目\t\t合计\t本年收入\t上年结转\n"
    "\t科目编码\t科目名称\t\t小计\t\n"
    "栏次\t1\t2\t3\t4\t5\n";

static ys_disclosure *read_mem(const char *text, ys_diags *dg)
{
    ys_disclosure *d = NULL;
    ys_diags_init(dg);
    ys_status st = ys_read_text_mem("mini.txt", text, strlen(text), &d, dg);
    assert_int_equal(st, YS_OK);
    return d;
}

static void test_mini_stitching(void **state)
{
    (void)state;
    ys_buf b = YS_BUF_INIT;
    ys_buf_adds(&b, mini_head);
    ys_buf_adds(&b, "1\t\t合计\t1,234.5\t1234.5\t\n");
    ys_buf_adds(&b, "2\t2080\t财政对基本养\t100.\t100.\t-\n");
    ys_buf_adds(&b, "101 某某县测试局\n预算年度：\n2023\n单位：元\n");
    ys_buf_adds(&b, "序号\t功能分类科目\t\t合计\t本年收入\t上年结转\n\t科目 编 码\t科目名称\t\t小计\t\n");
    ys_buf_adds(&b, "\t501\t老保险基金\t50\t50\t\n");          /* code, name and amount split */
    ys_buf_adds(&b, "3\t2010101\t住房公积金\t(7.00)\t\t\n");
    ys_buf_adds(&b, "\t\t金\t\t\t\n");                            /* repeated overflow: dropped */
    ys_buf_adds(&b, "\t\t的补助\t\t\t\n");                        /* real overflow: appended */
    ys_buf_adds(&b, "注：测试注释。\n");
    ys_buf_adds(&b, "这是正文的一句话。\n");
    ys_diags dg;
    ys_disclosure *d = read_mem(ys_buf_str(&b), &dg);
    ys_buf_release(&b);
    const ys_table *t = ys_disclosure_table(d, YS_TABLE_INCOME);
    assert_non_null(t);
    assert_int_equal(t->nrows, 3);
    assert_int_equal(t->unit, YS_UNIT_YUAN);
    assert_string_equal(t->year_text, "2023");
    assert_string_equal(t->department, "101 某某县测试局");
    assert_string_equal(t->note, "注:测试注释。");
    assert_int_equal(t->ncols, 3);
    const ys_row *r = &t->rows[0];
    assert_int_equal(ys_row_cell(t, r, "total")->money, 123450);
    assert_int_equal(ys_row_cell(t, r, "total")->decimals, 1);
    assert_int_equal(ys_row_cell(t, r, "carryover")->kind, YS_CELL_EMPTY);
    r = &t->rows[1];
    assert_string_equal(r->code, "2080501");
    assert_string_equal(r->name, "财政对基本养老保险基金");
    assert_int_equal(ys_row_cell(t, r, "total")->money, 10050);   /* 100.50 元 */
    assert_string_equal(ys_row_cell(t, r, "total")->text, "100.50");
    assert_int_equal(ys_row_cell(t, r, "carryover")->kind, YS_CELL_EMPTY);   /* "-" */
    r = &t->rows[2];
    assert_string_equal(r->name, "住房公积金的补助");
    assert_int_equal(ys_row_cell(t, r, "total")->money, -700);
    assert_int_equal(ys_row_cell(t, r, "subtotal")->kind, YS_CELL_EMPTY);
    assert_int_equal(dg.errors, 0);
    /* the sentence after the note ends the table and stays unclaimed for later stages */
    ys_diags_release(&dg);
    ys_disclosure_free(d);
}

static void test_mini_bad_lines_warn(void **state)
{
    (void)state;
    ys_buf b = YS_BUF_INIT;
    ys_buf_adds(&b, mini_head);
    ys_buf_adds(&b, "1\t\t合计\tabc\t1\t\n");              /* amount not money */
    ys_buf_adds(&b, "x1\t208\t社会保障\t1\t1\t\n");        /* 序号 not a number */
    ys_buf_adds(&b, "2\t208\t社会保障\t1\t1\t\t9\n");      /* a cell under no header */
    ys_buf_adds(&b, "合计\t\t\t2\t2\t\n");                  /* a label across 序号, code and name */
    ys_diags dg;
    ys_disclosure *d = read_mem(ys_buf_str(&b), &dg);
    ys_buf_release(&b);
    const ys_table *t = ys_disclosure_table(d, YS_TABLE_INCOME);
    assert_int_equal(t->nrows, 3);
    assert_int_equal(t->rows[2].seq, -1);
    assert_string_equal(t->rows[2].name, "合计");
    assert_int_equal(ys_row_cell(t, &t->rows[2], "total")->money, 200);
    assert_int_equal(ys_row_cell(t, &t->rows[0], "total")->kind, YS_CELL_TEXT);
    assert_string_equal(ys_row_cell(t, &t->rows[0], "total")->text, "abc");
    int lines[3] = {0, 0, 0};
    size_t n = 0;
    for (size_t i = 0; i < dg.count; i++)
        if (dg.items[i].level == YS_DIAG_WARNING) {
            assert_string_equal(dg.items[i].file, "mini.txt");
            if (n < 3) lines[n] = dg.items[i].line;
            n++;
        }
    assert_int_equal(n, 3);
    assert_int_equal(lines[0], 9);
    assert_int_equal(lines[1], 10);
    assert_int_equal(lines[2], 11);
    ys_diags_release(&dg);
    ys_disclosure_free(d);
}

static void test_mini_toc_and_sentence_not_tables(void **state)
{
    (void)state;
    /* a table-of-contents entry and a title with no header after it are not tables */
    const char *text = "部门预算收支总表\t1\n"
                       "部门预算支出总表\n"
                       "本表无内容。\n"
                       "部门预算收入总表\n"
                       "序号\t科目编码\t科目名称\t合计\n"
                       "1\t208\t社会保障和就业支出\t5.00\n";
    ys_diags dg;
    ys_disclosure *d = read_mem(text, &dg);
    assert_null(ys_disclosure_table(d, YS_TABLE_SUMMARY));
    assert_null(ys_disclosure_table(d, YS_TABLE_EXPENSE));
    const ys_table *t = ys_disclosure_table(d, YS_TABLE_INCOME);
    assert_non_null(t);
    assert_int_equal(t->nrows, 1);
    assert_int_equal(t->unit, YS_UNIT_UNKNOWN);
    assert_int_equal(ys_row_cell(t, &t->rows[0], "total")->money, 500);   /* unknown unit read as 元 */
    ys_diags_release(&dg);
    ys_disclosure_free(d);
}

static void test_mini_other_province(void **state)
{
    (void)state;
    /* Shanghai-like: other titles, 元, a header line with unit and department on one tabular line */
    const char *text = "2024年上海市普陀区某局部门收支总表\n"
                       "编制单位：上海市普陀区某局\t\t单位：元\n"
                       "收入项目\t预算数\t支出项目\t预算数\n"
                       "一般公共预算资金\t1,000.00\t一般公共服务支出\t1,000.00\n"
                       "2024年上海市普陀区某局一般公共预算支出功能分类预算表\n"
                       "单位：元\n"
                       "功能分类科目编码\t功能分类科目名称\t合计\t基本支出\t项目支出\n"
                       "201\t一般公共服务支出\t1000\t800\t200\n";
    ys_diags dg;
    ys_disclosure *d = read_mem(text, &dg);
    const ys_table *t = ys_disclosure_table(d, YS_TABLE_SUMMARY);
    assert_non_null(t);
    assert_int_equal(t->unit, YS_UNIT_YUAN);
    assert_string_equal(t->department, "编制单位:上海市普陀区某局");
    assert_int_equal(t->nrows, 1);
    assert_int_equal(ys_row_cell(t, &t->rows[0], "in_amount")->money, 100000);
    assert_string_equal(ys_row_cell(t, &t->rows[0], "out_item")->text, "一般公共服务支出");
    t = ys_disclosure_table(d, YS_TABLE_GPB_EXPENSE);
    assert_non_null(t);
    assert_int_equal(t->nrows, 1);
    assert_string_equal(t->rows[0].code, "201");
    assert_int_equal(t->rows[0].seq, -1);
    assert_int_equal(ys_row_cell(t, &t->rows[0], "basic")->money, 80000);
    ys_diags_release(&dg);
    ys_disclosure_free(d);
}

static void test_gbk_variant(void **state)
{
    (void)state;
    /* "部门预算收入总表" / "单位：万元" / header / one row, in GBK */
    const char text[] =
        "\xb2\xbf\xc3\xc5\xd4\xa4\xcb\xe3\xca\xd5\xc8\xeb\xd7\xdc\xb1\xed\n"                     /* 部门预算收入总表 */
        "\xb5\xa5\xce\xbb\xa3\xba\xcd\xf2\xd4\xaa\n"                                             /* 单位：万元 */
        "\xd0\xf2\xba\xc5\t\xbf\xc6\xc4\xbf\xb1\xe0\xc2\xeb\t\xbf\xc6\xc4\xbf\xc3\xfb\xb3\xc6\t"  /* 序号 科目编码 科目名称 */
        "\xba\xcf\xbc\xc6\n"                                                                     /* 合计 */
        "1\t208\t\xc9\xe7\xbb\xe1\xb1\xa3\xd5\xcf\t6228.\n"                                      /* 社会保障 */
        "\t07\t\t00\n";
    ys_diags dg;
    ys_disclosure *d = read_mem(text, &dg);
    const ys_table *t = ys_disclosure_table(d, YS_TABLE_INCOME);
    assert_non_null(t);
    assert_int_equal(t->unit, YS_UNIT_WANYUAN);
    assert_int_equal(t->nrows, 1);
    assert_string_equal(t->rows[0].code, "20807");
    assert_string_equal(t->rows[0].name, "社会保障");
    assert_int_equal(ys_row_cell(t, &t->rows[0], "total")->money, WAN(6228, 0));
    ys_diags_release(&dg);
    ys_disclosure_free(d);
}

static void test_template_parse(void **state)
{
    (void)state;
    const char *text = "# comment\n"
                       "title\tincome\t收入 总表\n"
                       "col\tincome\t合计\ttotal\tmoney\n"
                       "col\tincome\t小计\tsubtotal\n"          /* no kind: warned */
                       "bogus\tincome\tx\n"                     /* unknown record: warned */
                       "title\tnosuch\tx\n"                     /* unknown table: warned */
                       "seq\t*\t序号\n";
    ys_arena *a = ys_arena_new();
    ys_template tpl;
    ys_diags dg;
    ys_diags_init(&dg);
    assert_int_equal(ys_template_parse(a, "t.tsv", text, strlen(text), &tpl, &dg), YS_OK);
    assert_int_equal(tpl.tables[YS_TABLE_INCOME].ntitles, 1);
    assert_string_equal(tpl.tables[YS_TABLE_INCOME].titles[0], "收入总表");   /* stored as a key */
    assert_int_equal(tpl.tables[YS_TABLE_INCOME].nheaders, 2);
    assert_int_equal(tpl.tables[YS_TABLE_EXPENSE].nheaders, 1);               /* the * record */
    assert_int_equal(dg.count, 3);
    assert_int_equal(dg.items[0].line, 4);
    ys_diags_release(&dg);
    ys_diags_init(&dg);
    assert_int_equal(ys_template_parse(a, "t.tsv", "seq\t*\t序号\n", 9 + 2, &tpl, &dg), YS_ERR_FORMAT);
    assert_int_equal(dg.errors, 1);
    ys_diags_release(&dg);
    ys_arena_free(a);
}

static void test_garbage_does_not_crash(void **state)
{
    (void)state;
    /* table-like garbage: titles, headers, rows with odd cells, broken years, deep tab runs */
    const char *text = "部门预算收入总表\n预算年\n度：\n单位：万元\n序号\t科目编码\t科目名称\t合计\n"
                       "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\tx\n"
                       "99999999999\t1\t2\t3\n1\t\t\t9999999999999999999999\n\t\t\t.\n"
                       "部门预算支出总表\n序号\t合计\t合计\t合计\t基本支出\n栏次\n1\t2\t3\t4\t5\t6\t7\n"
                       "部门固定资产占用情况表\n项目\t数量\t价值\n\t1.5\t\n房屋\t-3\t1\n";
    ys_diags dg;
    ys_disclosure *d = NULL;
    ys_diags_init(&dg);
    ys_status st = ys_read_text_mem("junk.txt", text, strlen(text), &d, &dg);
    assert_int_equal(st, YS_OK);
    assert_non_null(ys_disclosure_table(d, YS_TABLE_EXPENSE));
    assert_non_null(ys_disclosure_table(d, YS_TABLE_ASSETS));
    assert_true(dg.count > 0);
    ys_diags_release(&dg);
    ys_disclosure_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_row_counts),
        cmocka_unit_test(test_page_headers),
        cmocka_unit_test(test_columns),
        cmocka_unit_test(test_income_stitching),
        cmocka_unit_test(test_expense_and_others),
        cmocka_unit_test(test_two_sided),
        cmocka_unit_test(test_three_public),
        cmocka_unit_test(test_procurement_assets_organisation),
        cmocka_unit_test(test_toc_not_tables_and_claims),
        cmocka_unit_test(test_dump_matches_expected),
        cmocka_unit_test(test_mini_stitching),
        cmocka_unit_test(test_mini_bad_lines_warn),
        cmocka_unit_test(test_mini_toc_and_sentence_not_tables),
        cmocka_unit_test(test_mini_other_province),
        cmocka_unit_test(test_gbk_variant),
        cmocka_unit_test(test_template_parse),
        cmocka_unit_test(test_garbage_does_not_crash),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
