// SQLite persistence of the emulator's objects.
#include "rtc/Emulator/Store.h"

#include <sqlite3.h>

#include <fcntl.h>
#include <stdexcept>
#include <unistd.h>

namespace rtc::emulator {

namespace {
const char *Schema = R"sql(
CREATE TABLE IF NOT EXISTS objects(kind TEXT NOT NULL, id TEXT NOT NULL,
  body TEXT NOT NULL, PRIMARY KEY(kind, id));
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS nonces(nonce TEXT PRIMARY KEY, at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS nonces_at ON nonces(at);
)sql";

// Binds text without copying: the statement runs before the string dies.
void bindText(sqlite3_stmt *S, int Index, const std::string &Text) {
  sqlite3_bind_text(S, Index, Text.data(), static_cast<int>(Text.size()),
                    SQLITE_TRANSIENT);
}

// The same bytes as bindText; used for a bound that is not valid UTF-8
// (compared bytewise under SQLite's BINARY collation all the same).
void bindBlobAsText(sqlite3_stmt *S, int Index, const std::string &Text) {
  sqlite3_bind_text(S, Index, Text.data(), static_cast<int>(Text.size()),
                    SQLITE_TRANSIENT);
}

std::string columnText(sqlite3_stmt *S, int Index) {
  const unsigned char *T = sqlite3_column_text(S, Index);
  return T ? std::string(reinterpret_cast<const char *>(T),
                         static_cast<size_t>(sqlite3_column_bytes(S, Index)))
           : std::string();
}

// Resets the statement when the scope ends, whatever happened.
struct StatementScope {
  sqlite3_stmt *S;
  ~StatementScope() {
    sqlite3_reset(S);
    sqlite3_clear_bindings(S);
  }
};
} // namespace

Store::Store(sqlite3 *Db) : Db(Db) {}

Store::~Store() {
  for (auto &Entry : Statements)
    sqlite3_finalize(Entry.second);
  sqlite3_close(Db);
}

std::unique_ptr<Store> Store::open(const std::string &Path,
                                   std::string &Error) {
  // The store holds access key secrets: create it private, as the state
  // is (SQLite would use 0644; its -wal and -shm files copy this mode).
  if (Path != ":memory:" && !Path.empty()) {
    int Fd = ::open(Path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (Fd >= 0)
      ::close(Fd);
  }
  sqlite3 *Db = nullptr;
  if (sqlite3_open_v2(Path.c_str(), &Db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                          SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    Error = Db ? sqlite3_errmsg(Db) : "cannot allocate sqlite handle";
    sqlite3_close(Db);
    return nullptr;
  }
  sqlite3_busy_timeout(Db, 5000);
  std::unique_ptr<Store> S(new Store(Db));
  try {
    // WAL + NORMAL survives a killed process (what the crash tests do)
    // while keeping one fsync off the path of every request.
    S->exec("PRAGMA journal_mode=WAL;");
    S->exec("PRAGMA synchronous=NORMAL;");
    // 64 MiB of page cache: 100,000 users fit, so lookups stay in memory.
    S->exec("PRAGMA cache_size=-65536;");
    S->exec(Schema);
  } catch (const std::exception &E) {
    Error = E.what();
    return nullptr;
  }
  return S;
}

void Store::exec(const char *Sql) {
  char *Msg = nullptr;
  if (sqlite3_exec(Db, Sql, nullptr, nullptr, &Msg) != SQLITE_OK) {
    std::string Text = Msg ? Msg : "sqlite error";
    sqlite3_free(Msg);
    throw std::runtime_error(Text);
  }
}

sqlite3_stmt *Store::prepare(const char *Sql) {
  auto It = Statements.find(Sql);
  if (It != Statements.end())
    return It->second;
  sqlite3_stmt *S = nullptr;
  if (sqlite3_prepare_v2(Db, Sql, -1, &S, nullptr) != SQLITE_OK)
    throw std::runtime_error(sqlite3_errmsg(Db));
  Statements[Sql] = S;
  return S;
}

static void stepDone(sqlite3 *Db, sqlite3_stmt *S) {
  int Rc = sqlite3_step(S);
  if (Rc != SQLITE_DONE && Rc != SQLITE_ROW)
    throw std::runtime_error(sqlite3_errmsg(Db));
}

std::optional<Store::json> Store::get(const std::string &Kind,
                                      const std::string &Id) {
  sqlite3_stmt *S = prepare("SELECT body FROM objects WHERE kind=?1 AND id=?2");
  StatementScope Scope{S};
  bindText(S, 1, Kind);
  bindText(S, 2, Id);
  if (sqlite3_step(S) != SQLITE_ROW)
    return std::nullopt;
  return json::parse(columnText(S, 0));
}

void Store::put(const std::string &Kind, const std::string &Id,
                const json &Body) {
  sqlite3_stmt *S = prepare(
      "INSERT OR REPLACE INTO objects(kind, id, body) VALUES(?1, ?2, ?3)");
  StatementScope Scope{S};
  bindText(S, 1, Kind);
  bindText(S, 2, Id);
  bindText(S, 3, Body.dump());
  stepDone(Db, S);
}

bool Store::erase(const std::string &Kind, const std::string &Id) {
  sqlite3_stmt *S = prepare("DELETE FROM objects WHERE kind=?1 AND id=?2");
  StatementScope Scope{S};
  bindText(S, 1, Kind);
  bindText(S, 2, Id);
  stepDone(Db, S);
  return sqlite3_changes(Db) > 0;
}

std::vector<std::pair<std::string, Store::json>>
Store::list(const std::string &Kind, const std::string &Prefix) {
  // A range on the (kind, id) primary key, so the cost is the rows
  // returned, not the rows of the kind. No UTF-8 text holds byte 0xFF, so
  // Prefix + 0xFF bounds every id that starts with Prefix.
  sqlite3_stmt *S = prepare("SELECT id, body FROM objects WHERE kind=?1 AND "
                            "id >= ?2 AND id < ?3 ORDER BY id");
  StatementScope Scope{S};
  bindText(S, 1, Kind);
  bindText(S, 2, Prefix);
  bindBlobAsText(S, 3, Prefix + "\xFF");
  std::vector<std::pair<std::string, json>> Out;
  while (sqlite3_step(S) == SQLITE_ROW)
    Out.emplace_back(columnText(S, 0), json::parse(columnText(S, 1)));
  return Out;
}

std::vector<std::pair<std::string, Store::json>>
Store::listFrom(const std::string &Kind, const std::string &From,
                int64_t Limit) {
  sqlite3_stmt *S = prepare("SELECT id, body FROM objects WHERE kind=?1 AND "
                            "id >= ?2 ORDER BY id LIMIT ?3");
  StatementScope Scope{S};
  bindText(S, 1, Kind);
  bindText(S, 2, From);
  sqlite3_bind_int64(S, 3, Limit);
  std::vector<std::pair<std::string, json>> Out;
  while (sqlite3_step(S) == SQLITE_ROW)
    Out.emplace_back(columnText(S, 0), json::parse(columnText(S, 1)));
  return Out;
}

std::map<std::string, int64_t> Store::counts() {
  sqlite3_stmt *S =
      prepare("SELECT kind, count(*) FROM objects GROUP BY kind ORDER BY kind");
  StatementScope Scope{S};
  std::map<std::string, int64_t> Out;
  while (sqlite3_step(S) == SQLITE_ROW)
    Out[columnText(S, 0)] = sqlite3_column_int64(S, 1);
  return Out;
}

Store::json Store::dump() {
  json Out = json::object();
  {
    sqlite3_stmt *S =
        prepare("SELECT kind, id, body FROM objects ORDER BY kind, id");
    StatementScope Scope{S};
    while (sqlite3_step(S) == SQLITE_ROW)
      Out[columnText(S, 0)][columnText(S, 1)] = json::parse(columnText(S, 2));
  }
  sqlite3_stmt *S = prepare("SELECT key, value FROM meta ORDER BY key");
  StatementScope Scope{S};
  json Meta = json::object();
  while (sqlite3_step(S) == SQLITE_ROW)
    Meta[columnText(S, 0)] = columnText(S, 1);
  Out["_meta"] = Meta;
  return Out;
}

void Store::clear() {
  exec("DELETE FROM objects; DELETE FROM meta; DELETE FROM nonces;");
}

std::string Store::meta(const std::string &Key, const std::string &Default) {
  sqlite3_stmt *S = prepare("SELECT value FROM meta WHERE key=?1");
  StatementScope Scope{S};
  bindText(S, 1, Key);
  if (sqlite3_step(S) != SQLITE_ROW)
    return Default;
  return columnText(S, 0);
}

void Store::setMeta(const std::string &Key, const std::string &Value) {
  sqlite3_stmt *S =
      prepare("INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)");
  StatementScope Scope{S};
  bindText(S, 1, Key);
  bindText(S, 2, Value);
  stepDone(Db, S);
}

int64_t Store::nextSequence(const std::string &Name) {
  std::string Key = "seq." + Name;
  int64_t Next = std::stoll(meta(Key, "0")) + 1;
  setMeta(Key, std::to_string(Next));
  return Next;
}

bool Store::recordNonce(const std::string &Nonce, int64_t AtMs) {
  sqlite3_stmt *S =
      prepare("INSERT OR IGNORE INTO nonces(nonce, at) VALUES(?1, ?2)");
  StatementScope Scope{S};
  bindText(S, 1, Nonce);
  sqlite3_bind_int64(S, 2, AtMs);
  stepDone(Db, S);
  return sqlite3_changes(Db) > 0;
}

void Store::forgetNoncesBefore(int64_t Ms) {
  sqlite3_stmt *S = prepare("DELETE FROM nonces WHERE at < ?1");
  StatementScope Scope{S};
  sqlite3_bind_int64(S, 1, Ms);
  stepDone(Db, S);
}

void Store::begin() { exec("BEGIN IMMEDIATE"); }
void Store::commit() { exec("COMMIT"); }
void Store::rollback() { exec("ROLLBACK"); }
void Store::savepoint() { exec("SAVEPOINT request"); }
void Store::rollbackToSavepoint() {
  exec("ROLLBACK TO request");
  exec("RELEASE request");
}
void Store::releaseSavepoint() { exec("RELEASE request"); }

} // namespace rtc::emulator
