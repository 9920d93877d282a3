//===- Diagnostic.h - one diagnostic, as plain data -------------*- C++ -*-===//
//
// A Diagnostic is what the front end, sema, planner and executor report to a
// person: a stable code from DiagnosticKinds.def, a message, a source range,
// optional notes, a hint and fix-its. It is plain data; the engine builds it
// and printers (text, JSON, SARIF, LSP) render it.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_DIAG_DIAGNOSTIC_H
#define RTC_DIAG_DIAGNOSTIC_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/SMLoc.h"
#include <optional>
#include <string>
#include <vector>

namespace rtc {

enum class Severity { Note, Remark, Warning, Error };

namespace diag {
enum ID : unsigned {
#define DIAG(ID, CODE, SEV, MSG, HINT) ID,
#include "rtc/Diag/DiagnosticKinds.def"
#undef DIAG
  NUM_DIAGNOSTICS
};

/// Static facts about one diagnostic kind, from the table.
struct Info {
  llvm::StringRef Code;    ///< "RTC0102"
  Severity DefaultSeverity;
  llvm::StringRef Format;  ///< fmt format string for the message
  llvm::StringRef HintFormat; ///< fmt format string for the hint, may be ""
};
const Info &getInfo(ID Id);

/// Formats a table format string ({0}, {1}… positional; `{{`/`}}` are
/// literal braces) with Args. Never throws: a malformed format or a missing
/// argument yields the text with "<?>" for what could not be filled.
std::string formatMessage(llvm::StringRef Format,
                          llvm::ArrayRef<std::string> Args);

/// "error", "warning", "note", "remark".
llvm::StringRef severityName(Severity Sev);

/// The kind whose table code is Code ("RTC0356"), if any.
std::optional<ID> findCode(llvm::StringRef Code);
/// Whether diagnostics of this default severity may be silenced by
/// `rtcc-ignore` or `--disable`: warnings and remarks. An error means the
/// service would refuse the configuration; a note belongs to its diagnostic.
inline bool isSilenceable(Severity Sev) {
  return Sev == Severity::Warning || Sev == Severity::Remark;
}
} // namespace diag

/// A secondary location ("note: block opened here"). Range may be invalid
/// for notes without a location.
struct DiagnosticNote {
  llvm::SMRange Range;
  std::string Message;
  std::string Code; ///< table code when built from a note_* kind, else ""
};

/// Replace the text in Range with Replacement (an insertion when the range is
/// empty).
struct FixIt {
  llvm::SMRange Range;
  std::string Replacement;
};

/// Why a diagnostic is not shown: an `rtcc-ignore` comment (InSource) or
/// `--disable` (External). SARIF reports it as a result's `suppressions`.
struct Suppression {
  enum class Kind { InSource, External };
  Kind K = Kind::InSource;
  llvm::SMRange Range;       ///< the comment (InSource); invalid for External
  std::string Justification; ///< text after the codes, or "--disable=CODE"
};

struct Diagnostic {
  diag::ID Id;
  Severity Sev;
  std::string Code;    ///< "RTC0102"
  std::string Message; ///< formatted message
  /// Range.Start is the caret position; Range.End points one past the last
  /// character (Start == End marks a single point). May be invalid.
  llvm::SMRange Range;
  std::vector<DiagnosticNote> Notes;
  std::string Hint; ///< formatted hint; empty when none
  std::vector<FixIt> FixIts;
  /// Set when the diagnostic was silenced; only consumers that ask for
  /// silenced diagnostics (DiagnosticConsumer::wantsSuppressed) see it.
  std::optional<Suppression> Suppressed;
};

} // namespace rtc

#endif
