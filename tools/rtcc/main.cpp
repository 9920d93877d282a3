//===- main.cpp - the rtcc driver ------------------------------------------===//
//
// Parses the command line with LLVM's cl::opt subcommands and dispatches to
// the chosen command (see CommandRegistry.h).
//
//===----------------------------------------------------------------------===//
#include "CommandRegistry.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace rtc::driver {
std::vector<Command> &commandRegistry() {
  static std::vector<Command> Registry;
  return Registry;
}
} // namespace rtc::driver

// jemalloc (linked into non-sanitizer builds) reads its options from this
// symbol. Transparent huge pages for its arenas cut the page faults and TLB
// misses of building a large configuration's AST and IR by about half of
// `rtcc check`'s CPU time on 10,000 resources (bench/check/run.sh). Without
// jemalloc the symbol is unused.
extern "C" {
extern const char *const malloc_conf;
const char *const malloc_conf = "thp:always,metadata_thp:always";
}

static void printVersion(raw_ostream &OS) {
  OS << "rtcc " RTCC_VERSION "\n";
}

int main(int argc, char **argv) {
  InitLLVM X(argc, argv);
  cl::SetVersionPrinter(printVersion);
  // `rtcc help [command]` reads better than `rtcc command --help`.
  std::vector<const char *> Args(argv, argv + argc);
  if (Args.size() >= 2 && StringRef(Args[1]) == "help") {
    Args.erase(Args.begin() + 1);
    Args.push_back("--help");
  }
  // `--color=WHEN` is ours (auto|always|never); LLVM's `--color` is a bool.
  std::vector<std::string> Rewritten;
  Rewritten.reserve(Args.size());
  for (const char *&A : Args) {
    StringRef S(A);
    if (S.consume_front("--color=") || S.consume_front("-color=")) {
      Rewritten.push_back(("--diagnostics-color=" + S).str());
      A = Rewritten.back().c_str();
    }
  }
  if (!cl::ParseCommandLineOptions(static_cast<int>(Args.size()), Args.data(),
                                   "rtcc: infrastructure as code for Alibaba "
                                   "Cloud Realtime Compute\n",
                                   &errs()))
    return rtc::driver::ExitUsage;

  for (const rtc::driver::Command &C : rtc::driver::commandRegistry())
    if (*C.Sub)
      return C.Run();

  WithColor::error(errs(), "rtcc")
      << "no command given; run `rtcc help` for the list of commands\n";
  return rtc::driver::ExitUsage;
}
