//===- Sema.h - from ASTs to the checked IR ----------------------*- C++ -*-===//
//
// Semantic analysis: loads the stdlib (schemas, tables, built-in policies),
// follows imports, resolves names and references, evaluates expressions,
// expands for_each, checks every block against its schema, and lowers the
// result to ir::Program. Domain rules (rtc/Rules) and policy analysis
// (rtc/Policy) run on the IR afterwards.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_SEMA_SEMA_H
#define RTC_SEMA_SEMA_H

#include "rtc/AST/AST.h"
#include "rtc/Diag/DiagnosticsEngine.h"
#include "rtc/IR/IR.h"
#include "rtc/Sema/Schema.h"
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace rtc {

struct SemaOptions {
  /// `-var name=value` (value parsed as an .rtc expression if it parses,
  /// else taken as a string), in command-line order.
  std::vector<std::pair<std::string, std::string>> VarArgs;
  /// `-var-file FILE` paths, in order (later wins).
  std::vector<std::string> VarFiles;
  /// -var arguments that are not NAME=VALUE: each is an error (exit 1
  /// before anything is planned or applied).
  std::vector<std::string> MalformedVarArgs;
  /// RTC_VAR_<name> from the environment.
  bool UseEnvironment = true;
  /// Values given as data, e.g. those a saved plan was made with; they win
  /// over -var, -var-file and RTC_VAR_ (the driver refuses those for the
  /// same names). Names the configuration does not declare are ignored:
  /// the plan's configuration hash tells that the configuration changed.
  std::map<std::string, ir::Value> VarValues;
  /// Directory of stdlib .rtc files to use instead of the embedded copy.
  std::string StdlibDir;
  /// Schema constraints Sema leaves to a domain rule that checks the same
  /// thing with the domain's message and exceptions (rtc/Rules/Rules.h,
  /// constraintsCheckedByRules()). Keys are `KIND.PATH:KEYWORD` for
  /// attribute constraints (`cluster.slave.count:min`) and `KIND:KEYWORD` for
  /// constraints between attributes (`project:exactly_one_of`).
  std::set<std::string> ConstraintsCheckedByRules;
};

/// Analyzes the given root files (already parsed; imports are loaded into the
/// same SourceMgr). Returns the program even when there are errors, so tools
/// like the LSP can use what was understood; check Diags.hasErrors().
ir::Program analyze(std::vector<ast::File> &Roots, DiagnosticsEngine &Diags,
                    const SemaOptions &Opts = {});

/// The program together with the schemas it was checked against (for tools
/// such as the LSP server: completion and hover read the schemas).
struct Analysis {
  ir::Program Program;
  SchemaSet Schemas;
};
Analysis analyzeWithSchemas(std::vector<ast::File> &Roots, DiagnosticsEngine &Diags,
                            const SemaOptions &Opts = {});

} // namespace rtc

#endif
