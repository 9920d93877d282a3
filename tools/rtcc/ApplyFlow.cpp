//===- ApplyFlow.cpp - the apply and destroy workflow ---------------------===//
#include "ApplyFlow.h"
#include "CommandRegistry.h"
#include "ConsoleOnlySteps.h"
#include "rtc/Diag/Diagnostic.h"
#include "rtc/Exec/Builtins.h"
#include "rtc/Exec/Executor.h"
#include "rtc/Exec/Outputs.h"
#include "rtc/Plan/PlanJson.h"
#include "rtc/Plan/PlanRenderer.h"
#include "rtc/Plan/Planner.h"
#include "rtc/Plan/SavedPlan.h"
#include "rtc/State/Duration.h"
#include "rtc/State/StateError.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <unistd.h>

using namespace llvm;

namespace rtc::driver {

namespace {

int fail(const char *Command, Error E) {
  errs() << "rtcc " << Command << ": ";
  state::printError(std::move(E), errs());
  return ExitInputError;
}

Expected<plan::Plan> readSavedPlan(const std::string &Path) {
  auto Buf = MemoryBuffer::getFile(Path);
  if (!Buf)
    return createStringError(Buf.getError(), "cannot read the plan %s: %s",
                             Path.c_str(), Buf.getError().message().c_str());
  return plan::planFromJson((*Buf)->getBuffer(), Path);
}

/// Refuses dangerous changes unless -allow-dangerous; prints why.
bool dangerAllowed(const plan::Plan &P, const ApplyFlags &Flags,
                   const char *Command) {
  if (!P.dangerousCount() || Flags.AllowDangerous)
    return true;
  WithColor::error(errs(), std::string("rtcc ") + Command)
      << "the plan has " << P.dangerousCount()
      << " dangerous change(s); refusing to apply it:\n";
  for (const plan::ResourceChange &C : P.Changes)
    if (C.Dangerous)
      errs() << "  " << C.Address << ": " << C.DangerReason << "\n";
  errs() << "  hint: if this is really intended, run again with "
            "-allow-dangerous\n";
  return false;
}

/// docs/apply.md#manual-steps: what is left for the console, and that the
/// next run finishes the rest.
void printOutstanding(const exec::ExecResult &R, const ApplyRequest &Req) {
  outs() << "\n"
         << (Req.Destroy ? "Destroy" : "Apply")
         << " incomplete: " << R.Outstanding.size()
         << " manual step(s) outstanding, " << R.Skipped
         << " step(s) waiting behind them, " << R.Succeeded << " done.\n";
  const diag::Info &I = diag::getInfo(diag::warn_apply_manual_outstanding);
  for (const exec::OutstandingStep &O : R.Outstanding)
    WithColor::warning(errs())
        << diag::formatMessage(I.Format, {O.Cluster, O.ConsoleAction}) << " ["
        << I.Code << "]\n";
  errs() << "  hint: " << diag::formatMessage(I.HintFormat, {}) << "\n";
}

/// The command line that performs this kind of plan, for the plan's text.
std::string applyCommandLine(const ApplyRequest &Req) {
  if (std::string(Req.Command) == "destroy")
    return "rtcc destroy";
  return Req.Destroy ? "rtcc apply -destroy" : "rtcc apply";
}

void printSummary(const exec::ExecResult &R, const plan::Plan &P,
                  const ApplyRequest &Req, const ApplyFlags &Flags,
                  const CloudSession &Cloud) {
  if (Flags.Json) {
    nlohmann::json J = {{"type", !R.ok()        ? "apply_failed"
                                 : R.complete() ? "apply_complete"
                                                : "apply_incomplete"},
                        {"succeeded", R.Succeeded},
                        {"failed", R.Failed},
                        {"skipped", R.Skipped}};
    if (!R.PersistError.empty())
      J["persist_error"] = R.PersistError;
    if (!R.Outstanding.empty()) {
      J["outstanding_manual_steps"] = nlohmann::json::array();
      for (const exec::OutstandingStep &O : R.Outstanding)
        J["outstanding_manual_steps"].push_back(
            {{"cluster", O.Cluster}, {"console_action", O.ConsoleAction}});
    }
    outs() << J.dump() << "\n";
    return;
  }
  if (R.ok() && !R.Outstanding.empty()) {
    printOutstanding(R, Req);
    return;
  }
  if (R.ok()) {
    outs() << "\n"
           << (P.Destroy ? "Destroy" : "Apply")
           << " complete! Resources: " << P.Counts.Add << " added, "
           << P.Counts.Change << " changed, " << P.Counts.Destroy
           << " destroyed.\n";
    return;
  }
  outs() << "\n"
         << (P.Destroy ? "Destroy" : "Apply") << " failed: " << R.Failed
         << " step(s) failed, " << R.Skipped << " skipped, " << R.Succeeded
         << " done. The state records every step that "
         << "finished; fix the errors and run `rtcc " << Req.Command
         << "` again.\n";
  for (const exec::StepFailure &F : R.Failures) {
    // An object owned elsewhere: the message already says what to do.
    if (F.Code == "NotManaged") {
      errs() << "error: " << F.Address << ": " << F.Message << "\n";
      continue;
    }
    errs() << "error: " << F.Address << ": " << F.Operation << ": "
           << (F.Code.empty() ? "" : F.Code + ": ") << F.Message;
    if (!F.RequestId.empty())
      errs() << " (request id " << F.RequestId << ")";
    errs() << "\n";
    if (std::string Hint = seedHint(Cloud, F.Code); !Hint.empty())
      errs() << "  hint: " << Hint << "\n";
  }
  if (!R.PersistError.empty())
    errs() << "error: the state could not be saved: " << R.PersistError << "\n";
}

} // namespace

bool refreshForPlan(state::State &Cur, CloudSession &Cloud,
                    const RefreshView &V, const ir::Program &Config,
                    std::vector<exec::Drift> &Drifts) {
  if (Cur.Resources.empty())
    return true;
  std::unique_ptr<exec::ExecObserver> View;
  if (V.Json)
    View = exec::makeJsonView(outs());
  exec::BuiltinPolicies Builtins(Config);
  exec::RefreshResult R =
      exec::refreshAll(Cur, *Cloud.Providers, View.get(), V.Parallelism,
                       &Config, Builtins.chain(nullptr));
  for (const exec::StepFailure &F : R.Failures)
    errs() << "error: refreshing " << F.Address << ": "
           << (F.Code.empty() ? "" : F.Code + ": ") << F.Message << "\n";
  if (!R.Failures.empty())
    return false;
  Cur = std::move(R.Refreshed);
  Drifts = std::move(R.Drifts);
  if (!V.Json)
    exec::renderDrift(Drifts, outs(), V.Color);
  return true;
}

bool reportPlanErrors(const plan::Plan &P, CheckedConfig &C) {
  for (const plan::PlanError &E : P.Errors) {
    const ir::Resource *R = C.Prog.find(E.Address);
    auto B = C.S->diags().report(R ? R->rangeOf(E.Path) : SMRange(),
                                 static_cast<diag::ID>(E.DiagId));
    for (const std::string &A : E.Args)
      B << A;
  }
  return P.Errors.empty();
}

int runApplyFlow(const ApplyRequest &Req,
                 const std::vector<std::string> &ConfigPaths,
                 const state::BackendOptions &Backend, const ApplyFlags &Flags,
                 const CloudOptions &CloudFlags) {
  // Before any thread starts, so that every thread leaves the signals to it.
  InterruptWatcher Interrupt;
  Interrupt.setHandlers([] { _exit(ExitInterrupted); },
                        [] { _exit(ExitInterrupted); });
  // A saved plan is checked against the configuration evaluated with the
  // variable values it was made with.
  std::optional<plan::Plan> Saved;
  if (!Req.PlanFile.empty() && (!Req.Replace.empty() || Req.Destroy))
    return fail(Req.Command,
                createStringError(std::errc::invalid_argument,
                                  "-replace and -destroy make a new plan and "
                                  "cannot be given with a saved plan, which "
                                  "records its own; pass them to `rtcc "
                                  "plan` instead"));
  if (!Req.PlanFile.empty()) {
    auto Read = readSavedPlan(Req.PlanFile);
    if (!Read)
      return fail(Req.Command, Read.takeError());
    if (Error E = useSavedVariableValues(plan::savedPlanValues(*Read)))
      return fail(Req.Command, std::move(E));
    Saved = std::move(*Read);
  }
  CheckedConfig C;
  if (int Code = loadConfiguration(ConfigPaths, Req.Command, C,
                                   RuleTiming::AfterState))
    return Code;
  auto Locked =
      LockedState::open(Backend, C.Dir, Flags.WorkspaceName, Req.Command);
  if (!Locked)
    return fail(Req.Command, Locked.takeError());
  LockedState &L = **Locked;
  // Planning changes nothing: stop at once, freeing the lock.
  auto StopNow = [&L](const char *Why) {
    errs() << Why;
    errs().flush();
    L.release();
    _exit(ExitInterrupted);
  };
  Interrupt.setHandlers(
      [&] { StopNow("\nInterrupt received: stopping; nothing was changed\n"); },
      [&] {
        StopNow("\nInterrupt received: stopping; nothing was changed\n");
      });
  auto Cloud = CloudFlags.open(C.Prog, C.Dir);
  if (!Cloud)
    return fail(Req.Command, Cloud.takeError());
  state::State Cur = L.current();
  // As in plan: rules that depend on what exists run against the state;
  // the least-privilege remark was the plan's to show.
  if (int Code = checkAgainstState(C, L.exists() ? &Cur : nullptr,
                                   /*LeastPrivilegeRemarks=*/false))
    return Code;

  plan::Plan P;
  if (Saved) {
    if (Error E = plan::checkSavedPlanSecrets(*Saved, C.Prog))
      return fail(Req.Command, std::move(E));
    if (Error E = plan::restoreSavedPlanSecrets(*Saved, C.Prog))
      return fail(Req.Command, std::move(E));
    // A destroy plan was made from the configuration without resources.
    std::string Hash = plan::configHash(
        Saved->Destroy ? plan::destroyProgram(C.Prog) : C.Prog);
    if (Error E = plan::checkSavedPlanApplies(*Saved, Cur, Hash))
      return fail(Req.Command, std::move(E));
    if (!savedPlanFitsEndpoint(*Saved, **Cloud, C, Req.Command))
      return ExitInputError;
    P = std::move(*Saved);
  } else {
    std::vector<exec::Drift> Drifts;
    if (Req.Refresh &&
        !refreshForPlan(Cur, **Cloud,
                        {Flags.Json, Flags.color(), Flags.Parallelism}, C.Prog,
                        Drifts))
      return ExitInputError;
    ir::Program Target = Req.Destroy ? plan::destroyProgram(C.Prog) : C.Prog;
    plan::PlanOptions Opts;
    Opts.Targets = Req.Targets;
    Opts.Excludes = Req.Excludes;
    Opts.Replace = Req.Replace;
    Opts.Destroy = Req.Destroy;
    Opts.Lifecycle = &C.Prog;
    P = plan::makePlan(Target, L.exists() ? &Cur : nullptr, Opts);
    if (!reportPlanErrors(P, C))
      return C.S->finish() ? ExitInputError : ExitInputError;
    if (!useManualStepsWhereNeeded(P, **Cloud, Req.Command))
      return ExitInputError;
    if (Flags.Json)
      outs() << nlohmann::json({{"type", "plan"}, {"plan", plan::toJson(P)}})
                    .dump()
             << "\n";
    else
      plan::renderHuman(P, outs(), {Flags.color(), applyCommandLine(Req)});
  }
  C.S->finish();
  if (!dangerAllowed(P, Flags, Req.Command))
    return ExitInputError;

  if (P.hasChanges() && Req.PlanFile.empty()) {
    auto Yes = confirm(P.Destroy ? "Do you really want to destroy every "
                                   "resource of this workspace?"
                                 : "Do you want to perform these actions?",
                       Flags);
    if (!Yes)
      return fail(Req.Command, Yes.takeError());
    if (!*Yes) {
      outs() << "\n" << (P.Destroy ? "Destroy" : "Apply") << " cancelled.\n";
      return ExitInputError;
    }
  }

  std::unique_ptr<exec::ExecObserver> View = Flags.view();
  exec::BuiltinPolicies Builtins(C.Prog);
  exec::ExecOptions Opts;
  auto ManualTimeout = state::parseDuration(Flags.ManualTimeout);
  if (!ManualTimeout)
    return fail(Req.Command, ManualTimeout.takeError());
  Opts.ManualTimeout = *ManualTimeout;
  if (const char *S = std::getenv("RTCC_MANUAL_POLL_MS"))
    Opts.ManualPoll = std::chrono::milliseconds(std::atoi(S));
  Opts.Fallback = Builtins.chain(nullptr);
  Opts.Parallelism = std::max(1u, unsigned(Flags.Parallelism));
  if (const char *S = std::getenv("RTCC_STILL_EVERY_MS"))
    Opts.StillEvery = std::chrono::milliseconds(std::atoi(S));
  std::atomic<unsigned> Running{0};
  Opts.Stop = &Interrupt.flag();
  Opts.Running = &Running;
  Interrupt.setHandlers(
      [&Running] {
        errs() << "\nInterrupt received: finishing " << Running.load()
               << " in-flight calls, starting no new ones\n";
        errs().flush();
      },
      [&] {
        StopNow("\nSecond interrupt: stopping at once; calls in flight may "
                "have finished in the cloud without being recorded\n");
      });
  exec::ExecResult R = exec::execute(
      P, Cur, *(*Cloud)->Providers, *View,
      [&L](const state::State &S) { return L.save(S); }, Opts);

  state::State Final = R.PersistError.empty() ? R.Final : L.current();
  Final.Outputs = P.Destroy ? decltype(Final.Outputs){}
                            : exec::evaluateOutputs(C.Prog, Final);
  if (R.PersistError.empty())
    if (Error E = L.save(Final))
      R.PersistError = toString(std::move(E));
  if (Interrupt.interrupted()) {
    outs() << "\n"
           << (P.Destroy ? "Destroy" : "Apply")
           << " interrupted: " << R.Succeeded << " step(s) done, " << R.Skipped
           << " not started. The state records every step that finished; run "
           << "`rtcc " << Req.Command << "` again to continue.\n";
    if (!R.PersistError.empty())
      errs() << "error: the state could not be saved: " << R.PersistError
             << "\n";
    return ExitInterrupted;
  }
  printSummary(R, P, Req, Flags, **Cloud);
  if (R.ok() && !Flags.Json)
    exec::renderOutputs(Final.Outputs, outs());
  if (!R.ok())
    return ExitInputError;
  return R.Outstanding.empty() ? ExitOk : ExitManualStepsOutstanding;
}

} // namespace rtc::driver
