//===- StateError.h - errors of the state library ---------------*- C++ -*-===//
//
// Errors carry a stable code, a message and a hint from StateErrorKinds.def,
// so the CLI can print "what, why, how to fix" without knowing each case.
// LockError additionally carries the holder's LockInfo.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_STATE_STATEERROR_H
#define RTC_STATE_STATEERROR_H

#include "rtc/State/LockInfo.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <fmt/format.h>

#include <optional>
#include <string>

namespace rtc::state {

enum class ErrId : unsigned {
#define STATE_ERROR(ID, CODE, MSG, HINT) ID,
#include "rtc/State/StateErrorKinds.def"
#undef STATE_ERROR
};

struct ErrInfo {
  const char *Code;
  const char *Message;
  const char *Hint;
};
const ErrInfo &errInfo(ErrId Id);

class StateError : public llvm::ErrorInfo<StateError> {
public:
  static char ID;
  StateError(ErrId Id, std::string Message, std::string Hint)
      : Id(Id), Message(std::move(Message)), Hint(std::move(Hint)) {}

  ErrId id() const { return Id; }
  llvm::StringRef code() const { return errInfo(Id).Code; }
  const std::string &text() const { return Message; }
  const std::string &hint() const { return Hint; }

  void log(llvm::raw_ostream &OS) const override;
  std::error_code convertToErrorCode() const override {
    return llvm::inconvertibleErrorCode();
  }

private:
  ErrId Id;
  std::string Message;
  std::string Hint;
};

/// The state is locked by someone else (or by a holder that died).
class LockError : public llvm::ErrorInfo<LockError, StateError> {
public:
  static char ID;
  LockError(ErrId Id, std::string Message, std::string Hint, LockInfo Holder)
      : ErrorInfo(Id, std::move(Message), std::move(Hint)),
        Holder(std::move(Holder)) {}
  const LockInfo &holder() const { return Holder; }
  bool isStale() const { return id() == ErrId::err_state_lock_stale; }

private:
  LockInfo Holder;
};

template <typename... Args>
std::pair<std::string, std::string> formatErr(ErrId Id, const Args &...A) {
  const ErrInfo &I = errInfo(Id);
  return {fmt::format(fmt::runtime(I.Message), A...),
          fmt::format(fmt::runtime(I.Hint), A...)};
}

template <typename... Args>
llvm::Error makeError(ErrId Id, const Args &...A) {
  auto [Msg, Hint] = formatErr(Id, A...);
  return llvm::make_error<StateError>(Id, std::move(Msg), std::move(Hint));
}

/// A lock conflict: held by a live holder, or stale when HolderGone.
llvm::Error makeLockError(const LockInfo &Holder, bool HolderGone);

/// The id of E when it is a StateError, else std::nullopt. Consumes E;
/// meant for tests and for callers that branch on the kind.
std::optional<ErrId> errorId(llvm::Error E);

/// Prints "error: MESSAGE [CODE]" and "  hint: HINT" for state errors, and
/// "error: MESSAGE" for anything else. Consumes E.
void printError(llvm::Error E, llvm::raw_ostream &OS);

} // namespace rtc::state

#endif
