//===- RoleRules.cpp - the service role AliyunStreamDefaultRole -----------===//
//
// docs/service.md#shared-role (shared mode: AliyunStreamRolePolicy), §4 (exclusive mode:
// the VPC/ECS policy and AliyunOSSFullAccess; the two security-group
// actions may go once the cluster exists). The role's name, trust, policies
// per mode and removable actions come from `stream_role` in
// builtin_policies.rtc. Whether the role "carries" a policy is decided by
// rtcc_policy's Evaluator: every action of the required policy must be
// allowed by what is attached to the role, so a custom copy counts too.
//
//===----------------------------------------------------------------------===//
#include "RuleContext.h"
#include "rtc/Policy/Evaluator.h"
#include "rtc/Policy/Wildcard.h"
#include <algorithm>

namespace rtc::rules {

namespace {

struct Modes {
  bool Shared = false, Exclusive = false;
  const ir::Resource *First = nullptr; ///< where a missing role is reported
};

Modes modesOf(const RuleContext &C) {
  Modes M;
  for (const ir::Resource &R : C.P.Resources) {
    if (R.Kind != "project" && R.Kind != "cluster" && R.Kind != "job")
      continue;
    if (!M.First)
      M.First = &R;
    if (R.Kind == "cluster" || (R.Kind == "project" && !R.get("cluster").is_null()))
      M.Exclusive = true;
    if (R.Kind == "project" && !R.get("order").is_null())
      M.Shared = true;
  }
  if (M.First && !M.Shared && !M.Exclusive)
    M.Shared = true; // jobs alone: their project is elsewhere; ask for the shared policy
  return M;
}

std::vector<std::string> requiredPolicies(const RuleContext &C, const Modes &M) {
  std::vector<std::string> Out;
  if (M.Shared)
    for (const std::string &N : stringList(C.table("stream_role", "shared_policies")))
      Out.push_back(N);
  if (M.Exclusive)
    for (const std::string &N : stringList(C.table("stream_role", "exclusive_policies")))
      Out.push_back(N);
  return Out;
}

std::string roleBlock(const RuleContext &C, const std::string &Name,
                      const std::vector<std::string> &Policies) {
  std::string Trust, List;
  for (const std::string &T : stringList(C.table("stream_role", "trust")))
    Trust += (Trust.empty() ? "\"" : ", \"") + T + "\"";
  for (const std::string &P : Policies)
    List += (List.empty() ? "builtin." : ", builtin.") + P;
  return "  role stream_default {\n    name     = \"" + Name + "\"\n    trust    = [" +
         Trust + "]\n    policies = [" + List + "]\n  }";
}

std::string joined(const std::vector<std::string> &Names) {
  std::string Out;
  for (const std::string &N : Names)
    Out += (Out.empty() ? "" : "`, `") + N;
  return Out;
}

/// docs/service.md#exclusive-role: a role without the security-group actions
/// works once the clusters exist. Without state (check) that is a warning
/// about creating a cluster; with state, an error for each cluster the plan
/// would create.
void checkCreateOnlyActions(RuleContext &C, const ir::Resource &Role,
                            const std::vector<std::string> &Lacking,
                            const std::string &PolicyName) {
  std::vector<const ir::Resource *> Clusters = C.P.ofKind("cluster");
  if (Clusters.empty())
    return; // nothing here is created with this role
  if (!C.Opts.StateKnown) {
    C.Diags.report(Role.rangeOf("policies"),
                   diag::warn_role_cannot_create_cluster)
        << displayName(Role) << joined(Lacking)
        << displayName(*Clusters.front());
    return;
  }
  for (const ir::Resource *Cl : Clusters)
    if (!C.Opts.ExistingClusters.count(Cl->Address))
      C.Diags.report(Cl->Range, diag::err_role_cannot_create_cluster)
          << displayName(*Cl) << displayName(Role) << joined(Lacking)
          << PolicyName;
}

void checkCarries(RuleContext &C, const ir::Resource &Role,
                  const std::vector<policy::AttachedPolicy> &Attached,
                  const std::string &PolicyName, const char *Mode) {
  auto It = C.P.Builtins.find(PolicyName);
  if (It == C.P.Builtins.end())
    return;
  std::vector<std::string> CreateOnly =
      stringList(C.table("stream_role", "removable_after_cluster"));
  std::vector<std::string> Missing, MissingCreateOnly;
  size_t Total = 0;
  for (const ir::Value &S : It->second.Statements) {
    if (!S.is_object() || S.value("effect", "Allow") != "Allow")
      continue;
    for (const std::string &A : stringList(S.contains("actions") ? S["actions"] : ir::Value())) {
      ++Total;
      if (policy::evaluate(Attached, {A, "*"}).allowed())
        continue;
      bool IsCreateOnly = std::find(CreateOnly.begin(), CreateOnly.end(), A) !=
                          CreateOnly.end();
      (IsCreateOnly ? MissingCreateOnly : Missing).push_back(A);
    }
  }
  if (!Missing.empty()) {
    C.Diags.report(Role.rangeOf("policies"),
                   diag::err_stream_role_missing_policy)
        << displayName(Role) << Missing.size() + MissingCreateOnly.size()
        << Total << PolicyName << Mode << Missing.front();
    return;
  }
  if (!MissingCreateOnly.empty())
    checkCreateOnlyActions(C, Role, MissingCreateOnly, PolicyName);
}

/// RTC0356 is advice for a running cluster: `check` shows it, `plan` only
/// when the state shows every cluster of the configuration created, `apply`
/// never (the plan already said it).
bool leastPrivilegeActionable(const RuleContext &C) {
  if (!C.Opts.LeastPrivilegeRemarks)
    return false;
  if (!C.Opts.StateKnown)
    return true;
  for (const ir::Resource *Cl : C.P.ofKind("cluster"))
    if (!C.Opts.ExistingClusters.count(Cl->Address))
      return false;
  return true;
}

/// docs/service.md#exclusive-role: the security-group actions are only needed to create the
/// cluster. Reported where they are granted.
void remarkRemovable(RuleContext &C, const ir::Resource &Role,
                     const std::vector<policy::AttachedPolicy> &Attached,
                     const ir::Resource &Cluster) {
  // Shared mode's system policy grants them too, but cannot be edited.
  std::vector<std::string> Shared = stringList(C.table("stream_role", "shared_policies"));
  std::vector<policy::AttachedPolicy> Editable;
  for (const policy::AttachedPolicy &A : Attached) {
    const std::string &Addr = A.Chain.back();
    bool IsShared = false;
    for (const std::string &S : Shared)
      IsShared |= Addr == "builtin." + S;
    if (!IsShared)
      Editable.push_back(A);
  }
  const ir::Value &Refs = Role.get("policies");
  for (const std::string &Action : stringList(C.table("stream_role", "removable_after_cluster"))) {
    policy::Decision D = policy::evaluate(Editable, {Action, "*"});
    if (!D.allowed() || D.Determining.empty())
      continue;
    const policy::StatementRef &By = D.Determining.front();
    const std::string &Addr = Editable[By.Policy].Chain.back();
    const PolicyEntry *E = C.policyAt(Addr);
    llvm::SMRange Range = Role.rangeOf("policies");
    std::string Hint;
    if (E && E->Res) {
      Range = By.Range;
      for (const policy::LocatedString &A : E->Doc.Statements[By.Statement].Actions)
        if (policy::actionMatches(A.Value, Action) && A.Range.isValid()) {
          Range = A.Range;
          break;
        }
      Hint = "after the cluster is running, remove it from policy `" + E->Doc.Name +
             "` (docs/service.md#exclusive-role)";
    } else if (Refs.is_array()) {
      for (size_t I = 0; I < Refs.size(); ++I)
        if (addressOf(Refs[I]) == Addr)
          Range = Role.rangeOf("policies[" + std::to_string(I) + "]");
    }
    DiagnosticBuilder B = C.Diags.report(Range, diag::remark_removable_after_cluster);
    B << Action << displayName(Cluster) << (E ? E->Doc.Name : Addr);
    if (!Hint.empty())
      B.hint(Hint);
  }
}

} // namespace

void checkRoles(RuleContext &C) {
  Modes M = modesOf(C);
  auto RoleName = asString(C.table("stream_role", "name"));
  if (!M.First || !RoleName)
    return;
  const ir::Resource *Role = nullptr;
  for (const ir::Resource *R : C.P.ofKind("role"))
    if (displayName(*R) == *RoleName)
      Role = R;
  std::vector<std::string> Required = requiredPolicies(C, M);
  if (!Role && C.Opts.StateKnown && C.Opts.ExistingRoleNames.count(*RoleName)) {
    // The state holds the role: this is its delete, which the planner marks
    // dangerous (protected_roles) and `-allow-dangerous` lets through.
    C.Diags.report(M.First->Range, diag::warn_stream_role_deleted) << *RoleName;
    return;
  }
  if (!Role) {
    C.Diags.report(M.First->Range, diag::err_missing_stream_role)
        << *RoleName << roleBlock(C, *RoleName, Required);
    return;
  }
  std::vector<std::string> Trust = stringList(Role->get("trust"));
  for (const std::string &T : stringList(C.table("stream_role", "trust")))
    if (std::find(Trust.begin(), Trust.end(), T) == Trust.end())
      C.Diags.report(Role->rangeOf("trust"), diag::err_stream_role_trust)
          << *RoleName << T;
  std::vector<policy::AttachedPolicy> Attached = attachedPolicies(C, Role->Address);
  std::vector<std::string> SharedNames = stringList(C.table("stream_role", "shared_policies"));
  for (const std::string &P : Required) {
    bool IsShared = std::find(SharedNames.begin(), SharedNames.end(), P) != SharedNames.end();
    checkCarries(C, *Role, Attached, P, IsShared ? "shared" : "exclusive");
  }
  if (M.Exclusive && leastPrivilegeActionable(C))
    for (const ir::Resource *Cl : C.P.ofKind("cluster")) {
      remarkRemovable(C, *Role, Attached, *Cl);
      break; // one remark per action: the first cluster names the moment
    }
}

} // namespace rtc::rules
