//===- Wildcard.cpp - RAM `*` / `?` wildcard matching ---------------------===//
//
// One greedy matcher with a single backtrack point (the last `*` seen): on a
// mismatch it lets that `*` swallow one more character and retries. Earlier
// stars never need revisiting, because a later `*` can absorb anything an
// earlier one could; this keeps the worst case at O(|P| * |V|) with no
// recursion. Matching is byte-wise: RAM names and ARNs are ASCII, so `?` is
// one byte.
//
//===----------------------------------------------------------------------===//
#include "rtc/Policy/Wildcard.h"
#include "llvm/ADT/StringExtras.h"

namespace rtc::policy {

namespace {

/// Matches V against P where `*` in P absorbs any run of V's symbols and
/// Single(p, v) decides the other pattern symbols.
template <typename SingleFn>
bool greedyMatch(llvm::StringRef P, llvm::StringRef V, SingleFn Single) {
  constexpr size_t None = llvm::StringRef::npos;
  size_t Pi = 0, Vi = 0, StarP = None, StarV = 0;
  while (Vi < V.size()) {
    if (Pi < P.size() && P[Pi] == '*') {
      StarP = Pi++;
      StarV = Vi;
      continue;
    }
    if (Pi < P.size() && Single(P[Pi], V[Vi])) {
      ++Pi;
      ++Vi;
      continue;
    }
    if (StarP == None)
      return false;
    Pi = StarP + 1;
    Vi = ++StarV;
  }
  while (Pi < P.size() && P[Pi] == '*')
    ++Pi;
  return Pi == P.size();
}

bool sameChar(char A, char B, CaseSensitivity CS) {
  return CS == CaseSensitivity::Sensitive
             ? A == B
             : llvm::toLower(A) == llvm::toLower(B);
}

} // namespace

bool wildcardMatch(llvm::StringRef Pattern, llvm::StringRef Value,
                   CaseSensitivity CS) {
  return greedyMatch(Pattern, Value, [CS](char P, char V) {
    return P == '?' || sameChar(P, V, CS);
  });
}

bool wildcardCovers(llvm::StringRef Outer, llvm::StringRef Inner,
                    CaseSensitivity CS) {
  return greedyMatch(Outer, Inner, [CS](char O, char I) {
    if (I == '*')
      return false; // only an Outer `*` can absorb an Inner `*`
    if (O == '?')
      return true; // one literal or one `?`
    return I != '?' && sameChar(O, I, CS);
  });
}

bool hasWildcard(llvm::StringRef S) {
  return S.find_first_of("*?") != llvm::StringRef::npos;
}

} // namespace rtc::policy
