//===- AstBuilder.h - ANTLR parse tree to rtc::ast ---------------*- C++ -*-===//
//
// Walks the parse tree once and builds the project's own AST, decoding string
// escapes, stripping text-block indentation and reporting the lexical errors
// that the grammar accepts on purpose (bad escapes, unterminated strings).
// Tolerates the partial trees left by error recovery. Private to the parse
// library.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_LIB_PARSE_ASTBUILDER_H
#define RTC_LIB_PARSE_ASTBUILDER_H

#include "RtcParser.h"
#include "SourceLocator.h"
#include "rtc/AST/AST.h"
#include "rtc/Diag/DiagnosticsEngine.h"

namespace rtc {

class AstBuilder {
public:
  AstBuilder(DiagnosticsEngine &Diags, const SourceLocator &Locator)
      : Diags(Diags), Locator(Locator) {}

  std::vector<ast::ItemPtr> buildItems(antlrgen::RtcParser::FileContext *File);

private:
  using P = antlrgen::RtcParser;
  ast::ItemPtr buildItem(P::ItemContext *Ctx);
  ast::ItemPtr buildBlock(P::BlockContext *Ctx);
  ast::Ident buildIdent(P::IdentContext *Ctx, antlr4::ParserRuleContext *Owner);
  ast::ExprPtr buildExpr(P::ExprContext *Ctx, antlr4::ParserRuleContext *Owner);
  ast::ExprPtr buildPrimary(P::PrimaryContext *Ctx);
  ast::ExprPtr buildString(P::StrContext *Ctx);
  ast::ExprPtr buildQuoted(P::QuotedStringContext *Ctx);
  ast::ExprPtr buildTextBlock(P::TextBlockContext *Ctx);
  ast::ExprPtr buildRaw(P::RawStringContext *Ctx);
  ast::ExprPtr errorAt(antlr4::ParserRuleContext *Ctx);
  /// Decodes one escape token's text; reports invalid ones.
  std::string decodeEscape(antlr4::Token *T);
  /// True when an error was already reported inside R.
  bool errorReportedWithin(llvm::SMRange R) const;

  DiagnosticsEngine &Diags;
  const SourceLocator &Locator;
};

} // namespace rtc

#endif
