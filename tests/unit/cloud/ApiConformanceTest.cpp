// Every request the RAM and foas clients can send, held against Alibaba's
// published OpenAPI metadata (tests/conformance/openapi/*.json, copies of
// the published documents): method, path template, each parameter's name
// and where it goes (path, query, body). A call without a published
// counterpart fails here unless it is one of the emulator extensions listed
// below, which must stay unpublished (docs/emulator.md#extensions).
#include "FakeTransport.h"

#include "rtc/Cloud/FoasClient.h"
#include "rtc/Cloud/RamClient.h"

#include "llvm/ADT/StringExtras.h"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>

using namespace rtc::cloud;
using namespace rtc::cloud::testing;
using nlohmann::json;

namespace {

/// The metadata folder: the repository's copy of Alibaba's published
/// OpenAPI metadata (tests/conformance/openapi/README.md).
std::string specDir() {
  std::string Src = RTCC_REPO_DIR;
  if (const char *S = std::getenv("RTCC_SOURCE_DIR"))
    Src = S;
  return Src + "/tests/conformance/openapi";
}

json loadSpec(const std::string &File) {
  std::ifstream In(specDir() + "/" + File);
  EXPECT_TRUE(In.good()) << "cannot read " << specDir() << "/" << File;
  std::stringstream SS;
  SS << In.rdbuf();
  return json::parse(SS.str(), nullptr, /*allow_exceptions=*/false);
}

std::string decode(llvm::StringRef S) {
  std::string Out;
  for (size_t I = 0; I < S.size(); ++I) {
    if (S[I] == '%' && I + 2 < S.size()) {
      unsigned V = 0;
      if (!S.substr(I + 1, 2).getAsInteger(16, V)) {
        Out.push_back(static_cast<char>(V));
        I += 2;
        continue;
      }
    }
    Out.push_back(S[I] == '+' ? ' ' : S[I]);
  }
  return Out;
}

std::map<std::string, std::string> parseForm(llvm::StringRef S) {
  std::map<std::string, std::string> Out;
  llvm::SmallVector<llvm::StringRef, 16> Parts;
  S.split(Parts, '&', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef P : Parts) {
    auto [K, V] = P.split('=');
    Out[decode(K)] = decode(V);
  }
  return Out;
}

/// One published ROA API: method, path template as a regex, and its
/// parameter names by location.
struct RoaApi {
  std::string Name, Method, Template;
  std::regex Path;
  std::set<std::string> PathParams, QueryParams, BodyParams;
};

std::vector<RoaApi> roaApis(const json &Spec) {
  std::vector<RoaApi> Out;
  for (auto &[Name, A] : Spec["apis"].items()) {
    std::string Tpl = A.value("path", "");
    std::string Re =
        std::regex_replace(Tpl, std::regex(R"(\{[^}]+\})"), "[^/]+");
    for (const json &M : A.value("methods", json::array())) {
      RoaApi R;
      R.Name = Name;
      R.Method = llvm::StringRef(M.get<std::string>()).upper();
      R.Template = Tpl;
      R.Path = std::regex("^" + Re + "$");
      for (const json &P : A.value("parameters", json::array())) {
        std::string In = P.value("in", ""), N = P.value("name", "");
        if (In == "path")
          R.PathParams.insert(N);
        else if (In == "query")
          R.QueryParams.insert(N);
        else if (In == "formData" || In == "body")
          R.BodyParams.insert(N);
      }
      Out.push_back(std::move(R));
    }
  }
  return Out;
}

/// The published API a foas request is, or a description of why none is.
struct RoaMatch {
  const RoaApi *Api = nullptr;
  std::vector<std::string> Problems;
};

RoaMatch matchRoa(const std::vector<RoaApi> &Apis, const HttpRequest &Req) {
  RoaMatch M;
  for (const RoaApi &A : Apis)
    if (A.Method == Req.Method && std::regex_match(Req.Path, A.Path)) {
      // The most specific template wins (".../queue" over "...{id}").
      if (!M.Api || A.Template.size() > M.Api->Template.size())
        M.Api = &A;
    }
  if (!M.Api) {
    M.Problems.push_back(Req.Method + " " + Req.Path +
                         " is not a published foas API");
    return M;
  }
  for (auto &[K, V] : parseForm(Req.Query))
    if (!M.Api->QueryParams.count(K))
      M.Problems.push_back(
          M.Api->Name + ": query parameter \"" + K + "\" is not published" +
          (M.Api->BodyParams.count(K) ? " (it goes in the body)" : ""));
  if (!Req.Body.empty()) {
    json B = json::parse(Req.Body, nullptr, false);
    if (!B.is_object())
      M.Problems.push_back(M.Api->Name + ": body is not a JSON object");
    else
      for (auto &[K, V] : B.items())
        if (!M.Api->BodyParams.count(K))
          M.Problems.push_back(
              M.Api->Name + ": body field \"" + K + "\" is not published" +
              (M.Api->QueryParams.count(K) ? " (it goes in the query)" : ""));
  }
  return M;
}

/// A stand-in service answer every parser accepts.
FakeTransport::Reply anyReply(const HttpRequest &) {
  return {200,
          R"({"RequestId":"r-1","ClusterId":"cls-1","OrderId":"ord-1",
              "TotalCount":0,"IsTruncated":false,
              "User":{"UserName":"u"},"Group":{"GroupName":"g"},
              "Role":{"RoleName":"r"},"Policy":{"PolicyName":"p"},
              "PolicyVersion":{"VersionId":"v1"}})",
          "application/json", ""};
}

