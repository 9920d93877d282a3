//===- Outputs.h - output values once the resources exist -------*- C++ -*-===//
//
// An output may refer to values known only after apply (a cluster's id);
// after apply they are filled in from the state and stored with it, so
// `rtcc output` answers without the configuration or the cloud.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_EXEC_OUTPUTS_H
#define RTC_EXEC_OUTPUTS_H

#include "rtc/IR/IR.h"
#include "rtc/State/State.h"

#include "llvm/Support/raw_ostream.h"

#include <map>
#include <string>

namespace rtc::exec {

/// The configuration's outputs with every unknown filled in from S (values
/// still unknown, because their resource failed, stay unknown).
std::map<std::string, state::OutputState>
evaluateOutputs(const ir::Program &Prog, const state::State &S);

/// `name = value` lines (`(sensitive)` for sensitive ones), as after apply.
void renderOutputs(const std::map<std::string, state::OutputState> &Outputs,
                   llvm::raw_ostream &OS);

} // namespace rtc::exec

#endif
