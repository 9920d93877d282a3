// Signed RPC-style client (RAM).
#include "rtc/Cloud/RpcClient.h"
#include "rtc/Cloud/CloudError.h"

namespace rtc::cloud {

RpcClient::RpcClient(const ClientConfig &C, Endpoint Default,
                     std::string ApiVersion)
    : Cfg(C.withDefaults()),
      Target(C.EndpointOverride ? *C.EndpointOverride : std::move(Default)),
      ApiVersion(std::move(ApiVersion)) {}

void RpcClient::addList(ParamMap &Params, llvm::StringRef Key,
                        const std::vector<std::string> &Values) {
  for (size_t I = 0; I < Values.size(); ++I)
    Params[(Key + "." + llvm::Twine(I + 1)).str()] = Values[I];
}

HttpRequest RpcClient::buildRequest(llvm::StringRef Action,
                                    const ParamMap &Params, RpcMethod Method,
                                    llvm::StringRef Timestamp,
                                    llvm::StringRef Nonce) const {
  // Same precedence as the SDK: caller parameters override the defaults.
  ParamMap All{{"Action", Action.str()},
               {"Format", "JSON"},
               {"Timestamp", Timestamp.str()},
               {"Version", ApiVersion},
               {"SignatureMethod", "HMAC-SHA1"},
               {"SignatureVersion", "1.0"},
               {"SignatureNonce", Nonce.str()},
               {"AccessKeyId", Cfg.Creds.AccessKeyId}};
  if (!Cfg.Creds.SecurityToken.empty())
    All["SecurityToken"] = Cfg.Creds.SecurityToken;
  for (const auto &[K, V] : Params)
    All[K] = V;
  All.erase("Signature");

  const char *MethodName = Method == RpcMethod::Post ? "POST" : "GET";
  std::string Signature =
      rpcSignature(Cfg.Creds.AccessKeySecret, rpcStringToSign(MethodName, All));
  // The wire form is the canonical query with Signature appended last.
  std::string Encoded =
      rpcCanonicalQuery(All) + "&Signature=" + percentEncode(Signature);

  HttpRequest R;
  R.Method = MethodName;
  R.Target = Target;
  R.Path = "/";
  R.Timeout = Cfg.Timeout;
  R.Headers = {{"x-sdk-client", Cfg.SdkClient},
               {"user-agent", Cfg.UserAgent},
               {"x-acs-action", Action.str()},
               {"x-acs-version", ApiVersion}};
  if (Method == RpcMethod::Post) {
    R.Headers.emplace_back("content-type", "application/x-www-form-urlencoded");
    R.Body = std::move(Encoded);
  } else {
    R.Query = std::move(Encoded);
  }
  return R;
}

llvm::Expected<nlohmann::json> RpcClient::parseResponse(const HttpResponse &R) {
  nlohmann::json J = nlohmann::json::parse(R.Body, nullptr,
                                           /*allow_exceptions=*/false);
  if (J.is_discarded() || !J.is_object()) {
    std::string Snippet = R.Body.substr(0, 200);
    if (R.Status >= 400)
      return makeCloudError(R.Status, "HTTP" + std::to_string(R.Status),
                            "non-JSON error response: " + Snippet);
    return makeCloudError(R.Status, "InvalidResponse",
                          "response is not a JSON object: " + Snippet);
  }
  auto CodeIt = J.find("Code");
  if (CodeIt != J.end()) {
    std::string Code = jsonString(J, "Code");
    bool SuccessCode = Code == "200" || Code == "OK" || Code == "Success" ||
                       Code == "success";
    if (!SuccessCode)
      return makeCloudError(R.Status, Code, jsonString(J, "Message"),
                            jsonString(J, "RequestId"));
  }
  if (R.Status >= 400)
    return makeCloudError(R.Status, "HTTP" + std::to_string(R.Status),
                          "error status without a Code",
                          jsonString(J, "RequestId"));
  return J;
}

llvm::Expected<nlohmann::json> RpcClient::call(llvm::StringRef Action,
                                               const ParamMap &Params,
                                               RpcMethod Method) const {
  std::string What = ("rpc:" + Action).str();
  return runWithRetry(Cfg, What, [&]() -> llvm::Expected<nlohmann::json> {
    // Every attempt is re-signed: a reused nonce is SignatureNonceUsed.
    HttpRequest Req = buildRequest(Action, Params, Method,
                                   formatIso8601(Cfg.Now()), Cfg.Nonce());
    llvm::Expected<HttpResponse> Resp = Cfg.Transport->send(Req);
    if (!Resp)
      return Resp.takeError();
    return parseResponse(*Resp);
  });
}

} // namespace rtc::cloud
