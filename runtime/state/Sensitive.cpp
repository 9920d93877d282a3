//===- Sensitive.cpp - salted hashes of secrets ---------------------------===//
#include "rtc/State/Sensitive.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cstdio>

namespace rtc::state {

static std::string toHex(const unsigned char *B, size_t N) {
  static const char Digits[] = "0123456789abcdef";
  std::string Out;
  Out.reserve(N * 2);
  for (size_t I = 0; I < N; ++I) {
    Out += Digits[B[I] >> 4];
    Out += Digits[B[I] & 15];
  }
  return Out;
}

static std::string sha256Hex(const std::string &Data) {
  unsigned char Md[EVP_MAX_MD_SIZE];
  unsigned Len = 0;
  EVP_Digest(Data.data(), Data.size(), Md, &Len, EVP_sha256(), nullptr);
  return toHex(Md, Len);
}

bool isSensitiveHash(const nlohmann::json &V) {
  if (!V.is_object() || V.size() != 2)
    return false;
  auto S = V.find("sensitive");
  auto H = V.find("hash");
  return S != V.end() && S->is_boolean() && S->get<bool>() && H != V.end() &&
         H->is_string() && H->get_ref<const std::string &>().rfind("sha256:", 0) == 0;
}

nlohmann::json hashSensitive(const nlohmann::json &Value,
                             const std::string &SaltIn) {
  std::string Salt = SaltIn;
  if (Salt.empty()) {
    unsigned char B[16];
    if (RAND_bytes(B, sizeof B) != 1) {
      std::fprintf(stderr, "rtcc: cannot read random bytes\n");
      std::abort();
    }
    Salt = toHex(B, sizeof B);
  }
  // The canonical dump sorts object keys, so equal values hash equally.
  std::string Digest = sha256Hex(Salt + ":" + Value.dump());
  return {{"sensitive", true}, {"hash", "sha256:" + Salt + ":" + Digest}};
}

bool sensitiveMatches(const nlohmann::json &Stored,
                      const nlohmann::json &NewValue) {
  if (!isSensitiveHash(Stored))
    return false;
  if (isSensitiveHash(NewValue))
    return Stored == NewValue;
  const std::string &H = Stored["hash"].get_ref<const std::string &>();
  size_t SaltEnd = H.find(':', 7);
  if (SaltEnd == std::string::npos)
    return false;
  std::string Salt = H.substr(7, SaltEnd - 7);
  return hashSensitive(NewValue, Salt) == Stored;
}

static nlohmann::json redactOne(const nlohmann::json &V,
                                const nlohmann::json *PriorV) {
  if (isSensitiveHash(V))
    return V;
  if (PriorV && sensitiveMatches(*PriorV, V))
    return *PriorV;
  return hashSensitive(V);
}

void redactSensitive(State &S, const State *Prior) {
  for (ResourceState &R : S.Resources) {
    if (R.Sensitive.empty())
      continue;
    const ResourceState *P = Prior ? Prior->find(R.Address) : nullptr;
    for (const std::string &Name : R.Sensitive) {
      auto It = R.Attributes.find(Name);
      if (It == R.Attributes.end())
        continue;
      const nlohmann::json *PriorV = nullptr;
      if (P) {
        auto PIt = P->Attributes.find(Name);
        if (PIt != P->Attributes.end())
          PriorV = &*PIt;
      }
      *It = redactOne(*It, PriorV);
    }
  }
  for (auto &[Name, O] : S.Outputs) {
    if (!O.Sensitive)
      continue;
    const nlohmann::json *PriorV = nullptr;
    if (Prior) {
      auto PIt = Prior->Outputs.find(Name);
      if (PIt != Prior->Outputs.end())
        PriorV = &PIt->second.Value;
    }
    O.Value = redactOne(O.Value, PriorV);
  }
}

} // namespace rtc::state
