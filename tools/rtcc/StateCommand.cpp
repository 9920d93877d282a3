//===- StateCommand.cpp - `rtcc state list|show|rm|mv|pull|push` ----------===//
//
// Reads and edits the stored state of the selected workspace. Commands that
// change it take the state lock, and everything goes through the backend's
// StateManager, so a failure never leaves a half-written state.
//
//===----------------------------------------------------------------------===//
#include "CommandRegistry.h"

#include "rtc/State/Backend.h"
#include "rtc/State/BackendOptions.h"
#include "rtc/State/Sensitive.h"
#include "rtc/State/StateError.h"
#include "rtc/State/StateJson.h"
#include "rtc/State/Workspace.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <functional>

using namespace llvm;
using namespace rtc::state;
using rtc::driver::ExitInputError;
using rtc::driver::ExitOk;
using rtc::driver::ExitUsage;

static cl::SubCommand Cmd(
    "state",
    "Inspect or edit the state: list | show ADDR | rm ADDR... | mv FROM TO | "
    "pull | push FILE");
static BackendOptions BackendFlags(Cmd);
static cl::list<std::string> Args(cl::Positional, cl::desc("<verb> [args]"),
                                  cl::sub(Cmd));
static cl::opt<bool> Force("force",
                           cl::desc("push: overwrite even if the lineage "
                                    "differs or the serial is older"),
                           cl::sub(Cmd));

static int fail(Error E) {
  printError(std::move(E), errs());
  return ExitInputError;
}

static int usage(const Twine &Msg) {
  WithColor::error(errs(), "rtcc state") << Msg << "\n";
  errs() << "usage: rtcc state list | show ADDR | rm ADDR... | mv FROM TO | "
            "pull | push FILE\n";
  return ExitUsage;
}

static Expected<std::unique_ptr<StateManager>> openManager() {
  auto Config = BackendFlags.toConfig();
  if (!Config)
    return Config.takeError();
  auto B = makeBackend(*Config);
  if (!B)
    return B.takeError();
  auto Ws = currentWorkspace(Config->WorkingDir);
  if (!Ws)
    return Ws.takeError();
  return (*B)->stateManager(*Ws);
}

/// Runs Body with the state locked (unless -lock=false) and refreshed.
static int withLockedState(StateManager &M, const std::string &Operation,
                           const std::function<Error()> &Body) {
  std::string Id;
  if (BackendFlags.lockEnabled()) {
    auto Timeout = BackendFlags.lockTimeout();
    if (!Timeout)
      return fail(Timeout.takeError());
    auto L = lockWithTimeout(
        M, LockInfo::forCurrentProcess(Operation, RTCC_VERSION), *Timeout);
    if (!L)
      return fail(L.takeError());
    Id = *L;
  }
  Error E = M.refreshState();
  if (!E)
    E = Body();
  if (!Id.empty())
    if (Error U = M.unlock(Id))
      E = joinErrors(std::move(E), std::move(U));
  return E ? fail(std::move(E)) : ExitOk;
}

static int runList(StateManager &M) {
  if (Error E = M.refreshState())
    return fail(std::move(E));
  if (M.state())
    for (const ResourceState &R : M.state()->Resources)
      outs() << R.Address << "\n";
  return ExitOk;
}

static int runShow(StateManager &M, const std::string &Addr) {
  if (Error E = M.refreshState())
    return fail(std::move(E));
  const ResourceState *R = M.state() ? M.state()->find(Addr) : nullptr;
  if (!R)
    return fail(makeError(ErrId::err_resource_missing, Addr));
  outs() << "# " << R->Address << "\n";
  outs() << "kind     = " << R->Kind << "\n";
  outs() << "name     = " << R->Name << "\n";
  outs() << "cloud_id = " << (R->CloudId.empty() ? "(none)" : R->CloudId)
         << "\n";
  for (auto It = R->Attributes.begin(); It != R->Attributes.end(); ++It) {
    // Stored secrets are hashes; showing the hash would only invite
    // copy-pasting it somewhere.
    bool Secret = isSensitiveHash(*It) ||
                  std::find(R->Sensitive.begin(), R->Sensitive.end(),
                            It.key()) != R->Sensitive.end();
    outs() << "  " << It.key() << " = "
           << (Secret ? std::string("(sensitive)") : It->dump()) << "\n";
  }
  if (!R->Dependencies.empty()) {
    outs() << "depends on:";
    for (const std::string &D : R->Dependencies)
      outs() << " " << D;
    outs() << "\n";
  }
  return ExitOk;
}

