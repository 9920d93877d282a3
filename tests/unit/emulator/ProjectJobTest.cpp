// Projects (exclusive and shared) and jobs.
#include "EmulatorTestSupport.h"

namespace rtc::emulator::test {
namespace {

const char *StreamAndPassRole =
    R"({"Version":"1","Statement":[{"Action":"stream:*","Resource":"acs:stream:*:*:*","Effect":"Allow"},{"Action":"ram:PassRole","Resource":"acs:ram:*:*:*","Effect":"Allow"}]})";
const char *StreamOnly =
    R"({"Version":"1","Statement":[{"Action":"stream:*","Resource":"acs:stream:*:*:*","Effect":"Allow"}]})";

class EmulatorProject : public EmulatorTest {
protected:
  std::string Cluster;
  void SetUp() override {
    EmulatorTest::SetUp();
    seedWorld();
    Cluster = runningCluster(); // 24 usable CU
  }
  void role(bool Create) {
    if (Create) {
      ASSERT_EQ(rpc({{"Action", "CreateRole"}, {"RoleName", "AliyunStreamDefaultRole"},
                     {"AssumeRolePolicyDocument",
                      R"({"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":["stream.aliyuncs.com"]}}],"Version":"1"})"}})
                    .Status,
                200);
    } else {
      ASSERT_EQ(rpc({{"Action", "DeleteRole"}, {"RoleName", "AliyunStreamDefaultRole"}}).Status, 200);
    }
  }
};

TEST_F(EmulatorProject, ProjectNamesFollowTheRule) {
  for (std::string Bad : {std::string("ab"), std::string("Clicks"), std::string("1clicks"),
                          std::string("click-s"), std::string("a") + std::string(64, 'b')}) {
    Resp R = createProject(Bad, Cluster, 1);
    EXPECT_EQ(R.code(), "InvalidParameter.ProjectName") << Bad;
  }
  EXPECT_EQ(createProject("abc", Cluster, 1).Status, 200);
  EXPECT_EQ(createProject("a_1", Cluster, 1).Status, 200);
  EXPECT_EQ(createProject("a" + std::string(63, 'b'), Cluster, 1).Status, 200);
}

TEST_F(EmulatorProject, ProjectCuMustFitTheCluster) {
  ASSERT_EQ(createProject("clicks", Cluster, 12).Status, 200);
  ASSERT_EQ(createProject("views", Cluster, 12).Status, 200);
  Resp R = createProject("more", Cluster, 1);
  EXPECT_EQ(R.code(), "InsufficientClusterCu");
  EXPECT_EQ(roa("PUT", "/api/v2/projects/views", {{"cu", 13}}).code(), "InsufficientClusterCu");
  EXPECT_EQ(roa("PUT", "/api/v2/projects/views", {{"cu", 10}}).Status, 200);
  EXPECT_EQ(createProject("more", Cluster, 2).Status, 200);
}

TEST_F(EmulatorProject, DuplicateAndMissingProjects) {
  ASSERT_EQ(createProject("clicks", Cluster, 1).Status, 200);
  EXPECT_EQ(createProject("clicks", Cluster, 1).code(), "EntityAlreadyExists.Project");
  Resp G = roa("GET", "/api/v2/projects/nothere");
  EXPECT_EQ(G.Status, 404);
  EXPECT_EQ(G.code(), "EntityNotExist.Project");
}

TEST_F(EmulatorProject, ResponsesArePascalCaseJson) {
  Resp R = createProject("clicks", Cluster, 6);
  EXPECT_EQ(R.ContentType, "application/json");
  EXPECT_EQ(R.Body["Project"]["Name"], "clicks");
  EXPECT_EQ(R.Body["Project"]["ClusterId"], Cluster);
  EXPECT_EQ(R.Body["Project"]["Cu"], 6);
  Resp L = roa("GET", "/api/v2/projects");
  EXPECT_EQ(L.Body["Projects"]["Project"][0]["Name"], "clicks");
}

TEST_F(EmulatorProject, SubAccountWithoutPassRoleGets922019) {
  Key Dev = subAccount("dev", StreamOnly);
  Resp R = createProject("clicks", Cluster, 6, &Dev);
  EXPECT_EQ(R.Status, 403);
  EXPECT_EQ(R.code(), "922019");
  EXPECT_EQ(R.message(), "sub-account has no passRole permission");
}

TEST_F(EmulatorProject, SubAccountWithPassRoleManagesProjects) {
  Key Dev = subAccount("dev", StreamAndPassRole);
  EXPECT_EQ(createProject("clicks", Cluster, 6, &Dev).Status, 200);
  EXPECT_EQ(roa("DELETE", "/api/v2/projects/clicks", json(), {}, &Dev).Status, 200);
}

TEST_F(EmulatorProject, OnlyMainAccountCreatesSharedProjects) {
  ASSERT_EQ(admin("POST", "/_emulator/orders", {{"OrderId", "shared-1"}, {"Mode", "shared"}, {"Cu", 10}}).Status, 200);
  Key Dev = subAccount("dev", StreamAndPassRole);
  json Req = {{"name", "shared_p"}, {"deployType", "public"}, {"orderId", "shared-1"}};
  Resp Sub = roa("POST", "/api/v2/projects", Req, {}, &Dev);
  EXPECT_EQ(Sub.Status, 403);
  EXPECT_EQ(Sub.code(), "Forbidden.SubUser");
  Resp Main = roa("POST", "/api/v2/projects", Req);
  ASSERT_EQ(Main.Status, 200) << Main.Body;
  EXPECT_EQ(Main.Body["Project"]["Cu"], 10);
  EXPECT_EQ(roa("POST", "/api/v2/projects", {{"name", "shared_q"}, {"deployType", "public"},
                                             {"orderId", "shared-1"}}).code(),
            "OrderAlreadyUsed");
}

TEST_F(EmulatorProject, JobLifecycle) {
  ASSERT_EQ(createProject("clicks", Cluster, 6).Status, 200);
  Resp C = createJob("clicks", "sessionize");
  ASSERT_EQ(C.Status, 200) << C.Body;
  EXPECT_EQ(C.Body["Job"]["Status"], "CREATED");
  EXPECT_EQ(roa("PUT", "/api/v2/projects/clicks/jobs/sessionize/instance").code(), "IncorrectJobStatus");
  ASSERT_EQ(roa("PUT", "/api/v2/projects/clicks/jobs/sessionize/commit").Status, 200);
  ASSERT_EQ(roa("PUT", "/api/v2/projects/clicks/jobs/sessionize/instance").Status, 200);
  EXPECT_EQ(roa("GET", "/api/v2/projects/clicks/jobs/sessionize").Body["Job"]["Status"], "RUNNING");
  EXPECT_EQ(roa("DELETE", "/api/v2/projects/clicks/jobs/sessionize").code(), "IncorrectJobStatus");
  EXPECT_EQ(roa("DELETE", "/api/v2/projects/clicks").code(), "DeleteConflict.Project.Job");
  ASSERT_EQ(roa("PUT", "/api/v2/projects/clicks/jobs/sessionize/offline").Status, 200);
  ASSERT_EQ(roa("DELETE", "/api/v2/projects/clicks/jobs/sessionize").Status, 200);
  EXPECT_EQ(roa("GET", "/api/v2/projects/clicks/jobs/sessionize").code(), "EntityNotExist.Job");
  EXPECT_EQ(roa("DELETE", "/api/v2/projects/clicks").Status, 200);
}

TEST_F(EmulatorProject, DeletingStreamRoleMakesRunningJobsLoseStorage) {
  role(true);
  ASSERT_EQ(createProject("clicks", Cluster, 6).Status, 200);
  ASSERT_EQ(createJob("clicks", "j1").Status, 200);
  ASSERT_EQ(roa("PUT", "/api/v2/projects/clicks/jobs/j1/commit").Status, 200);
  ASSERT_EQ(roa("PUT", "/api/v2/projects/clicks/jobs/j1/instance").Status, 200);
  auto Access = [&] { return roa("GET", "/api/v2/projects/clicks/jobs/j1").Body["Job"]["StorageAccess"]; };
  EXPECT_EQ(Access(), "OK");
  role(false);
  EXPECT_EQ(Access(), "LOST");
  role(true);
  EXPECT_EQ(Access(), "OK");
}

TEST_F(EmulatorProject, UpdateJobSwitchesEngineVersionOnlyToInstalledOnes) {
  ASSERT_EQ(createProject("clicks", Cluster, 6).Status, 200);
  ASSERT_EQ(createJob("clicks", "j1").Status, 200);
  EXPECT_EQ(roa("PUT", "/api/v2/projects/clicks/jobs/j1", {{"engineVersion", "blink-3.4.0"}}).code(), "30006");
  EXPECT_EQ(roa("GET", "/api/v2/projects/clicks/jobs/j1").Body["Job"]["EngineVersion"], "blink-3.3.0");
}

} // namespace
} // namespace rtc::emulator::test
