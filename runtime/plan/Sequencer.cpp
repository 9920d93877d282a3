//===- Sequencer.cpp - the order in which a plan is executed --------------===//
#include "rtc/Plan/Sequencer.h"
#include "JsonFields.h"
#include "rtc/Diag/Diagnostic.h"

#include <algorithm>
#include <deque>
#include <map>
#include <functional>
#include <optional>
#include <queue>
#include <set>

namespace rtc::plan {

namespace {

using nlohmann::json;

const json &at(const json &V, const char *A, const char *B) {
  static const json Null;
  if (!V.is_object() || !V.contains(A) || !V[A].is_object() ||
      !V[A].contains(B))
    return Null;
  return V[A][B];
}

std::vector<std::string> strings(const json &V) {
  std::vector<std::string> Out;
  if (V.is_array())
    for (const json &E : V)
      if (E.is_string())
        Out.push_back(E.get<std::string>());
  return Out;
}

/// Substitutes `{name}` placeholders of a stdlib error text.
std::string fill(std::string Text,
                 const std::vector<std::pair<std::string, std::string>> &Vars) {
  for (const auto &[K, V] : Vars) {
    std::string Pat = "{" + K + "}";
    for (size_t Pos; (Pos = Text.find(Pat)) != std::string::npos;)
      Text.replace(Pos, Pat.size(), V);
  }
  return Text;
}

bool onlyPathsUnder(const ResourceChange &C, const std::string &Top) {
  for (const AttributeChange &A : C.AttributeChanges)
    if (A.Path != Top && A.Path.compare(0, Top.size() + 1, Top + ".") != 0)
      return false;
  return !C.AttributeChanges.empty();
}

class Sequencer {
public:
  Sequencer(Plan &P, const ir::Program &Prog, const state::State *State)
      : P(P), Prog(Prog), State(State) {
    // Changes come sorted by address from the differ; look them up by
    // binary search then, and through a map otherwise.
    Sorted = std::is_sorted(P.Changes.begin(), P.Changes.end(),
                            [](const ResourceChange &A, const ResourceChange &B) {
                              return A.Address < B.Address;
                            });
    if (!Sorted)
      for (const ResourceChange &C : P.Changes)
        ByAddr[C.Address] = &C;
    const json &Lim = Prog.std("engine_limits");
    if (Lim.is_object() && Lim.contains("max_installed_versions") &&
        Lim["max_installed_versions"].is_number_integer())
      MaxVersions = Lim["max_installed_versions"].get<size_t>();
  }

  void run() {
    resourceSteps();
    indexJobsByCluster();
    for (const ResourceChange &C : P.Changes)
      if (C.Kind == "cluster" && C.Act != Action::Delete &&
          C.Act != Action::NoOp)
        engineSteps(C);
    sortSteps();
  }

private:
  Plan &P;
  const ir::Program &Prog;
  const state::State *State;
  bool Sorted = true;
  std::map<std::string, const ResourceChange *> ByAddr; // when !Sorted
  size_t MaxVersions = 3;
  std::vector<Step> Steps;
  std::map<std::string, size_t> CreateIdx, UpdateIdx, DeleteIdx;

  size_t add(Step S) {
    Steps.push_back(std::move(S));
    return Steps.size() - 1;
  }
  size_t addResource(const std::string &Addr, Action A) {
    Step S;
    S.Address = Addr;
    S.Act = A;
    return add(std::move(S));
  }
  void dep(size_t From, size_t On) {
    if (From != On)
      Steps[From].DependsOn.push_back(On);
  }
  void error(diag::ID Id, std::vector<std::string> Args, std::string Addr,
             std::string Path) {
    P.Errors.push_back(
        makePlanError(Id, std::move(Args), std::move(Addr), std::move(Path)));
  }

  /// Engine changes of clusters and jobs are domain steps, not resource
  /// updates (see engineSteps).
  bool needsResourceUpdate(const ResourceChange &C) const {
    if (C.Kind == "cluster")
      return !onlyPathsUnder(C, "engines");
    if (C.Kind == "job")
      return !onlyPathsUnder(C, "engine");
    return true;
  }

