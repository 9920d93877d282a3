//===- WorkspaceCommand.cpp - `rtcc workspace list|new|select|delete` -----===//
//
// Workspaces are separate states of one configuration (dev, prod...). The
// selection is kept in .rtc/environment whatever the backend.
//
//===----------------------------------------------------------------------===//
#include "CommandRegistry.h"

#include "rtc/State/Backend.h"
#include "rtc/State/BackendOptions.h"
#include "rtc/State/StateError.h"
#include "rtc/State/Workspace.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

using namespace llvm;
using namespace rtc::state;
using rtc::driver::ExitInputError;
using rtc::driver::ExitOk;
using rtc::driver::ExitUsage;

static cl::SubCommand Cmd("workspace",
                          "Manage workspaces: list | show | new NAME | "
                          "select NAME | delete NAME");
static BackendOptions BackendFlags(Cmd);
static cl::list<std::string> Args(cl::Positional, cl::desc("<verb> [NAME]"),
                                  cl::sub(Cmd));
static cl::opt<bool> Force("force",
                           cl::desc("delete: also when the workspace still "
                                    "tracks resources"),
                           cl::sub(Cmd));

static int fail(Error E) {
  printError(std::move(E), errs());
  return ExitInputError;
}

static int usage(const Twine &Msg) {
  WithColor::error(errs(), "rtcc workspace") << Msg << "\n";
  errs() << "usage: rtcc workspace list | show | new NAME | select NAME | "
            "delete NAME\n";
  return ExitUsage;
}

static int run() {
  if (Args.empty())
    return usage("missing verb");
  const std::string Verb = Args[0];
  bool NeedsName = Verb == "new" || Verb == "select" || Verb == "delete";
  if (!NeedsName && Verb != "list" && Verb != "show")
    return usage("unknown verb '" + Verb + "'");
  if (Args.size() != (NeedsName ? 2u : 1u))
    return usage("wrong number of arguments for '" + Verb + "'");
  std::string Name = NeedsName ? Args[1] : "";

  auto Config = BackendFlags.toConfig();
  if (!Config)
    return fail(Config.takeError());
  auto Current = currentWorkspace(Config->WorkingDir);
  if (!Current)
    return fail(Current.takeError());
  if (Verb == "show") {
    outs() << *Current << "\n";
    return ExitOk;
  }
  auto B = makeBackend(*Config);
  if (!B)
    return fail(B.takeError());

  if (Verb == "list") {
    auto Names = (*B)->workspaces();
    if (!Names)
      return fail(Names.takeError());
    for (const std::string &N : *Names)
      outs() << (N == *Current ? "* " : "  ") << N << "\n";
    return ExitOk;
  }
  if (Verb == "new") {
    if (Error E = (*B)->createWorkspace(Name))
      return fail(std::move(E));
    if (Error E = selectWorkspace(Config->WorkingDir, Name))
      return fail(std::move(E));
    outs() << "Created and switched to workspace \"" << Name << "\".\n";
    return ExitOk;
  }
  if (Verb == "select") {
    if (!isValidWorkspaceName(Name))
      return fail(makeError(ErrId::err_workspace_name, Name));
    auto Names = (*B)->workspaces();
    if (!Names)
      return fail(Names.takeError());
    if (std::find(Names->begin(), Names->end(), Name) == Names->end())
      return fail(makeError(ErrId::err_workspace_missing, Name));
    if (Error E = selectWorkspace(Config->WorkingDir, Name))
      return fail(std::move(E));
    outs() << "Switched to workspace \"" << Name << "\".\n";
    return ExitOk;
  }
  // delete
  if (Name == *Current && Name != DefaultWorkspace)
    return fail(makeError(ErrId::err_workspace_delete_current, Name));
  if (Error E = (*B)->deleteWorkspace(Name, Force))
    return fail(std::move(E));
  outs() << "Deleted workspace \"" << Name << "\".\n";
  return ExitOk;
}

static rtc::driver::CommandRegistration Reg(Cmd, run);
