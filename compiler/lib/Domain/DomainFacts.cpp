//===- DomainFacts.cpp - the stdlib's tables as typed facts ---------------===//
//
// Analyses an empty configuration against the embedded stdlib and keeps its
// `let` tables. Machine tables and the action catalogue come through the
// same readers the rules use (rtc/Rules/Rules.h), so the emulator and check
// cannot disagree about them.
//
//===----------------------------------------------------------------------===//
#include "rtc/Domain/DomainFacts.h"

#include "rtc/Diag/DiagnosticsEngine.h"
#include "rtc/Rules/Rules.h"
#include "rtc/Sema/Sema.h"

#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstdlib>
#include <regex>

namespace rtc::domain {

namespace {

std::string stringAt(const ir::Value &Obj, const char *Key) {
  if (!Obj.is_object() || !Obj.contains(Key) || !Obj[Key].is_string())
    return "";
  return Obj[Key].get<std::string>();
}

unsigned unsignedAt(const ir::Value &Obj, const char *Key) {
  if (!Obj.is_object() || !Obj.contains(Key) || !Obj[Key].is_number_integer())
    return 0;
  long long V = Obj[Key].get<long long>();
  return V > 0 ? static_cast<unsigned>(V) : 0;
}

std::map<std::string, std::string> stringTable(const ir::Value &Obj) {
  std::map<std::string, std::string> Out;
  if (Obj.is_object())
    for (auto &[Key, V] : Obj.items())
      if (V.is_string())
        Out[Key] = V.get<std::string>();
  return Out;
}

[[noreturn]] void brokenStdlib(llvm::StringRef What) {
  llvm::errs() << "rtcc: internal error: the embedded stdlib " << What << "\n";
  std::abort();
}

DomainFacts factsFrom(const ir::Program &P) {
  DomainFacts F;
  auto Machines = machineTablesFrom(P);
  if (!Machines)
    brokenStdlib("has no slave_models or master_models table");
  F.Machines = std::move(*Machines);
  F.NameRules = stringTable(P.std("name_rules"));
  const ir::Value &Ram = P.std("ram_limits");
  F.Ram.PolicyDocumentBytes = unsignedAt(Ram, "policy_document_bytes");
  F.Ram.PolicyVersions = unsignedAt(Ram, "policy_versions");
  F.Ram.MinSessionDuration = unsignedAt(Ram, "min_session_duration");
  F.Ram.MaxSessionDuration = unsignedAt(Ram, "max_session_duration");
  const ir::Value &Text = P.std("ram_text_limits");
  if (Text.is_object())
    for (auto &[Field, V] : Text.items())
      if (unsigned Max = unsignedAt(Text, Field.c_str()))
        F.RamTextLimits[Field] = Max;
  const ir::Value &Pattern = P.std("engine_version_pattern");
  if (!Pattern.is_string())
    brokenStdlib("has no engine_version_pattern");
  F.EngineVersionPattern = Pattern.get<std::string>();
  F.MaxInstalledVersions =
      unsignedAt(P.std("engine_limits"), "max_installed_versions");
  const ir::Value &Versions = P.std("engine_versions");
  if (Versions.is_object())
    for (auto &[Name, V] : Versions.items())
      F.EngineVersions[Name] = stringAt(V, "tag");
  F.ErrorTexts = stringTable(P.std("errors"));
  const ir::Value &Codes = P.std("error_codes");
  if (Codes.is_object())
    for (auto &[Key, V] : Codes.items())
      if (V.is_number_integer())
        F.ErrorCodes[Key] = V.get<long long>();
  const ir::Value &Order = P.std("order_purchase");
  F.MaxOrderPeriodMonths = unsignedAt(Order, "max_period_months");
  if (Order.is_object() && Order.contains("master_counts") &&
      Order["master_counts"].is_array())
    for (const ir::Value &N : Order["master_counts"])
      if (N.is_number_integer() && N.get<long long>() > 0)
        F.OrderMasterCounts.push_back(N.get<unsigned>());
  F.ClusterCreationMinutes =
      unsignedAt(P.std("cluster_timing"), "creation_minutes");
  F.Actions = actionCatalogueFrom(P);
  return F;
}

DomainFacts loadEmbeddedFacts() {
  llvm::SourceMgr SM;
  DiagnosticsEngine Diags(SM);
  std::vector<ast::File> NoRoots;
  ir::Program P = analyze(NoRoots, Diags);
  if (Diags.hasErrors())
    brokenStdlib("does not analyse");
  return factsFrom(P);
}

} // namespace

std::string DomainFacts::stableEngineVersion() const {
  for (const auto &[Name, Tag] : EngineVersions)
    if (Tag == "stable")
      return Name;
  return "";
}

bool DomainFacts::isSoldMasterCount(long long Count) const {
  for (unsigned N : OrderMasterCounts)
    if (Count == static_cast<long long>(N))
      return true;
  return false;
}

unsigned DomainFacts::fewestMasters() const {
  return OrderMasterCounts.empty()
             ? 0
             : *std::min_element(OrderMasterCounts.begin(),
                                 OrderMasterCounts.end());
}

unsigned DomainFacts::mostMasters() const {
  return OrderMasterCounts.empty()
             ? 0
             : *std::max_element(OrderMasterCounts.begin(),
                                 OrderMasterCounts.end());
}

bool DomainFacts::matchesNameRule(llvm::StringRef Kind,
                                  llvm::StringRef Name) const {
  auto It = NameRules.find(Kind.str());
  return It != NameRules.end() &&
         std::regex_search(Name.str(), std::regex(It->second));
}

bool DomainFacts::isEngineVersionName(llvm::StringRef Version) const {
  return std::regex_search(Version.str(), std::regex(EngineVersionPattern));
}

std::string
DomainFacts::errorText(llvm::StringRef Key,
                       const std::map<std::string, std::string> &Args) const {
  auto It = ErrorTexts.find(Key.str());
  if (It == ErrorTexts.end())
    brokenStdlib("has no error text `" + Key.str() + "`");
  std::string Out = It->second;
  for (const auto &[Name, Value] : Args) {
    std::string Placeholder = "{" + Name + "}";
    for (size_t At = Out.find(Placeholder); At != std::string::npos;
         At = Out.find(Placeholder, At + Value.size()))
      Out.replace(At, Placeholder.size(), Value);
  }
  return Out;
}

long long DomainFacts::errorCode(llvm::StringRef Key) const {
  auto It = ErrorCodes.find(Key.str());
  if (It == ErrorCodes.end())
    brokenStdlib("has no error code `" + Key.str() + "`");
  return It->second;
}

const DomainFacts &embeddedFacts() {
  static const DomainFacts Facts = loadEmbeddedFacts();
  return Facts;
}

} // namespace rtc::domain
