//===- DiagnosticVerifier.cpp - checks expected-error comments ------------===//
#include "rtc/Diag/DiagnosticVerifier.h"
#include "rtc/Diag/DiagnosticLocation.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

using llvm::StringRef;

namespace rtc {

DiagnosticVerifier::DiagnosticVerifier(llvm::raw_ostream &OS) : OS(OS) {}

void DiagnosticVerifier::record(Severity Sev, StringRef Code, StringRef Message,
                                llvm::SMLoc Loc, const llvm::SourceMgr &SM,
                                const Seen *Parent) {
  Seen S{Sev, Code.str(), Message.str(), "", 0, 0};
  diag::ResolvedLoc L = diag::resolveLoc(SM, Loc);
  if (L.isValid()) {
    S.File = L.File.str();
    S.BufferID = L.BufferID;
    S.Line = L.Line;
  } else if (Parent) {
    S.File = Parent->File;
    S.BufferID = Parent->BufferID;
    S.Line = Parent->Line;
  }
  Actual.push_back(std::move(S));
}

void DiagnosticVerifier::handle(const Diagnostic &D,
                                const llvm::SourceMgr &SM) {
  record(D.Sev, D.Code, D.Message, D.Range.Start, SM, nullptr);
  // Copy: record() may reallocate Actual.
  Seen Parent = Actual.back();
  for (const DiagnosticNote &N : D.Notes)
    record(Severity::Note, N.Code, N.Message, N.Range.Start, SM, &Parent);
}

static bool parseSeverity(StringRef Word, Severity &Sev) {
  if (Word == "error")
    Sev = Severity::Error;
  else if (Word == "warning")
    Sev = Severity::Warning;
  else if (Word == "note")
    Sev = Severity::Note;
  else if (Word == "remark")
    Sev = Severity::Remark;
  else
    return false;
  return true;
}

void DiagnosticVerifier::scanBuffer(const llvm::SourceMgr &SM,
                                    unsigned BufferID) {
  const llvm::MemoryBuffer *Buf = SM.getMemoryBuffer(BufferID);
  StringRef File = Buf->getBufferIdentifier();
  StringRef Rest = Buf->getBuffer();
  unsigned LineNo = 0;
  unsigned NumDirectives = 0;
  bool NoDiagnostics = false;
  auto DirectiveError = [&](unsigned Col, const llvm::Twine &Msg) {
    OS << File << ':' << LineNo << ':' << Col << ": error: " << Msg << '\n';
    ++Failures;
  };

  while (!Rest.empty()) {
    ++LineNo;
    StringRef Line;
    std::tie(Line, Rest) = Rest.split('\n');
    size_t Pos = 0;
    while ((Pos = Line.find("expected-", Pos)) != StringRef::npos) {
      StringRef Before = Line.take_front(Pos);
      size_t Col = Pos + 1;
      StringRef P = Line.drop_front(Pos + strlen("expected-"));
      Pos += strlen("expected-");
      // Only directives in comments count, so strings in the source that
      // happen to say "expected-" are left alone.
      if (!Before.contains("//") && !Before.contains('#') &&
          !Before.contains("/*"))
        continue;
      if (P.startswith("no-diagnostics")) {
        NoDiagnostics = true;
        continue;
      }
      StringRef Word = P.take_while([](char C) { return llvm::isAlpha(C); });
      Severity Sev;
      if (!parseSeverity(Word, Sev))
        continue;
      P = P.drop_front(Word.size());

      Expected E{Sev, "", "", File.str(), BufferID, LineNo, LineNo, false};
      if (P.consume_front("[")) {
        size_t Close = P.find(']');
        if (Close == StringRef::npos) {
          DirectiveError(Col, "missing ']' after the diagnostic code in "
                              "expected-" +
                                  Word + " directive");
          continue;
        }
        E.Code = P.take_front(Close).trim().str();
        P = P.drop_front(Close + 1);
      }
      if (P.consume_front("@")) {
        bool Plus = P.consume_front("+");
        bool Minus = !Plus && P.consume_front("-");
        StringRef Digits =
            P.take_while([](char C) { return llvm::isDigit(C); });
        unsigned N = 0;
        if (Digits.empty() || Digits.getAsInteger(10, N)) {
          DirectiveError(Col, "expected a line number after '@' in expected-" +
                                  Word + " directive");
          continue;
        }
        P = P.drop_front(Digits.size());
        long Target = Plus    ? long(LineNo) + N
                      : Minus ? long(LineNo) - N
                              : long(N);
        if (Target < 1) {
          DirectiveError(Col, "line offset in expected-" + Word +
                                  " directive points before the first line");
          continue;
        }
        E.Line = static_cast<unsigned>(Target);
      }
      P = P.ltrim(" \t");
      if (!P.consume_front("{{")) {
        DirectiveError(Col, "cannot find start ('{{') of expected-" + Word +
                                " text");
        continue;
      }
      size_t End = P.find("}}");
      if (End == StringRef::npos) {
        DirectiveError(Col,
                       "cannot find end ('}}') of expected-" + Word + " text");
        continue;
      }
      E.Text = P.take_front(End).trim().str();
      Expectations.push_back(std::move(E));
      ++NumDirectives;
      Pos = static_cast<size_t>(P.data() + End + 2 - Line.data());
    }
  }
  if (NoDiagnostics) {
    if (NumDirectives != 0) {
      OS << File
         << ": error: expected-no-diagnostics cannot be combined "
            "with other expected directives\n";
      ++Failures;
    }
    NoDiagnosticsBuffers.push_back(BufferID);
  }
}

void DiagnosticVerifier::finish(const llvm::SourceMgr &SM) {
  if (Finished)
    return;
  Finished = true;
  for (unsigned ID = 1, N = SM.getNumBuffers(); ID <= N; ++ID)
    scanBuffer(SM, ID);

  if (Expectations.empty() && NoDiagnosticsBuffers.empty()) {
    OS << "error: no expected directives found: consider use of "
          "'expected-no-diagnostics'\n";
    ++Failures;
  }

  std::vector<const Seen *> Unexpected;
  for (const Seen &S : Actual) {
    Expected *Match = nullptr;
    for (Expected &E : Expectations) {
      if (E.Matched || E.Sev != S.Sev || E.BufferID != S.BufferID ||
          S.BufferID == 0 || E.Line != S.Line)
        continue;
      if (!E.Code.empty() && E.Code != S.Code)
        continue;
      if (StringRef(S.Message).find(E.Text) == StringRef::npos)
        continue;
      Match = &E;
      break;
    }
    if (Match)
      Match->Matched = true;
    else
      Unexpected.push_back(&S);
  }

  auto CodeSuffix = [](const std::string &Code) {
    return Code.empty() ? std::string() : " [" + Code + "]";
  };
  for (Severity Sev :
       {Severity::Error, Severity::Warning, Severity::Remark, Severity::Note}) {
    StringRef Name = diag::severityName(Sev);
    bool Header = false;
    for (const Expected &E : Expectations) {
      if (E.Matched || E.Sev != Sev)
        continue;
      if (!Header)
        OS << "error: '" << Name << "' diagnostics expected but not seen:\n";
      Header = true;
      OS << "  File " << E.File << " Line " << E.Line;
      if (E.Line != E.DirectiveLine)
        OS << " (directive at " << E.File << ':' << E.DirectiveLine << ')';
      OS << ": " << E.Text << CodeSuffix(E.Code) << '\n';
      ++Failures;
    }
    Header = false;
    for (const Seen *S : Unexpected) {
      if (S->Sev != Sev)
        continue;
      if (!Header)
        OS << "error: '" << Name << "' diagnostics seen but not expected:\n";
      Header = true;
      if (S->BufferID)
        OS << "  File " << S->File << " Line " << S->Line;
      else
        OS << "  (no location)";
      OS << ": " << S->Message << CodeSuffix(S->Code) << '\n';
      ++Failures;
    }
  }
  OS.flush();
}

} // namespace rtc
