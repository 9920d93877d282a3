// Signatures, timestamps, nonces, access keys and RAM authorisation.
#include "EmulatorTestSupport.h"

namespace rtc::emulator::test {
namespace {

class EmulatorAuth : public EmulatorTest {
protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    seedWorld();
  }
};

TEST_F(EmulatorAuth, AcceptsSignedRpcGetAndAnswersJsonWithoutCode) {
  Resp R = rpc({{"Action", "CreateUser"}, {"UserName", "alice"}});
  EXPECT_EQ(R.Status, 200);
  EXPECT_EQ(R.ContentType, "application/json");
  EXPECT_FALSE(R.Body.contains("Code"));
  EXPECT_TRUE(R.Body.contains("RequestId"));
  EXPECT_EQ(R.Body["User"]["UserName"], "alice");
}

TEST_F(EmulatorAuth, AcceptsSignedRpcPostForm) {
  Resp R = rpc({{"Action", "CreateUser"}, {"UserName", "bob"}}, Main, /*Post=*/true);
  EXPECT_EQ(R.Status, 200) << R.Body;
  EXPECT_EQ(R.Body["User"]["UserName"], "bob");
}

TEST_F(EmulatorAuth, MergesQueryAndFormParametersInAnyOrder) {
  ParamMap P = {{"Action", "CreateUser"},      {"UserName", "carol"},
                {"Format", "JSON"},            {"Version", "2015-05-01"},
                {"AccessKeyId", Main.Id},      {"SignatureMethod", "HMAC-SHA1"},
                {"SignatureVersion", "1.0"},   {"SignatureNonce", "split-1"},
                {"Timestamp", isoNow()}};
  P["Signature"] = cloud::rpcSignature(Main.Secret, cloud::rpcStringToSign("POST", P));
  // Signature and Action travel in the query, the rest in the form body,
  // reversed, so nothing depends on order.
  ParamMap Query = {{"Signature", P["Signature"]}, {"Action", "CreateUser"}};
  std::string Form;
  for (auto It = P.rbegin(); It != P.rend(); ++It)
    if (!Query.count(It->first))
      Form += (Form.empty() ? "" : "&") + cloud::percentEncode(It->first) + "=" +
              cloud::percentEncode(It->second);
  Resp R = toResp(Http->Post(("/?" + queryString(Query)).c_str(), Form,
                             "application/x-www-form-urlencoded"));
  EXPECT_EQ(R.Status, 200) << R.Body;
  EXPECT_EQ(R.Body["User"]["UserName"], "carol");
}

TEST_F(EmulatorAuth, RejectsTamperedRpcWithSignatureDoesNotMatch) {
  Resp R = rpc({{"Action", "ListUsers"}}, Main, false, /*Tamper=*/true);
  EXPECT_EQ(R.Status, 400);
  EXPECT_EQ(R.code(), "SignatureDoesNotMatch");
  for (const char *F : {"RequestId", "HostId", "Code", "Message", "Recommend"})
    EXPECT_TRUE(R.Body.contains(F)) << F;
}

TEST_F(EmulatorAuth, RejectsRpcSignedWithWrongSecret) {
  Resp R = rpc({{"Action", "ListUsers"}}, Key{Main.Id, "not-the-secret"});
  EXPECT_EQ(R.Status, 400);
  EXPECT_EQ(R.code(), "SignatureDoesNotMatch");
}

TEST_F(EmulatorAuth, RejectsRoaSignedWithWrongSecret) {
  Key Wrong{Main.Id, "wrong"};
  Resp R = roa("GET", "/api/v2/clusters", json(), {}, &Wrong);
  EXPECT_EQ(R.Status, 400);
  EXPECT_EQ(R.code(), "SignatureDoesNotMatch");
  EXPECT_EQ(R.ContentType, "application/json");
}

TEST_F(EmulatorAuth, RejectsRpcTimestampMoreThanFifteenMinutesOff) {
  Resp Old = rpc({{"Action", "ListUsers"}, {"Timestamp", isoNow(-16 * 60)}});
  EXPECT_EQ(Old.Status, 400);
  EXPECT_EQ(Old.code(), "InvalidTimeStamp.Expired");
  Resp Future = rpc({{"Action", "ListUsers"}, {"Timestamp", isoNow(16 * 60)}});
  EXPECT_EQ(Future.code(), "InvalidTimeStamp.Expired");
  Resp Close = rpc({{"Action", "ListUsers"}, {"Timestamp", isoNow(-14 * 60)}});
  EXPECT_EQ(Close.Status, 200) << Close.Body;
}

TEST_F(EmulatorAuth, RejectsRoaDateMoreThanFifteenMinutesOff) {
  Resp R = roa("GET", "/api/v2/clusters", json(), {}, nullptr, rfc1123Now(-20 * 60));
  EXPECT_EQ(R.Status, 400);
  EXPECT_EQ(R.code(), "InvalidTimeStamp.Expired");
}

TEST_F(EmulatorAuth, RejectsReplayedRpcNonce) {
  EXPECT_EQ(rpc({{"Action", "ListUsers"}, {"SignatureNonce", "once"}}).Status, 200);
  Resp R = rpc({{"Action", "ListUsers"}, {"SignatureNonce", "once"}});
  EXPECT_EQ(R.Status, 400);
  EXPECT_EQ(R.code(), "SignatureNonceUsed");
}

TEST_F(EmulatorAuth, RejectsReplayedRoaNonce) {
  EXPECT_EQ(roa("GET", "/api/v2/clusters", json(), {}, nullptr, "", "n-1").Status, 200);
  Resp R = roa("GET", "/api/v2/clusters", json(), {}, nullptr, "", "n-1");
  EXPECT_EQ(R.code(), "SignatureNonceUsed");
}

TEST_F(EmulatorAuth, NonceOfAFailedCallStaysUsed) {
  Resp First = rpc({{"Action", "GetUser"}, {"UserName", "nobody"}, {"SignatureNonce", "f-1"}});
  EXPECT_EQ(First.code(), "EntityNotExist.User");
  Resp Again = rpc({{"Action", "GetUser"}, {"UserName", "nobody"}, {"SignatureNonce", "f-1"}});
  EXPECT_EQ(Again.code(), "SignatureNonceUsed");
}

TEST_F(EmulatorAuth, RejectsUnknownAccessKeyWith404) {
  Resp R = rpc({{"Action", "ListUsers"}}, Key{"LTAIunknown", "x"});
  EXPECT_EQ(R.Status, 404);
  EXPECT_EQ(R.code(), "InvalidAccessKeyId.NotFound");
  Key Unknown{"LTAIunknown", "x"};
  Resp Roa = roa("GET", "/api/v2/projects", json(), {}, &Unknown);
  EXPECT_EQ(Roa.Status, 404);
  EXPECT_EQ(Roa.code(), "InvalidAccessKeyId.NotFound");
}

TEST_F(EmulatorAuth, RejectsMissingSignatureParameter) {
  Resp R = toResp(Http->Get("/?Action=ListUsers&Version=2015-05-01"));
  EXPECT_EQ(R.Status, 400);
  EXPECT_EQ(R.code(), "MissingParameter");
}

TEST_F(EmulatorAuth, RoaSignsQueryParametersSortedAndDecoded) {
  Resp R = roa("GET", "/api/v2/clusters", json(),
               {{"pageSize", "10"}, {"displayName", "a b*c"}, {"pageIndex", "1"}});
  EXPECT_EQ(R.Status, 200) << R.Body;
  EXPECT_EQ(R.Body["PageSize"], 10);
}

TEST_F(EmulatorAuth, SubAccountWithoutPolicyIsForbiddenRam) {
  Key Alice = subAccount("alice", "");
  Resp R = rpc({{"Action", "ListUsers"}}, Alice);
  EXPECT_EQ(R.Status, 403);
  EXPECT_EQ(R.code(), "Forbidden.RAM");
  Resp Roa = roa("GET", "/api/v2/clusters", json(), {}, &Alice);
  EXPECT_EQ(Roa.Status, 403);
  EXPECT_EQ(Roa.code(), "Forbidden.RAM");
}

TEST_F(EmulatorAuth, SubAccountPolicyScopedToOneProject) {
  std::string Cluster = runningCluster();
  ASSERT_EQ(createProject("clicks", Cluster, 6).Status, 200);
  ASSERT_EQ(createProject("views", Cluster, 6).Status, 200);
  Key Dev = subAccount("dev", R"({"Version":"1","Statement":[
    {"Action":"stream:*","Resource":"acs:stream:*:*:clicks","Effect":"Allow"}]})");
  EXPECT_EQ(roa("GET", "/api/v2/projects/clicks", json(), {}, &Dev).Status, 200);
  Resp Other = roa("GET", "/api/v2/projects/views", json(), {}, &Dev);
  EXPECT_EQ(Other.Status, 403);
  EXPECT_EQ(Other.code(), "Forbidden.RAM");
}

