//===- RuleContext.h - what every rule family reads --------------*- C++ -*-===//
//
// The program, the diagnostics engine, the stdlib tables in the shapes the
// rules use, and every policy (resources and builtins) as a PolicyDocument,
// built once so that the RAM, role and access rules see the same documents.
// Private to rtcc_rules.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_LIB_RULES_RULECONTEXT_H
#define RTC_LIB_RULES_RULECONTEXT_H

#include "rtc/Diag/DiagnosticsEngine.h"
#include "rtc/IR/FullMatch.h"
#include "rtc/IR/IR.h"
#include "rtc/Policy/ActionCatalogue.h"
#include "rtc/Policy/Evaluator.h"
#include "rtc/Policy/Finding.h"
#include "rtc/Policy/PolicyDocument.h"
#include "rtc/Rules/Rules.h"
#include "rtc/Sizing/MachineTables.h"
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rtc::rules {

/// A policy resource or builtin, read once.
struct PolicyEntry {
  policy::PolicyDocument Doc;
  const ir::Resource *Res = nullptr; ///< null for builtins
  bool FromJson = false;             ///< read from `document`
  /// Problems the JSON reader found (reported by the RAM rules).
  std::vector<policy::Finding> ReadFindings;
};

struct RuleContext {
  RuleContext(const ir::Program &P, DiagnosticsEngine &Diags,
              const RuleOptions &Opts);
  ~RuleContext();

  const ir::Program &P;
  DiagnosticsEngine &Diags;
  const RuleOptions &Opts;
  std::optional<sizing::MachineTables> Machines;
  policy::ActionCatalogue Catalogue;
  /// By address: `policy.dev` and `builtin.AliyunStreamRolePolicy`.
  std::map<std::string, PolicyEntry> Policies;

  const PolicyEntry *policyAt(llvm::StringRef Address) const;
  /// fullMatch with each pattern compiled once: name rules run for every
  /// user, group, policy and project of the configuration.
  std::optional<bool> matches(llvm::StringRef Pattern, llvm::StringRef S);
  /// P.std(Table)[Key], or null JSON.
  const ir::Value &table(llvm::StringRef Table, llvm::StringRef Key) const;
  /// The resource a reference attribute names (an address string), or null.
  const ir::Resource *deref(const ir::Value &Ref) const;
  /// The account rtcc runs as (provider `alicloud`, attribute `caller`):
  /// "main", an address such as "user.ci_bot", or "" when not declared.
  std::string caller() const;
  llvm::SMRange callerRange() const;
  /// True when the caller is set and is not the main account.
  bool callerIsSubAccount() const;

private:
  /// Compiled patterns by source; null when a pattern does not compile.
  std::map<std::string, std::unique_ptr<ir::FullMatcher>> Patterns;
};

// --- Small helpers over JSON values and names ---------------------------------
std::optional<long long> asInt(const ir::Value &V);
std::optional<std::string> asString(const ir::Value &V);
/// The strings of a list value (other elements skipped).
std::vector<std::string> stringList(const ir::Value &V);
std::vector<std::string> keysOf(const ir::Value &V);
/// "`a`, `b`, `c`".
std::string quotedList(const std::vector<std::string> &Names);
/// The address a reference value holds: a string, or {"__address__": …}.
std::string addressOf(const ir::Value &V);
/// The resource's `name` attribute, or its label.
std::string displayName(const ir::Resource &R);
/// Whether S matches the whole of Pattern (an extended regex from stdlib);
/// nullopt if the pattern does not compile.
std::optional<bool> fullMatch(llvm::StringRef Pattern, llvm::StringRef S);
/// Template with every `{Key}` replaced by its value.
std::string substitute(std::string Template,
                       const std::map<std::string, std::string> &Values);
/// A source range without the quotes around a string literal, so findings
/// underline the characters of the value.
llvm::SMRange stripQuotes(llvm::SMRange R);

/// The policies attached to a principal (`user.x`, `group.y`, `role.z`),
/// directly (policy_attachment, role.policies) and, for users, through the
/// groups they are members of. Chains start at Principal.
std::vector<policy::AttachedPolicy> attachedPolicies(const RuleContext &C,
                                                     llvm::StringRef Principal);

// --- Rule families (one file each) ---------------------------------------------
void checkClusters(RuleContext &C);
void checkOrders(RuleContext &C);
void checkEngines(RuleContext &C);
void checkProjects(RuleContext &C);
void checkRam(RuleContext &C);
void checkRoles(RuleContext &C);
void checkAccess(RuleContext &C);

} // namespace rtc::rules

#endif
