//===- OutputCommand.cpp - rtcc output [-json] [NAME] ----------------------===//
//
// Prints the outputs saved by the last apply, from the state alone: no
// configuration and no cloud needed. Sensitive values are printed only
// when asked for by name (like Terraform) or with -json.
//
//===----------------------------------------------------------------------===//
#include "ApplySupport.h"
#include "CommandRegistry.h"
#include "rtc/Exec/Outputs.h"
#include "rtc/State/Backend.h"
#include "rtc/State/StateError.h"
#include "rtc/State/Workspace.h"

#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace rtc::driver {
namespace {

cl::SubCommand Cmd("output", "Print the outputs of the last apply");
cl::list<std::string> Names(cl::Positional, cl::desc("[NAME]"), cl::ZeroOrMore,
                            cl::sub(Cmd));
cl::opt<bool> Json("json", cl::desc("Print as JSON"), cl::sub(Cmd));
cl::opt<bool> Raw("raw", cl::desc("Print a string output without quotes"),
                  cl::sub(Cmd));
state::BackendOptions Backend(Cmd);

int fail(Error E) {
  errs() << "rtcc output: ";
  state::printError(std::move(E), errs());
  return ExitInputError;
}

Expected<std::map<std::string, state::OutputState>> readOutputs() {
  auto Config = Backend.toConfig();
  if (!Config)
    return Config.takeError();
  auto B = state::makeBackend(*Config);
  if (!B)
    return B.takeError();
  auto Ws = state::currentWorkspace(Config->WorkingDir);
  if (!Ws)
    return Ws.takeError();
  auto M = (*B)->stateManager(*Ws);
  if (!M)
    return M.takeError();
  if (Error E = (*M)->refreshState())
    return std::move(E);
  if (!(*M)->state())
    return std::map<std::string, state::OutputState>{};
  return (*M)->state()->Outputs;
}

int run() {
  auto Outputs = readOutputs();
  if (!Outputs)
    return fail(Outputs.takeError());
  if (Names.size() > 1) {
    WithColor::error(errs(), "rtcc output") << "give at most one output name\n";
    return ExitUsage;
  }
  if (Names.empty()) {
    if (Json) {
      nlohmann::json J = nlohmann::json::object();
      for (const auto &[Name, O] : *Outputs)
        J[Name] = {{"value", O.Value}, {"sensitive", O.Sensitive}};
      outs() << J.dump(2) << "\n";
      return ExitOk;
    }
    if (Outputs->empty()) {
      WithColor::warning(errs(), "rtcc output")
          << "no outputs: the state has none (run `rtcc apply` first, and "
             "declare `output NAME { value = … }` blocks)\n";
      return ExitOk;
    }
    for (const auto &[Name, O] : *Outputs)
      outs() << Name << " = "
             << (O.Sensitive ? std::string("(sensitive)") : O.Value.dump()) << "\n";
    return ExitOk;
  }
  auto It = Outputs->find(Names.front());
  if (It == Outputs->end()) {
    WithColor::error(errs(), "rtcc output")
        << "no output named `" << Names.front() << "` in the state\n";
    return ExitInputError;
  }
  const nlohmann::json &V = It->second.Value;
  if (Raw && V.is_string())
    outs() << V.get<std::string>() << "\n";
  else
    outs() << (Json ? V.dump(2) : V.dump()) << "\n";
  return ExitOk;
}

CommandRegistration Reg(Cmd, run);

} // namespace
} // namespace rtc::driver
