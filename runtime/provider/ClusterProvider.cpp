// Exclusive-mode clusters (schema `cluster`): CreateCluster from the order,
// then wait for `running`; slave count changes by ExpandCluster /
// ShrinkCluster, the master model by ModifyMasterSpec. Engine versions are
// never changed here: they are separate plan steps (EngineOps.cpp). CloudId
// is the cluster id.
#include "ProviderKinds.h"

#include <algorithm>

namespace rtc::provider::detail {
namespace {

json nodeSpec(const cloud::FoasNodeSpec &S) {
  return {{"model", S.Model}, {"count", S.Count}};
}

class ClusterProvider : public ResourceProvider {
public:
  explicit ClusterProvider(AlicloudContext &Ctx) : Ctx(Ctx) {}

  llvm::Expected<Observed> create(const Desired &D,
                                  const ProgressFn &Progress) override {
    auto Order = needRef(D.Refs, D.Address, attrString(D.Attributes, "order"));
    if (!Order)
      return Order.takeError();
    std::string OrderId = (*Order)->CloudId;
    std::string Name = desiredName(D);

    // A cluster of this name made from this order is ours from an earlier,
    // interrupted run: adopt it instead of failing on OrderAlreadyUsed.
    cloud::ListClustersFilter F;
    F.DisplayName = Name;
    auto Existing = Ctx.Foas.listAllClusters(F);
    if (!Existing)
      return Existing.takeError();
    std::string Id;
    for (const cloud::FoasCluster &C : *Existing)
      if (C.DisplayName == Name && C.OrderId == OrderId)
        Id = C.ClusterId;

    if (Id.empty()) {
      const json &A = D.Attributes;
      cloud::CreateClusterInput In;
      In.OrderId = OrderId;
      In.DisplayName = Name;
      In.Description = attrString(A, "remark");
      In.ZoneId = attrString(A, "zone");
      In.UserVpcId = attrString(A, "vpc");
      In.UserVSwitch = attrString(A, "vswitch");
      In.UserOssBucket = attrString(A, "oss");
      // CreateCluster takes only the order and the network: the machines
      // are the order's (CreateCellClusterOrder). The initial engine is
      // settled below once the cluster runs.
      auto Created = Ctx.Foas.createCluster(In);
      if (!Created)
        return Created.takeError();
      Id = *Created;
    }
    if (llvm::Error E = waitClusterRunning(Ctx, Id, Progress))
      return std::move(E);
    if (llvm::Error E = settleInitialEngine(Id, D.Attributes, Progress))
      return std::move(E);
    return readBack(Id, D.Attributes, D.Refs);
  }

  /// A new cluster runs the service's default engine. When the
  /// configuration starts on another one (its `current`, else the first
  /// `installed`), install it, make it current and drop the default, as the
  /// console's engine page does; later version changes are plan steps.
  llvm::Error settleInitialEngine(const std::string &Id, const json &A,
                                  const ProgressFn &Progress) {
    json Engines = A.value("engines", json::object());
    std::vector<std::string> Installed = attrStrings(Engines, "installed");
    std::string Want = attrString(Engines, "current");
    if (Want.empty() && !Installed.empty())
      Want = Installed.front();
    if (Want.empty())
      return llvm::Error::success();
    // Where these are console operations the plan has them as manual
    // steps after the create (docs/apply.md#manual-steps).
    auto Calls = Ctx.engineCallsAvailable();
    if (!Calls)
      return Calls.takeError();
    if (!*Calls)
      return llvm::Error::success();
    auto V = readEngineVersions(Ctx, Id);
    if (!V)
      return V.takeError();
    if (V->Current == Want)
      return llvm::Error::success();
    std::string Default = V->Current;
    if (llvm::Error E = installEngineVersion(Ctx, Id, Want, Progress))
      return E;
    if (llvm::Error E = setCurrentEngineVersion(Ctx, Id, Want))
      return E;
    if (!Default.empty() && std::find(Installed.begin(), Installed.end(),
                                      Default) == Installed.end())
      return uninstallEngineVersion(Ctx, Id, Default);
    return llvm::Error::success();
  }

  llvm::Expected<std::optional<Observed>> read(const state::ResourceState &S,
                                               const RefLookup &Refs) override {
    auto C = orGone(Ctx.Foas.getClusterDetails(S.CloudId));
    if (!C)
      return C.takeError();
    if (!*C)
      return std::nullopt;
    return observe(**C, S.Attributes, Refs);
  }

