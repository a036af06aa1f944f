/* fuzz_xlsx.c — libFuzzer target for the XLSX reader (read/xlsx.h): any bytes must open as a workbook
 * or give a diagnostic, and every sheet of a workbook that opens must read into a grid or give a
 * diagnostic, never a crash. Caps are lowered so that a fuzzer cannot spend its time on huge parts.
 * The corpus (tests/fuzz/corpus/xlsx/) is written by tests/unit/data/xlsx/gen.py. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "read/xlsx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ys_diags diags;
    ys_diags_init(&diags);
    ys_xlsx *wb = NULL;
    if (ys_xlsx_open_mem("fuzz.xlsx", data, size, &wb, &diags) == YS_OK) {
        ys_xlsx_set_limits(wb, (size_t)16 * 1024 * 1024, 100000);
        size_t total = 0;
        for (size_t s = 0; s < ys_xlsx_sheet_count(wb); s++) {
            const ys_xlsx_sheet *sh = ys_xlsx_sheet_at(wb, s);
            total += strlen(sh->name);
            const ys_xlsx_grid *g = NULL;
            if (ys_xlsx_read_sheet(wb, s, &g, &diags) != YS_OK) continue;
            for (size_t i = 0; i < g->ncells; i++) {
                const ys_xlsx_cell *c = &g->cells[i];
                total += strlen(c->text) + strlen(c->ref) + (c->formula ? strlen(c->formula) : 0);
                if (ys_xlsx_grid_cell(g, c->row, c->col) != c) abort();
            }
            for (size_t i = 0; i < g->nmerges; i++)
                if (!ys_xlsx_grid_merge_at(g, g->merges[i].r0, g->merges[i].c0)) abort();
        }
        (void)total;
        ys_xlsx_free(wb);
    }
    ys_diags_release(&diags);
    return 0;
}
