// The `/_emulator/...` admin endpoints.
#include "Admin.h"

#include "rtc/Emulator/DomainTables.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

#include <random>

namespace rtc::emulator {

namespace {

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

std::string randomSecret(Store &S, const char *Kind, size_t Length) {
  // Seeded from a persistent counter: unique, and reproducible per database.
  std::mt19937_64 Rng(static_cast<uint64_t>(S.nextSequence(Kind)) * 7919u);
  static const char Alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string Out;
  for (size_t I = 0; I < Length; ++I)
    Out.push_back(Alphabet[Rng() % (sizeof(Alphabet) - 1)]);
  return Out;
}

json putAccessKey(Store &S, const json &B, const std::string &User,
                  const std::string &NowIso) {
  std::string Id = str(B, "AccessKeyId");
  if (Id.empty())
    Id = "LTAI" + randomSecret(S, "AccessKeyId", 16);
  std::string Secret = str(B, "AccessKeySecret");
  if (Secret.empty())
    Secret = randomSecret(S, "AccessKeySecret", 30);
  if (auto Old = S.get("AccessKey", Id); Old && Old->value("UserName", "") != User)
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
    Zones.push_back(Z.is_string() ? json{{"ZoneId", Z}, {"EcsStock", true}}
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
  json O = {{"OrderId", Id},
            {"Mode", Mode},
            {"Cu", num(B, "Cu", 0)},
            {"MasterModel", str(B, "MasterModel", "8c32g")},
            {"MasterCount", num(B, "MasterCount", 3)},
            {"SlaveModel", str(B, "SlaveModel", "8c32g")},
            {"SlaveCount", num(B, "SlaveCount", 2)},
            {"UsedBy", str(B, "UsedBy")}};
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
  (*Cl)["CurrentEngineVersion"] = str(B, "Current", L[0]["Version"].get<std::string>());
  S.put("Cluster", Id, *Cl);
  return *Cl;
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
    std::string Account = str(Body, "AccountId", S.meta("account.id", "1234567890123456"));
    S.setMeta("account.id", Account);
    json K = putAccessKey(S, Body, "", NowIso);
    return {{"AccountId", Account}, {"AccessKey", K}};
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
  if (What == "vswitches" && Post) {
    std::string Vpc = reqStr(Body, "VpcId");
    if (!S.get("Vpc", Vpc))
      fail(Err::VpcNotFound, {Vpc, Opts.Region});
    json Sw = {{"VSwitchId", reqStr(Body, "VSwitchId")},
               {"VpcId", Vpc},
               {"ZoneId", reqStr(Body, "ZoneId")},
               {"FreeIps", num(Body, "FreeIps", 100)}};
    S.put("VSwitch", Sw["VSwitchId"], Sw);
    return {{"VSwitch", Sw}};
  }
  if (What == "buckets" && Post) {
    json Bk = {{"Name", reqStr(Body, "Name")},
               {"StorageClass", str(Body, "StorageClass", "Standard")},
               {"Acl", str(Body, "Acl", "private")},
               {"RegionId", str(Body, "RegionId", Opts.Region)}};
    S.put("Bucket", Bk["Name"], Bk);
    return {{"Bucket", Bk}};
  }
  if (What == "orders" && Post)
    return {{"Order", seedOrder(S, Body)}};
  if (What == "clusters" && Post && Seg.size() == 4 && Seg[3] == "engineversions")
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
      F.Seed = static_cast<uint64_t>(num(Body, "Seed", static_cast<int64_t>(F.Seed)));
      if (Body.contains("ThrottleRate"))
        F.ThrottleRate = Body["ThrottleRate"].get<double>();
      if (Body.contains("ErrorRate"))
        F.ErrorRate = Body["ErrorRate"].get<double>();
      F.LatencyMs = static_cast<unsigned>(num(Body, "LatencyMs", F.LatencyMs));
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
    return S.dump();
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
