// The published request shapes (CreateProject without cu, queues) and
// `--official-api-only`, which answers every extension with the real 404.
#include "EmulatorTestSupport.h"

namespace rtc::emulator::test {
namespace {

class EmulatorPublishedApi : public EmulatorTest {
protected:
  std::string Cluster;
  void SetUp() override {
    EmulatorTest::SetUp();
    seedWorld();
    Cluster = runningCluster(); // 24 usable CU
  }
  Resp createPublishedProject(const std::string &Name) {
    return roa("POST", "/api/v2/projects",
               {{"name", Name}, {"clusterId", Cluster}, {"deployType", "cell"}});
  }
};

TEST_F(EmulatorPublishedApi, ProjectCuComesFromTheBoundQueue) {
  ASSERT_EQ(createPublishedProject("clicks").Status, 200);
  ASSERT_EQ(roa("POST", "/api/v2/clusters/" + Cluster + "/queue",
                {{"queueName", "clicks"}, {"maxVcore", 10}, {"maxMemMB", 40960}})
                .Status,
            200);
  ASSERT_EQ(roa("POST", "/api/v2/projects/clicks/queue",
                {{"clusterId", Cluster}, {"queueName", "clicks"}})
                .Status,
            200);
  Resp P = roa("GET", "/api/v2/projects/clicks");
  EXPECT_EQ(P.Body["Project"]["Cu"], 10);
  // The CU check stays: 30 of 24 usable CU is refused, 20 is fine.
  EXPECT_EQ(roa("PUT", "/api/v2/clusters/" + Cluster + "/queue",
                {{"queueName", "clicks"}, {"maxVcore", 30}, {"maxMemMB", 1}})
                .code(),
            "InsufficientClusterCu");
  EXPECT_EQ(roa("PUT", "/api/v2/clusters/" + Cluster + "/queue",
                {{"queueName", "clicks"}, {"maxVcore", 20}, {"maxMemMB", 1}})
                .Status,
            200);
  EXPECT_EQ(roa("GET", "/api/v2/projects/clicks").Body["Project"]["Cu"], 20);
}

TEST_F(EmulatorPublishedApi, ExtensionsAnswerWithoutTheFlag) {
  EXPECT_EQ(roa("GET", "/api/v2/orders").Status, 200);
}

class EmulatorOfficialApiOnly : public EmulatorPublishedApi {
protected:
  void SetUp() override {
    Opts.OfficialApiOnly = true;
    EmulatorPublishedApi::SetUp();
  }
};

TEST_F(EmulatorOfficialApiOnly, ExtensionsAreNotFound) {
  Resp Orders = roa("GET", "/api/v2/orders");
  EXPECT_EQ(Orders.Status, 404);
  EXPECT_EQ(Orders.code(), "InvalidAction.NotFound");
  Resp Install =
      roa("PUT", "/api/v2/clusters/" + Cluster + "/engineversions/blink-3.4.0");
  EXPECT_EQ(Install.Status, 404);
  EXPECT_EQ(roa("PUT", "/api/v2/projects/p/jobs/j/instance").Status, 404);
  // The published calls still answer.
  EXPECT_EQ(roa("GET", "/api/v2/clusters/" + Cluster + "/engineversions").Status,
            200);
  EXPECT_EQ(createPublishedProject("clicks").Status, 200);
}

} // namespace
} // namespace rtc::emulator::test
