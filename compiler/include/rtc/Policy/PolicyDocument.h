//===- PolicyDocument.h - a RAM policy as plain located data ----*- C++ -*-===//
//
// The one shape every policy takes inside rtcc, whether it came from RAM JSON
// (PolicyJson.h), from `allow … on …` statements in a .rtc policy block (built
// by sema), or from a stdlib builtin_policy. Every action and resource keeps
// its source range so that findings point at the exact string.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_POLICY_POLICYDOCUMENT_H
#define RTC_POLICY_POLICYDOCUMENT_H

#include "llvm/Support/SMLoc.h"
#include <string>
#include <vector>

namespace rtc::policy {

enum class Effect { Allow, Deny };

/// A string value and where it is written (the characters between the
/// quotes). The range may be invalid for values that have no source text,
/// e.g. ones computed by interpolation.
struct LocatedString {
  std::string Value;
  llvm::SMRange Range;
};

struct PolicyStatement {
  Effect Eff = Effect::Allow;
  std::vector<LocatedString> Actions;
  std::vector<LocatedString> Resources;
  /// The whole statement (object or `allow … on …` item).
  llvm::SMRange Range;
  /// RAM conditions are kept verbatim but never evaluated: a statement with a
  /// condition may or may not apply, and rtcc says so instead of guessing.
  bool HasCondition = false;
  std::string ConditionJson;
  llvm::SMRange ConditionRange;
};

struct PolicyDocument {
  std::string Version = "1";
  std::vector<PolicyStatement> Statements;
  /// The policy's name (RAM policy name or .rtc label); used in findings and
  /// in evaluation chains.
  std::string Name;
  llvm::SMRange Range;
};

} // namespace rtc::policy

#endif
