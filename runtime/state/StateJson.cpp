//===- StateJson.cpp - state (de)serialisation and validation -------------===//
#include "rtc/State/StateJson.h"
#include "rtc/IR/JsonDepth.h"
#include "rtc/State/StateError.h"

#include <fmt/format.h>

#include <set>

namespace rtc::state {

using nlohmann::json;

namespace {

const char *typeName(const json &J) { return J.type_name(); }

bool isUuid(const std::string &S) {
  if (S.size() != 36)
    return false;
  for (size_t I = 0; I < 36; ++I) {
    char C = S[I];
    bool Dash = I == 8 || I == 13 || I == 18 || I == 23;
    if (Dash ? C != '-' : !isxdigit(static_cast<unsigned char>(C)))
      return false;
  }
  return true;
}

/// Collects the first problem with its JSON path; parsing stops there.
struct Validator {
  std::string Origin;
  std::string Problem;

  bool fail(const std::string &Path, const std::string &What) {
    if (Problem.empty())
      Problem = Path.empty() ? What : Path + ": " + What;
    return false;
  }
  bool expect(const json &J, json::value_t T, const std::string &Path,
              const char *Want) {
    if (J.type() == T)
      return true;
    return fail(Path, fmt::format("expected {}, got {}", Want, typeName(J)));
  }
  bool string(json &Obj, const char *Key, const std::string &Path,
              std::string &Out, bool Required = true) {
    auto It = Obj.find(Key);
    if (It == Obj.end())
      return Required ? fail(Path, fmt::format("missing \"{}\"", Key)) : true;
    if (!expect(*It, json::value_t::string, Path + "." + Key, "a string"))
      return false;
    Out = std::move(It->get_ref<std::string &>());
    return true;
  }
  bool stringList(json &Obj, const char *Key, const std::string &Path,
                  std::vector<std::string> &Out) {
    auto It = Obj.find(Key);
    if (It == Obj.end())
      return true; // an absent list is an empty one
    std::string P = Path + "." + Key;
    if (!expect(*It, json::value_t::array, P, "an array"))
      return false;
    Out.reserve(It->size());
    for (size_t I = 0; I < It->size(); ++I) {
      json &E = (*It)[I];
      if (!expect(E, json::value_t::string, fmt::format("{}[{}]", P, I),
                  "a string"))
        return false;
      Out.push_back(std::move(E.get_ref<std::string &>()));
    }
    return true;
  }
  bool onlyKeys(const json &Obj, std::initializer_list<const char *> Keys,
                const std::string &Path) {
    for (auto It = Obj.begin(); It != Obj.end(); ++It) {
      bool Known = false;
      for (const char *K : Keys)
        Known |= It.key() == K;
      if (!Known)
        return fail(Path, fmt::format("unknown field \"{}\"", It.key()));
    }
    return true;
  }

