/*
 * prior.h — last year's figures from the warehouse, for `yusuan build --db` (docs/STORE.md, "build --db"):
 * find the stored 预算 document of the same department (region + name) for year − 1 and read from it the
 * items of a budget book's prior sheet (docs/BOOK.md: total, basic, project, three_public, abroad, car,
 * car_buy, car_run, reception, meeting, training, running_costs), so the year-over-year parts of the
 * 情况说明 and the YoY chart can be written without the officer typing last year's numbers again.
 *
 * Safety: the department is looked up with bound parameters (ys_store_find); the only value spliced into
 * SQL text is the stored document's integer id. Works on a read-only store and on every back end.
 *
 * Ownership: ys_store_prior is a plain value (no pointers); nothing to free.
 */
#ifndef YS_STORE_PRIOR_H
#define YS_STORE_PRIOR_H

#include <stdbool.h>
#include <stdint.h>

#include "core/money.h"
#include "store/store.h"

/* The prior items, in the order of docs/BOOK.md. */
typedef enum {
    YS_PRIOR_TOTAL = 0, YS_PRIOR_BASIC, YS_PRIOR_PROJECT, YS_PRIOR_THREE_PUBLIC, YS_PRIOR_ABROAD, YS_PRIOR_CAR,
    YS_PRIOR_CAR_BUY, YS_PRIOR_CAR_RUN, YS_PRIOR_RECEPTION, YS_PRIOR_MEETING, YS_PRIOR_TRAINING,
    YS_PRIOR_RUNNING_COSTS, YS_PRIOR__COUNT
} ys_prior_item;

/* The prior sheet key of an item ("total", …, "running_costs"); NULL out of range. */
const char *ys_prior_item_key(ys_prior_item i);

typedef struct {
    int64_t document_id;                 /* the stored document used; 0 when none was found */
    int year;                            /* its year */
    bool has[YS_PRIOR__COUNT];           /* the item was found in it */
    ys_money amount[YS_PRIOR__COUNT];    /* 分 */
} ys_store_prior;

/*
 * Last year's figures of the department `name` of `region` ("" = any region) for budget year `year`:
 * the newest stored document of kind 预算 and year `year − 1`. When there is none, YS_OK with
 * out->document_id == 0. Errors of the store are diagnostics (status of the store).
 * Items: total = 收支总表 收入总计; basic/project = 支出总表 合计 row; three_public = "三公"经费 小计 (else
 * 合计); abroad … training = the rows of the "三公" table, 合计 column (car = 公务用车购置及运维费, else
 * 购置费 + 运行维护费); running_costs = the 机关运行经费 figure of the 情况说明.
 */
ys_status ys_store_prior_find(ys_store *s, const char *region, const char *name, int year, ys_store_prior *out,
                              ys_diags *diags);

/* The same, read from a loaded disclosure `d` (no running_costs: sections are not loaded). For tests. */
void ys_store_prior_from_disclosure(const ys_disclosure *d, ys_store_prior *out);

#endif
