// Alibaba Cloud access-key credentials and where they are loaded from.
#include "rtc/Cloud/Credentials.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <nlohmann/json.hpp>

#include <cstdlib>

namespace rtc::cloud {

namespace {
template <typename Stream>
void printRedacted(Stream &OS, const Credentials &C) {
  OS << "Credentials{AccessKeyId=" << C.AccessKeyId
     << ", AccessKeySecret=<redacted>";
  if (!C.SecurityToken.empty())
    OS << ", SecurityToken=<redacted>";
  OS << "}";
}

llvm::Error credError(const llvm::Twine &Msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Msg);
}
} // namespace

std::ostream &operator<<(std::ostream &OS, const Credentials &C) {
  printRedacted(OS, C);
  return OS;
}

llvm::raw_ostream &operator<<(llvm::raw_ostream &OS, const Credentials &C) {
  printRedacted(OS, C);
  return OS;
}

CredentialSource CredentialSource::fromProcess() {
  CredentialSource S;
  S.GetEnv = [](llvm::StringRef Name) -> std::optional<std::string> {
    if (const char *V = std::getenv(Name.str().c_str()))
      return std::string(V);
    return std::nullopt;
  };
  return S;
}

llvm::Expected<Credentials> loadCredentials(const CredentialSource &Src) {
  auto Env = [&](llvm::StringRef Name) -> std::optional<std::string> {
    if (!Src.GetEnv)
      return std::nullopt;
    auto V = Src.GetEnv(Name);
    if (V && V->empty())
      return std::nullopt;
    return V;
  };

  auto Id = Env("ALIBABA_CLOUD_ACCESS_KEY_ID");
  auto Secret = Env("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
  if (Id && Secret) {
    Credentials C{*Id, *Secret, Env("ALIBABA_CLOUD_SECURITY_TOKEN").value_or("")};
    return C;
  }
  if (Id || Secret)
    return credError(
        "ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET must "
        "be set together");

  std::string Path = Src.ProfilePath;
  if (Path.empty()) {
    auto Home = Env("HOME");
    if (!Home)
      return credError("no credentials: ALIBABA_CLOUD_ACCESS_KEY_ID is unset "
                       "and HOME is unset, so ~/.rtcc/credentials cannot be "
                       "read");
    Path = *Home + "/.rtcc/credentials";
  }
  std::string Profile = Src.Profile;
  if (Profile.empty())
    Profile = Env("RTCC_PROFILE").value_or("default");

  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf)
    return credError("no credentials: ALIBABA_CLOUD_ACCESS_KEY_ID is unset "
                     "and profile file '" +
                     Path + "' cannot be read: " + Buf.getError().message());

  nlohmann::json J = nlohmann::json::parse((*Buf)->getBuffer().begin(),
                                           (*Buf)->getBuffer().end(), nullptr,
                                           /*allow_exceptions=*/false);
  if (J.is_discarded() || !J.is_object())
    return credError("profile file '" + Path + "' is not a JSON object");
  auto It = J.find(Profile);
  if (It == J.end() || !It->is_object())
    return credError("profile '" + Profile + "' not found in '" + Path + "'");
  auto Str = [&](const char *Key) -> std::string {
    auto F = It->find(Key);
    return (F != It->end() && F->is_string()) ? F->get<std::string>() : "";
  };
  Credentials C{Str("access_key_id"), Str("access_key_secret"),
                Str("security_token")};
  if (C.AccessKeyId.empty() || C.AccessKeySecret.empty())
    return credError("profile '" + Profile + "' in '" + Path +
                     "' needs access_key_id and access_key_secret");
  return C;
}

} // namespace rtc::cloud
