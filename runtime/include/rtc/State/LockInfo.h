//===- LockInfo.h - who holds a state lock ----------------------*- C++ -*-===//
//
// Written next to (local) or beside (PostgreSQL) the lock so that whoever
// finds the state locked can name the holder, and force-unlock can check
// that the id it was given is the lock it is about to break.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_STATE_LOCKINFO_H
#define RTC_STATE_LOCKINFO_H

#include "llvm/Support/Error.h"

#include <string>

namespace rtc::state {

struct LockInfo {
  std::string ID;        ///< UUID; filled by the locker when empty
  std::string Operation; ///< "apply", "state push", ...
  std::string Info;      ///< free text
  std::string Who;       ///< user@host
  std::string Version;   ///< rtcc version
  std::string Created;   ///< RFC 3339 UTC
  std::string Path;      ///< state file or "pg:schema/workspace"
  long Pid = 0;
  std::string Host;      ///< hostname, to tell whether Pid can be checked

  /// A LockInfo for this process: Who, Version, Created, Pid, Host filled.
  static LockInfo forCurrentProcess(std::string Operation,
                                    std::string Version = "");
  std::string toJson() const;
  static llvm::Expected<LockInfo> fromJson(llvm::StringRef Text,
                                           llvm::StringRef Origin);
};

/// gethostname(), for LockInfo::Host and for telling whether a lock holder
/// runs on this machine.
std::string currentHostName();

/// Current time as RFC 3339 UTC ("2026-11-25T18:47:59Z").
std::string nowRfc3339();

} // namespace rtc::state

#endif
