//===- JsonFields.h - reading attributes of plan values ---------*- C++ -*-===//
//
// The planner's passes read single fields of attribute objects (a name, an
// order's id, a count) that may be missing or of another type; one pair of
// accessors serves them all. Private to rtcc_plan.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_PLAN_JSONFIELDS_H
#define RTC_PLAN_JSONFIELDS_H

#include <nlohmann/json.hpp>

#include <string>

namespace rtc::plan {

/// V[Key] when V is an object and that is a string, else "".
inline std::string stringAt(const nlohmann::json &V, const char *Key) {
  if (!V.is_object())
    return "";
  auto It = V.find(Key);
  return It != V.end() && It->is_string() ? It->get<std::string>() : "";
}

/// V[Key] as written (`12`, `0.5`) when V is an object and that is a
/// number, else "".
inline std::string numberAt(const nlohmann::json &V, const char *Key) {
  if (!V.is_object())
    return "";
  auto It = V.find(Key);
  return It != V.end() && It->is_number() ? It->dump() : "";
}

} // namespace rtc::plan

#endif
