// CreateCellClusterOrder (POST /api/v2/realtime-compute/cell/buy, published
// in foas 2018-11-11): the request is validated like the real service, and
// the order it buys is pending until a cluster uses it.
#include "EmulatorTestSupport.h"

namespace rtc::emulator::test {
namespace {

class EmulatorOrderPurchase : public EmulatorTest {
protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    seedWorld();
  }
  static json purchase() {
    return {
        {"payModel", "pre"}, {"region", "cn-hangzhou"}, {"masterSpec", "8c32g"},
        {"masterNum", 3},    {"slaveSpec", "8c32g"},    {"slaveNum", 2},
        {"period", 6}};
  }
  Resp buy(json Overrides = json::object()) {
    json B = purchase();
    for (auto &[K, V] : Overrides.items()) {
      if (V.is_null())
        B.erase(K);
      else
        B[K] = V;
    }
    return roa("POST", "/api/v2/realtime-compute/cell/buy", B);
  }
  int64_t orders() {
    return admin("GET", "/_emulator/counts").Body.value("Order", 0);
  }
  json listed(const std::string &Id) {
    Resp L = roa("GET", "/api/v2/orders", json(), {{"orderId", Id}});
    EXPECT_EQ(L.Status, 200) << L.Body;
    return L.Body["Orders"]["Order"].empty() ? json()
                                             : L.Body["Orders"]["Order"][0];
  }
};

TEST_F(EmulatorOrderPurchase,
       BuysAPendingExclusiveOrderWithTheRequestedMachines) {
  Resp R = buy();
  ASSERT_EQ(R.Status, 200) << R.Body;
  std::string Id = R.Body["OrderId"];
  ASSERT_FALSE(Id.empty());
  json O = listed(Id);
  EXPECT_EQ(O["Mode"], "exclusive");
  EXPECT_EQ(O["Status"], "pending");
  EXPECT_EQ(O["Billing"], "subscription");
  EXPECT_EQ(O["Duration"], 6);
  EXPECT_EQ(O["MasterModel"], "8c32g");
  EXPECT_EQ(O["MasterCount"], 3);
  EXPECT_EQ(O["SlaveCount"], 2);
  EXPECT_EQ(O["Cu"], 12);

  // A cluster created from it runs those machines and uses it up.
  Resp C = roa("POST", "/api/v2/clusters", clusterRequest(Id));
  ASSERT_EQ(C.Status, 200) << C.Body;
  EXPECT_EQ(listed(Id)["Status"], "used");
  EXPECT_EQ(roa("POST", "/api/v2/clusters", clusterRequest(Id)).code(),
            "OrderAlreadyUsed");
}

TEST_F(EmulatorOrderPurchase, AcceptsThePublishedEcsSpellingAndPayAsYouGo) {
  Resp R = buy({{"payModel", "post"},
                {"masterSpec", "Ecs_4c16g"},
                {"masterNum", 1},
                {"period", nullptr}});
  ASSERT_EQ(R.Status, 200) << R.Body;
  json O = listed(R.Body["OrderId"]);
  EXPECT_EQ(O["Billing"], "pay_as_you_go");
  EXPECT_EQ(O["Duration"], 0);
  EXPECT_EQ(O["MasterModel"], "4c16g");
  EXPECT_EQ(O["MasterCount"], 1);
}

TEST_F(EmulatorOrderPurchase, RefusesWhatTheServiceDoesNotSell) {
  EXPECT_EQ(buy({{"payModel", "monthly"}}).code(), "InvalidParameter");
  EXPECT_EQ(buy({{"masterNum", 2}}).code(), "InvalidParameter");
  EXPECT_EQ(buy({{"slaveNum", 1}}).code(), "InvalidParameter.SlaveCount");
  EXPECT_EQ(buy({{"period", 13}}).code(), "InvalidParameter");
  EXPECT_EQ(buy({{"period", 0}}).code(), "InvalidParameter");
  EXPECT_EQ(buy({{"slaveSpec", "9c99g"}}).code(), "InvalidParameter.Model");
  EXPECT_EQ(buy({{"region", "cn-beijing"}}).code(), "InvalidParameter");
  EXPECT_EQ(buy({{"masterSpec", nullptr}}).code(), "MissingParameter");
  EXPECT_EQ(buy({{"slaveNum", nullptr}}).code(), "MissingParameter");
  // 4c16g masters manage at most 80 CU: 16 x 8c32g slaves are 96.
  EXPECT_EQ(buy({{"masterSpec", "4c16g"}, {"slaveNum", 16}}).code(),
            "InvalidParameter.ClusterCu");
  EXPECT_EQ(orders(), 1); // only seedWorld's ord-1
}

class EmulatorOrderPurchaseOfficial : public EmulatorOrderPurchase {
protected:
  void SetUp() override {
    Opts.OfficialApiOnly = true;
    EmulatorOrderPurchase::SetUp();
  }
};

TEST_F(EmulatorOrderPurchaseOfficial, IsServedUnderOfficialApiOnly) {
  Resp R = buy();
  EXPECT_EQ(R.Status, 200) << R.Body;
  EXPECT_EQ(orders(), 2);
}

} // namespace
} // namespace rtc::emulator::test
