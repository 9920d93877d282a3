//===- StateError.cpp - errors of the state library -----------------------===//
#include "rtc/State/StateError.h"

namespace rtc::state {

char StateError::ID = 0;
char LockError::ID = 0;

static const ErrInfo Table[] = {
#define STATE_ERROR(ID, CODE, MSG, HINT) {CODE, MSG, HINT},
#include "rtc/State/StateErrorKinds.def"
#undef STATE_ERROR
};

const ErrInfo &errInfo(ErrId Id) { return Table[static_cast<unsigned>(Id)]; }

void StateError::log(llvm::raw_ostream &OS) const { OS << Message; }

llvm::Error makeLockError(const LockInfo &H, bool HolderGone) {
  ErrId Id = HolderGone ? ErrId::err_state_lock_stale : ErrId::err_state_locked;
  std::string Who = H.Who.empty() ? "an unknown holder" : H.Who;
  std::string Op = H.Operation.empty() ? "unknown" : H.Operation;
  std::string Since = H.Created.empty() ? "an unknown time" : H.Created;
  std::pair<std::string, std::string> MH =
      HolderGone ? formatErr(Id, H.ID, H.Pid, Who, Op, Since)
                 : formatErr(Id, Who, Op, Since, H.ID);
  return llvm::make_error<LockError>(Id, std::move(MH.first),
                                     std::move(MH.second), H);
}

std::optional<ErrId> errorId(llvm::Error E) {
  std::optional<ErrId> Out;
  llvm::handleAllErrors(
      std::move(E), [&](const StateError &SE) { Out = SE.id(); },
      [](const llvm::ErrorInfoBase &) {});
  return Out;
}

void printError(llvm::Error E, llvm::raw_ostream &OS) {
  llvm::handleAllErrors(
      std::move(E),
      [&](const StateError &SE) {
        OS << "error: " << SE.text() << " [" << SE.code() << "]\n";
        if (!SE.hint().empty())
          OS << "  hint: " << SE.hint() << "\n";
      },
      [&](const llvm::ErrorInfoBase &EI) {
        OS << "error: " << EI.message() << "\n";
      });
}

} // namespace rtc::state
