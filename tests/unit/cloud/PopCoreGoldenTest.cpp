// Replays the calls recorded from the official Node SDK core
// (@alicloud/pop-core 1.8, tests/interop/popcore_capture.js) through our
// clients and requires the same bytes on the wire: URL, body, signature and
// every signed header. tests/suites/interop.sh regenerates the golden file
// from the real SDK and fails if it drifts.
#include "rtc/Cloud/RoaClient.h"
#include "rtc/Cloud/RpcClient.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace rtc::cloud;
using nlohmann::json;

namespace {

json loadGolden() {
  std::string Dir = RTCC_INTEROP_DIR;
  if (const char *Src = std::getenv("RTCC_SOURCE_DIR"))
    Dir = std::string(Src) + "/tests/interop";
  std::ifstream F(Dir + "/popcore_golden.json");
  std::stringstream SS;
  SS << F.rdbuf();
  return json::parse(SS.str(), nullptr, false);
}

ClientConfig goldenConfig(const json &G) {
  ClientConfig C;
  C.Creds = {G["accessKeyId"], G["accessKeySecret"], ""};
  C.EndpointOverride = Endpoint{"http", "127.0.0.1", 8080};
  return C;
}

ParamMap toParams(const json &Obj) {
  ParamMap P;
  for (auto It = Obj.begin(); It != Obj.end(); ++It)
    P[It.key()] = It.value().get<std::string>();
  return P;
}

TEST(PopCoreGolden, GoldenFileIsPresent) {
  json G = loadGolden();
  ASSERT_FALSE(G.is_discarded());
  EXPECT_GE(G["rpc"].size(), 3u);
  EXPECT_GE(G["roa"].size(), 5u);
}

TEST(PopCoreGolden, RpcRequestsMatchSdkByteForByte) {
  json G = loadGolden();
  ASSERT_FALSE(G.is_discarded());
  RpcClient C(goldenConfig(G), defaultRamEndpoint(), "2015-05-01");
  for (const json &Case : G["rpc"]) {
    SCOPED_TRACE(Case["name"].get<std::string>());
    const json &In = Case["input"];
    const json &Wire = Case["wire"];
    RpcMethod M = In["method"] == "POST" ? RpcMethod::Post : RpcMethod::Get;
    HttpRequest R = C.buildRequest(In["action"].get<std::string>(),
                                   toParams(In["params"]), M,
                                   G["timestamp"].get<std::string>(),
                                   In["nonce"].get<std::string>());
    EXPECT_EQ(R.Method, Wire["method"]);
    EXPECT_EQ(R.target(), Wire["url"]);
    EXPECT_EQ(R.Body, Wire["body"]);
    for (auto It = Wire["headers"].begin(); It != Wire["headers"].end(); ++It) {
      if (It.key() == "content-length")
        continue; // added by the transport
      EXPECT_EQ(R.header(It.key()), It.value().get<std::string>()) << It.key();
    }
  }
}

TEST(PopCoreGolden, RoaRequestsMatchSdkByteForByte) {
  json G = loadGolden();
  ASSERT_FALSE(G.is_discarded());
  RoaClient C(goldenConfig(G), defaultFoasEndpoint("cn-hangzhou"),
              "2018-11-11");
  for (const json &Case : G["roa"]) {
    SCOPED_TRACE(Case["name"].get<std::string>());
    const json &In = Case["input"];
    const json &Wire = Case["wire"];
    HttpRequest R = C.buildRequest(
        In["method"].get<std::string>(), In["path"].get<std::string>(),
        toParams(In["query"]), In["body"].get<std::string>(),
        In["contentType"].get<std::string>(), G["date"].get<std::string>(),
        In["nonce"].get<std::string>());
    EXPECT_EQ(R.Method, Wire["method"]);
    EXPECT_EQ(R.target(), Wire["url"]);
    EXPECT_EQ(R.Body, Wire["body"]);
    // Every signed header the SDK sent, with the same value...
    for (auto It = Wire["headers"].begin(); It != Wire["headers"].end(); ++It)
      EXPECT_EQ(R.header(It.key()), It.value().get<std::string>()) << It.key();
    // ...and no signed header the SDK did not send.
    for (const auto &[K, V] : R.Headers) {
      llvm::StringRef Name(K);
      if (Name.startswith("x-acs-") || Name == "content-type" ||
          Name == "authorization" || Name == "content-md5") {
        EXPECT_TRUE(Wire["headers"].contains(K)) << K;
      }
    }
  }
}

} // namespace