  void resourceSteps() {
    for (const ResourceChange &C : P.Changes) {
      switch (C.Act) {
      case Action::NoOp:
        break;
      case Action::Create:
        CreateIdx[C.Address] = addResource(C.Address, Action::Create);
        break;
      case Action::Update:
        if (needsResourceUpdate(C))
          UpdateIdx[C.Address] = addResource(C.Address, Action::Update);
        break;
      case Action::Replace: {
        size_t D = addResource(C.Address, Action::Delete);
        DeleteIdx[C.Address] = D;
        size_t Cr = addResource(C.Address, Action::Create);
        CreateIdx[C.Address] = Cr;
        dep(Cr, D);
        break;
      }
      case Action::Delete:
        DeleteIdx[C.Address] = addResource(C.Address, Action::Delete);
        break;
      }
    }
    // Parents are created or updated before their children.
    for (const ResourceChange &C : P.Changes) {
      for (auto *Map : {&CreateIdx, &UpdateIdx}) {
        auto Self = Map->find(C.Address);
        if (Self == Map->end())
          continue;
        for (const std::string &D : C.Dependencies) {
          if (auto It = CreateIdx.find(D); It != CreateIdx.end())
            dep(Self->second, It->second);
          if (auto It = UpdateIdx.find(D); It != UpdateIdx.end())
            dep(Self->second, It->second);
        }
      }
    }
    // Children are deleted (or moved away) before their parents: the
    // state's recorded dependencies say who the children were.
    if (DeleteIdx.empty())
      return;
    for (const ResourceChange &C : P.Changes) {
      if (C.Before.is_null())
        continue;
      const std::vector<std::string> &Deps =
          C.Act == Action::Delete ? C.Dependencies : stateDeps(C.Address);
      for (const std::string &Parent : Deps) {
        auto PD = DeleteIdx.find(Parent);
        if (PD == DeleteIdx.end())
          continue;
        if (auto It = DeleteIdx.find(C.Address); It != DeleteIdx.end())
          dep(PD->second, It->second);
        if (auto It = UpdateIdx.find(C.Address); It != UpdateIdx.end())
          dep(PD->second, It->second);
      }
    }
  }

  const std::vector<std::string> &stateDeps(const std::string &Addr) const {
    static const std::vector<std::string> None;
    const state::ResourceState *R = State ? State->find(Addr) : nullptr;
    return R ? R->Dependencies : None;
  }

  const ResourceChange *change(const std::string &Addr) const {
    if (!Sorted) {
      auto It = ByAddr.find(Addr);
      return It == ByAddr.end() ? nullptr : It->second;
    }
    auto It = std::lower_bound(
        P.Changes.begin(), P.Changes.end(), Addr,
        [](const ResourceChange &C, const std::string &A) { return C.Address < A; });
    return It != P.Changes.end() && It->Address == Addr ? &*It : nullptr;
  }

  /// The cluster a job runs on, before or after the change.
  std::string clusterOfJob(const ResourceChange &Job, bool After) const {
    const json &V = After ? Job.After : Job.Before;
    const ResourceChange *It = change(stringAt(V, "project"));
    if (!It)
      return "";
    const ResourceChange &Proj = *It;
    std::string C = stringAt(After ? Proj.After : Proj.Before, "cluster");
    return C.empty() ? stringAt(After ? Proj.Before : Proj.After, "cluster")
                     : C;
  }

  std::string nameOf(const std::string &Addr, bool After) const {
    const ResourceChange *It = change(Addr);
    if (!It)
      return Addr;
    std::string N = stringAt(After ? It->After : It->Before, "name");
    return N.empty() ? Addr : N;
  }

  /// Jobs (indices into P.Changes, in plan order) that run on a cluster
  /// before or after the change, so engineSteps looks at its own jobs only
  /// instead of every change once per cluster.
  std::map<std::string, std::vector<size_t>> JobsByCluster;

  void indexJobsByCluster() {
    for (size_t I = 0; I < P.Changes.size(); ++I) {
      const ResourceChange &J = P.Changes[I];
      if (J.Kind != "job")
        continue;
      std::string Before = J.Before.is_null() ? "" : clusterOfJob(J, false);
      std::string After = J.After.is_null() ? "" : clusterOfJob(J, true);
      if (!Before.empty())
        JobsByCluster[Before].push_back(I);
      if (!After.empty() && After != Before)
        JobsByCluster[After].push_back(I);
    }
  }

  struct Switch {
    std::string Job, From, To;
    bool Done = false;
    size_t Idx = 0;
  };

