//===- DocumentStore.h - open documents and LSP positions --------*- C++ -*-===//
//
// The text of every open document, kept up to date from didOpen/didChange
// (incremental ranges). LSP positions count UTF-16 code units while the text
// is UTF-8, so all conversions between the two live here.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_LSP_DOCUMENTSTORE_H
#define RTC_LSP_DOCUMENTSTORE_H

#include "llvm/ADT/StringRef.h"
#include <map>
#include <string>
#include <vector>

namespace rtc::lsp {

/// An LSP position: zero-based line and UTF-16 code unit within the line.
struct Position {
  unsigned Line = 0;
  unsigned Character = 0;
};

/// Line starts of a text, for offset <-> position conversion.
class LineTable {
public:
  explicit LineTable(llvm::StringRef Text);
  /// Byte offset of P, clamped to the line's end and to the text's end.
  size_t offsetOf(Position P) const;
  /// Position of the byte offset Off (clamped to the text).
  Position positionOf(size_t Off) const;

private:
  llvm::StringRef Text;
  std::vector<size_t> Starts;
};

struct Document {
  std::string Uri;
  std::string Text;
  long long Version = 0;
};

class DocumentStore {
public:
  void open(const std::string &Uri, std::string Text, long long Version);
  void close(const std::string &Uri);
  /// Replaces [Start, End) (LSP positions) with NewText. Returns false when
  /// the document is not open.
  bool applyEdit(const std::string &Uri, Position Start, Position End,
                 llvm::StringRef NewText);
  /// Replaces the whole text (a change without a range).
  bool replace(const std::string &Uri, std::string Text);
  bool setVersion(const std::string &Uri, long long Version);
  const Document *find(const std::string &Uri) const;

private:
  std::map<std::string, Document> Docs;
};

} // namespace rtc::lsp

#endif
