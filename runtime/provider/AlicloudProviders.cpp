// makeAlicloudProviders(): every provider bound to one RAM client, one foas
// client and their shared context.
#include "ProviderKinds.h"

#include <map>

namespace rtc::provider {

namespace {
using namespace detail;

class AlicloudProviders : public Providers {
public:
  AlicloudProviders(const cloud::ClientConfig &Cfg, const std::string &Region,
                    const WaitOptions &Wait)
      : Ctx(Cfg, Region, Wait) {
    // Filled once here and only read afterwards, so forKind needs no lock.
    Kinds["user"] = makeUserProvider(Ctx);
    Kinds["group"] = makeGroupProvider(Ctx);
    Kinds["group_membership"] = makeGroupMembershipProvider(Ctx);
    Kinds["policy"] = makePolicyProvider(Ctx);
    Kinds["policy_attachment"] = makePolicyAttachmentProvider(Ctx);
    Kinds["role"] = makeRoleProvider(Ctx);
    Kinds["order"] = makeOrderProvider(Ctx);
    Kinds["cluster"] = makeClusterProvider(Ctx);
    Kinds["project"] = makeProjectProvider(Ctx);
    Kinds["job"] = makeJobProvider(Ctx);
  }

  ResourceProvider *forKind(llvm::StringRef Kind) override {
    auto It = Kinds.find(Kind.str());
    return It == Kinds.end() ? nullptr : It->second.get();
  }

  llvm::Error installEngine(const state::ResourceState &Cluster,
                            llvm::StringRef Version,
                            const ProgressFn &Progress) override {
    return installEngineVersion(Ctx, Cluster.CloudId, Version.str(), Progress);
  }
  llvm::Error uninstallEngine(const state::ResourceState &Cluster,
                              llvm::StringRef Version,
                              const ProgressFn &) override {
    return uninstallEngineVersion(Ctx, Cluster.CloudId, Version.str());
  }
  llvm::Error setCurrentEngine(const state::ResourceState &Cluster,
                               llvm::StringRef Version,
                               const ProgressFn &) override {
    return setCurrentEngineVersion(Ctx, Cluster.CloudId, Version.str());
  }
  llvm::Error switchJobEngine(const state::ResourceState &Job,
                              llvm::StringRef To, const RefLookup &) override {
    return switchJobEngineVersion(Ctx, Job.CloudId, To.str());
  }
  llvm::Expected<bool> engineCallsAvailable() override {
    return Ctx.engineCallsAvailable();
  }
  llvm::Expected<EngineVersions>
  readEngines(const state::ResourceState &Cluster) override {
    return readEngineVersions(Ctx, Cluster.CloudId);
  }

private:
  AlicloudContext Ctx;
  std::map<std::string, std::unique_ptr<ResourceProvider>> Kinds;
};
} // namespace

std::unique_ptr<Providers> makeAlicloudProviders(const cloud::ClientConfig &Cfg,
                                                 const std::string &Region,
                                                 const WaitOptions &Wait) {
  return std::make_unique<AlicloudProviders>(Cfg, Region, Wait);
}

} // namespace rtc::provider
