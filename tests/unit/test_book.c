/*
 * test_book.c — the budget book: the model's enumerations (model/budget.c), the reader (read/book.c:
 * every sheet, TSV from memory and from a directory in UTF-8 + BOM and GBK + CRLF, XLSX written here
 * with libxlsxwriter, exact unit conversion, binary noise, errors at file:line and sheet!A1, no half-read
 * book), the rule family "book" (check/book.c: a clean book has no finding; each rule fires alone on a
 * tiny book that breaks it) and the template writer (render/book_template.c: byte-identical, never
 * overwrites, and reads back with only the "empty book" findings). Runs from the repository root.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <iconv.h>
#include <xlsxwriter.h>

#include "catalog/catalog.h"
#include "check/check.h"
#include "model/budget.h"
#include "read/book.h"
#include "render/book_template.h"

/* ---- a tiny clean book ------------------------------------------------------------------------------ */

static const char META[] =
    "key\tvalue\n"
    "planned_purchases\t1.50\n"   /* above the unit: read in it all the same */
    "department\t测试县示例局\n"
    "department_code\t901\n"
    "region\t测试县\n"
    "year\t2024\n"
    "kind\t预算\n"
    "scope\t部门\n"
    "unit\t万元\n"
    "assets_as_of\t2023-12-31\n";
static const char UNITS[] = "name\ttype\tlevel\tfunding\n测试县示例局本级\t行政\t正科级\t财政拨款\n";
static const char LINES[] =
    "unit\tfunction\teconomic\tfund\tsource\tcarryover\tkind\tproject\tamount\ttag\n"
    "测试县示例局本级\t2080101\t30101\t一般公共预算\t\t\t基本人员\t\t100.00\t\n"
    "测试县示例局本级\t2080101\t30201\t一般公共预算\t\t\t基本公用\t\t20.50\t\n"
    "测试县示例局本级\t2080199\t30227\t一般公共预算\t\t\t项目\tP001\t30.00\t\n";
static const char PROJECTS[] =
    "code\tname\tunit\tpurpose\tgoal\tplan_unit\tplan_3\tplan_6\tplan_10\tplan_12\n"
    "P001\t示例项目\t测试县示例局本级\t委托业务\t第一条\\n第二条\t%\t25\t50\t75\t100\n";
static const char INDICATORS[] =
    "project\tlevel1\tlevel2\tlevel3\tdescription\tvalue\tbasis\n"
    "P001\t产出指标\t数量指标\t完成数量\t完成全部委托业务\t≥10项\t年度计划\n";
static const char PROCUREMENT[] =
    "project\titem\tcatalog_no\tmeasure\tquantity\tprice\tfund\tamount\tsme\n"
    "示例项目\t台式计算机\tA02010104\t台\t2\t0.50\t一般公共预算\t1.00\t1.00\n";
static const char ASSETS[] = "item\tquantity\tvalue\n房屋\t1200\t300.00\n车辆\t\t25.00\n";
static const char PRIOR[] = "item\tamount\treason\ntotal\t140.00\t人员增加\n";
static const char TEXTS[] = "section\ttext\nduties\t负责全县示例工作。\nduties\t第二段。\n# a comment\n\nother\t无\n";

typedef struct {
    const char *meta, *units, *lines, *projects, *indicators, *procurement, *assets, *prior, *texts;
} sheets;

static sheets clean(void)
{
    sheets s = {META, UNITS, LINES, PROJECTS, INDICATORS, PROCUREMENT, ASSETS, PRIOR, TEXTS};
    return s;
}

/* s with the first `old` replaced by `new_` (static buffer per call site is not enough: heap, leaked into
 * the test's own list and freed at the end). */
static char *owned[64];
static size_t nowned;
static const char *replace(const char *s, const char *old, const char *new_)
{
    const char *p = strstr(s, old);
    assert_non_null(p);
    size_t n = strlen(s) - strlen(old) + strlen(new_) + 1;
    char *r = malloc(n);
    assert_non_null(r);
    snprintf(r, n, "%.*s%s%s", (int)(p - s), s, new_, p + strlen(old));
    assert_true(nowned < 64);
    owned[nowned++] = r;
    return r;
}

static void free_owned(void)
{
    while (nowned) free(owned[--nowned]);
}

