//===- SavedPlan.h - may a saved plan still be applied? ---------*- C++ -*-===//
//
// A saved plan is only valid against the state and configuration it was
// made from (Terraform: "stale" / "does not match the given state").
//
//===----------------------------------------------------------------------===//
#ifndef RTC_PLAN_SAVEDPLAN_H
#define RTC_PLAN_SAVEDPLAN_H

#include "rtc/Plan/Plan.h"
#include "rtc/State/State.h"

#include "llvm/Support/Error.h"

#include <string>

namespace rtc::plan {

/// Success when Current is the state the plan was made from (same lineage,
/// same serial) and ConfigHash the configuration's; otherwise an error
/// saying what changed and to run `rtcc plan` again.
llvm::Error checkSavedPlanApplies(const Plan &P, const state::State &Current,
                                  const std::string &ConfigHash);

} // namespace rtc::plan

#endif
