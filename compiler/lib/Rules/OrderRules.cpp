//===- OrderRules.cpp - what an order can buy, and its cluster's machines -===//
//
// CreateCellClusterOrder (foas 2018-11-11) sells 1 or 3 masters and at most
// 12 months; machines are bought only for exclusive mode; an order is used
// once; and a cluster runs the machines its order bought
// (docs/service.md#deployment-modes, docs/service.md#cluster-sizing). The
// numbers come from order_purchase in machines.rtc.
//
//===----------------------------------------------------------------------===//
#include "RuleContext.h"

#include <algorithm>
#include <map>

namespace rtc::rules {

namespace {

bool hasBlock(const ir::Resource &R, const char *Block) {
  const ir::Value &V = R.get(Block);
  return V.is_object() && !V.empty();
}

/// docs/service.md#deployment-modes: shared mode has no purchase API and no
/// machines; an exclusive order buys masters and slaves together.
void checkSpecsPlacement(RuleContext &C, const ir::Resource &R) {
  bool Master = hasBlock(R, "master"), Slave = hasBlock(R, "slave");
  if (!Master && !Slave)
    return;
  if (asString(R.get("mode")).value_or("") == "shared") {
    C.Diags.report(R.rangeOf(Master ? "master" : "slave"),
                   diag::err_shared_order_machines)
        << displayName(R);
    return;
  }
  if (Master != Slave)
    C.Diags.report(R.rangeOf(Master ? "master" : "slave"),
                   diag::err_order_half_machines)
        << displayName(R) << (Master ? "master" : "slave")
        << (Master ? "slave" : "master");
}

/// What CreateCellClusterOrder accepts, for an order bought at apply.
void checkPurchase(RuleContext &C, const ir::Resource &R) {
  if (!hasBlock(R, "master") || !hasBlock(R, "slave") ||
      !asString(R.get("id")).value_or("").empty())
    return;
  std::vector<long long> Counts;
  for (const ir::Value &V : C.table("order_purchase", "master_counts"))
    if (auto N = asInt(V))
      Counts.push_back(*N);
  auto Masters = asInt(R.get("master.count"));
  if (Masters && !Counts.empty() &&
      std::find(Counts.begin(), Counts.end(), *Masters) == Counts.end()) {
    std::string Allowed;
    for (long long N : Counts)
      Allowed += (Allowed.empty() ? "" : " or ") + std::to_string(N);
    C.Diags.report(R.rangeOf("master.count"), diag::err_order_master_count)
        << displayName(R) << *Masters << Allowed;
  }
  auto MaxMonths = asInt(C.table("order_purchase", "max_period_months"));
  auto Months = asInt(R.get("duration"));
  if (MaxMonths && Months && *Months > *MaxMonths &&
      asString(R.get("billing")).value_or("") != "pay_as_you_go")
    C.Diags.report(R.rangeOf("duration"), diag::err_order_period_too_long)
        << displayName(R) << *Months << *MaxMonths;
}

/// An order is used once: two blocks pinning one id cannot both be created.
void checkPinnedTwice(RuleContext &C) {
  std::map<std::string, const ir::Resource *> ByOrderId;
  for (const ir::Resource *R : C.P.ofKind("order")) {
    auto Id = asString(R->get("id"));
    if (!Id || Id->empty())
      continue;
    auto [It, New] = ByOrderId.emplace(*Id, R);
    if (New)
      continue;
    DiagnosticBuilder B =
        C.Diags.report(R->rangeOf("id"), diag::err_order_pinned_twice);
    B << R->Address << *Id;
    B.note(It->second->rangeOf("id"), diag::note_order_pinned_here,
           It->second->Address);
  }
}

/// docs/service.md#cluster-sizing: the cluster's machines are its order's;
/// CreateCluster takes none of its own. The master count and slave model
/// never change, so they always agree; the master model and slave count
/// change in place later (ModifyMasterSpec, ExpandCluster/ShrinkCluster), so
/// they must agree only while the cluster is still to be created, which
/// only plan and apply know (the state).
void checkClusterAgainstOrder(RuleContext &C, const ir::Resource &Cl) {
  const ir::Resource *O = C.deref(Cl.get("order"));
  if (!O)
    return;
  bool ToCreate =
      C.Opts.StateKnown && !C.Opts.ExistingClusters.count(Cl.Address);
  for (const auto &[Path, Fixed] :
       {std::pair<const char *, bool>{"master.count", true},
        {"slave.model", true},
        {"master.model", false},
        {"slave.count", false}}) {
    if (!Fixed && !ToCreate)
      continue;
    const ir::Value &Want = Cl.get(Path), &Bought = O->get(Path);
    if (Want.is_null() || Bought.is_null() || ir::isUnknown(Want) ||
        ir::isUnknown(Bought) || Want == Bought)
      continue;
    DiagnosticBuilder B =
        C.Diags.report(Cl.rangeOf(Path), diag::err_cluster_order_machines);
    B << displayName(Cl) << Path << Want.dump() << O->Address << Bought.dump();
    B.note(O->rangeOf(Path), diag::note_order_machines_here, O->Address, Path,
           Bought.dump());
  }
}

} // namespace

void checkOrders(RuleContext &C) {
  for (const ir::Resource *R : C.P.ofKind("order")) {
    checkSpecsPlacement(C, *R);
    checkPurchase(C, *R);
  }
  checkPinnedTwice(C);
  for (const ir::Resource *Cl : C.P.ofKind("cluster"))
    checkClusterAgainstOrder(C, *Cl);
}

} // namespace rtc::rules
