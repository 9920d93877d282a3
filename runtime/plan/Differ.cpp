//===- Differ.cpp - compare the IR with the stored state ------------------===//
#include "rtc/Plan/Differ.h"
#include "rtc/State/Sensitive.h"

#include <map>
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

/// Everything the differ needs besides the resource itself.
struct Context {
  const state::State *State;
  /// Resources created or replaced: their computed values stay unknown.
  const std::set<std::string> &Fresh;
};

/// Replaces `{"__unknown__": "addr.attr"}` by the stored value when `addr`
/// keeps its identity (it is neither created nor replaced).
json resolveUnknowns(const json &V, const Context &Ctx) {
  if (ir::isUnknown(V)) {
    const json &Ref = V["__unknown__"];
    if (!Ref.is_string() || !Ctx.State)
      return V;
    std::string S = Ref.get<std::string>();
    size_t Dot = S.rfind('.');
    if (Dot == std::string::npos)
      return V;
    std::string Addr = S.substr(0, Dot), Attr = S.substr(Dot + 1);
    if (Ctx.Fresh.count(Addr))
      return V;
    const state::ResourceState *R = Ctx.State->find(Addr);
    if (!R)
      return V;
    auto It = R->Attributes.find(Attr);
    if (It != R->Attributes.end() && !state::isSensitiveHash(*It))
      return *It;
    if (Attr == "id" && !R->CloudId.empty())
      return R->CloudId;
    return V;
  }
  if (V.is_object()) {
    json Out = json::object();
    for (auto It = V.begin(); It != V.end(); ++It)
      Out[It.key()] = resolveUnknowns(*It, Ctx);
    return Out;
  }
  if (V.is_array()) {
    json Out = json::array();
    for (const json &E : V)
      Out.push_back(resolveUnknowns(E, Ctx));
    return Out;
  }
  return V;
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
      std::set<std::string> Keys;
      for (auto It = Before.begin(); It != Before.end(); ++It)
        Keys.insert(It.key());
      for (auto It = After.begin(); It != After.end(); ++It)
        Keys.insert(It.key());
      static const json Null;
      for (const std::string &K : Keys) {
        auto B = Before.find(K), A = After.find(K);
        walk(B == Before.end() ? Null : *B, A == After.end() ? Null : *A,
             join(Path, K));
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

ResourceChange diffOne(const ir::Resource &R, const state::ResourceState *S,
                       const Context &Ctx) {
  ResourceChange C;
  C.Address = R.Address;
  C.Kind = R.Kind;
  C.After = resolveUnknowns(R.Attributes, Ctx);
  C.Dependencies = R.Dependencies;
  C.Computed = R.Computed;
  C.SensitivePaths = R.Sensitive;
  if (!S) {
    C.Act = Action::Create;
    return C;
  }
  C.Before = S->Attributes;
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

std::vector<ResourceChange> diffResources(const ir::Program &P,
                                          const state::State *State) {
  std::set<std::string> Fresh;
  for (const ir::Resource &R : P.Resources)
    if (!State || !State->find(R.Address))
      Fresh.insert(R.Address);

  std::map<std::string, ResourceChange> ByAddr;
  std::set<std::string> Replaced;
  // Replacements give new ids, which changes what refers to them: iterate
  // until no new replacement appears (usually two rounds).
  std::vector<const ir::Resource *> Work;
  for (const ir::Resource &R : P.Resources)
    Work.push_back(&R);
  while (!Work.empty()) {
    std::set<std::string> NewlyReplaced;
    for (const ir::Resource *R : Work) {
      const state::ResourceState *S = State ? State->find(R->Address) : nullptr;
      ResourceChange C = diffOne(*R, S, Context{State, Fresh});
      std::string Attr;
      if (S && C.Act != Action::Replace)
        if (const std::string *By = forcedByReplaced(*R, Replaced, Attr)) {
          C.Act = Action::Replace;
          C.Reasons.push_back("replaced because " + *By +
                              " is replaced (`" + Attr +
                              "` forces replacement)");
        }
      if (C.Act == Action::Replace && !Replaced.count(R->Address))
        NewlyReplaced.insert(R->Address);
      ByAddr[R->Address] = std::move(C);
    }
    Work.clear();
    if (NewlyReplaced.empty())
      break;
    for (const std::string &A : NewlyReplaced) {
      Replaced.insert(A);
      Fresh.insert(A);
    }
    for (const ir::Resource &R : P.Resources) {
      if (Replaced.count(R.Address))
        continue;
      for (const std::string &D : R.Dependencies)
        if (NewlyReplaced.count(D)) {
          Work.push_back(&R);
          break;
        }
    }
  }

  if (State)
    for (const state::ResourceState &S : State->Resources) {
      if (ByAddr.count(S.Address))
        continue;
      ResourceChange C;
      C.Address = S.Address;
      C.Kind = S.Kind;
      C.Act = Action::Delete;
      C.Before = S.Attributes;
      C.Dependencies = S.Dependencies;
      C.SensitivePaths = S.Sensitive;
      C.Reasons.push_back("not in the configuration");
      ByAddr[S.Address] = std::move(C);
    }

  std::vector<ResourceChange> Out;
  Out.reserve(ByAddr.size());
  for (auto &KV : ByAddr)
    Out.push_back(std::move(KV.second));
  return Out;
}

} // namespace rtc::plan