/* Parse the sheets into a new budget; the number of error diagnostics into *errors. */
static ys_budget *parse(const sheets *s, ys_diags *d)
{
    ys_budget *b = ys_budget_new("book");
    const struct { const char *name, *text; } order[] = {
        {"meta", s->meta}, {"units", s->units}, {"projects", s->projects}, {"lines", s->lines},
        {"indicators", s->indicators}, {"procurement", s->procurement}, {"assets", s->assets},
        {"prior", s->prior}, {"texts", s->texts},
    };
    for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
        if (!order[i].text) continue;
        char file[64];
        snprintf(file, sizeof file, "book/%s.tsv", order[i].name);
        ys_book_parse_tsv(b, order[i].name, file, order[i].text, strlen(order[i].text), d);
    }
    return b;
}

static ys_catalog *catalog(void)
{
    ys_diags d;
    ys_diags_init(&d);
    ys_catalog *c = ys_catalog_new();
    assert_int_equal(ys_catalog_load_default(c, &d), YS_OK);
    ys_diags_release(&d);
    return c;
}

static void dump(const ys_diags *d, const ys_findings *f)
{
    for (size_t i = 0; d && i < d->count; i++)
        fprintf(stderr, "diag %s:%d %s %s\n", d->items[i].file ? d->items[i].file : "", d->items[i].line,
                d->items[i].where ? d->items[i].where : "", d->items[i].message);
    for (size_t i = 0; f && i < f->count; i++)
        fprintf(stderr, "finding %s %s\n", f->items[i].rule, f->items[i].message);
}

/* ---- the model ---------------------------------------------------------------------------------------- */

static void test_enums(void **state)
{
    (void)state;
    assert_int_equal(ys_fund_parse("一般公共预算"), YS_FUND_GPB);
    assert_int_equal(ys_fund_parse("政府性基金"), YS_FUND_GOV);
    assert_int_equal(ys_fund_parse("国有资本经营预算"), YS_FUND_SOE);
    assert_int_equal(ys_fund_parse("财政专户"), YS_FUND_SPECIAL);
    assert_int_equal(ys_fund_parse("单位资金"), YS_FUND_UNIT);
    assert_int_equal(ys_fund_parse("别的"), -1);
    assert_true(ys_fund_is_fiscal(YS_FUND_SOE));
    assert_false(ys_fund_is_fiscal(YS_FUND_SPECIAL));
    assert_string_equal(ys_fund_name(YS_FUND_GOV), "政府性基金预算");
    assert_int_equal(ys_source_kind_parse(""), YS_SOURCE_NONE);
    assert_int_equal(ys_source_kind_parse("事业收入"), YS_SOURCE_BUSINESS);
    assert_int_equal(ys_source_kind_parse("xx"), -1);
    assert_int_equal(ys_spend_kind_parse("基本人员"), YS_SPEND_PERSONNEL);
    assert_int_equal(ys_spend_kind_parse("基本-公用"), YS_SPEND_PUBLIC);
    assert_int_equal(ys_spend_kind_parse("人员经费"), YS_SPEND_PERSONNEL);
    assert_int_equal(ys_spend_kind_parse("对附属单位补助"), YS_SPEND_SUBSIDY);
    assert_int_equal(ys_spend_kind_parse("基本工资"), -1);
    assert_string_equal(ys_spend_kind_name(YS_SPEND_PROJECT), "项目");
    assert_int_equal(ys_unit_type_parse("参公"), YS_UNIT_CIVIL);
    assert_int_equal(ys_unit_type_parse("事业单位"), YS_UNIT_INSTITUTION);
    assert_int_equal(ys_unit_type_parse("公司"), -1);
    ys_budget_free(NULL);
}

/* ---- reading every sheet ------------------------------------------------------------------------------ */

