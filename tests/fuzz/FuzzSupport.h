//===- FuzzSupport.h - shared set-up of the libFuzzer targets ---*- C++ -*-===//
//
// The targets that run Sema (check, fmt, -var-file) read imports and
// `file()` arguments from disk. Each confines all such reads to a scratch
// directory of its own (rtc::confineSourceFilesTo), seeded with two small
// files the corpus refers to, so a fuzzed `import "/etc/…"` reads nothing.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_TESTS_FUZZ_FUZZSUPPORT_H
#define RTC_TESTS_FUZZ_FUZZSUPPORT_H

#include "rtc/Parse/SourceFile.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdlib>
#include <string>

namespace rtc::fuzz {

/// Writes Contents to Path (overwriting); aborts on failure, as a fuzzer
/// without its scratch files would silently test less.
inline void writeFile(const std::string &Path, llvm::StringRef Contents) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  if (EC)
    std::abort();
  OS << Contents;
}

/// The scratch directory's path for removeScratchDir, in storage that
/// outlives every static destructor (atexit handlers run after them).
inline char *scratchPathAtExit() {
  static char Path[4096];
  return Path;
}

/// At exit: one scratch directory per fuzzer process would pile up in /tmp.
inline void removeScratchDir() {
  llvm::sys::fs::remove_directories(scratchPathAtExit());
}

/// Creates the scratch directory (once per process), seeds it, confines
/// source reads to it and returns its real path.
inline const std::string &scratchDir() {
  static const std::string Dir = [] {
    llvm::SmallString<128> Made;
    if (llvm::sys::fs::createUniqueDirectory("rtcc-fuzz", Made))
      std::abort();
    llvm::SmallString<128> Real;
    if (llvm::sys::fs::real_path(Made, Real))
      std::abort();
    std::string D = Real.str().str();
    writeFile(D + "/lib.rtc", "let shared = \"lib\"\n");
    writeFile(D + "/query.sql", "SELECT 1;\n");
    rtc::confineSourceFilesTo(D);
    if (D.size() < 4096) {
      D.copy(scratchPathAtExit(), D.size());
      std::atexit(removeScratchDir);
    }
    return D;
  }();
  return Dir;
}

} // namespace rtc::fuzz

#endif
