/*
 * display.h — text for people: the inverse of normalisation's punctuation folding. Normalised text
 * (core/text.h) has ASCII punctuation — NFKC turns ，：；（）！？ into , : ; ( ) ! ? — which is right for
 * comparing and wrong for a Chinese document. ys_text_display() gives such punctuation its full-width
 * form again where it sits in Chinese: next to a CJK character (a comma between digits, a decimal point,
 * a colon in 12:30 stay ASCII). Renderers of documents meant to be read (PDF, HTML, XLSX) use it.
 *
 * Ownership: the result is owned by the arena (or by the caller's ys_buf).
 */
#ifndef YS_DISPLAY_H
#define YS_DISPLAY_H

#include "core/arena.h"
#include "core/buf.h"

char *ys_text_display(ys_arena *a, const char *s);
void ys_text_display_into(ys_buf *out, const char *s);

#endif
