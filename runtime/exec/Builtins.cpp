//===- Builtins.cpp - stdlib policies as lookup-able states -----------------===//
#include "rtc/Exec/Builtins.h"

namespace rtc::exec {

BuiltinPolicies::BuiltinPolicies(const ir::Program &Prog) {
  for (const auto &[Name, B] : Prog.Builtins) {
    state::ResourceState S;
    S.Address = "builtin." + Name;
    S.Kind = "policy";
    S.Name = Name;
    S.CloudId = Name;
    S.Attributes = {{"name", Name}, {"type", B.Type}, {"statements", B.Statements}};
    ByAddress.emplace(S.Address, std::move(S));
  }
}

const state::ResourceState *
BuiltinPolicies::find(const std::string &Address) const {
  auto It = ByAddress.find(Address);
  return It == ByAddress.end() ? nullptr : &It->second;
}

provider::RefLookup BuiltinPolicies::chain(provider::RefLookup Primary) const {
  return [this, Primary = std::move(Primary)](const std::string &A) {
    if (const state::ResourceState *S = Primary ? Primary(A) : nullptr)
      return S;
    return find(A);
  };
}

} // namespace rtc::exec
