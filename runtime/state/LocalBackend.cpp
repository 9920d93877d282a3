//===- LocalBackend.cpp - state files with fcntl locks --------------------===//
#include "rtc/State/LocalBackend.h"
#include "rtc/State/StateError.h"
#include "rtc/State/StateJson.h"
#include "rtc/State/Workspace.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace rtc::state {

static llvm::Error ioError(const std::string &Path, const std::string &What) {
  return makeError(ErrId::err_io, Path, What + ": " + std::strerror(errno));
}

/// 100,000 resources take about 60 MiB of state; ten times that is a
/// mistake (or not a state at all).
constexpr uint64_t MaxStateFileBytes = uint64_t(1) << 30;

/// Reads a whole file; std::nullopt when it does not exist.
static llvm::Expected<std::optional<std::string>>
readWholeFile(const std::string &Path, struct stat *StOut) {
  int Fd = ::open(Path.c_str(), O_RDONLY | O_CLOEXEC);
  if (Fd < 0) {
    if (errno == ENOENT)
      return std::nullopt;
    return ioError(Path, "cannot open");
  }
  struct stat St;
  if (::fstat(Fd, &St) != 0) {
    ::close(Fd);
    return ioError(Path, "cannot stat");
  }
  // `-state /dev/zero` or a FIFO would be read without end.
  if (!S_ISREG(St.st_mode)) {
    ::close(Fd);
    return makeError(ErrId::err_io, Path,
                     "not a regular file: a state file must be a file");
  }
  if (static_cast<uint64_t>(St.st_size) > MaxStateFileBytes) {
    ::close(Fd);
    return makeError(ErrId::err_io, Path,
                     "larger than " + std::to_string(MaxStateFileBytes >> 20) +
                         " MiB, more than any state rtcc writes");
  }
  std::string Data;
  Data.resize(static_cast<size_t>(St.st_size));
  size_t Got = 0;
  while (true) {
    if (Got > MaxStateFileBytes) { // grew while being read
      ::close(Fd);
      return makeError(ErrId::err_io, Path, "grew while being read");
    }
    if (Got == Data.size())
      Data.resize(Data.size() + 4096);
    ssize_t N = ::read(Fd, &Data[Got], Data.size() - Got);
    if (N < 0) {
      if (errno == EINTR)
        continue;
      ::close(Fd);
      return ioError(Path, "cannot read");
    }
    if (N == 0)
      break;
    Got += static_cast<size_t>(N);
  }
  Data.resize(Got);
  ::close(Fd);
  if (StOut)
    *StOut = St;
  return std::optional<std::string>(std::move(Data));
}

/// mkdir -p with mode 0700 for the directories we create.
static llvm::Error makeDirs(const std::string &Dir) {
  if (Dir.empty())
    return llvm::Error::success();
  struct stat St;
  if (::stat(Dir.c_str(), &St) == 0)
    return llvm::Error::success();
  size_t Slash = Dir.rfind('/');
  if (Slash != std::string::npos && Slash > 0)
    if (llvm::Error E = makeDirs(Dir.substr(0, Slash)))
      return E;
  if (::mkdir(Dir.c_str(), 0700) != 0 && errno != EEXIST)
    return ioError(Dir, "cannot create directory");
  return llvm::Error::success();
}

static std::string dirOf(const std::string &Path) {
  size_t Slash = Path.rfind('/');
  return Slash == std::string::npos ? "." : Path.substr(0, Slash);
}

/// Open-file-description locks belong to the open file, not the process,
/// so two managers in one process exclude each other too, and closing some
/// other descriptor of the file does not drop the lock.
static int tryLockFd(int Fd, short Type) {
  struct flock Fl;
  std::memset(&Fl, 0, sizeof Fl);
  Fl.l_type = Type;
  Fl.l_whence = SEEK_SET;
#ifdef F_OFD_SETLK
  return ::fcntl(Fd, F_OFD_SETLK, &Fl);
#else
  return ::fcntl(Fd, F_SETLK, &Fl);
#endif
}

FileStateManager::FileStateManager(std::string StatePath, FileStateOptions O)
    : Path(std::move(StatePath)), Opts(std::move(O)) {
  BackupPath = Path + ".backup";
  LockPath = Path + ".lock";
  InfoPath = Path + ".lock.info";
}

FileStateManager::~FileStateManager() {
  if (LockFd >= 0)
    llvm::consumeError(unlock(LockId));
}

void FileStateManager::writeState(State S) {
  S.normalize();
  Current = std::move(S);
}

llvm::Expected<bool> FileStateManager::load(State &Out, StoredSnapshot &Snap,
                                            struct stat &St) const {
  auto Text = readWholeFile(Path, &St);
  if (!Text)
    return Text.takeError();
  if (!*Text)
    return false;
  auto S = parseState(**Text, Path);
  if (!S)
    return S.takeError();
  Snap = StoredSnapshot::make(*S, std::move(**Text));
  Out = std::move(*S);
  return true;
}

