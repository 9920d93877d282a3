//===- AstBuilder.cpp - ANTLR parse tree to rtc::ast -----------------------===//
#include "AstBuilder.h"
#include "RtcLexer.h"
#include "StringLiterals.h"
#include <cstdlib>

using namespace rtc::ast;
using rtc::antlrgen::RtcLexer;

namespace rtc {

std::vector<ItemPtr> AstBuilder::buildItems(P::FileContext *File) {
  std::vector<ItemPtr> Items;
  if (!File)
    return Items;
  for (P::ItemContext *I : File->item())
    if (ItemPtr Item = buildItem(I))
      Items.push_back(std::move(Item));
  return Items;
}

Ident AstBuilder::buildIdent(P::IdentContext *Ctx, antlr4::ParserRuleContext *Owner) {
  if (!Ctx || !Ctx->start)
    return {"", Locator.range(Owner)};
  return {Ctx->getText(), Locator.range(Ctx)};
}

ExprPtr AstBuilder::errorAt(antlr4::ParserRuleContext *Ctx) {
  return std::make_unique<ErrorExpr>(Locator.range(Ctx));
}

ItemPtr AstBuilder::buildItem(P::ItemContext *Ctx) {
  if (!Ctx)
    return nullptr;
  llvm::SMRange R = Locator.range(Ctx);
  if (auto *A = Ctx->attribute())
    return std::make_unique<Attribute>(R, buildIdent(A->ident(), A),
                                       buildExpr(A->expr(), A));
  if (auto *B = Ctx->block())
    return buildBlock(B);
  if (auto *L = Ctx->letDecl())
    return std::make_unique<LetDecl>(R, buildIdent(L->ident(), L),
                                     buildExpr(L->expr(), L));
  if (auto *I = Ctx->importDecl()) {
    ExprPtr Path = I->str() ? buildString(I->str()) : errorAt(I);
    auto Import = std::make_unique<ImportDecl>(R, std::move(Path));
    if (I->AS())
      Import->Alias = buildIdent(I->ident(), I);
    return Import;
  }
  if (auto *Rule = Ctx->rule_()) {
    auto Eff = Rule->effect && Rule->effect->getType() == RtcLexer::DENY
                   ? RuleStmt::Effect::Deny
                   : RuleStmt::Effect::Allow;
    return std::make_unique<RuleStmt>(R, Eff, buildExpr(Rule->expr(0), Rule),
                                      buildExpr(Rule->expr(1), Rule));
  }
  return nullptr;
}

ItemPtr AstBuilder::buildBlock(P::BlockContext *Ctx) {
  auto B = std::make_unique<Block>(Locator.range(Ctx), buildIdent(Ctx->ident(), Ctx));
  for (P::LabelContext *L : Ctx->label()) {
    Label Lab;
    Lab.Range = Locator.range(L);
    if (L->ident()) {
      Lab.Value = L->ident()->getText();
    } else if (L->str()) {
      Lab.Quoted = true;
      ExprPtr S = buildString(L->str());
      if (auto *SE = llvm::dyn_cast<StringExpr>(S.get()))
        Lab.Value = SE->literalValue();
    }
    B->Labels.push_back(std::move(Lab));
  }
  if (Ctx->LBRACE())
    B->OpenBrace = Locator.loc(Ctx->LBRACE()->getSymbol()->getStartIndex());
  if (Ctx->RBRACE() && Ctx->RBRACE()->getSymbol()->getTokenIndex() != static_cast<size_t>(-1))
    B->CloseBrace = Locator.loc(Ctx->RBRACE()->getSymbol()->getStartIndex());
  for (P::ItemContext *I : Ctx->item())
    if (ItemPtr Item = buildItem(I))
      B->Body.push_back(std::move(Item));
  return B;
}

ExprPtr AstBuilder::buildExpr(P::ExprContext *Ctx, antlr4::ParserRuleContext *Owner) {
  if (!Ctx || !Ctx->start || Ctx->exception)
    return errorAt(Ctx ? Ctx : Owner);
  llvm::SMRange R = Locator.range(Ctx);
  if (auto *E = dynamic_cast<P::PrimaryExprContext *>(Ctx))
    return E->primary() ? buildPrimary(E->primary()) : errorAt(Ctx);
  if (auto *E = dynamic_cast<P::GetAttrExprContext *>(Ctx))
    return std::make_unique<GetAttrExpr>(R, buildExpr(E->expr(), E),
                                         buildIdent(E->ident(), E));
  if (auto *E = dynamic_cast<P::IndexExprContext *>(Ctx))
    return std::make_unique<IndexExpr>(R, buildExpr(E->expr(0), E),
                                       buildExpr(E->expr(1), E));
  if (auto *E = dynamic_cast<P::UnaryExprContext *>(Ctx))
    return std::make_unique<UnaryExpr>(R, E->op ? E->op->getText() : "!",
                                       buildExpr(E->expr(), E));
  if (auto *E = dynamic_cast<P::BinaryExprContext *>(Ctx)) {
    auto Bin = std::make_unique<BinaryExpr>(R, E->op ? E->op->getText() : "?",
                                            buildExpr(E->expr(0), E),
                                            buildExpr(E->expr(1), E));
    if (E->op)
      Bin->OpRange = Locator.range(E->op);
    return Bin;
  }
  if (auto *E = dynamic_cast<P::CondExprContext *>(Ctx))
    return std::make_unique<CondExpr>(R, buildExpr(E->expr(0), E),
                                      buildExpr(E->expr(1), E),
                                      buildExpr(E->expr(2), E));
  return errorAt(Ctx);
}

ExprPtr AstBuilder::buildPrimary(P::PrimaryContext *Ctx) {
  llvm::SMRange R = Locator.range(Ctx);
  if (auto *E = dynamic_cast<P::NumberLitContext *>(Ctx)) {
    std::string Text = E->getText();
    return std::make_unique<NumberExpr>(R, Text, std::strtod(Text.c_str(), nullptr));
  }
  if (auto *E = dynamic_cast<P::BoolLitContext *>(Ctx))
    return std::make_unique<BoolExpr>(R, E->TRUE_LIT() != nullptr);
  if (dynamic_cast<P::NullLitContext *>(Ctx))
    return std::make_unique<NullExpr>(R);
  if (auto *E = dynamic_cast<P::StringLitContext *>(Ctx))
    return E->str() ? buildString(E->str()) : errorAt(Ctx);
  if (auto *E = dynamic_cast<P::ListLitContext *>(Ctx)) {
    auto L = std::make_unique<ListExpr>(R);
    for (P::ExprContext *X : E->expr())
      L->Elements.push_back(buildExpr(X, E));
    return L;
  }
  if (auto *E = dynamic_cast<P::MapLitContext *>(Ctx)) {
    auto M = std::make_unique<MapExpr>(R);
    for (P::MapEntryContext *X : E->mapEntry()) {
      MapEntry Entry;
      Entry.Range = Locator.range(X);
      if (X->mapKey() && X->mapKey()->ident())
        Entry.KeyIdent = buildIdent(X->mapKey()->ident(), X);
      else if (X->mapKey() && X->mapKey()->str())
        Entry.KeyString = buildString(X->mapKey()->str());
      Entry.UsesColon = X->COLON() != nullptr;
      Entry.Value = buildExpr(X->expr(), X);
      M->Entries.push_back(std::move(Entry));
    }
    return M;
  }
  if (auto *E = dynamic_cast<P::CallExprContext *>(Ctx)) {
    auto C = std::make_unique<CallExpr>(R, buildIdent(E->ident(), E));
    for (P::ExprContext *X : E->expr())
      C->Args.push_back(buildExpr(X, E));
    return C;
  }
  if (auto *E = dynamic_cast<P::NameExprContext *>(Ctx))
    return std::make_unique<NameExpr>(R, E->getText());
  if (auto *E = dynamic_cast<P::ParenExprContext *>(Ctx))
    return std::make_unique<ParenExpr>(R, buildExpr(E->expr(), E));
  return errorAt(Ctx);
}

ExprPtr AstBuilder::buildString(P::StrContext *Ctx) {
  if (auto *Q = dynamic_cast<P::QuotedStringContext *>(Ctx))
    return buildQuoted(Q);
  if (auto *T = dynamic_cast<P::TextBlockContext *>(Ctx))
    return buildTextBlock(T);
  if (auto *Raw = dynamic_cast<P::RawStringContext *>(Ctx))
    return buildRaw(Raw);
  return errorAt(Ctx);
}

std::string AstBuilder::decodeEscape(antlr4::Token *T) {
  std::string Text = T->getText();
  if (T->getType() == RtcLexer::STRING_BAD_ESCAPE ||
      T->getType() == RtcLexer::TB_BAD_ESCAPE) {
    Diags.report(Locator.range(T), diag::err_invalid_escape) << Text;
    return Text;
  }
  return decodeValidEscape(Text);
}

ExprPtr AstBuilder::buildQuoted(P::QuotedStringContext *Ctx) {
  auto S = std::make_unique<StringExpr>(Locator.range(Ctx), StringExpr::Style::Quoted);
  for (P::StringPartContext *Part : Ctx->stringPart()) {
    StringPart Out;
    Out.Range = Locator.range(Part);
    if (Part->STRING_INTERP()) {
      Out.Interp = buildExpr(Part->expr(), Part);
    } else if (Part->STRING_ESCAPE() || Part->STRING_BAD_ESCAPE()) {
      Out.Text = decodeEscape(Part->start);
    } else if (Part->STRING_DOLLAR_ESC()) {
      Out.Text = "${";
    } else {
      Out.Text = Part->getText();
    }
    // Merge adjacent literal pieces so consumers see one run of text.
    if (!Out.Interp && !S->Parts.empty() && !S->Parts.back().Interp) {
      S->Parts.back().Text += Out.Text;
      S->Parts.back().Range.End = Out.Range.End;
      continue;
    }
    S->Parts.push_back(std::move(Out));
  }
  // After a syntax error inside the string (`"${x"`), recovery may have
  // handed the string a line end that is not really its own; the error
  // already reported explains the problem.
  if (Ctx->STRING_NEWLINE() && !errorReportedWithin(Locator.range(Ctx)))
    Diags.report(Locator.range(Ctx->QUOTE_OPEN()->getSymbol()),
                 diag::err_unterminated_string);
  return S;
}

bool AstBuilder::errorReportedWithin(llvm::SMRange R) const {
  for (const Diagnostic &D : Diags.diagnostics())
    if (D.Sev == Severity::Error && D.Range.Start.isValid() &&
        D.Range.Start.getPointer() >= R.Start.getPointer() &&
        D.Range.Start.getPointer() <= R.End.getPointer())
      return true;
  return false;
}

ExprPtr AstBuilder::buildTextBlock(P::TextBlockContext *Ctx) {
  auto S = std::make_unique<StringExpr>(Locator.range(Ctx), StringExpr::Style::TextBlock);
  // The common indentation of the non-blank lines (excluding the opening
  // line) is stripped, so a text block can be indented with the code.
  llvm::SMRange Whole = Locator.range(Ctx);
  size_t Indent = textBlockIndent(
      llvm::StringRef(Whole.Start.getPointer(),
                      Whole.End.getPointer() - Whole.Start.getPointer()),
      Ctx->TEXT_BLOCK_CLOSE() != nullptr);

  std::string Text;
  auto flush = [&](llvm::SMRange R) {
    if (Text.empty())
      return;
    StringPart Part;
    Part.Text = std::move(Text);
    Part.Range = R;
    S->Parts.push_back(std::move(Part));
    Text.clear();
  };
  // Re-slice literal text line by line, dropping the indentation after each
  // newline. Escapes and interpolations are never indentation.
  bool AtLineStart = false;
  size_t Dropped = 0;
  for (P::BlockPartContext *Part : Ctx->blockPart()) {
    if (Part->TB_INTERP()) {
      flush(Locator.range(Part));
      StringPart Interp;
      Interp.Range = Locator.range(Part);
      Interp.Interp = buildExpr(Part->expr(), Part);
      S->Parts.push_back(std::move(Interp));
      AtLineStart = false;
      continue;
    }
    if (Part->TB_ESCAPE() || Part->TB_BAD_ESCAPE()) {
      Text += decodeEscape(Part->start);
      AtLineStart = false;
      continue;
    }
    if (Part->TB_DOLLAR_ESC()) {
      Text += "${";
      AtLineStart = false;
      continue;
    }
    for (char C : Part->getText()) {
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
  }
  flush(Whole);
  trimTextBlockEnds(*S);
  return S;
}

ExprPtr AstBuilder::buildRaw(P::RawStringContext *Ctx) {
  auto S = std::make_unique<StringExpr>(Locator.range(Ctx), StringExpr::Style::Raw);
  std::string Text = Ctx->getText();
  StringPart Part;
  Part.Range = Locator.range(Ctx);
  if (Ctx->RAW_STRING_UNTERMINATED()) {
    Diags.report(llvm::SMRange(Part.Range.Start, Part.Range.Start),
                 diag::err_unterminated_raw_string);
    Part.Text = Text.substr(1);
  } else {
    Part.Text = Text.size() >= 2 ? Text.substr(1, Text.size() - 2) : "";
  }
  S->Parts.push_back(std::move(Part));
  return S;
}

} // namespace rtc
