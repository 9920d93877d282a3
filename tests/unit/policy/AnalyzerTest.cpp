//===- AnalyzerTest.cpp - static checks of RAM policies -------------------===//
#include "PolicyTestUtil.h"
#include "rtc/Diag/DiagnosticsEngine.h"
#include "gtest/gtest.h"

using namespace rtc;
using namespace rtc::policy;
using namespace rtc::policy::test;

namespace {

/// Builds a one-statement policy JSON and analyses it.
struct Analysed {
  explicit Analysed(const std::string &Json, AnalyzerOptions Opts = {})
      : Src(Json) {
    std::vector<Finding> ParseFindings;
    Doc = Src.parse(ParseFindings, "p");
    EXPECT_TRUE(ParseFindings.empty()) << Json;
    Result = analyze(Doc, testCatalogue(), Opts);
  }
  const std::vector<Finding> &findings() const { return Result.Findings; }
  Source Src;
  PolicyDocument Doc;
  AnalysisResult Result;
};

std::string one(const std::string &Effect, const std::string &Action,
                const std::string &Resource) {
  return R"({"Version":"1","Statement":[{"Effect":")" + Effect +
         R"(","Action":")" + Action + R"(","Resource":")" + Resource +
         R"("}]})";
}
std::string allow(const std::string &Action,
                  const std::string &Resource = "acs:stream:*:*:*") {
  return one("Allow", Action, Resource);
}

TEST(AnalyzerActions, EveryWrongSeparatorGetsTheColonSuggestion) {
  for (char Sep : {'>', '/', '.', ';', ','}) {
    std::string Action = std::string("ram") + Sep + "PassRole";
    Analysed A(allow(Action, "acs:ram:*:*:*"));
    ASSERT_EQ(A.findings().size(), 1u) << Action;
    const Finding &F = A.findings()[0];
    EXPECT_EQ(F.Kind, diag::err_policy_action_separator);
    EXPECT_EQ(F.Suggestion, "ram:PassRole");
    EXPECT_EQ(F.Args[1], std::string(1, Sep));
    EXPECT_EQ(A.Src.at(F.Range), Action);
  }
}

TEST(AnalyzerActions, MissingColonIsAnErrorWithSuggestion) {
  Analysed A(allow("ramPassRole", "acs:ram:*:*:*"));
  ASSERT_EQ(A.findings().size(), 1u);
  EXPECT_EQ(A.findings()[0].Kind, diag::err_policy_action_malformed_suggest);
  EXPECT_EQ(A.findings()[0].Suggestion, "ram:PassRole");
}

TEST(AnalyzerActions, GarbageActionIsAnErrorWithoutSuggestion) {
  Analysed A(allow("::", "*"));
  ASSERT_GE(A.findings().size(), 1u);
  EXPECT_EQ(A.findings()[0].Kind, diag::err_policy_action_malformed);
  EXPECT_TRUE(A.findings()[0].Suggestion.empty());
}

TEST(AnalyzerActions, UnknownServiceIsAnErrorWithFuzzySuggestion) {
  Analysed A(allow("straem:*"));
  ASSERT_EQ(A.findings().size(), 1u);
  EXPECT_EQ(A.findings()[0].Kind, diag::err_policy_unknown_service_suggest);
  EXPECT_EQ(A.findings()[0].Args[2], "stream");
  EXPECT_EQ(A.findings()[0].Suggestion, "stream:*");
  EXPECT_TRUE(A.findings()[0].isError());
}

TEST(AnalyzerActions, UnknownServiceFarFromAnyIsAnErrorListingServices) {
  Analysed A(allow("kafkaesque:Produce", "*"));
  const Finding *F = findKind(A.findings(), diag::err_policy_unknown_service);
  ASSERT_NE(F, nullptr);
  EXPECT_NE(F->Args[2].find("stream"), std::string::npos);
}

TEST(AnalyzerActions, UnknownActionOfKnownServiceIsOnlyAWarning) {
  Analysed A(allow("ram:PassRol", "acs:ram:*:*:*"));
  ASSERT_EQ(A.findings().size(), 1u);
  EXPECT_EQ(A.findings()[0].Kind, diag::warn_policy_unknown_action_suggest);
  EXPECT_EQ(A.findings()[0].Suggestion, "ram:PassRole");
  EXPECT_TRUE(A.Result.passed());

  Analysed B(allow("ram:Frobnicate", "acs:ram:*:*:*"));
  ASSERT_EQ(B.findings().size(), 1u);
  EXPECT_EQ(B.findings()[0].Kind, diag::warn_policy_unknown_action);
}

TEST(AnalyzerActions, ActionNamesAreCaseInsensitive) {
  Analysed A(allow("RAM:passrole", "acs:ram:*:*:*"));
  EXPECT_TRUE(A.findings().empty());
}

TEST(AnalyzerActions, WildcardMatchingNoKnownActionIsAWarning) {
  Analysed A(allow("ots:Zap*", "*"));
  ASSERT_EQ(A.findings().size(), 1u);
  EXPECT_EQ(A.findings()[0].Kind, diag::warn_policy_pattern_matches_nothing);
  Analysed B(allow("ots:*Row", "*"));
  EXPECT_TRUE(B.findings().empty());
}

