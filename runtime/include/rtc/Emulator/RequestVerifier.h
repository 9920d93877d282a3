// Authentication of RPC (signature v1) and ROA requests: access key lookup,
// signature, timestamp window and nonce replay (docs/service.md#wire-protocol).
#ifndef RTC_EMULATOR_REQUESTVERIFIER_H
#define RTC_EMULATOR_REQUESTVERIFIER_H

#include "rtc/Cloud/Signature.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace rtc::emulator {

class Store;

/// A request as the server received it, independent of the HTTP library.
struct IncomingRequest {
  std::string Method;
  /// Percent-decoded path (routing).
  std::string Path;
  /// The path as received, escapes kept: what the client signed.
  std::string RawPath;
  /// Lower-case header names.
  std::map<std::string, std::string> Headers;
  /// Decoded query and (for form posts) body parameters.
  cloud::ParamMap Query;
  cloud::ParamMap Form;
  std::string Body;

  std::string header(const std::string &LowerName) const;
};

/// Who signed the request.
struct Caller {
  std::string AccountId;
  /// Empty for the main account, else the RAM user's name.
  std::string UserName;
  std::string AccessKeyId;
  bool isMainAccount() const { return UserName.empty(); }
};

/// Parses `YYYY-MM-DDThh:mm:ssZ`; nullopt when malformed.
std::optional<int64_t> parseIso8601(const std::string &Text);
/// Parses RFC 1123 `Wed, 25 Nov 2026 18:47:59 GMT`.
std::optional<int64_t> parseRfc1123(const std::string &Text);
std::string formatIso8601(int64_t UnixSeconds);

/// Compares secrets without an early exit, so timing does not leak them
/// (signatures, the admin token).
bool constantTimeEquals(const std::string &A, const std::string &B);

/// Verifies an RPC request whose merged query+form parameters are \p Params.
/// Throws ApiError; records the nonce on success.
Caller verifyRpc(Store &S, const std::string &Method,
                 const cloud::ParamMap &Params, int64_t NowMs);

/// Verifies an ROA request (Authorization: acs AK:SIG). Throws ApiError.
Caller verifyRoa(Store &S, const IncomingRequest &R, int64_t NowMs);

} // namespace rtc::emulator

#endif
