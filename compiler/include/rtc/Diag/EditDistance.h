//===- EditDistance.h - "did you mean" suggestions ------------ -*- C++ -*-===//
//
// closestMatch("clustr", {"cluster", "job"}) == "cluster". Used for unknown
// block kinds, attributes, references and functions.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_DIAG_EDITDISTANCE_H
#define RTC_DIAG_EDITDISTANCE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace rtc {

/// The largest edit distance suggested by default for a name of this length:
/// (length + 2) / 3, at least 1 (Clang's typo-correction rule).
unsigned defaultMaxEditDistance(llvm::StringRef Name);

/// The candidate with the smallest Levenshtein distance to Name, if it is at
/// most MaxDistance (default: defaultMaxEditDistance(Name)) and smaller than
/// the longer of the two lengths (so "a" never suggests "b"). An exact match
/// is returned as is. Ties go to the candidate whose case-insensitive
/// distance is smaller, then to the lexicographically smallest, so the result
/// does not depend on the order of Candidates.
std::optional<std::string>
closestMatch(llvm::StringRef Name, llvm::ArrayRef<std::string> Candidates,
             std::optional<unsigned> MaxDistance = std::nullopt);

} // namespace rtc

#endif
