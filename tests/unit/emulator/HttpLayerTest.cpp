// The emulator's HTTP layer under bad input, load and browsers: every answer
// is a JSON error with the service's fields, the admin API admits only its
// own caller, and a keep-alive crowd is served (docs/emulator.md).
#include "EmulatorTestSupport.h"

#include <atomic>
#include <thread>
#include <vector>

namespace rtc::emulator::test {
namespace {

class HttpLayer : public EmulatorTest {
protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    seedAccount();
  }

  /// The error body every failure carries (docs/service.md#api-errors).
  static void expectServiceError(const Resp &R, int Status,
                                 const std::string &Code) {
    EXPECT_EQ(R.Status, Status) << R.Body;
    EXPECT_EQ(R.ContentType, "application/json");
    ASSERT_TRUE(R.Body.is_object()) << R.Body;
    EXPECT_EQ(R.code(), Code) << R.Body;
    for (const char *Field :
         {"Code", "Message", "RequestId", "HostId", "Recommend"})
      EXPECT_TRUE(R.Body.contains(Field)) << Field << " in " << R.Body;
  }

  Resp raw(const std::string &Method, const std::string &Target,
           const std::string &Body = "",
           const std::string &ContentType = "application/json",
           httplib::Headers H = {}) {
    if (Method == "GET")
      return toResp(Http->Get(Target.c_str(), H));
    if (Method == "PATCH")
      return toResp(Http->Patch(Target.c_str(), H, Body, ContentType.c_str()));
    if (Method == "OPTIONS")
      return toResp(Http->Options(Target.c_str(), H));
    return toResp(Http->Post(Target.c_str(), H, Body, ContentType.c_str()));
  }

