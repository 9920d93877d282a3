//===- OrderMatch.h - does a cloud order fit an `order` block? --*- C++ -*-===//
//
// One comparison for every way an `order` resource meets a cloud order:
// binding an unused one, checking a pinned id, and recovering a purchase.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_PROVIDER_ORDERMATCH_H
#define RTC_PROVIDER_ORDERMATCH_H

#include "rtc/Cloud/FoasClient.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace rtc::provider::detail {

/// How \p O differs from the configured \p Attrs (mode, region, billing, cu,
/// duration, master and slave), as "billing is \"pay_as_you_go\" but the
/// configuration says \"subscription\"", naming the first difference; or
/// std::nullopt when every configured attribute matches. An attribute the
/// configuration leaves out matches anything; one the order does not report
/// (duration 0, say) never matches a configured value.
std::optional<std::string> orderMismatch(const cloud::FoasOrder &O,
                                         const nlohmann::json &Attrs);

/// Whether the configuration gives the machines an exclusive order buys.
bool hasMachineSpecs(const nlohmann::json &Attrs);

} // namespace rtc::provider::detail

#endif