static void test_read_every_sheet(void **state)
{
    (void)state;
    ys_diags d;
    ys_diags_init(&d);
    sheets s = clean();
    ys_budget *b = parse(&s, &d);
    if (d.count) dump(&d, NULL);
    assert_int_equal(d.count, 0);
    assert_string_equal(b->meta.department, "测试县示例局");
    assert_string_equal(b->meta.department_code, "901");
    assert_string_equal(b->meta.region, "测试县");
    assert_int_equal(b->meta.year, 2024);
    assert_int_equal(b->meta.kind, YS_KIND_BUDGET);
    assert_int_equal(b->meta.scope, YS_SCOPE_DEPARTMENT);
    assert_int_equal(b->meta.unit, YS_UNIT_WANYUAN);
    assert_string_equal(b->assets_as_of, "2023-12-31");
    assert_int_equal(b->planned_purchases, 1500000);   /* 1.50 万元 */
    assert_int_equal(b->nunits, 1);
    assert_int_equal(b->units[0].type, YS_UNIT_ADMIN);
    assert_string_equal(b->units[0].level, "正科级");
    assert_int_equal(b->nlines, 3);
    assert_int_equal(b->lines[0].amount, 100000000);   /* 100.00 万元 */
    assert_int_equal(b->lines[1].kind, YS_SPEND_PUBLIC);
    assert_int_equal(b->lines[2].kind, YS_SPEND_PROJECT);
    assert_string_equal(b->lines[2].project, "P001");
    assert_string_equal(b->lines[2].src.file, "book/lines.tsv");
    assert_int_equal(b->lines[2].src.line, 4);
    assert_int_equal(b->nprojects, 1);
    const ys_budget_project *p = ys_budget_find_project(b, "P001");
    assert_non_null(p);
    assert_string_equal(p->goal, "第一条\n第二条");
    assert_true(p->schedule_percent);
    assert_int_equal(p->nschedule, 4);
    assert_string_equal(p->schedule[0].label, "3月底");
    assert_string_equal(p->schedule[3].label, "12月底");
    assert_int_equal(p->schedule[0].value.kind, YS_CELL_MONEY);
    assert_int_equal(p->schedule[0].value.money, 2500);    /* 25 % kept as 25 × 100 */
    assert_int_equal(p->schedule[3].value.money, 10000);
    assert_int_equal(p->nindicators, 1);
    assert_string_equal(p->indicators[0].value, "≥10项");
    assert_int_equal(b->nprocurement, 1);
    assert_int_equal(b->procurement[0].quantity, 2);
    assert_int_equal(b->procurement[0].price, 500000);
    assert_int_equal(b->procurement[0].amount, 1000000);
    assert_int_equal(b->nassets, 2);
    assert_int_equal(b->assets[0].quantity, 1200);
    assert_int_equal(b->assets[1].quantity, -1);
    assert_int_equal(b->assets[1].value, 25000000);
    const ys_budget_prior *pr = ys_budget_find_prior(b, "total");
    assert_non_null(pr);
    assert_int_equal(pr->amount, 140000000);
    assert_string_equal(pr->reason, "人员增加");
    assert_null(ys_budget_find_prior(b, "basic"));
    assert_string_equal(ys_budget_find_text(b, "duties"), "负责全县示例工作。\n第二段。");
    assert_string_equal(ys_budget_find_text(b, "other"), "无");
    assert_null(ys_budget_find_text(b, "changes"));
    assert_non_null(ys_budget_find_unit(b, "测试县示例局本级"));
    ys_budget_free(b);
    ys_diags_release(&d);
}

static void test_money_schedule(void **state)
{
    (void)state;
    ys_diags d;
    ys_diags_init(&d);
    sheets s = clean();
    s.projects = replace(PROJECTS, "%\t25\t50\t75\t100", "金额\t7.5\t15\t22.5\t30.00");
    ys_budget *b = parse(&s, &d);
    assert_int_equal(d.errors, 0);
    assert_false(b->projects[0].schedule_percent);
    assert_int_equal(b->projects[0].schedule[0].value.money, 7500000);
    assert_int_equal(b->projects[0].schedule[3].value.money, 30000000);
    ys_findings f;
    ys_findings_init(&f);
    ys_check_book(b, NULL, &f);
    for (size_t i = 0; i < f.count; i++) assert_string_not_equal(f.items[i].rule, "BOOK-10");
    ys_findings_release(&f);
    ys_budget_free(b);
    ys_diags_release(&d);
    free_owned();
}

/* ---- exact units ---------------------------------------------------------------------------------------- */

