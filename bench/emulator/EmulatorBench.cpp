// Signed RAM (RPC) and Realtime Compute (ROA) calls per second against an
// in-process emulator over 127.0.0.1, one keep-alive connection.
// Run: emulator_bench --benchmark_min_time=2   (bounded: a few seconds)
#include "rtc/Cloud/Signature.h"
#include "rtc/Emulator/Emulator.h"

#include "benchmark/benchmark.h"
#include "nlohmann/json.hpp"
#include <httplib.h>

#include <ctime>

namespace {

using rtc::cloud::ParamMap;
const char *KeyId = "LTAIbench";
const char *Secret = "bench-secret";

std::string now(const char *Format) {
  std::time_t T = std::time(nullptr);
  std::tm Tm{};
  gmtime_r(&T, &Tm);
  char Buf[64];
  std::strftime(Buf, sizeof Buf, Format, &Tm);
  return Buf;
}

struct Fixture {
  rtc::emulator::Emulator E{rtc::emulator::EmulatorOptions{}};
  std::unique_ptr<httplib::Client> C;
  uint64_t Nonce = 0;
  Fixture() {
    if (!E.start().empty())
      std::abort();
    C = std::make_unique<httplib::Client>("127.0.0.1", E.port());
    C->set_keep_alive(true);
    C->set_tcp_nodelay(true);
    nlohmann::json Account = {{"AccessKeyId", KeyId}, {"AccessKeySecret", Secret}};
    C->Post("/_emulator/account", {{"X-Rtcc-Admin-Token", E.adminToken()}},
            Account.dump(), "application/json");
  }
  int rpc(const std::string &Action, ParamMap Extra) {
    ParamMap P = {{"Action", Action}, {"Format", "JSON"}, {"Version", "2015-05-01"},
                  {"AccessKeyId", KeyId}, {"SignatureMethod", "HMAC-SHA1"},
                  {"SignatureVersion", "1.0"}, {"SignatureNonce", "b" + std::to_string(++Nonce)},
                  {"Timestamp", now("%Y-%m-%dT%H:%M:%SZ")}};
    for (auto &[K, V] : Extra)
      P[K] = V;
    P["Signature"] = rtc::cloud::rpcSignature(Secret, rtc::cloud::rpcStringToSign("GET", P));
    std::string Q;
    for (auto &[K, V] : P)
      Q += (Q.empty() ? "/?" : "&") + rtc::cloud::percentEncode(K) + "=" + rtc::cloud::percentEncode(V);
    auto R = C->Get(Q.c_str());
    return R ? R->status : 0;
  }
  int roaGet(const std::string &Path) {
    httplib::Headers H = {{"Accept", "application/json"}, {"Date", now("%a, %d %b %Y %H:%M:%S GMT")},
                          {"Content-MD5", rtc::cloud::md5Base64("")},
                          {"x-acs-signature-method", "HMAC-SHA1"}, {"x-acs-signature-version", "1.0"},
                          {"x-acs-signature-nonce", "r" + std::to_string(++Nonce)},
                          {"x-acs-version", "2018-11-11"}};
    rtc::cloud::RoaRequestParts Parts;
    Parts.Method = "GET";
    Parts.Accept = "application/json";
    Parts.ContentMd5 = rtc::cloud::md5Base64("");
    Parts.Date = H.find("Date")->second;
    for (auto &[K, V] : H)
      if (K.rfind("x-acs-", 0) == 0)
        Parts.AcsHeaders[K] = V;
    Parts.Path = Path;
    H.emplace("Authorization", "acs " + std::string(KeyId) + ":" +
                                   rtc::cloud::roaSignature(Secret, rtc::cloud::roaStringToSign(Parts)));
    auto R = C->Get(Path.c_str(), H);
    return R ? R->status : 0;
  }
};

void BM_SignedRpcGetUser(benchmark::State &S) {
  Fixture F;
  if (F.rpc("CreateUser", {{"UserName", "alice"}}) != 200)
    S.SkipWithError("seeding failed");
  for (auto _ : S)
    if (F.rpc("GetUser", {{"UserName", "alice"}}) != 200)
      S.SkipWithError("call failed");
  S.counters["calls/s"] = benchmark::Counter(static_cast<double>(S.iterations()),
                                             benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SignedRpcGetUser)->UseRealTime()->Unit(benchmark::kMicrosecond);

void BM_SignedRoaListProject(benchmark::State &S) {
  Fixture F;
  for (auto _ : S)
    if (F.roaGet("/api/v2/projects") != 200)
      S.SkipWithError("call failed");
  S.counters["calls/s"] = benchmark::Counter(static_cast<double>(S.iterations()),
                                             benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SignedRoaListProject)->UseRealTime()->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
