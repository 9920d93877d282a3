//===- ManualSteps.cpp - console-only operations as manual steps ----------===//
#include "rtc/Plan/ManualSteps.h"

namespace rtc::plan {

namespace {

using nlohmann::json;

std::string str(const json &V, const char *Key) {
  if (!V.is_object())
    return "";
  auto It = V.find(Key);
  return It != V.end() && It->is_string() ? It->get<std::string>() : "";
}

/// How the console lists the cluster: by id once it exists, with the name
/// people recognise it by.
std::string clusterInConsole(const Plan &P, const std::string &Address) {
  const ResourceChange *C = P.find(Address);
  std::string Name, Id;
  if (C) {
    Name = str(C->After, "name");
    if (Name.empty())
      Name = str(C->Before, "name");
    if (C->Act != Action::Replace)
      Id = str(C->Before, "id");
  }
  if (Name.empty())
    Name = Address.substr(Address.rfind('.') + 1);
  if (Id.empty())
    return "cluster \"" + Name + "\" (" + Address + ", created by this apply)";
  return "cluster " + Id + " (\"" + Name + "\", " + Address + ")";
}

} // namespace

bool isConsoleOnly(const Step &S) {
  return S.Kind == StepKind::InstallEngine ||
         S.Kind == StepKind::UninstallEngine ||
         S.Kind == StepKind::SetCurrentEngine;
}

bool hasConsoleOnlyCalls(const Plan &P) {
  for (const Step &S : P.Steps)
    if (isConsoleOnly(S) && !S.Manual)
      return true;
  return false;
}

std::string consoleAction(const Plan &P, const Step &S) {
  std::string What;
  switch (S.Kind) {
  case StepKind::InstallEngine:
    What = "Install " + S.Version;
    break;
  case StepKind::UninstallEngine:
    What = "Uninstall " + S.Version;
    break;
  case StepKind::SetCurrentEngine:
    What = "Set " + S.Version + " as default";
    break;
  default:
    return "";
  }
  return "In the Realtime Compute console: " + clusterInConsole(P, S.Cluster) +
         " \u2192 Engine versions \u2192 " + What;
}

void markManualSteps(Plan &P) {
  for (Step &S : P.Steps) {
    if (!isConsoleOnly(S))
      continue;
    S.Manual = true;
    S.ConsoleAction = consoleAction(P, S);
  }
}

} // namespace rtc::plan
