// The HTTP front of the emulator: routing, faults, transactions, responses.
#include "rtc/Emulator/Emulator.h"

#include "Admin.h"
#include "ServiceContext.h"
#include "rtc/Emulator/FaultInjector.h"

#include <httplib.h>

#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <random>
#include <thread>

namespace rtc::emulator {

namespace {
int64_t wallClockMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch())
      .count();
}

bool isLoopbackHost(const std::string &H) {
  return H == "127.0.0.1" || H == "::1" || H == "localhost";
}

bool isLoopbackPeer(const std::string &A) {
  return A == "127.0.0.1" || A == "::1" || A == "::ffff:127.0.0.1";
}

enum class Api { Rpc, Roa, Admin, Unknown };
} // namespace

class Emulator::Impl {
public:
  explicit Impl(EmulatorOptions O)
      : Opts(std::move(O)),
        Faults(FaultSettings{Opts.Seed, Opts.ThrottleRate, Opts.ErrorRate,
                             Opts.LatencyMs}),
        Ids(Opts.Seed ^ 0x5DEECE66DULL), LatencyMs(Opts.LatencyMs) {}

  std::string start();
  void stop();
  void wait() {
    if (Listener.joinable())
      Listener.join();
  }

  EmulatorOptions Opts;
  std::unique_ptr<Store> DB;
  httplib::Server Svr;
  std::thread Listener;
  int BoundPort = 0;
  std::atomic<int> ListenFd{-1};
  std::atomic<bool> Running{false};

  std::mutex Lock; // serialises every request: one writer, simple semantics
  FaultInjector Faults;
  std::mt19937_64 Ids;
  int64_t KillCountdown = -1; // -1: disarmed
  // Read before taking the lock (the wait must not serialise requests).
  std::atomic<unsigned> LatencyMs{0};

  void serve(const httplib::Request &Req, httplib::Response &Res,
             const std::string &Body);
  json dispatch(Api Kind, const IncomingRequest &In, const cloud::ParamMap &Rpc,
                bool &KillNow);
  std::string requestId();
  void killProcessOrServer();
};

std::string Emulator::Impl::requestId() {
  uint64_t A = Ids(), B = Ids();
  char Buf[40];
  std::snprintf(Buf, sizeof Buf, "%08X-%04X-%04X-%04X-%012llX",
                static_cast<unsigned>(A >> 32), static_cast<unsigned>((A >> 16) & 0xFFFF),
                static_cast<unsigned>(A & 0xFFFF), static_cast<unsigned>(B >> 48),
                static_cast<unsigned long long>(B & 0xFFFFFFFFFFFFULL));
  return Buf;
}

void Emulator::Impl::killProcessOrServer() {
  if (Opts.KillExitsProcess) {
    // A crash, not a shutdown: no destructors, no flushing. Committed
    // SQLite transactions survive; that is what crash tests check.
    std::fflush(stdout);
    std::_Exit(137);
  }
  Running = false;
  Svr.stop();
}

json Emulator::Impl::dispatch(Api Kind, const IncomingRequest &In,
                              const cloud::ParamMap &Rpc, bool &KillNow) {
  int64_t Now = wallClockMs();
  int64_t Virtual = Now + std::stoll(DB->meta("clock.offset_ms", "0"));

  if (Kind == Api::Admin) {
    json Body = json::object();
    if (!In.Body.empty()) {
      Body = json::parse(In.Body, nullptr, false);
      if (Body.is_discarded())
        fail(Err::MalformedJson, {"admin body"});
    }
    AdminHooks Hooks;
    Hooks.Faults = [&] { return Faults.settings(); };
    Hooks.SetFaults = [&](const FaultSettings &F) {
      Faults.reset(F);
      LatencyMs = F.LatencyMs;
    };
    Hooks.Kill = [&](int64_t After) {
      if (After <= 0)
        KillNow = true;
      else
        KillCountdown = After;
    };
    return handleAdmin(*DB, Opts, Virtual, In.Method, In.Path, Body, Hooks);
  }

  settleClusters(*DB, Virtual);
  Caller Who = Kind == Api::Rpc ? verifyRpc(*DB, In.Method, Rpc, Now)
                                : verifyRoa(*DB, In, Now);
  ServiceContext C{*DB, Opts, Virtual, Who};
  // The nonce stays recorded even when the call itself fails.
  DB->savepoint();
  try {
    json Out;
    if (Kind == Api::Rpc) {
      Out = handleRam(C, Rpc);
    } else {
      json Body = json::object();
      if (!In.Body.empty()) {
        Body = json::parse(In.Body, nullptr, false);
        if (Body.is_discarded() || !Body.is_object())
          fail(Err::MalformedJson, {In.Body.substr(0, 80)});
      }
      Out = handleStream(C, In.Method, In.Path, In.Query, Body);
    }
    DB->releaseSavepoint();
    return Out;
  } catch (...) {
    DB->rollbackToSavepoint();
    throw;
  }
}

