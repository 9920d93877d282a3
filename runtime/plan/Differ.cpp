//===- Differ.cpp - compare the IR with the stored state ------------------===//
#include "rtc/Plan/Differ.h"
#include "rtc/Plan/Planner.h"
#include "rtc/State/Sensitive.h"

#include <algorithm>
#include <set>

namespace rtc::plan {

namespace {

using nlohmann::json;

/// P is Q or lies below it (`master.model` under `master`).
bool isUnder(const std::string &P, const std::string &Q) {
  if (P.size() < Q.size() || P.compare(0, Q.size(), Q) != 0)
    return false;
  return P.size() == Q.size() || P[Q.size()] == '.' || P[Q.size()] == '[';
}

bool anyUnder(const std::string &P, const std::vector<std::string> &Qs) {
  for (const std::string &Q : Qs)
    if (isUnder(P, Q))
      return true;
  return false;
}

/// A change of P forces replacement when P is, lies below, or contains a
/// force_new path (a whole `slave` block appearing changes `slave.model`).
bool forcesReplacement(const std::string &P, const std::vector<std::string> &F) {
  for (const std::string &Q : F)
    if (isUnder(P, Q) || isUnder(Q, P))
      return true;
  return false;
}

bool containsUnknown(const json &V) {
  if (ir::isUnknown(V))
    return true;
  if (V.is_structured())
    for (const json &E : V)
      if (containsUnknown(E))
        return true;
  return false;
}

std::string join(const std::string &Base, const std::string &Key) {
  return Base.empty() ? Key : Base + "." + Key;
}

/// Sets After at the dotted Path to Before's value there (or removes it when
/// Before has none): `lifecycle { ignore_changes }` keeps what is stored.
void keepStored(json &After, const json &Before, const std::string &Path) {
  size_t Dot = Path.find('.');
  std::string Key = Path.substr(0, Dot);
  if (!After.is_object())
    return;
  const json *B =
      Before.is_object() && Before.contains(Key) ? &Before[Key] : nullptr;
  if (Dot == std::string::npos) {
    if (B)
      After[Key] = *B;
    else
      After.erase(Key);
    return;
  }
  if (!After.contains(Key))
    return;
  keepStored(After[Key], B ? *B : json(), Path.substr(Dot + 1));
}

/// Everything the differ needs besides the resource itself.
struct Context {
  const state::State *State;
  /// Resources replaced so far: their computed values stay unknown (as do
  /// those of created resources, which the state does not have).
  const std::set<std::string> &Replaced;
};

/// What the state knows for `{"__unknown__": "addr.attr"}` when `addr` keeps
/// its identity (it is neither created nor replaced); false when nothing.
bool storedValue(const json &Unknown, const Context &Ctx, json &Out) {
  const json &Ref = Unknown["__unknown__"];
  if (!Ref.is_string() || !Ctx.State)
    return false;
  const std::string &S = Ref.get_ref<const std::string &>();
  size_t Dot = S.rfind('.');
  if (Dot == std::string::npos)
    return false;
  std::string Addr = S.substr(0, Dot), Attr = S.substr(Dot + 1);
  const state::ResourceState *R = Ctx.State->find(Addr);
  if (!R || Ctx.Replaced.count(Addr))
    return false;
  auto It = R->Attributes.find(Attr);
  if (It != R->Attributes.end() && !state::isSensitiveHash(*It)) {
    Out = *It;
    return true;
  }
  if (Attr == "id" && !R->CloudId.empty()) {
    Out = R->CloudId;
    return true;
  }
  return false;
}

/// Replaces the unknown values in V (a copy of the IR's attributes) by what
/// the state knows, in place: copying the tree once is much cheaper than
/// rebuilding every object key by key.
void resolveUnknowns(json &V, const Context &Ctx) {
  if (ir::isUnknown(V)) {
    json Stored;
    if (storedValue(V, Ctx, Stored))
      V = std::move(Stored);
    return;
  }
  if (V.is_structured())
    for (json &E : V)
      resolveUnknowns(E, Ctx);
}

struct Walker {
  const ir::Resource &R;
  const state::ResourceState &S;
  std::vector<AttributeChange> &Out;

  bool sensitive(const std::string &Path) const {
    if (anyUnder(Path, R.Sensitive))
      return true;
    std::string Top = Path.substr(0, Path.find_first_of(".["));
    for (const std::string &N : S.Sensitive)
      if (N == Top)
        return true;
    return false;
  }

