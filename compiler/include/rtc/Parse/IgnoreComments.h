//===- IgnoreComments.h - read `rtcc-ignore` comments -----------*- C++ -*-===//
//
// `// rtcc-ignore: RTC0356, RTC0312 reason` (or `#`) silences those codes
// on the block, attribute or line it annotates: the first line below it
// that is not blank or a comment, or its own line when it follows code.
// parseBuffer calls this for every file, so check, plan, apply and the LSP
// all honour the comments. See docs/diagnostics.md.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_PARSE_IGNORECOMMENTS_H
#define RTC_PARSE_IGNORECOMMENTS_H

#include "rtc/AST/AST.h"
#include "rtc/Diag/DiagnosticsEngine.h"

namespace rtc {

/// Adds the file's `rtcc-ignore` comments to Diags.suppressions(). Reports
/// malformed comments (RTC0011), unknown codes (RTC0008/RTC0009, with a
/// suggestion) and codes that may not be silenced (RTC0010).
void registerIgnoreComments(const ast::File &F, DiagnosticsEngine &Diags);

} // namespace rtc

#endif
