//===- ApplyFlow.h - plan, approve, execute, save: apply and destroy -*- C++ -*-===//
#ifndef RTCC_TOOLS_APPLYFLOW_H
#define RTCC_TOOLS_APPLYFLOW_H

#include "ApplySupport.h"
#include "CloudSupport.h"
#include "rtc/Exec/Refresh.h"
#include "rtc/Plan/Plan.h"

#include <string>
#include <vector>

namespace rtc::driver {

struct ApplyRequest {
  const char *Command = "apply";
  bool Destroy = false;     ///< plan deletes of everything in the state
  std::string PlanFile;     ///< apply exactly this saved plan
  bool Refresh = true;      ///< read the cloud before planning
  std::vector<std::string> Targets, Excludes;
  std::vector<std::string> Replace; ///< -replace (docs/apply.md#replace)
};

int runApplyFlow(const ApplyRequest &Req,
                 const std::vector<std::string> &ConfigPaths,
                 const state::BackendOptions &Backend, const ApplyFlags &Flags,
                 const CloudOptions &Cloud);

/// How refresh reports: JSON events, or drift text for people.
struct RefreshView {
  bool Json = false;
  bool Color = false;
  unsigned Parallelism = 10;
};

/// Refreshes Cur in place through the cloud, printing drift. False (after
/// printing the errors) when reads failed.
bool refreshForPlan(state::State &Cur, CloudSession &Cloud,
                    const RefreshView &View, const ir::Program &Config,
                    std::vector<exec::Drift> &Drifts);

/// Reports plan errors as diagnostics; true when there were none.
bool reportPlanErrors(const plan::Plan &P, CheckedConfig &C);

} // namespace rtc::driver

#endif
