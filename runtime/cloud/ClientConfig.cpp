// Shared client plumbing: defaults for the injectable callbacks, time
// formats, the retry loop and tolerant JSON field readers.
#include "rtc/Cloud/ClientConfig.h"
#include "rtc/Cloud/CloudError.h"

#include "llvm/Support/raw_ostream.h"

#include <ctime>
#include <mutex>
#include <random>
#include <thread>

namespace rtc::cloud {

namespace {
/// RNG state shared by the Random and Nonce callbacks of one config.
struct SharedRng {
  std::mutex M;
  std::mt19937_64 Engine{std::random_device{}()};
  uint64_t next() {
    std::lock_guard<std::mutex> L(M);
    return Engine();
  }
};

std::tm utcTm(std::chrono::system_clock::time_point T) {
  std::time_t Secs = std::chrono::system_clock::to_time_t(T);
  std::tm Tm{};
  gmtime_r(&Secs, &Tm);
  return Tm;
}
} // namespace

ClientConfig ClientConfig::withDefaults() const {
  ClientConfig C = *this;
  auto Rng = std::make_shared<SharedRng>();
  if (!C.Transport)
    C.Transport = createHttplibTransport();
  if (!C.Now)
    C.Now = [] { return std::chrono::system_clock::now(); };
  if (!C.Sleep)
    C.Sleep = [](std::chrono::milliseconds D) { std::this_thread::sleep_for(D); };
  if (!C.Random)
    C.Random = [Rng] { return Rng->next(); };
  if (!C.Nonce)
    C.Nonce = [Rng] {
      // 128 random bits in UUID layout; uniqueness is all the service needs.
      uint64_t A = Rng->next(), B = Rng->next();
      char Buf[40];
      std::snprintf(Buf, sizeof(Buf), "%08x-%04x-%04x-%04x-%012llx",
                    unsigned(A >> 32), unsigned((A >> 16) & 0xffff),
                    unsigned(A & 0xffff), unsigned(B >> 48),
                    static_cast<unsigned long long>(B & 0xffffffffffffULL));
      return std::string(Buf);
    };
  return C;
}

Endpoint defaultRamEndpoint() {
  Endpoint E;
  E.Host = "ram.aliyuncs.com";
  return E;
}

Endpoint defaultFoasEndpoint(llvm::StringRef Region) {
  Endpoint E;
  E.Host = ("foas." + Region + ".aliyuncs.com").str();
  return E;
}

std::string formatIso8601(std::chrono::system_clock::time_point T) {
  std::tm Tm = utcTm(T);
  char Buf[96];
  std::snprintf(Buf, sizeof(Buf), "%04d-%02d-%02dT%02d:%02d:%02dZ",
                Tm.tm_year + 1900, Tm.tm_mon + 1, Tm.tm_mday, Tm.tm_hour,
                Tm.tm_min, Tm.tm_sec);
  return Buf;
}

std::string formatRfc1123(std::chrono::system_clock::time_point T) {
  static const char *const Days[] = {"Sun", "Mon", "Tue", "Wed",
                                     "Thu", "Fri", "Sat"};
  static const char *const Months[] = {"Jan", "Feb", "Mar", "Apr",
                                       "May", "Jun", "Jul", "Aug",
                                       "Sep", "Oct", "Nov", "Dec"};
  std::tm Tm = utcTm(T);
  char Buf[96];
  std::snprintf(Buf, sizeof(Buf), "%s, %02d %s %04d %02d:%02d:%02d GMT",
                Days[Tm.tm_wday], Tm.tm_mday, Months[Tm.tm_mon],
                Tm.tm_year + 1900, Tm.tm_hour, Tm.tm_min, Tm.tm_sec);
  return Buf;
}

llvm::Expected<nlohmann::json>
runWithRetry(const ClientConfig &Cfg, llvm::StringRef What,
             llvm::function_ref<llvm::Expected<nlohmann::json>()> Attempt) {
  unsigned MaxAttempts = std::max(1u, Cfg.Retry.MaxAttempts);
  for (unsigned N = 0;; ++N) {
    llvm::Expected<nlohmann::json> R = Attempt();
    if (R) {
      if (Cfg.Log) {
        std::string Line;
        llvm::raw_string_ostream OS(Line);
        OS << What << ": ok RequestId="
           << (R->is_object() ? jsonString(*R, "RequestId") : std::string())
           << " attempt=" << (N + 1);
        Cfg.Log(OS.str());
      }
      return R;
    }
    CloudError E = takeCloudError(R.takeError());
    bool Transport = E.HttpStatus == 0 &&
                     llvm::StringRef(E.Code).startswith("Transport.");
    bool Retry = E.Retryable || (Transport && Cfg.Retry.RetryTransportErrors);
    bool LastAttempt = N + 1 >= MaxAttempts;
    std::chrono::milliseconds Delay{0};
    if (Retry && !LastAttempt)
      Delay = backoffDelay(Cfg.Retry, N, E.isThrottling(),
                           Cfg.Random ? Cfg.Random() : 0);
    if (Cfg.Log) {
      std::string Line;
      llvm::raw_string_ostream OS(Line);
      OS << What << ": failed attempt=" << (N + 1) << " " << E.Code;
      if (E.HttpStatus)
        OS << " HTTP " << E.HttpStatus;
      OS << " RequestId=" << E.RequestId;
      if (Retry && !LastAttempt)
        OS << "; retrying in " << Delay.count() << " ms";
      Cfg.Log(OS.str());
    }
    if (!Retry || LastAttempt)
      return llvm::make_error<CloudError>(std::move(E));
    if (Cfg.Sleep)
      Cfg.Sleep(Delay);
  }
}

std::string jsonString(const nlohmann::json &J, llvm::StringRef Key) {
  if (!J.is_object())
    return "";
  auto It = J.find(Key.str());
  if (It == J.end() || It->is_null())
    return "";
  if (It->is_string())
    return It->get<std::string>();
  if (It->is_primitive())
    return It->dump();
  return "";
}

int64_t jsonInt(const nlohmann::json &J, llvm::StringRef Key, int64_t Default) {
  if (!J.is_object())
    return Default;
  auto It = J.find(Key.str());
  if (It == J.end())
    return Default;
  if (It->is_number_integer() || It->is_number_unsigned())
    return It->get<int64_t>();
  if (It->is_number_float())
    return static_cast<int64_t>(It->get<double>());
  if (It->is_string()) {
    int64_t V;
    if (!llvm::StringRef(It->get_ref<const std::string &>()).getAsInteger(10, V))
      return V;
  }
  return Default;
}

bool jsonBool(const nlohmann::json &J, llvm::StringRef Key, bool Default) {
  if (!J.is_object())
    return Default;
  auto It = J.find(Key.str());
  if (It == J.end())
    return Default;
  if (It->is_boolean())
    return It->get<bool>();
  if (It->is_string())
    return It->get_ref<const std::string &>() == "true";
  if (It->is_number())
    return It->get<double>() != 0;
  return Default;
}

nlohmann::json jsonList(const nlohmann::json &J, llvm::StringRef Outer,
                        llvm::StringRef Inner) {
  if (!J.is_object())
    return nlohmann::json::array();
  auto It = J.find(Outer.str());
  if (It == J.end())
    return nlohmann::json::array();
  if (It->is_array())
    return *It;
  if (It->is_object()) {
    auto In = It->find(Inner.str());
    if (In != It->end() && In->is_array())
      return *In;
  }
  return nlohmann::json::array();
}

} // namespace rtc::cloud
