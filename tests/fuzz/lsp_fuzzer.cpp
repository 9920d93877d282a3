//===- lsp_fuzzer.cpp - libFuzzer target for `rtcc lsp`
//--------------------===//
//
// Any byte string as what an editor writes to the server's stdin: the
// Content-Length framing, JSON-RPC dispatch and every handler (documents are
// analysed with imports confined to a scratch directory) must never crash,
// hang, leak or allocate without bound.
//
//===----------------------------------------------------------------------===//
#include "FuzzSupport.h"
#include "rtc/Lsp/JsonRpc.h"
#include "rtc/Lsp/Server.h"
#include "llvm/Support/raw_ostream.h"
#include <cstddef>
#include <cstdint>
#include <sstream>

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  rtc::fuzz::scratchDir();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::istringstream In(
      std::string(reinterpret_cast<const char *>(Data), Size));
  std::ostringstream Out;
  rtc::lsp::StreamTransport T(In, Out);
  rtc::lsp::Server S(T, llvm::nulls());
  S.run();
  return 0;
}
