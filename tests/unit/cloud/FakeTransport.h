// A scripted HttpTransport for client tests: records every request and
// answers from a queue of canned responses or transport failures.
#ifndef RTC_TESTS_UNIT_CLOUD_FAKETRANSPORT_H
#define RTC_TESTS_UNIT_CLOUD_FAKETRANSPORT_H

#include "rtc/Cloud/ClientConfig.h"
#include "rtc/Cloud/CloudError.h"
#include "rtc/Cloud/HttpTransport.h"

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace rtc::cloud::testing {

class FakeTransport : public HttpTransport {
public:
  struct Reply {
    int Status = 200;
    std::string Body;
    std::string ContentType = "application/json";
    std::string TransportErrorCode; ///< Non-empty: fail without a response.
  };

  std::vector<HttpRequest> Requests;
  std::deque<Reply> Replies;
  /// Optional: computes the reply from the request (after Replies is empty).
  std::function<Reply(const HttpRequest &)> Handler;

  void push(int Status, std::string Body,
            std::string ContentType = "application/json") {
    Replies.push_back({Status, std::move(Body), std::move(ContentType), ""});
  }
  void pushTransportError(std::string Code) {
    Replies.push_back({0, "", "", std::move(Code)});
  }

  llvm::Expected<HttpResponse> send(const HttpRequest &Req) override {
    Requests.push_back(Req);
    Reply R;
    if (!Replies.empty()) {
      R = Replies.front();
      Replies.pop_front();
    } else if (Handler) {
      R = Handler(Req);
    } else {
      R = {500, R"({"Code":"InternalError","Message":"no scripted reply"})",
           "application/json", ""};
    }
    if (!R.TransportErrorCode.empty())
      return makeCloudError(0, R.TransportErrorCode, "scripted failure");
    HttpResponse Out;
    Out.Status = R.Status;
    Out.Body = R.Body;
    if (!R.ContentType.empty())
      Out.Headers["content-type"] = R.ContentType;
    return Out;
  }
};

/// A config wired to a fake transport, a frozen clock, recorded sleeps, a
/// fixed RNG value and sequential nonces.
struct FakeEnv {
  std::shared_ptr<FakeTransport> Transport = std::make_shared<FakeTransport>();
  std::vector<std::chrono::milliseconds> Sleeps;
  std::vector<std::string> LogLines;
  uint64_t RandomValue = ~uint64_t(0);
  unsigned NonceCounter = 0;
  /// 2016-02-23T12:46:24Z, the docs/service.md#rpc-signature vector's timestamp.
  std::chrono::system_clock::time_point Now =
      std::chrono::system_clock::time_point(std::chrono::seconds(1456231584));

  ClientConfig config() {
    ClientConfig C;
    C.Creds = {"testid", "testsecret", ""};
    C.EndpointOverride = Endpoint{"http", "127.0.0.1", 18080};
    C.Transport = Transport;
    C.Now = [this] { return Now; };
    C.Sleep = [this](std::chrono::milliseconds D) { Sleeps.push_back(D); };
    C.Random = [this] { return RandomValue; };
    C.Nonce = [this] { return "nonce-" + std::to_string(++NonceCounter); };
    C.Log = [this](llvm::StringRef L) { LogLines.push_back(L.str()); };
    return C;
  }
};

} // namespace rtc::cloud::testing

#endif // RTC_TESTS_UNIT_CLOUD_FAKETRANSPORT_H
