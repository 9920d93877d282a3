//===- DestroyCommand.cpp - rtcc destroy
//-----------------------------------===//
//
// rtcc destroy [DIR] [-auto-approve] [-parallelism=N] [-allow-dangerous]
//              [-target ADDR]… [-exclude ADDR]… …
// Deletes everything the workspace's state manages (or, with -target, the
// targets and what depends on them), dependents first, with the same
// approval, locking, progress and crash safety as apply.
//
//===----------------------------------------------------------------------===//
#include "ApplyFlow.h"
#include "CommandRegistry.h"

using namespace llvm;

namespace rtc::driver {
namespace {

cl::SubCommand Cmd("destroy", "Delete every resource the state manages");
cl::list<std::string> Paths(cl::Positional, cl::desc("[<dir>]"), cl::ZeroOrMore,
                            cl::sub(Cmd));
state::BackendOptions Backend(Cmd);
ApplyFlags Flags(Cmd);
CloudOptions Cloud(Cmd);
cl::opt<bool> Refresh("refresh", cl::desc("Read the cloud before planning (default true)"),
                      cl::init(true), cl::sub(Cmd));

cl::list<std::string>
    Targets("target", cl::desc("Destroy only ADDR (and what depends on it)"),
            cl::value_desc("ADDR"), cl::ZeroOrMore, cl::sub(Cmd));
cl::list<std::string> Excludes("exclude",
                               cl::desc("Keep ADDR (and what it needs)"),
                               cl::value_desc("ADDR"), cl::ZeroOrMore,
                               cl::sub(Cmd));

int run() {
  ApplyRequest Req;
  Req.Command = "destroy";
  Req.Destroy = true;
  Req.Refresh = Refresh;
  Req.Targets.assign(Targets.begin(), Targets.end());
  Req.Excludes.assign(Excludes.begin(), Excludes.end());
  return runApplyFlow(Req, {Paths.begin(), Paths.end()}, Backend, Flags, Cloud);
}

CommandRegistration Reg(Cmd, run);

} // namespace
} // namespace rtc::driver