  bool resource(json &J, const std::string &Path, ResourceState &R) {
    if (!expect(J, json::value_t::object, Path, "an object"))
      return false;
    if (!onlyKeys(J,
                  {"address", "kind", "name", "cloud_id", "attributes",
                   "dependencies", "sensitive_attributes"},
                  Path))
      return false;
    if (!string(J, "address", Path, R.Address) ||
        !string(J, "kind", Path, R.Kind) || !string(J, "name", Path, R.Name) ||
        !string(J, "cloud_id", Path, R.CloudId, /*Required=*/false))
      return false;
    if (!isValidAddress(R.Address))
      return fail(Path + ".address",
                  fmt::format("'{}' is not a resource address", R.Address));
    auto A = J.find("attributes");
    if (A != J.end()) {
      if (!expect(*A, json::value_t::object, Path + ".attributes", "an object"))
        return false;
      R.Attributes = std::move(*A);
    }
    if (!stringList(J, "dependencies", Path, R.Dependencies) ||
        !stringList(J, "sensitive_attributes", Path, R.Sensitive))
      return false;
    for (size_t I = 0; I < R.Dependencies.size(); ++I)
      if (!isValidAddress(R.Dependencies[I]))
        return fail(
            fmt::format("{}.dependencies[{}]", Path, I),
            fmt::format("'{}' is not a resource address", R.Dependencies[I]));
    return true;
  }
};

} // namespace

llvm::Expected<State> parseState(llvm::StringRef Text, llvm::StringRef Origin) {
  // Planning, rendering and saving recurse over attribute values.
  if (jsonNestedDeeperThan(Text))
    return makeError(
        ErrId::err_state_invalid, Origin.str(),
        fmt::format("JSON nested deeper than {} levels", MaxJsonDepth));
  json J;
  try {
    J = json::parse(Text.begin(), Text.end());
  } catch (const json::exception &E) {
    // parse_error, and out_of_range for a number such as 1e999.
    return makeError(ErrId::err_state_not_json, Origin.str(), E.what());
  }
  Validator V{Origin.str(), {}};
  auto Invalid = [&] {
    return makeError(ErrId::err_state_invalid, Origin.str(), V.Problem);
  };
  if (!V.expect(J, json::value_t::object, "", "a JSON object at the top"))
    return Invalid();
  if (!V.onlyKeys(J,
                  {"format_version", "serial", "lineage", "resources",
                   "outputs", "pending_creates"},
                  ""))
    return Invalid();

  State S;
  auto FV = J.find("format_version");
  if (FV == J.end())
    return V.fail("", "missing \"format_version\""), Invalid();
  if (!FV->is_number_integer())
    return V.fail("format_version", "expected an integer"), Invalid();
  if (FV->get<long long>() != StateFormatVersion)
    return makeError(ErrId::err_state_version, Origin.str(),
                     FV->get<long long>(), StateFormatVersion);

  auto Ser = J.find("serial");
  if (Ser == J.end())
    return V.fail("", "missing \"serial\""), Invalid();
  if (!Ser->is_number_unsigned())
    return V.fail("serial", "expected a non-negative integer"), Invalid();
  S.Serial = Ser->get<uint64_t>();

  if (!V.string(J, "lineage", "", S.Lineage))
    return Invalid();
  if (!isUuid(S.Lineage))
    return V.fail("lineage", fmt::format("'{}' is not a UUID", S.Lineage)),
           Invalid();

  auto Res = J.find("resources");
  if (Res != J.end()) {
    if (!V.expect(*Res, json::value_t::array, "resources", "an array"))
      return Invalid();
    S.Resources.resize(Res->size());
    for (size_t I = 0; I < Res->size(); ++I)
      if (!V.resource((*Res)[I], fmt::format("resources[{}]", I),
                      S.Resources[I]))
        return Invalid();
  }

  auto Out = J.find("outputs");
  if (Out != J.end()) {
    if (!V.expect(*Out, json::value_t::object, "outputs", "an object"))
      return Invalid();
    for (auto It = Out->begin(); It != Out->end(); ++It) {
      std::string P = "outputs." + It.key();
      if (!V.expect(*It, json::value_t::object, P, "an object") ||
          !V.onlyKeys(*It, {"value", "sensitive"}, P))
        return Invalid();
      OutputState O;
      auto Val = It->find("value");
      if (Val == It->end())
        return V.fail(P, "missing \"value\""), Invalid();
      O.Value = std::move(*Val);
      auto Sens = It->find("sensitive");
      if (Sens != It->end()) {
        if (!V.expect(*Sens, json::value_t::boolean, P + ".sensitive",
                      "a boolean"))
          return Invalid();
        O.Sensitive = Sens->get<bool>();
      }
      S.Outputs.emplace(It.key(), std::move(O));
    }
  }

  auto Pend = J.find("pending_creates");
  if (Pend != J.end()) {
    if (!V.expect(*Pend, json::value_t::array, "pending_creates", "an array"))
      return Invalid();
    for (size_t I = 0; I < Pend->size(); ++I) {
      std::string P = fmt::format("pending_creates[{}]", I);
      json &E = (*Pend)[I];
      PendingCreate PC;
      if (!V.expect(E, json::value_t::object, P, "an object") ||
          !V.onlyKeys(E, {"address", "kind", "cloud_name"}, P) ||
          !V.string(E, "address", P, PC.Address) ||
          !V.string(E, "kind", P, PC.Kind) ||
          !V.string(E, "cloud_name", P, PC.CloudName))
        return Invalid();
      S.Pending.push_back(std::move(PC));
    }
  }

  S.normalize();
  for (size_t I = 1; I < S.Resources.size(); ++I)
    if (S.Resources[I].Address == S.Resources[I - 1].Address)
      return V.fail("resources", fmt::format("address '{}' appears twice",
                                             S.Resources[I].Address)),
             Invalid();
  return S;
}

namespace {

/// Writes the state straight into a string. Building an nlohmann tree first
/// would copy every attribute object, which dominated the cost of saving
/// large states. The layout is what json::dump(2) would print.
class Writer {
public:
  explicit Writer(std::string &Out)
      : Out(Out), Ser(nlohmann::detail::output_adapter<char>(Out), ' ',
                      // Never throw on bad UTF-8 from the cloud; store U+FFFD.
                      nlohmann::detail::error_handler_t::replace) {}

