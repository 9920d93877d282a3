//===- LocalBackendTest.cpp - state files, atomic writes, fcntl locks -----===//
#include "TestUtil.h"

#include "rtc/State/Backend.h"
#include "rtc/State/LocalBackend.h"
#include "rtc/State/StateJson.h"
#include "rtc/State/Workspace.h"

#include <chrono>
#include <csignal>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace rtc::state;
using namespace rtc::state::test;

namespace {

State withResources(int N, int Size = 0) {
  State S;
  for (int I = 0; I < N; ++I)
    S.Resources.push_back(makeResource("job", "j" + std::to_string(I), Size));
  S.normalize();
  return S;
}

unsigned fileMode(const std::string &P) {
  struct stat St;
  if (::stat(P.c_str(), &St) != 0)
    return 0;
  return St.st_mode & 0777;
}

std::vector<std::string> listDir(const std::string &Dir) {
  std::vector<std::string> Out;
  if (DIR *D = ::opendir(Dir.c_str())) {
    while (auto *E = ::readdir(D))
      if (std::string(E->d_name) != "." && std::string(E->d_name) != "..")
        Out.push_back(E->d_name);
    ::closedir(D);
  }
  std::sort(Out.begin(), Out.end());
  return Out;
}

/// Forks a child that locks Path, reports over a pipe, then either sleeps
/// HoldMs and unlocks cleanly (HoldMs >= 0) or waits to be killed.
struct LockChild {
  pid_t Pid = -1;
  std::string Id;
  bool Locked = false;

