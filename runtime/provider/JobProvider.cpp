// Realtime Compute jobs (schema `job`): CreateJob / UpdateJob, then
// CommitJob + StartJob when `online`, OfflineJob when not; DeleteJob after
// taking a running job offline. CloudId is "<project>/<job>".
#include "ProviderKinds.h"

namespace rtc::provider::detail {
namespace {

struct JobId {
  std::string Project, Job;
  std::string id() const { return Project + "/" + Job; }
};

llvm::Expected<JobId> parseJobId(const std::string &Id) {
  auto [P, J] = llvm::StringRef(Id).split('/');
  if (P.empty() || J.empty())
    return providerError("InvalidId", "job id \"" + Id + "\" is not PROJECT/JOB");
  return JobId{P.str(), J.str()};
}

class JobProvider : public ResourceProvider {
public:
  explicit JobProvider(AlicloudContext &Ctx) : Ctx(Ctx) {}

  llvm::Expected<Observed> create(const Desired &D,
                                  const ProgressFn &) override {
    auto Project = needRef(D.Refs, D.Address, attrString(D.Attributes, "project"));
    if (!Project)
      return Project.takeError();
    JobId Id{cloudName(**Project), desiredName(D)};
    auto Existing = orGone(Ctx.Foas.getJob(Id.Project, Id.Job));
    if (!Existing)
      return Existing.takeError();
    if (*Existing)
      if (llvm::Error E = adoptionAllowed(D, Id.Job, Id.Project + "/" + Id.Job))
        return std::move(E);
    if (!*Existing) {
      std::string ClusterId = clusterOf(**Project, D.Refs);
      auto Engine = engineFor(D, ClusterId);
      if (!Engine)
        return Engine.takeError();
      cloud::CreateJobInput In;
      In.ProjectName = Id.Project;
      In.JobName = Id.Job;
      In.ClusterId = ClusterId;
      In.EngineVersion = *Engine;
      In.SqlCode = attrString(D.Attributes, "sql");
      In.QueueName = attrString(D.Attributes, "queue");
      In.Description = attrString(D.Attributes, "remark");
      if (llvm::Error E = ignoreAlreadyExists(Ctx.Foas.createJob(In)))
        return std::move(E);
    }
    return converge(Id, D);
  }

  llvm::Expected<std::optional<Observed>>
  read(const state::ResourceState &S, const RefLookup &) override {
    auto Id = parseJobId(S.CloudId);
    if (!Id)
      return Id.takeError();
    auto J = orGone(Ctx.Foas.getJob(Id->Project, Id->Job));
    if (!J)
      return J.takeError();
    if (!*J)
      return std::nullopt;
    return observe(*Id, **J, S.Attributes);
  }

  llvm::Expected<Observed> update(const state::ResourceState &Prior,
                                  const Desired &D,
                                  const ProgressFn &) override {
    auto Id = parseJobId(Prior.CloudId);
    if (!Id)
      return Id.takeError();
    return converge(*Id, D);
  }

  llvm::Error remove(const state::ResourceState &S,
                     const ProgressFn &) override {
    auto Id = parseJobId(S.CloudId);
    if (!Id)
      return Id.takeError();
    auto J = orGone(Ctx.Foas.getJob(Id->Project, Id->Job));
    if (!J)
      return J.takeError();
    if (!*J)
      return llvm::Error::success();
    // A running job cannot be deleted.
    if ((*J)->Status == "RUNNING")
      if (llvm::Error E = Ctx.Foas.offlineJob(Id->Project, Id->Job))
        return E;
    return ignoreGone(Ctx.Foas.deleteJob(Id->Project, Id->Job));
  }

  llvm::Expected<Observed> importById(const std::string &IdText,
                                      const Desired *D) override {
    auto Id = parseJobId(IdText);
    if (!Id)
      return Id.takeError();
    auto J = Ctx.Foas.getJob(Id->Project, Id->Job);
    if (!J)
      return J.takeError();
    return observe(*Id, *J, D ? D->Attributes : json::object());
  }

private:
  AlicloudContext &Ctx;

