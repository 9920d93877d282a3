//===- UnifiedDiff.h - line diff for `rtcc fmt --check` ----------*- C++ -*-===//
#ifndef RTCC_TOOLS_UNIFIEDDIFF_H
#define RTCC_TOOLS_UNIFIEDDIFF_H

#include "llvm/ADT/StringRef.h"
#include <string>

namespace rtc::driver {

/// A unified diff (3 lines of context) from Before to After, headed with
/// `--- Name` / `+++ Name (formatted)`. Empty when the texts are equal.
std::string unifiedDiff(llvm::StringRef Name, llvm::StringRef Before,
                        llvm::StringRef After);

} // namespace rtc::driver

#endif
