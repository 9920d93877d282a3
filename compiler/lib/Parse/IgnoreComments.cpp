//===- IgnoreComments.cpp - read `rtcc-ignore` comments -------------------===//
//
// A comment is a directive when its text, after `//` or `#` and blanks,
// starts with the word `rtcc-ignore`. What it covers is decided from the
// text and the AST: the outermost item (block, attribute, let, statement)
// that starts on the annotated line, or that line alone (e.g. one element of
// a list written one per line).
//
//===----------------------------------------------------------------------===//
#include "rtc/Parse/IgnoreComments.h"
#include "rtc/Diag/SilenceableCode.h"
#include "llvm/ADT/StringExtras.h"

namespace rtc {

namespace {

constexpr llvm::StringLiteral Directive = "rtcc-ignore";

/// The text of one buffer, with the line arithmetic the directive needs.
class Lines {
public:
  explicit Lines(llvm::StringRef Text) : Text(Text) {}

  const char *lineStart(const char *P) const {
    while (P > Text.begin() && P[-1] != '\n')
      --P;
    return P;
  }
  /// The '\n' ending P's line, or the end of the text.
  const char *lineEnd(const char *P) const {
    while (P < Text.end() && *P != '\n')
      ++P;
    return P;
  }
  /// Only blanks between P's line start and P.
  bool firstOnLine(const char *P) const {
    for (const char *Q = lineStart(P); Q < P; ++Q)
      if (*Q != ' ' && *Q != '\t')
        return false;
    return true;
  }
  /// The first non-blank character of the first line after P's line that
  /// is neither blank nor a comment; null at the end of the text.
  const char *nextCodeLine(const char *P) const {
    const char *L = lineEnd(P);
    while (L < Text.end()) {
      ++L; // past '\n'
      const char *Q = L;
      while (Q < Text.end() && (*Q == ' ' || *Q == '\t' || *Q == '\r'))
        ++Q;
      llvm::StringRef Rest(Q, Text.end() - Q);
      if (Q < Text.end() && *Q != '\n' && !Rest.startswith("//") &&
          !Rest.startswith("#") && !Rest.startswith("/*"))
        return Q;
      L = lineEnd(Q);
    }
    return nullptr;
  }
  const char *end() const { return Text.end(); }

private:
  llvm::StringRef Text;
};

/// The outermost item that starts in [Begin, End) (one line), searching into
/// blocks that contain the line.
const ast::Item *itemStartingIn(const std::vector<ast::ItemPtr> &Items,
                                const char *Begin, const char *End) {
  for (const ast::ItemPtr &I : Items) {
    const char *S = I->Range.Start.getPointer();
    const char *E = I->Range.End.getPointer();
    if (!S)
      continue;
    if (S >= Begin && S < End)
      return I.get();
    if (auto *B = llvm::dyn_cast<ast::Block>(I.get()))
      if (S < Begin && E && E >= Begin)
        if (const ast::Item *Inner = itemStartingIn(B->Body, Begin, End))
          return Inner;
  }
  return nullptr;
}

llvm::SMRange rangeOf(const char *B, const char *E) {
  return {llvm::SMLoc::getFromPointer(B), llvm::SMLoc::getFromPointer(E)};
}

/// Sets C.Covered and C.CoveredText for a comment at CommentStart.
void decideCoverage(IgnoreComment &C, const ast::File &F, const Lines &L,
                    const llvm::SourceMgr &SM, const char *CommentStart) {
  const char *Target = L.firstOnLine(CommentStart)
                           ? L.nextCodeLine(CommentStart)
                           : L.lineStart(CommentStart);
  if (!Target) {
    C.CoveredText = "the end of the file";
    return;
  }
  const char *Begin = L.lineStart(Target);
  const char *End = L.lineEnd(Target);
  C.Covered = rangeOf(Begin, End);
  if (const ast::Item *I = itemStartingIn(F.Items, Begin, End))
    if (I->Range.End.isValid() && I->Range.End.getPointer() > End)
      C.Covered = rangeOf(Begin, I->Range.End.getPointer());
  unsigned First = SM.getLineAndColumn(C.Covered.Start).first;
  unsigned Last = SM.getLineAndColumn(C.Covered.End).first;
  C.CoveredText = First == Last ? "line " + std::to_string(First)
                                : "lines " + std::to_string(First) + "-" +
                                      std::to_string(Last);
}

/// What deletes the comment: its whole line when it stands alone, else the
/// blanks before it and the comment.
llvm::SMRange removalOf(const ast::Comment &Com, const Lines &L) {
  const char *S = Com.Range.Start.getPointer();
  const char *E = Com.Range.End.getPointer();
  if (L.firstOnLine(S)) {
    const char *LineEnd = L.lineEnd(E);
    return rangeOf(L.lineStart(S), LineEnd < L.end() ? LineEnd + 1 : LineEnd);
  }
  const char *B = S;
  while (B > L.lineStart(S) && (B[-1] == ' ' || B[-1] == '\t'))
    --B;
  return rangeOf(B, E);
}

bool isCodeChar(char Ch) { return llvm::isAlnum(Ch) || Ch == '_' || Ch == '-'; }

/// Parses the codes after `rtcc-ignore:` (P points after the colon). Each
/// code is checked; valid ones are added to C. False when the list is empty.
bool parseCodes(const char *P, const char *End, IgnoreComment &C,
                DiagnosticsEngine &Diags) {
  bool Any = false;
  const char *PrevEnd = nullptr; // end of the previous code, for removals
  while (true) {
    while (P < End && (*P == ' ' || *P == '\t'))
      ++P;
    const char *S = P;
    while (P < End && isCodeChar(*P))
      ++P;
    if (P == S)
      break;
    Any = true;
    llvm::StringRef Code(S, P - S);
    const char *AfterComma = P;
    while (AfterComma < End && (*AfterComma == ' ' || *AfterComma == '\t'))
      ++AfterComma;
    bool More = AfterComma < End && *AfterComma == ',';
    if (checkSilenceableCode(Code, rangeOf(S, P), "`rtcc-ignore`", Diags)) {
      IgnoredCode IC;
      IC.Code = Code.str();
      IC.Range = rangeOf(S, P);
      // "A, B": dropping A removes "A, "; dropping the last removes ", B".
      const char *NextStart = AfterComma + 1;
      while (More && NextStart < End &&
             (*NextStart == ' ' || *NextStart == '\t'))
        ++NextStart;
      IC.Removal =
          More ? rangeOf(S, NextStart) : rangeOf(PrevEnd ? PrevEnd : S, P);
      C.Codes.push_back(std::move(IC));
    }
    PrevEnd = P;
    if (!More) {
      P = AfterComma;
      break;
    }
    P = AfterComma + 1;
  }
  C.Justification = llvm::StringRef(P, End - P).trim().str();
  return Any;
}

void registerOne(const ast::Comment &Com, const ast::File &F, const Lines &L,
                 DiagnosticsEngine &Diags) {
  // The buffer's text, not Com.Text: offsets below are pointers into it.
  const char *End = Com.Range.End.getPointer();
  llvm::StringRef T(Com.Range.Start.getPointer(),
                    End - Com.Range.Start.getPointer());
  T = T.startswith("//") ? T.drop_front(2) : T.drop_front(1);
  T = T.ltrim(" \t");
  if (!T.startswith(Directive))
    return;
  llvm::StringRef After = T.drop_front(Directive.size());
  if (!After.empty() && isCodeChar(After.front()))
    return; // another word, e.g. `rtcc-ignored`
  const char *AfterWord = End - After.size();
  llvm::StringRef Rest = After.ltrim(" \t");
  if (!Rest.startswith(":")) {
    Diags.report(rangeOf(AfterWord - Directive.size(), AfterWord),
                 diag::warn_malformed_ignore)
        << "a colon must follow `rtcc-ignore`";
    return;
  }
  IgnoreComment C;
  C.Range = Com.Range;
  C.Removal = removalOf(Com, L);
  if (!parseCodes(End - Rest.size() + 1, End, C, Diags)) {
    Diags.report(Com.Range, diag::warn_malformed_ignore)
        << "no code follows the colon";
    return;
  }
  if (C.Codes.empty())
    return; // every code was reported as unknown or not silenceable
  decideCoverage(C, F, L, Diags.getSourceMgr(), Com.Range.Start.getPointer());
  Diags.suppressions().addIgnore(std::move(C));
}

} // namespace

void registerIgnoreComments(const ast::File &F, DiagnosticsEngine &Diags) {
  if (F.BufferId == 0)
    return;
  Lines L(Diags.getSourceMgr().getMemoryBuffer(F.BufferId)->getBuffer());
  for (const ast::Comment &Com : F.Comments)
    if (!Com.IsBlock && Com.Range.isValid() &&
        llvm::StringRef(Com.Text).contains(Directive))
      registerOne(Com, F, L, Diags);
}

} // namespace rtc
