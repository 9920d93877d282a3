//===- PlanCommand.cpp - rtcc plan -----------------------------------------===//
//
// rtcc plan [PATH] [-out FILE] [-json] [-detailed-exitcode] [-target ADDR]…
//           [-exclude ADDR]… [-state PATH | -backend=local|pg …]
//           [-workspace NAME] [-var …]
// Checks the configuration like `rtcc check`, reads the stored state, and
// shows what apply would change. Until refresh exists the state is taken as
// the truth about the cloud (`-refresh=false`). Reading needs no lock.
//
//===----------------------------------------------------------------------===//
#include "CommandRegistry.h"
#include "DriverSupport.h"
#include "rtc/IR/IR.h"
#include "rtc/Plan/PlanJson.h"
#include "rtc/Plan/PlanRenderer.h"
#include "rtc/Plan/Planner.h"
#include "rtc/Rules/Rules.h"
#include "rtc/Sema/Sema.h"
#include "rtc/State/Backend.h"
#include "rtc/State/BackendOptions.h"
#include "rtc/State/Workspace.h"

#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace rtc::driver {
namespace {

cl::SubCommand PlanCmd("plan", "Show what apply would change (configuration vs state)");
cl::list<std::string> Paths(cl::Positional, cl::desc("[<dir|file>...]"), cl::ZeroOrMore,
                            cl::sub(PlanCmd));
state::BackendOptions BackendFlags(PlanCmd);
cl::opt<std::string> Out("out", cl::desc("Save the plan to FILE (for apply and show)"),
                         cl::value_desc("FILE"), cl::sub(PlanCmd));
cl::opt<bool> Json("json", cl::desc("Print the plan as JSON (docs/plan.md)"),
                   cl::sub(PlanCmd));
cl::opt<bool> DetailedExit("detailed-exitcode",
                           cl::desc("Exit 0 without changes, 1 on error, 2 with changes"),
                           cl::sub(PlanCmd));
cl::list<std::string> Targets("target", cl::desc("Plan only ADDR (and what it needs)"),
                              cl::value_desc("ADDR"), cl::ZeroOrMore, cl::sub(PlanCmd));
cl::list<std::string> Excludes("exclude",
                               cl::desc("Leave ADDR (and what depends on it) out"),
                               cl::value_desc("ADDR"), cl::ZeroOrMore, cl::sub(PlanCmd));
cl::opt<std::string> WorkspaceName("workspace",
                                   cl::desc("Workspace to plan (default: the selected one)"),
                                   cl::value_desc("NAME"), cl::sub(PlanCmd));

int fail(Error E) {
  WithColor::error(errs(), "rtcc plan") << toString(std::move(E)) << "\n";
  return ExitInputError;
}

/// The stored state of the selected workspace (absent when none is stored).
Expected<std::optional<state::State>> readState(const std::string &ConfigDir) {
  auto Config = BackendFlags.toConfig();
  if (!Config)
    return Config.takeError();
  // `.rtc/` lives beside the configuration unless -dir says otherwise.
  if (BackendFlags.dir() == ".")
    Config->WorkingDir = ConfigDir;
  auto B = state::makeBackend(*Config);
  if (!B)
    return B.takeError();
  std::string Ws = WorkspaceName;
  if (Ws.empty()) {
    auto Cur = state::currentWorkspace(Config->WorkingDir);
    if (!Cur)
      return Cur.takeError();
    Ws = *Cur;
  }
  auto M = (*B)->stateManager(Ws);
  if (!M)
    return M.takeError();
  if (Error E = (*M)->refreshState())
    return Expected<std::optional<state::State>>(std::move(E));
  return (*M)->state();
}

int run() {
  Session S;
  std::vector<std::string> In(Paths.begin(), Paths.end());
  if (In.empty())
    In.push_back(".");
  std::vector<std::string> Files = collectInputs(In, S.diags(), /*SkipModuleFolders=*/true);
  auto Configs = groupByConfiguration(Files);
  if (S.diags().errorCount() || Configs.empty()) {
    int Code = S.finish();
    return Code ? Code : ExitInputError;
  }
  if (Configs.size() != 1) {
    WithColor::error(errs(), "rtcc plan")
        << "plan takes one configuration (one folder); got " << Configs.size() << "\n";
    return ExitUsage;
  }
  std::vector<ast::File> Asts = S.parseAll(Configs.front());
  ir::Program Prog = analyze(Asts, S.diags(), semaOptions());
  if (!S.diags().errorCount())
    runRules(Prog, S.diags());
  if (S.diags().errorCount())
    return S.finish();

  SmallString<256> Dir(Configs.front().front());
  sys::path::remove_filename(Dir);
  if (Dir.empty())
    Dir = ".";
  auto Stored = readState(std::string(Dir));
  if (!Stored) {
    S.finish();
    return fail(Stored.takeError());
  }
  plan::PlanOptions Opts;
  Opts.Targets.assign(Targets.begin(), Targets.end());
  Opts.Excludes.assign(Excludes.begin(), Excludes.end());
  plan::Plan P = plan::makePlan(Prog, *Stored ? &**Stored : nullptr, Opts);

  for (const plan::PlanError &E : P.Errors) {
    const ir::Resource *R = Prog.find(E.Address);
    auto B = S.diags().report(R ? R->rangeOf(E.Path) : SMRange(),
                              static_cast<diag::ID>(E.DiagId));
    for (const std::string &A : E.Args)
      B << A;
  }
  int Code = S.finish();
  if (Json)
    outs() << plan::toJson(P).dump(2) << "\n";
  if (!P.Errors.empty())
    return ExitInputError;
  if (!Json)
    plan::renderHuman(P, outs(), {WithColor(outs()).colorsEnabled()});
  if (!Out.empty()) {
    std::string Err;
    if (!writeFileAtomically(Out, plan::toJson(P).dump(2) + "\n", Err)) {
      WithColor::error(errs(), "rtcc plan") << Err << "\n";
      return ExitInputError;
    }
    if (!Json)
      outs() << "\nSaved the plan to " << Out << "; show it with `rtcc show " << Out
             << "`.\n";
  }
  if (Code)
    return Code;
  return DetailedExit && P.hasChanges() ? 2 : ExitOk;
}

CommandRegistration Reg(PlanCmd, run);

} // namespace
} // namespace rtc::driver
