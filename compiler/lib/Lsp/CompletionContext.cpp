//===- CompletionContext.cpp - where in the grammar the cursor is ----------===//
//
// A small tokenizer feeds a stack of frames: block bodies (where items start)
// and brackets of expressions. In a block body an item is a header
// (`kind label* {` or `name =`) followed, for attributes, by an expression
// that ends when an operand is followed by something that cannot continue
// it. That is enough to place the cursor without a full parse.
//
//===----------------------------------------------------------------------===//
#include "rtc/Lsp/CompletionContext.h"
#include <cctype>

namespace rtc::lsp {
namespace {

struct Tok {
  enum Kind { Ident, String, Number, Punct } K;
  std::string Text;
};

struct Frame {
  bool IsBlock = false;
  std::string Kind;
  bool InExpr = false;        // block: reading an attribute's value
  bool ExpectOperand = false; // block, InExpr: an operand must come next
  std::vector<Tok> Header;    // block, !InExpr: the item's tokens so far
  std::string Attr;           // block, InExpr: the attribute being assigned
};

bool isIdentStart(char C) { return std::isalpha(static_cast<unsigned char>(C)) || C == '_'; }
bool isIdentChar(char C) { return std::isalnum(static_cast<unsigned char>(C)) || C == '_'; }

class Scanner {
public:
  explicit Scanner(llvm::StringRef Text) : Text(Text) {}

  /// Tokenizes Text and feeds every token to the frames. Returns false when
  /// the text ends inside a comment.
  bool run() {
    Stack.push_back(Frame{true, "", false, false, {}, ""});
    size_t I = 0, N = Text.size();
    while (I < N) {
      char C = Text[I];
      if (std::isspace(static_cast<unsigned char>(C))) {
        ++I;
        continue;
      }
      if (C == '#' || (C == '/' && I + 1 < N && Text[I + 1] == '/')) {
        size_t E = Text.find('\n', I);
        if (E == llvm::StringRef::npos)
          return false;
        I = E + 1;
        continue;
      }
      if (C == '/' && I + 1 < N && Text[I + 1] == '*') {
        size_t E = Text.find("*/", I + 2);
        if (E == llvm::StringRef::npos)
          return false;
        I = E + 2;
        continue;
      }
      if (isIdentStart(C)) {
        size_t B = I;
        while (I < N && isIdentChar(Text[I]))
          ++I;
        feed({Tok::Ident, Text.slice(B, I).str()});
        continue;
      }
      if (std::isdigit(static_cast<unsigned char>(C))) {
        size_t B = I;
        while (I < N && (isIdentChar(Text[I]) || Text[I] == '.'))
          ++I;
        feed({Tok::Number, Text.slice(B, I).str()});
        continue;
      }
      if (C == '"' || C == '`') {
        size_t B = I;
        if (!skipString(I)) {
          OpenString = true;
          StringText = Text.substr(B + 1).str();
          return true;
        }
        feed({Tok::String, Text.slice(B, I).str()});
        continue;
      }
      static const char *const TwoChar[] = {"==", "!=", "<=", ">=", "&&", "||"};
      std::string P(1, C);
      for (const char *T : TwoChar)
        if (Text.substr(I).startswith(T))
          P = T;
      I += P.size();
      feed({Tok::Punct, P});
    }
    return true;
  }

  llvm::StringRef Text;
  std::vector<Frame> Stack;
  std::vector<Tok> Last; // the last two tokens
  bool OpenString = false;
  std::string StringText;

private:
  // Advances I past the string starting at I; false when unterminated.
  bool skipString(size_t &I) {
    size_t N = Text.size();
    if (Text[I] == '`') {
      size_t E = Text.find('`', I + 1);
      if (E == llvm::StringRef::npos)
        return false;
      I = E + 1;
      return true;
    }
    if (Text.substr(I).startswith("\"\"\"")) {
      size_t E = Text.find("\"\"\"", I + 3);
      if (E == llvm::StringRef::npos)
        return false;
      I = E + 3;
      return true;
    }
    ++I;
    unsigned InterpDepth = 0;
    while (I < N) {
      char C = Text[I];
      if (C == '\\') {
        I += 2;
        continue;
      }
      if (InterpDepth == 0 && C == '$' && I + 1 < N && Text[I + 1] == '{') {
        InterpDepth = 1;
        I += 2;
        continue;
      }
      if (InterpDepth > 0) {
        if (C == '{')
          ++InterpDepth;
        else if (C == '}')
          --InterpDepth;
        ++I;
        continue;
      }
      if (C == '"') {
        ++I;
        return true;
      }
      if (C == '\n')
        return false; // a quoted string does not span lines
      ++I;
    }
    return false;
  }

  void startItem(Frame &F, const Tok &T) {
    F.InExpr = false;
    F.ExpectOperand = false;
    F.Attr.clear();
    F.Header.clear();
    F.Header.push_back(T);
  }

