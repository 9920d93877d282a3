//===- RecoveryStrategy.cpp - error recovery that respects blocks ---------===//
#include "RecoveryStrategy.h"
#include "RtcLexer.h"
#include "RtcParser.h"

using rtc::antlrgen::RtcLexer;
using rtc::antlrgen::RtcParser;

namespace rtc {

bool RecoveryStrategy::atClosingBrace(antlr4::Parser *Recognizer) {
  if (Recognizer->getCurrentToken()->getType() != RtcLexer::RBRACE)
    return false;
  for (auto *C = Recognizer->getContext(); C;
       C = dynamic_cast<antlr4::ParserRuleContext *>(C->parent)) {
    if (auto *B = dynamic_cast<RtcParser::BlockContext *>(C); B && B->LBRACE())
      return true;
    if (dynamic_cast<RtcParser::MapLitContext *>(C) ||
        dynamic_cast<RtcParser::StringPartContext *>(C) ||
        dynamic_cast<RtcParser::BlockPartContext *>(C))
      return true;
  }
  return false;
}

void RecoveryStrategy::recover(antlr4::Parser *Recognizer, std::exception_ptr E) {
  // Leave the `}` for the rule that opened the brace; the generated rule
  // returns after recover(), so the stack unwinds one rule at a time and
  // cannot loop.
  if (atClosingBrace(Recognizer)) {
    beginErrorCondition(Recognizer);
    return;
  }
  DefaultErrorStrategy::recover(Recognizer, E);
}

bool RecoveryStrategy::singleTokenInsertion(antlr4::Parser *Recognizer) {
  // Conjuring `{` in front of a `}` would pair the two and steal the `}`
  // from the enclosing block.
  if (atClosingBrace(Recognizer) &&
      Recognizer->getExpectedTokens().contains(static_cast<size_t>(RtcLexer::LBRACE)))
    return false;
  return DefaultErrorStrategy::singleTokenInsertion(Recognizer);
}

antlr4::Token *RecoveryStrategy::singleTokenDeletion(antlr4::Parser *Recognizer) {
  if (atClosingBrace(Recognizer))
    return nullptr;
  return DefaultErrorStrategy::singleTokenDeletion(Recognizer);
}

} // namespace rtc
