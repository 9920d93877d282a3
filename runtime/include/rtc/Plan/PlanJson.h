//===- PlanJson.h - the plan's JSON form (docs/plan.md) ---------*- C++ -*-===//
//
// One layout serves `rtcc plan -json`, saved plans (`-out FILE`) and
// `rtcc show -json`: the JSON view and the saved file are the same object.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_PLAN_PLANJSON_H
#define RTC_PLAN_PLANJSON_H

#include "rtc/Plan/Plan.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace rtc::plan {

nlohmann::json toJson(const Plan &P);
/// Parses a saved plan; Origin names the file in errors.
llvm::Expected<Plan> planFromJson(llvm::StringRef Text, llvm::StringRef Origin);

} // namespace rtc::plan

#endif
