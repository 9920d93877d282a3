//===- DiagnosticVerifier.h - checks expected-error comments -- -*- C++ -*-===//
//
// `rtcc check -verify`: instead of printing diagnostics, compare them with the
// expectations written in the sources themselves (after Clang's -verify and
// MLIR's SourceMgrDiagnosticVerifierHandler):
//
//   cluster c {            // expected-error@+2 {{expected `}` to close block}}
//   # expected-warning[RTC0301] {{text}}     same line, code must match
//   // expected-note@-2 {{opened here}}      two lines up
//   // expected-error@3 {{...}}              absolute line 3
//   // expected-no-diagnostics               the file must produce none
//
// {{text}} is a substring of the message. Notes are matched too: at their own
// location, or at their diagnostic's when they have none. On finish(), every
// diagnostic that matched no expectation and every expectation that matched
// no diagnostic is reported Clang-style to the stream.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_DIAG_DIAGNOSTICVERIFIER_H
#define RTC_DIAG_DIAGNOSTICVERIFIER_H

#include "rtc/Diag/DiagnosticsEngine.h"
#include <string>
#include <vector>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace rtc {

class DiagnosticVerifier : public DiagnosticConsumer {
public:
  /// Problems are reported to OS.
  explicit DiagnosticVerifier(llvm::raw_ostream &OS);

  void handle(const Diagnostic &D, const llvm::SourceMgr &SM) override;
  /// Scans every buffer of SM for expectations, matches and reports. Runs
  /// once; later calls do nothing.
  void finish(const llvm::SourceMgr &SM) override;

  /// After finish(): true when every diagnostic was expected and every
  /// expectation was seen.
  bool succeeded() const { return Finished && Failures == 0; }
  /// Number of problems reported (unexpected + missing + bad directives).
  unsigned failureCount() const { return Failures; }

private:
  struct Seen {
    Severity Sev;
    std::string Code;
    std::string Message;
    std::string File; ///< "" when the diagnostic has no location
    unsigned BufferID = 0;
    unsigned Line = 0;
  };
  struct Expected {
    Severity Sev;
    std::string Code; ///< "" = any
    std::string Text;
    std::string File;
    unsigned BufferID = 0;
    unsigned Line = 0;          ///< line the diagnostic must be on
    unsigned DirectiveLine = 0; ///< line of the comment itself
    bool Matched = false;
  };

  void record(Severity Sev, llvm::StringRef Code, llvm::StringRef Message,
              llvm::SMLoc Loc, const llvm::SourceMgr &SM, const Seen *Parent);
  void scanBuffer(const llvm::SourceMgr &SM, unsigned BufferID);

  llvm::raw_ostream &OS;
  std::vector<Seen> Actual;
  std::vector<Expected> Expectations;
  std::vector<unsigned> NoDiagnosticsBuffers;
  unsigned Failures = 0;
  bool Finished = false;
};

} // namespace rtc

#endif
