//===- Plan.cpp - names of actions and steps ------------------------------===//
#include "rtc/Plan/Plan.h"
#include "rtc/Diag/Diagnostic.h"

#include <algorithm>

namespace rtc::plan {

namespace {
const char *const ActionNames[] = {"no-op", "create", "update", "replace",
                                   "delete"};
const char *const StepNames[] = {"resource", "install_engine",
                                 "uninstall_engine", "set_current_engine",
                                 "switch_job_engine"};
} // namespace

const char *actionName(Action A) { return ActionNames[static_cast<int>(A)]; }

bool parseAction(const std::string &Name, Action &A) {
  for (int I = 0; I < 5; ++I)
    if (Name == ActionNames[I]) {
      A = static_cast<Action>(I);
      return true;
    }
  return false;
}

const char *stepKindName(StepKind K) { return StepNames[static_cast<int>(K)]; }

bool parseStepKind(const std::string &Name, StepKind &K) {
  for (int I = 0; I < 5; ++I)
    if (Name == StepNames[I]) {
      K = static_cast<StepKind>(I);
      return true;
    }
  return false;
}

PlanError makePlanError(unsigned DiagId, std::vector<std::string> Args,
                        std::string Address, std::string Path) {
  const diag::Info &I = diag::getInfo(static_cast<diag::ID>(DiagId));
  PlanError E;
  E.Code = I.Code.str();
  E.DiagId = DiagId;
  E.Message = diag::formatMessage(I.Format, Args);
  E.Hint = diag::formatMessage(I.HintFormat, Args);
  E.Args = std::move(Args);
  E.Address = std::move(Address);
  E.Path = std::move(Path);
  return E;
}

bool Plan::hasChanges() const {
  if (!Moves.empty())
    return true; // the state changes even when the cloud does not
  for (const ResourceChange &C : Changes)
    if (C.Act != Action::NoOp)
      return true;
  return false;
}

unsigned Plan::dangerousCount() const {
  unsigned N = 0;
  for (const ResourceChange &C : Changes)
    N += C.Dangerous;
  return N;
}

const ResourceChange *Plan::find(const std::string &Address) const {
  // Changes are sorted by address (makePlan and saved plans); a plan put
  // together by hand may not be, so a miss is confirmed by a scan then.
  auto It = std::lower_bound(Changes.begin(), Changes.end(), Address,
                             [](const ResourceChange &C, const std::string &A) {
                               return C.Address < A;
                             });
  if (It != Changes.end() && It->Address == Address)
    return &*It;
  auto Less = [](const ResourceChange &A, const ResourceChange &B) {
    return A.Address < B.Address;
  };
  if (std::is_sorted(Changes.begin(), Changes.end(), Less))
    return nullptr;
  for (const ResourceChange &C : Changes)
    if (C.Address == Address)
      return &C;
  return nullptr;
}

} // namespace rtc::plan
