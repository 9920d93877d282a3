//===- Replacement.h - replacements that know the service -------*- C++ -*-===//
//
// A replacement deletes the live object and creates a new one. The stdlib
// says which changes the service can never make in place (`unchangeable`:
// a cluster's master count) and which creates use their order up
// (`order_consumers`); from these the planner explains a replacement and
// refuses one that could delete the object but never create its successor
// (docs/apply.md#replacement).
//
//===----------------------------------------------------------------------===//
#ifndef RTC_PLAN_REPLACEMENT_H
#define RTC_PLAN_REPLACEMENT_H

#include "rtc/IR/IR.h"
#include "rtc/Plan/Plan.h"

namespace rtc::plan {

/// Rewrites "`master.count` forces replacement" into the service's reason
/// for the attributes listed in the stdlib's `unchangeable` table.
void explainUnchangeable(std::vector<ResourceChange> &Changes,
                         const ir::Program &Prog);

/// An RTC0507 error for each replacement of an order consumer (stdlib
/// `order_consumers`) whose order is not new: the one the current object
/// used, or another that is not pending.
void checkReplacementOrders(Plan &P, const ir::Program &Prog);

/// An RTC0508 error for each delete or replacement of a resource whose
/// `lifecycle` has prevent_destroy (read from Config).
void checkPreventDestroy(Plan &P, const ir::Program &Config);

} // namespace rtc::plan

#endif
