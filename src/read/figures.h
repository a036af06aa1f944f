/*
 * figures.h — the amounts a narrative text cites ("基本支出1443.71万元"): every number followed by a money
 * unit (亿元/万元/元), parsed exactly, with its label — the words before it back to the previous clause
 * boundary (，。；、 or a previous figure; a leading 和/及/以及/与 after a figure dropped) — and the sentence
 * around it. Years, percentages, counts and document numbers are not figures (no money unit follows).
 *
 * Ownership: the figures are appended to sec in d's arena; s is borrowed.
 */
#ifndef YS_READ_FIGURES_H
#define YS_READ_FIGURES_H

#include "model/disclosure.h"

/* Scan one line of normalised text s of section sec; every figure gets source src. */
void ys_figures_scan(ys_disclosure *d, ys_section *sec, const char *s, ys_source src);

#endif
