//===- Executor.cpp - the parallel walk of a plan's steps -----------------===//
#include "rtc/Exec/Executor.h"
#include "StateSaver.h"
#include "rtc/Cloud/CloudError.h"
#include "rtc/Exec/Attributes.h"
#include "rtc/Plan/ManualSteps.h"
#include "rtc/Plan/Moves.h"

#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

namespace rtc::exec {

using Clock = std::chrono::steady_clock;
using nlohmann::json;
using plan::Action;
using plan::StepKind;
using state::ResourceState;

static std::string stepOperation(const plan::Step &S) {
  switch (S.Kind) {
  case StepKind::Resource:
    return plan::actionName(S.Act);
  case StepKind::InstallEngine:
    return "install engine " + S.Version;
  case StepKind::UninstallEngine:
    return "uninstall engine " + S.Version;
  case StepKind::SetCurrentEngine:
    return "set current engine " + S.Version;
  case StepKind::SwitchJobEngine:
    return "switch engine to " + S.To;
  }
  return "step";
}

std::string operationOf(const plan::Step &S) {
  return (S.Manual ? "check manual step: " : "") + stepOperation(S);
}

StepFailure failureFrom(llvm::Error E, std::string Address,
                        std::string Operation) {
  StepFailure F;
  F.Address = std::move(Address);
  F.Operation = std::move(Operation);
  if (E.isA<cloud::CloudError>()) {
    cloud::CloudError C = cloud::takeCloudError(std::move(E));
    F.Code = C.Code;
    F.Message = C.Message;
    F.RequestId = C.RequestId;
  } else {
    F.Message = llvm::toString(std::move(E));
  }
  return F;
}

namespace {

llvm::Error stepError(const llvm::Twine &Msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Msg);
}

/// Only attribute names (the part before `.` or `[`) are stored as sensitive.
std::vector<std::string> topLevel(const std::vector<std::string> &Paths) {
  std::vector<std::string> Out;
  for (const std::string &P : Paths)
    Out.push_back(P.substr(0, P.find_first_of(".[")));
  std::sort(Out.begin(), Out.end());
  Out.erase(std::unique(Out.begin(), Out.end()), Out.end());
  return Out;
}

class Walk {
public:
  Walk(const plan::Plan &P, state::State Start, provider::Providers &Prov,
       ExecObserver &Obs, const ExecOptions &Opts)
      : P(P), Prov(Prov), Obs(Obs), Opts(Opts), N(P.Steps.size()),
        Remaining(N, 0), Users(N), Status(N, Waiting), Since(N), LastStill(N) {
    for (ResourceState &R : Start.Resources) {
      std::string A = R.Address; // the move below empties R first (C++17)
      Live[A] = std::make_shared<const ResourceState>(std::move(R));
    }
    for (const plan::ResourceChange &C : P.Changes)
      ChangeOf[C.Address] = &C;
    recordIntents(Start);
    Start.Resources.clear();
    Base = std::move(Start);
    for (size_t I = 0; I < N; ++I) {
      Remaining[I] = P.Steps[I].DependsOn.size();
      for (size_t D : P.Steps[I].DependsOn)
        Users[D].push_back(I);
      if (!Remaining[I]) {
        Status[I] = Ready;
        Queue.push_back(I);
      }
    }
  }

