//===- Formatter.cpp - the canonical layout of .rtc files -----------------===//
//
// Layout decisions that depend on the original text (is this list written on
// one line? is there a blank line between these items?) read the source, so
// the output is stable: formatting formatted text changes nothing.
//
//===----------------------------------------------------------------------===//
#include "rtc/Format/Formatter.h"
#include <algorithm>

using namespace rtc::ast;
using llvm::cast;
using llvm::dyn_cast;
using llvm::isa;

namespace rtc {

namespace {

class Printer {
public:
  Printer(const File &F, llvm::StringRef Source, const FormatOptions &Opts)
      : F(F), Source(Source), Opts(Opts) {
    LineStarts.push_back(0);
    for (size_t I = 0; I < Source.size(); ++I)
      if (Source[I] == '\n')
        LineStarts.push_back(I + 1);
  }

  std::string run() {
    printItems(F.Items, 0, Source.size());
    flushCommentsBefore(Source.size() + 1, 0, /*AllowBlankBefore=*/true);
    // Exactly one newline at the end of a non-empty file.
    while (!Out.empty() && (Out.back() == '\n' || Out.back() == ' '))
      Out.pop_back();
    if (!Out.empty())
      Out += '\n';
    return Out;
  }

private:
  size_t offset(llvm::SMLoc L) const {
    return static_cast<size_t>(L.getPointer() - Source.data());
  }
  size_t lineOf(size_t Offset) const {
    return static_cast<size_t>(
        std::upper_bound(LineStarts.begin(), LineStarts.end(), Offset) -
        LineStarts.begin());
  }
  llvm::StringRef text(llvm::SMRange R) const {
    return Source.slice(offset(R.Start), offset(R.End));
  }
  bool singleLine(llvm::SMRange R) const {
    return lineOf(offset(R.Start)) == lineOf(offset(R.End) ? offset(R.End) - 1 : 0);
  }
  static bool hasBlankLine(llvm::StringRef S) {
    size_t NL = S.find('\n');
    while (NL != llvm::StringRef::npos) {
      size_t Next = S.find('\n', NL + 1);
      if (Next == llvm::StringRef::npos)
        return false;
      if (S.slice(NL + 1, Next).trim(" \t\r").empty())
        return true;
      NL = Next;
    }
    return false;
  }
  bool hasCommentWithin(llvm::SMRange R) const {
    size_t B = offset(R.Start), E = offset(R.End);
    for (size_t I = NextComment; I < F.Comments.size(); ++I) {
      size_t C = offset(F.Comments[I].Range.Start);
      if (C >= E)
        break;
      if (C >= B)
        return true;
    }
    return false;
  }

  void indent(unsigned Level) { Out.append(Level * Opts.IndentWidth, ' '); }
  void newline() {
    while (!Out.empty() && Out.back() == ' ')
      Out.pop_back();
    Out += '\n';
  }
  bool atLineStart() const { return Out.empty() || Out.back() == '\n'; }

  /// Emits comments that start before Offset on lines of their own.
  void flushCommentsBefore(size_t Offset, unsigned Level, bool AllowBlankBefore) {
    while (NextComment < F.Comments.size() &&
           offset(F.Comments[NextComment].Range.Start) < Offset) {
      const Comment &C = F.Comments[NextComment];
      size_t Start = offset(C.Range.Start);
      if (!atLineStart())
        newline();
      if (AllowBlankBefore && !Out.empty() && hasBlankLine(Source.slice(LastEnd, Start)) &&
          !endsWithBlankLine() && !endsWithOpenBrace())
        Out += '\n';
      indent(Level);
      Out += C.Text;
      newline();
      LastEnd = offset(C.Range.End);
      ++NextComment;
      AllowBlankBefore = true;
    }
  }
  /// Appends comments that start on the same source line as EndOffset and
  /// before Limit (the next item on that line, which owns what follows it).
  void trailingComments(size_t EndOffset, size_t Limit = std::string::npos) {
    size_t Line = lineOf(EndOffset ? EndOffset - 1 : 0);
    while (NextComment < F.Comments.size()) {
      const Comment &C = F.Comments[NextComment];
      size_t Start = offset(C.Range.Start);
      if (lineOf(Start) != Line || Start < EndOffset || Start >= Limit)
        break;
      Out += ' ';
      Out += C.Text;
      LastEnd = offset(C.Range.End);
      ++NextComment;
    }
  }
  bool endsWithBlankLine() const {
    return Out.size() >= 2 && Out[Out.size() - 1] == '\n' && Out[Out.size() - 2] == '\n';
  }
  bool endsWithOpenBrace() const {
    return Out.size() >= 2 && Out[Out.size() - 1] == '\n' && Out[Out.size() - 2] == '{';
  }

