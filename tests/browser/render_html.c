/*
 * render_html.c — a tiny driver for the headless-Chromium page test (tests/browser/run.sh): reads a
 * published text document with the text reader and writes its HTML page (render/html.c). With
 * --yoy it adds a few year-over-year comparisons by hand (a document read back has none), so the
 * page test also sees the 同比 chart.
 *
 *   render_html [--yoy] INPUT.txt OUTPUT.html
 *
 * Exit status 0 on success, 2 when the input cannot be read or the output cannot be written.
 */
#include <stdio.h>
#include <string.h>

#include "read/read.h"
#include "render/render.h"

static void add_cmp(ys_disclosure *d, const char *item, const char *label, ys_money cur, ys_money prior,
                    const char *reason)
{
    ys_comparison *c = ys_disclosure_add_comparison(d);
    c->item = item;
    c->label = label;
    c->current = cur;
    c->prior = prior;
    c->has_prior = true;
    c->reason = reason;
}

int main(int argc, char **argv)
{
    int a = 1;
    int yoy = 0;
    if (a < argc && strcmp(argv[a], "--yoy") == 0) yoy = 1, a++;
    if (argc - a != 2) {
        fprintf(stderr, "usage: render_html [--yoy] INPUT.txt OUTPUT.html\n");
        return 2;
    }
    ys_diags dg;
    ys_diags_init(&dg);
    ys_disclosure *d = NULL;
    ys_status st = ys_read_text_file(argv[a], &d, &dg);
    if (st != YS_OK) {
        for (size_t i = 0; i < dg.count; i++) fprintf(stderr, "%s\n", dg.items[i].message);
        ys_diags_release(&dg);
        return 2;
    }
    if (yoy) {
        /* in 分: 34063.09 万元 = 34 063 090 000 分; the sample's 情况说明 gives the changes */
        add_cmp(d, "total", "支出合计", 34063090000, 30842180000, "");
        add_cmp(d, "project", "项目支出", 32619380000, 29431980000, "机关事业单位养老保险等增加");
        add_cmp(d, "three_public", "“三公”经费", 11100000, 11500000, "从严控制“三公”经费开支");
    }
    ys_buf b = YS_BUF_INIT;
    st = ys_render_html(d, &b);
    if (st == YS_OK) st = ys_render_write_file(argv[a + 1], b.data, b.len, &dg);
    for (size_t i = 0; i < dg.count; i++) fprintf(stderr, "%s\n", dg.items[i].message);
    ys_buf_release(&b);
    ys_disclosure_free(d);
    ys_diags_release(&dg);
    return st == YS_OK ? 0 : 2;
}
