//===- SuppressionTable.h - which diagnostics are silenced ------*- C++ -*-===//
//
// The `rtcc-ignore` comments of the files read so far and the codes given to
// `--disable`. The engine asks it about every warning and remark before
// showing it; a silenced diagnostic is kept (SARIF reports it with
// `suppressions`) but not shown or counted. See docs/diagnostics.md.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_DIAG_SUPPRESSIONTABLE_H
#define RTC_DIAG_SUPPRESSIONTABLE_H

#include "rtc/Diag/Diagnostic.h"
#include "llvm/Support/SMLoc.h"
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace rtc {

/// One code of an `rtcc-ignore` comment.
struct IgnoredCode {
  std::string Code;
  llvm::SMRange Range;   ///< the code in the comment
  llvm::SMRange Removal; ///< what to delete to drop only this code
  bool Used = false;     ///< silenced at least one diagnostic
};

/// One `rtcc-ignore` comment and what it covers.
struct IgnoreComment {
  llvm::SMRange Range;   ///< the comment
  llvm::SMRange Removal; ///< what to delete to drop the comment (and its line)
  /// Diagnostics that start in here are silenced: the block, attribute or
  /// line the comment annotates.
  llvm::SMRange Covered;
  std::string CoveredText; ///< "lines 4-9", for messages
  std::string Justification;
  std::vector<IgnoredCode> Codes;
  bool Settled = false; ///< its unused codes were reported (or waived)
};

class SuppressionTable {
public:
  void addIgnore(IgnoreComment C) { Ignores.push_back(std::move(C)); }
  void disable(std::string Code) { Disabled.insert(std::move(Code)); }
  bool isDisabled(llvm::StringRef Code) const {
    return Disabled.count(Code.str()) != 0;
  }

  /// Why D is silenced, marking the comment's code used; nullopt when D is
  /// to be shown. A comment wins over --disable, so a comment that
  /// silences a diagnostic is never reported as unused.
  std::optional<Suppression> match(const Diagnostic &D);

  std::vector<IgnoreComment> &ignores() { return Ignores; }

private:
  std::vector<IgnoreComment> Ignores;
  std::set<std::string> Disabled;
};

} // namespace rtc

#endif