  void printItems(const std::vector<ItemPtr> &Items, unsigned Level, size_t EndOffset) {
    size_t AlignWidth = 0;
    size_t RunEnd = 0; // one past the last attribute of the current `=` run
    for (size_t I = 0; I < Items.size(); ++I) {
      const Item &It = *Items[I];
      size_t Start = offset(It.Range.Start);
      bool Blank = I > 0 && hasBlankLine(Source.slice(LastEnd, Start));
      if (Blank && !endsWithBlankLine())
        Out += '\n';
      size_t CommentsBefore = NextComment;
      flushCommentsBefore(Start, Level, /*AllowBlankBefore=*/I > 0);
      // A blank line between the last comment and the item stays (the
      // comment is detached from it), except right after an opening brace.
      if (NextComment != CommentsBefore && hasBlankLine(Source.slice(LastEnd, Start)) &&
          !endsWithBlankLine() && !endsWithOpenBrace())
        Out += '\n';
      // An item kept as written keeps its head comments too; hoisting them
      // as well would print them twice (and once more on every run).
      if (!commentsBetweenParts(It))
        hoistHeadComments(It, Level);
      if (!isa<Attribute>(It)) {
        AlignWidth = 0;
        RunEnd = 0;
      } else if (I >= RunEnd) {
        AlignWidth = attributeRunWidth(Items, I, RunEnd);
      }
      indent(Level);
      printItem(It, Level, AlignWidth);
      LastEnd = offset(It.Range.End);
      trailingComments(LastEnd, I + 1 < Items.size()
                                    ? offset(Items[I + 1]->Range.Start)
                                    : std::string::npos);
      newline();
    }
    (void)EndOffset;
  }

  /// Width of the longest name in the run of attributes starting at First:
  /// consecutive attributes with no blank line or comment between them.
  /// RunEnd receives the index one past the run's last attribute.
  size_t attributeRunWidth(const std::vector<ItemPtr> &Items, size_t First,
                           size_t &RunEnd) {
    size_t Width = 0;
    size_t PrevEnd = 0;
    size_t I = First;
    for (; I < Items.size(); ++I) {
      auto *A = dyn_cast<Attribute>(Items[I].get());
      if (!A)
        break;
      size_t Start = offset(A->Range.Start);
      if (I > First && (hasBlankLine(Source.slice(PrevEnd, Start)) ||
                        commentBetween(PrevEnd, Start)))
        break;
      Width = std::max(Width, A->Name.Name.size());
      PrevEnd = offset(A->Range.End);
    }
    RunEnd = I;
    return Width;
  }

