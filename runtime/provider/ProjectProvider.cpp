// Realtime Compute projects (schema `project`). Exclusive (`cluster`):
// deployType cell, its CU through a queue (CreateQueue + BindQueue, resized
// by UpdateQueue); shared (`order`): deployType public on
// the order. Managers are RAM users, sent as their UserIds. CloudId is the
// project name.
#include "ProviderKinds.h"

#include <algorithm>

namespace rtc::provider::detail {
namespace {

class ProjectProvider : public ResourceProvider {
public:
  explicit ProjectProvider(AlicloudContext &Ctx) : Ctx(Ctx) {}

  llvm::Expected<Observed> create(const Desired &D,
                                  const ProgressFn &Progress) override {
    std::string Name = desiredName(D);
    auto Existing = orGone(Ctx.Foas.getProject(Name));
    if (!Existing)
      return Existing.takeError();
    if (*Existing)
      if (llvm::Error E = adoptionAllowed(D, Name, Name))
        return std::move(E);
    if (!*Existing) {
      const json &A = D.Attributes;
      cloud::CreateProjectInput In;
      In.Name = Name;
      In.Description = attrString(A, "remark");
      auto Managers = managerIds(D);
      if (!Managers)
        return Managers.takeError();
      In.ManagerIds = *Managers;
      if (hasAttr(A, "cluster")) {
        auto C = needRef(D.Refs, D.Address, attrString(A, "cluster"));
        if (!C)
          return C.takeError();
        In.DeployType = "cell";
        In.ClusterId = (*C)->CloudId;
      } else {
        auto O = needRef(D.Refs, D.Address, attrString(A, "order"));
        if (!O)
          return O.takeError();
        In.DeployType = "public";
        In.OrderId = (*O)->CloudId;
      }
      auto Create = [&] {
        return ignoreAlreadyExists(Ctx.Foas.createProject(In));
      };
      if (llvm::Error E =
              In.DeployType == "cell"
                  ? whenClusterRunning(In.ClusterId, Progress, Create)
                  : Create())
        return std::move(E);
      if (In.DeployType == "cell")
        if (auto Cu = attrInt(A, "cu"))
          if (llvm::Error E = createQueue(Name, In.ClusterId, *Cu, Progress))
            return std::move(E);
    }
    return converge(Name, D, Progress);
  }

  llvm::Expected<std::optional<Observed>> read(const state::ResourceState &S,
                                               const RefLookup &Refs) override {
    auto P = orGone(Ctx.Foas.getProject(S.CloudId));
    if (!P)
      return P.takeError();
    if (!*P)
      return std::nullopt;
    return observe(**P, S.Attributes, Refs);
  }

  llvm::Expected<Observed> update(const state::ResourceState &Prior,
                                  const Desired &D,
                                  const ProgressFn &Progress) override {
    return converge(Prior.CloudId.empty() ? desiredName(D) : Prior.CloudId, D,
                    Progress);
  }

  llvm::Error remove(const state::ResourceState &S,
                     const ProgressFn &) override {
    return ignoreGone(Ctx.Foas.deleteProject(S.CloudId));
  }

  llvm::Expected<Observed> importById(const std::string &Id,
                                      const Desired *D) override {
    auto P = Ctx.Foas.getProject(Id);
    if (!P)
      return P.takeError();
    if (D)
      return observe(*P, D->Attributes, D->Refs);
    return observe(*P, json::object(), nullptr);
  }

private:
  AlicloudContext &Ctx;

  /// The queue that carries an exclusive project's CU: one per project,
  /// named for it, maxVcore = CU and 4 GiB per CU (one CU is 1 core and
  /// 4 GiB, docs/service.md#cluster-sizing).
  static cloud::QueueInput queueFor(const std::string &Project, int64_t Cu) {
    return {Project, Cu, Cu * 4096};
  }

  /// CreateQueue + BindQueue; both idempotent on a retry after a crash.
  llvm::Error createQueue(const std::string &Project,
                          const std::string &ClusterId, int64_t Cu,
                          const ProgressFn &Progress) {
    cloud::QueueInput Q = queueFor(Project, Cu);
    auto Create = [&] {
      return ignoreAlreadyExists(Ctx.Foas.createQueue(ClusterId, Q));
    };
    if (llvm::Error E = whenClusterRunning(ClusterId, Progress, Create))
      return E;
    return ignoreAlreadyExists(
        Ctx.Foas.bindQueue(Project, ClusterId, Q.QueueName));
  }

  /// Runs \p Call once the cluster is running. The cluster may be busy
  /// (`deploying version` while another step installs an engine, `starting`)
  /// and become busy again between our wait and the call: the service then
  /// answers IncorrectClusterStatus, and we wait again.
  llvm::Error whenClusterRunning(const std::string &ClusterId,
                                 const ProgressFn &Progress,
                                 llvm::function_ref<llvm::Error()> Call) {
    for (int Attempt = 0;; ++Attempt) {
      if (llvm::Error E = waitClusterRunning(Ctx, ClusterId, Progress))
        return E;
      bool Busy = false;
      llvm::Error E = llvm::handleErrors(
          Call(), [&](std::unique_ptr<cloud::CloudError> C) -> llvm::Error {
            if (C->Code == "IncorrectClusterStatus" && Attempt < 100) {
              Busy = true;
              return llvm::Error::success();
            }
            return llvm::Error(std::move(C));
          });
      if (!Busy)
        return E;
    }
  }

