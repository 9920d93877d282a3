//===- DiagnosticsEngine.cpp - collects and dispatches diagnostics --------===//
#include "rtc/Diag/DiagnosticsEngine.h"
#include "fmt/format.h"

namespace rtc {

DiagnosticConsumer::~DiagnosticConsumer() = default;

std::string diag::detail::toArg(double V) { return fmt::format("{}", V); }

//===----------------------------------------------------------------------===//
// DiagnosticBuilder
//===----------------------------------------------------------------------===//

DiagnosticBuilder::DiagnosticBuilder(DiagnosticsEngine &E, llvm::SMRange Range,
                                     diag::ID Id)
    : Engine(&E) {
  const diag::Info &I = diag::getInfo(Id);
  Diag.Id = Id;
  Diag.Sev = I.DefaultSeverity;
  Diag.Code = I.Code.str();
  Diag.Range = Range;
}

DiagnosticBuilder::DiagnosticBuilder(DiagnosticBuilder &&Other) noexcept
    : Engine(Other.Engine), Diag(std::move(Other.Diag)),
      Args(std::move(Other.Args)), HintOverridden(Other.HintOverridden) {
  Other.Engine = nullptr;
}

DiagnosticBuilder::~DiagnosticBuilder() {
  if (!Engine)
    return;
  const diag::Info &I = diag::getInfo(Diag.Id);
  Diag.Message = diag::formatMessage(I.Format, Args);
  if (!HintOverridden && !I.HintFormat.empty())
    Diag.Hint = diag::formatMessage(I.HintFormat, Args);
  Engine->emit(std::move(Diag));
}

DiagnosticBuilder &DiagnosticBuilder::operator<<(llvm::StringRef Arg) {
  Args.push_back(Arg.str());
  return *this;
}
DiagnosticBuilder &DiagnosticBuilder::operator<<(const std::string &Arg) {
  Args.push_back(Arg);
  return *this;
}
DiagnosticBuilder &DiagnosticBuilder::operator<<(const char *Arg) {
  Args.push_back(diag::detail::toArg(Arg));
  return *this;
}
DiagnosticBuilder &DiagnosticBuilder::operator<<(long long Arg) {
  Args.push_back(std::to_string(Arg));
  return *this;
}
DiagnosticBuilder &DiagnosticBuilder::operator<<(double Arg) {
  Args.push_back(diag::detail::toArg(Arg));
  return *this;
}

DiagnosticBuilder &DiagnosticBuilder::note(llvm::SMRange Range,
                                           std::string Message) {
  Diag.Notes.push_back({Range, std::move(Message), std::string()});
  return *this;
}

DiagnosticBuilder &
DiagnosticBuilder::noteWithArgs(llvm::SMRange Range, diag::ID NoteId,
                                std::vector<std::string> NoteArgs) {
  const diag::Info &I = diag::getInfo(NoteId);
  Diag.Notes.push_back(
      {Range, diag::formatMessage(I.Format, NoteArgs), I.Code.str()});
  return *this;
}

DiagnosticBuilder &DiagnosticBuilder::hint(std::string Hint) {
  Diag.Hint = std::move(Hint);
  HintOverridden = true;
  return *this;
}

DiagnosticBuilder &DiagnosticBuilder::fixit(llvm::SMRange Range,
                                            std::string Replacement) {
  Diag.FixIts.push_back({Range, std::move(Replacement)});
  return *this;
}

//===----------------------------------------------------------------------===//
// DiagnosticsEngine
//===----------------------------------------------------------------------===//

DiagnosticsEngine::DiagnosticsEngine(llvm::SourceMgr &SM) : SM(SM) {}

DiagnosticsEngine::~DiagnosticsEngine() = default;

void DiagnosticsEngine::addConsumer(std::unique_ptr<DiagnosticConsumer> C) {
  Consumers.push_back(std::move(C));
}

void DiagnosticsEngine::finish() {
  if (Finished)
    return;
  Finished = true;
  for (auto &C : Consumers)
    C->finish(SM);
}

void DiagnosticsEngine::emit(Diagnostic D) {
  // Silencing looks at the table's severity, before any promotion: an
  // error is never silenced, a silenced warning is not promoted.
  if (diag::isSilenceable(D.Sev)) {
    if (std::optional<Suppression> S = Suppressions.match(D)) {
      D.Suppressed = std::move(S);
      Suppressed.push_back(std::move(D));
      for (auto &C : Consumers)
        if (C->wantsSuppressed())
          C->handle(Suppressed.back(), SM);
      return;
    }
  }
  if (D.Sev != Severity::Note && D.Sev != Severity::Error &&
      ((D.Sev == Severity::Warning && WarningsAsErrors) ||
       PromotedCodes.count(D.Code)))
    D.Sev = Severity::Error;

  if (D.Sev == Severity::Error) {
    if (LimitReached)
      return;
    if (MaxErrors != 0 && NumErrors >= MaxErrors) {
      LimitReached = true;
      const diag::Info &I = diag::getInfo(diag::err_too_many_errors);
      Diagnostic Stop;
      Stop.Id = diag::err_too_many_errors;
      Stop.Sev = Severity::Error;
      Stop.Code = I.Code.str();
      Stop.Message = diag::formatMessage(I.Format, {});
      Stop.Hint = diag::formatMessage(I.HintFormat, {});
      D = std::move(Stop);
    }
    ++NumErrors;
  } else if (D.Sev == Severity::Warning) {
    ++NumWarnings;
  }

  All.push_back(std::move(D));
  for (auto &C : Consumers)
    C->handle(All.back(), SM);
}

void DiagnosticsEngine::settleIgnores(bool ReportUnused) {
  std::vector<IgnoreComment> &Ignores = Suppressions.ignores();
  for (size_t I = 0; I < Ignores.size(); ++I) {
    if (Ignores[I].Settled)
      continue;
    Ignores[I].Settled = true;
    if (!ReportUnused)
      continue;
    const IgnoreComment &C = Ignores[I];
    bool AnyUsed = false;
    std::string All;
    for (const IgnoredCode &Code : C.Codes) {
      AnyUsed |= Code.Used;
      All += (All.empty() ? "" : ", ") + Code.Code;
    }
    if (!AnyUsed && !C.Codes.empty()) {
      // Nothing of it is used: one warning, whose fix removes the comment.
      report(
          llvm::SMRange(C.Codes.front().Range.Start, C.Codes.back().Range.End),
          diag::warn_unused_ignore)
              .fixit(C.Removal, "")
          << All << C.CoveredText;
      continue;
    }
    for (const IgnoredCode &Code : C.Codes)
      if (!Code.Used)
        report(Code.Range, diag::warn_unused_ignore).fixit(Code.Removal, "")
            << Code.Code << C.CoveredText;
  }
}

} // namespace rtc