  ExecResult run(const PersistFn &Persist) {
    // The intents of this run's creates are durable before the first call:
    // one save for the whole plan, so recording them costs one write, not
    // one per create.
    if (NewIntents) {
      state::State S = snapshot();
      if (llvm::Error E = Persist(S)) {
        ExecResult R;
        R.PersistError = llvm::toString(std::move(E));
        for (size_t I = 0; I < N; ++I)
          skip(I, "the state could not be saved");
        R.Skipped = SkippedCount;
        return R;
      }
    }
    StateSaver Saver([this] { return snapshot(); }, Persist);
    this->Saver = &Saver;
    unsigned Workers = std::max(
        1u, std::min<unsigned>(Opts.Parallelism, static_cast<unsigned>(N)));
    std::vector<std::thread> Pool;
    for (unsigned I = 0; I < Workers && N; ++I)
      Pool.emplace_back([this] { work(); });
    std::thread Ticker([this] { tick(); });
    for (std::thread &T : Pool)
      T.join();
    {
      std::lock_guard<std::mutex> L(M);
      AllDone = true;
    }
    CV.notify_all();
    Ticker.join();

    for (size_t I = 0; I < N; ++I)
      if (Status[I] == Waiting || Status[I] == Ready) {
        skip(I, stopRequested() ? "interrupted before it started"
                                : "the state could not be saved");
        dropIntentOfUnstarted(I);
      }
    ExecResult R;
    R.PersistError = Saver.finish(R.Final);
    R.Succeeded = Succeeded;
    R.Failed = static_cast<unsigned>(Failures.size());
    R.Skipped = SkippedCount;
    R.Failures = std::move(Failures);
    // Every manual step not done, whether the console has not acted or it
    // waited behind one that was not.
    for (size_t I = 0; I < N; ++I)
      if (P.Steps[I].Manual && Status[I] != Succeeded_)
        R.Outstanding.push_back({P.Steps[I].Cluster, liveAction(I)});
    return R;
  }

private:
  enum StepStatus {
    Waiting,
    Ready,
    Running,
    Succeeded_,
    Failed_,
    Skipped_,
    Outstanding_
  };

  /// Keeps the states a step looked up alive while it uses them.
  struct Pins {
    std::mutex M;
    std::vector<std::shared_ptr<const ResourceState>> Held;
  };

  void work() {
    std::unique_lock<std::mutex> L(M);
    for (;;) {
      CV.wait(L, [&] {
        return !Queue.empty() || Active == 0 || Saver->failed() ||
               stopRequested();
      });
      if (Queue.empty() || Saver->failed() || stopRequested())
        return CV.notify_all();
      size_t I = Queue.front();
      Queue.pop_front();
      Status[I] = Running;
      Since[I] = LastStill[I] = Clock::now();
      ++Active;
      if (Opts.Running)
        ++*Opts.Running;
      L.unlock();
      std::optional<StepFailure> F = runStep(I);
      std::string Action = P.Steps[I].Manual ? liveAction(I) : "";
      L.lock();
      --Active;
      if (Opts.Running)
        --*Opts.Running;
      if (F) {
        Status[I] = Failed_;
        Failures.push_back(*F);
        skipDependents(I, F->Address + ", which failed");
      } else if (NotDone.count(I)) {
        Status[I] = Outstanding_;
        skipDependents(I, "the manual step `" + Action +
                              "`, which is not done yet");
      } else {
        Status[I] = Succeeded_;
        ++Succeeded;
        for (size_t U : Users[I])
          if (--Remaining[U] == 0 && Status[U] == Waiting) {
            Status[U] = Ready;
            Queue.push_back(U);
          }
      }
      CV.notify_all();
    }
  }

  /// Every step that (transitively) needs step I, which did not succeed.
  void skipDependents(size_t I, const std::string &Culprit) {
    std::vector<size_t> Work(Users[I].begin(), Users[I].end());
    while (!Work.empty()) {
      size_t U = Work.back();
      Work.pop_back();
      if (Status[U] != Waiting)
        continue;
      skip(U, "depends on " + Culprit);
      dropIntentOfUnstarted(U);
      Work.insert(Work.end(), Users[U].begin(), Users[U].end());
    }
  }

  bool stopRequested() const { return Opts.Stop && Opts.Stop->load(); }

  /// Adds an intent for every create of the plan; intents of an earlier,
  /// interrupted run stay while this plan still creates their address.
  void recordIntents(const state::State &Start) {
    for (const state::PendingCreate &PC : Start.Pending)
      if (auto It = ChangeOf.find(PC.Address);
          It != ChangeOf.end() && (It->second->Act == Action::Create ||
                                   It->second->Act == Action::Replace)) {
        Intents[PC.Address] = PC;
        Inherited.insert(PC.Address);
      }
    for (const plan::Step &S : P.Steps) {
      if (S.Kind != StepKind::Resource || S.Act != Action::Create)
        continue;
      auto It = ChangeOf.find(S.Address);
      if (It == ChangeOf.end())
        continue;
      const plan::ResourceChange &C = *It->second;
      state::PendingCreate PC{S.Address, C.Kind, desiredCloudName(C)};
      auto Old = Intents.find(S.Address);
      if (Old != Intents.end() && Old->second == PC)
        continue;
      // A different object now: the old intent no longer proves anything.
      Inherited.erase(S.Address);
      Intents[S.Address] = std::move(PC);
      NewIntents = true;
    }
    if (Start.Pending.size() != Inherited.size())
      NewIntents = true; // stale intents are dropped with the first save
  }