  /// The cluster id of an exclusive project: its `cluster` attribute is an
  /// address whose state holds the id. Empty for shared projects.
  static std::string clusterOf(const state::ResourceState &Project,
                               const RefLookup &Refs) {
    std::string Addr = attrString(Project.Attributes, "cluster");
    const state::ResourceState *C = Refs && !Addr.empty() ? Refs(Addr) : nullptr;
    return C ? C->CloudId : "";
  }

  /// `engine`, or the cluster's current version when it is not set.
  llvm::Expected<std::string> engineFor(const Desired &D,
                                        const std::string &ClusterId) {
    std::string Engine = attrString(D.Attributes, "engine");
    if (!Engine.empty() || ClusterId.empty())
      return Engine;
    auto V = readEngineVersions(Ctx, ClusterId);
    if (!V)
      return V.takeError();
    return V->Current;
  }

  static Observed observe(const JobId &Id, const cloud::FoasJob &J,
                          const json &Ref) {
    Observed O;
    O.CloudId = Id.id();
    json &A = O.Attributes;
    A["name"] = J.JobName.empty() ? Id.Job : J.JobName;
    A["project"] = hasAttr(Ref, "project") ? Ref["project"] : json(Id.Project);
    // Without `engine` the job follows the cluster's current version; the
    // configuration has nothing to compare, so only a set engine is shown.
    if (hasAttr(Ref, "engine"))
      A["engine"] = J.EngineVersion;
    A["sql"] = J.SqlCode;
    reportOptionalString(A, "queue", J.QueueName, Ref);
    reportOptionalString(A, "remark", J.Description, Ref);
    A["online"] = J.Status == "RUNNING";
    A["state"] = J.Status;
    return O;
  }

  /// Sets what differs, then brings the job online or offline as asked.
  llvm::Expected<Observed> converge(const JobId &Id, const Desired &D) {
    auto J = Ctx.Foas.getJob(Id.Project, Id.Job);
    if (!J)
      return J.takeError();
    cloud::UpdateJobInput In;
    bool Change = false;
    auto Set = [&](std::optional<std::string> &Field, const std::string &Want,
                   const std::string &Have) {
      if (Want != Have) {
        Field = Want;
        Change = true;
      }
    };
    if (hasAttr(D.Attributes, "engine"))
      Set(In.EngineVersion, attrString(D.Attributes, "engine"), J->EngineVersion);
    Set(In.SqlCode, attrString(D.Attributes, "sql"), J->SqlCode);
    Set(In.QueueName, attrString(D.Attributes, "queue"), J->QueueName);
    Set(In.Description, attrString(D.Attributes, "remark"), J->Description);
    if (Change)
      if (llvm::Error E = Ctx.Foas.updateJob(Id.Project, Id.Job, In))
        return std::move(E);

    bool Online = attrBool(D.Attributes, "online", false);
    bool Running = J->Status == "RUNNING";
    // A running job picks up a changed definition only when restarted.
    if (Running && (!Online || Change)) {
      if (llvm::Error E = Ctx.Foas.offlineJob(Id.Project, Id.Job))
        return std::move(E);
      Running = false;
    }
    if (Online && !Running) {
      if (llvm::Error E = Ctx.Foas.commitJob(Id.Project, Id.Job))
        return std::move(E);
      if (llvm::Error E = Ctx.Foas.startJob(Id.Project, Id.Job))
        return std::move(E);
    }
    auto After = Ctx.Foas.getJob(Id.Project, Id.Job);
    if (!After)
      return After.takeError();
    return observe(Id, *After, D.Attributes);
  }
};

} // namespace

std::unique_ptr<ResourceProvider> makeJobProvider(AlicloudContext &Ctx) {
  return std::make_unique<JobProvider>(Ctx);
}

} // namespace rtc::provider::detail
