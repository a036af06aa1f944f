/*
 * arena.h — a bump allocator: everything read from one document lives in its arena and is freed at once.
 *
 * Ownership: pointers returned by ys_arena_* are owned by the arena and valid until ys_arena_free().
 * Allocation failure aborts the process with a message (out of memory is not a recoverable input error
 * in a command-line tool, and it keeps every caller simple).
 */
#ifndef YS_ARENA_H
#define YS_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct ys_arena ys_arena;

ys_arena *ys_arena_new(void);
void ys_arena_free(ys_arena *a);                 /* accepts NULL */

void *ys_arena_alloc(ys_arena *a, size_t n);     /* zeroed, aligned for any type */
/* The same, not zeroed: for buffers the caller fills at once (strings being written). Inline: the
 * common case only bumps a pointer of the newest chunk (struct ys_arena_room, the first member of
 * ys_arena — not for callers), the rest is ys_arena_alloc_raw_slow's. */
struct ys_arena_room {
    unsigned char *cur, *end;
};
void *ys_arena_alloc_raw_slow(ys_arena *a, size_t n);
static inline void *ys_arena_alloc_raw(ys_arena *a, size_t n)
{
    struct ys_arena_room *r = (struct ys_arena_room *)(void *)a;
    size_t need = (n + 15) & ~(size_t)15;   /* ALIGN of arena.c */
    if (need >= n && need <= (size_t)(r->end - r->cur)) {
        void *p = r->cur;
        r->cur += need;
        return p;
    }
    return ys_arena_alloc_raw_slow(a, n);
}
void *ys_arena_calloc(ys_arena *a, size_t count, size_t size);
char *ys_arena_strdup(ys_arena *a, const char *s);           /* NULL -> NULL */
char *ys_arena_strndup(ys_arena *a, const char *s, size_t n);
char *ys_arena_printf(ys_arena *a, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
char *ys_arena_vprintf(ys_arena *a, const char *fmt, va_list ap);

/* Grow an arena-owned array: returns a new block of new_count elements holding the old ones. */
void *ys_arena_grow(ys_arena *a, void *old, size_t old_count, size_t new_count, size_t size);

size_t ys_arena_used(const ys_arena *a);         /* bytes handed out, for benchmarks */

/* Heap helpers for the few structures outside any arena: abort on failure like the arena does. */
void *ys_xmalloc(size_t n);
void *ys_xcalloc(size_t count, size_t size);
void *ys_xrealloc(void *p, size_t n);
char *ys_xstrdup(const char *s);

#endif
