//===- fmt_fuzzer.cpp - libFuzzer target for `rtcc fmt`
//--------------------===//
//
// Properties checked on every input that parses without errors:
//   1. fmt(x) parses, and fmt(fmt(x)) == fmt(x) (idempotence);
//   2. when x checks clean, fmt(x) checks clean too and has the same IR
//      (formatting never changes what a configuration means).
// A violated property aborts so libFuzzer saves the input as a crasher.
//
//===----------------------------------------------------------------------===//
#include "CheckHarness.h"
#include "rtc/Format/Formatter.h"
#include <cstddef>
#include <cstdint>
#include <cstdio>

namespace {

/// fmt's output for Text, or nullopt when Text has syntax errors.
std::optional<std::string> format(llvm::StringRef Text) {
  llvm::SourceMgr SM;
  rtc::DiagnosticsEngine Diags(SM);
  Diags.setMaxErrors(0);
  unsigned Id = SM.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(Text, "input.rtc"), llvm::SMLoc());
  rtc::ast::File F = rtc::parseBuffer(Id, Diags);
  if (F.HadSyntaxErrors || Diags.hasErrors())
    return std::nullopt;
  return rtc::formatFile(F, SM.getMemoryBuffer(Id)->getBuffer());
}

[[noreturn]] void violated(const char *What) {
  std::fprintf(stderr, "fmt_fuzzer: %s\n", What);
  std::abort();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  rtc::fuzz::scratchDir();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Input(reinterpret_cast<const char *>(Data), Size);
  std::optional<std::string> Once = format(Input);
  if (!Once)
    return 0;
  std::optional<std::string> Twice = format(*Once);
  if (!Twice)
    violated("fmt produced text that does not parse");
  if (*Twice != *Once)
    violated("fmt is not idempotent: fmt(fmt(x)) != fmt(x)");
  rtc::fuzz::CheckResult Before = rtc::fuzz::checkText(Input, "main.rtc");
  if (!Before.Clean)
    return 0;
  rtc::fuzz::CheckResult After = rtc::fuzz::checkText(*Once, "main.rtc");
  if (!After.Clean)
    violated("x checks clean but fmt(x) does not");
  if (After.IrJson != Before.IrJson)
    violated("fmt changed the IR: ir(fmt(x)) != ir(x)");
  return 0;
}
