/*
 * derive.h — Budget → Disclosure: the compile path. From the line items of a budget book (model/budget.h)
 * derive the standard tables (every table agreeing with every other by construction), the "三公" table
 * from economic codes, 机关运行经费 from the 公用经费 of 行政 and 参公 units, the project tables,
 * procurement, assets, organisation, the year-over-year comparisons and the 情况说明 written from the
 * numbers by text templates (data/templates/). Table and text templates are data: a locality and year
 * are added without code.
 *
 * Ownership: on YS_OK *out is a new disclosure (the caller frees it); it does not borrow from the budget.
 */
#ifndef YS_DERIVE_H
#define YS_DERIVE_H

#include "catalog/catalog.h"
#include "core/diag.h"
#include "core/status.h"
#include "model/budget.h"
#include "model/disclosure.h"

ys_status ys_derive(const ys_budget *b, const ys_catalog *catalog, ys_disclosure **out, ys_diags *diags);

#endif
