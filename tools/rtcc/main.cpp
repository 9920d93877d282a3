//===- main.cpp - the rtcc driver
//------------------------------------------===//
//
// Parses the command line with LLVM's cl::opt subcommands and dispatches to
// the chosen command (see CommandRegistry.h).
//
//===----------------------------------------------------------------------===//
#include "CommandRegistry.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/PrettyStackTrace.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <csignal>
#include <cstdlib>
#include <system_error>

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

/// Ends the run on its own terms when stdout could not be written: a closed
/// pipe (`rtcc plan | head -1`) is the reader's choice and exits quietly
/// with the command's status; any other failure (`> /dev/full`) is an error.
/// Either way the stream's error is cleared, so that LLVM does not abort
/// with a crash banner when the stream is destroyed at exit.
static int finishOutput(int RC) {
  outs().flush();
  std::error_code EC = outs().error();
  outs().clear_error();
  errs().clear_error();
  if (!EC || EC == std::errc::broken_pipe)
    return RC;
  errs() << "rtcc: error: cannot write the output: " << EC.message() << "\n";
  errs().clear_error();
  return RC ? RC : 1;
}

static int run(int argc, char **argv);

/// cl exits right after printing the version: check the write first.
static void printVersion(raw_ostream &OS) {
  OS << "rtcc " RTCC_VERSION "\n";
  std::exit(finishOutput(0));
}

int main(int argc, char **argv) {
  InitLLVM X(argc, argv, /*InstallPipeSignalExitHandler=*/false);
  // A crash is rtcc's bug, not LLVM's; and symbolizing a deep stack (an
  // overflow) through llvm-symbolizer takes minutes: print raw frames unless
  // asked (LLVM_DISABLE_SYMBOLIZATION=0).
  setBugReportMsg("PLEASE report this rtcc crash to the rtcc maintainers with "
                  "the command line, the stack dump below and, if you can, the "
                  "input files (see README.md).\n");
  ::setenv("LLVM_DISABLE_SYMBOLIZATION", "1", /*overwrite=*/0);
  // A closed pipe is a write error to handle, not a signal that ends the
  // process before the state lock is released (LLVM's SIGPIPE handler would
  // exit 74 on the spot).
  std::signal(SIGPIPE, SIG_IGN);
  return finishOutput(run(argc, argv));
}

/// Under -detailed-exitcode, 2 means "changes present" to CI: a usage
/// error must not look like one, so it exits 1 there.
static bool wantsDetailedExitCode(ArrayRef<const char *> Args) {
  for (StringRef A : Args.drop_front()) {
    A.consume_front("-");
    A.consume_front("-");
    if (A == "detailed-exitcode" || A == "detailed-exitcode=true" ||
        A == "detailed-exitcode=1")
      return true;
  }
  return false;
}

/// `rtcc chek`: cl would say "Unknown command line argument 'chek'" once
/// per word; name the command and the nearest real one instead.
static bool reportUnknownCommand(StringRef Word) {
  if (Word.empty() || Word.startswith("-"))
    return false;
  std::string Best;
  unsigned BestDistance = 3; // more edits than that is not a typo
  for (const rtc::driver::Command &C : rtc::driver::commandRegistry()) {
    StringRef Name = C.Sub->getName();
    if (Name == Word)
      return false;
    unsigned D = Word.edit_distance(Name, /*AllowReplacements=*/true, BestDistance);
    if (D < BestDistance) {
      BestDistance = D;
      Best = Name.str();
    }
  }
  WithColor::error(errs(), "rtcc") << "unknown command `" << Word << "`";
  if (!Best.empty())
    errs() << "; did you mean `" << Best << "`?";
  errs() << "\n  hint: run `rtcc help` for the list of commands\n";
  return true;
}

static int run(int argc, char **argv) {
  cl::SetVersionPrinter(printVersion);
  if (argc >= 2 && StringRef(argv[1]) != "help" && reportUnknownCommand(argv[1]))
    return rtc::driver::ExitUsage;
  // Output to one file from both streams (`> log 2>&1`) stays in order:
  // stdout is flushed before anything is written to stderr.
  errs().tie(&outs());
  // `rtcc help [command]` reads better than `rtcc command --help`.
  std::vector<const char *> Args(argv, argv + argc);
  if (Args.size() >= 2 && StringRef(Args[1]) == "help") {
    Args.erase(Args.begin() + 1);
    Args.push_back("--help");
  }
  // `--color=WHEN` is ours (auto|always|never); LLVM's `--color` is a bool.
  std::vector<std::string> Rewritten;
  Rewritten.reserve(Args.size());
  // -no-color (plan, apply, …) means no colour at all, diagnostics too.
  bool NoColor = llvm::any_of(Args, [](StringRef A) {
    return A == "-no-color" || A == "--no-color";
  });
  for (const char *&A : Args) {
    StringRef S(A);
    if (S.consume_front("--color=") || S.consume_front("-color=")) {
      Rewritten.push_back(("--diagnostics-color=" + S).str());
      A = Rewritten.back().c_str();
    }
  }
  if (NoColor)
    Args.push_back("--diagnostics-color=never");
  if (!cl::ParseCommandLineOptions(static_cast<int>(Args.size()), Args.data(),
                                   "rtcc: infrastructure as code for Alibaba "
                                   "Cloud Realtime Compute\n",
                                   &errs()))
    return wantsDetailedExitCode(Args) ? rtc::driver::ExitInputError
                                       : rtc::driver::ExitUsage;

  for (const rtc::driver::Command &C : rtc::driver::commandRegistry())
    if (*C.Sub)
      return C.Run();

  WithColor::error(errs(), "rtcc")
      << "no command given; run `rtcc help` for the list of commands\n";
  return rtc::driver::ExitUsage;
}
