//===- EmulatorCommand.cpp - `rtcc emulator serve`
//-------------------------===//
//
// Runs the Realtime Compute + RAM control-plane emulator as a process
// (docs/emulator.md). Once it accepts connections it prints
// `emulator listening on http://HOST:PORT` and then, as shell exports, the
// endpoint, a main-account key pair and the admin token, so the official SDK
// can use it in one step. Stops cleanly on SIGTERM or SIGINT.
//
//===----------------------------------------------------------------------===//
#include "CommandRegistry.h"

#include "rtc/Emulator/Emulator.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include "nlohmann/json.hpp"

#include <csignal>
#include <pthread.h>
#include <thread>

using namespace llvm;

static cl::SubCommand Cmd("emulator",
                          "Run the Realtime Compute + RAM cloud emulator");

static cl::opt<std::string> Action(cl::Positional, cl::Required,
                                   cl::desc("<serve>"), cl::sub(Cmd));
static cl::opt<std::string> Listen(
    "listen",
    cl::desc("Loopback address to listen on (HOST:PORT; port 0 picks one)"),
    cl::init("127.0.0.1:0"), cl::sub(Cmd));
static cl::opt<std::string>
    Db("db", cl::desc("SQLite database file (state survives restarts)"),
       cl::Required, cl::sub(Cmd));
static cl::opt<double>
    TimeScale("time-scale",
              cl::desc("Scale of the service's durations (0.001: cluster "
                       "creation takes 1.8 s)"),
              cl::init(1.0), cl::sub(Cmd));
static cl::opt<bool> OfficialApiOnly(
    "official-api-only",
    cl::desc("Answer calls outside the published API (the emulator's "
             "extensions) with the real service's 404"),
    cl::init(false), cl::sub(Cmd));
static cl::opt<uint64_t> FaultSeed("fault-seed",
                                   cl::desc("Seed of fault injection and ids"),
                                   cl::init(0), cl::sub(Cmd));
static cl::opt<std::string>
    SeedFile("seed",
             cl::desc("cloud.seed.json file to load at start (account, vpcs, "
                      "vswitches, buckets, orders, clusters)"),
             cl::sub(Cmd));
static cl::opt<std::string>
    AccessKeyId("access-key-id",
                cl::desc("Main-account AccessKeyId to accept (default: one "
                         "generated and printed)"),
                cl::sub(Cmd));
static cl::opt<std::string>
    AccessKeySecret("access-key-secret",
                    cl::desc("Secret of --access-key-id (default: generated)"),
                    cl::sub(Cmd));
static cl::opt<std::string>
    AdminToken("admin-token",
               cl::desc("Token the admin API requires (default: random per "
                        "start, printed)"),
               cl::sub(Cmd));
static cl::opt<double>
    ThrottleRate("throttle-rate",
                 cl::desc("Fraction of API calls throttled (429/503)"),
                 cl::init(0.0), cl::sub(Cmd));
static cl::opt<double>
    ErrorRate("error-rate",
              cl::desc("Fraction of API calls failing with InternalError"),
              cl::init(0.0), cl::sub(Cmd));
static cl::opt<unsigned> LatencyMs("latency-ms",
                                   cl::desc("Added latency per API call"),
                                   cl::init(0), cl::sub(Cmd));
static cl::opt<std::string> Region("region",
                                   cl::desc("Region of the emulated service"),
                                   cl::init("cn-hangzhou"), cl::sub(Cmd));

