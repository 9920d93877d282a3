//===- PlanCommand.cpp - rtcc plan
//-----------------------------------------===//
//
// rtcc plan [PATH] [-out FILE] [-json] [-detailed-exitcode] [-target ADDR]…
//           [-exclude ADDR]… [-replace ADDR]… [-destroy]
//           [-state PATH | -backend=local|pg …]
//           [-workspace NAME] [-var …]
// Checks the configuration like `rtcc check`, reads the stored state, and
// shows what apply would change. By default it first reads every managed
// resource from the cloud (refresh) and shows what changed outside rtcc;
// `-refresh=false` takes the state as the truth. The state is locked while
// it is read.
//
//===----------------------------------------------------------------------===//
#include "ApplyFlow.h"
#include "CommandRegistry.h"
#include "ConsoleOnlySteps.h"
#include "DriverSupport.h"
#include "rtc/IR/IR.h"
#include "rtc/Plan/ManualSteps.h"
#include "rtc/Plan/PhaseTimer.h"
#include "rtc/Plan/PlanJson.h"
#include "rtc/Plan/PlanRenderer.h"
#include "rtc/Plan/Planner.h"
#include "rtc/Rules/Rules.h"
#include "rtc/Sema/Sema.h"
#include "rtc/State/Backend.h"
#include "rtc/State/BackendOptions.h"
#include "rtc/State/StateError.h"
#include "rtc/State/Workspace.h"

#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

#include <unistd.h>

