//===- LspTestSupport.h - drive the server through framed messages -*- C++ -*-===//
#ifndef RTC_TESTS_LSP_LSPTESTSUPPORT_H
#define RTC_TESTS_LSP_LSPTESTSUPPORT_H

#include "rtc/Lsp/JsonRpc.h"
#include "rtc/Lsp/DocumentStore.h"
#include <string>
#include <vector>

namespace rtc::lsp::test {

/// What the server wrote for one run over a list of messages.
struct LspRun {
  std::vector<json> Out;
  int ExitCode = -1;
  std::string Log;
  /// The response to request Id (null json when absent).
  json response(int Id) const;
  /// Every notification with Method, in order.
  std::vector<json> notifications(const std::string &Method) const;
};

json request(int Id, const std::string &Method, json Params = json::object());
json notification(const std::string &Method, json Params = json::object());
json initializeRequest(int Id = 1);
json didOpen(const std::string &Uri, const std::string &Text, int Version = 1);
/// {textDocument: {uri}, position: {line, character}}
json at(const std::string &Uri, Position P);

/// Frames every message, runs a Server over in-memory streams until the input
/// ends (or `exit`), and reads back the framed output.
LspRun runServer(const std::vector<json> &Messages);

/// Position of the Nth (0-based) occurrence of Needle in Text, plus Delta
/// bytes (the text is ASCII on that line).
Position positionOf(const std::string &Text, const std::string &Needle, size_t Delta = 0,
                    unsigned Nth = 0);

/// A small configuration with a cluster, project, job and variable.
extern const char *const ExampleConfig;

} // namespace rtc::lsp::test

#endif
