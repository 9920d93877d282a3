//===- ClusterRulesTest.cpp - machines, sizing, network, bucket -----------===//
#include "RulesTestUtil.h"
#include "gtest/gtest.h"

using namespace rtc;
using namespace rtc::rules::test;

namespace {

const char *Source = R"(cluster analytics {
  master { model = "M_MODEL" count = M_COUNT }
  slave { model = "S_MODEL" count = S_COUNT }
  oss_acl = "ACL" oss_storage_class = "CLASS" vswitch_free_ips = FREE
  expected_load { records_per_second = RPS }
}
project clicks { cu = CU1 }
project views { cu = CU2 }
)";

/// A cluster named analytics with the given machines; ranges point at the
/// placeholders of Source.
ir::Resource &addCluster(Fixture &F, const std::string &Master, int MasterCount,
                         const std::string &Slave, int SlaveCount) {
  ir::Value A = {{"name", "analytics"},
                 {"order", "order.excl"},
                 {"oss", "acme-udf"},
                 {"vpc", "vpc-1"},
                 {"zone", "z"},
                 {"vswitch", "vsw-a"},
                 {"master", {{"model", Master}, {"count", MasterCount}}},
                 {"slave", {{"model", Slave}, {"count", SlaveCount}}}};
  F.addExclusiveRole(); // first: adding resources moves the earlier ones
  ir::Resource &R = F.add("cluster", "analytics", A.dump().c_str());
  R.AttrRanges["master.model"] = F.at("M_MODEL");
  R.AttrRanges["master.count"] = F.at("M_COUNT");
  R.AttrRanges["slave.model"] = F.at("S_MODEL");
  R.AttrRanges["slave.count"] = F.at("S_COUNT");
  R.AttrRanges["oss_acl"] = F.at("ACL");
  R.AttrRanges["oss_storage_class"] = F.at("CLASS");
  R.AttrRanges["vswitch_free_ips"] = F.at("FREE");
  R.AttrRanges["expected_load.records_per_second"] = F.at("RPS");
  return R;
}

ir::Resource &addProject(Fixture &F, const char *Name, int Cu, const char *Marker) {
  ir::Resource &P = F.add("project", Name,
                          (R"({"name": ")" + std::string(Name) +
                           R"(", "cluster": "cluster.analytics", "cu": )" +
                           std::to_string(Cu) + "}")
                              .c_str());
  P.AttrRanges["cu"] = F.at(Marker);
  return P;
}

TEST(ClusterRules, ValidClusterHasNoClusterDiagnostics) {
  Fixture F(Source);
  addCluster(F, "8c32g", 3, "8c32g", 4);
  addProject(F, "clicks", 12, "CU1");
  F.run();
  for (const Diagnostic &D : F.Diags.diagnostics())
    EXPECT_NE(D.Sev, Severity::Error) << F.codes();
  EXPECT_EQ(F.Diags.warningCount(), 0u) << F.codes();
}

TEST(ClusterRules, UnknownMasterModelSuggestsClosest) {
  Fixture F(Source);
  addCluster(F, "8c23g", 3, "8c32g", 4);
  F.run();
  const Diagnostic *D = F.first("RTC0301");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Message, "master model `8c23g` is not in the master_models table; did you mean `8c32g`?");
  EXPECT_EQ(F.text(D->Range), "M_MODEL");
  ASSERT_EQ(D->FixIts.size(), 1u);
  EXPECT_EQ(D->FixIts[0].Replacement, "\"8c32g\"");
}

TEST(ClusterRules, UnknownSlaveModelListsModels) {
  Fixture F(Source);
  addCluster(F, "8c32g", 3, "big", 4);
  F.run();
  const Diagnostic *D = F.first("RTC0302");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Message, "slave model `big` is not in the slave_models table");
  EXPECT_NE(D->Hint.find("`4c16g`, `8c32g`, `16c64g`"), std::string::npos) << D->Hint;
}

