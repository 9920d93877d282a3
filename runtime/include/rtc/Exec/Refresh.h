//===- Refresh.h - read every managed resource back from the cloud -*- C++ -*-===//
//
// Refresh is what makes a plan honest: before diffing, rtcc reads each
// resource in the state and records what changed outside rtcc (drift), so
// the plan shows it and apply corrects it. Reads run in parallel; a
// resource that is gone leaves the state (the plan then creates it again).
//
//===----------------------------------------------------------------------===//
#ifndef RTC_EXEC_REFRESH_H
#define RTC_EXEC_REFRESH_H

#include "rtc/Exec/Events.h"
#include "rtc/Exec/Executor.h"
#include "rtc/IR/IR.h"
#include "rtc/Plan/Plan.h"
#include "rtc/Provider/Provider.h"
#include "rtc/State/State.h"

#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace rtc::exec {

/// One resource that changed outside rtcc.
struct Drift {
  std::string Address;
  bool Deleted = false; ///< the object no longer exists
  std::vector<plan::AttributeChange> Changes;
};

struct RefreshResult {
  state::State Refreshed;
  std::vector<Drift> Drifts; ///< sorted by address
  std::vector<StepFailure> Failures;
};

/// Reads every resource of S through its provider (resources of kinds no
/// provider handles stay as they are). Obs may be null. With the
/// configuration's IR, attributes it declares computed (an order's
/// `pending`, a cluster's `state`) are still recorded but not reported as
/// drift: the service changes them, not a person.
RefreshResult refreshAll(const state::State &S, provider::Providers &Prov,
                         ExecObserver *Obs, unsigned Parallelism,
                         const ir::Program *Config = nullptr,
                         const provider::RefLookup &Fallback = nullptr);

/// "Objects have changed outside of rtcc" with each attribute's old and new
/// value (`~ master.model: "8c32g" -> "16c64g"`).
void renderDrift(const std::vector<Drift> &Drifts, llvm::raw_ostream &OS,
                 bool Color);

/// The drift as JSON: [{"address", "deleted", "changes": [{"path",
/// "before", "after"}]}].
nlohmann::json driftToJson(const std::vector<Drift> &Drifts);

} // namespace rtc::exec

#endif
