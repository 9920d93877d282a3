//===- EmulatorCommand.cpp - `rtcc emulator serve` -------------------------===//
//
// Runs the Realtime Compute + RAM control-plane emulator as a process
// (docs/emulator.md). Prints `emulator listening on http://HOST:PORT` once it
// accepts connections and stops cleanly on SIGTERM or SIGINT.
//
//===----------------------------------------------------------------------===//
#include "CommandRegistry.h"

#include "rtc/Emulator/Emulator.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <csignal>
#include <pthread.h>
#include <thread>

using namespace llvm;

static cl::SubCommand Cmd("emulator",
                          "Run the Realtime Compute + RAM cloud emulator");

static cl::opt<std::string> Action(cl::Positional, cl::Required,
                                   cl::desc("<serve>"), cl::sub(Cmd));
static cl::opt<std::string>
    Listen("listen", cl::desc("Loopback address to listen on (HOST:PORT; port 0 picks one)"),
           cl::init("127.0.0.1:0"), cl::sub(Cmd));
static cl::opt<std::string> Db("db", cl::desc("SQLite database file (state survives restarts)"),
                               cl::Required, cl::sub(Cmd));
static cl::opt<double>
    TimeScale("time-scale",
              cl::desc("Scale of the service's durations (0.001: cluster creation takes 1.8 s)"),
              cl::init(1.0), cl::sub(Cmd));
static cl::opt<bool> OfficialApiOnly(
    "official-api-only",
    cl::desc("Answer calls outside the published API (the emulator's "
             "extensions) with the real service's 404"),
    cl::init(false), cl::sub(Cmd));
static cl::opt<uint64_t> Seed("seed", cl::desc("Seed of fault injection and ids"),
                              cl::init(0), cl::sub(Cmd));
static cl::opt<double> ThrottleRate("throttle-rate",
                                    cl::desc("Fraction of API calls throttled (429/503)"),
                                    cl::init(0.0), cl::sub(Cmd));
static cl::opt<double> ErrorRate("error-rate",
                                 cl::desc("Fraction of API calls failing with InternalError"),
                                 cl::init(0.0), cl::sub(Cmd));
static cl::opt<unsigned> LatencyMs("latency-ms", cl::desc("Added latency per API call"),
                                   cl::init(0), cl::sub(Cmd));
static cl::opt<std::string> Region("region", cl::desc("Region of the emulated service"),
                                   cl::init("cn-hangzhou"), cl::sub(Cmd));

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
  if (Colon == StringRef::npos || Addr.substr(Colon + 1).getAsInteger(10, Port) ||
      Port > 65535) {
    WithColor::error(errs(), "rtcc emulator")
        << "--listen expects HOST:PORT, got '" << Listen << "'\n";
    return rtc::driver::ExitUsage;
  }
  Opts.Host = Addr.substr(0, Colon).trim("[]").str();
  Opts.Port = static_cast<int>(Port);
  Opts.DbPath = Db;
  Opts.TimeScale = TimeScale;
  Opts.OfficialApiOnly = OfficialApiOnly;
  Opts.Seed = Seed;
  Opts.ThrottleRate = ThrottleRate;
  Opts.ErrorRate = ErrorRate;
  Opts.LatencyMs = LatencyMs;
  Opts.Region = Region;
  Opts.KillExitsProcess = true;
  if (TimeScale < 0 || ThrottleRate < 0 || ErrorRate < 0 ||
      ThrottleRate + ErrorRate > 1) {
    WithColor::error(errs(), "rtcc emulator")
        << "rates must be in [0, 1] with throttle + error <= 1, time scale >= 0\n";
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
  outs() << "emulator listening on " << E.baseUrl() << "\n";
  outs().flush();

  int Received = 0;
  sigwait(&Signals, &Received);
  E.stop();
  outs() << "emulator stopped\n";
  return rtc::driver::ExitOk;
}

static rtc::driver::CommandRegistration Reg(Cmd, run);
