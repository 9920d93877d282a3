//===- ProjectRulesTest.cpp - projects, orders, main account --------------===//
#include "RulesTestUtil.h"
#include "gtest/gtest.h"

using namespace rtc;
using namespace rtc::rules::test;

namespace {

const char *Source = R"(provider alicloud { caller = CALLER }
order shared { mode = "shared" billing = BILLING }
order excl { mode = "exclusive" }
project clicks { name = NAME order = ORDER cluster = CLUSTER cu = CU }
)";

ir::Resource &addProject(Fixture &F, const char *Attrs) {
  ir::Resource &P = F.add("project", "clicks", Attrs);
  P.AttrRanges["name"] = F.at("NAME");
  P.AttrRanges["order"] = F.at("ORDER");
  P.AttrRanges["cluster"] = F.at("CLUSTER");
  P.AttrRanges["cu"] = F.at("CU");
  return P;
}

void addOrders(Fixture &F) {
  F.add("order", "shared", R"({"mode": "shared", "billing": "subscription"})")
      .AttrRanges["billing"] = F.at("BILLING");
  F.add("order", "excl", R"({"mode": "exclusive", "billing": "subscription"})");
  F.addSharedRole();
}

TEST(ProjectRules, UpperCaseProjectNameSuggestsLowerCase) {
  Fixture F(Source);
  addOrders(F);
  addProject(F, R"({"name": "Clicks", "order": "order.shared"})");
  F.run();
  const Diagnostic *D = F.first("RTC0332");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Message, "`Clicks` is not a valid project name; did you mean `clicks`?");
  EXPECT_EQ(F.text(D->Range), "NAME");
}

TEST(ProjectRules, TwoCharacterProjectNameIsInvalid) {
  Fixture F(Source);
  addOrders(F);
  addProject(F, R"({"name": "ab", "order": "order.shared"})");
  F.run();
  const Diagnostic *D = F.first("RTC0331");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Message, "`ab` is not a valid project name");
}

TEST(ProjectRules, ValidProjectNameIsQuiet) {
  Fixture F(Source);
  addOrders(F);
  addProject(F, R"({"name": "clicks_2", "order": "order.shared"})");
  F.run();
  EXPECT_EQ(F.Diags.errorCount(), 0u) << F.codes();
}

TEST(ProjectRules, ProjectNeedsOrderOrCluster) {
  Fixture F(Source);
  addOrders(F);
  addProject(F, R"({"name": "clicks"})");
  F.run();
  const Diagnostic *D = F.first("RTC0333");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Message, "project `clicks` names neither `order` (shared mode) nor `cluster` (exclusive mode)");
}

TEST(ProjectRules, SharedProjectNeedsSharedOrder) {
  Fixture F(Source);
  addOrders(F);
  addProject(F, R"({"name": "clicks", "order": "order.excl"})");
  F.run();
  const Diagnostic *D = F.first("RTC0335");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Message, "project `clicks` is created from order `excl`, whose mode is exclusive");
  EXPECT_EQ(F.text(D->Range), "ORDER");
}

TEST(ProjectRules, SharedProjectCannotSetCu) {
  Fixture F(Source);
  addOrders(F);
  addProject(F, R"({"name": "clicks", "order": "order.shared", "cu": 4})");
  F.run();
  ASSERT_TRUE(F.first("RTC0338")) << F.codes();
  EXPECT_EQ(F.text(F.first("RTC0338")->Range), "CU");
}

TEST(ProjectRules, ExclusiveProjectNeedsCu) {
  Fixture F(Source);
  addOrders(F);
  F.add("cluster", "analytics", R"({"name": "analytics", "order": "order.excl"})");
  addProject(F, R"({"name": "clicks", "cluster": "cluster.analytics"})");
  F.run();
  const Diagnostic *D = F.first("RTC0337");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Message, "project `clicks` on cluster `analytics` needs `cu`");
}

TEST(ProjectRules, ClusterNeedsExclusiveOrder) {
  Fixture F(Source);
  addOrders(F);
  F.add("cluster", "analytics", R"({"name": "analytics", "order": "order.shared"})");
  F.run();
  const Diagnostic *D = F.first("RTC0336");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Message, "cluster `analytics` is created from order `shared`, whose mode is shared");
}

TEST(ProjectRules, SharedOrderCannotBePayAsYouGo) {
  Fixture F(Source);
  addOrders(F);
  F.res("order.shared").Attributes["billing"] = "pay_as_you_go";
  F.run();
  const Diagnostic *D = F.first("RTC0339");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Message, "a shared-mode order cannot use billing `pay_as_you_go`");
  EXPECT_EQ(F.text(D->Range), "BILLING");
}

TEST(ProjectRules, SubAccountCallerCannotCreateProjects) {
  Fixture F(Source);
  addOrders(F);
  addProject(F, R"({"name": "clicks", "order": "order.shared"})");
  F.add("user", "ci_bot", R"({"name": "ci_bot"})");
  F.P.Providers["alicloud"] = {{"caller", "user.ci_bot"}};
  F.P.ProviderRanges["alicloud.caller"] = F.at("CALLER");
  F.run();
  auto All = F.withCode("RTC0340");
  ASSERT_EQ(All.size(), 2u) << F.codes(); // the shared order and the project
  const Diagnostic *Project = All.back();
  EXPECT_EQ(Project->Message, "only the main account may create project `clicks`, but the provider's caller is the RAM sub-account `user.ci_bot`");
  ASSERT_EQ(Project->Notes.size(), 1u);
  EXPECT_EQ(F.text(Project->Notes[0].Range), "CALLER");
}

TEST(ProjectRules, SubAccountMayCreateExclusiveProjects) {
  Fixture F(Source);
  addOrders(F);
  F.res("order.shared").Attributes["mode"] = "exclusive";
  F.add("cluster", "analytics", R"({"name": "analytics", "order": "order.excl"})");
  addProject(F, R"({"name": "clicks", "cluster": "cluster.analytics", "cu": 6})");
  F.add("user", "ci_bot", R"({"name": "ci_bot"})");
  F.P.Providers["alicloud"] = {{"caller", "user.ci_bot"}};
  F.run();
  EXPECT_FALSE(F.first("RTC0340")) << F.codes();
}

TEST(ProjectRules, MainAccountMayCreateProjects) {
  Fixture F(Source);
  addOrders(F);
  addProject(F, R"({"name": "clicks", "order": "order.shared"})");
  F.P.Providers["alicloud"] = {{"caller", "main"}};
  F.run();
  EXPECT_FALSE(F.first("RTC0340")) << F.codes();
}

} // namespace
