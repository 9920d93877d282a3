//===- CloudSupport.cpp - connect to the real cloud or the embedded one ---===//
#include "CloudSupport.h"
#include "rtc/State/LocalBackend.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <nlohmann/json.hpp>

#include <cstdlib>

using namespace llvm;

namespace rtc::driver {

namespace {

// The embedded emulator only listens on loopback and holds nothing real, so
// a fixed key is as good as a random one and survives restarts of rtcc.
constexpr const char *EmbeddedKeyId = "rtcc-embedded";
constexpr const char *EmbeddedKeySecret = "rtcc-embedded-secret";

Error cloudError(const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(), Msg);
}

std::string providerAttr(const ir::Program &Prog, const char *Name) {
  auto It = Prog.Providers.find("alicloud");
  if (It == Prog.Providers.end() || !It->second.is_object())
    return "";
  auto A = It->second.find(Name);
  return A != It->second.end() && A->is_string() ? A->get<std::string>() : "";
}

/// Runs one admin call on the embedded emulator and returns its answer.
Expected<nlohmann::json> adminCall(emulator::Emulator &E, const std::string &Path,
                                   const nlohmann::json &Body) {
  std::string Out;
  int Status = E.admin("POST", "/_emulator/" + Path, Body.dump(), Out);
  if (Status >= 300)
    return cloudError("embedded emulator: POST " + Path + ": " + Out);
  return nlohmann::json::parse(Out, nullptr, false);
}

/// "order ord-2, vpc vpc-b" from an answer's {"orders": ["ord-2"], ...}.
std::string listSeedIds(const nlohmann::json &ByKind) {
  std::string L;
  for (auto It = ByKind.begin(); It != ByKind.end(); ++It)
    for (const nlohmann::json &Id : It.value()) {
      std::string Kind = It.key();
      if (Kind.size() > 1 && Kind.back() == 's')
        Kind.pop_back();
      L += (L.empty() ? "" : ", ") + Kind + " " +
           (Id.is_string() ? Id.get<std::string>() : Id.dump());
    }
  return L;
}

/// Seeds the embedded cloud from cloud.seed.json (docs/emulator.md "Seed
/// files"): all of it when the cloud is new; when the file changed since it
/// was last applied (its text is kept beside the database), the entries the
/// cloud does not hold yet, with a note, so an edited seed is never
/// silently ignored and never resets what apply did.
Error seedEmbedded(emulator::Emulator &E, const std::string &ConfigDir,
                   const std::string &Db, bool Fresh) {
  // rtcc's own access key. A first start killed before it was stored left a
  // cloud nobody could sign in to: add it whenever it is missing.
  nlohmann::json Key = {{"AccessKeyId", EmbeddedKeyId},
                        {"AccessKeySecret", EmbeddedKeySecret}};
  if (auto A = Fresh ? adminCall(E, "account", Key)
                     : adminCall(E, "seed/new", {{"account", Key}});
      !A)
    return A.takeError();
  SmallString<256> Seed(ConfigDir);
  sys::path::append(Seed, "cloud.seed.json");
  auto Buf = MemoryBuffer::getFile(Seed);
  if (!Buf)
    return Error::success();
  std::string Applied = Db + ".seed";
  StringRef Text = (*Buf)->getBuffer();
  // The copy is written once the seed is in: without it, an earlier first
  // start was interrupted, and seeding again adds what it did not.
  auto Old = MemoryBuffer::getFile(Applied);
  bool Interrupted = !Fresh && !Old;
  if (!Fresh && Old && (*Old)->getBuffer() == Text)
    return Error::success();
  nlohmann::json J = nlohmann::json::parse(Text, nullptr, false);
  if (J.is_discarded() || !J.is_object())
    return cloudError(Twine(Seed) + ": not a JSON object");
  auto R = adminCall(E, Fresh ? "seed" : "seed/new", J);
  if (!R)
    return cloudError(Twine(Seed) + ": " + toString(R.takeError()));
  if (!Fresh && !Interrupted) {
    std::string Added = listSeedIds(R->value("Added", nlohmann::json::object()));
    errs() << "note: " << Seed << " changed since the embedded cloud ("
           << Db << ") was created: "
           << (Added.empty() ? "nothing new to add" : "added " + Added)
           << "; entries it already holds are left as they are (delete "
           << Db << " to start again from the seed)\n";
  }
  // Atomic, so that a copy exists only for a seed that is in; failing to
  // write it is harmless (the next run re-checks the seed, which adds
  // nothing twice).
  consumeError(state::writeFileAtomically(Applied, Text, 0600));
  return Error::success();
}

Expected<std::unique_ptr<CloudSession>>
openEmbedded(StringRef Spec, const std::string &ConfigDir,
             const std::string &Region) {
  std::string Db = Spec.empty() ? "" : Spec.str();
  if (Db.empty()) {
    SmallString<256> P(ConfigDir);
    sys::path::append(P, ".rtc", "cloud.db");
    Db = std::string(P);
  }
  SmallString<256> Parent(Db);
  sys::path::remove_filename(Parent);
  if (!Parent.empty())
    if (std::error_code EC = sys::fs::create_directories(Parent))
      return cloudError("cannot create " + Parent + ": " + EC.message());
  bool Fresh = !sys::fs::exists(Db);
  emulator::EmulatorOptions O;
  O.DbPath = Db;
  O.Region = Region;
  // The seed's 30-minute cluster creation becomes 1.8 s: the embedded cloud
  // is for trying rtcc out, not for waiting.
  O.TimeScale = 0.001;
  if (const char *S = std::getenv("RTCC_EMBEDDED_TIME_SCALE"))
    O.TimeScale = std::atof(S);
  auto Session = std::make_unique<CloudSession>();
  Session->Embedded = std::make_unique<emulator::Emulator>(O);
  if (std::string Err = Session->Embedded->start(); !Err.empty())
    return cloudError("cannot start the embedded emulator on " + Db + ": " + Err);
  if (Error E = seedEmbedded(*Session->Embedded, ConfigDir, Db, Fresh))
    return std::move(E);
  auto EP = cloud::Endpoint::parse(Session->Embedded->baseUrl());
  if (!EP)
    return EP.takeError();
  Session->Client.EndpointOverride = *EP;
  Session->Client.Creds = {EmbeddedKeyId, EmbeddedKeySecret, ""};
  Session->Where = "embedded emulator (" + Db + ")";
  SmallString<256> Seed(ConfigDir);
  sys::path::append(Seed, "cloud.seed.json");
  Session->SeedFile = std::string(Seed);
  return std::move(Session);
}

} // namespace

