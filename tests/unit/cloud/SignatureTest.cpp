// Signing vectors: the RPC vector of docs/service.md#rpc-signature and ROA vectors whose
// expected values were computed with `openssl dgst -sha1 -hmac` by hand.
#include "rtc/Cloud/Signature.h"

#include <gtest/gtest.h>

using namespace rtc::cloud;

namespace {

ParamMap describeRegionsParams() {
  return {{"AccessKeyId", "testid"},
          {"Action", "DescribeRegions"},
          {"Format", "XML"},
          {"Version", "2014-05-26"},
          {"SignatureMethod", "HMAC-SHA1"},
          {"SignatureVersion", "1.0"},
          {"SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"},
          {"Timestamp", "2016-02-23T12:46:24Z"}};
}

TEST(PercentEncode, KeepsUnreservedCharacters) {
  EXPECT_EQ(percentEncode("AZaz09-_.~"), "AZaz09-_.~");
}

TEST(PercentEncode, EncodesSpaceAsPercent20NotPlus) {
  EXPECT_EQ(percentEncode("a b"), "a%20b");
}

TEST(PercentEncode, EncodesSubDelimsLikeRfc3986) {
  EXPECT_EQ(percentEncode("!'()*"), "%21%27%28%29%2A");
  EXPECT_EQ(percentEncode("/:=&+,;@?#"), "%2F%3A%3D%26%2B%2C%3B%40%3F%23");
}

TEST(PercentEncode, EncodesUtf8BytesWithUpperCaseHex) {
  EXPECT_EQ(percentEncode("\xE4\xB8\xAD"), "%E4%B8%AD"); // U+4E2D
  EXPECT_EQ(percentEncode(llvm::StringRef("\0\x7f", 2)), "%00%7F");
}

TEST(PercentEncode, EmptyStringStaysEmpty) { EXPECT_EQ(percentEncode(""), ""); }

TEST(Base64, PadsAllRemainderLengths) {
  EXPECT_EQ(base64Encode(""), "");
  EXPECT_EQ(base64Encode("f"), "Zg==");
  EXPECT_EQ(base64Encode("fo"), "Zm8=");
  EXPECT_EQ(base64Encode("foo"), "Zm9v");
  EXPECT_EQ(base64Encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64Encode("\xff\xfe"), "//4=");
}

TEST(Md5Base64, EmptyBodyMatchesSdkConstant) {
  EXPECT_EQ(md5Base64(""), "1B2M2Y8AsgTpgAmY7PhCfg==");
}

TEST(Md5Base64, JsonBody) {
  EXPECT_EQ(md5Base64(R"({"name":"clicks"})"), "om9tbeR41ey40xPwjePzOg==");
}

TEST(HmacSha1, Rfc2202Case2) {
  EXPECT_EQ(base64Encode(hmacSha1("Jefe", "what do ya want for nothing?")),
            base64Encode("\xef\xfc\xdf\x6a\xe5\xeb\x2f\xa2\xd2\x74\x16\xd5\xf1"
                         "\x84\xdf\x9c\x25\x9a\x7c\x79"));
}

TEST(RpcSignature, CanonicalQueryIsSortedAndEncoded) {
  EXPECT_EQ(rpcCanonicalQuery(describeRegionsParams()),
            "AccessKeyId=testid&Action=DescribeRegions&Format=XML&"
            "SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-"
            "4e0ad82fd6cf&SignatureVersion=1.0&Timestamp=2016-02-23T12%3A46%"
            "3A24Z&Version=2014-05-26");
}

TEST(RpcSignature, ReproducesCloudApiVector) {
  std::string S = rpcStringToSign("GET", describeRegionsParams());
  EXPECT_EQ(S.substr(0, 10), "GET&%2F&Ac");
  EXPECT_EQ(rpcSignature("testsecret", S), "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
}

TEST(RpcSignature, IgnoresSignatureParameter) {
  ParamMap P = describeRegionsParams();
  P["Signature"] = "whatever";
  EXPECT_EQ(rpcSignature("testsecret", rpcStringToSign("GET", P)),
            "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
}

TEST(RpcSignature, MethodIsPartOfTheSignature) {
  EXPECT_NE(rpcSignature("testsecret",
                         rpcStringToSign("POST", describeRegionsParams())),
            "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
}

TEST(RpcSignature, SortsByByteOrderUpperCaseFirst) {
  ParamMap P{{"b", "1"}, {"B", "2"}, {"a", "3"}};
  EXPECT_EQ(rpcCanonicalQuery(P), "B=2&a=3&b=1");
}

RoaRequestParts listClustersParts() {
  RoaRequestParts P;
  P.Method = "GET";
  P.Accept = "application/json";
  P.ContentMd5 = "1B2M2Y8AsgTpgAmY7PhCfg==";
  P.Date = "Wed, 25 Nov 2026 10:00:00 GMT";
  P.AcsHeaders = {{"x-acs-signature-method", "HMAC-SHA1"},
                  {"x-acs-signature-nonce", "nonce-123"},
                  {"x-acs-signature-version", "1.0"},
                  {"x-acs-version", "2018-11-11"}};
  P.Path = "/api/v2/clusters";
  P.Query = {{"pageSize", "50"}, {"pageIndex", "1"}};
  return P;
}

TEST(RoaSignature, StringToSignLayout) {
  EXPECT_EQ(roaStringToSign(listClustersParts()),
            "GET\napplication/json\n1B2M2Y8AsgTpgAmY7PhCfg==\n\n"
            "Wed, 25 Nov 2026 10:00:00 GMT\n"
            "x-acs-signature-method:HMAC-SHA1\n"
            "x-acs-signature-nonce:nonce-123\n"
            "x-acs-signature-version:1.0\n"
            "x-acs-version:2018-11-11\n"
            "/api/v2/clusters?pageIndex=1&pageSize=50");
}

// Expected values: printf '<string>' | openssl dgst -sha1 -hmac testsecret
// -binary | base64
TEST(RoaSignature, GetWithQueryMatchesOpensslVector) {
  EXPECT_EQ(roaSignature("testsecret", roaStringToSign(listClustersParts())),
            "CslmOQY110A0a+cARruxtG8HTrU=");
}

TEST(RoaSignature, PostWithBodyMatchesOpensslVector) {
  RoaRequestParts P;
  P.Method = "POST";
  P.Accept = "application/json";
  P.ContentMd5 = md5Base64(R"({"name":"clicks"})");
  P.ContentType = "application/json";
  P.Date = "Wed, 25 Nov 2026 10:00:00 GMT";
  P.AcsHeaders = {{"x-acs-signature-method", "HMAC-SHA1"},
                  {"x-acs-signature-nonce", "nonce-456"},
                  {"x-acs-signature-version", "1.0"},
                  {"x-acs-version", "2018-11-11"}};
  P.Path = "/api/v2/projects";
  EXPECT_EQ(roaSignature("testsecret", roaStringToSign(P)),
            "HrGh2PWNLd8u+nUlACX4qTLVREQ=");
}

TEST(RoaSignature, EmptyQueryValueRendersKeyEquals) {
  RoaRequestParts P;
  P.Method = "GET";
  P.Path = "/p";
  P.Query = {{"a", ""}, {"b", "x"}};
  EXPECT_EQ(roaStringToSign(P), "GET\n\n\n\n\n/p?a=&b=x");
}

TEST(RoaSignature, KeyHasNoAmpersandUnlikeRpc) {
  EXPECT_NE(roaSignature("k", "data"), rpcSignature("k", "data"));
  EXPECT_EQ(roaSignature("k&", "data"), rpcSignature("k", "data"));
}

} // namespace
