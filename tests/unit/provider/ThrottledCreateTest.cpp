// The must-show: under 30% throttling (fixed seed), creating 200
// users through the user provider, 50 threads at a time as the executor
// does, ends with exactly 200 users and no duplicates.
#include "ProviderTestSupport.h"

#include "rtc/Cloud/RamClient.h"

#include <atomic>
#include <thread>

namespace rtc::provider::test {
namespace {

class ThrottledCreate : public ProviderTest {};

TEST_F(ThrottledCreate, TwoHundredUsersUnderThirtyPercentThrottlingMakeExactlyTwoHundred) {
  auto F = admin("POST", "/_emulator/faults", {{"Seed", 42}, {"ThrottleRate", 0.3}});
  ASSERT_EQ(F.Status, 200) << F.Body;
  // Enough attempts that 0.3^N is negligible; short sleeps so the test takes
  // seconds (the backoff schedule itself is tested in RetryTest).
  Cfg.Retry.MaxAttempts = 30;
  std::atomic<int> Sleeps{0};
  Cfg.Sleep = [&](std::chrono::milliseconds) {
    ++Sleeps;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  };
  P = makeAlicloudProviders(Cfg, "cn-hangzhou", Wait);
  ResourceProvider *Users = P->forKind("user");
  ASSERT_NE(Users, nullptr);

  constexpr int N = 200, Threads = 50;
  std::vector<std::string> Failures(N), Ids(N);
  std::atomic<int> Next{0};
  std::vector<std::thread> Pool;
  for (int T = 0; T < Threads; ++T)
    Pool.emplace_back([&] {
      for (int I = Next++; I < N; I = Next++) {
        Desired D;
        D.Address = "user.u" + std::to_string(I);
        D.Kind = "user";
        D.Name = "u" + std::to_string(I);
        D.Attributes = {{"name", "user-" + std::to_string(I)}};
        auto O = Users->create(D, nullptr);
        if (!O)
          Failures[I] = llvm::toString(O.takeError());
        else
          Ids[I] = O->Attributes.value("id", "");
      }
    });
  for (std::thread &T : Pool)
    T.join();
  for (int I = 0; I < N; ++I)
    EXPECT_EQ(Failures[I], "") << "user-" << I;
  EXPECT_GT(Sleeps.load(), 0) << "no call was throttled: the test shows nothing";

  ASSERT_EQ(admin("POST", "/_emulator/faults", {{"ThrottleRate", 0.0}}).Status, 200);
  EXPECT_EQ(count("User"), N);
  cloud::RamClient Ram(Cfg);
  auto All = must(Ram.listAllUsers());
  std::set<std::string> Names, UserIds;
  for (const cloud::RamUser &U : All) {
    Names.insert(U.UserName);
    UserIds.insert(U.UserId);
  }
  EXPECT_EQ(All.size(), static_cast<size_t>(N));
  EXPECT_EQ(Names.size(), static_cast<size_t>(N));
  EXPECT_EQ(UserIds.size(), static_cast<size_t>(N));
  // Every provider answer names the user RAM has.
  EXPECT_EQ(std::set<std::string>(Ids.begin(), Ids.end()), UserIds);
}

} // namespace
} // namespace rtc::provider::test