  static std::string desiredCloudName(const plan::ResourceChange &C) {
    if (C.After.is_object())
      if (auto It = C.After.find("name");
          It != C.After.end() && It->is_string())
        return It->get<std::string>();
    return nameFromAddress(C.Address);
  }

  /// A create that never ran leaves nothing in the cloud, unless an earlier
  /// run's intent says it may have. Called with M held, or after the
  /// workers stopped.
  void dropIntentOfUnstarted(size_t I) {
    const plan::Step &S = P.Steps[I];
    if (S.Kind == StepKind::Resource && S.Act == Action::Create &&
        !Inherited.count(S.Address))
      Intents.erase(S.Address);
  }

  void skip(size_t I, const std::string &Why) {
    Status[I] = Skipped_;
    ++SkippedCount;
    const plan::Step &S = P.Steps[I];
    ExecEvent E;
    E.Type = EventType::Skipped;
    E.Address = S.Address.empty() ? S.Cluster : S.Address;
    E.Operation = operationOf(S);
    E.Message = Why;
    Obs.onEvent(E);
  }

  /// Reports "Still creating..." for steps running longer than StillEvery.
  void tick() {
    std::unique_lock<std::mutex> L(M);
    for (;;) {
      CV.wait_for(L, std::min(Opts.StillEvery, std::chrono::milliseconds(1000)),
                  [&] { return AllDone; });
      if (AllDone)
        return;
      std::vector<ExecEvent> Due;
      auto Now = Clock::now();
      for (size_t I = 0; I < N; ++I) {
        if (Status[I] != Running || Now - LastStill[I] < Opts.StillEvery)
          continue;
        LastStill[I] = Now;
        ExecEvent E;
        E.Type = EventType::Still;
        E.Address = P.Steps[I].Address.empty() ? P.Steps[I].Cluster
                                               : P.Steps[I].Address;
        E.Operation = operationOf(P.Steps[I]);
        E.Message = LastStatus[I];
        E.Elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
            Now - Since[I]);
        Due.push_back(std::move(E));
      }
      L.unlock();
      for (const ExecEvent &E : Due)
        Obs.onEvent(E);
      L.lock();
    }
  }

  state::State snapshot() {
    std::lock_guard<std::mutex> L(M);
    state::State S = Base;
    S.Resources.reserve(Live.size());
    for (auto &KV : Live)
      S.Resources.push_back(*KV.second);
    S.Pending.clear();
    for (auto &KV : Intents)
      S.Pending.push_back(KV.second);
    return S;
  }

  std::shared_ptr<const ResourceState> find(const std::string &Address) {
    std::lock_guard<std::mutex> L(M);
    auto It = Live.find(Address);
    return It == Live.end() ? nullptr : It->second;
  }

  provider::RefLookup lookupFor(std::shared_ptr<Pins> Pin) {
    return [this, Pin](const std::string &A) -> const ResourceState * {
      std::shared_ptr<const ResourceState> R = find(A);
      if (!R)
        return Opts.Fallback ? Opts.Fallback(A) : nullptr;
      std::lock_guard<std::mutex> L(Pin->M);
      Pin->Held.push_back(R);
      return R.get();
    };
  }

  void store(ResourceState R) {
    {
      std::lock_guard<std::mutex> L(M);
      std::string A = R.Address;
      Intents.erase(A); // the resource itself now records the object
      Live[A] = std::make_shared<const ResourceState>(std::move(R));
    }
    Saver->markDirty();
  }