  /// Comments inside an item's head (`cluster /* c */ a {`, `x = /* c */ 1`,
  /// `let /* c */ k = 1`) have no place in the canonical layout; they move to
  /// their own lines above the item rather than being dropped. Comments inside
  /// a string label's interpolation stay in the label, which is kept verbatim.
  void hoistHeadComments(const Item &It, unsigned Level) {
    size_t HeadEnd = offset(It.Range.Start);
    if (auto *A = dyn_cast<Attribute>(&It)) {
      HeadEnd = offset(A->Value->Range.Start);
    } else if (auto *L = dyn_cast<LetDecl>(&It)) {
      HeadEnd = offset(L->Value->Range.Start);
    } else if (auto *Imp = dyn_cast<ImportDecl>(&It)) {
      HeadEnd = offset(Imp->Path->Range.Start);
    } else if (auto *R = dyn_cast<RuleStmt>(&It)) {
      HeadEnd = offset(R->Actions->Range.Start);
    } else if (auto *B = dyn_cast<Block>(&It)) {
      for (const Label &L : B->Labels) {
        flushCommentsBefore(offset(L.Range.Start), Level, false);
        skipCommentsWithin(L.Range);
      }
      HeadEnd = B->OpenBrace.isValid() ? offset(B->OpenBrace) : offset(B->Range.End);
    }
    flushCommentsBefore(HeadEnd, Level, /*AllowBlankBefore=*/false);
  }

  /// Comments between the parts of an import or policy statement (`allow x
  /// /* c */ on y`) cannot move without changing what they describe, so the
  /// item is kept as written.
  bool commentsBetweenParts(const Item &It) const {
    size_t From = 0, To = offset(It.Range.End);
    if (auto *Imp = dyn_cast<ImportDecl>(&It))
      From = offset(Imp->Path->Range.End);
    else if (auto *R = dyn_cast<RuleStmt>(&It)) {
      From = offset(R->Actions->Range.End);
      To = offset(R->Resources->Range.Start);
    } else
      return false;
    for (size_t I = NextComment; I < F.Comments.size(); ++I) {
      size_t C = offset(F.Comments[I].Range.Start);
      if (C >= To)
        break;
      if (C >= From)
        return true;
    }
    return false;
  }
  bool commentBetween(size_t From, size_t To) const {
    for (const Comment &C : F.Comments) {
      size_t S = offset(C.Range.Start);
      if (S >= From && S < To && lineOf(S) != lineOf(From ? From - 1 : 0))
        return true;
    }
    return false;
  }

  void printItem(const Item &It, unsigned Level, size_t AlignWidth) {
    if (commentsBetweenParts(It)) {
      Out += text(It.Range).str();
      skipCommentsWithin(It.Range);
      return;
    }
    if (auto *A = dyn_cast<Attribute>(&It)) {
      Out += A->Name.Name;
      if (AlignWidth > A->Name.Name.size())
        Out.append(AlignWidth - A->Name.Name.size(), ' ');
      Out += " = ";
      printExpr(*A->Value, Level);
    } else if (auto *B = dyn_cast<Block>(&It)) {
      printBlock(*B, Level);
    } else if (auto *L = dyn_cast<LetDecl>(&It)) {
      Out += "let " + L->Name.Name + " = ";
      printExpr(*L->Value, Level);
    } else if (auto *Imp = dyn_cast<ImportDecl>(&It)) {
      Out += "import ";
      printExpr(*Imp->Path, Level);
      if (!Imp->Alias.Name.empty())
        Out += " as " + Imp->Alias.Name;
    } else if (auto *R = dyn_cast<RuleStmt>(&It)) {
      Out += R->Eff == RuleStmt::Effect::Allow ? "allow " : "deny ";
      printExpr(*R->Actions, Level);
      Out += " on ";
      printExpr(*R->Resources, Level);
    }
  }

  void printBlock(const Block &B, unsigned Level) {
    Out += B.Type.Name;
    for (const Label &L : B.Labels) {
      Out += ' ';
      Out += L.Quoted ? text(L.Range).str() : L.Value;
    }
    size_t Close = B.CloseBrace.isValid() ? offset(B.CloseBrace) : offset(B.Range.End);
    if (B.Body.empty() && !hasCommentWithin(B.Range)) {
      Out += " {}";
      return;
    }
    Out += " {";
    LastEnd = B.OpenBrace.isValid() ? offset(B.OpenBrace) + 1 : offset(B.Range.Start);
    // `cluster a { // note` keeps its comment on the brace line.
    trailingComments(LastEnd, B.Body.empty() ? Close : offset(B.Body.front()->Range.Start));
    newline();
    printItems(B.Body, Level + 1, Close);
    flushCommentsBefore(Close, Level + 1, /*AllowBlankBefore=*/true);
    indent(Level);
    Out += '}';
  }

