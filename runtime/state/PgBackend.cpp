//===- PgBackend.cpp - states and advisory locks in PostgreSQL ------------===//
#include "rtc/State/PgBackend.h"
#include "rtc/State/StateError.h"
#include "rtc/State/StateJson.h"
#include "rtc/State/Workspace.h"

#include <libpq-fe.h>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <memory>

namespace rtc::state {

int64_t pgLockKey(const std::string &Schema, const std::string &Workspace) {
  // FNV-1a: stable across builds and platforms, unlike std::hash.
  uint64_t H = 1469598103934665603ULL;
  auto Mix = [&](const std::string &S) {
    for (unsigned char C : S) {
      H ^= C;
      H *= 1099511628211ULL;
    }
  };
  Mix(Schema);
  Mix("/");
  Mix(Workspace);
  int64_t Out;
  std::memcpy(&Out, &H, sizeof Out);
  return Out;
}

namespace {

struct ConnDeleter {
  void operator()(PGconn *C) const { PQfinish(C); }
};
struct ResultDeleter {
  void operator()(PGresult *R) const { PQclear(R); }
};
using ConnPtr = std::unique_ptr<PGconn, ConnDeleter>;
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

void ignoreNotice(void *, const char *) {}

std::string trimmed(std::string S) {
  while (!S.empty() && (S.back() == '\n' || S.back() == ' '))
    S.pop_back();
  return S;
}


std::string pgMessage(PGconn *C) {
  std::string M = PQerrorMessage(C);
  while (!M.empty() && (M.back() == '\n' || M.back() == ' '))
    M.pop_back();
  return M;
}

llvm::Expected<ConnPtr> connect(const std::string &ConnInfo) {
  // expand_dbname: the user's string (key=value or URI) is expanded in
  // place of dbname and overrides the defaults listed before it.
  const char *Keys[] = {"connect_timeout", "application_name", "dbname",
                        nullptr};
  const char *Vals[] = {"10", "rtcc", ConnInfo.c_str(), nullptr};
  ConnPtr C(PQconnectdbParams(Keys, Vals, /*expand_dbname=*/1));
  if (!C)
    return makeError(ErrId::err_pg_connect, "out of memory");
  if (PQstatus(C.get()) != CONNECTION_OK)
    return makeError(ErrId::err_pg_connect, pgMessage(C.get()));
  PQsetNoticeProcessor(C.get(), ignoreNotice, nullptr);
  return std::move(C);
}

/// Runs one statement with text parameters; fails unless it returned
/// tuples or completed a command.
llvm::Expected<ResultPtr> exec(PGconn *C, const char *What,
                               const std::string &Sql,
                               const std::vector<std::string> &Params = {}) {
  std::vector<const char *> P;
  P.reserve(Params.size());
  for (const std::string &S : Params)
    P.push_back(S.c_str());
  ResultPtr R(PQexecParams(C, Sql.c_str(), static_cast<int>(P.size()),
                           nullptr, P.data(), nullptr, nullptr, 0));
  ExecStatusType St = R ? PQresultStatus(R.get()) : PGRES_FATAL_ERROR;
  if (St != PGRES_TUPLES_OK && St != PGRES_COMMAND_OK)
    return makeError(ErrId::err_pg_query, What,
                     R ? trimmed(PQresultErrorMessage(R.get()))
                       : pgMessage(C));
  return std::move(R);
}

/// Runs exec and drops the result, keeping only the error.
llvm::Error run(PGconn *C, const char *What, const std::string &Sql,
                const std::vector<std::string> &Params = {}) {
  auto R = exec(C, What, Sql, Params);
  if (!R)
    return R.takeError();
  return llvm::Error::success();
}

/// Creates the schema and tables once; concurrent first runs serialise on
/// a transaction-scoped advisory lock so CREATE ... IF NOT EXISTS cannot
/// race on the catalog.
llvm::Error ensureSchema(PGconn *C, const std::string &Schema) {
  auto R = exec(C, "checking for the tables",
                "SELECT to_regclass($1) IS NOT NULL",
                {"\"" + Schema + "\".locks"});
  if (!R)
    return R.takeError();
  if (std::string(PQgetvalue(R->get(), 0, 0)) == "t")
    return llvm::Error::success();
  std::string Q = "\"" + Schema + "\"";
  std::string Sql =
      "BEGIN;"
      "SELECT pg_advisory_xact_lock(7526398110532211);"
      "CREATE SCHEMA IF NOT EXISTS " + Q + ";"
      "CREATE TABLE IF NOT EXISTS " + Q + ".states ("
      " workspace text PRIMARY KEY, data text NOT NULL,"
      " serial bigint NOT NULL, lineage text NOT NULL,"
      " updated_at timestamptz NOT NULL DEFAULT now());"
      "CREATE TABLE IF NOT EXISTS " + Q + ".locks ("
      " workspace text PRIMARY KEY, id text NOT NULL, info text NOT NULL,"
      " backend_pid integer NOT NULL,"
      " created_at timestamptz NOT NULL DEFAULT now());"
      "COMMIT;";
  ResultPtr Res(PQexec(C, Sql.c_str()));
  if (!Res || PQresultStatus(Res.get()) != PGRES_COMMAND_OK) {
    std::string M = Res ? PQresultErrorMessage(Res.get()) : pgMessage(C);
    ResultPtr(PQexec(C, "ROLLBACK"));
    return makeError(ErrId::err_pg_query, "creating the schema",
                     trimmed(M));
  }
  return llvm::Error::success();
}

class PgStateManager final : public StateManager {
public:
  PgStateManager(std::string ConnInfo, std::string Schema,
                 std::string Workspace)
      : ConnInfo(std::move(ConnInfo)), Schema(std::move(Schema)),
        Workspace(std::move(Workspace)),
        Q("\"" + this->Schema + "\""),
        Key(std::to_string(pgLockKey(this->Schema, this->Workspace))) {}

