// The emulator's request lock admits waiters in arrival order.
#include "rtc/Emulator/FairMutex.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <vector>

namespace rtc::emulator {
namespace {

void waitUntilWaiting(FairMutex &M, uint64_t N) {
  while (M.waiting() < N)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

TEST(FairMutex, WaitersGetTheLockInTheOrderTheyArrived) {
  FairMutex M;
  std::vector<int> Order;
  std::vector<std::thread> Threads;
  M.lock();
  for (int I = 0; I < 8; ++I) {
    Threads.emplace_back([&M, &Order, I] {
      std::lock_guard<FairMutex> G(M);
      Order.push_back(I);
    });
    waitUntilWaiting(M, I + 1); // thread I holds ticket I + 1
  }
  M.unlock();
  for (std::thread &T : Threads)
    T.join();
  EXPECT_EQ(Order, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7}));
  EXPECT_EQ(M.waiting(), 0u);
}

// The property std::mutex lacks: a thread that unlocks and locks again at
// once goes behind the thread already waiting.
TEST(FairMutex, RelockingGoesBehindAWaiter) {
  FairMutex M;
  std::vector<char> Order;
  M.lock();
  std::thread Waiter([&] {
    std::lock_guard<FairMutex> G(M);
    Order.push_back('w');
  });
  waitUntilWaiting(M, 1);
  M.unlock();
  M.lock();
  Order.push_back('r');
  M.unlock();
  Waiter.join();
  EXPECT_EQ(Order, (std::vector<char>{'w', 'r'}));
}

} // namespace
} // namespace rtc::emulator
