// The HTTP front of the emulator: routing, faults, transactions, responses.
#include "rtc/Emulator/Emulator.h"

#include "Admin.h"
#include "ServiceContext.h"
#include "rtc/Cloud/Extensions.h"
#include "rtc/Emulator/FaultInjector.h"
#include "rtc/Emulator/RequestVerifier.h"

#include <httplib.h>

#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
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

/// The foas API version the ROA routes speak (`x-acs-version`).
constexpr const char *RoaVersion = "2018-11-11";
constexpr const char *AdminTokenHeader = "x-rtcc-admin-token";

std::string randomHex(size_t Bytes) {
  std::random_device Dev;
  std::string Out;
  static const char Hex[] = "0123456789abcdef";
  for (size_t I = 0; I < Bytes; ++I) {
    unsigned V = Dev() & 0xFF;
    Out.push_back(Hex[V >> 4]);
    Out.push_back(Hex[V & 15]);
  }
  return Out;
}

/// A thread per connection, reused, up to a cap. httplib's ThreadPool has a
/// fixed size and a keep-alive connection holds its thread between calls,
/// so with more idle keep-alive clients than threads the next connection
/// waits in the queue for seconds (past the SDK's 3 s timeout). Here an
/// enqueued connection gets an idle thread or a new one at once.
class ConnectionPool : public httplib::TaskQueue {
public:
  explicit ConnectionPool(size_t Max) : Max(Max) {}
  ~ConnectionPool() override { shutdown(); }

  void enqueue(std::function<void()> Fn) override {
    std::unique_lock<std::mutex> L(M);
    Jobs.push_back(std::move(Fn));
    if (Idle >= Jobs.size() || Threads.size() >= Max) {
      Ready.notify_one();
      return;
    }
    Threads.emplace_back([this] { work(); });
  }

  void shutdown() override {
    {
      std::lock_guard<std::mutex> L(M);
      if (Stopping)
        return;
      Stopping = true;
    }
    Ready.notify_all();
    for (std::thread &T : Threads)
      T.join();
  }

private:
  void work() {
    std::unique_lock<std::mutex> L(M);
    for (;;) {
      ++Idle;
      Ready.wait(L, [&] { return Stopping || !Jobs.empty(); });
      --Idle;
      if (Jobs.empty())
        return; // stopping and drained
      std::function<void()> Fn = std::move(Jobs.front());
      Jobs.pop_front();
      L.unlock();
      Fn();
      L.lock();
    }
  }

  size_t Max;
  std::mutex M;
  std::condition_variable Ready;
  std::deque<std::function<void()>> Jobs;
  std::vector<std::thread> Threads;
  size_t Idle = 0;
  bool Stopping = false;
};

/// Checks that a request can be answered in JSON at all: the path, every
/// parameter and the body must be UTF-8.
void checkEncoding(const IncomingRequest &In, const std::string &Body) {
  if (!isValidUtf8(In.Path))
    fail(Err::InvalidEncoding, {"request path"});
  for (const auto *Params : {&In.Query, &In.Form})
    for (const auto &[Name, Value] : *Params)
      if (!isValidUtf8(Name) || !isValidUtf8(Value))
        fail(Err::InvalidEncoding,
             {"parameter \"" + truncateUtf8(Name, 64) + "\""});
  if (!isValidUtf8(Body))
    fail(Err::InvalidEncoding, {"request body"});
}
} // namespace

class Emulator::Impl {
public:
  explicit Impl(EmulatorOptions O)
      : Opts(std::move(O)),
        Faults(FaultSettings{Opts.Seed, Opts.ThrottleRate, Opts.ErrorRate,
                             Opts.LatencyMs}),
        LatencyMs(Opts.LatencyMs) {
    // RequestIds must not repeat across restarts (clients log and compare
    // them): seeded from the OS, unlike the reproducible fault sequence.
    std::random_device Dev;
    Ids.seed((static_cast<uint64_t>(Dev()) << 32) ^ Dev());
  }

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
  std::mutex IdLock; // guards Ids (RequestIds are drawn outside Lock)
  std::mt19937_64 Ids;
  int64_t KillCountdown = -1; // -1: disarmed
  bool InProcessCall = false; // under Lock: dispatch runs for admin()
  // Read before taking the lock (the wait must not serialise requests).
  std::atomic<unsigned> LatencyMs{0};

