//===- PolicyJsonTest.cpp - reading RAM policy JSON with positions --------===//
#include "PolicyTestUtil.h"
#include "gtest/gtest.h"
#include <random>

using namespace rtc;
using namespace rtc::policy;
using namespace rtc::policy::test;

namespace {

TEST(PolicyJson, ReadsTheReferencePolicyWithExactRanges) {
  Source Src(referenceSubAccountPolicy());
  std::vector<Finding> Fs;
  PolicyDocument Doc = Src.parse(Fs, "dev");
  EXPECT_TRUE(Fs.empty());
  EXPECT_EQ(Doc.Name, "dev");
  EXPECT_EQ(Doc.Version, "1");
  ASSERT_EQ(Doc.Statements.size(), 2u);
  const PolicyStatement &S0 = Doc.Statements[0];
  EXPECT_EQ(S0.Eff, Effect::Allow);
  ASSERT_EQ(S0.Actions.size(), 1u);
  EXPECT_EQ(S0.Actions[0].Value, "stream:*");
  EXPECT_EQ(Src.at(S0.Actions[0].Range), "stream:*");
  EXPECT_EQ(Src.offset(S0.Actions[0].Range.Start),
            Src.text().find("stream:*\""));
  EXPECT_EQ(Src.at(S0.Resources[0].Range), "acs:stream:*:*:*");
  EXPECT_EQ(Src.at(Doc.Statements[1].Actions[0].Range), "ram:PassRole");
  EXPECT_EQ(Src.at(S0.Range).front(), '{');
  EXPECT_EQ(Src.at(S0.Range).back(), '}');
}

TEST(PolicyJson, AcceptsActionAndResourceAsListsAndASingleStatementObject) {
  Source Src(
      R"({"Version":"1","Statement":{"Effect":"Deny","Action":["a:B","c:D"],"Resource":["*","acs:x:*:*:y"]}})");
  std::vector<Finding> Fs;
  PolicyDocument Doc = Src.parse(Fs);
  EXPECT_TRUE(Fs.empty());
  ASSERT_EQ(Doc.Statements.size(), 1u);
  EXPECT_EQ(Doc.Statements[0].Eff, Effect::Deny);
  ASSERT_EQ(Doc.Statements[0].Actions.size(), 2u);
  EXPECT_EQ(Src.at(Doc.Statements[0].Actions[1].Range), "c:D");
  EXPECT_EQ(Src.at(Doc.Statements[0].Resources[1].Range), "acs:x:*:*:y");
}

TEST(PolicyJson, KeepsConditionVerbatimWithoutEvaluatingIt) {
  Source Src(
      R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"stream:*","Resource":"*","Condition":{"IpAddress":{"acs:SourceIp":"10.0.0.0/8"}}}]})");
  std::vector<Finding> Fs;
  PolicyDocument Doc = Src.parse(Fs);
  EXPECT_TRUE(Fs.empty());
  ASSERT_EQ(Doc.Statements.size(), 1u);
  EXPECT_TRUE(Doc.Statements[0].HasCondition);
  EXPECT_EQ(Doc.Statements[0].ConditionJson,
            R"({"IpAddress":{"acs:SourceIp":"10.0.0.0/8"}})");
  EXPECT_EQ(Src.at(Doc.Statements[0].ConditionRange),
            Doc.Statements[0].ConditionJson);
}

TEST(PolicyJson, DecodesEscapesButRangesCoverTheWrittenCharacters) {
  Source Src(
      R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:\u0050assRole","Resource":"acs:oss:*:*:b\/k"}]})");
  std::vector<Finding> Fs;
  PolicyDocument Doc = Src.parse(Fs);
  EXPECT_TRUE(Fs.empty());
  EXPECT_EQ(Doc.Statements[0].Actions[0].Value, "ram:PassRole");
  EXPECT_EQ(Src.at(Doc.Statements[0].Actions[0].Range), "ram:\\u0050assRole");
  EXPECT_EQ(Doc.Statements[0].Resources[0].Value, "acs:oss:*:*:b/k");
}

