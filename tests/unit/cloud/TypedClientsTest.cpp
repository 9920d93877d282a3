// RAM and foas typed wrappers: parameter names, response parsing and the two
// pagination styles, against a scripted transport.
#include "FakeTransport.h"

#include "rtc/Cloud/FoasClient.h"
#include "rtc/Cloud/RamClient.h"

#include "llvm/ADT/StringExtras.h"

#include <gtest/gtest.h>

#include <map>

using namespace rtc::cloud;
using namespace rtc::cloud::testing;
using nlohmann::json;

namespace {

/// Decodes an RPC query or form body back into parameters.
std::map<std::string, std::string> decodeForm(llvm::StringRef S) {
  std::map<std::string, std::string> Out;
  llvm::SmallVector<llvm::StringRef, 16> Pairs;
  S.split(Pairs, '&', -1, false);
  auto Dec = [](llvm::StringRef V) {
    std::string R;
    for (size_t I = 0; I < V.size(); ++I) {
      if (V[I] == '%' && I + 2 < V.size()) {
        R.push_back(static_cast<char>(llvm::hexFromNibbles(V[I + 1], V[I + 2])));
        I += 2;
      } else {
        R.push_back(V[I]);
      }
    }
    return R;
  };
  for (llvm::StringRef P : Pairs) {
    auto [K, V] = P.split('=');
    Out[Dec(K)] = Dec(V);
  }
  return Out;
}

std::map<std::string, std::string> params(const HttpRequest &R) {
  return decodeForm(R.Method == "POST" ? R.Body : R.Query);
}

TEST(RamClientCalls, CreateUserSendsNamesAndParsesUser) {
  FakeEnv Env;
  Env.Transport->push(200, R"({"RequestId":"r","User":{"UserName":"alice","UserId":"1234","DisplayName":"Alice","CreateDate":"2026-11-25T10:00:00Z"}})");
  RamClient Ram(Env.config());
  auto U = Ram.createUser({"alice", "Alice", "", "", ""});
  ASSERT_TRUE(bool(U)) << llvm::toString(U.takeError());
  EXPECT_EQ(U->UserName, "alice");
  EXPECT_EQ(U->UserId, "1234");
  EXPECT_EQ(U->DisplayName, "Alice");
  auto P = params(Env.Transport->Requests.at(0));
  EXPECT_EQ(P["Action"], "CreateUser");
  EXPECT_EQ(P["Version"], "2015-05-01");
  EXPECT_EQ(P["UserName"], "alice");
  EXPECT_EQ(P["DisplayName"], "Alice");
  EXPECT_EQ(P.count("Comments"), 0u); // empty optional fields are omitted
}

TEST(RamClientCalls, GetUserNotFoundIsTypedError) {
  FakeEnv Env;
  Env.Transport->push(404, R"({"RequestId":"r","Code":"EntityNotExist.User","Message":"The user does not exist."})");
  RamClient Ram(Env.config());
  auto U = Ram.getUser("bob");
  ASSERT_FALSE(bool(U));
  CloudError E = takeCloudError(U.takeError());
  EXPECT_TRUE(E.isNotFound());
  EXPECT_EQ(E.Code, "EntityNotExist.User");
}

TEST(RamClientCalls, ListAllUsersFollowsMarkers) {
  FakeEnv Env;
  std::vector<std::string> Markers;
  Env.Transport->Handler = [&](const HttpRequest &R) {
    auto P = params(R);
    Markers.push_back(P["Marker"]);
    EXPECT_EQ(P["MaxItems"], "100");
    json Page;
    if (P["Marker"].empty())
      Page = {{"IsTruncated", true}, {"Marker", "m1"},
              {"Users", {{"User", {{{"UserName", "a"}}, {{"UserName", "b"}}}}}}};
    else if (P["Marker"] == "m1")
      Page = {{"IsTruncated", true}, {"Marker", "m2"},
              {"Users", {{"User", {{{"UserName", "c"}}}}}}};
    else
      Page = {{"IsTruncated", false}, {"Users", {{"User", {{{"UserName", "d"}}}}}}};
    Page["RequestId"] = "r";
    return FakeTransport::Reply{200, Page.dump(), "application/json", ""};
  };
  RamClient Ram(Env.config());
  auto All = Ram.listAllUsers();
  ASSERT_TRUE(bool(All)) << llvm::toString(All.takeError());
  ASSERT_EQ(All->size(), 4u);
  EXPECT_EQ((*All)[3].UserName, "d");
  EXPECT_EQ(Markers, (std::vector<std::string>{"", "m1", "m2"}));
}

TEST(RamClientCalls, TruncatedPageWithoutMarkerIsAnError) {
  FakeEnv Env;
  Env.Transport->Handler = [](const HttpRequest &) {
    return FakeTransport::Reply{200, R"({"IsTruncated":true,"Users":{"User":[]}})",
                                "application/json", ""};
  };
  RamClient Ram(Env.config());
  auto All = Ram.listAllUsers();
  ASSERT_FALSE(bool(All));
  EXPECT_EQ(takeCloudError(All.takeError()).Code, "InvalidResponse");
  EXPECT_EQ(Env.Transport->Requests.size(), 1u);
}

TEST(RamClientCalls, PolicyDocumentsArePosted) {
  FakeEnv Env;
  Env.Transport->push(200, R"({"RequestId":"r","Policy":{"PolicyName":"p","PolicyType":"Custom","DefaultVersion":"v1"}})");
  Env.Transport->push(200, R"({"RequestId":"r","PolicyVersion":{"VersionId":"v2","IsDefaultVersion":true}})");
  RamClient Ram(Env.config());
  std::string Doc = R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"stream:*","Resource":"*"}]})";
  auto P = Ram.createPolicy({"p", Doc, "desc"});
  ASSERT_TRUE(bool(P));
  EXPECT_EQ(P->DefaultVersion, "v1");
  auto V = Ram.createPolicyVersion("p", Doc, true);
  ASSERT_TRUE(bool(V));
  EXPECT_EQ(V->VersionId, "v2");
  EXPECT_TRUE(V->IsDefaultVersion);
  const HttpRequest &R0 = Env.Transport->Requests.at(0);
  EXPECT_EQ(R0.Method, "POST");
  EXPECT_EQ(params(R0)["PolicyDocument"], Doc);
  EXPECT_EQ(params(Env.Transport->Requests.at(1))["SetAsDefault"], "true");
}

