//===- Server.h - the .rtc language server -----------------------*- C++ -*-===//
//
// `rtcc lsp`: an LSP 3.17 subset over a Transport. One handler per method;
// every open document is re-analysed on open and change and its diagnostics
// published with the codes and messages of `rtcc check`. Logs go to the
// given stream (stderr in the tool), never to the transport.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_LSP_SERVER_H
#define RTC_LSP_SERVER_H

#include "rtc/Lsp/DocumentAnalysis.h"
#include "rtc/Lsp/DocumentStore.h"
#include "rtc/Lsp/JsonRpc.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
#include <memory>

namespace rtc::lsp {

class Server {
public:
  Server(Transport &T, llvm::raw_ostream &Log) : T(T), Log(Log) {}
  /// Serves until `exit` or end of input. Returns the process exit code:
  /// 0 after shutdown + exit, 1 otherwise (as LSP specifies).
  int run();
  /// Handles one message (request or notification).
  void handle(const json &Message);
  bool exited() const { return Exited; }
  /// Log every message's method and handling time.
  void setVerbose(bool V) { Verbose = V; }

private:
  using Handler = json (Server::*)(const json &Params);
  json initialize(const json &Params);
  json shutdown(const json &Params);
  json hover(const json &Params);
  json completion(const json &Params);
  json definition(const json &Params);
  json references(const json &Params);
  json documentSymbol(const json &Params);
  json formatting(const json &Params);

  void didOpen(const json &Params);
  void didChange(const json &Params);
  void didClose(const json &Params);

  /// Re-analyses Uri and publishes its diagnostics.
  void analyze(const std::string &Uri);
  const DocumentAnalysis *analysisFor(const json &Params, const Document *&Doc,
                                      size_t &Offset);
  json toLspRange(const Document &Doc, size_t Begin, size_t End) const;
  json diagnosticsJson(const Document &Doc, const DocumentAnalysis &A) const;

  void reply(const json &Id, json Result);
  void replyError(const json &Id, int Code, const std::string &Message);

  Transport &T;
  llvm::raw_ostream &Log;
  DocumentStore Docs;
  std::map<std::string, std::unique_ptr<DocumentAnalysis>> Analyses;
  bool Initialized = false;
  bool ShutdownRequested = false;
  bool Exited = false;
  bool Verbose = false;
};

/// `file:///a/b%20c.rtc` -> `/a/b c.rtc`; other URIs are returned unchanged.
std::string uriToPath(llvm::StringRef Uri);
std::string pathToUri(llvm::StringRef Path);

} // namespace rtc::lsp

#endif
