//===- Formatter.h - the canonical layout of .rtc files ----------*- C++ -*-===//
//
// `rtcc fmt` and LSP formatting share this engine. It prints the AST in the
// canonical layout (two-space indent, one item per line, `=` aligned within a
// run of attributes, at most one blank line between items) and keeps every
// comment. It is idempotent: format(format(x)) == format(x).
//
//===----------------------------------------------------------------------===//
#ifndef RTC_FORMAT_FORMATTER_H
#define RTC_FORMAT_FORMATTER_H

#include "rtc/AST/AST.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace rtc {

struct FormatOptions {
  unsigned IndentWidth = 2;
};

/// Formats a file parsed without syntax errors. Source is the text the AST's
/// ranges point into.
std::string formatFile(const ast::File &File, llvm::StringRef Source,
                       const FormatOptions &Opts = {});

} // namespace rtc

#endif
