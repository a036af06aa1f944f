/*
 * document.c — rule family "document": properties of the whole document.
 *
 *   R50  every table with amounts states a known unit (元/万元/亿元); amounts are compared normalised.
 *   R52  years: only the report year and the year before — except inside document numbers
 *        (冀财社[2022]150号, 〔2023〕) and dates (2023-12-31, 2023年12月31日).
 *   R53  template residue (XX, ××, 某某, 待填, {单位} …) anywhere in titles, names, notes, text, projects.
 *   R55  the table of contents lists the tables that are in the body, and only those.
 *   R57  fail closed: what the document itself does not establish (year, kind, unit, department) is
 *        said once, as insufficient data.
 */
#include "check/check.h"
#include "core/buf.h"
#include "core/text.h"

#include <stdint.h>
#include <string.h>

static ys_location doc_loc(const ys_disclosure *d, ys_source src)
{
    if (!src.file) src.file = d->file;
    return ys_loc_table(YS_TABLE_DOCUMENT, src);
}

/* ---- R50 ------------------------------------------------------------------------------------------ */

static void r50(ys_check_ctx *ctx)
{
    const ys_disclosure *d = ctx->doc;
    bool any = false;
    for (int id = 0; id < YS_TABLE__COUNT; id++) {
        const ys_table *t = d->tables[id];
        if (!t || id == YS_TABLE_ORGANISATION) continue;
        bool money = false;
        for (size_t c = 0; c < t->ncols; c++) money = money || t->cols[c].kind == YS_COL_MONEY;
        if (!money) continue;
        any = true;
        if (t->unit == YS_UNIT_UNKNOWN) {
            if (t->unit_text && *t->unit_text)
                ys_check_report(ctx, ys_loc_table(t->id, t->src), "“%s”的金额单位“%s”无法识别", t->title, t->unit_text);
            else
                ys_check_report(ctx, ys_loc_table(t->id, t->src), "“%s”没有注明金额单位", t->title);
        }
    }
    for (size_t i = 0; i < d->nprojects; i++) {
        const ys_project *p = &d->projects[i];
        if (p->unit) continue;
        ys_location l = ys_loc_table(YS_TABLE_PROJECT_TARGETS, p->src);
        l.row = p->seq;
        l.code = (p->code && *p->code) ? (char *)p->code : NULL;
        l.name = (p->name && *p->name) ? (char *)p->name : NULL;
        ys_check_report(ctx, l, "项目绩效目标表“%s”没有注明金额单位", p->name);
        any = true;
    }
    if (!any) ys_check_insufficient(ctx, "没有带金额的表格");
}

/* ---- scanning every text of the document -------------------------------------------------------------- */

typedef void (*text_fn)(ys_check_ctx *ctx, const char *text, ys_location at, const char *where);

static void each_text(ys_check_ctx *ctx, text_fn fn)
{
    const ys_disclosure *d = ctx->doc;
    for (int id = 0; id < YS_TABLE__COUNT; id++) {
        const ys_table *t = d->tables[id];
        if (!t) continue;
        fn(ctx, t->title, ys_loc_table(t->id, t->src), "表名");
        if (t->note) fn(ctx, t->note, ys_loc_table(t->id, t->src), "表注");
        for (size_t i = 0; i < t->nrows; i++) {
            fn(ctx, t->rows[i].name, ys_loc_cell(t, &t->rows[i], -1), "行名");
            for (size_t c = 0; c < t->ncols; c++)
                if (t->rows[i].cells[c].kind == YS_CELL_TEXT)
                    fn(ctx, t->rows[i].cells[c].text, ys_loc_cell(t, &t->rows[i], (int)c), "单元格");
        }
    }
    for (size_t i = 0; i < d->nsections; i++) {
        const ys_section *s = &d->sections[i];
        ys_location l = ys_loc_table(YS_TABLE_NARRATIVE, s->src);
        l.name = (char *)s->title;
        fn(ctx, s->title, l, "标题");
        fn(ctx, s->text, l, "正文");
    }
    for (size_t i = 0; i < d->nprojects; i++) {
        const ys_project *p = &d->projects[i];
        ys_location l = ys_loc_table(YS_TABLE_PROJECT_TARGETS, p->src);
        l.row = p->seq;
        l.code = (p->code && *p->code) ? (char *)p->code : NULL;
        l.name = (p->name && *p->name) ? (char *)p->name : NULL;
        fn(ctx, p->title && *p->title ? p->title : p->name, l, "项目名称");
        fn(ctx, p->purpose, l, "资金用途");
        fn(ctx, p->goal, l, "绩效目标");
        for (size_t k = 0; k < p->nindicators; k++) {
            const ys_indicator *in = &p->indicators[k];
            ys_location li = l;
            if (in->src.line || in->src.page) li.src = in->src;
            fn(ctx, in->level3, li, "三级指标");
            fn(ctx, in->description, li, "指标描述");
            fn(ctx, in->value, li, "指标值");
            fn(ctx, in->basis, li, "指标值确定依据");
        }
    }
}

