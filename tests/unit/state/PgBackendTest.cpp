//===- PgBackendTest.cpp - PostgreSQL backend (needs RTC_PG_CONN) ---------===//
//
// Skipped unless RTC_PG_CONN is set; tests/suites/state.sh starts a
// throw-away server with tests/pg/pg-start.sh and sets it. Each test works
// in its own schema, dropped at the end.
//
//===----------------------------------------------------------------------===//
#include "TestUtil.h"

#include "rtc/State/Backend.h"
#include "rtc/State/PgBackend.h"
#include "rtc/State/Sensitive.h"

#include <libpq-fe.h>

#include <csignal>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace rtc::state;
using namespace rtc::state::test;

namespace {

class PgState : public ::testing::Test {
protected:
  void SetUp() override {
    const char *Conn = std::getenv("RTC_PG_CONN");
    if (!Conn || !*Conn)
      GTEST_SKIP() << "RTC_PG_CONN not set (run tests/suites/state.sh)";
    C.Type = BackendConfig::Kind::Pg;
    C.PgConn = Conn;
    C.PgSchema = "rtcc_t_" + newLineage().substr(0, 8);
    auto B = makeBackend(C);
    ASSERT_TRUE(bool(B));
    Back = std::move(*B);
  }
  void TearDown() override {
    Back.reset();
    if (C.PgConn.empty())
      return;
    PGconn *P = PQconnectdb(C.PgConn.c_str());
    PQclear(PQexec(P, ("SET client_min_messages = warning; DROP SCHEMA IF EXISTS " + C.PgSchema + " CASCADE")
                          .c_str()));
    PQfinish(P);
  }
  std::unique_ptr<StateManager> manager(const std::string &Ws = "default") {
    auto M = Back->stateManager(Ws);
    EXPECT_TRUE(bool(M));
    if (!M) {
      llvm::consumeError(M.takeError());
      return nullptr;
    }
    return std::move(*M);
  }
  /// Raw SQL for checks that must not go through the backend.
  std::string queryOne(const std::string &Sql) {
    PGconn *P = PQconnectdb(C.PgConn.c_str());
    PGresult *R = PQexec(P, Sql.c_str());
    std::string Out = PQntuples(R) > 0 ? PQgetvalue(R, 0, 0) : "";
    PQclear(R);
    PQfinish(P);
    return Out;
  }

  /// Forks a child that locks the default workspace and waits to be killed.
  pid_t forkHolder(std::string &IdOut) {
    int Fds[2];
    if (::pipe(Fds) != 0)
      return -1;
    pid_t Pid = ::fork();
    if (Pid == 0) {
      ::close(Fds[0]);
      auto B = makeBackend(C);
      auto M = (*B)->stateManager("default");
      auto Id = (*M)->lock(LockInfo::forCurrentProcess("test hold"));
      std::string Msg = (Id ? "L" + *Id : "E") + "\n";
      if (!Id)
        llvm::consumeError(Id.takeError());
      if (::write(Fds[1], Msg.data(), Msg.size()) < 0)
        ::_exit(3);
      while (true)
        ::pause();
    }
    ::close(Fds[1]);
    std::string Line;
    char Ch;
    while (::read(Fds[0], &Ch, 1) == 1 && Ch != '\n')
      Line += Ch;
    ::close(Fds[0]);
    IdOut = Line.size() > 1 && Line[0] == 'L' ? Line.substr(1) : "";
    return Pid;
  }
  static void kill9(pid_t Pid) {
    ::kill(Pid, SIGKILL);
    int St;
    ::waitpid(Pid, &St, 0);
  }

