//===- PhaseTimerTest.cpp - RTCC_TIME_PHASES output -----------------------===//
#include "rtc/Plan/PhaseTimer.h"

#include <gtest/gtest.h>

#include <cstdlib>

using namespace rtc::plan;

namespace {
std::string printed(const PhaseTimer &T) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  T.print(OS);
  return OS.str();
}
size_t count(const std::string &S, const std::string &Needle) {
  size_t N = 0;
  for (size_t P = S.find(Needle); P != std::string::npos; P = S.find(Needle, P + 1))
    ++N;
  return N;
}
} // namespace

TEST(PhaseTimer, DisabledTimerPrintsNothing) {
  PhaseTimer T(false);
  T.mark("parse");
  EXPECT_EQ(printed(T), "");
}

TEST(PhaseTimer, EnabledTimerListsPhasesInOrderWithATotal) {
  PhaseTimer T(true);
  T.mark("parse");
  T.mark("sema");
  std::string S = printed(T);
  ASSERT_NE(S.find("parse"), std::string::npos) << S;
  EXPECT_LT(S.find("parse"), S.find("sema")) << S;
  EXPECT_NE(S.find("\ntotal"), std::string::npos) << S;
  EXPECT_NE(S.find("peak_rss_mb"), std::string::npos) << S;
}

TEST(PhaseTimer, RepeatedPhasesAddUpOnOneLine) {
  PhaseTimer T(true);
  T.mark("diff");
  T.mark("render");
  T.mark("diff");
  EXPECT_EQ(count(printed(T), "diff"), 1u);
}

TEST(PhaseTimer, ScopeMarksItsPhaseOnExit) {
  PhaseTimer T(true);
  { PhaseTimer::Scope S(&T, "state read"); }
  EXPECT_NE(printed(T).find("state read"), std::string::npos);
  PhaseTimer::Scope Null(nullptr, "ignored"); // no timer: nothing to do
}

TEST(PhaseTimer, EnvironmentVariableEnablesIt) {
  ::setenv("RTCC_TIME_PHASES", "1", 1);
  EXPECT_TRUE(PhaseTimer::fromEnvironment().enabled());
  ::setenv("RTCC_TIME_PHASES", "0", 1);
  EXPECT_FALSE(PhaseTimer::fromEnvironment().enabled());
  ::unsetenv("RTCC_TIME_PHASES");
  EXPECT_FALSE(PhaseTimer::fromEnvironment().enabled());
}

TEST(PhaseTimer, PeakRssIsKnownOnLinux) { EXPECT_GT(peakRssKb(), 0); }
