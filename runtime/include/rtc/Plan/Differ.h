//===- Differ.h - compare the IR with the stored state ----------*- C++ -*-===//
//
// Per resource: create, update in place, replace or delete, with a deep
// per-attribute diff. Replacement comes from the IR's force_new paths (the
// stdlib schema), computed attributes are ignored, and sensitive attributes
// are compared through the state's salted hashes.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_PLAN_DIFFER_H
#define RTC_PLAN_DIFFER_H

#include "rtc/IR/IR.h"
#include "rtc/Plan/Plan.h"
#include "rtc/State/State.h"

#include <vector>

namespace rtc::plan {

/// One change per address of the IR and of the state, sorted by address.
/// State may be null (nothing deployed yet). Replacements cascade: a
/// resource whose replace-forcing attribute refers to a replaced resource is
/// replaced too (a replaced cluster takes its projects and jobs with it).
/// ForceReplace (-replace) lists addresses whose stored objects are replaced
/// although no attribute forces it; the cascade above applies to them too.
std::vector<ResourceChange>
diffResources(const ir::Program &P, const state::State *State,
              const std::vector<std::string> &ForceReplace = {});

} // namespace rtc::plan

#endif
