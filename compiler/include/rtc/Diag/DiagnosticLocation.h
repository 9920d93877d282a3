//===- DiagnosticLocation.h - file/line/column of an SMLoc ---- -*- C++ -*-===//
//
// Every printer needs the same facts about a location: which buffer, its name,
// the 1-based line and byte column, the byte offset and the text of the line.
// Resolving through llvm::SourceMgr keeps line lookups cached, so printing
// thousands of diagnostics in a large file stays fast.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_DIAG_DIAGNOSTICLOCATION_H
#define RTC_DIAG_DIAGNOSTICLOCATION_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/SMLoc.h"
#include <cstddef>

namespace llvm {
class SourceMgr;
} // namespace llvm

namespace rtc::diag {

struct ResolvedLoc {
  unsigned BufferID = 0;    ///< 0 when the location is invalid or unknown
  llvm::StringRef File;     ///< buffer identifier (the path as given)
  unsigned Line = 0;        ///< 1-based
  unsigned Column = 0;      ///< 1-based, in bytes
  size_t Offset = 0;        ///< 0-based byte offset in the buffer
  llvm::StringRef LineText; ///< the whole line, without its line ending

  bool isValid() const { return BufferID != 0; }
};

/// Resolves Loc; the result is invalid when Loc is invalid or in no buffer
/// of SM. A location one past the end of a buffer is valid (end of file).
ResolvedLoc resolveLoc(const llvm::SourceMgr &SM, llvm::SMLoc Loc);

/// Column of byte Column (1-based) of Line counted in Unicode code points
/// (UTF-8 continuation bytes do not count), as SARIF's columnKind
/// "unicodeCodePoints" wants.
unsigned codePointColumn(llvm::StringRef Line, unsigned Column);

} // namespace rtc::diag

#endif
