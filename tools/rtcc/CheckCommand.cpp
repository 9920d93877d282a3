//===- CheckCommand.cpp - rtcc check ---------------------------------------===//
//
// rtcc check [-verify] [-var NAME=VALUE]… [-var-file FILE]… [--emit=ir-json] PATH…
// Parses, resolves and evaluates .rtc files (directories are searched for
// *.rtc), checks every block against the stdlib schemas and every rule of
// the service, and reports each problem with its code, location and fix.
//
//===----------------------------------------------------------------------===//
#include "CommandRegistry.h"
#include "DriverSupport.h"
#include "rtc/IR/IR.h"
#include "rtc/Rules/Rules.h"
#include "rtc/Sema/Sema.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>

using namespace llvm;

namespace rtc::driver {
namespace {

cl::SubCommand CheckCmd("check", "Parse and check .rtc files; report every problem");
cl::list<std::string> Paths(cl::Positional, cl::desc("<file|dir>..."), cl::OneOrMore,
                            cl::sub(CheckCmd));
cl::opt<bool> Verify("verify",
                     cl::desc("Compare diagnostics with `// expected-error {{…}}` "
                              "comments in the input (for tests)"),
                     cl::sub(CheckCmd));
enum class Emit { None, IrJson };
cl::opt<Emit> EmitKind("emit", cl::desc("Print the checked program"),
                       cl::values(clEnumValN(Emit::IrJson, "ir-json",
                                             "the IR as JSON (docs/ir.md)")),
                       cl::init(Emit::None), cl::sub(CheckCmd));
cl::opt<bool> SyntaxOnly("syntax-only",
                         cl::desc("Only parse (like clang -fsyntax-only); skip names, types and rules"),
                         cl::sub(CheckCmd));
cl::opt<bool> IrProvenance("ir-provenance",
                           cl::desc("Include source locations in --emit=ir-json"),
                           cl::sub(CheckCmd));

/// "a, b and 2 more" for the folders of Configs.
std::string folderList(const std::vector<std::vector<std::string>> &Configs) {
  std::string Out;
  for (size_t I = 0; I < Configs.size() && I < 3; ++I) {
    StringRef Dir = sys::path::parent_path(Configs[I].front());
    Out += (I ? ", " : "") + (Dir.empty() ? std::string(".") : Dir.str());
  }
  if (Configs.size() > 3)
    Out += " and " + std::to_string(Configs.size() - 3) + " more";
  return Out;
}

int run() {
  Session S(Verify);
  std::vector<std::string> Files = collectInputs(Paths, S.diags(), /*SkipModuleFolders=*/true);
  // Each folder is one configuration (a root module), as in Terraform.
  std::vector<std::vector<std::string>> Configs = groupByConfiguration(Files);
  // Several documents back to back would be no JSON document at all.
  if (EmitKind == Emit::IrJson && Configs.size() > 1) {
    WithColor::error(errs(), "rtcc check")
        << "--emit=ir-json prints one configuration, and the paths hold "
        << Configs.size() << " (folders " << folderList(Configs)
        << "); pass one of them\n";
    return ExitUsage;
  }
  for (const std::vector<std::string> &Config : Configs) {
    unsigned ErrorsBefore = S.diags().errorCount();
    std::vector<ast::File> Asts = S.parseAll(Config);
    if (S.diags().reachedErrorLimit())
      break;
    // Names and types are checked once the files parse; after syntax errors
    // they would mostly repeat them.
    bool SyntaxErrors = std::any_of(Asts.begin(), Asts.end(),
                                    [](const ast::File &F) { return F.HadSyntaxErrors; });
    if (SyntaxOnly || SyntaxErrors) {
      // Rules did not run, so an ignore may only look unused.
      S.diags().settleIgnores(/*ReportUnused=*/false);
      freeAtExit(Asts);
      continue;
    }
    ir::Program P = analyze(Asts, S.diags(), semaOptions());
    // Rules read whole resources; after semantic errors they would only
    // repeat them.
    bool Clean = S.diags().errorCount() == ErrorsBefore;
    if (Clean)
      runRules(P, S.diags());
    // check runs every rule without state, so an ignore that silenced
    // nothing here silences nothing anywhere (plan and apply report less).
    S.diags().settleIgnores(/*ReportUnused=*/Clean);
    if (EmitKind == Emit::IrJson && S.diags().errorCount() == ErrorsBefore) {
      ir::Value J = ir::toJson(P, IrProvenance ? &S.sourceMgr() : nullptr);
      ir::redactSecrets(J, P);
      outs() << J.dump(2) << "\n";
    }
    freeAtExit(P);
    freeAtExit(Asts);
  }
  return S.finish();
}

CommandRegistration Reg(CheckCmd, run);

} // namespace
} // namespace rtc::driver
