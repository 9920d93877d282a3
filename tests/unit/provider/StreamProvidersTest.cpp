// Realtime Compute providers (order, cluster, project, job) and the
// engine-version steps against the emulator, whose clock runs 2000x fast
// (cluster creation 0.9 s, an engine install 0.3 s).
#include "ProviderTestSupport.h"

#include "rtc/Cloud/FoasClient.h"

#include <algorithm>
#include <thread>

namespace rtc::provider::test {
namespace {

const std::set<std::string> OrderComputed = {"id", "pending"};
const std::set<std::string> ClusterComputed = {"id", "state", "security_group"};
const std::set<std::string> ProjectComputed = {"deploy_type"};
const std::set<std::string> JobComputed = {"state"};

class StreamProviders : public ProviderTest {
protected:
  std::unique_ptr<cloud::FoasClient> Foas;
  void SetUp() override {
    ProviderTest::SetUp();
    Foas = std::make_unique<cloud::FoasClient>(Cfg, "cn-hangzhou");
  }

  void seedSharedOrder(const std::string &Id, int Cu, int Months = 12) {
    ASSERT_EQ(admin("POST", "/_emulator/orders",
                    {{"OrderId", Id},
                     {"Mode", "shared"},
                     {"Cu", Cu},
                     {"Duration", Months}})
                  .Status,
              200);
  }

  /// A pending exclusive order (8c32g masters and slaves) as bought.
  void seedExclusiveOrder(const std::string &Id, int Slaves,
                          const std::string &Billing, int Months) {
    ASSERT_EQ(admin("POST", "/_emulator/orders",
                    {{"OrderId", Id},
                     {"Mode", "exclusive"},
                     {"SlaveCount", Slaves},
                     {"Billing", Billing},
                     {"Duration", Months}})
                  .Status,
              200);
  }

  std::string failureOf(const Desired &D) {
    auto O = kind("order").create(D, progress());
    if (O)
      return "bound " + O->CloudId;
    return llvm::toString(O.takeError());
  }

  static json clusterAttrs() {
    return {{"name", "analytics"},
            {"order", "order.main"},
            {"remark", "shared analytics"},
            {"zone", "cn-hangzhou-h"},
            {"vpc", "vpc-prod"}, // by its user-edited name (docs/service.md#deployment-modes)
            {"vswitch", "vsw-a"},
            {"vswitch_free_ips", 100},
            {"oss", "acme-udf"},
            {"oss_acl", "private"},
            {"master", {{"model", "8c32g"}, {"count", 3}}},
            {"slave", {{"model", "8c32g"}, {"count", 4}}},
            {"engines",
             {{"installed", {"blink-3.3.0"}},
              {"current", "blink-3.3.0"},
              {"grandfathered", json::array()}}}};
  }

  /// order.main (adopting ord-1) and cluster.analytics, running.
  state::ResourceState runningCluster() {
    create("order.main", {{"mode", "exclusive"}, {"region", "cn-hangzhou"},
                          {"billing", "subscription"}}, OrderComputed);
    return create("cluster.analytics", clusterAttrs(), ClusterComputed);
  }

  /// user.alice, the cluster, and project.clicks (12 CU) on it.
  void exclusiveProject() {
    create("user.alice", {{"name", "alice"}}, {"id"});
    runningCluster();
    create("project.clicks", {{"name", "clicks"}, {"cluster", "cluster.analytics"},
                              {"cu", 12}, {"managers", {"user.alice"}}},
           ProjectComputed);
  }