TEST(RamClientCalls, GetPolicyReadsDefaultVersionDocument) {
  FakeEnv Env;
  Env.Transport->push(200, R"({"RequestId":"r","Policy":{"PolicyName":"p","PolicyType":"Custom","DefaultVersion":"v3","AttachmentCount":2},"DefaultPolicyVersion":{"VersionId":"v3","IsDefaultVersion":true,"PolicyDocument":"{}"}})");
  RamClient Ram(Env.config());
  auto P = Ram.getPolicy("p");
  ASSERT_TRUE(bool(P));
  EXPECT_EQ(P->AttachmentCount, 2);
  ASSERT_TRUE(P->DefaultPolicyVersion.has_value());
  EXPECT_EQ(P->DefaultPolicyVersion->PolicyDocument, "{}");
  EXPECT_EQ(params(Env.Transport->Requests[0])["PolicyType"], "Custom");
}

TEST(RamClientCalls, AttachUsesPrincipalSpecificActionAndParam) {
  FakeEnv Env;
  Env.Transport->push(200, R"({"RequestId":"r"})");
  Env.Transport->push(200, R"({"RequestId":"r"})");
  Env.Transport->push(200, R"({"RequestId":"r","Policies":{"Policy":[{"PolicyName":"AliyunStreamRolePolicy","PolicyType":"System","AttachDate":"d"}]}})");
  RamClient Ram(Env.config());
  ASSERT_FALSE(bool(Ram.attachPolicy(PrincipalKind::Group, "devs", "p",
                                     PolicyType::Custom)));
  ASSERT_FALSE(bool(Ram.detachPolicy(PrincipalKind::Role, "r1",
                                     "AliyunStreamRolePolicy",
                                     PolicyType::System)));
  auto L = Ram.listPoliciesFor(PrincipalKind::User, "alice");
  ASSERT_TRUE(bool(L));
  ASSERT_EQ(L->size(), 1u);
  EXPECT_EQ((*L)[0].PolicyType, "System");
  EXPECT_EQ((*L)[0].AttachDate, "d");
  auto P0 = params(Env.Transport->Requests[0]);
  EXPECT_EQ(P0["Action"], "AttachPolicyToGroup");
  EXPECT_EQ(P0["GroupName"], "devs");
  EXPECT_EQ(P0["PolicyType"], "Custom");
  auto P1 = params(Env.Transport->Requests[1]);
  EXPECT_EQ(P1["Action"], "DetachPolicyFromRole");
  EXPECT_EQ(P1["RoleName"], "r1");
  EXPECT_EQ(P1["PolicyType"], "System");
  EXPECT_EQ(params(Env.Transport->Requests[2])["Action"], "ListPoliciesForUser");
}

