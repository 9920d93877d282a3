//===- SilenceableCode.cpp - may this code be silenced? -------------------===//
#include "rtc/Diag/SilenceableCode.h"
#include "rtc/Diag/EditDistance.h"

namespace rtc {

bool checkSilenceableCode(llvm::StringRef Code, llvm::SMRange Where,
                          llvm::StringRef Origin, DiagnosticsEngine &Diags) {
  std::optional<diag::ID> Id = diag::findCode(Code);
  if (!Id) {
    // Suggest only codes that could be silenced.
    std::vector<std::string> Codes;
    for (unsigned I = 0; I < diag::NUM_DIAGNOSTICS; ++I) {
      const diag::Info &Info = diag::getInfo(static_cast<diag::ID>(I));
      if (diag::isSilenceable(Info.DefaultSeverity))
        Codes.push_back(Info.Code.str());
    }
    // Codes differ in digits only, so allow the usual typo distance but at
    // least 2 (a swapped pair of digits).
    unsigned Max = std::max(2u, defaultMaxEditDistance(Code));
    if (std::optional<std::string> Near =
            closestMatch(Code.upper(), Codes, Max))
      Diags.report(Where, diag::warn_unknown_diagnostic_code_suggest)
          << Code << Origin << *Near;
    else
      Diags.report(Where, diag::warn_unknown_diagnostic_code) << Code << Origin;
    return false;
  }
  Severity Sev = diag::getInfo(*Id).DefaultSeverity;
  if (diag::isSilenceable(Sev))
    return true;
  Diags.report(Where, diag::err_cannot_silence)
      << Code << (Sev == Severity::Error ? "an error" : "a note") << Origin;
  return false;
}

} // namespace rtc
