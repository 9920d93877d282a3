// The service's numbers and catalogues as data: machine models, usable CU,
// master caps, durations, system policies. Code reads these tables only.
#ifndef RTC_EMULATOR_DOMAINTABLES_H
#define RTC_EMULATOR_DOMAINTABLES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>

namespace rtc::emulator {

struct MachineModel {
  const char *Name;      ///< "8c32g"
  int Cores;
  int MemoryGb;
  int UsableSlaveCu;     ///< CU a slave of this model contributes.
  int64_t MaxClusterCu;  ///< Cap with a master of this model; -1 = no cap.
};

/// Every model, smallest first (docs/service.md#cluster-sizing).
llvm::ArrayRef<MachineModel> machineModels();
const MachineModel *findModel(llvm::StringRef Name);

struct DomainLimits {
  int MinSlaves;
  int MinMasters;
  int MaxMasters;
  int MaxEngineVersions;
  int64_t ClusterCreationSeconds;
  int64_t EngineInstallSeconds;
  const char *DefaultEngineVersion;
  const char *StreamRoleName;
  int64_t MaxClockSkewSeconds;
  int MaxOrderPeriodMonths;
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
