//===- Moves.h - object identity across renames ----------------*- C++ -*-===//
//
// A renamed block label must not delete the live object (docs/apply.md#moved).
// `moved` blocks rename state entries before the diff; without one, a plan
// that would create and delete the same cloud object (same kind and cloud
// name) is refused with the `moved` block to add.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_PLAN_MOVES_H
#define RTC_PLAN_MOVES_H

#include "rtc/IR/IR.h"
#include "rtc/Plan/Plan.h"
#include "rtc/State/State.h"

#include <string>
#include <vector>

namespace rtc::plan {

/// The state entries the configuration's moves rename, sorted by From. A
/// move of a whole for_each resource moves each stored instance. A move
/// whose `from` is not stored is done already (nothing to do); one whose
/// target is stored already leaves both alone, with a note.
std::vector<MovedResource> resolveMoves(const std::vector<ir::Move> &Moves,
                                        const state::State &S,
                                        std::vector<std::string> &Notes);

/// Renames the moved entries of S: address and name, the dependency lists
/// and reference attributes of the others, and pending intents.
void applyMoves(state::State &S, const std::vector<MovedResource> &Moves);

/// An RTC0506 error for each create whose cloud object (kind + `name`) is
/// the one a delete of the same plan removes.
void checkIdentityConflicts(Plan &P);

} // namespace rtc::plan

#endif
