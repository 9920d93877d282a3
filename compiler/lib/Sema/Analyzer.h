//===- Analyzer.h - the semantic analysis pass -------------------*- C++ -*-===//
//
// One Analyzer runs over a configuration: it loads the stdlib, the root
// module and every imported file and child module, then evaluates lazily:
// a resource, let or output is evaluated when first needed, which gives the
// dependency graph and catches cycles (reported with the whole cycle).
// Private to Sema; the public entry point is rtc::analyze (Sema.h).
//
//===----------------------------------------------------------------------===//
#ifndef RTC_LIB_SEMA_ANALYZER_H
#define RTC_LIB_SEMA_ANALYZER_H

#include "rtc/Sema/Schema.h"
#include "rtc/Sema/Sema.h"
#include <map>
#include <memory>
#include <optional>
#include <set>

namespace rtc::sema {

struct Module;

/// A resource block (before for_each expansion) and its evaluation state.
struct ResourceDecl {
  const ast::Block *B = nullptr;
  const KindSchema *Schema = nullptr;
  Module *Mod = nullptr;
  std::string Kind, Name, Address;
  enum class State { Todo, Busy, Done } S = State::Todo;
  ir::Value RefValue; ///< what `kind.name` evaluates to
  bool Failed = false;
};

struct LetDeclState {
  const ast::LetDecl *D = nullptr;
  enum class State { Todo, Busy, Done } S = State::Todo;
  std::optional<ir::Value> V;
  bool Sensitive = false; ///< the value was derived from a sensitive one
};

struct Module {
  std::string Prefix; ///< "" for the root, "module.prod." for a child
  std::string Dir;
  Module *Parent = nullptr;
  const ast::Block *Decl = nullptr; ///< the `module` block in the parent
  std::vector<ast::File *> Files;
  std::map<std::string, const ast::Block *> Variables;
  std::map<std::string, ir::Value> VarValues;
  /// Variables declared `sensitive`, or given a value derived from one.
  std::set<std::string> SensitiveVars;
  /// The variable whose default is being evaluated, if any: a `var.` read
  /// then is a cycle (itself) or reads a variable that has no value yet.
  std::string DefaultOf;
  std::set<std::string> UsedVariables;
  std::map<std::string, LetDeclState> Lets;
  std::map<std::string, std::map<std::string, std::unique_ptr<ResourceDecl>>> Resources;
  std::vector<ResourceDecl *> InOrder; ///< declaration order, for diagnostics
  std::map<std::string, const ast::Block *> Outputs;
  std::map<std::string, std::optional<ir::Value>> OutputValues;
  /// Outputs declared `sensitive` or whose value is derived from a secret.
  std::set<std::string> SensitiveOutputs;
  std::map<std::string, std::unique_ptr<Module>> Children;
  std::map<std::string, const ast::Block *> ChildDecls;
  std::vector<const ast::Block *> Providers;
  std::vector<const ast::Block *> Backends;
  std::vector<const ast::Block *> Moved; ///< `moved { from … to … }`
};

/// What an expression is evaluated for.
struct EvalContext {
  Module *Mod = nullptr;
  const ir::Value *Each = nullptr;     ///< {"key":…, "value":…} in for_each
  std::set<std::string> *Deps = nullptr;
  const ast::Block *Block = nullptr;   ///< the block being evaluated (for `label`)
  std::string BaseDir;
};

class Analyzer {
public:
  Analyzer(DiagnosticsEngine &Diags, const SemaOptions &Opts);
  ~Analyzer();
  ir::Program run(std::vector<ast::File> &Roots);

  const SchemaSet &schemas() const { return Schemas; }

private:
  // Loading.
  void loadStdlib();
  ast::File *parseOwned(unsigned BufferId);
  void collectFile(Module &M, ast::File &F, std::vector<std::string> &ImportStack);
  void collectItem(Module &M, ast::File &F, const ast::Item &It);
  void loadChildModules(Module &M, unsigned Depth);
  void loadSchemas();
  /// `resource "user" "alice" { … }`: reports the rtcc spelling with a
  /// fix-it and returns true; false for any other unknown block.
  bool reportTerraformResource(const ast::Block &B,
                               const std::vector<std::string> &Kinds);
  void loadSchemaBlock(BlockSchema &Out, const ast::Block &B, EvalContext &Ctx);
  std::optional<Type> parseType(const ast::Expr &E);
  void bindVariables(Module &M);
  void bindRootVariables(Module &M);

