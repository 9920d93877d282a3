//===- SourceLocator.h - ANTLR char indexes to SMLoc ------------*- C++ -*-===//
//
// ANTLR's input stream indexes code points, the SourceMgr bytes. For ASCII
// input they coincide; otherwise a code-point-to-byte table is built once.
// Private to the parse library.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_LIB_PARSE_SOURCELOCATOR_H
#define RTC_LIB_PARSE_SOURCELOCATOR_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/SMLoc.h"
#include <cstdint>
#include <vector>

namespace antlr4 {
class Token;
class ParserRuleContext;
} // namespace antlr4

namespace rtc {

class SourceLocator {
public:
  explicit SourceLocator(llvm::StringRef Buffer);

  llvm::SMLoc loc(size_t CodePointIndex) const;
  /// [start, stop] of a token as a half-open byte range.
  llvm::SMRange range(const antlr4::Token *T) const;
  /// From the start of the first token to the end of the last one.
  llvm::SMRange range(const antlr4::ParserRuleContext *Ctx) const;
  llvm::SMRange range(const antlr4::Token *First, const antlr4::Token *Last) const;
  /// 1-based "line:col" of a token, for messages ("opened at 3:1").
  static std::string lineCol(const antlr4::Token *T);

private:
  llvm::StringRef Buffer;
  std::vector<uint32_t> ByteOffsetOfCodePoint; // empty when the text is ASCII
};

} // namespace rtc

#endif
