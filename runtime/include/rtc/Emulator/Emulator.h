// The in-process Realtime Compute (foas ROA) + RAM (RPC) control-plane emulator.
//
// An Emulator owns an HTTP server bound to a loopback address and a SQLite
// database holding every object, so the same state survives a restart. The
// `rtcc emulator serve` command and the executor's `--cloud=embedded:PATH`
// both use this class; the wire protocol is documented in docs/emulator.md.
#ifndef RTC_EMULATOR_EMULATOR_H
#define RTC_EMULATOR_EMULATOR_H

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace rtc::emulator {

struct EmulatorOptions {
  /// Only loopback addresses (127.0.0.1, ::1, localhost) are accepted.
  std::string Host = "127.0.0.1";
  /// 0 picks a free port; port() tells which.
  int Port = 0;
  /// SQLite file; ":memory:" keeps everything in memory (tests).
  std::string DbPath = ":memory:";
  /// Multiplies the service's durations (cluster creation takes 30 minutes,
  /// docs/service.md#deployment-modes): 0.001 makes it 1.8 s.
  double TimeScale = 1.0;
  /// Seeds fault injection and generated identifiers.
  uint64_t Seed = 0;
  double ThrottleRate = 0.0;
  double ErrorRate = 0.0;
  unsigned LatencyMs = 0;
  /// Region reported for clusters and used in `acs:stream:<region>:...` ARNs.
  std::string Region = "cn-hangzhou";
  /// The kill switch ends the process (`rtcc emulator serve`); when false
  /// (embedded use, tests) it only stops the server.
  bool KillExitsProcess = false;
  /// Answer every call outside the published API (the emulator's
  /// extensions, docs/emulator.md#extensions) with the real service's 404.
  bool OfficialApiOnly = false;
  /// Secret every `/_emulator/...` call but health must send in the
  /// `X-Rtcc-Admin-Token` header; empty: a random one per start
  /// (adminToken() tells which).
  std::string AdminToken;
  /// Largest request body accepted (413 above it, checked from
  /// Content-Length before the body is read; docs/emulator.md "Limits").
  size_t MaxBodyBytes = 1 << 20;
  /// Most connections served at once: one thread each while a keep-alive
  /// connection stays open (docs/emulator.md "Concurrency").
  size_t MaxConnections = 1024;
};

class Emulator {
public:
  explicit Emulator(EmulatorOptions Opts);
  ~Emulator();
  Emulator(const Emulator &) = delete;
  Emulator &operator=(const Emulator &) = delete;

  /// Opens the database and starts serving on a background thread. Returns
  /// an empty string on success, otherwise the reason it could not start.
  std::string start();
  /// Stops serving and closes the database. Safe to call twice.
  void stop();
  /// Blocks until the server stops (kill switch or stop()).
  void wait();
  bool running() const;
  int port() const;
  /// `http://127.0.0.1:PORT`.
  std::string baseUrl() const;
  /// The token the admin API expects (valid once start() succeeded).
  std::string adminToken() const;
  /// Runs one admin call in-process (same checks on the body, no HTTP):
  /// returns the HTTP status and sets \p Out to the JSON answer.
  int admin(const std::string &Method, const std::string &Path,
            const std::string &JsonBody, std::string &Out);

  class Impl;

private:
  std::unique_ptr<Impl> I;
};

} // namespace rtc::emulator

#endif // RTC_EMULATOR_EMULATOR_H
