// RAM policy semantics, tested directly.
#include "rtc/Emulator/PolicyEvaluator.h"

#include "gtest/gtest.h"

namespace rtc::emulator {
namespace {

using nlohmann::json;

TEST(PolicyEvaluator, WildcardsMatchRunsAndSingleCharacters) {
  EXPECT_TRUE(wildcardMatch("stream:*", "stream:CreateJob", true));
  EXPECT_TRUE(wildcardMatch("ram:List?sers", "ram:ListUsers", true));
  EXPECT_FALSE(wildcardMatch("ram:List?sers", "ram:ListGroups", true));
  EXPECT_TRUE(wildcardMatch("ots:*Row", "ots:GetRow", true));
  EXPECT_TRUE(wildcardMatch("*", "", false));
  EXPECT_FALSE(wildcardMatch("?", "", false));
  EXPECT_TRUE(wildcardMatch("STREAM:createjob", "stream:CreateJob", true));
  EXPECT_FALSE(wildcardMatch("Clicks", "clicks", false));
}

TEST(PolicyEvaluator, ArnsMatchSegmentBySegment) {
  EXPECT_TRUE(resourceMatch("acs:stream:*:*:clicks", "acs:stream:cn-hangzhou:123:clicks"));
  EXPECT_FALSE(resourceMatch("acs:stream:*:*:clicks", "acs:stream:cn-hangzhou:123:views"));
  EXPECT_FALSE(resourceMatch("acs:stream:*:*:*", "acs:ram:*:123:user/a"));
  EXPECT_TRUE(resourceMatch("acs:ram:*:*:*", "acs:ram:*:123:role/aliyunstreamdefaultrole"));
  EXPECT_TRUE(resourceMatch("*", "acs:oss:*:*:bucket"));
}

TEST(PolicyEvaluator, ExplicitDenyBeatsAllowAndDefaultIsDeny) {
  json Allow = json::parse(R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"stream:*","Resource":"*"}]})");
  json Deny = json::parse(R"({"Version":"1","Statement":[{"Effect":"Deny","Action":"stream:Delete*","Resource":"*"}]})");
  EXPECT_EQ(evaluatePolicies({Allow}, "stream:DeleteJob", "acs:stream:r:1:p"), Decision::Allow);
  EXPECT_EQ(evaluatePolicies({Allow, Deny}, "stream:DeleteJob", "acs:stream:r:1:p"), Decision::ExplicitDeny);
  EXPECT_EQ(evaluatePolicies({Allow, Deny}, "stream:GetJob", "acs:stream:r:1:p"), Decision::Allow);
  EXPECT_EQ(evaluatePolicies({}, "stream:GetJob", "acs:stream:r:1:p"), Decision::ImplicitDeny);
  EXPECT_EQ(evaluatePolicies({Allow}, "ram:ListUsers", "*"), Decision::ImplicitDeny);
}

TEST(PolicyEvaluator, ChecksDocumentsLikeRam) {
  EXPECT_FALSE(checkPolicyDocument(
      R"({"Version":"1","Statement":[{"Action":"stream:*","Resource":"acs:stream:*:*:*","Effect":"Allow"}]})"));
  EXPECT_TRUE(checkPolicyDocument("not json"));
  EXPECT_TRUE(checkPolicyDocument(R"({"Version":"2","Statement":[]})"));
  EXPECT_TRUE(checkPolicyDocument(
      R"({"Version":"1","Statement":[{"Action":"dhs>DeleteTopic","Resource":"*","Effect":"Allow"}]})"));
  EXPECT_TRUE(checkPolicyDocument(
      R"({"Version":"1","Statement":[{"Action":"stream:*","Resource":"*","Effect":"Maybe"}]})"));
}

} // namespace
} // namespace rtc::emulator
