//===- LoadCheck.cpp - does a declared cluster carry its load? ------------===//
#include "rtc/Sizing/LoadCheck.h"
#include <algorithm>

namespace rtc::sizing {

static uint64_t cuFor(uint64_t Records, uint64_t PerCu) {
  if (PerCu == 0)
    return 0; // incomplete tables: nothing to compare against
  return Records / PerCu + (Records % PerCu != 0);
}

LoadCheck checkUndersized(uint64_t ClusterUsableCu, const ExpectedLoad &Load,
                          const MachineTables &T) {
  LoadCheck C;
  C.HaveCu = ClusterUsableCu;
  uint64_t Records = std::min(Load.RecordsPerSecond, MaxRecordsPerSecond);
  if (Load.Work == Workload::Simple) {
    C.NeededCuConservative = C.NeededCuOptimistic =
        cuFor(Records, T.SimpleRecordsPerCu);
  } else {
    C.NeededCuConservative = cuFor(Records, T.ComplexRecordsPerCuMin);
    C.NeededCuOptimistic = cuFor(Records, T.ComplexRecordsPerCuMax);
  }
  if (C.HaveCu >= C.NeededCuConservative)
    C.Verdict = LoadVerdict::Sufficient;
  else if (C.HaveCu >= C.NeededCuOptimistic)
    C.Verdict = LoadVerdict::MaybeUndersized;
  else
    C.Verdict = LoadVerdict::Undersized;
  return C;
}

} // namespace rtc::sizing