/* ---- R52 ------------------------------------------------------------------------------------------ */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool starts(const char *p, const char *w)
{
    if (!*w) return true;
    if (*p != *w) return false;   /* the common answer, without strlen and strncmp */
    return strncmp(p, w, strlen(w)) == 0;
}

/* Does the year at s[i..i+4) sit in a document number ([2022]150号, 〔2023〕) or a date? */
static bool exempt_year(const char *s, size_t i)
{
    const char *after = s + i + 4;
    static const char *const open[] = {"[", "【", "〔", "(", "（", "﹝", "［"};
    static const char *const close[] = {"]", "】", "〕", ")", "）", "﹞", "］"};
    bool opened = false, closed = false;
    for (size_t k = 0; k < sizeof open / sizeof *open; k++) {
        size_t n = strlen(open[k]);
        if (i >= n && strncmp(s + i - n, open[k], n) == 0) opened = true;
        if (starts(after, close[k])) closed = true;
    }
    if (opened && closed) return true;                        /* 〔2023〕, [2022] */
    if (starts(after, "-") && is_digit(after[1])) return true; /* 2023-12-31 */
    if (starts(after, "/") && is_digit(after[1])) return true;
    if (starts(after, ".") && is_digit(after[1]) && (after[2] == '.' || (is_digit(after[2]) && after[3] == '.')))
        return true;                                          /* 2023.12.31 */
    if (starts(after, "年")) {                                /* 2023年12月31日 */
        const char *p = after + strlen("年");
        while (is_digit(*p)) p++;
        if (p != after + strlen("年") && starts(p, "月")) return true;
    }
    /* a number like "冀财社2022150号"? only with 号 right after a short digit run */
    const char *p = after;
    while (is_digit(*p)) p++;
    if (p != after && starts(p, "号")) return true;
    return false;
}

/* Index of the first ASCII digit of t[i..n), n when none: eight bytes at a time (most text is Chinese).
 * Per byte b of a word, without carries between bytes: (b & 0x7F) + 0x50 has its high bit set when
 * b & 0x7F >= '0', (b & 0x7F) + 0x46 when it is > '9'; b itself must be below 0x80. */
static size_t next_digit(const char *t, size_t i, size_t n)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, t + i, 8);
        uint64_t lo = w & UINT64_C(0x7F7F7F7F7F7F7F7F);
        uint64_t m = (lo + UINT64_C(0x5050505050505050)) & ~(lo + UINT64_C(0x4646464646464646)) & ~w &
                     UINT64_C(0x8080808080808080);
        if (m) return i + (size_t)__builtin_ctzll(m) / 8;   /* the first byte in memory is the lowest */
    }
#endif
    for (; i < n; i++)
        if (is_digit(t[i])) return i;
    return n;
}

