// The HTTP seam between the cloud clients and the network.
//
// Clients build a fully signed HttpRequest and hand it to an HttpTransport;
// tests substitute a fake transport to script responses and faults, while
// production uses the cpp-httplib implementation below.
#ifndef RTC_CLOUD_HTTPTRANSPORT_H
#define RTC_CLOUD_HTTPTRANSPORT_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace rtc::cloud {

/// Scheme, host and port of a service, parsed from "https://host[:port]" or a
/// bare "host" (which means HTTPS on 443, as the real endpoints are).
struct Endpoint {
  std::string Scheme = "https";
  std::string Host;
  int Port = 443;

  /// Accepts "host", "host:port", "http://host[:port]", "https://host[:port]";
  /// a trailing "/" is ignored. Fails on any other scheme or an empty host.
  static llvm::Expected<Endpoint> parse(llvm::StringRef Url);
  /// "scheme://host[:port]" with the port omitted when it is the default.
  std::string url() const;
};

struct HttpRequest {
  std::string Method; ///< "GET", "POST", "PUT", "DELETE".
  Endpoint Target;
  std::string Path;  ///< Starts with "/".
  std::string Query; ///< Already encoded, without the leading "?".
  /// Header order is preserved on the wire; names as the SDK writes them.
  std::vector<std::pair<std::string, std::string>> Headers;
  std::string Body;
  std::chrono::milliseconds Timeout{10000};

  /// Path + ("?" + Query if any).
  std::string target() const;
  /// First header with this name (case-insensitive), or "".
  std::string header(llvm::StringRef Name) const;
};

struct HttpResponse {
  int Status = 0;
  std::map<std::string, std::string> Headers; ///< Lower-case names.
  std::string Body;
};

class HttpTransport {
public:
  virtual ~HttpTransport();
  /// Sends one request. Failing to get any response (connection refused,
  /// timeout, TLS failure) is a CloudError with HttpStatus 0 and Code
  /// "Transport.Timeout" or "Transport.ConnectionFailed"; any HTTP status,
  /// including 4xx/5xx, is a successful HttpResponse.
  virtual llvm::Expected<HttpResponse> send(const HttpRequest &Req) = 0;
};

/// cpp-httplib transport: one connection per request (no shared mutable
/// state, safe to call from several threads), connect/read/write timeouts all
/// set to HttpRequest::Timeout, HTTPS with certificate verification.
std::unique_ptr<HttpTransport> createHttplibTransport();

} // namespace rtc::cloud

#endif // RTC_CLOUD_HTTPTRANSPORT_H
