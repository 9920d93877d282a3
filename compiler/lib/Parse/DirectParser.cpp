//===- DirectParser.cpp - valid input straight to the AST -----------------===//
//
// Mirrors grammar/RtcParser.g4 rule by rule; each function names its rule.
// Expression precedence follows ANTLR's rewriting of the left-recursive
// `expr` rule: an alternative listed earlier binds tighter, binary operators
// are left-associative, `?:` is right-associative, and postfix `.name` and
// `[index]` bind tighter than prefix `!` and `-`.
//
// Ranges match SourceLocator's for the corresponding parse-tree node: from
// the first byte of the node's first token to the end of its last token.
//
//===----------------------------------------------------------------------===//
#include "DirectParser.h"
#include "FastLexer.h"
#include "RtcLexer.h"
#include "StringLiterals.h"
#include <cstdlib>

using namespace rtc::ast;
using L = rtc::antlrgen::RtcLexer;

namespace rtc {

namespace {

using Tok = FastLexer::RawToken;

/// Thrown at the first token the parser does not accept; parseDirect
/// catches it and reports failure.
struct GiveUp {};

/// Precedence levels as ANTLR numbers the alternatives of `expr`.
enum Prec : unsigned {
  PrecCond = 1,
  PrecOr,
  PrecAnd,
  PrecEq,
  PrecCmp,
  PrecAdd,
  PrecMul,
  PrecUnary,
  PrecIndex,
  PrecGetAttr
};

unsigned binaryPrec(uint32_t Type) {
  switch (Type) {
  case L::STAR: case L::SLASH: case L::PERCENT: return PrecMul;
  case L::PLUS: case L::MINUS: return PrecAdd;
  case L::LT: case L::LE: case L::GT: case L::GE: return PrecCmp;
  case L::EQ: case L::NEQ: return PrecEq;
  case L::AND: return PrecAnd;
  case L::OR: return PrecOr;
  default: return 0;
  }
}

/// `ident : IDENT | IMPORT | AS | LET | ALLOW | DENY | ON;`
bool isIdent(uint32_t Type) {
  return Type == L::IDENT || Type == L::IMPORT || Type == L::AS ||
         Type == L::LET || Type == L::ALLOW || Type == L::DENY || Type == L::ON;
}

bool startsString(uint32_t Type) {
  return Type == L::QUOTE_OPEN || Type == L::TEXT_BLOCK_OPEN ||
         Type == L::RAW_STRING;
}

llvm::SMLoc loc(const char *P) { return llvm::SMLoc::getFromPointer(P); }

class Parser {
public:
  explicit Parser(const std::vector<Tok> &Toks) : Toks(Toks) {}

  std::vector<ItemPtr> file() {
    std::vector<ItemPtr> Items;
    while (peek().Type != static_cast<uint32_t>(antlr4::Token::EOF))
      Items.push_back(item());
    return Items;
  }

private:
  const Tok &peek(size_t K = 0) const {
    size_t I = Pos + K;
    return I < Toks.size() ? Toks[I] : Toks.back(); // the last is EOF
  }
  const Tok &take() {
    const Tok &T = Toks[Pos];
    if (Pos + 1 < Toks.size())
      ++Pos;
    PrevEnd = T.End;
    return T;
  }
  const Tok &expect(uint32_t Type) {
    if (peek().Type != Type)
      throw GiveUp();
    return take();
  }
  static llvm::StringRef text(const Tok &T) {
    return llvm::StringRef(T.Begin, static_cast<size_t>(T.End - T.Begin));
  }
  static llvm::SMRange range(const Tok &T) { return {loc(T.Begin), loc(T.End)}; }
  /// From Start to the end of the last token taken.
  llvm::SMRange rangeFrom(const char *Start) const { return {loc(Start), loc(PrevEnd)}; }

  Ident ident() {
    if (!isIdent(peek().Type))
      throw GiveUp();
    const Tok &T = take();
    return {text(T).str(), range(T)};
  }

  // item : importDecl | letDecl | block | attribute | rule_ ;
  // Decided on two or three tokens; where that is not enough for ANTLR's
  // choice to be obvious, give up.
  ItemPtr item() {
    uint32_t A = peek().Type, B = peek(1).Type;
    switch (A) {
    case L::LET:
      if (B == L::ASSIGN)
        return attribute();
      if (isIdent(B) && peek(2).Type == L::ASSIGN)
        return letDecl();
      throw GiveUp();
    case L::ALLOW:
    case L::DENY:
      if (B == L::ASSIGN)
        return attribute();
      if (B == L::LBRACK)
        return rule();
      throw GiveUp();
    case L::IDENT:
    case L::AS:
    case L::ON:
      if (B == L::ASSIGN)
        return attribute();
      if (isIdent(B) || startsString(B) || B == L::LBRACE)
        return block();
      throw GiveUp();
    default: // IMPORT (an import or a block named `import`), errors
      throw GiveUp();
    }
  }

