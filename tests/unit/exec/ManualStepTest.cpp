//===- ManualStepTest.cpp - apply verifies console actions, sends nothing
//--===//
#include "FakeProviders.h"
#include "rtc/Exec/Executor.h"

#include <gtest/gtest.h>

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
  const exec::ExecEvent *first(exec::EventType T) {
    for (const exec::ExecEvent &E : Events)
      if (E.Type == T)
        return &E;
    return nullptr;
  }
};

exec::PersistFn ignoreSaves() {
  return [](const state::State &) { return llvm::Error::success(); };
}

json engines(std::vector<std::string> Installed, std::string Current) {
  return {{"installed", Installed}, {"current", Current}};
}

/// cluster.c runs blink-2.2.6; the plan installs blink-3.3.0 by hand, makes
/// it the default by hand, and creates job.j on it behind the install.
struct Upgrade {
  state::State Start;
  plan::Plan P;
  test::FakeCloud Cloud;

  Upgrade() {
    state::ResourceState C;
    C.Address = "cluster.c";
    C.Kind = "cluster";
    C.Name = "c";
    C.CloudId = "id-cluster.c";
    C.Attributes = {{"engines", engines({"blink-2.2.6"}, "blink-2.2.6")}};
    Start.upsert(C);
    Cloud.Objects[C.CloudId] = C.Attributes;
    Cloud.EngineCalls = false;

    plan::ResourceChange Cl;
    Cl.Address = "cluster.c";
    Cl.Kind = "cluster";
    Cl.After = {
        {"engines", engines({"blink-2.2.6", "blink-3.3.0"}, "blink-3.3.0")}};
    plan::ResourceChange J;
    J.Address = "job.j";
    J.Kind = "job";
    J.Act = Action::Create;
    J.After = {{"engine", "blink-3.3.0"}};
    P.Changes = {Cl, J};
    P.Steps.push_back(manual(StepKind::InstallEngine, {}));
    P.Steps.push_back(manual(StepKind::SetCurrentEngine, {0}));
    plan::Step Create;
    Create.Address = "job.j";
    Create.Act = Action::Create;
    Create.DependsOn = {0};
    P.Steps.push_back(Create);
  }

  static plan::Step manual(StepKind K, std::vector<size_t> Deps) {
    plan::Step S;
    S.Kind = K;
    S.Cluster = "cluster.c";
    S.Version = "blink-3.3.0";
    S.DependsOn = std::move(Deps);
    S.Manual = true;
    S.ConsoleAction =
        std::string("console: ") +
        (K == StepKind::InstallEngine ? "Install" : "Set default") +
        " blink-3.3.0";
    return S;
  }

  /// "The console": the operator installs and sets the version.
  void consoleDoesIt() {
    std::lock_guard<std::mutex> L(Cloud.M);
    Cloud.Objects["id-cluster.c"]["engines"] =
        engines({"blink-2.2.6", "blink-3.3.0"}, "blink-3.3.0");
  }

  bool sentEngineCall() const {
    for (const std::string &E : Cloud.Log)
      if (E.rfind("install ", 0) == 0 || E.rfind("uninstall ", 0) == 0 ||
          E.rfind("current ", 0) == 0)
        return true;
    return false;
  }
};

} // namespace