/* The amount of the first line read with meta unit `unit` and amount text `amount`; errors counted. */
static ys_money first_amount(const char *unit, const char *amount, size_t *errors)
{
    ys_diags d;
    ys_diags_init(&d);
    sheets s = clean();
    char meta[64];
    snprintf(meta, sizeof meta, "unit\t%s\n", unit);
    s.meta = *unit ? replace(META, "unit\t万元\n", meta) : replace(META, "unit\t万元\n", "");
    s.lines = replace(LINES, "100.00", amount);
    ys_budget *b = parse(&s, &d);
    *errors = d.errors;
    ys_money v = b->nlines == 3 ? b->lines[0].amount : -1;
    ys_budget_free(b);
    ys_diags_release(&d);
    free_owned();
    return v;
}

static void test_units(void **state)
{
    (void)state;
    size_t e;
    assert_int_equal(first_amount("万元", "1.234567", &e), 1234567);
    assert_int_equal(e, 0);
    assert_int_equal(first_amount("万元", "34063.09", &e), 34063090000LL);
    assert_int_equal(e, 0);
    first_amount("万元", "1.2345678", &e);   /* finer than 分 */
    assert_int_equal(e, 1);
    assert_int_equal(first_amount("元", "1,234.56", &e), 123456);
    assert_int_equal(e, 0);
    assert_int_equal(first_amount("元", "-12.00", &e), -1200);
    assert_int_equal(e, 0);
    first_amount("元", "12.345", &e);
    assert_int_equal(e, 1);
    first_amount("元", "十二", &e);
    assert_int_equal(e, 1);
    first_amount("元", "", &e);   /* an amount is required */
    assert_int_equal(e, 1);
    /* no unit declared: said once per sheet with amounts (meta, lines, procurement, assets, prior) */
    first_amount("", "12.00", &e);
    assert_int_equal(e, 5);
    first_amount("千元", "12.00", &e);   /* the unknown unit, then the same */
    assert_int_equal(e, 6);
}

/* ---- reader errors ------------------------------------------------------------------------------------- */

static void test_reader_errors(void **state)
{
    (void)state;
    ys_diags d;
    ys_diags_init(&d);
    sheets s = clean();
    s.lines = replace(LINES, "一般公共预算\t\t\t基本公用", "公益金\t\t\t基本公用");
    s.indicators = replace(INDICATORS, "P001", "P404");
    s.units = replace(UNITS, "\t行政\t", "\t公司\t");
    s.prior = replace(PRIOR, "140.00", "");
    ys_budget *b = parse(&s, &d);
    assert_int_equal(d.errors, 4);
    bool fund = false, ind = false;
    for (size_t i = 0; i < d.count; i++) {
        if (strstr(d.items[i].message, "公益金")) {
            fund = true;
            assert_string_equal(d.items[i].file, "book/lines.tsv");
            assert_int_equal(d.items[i].line, 3);
        }
        if (strstr(d.items[i].message, "P404")) {
            ind = true;
            assert_string_equal(d.items[i].file, "book/indicators.tsv");
            assert_int_equal(d.items[i].line, 2);
        }
    }
    assert_true(fund && ind);
    assert_int_equal(b->nlines, 2);   /* the bad line is not kept; reading went on */
    ys_budget_free(b);
    ys_diags_release(&d);

    /* a missing required column; an unknown column is a warning */
    ys_diags_init(&d);
    s = clean();
    s.lines = replace(LINES, "\tamount\t", "\tmoney\t");
    b = parse(&s, &d);
    assert_int_equal(d.errors, 1);
    assert_int_equal(d.count, 2);
    assert_int_equal(b->nlines, 0);
    ys_budget_free(b);
    ys_diags_release(&d);

    /* unknown sheet name */
    b = ys_budget_new("x");
    ys_diags_init(&d);
    assert_int_equal(ys_book_parse_tsv(b, "nonsense", "x", "a\n", 2, &d), YS_ERR_USAGE);
    ys_budget_free(b);
    ys_diags_release(&d);
    free_owned();
}

/* ---- directories: encodings, no half-read book -------------------------------------------------------- */

static char tmpdir[256];

static void write_file(const char *dir, const char *name, const char *bytes, size_t n)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, n, f), n);
    fclose(f);
}

static void rm_dir(const char *dir)
{
    const char *names[] = {"meta.tsv", "units.tsv", "lines.tsv", "projects.tsv", "indicators.tsv", "procurement.tsv",
                           "assets.tsv", "prior.tsv", "texts.tsv", "book.xlsx", "again.xlsx"};
    char path[512];
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        remove(path);
    }
    rmdir(dir);
}

