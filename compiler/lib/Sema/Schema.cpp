//===- Schema.cpp - resource kinds as declared in stdlib/ ------------------===//
#include "rtc/Sema/Schema.h"

namespace rtc {

std::string Type::str() const {
  switch (K) {
  case Kind::Any: return "any";
  case Kind::String: return "string";
  case Kind::Number: return "number";
  case Kind::Bool: return "bool";
  case Kind::List: return "list(" + (Elem ? Elem->str() : "any") + ")";
  case Kind::Map: return "map(" + (Elem ? Elem->str() : "any") + ")";
  case Kind::Ref: return "ref(" + RefKind + ")";
  case Kind::Enum: {
    std::string S = "enum(";
    for (size_t I = 0; I < EnumValues.size(); ++I)
      S += (I ? ", \"" : "\"") + EnumValues[I] + "\"";
    return S + ")";
  }
  case Kind::Object: {
    std::string S = "object({ ";
    bool First = true;
    for (const auto &[Name, T] : Fields) {
      S += (First ? "" : ", ") + Name + " = " + T.str();
      First = false;
    }
    return S + " })";
  }
  }
  return "any";
}

std::vector<std::string> BlockSchema::attrNames() const {
  std::vector<std::string> Out;
  for (const auto &[Name, A] : Attrs)
    Out.push_back(Name);
  return Out;
}

std::vector<std::string> BlockSchema::blockNames() const {
  std::vector<std::string> Out;
  for (const auto &[Name, B] : Blocks)
    Out.push_back(Name);
  return Out;
}

const KindSchema *SchemaSet::find(llvm::StringRef Kind) const {
  auto It = Kinds.find(Kind.str());
  return It == Kinds.end() ? nullptr : &It->second;
}

std::vector<std::string> SchemaSet::kindNames() const {
  std::vector<std::string> Out;
  for (const auto &[Name, K] : Kinds)
    Out.push_back(Name);
  return Out;
}

} // namespace rtc
