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

void SyntaxErrorReporter::reportExpected(antlr4::Parser *P,
                                         antlr4::Token *Offending,
                                         const antlr4::misc::IntervalSet &Expected) {
  llvm::SMRange At = Locator.range(Offending);
  antlr4::RuleContext *Ctx = P->getContext();
  std::string Found = describe(Offending);

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
    antlr4::Token *Prev = nullptr;
    if (auto *Stream = dynamic_cast<antlr4::TokenStream *>(P->getInputStream()))
      Prev = Stream->LT(-1);
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
  bool Ident = false;
  for (ssize_t T : Expected.toList()) {
    if (T == RtcLexer::IDENT) {
      Ident = true;
      continue;
    }
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
  if (What.empty()) {
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
  } else if (Offending->getType() == RtcLexer::RBRACE ||
             Offending->getType() == RtcLexer::IDENT) {
    // `}` or the next item where a list/call/paren should have closed.
    if (!Expected.contains(static_cast<size_t>(RtcLexer::RBRACE)) && reportUnclosed(P, Offending, Expected))
      return;
  }
  reportExpected(P, Offending, Expected);
}

} // namespace rtc