  // attribute : ident ASSIGN expr;
  ItemPtr attribute() {
    const char *Start = peek().Begin;
    Ident Name = ident();
    expect(L::ASSIGN);
    ExprPtr Value = expr(0);
    return std::make_unique<Attribute>(rangeFrom(Start), std::move(Name), std::move(Value));
  }

  // letDecl : LET ident ASSIGN expr;
  ItemPtr letDecl() {
    const char *Start = take().Begin;
    Ident Name = ident();
    expect(L::ASSIGN);
    ExprPtr Value = expr(0);
    return std::make_unique<LetDecl>(rangeFrom(Start), std::move(Name), std::move(Value));
  }

  // rule_ : effect=(ALLOW | DENY) expr ON expr;
  ItemPtr rule() {
    const Tok &Effect = take();
    auto Eff = Effect.Type == L::DENY ? RuleStmt::Effect::Deny : RuleStmt::Effect::Allow;
    ExprPtr Actions = expr(0);
    expect(L::ON);
    ExprPtr Resources = expr(0);
    return std::make_unique<RuleStmt>(rangeFrom(Effect.Begin), Eff, std::move(Actions),
                                      std::move(Resources));
  }

  // block : ident label* LBRACE item* RBRACE;
  // label : ident | str;
  ItemPtr block() {
    const char *Start = peek().Begin;
    auto B = std::make_unique<Block>(llvm::SMRange(), ident());
    for (;;) {
      uint32_t T = peek().Type;
      Label Lab;
      if (isIdent(T)) {
        const Tok &Name = take();
        Lab.Value = text(Name).str();
        Lab.Range = range(Name);
      } else if (startsString(T)) {
        const char *LabelStart = peek().Begin;
        ExprPtr S = str();
        Lab.Quoted = true;
        Lab.Value = llvm::cast<StringExpr>(*S).literalValue();
        Lab.Range = rangeFrom(LabelStart);
      } else {
        break;
      }
      B->Labels.push_back(std::move(Lab));
    }
    B->OpenBrace = loc(expect(L::LBRACE).Begin);
    while (peek().Type != L::RBRACE)
      B->Body.push_back(item()); // gives up at EOF
    B->CloseBrace = loc(take().Begin);
    B->Range = rangeFrom(Start);
    return B;
  }

  // expr, by precedence climbing (see the file comment).
  ExprPtr expr(unsigned MinPrec) {
    const char *Start = peek().Begin;
    ExprPtr E;
    uint32_t T = peek().Type;
    if (T == L::NOT || T == L::MINUS) {
      // unaryExpr : op=(NOT | MINUS) expr
      std::string Op = text(take()).str();
      ExprPtr Operand = expr(PrecUnary);
      E = std::make_unique<UnaryExpr>(rangeFrom(Start), std::move(Op), std::move(Operand));
    } else {
      E = primary();
    }
    for (;;) {
      T = peek().Type;
      if (T == L::DOT && PrecGetAttr >= MinPrec) {
        take();
        Ident Attr = ident();
        E = std::make_unique<GetAttrExpr>(rangeFrom(Start), std::move(E), std::move(Attr));
      } else if (T == L::LBRACK && PrecIndex >= MinPrec) {
        take();
        ExprPtr Index = expr(0);
        expect(L::RBRACK);
        E = std::make_unique<IndexExpr>(rangeFrom(Start), std::move(E), std::move(Index));
      } else if (unsigned P = binaryPrec(T); P && P >= MinPrec) {
        const Tok &Op = take();
        ExprPtr Rhs = expr(P + 1);
        auto Bin = std::make_unique<BinaryExpr>(rangeFrom(Start), text(Op).str(),
                                                std::move(E), std::move(Rhs));
        Bin->OpRange = range(Op);
        E = std::move(Bin);
      } else if (T == L::QUESTION && PrecCond >= MinPrec) {
        // <assoc=right> expr QUESTION expr COLON expr
        take();
        ExprPtr Then = expr(0);
        expect(L::COLON);
        ExprPtr Else = expr(PrecCond);
        E = std::make_unique<CondExpr>(rangeFrom(Start), std::move(E), std::move(Then),
                                       std::move(Else));
      } else {
        return E;
      }
    }
  }

  /// `expr (COMMA expr)* COMMA?` up to Close (already past the opener).
  void exprList(uint32_t Close, std::vector<ExprPtr> &Out) {
    while (peek().Type != Close) {
      Out.push_back(expr(0));
      if (peek().Type != L::COMMA)
        break;
      take();
    }
    expect(Close);
  }

