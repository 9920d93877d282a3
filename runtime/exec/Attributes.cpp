//===- Attributes.cpp - overlay, unknowns, drift comparison ---------------===//
#include "rtc/Exec/Attributes.h"
#include "rtc/IR/IR.h"
#include "rtc/State/Sensitive.h"

#include <algorithm>
#include <set>

namespace rtc::exec {

using nlohmann::json;

namespace {

bool sameElements(const json &A, const json &B) {
  if (!A.is_array() || !B.is_array() || A.size() != B.size())
    return false;
  std::vector<std::string> X, Y;
  for (const json &E : A)
    X.push_back(E.dump());
  for (const json &E : B)
    Y.push_back(E.dump());
  std::sort(X.begin(), X.end());
  std::sort(Y.begin(), Y.end());
  return X == Y;
}

std::string joinPath(const std::string &Base, const std::string &Key) {
  return Base.empty() ? Key : Base + "." + Key;
}

void diffInto(const json &Before, const json &After, const std::string &Path,
              std::vector<plan::AttributeChange> &Out) {
  if (Before.is_object() && After.is_object() &&
      !state::isSensitiveHash(Before)) {
    std::set<std::string> Keys;
    for (auto It = Before.begin(); It != Before.end(); ++It)
      Keys.insert(It.key());
    for (auto It = After.begin(); It != After.end(); ++It)
      Keys.insert(It.key());
    static const json Null;
    for (const std::string &K : Keys) {
      auto B = Before.find(K), A = After.find(K);
      diffInto(B == Before.end() ? Null : *B, A == After.end() ? Null : *A,
               joinPath(Path, K), Out);
    }
    return;
  }
  if (Before == After)
    return;
  plan::AttributeChange C;
  C.Path = Path;
  C.Before = Before;
  C.After = After;
  Out.push_back(std::move(C));
}

} // namespace

json overlay(const json &Base, const json &Over) {
  // A secret the state keeps as a hash stays one: the cloud's clear value
  // must not reach the state or a drift report.
  if (state::isSensitiveHash(Base) && !state::isSensitiveHash(Over))
    return state::sensitiveMatches(Base, Over) ? Base
                                               : state::hashSensitive(Over);
  if (Base.is_object() && Over.is_object()) {
    json Out = Base;
    for (auto It = Over.begin(); It != Over.end(); ++It) {
      auto B = Base.find(It.key());
      Out[It.key()] = B == Base.end() ? *It : overlay(*B, *It);
    }
    return Out;
  }
  if (sameElements(Base, Over))
    return Base;
  return Over;
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

json resolveUnknowns(const json &V, const StateLookup &Lookup) {
  if (ir::isUnknown(V)) {
    const json &Ref = V["__unknown__"];
    if (!Ref.is_string())
      return V;
    const std::string &S = Ref.get_ref<const std::string &>();
    size_t Dot = S.rfind('.');
    if (Dot == std::string::npos)
      return V;
    const state::ResourceState *R = Lookup(S.substr(0, Dot));
    if (!R)
      return V;
    std::string Attr = S.substr(Dot + 1);
    auto It = R->Attributes.find(Attr);
    if (It != R->Attributes.end() && !state::isSensitiveHash(*It) &&
        !ir::isUnknown(*It))
      return *It;
    if (Attr == "id" && !R->CloudId.empty())
      return R->CloudId;
    return V;
  }
  if (!containsUnknown(V))
    return V;
  if (V.is_object()) {
    json Out = json::object();
    for (auto It = V.begin(); It != V.end(); ++It)
      Out[It.key()] = resolveUnknowns(*It, Lookup);
    return Out;
  }
  json Out = json::array();
  for (const json &E : V)
    Out.push_back(resolveUnknowns(E, Lookup));
  return Out;
}

std::string nameFromAddress(llvm::StringRef Address) {
  llvm::StringRef Base = Address.take_until([](char C) { return C == '['; });
  size_t Dot = Base.rfind('.');
  return std::string(Dot == llvm::StringRef::npos ? Base : Base.drop_front(Dot + 1));
}

std::vector<plan::AttributeChange> diffAttributes(const json &Before,
                                                  const json &After) {
  std::vector<plan::AttributeChange> Out;
  diffInto(Before, After, "", Out);
  return Out;
}

} // namespace rtc::exec
