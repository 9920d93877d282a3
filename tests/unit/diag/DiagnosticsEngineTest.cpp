//===- DiagnosticsEngineTest.cpp - building, counting and dispatching -----===//
#include "rtc/Diag/DiagnosticsEngine.h"
#include "DiagTestUtil.h"
#include <gtest/gtest.h>

using namespace rtc;
using namespace rtc::test;

namespace {

struct Recorder : DiagnosticConsumer {
  std::vector<std::string> *Log;
  explicit Recorder(std::vector<std::string> *Log) : Log(Log) {}
  void handle(const Diagnostic &D, const llvm::SourceMgr &) override {
    Log->push_back(std::string(diag::severityName(D.Sev)) + " " + D.Code + " " +
                   D.Message);
  }
  void finish(const llvm::SourceMgr &) override { Log->push_back("finish"); }
};

Diagnostic warningDiag(const std::string &Msg) {
  Diagnostic D;
  D.Id = diag::err_unexpected_token; // any ID; the severity is what matters
  D.Sev = Severity::Warning;
  D.Code = "RTC9999";
  D.Message = Msg;
  return D;
}

class DiagnosticsEngineTest : public ::testing::Test {
protected:
  llvm::SourceMgr SM;
  unsigned ID = addBuffer(SM, "cluster analytics {\n  order = \"x\"\n");
  DiagnosticsEngine Diags{SM};
  std::vector<std::string> Log;
  void SetUp() override { Diags.addConsumer(std::make_unique<Recorder>(&Log)); }
};

TEST_F(DiagnosticsEngineTest, FormatsMessageAndHintFromTheTable) {
  Diags.report(locOf(SM, ID, "{"), diag::err_expected_close_brace) << "cluster"
                                                                   << "1:19";
  ASSERT_EQ(Diags.diagnostics().size(), 1u);
  const Diagnostic &D = Diags.diagnostics()[0];
  EXPECT_EQ(D.Id, diag::err_expected_close_brace);
  EXPECT_EQ(D.Code, "RTC0102");
  EXPECT_EQ(D.Sev, Severity::Error);
  EXPECT_EQ(D.Message, "expected `}` to close block `cluster` opened at 1:19");
  EXPECT_EQ(D.Hint, "add `}` after the last item of the block");
  EXPECT_EQ(D.Range.Start, locOf(SM, ID, "{"));
}

TEST_F(DiagnosticsEngineTest, HintMayUseTheMessageArguments) {
  Diags.report(llvm::SMLoc(), diag::err_not_formatted) << "main.rtc";
  EXPECT_EQ(Diags.diagnostics()[0].Hint, "run `rtcc fmt --write main.rtc`");
}

TEST_F(DiagnosticsEngineTest, StreamsNumbersAsText) {
  Diags.report(llvm::SMLoc(), diag::err_expected_token) << 42 << 2.5;
  Diags.report(llvm::SMLoc(), diag::err_expected_token) << size_t(7) << -3LL;
  EXPECT_EQ(Diags.diagnostics()[0].Message, "expected 42, found 2.5");
  EXPECT_EQ(Diags.diagnostics()[1].Message, "expected 7, found -3");
}

TEST_F(DiagnosticsEngineTest, HintOverrideReplacesTheTableHint) {
  Diags.report(llvm::SMLoc(), diag::err_unexpected_token)
          .hint("did you mean `==`?")
      << "`=`";
  Diags.report(llvm::SMLoc(), diag::err_unterminated_comment).hint("");
  EXPECT_EQ(Diags.diagnostics()[0].Hint, "did you mean `==`?");
  EXPECT_EQ(Diags.diagnostics()[1].Hint, "");
}

TEST_F(DiagnosticsEngineTest, KeepsNotesAndFixIts) {
  llvm::SMRange Open = rangeOf(SM, ID, "{");
  llvm::SMLoc End = locOf(SM, ID, "\"x\"");
  Diags.report(End, diag::err_expected_close_brace)
          .note(Open, diag::note_opened_here, "block")
          .note(llvm::SMRange(), "free text note")
          .fixit(pointAt(End), "}")
      << "cluster"
      << "1:19";
  const Diagnostic &D = Diags.diagnostics()[0];
  ASSERT_EQ(D.Notes.size(), 2u);
  EXPECT_EQ(D.Notes[0].Message, "block opened here");
  EXPECT_EQ(D.Notes[0].Code, "RTC0190");
  EXPECT_EQ(D.Notes[0].Range.Start, Open.Start);
  EXPECT_EQ(D.Notes[1].Message, "free text note");
  EXPECT_EQ(D.Notes[1].Code, "");
  ASSERT_EQ(D.FixIts.size(), 1u);
  EXPECT_EQ(D.FixIts[0].Replacement, "}");
}

TEST_F(DiagnosticsEngineTest, MovedFromBuilderDoesNotReportTwice) {
  {
    DiagnosticBuilder B =
        Diags.report(llvm::SMLoc(), diag::err_unterminated_string);
    DiagnosticBuilder B2(std::move(B));
  }
  EXPECT_EQ(Diags.diagnostics().size(), 1u);
  EXPECT_EQ(Log.size(), 1u);
}

TEST_F(DiagnosticsEngineTest, ConsumersSeeDiagnosticsInOrderAndFinishOnce) {
  Diags.report(llvm::SMLoc(), diag::err_unterminated_string);
  Diags.emit(warningDiag("careful"));
  Diags.finish();
  Diags.finish();
  EXPECT_EQ(Log,
            (std::vector<std::string>{"error RTC0105 unterminated string",
                                      "warning RTC9999 careful", "finish"}));
}

TEST_F(DiagnosticsEngineTest, CountsErrorsAndWarningsButNotNotes) {
  Diags.report(llvm::SMLoc(), diag::err_unterminated_string);
  Diags.emit(warningDiag("w1"));
  Diags.emit(warningDiag("w2"));
  Diags.report(llvm::SMLoc(), diag::note_opened_here) << "block";
  EXPECT_EQ(Diags.errorCount(), 1u);
  EXPECT_EQ(Diags.warningCount(), 2u);
  EXPECT_TRUE(Diags.hasErrors());
}

TEST_F(DiagnosticsEngineTest, NoErrorsMeansHasErrorsIsFalse) {
  Diags.emit(warningDiag("w"));
  EXPECT_FALSE(Diags.hasErrors());
}

TEST_F(DiagnosticsEngineTest, WarningsAsErrorsPromotesWarnings) {
  Diags.setWarningsAsErrors(true);
  Diags.emit(warningDiag("w"));
  EXPECT_EQ(Diags.diagnostics()[0].Sev, Severity::Error);
  EXPECT_EQ(Diags.errorCount(), 1u);
  EXPECT_EQ(Diags.warningCount(), 0u);
  EXPECT_EQ(Log[0], "error RTC9999 w");
}

TEST_F(DiagnosticsEngineTest, ErrorLimitDropsLaterErrorsAndSaysSoOnce) {
  Diags.setMaxErrors(2);
  for (int I = 0; I < 5; ++I)
    Diags.report(llvm::SMLoc(), diag::err_unexpected_character) << I;
  EXPECT_EQ(Log, (std::vector<std::string>{
                     "error RTC0111 unexpected character `0`",
                     "error RTC0111 unexpected character `1`",
                     "error RTC0003 too many errors emitted, stopping now"}));
  EXPECT_TRUE(Diags.reachedErrorLimit());
  EXPECT_EQ(Diags.errorCount(), 3u);
  EXPECT_EQ(Diags.diagnostics().back().Hint,
            "raise the limit with --max-errors=N (0 means no limit)");
}

TEST_F(DiagnosticsEngineTest, ErrorLimitKeepsWarnings) {
  Diags.setMaxErrors(1);
  Diags.report(llvm::SMLoc(), diag::err_unterminated_string);
  Diags.report(llvm::SMLoc(), diag::err_unterminated_string);
  Diags.emit(warningDiag("still shown"));
  ASSERT_EQ(Log.size(), 3u);
  EXPECT_EQ(Log[2], "warning RTC9999 still shown");
}

TEST_F(DiagnosticsEngineTest, DefaultErrorLimitIsTwenty) {
  for (int I = 0; I < 30; ++I)
    Diags.report(llvm::SMLoc(), diag::err_unterminated_string);
  EXPECT_EQ(Diags.diagnostics().size(), 21u);
  EXPECT_EQ(Diags.diagnostics().back().Id, diag::err_too_many_errors);
}

TEST_F(DiagnosticsEngineTest, ErrorLimitZeroMeansNoLimit) {
  Diags.setMaxErrors(0);
  for (int I = 0; I < 100; ++I)
    Diags.report(llvm::SMLoc(), diag::err_unterminated_string);
  EXPECT_EQ(Diags.errorCount(), 100u);
  EXPECT_FALSE(Diags.reachedErrorLimit());
}

} // namespace