  // Evaluation.
  /// Evaluates E within the limits on depth, steps and value size
  /// (Functions.h); each limit is reported once, at the expression that hit it.
  std::optional<ir::Value> eval(const ast::Expr &E, EvalContext &Ctx);
  std::optional<ir::Value> evalExpr(const ast::Expr &E, EvalContext &Ctx);
  /// A finite number as a value, else err_number_not_finite at R.
  std::optional<ir::Value> finiteNumber(double N, llvm::SMRange R);
  std::optional<ir::Value> evalString(const ast::StringExpr &S, EvalContext &Ctx);
  std::optional<ir::Value> evalBinary(const ast::BinaryExpr &B, EvalContext &Ctx);
  std::optional<ir::Value> evalCall(const ast::CallExpr &C, EvalContext &Ctx);
  std::optional<ir::Value> evalTraversal(const ast::Expr &E, EvalContext &Ctx);
  std::optional<ir::Value> evalName(const ast::NameExpr &N, EvalContext &Ctx);
  std::optional<ir::Value> member(const ir::Value &Base, const std::string &BaseName,
                                  const ast::Ident &Attr);
  std::optional<ir::Value> resourceRef(Module &M, const std::string &Kind,
                                       const ast::Ident &Name, llvm::SMRange RefRange,
                                       EvalContext &Ctx);
  std::optional<ir::Value> letValue(Module &M, LetDeclState &L, llvm::SMRange RefRange);
  std::optional<ir::Value> moduleOutputs(Module &M, const ast::Ident &Name,
                                         llvm::SMRange RefRange);
  std::optional<ir::Value> outputValue(Module &M, const std::string &Name);
  /// `module.NAME.OUTPUT`, carrying that one output's sensitivity (not the
  /// other outputs'); nullopt with no diagnostic when it is not that shape.
  std::optional<ir::Value> moduleOutput(Module &M, const ast::GetAttrExpr &G);
  /// Marks the expression being evaluated when V holds a whole resource
  /// with sensitive attributes (e.g. passed to a function).
  void markResourceSecrets(const ir::Value &V);
  /// Marks the expression when Attr of the resource instance Base is one.
  void markAttributeRead(const ir::Value &Base, const std::string &Attr);

  // Resources.
  void evaluateResource(ResourceDecl &R);
  void evaluateInstance(ResourceDecl &R, const ir::Value *Each, const std::string &Key,
                        std::set<std::string> &Deps);
  void checkBlockBody(const ast::Block &B, const BlockSchema &S, const std::string &Path,
                      ir::Value &Out, ir::Resource &Res, EvalContext &Ctx);
  bool checkType(const ir::Value &V, const Type &T, const std::string &What,
                 llvm::SMRange R);
  /// The value constraints of an attribute (min, max, min_items, max_items,
  /// pattern); Path is the attribute's path in the resource (`slave.count`).
  bool checkConstraints(const AttrSchema &A, const ir::Value &V, const std::string &Kind,
                        const std::string &Path, llvm::SMRange R);
  /// exactly_one_of, required_with and conflicts_with over the attributes
  /// written in B. Path is the block's path with a trailing dot, or "".
  void checkAttributeSet(const ast::Block &B, const BlockSchema &S,
                         const std::map<std::string, const ast::Attribute *> &Seen,
                         const std::string &Kind, const std::string &Path);
  /// Whether SemaOptions::ConstraintsCheckedByRules names this constraint.
  bool constraintLeftToRules(const std::string &Kind, const std::string &Path,
                             llvm::StringRef Keyword) const;
  void recordRanges(const ast::Expr &E, const std::string &Path, ir::Resource &Res);
  void lowerStatements(const ast::RuleStmt &Rule, size_t Index, ir::Value &Out,
                       ir::Resource &Res, EvalContext &Ctx);

  /// A resource's `lifecycle { … }` block into Res (Lifecycle.cpp).
  void lowerLifecycle(const ast::Block &B, const BlockSchema &S,
                      ir::Resource &Res, EvalContext &Ctx);
  // moved blocks (MovedBlocks.cpp).
  /// Validates every module's `moved` blocks against the declared
  /// resources and adds them to Program.Moves; needs Program.Resources.
  void lowerMovedBlocks();
  void lowerMovedBlock(Module &M, const ast::Block &B,
                       std::map<std::string, const ast::Block *> &SeenFrom,
                       std::map<std::string, const ast::Block *> &SeenTo);
  void reportCycle(const std::string &To, llvm::SMRange RefRange);

  DiagnosticsEngine &Diags;
  const SemaOptions &Opts;
  std::vector<std::unique_ptr<ast::File>> OwnedFiles;
  Module Stdlib;
  std::unique_ptr<Module> Root;
  SchemaSet Schemas;
  std::map<std::string, const ast::Block *> BuiltinPolicyBlocks;
  std::map<std::string, ir::Value> BuiltinRefs;
  ir::Program Program;
  /// Resources and lets being evaluated, innermost last, with where each
  /// referred to the next (for cycle messages).
  std::vector<std::pair<std::string, llvm::SMRange>> EvalStack;
  unsigned EvalDepth = 0;
  uint64_t EvalSteps = 0;
  bool DepthReported = false, StepsReported = false;
  /// Terraform's sensitive marks, kept beside the values: set when the
  /// expression being evaluated reads a secret (see SensitivityProbe).
  bool SensitiveRead = false;
  /// Per resource instance address, its sensitive top-level attributes.
  std::map<std::string, std::set<std::string>> SensitiveAttrs;
  std::set<std::string> LoadedPaths;
};

} // namespace rtc::sema

#endif
