//===- Builtins.h - stdlib policies as states providers can look up -*- C++ -*-===//
//
// A role or attachment may name a stdlib policy (`builtin.AliyunOSSFullAccess`).
// Providers resolve every reference through a state lookup; builtins are not
// in the state, so the executor answers `builtin.NAME` with a state made
// from the stdlib: kind `policy`, cloud id NAME, and the policy's `type` and
// `statements` (a Custom builtin is created from them when RAM lacks it).
//
//===----------------------------------------------------------------------===//
#ifndef RTC_EXEC_BUILTINS_H
#define RTC_EXEC_BUILTINS_H

#include "rtc/IR/IR.h"
#include "rtc/Provider/Provider.h"
#include "rtc/State/State.h"

#include <map>
#include <string>

namespace rtc::exec {

class BuiltinPolicies {
public:
  explicit BuiltinPolicies(const ir::Program &Prog);
  /// The state for `builtin.NAME`, null for any other address.
  const state::ResourceState *find(const std::string &Address) const;
  /// First \p Primary, then the builtins.
  provider::RefLookup chain(provider::RefLookup Primary) const;

private:
  std::map<std::string, state::ResourceState> ByAddress;
};

} // namespace rtc::exec

#endif
