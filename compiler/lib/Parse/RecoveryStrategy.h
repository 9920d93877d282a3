//===- RecoveryStrategy.h - error recovery that respects blocks -*- C++ -*-===//
//
// ANTLR's default recovery happily consumes a `}` (after a second error at
// the same token, or by conjuring a `{` before it), which makes one mistake
// swallow the enclosing block and cascade into "block not closed" errors at
// the end of the file. This strategy never consumes or pairs a `}` that can
// close an open block, map or interpolation, so one mistake yields one
// diagnostic and the next item parses normally. Private to the parse library.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_LIB_PARSE_RECOVERYSTRATEGY_H
#define RTC_LIB_PARSE_RECOVERYSTRATEGY_H

#include "antlr4-runtime.h"

namespace rtc {

class RecoveryStrategy : public antlr4::DefaultErrorStrategy {
public:
  void recover(antlr4::Parser *Recognizer, std::exception_ptr E) override;

protected:
  bool singleTokenInsertion(antlr4::Parser *Recognizer) override;
  antlr4::Token *singleTokenDeletion(antlr4::Parser *Recognizer) override;

private:
  /// True when the current token is a `}` that closes something still open.
  static bool atClosingBrace(antlr4::Parser *Recognizer);
};

} // namespace rtc

#endif
