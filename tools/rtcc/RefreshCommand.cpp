//===- RefreshCommand.cpp - rtcc refresh -----------------------------------===//
//
// rtcc refresh [DIR] [-json] [-parallelism=N] [backend and cloud flags]
// Reads every managed resource from the cloud and saves what it found in
// the state, reporting each change made outside rtcc. Changes nothing in
// the cloud.
//
//===----------------------------------------------------------------------===//
#include "ApplyFlow.h"
#include "CommandRegistry.h"
#include "rtc/State/StateError.h"

#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace rtc::driver {
namespace {

cl::SubCommand Cmd("refresh", "Read the cloud and record drift in the state");
cl::list<std::string> Paths(cl::Positional, cl::desc("[<dir>]"), cl::ZeroOrMore,
                            cl::sub(Cmd));
state::BackendOptions Backend(Cmd);
ApplyFlags Flags(Cmd);
CloudOptions Cloud(Cmd);

int fail(Error E) {
  errs() << "rtcc refresh: ";
  state::printError(std::move(E), errs());
  return ExitInputError;
}

int run() {
  CheckedConfig C;
  if (int Code = loadConfiguration({Paths.begin(), Paths.end()}, "refresh", C))
    return Code;
  C.S->finish();
  auto L = LockedState::open(Backend, C.Dir, Flags.WorkspaceName, "refresh");
  if (!L)
    return fail(L.takeError());
  auto Session = Cloud.open(C.Prog, C.Dir);
  if (!Session)
    return fail(Session.takeError());
  state::State Cur = (*L)->current();
  std::vector<exec::Drift> Drifts;
  if (!refreshForPlan(Cur, **Session, {Flags.Json, Flags.color(), Flags.Parallelism}, C.Prog, Drifts))
    return ExitInputError;
  if ((*L)->exists())
    if (Error E = (*L)->save(Cur))
      return fail(std::move(E));
  if (Flags.Json)
    outs() << nlohmann::json({{"type", "refresh_complete"},
                              {"resources", Cur.Resources.size()},
                              {"drift", exec::driftToJson(Drifts)}})
                  .dump()
           << "\n";
  else
    outs() << "Refreshed " << Cur.Resources.size() << " resource(s); "
           << (Drifts.empty() ? "no change outside rtcc."
                              : std::to_string(Drifts.size()) +
                                    " changed outside rtcc (recorded in the state).")
           << "\n";
  return ExitOk;
}

CommandRegistration Reg(Cmd, run);

} // namespace
} // namespace rtc::driver
