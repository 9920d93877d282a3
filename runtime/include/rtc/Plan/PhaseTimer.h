//===- PhaseTimer.h - wall time and peak memory per phase -------*- C++ -*-===//
//
// `RTCC_TIME_PHASES=1 rtcc plan …` prints how long each phase took (parse,
// sema, state read, diff, …) and the peak RSS after it, on stderr, so a slow
// plan can be attributed without a profiler. Disabled, it costs one branch
// per phase. One timer per command run: no global state.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_PLAN_PHASETIMER_H
#define RTC_PLAN_PHASETIMER_H

#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <string>
#include <vector>

namespace rtc::plan {

class PhaseTimer {
public:
  /// Enabled when the environment variable RTCC_TIME_PHASES is set to a
  /// non-empty value other than "0".
  static PhaseTimer fromEnvironment();
  explicit PhaseTimer(bool Enabled = false);

  bool enabled() const { return Enabled; }
  /// Ends the current phase (started at construction or by the previous
  /// mark) and names it. Phases with the same name add up.
  void mark(const std::string &Phase);
  /// Prints `phase  ms  peak-RSS` lines and the total; nothing when disabled.
  void print(llvm::raw_ostream &OS) const;

  /// Marks the phase when it goes out of scope, so early returns count:
  ///   { PhaseTimer::Scope S(T, "diff"); … }
  class Scope {
  public:
    Scope(PhaseTimer *T, std::string Phase);
    ~Scope();
    Scope(const Scope &) = delete;
    Scope &operator=(const Scope &) = delete;

  private:
    PhaseTimer *T;
    std::string Phase;
  };

private:
  using Clock = std::chrono::steady_clock;
  struct Entry {
    std::string Name;
    double Ms = 0;
    long PeakRssKb = 0;
  };
  bool Enabled;
  Clock::time_point Start, Last;
  std::vector<Entry> Entries;
};

/// Peak resident set size of this process so far, in KiB (0 if unknown).
long peakRssKb();

} // namespace rtc::plan

#endif
