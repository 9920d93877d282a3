// Signed ROA-style client (Realtime Compute "foas").
#include "rtc/Cloud/RoaClient.h"
#include "rtc/Cloud/CloudError.h"

namespace rtc::cloud {

std::string nodeQueryEscape(llvm::StringRef S) {
  std::string Out;
  for (char C : S) {
    if (C == '!' || C == '\'' || C == '(' || C == ')' || C == '*')
      Out.push_back(C);
    else
      Out += percentEncode(llvm::StringRef(&C, 1));
  }
  return Out;
}

RoaClient::RoaClient(const ClientConfig &C, Endpoint Default,
                     std::string ApiVersion)
    : Cfg(C.withDefaults()),
      Target(C.EndpointOverride ? *C.EndpointOverride : std::move(Default)),
      ApiVersion(std::move(ApiVersion)) {}

HttpRequest RoaClient::buildRequest(llvm::StringRef Method,
                                    llvm::StringRef Path,
                                    const ParamMap &Query, llvm::StringRef Body,
                                    llvm::StringRef ContentType,
                                    llvm::StringRef Date,
                                    llvm::StringRef Nonce) const {
  HttpRequest R;
  R.Method = Method.upper();
  R.Target = Target;
  R.Path = Path.str();
  R.Timeout = Cfg.Timeout;
  R.Body = Body.str();
  for (const auto &[K, V] : Query) {
    if (!R.Query.empty())
      R.Query.push_back('&');
    R.Query += nodeQueryEscape(K) + "=" + nodeQueryEscape(V);
  }

  RoaRequestParts P;
  P.Method = R.Method;
  P.Accept = "application/json";
  P.ContentMd5 = md5Base64(Body);
  P.ContentType = ContentType.str();
  P.Date = Date.str();
  P.AcsHeaders = {{"x-acs-signature-nonce", Nonce.str()},
                  {"x-acs-version", ApiVersion},
                  {"x-acs-signature-method", "HMAC-SHA1"},
                  {"x-acs-signature-version", "1.0"}};
  if (!Cfg.Creds.SecurityToken.empty()) {
    P.AcsHeaders["x-acs-accesskey-id"] = Cfg.Creds.AccessKeyId;
    P.AcsHeaders["x-acs-security-token"] = Cfg.Creds.SecurityToken;
  }
  P.Path = R.Path;
  P.Query = Query;
  std::string Sig =
      roaSignature(Cfg.Creds.AccessKeySecret, roaStringToSign(P));

  // Header order follows the SDK's object insertion order.
  R.Headers = {{"accept", P.Accept},
               {"date", P.Date},
               {"x-acs-signature-nonce", Nonce.str()},
               {"x-acs-version", ApiVersion},
               {"user-agent", Cfg.UserAgent},
               {"x-sdk-client", Cfg.SdkClient},
               {"x-acs-signature-method", "HMAC-SHA1"},
               {"x-acs-signature-version", "1.0"}};
  if (!Cfg.Creds.SecurityToken.empty()) {
    R.Headers.emplace_back("x-acs-accesskey-id", Cfg.Creds.AccessKeyId);
    R.Headers.emplace_back("x-acs-security-token", Cfg.Creds.SecurityToken);
  }
  if (!ContentType.empty())
    R.Headers.emplace_back("content-type", ContentType.str());
  R.Headers.emplace_back("content-md5", P.ContentMd5);
  R.Headers.emplace_back("content-length", std::to_string(Body.size()));
  R.Headers.emplace_back("authorization",
                         "acs " + Cfg.Creds.AccessKeyId + ":" + Sig);
  return R;
}

llvm::Expected<nlohmann::json> RoaClient::parseResponse(const HttpResponse &R) {
  auto CT = R.Headers.find("content-type");
  bool IsJson = CT != R.Headers.end() &&
                llvm::StringRef(CT->second).startswith("application/json");
  std::string Snippet = R.Body.substr(0, 200);
  if (llvm::StringRef(R.Body).trim().empty()) {
    if (R.Status >= 400)
      return makeCloudError(R.Status, "HTTP" + std::to_string(R.Status),
                            "empty error response");
    return nlohmann::json();
  }
  nlohmann::json J = nlohmann::json::parse(R.Body, nullptr,
                                           /*allow_exceptions=*/false);
  if (!IsJson || J.is_discarded()) {
    if (R.Status >= 400)
      return makeCloudError(R.Status, "HTTP" + std::to_string(R.Status),
                            "non-JSON error response: " + Snippet);
    return makeCloudError(R.Status, "InvalidResponse",
                          "2xx response without a JSON body: " + Snippet);
  }
  if (R.Status >= 400) {
    std::string Code = jsonString(J, "Code");
    if (Code.empty())
      Code = jsonString(J, "errorCode");
    if (Code.empty())
      Code = "HTTP" + std::to_string(R.Status);
    std::string Msg = jsonString(J, "Message");
    if (Msg.empty())
      Msg = jsonString(J, "errorMsg");
    return makeCloudError(R.Status, Code, Msg, jsonString(J, "RequestId"));
  }
  return J;
}

llvm::Expected<nlohmann::json>
RoaClient::request(llvm::StringRef Method, llvm::StringRef Path,
                   const ParamMap &Query,
                   const std::optional<nlohmann::json> &Body,
                   std::map<std::string, std::string> *ResponseHeaders) const {
  std::string BodyText = Body ? Body->dump() : std::string();
  llvm::StringRef ContentType = Body ? "application/json" : "";
  std::string What = ("roa:" + Method.upper() + " " + Path).str();
  return runWithRetry(Cfg, What, [&]() -> llvm::Expected<nlohmann::json> {
    HttpRequest Req = buildRequest(Method, Path, Query, BodyText, ContentType,
                                   formatRfc1123(Cfg.Now()), Cfg.Nonce());
    llvm::Expected<HttpResponse> Resp = Cfg.Transport->send(Req);
    if (!Resp)
      return Resp.takeError();
    if (ResponseHeaders)
      *ResponseHeaders = Resp->Headers;
    return parseResponse(*Resp);
  });
}

} // namespace rtc::cloud
