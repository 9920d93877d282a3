//===- Rules.h - every Realtime Compute and RAM rule, on the IR --*- C++ -*-===//
//
// Each rule of ../shared/spec/domain.md (and the RAM limits of cloud-api.md)
// is a check over ir::Program that reports RTC03xx diagnostics with the
// attribute's exact location, the reason and the fix. Numbers come from the
// stdlib tables in ir::Program::Std, never from literals here.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_RULES_RULES_H
#define RTC_RULES_RULES_H

#include "rtc/Diag/DiagnosticsEngine.h"
#include "rtc/IR/IR.h"

namespace rtc {

/// Runs every rule. Safe on programs with errors (skips what is missing).
void runRules(const ir::Program &P, DiagnosticsEngine &Diags);

} // namespace rtc

#endif
