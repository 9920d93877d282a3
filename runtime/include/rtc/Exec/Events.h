//===- Events.h - what the executor tells the user while it works -*- C++ -*-===//
//
// The executor reports every step's start, progress and end as events; a
// view turns them into lines for a person (TTY or CI log) or into one JSON
// object per line (`-json`) for machines. Views are called from worker
// threads and serialise their own output.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_EXEC_EVENTS_H
#define RTC_EXEC_EVENTS_H

#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <memory>
#include <mutex>
#include <string>

namespace rtc::exec {

enum class EventType {
  Start,       ///< a step begins
  Progress,    ///< the service reported a status while we wait
  Still,       ///< a long step is still running (every few seconds)
  Done,        ///< a step succeeded
  Failed,      ///< a step failed (Code / Message / RequestId set)
  Skipped,     ///< not run because a step it depends on failed
  Outstanding, ///< a manual step the console has not done (yet)
  Refreshed,   ///< a resource was read (refresh)
  Drifted      ///< a resource changed (or vanished) outside rtcc
};

const char *eventTypeName(EventType T);

struct ExecEvent {
  EventType Type = EventType::Start;
  std::string Address; ///< resource or job; the cluster for engine steps
  /// What the step does, as a verb phrase: "create", "update", "delete",
  /// "install engine blink-3.3.0", "switch engine to blink-3.3.0", "read".
  std::string Operation;
  std::string Message; ///< status, id, error text or skip reason
  std::string Code;    ///< service error code (Failed)
  std::string RequestId;
  std::chrono::milliseconds Elapsed{0};
};

class ExecObserver {
public:
  virtual ~ExecObserver() = default;
  virtual void onEvent(const ExecEvent &E) = 0;
};

/// Terraform-like lines: `cluster.a: Creating...`, `cluster.a: Still
/// creating... [1m30s elapsed]`, `cluster.a: Creation complete after 32s
/// [id=c-1]`. Colour only when asked (a TTY without -no-color).
std::unique_ptr<ExecObserver> makeHumanView(llvm::raw_ostream &OS, bool Color);

/// One JSON object per line: {"@timestamp", "type", "address", "operation",
/// "message", "code", "request_id", "elapsed_ms"}.
std::unique_ptr<ExecObserver> makeJsonView(llvm::raw_ostream &OS);

/// `1m30s`, `32s`, `450ms`.
std::string formatElapsed(std::chrono::milliseconds D);

} // namespace rtc::exec

#endif
