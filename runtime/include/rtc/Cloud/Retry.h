// Retry policy for cloud calls: exponential backoff with full jitter.
//
// docs/service.md#api-errors: throttling and 5xx only, base 100 ms (throttling
// 500 ms), cap 20 s. The delay before retry number N (N = 0 for the first
// retry) is uniform in [0, min(Cap, Base * 2^N)] ("full jitter").
#ifndef RTC_CLOUD_RETRY_H
#define RTC_CLOUD_RETRY_H

#include <chrono>
#include <cstdint>

namespace rtc::cloud {

struct RetryPolicy {
  /// Total attempts including the first; 1 disables retries.
  unsigned MaxAttempts = 5;
  std::chrono::milliseconds BaseDelay{100};
  std::chrono::milliseconds ThrottleBaseDelay{500};
  std::chrono::milliseconds MaxDelay{20000};
  /// Retry connection failures/timeouts too. Off by default: a timed-out
  /// create may have succeeded, and retrying it turns success into
  /// EntityAlreadyExists.
  bool RetryTransportErrors = false;
};

/// The upper bound of the jitter window before retry \p Retry (0-based).
std::chrono::milliseconds backoffCeiling(const RetryPolicy &P, unsigned Retry,
                                         bool Throttled);

/// The actual delay: \p Random (any 64-bit value from the injected RNG)
/// mapped uniformly onto [0, backoffCeiling()]; 0 maps to 0 and UINT64_MAX
/// to the ceiling itself.
std::chrono::milliseconds backoffDelay(const RetryPolicy &P, unsigned Retry,
                                       bool Throttled, uint64_t Random);

} // namespace rtc::cloud

#endif // RTC_CLOUD_RETRY_H
