// Test fixture: an in-process emulator on 127.0.0.1:0 and a client that
// sends real, signed RPC and ROA requests to it.
#ifndef RTC_TESTS_EMULATORTESTSUPPORT_H
#define RTC_TESTS_EMULATORTESTSUPPORT_H

#include "rtc/Cloud/Signature.h"
#include "rtc/Emulator/Emulator.h"

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include <httplib.h>

#include <chrono>
#include <ctime>
#include <memory>
#include <string>

namespace rtc::emulator::test {

using json = nlohmann::json;
using cloud::ParamMap;

struct Key {
  std::string Id, Secret;
};

struct Resp {
  int Status = 0;
  json Body;
  std::string ContentType;
  std::string code() const { return Body.value("Code", ""); }
  std::string message() const { return Body.value("Message", ""); }
};

inline std::string isoNow(int64_t OffsetSeconds = 0) {
  std::time_t T = std::time(nullptr) + OffsetSeconds;
  std::tm Tm{};
  gmtime_r(&T, &Tm);
  char Buf[32];
  std::strftime(Buf, sizeof Buf, "%Y-%m-%dT%H:%M:%SZ", &Tm);
  return Buf;
}

inline std::string rfc1123Now(int64_t OffsetSeconds = 0) {
  std::time_t T = std::time(nullptr) + OffsetSeconds;
  std::tm Tm{};
  gmtime_r(&T, &Tm);
  char Buf[64];
  std::strftime(Buf, sizeof Buf, "%a, %d %b %Y %H:%M:%S GMT", &Tm);
  return Buf;
}

inline std::string queryString(const ParamMap &P) {
  std::string Q;
  for (const auto &[K, V] : P)
    Q += (Q.empty() ? "" : "&") + cloud::percentEncode(K) + "=" + cloud::percentEncode(V);
  return Q;
}

class EmulatorTest : public ::testing::Test {
protected:
  EmulatorOptions Opts;
  std::unique_ptr<Emulator> E;
  std::unique_ptr<httplib::Client> Http;
  Key Main{"LTAImainkey0000001", "mainsecret-abcdefghijklmnopqrst"};
  int NonceCounter = 0;

  void SetUp() override { startEmulator(); }
  void TearDown() override { stopEmulator(); }

  void startEmulator() {
    E = std::make_unique<Emulator>(Opts);
    ASSERT_EQ(E->start(), "");
    Http = std::make_unique<httplib::Client>("127.0.0.1", E->port());
    Http->set_read_timeout(10, 0);
    Http->set_tcp_nodelay(true);
  }
  void stopEmulator() {
    Http.reset();
    if (E)
      E->stop();
    E.reset();
  }

  static Resp toResp(const httplib::Result &R) {
    Resp Out;
    if (!R)
      return Out;
    Out.Status = R->status;
    Out.ContentType = R->get_header_value("Content-Type");
    Out.Body = json::parse(R->body, nullptr, false);
    return Out;
  }

  std::string nonce() { return "nonce-" + std::to_string(++NonceCounter) + "-" + std::to_string(std::rand()); }

  /// Signs and sends a RAM call. Extra common parameters can be overridden
  /// through \p P (e.g. a stale Timestamp or a fixed SignatureNonce).
  Resp rpc(ParamMap P, const Key &K, bool Post = false, bool Tamper = false) {
    ParamMap Full = {{"Format", "JSON"},
                     {"Version", "2015-05-01"},
                     {"AccessKeyId", K.Id},
                     {"SignatureMethod", "HMAC-SHA1"},
                     {"SignatureVersion", "1.0"},
                     {"SignatureNonce", nonce()},
                     {"Timestamp", isoNow()}};
    for (auto &[Name, Value] : P)
      Full[Name] = Value;
    std::string Method = Post ? "POST" : "GET";
    std::string Sig = cloud::rpcSignature(
        K.Secret, cloud::rpcStringToSign(Method, Full));
    if (Tamper)
      Full["Action"] += "X";
    Full["Signature"] = Sig;
    if (Post)
      return toResp(Http->Post("/", queryString(Full),
                               "application/x-www-form-urlencoded"));
    return toResp(Http->Get(("/?" + queryString(Full)).c_str()));
  }
  Resp rpc(ParamMap P) { return rpc(std::move(P), Main); }

  /// Signs and sends a Realtime Compute ROA call. \p Path is sent and
  /// signed as given (percent escapes included), as the SDKs do.
  Resp roa(const std::string &Method, const std::string &Path,
           const json &Body = json(), const ParamMap &Query = {},
           const Key *K = nullptr, const std::string &Date = "",
           const std::string &Nonce = "") {
    return roaRaw(Method, Path, Body.is_null() ? "" : Body.dump(), Query, K,
                  Date, Nonce);
  }

