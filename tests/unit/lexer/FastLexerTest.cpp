//===- FastLexerTest.cpp - FastLexer equals the ANTLR lexer ---------------===//
//
// Every input is lexed by the generated RtcLexer and by FastLexer; the token
// lists (type, channel, start, stop, line, column, text) must be identical.
//
//===----------------------------------------------------------------------===//
#include "FastLexer.h"
#include "LexerTestSupport.h"
#include "RtcLexer.h"
#include "antlr4-runtime.h"

#include <gtest/gtest.h>

#include <random>

using namespace rtc;
using namespace rtc::lexertest;
using rtc::antlrgen::RtcLexer;

namespace {

void expectSameTokens(const std::string &Input) {
  auto Expected = lexWithAntlr(Input);
  ASSERT_TRUE(Expected.has_value()) << "ANTLR rejected '" << escaped(Input)
                                    << "'";
  auto Actual = lexWithFast(Input);
  size_t N = std::max(Expected->size(), Actual.size());
  for (size_t I = 0; I < N; ++I) {
    if (I >= Expected->size() || I >= Actual.size() ||
        !((*Expected)[I] == Actual[I])) {
      std::ostringstream Exp, Act;
      if (I < Expected->size())
        Exp << (*Expected)[I];
      if (I < Actual.size())
        Act << Actual[I];
      ADD_FAILURE() << "input '" << escaped(Input) << "': token " << I
                    << " differs\n  ANTLR: " << Exp.str()
                    << "\n  fast:  " << Act.str();
      return;
    }
  }
}

// Hand-written inputs at the edges of every rule and mode.
const char *const TrickyInputs[] = {
    "",
    " ",
    "\n",
    "\r\n\r\n",
    " \t\f\r\n x",
    "a",
    "_",
    "a_b9 _9 Z",
    "import as let allow deny on true false null",
    "imports asx letter allowed denying one truely falsey nullable",
    "import_ null_ _null TRUE Null",
    "0 7 42 3.14 1e5 1E5 1e+5 1e-5 1.5e10 2.5E-3",
    "1. 1.x 1.e5 1e 1e+ 1e- 1ex 1.5e 1.5e+x 0.0.0",
    "007 1__ 1a 1.2.3",
    "{ } [ ] ( ) , . ? : = == != < <= > >= && || ! + - * / %",
    "=== !== <== >== &&& ||| !!",
    "& | ; ' @ ~ ^ \\ $ ` ",
    "a&b a|b",
    "}",
    "}}}{",
    "{{{}}}}}",
    "{ \"${ } }\" }",
    "// line comment\nx",
    "# hash comment\r\nx",
    "//\n#\n",
    "// no newline at end",
    "#\r x",
    "a // c1 \r\n b # c2",
    "/* block */ x",
    "/**/",
    "/***/",
    "/* a */ */",
    "/*/ x */",
    "/*/",
    "/* unterminated",
    "/* unterminated with stars ***",
    "/* ** / *\n* /",
    "/* nested /* comment */ still */",
    "/*\nmulti\nline\n*/ y",
    "/ / * /",
    "`raw`",
    "`raw with \"quotes\" and ${x} and \\n`",
    "`multi\nline\r\nraw`",
    "`unterminated raw",
    "`unterminated\nraw\n",
    "``",
    "```",
    "\"\"",
    "\"hello\"",
    "\"a\\nb\\rc\\td\\\"e\\\\f\\$g\"",
    "\"\\u0041\\u00e9\\uFFFF\"",
    "\"\\u{1F600}\\u{0}\\u{abcdefABCDEF}\"",
    "\"\\u12 \\u{} \\u{12 \\u{xyz} \\u\"",
    "\"\\u12345\"",
    "\"\\q \\  \\'\"",
    "\"\\",
    "\"\\\n",
    "\"\\\r\n",
    "\"ends with backslash \\",
    "\"x = ${a.b[0]} y\"",
    "\"${ \"${ \"${x}\" }\" }\"",
    "\"$${literal}\"",
    "\"$$${x}\"",
    "\"$$x $ $\" $\"",
    "\"$\"",
    "\"a$\"",
    "\"${\"",
    "\"${ { } }\" }",
    "\"unterminated",
    "\"unterminated\nnext line",
    "\"unterminated\r\nnext line",
    "\"bare\rcarriage\"",
    "\"a\r\"b",
    "\"a\r",
    "\"\r\r\n\"",
    "\"\"\"\"\"\"",
    "\"\"\"text block\"\"\"",
    "\"\"\"\n  multi\n  line\n  \"\"\"",
    "\"\"\"has \"quotes\" and \"\"two\"\" inside\"\"\"",
    "\"\"\"four quotes at end\"\"\"\"",
    "\"\"\"five\"\"\"\"\"",
    "\"\"\" ${x} $${y} $ \\n \\q \\u00e9 \\u{41} \"\"\"",
    "\"\"\"bad escape at end \\",
    "\"\"\"backslash newline \\\n next\"\"\"",
    "\"\"\"backslash crlf \\\r\n next\"\"\"",
    "\"\"\"unterminated\n block",
    "\"\"\"${ \"\"\"inner\"\"\" }\"\"\"",
    "\"\"\"a\"\"b\"\"\"",
    "\"\"\"$\"\"\"",
    "\"\"\"\"",
    "x = \"caf\xC3\xA9\" y",
    "\"\xE4\xB8\xAD\xE6\x96\x87 ${x} \xF0\x9F\x98\x80\" z",
    "// \xE4\xB8\xAD\xE6\x96\x87 comment\nx",
    "/* \xF0\x9F\x98\x80\n\xC3\xA9 */ x",
    "`\xC3\xA9\n\xF0\x9F\x98\x80` y",
    "\xC3\xA9 \xE4\xB8\xAD \xF0\x9F\x98\x80 x",
    "\"\\\xC3\xA9\" \"\"\"\\\xF0\x9F\x98\x80\"\"\"",
    "\"\"\"\xE4\xB8\xAD\n\xE6\x96\x87\"\"\" x",
    "\xEF\xBB\xBFx = 1",
    "\xEF\xBB\xBF",
    "x \xEF\xBB\xBF y",
    "\xEF\xBB\xBF\xEF\xBB\xBF",
    "\x0B \x7F \x01",
    "a\tb\t\"c\td\"",
    "policy p {\n  allow [\"stream:*\"] on [\"acs:${project.p.name}\"]\n}\n",
    "cluster analytics {\n  master { model = \"8c32g\"  count = 3 }\n}\n",
    "let x = cond ? a : b\nimport \"m.rtc\" as m\n",
    "m = { k = 1, \"k2\" = [1, 2,], k3: f(x, y) }",
    "\"\\u{",
    "\"\\u00",
    "\"\\u{41",
    "\"\"\"\\u{",
    "\"\"\"$\"\"\"",
    "\"\"\"$$\"\"\"",
    "\"\"\"$${\"\"\"",
    "\"\"\"${",
    "\"\"\"\r\n\ttabbed\r\n\"\"\"",
    "\"$\"$\"",
    "\"${a}${b}$${c}${\"d\"}\"",
    "\"${}\"",
    "\"${\n}\"",
    "}\"x\"}",
    "x = \"a\" }} y = \"b\"",
    "\"\\$\\{\\}\"",
    "\t\tx\t=\t1\n\ty",
    "\r",
    "\r\r\n\n\r",
    "1e5e5 1E+5E 9.9.9e9",
    "a.b.c[0][1](x).d",
    "/*\r\n*/",
    "// a /* b */ c\n/* // */ d",
    "# \"not a string\nx",
    "`a`b`c`",
    "\x0C\x0Cx",
};

TEST(FastLexer, MatchesAntlrOnTrickyInputs) {
  for (const char *Input : TrickyInputs)
    expectSameTokens(Input);
}

TEST(FastLexer, MatchesAntlrWithNulBytes) {
  expectSameTokens(std::string("a\0b", 3));
  expectSameTokens(std::string("\"a\0b\"", 5));
  expectSameTokens(std::string("\"\"\"\0\"\"\"", 7));
  expectSameTokens(std::string("// c\0c\n`\0`", 10));
  expectSameTokens(std::string("\0", 1));
  expectSameTokens(std::string("\"\\\0\"", 4));
}

TEST(FastLexer, MatchesAntlrOnUtf8DecoderQuirks) {
  // ANTLRInputStream accepts surrogates and drops a truncated final
  // sequence; FastLexer does the same.
  expectSameTokens("\"\xED\xA0\x80\" x");
  expectSameTokens("\xED\xBF\xBF x");
  expectSameTokens("x \xC3");
  expectSameTokens("\"a\xE4\xB8");
  expectSameTokens("`raw \xF0\x9F\x98");
  expectSameTokens("\xEF\xBB");
}

TEST(FastLexer, ReportsTheCharactersAntlrDropsAfterABareCarriageReturn) {
  std::string Input = "x = \"a\rxb\"";
  FastLexer Lexer(Input.data(), Input.data() + Input.size());
  while (Lexer.nextToken()->getType() != antlr4::Token::EOF) {
  }
  ASSERT_EQ(Lexer.recognitionErrors().size(), 1u);
  const auto &Err = Lexer.recognitionErrors()[0];
  EXPECT_EQ(Err.StartIndex, 6u);
  EXPECT_EQ(Err.Line, 1u);
  EXPECT_EQ(Err.Column, 6u);
  EXPECT_EQ(Err.Text, "\rx");
}

TEST(FastLexer, KeepsReturningEOF) {
  std::string Input = "a";
  FastLexer Lexer(Input.data(), Input.data() + Input.size());
  EXPECT_EQ(Lexer.nextToken()->getType(), static_cast<size_t>(RtcLexer::IDENT));
  for (int I = 0; I < 3; ++I) {
    auto T = Lexer.nextToken();
    EXPECT_EQ(T->getType(), antlr4::Token::EOF);
    EXPECT_EQ(T->getStartIndex(), 1u);
    EXPECT_EQ(T->getText(), "<EOF>");
  }
}

TEST(FastLexer, TokensStayValidAfterTheLexerIsGone) {
  // Enough tokens to fill many arena chunks; freed out of order, after the
  // lexer (ASan reports any use after free or leak).
  std::string Input;
  for (int I = 0; I < 3000; ++I)
    Input += "a" + std::to_string(I) + " = \"some text long enough ${x}\"\n";
  std::vector<std::unique_ptr<antlr4::Token>> Tokens;
  {
    FastLexer Lexer(Input.data(), Input.data() + Input.size());
    for (;;) {
      Tokens.push_back(Lexer.nextToken());
      if (Tokens.back()->getType() == antlr4::Token::EOF)
        break;
    }
  }
  ASSERT_EQ(Tokens.size(), 3000u * 8 + 1);
  for (size_t I = 0; I < Tokens.size(); I += 2)
    Tokens[I].reset();
  EXPECT_EQ(Tokens[2999 * 8 + 1]->getText(), "=");
  EXPECT_EQ(Tokens[2999 * 8 + 1]->getLine(), 3000u);
  EXPECT_EQ(Tokens[3]->getText(), "some text long enough ");
  Tokens.clear();
}

TEST(FastLexer, BuildsTokensThroughASetFactoryWithTheSameFields) {
  std::string Input = "a = \"x ${b}\" // c\n\xC3\xA9 `r`";
  auto Expected = lexWithFast(Input);
  antlr4::CommonTokenFactory CopyText(true);
  FastLexer Lexer(Input.data(), Input.data() + Input.size());
  Lexer.setTokenFactory(&CopyText);
  EXPECT_EQ(Lexer.getTokenFactory(), &CopyText);
  for (const Tok &E : Expected) {
    auto T = Lexer.nextToken();
    Tok Got{T->getType(), T->getChannel(), T->getStartIndex(),
            T->getStopIndex(), T->getLine(), T->getCharPositionInLine(),
            T->getText()};
    EXPECT_EQ(Got, E);
    EXPECT_EQ(T->getTokenSource(), &Lexer);
    EXPECT_EQ(T->getInputStream(), Lexer.getInputStream());
  }
}

TEST(FastLexer, CharStreamIndexesCodePointsLikeANTLRInputStream) {
  std::string Input = "\xEF\xBB\xBFx\"\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80\"\n";
  FastLexer Lexer(Input.data(), Input.data() + Input.size());
  antlr4::ANTLRInputStream Reference(Input);
  antlr4::CharStream *Stream = Lexer.getInputStream();
  ASSERT_EQ(Stream->size(), Reference.size());
  for (size_t I = 0; I < Reference.size(); ++I) {
    EXPECT_EQ(Stream->LA(1), Reference.LA(1)) << "at " << I;
    for (size_t J = I; J < Reference.size(); ++J)
      EXPECT_EQ(Stream->getText(antlr4::misc::Interval(I, J)),
                Reference.getText(antlr4::misc::Interval(I, J)));
    Stream->consume();
    Reference.consume();
  }
  EXPECT_EQ(Stream->LA(1), antlr4::IntStream::EOF);
}

TEST(FastLexer, MatchesAntlrOnRandomTokenSoup) {
  std::mt19937 Rng(20261125);
  for (int I = 0; I < 1500; ++I) {
    std::string Input = randomSoup(Rng);
    expectSameTokens(Input);
    if (HasFailure())
      return;
  }
}

TEST(FastLexer, MatchesAntlrOnMutatedConfigs) {
  std::string Base = "variable env { type = string  default = \"dev\" }\n"
                     "let prefix = \"acme-${var.env}\" # note\n"
                     "policy p { allow [\"s:*\"] on [`{\"a\": 1}`] }\n"
                     "/* c */ job j { sql = \"\"\"\n  SELECT 1 -- \"x\"\n\"\"\" "
                     "cu = 1.5e3 }\n";
  std::mt19937 Rng(7);
  std::uniform_int_distribution<int> Byte(0, 255);
  size_t Tested = 0;
  for (int I = 0; I < 1000; ++I) {
    std::string Input = Base;
    std::uniform_int_distribution<int> Edits(1, 6);
    for (int E = Edits(Rng); E > 0; --E) {
      std::uniform_int_distribution<size_t> Pos(0, Input.size());
      size_t P = Pos(Rng);
      // A raw byte a quarter of the time, else a whole character (ASCII,
      // control, or a multi-byte code point) so most inputs stay UTF-8.
      std::string Piece;
      if (Rng() % 4 == 0) {
        Piece.push_back(static_cast<char>(Byte(Rng)));
      } else {
        static const char *const Chars[] = {
            "\"", "$", "{", "}", "\\", "`", "/", "*", "#", "\n", "\r",
            "\t", "=", ".", "e", "1", "u", "a", " ", "\xC3\xA9",
            "\xE4\xB8\xAD", "\xF0\x9F\x98\x80", "\x7F", "\x01", ";"};
        Piece = Chars[Rng() % (sizeof(Chars) / sizeof(Chars[0]))];
      }
      switch (Rng() % 3) {
      case 0:
        Input.insert(P, Piece);
        break;
      case 1:
        if (P < Input.size())
          Input.erase(P, 1);
        break;
      default:
        if (P < Input.size())
          Input.replace(P, 1, Piece);
        break;
      }
    }
    // Byte mutations may break UTF-8, which ANTLRInputStream rejects; then
    // FastLexer must still finish inside the buffer (checked under ASan).
    if (!lexWithAntlr(Input)) {
      (void)lexWithFast(Input);
      continue;
    }
    ++Tested;
    expectSameTokens(Input);
    if (HasFailure())
      return;
  }
  EXPECT_GT(Tested, 500u);
}

TEST(FastLexer, MatchesAntlrOnGeneratedBenchmarkConfig) {
  std::string Config = generateConfig(300);
  ASSERT_FALSE(Config.empty()) << "bench/gen did not run";
  expectSameTokens(Config);
}

} // namespace
