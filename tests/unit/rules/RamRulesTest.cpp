//===- RamRulesTest.cpp - RAM names, limits, policy analysis --------------===//
#include "RulesTestUtil.h"
#include "gtest/gtest.h"

using namespace rtc;
using namespace rtc::rules::test;

namespace {

const char *Source = R"(user u { name = USER }
group g { name = GROUP }
policy p { name = POLICY
  allow ["dhs>DeleteTopic", "stream:GetProject"] on ["acs:stream:*:*:clickz"]
}
role r { max_session_duration = DURATION }
)";

TEST(RamRules, UserNameStartingWithDashIsInvalid) {
  Fixture F(Source);
  F.add("user", "u", R"({"name": "-alice"})").AttrRanges["name"] = F.at("USER");
  F.run();
  const Diagnostic *D = F.first("RTC0341");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Message, "`-alice` is not a valid RAM user name");
  EXPECT_EQ(F.text(D->Range), "USER");
}

TEST(RamRules, UserNameWithDotsAndDashesIsValid) {
  Fixture F(Source);
  F.add("user", "u", R"({"name": "alice.b-c_d"})");
  F.run();
  EXPECT_FALSE(F.first("RTC0341")) << F.codes();
}

TEST(RamRules, GroupNameOver64CharactersIsInvalid) {
  Fixture F(Source);
  F.add("group", "g", (R"({"name": ")" + std::string(65, 'g') + "\"}").c_str());
  F.run();
  EXPECT_TRUE(F.first("RTC0342")) << F.codes();
}

TEST(RamRules, PolicyNameWithUnderscoreIsInvalid) {
  Fixture F(Source);
  F.add("policy", "p", R"({"name": "stream_dev", "statements": []})")
      .AttrRanges["name"] = F.at("POLICY");
  F.run();
  const Diagnostic *D = F.first("RTC0343");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Message, "`stream_dev` is not a valid RAM policy name");
}

TEST(RamRules, SessionDurationOutsideRangeIsAnError) {
  Fixture F(Source);
  F.add("role", "r", R"({"name": "r", "trust": [], "max_session_duration": 60})")
      .AttrRanges["max_session_duration"] = F.at("DURATION");
  F.run();
  const Diagnostic *D = F.first("RTC0344");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Message, "max_session_duration 60 s is outside RAM's range of 3600 to 43200 s");
}

TEST(RamRules, SessionDurationAtTheLimitsIsFine) {
  Fixture F(Source);
  F.add("role", "r", R"({"name": "r", "trust": [], "max_session_duration": 43200})");
  F.add("role", "s", R"({"name": "s", "trust": [], "max_session_duration": 3600})");
  F.run();
  EXPECT_FALSE(F.first("RTC0344")) << F.codes();
}

TEST(RamRules, StatementsOverTheSizeLimitAreMeasuredAsJson) {
  Fixture F(Source);
  ir::Value Resources = ir::Value::array();
  for (int I = 0; I < 300; ++I)
    Resources.push_back("acs:stream:*:*:project_" + std::to_string(I));
  ir::Value A = {{"name", "big"},
                 {"statements", {{{"effect", "Allow"}, {"actions", {"stream:GetProject"}},
                                  {"resources", Resources}}}}};
  F.add("policy", "p", A.dump().c_str());
  F.run();
  const Diagnostic *D = F.first("RTC0345");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_NE(D->Message.find("policy `big` is "), std::string::npos);
  EXPECT_NE(D->Message.find("bytes as RAM JSON, over RAM's limit of 6144 bytes"), std::string::npos);
}

TEST(RamRules, PolicyStatementsGoThroughTheAnalyzer) {
  Fixture F(Source);
  F.add("project", "clicks", R"({"name": "clicks", "order": "order.x"})");
  ir::Resource &P = F.add("policy", "p", R"({"name": "p", "statements": [{"effect": "Allow",
      "actions": ["dhs>DeleteTopic", "stream:GetProject"], "resources": ["acs:stream:*:*:clickz"]}]})");
  P.AttrRanges["statements[0].actions[0]"] = F.at("\"dhs>DeleteTopic\"");
  P.AttrRanges["statements[0].resources[0]"] = F.at("\"acs:stream:*:*:clickz\"");
  F.run();
  const Diagnostic *Sep = F.first("RTC0420");
  ASSERT_TRUE(Sep) << F.codes();
  EXPECT_EQ(F.text(Sep->Range), "dhs>DeleteTopic"); // without the quotes
  const Diagnostic *Proj = F.first("RTC0443");
  ASSERT_TRUE(Proj) << F.codes();
  EXPECT_NE(Proj->Message.find("did you mean `clicks`?"), std::string::npos) << Proj->Message;
}

TEST(RamRules, JsonDocumentErrorsPointIntoTheRawString) {
  std::string Src = "policy p { document = `{\"Version\": \"1\", \"Statement\": [{\"Effect\": \"Allow\", "
                    "\"Action\": \"ecs.CreateSecurityGroup\", \"Resource\": \"*\"}]}` }\n";
  Fixture F(Src);
  std::string Json = Src.substr(Src.find('`') + 1, Src.rfind('`') - Src.find('`') - 1);
  ir::Value A = {{"name", "p"}, {"document", Json}};
  F.add("policy", "p", A.dump().c_str()).AttrRanges["document"] = F.at("`" + Json + "`");
  F.run();
  const Diagnostic *D = F.first("RTC0420");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(F.text(D->Range), "ecs.CreateSecurityGroup");
}

} // namespace
