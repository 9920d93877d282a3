//===- Refresh.cpp - parallel reads and drift ------------------------------===//
#include "rtc/Exec/Refresh.h"
#include "rtc/Exec/Attributes.h"
#include "rtc/State/Sensitive.h"

#include "llvm/ADT/STLExtras.h"

#include <atomic>
#include <mutex>
#include <thread>

namespace rtc::exec {

using nlohmann::json;
using state::ResourceState;

namespace {

struct Outcome {
  std::optional<ResourceState> Kept; ///< nullopt when deleted
  std::optional<Drift> Changed;
  std::optional<StepFailure> Failure;
};

bool under(const std::string &Path, const std::string &Prefix) {
  return Path.compare(0, Prefix.size(), Prefix) == 0 &&
         (Path.size() == Prefix.size() || Path[Prefix.size()] == '.' ||
          Path[Prefix.size()] == '[');
}

void dropComputed(std::vector<plan::AttributeChange> &Changes,
                  const ir::Resource *Config) {
  if (!Config)
    return;
  llvm::erase_if(Changes, [&](const plan::AttributeChange &C) {
    for (const std::string &P : Config->Computed)
      if (under(C.Path, P))
        return true;
    return false;
  });
}

Outcome readOne(const ResourceState &R, const provider::RefLookup &Refs,
                provider::Providers &Prov, const ir::Resource *Config) {
  Outcome Out;
  Out.Kept = R;
  provider::ResourceProvider *RP = Prov.forKind(R.Kind);
  if (!RP)
    return Out;
  auto Read = RP->read(R, Refs);
  if (!Read) {
    Out.Failure = failureFrom(Read.takeError(), R.Address, "read");
    return Out;
  }
  if (!*Read) {
    Out.Kept.reset();
    Out.Changed = Drift{R.Address, true, {}};
    return Out;
  }
  if (!(*Read)->CloudId.empty())
    Out.Kept->CloudId = (*Read)->CloudId;
  Out.Kept->Attributes = overlay(R.Attributes, (*Read)->Attributes);
  std::vector<plan::AttributeChange> Changes =
      diffAttributes(R.Attributes, Out.Kept->Attributes);
  dropComputed(Changes, Config);
  if (!Changes.empty())
    Out.Changed = Drift{R.Address, false, std::move(Changes)};
  return Out;
}

std::string describe(const Drift &D) {
  if (D.Deleted)
    return "deleted outside rtcc";
  std::string S = "changed outside rtcc:";
  for (const plan::AttributeChange &C : D.Changes)
    S += " " + C.Path;
  return S;
}

} // namespace

RefreshResult refreshAll(const state::State &S, provider::Providers &Prov,
                         ExecObserver *Obs, unsigned Parallelism,
                         const ir::Program *Config,
                         const provider::RefLookup &Fallback) {
  provider::RefLookup Refs = [&S, &Fallback](const std::string &A) {
    const ResourceState *R = S.find(A);
    return R || !Fallback ? R : Fallback(A);
  };
  std::vector<Outcome> Outcomes(S.Resources.size());
  std::atomic<size_t> Next{0};
  auto Work = [&] {
    for (size_t I; (I = Next++) < S.Resources.size();) {
      const ResourceState &R = S.Resources[I];
      Outcomes[I] = readOne(R, Refs, Prov, Config ? Config->find(R.Address) : nullptr);
      if (!Obs)
        continue;
      ExecEvent E;
      E.Address = R.Address;
      E.Operation = "read";
      if (Outcomes[I].Failure) {
        E.Type = EventType::Failed;
        E.Code = Outcomes[I].Failure->Code;
        E.Message = Outcomes[I].Failure->Message;
        E.RequestId = Outcomes[I].Failure->RequestId;
      } else if (Outcomes[I].Changed) {
        E.Type = EventType::Drifted;
        E.Message = describe(*Outcomes[I].Changed);
      } else {
        E.Type = EventType::Refreshed;
        E.Message = R.CloudId.empty() ? "" : "id=" + R.CloudId;
      }
      Obs->onEvent(E);
    }
  };
  unsigned Threads = std::max(1u, std::min<unsigned>(
                                      Parallelism,
                                      static_cast<unsigned>(S.Resources.size())));
  std::vector<std::thread> Pool;
  for (unsigned T = 0; T < Threads; ++T)
    Pool.emplace_back(Work);
  for (std::thread &T : Pool)
    T.join();

  RefreshResult Res;
  Res.Refreshed = S;
  Res.Refreshed.Resources.clear();
  for (Outcome &O : Outcomes) {
    if (O.Kept)
      Res.Refreshed.Resources.push_back(std::move(*O.Kept));
    if (O.Changed)
      Res.Drifts.push_back(std::move(*O.Changed));
    if (O.Failure)
      Res.Failures.push_back(std::move(*O.Failure));
  }
  return Res;
}

void renderDrift(const std::vector<Drift> &Drifts, llvm::raw_ostream &OS,
                 bool Color) {
  if (Drifts.empty())
    return;
  if (Color)
    OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, true);
  OS << "Objects have changed outside of rtcc";
  if (Color)
    OS.resetColor();
  OS << "\n\nrtcc read the cloud and found these changes since the last "
        "apply:\n\n";
  for (const Drift &D : Drifts) {
    if (D.Deleted) {
      OS << "  # " << D.Address << " has been deleted\n";
      continue;
    }
    OS << "  # " << D.Address << " has changed\n";
    for (const plan::AttributeChange &C : D.Changes) {
      if (state::isSensitiveHash(C.Before) || state::isSensitiveHash(C.After)) {
        OS << "    ~ " << C.Path << ": (sensitive value changed)\n";
        continue;
      }
      OS << "    ~ " << C.Path << ": " << C.Before.dump() << " -> "
         << C.After.dump() << "\n";
    }
  }
  OS << "\nWhere the configuration says otherwise, apply undoes these "
        "changes.\n\n";
}

json driftToJson(const std::vector<Drift> &Drifts) {
  json Out = json::array();
  for (const Drift &D : Drifts) {
    json Changes = json::array();
    for (const plan::AttributeChange &C : D.Changes)
      Changes.push_back({{"path", C.Path}, {"before", C.Before}, {"after", C.After}});
    Out.push_back({{"address", D.Address}, {"deleted", D.Deleted}, {"changes", Changes}});
  }
  return Out;
}

} // namespace rtc::exec