static const char *make_tmpdir(void)
{
    snprintf(tmpdir, sizeof tmpdir, "%s/yusuan-book-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    assert_non_null(mkdtemp(tmpdir));
    return tmpdir;
}

/* UTF-8 → GBK with CRLF line ends. */
static char *to_gbk_crlf(const char *s, size_t *n)
{
    size_t len = strlen(s), crlf = 0;
    for (size_t i = 0; i < len; i++) crlf += s[i] == '\n';
    char *u = malloc(len + crlf + 1), *o = u;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\n') *o++ = '\r';
        *o++ = s[i];
    }
    *o = '\0';
    iconv_t cd = iconv_open("GBK", "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t cap = 2 * (len + crlf) + 16, inleft = (size_t)(o - u), outleft = cap;
    char *g = malloc(cap), *in = u, *out = g;
    assert_int_not_equal(iconv(cd, &in, &inleft, &out, &outleft), (size_t)-1);
    iconv_close(cd);
    free(u);
    *n = cap - outleft;
    return g;
}

static void test_dir_encodings(void **state)
{
    (void)state;
    const char *dir = make_tmpdir();
    char bom[sizeof META + 3] = "\xEF\xBB\xBF";
    memcpy(bom + 3, META, sizeof META);
    write_file(dir, "meta.tsv", bom, strlen(bom));
    size_t n;
    char *gbk = to_gbk_crlf(LINES, &n);
    write_file(dir, "lines.tsv", gbk, n);
    free(gbk);
    write_file(dir, "units.tsv", UNITS, strlen(UNITS));
    write_file(dir, "projects.tsv", PROJECTS, strlen(PROJECTS));
    ys_diags d;
    ys_diags_init(&d);
    ys_budget *b = NULL;
    ys_status st = ys_book_read(dir, &b, &d);
    if (st != YS_OK) dump(&d, NULL);
    assert_int_equal(st, YS_OK);
    assert_non_null(b);
    assert_string_equal(b->meta.department, "测试县示例局");
    assert_int_equal(b->nlines, 3);
    assert_string_equal(b->lines[0].unit, "测试县示例局本级");
    assert_string_equal(b->lines[0].function, "2080101");
    assert_int_equal(b->lines[1].amount, 20500000);
    assert_int_equal(b->display_unit, YS_UNIT_WANYUAN);   /* defaults to the book's unit */
    ys_catalog *cat = catalog();
    ys_findings f;
    ys_findings_init(&f);
    ys_check_book(b, cat, &f);
    if (f.count) dump(NULL, &f);
    assert_int_equal(f.count, 0);
    ys_findings_release(&f);
    ys_catalog_free(cat);
    ys_budget_free(b);
    ys_diags_release(&d);

    /* one bad cell: YS_ERR_FORMAT and no budget */
    const char *bad = replace(LINES, "20.50", "20.5x");
    write_file(dir, "lines.tsv", bad, strlen(bad));
    ys_diags_init(&d);
    b = (ys_budget *)1;
    assert_int_equal(ys_book_read(dir, &b, &d), YS_ERR_FORMAT);
    assert_null(b);
    assert_int_equal(d.errors, 1);
    assert_int_equal(d.items[0].line, 3);
    ys_diags_release(&d);

    /* lines.tsv missing */
    char path[512];
    snprintf(path, sizeof path, "%s/lines.tsv", dir);
    remove(path);
    ys_diags_init(&d);
    assert_int_equal(ys_book_read(dir, &b, &d), YS_ERR_FORMAT);
    assert_null(b);
    ys_diags_release(&d);
    rm_dir(dir);
    free_owned();
}

/* ---- XLSX ----------------------------------------------------------------------------------------------- */

static void write_meta_sheet(lxw_workbook *wb, const char *unit)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, "meta");
    worksheet_write_string(ws, 0, 0, "项目(key)", NULL);
    worksheet_write_string(ws, 0, 1, "内容(value)", NULL);
    worksheet_write_string(ws, 1, 0, "部门名称(department)", NULL);
    worksheet_write_string(ws, 1, 1, "测试县示例局", NULL);
    worksheet_write_string(ws, 2, 0, "year", NULL);
    worksheet_write_number(ws, 2, 1, 2024, NULL);
    worksheet_write_string(ws, 3, 0, "unit", NULL);
    worksheet_write_string(ws, 3, 1, unit, NULL);
    worksheet_write_string(ws, 4, 0, "region", NULL);
    worksheet_write_string(ws, 4, 1, "测试县", NULL);
    lxw_format *date = workbook_add_format(wb);
    format_set_num_format(date, "yyyy-mm-dd");
    worksheet_write_string(ws, 5, 0, "assets_as_of", NULL);
    worksheet_write_number(ws, 5, 1, 45291, date);   /* 2023-12-31 */
}

