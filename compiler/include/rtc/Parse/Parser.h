//===- Parser.h - parse .rtc source into the AST -----------------*- C++ -*-===//
//
// The only entry point of the front end. It never throws on bad input: syntax
// errors are reported to the DiagnosticsEngine in readable words and a partial
// AST is returned (ast::File::HadSyntaxErrors tells).
//
//===----------------------------------------------------------------------===//
#ifndef RTC_PARSE_PARSER_H
#define RTC_PARSE_PARSER_H

#include "rtc/AST/AST.h"
#include "rtc/Diag/DiagnosticsEngine.h"

namespace rtc {

struct ParseOptions {
  /// Use the ANTLR-generated lexer instead of the fast hand-written one
  /// (for differential testing and benchmarks).
  bool UseAntlrLexer = false;
  /// Always use the ANTLR parser. By default valid input is parsed by the
  /// hand-written DirectParser (no parse tree), and ANTLR's parser only runs
  /// when that gives up, to report the errors; this forces the ANTLR path
  /// (for differential testing and benchmarks).
  bool UseAntlrParser = false;
};

/// The deepest nesting the parser accepts, counting in one expression each
/// open bracket, brace, string and `${` and each operator (an operator adds a
/// level to the tree every later stage walks recursively). Deeper input gets
/// err_nesting_too_deep and no AST, so nothing after the parser needs a guard
/// of its own against deep trees.
constexpr unsigned MaxNestingDepth = 256;

/// Parses the buffer BufferId of Diags' SourceMgr.
ast::File parseBuffer(unsigned BufferId, DiagnosticsEngine &Diags,
                      const ParseOptions &Opts = {});

} // namespace rtc

#endif
