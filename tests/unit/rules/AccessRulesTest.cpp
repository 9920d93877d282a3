//===- AccessRulesTest.cpp - the caller's ram:PassRole --------------------===//
#include "RulesTestUtil.h"
#include "gtest/gtest.h"

using namespace rtc;
using namespace rtc::rules::test;

namespace {

const char *Source = R"(provider alicloud { caller = CALLER }
cluster analytics { }
user ci_bot { }
group devs { }
policy dev { allow ["stream:*"] on ["*"] }
policy pass { allow ["ram:PassRole"] on ["acs:ram:*:*:*"] }
policy nopass { deny ["ram:PassRole"] on ["*"] }
)";

void base(Fixture &F, const char *Caller = "user.ci_bot") {
  F.add("cluster", "analytics", R"({"name": "analytics", "order": "order.excl"})");
  F.addExclusiveRole();
  F.add("user", "ci_bot", R"({"name": "ci_bot"})");
  F.add("group", "devs", R"({"name": "devs"})");
  F.add("policy", "dev", R"({"name": "dev", "statements": [{"effect": "Allow", "actions": ["stream:*"], "resources": ["*"]}]})");
  F.add("policy", "pass", R"({"name": "pass", "statements": [{"effect": "Allow", "actions": ["ram:PassRole"], "resources": ["acs:ram:*:*:*"]}]})");
  F.add("policy", "nopass", R"({"name": "nopass", "statements": [{"effect": "Deny", "actions": ["ram:PassRole"], "resources": ["*"]}]})");
  F.P.Providers["alicloud"] = {{"caller", Caller}};
  F.P.ProviderRanges["alicloud.caller"] = F.at("CALLER");
}

void attach(Fixture &F, const std::string &Name, const std::string &Policy,
            const std::string &To) {
  std::string Kind = To.substr(0, To.find('.'));
  ir::Value A = {{"policy", Policy}, {Kind, To}};
  F.add("policy_attachment", Name, A.dump().c_str());
}

TEST(AccessRules, SubAccountWithoutPassRoleCites922019) {
  Fixture F(Source);
  base(F);
  attach(F, "a", "policy.dev", "user.ci_bot");
  F.run();
  const Diagnostic *D = F.first("RTC0350");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Message, "the provider's caller `user.ci_bot` is a RAM sub-account whose policies do not allow `ram:PassRole`; the service fails with error 922019 \"sub-account has no passRole permission\"");
  EXPECT_EQ(F.text(D->Range), "CALLER");
  ASSERT_EQ(D->Notes.size(), 1u);
  EXPECT_EQ(D->Notes[0].Message, "policy `policy.dev` reaches the caller through `user.ci_bot`");
}

TEST(AccessRules, PassRoleThroughAGroupIsEnough) {
  Fixture F(Source);
  base(F);
  F.add("group_membership", "m", R"({"group": "group.devs", "user": "user.ci_bot"})");
  attach(F, "a", "policy.pass", "group.devs");
  F.run();
  EXPECT_FALSE(F.first("RTC0350")) << F.codes();
}

TEST(AccessRules, PassRoleFromTheReferenceBuiltinIsEnough) {
  Fixture F(Source);
  base(F);
  ir::BuiltinPolicy B;
  B.Name = "StreamSubAccountReference";
  B.Statements = ir::Value::parse(R"([{"effect": "Allow", "actions": ["ram:PassRole"], "resources": ["acs:ram:*:*:*"]}])");
  F.P.Builtins[B.Name] = B;
  attach(F, "a", "builtin.StreamSubAccountReference", "user.ci_bot");
  F.run();
  EXPECT_FALSE(F.first("RTC0350")) << F.codes();
}

TEST(AccessRules, ExplicitDenyBeatsAllowAndIsShown) {
  Fixture F(Source);
  base(F);
  attach(F, "a", "policy.pass", "user.ci_bot");
  attach(F, "b", "policy.nopass", "user.ci_bot");
  F.res("policy.nopass").AttrRanges["statements[0]"] = F.at("deny [\"ram:PassRole\"] on [\"*\"]");
  F.run();
  const Diagnostic *D = F.first("RTC0350");
  ASSERT_TRUE(D) << F.codes();
  ASSERT_GE(D->Notes.size(), 1u);
  EXPECT_EQ(D->Notes[0].Message, "`ram:PassRole` is denied here (nopass)");
  EXPECT_EQ(F.text(D->Notes[0].Range), "deny [\"ram:PassRole\"] on [\"*\"]");
}

TEST(AccessRules, MainAccountNeedsNoPassRole) {
  Fixture F(Source);
  base(F, "main");
  F.run();
  EXPECT_FALSE(F.first("RTC0350")) << F.codes();
}

TEST(AccessRules, UnknownCallerSuggestsDeclaredUser) {
  Fixture F(Source);
  base(F, "user.ci_bto");
  F.run();
  const Diagnostic *D = F.first("RTC0358");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Message, "the provider's caller `user.ci_bto` is neither \"main\" nor a declared user; did you mean `user.ci_bot`?");
}

} // namespace