namespace rtc::driver {
namespace {

cl::SubCommand PlanCmd("plan",
                       "Show what apply would change (configuration vs state)");
cl::list<std::string> Paths(cl::Positional, cl::desc("[<dir|file>...]"),
                            cl::ZeroOrMore, cl::sub(PlanCmd));
state::BackendOptions BackendFlags(PlanCmd);
cl::opt<std::string> Out("out",
                         cl::desc("Save the plan to FILE (for apply and show)"),
                         cl::value_desc("FILE"), cl::sub(PlanCmd));
cl::opt<bool> Json("json", cl::desc("Print the plan as JSON (docs/plan.md)"),
                   cl::sub(PlanCmd));
cl::opt<bool>
    DetailedExit("detailed-exitcode",
                 cl::desc("Exit 0 without changes, 1 on error, 2 with changes"),
                 cl::sub(PlanCmd));
cl::list<std::string> Targets("target",
                              cl::desc("Plan only ADDR (and what it needs)"),
                              cl::value_desc("ADDR"), cl::ZeroOrMore,
                              cl::sub(PlanCmd));
cl::list<std::string>
    Excludes("exclude", cl::desc("Leave ADDR (and what depends on it) out"),
             cl::value_desc("ADDR"), cl::ZeroOrMore, cl::sub(PlanCmd));
cl::list<std::string>
    Replace("replace",
            cl::desc("Replace ADDR although nothing forces it (repeatable)"),
            cl::value_desc("ADDR"), cl::ZeroOrMore, cl::sub(PlanCmd));
cl::opt<bool> Destroy("destroy",
                      cl::desc("Plan to destroy everything the state holds"),
                      cl::sub(PlanCmd));
cl::opt<std::string>
    WorkspaceName("workspace",
                  cl::desc("Workspace to plan (default: the selected one)"),
                  cl::value_desc("NAME"), cl::sub(PlanCmd));

cl::opt<bool>
    Refresh("refresh",
            cl::desc("Read the cloud first and show drift (default true)"),
            cl::init(true), cl::sub(PlanCmd));
cl::opt<unsigned> Parallelism("parallelism",
                              cl::desc("Resources read at once (default 10)"),
                              cl::init(10), cl::sub(PlanCmd));
CloudOptions Cloud(PlanCmd);
cl::opt<bool> NoColor("no-color", cl::desc("Plain output"), cl::sub(PlanCmd));
// Plan never prompts; accepted so CI scripts can pass the same flags to
// plan and apply.
cl::opt<bool> Input("input", cl::desc("Ignored: plan never asks"),
                    cl::init(true), cl::sub(PlanCmd));

int fail(Error E) {
  errs() << "rtcc plan: ";
  state::printError(std::move(E), errs());
  return ExitInputError;
}

int run() {
  // RTCC_TIME_PHASES=1 prints where the time goes (bench/plan).
  plan::PhaseTimer Timer = plan::PhaseTimer::fromEnvironment();
  // A plan changes nothing: an interrupt stops it at once (exit 130),
  // releasing the lock. Constructed before any thread starts.
  InterruptWatcher Interrupt;
  Interrupt.setHandlers([] { _exit(ExitInterrupted); },
                        [] { _exit(ExitInterrupted); });
  CheckedConfig C;
  if (int Code = loadConfiguration({Paths.begin(), Paths.end()}, "plan", C,
                                   RuleTiming::AfterState))
    return Code;
  Timer.mark("check");
  // The lock keeps an apply from changing the state between our read and
  // the plan's use (a saved plan records the serial it was made from).
  auto L = LockedState::open(BackendFlags, C.Dir, WorkspaceName, "plan");
  if (!L) {
    C.S->finish();
    return fail(L.takeError());
  }
  LockedState *Held = L->get();
  auto StopNow = [Held] {
    errs() << "\nInterrupt received: stopping the plan\n";
    errs().flush();
    Held->release();
    _exit(ExitInterrupted);
  };
  Interrupt.setHandlers(StopNow, StopNow);
  state::State Cur = (*L)->current();
  Timer.mark("state read");
  // Some rules depend on what exists (a role may lack what only creating a
  // cluster needs), so they run once the state is known.
  if (int Code = checkAgainstState(C, (*L)->exists() ? &Cur : nullptr,
                                   /*LeastPrivilegeRemarks=*/true))
    return Code;
  std::vector<exec::Drift> Drifts;
  std::unique_ptr<CloudSession> Session;
  auto OpenCloud = [&]() -> bool {
    if (Session)
      return true;
    auto S = Cloud.open(C.Prog, C.Dir);
    if (!S) {
      C.S->finish();
      fail(S.takeError());
      return false;
    }
    Session = std::move(*S);
    return true;
  };
  if (Refresh && !Cur.Resources.empty()) {
    if (!OpenCloud())
      return ExitInputError;
    bool Color = !Json && !NoColor && stdoutColor();
    if (!refreshForPlan(Cur, *Session, {Json, Color, Parallelism}, C.Prog,
                        Drifts)) {
      C.S->finish();
      return ExitInputError;
    }
  }
  Timer.mark("refresh");
  plan::PlanOptions Opts;
  Opts.Timer = &Timer;
  Opts.Targets.assign(Targets.begin(), Targets.end());
  Opts.Excludes.assign(Excludes.begin(), Excludes.end());
  Opts.Replace.assign(Replace.begin(), Replace.end());
  Opts.Destroy = Destroy;
  Opts.Lifecycle = &C.Prog;
  ir::Program Planned = Destroy ? plan::destroyProgram(C.Prog) : C.Prog;
  plan::Plan P = plan::makePlan(Planned, (*L)->exists() ? &Cur : nullptr, Opts);
  bool Ok = reportPlanErrors(P, C);
  // Whether engine steps are calls or console actions depends on the
  // endpoint (docs/apply.md#manual-steps): ask it only when it matters.
  if (Ok && plan::hasConsoleOnlyCalls(P) && !Cloud.embedded(C.Prog) &&
      (!OpenCloud() || !useManualStepsWhereNeeded(P, *Session, "plan")))
    return ExitInputError;
  int Code = C.S->finish();
  if (Json) {
    nlohmann::json J = plan::toJson(P);
    if (!Drifts.empty())
      J["drift"] = exec::driftToJson(Drifts);
    outs() << J.dump(2) << "\n";
  }
  if (!Ok)
    return ExitInputError;
  if (!Json)
    plan::renderHuman(P, outs(),
                      {!NoColor && stdoutColor(),
                       Destroy ? "rtcc apply -destroy" : "rtcc apply"});
  if (!Out.empty()) {
    std::string Err;
    if (!writePrivateFile(Out, plan::toJson(P).dump(2) + "\n", Err)) {
      WithColor::error(errs(), "rtcc plan")
          << "cannot write the plan to " << Out << ": " << Err << "\n";
      return ExitInputError;
    }
    if (!Json)
      outs() << "\nSaved the plan to " << Out
             << "; apply exactly it with `rtcc apply " << Out << "`.\n";
  }
  Timer.mark("render");
  Timer.print(errs());
  if (Code)
    return Code;
  return DetailedExit && P.hasChanges() ? 2 : ExitOk;
}

CommandRegistration Reg(PlanCmd, run);

} // namespace
} // namespace rtc::driver
