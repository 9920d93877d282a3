//===- WildcardTest.cpp - the single wildcard matcher ---------------------===//
#include "rtc/Policy/Wildcard.h"
#include "ReferenceEvaluator.h"
#include "gtest/gtest.h"
#include <chrono>
#include <vector>

using namespace rtc::policy;

namespace {

/// Every string of length 0..MaxLen over Alphabet.
std::vector<std::string> allStrings(const std::string &Alphabet,
                                    size_t MaxLen) {
  std::vector<std::string> Out{""};
  size_t From = 0;
  for (size_t Len = 1; Len <= MaxLen; ++Len) {
    size_t To = Out.size();
    for (size_t I = From; I < To; ++I)
      for (char C : Alphabet)
        Out.push_back(Out[I] + C);
    From = To;
  }
  return Out;
}

TEST(Wildcard, AgreesWithTheDefinitionOnEveryShortPatternAndValue) {
  auto Patterns = allStrings("ab*?", 5);
  auto Values = allStrings("ab", 6);
  size_t Checked = 0;
  for (const std::string &P : Patterns)
    for (const std::string &V : Values) {
      ASSERT_EQ(wildcardMatch(P, V), reference::matches(P, V, false))
          << "pattern '" << P << "' value '" << V << "'";
      ++Checked;
    }
  EXPECT_EQ(Checked, Patterns.size() * Values.size());
}

TEST(Wildcard, AgreesWithTheDefinitionIgnoringCase) {
  auto Patterns = allStrings("aB*?", 4);
  auto Values = allStrings("Ab", 5);
  for (const std::string &P : Patterns)
    for (const std::string &V : Values)
      ASSERT_EQ(wildcardMatch(P, V, CaseSensitivity::Insensitive),
                reference::matches(P, V, true))
          << "pattern '" << P << "' value '" << V << "'";
}

TEST(Wildcard, StarMatchesEmptyAndQuestionMarkExactlyOne) {
  EXPECT_TRUE(wildcardMatch("*", ""));
  EXPECT_TRUE(wildcardMatch("ots:*Row", "ots:Row"));
  EXPECT_TRUE(wildcardMatch("ots:*Row", "ots:GetRow"));
  EXPECT_FALSE(wildcardMatch("ots:*Row", "ots:GetRows"));
  EXPECT_TRUE(wildcardMatch("a?c", "abc"));
  EXPECT_FALSE(wildcardMatch("a?c", "ac"));
  EXPECT_FALSE(wildcardMatch("", "a"));
  EXPECT_TRUE(wildcardMatch("", ""));
}

TEST(Wildcard, ActionsIgnoreCaseButResourcesDoNot) {
  EXPECT_TRUE(actionMatches("ram:PassRole", "RAM:passrole"));
  EXPECT_TRUE(actionMatches("stream:get*", "stream:GetProject"));
  EXPECT_FALSE(
      resourceMatches("acs:stream:*:*:Clicks", "acs:stream:*:*:clicks"));
  EXPECT_TRUE(
      resourceMatches("acs:stream:*:*:clicks", "acs:stream:*:*:clicks"));
}

TEST(Wildcard, PathologicalPatternsFinishQuickly) {
  std::string Value(20000, 'a');
  std::string Pattern;
  for (int I = 0; I < 30; ++I)
    Pattern += "*a";
  Pattern += "*b"; // never matches: a backtracking matcher explodes here
  auto T0 = std::chrono::steady_clock::now();
  EXPECT_FALSE(wildcardMatch(Pattern, Value));
  EXPECT_TRUE(wildcardMatch(Pattern.substr(0, Pattern.size() - 1), Value));
  // The matcher's worst case: every retry of the one star rescans a long
  // literal, O(|P| * |V|) = 2 * 10^7 steps.
  EXPECT_FALSE(wildcardMatch("*" + std::string(1000, 'a') + "b", Value));
  std::string Stars(5000, '*');
  EXPECT_TRUE(wildcardMatch(Stars + "a" + Stars, Value));
  EXPECT_FALSE(wildcardMatch(Stars + "b" + Stars, Value));
  auto Ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - T0)
                .count();
  // O(|P| * |V|) worst case is ~10^8 steps here; exponential would never end.
  EXPECT_LT(Ms, 5000);
}

TEST(WildcardCovers, IsSoundOnEveryShortPatternPair) {
  auto Patterns = allStrings("ab*?", 3);
  auto Values = allStrings("ab", 5);
  size_t Covered = 0;
  for (const std::string &Outer : Patterns)
    for (const std::string &Inner : Patterns) {
      if (!wildcardCovers(Outer, Inner))
        continue;
      ++Covered;
      for (const std::string &V : Values) {
        if (reference::matches(Inner, V, false)) {
          ASSERT_TRUE(reference::matches(Outer, V, false))
              << "'" << Outer << "' claimed to cover '" << Inner
              << "' but misses '" << V << "'";
        }
      }
    }
  EXPECT_GT(Covered, Patterns.size()); // not vacuous: more than P covers P
}

TEST(WildcardCovers, FindsTheInclusionsPoliciesUse) {
  EXPECT_TRUE(wildcardCovers("*", "stream:*"));
  EXPECT_TRUE(wildcardCovers("stream:*", "stream:Get*"));
  EXPECT_TRUE(wildcardCovers("stream:*", "stream:GetProject"));
  EXPECT_TRUE(wildcardCovers("acs:stream:*:*:*", "acs:stream:*:*:clicks"));
  EXPECT_TRUE(wildcardCovers("stream:*", "STREAM:GetJob",
                             CaseSensitivity::Insensitive));
  EXPECT_FALSE(wildcardCovers("stream:Get*", "stream:*"));
  EXPECT_FALSE(wildcardCovers("a?", "a*"));
  EXPECT_FALSE(
      wildcardCovers("acs:stream:*:*:clicks", "acs:stream:*:*:Clicks"));
}

TEST(Wildcard, HasWildcardSeesStarAndQuestionMark) {
  EXPECT_TRUE(hasWildcard("ots:*Row"));
  EXPECT_TRUE(hasWildcard("a?"));
  EXPECT_FALSE(hasWildcard("ram:PassRole"));
}

} // namespace
