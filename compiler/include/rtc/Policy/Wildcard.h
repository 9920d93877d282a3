//===- Wildcard.h - RAM `*` / `?` wildcard matching -------------*- C++ -*-===//
//
// The single wildcard matcher behind the evaluator and the analyzer. `*`
// matches any run of characters (also empty), `?` exactly one; there is no
// escape. Runs in O(|pattern| * |value|) worst case without recursion, so a
// pathological pattern such as `*a*a*a*a*b` cannot blow up.
//
// Case: RAM treats action names case-insensitively (`ram:passrole` is
// `ram:PassRole`), but resource ARNs embed user-chosen names (projects,
// buckets, roles) that are case-sensitive, so resources compare exactly.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_POLICY_WILDCARD_H
#define RTC_POLICY_WILDCARD_H

#include "llvm/ADT/StringRef.h"

namespace rtc::policy {

enum class CaseSensitivity { Sensitive, Insensitive };

/// True when Value matches Pattern.
bool wildcardMatch(llvm::StringRef Pattern, llvm::StringRef Value,
                   CaseSensitivity CS = CaseSensitivity::Sensitive);

/// Actions compare case-insensitively; resources case-sensitively.
inline bool actionMatches(llvm::StringRef Pattern, llvm::StringRef Action) {
  return wildcardMatch(Pattern, Action, CaseSensitivity::Insensitive);
}
inline bool resourceMatches(llvm::StringRef Pattern, llvm::StringRef Resource) {
  return wildcardMatch(Pattern, Resource, CaseSensitivity::Sensitive);
}

/// True when every string Inner matches is also matched by Outer. Inner's
/// wildcards are treated as symbols Outer must absorb: Outer's `*` absorbs any
/// run of symbols, Outer's `?` one literal or `?`, a literal only itself. Sound
/// but not complete: `true` is always right, while some equal languages are
/// missed (Outer `?*` does cover Inner `*?`, but the answer is `false`), which
/// only means a shadowing warning is not given.
bool wildcardCovers(llvm::StringRef Outer, llvm::StringRef Inner,
                    CaseSensitivity CS = CaseSensitivity::Sensitive);

bool hasWildcard(llvm::StringRef S);

} // namespace rtc::policy

#endif