  BackendConfig C;
  std::unique_ptr<Backend> Back;
};

TEST(PgKey, IsStableAndDependsOnSchemaAndWorkspace) {
  EXPECT_EQ(pgLockKey("rtcc", "default"), pgLockKey("rtcc", "default"));
  EXPECT_NE(pgLockKey("rtcc", "default"), pgLockKey("rtcc", "dev"));
  EXPECT_NE(pgLockKey("rtcc", "default"), pgLockKey("other", "default"));
}

TEST_F(PgState, PersistRoundTripsAndCreatesTables) {
  auto M = manager();
  ASSERT_NO_ERR(M->refreshState());
  EXPECT_FALSE(M->state().has_value());
  State S;
  S.Resources.push_back(makeResource("cluster", "a"));
  S.Resources.push_back(makeResource("job", "b"));
  M->writeState(S);
  ASSERT_NO_ERR(M->persistState());
  EXPECT_EQ(M->state()->Serial, 1u);
  auto R = manager();
  ASSERT_NO_ERR(R->refreshState());
  ASSERT_TRUE(R->state().has_value());
  EXPECT_EQ(R->state()->Resources.size(), 2u);
  EXPECT_EQ(R->state()->Lineage, M->state()->Lineage);
  EXPECT_EQ(queryOne("SELECT serial FROM " + C.PgSchema +
                     ".states WHERE workspace = 'default'"),
            "1");
}

TEST_F(PgState, SerialBumpsOnlyOnChangeAndSecretsAreHashed) {
  auto M = manager();
  State S;
  ResourceState U = makeResource("user", "alice");
  U.Sensitive = {"password"};
  U.Attributes["password"] = "hunter2";
  S.Resources.push_back(U);
  M->writeState(S);
  ASSERT_NO_ERR(M->persistState());
  State Same = S;
  Same.Serial = M->state()->Serial;
  Same.Lineage = M->state()->Lineage;
  M->writeState(Same);
  ASSERT_NO_ERR(M->persistState());
  EXPECT_EQ(M->state()->Serial, 1u);
  std::string Data = queryOne("SELECT data FROM " + C.PgSchema + ".states");
  EXPECT_EQ(Data.find("hunter2"), std::string::npos);
  EXPECT_NE(Data.find("sha256:"), std::string::npos);
}

TEST_F(PgState, RefusesToOverwriteANewerStateWrittenMeanwhile) {
  {
    auto M = manager();
    M->writeState(State{});
    ASSERT_NO_ERR(M->persistState());
  }
  auto A = manager(), B = manager();
  ASSERT_NO_ERR(A->refreshState());
  ASSERT_NO_ERR(B->refreshState());
  State SA = *A->state();
  SA.Resources.push_back(makeResource("job", "from_a"));
  A->writeState(SA);
  ASSERT_NO_ERR(A->persistState());
  State SB = *B->state();
  SB.Resources.push_back(makeResource("job", "from_b"));
  B->writeState(SB);
  EXPECT_EQ(idOf(B->persistState()), ErrId::err_stale_serial);
  State Other;
  Other.Lineage = newLineage();
  Other.Serial = 50;
  B->writeState(Other);
  EXPECT_EQ(idOf(B->persistState()), ErrId::err_lineage_mismatch);
}

TEST_F(PgState, SecondLockerIsToldWhoHoldsTheLock) {
  auto A = manager(), B = manager();
  LockInfo Info = LockInfo::forCurrentProcess("apply");
  Info.Who = "alice@host";
  auto Id = A->lock(Info);
  ASSERT_TRUE(bool(Id)) << llvm::toString(Id.takeError());
  auto L = B->lock(LockInfo::forCurrentProcess("plan"));
  ASSERT_FALSE(bool(L));
  std::string Msg = llvm::toString(L.takeError());
  EXPECT_NE(Msg.find("state is locked by alice@host (operation apply"),
            std::string::npos)
      << Msg;
  EXPECT_NE(Msg.find(*Id), std::string::npos);
  // The holder is alive: force-unlock must refuse.
  auto F = B->forceUnlock(*Id);
  EXPECT_EQ(idOf(F), ErrId::err_lock_holder_alive);
  ASSERT_NO_ERR(A->unlock(*Id));
  EXPECT_EQ(queryOne("SELECT count(*) FROM " + C.PgSchema + ".locks"), "0");
  auto Again = B->lock(LockInfo::forCurrentProcess("plan"));
  ASSERT_TRUE(bool(Again)) << llvm::toString(Again.takeError());
  ASSERT_NO_ERR(B->unlock(*Again));
}

TEST_F(PgState, WorkspacesLockIndependently) {
  ASSERT_NO_ERR(Back->createWorkspace("dev"));
  auto A = manager("default"), B = manager("dev");
  auto IA = A->lock(LockInfo::forCurrentProcess("apply"));
  auto IB = B->lock(LockInfo::forCurrentProcess("apply"));
  ASSERT_TRUE(bool(IA));
  ASSERT_TRUE(bool(IB));
  ASSERT_NO_ERR(A->unlock(*IA));
  ASSERT_NO_ERR(B->unlock(*IB));
}

TEST_F(PgState, KilledHolderReleasesTheAdvisoryLock) {
  std::string Id;
  pid_t Pid = forkHolder(Id);
  ASSERT_GT(Pid, 0);
  ASSERT_FALSE(Id.empty());
  auto M = manager();
  auto L = M->lock(LockInfo::forCurrentProcess("plan"));
  EXPECT_EQ(idOf(L), ErrId::err_state_locked);
  kill9(Pid);
  // The server notices the closed socket almost at once.
  auto Got = lockWithTimeout(*M, LockInfo::forCurrentProcess("plan"),
                             std::chrono::seconds(10));
  ASSERT_TRUE(bool(Got)) << llvm::toString(Got.takeError());
  ASSERT_NO_ERR(M->unlock(*Got));
}

TEST_F(PgState, ForceUnlockRemovesTheRowOfADeadHolder) {
  std::string Id;
  pid_t Pid = forkHolder(Id);
  ASSERT_GT(Pid, 0);
  ASSERT_FALSE(Id.empty());
  auto M = manager();
  EXPECT_EQ(idOf(M->forceUnlock("wrong")), ErrId::err_lock_id_mismatch);
  kill9(Pid);
  llvm::Expected<std::string> F = std::string();
  for (int Try = 0; Try < 50; ++Try) {
    F = M->forceUnlock(Id);
    if (F)
      break;
    llvm::consumeError(F.takeError());
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_TRUE(bool(F));
  EXPECT_NE(F->find("session had already ended"), std::string::npos) << *F;
  EXPECT_EQ(queryOne("SELECT count(*) FROM " + C.PgSchema + ".locks"), "0");
  EXPECT_EQ(idOf(M->forceUnlock(Id)), ErrId::err_not_locked);
}

TEST_F(PgState, WorkspaceLifecycle) {
  ASSERT_NO_ERR(Back->createWorkspace("dev"));
  EXPECT_EQ(idOf(Back->createWorkspace("dev")), ErrId::err_workspace_exists);
  auto Names = Back->workspaces();
  ASSERT_TRUE(bool(Names));
  EXPECT_EQ(*Names, (std::vector<std::string>{"default", "dev"}));
  auto Missing = Back->stateManager("prod");
  EXPECT_EQ(idOf(Missing), ErrId::err_workspace_missing);
  auto M = manager("dev");
  ASSERT_NO_ERR(M->refreshState());
  State S = *M->state();
  S.Resources.push_back(makeResource("job", "x"));
  M->writeState(S);
  ASSERT_NO_ERR(M->persistState());
  EXPECT_EQ(idOf(Back->deleteWorkspace("dev", false)),
            ErrId::err_workspace_not_empty);
  ASSERT_NO_ERR(Back->deleteWorkspace("dev", true));
  Names = Back->workspaces();
  ASSERT_TRUE(bool(Names));
  EXPECT_EQ(*Names, std::vector<std::string>{"default"});
}

TEST(PgConfig, MissingConnectionStringIsAnError) {
  BackendConfig C;
  C.Type = BackendConfig::Kind::Pg;
  auto B = makeBackend(C);
  EXPECT_EQ(idOf(B), ErrId::err_pg_conn_missing);
  C.PgConn = "host=127.0.0.1";
  C.PgSchema = "Bad-Name";
  auto B2 = makeBackend(C);
  EXPECT_EQ(idOf(B2), ErrId::err_pg_schema_name);
}

TEST(PgConfig, UnreachableServerGivesAConnectError) {
  BackendConfig C;
  C.Type = BackendConfig::Kind::Pg;
  C.PgConn = "host=127.0.0.1 port=1 connect_timeout=2";
  auto B = makeBackend(C);
  ASSERT_TRUE(bool(B));
  auto W = (*B)->workspaces();
  EXPECT_EQ(idOf(W), ErrId::err_pg_connect);
}

} // namespace