TEST(RamClientCalls, RoleRoundTrip) {
  FakeEnv Env;
  Env.Transport->push(200, R"({"RequestId":"r","Role":{"RoleName":"AliyunStreamDefaultRole","RoleId":"9","Arn":"acs:ram::1:role/aliyunstreamdefaultrole","MaxSessionDuration":3600}})");
  RamClient Ram(Env.config());
  auto R = Ram.createRole({"AliyunStreamDefaultRole", "{}", "", 3600});
  ASSERT_TRUE(bool(R));
  EXPECT_EQ(R->Arn, "acs:ram::1:role/aliyunstreamdefaultrole");
  EXPECT_EQ(R->MaxSessionDuration, 3600);
  auto P = params(Env.Transport->Requests[0]);
  EXPECT_EQ(P["MaxSessionDuration"], "3600");
  EXPECT_EQ(P["AssumeRolePolicyDocument"], "{}");
}

TEST(RamClientCalls, GroupMembershipCalls) {
  FakeEnv Env;
  Env.Transport->push(200, R"({"RequestId":"r"})");
  Env.Transport->push(200, R"({"RequestId":"r","Groups":{"Group":[{"GroupName":"devs","JoinDate":"j"}]}})");
  RamClient Ram(Env.config());
  ASSERT_FALSE(bool(Ram.addUserToGroup("alice", "devs")));
  auto G = Ram.listGroupsForUser("alice");
  ASSERT_TRUE(bool(G));
  ASSERT_EQ(G->size(), 1u);
  EXPECT_EQ((*G)[0].JoinDate, "j");
  auto P = params(Env.Transport->Requests[0]);
  EXPECT_EQ(P["Action"], "AddUserToGroup");
  EXPECT_EQ(P["UserName"], "alice");
  EXPECT_EQ(P["GroupName"], "devs");
}

// --- foas ------------------------------------------------------------------

TEST(FoasClientCalls, CreateClusterSendsCamelCaseBodyAndReadsClusterId) {
  FakeEnv Env;
  Env.Transport->push(200, R"({"RequestId":"r","ClusterId":"c-abc"})");
  FoasClient Foas(Env.config(), "cn-hangzhou");
  CreateClusterInput In;
  In.OrderId = "ord-1";
  In.DisplayName = "analytics";
  In.ZoneId = "cn-hangzhou-h";
  In.UserVpcId = "vpc-prod";
  In.UserVSwitch = "vsw-a";
  In.UserOssBucket = "acme-udf";
  auto Id = Foas.createCluster(In);
  ASSERT_TRUE(bool(Id));
  EXPECT_EQ(*Id, "c-abc");
  const HttpRequest &R = Env.Transport->Requests[0];
  EXPECT_EQ(R.Method, "POST");
  EXPECT_EQ(R.Path, "/api/v2/clusters");
  json B = json::parse(R.Body);
  EXPECT_EQ(B["orderId"], "ord-1");
  EXPECT_EQ(B["userVSwitch"], "vsw-a");
  EXPECT_EQ(B.count("description"), 0u);
}