  void walk(const json &Before, const json &After, const std::string &Path) {
    if (!Path.empty() && anyUnder(Path, R.Computed))
      return;
    if (Before.is_object() && After.is_object() &&
        !state::isSensitiveHash(Before) && !ir::isUnknown(After)) {
      // Objects keep their keys sorted, so a merge of the two key lists
      // visits the union in order without building a set per object.
      static const json Null;
      auto B = Before.begin(), BE = Before.end();
      auto A = After.begin(), AE = After.end();
      while (B != BE || A != AE) {
        int Cmp = B == BE ? 1 : A == AE ? -1 : B.key().compare(A.key());
        if (Cmp < 0) {
          walk(*B, Null, join(Path, B.key()));
          ++B;
        } else if (Cmp > 0) {
          walk(Null, *A, join(Path, A.key()));
          ++A;
        } else {
          walk(*B, *A, join(Path, B.key()));
          ++B;
          ++A;
        }
      }
      return;
    }
    bool Secret = sensitive(Path) || state::isSensitiveHash(Before);
    bool Same;
    if (state::isSensitiveHash(Before))
      Same = !After.is_null() && state::sensitiveMatches(Before, After);
    else
      Same = !containsUnknown(After) && Before == After;
    if (Same)
      return;
    AttributeChange C;
    C.Path = Path;
    C.Sensitive = Secret;
    C.Before = Secret ? json() : Before;
    C.After = Secret ? json() : After;
    C.ForcesReplacement = forcesReplacement(Path, R.ForceNew);
    Out.push_back(std::move(C));
  }
};

/// The -replace address that names Address, or null.
const std::string *forcedByFlag(const std::string &Address,
                                const std::vector<std::string> &ForceReplace) {
  for (const std::string &F : ForceReplace)
    if (addressMatches(Address, F))
      return &F;
  return nullptr;
}

ResourceChange diffOne(const ir::Resource &R, const state::ResourceState *S,
                       const Context &Ctx, const std::string *ForcedBy) {
  ResourceChange C;
  C.Address = R.Address;
  C.Kind = R.Kind;
  C.After = R.Attributes;
  resolveUnknowns(C.After, Ctx);
  C.Dependencies = R.Dependencies;
  C.Computed = R.Computed;
  C.SensitivePaths = R.Sensitive;
  if (!S) {
    C.Act = Action::Create;
    return C;
  }
  C.Before = S->Attributes;
  for (const std::string &P : R.IgnoreChanges)
    keepStored(C.After, C.Before, P);
  for (const std::string &N : S->Sensitive)
    if (!anyUnder(N, C.SensitivePaths))
      C.SensitivePaths.push_back(N);
  Walker W{R, *S, C.AttributeChanges};
  W.walk(S->Attributes, C.After, "");
  bool Forces = false;
  for (const AttributeChange &A : C.AttributeChanges)
    if (A.ForcesReplacement) {
      Forces = true;
      C.Reasons.push_back("`" + A.Path + "` forces replacement");
    }
  if (ForcedBy) {
    Forces = true;
    C.Reasons.push_back("replacement requested with -replace=" + *ForcedBy);
  }
  C.Act = Forces ? Action::Replace
                 : C.AttributeChanges.empty() ? Action::NoOp : Action::Update;
  return C;
}

/// The replaced resource a replace-forcing attribute of R refers to, if any.
const std::string *forcedByReplaced(const ir::Resource &R,
                                    const std::set<std::string> &Replaced,
                                    std::string &Attr) {
  for (const std::string &F : R.ForceNew) {
    const json &V = R.get(F);
    std::string Ref;
    if (V.is_string())
      Ref = V.get<std::string>();
    else if (ir::isUnknown(V) && V["__unknown__"].is_string()) {
      Ref = V["__unknown__"].get<std::string>();
      Ref = Ref.substr(0, Ref.rfind('.'));
    }
    auto It = Replaced.find(Ref);
    if (It != Replaced.end()) {
      Attr = F;
      return &*It;
    }
  }
  return nullptr;
}

} // namespace

std::vector<ResourceChange>
diffResources(const ir::Program &P, const state::State *State,
              const std::vector<std::string> &ForceReplace) {
  const std::vector<ir::Resource> &Rs = P.Resources;
  size_t N = Rs.size();
  // IR resources by address. The IR is sorted already; otherwise sort
  // indices (stably: of equal addresses the last one wins, as it did when
  // changes were collected in a map).
  std::vector<size_t> Order(N);
  for (size_t I = 0; I < N; ++I)
    Order[I] = I;
  auto ByAddress = [&](size_t A, size_t B) {
    return Rs[A].Address < Rs[B].Address;
  };
  bool Unique = true;
  for (size_t I = 1; I < N && Unique; ++I)
    Unique = Rs[I - 1].Address < Rs[I].Address;
  if (!Unique) {
    std::stable_sort(Order.begin(), Order.end(), ByAddress);
    std::vector<size_t> Last;
    for (size_t I = 0; I < N; ++I)
      if (I + 1 == N || Rs[Order[I]].Address != Rs[Order[I + 1]].Address)
        Last.push_back(Order[I]);
    Order = std::move(Last);
  }

  // The stored resources by address (State keeps them sorted; a state
  // built by hand may not be, and of equal addresses the first counts).
  std::vector<const state::ResourceState *> Stored;
  if (State) {
    Stored.reserve(State->Resources.size());
    for (const state::ResourceState &S : State->Resources)
      Stored.push_back(&S);
    auto Less = [](const state::ResourceState *A, const state::ResourceState *B) {
      return A->Address < B->Address;
    };
    if (!std::is_sorted(Stored.begin(), Stored.end(), Less))
      std::stable_sort(Stored.begin(), Stored.end(), Less);
    Stored.erase(std::unique(Stored.begin(), Stored.end(),
                             [](const state::ResourceState *A,
                                const state::ResourceState *B) {
                               return A->Address == B->Address;
                             }),
                 Stored.end());
  }
  // The stored state of each resource and whether a stored resource is
  // still configured: one merge of two sorted lists, not a search each.
  std::vector<const state::ResourceState *> StateOf(N, nullptr);
  std::vector<bool> InConfig(Stored.size(), false);
  for (size_t I = 0, J = 0; I < Order.size() && J < Stored.size();) {
    int Cmp = Rs[Order[I]].Address.compare(Stored[J]->Address);
    if (Cmp < 0) {
      ++I;
    } else if (Cmp > 0) {
      ++J;
    } else {
      StateOf[Order[I]] = Stored[J];
      InConfig[J] = true;
      ++I;
      ++J;
    }
  }
  if (!Unique) // earlier resources of a duplicated address
    for (size_t I = 0; I < N; ++I)
      if (!StateOf[I] && State)
        StateOf[I] = State->find(Rs[I].Address);

  std::vector<ResourceChange> Changes(N);
  std::set<std::string> Replaced;
  // Replacements give new ids, which changes what refers to them: iterate
  // until no new replacement appears (usually two rounds).
  std::vector<size_t> Work(N);
  for (size_t I = 0; I < N; ++I)
    Work[I] = I;
  while (!Work.empty()) {
    std::set<std::string> NewlyReplaced;
    for (size_t I : Work) {
      const ir::Resource &R = Rs[I];
      const state::ResourceState *S = StateOf[I];
      ResourceChange C = diffOne(R, S, Context{State, Replaced},
                                 forcedByFlag(R.Address, ForceReplace));
      std::string Attr;
      if (S && C.Act != Action::Replace && !Replaced.empty())
        if (const std::string *By = forcedByReplaced(R, Replaced, Attr)) {
          C.Act = Action::Replace;
          C.Reasons.push_back("replaced because " + *By +
                              " is replaced (`" + Attr +
                              "` forces replacement)");
        }
      if (C.Act == Action::Replace && !Replaced.count(R.Address))
        NewlyReplaced.insert(R.Address);
      Changes[I] = std::move(C);
    }
    Work.clear();
    if (NewlyReplaced.empty())
      break;
    Replaced.insert(NewlyReplaced.begin(), NewlyReplaced.end());
    for (size_t I = 0; I < N; ++I) {
      if (Replaced.count(Rs[I].Address))
        continue;
      for (const std::string &D : Rs[I].Dependencies)
        if (NewlyReplaced.count(D)) {
          Work.push_back(I);
          break;
        }
    }
  }

  auto Deleted = [](const state::ResourceState &S) {
    ResourceChange C;
    C.Address = S.Address;
    C.Kind = S.Kind;
    C.Act = Action::Delete;
    C.Before = S.Attributes;
    C.Dependencies = S.Dependencies;
    C.SensitivePaths = S.Sensitive;
    C.Reasons.push_back("not in the configuration");
    return C;
  };
  // Both lists are sorted by address: merge them.
  std::vector<ResourceChange> Out;
  Out.reserve(Order.size() + Stored.size());
  size_t J = 0;
  for (size_t I : Order) {
    for (; J < Stored.size() && Stored[J]->Address < Rs[I].Address; ++J)
      if (!InConfig[J])
        Out.push_back(Deleted(*Stored[J]));
    Out.push_back(std::move(Changes[I]));
  }
  for (; J < Stored.size(); ++J)
    if (!InConfig[J])
      Out.push_back(Deleted(*Stored[J]));
  return Out;
}

} // namespace rtc::plan