void Emulator::Impl::serve(const httplib::Request &Req, httplib::Response &Res,
                           const std::string &Body) {
  IncomingRequest In;
  In.Method = Req.method;
  In.Path = Req.path;
  In.Body = Body;
  for (const auto &[Name, Value] : Req.headers)
    In.Headers[llvm::StringRef(Name).lower()] = Value;
  for (const auto &[Name, Value] : Req.params)
    In.Query.emplace(Name, Value);

  Api Kind = Api::Unknown;
  if (In.Path == "/")
    Kind = Api::Rpc;
  else if (llvm::StringRef(In.Path).startswith("/api/"))
    Kind = Api::Roa;
  else if (llvm::StringRef(In.Path).startswith("/_emulator/"))
    Kind = Api::Admin;

  cloud::ParamMap Rpc = In.Query;
  if (Kind == Api::Rpc &&
      llvm::StringRef(In.header("content-type")).startswith("application/x-www-form-urlencoded")) {
    httplib::Params Form;
    httplib::detail::parse_query_text(Body, Form);
    for (const auto &[Name, Value] : Form) {
      In.Form.emplace(Name, Value);
      Rpc.emplace(Name, Value); // query and form merged; order-independent
    }
  }

  if (unsigned Wait = LatencyMs; Kind != Api::Admin && Wait > 0)
    std::this_thread::sleep_for(std::chrono::milliseconds(Wait));

  std::lock_guard<std::mutex> Guard(Lock);
  std::string RequestId = requestId();
  json Out;
  int Status = 200;
  bool KillNow = false;
  try {
    if (!Running)
      throw apiError(Err::ServiceUnavailable);
    if (Kind == Api::Unknown)
      fail(Err::UnsupportedAction, {In.Method + " " + In.Path});
    if (Kind == Api::Admin && !isLoopbackPeer(Req.remote_addr))
      fail(Err::ForbiddenRam, {"admin", In.Path});
    if (Kind != Api::Admin) {
      if (KillCountdown > 0 && --KillCountdown == 0) {
        killProcessOrServer();
        throw apiError(Err::ServiceUnavailable);
      }
      if (auto Fault = Faults.next())
        throw *Fault;
    }
    DB->begin();
    try {
      Out = dispatch(Kind, In, Rpc, KillNow);
      DB->commit();
    } catch (const ApiError &) {
      DB->commit(); // the handler's changes were undone; keep the nonce
      throw;
    } catch (...) {
      DB->rollback();
      throw;
    }
  } catch (const ApiError &E) {
    Status = E.Status;
    Out = {{"Code", E.Code},
           {"Message", E.Message},
           {"HostId", Kind == Api::Rpc ? "ram.aliyuncs.com"
                                       : "foas." + Opts.Region + ".aliyuncs.com"},
           {"Recommend",
            "https://next.api.aliyun.com/troubleshoot?q=" + E.Code}};
  } catch (const std::exception &E) {
    Status = 500;
    ApiError IE = apiError(Err::InternalError);
    Out = {{"Code", IE.Code}, {"Message", IE.Message + " (" + E.what() + ")"},
           {"HostId", "emulator"}, {"Recommend", ""}};
  }
  Out["RequestId"] = RequestId;
  Res.status = Status;
  Res.set_content(Out.dump(), "application/json");
  if (KillNow) {
    if (Opts.KillExitsProcess) {
      // Let the response leave before dying.
      std::thread([] {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        std::_Exit(137);
      }).detach();
    } else {
      killProcessOrServer(); // the response in hand is still sent
    }
  }
}

