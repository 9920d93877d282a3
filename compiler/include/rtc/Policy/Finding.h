//===- Finding.h - one structured policy finding ----------------*- C++ -*-===//
//
// What the policy reader and analyzer find, as data: the diagnostic kind from
// DiagnosticPolicyKinds.def, where, which policy and statement, the message
// arguments and an optional "did you mean" suggestion. Tests compare these
// structs; reportFindings() turns them into diagnostics.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_POLICY_FINDING_H
#define RTC_POLICY_FINDING_H

#include "rtc/Diag/Diagnostic.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/SMLoc.h"
#include <string>
#include <vector>

namespace rtc {
class DiagnosticsEngine;
} // namespace rtc

namespace rtc::policy {

struct Finding {
  diag::ID Kind;
  llvm::SMRange Range;
  std::string PolicyName;
  /// 0-based index of the statement, or -1 for document-level findings.
  int Statement = -1;
  /// Message arguments, in the order of the kind's format string.
  std::vector<std::string> Args;
  /// Replacement text for the flagged range ("did you mean"); empty if none.
  /// When set it is also emitted as a fix-it.
  std::string Suggestion;

  Severity severity() const;
  bool isError() const { return severity() == Severity::Error; }
};

/// The severity the table gives Kind. Reads DiagnosticPolicyKinds.def
/// directly, so it needs no diagnostics engine.
Severity policySeverity(diag::ID Kind);

/// Reports every finding through Diags (with its suggestion as a fix-it).
void reportFindings(DiagnosticsEngine &Diags, llvm::ArrayRef<Finding> Findings);

} // namespace rtc::policy

#endif
