//===- AttributesTest.cpp - overlay, unknowns, names, drift paths ----------===//
#include "rtc/Exec/Attributes.h"
#include "rtc/Exec/Events.h"
#include "rtc/State/Sensitive.h"

#include <gtest/gtest.h>

using namespace rtc;
using nlohmann::json;

TEST(Overlay, MergesObjectsKeyByKeyAndReplacesScalars) {
  json Base = {{"master", {{"model", "8c32g"}, {"count", 3}}}, {"name", "a"}};
  json Over = {{"master", {{"model", "16c64g"}}}, {"id", "c-1"}};
  json Out = exec::overlay(Base, Over);
  EXPECT_EQ(Out["master"]["model"], "16c64g");
  EXPECT_EQ(Out["master"]["count"], 3);
  EXPECT_EQ(Out["name"], "a");
  EXPECT_EQ(Out["id"], "c-1");
}

TEST(Overlay, KeepsTheConfiguredOrderOfAListWithTheSameElements) {
  json Base = {{"installed", {"b", "a"}}};
  EXPECT_EQ(exec::overlay(Base, {{"installed", {"a", "b"}}})["installed"],
            json({"b", "a"}));
  EXPECT_EQ(exec::overlay(Base, {{"installed", {"a", "c"}}})["installed"],
            json({"a", "c"}));
}

// Refresh overlays what the cloud reads back on the state: a secret the
// state keeps as a hash must stay a hash (it used to become the cloud's
// clear value, printed as drift and saved).
TEST(Overlay, KeepsASecretsHashWhenTheCloudHasTheSameValue) {
  json Hash = state::hashSensitive("pw=s3cret");
  json Out = exec::overlay({{"comments", Hash}}, {{"comments", "pw=s3cret"}});
  EXPECT_EQ(Out["comments"], Hash);
}

TEST(Overlay, HashesASecretTheCloudChanged) {
  json Hash = state::hashSensitive("pw=s3cret");
  json Out = exec::overlay({{"comments", Hash}}, {{"comments", "pw=other"}});
  ASSERT_TRUE(state::isSensitiveHash(Out["comments"]));
  EXPECT_NE(Out["comments"], Hash);
  EXPECT_TRUE(state::sensitiveMatches(Out["comments"], "pw=other"));
  EXPECT_EQ(Out.dump().find("pw=other"), std::string::npos);
}

TEST(ResolveUnknowns, FillsAttributesAndIdsFromTheState) {
  state::State S;
  state::ResourceState R;
  R.Address = "cluster.c";
  R.CloudId = "c-42";
  R.Attributes = {{"state", "running"}};
  S.upsert(R);
  exec::StateLookup L = [&S](const std::string &A) { return S.find(A); };
  json V = {{"cluster_id", {{"__unknown__", "cluster.c.id"}}},
            {"list", {{{"__unknown__", "cluster.c.state"}}}},
            {"missing", {{"__unknown__", "cluster.d.id"}}}};
  json Out = exec::resolveUnknowns(V, L);
  EXPECT_EQ(Out["cluster_id"], "c-42");
  EXPECT_EQ(Out["list"][0], "running");
  EXPECT_TRUE(exec::containsUnknown(Out));
  EXPECT_FALSE(exec::containsUnknown(Out["list"]));
}

TEST(NameFromAddress, IsTheBlockLabel) {
  EXPECT_EQ(exec::nameFromAddress("user.dev"), "dev");
  EXPECT_EQ(exec::nameFromAddress("user.dev[\"a.b\"]"), "dev");
  EXPECT_EQ(exec::nameFromAddress("module.team.user.dev"), "dev");
}

TEST(DiffAttributes, ListsEveryChangedLeafPath) {
  json Before = {{"master", {{"model", "8c32g"}, {"count", 3}}}, {"tags", {1, 2}}};
  json After = {{"master", {{"model", "16c64g"}, {"count", 3}}}, {"tags", {1}}};
  auto Changes = exec::diffAttributes(Before, After);
  ASSERT_EQ(Changes.size(), 2u);
  EXPECT_EQ(Changes[0].Path, "master.model");
  EXPECT_EQ(Changes[0].Before, "8c32g");
  EXPECT_EQ(Changes[1].Path, "tags");
}

TEST(FormatElapsed, ReadsLikeTerraform) {
  using std::chrono::milliseconds;
  EXPECT_EQ(exec::formatElapsed(milliseconds(450)), "450ms");
  EXPECT_EQ(exec::formatElapsed(milliseconds(32000)), "32s");
  EXPECT_EQ(exec::formatElapsed(milliseconds(90000)), "1m30s");
  EXPECT_EQ(exec::formatElapsed(milliseconds(120000)), "2m");
}
