//===- ActionCatalogue.h - the known RAM actions, as data -------*- C++ -*-===//
//
// Which services and actions exist. The data lives in stdlib (`let services`
// in stdlib/alicloud/ram/actions.rtc); sema fills this struct from it, tests
// build it by hand. The catalogue is partial: an unknown *service* is an
// error, an unknown *action* of a known service only a warning.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_POLICY_ACTIONCATALOGUE_H
#define RTC_POLICY_ACTIONCATALOGUE_H

#include "llvm/ADT/StringRef.h"
#include <map>
#include <string>
#include <vector>

namespace rtc::policy {

struct ActionCatalogue {
  /// Service prefix (lower case, e.g. "stream") -> action names without the
  /// prefix (e.g. "CreateProject").
  std::map<std::string, std::vector<std::string>> Services;

  /// The entry for Service, compared case-insensitively; null if unknown.
  const std::vector<std::string> *find(llvm::StringRef Service) const;
  /// Whether Service has an action named Action (case-insensitive).
  bool hasAction(llvm::StringRef Service, llvm::StringRef Action) const;
  /// "service:Action" for every known action, in catalogue order.
  std::vector<std::string> qualifiedActions() const;
};

} // namespace rtc::policy

#endif
