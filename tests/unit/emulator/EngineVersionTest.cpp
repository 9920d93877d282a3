// Blink engine versions on an exclusive cluster (docs/service.md#engine-versions).
#include "EmulatorTestSupport.h"

namespace rtc::emulator::test {
namespace {

class EmulatorEngine : public EmulatorTest {
protected:
  std::string Cluster;
  void SetUp() override {
    EmulatorTest::SetUp();
    seedWorld();
    Cluster = runningCluster();
  }
  std::string base() { return "/api/v2/clusters/" + Cluster + "/engineversions"; }
  Resp install(const std::string &V) { return roa("PUT", base() + "/" + V); }
  Resp uninstall(const std::string &V) { return roa("DELETE", base() + "/" + V); }
  Resp makeCurrent(const std::string &V) { return roa("PUT", base() + "/" + V + "/current"); }
  /// Installs \p V and lets the install finish.
  void installed(const std::string &V) {
    ASSERT_EQ(install(V).Status, 200) << V;
    advance(600);
  }
  json versions() { return roa("GET", base()).Body; }
};

TEST_F(EmulatorEngine, NewClusterHasOneCurrentVersion) {
  json V = versions();
  ASSERT_EQ(V["EngineVersions"]["EngineVersion"].size(), 1u);
  EXPECT_EQ(V["CurrentVersion"], "blink-3.3.0");
  EXPECT_EQ(V["EngineVersions"]["EngineVersion"][0]["IsCurrent"], true);
}

TEST_F(EmulatorEngine, InstallShowsDeployingVersionUntilDone) {
  Resp R = install("blink-2.2.6-hotfix0");
  ASSERT_EQ(R.Status, 200) << R.Body;
  EXPECT_EQ(versions()["ClusterState"], "deploying version");
  EXPECT_EQ(roa("GET", "/api/v2/clusters/" + Cluster + "/details").Body["Details"]["State"],
            "deploying version");
  advance(600);
  json V = versions();
  EXPECT_EQ(V["ClusterState"], "running");
  EXPECT_EQ(V["EngineVersions"]["EngineVersion"][0]["Status"], "installed");
}

TEST_F(EmulatorEngine, RefusesSecondInstallWhileDeploying) {
  ASSERT_EQ(install("blink-2.2.6-hotfix0").Status, 200);
  Resp R = install("blink-3.4.0");
  EXPECT_EQ(R.Status, 409);
  EXPECT_EQ(R.code(), "EngineVersionDeploying");
}

TEST_F(EmulatorEngine, RefusesInstallingAnInstalledVersion) {
  Resp R = install("blink-3.3.0");
  EXPECT_EQ(R.Status, 409);
  EXPECT_EQ(R.message(), "blink-3.3.0 already installed");
}

TEST_F(EmulatorEngine, RefusesFourthEngineVersion) {
  installed("blink-2.2.6-hotfix0");
  installed("blink-3.4.0");
  Resp R = install("blink-3.5.0");
  EXPECT_EQ(R.Status, 409);
  EXPECT_EQ(R.message(), "Flink versions exceeded max limitation:3");
}

TEST_F(EmulatorEngine, ClusterAboveLimitKeepsVersionsButCannotAdd) {
  ASSERT_EQ(admin("POST", "/_emulator/clusters/" + Cluster + "/engineversions",
                  {{"Versions", {"blink-3.3.0", "blink-2.2.4", "blink-2.2.6-hotfix0", "blink-3.2.2"}},
                   {"Current", "blink-3.3.0"}}).Status,
            200);
  EXPECT_EQ(versions()["EngineVersions"]["EngineVersion"].size(), 4u);
  EXPECT_EQ(install("blink-3.4.0").message(), "Flink versions exceeded max limitation:3");
  ASSERT_EQ(uninstall("blink-2.2.4").Status, 200);
  EXPECT_EQ(install("blink-3.4.0").message(), "Flink versions exceeded max limitation:3");
  ASSERT_EQ(uninstall("blink-3.2.2").Status, 200);
  EXPECT_EQ(install("blink-3.4.0").Status, 200);
}

TEST_F(EmulatorEngine, RefusesUninstallingTheCurrentVersion) {
  Resp R = uninstall("blink-3.3.0");
  EXPECT_EQ(R.Status, 409);
  EXPECT_EQ(R.code(), "EngineVersionIsCurrent");
}

TEST_F(EmulatorEngine, RefusesUninstallingAVersionAJobUses) {
  installed("blink-2.2.6-hotfix0");
  ASSERT_EQ(createProject("clicks", Cluster, 6).Status, 200);
  ASSERT_EQ(createJob("clicks", "sessionize", "blink-2.2.6-hotfix0").Status, 200);
  Resp R = uninstall("blink-2.2.6-hotfix0");
  EXPECT_EQ(R.Status, 409);
  EXPECT_EQ(R.message(), "Node:sessionize in project:clicks still ref the version:blink-2.2.6-hotfix0");
  // Taking the job offline releases the version.
  ASSERT_EQ(roa("PUT", "/api/v2/projects/clicks/jobs/sessionize/offline").Status, 200);
  EXPECT_EQ(uninstall("blink-2.2.6-hotfix0").Status, 200);
}

TEST_F(EmulatorEngine, JobOnVersionNotInstalledFailsWith30006) {
  ASSERT_EQ(createProject("clicks", Cluster, 6).Status, 200);
  Resp R = createJob("clicks", "sessionize", "blink-2.2.6-hotfix0");
  EXPECT_EQ(R.Status, 400);
  EXPECT_EQ(R.message(),
            "code:[30006], brief info:[blink script not exist, please check blink version], "
            "context info:[blink script:[/home/admin/blink/blink-2.2.6-hotfix0/bin/flink], "
            "blink version:[/home/admin/blink/blink-2.2.6-hotfix0/bin/flink]]");
}

TEST_F(EmulatorEngine, StartingJobWhoseVersionWasUninstalledFailsWith30006) {
  installed("blink-3.4.0");
  ASSERT_EQ(createProject("clicks", Cluster, 6).Status, 200);
  ASSERT_EQ(createJob("clicks", "j1", "blink-3.4.0").Status, 200);
  ASSERT_EQ(roa("PUT", "/api/v2/projects/clicks/jobs/j1/commit").Status, 200);
  ASSERT_EQ(roa("PUT", "/api/v2/projects/clicks/jobs/j1/offline").Status, 200);
  ASSERT_EQ(uninstall("blink-3.4.0").Status, 200);
  Resp R = roa("PUT", "/api/v2/projects/clicks/jobs/j1/commit");
  EXPECT_EQ(R.code(), "30006");
  EXPECT_NE(R.message().find("/home/admin/blink/blink-3.4.0/bin/flink"), std::string::npos);
}

TEST_F(EmulatorEngine, JobWithoutVersionUsesCurrent) {
  installed("blink-3.4.0");
  ASSERT_EQ(makeCurrent("blink-3.4.0").Status, 200);
  ASSERT_EQ(createProject("clicks", Cluster, 6).Status, 200);
  Resp J = createJob("clicks", "j1");
  ASSERT_EQ(J.Status, 200);
  EXPECT_EQ(J.Body["Job"]["EngineVersion"], "blink-3.4.0");
}

TEST_F(EmulatorEngine, CurrentVersionMustBeInstalled) {
  EXPECT_EQ(makeCurrent("blink-9.9.9").code(), "EngineVersionNotInstalled");
  ASSERT_EQ(install("blink-3.4.0").Status, 200);
  EXPECT_EQ(makeCurrent("blink-3.4.0").code(), "EngineVersionNotInstalled"); // still deploying
}

TEST_F(EmulatorEngine, RefusesMalformedVersionName) {
  EXPECT_EQ(install("flink-1.10").code(), "InvalidParameter.EngineVersion");
}

} // namespace
} // namespace rtc::emulator::test
