//===- DriverSupport.cpp - what every rtcc command shares -----------------===//
#include "DriverSupport.h"
#include "rtc/Diag/JsonDiagnosticPrinter.h"
#include "rtc/Diag/SarifDiagnosticPrinter.h"
#include "rtc/Diag/SilenceableCode.h"
#include "rtc/Diag/TextDiagnosticPrinter.h"
#include "rtc/Parse/Parser.h"
#include "rtc/Parse/SourceFile.h"
#include "rtc/Rules/Rules.h"
#include "rtc/State/LocalBackend.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <map>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

using namespace llvm;

namespace rtc::driver {

namespace {

enum class DiagFormat { Text, Json, Sarif };
enum class ColorMode { Auto, Always, Never };

cl::OptionCategory DiagCategory("Diagnostics options");

cl::opt<DiagFormat> DiagnosticsFormat(
    "diagnostics-format", cl::desc("How diagnostics are printed"),
    cl::values(clEnumValN(DiagFormat::Text, "text", "Clang-style text (default)"),
               clEnumValN(DiagFormat::Json, "json", "one JSON document"),
               clEnumValN(DiagFormat::Sarif, "sarif", "SARIF 2.1.0, for CI annotations")),
    cl::init(DiagFormat::Text), cl::sub(*cl::AllSubCommands), cl::cat(DiagCategory));

// LLVM Support owns `--color` (a bool); main() rewrites `--color=WHEN` to
// this option so users can write the familiar spelling.
cl::opt<ColorMode> Color(
    "diagnostics-color", cl::desc("Colour in diagnostics (also --color=WHEN)"),
    cl::values(clEnumValN(ColorMode::Auto, "auto", "when stderr is a terminal"),
               clEnumValN(ColorMode::Always, "always", "always"),
               clEnumValN(ColorMode::Never, "never", "never")),
    cl::init(ColorMode::Auto), cl::ZeroOrMore, cl::sub(*cl::AllSubCommands), cl::cat(DiagCategory));

cl::opt<unsigned> MaxErrors("max-errors",
                            cl::desc("Stop after N errors (0 = no limit)"),
                            cl::init(20), cl::sub(*cl::AllSubCommands),
                            cl::cat(DiagCategory));

// `--warnings-as-errors` promotes every warning; `=RTC0312,RTC0356` only
// those codes (remarks too).
cl::opt<std::string> WarningsAsErrors(
    "warnings-as-errors",
    cl::desc("Treat warnings as errors (=CODE,… for only those codes)"),
    cl::value_desc("CODES"), cl::ValueOptional, cl::sub(*cl::AllSubCommands),
    cl::cat(DiagCategory));

cl::list<std::string>
    Disable("disable", cl::desc("Do not report these warnings and remarks"),
            cl::value_desc("CODE,…"), cl::CommaSeparated,
            cl::sub(*cl::AllSubCommands), cl::cat(DiagCategory));

cl::OptionCategory InputCategory("Input options");

cl::list<std::string> VarArgs("var", cl::desc("Set a variable: -var NAME=VALUE"),
                              cl::value_desc("NAME=VALUE"), cl::ZeroOrMore,
                              cl::sub(*cl::AllSubCommands), cl::cat(InputCategory));
cl::list<std::string> VarFiles("var-file", cl::desc("Read variables from a file of NAME = VALUE lines"),
                               cl::value_desc("FILE"), cl::ZeroOrMore,
                               cl::sub(*cl::AllSubCommands), cl::cat(InputCategory));
cl::opt<std::string> StdlibDir("stdlib-dir",
                               cl::desc("Use the stdlib in DIR instead of the built-in copy"),
                               cl::value_desc("DIR"), cl::sub(*cl::AllSubCommands),
                               cl::cat(InputCategory));

bool noColorEnv() {
  // no-color.org: present and not empty.
  auto V = sys::Process::GetEnv("NO_COLOR");
  return V && !V->empty();
}

bool useColor() {
  if (Color == ColorMode::Always)
    return true;
  if (Color == ColorMode::Never)
    return false;
  return sys::Process::StandardErrIsDisplayed() && !noColorEnv();
}

bool isHidden(StringRef Name) {
  return (Name.startswith(".") && Name != "." && Name != "..") || Name == "node_modules";
}

} // namespace

bool stdoutColor() {
  // A flag on the command line beats NO_COLOR (no-color.org).
  if (Color != ColorMode::Auto)
    return Color == ColorMode::Always;
  return !noColorEnv() && WithColor(outs()).colorsEnabled();
}

std::vector<std::string> collectInputs(const std::vector<std::string> &Paths,
                                       DiagnosticsEngine &Diags, bool SkipModuleFolders) {
  std::vector<std::string> Files;
  for (const std::string &P : Paths) {
    if (P == "-" || !sys::fs::is_directory(P)) {
      Files.push_back(P);
      continue;
    }
    std::vector<std::string> Found;
    std::error_code EC;
    for (sys::fs::recursive_directory_iterator It(P, EC), End; It != End && !EC;
         It.increment(EC)) {
      StringRef Name = sys::path::filename(It->path());
      // Hidden folders and node_modules are not configuration; `modules`
      // folders hold modules, loaded through `module` blocks.
      if (isHidden(Name) ||
          (SkipModuleFolders && Name == "modules" && sys::fs::is_directory(It->path()))) {
        It.no_push();
        continue;
      }
      if (sys::path::extension(Name) == ".rtc" && !sys::fs::is_directory(It->path()))
        Found.push_back(It->path());
    }
    std::sort(Found.begin(), Found.end());
    if (Found.empty())
      Diags.report(SMRange(), diag::err_no_input_files) << P;
    Files.insert(Files.end(), Found.begin(), Found.end());
  }
  return Files;
}

std::vector<std::vector<std::string>>
groupByConfiguration(const std::vector<std::string> &Files) {
  std::vector<std::vector<std::string>> Groups;
  std::map<std::string, size_t> IndexOfDir;
  for (const std::string &F : Files) {
    std::string Dir = sys::path::parent_path(F).str();
    auto [It, New] = IndexOfDir.try_emplace(Dir, Groups.size());
    if (New)
      Groups.emplace_back();
    Groups[It->second].push_back(F);
  }
  return Groups;
}

Session::Session(bool Verify) {
  Diags = std::make_unique<DiagnosticsEngine>(SM);
  Diags->setMaxErrors(Verify ? 0 : MaxErrors.getValue());
  if (Verify) {
    auto V = std::make_unique<DiagnosticVerifier>(errs());
    Verifier = V.get();
    Diags->addConsumer(std::move(V));
    TextOutput = false;
    return;
  }
  switch (DiagnosticsFormat) {
  case DiagFormat::Text:
    Diags->addConsumer(std::make_unique<TextDiagnosticPrinter>(errs(), useColor()));
    break;
  case DiagFormat::Json:
    Diags->addConsumer(std::make_unique<JsonDiagnosticPrinter>(outs()));
    TextOutput = false;
    break;
  case DiagFormat::Sarif: {
    SarifOptions Opts;
    Opts.ToolVersion = RTCC_VERSION;
    Diags->addConsumer(std::make_unique<SarifDiagnosticPrinter>(outs(), Opts));
    TextOutput = false;
    break;
  }
  }
  applyDiagnosticControl();
}

void Session::applyDiagnosticControl() {
  for (const std::string &Code : Disable)
    if (checkSilenceableCode(Code, SMRange(), "--disable", *Diags))
      Diags->suppressions().disable(Code);
  if (WarningsAsErrors.getNumOccurrences() == 0)
    return;
  if (WarningsAsErrors.empty()) {
    Diags->setWarningsAsErrors(true);
    return;
  }
  std::set<std::string> Codes;
  for (StringRef Code : split(WarningsAsErrors.getValue(), ',')) {
    Code = Code.trim();
    if (diag::findCode(Code))
      Codes.insert(Code.str());
    else
      checkSilenceableCode(Code, SMRange(), "--warnings-as-errors", *Diags);
  }
  Diags->setWarningsAsErrorsFor(std::move(Codes));
}

Session::~Session() = default;

unsigned Session::addFile(const std::string &Path) {
  std::unique_ptr<MemoryBuffer> Owned;
  if (Path == "-") {
    ErrorOr<std::unique_ptr<MemoryBuffer>> Buf = MemoryBuffer::getSTDIN();
    if (!Buf) {
      Diags->report(SMRange(), diag::err_cannot_read_file) << Path << Buf.getError().message();
      return 0;
    }
    Owned = std::move(*Buf);
  } else {
    // Only regular files of bounded size (a FIFO or /dev/zero never ends).
    Expected<std::unique_ptr<MemoryBuffer>> Buf = readSourceFile(Path);
    if (!Buf) {
      Diags->report(SMRange(), diag::err_cannot_read_file) << Path << toString(Buf.takeError());
      return 0;
    }
    Owned = std::move(*Buf);
  }
  if (Path == "-")
    Owned = MemoryBuffer::getMemBufferCopy(Owned->getBuffer(), "<stdin>");
  return SM.AddNewSourceBuffer(std::move(Owned), SMLoc());
}

std::vector<ast::File> Session::parseAll(const std::vector<std::string> &Paths) {
  std::vector<ast::File> Files;
  for (const std::string &P : Paths) {
    unsigned Id = addFile(P);
    if (Id == 0)
      continue;
    Files.push_back(parseBuffer(Id, *Diags));
    if (Diags->reachedErrorLimit())
      break;
  }
  return Files;
}

int Session::finish() {
  Diags->finish();
  if (Verifier)
    return Verifier->succeeded() ? 0 : 1;
  if (TextOutput && (Diags->errorCount() || Diags->warningCount()))
    printDiagnosticSummary(errs(), Diags->errorCount(), Diags->warningCount());
  return Diags->hasErrors() ? 1 : 0;
}

static std::map<std::string, nlohmann::json> SavedVariableValues;

llvm::Error useSavedVariableValues(std::map<std::string, nlohmann::json> Values) {
  auto Refuse = [](const std::string &What) {
    return createStringError(
        std::make_error_code(std::errc::invalid_argument),
        What + ": a saved plan is applied with the variable values it was "
               "made with; to change them, run `rtcc plan` again with the "
               "new values");
  };
  if (!VarFiles.empty())
    return Refuse("-var-file cannot be used with a saved plan");
  for (const std::string &V : VarArgs) {
    std::string Name = V.substr(0, V.find('='));
    if (Values.count(Name))
      return Refuse("-var " + Name + " cannot be used with a saved plan");
  }
  SavedVariableValues = std::move(Values);
  return Error::success();
}

SemaOptions semaOptions() {
  SemaOptions Opts;
  Opts.VarValues = SavedVariableValues;
  for (const std::string &V : VarArgs) {
    size_t Eq = V.find('=');
    if (Eq == std::string::npos || Eq == 0) {
      Opts.MalformedVarArgs.push_back(V);
      continue;
    }
    Opts.VarArgs.emplace_back(V.substr(0, Eq), V.substr(Eq + 1));
  }
  Opts.VarFiles.assign(VarFiles.begin(), VarFiles.end());
  Opts.StdlibDir = StdlibDir;
  // Rules run after sema and say more about these (domain messages, fixes).
  Opts.ConstraintsCheckedByRules = constraintsCheckedByRules();
  return Opts;
}

bool replaceFileContents(const std::string &Path, StringRef Contents,
                         std::string &Error) {
  // The state library's writer also syncs the directory, so the rename
  // survives a crash. Through a symbolic link, the file it points to is the
  // one replaced (renaming over the link would turn it into a file); that
  // file keeps its permissions and, where we may, its owner.
  SmallString<256> Target(Path);
  if (sys::fs::is_symlink_file(Path)) {
    if (std::error_code EC = sys::fs::real_path(Path, Target)) {
      Error = Path + ": cannot follow the symbolic link: " + EC.message();
      return false;
    }
  }
  unsigned Mode = 0644;
  struct stat St;
  bool Existed = ::stat(Target.c_str(), &St) == 0;
  if (Existed)
    Mode = St.st_mode & 07777;
  if (llvm::Error E =
          state::writeFileAtomically(Target.str().str(), Contents, Mode)) {
    Error = toString(std::move(E));
    return false;
  }
  if (Existed && (St.st_uid != ::geteuid() || St.st_gid != ::getegid()))
    (void)!::chown(Target.c_str(), St.st_uid, St.st_gid); // best effort
  return true;
}

bool writePrivateFile(const std::string &Path, StringRef Contents,
                      std::string &Error) {
  if (llvm::Error E = state::writeFileAtomically(Path, Contents, 0600)) {
    Error = toString(std::move(E));
    return false;
  }
  return true;
}

} // namespace rtc::driver
