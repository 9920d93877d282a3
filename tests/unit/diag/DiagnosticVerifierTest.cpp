//===- DiagnosticVerifierTest.cpp - expected-error comments ---------------===//
#include "rtc/Diag/DiagnosticVerifier.h"
#include "DiagTestUtil.h"
#include "llvm/Support/raw_ostream.h"
#include <gtest/gtest.h>

using namespace rtc;
using namespace rtc::test;

namespace {

class VerifierTest : public ::testing::Test {
protected:
  llvm::SourceMgr SM;
  std::string Out;
  llvm::raw_string_ostream OS{Out};
  DiagnosticsEngine Diags{SM};
  DiagnosticVerifier *V = nullptr;
  void SetUp() override {
    auto P = std::make_unique<DiagnosticVerifier>(OS);
    V = P.get();
    Diags.addConsumer(std::move(P));
  }
  bool finish() {
    Diags.finish();
    OS.flush();
    return V->succeeded();
  }
};

TEST_F(VerifierTest, MatchingDiagnosticsPass) {
  unsigned ID = addBuffer(SM, "a = 1; // expected-error {{unexpected `;`}}\n"
                              "# expected-error@+1 {{unterminated}}\n"
                              "b = \"x\n");
  Diags.report(locOf(SM, ID, ";"), diag::err_unexpected_semicolon);
  Diags.report(locOf(SM, ID, "\"x"), diag::err_unterminated_string);
  EXPECT_TRUE(finish()) << Out;
  EXPECT_EQ(Out, "");
  EXPECT_EQ(V->failureCount(), 0u);
}

TEST_F(VerifierTest, RelativeAndAbsoluteLinesAndCodes) {
  unsigned ID =
      addBuffer(SM, "cluster c {\n"
                    "  a = 1\n"
                    "// expected-note@-2 {{block opened here}}\n"
                    "// expected-error[RTC0102]@2 {{expected `}`}}\n"
                    "/* expected-error@-3 {{close block `cluster`}} */\n");
  Diags.report(locOf(SM, ID, "a"), diag::err_expected_close_brace)
          .note(rangeOf(SM, ID, "{"), diag::note_opened_here, "block")
      << "cluster"
      << "1:11";
  Diags.report(locOf(SM, ID, "1"), diag::err_expected_close_brace) << "cluster"
                                                                   << "1:11";
  EXPECT_TRUE(finish()) << Out;
}

TEST_F(VerifierTest, ReportsUnexpectedAndMissingDiagnosticsLikeClang) {
  unsigned ID = addBuffer(SM,
                          "a = 1;\n"
                          "b = 2 // expected-error {{not produced}}\n"
                          "// expected-note@+1 {{opened}}\n"
                          "\n",
                          "t.rtc");
  Diags.report(locOf(SM, ID, ";"), diag::err_unexpected_semicolon);
  Diags.report(llvm::SMLoc(), diag::err_no_input_files) << ".";
  EXPECT_FALSE(finish());
  EXPECT_EQ(Out, "error: 'error' diagnostics expected but not seen:\n"
                 "  File t.rtc Line 2: not produced\n"
                 "error: 'error' diagnostics seen but not expected:\n"
                 "  File t.rtc Line 1: unexpected `;` [RTC0109]\n"
                 "  (no location): no .rtc files found in '.' [RTC0002]\n"
                 "error: 'note' diagnostics expected but not seen:\n"
                 "  File t.rtc Line 4 (directive at t.rtc:3): opened\n");
  EXPECT_EQ(V->failureCount(), 4u);
}

TEST_F(VerifierTest, WrongCodeOrSeverityOrLineDoesNotMatch) {
  unsigned ID = addBuffer(SM,
                          "a = 1; // expected-error[RTC0101] {{unexpected}}\n"
                          "b = 2; // expected-warning {{unexpected}}\n"
                          "c = 3;\n"
                          "// expected-error@-2 {{unexpected}}\n",
                          "t.rtc");
  Diags.report(locOf(SM, ID, ";"), diag::err_unexpected_semicolon);
  Diags.report(locOf(SM, ID, ";", 1), diag::err_unexpected_semicolon);
  Diags.report(locOf(SM, ID, ";", 2), diag::err_unexpected_semicolon);
  EXPECT_FALSE(finish());
  EXPECT_EQ(Out, "error: 'error' diagnostics expected but not seen:\n"
                 "  File t.rtc Line 1: unexpected [RTC0101]\n"
                 "error: 'error' diagnostics seen but not expected:\n"
                 "  File t.rtc Line 1: unexpected `;` [RTC0109]\n"
                 "  File t.rtc Line 3: unexpected `;` [RTC0109]\n"
                 "error: 'warning' diagnostics expected but not seen:\n"
                 "  File t.rtc Line 2: unexpected\n");
}

TEST_F(VerifierTest, EachExpectationMatchesOneDiagnostic) {
  unsigned ID =
      addBuffer(SM, "a = ;; // expected-error {{unexpected `;`}}\n", "t.rtc");
  Diags.report(locOf(SM, ID, ";"), diag::err_unexpected_semicolon);
  Diags.report(locOf(SM, ID, ";", 1), diag::err_unexpected_semicolon);
  EXPECT_FALSE(finish());
  EXPECT_EQ(V->failureCount(), 1u);
  EXPECT_NE(Out.find("seen but not expected"), std::string::npos);
}

TEST_F(VerifierTest, TwoDirectivesOnOneLine) {
  unsigned ID = addBuffer(
      SM, "a = ;; // expected-error {{`;`}} expected-error {{`;`}}\n");
  Diags.report(locOf(SM, ID, ";"), diag::err_unexpected_semicolon);
  Diags.report(locOf(SM, ID, ";", 1), diag::err_unexpected_semicolon);
  EXPECT_TRUE(finish()) << Out;
}

TEST_F(VerifierTest, UnlocatedNotesBelongToTheirDiagnosticsLine) {
  unsigned ID = addBuffer(
      SM, "a = ; // expected-error {{`;`}} expected-note {{see docs}}\n");
  Diags.report(locOf(SM, ID, ";"), diag::err_unexpected_semicolon)
      .note(llvm::SMRange(), "see docs");
  EXPECT_TRUE(finish()) << Out;
}

TEST_F(VerifierTest, DirectivesOutsideCommentsAreIgnored) {
  unsigned ID = addBuffer(SM, "s = \"expected-error {{x}}\"\n"
                              "// expected-no-diagnostics\n");
  (void)ID;
  EXPECT_TRUE(finish()) << Out;
}

TEST_F(VerifierTest, NoDiagnosticsFileFailsOnAnyDiagnostic) {
  unsigned ID = addBuffer(SM, "a = ;\n// expected-no-diagnostics\n", "t.rtc");
  Diags.report(locOf(SM, ID, ";"), diag::err_unexpected_semicolon);
  EXPECT_FALSE(finish());
  EXPECT_EQ(Out, "error: 'error' diagnostics seen but not expected:\n"
                 "  File t.rtc Line 1: unexpected `;` [RTC0109]\n");
}

TEST_F(VerifierTest, FileWithoutDirectivesIsAnError) {
  addBuffer(SM, "a = 1\n");
  EXPECT_FALSE(finish());
  EXPECT_EQ(Out, "error: no expected directives found: consider use of "
                 "'expected-no-diagnostics'\n");
}

TEST_F(VerifierTest, MalformedDirectivesAreReported) {
  addBuffer(SM,
            "// expected-error no braces\n"
            "# expected-error {{never closed\n"
            "// expected-note@x {{bad line}}\n"
            "// expected-error@-9 {{before the file}}\n",
            "t.rtc");
  EXPECT_FALSE(finish());
  EXPECT_EQ(
      Out, "t.rtc:1:4: error: cannot find start ('{{') of expected-error text\n"
           "t.rtc:2:3: error: cannot find end ('}}') of expected-error text\n"
           "t.rtc:3:4: error: expected a line number after '@' in "
           "expected-note directive\n"
           "t.rtc:4:4: error: line offset in expected-error directive "
           "points before the first line\n"
           "error: no expected directives found: consider use of "
           "'expected-no-diagnostics'\n");
}

TEST_F(VerifierTest, ChecksEveryBuffer) {
  addBuffer(SM, "// expected-no-diagnostics\n", "a.rtc");
  unsigned B = addBuffer(SM, "x = ; // expected-error {{`;`}}\n", "b.rtc");
  Diags.report(locOf(SM, B, ";"), diag::err_unexpected_semicolon);
  EXPECT_TRUE(finish()) << Out;
}

} // namespace
