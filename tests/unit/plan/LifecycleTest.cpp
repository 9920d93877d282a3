//===- LifecycleTest.cpp - prevent_destroy and ignore_changes -------------===//
#include "rtc/Plan/Planner.h"

#include <gtest/gtest.h>

using namespace rtc;
using namespace rtc::plan;
using nlohmann::json;

namespace {

ir::Resource cluster(json Attrs) {
  ir::Resource R;
  R.Kind = "cluster";
  R.Name = "c";
  R.Address = "cluster.c";
  R.Attributes = std::move(Attrs);
  R.ForceNew = {"vpc"};
  return R;
}

state::State stored(json Attrs) {
  state::State S;
  state::ResourceState R;
  R.Kind = "cluster";
  R.Name = "c";
  R.Address = "cluster.c";
  R.Attributes = std::move(Attrs);
  S.Resources.push_back(R);
  return S;
}

ir::Program program(ir::Resource R) {
  ir::Program P;
  P.Resources.push_back(std::move(R));
  return P;
}

TEST(Lifecycle, IgnoredNestedAttributeCausesNoUpdate) {
  ir::Resource R = cluster({{"vpc", "a"}, {"slave", {{"count", 4}}}});
  R.IgnoreChanges = {"slave.count"};
  state::State S = stored({{"vpc", "a"}, {"slave", {{"count", 2}}}});
  Plan P = makePlan(program(R), &S);
  EXPECT_FALSE(P.hasChanges());
}

TEST(Lifecycle, IgnoredForceNewAttributeCausesNoReplacement) {
  ir::Resource R = cluster({{"vpc", "b"}, {"remark", "x"}});
  R.IgnoreChanges = {"vpc"};
  state::State S = stored({{"vpc", "a"}, {"remark", "y"}});
  Plan P = makePlan(program(R), &S);
  const ResourceChange *C = P.find("cluster.c");
  ASSERT_NE(C, nullptr);
  EXPECT_EQ(C->Act, Action::Update); // the remark only
  ASSERT_EQ(C->AttributeChanges.size(), 1u);
  EXPECT_EQ(C->AttributeChanges[0].Path, "remark");
  EXPECT_EQ(C->After["vpc"], "a"); // the stored value is what apply sends
}

TEST(Lifecycle, PreventDestroyRefusesAReplacement) {
  ir::Resource R = cluster({{"vpc", "b"}});
  R.PreventDestroy = true;
  state::State S = stored({{"vpc", "a"}});
  Plan P = makePlan(program(R), &S);
  ASSERT_EQ(P.Errors.size(), 1u);
  EXPECT_EQ(P.Errors[0].Code, "RTC0508");
  EXPECT_NE(P.Errors[0].Message.find("would replace it"), std::string::npos);
}

TEST(Lifecycle, PreventDestroyHoldsWhenDestroyPlansAnEmptyConfiguration) {
  ir::Resource R = cluster({{"vpc", "a"}});
  R.PreventDestroy = true;
  ir::Program Config = program(R);
  state::State S = stored({{"vpc", "a"}});
  PlanOptions O;
  O.Lifecycle = &Config;
  Plan P = makePlan(ir::Program(), &S, O);
  ASSERT_EQ(P.Errors.size(), 1u);
  EXPECT_NE(P.Errors[0].Message.find("would destroy it"), std::string::npos);
}

} // namespace
