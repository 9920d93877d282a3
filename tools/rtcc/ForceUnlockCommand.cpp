//===- ForceUnlockCommand.cpp - `rtcc force-unlock ID` --------------------===//
//
// Removes a lock left behind by a process that is gone (crashed, killed).
// The id must match the current lock, and a lock whose holder still runs is
// never broken: that would let two writers in.
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

using namespace llvm;
using namespace rtc::state;
using rtc::driver::ExitInputError;
using rtc::driver::ExitOk;
using rtc::driver::ExitUsage;

static cl::SubCommand Cmd("force-unlock",
                          "Remove a state lock whose holder is gone");
static BackendOptions BackendFlags(Cmd);
static cl::opt<std::string> LockId(cl::Positional, cl::desc("<lock id>"),
                                   cl::sub(Cmd));

static int fail(Error E) {
  printError(std::move(E), errs());
  return ExitInputError;
}

static int run() {
  if (LockId.empty()) {
    WithColor::error(errs(), "rtcc force-unlock")
        << "missing lock id; it is printed in the \"state is locked\" "
           "message\n";
    return ExitUsage;
  }
  auto Config = BackendFlags.toConfig();
  if (!Config)
    return fail(Config.takeError());
  auto B = makeBackend(*Config);
  if (!B)
    return fail(B.takeError());
  auto Ws = currentWorkspace(Config->WorkingDir);
  if (!Ws)
    return fail(Ws.takeError());
  auto M = (*B)->stateManager(*Ws);
  if (!M)
    return fail(M.takeError());
  auto Done = (*M)->forceUnlock(LockId);
  if (!Done)
    return fail(Done.takeError());
  outs() << "State unlocked: " << *Done << "\n";
  return ExitOk;
}

static rtc::driver::CommandRegistration Reg(Cmd, run);