TEST(FoasClientCalls, ListAllClustersWalksPageIndexUntilTotal) {
  FakeEnv Env;
  std::vector<std::string> Seen;
  Env.Transport->Handler = [&](const HttpRequest &R) {
    Seen.push_back(R.Query);
    int Index = R.Query.find("pageIndex=1&") == 0 ? 1 : 2;
    json Items = json::array();
    for (int I = 0; I < (Index == 1 ? 2 : 1); ++I)
      Items.push_back({{"ClusterId", "c" + std::to_string(Index) + std::to_string(I)}});
    json Page = {{"RequestId", "r"}, {"PageIndex", Index}, {"PageSize", 2},
                 {"TotalCount", 3}, {"Clusters", {{"Cluster", Items}}}};
    return FakeTransport::Reply{200, Page.dump(), "application/json", ""};
  };
  FoasClient Foas(Env.config(), "cn-hangzhou");
  auto Page = Foas.listClusters(1, 2);
  ASSERT_TRUE(bool(Page));
  EXPECT_EQ(Page->TotalCount, 3u);
  Seen.clear();
  auto All = collectIndexPages<FoasCluster>(
      [&](unsigned I, unsigned S) { return Foas.listClusters(I, S); }, 2);
  ASSERT_TRUE(bool(All));
  ASSERT_EQ(All->size(), 3u);
  EXPECT_EQ((*All)[2].ClusterId, "c20");
  EXPECT_EQ(Seen, (std::vector<std::string>{"pageIndex=1&pageSize=2",
                                            "pageIndex=2&pageSize=2"}));
}

TEST(FoasClientCalls, ClusterDetailsParseSpecs) {
  FakeEnv Env;
  Env.Transport->push(200, R"({"RequestId":"r","Details":{"ClusterId":"c1","State":"Running","ZoneId":"z","UserVpcId":"vpc","UserVSwitch":"vsw","UserOssBucket":"b","UserSGId":"sg","UsableCu":24,"CurrentEngineVersion":"blink-3.3.0","Master":{"Model":"8c32g","Count":3},"Slave":{"Model":"8c32g","Count":4,"InstanceIds":["i-1","i-2","i-3","i-4"]}}})");
  FoasClient Foas(Env.config(), "cn-hangzhou");
  auto C = Foas.getClusterDetails("c1");
  ASSERT_TRUE(bool(C));
  EXPECT_EQ(C->State, "Running");
  EXPECT_EQ(C->VpcId, "vpc");
  EXPECT_EQ(C->SecurityGroupId, "sg");
  EXPECT_EQ(C->Master.Model, "8c32g");
  EXPECT_EQ(C->Master.Count, 3);
  EXPECT_EQ(C->Slave.Count, 4);
  EXPECT_EQ(C->SlaveInstanceIds.size(), 4u);
  EXPECT_EQ(C->UsableCu, 24);
  EXPECT_EQ(C->CurrentEngineVersion, "blink-3.3.0");
  EXPECT_EQ(Env.Transport->Requests[0].Path, "/api/v2/clusters/c1/details");
}

TEST(FoasClientCalls, ScalingAndEngineVersionPaths) {
  FakeEnv Env;
  Env.Transport->Handler = [](const HttpRequest &) {
    return FakeTransport::Reply{200, R"({"RequestId":"r"})", "application/json", ""};
  };
  FoasClient Foas(Env.config(), "cn-hangzhou");
  ASSERT_FALSE(bool(Foas.expandCluster("c1", {2, "8c32g", ""})));
  ASSERT_FALSE(bool(Foas.shrinkCluster("c1", {{"i-1", "i-2"}, 2, "8c32g"})));
  ASSERT_FALSE(bool(Foas.modifyMasterSpec("c1", "16c64g")));
  ASSERT_FALSE(bool(Foas.installEngineVersion("c1", "blink-3.3.0")));
  ASSERT_FALSE(bool(Foas.setCurrentEngineVersion("c1", "blink-3.3.0")));
  ASSERT_FALSE(bool(Foas.uninstallEngineVersion("c1", "blink-2.2.6-hotfix0")));
  auto &Rq = Env.Transport->Requests;
  ASSERT_EQ(Rq.size(), 6u);
  EXPECT_EQ(Rq[0].Method + " " + Rq[0].Path, "PUT /api/v2/clusters/c1/expand");
  EXPECT_EQ(json::parse(Rq[0].Body), json({{"count", 2}, {"model", "8c32g"}}));
  EXPECT_EQ(json::parse(Rq[1].Body),
            json({{"instanceIds", "i-1,i-2"},
                  {"modelTargetCount", {{"8c32g", 2}}}}));
  EXPECT_EQ(Rq[2].Path, "/api/v2/clusters/c1/specification");
  EXPECT_EQ(json::parse(Rq[2].Body)["masterTargetModel"], "16c64g");
  EXPECT_EQ(Rq[3].Method + " " + Rq[3].Path,
            "PUT /api/v2/clusters/c1/engineversions/blink-3.3.0");
  EXPECT_EQ(Rq[3].Body, "");
  EXPECT_EQ(Rq[4].Path, "/api/v2/clusters/c1/engineversions/blink-3.3.0/current");
  EXPECT_EQ(Rq[5].Method + " " + Rq[5].Path,
            "DELETE /api/v2/clusters/c1/engineversions/blink-2.2.6-hotfix0");
}

