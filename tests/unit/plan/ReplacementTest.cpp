//===- ReplacementTest.cpp - replacements that know the service -----------===//
#include "rtc/Plan/Planner.h"

#include <gtest/gtest.h>

using namespace rtc;
using namespace rtc::plan;
using nlohmann::json;

namespace {

ir::Resource res(std::string Kind, std::string Name, json Attrs,
                 std::vector<std::string> ForceNew) {
  ir::Resource R;
  R.Kind = Kind;
  R.Name = Name;
  R.Address = Kind + "." + Name;
  R.Attributes = std::move(Attrs);
  R.ForceNew = std::move(ForceNew);
  return R;
}

state::ResourceState st(std::string Kind, std::string Name, json Attrs) {
  state::ResourceState S;
  S.Kind = Kind;
  S.Name = Name;
  S.Address = Kind + "." + Name;
  S.Attributes = std::move(Attrs);
  return S;
}

/// The stdlib's tables, as the planner reads them
/// (stdlib/alicloud/replacement.rtc).
void tables(ir::Program &P) {
  P.Std["unchangeable"] = {{"cluster", {{"master.count", "never in place"}}}};
  P.Std["order_consumers"] = {{"cluster", "order"}};
}

/// A cluster on order.o whose master count goes 3 -> 1; the config's
/// cluster uses the order at NewOrder.
Plan plan(const std::string &NewOrder, bool NewOrderStored, bool Pending) {
  ir::Program P;
  tables(P);
  P.Resources.push_back(res("cluster", "c",
                            {{"order", NewOrder}, {"master", {{"count", 1}}}},
                            {"order", "master.count"}));
  P.Resources.push_back(res("order", "o", {{"mode", "exclusive"}}, {"mode"}));
  if (NewOrder != "order.o")
    P.Resources.push_back(
        res("order", NewOrder.substr(6), {{"mode", "exclusive"}}, {"mode"}));
  std::sort(P.Resources.begin(), P.Resources.end(),
            [](auto &A, auto &B) { return A.Address < B.Address; });
  state::State S;
  S.Resources.push_back(
      st("cluster", "c", {{"order", "order.o"}, {"master", {{"count", 3}}}}));
  S.Resources.push_back(
      st("order", "o",
         {{"mode", "exclusive"}, {"id", "ord-1"}, {"pending", false}}));
  if (NewOrderStored)
    S.Resources.push_back(
        st("order", NewOrder.substr(6),
           {{"mode", "exclusive"}, {"id", "ord-2"}, {"pending", Pending}}));
  S.normalize();
  return makePlan(P, &S);
}

TEST(Replacement, ClusterReplacedFromItsOwnOrderIsRefused) {
  Plan P = plan("order.o", false, false);
  ASSERT_EQ(P.Errors.size(), 1u);
  EXPECT_EQ(P.Errors[0].Code, "RTC0507");
  EXPECT_EQ(P.Errors[0].Address, "cluster.c");
  EXPECT_EQ(P.Errors[0].Path, "order");
  EXPECT_NE(P.Errors[0].Message.find("`order.o` (order ord-1)"),
            std::string::npos);
  EXPECT_NE(P.Errors[0].Message.find("never in place"), std::string::npos);
}

TEST(Replacement, ANewOrderToBindLetsTheReplacementProceed) {
  EXPECT_TRUE(plan("order.n", false, false).Errors.empty());
}

TEST(Replacement, AStoredPendingOrderLetsTheReplacementProceed) {
  EXPECT_TRUE(plan("order.n", true, true).Errors.empty());
}

TEST(Replacement, AStoredUsedOrderIsRefused) {
  Plan P = plan("order.n", true, false);
  ASSERT_EQ(P.Errors.size(), 1u);
  EXPECT_NE(P.Errors[0].Message.find("`order.n` (order ord-2)"),
            std::string::npos);
}

TEST(Replacement, UnchangeableAttributeSaysWhy) {
  Plan P = plan("order.n", false, false);
  const ResourceChange *C = P.find("cluster.c");
  ASSERT_NE(C, nullptr);
  ASSERT_EQ(C->Act, Action::Replace);
  EXPECT_NE(std::find(C->Reasons.begin(), C->Reasons.end(),
                      "`master.count` forces replacement: never in place"),
            C->Reasons.end());
}

} // namespace
