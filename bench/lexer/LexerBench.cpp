//===- LexerBench.cpp - tokens per second of RtcLexer vs FastLexer --------===//
//
// The input is RTCC_BENCH_FILE if set, else `bench/gen 10000` (or
// RTCC_BENCH_RESOURCES resources), generated once at start-up.
//
//===----------------------------------------------------------------------===//
#include "FastLexer.h"
#include "RtcLexer.h"
#include "RtcParser.h"
#include "antlr4-runtime.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

namespace {

std::string loadInput() {
  if (const char *Path = std::getenv("RTCC_BENCH_FILE")) {
    std::ifstream In(Path, std::ios::binary);
    std::stringstream SS;
    SS << In.rdbuf();
    return SS.str();
  }
  const char *N = std::getenv("RTCC_BENCH_RESOURCES");
  std::string Cmd = std::string("python3 '") + RTCC_BENCH_SOURCE_DIR +
                    "/bench/gen' " + (N ? N : "10000");
  std::string Out;
  if (FILE *P = popen(Cmd.c_str(), "r")) {
    char Buf[65536];
    size_t Got;
    while ((Got = std::fread(Buf, 1, sizeof(Buf), P)) > 0)
      Out.append(Buf, Got);
    pclose(P);
  }
  return Out;
}

const std::string &input() {
  static const std::string Input = loadInput();
  return Input;
}

void report(benchmark::State &State, size_t Tokens) {
  State.counters["tokens"] = static_cast<double>(Tokens);
  State.counters["tokens/s"] = benchmark::Counter(
      static_cast<double>(Tokens), benchmark::Counter::kIsIterationInvariantRate);
  State.SetBytesProcessed(static_cast<int64_t>(State.iterations()) *
                          static_cast<int64_t>(input().size()));
}

// Includes ANTLRInputStream's UTF-8 to UTF-32 decoding: the parser pays it.
void BM_AntlrLexer(benchmark::State &State) {
  size_t Tokens = 0;
  for (auto _ : State) {
    antlr4::ANTLRInputStream In(input());
    rtc::antlrgen::RtcLexer Lexer(&In);
    Tokens = 0;
    while (Lexer.nextToken()->getType() != antlr4::Token::EOF)
      ++Tokens;
  }
  report(State, Tokens);
}
BENCHMARK(BM_AntlrLexer)->Unit(benchmark::kMillisecond);

// The same, with every token kept as CommonTokenStream does.
void BM_AntlrLexerTokenStream(benchmark::State &State) {
  size_t Tokens = 0;
  for (auto _ : State) {
    antlr4::ANTLRInputStream In(input());
    rtc::antlrgen::RtcLexer Lexer(&In);
    antlr4::CommonTokenStream Stream(&Lexer);
    Stream.fill();
    Tokens = Stream.size();
  }
  report(State, Tokens);
}
BENCHMARK(BM_AntlrLexerTokenStream)->Unit(benchmark::kMillisecond);

void BM_FastLexer(benchmark::State &State) {
  size_t Tokens = 0;
  for (auto _ : State) {
    const std::string &S = input();
    rtc::FastLexer Lexer(S.data(), S.data() + S.size());
    Tokens = 0;
    while (Lexer.nextToken()->getType() != antlr4::Token::EOF)
      ++Tokens;
  }
  report(State, Tokens);
}
BENCHMARK(BM_FastLexer)->Unit(benchmark::kMillisecond);

// What the parser actually consumes: every token buffered in a stream.
void BM_FastLexerTokenStream(benchmark::State &State) {
  size_t Tokens = 0;
  for (auto _ : State) {
    const std::string &S = input();
    rtc::FastLexer Lexer(S.data(), S.data() + S.size());
    antlr4::CommonTokenStream Stream(&Lexer);
    Stream.fill();
    Tokens = Stream.size();
  }
  report(State, Tokens);
}
BENCHMARK(BM_FastLexerTokenStream)->Unit(benchmark::kMillisecond);

template <typename MakeSource> size_t parseSLL(MakeSource &&Make) {
  auto Source = Make();
  antlr4::CommonTokenStream Stream(Source.get());
  rtc::antlrgen::RtcParser Parser(&Stream);
  Parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
      antlr4::atn::PredictionMode::SLL);
  Parser.removeErrorListeners();
  Parser.file();
  if (Parser.getNumberOfSyntaxErrors() != 0)
    std::cerr << "warning: syntax errors in the benchmark input\n";
  return Stream.size();
}

void BM_ParseSLLWithAntlrLexer(benchmark::State &State) {
  size_t Tokens = 0;
  for (auto _ : State) {
    antlr4::ANTLRInputStream In(input());
    Tokens = parseSLL([&] { return std::make_unique<rtc::antlrgen::RtcLexer>(&In); });
  }
  report(State, Tokens);
}
BENCHMARK(BM_ParseSLLWithAntlrLexer)->Unit(benchmark::kMillisecond);

void BM_ParseSLLWithFastLexer(benchmark::State &State) {
  size_t Tokens = 0;
  for (auto _ : State) {
    const std::string &S = input();
    Tokens = parseSLL([&] {
      return std::make_unique<rtc::FastLexer>(S.data(), S.data() + S.size());
    });
  }
  report(State, Tokens);
}
BENCHMARK(BM_ParseSLLWithFastLexer)->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char **argv) {
  if (input().empty()) {
    std::cerr << "lexer_bench: no input (set RTCC_BENCH_FILE or check bench/gen)\n";
    return 1;
  }
  std::cerr << "input: " << input().size() << " bytes\n";
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
