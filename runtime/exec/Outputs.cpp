//===- Outputs.cpp - output values from the state --------------------------===//
#include "rtc/Exec/Outputs.h"
#include "rtc/Exec/Attributes.h"

namespace rtc::exec {

std::map<std::string, state::OutputState>
evaluateOutputs(const ir::Program &Prog, const state::State &S) {
  std::map<std::string, state::OutputState> Out;
  StateLookup Lookup = [&S](const std::string &A) { return S.find(A); };
  for (const ir::Output &O : Prog.Outputs)
    Out[O.Name] = {resolveUnknowns(O.Val, Lookup), O.Sensitive};
  return Out;
}

void renderOutputs(const std::map<std::string, state::OutputState> &Outputs,
                   llvm::raw_ostream &OS) {
  if (Outputs.empty())
    return;
  OS << "\nOutputs:\n\n";
  for (const auto &[Name, O] : Outputs) {
    OS << Name << " = ";
    if (O.Sensitive)
      OS << "(sensitive)";
    else if (O.Value.is_string())
      OS << "\"" << O.Value.get<std::string>() << "\"";
    else
      OS << O.Value.dump();
    OS << "\n";
  }
}

} // namespace rtc::exec
