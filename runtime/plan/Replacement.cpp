//===- Replacement.cpp - replacements that know the service ---------------===//
#include "rtc/Plan/Replacement.h"
#include "JsonFields.h"
#include "rtc/Diag/Diagnostic.h"

namespace rtc::plan {

namespace {

using nlohmann::json;

/// The change's reasons for a replacement, joined for a message.
std::string whyReplaced(const ResourceChange &C) {
  std::string Out;
  for (const std::string &R : C.Reasons)
    Out += (Out.empty() ? "" : "; ") + R;
  return Out.empty() ? "a change forces it" : Out;
}

/// True when the order the plan binds at Ref is not used yet: it is bought
/// (bound) by this plan, or the state shows it pending.
bool orderIsNew(const Plan &P, const std::string &Ref, const std::string &Old) {
  const ResourceChange *O = P.find(Ref);
  if (!O)
    return true; // not an order this plan knows: sema reports bad references
  if (O->Act == Action::Create || O->Act == Action::Replace)
    return true;
  if (Ref == Old)
    return false;
  auto It = O->Before.is_object() ? O->Before.find("pending")
                                  : json::const_iterator();
  return O->Before.is_object() && It != O->Before.end() && It->is_boolean() &&
         It->get<bool>();
}

} // namespace

void explainUnchangeable(std::vector<ResourceChange> &Changes,
                         const ir::Program &Prog) {
  const json &Table = Prog.std("unchangeable");
  if (!Table.is_object())
    return;
  for (ResourceChange &C : Changes) {
    if (C.Act != Action::Replace || !Table.contains(C.Kind))
      continue;
    const json &Paths = Table[C.Kind];
    for (const AttributeChange &A : C.AttributeChanges) {
      if (!A.ForcesReplacement || !Paths.contains(A.Path) ||
          !Paths[A.Path].is_string())
        continue;
      std::string Generic = "`" + A.Path + "` forces replacement";
      std::string Why = Generic + ": " + Paths[A.Path].get<std::string>();
      for (std::string &R : C.Reasons)
        if (R == Generic)
          R = Why;
    }
  }
}

void checkReplacementOrders(Plan &P, const ir::Program &Prog) {
  const json &Consumers = Prog.std("order_consumers");
  if (!Consumers.is_object())
    return;
  std::vector<PlanError> Errors;
  for (const ResourceChange &C : P.Changes) {
    if (C.Act != Action::Replace || !Consumers.contains(C.Kind) ||
        !Consumers[C.Kind].is_string())
      continue;
    std::string Attr = Consumers[C.Kind].get<std::string>();
    std::string Old = stringAt(C.Before, Attr.c_str());
    std::string New = stringAt(C.After, Attr.c_str());
    if (Old.empty() || New.empty() || orderIsNew(P, New, Old))
      continue;
    const ResourceChange *O = P.find(New);
    std::string Id = O ? stringAt(O->Before, "id") : "";
    Errors.push_back(
        makePlanError(diag::err_plan_replace_used_order,
                      {C.Address, whyReplaced(C), C.Kind, New,
                       Id.empty() ? "" : " (order " + Id + ")", Attr},
                      C.Address, Attr));
  }
  P.Errors.insert(P.Errors.end(), Errors.begin(), Errors.end());
}

void checkPreventDestroy(Plan &P, const ir::Program &Config) {
  for (const ResourceChange &C : P.Changes) {
    if (C.Act != Action::Delete && C.Act != Action::Replace)
      continue;
    const ir::Resource *R = Config.find(C.Address);
    if (!R || !R->PreventDestroy)
      continue;
    P.Errors.push_back(makePlanError(
        diag::err_plan_prevent_destroy,
        {C.Address, C.Act == Action::Delete ? "destroy" : "replace",
         C.Act == Action::Replace ? " (" + whyReplaced(C) + ")" : ""},
        C.Address));
  }
}

} // namespace rtc::plan
