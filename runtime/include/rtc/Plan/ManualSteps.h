//===- ManualSteps.h - console-only operations as manual steps --*- C++ -*-===//
//
// The published Realtime Compute API cannot install, uninstall or set the
// current engine version of a cluster: on the real service these are
// console operations. Against such an endpoint the plan keeps those steps,
// in the sequence the sequencer computed, as manual steps that name the
// exact console action; apply sends nothing for them and verifies them
// with GetClusterEngineVersions (docs/apply.md#manual-steps).
//
//===----------------------------------------------------------------------===//
#ifndef RTC_PLAN_MANUALSTEPS_H
#define RTC_PLAN_MANUALSTEPS_H

#include "rtc/Plan/Plan.h"

#include <string>

namespace rtc::plan {

/// Install, uninstall and set-current engine steps: the console-only ones.
bool isConsoleOnly(const Step &S);
/// Whether \p P has a console-only step that is not yet manual.
bool hasConsoleOnlyCalls(const Plan &P);

/// "In the Realtime Compute console: cluster cls-… (\"streaming\") →
/// Engine versions → Install blink-3.3.0", for a console-only step of \p P.
std::string consoleAction(const Plan &P, const Step &S);

/// The console action of \p S once its cluster exists, with the id the
/// console lists it by (for a plan made before the cluster was created).
std::string consoleActionOn(const Step &S, const std::string &ClusterId,
                            const std::string &Name);

/// Makes every console-only step of \p P manual, with its console action.
void markManualSteps(Plan &P);

} // namespace rtc::plan

#endif
