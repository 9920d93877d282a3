// Backoff schedule and retry decisions, driven by a fake clock/sleeper/RNG.
#include "FakeTransport.h"

#include "rtc/Cloud/RpcClient.h"

#include <gtest/gtest.h>

using namespace rtc::cloud;
using namespace rtc::cloud::testing;
using std::chrono::milliseconds;

namespace {

const char *ThrottleBody =
    R"({"RequestId":"r-t","Code":"Throttling.User","Message":"Request was denied due to user flow control."})";
const char *InternalBody =
    R"({"RequestId":"r-i","Code":"InternalError","Message":"oops"})";
const char *OkBody = R"({"RequestId":"r-ok","User":{"UserName":"alice"}})";

TEST(Backoff, CeilingDoublesFromBase) {
  RetryPolicy P;
  EXPECT_EQ(backoffCeiling(P, 0, false), milliseconds(100));
  EXPECT_EQ(backoffCeiling(P, 1, false), milliseconds(200));
  EXPECT_EQ(backoffCeiling(P, 3, false), milliseconds(800));
  EXPECT_EQ(backoffCeiling(P, 0, true), milliseconds(500));
  EXPECT_EQ(backoffCeiling(P, 2, true), milliseconds(2000));
}

TEST(Backoff, CeilingIsCappedAt20Seconds) {
  RetryPolicy P;
  EXPECT_EQ(backoffCeiling(P, 6, true), milliseconds(20000)); // 32 s capped
  EXPECT_EQ(backoffCeiling(P, 500, false), milliseconds(20000));
}

TEST(Backoff, FullJitterSpansZeroToCeiling) {
  RetryPolicy P;
  EXPECT_EQ(backoffDelay(P, 2, false, 0), milliseconds(0));
  EXPECT_EQ(backoffDelay(P, 2, false, ~uint64_t(0)), milliseconds(400));
  EXPECT_EQ(backoffDelay(P, 2, false, uint64_t(1) << 63), milliseconds(200));
}

TEST(Retry, ThrottlingUsesFiveHundredMsBaseWithFullJitter) {
  FakeEnv Env;
  for (int I = 0; I < 4; ++I)
    Env.Transport->push(400, ThrottleBody);
  Env.Transport->push(200, OkBody);
  RpcClient C(Env.config(), defaultRamEndpoint(), "2015-05-01");
  auto R = C.call("GetUser", {{"UserName", "alice"}});
  ASSERT_TRUE(bool(R)) << llvm::toString(R.takeError());
  EXPECT_EQ(Env.Transport->Requests.size(), 5u);
  std::vector<milliseconds> Want{milliseconds(500), milliseconds(1000),
                                 milliseconds(2000), milliseconds(4000)};
  EXPECT_EQ(Env.Sleeps, Want);
}

TEST(Retry, ServerErrorsUseHundredMsBase) {
  FakeEnv Env;
  Env.Transport->push(500, InternalBody);
  Env.Transport->push(502, "<html>bad gateway</html>", "text/html");
  Env.Transport->push(200, OkBody);
  RpcClient C(Env.config(), defaultRamEndpoint(), "2015-05-01");
  ASSERT_TRUE(bool(C.call("GetUser", {{"UserName", "alice"}})));
  std::vector<milliseconds> Want{milliseconds(100), milliseconds(200)};
  EXPECT_EQ(Env.Sleeps, Want);
}

TEST(Retry, GivesUpAfterMaxAttemptsWithLastError) {
  FakeEnv Env;
  Env.Transport->Handler = [](const HttpRequest &) {
    return FakeTransport::Reply{503,
                                R"({"RequestId":"r-5","Code":"ServiceUnavailable","Message":"busy"})",
                                "application/json", ""};
  };
  ClientConfig Cfg = Env.config();
  Cfg.Retry.MaxAttempts = 3;
  RpcClient C(Cfg, defaultRamEndpoint(), "2015-05-01");
  auto R = C.call("ListUsers", {});
  ASSERT_FALSE(bool(R));
  CloudError E = takeCloudError(R.takeError());
  EXPECT_EQ(E.Code, "ServiceUnavailable");
  EXPECT_EQ(E.HttpStatus, 503);
  EXPECT_TRUE(E.Retryable);
  EXPECT_EQ(Env.Transport->Requests.size(), 3u);
  EXPECT_EQ(Env.Sleeps.size(), 2u); // no sleep after the last attempt
}

TEST(Retry, ScheduleReachesCapWithManyAttempts) {
  FakeEnv Env;
  Env.Transport->Handler = [](const HttpRequest &) {
    return FakeTransport::Reply{429, R"({"Code":"Throttling","Message":"x"})",
                                "application/json", ""};
  };
  ClientConfig Cfg = Env.config();
  Cfg.Retry.MaxAttempts = 9;
  RpcClient C(Cfg, defaultRamEndpoint(), "2015-05-01");
  llvm::consumeError(C.call("ListUsers", {}).takeError());
  std::vector<milliseconds> Want{
      milliseconds(500),  milliseconds(1000),  milliseconds(2000),
      milliseconds(4000), milliseconds(8000),  milliseconds(16000),
      milliseconds(20000), milliseconds(20000)};
  EXPECT_EQ(Env.Sleeps, Want);
}

TEST(Retry, ClientErrorsAreNeverRetried) {
  for (const char *Body :
       {R"({"Code":"SignatureDoesNotMatch","Message":"sig"})",
        R"({"Code":"InvalidParameter","Message":"p"})",
        R"({"Code":"Forbidden.RAM","Message":"f"})"}) {
    FakeEnv Env;
    Env.Transport->push(400, Body);
    RpcClient C(Env.config(), defaultRamEndpoint(), "2015-05-01");
    auto R = C.call("GetUser", {{"UserName", "a"}});
    ASSERT_FALSE(bool(R));
    EXPECT_FALSE(takeCloudError(R.takeError()).Retryable) << Body;
    EXPECT_EQ(Env.Transport->Requests.size(), 1u) << Body;
    EXPECT_TRUE(Env.Sleeps.empty());
  }
}

TEST(Retry, EachAttemptIsSignedWithAFreshNonce) {
  FakeEnv Env;
  Env.Transport->push(500, InternalBody);
  Env.Transport->push(200, OkBody);
  RpcClient C(Env.config(), defaultRamEndpoint(), "2015-05-01");
  ASSERT_TRUE(bool(C.call("GetUser", {{"UserName", "alice"}})));
  ASSERT_EQ(Env.Transport->Requests.size(), 2u);
  EXPECT_NE(Env.Transport->Requests[0].Query.find("SignatureNonce=nonce-1"),
            std::string::npos);
  EXPECT_NE(Env.Transport->Requests[1].Query.find("SignatureNonce=nonce-2"),
            std::string::npos);
}

TEST(Retry, TransportFailuresAreNotRetriedByDefault) {
  FakeEnv Env;
  Env.Transport->pushTransportError("Transport.Timeout");
  RpcClient C(Env.config(), defaultRamEndpoint(), "2015-05-01");
  auto R = C.call("CreateUser", {{"UserName", "a"}});
  ASSERT_FALSE(bool(R));
  CloudError E = takeCloudError(R.takeError());
  EXPECT_EQ(E.Code, "Transport.Timeout");
  EXPECT_EQ(E.HttpStatus, 0);
  EXPECT_EQ(Env.Transport->Requests.size(), 1u);
}

TEST(Retry, TransportFailuresAreRetriedWhenEnabled) {
  FakeEnv Env;
  Env.Transport->pushTransportError("Transport.ConnectionFailed");
  Env.Transport->push(200, OkBody);
  ClientConfig Cfg = Env.config();
  Cfg.Retry.RetryTransportErrors = true;
  RpcClient C(Cfg, defaultRamEndpoint(), "2015-05-01");
  ASSERT_TRUE(bool(C.call("GetUser", {{"UserName", "a"}})));
  EXPECT_EQ(Env.Sleeps, std::vector<milliseconds>{milliseconds(100)});
}

TEST(Retry, VerboseLogCarriesRequestIdsButNoSecret) {
  FakeEnv Env;
  Env.Transport->push(500, InternalBody);
  Env.Transport->push(200, OkBody);
  RpcClient C(Env.config(), defaultRamEndpoint(), "2015-05-01");
  ASSERT_TRUE(bool(C.call("GetUser", {{"UserName", "alice"}})));
  ASSERT_EQ(Env.LogLines.size(), 2u);
  EXPECT_NE(Env.LogLines[0].find("RequestId=r-i"), std::string::npos);
  EXPECT_NE(Env.LogLines[0].find("retrying in 100 ms"), std::string::npos);
  EXPECT_NE(Env.LogLines[1].find("RequestId=r-ok"), std::string::npos);
  for (const std::string &L : Env.LogLines)
    EXPECT_EQ(L.find("testsecret"), std::string::npos);
}

} // namespace
