//===- Recommend.cpp - size an exclusive cluster from its load ------------===//
//
// All arithmetic is in integers so that, e.g., 50,000 / 1,000 * 1.3 is 65 and
// not ceil(65.00000000000001) = 66.
//
//===----------------------------------------------------------------------===//
#include "rtc/Sizing/Recommend.h"
#include <limits>

namespace rtc::sizing {

llvm::StringRef toString(Workload W) {
  return W == Workload::Simple ? "simple" : "complex";
}

std::optional<Workload> parseWorkload(llvm::StringRef S) {
  if (S == "simple")
    return Workload::Simple;
  if (S == "complex")
    return Workload::Complex;
  return std::nullopt;
}

uint64_t conservativeThroughput(Workload W, const MachineTables &T) {
  return W == Workload::Simple ? T.SimpleRecordsPerCu
                               : T.ComplexRecordsPerCuMin;
}

static uint64_t ceilDiv(uint64_t A, uint64_t B) { return A / B + (A % B != 0); }

/// "50000" -> "50,000", for readable explanations.
static std::string grouped(uint64_t N) {
  std::string Digits = std::to_string(N), Out;
  for (size_t I = 0; I < Digits.size(); ++I) {
    if (I != 0 && (Digits.size() - I) % 3 == 0)
      Out += ',';
    Out += Digits[I];
  }
  return Out;
}

/// Num / Den with up to two decimals, trailing zeros dropped ("65", "6.5").
static std::string decimal(uint64_t Num, uint64_t Den) {
  uint64_t Hundredths = (Num * 100 + Den / 2) / Den;
  std::string S = grouped(Hundredths / 100);
  unsigned Frac = Hundredths % 100;
  if (Frac == 0)
    return S;
  if (Frac % 10 == 0)
    return S + "." + std::to_string(Frac / 10);
  return S + (Frac < 10 ? ".0" : ".") + std::to_string(Frac);
}

static std::string capText(const std::optional<unsigned> &Cap) {
  return Cap ? grouped(*Cap) + " CU" : std::string("no cap");
}

llvm::Expected<Recommendation> recommend(const SizingRequest &Req,
                                         const MachineTables &T) {
  std::string Problem = T.validate();
  if (!Problem.empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "machine tables are incomplete: " + Problem);
  if (Req.RecordsPerSecond > MaxRecordsPerSecond)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "a load of %llu records/s is beyond what rtcc sizes (at most %llu)",
        static_cast<unsigned long long>(Req.RecordsPerSecond),
        static_cast<unsigned long long>(MaxRecordsPerSecond));
  if (Req.HeadroomPercent > 1000)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "headroom of %u%% is not plausible (at most 1000%%)",
        Req.HeadroomPercent);

  Recommendation R;
  R.Request = Req;
  auto &E = R.Explanation;
  E.push_back("1 CU = " + std::to_string(T.CoresPerCu) + " core + " +
              std::to_string(T.MemoryGbPerCu) + " GB of memory (docs/service.md#cluster-sizing)");

  // Step 1: throughput per CU.
  R.ThroughputPerCu = conservativeThroughput(Req.Work, T);
  if (Req.Work == Workload::Simple)
    E.push_back("simple work (filters, string transforms): " +
                grouped(R.ThroughputPerCu) +
                " records/s per CU (docs/service.md#cluster-sizing)");
  else
    E.push_back("complex work (JOIN, WINDOW, GROUP BY): " +
                grouped(T.ComplexRecordsPerCuMin) + " to " +
                grouped(T.ComplexRecordsPerCuMax) +
                " records/s per CU; using the conservative " +
                grouped(R.ThroughputPerCu) + " (docs/service.md#cluster-sizing)");

  // Step 2: needed CU, exactly: ceil(records * (100 + h) / (throughput * 100)).
  uint64_t Num = Req.RecordsPerSecond * (100 + Req.HeadroomPercent);
  uint64_t Den = R.ThroughputPerCu * 100;
  R.NeededCu = ceilDiv(Num, Den);
  E.push_back("needed CU = ceil(" + grouped(Req.RecordsPerSecond) + " / " +
              grouped(R.ThroughputPerCu) + " x (1 + " +
              std::to_string(Req.HeadroomPercent) + "% headroom)) = ceil(" +
              decimal(Num, Den) + ") = " + grouped(R.NeededCu));

  // Step 3: slave model and count, least waste, ties to fewer machines.
  const SlaveModel *Best = nullptr;
  uint64_t BestCount = 0, BestTotal = 0;
  for (const SlaveModel &S : T.Slaves) {
    uint64_t Count =
        std::max<uint64_t>(T.MinSlaves, ceilDiv(R.NeededCu, S.UsableCu));
    uint64_t Total = Count * S.UsableCu;
    if (!Best || Total < BestTotal ||
        (Total == BestTotal && Count < BestCount)) {
      Best = &S;
      BestCount = Count;
      BestTotal = Total;
    }
  }
  R.SlaveModel = Best->Name;
  R.SlaveUsableCu = Best->UsableCu;
  R.SlaveCount = BestCount;
  R.ClusterCu = BestTotal;
  E.push_back("slaves: " + std::to_string(BestCount) + " x " + Best->Name +
              " (" + std::to_string(Best->UsableCu) + " usable CU each) = " +
              grouped(BestTotal) + " CU; rule: the fewest total usable CU >= " +
              grouped(R.NeededCu) + " with at least " +
              std::to_string(T.MinSlaves) +
              " slaves, ties to fewer machines (docs/service.md#cluster-sizing)");
  E.push_back("scaling step: +/- " + std::to_string(Best->UsableCu) +
              " CU per " + Best->Name +
              " slave; the slave model fixes it (docs/service.md#cluster-sizing)");

  // Step 4: the smallest master whose cap covers the cluster.
  const MasterModel *Master = nullptr;
  for (const MasterModel &M : T.Masters) {
    bool Fits = !M.MaxClusterCu || *M.MaxClusterCu >= R.ClusterCu;
    if (!Fits)
      continue;
    auto CapOf = [](const MasterModel *X) {
      return X->MaxClusterCu ? uint64_t(*X->MaxClusterCu)
                             : std::numeric_limits<uint64_t>::max();
    };
    if (!Master || CapOf(&M) < CapOf(Master))
      Master = &M;
  }
  if (!Master)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "no master model can manage a cluster of %llu CU",
        static_cast<unsigned long long>(R.ClusterCu));
  R.MasterModel = Master->Name;
  R.MasterCap = Master->MaxClusterCu;
  R.MasterCount = T.FailoverMasters;
  E.push_back("master: " + Master->Name +
              ", the smallest model whose cluster cap (" +
              capText(Master->MaxClusterCu) + ") covers " +
              grouped(R.ClusterCu) + " CU (docs/service.md#cluster-sizing)");
  E.push_back("masters: buy " + std::to_string(T.FailoverMasters) +
              " for failover and an SLA; the master count cannot be changed "
              "after purchase (docs/service.md#cluster-sizing)");
  return R;
}

} // namespace rtc::sizing
