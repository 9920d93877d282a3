//===- Attributes.h - attribute values between config, cloud and state -*- C++ -*-===//
//
// The executor stores, for each resource, the configuration's attributes
// with what the cloud reported laid over them; these helpers do that
// merge, fill in values known only after an earlier step, and compare two
// attribute sets for drift.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_EXEC_ATTRIBUTES_H
#define RTC_EXEC_ATTRIBUTES_H

#include "rtc/Plan/Plan.h"
#include "rtc/State/State.h"

#include "llvm/ADT/StringRef.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

namespace rtc::exec {

using StateLookup =
    std::function<const state::ResourceState *(const std::string &Address)>;

/// Base with Over laid on top: objects merge key by key, anything else is
/// replaced. A list that holds the same elements as Base's, in another
/// order, keeps Base's order: the cloud reports some lists (installed
/// engine versions, attached policies) in its own order, and that is not a
/// change.
nlohmann::json overlay(const nlohmann::json &Base, const nlohmann::json &Over);

/// Replaces each `{"__unknown__": "addr.attr"}` by the value the state holds
/// for `addr` (its attribute, or its cloud id for `id`). Values whose
/// resource is not in the state stay unknown.
nlohmann::json resolveUnknowns(const nlohmann::json &V, const StateLookup &Lookup);

/// True when V is or contains an unknown value.
bool containsUnknown(const nlohmann::json &V);

/// The block label of an address: `user.dev["a"]` and
/// `module.team.user.dev` give `dev`.
std::string nameFromAddress(llvm::StringRef Address);

/// Every leaf path where Before and After differ (`master.model`,
/// `engines.installed`), for drift reports. Lists compare whole.
std::vector<plan::AttributeChange> diffAttributes(const nlohmann::json &Before,
                                                  const nlohmann::json &After);

} // namespace rtc::exec

#endif