  ~PgStateManager() override {
    if (LockConn)
      llvm::consumeError(unlock(LockId));
  }

  const std::optional<State> &state() const override { return Current; }
  void writeState(State S) override {
    S.normalize();
    Current = std::move(S);
  }

  std::string location() const override {
    return "pg:" + Schema + "/" + Workspace;
  }

  llvm::Error refreshState() override {
    if (llvm::Error E = ensureConn())
      return E;
    auto R = exec(Conn.get(), "reading the state",
                  "SELECT data FROM " + Q + ".states WHERE workspace = $1",
                  {Workspace});
    if (!R)
      return R.takeError();
    if (PQntuples(R->get()) == 0) {
      Stored.reset();
      Current.reset();
      return llvm::Error::success();
    }
    std::string Text = PQgetvalue(R->get(), 0, 0);
    auto S = parseState(Text, location());
    if (!S)
      return S.takeError();
    Stored = StoredSnapshot::make(*S, std::move(Text));
    Current = std::move(*S);
    return llvm::Error::success();
  }

  llvm::Error persistState(PersistOptions Opts) override {
    if (!Current)
      return llvm::Error::success();
    if (llvm::Error E = ensureConn())
      return E;
    PGconn *C = Conn.get();
    if (llvm::Error E = run(C, "starting a transaction", "BEGIN"))
      return E;
    llvm::Error E = persistInTransaction(C, Opts);
    if (E) {
      llvm::consumeError(run(C, "rolling back", "ROLLBACK"));
      return E;
    }
    if (llvm::Error E = run(C, "committing the state", "COMMIT")) {
      Stored.reset(); // unknown now; re-read on the next persist
      return E;
    }
    return llvm::Error::success();
  }

  llvm::Expected<std::string> lock(const LockInfo &In) override {
    if (LockConn) {
      auto Holder = readLockRow(LockConn.get());
      if (!Holder)
        return Holder.takeError();
      return makeLockError(Holder->value_or(LockInfo{}), false);
    }
    auto C = connect(ConnInfo);
    if (!C)
      return C.takeError();
    if (llvm::Error E = ensureSchema(C->get(), Schema))
      return std::move(E);
    auto R = exec(C->get(), "taking the advisory lock",
                  "SELECT pg_try_advisory_lock($1::bigint)", {Key});
    if (!R)
      return R.takeError();
    if (std::string(PQgetvalue(R->get(), 0, 0)) != "t") {
      // The holder inserts its row right after locking; give it a moment.
      for (int Try = 0; Try < 20; ++Try) {
        auto Holder = readLockRow(C->get());
        if (!Holder)
          return Holder.takeError();
        if (*Holder)
          return makeLockError(**Holder, false);
        usleepMs(10);
      }
      LockInfo Unknown;
      Unknown.Who = "an unknown session (no row in " + Schema + ".locks)";
      return makeLockError(Unknown, false);
    }
    LockInfo Info = In;
    if (Info.ID.empty())
      Info.ID = newLineage();
    Info.Path = location();
    if (Info.Host.empty())
      Info.Host = currentHostName();
    // A row left by a holder whose session died is simply replaced: its
    // advisory lock went away with its connection.
    if (llvm::Error E =
            run(C->get(), "recording the lock holder",
                "INSERT INTO " + Q + ".locks (workspace, id, info, "
                "backend_pid) VALUES ($1, $2, $3, pg_backend_pid()) "
                "ON CONFLICT (workspace) DO UPDATE SET id = EXCLUDED.id, "
                "info = EXCLUDED.info, backend_pid = EXCLUDED.backend_pid, "
                "created_at = now()",
                {Workspace, Info.ID, Info.toJson()}))
      return std::move(E);
    LockConn = std::move(*C);
    LockId = Info.ID;
    return Info.ID;
  }

