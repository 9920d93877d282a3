//===- SavedPlan.h - may a saved plan still be applied? ---------*- C++ -*-===//
//
// A saved plan is only valid against the state and configuration it was
// made from (Terraform: "stale" / "does not match the given state").
//
//===----------------------------------------------------------------------===//
#ifndef RTC_PLAN_SAVEDPLAN_H
#define RTC_PLAN_SAVEDPLAN_H

#include "rtc/IR/IR.h"
#include "rtc/Plan/Plan.h"
#include "rtc/State/State.h"

#include "llvm/Support/Error.h"

#include <map>
#include <string>

namespace rtc::plan {

/// Success when Current is the state the plan was made from (same lineage,
/// same serial) and ConfigHash the configuration's; otherwise an error
/// saying what changed and to run `rtcc plan` again.
llvm::Error checkSavedPlanApplies(const Plan &P, const state::State &Current,
                                  const std::string &ConfigHash);

/// The plan's variable values that configuration analysis takes as given
/// (SemaOptions::VarValues): all but the sensitive ones, which the plan
/// holds only as hashes.
std::map<std::string, nlohmann::json> savedPlanValues(const Plan &P);

/// Success when every sensitive variable of Prog has the value the plan
/// was made with (it is given again, by -var or RTC_VAR_NAME); otherwise
/// an error naming the variable.
llvm::Error checkSavedPlanSecrets(const Plan &P, const ir::Program &Prog);

/// A saved plan holds sensitive attribute values only as hashes (see
/// toJson): puts back the configuration's values where they hash to the
/// saved ones, or fails naming the attribute whose secret changed.
llvm::Error restoreSavedPlanSecrets(Plan &P, const ir::Program &Prog);

} // namespace rtc::plan

#endif
