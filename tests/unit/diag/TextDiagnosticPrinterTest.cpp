//===- TextDiagnosticPrinterTest.cpp - Clang-style text output ------------===//
#include "rtc/Diag/TextDiagnosticPrinter.h"
#include "DiagTestUtil.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <gtest/gtest.h>

using namespace rtc;
using namespace rtc::test;

namespace {

class TextPrinterTest : public ::testing::Test {
protected:
  llvm::SourceMgr SM;
  std::string Out;
  llvm::raw_string_ostream OS{Out};
  DiagnosticsEngine Diags{SM};

  void usePrinter(bool Color = false, bool Source = true) {
    auto P = std::make_unique<TextDiagnosticPrinter>(OS, Color);
    P->setShowSourceLines(Source);
    Diags.addConsumer(std::move(P));
  }
  const std::string &output() {
    OS.flush();
    return Out;
  }
};

TEST_F(TextPrinterTest, ErrorShowsLocationCodeSourceLineAndRangeUnderline) {
  unsigned ID = addBuffer(SM, "cluster analytics {\n  order = \"x\"\n}\n");
  usePrinter();
  Diags.report(rangeOf(SM, ID, "order"), diag::err_unexpected_token)
      << "identifier `order`";
  EXPECT_EQ(output(),
            "main.rtc:2:3: error: unexpected identifier `order` [RTC0101]\n"
            "  order = \"x\"\n"
            "  ^~~~~\n");
}

TEST_F(TextPrinterTest, SingleCharacterAndEmptyRangesShowOnlyTheCaret) {
  unsigned ID = addBuffer(SM, "a = 1;\n");
  usePrinter();
  Diags.report(rangeOf(SM, ID, ";"), diag::err_unexpected_semicolon);
  Diags.report(locOf(SM, ID, "1"), diag::err_unexpected_character) << "1";
  EXPECT_EQ(output(),
            "main.rtc:1:6: error: unexpected `;` [RTC0109]\n"
            "a = 1;\n"
            "     ^\n"
            "hint: items are separated by whitespace or newlines in "
            ".rtc; remove the `;`\n"
            "main.rtc:1:5: error: unexpected character `1` [RTC0111]\n"
            "a = 1;\n"
            "    ^\n");
}

TEST_F(TextPrinterTest, NotesHintAndInsertionFixItLikeClang) {
  unsigned ID = addBuffer(SM, "cluster c {\n  a = 1\n");
  usePrinter();
  llvm::SMLoc EndOfItem = locOf(SM, ID, "\n", 1);
  Diags.report(EndOfItem, diag::err_expected_close_brace)
          .note(rangeOf(SM, ID, "{"), diag::note_opened_here, "block")
          .note(llvm::SMRange(), "blocks are `kind name { … }`")
          .fixit(pointAt(EndOfItem), "}")
      << "cluster"
      << "1:11";
  EXPECT_EQ(output(),
            "main.rtc:2:8: error: expected `}` to close block `cluster` opened "
            "at 1:11 [RTC0102]\n"
            "  a = 1\n"
            "       ^\n"
            "       }\n"
            "main.rtc:1:11: note: block opened here\n"
            "cluster c {\n"
            "          ^\n"
            "note: blocks are `kind name { … }`\n"
            "hint: add `}` after the last item of the block\n");
}

TEST_F(TextPrinterTest, ReplacementFixItIsShownUnderTheReplacedText) {
  unsigned ID = addBuffer(SM, "order = 'ord-1'\n");
  usePrinter();
  llvm::SMRange R = rangeOf(SM, ID, "'ord-1'");
  Diags.report(R, diag::err_single_quote_string).fixit(R, "\"ord-1\"");
  EXPECT_EQ(output(), "main.rtc:1:9: error: strings use double quotes, not "
                      "single quotes [RTC0110]\n"
                      "order = 'ord-1'\n"
                      "        ^~~~~~~\n"
                      "        \"ord-1\"\n"
                      "hint: write \"…\" instead of '…'\n");
}

TEST_F(TextPrinterTest, FixItsOnOtherLinesOrWithNewlinesAreNotDrawn) {
  unsigned ID = addBuffer(SM, "a = 1\nb = 2\n");
  usePrinter();
  Diags.report(locOf(SM, ID, "a"), diag::err_unexpected_character)
          .fixit(pointAt(locOf(SM, ID, "b")), "x")
          .fixit(pointAt(locOf(SM, ID, "1")), "}\n")
      << "a";
  EXPECT_EQ(output(),
            "main.rtc:1:1: error: unexpected character `a` [RTC0111]\n"
            "a = 1\n"
            "^\n");
}

TEST_F(TextPrinterTest, TabsExpandToEightColumnStopsAndColumnStaysInBytes) {
  unsigned ID = addBuffer(SM, "\tname\t= \"a\" x\n");
  usePrinter();
  Diags.report(rangeOf(SM, ID, "x"), diag::err_unexpected_character) << "x";
  // Byte column 13; display column 19 (tab to 8, "name", tab to 16, `= "a" `).
  EXPECT_EQ(output(),
            "main.rtc:1:13: error: unexpected character `x` [RTC0111]\n"
            "        name    = \"a\" x\n"
            "                      ^\n");
}

TEST_F(TextPrinterTest, RangeOverATabUnderlinesEveryColumnOfIt) {
  unsigned ID = addBuffer(SM, "ab\tcd\n");
  usePrinter();
  Diags.report(rangeOf(SM, ID, "ab\tc"), diag::err_unexpected_character) << "a";
  EXPECT_EQ(output(),
            "main.rtc:1:1: error: unexpected character `a` [RTC0111]\n"
            "ab      cd\n"
            "^~~~~~~~~\n");
}

TEST_F(TextPrinterTest, MultiByteCharactersTakeOneColumn) {
  unsigned ID = addBuffer(SM, "name = \"caf\xC3\xA9\" x\n");
  usePrinter();
  Diags.report(rangeOf(SM, ID, "x"), diag::err_unexpected_character) << "x";
  EXPECT_EQ(output(),
            "main.rtc:1:16: error: unexpected character `x` [RTC0111]\n"
            "name = \"caf\xC3\xA9\" x\n"
            "              ^\n");
}

TEST_F(TextPrinterTest, MultiLineRangeIsUnderlinedToTheEndOfItsFirstLine) {
  unsigned ID = addBuffer(SM, "x = \"abc\n  def\"\n");
  usePrinter();
  llvm::SMRange R(locOf(SM, ID, "\""), locOf(SM, ID, "f\"\n"));
  Diags.report(R, diag::err_unterminated_string);
  EXPECT_EQ(output(),
            "main.rtc:1:5: error: unterminated string [RTC0105]\n"
            "x = \"abc\n"
            "    ^~~~\n"
            "hint: close the string with `\"` on the same line; use a "
            "\"\"\" text block for text that spans lines\n");
}

TEST_F(TextPrinterTest, CarriageReturnsAreNotPrinted) {
  unsigned ID = addBuffer(SM, "a = 1\r\nb = ;\r\n");
  usePrinter();
  Diags.report(rangeOf(SM, ID, ";"), diag::err_unexpected_semicolon).hint("");
  EXPECT_EQ(output(), "main.rtc:2:5: error: unexpected `;` [RTC0109]\n"
                      "b = ;\n"
                      "    ^\n");
}

TEST_F(TextPrinterTest, CaretAtEndOfFileIsAfterTheLastCharacter) {
  unsigned ID = addBuffer(SM, "a = 1\nb = ");
  usePrinter();
  llvm::StringRef Buf = SM.getMemoryBuffer(ID)->getBuffer();
  Diags.report(llvm::SMLoc::getFromPointer(Buf.end()),
               diag::err_expected_expression)
      << "="
      << "end of file";
  EXPECT_EQ(
      output().substr(0, output().find("hint:")),
      "main.rtc:2:5: error: expected an expression after `=`, found end of "
      "file [RTC0103]\n"
      "b = \n"
      "    ^\n");
}

TEST_F(TextPrinterTest, DiagnosticWithoutLocationHasNoPrefixOrSource) {
  usePrinter();
  Diags.report(llvm::SMLoc(), diag::err_no_input_files) << "envs/prod";
  EXPECT_EQ(output(),
            "error: no .rtc files found in 'envs/prod' [RTC0002]\n"
            "hint: pass .rtc files or a directory that contains them\n");
}

TEST_F(TextPrinterTest, WarningAndRemarkSeverityNames) {
  unsigned ID = addBuffer(SM, "x\n");
  usePrinter(false, false);
  Diagnostic W;
  W.Id = diag::err_unexpected_token;
  W.Sev = Severity::Warning;
  W.Code = "RTC9998";
  W.Message = "w";
  W.Range = pointAt(locOf(SM, ID, "x"));
  Diags.emit(W);
  W.Sev = Severity::Remark;
  W.Message = "r";
  Diags.emit(W);
  EXPECT_EQ(output(), "main.rtc:1:1: warning: w [RTC9998]\n"
                      "main.rtc:1:1: remark: r [RTC9998]\n");
}

TEST_F(TextPrinterTest, SourceLinesCanBeTurnedOff) {
  unsigned ID = addBuffer(SM, "a = 1;\n");
  usePrinter(false, false);
  Diags.report(rangeOf(SM, ID, ";"), diag::err_unexpected_semicolon);
  EXPECT_EQ(output(), "main.rtc:1:6: error: unexpected `;` [RTC0109]\n"
                      "hint: items are separated by whitespace or newlines in "
                      ".rtc; remove the `;`\n");
}

TEST_F(TextPrinterTest, ColourMatchesClang) {
  unsigned ID = addBuffer(SM, "a = 1;\n");
  usePrinter(/*Color=*/true);
  Diags.report(rangeOf(SM, ID, ";"), diag::err_unexpected_semicolon)
      .note(rangeOf(SM, ID, "a"), "here")
      .fixit(rangeOf(SM, ID, ";"), " ");
  const std::string Bold = "\x1b[1m", Reset = "\x1b[0m";
  const std::string Red = "\x1b[0;1;31m", Green = "\x1b[0;1;32m",
                    Black = "\x1b[0;1;30m", Cyan = "\x1b[0;1;36m",
                    PlainGreen = "\x1b[0;32m";
  EXPECT_EQ(output(),
            Bold + "main.rtc:1:6: " + Reset + Red + "error: " + Reset + Bold +
                "unexpected `;` [RTC0109]" + Reset + "\n" + "a = 1;\n" + Green +
                "     ^" + Reset + "\n" + PlainGreen + "      " + Reset + "\n" +
                Bold + "main.rtc:1:1: " + Reset + Black + "note: " + Reset +
                Bold + "here" + Reset + "\n" + "a = 1;\n" + Green + "^" +
                Reset + "\n" + Cyan + "hint: " + Reset +
                "items are separated by whitespace or newlines in .rtc; remove "
                "the `;`\n");
}

TEST_F(TextPrinterTest, WarningIsMagentaWhenColoured) {
  addBuffer(SM, "x\n");
  usePrinter(/*Color=*/true);
  Diagnostic W;
  W.Id = diag::err_unexpected_token;
  W.Sev = Severity::Warning;
  W.Code = "RTC9998";
  W.Message = "w";
  Diags.emit(W);
  EXPECT_NE(output().find("\x1b[0;1;35mwarning: "), std::string::npos)
      << output();
}

TEST(DiagnosticSummary, UsesClangWordingWithSingularAndPlural) {
  auto Summary = [](unsigned E, unsigned W) {
    std::string S;
    llvm::raw_string_ostream OS(S);
    printDiagnosticSummary(OS, E, W);
    return OS.str();
  };
  EXPECT_EQ(Summary(0, 0), "");
  EXPECT_EQ(Summary(1, 0), "1 error generated.\n");
  EXPECT_EQ(Summary(2, 0), "2 errors generated.\n");
  EXPECT_EQ(Summary(0, 1), "1 warning generated.\n");
  EXPECT_EQ(Summary(0, 3), "3 warnings generated.\n");
  EXPECT_EQ(Summary(1, 1), "1 error and 1 warning generated.\n");
  EXPECT_EQ(Summary(4, 2), "4 errors and 2 warnings generated.\n");
}

#if defined(__SANITIZE_ADDRESS__) || !defined(__OPTIMIZE__)
constexpr double MaxMs = 5000.0; // sanitizer and -O0 builds run ~5-10x slower
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr double MaxMs = 5000.0;
#else
constexpr double MaxMs = 1000.0;
#endif
#else
constexpr double MaxMs = 1000.0;
#endif

// 10,000 diagnostics spread over a 50,000-line file: SourceMgr's line cache
// keeps each lookup cheap, so this takes well under a second.
TEST(TextPrinterPerformance, TenThousandDiagnosticsInFiftyThousandLines) {
  llvm::SourceMgr SM;
  std::string Text;
  for (int I = 0; I < 50000; ++I)
    Text += "  attribute_" + std::to_string(I) + " = \"value\"\n";
  unsigned ID = addBuffer(SM, Text);
  llvm::StringRef Buf = SM.getMemoryBuffer(ID)->getBuffer();
  std::vector<size_t> LineStarts{0};
  for (size_t P = 0; P < Buf.size(); ++P)
    if (Buf[P] == '\n')
      LineStarts.push_back(P + 1);
  // Visit lines out of order so the cache cannot rely on monotonic access.
  std::vector<llvm::SMLoc> Locs;
  for (size_t I = 0; I < 10000; ++I)
    Locs.push_back(llvm::SMLoc::getFromPointer(
        Buf.data() + LineStarts[(I * 7919) % 50000] + 2));

  std::string Out;
  llvm::raw_string_ostream OS(Out);
  DiagnosticsEngine Diags(SM);
  Diags.setMaxErrors(0);
  Diags.addConsumer(std::make_unique<TextDiagnosticPrinter>(OS));
  auto Start = std::chrono::steady_clock::now();
  for (llvm::SMLoc L : Locs)
    Diags.report(
        llvm::SMRange(L, llvm::SMLoc::getFromPointer(L.getPointer() + 9)),
        diag::err_unexpected_token)
        << "identifier";
  OS.flush();
  double Ms = std::chrono::duration<double, std::milli>(
                  std::chrono::steady_clock::now() - Start)
                  .count();
  RecordProperty("milliseconds", std::to_string(Ms));
  std::printf("[ timing   ] 10000 diagnostics in %.1f ms\n", Ms);
  EXPECT_EQ(Diags.errorCount(), 10000u);
  // Line of the last diagnostic: (9999 * 7919) % 50000 + 1.
  EXPECT_NE(Out.find("main.rtc:" + std::to_string((9999 * 7919) % 50000 + 1) +
                     ":3: error: unexpected identifier [RTC0101]"),
            std::string::npos);
  EXPECT_LT(Ms, MaxMs);
}

} // namespace
