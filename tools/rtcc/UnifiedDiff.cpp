//===- UnifiedDiff.cpp - line diff for `rtcc fmt --check` -----------------===//
//
// Longest-common-subsequence over lines after trimming the common prefix and
// suffix, which is what formatting changes usually leave; very large middles
// fall back to "replace everything" so the cost stays bounded.
//
//===----------------------------------------------------------------------===//
#include "UnifiedDiff.h"
#include "llvm/ADT/SmallVector.h"
#include <algorithm>
#include <vector>

namespace rtc::driver {

namespace {

struct Edit {
  char Op; // ' ', '-', '+'
  llvm::StringRef Line;
  size_t OldLine, NewLine; // 1-based positions
};

std::vector<llvm::StringRef> splitLines(llvm::StringRef S) {
  llvm::SmallVector<llvm::StringRef, 64> Parts;
  S.split(Parts, '\n');
  if (!Parts.empty() && Parts.back().empty())
    Parts.pop_back();
  return {Parts.begin(), Parts.end()};
}

std::vector<Edit> diffLines(const std::vector<llvm::StringRef> &A,
                            const std::vector<llvm::StringRef> &B) {
  size_t Pre = 0;
  while (Pre < A.size() && Pre < B.size() && A[Pre] == B[Pre])
    ++Pre;
  size_t Suf = 0;
  while (Suf < A.size() - Pre && Suf < B.size() - Pre &&
         A[A.size() - 1 - Suf] == B[B.size() - 1 - Suf])
    ++Suf;
  size_t N = A.size() - Pre - Suf, M = B.size() - Pre - Suf;
  std::vector<Edit> Edits;
  for (size_t I = 0; I < Pre; ++I)
    Edits.push_back({' ', A[I], I + 1, I + 1});
  if (N * M <= 4000000) {
    std::vector<std::vector<unsigned>> L(N + 1, std::vector<unsigned>(M + 1, 0));
    for (size_t I = N; I-- > 0;)
      for (size_t J = M; J-- > 0;)
        L[I][J] = A[Pre + I] == B[Pre + J] ? L[I + 1][J + 1] + 1
                                           : std::max(L[I + 1][J], L[I][J + 1]);
    size_t I = 0, J = 0;
    while (I < N || J < M) {
      if (I < N && J < M && A[Pre + I] == B[Pre + J]) {
        Edits.push_back({' ', A[Pre + I], Pre + I + 1, Pre + J + 1});
        ++I, ++J;
      } else if (I < N && (J == M || L[I + 1][J] >= L[I][J + 1])) {
        // Removed lines first, as diff(1) prints them.
        Edits.push_back({'-', A[Pre + I], Pre + I + 1, Pre + J + 1});
        ++I;
      } else {
        Edits.push_back({'+', B[Pre + J], Pre + I + 1, Pre + J + 1});
        ++J;
      }
    }
  } else {
    for (size_t I = 0; I < N; ++I)
      Edits.push_back({'-', A[Pre + I], Pre + I + 1, Pre + 1});
    for (size_t J = 0; J < M; ++J)
      Edits.push_back({'+', B[Pre + J], Pre + N + 1, Pre + J + 1});
  }
  for (size_t K = 0; K < Suf; ++K)
    Edits.push_back({' ', A[A.size() - Suf + K], A.size() - Suf + K + 1,
                     B.size() - Suf + K + 1});
  return Edits;
}

} // namespace

std::string unifiedDiff(llvm::StringRef Name, llvm::StringRef Before,
                        llvm::StringRef After) {
  if (Before == After)
    return "";
  std::vector<Edit> Edits = diffLines(splitLines(Before), splitLines(After));
  std::string Out = "--- " + Name.str() + "\n+++ " + Name.str() + " (formatted)\n";
  const size_t Context = 3;
  size_t I = 0;
  while (I < Edits.size()) {
    if (Edits[I].Op == ' ') {
      ++I;
      continue;
    }
    // A hunk: from Context lines before this change to Context lines after
    // the last change that is within 2*Context of the previous one.
    size_t Start = I >= Context ? I - Context : 0;
    size_t End = I;
    size_t Quiet = 0;
    for (size_t K = I; K < Edits.size(); ++K) {
      if (Edits[K].Op != ' ') {
        End = K;
        Quiet = 0;
      } else if (++Quiet > 2 * Context) {
        break;
      }
    }
    size_t Stop = std::min(Edits.size(), End + Context + 1);
    size_t OldCount = 0, NewCount = 0;
    for (size_t K = Start; K < Stop; ++K) {
      if (Edits[K].Op != '+')
        ++OldCount;
      if (Edits[K].Op != '-')
        ++NewCount;
    }
    Out += "@@ -" + std::to_string(Edits[Start].OldLine) + "," + std::to_string(OldCount) +
           " +" + std::to_string(Edits[Start].NewLine) + "," + std::to_string(NewCount) +
           " @@\n";
    for (size_t K = Start; K < Stop; ++K) {
      Out += Edits[K].Op;
      Out += Edits[K].Line.str();
      Out += '\n';
    }
    I = Stop;
  }
  return Out;
}

} // namespace rtc::driver
