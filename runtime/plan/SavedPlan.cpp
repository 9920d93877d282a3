//===- SavedPlan.cpp - may a saved plan still be applied? -----------------===//
#include "rtc/Plan/SavedPlan.h"
#include "rtc/IR/AttributePath.h"
#include "rtc/State/Sensitive.h"


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

std::map<std::string, nlohmann::json> savedPlanValues(const Plan &P) {
  std::map<std::string, nlohmann::json> Out;
  for (auto It = P.Variables.begin(); It != P.Variables.end(); ++It)
    if (!state::isSensitiveHash(It.value()))
      Out[It.key()] = It.value();
  return Out;
}

llvm::Error checkSavedPlanSecrets(const Plan &P, const ir::Program &Prog) {
  for (const ir::Variable &V : Prog.Variables) {
    auto It = P.Variables.find(V.Name);
    if (It == P.Variables.end() || !state::isSensitiveHash(*It))
      continue;
    if (!state::sensitiveMatches(*It, V.Val))
      return llvm::createStringError(
          std::make_error_code(std::errc::invalid_argument),
          "sensitive variable `" + V.Name +
              "` does not have the value this plan was made with (a saved "
              "plan keeps only its hash): give the same value again with "
              "-var " + V.Name + "=... or RTC_VAR_" + V.Name);
  }
  return llvm::Error::success();
}

namespace {

/// Replaces the hash at Saved by Configured when it is that value's.
llvm::Error restoreOne(nlohmann::json *Saved, const nlohmann::json *Configured,
                       const std::string &Where) {
  if (!Saved || !state::isSensitiveHash(*Saved))
    return llvm::Error::success();
  if (!Configured || !state::sensitiveMatches(*Saved, *Configured))
    return llvm::createStringError(
        std::make_error_code(std::errc::invalid_argument),
        "the sensitive value of " + Where +
            " is not the one this plan was made with (a saved plan keeps "
            "only its hash); run `rtcc plan` again");
  *Saved = *Configured;
  return llvm::Error::success();
}

} // namespace

llvm::Error restoreSavedPlanSecrets(Plan &P, const ir::Program &Prog) {
  for (ResourceChange &C : P.Changes) {
    const ir::Resource *R = Prog.find(C.Address);
    static const nlohmann::json Missing;
    const nlohmann::json &Attrs = R ? R->Attributes : Missing;
    for (const std::string &Path : C.SensitivePaths)
      if (llvm::Error E =
              restoreOne(ir::valueAtPath(C.After, Path),
                         ir::valueAtPath(Attrs, Path), C.Address + "." + Path))
        return E;
    for (AttributeChange &A : C.AttributeChanges)
      if (A.Sensitive)
        if (llvm::Error E = restoreOne(&A.After, ir::valueAtPath(Attrs, A.Path),
                                       C.Address + "." + A.Path))
          return E;
  }
  return llvm::Error::success();
}

} // namespace rtc::plan
