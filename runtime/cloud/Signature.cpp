// Request signing for Alibaba Cloud RPC and ROA APIs.
#include "rtc/Cloud/Signature.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace rtc::cloud {

std::string percentEncode(llvm::StringRef S) {
  static const char Hex[] = "0123456789ABCDEF";
  std::string Out;
  Out.reserve(S.size() * 3);
  for (unsigned char C : S) {
    bool Unreserved = (C >= 'A' && C <= 'Z') || (C >= 'a' && C <= 'z') ||
                      (C >= '0' && C <= '9') || C == '-' || C == '_' ||
                      C == '.' || C == '~';
    if (Unreserved) {
      Out.push_back(static_cast<char>(C));
      continue;
    }
    Out.push_back('%');
    Out.push_back(Hex[C >> 4]);
    Out.push_back(Hex[C & 0xF]);
  }
  return Out;
}

std::string base64Encode(llvm::StringRef Bytes) {
  static const char Alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string Out;
  Out.reserve((Bytes.size() + 2) / 3 * 4);
  size_t I = 0;
  for (; I + 3 <= Bytes.size(); I += 3) {
    uint32_t N = (uint32_t(uint8_t(Bytes[I])) << 16) |
                 (uint32_t(uint8_t(Bytes[I + 1])) << 8) |
                 uint32_t(uint8_t(Bytes[I + 2]));
    Out.push_back(Alphabet[(N >> 18) & 63]);
    Out.push_back(Alphabet[(N >> 12) & 63]);
    Out.push_back(Alphabet[(N >> 6) & 63]);
    Out.push_back(Alphabet[N & 63]);
  }
  size_t Rest = Bytes.size() - I;
  if (Rest == 1) {
    uint32_t N = uint32_t(uint8_t(Bytes[I])) << 16;
    Out.push_back(Alphabet[(N >> 18) & 63]);
    Out.push_back(Alphabet[(N >> 12) & 63]);
    Out += "==";
  } else if (Rest == 2) {
    uint32_t N = (uint32_t(uint8_t(Bytes[I])) << 16) |
                 (uint32_t(uint8_t(Bytes[I + 1])) << 8);
    Out.push_back(Alphabet[(N >> 18) & 63]);
    Out.push_back(Alphabet[(N >> 12) & 63]);
    Out.push_back(Alphabet[(N >> 6) & 63]);
    Out.push_back('=');
  }
  return Out;
}

std::string hmacSha1(llvm::StringRef Key, llvm::StringRef Data) {
  unsigned char Digest[EVP_MAX_MD_SIZE];
  unsigned int Len = 0;
  HMAC(EVP_sha1(), Key.data(), static_cast<int>(Key.size()),
       reinterpret_cast<const unsigned char *>(Data.data()), Data.size(),
       Digest, &Len);
  return std::string(reinterpret_cast<char *>(Digest), Len);
}

std::string md5Base64(llvm::StringRef Body) {
  unsigned char Digest[EVP_MAX_MD_SIZE];
  unsigned int Len = 0;
  EVP_Digest(Body.data(), Body.size(), Digest, &Len, EVP_md5(), nullptr);
  return base64Encode(
      llvm::StringRef(reinterpret_cast<const char *>(Digest), Len));
}

std::string rpcCanonicalQuery(const ParamMap &Params) {
  std::string Out;
  for (const auto &[K, V] : Params) {
    if (K == "Signature")
      continue;
    if (!Out.empty())
      Out.push_back('&');
    Out += percentEncode(K);
    Out.push_back('=');
    Out += percentEncode(V);
  }
  return Out;
}

std::string rpcStringToSign(llvm::StringRef Method, const ParamMap &Params) {
  return Method.str() + "&" + percentEncode("/") + "&" +
         percentEncode(rpcCanonicalQuery(Params));
}

std::string rpcSignature(llvm::StringRef Secret, llvm::StringRef StringToSign) {
  return base64Encode(hmacSha1(Secret.str() + "&", StringToSign));
}

std::string roaStringToSign(const RoaRequestParts &P) {
  std::string Out;
  for (const std::string *Line :
       {&P.Method, &P.Accept, &P.ContentMd5, &P.ContentType, &P.Date}) {
    Out += *Line;
    Out.push_back('\n');
  }
  for (const auto &[Name, Value] : P.AcsHeaders) {
    Out += Name;
    Out.push_back(':');
    Out += Value;
    Out.push_back('\n');
  }
  Out += P.Path;
  bool First = true;
  for (const auto &[K, V] : P.Query) {
    Out.push_back(First ? '?' : '&');
    First = false;
    Out += K;
    Out.push_back('=');
    Out += V;
  }
  return Out;
}

std::string roaSignature(llvm::StringRef Secret, llvm::StringRef StringToSign) {
  return base64Encode(hmacSha1(Secret, StringToSign));
}

} // namespace rtc::cloud