struct Recorder {
  FakeEnv Env;
  Recorder() { Env.Transport->Handler = anyReply; }
  /// The requests \p Call sends (its result is ignored: the reply is a
  /// stand-in, only the request is under test).
  std::vector<HttpRequest> run(const std::function<void()> &Call) {
    Env.Transport->Requests.clear();
    Call();
    return Env.Transport->Requests;
  }
};

template <typename T> void drop(llvm::Expected<T> E) {
  if (!E)
    llvm::consumeError(E.takeError());
}
void drop(llvm::Error E) { llvm::consumeError(std::move(E)); }

/// Every FoasClient call, by name, with all optional fields set so each
/// field the client can send is exercised.
std::map<std::string, std::function<void(const FoasClient &)>> foasCalls() {
  std::map<std::string, std::function<void(const FoasClient &)>> C;
  C["createCluster"] = [](const FoasClient &F) {
    CreateClusterInput In;
    In.OrderId = "ord-1";
    In.DisplayName = "c";
    In.Description = "d";
    In.ZoneId = "cn-hangzhou-h";
    In.UserVpcId = "vpc";
    In.UserVSwitch = "vsw";
    In.UserOssBucket = "b";
    drop(F.createCluster(In));
  };
  C["destroyCluster"] = [](const FoasClient &F) {
    drop(F.destroyCluster("c1"));
  };
  C["listClusters"] = [](const FoasClient &F) {
    drop(F.listClusters(1, 50, {"name", "c1", "cn-hangzhou"}));
  };
  // How rtcc asks whether console operations are callable: a published call.
  C["announcedExtensions"] = [](const FoasClient &F) {
    drop(F.announcedExtensions());
  };
  C["getClusterDetails"] = [](const FoasClient &F) {
    drop(F.getClusterDetails("c1"));
  };
  C["expandCluster"] = [](const FoasClient &F) {
    drop(F.expandCluster("c1", {2, "8c32g", "vsw"}));
  };
  C["shrinkCluster"] = [](const FoasClient &F) {
    drop(F.shrinkCluster("c1", {{"i-1"}, 2, "8c32g"}));
  };
  C["modifyMasterSpec"] = [](const FoasClient &F) {
    drop(F.modifyMasterSpec("c1", "16c64g"));
  };
  C["getClusterEngineVersions"] = [](const FoasClient &F) {
    drop(F.getClusterEngineVersions("c1"));
  };
  C["installEngineVersion"] = [](const FoasClient &F) {
    drop(F.installEngineVersion("c1", "blink-3.3.0"));
  };
  C["uninstallEngineVersion"] = [](const FoasClient &F) {
    drop(F.uninstallEngineVersion("c1", "blink-3.3.0"));
  };
  C["setCurrentEngineVersion"] = [](const FoasClient &F) {
    drop(F.setCurrentEngineVersion("c1", "blink-3.3.0"));
  };
  C["listOrders"] = [](const FoasClient &F) {
    drop(F.listOrders({"exclusive", "cn-hangzhou", "pending", "ord-1"}));
  };
  C["createCellClusterOrder"] = [](const FoasClient &F) {
    CellClusterOrderInput In;
    In.Region = "cn-hangzhou";
    In.MasterSpec = "Ecs_8c32g";
    In.SlaveSpec = "Ecs_8c32g";
    In.Period = 1;
    drop(F.createCellClusterOrder(In));
  };
  C["createProject"] = [](const FoasClient &F) {
    CreateProjectInput In;
    In.Name = "p";
    In.ClusterId = "c1";
    In.ManagerIds = {"1", "2"};
    In.OrderId = "ord-1";
    In.Description = "d";
    drop(F.createProject(In));
  };
  C["getProject"] = [](const FoasClient &F) { drop(F.getProject("p")); };
  C["updateProject"] = [](const FoasClient &F) {
    UpdateProjectInput In;
    In.Description = "d";
    In.ManagerIds = std::vector<std::string>{"1"};
    drop(F.updateProject("p", In));
  };
  C["deleteProject"] = [](const FoasClient &F) { drop(F.deleteProject("p")); };
  C["listProjects"] = [](const FoasClient &F) { drop(F.listProjects(1, 50)); };
  C["createQueue"] = [](const FoasClient &F) {
    drop(F.createQueue("c1", {"q", 4, 16384}));
  };
  C["updateQueue"] = [](const FoasClient &F) {
    drop(F.updateQueue("c1", {"q", 4, 16384}));
  };
  C["deleteQueue"] = [](const FoasClient &F) {
    drop(F.deleteQueue("c1", "q"));
  };
  C["bindQueue"] = [](const FoasClient &F) {
    drop(F.bindQueue("p", "c1", "q"));
  };
  C["unbindQueue"] = [](const FoasClient &F) {
    drop(F.unbindQueue("p", "c1", "q"));
  };
  C["listProjectBindQueue"] = [](const FoasClient &F) {
    drop(F.listProjectBindQueue("p"));
  };
  C["createJob"] = [](const FoasClient &F) {
    CreateJobInput In;
    In.ProjectName = "p";
    In.JobName = "j";
    In.ClusterId = "c1";
    In.QueueName = "q";
    In.EngineVersion = "blink-3.3.0";
    In.SqlCode = "select 1";
    In.Description = "d";
    drop(F.createJob(In));
  };
  C["getJob"] = [](const FoasClient &F) { drop(F.getJob("p", "j")); };
  C["updateJob"] = [](const FoasClient &F) {
    UpdateJobInput In;
    In.ClusterId = "c1";
    In.QueueName = "q";
    In.EngineVersion = "blink-3.3.0";
    In.SqlCode = "select 1";
    In.Description = "d";
    drop(F.updateJob("p", "j", In));
  };
  C["deleteJob"] = [](const FoasClient &F) { drop(F.deleteJob("p", "j")); };
  C["listJobs"] = [](const FoasClient &F) { drop(F.listJobs("p")); };
  C["commitJob"] = [](const FoasClient &F) {
    drop(F.commitJob("p", "j", {{"maxCU", 4}}));
  };
  C["offlineJob"] = [](const FoasClient &F) { drop(F.offlineJob("p", "j")); };
  C["startJob"] = [](const FoasClient &F) {
    drop(F.startJob("p", "j", {{"parameterJson", "{}"}}));
  };
  return C;
}

