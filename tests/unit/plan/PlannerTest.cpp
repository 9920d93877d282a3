//===- PlannerTest.cpp - diff, sequencing, danger, saved plans ------------===//
#include "rtc/Plan/PlanJson.h"
#include "rtc/Plan/PlanRenderer.h"
#include "rtc/Plan/Planner.h"
#include "rtc/Plan/SavedPlan.h"
#include "rtc/State/Sensitive.h"

#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace rtc;
using namespace rtc::plan;
using nlohmann::json;

namespace {

ir::Resource res(std::string Kind, std::string Name, json Attrs,
                 std::vector<std::string> Deps = {},
                 std::vector<std::string> ForceNew = {}) {
  ir::Resource R;
  R.Kind = Kind;
  R.Name = Name;
  R.Address = Kind + "." + Name;
  R.Attributes = std::move(Attrs);
  R.Dependencies = std::move(Deps);
  R.ForceNew = std::move(ForceNew);
  return R;
}

state::ResourceState st(const ir::Resource &R, json Attrs) {
  state::ResourceState S;
  S.Address = R.Address;
  S.Kind = R.Kind;
  S.Name = R.Name;
  S.Attributes = std::move(Attrs);
  S.Dependencies = R.Dependencies;
  return S;
}

json clusterAttrs(std::vector<std::string> Installed, std::string Current,
                  int Slaves = 4, std::string Vpc = "vpc-a") {
  return {{"vpc", Vpc},
          {"master", {{"model", "8c32g"}, {"count", 3}}},
          {"slave", {{"model", "8c32g"}, {"count", Slaves}}},
          {"engines", {{"installed", Installed}, {"current", Current}}}};
}

ir::Resource cluster(json Attrs) {
  ir::Resource R = res("cluster", "c", std::move(Attrs), {},
                       {"vpc", "zone", "slave.model", "master.count"});
  R.Computed = {"id", "state"};
  return R;
}

ir::Program program(std::vector<ir::Resource> Rs) {
  ir::Program P;
  std::sort(Rs.begin(), Rs.end(),
            [](auto &A, auto &B) { return A.Address < B.Address; });
  P.Resources = std::move(Rs);
  P.Std["slave_models"] = {{"8c32g", {{"usable_cu", 6}}}};
  P.Std["engine_limits"] = {{"max_installed_versions", 3}};
  P.Std["dangerous_replacements"] = {
      {"cluster",
       "replacing a cluster destroys it with its projects and jobs"}};
  P.Std["protected_roles"] = {
      {"AliyunStreamDefaultRole",
       "Deleting this role makes running jobs lose access to their upstream "
       "and downstream storage at once, until the role is granted again."}};
  P.Std["errors"] = {
      {"versions_exceeded", "Flink versions exceeded max limitation:3"},
      {"version_still_referenced",
       "Node:{node} in project:{project} still ref the version:{blink_version}"}};
  return P;
}

state::State stateOf(std::vector<state::ResourceState> Rs) {
  state::State S;
  S.Lineage = "11111111-2222-4333-8444-555555555555";
  S.Serial = 7;
  S.Resources = std::move(Rs);
  S.normalize();
  return S;
}

const ResourceChange &change(const Plan &P, const std::string &A) {
  const ResourceChange *C = P.find(A);
  EXPECT_NE(C, nullptr) << A;
  static ResourceChange None;
  return C ? *C : None;
}

/// Index of the first step matching Pred, or -1.
long stepIndex(const Plan &P, StepKind K, const std::string &Key,
               Action A = Action::NoOp) {
  for (size_t I = 0; I < P.Steps.size(); ++I) {
    const Step &S = P.Steps[I];
    if (S.Kind != K)
      continue;
    if (K == StepKind::Resource && (S.Address != Key || S.Act != A))
      continue;
    if (K == StepKind::SwitchJobEngine && S.Address != Key)
      continue;
    if ((K == StepKind::InstallEngine || K == StepKind::UninstallEngine ||
         K == StepKind::SetCurrentEngine) &&
        S.Version != Key)
      continue;
    return static_cast<long>(I);
  }
  return -1;
}

/// Project p on cluster c, jobs on project p.
ir::Resource project() {
  return res("project", "p", {{"cluster", "cluster.c"}, {"cu", 6}, {"name", "p"}},
             {"cluster.c"}, {"cluster", "name"});
}
ir::Resource job(std::string Name, std::string Engine) {
  return res("job", Name,
             {{"project", "project.p"}, {"engine", Engine}, {"name", Name}},
             {"project.p"}, {"name", "project"});
}

} // namespace

