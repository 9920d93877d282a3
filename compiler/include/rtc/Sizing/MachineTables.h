//===- MachineTables.h - exclusive-cluster machine facts --------*- C++ -*-===//
//
// The numbers of docs/service.md#cluster-sizing (slave usable CU, master caps, minimum slaves,
// records per CU). They are written once, in stdlib/alicloud/machines.rtc;
// sema fills this struct from there and tests build it by hand, so nothing in
// rtcc_sizing repeats them.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_SIZING_MACHINETABLES_H
#define RTC_SIZING_MACHINETABLES_H

#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rtc::sizing {

struct SlaveModel {
  std::string Name; ///< "8c32g"
  unsigned Cores = 0;
  unsigned MemoryGb = 0;
  unsigned UsableCu = 0; ///< what a slave of this model actually computes
};

struct MasterModel {
  std::string Name;
  unsigned Cores = 0;
  unsigned MemoryGb = 0;
  /// Largest cluster (usable CU) this master can manage; nullopt = no cap
  /// (the seed's "over 800").
  std::optional<unsigned> MaxClusterCu;
};

struct MachineTables {
  std::vector<SlaveModel> Slaves;
  std::vector<MasterModel> Masters;
  unsigned MinSlaves = 0;       ///< at least this many slaves
  unsigned FailoverMasters = 0; ///< master count that gives failover + SLA
  unsigned CoresPerCu = 0;      ///< 1 CU = CoresPerCu cores + MemoryGbPerCu GB
  unsigned MemoryGbPerCu = 0;
  uint64_t SimpleRecordsPerCu = 0; ///< records/s one CU handles, simple work
  uint64_t ComplexRecordsPerCuMin = 0; ///< complex work, low end of the range
  uint64_t ComplexRecordsPerCuMax = 0; ///< complex work, high end

  const SlaveModel *findSlave(llvm::StringRef Name) const;
  const MasterModel *findMaster(llvm::StringRef Name) const;

  /// Usable CU of Count slaves of model Slave; nullopt if the model is unknown.
  std::optional<unsigned> clusterUsableCu(llvm::StringRef Slave,
                                          unsigned Count) const;

  /// Empty when the tables can size a cluster; else what is missing.
  std::string validate() const;
};

} // namespace rtc::sizing

#endif
