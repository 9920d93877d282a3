// Deterministic fault injection: the same seed gives the same sequence of
// throttled and failed requests, so a retry test can be replayed exactly.
#ifndef RTC_EMULATOR_FAULTINJECTOR_H
#define RTC_EMULATOR_FAULTINJECTOR_H

#include "rtc/Emulator/EmulatorError.h"

#include <cstdint>
#include <optional>
#include <random>

namespace rtc::emulator {

struct FaultSettings {
  uint64_t Seed = 0;
  double ThrottleRate = 0.0;
  double ErrorRate = 0.0;
  unsigned LatencyMs = 0;
};

class FaultInjector {
public:
  explicit FaultInjector(const FaultSettings &S) { reset(S); }
  void reset(const FaultSettings &S);
  const FaultSettings &settings() const { return Settings; }

  /// Draws the fate of the next API request: a throttling error (429
  /// Throttling or 503 ServiceUnavailable), an InternalError, or nothing.
  /// Not thread-safe; the caller serialises requests.
  std::optional<ApiError> next();

private:
  FaultSettings Settings;
  std::mt19937_64 Rng;
};

} // namespace rtc::emulator

#endif
