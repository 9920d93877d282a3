//===- AttributePath.h - values at `a.b[2].c` paths -------------*- C++ -*-===//
//
// The IR names attributes by path (`master.model`, `statements[0].actions`):
// in Resource::Sensitive, ForceNew and Computed, and in plan changes. Every
// place that redacts a secret at such a path walks the value the same way.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_IR_ATTRIBUTEPATH_H
#define RTC_IR_ATTRIBUTEPATH_H

#include "rtc/IR/IR.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace rtc::ir {

/// The value at Path inside Root, or null when a step is missing.
Value *valueAtPath(Value &Root, llvm::StringRef Path);
const Value *valueAtPath(const Value &Root, llvm::StringRef Path);

/// Replaces the value at each of Paths that exists in Root by Replace(value).
void replaceAtPaths(Value &Root, const std::vector<std::string> &Paths,
                    llvm::function_ref<Value(const Value &)> Replace);

} // namespace rtc::ir

#endif
