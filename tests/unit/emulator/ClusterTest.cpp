// Exclusive clusters: creation prerequisites, sizing, scaling, lifecycle.
#include "EmulatorTestSupport.h"

#include <thread>

namespace rtc::emulator::test {
namespace {

class EmulatorCluster : public EmulatorTest {
protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    seedWorld();
  }
  Resp details(const std::string &Id) {
    return roa("GET", "/api/v2/clusters/" + Id + "/details");
  }
  Resp createWith(json Overrides) {
    json B = clusterRequest();
    for (auto &[K, V] : Overrides.items())
      B[K] = V;
    return roa("POST", "/api/v2/clusters", B);
  }
};

TEST_F(EmulatorCluster, CreatedClusterStartsThenRunsAfterThirtyMinutes) {
  Resp R = roa("POST", "/api/v2/clusters", clusterRequest());
  ASSERT_EQ(R.Status, 200) << R.Body;
  std::string Id = R.Body["ClusterId"];
  EXPECT_EQ(details(Id).Body["Details"]["State"], "starting");
  advance(1799);
  EXPECT_EQ(details(Id).Body["Details"]["State"], "starting");
  advance(1);
  Resp D = details(Id);
  EXPECT_EQ(D.Body["Details"]["State"], "running");
  EXPECT_EQ(D.Body["Details"]["UsableCu"], 24);
  EXPECT_EQ(D.Body["Details"]["UserVpcId"], "vpc-1");
}

class EmulatorTimeScale : public EmulatorTest {
protected:
  void SetUp() override {
    Opts.TimeScale = 0.0005; // 30 minutes -> 0.9 s
    EmulatorTest::SetUp();
    seedWorld();
  }
};

TEST_F(EmulatorTimeScale, ScaledClusterCreationFinishesInSeconds) {
  Resp R = roa("POST", "/api/v2/clusters", clusterRequest());
  ASSERT_EQ(R.Status, 200) << R.Body;
  std::string Id = R.Body["ClusterId"];
  EXPECT_EQ(roa("GET", "/api/v2/clusters/" + Id + "/details").Body["Details"]["State"], "starting");
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  EXPECT_EQ(roa("GET", "/api/v2/clusters/" + Id + "/details").Body["Details"]["State"], "running");
}

TEST_F(EmulatorCluster, RefusesFewerThanTwoSlaves) {
  seedOrder("ord-small", "8c32g", 1);
  Resp R = roa("POST", "/api/v2/clusters", clusterRequest("ord-small"));
  EXPECT_EQ(R.Status, 400);
  EXPECT_EQ(R.code(), "InvalidParameter.SlaveCount");
}

TEST_F(EmulatorCluster, UsableCuFollowsSlaveModelTable) {
  // docs/service.md#cluster-sizing: usable CU per slave model.
  std::vector<std::pair<std::string, int>> Table = {
      {"4c16g", 3}, {"8c32g", 6}, {"16c64g", 13}, {"24c96g", 21},
      {"32c128g", 28}, {"56c224g", 52}, {"64c256g", 60}};
  int N = 0;
  for (auto &[Model, Cu] : Table) {
    std::string Order = "ord-m" + std::to_string(++N);
    seedOrder(Order, "24c96g", 2, Model, 1);
    Resp R = roa("POST", "/api/v2/clusters", clusterRequest(Order));
    ASSERT_EQ(R.Status, 200) << Model << R.Body;
    EXPECT_EQ(details(R.Body["ClusterId"]).Body["Details"]["UsableCu"], 2 * Cu) << Model;
  }
}

TEST_F(EmulatorCluster, MasterModelCapsClusterCu) {
  // docs/service.md#cluster-sizing: a 4c16g master allows at most 80 CU; 14 x 6 = 84.
  seedOrder("ord-big", "4c16g", 14, "8c32g", 1);
  Resp R = roa("POST", "/api/v2/clusters", clusterRequest("ord-big"));
  EXPECT_EQ(R.code(), "InvalidParameter.ClusterCu");
  seedOrder("ord-ok", "4c16g", 13, "8c32g", 1); // 78 CU
  EXPECT_EQ(roa("POST", "/api/v2/clusters", clusterRequest("ord-ok")).Status, 200);
  seedOrder("ord-8", "8c32g", 27, "8c32g", 1); // 162 > 160
  EXPECT_EQ(roa("POST", "/api/v2/clusters", clusterRequest("ord-8")).code(), "InvalidParameter.ClusterCu");
}

TEST_F(EmulatorCluster, RefusesUnknownVpcZoneAndVSwitch) {
  EXPECT_EQ(createWith({{"userVpcId", "vpc-none"}}).code(), "InvalidVpc.NotFound");
  EXPECT_EQ(createWith({{"zoneId", "cn-hangzhou-x"}}).code(), "InvalidZone.NotFound");
  EXPECT_EQ(createWith({{"userVSwitch", "vsw-none"}}).code(), "InvalidVSwitch.NotFound");
}

TEST_F(EmulatorCluster, RefusesVSwitchWithFewerFreeIpsThanNodes) {
  // 3 masters + 4 slaves = 7 nodes.
  ASSERT_EQ(admin("POST", "/_emulator/vswitches",
                  {{"VSwitchId", "vsw-small"}, {"VpcId", "vpc-1"}, {"ZoneId", "cn-hangzhou-h"}, {"FreeIps", 6}}).Status,
            200);
  Resp R = createWith({{"userVSwitch", "vsw-small"}});
  EXPECT_EQ(R.code(), "InvalidVSwitch.IpNotEnough");
  EXPECT_NE(R.message().find("needs 7"), std::string::npos) << R.message();
  ASSERT_EQ(admin("POST", "/_emulator/vswitches",
                  {{"VSwitchId", "vsw-seven"}, {"VpcId", "vpc-1"}, {"ZoneId", "cn-hangzhou-h"}, {"FreeIps", 7}}).Status,
            200);
  EXPECT_EQ(createWith({{"userVSwitch", "vsw-seven"}}).Status, 200);
  EXPECT_EQ(admin("GET", "/_emulator/state").Body["VSwitch"]["vsw-seven"]["FreeIps"], 0);
}

TEST_F(EmulatorCluster, RefusesZoneWithoutEcsStock) {
  ASSERT_EQ(admin("POST", "/_emulator/vpcs",
                  {{"VpcId", "vpc-2"}, {"Zones", {{{"ZoneId", "z-empty"}, {"EcsStock", false}}}},
                   {"VSwitches", {{{"VSwitchId", "vsw-e"}, {"ZoneId", "z-empty"}}}}}).Status, 200);
  EXPECT_EQ(createWith({{"userVpcId", "vpc-2"}, {"zoneId", "z-empty"}, {"userVSwitch", "vsw-e"}}).code(),
            "InvalidZone.OutOfStock");
}

TEST_F(EmulatorCluster, RefusesNonStandardOrPublicReadBucket) {
  ASSERT_EQ(admin("POST", "/_emulator/buckets", {{"Name", "cold"}, {"StorageClass", "Archive"}}).Status, 200);
  ASSERT_EQ(admin("POST", "/_emulator/buckets", {{"Name", "open"}, {"Acl", "public-read"}}).Status, 200);
  EXPECT_EQ(createWith({{"userOssBucket", "cold"}}).code(), "InvalidOssBucket.StorageClass");
  Resp Pub = createWith({{"userOssBucket", "open"}});
  EXPECT_EQ(Pub.code(), "InvalidOssBucket.Acl");
  EXPECT_NE(Pub.message().find("public-read"), std::string::npos);
  EXPECT_EQ(createWith({{"userOssBucket", "missing"}}).code(), "InvalidOssBucket.NotFound");
}

TEST_F(EmulatorCluster, OrderIsUsedOnce) {
  ASSERT_EQ(roa("POST", "/api/v2/clusters", clusterRequest()).Status, 200);
  EXPECT_EQ(roa("POST", "/api/v2/clusters", clusterRequest()).code(), "OrderAlreadyUsed");
  EXPECT_EQ(roa("POST", "/api/v2/clusters", clusterRequest("ord-none")).code(), "EntityNotExist.Order");
}

TEST_F(EmulatorCluster, FailedCreateChangesNothing) {
  json Before = admin("GET", "/_emulator/counts").Body;
  ASSERT_EQ(admin("POST", "/_emulator/buckets", {{"Name", "open"}, {"Acl", "public-read"}}).Status, 200);
  ASSERT_EQ(createWith({{"userOssBucket", "open"}}).Status, 400);
  json State = admin("GET", "/_emulator/state").Body;
  EXPECT_FALSE(State.contains("Cluster"));
  EXPECT_EQ(State["Order"]["ord-1"]["UsedBy"], "");
  EXPECT_EQ(State["VSwitch"]["vsw-a"]["FreeIps"], 100);
}

TEST_F(EmulatorCluster, OperationsWaitForRunningCluster) {
  Resp R = roa("POST", "/api/v2/clusters", clusterRequest());
  std::string Id = R.Body["ClusterId"];
  Resp P = createProject("clicks", Id, 6);
  EXPECT_EQ(P.Status, 409);
  EXPECT_EQ(P.code(), "IncorrectClusterStatus");
}

TEST_F(EmulatorCluster, ExpandAddsWholeSlavesOfTheClusterModel) {
  std::string Id = runningCluster();
  Resp Wrong = roa("PUT", "/api/v2/clusters/" + Id + "/expand", {{"count", 1}, {"model", "16c64g"}});
  EXPECT_EQ(Wrong.code(), "InvalidParameter.Model");
  Resp Ok = roa("PUT", "/api/v2/clusters/" + Id + "/expand", {{"count", 2}, {"model", "8c32g"}});
  ASSERT_EQ(Ok.Status, 200) << Ok.Body;
  EXPECT_EQ(details(Id).Body["Details"]["UsableCu"], 36);
  EXPECT_EQ(details(Id).Body["Details"]["Slave"]["Count"], 6);
}

TEST_F(EmulatorCluster, ExpandRespectsMasterCap) {
  std::string Id = runningCluster(); // 8c32g master: 160 CU cap, 24 now
  EXPECT_EQ(roa("PUT", "/api/v2/clusters/" + Id + "/expand", {{"count", 23}}).code(),
            "InvalidParameter.ClusterCu");
}

TEST_F(EmulatorCluster, ShrinkKeepsTwoSlavesAndProjectCu) {
  std::string Id = runningCluster();
  EXPECT_EQ(roa("PUT", "/api/v2/clusters/" + Id + "/shrink", {{"modelTargetCount", {{"8c32g", 1}}}}).code(),
            "InvalidParameter.SlaveCount");
  ASSERT_EQ(createProject("clicks", Id, 18).Status, 200);
  EXPECT_EQ(roa("PUT", "/api/v2/clusters/" + Id + "/shrink", {{"modelTargetCount", {{"8c32g", 2}}}}).code(),
            "InsufficientClusterCu");
  json Slaves = details(Id).Body["Details"]["Slave"]["InstanceIds"];
  Resp Ok = roa("PUT", "/api/v2/clusters/" + Id + "/shrink", {{"instanceIds", Slaves[0]}});
  ASSERT_EQ(Ok.Status, 200) << Ok.Body;
  EXPECT_EQ(details(Id).Body["Details"]["UsableCu"], 18);
}

TEST_F(EmulatorCluster, MasterCountCannotChange) {
  std::string Id = runningCluster();
  Resp R = roa("PUT", "/api/v2/clusters/" + Id + "/specification",
               {{"masterTargetModel", "16c64g"}, {"masterTargetCount", 1}});
  EXPECT_EQ(R.code(), "InvalidParameter.MasterCount");
  Resp Ok = roa("PUT", "/api/v2/clusters/" + Id + "/specification", {{"masterTargetModel", "16c64g"}});
  EXPECT_EQ(Ok.Status, 200);
  EXPECT_EQ(details(Id).Body["Details"]["Master"]["Model"], "16c64g");
  EXPECT_EQ(details(Id).Body["Details"]["Master"]["Count"], 3);
}

TEST_F(EmulatorCluster, SmallerMasterMustStillCoverClusterCu) {
  seedOrder("ord-2", "16c64g", 15); // 90 CU
  Resp R = roa("POST", "/api/v2/clusters", clusterRequest("ord-2"));
  ASSERT_EQ(R.Status, 200) << R.Body;
  advance(1800);
  EXPECT_EQ(roa("PUT", "/api/v2/clusters/" + R.Body["ClusterId"].get<std::string>() + "/specification",
                {{"masterTargetModel", "4c16g"}}).code(),
            "InvalidParameter.ClusterCu");
}

TEST_F(EmulatorCluster, DestroyRefusedWhileProjectsRemainAndReleasesIps) {
  std::string Id = runningCluster();
  ASSERT_EQ(createProject("clicks", Id, 6).Status, 200);
  EXPECT_EQ(roa("DELETE", "/api/v2/clusters/" + Id).code(), "DeleteConflict.Cluster.Project");
  ASSERT_EQ(roa("DELETE", "/api/v2/projects/clicks").Status, 200);
  EXPECT_EQ(admin("GET", "/_emulator/state").Body["VSwitch"]["vsw-a"]["FreeIps"], 93);
  ASSERT_EQ(roa("DELETE", "/api/v2/clusters/" + Id).Status, 200);
  EXPECT_EQ(admin("GET", "/_emulator/state").Body["VSwitch"]["vsw-a"]["FreeIps"], 100);
  EXPECT_EQ(details(Id).code(), "EntityNotExist.Cluster");
}

TEST_F(EmulatorCluster, ListClusterPagesAndFilters) {
  runningCluster();
  Resp L = roa("GET", "/api/v2/clusters", json(), {{"displayName", "analytics"}});
  EXPECT_EQ(L.Body["TotalCount"], 1);
  EXPECT_EQ(L.Body["Clusters"]["Cluster"][0]["DisplayName"], "analytics");
  EXPECT_EQ(roa("GET", "/api/v2/clusters", json(), {{"displayName", "other"}}).Body["TotalCount"], 0);
}

// pageIndex * pageSize used to overflow: 2^62 + 1 wrapped round to page 1.
TEST_F(EmulatorCluster, HugePageIndexIsAnEmptyPageNotAnOverflow) {
  runningCluster();
  Resp First = roa("GET", "/api/v2/clusters", json(), {{"pageIndex", "1"}, {"pageSize", "50"}});
  ASSERT_EQ(First.Body["Clusters"]["Cluster"].size(), 1u) << First.Body;
  // (2^62 + 1 - 1) * 4 is 2^64: page 1 again before the fix.
  for (const char *Index : {"2", "4611686018427387905", "9223372036854775807"})
    for (const char *Size : {"4", "50"}) {
      ParamMap Q = {{"pageIndex", Index}, {"pageSize", Size}};
      Resp L = roa("GET", "/api/v2/clusters", json(), Q);
      ASSERT_EQ(L.Status, 200) << Index << ": " << L.Body;
      EXPECT_TRUE(L.Body["Clusters"]["Cluster"].empty()) << Index << "/" << Size << ": " << L.Body;
      EXPECT_EQ(L.Body["TotalCount"], 1);
      Resp P = roa("GET", "/api/v2/projects", json(), Q);
      ASSERT_EQ(P.Status, 200) << Index << ": " << P.Body;
      EXPECT_TRUE(P.Body["Projects"]["Project"].empty()) << Index << "/" << Size << ": " << P.Body;
    }
}

} // namespace
} // namespace rtc::emulator::test