  httplib::Headers token() { return {{"X-Rtcc-Admin-Token", E->adminToken()}}; }
};

TEST_F(HttpLayer, InvalidUtf8InUnsignedPathIsJson400) {
  expectServiceError(raw("GET", "/%FF"), 400, "InvalidParameter.Encoding");
  expectServiceError(raw("GET", "/api/v2/projects/%C3"), 400,
                     "InvalidParameter.Encoding");
}

TEST_F(HttpLayer, InvalidUtf8InParameterIsJson400) {
  expectServiceError(raw("GET", "/?Action=%FF&Version=2015-05-01"), 400,
                     "InvalidParameter.Encoding");
  expectServiceError(
      raw("POST", "/", "Action=%ED%A0%80", "application/x-www-form-urlencoded"),
      400, "InvalidParameter.Encoding");
}

TEST_F(HttpLayer, InvalidUtf8InBodyIsJson400) {
  expectServiceError(roaRaw("POST", "/api/v2/projects", "{\"name\":\"\xFF\"}"),
                     400, "InvalidParameter.Encoding");
}

// substr(0, 80) of the body used to cut "é" in half; the answer then failed
// to serialise and became an empty 500.
TEST_F(HttpLayer, MalformedBodyMessageNeverCutsAUtf8Character) {
  std::string Body = std::string(79, 'x') + "\xC3\xA9 not json";
  Resp R = roaRaw("POST", "/api/v2/projects", Body);
  expectServiceError(R, 400, "InvalidParameter");
  EXPECT_NE(R.message().find(std::string(79, 'x')), std::string::npos);
  EXPECT_EQ(R.message().find("\xC3\xA9"), std::string::npos);
}

TEST_F(HttpLayer, UnknownRouteIsJson404) {
  expectServiceError(raw("GET", "/nothing/here"), 404,
                     "InvalidAction.NotFound");
}

TEST_F(HttpLayer, PatchAndOptionsAreJson405) {
  Resp P = raw("PATCH", "/api/v2/projects", "{}");
  expectServiceError(P, 405, "MethodNotAllowed");
  Resp O = raw("OPTIONS", "/_emulator/reset");
  expectServiceError(O, 405, "MethodNotAllowed");
}

TEST_F(HttpLayer, LongUriIsJson414) {
  expectServiceError(raw("GET", "/?" + std::string(9000, 'a')), 414,
                     "RequestURITooLong");
}

TEST_F(HttpLayer, BodyOverTheLimitIsJson413) {
  std::string Big(Opts.MaxBodyBytes + 1, 'x');
  expectServiceError(raw("POST", "/", Big, "application/x-www-form-urlencoded"),
                     413, "RequestEntityTooLarge");
  // The connection still serves the next call.
  EXPECT_EQ(rpc({{"Action", "ListUsers"}}).Status, 200);
}

TEST_F(HttpLayer, RoaVersionIsCheckedLikeRpcVersion) {
  Resp R =
      roaRaw("GET", "/api/v2/projects", "", {}, nullptr, "", "", "2099-01-01");
  expectServiceError(R, 400, "InvalidVersion");
  EXPECT_EQ(roa("GET", "/api/v2/projects").Status, 200);
}

TEST_F(HttpLayer, RequestIdsDifferAcrossRestartsWithTheSameSeed) {
  std::string First =
      rpc({{"Action", "ListUsers"}}).Body.value("RequestId", "");
  stopEmulator();
  startEmulator();
  seedAccount();
  // seedAccount() drew one id; the first API call of the new run draws the
  // second, so compare the first admin answer's id too.
  std::string Again =
      rpc({{"Action", "ListUsers"}}).Body.value("RequestId", "");
  EXPECT_FALSE(First.empty());
  EXPECT_NE(First, Again);
}

TEST_F(HttpLayer, AdminNeedsTheToken) {
  expectServiceError(raw("POST", "/_emulator/reset", "{}"), 403,
                     "Forbidden.Admin");
  expectServiceError(raw("GET", "/_emulator/state"), 403, "Forbidden.Admin");
  httplib::Headers Wrong = {{"X-Rtcc-Admin-Token", "guess"}};
  expectServiceError(raw("GET", "/_emulator/state", "", "", Wrong), 403,
                     "Forbidden.Admin");
  EXPECT_EQ(raw("GET", "/_emulator/state", "", "", token()).Status, 200);
}

TEST_F(HttpLayer, AdminRefusesAForeignHostOrOrigin) {
  httplib::Headers Rebound = token();
  Rebound.emplace("Host", "attacker.example:" + std::to_string(E->port()));
  expectServiceError(raw("GET", "/_emulator/state", "", "", Rebound), 403,
                     "Forbidden.Admin");
  httplib::Headers Page = token();
  Page.emplace("Origin", "http://attacker.example");
  expectServiceError(
      raw("POST", "/_emulator/reset", "{}", "application/json", Page), 403,
      "Forbidden.Admin");
}

TEST_F(HttpLayer, AdminTakesJsonBodiesOnly) {
  expectServiceError(
      raw("POST", "/_emulator/reset", "{}", "text/plain", token()), 415,
      "UnsupportedMediaType");
}

TEST_F(HttpLayer, InvalidFaultSettingsGet400WithTheReason) {
  for (const char *Body :
       {R"({"ThrottleRate":"x"})", R"({"ThrottleRate":5})",
        R"({"ErrorRate":-0.1})", R"({"LatencyMs":"slow"})",
        R"({"ThrottleRate":0.6,"ErrorRate":0.6})", R"({"Throttle":0.1})"}) {
    Resp R =
        raw("POST", "/_emulator/faults", Body, "application/json", token());
    expectServiceError(R, 400, "InvalidParameter");
    EXPECT_FALSE(R.message().empty()) << Body;
  }
  Resp Ok = raw("POST", "/_emulator/faults", R"({"ThrottleRate":0.25})",
                "application/json", token());
  EXPECT_EQ(Ok.Status, 200) << Ok.Body;
  EXPECT_EQ(Ok.Body.value("ThrottleRate", 0.0), 0.25);
}

TEST_F(HttpLayer, StateDumpHoldsNoSecret) {
  Resp R = raw("GET", "/_emulator/state", "", "", token());
  ASSERT_EQ(R.Status, 200);
  EXPECT_EQ(R.Body.dump().find(Main.Secret), std::string::npos);
  EXPECT_TRUE(R.Body["AccessKey"].contains(Main.Id));
}

TEST_F(HttpLayer, SeedsClustersWithChosenIds) {
  json Seed = {{"vpcs", {{{"VpcId", "vpc-s"}, {"Zones", {"cn-hangzhou-h"}}}}},
               {"buckets", {{{"Name", "seed-udf"}}}},
               {"orders", {{{"OrderId", "ord-s"}, {"Mode", "exclusive"}}}},
               {"clusters",
                {{{"ClusterId", "cls-chosen"},
                  {"OrderId", "ord-s"},
                  {"VpcId", "vpc-s"},
                  {"Bucket", "seed-udf"},
                  {"SlaveCount", 3}}}}};
  Resp S = admin("POST", "/_emulator/seed", Seed);
  ASSERT_EQ(S.Status, 200) << S.Body;
  Resp D = roa("GET", "/api/v2/clusters/cls-chosen/details");
  ASSERT_EQ(D.Status, 200) << D.Body;
  EXPECT_EQ(D.Body["Details"].value("State", ""), "running");
  EXPECT_EQ(D.Body["Details"]["Slave"].value("Count", 0), 3);
  Resp Unknown = admin("POST", "/_emulator/seed", {{"planets", json::array()}});
  EXPECT_EQ(Unknown.Status, 400);
}

// The embedded cloud re-reads an edited cloud.seed.json through seed/new:
// what is new is added, what the cloud holds (and may have changed since)
// is kept, and "_" keys are comments.
TEST_F(HttpLayer, SeedNewAddsOnlyWhatTheCloudDoesNotHold) {
  json First = {{"_comment", "bought in the console"},
                {"orders", {{{"OrderId", "ord-a"}, {"Mode", "shared"}, {"Cu", 10}}}}};
  ASSERT_EQ(admin("POST", "/_emulator/seed", First).Status, 200);
  json Edited = {{"_comment", "and one more"},
                 {"orders",
                  {{{"OrderId", "ord-a"}, {"Mode", "shared"}, {"Cu", 99}},
                   {{"OrderId", "ord-b"}, {"Mode", "shared"}, {"Cu", 20}}}}};
  Resp R = admin("POST", "/_emulator/seed/new", Edited);
  ASSERT_EQ(R.Status, 200) << R.Body;
  EXPECT_EQ(R.Body["Added"]["orders"], json::array({"ord-b"})) << R.Body;
  EXPECT_EQ(R.Body["Kept"]["orders"], json::array({"ord-a"})) << R.Body;
  json State = admin("GET", "/_emulator/state").Body;
  EXPECT_EQ(State["Order"]["ord-a"]["Cu"], 10) << "a kept entry is not reset";
  EXPECT_EQ(State["Order"]["ord-b"]["Cu"], 20);
}

// httplib's fixed 64-thread pool left the 65th keep-alive connection queued
// until another closed (5 s keep-alive timeout): past the SDK's 3 s.
TEST_F(HttpLayer, TwoHundredKeepAliveClientsAreAllAnsweredQuickly) {
  constexpr int Clients = 200;
  std::atomic<int> Slow{0}, Failed{0};
  std::vector<std::thread> Threads;
  std::atomic<int> Connected{0};
  for (int I = 0; I < Clients; ++I)
    Threads.emplace_back([&] {
      httplib::Client C("127.0.0.1", E->port());
      C.set_keep_alive(true);
      C.set_read_timeout(3, 0);
      C.set_connection_timeout(3, 0);
      for (int Call = 0; Call < 3; ++Call) {
        auto Start = std::chrono::steady_clock::now();
        auto R = C.Get("/_emulator/health");
        auto Ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - Start)
                      .count();
        if (!R || R->status != 200)
          ++Failed;
        else if (Ms > 3000)
          ++Slow;
        if (Call == 0) {
          // Hold the connection open until every client has one.
          ++Connected;
          for (int Wait = 0; Wait < 500 && Connected < Clients; ++Wait)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
      }
    });
  for (std::thread &T : Threads)
    T.join();
  EXPECT_EQ(Failed.load(), 0);
  EXPECT_EQ(Slow.load(), 0);
}

} // namespace
} // namespace rtc::emulator::test
