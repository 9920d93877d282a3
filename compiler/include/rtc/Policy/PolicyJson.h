//===- PolicyJson.h - read RAM policy JSON with offsets ---------*- C++ -*-===//
//
// RAM policy documents arrive as JSON text inside .rtc raw strings. General
// JSON libraries drop positions, so this small reader keeps the byte offset of
// every string: each action and resource gets the exact SMRange of its
// characters in the .rtc file, and a typo such as `dhs>DeleteTopic` is
// underlined where it is written.
//
// Accepted shapes (RAM's): Version "1"; Statement an object or a list of
// objects; Effect "Allow" | "Deny"; Action and Resource a string or a list of
// strings; an optional Condition object, kept verbatim and not evaluated.
// Documents over RAM's 6,144-byte limit (docs/service.md#ram-limits) are an error.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_POLICY_POLICYJSON_H
#define RTC_POLICY_POLICYJSON_H

#include "rtc/Policy/Finding.h"
#include "rtc/Policy/PolicyDocument.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/SMLoc.h"
#include <cstddef>
#include <vector>

namespace rtc {
class DiagnosticsEngine;
} // namespace rtc

namespace rtc::policy {

/// RAM's limit on a policy document (docs/service.md#ram-limits).
constexpr size_t MaxPolicyDocumentBytes = 6144;

/// Parses Json. Start is the location of Json's first byte in a buffer owned
/// by the caller's SourceMgr (for a raw string: just after the backtick); the
/// text must be the source bytes themselves (raw strings have no escapes), so
/// that offsets map one to one. If Start is invalid, ranges point into Json.
/// Problems are appended to Findings; the returned document holds whatever
/// could be read (statements with errors are still returned when their
/// actions and resources could be read, so the analyzer can check them).
PolicyDocument parsePolicyJson(llvm::StringRef Json, llvm::SMLoc Start,
                               std::vector<Finding> &Findings,
                               llvm::StringRef PolicyName = "");

/// The same, reporting problems through Diags.
PolicyDocument parsePolicyJson(llvm::StringRef Json, llvm::SMLoc Start,
                               DiagnosticsEngine &Diags,
                               llvm::StringRef PolicyName = "");

} // namespace rtc::policy

#endif
