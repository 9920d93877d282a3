//===- IR.h - the checked program, as plain deterministic data --*- C++ -*-===//
//
// What semantic analysis produces and the planner consumes: every resource
// instance with its resolved attributes, dependencies and replace-forcing
// attributes, the outputs, and the stdlib's data tables. Plain data (Terraform
// style): no behaviour beyond lookups.
//
// Values are JSON (nlohmann::json, keys sorted, so output is deterministic).
// A value only known after apply (a computed attribute such as a cluster's
// id) is the object {"__unknown__": "<reference>"}; see isUnknown().
//
//===----------------------------------------------------------------------===//
#ifndef RTC_IR_IR_H
#define RTC_IR_IR_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/SMLoc.h"
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace llvm {
class SourceMgr;
} // namespace llvm

namespace rtc::ir {

using Value = nlohmann::json;

/// The marker for values known only after apply.
Value unknownValue(llvm::StringRef Reference);
bool isUnknown(const Value &V);

/// One resource instance (a block of a resource kind; for_each makes several).
struct Resource {
  std::string Address;     ///< `cluster.analytics`, `user.dev["alice"]`
  std::string Kind;        ///< `cluster`
  std::string Name;        ///< the block label, `analytics`
  std::string InstanceKey; ///< for_each key, "" when not expanded
  std::string Provider;    ///< stable provider id from the schema, `foas.Cluster`
  /// Resolved attributes. Nested blocks are objects (`master.model`), or
  /// arrays of objects when the schema allows several. Policy statements are
  /// `statements: [{effect, actions: [...], resources: [...]}]`.
  Value Attributes = Value::object();
  std::vector<std::string> Dependencies; ///< addresses, sorted, unique
  std::vector<std::string> ForceNew;     ///< attribute paths forcing replacement
  std::vector<std::string> Sensitive;    ///< attribute paths never shown/stored in clear
  std::vector<std::string> Computed;     ///< attribute paths set by the service
  /// `lifecycle { prevent_destroy = true }`: the planner refuses to delete
  /// or replace it (docs/apply.md#lifecycle).
  bool PreventDestroy = false;
  /// `lifecycle { ignore_changes = [...] }`: paths whose differences (drift
  /// or configuration) never cause an update; sorted.
  std::vector<std::string> IgnoreChanges;

  // Provenance (not part of the JSON IR unless asked for; see docs/ir.md).
  std::string File;
  llvm::SMRange Range;     ///< the block header `cluster analytics`
  /// Source range of each attribute's value by path: `vpc`, `master.model`,
  /// `engines.installed[1]`, `statements[0].actions[2]`.
  std::map<std::string, llvm::SMRange> AttrRanges;

  /// The attribute's range, or the block's when it was not written.
  llvm::SMRange rangeOf(llvm::StringRef Path) const;
  /// Attributes[Path] with `.`-separated paths; null when absent.
  const Value &get(llvm::StringRef Path) const;
};

struct Output {
  std::string Name;
  Value Val;
  bool Sensitive = false;
  llvm::SMRange Range;
};

struct Variable {
  std::string Name;
  Value Val;
  bool Sensitive = false;
  llvm::SMRange Range;
};

/// A built-in (System) policy from stdlib (`builtin_policy NAME { … }`).
struct BuiltinPolicy {
  std::string Name;
  std::string Type; ///< "System" or "Custom"
  Value Statements = Value::array(); ///< same shape as a policy's statements
};

/// A `moved { from = … to = … }` block: the object stored at From is the
/// one configured at To (a renamed block label, a for_each key, a module).
/// Addresses are absolute (`module.prod.user.alice`); either may name a
/// whole for_each resource, in which case every instance moves.
struct Move {
  std::string From, To;
  std::string File;
  llvm::SMRange Range; ///< the `moved` header
};

struct Program {
  std::vector<Resource> Resources; ///< sorted by Address
  std::vector<Move> Moves;         ///< in declaration order, validated
  std::vector<Output> Outputs;     ///< sorted by Name
  std::vector<Variable> Variables; ///< sorted by Name
  /// The stdlib's `let` tables by name: slave_models, master_models,
  /// engine_versions, services, limits, errors, …
  std::map<std::string, Value> Std;
  std::map<std::string, BuiltinPolicy> Builtins;
  /// `provider NAME { … }` blocks by name (usually just "alicloud"):
  /// region, endpoint, caller (`"main"` or the address of the RAM user that
  /// runs rtcc, e.g. "user.ci_bot").
  std::map<std::string, Value> Providers;
  /// Source ranges of provider attributes, by "NAME.attr".
  std::map<std::string, llvm::SMRange> ProviderRanges;

  const Resource *find(llvm::StringRef Address) const;
  std::vector<const Resource *> ofKind(llvm::StringRef Kind) const;
  /// The stdlib table, or null JSON when absent.
  const Value &std(llvm::StringRef Name) const;
};

/// The IR as JSON (`rtcc check --emit=ir-json`), schema version 1, documented
/// in docs/ir.md. With Provenance, each resource gets file/line/column.
Value toJson(const Program &P, const llvm::SourceMgr *SM = nullptr);

/// J (toJson of P) with every sensitive attribute and variable shown as
/// "(sensitive)": the form for people and logs. toJson itself keeps the
/// values, because the configuration hash is defined over it.
void redactSecrets(Value &J, const Program &P);

} // namespace rtc::ir

#endif
