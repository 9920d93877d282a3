//===- DiagnosticsEngine.h - collects and dispatches diagnostics -*- C++ -*-===//
//
// Usage, as in Clang:
//   Diags.report(Range, diag::err_expected_close_brace) << "cluster" << "3:1";
//   Diags.report(Range, diag::err_x).note(OtherRange, "declared here")
//                                   .fixit(Range, "}");
// The builder formats the message and hint from the table with fmt when it is
// destroyed, then the engine stores the Diagnostic and passes it to every
// registered consumer. Call sites never contain message text; notes are the
// one exception, and should prefer diag::note_* kinds via note(Range, Id, args).
//
//===----------------------------------------------------------------------===//
#ifndef RTC_DIAG_DIAGNOSTICSENGINE_H
#define RTC_DIAG_DIAGNOSTICSENGINE_H

#include "rtc/Diag/Diagnostic.h"
#include "rtc/Diag/SuppressionTable.h"
#include "llvm/Support/SourceMgr.h"
#include <memory>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

namespace rtc {

namespace diag::detail {
// Turn a streamed argument into the text fmt substitutes for {N}.
inline std::string toArg(llvm::StringRef S) { return S.str(); }
inline std::string toArg(const std::string &S) { return S; }
inline std::string toArg(const char *S) { return S ? S : ""; }
inline std::string toArg(char C) { return std::string(1, C); }
template <typename T,
          std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool> &&
                               !std::is_same_v<T, char>,
                           int> = 0>
std::string toArg(T V) {
  return std::to_string(V);
}
std::string toArg(double V);
} // namespace diag::detail

/// Receives each diagnostic as it is reported; finish() is called once at the
/// end (printers that emit one document, like JSON and SARIF, write then).
class DiagnosticConsumer {
public:
  virtual ~DiagnosticConsumer();
  virtual void handle(const Diagnostic &D, const llvm::SourceMgr &SM) = 0;
  virtual void finish(const llvm::SourceMgr &) {}
  /// Consumers that return true also get silenced diagnostics
  /// (Diagnostic::Suppressed set), e.g. SARIF for its `suppressions`.
  virtual bool wantsSuppressed() const { return false; }
};

class DiagnosticsEngine;

/// Collects the arguments of one diagnostic; reports it when destroyed.
class DiagnosticBuilder {
public:
  DiagnosticBuilder(DiagnosticsEngine &Engine, llvm::SMRange Range, diag::ID Id);
  DiagnosticBuilder(DiagnosticBuilder &&Other) noexcept;
  DiagnosticBuilder(const DiagnosticBuilder &) = delete;
  ~DiagnosticBuilder();

  DiagnosticBuilder &operator<<(llvm::StringRef Arg);
  DiagnosticBuilder &operator<<(const std::string &Arg);
  DiagnosticBuilder &operator<<(const char *Arg);
  DiagnosticBuilder &operator<<(long long Arg);
  DiagnosticBuilder &operator<<(int Arg) { return *this << static_cast<long long>(Arg); }
  DiagnosticBuilder &operator<<(unsigned Arg) { return *this << static_cast<long long>(Arg); }
  DiagnosticBuilder &operator<<(size_t Arg) { return *this << static_cast<long long>(Arg); }
  DiagnosticBuilder &operator<<(double Arg);

  /// A note whose text is already formatted.
  DiagnosticBuilder &note(llvm::SMRange Range, std::string Message);
  /// A note from the table (a note_* kind), formatted with NoteArgs:
  ///   .note(OpenRange, diag::note_opened_here, "block")
  template <typename... Ts>
  DiagnosticBuilder &note(llvm::SMRange Range, diag::ID NoteId,
                          const Ts &...NoteArgs) {
    return noteWithArgs(Range, NoteId, {diag::detail::toArg(NoteArgs)...});
  }
  DiagnosticBuilder &noteWithArgs(llvm::SMRange Range, diag::ID NoteId,
                                  std::vector<std::string> NoteArgs);
  /// Overrides the table's hint (already formatted).
  DiagnosticBuilder &hint(std::string Hint);
  DiagnosticBuilder &fixit(llvm::SMRange Range, std::string Replacement);

private:
  DiagnosticsEngine *Engine; // null once moved from
  Diagnostic Diag;
  std::vector<std::string> Args;
  bool HintOverridden = false;
};

class DiagnosticsEngine {
public:
  explicit DiagnosticsEngine(llvm::SourceMgr &SM);
  ~DiagnosticsEngine();

  DiagnosticBuilder report(llvm::SMRange Range, diag::ID Id) {
    return DiagnosticBuilder(*this, Range, Id);
  }
  DiagnosticBuilder report(llvm::SMLoc Loc, diag::ID Id) {
    return report(llvm::SMRange(Loc, Loc), Id);
  }

  void addConsumer(std::unique_ptr<DiagnosticConsumer> C);
  /// Consumers in the order they were added (e.g. to read a verifier's
  /// result after finish()).
  const std::vector<std::unique_ptr<DiagnosticConsumer>> &consumers() const {
    return Consumers;
  }
  /// Calls finish() on every consumer. Idempotent.
  void finish();

  /// After this many errors, further errors (and their notes) are dropped and
  /// one err_too_many_errors is reported, which itself counts as an error.
  /// Warnings are still reported. 0 = no limit. Default 20.
  void setMaxErrors(unsigned N) { MaxErrors = N; }
  /// Report warnings as errors (--warnings-as-errors); applied in emit(), so
  /// consumers see Severity::Error.
  void setWarningsAsErrors(bool B) { WarningsAsErrors = B; }
  /// Report these codes as errors (--warnings-as-errors=RTC0312,…): warnings
  /// and remarks alike. Silencing is decided first, so a silenced
  /// diagnostic stays silenced.
  void setWarningsAsErrorsFor(std::set<std::string> Codes) {
    PromotedCodes = std::move(Codes);
  }

  /// The `rtcc-ignore` comments and `--disable` codes (docs/diagnostics.md).
  SuppressionTable &suppressions() { return Suppressions; }
  /// Reports RTC0007 (with a fix-it that removes it) for each code of an
  /// `rtcc-ignore` comment read so far that silenced nothing, unless
  /// ReportUnused is false (when not every rule ran, an ignore may only look
  /// unused). Each comment is settled once.
  void settleIgnores(bool ReportUnused);
  /// Diagnostics silenced so far (not counted, not in diagnostics()).
  const std::vector<Diagnostic> &suppressed() const { return Suppressed; }

  unsigned errorCount() const { return NumErrors; }
  unsigned warningCount() const { return NumWarnings; }
  bool hasErrors() const { return NumErrors != 0; }
  bool reachedErrorLimit() const { return LimitReached; }
  const std::vector<Diagnostic> &diagnostics() const { return All; }
  llvm::SourceMgr &getSourceMgr() const { return SM; }

  /// Takes a fully built diagnostic (used by the builder and by code that
  /// re-emits diagnostics, e.g. the LSP server).
  void emit(Diagnostic D);

private:
  llvm::SourceMgr &SM;
  std::vector<std::unique_ptr<DiagnosticConsumer>> Consumers;
  std::vector<Diagnostic> All;
  std::vector<Diagnostic> Suppressed;
  SuppressionTable Suppressions;
  std::set<std::string> PromotedCodes;
  unsigned MaxErrors = 20;
  unsigned NumErrors = 0;
  unsigned NumWarnings = 0;
  bool WarningsAsErrors = false;
  bool LimitReached = false;
  bool Finished = false;
};

} // namespace rtc

#endif
