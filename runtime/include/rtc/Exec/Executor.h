//===- Executor.h - run a plan against the cloud ----------------*- C++ -*-===//
//
// Walks the plan's step graph with a pool of workers: a step starts once
// every step it depends on has succeeded; when one fails, its dependents
// are skipped and independent branches finish. The state is saved in the
// background as steps complete (saves that would overlap are merged), so a
// crash loses at most the steps in flight, and providers' idempotent
// creates make re-running apply converge.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_EXEC_EXECUTOR_H
#define RTC_EXEC_EXECUTOR_H

#include "rtc/Exec/Events.h"
#include "rtc/Plan/Plan.h"
#include "rtc/Provider/Provider.h"
#include "rtc/State/State.h"

#include "llvm/Support/Error.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace rtc::exec {

struct ExecOptions {
  /// Steps running at once (`-parallelism=N`).
  unsigned Parallelism = 10;
  /// How often a long step reports "Still creating...".
  std::chrono::milliseconds StillEvery{std::chrono::seconds(10)};
  /// Answers references the state cannot (`builtin.NAME`, see Builtins.h).
  provider::RefLookup Fallback;
  /// Set (from a signal watcher) to start no new steps; running ones finish.
  const std::atomic<bool> *Stop = nullptr;
  /// When set, kept equal to the number of steps running (for the
  /// interrupt message).
  std::atomic<unsigned> *Running = nullptr;
  /// How long a manual step waits for the console action, from when it
  /// becomes ready (`-manual-timeout`); 0 checks once.
  std::chrono::milliseconds ManualTimeout{0};
  /// How often a waiting manual step reads GetClusterEngineVersions.
  std::chrono::milliseconds ManualPoll{std::chrono::seconds(2)};
};

/// A manual step apply could not verify as done: the console action was
/// not (yet) taken, or a step it waits behind was not.
struct OutstandingStep {
  std::string Cluster;       ///< address
  std::string ConsoleAction; ///< what to do in the console
};

/// One failed step, with the service's error.
struct StepFailure {
  std::string Address;
  std::string Operation;
  std::string Code;
  std::string Message;
  std::string RequestId;
};

/// Saves a state durably; called from one thread at a time.
using PersistFn = std::function<llvm::Error(const state::State &)>;

struct ExecResult {
  state::State Final; ///< the state after the run, as last persisted
  unsigned Succeeded = 0, Failed = 0, Skipped = 0;
  std::vector<StepFailure> Failures;
  /// Manual steps not verified as done, in plan order; what depends on
  /// them was skipped.
  std::vector<OutstandingStep> Outstanding;
  /// Set when the state could not be saved; no step was started after it.
  std::string PersistError;

  /// No step failed and the state was saved (manual steps may remain).
  bool ok() const { return Failures.empty() && PersistError.empty(); }
  /// ok() and every manual step done.
  bool complete() const { return ok() && Outstanding.empty(); }
};

/// Runs P's steps from the state Start. Every resource step's result is in
/// Final and persisted before execute() returns.
ExecResult execute(const plan::Plan &P, state::State Start,
                   provider::Providers &Prov, ExecObserver &Obs,
                   const PersistFn &Persist, const ExecOptions &Opts = {});

/// "create", "update", "delete", "install engine blink-3.3.0", …
std::string operationOf(const plan::Step &S);

/// The cloud error (or any other error) of a failed call as a StepFailure.
StepFailure failureFrom(llvm::Error E, std::string Address,
                        std::string Operation);

} // namespace rtc::exec

#endif
