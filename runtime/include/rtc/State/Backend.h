//===- Backend.h - where states are stored, per workspace -------*- C++ -*-===//
//
// A backend stores one state per workspace ("default" always exists) and
// hands out a StateManager for each. makeBackend() is the single factory:
// the CLI flags (-backend=local|pg) and, later, a `backend "pg" { ... }`
// block in the configuration both fill a BackendConfig and call it.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_STATE_BACKEND_H
#define RTC_STATE_BACKEND_H

#include "rtc/State/StateManager.h"

#include "llvm/Support/Error.h"

#include <memory>
#include <string>
#include <vector>

namespace rtc::state {

struct BackendConfig {
  enum class Kind { Local, Pg };
  Kind Type = Kind::Local;
  /// Directory of the configuration; `.rtc/` lives here.
  std::string WorkingDir = ".";
  /// Local only: state file to use instead of `.rtc/state.json` (and of
  /// `.rtc/workspaces/<name>/state.json`).
  std::string StatePath;
  /// PostgreSQL only: libpq connection string.
  std::string PgConn;
  /// PostgreSQL only: schema holding the `states` and `locks` tables.
  std::string PgSchema = "rtcc";
};

class Backend {
public:
  virtual ~Backend() = default;
  /// Sorted workspace names; always contains "default".
  virtual llvm::Expected<std::vector<std::string>> workspaces() = 0;
  /// Creates the workspace with an empty state; fails if it exists.
  virtual llvm::Error createWorkspace(const std::string &Name) = 0;
  /// Deletes the workspace and its state (taking its lock meanwhile). Fails
  /// for "default", for missing workspaces, and for states that still track
  /// resources unless Force.
  virtual llvm::Error deleteWorkspace(const std::string &Name, bool Force) = 0;
  /// The manager of one workspace's state (nothing is read yet).
  virtual llvm::Expected<std::unique_ptr<StateManager>>
  stateManager(const std::string &Workspace) = 0;
  /// "local (.rtc/state.json)" or "pg (schema rtcc)", for messages.
  virtual std::string describe() const = 0;
};

/// Checks the configuration and builds the backend. No connection is made
/// and no file is touched until a method is called.
llvm::Expected<std::unique_ptr<Backend>> makeBackend(const BackendConfig &C);

} // namespace rtc::state

#endif
