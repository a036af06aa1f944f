/*
 * report.h — findings for people (Chinese text) and for programs (JSON Lines), docs/CONTRACTS.md and
 * docs/schema/audit.schema.json.
 *
 * Both views skip folded findings (finding.folded: a symptom explained by another finding) and order
 * the rest by severity (errors first), then source line (or page), then the order the rules reported
 * them. Amounts are decimal strings in the finding's unit: ys_money_format(v, unit, decimals).
 *
 * Text view, per file:
 *   == FILE ==
 *   FILE:LINE: 错误[R28]: message
 *       <the source line of the document, trimmed, tabs shown as two spaces>
 *       应为 124.40 万元，实为 120.00 万元，差 -4.40 万元
 *   …
 *   错误 3 项，警告 12 项，提示 2 项
 * A rule with at least YS_REPORT_GROUP_MIN warnings (or infos) in one file shows its first
 * YS_REPORT_GROUP_SHOW; before the summary, one line per such rule says how many more there are
 * ("另有 30 项警告[PT-04] 未逐条列出"). Errors are always all shown; the JSON view lists everything.
 * A file without findings says "未发现问题。".
 *
 * Ownership: output is appended to the caller's ys_buf; the disclosure and findings are borrowed.
 */
#ifndef YS_RENDER_REPORT_H
#define YS_RENDER_REPORT_H

#include <stddef.h>

#include "core/buf.h"
#include "model/disclosure.h"
#include "model/finding.h"

#define YS_REPORT_GROUP_MIN 6   /* group a rule's warnings when it has at least this many in a file */
#define YS_REPORT_GROUP_SHOW 3  /* … and then show this many of them */

typedef struct {
    size_t errors, warnings, infos;   /* unfolded findings by severity */
} ys_report_counts;

/* Count the unfolded findings of f into c (added to what c holds). */
void ys_report_count(const ys_findings *f, ys_report_counts *c);

/* "错误 3 项，警告 12 项，提示 2 项" (no newline). */
void ys_report_summary(ys_buf *out, const ys_report_counts *c);

/* "file:line", "file:page N", "file:Sheet1!B7" or "file"; file = src->file, else fallback_file. */
const char *ys_report_source(const ys_source *src, const char *fallback_file, char *buf, size_t bufsz);

/* The text view of the findings of one document d (d may be NULL: no source lines then). */
void ys_report_text(ys_buf *out, const ys_disclosure *d, const char *file, const ys_findings *f);

/* The JSON Lines view: one compact JSON object per unfolded finding, each ending in "\n". */
void ys_report_jsonl(ys_buf *out, const char *file, const ys_findings *f);

#endif
