// Authentication of RPC and ROA requests.
#include "rtc/Emulator/RequestVerifier.h"

#include "rtc/Emulator/DomainTables.h"
#include "rtc/Emulator/EmulatorError.h"
#include "rtc/Emulator/Store.h"

#include "llvm/ADT/StringExtras.h"

#include <cstdlib>
#include <ctime>

namespace rtc::emulator {

std::string IncomingRequest::header(const std::string &LowerName) const {
  auto It = Headers.find(LowerName);
  return It == Headers.end() ? std::string() : It->second;
}

std::optional<int64_t> parseIso8601(const std::string &Text) {
  std::tm Tm{};
  const char *End = strptime(Text.c_str(), "%Y-%m-%dT%H:%M:%SZ", &Tm);
  if (!End || *End)
    return std::nullopt;
  return static_cast<int64_t>(timegm(&Tm));
}

std::optional<int64_t> parseRfc1123(const std::string &Text) {
  std::tm Tm{};
  const char *End = strptime(Text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &Tm);
  if (!End || *End)
    return std::nullopt;
  return static_cast<int64_t>(timegm(&Tm));
}

std::string formatIso8601(int64_t UnixSeconds) {
  std::time_t T = static_cast<std::time_t>(UnixSeconds);
  std::tm Tm{};
  gmtime_r(&T, &Tm);
  char Buf[32];
  std::strftime(Buf, sizeof Buf, "%Y-%m-%dT%H:%M:%SZ", &Tm);
  return Buf;
}

bool constantTimeEquals(const std::string &A, const std::string &B) {
  if (A.size() != B.size())
    return false;
  unsigned char Diff = 0;
  for (size_t I = 0; I < A.size(); ++I)
    Diff |= static_cast<unsigned char>(A[I] ^ B[I]);
  return Diff == 0;
}

namespace {

Caller lookupKey(Store &S, const std::string &KeyId) {
  auto Key = S.get("AccessKey", KeyId);
  if (!Key || Key->value("Status", "Active") != "Active")
    fail(Err::AccessKeyNotFound);
  Caller C;
  C.AccountId = S.meta("account.id");
  C.UserName = Key->value("UserName", "");
  C.AccessKeyId = KeyId;
  return C;
}

void checkWindow(int64_t SignedAt, int64_t NowMs, const std::string &Shown) {
  int64_t Skew = NowMs / 1000 - SignedAt;
  if (std::llabs(Skew) > domainLimits().MaxClockSkewSeconds)
    fail(Err::TimestampExpired, {Shown});
}

void checkNonce(Store &S, const std::string &Nonce, int64_t NowMs) {
  // A nonce older than the timestamp window can never be replayed (the
  // timestamp check refuses it first), so old nonces are dropped.
  S.forgetNoncesBefore(NowMs - 2 * domainLimits().MaxClockSkewSeconds * 1000);
  if (!S.recordNonce(Nonce, NowMs))
    fail(Err::NonceUsed);
}

std::string secretOf(Store &S, const std::string &KeyId) {
  return S.get("AccessKey", KeyId)->value("AccessKeySecret", "");
}
} // namespace

Caller verifyRpc(Store &S, const std::string &Method,
                 const cloud::ParamMap &Params, int64_t NowMs) {
  for (const char *Required :
       {"AccessKeyId", "Signature", "SignatureNonce", "Timestamp"})
    if (!Params.count(Required))
      fail(Err::MissingParameter, {Required});
  auto Get = [&](const char *K) {
    auto It = Params.find(K);
    return It == Params.end() ? std::string() : It->second;
  };
  if ((Params.count("SignatureMethod") && Get("SignatureMethod") != "HMAC-SHA1") ||
      (Params.count("SignatureVersion") && Get("SignatureVersion") != "1.0"))
    fail(Err::UnsupportedSignatureMethod);

  Caller C = lookupKey(S, Get("AccessKeyId"));
  std::string StringToSign = cloud::rpcStringToSign(Method, Params);
  std::string Expected =
      cloud::rpcSignature(secretOf(S, C.AccessKeyId), StringToSign);
  if (!constantTimeEquals(Expected, Get("Signature")))
    fail(Err::SignatureDoesNotMatch, {StringToSign});

  auto SignedAt = parseIso8601(Get("Timestamp"));
  if (!SignedAt)
    fail(Err::TimestampFormat, {Get("Timestamp")});
  checkWindow(*SignedAt, NowMs, Get("Timestamp"));
  checkNonce(S, Get("SignatureNonce"), NowMs);
  return C;
}

Caller verifyRoa(Store &S, const IncomingRequest &R, int64_t NowMs) {
  std::string Auth = R.header("authorization");
  llvm::StringRef A(Auth);
  if (Auth.empty())
    fail(Err::MissingParameter, {"Authorization"});
  if (!A.consume_front("acs ") || !A.contains(':'))
    fail(Err::InvalidParameter, {"Authorization", "expected \"acs <AccessKeyId>:<Signature>\""});
  auto [KeyId, Signature] = A.split(':');
  for (const char *Required : {"date", "x-acs-signature-nonce"})
    if (R.header(Required).empty())
      fail(Err::MissingParameter, {Required});
  std::string Method = R.header("x-acs-signature-method");
  if (!Method.empty() && Method != "HMAC-SHA1")
    fail(Err::UnsupportedSignatureMethod);

  Caller C = lookupKey(S, KeyId.str());

  cloud::RoaRequestParts P;
  P.Method = R.Method;
  P.Accept = R.header("accept");
  P.ContentMd5 = R.header("content-md5");
  P.ContentType = R.header("content-type");
  P.Date = R.header("date");
  for (const auto &[Name, Value] : R.Headers)
    if (llvm::StringRef(Name).startswith("x-acs-"))
      P.AcsHeaders[Name] = llvm::StringRef(Value).trim().str();
  P.Path = R.RawPath.empty() ? R.Path : R.RawPath;
  P.Query = R.Query;
  std::string StringToSign = cloud::roaStringToSign(P);
  std::string Expected =
      cloud::roaSignature(secretOf(S, C.AccessKeyId), StringToSign);
  if (!constantTimeEquals(Expected, Signature.str()))
    fail(Err::SignatureDoesNotMatch, {StringToSign});
  if (!P.ContentMd5.empty() && P.ContentMd5 != cloud::md5Base64(R.Body))
    fail(Err::ContentMd5Mismatch);

  auto SignedAt = parseRfc1123(P.Date);
  if (!SignedAt)
    fail(Err::TimestampFormat, {P.Date});
  checkWindow(*SignedAt, NowMs, P.Date);
  checkNonce(S, R.header("x-acs-signature-nonce"), NowMs);
  return C;
}

} // namespace rtc::emulator