static void write_lines_sheet(lxw_workbook *wb, double second)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, "lines");
    const char *h[] = {"所属单位(unit)", "功能科目(function)", "经济科目", "fund", "支出类型(kind)", "金额(amount)"};
    for (int c = 0; c < 6; c++) worksheet_write_string(ws, 0, (lxw_col_t)c, h[c], NULL);
    for (int r = 1; r <= 2; r++) {
        worksheet_write_string(ws, (lxw_row_t)r, 0, "测试县示例局本级", NULL);
        worksheet_write_string(ws, (lxw_row_t)r, 1, "2080101", NULL);
        worksheet_write_number(ws, (lxw_row_t)r, 2, r == 1 ? 30101 : 30201, NULL);
        worksheet_write_string(ws, (lxw_row_t)r, 3, "一般公共预算", NULL);
        worksheet_write_string(ws, (lxw_row_t)r, 4, r == 1 ? "基本人员" : "基本公用", NULL);
        worksheet_write_number(ws, (lxw_row_t)r, 5, r == 1 ? 1200.5 : second, NULL);
    }
}

static ys_budget *read_xlsx(double second, ys_diags *d, ys_status *st)
{
    char path[512];
    snprintf(path, sizeof path, "%s/book.xlsx", tmpdir);
    lxw_workbook *wb = workbook_new(path);
    assert_non_null(wb);
    write_meta_sheet(wb, "元");
    write_lines_sheet(wb, second);
    workbook_add_worksheet(wb, "说明");
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    ys_budget *b = NULL;
    *st = ys_book_read(path, &b, d);
    return b;
}

static void test_xlsx(void **state)
{
    (void)state;
    make_tmpdir();
    ys_diags d;
    ys_diags_init(&d);
    ys_status st;
    /* 0.1 + 0.7 is stored as 0.7999999999999999: binary noise, read as 0.80 with a note */
    ys_budget *b = read_xlsx(0.1 + 0.7, &d, &st);
    if (st != YS_OK) dump(&d, NULL);
    assert_int_equal(st, YS_OK);
    assert_int_equal(b->meta.year, 2024);
    assert_int_equal(b->meta.unit, YS_UNIT_YUAN);
    assert_string_equal(b->assets_as_of, "2023-12-31");
    assert_int_equal(b->nlines, 2);
    assert_int_equal(b->lines[0].amount, 120050);
    assert_string_equal(b->lines[1].economic, "30201");
    assert_int_equal(b->lines[1].amount, 80);
    assert_string_equal(b->lines[1].src.where, "lines!A3");
    assert_int_equal(d.count, 1);
    assert_int_equal(d.items[0].level, YS_DIAG_NOTE);
    assert_string_equal(d.items[0].where, "lines!F3");
    ys_budget_free(b);
    ys_diags_release(&d);

    /* 12.345 元 is finer than 分: an error at the cell, no budget */
    ys_diags_init(&d);
    b = read_xlsx(12.345, &d, &st);
    assert_int_equal(st, YS_ERR_FORMAT);
    assert_null(b);
    assert_int_equal(d.errors, 1);
    assert_string_equal(d.items[0].where, "lines!F3");
    ys_diags_release(&d);
    rm_dir(tmpdir);
}

/* ---- template round trip ----------------------------------------------------------------------------- */

