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
    size_t size;
    _Alignas(16) unsigned char data[];
};

struct ys_arena {
    struct ys_arena_room room;   /* first: the free room of head, bumped by arena.h's inline fast path */
    struct chunk *head;
    size_t closed;               /* bytes handed out from the chunks before head */
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
    static unsigned char no_room[1];   /* an empty room until the first chunk (no arithmetic on NULL) */
    ys_arena *a = ys_xcalloc(1, sizeof(ys_arena));
    a->room.cur = a->room.end = no_room;
    return a;
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

/* n bytes (rounded up to ALIGN) from the head chunk, a new chunk when it has no room; not zeroed. */
static inline void *bump(ys_arena *a, size_t n)
{
    size_t need = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (need < n) oom();
    if ((size_t)(a->room.end - a->room.cur) < need) {
        size_t size = need > CHUNK_MIN ? need : CHUNK_MIN;
        struct chunk *c = malloc(sizeof(struct chunk) + size);
        if (!c) oom();
        c->size = size;
        c->next = a->head;
        if (a->head) a->closed += (size_t)(a->room.cur - a->head->data);
        a->head = c;
        a->room.cur = c->data;
        a->room.end = c->data + size;
    }
    void *p = a->room.cur;
    a->room.cur += need;
    return p;
}

void *ys_arena_alloc(ys_arena *a, size_t n)
{
    void *p = bump(a, n);
    memset(p, 0, n);
    return p;
}

void *ys_arena_alloc_raw_slow(ys_arena *a, size_t n)
{
    return bump(a, n);
}

void *ys_arena_calloc(ys_arena *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size) oom();
    return ys_arena_alloc(a, count * size);
}

char *ys_arena_strndup(ys_arena *a, const char *s, size_t n)
{
    char *d = bump(a, n + 1);
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
    char *d = bump(a, (size_t)n + 1);
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
    if (size && new_count > SIZE_MAX / size) oom();
    /* the old elements are copied over; only the new tail is zeroed */
    size_t keep = old ? (old_count < new_count ? old_count : new_count) * size : 0;
    unsigned char *p = bump(a, new_count * size);
    if (keep) memcpy(p, old, keep);
    memset(p + keep, 0, new_count * size - keep);
    return p;
}

size_t ys_arena_used(const ys_arena *a)
{
    return a->closed + (a->head ? (size_t)(a->room.cur - a->head->data) : 0);
}
