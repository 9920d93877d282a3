//===- ProviderSupport.h - what every Alibaba Cloud provider shares -*- C++
//-*-===//
//
// The clients one Providers object owns, tolerant access to IR attribute
// JSON, error helpers that keep the clients' CloudError intact, reference
// resolution, and the poll loop used while the service works.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_PROVIDER_PROVIDERSUPPORT_H
#define RTC_PROVIDER_PROVIDERSUPPORT_H

#include "rtc/Cloud/CloudError.h"
#include "rtc/Cloud/FoasClient.h"
#include "rtc/Cloud/RamClient.h"
#include "rtc/Provider/Provider.h"

#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace rtc::provider::detail {

using json = nlohmann::json;

/// Clients and the little shared data of one Providers object. Everything
/// mutable is behind a mutex: the executor calls in from many threads.
struct AlicloudContext {
  AlicloudContext(const cloud::ClientConfig &Cfg, std::string Region,
                  WaitOptions Wait);

  cloud::RamClient Ram;
  cloud::FoasClient Foas;
  std::string Region;
  WaitOptions Wait;

  /// Orders adopted by some order resource of this process, so two order
  /// resources created in parallel never adopt the same console purchase.
  /// Returns false when \p OrderId was already claimed.
  bool claimOrder(const std::string &OrderId);
  void releaseOrder(const std::string &OrderId);

  /// Whether the endpoint announces the engine version extensions
  /// (Providers::engineCallsAvailable); asked once, then remembered.
  llvm::Expected<bool> engineCallsAvailable();
  /// An error, sending nothing, unless engineCallsAvailable(): \p What is
  /// the console operation ("install blink-3.3.0 on cls-…").
  llvm::Error needEngineCalls(const std::string &What);

  /// PolicyType of `builtin.NAME` policies, learnt once per name.
  std::optional<cloud::PolicyType> cachedBuiltinType(const std::string &Name);
  void cacheBuiltinType(const std::string &Name, cloud::PolicyType T);

private:
  std::mutex M;
  std::set<std::string> ClaimedOrders;
  std::map<std::string, cloud::PolicyType> BuiltinTypes;
  std::optional<bool> EngineCalls;
};

//--- Attribute access ------------------------------------------------------

/// A string attribute; "" when absent or not a string.
std::string attrString(const json &A, llvm::StringRef Key);
/// An integral number attribute.
std::optional<int64_t> attrInt(const json &A, llvm::StringRef Key);
bool attrBool(const json &A, llvm::StringRef Key, bool Default);
/// The strings of a list attribute (non-strings skipped).
std::vector<std::string> attrStrings(const json &A, llvm::StringRef Key);
bool hasAttr(const json &A, llvm::StringRef Key);

/// Whether two string lists hold the same elements (as multisets).
bool sameSet(std::vector<std::string> A, std::vector<std::string> B);

/// \p Cloud in the order of \p Preferred when both hold the same set
/// (the config's order is what the plan compares with); otherwise the
/// elements of Preferred that Cloud has, in that order, then the rest of
/// Cloud.
std::vector<std::string>
inPreferredOrder(const std::vector<std::string> &Cloud,
                 const std::vector<std::string> &Preferred);

/// Reports an optional string attribute: when the reference attributes
/// (desired or prior) name it, or when the cloud holds something other
/// than "" or \p CloudDefault (that is drift the plan should show).
void reportOptionalString(json &Out, const char *Key, const std::string &Cloud,
                          const json &Ref,
                          const std::string &CloudDefault = "");

//--- Errors ----------------------------------------------------------------

/// A provider-side failure in the clients' error type (HttpStatus 0).
llvm::Error providerError(std::string Code, std::string Message);

/// Whether a failed call means the object is gone. Auth failures that also
/// answer 404 (InvalidAccessKeyId.NotFound) are not "gone".
bool isGone(const cloud::CloudError &E);

/// Consumes \p E when it means "gone" and returns success; else returns it.
llvm::Error ignoreGone(llvm::Error E);
/// Consumes \p E when it is EntityAlreadyExists-like; else returns it.
llvm::Error ignoreAlreadyExists(llvm::Error E);

/// Success when \p D may take over the existing cloud object \p CloudName
/// (D.MayAdopt); otherwise a NotManaged error that names the import
/// command, \p ImportId being the id `rtcc import` takes.
llvm::Error adoptionAllowed(const Desired &D, const std::string &CloudName,
                            const std::string &ImportId);
/// Like ignoreAlreadyExists, but the existing object is only accepted when
/// adoptionAllowed().
llvm::Error adoptIfAlreadyExists(llvm::Error E, const Desired &D,
                                 const std::string &CloudName,
                                 const std::string &ImportId);

/// The value, std::nullopt when the call failed because the object is gone,
/// or the error.
template <typename T>
llvm::Expected<std::optional<T>> orGone(llvm::Expected<T> V) {
  if (V)
    return std::optional<T>(std::move(*V));
  if (llvm::Error E = ignoreGone(V.takeError()))
    return std::move(E);
  return std::optional<T>();
}

//--- References ------------------------------------------------------------

/// The state a reference attribute points at, or a ReferenceNotFound error
/// naming both addresses.
llvm::Expected<const state::ResourceState *>
needRef(const RefLookup &Refs, const std::string &From, const std::string &To);

/// The cloud name of a referenced resource: its CloudId, else its `name`.
std::string cloudName(const state::ResourceState &S);

/// A policy reference resolved to what RAM calls it.
struct PolicyRef {
  std::string Address; ///< `policy.dev` or `builtin.AliyunOSSFullAccess`
  std::string Name;
  cloud::PolicyType Type = cloud::PolicyType::Custom;
};

/// Resolves `policy.X` through \p Refs (its CloudId and `type`) and
/// `builtin.NAME` to RAM's policy NAME. A builtin's type comes from
/// Refs("builtin.NAME") when the executor provides it (Attributes.type),
/// else from asking RAM whether a System policy of that name exists. A
/// Custom builtin that RAM does not have yet is created from the
/// `statements` of that Refs entry, when given.
llvm::Expected<PolicyRef> resolvePolicyRef(AlicloudContext &Ctx,
                                           const RefLookup &Refs,
                                           const std::string &From,
                                           const std::string &Ref);

/// RAM policy JSON for `statements` ([{effect, actions, resources}]).
std::string policyDocumentFromStatements(const json &Statements);
/// `statements` parsed back from RAM policy JSON; null when the document
/// has a shape statements cannot express (conditions, NotAction, …).
json statementsFromPolicyDocument(const std::string &Document);

//--- Waiting ---------------------------------------------------------------

/// Polls \p Probe every Wait.PollInterval until it returns true, calling
/// \p Progress with the status it read after each poll, and fails
/// with WaitTimeout after Wait.Timeout. \p What names the wait in the
/// timeout message ("cluster cls-1 to be running").
llvm::Error waitUntil(
    const WaitOptions &Wait, const ProgressFn &Progress,
    const std::string &What,
    const std::function<llvm::Expected<bool>(std::string &Status)> &Probe);

} // namespace rtc::provider::detail

#endif
