// Deterministic fault injection.
#include "rtc/Emulator/FaultInjector.h"

namespace rtc::emulator {

void FaultInjector::reset(const FaultSettings &S) {
  Settings = S;
  Rng.seed(S.Seed);
}

std::optional<ApiError> FaultInjector::next() {
  // Always draw both numbers so the sequence does not depend on the rates.
  // (std::uniform_real_distribution is implementation-defined; mapping the
  // raw 64-bit draw ourselves keeps runs identical across standard libraries.)
  auto Unit = [&] { return static_cast<double>(Rng() >> 11) * 0x1.0p-53; };
  double Draw = Unit();
  double Kind = Unit();
  if (Draw < Settings.ThrottleRate)
    return apiError(Kind < 0.5 ? Err::Throttling : Err::ServiceUnavailable);
  if (Draw < Settings.ThrottleRate + Settings.ErrorRate)
    return apiError(Err::InternalError);
  return std::nullopt;
}

} // namespace rtc::emulator