/// Loads --seed and makes sure a main-account key exists: the one given,
/// else the one the database already holds, else a new one.
static bool setUpAccount(rtc::emulator::Emulator &E, std::string &KeyId,
                         std::string &KeySecret) {
  using nlohmann::json;
  auto Admin = [&](const char *Method, const char *Path, const json &Body,
                   json &Out) {
    std::string Text;
    int Status = E.admin(Method, Path, Body.dump(), Text);
    Out = json::parse(Text, nullptr, false);
    if (Status != 200) {
      WithColor::error(errs(), "rtcc emulator")
          << Path << ": " << Out.value("Message", Text) << "\n";
      return false;
    }
    return true;
  };
  json Out;
  if (!SeedFile.empty()) {
    auto Buf = MemoryBuffer::getFile(SeedFile);
    if (!Buf) {
      WithColor::error(errs(), "rtcc emulator")
          << "cannot read --seed '" << SeedFile
          << "': " << Buf.getError().message() << "\n";
      return false;
    }
    json Doc = json::parse((*Buf)->getBuffer(), nullptr, false);
    if (Doc.is_discarded() || !Doc.is_object()) {
      WithColor::error(errs(), "rtcc emulator")
          << SeedFile << ": not a JSON object\n";
      return false;
    }
    if (!Admin("POST", "/_emulator/seed", Doc, Out))
      return false;
  }
  json Account = json::object();
  if (!AccessKeyId.empty()) {
    Account["AccessKeyId"] = std::string(AccessKeyId);
    if (!AccessKeySecret.empty())
      Account["AccessKeySecret"] = std::string(AccessKeySecret);
  } else if (!AccessKeySecret.empty()) {
    WithColor::error(errs(), "rtcc emulator")
        << "--access-key-secret needs --access-key-id\n";
    return false;
  } else {
    json State;
    if (!Admin("GET", "/_emulator/account", json::object(), State))
      return false;
    if (State.contains("AccessKey")) {
      KeyId = State["AccessKey"].value("AccessKeyId", "");
      KeySecret = State["AccessKey"].value("AccessKeySecret", "");
      return true;
    }
  }
  if (!Admin("POST", "/_emulator/account", Account, Out))
    return false;
  KeyId = Out["AccessKey"].value("AccessKeyId", "");
  KeySecret = Out["AccessKey"].value("AccessKeySecret", "");
  return true;
}

static int run() {
  if (Action != "serve") {
    WithColor::error(errs(), "rtcc emulator")
        << "unknown action '" << Action << "'; expected 'serve'\n";
    return rtc::driver::ExitUsage;
  }
  rtc::emulator::EmulatorOptions Opts;
  StringRef Addr(Listen);
  size_t Colon = Addr.rfind(':');
  unsigned Port = 0;
  if (Colon == StringRef::npos ||
      Addr.substr(Colon + 1).getAsInteger(10, Port) || Port > 65535) {
    WithColor::error(errs(), "rtcc emulator")
        << "--listen expects HOST:PORT, got '" << Listen << "'\n";
    return rtc::driver::ExitUsage;
  }
  Opts.Host = Addr.substr(0, Colon).trim("[]").str();
  Opts.Port = static_cast<int>(Port);
  Opts.DbPath = Db;
  Opts.TimeScale = TimeScale;
  Opts.OfficialApiOnly = OfficialApiOnly;
  Opts.Seed = FaultSeed;
  Opts.AdminToken = AdminToken;
  Opts.ThrottleRate = ThrottleRate;
  Opts.ErrorRate = ErrorRate;
  Opts.LatencyMs = LatencyMs;
  Opts.Region = Region;
  Opts.KillExitsProcess = true;
  if (TimeScale < 0 || ThrottleRate < 0 || ErrorRate < 0 ||
      ThrottleRate + ErrorRate > 1) {
    WithColor::error(errs(), "rtcc emulator")
        << "rates must be in [0, 1] with throttle + error <= 1, time scale >= "
           "0\n";
    return rtc::driver::ExitUsage;
  }

  // Block the signals in every thread (the server's threads inherit the
  // mask) and wait for them here.
  sigset_t Signals;
  sigemptyset(&Signals);
  sigaddset(&Signals, SIGTERM);
  sigaddset(&Signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &Signals, nullptr);

  rtc::emulator::Emulator E(Opts);
  std::string Error = E.start();
  if (!Error.empty()) {
    WithColor::error(errs(), "rtcc emulator") << Error << "\n";
    return rtc::driver::ExitInputError;
  }
  std::string KeyId, KeySecret;
  if (!setUpAccount(E, KeyId, KeySecret))
    return rtc::driver::ExitInputError;
  outs() << "emulator listening on " << E.baseUrl() << "\n"
         << "export ALIBABA_CLOUD_ACCESS_KEY_ID=" << KeyId << "\n"
         << "export ALIBABA_CLOUD_ACCESS_KEY_SECRET=" << KeySecret << "\n"
         << "export RTCC_EMULATOR_ENDPOINT=" << E.baseUrl() << "\n"
         << "export RTCC_EMULATOR_ADMIN_TOKEN=" << E.adminToken() << "\n";
  outs().flush();

  int Received = 0;
  sigwait(&Signals, &Received);
  E.stop();
  outs() << "emulator stopped\n";
  return rtc::driver::ExitOk;
}

static rtc::driver::CommandRegistration Reg(Cmd, run);
