//===- FullMatchTest.cpp - the one-pass matcher agrees with llvm::Regex ---===//
//
// FullMatcher replaces llvm::Regex for the simple shape of the stdlib's name
// rules. It must give the same answer as the anchored regex on every
// pattern the stdlib has, and fall back for every other one.
//
//===----------------------------------------------------------------------===//
#include "rtc/IR/FullMatch.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Regex.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using rtc::ir::FullMatcher;

namespace {

/// Every backtick string of the stdlib file that starts with `^` (the
/// patterns), read from the file itself so the test follows the stdlib.
std::vector<std::string> stdlibPatterns(const std::string &File) {
  auto Buf = llvm::MemoryBuffer::getFile(std::string(STDLIB_DIR) + "/" + File);
  EXPECT_TRUE(static_cast<bool>(Buf)) << File;
  std::vector<std::string> Out;
  if (!Buf)
    return Out;
  llvm::StringRef Text = (*Buf)->getBuffer();
  for (size_t At = Text.find("`^"); At != llvm::StringRef::npos;
       At = Text.find("`^", At + 1)) {
    size_t End = Text.find('`', At + 1);
    if (End == llvm::StringRef::npos)
      break;
    Out.push_back(Text.slice(At + 1, End).str());
  }
  return Out;
}

bool byRegex(const std::string &Pattern, llvm::StringRef S) {
  llvm::Regex Re(Pattern);
  llvm::SmallVector<llvm::StringRef, 2> Groups;
  return Re.match(S, &Groups) && !Groups.empty() && Groups[0] == S;
}

const char *const Samples[] = {"",
                               "a",
                               "alice",
                               "Alice.B_c-d",
                               "-alice",
                               ".x",
                               "_",
                               "ab",
                               "abc",
                               "a_1",
                               "1abc",
                               "Abc",
                               "abc-def",
                               "clicks_dev",
                               "x y",
                               "ü",
                               "a/b",
                               "blink-3.3.0",
                               "blink-3.4.0-beta1",
                               "blink-3.3",
                               "policy-1"};

void expectSameAsRegex(const std::string &Pattern) {
  FullMatcher M(Pattern);
  std::string Error;
  ASSERT_TRUE(M.isValid(Error)) << Pattern << ": " << Error;
  std::vector<std::string> Inputs(std::begin(Samples), std::end(Samples));
  for (size_t N : {62, 63, 64, 65, 127, 128, 129})
    Inputs.push_back("a" + std::string(N, 'b'));
  for (const std::string &S : Inputs)
    EXPECT_EQ(M.matches(S), byRegex(Pattern, S))
        << "pattern " << Pattern << " on \"" << S << "\"";
}

TEST(FullMatch, AgreesWithRegexOnEveryStdlibPattern) {
  std::vector<std::string> All = stdlibPatterns("alicloud/limits.rtc");
  ASSERT_GE(All.size(), 4u); // user, group, policy, project name rules
  for (const std::string &P : stdlibPatterns("alicloud/engines.rtc"))
    All.push_back(P);
  for (const std::string &P : All)
    expectSameAsRegex(P);
}

TEST(FullMatch, TheNameRulesTakeTheOnePassPath) {
  for (const std::string &P : stdlibPatterns("alicloud/limits.rtc"))
    EXPECT_TRUE(FullMatcher(P).isSimple()) << P;
}

TEST(FullMatch, OtherShapesFallBackToTheRegex) {
  for (const char *P : {"^(a|b)+$", "^a.c$", "abc", "^[[:alpha:]]+$",
                        "^a{2,1}$", "^blink-[0-9]+(-[a-z]+)?$"}) {
    FullMatcher M(P);
    EXPECT_FALSE(M.isSimple()) << P;
  }
  expectSameAsRegex("^(a|b)+$");
  expectSameAsRegex("^blink-[0-9]+\\.[0-9]+\\.[0-9]+(-[a-z0-9]+)?$");
}

TEST(FullMatch, CountsAndClasses) {
  for (const char *P : {"^[a-z]{3}$", "^[a-z]{2,}$", "^a?b*c+$",
                        "^[^-][a-z-]{0,3}$", "^x[0-9]{1,2}y$", "^[a-c]-[x]$"}) {
    EXPECT_TRUE(FullMatcher(P).isSimple()) << P;
    expectSameAsRegex(P);
  }
}

TEST(FullMatch, LinearOnALongInput) {
  FullMatcher M("^[A-Za-z0-9._][A-Za-z0-9._-]{0,63}$");
  std::string Long(8 << 20, 'a');
  EXPECT_FALSE(M.matches(Long));
  EXPECT_TRUE(M.matches(std::string(64, 'a')));
}

} // namespace
