//===- ActionCatalogue.cpp - the known RAM actions, as data ---------------===//
#include "rtc/Policy/ActionCatalogue.h"

namespace rtc::policy {

const std::vector<std::string> *
ActionCatalogue::find(llvm::StringRef Service) const {
  // RAM action prefixes are case-insensitive, like the actions themselves.
  for (const auto &[Name, Actions] : Services)
    if (Service.equals_insensitive(Name))
      return &Actions;
  return nullptr;
}

bool ActionCatalogue::hasAction(llvm::StringRef Service,
                                llvm::StringRef Action) const {
  if (const auto *Actions = find(Service))
    for (const std::string &A : *Actions)
      if (Action.equals_insensitive(A))
        return true;
  return false;
}

std::vector<std::string> ActionCatalogue::qualifiedActions() const {
  std::vector<std::string> Out;
  for (const auto &[Name, Actions] : Services)
    for (const std::string &A : Actions)
      Out.push_back(Name + ":" + A);
  return Out;
}

} // namespace rtc::policy
