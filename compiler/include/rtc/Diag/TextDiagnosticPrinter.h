//===- TextDiagnosticPrinter.h - Clang-style text diagnostics - -*- C++ -*-===//
//
//   m.rtc:2:8: error: expected `}` to close block `c` opened at 1:11 [RTC0102]
//     a = 1
//          ^
//          }
//   m.rtc:1:11: note: block opened here
//   cluster c {
//             ^
//   hint: add `}` after the last item of the block
//
// Columns are 1-based byte columns; the caret line accounts for tabs (8-column
// stops) and UTF-8. Whether to use colour is the caller's decision
// (--color=auto|always|never).
//
//===----------------------------------------------------------------------===//
#ifndef RTC_DIAG_TEXTDIAGNOSTICPRINTER_H
#define RTC_DIAG_TEXTDIAGNOSTICPRINTER_H

#include "rtc/Diag/DiagnosticsEngine.h"

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace rtc {

class TextDiagnosticPrinter : public DiagnosticConsumer {
public:
  /// When UseColor is set, colours are forced on OS (enable_colors(true)).
  explicit TextDiagnosticPrinter(llvm::raw_ostream &OS, bool UseColor = false);

  void handle(const Diagnostic &D, const llvm::SourceMgr &SM) override;

  /// Print the source line and caret under each located message (default
  /// on). Off gives one line per message, for terse logs.
  void setShowSourceLines(bool B) { ShowSource = B; }

private:
  void printHeader(const llvm::SourceMgr &SM, llvm::SMLoc Loc, Severity Sev,
                   llvm::StringRef Message, llvm::StringRef Code);
  void printSnippet(const llvm::SourceMgr &SM, llvm::SMRange Range,
                    llvm::ArrayRef<FixIt> FixIts);

  llvm::raw_ostream &OS;
  bool UseColor;
  bool ShowSource = true;
};

/// Prints "N errors and M warnings generated." (or only the part that is
/// non-zero; nothing when both are zero), with Clang's singular/plural.
void printDiagnosticSummary(llvm::raw_ostream &OS, unsigned Errors,
                            unsigned Warnings);

} // namespace rtc

#endif
