//===- EditDistanceTest.cpp - "did you mean" suggestions ------------------===//
#include "rtc/Diag/EditDistance.h"
#include <gtest/gtest.h>

using namespace rtc;

namespace {

const std::vector<std::string> Kinds = {
    "user",   "group",   "group_membership",
    "policy", "role",    "policy_attachment",
    "order",  "project", "cluster",
    "job"};

TEST(EditDistance, SuggestsTheClosestName) {
  EXPECT_EQ(closestMatch("clustr", Kinds), "cluster");
  EXPECT_EQ(closestMatch("projcet", Kinds), "project");
  EXPECT_EQ(closestMatch("polcy", Kinds), "policy");
}

TEST(EditDistance, ReturnsNothingWhenNothingIsClose) {
  EXPECT_EQ(closestMatch("database", Kinds), std::nullopt);
  EXPECT_EQ(closestMatch("x", Kinds), std::nullopt);
  EXPECT_EQ(closestMatch("cluster", {}), std::nullopt);
}

TEST(EditDistance, NeverSuggestsACompletelyDifferentShortName) {
  // Distance 1 is within the limit for a one-letter name, but every letter
  // differs, so it is no typo.
  EXPECT_EQ(closestMatch("a", {"b"}), std::nullopt);
  EXPECT_EQ(closestMatch("a", {"ab"}), "ab");
}

TEST(EditDistance, ExactMatchWins) {
  EXPECT_EQ(closestMatch("job", Kinds), "job");
}

TEST(EditDistance, DefaultLimitGrowsWithLength) {
  EXPECT_EQ(defaultMaxEditDistance(""), 1u);
  EXPECT_EQ(defaultMaxEditDistance("ab"), 1u);
  EXPECT_EQ(defaultMaxEditDistance("abcd"), 2u);
  EXPECT_EQ(defaultMaxEditDistance("cluster"), 3u);
  // "clstr" is 2 edits from "cluster": allowed for length 5 (limit 2).
  EXPECT_EQ(closestMatch("clstr", Kinds), "cluster");
  // "cl" would need 5: too far.
  EXPECT_EQ(closestMatch("cl", Kinds), std::nullopt);
}

TEST(EditDistance, ExplicitLimitOverridesTheDefault) {
  EXPECT_EQ(closestMatch("clustr", Kinds, 0u), std::nullopt);
  EXPECT_EQ(closestMatch("clu", {"cluster"}), std::nullopt);
  EXPECT_EQ(closestMatch("clu", {"cluster"}, 4u), "cluster");
}

TEST(EditDistance, TiesAreBrokenByCaseThenAlphabetRegardlessOfOrder) {
  // "bat" and "cat" are both one edit from "aat".
  EXPECT_EQ(closestMatch("aat", {"cat", "bat"}), "bat");
  EXPECT_EQ(closestMatch("aat", {"bat", "cat"}), "bat");
  // Both one edit from "kind"; "Kind" differs only by case, so it wins even
  // though "Bind" sorts first.
  EXPECT_EQ(closestMatch("kind", {"Bind", "Kind"}), "Kind");
  EXPECT_EQ(closestMatch("kind", {"Kind", "Bind"}), "Kind");
}

} // namespace
