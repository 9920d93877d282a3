//===- PgBackend.h - states in PostgreSQL -----------------------*- C++ -*-===//
//
// Tables (created if missing, in schema C.PgSchema):
//   states(workspace text primary key, data text, serial bigint,
//          lineage text, updated_at timestamptz)
//   locks(workspace text primary key, id text, info text, backend_pid int,
//         created_at timestamptz)
// Locking uses pg_try_advisory_lock(key) on a connection kept open for the
// lock's lifetime, key = FNV-1a 64 of "<schema>/<workspace>". The locks row
// only names the holder: if the holder dies its session ends, PostgreSQL
// drops the advisory lock, and the next locker replaces the row.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_STATE_PGBACKEND_H
#define RTC_STATE_PGBACKEND_H

#include "rtc/State/Backend.h"

#include <cstdint>

namespace rtc::state {

/// Stable 64-bit advisory lock key of a workspace's state.
int64_t pgLockKey(const std::string &Schema, const std::string &Workspace);

std::unique_ptr<Backend> makePgBackend(const BackendConfig &C);

} // namespace rtc::state

#endif
