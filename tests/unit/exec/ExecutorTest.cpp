//===- ExecutorTest.cpp - the parallel walk, state saving, failures
//--------===//
#include "rtc/Exec/Executor.h"
#include "FakeProviders.h"

#include <gtest/gtest.h>

#include <thread>

using namespace rtc;
using nlohmann::json;
using plan::Action;
using plan::StepKind;

namespace {

struct Recorder : exec::ExecObserver {
  std::mutex M;
  std::vector<exec::ExecEvent> Events;
  void onEvent(const exec::ExecEvent &E) override {
    std::lock_guard<std::mutex> L(M);
    Events.push_back(E);
  }
  unsigned count(exec::EventType T) {
    unsigned N = 0;
    for (auto &E : Events)
      N += E.Type == T;
    return N;
  }
};

struct PlanBuilder {
  plan::Plan P;
  size_t add(const std::string &Addr, Action A, json After = json::object(),
             std::vector<size_t> Deps = {}) {
    plan::ResourceChange C;
    C.Address = Addr;
    C.Kind = Addr.substr(0, Addr.find('.'));
    C.Act = A;
    C.After = A == Action::Delete ? json() : After;
    P.Changes.push_back(C);
    std::sort(P.Changes.begin(), P.Changes.end(),
              [](auto &X, auto &Y) { return X.Address < Y.Address; });
    plan::Step S;
    S.Address = Addr;
    S.Act = A;
    S.DependsOn = std::move(Deps);
    P.Steps.push_back(S);
    return P.Steps.size() - 1;
  }
  size_t engine(StepKind K, const std::string &Cluster, const std::string &V,
                std::vector<size_t> Deps = {}) {
    plan::Step S;
    S.Kind = K;
    S.Cluster = Cluster;
    S.Version = V;
    S.DependsOn = std::move(Deps);
    P.Steps.push_back(S);
    return P.Steps.size() - 1;
  }
};

struct Saved {
  std::mutex M;
  std::vector<state::State> States;
  exec::PersistFn fn() {
    return [this](const state::State &S) {
      std::lock_guard<std::mutex> L(M);
      States.push_back(S);
      return llvm::Error::success();
    };
  }
};

size_t indexOf(const std::vector<std::string> &Log, const std::string &Entry) {
  return std::find(Log.begin(), Log.end(), Entry) - Log.begin();
}

TEST(Executor, RunsStepsAfterTheirDependenciesAndSavesTheResult) {
  PlanBuilder B;
  size_t U = B.add("user.a", Action::Create, {{"name", "a"}});
  size_t G = B.add("group.g", Action::Create, {{"name", "g"}});
  B.add("group_membership.m", Action::Create,
        {{"user", "user.a"}, {"user_id", {{"__unknown__", "user.a.id"}}}},
        {U, G});
  test::FakeCloud Cloud;
  Recorder Obs;
  Saved Save;
  exec::ExecResult R =
      exec::execute(B.P, state::State(), Cloud, Obs, Save.fn(), {});
  ASSERT_TRUE(R.ok());
  EXPECT_EQ(R.Succeeded, 3u);
  EXPECT_LT(indexOf(Cloud.Log, "create user.a"),
            indexOf(Cloud.Log, "create group_membership.m"));
  EXPECT_LT(indexOf(Cloud.Log, "create group.g"),
            indexOf(Cloud.Log, "create group_membership.m"));
  // The unknown id was filled in from the state the earlier step wrote.
  EXPECT_EQ(Cloud.Objects["id-group_membership.m"]["user_id"], "id-user.a");
  ASSERT_EQ(R.Final.Resources.size(), 3u);
  EXPECT_EQ(R.Final.find("user.a")->CloudId, "id-user.a");
  EXPECT_EQ(R.Final.find("user.a")->Attributes["id"], "id-user.a");
  ASSERT_FALSE(Save.States.empty());
  EXPECT_EQ(Save.States.back().Resources.size(), 3u);
  EXPECT_EQ(Obs.count(exec::EventType::Start), 3u);
  EXPECT_EQ(Obs.count(exec::EventType::Done), 3u);
}

TEST(Executor, AFailureSkipsItsDependentsAndLetsOtherBranchesFinish) {
  PlanBuilder B;
  size_t A = B.add("user.a", Action::Create);
  B.add("user.b", Action::Create);
  size_t M = B.add("group_membership.m", Action::Create, json::object(), {A});
  B.add("policy_attachment.p", Action::Create, json::object(), {M});
  test::FakeCloud Cloud;
  Cloud.FailOn = {"user.a"};
  Recorder Obs;
  Saved Save;
  exec::ExecResult R =
      exec::execute(B.P, state::State(), Cloud, Obs, Save.fn(), {});
  EXPECT_FALSE(R.ok());
  EXPECT_EQ(R.Succeeded, 1u);
  EXPECT_EQ(R.Failed, 1u);
  EXPECT_EQ(R.Skipped, 2u);
  ASSERT_EQ(R.Failures.size(), 1u);
  EXPECT_EQ(R.Failures[0].Address, "user.a");
  EXPECT_EQ(R.Failures[0].Code, "InvalidParameter.Fake");
  EXPECT_EQ(R.Failures[0].RequestId, "req-1");
  EXPECT_NE(R.Final.find("user.b"), nullptr);
  EXPECT_EQ(R.Final.find("group_membership.m"), nullptr);
  EXPECT_EQ(Obs.count(exec::EventType::Skipped), 2u);
  EXPECT_EQ(indexOf(Cloud.Log, "create group_membership.m"), Cloud.Log.size());
}

TEST(Executor, RunsIndependentStepsInParallelUpToTheLimit) {
  PlanBuilder B;
  for (int I = 0; I < 24; ++I)
    B.add("user.u" + std::to_string(I), Action::Create);
  test::FakeCloud Cloud;
  Cloud.Delay = std::chrono::milliseconds(20);
  Recorder Obs;
  Saved Save;
  exec::ExecOptions O;
  O.Parallelism = 6;
  exec::ExecResult R =
      exec::execute(B.P, state::State(), Cloud, Obs, Save.fn(), O);
  ASSERT_TRUE(R.ok());
  EXPECT_EQ(R.Final.Resources.size(), 24u);
  EXPECT_LE(Cloud.MaxRunning.load(), 6);
  EXPECT_GE(Cloud.MaxRunning.load(), 2);
}

TEST(Executor, DeletesLeaveTheStateAndAMissingObjectIsNotAnError) {
  state::State S;
  for (const char *A : {"user.a", "user.b"}) {
    state::ResourceState R;
    R.Address = A;
    R.Kind = "user";
    R.Name = std::string(A).substr(5);
    R.CloudId = std::string("id-") + A;
    S.upsert(R);
  }
  PlanBuilder B;
  B.add("user.a", Action::Delete);
  B.add("user.b", Action::Delete);
  test::FakeCloud Cloud;
  Cloud.Objects["id-user.a"] = json::object(); // user.b is already gone
  Recorder Obs;
  Saved Save;
  exec::ExecResult R = exec::execute(B.P, S, Cloud, Obs, Save.fn(), {});
  ASSERT_TRUE(R.ok());
  EXPECT_TRUE(R.Final.Resources.empty());
  EXPECT_TRUE(Cloud.Objects.empty());
}

TEST(Executor, EngineStepsRecordWhatTheClusterReportsInTheConfiguredOrder) {
  state::State S;
  state::ResourceState C;
  C.Address = "cluster.c";
  C.Kind = "cluster";
  C.Name = "c";
  C.CloudId = "id-cluster.c";
  C.Attributes = {
      {"engines",
       {{"installed", {"blink-2.2.6"}}, {"current", "blink-2.2.6"}}}};
  S.upsert(C);
  PlanBuilder B;
  json After = {{"engines",
                 {{"installed", {"blink-3.3.0", "blink-2.2.6"}},
                  {"current", "blink-3.3.0"}}}};
  B.add("cluster.c", Action::NoOp, After);
  B.P.Steps.clear(); // only engine steps
  size_t I = B.engine(StepKind::InstallEngine, "cluster.c", "blink-3.3.0");
  B.engine(StepKind::SetCurrentEngine, "cluster.c", "blink-3.3.0", {I});
  test::FakeCloud Cloud;
  Cloud.Objects["id-cluster.c"] = C.Attributes;
  Recorder Obs;
  Saved Save;
  exec::ExecResult R = exec::execute(B.P, S, Cloud, Obs, Save.fn(), {});
  ASSERT_TRUE(R.ok());
  EXPECT_EQ(R.Final.find("cluster.c")->Attributes["engines"], After["engines"]);
  EXPECT_EQ(Cloud.Log,
            (std::vector<std::string>{"install cluster.c blink-3.3.0",
                                      "current cluster.c blink-3.3.0"}));
}

TEST(Executor, StopsStartingStepsWhenTheStateCannotBeSaved) {
  PlanBuilder B;
  size_t Prev = B.add("user.u0", Action::Create);
  for (int I = 1; I < 5; ++I)
    Prev = B.add("user.u" + std::to_string(I), Action::Create, json::object(),
                 {Prev});
  test::FakeCloud Cloud;
  Cloud.Delay = std::chrono::milliseconds(20);
  Recorder Obs;
  exec::PersistFn Broken = [](const state::State &) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "disk full");
  };
  exec::ExecResult R =
      exec::execute(B.P, state::State(), Cloud, Obs, Broken, {});
  EXPECT_FALSE(R.ok());
  EXPECT_NE(R.PersistError.find("disk full"), std::string::npos);
  EXPECT_LT(R.Succeeded, 5u);
  EXPECT_GT(R.Skipped, 0u);
}