/// Client calls the real service does not have: console operations the
/// emulator offers as extensions (docs/emulator.md#extensions). Providers
/// send them only to an endpoint that announces extensions.
const std::set<std::string> FoasExtensions = {
    "installEngineVersion", "uninstallEngineVersion", "setCurrentEngineVersion",
    "listOrders",
    // Published UpdateProject takes only globalJobConfig: description and
    // managers change in the console.
    "updateProject"};

TEST(ApiConformance, EveryFoasCallIsPublishedWithPublishedParameters) {
  json Spec = loadSpec("foas_2018-11-11.json");
  ASSERT_TRUE(Spec.is_object() && Spec.contains("apis"));
  std::vector<RoaApi> Apis = roaApis(Spec);
  Recorder Rec;
  FoasClient Foas(Rec.Env.config(), "cn-hangzhou");
  for (auto &Entry : foasCalls()) {
    const auto &Name = Entry.first;
    const auto &Call = Entry.second; // a plain reference: lambdas capture it
    auto Sent = Rec.run([&] { Call(Foas); });
    ASSERT_FALSE(Sent.empty()) << Name << " sent nothing";
    std::vector<std::string> Problems;
    for (const HttpRequest &R : Sent) {
      RoaMatch M = matchRoa(Apis, R);
      Problems.insert(Problems.end(), M.Problems.begin(), M.Problems.end());
    }
    if (FoasExtensions.count(Name))
      EXPECT_FALSE(Problems.empty())
          << Name << " is now published: drop it from the extensions";
    else
      EXPECT_TRUE(Problems.empty())
          << Name << ":\n  " << llvm::join(Problems, "\n  ");
  }
}

