//===- varfile_fuzzer.cpp - libFuzzer target for `-var-file`
//---------------===//
//
// Any byte string as a -var-file for a fixed configuration that declares
// variables of every type: reading, parsing and evaluating it, then checking
// the configuration with those values, must never crash, hang or leak.
// The input is written to the scratch directory (the only file this target
// writes) because Sema reads var files by path.
//
//===----------------------------------------------------------------------===//
#include "CheckHarness.h"
#include <cstddef>
#include <cstdint>

namespace {

const char *const Config = R"(variable name {
  type    = string
  default = "ops"
}
variable count {
  type    = number
  default = 2
}
variable enabled {
  type    = bool
  default = true
}
variable tags {
  type    = list(string)
  default = []
}
variable limits {
  type    = map(number)
  default = {}
}
variable secret {
  type      = string
  default   = "x"
  sensitive = true
}
let summary = "${var.name}-${var.count}-${var.enabled}-${length(var.tags)}-${length(var.limits)}"
)";

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  rtc::fuzz::scratchDir();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Path = rtc::fuzz::scratchDir() + "/vars.rtcvars";
  rtc::fuzz::writeFile(
      Path, llvm::StringRef(reinterpret_cast<const char *>(Data), Size));
  rtc::fuzz::checkText(Config, "main.rtc", {Path});
  return 0;
}
