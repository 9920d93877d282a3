//===- StateManager.h - reading, writing, persisting, locking ---*- C++ -*-===//
//
// Split like Terraform's statemgr so callers ask only for what they use:
// the planner reads, apply writes and persists, the CLI locks. Reader and
// Writer work on memory (transient); Refresher and Persister talk to the
// storage. A backend's manager implements all of them (StateManager).
//
//===----------------------------------------------------------------------===//
#ifndef RTC_STATE_STATEMANAGER_H
#define RTC_STATE_STATEMANAGER_H

#include "rtc/State/LockInfo.h"
#include "rtc/State/State.h"

#include "llvm/Support/Error.h"

#include <chrono>
#include <optional>
#include <string>

namespace rtc::state {

class StateReader {
public:
  virtual ~StateReader() = default;
  /// The in-memory state: the last one refreshed or written. Absent when
  /// nothing is stored yet and nothing was written.
  virtual const std::optional<State> &state() const = 0;
};

class StateWriter {
public:
  virtual ~StateWriter() = default;
  /// Replaces the in-memory state; nothing is stored until persistState().
  virtual void writeState(State S) = 0;
};

class StateRefresher {
public:
  virtual ~StateRefresher() = default;
  /// Loads the stored state into memory (absent if none is stored).
  virtual llvm::Error refreshState() = 0;
};

struct PersistOptions {
  /// Skip the lineage and serial guards (`state push -force`).
  bool Force = false;
};

class StatePersister {
public:
  virtual ~StatePersister() = default;
  /// Stores the in-memory state atomically. The serial is bumped only when
  /// the content differs from what is stored; a state of another lineage,
  /// or one whose serial is older than the stored one, is refused unless
  /// Opts.Force. On success the in-memory state holds the stored serial and
  /// lineage (and sensitive values are hashed).
  virtual llvm::Error persistState(PersistOptions Opts = {}) = 0;
};

class StateLocker {
public:
  virtual ~StateLocker() = default;
  /// Takes the lock or fails with a LockError naming the holder. Returns the
  /// lock id, to give back to unlock().
  virtual llvm::Expected<std::string> lock(const LockInfo &Info) = 0;
  virtual llvm::Error unlock(const std::string &ID) = 0;
  /// Breaks a lock left by a holder that is gone. Refuses when ID is not the
  /// current lock's id, and when the holder is still alive. Returns a
  /// human-readable description of what was done.
  virtual llvm::Expected<std::string> forceUnlock(const std::string &ID) = 0;
};

/// Everything a backend offers for one workspace.
class StateManager : public StateReader,
                     public StateWriter,
                     public StateRefresher,
                     public StatePersister,
                     public StateLocker {
public:
  /// Where the state lives, for messages ("/x/.rtc/state.json").
  virtual std::string location() const = 0;
};

/// Tries lock() until it succeeds or Timeout has passed, backing off from
/// 100 ms up to 2 s between tries (the `-lock-timeout=30s` behaviour).
/// A timeout of zero tries once. Only lock conflicts are retried.
llvm::Expected<std::string> lockWithTimeout(StateLocker &Locker,
                                            const LockInfo &Info,
                                            std::chrono::milliseconds Timeout);

/// What a persister remembers of the stored state: its bytes (to tell
/// whether the content changed without keeping a second full copy of the
/// state) and its secrets' hashes (so an unchanged secret keeps its hash).
struct StoredSnapshot {
  uint64_t Serial = 0;
  std::string Lineage;
  std::string Text;  ///< the stored bytes
  State Secrets;     ///< only the sensitive attributes and outputs
  static StoredSnapshot make(const State &S, std::string Text);
};

/// The persist rules shared by every backend, kept free of I/O so they are
/// tested once. Hashes In's secrets, then: with nothing stored, In gets
/// serial max(serial, 1) and a lineage if it has none; otherwise a state of
/// another lineage, or with a serial older than the stored one, is refused
/// (err_lineage_mismatch, err_stale_serial) unless Opts.Force; unchanged
/// content keeps the stored serial and returns false (nothing to write);
/// changed content gets serial max(In.Serial, stored + 1). When it returns
/// true, Text holds the bytes to store and In its final serial and lineage.
llvm::Expected<bool> preparePersist(const StoredSnapshot *Stored, State &In,
                                    PersistOptions Opts, std::string &Text);

/// preparePersist on a stored State, for callers that have one (tests).
struct PersistDecision {
  bool Write = false;
  uint64_t NewSerial = 0;
  std::string NewLineage;
};
llvm::Expected<PersistDecision> decidePersist(const std::optional<State> &Stored,
                                              const State &Incoming,
                                              PersistOptions Opts);

} // namespace rtc::state

#endif
