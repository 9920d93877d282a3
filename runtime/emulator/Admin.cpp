// The `/_emulator/...` admin endpoints.
#include "Admin.h"

#include "rtc/Domain/DomainFacts.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <iterator>
#include <limits>
#include <random>

namespace rtc::emulator {

namespace {

/// Largest injected latency: beyond it a call outlives every client timeout.
constexpr int64_t MaxLatencyMs = 60000;

std::string str(const json &B, const char *K, const std::string &Default = "") {
  if (!B.is_object() || !B.contains(K) || B[K].is_null())
    return Default;
  return B[K].is_string() ? B[K].get<std::string>() : B[K].dump();
}

std::string reqStr(const json &B, const char *K) {
  std::string V = str(B, K);
  if (V.empty())
    fail(Err::MissingParameter, {K});
  return V;
}

int64_t num(const json &B, const char *K, int64_t Default) {
  if (!B.is_object() || !B.contains(K) || B[K].is_null())
    return Default;
  if (!B[K].is_number())
    fail(Err::InvalidParameter, {K, "expected a number"});
  return B[K].get<int64_t>();
}

std::string randomSecret(size_t Length) {
  // From the OS: a generated key is a credential the user copies.
  std::random_device Dev;
  static const char Alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string Out;
  for (size_t I = 0; I < Length; ++I)
    Out.push_back(Alphabet[Dev() % (sizeof(Alphabet) - 1)]);
  return Out;
}

json putAccessKey(Store &S, const json &B, const std::string &User,
                  const std::string &NowIso) {
  std::string Id = str(B, "AccessKeyId");
  if (Id.empty())
    Id = "LTAI" + randomSecret(16);
  std::string Secret = str(B, "AccessKeySecret");
  if (Secret.empty())
    Secret = randomSecret(30);
  if (auto Old = S.get("AccessKey", Id);
      Old && Old->value("UserName", "") != User)
    fail(Err::EntityAlreadyExists, {"AccessKey", "access key", Id});
  json K = {{"AccessKeyId", Id},
            {"AccessKeySecret", Secret},
            {"UserName", User},
            {"Status", "Active"},
            {"CreateDate", NowIso}};
  S.put("AccessKey", Id, K);
  return K;
}

json seedVpc(Store &S, const EmulatorOptions &Opts, const json &B) {
  std::string Id = reqStr(B, "VpcId");
  json Zones = json::array();
  for (const json &Z : B.value("Zones", json::array()))
    Zones.push_back(Z.is_string()
                        ? json{{"ZoneId", Z}, {"EcsStock", true}}
                        : json{{"ZoneId", str(Z, "ZoneId")},
                               {"EcsStock", Z.value("EcsStock", true)}});
  json V = {{"VpcId", Id},
            {"VpcName", str(B, "VpcName", Id)},
            {"RegionId", str(B, "RegionId", Opts.Region)},
            {"Zones", Zones}};
  S.put("Vpc", Id, V);
  for (const json &W : B.value("VSwitches", json::array())) {
    json Sw = W;
    Sw["VpcId"] = Id;
    S.put("VSwitch", reqStr(Sw, "VSwitchId"),
          {{"VSwitchId", reqStr(Sw, "VSwitchId")},
           {"VpcId", Id},
           {"ZoneId", reqStr(Sw, "ZoneId")},
           {"FreeIps", num(Sw, "FreeIps", 100)}});
  }
  return V;
}

json seedOrder(Store &S, const json &B) {
  std::string Id = reqStr(B, "OrderId");
  std::string Mode = str(B, "Mode", "exclusive");
  if (Mode != "exclusive" && Mode != "shared")
    fail(Err::InvalidParameter, {"Mode", "exclusive or shared"});
  std::string Billing = str(B, "Billing", "subscription");
  if (Billing != "subscription" && Billing != "pay_as_you_go")
    fail(Err::InvalidParameter, {"Billing", "subscription or pay_as_you_go"});
  json O = {{"OrderId", Id},
            {"Mode", Mode},
            {"Cu", num(B, "Cu", 0)},
            {"MasterModel", str(B, "MasterModel", "8c32g")},
            {"MasterCount", num(B, "MasterCount", 3)},
            {"SlaveModel", str(B, "SlaveModel", "8c32g")},
            {"SlaveCount", num(B, "SlaveCount", 2)},
            {"Billing", Billing},
            {"Duration", num(B, "Duration", 0)},
            {"UsedBy", str(B, "UsedBy")}};
  if (std::string Region = str(B, "RegionId"); !Region.empty())
    O["RegionId"] = Region;
  S.put("Order", Id, O);
  return O;
}

/// Forces the installed versions of a cluster, e.g. to model a cluster that
/// already holds more than 3 (docs/service.md#engine-versions).
json forceEngineVersions(Store &S, const std::string &Id, const json &B) {
  auto Cl = S.get("Cluster", Id);
  if (!Cl)
    fail(Err::EntityNotExist, {"Cluster", "cluster", Id});
  json L = json::array();
  for (const json &V : B.value("Versions", json::array()))
    L.push_back({{"Version", V}, {"Status", "installed"}});
  if (L.empty())
    fail(Err::MissingParameter, {"Versions"});
  (*Cl)["EngineVersions"] = L;
  (*Cl)["CurrentEngineVersion"] =
      str(B, "Current", L[0]["Version"].get<std::string>());
  S.put("Cluster", Id, *Cl);
  return *Cl;
}

/// A fault setting, or 400 with the reason (never a 500 from a bad type).
double rate(const json &B, const char *K, double Old) {
  if (!B.contains(K))
    return Old;
  if (!B[K].is_number())
    fail(Err::InvalidParameter, {K, "expected a number"});
  double V = B[K].get<double>();
  if (!(V >= 0.0 && V <= 1.0))
    fail(Err::InvalidParameter, {K, "must be between 0 and 1"});
  return V;
}

FaultSettings parseFaults(const json &B, FaultSettings F) {
  if (!B.is_object())
    fail(Err::MalformedJson, {"faults"});
  for (auto It = B.begin(); It != B.end(); ++It)
    if (It.key() != "Seed" && It.key() != "ThrottleRate" &&
        It.key() != "ErrorRate" && It.key() != "LatencyMs")
      fail(Err::InvalidParameter,
           {truncateUtf8(It.key(), 64), "unknown; the settings are Seed, "
                                        "ThrottleRate, ErrorRate, LatencyMs"});
  if (B.contains("Seed")) {
    if (!B["Seed"].is_number_integer() || B["Seed"].get<int64_t>() < 0)
      fail(Err::InvalidParameter, {"Seed", "expected a non-negative integer"});
    F.Seed = B["Seed"].get<uint64_t>();
  }
  F.ThrottleRate = rate(B, "ThrottleRate", F.ThrottleRate);
  F.ErrorRate = rate(B, "ErrorRate", F.ErrorRate);
  if (F.ThrottleRate + F.ErrorRate > 1.0)
    fail(Err::InvalidParameter,
         {"ThrottleRate", "ThrottleRate + ErrorRate must not exceed 1"});
  if (B.contains("LatencyMs")) {
    if (!B["LatencyMs"].is_number_integer() ||
        B["LatencyMs"].get<int64_t>() < 0 ||
        B["LatencyMs"].get<int64_t>() > MaxLatencyMs)
      fail(Err::InvalidParameter,
           {"LatencyMs",
            "expected an integer from 0 to " + std::to_string(MaxLatencyMs)});
    F.LatencyMs = B["LatencyMs"].get<unsigned>();
  }
  return F;
}

/// The state dump with every access key secret blanked: a leaked dump
/// must not be a usable credential.
json withoutSecrets(json Dump) {
  if (Dump.contains("AccessKey"))
    for (auto &[Id, K] : Dump["AccessKey"].items())
      if (K.contains("AccessKeySecret"))
        K["AccessKeySecret"] = "***";
  return Dump;
}

/// A cluster in a chosen state with a chosen id (running by default), so a
/// seed file can describe a world with clusters already bought.
json seedCluster(Store &S, const EmulatorOptions &Opts, const json &B,
                 const std::string &NowIso) {
  std::string Id = reqStr(B, "ClusterId");
  if (S.get("Cluster", Id))
    fail(Err::EntityAlreadyExists, {"Cluster", "cluster", Id});
  std::string State = str(B, "State", "running");
  if (State != "running" && State != "starting")
    fail(Err::InvalidParameter, {"State", "running or starting"});
  std::string MasterModel = str(B, "MasterModel", "8c32g");
  std::string SlaveModel = str(B, "SlaveModel", "8c32g");
  const domain::DomainFacts &F = domain::embeddedFacts();
  if (!F.Machines.findSlave(SlaveModel))
    fail(Err::UnknownModel, {SlaveModel, "the slave_models of machines.rtc"});
  if (!F.Machines.findMaster(MasterModel))
    fail(Err::UnknownModel, {MasterModel, "the master_models of machines.rtc"});
  int64_t Masters = num(B, "MasterCount", 3), Slaves = num(B, "SlaveCount", 2);
  if (Slaves < static_cast<int64_t>(F.Machines.MinSlaves))
    fail(Err::TooFewSlaves,
         {std::to_string(F.Machines.MinSlaves), std::to_string(Slaves)});
  if (Masters < static_cast<int64_t>(F.fewestMasters()) ||
      Masters > static_cast<int64_t>(F.mostMasters()))
    fail(Err::InvalidMasterCount,
         {std::to_string(Masters), std::to_string(F.fewestMasters()),
          std::to_string(F.mostMasters())});
  std::string Engine = str(B, "EngineVersion", F.stableEngineVersion());
  json Ids = json::array();
  for (int64_t N = 1; N <= Slaves; ++N)
    Ids.push_back(Id + "-slave-" + std::to_string(N));
  json Cl = {
      {"ClusterId", Id},
      {"DisplayName", str(B, "DisplayName", Id)},
      {"Description", str(B, "Description")},
      {"OrderId", str(B, "OrderId")},
      {"RegionId", str(B, "RegionId", Opts.Region)},
      {"ZoneId", str(B, "ZoneId")},
      {"UserVpcId", str(B, "VpcId")},
      {"UserVSwitch", str(B, "VSwitchId")},
      {"UserOssBucket", str(B, "Bucket")},
      {"UserSGId", "sg-" + Id},
      {"State", State},
      {"ReadyAtMs", 0},
      {"CreateTime", NowIso},
      {"Master", {{"Model", MasterModel}, {"Count", Masters}}},
      {"Slave",
       {{"Model", SlaveModel}, {"Count", Slaves}, {"InstanceIds", Ids}}},
      {"NextInstance", Slaves + 1},
      {"EngineVersions", {{{"Version", Engine}, {"Status", "installed"}}}},
      {"CurrentEngineVersion", Engine},
      {"Owner", ""}};
  if (State == "starting")
    Cl["ReadyAtMs"] = std::numeric_limits<int64_t>::max();
  if (std::string Order = str(B, "OrderId"); !Order.empty()) {
    auto O = S.get("Order", Order);
    if (!O)
      fail(Err::OrderNotFound, {Order});
    (*O)["UsedBy"] = Id;
    S.put("Order", Order, *O);
  }
  S.put("Cluster", Id, Cl);
  return Cl;
}

json seedBucket(Store &S, const EmulatorOptions &Opts, const json &Body) {
  json Bk = {{"Name", reqStr(Body, "Name")},
             {"StorageClass", str(Body, "StorageClass", "Standard")},
             {"Acl", str(Body, "Acl", "private")},
             {"RegionId", str(Body, "RegionId", Opts.Region)}};
  S.put("Bucket", Bk["Name"], Bk);
  return Bk;
}

json seedVSwitch(Store &S, const EmulatorOptions &Opts, const json &Body) {
  std::string Vpc = reqStr(Body, "VpcId");
  if (!S.get("Vpc", Vpc))
    fail(Err::VpcNotFound, {Vpc, Opts.Region});
  json Sw = {{"VSwitchId", reqStr(Body, "VSwitchId")},
             {"VpcId", Vpc},
             {"ZoneId", reqStr(Body, "ZoneId")},
             {"FreeIps", num(Body, "FreeIps", 100)}};
  S.put("VSwitch", Sw["VSwitchId"], Sw);
  return Sw;
}

/// What a seed entry of each kind is stored as, and the field naming it.
struct SeedKind {
  const char *Key, *StoreKind, *IdField;
};
constexpr SeedKind SeedKinds[] = {{"vpcs", "Vpc", "VpcId"},
                                  {"vswitches", "VSwitch", "VSwitchId"},
                                  {"buckets", "Bucket", "Name"},
                                  {"orders", "Order", "OrderId"},
                                  {"clusters", "Cluster", "ClusterId"}};

/// Refuses a seed document with an unknown key ("_"-prefixed keys are
/// comments) or a kind that is not an array.
void checkSeedShape(const json &Doc) {
  if (!Doc.is_object())
    fail(Err::MalformedJson, {"seed"});
  for (auto It = Doc.begin(); It != Doc.end(); ++It) {
    if (It.key().rfind('_', 0) == 0 || It.key() == "account")
      continue;
    if (std::none_of(std::begin(SeedKinds), std::end(SeedKinds),
                     [&](const SeedKind &K) { return It.key() == K.Key; }))
      fail(Err::InvalidParameter,
           {truncateUtf8(It.key(), 64),
            "unknown; a seed has account, vpcs, vswitches, buckets, orders, "
            "clusters (keys starting with _ are comments)"});
    if (!It.value().is_array())
      fail(Err::InvalidParameter, {It.key(), "expected an array"});
  }
}

void seedOne(Store &S, const EmulatorOptions &Opts, const SeedKind &K,
             const json &Item, const std::string &NowIso) {
  std::string Key = K.Key;
  if (Key == "vpcs")
    seedVpc(S, Opts, Item);
  else if (Key == "vswitches")
    seedVSwitch(S, Opts, Item);
  else if (Key == "buckets")
    seedBucket(S, Opts, Item);
  else if (Key == "orders")
    seedOrder(S, Item);
  else
    seedCluster(S, Opts, Item, NowIso);
}

/// A whole cloud.seed.json document (docs/emulator.md "Seed files"):
/// {"account": {...}, "vpcs": [...], "vswitches": [...], "buckets": [...],
///  "orders": [...], "clusters": [...]}, applied in that order. With
/// OnlyNew, entries whose id is already stored are left as they are (a
/// seed edited after the cloud was created adds what it gained and never
/// resets what the cloud did since); the answer lists "Added" and "Kept"
/// ids per kind.
json applySeed(Store &S, const EmulatorOptions &Opts, const json &Doc,
               const std::string &NowIso, bool OnlyNew) {
  checkSeedShape(Doc);
  json Out = json::object();
  json Added = json::object(), Kept = json::object();
  if (Doc.contains("account")) {
    const json &A = Doc["account"];
    std::string KeyId = str(A, "AccessKeyId");
    if (OnlyNew && !KeyId.empty() && S.get("AccessKey", KeyId)) {
      Kept["account"].push_back(KeyId);
    } else {
      std::string Account =
          str(A, "AccountId", S.meta("account.id", "1234567890123456"));
      S.setMeta("account.id", Account);
      Out["AccessKey"] = putAccessKey(S, A, "", NowIso);
      Added["account"].push_back(Out["AccessKey"]["AccessKeyId"]);
    }
  }
  for (const SeedKind &K : SeedKinds) {
    int64_t N = 0;
    for (const json &Item : Doc.value(K.Key, json::array())) {
      std::string Id = Item.is_object() ? str(Item, K.IdField) : "";
      if (OnlyNew && !Id.empty() && S.get(K.StoreKind, Id)) {
        Kept[K.Key].push_back(Id);
        continue;
      }
      seedOne(S, Opts, K, Item, NowIso);
      Added[K.Key].push_back(Id);
      ++N;
    }
    Out[K.Key] = N;
  }
  Out["Added"] = Added;
  Out["Kept"] = Kept;
  return Out;
}

} // namespace

json handleAdmin(Store &S, const EmulatorOptions &Opts, int64_t NowMs,
                 const std::string &Method, const std::string &Path,
                 const json &Body, AdminHooks &Hooks) {
  llvm::SmallVector<llvm::StringRef, 6> Seg;
  llvm::StringRef(Path).split(Seg, '/', -1, false);
  // Seg[0] == "_emulator"
  std::string What = Seg.size() > 1 ? Seg[1].str() : "";
  bool Get = Method == "GET", Post = Method == "POST" || Method == "PUT";
  std::string NowIso = formatIso8601(NowMs / 1000);

  if (What == "health" && Get)
    return {{"Ok", true}};
  if (What == "account" && Post) {
    std::string Account =
        str(Body, "AccountId", S.meta("account.id", "1234567890123456"));
    S.setMeta("account.id", Account);
    json K = putAccessKey(S, Body, "", NowIso);
    return {{"AccountId", Account}, {"AccessKey", K}};
  }
  if (What == "account" && Get && Hooks.InProcess) {
    json Out = {{"AccountId", S.meta("account.id", "")}};
    for (auto &[Id, K] : S.list("AccessKey"))
      if (K.value("UserName", "").empty() &&
          K.value("Status", "") == "Active") {
        Out["AccessKey"] = K;
        break;
      }
    return Out;
  }
  if (What == "accesskeys" && Post && Seg.size() == 2) {
    std::string User = reqStr(Body, "UserName");
    if (!S.get("User", User))
      fail(Err::EntityNotExist, {"User", "user", User});
    return {{"AccessKey", putAccessKey(S, Body, User, NowIso)}};
  }
  if (What == "accesskeys" && Method == "DELETE" && Seg.size() == 3) {
    if (!S.erase("AccessKey", Seg[2].str()))
      fail(Err::EntityNotExist, {"AccessKey", "access key", Seg[2].str()});
    return json::object();
  }
  if (What == "vpcs" && Post)
    return {{"Vpc", seedVpc(S, Opts, Body)}};
  if (What == "vswitches" && Post)
    return {{"VSwitch", seedVSwitch(S, Opts, Body)}};
  if (What == "buckets" && Post)
    return {{"Bucket", seedBucket(S, Opts, Body)}};
  if (What == "orders" && Post)
    return {{"Order", seedOrder(S, Body)}};
  if (What == "clusters" && Post && Seg.size() == 4 &&
      Seg[3] == "engineversions")
    return {{"Cluster", forceEngineVersions(S, Seg[2].str(), Body)}};
  if (What == "advance" && Post) {
    int64_t Ms = num(Body, "Seconds", 0) * 1000 + num(Body, "Milliseconds", 0);
    if (Ms < 0)
      fail(Err::InvalidParameter, {"Seconds", "the clock only moves forward"});
    int64_t Offset = std::stoll(S.meta("clock.offset_ms", "0")) + Ms;
    S.setMeta("clock.offset_ms", std::to_string(Offset));
    settleClusters(S, NowMs + Ms);
    return {{"OffsetMs", Offset}};
  }
  if (What == "faults") {
    FaultSettings F = Hooks.Faults();
    if (Post) {
      F = parseFaults(Body, F);
      Hooks.SetFaults(F);
    }
    return {{"Seed", F.Seed},
            {"ThrottleRate", F.ThrottleRate},
            {"ErrorRate", F.ErrorRate},
            {"LatencyMs", F.LatencyMs}};
  }
  if (What == "kill" && Post) {
    Hooks.Kill(num(Body, "AfterRequests", 0));
    return {{"Armed", true}};
  }
  if (What == "state" && Get)
    return withoutSecrets(S.dump());
  if (What == "clusters" && Post && Seg.size() == 2)
    return {{"Cluster", seedCluster(S, Opts, Body, NowIso)}};
  if (What == "seed" && Post && Seg.size() == 2)
    return applySeed(S, Opts, Body, NowIso, /*OnlyNew=*/false);
  if (What == "seed" && Post && Seg.size() == 3 && Seg[2] == "new")
    return applySeed(S, Opts, Body, NowIso, /*OnlyNew=*/true);
  if (What == "counts" && Get) {
    json Out = json::object();
    for (auto &[Kind, N] : S.counts())
      Out[Kind] = N;
    return Out;
  }
  if (What == "reset" && Post) {
    S.clear();
    return json::object();
  }
  fail(Err::UnsupportedAction, {Method + " " + Path});
}

} // namespace rtc::emulator
