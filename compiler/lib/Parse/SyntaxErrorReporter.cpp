//===- SyntaxErrorReporter.cpp - ANTLR errors in readable words -----------===//
#include "SyntaxErrorReporter.h"
#include "RtcLexer.h"
#include "RtcParser.h"

using rtc::antlrgen::RtcLexer;
using rtc::antlrgen::RtcParser;

namespace rtc {

namespace {

/// Spelling of fixed tokens as the user writes them.
std::string tokenSpelling(size_t Type) {
  switch (Type) {
  case RtcLexer::LBRACE: return "{";
  case RtcLexer::RBRACE: return "}";
  case RtcLexer::LBRACK: return "[";
  case RtcLexer::RBRACK: return "]";
  case RtcLexer::LPAREN: return "(";
  case RtcLexer::RPAREN: return ")";
  case RtcLexer::COMMA: return ",";
  case RtcLexer::DOT: return ".";
  case RtcLexer::QUESTION: return "?";
  case RtcLexer::COLON: return ":";
  case RtcLexer::ASSIGN: return "=";
  case RtcLexer::ON: return "on";
  case RtcLexer::QUOTE_CLOSE: return "\"";
  case RtcLexer::TEXT_BLOCK_CLOSE: return "\"\"\"";
  default: return "";
  }
}

bool isExpressionStart(size_t Type) {
  switch (Type) {
  case RtcLexer::NUMBER: case RtcLexer::TRUE_LIT: case RtcLexer::FALSE_LIT:
  case RtcLexer::NULL_LIT: case RtcLexer::QUOTE_OPEN:
  case RtcLexer::TEXT_BLOCK_OPEN: case RtcLexer::RAW_STRING:
  case RtcLexer::LBRACK: case RtcLexer::LBRACE: case RtcLexer::LPAREN:
  case RtcLexer::NOT: case RtcLexer::MINUS:
    return true;
  default:
    return false;
  }
}

/// Innermost rule context of one of the given kinds, walking outwards.
template <typename T> T *enclosing(antlr4::RuleContext *Ctx) {
  for (; Ctx; Ctx = dynamic_cast<antlr4::RuleContext *>(Ctx->parent))
    if (auto *Found = dynamic_cast<T *>(Ctx))
      return Found;
  return nullptr;
}

/// Type of the first token of the item being parsed (`let`, `allow`, an
/// identifier…), or 0 outside any item.
size_t itemKeyword(antlr4::RuleContext *Ctx) {
  auto *Item = enclosing<RtcParser::ItemContext>(Ctx);
  return Item && Item->start ? Item->start->getType() : 0;
}

/// The K-th default-channel token before Offending. (Not LT(-K): while the
/// parser predicts an alternative, the offending token lies ahead of the
/// stream position.)
antlr4::Token *previousToken(antlr4::Parser *P, antlr4::Token *Offending,
                             unsigned K = 1) {
  auto *Stream = dynamic_cast<antlr4::TokenStream *>(P->getInputStream());
  if (!Stream || !Offending)
    return nullptr;
  size_t I = Offending->getTokenIndex();
  if (I == static_cast<size_t>(-1))
    return nullptr;
  while (I > 0) {
    antlr4::Token *T = Stream->get(--I);
    if (T->getChannel() == antlr4::Token::DEFAULT_CHANNEL && --K == 0)
      return T;
  }
  return nullptr;
}

} // namespace

std::string SyntaxErrorReporter::describe(const antlr4::Token *T) {
  if (!T || T->getType() == antlr4::Token::EOF)
    return "end of file";
  std::string Text = T->getText();
  switch (T->getType()) {
  case RtcLexer::IDENT:
    return "identifier `" + Text + "`";
  case RtcLexer::NUMBER:
    return "number `" + Text + "`";
  case RtcLexer::QUOTE_OPEN: case RtcLexer::TEXT_BLOCK_OPEN:
  case RtcLexer::RAW_STRING: case RtcLexer::RAW_STRING_UNTERMINATED:
    return "a string";
  case RtcLexer::STRING_NEWLINE:
    return "end of line";
  case RtcLexer::IMPORT: case RtcLexer::AS: case RtcLexer::LET:
  case RtcLexer::ALLOW: case RtcLexer::DENY: case RtcLexer::ON:
  case RtcLexer::TRUE_LIT: case RtcLexer::FALSE_LIT: case RtcLexer::NULL_LIT:
    return "keyword `" + Text + "`";
  default:
    if (Text.size() > 20)
      Text = Text.substr(0, 20) + "…";
    return "`" + Text + "`";
  }
}

bool SyntaxErrorReporter::reportErrorCharacter(antlr4::Token *Offending) {
  if (Offending->getType() != RtcLexer::ERROR_CHAR)
    return false;
  std::string C = Offending->getText();
  llvm::SMRange R = Locator.range(Offending);
  if (C == ";")
    Diags.report(R, diag::err_unexpected_semicolon).fixit(R, "");
  else if (C == "'") {
    // 'text' gives two `'`; report the pair once.
    if (PendingQuoteLine == Offending->getLine()) {
      PendingQuoteLine = 0;
      return true;
    }
    PendingQuoteLine = Offending->getLine();
    Diags.report(R, diag::err_single_quote_string);
  }
  else if (C == "&")
    Diags.report(R, diag::err_did_you_mean_logical) << "&" << "&&";
  else if (C == "|")
    Diags.report(R, diag::err_did_you_mean_logical) << "|" << "||";
  else
    Diags.report(R, diag::err_unexpected_character) << C;
  return true;
}

bool SyntaxErrorReporter::reportUnclosed(antlr4::Parser *P,
                                         antlr4::Token *Offending,
                                         const antlr4::misc::IntervalSet &Expected) {
  antlr4::RuleContext *Ctx = P->getContext();
  llvm::SMRange At = Locator.range(Offending);
  if (Expected.contains(static_cast<size_t>(RtcLexer::RBRACE))) {
    // A string interpolation or map closes with `}` too; name the innermost.
    for (antlr4::RuleContext *C = Ctx; C;
         C = dynamic_cast<antlr4::RuleContext *>(C->parent)) {
      if (auto *B = dynamic_cast<RtcParser::BlockContext *>(C)) {
        if (!B->LBRACE())
          break;
        std::string Kind = B->ident() ? B->ident()->getText() : "block";
        Diags.report(At, diag::err_expected_close_brace)
                .note(Locator.range(B->LBRACE()->getSymbol()),
                      "block `" + Kind + "` opened here")
            << Kind << SourceLocator::lineCol(B->start);
        return true;
      }
      if (auto *M = dynamic_cast<RtcParser::MapLitContext *>(C)) {
        Diags.report(At, diag::err_unclosed_delimiter)
            << "`}`" << "map" << SourceLocator::lineCol(M->start);
        return true;
      }
      if (auto *S = dynamic_cast<RtcParser::StringPartContext *>(C)) {
        Diags.report(At, diag::err_unclosed_delimiter)
            << "`}`" << "interpolation `${`" << SourceLocator::lineCol(S->start);
        return true;
      }
      if (auto *S = dynamic_cast<RtcParser::BlockPartContext *>(C)) {
        Diags.report(At, diag::err_unclosed_delimiter)
            << "`}`" << "interpolation `${`" << SourceLocator::lineCol(S->start);
        return true;
      }
    }
  }
  if (Expected.contains(static_cast<size_t>(RtcLexer::RBRACK)))
    if (auto *L = enclosing<RtcParser::ListLitContext>(Ctx)) {
      Diags.report(At, diag::err_unclosed_delimiter)
          << "`,` or `]`" << "list" << SourceLocator::lineCol(L->start);
      return true;
    }
  if (Expected.contains(static_cast<size_t>(RtcLexer::RPAREN))) {
    if (auto *Call = enclosing<RtcParser::CallExprContext>(Ctx)) {
      Diags.report(At, diag::err_unclosed_delimiter)
          << "`,` or `)`" << "call to `" + Call->ident()->getText() + "`"
          << SourceLocator::lineCol(Call->start);
      return true;
    }
    if (auto *Paren = enclosing<RtcParser::ParenExprContext>(Ctx)) {
      Diags.report(At, diag::err_unclosed_delimiter)
          << "`)`" << "parenthesis" << SourceLocator::lineCol(Paren->start);
      return true;
    }
  }
  if (Expected.contains(static_cast<size_t>(RtcLexer::TEXT_BLOCK_CLOSE))) {
    Diags.report(At, diag::err_unterminated_text_block);
    return true;
  }
  if (Expected.contains(static_cast<size_t>(RtcLexer::QUOTE_CLOSE))) {
    Diags.report(At, diag::err_unterminated_string);
    return true;
  }
  return false;
}

bool SyntaxErrorReporter::reportMissingValue(antlr4::Parser *P,
                                             antlr4::Token *Offending) {
  // `a =` + newline + `b = 2`: newlines do not end an attribute, so `b` was
  // read as the value of `a` and the error surfaces at the second `=`. Point
  // at the `=` that really lacks its value.
  if (Offending->getType() != RtcLexer::ASSIGN)
    return false;
  antlr4::Token *Name = previousToken(P, Offending, 1);
  antlr4::Token *Eq = previousToken(P, Offending, 2);
  if (!Name || !Eq || Eq->getType() != RtcLexer::ASSIGN ||
      Name->getLine() == Eq->getLine())
    return false;
  switch (Name->getType()) {
  case RtcLexer::IDENT: case RtcLexer::IMPORT: case RtcLexer::AS:
  case RtcLexer::LET: case RtcLexer::ALLOW: case RtcLexer::DENY:
  case RtcLexer::ON:
    break;
  default:
    return false;
  }
  llvm::SMRange R = Locator.range(Eq);
  Diags.report(llvm::SMRange(R.End, R.End), diag::err_missing_value)
      << Name->getText() << std::to_string(Name->getLine());
  return true;
}

void SyntaxErrorReporter::reportExpected(antlr4::Parser *P,
                                         antlr4::Token *Offending,
                                         const antlr4::misc::IntervalSet &Expected) {
  llvm::SMRange At = Locator.range(Offending);
  antlr4::RuleContext *Ctx = P->getContext();
  std::string Found = describe(Offending);

  if (reportMissingValue(P, Offending))
    return;

  // `[1,,2]`, `f(,)`: a comma where an element should be.
  if (Offending->getType() == RtcLexer::COMMA) {
    antlr4::Token *Prev = previousToken(P, Offending);
    if (Prev && (Prev->getType() == RtcLexer::COMMA ||
                 Prev->getType() == RtcLexer::LBRACK ||
                 Prev->getType() == RtcLexer::LPAREN)) {
      Diags.report(At, diag::err_expected_expression) << Prev->getText() << Found;
      return;
    }
  }

  // Items introduced by a keyword say what must follow the keyword.
  size_t Keyword = itemKeyword(Ctx);
  antlr4::Token *Prev = previousToken(P, Offending);
  if (Keyword == RtcLexer::LET && Prev && Prev->getType() != RtcLexer::ASSIGN &&
      !Expected.contains(static_cast<size_t>(RtcLexer::LBRACE))) {
    Diags.report(At, diag::err_expected_token)
        << (Prev->getType() == RtcLexer::LET ? std::string("a name after `let`")
                                             : "`=` after `let " + Prev->getText() + "`")
        << Found;
    return;
  }
  if (Keyword == RtcLexer::IMPORT && Prev && Prev->getType() == RtcLexer::IMPORT) {
    Diags.report(At, diag::err_expected_token)
        << "the path to import as a string (`import \"file.rtc\"`)" << Found;
    return;
  }
  // `import "x" as 1`: the alias is missing. (The parser may still be
  // deciding whether `as` starts a new item, so the context is not reliable.)
  antlr4::Token *BeforePrev = previousToken(P, Offending, 2);
  if (Prev && Prev->getType() == RtcLexer::AS && BeforePrev &&
      (BeforePrev->getType() == RtcLexer::QUOTE_CLOSE ||
       BeforePrev->getType() == RtcLexer::RAW_STRING ||
       BeforePrev->getType() == RtcLexer::TEXT_BLOCK_CLOSE)) {
    Diags.report(At, diag::err_expected_token) << "a name after `as`" << Found;
    return;
  }

  // After `kind label`, only `{` (a block) or `=` (an attribute) can follow.
  if (auto *B = dynamic_cast<RtcParser::BlockContext *>(Ctx);
      B && !B->LBRACE() && Expected.contains(static_cast<size_t>(RtcLexer::LBRACE))) {
    std::string Kind = B->ident() ? B->ident()->getText() : "";
    if (B->label().empty())
      Diags.report(At, diag::err_expected_token)
          << "`=` (an attribute) or `{` (a block) after `" + Kind + "`" << Found;
    else
      Diags.report(At, diag::err_label_expected) << Kind << Found;
    return;
  }

  bool WantsExpression = false;
  for (size_t T : Expected.toList())
    if (isExpressionStart(static_cast<size_t>(T)))
      WantsExpression = true;
  if (WantsExpression) {
    std::string After = Prev ? Prev->getText() : "";
    Diags.report(At, diag::err_expected_expression) << After << Found;
    return;
  }

  if (Expected.contains(static_cast<size_t>(RtcLexer::IDENT)) && enclosing<RtcParser::ItemContext>(Ctx) == nullptr &&
      (dynamic_cast<RtcParser::FileContext *>(Ctx) || dynamic_cast<RtcParser::BlockContext *>(Ctx))) {
    Diags.report(At, diag::err_expected_item) << Found;
    return;
  }

  std::vector<std::string> Names;
  bool Ident = Expected.contains(static_cast<size_t>(RtcLexer::IDENT));
  // `on` is a keyword that may also be a name; only name it where a policy
  // statement is being parsed.
  bool InRule = Keyword == RtcLexer::ALLOW || Keyword == RtcLexer::DENY;
  for (ssize_t T : Expected.toList()) {
    if (T == RtcLexer::IDENT || (T == RtcLexer::ON && Ident && !InRule))
      continue;
    std::string S = tokenSpelling(static_cast<size_t>(T));
    if (!S.empty())
      Names.push_back("`" + S + "`");
  }
  if (Ident)
    Names.push_back("a name");
  std::string What;
  for (size_t I = 0; I < Names.size() && I < 4; ++I) {
    if (I)
      What += (I + 1 == Names.size() || I == 3) ? " or " : ", ";
    What += Names[I];
  }
  // ANTLR sometimes computes the expected set in a state where the token it
  // rejects is itself allowed; "expected `,`, found `,`" helps nobody.
  if (What.empty() || Expected.contains(Offending->getType())) {
    Diags.report(At, diag::err_unexpected_token) << Found;
    return;
  }
  Diags.report(At, diag::err_expected_token) << What << Found;
}

void SyntaxErrorReporter::syntaxError(antlr4::Recognizer *Recognizer,
                                      antlr4::Token *Offending, size_t,
                                      size_t, const std::string &,
                                      std::exception_ptr) {
  auto *P = dynamic_cast<antlr4::Parser *>(Recognizer);
  if (!P || !Offending)
    return;
  // One diagnostic per offending token: recovery may re-report it.
  ssize_t Index = static_cast<ssize_t>(Offending->getTokenIndex());
  if (Index == LastTokenIndex)
    return;
  LastTokenIndex = Index;
  ++Count;

  if (reportErrorCharacter(Offending))
    return;
  antlr4::misc::IntervalSet Expected = P->getExpectedTokens();
  if (Offending->getType() == antlr4::Token::EOF ||
      Offending->getType() == RtcLexer::STRING_NEWLINE) {
    if (reportUnclosed(P, Offending, Expected))
      return;
  } else if ((Offending->getType() == RtcLexer::QUOTE_OPEN ||
              Offending->getType() == RtcLexer::TEXT_BLOCK_OPEN) &&
             Expected.contains(static_cast<size_t>(RtcLexer::RBRACE)) &&
             (enclosing<RtcParser::StringPartContext>(P->getContext()) ||
              enclosing<RtcParser::BlockPartContext>(P->getContext()))) {
    // `"${x"`: the closing quote opens a new string inside the interpolation.
    if (reportUnclosed(P, Offending, Expected))
      return;
  } else if (Offending->getType() == RtcLexer::RBRACE ||
             Offending->getType() == RtcLexer::IDENT) {
    // `}` or the next item where a list/call/paren should have closed.
    if (!Expected.contains(static_cast<size_t>(RtcLexer::RBRACE)) && reportUnclosed(P, Offending, Expected))
      return;
  }
  reportExpected(P, Offending, Expected);
}

} // namespace rtc
