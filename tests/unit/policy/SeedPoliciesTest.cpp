//===- SeedPoliciesTest.cpp - the vendor's own policies, verbatim ---------===//
//
// The guide's policies, copied byte for byte into data/ (see data/README.md),
// read and analysed as a user's raw-string policy would be.
//
//===----------------------------------------------------------------------===//
#include "PolicyTestUtil.h"
#include "gtest/gtest.h"
#include <fstream>
#include <sstream>

using namespace rtc;
using namespace rtc::policy;
using namespace rtc::policy::test;

namespace {

std::string readData(const std::string &Name) {
  std::ifstream In(std::string(POLICY_TEST_DATA) + "/" + Name,
                   std::ios::binary);
  std::stringstream SS;
  SS << In.rdbuf();
  return SS.str();
}

TEST(SeedPolicies, ExtractedCopyLacksTheClosingBraceAndSaysSo) {
  std::string Text = readData("seed-AliyunStreamRolePolicy.json");
  ASSERT_FALSE(Text.empty());
  Source Src(Text);
  std::vector<Finding> Fs;
  Src.parse(Fs, "AliyunStreamRolePolicy");
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Kind, diag::err_policy_json_syntax);
  EXPECT_EQ(Src.offset(Fs[0].Range.Start), Text.size());
  EXPECT_NE(Fs[0].Args[0].find("expected `,` or `}`"), std::string::npos);
}

TEST(SeedPolicies, AliyunStreamRolePolicyHasExactlyTheDhsTypo) {
  std::string Text = readData("seed-AliyunStreamRolePolicy.json") + "}";
  Source Src(Text);
  std::vector<Finding> Fs;
  PolicyDocument Doc = Src.parse(Fs, "AliyunStreamRolePolicy");
  ASSERT_TRUE(Fs.empty());
  ASSERT_EQ(Doc.Statements.size(), 9u);

  AnalysisResult R = analyze(Doc, testCatalogue());
  ASSERT_EQ(R.Findings.size(), 1u);
  const Finding &F = R.Findings[0];
  EXPECT_EQ(F.Kind, diag::err_policy_action_separator);
  EXPECT_EQ(Src.at(F.Range), "dhs>DeleteTopic");
  EXPECT_EQ(Src.offset(F.Range.Start), Text.find("dhs>DeleteTopic"));
  EXPECT_EQ(F.Suggestion, "dhs:DeleteTopic");
  EXPECT_EQ(F.Args, (std::vector<std::string>{"dhs>DeleteTopic", ">",
                                              "dhs:DeleteTopic"}));
  EXPECT_EQ(F.PolicyName, "AliyunStreamRolePolicy");
  EXPECT_EQ(F.Statement, 1);
  EXPECT_FALSE(R.passed());
}

TEST(SeedPolicies, ExclusiveModeRolePolicyIsClean) {
  std::string Text = readData("seed-exclusive-role-policy.json") + "}";
  Source Src(Text);
  std::vector<Finding> Fs;
  PolicyDocument Doc = Src.parse(Fs, "AliyunStreamDefaultRole");
  ASSERT_TRUE(Fs.empty());
  ASSERT_EQ(Doc.Statements.size(), 2u);
  EXPECT_EQ(Doc.Statements[1].Actions.size(), 7u);
  AnalysisResult R = analyze(Doc, testCatalogue());
  EXPECT_TRUE(R.Findings.empty());
}

TEST(SeedPolicies, ReferenceSubAccountPolicyIsClean) {
  Source Src(referenceSubAccountPolicy());
  std::vector<Finding> Fs;
  PolicyDocument Doc = Src.parse(Fs, "stream_dev");
  ASSERT_TRUE(Fs.empty());
  AnalyzerOptions Strict;
  AnalysisResult R = analyze(Doc, testCatalogue(), Strict);
  EXPECT_TRUE(R.Findings.empty());
  EXPECT_TRUE(R.passed());
}

TEST(SeedPolicies, ProjectScopedReferencePolicyNeedsADeclaredProject) {
  // docs/service.md#accounts: replace `acs:stream:*:*:*` by `acs:stream:*:*:projectname`.
  std::string Text = referenceSubAccountPolicy();
  std::string From = "acs:stream:*:*:*";
  Text.replace(Text.find(From), From.size(), "acs:stream:*:*:projectname");
  Source Src(Text);
  std::vector<Finding> Fs;
  PolicyDocument Doc = Src.parse(Fs);
  AnalyzerOptions Opts;
  std::set<std::string> Clicks{"clicks"};
  Opts.KnownProjects = &Clicks;
  AnalysisResult R = analyze(Doc, testCatalogue(), Opts);
  ASSERT_EQ(R.Findings.size(), 1u);
  EXPECT_EQ(R.Findings[0].Kind, diag::warn_policy_unknown_project);
  EXPECT_EQ(Src.at(R.Findings[0].Range), "acs:stream:*:*:projectname");
  std::set<std::string> Placeholder{"projectname"};
  Opts.KnownProjects = &Placeholder;
  EXPECT_TRUE(analyze(Doc, testCatalogue(), Opts).Findings.empty());
}

} // namespace