TEST(AnalyzerResources, MalformedArnIsAnErrorAtTheResource) {
  for (const char *Bad : {"acs:stream:*:projectname", "arn:aws:s3:::bucket",
                          "stream", "acs::*:*:x", "acs:stream:*:*:"}) {
    Analysed A(allow("stream:*", Bad));
    const Finding *F =
        findKind(A.findings(), diag::err_policy_resource_malformed);
    ASSERT_NE(F, nullptr) << Bad;
    EXPECT_EQ(A.Src.at(F->Range), Bad);
  }
}

TEST(AnalyzerResources, ArnsWithEmptyRegionOrColonsInTheResourceAreFine) {
  EXPECT_TRUE(Analysed(allow("ram:PassRole",
                             "acs:ram::123456:role/aliyunstreamdefaultrole"))
                  .findings()
                  .empty());
  EXPECT_TRUE(
      Analysed(allow("stream:*", "acs:stream:cn-hangzhou:123:clicks:extra"))
          .findings()
          .empty());
}

TEST(AnalyzerResources, UnknownArnServiceIsAnErrorWithSuggestion) {
  Analysed A(allow("stream:*", "acs:straem:*:*:*"));
  const Finding *F =
      findKind(A.findings(), diag::err_policy_resource_unknown_service_suggest);
  ASSERT_NE(F, nullptr);
  EXPECT_EQ(F->Suggestion, "acs:stream:*:*:*");
}

TEST(AnalyzerResources, ArnOfAServiceNoActionUsesIsAWarning) {
  Analysed A(allow("ram:PassRole", "acs:stream:*:*:*"));
  ASSERT_EQ(A.findings().size(), 1u);
  EXPECT_EQ(A.findings()[0].Kind, diag::warn_policy_resource_service_mismatch);
  EXPECT_EQ(A.findings()[0].Args[1], "stream");
}

TEST(AnalyzerOverbroad, StarAndStarColonStarAreWarnings) {
  for (const char *Act : {"*", "*:*"}) {
    Analysed A(allow(Act, "*"));
    ASSERT_EQ(A.findings().size(), 1u) << Act;
    EXPECT_EQ(A.findings()[0].Kind, diag::warn_policy_overbroad_action);
  }
}

TEST(AnalyzerOverbroad, WriteActionsOfStreamOrRamOnEveryResourceAreWarnings) {
  for (const char *Act :
       {"stream:*", "stream:Create*", "ram:PassRole", "stream:DeleteProject"}) {
    Analysed A(allow(Act, "*"));
    ASSERT_EQ(A.findings().size(), 1u) << Act;
    EXPECT_EQ(A.findings()[0].Kind, diag::warn_policy_overbroad_write) << Act;
  }
}

TEST(AnalyzerOverbroad, ReadsOrScopedResourcesOrDeniesAreFine) {
  EXPECT_TRUE(Analysed(allow("stream:Get*", "*")).findings().empty());
  EXPECT_TRUE(
      Analysed(allow("stream:DescribeCluster", "*")).findings().empty());
  EXPECT_TRUE(
      Analysed(allow("stream:*", "acs:stream:*:*:*")).findings().empty());
  EXPECT_TRUE(Analysed(allow("oss:*", "*")).findings().empty());
  EXPECT_TRUE(Analysed(one("Deny", "*", "*")).findings().empty());
}

TEST(AnalyzerProjects, UndeclaredProjectGetsDidYouMean) {
  AnalyzerOptions Opts;
  std::set<std::string> Projects{"clicks", "billing"};
  Opts.KnownProjects = &Projects;
  Analysed A(allow("stream:*", "acs:stream:*:*:clickz"), Opts);
  ASSERT_EQ(A.findings().size(), 1u);
  EXPECT_EQ(A.findings()[0].Kind, diag::warn_policy_unknown_project_suggest);
  EXPECT_EQ(A.findings()[0].Suggestion, "acs:stream:*:*:clicks");
  EXPECT_TRUE(Analysed(allow("stream:*", "acs:stream:*:*:clicks/job1"), Opts)
                  .findings()
                  .empty());
  EXPECT_TRUE(Analysed(allow("stream:*", "acs:stream:*:*:c*"), Opts)
                  .findings()
                  .empty());
}

TEST(AnalyzerProjects, SkippedWhenProjectsAreUnknown) {
  EXPECT_TRUE(
      Analysed(allow("stream:*", "acs:stream:*:*:clickz")).findings().empty());
}

const char *TwoAllows = R"({"Version":"1","Statement":[
  {"Effect":"Allow","Action":"stream:*","Resource":"acs:stream:*:*:*"},
  {"Effect":"Allow","Action":["stream:GetJob","stream:CreateJob"],"Resource":"acs:stream:*:*:clicks"}]})";