  cloud::FoasCluster details(const std::string &Address) {
    return must(Foas->getClusterDetails(State.at(Address).CloudId));
  }
};

//--- order -----------------------------------------------------------------

TEST_F(StreamProviders, OrderCreateAdoptsAnUnusedOrderOfTheRightModeAndCu) {
  seedSharedOrder("ord-s10", 10);
  seedSharedOrder("ord-s20", 20);
  json Shared = {{"mode", "shared"}, {"region", "cn-hangzhou"}, {"cu", 20}, {"duration", 12}};
  state::ResourceState S = create("order.shared", Shared, OrderComputed);
  EXPECT_EQ(S.CloudId, "ord-s20");
  EXPECT_EQ(S.Attributes["pending"], true);
  EXPECT_EQ(S.Attributes["id"], "ord-s20");
  state::ResourceState X =
      create("order.excl", {{"mode", "exclusive"}, {"region", "cn-hangzhou"}}, OrderComputed);
  EXPECT_EQ(X.CloudId, "ord-1");
  ASSERT_TRUE(read("order.shared", OrderComputed).has_value());
  EXPECT_EQ(update("order.shared", Shared, OrderComputed).CloudId, "ord-s20");

  // ord-1 is taken by order.excl: no second exclusive order to adopt.
  Desired Another = desired("order.more", {{"mode", "exclusive"}, {"region", "cn-hangzhou"}});
  llvm::Error E = kind("order").create(Another, progress()).takeError();
  std::string Msg = llvm::toString(std::move(E));
  EXPECT_NE(Msg.find("OrderNotFound"), std::string::npos) << Msg;
  EXPECT_NE(Msg.find("rtcc import order.more"), std::string::npos) << Msg;
  // Another region has none either.
  Desired Elsewhere = desired("order.bj", {{"mode", "shared"}, {"region", "cn-beijing"}});
  EXPECT_EQ(codeOf(kind("order").create(Elsewhere, progress()).takeError()), "OrderNotFound");

  Observed I = must(kind("order").importById("ord-s10", nullptr));
  EXPECT_EQ(I.Attributes["id"], "ord-s10");
  EXPECT_EQ(codeOf(kind("order").importById("ord-none", nullptr).takeError()),
            "OrderNotFound");

  // Remove only forgets: the purchase stays, and can be adopted again.
  mustOk(kind("order").remove(X, progress()));
  mustOk(kind("order").remove(X, progress()));
  EXPECT_EQ(count("Order"), 3);
  EXPECT_EQ(must(kind("order").create(Another, progress())).CloudId, "ord-1");
}

TEST_F(StreamProviders, OrderBindsOnlyWhenBillingCuAndDurationAllMatch) {
  // Same mode, region and CU (2 x 6 = 12): they differ only in what the old
  // matching ignored, billing and duration.
  seedExclusiveOrder("ord-a-payg", 2, "pay_as_you_go", 0);
  seedExclusiveOrder("ord-b-sub6", 2, "subscription", 6);
  seedExclusiveOrder("ord-c-sub12", 2, "subscription", 12);
  json Base = {{"mode", "exclusive"}, {"region", "cn-hangzhou"}, {"cu", 12}};
  json Sub12 = Base, Sub6 = Base, Payg = Base;
  Sub12["billing"] = "subscription";
  Sub12["duration"] = 12;
  Sub6["billing"] = "subscription";
  Sub6["duration"] = 6;
  Payg["billing"] = "pay_as_you_go";
  EXPECT_EQ(create("order.sub12", Sub12, OrderComputed).CloudId, "ord-c-sub12");
  EXPECT_EQ(create("order.payg", Payg, OrderComputed).CloudId, "ord-a-payg");
  EXPECT_EQ(create("order.sub6", Sub6, OrderComputed).CloudId, "ord-b-sub6");
  // CU is exact: ord-1 (4 x 6 = 24 CU) is not "at least 12".
  std::string Msg = failureOf(desired("order.more", Sub12));
  EXPECT_NE(Msg.find("OrderNotFound"), std::string::npos) << Msg;
  EXPECT_NE(Msg.find("12 CU, 12 months"), std::string::npos) << Msg;
  EXPECT_NE(Msg.find("`master` and `slave`"), std::string::npos) << Msg;
}

TEST_F(StreamProviders, OrderNeverBindsAnOrderAlreadyUsed) {
  runningCluster(); // uses ord-1
  State.clear();    // another workspace: it does not know ord-1
  json Excl = {{"mode", "exclusive"},
               {"region", "cn-hangzhou"},
               {"billing", "subscription"}};
  EXPECT_EQ(codeOf(kind("order")
                       .create(desired("order.x", Excl), progress())
                       .takeError()),
            "OrderNotFound");
}

TEST_F(StreamProviders, PinnedOrderBindsExactlyThatOrderOrSaysWhyNot) {
  seedExclusiveOrder("ord-pin", 2, "subscription", 12);
  json Pin = {{"id", "ord-pin"},         {"mode", "exclusive"},
              {"region", "cn-hangzhou"}, {"billing", "subscription"},
              {"duration", 12},          {"cu", 12}};
  state::ResourceState S = create("order.pin", Pin, OrderComputed);
  EXPECT_EQ(S.CloudId, "ord-pin");
  ASSERT_TRUE(read("order.pin", OrderComputed).has_value());

  // The same id again, in this run: refused.
  std::string Twice = failureOf(desired("order.twice", Pin));
  EXPECT_NE(Twice.find("OrderInUse"), std::string::npos) << Twice;

  json Missing = Pin;
  Missing["id"] = "ord-none";
  std::string NotFound = failureOf(desired("order.missing", Missing));
  EXPECT_NE(NotFound.find("OrderNotFound"), std::string::npos) << NotFound;
  EXPECT_NE(NotFound.find("\"ord-none\""), std::string::npos) << NotFound;

  // Differences name both values and the fix.
  seedExclusiveOrder("ord-six", 2, "subscription", 6);
  json Six = Pin;
  Six["id"] = "ord-six";
  std::string Differs = failureOf(desired("order.six", Six));
  EXPECT_NE(Differs.find("OrderMismatch"), std::string::npos) << Differs;
  EXPECT_NE(Differs.find("duration is 6 but the configuration says 12"),
            std::string::npos)
      << Differs;
  Six["duration"] = 6;
  Six["master"] = {{"model", "16c64g"}, {"count", 3}};
  Differs = failureOf(desired("order.six", Six));
  EXPECT_NE(Differs.find("master.model is \"8c32g\" but the configuration "
                         "says \"16c64g\""),
            std::string::npos)
      << Differs;

  // Used by a cluster this state does not manage.
  json Used = {{"id", "ord-1"},
               {"mode", "exclusive"},
               {"region", "cn-hangzhou"},
               {"billing", "subscription"}};
  create("order.main",
         {{"mode", "exclusive"},
          {"region", "cn-hangzhou"},
          {"billing", "subscription"},
          {"cu", 24}},
         OrderComputed);
  create("cluster.analytics", clusterAttrs(), ClusterComputed);
  std::string Cluster = State.at("cluster.analytics").CloudId;
  connect(); // a new process: nothing claimed yet
  std::string InUse = failureOf(desired("order.stolen", Used));
  EXPECT_NE(InUse.find("OrderInUse"), std::string::npos) << InUse;
  EXPECT_NE(InUse.find(Cluster), std::string::npos) << InUse;
  EXPECT_NE(InUse.find("rtcc import order.stolen ord-1"), std::string::npos)
      << InUse;
  // Import stays the way to adopt it.
  EXPECT_EQ(must(kind("order").importById("ord-1", nullptr)).CloudId, "ord-1");
}

TEST_F(StreamProviders, ExclusiveOrderWithMachinesIsBoughtOnceEvenAfterACrash) {
  json Buy = {{"mode", "exclusive"},
              {"region", "cn-hangzhou"},
              {"billing", "subscription"},
              {"duration", 3},
              {"master", {{"model", "8c32g"}, {"count", 3}}},
              {"slave", {{"model", "8c32g"}, {"count", 2}}}};
  int Before = count("Order");
  state::ResourceState S = create("order.bought", Buy, OrderComputed);
  EXPECT_EQ(count("Order"), Before + 1);
  EXPECT_NE(S.CloudId, "ord-1");
  auto O = must(Foas->listOrders({}));
  auto It = std::find_if(O.begin(), O.end(), [&](const cloud::FoasOrder &X) {
    return X.OrderId == S.CloudId;
  });
  ASSERT_NE(It, O.end());
  EXPECT_EQ(It->Duration, 3);
  EXPECT_EQ(It->Slave.Count, 2);
  bool Said = false;
  for (const std::string &P : ProgressLog)
    Said |= P.find("CreateCellClusterOrder 8c32g x3 / 8c32g x2") !=
            std::string::npos;
  EXPECT_TRUE(Said);

  // The state lost the result (crash after the call): with the intent the
  // create finds the order it bought instead of buying a second one.
  State.clear();
  connect(); // a new process: nothing claimed yet
  EXPECT_EQ(createAgain("order.bought", Buy, OrderComputed).CloudId, S.CloudId);
  EXPECT_EQ(count("Order"), Before + 1);

  // A cluster made from it runs its machines.
  json Cl = clusterAttrs();
  Cl["order"] = "order.bought";
  Cl["slave"] = {{"model", "8c32g"}, {"count", 2}};
  create("cluster.analytics", Cl, ClusterComputed);
  EXPECT_EQ(details("cluster.analytics").Slave.Count, 2);
}

TEST_F(StreamProviders, OrderAdoptionIsExclusiveAcrossThreads) {
  for (int I = 0; I < 8; ++I)
    seedSharedOrder("ord-p" + std::to_string(I), 5);
  std::vector<std::string> Ids(8);
  std::vector<std::thread> Threads;
  for (int I = 0; I < 8; ++I)
    Threads.emplace_back([&, I] {
      Desired D = desired("order.o" + std::to_string(I),
                          {{"mode", "shared"}, {"region", "cn-hangzhou"}, {"cu", 5}});
      auto O = kind("order").create(D, nullptr);
      if (O)
        Ids[I] = O->CloudId;
      else
        llvm::consumeError(O.takeError());
    });
  for (std::thread &T : Threads)
    T.join();
  std::set<std::string> Unique(Ids.begin(), Ids.end());
  EXPECT_EQ(Unique.size(), 8u);
  EXPECT_EQ(Unique.count(""), 0u);
}

TEST_F(StreamProviders, OrderListingFiltersByModeRegionStatusAndId) {
  seedSharedOrder("ord-s10", 10);
  auto All = must(Foas->listOrders({}));
  ASSERT_EQ(All.size(), 2u);
  cloud::ListOrdersFilter F;
  F.Mode = "shared";
  auto Shared = must(Foas->listOrders(F));
  ASSERT_EQ(Shared.size(), 1u);
  EXPECT_EQ(Shared[0].OrderId, "ord-s10");
  EXPECT_EQ(Shared[0].Cu, 10);
  EXPECT_EQ(Shared[0].RegionId, "cn-hangzhou");
  EXPECT_EQ(Shared[0].Status, "pending");
  F = {};
  F.OrderId = "ord-1";
  auto One = must(Foas->listOrders(F));
  ASSERT_EQ(One.size(), 1u);
  EXPECT_EQ(One[0].Mode, "exclusive");
  EXPECT_EQ(One[0].Slave.Count, 4);
  EXPECT_EQ(One[0].Master.Model, "8c32g");
  F = {};
  F.Region = "cn-beijing";
  EXPECT_TRUE(must(Foas->listOrders(F)).empty());
  runningCluster(); // uses ord-1
  F = {};
  F.Status = "used";
  auto Used = must(Foas->listOrders(F));
  ASSERT_EQ(Used.size(), 1u);
  EXPECT_EQ(Used[0].OrderId, "ord-1");
  F.Status = "bogus";
  EXPECT_EQ(codeOf(Foas->listOrders(F).takeError()), "InvalidParameter");
}

//--- cluster ---------------------------------------------------------------

TEST_F(StreamProviders, ClusterCreateWaitsUntilRunningAndReportsProgress) {
  state::ResourceState S = runningCluster();
  EXPECT_EQ(S.Attributes["state"], "running");
  EXPECT_EQ(S.Attributes["id"], S.CloudId);
  EXPECT_FALSE(S.Attributes.value("security_group", "").empty());
  EXPECT_EQ(S.Attributes["order"], "order.main");
  ASSERT_FALSE(ProgressLog.empty());
  EXPECT_EQ(ProgressLog.front(), "starting");
  EXPECT_EQ(ProgressLog.back(), "running");
  EXPECT_EQ(details("cluster.analytics").State, "running");
  ASSERT_TRUE(read("cluster.analytics", ClusterComputed).has_value());
  // The order is used now.
  auto O = read("order.main", OrderComputed);
  ASSERT_TRUE(O.has_value());
  EXPECT_EQ(O->Attributes["pending"], false);

  // Created again (a crash before the state write): the same cluster.
  state::ResourceState Again = create("cluster.analytics", clusterAttrs(), ClusterComputed);
  EXPECT_EQ(Again.CloudId, S.CloudId);
  EXPECT_EQ(count("Cluster"), 1);
}

TEST_F(StreamProviders, ClusterUpdateExpandsShrinksAndChangesTheMasterModel) {
  runningCluster();
  json A = clusterAttrs();
  A["slave"]["count"] = 6;
  update("cluster.analytics", A, ClusterComputed);
  EXPECT_EQ(details("cluster.analytics").Slave.Count, 6);
  A["slave"]["count"] = 3;
  update("cluster.analytics", A, ClusterComputed);
  EXPECT_EQ(details("cluster.analytics").Slave.Count, 3);
  A["master"]["model"] = "16c64g";
  ProgressLog.clear();
  state::ResourceState S = update("cluster.analytics", A, ClusterComputed);
  EXPECT_EQ(details("cluster.analytics").Master.Model, "16c64g");
  EXPECT_EQ(S.Attributes["master"], json({{"model", "16c64g"}, {"count", 3}}));
  EXPECT_FALSE(ProgressLog.empty());
  ASSERT_TRUE(read("cluster.analytics", ClusterComputed).has_value());
  // Engines are never touched by update.
  A["engines"]["installed"] = {"blink-3.3.0", "blink-2.2.6-hotfix0"};
  Desired D = desired("cluster.analytics", A);
  Observed O = must(kind("cluster").update(State.at("cluster.analytics"), D, progress()));
  EXPECT_EQ(O.Attributes["engines"]["installed"], json({"blink-3.3.0"}));
}

TEST_F(StreamProviders, ClusterImportAndRemove) {
  state::ResourceState S = runningCluster();
  Desired D = desired("cluster.analytics", clusterAttrs());
  Observed I = must(kind("cluster").importById(S.CloudId, &D));
  expectNoChange(clusterAttrs(), I.Attributes, ClusterComputed);
  Observed Bare = must(kind("cluster").importById(S.CloudId, nullptr));
  EXPECT_EQ(Bare.Attributes["order"], "ord-1"); // no config: the raw id
  mustOk(kind("cluster").remove(S, progress()));
  mustOk(kind("cluster").remove(S, progress()));
  EXPECT_EQ(count("Cluster"), 0);
  EXPECT_FALSE(must(kind("cluster").read(S, refs())).has_value());
}

TEST_F(StreamProviders, ClusterWaitGivesUpAfterTheTimeout) {
  WaitOptions Short;
  Short.Timeout = std::chrono::milliseconds(60);
  Short.PollInterval = std::chrono::milliseconds(10);
  auto Impatient = makeAlicloudProviders(Cfg, "cn-hangzhou", Short);
  create("order.main", {{"mode", "exclusive"}, {"region", "cn-hangzhou"}}, OrderComputed);
  Desired D = desired("cluster.analytics", clusterAttrs());
  llvm::Error E = Impatient->forKind("cluster")->create(D, progress()).takeError();
  std::string Msg = llvm::toString(std::move(E));
  EXPECT_NE(Msg.find("WaitTimeout"), std::string::npos) << Msg;
  EXPECT_NE(Msg.find("starting"), std::string::npos) << Msg;
}

//--- project ---------------------------------------------------------------

TEST_F(StreamProviders, ExclusiveProjectCreateReadUpdateImportRemove) {
  exclusiveProject();
  state::ResourceState S = State.at("project.clicks");
  EXPECT_EQ(S.CloudId, "clicks");
  EXPECT_EQ(S.Attributes["deploy_type"], "cell");
  cloud::FoasProject Cloud = must(Foas->getProject("clicks"));
  EXPECT_EQ(Cloud.ManagerIds,
            std::vector<std::string>{State.at("user.alice").Attributes["id"].get<std::string>()});
  EXPECT_EQ(Cloud.ClusterId, State.at("cluster.analytics").CloudId);
  json A = {{"name", "clicks"}, {"cluster", "cluster.analytics"}, {"cu", 12},
            {"managers", {"user.alice"}}};
  createAgain("project.clicks", A, ProjectComputed); // twice: adopted
  EXPECT_EQ(count("Project"), 1);
  ASSERT_TRUE(read("project.clicks", ProjectComputed).has_value());

  json B = {{"name", "clicks"}, {"cluster", "cluster.analytics"}, {"cu", 18},
            {"remark", "click stream"}, {"managers", json::array()}};
  S = update("project.clicks", B, ProjectComputed);
  Cloud = must(Foas->getProject("clicks"));
  EXPECT_EQ(Cloud.Cu, 18);
  EXPECT_EQ(Cloud.Description, "click stream");
  EXPECT_TRUE(Cloud.ManagerIds.empty());

  Desired D = desired("project.clicks", B);
  Observed I = must(kind("project").importById("clicks", &D));
  expectNoChange(B, I.Attributes, ProjectComputed);

  mustOk(kind("project").remove(S, progress()));
  mustOk(kind("project").remove(S, progress()));
  EXPECT_EQ(count("Project"), 0);
  EXPECT_FALSE(must(kind("project").read(S, refs())).has_value());
}

TEST_F(StreamProviders, SharedProjectUsesItsOrder) {
  seedSharedOrder("ord-s10", 10);
  create("order.clicks", {{"mode", "shared"}, {"region", "cn-hangzhou"}, {"cu", 10}},
         OrderComputed);
  json A = {{"name", "shared_clicks"}, {"order", "order.clicks"},
            {"remark", "Click-stream analytics"}, {"managers", json::array()}};
  state::ResourceState S = create("project.clicks", A, ProjectComputed);
  EXPECT_EQ(S.Attributes["deploy_type"], "public");
  EXPECT_EQ(must(Foas->getProject("shared_clicks")).OrderId, "ord-s10");
  EXPECT_EQ(read("order.clicks", OrderComputed)->Attributes["pending"], false);
  ASSERT_TRUE(read("project.clicks", ProjectComputed).has_value());
}

//--- job -------------------------------------------------------------------

TEST_F(StreamProviders, JobCreateReadUpdateOnlineOfflineImportRemove) {
  exclusiveProject();
  json A = {{"name", "etl"}, {"project", "project.clicks"}, {"engine", "blink-3.3.0"},
            {"sql", "INSERT INTO b SELECT * FROM a"}, {"online", false}};
  state::ResourceState S = create("job.etl", A, JobComputed);
  EXPECT_EQ(S.CloudId, "clicks/etl");
  EXPECT_EQ(S.Attributes["state"], "CREATED");
  createAgain("job.etl", A, JobComputed); // twice: adopted
  EXPECT_EQ(count("Job"), 1);
  ASSERT_TRUE(read("job.etl", JobComputed).has_value());

  json B = A;
  B["sql"] = "INSERT INTO c SELECT * FROM a";
  B["queue"] = "default";
  B["remark"] = "nightly";
  B["online"] = true;
  S = update("job.etl", B, JobComputed);
  EXPECT_EQ(S.Attributes["state"], "RUNNING");
  cloud::FoasJob J = must(Foas->getJob("clicks", "etl"));
  EXPECT_EQ(J.SqlCode, "INSERT INTO c SELECT * FROM a");
  EXPECT_EQ(J.QueueName, "default");
  EXPECT_EQ(J.Description, "nightly");
  ASSERT_TRUE(read("job.etl", JobComputed).has_value());

  B["online"] = false;
  S = update("job.etl", B, JobComputed);
  EXPECT_EQ(S.Attributes["state"], "OFFLINE");
  B["online"] = true;
  S = update("job.etl", B, JobComputed);
  EXPECT_EQ(S.Attributes["state"], "RUNNING");

  Desired D = desired("job.etl", B);
  Observed I = must(kind("job").importById("clicks/etl", &D));
  expectNoChange(B, I.Attributes, JobComputed);

  // Running: taken offline, then deleted.
  mustOk(kind("job").remove(S, progress()));
  mustOk(kind("job").remove(S, progress()));
  EXPECT_EQ(count("Job"), 0);
  EXPECT_FALSE(must(kind("job").read(S, refs())).has_value());
}

TEST_F(StreamProviders, JobWithoutEngineGetsTheClustersCurrentVersion) {
  exclusiveProject();
  json A = {{"name", "etl"}, {"project", "project.clicks"}, {"sql", "SELECT 1"},
            {"online", true}};
  state::ResourceState S = create("job.etl", A, JobComputed);
  EXPECT_FALSE(S.Attributes.contains("engine"));
  EXPECT_EQ(must(Foas->getJob("clicks", "etl")).EngineVersion, "blink-3.3.0");
  EXPECT_EQ(S.Attributes["state"], "RUNNING");
}

//--- engine versions -------------------------------------------------------

TEST_F(StreamProviders, EngineInstallSetCurrentSwitchJobAndUninstallAreIdempotent) {
  exclusiveProject();
  create("job.etl", {{"name", "etl"}, {"project", "project.clicks"},
                     {"engine", "blink-3.3.0"}, {"sql", "SELECT 1"}, {"online", true}},
         JobComputed);
  const state::ResourceState &C = State.at("cluster.analytics");
  const std::string Old = "blink-3.3.0", New = "blink-2.2.6-hotfix0";

  ProgressLog.clear();
  mustOk(P->installEngine(C, New, progress()));
  EXPECT_NE(std::find(ProgressLog.begin(), ProgressLog.end(), "deploying version"),
            ProgressLog.end());
  EXPECT_EQ(ProgressLog.back(), "running");
  auto Versions = must(Foas->getClusterEngineVersions(C.CloudId));
  EXPECT_EQ(Versions.size(), 2u);
  EXPECT_EQ(details("cluster.analytics").State, "running");
  mustOk(P->installEngine(C, New, progress())); // installed already: done

  mustOk(P->setCurrentEngine(C, New, progress()));
  mustOk(P->setCurrentEngine(C, New, progress()));
  EXPECT_EQ(details("cluster.analytics").CurrentEngineVersion, New);

  mustOk(P->switchJobEngine(State.at("job.etl"), New, refs()));
  mustOk(P->switchJobEngine(State.at("job.etl"), New, refs()));
  EXPECT_EQ(must(Foas->getJob("clicks", "etl")).EngineVersion, New);

  mustOk(P->uninstallEngine(C, Old, progress()));
  mustOk(P->uninstallEngine(C, Old, progress())); // gone already: done
  Versions = must(Foas->getClusterEngineVersions(C.CloudId));
  ASSERT_EQ(Versions.size(), 1u);
  EXPECT_EQ(Versions[0].Version, New);

  // The cluster now reads back as a configuration listing the new version.
  json A = clusterAttrs();
  A["engines"] = {{"installed", {New}}, {"current", New}, {"grandfathered", json::array()}};
  State["cluster.analytics"].Attributes = A;
  ASSERT_TRUE(read("cluster.analytics", ClusterComputed).has_value());
}

TEST_F(StreamProviders, EngineUninstallOfAVersionAJobUsesFailsWithTheServiceError) {
  exclusiveProject();
  create("job.etl", {{"name", "etl"}, {"project", "project.clicks"},
                     {"engine", "blink-3.3.0"}, {"sql", "SELECT 1"}, {"online", true}},
         JobComputed);
  const state::ResourceState &C = State.at("cluster.analytics");
  mustOk(P->installEngine(C, "blink-2.2.6-hotfix0", progress()));
  mustOk(P->setCurrentEngine(C, "blink-2.2.6-hotfix0", progress()));
  EXPECT_EQ(codeOf(P->uninstallEngine(C, "blink-3.3.0", progress())), "EngineVersionInUse");
}

} // namespace
} // namespace rtc::provider::test
