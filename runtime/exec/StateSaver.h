//===- StateSaver.h - save the state in the background, merging saves -*- C++
//-*-===//
//
// Workers mark the state dirty after each step; one thread takes a snapshot
// and persists it. While a save runs, further steps only mark the state
// dirty again, so saves never queue up behind a slow disk or database and
// parallel steps do not wait for each other's saves.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_EXEC_STATESAVER_H
#define RTC_EXEC_STATESAVER_H

#include "rtc/Exec/Executor.h"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace rtc::exec {

class StateSaver {
public:
  using SnapshotFn = std::function<state::State()>;

  StateSaver(SnapshotFn Snapshot, const PersistFn &Persist);
  ~StateSaver();

  /// A step changed the state: save it soon.
  void markDirty();
  /// Saves the state as it is now and returns once that save (or a later
  /// one) is durable: "" on success, else the save error. For a step whose
  /// result must survive a crash before its dependents start.
  std::string saveNow();
  /// Saves whatever is dirty, stops the thread, and returns the first save
  /// error ("" when every save succeeded). Final gets the last saved state.
  std::string finish(state::State &Final);
  /// True once a save has failed (callers stop starting steps).
  bool failed() const;

private:
  void loop();

  SnapshotFn Snapshot;
  const PersistFn &Persist;
  mutable std::mutex M;
  std::condition_variable CV;
  bool Dirty = false, Stopping = false;
  /// Changes asked for (each markDirty or saveNow) and the newest of them a
  /// completed save covers.
  uint64_t Requested = 0, Saved = 0;
  std::string Error;
  state::State Last;
  std::thread Worker;
};

} // namespace rtc::exec

#endif
