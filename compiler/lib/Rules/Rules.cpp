//===- Rules.cpp - runs every rule family ----------------------------------===//
//
// Families are independent: each reads the program and reports; none relies
// on another having run. The order only fixes the order of diagnostics.
//
//===----------------------------------------------------------------------===//
#include "rtc/Rules/Rules.h"
#include "RuleContext.h"

namespace rtc {

void runRules(const ir::Program &P, DiagnosticsEngine &Diags) {
  rules::RuleContext C(P, Diags);
  rules::checkProjects(C);
  rules::checkClusters(C);
  rules::checkEngines(C);
  rules::checkRam(C);
  rules::checkRoles(C);
  rules::checkAccess(C);
}

} // namespace rtc
