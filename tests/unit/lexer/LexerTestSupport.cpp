//===- LexerTestSupport.cpp - lex with both lexers into comparable lists --===//
#include "LexerTestSupport.h"

#include "FastLexer.h"
#include "RtcLexer.h"
#include "antlr4-runtime.h"

#include <cstdio>
#include <cstdlib>

namespace rtc::lexertest {

std::string escaped(const std::string &S) {
  std::string Out;
  for (unsigned char C : S) {
    if (C == '\n')
      Out += "\\n";
    else if (C == '\r')
      Out += "\\r";
    else if (C == '\t')
      Out += "\\t";
    else if (C < 0x20 || C == 0x7F) {
      char Buf[8];
      std::snprintf(Buf, sizeof(Buf), "\\x%02X", C);
      Out += Buf;
    } else
      Out += static_cast<char>(C);
  }
  return Out;
}

std::ostream &operator<<(std::ostream &OS, const Tok &T) {
  antlr4::ANTLRInputStream Empty("");
  rtc::antlrgen::RtcLexer Names(&Empty);
  std::string Name = T.Type == antlr4::Token::EOF
                         ? std::string("EOF")
                         : Names.getVocabulary().getSymbolicName(T.Type);
  return OS << Name << "(ch" << T.Channel << " " << T.Start << ".." << T.Stop
            << " @" << T.Line << ":" << T.Column << " '" << escaped(T.Text)
            << "')";
}

static Tok toTok(const antlr4::Token &T) {
  return {T.getType(),      T.getChannel(),
          T.getStartIndex(), T.getStopIndex(),
          T.getLine(),      T.getCharPositionInLine(),
          T.getText()};
}

std::optional<std::vector<Tok>> lexWithAntlr(const std::string &Input) {
  std::unique_ptr<antlr4::ANTLRInputStream> In;
  try {
    In = std::make_unique<antlr4::ANTLRInputStream>(Input);
  } catch (const std::exception &) {
    return std::nullopt;
  }
  rtc::antlrgen::RtcLexer Lexer(In.get());
  Lexer.removeErrorListeners();
  std::vector<Tok> Out;
  for (;;) {
    auto T = Lexer.nextToken();
    Out.push_back(toTok(*T));
    if (T->getType() == antlr4::Token::EOF)
      return Out;
  }
}

std::vector<Tok> lexWithFast(const std::string &Input) {
  FastLexer Lexer(Input.data(), Input.data() + Input.size());
  std::vector<Tok> Out;
  for (;;) {
    auto T = Lexer.nextToken();
    Out.push_back(toTok(*T));
    if (T->getType() == antlr4::Token::EOF)
      return Out;
  }
}

std::string generateConfig(unsigned N) {
  std::string Dir;
  if (const char *Env = std::getenv("RTCC_SOURCE_DIR"))
    Dir = Env;
  else
    Dir = RTCC_TEST_SOURCE_DIR;
  std::string Cmd = "python3 '" + Dir + "/bench/gen' " + std::to_string(N);
  FILE *P = popen(Cmd.c_str(), "r");
  if (!P)
    return "";
  std::string Out;
  char Buf[65536];
  size_t Got;
  while ((Got = std::fread(Buf, 1, sizeof(Buf), P)) > 0)
    Out.append(Buf, Got);
  if (pclose(P) != 0)
    return "";
  return Out;
}

// A grammar-aware token soup: fragments that meet at interesting boundaries,
// plus single code points of every class, joined at random.
std::string randomSoup(std::mt19937 &Rng) {
  static const std::string Fragments[] = {
      "{", "}", "${", "$${", "$", "\"", "\"\"\"", "\"\"", "`", "\\", "\\n",
      "\\u", "\\u00", "\\u0041", "\\u{", "\\u{1F}", "}", "/*", "*/", "*",
      "/", "//", "#", "\n", "\r\n", "\r", " ", "\t", "\f", "=", "==", "!",
      "!=", "<", ">", "&", "&&", "|", "||", "1", "1.", ".5", "e", "E+", "-",
      "x", "import", "null", "nullx", "on", "as", "_a1", ",", "[", "]", "(",
      ")", "?", ":", ";", "'", "@", "\xC3\xA9", "\xE4\xB8\xAD",
      "\xF0\x9F\x98\x80", "\xEF\xBB\xBF", std::string("\0", 1),
      "cluster", "allow", "\"a ${b} c\"", "\"\"\"t\n${x}\n\"\"\""};
  size_t NumFragments = sizeof(Fragments) / sizeof(Fragments[0]);
  std::uniform_int_distribution<size_t> Count(0, 40);
  std::uniform_int_distribution<size_t> Pick(0, NumFragments - 1);
  std::string Out;
  for (size_t I = 0, N = Count(Rng); I < N; ++I) {
    Out += Fragments[Pick(Rng)];
  }
  return Out;
}

} // namespace rtc::lexertest
