//===- ManualSteps.cpp - console-only operations as manual steps ----------===//
#include "rtc/Plan/ManualSteps.h"
#include "JsonFields.h"

namespace rtc::plan {

namespace {

using nlohmann::json;

/// How the console lists the cluster: by id once it exists, with the name
/// people recognise it by.
std::string clusterNamed(const std::string &Id, std::string Name,
                         const std::string &Address) {
  if (Name.empty())
    Name = Address.substr(Address.rfind('.') + 1);
  if (Id.empty())
    return "cluster \"" + Name + "\" (" + Address + ", created by this apply)";
  return "cluster " + Id + " (\"" + Name + "\", " + Address + ")";
}

std::string clusterInConsole(const Plan &P, const std::string &Address) {
  const ResourceChange *C = P.find(Address);
  std::string Name, Id;
  if (C) {
    Name = stringAt(C->After, "name");
    if (Name.empty())
      Name = stringAt(C->Before, "name");
    if (C->Act != Action::Replace)
      Id = stringAt(C->Before, "id");
  }
  return clusterNamed(Id, Name, Address);
}

std::string actionText(const Step &S, const std::string &Cluster) {
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
  return "In the Realtime Compute console: " + Cluster +
         " \u2192 Engine versions \u2192 " + What;
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
  return actionText(S, clusterInConsole(P, S.Cluster));
}

std::string consoleActionOn(const Step &S, const std::string &ClusterId,
                            const std::string &Name) {
  return actionText(S, clusterNamed(ClusterId, Name, S.Cluster));
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
