//===- check_fuzzer.cpp - libFuzzer target for `rtcc check`
//----------------===//
//
// Any byte string as a configuration file: parse, Sema (imports and file()
// confined to a scratch directory), rules, policy analysis and the IR as
// JSON must never crash, hang, leak or exhaust memory.
//
//===----------------------------------------------------------------------===//
#include "CheckHarness.h"
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  rtc::fuzz::scratchDir();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Input(reinterpret_cast<const char *>(Data), Size);
  rtc::fuzz::checkText(Input, "main.rtc");
  return 0;
}
