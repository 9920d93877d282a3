//===- ConfigHashTest.cpp - the streamed hash equals sha256(IR JSON) ------===//
#include "rtc/Plan/Planner.h"

#include <openssl/evp.h>

#include <gtest/gtest.h>

using namespace rtc;
using nlohmann::json;

namespace {

/// The definition: sha256 of ir::toJson(P).dump().
std::string reference(const ir::Program &P) {
  std::string Text = ir::toJson(P).dump();
  unsigned char D[EVP_MAX_MD_SIZE];
  unsigned Len = 0;
  EVP_Digest(Text.data(), Text.size(), D, &Len, EVP_sha256(), nullptr);
  static const char Hex[] = "0123456789abcdef";
  std::string Out = "sha256:";
  for (unsigned I = 0; I < Len; ++I) {
    Out += Hex[D[I] >> 4];
    Out += Hex[D[I] & 15];
  }
  return Out;
}

ir::Resource resource(std::string Kind, std::string Name, json Attrs) {
  ir::Resource R;
  R.Kind = std::move(Kind);
  R.Name = std::move(Name);
  R.Address = R.Kind + "." + R.Name;
  R.Attributes = std::move(Attrs);
  return R;
}

} // namespace

TEST(ConfigHash, EmptyProgramHashesItsIrJson) {
  ir::Program P;
  EXPECT_EQ(plan::configHash(P), reference(P));
}

TEST(ConfigHash, EveryPartOfTheIrJsonIsHashedAsDumped) {
  ir::Program P;
  ir::Resource C = resource(
      "cluster", "analytics",
      {{"name", "prod \"analytics\"\n\ttab\\"},
       {"count", 3},
       {"ratio", 0.25},
       {"neg", -7},
       {"big", 18446744073709551615ull},
       {"on", true},
       {"none", nullptr},
       {"unicode", "caf\xC3\xA9 \xF0\x9F\x98\x80 \x7F \x01"},
       {"id", ir::unknownValue("cluster.analytics.id")},
       {"nested", {{"list", {1, "two", json::object(), json::array()}},
                   {"empty", json::object()}}}});
  C.Dependencies = {"order.o"};
  C.ForceNew = {"vpc", "slave.model"};
  C.Sensitive = {"password"};
  C.Computed = {"id", "state"};
  C.Provider = "foas.Cluster";
  C.IgnoreChanges = {"remark", "slave.count"};
  ir::Resource U = resource("user", "dev", {{"name", "dev"}});
  U.Address = "user.dev[\"a\"]";
  U.InstanceKey = "a";
  U.PreventDestroy = true;
  P.Resources = {C, U};
  P.Outputs = {{"endpoint", "https://x", false, {}},
               {"secret", "s3cr3t", true, {}},
               {"endpoint", "later wins", false, {}}};
  P.Variables = {{"env", "prod", false, {}}, {"token", 42, true, {}}};
  EXPECT_EQ(plan::configHash(P), reference(P));
}

TEST(ConfigHash, MovedBlocksAreHashedAsDumped) {
  ir::Program P;
  P.Resources = {resource("role", "new", {{"name", "r"}})};
  ir::Move M;
  M.From = "role.old";
  M.To = "role.new";
  P.Moves = {M, M};
  P.Moves[1].From = "user.a[\"k\"]";
  P.Moves[1].To = "module.m.user.a[\"k\"]";
  EXPECT_EQ(plan::configHash(P), reference(P));
}

TEST(ConfigHash, DiffersWhenAnAttributeChanges) {
  ir::Program A, B;
  A.Resources = {resource("project", "p", {{"cu", 2}})};
  B.Resources = {resource("project", "p", {{"cu", 3}})};
  EXPECT_NE(plan::configHash(A), plan::configHash(B));
  EXPECT_EQ(plan::configHash(B), reference(B));
}

TEST(ConfigHash, LongStringsCrossTheDigestBuffer) {
  ir::Program P;
  std::string Big(200000, 'x');
  Big[100000] = '"';
  P.Resources = {resource("job", "j", {{"sql", Big}, {"plain", std::string(70000, 'y')}})};
  EXPECT_EQ(plan::configHash(P), reference(P));
}

TEST(ConfigHash, InvalidUtf8ThrowsLikeDump) {
  ir::Program P;
  P.Resources = {resource("job", "j", {{"sql", "bad \xFF byte"}})};
  EXPECT_THROW(ir::toJson(P).dump(), json::type_error);
  EXPECT_THROW(plan::configHash(P), json::type_error);
}
