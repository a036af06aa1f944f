/* fuzz_shape.c — libFuzzer target for the pasted-text shapes (read/shape.h): the input's lines are put
 * through every converter (bars, space-aligned, one cell per line), whatever the detected shape, then
 * read as a document; any bytes must give lines, a disclosure or a diagnostic, never a crash. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "read/read.h"
#include "read/shape.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ys_arena *a = ys_arena_new();
    /* split into NUL-free lines */
    size_t cap = 1;
    for (size_t i = 0; i < size; i++) cap += data[i] == '\n';
    const char **lines = ys_arena_calloc(a, cap, sizeof *lines);
    const char **out = ys_arena_calloc(a, cap, sizeof *out);
    size_t n = 0, start = 0;
    for (size_t i = 0; i <= size; i++) {
        if (i < size && data[i] != '\n') continue;
        char *l = ys_arena_strndup(a, (const char *)data + start, i - start);
        for (char *p = l; (size_t)(p - l) < i - start; p++)
            if (!*p) *p = ' ';
        lines[n++] = l;
        start = i + 1;
    }
    ys_diags diags;
    ys_diags_init(&diags);
    (void)ys_shape_detect(lines, n);
    for (int s = YS_SHAPE_TABS; s <= YS_SHAPE_CELLS; s++) {
        ys_shape_convert(a, (ys_shape)s, "fuzz.txt", lines, n, out, &diags);
        for (size_t i = 0; i < n; i++)
            if (!out[i]) abort();
    }
    ys_disclosure *d = NULL;
    if (ys_read_text_mem("fuzz.txt", (const char *)data, size, &d, &diags) == YS_OK) ys_disclosure_free(d);
    ys_diags_release(&diags);
    ys_arena_free(a);
    return 0;
}
