//===- ProjectRules.cpp - projects, orders and who may create them --------===//
//
// docs/service.md#deployment-modes and docs/service.md#name-rules: project names, shared projects from
// shared-mode orders, exclusive projects on a cluster with their CU, billing
// per mode, and the main-account-only kinds (limits.rtc).
//
//===----------------------------------------------------------------------===//
#include "RuleContext.h"
#include <algorithm>
#include <cctype>

namespace rtc::rules {

namespace {

/// The nearest name the pattern accepts: lower case, other characters as
/// `_`, a letter in front; empty when even that does not match.
std::string repairProjectName(RuleContext &C, const std::string &Pattern,
                              const std::string &Name) {
  std::string S;
  for (char Ch : Name) {
    unsigned char U = static_cast<unsigned char>(Ch);
    S += std::isalnum(U) ? static_cast<char>(std::tolower(U)) : '_';
  }
  if (!S.empty() && !std::isalpha(static_cast<unsigned char>(S.front())))
    S = "p" + S;
  return C.matches(Pattern, S) == true && S != Name ? S : "";
}

void checkName(RuleContext &C, const ir::Resource &R) {
  auto Pattern = asString(C.table("name_rules", "project"));
  std::string Name = displayName(R);
  if (!Pattern || C.matches(*Pattern, Name) != false)
    return;
  llvm::SMRange Range = R.rangeOf("name");
  std::string Fix = repairProjectName(C, *Pattern, Name);
  if (Fix.empty())
    C.Diags.report(Range, diag::err_project_name) << Name;
  else
    C.Diags.report(Range, diag::err_project_name_suggest) << Name << Fix;
}

std::string orderMode(const ir::Resource &Order) {
  return asString(Order.get("mode")).value_or("");
}

/// A shared-mode order, or a project created from an order.
bool isSharedMode(const ir::Resource &R) {
  if (R.Kind == "order")
    return orderMode(R) == "shared";
  if (R.Kind == "project")
    return !R.get("order").is_null();
  return true; // another kind the table names: always main-account only
}

void checkDeployment(RuleContext &C, const ir::Resource &R) {
  bool HasOrder = !R.get("order").is_null(), HasCluster = !R.get("cluster").is_null();
  std::string Name = displayName(R);
  if (!HasOrder && !HasCluster) {
    C.Diags.report(R.Range, diag::err_project_no_deployment) << Name;
    return;
  }
  if (HasOrder && HasCluster) {
    C.Diags.report(R.rangeOf("cluster"), diag::err_project_order_and_cluster) << Name;
    return;
  }
  if (HasOrder) {
    if (const ir::Resource *O = C.deref(R.get("order")))
      if (std::string Mode = orderMode(*O); !Mode.empty() && Mode != "shared")
        C.Diags.report(R.rangeOf("order"), diag::err_project_order_mode)
            << Name << displayName(*O) << Mode;
    if (!R.get("cu").is_null())
      C.Diags.report(R.rangeOf("cu"), diag::err_shared_project_cu) << Name;
    return;
  }
  if (R.get("cu").is_null()) {
    const ir::Resource *Cl = C.deref(R.get("cluster"));
    C.Diags.report(R.Range, diag::err_exclusive_project_needs_cu)
        << Name << (Cl ? displayName(*Cl) : addressOf(R.get("cluster")));
  }
}

void checkOrder(RuleContext &C, const ir::Resource &O) {
  std::string Mode = orderMode(O);
  auto Billing = asString(O.get("billing"));
  const ir::Value &Allowed = C.table("billing_by_mode", Mode);
  if (!Billing || !Allowed.is_array())
    return;
  std::vector<std::string> Modes = stringList(Allowed);
  if (std::find(Modes.begin(), Modes.end(), *Billing) == Modes.end())
    C.Diags.report(O.rangeOf("billing"), diag::err_order_billing_mode)
        << Mode << *Billing << quotedList(Modes);
}

} // namespace

void checkProjects(RuleContext &C) {
  for (const ir::Resource *R : C.P.ofKind("project")) {
    checkName(C, *R);
    checkDeployment(C, *R);
  }
  for (const ir::Resource *O : C.P.ofKind("order"))
    checkOrder(C, *O);
  for (const ir::Resource *Cl : C.P.ofKind("cluster"))
    if (const ir::Resource *O = C.deref(Cl->get("order")))
      if (std::string Mode = orderMode(*O); !Mode.empty() && Mode != "exclusive")
        C.Diags.report(Cl->rangeOf("order"), diag::err_cluster_order_mode)
            << displayName(*Cl) << displayName(*O) << Mode;

  // docs/service.md#deployment-modes (shared mode): only the main account opens the service and
  // creates projects. The seed says so of shared mode only; exclusive-mode
  // work by a sub-account is governed by ram:PassRole (AccessRules.cpp).
  if (!C.callerIsSubAccount())
    return;
  for (const std::string &Kind : stringList(C.P.std("main_account_only")))
    for (const ir::Resource *R : C.P.ofKind(Kind))
      if (isSharedMode(*R))
        C.Diags.report(R->Range, diag::err_main_account_only)
                .note(C.callerRange(), diag::note_caller_set_here)
            << Kind << displayName(*R) << C.caller();
}

} // namespace rtc::rules