TEST(Planner, CreatesEverythingWithoutState) {
  auto Prog = program({cluster(clusterAttrs({"blink-3.3.0"}, "blink-3.3.0")),
                       project()});
  Plan P = makePlan(Prog, nullptr);
  EXPECT_EQ(change(P, "cluster.c").Act, Action::Create);
  EXPECT_EQ(change(P, "project.p").Act, Action::Create);
  EXPECT_EQ(P.Counts.Add, 2u);
  long C = stepIndex(P, StepKind::Resource, "cluster.c", Action::Create);
  long Pr = stepIndex(P, StepKind::Resource, "project.p", Action::Create);
  ASSERT_GE(C, 0);
  ASSERT_GE(Pr, 0);
  EXPECT_LT(C, Pr) << "parents are created first";
  EXPECT_NE(std::find(P.Steps[Pr].DependsOn.begin(), P.Steps[Pr].DependsOn.end(),
                      static_cast<size_t>(C)),
            P.Steps[Pr].DependsOn.end());
}

TEST(Planner, NoChangesWhenStateMatches) {
  auto C = cluster(clusterAttrs({"blink-3.3.0"}, "blink-3.3.0"));
  auto Prog = program({C});
  json Stored = C.Attributes;
  Stored["id"] = "cl-123"; // computed: ignored
  auto S = stateOf({st(C, Stored)});
  Plan P = makePlan(Prog, &S);
  EXPECT_FALSE(P.hasChanges());
  EXPECT_TRUE(P.Steps.empty());
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  renderHuman(P, OS);
  EXPECT_NE(OS.str().find("No changes."), std::string::npos);
}

TEST(Planner, SlaveCountChangesInPlaceWithCuSummary) {
  auto C = cluster(clusterAttrs({"blink-3.3.0"}, "blink-3.3.0", 6));
  auto S = stateOf({st(C, clusterAttrs({"blink-3.3.0"}, "blink-3.3.0", 4))});
  Plan P = makePlan(program({C}), &S);
  const ResourceChange &Ch = change(P, "cluster.c");
  EXPECT_EQ(Ch.Act, Action::Update);
  ASSERT_EQ(Ch.AttributeChanges.size(), 1u);
  EXPECT_EQ(Ch.AttributeChanges[0].Path, "slave.count");
  EXPECT_FALSE(Ch.AttributeChanges[0].ForcesReplacement);
  ASSERT_EQ(P.Cu.size(), 1u);
  EXPECT_EQ(P.Cu[0].UsableBefore, 24);
  EXPECT_EQ(P.Cu[0].UsableAfter, 36);
}

TEST(Planner, VpcChangeReplacesClusterAndIsDangerous) {
  auto C = cluster(clusterAttrs({"blink-3.3.0"}, "blink-3.3.0", 4, "vpc-b"));
  auto Pr = project();
  auto S = stateOf({st(C, clusterAttrs({"blink-3.3.0"}, "blink-3.3.0", 4, "vpc-a")),
                    st(Pr, Pr.Attributes)});
  Plan P = makePlan(program({C, Pr}), &S);
  const ResourceChange &Ch = change(P, "cluster.c");
  EXPECT_EQ(Ch.Act, Action::Replace);
  EXPECT_TRUE(Ch.Dangerous);
  ASSERT_FALSE(Ch.Reasons.empty());
  EXPECT_EQ(Ch.Reasons[0], "`vpc` forces replacement");
  // The project lives on the cluster: it goes and comes back with it.
  EXPECT_EQ(change(P, "project.p").Act, Action::Replace);
  long DelP = stepIndex(P, StepKind::Resource, "project.p", Action::Delete);
  long DelC = stepIndex(P, StepKind::Resource, "cluster.c", Action::Delete);
  long NewC = stepIndex(P, StepKind::Resource, "cluster.c", Action::Create);
  long NewP = stepIndex(P, StepKind::Resource, "project.p", Action::Create);
  EXPECT_LT(DelP, DelC) << "children are deleted first";
  EXPECT_LT(DelC, NewC) << "replace deletes then creates";
  EXPECT_LT(NewC, NewP);
}

