//===- JsonRpc.h - JSON-RPC messages with Content-Length framing -*- C++
//-*-===//
//
// The LSP base protocol: each message is `Content-Length: N\r\n\r\n` followed
// by N bytes of JSON. A Transport reads and writes whole messages; the stream
// version serves both stdio (`rtcc lsp`) and the in-memory tests.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_LSP_JSONRPC_H
#define RTC_LSP_JSONRPC_H

#include <iosfwd>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace rtc::lsp {

using json = nlohmann::json;

/// Error codes of JSON-RPC and LSP 3.17 that the server uses.
enum ErrorCode : int {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  InternalError = -32603,
  ServerNotInitialized = -32002,
};

class Transport {
public:
  virtual ~Transport();
  /// The next message; nullopt at end of input. A body that is not JSON
  /// comes back as a discarded json value (is_discarded()).
  virtual std::optional<json> read() = 0;
  virtual void write(const json &Message) = 0;
};

/// The largest message body the server accepts: a document at the input
/// file limit (32 MiB, rtc/Parse/SourceFile.h) with JSON escaping.
constexpr size_t MaxMessageBytes = 64u << 20;

/// Content-Length framing over a pair of streams.
class StreamTransport : public Transport {
public:
  StreamTransport(std::istream &In, std::ostream &Out) : In(In), Out(Out) {}
  /// A Content-Length that is not a number or exceeds MaxMessageBytes, or a
  /// header line over 1 KiB, gets a JSON-RPC error (id null) and ends the
  /// input (nullopt): the next message cannot be found. A body nested deeper
  /// than MaxJsonDepth gets a JSON-RPC error and is skipped.
  std::optional<json> read() override;
  void write(const json &Message) override;

private:
  /// Writes an InvalidRequest error with a null id.
  void fail(const std::string &Why);

  std::istream &In;
  std::ostream &Out;
};

/// `Content-Length: N\r\n\r\n<body>` for Message.
std::string frame(const json &Message);

} // namespace rtc::lsp

#endif
