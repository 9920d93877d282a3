//===- Rules.h - every Realtime Compute and RAM rule, on the IR --*- C++ -*-===//
//
// Each rule of docs/service.md (and its RAM limits)
// is a check over ir::Program that reports RTC03xx diagnostics with the
// attribute's exact location, the reason and the fix. Numbers come from the
// stdlib tables in ir::Program::Std, never from literals here. docs/rules.md
// lists every rule with its code.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_RULES_RULES_H
#define RTC_RULES_RULES_H

#include "rtc/Diag/DiagnosticsEngine.h"
#include "rtc/IR/IR.h"
#include "rtc/Policy/ActionCatalogue.h"
#include "rtc/Sizing/MachineTables.h"
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace rtc {

/// What the rules know beyond the configuration, and which advice is
/// actionable for the command that runs them.
struct RuleOptions {
  /// False for `rtcc check` and the LSP, which read no state: a rule whose
  /// answer depends on what exists in the cloud warns about the case that
  /// fails. True for plan and apply, which read the state first.
  bool StateKnown = false;
  /// With StateKnown: the clusters the state records ("cluster.analytics").
  std::set<std::string> ExistingClusters;
  /// With StateKnown: the engine versions the state records per cluster
  /// address, so a rule can tell "not installed" from "being uninstalled".
  struct StoredEngines {
    std::vector<std::string> Installed;
    std::string Current;
  };
  std::map<std::string, StoredEngines> ExistingEngines;
  /// With StateKnown: the cloud names of the roles the state records. A
  /// role the configuration dropped but the state holds is a delete the
  /// plan flags as dangerous, not a missing role.
  std::set<std::string> ExistingRoleNames;
  /// Show least-privilege remarks (RTC0356). With StateKnown, only when
  /// every cluster of the configuration already exists, because that is when
  /// the advice can be followed.
  bool LeastPrivilegeRemarks = true;
};

/// Runs every rule. Safe on programs with errors (skips what is missing).
/// Also runs the policy analyzer (RTC04xx) on every `policy` resource.
void runRules(const ir::Program &P, DiagnosticsEngine &Diags,
              const RuleOptions &Opts = {});

/// The schema constraints (stdlib `pattern`, `min`, `exactly_one_of`, …)
/// that a rule here checks with the domain's own message, suggestion and
/// exceptions, as SemaOptions::ConstraintsCheckedByRules keys; Sema leaves
/// them to the rules. For example a cluster's `engines.installed` may exceed
/// `max_items` when the extra versions are grandfathered (RTC0320/RTC0321),
/// and a bad project name gets a corrected one (RTC0332).
const std::set<std::string> &constraintsCheckedByRules();

/// The machine tables of stdlib/alicloud/machines.rtc as rtcc_sizing wants
/// them (models sorted from smallest to largest); nullopt when the program
/// lacks slave_models or master_models.
std::optional<sizing::MachineTables> machineTablesFrom(const ir::Program &P);

/// The action catalogue of stdlib/alicloud/ram/actions.rtc (`let services`).
policy::ActionCatalogue actionCatalogueFrom(const ir::Program &P);

} // namespace rtc

#endif
