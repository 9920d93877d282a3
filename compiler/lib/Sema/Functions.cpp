//===- Functions.cpp - the built-in function library ------------------------===//
#include "Functions.h"
#include "rtc/Parse/SourceFile.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include "llvm/ADT/SmallString.h"
#include <fmt/args.h>
#include <fmt/format.h>
#include <functional>
#include <map>

using rtc::ir::Value;

namespace rtc::sema {

namespace {

struct Fn {
  unsigned MinArgs, MaxArgs; ///< MaxArgs 0 = variadic
  const char *Signature;
  std::function<std::optional<Value>(const CallSite &, const std::vector<Value> &,
                                     DiagnosticsEngine &)>
      Impl;
};

bool fail(const CallSite &S, DiagnosticsEngine &D, unsigned Arg, const std::string &Msg) {
  llvm::SMRange R = Arg < S.ArgRanges.size() ? S.ArgRanges[Arg] : S.Range;
  D.report(R, diag::err_function_argument) << S.Name << Msg;
  return false;
}

std::string numberToString(double N) {
  if (std::floor(N) == N && std::fabs(N) < 1e15)
    return std::to_string(static_cast<long long>(N));
  return fmt::format("{}", N);
}

Value number(double N) {
  if (std::floor(N) == N && std::fabs(N) < 9e15)
    return Value(static_cast<long long>(N));
  return Value(N);
}

const std::map<std::string, Fn> &table() {
  using Args = std::vector<Value>;
  using R = std::optional<Value>;
  static const std::map<std::string, Fn> T = {
      {"length", {1, 1, "length(list|map|string)", [](auto &S, const Args &A, auto &D) -> R {
         if (A[0].is_string())
           return Value(static_cast<long long>(A[0].template get<std::string>().size()));
         if (A[0].is_array() || A[0].is_object())
           return Value(static_cast<long long>(A[0].size()));
         fail(S, D, 0, "expects a list, map or string, found " + describeValue(A[0]));
         return std::nullopt;
       }}},
      {"upper", {1, 1, "upper(string)", [](auto &S, const Args &A, auto &D) -> R {
         if (!A[0].is_string()) { fail(S, D, 0, "expects a string"); return std::nullopt; }
         std::string Str = A[0];
         std::transform(Str.begin(), Str.end(), Str.begin(), ::toupper);
         return Value(Str);
       }}},
      {"lower", {1, 1, "lower(string)", [](auto &S, const Args &A, auto &D) -> R {
         if (!A[0].is_string()) { fail(S, D, 0, "expects a string"); return std::nullopt; }
         std::string Str = A[0];
         std::transform(Str.begin(), Str.end(), Str.begin(), ::tolower);
         return Value(Str);
       }}},
      {"format", {1, 0, "format(fmt, args…)", [](auto &S, const Args &A, auto &D) -> R {
         if (!A[0].is_string()) { fail(S, D, 0, "the format must be a string"); return std::nullopt; }
         // A width or precision is a size to allocate: bound it, and refuse
         // `{:{}}` (a width taken from an argument) outright.
         {
           const std::string &F = A[0].template get_ref<const std::string &>();
           int Level = 0;
           unsigned long long Num = 0;
           for (char C : F) {
             if (C == '{') ++Level; else if (C == '}') Level = Level > 0 ? Level - 1 : 0;
             if (Level > 1) { fail(S, D, 0, "widths from arguments (`{:{}}`) are not supported"); return std::nullopt; }
             Num = Level && C >= '0' && C <= '9' ? std::min(Num * 10 + unsigned(C - '0'), 1ull << 40) : 0;
             if (Num > 10000) { fail(S, D, 0, "a width or precision above 10000"); return std::nullopt; }
           }
         }
         fmt::dynamic_format_arg_store<fmt::format_context> Store;
         for (size_t I = 1; I < A.size(); ++I) {
           auto Str = toTemplateString(A[I]);
           if (!Str) { fail(S, D, static_cast<unsigned>(I), "cannot format " + describeValue(A[I])); return std::nullopt; }
           Store.push_back(*Str);
         }
         try {
           return Value(fmt::vformat(A[0].template get<std::string>(), Store));
         } catch (const fmt::format_error &E) {
           fail(S, D, 0, std::string("bad format string: ") + E.what());
           return std::nullopt;
         }
       }}},
      {"join", {2, 2, "join(separator, list)", [](auto &S, const Args &A, auto &D) -> R {
         if (!A[0].is_string() || !A[1].is_array()) { fail(S, D, 0, "expects a string and a list"); return std::nullopt; }
         std::string Out;
         for (size_t I = 0; I < A[1].size(); ++I) {
           auto Str = toTemplateString(A[1][I]);
           if (!Str) { fail(S, D, 1, "element " + std::to_string(I) + " is " + describeValue(A[1][I])); return std::nullopt; }
           Out += (I ? A[0].template get<std::string>() : "") + *Str;
         }
         return Value(Out);
       }}},
      {"split", {2, 2, "split(separator, string)", [](auto &S, const Args &A, auto &D) -> R {
         if (!A[0].is_string() || !A[1].is_string() || A[0].template get<std::string>().empty()) {
           fail(S, D, 0, "expects a non-empty separator and a string"); return std::nullopt;
         }
         std::string Str = A[1], Sep = A[0];
         Value Out = Value::array();
         size_t Pos = 0, Next;
         while ((Next = Str.find(Sep, Pos)) != std::string::npos) {
           Out.push_back(Str.substr(Pos, Next - Pos));
           Pos = Next + Sep.size();
         }
         Out.push_back(Str.substr(Pos));
         return Out;
       }}},
      {"concat", {1, 0, "concat(list, list…)", [](auto &S, const Args &A, auto &D) -> R {
         Value Out = Value::array();
         for (size_t I = 0; I < A.size(); ++I) {
           if (!A[I].is_array()) { fail(S, D, static_cast<unsigned>(I), "expects lists"); return std::nullopt; }
           for (const Value &V : A[I]) Out.push_back(V);
         }
         return Out;
       }}},
      {"contains", {2, 2, "contains(list, value)", [](auto &S, const Args &A, auto &D) -> R {
         if (!A[0].is_array()) { fail(S, D, 0, "expects a list"); return std::nullopt; }
         return Value(std::find(A[0].begin(), A[0].end(), A[1]) != A[0].end());
       }}},
      {"keys", {1, 1, "keys(map)", [](auto &S, const Args &A, auto &D) -> R {
         if (!A[0].is_object()) { fail(S, D, 0, "expects a map"); return std::nullopt; }
         Value Out = Value::array();
         for (auto It = A[0].begin(); It != A[0].end(); ++It) Out.push_back(It.key());
         return Out;
       }}},
      {"values", {1, 1, "values(map)", [](auto &S, const Args &A, auto &D) -> R {
         if (!A[0].is_object()) { fail(S, D, 0, "expects a map"); return std::nullopt; }
         Value Out = Value::array();
         for (auto It = A[0].begin(); It != A[0].end(); ++It) Out.push_back(It.value());
         return Out;
       }}},
      {"lookup", {2, 3, "lookup(map, key[, default])", [](auto &S, const Args &A, auto &D) -> R {
         if (!A[0].is_object() || !A[1].is_string()) { fail(S, D, 0, "expects a map and a string key"); return std::nullopt; }
         auto It = A[0].find(A[1].template get<std::string>());
         if (It != A[0].end()) return *It;
         if (A.size() == 3) return A[2];
         fail(S, D, 1, "no key \"" + A[1].template get<std::string>() + "\" and no default");
         return std::nullopt;
       }}},
      {"merge", {1, 0, "merge(map, map…)", [](auto &S, const Args &A, auto &D) -> R {
         Value Out = Value::object();
         for (size_t I = 0; I < A.size(); ++I) {
           if (!A[I].is_object()) { fail(S, D, static_cast<unsigned>(I), "expects maps"); return std::nullopt; }
           for (auto It = A[I].begin(); It != A[I].end(); ++It) Out[It.key()] = It.value();
         }
         return Out;
       }}},
      {"jsonencode", {1, 1, "jsonencode(value)", [](auto &, const Args &A, auto &) -> R {
         return Value(A[0].dump());
       }}},
      {"jsondecode", {1, 1, "jsondecode(string)", [](auto &S, const Args &A, auto &D) -> R {
         if (!A[0].is_string()) { fail(S, D, 0, "expects a string"); return std::nullopt; }
         Value Out = Value::parse(A[0].template get<std::string>(), nullptr, false);
         if (Out.is_discarded()) { fail(S, D, 0, "not valid JSON"); return std::nullopt; }
         return Out;
       }}},
      {"file", {1, 1, "file(path)", [](auto &S, const Args &A, auto &D) -> R {
         if (!A[0].is_string()) { fail(S, D, 0, "expects a path string"); return std::nullopt; }
         llvm::SmallString<256> Path(A[0].template get<std::string>());
         if (!llvm::sys::path::is_absolute(Path)) {
           llvm::SmallString<256> Full(S.BaseDir);
           llvm::sys::path::append(Full, Path);
           Path = Full;
         }
         auto Buf = readSourceFile(Path, MaxStringBytes);
         if (!Buf) { fail(S, D, 0, "cannot read '" + std::string(Path) + "': " + llvm::toString(Buf.takeError())); return std::nullopt; }
         // A value must be UTF-8 to reach JSON (IR, plan, state): refuse
         // a GBK or Latin-1 file here, with its name and the byte.
         if (auto Bad = findInvalidUtf8((*Buf)->getBuffer())) {
           fail(S, D, 0, "'" + std::string(Path) + "' is not valid UTF-8 (byte " + std::to_string(*Bad) + "); save it as UTF-8");
           return std::nullopt;
         }
         return Value((*Buf)->getBuffer().str());
       }}},
      {"env", {1, 2, "env(name[, default])", [](auto &S, const Args &A, auto &D) -> R {
         if (!A[0].is_string()) { fail(S, D, 0, "expects a variable name"); return std::nullopt; }
         if (const char *V = std::getenv(A[0].template get<std::string>().c_str())) {
           if (findInvalidUtf8(V)) { fail(S, D, 0, "the value of $" + A[0].template get<std::string>() + " is not valid UTF-8"); return std::nullopt; }
           return Value(V);
         }
         if (A.size() == 2) return A[1];
         return Value("");
       }}},
      {"min", {1, 0, "min(number…)", [](auto &S, const Args &A, auto &D) -> R {
         double M = 0;
         for (size_t I = 0; I < A.size(); ++I) {
           if (!A[I].is_number()) { fail(S, D, static_cast<unsigned>(I), "expects numbers"); return std::nullopt; }
           M = I ? std::min(M, A[I].template get<double>()) : A[I].template get<double>();
         }
         return number(M);
       }}},
      {"max", {1, 0, "max(number…)", [](auto &S, const Args &A, auto &D) -> R {
         double M = 0;
         for (size_t I = 0; I < A.size(); ++I) {
           if (!A[I].is_number()) { fail(S, D, static_cast<unsigned>(I), "expects numbers"); return std::nullopt; }
           M = I ? std::max(M, A[I].template get<double>()) : A[I].template get<double>();
         }
         return number(M);
       }}},
      {"range", {1, 2, "range([start,] end)", [](auto &S, const Args &A, auto &D) -> R {
         for (size_t I = 0; I < A.size(); ++I)
           if (!A[I].is_number_integer()) { fail(S, D, static_cast<unsigned>(I), "expects whole numbers"); return std::nullopt; }
         long long B = A.size() == 2 ? A[0].template get<long long>() : 0;
         long long E = A.back().template get<long long>();
         if (E - B > 100000) { fail(S, D, 0, "range of more than 100000 elements"); return std::nullopt; }
         Value Out = Value::array();
         for (long long I = B; I < E; ++I) Out.push_back(I);
         return Out;
       }}},
      {"tostring", {1, 1, "tostring(value)", [](auto &S, const Args &A, auto &D) -> R {
         auto Str = toTemplateString(A[0]);
         if (!Str) { fail(S, D, 0, "cannot convert " + describeValue(A[0]) + " to a string"); return std::nullopt; }
         return Value(*Str);
       }}},
      {"tonumber", {1, 1, "tonumber(string)", [](auto &S, const Args &A, auto &D) -> R {
         if (A[0].is_number()) return A[0];
         if (A[0].is_string()) {
           std::string Str = A[0];
           char *End = nullptr;
           double N = std::strtod(Str.c_str(), &End);
           if (!Str.empty() && End && *End == '\0' && std::isfinite(N)) return number(N);
         }
         fail(S, D, 0, "cannot convert " + describeValue(A[0]) + " to a number");
         return std::nullopt;
       }}},
      {"coalesce", {1, 0, "coalesce(value…)", [](auto &, const Args &A, auto &) -> R {
         for (const Value &V : A)
           if (!V.is_null() && !(V.is_string() && V.template get<std::string>().empty())) return V;
         return Value();
       }}},
  };
  return T;
}

bool hasUnknown(const Value &V) {
  if (ir::isUnknown(V))
    return true;
  if (V.is_array() || V.is_object())
    for (const Value &E : V)
      if (hasUnknown(E))
        return true;
  return false;
}

} // namespace

bool isKnownFunction(llvm::StringRef Name) { return table().count(Name.str()) != 0; }

std::vector<std::string> functionNames() {
  std::vector<std::string> Out;
  for (const auto &[Name, F] : table())
    Out.push_back(Name);
  return Out;
}

std::optional<Value> callFunction(const CallSite &Site, const std::vector<Value> &Args,
                                  DiagnosticsEngine &Diags) {
  const Fn &F = table().at(Site.Name);
  if (Args.size() < F.MinArgs || (F.MaxArgs && Args.size() > F.MaxArgs)) {
    std::string Want = F.MinArgs == F.MaxArgs
                           ? std::to_string(F.MinArgs) + (F.MinArgs == 1 ? " argument" : " arguments")
                           : std::string("arguments as in ") + F.Signature;
    Diags.report(Site.Range, diag::err_function_arity)
        << Site.Name << Want << std::to_string(Args.size());
    return std::nullopt;
  }
  for (const Value &A : Args)
    if (hasUnknown(A))
      return ir::unknownValue(Site.Name + "(…)");
  return F.Impl(Site, Args, Diags);
}

std::string describeValue(const Value &V) {
  if (ir::isUnknown(V))
    return "a value known only after apply";
  switch (V.type()) {
  case Value::value_t::null: return "null";
  case Value::value_t::boolean: return "a bool";
  case Value::value_t::string: return "a string";
  case Value::value_t::number_integer:
  case Value::value_t::number_unsigned:
  case Value::value_t::number_float: return "a number";
  case Value::value_t::array: return "a list";
  case Value::value_t::object:
    return V.contains("__address__") ? "a reference to " + V["__address__"].get<std::string>()
                                     : "a map";
  default: return "a value";
  }
}

std::optional<std::string> toTemplateString(const Value &V) {
  if (V.is_string())
    return V.get<std::string>();
  if (V.is_boolean())
    return V.get<bool>() ? "true" : "false";
  if (V.is_number_integer() || V.is_number_unsigned())
    return std::to_string(V.get<long long>());
  if (V.is_number_float())
    return numberToString(V.get<double>());
  return std::nullopt;
}

size_t valueCost(const Value &V, size_t Limit) {
  // Iterative: values can nest as deep as `let` chains build them.
  size_t Cost = 0;
  std::vector<const Value *> Todo{&V};
  while (!Todo.empty() && Cost <= Limit) {
    const Value *Cur = Todo.back();
    Todo.pop_back();
    Cost += 32;
    if (Cur->is_string()) {
      Cost += Cur->get_ref<const std::string &>().size();
    } else if (Cur->is_object()) {
      for (auto It = Cur->begin(); It != Cur->end(); ++It) {
        Cost += 32 + It.key().size();
        Todo.push_back(&It.value());
      }
    } else if (Cur->is_array()) {
      for (const Value &El : *Cur)
        Todo.push_back(&El);
    }
  }
  return Cost;
}

} // namespace rtc::sema