  LockChild(const std::string &Path, int HoldMs) {
    int Fds[2];
    if (::pipe(Fds) != 0)
      return;
    Pid = ::fork();
    if (Pid == 0) {
      ::close(Fds[0]);
      FileStateManager M(Path);
      auto Id = M.lock(LockInfo::forCurrentProcess("test hold"));
      std::string Msg = Id ? "L" + *Id : "E";
      if (!Id)
        llvm::consumeError(Id.takeError());
      Msg += "\n";
      if (::write(Fds[1], Msg.data(), Msg.size()) < 0)
        ::_exit(3);
      if (HoldMs < 0)
        while (true)
          ::pause();
      std::this_thread::sleep_for(std::chrono::milliseconds(HoldMs));
      if (Id)
        llvm::consumeError(M.unlock(*Id));
      ::_exit(0);
    }
    ::close(Fds[1]);
    std::string Line;
    char C;
    while (::read(Fds[0], &C, 1) == 1 && C != '\n')
      Line += C;
    ::close(Fds[0]);
    Locked = !Line.empty() && Line[0] == 'L';
    if (Locked)
      Id = Line.substr(1);
  }
  void kill9() {
    ::kill(Pid, SIGKILL);
    wait();
  }
  int wait() {
    int St = 0;
    if (Pid > 0)
      ::waitpid(Pid, &St, 0);
    Pid = -1;
    return St;
  }
  ~LockChild() {
    if (Pid > 0)
      kill9();
  }
};

class LocalState : public ::testing::Test {
protected:
  TempDir Dir;
  std::string path() const { return Dir.Path + "/.rtc/state.json"; }
};

TEST_F(LocalState, MissingFileMeansNoState) {
  FileStateManager M(path());
  ASSERT_NO_ERR(M.refreshState());
  EXPECT_FALSE(M.state().has_value());
}

TEST_F(LocalState, PersistRoundTripsAndUsesMode0600) {
  FileStateManager M(path());
  M.writeState(withResources(3));
  ASSERT_NO_ERR(M.persistState());
  EXPECT_EQ(M.state()->Serial, 1u);
  EXPECT_EQ(fileMode(path()), 0600u);
  FileStateManager R(path());
  ASSERT_NO_ERR(R.refreshState());
  ASSERT_TRUE(R.state().has_value());
  EXPECT_EQ(R.state()->Resources.size(), 3u);
  EXPECT_EQ(R.state()->Lineage, M.state()->Lineage);
}

TEST_F(LocalState, FailureBeforeRenameLeavesOldStateAndNoTempFile) {
  {
    FileStateManager M(path());
    M.writeState(withResources(2));
    ASSERT_NO_ERR(M.persistState());
  }
  std::string Before = readFile(path());
  FileStateOptions O;
  bool Called = false;
  O.BeforeRename = [&](const std::string &Tmp) -> llvm::Error {
    Called = true;
    // The new content is fully written to the temp file at this point.
    EXPECT_NE(readFile(Tmp).find("job.j4"), std::string::npos);
    return makeError(ErrId::err_io, Tmp, "simulated crash");
  };
  FileStateManager M(path(), O);
  ASSERT_NO_ERR(M.refreshState());
  State Next = withResources(5);
  Next.Serial = M.state()->Serial;
  Next.Lineage = M.state()->Lineage;
  M.writeState(Next);
  llvm::Error E = M.persistState();
  EXPECT_TRUE(Called);
  EXPECT_TRUE(bool(E));
  llvm::consumeError(std::move(E));
  EXPECT_EQ(readFile(path()), Before);
  for (const std::string &F : listDir(Dir.Path + "/.rtc"))
    EXPECT_EQ(F.find(".tmp-"), std::string::npos) << F;
}

TEST_F(LocalState, BackupHoldsThePreviousState) {
  FileStateManager M(path());
  M.writeState(withResources(1));
  ASSERT_NO_ERR(M.persistState());
  std::string First = readFile(path());
  State S = *M.state();
  S.Resources.push_back(makeResource("job", "extra"));
  M.writeState(S);
  ASSERT_NO_ERR(M.persistState());
  EXPECT_EQ(readFile(M.backupPath()), First);
  EXPECT_EQ(fileMode(M.backupPath()), 0600u);
  EXPECT_NE(readFile(path()), First);
}

TEST_F(LocalState, SerialBumpsOnlyWhenContentChanges) {
  FileStateManager M(path());
  M.writeState(withResources(2));
  ASSERT_NO_ERR(M.persistState());
  std::string Lineage = M.state()->Lineage;
  M.writeState(*M.state());
  ASSERT_NO_ERR(M.persistState());
  EXPECT_EQ(M.state()->Serial, 1u);
  State S = *M.state();
  S.remove("job.j0");
  M.writeState(S);
  ASSERT_NO_ERR(M.persistState());
  EXPECT_EQ(M.state()->Serial, 2u);
  EXPECT_EQ(M.state()->Lineage, Lineage);
}

TEST_F(LocalState, UnchangedSecretDoesNotRewriteTheState) {
  State S = withResources(1);
  S.Resources[0].Sensitive = {"password"};
  S.Resources[0].Attributes["password"] = "hunter2";
  FileStateManager M(path());
  M.writeState(S);
  ASSERT_NO_ERR(M.persistState());
  EXPECT_EQ(readFile(path()).find("hunter2"), std::string::npos);
  uint64_t Serial = M.state()->Serial;
  // The planner hands back the clear value again: same secret, no change.
  State Again = S;
  Again.Serial = Serial;
  Again.Lineage = M.state()->Lineage;
  M.writeState(Again);
  ASSERT_NO_ERR(M.persistState());
  EXPECT_EQ(M.state()->Serial, Serial);
  Again.Resources[0].Attributes["password"] = "changed";
  M.writeState(Again);
  ASSERT_NO_ERR(M.persistState());
  EXPECT_EQ(M.state()->Serial, Serial + 1);
}

TEST_F(LocalState, RefusesToOverwriteANewerStateWrittenMeanwhile) {
  {
    FileStateManager M(path());
    M.writeState(withResources(1));
    ASSERT_NO_ERR(M.persistState());
  }
  FileStateManager A(path()), B(path());
  ASSERT_NO_ERR(A.refreshState());
  ASSERT_NO_ERR(B.refreshState());
  State SA = *A.state();
  SA.Resources.push_back(makeResource("job", "from_a"));
  A.writeState(SA);
  ASSERT_NO_ERR(A.persistState());
  State SB = *B.state();
  SB.Resources.push_back(makeResource("job", "from_b"));
  B.writeState(SB);
  EXPECT_EQ(idOf(B.persistState()), ErrId::err_stale_serial);
  FileStateManager R(path());
  ASSERT_NO_ERR(R.refreshState());
  EXPECT_NE(R.state()->find("job.from_a"), nullptr);
  EXPECT_EQ(R.state()->find("job.from_b"), nullptr);
}

TEST_F(LocalState, RefusesStateOfAnotherLineageUnlessForced) {
  FileStateManager M(path());
  M.writeState(withResources(1));
  ASSERT_NO_ERR(M.persistState());
  State Other = withResources(4);
  Other.Lineage = newLineage();
  Other.Serial = 99;
  M.writeState(Other);
  EXPECT_EQ(idOf(M.persistState()), ErrId::err_lineage_mismatch);
  PersistOptions F;
  F.Force = true;
  ASSERT_NO_ERR(M.persistState(F));
  FileStateManager R(path());
  ASSERT_NO_ERR(R.refreshState());
  EXPECT_EQ(R.state()->Lineage, Other.Lineage);
  EXPECT_EQ(R.state()->Serial, 99u);
}

TEST_F(LocalState, CorruptStateIsReportedWithItsPath) {
  ASSERT_EQ(::mkdir((Dir.Path + "/.rtc").c_str(), 0700), 0);
  ASSERT_NO_ERR(writeFileAtomically(path(), "{\"format_version\": 1,"));
  FileStateManager M(path());
  llvm::Error E = M.refreshState();
  ASSERT_TRUE(bool(E));
  std::string Msg = llvm::toString(std::move(E));
  EXPECT_NE(Msg.find(path()), std::string::npos) << Msg;
}

TEST_F(LocalState, SecondLockerIsToldWhoHoldsTheLock) {
  FileStateManager A(path()), B(path());
  LockInfo Info = LockInfo::forCurrentProcess("apply");
  Info.Who = "alice@host";
  auto Id = A.lock(Info);
  ASSERT_TRUE(bool(Id)) << llvm::toString(Id.takeError());
  EXPECT_EQ(fileMode(path() + ".lock.info"), 0600u);
  auto Second = B.lock(LockInfo::forCurrentProcess("plan"));
  ASSERT_FALSE(bool(Second));
  std::string Msg = llvm::toString(Second.takeError());
  EXPECT_NE(Msg.find("state is locked by alice@host (operation apply"),
            std::string::npos)
      << Msg;
  EXPECT_NE(Msg.find(*Id), std::string::npos);
  ASSERT_NO_ERR(A.unlock(*Id));
  auto Third = B.lock(LockInfo::forCurrentProcess("plan"));
  ASSERT_TRUE(bool(Third)) << llvm::toString(Third.takeError());
  ASSERT_NO_ERR(B.unlock(*Third));
}

TEST_F(LocalState, UnlockWithWrongIdIsRefused) {
  FileStateManager A(path());
  auto Id = A.lock(LockInfo::forCurrentProcess("apply"));
  ASSERT_TRUE(bool(Id));
  EXPECT_EQ(idOf(A.unlock("nope")), ErrId::err_lock_id_mismatch);
  ASSERT_NO_ERR(A.unlock(*Id));
}

TEST_F(LocalState, LockConflictsAcrossProcesses) {
  LockChild Child(path(), -1);
  ASSERT_TRUE(Child.Locked);
  FileStateManager M(path());
  auto L = M.lock(LockInfo::forCurrentProcess("plan"));
  ASSERT_FALSE(bool(L));
  llvm::Error E = L.takeError();
  bool IsLock = E.isA<LockError>();
  std::string Msg = llvm::toString(std::move(E));
  EXPECT_TRUE(IsLock);
  EXPECT_NE(Msg.find("operation test hold"), std::string::npos) << Msg;
  EXPECT_NE(Msg.find(Child.Id), std::string::npos) << Msg;
  // A live holder's lock is never broken.
  auto F = M.forceUnlock(Child.Id);
  EXPECT_EQ(idOf(F), ErrId::err_lock_holder_alive);
}

TEST_F(LocalState, LockOfKilledHolderIsStaleUntilForceUnlocked) {
  LockChild Child(path(), -1);
  ASSERT_TRUE(Child.Locked);
  long Pid = Child.Pid;
  Child.kill9();
  FileStateManager M(path());
  auto L = M.lock(LockInfo::forCurrentProcess("plan"));
  ASSERT_FALSE(bool(L));
  std::string Msg = llvm::toString(L.takeError());
  EXPECT_NE(Msg.find("is stale: held by pid " + std::to_string(Pid) +
                     " which is no longer running"),
            std::string::npos)
      << Msg;
  auto Wrong = M.forceUnlock("not-the-id");
  EXPECT_EQ(idOf(Wrong), ErrId::err_lock_id_mismatch);
  auto F = M.forceUnlock(Child.Id);
  ASSERT_TRUE(bool(F)) << llvm::toString(F.takeError());
  EXPECT_NE(F->find("no longer running"), std::string::npos) << *F;
  auto Again = M.lock(LockInfo::forCurrentProcess("plan"));
  ASSERT_TRUE(bool(Again)) << llvm::toString(Again.takeError());
  ASSERT_NO_ERR(M.unlock(*Again));
}

TEST_F(LocalState, ForceUnlockWithoutLockSaysSo) {
  FileStateManager M(path());
  auto F = M.forceUnlock("x");
  EXPECT_EQ(idOf(F), ErrId::err_not_locked);
}

TEST_F(LocalState, LockWithTimeoutWaitsForTheHolder) {
  LockChild Child(path(), 400);
  ASSERT_TRUE(Child.Locked);
  FileStateManager M(path());
  auto Start = std::chrono::steady_clock::now();
  auto Id = lockWithTimeout(M, LockInfo::forCurrentProcess("apply"),
                            std::chrono::seconds(10));
  ASSERT_TRUE(bool(Id)) << llvm::toString(Id.takeError());
  auto Waited = std::chrono::steady_clock::now() - Start;
  EXPECT_GE(Waited, std::chrono::milliseconds(200));
  EXPECT_EQ(Child.wait(), 0);
  ASSERT_NO_ERR(M.unlock(*Id));
}

TEST_F(LocalState, LockWithTimeoutGivesUpAfterTheTimeout) {
  LockChild Child(path(), -1);
  ASSERT_TRUE(Child.Locked);
  FileStateManager M(path());
  auto Start = std::chrono::steady_clock::now();
  auto Id = lockWithTimeout(M, LockInfo::forCurrentProcess("apply"),
                            std::chrono::milliseconds(500));
  auto Waited = std::chrono::steady_clock::now() - Start;
  EXPECT_EQ(idOf(Id), ErrId::err_state_locked);
  EXPECT_GE(Waited, std::chrono::milliseconds(450));
  EXPECT_LT(Waited, std::chrono::milliseconds(3000));
}

TEST_F(LocalState, KillingAWriterMidWriteNeverCorruptsTheState) {
  {
    FileStateManager M(path());
    M.writeState(withResources(10));
    ASSERT_NO_ERR(M.persistState());
  }
  for (int Round = 0; Round < 8; ++Round) {
    pid_t Pid = ::fork();
    if (Pid == 0) {
      for (int I = 0;; ++I) {
        FileStateManager M(path());
        if (M.refreshState())
          ::_exit(2);
        State Next = withResources(2000 + I % 7, I);
        Next.Serial = M.state()->Serial;
        Next.Lineage = M.state()->Lineage;
        M.writeState(Next);
        if (llvm::Error E = M.persistState()) {
          llvm::consumeError(std::move(E));
          ::_exit(3);
        }
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(30 + Round * 17));
    ::kill(Pid, SIGKILL);
    int St;
    ::waitpid(Pid, &St, 0);
    ASSERT_TRUE(WIFSIGNALED(St)) << "writer failed early, status " << St;
    FileStateManager R(path());
    ASSERT_NO_ERR(R.refreshState());
    ASSERT_TRUE(R.state().has_value());
  }
}

TEST(LocalWorkspaces, CreateListSelectDelete) {
  TempDir Dir;
  BackendConfig C;
  C.WorkingDir = Dir.Path;
  auto B = makeBackend(C);
  ASSERT_TRUE(bool(B));
  ASSERT_NO_ERR((*B)->createWorkspace("dev"));
  EXPECT_EQ(idOf((*B)->createWorkspace("dev")), ErrId::err_workspace_exists);
  EXPECT_EQ(idOf((*B)->createWorkspace("bad name")), ErrId::err_workspace_name);
  auto Names = (*B)->workspaces();
  ASSERT_TRUE(bool(Names));
  EXPECT_EQ(*Names, (std::vector<std::string>{"default", "dev"}));
  EXPECT_EQ(readFile(localStatePath(Dir.Path, "dev")).empty(), false);

  auto Missing = (*B)->stateManager("prod");
  EXPECT_EQ(idOf(Missing), ErrId::err_workspace_missing);

  auto M = (*B)->stateManager("dev");
  ASSERT_TRUE(bool(M));
  ASSERT_NO_ERR((*M)->refreshState());
  State S = *(*M)->state();
  S.Resources.push_back(makeResource("job", "x"));
  (*M)->writeState(S);
  ASSERT_NO_ERR((*M)->persistState());
  EXPECT_EQ(idOf((*B)->deleteWorkspace("dev", false)),
            ErrId::err_workspace_not_empty);
  EXPECT_EQ(idOf((*B)->deleteWorkspace("default", true)),
            ErrId::err_workspace_delete_default);
  ASSERT_NO_ERR((*B)->deleteWorkspace("dev", true));
  Names = (*B)->workspaces();
  ASSERT_TRUE(bool(Names));
  EXPECT_EQ(*Names, std::vector<std::string>{"default"});
}

TEST(LocalWorkspaces, SelectionIsStoredInEnvironmentFile) {
  TempDir Dir;
  auto W = currentWorkspace(Dir.Path);
  ASSERT_TRUE(bool(W));
  EXPECT_EQ(*W, "default");
  ASSERT_NO_ERR(selectWorkspace(Dir.Path, "prod"));
  EXPECT_EQ(readFile(Dir.Path + "/.rtc/environment"), "prod\n");
  W = currentWorkspace(Dir.Path);
  ASSERT_TRUE(bool(W));
  EXPECT_EQ(*W, "prod");
  EXPECT_EQ(idOf(selectWorkspace(Dir.Path, "../x")), ErrId::err_workspace_name);
}

} // namespace
