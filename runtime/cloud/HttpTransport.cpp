// The HTTP seam between the cloud clients and the network.
#include "rtc/Cloud/HttpTransport.h"
#include "rtc/Cloud/CloudError.h"

#include "llvm/ADT/StringExtras.h"

#include <httplib.h>

namespace rtc::cloud {

HttpTransport::~HttpTransport() = default;

llvm::Expected<Endpoint> Endpoint::parse(llvm::StringRef Url) {
  Endpoint E;
  llvm::StringRef Rest = Url.trim();
  if (Rest.consume_front("https://")) {
    E.Scheme = "https";
    E.Port = 443;
  } else if (Rest.consume_front("http://")) {
    E.Scheme = "http";
    E.Port = 80;
  } else if (Rest.contains("://")) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "endpoint '" + Url.str() +
                                       "' must use http:// or https://");
  }
  Rest = Rest.rtrim('/');
  if (Rest.contains('/'))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "endpoint '" + Url.str() +
                                       "' must not contain a path");
  llvm::StringRef Host = Rest;
  // A bracketed IPv6 literal keeps its colons; only a colon after "]" (or
  // the only colon otherwise) introduces a port.
  size_t Colon = Rest.rfind(':');
  bool IsV6 = Rest.startswith("[");
  if (Colon != llvm::StringRef::npos &&
      (!IsV6 || Colon > Rest.find(']'))) {
    unsigned Port = 0;
    if (Rest.substr(Colon + 1).getAsInteger(10, Port) || Port == 0 ||
        Port > 65535)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "endpoint '" + Url.str() +
                                         "' has an invalid port");
    E.Port = static_cast<int>(Port);
    Host = Rest.substr(0, Colon);
  }
  if (IsV6)
    Host = Host.drop_front().drop_back(Host.endswith("]") ? 1 : 0);
  if (Host.empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "endpoint '" + Url.str() +
                                       "' has no host");
  E.Host = Host.str();
  return E;
}

std::string Endpoint::url() const {
  std::string H = Host.find(':') != std::string::npos ? "[" + Host + "]" : Host;
  bool DefaultPort = (Scheme == "https" && Port == 443) ||
                     (Scheme == "http" && Port == 80);
  return Scheme + "://" + H + (DefaultPort ? "" : ":" + std::to_string(Port));
}

std::string HttpRequest::target() const {
  return Query.empty() ? Path : Path + "?" + Query;
}

std::string HttpRequest::header(llvm::StringRef Name) const {
  for (const auto &[K, V] : Headers)
    if (llvm::StringRef(K).equals_insensitive(Name))
      return V;
  return "";
}

namespace {

class HttplibTransport final : public HttpTransport {
public:
  llvm::Expected<HttpResponse> send(const HttpRequest &Req) override {
    httplib::Client Cli(Req.Target.url());
    auto Secs = std::chrono::duration_cast<std::chrono::seconds>(Req.Timeout);
    auto Usecs = std::chrono::duration_cast<std::chrono::microseconds>(
        Req.Timeout - Secs);
    Cli.set_connection_timeout(Secs.count(), Usecs.count());
    Cli.set_read_timeout(Secs.count(), Usecs.count());
    Cli.set_write_timeout(Secs.count(), Usecs.count());
    Cli.set_keep_alive(false);
#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
    Cli.enable_server_certificate_verification(true);
#endif

    httplib::Request R;
    R.method = Req.Method;
    R.path = Req.target();
    bool BodylessUpdate = Req.Body.empty() &&
                          (Req.Method == "POST" || Req.Method == "PUT" ||
                           Req.Method == "PATCH");
    for (const auto &[K, V] : Req.Headers) {
      // httplib writes "Content-Length: 0" itself for an empty POST/PUT;
      // passing ours too would send the header twice.
      if (BodylessUpdate &&
          llvm::StringRef(K).equals_insensitive("content-length"))
        continue;
      R.headers.emplace(K, V);
    }
    R.body = Req.Body;

    httplib::Result Res = Cli.send(R);
    if (!Res) {
      httplib::Error Err = Res.error();
      bool Timeout = Err == httplib::Error::Read ||
                     Err == httplib::Error::Write ||
                     Err == httplib::Error::ConnectionTimeout;
      return makeCloudError(0,
                            Timeout ? "Transport.Timeout"
                                    : "Transport.ConnectionFailed",
                            "request to " + Req.Target.url() + " failed: " +
                                httplib::to_string(Err));
    }
    HttpResponse Out;
    Out.Status = Res->status;
    for (const auto &[K, V] : Res->headers)
      Out.Headers[llvm::StringRef(K).lower()] = V;
    Out.Body = std::move(Res->body);
    return Out;
  }
};

} // namespace

std::unique_ptr<HttpTransport> createHttplibTransport() {
  return std::make_unique<HttplibTransport>();
}

} // namespace rtc::cloud