  llvm::Error unlock(const std::string &ID) override {
    if (!LockConn)
      return makeError(ErrId::err_not_locked, location());
    if (ID != LockId)
      return makeError(ErrId::err_lock_id_mismatch, ID, LockId);
    llvm::Error E = run(LockConn.get(), "removing the lock holder",
                        "DELETE FROM " + Q + ".locks WHERE workspace = $1 "
                        "AND id = $2",
                        {Workspace, ID});
    llvm::Error E2 = run(LockConn.get(), "releasing the advisory lock",
                         "SELECT pg_advisory_unlock($1::bigint)", {Key});
    // Closing the session releases the advisory lock in any case.
    LockConn.reset();
    LockId.clear();
    if (E) {
      llvm::consumeError(std::move(E2));
      return E;
    }
    return E2;
  }

  llvm::Expected<std::string> forceUnlock(const std::string &ID) override {
    if (LockConn && ID == LockId) {
      if (llvm::Error E = unlock(ID))
        return std::move(E);
      return "released lock " + ID + " held by this process";
    }
    auto C = connect(ConnInfo);
    if (!C)
      return C.takeError();
    if (llvm::Error E = ensureSchema(C->get(), Schema))
      return std::move(E);
    auto Holder = readLockRow(C->get());
    if (!Holder)
      return Holder.takeError();
    if (!*Holder)
      return makeError(ErrId::err_not_locked, location());
    const LockInfo &H = **Holder;
    if (H.ID != ID)
      return makeError(ErrId::err_lock_id_mismatch, ID, H.ID);
    // Only the holder's session can release its advisory lock; if we can
    // take it, that session is gone and only its row is left.
    auto R = exec(C->get(), "probing the advisory lock",
                  "SELECT pg_try_advisory_lock($1::bigint)", {Key});
    if (!R)
      return R.takeError();
    if (std::string(PQgetvalue(R->get(), 0, 0)) != "t")
      return makeError(ErrId::err_lock_holder_alive, ID, H.Who, H.Pid);
    llvm::Error E = run(C->get(), "removing the lock holder",
                        "DELETE FROM " + Q + ".locks WHERE workspace = $1 "
                        "AND id = $2",
                        {Workspace, ID});
    llvm::consumeError(run(C->get(), "releasing the advisory lock",
                           "SELECT pg_advisory_unlock($1::bigint)", {Key}));
    if (E)
      return std::move(E);
    return "removed lock " + ID + " of " + H.Who + " (operation " +
           H.Operation + ", pid " + std::to_string(H.Pid) +
           "); its database session had already ended, so PostgreSQL had "
           "released the advisory lock";
  }

private:
  static void usleepMs(int Ms) {
    struct timespec Ts = {0, Ms * 1000000L};
    nanosleep(&Ts, nullptr);
  }

  llvm::Error ensureConn() {
    if (Conn && PQstatus(Conn.get()) == CONNECTION_OK)
      return llvm::Error::success();
    auto C = connect(ConnInfo);
    if (!C)
      return C.takeError();
    if (llvm::Error E = ensureSchema(C->get(), Schema))
      return E;
    Conn = std::move(*C);
    return llvm::Error::success();
  }

