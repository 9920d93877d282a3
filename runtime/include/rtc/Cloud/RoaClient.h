// Signed ROA-style client (Realtime Compute "foas"), sending what
// @alicloud/pop-core 1.8's ROAClient sends: Accept, Date, Content-MD5 on
// every request, the x-acs-* headers and `Authorization: acs id:sig`.
#ifndef RTC_CLOUD_ROACLIENT_H
#define RTC_CLOUD_ROACLIENT_H

#include "rtc/Cloud/ClientConfig.h"
#include "rtc/Cloud/Signature.h"

#include <map>
#include <optional>
#include <string>

namespace rtc::cloud {

class RoaClient {
public:
  RoaClient(const ClientConfig &Cfg, Endpoint Default, std::string ApiVersion);

  /// Sends \p Method \p Path?Query with \p Body serialized as JSON (and
  /// `Content-Type: application/json`) when given. Status >= 400 fails with
  /// the body's Code/Message/RequestId; a 2xx returns the parsed body, or
  /// null for an empty body. \p ResponseHeaders, when given, receives the
  /// headers of the answer (lower-case names).
  llvm::Expected<nlohmann::json>
  request(llvm::StringRef Method, llvm::StringRef Path,
          const ParamMap &Query = {},
          const std::optional<nlohmann::json> &Body = std::nullopt,
          std::map<std::string, std::string> *ResponseHeaders = nullptr) const;

  /// The signed request for one attempt. \p ContentType empty means no
  /// Content-Type header (as the SDK does when the caller sets none).
  HttpRequest buildRequest(llvm::StringRef Method, llvm::StringRef Path,
                           const ParamMap &Query, llvm::StringRef Body,
                           llvm::StringRef ContentType, llvm::StringRef Date,
                           llvm::StringRef Nonce) const;

  static llvm::Expected<nlohmann::json> parseResponse(const HttpResponse &R);

  const ClientConfig &config() const { return Cfg; }
  const Endpoint &endpoint() const { return Target; }

private:
  ClientConfig Cfg;
  Endpoint Target;
  std::string ApiVersion;
};

/// Node's querystring.escape: like percentEncode() but keeps `!'()*`, which
/// is how the SDK writes the ROA query on the wire (the signature uses the
/// raw values, so only the wire form differs).
std::string nodeQueryEscape(llvm::StringRef S);

} // namespace rtc::cloud

#endif // RTC_CLOUD_ROACLIENT_H
