//===- SuppressionTable.cpp - which diagnostics are silenced --------------===//
#include "rtc/Diag/SuppressionTable.h"

namespace rtc {

namespace {
bool covers(llvm::SMRange Covered, llvm::SMLoc Loc) {
  // Ranges point into SourceMgr buffers; a range lies inside one buffer, so
  // comparing pointers never matches a location in another file.
  return Covered.isValid() && Loc.isValid() &&
         Covered.Start.getPointer() <= Loc.getPointer() &&
         Loc.getPointer() <= Covered.End.getPointer();
}
} // namespace

std::optional<Suppression> SuppressionTable::match(const Diagnostic &D) {
  for (IgnoreComment &C : Ignores) {
    if (!covers(C.Covered, D.Range.Start))
      continue;
    for (IgnoredCode &Code : C.Codes)
      if (Code.Code == D.Code) {
        Code.Used = true;
        return Suppression{Suppression::Kind::InSource, C.Range,
                           C.Justification};
      }
  }
  if (isDisabled(D.Code))
    return Suppression{Suppression::Kind::External, llvm::SMRange(),
                       "--disable=" + D.Code};
  return std::nullopt;
}

} // namespace rtc
