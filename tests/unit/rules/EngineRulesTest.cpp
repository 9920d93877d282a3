//===- EngineRulesTest.cpp - Blink engine versions ------------------------===//
#include "RulesTestUtil.h"
#include "gtest/gtest.h"

using namespace rtc;
using namespace rtc::rules::test;

namespace {

const char *Source = R"(cluster analytics {
  engines { installed = [V0, V1, V2, V3] current = CUR }
}
project clicks { cluster = cluster.analytics }
job sessionize { engine = JOB_ENGINE }
)";

ir::Resource &addCluster(Fixture &F, std::vector<std::string> Installed,
                         const std::string &Current,
                         std::vector<std::string> Grandfathered = {}) {
  ir::Value Engines = {{"installed", Installed}, {"current", Current}};
  if (!Grandfathered.empty())
    Engines["grandfathered"] = Grandfathered;
  ir::Value A = {{"name", "analytics"}, {"engines", Engines}};
  F.addExclusiveRole(); // first: adding resources moves the earlier ones
  ir::Resource &R = F.add("cluster", "analytics", A.dump().c_str());
  R.AttrRanges["engines.installed"] = F.at("[V0, V1, V2, V3]");
  for (int I = 0; I < 4; ++I)
    R.AttrRanges["engines.installed[" + std::to_string(I) + "]"] = F.at("V" + std::to_string(I));
  R.AttrRanges["engines.current"] = F.at("CUR");
  return R;
}

void addJob(Fixture &F, const std::string &Engine) {
  F.add("project", "clicks", R"({"name": "clicks", "cluster": "cluster.analytics", "cu": 6})");
  ir::Value A = {{"name", "sessionize"}, {"project", "project.clicks"}, {"engine", Engine}};
  F.add("job", "sessionize", A.dump().c_str()).AttrRanges["engine"] = F.at("JOB_ENGINE");
}

TEST(EngineRules, ThreeVersionsAreAllowed) {
  Fixture F(Source);
  addCluster(F, {"blink-3.3.0", "blink-2.2.6-hotfix0", "blink-3.2.0"}, "blink-3.3.0");
  F.run();
  EXPECT_FALSE(F.first("RTC0320")) << F.codes();
}

TEST(EngineRules, FourthVersionQuotesTheServiceError) {
  Fixture F(Source);
  addCluster(F, {"blink-3.3.0", "blink-2.2.6-hotfix0", "blink-3.2.0", "blink-3.1.0"},
             "blink-3.3.0");
  F.run();
  const Diagnostic *D = F.first("RTC0320");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Message, "4 engine versions are installed, over the limit of 3; installing another fails at the service with `Flink versions exceeded max limitation:3`");
  EXPECT_EQ(F.text(D->Range), "V3");
}

TEST(EngineRules, GrandfatheredClusterKeepsItsVersions) {
  Fixture F(Source);
  std::vector<std::string> Four = {"blink-3.3.0", "blink-2.2.6-hotfix0", "blink-3.2.0", "blink-3.1.0"};
  addCluster(F, Four, "blink-3.3.0", Four);
  F.run();
  EXPECT_FALSE(F.first("RTC0320") || F.first("RTC0321")) << F.codes();
}

TEST(EngineRules, GrandfatheredClusterMayNotAddAVersion) {
  Fixture F(Source);
  addCluster(F, {"blink-3.3.0", "blink-2.2.6-hotfix0", "blink-3.2.0", "blink-3.1.0"},
             "blink-3.3.0", {"blink-3.3.0", "blink-2.2.6-hotfix0", "blink-3.2.0"});
  F.run();
  const Diagnostic *D = F.first("RTC0321");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Message, "cluster `analytics` already holds 3 versions and may not install `blink-3.1.0` until it has fewer than 3; the service fails with `Flink versions exceeded max limitation:3`");
  EXPECT_EQ(F.text(D->Range), "V3");
}

TEST(EngineRules, DuplicateVersionQuotesAlreadyInstalled) {
  Fixture F(Source);
  addCluster(F, {"blink-3.3.0", "blink-3.3.0"}, "blink-3.3.0");
  F.run();
  const Diagnostic *D = F.first("RTC0322");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Message, "engine version `blink-3.3.0` is listed twice; the service refuses the second install with `blink-3.3.0 already installed`");
  EXPECT_EQ(F.text(D->Range), "V1");
  ASSERT_EQ(D->Notes.size(), 1u);
  EXPECT_EQ(F.text(D->Notes[0].Range), "V0");
}

TEST(EngineRules, CurrentMustBeInstalled) {
  Fixture F(Source);
  addCluster(F, {"blink-3.3.0"}, "blink-2.2.6-hotfix0");
  F.run();
  const Diagnostic *D = F.first("RTC0324");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Message, "current engine version `blink-2.2.6-hotfix0` is not installed on cluster `analytics`");
  EXPECT_EQ(F.text(D->Range), "CUR");
}

