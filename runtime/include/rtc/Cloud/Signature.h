// Request signing for Alibaba Cloud RPC (signature v1) and ROA APIs.
//
// Pure functions with no I/O so that the client (which signs) and the
// emulator (which verifies) share exactly one implementation; see
// docs/service.md#wire-protocol.
#ifndef RTC_CLOUD_SIGNATURE_H
#define RTC_CLOUD_SIGNATURE_H

#include "llvm/ADT/StringRef.h"

#include <map>
#include <string>

namespace rtc::cloud {

/// RFC 3986 percent-encoding: `A-Z a-z 0-9 - _ . ~` pass through, every other
/// byte becomes `%XY` with upper-case hex (so space is `%20`, `*` is `%2A`).
std::string percentEncode(llvm::StringRef S);

/// Standard base64 with `=` padding.
std::string base64Encode(llvm::StringRef Bytes);

/// Raw 20-byte HMAC-SHA1 digest.
std::string hmacSha1(llvm::StringRef Key, llvm::StringRef Data);

/// Base64(MD5(Body)), the value of the Content-MD5 header.
std::string md5Base64(llvm::StringRef Body);

/// Request parameters; std::map orders keys by byte value, which is the order
/// both signatures require.
using ParamMap = std::map<std::string, std::string>;

/// `enc(k)=enc(v)` joined by `&`, sorted by name, excluding "Signature".
std::string rpcCanonicalQuery(const ParamMap &Params);

/// METHOD & enc("/") & enc(canonical query).
std::string rpcStringToSign(llvm::StringRef Method, const ParamMap &Params);

/// Base64(HMAC-SHA1(Secret + "&", StringToSign)).
std::string rpcSignature(llvm::StringRef Secret, llvm::StringRef StringToSign);

/// The inputs of an ROA string-to-sign. Absent headers are empty strings.
struct RoaRequestParts {
  std::string Method, Accept, ContentMd5, ContentType, Date;
  /// Lower-case header name -> trimmed value, `x-acs-*` headers only.
  std::map<std::string, std::string> AcsHeaders;
  std::string Path;
  /// Decoded query values; rendered `k=v` (or `k=` when empty) sorted by name.
  ParamMap Query;
};

/// METHOD\nAccept\nContent-MD5\nContent-Type\nDate\n + canonical x-acs
/// headers (`name:value\n`) + canonical resource (path[?k=v&...]).
std::string roaStringToSign(const RoaRequestParts &P);

/// Base64(HMAC-SHA1(Secret, StringToSign)) -- no trailing "&" unlike RPC.
std::string roaSignature(llvm::StringRef Secret, llvm::StringRef StringToSign);

} // namespace rtc::cloud

#endif // RTC_CLOUD_SIGNATURE_H
