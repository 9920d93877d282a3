//===- BackendOptions.cpp - backend flags ---------------------------------===//
#include "rtc/State/BackendOptions.h"
#include "rtc/State/Duration.h"
#include "rtc/State/StateError.h"

#include <cstdlib>

namespace rtc::state {

namespace cl = llvm::cl;

BackendOptions::BackendOptions(cl::SubCommand &Sub)
    : Dir("dir", cl::desc("Configuration directory; .rtc/ lives here"),
          cl::value_desc("path"), cl::init("."), cl::sub(Sub)),
      StatePath("state",
                cl::desc("Local backend: state file to use instead of "
                         ".rtc/state.json"),
                cl::value_desc("path"), cl::sub(Sub)),
      BackendName("backend", cl::desc("Where states are stored: local or pg"),
                  cl::value_desc("local|pg"), cl::init("local"), cl::sub(Sub)),
      PgConn("pg-conn",
             cl::desc("pg backend: libpq connection string (default: "
                      "$RTC_PG_CONN)"),
             cl::value_desc("conninfo"), cl::sub(Sub)),
      PgSchema("pg-schema",
               cl::desc("pg backend: schema of the states and locks tables"),
               cl::value_desc("name"), cl::init("rtcc"), cl::sub(Sub)),
      LockTimeout("lock-timeout",
                  cl::desc("How long to retry taking the state lock (e.g. "
                           "30s, 2m)"),
                  cl::value_desc("duration"), cl::init("0s"), cl::sub(Sub)),
      Lock("lock", cl::desc("Lock the state while using it (default true)"),
           cl::init(true), cl::sub(Sub)) {}

llvm::Expected<BackendConfig> BackendOptions::toConfig() const {
  BackendConfig C;
  C.WorkingDir = Dir;
  if (BackendName == "local") {
    C.Type = BackendConfig::Kind::Local;
  } else if (BackendName == "pg") {
    C.Type = BackendConfig::Kind::Pg;
  } else {
    return makeError(ErrId::err_unknown_backend, std::string(BackendName));
  }
  C.StatePath = StatePath;
  C.PgConn = PgConn;
  if (C.PgConn.empty())
    if (const char *Env = std::getenv("RTC_PG_CONN"))
      C.PgConn = Env;
  C.PgSchema = PgSchema;
  return C;
}

llvm::Expected<std::chrono::milliseconds> BackendOptions::lockTimeout() const {
  return parseDuration(LockTimeout);
}

} // namespace rtc::state
