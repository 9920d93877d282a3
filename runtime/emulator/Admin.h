// The `/_emulator/...` endpoints that seed and inspect the emulator's world
// (docs/emulator.md "Admin API"). Emulator.cpp admits only loopback callers
// with the listen address as Host, no foreign Origin, JSON bodies and the
// per-start admin token.
#ifndef RTC_EMULATOR_ADMIN_H
#define RTC_EMULATOR_ADMIN_H

#include "ServiceContext.h"
#include "rtc/Emulator/FaultInjector.h"

#include <functional>

namespace rtc::emulator {

/// What the admin API may change outside the store.
struct AdminHooks {
  std::function<FaultSettings()> Faults;
  std::function<void(const FaultSettings &)> SetFaults;
  /// Arms the kill switch: die after \p AfterRequests more API requests
  /// (0 = as soon as this admin call has answered).
  std::function<void(int64_t AfterRequests)> Kill;
  /// The call comes from Emulator::admin(), not HTTP: only then may an
  /// answer carry a secret (the main account's key for `emulator serve`).
  bool InProcess = false;
};

json handleAdmin(Store &S, const EmulatorOptions &Opts, int64_t NowMs,
                 const std::string &Method, const std::string &Path,
                 const json &Body, AdminHooks &Hooks);

} // namespace rtc::emulator

#endif
