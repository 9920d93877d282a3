//===- MachineTables.cpp - exclusive-cluster machine facts, as data -------===//
#include "rtc/Sizing/MachineTables.h"

namespace rtc::sizing {

const SlaveModel *MachineTables::findSlave(llvm::StringRef Name) const {
  for (const SlaveModel &S : Slaves)
    if (S.Name == Name)
      return &S;
  return nullptr;
}

const MasterModel *MachineTables::findMaster(llvm::StringRef Name) const {
  for (const MasterModel &M : Masters)
    if (M.Name == Name)
      return &M;
  return nullptr;
}

std::optional<unsigned> MachineTables::clusterUsableCu(llvm::StringRef Slave,
                                                       unsigned Count) const {
  if (const SlaveModel *S = findSlave(Slave))
    return S->UsableCu * Count;
  return std::nullopt;
}

std::string MachineTables::validate() const {
  if (Slaves.empty())
    return "no slave models";
  if (Masters.empty())
    return "no master models";
  for (const SlaveModel &S : Slaves)
    if (S.UsableCu == 0)
      return "slave model " + S.Name + " has no usable CU";
  if (MinSlaves == 0)
    return "minimum slave count is 0";
  if (SimpleRecordsPerCu == 0 || ComplexRecordsPerCuMin == 0 ||
      ComplexRecordsPerCuMax < ComplexRecordsPerCuMin)
    return "records per CU are missing or inconsistent";
  return "";
}

} // namespace rtc::sizing
