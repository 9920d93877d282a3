// RAM policy semantics: wildcard matching, document validation, decisions.
//
// Explicit Deny beats Allow; with no matching statement the answer is an
// implicit deny. Actions match case-insensitively (`stream:*`), resources
// (`acs:service:region:account:resource`) segment by segment, case-sensitively.
#ifndef RTC_EMULATOR_POLICYEVALUATOR_H
#define RTC_EMULATOR_POLICYEVALUATOR_H

#include "nlohmann/json.hpp"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace rtc::emulator {

enum class Decision { Allow, ExplicitDeny, ImplicitDeny };

/// `*` matches any run of characters (also empty), `?` exactly one.
bool wildcardMatch(llvm::StringRef Pattern, llvm::StringRef Text,
                   bool IgnoreCase);

/// Matches an ARN pattern against an ARN; `*` alone matches everything.
bool resourceMatch(llvm::StringRef Pattern, llvm::StringRef Arn);

/// Checks a policy document the way RAM does on CreatePolicy; returns the
/// problem, or nullopt when the document is acceptable.
std::optional<std::string> checkPolicyDocument(llvm::StringRef Text);

/// Decision of a set of (already validated) policy documents.
Decision evaluatePolicies(const std::vector<nlohmann::json> &Documents,
                          llvm::StringRef Action, llvm::StringRef Resource);

} // namespace rtc::emulator

#endif
