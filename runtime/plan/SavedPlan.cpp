//===- SavedPlan.cpp - may a saved plan still be applied? -----------------===//
#include "rtc/Plan/SavedPlan.h"


namespace rtc::plan {

llvm::Error checkSavedPlanApplies(const Plan &P, const state::State &Current,
                                  const std::string &ConfigHash) {
  auto Err = [](const std::string &Msg) {
    return llvm::createStringError(std::make_error_code(std::errc::invalid_argument), Msg);
  };
  // A plan made before the first apply has no lineage; any state that
  // exists since then was written by someone else.
  if (!P.PriorLineage.empty() && !Current.Lineage.empty() &&
      P.PriorLineage != Current.Lineage)
    return Err("this plan was made for a different state (lineage " +
               P.PriorLineage + ", the current state has lineage " +
               Current.Lineage + "); run `rtcc plan` again against this state");
  if (P.PriorSerial != Current.Serial ||
      (P.PriorLineage.empty() && !Current.Lineage.empty() &&
       Current.Serial != 0))
    return Err("the state changed since this plan was made (serial " +
               std::to_string(P.PriorSerial) + ", now " +
               std::to_string(Current.Serial) + "); run `rtcc plan` again");
  if (P.ConfigHash != ConfigHash)
    return Err("the configuration changed since this plan was made (" +
               P.ConfigHash + ", now " + ConfigHash +
               "); run `rtcc plan` again");
  return llvm::Error::success();
}

} // namespace rtc::plan