namespace {

/// Also asks for silenced diagnostics, as SARIF does.
struct SuppressedRecorder : DiagnosticConsumer {
  std::vector<std::string> *Log;
  explicit SuppressedRecorder(std::vector<std::string> *Log) : Log(Log) {}
  void handle(const Diagnostic &D, const llvm::SourceMgr &) override {
    if (D.Suppressed)
      Log->push_back("suppressed " + D.Code);
  }
  bool wantsSuppressed() const override { return true; }
};

class SuppressionTest : public ::testing::Test {
protected:
  llvm::SourceMgr SM;
  unsigned ID = addBuffer(SM, "// rtcc-ignore: RTC0309\ncluster a {}\nb = 1\n");
  DiagnosticsEngine Diags{SM};
  std::vector<std::string> Log;
  void SetUp() override {
    Diags.addConsumer(std::make_unique<Recorder>(&Log));
    Diags.addConsumer(std::make_unique<SuppressedRecorder>(&Log));
    IgnoreComment C;
    C.Range = {locOf(SM, ID, "//"), locOf(SM, ID, "\ncluster")};
    C.Covered = {locOf(SM, ID, "cluster"), locOf(SM, ID, "}")};
    C.CoveredText = "line 2";
    IgnoredCode Code;
    Code.Code = "RTC0309";
    Code.Range = {locOf(SM, ID, "RTC0309"), locOf(SM, ID, "\ncluster")};
    C.Codes.push_back(Code);
    Diags.suppressions().addIgnore(C);
  }
};

TEST_F(SuppressionTest, CommentSilencesItsCodeInsideWhatItCovers) {
  Diags.report(locOf(SM, ID, "a {"), diag::warn_master_count_not_failover)
      << "a" << 1 << 3;
  EXPECT_EQ(Log, (std::vector<std::string>{"suppressed RTC0309"}));
  EXPECT_EQ(Diags.warningCount(), 0u);
  EXPECT_EQ(Diags.suppressed().size(), 1u);
  Diags.settleIgnores(/*ReportUnused=*/true);
  EXPECT_EQ(Diags.warningCount(), 0u); // it was used
}

TEST_F(SuppressionTest, OutsideTheCoveredRangeTheWarningIsShown) {
  Diags.report(locOf(SM, ID, "b = 1"), diag::warn_master_count_not_failover)
      << "a" << 1 << 3;
  EXPECT_EQ(Diags.warningCount(), 1u);
  Diags.settleIgnores(/*ReportUnused=*/true);
  EXPECT_EQ(Diags.warningCount(), 2u);
  EXPECT_EQ(Diags.diagnostics().back().Code, "RTC0007");
  ASSERT_EQ(Diags.diagnostics().back().FixIts.size(), 1u);
}

TEST_F(SuppressionTest, SettledIgnoresAreNotReportedTwice) {
  Diags.settleIgnores(/*ReportUnused=*/false);
  Diags.settleIgnores(/*ReportUnused=*/true);
  EXPECT_EQ(Diags.warningCount(), 0u);
}

TEST_F(SuppressionTest, ErrorsAreNeverSilenced) {
  Diags.suppressions().disable("RTC0101");
  Diags.report(locOf(SM, ID, "a {"), diag::err_unexpected_token) << "x";
  EXPECT_EQ(Diags.errorCount(), 1u);
}

TEST_F(SuppressionTest, DisabledCodeIsExternalAndPromotionComesAfter) {
  Diags.suppressions().disable("RTC0309");
  Diags.setWarningsAsErrors(true);
  Diags.report(locOf(SM, ID, "b = 1"), diag::warn_master_count_not_failover)
      << "a" << 1 << 3;
  EXPECT_EQ(Diags.errorCount(), 0u);
  ASSERT_EQ(Diags.suppressed().size(), 1u);
  EXPECT_EQ(Diags.suppressed()[0].Suppressed->K, Suppression::Kind::External);
}

TEST_F(SuppressionTest, NamedCodesArePromotedRemarksToo) {
  Diags.setWarningsAsErrorsFor({"RTC0356"});
  Diags.report(locOf(SM, ID, "b = 1"), diag::remark_removable_after_cluster)
      << "x"
      << "c"
      << "p";
  EXPECT_EQ(Diags.errorCount(), 1u);
}

} // namespace
