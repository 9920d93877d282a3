//===- BackendOptions.h - backend flags shared by state commands -*- C++ -*-===//
//
// `rtcc state`, `rtcc workspace` and `rtcc force-unlock` (and later plan and
// apply) take the same backend flags. Each command instantiates one
// BackendOptions for its SubCommand; toConfig() turns the flags into the
// BackendConfig that makeBackend() takes.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_STATE_BACKENDOPTIONS_H
#define RTC_STATE_BACKENDOPTIONS_H

#include "rtc/State/Backend.h"

#include "llvm/Support/CommandLine.h"

#include <chrono>

namespace rtc::state {

class BackendOptions {
public:
  explicit BackendOptions(llvm::cl::SubCommand &Sub);

  /// The BackendConfig these flags describe (RTC_PG_CONN fills -pg-conn).
  llvm::Expected<BackendConfig> toConfig() const;
  /// -lock-timeout, parsed.
  llvm::Expected<std::chrono::milliseconds> lockTimeout() const;
  bool lockEnabled() const { return Lock; }
  const std::string &dir() const { return Dir; }

private:
  llvm::cl::opt<std::string> Dir;
  llvm::cl::opt<std::string> StatePath;
  llvm::cl::opt<std::string> BackendName;
  llvm::cl::opt<std::string> PgConn;
  llvm::cl::opt<std::string> PgSchema;
  llvm::cl::opt<std::string> LockTimeout;
  llvm::cl::opt<bool> Lock;
};

} // namespace rtc::state

#endif
