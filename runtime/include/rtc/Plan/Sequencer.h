//===- Sequencer.h - the order in which a plan is executed ------*- C++ -*-===//
//
// Resource steps in dependency order (parents created first, children
// deleted first, a replace deletes then creates) plus the engine-version
// steps of docs/service.md#engine-versions: one install at a time, at most three installed,
// never uninstalling the current version or one a job still uses. Changes
// that cannot be sequenced become PlanErrors quoting the service's error.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_PLAN_SEQUENCER_H
#define RTC_PLAN_SEQUENCER_H

#include "rtc/IR/IR.h"
#include "rtc/Plan/Plan.h"
#include "rtc/State/State.h"

namespace rtc::plan {

/// Fills P.Steps (and P.Errors) from P.Changes.
void sequencePlan(Plan &P, const ir::Program &Prog, const state::State *State);

} // namespace rtc::plan

#endif