TEST(Planner, MasterModelIsAnInPlaceChange) {
  auto Attrs = clusterAttrs({"blink-3.3.0"}, "blink-3.3.0");
  auto C = cluster(Attrs);
  Attrs["master"]["model"] = "4c16g";
  auto S = stateOf({st(C, Attrs)});
  Plan P = makePlan(program({C}), &S);
  EXPECT_EQ(change(P, "cluster.c").Act, Action::Update);
  EXPECT_EQ(change(P, "cluster.c").AttributeChanges[0].Path, "master.model");
}

TEST(Planner, DeletesWhatIsOnlyInStateChildrenFirst) {
  auto C = cluster(clusterAttrs({"blink-3.3.0"}, "blink-3.3.0"));
  auto Pr = project();
  auto J = job("j", "blink-3.3.0");
  auto S = stateOf({st(C, C.Attributes), st(Pr, Pr.Attributes), st(J, J.Attributes)});
  Plan P = makePlan(program({C}), &S);
  EXPECT_EQ(change(P, "project.p").Act, Action::Delete);
  EXPECT_EQ(change(P, "job.j").Act, Action::Delete);
  EXPECT_EQ(P.Counts.Destroy, 2u);
  EXPECT_LT(stepIndex(P, StepKind::Resource, "job.j", Action::Delete),
            stepIndex(P, StepKind::Resource, "project.p", Action::Delete));
}

TEST(Planner, SensitiveAttributeComparedThroughHash) {
  auto U = res("user", "u", {{"name", "u"}, {"password", "s3cret"}});
  U.Sensitive = {"password"};
  auto Stored = st(U, {{"name", "u"}, {"password", state::hashSensitive("s3cret")}});
  Stored.Sensitive = {"password"};
  auto S = stateOf({Stored});
  EXPECT_FALSE(makePlan(program({U}), &S).hasChanges());
  U.Attributes["password"] = "other";
  Plan P = makePlan(program({U}), &S);
  const ResourceChange &Ch = change(P, "user.u");
  ASSERT_EQ(Ch.AttributeChanges.size(), 1u);
  EXPECT_TRUE(Ch.AttributeChanges[0].Sensitive);
  EXPECT_TRUE(Ch.AttributeChanges[0].After.is_null()) << "never in clear";
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  renderHuman(P, OS);
  EXPECT_NE(OS.str().find("(sensitive)"), std::string::npos);
  EXPECT_EQ(OS.str().find("other"), std::string::npos);
}

TEST(Planner, DeletingStreamDefaultRoleIsDangerous) {
  auto R = res("role", "r", {{"name", "AliyunStreamDefaultRole"}});
  auto Other = res("role", "o", {{"name", "SomethingElse"}});
  auto S = stateOf({st(R, R.Attributes), st(Other, Other.Attributes)});
  Plan P = makePlan(program({}), &S);
  EXPECT_TRUE(change(P, "role.r").Dangerous);
  EXPECT_NE(change(P, "role.r").DangerReason.find("upstream and downstream"),
            std::string::npos);
  EXPECT_FALSE(change(P, "role.o").Dangerous);
  EXPECT_EQ(P.dangerousCount(), 1u);
}

TEST(Planner, MovesEnginesSwitchingJobsFirst) {
  // {A,B,C} -> {B,C,D}, job on A moves to B: switch, uninstall A, install D.
  auto Before = clusterAttrs({"blink-a", "blink-b", "blink-c"}, "blink-b");
  auto C = cluster(clusterAttrs({"blink-b", "blink-c", "blink-d"}, "blink-d"));
  auto Pr = project();
  auto J = job("j", "blink-b");
  auto S = stateOf({st(C, Before), st(Pr, Pr.Attributes),
                    st(J, job("j", "blink-a").Attributes)});
  Plan P = makePlan(program({C, Pr, J}), &S);
  ASSERT_TRUE(P.Errors.empty()) << P.Errors[0].Message;
  long Sw = stepIndex(P, StepKind::SwitchJobEngine, "job.j");
  long Un = stepIndex(P, StepKind::UninstallEngine, "blink-a");
  long In = stepIndex(P, StepKind::InstallEngine, "blink-d");
  long Cur = stepIndex(P, StepKind::SetCurrentEngine, "blink-d");
  ASSERT_GE(Sw, 0);
  EXPECT_LT(Sw, Un);
  EXPECT_LT(Un, In);
  EXPECT_LT(In, Cur);
  EXPECT_EQ(P.Steps[Sw].From, "blink-a");
  EXPECT_EQ(P.Steps[Sw].To, "blink-b");
}