  void printExpr(const Expr &E, unsigned Level) {
    // An expression with comments inside that fmt cannot place (anything but
    // a multi-line list or map) is kept exactly as written.
    if (!isa<ListExpr>(E) && !isa<MapExpr>(E) && hasCommentWithin(E.Range)) {
      Out += text(E.Range).str();
      skipCommentsWithin(E.Range);
      return;
    }
    switch (E.getKind()) {
    case Expr::Kind::Number:
      Out += cast<NumberExpr>(E).Spelling;
      return;
    case Expr::Kind::Bool:
      Out += cast<BoolExpr>(E).Value ? "true" : "false";
      return;
    case Expr::Kind::Null:
      Out += "null";
      return;
    case Expr::Kind::String:
    case Expr::Kind::Error:
      Out += text(E.Range).str();
      return;
    case Expr::Kind::List:
      printList(cast<ListExpr>(E), Level);
      return;
    case Expr::Kind::Map:
      printMap(cast<MapExpr>(E), Level);
      return;
    case Expr::Kind::Name:
      Out += cast<NameExpr>(E).Name;
      return;
    case Expr::Kind::GetAttr: {
      auto &G = cast<GetAttrExpr>(E);
      printExpr(*G.Base, Level);
      Out += '.';
      Out += G.Attr.Name;
      return;
    }
    case Expr::Kind::Index: {
      auto &I = cast<IndexExpr>(E);
      printExpr(*I.Base, Level);
      Out += '[';
      printExpr(*I.Index, Level);
      Out += ']';
      return;
    }
    case Expr::Kind::Call:
      printCall(cast<CallExpr>(E), Level);
      return;
    case Expr::Kind::Unary: {
      auto &U = cast<UnaryExpr>(E);
      Out += U.Op;
      printExpr(*U.Operand, Level);
      return;
    }
    case Expr::Kind::Binary: {
      auto &B = cast<BinaryExpr>(E);
      printExpr(*B.LHS, Level);
      Out += ' ' + B.Op + ' ';
      printExpr(*B.RHS, Level);
      return;
    }
    case Expr::Kind::Cond: {
      auto &C = cast<CondExpr>(E);
      printExpr(*C.Cond, Level);
      Out += " ? ";
      printExpr(*C.Then, Level);
      Out += " : ";
      printExpr(*C.Else, Level);
      return;
    }
    case Expr::Kind::Paren:
      Out += '(';
      printExpr(*cast<ParenExpr>(E).Inner, Level);
      Out += ')';
      return;
    }
  }

  void skipCommentsWithin(llvm::SMRange R) {
    size_t E = offset(R.End);
    while (NextComment < F.Comments.size() &&
           offset(F.Comments[NextComment].Range.Start) < E)
      ++NextComment;
  }

  /// Multi-line when written across lines or when comments sit inside.
  bool multiLine(const Expr &E) const {
    return !singleLine(E.Range) || hasCommentWithin(E.Range);
  }

