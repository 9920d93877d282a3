//===- parse_fuzzer.cpp - libFuzzer target for parse + fmt -----------------===//
//
// Properties checked on every input (any byte string):
//   1. parseBuffer never crashes, hangs or leaks (sanitizers catch the rest);
//   2. when the input has no syntax errors, fmt's output parses without
//      errors, keeps every comment, and formatting it again changes nothing.
// A violated property traps so libFuzzer saves the input as a crasher.
//
//===----------------------------------------------------------------------===//
#include "rtc/Diag/DiagnosticsEngine.h"
#include "rtc/Format/Formatter.h"
#include "rtc/Parse/Parser.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include <cstddef>
#include <cstdint>
#include <string>

namespace {

struct Parsed {
  rtc::ast::File File;
  bool Errors;
};

/// Parses Text in a fresh SourceMgr (no consumers: diagnostics are only
/// counted). SM must outlive the returned AST, whose ranges point into it.
Parsed parse(llvm::SourceMgr &SM, llvm::StringRef Text, const char *Name) {
  unsigned Id = SM.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(Text, Name), llvm::SMLoc());
  rtc::DiagnosticsEngine Diags(SM);
  Diags.setMaxErrors(0);
  rtc::ast::File F = rtc::parseBuffer(Id, Diags);
  bool Errors = Diags.hasErrors() || F.HadSyntaxErrors;
  return {std::move(F), Errors};
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Input(reinterpret_cast<const char *>(Data), Size);
  llvm::SourceMgr SM;
  Parsed First = parse(SM, Input, "input.rtc");
  if (First.Errors)
    return 0;
  std::string Once = rtc::formatFile(
      First.File, SM.getMemoryBuffer(First.File.BufferId)->getBuffer());

  llvm::SourceMgr SM2;
  Parsed Second = parse(SM2, Once, "formatted.rtc");
  if (Second.Errors)
    __builtin_trap(); // fmt produced text that does not parse
  if (Second.File.Comments.size() != First.File.Comments.size())
    __builtin_trap(); // fmt dropped or duplicated a comment
  std::string Twice = rtc::formatFile(
      Second.File, SM2.getMemoryBuffer(Second.File.BufferId)->getBuffer());
  if (Twice != Once)
    __builtin_trap(); // fmt is not idempotent
  return 0;
}
