//===- JsonRpc.cpp - Content-Length framing
//--------------------------------===//
#include "rtc/Lsp/JsonRpc.h"
#include "rtc/IR/JsonDepth.h"
#include <algorithm>
#include <cstdlib>
#include <istream>
#include <ostream>
#include <string_view>

namespace rtc::lsp {

Transport::~Transport() = default;

std::string frame(const json &Message) {
  std::string Body = Message.dump();
  return "Content-Length: " + std::to_string(Body.size()) + "\r\n\r\n" + Body;
}

namespace {

/// Header lines are short (`Content-Length: 123`); a longer one is not LSP.
constexpr size_t MaxHeaderLine = 1024;

/// Reads one header line without its line end into Line. False at end of
/// input or when the line exceeds MaxHeaderLine (TooLong is then set).
bool readHeaderLine(std::istream &In, std::string &Line, bool &TooLong) {
  Line.clear();
  for (int C; (C = In.get()) != std::char_traits<char>::eof();) {
    if (C == '\n') {
      if (!Line.empty() && Line.back() == '\r')
        Line.pop_back();
      return true;
    }
    if (Line.size() == MaxHeaderLine) {
      TooLong = true;
      return false;
    }
    Line.push_back(static_cast<char>(C));
  }
  return false;
}

/// V without the spaces and tabs around it.
std::string_view trim(std::string_view V) {
  while (!V.empty() && (V.front() == ' ' || V.front() == '\t'))
    V.remove_prefix(1);
  while (!V.empty() && (V.back() == ' ' || V.back() == '\t'))
    V.remove_suffix(1);
  return V;
}

/// The value of a `Content-Length` header: decimal digits only, at most
/// MaxMessageBytes. Nullopt for anything else.
std::optional<size_t> parseLength(std::string_view V) {
  if (V.empty() || V.size() > 12)
    return std::nullopt;
  size_t N = 0;
  for (char C : V) {
    if (C < '0' || C > '9')
      return std::nullopt;
    N = N * 10 + static_cast<size_t>(C - '0');
  }
  if (N > MaxMessageBytes)
    return std::nullopt;
  return N;
}

/// V as it can go into a JSON message: at most 40 bytes, anything but
/// printable ASCII as '?' (a header may hold bytes that are not UTF-8).
std::string printable(std::string_view V) {
  std::string Out(V.substr(0, 40));
  for (char &C : Out)
    if (C < 0x20 || C > 0x7e)
      C = '?';
  return Out;
}

} // namespace

void StreamTransport::fail(const std::string &Why) {
  write({{"jsonrpc", "2.0"},
         {"id", nullptr},
         {"error", {{"code", InvalidRequest}, {"message", Why}}}});
}

std::optional<json> StreamTransport::read() {
  while (true) {
    // Headers: lines ending in \r\n until an empty line. Only Content-Length
    // matters; Content-Type is accepted and ignored.
    std::optional<size_t> Length;
    std::string Line;
    bool SawHeader = false, TooLong = false, EndOfHeaders = false;
    while (readHeaderLine(In, Line, TooLong)) {
      if (Line.empty()) {
        if ((EndOfHeaders = SawHeader))
          break;
        continue; // stray blank line between messages
      }
      SawHeader = true;
      static const char Key[] = "content-length:";
      if (Line.size() < sizeof(Key) - 1)
        continue;
      std::string Head = Line.substr(0, sizeof(Key) - 1);
      for (char &C : Head)
        C = static_cast<char>(std::tolower(static_cast<unsigned char>(C)));
      if (Head != Key)
        continue;
      // Without a valid length the next message cannot be found: say why
      // and end the session rather than guess (or allocate a huge body).
      std::string_view Value =
          trim(std::string_view(Line).substr(sizeof(Key) - 1));
      Length = parseLength(Value);
      if (!Length) {
        fail("invalid Content-Length '" + printable(Value) +
             "': expected a decimal number of bytes, at most " +
             std::to_string(MaxMessageBytes) + "; closing the connection");
        return std::nullopt;
      }
    }
    if (TooLong) {
      fail("a header line is longer than " + std::to_string(MaxHeaderLine) +
           " bytes; closing the connection");
      return std::nullopt;
    }
    if (!EndOfHeaders)
      return std::nullopt;
    if (!Length)
      continue; // a header block without a length: skip it
    // Read in chunks: memory grows with what actually arrives.
    std::string Body;
    constexpr size_t Chunk = 1 << 16;
    while (Body.size() < *Length) {
      size_t Old = Body.size();
      size_t Want = std::min(Chunk, *Length - Old);
      Body.resize(Old + Want);
      In.read(Body.data() + Old, static_cast<std::streamsize>(Want));
      if (static_cast<size_t>(In.gcount()) != Want)
        return std::nullopt;
    }
    // Handlers copy and print messages recursively.
    if (rtc::jsonNestedDeeperThan(Body)) {
      fail("the message is nested deeper than " +
           std::to_string(rtc::MaxJsonDepth) + " levels");
      continue;
    }
    return json::parse(Body, nullptr, /*allow_exceptions=*/false);
  }
}

void StreamTransport::write(const json &Message) {
  Out << frame(Message);
  Out.flush();
}

} // namespace rtc::lsp
