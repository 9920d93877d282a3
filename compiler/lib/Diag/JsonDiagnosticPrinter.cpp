//===- JsonDiagnosticPrinter.cpp - diagnostics as one JSON document -------===//
#include "rtc/Diag/JsonDiagnosticPrinter.h"
#include "rtc/Diag/DiagnosticLocation.h"
#include "llvm/Support/raw_ostream.h"
#include <nlohmann/json.hpp>

using json = nlohmann::ordered_json;

namespace rtc {

static json positionJson(const diag::ResolvedLoc &L) {
  return json{{"line", L.Line}, {"column", L.Column}, {"offset", L.Offset}};
}

/// {"start":…,"end":…} or null. An invalid or earlier End means a point.
static json rangeJson(const llvm::SourceMgr &SM, llvm::SMRange R) {
  diag::ResolvedLoc S = diag::resolveLoc(SM, R.Start);
  if (!S.isValid())
    return nullptr;
  diag::ResolvedLoc E = S;
  if (R.End.isValid() && R.End.getPointer() > R.Start.getPointer()) {
    diag::ResolvedLoc EL = diag::resolveLoc(SM, R.End);
    if (EL.isValid() && EL.BufferID == S.BufferID)
      E = EL;
  }
  return json{{"start", positionJson(S)}, {"end", positionJson(E)}};
}

static json fileJson(const llvm::SourceMgr &SM, llvm::SMLoc Loc) {
  diag::ResolvedLoc L = diag::resolveLoc(SM, Loc);
  if (!L.isValid())
    return nullptr;
  return L.File.str();
}

static json optString(const std::string &S) {
  if (S.empty())
    return nullptr;
  return S;
}

json JsonDiagnosticPrinter::toJson(const Diagnostic &D,
                                   const llvm::SourceMgr &SM) {
  json Notes = json::array();
  for (const DiagnosticNote &N : D.Notes)
    Notes.push_back({{"message", N.Message},
                     {"code", optString(N.Code)},
                     {"file", fileJson(SM, N.Range.Start)},
                     {"range", rangeJson(SM, N.Range)}});
  json FixIts = json::array();
  for (const FixIt &F : D.FixIts)
    FixIts.push_back({{"file", fileJson(SM, F.Range.Start)},
                      {"range", rangeJson(SM, F.Range)},
                      {"replacement", F.Replacement}});
  return json{{"code", D.Code},
              {"severity", diag::severityName(D.Sev).str()},
              {"message", D.Message},
              {"file", fileJson(SM, D.Range.Start)},
              {"range", rangeJson(SM, D.Range)},
              {"notes", std::move(Notes)},
              {"hint", optString(D.Hint)},
              {"fixits", std::move(FixIts)}};
}

JsonDiagnosticPrinter::JsonDiagnosticPrinter(llvm::raw_ostream &OS, int Indent)
    : OS(OS), Indent(Indent), Items(std::make_unique<json>(json::array())) {}

JsonDiagnosticPrinter::~JsonDiagnosticPrinter() = default;

void JsonDiagnosticPrinter::handle(const Diagnostic &D,
                                   const llvm::SourceMgr &SM) {
  // Resolve now: the buffers behind the SMLocs may not outlive the run.
  Items->push_back(toJson(D, SM));
  if (D.Sev == Severity::Error)
    ++Errors;
  else if (D.Sev == Severity::Warning)
    ++Warnings;
}

void JsonDiagnosticPrinter::finish(const llvm::SourceMgr &) {
  if (Written)
    return;
  Written = true;
  json Doc = {{"version", 1},
              {"diagnostics", std::move(*Items)},
              {"summary", {{"errors", Errors}, {"warnings", Warnings}}}};
  // Replace invalid UTF-8 (source text can hold anything) instead of throwing.
  OS << Doc.dump(Indent, ' ', /*ensure_ascii=*/false,
                 json::error_handler_t::replace)
     << '\n';
  OS.flush();
}

} // namespace rtc
