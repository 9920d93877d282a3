//===- LockHolder.cpp - hold a state lock from another process ------------===//
//
// Test helper for tests/suites/state.sh:
//   rtcc-state-lockholder local STATE_PATH HOLD_SECONDS
//   rtcc-state-lockholder pg CONN SCHEMA WORKSPACE HOLD_SECONDS
// Prints "LOCKED <id>" once the lock is held, holds it, then unlocks and
// exits 0 (or is killed by the test). Exits 1 if the lock is not taken.
//
//===----------------------------------------------------------------------===//
#include "rtc/State/Backend.h"
#include "rtc/State/LocalBackend.h"
#include "rtc/State/StateError.h"

#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

using namespace rtc::state;

int main(int argc, char **argv) {
  std::vector<std::string> A(argv + 1, argv + argc);
  std::unique_ptr<StateManager> M;
  int Hold = 0;
  if (A.size() == 3 && A[0] == "local") {
    M = std::make_unique<FileStateManager>(A[1]);
    Hold = std::stoi(A[2]);
  } else if (A.size() == 5 && A[0] == "pg") {
    BackendConfig C;
    C.Type = BackendConfig::Kind::Pg;
    C.PgConn = A[1];
    C.PgSchema = A[2];
    auto B = makeBackend(C);
    if (!B) {
      printError(B.takeError(), llvm::errs());
      return 1;
    }
    auto SM = (*B)->stateManager(A[3]);
    if (!SM) {
      printError(SM.takeError(), llvm::errs());
      return 1;
    }
    M = std::move(*SM);
    Hold = std::stoi(A[4]);
  } else {
    std::fprintf(stderr, "usage: rtcc-state-lockholder local PATH SECONDS | "
                         "pg CONN SCHEMA WORKSPACE SECONDS\n");
    return 2;
  }
  auto Id = M->lock(LockInfo::forCurrentProcess("test lock holder"));
  if (!Id) {
    printError(Id.takeError(), llvm::errs());
    return 1;
  }
  std::printf("LOCKED %s\n", Id->c_str());
  std::fflush(stdout);
  std::this_thread::sleep_for(std::chrono::seconds(Hold));
  if (llvm::Error E = M->unlock(*Id)) {
    printError(std::move(E), llvm::errs());
    return 1;
  }
  return 0;
}
