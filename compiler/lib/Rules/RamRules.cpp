//===- RamRules.cpp - RAM names, limits and policy analysis ---------------===//
//
// docs/service.md#ram-limits: user, group and policy names, the 6,144-byte
// document, role session duration (numbers and patterns from limits.rtc).
// Every policy resource also goes through rtcc_policy's Analyzer (RTC04xx),
// with the configuration's project names as the known projects.
//
//===----------------------------------------------------------------------===//
#include "RuleContext.h"
#include "rtc/Policy/Analyzer.h"
#include <set>

namespace rtc::rules {

namespace {

void checkName(RuleContext &C, const ir::Resource &R, llvm::StringRef Rule,
               diag::ID Id) {
  auto Pattern = asString(C.table("name_rules", Rule));
  std::string Name = displayName(R);
  if (Pattern && C.matches(*Pattern, Name) == false)
    C.Diags.report(R.rangeOf("name"), Id) << Name;
}

/// The document as RAM receives it (what rtcc sends on CreatePolicy).
std::string ramJson(const policy::PolicyDocument &Doc) {
  ir::Value Statements = ir::Value::array();
  for (const policy::PolicyStatement &S : Doc.Statements) {
    ir::Value Actions = ir::Value::array(), Resources = ir::Value::array();
    for (const auto &A : S.Actions)
      Actions.push_back(A.Value);
    for (const auto &A : S.Resources)
      Resources.push_back(A.Value);
    Statements.push_back({{"Effect", S.Eff == policy::Effect::Allow ? "Allow" : "Deny"},
                          {"Action", Actions},
                          {"Resource", Resources}});
  }
  return ir::Value{{"Version", Doc.Version}, {"Statement", Statements}}.dump();
}

void checkPolicy(RuleContext &C, const ir::Resource &R,
                 const std::set<std::string> &Projects) {
  checkName(C, R, "policy", diag::err_ram_policy_name);
  const PolicyEntry *E = C.policyAt(R.Address);
  if (!E)
    return;
  policy::reportFindings(C.Diags, E->ReadFindings);
  if (!E->FromJson && R.get("statements").is_array()) {
    // The JSON reader measures `document`; statements are measured as sent.
    auto Limit = asInt(C.table("ram_limits", "policy_document_bytes"));
    size_t Size = ramJson(E->Doc).size();
    if (Limit && static_cast<long long>(Size) > *Limit)
      C.Diags.report(R.Range, diag::err_policy_statements_too_large)
          << displayName(R) << Size << *Limit;
  }
  if (E->Doc.Statements.empty() || C.Catalogue.Services.empty())
    return;
  policy::AnalyzerOptions Opts;
  Opts.KnownProjects = &Projects;
  policy::analyze(E->Doc, C.Catalogue, Opts, C.Diags);
}

void checkRole(RuleContext &C, const ir::Resource &R) {
  auto Duration = asInt(R.get("max_session_duration"));
  auto Min = asInt(C.table("ram_limits", "min_session_duration"));
  auto Max = asInt(C.table("ram_limits", "max_session_duration"));
  if (Duration && Min && Max && (*Duration < *Min || *Duration > *Max))
    C.Diags.report(R.rangeOf("max_session_duration"), diag::err_role_session_duration)
        << *Duration << *Min << *Max;
}

} // namespace

void checkRam(RuleContext &C) {
  for (const ir::Resource *R : C.P.ofKind("user"))
    checkName(C, *R, "user", diag::err_ram_user_name);
  for (const ir::Resource *R : C.P.ofKind("group"))
    checkName(C, *R, "group", diag::err_ram_group_name);
  std::set<std::string> Projects;
  for (const ir::Resource *R : C.P.ofKind("project"))
    Projects.insert(displayName(*R));
  for (const ir::Resource *R : C.P.ofKind("policy"))
    checkPolicy(C, *R, Projects);
  for (const ir::Resource *R : C.P.ofKind("role"))
    checkRole(C, *R);
}

} // namespace rtc::rules