std::string Emulator::Impl::start() {
  if (!isLoopbackHost(Opts.Host))
    return "the emulator only listens on loopback addresses, not '" + Opts.Host + "'";
  std::string Error;
  DB = Store::open(Opts.DbPath, Error);
  if (!DB)
    return "cannot open database '" + Opts.DbPath + "': " + Error;

  auto Plain = [this](const httplib::Request &Req, httplib::Response &Res) {
    serve(Req, Res, Req.body);
  };
  // Bodies are read by hand: httplib's own form parsing refuses bodies over
  // 8 KiB, which a 6,144-byte policy document can exceed once encoded.
  auto WithBody = [this](const httplib::Request &Req, httplib::Response &Res,
                         const httplib::ContentReader &Reader) {
    std::string Body;
    Reader([&](const char *Data, size_t Len) {
      Body.append(Data, Len);
      return true;
    });
    serve(Req, Res, Body);
  };
  Svr.Get(".*", Plain);
  Svr.Post(".*", WithBody);
  Svr.Put(".*", WithBody);
  Svr.Delete(".*", WithBody);
  Svr.set_keep_alive_max_count(100000);
  // httplib's default pool has 8 threads; `rtcc apply -parallelism=50`
  // against an emulator with --latency-ms needs 50 calls in flight at once.
  Svr.new_task_queue = [] { return new httplib::ThreadPool(64); };
  // Debian's httplib listens with a backlog of 5: when 50 clients connect
  // at once the kernel drops SYNs and each dropped connect retries only
  // after 1 s. Remember the listening socket (with httplib's own options)
  // and raise its backlog once bound.
  Svr.set_socket_options([this](socket_t Sock) {
    httplib::default_socket_options(Sock);
    ListenFd = Sock;
  });
  Svr.set_tcp_nodelay(true); // else Nagle + delayed ACK cost 40 ms a call

  if (Opts.Port == 0) {
    BoundPort = Svr.bind_to_any_port(Opts.Host);
    if (BoundPort <= 0)
      return "cannot bind " + Opts.Host;
  } else {
    if (!Svr.bind_to_port(Opts.Host, Opts.Port))
      return "cannot bind " + Opts.Host + ":" + std::to_string(Opts.Port);
    BoundPort = Opts.Port;
  }
  if (ListenFd >= 0)
    ::listen(ListenFd, 1024);
  Running = true;
  Listener = std::thread([this] { Svr.listen_after_bind(); });
  // stop() is a no-op until the server runs; wait so start();stop() is safe.
  while (!Svr.is_running())
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return "";
}

void Emulator::Impl::stop() {
  Running = false;
  Svr.stop();
  wait();
  std::lock_guard<std::mutex> Guard(Lock);
  DB.reset();
}

Emulator::Emulator(EmulatorOptions Opts)
    : I(std::make_unique<Impl>(std::move(Opts))) {}
Emulator::~Emulator() { stop(); }
std::string Emulator::start() { return I->start(); }
void Emulator::stop() { I->stop(); }
void Emulator::wait() { I->wait(); }
bool Emulator::running() const { return I->Running; }
int Emulator::port() const { return I->BoundPort; }
std::string Emulator::baseUrl() const {
  std::string Host = I->Opts.Host == "::1" ? "[::1]" : I->Opts.Host;
  return "http://" + Host + ":" + std::to_string(I->BoundPort);
}

} // namespace rtc::emulator
