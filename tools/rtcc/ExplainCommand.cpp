//===- ExplainCommand.cpp - rtcc explain access ----------------------------===//
//
// rtcc explain access --principal user.alice --action stream:CreateJob
//                     --resource acs:stream:*:*:clicks [PATH…]
// Answers Allow / ImplicitDeny / ExplicitDeny from the configuration alone
// and prints the statements and the chain (user → group → policy) that
// decide it. Exit 0 when allowed, 3 when denied, 1 on errors.
//
//===----------------------------------------------------------------------===//
#include "CommandRegistry.h"
#include "DriverSupport.h"
#include "rtc/Rules/ExplainAccess.h"
#include "rtc/Sema/Sema.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace rtc::driver {
namespace {

cl::SubCommand ExplainCmd("explain", "Explain a decision: `rtcc explain access …`");
cl::list<std::string> Args(cl::Positional, cl::desc("access [<file|dir>...]"),
                           cl::OneOrMore, cl::sub(ExplainCmd));
cl::opt<std::string> Principal("principal", cl::desc("user.NAME, group.NAME or role.NAME"),
                               cl::Required, cl::sub(ExplainCmd));
cl::opt<std::string> Action("action", cl::desc("service:Action, e.g. stream:CreateJob"),
                            cl::Required, cl::sub(ExplainCmd));
cl::opt<std::string> Resource("resource", cl::desc("ARN, e.g. acs:stream:*:*:clicks"),
                              cl::Required, cl::sub(ExplainCmd));

int run() {
  if (Args.front() != "access") {
    WithColor::error(errs(), "rtcc") << "unknown explain topic '" << Args.front()
                                     << "'; try `rtcc explain access …`\n";
    return ExitUsage;
  }
  std::vector<std::string> Paths(Args.begin() + 1, Args.end());
  if (Paths.empty())
    Paths.push_back(".");
  Session S;
  std::vector<ast::File> Asts =
      S.parseAll(collectInputs(Paths, S.diags(), /*SkipModuleFolders=*/true));
  ir::Program P = analyze(Asts, S.diags(), semaOptions());
  if (S.diags().hasErrors())
    return S.finish();
  AccessExplanation E = explainAccess(P, S.diags(), Principal, Action, Resource);
  if (!E.PrincipalFound) {
    WithColor::error(errs(), "rtcc") << "no principal `" << Principal
                                     << "` in the configuration\n";
    return ExitInputError;
  }
  outs() << Principal << " → " << Action << " on " << Resource << ": " << E.Decision << "\n";
  for (const std::string &L : E.Lines)
    outs() << L << "\n";
  int Code = S.finish();
  return Code ? Code : (E.Decision == "Allow" ? 0 : 3);
}

CommandRegistration Reg(ExplainCmd, run);

} // namespace
} // namespace rtc::driver
