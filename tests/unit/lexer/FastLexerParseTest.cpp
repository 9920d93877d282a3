//===- FastLexerParseTest.cpp - the parser cannot tell the lexers apart ---===//
//
// Feeds RtcParser from FastLexer and from the generated lexer: both must give
// the same syntax errors and the same parse tree. Also checks that bench/gen
// writes configurations without syntax errors.
//
//===----------------------------------------------------------------------===//
#include "FastLexer.h"
#include "LexerTestSupport.h"
#include "RtcLexer.h"
#include "RtcParser.h"
#include "antlr4-runtime.h"

#include <gtest/gtest.h>

#include <random>

using namespace rtc;
using namespace rtc::lexertest;

namespace {

class CollectErrors : public antlr4::BaseErrorListener {
public:
  std::vector<std::string> Messages;
  void syntaxError(antlr4::Recognizer *, antlr4::Token *, size_t Line,
                   size_t Col, const std::string &Msg,
                   std::exception_ptr) override {
    Messages.push_back(std::to_string(Line) + ":" + std::to_string(Col) +
                       ": " + Msg);
  }
};

struct ParseResult {
  std::vector<std::string> Errors;
  std::string Tree;
};

ParseResult parseWith(antlr4::TokenSource &Source) {
  antlr4::CommonTokenStream Tokens(&Source);
  rtc::antlrgen::RtcParser Parser(&Tokens);
  CollectErrors Errors;
  Parser.removeErrorListeners();
  Parser.addErrorListener(&Errors);
  auto *File = Parser.file();
  return {Errors.Messages, File->toStringTree(&Parser)};
}

ParseResult parseWithAntlrLexer(const std::string &Input) {
  antlr4::ANTLRInputStream In(Input);
  rtc::antlrgen::RtcLexer Lexer(&In);
  Lexer.removeErrorListeners();
  return parseWith(Lexer);
}

ParseResult parseWithFastLexer(const std::string &Input) {
  FastLexer Lexer(Input.data(), Input.data() + Input.size());
  return parseWith(Lexer);
}

TEST(FastLexerParse, ParserSeesTheSameTreeAndErrorsFromBothLexers) {
  const char *Inputs[] = {
      "cluster a { master { model = \"8c32g\" count = 3 } }",
      "let x = \"a ${b.c[0] + 1} d\" # c\nimport \"x.rtc\" as y",
      "policy p { allow [\"s:*\"] on [`raw`] deny x on y }",
      "job j { sql = \"\"\"\n  SELECT \"x\" ${var.env}\n\"\"\" }",
      "x = { a = 1, \"b\": [1, 2,], } y = f(1, -2 * 3) ? !z : null",
      // Syntax errors: missing tokens, stray characters, unterminated text.
      "cluster { = }",
      "a = 1 +",
      "a = \"unterminated\nb = 2",
      "a = ; b = 'x' & c",
      "block x { y = [1, 2 }",
      "}}} a = `unterminated",
      "a = /* unterminated",
      "x = \"\"\"never closed ${ y",
  };
  for (const char *Input : Inputs) {
    ParseResult Expected = parseWithAntlrLexer(Input);
    ParseResult Actual = parseWithFastLexer(Input);
    EXPECT_EQ(Expected.Errors, Actual.Errors) << Input;
    EXPECT_EQ(Expected.Tree, Actual.Tree) << Input;
  }
}

TEST(FastLexerParse, ParserSeesTheSameTreeAndErrorsOnRandomTokenSoup) {
  std::mt19937 Rng(99);
  for (int I = 0; I < 300; ++I) {
    std::string Input = randomSoup(Rng);
    ParseResult Expected = parseWithAntlrLexer(Input);
    ParseResult Actual = parseWithFastLexer(Input);
    EXPECT_EQ(Expected.Errors, Actual.Errors) << escaped(Input);
    EXPECT_EQ(Expected.Tree, Actual.Tree) << escaped(Input);
    if (HasFailure())
      return;
  }
}

TEST(FastLexerParse, GeneratedBenchmarkConfigHasNoSyntaxErrors) {
  std::string Config = generateConfig(400);
  ASSERT_FALSE(Config.empty()) << "bench/gen did not run";
  ParseResult Fast = parseWithFastLexer(Config);
  EXPECT_EQ(Fast.Errors, std::vector<std::string>());
  ParseResult Antlr = parseWithAntlrLexer(Config);
  EXPECT_EQ(Antlr.Errors, std::vector<std::string>());
  EXPECT_EQ(Fast.Tree, Antlr.Tree);
}

} // namespace
