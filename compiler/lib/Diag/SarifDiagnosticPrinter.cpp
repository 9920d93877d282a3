//===- SarifDiagnosticPrinter.cpp - diagnostics as SARIF 2.1.0 ------------===//
//
// Property names and required members follow the OASIS SARIF 2.1.0 schema;
// tests/suites/sarif.sh validates our output against it.
//
//===----------------------------------------------------------------------===//
#include "rtc/Diag/SarifDiagnosticPrinter.h"
#include "rtc/Diag/DiagnosticLocation.h"
#include "llvm/Support/raw_ostream.h"
#include <nlohmann/json.hpp>

#ifndef RTCC_VERSION
#define RTCC_VERSION "0.0.0"
#endif

using json = nlohmann::ordered_json;

namespace rtc {

static const char SchemaUri[] = "https://json.schemastore.org/sarif-2.1.0.json";

static llvm::StringRef sarifLevel(Severity Sev) {
  switch (Sev) {
  case Severity::Error:
    return "error";
  case Severity::Warning:
    return "warning";
  case Severity::Note:
  case Severity::Remark:
    return "note";
  }
  return "error";
}

/// The table's format strings use `{{`/`}}` for literal braces; a rule's
/// description is read by people, so show single braces.
static std::string unescapeBraces(llvm::StringRef Format) {
  std::string Out;
  Out.reserve(Format.size());
  for (size_t I = 0; I < Format.size(); ++I) {
    Out.push_back(Format[I]);
    if ((Format[I] == '{' || Format[I] == '}') && I + 1 < Format.size() &&
        Format[I + 1] == Format[I])
      ++I;
  }
  return Out;
}

std::string SarifDiagnosticPrinter::pathToUri(llvm::StringRef Path) {
  std::string Out;
  bool Absolute = Path.startswith("/");
  if (Absolute)
    Out = "file://";
  for (char C : Path) {
    unsigned char U = static_cast<unsigned char>(C);
    bool Keep = (U >= 'a' && U <= 'z') || (U >= 'A' && U <= 'Z') ||
                (U >= '0' && U <= '9') || llvm::StringRef("-._~/").contains(C);
    if (Keep) {
      Out.push_back(C);
    } else if (C == '\\') {
      Out.push_back('/'); // Windows separators
    } else {
      static const char Hex[] = "0123456789ABCDEF";
      Out.push_back('%');
      Out.push_back(Hex[U >> 4]);
      Out.push_back(Hex[U & 15]);
    }
  }
  return Out;
}

/// region for [R.Start, R.End); a point when End is invalid or not after
/// Start. Returns null when the range has no location.
static json regionJson(const llvm::SourceMgr &SM, llvm::SMRange R,
                       diag::ResolvedLoc &StartOut) {
  diag::ResolvedLoc S = diag::resolveLoc(SM, R.Start);
  StartOut = S;
  if (!S.isValid())
    return nullptr;
  diag::ResolvedLoc E = S;
  if (R.End.isValid() && R.End.getPointer() > R.Start.getPointer()) {
    diag::ResolvedLoc EL = diag::resolveLoc(SM, R.End);
    if (EL.isValid() && EL.BufferID == S.BufferID)
      E = EL;
  }
  return json{{"startLine", S.Line},
              {"startColumn", diag::codePointColumn(S.LineText, S.Column)},
              {"endLine", E.Line},
              {"endColumn", diag::codePointColumn(E.LineText, E.Column)}};
}

static json physicalLocation(const llvm::SourceMgr &SM, llvm::SMRange R) {
  diag::ResolvedLoc S;
  json Region = regionJson(SM, R, S);
  if (Region.is_null())
    return nullptr;
  return json{{"artifactLocation",
               {{"uri", SarifDiagnosticPrinter::pathToUri(S.File)}}},
              {"region", std::move(Region)}};
}

SarifDiagnosticPrinter::SarifDiagnosticPrinter(llvm::raw_ostream &OS,
                                               SarifOptions Opts)
    : OS(OS), Opts(std::move(Opts)),
      Rules(std::make_unique<json>(json::array())),
      Results(std::make_unique<json>(json::array())) {
  if (this->Opts.ToolVersion.empty())
    this->Opts.ToolVersion = RTCC_VERSION;
}

SarifDiagnosticPrinter::~SarifDiagnosticPrinter() = default;

unsigned SarifDiagnosticPrinter::ruleIndexFor(const Diagnostic &D) {
  auto It = RuleIndex.find(D.Code);
  if (It != RuleIndex.end())
    return It->second;
  const diag::Info &I = diag::getInfo(D.Id);
  json Rule = {{"id", D.Code},
               {"shortDescription", {{"text", unescapeBraces(I.Format)}}}};
  if (!I.HintFormat.empty())
    Rule["help"] = {{"text", unescapeBraces(I.HintFormat)}};
  Rule["defaultConfiguration"] = {
      {"level", sarifLevel(I.DefaultSeverity).str()}};
  unsigned Index = static_cast<unsigned>(Rules->size());
  Rules->push_back(std::move(Rule));
  RuleIndex.emplace(D.Code, Index);
  return Index;
}

void SarifDiagnosticPrinter::handle(const Diagnostic &D,
                                    const llvm::SourceMgr &SM) {
  json Result = {{"ruleId", D.Code},
                 {"ruleIndex", ruleIndexFor(D)},
                 {"level", sarifLevel(D.Sev).str()},
                 {"message", {{"text", D.Message}}}};

  json Loc = physicalLocation(SM, D.Range);
  if (!Loc.is_null())
    Result["locations"] = json::array({{{"physicalLocation", std::move(Loc)}}});

  if (!D.Notes.empty()) {
    json Related = json::array();
    unsigned Id = 0;
    for (const DiagnosticNote &N : D.Notes) {
      json L = {{"id", Id++}};
      json PL = physicalLocation(SM, N.Range);
      if (!PL.is_null())
        L["physicalLocation"] = std::move(PL);
      L["message"] = {{"text", N.Message}};
      Related.push_back(std::move(L));
    }
    Result["relatedLocations"] = std::move(Related);
  }

  if (!D.FixIts.empty()) {
    // One fix holding every edit, grouped per file as SARIF requires.
    json Changes = json::array();
    std::map<std::string, size_t> ChangeOfUri;
    for (const FixIt &F : D.FixIts) {
      diag::ResolvedLoc S;
      json Region = regionJson(SM, F.Range, S);
      if (Region.is_null())
        continue;
      std::string Uri = pathToUri(S.File);
      auto It = ChangeOfUri.find(Uri);
      if (It == ChangeOfUri.end()) {
        It = ChangeOfUri.emplace(Uri, Changes.size()).first;
        Changes.push_back({{"artifactLocation", {{"uri", Uri}}},
                           {"replacements", json::array()}});
      }
      Changes[It->second]["replacements"].push_back(
          {{"deletedRegion", std::move(Region)},
           {"insertedContent", {{"text", F.Replacement}}}});
    }
    if (!Changes.empty())
      Result["fixes"] =
          json::array({{{"artifactChanges", std::move(Changes)}}});
  }

  if (D.Suppressed) {
    const Suppression &S = *D.Suppressed;
    json Sup = {
        {"kind", S.K == Suppression::Kind::InSource ? "inSource" : "external"}};
    if (!S.Justification.empty())
      Sup["justification"] = S.Justification;
    json PL = physicalLocation(SM, S.Range);
    if (!PL.is_null())
      Sup["location"] = {{"physicalLocation", std::move(PL)}};
    Result["suppressions"] = json::array({std::move(Sup)});
  }

  if (!D.Hint.empty())
    Result["properties"] = {{"hint", D.Hint}};
  Results->push_back(std::move(Result));
}

void SarifDiagnosticPrinter::finish(const llvm::SourceMgr &) {
  if (Written)
    return;
  Written = true;
  json Driver = {{"name", Opts.ToolName}, {"version", Opts.ToolVersion}};
  if (!Opts.InformationUri.empty())
    Driver["informationUri"] = Opts.InformationUri;
  Driver["rules"] = std::move(*Rules);
  json Run = {{"tool", {{"driver", std::move(Driver)}}},
              {"columnKind", "unicodeCodePoints"},
              {"results", std::move(*Results)}};
  json Log = {{"$schema", SchemaUri},
              {"version", "2.1.0"},
              {"runs", json::array({std::move(Run)})}};
  OS << Log.dump(Opts.Indent, ' ', /*ensure_ascii=*/false,
                 json::error_handler_t::replace)
     << '\n';
  OS.flush();
}

} // namespace rtc
