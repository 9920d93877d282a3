//===- ExplainAccess.h - who may do what, decided offline -------*- C++ -*-===//
//
// `rtcc explain access`: evaluates the RAM policies that reach a principal
// (directly, through groups, or as a role) for one action on one resource,
// and says which statements decide and through which chain they apply.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_RULES_EXPLAINACCESS_H
#define RTC_RULES_EXPLAINACCESS_H

#include "rtc/Diag/DiagnosticsEngine.h"
#include "rtc/IR/IR.h"
#include <string>
#include <vector>

namespace rtc {

struct AccessExplanation {
  std::string Decision; ///< "Allow", "ImplicitDeny" or "ExplicitDeny"
  /// Human-readable lines: the deciding statements with their chains, and
  /// the policies that were considered.
  std::vector<std::string> Lines;
  bool PrincipalFound = false;
};

AccessExplanation explainAccess(const ir::Program &P, DiagnosticsEngine &Diags,
                                llvm::StringRef Principal, llvm::StringRef Action,
                                llvm::StringRef Resource);

} // namespace rtc

#endif
