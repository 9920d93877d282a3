//===- LocalBackend.h - state files beside the configuration ----*- C++ -*-===//
//
// Layout under the configuration directory:
//   .rtc/state.json                      default workspace
//   .rtc/workspaces/<name>/state.json    other workspaces
//   <state>.backup                       the previous state
//   <state>.lock                         fcntl lock (never deleted)
//   <state>.lock.info                    LockInfo JSON of the holder
// Writes go to a temporary file in the same directory, are fsynced, renamed
// over the state and the directory is fsynced: a crash leaves the old or
// the new state, never a mix (Terraform truncates in place; we do not).
//
//===----------------------------------------------------------------------===//
#ifndef RTC_STATE_LOCALBACKEND_H
#define RTC_STATE_LOCALBACKEND_H

#include "rtc/State/Backend.h"
#include "rtc/State/StateManager.h"

#include <functional>
#include <sys/stat.h>

namespace rtc::state {

/// Writes Contents to Path atomically with the given mode (see above).
/// BeforeRename, when set, runs after the temp file is written and synced
/// and before the rename; an error from it aborts the write (and removes
/// the temp file). It exists to test the failure path.
llvm::Error writeFileAtomically(
    const std::string &Path, llvm::StringRef Contents, unsigned Mode = 0600,
    const std::function<llvm::Error(const std::string &TempPath)>
        &BeforeRename = nullptr);

struct FileStateOptions {
  /// Fault injection for tests; see writeFileAtomically.
  std::function<llvm::Error(const std::string &TempPath)> BeforeRename;
};

class FileStateManager final : public StateManager {
public:
  explicit FileStateManager(std::string StatePath,
                            FileStateOptions Opts = {});
  ~FileStateManager() override;

  const std::optional<State> &state() const override { return Current; }
  void writeState(State S) override;
  llvm::Error refreshState() override;
  llvm::Error persistState(PersistOptions Opts = {}) override;
  llvm::Expected<std::string> lock(const LockInfo &Info) override;
  llvm::Error unlock(const std::string &ID) override;
  llvm::Expected<std::string> forceUnlock(const std::string &ID) override;
  std::string location() const override { return Path; }

  /// Lock info of the current holder, if any (for tests and messages).
  llvm::Expected<std::optional<LockInfo>> readLockInfo() const;

  const std::string &backupPath() const { return BackupPath; }

private:
  /// Reads and parses the file into Out and a snapshot of it; returns false
  /// when the file does not exist.
  llvm::Expected<bool> load(State &Out, StoredSnapshot &Snap,
                            struct stat &St) const;

  std::string Path, BackupPath, LockPath, InfoPath;
  FileStateOptions Opts;
  std::optional<State> Current;
  /// What the file held when last read or written, with its identity
  /// (inode, size, mtime), so persisting can skip re-reading an unchanged
  /// file.
  std::optional<StoredSnapshot> Stored;
  struct stat StoredStat {};
  int LockFd = -1;
  std::string LockId;
};

/// Local state file of Workspace under Dir (see the layout above).
std::string localStatePath(const std::string &Dir,
                           const std::string &Workspace);

std::unique_ptr<Backend> makeLocalBackend(const BackendConfig &C);

} // namespace rtc::state

#endif