static int runRm(StateManager &M, ArrayRef<std::string> Addrs) {
  return withLockedState(M, "state rm", [&]() -> Error {
    State S = M.state() ? *M.state() : State{};
    for (const std::string &A : Addrs)
      if (!S.remove(A))
        return makeError(ErrId::err_resource_missing, A);
    M.writeState(std::move(S));
    if (Error E = M.persistState())
      return E;
    for (const std::string &A : Addrs)
      outs() << "Removed " << A << "\n";
    outs() << "Successfully removed " << Addrs.size()
           << " resource instance(s).\n";
    return Error::success();
  });
}

static int runMv(StateManager &M, const std::string &From,
                 const std::string &To) {
  if (!isValidAddress(To))
    return fail(makeError(ErrId::err_bad_address, To));
  return withLockedState(M, "state mv", [&]() -> Error {
    State S = M.state() ? *M.state() : State{};
    const ResourceState *Src = S.find(From);
    if (!Src)
      return makeError(ErrId::err_resource_missing, From);
    if (S.find(To))
      return makeError(ErrId::err_resource_exists, To);
    ResourceState R = *Src;
    S.remove(From);
    R.Address = To;
    // kind.name are the last two parts (ignoring an instance index).
    StringRef Base = StringRef(To).split('[').first;
    auto [Head, Name] = Base.rsplit('.');
    R.Name = Name.str();
    R.Kind = (Head.contains('.') ? Head.rsplit('.').second : Head).str();
    S.upsert(std::move(R));
    for (ResourceState &Other : S.Resources)
      for (std::string &D : Other.Dependencies)
        if (D == From)
          D = To;
    M.writeState(std::move(S));
    if (Error E = M.persistState())
      return E;
    outs() << "Moved " << From << " to " << To << "\n";
    return Error::success();
  });
}

static int runPull(StateManager &M) {
  if (Error E = M.refreshState())
    return fail(std::move(E));
  if (!M.state())
    return fail(makeError(ErrId::err_no_state, M.location()));
  outs() << serializeState(*M.state());
  return ExitOk;
}

static int runPush(StateManager &M, const std::string &File) {
  auto Buf = File == "-" ? MemoryBuffer::getSTDIN() : MemoryBuffer::getFile(File);
  if (!Buf)
    return fail(makeError(ErrId::err_io, File, Buf.getError().message()));
  auto Pushed = parseState((*Buf)->getBuffer(), File == "-" ? "<stdin>" : File);
  if (!Pushed)
    return fail(Pushed.takeError());
  return withLockedState(M, "state push", [&]() -> Error {
    M.writeState(std::move(*Pushed));
    PersistOptions Opts;
    Opts.Force = Force;
    if (Error E = M.persistState(Opts))
      return E;
    outs() << "Pushed state serial " << M.state()->Serial << " (lineage "
           << M.state()->Lineage << ") to " << M.location() << "\n";
    return Error::success();
  });
}

static int run() {
  if (Args.empty())
    return usage("missing verb");
  const std::string Verb = Args[0];
  std::vector<std::string> Rest(Args.begin() + 1, Args.end());
  auto Want = [&](size_t N) { return Rest.size() == N; };
  if (Verb != "list" && Verb != "show" && Verb != "rm" && Verb != "mv" &&
      Verb != "pull" && Verb != "push")
    return usage("unknown verb '" + Verb + "'");
  if (((Verb == "list" || Verb == "pull") && !Want(0)) ||
      ((Verb == "show" || Verb == "push") && !Want(1)) ||
      (Verb == "mv" && !Want(2)) || (Verb == "rm" && Rest.empty()))
    return usage("wrong number of arguments for '" + Verb + "'");

  auto M = openManager();
  if (!M)
    return fail(M.takeError());
  if (Verb == "list")
    return runList(**M);
  if (Verb == "show")
    return runShow(**M, Rest[0]);
  if (Verb == "rm")
    return runRm(**M, Rest);
  if (Verb == "mv")
    return runMv(**M, Rest[0], Rest[1]);
  if (Verb == "pull")
    return runPull(**M);
  return runPush(**M, Rest[0]);
}

static rtc::driver::CommandRegistration Reg(Cmd, run);
