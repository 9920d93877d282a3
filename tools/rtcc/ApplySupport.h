//===- ApplySupport.h - what plan, apply, destroy, refresh, import share -*- C++
//-*-===//
//
// Each of these commands checks one configuration folder, opens the state
// of the selected workspace under its lock for the whole operation, maybe
// refreshes it from the cloud, and asks before changing anything.
//
//===----------------------------------------------------------------------===//
#ifndef RTCC_TOOLS_APPLYSUPPORT_H
#define RTCC_TOOLS_APPLYSUPPORT_H

#include "DriverSupport.h"
#include "rtc/Exec/Events.h"
#include "rtc/IR/IR.h"
#include "rtc/State/BackendOptions.h"
#include "rtc/State/StateManager.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Error.h"

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace rtc::driver {

/// A configuration folder that parsed, analysed and passed every rule.
struct CheckedConfig {
  std::unique_ptr<Session> S;
  ir::Program Prog;
  std::string Dir; ///< the folder, where `.rtc/` lives
};

/// When loadConfiguration runs the rules: at once (without state), or
/// later through checkAgainstState, once the command has read the state.
enum class RuleTiming { Now, AfterState };

/// Checks the configuration in Paths (one folder; "." when empty). Returns
/// 0 and fills Out, or the exit code after printing the diagnostics.
/// With RuleTiming::Now the rules run as for a command without state: no
/// least-privilege remarks (they are `check`'s and `plan`'s).
int loadConfiguration(const std::vector<std::string> &Paths,
                      const char *Command, CheckedConfig &Out,
                      RuleTiming Timing = RuleTiming::Now);

/// Runs the rules of a configuration loaded with RuleTiming::AfterState,
/// knowing which clusters Cur (null: no state yet) records. Returns 0, or
/// the exit code after printing the diagnostics. LeastPrivilegeRemarks:
/// plan shows RTC0356 when every cluster exists; apply does not repeat it.
int checkAgainstState(CheckedConfig &C, const state::State *Cur,
                      bool LeastPrivilegeRemarks);

/// The state of one workspace, locked from open() until destruction
/// (unless -lock=false).
class LockedState {
public:
  static llvm::Expected<std::unique_ptr<LockedState>>
  open(const state::BackendOptions &Flags, const std::string &ConfigDir,
       const std::string &Workspace, const std::string &Operation);
  ~LockedState();

  /// The stored state, or a new empty one (with a lineage) when none is.
  state::State current() const;
  bool exists() const { return Manager->state().has_value(); }
  /// Writes and persists S; on success current() returns it (with its new
  /// serial).
  llvm::Error save(const state::State &S);
  std::string location() const { return Manager->location(); }
  /// Releases the lock now (once; the destructor then does nothing). Safe
  /// to call from the interrupt watcher's thread.
  void release();

private:
  std::unique_ptr<state::StateManager> Manager;
  std::string LockId;
  std::mutex SaveMutex, ReleaseMutex;
};

/// Turns SIGINT/SIGTERM into a graceful stop. Construct it before any
/// thread starts (the signals are blocked in this thread and every thread
/// created after it, and one thread takes them with sigwait). The first
/// signal calls OnFirst; a second calls OnSecond (which must not return:
/// it exits at once).
class InterruptWatcher {
public:
  InterruptWatcher();
  ~InterruptWatcher();
  void setHandlers(std::function<void()> OnFirst,
                   std::function<void()> OnSecond);
  bool interrupted() const { return Flag.load(); }
  const std::atomic<bool> &flag() const { return Flag; }

private:
  void loop();
  std::atomic<bool> Flag{false};
  std::mutex M;
  std::function<void()> First, Second;
  bool Done = false;
  std::thread Thread;
};

/// Flags every changing command has.
struct ApplyFlags {
  explicit ApplyFlags(llvm::cl::SubCommand &Sub);
  llvm::cl::opt<bool> AutoApprove;
  llvm::cl::opt<bool> Input;
  llvm::cl::opt<unsigned> Parallelism;
  llvm::cl::opt<bool> Json;
  llvm::cl::opt<bool> NoColor;
  llvm::cl::opt<bool> AllowDangerous;
  llvm::cl::opt<std::string> WorkspaceName;
  llvm::cl::opt<std::string> ManualTimeout;

  bool color() const;
  /// The progress view: JSON lines with -json, else lines for people.
  std::unique_ptr<exec::ExecObserver> view() const;
};

/// Asks on the terminal. Without a terminal (or with -input=false) it does
/// not ask: Error says why and that -auto-approve is needed.
llvm::Expected<bool> confirm(const std::string &Question, const ApplyFlags &F);

/// `rtcc <Command>: error: ...` and ExitInputError.
int reportFailure(const char *Command, llvm::Error E);

} // namespace rtc::driver

#endif
