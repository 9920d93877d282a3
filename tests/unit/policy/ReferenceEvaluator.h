//===- ReferenceEvaluator.h - the policy semantics, plainly -----*- C++ -*-===//
//
// A test oracle: RAM's decision rule written for clarity, not speed, sharing
// no code with rtcc_policy (its own recursive wildcard matcher, no early
// exits). Property tests check the real Evaluator against it.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_TESTS_REFERENCEEVALUATOR_H
#define RTC_TESTS_REFERENCEEVALUATOR_H

#include "rtc/Policy/Evaluator.h"
#include <cctype>
#include <set>
#include <utility>

namespace rtc::policy::reference {

/// Definition of a match: `*` is any string, `?` any one character.
inline bool matches(const std::string &P, const std::string &V, bool IgnoreCase,
                    size_t Pi = 0, size_t Vi = 0) {
  if (Pi == P.size())
    return Vi == V.size();
  if (P[Pi] == '*')
    return matches(P, V, IgnoreCase, Pi + 1, Vi) ||
           (Vi < V.size() && matches(P, V, IgnoreCase, Pi, Vi + 1));
  if (Vi == V.size())
    return false;
  bool Same = IgnoreCase ? std::tolower(static_cast<unsigned char>(P[Pi])) ==
                               std::tolower(static_cast<unsigned char>(V[Vi]))
                         : P[Pi] == V[Vi];
  return (P[Pi] == '?' || Same) && matches(P, V, IgnoreCase, Pi + 1, Vi + 1);
}

struct Result {
  DecisionKind Kind;
  std::set<std::pair<unsigned, unsigned>> Determining;
  std::set<std::pair<unsigned, unsigned>> Conditional;
};

inline Result decide(const std::vector<AttachedPolicy> &Policies,
                     const Request &Req) {
  std::set<std::pair<unsigned, unsigned>> Allows, Denies, Conditional;
  for (unsigned P = 0; P < Policies.size(); ++P) {
    for (unsigned S = 0; S < Policies[P].Policy->Statements.size(); ++S) {
      const PolicyStatement &St = Policies[P].Policy->Statements[S];
      bool ActionOk = false, ResourceOk = false;
      for (const LocatedString &A : St.Actions)
        ActionOk = ActionOk || matches(A.Value, Req.Action, true);
      for (const LocatedString &R : St.Resources)
        ResourceOk = ResourceOk || matches(R.Value, Req.Resource, false);
      if (!(ActionOk && ResourceOk))
        continue;
      if (St.HasCondition)
        Conditional.insert({P, S});
      else if (St.Eff == Effect::Deny)
        Denies.insert({P, S});
      else
        Allows.insert({P, S});
    }
  }
  if (!Denies.empty())
    return {DecisionKind::ExplicitDeny, Denies, Conditional};
  if (!Allows.empty())
    return {DecisionKind::Allow, Allows, Conditional};
  return {DecisionKind::ImplicitDeny, {}, Conditional};
}

} // namespace rtc::policy::reference

#endif