std::string seedHint(const CloudSession &S, StringRef Code) {
  if (!S.Embedded)
    return "";
  // The codes of objects bought or created outside rtcc (the emulator's
  // EntityNotExist.Order and friends, and the order provider's own).
  static const std::pair<const char *, const char *> Seedable[] = {
      {"OrderNotFound", "orders"},         {"EntityNotExist.Order", "orders"},
      {"InvalidVpc.NotFound", "vpcs"},     {"InvalidZone.NotFound", "vpcs"},
      {"InvalidVSwitch.NotFound", "vpcs"}, {"InvalidOssBucket.NotFound", "buckets"}};
  for (const auto &[C, Kind] : Seedable)
    if (Code == C)
      return "the embedded cloud holds only what " + S.SeedFile +
             " gives it: add the object under \"" + Kind +
             "\" there and run again (docs/emulator.md#seed-files); on the "
             "real cloud it is bought in the console";
  return "";
}

CloudOptions::CloudOptions(cl::SubCommand &Sub)
    : Cloud("cloud",
            cl::desc("embedded[:DB] runs the emulator in-process (the default "
                     "without credentials); remote uses -endpoint or the "
                     "provider block"),
            cl::value_desc("embedded[:DB]|remote"), cl::sub(Sub)),
      Endpoint("endpoint",
               cl::desc("API endpoint for both RAM and Realtime Compute "
                        "(e.g. an emulator: http://127.0.0.1:PORT)"),
               cl::value_desc("URL"), cl::sub(Sub)),
      Region("region", cl::desc("Region (default: the provider block's)"),
             cl::value_desc("REGION"), cl::sub(Sub)),
      MaxAttempts("max-attempts",
                  cl::desc("Attempts per API call under throttling and 5xx "
                           "(default 10)"),
                  cl::init(10), cl::sub(Sub)),
      Verbose("verbose-cloud", cl::desc("Log every API call and retry"),
              cl::sub(Sub)) {}

bool CloudOptions::embedded(const ir::Program &Prog) const {
  std::string Url =
      Endpoint.empty() ? providerAttr(Prog, "endpoint") : std::string(Endpoint);
  bool HaveKeys = std::getenv("ALIBABA_CLOUD_ACCESS_KEY_ID") != nullptr;
  StringRef Spec(Cloud);
  return Spec == "embedded" || Spec.startswith("embedded:") ||
         (Spec.empty() && Url.empty() && !HaveKeys);
}

Expected<std::unique_ptr<CloudSession>>
CloudOptions::open(const ir::Program &Prog, const std::string &ConfigDir) const {
  std::string Url =
      Endpoint.empty() ? providerAttr(Prog, "endpoint") : std::string(Endpoint);
  std::string Reg = Region.empty() ? providerAttr(Prog, "region") : std::string(Region);
  if (Reg.empty())
    Reg = "cn-hangzhou";
  std::unique_ptr<CloudSession> S;
  StringRef Spec(Cloud);
  if (embedded(Prog)) {
    StringRef Db = Spec.startswith("embedded:") ? Spec.drop_front(9) : "";
    auto E = openEmbedded(Db, ConfigDir, Reg);
    if (!E)
      return E.takeError();
    S = std::move(*E);
  } else if (Spec.empty() || Spec == "remote") {
    S = std::make_unique<CloudSession>();
    auto Creds = cloud::loadCredentials(cloud::CredentialSource::fromProcess());
    if (!Creds)
      return Creds.takeError();
    S->Client.Creds = *Creds;
    if (!Url.empty()) {
      auto EP = cloud::Endpoint::parse(Url);
      if (!EP)
        return EP.takeError();
      S->Client.EndpointOverride = *EP;
      S->Where = EP->url();
    } else {
      S->Where = "Alibaba Cloud";
    }
  } else {
    return cloudError("-cloud must be `embedded`, `embedded:PATH` or `remote`, "
                      "not `" + Cloud + "`");
  }
  S->Region = Reg;
  S->Client.Retry.MaxAttempts = std::max(1u, unsigned(MaxAttempts));
  // Providers adopt what an earlier attempt created, so retrying after a
  // lost answer is safe.
  S->Client.Retry.RetryTransportErrors = true;
  if (Verbose)
    S->Client.Log = [](StringRef Line) { errs() << "[cloud] " << Line << "\n"; };
  S->Client = S->Client.withDefaults();
  S->Providers = provider::makeAlicloudProviders(S->Client, S->Region);
  return std::move(S);
}

} // namespace rtc::driver
