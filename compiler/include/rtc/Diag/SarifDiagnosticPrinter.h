//===- SarifDiagnosticPrinter.h - diagnostics as SARIF 2.1.0 -- -*- C++ -*-===//
//
// For code-scanning services (GitHub code scanning, IDE SARIF viewers): one
// SARIF 2.1.0 log with a single run, written on finish(). Each diagnostic code
// that occurs becomes a rule (description from the table's message format,
// help from its hint); notes become relatedLocations, fix-its become fixes.
// Columns are counted in Unicode code points (run.columnKind).
//
//===----------------------------------------------------------------------===//
#ifndef RTC_DIAG_SARIFDIAGNOSTICPRINTER_H
#define RTC_DIAG_SARIFDIAGNOSTICPRINTER_H

#include "rtc/Diag/DiagnosticsEngine.h"
#include <map>
#include <memory>
#include <nlohmann/json_fwd.hpp>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace rtc {

struct SarifOptions {
  std::string ToolName = "rtcc";
  std::string ToolVersion;    ///< "" = the version rtcc was built as
  std::string InformationUri; ///< absolute URI; omitted when ""
  int Indent = 2;             ///< < 0: one line
};

class SarifDiagnosticPrinter : public DiagnosticConsumer {
public:
  explicit SarifDiagnosticPrinter(llvm::raw_ostream &OS,
                                  SarifOptions Opts = SarifOptions());
  ~SarifDiagnosticPrinter() override;

  void handle(const Diagnostic &D, const llvm::SourceMgr &SM) override;
  /// Writes the log; later calls do nothing.
  void finish(const llvm::SourceMgr &SM) override;
  /// Silenced diagnostics become results with `suppressions` (inSource for
  /// an `rtcc-ignore` comment, external for --disable), as code scanning
  /// expects, rather than disappearing.
  bool wantsSuppressed() const override { return true; }

  /// The artifactLocation.uri for a file name as given: relative paths stay
  /// relative (percent-encoded), absolute ones become file:// URIs.
  static std::string pathToUri(llvm::StringRef Path);

private:
  unsigned ruleIndexFor(const Diagnostic &D);

  llvm::raw_ostream &OS;
  SarifOptions Opts;
  std::unique_ptr<nlohmann::ordered_json> Rules;
  std::unique_ptr<nlohmann::ordered_json> Results;
  std::map<std::string, unsigned> RuleIndex;
  bool Written = false;
};

} // namespace rtc

#endif
