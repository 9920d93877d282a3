//===- CheckCommand.cpp - rtcc check ---------------------------------------===//
//
// rtcc check [-verify] PATH...
// Parses and checks .rtc files (directories are searched for *.rtc) and
// reports every problem found, with its code, location and fix.
//
//===----------------------------------------------------------------------===//
#include "CommandRegistry.h"
#include "DriverSupport.h"

using namespace llvm;

namespace rtc::driver {
namespace {

cl::SubCommand CheckCmd("check", "Parse and check .rtc files; report every problem");
cl::list<std::string> Paths(cl::Positional, cl::desc("<file|dir>..."), cl::OneOrMore,
                            cl::sub(CheckCmd));
cl::opt<bool> Verify("verify",
                     cl::desc("Compare diagnostics with `// expected-error {{…}}` "
                              "comments in the input (for tests)"),
                     cl::sub(CheckCmd));

int run() {
  Session S(Verify);
  std::vector<std::string> Files = collectInputs(Paths, S.diags());
  S.parseAll(Files);
  return S.finish();
}

CommandRegistration Reg(CheckCmd, run);

} // namespace
} // namespace rtc::driver
