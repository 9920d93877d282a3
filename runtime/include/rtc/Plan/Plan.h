//===- Plan.h - what rtcc would change, as plain data -----------*- C++ -*-===//
//
// A plan is data only (Terraform's internal/plans): the differ and the
// sequencer fill it, views render it, the executor runs its Steps. Nothing
// here does I/O. Reasons and notes are for people only: no decision may be
// taken from them.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_PLAN_PLAN_H
#define RTC_PLAN_PLAN_H

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace rtc::plan {

/// Version of the plan's JSON layout (docs/plan.md).
constexpr int PlanFormatVersion = 1;

enum class Action { NoOp, Create, Update, Replace /* delete then create */, Delete };

/// "no-op", "create", "update", "replace", "delete".
const char *actionName(Action A);
/// Inverse of actionName; false when Name is not one.
bool parseAction(const std::string &Name, Action &A);

struct AttributeChange {
  std::string Path; ///< `master.model`, `engines.installed`
  nlohmann::json Before; ///< null when absent (or when sensitive)
  nlohmann::json After;  ///< null when absent; {"__unknown__": …} when computed
  bool ForcesReplacement = false;
  bool Sensitive = false;
};

struct ResourceChange {
  std::string Address;
  std::string Kind;
  Action Act = Action::NoOp;
  nlohmann::json Before; ///< state attributes; null for a create
  nlohmann::json After;  ///< IR attributes; null for a delete
  std::vector<AttributeChange> AttributeChanges;
  /// UI only: "`vpc` forces replacement".
  std::vector<std::string> Reasons;
  bool Dangerous = false;
  std::string DangerReason;
  /// IR dependencies (state dependencies for a delete).
  std::vector<std::string> Dependencies;
  /// Paths the service sets (rendered "(known after apply)").
  std::vector<std::string> Computed;
  std::vector<std::string> SensitivePaths;
  /// UI only, for an order consumer (cluster, shared project): the order it
  /// is created from, "ord-1, pinned by order.main" (see OrderBinding.h).
  std::string OrderUse;
  /// UI only, for an exclusive project: the queue calls that give it its
  /// CU, "CreateQueue \"clicks\" (8 CU) on cluster.main, then BindQueue".
  std::string QueueUse;
};

enum class StepKind {
  Resource,        ///< Address + Act (Create, Update or Delete)
  InstallEngine,   ///< Cluster + Version
  UninstallEngine, ///< Cluster + Version
  SetCurrentEngine,///< Cluster + Version
  SwitchJobEngine  ///< Job (Address) from From to To
};

const char *stepKindName(StepKind K);
bool parseStepKind(const std::string &Name, StepKind &K);

struct Step {
  StepKind Kind = StepKind::Resource;
  std::string Address; ///< the resource, or the job of a SwitchJobEngine
  Action Act = Action::NoOp; ///< for Resource steps: Create, Update or Delete
  std::string Cluster;
  std::string Version;
  std::string From, To;
  /// Indices (into Plan::Steps) of the steps that must finish first. Steps
  /// not ordered by these may run in parallel.
  std::vector<size_t> DependsOn;
  /// An engine step the endpoint has no call for: someone does it in the
  /// console (ConsoleAction says what) and apply only verifies it
  /// (ManualSteps.h, docs/apply.md#manual-steps).
  bool Manual = false;
  std::string ConsoleAction;
};

/// An impossible change, with the diagnostic the command reports.
struct PlanError {
  std::string Code;    ///< "RTC0501"
  unsigned DiagId = 0; ///< rtc::diag::ID
  std::vector<std::string> Args;
  std::string Address; ///< resource to point at
  std::string Path;    ///< attribute to point at, may be ""
  std::string Message; ///< formatted, for JSON and saved plans
  std::string Hint;
};

/// The PlanError of diagnostic DiagId (an rtc::diag::ID) with its message
/// and hint formatted from Args.
PlanError makePlanError(unsigned DiagId, std::vector<std::string> Args,
                        std::string Address, std::string Path = "");

/// Usable CU of one cluster before and after (slave usable_cu × count) and
/// the CU its projects take. -1 when the cluster does not exist on that side.
struct CuSummary {
  std::string Cluster;
  long long UsableBefore = -1, UsableAfter = -1;
  long long ProjectsBefore = 0, ProjectsAfter = 0;
};

/// A stored object that now lives at another address (a `moved` block):
/// apply renames its state entry; nothing is called in the cloud.
struct MovedResource {
  std::string From, To;
  bool operator==(const MovedResource &O) const {
    return From == O.From && To == O.To;
  }
};

struct Summary {
  unsigned Add = 0, Change = 0, Destroy = 0;
};

struct Plan {
  int FormatVersion = PlanFormatVersion;
  std::vector<ResourceChange> Changes; ///< sorted by address, no-ops included
  std::vector<Step> Steps;             ///< in an order that respects DependsOn
  /// State entries renamed before the steps run (sorted by From); Changes
  /// use the new addresses.
  std::vector<MovedResource> Moves;
  std::string PriorLineage;            ///< "" when there was no state
  uint64_t PriorSerial = 0;
  std::string ConfigHash;              ///< sha256 of the IR JSON
  /// The root variables' values the plan was made with, so `rtcc apply
  /// PLAN` evaluates the same configuration; a sensitive one is kept as a
  /// salted hash (rtc/State/Sensitive.h) and must be given again.
  nlohmann::json Variables = nlohmann::json::object();
  Summary Counts;
  std::vector<CuSummary> Cu;
  std::vector<PlanError> Errors;
  /// UI only: "also planning X because Y depends on it".
  std::vector<std::string> Notes;
  /// -target / -exclude the plan was made with: when set, the plan covers
  /// part of the configuration, and says so.
  std::vector<std::string> Targets, Excludes;
  /// -replace addresses the plan was made with (docs/apply.md#replace).
  std::vector<std::string> Replaces;
  /// A destroy plan (`rtcc destroy`, `plan -destroy`): it deletes what the
  /// state holds because that was asked, and apply saves no outputs.
  bool Destroy = false;

  bool hasChanges() const;
  unsigned dangerousCount() const;
  const ResourceChange *find(const std::string &Address) const;
};

} // namespace rtc::plan

#endif
