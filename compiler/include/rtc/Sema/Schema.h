//===- Schema.h - resource kinds as declared in stdlib/ ----------*- C++ -*-===//
//
// The compiler knows no resource kind by heart: `schema KIND { … }` blocks in
// stdlib/*.rtc declare each kind's attributes (type, required, default,
// force_new, computed, sensitive, enum, doc) and nested blocks. This is their
// in-memory form, used by Sema to check blocks and by the LSP for completion
// and hover.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_SEMA_SCHEMA_H
#define RTC_SEMA_SCHEMA_H

#include "rtc/AST/AST.h"
#include "rtc/IR/IR.h"
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace rtc {

struct Type {
  enum class Kind { Any, String, Number, Bool, List, Map, Object, Enum, Ref };
  Kind K = Kind::Any;
  std::shared_ptr<Type> Elem;           ///< List, Map
  std::map<std::string, Type> Fields;   ///< Object
  std::vector<std::string> EnumValues;  ///< Enum
  std::string RefKind;                  ///< Ref: the resource kind
  /// As users write it: `list(string)`, `ref(cluster)`.
  std::string str() const;
};

struct AttrSchema {
  std::string Name;
  Type Ty;
  bool Required = false;
  bool ForceNew = false;
  bool Computed = false;
  bool Sensitive = false;
  /// Evaluated in the resource's scope. Null in schemas returned by
  /// analyzeWithSchemas (the stdlib ASTs are gone by then).
  const ast::Expr *Default = nullptr;
  bool DefaultIsLabel = false;        ///< `default = label`
  std::vector<std::string> Enum;      ///< allowed values (strings), evaluated
  std::string Doc;
  llvm::SMRange Range;
};

struct BlockSchema {
  std::string Name;
  std::string Doc;
  unsigned Min = 0;
  unsigned Max = 1; ///< 0 = no limit; >1 makes the attribute an array
  bool AllowsStatements = false; ///< `allow … on …` / `deny … on …`
  std::map<std::string, AttrSchema> Attrs;
  std::map<std::string, BlockSchema> Blocks;
  llvm::SMRange Range;

  std::vector<std::string> attrNames() const;
  std::vector<std::string> blockNames() const;
};

struct KindSchema : BlockSchema {
  std::string Provider; ///< stable id the runtime binds to, `foas.Cluster`
};

struct SchemaSet {
  std::map<std::string, KindSchema> Kinds;
  const KindSchema *find(llvm::StringRef Kind) const;
  std::vector<std::string> kindNames() const;
};

} // namespace rtc

#endif