TEST(ApiConformance, FoasPublishedShapesForTheIssueCalls) {
  json Spec = loadSpec("foas_2018-11-11.json");
  std::vector<RoaApi> Apis = roaApis(Spec);
  Recorder Rec;
  FoasClient Foas(Rec.Env.config(), "cn-hangzhou");
  auto Calls = foasCalls();
  auto ApiOf = [&](const char *Call) {
    auto Sent = Rec.run([&] { Calls[Call](Foas); });
    const RoaApi *A = Sent.empty() ? nullptr : matchRoa(Apis, Sent[0]).Api;
    return A ? A->Name : std::string("<none>");
  };
  EXPECT_EQ(ApiOf("startJob"), "StartJob");
  EXPECT_EQ(ApiOf("createCellClusterOrder"), "CreateCellClusterOrder");
  EXPECT_EQ(ApiOf("createQueue"), "CreateQueue");
  EXPECT_EQ(ApiOf("bindQueue"), "BindQueue");
  auto Sent = Rec.run([&] { Calls["createJob"](Foas); });
  ASSERT_EQ(Sent.size(), 1u);
  json Body = json::parse(Sent[0].Body);
  EXPECT_EQ(Body.value("code", ""), "select 1");
  EXPECT_FALSE(Body.contains("sqlCode"));
}

TEST(ApiConformance, CheckerRejectsUnpublishedShapes) {
  // The checker itself: PUT .../instance (the old StartJob), a `cu` body
  // field on CreateProject, and GET /api/v2/orders are all refused.
  std::vector<RoaApi> Apis = roaApis(loadSpec("foas_2018-11-11.json"));
  HttpRequest Put;
  Put.Method = "PUT";
  Put.Path = "/api/v2/projects/p/jobs/j/instance";
  EXPECT_FALSE(matchRoa(Apis, Put).Problems.empty());
  HttpRequest Cu;
  Cu.Method = "POST";
  Cu.Path = "/api/v2/projects";
  Cu.Body = R"({"name":"p","cu":4})";
  RoaMatch M = matchRoa(Apis, Cu);
  ASSERT_EQ(M.Problems.size(), 1u);
  EXPECT_NE(M.Problems[0].find("\"cu\""), std::string::npos);
  HttpRequest Orders;
  Orders.Method = "GET";
  Orders.Path = "/api/v2/orders";
  EXPECT_FALSE(matchRoa(Apis, Orders).Problems.empty());
}

// --- RAM (RPC) ---------------------------------------------------------------

/// Parameters every RPC request carries (signing and protocol, docs/service.md#wire-protocol).
const std::set<std::string> RpcCommon = {
    "Action",    "Format",          "Version",          "AccessKeyId",
    "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce",
    "Timestamp", "SecurityToken",   "RegionId"};