TEST(ClusterRules, OneSlaveIsTooFew) {
  Fixture F(Source);
  addCluster(F, "8c32g", 3, "8c32g", 1);
  F.run();
  const Diagnostic *D = F.first("RTC0304");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Message, "a cluster needs at least 2 slaves, found 1");
  EXPECT_EQ(D->Hint, "set `count = 2` or more; the smallest cluster is 6 CU (docs/service.md#cluster-sizing)");
  EXPECT_EQ(F.text(D->Range), "S_COUNT");
}

TEST(ClusterRules, TwoSlavesAreEnough) {
  Fixture F(Source);
  addCluster(F, "8c32g", 3, "4c16g", 2);
  F.run();
  EXPECT_FALSE(F.first("RTC0304")) << F.codes();
}

TEST(ClusterRules, UsableCuOverMasterCapNamesSmallestMasterThatFits) {
  Fixture F(Source);
  addCluster(F, "4c16g", 3, "16c64g", 7); // 91 CU > 80
  F.run();
  const Diagnostic *D = F.first("RTC0305");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Message, "cluster `analytics` has 91 usable CU, more than master model `4c16g` manages (80 CU)");
  EXPECT_EQ(D->Hint, "use master model `8c32g`, the smallest that manages 91 CU, or fewer slaves");
  ASSERT_EQ(D->Notes.size(), 1u);
  EXPECT_EQ(D->Notes[0].Message, "7 × 16c64g = 91 CU (13 usable CU per 16c64g slave)");
}

TEST(ClusterRules, UncappedMasterAcceptsAnySize) {
  Fixture F(Source);
  addCluster(F, "24c96g", 3, "64c256g", 20); // 1200 CU, no cap
  F.run();
  EXPECT_FALSE(F.first("RTC0305")) << F.codes();
}

TEST(ClusterRules, ProjectsOverUsableCuListProjects) {
  Fixture F(Source);
  addCluster(F, "8c32g", 3, "8c32g", 4); // 24 CU
  addProject(F, "clicks", 20, "CU1");
  addProject(F, "views", 8, "CU2");
  F.run();
  const Diagnostic *D = F.first("RTC0307");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Message, "projects on cluster `analytics` take 28 CU, more than its 24 usable CU");
  EXPECT_EQ(D->Hint, "lower the projects' `cu`, or add 1 more 8c32g slave(s) (6 CU each)");
  ASSERT_EQ(D->Notes.size(), 3u);
  EXPECT_EQ(D->Notes[0].Message, "4 × 8c32g = 24 CU (6 usable CU per 8c32g slave)");
  EXPECT_EQ(D->Notes[1].Message, "project `clicks` takes 20 CU");
  EXPECT_EQ(F.text(D->Notes[1].Range), "CU1");
  EXPECT_EQ(D->Notes[2].Message, "project `views` takes 8 CU");
}

TEST(ClusterRules, ProjectsExactlyFillingTheClusterAreFine) {
  Fixture F(Source);
  addCluster(F, "8c32g", 3, "8c32g", 4);
  addProject(F, "clicks", 16, "CU1");
  addProject(F, "views", 8, "CU2");
  F.run();
  EXPECT_FALSE(F.first("RTC0307")) << F.codes();
}

TEST(ClusterRules, OneMasterWarnsAboutFailover) {
  Fixture F(Source);
  addCluster(F, "8c32g", 1, "8c32g", 4);
  F.run();
  const Diagnostic *D = F.first("RTC0309");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Sev, Severity::Warning);
  EXPECT_EQ(D->Message, "cluster `analytics` has 1 master(s): 3 masters give failover and an SLA; the master count cannot be changed after purchase");
  EXPECT_EQ(F.text(D->Range), "M_COUNT");
}

TEST(ClusterRules, PublicReadBucketIsAnError) {
  Fixture F(Source);
  addCluster(F, "8c32g", 3, "8c32g", 4).Attributes["oss_acl"] = "public-read";
  F.run();
  const Diagnostic *D = F.first("RTC0311");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Message, "UDF bucket `acme-udf` has ACL public-read: a publicly readable UDF bucket is forbidden");
  EXPECT_EQ(F.text(D->Range), "ACL");
}

