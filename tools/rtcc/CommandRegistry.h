//===- CommandRegistry.h - rtcc subcommands register themselves -*- C++ -*-===//
//
// Each `rtcc <command>` lives in its own tools/rtcc/<Name>Command.cpp, which
// declares an llvm::cl::SubCommand with its options and registers a run
// function with a static CommandRegistration. main() parses the command line
// once and runs the function of the subcommand that was chosen.
//
// Exit codes for every command: 0 ok, 1 errors in the input or the operation,
// 2 usage errors. (`plan -detailed-exitcode` adds 2 = changes present.)
//
//===----------------------------------------------------------------------===//
#ifndef RTCC_TOOLS_COMMANDREGISTRY_H
#define RTCC_TOOLS_COMMANDREGISTRY_H

#include "llvm/Support/CommandLine.h"
#include <vector>

namespace rtc::driver {

enum ExitCode : int {
  ExitOk = 0,
  ExitInputError = 1,
  ExitUsage = 2,
  /// apply did everything else, but manual steps (console operations) are
  /// still outstanding (docs/apply.md#manual-steps).
  ExitManualStepsOutstanding = 3,
  ExitInterrupted = 130 ///< stopped by SIGINT or SIGTERM (128 + SIGINT)
};

struct Command {
  llvm::cl::SubCommand *Sub;
  int (*Run)();
};

/// All registered commands, in registration order.
std::vector<Command> &commandRegistry();

struct CommandRegistration {
  CommandRegistration(llvm::cl::SubCommand &Sub, int (*Run)()) {
    commandRegistry().push_back({&Sub, Run});
  }
};

} // namespace rtc::driver

#endif
