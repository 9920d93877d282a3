// Engine-version plan steps (docs/service.md#engine-versions): install, uninstall and set the
// current version of a cluster, and move a job to another version. Each is
// idempotent, so a step repeated after a crash succeeds at once.
#include "ProviderKinds.h"

#include <algorithm>

namespace rtc::provider::detail {

namespace {
bool contains(const std::vector<std::string> &L, llvm::StringRef V) {
  return std::find(L.begin(), L.end(), V) != L.end();
}

bool hasCode(const cloud::CloudError &E, llvm::StringRef Code) {
  return E.Code == Code;
}

/// How many times an install waits out another install and tries again.
constexpr int InstallAttempts = 3;
} // namespace

llvm::Expected<EngineVersions> readEngineVersions(AlicloudContext &Ctx,
                                                  const std::string &ClusterId) {
  auto L = Ctx.Foas.getClusterEngineVersions(ClusterId);
  if (!L)
    return L.takeError();
  EngineVersions Out;
  for (const cloud::FoasEngineVersion &V : *L) {
    if (llvm::StringRef(V.Status).equals_insensitive("installing"))
      Out.Installing.push_back(V.Version);
    else
      Out.Installed.push_back(V.Version);
    if (V.IsCurrent)
      Out.Current = V.Version;
  }
  return Out;
}

class EngineOps {
public:
  explicit EngineOps(AlicloudContext &Ctx) : Ctx(Ctx) {}

  llvm::Error install(const std::string &ClusterId, const std::string &Version,
                      const ProgressFn &Progress) {
    for (int Attempt = 0;; ++Attempt) {
      auto V = readEngineVersions(Ctx, ClusterId);
      if (!V)
        return V.takeError();
      if (contains(V->Installed, Version))
        return waitInstalled(ClusterId, Version, Progress);
      if (!contains(V->Installing, Version)) {
        if (llvm::Error E = Ctx.needEngineCalls("installing " + Version +
                                                " on cluster " + ClusterId))
          return E;
        llvm::Error E = Ctx.Foas.installEngineVersion(ClusterId, Version);
        if (E) {
          cloud::CloudError CE = cloud::takeCloudError(std::move(E));
          if (hasCode(CE, "EngineVersionDeploying") && Attempt + 1 < InstallAttempts) {
            // Another install runs (one at a time, docs/service.md#engine-versions): wait for
            // it, then try again.
            if (llvm::Error W = waitClusterRunning(Ctx, ClusterId, Progress))
              return W;
            continue;
          }
          if (!hasCode(CE, "EngineVersionAlreadyInstalled"))
            return llvm::make_error<cloud::CloudError>(std::move(CE));
        }
      }
      return waitInstalled(ClusterId, Version, Progress);
    }
  }

  llvm::Error uninstall(const std::string &ClusterId, const std::string &Version) {
    auto V = readEngineVersions(Ctx, ClusterId);
    if (!V)
      return V.takeError();
    if (!contains(V->Installed, Version) && !contains(V->Installing, Version))
      return llvm::Error::success();
    if (llvm::Error E = Ctx.needEngineCalls("uninstalling " + Version +
                                            " from cluster " + ClusterId))
      return E;
    return ignoreGone(Ctx.Foas.uninstallEngineVersion(ClusterId, Version));
  }

  llvm::Error setCurrent(const std::string &ClusterId, const std::string &Version) {
    auto V = readEngineVersions(Ctx, ClusterId);
    if (!V)
      return V.takeError();
    if (V->Current == Version)
      return llvm::Error::success();
    if (llvm::Error E =
            Ctx.needEngineCalls("making " + Version +
                                " the current version of cluster " + ClusterId))
      return E;
    return Ctx.Foas.setCurrentEngineVersion(ClusterId, Version);
  }

  llvm::Error switchJob(const std::string &JobId, const std::string &To) {
    auto [Project, Job] = llvm::StringRef(JobId).split('/');
    if (Project.empty() || Job.empty())
      return providerError("InvalidId",
                           "job id \"" + JobId + "\" is not PROJECT/JOB");
    auto J = Ctx.Foas.getJob(Project, Job);
    if (!J)
      return J.takeError();
    if (J->EngineVersion == To)
      return llvm::Error::success();
    cloud::UpdateJobInput In;
    In.EngineVersion = To;
    return Ctx.Foas.updateJob(Project, Job, In);
  }

private:
  AlicloudContext &Ctx;

  /// Until \p Version shows installed and the cluster is `running` again.
  llvm::Error waitInstalled(const std::string &ClusterId,
                            const std::string &Version,
                            const ProgressFn &Progress) {
    return waitUntil(
        Ctx.Wait, Progress,
        "engine " + Version + " to be installed on cluster " + ClusterId,
        [&](std::string &Status) -> llvm::Expected<bool> {
          auto C = Ctx.Foas.getClusterDetails(ClusterId);
          if (!C)
            return C.takeError();
          Status = C->State;
          if (C->State != "running")
            return false;
          auto V = readEngineVersions(Ctx, ClusterId);
          if (!V)
            return V.takeError();
          return contains(V->Installed, Version);
        });
  }
};

llvm::Error installEngineVersion(AlicloudContext &Ctx, const std::string &ClusterId,
                                 const std::string &Version,
                                 const ProgressFn &Progress) {
  return EngineOps(Ctx).install(ClusterId, Version, Progress);
}
llvm::Error uninstallEngineVersion(AlicloudContext &Ctx,
                                   const std::string &ClusterId,
                                   const std::string &Version) {
  return EngineOps(Ctx).uninstall(ClusterId, Version);
}
llvm::Error setCurrentEngineVersion(AlicloudContext &Ctx,
                                    const std::string &ClusterId,
                                    const std::string &Version) {
  return EngineOps(Ctx).setCurrent(ClusterId, Version);
}
llvm::Error switchJobEngineVersion(AlicloudContext &Ctx, const std::string &JobId,
                                   const std::string &To) {
  return EngineOps(Ctx).switchJob(JobId, To);
}

} // namespace rtc::provider::detail
