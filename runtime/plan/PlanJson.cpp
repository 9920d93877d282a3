//===- PlanJson.cpp - the plan's JSON form --------------------------------===//
#include "rtc/Plan/PlanJson.h"
#include "JsonFields.h"
#include "rtc/IR/AttributePath.h"
#include "rtc/IR/JsonDepth.h"
#include "rtc/State/Sensitive.h"

#include "llvm/Support/FormatVariadic.h"

namespace rtc::plan {

using nlohmann::json;

namespace {

/// A secret as a plan file or `-json` shows it: the state's salted hash,
/// enough for `apply PLAN` to check the value it is given again.
json concealed(const json &V) {
  if (V.is_null() || ir::isUnknown(V) || state::isSensitiveHash(V))
    return V;
  return state::hashSensitive(V);
}

json concealedAt(json V, const std::vector<std::string> &Paths) {
  ir::replaceAtPaths(V, Paths, concealed);
  return V;
}

json stepJson(const Step &S) {
  json J = {{"kind", stepKindName(S.Kind)}, {"depends_on", S.DependsOn}};
  switch (S.Kind) {
  case StepKind::Resource:
    J["address"] = S.Address;
    J["action"] = actionName(S.Act);
    break;
  case StepKind::SwitchJobEngine:
    J["address"] = S.Address;
    J["cluster"] = S.Cluster;
    J["from"] = S.From;
    J["to"] = S.To;
    break;
  default:
    J["cluster"] = S.Cluster;
    J["version"] = S.Version;
    if (S.Manual) {
      J["manual"] = true;
      J["console_action"] = S.ConsoleAction;
    }
    break;
  }
  return J;
}

} // namespace

json toJson(const Plan &P) {
  json Changes = json::array();
  for (const ResourceChange &C : P.Changes) {
    json Attrs = json::array();
    for (const AttributeChange &A : C.AttributeChanges)
      Attrs.push_back({{"path", A.Path},
                       {"before", A.Sensitive ? concealed(A.Before) : A.Before},
                       {"after", A.Sensitive ? concealed(A.After) : A.After},
                       {"forces_replacement", A.ForcesReplacement},
                       {"sensitive", A.Sensitive}});
    json J = {{"address", C.Address},
              {"kind", C.Kind},
              {"action", actionName(C.Act)},
              {"before", concealedAt(C.Before, C.SensitivePaths)},
              {"after", concealedAt(C.After, C.SensitivePaths)},
              {"attribute_changes", Attrs},
              {"reasons", C.Reasons},
              {"dangerous", C.Dangerous},
              {"dependencies", C.Dependencies},
              {"computed", C.Computed},
              {"sensitive", C.SensitivePaths}};
    if (C.Dangerous)
      J["danger_reason"] = C.DangerReason;
    if (!C.OrderUse.empty())
      J["order_use"] = C.OrderUse;
    if (!C.QueueUse.empty())
      J["queue_use"] = C.QueueUse;
    Changes.push_back(std::move(J));
  }
  json Steps = json::array();
  for (const Step &S : P.Steps)
    Steps.push_back(stepJson(S));
  json Cu = json::array();
  for (const CuSummary &S : P.Cu)
    Cu.push_back({{"cluster", S.Cluster},
                  {"usable_before", S.UsableBefore < 0 ? json() : json(S.UsableBefore)},
                  {"usable_after", S.UsableAfter < 0 ? json() : json(S.UsableAfter)},
                  {"projects_before", S.ProjectsBefore},
                  {"projects_after", S.ProjectsAfter}});
  json Errors = json::array();
  for (const PlanError &E : P.Errors)
    Errors.push_back({{"code", E.Code},
                      {"message", E.Message},
                      {"hint", E.Hint},
                      {"address", E.Address},
                      {"path", E.Path}});
  json Out = {{"format_version", P.FormatVersion},
              {"prior_lineage", P.PriorLineage},
              {"prior_serial", P.PriorSerial},
              {"config_hash", P.ConfigHash},
              {"variables", P.Variables},
              {"summary",
               {{"add", P.Counts.Add},
                {"change", P.Counts.Change},
                {"destroy", P.Counts.Destroy},
                {"dangerous", P.dangerousCount()}}},
              {"resource_changes", Changes},
              {"steps", Steps},
              {"cu_summary", Cu},
              {"errors", Errors},
              {"notes", P.Notes},
              {"targets", P.Targets},
              {"excludes", P.Excludes}};
  // Only when used, so that other plans keep their form.
  if (!P.Replaces.empty())
    Out["replace"] = P.Replaces;
  if (P.Destroy)
    Out["destroy"] = true;
  // Only when there are moves, so that plans without them keep their form.
  if (!P.Moves.empty()) {
    json Moves = json::array();
    for (const MovedResource &M : P.Moves)
      Moves.push_back({{"from", M.From}, {"to", M.To}});
    Out["moved"] = std::move(Moves);
  }
  return Out;
}

llvm::Expected<Plan> planFromJson(llvm::StringRef Text, llvm::StringRef Origin) {
  auto Fail = [&](const std::string &Why) {
    return llvm::createStringError(
        std::make_error_code(std::errc::invalid_argument),
        llvm::formatv("{0}: not a saved rtcc plan: {1}", Origin, Why).str());
  };
  // Rendering and re-saving the plan recurse over its values.
  if (jsonNestedDeeperThan(Text))
    return Fail("nested deeper than " + std::to_string(MaxJsonDepth) + " levels");
  json J = json::parse(Text.begin(), Text.end(), nullptr, false);
  if (J.is_discarded() || !J.is_object())
    return Fail("not a JSON object");
  if (J.value("format_version", 0) != PlanFormatVersion)
    return Fail("format_version must be " + std::to_string(PlanFormatVersion));
  try {
    Plan P;
    P.PriorLineage = stringAt(J, "prior_lineage");
    P.PriorSerial = J.at("prior_serial").get<uint64_t>();
    P.ConfigHash = stringAt(J, "config_hash");
    P.Variables = J.value("variables", json::object());
    auto Strings = [&J](const char *Key) {
      std::vector<std::string> L;
      for (const json &A : J.value(Key, json::array()))
        L.push_back(A.get<std::string>());
      return L;
    };
    P.Targets = Strings("targets");
    P.Excludes = Strings("excludes");
    P.Replaces = Strings("replace");
    P.Destroy = J.value("destroy", false);
    if (!P.Variables.is_object())
      return Fail("variables must be an object");
    const json &S = J.at("summary");
    P.Counts.Add = S.at("add").get<unsigned>();
    P.Counts.Change = S.at("change").get<unsigned>();
    P.Counts.Destroy = S.at("destroy").get<unsigned>();
    for (const json &C : J.at("resource_changes")) {
      ResourceChange R;
      R.Address = C.at("address").get<std::string>();
      R.Kind = C.at("kind").get<std::string>();
      if (!parseAction(C.at("action").get<std::string>(), R.Act))
        return Fail("unknown action for " + R.Address);
      R.Before = C.at("before");
      R.After = C.at("after");
      for (const json &A : C.at("attribute_changes"))
        R.AttributeChanges.push_back(
            {A.at("path").get<std::string>(), A.at("before"), A.at("after"),
             A.at("forces_replacement").get<bool>(),
             A.at("sensitive").get<bool>()});
      R.Reasons = C.at("reasons").get<std::vector<std::string>>();
      R.Dangerous = C.at("dangerous").get<bool>();
      R.DangerReason = stringAt(C, "danger_reason");
      R.OrderUse = stringAt(C, "order_use");
      R.QueueUse = stringAt(C, "queue_use");
      R.Dependencies = C.at("dependencies").get<std::vector<std::string>>();
      R.Computed = C.at("computed").get<std::vector<std::string>>();
      R.SensitivePaths = C.at("sensitive").get<std::vector<std::string>>();
      P.Changes.push_back(std::move(R));
    }
    for (const json &SJ : J.at("steps")) {
      Step St;
      if (!parseStepKind(SJ.at("kind").get<std::string>(), St.Kind))
        return Fail("unknown step kind");
      St.Address = stringAt(SJ, "address");
      if (SJ.contains("action") && !parseAction(stringAt(SJ, "action"), St.Act))
        return Fail("unknown step action");
      St.Cluster = stringAt(SJ, "cluster");
      St.Version = stringAt(SJ, "version");
      St.From = stringAt(SJ, "from");
      St.To = stringAt(SJ, "to");
      St.Manual = SJ.value("manual", false);
      St.ConsoleAction = stringAt(SJ, "console_action");
      St.DependsOn = SJ.at("depends_on").get<std::vector<size_t>>();
      for (size_t D : St.DependsOn)
        if (D >= P.Steps.size())
          return Fail("a step depends on a later step");
      P.Steps.push_back(std::move(St));
    }
    for (const json &C : J.at("cu_summary")) {
      CuSummary S;
      S.Cluster = C.at("cluster").get<std::string>();
      S.UsableBefore = C.at("usable_before").is_null() ? -1 : C["usable_before"].get<long long>();
      S.UsableAfter = C.at("usable_after").is_null() ? -1 : C["usable_after"].get<long long>();
      S.ProjectsBefore = C.at("projects_before").get<long long>();
      S.ProjectsAfter = C.at("projects_after").get<long long>();
      P.Cu.push_back(std::move(S));
    }
    for (const json &E : J.at("errors")) {
      PlanError PE;
      PE.Code = stringAt(E, "code");
      PE.Message = stringAt(E, "message");
      PE.Hint = stringAt(E, "hint");
      PE.Address = stringAt(E, "address");
      PE.Path = stringAt(E, "path");
      P.Errors.push_back(std::move(PE));
    }
    P.Notes = J.at("notes").get<std::vector<std::string>>();
    if (J.contains("moved"))
      for (const json &M : J.at("moved"))
        P.Moves.push_back(
            {M.at("from").get<std::string>(), M.at("to").get<std::string>()});
    return P;
  } catch (const json::exception &E) {
    return Fail(E.what());
  }
}

} // namespace rtc::plan
