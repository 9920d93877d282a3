//===- ProviderKinds.h - one factory per stdlib resource kind ----*- C++ -*-===//
//
// Internal to rtcc_provider: AlicloudProviders.cpp binds these to kinds.
// Each provider keeps a reference to the shared context, which outlives it.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_PROVIDER_PROVIDERKINDS_H
#define RTC_PROVIDER_PROVIDERKINDS_H

#include "ProviderSupport.h"

#include <memory>

namespace rtc::provider::detail {

std::unique_ptr<ResourceProvider> makeUserProvider(AlicloudContext &Ctx);
std::unique_ptr<ResourceProvider> makeGroupProvider(AlicloudContext &Ctx);
std::unique_ptr<ResourceProvider>
makeGroupMembershipProvider(AlicloudContext &Ctx);
std::unique_ptr<ResourceProvider> makePolicyProvider(AlicloudContext &Ctx);
std::unique_ptr<ResourceProvider>
makePolicyAttachmentProvider(AlicloudContext &Ctx);
std::unique_ptr<ResourceProvider> makeRoleProvider(AlicloudContext &Ctx);
std::unique_ptr<ResourceProvider> makeOrderProvider(AlicloudContext &Ctx);
std::unique_ptr<ResourceProvider> makeClusterProvider(AlicloudContext &Ctx);
std::unique_ptr<ResourceProvider> makeProjectProvider(AlicloudContext &Ctx);
std::unique_ptr<ResourceProvider> makeJobProvider(AlicloudContext &Ctx);

llvm::Expected<EngineVersions> readEngineVersions(AlicloudContext &Ctx,
                                                  const std::string &ClusterId);

/// Waits until the cluster is `running`, reporting its state.
llvm::Error waitClusterRunning(AlicloudContext &Ctx, const std::string &ClusterId,
                               const ProgressFn &Progress);

/// The engine-version plan steps (EngineOps.cpp); all idempotent.
llvm::Error installEngineVersion(AlicloudContext &Ctx, const std::string &ClusterId,
                                 const std::string &Version,
                                 const ProgressFn &Progress);
llvm::Error uninstallEngineVersion(AlicloudContext &Ctx,
                                   const std::string &ClusterId,
                                   const std::string &Version);
llvm::Error setCurrentEngineVersion(AlicloudContext &Ctx,
                                    const std::string &ClusterId,
                                    const std::string &Version);
llvm::Error switchJobEngineVersion(AlicloudContext &Ctx, const std::string &JobId,
                                   const std::string &To);

/// The name a resource has in the cloud: its `name` attribute, else the
/// block label.
std::string desiredName(const Desired &D);

} // namespace rtc::provider::detail

#endif
