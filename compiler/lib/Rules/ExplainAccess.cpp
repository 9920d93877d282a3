//===- ExplainAccess.cpp - who may do what, decided offline ---------------===//
#include "rtc/Rules/ExplainAccess.h"
#include "RuleContext.h"
#include "rtc/Policy/Evaluator.h"
#include "llvm/Support/SourceMgr.h"

namespace rtc {

namespace {

std::string joinChain(const std::vector<std::string> &Chain) {
  std::string Out;
  for (size_t I = 0; I < Chain.size(); ++I)
    Out += (I ? " → " : "") + Chain[I];
  return Out;
}

std::string where(const llvm::SourceMgr &SM, llvm::SMRange R) {
  if (!R.Start.isValid())
    return "stdlib";
  unsigned Id = SM.FindBufferContainingLoc(R.Start);
  if (!Id)
    return "";
  auto LC = SM.getLineAndColumn(R.Start, Id);
  return SM.getMemoryBuffer(Id)->getBufferIdentifier().str() + ":" +
         std::to_string(LC.first) + ":" + std::to_string(LC.second);
}

std::string statementText(const policy::PolicyStatement &S) {
  auto List = [](const std::vector<policy::LocatedString> &L) {
    std::string Out = "[";
    for (size_t I = 0; I < L.size(); ++I)
      Out += (I ? ", \"" : "\"") + L[I].Value + "\"";
    return Out + "]";
  };
  return std::string(S.Eff == policy::Effect::Allow ? "allow " : "deny ") +
         List(S.Actions) + " on " + List(S.Resources);
}

} // namespace

AccessExplanation explainAccess(const ir::Program &P, DiagnosticsEngine &Diags,
                                llvm::StringRef Principal, llvm::StringRef Action,
                                llvm::StringRef Resource) {
  AccessExplanation Out;
  Out.PrincipalFound = P.find(Principal) != nullptr;
  RuleOptions Opts;
  rules::RuleContext C(P, Diags, Opts);
  std::vector<policy::AttachedPolicy> Policies = rules::attachedPolicies(C, Principal);
  policy::Decision D = policy::evaluate(Policies, Action, Resource);
  Out.Decision = policy::toString(D.Kind).str();
  const llvm::SourceMgr &SM = Diags.getSourceMgr();
  auto Describe = [&](const policy::StatementRef &Ref) {
    const policy::PolicyStatement &S =
        Policies[Ref.Policy].Policy->Statements[Ref.Statement];
    Out.Lines.push_back("  " + statementText(S));
    Out.Lines.push_back("    in " + Ref.PolicyName + " (" + where(SM, S.Range) + ")");
    Out.Lines.push_back("    via " + joinChain(Ref.Chain));
  };
  if (D.Kind == policy::DecisionKind::ImplicitDeny) {
    Out.Lines.push_back("no statement allows it (RAM denies by default)");
  } else {
    Out.Lines.push_back(D.Kind == policy::DecisionKind::Allow
                            ? "allowed by:"
                            : "denied explicitly by (an explicit Deny wins over every Allow):");
    for (const policy::StatementRef &Ref : D.Determining)
      Describe(Ref);
  }
  if (!D.Conditional.empty()) {
    Out.Lines.push_back("statements with a Condition that rtcc does not evaluate:");
    for (const policy::StatementRef &Ref : D.Conditional)
      Describe(Ref);
  }
  Out.Lines.push_back("policies reaching " + Principal.str() + ":");
  if (Policies.empty())
    Out.Lines.push_back("  (none)");
  for (const policy::AttachedPolicy &A : Policies)
    Out.Lines.push_back("  " + joinChain(A.Chain));
  return Out;
}

} // namespace rtc
