//===- MovesTest.cpp - identity across renames (docs/apply.md#moved) ------===//
#include "rtc/Plan/Moves.h"
#include "rtc/Plan/PlanJson.h"
#include "rtc/Plan/Planner.h"

#include <gtest/gtest.h>

using namespace rtc;
using namespace rtc::plan;
using nlohmann::json;

namespace {

state::ResourceState stored(std::string Address, std::string Kind, json Attrs,
                            std::vector<std::string> Deps = {}) {
  state::ResourceState S;
  S.Address = Address;
  S.Kind = Kind;
  S.Name = Address.substr(Kind.size() + 1, Address.find('[') - Kind.size() - 1);
  S.Attributes = std::move(Attrs);
  S.Dependencies = std::move(Deps);
  return S;
}

ir::Resource configured(std::string Address, std::string Kind, json Attrs,
                        std::vector<std::string> Deps = {}) {
  ir::Resource R;
  R.Address = Address;
  R.Kind = Kind;
  R.Name = Address.substr(Kind.size() + 1, Address.find('[') - Kind.size() - 1);
  R.Attributes = std::move(Attrs);
  R.Dependencies = std::move(Deps);
  R.ForceNew = {"name", "role"};
  return R;
}

ir::Move move(std::string From, std::string To) {
  ir::Move M;
  M.From = std::move(From);
  M.To = std::move(To);
  return M;
}

/// A role and an attachment that refers to it, as stored.
state::State roleState() {
  state::State S;
  S.Lineage = "l";
  S.Resources.push_back(stored("role.stream_default", "role",
                               {{"name", "AliyunStreamDefaultRole"}}));
  S.Resources.push_back(stored("policy_attachment.p", "policy_attachment",
                               {{"role", "role.stream_default"}},
                               {"role.stream_default"}));
  S.normalize();
  return S;
}

ir::Program renamedRole(bool WithMove) {
  ir::Program P;
  P.Resources.push_back(configured("policy_attachment.p", "policy_attachment",
                                   {{"role", "role.service_role"}},
                                   {"role.service_role"}));
  P.Resources.push_back(configured("role.service_role", "role",
                                   {{"name", "AliyunStreamDefaultRole"}}));
  if (WithMove)
    P.Moves.push_back(move("role.stream_default", "role.service_role"));
  return P;
}

TEST(Moves, RenamedLabelWithoutMoveIsRefusedNamingBothBlocks) {
  state::State S = roleState();
  Plan P = makePlan(renamedRole(false), &S);
  ASSERT_EQ(P.Errors.size(), 1u);
  EXPECT_EQ(P.Errors[0].Code, "RTC0506");
  EXPECT_EQ(P.Errors[0].Address, "role.service_role");
  EXPECT_NE(P.Errors[0].Message.find("`role.stream_default` deletes it"),
            std::string::npos);
  EXPECT_NE(P.Errors[0].Hint.find("moved { from = role.stream_default  to = "
                                  "role.service_role }"),
            std::string::npos);
}

TEST(Moves, MovedLabelPlansNoCreateNoDeleteAndKeepsReferences) {
  state::State S = roleState();
  Plan P = makePlan(renamedRole(true), &S);
  EXPECT_TRUE(P.Errors.empty());
  ASSERT_EQ(P.Moves.size(), 1u);
  EXPECT_EQ(P.Moves[0],
            (MovedResource{"role.stream_default", "role.service_role"}));
  // The attachment's reference moves with the role: no replacement.
  for (const ResourceChange &C : P.Changes)
    EXPECT_EQ(C.Act, Action::NoOp) << C.Address;
  EXPECT_TRUE(P.Steps.empty());
  EXPECT_TRUE(P.hasChanges()); // the state still has to be rewritten
}

TEST(Moves, DoneMoveIsNothingToDo) {
  state::State S = roleState();
  applyMoves(S, {{"role.stream_default", "role.service_role"}});
  Plan P = makePlan(renamedRole(true), &S);
  EXPECT_TRUE(P.Moves.empty());
  EXPECT_FALSE(P.hasChanges());
}

TEST(Moves, ApplyRenamesAddressNameDependenciesAndReferences) {
  state::State S = roleState();
  S.Pending.push_back(
      {"role.stream_default", "role", "AliyunStreamDefaultRole"});
  applyMoves(S, {{"role.stream_default", "role.service_role"}});
  const state::ResourceState *R = S.find("role.service_role");
  ASSERT_NE(R, nullptr);
  EXPECT_EQ(R->Name, "service_role");
  EXPECT_EQ(S.find("role.stream_default"), nullptr);
  const state::ResourceState *A = S.find("policy_attachment.p");
  ASSERT_NE(A, nullptr);
  EXPECT_EQ(A->Dependencies, std::vector<std::string>{"role.service_role"});
  EXPECT_EQ(A->Attributes["role"], "role.service_role");
  EXPECT_EQ(S.Pending[0].Address, "role.service_role");
}

TEST(Moves, WholeResourceMoveTakesEveryInstanceWithItsKey) {
  state::State S;
  S.Resources.push_back(stored("user.old[\"a\"]", "user", {{"name", "a"}}));
  S.Resources.push_back(stored("user.old[\"b\"]", "user", {{"name", "b"}}));
  S.normalize();
  std::vector<std::string> Notes;
  std::vector<MovedResource> M =
      resolveMoves({move("user.old", "module.team.user.devs")}, S, Notes);
  ASSERT_EQ(M.size(), 2u);
  EXPECT_EQ(M[0].To, "module.team.user.devs[\"a\"]");
  EXPECT_EQ(M[1].To, "module.team.user.devs[\"b\"]");
  EXPECT_TRUE(Notes.empty());
}

TEST(Moves, OccupiedTargetIsLeftAloneWithANote) {
  state::State S;
  S.Resources.push_back(stored("user.a", "user", {{"name", "a"}}));
  S.Resources.push_back(stored("user.b", "user", {{"name", "b"}}));
  S.normalize();
  std::vector<std::string> Notes;
  EXPECT_TRUE(resolveMoves({move("user.a", "user.b")}, S, Notes).empty());
  ASSERT_EQ(Notes.size(), 1u);
  EXPECT_NE(Notes[0].find("already stored at user.b"), std::string::npos);
}

TEST(Moves, DifferentCloudNamesAreNoConflict) {
  state::State S;
  S.Resources.push_back(stored("user.a", "user", {{"name", "a"}}));
  S.normalize();
  ir::Program P;
  P.Resources.push_back(configured("user.b", "user", {{"name", "b"}}));
  EXPECT_TRUE(makePlan(P, &S).Errors.empty());
}

TEST(Moves, SurviveTheJsonOfASavedPlan) {
  state::State S = roleState();
  Plan P = makePlan(renamedRole(true), &S);
  auto Back = planFromJson(toJson(P).dump(), "test");
  ASSERT_TRUE(static_cast<bool>(Back));
  EXPECT_EQ(Back->Moves, P.Moves);
}

} // namespace