TEST(FoasClientCalls, EngineVersionsListParses) {
  FakeEnv Env;
  Env.Transport->push(200, R"({"RequestId":"r","EngineVersions":{"EngineVersion":[{"Version":"blink-3.3.0","Status":"INSTALLED","IsCurrent":true},{"Version":"blink-2.2.6-hotfix0","Status":"INSTALLING"}]}})");
  FoasClient Foas(Env.config(), "cn-hangzhou");
  auto V = Foas.getClusterEngineVersions("c1");
  ASSERT_TRUE(bool(V));
  ASSERT_EQ(V->size(), 2u);
  EXPECT_TRUE((*V)[0].IsCurrent);
  EXPECT_EQ((*V)[1].Status, "INSTALLING");
}

TEST(FoasClientCalls, ProjectAndJobCalls) {
  FakeEnv Env;
  Env.Transport->push(200, R"({"RequestId":"r"})");
  Env.Transport->push(200, R"({"RequestId":"r","Project":{"Name":"clicks","ClusterId":"c1","DeployType":"cell","ManagerIds":"u1,u2"}})");
  Env.Transport->push(200, R"({"RequestId":"r"})");
  Env.Transport->push(200, R"({"RequestId":"r","Job":{"JobName":"sess","ProjectName":"clicks","EngineVersion":"blink-3.3.0","SqlCode":"SELECT 1"}})");
  FoasClient Foas(Env.config(), "cn-hangzhou");
  CreateProjectInput P;
  P.Name = "clicks";
  P.ClusterId = "c1";
  P.ManagerIds = {"u1", "u2"};
  ASSERT_FALSE(bool(Foas.createProject(P)));
  auto Got = Foas.getProject("clicks");
  ASSERT_TRUE(bool(Got));
  EXPECT_EQ(Got->ManagerIds, (std::vector<std::string>{"u1", "u2"}));
  CreateJobInput J;
  J.ProjectName = "clicks";
  J.JobName = "sess";
  J.ClusterId = "c1";
  J.EngineVersion = "blink-3.3.0";
  J.SqlCode = "SELECT 1";
  ASSERT_FALSE(bool(Foas.createJob(J)));
  auto Job = Foas.getJob("clicks", "sess");
  ASSERT_TRUE(bool(Job));
  EXPECT_EQ(Job->SqlCode, "SELECT 1");
  auto &Rq = Env.Transport->Requests;
  json PB = json::parse(Rq[0].Body);
  EXPECT_EQ(PB["deployType"], "cell");
  EXPECT_EQ(PB["managerIds"], "u1,u2");
  EXPECT_EQ(PB.count("cu"), 0u); // published CreateProject has no cu
  EXPECT_EQ(Rq[2].Path, "/api/v2/projects/clicks/jobs");
  EXPECT_EQ(json::parse(Rq[2].Body)["code"], "SELECT 1");
  EXPECT_EQ(Rq[3].Path, "/api/v2/projects/clicks/jobs/sess");
}

TEST(FoasClientCalls, PathSegmentsAreEncoded) {
  FakeEnv Env;
  Env.Transport->push(404, R"({"RequestId":"r","Code":"ProjectNotExist","Message":"m"})");
  FoasClient Foas(Env.config(), "cn-hangzhou");
  auto P = Foas.getProject("a/b?c");
  ASSERT_FALSE(bool(P));
  EXPECT_TRUE(takeCloudError(P.takeError()).isNotFound());
  EXPECT_EQ(Env.Transport->Requests[0].Path, "/api/v2/projects/a%2Fb%3Fc");
}

TEST(FoasClientCalls, DefaultEndpointIsRegional) {
  FakeEnv Env;
  ClientConfig Cfg = Env.config();
  Cfg.EndpointOverride.reset();
  FoasClient Foas(Cfg, "cn-shanghai");
  EXPECT_EQ(Foas.roa().endpoint().url(), "https://foas.cn-shanghai.aliyuncs.com");
}

} // namespace
