//===- DangerousChanges.cpp - changes the service warns about -------------===//
#include "rtc/Plan/DangerousChanges.h"

#include <string>

namespace rtc::plan {

namespace {

using nlohmann::json;

std::string nameOf(const json &V) {
  return V.is_object() && V.contains("name") && V["name"].is_string()
             ? V["name"].get<std::string>()
             : std::string();
}

/// The Realtime Compute resources of the configuration or the state, which
/// run with the service role (docs/service.md#shared-role).
std::vector<std::string> roleUsers(const std::vector<ResourceChange> &Changes) {
  std::vector<std::string> Out;
  for (const ResourceChange &C : Changes)
    if (C.Kind == "cluster" || C.Kind == "project" || C.Kind == "job")
      Out.push_back(C.Address);
  return Out;
}

/// Why deleting a protected role hurts, from the stdlib's `protected_roles`
/// (docs/service.md#protected-roles), naming what still needs it.
std::string protectedRoleReason(const std::string &Text,
                                const std::vector<std::string> &Users) {
  std::string Reason = Text;
  if (Users.empty())
    return Reason;
  Reason += " Still needing it: ";
  for (size_t I = 0; I < Users.size() && I < 3; ++I)
    Reason += (I ? ", " : "") + Users[I];
  if (Users.size() > 3)
    Reason += " and " + std::to_string(Users.size() - 3) + " more";
  return Reason + " (clusters, projects and jobs run with the role).";
}

} // namespace

void flagDangerous(std::vector<ResourceChange> &Changes,
                   const ir::Program &Prog) {
  const json &Protected = Prog.std("protected_roles");
  const json &Replacements = Prog.std("dangerous_replacements");
  std::vector<std::string> Users = roleUsers(Changes);
  for (ResourceChange &C : Changes) {
    bool Gone = C.Act == Action::Delete || C.Act == Action::Replace;
    if (!Gone)
      continue;
    if (C.Kind == "role" && Protected.is_object()) {
      for (const std::string &N : {nameOf(C.Before), nameOf(C.After)}) {
        auto It = Protected.find(N);
        if (N.empty() || It == Protected.end() || !It->is_string())
          continue;
        C.Dangerous = true;
        C.DangerReason = protectedRoleReason(It->get<std::string>(), Users);
        break;
      }
    }
    auto Why = Replacements.is_object() ? Replacements.find(C.Kind)
                                        : Replacements.end();
    if (C.Act == Action::Replace && Why != Replacements.end() &&
        Why->is_string()) {
      C.Dangerous = true;
      C.DangerReason = Why->get<std::string>();
    }
  }
}

} // namespace rtc::plan
