// Signed RPC-style client (RAM), sending what @alicloud/pop-core 1.8's
// RPCClient sends: GET with everything in the query, or POST with the same
// parameters as a form body; Signature last. See docs/service.md#rpc-signature.
#ifndef RTC_CLOUD_RPCCLIENT_H
#define RTC_CLOUD_RPCCLIENT_H

#include "rtc/Cloud/ClientConfig.h"
#include "rtc/Cloud/Signature.h"

#include <string>
#include <vector>

namespace rtc::cloud {

enum class RpcMethod { Get, Post };

class RpcClient {
public:
  /// \p Cfg is completed with withDefaults(); \p Default is used unless
  /// Cfg.EndpointOverride is set.
  RpcClient(const ClientConfig &Cfg, Endpoint Default, std::string ApiVersion);

  /// Calls \p Action with \p Params (already flattened, see addList()),
  /// retrying per the config. A response body with a `Code` other than
  /// 200/OK/Success, an unparsable body, or (unlike the SDK) an HTTP status
  /// >= 400 fails with CloudError.
  llvm::Expected<nlohmann::json> call(llvm::StringRef Action,
                                      const ParamMap &Params,
                                      RpcMethod Method = RpcMethod::Get) const;

  /// The signed request for one attempt with a given timestamp and nonce;
  /// exposed so tests can compare it byte for byte with pop-core's.
  HttpRequest buildRequest(llvm::StringRef Action, const ParamMap &Params,
                           RpcMethod Method, llvm::StringRef Timestamp,
                           llvm::StringRef Nonce) const;

  /// Interprets one HTTP response per the SDK's rules (see call()).
  static llvm::Expected<nlohmann::json> parseResponse(const HttpResponse &R);

  /// Flattens a list parameter the way the SDK does: Key.1, Key.2, ...
  static void addList(ParamMap &Params, llvm::StringRef Key,
                      const std::vector<std::string> &Values);

  const ClientConfig &config() const { return Cfg; }
  const Endpoint &endpoint() const { return Target; }

private:
  ClientConfig Cfg;
  Endpoint Target;
  std::string ApiVersion;
};

} // namespace rtc::cloud

#endif // RTC_CLOUD_RPCCLIENT_H
