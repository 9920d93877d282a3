//===- Finding.cpp - severities and reporting of policy findings ----------===//
#include "rtc/Policy/Finding.h"

namespace rtc::policy {

Severity policySeverity(diag::ID Kind) {
  switch (Kind) {
#define DIAG(ID, CODE, SEV, MSG, HINT)                                         \
  case diag::ID:                                                               \
    return Severity::SEV;
#include "rtc/Diag/DiagnosticPolicyKinds.def"
#undef DIAG
  default:
    // Only policy kinds are ever put in a Finding.
    return Severity::Error;
  }
}

Severity Finding::severity() const { return policySeverity(Kind); }

} // namespace rtc::policy
