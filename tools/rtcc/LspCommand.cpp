//===- LspCommand.cpp - rtcc lsp -------------------------------------------===//
//
// rtcc lsp [-verbose]
// Runs the .rtc language server on stdin/stdout (LSP base protocol framing).
// Everything the server logs goes to stderr, so stdout carries only messages.
//
//===----------------------------------------------------------------------===//
#include "CommandRegistry.h"
#include "rtc/Lsp/Server.h"
#include "llvm/Support/raw_ostream.h"
#include <iostream>

using namespace llvm;

namespace rtc::driver {
namespace {

cl::SubCommand LspCmd("lsp", "Run the .rtc language server on stdio (for editors)");
cl::opt<bool> LspVerbose("verbose",
                         cl::desc("Log each message and its handling time to stderr"),
                         cl::sub(LspCmd));

int run() {
  std::ios::sync_with_stdio(false);
  std::cin.tie(nullptr);
  lsp::StreamTransport T(std::cin, std::cout);
  lsp::Server S(T, errs());
  S.setVerbose(LspVerbose);
  return S.run();
}

CommandRegistration Reg(LspCmd, run);

} // namespace
} // namespace rtc::driver
