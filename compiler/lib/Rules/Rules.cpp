//===- Rules.cpp - runs every rule family ----------------------------------===//
//
// Families are independent: each reads the program and reports; none relies
// on another having run. The order only fixes the order of diagnostics.
//
//===----------------------------------------------------------------------===//
#include "rtc/Rules/Rules.h"
#include "RuleContext.h"

namespace rtc {

const std::set<std::string> &constraintsCheckedByRules() {
  static const std::set<std::string> Keys = {
      "project.name:pattern",          // RTC0331, RTC0332 (ProjectRules)
      "project:exactly_one_of",        // RTC0333, RTC0334
      "project:required_with",         // RTC0337
      "project:conflicts_with",        // RTC0338
      "user.name:pattern",             // RTC0341 (RamRules)
      "group.name:pattern",            // RTC0342
      "policy.name:pattern",           // RTC0343
      "role.max_session_duration:min", // RTC0344
      "role.max_session_duration:max",
      "cluster.slave.count:min",       // RTC0304 (ClusterRules)
      "cluster.engines.installed:max_items", // RTC0320, RTC0321 (EngineRules)
  };
  return Keys;
}

void runRules(const ir::Program &P, DiagnosticsEngine &Diags,
              const RuleOptions &Opts) {
  rules::RuleContext C(P, Diags, Opts);
  rules::checkProjects(C);
  rules::checkClusters(C);
  rules::checkOrders(C);
  rules::checkEngines(C);
  rules::checkRam(C);
  rules::checkRoles(C);
  rules::checkAccess(C);
}

} // namespace rtc