  void printList(const ListExpr &L, unsigned Level) {
    if (L.Elements.empty() && !hasCommentWithin(L.Range)) {
      Out += "[]";
      return;
    }
    if (!multiLine(L)) {
      Out += '[';
      for (size_t I = 0; I < L.Elements.size(); ++I) {
        if (I)
          Out += ", ";
        printExpr(*L.Elements[I], Level);
      }
      Out += ']';
      return;
    }
    Out += '[';
    LastEnd = offset(L.Range.Start) + 1;
    trailingComments(LastEnd, L.Elements.empty() ? offset(L.Range.End) - 1
                                                 : offset(L.Elements.front()->Range.Start));
    newline();
    for (const ExprPtr &El : L.Elements) {
      size_t Start = offset(El->Range.Start);
      flushCommentsBefore(Start, Level + 1, true);
      indent(Level + 1);
      printExpr(*El, Level + 1);
      Out += ',';
      LastEnd = offset(El->Range.End);
      // A comment after the element's comma still belongs to its line.
      trailingCommentsAfterComma(LastEnd);
      newline();
    }
    flushCommentsBefore(offset(L.Range.End) - 1, Level + 1, true);
    indent(Level);
    Out += ']';
  }

  void trailingCommentsAfterComma(size_t EndOffset) {
    size_t After = EndOffset;
    while (After < Source.size() && (Source[After] == ' ' || Source[After] == '\t'))
      ++After;
    if (After < Source.size() && Source[After] == ',')
      ++After;
    trailingComments(After);
  }

  void printMapKey(const MapEntry &M, unsigned Level) {
    if (M.KeyString)
      printExpr(*M.KeyString, Level);
    else
      Out += M.KeyIdent.Name;
  }
  size_t keyWidth(const MapEntry &M) const {
    return M.KeyString ? text(M.KeyString->Range).size() : M.KeyIdent.Name.size();
  }

  void printMap(const MapExpr &M, unsigned Level) {
    if (M.Entries.empty() && !hasCommentWithin(M.Range)) {
      Out += "{}";
      return;
    }
    if (!multiLine(M)) {
      Out += "{ ";
      for (size_t I = 0; I < M.Entries.size(); ++I) {
        if (I)
          Out += ", ";
        printMapKey(M.Entries[I], Level);
        Out += " = ";
        printExpr(*M.Entries[I].Value, Level);
      }
      Out += " }";
      return;
    }
    size_t Width = 0;
    for (const MapEntry &E : M.Entries)
      Width = std::max(Width, keyWidth(E));
    Out += '{';
    LastEnd = offset(M.Range.Start) + 1;
    trailingComments(LastEnd, M.Entries.empty() ? offset(M.Range.End) - 1
                                                : offset(M.Entries.front().Range.Start));
    newline();
    for (const MapEntry &E : M.Entries) {
      flushCommentsBefore(offset(E.Range.Start), Level + 1, true);
      indent(Level + 1);
      printMapKey(E, Level + 1);
      Out.append(Width - keyWidth(E), ' ');
      Out += " = ";
      printExpr(*E.Value, Level + 1);
      LastEnd = offset(E.Range.End);
      trailingCommentsAfterComma(LastEnd);
      newline();
    }
    flushCommentsBefore(offset(M.Range.End) - 1, Level + 1, true);
    indent(Level);
    Out += '}';
  }

  void printCall(const CallExpr &C, unsigned Level) {
    Out += C.Callee.Name;
    Out += '(';
    bool Multi = !singleLine(C.Range) && C.Args.size() > 1;
    if (!Multi) {
      for (size_t I = 0; I < C.Args.size(); ++I) {
        if (I)
          Out += ", ";
        printExpr(*C.Args[I], Level);
      }
      Out += ')';
      return;
    }
    newline();
    for (const ExprPtr &A : C.Args) {
      indent(Level + 1);
      printExpr(*A, Level + 1);
      Out += ',';
      newline();
    }
    indent(Level);
    Out += ')';
  }

  const File &F;
  llvm::StringRef Source;
  const FormatOptions &Opts;
  std::vector<size_t> LineStarts;
  std::string Out;
  size_t NextComment = 0;
  size_t LastEnd = 0;
};

} // namespace

std::string formatFile(const File &F, llvm::StringRef Source,
                       const FormatOptions &Opts) {
  return Printer(F, Source, Opts).run();
}

} // namespace rtc