// An order bound by its attributes has no trace of its owner in the cloud
// until the project consumes it. Were the project created before the
// binding was saved, a crash in between would leave a state without the
// order and an order that no longer looks unused (issue: every later apply
// failed with OrderNotFound).
TEST(Executor, AnOrderBindingIsSavedBeforeItsConsumerIsCreated) {
  PlanBuilder B;
  size_t O = B.add("order.o", Action::Create, {{"mode", "shared"}});
  B.add("project.p", Action::Create, {{"order", "order.o"}}, {O});
  test::FakeCloud Cloud;
  Cloud.SavedBeforeDependents = true;
  Saved Save;
  exec::PersistFn Slow = [&](const state::State &S) {
    std::this_thread::sleep_for(std::chrono::milliseconds(80));
    return Save.fn()(S);
  };
  bool OrderWasSaved = false;
  Cloud.OnCreate = [&](const provider::Desired &D) {
    if (D.Address != "project.p")
      return;
    std::lock_guard<std::mutex> L(Save.M);
    OrderWasSaved = !Save.States.empty() && Save.States.back().find("order.o");
  };
  Recorder Obs;
  exec::ExecResult R = exec::execute(B.P, state::State(), Cloud, Obs, Slow, {});
  ASSERT_TRUE(R.ok());
  EXPECT_TRUE(OrderWasSaved);
}

