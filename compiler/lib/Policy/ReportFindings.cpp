//===- ReportFindings.cpp - policy findings to diagnostics ----------------===//
//
// Kept in its own file (with the Diags overloads of the entry points) so that
// the checks themselves depend only on the diagnostic table, not the engine.
//
//===----------------------------------------------------------------------===//
#include "rtc/Diag/DiagnosticsEngine.h"
#include "rtc/Policy/Analyzer.h"
#include "rtc/Policy/Finding.h"
#include "rtc/Policy/PolicyJson.h"

namespace rtc::policy {

void reportFindings(DiagnosticsEngine &Diags,
                    llvm::ArrayRef<Finding> Findings) {
  for (const Finding &F : Findings) {
    DiagnosticBuilder B = Diags.report(F.Range, F.Kind);
    for (const std::string &A : F.Args)
      B << A;
    if (!F.Suggestion.empty() && F.Range.isValid())
      B.fixit(F.Range, F.Suggestion);
  }
}

PolicyDocument parsePolicyJson(llvm::StringRef Json, llvm::SMLoc Start,
                               DiagnosticsEngine &Diags,
                               llvm::StringRef PolicyName) {
  std::vector<Finding> Findings;
  PolicyDocument Doc = parsePolicyJson(Json, Start, Findings, PolicyName);
  reportFindings(Diags, Findings);
  return Doc;
}

AnalysisResult analyze(const PolicyDocument &Doc, const ActionCatalogue &Cat,
                       const AnalyzerOptions &Opts, DiagnosticsEngine &Diags) {
  AnalysisResult R = analyze(Doc, Cat, Opts);
  reportFindings(Diags, R.Findings);
  return R;
}

} // namespace rtc::policy