TEST(AnalyzerShadowing, AllowCoveredByAnEarlierAllowIsAWarning) {
  Analysed A(TwoAllows);
  ASSERT_EQ(A.findings().size(), 1u);
  const Finding &F = A.findings()[0];
  EXPECT_EQ(F.Kind, diag::warn_policy_shadowed);
  EXPECT_EQ(F.Statement, 1);
  EXPECT_EQ(F.Args, (std::vector<std::string>{"2", "1"}));
  EXPECT_EQ(A.Src.at(F.Range).front(), '{');
}

TEST(AnalyzerShadowing, NarrowerStatementFirstIsNotShadowed) {
  Analysed A(R"({"Version":"1","Statement":[
    {"Effect":"Allow","Action":"stream:GetJob","Resource":"acs:stream:*:*:clicks"},
    {"Effect":"Allow","Action":"stream:*","Resource":"acs:stream:*:*:*"}]})");
  EXPECT_TRUE(A.findings().empty());
}

TEST(AnalyzerShadowing, ConditionalEarlierAllowDoesNotShadow) {
  Analysed A(R"({"Version":"1","Statement":[
    {"Effect":"Allow","Action":"stream:*","Resource":"acs:stream:*:*:*","Condition":{"Bool":{"acs:MFAPresent":"true"}}},
    {"Effect":"Allow","Action":"stream:GetJob","Resource":"acs:stream:*:*:clicks"}]})");
  EXPECT_TRUE(A.findings().empty());
}

TEST(AnalyzerShadowing, AllowEntirelyDeniedIsAWarning) {
  Analysed A(R"({"Version":"1","Statement":[
    {"Effect":"Allow","Action":"stream:GetJob","Resource":"acs:stream:*:*:clicks"},
    {"Effect":"Deny","Action":"stream:*","Resource":"*"}]})");
  ASSERT_EQ(A.findings().size(), 1u);
  EXPECT_EQ(A.findings()[0].Kind, diag::warn_policy_allow_denied);
  EXPECT_EQ(A.findings()[0].Args, (std::vector<std::string>{"1", "2"}));
}

TEST(AnalyzerModes, PermissiveSkipsAdvisoryPasses) {
  AnalyzerOptions Permissive;
  Permissive.Mode = AnalysisMode::Permissive;
  EXPECT_TRUE(Analysed(TwoAllows, Permissive).findings().empty());
  EXPECT_TRUE(Analysed(allow("*", "*"), Permissive).findings().empty());
  EXPECT_EQ(
      Analysed(allow("dhs>DeleteTopic", "*"), Permissive).findings().size(),
      1u);
}

TEST(AnalyzerPasses, RunIndependently) {
  Source Src(allow("stream:*", "acs:straem:*:*:*"));
  std::vector<Finding> Parse;
  PolicyDocument Doc = Src.parse(Parse);
  std::vector<Finding> Actions, Resources;
  checkActions(Doc, testCatalogue(), Actions);
  checkResources(Doc, testCatalogue(), Resources);
  EXPECT_TRUE(Actions.empty());
  EXPECT_EQ(Resources.size(), 1u);
}

TEST(AnalyzerReporting, FindingsBecomeDiagnosticsWithCodesAndFixIts) {
  Analysed A(allow("dhs>DeleteTopic", "*"));
  DiagnosticsEngine Diags(A.Src.SM);
  reportFindings(Diags, A.findings());
  ASSERT_EQ(Diags.diagnostics().size(), 1u);
  const Diagnostic &D = Diags.diagnostics()[0];
  EXPECT_EQ(D.Code, "RTC0420");
  EXPECT_EQ(D.Sev, Severity::Error);
  EXPECT_NE(D.Message.find("did you mean `dhs:DeleteTopic`?"),
            std::string::npos)
      << D.Message;
  ASSERT_EQ(D.FixIts.size(), 1u);
  EXPECT_EQ(D.FixIts[0].Replacement, "dhs:DeleteTopic");
  EXPECT_EQ(A.Src.at(D.Range), "dhs>DeleteTopic");
}

TEST(AnalyzerReporting, ParseOverloadReportsThroughTheEngine) {
  Source Src(
      R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"a:B"}]})");
  DiagnosticsEngine Diags(Src.SM);
  parsePolicyJson(Src.text(), Src.start(), Diags, "p");
  EXPECT_EQ(Diags.errorCount(), 1u);
  EXPECT_EQ(Diags.diagnostics()[0].Code, "RTC0406");
}

TEST(ActionCatalogueLookup, ServicesAndActionsIgnoreCase) {
  ActionCatalogue C = testCatalogue();
  EXPECT_NE(C.find("STREAM"), nullptr);
  EXPECT_EQ(C.find("nosuch"), nullptr);
  EXPECT_TRUE(C.hasAction("Ram", "passROLE"));
  EXPECT_FALSE(C.hasAction("ram", "Pass"));
}

TEST(FindingSeverity, ComesFromThePolicyTable) {
  EXPECT_EQ(policySeverity(diag::err_policy_action_separator), Severity::Error);
  EXPECT_EQ(policySeverity(diag::warn_policy_shadowed), Severity::Warning);
}

} // namespace
