//===- Schema.h - resource kinds as declared in stdlib/ ----------*- C++ -*-===//
//
// The compiler knows no resource kind by heart: `schema KIND { … }` blocks in
// stdlib/*.rtc declare each kind's attributes (type, required, default,
// force_new, computed, sensitive, enum, doc, and the constraints min, max,
// min_items, max_items and pattern), nested blocks (min, max, local) and
// constraints between attributes (exactly_one_of, required_with,
// conflicts_with); docs/stdlib.md describes the format. This is their
// in-memory form, used by Sema to check blocks and by the LSP for completion
// and hover.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_SEMA_SCHEMA_H
#define RTC_SEMA_SCHEMA_H

#include "rtc/AST/AST.h"
#include "rtc/IR/FullMatch.h"
#include "rtc/IR/IR.h"
#include <map>
#include <memory>
#include <optional>
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
  /// With Computed: the configuration may also set it (Terraform's optional
  /// + computed); when set, the plan compares it like any other attribute.
  bool Settable = false;
  bool Sensitive = false;
  /// Evaluated in the resource's scope. Null in schemas returned by
  /// analyzeWithSchemas (the stdlib ASTs are gone by then).
  const ast::Expr *Default = nullptr;
  bool DefaultIsLabel = false;        ///< `default = label`
  std::vector<std::string> Enum;      ///< allowed values (strings), evaluated
  std::optional<double> MinValue, MaxValue; ///< `min` / `max`: bounds of a number
  std::optional<size_t> MinItems, MaxItems; ///< `min_items` / `max_items` of a list
  /// `pattern`: an extended regular expression the whole string must match
  /// (compiled once, when the schema is read); null when absent.
  std::shared_ptr<const ir::FullMatcher> Pattern;
  std::string PatternText; ///< the pattern as written in the schema
  std::string Doc;
  llvm::SMRange Range;
};

struct BlockSchema {
  std::string Name;
  std::string Doc;
  unsigned Min = 0;
  unsigned Max = 1; ///< 0 = no limit; >1 makes the attribute an array
  bool AllowsStatements = false; ///< `allow … on …` / `deny … on …`
  /// `local = true`: checked by rtcc only, never sent to the service
  /// (`expected_load`). Sema checks such a block like any other; whoever
  /// sends resources to the service leaves it out.
  bool Local = false;
  /// `exactly_one_of = ["a", "b"]`: exactly one of these attributes is set.
  std::vector<std::string> ExactlyOneOf;
  /// `required_with = { a = ["b"] }`: when `a` is set, `b` must be too.
  std::map<std::string, std::vector<std::string>> RequiredWith;
  /// `conflicts_with = { a = ["b"] }`: when `a` is set, `b` must not be.
  std::map<std::string, std::vector<std::string>> ConflictsWith;
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
