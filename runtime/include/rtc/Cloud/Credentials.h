// Alibaba Cloud access-key credentials and where they are loaded from.
//
// Lookup order (first hit wins):
//   1. Environment: ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET
//      and optionally ALIBABA_CLOUD_SECURITY_TOKEN (both id and secret must be
//      set; one without the other is an error, not a silent fallback).
//   2. Profile file, default `$HOME/.rtcc/credentials`, JSON:
//        {
//          "default": { "access_key_id": "LTAI...",
//                       "access_key_secret": "...",
//                       "security_token": "..." },      // optional
//          "prod":    { ... }
//        }
//      The profile is chosen by CredentialSource::Profile, else the env var
//      RTCC_PROFILE, else "default".
// Secrets never reach a log: operator<< prints the id and "<redacted>".
#ifndef RTC_CLOUD_CREDENTIALS_H
#define RTC_CLOUD_CREDENTIALS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <functional>
#include <optional>
#include <ostream>
#include <string>

namespace llvm {
class raw_ostream;
}

namespace rtc::cloud {

struct Credentials {
  std::string AccessKeyId;
  std::string AccessKeySecret;
  std::string SecurityToken; ///< STS token; empty for long-term keys.
};

/// Prints `Credentials{AccessKeyId=<id>, AccessKeySecret=<redacted>[, ...]}`.
std::ostream &operator<<(std::ostream &OS, const Credentials &C);
llvm::raw_ostream &operator<<(llvm::raw_ostream &OS, const Credentials &C);

/// Where to look; every field is injectable so tests never touch the real
/// environment or home directory.
struct CredentialSource {
  /// Returns the value of an environment variable, or nullopt if unset.
  std::function<std::optional<std::string>(llvm::StringRef)> GetEnv;
  /// Profile file; empty means `$HOME/.rtcc/credentials`.
  std::string ProfilePath;
  /// Profile name; empty means $RTCC_PROFILE or "default".
  std::string Profile;

  /// A source that reads the process environment.
  static CredentialSource fromProcess();
};

/// Loads credentials per the lookup order above. Fails with a message naming
/// the variables / file that were tried (never their secret values).
llvm::Expected<Credentials> loadCredentials(const CredentialSource &Src);

} // namespace rtc::cloud

#endif // RTC_CLOUD_CREDENTIALS_H