  void engineSteps(const ResourceChange &Cl) {
    bool Fresh = Cl.Act != Action::Update;
    std::vector<std::string> Installed =
        Fresh ? std::vector<std::string>()
              : strings(at(Cl.Before, "engines", "installed"));
    std::string Current =
        Fresh ? "" : at(Cl.Before, "engines", "current").is_string()
                         ? at(Cl.Before, "engines", "current").get<std::string>()
                         : "";
    std::vector<std::string> Target = strings(at(Cl.After, "engines", "installed"));
    std::string TargetCurrent =
        at(Cl.After, "engines", "current").is_string()
            ? at(Cl.After, "engines", "current").get<std::string>()
            : "";
    auto Has = [](const std::vector<std::string> &V, const std::string &X) {
      return std::find(V.begin(), V.end(), X) != V.end();
    };
    std::vector<std::string> Remove, Install;
    for (const std::string &V : Installed)
      if (!Has(Target, V))
        Remove.push_back(V);
    for (const std::string &V : Target)
      if (!Has(Installed, V))
        Install.push_back(V);

    // Jobs of this cluster: staying ones may switch versions; deleted or
    // replaced ones stop using theirs once deleted; new ones need theirs.
    std::vector<Switch> Switches;
    std::map<std::string, std::vector<size_t>> FreedBy; // version -> steps
    std::map<std::string, std::vector<std::string>> NewJobsOn;
    std::map<std::string, std::string> TargetUser; // version -> a job
    static const std::vector<size_t> NoJobs;
    auto Jobs = JobsByCluster.find(Cl.Address);
    for (size_t JI : Jobs == JobsByCluster.end() ? NoJobs : Jobs->second) {
      const ResourceChange &J = P.Changes[JI];
      std::string From = stringAt(J.Before, "engine"),
                  To = stringAt(J.After, "engine");
      if (To.empty())
        To = TargetCurrent;
      bool Before = !J.Before.is_null() && !Fresh &&
                    clusterOfJob(J, false) == Cl.Address;
      bool After = !J.After.is_null() && clusterOfJob(J, true) == Cl.Address;
      if (After && !To.empty() && !TargetUser.count(To))
        TargetUser[To] = J.Address;
      if (Before && (J.Act == Action::Delete || J.Act == Action::Replace))
        FreedBy[From].push_back(DeleteIdx.at(J.Address));
      if (After && (J.Act == Action::Create || J.Act == Action::Replace))
        NewJobsOn[To].push_back(J.Address);
      if (Before && After && J.Act != Action::Replace &&
          J.Act != Action::Delete && From != To && !From.empty())
        Switches.push_back({J.Address, From, To});
    }

    // Versions a job of the target configuration still uses stay.
    for (auto It = Remove.begin(); It != Remove.end();) {
      auto U = TargetUser.find(*It);
      if (U == TargetUser.end()) {
        ++It;
        continue;
      }
      std::string Job = U->second;
      const ResourceChange *JobChange = change(Job);
      std::string Project = stringAt(JobChange->After, "project");
      std::string Svc =
          fill(stringAt(Prog.std("errors"), "version_still_referenced"),
               {{"node", nameOf(Job, true)},
                {"project", nameOf(Project, true)},
                {"blink_version", *It}});
      error(diag::err_plan_uninstall_referenced, {*It, Cl.Address, Job, Svc},
            Cl.Address, "engines.installed");
      It = Remove.erase(It);
    }

    std::optional<size_t> Last;
    if (auto It = CreateIdx.find(Cl.Address); It != CreateIdx.end())
      Last = It->second;
    else if (auto It = UpdateIdx.find(Cl.Address); It != UpdateIdx.end())
      Last = It->second;
    std::map<std::string, size_t> InstallIdx;
    auto Chain = [&](Step S) {
      S.Cluster = Cl.Address;
      size_t I = add(std::move(S));
      if (Last)
        dep(I, *Last);
      Last = I;
      return I;
    };
    auto JobsOn = [&](const std::string &V) {
      unsigned N = 0;
      for (const Switch &S : Switches)
        N += (S.Done ? S.To : S.From) == V;
      return N;
    };

    for (bool Progress = true; Progress;) {
      Progress = false;
      for (Switch &S : Switches) {
        if (S.Done || !Has(Installed, S.To))
          continue;
        Step St;
        St.Kind = StepKind::SwitchJobEngine;
        St.Address = S.Job;
        St.Cluster = Cl.Address;
        St.From = S.From;
        St.To = S.To;
        S.Idx = add(std::move(St));
        if (auto It = InstallIdx.find(S.To); It != InstallIdx.end())
          dep(S.Idx, It->second);
        else if (Last)
          dep(S.Idx, *Last);
        if (auto It = UpdateIdx.find(S.Job); It != UpdateIdx.end())
          dep(It->second, S.Idx);
        S.Done = Progress = true;
      }
      for (auto It = Remove.begin(); It != Remove.end();) {
        if (*It == Current && !TargetCurrent.empty() &&
            Has(Installed, TargetCurrent)) {
          Step St;
          St.Kind = StepKind::SetCurrentEngine;
          St.Version = Current = TargetCurrent;
          Chain(std::move(St));
        }
        if (*It == Current || JobsOn(*It)) {
          ++It;
          continue;
        }
        Step St;
        St.Kind = StepKind::UninstallEngine;
        St.Version = *It;
        size_t I = Chain(std::move(St));
        for (const Switch &S : Switches)
          if (S.From == *It)
            dep(I, S.Idx);
        for (size_t D : FreedBy[*It])
          dep(I, D);
        Installed.erase(std::find(Installed.begin(), Installed.end(), *It));
        It = Remove.erase(It);
        Progress = true;
      }
      if (!Install.empty() && Installed.size() < MaxVersions) {
        Step St;
        St.Kind = StepKind::InstallEngine;
        St.Version = Install.front();
        size_t I = Chain(std::move(St));
        InstallIdx[Install.front()] = I;
        for (const std::string &Job : NewJobsOn[Install.front()])
          if (auto It = CreateIdx.find(Job); It != CreateIdx.end())
            dep(It->second, I);
        Installed.push_back(Install.front());
        Install.erase(Install.begin());
        Progress = true;
      }
    }
    if (!TargetCurrent.empty() && Current != TargetCurrent &&
        Has(Installed, TargetCurrent)) {
      Step St;
      St.Kind = StepKind::SetCurrentEngine;
      St.Version = Current = TargetCurrent;
      size_t I = Chain(std::move(St));
      // New jobs that rely on the default version wait for it.
      for (const std::string &Job : NewJobsOn[TargetCurrent])
        if (auto It = CreateIdx.find(Job); It != CreateIdx.end())
          dep(It->second, I);
    }

    if (!Install.empty()) {
      std::string Why, Hint;
      for (const std::string &V : Remove) {
        if (!Why.empty())
          Why += "; ";
        if (V == Current) {
          Why += "`" + V + "` is the current version until `" +
                 TargetCurrent + "` is installed";
          continue;
        }
        for (const Switch &S : Switches)
          if (!S.Done && S.From == V) {
            Why += "job `" + S.Job + "` runs on `" + V + "` until `" + S.To +
                   "` is installed";
            if (Hint.empty())
              Hint = "apply in two steps: first switch `" + S.Job +
                     "` to an installed version (e.g. `" +
                     (Installed.empty() ? V : Installed.back()) +
                     "`) and remove `" + V + "`, then install `" +
                     Install.front() + "`";
            break;
          }
      }
      if (Why.empty())
        Why = "every installed version stays in `installed`";
      if (Hint.empty())
        Hint = "remove a version from the cluster's `installed`, or uninstall "
               "one in an earlier apply";
      error(diag::err_plan_versions_exceeded,
            {Install.front(), Cl.Address, std::to_string(Installed.size() + 1),
             Why, stringAt(Prog.std("errors"), "versions_exceeded"), Hint},
            Cl.Address, "engines.installed");
    } else {
      for (const std::string &V : Remove)
        if (V == Current)
          error(diag::err_plan_uninstall_current, {V, Cl.Address}, Cl.Address,
                "engines.current");
    }
  }

