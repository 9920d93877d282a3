//===- CompletionContext.h - where in the grammar the cursor is -*- C++ -*-===//
//
// Completion runs on text being typed, which rarely parses. This scanner
// reads the text before the cursor with the lexical rules of .rtc (strings,
// comments, brackets) and works out the enclosing blocks and whether the
// cursor starts an item, follows `name =`, or follows `kind.`.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_LSP_COMPLETIONCONTEXT_H
#define RTC_LSP_COMPLETIONCONTEXT_H

#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace rtc::lsp {

struct CompletionContext {
  enum class Where {
    ItemStart,  ///< a new attribute or block may start here
    Value,      ///< right after `Attr =` (possibly inside an opening quote)
    Member,     ///< right after `Root.`
    Other,      ///< nothing useful to offer
  };
  Where At = Where::Other;
  /// Kinds of the enclosing blocks, outermost first (`cluster`, `slave`).
  std::vector<std::string> Blocks;
  std::string Attr;   ///< Value: the attribute name
  std::string Root;   ///< Member: the name before the dot
  bool InString = false; ///< Value: the cursor is inside an open quote
  std::string Prefix;    ///< the identifier (or string text) typed so far
};

/// Scans Text[0, Cursor).
CompletionContext completionContextAt(llvm::StringRef Text, size_t Cursor);

} // namespace rtc::lsp

#endif
