//===- Evaluator.cpp - what a set of attached policies decides ------------===//
#include "rtc/Policy/Evaluator.h"
#include "rtc/Policy/Wildcard.h"

namespace rtc::policy {

llvm::StringRef toString(DecisionKind K) {
  switch (K) {
  case DecisionKind::Allow:
    return "Allow";
  case DecisionKind::ImplicitDeny:
    return "ImplicitDeny";
  case DecisionKind::ExplicitDeny:
    return "ExplicitDeny";
  }
  return "ImplicitDeny";
}

bool statementMatches(const PolicyStatement &S, const Request &Req) {
  bool ActionHit = false;
  for (const LocatedString &A : S.Actions)
    if ((ActionHit = actionMatches(A.Value, Req.Action)))
      break;
  if (!ActionHit)
    return false;
  for (const LocatedString &R : S.Resources)
    if (resourceMatches(R.Value, Req.Resource))
      return true;
  return false;
}

Decision evaluate(llvm::ArrayRef<AttachedPolicy> Policies, const Request &Req) {
  Decision D;
  std::vector<StatementRef> Allows, Denies;
  for (unsigned P = 0; P < Policies.size(); ++P) {
    const AttachedPolicy &AP = Policies[P];
    if (!AP.Policy)
      continue;
    const auto &Statements = AP.Policy->Statements;
    for (unsigned I = 0; I < Statements.size(); ++I) {
      const PolicyStatement &S = Statements[I];
      if (!statementMatches(S, Req))
        continue;
      StatementRef Ref{P, I, AP.Policy->Name, AP.Chain, S.Range};
      if (S.HasCondition)
        D.Conditional.push_back(std::move(Ref));
      else
        (S.Eff == Effect::Deny ? Denies : Allows).push_back(std::move(Ref));
    }
  }
  // Explicit Deny wins over any Allow; no matching statement means deny.
  if (!Denies.empty()) {
    D.Kind = DecisionKind::ExplicitDeny;
    D.Determining = std::move(Denies);
  } else if (!Allows.empty()) {
    D.Kind = DecisionKind::Allow;
    D.Determining = std::move(Allows);
  }
  return D;
}

} // namespace rtc::policy