TEST_F(EmulatorAuth, GroupPolicyGrantsMembersAndDenyWins) {
  Key Dev = subAccount("dev", "");
  ASSERT_EQ(rpc({{"Action", "CreateGroup"}, {"GroupName", "devs"}}).Status, 200);
  ASSERT_EQ(rpc({{"Action", "AddUserToGroup"}, {"GroupName", "devs"}, {"UserName", "dev"}}).Status, 200);
  ASSERT_EQ(rpc({{"Action", "AttachPolicyToGroup"}, {"PolicyType", "System"},
                 {"PolicyName", "AliyunRAMFullAccess"}, {"GroupName", "devs"}}).Status, 200);
  EXPECT_EQ(rpc({{"Action", "ListUsers"}}, Dev).Status, 200);
  ASSERT_EQ(rpc({{"Action", "CreatePolicy"}, {"PolicyName", "no-list"},
                 {"PolicyDocument", R"({"Version":"1","Statement":[{"Effect":"Deny","Action":"ram:List?sers","Resource":"*"}]})"}}).Status, 200);
  ASSERT_EQ(rpc({{"Action", "AttachPolicyToUser"}, {"PolicyType", "Custom"},
                 {"PolicyName", "no-list"}, {"UserName", "dev"}}).Status, 200);
  EXPECT_EQ(rpc({{"Action", "ListUsers"}}, Dev).code(), "Forbidden.RAM");
  EXPECT_EQ(rpc({{"Action", "ListGroups"}}, Dev).Status, 200);
}

TEST_F(EmulatorAuth, AdminEndpointsNeedNoSignature) {
  Resp R = admin("GET", "/_emulator/health");
  EXPECT_EQ(R.Status, 200);
  EXPECT_EQ(R.Body["Ok"], true);
}

TEST_F(EmulatorAuth, UnknownRoaPathIsJsonError) {
  Resp R = roa("GET", "/api/v2/nothing");
  EXPECT_EQ(R.Status, 400);
  EXPECT_EQ(R.ContentType, "application/json");
  EXPECT_EQ(R.code(), "InvalidAction.NotFound");
}

} // namespace
} // namespace rtc::emulator::test
