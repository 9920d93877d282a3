//===- Evaluator.h - what a set of attached policies decides ----*- C++ -*-===//
//
// The semantics of RAM policies, kept apart from the static Analyzer (as
// Cedar keeps its authorizer apart from its validator). For one request
// (action, resource): any matching Deny statement gives ExplicitDeny; else any
// matching Allow gives Allow; else ImplicitDeny. The decision names the
// statements that determined it and the chain through which each policy was
// attached (user.alice -> group.devs -> policy.stream_dev), so `rtcc` can say
// *why* a principal may or may not do something.
//
// Statements with a Condition are never evaluated: they are listed as
// Conditional and otherwise treated as not matching, which is exact whenever
// the condition is false and conservative (deny) for Allows.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_POLICY_EVALUATOR_H
#define RTC_POLICY_EVALUATOR_H

#include "rtc/Policy/PolicyDocument.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace rtc::policy {

/// A policy as it reaches a principal. Policy must outlive the evaluation.
struct AttachedPolicy {
  const PolicyDocument *Policy = nullptr;
  /// How it got there, outermost first, e.g. {"user.alice", "group.devs",
  /// "policy.stream_dev"}.
  std::vector<std::string> Chain;
};

struct Request {
  std::string Action;   ///< "stream:CreateJob"
  std::string Resource; ///< "acs:stream:cn-hangzhou:123:clicks"
};

enum class DecisionKind { Allow, ImplicitDeny, ExplicitDeny };

llvm::StringRef toString(DecisionKind K);

/// One statement that took part in a decision.
struct StatementRef {
  unsigned Policy = 0;    ///< index into the evaluated AttachedPolicy list
  unsigned Statement = 0; ///< index into that policy's Statements
  std::string PolicyName;
  std::vector<std::string> Chain;
  llvm::SMRange Range;

  bool operator==(const StatementRef &O) const {
    return Policy == O.Policy && Statement == O.Statement;
  }
};

struct Decision {
  DecisionKind Kind = DecisionKind::ImplicitDeny;
  /// The statements that decided: every matching Deny for ExplicitDeny, every
  /// matching Allow for Allow, none for ImplicitDeny.
  std::vector<StatementRef> Determining;
  /// Matching statements with a Condition that was not evaluated.
  std::vector<StatementRef> Conditional;

  bool allowed() const { return Kind == DecisionKind::Allow; }
};

/// Whether the statement's action and resource lists both match Req
/// (ignoring its Condition and Effect).
bool statementMatches(const PolicyStatement &S, const Request &Req);

Decision evaluate(llvm::ArrayRef<AttachedPolicy> Policies, const Request &Req);
inline Decision evaluate(llvm::ArrayRef<AttachedPolicy> Policies,
                         llvm::StringRef Action, llvm::StringRef Resource) {
  return evaluate(Policies, Request{Action.str(), Resource.str()});
}

} // namespace rtc::policy

#endif
