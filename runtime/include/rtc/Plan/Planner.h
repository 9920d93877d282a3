//===- Planner.h - build a plan from the IR and the state -------*- C++ -*-===//
//
// The one entry point of the library: diff, target filtering, danger flags,
// CU summary, sequencing. Pure: no I/O (the command reads the state).
//
//===----------------------------------------------------------------------===//
#ifndef RTC_PLAN_PLANNER_H
#define RTC_PLAN_PLANNER_H

#include "rtc/IR/IR.h"
#include "rtc/Plan/PhaseTimer.h"
#include "rtc/Plan/Plan.h"
#include "rtc/State/State.h"

#include <string>
#include <vector>

namespace rtc::plan {

struct PlanOptions {
  /// Only these addresses (and what they need); empty = everything. An
  /// address also matches its for_each instances (`user.dev` → `user.dev["a"]`).
  std::vector<std::string> Targets;
  /// Leave these (and what depends on them) out.
  std::vector<std::string> Excludes;
  /// -replace: replace these (and their instances) although nothing forces
  /// it. An address that matches nothing is a plan error (RTC0515).
  std::vector<std::string> Replace;
  /// The plan destroys everything in the state (`rtcc destroy`, `plan
  /// -destroy`); the planned program then has no resources.
  bool Destroy = false;
  /// When set, the planner's phases (config hash, diff, sequencing) are
  /// marked on it (RTCC_TIME_PHASES).
  PhaseTimer *Timer = nullptr;
  /// Where `lifecycle` settings are read when not from the planned program
  /// (destroy plans an empty configuration but honours prevent_destroy).
  const ir::Program *Lifecycle = nullptr;
};

Plan makePlan(const ir::Program &Prog, const state::State *State,
              const PlanOptions &Opts = {});

/// Prog without resources and outputs: what a destroy plan is made from,
/// and what its saved plan's configuration hash is checked against.
ir::Program destroyProgram(const ir::Program &Prog);

/// "sha256:<hex>" of the IR JSON, the identity of a configuration.
std::string configHash(const ir::Program &Prog);

/// True when Address is Pattern or one of its instances / module children.
bool addressMatches(const std::string &Address, const std::string &Pattern);

} // namespace rtc::plan

#endif