  void closeFrame() {
    if (Stack.size() > 1)
      Stack.pop_back();
    Frame &P = Stack.back();
    if (P.IsBlock && P.InExpr)
      P.ExpectOperand = false; // a bracketed operand just ended
    else if (P.IsBlock) {
      P.Header.clear(); // a nested block just ended
    }
  }

  void feed(const Tok &T) {
    Last.push_back(T);
    if (Last.size() > 3)
      Last.erase(Last.begin());
    Frame &F = Stack.back();
    bool Open = T.K == Tok::Punct && (T.Text == "(" || T.Text == "[" || T.Text == "{");
    bool Close = T.K == Tok::Punct && (T.Text == ")" || T.Text == "]" || T.Text == "}");
    if (!F.IsBlock) {
      if (Open)
        Stack.push_back(Frame{});
      else if (Close)
        closeFrame();
      return;
    }
    if (!F.InExpr) {
      if (T.K != Tok::Punct) {
        // `import "p" as n` ends after its path or alias.
        if (!F.Header.empty() && F.Header[0].Text == "import" &&
            ((F.Header.size() == 2 && T.Text != "as") || F.Header.size() == 4)) {
          startItem(F, T);
          return;
        }
        F.Header.push_back(T);
        return;
      }
      if (T.Text == "=") {
        F.InExpr = true;
        F.ExpectOperand = true;
        F.Attr = F.Header.size() == 1 ? F.Header[0].Text : "";
        F.Header.clear();
        return;
      }
      if (T.Text == "{" && !F.Header.empty() && F.Header[0].K == Tok::Ident) {
        std::string Kind = F.Header[0].Text;
        F.Header.clear();
        Stack.push_back(Frame{true, Kind, false, false, {}, ""});
        return;
      }
      if (T.Text == "}") {
        closeFrame();
        return;
      }
      if (Open) {
        // `allow [ … ] on [ … ]`: a statement's expressions.
        F.InExpr = true;
        F.Header.clear();
        Stack.push_back(Frame{});
      }
      return;
    }
    // Reading an attribute's value.
    if (T.K != Tok::Punct) {
      if (F.ExpectOperand)
        F.ExpectOperand = false;
      else
        startItem(F, T);
      return;
    }
    if (Open) {
      Stack.push_back(Frame{});
      return;
    }
    if (T.Text == "}") {
      closeFrame();
      return;
    }
    if (T.Text != ")" && T.Text != "]")
      F.ExpectOperand = true; // an operator or `.`: the value goes on
  }
};

} // namespace

CompletionContext completionContextAt(llvm::StringRef Text, size_t Cursor) {
  CompletionContext Ctx;
  Text = Text.substr(0, Cursor);
  // The identifier being typed is the prefix, not a token.
  size_t WordStart = Text.size();
  while (WordStart > 0 && isIdentChar(Text[WordStart - 1]))
    --WordStart;
  Ctx.Prefix = Text.substr(WordStart).str();
  Scanner S(Text.substr(0, WordStart));
  if (!S.run())
    return Ctx; // inside a comment
  for (const Frame &F : S.Stack)
    if (F.IsBlock && !F.Kind.empty())
      Ctx.Blocks.push_back(F.Kind);
  const Frame &Top = S.Stack.back();
  if (S.OpenString) {
    if (Top.IsBlock && Top.InExpr && Top.ExpectOperand && !Top.Attr.empty()) {
      Ctx.At = CompletionContext::Where::Value;
      Ctx.Attr = Top.Attr;
      Ctx.InString = true;
      Ctx.Prefix = S.StringText + Ctx.Prefix;
    }
    return Ctx;
  }
  // `root.` right before the cursor (and not `a.b.`).
  size_t L = S.Last.size();
  if (L >= 2 && S.Last[L - 1].Text == "." && S.Last[L - 2].K == Tok::Ident &&
      (L < 3 || S.Last[L - 3].Text != ".") && !Text.substr(0, WordStart).endswith(" ")) {
    Ctx.At = CompletionContext::Where::Member;
    Ctx.Root = S.Last[L - 2].Text;
    return Ctx;
  }
  if (!Top.IsBlock)
    return Ctx;
  if (!Top.InExpr) {
    if (Top.Header.empty())
      Ctx.At = CompletionContext::Where::ItemStart;
    return Ctx;
  }
  if (Top.ExpectOperand && !Top.Attr.empty() && L >= 1 && S.Last[L - 1].Text == "=") {
    Ctx.At = CompletionContext::Where::Value;
    Ctx.Attr = Top.Attr;
    return Ctx;
  }
  if (!Top.ExpectOperand)
    Ctx.At = CompletionContext::Where::ItemStart;
  return Ctx;
}

} // namespace rtc::lsp