llvm::Error FileStateManager::refreshState() {
  State S;
  StoredSnapshot Snap;
  struct stat St;
  auto Found = load(S, Snap, St);
  if (!Found)
    return Found.takeError();
  if (!*Found) {
    // Every write after the first leaves a backup, so a backup without its
    // state means the state was deleted or moved. Starting empty would plan
    // to create everything again (issue 15, class 14).
    struct stat BackupSt;
    if (::stat(BackupPath.c_str(), &BackupSt) == 0 && S_ISREG(BackupSt.st_mode))
      return makeError(ErrId::err_state_missing_backup, Path, BackupPath);
    Stored.reset();
    Current.reset();
    return llvm::Error::success();
  }
  Stored = std::move(Snap);
  StoredStat = St;
  Current = std::move(S);
  return llvm::Error::success();
}

static bool sameFile(const struct stat &A, const struct stat &B) {
  return A.st_dev == B.st_dev && A.st_ino == B.st_ino &&
         A.st_size == B.st_size && A.st_mtim.tv_sec == B.st_mtim.tv_sec &&
         A.st_mtim.tv_nsec == B.st_mtim.tv_nsec;
}

llvm::Error FileStateManager::persistState(PersistOptions POpts) {
  if (!Current)
    return llvm::Error::success();
  // Compare against what is on disk now, not what we read earlier: someone
  // may have written without the lock. Re-parse only if the file changed
  // (every write renames a new inode into place).
  struct stat St;
  bool Exists = ::stat(Path.c_str(), &St) == 0;
  if (!Exists) {
    Stored.reset();
  } else if (!Stored || !sameFile(St, StoredStat)) {
    State Ignored;
    StoredSnapshot Snap;
    auto Found = load(Ignored, Snap, St);
    if (!Found) {
      // A corrupt stored state must not block `state push -force`.
      if (!POpts.Force)
        return Found.takeError();
      llvm::consumeError(Found.takeError());
      Stored.reset();
    } else if (*Found) {
      Stored = std::move(Snap);
      StoredStat = St;
    } else {
      Stored.reset();
    }
  }

  const uint64_t OldSerial = Current->Serial;
  const std::string OldLineage = Current->Lineage;
  std::string Text;
  auto Write = preparePersist(Stored ? &*Stored : nullptr, *Current, POpts,
                              Text);
  if (!Write)
    return Write.takeError();
  if (!*Write)
    return llvm::Error::success();

  auto Fail = [&](llvm::Error E) {
    Current->Serial = OldSerial;
    Current->Lineage = OldLineage;
    return E;
  };
  if (llvm::Error E = makeDirs(dirOf(Path)))
    return Fail(std::move(E));
  if (Exists) {
    // Keep the previous state: a hard link to the current inode is O(1),
    // and renaming it over the old backup is atomic.
    std::string Tmp = BackupPath + ".tmp-" + newLineage().substr(0, 8);
    if (::link(Path.c_str(), Tmp.c_str()) == 0) {
      if (::rename(Tmp.c_str(), BackupPath.c_str()) != 0) {
        ::unlink(Tmp.c_str());
        return Fail(ioError(BackupPath, "cannot write backup"));
      }
    } else {
      auto Old = readWholeFile(Path, nullptr);
      if (!Old)
        return Fail(Old.takeError());
      if (*Old)
        if (llvm::Error E = writeFileAtomically(BackupPath, **Old, 0600))
          return Fail(std::move(E));
    }
  }
  if (llvm::Error E =
          writeFileAtomically(Path, Text, 0600, Opts.BeforeRename))
    return Fail(std::move(E));
  Stored = StoredSnapshot::make(*Current, std::move(Text));
  if (::stat(Path.c_str(), &StoredStat) != 0)
    Stored.reset(); // re-read next time
  return llvm::Error::success();
}

llvm::Expected<std::optional<LockInfo>> FileStateManager::readLockInfo() const {
  auto Text = readWholeFile(InfoPath, nullptr);
  if (!Text)
    return Text.takeError();
  if (!*Text)
    return std::nullopt;
  auto I = LockInfo::fromJson(**Text, InfoPath);
  if (!I)
    return I.takeError();
  return std::optional<LockInfo>(std::move(*I));
}

/// Whether the holder described by I certainly no longer runs: it ran on
/// this host and its pid does not exist.
static bool holderIsGone(const LockInfo &I) {
  if (I.Pid <= 0 || I.Host != currentHostName())
    return false;
  return ::kill(static_cast<pid_t>(I.Pid), 0) != 0 && errno == ESRCH;
}

