//===- EditDistance.cpp - "did you mean" suggestions ----------------------===//
#include "rtc/Diag/EditDistance.h"
#include <algorithm>
#include <tuple>

namespace rtc {

unsigned defaultMaxEditDistance(llvm::StringRef Name) {
  return std::max<unsigned>(1, static_cast<unsigned>((Name.size() + 2) / 3));
}

std::optional<std::string> closestMatch(llvm::StringRef Name,
                                        llvm::ArrayRef<std::string> Candidates,
                                        std::optional<unsigned> MaxDistance) {
  unsigned Max = MaxDistance ? *MaxDistance : defaultMaxEditDistance(Name);
  std::string Lower = Name.lower();
  const std::string *Best = nullptr;
  std::tuple<unsigned, unsigned> BestKey;
  for (const std::string &C : Candidates) {
    llvm::StringRef Cand(C);
    // Passing Max lets edit_distance stop early on hopeless candidates.
    unsigned D = Name.edit_distance(Cand, /*AllowReplacements=*/true, Max);
    if (D > Max)
      continue;
    if (D != 0 && D >= std::max(Name.size(), Cand.size()))
      continue;
    unsigned CaseD = llvm::StringRef(Lower).edit_distance(
        Cand.lower(), /*AllowReplacements=*/true);
    std::tuple<unsigned, unsigned> Key{D, CaseD};
    if (!Best || Key < BestKey || (Key == BestKey && C < *Best)) {
      Best = &C;
      BestKey = Key;
    }
  }
  if (!Best)
    return std::nullopt;
  return *Best;
}

} // namespace rtc