TEST(Planner, SetsNewCurrentBeforeUninstallingOldCurrent) {
  auto C = cluster(clusterAttrs({"blink-b"}, "blink-b"));
  auto S = stateOf({st(C, clusterAttrs({"blink-a", "blink-b"}, "blink-a"))});
  Plan P = makePlan(program({C}), &S);
  ASSERT_TRUE(P.Errors.empty());
  long Cur = stepIndex(P, StepKind::SetCurrentEngine, "blink-b");
  long Un = stepIndex(P, StepKind::UninstallEngine, "blink-a");
  ASSERT_GE(Cur, 0);
  EXPECT_LT(Cur, Un);
}

TEST(Planner, InstallsOneVersionAtATime) {
  auto C = cluster(clusterAttrs({"blink-a", "blink-b", "blink-c"}, "blink-a"));
  auto S = stateOf({st(C, clusterAttrs({"blink-a"}, "blink-a"))});
  Plan P = makePlan(program({C}), &S);
  long B = stepIndex(P, StepKind::InstallEngine, "blink-b");
  long Cc = stepIndex(P, StepKind::InstallEngine, "blink-c");
  ASSERT_GE(B, 0);
  ASSERT_GE(Cc, 0);
  EXPECT_NE(std::find(P.Steps[Cc].DependsOn.begin(), P.Steps[Cc].DependsOn.end(),
                      static_cast<size_t>(B)),
            P.Steps[Cc].DependsOn.end())
      << "the second install waits for the first";
}

TEST(Planner, RefusesToUninstallVersionAJobKeeps) {
  auto C = cluster(clusterAttrs({"blink-b"}, "blink-b"));
  auto Pr = project();
  auto J = job("j", "blink-a"); // the configuration keeps the job on A
  auto S = stateOf({st(C, clusterAttrs({"blink-a", "blink-b"}, "blink-b")),
                    st(Pr, Pr.Attributes), st(J, J.Attributes)});
  Plan P = makePlan(program({C, Pr, J}), &S);
  ASSERT_EQ(P.Errors.size(), 1u);
  EXPECT_EQ(P.Errors[0].Code, "RTC0501");
  EXPECT_NE(P.Errors[0].Message.find(
                "Node:j in project:p still ref the version:blink-a"),
            std::string::npos);
  EXPECT_EQ(stepIndex(P, StepKind::UninstallEngine, "blink-a"), -1);
}

TEST(Planner, RefusesFourthEngineVersionWhenNothingCanGoFirst) {
  // {A,B,C} -> {B,C,D} but the job on A moves to D: D must be installed
  // before the job leaves A, and A must go before D fits.
  auto C = cluster(clusterAttrs({"blink-b", "blink-c", "blink-d"}, "blink-b"));
  auto Pr = project();
  auto J = job("j", "blink-d");
  auto S = stateOf({st(C, clusterAttrs({"blink-a", "blink-b", "blink-c"}, "blink-b")),
                    st(Pr, Pr.Attributes), st(J, job("j", "blink-a").Attributes)});
  Plan P = makePlan(program({C, Pr, J}), &S);
  ASSERT_EQ(P.Errors.size(), 1u);
  EXPECT_EQ(P.Errors[0].Code, "RTC0503");
  EXPECT_NE(P.Errors[0].Message.find("Flink versions exceeded max limitation:3"),
            std::string::npos);
  EXPECT_NE(P.Errors[0].Message.find("job `job.j` runs on `blink-a`"),
            std::string::npos);
  EXPECT_NE(P.Errors[0].Hint.find("two steps"), std::string::npos);
}

TEST(Planner, TargetPullsInDependenciesAndSaysSo) {
  auto Prog = program({cluster(clusterAttrs({"blink-3.3.0"}, "blink-3.3.0")),
                       project(), job("j", "blink-3.3.0")});
  PlanOptions O;
  O.Targets = {"project.p"};
  Plan P = makePlan(Prog, nullptr, O);
  EXPECT_NE(P.find("cluster.c"), nullptr);
  EXPECT_EQ(P.find("job.j"), nullptr);
  ASSERT_EQ(P.Notes.size(), 1u);
  EXPECT_EQ(P.Notes[0], "also planning cluster.c because project.p depends on it");
}

