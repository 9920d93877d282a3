//===- DirectParser.h - valid input straight to the AST ----------*- C++ -*-===//
//
// The ANTLR parser builds a parse tree of heap objects (one per rule and per
// token) that AstBuilder then walks; on large configurations that costs far
// more than lexing and building the AST. DirectParser is a recursive-descent
// parser over FastLexer's raw tokens that builds the AST directly and keeps
// nothing else.
//
// It only handles input that is plainly valid: at the first syntax or lexical
// error, and at the few constructs where the grammar needs more lookahead than
// one token (an item starting with `import`, a block named like `allow x`),
// it gives up and parseBuffer runs the ANTLR parser, which also reports every
// error. For the input it accepts it builds exactly the AST AstBuilder would
// (tests/unit/lexer/DirectParserTest.cpp compares them on every .rtc file of
// the repository and on bench/gen output). Private to the parse library.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_LIB_PARSE_DIRECTPARSER_H
#define RTC_LIB_PARSE_DIRECTPARSER_H

#include "FastLexer.h"
#include "rtc/AST/AST.h"
#include "llvm/ADT/StringRef.h"

namespace rtc {

/// Parses the tokens FastLexer::lexAll made of a valid UTF-8 text without
/// recognition errors (the SourceMgr's buffer, so that locations point into
/// it) into Out.Items and Out.Comments. Returns false, with Out's items and
/// comments cleared, when the input is not plainly valid; nothing is reported
/// either way. The tokens are consumed.
bool parseDirect(std::vector<FastLexer::RawToken> &&Tokens, ast::File &Out);
/// The same on Text, lexed here.
bool parseDirect(llvm::StringRef Text, ast::File &Out);

} // namespace rtc

#endif