  /// roa() with the body text as is (not necessarily JSON).
  Resp roaRaw(const std::string &Method, const std::string &Path,
              const std::string &Payload, const ParamMap &Query = {},
              const Key *K = nullptr, const std::string &Date = "",
              const std::string &Nonce = "",
              const std::string &Version = "2018-11-11") {
    const Key &Use = K ? *K : Main;
    httplib::Headers H = {{"Accept", "application/json"},
                          {"Date", Date.empty() ? rfc1123Now() : Date},
                          {"Content-MD5", cloud::md5Base64(Payload)},
                          {"x-acs-signature-method", "HMAC-SHA1"},
                          {"x-acs-signature-version", "1.0"},
                          {"x-acs-signature-nonce", Nonce.empty() ? nonce() : Nonce},
                          {"x-acs-version", Version}};
    cloud::RoaRequestParts Parts;
    Parts.Method = Method;
    Parts.Accept = "application/json";
    Parts.ContentMd5 = H.find("Content-MD5")->second;
    Parts.ContentType = Payload.empty() ? "" : "application/json";
    Parts.Date = H.find("Date")->second;
    for (auto &[Name, Value] : H)
      if (Name.rfind("x-acs-", 0) == 0)
        Parts.AcsHeaders[Name] = Value;
    Parts.Path = Path;
    Parts.Query = Query;
    std::string Sig = cloud::roaSignature(Use.Secret, cloud::roaStringToSign(Parts));
    H.emplace("Authorization", "acs " + Use.Id + ":" + Sig);
    std::string Target = Path + (Query.empty() ? "" : "?" + queryString(Query));
    std::string CT = Payload.empty() ? "" : "application/json";
    if (Method == "GET")
      return toResp(Http->Get(Target.c_str(), H));
    if (Method == "POST")
      return toResp(Http->Post(Target.c_str(), H, Payload, CT.c_str()));
    if (Method == "PUT")
      return toResp(Http->Put(Target.c_str(), H, Payload, CT.c_str()));
    return toResp(Http->Delete(Target.c_str(), H, Payload, CT.c_str()));
  }

  Resp admin(const std::string &Method, const std::string &Path,
             const json &Body = json::object()) {
    httplib::Headers H = {{"X-Rtcc-Admin-Token", E->adminToken()}};
    if (Method == "GET")
      return toResp(Http->Get(Path.c_str(), H));
    return toResp(Http->Post(Path.c_str(), H, Body.dump(), "application/json"));
  }

  void seedAccount() {
    Resp R = admin("POST", "/_emulator/account",
                   {{"AccountId", "1234567890123456"},
                    {"AccessKeyId", Main.Id},
                    {"AccessKeySecret", Main.Secret}});
    ASSERT_EQ(R.Status, 200) << R.Body;
  }

  /// The network, bucket and order a cluster needs (domain.md §1).
  void seedWorld(int FreeIps = 100) {
    seedAccount();
    ASSERT_EQ(admin("POST", "/_emulator/vpcs",
                    {{"VpcId", "vpc-1"},
                     {"VpcName", "vpc-prod"},
                     {"Zones", {"cn-hangzhou-h"}},
                     {"VSwitches", {{{"VSwitchId", "vsw-a"},
                                     {"ZoneId", "cn-hangzhou-h"},
                                     {"FreeIps", FreeIps}}}}})
                  .Status,
              200);
    ASSERT_EQ(admin("POST", "/_emulator/buckets", {{"Name", "acme-udf"}}).Status, 200);
    seedOrder("ord-1");
  }

  void seedOrder(const std::string &Id, const std::string &Master = "8c32g",
                 int Slaves = 4, const std::string &SlaveModel = "8c32g",
                 int Masters = 3) {
    ASSERT_EQ(admin("POST", "/_emulator/orders",
                    {{"OrderId", Id},
                     {"Mode", "exclusive"},
                     {"MasterModel", Master},
                     {"MasterCount", Masters},
                     {"SlaveModel", SlaveModel},
                     {"SlaveCount", Slaves}})
                  .Status,
              200);
  }

  json clusterRequest(const std::string &Order = "ord-1") {
    return {{"orderId", Order},          {"displayName", "analytics"},
            {"zoneId", "cn-hangzhou-h"}, {"userVpcId", "vpc-prod"},
            {"userVSwitch", "vsw-a"},    {"userOssBucket", "acme-udf"}};
  }

  void advance(int64_t Seconds) {
    ASSERT_EQ(admin("POST", "/_emulator/advance", {{"Seconds", Seconds}}).Status, 200);
  }

  /// Creates a cluster from ord-1 and lets its 30 minutes pass.
  std::string runningCluster() {
    Resp R = roa("POST", "/api/v2/clusters", clusterRequest());
    EXPECT_EQ(R.Status, 200) << R.Body;
    advance(1800);
    return R.Body.value("ClusterId", "");
  }

  Resp createProject(const std::string &Name, const std::string &Cluster, int Cu,
                     const Key *K = nullptr) {
    return roa("POST", "/api/v2/projects",
               {{"name", Name}, {"clusterId", Cluster}, {"deployType", "cell"}, {"cu", Cu}},
               {}, K);
  }

  Resp createJob(const std::string &Project, const std::string &Job,
                 const std::string &Engine = "") {
    json B = {{"jobName", Job}, {"sqlCode", "INSERT INTO b SELECT * FROM a"}};
    if (!Engine.empty())
      B["engineVersion"] = Engine;
    return roa("POST", "/api/v2/projects/" + Project + "/jobs", B);
  }

  /// A RAM user with an access key and the given policy document attached.
  Key subAccount(const std::string &User, const std::string &PolicyDoc) {
    EXPECT_EQ(rpc({{"Action", "CreateUser"}, {"UserName", User}}).Status, 200);
    Resp K = admin("POST", "/_emulator/accesskeys", {{"UserName", User}});
    EXPECT_EQ(K.Status, 200) << K.Body;
    if (!PolicyDoc.empty()) {
      EXPECT_EQ(rpc({{"Action", "CreatePolicy"},
                     {"PolicyName", User + "-policy"},
                     {"PolicyDocument", PolicyDoc}})
                    .Status,
                200);
      EXPECT_EQ(rpc({{"Action", "AttachPolicyToUser"},
                     {"PolicyType", "Custom"},
                     {"PolicyName", User + "-policy"},
                     {"UserName", User}})
                    .Status,
                200);
    }
    return {K.Body["AccessKey"]["AccessKeyId"], K.Body["AccessKey"]["AccessKeySecret"]};
  }
};

} // namespace rtc::emulator::test

#endif
