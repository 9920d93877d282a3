//===- DangerousChanges.h - changes the service warns about -----*- C++ -*-===//
//
// Deleting or replacing a protected role (stdlib `protected_roles`,
// docs/service.md#protected-roles) and replacing a kind listed in
// `dangerous_replacements` (a cluster) can hurt running workloads: such
// changes are marked, with the table's reason, and apply performs them only
// with -allow-dangerous (docs/apply.md#dangerous-changes).
//
//===----------------------------------------------------------------------===//
#ifndef RTC_PLAN_DANGEROUSCHANGES_H
#define RTC_PLAN_DANGEROUSCHANGES_H

#include "rtc/IR/IR.h"
#include "rtc/Plan/Plan.h"

#include <vector>

namespace rtc::plan {

/// Sets Dangerous and DangerReason on the changes the stdlib tables of Prog
/// call dangerous.
void flagDangerous(std::vector<ResourceChange> &Changes,
                   const ir::Program &Prog);

} // namespace rtc::plan

#endif