  void value(const json &V, unsigned Indent) {
    Ser.dump(V, /*pretty_print=*/true, /*ensure_ascii=*/false,
             /*indent_step=*/2, Indent);
  }
  void str(const std::string &S) { value(json(S), 0); }
  void key(unsigned Indent, const char *K) {
    Out.append(Indent, ' ');
    Out += '"';
    Out += K;
    Out += "\": ";
  }
  void stringList(const std::vector<std::string> &L, unsigned Indent) {
    if (L.empty()) {
      Out += "[]";
      return;
    }
    Out += "[\n";
    for (size_t I = 0; I < L.size(); ++I) {
      Out.append(Indent + 2, ' ');
      str(L[I]);
      Out += I + 1 < L.size() ? ",\n" : "\n";
    }
    Out.append(Indent, ' ');
    Out += ']';
  }

  std::string &Out;
  nlohmann::detail::serializer<json> Ser;
};

} // namespace

std::string serializeState(const State &In) {
  const State *S = &In;
  State Sorted;
  bool Normal =
      std::is_sorted(In.Resources.begin(), In.Resources.end(),
                     [](const ResourceState &A, const ResourceState &B) {
                       return A.Address < B.Address;
                     });
  for (const ResourceState &R : In.Resources)
    Normal = Normal &&
             std::is_sorted(R.Dependencies.begin(), R.Dependencies.end()) &&
             std::is_sorted(R.Sensitive.begin(), R.Sensitive.end());
  Normal = Normal &&
           std::is_sorted(In.Pending.begin(), In.Pending.end(),
                          [](const PendingCreate &A, const PendingCreate &B) {
                            return A.Address < B.Address;
                          });
  if (!Normal) {
    Sorted = In;
    Sorted.normalize();
    S = &Sorted;
  }

  std::string Out;
  Out.reserve(256 + S->Resources.size() * 512);
  Writer W(Out);
  // Keys in sorted order; "serial" is last, see replaceSerial().
  Out += "{\n";
  W.key(2, "format_version");
  Out += std::to_string(S->FormatVersion) + ",\n";
  W.key(2, "lineage");
  W.str(S->Lineage);
  Out += ",\n";
  W.key(2, "outputs");
  if (S->Outputs.empty()) {
    Out += "{}";
  } else {
    Out += "{\n";
    size_t N = 0;
    for (const auto &[Name, O] : S->Outputs) {
      Out.append(4, ' ');
      W.str(Name);
      Out += ": {\n";
      W.key(6, "sensitive");
      Out += O.Sensitive ? "true,\n" : "false,\n";
      W.key(6, "value");
      W.value(O.Value, 6);
      Out += "\n    }";
      Out += ++N < S->Outputs.size() ? ",\n" : "\n";
    }
    Out += "  }";
  }
  Out += ",\n";
  // Written only while creates are in flight, so settled states keep the
  // layout they always had.
  if (!S->Pending.empty()) {
    W.key(2, "pending_creates");
    Out += "[\n";
    for (size_t I = 0; I < S->Pending.size(); ++I) {
      const PendingCreate &PC = S->Pending[I];
      Out += "    {\n";
      W.key(6, "address");
      W.str(PC.Address);
      Out += ",\n";
      W.key(6, "cloud_name");
      W.str(PC.CloudName);
      Out += ",\n";
      W.key(6, "kind");
      W.str(PC.Kind);
      Out += I + 1 < S->Pending.size() ? "\n    },\n" : "\n    }\n";
    }
    Out += "  ],\n";
  }
  W.key(2, "resources");
  if (S->Resources.empty()) {
    Out += "[]";
  } else {
    Out += "[\n";
    for (size_t I = 0; I < S->Resources.size(); ++I) {
      const ResourceState &R = S->Resources[I];
      Out += "    {\n";
      W.key(6, "address");
      W.str(R.Address);
      Out += ",\n";
      W.key(6, "attributes");
      W.value(R.Attributes, 6);
      Out += ",\n";
      W.key(6, "cloud_id");
      W.str(R.CloudId);
      Out += ",\n";
      W.key(6, "dependencies");
      W.stringList(R.Dependencies, 6);
      Out += ",\n";
      W.key(6, "kind");
      W.str(R.Kind);
      Out += ",\n";
      W.key(6, "name");
      W.str(R.Name);
      Out += ",\n";
      W.key(6, "sensitive_attributes");
      W.stringList(R.Sensitive, 6);
      Out += I + 1 < S->Resources.size() ? "\n    },\n" : "\n    }\n";
    }
    Out += "  ]";
  }
  Out += ",\n";
  W.key(2, "serial");
  Out += std::to_string(S->Serial);
  Out += "\n}\n";
  return Out;
}

bool replaceSerial(std::string &Text, uint64_t Serial) {
  static const char Key[] = "\n  \"serial\": ";
  size_t At = Text.rfind(Key);
  if (At == std::string::npos)
    return false;
  At += sizeof Key - 1;
  size_t End = Text.find('\n', At);
  if (End == std::string::npos)
    return false;
  Text.replace(At, End - At, std::to_string(Serial));
  return true;
}

} // namespace rtc::state
