/*
 * text_final.c — 决算 (final accounts) table shapes that the table stage cannot read as printed, turned
 * into the standard layout before it runs (called by ys_text_read_tables, text_tables.c, right after the
 * sideways-table step).
 *
 * The 一般公共预算财政拨款基本支出决算表 of the 决算 templates (财政部 部门决算 template, 上海市 and most
 * provinces) prints its economic classification in two (sometimes three) blocks side by side — 人员经费
 * on the left, 公用经费 on the right — each block a code, a name and one amount:
 *
 *     经济分类科目编码  科目名称        决算数    经济分类科目编码  科目名称        决算数
 *     301               工资福利支出    4816.14   302               商品和服务支出  440.90
 *     …
 *                       人员经费合计    4884.09                     公用经费合计    480.66
 *
 * ys_text_fold_side_by_side finds a header line that names a code column (“…科目编码”) two times or more,
 * at cell positions p0 < p1 < …, and rewrites the block below it — up to a blank line, a note (注 / 说明)
 * or a line of one cell (the next title) — as the blocks stacked: the header's first block, then every
 * line's first block, then every line's second block, … Each new line keeps the line number of the
 * printed line it comes from, so sources and diagnostics point at the printed cells. Empty halves are
 * dropped. Nothing else is touched.
 */
#include <stdbool.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/text.h"
#include "read/text_internal.h"

enum { MAX_BLOCKS = 4 };

/* A line made of cells [from, to) of l (normalised like tdoc.c does). */
static ys_tline slice_line(ys_arena *a, const ys_tline *l, size_t from, size_t to)
{
    ys_tline s = {0};
    s.lineno = l->lineno;
    if (to > l->ncells) to = l->ncells;
    if (from > to) from = to;
    s.ncells = to - from;
    s.cells = ys_arena_calloc(a, s.ncells ? s.ncells : 1, sizeof *s.cells);
    ys_buf raw = YS_BUF_INIT, norm = YS_BUF_INIT;
    for (size_t c = 0; c < s.ncells; c++) {
        s.cells[c] = l->cells[from + c];
        if (c) {
            ys_buf_addc(&raw, '\t');
            ys_buf_addc(&norm, '\t');
        }
        ys_buf_adds(&raw, s.cells[c].raw ? s.cells[c].raw : "");
        ys_buf_adds(&norm, s.cells[c].norm ? s.cells[c].norm : "");
        if (s.cells[c].norm && *s.cells[c].norm) s.nfilled++;
    }
    s.raw = ys_arena_strdup(a, ys_buf_str(&raw));
    s.norm = ys_arena_strdup(a, ys_buf_str(&norm));
    s.key = ys_text_key(a, s.norm);
    s.blank = s.nfilled == 0;
    ys_buf_release(&raw);
    ys_buf_release(&norm);
    return s;
}

/* Cell positions of the code headers (“科目编码”, “经济分类科目编码”, “编码”) of a header line. */
static size_t code_headers(ys_arena *a, const ys_tline *l, size_t *pos)
{
    size_t n = 0;
    for (size_t c = 0; c < l->ncells && n < MAX_BLOCKS; c++) {
        const char *norm = l->cells[c].norm;
        if (!norm || !*norm) continue;
        /* cheap test first: a normalised cell is NFKC-stable and its key only drops white space and
         * unifies brackets and quotes, so a key ending in 编码 needs a 码 in the cell itself */
        if (!ys_text_find(norm, "码")) continue;
        const char *k = ys_text_key(a, norm);
        size_t kl = strlen(k), sl = strlen("编码");
        if (kl >= sl && strcmp(k + kl - sl, "编码") == 0 && kl <= 3 * 12) pos[n++] = c;
    }
    return n;
}

/* The block ends before a blank line, a note, or a one-cell line (a title, a unit line). */
static bool block_end(const ys_tline *l)
{
    if (l->blank || l->nfilled == 1) return true;
    int f = ys_tline_first(l);
    const char *s = f >= 0 ? l->cells[f].norm : "";
    return strncmp(s, "注", strlen("注")) == 0 || strncmp(s, "说明", strlen("说明")) == 0;
}

/* The blocks repeat one header: the first starts the line, each is at least code + name + amount wide,
 * and every block prints the same header texts as the first (the last one may be narrower). A header
 * with two different code columns (功能科目编码 … 经济科目编码) is no side-by-side table. */
static bool same_blocks(const ys_tline *h, const size_t *pos, size_t nb)
{
    if (pos[0] > 1) return false;
    size_t w = pos[1] - pos[0];
    if (w < 3) return false;
    for (size_t b = 1; b < nb; b++) {
        if (b + 1 < nb && pos[b + 1] - pos[b] != w) return false;
        for (size_t j = 0; j < w && pos[b] + j < h->ncells; j++) {
            const char *x = h->cells[pos[0] + j].norm, *y = h->cells[pos[b] + j].norm;
            if (strcmp(x ? x : "", y ? y : "") != 0) return false;
        }
    }
    return true;
}

void ys_text_fold_side_by_side(ys_tdoc *td)
{
    if (!td || !td->doc) return;
    ys_arena *a = td->doc->arena;
    for (size_t i = 0; i < td->nlines; i++) {
        size_t pos[MAX_BLOCKS];
        const ys_tline *h = &td->lines[i];
        if (h->nfilled < 4) continue;
        /* one search per line before one per cell: the line's key is its cells' keys one after the other,
         * and a cell holding 码 keeps it in its key, so a key without 码 means no code header at all */
        if (!ys_text_find(h->key, "码")) continue;
        size_t nb = code_headers(a, h, pos);
        if (nb < 2) continue;
        if (!same_blocks(h, pos, nb)) continue;
        size_t end = i + 1;
        while (end < td->nlines && !block_end(&td->lines[end])) end++;
        size_t nbody = end - i - 1;
        if (nbody == 0) continue;
        /* new lines: the first block of the header, then each block of every body line (non-empty) */
        size_t cap = 1 + nb * nbody, nr = 0;
        ys_tline *repl = ys_arena_calloc(a, cap, sizeof *repl);
        repl[nr++] = slice_line(a, h, 0, pos[1]);
        for (size_t b = 0; b < nb; b++) {
            size_t from = b == 0 ? 0 : pos[b], to = b + 1 < nb ? pos[b + 1] : (size_t)-1;
            for (size_t k = i + 1; k < end; k++) {
                ys_tline s = slice_line(a, &td->lines[k], from, to);
                if (!s.blank) repl[nr++] = s;
            }
        }
        size_t old = end - i, n2 = td->nlines - old + nr;
        ys_tline *nl = ys_arena_calloc(a, n2, sizeof *nl);
        unsigned char *cl = ys_arena_calloc(a, n2 ? n2 : 1, 1);
        memcpy(nl, td->lines, i * sizeof *nl);
        memcpy(cl, td->claimed, i);
        memcpy(nl + i, repl, nr * sizeof *nl);
        memcpy(nl + i + nr, td->lines + end, (td->nlines - end) * sizeof *nl);
        memcpy(cl + i + nr, td->claimed + end, td->nlines - end);
        td->lines = nl;
        td->claimed = cl;
        td->nlines = n2;
        i += nr - 1;
    }
}
