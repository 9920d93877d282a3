//===- LexerTestSupport.h - lex with both lexers into comparable lists ----===//
#ifndef RTC_TESTS_UNIT_LEXER_LEXERTESTSUPPORT_H
#define RTC_TESTS_UNIT_LEXER_LEXERTESTSUPPORT_H

#include <cstddef>
#include <optional>
#include <random>
#include <ostream>
#include <string>
#include <vector>

namespace rtc::lexertest {

/// Everything the parser can observe about a token.
struct Tok {
  size_t Type, Channel, Start, Stop, Line, Column;
  std::string Text;
  bool operator==(const Tok &O) const {
    return Type == O.Type && Channel == O.Channel && Start == O.Start &&
           Stop == O.Stop && Line == O.Line && Column == O.Column &&
           Text == O.Text;
  }
};
std::ostream &operator<<(std::ostream &OS, const Tok &T);

/// Tokens of the ANTLR-generated RtcLexer up to and including EOF; nullopt
/// when ANTLRInputStream rejects the input (invalid UTF-8).
std::optional<std::vector<Tok>> lexWithAntlr(const std::string &Input);
/// Tokens of FastLexer up to and including EOF.
std::vector<Tok> lexWithFast(const std::string &Input);

/// A random input from fragments of every token and mode boundary of the
/// grammar (interpolations, text blocks, escapes, comments, multi-byte
/// characters, NUL, BOM), joined at random.
std::string randomSoup(std::mt19937 &Rng);

/// Renders a string with escapes for failure messages.
std::string escaped(const std::string &S);

/// Output of `bench/gen N` (found through RTCC_SOURCE_DIR or the source
/// tree this test was built from); empty if it cannot run.
std::string generateConfig(unsigned N);

} // namespace rtc::lexertest

#endif
