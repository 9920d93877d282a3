//===- IdentityFlagsTest.cpp - -replace, destroy plans, protected roles ---===//
#include "rtc/Plan/PlanJson.h"
#include "rtc/Plan/PlanRenderer.h"
#include "rtc/Plan/Planner.h"

#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace rtc;
using namespace rtc::plan;
using nlohmann::json;

namespace {

ir::Resource resource(std::string Kind, std::string Address, json Attrs,
                      std::vector<std::string> Deps = {}) {
  ir::Resource R;
  R.Kind = std::move(Kind);
  R.Address = std::move(Address);
  R.Name = R.Address.substr(R.Kind.size() + 1);
  R.Attributes = std::move(Attrs);
  R.Dependencies = std::move(Deps);
  return R;
}

state::ResourceState stored(const ir::Resource &R) {
  state::ResourceState S;
  S.Address = R.Address;
  S.Kind = R.Kind;
  S.Name = R.Name;
  S.Attributes = R.Attributes;
  S.Dependencies = R.Dependencies;
  return S;
}

/// Users a and b of `user.dev`, user.reader; all stored as configured.
struct Fixture {
  std::vector<ir::Resource> Rs = {
      resource("user", "user.dev[\"a\"]", {{"name", "a"}}),
      resource("user", "user.dev[\"b\"]", {{"name", "b"}}),
      resource("user", "user.reader", {{"name", "reader"}}),
  };
  ir::Program Prog;
  state::State State;
  Fixture() {
    Prog.Resources = Rs;
    for (const ir::Resource &R : Rs)
      State.Resources.push_back(stored(R));
    State.normalize();
  }
};

Action actionOf(const Plan &P, const std::string &Address) {
  const ResourceChange *C = P.find(Address);
  return C ? C->Act : Action::NoOp;
}

TEST(ReplaceFlag, ReplacesOneInstanceAndNothingElse) {
  Fixture F;
  PlanOptions O;
  O.Replace = {"user.dev[\"a\"]"};
  Plan P = makePlan(F.Prog, &F.State, O);
  EXPECT_TRUE(P.Errors.empty());
  EXPECT_EQ(actionOf(P, "user.dev[\"a\"]"), Action::Replace);
  EXPECT_EQ(actionOf(P, "user.dev[\"b\"]"), Action::NoOp);
  EXPECT_EQ(actionOf(P, "user.reader"), Action::NoOp);
  EXPECT_EQ(P.find("user.dev[\"a\"]")->Reasons,
            std::vector<std::string>{
                "replacement requested with -replace=user.dev[\"a\"]"});
  EXPECT_EQ(P.Counts.Add, 1u);
  EXPECT_EQ(P.Counts.Destroy, 1u);
}

TEST(ReplaceFlag, WholeForEachResourceReplacesEveryInstance) {
  Fixture F;
  PlanOptions O;
  O.Replace = {"user.dev"};
  Plan P = makePlan(F.Prog, &F.State, O);
  EXPECT_EQ(actionOf(P, "user.dev[\"a\"]"), Action::Replace);
  EXPECT_EQ(actionOf(P, "user.dev[\"b\"]"), Action::Replace);
  EXPECT_EQ(actionOf(P, "user.reader"), Action::NoOp);
}

TEST(ReplaceFlag, ModuleAddressReplacesWhatTheModuleHolds) {
  ir::Resource Lead =
      resource("user", "module.team.user.lead", {{"name", "lead"}});
  ir::Resource Root = resource("user", "user.root", {{"name", "root"}});
  ir::Program Prog;
  Prog.Resources = {Lead, Root};
  state::State S;
  S.Resources = {stored(Lead), stored(Root)};
  S.normalize();
  PlanOptions O;
  O.Replace = {"module.team"};
  Plan P = makePlan(Prog, &S, O);
  EXPECT_TRUE(P.Errors.empty());
  EXPECT_EQ(actionOf(P, "module.team.user.lead"), Action::Replace);
  EXPECT_EQ(actionOf(P, "user.root"), Action::NoOp);
}

TEST(ReplaceFlag, AddressNotYetStoredIsCreatedWithANote) {
  Fixture F;
  F.Prog.Resources.push_back(resource("user", "user.zed", {{"name", "zed"}}));
  PlanOptions O;
  O.Replace = {"user.zed"};
  Plan P = makePlan(F.Prog, &F.State, O);
  EXPECT_TRUE(P.Errors.empty());
  EXPECT_EQ(actionOf(P, "user.zed"), Action::Create);
  ASSERT_EQ(P.Notes.size(), 1u);
  EXPECT_NE(P.Notes[0].find("created, not replaced"), std::string::npos);
}

TEST(ReplaceFlag, UnknownAddressIsAnErrorWithASuggestion) {
  Fixture F;
  PlanOptions O;
  O.Replace = {"user.readr"};
  Plan P = makePlan(F.Prog, &F.State, O);
  ASSERT_EQ(P.Errors.size(), 1u);
  EXPECT_EQ(P.Errors[0].Code, "RTC0515");
  EXPECT_NE(P.Errors[0].Message.find("did you mean `user.reader`?"),
            std::string::npos);
}

TEST(ReplaceFlag, CascadesToWhatAReplaceForcingAttributeRefersTo) {
  ir::Resource Role = resource("role", "role.r", {{"name", "R"}});
  ir::Resource Att = resource("policy_attachment", "policy_attachment.a",
                              {{"role", "role.r"}}, {"role.r"});
  Att.ForceNew = {"role"};
  ir::Program Prog;
  Prog.Resources = {Att, Role};
  state::State S;
  S.Resources = {stored(Att), stored(Role)};
  S.normalize();
  PlanOptions O;
  O.Replace = {"role.r"};
  Plan P = makePlan(Prog, &S, O);
  EXPECT_EQ(actionOf(P, "role.r"), Action::Replace);
  EXPECT_EQ(actionOf(P, "policy_attachment.a"), Action::Replace);
}

TEST(ReplaceFlag, SurvivesTheJsonOfASavedPlan) {
  Fixture F;
  PlanOptions O;
  O.Replace = {"user.reader"};
  Plan P = makePlan(F.Prog, &F.State, O);
  auto Back = planFromJson(toJson(P).dump(), "test.plan");
  ASSERT_TRUE(bool(Back)) << llvm::toString(Back.takeError());
  EXPECT_EQ(Back->Replaces, std::vector<std::string>{"user.reader"});
  EXPECT_EQ(Back->find("user.reader")->Act, Action::Replace);
}

TEST(DestroyPlan, SaysDestroyWasRequestedAndRoundTrips) {
  Fixture F;
  PlanOptions O;
  O.Destroy = true;
  O.Lifecycle = &F.Prog;
  Plan P = makePlan(destroyProgram(F.Prog), &F.State, O);
  EXPECT_TRUE(P.Destroy);
  EXPECT_EQ(P.Counts.Destroy, 3u);
  for (const ResourceChange &C : P.Changes)
    EXPECT_EQ(C.Reasons, std::vector<std::string>{"destroy was requested"});
  auto Back = planFromJson(toJson(P).dump(), "test.plan");
  ASSERT_TRUE(bool(Back)) << llvm::toString(Back.takeError());
  EXPECT_TRUE(Back->Destroy);
}

TEST(DestroyPlan, WarningNamesTheCommandThatPerformsIt) {
  ir::Resource Role =
      resource("role", "role.r", {{"name", "AliyunStreamDefaultRole"}});
  ir::Program Prog;
  Prog.Std["protected_roles"] = {{"AliyunStreamDefaultRole", "Why."}};
  state::State S;
  S.Resources = {stored(Role)};
  PlanOptions O;
  O.Destroy = true;
  Plan P = makePlan(Prog, &S, O);
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  renderHuman(P, OS, {false, "rtcc destroy"});
  EXPECT_NE(Out.find("`rtcc destroy` requires -allow-dangerous"),
            std::string::npos);
  EXPECT_EQ(Out.find("rtcc apply"), std::string::npos);
  EXPECT_EQ(Out.find("not in the configuration"), std::string::npos);
}

TEST(DestroyPlan, ExcludedDeleteKeepsWhatItDependsOn) {
  ir::Resource Cl = resource("cluster", "cluster.c", {{"name", "c"}});
  ir::Resource Pr = resource("project", "project.p", {{"cluster", "cluster.c"}},
                             {"cluster.c"});
  ir::Resource Job =
      resource("job", "job.j", {{"project", "project.p"}}, {"project.p"});
  ir::Resource Other =
      resource("job", "job.k", {{"project", "project.p"}}, {"project.p"});
  state::State S;
  S.Resources = {stored(Cl), stored(Pr), stored(Job), stored(Other)};
  S.normalize();
  PlanOptions O;
  O.Destroy = true;
  O.Excludes = {"job.j"};
  Plan P = makePlan(ir::Program(), &S, O);
  EXPECT_EQ(P.find("job.j"), nullptr);
  EXPECT_EQ(P.find("project.p"), nullptr);
  EXPECT_EQ(P.find("cluster.c"), nullptr);
  EXPECT_EQ(actionOf(P, "job.k"), Action::Delete);
}

TEST(DestroyPlan, TargetTakesDependentsNotDependencies) {
  ir::Resource Cl = resource("cluster", "cluster.c", {{"name", "c"}});
  ir::Resource Pr = resource("project", "project.p", {{"cluster", "cluster.c"}},
                             {"cluster.c"});
  ir::Resource Job =
      resource("job", "job.j", {{"project", "project.p"}}, {"project.p"});
  state::State S;
  S.Resources = {stored(Cl), stored(Pr), stored(Job)};
  S.normalize();
  PlanOptions O;
  O.Destroy = true;
  O.Targets = {"project.p"};
  Plan P = makePlan(ir::Program(), &S, O);
  EXPECT_EQ(actionOf(P, "project.p"), Action::Delete);
  EXPECT_EQ(actionOf(P, "job.j"), Action::Delete);
  EXPECT_EQ(P.find("cluster.c"), nullptr);
}

TEST(ProtectedRoles, ComeFromTheStdlibTable) {
  ir::Resource Listed = resource("role", "role.listed", {{"name", "Listed"}});
  ir::Resource Stream =
      resource("role", "role.stream", {{"name", "AliyunStreamDefaultRole"}});
  ir::Program Prog;
  Prog.Std["protected_roles"] = {{"Listed", "Listed roles are precious."}};
  state::State S;
  S.Resources = {stored(Listed), stored(Stream)};
  S.normalize();
  Plan P = makePlan(Prog, &S);
  ASSERT_NE(P.find("role.listed"), nullptr);
  EXPECT_TRUE(P.find("role.listed")->Dangerous);
  EXPECT_EQ(P.find("role.listed")->DangerReason, "Listed roles are precious.");
  EXPECT_FALSE(P.find("role.stream")->Dangerous);
}

TEST(DangerousReplacements, ComeFromTheStdlibTable) {
  ir::Resource Cl = resource("cluster", "cluster.c", {{"name", "c"}});
  ir::Resource Us = resource("user", "user.u", {{"name", "u"}});
  ir::Program Prog;
  Prog.Std["dangerous_replacements"] = {{"user", "Users are precious."}};
  Prog.Resources = {Cl, Us};
  state::State S;
  S.Resources = {stored(Cl), stored(Us)};
  S.normalize();
  PlanOptions O;
  O.Replace = {"cluster.c", "user.u"};
  Plan P = makePlan(Prog, &S, O);
  EXPECT_TRUE(P.find("user.u")->Dangerous);
  EXPECT_EQ(P.find("user.u")->DangerReason, "Users are precious.");
  EXPECT_FALSE(P.find("cluster.c")->Dangerous);
}

TEST(ProtectedRoles, ReasonNamesTheResourcesThatStillNeedTheRole) {
  ir::Resource Role =
      resource("role", "role.r", {{"name", "AliyunStreamDefaultRole"}});
  ir::Resource Pr = resource("project", "project.p", {{"name", "p"}});
  ir::Program Prog;
  Prog.Std["protected_roles"] = {{"AliyunStreamDefaultRole", "Why."}};
  Prog.Resources = {Pr};
  state::State S;
  S.Resources = {stored(Pr), stored(Role)};
  S.normalize();
  Plan P = makePlan(Prog, &S);
  EXPECT_EQ(P.find("role.r")->DangerReason,
            "Why. Still needing it: project.p (clusters, projects and jobs run "
            "with the role).");
}

} // namespace
