//===- StateJson.h - the state's JSON form ----------------------*- C++ -*-===//
//
// Layout (format_version 1), keys sorted, resources sorted by address:
//   {"format_version":1, "lineage":"<uuid>", "outputs":{name:{"sensitive":b,
//    "value":v}}, "resources":[{"address","attributes","cloud_id",
//    "dependencies","kind","name","sensitive_attributes"}], "serial":N}
//
//===----------------------------------------------------------------------===//
#ifndef RTC_STATE_STATEJSON_H
#define RTC_STATE_STATEJSON_H

#include "rtc/State/State.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace rtc::state {

/// Parses and strictly validates a state. Origin names the file (or
/// "pg:schema/workspace") in error messages, along with the JSON path of the
/// offending field.
llvm::Expected<State> parseState(llvm::StringRef Text, llvm::StringRef Origin);

/// Deterministic, indented JSON (same state, same bytes), newline-terminated.
std::string serializeState(const State &S);

/// Rewrites the serial of a text made by serializeState() in place (the
/// serial is its last key), so a changed state is serialised once. False if
/// Text does not have that shape.
bool replaceSerial(std::string &Text, uint64_t Serial);

} // namespace rtc::state

#endif
