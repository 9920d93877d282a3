//===- Provider.h - create, read, update, delete one resource kind -*- C++
//-*-===//
//
// A provider turns one stdlib resource kind (`user`, `cluster`, `job`, …)
// into cloud calls, like a Terraform provider's resource. The executor owns
// ordering, state and parallelism; a provider only talks to the cloud and
// reports what the cloud holds, in the schema's attribute shape, so the
// planner can compare it with the configuration.
//
// Contract every provider keeps (the executor relies on it for crash safety):
// - create() is idempotent: it first looks the object up by its unique name
//   (and treats EntityAlreadyExists as "adopt what is there"), so a crash
//   between the cloud call and the state write never makes a duplicate.
// - remove() succeeds when the object is already gone.
// - read() returns std::nullopt when the object no longer exists.
// - Every result is read back from the cloud after the change, never echoed
//   from the request.
// - Errors are rtc::cloud::CloudError (code and message of the service).
//
//===----------------------------------------------------------------------===//
#ifndef RTC_PROVIDER_PROVIDER_H
#define RTC_PROVIDER_PROVIDER_H

#include "rtc/State/State.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rtc::cloud {
struct ClientConfig;
} // namespace rtc::cloud

namespace rtc::provider {

/// Called while a provider waits for the service (a cluster `starting`, an
/// engine version `deploying version`) with the status it last read.
using ProgressFn = std::function<void(const std::string &Status)>;

/// The current state of another resource, by address (`project.reports`);
/// null when it is not in the state. Attributes that refer to other
/// resources hold their addresses (`project = "project.reports"`), so a
/// provider resolves them to cloud names and ids through this.
///
/// `builtin.NAME` policy references (role `policies`, policy_attachment
/// `policy`) need no entry: providers ask RAM whether a System policy NAME
/// exists and otherwise use the Custom one. The executor may answer
/// Refs("builtin.NAME") with a synthetic state from the IR's Builtins
/// (Kind "policy", CloudId NAME, Attributes {type, statements}); then the
/// type is taken from it, and a Custom builtin template (e.g.
/// AliyunStreamDefaultRole) that the account lacks is created from its
/// statements before it is attached.
using RefLookup =
    std::function<const state::ResourceState *(const std::string &Address)>;

/// What the configuration wants for one resource instance.
struct Desired {
  std::string Address; ///< `job.daily_report`
  std::string Kind;    ///< `job`
  std::string Name;    ///< the block label
  /// The IR attributes with every `{"__unknown__": …}` resolved.
  nlohmann::json Attributes = nlohmann::json::object();
  RefLookup Refs;
  /// Whether a create may take over an object of the desired name that
  /// already exists: only when the state recorded, before this run, the
  /// intent to create exactly that object (see state::PendingCreate).
  bool MayAdopt = false;
};

/// What the cloud holds for one resource.
struct Observed {
  std::string CloudId; ///< the id rtcc stores (user name, cluster id, …)
  /// Attributes in the schema's shape (`master: {model, count}`), only those
  /// the cloud reports; computed ones (`id`, `state`, `arn`) included. The
  /// executor overlays these top-level keys on the desired attributes.
  nlohmann::json Attributes = nlohmann::json::object();
};

/// How long and how often to wait for the service.
struct WaitOptions {
  std::chrono::milliseconds Timeout{std::chrono::minutes(60)};
  std::chrono::milliseconds PollInterval{std::chrono::milliseconds(200)};
};

class ResourceProvider {
public:
  virtual ~ResourceProvider() = default;

  virtual llvm::Expected<Observed> create(const Desired &D,
                                          const ProgressFn &Progress) = 0;
  /// std::nullopt when the object is gone.
  virtual llvm::Expected<std::optional<Observed>>
  read(const state::ResourceState &S, const RefLookup &Refs) = 0;
  /// Changes in place what can change in place (the planner replaces the
  /// rest). \p Prior is the stored state.
  virtual llvm::Expected<Observed> update(const state::ResourceState &Prior,
                                          const Desired &D,
                                          const ProgressFn &Progress) = 0;
  virtual llvm::Error remove(const state::ResourceState &S,
                             const ProgressFn &Progress) = 0;
  /// Reads the object whose id (as `rtcc import ADDR ID` gives it) is \p Id.
  /// \p D is the configuration's block for it, when there is one.
  virtual llvm::Expected<Observed> importById(const std::string &Id,
                                              const Desired *D) = 0;
  /// Whether what create() returns must be saved before any step that
  /// depends on it starts. True where the object leaves no trace of its
  /// owner in the cloud until a dependent consumes it (an order bound by
  /// its attributes): a crash after the consuming call and before the next
  /// save would leave nothing that tells the next apply which order it was.
  virtual bool savedBeforeDependents() const { return false; }
};

/// A cluster's engine versions as GetClusterEngineVersions reports them.
struct EngineVersions {
  std::vector<std::string> Installed; ///< Fully installed, service order.
  std::vector<std::string> Installing;
  std::string Current;
};

/// Every provider, bound to one set of clients, plus the engine-version
/// operations of docs/service.md#engine-versions (plan steps that are not
/// resource steps). All operations are idempotent: installing an installed
/// version, uninstalling a missing one or switching a job to the version it has
/// succeed at once. Thread-safe: the executor calls it from several threads.
class Providers {
public:
  virtual ~Providers() = default;

  /// Null when no provider handles \p Kind.
  virtual ResourceProvider *forKind(llvm::StringRef Kind) = 0;

  virtual llvm::Error installEngine(const state::ResourceState &Cluster,
                                    llvm::StringRef Version,
                                    const ProgressFn &Progress) = 0;
  virtual llvm::Error uninstallEngine(const state::ResourceState &Cluster,
                                      llvm::StringRef Version,
                                      const ProgressFn &Progress) = 0;
  virtual llvm::Error setCurrentEngine(const state::ResourceState &Cluster,
                                       llvm::StringRef Version,
                                       const ProgressFn &Progress) = 0;
  virtual llvm::Error switchJobEngine(const state::ResourceState &Job,
                                      llvm::StringRef To,
                                      const RefLookup &Refs) = 0;

  /// Whether the endpoint offers the console's engine operations (install,
  /// uninstall, set current) as calls: the embedded cloud and an emulator
  /// that announces its extensions do, the real service does not
  /// (rtc/Cloud/Extensions.h). Asked once, with a published call. When
  /// false, installEngine, uninstallEngine and setCurrentEngine send
  /// nothing and fail, and a new cluster keeps the service's default
  /// engine: the plan makes those operations manual steps.
  virtual llvm::Expected<bool> engineCallsAvailable() = 0;
  /// The cluster's engine versions (GetClusterEngineVersions, published):
  /// how apply verifies a manual step.
  virtual llvm::Expected<EngineVersions>
  readEngines(const state::ResourceState &Cluster) = 0;
};

/// The Alibaba Cloud providers (RAM over RPC, Realtime Compute over ROA),
/// talking to Cfg's endpoint (the real cloud or the emulator).
std::unique_ptr<Providers> makeAlicloudProviders(const cloud::ClientConfig &Cfg,
                                                 const std::string &Region,
                                                 const WaitOptions &Wait = {});

} // namespace rtc::provider

#endif
