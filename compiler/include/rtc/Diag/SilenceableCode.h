//===- SilenceableCode.h - may this code be silenced? -----------*- C++ -*-===//
//
// One check for the codes of `rtcc-ignore` comments and `--disable`, so both
// say the same about an unknown code or an error.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_DIAG_SILENCEABLECODE_H
#define RTC_DIAG_SILENCEABLECODE_H

#include "rtc/Diag/DiagnosticsEngine.h"

namespace rtc {

/// True when Code names a warning or remark of the table. Otherwise reports,
/// at Where: RTC0008/RTC0009 for an unknown code (with the closest code),
/// RTC0010 for an error or a note. Origin names the place for the message
/// ("`rtcc-ignore`", "--disable").
bool checkSilenceableCode(llvm::StringRef Code, llvm::SMRange Where,
                          llvm::StringRef Origin, DiagnosticsEngine &Diags);

} // namespace rtc

#endif