TEST(Executor, AnOrderBindingThatCannotBeSavedStopsItsConsumer) {
  PlanBuilder B;
  size_t O = B.add("order.o", Action::Create, {{"mode", "shared"}});
  B.add("project.p", Action::Create, {{"order", "order.o"}}, {O});
  test::FakeCloud Cloud;
  Cloud.SavedBeforeDependents = true;
  std::atomic<int> Saves{0};
  exec::PersistFn FailsAfterIntents = [&](const state::State &) -> llvm::Error {
    if (Saves++ == 0)
      return llvm::Error::success(); // the intents, before any call
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "disk full");
  };
  Recorder Obs;
  exec::ExecResult R =
      exec::execute(B.P, state::State(), Cloud, Obs, FailsAfterIntents, {});
  EXPECT_FALSE(R.ok());
  ASSERT_EQ(R.Failures.size(), 1u);
  EXPECT_EQ(R.Failures[0].Address, "order.o");
  EXPECT_NE(R.Failures[0].Message.find("disk full"), std::string::npos);
  EXPECT_EQ(indexOf(Cloud.Log, "create project.p"), Cloud.Log.size());
}

TEST(Executor, LongStepsReportThatTheyAreStillRunning) {
  PlanBuilder B;
  B.add("cluster.c", Action::Create);
  test::FakeCloud Cloud;
  Cloud.Delay = std::chrono::milliseconds(400);
  Recorder Obs;
  Saved Save;
  exec::ExecOptions O;
  O.StillEvery = std::chrono::milliseconds(100);
  exec::ExecResult R =
      exec::execute(B.P, state::State(), Cloud, Obs, Save.fn(), O);
  ASSERT_TRUE(R.ok());
  EXPECT_GE(Obs.count(exec::EventType::Still), 1u);
  EXPECT_EQ(Obs.count(exec::EventType::Progress), 1u); // "starting", once
}

TEST(Executor, OperationNamesDescribeEngineSteps) {
  plan::Step S;
  S.Kind = StepKind::InstallEngine;
  S.Version = "blink-3.3.0";
  EXPECT_EQ(exec::operationOf(S), "install engine blink-3.3.0");
  S.Kind = StepKind::SwitchJobEngine;
  S.To = "blink-3.3.0";
  EXPECT_EQ(exec::operationOf(S), "switch engine to blink-3.3.0");
}

} // namespace
