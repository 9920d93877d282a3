//===- Planner.cpp - build a plan from the IR and the state ---------------===//
#include "rtc/Plan/Planner.h"
#include "rtc/Plan/DangerousChanges.h"
#include "rtc/Diag/Diagnostic.h"
#include "rtc/Diag/EditDistance.h"
#include "rtc/Plan/Differ.h"
#include "rtc/Plan/Moves.h"
#include "rtc/Plan/OrderBinding.h"
#include "rtc/Plan/Replacement.h"
#include "rtc/Plan/Sequencer.h"
#include "rtc/State/Sensitive.h"

#include <map>
#include <optional>
#include <set>

namespace rtc::plan {

namespace {

using nlohmann::json;

long long number(const json &V) {
  return V.is_number() ? V.get<long long>() : 0;
}

/// usable_cu of the slave model × slave count, or -1 without a cluster.
long long usableCu(const json &Attrs, const json &SlaveModels) {
  if (!Attrs.is_object() || !Attrs.contains("slave"))
    return -1;
  const json &Slave = Attrs["slave"];
  if (!Slave.is_object() || !Slave.contains("model") ||
      !Slave["model"].is_string() || !SlaveModels.is_object())
    return -1;
  auto It = SlaveModels.find(Slave["model"].get<std::string>());
  if (It == SlaveModels.end() || !It->is_object())
    return -1;
  return number((*It)["usable_cu"]) * number(Slave.value("count", json(0)));
}

void summarizeCu(Plan &P, const ir::Program &Prog) {
  const json &Models = Prog.std("slave_models");
  std::map<std::string, CuSummary> ByCluster;
  for (const ResourceChange &C : P.Changes) {
    if (C.Kind != "cluster")
      continue;
    CuSummary &S = ByCluster[C.Address];
    S.Cluster = C.Address;
    S.UsableBefore = usableCu(C.Before, Models);
    S.UsableAfter = usableCu(C.After, Models);
  }
  for (const ResourceChange &C : P.Changes) {
    if (C.Kind != "project")
      continue;
    auto Add = [&](const json &V, bool After) {
      if (!V.is_object() || !V.contains("cluster") || !V["cluster"].is_string())
        return;
      auto It = ByCluster.find(V["cluster"].get<std::string>());
      if (It == ByCluster.end())
        return;
      (After ? It->second.ProjectsAfter : It->second.ProjectsBefore) +=
          number(V.value("cu", json(0)));
    };
    Add(C.Before, false);
    Add(C.After, true);
  }
  for (auto &KV : ByCluster)
    P.Cu.push_back(KV.second);
}

/// Keeps the changes selected by -target / -exclude, explaining additions.
void applyTargets(std::vector<ResourceChange> &Changes, const PlanOptions &O,
                  std::vector<std::string> &Notes,
                  std::vector<std::string> &Unmatched) {
  if (O.Targets.empty() && O.Excludes.empty())
    return;
  std::map<std::string, const ResourceChange *> ByAddr;
  std::map<std::string, std::vector<std::string>> Dependents;
  for (const ResourceChange &C : Changes) {
    ByAddr[C.Address] = &C;
    for (const std::string &D : C.Dependencies)
      Dependents[D].push_back(C.Address);
  }
  auto Matching = [&](const std::string &Pat) {
    std::vector<std::string> Out;
    for (const ResourceChange &C : Changes)
      if (addressMatches(C.Address, Pat))
        Out.push_back(C.Address);
    if (Out.empty())
      Unmatched.push_back(Pat);
    return Out;
  };
  std::set<std::string> Keep;
  if (O.Targets.empty()) {
    for (const ResourceChange &C : Changes)
      Keep.insert(C.Address);
  } else {
    std::vector<std::string> Work;
    for (const std::string &T : O.Targets)
      for (const std::string &A : Matching(T))
        if (Keep.insert(A).second)
          Work.push_back(A);
    while (!Work.empty()) {
      std::string A = Work.back();
      Work.pop_back();
      const ResourceChange &C = *ByAddr.at(A);
      // What a target needs must exist first; what is destroyed with a
      // target (its dependents) must go first.
      if (C.Act != Action::Delete)
        for (const std::string &D : C.Dependencies) {
          auto It = ByAddr.find(D);
          if (It == ByAddr.end() || It->second->Act == Action::NoOp ||
              !Keep.insert(D).second)
            continue;
          Notes.push_back("also planning " + D + " because " + A +
                          " depends on it");
          Work.push_back(D);
        }
      if (C.Act == Action::Delete || C.Act == Action::Replace)
        for (const std::string &D : Dependents[A]) {
          auto It = ByAddr.find(D);
          if (It == ByAddr.end() ||
              (It->second->Act != Action::Delete &&
               It->second->Act != Action::Replace) ||
              !Keep.insert(D).second)
            continue;
          Notes.push_back("also planning " + D + " because it depends on " +
                          A + ", which is " +
                          (C.Act == Action::Delete ? "destroyed" : "replaced"));
          Work.push_back(D);
        }
    }
  }
  std::vector<std::string> Work;
  for (const std::string &X : O.Excludes)
    for (const std::string &A : Matching(X))
      if (Keep.erase(A))
        Work.push_back(A);
  while (!Work.empty()) {
    std::string A = Work.back();
    Work.pop_back();
    // An excluded delete keeps its object, so what it depends on stays too
    // (destroy -exclude); any other excluded change leaves its dependents
    // without it.
    if (ByAddr.at(A)->Act == Action::Delete) {
      for (const std::string &D : ByAddr.at(A)->Dependencies) {
        auto It = ByAddr.find(D);
        if (It != ByAddr.end() && It->second->Act == Action::Delete &&
            Keep.erase(D)) {
          Notes.push_back("also keeping " + D + " because " + A +
                          ", which is kept, depends on it");
          Work.push_back(D);
        }
      }
      continue;
    }
    for (const std::string &D : Dependents[A])
      if (Keep.erase(D)) {
        Notes.push_back("also excluding " + D + " because it depends on " + A);
        Work.push_back(D);
      }
  }
  std::vector<ResourceChange> Out;
  for (ResourceChange &C : Changes)
    if (Keep.count(C.Address))
      Out.push_back(std::move(C));
  Changes = std::move(Out);
}

/// RTC0515 for each -replace address that names nothing; a note for one
/// that names only objects still to be created (nothing to replace).
void checkReplaceAddresses(Plan &P, const std::vector<std::string> &Replace) {
  std::vector<std::string> Known;
  for (const ResourceChange &C : P.Changes) {
    Known.push_back(C.Address);
    // `user.devs` for `user.devs["a"]`: a mistyped resource name is closer
    // to it than to any one instance.
    size_t Key = C.Address.find('[');
    if (Key != std::string::npos)
      Known.push_back(C.Address.substr(0, Key));
  }
  for (const std::string &R : Replace) {
    bool Any = false, Stored = false;
    for (const ResourceChange &C : P.Changes)
      if (addressMatches(C.Address, R)) {
        Any = true;
        Stored |= C.Act != Action::Create;
      }
    if (!Any) {
      std::optional<std::string> Best = closestMatch(R, Known);
      P.Errors.push_back(makePlanError(
          diag::err_plan_unknown_replace,
          {R, Best ? "; did you mean `" + *Best + "`?" : std::string()}, ""));
    } else if (!Stored) {
      P.Notes.push_back("-replace=" + R +
                        ": the state holds no object there yet, so it is "
                        "created, not replaced");
    }
  }
}

/// A destroy plan deletes because destroy was asked, not because the
/// configuration lost the block (issue 17: honest wording).
void explainDestroy(std::vector<ResourceChange> &Changes) {
  for (ResourceChange &C : Changes)
    if (C.Act == Action::Delete)
      C.Reasons = {"destroy was requested"};
}

} // namespace

ir::Program destroyProgram(const ir::Program &Prog) {
  ir::Program Out = Prog;
  Out.Resources.clear();
  Out.Outputs.clear();
  return Out;
}

bool addressMatches(const std::string &Address, const std::string &Pattern) {
  if (Address.compare(0, Pattern.size(), Pattern) != 0)
    return false;
  return Address.size() == Pattern.size() || Address[Pattern.size()] == '[' ||
         (Pattern.rfind("module.", 0) == 0 && Address[Pattern.size()] == '.');
}

Plan makePlan(const ir::Program &Prog, const state::State *State,
              const PlanOptions &Opts) {
  Plan P;
  if (State) {
    P.PriorLineage = State->Lineage;
    P.PriorSerial = State->Serial;
  }
  // Time spent before this call belongs to the caller's last phase.
  auto Mark = [&](const char *Phase) {
    if (Opts.Timer)
      Opts.Timer->mark(Phase);
  };
  P.ConfigHash = configHash(Prog);
  for (const ir::Variable &V : Prog.Variables)
    P.Variables[V.Name] = V.Sensitive ? state::hashSensitive(V.Val) : V.Val;
  Mark("plan: config hash");
  // Moved objects are diffed at their new address; apply renames them.
  state::State Moved;
  if (State && !Prog.Moves.empty()) {
    P.Moves = resolveMoves(Prog.Moves, *State, P.Notes);
    if (!P.Moves.empty()) {
      Moved = *State;
      applyMoves(Moved, P.Moves);
      State = &Moved;
    }
  }
  P.Changes = diffResources(Prog, State, Opts.Replace);
  P.Replaces = Opts.Replace;
  P.Destroy = Opts.Destroy;
  checkReplaceAddresses(P, Opts.Replace);
  if (Opts.Destroy)
    explainDestroy(P.Changes);
  Mark("plan: diff");
  std::vector<std::string> Unmatched;
  applyTargets(P.Changes, Opts, P.Notes, Unmatched);
  P.Targets = Opts.Targets;
  P.Excludes = Opts.Excludes;
  for (const std::string &U : Unmatched) {
    PlanError E;
    E.Code = diag::getInfo(diag::err_plan_unknown_target).Code.str();
    E.DiagId = diag::err_plan_unknown_target;
    E.Args = {U};
    E.Message = diag::formatMessage(
        diag::getInfo(diag::err_plan_unknown_target).Format, E.Args);
    E.Hint = diag::formatMessage(
        diag::getInfo(diag::err_plan_unknown_target).HintFormat, E.Args);
    P.Errors.push_back(std::move(E));
  }
  checkIdentityConflicts(P);
  explainUnchangeable(P.Changes, Prog);
  checkReplacementOrders(P, Prog);
  describeOrderUse(P, Prog);
  describeQueueUse(P, Prog);
  checkPreventDestroy(P, Opts.Lifecycle ? *Opts.Lifecycle : Prog);
  flagDangerous(P.Changes, Prog);
  for (ResourceChange &C : P.Changes) {
    switch (C.Act) {
    case Action::Create: ++P.Counts.Add; break;
    case Action::Update: ++P.Counts.Change; break;
    case Action::Replace: ++P.Counts.Add; ++P.Counts.Destroy; break;
    case Action::Delete: ++P.Counts.Destroy; break;
    case Action::NoOp: break;
    }
  }
  summarizeCu(P, Prog);
  Mark("plan: targets, danger, CU");
  sequencePlan(P, Prog, State);
  Mark("plan: sequence");
  return P;
}

} // namespace rtc::plan
