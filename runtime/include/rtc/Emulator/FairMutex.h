//===- FairMutex.h - a mutex that admits waiters in arrival order -*- C++ -*-===//
//
// The emulator serialises every request. With std::mutex, a thread that
// unlocks and locks again at once usually wins, so under 50 concurrent
// clients a few requests waited hundreds of milliseconds while others went
// round many times (p99 450 ms at 590 requests/s). A ticket lock admits
// waiters first come, first served: a request waits for at most the ones
// queued before it.
//
//===----------------------------------------------------------------------===//
#ifndef RTCC_EMULATOR_FAIRMUTEX_H
#define RTCC_EMULATOR_FAIRMUTEX_H

#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace rtc::emulator {

class FairMutex {
public:
  void lock() {
    std::unique_lock<std::mutex> L(M);
    uint64_t Ticket = Next++;
    Turn.wait(L, [&] { return Serving == Ticket; });
  }
  void unlock() {
    {
      std::lock_guard<std::mutex> L(M);
      ++Serving;
    }
    Turn.notify_all();
  }
  /// Threads waiting for their turn (not the holder); for tests.
  uint64_t waiting() {
    std::lock_guard<std::mutex> L(M);
    return Next - Serving - (Next > Serving ? 1 : 0);
  }

private:
  std::mutex M;
  std::condition_variable Turn;
  uint64_t Next = 0, Serving = 0;
};

} // namespace rtc::emulator

#endif
