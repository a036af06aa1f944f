/* fuzz_book.c — libFuzzer target for the budget book reader (read/book.h): the input is the bytes of one
 * TSV sheet (lines.tsv, projects.tsv, …); it is parsed as every sheet of a book in turn (meta last, so the
 * others see the unit 万元), through the same parser the directory reader uses, and the book rules run on
 * what was read. Any bytes must give records or diagnostics, never a crash. The corpus
 * (tests/fuzz/corpus/book/) holds the sheets of the tiny test books. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "model/budget.h"
#include "read/book.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ys_diags diags;
    ys_diags_init(&diags);
    ys_budget *b = ys_budget_new("fuzz");
    b->meta.unit = YS_UNIT_WANYUAN;
    for (size_t i = 0; i < ys_book_sheet_count(); i++) {
        const ys_book_sheet *sh = ys_book_sheet_at(i);
        if (strcmp(sh->name, "meta") != 0) ys_book_parse_tsv(b, sh->name, sh->name, (const char *)data, size, &diags);
    }
    ys_book_parse_tsv(b, "meta", "meta.tsv", (const char *)data, size, &diags);
    ys_findings f;
    ys_findings_init(&f);
    ys_check_book(b, NULL, &f);
    ys_findings_release(&f);
    ys_budget_free(b);
    ys_diags_release(&diags);
    return 0;
}
