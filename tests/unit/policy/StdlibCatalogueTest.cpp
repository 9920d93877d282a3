//===- StdlibCatalogueTest.cpp - the stdlib's policy data vs the seed -----===//
//
// Checks the data in stdlib/alicloud/ram/ against the vendor's guide. The
// stdlib is read with a tiny ad-hoc scanner (strings inside `[...]`), good
// enough for these two files and used only here; the real loader is sema's.
//
//===----------------------------------------------------------------------===//
#include "PolicyTestUtil.h"
#include "gtest/gtest.h"
#include <fstream>
#include <regex>
#include <sstream>

using namespace rtc;
using namespace rtc::policy;
using namespace rtc::policy::test;

namespace {

std::string readFile(const std::string &Path) {
  std::ifstream In(Path, std::ios::binary);
  std::stringstream SS;
  SS << In.rdbuf();
  return SS.str();
}

/// The file without `//` comments (none of these files has `//` in a string).
std::string withoutComments(const std::string &Text) {
  return std::regex_replace(Text, std::regex("//[^\n]*"), "");
}

std::vector<std::string> quoted(const std::string &Text) {
  std::vector<std::string> Out;
  std::regex Str("\"([^\"]*)\"");
  for (auto It = std::sregex_iterator(Text.begin(), Text.end(), Str);
       It != std::sregex_iterator(); ++It)
    Out.push_back((*It)[1]);
  return Out;
}

ActionCatalogue stdlibCatalogue() {
  std::string Text = withoutComments(
      readFile(std::string(STDLIB_DIR) + "/alicloud/ram/actions.rtc"));
  ActionCatalogue C;
  std::regex Entry("([a-z]+)\\s*=\\s*\\[([^\\]]*)\\]");
  for (auto It = std::sregex_iterator(Text.begin(), Text.end(), Entry);
       It != std::sregex_iterator(); ++It)
    C.Services[(*It)[1]] = quoted((*It)[2]);
  return C;
}

/// builtin_policy NAME { … allow [..] on [..] … } -> documents.
std::map<std::string, PolicyDocument> stdlibBuiltins() {
  std::string Text = withoutComments(
      readFile(std::string(STDLIB_DIR) + "/alicloud/ram/builtin_policies.rtc"));
  std::map<std::string, PolicyDocument> Out;
  std::regex Block("builtin_policy\\s+(\\w+)\\s*\\{");
  std::regex Rule("(allow|deny)\\s*\\[([^\\]]*)\\]\\s*on\\s*\\[([^\\]]*)\\]");
  std::vector<std::pair<std::string, size_t>> Starts;
  for (auto It = std::sregex_iterator(Text.begin(), Text.end(), Block);
       It != std::sregex_iterator(); ++It)
    Starts.push_back({(*It)[1], static_cast<size_t>(It->position())});
  for (size_t I = 0; I < Starts.size(); ++I) {
    size_t End = I + 1 < Starts.size() ? Starts[I + 1].second : Text.size();
    std::string Body = Text.substr(Starts[I].second, End - Starts[I].second);
    PolicyDocument Doc;
    Doc.Name = Starts[I].first;
    for (auto It = std::sregex_iterator(Body.begin(), Body.end(), Rule);
         It != std::sregex_iterator(); ++It) {
      PolicyStatement S;
      S.Eff = (*It)[1] == "deny" ? Effect::Deny : Effect::Allow;
      for (const std::string &A : quoted((*It)[2]))
        S.Actions.push_back({A, {}});
      for (const std::string &R : quoted((*It)[3]))
        S.Resources.push_back({R, {}});
      Doc.Statements.push_back(S);
    }
    Out[Doc.Name] = Doc;
  }
  return Out;
}

std::vector<std::string> allActions(const PolicyDocument &D) {
  std::vector<std::string> Out;
  for (const PolicyStatement &S : D.Statements)
    for (const LocatedString &A : S.Actions)
      Out.push_back(A.Value);
  return Out;
}

TEST(StdlibCatalogue, KnowsEveryServiceTheSeedNames) {
  ActionCatalogue C = stdlibCatalogue();
  for (const char *S : {"stream", "ram", "ots", "dhs", "log", "mns", "drds",
                        "rds", "vpc", "ecs", "oss"})
    EXPECT_NE(C.find(S), nullptr) << S;
}

TEST(StdlibCatalogue, KnowsEveryRamActionOfTheCloudApi) {
  ActionCatalogue C = stdlibCatalogue();
  // docs/service.md#api-calls, "RAM actions used", and ram:PassRole (docs/service.md#accounts).
  for (const char *A : {"PassRole",
                        "CreateUser",
                        "GetUser",
                        "UpdateUser",
                        "DeleteUser",
                        "ListUsers",
                        "CreateGroup",
                        "GetGroup",
                        "UpdateGroup",
                        "DeleteGroup",
                        "ListGroups",
                        "AddUserToGroup",
                        "RemoveUserFromGroup",
                        "ListGroupsForUser",
                        "CreatePolicy",
                        "GetPolicy",
                        "DeletePolicy",
                        "ListPolicies",
                        "CreatePolicyVersion",
                        "SetDefaultPolicyVersion",
                        "DeletePolicyVersion",
                        "ListPolicyVersions",
                        "CreateRole",
                        "GetRole",
                        "UpdateRole",
                        "DeleteRole",
                        "ListRoles",
                        "AttachPolicyToUser",
                        "AttachPolicyToGroup",
                        "AttachPolicyToRole",
                        "DetachPolicyFromUser",
                        "DetachPolicyFromGroup",
                        "DetachPolicyFromRole",
                        "ListPoliciesForUser",
                        "ListPoliciesForGroup",
                        "ListPoliciesForRole"})
    EXPECT_TRUE(C.hasAction("ram", A)) << A;
}

TEST(StdlibCatalogue, SeedRolePolicyHasOnlyTheTypoAgainstTheStdlibCatalogue) {
  // Every wildcard of the seed matches a catalogued action, so the typo is
  // the only finding.
  std::ifstream In(std::string(POLICY_TEST_DATA) +
                       "/seed-AliyunStreamRolePolicy.json",
                   std::ios::binary);
  std::stringstream SS;
  SS << In.rdbuf();
  Source Src(SS.str() + "}");
  std::vector<Finding> Fs;
  PolicyDocument Doc = Src.parse(Fs, "AliyunStreamRolePolicy");
  ASSERT_TRUE(Fs.empty());
  AnalysisResult R = analyze(Doc, stdlibCatalogue());
  ASSERT_EQ(R.Findings.size(), 1u);
  EXPECT_EQ(R.Findings[0].Kind, diag::err_policy_action_separator);
  EXPECT_EQ(R.Findings[0].Suggestion, "dhs:DeleteTopic");
}

TEST(StdlibBuiltins, AliyunStreamRolePolicyIsTheSeedsWithTheTypoFixed) {
  auto Builtins = stdlibBuiltins();
  ASSERT_EQ(Builtins.count("AliyunStreamRolePolicy"), 1u);
  std::ifstream In(std::string(POLICY_TEST_DATA) +
                       "/seed-AliyunStreamRolePolicy.json",
                   std::ios::binary);
  std::stringstream SS;
  SS << In.rdbuf();
  std::vector<Finding> Fs;
  std::string Json = SS.str() + "}";
  PolicyDocument Seed = parsePolicyJson(Json, llvm::SMLoc(), Fs);
  std::vector<std::string> Want = allActions(Seed);
  for (std::string &A : Want)
    if (A == "dhs>DeleteTopic")
      A = "dhs:DeleteTopic";
  EXPECT_EQ(allActions(Builtins["AliyunStreamRolePolicy"]), Want);
  EXPECT_EQ(Builtins["AliyunStreamRolePolicy"].Statements.size(),
            Seed.Statements.size());
}

TEST(StdlibBuiltins, ExclusiveRolePolicyIsTheSeeds) {
  auto Builtins = stdlibBuiltins();
  std::ifstream In(std::string(POLICY_TEST_DATA) +
                       "/seed-exclusive-role-policy.json",
                   std::ios::binary);
  std::stringstream SS;
  SS << In.rdbuf();
  std::vector<Finding> Fs;
  std::string Json = SS.str() + "}";
  PolicyDocument Seed = parsePolicyJson(Json, llvm::SMLoc(), Fs);
  EXPECT_EQ(allActions(Builtins["AliyunStreamDefaultRole"]), allActions(Seed));
}

TEST(StdlibBuiltins, EveryBuiltinPassesTheAnalyzer) {
  auto Builtins = stdlibBuiltins();
  ASSERT_EQ(Builtins.size(), 4u);
  ActionCatalogue C = stdlibCatalogue();
  for (auto &[Name, Doc] : Builtins) {
    AnalysisResult R = analyze(Doc, C);
    EXPECT_TRUE(R.Findings.empty())
        << Name << ": " << R.Findings.size() << " findings";
  }
}

} // namespace