TEST(PolicyJson, RejectsAVersionOtherThanOne) {
  Source Src(R"({"Version":"2","Statement":[]})");
  std::vector<Finding> Fs;
  Src.parse(Fs);
  const Finding *F = findKind(Fs, diag::err_policy_version);
  ASSERT_NE(F, nullptr);
  EXPECT_EQ(Src.at(F->Range), "\"2\"");
}

TEST(PolicyJson, ReportsMissingStatementKeys) {
  Source Src(R"({"Version":"1","Statement":[{"Action":"stream:*"}]})");
  std::vector<Finding> Fs;
  Src.parse(Fs);
  EXPECT_EQ(countKind(Fs, diag::err_policy_missing_key),
            2u); // Effect, Resource
  EXPECT_EQ(Fs[0].Statement, 0);
}

TEST(PolicyJson, LowerCaseEffectIsAnErrorWithTheCorrectSpelling) {
  Source Src(
      R"({"Version":"1","Statement":[{"Effect":"allow","Action":"stream:*","Resource":"*"}]})");
  std::vector<Finding> Fs;
  Src.parse(Fs);
  const Finding *F = findKind(Fs, diag::err_policy_bad_effect);
  ASSERT_NE(F, nullptr);
  EXPECT_EQ(F->Suggestion, "Allow");
  EXPECT_EQ(Src.at(F->Range), "allow");
}

TEST(PolicyJson, MisspelledKeyGetsADidYouMean) {
  Source Src(
      R"({"Version":"1","Statement":[{"Effect":"Allow","Actions":"stream:*","Resource":"*"}]})");
  std::vector<Finding> Fs;
  Src.parse(Fs);
  const Finding *F = findKind(Fs, diag::err_policy_unknown_key_suggest);
  ASSERT_NE(F, nullptr);
  EXPECT_EQ(F->Suggestion, "Action");
  EXPECT_EQ(Src.at(F->Range), "Actions");
  EXPECT_EQ(countKind(Fs, diag::err_policy_missing_key), 1u);
}

TEST(PolicyJson, DuplicateKeyIsAnError) {
  Source Src(
      R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"a:B","Action":"c:D","Resource":"*"}]})");
  std::vector<Finding> Fs;
  PolicyDocument Doc = Src.parse(Fs);
  EXPECT_EQ(countKind(Fs, diag::err_policy_duplicate_key), 1u);
  EXPECT_EQ(Doc.Statements[0].Actions[0].Value, "a:B"); // the first one is kept
}

TEST(PolicyJson, NonStringActionsAndEmptyListsAreErrors) {
  Source Src(
      R"({"Version":"1","Statement":[{"Effect":"Allow","Action":["a:B",3],"Resource":[]}]})");
  std::vector<Finding> Fs;
  PolicyDocument Doc = Src.parse(Fs);
  EXPECT_EQ(countKind(Fs, diag::err_policy_bad_value), 2u);
  EXPECT_EQ(Doc.Statements[0].Actions.size(), 1u);
}

TEST(PolicyJson, SyntaxErrorPointsAtTheOffendingByte) {
  std::string Text = R"({"Version":"1","Statement":[{"Effect":"Allow",}]})";
  Source Src(Text);
  std::vector<Finding> Fs;
  Src.parse(Fs);
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Kind, diag::err_policy_json_syntax);
  EXPECT_EQ(Src.offset(Fs[0].Range.Start), Text.find(",}") + 1);
}

TEST(PolicyJson, UnterminatedStringAndTrailingGarbageAreSyntaxErrors) {
  for (const char *Bad : {R"({"Version":"1)", R"({"Version":"1"} x)", "", "[",
                          "{'a':1}", "{\"a\":tru}"}) {
    Source Src(Bad);
    std::vector<Finding> Fs;
    Src.parse(Fs);
    EXPECT_EQ(countKind(Fs, diag::err_policy_json_syntax), 1u) << Bad;
  }
}

