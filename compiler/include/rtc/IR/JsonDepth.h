//===- JsonDepth.h - bounded nesting of JSON read from outside ---*- C++
//-*-===//
//
// nlohmann's parser is iterative, but copying, comparing, printing and
// rendering a JSON value all recurse, so a state file, saved plan or LSP
// message nested 100,000 deep overflows the stack long after it was read.
// Everything rtcc reads as JSON is checked with this first and refused with
// a message naming the file.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_IR_JSONDEPTH_H
#define RTC_IR_JSONDEPTH_H

#include "llvm/ADT/StringRef.h"

namespace rtc {

/// The deepest JSON rtcc accepts from a file or message: well above what a
/// configuration can produce (its own nesting stops at 256, see
/// MaxNestingDepth in rtc/Parse/Parser.h) plus the state's and plan's own
/// levels, and far below what would exhaust the stack.
constexpr unsigned MaxJsonDepth = 512;

/// True when Text (JSON, possibly malformed) opens more than MaxDepth arrays
/// and objects inside each other. Brackets inside strings do not count.
/// Linear, no allocation, so it is safe on any input.
bool jsonNestedDeeperThan(llvm::StringRef Text,
                          unsigned MaxDepth = MaxJsonDepth);

} // namespace rtc

#endif