  std::string AdminToken;

  void serve(const httplib::Request &Req, httplib::Response &Res,
             const std::string &Body);
  /// Host, Origin, content type and token of an admin call.
  void checkAdminCaller(const httplib::Request &Req, const IncomingRequest &In);
  std::string hostId(Api Kind) const;
  void writeError(httplib::Response &Res, Api Kind, const ApiError &E,
                  const std::string &RequestId);
  static Api kindOf(const std::string &Path);
  json dispatch(Api Kind, const IncomingRequest &In, const cloud::ParamMap &Rpc,
                bool &KillNow);
  std::string requestId();
  std::string requestIdLocked() {
    std::lock_guard<std::mutex> Guard(IdLock);
    return requestId();
  }
  int adminInProcess(const std::string &Method, const std::string &Path,
                     const std::string &Body, std::string &Text);
  void killProcessOrServer();
};

std::string Emulator::Impl::requestId() {
  uint64_t A = Ids(), B = Ids();
  char Buf[40];
  std::snprintf(
      Buf, sizeof Buf, "%08X-%04X-%04X-%04X-%012llX",
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
    Hooks.InProcess = InProcessCall;
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
  // Like RPC's Version parameter (RamService.cpp), checked once signed.
  if (Kind == Api::Roa && In.header("x-acs-version") != RoaVersion)
    fail(Err::UnsupportedVersion, {truncateUtf8(In.header("x-acs-version"), 64),
                                   std::string("foas ") + RoaVersion});
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
          fail(Err::MalformedJson, {truncateUtf8(In.Body, 80)});
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

Api Emulator::Impl::kindOf(const std::string &Path) {
  if (Path == "/")
    return Api::Rpc;
  if (llvm::StringRef(Path).startswith("/api/"))
    return Api::Roa;
  if (llvm::StringRef(Path).startswith("/_emulator/"))
    return Api::Admin;
  return Api::Unknown;
}

std::string Emulator::Impl::hostId(Api Kind) const {
  if (Kind == Api::Rpc)
    return "ram.aliyuncs.com";
  if (Kind == Api::Admin)
    return "emulator";
  return "foas." + Opts.Region + ".aliyuncs.com";
}

void Emulator::Impl::writeError(httplib::Response &Res, Api Kind,
                                const ApiError &E,
                                const std::string &RequestId) {
  json Out = {
      {"Code", E.Code},
      {"Message", E.Message},
      {"RequestId", RequestId},
      {"HostId", hostId(Kind)},
      {"Recommend", "https://next.api.aliyun.com/troubleshoot?q=" + E.Code}};
  Res.status = E.Status;
  // replace: a quoted byte that is not UTF-8 must not turn the answer into
  // an exception (and an empty 500).
  Res.set_content(Out.dump(-1, ' ', false, json::error_handler_t::replace),
                  "application/json");
}

void Emulator::Impl::checkAdminCaller(const httplib::Request &Req,
                                      const IncomingRequest &In) {
  // A web page can make the browser send requests to loopback; these
  // checks keep it out (docs/emulator.md "Admin API").
  if (!isLoopbackPeer(Req.remote_addr))
    fail(Err::AdminForbidden, {"answers only loopback peers"});
  std::string Port = std::to_string(BoundPort);
  std::string Host = In.header("host");
  std::string Listen = Opts.Host == "::1" ? "[::1]" : Opts.Host;
  if (Host != Listen + ":" + Port && Host != "localhost:" + Port)
    fail(Err::AdminForbidden,
         {"needs a Host header of the listen address (DNS rebinding)"});
  if (Req.has_header("Origin") && In.header("origin") != "http://" + Host)
    fail(Err::AdminForbidden, {"refuses cross-origin requests"});
  if (In.Method != "GET" && !llvm::StringRef(In.header("content-type"))
                                 .startswith("application/json"))
    throw apiError(Err::AdminContentType,
                   {truncateUtf8(In.header("content-type"), 64)});
  if (In.Path != "/_emulator/health" &&
      !constantTimeEquals(In.header(AdminTokenHeader), AdminToken))
    fail(Err::AdminForbidden,
         {"needs the X-Rtcc-Admin-Token header printed at start-up"});
}

void Emulator::Impl::serve(const httplib::Request &Req, httplib::Response &Res,
                           const std::string &Body) {
  IncomingRequest In;
  In.Method = Req.method;
  In.Path = Req.path;
  // The canonical resource is signed from the path as sent (percent
  // escapes kept), as pop-core and rtcc's client sign it.
  In.RawPath = Req.target.substr(0, Req.target.find('?'));
  In.Body = Body;
  for (const auto &[Name, Value] : Req.headers)
    In.Headers[llvm::StringRef(Name).lower()] = Value;
  for (const auto &[Name, Value] : Req.params)
    In.Query.emplace(Name, Value);

  Api Kind = kindOf(In.Path);
  // Announced on every answer, published calls included, so a client
  // learns from any call it makes whether the console's operations are
  // callable here; the real service (and --official-api-only) never sends
  // it (docs/emulator.md#extensions).
  if (!Opts.OfficialApiOnly)
    Res.set_header(cloud::ExtensionsHeader, cloud::AnnouncedExtensions);
  cloud::ParamMap Rpc = In.Query;
  if (Kind == Api::Rpc &&
      llvm::StringRef(In.header("content-type"))
          .startswith("application/x-www-form-urlencoded")) {
    httplib::Params Form;
    httplib::detail::parse_query_text(Body, Form);
    for (const auto &[Name, Value] : Form) {
      In.Form.emplace(Name, Value);
      Rpc.emplace(Name, Value); // query and form merged; order-independent
    }
  }

  std::string RequestId;
  {
    std::lock_guard<std::mutex> Guard(IdLock);
    RequestId = requestId();
  }
  json Out;
  bool KillNow = false;
  try {
    checkEncoding(In, Body);
    if (Kind == Api::Unknown)
      fail(Err::RouteNotFound, {In.Method + " " + truncateUtf8(In.Path, 128)});
    if (Kind == Api::Admin)
      checkAdminCaller(Req, In);
    if (unsigned Wait = LatencyMs; Kind != Api::Admin && Wait > 0)
      std::this_thread::sleep_for(std::chrono::milliseconds(Wait));

    std::lock_guard<std::mutex> Guard(Lock);
    if (!Running)
      throw apiError(Err::ServiceUnavailable);
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
    writeError(Res, Kind, E, RequestId);
    return;
  } catch (const std::exception &E) {
    ApiError IE = apiError(Err::InternalError);
    IE.Message += " (" + truncateUtf8(E.what(), 200) + ")";
    writeError(Res, Kind, IE, RequestId);
    return;
  }
  Out["RequestId"] = RequestId;
  Res.status = 200;
  Res.set_content(Out.dump(-1, ' ', false, json::error_handler_t::replace),
                  "application/json");
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

int Emulator::Impl::adminInProcess(const std::string &Method,
                                   const std::string &Path,
                                   const std::string &Body, std::string &Text) {
  IncomingRequest In;
  In.Method = Method;
  In.Path = In.RawPath = Path;
  In.Body = Body;
  json Out;
  int Status = 200;
  bool KillNow = false;
  try {
    checkEncoding(In, Body);
    std::lock_guard<std::mutex> Guard(Lock);
    if (!DB)
      throw apiError(Err::ServiceUnavailable);
    DB->begin();
    try {
      InProcessCall = true;
      struct Reset {
        bool &Flag;
        ~Reset() { Flag = false; }
      } ResetFlag{InProcessCall};
      Out = dispatch(Api::Admin, In, {}, KillNow);
      DB->commit();
    } catch (...) {
      DB->rollback();
      throw;
    }
  } catch (const ApiError &E) {
    Status = E.Status;
    Out = {{"Code", E.Code}, {"Message", E.Message}};
  }
  Text = Out.dump(-1, ' ', false, json::error_handler_t::replace);
  return Status;
}

std::string Emulator::Impl::start() {
  if (!isLoopbackHost(Opts.Host))
    return "the emulator only listens on loopback addresses, not '" +
           Opts.Host + "'";
  std::string Error;
  DB = Store::open(Opts.DbPath, Error);
  if (!DB)
    return "cannot open database '" + Opts.DbPath + "': " + Error;

  AdminToken = Opts.AdminToken.empty() ? randomHex(16) : Opts.AdminToken;
  auto Plain = [this](const httplib::Request &Req, httplib::Response &Res) {
    serve(Req, Res, Req.body);
  };
  // Bodies are read by hand: httplib's own form parsing refuses bodies over
  // 8 KiB, which a 6,144-byte policy document can exceed once encoded.
  auto WithBody = [this](const httplib::Request &Req, httplib::Response &Res,
                         const httplib::ContentReader &Reader) {
    // httplib's payload limit does not cover handlers that read the body
    // themselves. Past the limit (known from Content-Length at once) the
    // rest is discarded as it arrives, never held, as httplib's own 413
    // does; the answer can then be read and the connection reused.
    bool Over = std::strtoull(Req.get_header_value("Content-Length").c_str(),
                              nullptr, 10) > Opts.MaxBodyBytes;
    std::string Body;
    Reader([&](const char *Data, size_t Len) {
      if (!Over && Body.size() + Len > Opts.MaxBodyBytes) {
        Over = true;
        std::string().swap(Body);
      }
      if (!Over)
        Body.append(Data, Len);
      return true;
    });
    if (Over)
      return writeError(
          Res, kindOf(Req.path),
          apiError(Err::PayloadTooLarge, {std::to_string(Opts.MaxBodyBytes)}),
          requestIdLocked());
    serve(Req, Res, Body);
  };
  Svr.Get(".*", Plain);
  Svr.Post(".*", WithBody);
  Svr.Put(".*", WithBody);
  Svr.Delete(".*", WithBody);
  auto NotAllowed = [this](const httplib::Request &Req,
                           httplib::Response &Res) {
    Res.set_header("Allow", "GET, POST, PUT, DELETE");
    writeError(Res, kindOf(Req.path),
               apiError(Err::MethodNotAllowed, {Req.method}),
               requestIdLocked());
  };
  Svr.Patch(".*", NotAllowed);
  Svr.Options(".*", NotAllowed);
  // Whatever httplib answers by itself (414 long URI, 413 large body, 400
  // unparsable request) also gets a JSON body; answers with a body are ours.
  httplib::Server::HandlerWithResponse OnError =
      [this](const httplib::Request &Req, httplib::Response &Res) {
        if (!Res.body.empty())
          return httplib::Server::HandlerResponse::Unhandled;
        Err E = Err::BadRequest;
        std::string Arg;
        if (Res.status == 414) {
          E = Err::UriTooLong;
          Arg = std::to_string(CPPHTTPLIB_REQUEST_URI_MAX_LENGTH);
        } else if (Res.status == 413) {
          E = Err::PayloadTooLarge;
          Arg = std::to_string(Opts.MaxBodyBytes);
        } else if (Res.status == 404) {
          E = Err::RouteNotFound;
          Arg = Req.method + " " + truncateUtf8(Req.path, 128);
        } else if (Res.status >= 500) {
          E = Err::InternalError;
        }
        writeError(Res, kindOf(Req.path), apiError(E, {Arg}),
                   requestIdLocked());
        return httplib::Server::HandlerResponse::Handled;
      };
  Svr.set_error_handler(OnError);
  Svr.set_exception_handler([this](const httplib::Request &Req,
                                   httplib::Response &Res, std::exception_ptr) {
    writeError(Res, kindOf(Req.path), apiError(Err::InternalError),
               requestIdLocked());
  });
  // Checked against Content-Length before the body is read (chunked bodies
  // as they arrive), so unsigned large bodies cost no memory.
  Svr.set_payload_max_length(Opts.MaxBodyBytes);
  Svr.set_keep_alive_max_count(100000);
  // One thread per open connection (see ConnectionPool).
  Svr.new_task_queue = [this] {
    return new ConnectionPool(Opts.MaxConnections);
  };
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
std::string Emulator::adminToken() const { return I->AdminToken; }
int Emulator::admin(const std::string &Method, const std::string &Path,
                    const std::string &JsonBody, std::string &Out) {
  return I->adminInProcess(Method, Path, JsonBody, Out);
}
std::string Emulator::baseUrl() const {
  std::string Host = I->Opts.Host == "::1" ? "[::1]" : I->Opts.Host;
  return "http://" + Host + ":" + std::to_string(I->BoundPort);
}

} // namespace rtc::emulator