TEST(Planner, ExcludeDropsDependents) {
  auto Prog = program({cluster(clusterAttrs({"blink-3.3.0"}, "blink-3.3.0")),
                       project(), job("j", "blink-3.3.0")});
  PlanOptions O;
  O.Excludes = {"project.p"};
  Plan P = makePlan(Prog, nullptr, O);
  EXPECT_NE(P.find("cluster.c"), nullptr);
  EXPECT_EQ(P.find("job.j"), nullptr);
}

TEST(Planner, DependencyCycleIsAnError) {
  auto A = res("group", "a", {{"x", 1}}, {"group.b"});
  auto B = res("group", "b", {{"x", 1}}, {"group.a"});
  Plan P = makePlan(program({A, B}), nullptr);
  ASSERT_EQ(P.Errors.size(), 1u);
  EXPECT_EQ(P.Errors[0].Code, "RTC0504");
}

TEST(SavedPlan, RoundTripsThroughJson) {
  auto C = cluster(clusterAttrs({"blink-b"}, "blink-b"));
  auto S = stateOf({st(C, clusterAttrs({"blink-a", "blink-b"}, "blink-a"))});
  Plan P = makePlan(program({C}), &S);
  auto Back = planFromJson(toJson(P).dump(), "mem");
  ASSERT_TRUE(static_cast<bool>(Back)) << llvm::toString(Back.takeError());
  EXPECT_EQ(toJson(*Back), toJson(P));
}

TEST(SavedPlan, AppliesToTheStateItWasMadeFrom) {
  auto C = cluster(clusterAttrs({"blink-b"}, "blink-b"));
  auto S = stateOf({st(C, C.Attributes)});
  auto Prog = program({C});
  Plan P = makePlan(Prog, &S);
  EXPECT_FALSE(static_cast<bool>(checkSavedPlanApplies(P, S, configHash(Prog))));
}

TEST(SavedPlan, StaleWhenSerialMoved) {
  auto C = cluster(clusterAttrs({"blink-b"}, "blink-b"));
  auto S = stateOf({st(C, C.Attributes)});
  auto Prog = program({C});
  Plan P = makePlan(Prog, &S);
  S.Serial = 9;
  llvm::Error E = checkSavedPlanApplies(P, S, configHash(Prog));
  ASSERT_TRUE(static_cast<bool>(E));
  EXPECT_EQ(llvm::toString(std::move(E)),
            "the state changed since this plan was made (serial 7, now 9); run "
            "`rtcc plan` again");
}

TEST(SavedPlan, ForeignWhenLineageDiffers) {
  auto C = cluster(clusterAttrs({"blink-b"}, "blink-b"));
  auto S = stateOf({st(C, C.Attributes)});
  auto Prog = program({C});
  Plan P = makePlan(Prog, &S);
  S.Lineage = "99999999-2222-4333-8444-555555555555";
  std::string Msg = llvm::toString(checkSavedPlanApplies(P, S, configHash(Prog)));
  EXPECT_NE(Msg.find("this plan was made for a different state (lineage "
                     "11111111-2222-4333-8444-555555555555"),
            std::string::npos);
}

TEST(SavedPlan, StaleWhenConfigurationChanged) {
  auto C = cluster(clusterAttrs({"blink-b"}, "blink-b"));
  auto S = stateOf({st(C, C.Attributes)});
  Plan P = makePlan(program({C}), &S);
  auto Other = program({cluster(clusterAttrs({"blink-b"}, "blink-b", 6))});
  std::string Msg = llvm::toString(checkSavedPlanApplies(P, S, configHash(Other)));
  EXPECT_NE(Msg.find("the configuration changed"), std::string::npos);
}

TEST(PlanRenderer, ShowsReplaceMarkersAndSummary) {
  auto C = cluster(clusterAttrs({"blink-3.3.0"}, "blink-3.3.0", 4, "vpc-b"));
  auto S = stateOf({st(C, clusterAttrs({"blink-3.3.0"}, "blink-3.3.0", 4, "vpc-a"))});
  Plan P = makePlan(program({C}), &S);
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  renderHuman(P, OS);
  EXPECT_NE(Out.find("-/+ cluster \"c\" {"), std::string::npos) << Out;
  EXPECT_NE(Out.find("~ vpc = \"vpc-a\" -> \"vpc-b\" # forces replacement"),
            std::string::npos) << Out;
  EXPECT_NE(Out.find("# DANGER: replacing a cluster"), std::string::npos);
  EXPECT_NE(Out.find("Plan: 1 to add, 0 to change, 1 to destroy."),
            std::string::npos);
}