  /// The UserIds of the `managers` users (their state's `id` attribute).
  llvm::Expected<std::vector<std::string>> managerIds(const Desired &D) {
    std::vector<std::string> Ids;
    for (const std::string &Addr : attrStrings(D.Attributes, "managers")) {
      auto U = needRef(D.Refs, D.Address, Addr);
      if (!U)
        return U.takeError();
      std::string Id = attrString((*U)->Attributes, "id");
      if (Id.empty())
        return providerError("ReferenceNotFound",
                             Addr + " has no RAM user id in the state yet");
      Ids.push_back(Id);
    }
    return Ids;
  }

  /// A reference attribute as the configuration's address when it points
  /// at \p CloudValue, else the service's raw value.
  static json refOrRaw(const json &Ref, const char *Attr, const RefLookup &Refs,
                       const std::string &CloudValue) {
    std::string Addr = attrString(Ref, Attr);
    const state::ResourceState *S =
        Refs && !Addr.empty() ? Refs(Addr) : nullptr;
    return S && S->CloudId == CloudValue ? json(Addr) : json(CloudValue);
  }

  Observed observe(const cloud::FoasProject &P, const json &Ref,
                   const RefLookup &Refs) {
    Observed O;
    O.CloudId = P.Name;
    json &A = O.Attributes;
    A["name"] = P.Name;
    A["deploy_type"] = P.DeployType;
    reportOptionalString(A, "remark", P.Description, Ref);
    bool Shared = P.DeployType == "public";
    if (Shared) {
      A["order"] = refOrRaw(Ref, "order", Refs, P.OrderId);
      if (hasAttr(Ref, "cu"))
        A["cu"] = P.Cu;
    } else {
      A["cluster"] = refOrRaw(Ref, "cluster", Refs, P.ClusterId);
      A["cu"] = P.Cu;
    }
    // Managers as the configured user addresses, in the configured order;
    // ids no configured user has stay raw (drift).
    std::vector<std::string> Addrs = attrStrings(Ref, "managers");
    std::vector<std::string> Reported;
    std::vector<std::string> Ids = P.ManagerIds;
    for (const std::string &Addr : Addrs) {
      const state::ResourceState *U = Refs ? Refs(Addr) : nullptr;
      std::string Id = U ? attrString(U->Attributes, "id") : "";
      auto It = std::find(Ids.begin(), Ids.end(), Id);
      if (!Id.empty() && It != Ids.end()) {
        Reported.push_back(Addr);
        Ids.erase(It);
      }
    }
    Reported.insert(Reported.end(), Ids.begin(), Ids.end());
    A["managers"] = Reported;
    return O;
  }

  llvm::Expected<Observed> converge(const std::string &Name, const Desired &D,
                                    const ProgressFn &Progress) {
    auto P = Ctx.Foas.getProject(Name);
    if (!P)
      return P.takeError();
    cloud::UpdateProjectInput In;
    bool Change = false;
    std::string Remark = attrString(D.Attributes, "remark");
    if (Remark != P->Description) {
      In.Description = Remark;
      Change = true;
    }
    std::optional<int64_t> NewCu;
    if (P->DeployType != "public")
      if (auto Cu = attrInt(D.Attributes, "cu"); Cu && *Cu != P->Cu)
        NewCu = *Cu;
    auto Managers = managerIds(D);
    if (!Managers)
      return Managers.takeError();
    if (!sameSet(*Managers, P->ManagerIds)) {
      In.ManagerIds = *Managers;
      Change = true;
    }
    auto Update = [&] { return Ctx.Foas.updateProject(Name, In); };
    if (Change)
      if (llvm::Error E =
              P->DeployType == "public"
                  ? Update()
                  : whenClusterRunning(P->ClusterId, Progress, Update))
        return std::move(E);
    if (NewCu) {
      // The CU is the bound queue's: resize it, or create and bind it for a
      // project that has none yet.
      auto Queues = Ctx.Foas.listProjectBindQueue(Name);
      if (!Queues)
        return Queues.takeError();
      bool Bound = std::any_of(
          Queues->begin(), Queues->end(), [&](const cloud::FoasQueue &Q) {
            return Q.QueueName == Name && Q.ClusterId == P->ClusterId;
          });
      cloud::QueueInput Q = queueFor(Name, *NewCu);
      auto Resize = [&] { return Ctx.Foas.updateQueue(P->ClusterId, Q); };
      if (llvm::Error E =
              Bound ? whenClusterRunning(P->ClusterId, Progress, Resize)
                    : createQueue(Name, P->ClusterId, *NewCu, Progress))
        return std::move(E);
    }
    auto After = Ctx.Foas.getProject(Name);
    if (!After)
      return After.takeError();
    return observe(*After, D.Attributes, D.Refs);
  }
};

} // namespace

std::unique_ptr<ResourceProvider> makeProjectProvider(AlicloudContext &Ctx) {
  return std::make_unique<ProjectProvider>(Ctx);
}

} // namespace rtc::provider::detail
