//===- FullMatch.cpp - whole-string matching of schema patterns -----------===//
#include "rtc/IR/FullMatch.h"

#include "llvm/ADT/StringExtras.h"

#include <limits>

namespace rtc::ir {

namespace {

constexpr unsigned Unbounded = std::numeric_limits<unsigned>::max();

/// `[...]` at the front of P (the `[` already consumed) into Out.
bool parseClass(llvm::StringRef &P, std::bitset<256> &Out) {
  bool Negate = P.consume_front("^");
  std::bitset<256> Set;
  bool First = true;
  while (!P.empty() && (P.front() != ']' || First)) {
    First = false;
    unsigned char Lo = static_cast<unsigned char>(P.front());
    if (Lo == '[' || Lo == '\\')
      return false; // [:classes:], escapes: leave them to llvm::Regex
    P = P.drop_front();
    unsigned char Hi = Lo;
    if (P.size() >= 2 && P[0] == '-' && P[1] != ']') {
      Hi = static_cast<unsigned char>(P[1]);
      if (Hi == '[' || Hi == '\\' || Hi < Lo)
        return false;
      P = P.drop_front(2);
    }
    for (unsigned C = Lo; C <= Hi; ++C)
      Set.set(C);
  }
  if (!P.consume_front("]"))
    return false;
  Out = Negate ? ~Set : Set;
  return true;
}

/// `{m}`, `{m,}`, `{m,n}`, `?`, `*`, `+` or nothing at the front of P.
bool parseCount(llvm::StringRef &P, unsigned &Min, unsigned &Max) {
  Min = Max = 1;
  if (P.consume_front("?")) {
    Min = 0;
  } else if (P.consume_front("*")) {
    Min = 0;
    Max = Unbounded;
  } else if (P.consume_front("+")) {
    Max = Unbounded;
  } else if (P.consume_front("{")) {
    size_t Close = P.find('}');
    if (Close == llvm::StringRef::npos)
      return false;
    auto [Lo, Hi] = P.take_front(Close).split(',');
    bool HasComma = P.take_front(Close).contains(',');
    if (Lo.getAsInteger(10, Min))
      return false;
    if (!HasComma)
      Max = Min;
    else if (Hi.empty())
      Max = Unbounded;
    else if (Hi.getAsInteger(10, Max) || Max < Min)
      return false;
    P = P.drop_front(Close + 1);
  }
  return true;
}

} // namespace

FullMatcher::FullMatcher(llvm::StringRef Pattern) {
  if (!parseSimple(Pattern)) {
    Atoms.clear();
    Regex = std::make_unique<llvm::Regex>("^(" + Pattern.str() + ")$");
  }
}

bool FullMatcher::parseSimple(llvm::StringRef P) {
  if (!P.consume_front("^") || !P.consume_back("$") || P.endswith("\\"))
    return false;
  while (!P.empty()) {
    Atom A;
    char C = P.front();
    P = P.drop_front();
    if (C == '[') {
      if (!parseClass(P, A.Chars))
        return false;
    } else if (C == '\\' && !P.empty() &&
               llvm::StringRef(".-_/:@").contains(P.front())) {
      A.Chars.set(static_cast<unsigned char>(P.front()));
      P = P.drop_front();
    } else if (llvm::isAlnum(C) || llvm::StringRef("-_/:@ ,=").contains(C)) {
      A.Chars.set(static_cast<unsigned char>(C));
    } else {
      return false; // `.`, groups, alternation, anchors inside: not simple
    }
    if (!parseCount(P, A.Min, A.Max))
      return false;
    Atoms.push_back(A);
  }
  return !Atoms.empty();
}

bool FullMatcher::isValid(std::string &Error) const {
  return !Regex || Regex->isValid(Error);
}

bool FullMatcher::matches(llvm::StringRef S) const {
  if (Regex)
    return Regex->match(S);
  // Reach[p]: the string's first p characters can be matched by the atoms
  // seen so far. Each atom moves every reachable p forward by Min..Max
  // characters of its class, bounded by the run of such characters at p.
  size_t N = S.size();
  std::vector<char> Reach(N + 1, 0), Next(N + 1);
  std::vector<size_t> Run(N + 1);
  Reach[0] = 1;
  for (const Atom &A : Atoms) {
    Run[N] = 0;
    for (size_t P = N; P-- > 0;)
      Run[P] =
          A.Chars.test(static_cast<unsigned char>(S[P])) ? Run[P + 1] + 1 : 0;
    // Next = union of [P+Min, P+min(Max, Run[P])] over reachable P, via a
    // difference array so that each atom costs O(N).
    std::vector<int> Delta(N + 2, 0);
    bool Any = false;
    for (size_t P = 0; P <= N; ++P) {
      if (!Reach[P] || Run[P] < A.Min)
        continue;
      size_t Hi =
          P + (A.Max == Unbounded ? Run[P] : std::min<size_t>(A.Max, Run[P]));
      ++Delta[P + A.Min];
      --Delta[Hi + 1];
      Any = true;
    }
    if (!Any)
      return false;
    int Open = 0;
    for (size_t P = 0; P <= N; ++P) {
      Open += Delta[P];
      Next[P] = Open > 0;
    }
    Reach.swap(Next);
  }
  return Reach[N];
}

} // namespace rtc::ir
