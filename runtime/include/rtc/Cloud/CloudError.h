// The one error type every cloud client call fails with.
//
// Service errors (a JSON body with `Code`), HTTP failures and transport
// failures (HttpStatus 0, Code "Transport.*") all become a CloudError so a
// provider can branch on `Code` without knowing which layer failed.
#ifndef RTC_CLOUD_CLOUDERROR_H
#define RTC_CLOUD_CLOUDERROR_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace rtc::cloud {

class CloudError : public llvm::ErrorInfo<CloudError> {
public:
  static char ID;

  int HttpStatus = 0;      ///< 0 when no response arrived.
  std::string Code;        ///< e.g. "EntityNotExist.User", "Transport.Timeout".
  std::string Message;
  std::string RequestId;   ///< Empty when the service sent none.
  bool Retryable = false;  ///< Decided by classify() from status and code.

  CloudError() = default;
  CloudError(int HttpStatus, std::string Code, std::string Message,
             std::string RequestId);

  /// Throttling (`Throttling*`, 429, 503, `ServiceUnavailable`): retried with
  /// the longer throttling base delay.
  bool isThrottling() const;
  /// `EntityNotExist.*`, `*.NotFound`/`NotFound`-style codes, or HTTP 404.
  bool isNotFound() const;
  /// `EntityAlreadyExists.*` or HTTP 409 with such a code.
  bool isAlreadyExists() const;

  void log(llvm::raw_ostream &OS) const override;
  std::error_code convertToErrorCode() const override;

  /// Whether a request failing like this may be retried: throttling and 5xx
  /// only, never 4xx auth/parameter errors (docs/service.md#api-errors).
  static bool classifyRetryable(int HttpStatus, llvm::StringRef Code);
};

/// Builds a CloudError with Retryable filled in by classifyRetryable().
llvm::Error makeCloudError(int HttpStatus, std::string Code,
                           std::string Message, std::string RequestId = {});

/// Consumes \p E and returns it as a CloudError. Non-cloud errors (which the
/// clients never produce, but callers may mix in) become Code "Internal".
CloudError takeCloudError(llvm::Error E);

} // namespace rtc::cloud

#endif // RTC_CLOUD_CLOUDERROR_H