  ExprPtr primary() {
    const Tok &First = peek();
    const char *Start = First.Begin;
    switch (First.Type) {
    case L::NUMBER: {
      take();
      std::string Text = text(First).str();
      double V = std::strtod(Text.c_str(), nullptr);
      return std::make_unique<NumberExpr>(range(First), std::move(Text), V);
    }
    case L::TRUE_LIT:
    case L::FALSE_LIT:
      take();
      return std::make_unique<BoolExpr>(range(First), First.Type == L::TRUE_LIT);
    case L::NULL_LIT:
      take();
      return std::make_unique<NullExpr>(range(First));
    case L::QUOTE_OPEN:
    case L::TEXT_BLOCK_OPEN:
    case L::RAW_STRING:
      return str();
    case L::LBRACK: {
      take();
      auto List = std::make_unique<ListExpr>(llvm::SMRange());
      exprList(L::RBRACK, List->Elements);
      List->Range = rangeFrom(Start);
      return List;
    }
    case L::LBRACE:
      return map();
    case L::LPAREN: {
      take();
      ExprPtr Inner = expr(0);
      expect(L::RPAREN);
      return std::make_unique<ParenExpr>(rangeFrom(Start), std::move(Inner));
    }
    default:
      break;
    }
    if (!isIdent(First.Type))
      throw GiveUp();
    if (peek(1).Type == L::LPAREN) {
      // callExpr : ident LPAREN (expr (COMMA expr)* COMMA?)? RPAREN
      auto Call = std::make_unique<CallExpr>(llvm::SMRange(), ident());
      take();
      exprList(L::RPAREN, Call->Args);
      Call->Range = rangeFrom(Start);
      return Call;
    }
    take();
    return std::make_unique<NameExpr>(range(First), text(First).str());
  }

  // mapLit : LBRACE (mapEntry (COMMA? mapEntry)* COMMA?)? RBRACE
  // mapEntry : key=mapKey (ASSIGN | COLON) expr;  mapKey : ident | str;
  ExprPtr map() {
    const char *Start = take().Begin;
    auto M = std::make_unique<MapExpr>(llvm::SMRange());
    while (peek().Type != L::RBRACE) {
      MapEntry Entry;
      const char *EntryStart = peek().Begin;
      uint32_t T = peek().Type;
      if (isIdent(T))
        Entry.KeyIdent = ident();
      else if (startsString(T))
        Entry.KeyString = str();
      else
        throw GiveUp();
      T = peek().Type;
      if (T != L::ASSIGN && T != L::COLON)
        throw GiveUp();
      take();
      Entry.UsesColon = T == L::COLON;
      Entry.Value = expr(0);
      Entry.Range = rangeFrom(EntryStart);
      M->Entries.push_back(std::move(Entry));
      if (peek().Type == L::COMMA)
        take();
    }
    take();
    M->Range = rangeFrom(Start);
    return M;
  }

  // str : quotedString | textBlock | rawString
  ExprPtr str() {
    switch (peek().Type) {
    case L::QUOTE_OPEN: return quoted();
    case L::TEXT_BLOCK_OPEN: return textBlock();
    case L::RAW_STRING: {
      const Tok &T = take();
      auto S = std::make_unique<StringExpr>(range(T), StringExpr::Style::Raw);
      StringPart Part;
      Part.Range = range(T);
      llvm::StringRef Text = text(T);
      Part.Text = Text.size() >= 2 ? Text.substr(1, Text.size() - 2).str() : "";
      S->Parts.push_back(std::move(Part));
      return S;
    }
    default: // RAW_STRING_UNTERMINATED and errors
      throw GiveUp();
    }
  }

  /// `${ expr }` after its STRING_INTERP / TB_INTERP token.
  StringPart interpolation() {
    StringPart Part;
    const char *Start = take().Begin;
    Part.Interp = expr(0);
    expect(L::RBRACE);
    Part.Range = rangeFrom(Start);
    return Part;
  }

  // quotedString : QUOTE_OPEN stringPart* (QUOTE_CLOSE | STRING_NEWLINE)
  ExprPtr quoted() {
    const char *Start = take().Begin;
    auto S = std::make_unique<StringExpr>(llvm::SMRange(), StringExpr::Style::Quoted);
    for (;;) {
      const Tok &T = peek();
      StringPart Out;
      switch (T.Type) {
      case L::QUOTE_CLOSE:
        take();
        S->Range = rangeFrom(Start);
        return S;
      case L::STRING_INTERP:
        Out = interpolation();
        break;
      case L::STRING_TEXT:
      case L::STRING_DOLLAR:
        take();
        Out.Text = text(T).str();
        Out.Range = range(T);
        break;
      case L::STRING_ESCAPE:
        take();
        Out.Text = decodeValidEscape(text(T));
        Out.Range = range(T);
        break;
      case L::STRING_DOLLAR_ESC:
        take();
        Out.Text = "${";
        Out.Range = range(T);
        break;
      default: // STRING_NEWLINE (unterminated), bad escapes, EOF
        throw GiveUp();
      }
      // Merge adjacent literal pieces, as AstBuilder::buildQuoted does.
      if (!Out.Interp && !S->Parts.empty() && !S->Parts.back().Interp) {
        S->Parts.back().Text += Out.Text;
        S->Parts.back().Range.End = Out.Range.End;
        continue;
      }
      S->Parts.push_back(std::move(Out));
    }
  }

