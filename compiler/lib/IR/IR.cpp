//===- IR.cpp - lookups and JSON form of the checked program ---------------===//
#include "rtc/IR/IR.h"
#include "rtc/IR/AttributePath.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/SourceMgr.h"
#include <algorithm>
#include <string_view>

namespace rtc::ir {

namespace {
const Value NullValue;
} // namespace

Value unknownValue(llvm::StringRef Reference) {
  return Value{{"__unknown__", Reference.str()}};
}

bool isUnknown(const Value &V) {
  return V.is_object() && V.size() == 1 && V.contains("__unknown__");
}

llvm::SMRange Resource::rangeOf(llvm::StringRef Path) const {
  auto It = AttrRanges.find(Path.str());
  return It != AttrRanges.end() ? It->second : Range;
}

const Value &Resource::get(llvm::StringRef Path) const {
  // Rules call this for every attribute of every resource: look keys up
  // without building a std::string per path segment.
  const Value *V = &Attributes;
  for (;;) {
    auto [Part, Rest] = Path.split('.');
    if (!V->is_object())
      return NullValue;
    auto It = V->find(std::string_view(Part.data(), Part.size()));
    if (It == V->end())
      return NullValue;
    V = &*It;
    if (Part.size() == Path.size()) // no more separators
      return *V;
    Path = Rest;
  }
}

const Resource *Program::find(llvm::StringRef Address) const {
  auto It = std::lower_bound(Resources.begin(), Resources.end(), Address,
                             [](const Resource &R, llvm::StringRef A) {
                               return llvm::StringRef(R.Address) < A;
                             });
  return It != Resources.end() && It->Address == Address ? &*It : nullptr;
}

std::vector<const Resource *> Program::ofKind(llvm::StringRef Kind) const {
  std::vector<const Resource *> Out;
  for (const Resource &R : Resources)
    if (R.Kind == Kind)
      Out.push_back(&R);
  return Out;
}

const Value &Program::std(llvm::StringRef Name) const {
  auto It = Std.find(Name.str());
  return It != Std.end() ? It->second : NullValue;
}

Value toJson(const Program &P, const llvm::SourceMgr *SM) {
  Value Out = Value::object();
  Out["ir_version"] = 1;
  Value Resources = Value::array();
  for (const Resource &R : P.Resources) {
    Value J = {{"address", R.Address}, {"kind", R.Kind}, {"name", R.Name},
               {"provider", R.Provider}, {"attributes", R.Attributes},
               {"dependencies", R.Dependencies}, {"force_new", R.ForceNew},
               {"sensitive", R.Sensitive}, {"computed", R.Computed}};
    if (!R.InstanceKey.empty())
      J["instance_key"] = R.InstanceKey;
    if (R.PreventDestroy || !R.IgnoreChanges.empty()) // only when written
      J["lifecycle"] = {{"prevent_destroy", R.PreventDestroy},
                        {"ignore_changes", R.IgnoreChanges}};
    if (SM && R.Range.Start.isValid()) {
      auto LC = SM->getLineAndColumn(R.Range.Start);
      J["provenance"] = {{"file", R.File}, {"line", LC.first}, {"column", LC.second}};
    }
    Resources.push_back(std::move(J));
  }
  Out["resources"] = std::move(Resources);
  // Only when present, so that configurations without moves keep their IR
  // (and config hash) byte for byte.
  if (!P.Moves.empty()) {
    Value Moves = Value::array();
    for (const Move &M : P.Moves)
      Moves.push_back({{"from", M.From}, {"to", M.To}});
    Out["moved"] = std::move(Moves);
  }
  Value Outputs = Value::object();
  for (const Output &O : P.Outputs)
    Outputs[O.Name] = {{"value", O.Sensitive ? Value("(sensitive)") : O.Val},
                       {"sensitive", O.Sensitive}};
  Out["outputs"] = std::move(Outputs);
  Value Vars = Value::object();
  for (const Variable &V : P.Variables)
    Vars[V.Name] = {{"value", V.Sensitive ? Value("(sensitive)") : V.Val},
                    {"sensitive", V.Sensitive}};
  Out["variables"] = std::move(Vars);
  return Out;
}

void redactSecrets(Value &J, const Program &P) {
  Value &Resources = J["resources"];
  for (size_t I = 0; I < P.Resources.size() && I < Resources.size(); ++I)
    replaceAtPaths(Resources[I]["attributes"], P.Resources[I].Sensitive,
                   [](const Value &) { return Value("(sensitive)"); });
}

} // namespace rtc::ir
