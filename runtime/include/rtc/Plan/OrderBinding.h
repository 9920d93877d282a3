//===- OrderBinding.h - which order each cluster or project uses -*- C++
//-*-===//
//
// A cluster (or a shared-mode project) is created from an order, and the
// plan says which: the id the configuration pins, the id the state already
// bound, or how apply gets one — bought (CreateCellClusterOrder) or bound
// to the unused order whose attributes all match (docs/apply.md#orders).
//
//===----------------------------------------------------------------------===//
#ifndef RTC_PLAN_ORDERBINDING_H
#define RTC_PLAN_ORDERBINDING_H

#include "rtc/IR/IR.h"
#include "rtc/Plan/Plan.h"

namespace rtc::plan {

/// Sets ResourceChange::OrderUse on every create or replace of an order
/// consumer (stdlib `order_consumers`).
void describeOrderUse(Plan &P, const ir::Program &Prog);

/// Sets ResourceChange::QueueUse on every create, replace or CU change of
/// a kind whose CU is a queue on its cluster (stdlib `cu_queues`): the
/// queue calls apply makes, as the published API has them.
void describeQueueUse(Plan &P, const ir::Program &Prog);

} // namespace rtc::plan

#endif
