//===- ConsoleOnlySteps.h - manual steps, no engine calls ------*- C++ -*-===//
//
// Engine install, uninstall and set-current are console operations on the
// real service. plan and apply ask the endpoint once whether it offers them
// as calls (the embedded cloud and an emulator announcing its extensions
// do); where it does not, the plan's steps for them become manual steps
// (rtc/Plan/ManualSteps.h, docs/apply.md#manual-steps).
//
//===----------------------------------------------------------------------===//
#ifndef RTCC_TOOLS_CONSOLEONLYSTEPS_H
#define RTCC_TOOLS_CONSOLEONLYSTEPS_H

#include "ApplySupport.h"
#include "CloudSupport.h"
#include "rtc/Plan/Plan.h"

namespace rtc::driver {

/// A new plan: makes its console-only steps manual unless the endpoint
/// offers the calls. False (after printing why) when the endpoint could
/// not be asked.
bool useManualStepsWhereNeeded(plan::Plan &P, CloudSession &Cloud,
                               const char *Command);

/// A saved plan: refuses (RTC0525, reported on C) console-only steps it
/// would send as calls to an endpoint that has none. False when refused.
bool savedPlanFitsEndpoint(const plan::Plan &P, CloudSession &Cloud,
                           CheckedConfig &C, const char *Command);

} // namespace rtc::driver

#endif