TEST(ClusterRules, PublicReadWriteBucketIsAnError) {
  Fixture F(Source);
  addCluster(F, "8c32g", 3, "8c32g", 4).Attributes["oss_acl"] = "public-read-write";
  F.run();
  EXPECT_TRUE(F.first("RTC0311")) << F.codes();
}

TEST(ClusterRules, NonPrivateBucketWarns) {
  Fixture F(Source);
  addCluster(F, "8c32g", 3, "8c32g", 4).Attributes["oss_acl"] = "default";
  F.run();
  const Diagnostic *D = F.first("RTC0312");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Message, "UDF bucket `acme-udf` has ACL default; private is recommended");
  EXPECT_FALSE(F.first("RTC0311"));
}

TEST(ClusterRules, PrivateStandardBucketIsFine) {
  Fixture F(Source);
  ir::Resource &R = addCluster(F, "8c32g", 3, "8c32g", 4);
  R.Attributes["oss_acl"] = "private";
  R.Attributes["oss_storage_class"] = "Standard";
  F.run();
  EXPECT_FALSE(F.first("RTC0310") || F.first("RTC0311") || F.first("RTC0312")) << F.codes();
}

TEST(ClusterRules, InfrequentAccessBucketIsAnError) {
  Fixture F(Source);
  addCluster(F, "8c32g", 3, "8c32g", 4).Attributes["oss_storage_class"] = "IA";
  F.run();
  const Diagnostic *D = F.first("RTC0310");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Message, "UDF bucket `acme-udf` uses storage class IA; it must be Standard");
}

TEST(ClusterRules, VSwitchNeedsAFreeIpPerNode) {
  Fixture F(Source);
  addCluster(F, "8c32g", 3, "8c32g", 4).Attributes["vswitch_free_ips"] = 6;
  F.run();
  const Diagnostic *D = F.first("RTC0313");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Message, "vSwitch `vsw-a` has 6 free IPs, fewer than the cluster's 7 nodes (3 masters + 4 slaves)");
  EXPECT_EQ(F.text(D->Range), "FREE");
}

TEST(ClusterRules, VSwitchWithExactlyEnoughIpsIsFine) {
  Fixture F(Source);
  addCluster(F, "8c32g", 3, "8c32g", 4).Attributes["vswitch_free_ips"] = 7;
  F.run();
  EXPECT_FALSE(F.first("RTC0313")) << F.codes();
}

TEST(ClusterRules, UndersizedForSimpleLoadWarns) {
  Fixture F(Source);
  addCluster(F, "8c32g", 3, "8c32g", 4).Attributes["expected_load"] =
      {{"records_per_second", 300000}, {"workload", "simple"}};
  F.run();
  const Diagnostic *D = F.first("RTC0314");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Message, "cluster `analytics` has 24 usable CU, but 300000 records/s of simple work need 30 CU");
  EXPECT_EQ(D->Hint, "5 × 8c32g slaves give 30 CU; `expected_load` is what the cluster is bought for (docs/service.md#cluster-sizing)");
}

TEST(ClusterRules, ComplexLoadInTheRangeMayBeUndersized) {
  Fixture F(Source);
  addCluster(F, "8c32g", 3, "8c32g", 4).Attributes["expected_load"] =
      {{"records_per_second", 50000}, {"workload", "complex"}};
  F.run();
  const Diagnostic *D = F.first("RTC0315");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Message, "cluster `analytics` has 24 usable CU; 50000 records/s of complex work need 10 to 50 CU");
}

TEST(ClusterRules, SufficientLoadIsQuiet) {
  Fixture F(Source);
  addCluster(F, "8c32g", 3, "8c32g", 4).Attributes["expected_load"] =
      {{"records_per_second", 200000}, {"workload", "simple"}};
  F.run();
  EXPECT_FALSE(F.first("RTC0314") || F.first("RTC0315")) << F.codes();
}

TEST(ClusterRules, MissingTablesSkipTheSizingRules) {
  Fixture F(Source);
  F.P.Std.erase("slave_models");
  addCluster(F, "8c32g", 1, "nope", 1);
  F.run();
  EXPECT_FALSE(F.first("RTC0302") || F.first("RTC0304") || F.first("RTC0309")) << F.codes();
}

} // namespace