static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *b = malloc((size_t)len + 1);
    assert_int_equal(fread(b, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    *n = (size_t)len;
    return b;
}

/* An empty book reads without error and gives only BOOK-01 (meta) and BOOK-02 (no lines). */
static void empty_book_findings(const char *path)
{
    ys_diags d;
    ys_diags_init(&d);
    ys_budget *b = NULL;
    ys_status st = ys_book_read(path, &b, &d);
    if (st != YS_OK || d.count) dump(&d, NULL);
    assert_int_equal(st, YS_OK);
    assert_int_equal(d.count, 0);
    ys_findings f;
    ys_findings_init(&f);
    ys_check_book(b, NULL, &f);
    assert_int_equal(f.count, 2);
    assert_string_equal(f.items[0].rule, "BOOK-01");
    assert_string_equal(f.items[1].rule, "BOOK-02");
    ys_findings_release(&f);
    ys_budget_free(b);
    ys_diags_release(&d);
}

static void test_template(void **state)
{
    (void)state;
    const char *dir = make_tmpdir();
    char a[512], c[512];
    snprintf(a, sizeof a, "%s/book.xlsx", dir);
    snprintf(c, sizeof c, "%s/again.xlsx", dir);
    ys_diags d;
    ys_diags_init(&d);
    assert_int_equal(ys_book_template_xlsx(a, false, &d), YS_OK);
    assert_int_equal(ys_book_template_xlsx(c, false, &d), YS_OK);
    assert_int_equal(ys_book_template_xlsx(a, false, &d), YS_ERR_IO);   /* exists */
    assert_int_equal(d.errors, 1);
    assert_int_equal(ys_book_template_xlsx(a, true, &d), YS_OK);
    ys_diags_release(&d);
    size_t na, nc;
    unsigned char *ba = slurp(a, &na), *bc = slurp(c, &nc);
    assert_int_equal(na, nc);
    assert_memory_equal(ba, bc, na);   /* byte-identical */
    free(ba);
    free(bc);
    empty_book_findings(a);

    /* the TSV form: header rows only; refuses to overwrite */
    ys_diags_init(&d);
    assert_int_equal(ys_book_template_tsv(dir, false, &d), YS_OK);
    assert_int_equal(ys_book_template_tsv(dir, false, &d), YS_ERR_IO);
    assert_int_equal(ys_book_template_tsv(dir, true, &d), YS_OK);
    ys_diags_release(&d);
    empty_book_findings(dir);
    rm_dir(dir);
}

/* ---- the rules -------------------------------------------------------------------------------------- */

typedef struct {
    const char *sheet;     /* "lines", … */
    const char *old, *new_;
    const char *rules;     /* the rule ids expected, space-separated, in finding order */
} breakage;

static const char **sheet_slot(sheets *s, const char *name)
{
    if (!strcmp(name, "meta")) return &s->meta;
    if (!strcmp(name, "units")) return &s->units;
    if (!strcmp(name, "lines")) return &s->lines;
    if (!strcmp(name, "projects")) return &s->projects;
    if (!strcmp(name, "prior")) return &s->prior;
    if (!strcmp(name, "texts")) return &s->texts;
    if (!strcmp(name, "assets")) return &s->assets;
    return NULL;
}

static void test_rules(void **state)
{
    (void)state;
    static const breakage cases[] = {
        {NULL, NULL, NULL, ""},
        {"meta", "department\t测试县示例局\n", "", "BOOK-01"},
        {"units", "测试县示例局本级\t", "测试县示例局机关\t", "BOOK-03 BOOK-03 BOOK-03 BOOK-15"},
        {"lines", "2080101\t30201", "20801\t30201", "BOOK-04"},
        {"lines", "2080101\t30201", "2080101\t302", "BOOK-04"},
        {"lines", "2080199\t30227", "2089999\t30227", "BOOK-05"},
        {"lines", "项目\tP001", "项目\t", "BOOK-06 BOOK-08"},
        {"lines", "基本人员\t", "基本人员\tP001", "BOOK-06"},
        {"lines", "项目\tP001", "项目\tP009", "BOOK-07 BOOK-08"},
        {"projects", "100\n", "100\nP002\t第二个项目\t测试县示例局本级\t\t\t%\t25\t50\t75\t100\n", "BOOK-08"},
        {"projects", "100\n", "100\nP001\t重复\t测试县示例局本级\t\t\t%\t25\t50\t75\t100\n", "BOOK-09"},
        {"projects", "25\t50\t75\t100", "25\t60\t50\t100", "BOOK-10"},
        {"projects", "25\t50\t75\t100", "25\t50\t75\t90", "BOOK-10"},
        {"projects", "25\t50\t75\t100", "\t\t\t", "BOOK-10"},
        {"projects", "25\t50\t75\t100", "25\t\t75\t100", "BOOK-10"},
        {"projects", "%\t25\t50\t75\t100", "金额\t5\t10\t20\t29", "BOOK-10"},
        {"lines", "一般公共预算\t\t\t项目", "单位资金\t\t\t项目", "BOOK-11"},
        {"lines", "一般公共预算\t\t\t项目", "一般公共预算\t事业收入\t\t项目", "BOOK-11"},
        {"lines", "30201\t一般公共预算\t\t\t基本公用", "30101\t一般公共预算\t\t\t基本公用", "BOOK-12"},
        {"lines", "30101\t一般公共预算\t\t\t基本人员", "30201\t一般公共预算\t\t\t基本人员", "BOOK-12"},
        {"lines", "20.50", "-20.50", "BOOK-13"},
        {"assets", "25.00", "-25.00", "BOOK-13"},
        {"prior", "total\t", "totals\t", "BOOK-14"},
        {"texts", "other\t", "others\t", "BOOK-14"},
        {"projects", "P001\t示例项目\t", "P001\t\t", "BOOK-15"},
    };
    ys_catalog *cat = catalog();
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const breakage *c = &cases[i];
        sheets s = clean();
        if (c->sheet) {
            const char **slot = sheet_slot(&s, c->sheet);
            assert_non_null(slot);
            *slot = replace(*slot, c->old, c->new_);
        }
        ys_diags d;
        ys_diags_init(&d);
        ys_budget *b = parse(&s, &d);
        if (d.errors) dump(&d, NULL);
        assert_int_equal(d.errors, 0);
        ys_findings f;
        ys_findings_init(&f);
        ys_check_book(b, cat, &f);
        char got[256] = "";
        for (size_t k = 0; k < f.count; k++) {
            size_t l = strlen(got);
            snprintf(got + l, sizeof got - l, "%s%s", l ? " " : "", f.items[k].rule);
        }
        if (strcmp(got, c->rules) != 0) {
            fprintf(stderr, "case %zu (%s: %s → %s): want \"%s\", got \"%s\"\n", i, c->sheet ? c->sheet : "-",
                    c->old ? c->old : "", c->new_ ? c->new_ : "", c->rules, got);
            dump(NULL, &f);
        }
        assert_string_equal(got, c->rules);
        /* every finding names the sheet row it comes from */
        for (size_t k = 0; k < f.count; k++) {
            assert_int_equal(f.items[k].at.table, YS_TABLE_DOCUMENT);
            assert_non_null(f.items[k].at.src.file);
        }
        ys_findings_release(&f);
        ys_budget_free(b);
        ys_diags_release(&d);
        free_owned();
    }
    ys_catalog_free(cat);
}