  /// Kahn's algorithm; ties keep creation order, so plans are stable.
  void sortSteps() {
    size_t N = Steps.size();
    std::vector<std::vector<size_t>> Users(N);
    std::vector<size_t> Indeg(N, 0);
    for (size_t I = 0; I < N; ++I) {
      std::sort(Steps[I].DependsOn.begin(), Steps[I].DependsOn.end());
      Steps[I].DependsOn.erase(
          std::unique(Steps[I].DependsOn.begin(), Steps[I].DependsOn.end()),
          Steps[I].DependsOn.end());
      Indeg[I] = Steps[I].DependsOn.size();
      for (size_t D : Steps[I].DependsOn)
        Users[D].push_back(I);
    }
    // Lowest ready index first (a min-heap).
    std::priority_queue<size_t, std::vector<size_t>, std::greater<size_t>>
        Ready;
    for (size_t I = 0; I < N; ++I)
      if (!Indeg[I])
        Ready.push(I);
    std::vector<size_t> Order, NewIndex(N, SIZE_MAX);
    Order.reserve(N);
    while (!Ready.empty()) {
      size_t I = Ready.top();
      Ready.pop();
      NewIndex[I] = Order.size();
      Order.push_back(I);
      for (size_t U : Users[I])
        if (--Indeg[U] == 0)
          Ready.push(U);
    }
    if (Order.size() != N) {
      std::set<std::string> Cycle;
      for (size_t I = 0; I < N; ++I)
        if (NewIndex[I] == SIZE_MAX)
          Cycle.insert(Steps[I].Address.empty() ? Steps[I].Cluster
                                                : Steps[I].Address);
      std::string List;
      for (const std::string &A : Cycle)
        List += (List.empty() ? "" : ", ") + A;
      error(diag::err_plan_cycle, {List}, *Cycle.begin(), "");
      P.Steps.clear();
      return;
    }
    P.Steps.clear();
    P.Steps.reserve(N);
    for (size_t I : Order) {
      Step S = std::move(Steps[I]);
      for (size_t &D : S.DependsOn)
        D = NewIndex[D];
      std::sort(S.DependsOn.begin(), S.DependsOn.end());
      P.Steps.push_back(std::move(S));
    }
  }
};

} // namespace

void sequencePlan(Plan &P, const ir::Program &Prog, const state::State *State) {
  Sequencer S(P, Prog, State);
  S.run();
}

} // namespace rtc::plan
