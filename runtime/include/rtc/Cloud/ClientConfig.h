// Everything a cloud client needs that is not the request itself:
// credentials, endpoint, timeouts, retry policy, and the injectable clock,
// sleeper, RNG, nonce source, transport and verbose logger.
//
// Nothing here is global: each client owns its config, and the default RNG
// state lives behind a shared_ptr inside the config's callbacks.
#ifndef RTC_CLOUD_CLIENTCONFIG_H
#define RTC_CLOUD_CLIENTCONFIG_H

#include "rtc/Cloud/Credentials.h"
#include "rtc/Cloud/HttpTransport.h"
#include "rtc/Cloud/Retry.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace rtc::cloud {

struct ClientConfig {
  Credentials Creds;
  /// Overrides the service's default endpoint (e.g. the emulator's
  /// "http://127.0.0.1:PORT").
  std::optional<Endpoint> EndpointOverride;
  /// Per-attempt timeout (connect, read and write each).
  std::chrono::milliseconds Timeout{10000};
  RetryPolicy Retry;

  /// Null means cpp-httplib.
  std::shared_ptr<HttpTransport> Transport;
  /// Verbose log sink (request ids, retries). Null means silent. Never
  /// receives secrets.
  std::function<void(llvm::StringRef)> Log;
  /// Wall clock used for Timestamp / Date.
  std::function<std::chrono::system_clock::time_point()> Now;
  /// Waits between retries.
  std::function<void(std::chrono::milliseconds)> Sleep;
  /// 64-bit random values for jitter.
  std::function<uint64_t()> Random;
  /// Unique SignatureNonce / x-acs-signature-nonce per request.
  std::function<std::string()> Nonce;

  /// Identification headers; the SDK sends the same two headers.
  std::string SdkClient = "rtcc/0.1.0";
  std::string UserAgent = "AlibabaCloud (linux; x64) rtcc/0.1.0";

  /// Returns a copy with every null callback replaced by the real one
  /// (system clock, std::this_thread::sleep_for, a seeded mt19937_64, a
  /// random UUID-style nonce, the httplib transport).
  ClientConfig withDefaults() const;
};

/// `https://ram.aliyuncs.com` (RAM is global).
Endpoint defaultRamEndpoint();
/// `https://foas.<region>.aliyuncs.com`.
Endpoint defaultFoasEndpoint(llvm::StringRef Region);

/// `YYYY-MM-DDThh:mm:ssZ` (RPC Timestamp).
std::string formatIso8601(std::chrono::system_clock::time_point T);
/// `Wed, 25 Nov 2026 10:00:00 GMT` (ROA Date), independent of locale.
std::string formatRfc1123(std::chrono::system_clock::time_point T);

/// Runs \p Attempt until it succeeds, fails with a non-retryable error, or
/// Cfg.Retry.MaxAttempts is reached, sleeping backoffDelay() in between.
/// \p What names the call in log lines ("ram:CreateUser"). \p Cfg must have
/// its callbacks set (see withDefaults()).
llvm::Expected<nlohmann::json>
runWithRetry(const ClientConfig &Cfg, llvm::StringRef What,
             llvm::function_ref<llvm::Expected<nlohmann::json>()> Attempt);

/// Reads a string field that the service may send as a string or a number;
/// "" when absent. Response parsers use these so one sloppy field does not
/// fail a whole call.
std::string jsonString(const nlohmann::json &J, llvm::StringRef Key);
int64_t jsonInt(const nlohmann::json &J, llvm::StringRef Key, int64_t Default = 0);
bool jsonBool(const nlohmann::json &J, llvm::StringRef Key, bool Default = false);
/// J[Outer][Inner] as an array (the RAM `{"Users": {"User": [...]}}` shape);
/// also accepts J[Outer] being the array itself. Empty array when absent.
nlohmann::json jsonList(const nlohmann::json &J, llvm::StringRef Outer,
                        llvm::StringRef Inner);

} // namespace rtc::cloud

#endif // RTC_CLOUD_CLIENTCONFIG_H
