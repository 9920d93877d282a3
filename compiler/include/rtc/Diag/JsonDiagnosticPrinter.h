//===- JsonDiagnosticPrinter.h - diagnostics as one JSON doc -- -*- C++ -*-===//
//
// For tools and editors: collects every diagnostic and writes a single JSON
// document on finish() (format in docs/diagnostics.md, "version": 1):
//   {"version":1,"diagnostics":[{"code","severity","message","file","range",
//    "notes","hint","fixits"}],"summary":{"errors","warnings"}}
//
//===----------------------------------------------------------------------===//
#ifndef RTC_DIAG_JSONDIAGNOSTICPRINTER_H
#define RTC_DIAG_JSONDIAGNOSTICPRINTER_H

#include "rtc/Diag/DiagnosticsEngine.h"
#include <memory>
#include <nlohmann/json_fwd.hpp>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace rtc {

class JsonDiagnosticPrinter : public DiagnosticConsumer {
public:
  /// Indent < 0 writes the document on one line; otherwise pretty-printed
  /// with that many spaces. A newline always ends the document.
  explicit JsonDiagnosticPrinter(llvm::raw_ostream &OS, int Indent = 2);
  ~JsonDiagnosticPrinter() override;

  void handle(const Diagnostic &D, const llvm::SourceMgr &SM) override;
  /// Writes the document; later calls do nothing.
  void finish(const llvm::SourceMgr &SM) override;

  /// The JSON form of one diagnostic (what goes in "diagnostics"), for
  /// reuse by other JSON outputs such as `rtcc plan -json`.
  static nlohmann::ordered_json toJson(const Diagnostic &D,
                                       const llvm::SourceMgr &SM);

private:
  llvm::raw_ostream &OS;
  int Indent;
  std::unique_ptr<nlohmann::ordered_json> Items;
  unsigned Errors = 0;
  unsigned Warnings = 0;
  bool Written = false;
};

} // namespace rtc

#endif
