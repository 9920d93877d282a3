//===- LoadCheck.h - does a declared cluster carry its load? ----*- C++ -*-===//
//
// Sema calls this for a cluster that declares expected_load and warns when
// the cluster is too small. No headroom is added: this asks whether the
// cluster can carry the load at all. For complex work the seed gives a range
// (1,000-5,000 records/s per CU), so the answer has three values: enough even
// at the low end, enough only if the work is at the easy end, or too small
// even at the high end.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_SIZING_LOADCHECK_H
#define RTC_SIZING_LOADCHECK_H

#include "rtc/Sizing/MachineTables.h"
#include "rtc/Sizing/Recommend.h"
#include <cstdint>

namespace rtc::sizing {

struct ExpectedLoad {
  uint64_t RecordsPerSecond = 0;
  Workload Work = Workload::Simple;
};

enum class LoadVerdict {
  Sufficient,      ///< enough even at the conservative throughput
  MaybeUndersized, ///< enough only at the optimistic throughput
  Undersized       ///< too small even at the optimistic throughput
};

struct LoadCheck {
  LoadVerdict Verdict = LoadVerdict::Sufficient;
  uint64_t HaveCu = 0;
  uint64_t NeededCuConservative = 0; ///< at the low end of the range
  uint64_t NeededCuOptimistic = 0;   ///< at the high end (same for simple work)

  bool undersized() const { return Verdict != LoadVerdict::Sufficient; }
};

LoadCheck checkUndersized(uint64_t ClusterUsableCu, const ExpectedLoad &Load,
                          const MachineTables &T);

} // namespace rtc::sizing

#endif
