//===- SourceFile.h - bounded reading of input files -------------*- C++
//-*-===//
//
// Every file rtcc reads as input (configurations, imports, `file()`,
// -var-file) goes through readSourceFile: only regular files (a FIFO would
// block forever, /dev/zero never ends) and at most MaxSourceFileBytes, so
// that no input can make rtcc hang or exhaust memory before a diagnostic.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_PARSE_SOURCEFILE_H
#define RTC_PARSE_SOURCEFILE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace rtc {

/// The largest input file rtcc reads (configurations are a few MB at most).
constexpr uint64_t MaxSourceFileBytes = 32ull << 20;

/// Reads Path if it is a regular file of at most MaxBytes; otherwise an error
/// whose message says why ("not a regular file", "larger than 32 MiB", or
/// the system's message).
llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>
readSourceFile(const llvm::Twine &Path, uint64_t MaxBytes = MaxSourceFileBytes);

/// Confines readSourceFile to regular files whose real path lies under Dir
/// (itself a real path); any other path is refused as "outside the sandbox".
/// For the fuzz targets, so that whatever a fuzzed configuration imports or
/// `file()`s, nothing outside their scratch directory is read. An empty Dir
/// lifts the confinement (the default).
void confineSourceFilesTo(std::string Dir);

/// The byte offset of the first byte of Text that is not valid UTF-8, if any.
std::optional<size_t> findInvalidUtf8(llvm::StringRef Text);

} // namespace rtc

#endif
