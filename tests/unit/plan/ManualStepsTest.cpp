//===- ManualStepsTest.cpp - console-only engine steps as manual steps ----===//
#include "rtc/Plan/ManualSteps.h"
#include "rtc/Plan/PlanJson.h"
#include "rtc/Plan/PlanRenderer.h"
#include "rtc/Plan/Planner.h"

#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace rtc;
using namespace rtc::plan;
using nlohmann::json;

namespace {

json engines(std::vector<std::string> Installed, std::string Current) {
  return {{"master", {{"model", "8c32g"}, {"count", 3}}},
          {"slave", {{"model", "8c32g"}, {"count", 2}}},
          {"name", "streaming"},
          {"engines", {{"installed", Installed}, {"current", Current}}}};
}

ir::Resource clusterWith(json Attrs) {
  ir::Resource R;
  R.Kind = "cluster";
  R.Name = "streaming";
  R.Address = "cluster.streaming";
  R.Attributes = std::move(Attrs);
  R.Computed = {"id", "state"};
  return R;
}

ir::Resource jobOn(std::string Engine) {
  ir::Resource R;
  R.Kind = "job";
  R.Name = "report";
  R.Address = "job.report";
  R.Attributes = {
      {"project", "project.p"}, {"engine", Engine}, {"name", "report"}};
  R.Dependencies = {"project.p"};
  return R;
}

ir::Resource projectOn() {
  ir::Resource R;
  R.Kind = "project";
  R.Name = "p";
  R.Address = "project.p";
  R.Attributes = {{"cluster", "cluster.streaming"}, {"cu", 6}, {"name", "p"}};
  R.Dependencies = {"cluster.streaming"};
  return R;
}

ir::Program program(std::vector<ir::Resource> Rs) {
  ir::Program P;
  std::sort(Rs.begin(), Rs.end(),
            [](auto &A, auto &B) { return A.Address < B.Address; });
  P.Resources = std::move(Rs);
  P.Std["slave_models"] = {{"8c32g", {{"usable_cu", 6}}}};
  P.Std["engine_limits"] = {{"max_installed_versions", 3}};
  return P;
}

state::ResourceState stored(const ir::Resource &R, json Attrs) {
  state::ResourceState S;
  S.Address = R.Address;
  S.Kind = R.Kind;
  S.Name = R.Name;
  S.CloudId = Attrs.value("id", "");
  S.Attributes = std::move(Attrs);
  S.Dependencies = R.Dependencies;
  return S;
}

/// cls-1 runs blink-2.2.6 only; the configuration wants blink-3.3.0 too,
/// as the current version, and a new job on it.
Plan upgradePlan() {
  ir::Resource C =
      clusterWith(engines({"blink-2.2.6", "blink-3.3.0"}, "blink-3.3.0"));
  json Before = engines({"blink-2.2.6"}, "blink-2.2.6");
  Before["id"] = "cls-1";
  ir::Resource Pr = projectOn();
  state::State S;
  S.Lineage = "11111111-2222-4333-8444-555555555555";
  S.Resources = {stored(C, Before), stored(Pr, Pr.Attributes)};
  S.normalize();
  static state::State Kept;
  Kept = S;
  return makePlan(program({C, Pr, jobOn("blink-3.3.0")}), &Kept);
}

std::vector<const Step *> consoleSteps(const Plan &P) {
  std::vector<const Step *> Out;
  for (const Step &S : P.Steps)
    if (isConsoleOnly(S))
      Out.push_back(&S);
  return Out;
}

} // namespace

TEST(ManualSteps, EngineStepsBecomeManualWithTheConsoleAction) {
  Plan P = upgradePlan();
  ASSERT_TRUE(P.Errors.empty()) << P.Errors[0].Message;
  ASSERT_TRUE(hasConsoleOnlyCalls(P));
  markManualSteps(P);
  EXPECT_FALSE(hasConsoleOnlyCalls(P));
  std::vector<const Step *> Console = consoleSteps(P);
  ASSERT_EQ(Console.size(), 2u);
  EXPECT_TRUE(Console[0]->Manual);
  EXPECT_EQ(Console[0]->ConsoleAction,
            "In the Realtime Compute console: cluster cls-1 (\"streaming\", "
            "cluster.streaming) \u2192 Engine versions \u2192 Install "
            "blink-3.3.0");
  EXPECT_EQ(Console[1]->ConsoleAction,
            "In the Realtime Compute console: cluster cls-1 (\"streaming\", "
            "cluster.streaming) \u2192 Engine versions \u2192 Set blink-3.3.0 "
            "as default");
}

TEST(ManualSteps, KeepsTheSequenceAndJobsWaitBehindTheInstall) {
  Plan Calls = upgradePlan();
  Plan P = upgradePlan();
  markManualSteps(P);
  ASSERT_EQ(P.Steps.size(), Calls.Steps.size());
  size_t Install = SIZE_MAX, JobCreate = SIZE_MAX;
  for (size_t I = 0; I < P.Steps.size(); ++I) {
    EXPECT_EQ(P.Steps[I].Kind, Calls.Steps[I].Kind);
    EXPECT_EQ(P.Steps[I].DependsOn, Calls.Steps[I].DependsOn);
    if (P.Steps[I].Kind == StepKind::InstallEngine)
      Install = I;
    if (P.Steps[I].Address == "job.report")
      JobCreate = I;
  }
  ASSERT_NE(Install, SIZE_MAX);
  ASSERT_NE(JobCreate, SIZE_MAX);
  const std::vector<size_t> &D = P.Steps[JobCreate].DependsOn;
  EXPECT_NE(std::find(D.begin(), D.end(), Install), D.end())
      << "the new job must wait for the manual install";
}

TEST(ManualSteps, NewClusterIsNamedUntilItHasAnId) {
  ir::Resource C = clusterWith(engines({"blink-3.3.0"}, "blink-3.3.0"));
  Plan P = makePlan(program({C}), nullptr);
  markManualSteps(P);
  std::vector<const Step *> Console = consoleSteps(P);
  ASSERT_FALSE(Console.empty());
  EXPECT_EQ(Console[0]->ConsoleAction,
            "In the Realtime Compute console: cluster \"streaming\" "
            "(cluster.streaming, created by this apply) \u2192 Engine versions "
            "\u2192 Install blink-3.3.0");
}

TEST(ManualSteps, JsonCarriesThemAndRoundTrips) {
  Plan P = upgradePlan();
  markManualSteps(P);
  json J = toJson(P);
  bool Seen = false;
  for (const json &S : J["steps"])
    if (S["kind"] == "install_engine") {
      EXPECT_EQ(S["manual"], true);
      EXPECT_NE(
          S["console_action"].get<std::string>().find("Install blink-3.3.0"),
          std::string::npos);
      Seen = true;
    }
  EXPECT_TRUE(Seen);
  auto Back = planFromJson(J.dump(), "mem");
  ASSERT_TRUE(static_cast<bool>(Back)) << llvm::toString(Back.takeError());
  EXPECT_EQ(toJson(*Back), J);
  EXPECT_FALSE(hasConsoleOnlyCalls(*Back));
}

TEST(ManualSteps, HumanPlanListsThemAsManual) {
  Plan P = upgradePlan();
  markManualSteps(P);
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  renderHuman(P, OS, {false});
  EXPECT_NE(
      Out.find("1. manual: In the Realtime Compute console: cluster cls-1"),
      std::string::npos)
      << Out;
  EXPECT_NE(Out.find("Engine versions \u2192 Install blink-3.3.0"),
            std::string::npos);
}
