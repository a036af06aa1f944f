/* buf.c — growable byte buffer (see buf.h). */
#include "core/buf.h"
#include "core/arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ys_buf_init(ys_buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
}

void ys_buf_release(ys_buf *b)
{
    free(b->data);
    ys_buf_init(b);
}

void ys_buf_reset(ys_buf *b)
{
    b->len = 0;
    if (b->data) b->data[0] = '\0';
}

static void reserve(ys_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap) return;
    size_t nc = b->cap ? b->cap : 64;
    while (nc < b->len + extra + 1) nc *= 2;
    b->data = ys_xrealloc(b->data, nc);
    b->cap = nc;
}

void ys_buf_add(ys_buf *b, const void *p, size_t n)
{
    reserve(b, n);
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void ys_buf_adds(ys_buf *b, const char *s)
{
    ys_buf_add(b, s, strlen(s));
}

void ys_buf_addc(ys_buf *b, char c)
{
    ys_buf_add(b, &c, 1);
}

void ys_buf_vprintf(ys_buf *b, const char *fmt, va_list ap)
{
    /* straight into the free room; a second time after growing only when it did not fit */
    if (!b->data || b->cap - b->len < 64) reserve(b, 64);
    size_t room = b->cap - b->len;
    va_list aq;
    va_copy(aq, ap);
    int n = vsnprintf(b->data + b->len, room, fmt, aq);
    va_end(aq);
    if (n <= 0) {
        b->data[b->len] = '\0';
        return;
    }
    if ((size_t)n >= room) {
        reserve(b, (size_t)n);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    }
    b->len += (size_t)n;
}

void ys_buf_printf(ys_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ys_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

char *ys_buf_detach(ys_buf *b)
{
    char *d = b->data ? b->data : ys_xstrdup("");
    ys_buf_init(b);
    return d;
}

const char *ys_buf_str(const ys_buf *b)
{
    return b->data ? b->data : "";
}