  llvm::Expected<std::optional<LockInfo>> readLockRow(PGconn *C) {
    auto R = exec(C, "reading the lock holder",
                  "SELECT info FROM " + Q + ".locks WHERE workspace = $1",
                  {Workspace});
    if (!R)
      return R.takeError();
    if (PQntuples(R->get()) == 0)
      return std::nullopt;
    auto I = LockInfo::fromJson(PQgetvalue(R->get(), 0, 0),
                                location() + " lock");
    if (!I)
      return I.takeError();
    return std::optional<LockInfo>(std::move(*I));
  }

  llvm::Error persistInTransaction(PGconn *C, PersistOptions Opts) {
    auto R = exec(C, "reading the stored serial",
                  "SELECT serial, lineage FROM " + Q +
                      ".states WHERE workspace = $1 FOR UPDATE",
                  {Workspace});
    if (!R)
      return R.takeError();
    std::string ExpectSerial;
    if (PQntuples(R->get()) == 0) {
      Stored.reset();
    } else {
      ExpectSerial = PQgetvalue(R->get(), 0, 0);
      std::string Lineage = PQgetvalue(R->get(), 0, 1);
      // Skip re-reading the document when it is the one we loaded.
      if (!Stored || std::to_string(Stored->Serial) != ExpectSerial ||
          Stored->Lineage != Lineage) {
        auto D = exec(C, "reading the state",
                      "SELECT data FROM " + Q +
                          ".states WHERE workspace = $1",
                      {Workspace});
        if (!D)
          return D.takeError();
        std::string Text = PQgetvalue(D->get(), 0, 0);
        auto S = parseState(Text, location());
        if (S) {
          Stored = StoredSnapshot::make(*S, std::move(Text));
        } else if (!Opts.Force) {
          return S.takeError();
        } else {
          llvm::consumeError(S.takeError());
          // Unreadable stored state, overwritten on request: keep only
          // its serial so the guarded UPDATE below still applies.
          StoredSnapshot Broken;
          Broken.Serial = std::stoull(ExpectSerial);
          Broken.Lineage = Lineage;
          Stored = std::move(Broken);
        }
      }
    }
    const uint64_t OldSerial = Current->Serial;
    const std::string OldLineage = Current->Lineage;
    std::string Text;
    auto Write =
        preparePersist(Stored ? &*Stored : nullptr, *Current, Opts, Text);
    if (!Write)
      return Write.takeError();
    if (!*Write)
      return llvm::Error::success();
    std::string Serial = std::to_string(Current->Serial);
    auto W =
        ExpectSerial.empty()
            ? exec(C, "inserting the state",
                   "INSERT INTO " + Q + ".states (workspace, data, serial, "
                   "lineage) VALUES ($1, $2, $3, $4) "
                   "ON CONFLICT (workspace) DO NOTHING",
                   {Workspace, Text, Serial, Current->Lineage})
            // The serial condition is a second guard besides FOR UPDATE.
            : exec(C, "updating the state",
                   "UPDATE " + Q + ".states SET data = $2, serial = $3, "
                   "lineage = $4, updated_at = now() WHERE workspace = $1 "
                   "AND serial = $5",
                   {Workspace, Text, Serial, Current->Lineage, ExpectSerial});
    llvm::Error E = W ? llvm::Error::success() : W.takeError();
    if (!E && std::string(PQcmdTuples(W->get())) != "1")
      E = makeError(ErrId::err_concurrent_write, Workspace,
                    ExpectSerial.empty() ? "none" : ExpectSerial);
    if (E) {
      Current->Serial = OldSerial;
      Current->Lineage = OldLineage;
      return E;
    }
    // Becomes true only at COMMIT; persistState() drops it if that fails.
    Stored = StoredSnapshot::make(*Current, std::move(Text));
    return llvm::Error::success();
  }

  std::string ConnInfo, Schema, Workspace, Q, Key;
  ConnPtr Conn, LockConn;
  std::string LockId;
  std::optional<State> Current;
  std::optional<StoredSnapshot> Stored;
};

class PgBackend final : public Backend {
public:
  explicit PgBackend(BackendConfig C)
      : C(std::move(C)), Q("\"" + this->C.PgSchema + "\"") {}

  llvm::Error ensureConn() {
    if (Conn)
      return llvm::Error::success();
    auto Cn = connect(C.PgConn);
    if (!Cn)
      return Cn.takeError();
    if (llvm::Error E = ensureSchema(Cn->get(), C.PgSchema))
      return E;
    Conn = std::move(*Cn);
    return llvm::Error::success();
  }

