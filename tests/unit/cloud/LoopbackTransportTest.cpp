// The cpp-httplib transport against a real HTTP server on 127.0.0.1: what
// arrives on the wire, that the server can verify both signatures from the
// received bytes, timeouts, and refused connections.
#include "rtc/Cloud/CloudError.h"
#include "rtc/Cloud/RoaClient.h"
#include "rtc/Cloud/RpcClient.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <thread>

using namespace rtc::cloud;
using nlohmann::json;

namespace {

/// A loopback server that records requests and verifies signatures the way
/// the emulator must: from exactly the headers and parameters received.
class LoopbackServer {
public:
  struct Seen {
    std::string Method, Path, Body;
    httplib::Headers Headers;
    httplib::Params Params;
    bool SignatureOk = false;
  };

  LoopbackServer() {
    auto Handle = [this](const httplib::Request &Req, httplib::Response &Res) {
      if (Req.path == "/slow") {
        std::this_thread::sleep_for(std::chrono::milliseconds(600));
        Res.set_content("{}", "application/json");
        return;
      }
      Seen S{Req.method, Req.path, Req.body, Req.headers, Req.params, false};
      S.SignatureOk = Req.has_header("authorization") ? verifyRoa(Req)
                                                      : verifyRpc(Req);
      {
        std::lock_guard<std::mutex> L(M);
        Requests.push_back(S);
      }
      json Reply = {{"RequestId", "loop-1"}, {"SignatureOk", S.SignatureOk}};
      Res.set_content(Reply.dump(), "application/json");
    };
    Srv.Get(".*", Handle);
    Srv.Post(".*", Handle);
    Srv.Put(".*", Handle);
    Srv.Delete(".*", Handle);
    Port = Srv.bind_to_any_port("127.0.0.1");
    Thread = std::thread([this] { Srv.listen_after_bind(); });
    while (!Srv.is_running())
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~LoopbackServer() {
    Srv.stop();
    Thread.join();
  }

  Endpoint endpoint() const { return Endpoint{"http", "127.0.0.1", Port}; }
  std::vector<Seen> requests() {
    std::lock_guard<std::mutex> L(M);
    return Requests;
  }

private:
  static bool verifyRoa(const httplib::Request &Req) {
    RoaRequestParts P;
    P.Method = Req.method;
    P.Accept = Req.get_header_value("accept");
    P.ContentMd5 = Req.get_header_value("content-md5");
    P.ContentType = Req.get_header_value("content-type");
    P.Date = Req.get_header_value("date");
    for (const auto &[K, V] : Req.headers) {
      std::string Lower = llvm::StringRef(K).lower();
      if (llvm::StringRef(Lower).startswith("x-acs-"))
        P.AcsHeaders[Lower] = llvm::StringRef(V).trim().str();
    }
    P.Path = Req.path;
    for (const auto &[K, V] : Req.params)
      P.Query[K] = V;
    std::string Want = "acs testid:" + roaSignature("testsecret", roaStringToSign(P));
    return Req.get_header_value("authorization") == Want &&
           md5Base64(Req.body) == P.ContentMd5;
  }
  static bool verifyRpc(const httplib::Request &Req) {
    ParamMap P;
    for (const auto &[K, V] : Req.params)
      P[K] = V;
    auto It = P.find("Signature");
    if (It == P.end())
      return false;
    return It->second ==
           rpcSignature("testsecret", rpcStringToSign(Req.method, P));
  }

  httplib::Server Srv;
  int Port = 0;
  std::thread Thread;
  std::mutex M;
  std::vector<Seen> Requests;
};

ClientConfig loopConfig(const Endpoint &E) {
  ClientConfig C;
  C.Creds = {"testid", "testsecret", ""};
  C.EndpointOverride = E;
  C.Timeout = std::chrono::milliseconds(2000);
  C.Retry.MaxAttempts = 1;
  return C;
}

TEST(LoopbackTransport, RpcGetAndPostVerifyOnTheServer) {
  LoopbackServer S;
  RpcClient C(loopConfig(S.endpoint()), defaultRamEndpoint(), "2015-05-01");
  auto G = C.call("GetUser", {{"UserName", "alice w/ space*"}});
  ASSERT_TRUE(bool(G)) << llvm::toString(G.takeError());
  EXPECT_EQ((*G)["SignatureOk"], true);
  auto P = C.call("CreatePolicy",
                  {{"PolicyName", "p"},
                   {"PolicyDocument", R"({"Statement":[{"Action":"a:*"}]})"}},
                  RpcMethod::Post);
  ASSERT_TRUE(bool(P)) << llvm::toString(P.takeError());
  EXPECT_EQ((*P)["SignatureOk"], true);
  auto Seen = S.requests();
  ASSERT_EQ(Seen.size(), 2u);
  EXPECT_EQ(Seen[1].Method, "POST");
  EXPECT_EQ(Seen[1].Headers.count("content-type"), 1u);
  EXPECT_EQ(Seen[1].Params.find("PolicyDocument")->second,
            R"({"Statement":[{"Action":"a:*"}]})");
}

TEST(LoopbackTransport, RoaRequestsArriveWithSdkHeadersAndVerify) {
  LoopbackServer S;
  RoaClient C(loopConfig(S.endpoint()), defaultFoasEndpoint("cn-hangzhou"),
              "2018-11-11");
  auto G = C.request("GET", "/api/v2/clusters",
                     {{"pageIndex", "1"}, {"displayName", "a b*(c)"}});
  ASSERT_TRUE(bool(G)) << llvm::toString(G.takeError());
  EXPECT_EQ((*G)["SignatureOk"], true);
  auto P = C.request("POST", "/api/v2/projects", {}, json{{"name", "clicks"}});
  ASSERT_TRUE(bool(P));
  EXPECT_EQ((*P)["SignatureOk"], true);
  auto U = C.request("PUT", "/api/v2/clusters/c1/engineversions/blink-3.3.0");
  ASSERT_TRUE(bool(U));
  EXPECT_EQ((*U)["SignatureOk"], true);

  auto Seen = S.requests();
  ASSERT_EQ(Seen.size(), 3u);
  // Empty GET: Content-MD5 present, no Content-Type, one Content-Length.
  EXPECT_EQ(Seen[0].Headers.count("content-type"), 0u);
  EXPECT_EQ(Seen[0].Headers.find("content-md5")->second,
            "1B2M2Y8AsgTpgAmY7PhCfg==");
  EXPECT_LE(Seen[0].Headers.count("content-length"), 1u);
  EXPECT_EQ(Seen[0].Params.find("displayName")->second, "a b*(c)");
  // JSON POST: exactly one Content-Type and one Content-Length.
  EXPECT_EQ(Seen[1].Headers.count("content-type"), 1u);
  EXPECT_EQ(Seen[1].Headers.count("content-length"), 1u);
  EXPECT_EQ(Seen[1].Body, R"({"name":"clicks"})");
  // Bodiless PUT: no duplicated Content-Length, no invented Content-Type.
  EXPECT_EQ(Seen[2].Headers.count("content-length"), 1u);
  EXPECT_EQ(Seen[2].Headers.count("content-type"), 0u);
}

TEST(LoopbackTransport, SlowServerTimesOut) {
  LoopbackServer S;
  ClientConfig Cfg = loopConfig(S.endpoint());
  Cfg.Timeout = std::chrono::milliseconds(150);
  RoaClient C(Cfg, defaultFoasEndpoint("cn-hangzhou"), "2018-11-11");
  auto Start = std::chrono::steady_clock::now();
  auto R = C.request("GET", "/slow");
  auto Took = std::chrono::steady_clock::now() - Start;
  ASSERT_FALSE(bool(R));
  CloudError E = takeCloudError(R.takeError());
  EXPECT_EQ(E.Code, "Transport.Timeout");
  EXPECT_EQ(E.HttpStatus, 0);
  EXPECT_LT(Took, std::chrono::milliseconds(550));
}

TEST(LoopbackTransport, RefusedConnectionIsConnectionFailed) {
  // Bind (without listen) to learn a free port, then close it again so
  // nothing accepts connections there.
  int Fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(Fd, 0);
  sockaddr_in Addr{};
  Addr.sin_family = AF_INET;
  Addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(Fd, reinterpret_cast<sockaddr *>(&Addr), sizeof(Addr)), 0);
  socklen_t Len = sizeof(Addr);
  ASSERT_EQ(::getsockname(Fd, reinterpret_cast<sockaddr *>(&Addr), &Len), 0);
  int DeadPort = ntohs(Addr.sin_port);
  ::close(Fd);
  RoaClient C(loopConfig(Endpoint{"http", "127.0.0.1", DeadPort}),
              defaultFoasEndpoint("cn-hangzhou"), "2018-11-11");
  auto R = C.request("GET", "/api/v2/clusters");
  ASSERT_FALSE(bool(R));
  EXPECT_EQ(takeCloudError(R.takeError()).Code, "Transport.ConnectionFailed");
}

} // namespace
