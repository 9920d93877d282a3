//===- RoleRulesTest.cpp - the service role AliyunStreamDefaultRole -------===//
#include "RulesTestUtil.h"
#include "gtest/gtest.h"

using namespace rtc;
using namespace rtc::rules::test;

namespace {

const char *Source = R"(cluster analytics { }
project clicks { }
role stream_default { trust = TRUST policies = [P0, P1] }
policy excl { allow ["vpc:DescribeVpcs", "vpc:DescribeVSwitches", "ecs:CreateNetworkInterface", "ecs:AuthorizeSecurityGroup"] on ["*"] }
)";

void addCluster(Fixture &F) {
  F.add("cluster", "analytics", R"({"name": "analytics", "order": "order.excl"})");
}

ir::Resource &addRole(Fixture &F, const char *Policies) {
  ir::Resource &R = F.add("role", "stream_default",
                          (R"({"name": "AliyunStreamDefaultRole", "trust": ["stream.aliyuncs.com"], "policies": )" +
                           std::string(Policies) + "}")
                              .c_str());
  R.AttrRanges["trust"] = F.at("TRUST");
  R.AttrRanges["policies"] = F.at("[P0, P1]");
  R.AttrRanges["policies[0]"] = F.at("P0");
  R.AttrRanges["policies[1]"] = F.at("P1");
  return R;
}

TEST(RoleRules, ClusterWithoutServiceRoleShowsTheBlockToAdd) {
  Fixture F(Source);
  addCluster(F);
  F.run();
  const Diagnostic *D = F.first("RTC0353");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Message, "the configuration has Realtime Compute resources but no role named `AliyunStreamDefaultRole`; without it the service cannot reach the storage jobs read and write");
  EXPECT_EQ(D->Hint, "add the role:\n  role stream_default {\n    name     = \"AliyunStreamDefaultRole\"\n"
                     "    trust    = [\"stream.aliyuncs.com\"]\n"
                     "    policies = [builtin.AliyunStreamDefaultRole, builtin.AliyunOSSFullAccess]\n  }");
  EXPECT_EQ(F.text(D->Range), "cluster analytics");
}

TEST(RoleRules, SharedProjectWithoutRoleAsksForTheSharedPolicy) {
  Fixture F(Source);
  F.add("project", "clicks", R"({"name": "clicks", "order": "order.shared"})");
  F.run();
  const Diagnostic *D = F.first("RTC0353");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_NE(D->Hint.find("policies = [builtin.AliyunStreamRolePolicy]"), std::string::npos) << D->Hint;
}

TEST(RoleRules, NoStreamResourcesNeedNoRole) {
  Fixture F(Source);
  F.add("user", "alice", R"({"name": "alice"})");
  F.run();
  EXPECT_FALSE(F.first("RTC0353")) << F.codes();
}

TEST(RoleRules, ExclusiveRoleWithPartialCopyReportsMissingActions) {
  Fixture F(Source);
  addCluster(F);
  addRole(F, R"(["builtin.AliyunStreamRolePolicy"])");
  F.run();
  auto All = F.withCode("RTC0354");
  ASSERT_EQ(All.size(), 1u) << F.codes();
  EXPECT_EQ(All[0]->Message, "role `AliyunStreamDefaultRole` does not allow 3 of the 5 actions of `AliyunStreamDefaultRole`, which exclusive mode needs (e.g. `vpc:DescribeVSwitches`)");
}

TEST(RoleRules, ExclusiveRoleWithBothPoliciesIsComplete) {
  Fixture F(Source);
  addCluster(F);
  addRole(F, R"(["builtin.AliyunStreamDefaultRole", "builtin.AliyunOSSFullAccess"])");
  F.run();
  EXPECT_FALSE(F.first("RTC0353") || F.first("RTC0354") || F.first("RTC0355")) << F.codes();
}

TEST(RoleRules, RoleMustTrustTheService) {
  Fixture F(Source);
  addCluster(F);
  addRole(F, R"(["builtin.AliyunStreamDefaultRole", "builtin.AliyunOSSFullAccess"])")
      .Attributes["trust"] = {"ecs.aliyuncs.com"};
  F.run();
  const Diagnostic *D = F.first("RTC0355");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Message, "role `AliyunStreamDefaultRole` does not trust `stream.aliyuncs.com`, so the service cannot assume it");
  EXPECT_EQ(F.text(D->Range), "TRUST");
}

TEST(RoleRules, SecurityGroupActionsGetALeastPrivilegeRemark) {
  Fixture F(Source);
  addCluster(F);
  addRole(F, R"(["builtin.AliyunStreamDefaultRole", "builtin.AliyunOSSFullAccess"])");
  F.run();
  auto All = F.withCode("RTC0356");
  ASSERT_EQ(All.size(), 2u) << F.codes();
  EXPECT_EQ(All[0]->Sev, Severity::Remark);
  EXPECT_EQ(All[0]->Message, "`ecs:CreateSecurityGroup` is only needed to create the cluster's security group; once cluster `analytics` exists it may be removed from the role's policy (least privilege)");
  EXPECT_EQ(F.text(All[0]->Range), "P0");
}