std::map<std::string, std::function<void(const RamClient &)>> ramCalls() {
  std::map<std::string, std::function<void(const RamClient &)>> C;
  C["createUser"] = [](const RamClient &R) {
    drop(R.createUser({"u", "d", "c", "e@x", "1"}));
  };
  C["getUser"] = [](const RamClient &R) { drop(R.getUser("u")); };
  C["updateUser"] = [](const RamClient &R) {
    UpdateUserInput In{"u", "n", "d", "c", "e@x", "1"};
    drop(R.updateUser(In));
  };
  C["deleteUser"] = [](const RamClient &R) { drop(R.deleteUser("u")); };
  C["listUsers"] = [](const RamClient &R) {
    MarkerPageRequest P;
    P.Marker = "m";
    drop(R.listUsers(P));
  };
  C["createGroup"] = [](const RamClient &R) { drop(R.createGroup("g", "c")); };
  C["getGroup"] = [](const RamClient &R) { drop(R.getGroup("g")); };
  C["updateGroup"] = [](const RamClient &R) {
    drop(R.updateGroup({"g", std::string("n"), std::string("c")}));
  };
  C["deleteGroup"] = [](const RamClient &R) { drop(R.deleteGroup("g")); };
  C["listGroups"] = [](const RamClient &R) { drop(R.listGroups()); };
  C["addUserToGroup"] = [](const RamClient &R) {
    drop(R.addUserToGroup("u", "g"));
  };
  C["removeUserFromGroup"] = [](const RamClient &R) {
    drop(R.removeUserFromGroup("u", "g"));
  };
  C["listGroupsForUser"] = [](const RamClient &R) {
    drop(R.listGroupsForUser("u"));
  };
  C["listUsersForGroup"] = [](const RamClient &R) {
    drop(R.listUsersForGroup("g"));
  };
  C["createPolicy"] = [](const RamClient &R) {
    drop(R.createPolicy({"p", "{}", "d"}));
  };
  C["getPolicy"] = [](const RamClient &R) { drop(R.getPolicy("p")); };
  C["deletePolicy"] = [](const RamClient &R) { drop(R.deletePolicy("p")); };
  C["listPolicies"] = [](const RamClient &R) {
    drop(R.listPolicies({}, PolicyType::Custom));
  };
  C["createPolicyVersion"] = [](const RamClient &R) {
    drop(R.createPolicyVersion("p", "{}", true));
  };
  C["setDefaultPolicyVersion"] = [](const RamClient &R) {
    drop(R.setDefaultPolicyVersion("p", "v2"));
  };
  C["deletePolicyVersion"] = [](const RamClient &R) {
    drop(R.deletePolicyVersion("p", "v1"));
  };
  C["listPolicyVersions"] = [](const RamClient &R) {
    drop(R.listPolicyVersions("p"));
  };
  C["createRole"] = [](const RamClient &R) {
    CreateRoleInput In{"r", "{}", "d", 3600};
    drop(R.createRole(In));
  };
  C["getRole"] = [](const RamClient &R) { drop(R.getRole("r")); };
  C["updateRole"] = [](const RamClient &R) {
    UpdateRoleInput In{"r", std::string("{}"), std::string("d"), 3600};
    drop(R.updateRole(In));
  };
  C["deleteRole"] = [](const RamClient &R) { drop(R.deleteRole("r")); };
  C["listRoles"] = [](const RamClient &R) { drop(R.listRoles()); };
  for (PrincipalKind K :
       {PrincipalKind::User, PrincipalKind::Group, PrincipalKind::Role}) {
    std::string S = K == PrincipalKind::User    ? "User"
                    : K == PrincipalKind::Group ? "Group"
                                                : "Role";
    C["attachPolicy" + S] = [K](const RamClient &R) {
      drop(R.attachPolicy(K, "x", "p", PolicyType::System));
    };
    C["detachPolicy" + S] = [K](const RamClient &R) {
      drop(R.detachPolicy(K, "x", "p", PolicyType::System));
    };
    C["listPoliciesFor" + S] = [K](const RamClient &R) {
      drop(R.listPoliciesFor(K, "x"));
    };
  }
  return C;
}

TEST(ApiConformance, EveryRamCallIsPublishedWithPublishedParameters) {
  json Spec = loadSpec("ram_2015-05-01.json");
  ASSERT_TRUE(Spec.is_object() && Spec.contains("apis"));
  Recorder Rec;
  RamClient Ram(Rec.Env.config());
  for (auto &Entry : ramCalls()) {
    const auto &Name = Entry.first;
    const auto &Call = Entry.second; // a plain reference: lambdas capture it
    auto Sent = Rec.run([&] { Call(Ram); });
    ASSERT_FALSE(Sent.empty()) << Name << " sent nothing";
    for (const HttpRequest &R : Sent) {
      // RPC: every parameter is a query-style parameter, on the query for
      // GET and in the form body for POST.
      auto Params = parseForm(R.Query);
      for (auto &[K, V] : parseForm(R.Body))
        Params[K] = V;
      std::string Action = Params["Action"];
      ASSERT_TRUE(Spec["apis"].contains(Action))
          << Name << " sends Action=" << Action << ", not a published RAM API";
      const json &A = Spec["apis"][Action];
      std::set<std::string> Methods;
      for (const json &M : A.value("methods", json::array()))
        Methods.insert(llvm::StringRef(M.get<std::string>()).upper());
      EXPECT_TRUE(Methods.count(R.Method))
          << Name << ": " << Action << " is not published for " << R.Method;
      std::set<std::string> Published;
      for (const json &P : A.value("parameters", json::array()))
        Published.insert(P.value("name", ""));
      for (auto &[K, V] : Params)
        EXPECT_TRUE(Published.count(K) || RpcCommon.count(K))
            << Name << ": " << Action << " has no parameter \"" << K << "\"";
    }
  }
}

} // namespace
