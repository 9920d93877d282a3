//===- Sensitive.h - secrets are stored as salted hashes --------*- C++ -*-===//
//
// Terraform keeps secrets in clear in its state; rtcc stores
// {"sensitive": true, "hash": "sha256:<salt>:<hex>"} instead, which is enough
// to tell whether the configured value changed without being able to read
// it back.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_STATE_SENSITIVE_H
#define RTC_STATE_SENSITIVE_H

#include "rtc/State/State.h"

#include <nlohmann/json.hpp>

#include <string>

namespace rtc::state {

/// True when V has the shape of a stored sensitive hash.
bool isSensitiveHash(const nlohmann::json &V);

/// Hashes Value (its canonical JSON text) with Salt. Salt must not contain
/// ':'; an empty Salt draws a random 16-byte hex salt.
nlohmann::json hashSensitive(const nlohmann::json &Value,
                             const std::string &Salt = "");

/// True when NewValue hashes to Stored (Stored is a sensitive hash object),
/// or when both are equal hash objects.
bool sensitiveMatches(const nlohmann::json &Stored,
                      const nlohmann::json &NewValue);

/// Replaces every clear-text sensitive attribute of S (and sensitive
/// outputs) by its hash. When Prior holds a hash that still matches the
/// value, that hash is reused, so an unchanged secret does not change the
/// bytes of the state (and does not bump the serial).
void redactSensitive(State &S, const State *Prior);

} // namespace rtc::state

#endif
