//===- LockInfo.cpp - lock holder description -----------------------------===//
#include "rtc/State/LockInfo.h"
#include "rtc/State/State.h"
#include "rtc/State/StateError.h"

#include <nlohmann/json.hpp>

#include <ctime>
#include <pwd.h>
#include <unistd.h>

namespace rtc::state {

std::string nowRfc3339() {
  std::time_t T = std::time(nullptr);
  std::tm Tm{};
  gmtime_r(&T, &Tm);
  char Buf[32];
  std::strftime(Buf, sizeof Buf, "%Y-%m-%dT%H:%M:%SZ", &Tm);
  return Buf;
}

std::string currentHostName() {
  char Buf[256] = {0};
  if (gethostname(Buf, sizeof Buf - 1) != 0)
    return "unknown-host";
  return Buf;
}

static std::string userName() {
  if (const char *U = std::getenv("USER"); U && *U)
    return U;
  struct passwd Pw, *Res = nullptr;
  char Buf[1024];
  if (getpwuid_r(getuid(), &Pw, Buf, sizeof Buf, &Res) == 0 && Res)
    return Res->pw_name;
  return "uid" + std::to_string(getuid());
}

LockInfo LockInfo::forCurrentProcess(std::string Operation,
                                     std::string Version) {
  LockInfo I;
  I.ID = newLineage();
  I.Operation = std::move(Operation);
  I.Host = currentHostName();
  I.Who = userName() + "@" + I.Host;
  I.Version = std::move(Version);
  I.Created = nowRfc3339();
  I.Pid = static_cast<long>(getpid());
  return I;
}

std::string LockInfo::toJson() const {
  nlohmann::json J = {{"ID", ID},           {"Operation", Operation},
                      {"Info", Info},       {"Who", Who},
                      {"Version", Version}, {"Created", Created},
                      {"Path", Path},       {"Pid", Pid},
                      {"Host", Host}};
  return J.dump(2) + "\n";
}

llvm::Expected<LockInfo> LockInfo::fromJson(llvm::StringRef Text,
                                            llvm::StringRef Origin) {
  nlohmann::json J = nlohmann::json::parse(Text.begin(), Text.end(), nullptr,
                                           /*allow_exceptions=*/false);
  if (!J.is_object())
    return makeError(ErrId::err_lock_unreadable, Origin.str(),
                     "not a JSON object");
  LockInfo I;
  auto Str = [&](const char *K, std::string &Out) {
    auto It = J.find(K);
    if (It != J.end() && It->is_string())
      Out = It->get<std::string>();
  };
  Str("ID", I.ID);
  Str("Operation", I.Operation);
  Str("Info", I.Info);
  Str("Who", I.Who);
  Str("Version", I.Version);
  Str("Created", I.Created);
  Str("Path", I.Path);
  Str("Host", I.Host);
  if (auto It = J.find("Pid"); It != J.end() && It->is_number_integer())
    I.Pid = It->get<long>();
  if (I.ID.empty())
    return makeError(ErrId::err_lock_unreadable, Origin.str(), "no ID");
  return I;
}

} // namespace rtc::state
