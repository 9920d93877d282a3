//===- StdTables.cpp - stdlib tables in the shapes other libraries use ----===//
//
// rtcc_sizing and rtcc_policy take their facts as plain structs; this is
// where the stdlib's `let` tables (machines.rtc, ram/actions.rtc) become
// those structs. Missing or ill-typed entries are skipped, not guessed.
//
//===----------------------------------------------------------------------===//
#include "RuleContext.h"
#include "rtc/Rules/Rules.h"
#include <algorithm>

namespace rtc {

using rules::asInt;

static unsigned uintAt(const ir::Value &Obj, const char *Key) {
  if (!Obj.is_object() || !Obj.contains(Key))
    return 0;
  auto V = asInt(Obj[Key]);
  return V && *V > 0 ? static_cast<unsigned>(*V) : 0;
}

std::optional<sizing::MachineTables> machineTablesFrom(const ir::Program &P) {
  const ir::Value &Slaves = P.std("slave_models");
  const ir::Value &Masters = P.std("master_models");
  if (!Slaves.is_object() || !Masters.is_object())
    return std::nullopt;
  sizing::MachineTables T;
  for (auto &[Name, M] : Slaves.items())
    T.Slaves.push_back({Name, uintAt(M, "cores"), uintAt(M, "memory_gb"),
                        uintAt(M, "usable_cu")});
  for (auto &[Name, M] : Masters.items()) {
    sizing::MasterModel MM{Name, uintAt(M, "cores"), uintAt(M, "memory_gb"),
                           std::nullopt};
    if (M.is_object() && M.contains("max_cluster_cu") &&
        M["max_cluster_cu"].is_number())
      MM.MaxClusterCu = uintAt(M, "max_cluster_cu");
    T.Masters.push_back(MM);
  }
  // JSON keys sort as text ("16c64g" < "4c16g"); rules want size order.
  std::stable_sort(T.Slaves.begin(), T.Slaves.end(),
                   [](const auto &A, const auto &B) { return A.Cores < B.Cores; });
  std::stable_sort(T.Masters.begin(), T.Masters.end(),
                   [](const auto &A, const auto &B) { return A.Cores < B.Cores; });
  const ir::Value &Limits = P.std("cluster_limits");
  T.MinSlaves = uintAt(Limits, "min_slaves");
  T.FailoverMasters = uintAt(Limits, "failover_masters");
  const ir::Value &Cu = P.std("cu");
  T.CoresPerCu = uintAt(Cu, "cores");
  T.MemoryGbPerCu = uintAt(Cu, "memory_gb");
  const ir::Value &Tp = P.std("throughput");
  if (Tp.is_object()) {
    if (Tp.contains("simple"))
      T.SimpleRecordsPerCu = uintAt(Tp["simple"], "records_per_cu");
    if (Tp.contains("complex")) {
      T.ComplexRecordsPerCuMin = uintAt(Tp["complex"], "records_per_cu_min");
      T.ComplexRecordsPerCuMax = uintAt(Tp["complex"], "records_per_cu_max");
    }
  }
  return T;
}

policy::ActionCatalogue actionCatalogueFrom(const ir::Program &P) {
  policy::ActionCatalogue C;
  const ir::Value &Services = P.std("services");
  if (Services.is_object())
    for (auto &[Service, Actions] : Services.items())
      C.Services[Service] = rules::stringList(Actions);
  return C;
}

} // namespace rtc
