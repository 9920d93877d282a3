// Restart persistence, fault injection, kill switch and admin inspection.
#include "EmulatorTestSupport.h"

#include <chrono>
#include <cstdio>
#include <unistd.h>

namespace rtc::emulator::test {
namespace {

std::string tempDb(const char *Tag) {
  std::string P = "/tmp/rtcc-emulator-test-" + std::string(Tag) + "-" +
                  std::to_string(::getpid()) + ".db";
  for (const char *Suffix : {"", "-wal", "-shm"})
    std::remove((P + Suffix).c_str());
  return P;
}

class EmulatorPersistence : public EmulatorTest {
protected:
  std::string Path;
  void SetUp() override {
    Path = tempDb("persist");
    Opts.DbPath = Path;
    EmulatorTest::SetUp();
    seedWorld();
  }
  void TearDown() override {
    EmulatorTest::TearDown();
    for (const char *Suffix : {"", "-wal", "-shm"})
      std::remove((Path + Suffix).c_str());
  }
};

TEST_F(EmulatorPersistence, StateSurvivesRestart) {
  ASSERT_EQ(rpc({{"Action", "CreateUser"}, {"UserName", "alice"}}).Status, 200);
  std::string Cluster = runningCluster();
  ASSERT_EQ(rpc({{"Action", "ListUsers"}, {"SignatureNonce", "before-restart"}}).Status, 200);
  stopEmulator();
  startEmulator();
  EXPECT_EQ(rpc({{"Action", "GetUser"}, {"UserName", "alice"}}).Status, 200);
  Resp D = roa("GET", "/api/v2/clusters/" + Cluster + "/details");
  EXPECT_EQ(D.Body["Details"]["State"], "running");
  // Nonces persist too: a replay after a restart is still refused.
  EXPECT_EQ(rpc({{"Action", "ListUsers"}, {"SignatureNonce", "before-restart"}}).code(),
            "SignatureNonceUsed");
  // Ids keep counting: no duplicate after the restart.
  seedOrder("ord-2");
  Resp Second = roa("POST", "/api/v2/clusters", clusterRequest("ord-2"));
  ASSERT_EQ(Second.Status, 200);
  EXPECT_NE(Second.Body["ClusterId"], Cluster);
}

class EmulatorFaults : public EmulatorTest {
protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    seedAccount();
  }
  std::vector<int> statuses(int N) {
    std::vector<int> Out;
    for (int I = 0; I < N; ++I)
      Out.push_back(rpc({{"Action", "ListUsers"}}).Status);
    return Out;
  }
  void faults(uint64_t Seed, double Throttle, double Error) {
    ASSERT_EQ(admin("POST", "/_emulator/faults",
                    {{"Seed", Seed}, {"ThrottleRate", Throttle}, {"ErrorRate", Error}}).Status,
              200);
  }
};

TEST_F(EmulatorFaults, ThrottleInjectionIsDeterministicPerSeed) {
  faults(42, 0.3, 0.0);
  std::vector<int> A = statuses(40);
  faults(42, 0.3, 0.0);
  std::vector<int> B = statuses(40);
  EXPECT_EQ(A, B);
  size_t Throttled = std::count_if(A.begin(), A.end(), [](int S) { return S == 429 || S == 503; });
  EXPECT_GT(Throttled, 3u);
  EXPECT_LT(Throttled, 25u);
  faults(7, 0.3, 0.0);
  EXPECT_NE(statuses(40), A);
}

TEST_F(EmulatorFaults, ThrottledResponsesCarryThrottlingCodes) {
  faults(1, 1.0, 0.0);
  for (int I = 0; I < 10; ++I) {
    Resp R = rpc({{"Action", "ListUsers"}});
    if (R.Status == 429)
      EXPECT_EQ(R.code(), "Throttling");
    else
      EXPECT_EQ(R.code(), "ServiceUnavailable");
  }
}

TEST_F(EmulatorFaults, ErrorRateGivesInternalError) {
  faults(3, 0.0, 1.0);
  Resp R = rpc({{"Action", "CreateUser"}, {"UserName", "alice"}});
  EXPECT_EQ(R.Status, 500);
  EXPECT_EQ(R.code(), "InternalError");
  faults(3, 0.0, 0.0);
  // The failed call changed nothing.
  EXPECT_EQ(rpc({{"Action", "GetUser"}, {"UserName", "alice"}}).code(), "EntityNotExist.User");
}

TEST_F(EmulatorFaults, LatencyIsAddedToApiCalls) {
  ASSERT_EQ(admin("POST", "/_emulator/faults", {{"LatencyMs", 150}}).Status, 200);
  auto Start = std::chrono::steady_clock::now();
  EXPECT_EQ(rpc({{"Action", "ListUsers"}}).Status, 200);
  auto Ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - Start).count();
  EXPECT_GE(Ms, 150);
}

TEST_F(EmulatorFaults, KillSwitchStopsTheServerAfterNRequests) {
  ASSERT_EQ(admin("POST", "/_emulator/kill", {{"AfterRequests", 2}}).Status, 200);
  EXPECT_EQ(rpc({{"Action", "ListUsers"}}).Status, 200);
  rpc({{"Action", "ListUsers"}}); // the fatal one
  EXPECT_FALSE(E->running());
  E->wait();
  EXPECT_EQ(rpc({{"Action", "ListUsers"}}).Status, 0); // nobody answers
}

TEST_F(EmulatorFaults, AdminCountsDumpsAndResets) {
  ASSERT_EQ(rpc({{"Action", "CreateUser"}, {"UserName", "alice"}}).Status, 200);
  ASSERT_EQ(rpc({{"Action", "CreateUser"}, {"UserName", "bob"}}).Status, 200);
  EXPECT_EQ(admin("GET", "/_emulator/counts").Body["User"], 2);
  EXPECT_TRUE(admin("GET", "/_emulator/state").Body["User"].contains("alice"));
  ASSERT_EQ(admin("POST", "/_emulator/reset").Status, 200);
  EXPECT_FALSE(admin("GET", "/_emulator/counts").Body.contains("User"));
  EXPECT_EQ(rpc({{"Action", "ListUsers"}}).code(), "InvalidAccessKeyId.NotFound");
}

TEST(EmulatorStart, RefusesNonLoopbackAddress) {
  EmulatorOptions O;
  O.Host = "0.0.0.0";
  Emulator E(O);
  EXPECT_NE(E.start().find("loopback"), std::string::npos);
}

} // namespace
} // namespace rtc::emulator::test
