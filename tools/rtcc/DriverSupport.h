//===- DriverSupport.h - what every rtcc command shares ----------*- C++ -*-===//
//
// Input discovery (files and directories of .rtc), the source manager and
// diagnostics engine with the printer chosen by --diagnostics-format and
// --color, and the options every command understands.
//
//===----------------------------------------------------------------------===//
#ifndef RTCC_TOOLS_DRIVERSUPPORT_H
#define RTCC_TOOLS_DRIVERSUPPORT_H

#include "rtc/AST/AST.h"
#include "rtc/Diag/DiagnosticVerifier.h"
#include "rtc/Diag/DiagnosticsEngine.h"
#include "rtc/Sema/Sema.h"
#include "llvm/Support/BuryPointer.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/SourceMgr.h"
#include <nlohmann/json.hpp>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace rtc::driver {

/// Expands directories into the .rtc files below them (sorted, skipping
/// hidden folders and node_modules); keeps files as given; "-" is stdin.
/// Reports missing paths and empty directories to Diags.
/// With SkipModuleFolders, folders named `modules` are left out (they are
/// loaded through `module` blocks, not checked as configurations).
std::vector<std::string> collectInputs(const std::vector<std::string> &Paths,
                                       DiagnosticsEngine &Diags,
                                       bool SkipModuleFolders = false);

/// Splits files into configurations: the files of one folder form one root
/// module. Folders below a `modules` folder are modules, loaded through
/// `module` blocks, and are left out when they came from a directory walk.
std::vector<std::vector<std::string>>
groupByConfiguration(const std::vector<std::string> &Files);

/// One run of the front end over a set of files.
class Session {
public:
  /// Sets up printers from the global diagnostics options. With Verify, the
  /// DiagnosticVerifier replaces the printers.
  explicit Session(bool Verify = false);
  ~Session();

  llvm::SourceMgr &sourceMgr() { return SM; }
  DiagnosticsEngine &diags() { return *Diags; }

  /// Reads a file (or stdin for "-") into the SourceMgr; 0 on failure
  /// (reported).
  unsigned addFile(const std::string &Path);
  /// Reads and parses every file.
  std::vector<ast::File> parseAll(const std::vector<std::string> &Paths);

  /// Flushes printers, prints the text summary, returns the exit code:
  /// 0 without errors, 1 with errors (or a failed -verify).
  int finish();

private:
  /// --disable and --warnings-as-errors[=CODES]; unknown codes get a
  /// suggestion.
  void applyDiagnosticControl();

  llvm::SourceMgr SM;
  std::unique_ptr<DiagnosticsEngine> Diags;
  DiagnosticVerifier *Verifier = nullptr; // owned by Diags
  bool TextOutput = true;
};

/// True in builds with AddressSanitizer (RTCC_SANITIZE), whose leak checker
/// must see every object freed.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool SanitizerBuild = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool SanitizerBuild = true;
#else
inline constexpr bool SanitizerBuild = false;
#endif
#else
inline constexpr bool SanitizerBuild = false;
#endif

/// Leaves Object (an AST or IR about to go out of scope on the way to exit)
/// for the operating system to reclaim instead of destroying it node by
/// node, which costs a tenth of checking a large configuration (clang's
/// -disable-free). The object stays reachable (llvm::BuryPointer), so leak
/// checkers stay quiet; sanitizer builds destroy it as usual.
template <class T> void freeAtExit(T &Object) {
  if constexpr (!SanitizerBuild)
    llvm::BuryPointer(new T(std::move(Object)));
}

/// Sema options from the shared -var, -var-file and --stdlib-dir flags.
SemaOptions semaOptions();

/// Variable values that semaOptions() passes as data from now on (a saved
/// plan's, for `rtcc apply PLAN`). Fails, naming it, when -var sets one of
/// them, or when -var-file is given: a saved plan is applied with the
/// values it was made with.
llvm::Error useSavedVariableValues(std::map<std::string, nlohmann::json> Values);

/// Whether stdout (a plan, apply progress) is coloured: a terminal, no
/// NO_COLOR in the environment (no-color.org) and no --color=never.
/// Commands with -no-color also pass it (main.cpp turns -no-color into
/// --color=never for the diagnostics too).
bool stdoutColor();

/// Replaces the contents of the file at Path atomically with
/// rtc::state::writeFileAtomically (temp file, fsync, rename, fsync of the
/// directory), as `fmt --write` needs: a symbolic link is followed and stays
/// a link; an existing file keeps its permissions and owner.
bool replaceFileContents(const std::string &Path, llvm::StringRef Contents,
                         std::string &Error);

/// Writes a file that may hold what the state holds (a saved plan)
/// atomically, with the state's mode 0600.
bool writePrivateFile(const std::string &Path, llvm::StringRef Contents,
                      std::string &Error);

} // namespace rtc::driver

#endif
