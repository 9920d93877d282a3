//===- ApplyCommand.cpp - rtcc apply ---------------------------------------===//
//
// rtcc apply [DIR | PLANFILE] [-auto-approve] [-input=false] [-parallelism=N]
//            [-refresh=false] [-json] [-no-color] [-allow-dangerous]
//            [-target ADDR]… [-exclude ADDR]… [-replace ADDR]… [-destroy]
//            [backend, cloud and -var flags]
// Without a plan file: refresh, plan, show, ask, apply. With one: apply
// exactly that plan (the configuration is taken from -config, default ".")
// or refuse it when the state or the configuration changed since.
//
//===----------------------------------------------------------------------===//
#include "ApplyFlow.h"
#include "CommandRegistry.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace llvm;

namespace rtc::driver {
namespace {

cl::SubCommand Cmd("apply", "Make the cloud match the configuration (or a saved plan)");
cl::list<std::string> Args(cl::Positional, cl::desc("[<dir>|<planfile>]"),
                           cl::ZeroOrMore, cl::sub(Cmd));
state::BackendOptions Backend(Cmd);
ApplyFlags Flags(Cmd);
CloudOptions Cloud(Cmd);
cl::opt<bool> Refresh("refresh", cl::desc("Read the cloud before planning (default true)"),
                      cl::init(true), cl::sub(Cmd));
cl::opt<std::string> ConfigDir("config",
                               cl::desc("Configuration of a saved plan (default .)"),
                               cl::value_desc("DIR"), cl::init("."), cl::sub(Cmd));
cl::list<std::string> Targets("target", cl::desc("Apply only ADDR (and what it needs)"),
                              cl::value_desc("ADDR"), cl::ZeroOrMore, cl::sub(Cmd));
cl::list<std::string> Excludes("exclude",
                               cl::desc("Leave ADDR (and what depends on it) out"),
                               cl::value_desc("ADDR"), cl::ZeroOrMore, cl::sub(Cmd));

cl::list<std::string>
    Replace("replace",
            cl::desc("Replace ADDR although nothing forces it (repeatable)"),
            cl::value_desc("ADDR"), cl::ZeroOrMore, cl::sub(Cmd));
cl::opt<bool> Destroy("destroy",
                      cl::desc("Destroy everything the state holds (as "
                               "`rtcc destroy`)"),
                      cl::sub(Cmd));

/// A single argument that is a file but not a `.rtc` file is a saved plan.
bool isPlanFile(const std::string &Path) {
  return sys::fs::is_regular_file(Path) && sys::path::extension(Path) != ".rtc";
}

int run() {
  ApplyRequest Req;
  Req.Command = "apply";
  Req.Refresh = Refresh;
  Req.Targets.assign(Targets.begin(), Targets.end());
  Req.Excludes.assign(Excludes.begin(), Excludes.end());
  Req.Replace.assign(Replace.begin(), Replace.end());
  Req.Destroy = Destroy;
  std::vector<std::string> Paths(Args.begin(), Args.end());
  if (Paths.size() == 1 && isPlanFile(Paths.front())) {
    Req.PlanFile = Paths.front();
    Paths = {ConfigDir};
  }
  return runApplyFlow(Req, Paths, Backend, Flags, Cloud);
}

CommandRegistration Reg(Cmd, run);

} // namespace
} // namespace rtc::driver