TEST(ManualStep, OutstandingWithoutTheConsoleActionAndItsJobWaits) {
  Upgrade U;
  Recorder Obs;
  exec::ExecOptions Opts; // ManualTimeout 0: check once
  exec::ExecResult R =
      exec::execute(U.P, U.Start, U.Cloud, Obs, ignoreSaves(), Opts);
  EXPECT_TRUE(R.ok()) << "an outstanding manual step is not a failure";
  EXPECT_FALSE(R.complete());
  // Named by the id the cluster has now (the plan may predate it).
  const std::string On = "In the Realtime Compute console: cluster "
                         "id-cluster.c (\"c\", cluster.c) \u2192 Engine "
                         "versions \u2192 ";
  ASSERT_EQ(R.Outstanding.size(), 2u);
  EXPECT_EQ(R.Outstanding[0].ConsoleAction, On + "Install blink-3.3.0");
  EXPECT_EQ(R.Outstanding[1].ConsoleAction, On + "Set blink-3.3.0 as default");
  EXPECT_EQ(R.Skipped, 2u); // the set-default and the job behind the install
  EXPECT_EQ(R.Final.find("job.j"), nullptr);
  // Its create never started, so no intent to create it stays behind.
  for (const state::PendingCreate &PC : R.Final.Pending)
    EXPECT_NE(PC.Address, "job.j");
  EXPECT_FALSE(U.sentEngineCall());
  EXPECT_EQ(U.Cloud.EngineReads, 1u);
  const exec::ExecEvent *Skip = Obs.first(exec::EventType::Skipped);
  ASSERT_NE(Skip, nullptr);
  EXPECT_NE(
      Skip->Message.find("the manual step `" + On + "Install blink-3.3.0`"),
      std::string::npos)
      << Skip->Message;
  ASSERT_NE(Obs.first(exec::EventType::Outstanding), nullptr);
  // The state still says what the cluster has.
  EXPECT_EQ(R.Final.find("cluster.c")->Attributes["engines"],
            engines({"blink-2.2.6"}, "blink-2.2.6"));
}

TEST(ManualStep, DoneInTheConsoleBeforeApplyCompletesEverything) {
  Upgrade U;
  U.consoleDoesIt();
  Recorder Obs;
  exec::ExecResult R =
      exec::execute(U.P, U.Start, U.Cloud, Obs, ignoreSaves(), {});
  EXPECT_TRUE(R.complete());
  EXPECT_NE(R.Final.find("job.j"), nullptr);
  EXPECT_EQ(R.Final.find("cluster.c")->Attributes["engines"]["current"],
            "blink-3.3.0");
  EXPECT_FALSE(U.sentEngineCall());
}

TEST(ManualStep, WaitsUpToTheTimeoutWhileTheConsoleActs) {
  Upgrade U;
  // The operator finishes while apply polls (third read).
  U.Cloud.OnReadEngines = [&U](test::FakeCloud &, unsigned Reads) {
    if (Reads == 3)
      U.consoleDoesIt();
  };
  Recorder Obs;
  exec::ExecOptions Opts;
  Opts.ManualTimeout = std::chrono::seconds(10);
  Opts.ManualPoll = std::chrono::milliseconds(5);
  exec::ExecResult R =
      exec::execute(U.P, U.Start, U.Cloud, Obs, ignoreSaves(), Opts);
  EXPECT_TRUE(R.complete());
  EXPECT_TRUE(R.Outstanding.empty());
  EXPECT_NE(R.Final.find("job.j"), nullptr);
  EXPECT_GE(U.Cloud.EngineReads, 3u);
  EXPECT_FALSE(U.sentEngineCall());
}

TEST(ManualStep, GivesUpAtTheTimeout) {
  Upgrade U;
  Recorder Obs;
  exec::ExecOptions Opts;
  Opts.ManualTimeout = std::chrono::milliseconds(60);
  Opts.ManualPoll = std::chrono::milliseconds(10);
  auto Begin = std::chrono::steady_clock::now();
  exec::ExecResult R =
      exec::execute(U.P, U.Start, U.Cloud, Obs, ignoreSaves(), Opts);
  auto Took = std::chrono::steady_clock::now() - Begin;
  EXPECT_EQ(R.Outstanding.size(), 2u);
  EXPECT_GE(Took, std::chrono::milliseconds(60));
  EXPECT_LT(Took, std::chrono::seconds(5));
  EXPECT_GT(U.Cloud.EngineReads, 1u);
}

TEST(ManualStep, OperationNameSaysItIsOnlyChecked) {
  plan::Step S = Upgrade::manual(StepKind::InstallEngine, {});
  EXPECT_EQ(exec::operationOf(S),
            "check manual step: install engine blink-3.3.0");
}
