//===- DocumentStore.cpp - open documents and UTF-16 positions -------------===//
#include "rtc/Lsp/DocumentStore.h"
#include <algorithm>

namespace rtc::lsp {

LineTable::LineTable(llvm::StringRef Text) : Text(Text) {
  Starts.push_back(0);
  for (size_t I = 0; I < Text.size(); ++I)
    if (Text[I] == '\n')
      Starts.push_back(I + 1);
}

// Length in bytes of the UTF-8 sequence starting with byte C (1 for stray
// continuation bytes, so malformed text still advances).
static unsigned utf8Length(unsigned char C) {
  if (C >= 0xF0)
    return 4;
  if (C >= 0xE0)
    return 3;
  if (C >= 0xC0)
    return 2;
  return 1;
}

size_t LineTable::offsetOf(Position P) const {
  if (P.Line >= Starts.size())
    return Text.size();
  size_t Off = Starts[P.Line];
  size_t LineEnd = P.Line + 1 < Starts.size() ? Starts[P.Line + 1] - 1 : Text.size();
  unsigned Units = 0;
  while (Off < LineEnd && Units < P.Character) {
    unsigned Len = utf8Length(static_cast<unsigned char>(Text[Off]));
    // Characters outside the BMP are two UTF-16 code units.
    Units += Len == 4 ? 2 : 1;
    Off = std::min(Off + Len, LineEnd);
  }
  return Off;
}

Position LineTable::positionOf(size_t Off) const {
  Off = std::min(Off, Text.size());
  auto It = std::upper_bound(Starts.begin(), Starts.end(), Off);
  unsigned Line = static_cast<unsigned>(It - Starts.begin()) - 1;
  unsigned Units = 0;
  for (size_t I = Starts[Line]; I < Off;) {
    unsigned Len = utf8Length(static_cast<unsigned char>(Text[I]));
    Units += Len == 4 ? 2 : 1;
    I += Len;
  }
  return {Line, Units};
}

void DocumentStore::open(const std::string &Uri, std::string Text, long long Version) {
  Docs[Uri] = Document{Uri, std::move(Text), Version};
}

void DocumentStore::close(const std::string &Uri) { Docs.erase(Uri); }

bool DocumentStore::applyEdit(const std::string &Uri, Position Start, Position End,
                              llvm::StringRef NewText) {
  auto It = Docs.find(Uri);
  if (It == Docs.end())
    return false;
  std::string &Text = It->second.Text;
  LineTable Lines(Text);
  size_t B = Lines.offsetOf(Start), E = Lines.offsetOf(End);
  if (E < B)
    std::swap(B, E);
  Text.replace(B, E - B, NewText.str());
  return true;
}

bool DocumentStore::replace(const std::string &Uri, std::string Text) {
  auto It = Docs.find(Uri);
  if (It == Docs.end())
    return false;
  It->second.Text = std::move(Text);
  return true;
}

bool DocumentStore::setVersion(const std::string &Uri, long long Version) {
  auto It = Docs.find(Uri);
  if (It == Docs.end())
    return false;
  It->second.Version = Version;
  return true;
}

const Document *DocumentStore::find(const std::string &Uri) const {
  auto It = Docs.find(Uri);
  return It == Docs.end() ? nullptr : &It->second;
}

} // namespace rtc::lsp
