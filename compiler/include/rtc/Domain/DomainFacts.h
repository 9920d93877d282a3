//===- DomainFacts.h - the service's facts, read from the stdlib -*- C++
//-*-===//
//
// The embedded stdlib's `let` tables (machines.rtc, engines.rtc, limits.rtc,
// errors.rtc, ram/actions.rtc) as typed facts, loaded once. Code outside the
// compiler (the emulator, providers) reads the service's numbers, model
// lists, name rules and error texts here instead of keeping a copy.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_DOMAIN_DOMAINFACTS_H
#define RTC_DOMAIN_DOMAINFACTS_H

#include "rtc/Policy/ActionCatalogue.h"
#include "rtc/Sizing/MachineTables.h"

#include "llvm/ADT/StringRef.h"

#include <map>
#include <string>
#include <vector>

namespace rtc::domain {

struct DomainFacts {
  /// machines.rtc: slave and master models (smallest first), CU, cluster
  /// limits.
  sizing::MachineTables Machines;
  /// limits.rtc `name_rules`: kind ("user", "project", ...) -> whole-name
  /// regular expression.
  std::map<std::string, std::string> NameRules;
  /// limits.rtc `ram_limits`.
  struct RamLimits {
    unsigned PolicyDocumentBytes = 0;
    unsigned PolicyVersions = 0;
    unsigned MinSessionDuration = 0;
    unsigned MaxSessionDuration = 0;
  } Ram;
  /// ram/limits.rtc `ram_text_limits`: parameter ("Description") -> most
  /// characters.
  std::map<std::string, unsigned> RamTextLimits;
  /// engines.rtc `engine_version_pattern`.
  std::string EngineVersionPattern;
  /// engines.rtc `engine_limits.max_installed_versions`.
  unsigned MaxInstalledVersions = 0;
  /// engines.rtc `engine_versions`: name -> tag ("stable", "beta", "").
  std::map<std::string, std::string> EngineVersions;
  /// errors.rtc `errors`: key -> text with {name} placeholders.
  std::map<std::string, std::string> ErrorTexts;
  /// errors.rtc `error_codes`: key -> the service's numeric code.
  std::map<std::string, long long> ErrorCodes;
  /// machines.rtc `order_purchase`: the master counts sold (1 or 3) and the
  /// longest subscription.
  std::vector<unsigned> OrderMasterCounts;
  unsigned MaxOrderPeriodMonths = 0;
  /// limits.rtc `cluster_timing.creation_minutes`: starting -> running.
  unsigned ClusterCreationMinutes = 0;
  /// ram/actions.rtc `services`.
  policy::ActionCatalogue Actions;

  /// Whether \p Name matches name_rules[\p Kind]; false for a kind the
  /// stdlib has no rule for.
  bool matchesNameRule(llvm::StringRef Kind, llvm::StringRef Name) const;
  /// The engine version tagged "stable" (what a new cluster runs); empty
  /// when engines.rtc tags none.
  std::string stableEngineVersion() const;
  /// Whether \p Count masters are sold (order_purchase.master_counts).
  bool isSoldMasterCount(long long Count) const;
  /// The fewest and most masters sold; 0 when machines.rtc sells none.
  unsigned fewestMasters() const;
  unsigned mostMasters() const;
  /// Whether \p Version matches engine_version_pattern.
  bool isEngineVersionName(llvm::StringRef Version) const;
  /// The errors.rtc text \p Key with each `{name}` replaced by its value;
  /// placeholders without a value stay as written.
  std::string
  errorText(llvm::StringRef Key,
            const std::map<std::string, std::string> &Args = {}) const;
  /// errors.rtc's code for \p Key; aborts when the stdlib lacks it.
  long long errorCode(llvm::StringRef Key) const;
};

/// The facts of the embedded stdlib, analysed on first use and immutable
/// afterwards. A stdlib that does not analyse is a build defect: the
/// embedded copy is checked by every test, so this aborts with the reason.
const DomainFacts &embeddedFacts();

} // namespace rtc::domain

#endif