/// The state shows the cluster's engines: Installed, with Current current.
RuleOptions storedEngines(std::vector<std::string> Installed,
                          std::string Current) {
  RuleOptions Opts;
  Opts.StateKnown = true;
  Opts.ExistingClusters = {"cluster.analytics"};
  Opts.ExistingEngines["cluster.analytics"] = {std::move(Installed),
                                               std::move(Current)};
  return Opts;
}

TEST(EngineRules, DroppingTheStoredCurrentVersionIsAnUninstallOfTheCurrent) {
  Fixture F(Source);
  addCluster(F, {"blink-2.2.6-hotfix0"}, "blink-3.3.0");
  F.run(storedEngines({"blink-2.2.6-hotfix0", "blink-3.3.0"}, "blink-3.3.0"));
  EXPECT_FALSE(F.first("RTC0324")) << F.codes();
  const Diagnostic *D = F.first("RTC0370");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_NE(D->Message.find("the service cannot uninstall the current version"),
            std::string::npos)
      << D->Message;
  EXPECT_EQ(D->Hint, "set `current` to another installed version first "
                     "(`blink-2.2.6-hotfix0`), or keep \"blink-3.3.0\" in "
                     "`installed`");
  EXPECT_EQ(F.text(D->Range), "CUR");
}

TEST(EngineRules, CurrentNeverInstalledIsStillNotInstalledWithAState) {
  Fixture F(Source);
  addCluster(F, {"blink-3.3.0"}, "blink-2.2.6-hotfix0");
  F.run(storedEngines({"blink-3.3.0"}, "blink-3.3.0"));
  EXPECT_TRUE(F.first("RTC0324")) << F.codes();
  EXPECT_FALSE(F.first("RTC0370")) << F.codes();
}

TEST(EngineRules, JobOnUninstalledVersionCites30006) {
  Fixture F(Source);
  addCluster(F, {"blink-3.3.0"}, "blink-3.3.0");
  addJob(F, "blink-2.2.6-hotfix0");
  F.run();
  const Diagnostic *D = F.first("RTC0325");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Message, "job `sessionize` uses engine version `blink-2.2.6-hotfix0`, which is not installed on cluster `analytics`; the service fails with `code:[30006], brief info:[blink script not exist, please check blink version], context info:[blink script:[/home/admin/blink/blink-2.2.6-hotfix0/bin/flink], blink version:[/home/admin/blink/blink-2.2.6-hotfix0/bin/flink]]`");
  EXPECT_EQ(F.text(D->Range), "JOB_ENGINE");
  ASSERT_EQ(D->Notes.size(), 1u);
  EXPECT_EQ(D->Notes[0].Message, "cluster `analytics` installs `blink-3.3.0`");
}

TEST(EngineRules, JobOnInstalledVersionIsFine) {
  Fixture F(Source);
  addCluster(F, {"blink-3.3.0", "blink-2.2.6-hotfix0"}, "blink-3.3.0");
  addJob(F, "blink-2.2.6-hotfix0");
  F.run();
  EXPECT_FALSE(F.first("RTC0325")) << F.codes();
}

TEST(EngineRules, BetaVersionWarns) {
  Fixture F(Source);
  addCluster(F, {"blink-3.3.0", "blink-3.4.0-beta1"}, "blink-3.3.0");
  F.run();
  const Diagnostic *D = F.first("RTC0327");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Message, "engine version `blink-3.4.0-beta1` is tagged beta: Test release for special cases only; not recommended.");
  EXPECT_EQ(D->Hint, "use a stable version, e.g. `blink-3.3.0`");
  EXPECT_EQ(F.withCode("RTC0327").size(), 1u);
}

TEST(EngineRules, UnknownVersionSuggestsClosest) {
  Fixture F(Source);
  addCluster(F, {"blink-3.3.1"}, "blink-3.3.1");
  F.run();
  const Diagnostic *D = F.first("RTC0329");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Message, "engine version `blink-3.3.1` is not in the engine_versions catalogue; did you mean `blink-3.3.0`?");
}

TEST(EngineRules, MalformedVersionNameIsAnError) {
  Fixture F(Source);
  addCluster(F, {"flink-3.3"}, "flink-3.3");
  F.run();
  const Diagnostic *D = F.first("RTC0330");
  ASSERT_TRUE(D) << F.codes();
  EXPECT_EQ(D->Message, "`flink-3.3` is not an engine version name");
  EXPECT_FALSE(F.first("RTC0328") || F.first("RTC0329")) << F.codes();
}

TEST(EngineRules, HotfixVersionNameIsWellFormed) {
  Fixture F(Source);
  addCluster(F, {"blink-2.2.6-hotfix0"}, "blink-2.2.6-hotfix0");
  F.run();
  EXPECT_FALSE(F.first("RTC0330") || F.first("RTC0328") || F.first("RTC0329")) << F.codes();
}

} // namespace
