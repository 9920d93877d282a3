// What the emulator needs that the stdlib does not hold (yet): the engine
// install time (an emulator choice), the signature clock skew, the service
// role's name and the stock system policies. Everything else of the domain
// comes from the stdlib through rtc/Domain/DomainFacts.h.
#ifndef RTC_EMULATOR_DOMAINTABLES_H
#define RTC_EMULATOR_DOMAINTABLES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>

namespace rtc::emulator {

struct DomainLimits {
  int64_t EngineInstallSeconds;
  const char *StreamRoleName;
  int64_t MaxClockSkewSeconds;
};
const DomainLimits &domainLimits();

struct SystemPolicy {
  const char *Name;
  const char *Description;
  const char *Document;  ///< JSON policy document.
};
llvm::ArrayRef<SystemPolicy> systemPolicies();
const SystemPolicy *findSystemPolicy(llvm::StringRef Name);

} // namespace rtc::emulator

#endif
