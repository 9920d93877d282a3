//===- FmtCommand.cpp - rtcc fmt -------------------------------------------===//
//
// rtcc fmt [--check] [--write] PATH...   (PATH "-" reads stdin, writes stdout)
// Without flags the formatted text goes to stdout. --check prints a diff for
// each file that is not formatted and exits 1; --write rewrites files in
// place (atomically). Files with syntax errors are reported and left alone.
//
//===----------------------------------------------------------------------===//
#include "CommandRegistry.h"
#include "DriverSupport.h"
#include "UnifiedDiff.h"
#include "rtc/Format/Formatter.h"
#include "rtc/Parse/Parser.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace rtc::driver {
namespace {

cl::SubCommand FmtCmd("fmt", "Rewrite .rtc files in the canonical layout");
cl::list<std::string> Paths(cl::Positional, cl::desc("<file|dir|->..."),
                            cl::sub(FmtCmd));
cl::opt<bool> Check("check", cl::desc("Exit 1 and show a diff if a file is not formatted"),
                    cl::sub(FmtCmd));
cl::opt<bool> Write("write", cl::desc("Rewrite files in place"), cl::sub(FmtCmd));

int run() {
  Session S;
  std::vector<std::string> Inputs = Paths.empty() ? std::vector<std::string>{"-"} : Paths;
  std::vector<std::string> Files = collectInputs(Inputs, S.diags());
  bool Unformatted = false;
  for (const std::string &Path : Files) {
    unsigned Id = S.addFile(Path);
    if (!Id)
      continue;
    ast::File F = parseBuffer(Id, S.diags());
    if (F.HadSyntaxErrors)
      continue;
    StringRef Source = S.sourceMgr().getMemoryBuffer(Id)->getBuffer();
    std::string Formatted = formatFile(F, Source);
    if (Check) {
      std::string Diff = unifiedDiff(Path, Source, Formatted);
      if (!Diff.empty()) {
        Unformatted = true;
        outs() << Diff;
        S.diags().report(SMRange(), diag::err_not_formatted) << Path;
      }
      continue;
    }
    if (Write && Path != "-") {
      if (Formatted == Source)
        continue;
      std::string Error;
      if (!replaceFileContents(Path, Formatted, Error))
        S.diags().report(SMRange(), diag::err_cannot_write_file)
            << Path << Error;
      continue;
    }
    outs() << Formatted;
  }
  int Code = S.finish();
  return Code ? Code : (Unformatted ? 1 : 0);
}

CommandRegistration Reg(FmtCmd, run);

} // namespace
} // namespace rtc::driver
