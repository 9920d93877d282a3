//===- DocumentAnalysis.h - one document parsed, checked and queried -*- C++ -*-===//
//
// The LSP server analyses each open document on its own: a private SourceMgr
// holds a copy of the text, parseBuffer + analyzeWithSchemas + runRules run on
// it exactly as `rtcc check` does, and the diagnostics are kept as data. The
// AST, IR and schemas then answer hover, definition and references.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_LSP_DOCUMENTANALYSIS_H
#define RTC_LSP_DOCUMENTANALYSIS_H

#include "rtc/AST/AST.h"
#include "rtc/Diag/Diagnostic.h"
#include "rtc/Sema/Sema.h"
#include "llvm/Support/SourceMgr.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rtc::lsp {

/// A `kind.name` (or `var.name`) reference found in the AST.
struct RefSite {
  std::string Root;       ///< `cluster`, `var`
  std::string Name;       ///< `analytics`
  size_t Begin = 0, End = 0; ///< byte offsets of the whole `root.name`
};

/// A byte range in the document.
struct OffsetRange {
  size_t Begin = 0, End = 0;
};

class DocumentAnalysis {
public:
  /// Analyses Text as the file Path (imports resolve relative to it).
  DocumentAnalysis(const std::string &Path, const std::string &Text);

  const ast::File &file() const { return File; }
  const ir::Program &program() const { return Result.Program; }
  const SchemaSet &schemas() const { return Result.Schemas; }
  const std::vector<Diagnostic> &diagnostics() const { return Diags; }
  const llvm::SourceMgr &sourceMgr() const { return SM; }
  bool hadSyntaxErrors() const { return File.HadSyntaxErrors; }

  /// Byte offset of Loc in this document, or nullopt for other buffers.
  std::optional<size_t> offsetOf(llvm::SMLoc Loc) const;
  /// The text analysed (the copy the AST points into).
  llvm::StringRef text() const;

  /// The markdown hover for byte offset Off, or "" when there is nothing.
  std::string hover(size_t Off) const;
  /// The reference under Off (`cluster.analytics` or a block label naming
  /// one); nullopt when there is none.
  std::optional<RefSite> referenceAt(size_t Off) const;
  /// The header of the block a reference names: `cluster analytics` for
  /// cluster.analytics, `variable env` for var.env.
  std::optional<OffsetRange> definitionOf(const RefSite &R) const;
  /// Every `root.name` in the document.
  std::vector<RefSite> referencesTo(const std::string &Root,
                                    const std::string &Name) const;
  /// Declared names of a kind (`var` gives variables).
  std::vector<std::string> namesOfKind(const std::string &Kind) const;
  /// The schema of the block at Path (kind, then nested block names), or null.
  const BlockSchema *schemaAt(const std::vector<std::string> &Path) const;

private:
  llvm::SourceMgr SM;
  unsigned BufferId = 0;
  ast::File File;
  Analysis Result;
  std::vector<Diagnostic> Diags;
};

} // namespace rtc::lsp

#endif
