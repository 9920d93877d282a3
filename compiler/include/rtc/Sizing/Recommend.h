//===- Recommend.h - size an exclusive cluster from its load ----*- C++ -*-===//
//
// From records per second and the kind of work to a slave model and count
// and a master model, with the arithmetic spelled out (explain()) so that a
// person can check it. The rule, in order:
//   1. throughput per CU: simple work uses the table's figure; complex work
//      uses the low end of its range (conservative, and the explanation says
//      so);
//   2. needed CU = ceil(records / throughput * (1 + headroom)), exactly, in
//      integers;
//   3. for every slave model, count = max(min slaves, ceil(needed / usable));
//      choose the fewest total usable CU (least waste); ties go to fewer
//      machines, then to the earlier model in the table;
//   4. master: the smallest model whose cap is >= the cluster's usable CU
//      (no cap counts as infinite); the failover count is recommended.
// Price is not modelled (the seed's price calculator is not public), so
// "least waste" stands in for "cheapest".
//
//===----------------------------------------------------------------------===//
#ifndef RTC_SIZING_RECOMMEND_H
#define RTC_SIZING_RECOMMEND_H

#include "rtc/Sizing/MachineTables.h"
#include "llvm/Support/Error.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rtc::sizing {

enum class Workload { Simple, Complex };

llvm::StringRef toString(Workload W);
/// "simple" | "complex" (the stdlib's workload values).
std::optional<Workload> parseWorkload(llvm::StringRef S);

struct SizingRequest {
  uint64_t RecordsPerSecond = 0;
  Workload Work = Workload::Simple;
  unsigned HeadroomPercent = 30;
};

/// Records per second one CU handles for W: simple, or the conservative end
/// of the complex range.
uint64_t conservativeThroughput(Workload W, const MachineTables &T);

struct Recommendation {
  SizingRequest Request;
  uint64_t ThroughputPerCu = 0;
  uint64_t NeededCu = 0;
  std::string SlaveModel;
  unsigned SlaveUsableCu = 0;
  uint64_t SlaveCount = 0;
  uint64_t ClusterCu = 0; ///< SlaveCount * SlaveUsableCu
  std::string MasterModel;
  std::optional<unsigned> MasterCap;
  unsigned MasterCount = 0;
  /// The arithmetic, one step per line, for the CLI to print.
  std::vector<std::string> Explanation;

  const std::vector<std::string> &explain() const { return Explanation; }
};

/// Largest load accepted (records/s): keeps every product in 64 bits.
constexpr uint64_t MaxRecordsPerSecond = 1'000'000'000'000ULL;

llvm::Expected<Recommendation> recommend(const SizingRequest &Req,
                                         const MachineTables &T);

} // namespace rtc::sizing

#endif
