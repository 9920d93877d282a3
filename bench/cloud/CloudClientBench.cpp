// Client overhead per RAM GetUser call:
//  - InMemory: a fixed-reply transport, so the time is signing, building the
//    request, and parsing the JSON response into a RamUser;
//  - Loopback: the same call to the in-process emulator over 127.0.0.1 (a
//    new connection per call, as the client's transport does).
// Run: cloud_client_bench --benchmark_min_time=1   (bounded: a few seconds)
#include "rtc/Cloud/ClientConfig.h"
#include "rtc/Cloud/RamClient.h"
#include "rtc/Emulator/Emulator.h"

#include "benchmark/benchmark.h"
#include "nlohmann/json.hpp"
#include <httplib.h>

#include <cstdlib>

namespace {

using namespace rtc::cloud;

const char *KeyId = "LTAIbench";
const char *Secret = "bench-secret-0123456789";

/// Answers every request with one canned GetUser body.
class FixedTransport : public HttpTransport {
public:
  std::string Body = nlohmann::json{{"RequestId", "04F0F334-1335-436C-A1D7-6C044FE73368"},
                                    {"User",
                                     {{"UserName", "alice"},
                                      {"UserId", "200000000000000001"},
                                      {"DisplayName", "Alice"},
                                      {"Email", "alice@example.com"},
                                      {"MobilePhone", "86-18600008888"},
                                      {"Comments", "team lead"},
                                      {"CreateDate", "2026-11-25T10:00:00Z"},
                                      {"UpdateDate", "2026-11-25T10:00:00Z"}}}}
                         .dump();
  llvm::Expected<HttpResponse> send(const HttpRequest &Req) override {
    benchmark::DoNotOptimize(Req.Query.data());
    HttpResponse R;
    R.Status = 200;
    R.Headers["content-type"] = "application/json";
    R.Body = Body;
    return R;
  }
};

void BM_GetUserInMemory(benchmark::State &S) {
  ClientConfig Cfg;
  Cfg.Creds = {KeyId, Secret, ""};
  Cfg.EndpointOverride = Endpoint{"http", "127.0.0.1", 1};
  Cfg.Transport = std::make_shared<FixedTransport>();
  RamClient Ram(Cfg);
  for (auto _ : S) {
    auto U = Ram.getUser("alice");
    if (!U) {
      S.SkipWithError(llvm::toString(U.takeError()).c_str());
      break;
    }
    benchmark::DoNotOptimize(U->UserId);
  }
}
BENCHMARK(BM_GetUserInMemory)->Unit(benchmark::kMicrosecond);

void BM_GetUserLoopback(benchmark::State &S) {
  rtc::emulator::Emulator E{rtc::emulator::EmulatorOptions{}};
  if (!E.start().empty()) {
    S.SkipWithError("emulator did not start");
    return;
  }
  httplib::Client Admin("127.0.0.1", E.port());
  Admin.Post("/_emulator/account", {{"X-Rtcc-Admin-Token", E.adminToken()}},
             nlohmann::json{{"AccessKeyId", KeyId}, {"AccessKeySecret", Secret}}.dump(),
             "application/json");
  ClientConfig Cfg;
  Cfg.Creds = {KeyId, Secret, ""};
  Cfg.EndpointOverride = Endpoint{"http", "127.0.0.1", E.port()};
  RamClient Ram(Cfg);
  if (auto U = Ram.createUser({"alice", "Alice", "", "", ""}); !U) {
    S.SkipWithError(llvm::toString(U.takeError()).c_str());
    return;
  }
  for (auto _ : S) {
    auto U = Ram.getUser("alice");
    if (!U) {
      S.SkipWithError(llvm::toString(U.takeError()).c_str());
      break;
    }
    benchmark::DoNotOptimize(U->UserId);
  }
  E.stop();
}
BENCHMARK(BM_GetUserLoopback)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
