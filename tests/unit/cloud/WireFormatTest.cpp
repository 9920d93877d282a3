// What the RPC and ROA clients put on the wire, and how responses map to
// results or CloudErrors. Expected signatures were computed independently
// with `openssl dgst -sha1 -hmac`.
#include "FakeTransport.h"

#include "rtc/Cloud/RoaClient.h"
#include "rtc/Cloud/RpcClient.h"

#include <gtest/gtest.h>

using namespace rtc::cloud;
using namespace rtc::cloud::testing;

namespace {

const char *GetUserQuery =
    "AccessKeyId=testid&Action=GetUser&Format=JSON&SignatureMethod=HMAC-SHA1&"
    "SignatureNonce=nonce-1&SignatureVersion=1.0&Timestamp=2016-02-23T12%3A46%"
    "3A24Z&UserName=alice&Version=2015-05-01";

TEST(RpcWire, GetPutsSortedParamsInQueryWithSignatureLast) {
  FakeEnv Env;
  Env.Transport->push(200, R"({"RequestId":"r"})");
  RpcClient C(Env.config(), defaultRamEndpoint(), "2015-05-01");
  ASSERT_TRUE(bool(C.call("GetUser", {{"UserName", "alice"}})));
  const HttpRequest &R = Env.Transport->Requests.at(0);
  EXPECT_EQ(R.Method, "GET");
  EXPECT_EQ(R.Path, "/");
  EXPECT_EQ(R.Query, std::string(GetUserQuery) +
                         "&Signature=wVIFsQFlu0lOsuLFF8q3H1nRWUM%3D");
  EXPECT_TRUE(R.Body.empty());
  EXPECT_EQ(R.header("x-acs-action"), "GetUser");
  EXPECT_EQ(R.header("x-acs-version"), "2015-05-01");
  EXPECT_FALSE(R.header("x-sdk-client").empty());
  EXPECT_EQ(R.header("content-type"), "");
  EXPECT_EQ(R.Target.url(), "http://127.0.0.1:18080");
}

TEST(RpcWire, PostSendsFormBodySignedWithPost) {
  FakeEnv Env;
  Env.Transport->push(200, R"({"RequestId":"r"})");
  RpcClient C(Env.config(), defaultRamEndpoint(), "2015-05-01");
  ASSERT_TRUE(bool(C.call("GetUser", {{"UserName", "alice"}}, RpcMethod::Post)));
  const HttpRequest &R = Env.Transport->Requests.at(0);
  EXPECT_EQ(R.Method, "POST");
  EXPECT_EQ(R.Path, "/");
  EXPECT_EQ(R.Query, "");
  EXPECT_EQ(R.Body, std::string(GetUserQuery) +
                        "&Signature=saAmHiHnagtIG3C%2BVza9s%2BWLiIg%3D");
  EXPECT_EQ(R.header("content-type"), "application/x-www-form-urlencoded");
}

TEST(RpcWire, SecurityTokenIsSignedWhenPresent) {
  FakeEnv Env;
  Env.Transport->push(200, R"({"RequestId":"r"})");
  ClientConfig Cfg = Env.config();
  Cfg.Creds.SecurityToken = "sts token";
  RpcClient C(Cfg, defaultRamEndpoint(), "2015-05-01");
  ASSERT_TRUE(bool(C.call("GetUser", {{"UserName", "alice"}})));
  EXPECT_NE(Env.Transport->Requests[0].Query.find("SecurityToken=sts%20token&"),
            std::string::npos);
}

TEST(RpcWire, ListParametersAreFlattenedOneBased) {
  ParamMap P;
  RpcClient::addList(P, "InstanceId", {"a", "b"});
  EXPECT_EQ(P.at("InstanceId.1"), "a");
  EXPECT_EQ(P.at("InstanceId.2"), "b");
  EXPECT_EQ(P.size(), 2u);
}

TEST(RpcWire, DefaultEndpointIsRamHttps) {
  FakeEnv Env;
  ClientConfig Cfg = Env.config();
  Cfg.EndpointOverride.reset();
  RpcClient C(Cfg, defaultRamEndpoint(), "2015-05-01");
  EXPECT_EQ(C.endpoint().url(), "https://ram.aliyuncs.com");
}

TEST(RpcResponse, CodeInBodyIsAnErrorWithAllFields) {
  HttpResponse R{404, {},
                 R"({"RequestId":"req-1","HostId":"ram.aliyuncs.com","Code":"EntityNotExist.User","Message":"The user does not exist.","Recommend":"x"})"};
  auto J = RpcClient::parseResponse(R);
  ASSERT_FALSE(bool(J));
  CloudError E = takeCloudError(J.takeError());
  EXPECT_EQ(E.HttpStatus, 404);
  EXPECT_EQ(E.Code, "EntityNotExist.User");
  EXPECT_EQ(E.Message, "The user does not exist.");
  EXPECT_EQ(E.RequestId, "req-1");
  EXPECT_FALSE(E.Retryable);
  EXPECT_TRUE(E.isNotFound());
}

TEST(RpcResponse, SuccessCodesAreNotErrors) {
  for (const char *Body : {R"({"Code":"OK","RequestId":"r"})",
                           R"({"Code":200,"RequestId":"r"})",
                           R"({"Code":"Success","RequestId":"r"})"}) {
    auto J = RpcClient::parseResponse({200, {}, Body});
    EXPECT_TRUE(bool(J)) << Body;
    if (!J)
      llvm::consumeError(J.takeError());
  }
}

TEST(RpcResponse, ConflictIsAlreadyExists) {
  auto J = RpcClient::parseResponse(
      {409, {}, R"({"Code":"EntityAlreadyExists.User","Message":"m"})"});
  CloudError E = takeCloudError(J.takeError());
  EXPECT_TRUE(E.isAlreadyExists());
  EXPECT_FALSE(E.isNotFound());
}

TEST(RpcResponse, NonJsonBodyIsAnError) {
  auto J = RpcClient::parseResponse({200, {}, "<xml/>"});
  EXPECT_EQ(takeCloudError(J.takeError()).Code, "InvalidResponse");
  auto K = RpcClient::parseResponse({502, {}, "bad gateway"});
  CloudError E = takeCloudError(K.takeError());
  EXPECT_EQ(E.Code, "HTTP502");
  EXPECT_TRUE(E.Retryable);
}

TEST(CloudErrorClass, ThrottlingVariantsAreRetryableThrottling) {
  for (auto [Status, Code] : {std::pair<int, const char *>{400, "Throttling"},
                              {400, "Throttling.User"},
                              {400, "Throttling.Api"},
                              {429, "Whatever"},
                              {503, "ServiceUnavailable"}}) {
    CloudError E(Status, Code, "", "");
    EXPECT_TRUE(E.Retryable) << Code;
    EXPECT_TRUE(E.isThrottling()) << Code;
  }
  CloudError Internal(500, "InternalError", "", "");
  EXPECT_TRUE(Internal.Retryable);
  EXPECT_FALSE(Internal.isThrottling());
  CloudError Expired(400, "InvalidTimeStamp.Expired", "", "");
  EXPECT_FALSE(Expired.Retryable);
}

TEST(CloudErrorClass, LogMentionsCodeStatusAndRequestId) {
  llvm::Error E = makeCloudError(404, "EntityNotExist.Group", "gone", "r-9");
  std::string S = llvm::toString(std::move(E));
  EXPECT_EQ(S, "EntityNotExist.Group (HTTP 404): gone [RequestId r-9]");
}

// --- ROA -------------------------------------------------------------------

TEST(RoaWire, EmptyGetCarriesContentMd5AndNoContentType) {
  FakeEnv Env;
  Env.Transport->push(200, R"({"RequestId":"r","Clusters":{"Cluster":[]}})");
  RoaClient C(Env.config(), defaultFoasEndpoint("cn-hangzhou"), "2018-11-11");
  ASSERT_TRUE(bool(C.request("GET", "/api/v2/clusters",
                             {{"pageIndex", "1"}, {"pageSize", "50"}})));
  const HttpRequest &R = Env.Transport->Requests.at(0);
  EXPECT_EQ(R.Method, "GET");
  EXPECT_EQ(R.Path, "/api/v2/clusters");
  EXPECT_EQ(R.Query, "pageIndex=1&pageSize=50");
  EXPECT_EQ(R.header("accept"), "application/json");
  EXPECT_EQ(R.header("date"), "Tue, 23 Feb 2016 12:46:24 GMT");
  EXPECT_EQ(R.header("content-md5"), "1B2M2Y8AsgTpgAmY7PhCfg==");
  EXPECT_EQ(R.header("content-length"), "0");
  EXPECT_EQ(R.header("content-type"), "");
  EXPECT_EQ(R.header("x-acs-signature-method"), "HMAC-SHA1");
  EXPECT_EQ(R.header("x-acs-signature-version"), "1.0");
  EXPECT_EQ(R.header("x-acs-signature-nonce"), "nonce-1");
  EXPECT_EQ(R.header("x-acs-version"), "2018-11-11");
  EXPECT_FALSE(R.header("x-sdk-client").empty());
  EXPECT_EQ(R.header("authorization"),
            "acs testid:VbtHyGs8N7GG0utYxyWZI2viR+M=");
}

TEST(RoaWire, JsonBodyGetsContentTypeAndMd5) {
  FakeEnv Env;
  Env.Transport->push(200, R"({"RequestId":"r"})");
  RoaClient C(Env.config(), defaultFoasEndpoint("cn-hangzhou"), "2018-11-11");
  nlohmann::json Body = {{"name", "clicks"}};
  ASSERT_TRUE(bool(C.request("POST", "/api/v2/projects", {}, Body)));
  const HttpRequest &R = Env.Transport->Requests.at(0);
  EXPECT_EQ(R.Body, R"({"name":"clicks"})");
  EXPECT_EQ(R.header("content-type"), "application/json");
  EXPECT_EQ(R.header("content-md5"), "om9tbeR41ey40xPwjePzOg==");
  // Verify the signature the way a server would, from the received headers.
  RoaRequestParts P;
  P.Method = "POST";
  P.Accept = R.header("accept");
  P.ContentMd5 = R.header("content-md5");
  P.ContentType = R.header("content-type");
  P.Date = R.header("date");
  for (const auto &[K, V] : R.Headers)
    if (llvm::StringRef(K).startswith("x-acs-"))
      P.AcsHeaders[K] = V;
  P.Path = R.Path;
  EXPECT_EQ(R.header("authorization"),
            "acs testid:" + roaSignature("testsecret", roaStringToSign(P)));
}

TEST(RoaWire, QueryWireFormMatchesNodeQuerystring) {
  EXPECT_EQ(nodeQueryEscape("a b*(x)!'~"), "a%20b*(x)!'~");
  EXPECT_EQ(nodeQueryEscape("k=v&w/"), "k%3Dv%26w%2F");
}

TEST(RoaWire, StsTokenAddsSignedAccessKeyHeaders) {
  FakeEnv Env;
  Env.Transport->push(200, R"({"RequestId":"r"})");
  ClientConfig Cfg = Env.config();
  Cfg.Creds.SecurityToken = "tok";
  RoaClient C(Cfg, defaultFoasEndpoint("cn-hangzhou"), "2018-11-11");
  ASSERT_TRUE(bool(C.request("GET", "/api/v2/projects")));
  const HttpRequest &R = Env.Transport->Requests.at(0);
  EXPECT_EQ(R.header("x-acs-accesskey-id"), "testid");
  EXPECT_EQ(R.header("x-acs-security-token"), "tok");
}

TEST(RoaResponse, ErrorStatusMapsCodeMessageRequestId) {
  HttpResponse R{404,
                 {{"content-type", "application/json;charset=utf-8"}},
                 R"({"RequestId":"q","Code":"ClusterNotFound","Message":"no such cluster"})"};
  CloudError E = takeCloudError(RoaClient::parseResponse(R).takeError());
  EXPECT_EQ(E.HttpStatus, 404);
  EXPECT_EQ(E.Code, "ClusterNotFound");
  EXPECT_EQ(E.Message, "no such cluster");
  EXPECT_EQ(E.RequestId, "q");
  EXPECT_TRUE(E.isNotFound());
}

TEST(RoaResponse, SuccessWithoutJsonContentTypeIsInvalid) {
  HttpResponse R{200, {{"content-type", "text/plain"}}, R"({"a":1})"};
  EXPECT_EQ(takeCloudError(RoaClient::parseResponse(R).takeError()).Code,
            "InvalidResponse");
}

TEST(RoaResponse, EmptySuccessBodyIsNull) {
  auto J = RoaClient::parseResponse({204, {}, ""});
  ASSERT_TRUE(bool(J));
  EXPECT_TRUE(J->is_null());
}

TEST(RoaResponse, ServiceUnavailableIsRetriedThenSucceeds) {
  FakeEnv Env;
  Env.Transport->push(503,
                      R"({"RequestId":"a","Code":"ServiceUnavailable","Message":"m"})");
  Env.Transport->push(200, R"({"RequestId":"b","ClusterId":"c-1"})");
  RoaClient C(Env.config(), defaultFoasEndpoint("cn-hangzhou"), "2018-11-11");
  auto J = C.request("GET", "/api/v2/clusters/c-1/details");
  ASSERT_TRUE(bool(J));
  EXPECT_EQ((*J)["ClusterId"], "c-1");
  EXPECT_EQ(Env.Sleeps,
            std::vector<std::chrono::milliseconds>{std::chrono::milliseconds(500)});
}

TEST(TimeFormat, Iso8601AndRfc1123AreUtc) {
  auto T = std::chrono::system_clock::time_point(std::chrono::seconds(1456231584));
  EXPECT_EQ(formatIso8601(T), "2016-02-23T12:46:24Z");
  EXPECT_EQ(formatRfc1123(T), "Tue, 23 Feb 2016 12:46:24 GMT");
}

TEST(EndpointParse, AcceptsUrlsAndBareHosts) {
  auto A = Endpoint::parse("http://127.0.0.1:8080/");
  ASSERT_TRUE(bool(A));
  EXPECT_EQ(A->Scheme, "http");
  EXPECT_EQ(A->Host, "127.0.0.1");
  EXPECT_EQ(A->Port, 8080);
  auto B = Endpoint::parse("ram.aliyuncs.com");
  ASSERT_TRUE(bool(B));
  EXPECT_EQ(B->url(), "https://ram.aliyuncs.com");
  auto C = Endpoint::parse("http://[::1]:9000");
  ASSERT_TRUE(bool(C));
  EXPECT_EQ(C->Host, "::1");
  EXPECT_EQ(C->url(), "http://[::1]:9000");
}

TEST(EndpointParse, RejectsBadSchemesPortsAndPaths) {
  for (const char *Bad : {"ftp://x", "http://x:0", "http://x:99999",
                          "http://x/path", "http://", "http://x:abc"}) {
    auto E = Endpoint::parse(Bad);
    EXPECT_FALSE(bool(E)) << Bad;
    if (!E)
      llvm::consumeError(E.takeError());
  }
}

} // namespace
