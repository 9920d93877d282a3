//===- ImportCommand.cpp - rtcc import ADDR ID -----------------------------===//
//
// rtcc import [-config DIR] ADDR ID [backend and cloud flags]
// Brings an object that already exists in the cloud under management: the
// configuration must have the block for ADDR; the object is read by ID and
// recorded in the state, and the next plan shows any difference.
//
//===----------------------------------------------------------------------===//
#include "ApplyFlow.h"
#include "CommandRegistry.h"
#include "rtc/Exec/Attributes.h"
#include "rtc/Exec/Builtins.h"
#include "rtc/State/StateError.h"

#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace rtc::driver {
namespace {

cl::SubCommand Cmd("import", "Bring an existing cloud object under management");
cl::list<std::string> Args(cl::Positional, cl::desc("<address> <id>"),
                           cl::ZeroOrMore, cl::sub(Cmd));
cl::opt<std::string> ConfigDir("config", cl::desc("Configuration folder (default .)"),
                               cl::value_desc("DIR"), cl::init("."), cl::sub(Cmd));
state::BackendOptions Backend(Cmd);
ApplyFlags Flags(Cmd);
CloudOptions Cloud(Cmd);

int fail(Error E) {
  errs() << "rtcc import: ";
  state::printError(std::move(E), errs());
  return ExitInputError;
}

int failWith(const Twine &Msg, const Twine &Hint) {
  WithColor::error(errs(), "rtcc import") << Msg << "\n  hint: " << Hint << "\n";
  return ExitInputError;
}

int run() {
  if (Args.size() != 2) {
    WithColor::error(errs(), "rtcc import") << "expected ADDRESS and ID\n";
    errs() << "usage: rtcc import [-config DIR] ADDRESS ID   (e.g. rtcc import "
              "user.alice alice)\n";
    return ExitUsage;
  }
  const std::string &Addr = Args[0], &Id = Args[1];
  CheckedConfig C;
  if (int Code = loadConfiguration({ConfigDir}, "import", C))
    return Code;
  C.S->finish();
  const ir::Resource *R = C.Prog.find(Addr);
  if (!R)
    return failWith(Addr + " is not in the configuration",
                    "write its block first (e.g. `" + exec::nameFromAddress(Addr) +
                        "` of the right kind), then import it");
  auto L = LockedState::open(Backend, C.Dir, Flags.WorkspaceName, "import");
  if (!L)
    return fail(L.takeError());
  state::State Cur = (*L)->current();
  if (Cur.find(Addr))
    return failWith(Addr + " is already managed (cloud id " +
                        Cur.find(Addr)->CloudId + ")",
                    "to import another object, `rtcc state rm " + Addr +
                        "` first");
  auto Session = Cloud.open(C.Prog, C.Dir);
  if (!Session)
    return fail(Session.takeError());
  provider::ResourceProvider *RP = (*Session)->Providers->forKind(R->Kind);
  if (!RP)
    return failWith("resources of kind `" + R->Kind + "` cannot be imported",
                    "no provider manages this kind");
  provider::Desired D;
  D.Address = Addr;
  D.Kind = R->Kind;
  D.Name = R->Name;
  exec::StateLookup Lookup = [&Cur](const std::string &A) { return Cur.find(A); };
  D.Attributes = exec::resolveUnknowns(R->Attributes, Lookup);
  exec::BuiltinPolicies Builtins(C.Prog);
  D.Refs = Builtins.chain(Lookup);
  auto O = RP->importById(Id, &D);
  if (!O) {
    exec::StepFailure F = exec::failureFrom(O.takeError(), Addr, "import");
    return failWith("cannot import " + Addr + " from `" + Id + "`: " +
                        (F.Code.empty() ? "" : F.Code + ": ") + F.Message,
                    "check the id (see `rtcc help import` for each kind's id form)");
  }
  state::ResourceState S;
  S.Address = Addr;
  S.Kind = R->Kind;
  S.Name = R->Name;
  S.CloudId = O->CloudId;
  S.Attributes = exec::overlay(D.Attributes, O->Attributes);
  S.Dependencies = R->Dependencies;
  for (const std::string &P : R->Sensitive)
    S.Sensitive.push_back(P.substr(0, P.find_first_of(".[")));
  Cur.upsert(std::move(S));
  if (Error E = (*L)->save(Cur))
    return fail(std::move(E));
  outs() << Addr << ": Import complete [id=" << O->CloudId << "]\n\n"
         << "The object is now managed by rtcc. Run `rtcc plan` to see how it "
            "differs from the configuration.\n";
  return ExitOk;
}

CommandRegistration Reg(Cmd, run);

} // namespace
} // namespace rtc::driver