static void test_no_units_insufficient(void **state)
{
    (void)state;
    sheets s = clean();
    s.units = NULL;
    s.projects = replace(PROJECTS, "测试县示例局本级", "");
    ys_diags d;
    ys_diags_init(&d);
    ys_budget *b = parse(&s, &d);
    ys_findings f;
    ys_findings_init(&f);
    ys_check_book(b, NULL, &f);   /* no catalog either: BOOK-05 says insufficient data */
    assert_int_equal(f.count, 2);
    assert_string_equal(f.items[0].rule, "BOOK-03");
    assert_int_equal(f.items[0].severity, YS_SEV_INFO);
    assert_non_null(strstr(f.items[0].message, "数据不足"));
    assert_string_equal(f.items[1].rule, "BOOK-05");
    assert_int_equal(f.items[1].severity, YS_SEV_INFO);
    ys_findings_release(&f);
    ys_budget_free(b);
    ys_diags_release(&d);
    free_owned();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_enums),
        cmocka_unit_test(test_read_every_sheet),
        cmocka_unit_test(test_money_schedule),
        cmocka_unit_test(test_units),
        cmocka_unit_test(test_reader_errors),
        cmocka_unit_test(test_dir_encodings),
        cmocka_unit_test(test_xlsx),
        cmocka_unit_test(test_template),
        cmocka_unit_test(test_rules),
        cmocka_unit_test(test_no_units_insufficient),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
