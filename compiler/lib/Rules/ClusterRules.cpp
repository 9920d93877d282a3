//===- ClusterRules.cpp - machines, sizing, network and bucket rules ------===//
//
// docs/service.md#deployment-modes (VPC, vSwitch free IPs, the UDF bucket) and §5 (models, at
// least 2 slaves, usable CU, master caps, 3 masters, projects' CU, expected
// load). Every number comes from machines.rtc and limits.rtc.
//
//===----------------------------------------------------------------------===//
#include "RuleContext.h"
#include "rtc/Diag/EditDistance.h"
#include "rtc/Sizing/LoadCheck.h"
#include <algorithm>
#include <map>

namespace rtc::rules {

namespace {

/// What the rules know about one cluster's machines.
struct ClusterShape {
  const sizing::SlaveModel *Slave = nullptr;
  const sizing::MasterModel *Master = nullptr;
  std::optional<long long> Slaves, Masters;
  /// Usable CU, when the slave model and count are known.
  std::optional<long long> usableCu() const {
    if (!Slave || !Slaves || *Slaves < 0)
      return std::nullopt;
    return *Slaves * static_cast<long long>(Slave->UsableCu);
  }
};

void checkModel(RuleContext &C, const ir::Resource &R, const char *Path,
                const std::vector<std::string> &Names, diag::ID Plain,
                diag::ID Suggest) {
  auto Model = asString(R.get(Path));
  if (!Model || std::find(Names.begin(), Names.end(), *Model) != Names.end())
    return;
  llvm::SMRange Range = R.rangeOf(Path);
  if (auto Best = closestMatch(*Model, Names))
    C.Diags.report(Range, Suggest).fixit(Range, "\"" + *Best + "\"") << *Model << *Best;
  else
    C.Diags.report(Range, Plain) << *Model << quotedList(Names);
}

/// The note that spells out a cluster's usable CU ("4 × 8c32g = 24 CU").
void noteArithmetic(DiagnosticBuilder &B, const ir::Resource &R,
                    const ClusterShape &S) {
  B.note(R.rangeOf("slave.count"), diag::note_cluster_cu_arithmetic, *S.Slaves,
         S.Slave->Name, *S.usableCu(), S.Slave->UsableCu);
}

void checkMachines(RuleContext &C, const ir::Resource &R, ClusterShape &S) {
  const sizing::MachineTables &T = *C.Machines;
  std::vector<std::string> MasterNames, SlaveNames;
  for (const auto &M : T.Masters)
    MasterNames.push_back(M.Name);
  for (const auto &M : T.Slaves)
    SlaveNames.push_back(M.Name);
  checkModel(C, R, "master.model", MasterNames, diag::err_unknown_master_model,
             diag::err_unknown_master_model_suggest);
  checkModel(C, R, "slave.model", SlaveNames, diag::err_unknown_slave_model,
             diag::err_unknown_slave_model_suggest);
  if (auto M = asString(R.get("master.model")))
    S.Master = T.findMaster(*M);
  if (auto M = asString(R.get("slave.model")))
    S.Slave = T.findSlave(*M);

  // docs/service.md#cluster-sizing: at least 2 slaves.
  if (S.Slaves && T.MinSlaves && *S.Slaves < static_cast<long long>(T.MinSlaves)) {
    long long Smallest = asInt(C.table("cluster_limits", "smallest_cluster_cu"))
                             .value_or(T.Slaves.empty() ? 0
                                                        : T.MinSlaves * T.Slaves.front().UsableCu);
    C.Diags.report(R.rangeOf("slave.count"), diag::err_too_few_slaves)
        << T.MinSlaves << *S.Slaves << Smallest;
  }

  // docs/service.md#cluster-sizing: the master model caps the cluster's usable CU.
  auto Usable = S.usableCu();
  if (Usable && S.Master && S.Master->MaxClusterCu && *Usable > static_cast<long long>(*S.Master->MaxClusterCu)) {
    const sizing::MasterModel *Fit = nullptr;
    for (const auto &M : T.Masters)
      if (!M.MaxClusterCu || static_cast<long long>(*M.MaxClusterCu) >= *Usable) {
        Fit = &M;
        break;
      }
    DiagnosticBuilder B = C.Diags.report(R.rangeOf("master.model"),
                                         diag::err_cluster_cu_over_master_cap);
    B << displayName(R) << *Usable << S.Master->Name << *S.Master->MaxClusterCu
      << (Fit ? Fit->Name : std::string("?"));
    if (!Fit)
      B.hint("no master model manages " + std::to_string(*Usable) +
             " CU; use fewer slaves");
    noteArithmetic(B, R, S);
  }

  // docs/service.md#cluster-sizing: 3 masters give failover and an SLA; fixed at purchase.
  if (S.Masters && T.FailoverMasters &&
      *S.Masters != static_cast<long long>(T.FailoverMasters))
    C.Diags.report(R.rangeOf("master.count"), diag::warn_master_count_not_failover)
        << displayName(R) << *S.Masters << T.FailoverMasters;
}

/// docs/service.md#deployment-modes: all projects on the cluster must fit its usable CU.
/// The projects with a `cu` on each cluster (by address), in address order.
using ProjectsByCluster =
    std::map<std::string, std::vector<std::pair<const ir::Resource *, long long>>>;

ProjectsByCluster projectsByCluster(const RuleContext &C) {
  ProjectsByCluster Out;
  for (const ir::Resource *Pr : C.P.ofKind("project")) {
    std::string Cluster = addressOf(Pr->get("cluster"));
    if (Cluster.empty())
      continue;
    if (auto Cu = asInt(Pr->get("cu")))
      Out[Cluster].push_back({Pr, *Cu});
  }
  return Out;
}

void checkProjectCu(RuleContext &C, const ir::Resource &R, const ClusterShape &S,
                    const ProjectsByCluster &All) {
  auto Usable = S.usableCu();
  if (!Usable)
    return;
  auto It = All.find(R.Address);
  if (It == All.end())
    return;
  const auto &Projects = It->second;
  long long Sum = 0;
  for (const auto &[Pr, Cu] : Projects)
    Sum += Cu;
  if (Sum <= *Usable)
    return;
  long long Per = S.Slave->UsableCu;
  long long More = Per ? (Sum - *Usable + Per - 1) / Per : 0;
  DiagnosticBuilder B = C.Diags.report(R.Range, diag::err_projects_exceed_cluster_cu);
  B << displayName(R) << Sum << *Usable << More << S.Slave->Name << Per;
  noteArithmetic(B, R, S);
  for (const auto &[Pr, Cu] : Projects)
    B.note(Pr->rangeOf("cu"), diag::note_project_cu, displayName(*Pr), Cu);
}

/// docs/service.md#deployment-modes: the UDF bucket is Standard and never publicly readable.
void checkBucket(RuleContext &C, const ir::Resource &R) {
  std::string Bucket = asString(R.get("oss")).value_or("");
  auto Class = asString(R.get("oss_storage_class"));
  auto Required = asString(C.table("oss_bucket_rules", "required_storage_class"));
  if (Class && Required && *Class != *Required)
    C.Diags.report(R.rangeOf("oss_storage_class"), diag::err_oss_storage_class)
        << Bucket << *Class << *Required;
  auto Acl = asString(R.get("oss_acl"));
  auto Recommended = asString(C.table("oss_bucket_rules", "recommended_acl"));
  if (!Acl || !Recommended)
    return;
  std::vector<std::string> Forbidden = stringList(C.table("oss_bucket_rules", "forbidden_acls"));
  if (std::find(Forbidden.begin(), Forbidden.end(), *Acl) != Forbidden.end())
    C.Diags.report(R.rangeOf("oss_acl"), diag::err_oss_acl_forbidden)
        << Bucket << *Acl << *Recommended;
  else if (*Acl != *Recommended)
    C.Diags.report(R.rangeOf("oss_acl"), diag::warn_oss_acl_not_private)
        << Bucket << *Acl << *Recommended;
}

/// docs/service.md#deployment-modes: the vSwitch needs a free IP per node.
void checkVSwitch(RuleContext &C, const ir::Resource &R, const ClusterShape &S) {
  auto Free = asInt(R.get("vswitch_free_ips"));
  if (!Free || !S.Masters || !S.Slaves)
    return;
  long long Nodes = *S.Masters + *S.Slaves;
  if (*Free < Nodes)
    C.Diags.report(R.rangeOf("vswitch_free_ips"), diag::err_vswitch_free_ips)
        << asString(R.get("vswitch")).value_or("") << *Free << Nodes << *S.Masters
        << *S.Slaves;
}

/// docs/service.md#cluster-sizing: a cluster declaring its load should carry it.
void checkLoad(RuleContext &C, const ir::Resource &R, const ClusterShape &S) {
  auto Records = asInt(R.get("expected_load.records_per_second"));
  auto Usable = S.usableCu();
  if (!Records || *Records < 0 || !Usable || !C.Machines)
    return;
  sizing::ExpectedLoad Load;
  Load.RecordsPerSecond = static_cast<uint64_t>(*Records);
  std::string Work = asString(R.get("expected_load.workload")).value_or("simple");
  Load.Work = sizing::parseWorkload(Work).value_or(sizing::Workload::Simple);
  sizing::LoadCheck L = sizing::checkUndersized(static_cast<uint64_t>(*Usable), Load, *C.Machines);
  if (!L.undersized())
    return;
  unsigned Per = S.Slave->UsableCu;
  uint64_t Count = Per ? (L.NeededCuConservative + Per - 1) / Per : 0;
  Count = std::max<uint64_t>(Count, C.Machines->MinSlaves);
  llvm::SMRange Range = R.rangeOf("expected_load.records_per_second");
  if (L.Verdict == sizing::LoadVerdict::Undersized && L.NeededCuConservative == L.NeededCuOptimistic)
    C.Diags.report(Range, diag::warn_cluster_undersized)
        << displayName(R) << *Usable << *Records << Work << L.NeededCuConservative
        << Count << S.Slave->Name << Count * Per;
  else
    C.Diags.report(Range, diag::warn_cluster_maybe_undersized)
        << displayName(R) << *Usable << *Records << L.NeededCuOptimistic
        << L.NeededCuConservative << Count << S.Slave->Name << Count * Per;
}

} // namespace

void checkClusters(RuleContext &C) {
  // One pass over the projects, not one per cluster.
  ProjectsByCluster Projects = projectsByCluster(C);
  for (const ir::Resource *R : C.P.ofKind("cluster")) {
    ClusterShape S;
    S.Slaves = asInt(R->get("slave.count"));
    S.Masters = asInt(R->get("master.count"));
    if (C.Machines) {
      checkMachines(C, *R, S);
      checkProjectCu(C, *R, S, Projects);
      checkLoad(C, *R, S);
    }
    checkBucket(C, *R);
    checkVSwitch(C, *R, S);
  }
}

} // namespace rtc::rules
