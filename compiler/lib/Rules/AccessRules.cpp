//===- AccessRules.cpp - what the account running rtcc may do -------------===//
//
// The provider's `caller` is "main" or the RAM user rtcc runs as. A
// sub-account that manages Realtime Compute resources must be allowed
// `ram:PassRole` by the policies that reach it (attached directly or through
// its groups), or the service fails with error 922019 (docs/service.md#accounts, docs/service.md#shared-role).
// The decision is rtcc_policy's Evaluator's; the texts come from errors.rtc.
//
//===----------------------------------------------------------------------===//
#include "RuleContext.h"
#include "rtc/Diag/EditDistance.h"
#include "rtc/Policy/Evaluator.h"

namespace rtc::rules {

namespace {

bool managesStream(const RuleContext &C) {
  for (const ir::Resource &R : C.P.Resources)
    if (R.Kind == "project" || R.Kind == "cluster" || R.Kind == "job")
      return true;
  return false;
}

std::string joinChain(const std::vector<std::string> &Chain) {
  std::string Out;
  for (size_t I = 0; I + 1 < Chain.size(); ++I)
    Out += (Out.empty() ? "`" : " -> `") + Chain[I] + "`";
  return Out;
}

} // namespace

void checkAccess(RuleContext &C) {
  if (!C.callerIsSubAccount())
    return;
  std::string Caller = C.caller();
  const ir::Resource *User = C.P.find(Caller);
  if (!User || User->Kind != "user") {
    std::vector<std::string> Candidates = {"main"};
    for (const ir::Resource *U : C.P.ofKind("user"))
      Candidates.push_back(U->Address);
    if (auto Best = closestMatch(Caller, Candidates))
      C.Diags.report(C.callerRange(), diag::err_unknown_caller_suggest) << Caller << *Best;
    else
      C.Diags.report(C.callerRange(), diag::err_unknown_caller) << Caller;
    return;
  }
  if (!managesStream(C))
    return;
  std::vector<policy::AttachedPolicy> Attached = attachedPolicies(C, Caller);
  std::string Role = asString(C.table("stream_role", "name")).value_or("*");
  policy::Decision D = policy::evaluate(Attached, {"ram:PassRole", "acs:ram:*:*:role/" + Role});
  if (D.allowed())
    return;
  llvm::SMRange Range = C.callerRange().isValid() ? C.callerRange() : User->Range;
  DiagnosticBuilder B = C.Diags.report(Range, diag::err_caller_no_pass_role);
  B << Caller << std::to_string(asInt(C.table("error_codes", "no_pass_role")).value_or(0))
    << asString(C.table("errors", "no_pass_role")).value_or("");
  for (const policy::StatementRef &S : D.Determining)
    B.note(S.Range, diag::note_pass_role_denied_here, S.PolicyName);
  for (const policy::AttachedPolicy &A : Attached) {
    const PolicyEntry *E = C.policyAt(A.Chain.back());
    llvm::SMRange At = E && E->Res ? E->Res->Range : llvm::SMRange();
    B.note(At, diag::note_policy_reaches_caller, A.Chain.back(), joinChain(A.Chain));
  }
}

} // namespace rtc::rules
