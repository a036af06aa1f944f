/*
 * buf.h — a growable byte buffer on the heap (string building without sprintf/strcat), and a vector
 * macro for arena-owned arrays.
 *
 * Ownership: ys_buf owns its bytes until ys_buf_release() or ys_buf_detach() (caller then owns them,
 * free() them). data is always NUL-terminated.
 */
#ifndef YS_BUF_H
#define YS_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct {
    char *data;   /* owned; "" until something is added */
    size_t len, cap;
} ys_buf;

#define YS_BUF_INIT {NULL, 0, 0}

void ys_buf_init(ys_buf *b);
void ys_buf_release(ys_buf *b);
void ys_buf_reset(ys_buf *b);                 /* len = 0, keeps the memory */
void ys_buf_add(ys_buf *b, const void *p, size_t n);
void ys_buf_adds(ys_buf *b, const char *s);
void ys_buf_addc(ys_buf *b, char c);
void ys_buf_printf(ys_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void ys_buf_vprintf(ys_buf *b, const char *fmt, va_list ap);
char *ys_buf_detach(ys_buf *b);               /* caller frees; b is reset to empty */
const char *ys_buf_str(const ys_buf *b);      /* never NULL */

/*
 * YS_VEC_PUSH(arena, array, count, cap, value): append to an arena-owned array, doubling its capacity.
 * array, count and cap are lvalues (size_t count/cap).
 */
#define YS_VEC_PUSH(arena, arr, count, cap, value)                                                      \
    do {                                                                                              \
        if ((count) == (cap)) {                                                                       \
            size_t ys_nc_ = (cap) ? (cap) * 2 : 8;                                                    \
            (arr) = ys_arena_grow((arena), (arr), (count), ys_nc_, sizeof(*(arr)));                   \
            (cap) = ys_nc_;                                                                           \
        }                                                                                             \
        (arr)[(count)++] = (value);                                                                   \
    } while (0)

#endif
