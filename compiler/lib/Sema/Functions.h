//===- Functions.h - the built-in function library ---------------*- C++ -*-===//
//
// length, upper, lower, format, join, split, concat, contains, keys, values,
// lookup, merge, jsonencode, jsondecode, file, env, min, max, range,
// tostring, tonumber, coalesce. Pure except file() and env(), which read
// the configuration's folder and the environment. Private to Sema.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_LIB_SEMA_FUNCTIONS_H
#define RTC_LIB_SEMA_FUNCTIONS_H

#include "rtc/Diag/DiagnosticsEngine.h"
#include "rtc/IR/IR.h"
#include <optional>
#include <string>
#include <vector>

namespace rtc::sema {

struct CallSite {
  std::string Name;
  llvm::SMRange Range;                 ///< the whole call
  std::vector<llvm::SMRange> ArgRanges;
  std::string BaseDir;                 ///< folder of the calling file, for file()
};

/// Limits on evaluation, like range()'s 100000 elements: what would exceed
/// one is refused with a diagnostic instead of exhausting stack or memory.
constexpr size_t MaxStringBytes = 8u << 20;
/// A value's cost: its string bytes plus 32 per element, key and scalar.
constexpr size_t MaxValueCost = 32u << 20;
constexpr unsigned MaxEvalDepth = 400;
constexpr uint64_t MaxEvalSteps = 50'000'000;
/// The cost of V, or a number above Limit as soon as it is exceeded (so
/// the walk is bounded too).
size_t valueCost(const ir::Value &V, size_t Limit = MaxValueCost);

bool isKnownFunction(llvm::StringRef Name);
std::vector<std::string> functionNames();

/// Calls a function; reports errors and returns nullopt on failure. Unknown
/// arguments make the result unknown.
std::optional<ir::Value> callFunction(const CallSite &Site,
                                      const std::vector<ir::Value> &Args,
                                      DiagnosticsEngine &Diags);

/// How a value is described in messages: `a string`, `a list of 3 elements`.
std::string describeValue(const ir::Value &V);
/// A value interpolated into a string, or nullopt if it cannot be.
std::optional<std::string> toTemplateString(const ir::Value &V);

} // namespace rtc::sema

#endif
