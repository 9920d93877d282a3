//===- JsonRpc.cpp - Content-Length framing --------------------------------===//
#include "rtc/Lsp/JsonRpc.h"
#include <cstdlib>
#include <istream>
#include <ostream>

namespace rtc::lsp {

Transport::~Transport() = default;

std::string frame(const json &Message) {
  std::string Body = Message.dump();
  return "Content-Length: " + std::to_string(Body.size()) + "\r\n\r\n" + Body;
}

std::optional<json> StreamTransport::read() {
  while (true) {
    // Headers: lines ending in \r\n until an empty line. Only Content-Length
    // matters; Content-Type is accepted and ignored.
    long long Length = -1;
    std::string Line;
    bool SawHeader = false;
    while (std::getline(In, Line)) {
      if (!Line.empty() && Line.back() == '\r')
        Line.pop_back();
      if (Line.empty()) {
        if (SawHeader)
          break;
        continue; // stray blank line between messages
      }
      SawHeader = true;
      static const char Key[] = "content-length:";
      if (Line.size() > sizeof(Key) - 1) {
        std::string Head = Line.substr(0, sizeof(Key) - 1);
        for (char &C : Head)
          C = static_cast<char>(std::tolower(static_cast<unsigned char>(C)));
        if (Head == Key)
          Length = std::atoll(Line.c_str() + sizeof(Key) - 1);
      }
    }
    if (!In)
      return std::nullopt;
    if (Length < 0)
      continue; // a header block without a length: skip it
    std::string Body(static_cast<size_t>(Length), '\0');
    In.read(Body.data(), Length);
    if (In.gcount() != Length)
      return std::nullopt;
    return json::parse(Body, nullptr, /*allow_exceptions=*/false);
  }
}

void StreamTransport::write(const json &Message) {
  Out << frame(Message);
  Out.flush();
}

} // namespace rtc::lsp