  void forget(const std::string &Address) {
    {
      std::lock_guard<std::mutex> L(M);
      Live.erase(Address);
    }
    Saver->markDirty();
  }

  provider::ProgressFn progressFor(size_t I, const std::string &Address,
                                   const std::string &Op) {
    return [this, I, Address, Op](const std::string &Status) {
      {
        std::lock_guard<std::mutex> L(M);
        if (LastStatus[I] == Status)
          return;
        LastStatus[I] = Status;
      }
      ExecEvent E;
      E.Type = EventType::Progress;
      E.Address = Address;
      E.Operation = Op;
      E.Message = Status;
      Obs.onEvent(E);
    };
  }

  std::optional<StepFailure> runStep(size_t I) {
    const plan::Step &S = P.Steps[I];
    std::string Address = S.Address.empty() ? S.Cluster : S.Address;
    std::string Op = operationOf(S);
    ExecEvent E;
    E.Type = EventType::Start;
    E.Address = Address;
    E.Operation = Op;
    Obs.onEvent(E);
    auto Start = Clock::now();
    std::string Detail;
    llvm::Error Err = dispatch(I, S, Detail);
    E.Elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        Clock::now() - Start);
    if (Err) {
      StepFailure F = failureFrom(std::move(Err), Address, Op);
      E.Type = EventType::Failed;
      E.Code = F.Code;
      E.Message = F.Message;
      E.RequestId = F.RequestId;
      Obs.onEvent(E);
      return F;
    }
    bool Outstanding;
    {
      std::lock_guard<std::mutex> L(M);
      Outstanding = NotDone.count(I) > 0;
    }
    E.Type = Outstanding ? EventType::Outstanding : EventType::Done;
    E.Message = Outstanding ? liveAction(I) : Detail;
    Obs.onEvent(E);
    return std::nullopt;
  }

  llvm::Error dispatch(size_t I, const plan::Step &S, std::string &Detail) {
    auto Pin = std::make_shared<Pins>();
    provider::RefLookup Refs = lookupFor(Pin);
    std::string Address = S.Address.empty() ? S.Cluster : S.Address;
    provider::ProgressFn Progress = progressFor(I, Address, operationOf(S));
    switch (S.Kind) {
    case StepKind::Resource:
      return resourceStep(S, Refs, Progress, Detail);
    case StepKind::InstallEngine:
    case StepKind::UninstallEngine:
    case StepKind::SetCurrentEngine:
      if (S.Manual)
        return manualStep(I, S, Refs, Progress, Detail);
      return engineStep(S, Refs, Progress);
    case StepKind::SwitchJobEngine:
      return switchStep(S, Refs);
    }
    return stepError("unknown step kind");
  }

  llvm::Error resourceStep(const plan::Step &S, const provider::RefLookup &Refs,
                           const provider::ProgressFn &Progress,
                           std::string &Detail) {
    auto It = ChangeOf.find(S.Address);
    const plan::ResourceChange *C = It == ChangeOf.end() ? nullptr : It->second;
    if (!C)
      return stepError("the plan has no change for " + S.Address);
    provider::ResourceProvider *RP = Prov.forKind(C->Kind);
    if (!RP)
      return stepError("no provider manages resources of kind `" + C->Kind +
                       "`");
    std::shared_ptr<const ResourceState> Prior = find(S.Address);
    if (S.Act == Action::Delete) {
      if (!Prior)
        return llvm::Error::success(); // already gone
      if (llvm::Error E = RP->remove(*Prior, Progress))
        return E;
      forget(S.Address);
      return llvm::Error::success();
    }

    provider::Desired D;
    D.Address = S.Address;
    D.Kind = C->Kind;
    D.Name = nameFromAddress(S.Address);
    D.Attributes = resolveUnknowns(C->After, Refs);
    D.Refs = Refs;
    {
      std::lock_guard<std::mutex> L(M);
      D.MayAdopt = Inherited.count(S.Address) > 0;
    }
    if (containsUnknown(D.Attributes))
      return stepError("a value " + S.Address +
                       " needs is still unknown (a resource it refers to is "
                       "not in the state)");
    llvm::Expected<provider::Observed> O =
        S.Act == Action::Create || !Prior ? RP->create(D, Progress)
                                          : RP->update(*Prior, D, Progress);
    if (!O) {
      llvm::Error E = O.takeError();
      // The service said the object belongs to someone else: this run
      // created nothing, so its intent proves nothing either.
      if (E.isA<cloud::CloudError>()) {
        cloud::CloudError CE = cloud::takeCloudError(std::move(E));
        if (CE.Code == "NotManaged") {
          std::lock_guard<std::mutex> L(M);
          if (!Inherited.count(S.Address))
            Intents.erase(S.Address);
        }
        return cloud::makeCloudError(CE.HttpStatus, CE.Code, CE.Message,
                                     CE.RequestId);
      }
      return E;
    }
    ResourceState R;
    R.Address = S.Address;
    R.Kind = C->Kind;
    R.Name = D.Name;
    R.CloudId = O->CloudId;
    json Base = D.Attributes;
    // Engine versions change only through engine steps; until they run, the
    // state keeps what the cloud has.
    if (Prior && C->Kind == "cluster" && Prior->Attributes.contains("engines"))
      Base["engines"] = Prior->Attributes["engines"];
    R.Attributes = overlay(Base, O->Attributes);
    R.Dependencies = C->Dependencies;
    R.Sensitive = topLevel(C->SensitivePaths);
    Detail = R.CloudId.empty() ? "" : "id=" + R.CloudId;
    store(std::move(R));
    if (RP->savedBeforeDependents())
      if (std::string E = Saver->saveNow(); !E.empty())
        return stepError("the state could not be saved: " + E);
    return llvm::Error::success();
  }

  llvm::Error engineStep(const plan::Step &S, const provider::RefLookup &Refs,
                         const provider::ProgressFn &Progress) {
    std::shared_ptr<const ResourceState> Cl = find(S.Cluster);
    if (!Cl)
      return stepError("cluster " + S.Cluster + " is not in the state");
    llvm::Error E = llvm::Error::success();
    if (S.Kind == StepKind::InstallEngine)
      E = Prov.installEngine(*Cl, S.Version, Progress);
    else if (S.Kind == StepKind::UninstallEngine)
      E = Prov.uninstallEngine(*Cl, S.Version, Progress);
    else
      E = Prov.setCurrentEngine(*Cl, S.Version, Progress);
    if (E)
      return E;
    return recordEngines(S, *Cl, Refs);
  }

  /// The console action of manual step I, naming the cluster by the id
  /// it has now when the plan was made before it existed. Locks M.
  std::string liveAction(size_t I) {
    const plan::Step &S = P.Steps[I];
    std::shared_ptr<const ResourceState> Cl = find(S.Cluster);
    if (!Cl || Cl->CloudId.empty())
      return S.ConsoleAction;
    std::string Name;
    if (auto It = Cl->Attributes.find("name");
        It != Cl->Attributes.end() && It->is_string())
      Name = It->get<std::string>();
    return plan::consoleActionOn(S, Cl->CloudId, Name);
  }

  /// Whether the cluster's versions show a manual step done.
  static bool manualDone(const plan::Step &S,
                         const provider::EngineVersions &V) {
    auto Has = [](const std::vector<std::string> &L, const std::string &X) {
      return std::find(L.begin(), L.end(), X) != L.end();
    };
    switch (S.Kind) {
    case StepKind::InstallEngine:
      return Has(V.Installed, S.Version);
    case StepKind::UninstallEngine:
      return !Has(V.Installed, S.Version) && !Has(V.Installing, S.Version);
    case StepKind::SetCurrentEngine:
      return V.Current == S.Version;
    default:
      return false;
    }
  }

  /// A manual step sends nothing: it reads GetClusterEngineVersions until
  /// the console action shows, for up to ManualTimeout. Not done by then,
  /// it is outstanding (NotDone) and what waits behind it is skipped.
  llvm::Error manualStep(size_t I, const plan::Step &S,
                         const provider::RefLookup &Refs,
                         const provider::ProgressFn &Progress,
                         std::string &Detail) {
    std::shared_ptr<const ResourceState> Cl = find(S.Cluster);
    if (!Cl)
      return stepError("cluster " + S.Cluster + " is not in the state");
    auto Deadline = Clock::now() + Opts.ManualTimeout;
    for (;;) {
      auto V = Prov.readEngines(*Cl);
      if (!V)
        return V.takeError();
      if (manualDone(S, *V)) {
        Detail = "verified with GetClusterEngineVersions";
        return recordEngines(S, *Cl, Refs);
      }
      auto Now = Clock::now();
      if (Now >= Deadline || stopRequested()) {
        std::lock_guard<std::mutex> L(M);
        NotDone.insert(I);
        return llvm::Error::success();
      }
      bool Installing = std::find(V->Installing.begin(), V->Installing.end(),
                                  S.Version) != V->Installing.end();
      Progress(Installing ? "installing " + S.Version
                          : "waiting for the console: " + liveAction(I));
      std::this_thread::sleep_for(
          std::min<Clock::duration>(Opts.ManualPoll, Deadline - Now));
    }
  }

  /// Stores the cluster's engine versions as the cloud now reports them.
  llvm::Error recordEngines(const plan::Step &S, const ResourceState &Cl,
                            const provider::RefLookup &Refs) {
    provider::ResourceProvider *RP = Prov.forKind("cluster");
    if (!RP)
      return stepError("no provider manages clusters");
    auto Read = RP->read(Cl, Refs);
    if (!Read)
      return Read.takeError();
    if (!*Read)
      return stepError("cluster " + S.Cluster + " disappeared");
    ResourceState R = Cl;
    json Want = json::object();
    if (auto It = ChangeOf.find(S.Cluster); It != ChangeOf.end())
      if (It->second->After.is_object() &&
          It->second->After.contains("engines"))
        Want = It->second->After["engines"];
    if ((*Read)->Attributes.contains("engines"))
      R.Attributes["engines"] = overlay(Want, (*Read)->Attributes["engines"]);
    store(std::move(R));
    return llvm::Error::success();
  }

  llvm::Error switchStep(const plan::Step &S, const provider::RefLookup &Refs) {
    std::shared_ptr<const ResourceState> Job = find(S.Address);
    if (!Job)
      return stepError("job " + S.Address + " is not in the state");
    if (llvm::Error E = Prov.switchJobEngine(*Job, S.To, Refs))
      return E;
    ResourceState R = *Job;
    R.Attributes["engine"] = S.To;
    store(std::move(R));
    return llvm::Error::success();
  }

  const plan::Plan &P;
  provider::Providers &Prov;
  ExecObserver &Obs;
  const ExecOptions &Opts;
  size_t N;

  std::mutex M;
  std::condition_variable CV;
  std::map<std::string, std::shared_ptr<const ResourceState>> Live;
  std::map<std::string, const plan::ResourceChange *> ChangeOf;
  /// Intents by address; Inherited are those an earlier run recorded.
  std::map<std::string, state::PendingCreate> Intents;
  std::set<std::string> Inherited;
  bool NewIntents = false;
  state::State Base;
  std::vector<size_t> Remaining;
  std::vector<std::vector<size_t>> Users;
  std::vector<StepStatus> Status;
  std::vector<Clock::time_point> Since, LastStill;
  std::map<size_t, std::string> LastStatus;
  std::deque<size_t> Queue;
  unsigned Active = 0, Succeeded = 0, SkippedCount = 0;
  bool AllDone = false;
  std::vector<StepFailure> Failures;
  /// Manual steps that ran but found the console action not taken.
  std::set<size_t> NotDone;
  StateSaver *Saver = nullptr;
};

} // namespace

ExecResult execute(const plan::Plan &P, state::State Start,
                   provider::Providers &Prov, ExecObserver &Obs,
                   const PersistFn &Persist, const ExecOptions &Opts) {
  // Moves rename state entries only; the steps use the new addresses, and
  // the final save records the renames even when no step runs.
  plan::applyMoves(Start, P.Moves);
  Walk W(P, std::move(Start), Prov, Obs, Opts);
  return W.run(Persist);
}

} // namespace rtc::exec
