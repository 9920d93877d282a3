//===- ConsoleOnlySteps.cpp - manual steps where the API has no call ------===//
#include "ConsoleOnlySteps.h"
#include "ApplyFlow.h"
#include "rtc/Diag/Diagnostic.h"
#include "rtc/Exec/Executor.h"
#include "rtc/Plan/ManualSteps.h"

#include "llvm/Support/WithColor.h"

#include <optional>

using namespace llvm;

namespace rtc::driver {

namespace {

/// Whether the endpoint has the engine calls; std::nullopt after printing
/// why it could not be asked.
std::optional<bool> engineCalls(CloudSession &Cloud, const char *Command) {
  auto Available = Cloud.Providers->engineCallsAvailable();
  if (Available)
    return *Available;
  WithColor::error(errs(), std::string("rtcc ") + Command)
      << "cannot ask " << Cloud.Where
      << " whether it offers the engine version calls (ListCluster): "
      << toString(Available.takeError()) << "\n";
  return std::nullopt;
}

} // namespace

bool useManualStepsWhereNeeded(plan::Plan &P, CloudSession &Cloud,
                               const char *Command) {
  if (!plan::hasConsoleOnlyCalls(P))
    return true;
  std::optional<bool> Calls = engineCalls(Cloud, Command);
  if (!Calls)
    return false;
  if (!*Calls)
    plan::markManualSteps(P);
  return true;
}

bool savedPlanFitsEndpoint(const plan::Plan &P, CloudSession &Cloud,
                           CheckedConfig &C, const char *Command) {
  if (!plan::hasConsoleOnlyCalls(P))
    return true;
  std::optional<bool> Calls = engineCalls(Cloud, Command);
  if (!Calls)
    return false;
  if (*Calls)
    return true;
  plan::Plan Refused;
  for (const plan::Step &S : P.Steps)
    if (plan::isConsoleOnly(S) && !S.Manual)
      Refused.Errors.push_back(
          plan::makePlanError(diag::err_plan_console_only_call,
                              {exec::operationOf(S), S.Cluster, Cloud.Where},
                              S.Cluster, "engines"));
  reportPlanErrors(Refused, C);
  C.S->finish();
  return false;
}

} // namespace rtc::driver
