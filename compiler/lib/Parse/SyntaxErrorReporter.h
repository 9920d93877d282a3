//===- SyntaxErrorReporter.h - ANTLR errors in readable words ---*- C++ -*-===//
//
// Replaces ANTLR's console listener. Each syntax error becomes an rtcc
// diagnostic that says what was expected in the language's own terms
// ("expected `}` to close block `cluster` opened at 3:1"), never a dump of
// token names. Private to the parse library.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_LIB_PARSE_SYNTAXERRORREPORTER_H
#define RTC_LIB_PARSE_SYNTAXERRORREPORTER_H

#include "SourceLocator.h"
#include "antlr4-runtime.h"
#include "rtc/Diag/DiagnosticsEngine.h"

namespace rtc {

class SyntaxErrorReporter : public antlr4::BaseErrorListener {
public:
  SyntaxErrorReporter(DiagnosticsEngine &Diags, const SourceLocator &Locator)
      : Diags(Diags), Locator(Locator) {}

  void syntaxError(antlr4::Recognizer *Recognizer, antlr4::Token *Offending,
                   size_t Line, size_t Column, const std::string &Msg,
                   std::exception_ptr E) override;

  unsigned errorCount() const { return Count; }

  /// How a token reads in a message: "`}`", "identifier `foo`", "end of file".
  static std::string describe(const antlr4::Token *T);

private:
  bool reportErrorCharacter(antlr4::Token *Offending);
  bool reportUnclosed(antlr4::Parser *P, antlr4::Token *Offending,
                      const antlr4::misc::IntervalSet &Expected);
  /// `a =` followed on the next line by `b = …`; true when reported.
  bool reportMissingValue(antlr4::Parser *P, antlr4::Token *Offending);
  void reportExpected(antlr4::Parser *P, antlr4::Token *Offending,
                      const antlr4::misc::IntervalSet &Expected);

  DiagnosticsEngine &Diags;
  const SourceLocator &Locator;
  unsigned Count = 0;
  ssize_t LastTokenIndex = -1;
  size_t PendingQuoteLine = 0;
};

} // namespace rtc

#endif