  // textBlock : TEXT_BLOCK_OPEN blockPart* TEXT_BLOCK_CLOSE
  // The same layout rules as AstBuilder::buildTextBlock.
  ExprPtr textBlock() {
    const char *Start = peek().Begin;
    // The close is needed first: the indentation depends on every line.
    // Interpolations may hold text blocks of their own.
    size_t Close = Pos + 1;
    for (unsigned Depth = 1;; ++Close) {
      if (Close >= Toks.size())
        throw GiveUp();
      uint32_t T = Toks[Close].Type;
      if (T == static_cast<uint32_t>(antlr4::Token::EOF))
        throw GiveUp();
      if (T == L::TEXT_BLOCK_OPEN)
        ++Depth;
      else if (T == L::TEXT_BLOCK_CLOSE && --Depth == 0)
        break;
    }
    llvm::SMRange Whole(loc(Start), loc(Toks[Close].End));
    size_t Indent = textBlockIndent(
        llvm::StringRef(Start, static_cast<size_t>(Toks[Close].End - Start)), true);
    take();
    auto S = std::make_unique<StringExpr>(Whole, StringExpr::Style::TextBlock);
    std::string Text;
    auto Flush = [&](llvm::SMRange R) {
      if (Text.empty())
        return;
      StringPart Part;
      Part.Text = std::move(Text);
      Part.Range = R;
      S->Parts.push_back(std::move(Part));
      Text.clear();
    };
    bool AtLineStart = false;
    size_t Dropped = 0;
    for (;;) {
      const Tok &T = peek();
      switch (T.Type) {
      case L::TEXT_BLOCK_CLOSE:
        take();
        Flush(Whole);
        trimTextBlockEnds(*S);
        return S;
      case L::TB_INTERP: {
        StringPart Interp = interpolation();
        Flush(Interp.Range);
        S->Parts.push_back(std::move(Interp));
        AtLineStart = false;
        continue;
      }
      case L::TB_ESCAPE:
        take();
        Text += decodeValidEscape(text(T));
        AtLineStart = false;
        continue;
      case L::TB_DOLLAR_ESC:
        take();
        Text += "${";
        AtLineStart = false;
        continue;
      case L::TB_TEXT:
      case L::TB_DOLLAR:
      case L::TB_QUOTE:
        take();
        for (char C : text(T)) {
          if (C == '\n') {
            Text += C;
            AtLineStart = true;
            Dropped = 0;
            continue;
          }
          if (AtLineStart && (C == ' ' || C == '\t') && Dropped < Indent) {
            ++Dropped;
            continue;
          }
          AtLineStart = false;
          Text += C;
        }
        continue;
      default:
        throw GiveUp();
      }
    }
  }

  const std::vector<Tok> &Toks;
  size_t Pos = 0;
  const char *PrevEnd = nullptr;
};

} // namespace

bool parseDirect(std::vector<FastLexer::RawToken> &&All, ast::File &Out) {
  // Comments go to the file; everything else on the default channel is
  // parsed (WS is skipped by the lexer).
  std::vector<Tok> Toks;
  Toks.reserve(All.size());
  std::vector<Comment> Comments;
  for (const Tok &T : All) {
    if (T.Channel != L::COMMENTS) {
      Toks.push_back(T);
      continue;
    }
    if (T.Type == L::BLOCK_COMMENT_UNTERMINATED)
      return false;
    Comment C;
    C.Range = {loc(T.Begin), loc(T.End)};
    C.Text.assign(T.Begin, T.End);
    C.IsBlock = T.Type != L::LINE_COMMENT;
    Comments.push_back(std::move(C));
  }
  std::vector<Tok>().swap(All);
  try {
    Parser P(Toks);
    Out.Items = P.file();
  } catch (GiveUp &) {
    Out.Items.clear();
    Out.Comments.clear();
    return false;
  }
  Out.Comments = std::move(Comments);
  return true;
}

bool parseDirect(llvm::StringRef Text, ast::File &Out) {
  FastLexer Lexer(Text.begin(), Text.end());
  std::vector<Tok> All;
  Lexer.lexAll(All);
  if (!Lexer.recognitionErrors().empty())
    return false;
  return parseDirect(std::move(All), Out);
}

} // namespace rtc
