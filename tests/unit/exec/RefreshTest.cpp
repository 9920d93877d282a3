//===- RefreshTest.cpp - reading back, drift, vanished objects -------------===//
#include "FakeProviders.h"
#include "rtc/Exec/Refresh.h"

#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace rtc;
using nlohmann::json;

namespace {

state::State twoUsers() {
  state::State S;
  for (const char *N : {"a", "b"}) {
    state::ResourceState R;
    R.Address = std::string("user.") + N;
    R.Kind = "user";
    R.Name = N;
    R.CloudId = N;
    R.Attributes = {{"name", N}, {"display_name", "old"}};
    S.upsert(R);
  }
  return S;
}

TEST(Refresh, RecordsChangesMadeOutsideRtcc) {
  test::FakeCloud Cloud;
  Cloud.Objects["a"] = {{"name", "a"}, {"display_name", "old"}};
  Cloud.Objects["b"] = {{"name", "b"}, {"display_name", "new"}};
  exec::RefreshResult R = exec::refreshAll(twoUsers(), Cloud, nullptr, 4);
  ASSERT_TRUE(R.Failures.empty());
  ASSERT_EQ(R.Drifts.size(), 1u);
  EXPECT_EQ(R.Drifts[0].Address, "user.b");
  ASSERT_EQ(R.Drifts[0].Changes.size(), 1u);
  EXPECT_EQ(R.Drifts[0].Changes[0].Path, "display_name");
  EXPECT_EQ(R.Refreshed.find("user.b")->Attributes["display_name"], "new");
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  exec::renderDrift(R.Drifts, OS, false);
  EXPECT_NE(OS.str().find("~ display_name: \"old\" -> \"new\""), std::string::npos);
}

TEST(Refresh, DropsObjectsDeletedOutsideRtcc) {
  test::FakeCloud Cloud;
  Cloud.Objects["a"] = {{"name", "a"}, {"display_name", "old"}};
  exec::RefreshResult R = exec::refreshAll(twoUsers(), Cloud, nullptr, 2);
  ASSERT_EQ(R.Drifts.size(), 1u);
  EXPECT_TRUE(R.Drifts[0].Deleted);
  EXPECT_EQ(R.Refreshed.find("user.b"), nullptr);
  EXPECT_NE(R.Refreshed.find("user.a"), nullptr);
  EXPECT_EQ(exec::driftToJson(R.Drifts)[0]["deleted"], true);
}

} // namespace
