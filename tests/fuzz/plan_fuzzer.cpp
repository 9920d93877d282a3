//===- plan_fuzzer.cpp - libFuzzer target for saved plan files
//-------------===//
//
// Any byte string as a saved plan (`rtcc plan -out`, read by `apply PLAN`
// and `show PLAN`): planFromJson must return a plan or an error, never
// crash, hang or leak. A plan it accepts must save and load again.
//
//===----------------------------------------------------------------------===//
#include "rtc/Plan/PlanJson.h"
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Input(reinterpret_cast<const char *>(Data), Size);
  llvm::Expected<rtc::plan::Plan> P =
      rtc::plan::planFromJson(Input, "saved.plan");
  if (!P) {
    llvm::consumeError(P.takeError());
    return 0;
  }
  // As `plan -out` writes it.
  std::string Saved = rtc::plan::toJson(*P).dump(2);
  llvm::Expected<rtc::plan::Plan> Again =
      rtc::plan::planFromJson(Saved, "saved.plan");
  if (!Again) {
    std::fprintf(stderr, "plan_fuzzer: a saved plan does not load: %s\n",
                 llvm::toString(Again.takeError()).c_str());
    std::abort();
  }
  return 0;
}
