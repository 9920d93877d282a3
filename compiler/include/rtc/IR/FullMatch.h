//===- FullMatch.h - whole-string matching of schema patterns ---*- C++ -*-===//
//
// The stdlib's name rules are anchored sequences of character classes with
// counts (`^[A-Za-z0-9._][A-Za-z0-9._-]{0,63}$`). llvm::Regex expands
// `{0,63}` into 63 copies of the class and steps through all of them for
// every character, which was a fifth of `rtcc check` on 50,000 users.
// FullMatcher recognises that shape and matches it in one pass over the
// string (linear in its length times the number of atoms); any other
// pattern goes to llvm::Regex, anchored.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_IR_FULLMATCH_H
#define RTC_IR_FULLMATCH_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Regex.h"

#include <bitset>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rtc::ir {

class FullMatcher {
public:
  /// Compiles Pattern (POSIX extended, as llvm::Regex takes it); check
  /// isValid() before matching.
  explicit FullMatcher(llvm::StringRef Pattern);

  bool isValid(std::string &Error) const;
  /// True when the whole of S matches the pattern.
  bool matches(llvm::StringRef S) const;
  /// Whether the one-pass matcher handles this pattern (for tests).
  bool isSimple() const { return !Atoms.empty(); }

private:
  struct Atom {
    std::bitset<256> Chars;
    unsigned Min = 1, Max = 1; ///< Max == ~0u: unbounded
  };
  bool parseSimple(llvm::StringRef P);

  std::vector<Atom> Atoms;            ///< the simple form, when it applies
  std::unique_ptr<llvm::Regex> Regex; ///< otherwise, anchored
};

} // namespace rtc::ir

#endif
