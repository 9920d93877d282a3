//===- DestroyCommand.cpp - rtcc destroy -----------------------------------===//
//
// rtcc destroy [DIR] [-auto-approve] [-parallelism=N] [-allow-dangerous] …
// Deletes everything the workspace's state manages, dependents first, with
// the same approval, locking, progress and crash safety as apply.
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

int run() {
  ApplyRequest Req;
  Req.Command = "destroy";
  Req.Destroy = true;
  Req.Refresh = Refresh;
  return runApplyFlow(Req, {Paths.begin(), Paths.end()}, Backend, Flags, Cloud);
}

CommandRegistration Reg(Cmd, run);

} // namespace
} // namespace rtc::driver
