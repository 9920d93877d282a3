// What a request handler sees: the store, the caller, the clock, and the
// authorisation check shared by the RAM and Realtime Compute services.
#ifndef RTC_EMULATOR_SERVICECONTEXT_H
#define RTC_EMULATOR_SERVICECONTEXT_H

#include "rtc/Emulator/Emulator.h"
#include "rtc/Emulator/EmulatorError.h"
#include "rtc/Emulator/RequestVerifier.h"
#include "rtc/Emulator/Store.h"

#include "nlohmann/json.hpp"

#include <string>
#include <vector>

namespace rtc::emulator {

using json = nlohmann::json;

struct ServiceContext {
  Store &S;
  const EmulatorOptions &Opts;
  /// The emulator's clock (wall clock plus the offset /_emulator/advance
  /// added), in milliseconds; drives the asynchronous state changes.
  int64_t NowMs;
  Caller Who;

  std::string nowIso() const { return formatIso8601(NowMs / 1000); }
  std::string account() const { return Who.AccountId; }

  /// `acs:ram:*:<account>:<Resource>`.
  std::string ramArn(const std::string &Resource) const;
  /// `acs:stream:<region>:<account>:<Resource>`.
  std::string streamArn(const std::string &Resource) const;

  /// Whether the caller may do \p Action on \p Resource: the main account
  /// always may; a RAM user needs an Allow and no Deny among the policies
  /// attached to it and to its groups.
  bool allowed(const std::string &Action, const std::string &Resource);
  /// allowed() or throw Forbidden.RAM.
  void authorize(const std::string &Action, const std::string &Resource);
  /// Documents of the policies attached to a principal ("User", "Group",
  /// "Role") -- the default version of custom ones.
  std::vector<json> attachedDocuments(const std::string &PrincipalType,
                                      const std::string &Name);
};

/// Names of the groups \p User belongs to.
std::vector<std::string> groupsOfUser(Store &S, const std::string &User);

/// RPC: RAM 2015-05-01. \p Params are the merged query+form parameters.
json handleRam(ServiceContext &C, const cloud::ParamMap &Params);

/// ROA: foas 2018-11-11. Sets \p Status for success codes other than 200.
json handleStream(ServiceContext &C, const std::string &Method,
                  const std::string &Path, const cloud::ParamMap &Query,
                  const json &Body);

/// Applies the state changes whose time has come (cluster `starting` ->
/// `running`, engine installs finishing). Called before each request.
void settleClusters(Store &S, int64_t NowMs);

/// Every custom or system policy document by type and name, or null.
std::optional<json> policyDocument(Store &S, const std::string &Type,
                                   const std::string &Name);

} // namespace rtc::emulator

#endif