TEST(RoleRules, RemarkPointsIntoACustomPolicy) {
  Fixture F(Source);
  addCluster(F);
  addRole(F, R"(["policy.excl", "builtin.AliyunOSSFullAccess"])");
  ir::Resource &P = F.add("policy", "excl", R"({"name": "excl", "statements": [{"effect": "Allow",
      "actions": ["vpc:DescribeVpcs", "vpc:DescribeVSwitches", "ecs:CreateNetworkInterface",
                  "ecs:AuthorizeSecurityGroup"], "resources": ["*"]}]})");
  P.AttrRanges["statements[0].actions[3]"] = F.at("\"ecs:AuthorizeSecurityGroup\"");
  F.run();
  auto Remarks = F.withCode("RTC0356");
  ASSERT_EQ(Remarks.size(), 1u) << F.codes();
  EXPECT_EQ(F.text(Remarks[0]->Range), "ecs:AuthorizeSecurityGroup");
  EXPECT_EQ(Remarks[0]->Hint, "after the cluster is running, remove it from policy `excl` (docs/service.md#exclusive-role)");
  // The custom copy lacks only ecs:CreateSecurityGroup, which only creating
  // the cluster needs: without state a warning, not RTC0354 (following the
  // remark's advice must not produce an error).
  EXPECT_FALSE(F.first("RTC0354")) << F.codes();
  const Diagnostic *D = F.first("RTC0360");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_NE(D->Message.find("lacks `ecs:CreateSecurityGroup`,"),
            std::string::npos)
      << D->Message;
}

TEST(RoleRules, NoClusterNoRemark) {
  Fixture F(Source);
  F.add("project", "clicks", R"({"name": "clicks", "order": "order.shared"})");
  addRole(F, R"(["builtin.AliyunStreamRolePolicy"])");
  F.run();
  EXPECT_FALSE(F.first("RTC0356")) << F.codes();
  EXPECT_FALSE(F.first("RTC0354")) << F.codes();
}

// A custom copy of AliyunStreamDefaultRole without the two security-group
// actions (docs/service.md#exclusive-role): what only creating a cluster needs.
ir::Resource &addCopyWithoutSecurityGroupActions(Fixture &F) {
  ir::Resource &P = F.add("policy", "excl",
                          R"({"name": "excl", "statements": [{"effect": "Allow",
      "actions": ["vpc:DescribeVpcs", "vpc:DescribeVSwitches", "ecs:CreateNetworkInterface"],
      "resources": ["*"]}]})");
  return P;
}

RuleOptions withState(std::set<std::string> Clusters) {
  RuleOptions Opts;
  Opts.StateKnown = true;
  Opts.ExistingClusters = std::move(Clusters);
  return Opts;
}

TEST(RoleRules, CopyWithoutSecurityGroupActionsWarnsWithoutState) {
  Fixture F(Source);
  addCluster(F);
  addCopyWithoutSecurityGroupActions(F);
  addRole(F, R"(["policy.excl", "builtin.AliyunOSSFullAccess"])");
  F.run();
  EXPECT_FALSE(F.first("RTC0354")) << F.codes();
  const Diagnostic *D = F.first("RTC0360");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Sev, Severity::Warning);
  EXPECT_EQ(F.text(D->Range), "[P0, P1]");
  EXPECT_NE(D->Message.find(
                "`ecs:CreateSecurityGroup`, `ecs:AuthorizeSecurityGroup`"),
            std::string::npos)
      << D->Message;
}

TEST(RoleRules, CopyWithoutSecurityGroupActionsIsAcceptedOnceTheClusterExists) {
  Fixture F(Source);
  addCluster(F);
  addCopyWithoutSecurityGroupActions(F);
  addRole(F, R"(["policy.excl", "builtin.AliyunOSSFullAccess"])");
  F.run(withState({"cluster.analytics"}));
  EXPECT_EQ(F.Diags.diagnostics().size(), 0u) << F.codes();
}

TEST(RoleRules, CopyWithoutSecurityGroupActionsCannotCreateACluster) {
  Fixture F(Source);
  addCluster(F);
  addCopyWithoutSecurityGroupActions(F);
  addRole(F, R"(["policy.excl", "builtin.AliyunOSSFullAccess"])");
  F.run(withState({}));
  const Diagnostic *D = F.first("RTC0361");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Sev, Severity::Error);
  EXPECT_FALSE(F.first("RTC0360")) << F.codes();
}

TEST(RoleRules, RemarkInPlanOnlyWhenTheStateShowsTheCluster) {
  Fixture F(Source);
  addCluster(F);
  addRole(
      F,
      R"(["builtin.AliyunStreamDefaultRole", "builtin.AliyunOSSFullAccess"])");
  F.run(withState({}));
  EXPECT_FALSE(F.first("RTC0356")) << F.codes();
  F.run(withState({"cluster.analytics"}));
  EXPECT_EQ(F.withCode("RTC0356").size(), 2u) << F.codes();
}

TEST(RoleRules, NoRemarkWhenTheCommandDoesNotWantIt) {
  Fixture F(Source);
  addCluster(F);
  addRole(
      F,
      R"(["builtin.AliyunStreamDefaultRole", "builtin.AliyunOSSFullAccess"])");
  RuleOptions Opts = withState({"cluster.analytics"});
  Opts.LeastPrivilegeRemarks = false;
  F.run(Opts);
  EXPECT_FALSE(F.first("RTC0356")) << F.codes();
}

} // namespace

namespace {

TEST(RoleRules, RoleDroppedFromTheConfigurationButStoredIsADeleteNotAnError) {
  Fixture F(Source);
  addCluster(F);
  RuleOptions Opts = withState({"cluster.analytics"});
  Opts.ExistingRoleNames = {"AliyunStreamDefaultRole"};
  F.run(Opts);
  EXPECT_FALSE(F.first("RTC0353")) << F.codes();
  const Diagnostic *D = F.first("RTC0371");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Sev, Severity::Warning);
  EXPECT_EQ(F.text(D->Range), "cluster analytics");
}

TEST(RoleRules, RoleNeverCreatedIsStillMissingWithAState) {
  Fixture F(Source);
  addCluster(F);
  F.run(withState({"cluster.analytics"}));
  EXPECT_TRUE(F.first("RTC0353")) << F.codes();
  EXPECT_FALSE(F.first("RTC0371")) << F.codes();
}

} // namespace
