// SQLite persistence of the emulator's objects (one JSON document per object).
//
// Objects are keyed by (kind, id); kinds are the names in docs/emulator.md
// ("User", "Cluster", ...). The caller brackets each request with begin() and
// commit()/rollback(), so every write is transactional.
#ifndef RTC_EMULATOR_STORE_H
#define RTC_EMULATOR_STORE_H

#include "nlohmann/json.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace rtc::emulator {

class Store {
public:
  using json = nlohmann::json;

  /// Opens (creating if needed) the database at \p Path. On failure returns
  /// null and sets \p Error.
  static std::unique_ptr<Store> open(const std::string &Path, std::string &Error);
  ~Store();
  Store(const Store &) = delete;
  Store &operator=(const Store &) = delete;

  std::optional<json> get(const std::string &Kind, const std::string &Id);
  void put(const std::string &Kind, const std::string &Id, const json &Body);
  bool erase(const std::string &Kind, const std::string &Id);
  /// Objects of \p Kind whose id starts with \p Prefix, ordered by id.
  std::vector<std::pair<std::string, json>> list(const std::string &Kind,
                                                 const std::string &Prefix = "");
  /// At most \p Limit objects of \p Kind with id >= \p From, ordered by
  /// id: one index range, O(Limit) whatever the number of objects.
  std::vector<std::pair<std::string, json>>
  listFrom(const std::string &Kind, const std::string &From, int64_t Limit);
  std::map<std::string, int64_t> counts();
  /// Every object as {kind: {id: body}} plus "_meta".
  json dump();
  /// Deletes every object, nonce and counter.
  void clear();

  std::string meta(const std::string &Key, const std::string &Default = "");
  void setMeta(const std::string &Key, const std::string &Value);
  /// A persistent counter: 1, 2, 3, ... per name, also across restarts.
  int64_t nextSequence(const std::string &Name);

  /// Records a signature nonce; false when it was already recorded.
  bool recordNonce(const std::string &Nonce, int64_t AtMs);
  void forgetNoncesBefore(int64_t Ms);

  void begin();
  void commit();
  void rollback();
  /// Nested undo point inside the current transaction.
  void savepoint();
  void rollbackToSavepoint();
  void releaseSavepoint();

private:
  explicit Store(sqlite3 *Db);
  void exec(const char *Sql);
  sqlite3_stmt *prepare(const char *Sql);

  sqlite3 *Db;
  std::map<const char *, sqlite3_stmt *> Statements;
};

} // namespace rtc::emulator

#endif