static void years_in(ys_check_ctx *ctx, const char *text, ys_location at, const char *where)
{
    int y = ctx->doc->meta.year;
    if (!text) return;
    ys_buf bad = YS_BUF_INIT;
    size_t n = strlen(text), count = 0;
    for (size_t i = 0; i + 4 <= n; i++) {
        if ((i = next_digit(text, i, n)) + 4 > n) break;   /* no year starts at a byte that is not a digit */
        if (!is_digit(text[i]) || (i > 0 && (is_digit(text[i - 1]) || text[i - 1] == '.'))) continue;
        if (!is_digit(text[i + 1]) || !is_digit(text[i + 2]) || !is_digit(text[i + 3])) continue;
        if (i + 4 < n && (is_digit(text[i + 4]) || text[i + 4] == '.')) {
            i += 3;
            continue;   /* longer number or an amount */
        }
        int v = (text[i] - '0') * 1000 + (text[i + 1] - '0') * 100 + (text[i + 2] - '0') * 10 + (text[i + 3] - '0');
        bool year_word = starts(text + i + 4, "年");
        if (v < 1990 || v > 2099) continue;
        if (!year_word && !(v >= y - 5 && v <= y + 5)) continue;   /* a plain number, not a year */
        if (v == y || v == y - 1 || exempt_year(text, i)) continue;
        if (count < 5) ys_buf_printf(&bad, "%s%d", count ? "、" : "", v);
        count++;
        i += 3;
    }
    if (count) {
        /* the excerpt: the first 60 bytes around the text start, cut at a character boundary */
        ys_check_report(ctx, at, "%s中出现报告年度 %d 和上年 %d 以外的年份 %s%s", where, y, y - 1, ys_buf_str(&bad),
                        count > 5 ? " 等" : "");
    }
    ys_buf_release(&bad);
}

static void r52(ys_check_ctx *ctx)
{
    if (!ctx->doc->meta.year) {
        ys_check_insufficient(ctx, "无法确定报告年度");
        return;
    }
    each_text(ctx, years_in);
}

/* ---- R53 ------------------------------------------------------------------------------------------ */

/* The mark reported is the first of `marks` (in list order) that occurs anywhere, at its first occurrence —
 * the same answer as one strstr per mark in list order, in fewer passes: the marks that start with an
 * ASCII byte, × or ＿ are found in one pass that jumps between candidate bytes with strcspn, and 某某 in
 * the same pass (by its last byte: lead bytes are shared by most ideographs); 待填 and 待补充 are looked
 * for only when the pass met a 待 and no earlier mark was found. */
static void residue_in(ys_check_ctx *ctx, const char *text, ys_location at, const char *where)
{
    static const char *const marks[] = {"XX", "xx", "××", "某某", "待填", "待补充", "{", "}", "＿＿", "__", "****"};
    static const size_t lens[] = {2, 2, 4, 6, 6, 9, 1, 1, 6, 2, 4};
    enum { NMARKS = sizeof marks / sizeof *marks, FIRST_CJK = 3, END_CJK = 6 };
    _Static_assert(sizeof lens / sizeof *lens == NMARKS, "one length per mark");
    if (!text) return;
    const char *first[NMARKS] = {0};
    size_t best = NMARKS;   /* lowest index found so far */
    /* The same pass also stops at the LAST byte of 某 (E6 9F 90) and of 待 (E5 BE 85): the first 某某 is
     * the first one whose end the pass reaches (every occurrence has the same length), and 待 anywhere
     * is what allows 待填 / 待补充. Should the pass stop early (best == 0: XX), no CJK mark can win. */
    const char *mou = NULL;
    bool dai = false;
    for (const char *q = text + strcspn(text, "Xx\xC3{}\xEF_*\x90\x85"); *q && best > 0;
         q++, q += strcspn(q, "Xx\xC3{}\xEF_*\x90\x85")) {
        if (*q == '\x90') {
            if (!mou && q - text >= 5 && memcmp(q - 5, marks[FIRST_CJK], 6) == 0) mou = q - 5;
            continue;
        }
        if (*q == '\x85') {
            dai = dai || (q - text >= 2 && memcmp(q - 2, "\xe5\xbe\x85", 3) == 0);
            continue;
        }
        for (size_t i = 0; i < NMARKS && i < best; i = i + 1 == FIRST_CJK ? END_CJK : i + 1) {
            if (first[i] || marks[i][0] != *q) continue;
            if (strncmp(q, marks[i], lens[i]) == 0) {
                first[i] = q;
                best = i;
            }
        }
    }
    dai = dai && best > 4;   /* 待, which 待填 and 待补充 start with */
    for (size_t i = FIRST_CJK; i < END_CJK && i < best; i++)
        if (i == FIRST_CJK ? (first[i] = mou) != NULL : dai && (first[i] = ys_text_find_n(text, marks[i], lens[i])))
            best = i;
    if (best == NMARKS) return;
    const char *p = first[best];
    const char *mark = marks[best];
    /* an excerpt around the mark, on character boundaries */
    size_t start = (size_t)(p - text), back = 0;
    while (start > 0 && back < 12) {
        start--;
        if (((unsigned char)text[start] & 0xC0) != 0x80) back++;
    }
    size_t end = (size_t)(p - text) + strlen(mark), fwd = 0, n = strlen(text);
    while (end < n && fwd < 12) {
        end++;
        while (end < n && ((unsigned char)text[end] & 0xC0) == 0x80) end++;
        fwd++;
    }
    ys_check_report(ctx, at, "%s中有模板残留“%s”：…%.*s…", where, mark, (int)(end - start), text + start);
}

