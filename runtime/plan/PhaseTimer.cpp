//===- PhaseTimer.cpp - wall time and peak memory per phase ---------------===//
#include "rtc/Plan/PhaseTimer.h"

#include "llvm/Support/Format.h"

#include <sys/resource.h>

#include <cstdlib>
#include <cstring>

namespace rtc::plan {

long peakRssKb() {
  struct rusage U;
  if (getrusage(RUSAGE_SELF, &U) != 0)
    return 0;
  return U.ru_maxrss; // KiB on Linux
}

PhaseTimer PhaseTimer::fromEnvironment() {
  const char *V = std::getenv("RTCC_TIME_PHASES");
  return PhaseTimer(V && *V && std::strcmp(V, "0") != 0);
}

PhaseTimer::PhaseTimer(bool Enabled)
    : Enabled(Enabled), Start(Clock::now()), Last(Start) {}

void PhaseTimer::mark(const std::string &Phase) {
  if (!Enabled)
    return;
  Clock::time_point Now = Clock::now();
  double Ms = std::chrono::duration<double, std::milli>(Now - Last).count();
  Last = Now;
  long Rss = peakRssKb();
  for (Entry &E : Entries)
    if (E.Name == Phase) {
      E.Ms += Ms;
      E.PeakRssKb = Rss;
      return;
    }
  Entries.push_back({Phase, Ms, Rss});
}

void PhaseTimer::print(llvm::raw_ostream &OS) const {
  if (!Enabled)
    return;
  size_t Width = 5;
  for (const Entry &E : Entries)
    Width = std::max(Width, E.Name.size());
  OS << "phase";
  OS.indent(Width - 5) << "        ms   peak_rss_mb\n";
  double Total = 0;
  for (const Entry &E : Entries) {
    Total += E.Ms;
    OS << E.Name;
    OS.indent(Width - E.Name.size())
        << llvm::format(" %9.1f %13.1f\n", E.Ms, E.PeakRssKb / 1024.0);
  }
  OS << "total";
  OS.indent(Width - 5) << llvm::format(" %9.1f %13.1f\n", Total,
                                       peakRssKb() / 1024.0);
}

PhaseTimer::Scope::Scope(PhaseTimer *T, std::string Phase)
    : T(T), Phase(std::move(Phase)) {
  // Time before the scope belongs to whatever ran before it.
  if (this->T)
    this->T->mark("(other)");
}

PhaseTimer::Scope::~Scope() {
  if (T)
    T->mark(Phase);
}

} // namespace rtc::plan
