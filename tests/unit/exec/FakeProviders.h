//===- FakeProviders.h - an in-memory cloud for executor tests --*- C++ -*-===//
//
// The executor's contract with providers (ordering, idempotency, failure
// handling) is tested here against a map; the real providers are tested
// against the emulator in tests/unit/provider and tests/suites/apply.sh.
//
//===----------------------------------------------------------------------===//
#ifndef RTCC_TESTS_FAKEPROVIDERS_H
#define RTCC_TESTS_FAKEPROVIDERS_H

#include "rtc/Provider/Provider.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace rtc::test {

class FakeCloud : public provider::Providers,
                  public provider::ResourceProvider {
public:
  provider::ResourceProvider *forKind(llvm::StringRef) override { return this; }

  llvm::Expected<provider::Observed>
  create(const provider::Desired &D, const provider::ProgressFn &P) override;
  llvm::Expected<std::optional<provider::Observed>>
  read(const state::ResourceState &S, const provider::RefLookup &) override;
  llvm::Expected<provider::Observed>
  update(const state::ResourceState &Prior, const provider::Desired &D,
         const provider::ProgressFn &P) override;
  llvm::Error remove(const state::ResourceState &S,
                     const provider::ProgressFn &P) override;
  llvm::Expected<provider::Observed>
  importById(const std::string &Id, const provider::Desired *) override;
  bool savedBeforeDependents() const override { return SavedBeforeDependents; }

  llvm::Error installEngine(const state::ResourceState &C, llvm::StringRef V,
                            const provider::ProgressFn &) override;
  llvm::Error uninstallEngine(const state::ResourceState &C, llvm::StringRef V,
                              const provider::ProgressFn &) override;
  llvm::Error setCurrentEngine(const state::ResourceState &C, llvm::StringRef V,
                               const provider::ProgressFn &) override;
  llvm::Error switchJobEngine(const state::ResourceState &J, llvm::StringRef To,
                              const provider::RefLookup &) override;

  llvm::Expected<bool> engineCallsAvailable() override { return EngineCalls; }
  llvm::Expected<provider::EngineVersions>
  readEngines(const state::ResourceState &C) override;

  /// What engineCallsAvailable() answers (false: a real endpoint).
  bool EngineCalls = true;
  /// Called on every readEngines (before reading): a test's "console".
  std::function<void(FakeCloud &, unsigned Reads)> OnReadEngines;
  /// What savedBeforeDependents() answers for every kind.
  bool SavedBeforeDependents = false;
  /// Called at the start of every create, before the fake changes anything.
  std::function<void(const provider::Desired &)> OnCreate;
  std::atomic<unsigned> EngineReads{0};

  std::mutex M;
  std::map<std::string, nlohmann::json> Objects; ///< by cloud id
  std::set<std::string> FailOn;                  ///< addresses whose calls fail
  std::vector<std::string> Log;                  ///< "create user.a", in order
  std::chrono::milliseconds Delay{0};
  std::atomic<int> Running{0}, MaxRunning{0};

private:
  void enter();
  void leave() { --Running; }
  std::string cloudIdOf(const std::string &Address) { return "id-" + Address; }
};

} // namespace rtc::test

#endif