static void r53(ys_check_ctx *ctx)
{
    each_text(ctx, residue_in);
}

/* ---- R55 ------------------------------------------------------------------------------------------ */

static void r55(ys_check_ctx *ctx)
{
    const ys_disclosure *d = ctx->doc;
    bool listed[YS_TABLE__COUNT] = {0}, any = false;
    for (size_t i = 0; i < d->ntoc; i++) {
        const ys_toc_entry *e = &d->toc[i];
        if (e->table < 0 || e->table >= YS_TABLE__COUNT) continue;
        any = true;
        listed[e->table] = true;
        if (!d->tables[e->table]) {
            ys_location l = doc_loc(d, e->src);
            l.name = (char *)e->title;
            ys_check_report(ctx, l, "目录列出“%s”，正文中却没有这张表", e->title);
        }
    }
    if (!any) {
        ys_check_insufficient(ctx, "没有读到列出表格的目录");
        return;
    }
    for (int id = 0; id <= YS_TABLE_THREE_PUBLIC; id++)
        if (d->tables[id] && !listed[id])
            ys_check_report(ctx, ys_loc_table((ys_table_id)id, d->tables[id]->src), "正文中的“%s”没有列入目录",
                            d->tables[id]->title);
}

/* ---- R57 ------------------------------------------------------------------------------------------ */

static void r57(ys_check_ctx *ctx)
{
    const ys_disclosure *d = ctx->doc;
    ys_buf miss = YS_BUF_INIT;
    if (!d->meta.year) ys_buf_adds(&miss, "报告年度");
    if (d->meta.kind == YS_KIND_UNKNOWN) ys_buf_printf(&miss, "%s预算或决算", miss.len ? "、" : "");
    if (d->meta.unit == YS_UNIT_UNKNOWN) ys_buf_printf(&miss, "%s金额单位", miss.len ? "、" : "");
    if (!d->meta.department || !*d->meta.department) ys_buf_printf(&miss, "%s部门名称", miss.len ? "、" : "");
    if (miss.len)
        ys_check_report(ctx, doc_loc(d, (ys_source){0}), "数据不足：文档没有确定%s，依赖它们的检查只报告“数据不足”",
                        ys_buf_str(&miss));
    ys_buf_release(&miss);
}

const ys_rule ys_rules_document[] = {
    {"R50", YS_SEV_WARNING, "document", "各表注明可识别的金额单位", "财预〔2016〕143号", r50},
    {"R52", YS_SEV_WARNING, "document", "年份只出现报告年度和上年", "文字规范", r52},
    {"R53", YS_SEV_WARNING, "document", "无模板残留", "文字规范", r53},
    {"R55", YS_SEV_WARNING, "document", "目录与正文表格一致", "文字规范", r55},
    {"R57", YS_SEV_INFO, "document", "无法确定的要素报告数据不足", "DESIGN.md 失败即报告", r57},
    {NULL, YS_SEV_INFO, NULL, NULL, NULL, NULL},
};