llvm::Expected<std::string> FileStateManager::lock(const LockInfo &In) {
  if (LockFd >= 0) {
    // Already ours: report it like any other holder would be reported.
    auto Mine = readLockInfo();
    if (!Mine)
      return Mine.takeError();
    return makeLockError(Mine->value_or(LockInfo{}), false);
  }
  if (llvm::Error E = makeDirs(dirOf(Path)))
    return std::move(E);
  int Fd = ::open(LockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (Fd < 0)
    return ioError(LockPath, "cannot open lock file");
  if (tryLockFd(Fd, F_WRLCK) != 0) {
    int Err = errno;
    ::close(Fd);
    if (Err != EAGAIN && Err != EACCES) {
      errno = Err;
      return ioError(LockPath, "cannot lock");
    }
    // The holder writes its info right after locking; give it a moment.
    for (int Try = 0; Try < 20; ++Try) {
      auto Info = readLockInfo();
      if (Info && *Info)
        return makeLockError(**Info, false);
      if (!Info)
        llvm::consumeError(Info.takeError());
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    LockInfo Unknown;
    Unknown.Who = "an unknown process (no lock info in " + InfoPath + ")";
    return makeLockError(Unknown, false);
  }

  // We hold the OS lock. A leftover info file means the previous holder
  // died without unlocking; its work may be half done, so do not proceed
  // silently.
  auto Prev = readLockInfo();
  if (!Prev || *Prev) {
    tryLockFd(Fd, F_UNLCK);
    ::close(Fd);
    if (!Prev)
      return Prev.takeError();
    return makeLockError(**Prev, holderIsGone(**Prev));
  }

  LockInfo Info = In;
  if (Info.ID.empty())
    Info.ID = newLineage();
  Info.Path = Path;
  if (Info.Host.empty())
    Info.Host = currentHostName();
  if (Info.Pid == 0)
    Info.Pid = static_cast<long>(::getpid());
  if (llvm::Error E = writeFileAtomically(InfoPath, Info.toJson(), 0600)) {
    tryLockFd(Fd, F_UNLCK);
    ::close(Fd);
    return std::move(E);
  }
  LockFd = Fd;
  LockId = Info.ID;
  return Info.ID;
}

llvm::Error FileStateManager::unlock(const std::string &ID) {
  if (LockFd < 0)
    return makeError(ErrId::err_not_locked, Path);
  if (ID != LockId)
    return makeError(ErrId::err_lock_id_mismatch, ID, LockId);
  // Remove the info while still holding the OS lock, so nobody can see the
  // lock free and our info still present.
  if (::unlink(InfoPath.c_str()) != 0 && errno != ENOENT)
    return ioError(InfoPath, "cannot remove lock info");
  tryLockFd(LockFd, F_UNLCK);
  ::close(LockFd);
  LockFd = -1;
  LockId.clear();
  return llvm::Error::success();
}

llvm::Expected<std::string> FileStateManager::forceUnlock(const std::string &ID) {
  if (LockFd >= 0 && ID == LockId) {
    if (llvm::Error E = unlock(ID))
      return std::move(E);
    return "released lock " + ID + " held by this process";
  }
  auto Info = readLockInfo();
  if (!Info)
    return Info.takeError();
  if (!*Info)
    return makeError(ErrId::err_not_locked, Path);
  const LockInfo &H = **Info;
  if (H.ID != ID)
    return makeError(ErrId::err_lock_id_mismatch, ID, H.ID);
  int Fd = ::open(LockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (Fd < 0)
    return ioError(LockPath, "cannot open lock file");
  if (tryLockFd(Fd, F_WRLCK) != 0) {
    ::close(Fd);
    return makeError(ErrId::err_lock_holder_alive, ID, H.Who, H.Pid);
  }
  // Re-check under the OS lock: the id must still be the one we were given.
  auto Again = readLockInfo();
  llvm::Error Result = llvm::Error::success();
  if (!Again)
    Result = Again.takeError();
  else if (!*Again || (*Again)->ID != ID)
    Result = makeError(ErrId::err_lock_id_mismatch, ID,
                       *Again ? (*Again)->ID : std::string("none"));
  else if (::unlink(InfoPath.c_str()) != 0)
    Result = ioError(InfoPath, "cannot remove lock info");
  tryLockFd(Fd, F_UNLCK);
  ::close(Fd);
  if (Result)
    return std::move(Result);
  std::string Gone = holderIsGone(H) ? "no longer running"
                                     : "not holding the file lock";
  return "removed lock " + ID + " of " + H.Who + " (operation " + H.Operation +
         ", pid " + std::to_string(H.Pid) + ", " + Gone + ")";
}

std::string localStatePath(const std::string &Dir,
                           const std::string &Workspace) {
  std::string Base = Dir.empty() ? "." : Dir;
  if (Workspace == DefaultWorkspace)
    return Base + "/.rtc/state.json";
  return Base + "/.rtc/workspaces/" + Workspace + "/state.json";
}

namespace {

class LocalBackend final : public Backend {
public:
  explicit LocalBackend(BackendConfig C) : C(std::move(C)) {}

  std::string workspaceDir(const std::string &Name) const {
    return (C.WorkingDir.empty() ? std::string(".") : C.WorkingDir) +
           "/.rtc/workspaces/" + Name;
  }

  bool exists(const std::string &Name) const {
    if (Name == DefaultWorkspace)
      return true;
    struct stat St;
    return ::stat(workspaceDir(Name).c_str(), &St) == 0 && S_ISDIR(St.st_mode);
  }

  llvm::Expected<std::vector<std::string>> workspaces() override {
    std::vector<std::string> Names{DefaultWorkspace};
    std::string Dir = (C.WorkingDir.empty() ? std::string(".") : C.WorkingDir) +
                      "/.rtc/workspaces";
    if (DIR *D = ::opendir(Dir.c_str())) {
      while (struct dirent *E = ::readdir(D)) {
        std::string N = E->d_name;
        if (N != DefaultWorkspace && isValidWorkspaceName(N) && exists(N))
          Names.push_back(N);
      }
      ::closedir(D);
    } else if (errno != ENOENT) {
      return ioError(Dir, "cannot list workspaces");
    }
    std::sort(Names.begin(), Names.end());
    return Names;
  }

  llvm::Error createWorkspace(const std::string &Name) override {
    if (!isValidWorkspaceName(Name))
      return makeError(ErrId::err_workspace_name, Name);
    if (Name == DefaultWorkspace)
      return makeError(ErrId::err_workspace_exists, Name);
    std::string Dir = workspaceDir(Name);
    if (llvm::Error E = makeDirs(dirOf(Dir)))
      return E;
    // mkdir of the last component is the atomic "create if absent".
    if (::mkdir(Dir.c_str(), 0700) != 0) {
      if (errno == EEXIST)
        return makeError(ErrId::err_workspace_exists, Name);
      return ioError(Dir, "cannot create workspace directory");
    }
    FileStateManager M(localStatePath(C.WorkingDir, Name));
    M.writeState(State{});
    return M.persistState();
  }

  llvm::Error deleteWorkspace(const std::string &Name, bool Force) override {
    if (!isValidWorkspaceName(Name))
      return makeError(ErrId::err_workspace_name, Name);
    if (Name == DefaultWorkspace)
      return makeError(ErrId::err_workspace_delete_default);
    if (!exists(Name))
      return makeError(ErrId::err_workspace_missing, Name);
    std::string Path = localStatePath(C.WorkingDir, Name);
    FileStateManager M(Path);
    auto Id = M.lock(LockInfo::forCurrentProcess("workspace delete"));
    if (!Id)
      return Id.takeError();
    if (llvm::Error E = M.refreshState()) {
      if (!Force) {
        llvm::consumeError(M.unlock(*Id));
        return E;
      }
      llvm::consumeError(std::move(E));
    }
    if (!Force && M.state() && !M.state()->Resources.empty()) {
      size_t N = M.state()->Resources.size();
      llvm::consumeError(M.unlock(*Id));
      return makeError(ErrId::err_workspace_not_empty, Name, N);
    }
    for (const std::string &F : {Path, Path + ".backup"})
      if (::unlink(F.c_str()) != 0 && errno != ENOENT) {
        llvm::Error E = ioError(F, "cannot remove");
        llvm::consumeError(M.unlock(*Id));
        return E;
      }
    if (llvm::Error E = M.unlock(*Id))
      return E;
    ::unlink((Path + ".lock").c_str());
    if (::rmdir(workspaceDir(Name).c_str()) != 0)
      return ioError(workspaceDir(Name), "cannot remove workspace directory "
                                         "(does it contain other files?)");
    return llvm::Error::success();
  }

  llvm::Expected<std::unique_ptr<StateManager>>
  stateManager(const std::string &Workspace) override {
    if (!C.StatePath.empty())
      return std::make_unique<FileStateManager>(C.StatePath);
    if (!isValidWorkspaceName(Workspace))
      return makeError(ErrId::err_workspace_name, Workspace);
    if (!exists(Workspace))
      return makeError(ErrId::err_workspace_missing, Workspace);
    return std::make_unique<FileStateManager>(
        localStatePath(C.WorkingDir, Workspace));
  }

  std::string describe() const override {
    return "local (" +
           (C.StatePath.empty() ? localStatePath(C.WorkingDir, DefaultWorkspace)
                                : C.StatePath) +
           ")";
  }

private:
  BackendConfig C;
};

} // namespace

std::unique_ptr<Backend> makeLocalBackend(const BackendConfig &C) {
  return std::make_unique<LocalBackend>(C);
}

} // namespace rtc::state
