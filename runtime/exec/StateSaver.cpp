//===- StateSaver.cpp - merged background saves ---------------------------===//
#include "StateSaver.h"

namespace rtc::exec {

StateSaver::StateSaver(SnapshotFn Snapshot, const PersistFn &Persist)
    : Snapshot(std::move(Snapshot)), Persist(Persist),
      Worker([this] { loop(); }) {}

StateSaver::~StateSaver() {
  {
    std::lock_guard<std::mutex> L(M);
    Stopping = true;
  }
  CV.notify_all();
  if (Worker.joinable())
    Worker.join();
}

void StateSaver::markDirty() {
  {
    std::lock_guard<std::mutex> L(M);
    Dirty = true;
    ++Requested;
  }
  CV.notify_all();
}

std::string StateSaver::saveNow() {
  std::unique_lock<std::mutex> L(M);
  Dirty = true;
  uint64_t Mine = ++Requested;
  CV.notify_all();
  CV.wait(L, [&] { return Saved >= Mine || !Error.empty(); });
  return Error;
}

bool StateSaver::failed() const {
  std::lock_guard<std::mutex> L(M);
  return !Error.empty();
}

void StateSaver::loop() {
  std::unique_lock<std::mutex> L(M);
  for (;;) {
    CV.wait(L, [&] { return Dirty || Stopping; });
    if (!Dirty && Stopping)
      return;
    Dirty = false;
    if (!Error.empty())
      continue; // nothing more is saved after a failure
    // The snapshot is taken after this point, so it holds every change
    // asked for up to Covers.
    uint64_t Covers = Requested;
    L.unlock();
    state::State S = Snapshot();
    llvm::Error E = Persist(S);
    std::string Msg = E ? llvm::toString(std::move(E)) : "";
    L.lock();
    if (!Msg.empty()) {
      Error = Msg;
    } else {
      Last = std::move(S);
      Saved = Covers;
    }
    CV.notify_all(); // wakes saveNow() callers
  }
}

std::string StateSaver::finish(state::State &Final) {
  {
    std::lock_guard<std::mutex> L(M);
    Dirty = true; // the last save covers every step
    Stopping = true;
  }
  CV.notify_all();
  if (Worker.joinable())
    Worker.join();
  Final = Last;
  return Error;
}

} // namespace rtc::exec