  llvm::Expected<bool> exists(const std::string &Name) {
    if (Name == DefaultWorkspace)
      return true;
    if (llvm::Error E = ensureConn())
      return std::move(E);
    auto R = exec(Conn.get(), "looking up the workspace",
                  "SELECT 1 FROM " + Q + ".states WHERE workspace = $1",
                  {Name});
    if (!R)
      return R.takeError();
    return PQntuples(R->get()) == 1;
  }

  llvm::Expected<std::vector<std::string>> workspaces() override {
    if (llvm::Error E = ensureConn())
      return std::move(E);
    auto R = exec(Conn.get(), "listing workspaces",
                  "SELECT workspace FROM " + Q + ".states");
    if (!R)
      return R.takeError();
    std::vector<std::string> Names{DefaultWorkspace};
    for (int I = 0; I < PQntuples(R->get()); ++I)
      if (std::string N = PQgetvalue(R->get(), I, 0); N != DefaultWorkspace)
        Names.push_back(N);
    std::sort(Names.begin(), Names.end());
    return Names;
  }

  llvm::Error createWorkspace(const std::string &Name) override {
    if (!isValidWorkspaceName(Name))
      return makeError(ErrId::err_workspace_name, Name);
    if (Name == DefaultWorkspace)
      return makeError(ErrId::err_workspace_exists, Name);
    if (llvm::Error E = ensureConn())
      return E;
    State Empty;
    Empty.Serial = 1;
    Empty.Lineage = newLineage();
    auto R = exec(Conn.get(), "creating the workspace",
                  "INSERT INTO " + Q + ".states (workspace, data, serial, "
                  "lineage) VALUES ($1, $2, $3, $4) "
                  "ON CONFLICT (workspace) DO NOTHING",
                  {Name, serializeState(Empty), "1", Empty.Lineage});
    if (!R)
      return R.takeError();
    if (std::string(PQcmdTuples(R->get())) != "1")
      return makeError(ErrId::err_workspace_exists, Name);
    return llvm::Error::success();
  }

  llvm::Error deleteWorkspace(const std::string &Name, bool Force) override {
    if (!isValidWorkspaceName(Name))
      return makeError(ErrId::err_workspace_name, Name);
    if (Name == DefaultWorkspace)
      return makeError(ErrId::err_workspace_delete_default);
    auto Ex = exists(Name);
    if (!Ex)
      return Ex.takeError();
    if (!*Ex)
      return makeError(ErrId::err_workspace_missing, Name);
    PgStateManager M(C.PgConn, C.PgSchema, Name);
    auto Id = M.lock(LockInfo::forCurrentProcess("workspace delete"));
    if (!Id)
      return Id.takeError();
    llvm::Error E = M.refreshState();
    if (E && !Force) {
      llvm::consumeError(M.unlock(*Id));
      return E;
    }
    llvm::consumeError(std::move(E));
    if (!Force && M.state() && !M.state()->Resources.empty()) {
      size_t N = M.state()->Resources.size();
      llvm::consumeError(M.unlock(*Id));
      return makeError(ErrId::err_workspace_not_empty, Name, N);
    }
    llvm::Error D = run(Conn.get(), "deleting the workspace",
                        "DELETE FROM " + Q + ".states WHERE workspace = $1",
                        {Name});
    llvm::Error U = M.unlock(*Id);
    if (D) {
      llvm::consumeError(std::move(U));
      return D;
    }
    return U;
  }

  llvm::Expected<std::unique_ptr<StateManager>>
  stateManager(const std::string &Workspace) override {
    if (!isValidWorkspaceName(Workspace))
      return makeError(ErrId::err_workspace_name, Workspace);
    auto Ex = exists(Workspace);
    if (!Ex)
      return Ex.takeError();
    if (!*Ex)
      return makeError(ErrId::err_workspace_missing, Workspace);
    return std::make_unique<PgStateManager>(C.PgConn, C.PgSchema, Workspace);
  }

  std::string describe() const override {
    return "pg (schema " + C.PgSchema + ")";
  }

private:
  BackendConfig C;
  std::string Q;
  ConnPtr Conn;
};

} // namespace

std::unique_ptr<Backend> makePgBackend(const BackendConfig &C) {
  return std::make_unique<PgBackend>(C);
}

} // namespace rtc::state
