// Retry policy for cloud calls: exponential backoff with full jitter.
#include "rtc/Cloud/Retry.h"

#include <algorithm>

namespace rtc::cloud {

std::chrono::milliseconds backoffCeiling(const RetryPolicy &P, unsigned Retry,
                                         bool Throttled) {
  int64_t Base = (Throttled ? P.ThrottleBaseDelay : P.BaseDelay).count();
  int64_t Cap = P.MaxDelay.count();
  if (Base <= 0)
    return std::chrono::milliseconds(0);
  // Doubling stops once the cap is reached, so large retry counts cannot
  // overflow.
  int64_t Ceiling = Base;
  for (unsigned I = 0; I < Retry && Ceiling < Cap; ++I)
    Ceiling *= 2;
  return std::chrono::milliseconds(std::min(Ceiling, Cap));
}

std::chrono::milliseconds backoffDelay(const RetryPolicy &P, unsigned Retry,
                                       bool Throttled, uint64_t Random) {
  int64_t Ceiling = backoffCeiling(P, Retry, Throttled).count();
  // The top 53 bits make a uniform fraction in [0, 1); scaling by
  // Ceiling + 1 and truncating gives every value in [0, Ceiling] equal odds,
  // and maps the extreme RNG outputs onto 0 and Ceiling exactly.
  double Fraction = static_cast<double>(Random >> 11) * 0x1.0p-53;
  auto Delay = static_cast<int64_t>(Fraction * static_cast<double>(Ceiling + 1));
  return std::chrono::milliseconds(std::min(Delay, Ceiling));
}

} // namespace rtc::cloud
