//===- State.cpp - the state model ----------------------------------------===//
#include "rtc/State/State.h"

#include <openssl/rand.h>

#include <algorithm>
#include <cstdio>

namespace rtc::state {

bool ResourceState::operator==(const ResourceState &O) const {
  return Address == O.Address && Kind == O.Kind && Name == O.Name &&
         CloudId == O.CloudId && Dependencies == O.Dependencies &&
         Sensitive == O.Sensitive && Attributes == O.Attributes;
}

bool State::sameContent(const State &O) const {
  return Resources == O.Resources && Outputs == O.Outputs &&
         Pending == O.Pending;
}

const PendingCreate *State::pendingFor(const std::string &Address) const {
  auto It = std::lower_bound(Pending.begin(), Pending.end(), Address,
                             [](const PendingCreate &P, const std::string &A) {
                               return P.Address < A;
                             });
  return It != Pending.end() && It->Address == Address ? &*It : nullptr;
}

static bool byAddress(const ResourceState &A, const ResourceState &B) {
  return A.Address < B.Address;
}

void State::normalize() {
  for (ResourceState &R : Resources) {
    std::sort(R.Dependencies.begin(), R.Dependencies.end());
    R.Dependencies.erase(
        std::unique(R.Dependencies.begin(), R.Dependencies.end()),
        R.Dependencies.end());
    std::sort(R.Sensitive.begin(), R.Sensitive.end());
    R.Sensitive.erase(std::unique(R.Sensitive.begin(), R.Sensitive.end()),
                      R.Sensitive.end());
  }
  if (!std::is_sorted(Resources.begin(), Resources.end(), byAddress))
    std::stable_sort(Resources.begin(), Resources.end(), byAddress);
  auto ByPendingAddress = [](const PendingCreate &A, const PendingCreate &B) {
    return A.Address < B.Address;
  };
  if (!std::is_sorted(Pending.begin(), Pending.end(), ByPendingAddress))
    std::stable_sort(Pending.begin(), Pending.end(), ByPendingAddress);
}

const ResourceState *State::find(const std::string &Address) const {
  auto It = std::lower_bound(Resources.begin(), Resources.end(), Address,
                             [](const ResourceState &R, const std::string &A) {
                               return R.Address < A;
                             });
  if (It == Resources.end() || It->Address != Address)
    return nullptr;
  return &*It;
}

ResourceState *State::find(const std::string &Address) {
  return const_cast<ResourceState *>(
      static_cast<const State *>(this)->find(Address));
}

bool State::remove(const std::string &Address) {
  ResourceState *R = find(Address);
  if (!R)
    return false;
  Resources.erase(Resources.begin() + (R - Resources.data()));
  return true;
}

void State::upsert(ResourceState R) {
  auto It = std::lower_bound(Resources.begin(), Resources.end(), R, byAddress);
  if (It != Resources.end() && It->Address == R.Address)
    *It = std::move(R);
  else
    Resources.insert(It, std::move(R));
}

std::string newLineage() {
  unsigned char B[16];
  if (RAND_bytes(B, sizeof B) != 1) {
    // OpenSSL's CSPRNG failing means the process cannot make secure ids at
    // all; nothing sensible to continue with.
    std::fprintf(stderr, "rtcc: cannot read random bytes\n");
    std::abort();
  }
  B[6] = (B[6] & 0x0f) | 0x40; // version 4
  B[8] = (B[8] & 0x3f) | 0x80; // RFC 4122 variant
  char Out[37];
  std::snprintf(Out, sizeof Out,
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%"
                "02x%02x",
                B[0], B[1], B[2], B[3], B[4], B[5], B[6], B[7], B[8], B[9],
                B[10], B[11], B[12], B[13], B[14], B[15]);
  return Out;
}

static bool isIdentStart(char C) {
  return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') || C == '_';
}
static bool isIdentChar(char C) {
  return isIdentStart(C) || (C >= '0' && C <= '9');
}

bool isValidAddress(const std::string &A) {
  // part ("." part)+ where part = ident ("[" index "]")?
  size_t I = 0, Parts = 0;
  while (true) {
    if (I >= A.size() || !isIdentStart(A[I]))
      return false;
    while (I < A.size() && isIdentChar(A[I]))
      ++I;
    if (I < A.size() && A[I] == '[') {
      size_t Close = A.find(']', I);
      if (Close == std::string::npos || Close == I + 1)
        return false;
      I = Close + 1;
    }
    ++Parts;
    if (I == A.size())
      return Parts >= 2;
    if (A[I] != '.')
      return false;
    ++I;
  }
}

} // namespace rtc::state
