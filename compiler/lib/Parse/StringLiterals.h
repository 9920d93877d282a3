//===- StringLiterals.h - escapes and text-block layout ----------*- C++ -*-===//
//
// The decoding rules of string literals that both AST builders (AstBuilder
// over the ANTLR parse tree, DirectParser over raw tokens) apply, kept in one
// place so that the two cannot drift apart. Private to the parse library.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_LIB_PARSE_STRINGLITERALS_H
#define RTC_LIB_PARSE_STRINGLITERALS_H

#include "rtc/AST/AST.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace rtc {

/// The value of a valid escape token (`\n`, `\u00e9`, `\u{1F600}`, `\"`);
/// code points that are not Unicode scalar values become U+FFFD.
std::string decodeValidEscape(llvm::StringRef Text);

/// The common indentation of a text block's lines after the first (blank
/// lines other than the last do not count). Whole is the block's source text
/// from the opening `"""` up to and including the closing one if Closed.
size_t textBlockIndent(llvm::StringRef Whole, bool Closed);

/// A text block that starts with a newline after `"""` and ends with one
/// before the closing `"""` (the usual layout) keeps neither; trailing blanks
/// after the opening `"""` count as an empty first line.
void trimTextBlockEnds(ast::StringExpr &S);

} // namespace rtc

#endif
