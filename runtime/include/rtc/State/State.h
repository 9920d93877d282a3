//===- State.h - what rtcc remembers about deployed resources ---*- C++ -*-===//
//
// The state is plain data: no I/O, no locking. Serialisation lives in
// StateJson.h and storage in the backends, so the planner can build and
// compare states in memory without touching a disk or a database.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_STATE_STATE_H
#define RTC_STATE_STATE_H

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace rtc::state {

/// Version of the JSON layout; bumped when the layout changes incompatibly.
constexpr int StateFormatVersion = 1;

/// One managed resource instance, e.g. `cluster.analytics`.
struct ResourceState {
  std::string Address; ///< "cluster.analytics"
  std::string Kind;    ///< "cluster"
  std::string Name;    ///< "analytics"
  std::string CloudId; ///< id assigned by the cloud; may be empty
  /// Attribute values as last read from the cloud. Entries named in
  /// Sensitive hold a salted hash object (see Sensitive.h), never clear text,
  /// once the state has been persisted.
  nlohmann::json Attributes = nlohmann::json::object();
  std::vector<std::string> Dependencies; ///< addresses, sorted
  std::vector<std::string> Sensitive;    ///< attribute names, sorted

  bool operator==(const ResourceState &O) const;
  bool operator!=(const ResourceState &O) const { return !(*this == O); }
};

struct OutputState {
  nlohmann::json Value;
  bool Sensitive = false;
  bool operator==(const OutputState &O) const {
    return Sensitive == O.Sensitive && Value == O.Value;
  }
};

/// A durable intent, written before a create call: this state is about to
/// create the cloud object \p CloudName of \p Kind for \p Address. Only an
/// object named by such an intent may be adopted when the create answers
/// "already exists" (the crash between the call and the save); any other
/// existing object belongs to someone else.
struct PendingCreate {
  std::string Address;   ///< "user.alice"
  std::string Kind;      ///< "user"
  std::string CloudName; ///< "alice"
  bool operator==(const PendingCreate &O) const {
    return Address == O.Address && Kind == O.Kind && CloudName == O.CloudName;
  }
};

struct State {
  int FormatVersion = StateFormatVersion;
  /// Incremented each time a changed state is persisted.
  uint64_t Serial = 0;
  /// UUID v4 fixed when the state is first created; two states with
  /// different lineages describe different deployments.
  std::string Lineage;
  std::vector<ResourceState> Resources; ///< sorted by Address
  std::map<std::string, OutputState> Outputs;
  /// Creates started but not yet recorded as resources, sorted by Address.
  std::vector<PendingCreate> Pending;

  /// The intent recorded for \p Address, or null.
  const PendingCreate *pendingFor(const std::string &Address) const;

  /// Same resources, outputs and intents; serial and lineage are ignored. This
  /// is what decides whether persisting bumps the serial.
  bool sameContent(const State &O) const;

  /// Sorts resources by address and their dependency / sensitive lists so
  /// that equal states serialise to equal bytes.
  void normalize();

  /// Binary search; requires normalize() order.
  const ResourceState *find(const std::string &Address) const;
  ResourceState *find(const std::string &Address);
  /// Removes the resource; false when absent.
  bool remove(const std::string &Address);
  /// Adds or replaces by address, keeping the order.
  void upsert(ResourceState R);
};

/// A fresh random UUID v4 in its 36-character textual form.
std::string newLineage();

/// True for `kind.name` with identifier parts ([A-Za-z_][A-Za-z0-9_]*),
/// optionally followed by `[index]` / `["key"]` for counted instances.
bool isValidAddress(const std::string &Address);

} // namespace rtc::state

#endif