  llvm::Expected<Observed> update(const state::ResourceState &Prior,
                                  const Desired &D,
                                  const ProgressFn &Progress) override {
    const std::string &Id = Prior.CloudId;
    auto C = Ctx.Foas.getClusterDetails(Id);
    if (!C)
      return C.takeError();
    json Master = D.Attributes.value("master", json::object());
    json Slave = D.Attributes.value("slave", json::object());
    std::string MasterModel = attrString(Master, "model");
    std::optional<int64_t> Slaves = attrInt(Slave, "count");

    auto ChangeMaster = [&]() -> llvm::Error {
      if (MasterModel.empty() || MasterModel == C->Master.Model)
        return llvm::Error::success();
      if (llvm::Error E = Ctx.Foas.modifyMasterSpec(Id, MasterModel))
        return E;
      return waitClusterRunning(Ctx, Id, Progress);
    };
    auto ChangeSlaves = [&]() -> llvm::Error {
      if (!Slaves || *Slaves == C->Slave.Count)
        return llvm::Error::success();
      if (*Slaves > C->Slave.Count) {
        cloud::ExpandClusterInput In;
        In.Count = *Slaves - C->Slave.Count;
        In.Model = C->Slave.Model;
        if (llvm::Error E = Ctx.Foas.expandCluster(Id, In))
          return E;
      } else {
        cloud::ShrinkClusterInput In;
        In.TargetCount = *Slaves;
        In.Model = C->Slave.Model;
        if (llvm::Error E = Ctx.Foas.shrinkCluster(Id, In))
          return E;
      }
      return waitClusterRunning(Ctx, Id, Progress);
    };
    // The master model caps the usable CU (docs/service.md#cluster-sizing): when growing, a
    // bigger master must come first; when shrinking, the slaves go first.
    bool Growing = Slaves && *Slaves > C->Slave.Count;
    if (llvm::Error E = Growing ? ChangeMaster() : ChangeSlaves())
      return std::move(E);
    if (llvm::Error E = Growing ? ChangeSlaves() : ChangeMaster())
      return std::move(E);
    return readBack(Id, D.Attributes, D.Refs);
  }

  llvm::Error remove(const state::ResourceState &S,
                     const ProgressFn &) override {
    return ignoreGone(Ctx.Foas.destroyCluster(S.CloudId));
  }

  llvm::Expected<Observed> importById(const std::string &Id,
                                      const Desired *D) override {
    auto C = Ctx.Foas.getClusterDetails(Id);
    if (!C)
      return C.takeError();
    if (D)
      return observe(*C, D->Attributes, D->Refs);
    return observe(*C, json::object(), nullptr);
  }

private:
  AlicloudContext &Ctx;

  llvm::Expected<Observed> readBack(const std::string &Id, const json &Ref,
                                    const RefLookup &Refs) {
    auto C = Ctx.Foas.getClusterDetails(Id);
    if (!C)
      return C.takeError();
    return observe(*C, Ref, Refs);
  }

  llvm::Expected<Observed> observe(const cloud::FoasCluster &C, const json &Ref,
                                   const RefLookup &Refs) {
    Observed O;
    O.CloudId = C.ClusterId;
    json &A = O.Attributes;
    A["id"] = C.ClusterId;
    A["state"] = C.State;
    A["security_group"] = C.SecurityGroupId;
    A["name"] = C.DisplayName;
    reportOptionalString(A, "remark", C.Description, Ref);
    A["zone"] = C.ZoneId;
    A["vswitch"] = C.VSwitchId;
    A["oss"] = C.OssBucket;
    // The service answers with the VPC id, but the configuration names the
    // VPC by its user-edited name (docs/service.md#deployment-modes), which the API cannot give
    // back; a cluster never changes VPC, so the configured value stands.
    A["vpc"] = hasAttr(Ref, "vpc") ? Ref["vpc"] : json(C.VpcId);
    A["master"] = nodeSpec(C.Master);
    A["slave"] = nodeSpec(C.Slave);
    // The order as the configuration's address when it is that order.
    std::string OrderRef = attrString(Ref, "order");
    const state::ResourceState *Order =
        Refs && !OrderRef.empty() ? Refs(OrderRef) : nullptr;
    A["order"] =
        Order && Order->CloudId == C.OrderId ? json(OrderRef) : json(C.OrderId);
    if (hasAttr(Ref, "engines")) {
      auto V = readEngineVersions(Ctx, C.ClusterId);
      if (!V)
        return V.takeError();
      const json &Want = Ref["engines"];
      A["engines"] = {
          {"installed",
           inPreferredOrder(V->Installed, attrStrings(Want, "installed"))},
          {"current", V->Current}};
      // `grandfathered` only tells rtcc's checks which versions predate the
      // limit; the API has no such notion, so the configured list stands
      // (the executor replaces whole top-level attributes).
      if (Want.is_object() && Want.contains("grandfathered"))
        A["engines"]["grandfathered"] = Want["grandfathered"];
    }
    return O;
  }
};

} // namespace

std::unique_ptr<ResourceProvider> makeClusterProvider(AlicloudContext &Ctx) {
  return std::make_unique<ClusterProvider>(Ctx);
}

llvm::Error waitClusterRunning(AlicloudContext &Ctx,
                               const std::string &ClusterId,
                               const ProgressFn &Progress) {
  return waitUntil(Ctx.Wait, Progress,
                   "cluster " + ClusterId + " to be running",
                   [&](std::string &Status) -> llvm::Expected<bool> {
                     auto C = Ctx.Foas.getClusterDetails(ClusterId);
                     if (!C)
                       return C.takeError();
                     Status = C->State;
                     return C->State == "running";
                   });
}

} // namespace rtc::provider::detail
