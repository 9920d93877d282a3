//===- Duration.h - "30s", "2m" durations for -lock-timeout -----*- C++ -*-===//
#ifndef RTC_STATE_DURATION_H
#define RTC_STATE_DURATION_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <chrono>

namespace rtc::state {

/// Parses Go-style durations: a sequence of <number><unit> with units ms, s,
/// m, h ("1m30s", "500ms", "2m"); a bare "0" means zero.
llvm::Expected<std::chrono::milliseconds> parseDuration(llvm::StringRef Text);

} // namespace rtc::state

#endif