TEST(PolicyJson, DeepNestingIsRejectedWithoutExhaustingTheStack) {
  std::string Deep = std::string(100000, '[') + std::string(100000, ']');
  Source Src(Deep);
  std::vector<Finding> Fs;
  Src.parse(Fs);
  ASSERT_EQ(countKind(Fs, diag::err_policy_json_syntax), 1u);
  EXPECT_NE(Fs.back().Args[0].find("nesting"), std::string::npos);
}

TEST(PolicyJson, DocumentsOverRamsSizeLimitAreErrors) {
  std::string Head =
      R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"stream:*","Resource":")";
  std::string Tail = R"("}]})";
  std::string Fits =
      Head +
      std::string(MaxPolicyDocumentBytes - Head.size() - Tail.size(), 'x') +
      Tail;
  ASSERT_EQ(Fits.size(), MaxPolicyDocumentBytes);
  {
    Source Src(Fits);
    std::vector<Finding> Fs;
    Src.parse(Fs);
    EXPECT_EQ(countKind(Fs, diag::err_policy_too_large), 0u);
  }
  std::string TooBig =
      Head +
      std::string(MaxPolicyDocumentBytes - Head.size() - Tail.size() + 1, 'x') +
      Tail;
  Source Src(TooBig);
  std::vector<Finding> Fs;
  PolicyDocument Doc = Src.parse(Fs);
  const Finding *F = findKind(Fs, diag::err_policy_too_large);
  ASSERT_NE(F, nullptr);
  EXPECT_EQ(F->Args[0], "6145");
  EXPECT_EQ(F->Args[1], "6144");
  EXPECT_EQ(Doc.Statements.size(), 1u); // still read, so it can be analysed
}

TEST(PolicyJson, WithoutAStartLocationRangesPointIntoTheText) {
  std::string Text =
      R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"stream:*","Resource":"*"}]})";
  std::vector<Finding> Fs;
  PolicyDocument Doc = parsePolicyJson(Text, llvm::SMLoc(), Fs);
  EXPECT_TRUE(Fs.empty());
  EXPECT_EQ(Doc.Statements[0].Actions[0].Range.Start.getPointer(),
            Text.data() + Text.find("stream:*"));
}

TEST(PolicyJson, NonObjectDocumentIsAnError) {
  Source Src("[1, 2]");
  std::vector<Finding> Fs;
  PolicyDocument Doc = Src.parse(Fs);
  EXPECT_EQ(countKind(Fs, diag::err_policy_bad_value), 1u);
  EXPECT_TRUE(Doc.Statements.empty());
}

TEST(PolicyJson, MangledDocumentsNeverCrashAndRangesStayInTheBuffer) {
  std::string Seed = referenceSubAccountPolicy();
  std::mt19937 Rng(4242);
  const std::string Bytes = "{}[]\",:\\u0 aZ*\n\x01";
  for (int Round = 0; Round < 3000; ++Round) {
    std::string Text = Seed;
    for (int Edits = 1 + Rng() % 4; Edits > 0; --Edits) {
      size_t At = Rng() % (Text.size() + 1);
      char C = Bytes[Rng() % Bytes.size()];
      switch (Rng() % 3) {
      case 0:
        Text.insert(Text.begin() + At, C);
        break;
      case 1:
        if (At < Text.size())
          Text.erase(At, 1);
        break;
      default:
        if (At < Text.size())
          Text[At] = C;
      }
    }
    Source Src(Text);
    std::vector<Finding> Fs;
    PolicyDocument Doc = Src.parse(Fs);
    AnalysisResult R = analyze(Doc, testCatalogue());
    Fs.insert(Fs.end(), R.Findings.begin(), R.Findings.end());
    for (const Finding &F : Fs) {
      ASSERT_TRUE(F.Range.isValid()) << Text;
      ASSERT_LE(Src.offset(F.Range.Start), Src.offset(F.Range.End)) << Text;
      ASSERT_LE(Src.offset(F.Range.End), Text.size()) << Text;
    }
  }
}

} // namespace
