//===- state_fuzzer.cpp - libFuzzer target for the state file reader
//-------===//
//
// Any byte string as a local state.json: parseState must return a state or
// an error, never crash, hang, leak or recurse without bound. A state it
// accepts must serialise and read back to the same bytes (what `apply`
// writes, the next run must read).
//
//===----------------------------------------------------------------------===//
#include "rtc/State/StateJson.h"
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Input(reinterpret_cast<const char *>(Data), Size);
  llvm::Expected<rtc::state::State> S =
      rtc::state::parseState(Input, "state.json");
  if (!S) {
    llvm::consumeError(S.takeError());
    return 0;
  }
  std::string Once = rtc::state::serializeState(*S);
  llvm::Expected<rtc::state::State> Again =
      rtc::state::parseState(Once, "state.json");
  if (!Again) {
    std::fprintf(stderr,
                 "state_fuzzer: a serialised state does not read back: %s\n",
                 llvm::toString(Again.takeError()).c_str());
    std::abort();
  }
  if (rtc::state::serializeState(*Again) != Once) {
    std::fprintf(
        stderr,
        "state_fuzzer: serialise(parse(serialise(s))) != serialise(s)\n");
    std::abort();
  }
  return 0;
}
