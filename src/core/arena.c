/* arena.c — chunked bump allocator (see arena.h). */
#include "core/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_MIN (64 * 1024)
#define ALIGN 16

struct chunk {
    struct chunk *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
};

struct ys_arena {
    struct chunk *head;
    size_t total;
};

static void oom(void)
{
    fputs("yusuan: out of memory\n", stderr);
    abort();
}

void *ys_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) oom();
    return p;
}

void *ys_xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p) oom();
    return p;
}

void *ys_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) oom();
    return q;
}

char *ys_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = ys_xmalloc(n);
    memcpy(d, s, n);
    return d;
}

ys_arena *ys_arena_new(void)
{
    return ys_xcalloc(1, sizeof(ys_arena));
}

void ys_arena_free(ys_arena *a)
{
    if (!a) return;
    struct chunk *c = a->head;
    while (c) {
        struct chunk *n = c->next;
        free(c);
        c = n;
    }
    free(a);
}

void *ys_arena_alloc(ys_arena *a, size_t n)
{
    size_t need = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (need < n) oom();
    struct chunk *c = a->head;
    if (!c || c->size - c->used < need) {
        size_t size = need > CHUNK_MIN ? need : CHUNK_MIN;
        c = malloc(sizeof(struct chunk) + size);
        if (!c) oom();
        c->size = size;
        c->used = 0;
        c->next = a->head;
        a->head = c;
    }
    void *p = c->data + c->used;
    c->used += need;
    a->total += need;
    memset(p, 0, n);
    return p;
}

void *ys_arena_calloc(ys_arena *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size) oom();
    return ys_arena_alloc(a, count * size);
}

char *ys_arena_strndup(ys_arena *a, const char *s, size_t n)
{
    char *d = ys_arena_alloc(a, n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *ys_arena_strdup(ys_arena *a, const char *s)
{
    return s ? ys_arena_strndup(a, s, strlen(s)) : NULL;
}

char *ys_arena_vprintf(ys_arena *a, const char *fmt, va_list ap)
{
    va_list aq;
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (n < 0) n = 0;
    char *d = ys_arena_alloc(a, (size_t)n + 1);
    vsnprintf(d, (size_t)n + 1, fmt, ap);
    return d;
}

char *ys_arena_printf(ys_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *d = ys_arena_vprintf(a, fmt, ap);
    va_end(ap);
    return d;
}

void *ys_arena_grow(ys_arena *a, void *old, size_t old_count, size_t new_count, size_t size)
{
    void *p = ys_arena_calloc(a, new_count, size);
    if (old && old_count) memcpy(p, old, (old_count < new_count ? old_count : new_count) * size);
    return p;
}

size_t ys_arena_used(const ys_arena *a)
{
    return a->total;
}
