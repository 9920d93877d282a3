// Realtime Compute (foas 2018-11-11, ROA): clusters, engine versions,
// projects and jobs, with the rules of docs/service.md#deployment-modes, docs/service.md#shared-role, docs/service.md#cluster-sizing, docs/service.md#engine-versions.
#include "ServiceContext.h"

#include "rtc/Diag/Diagnostic.h"
#include "rtc/Diag/EditDistance.h"
#include "rtc/Domain/DomainFacts.h"
#include "rtc/Emulator/DomainTables.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <regex>

namespace rtc::emulator {

using cloud::ParamMap;

namespace {

const char *Running = "running";
const char *Starting = "starting";
const char *Deploying = "deploying version"; // docs/service.md#engine-versions

struct Call {
  ServiceContext &C;
  const ParamMap &Query;
  const json &Body;

  /// A request field from the JSON body, else from the query string.
  std::optional<json> field(const char *Name) const {
    if (Body.is_object() && Body.contains(Name) && !Body[Name].is_null())
      return Body[Name];
    auto It = Query.find(Name);
    if (It != Query.end())
      return json(It->second);
    return std::nullopt;
  }
  std::string str(const char *Name, const std::string &Default = "") const {
    auto F = field(Name);
    if (!F)
      return Default;
    return F->is_string() ? F->get<std::string>() : F->dump();
  }
  std::string reqStr(const char *Name) const {
    std::string V = str(Name);
    if (V.empty())
      fail(Err::MissingParameter, {Name});
    return V;
  }
  std::optional<int64_t> integer(const char *Name) const {
    auto F = field(Name);
    if (!F)
      return std::nullopt;
    if (F->is_number_integer())
      return F->get<int64_t>();
    int64_t N = 0;
    if (F->is_string() && llvm::to_integer(F->get<std::string>(), N))
      return N;
    fail(Err::InvalidParameter, {Name, "expected an integer"});
  }
};

//--- Clusters ---------------------------------------------------------------

const sizing::MachineTables &machines() {
  return domain::embeddedFacts().Machines;
}

int64_t minSlaves() { return machines().MinSlaves; }

/// errors.rtc's text \p Key, placeholders filled.
std::string serviceText(llvm::StringRef Key,
                        const std::map<std::string, std::string> &Args = {}) {
  return domain::embeddedFacts().errorText(Key, Args);
}

/// errors.rtc's error_codes entry for \p Key, as the answer's Code.
std::string serviceCode(llvm::StringRef Key) {
  return std::to_string(domain::embeddedFacts().errorCode(Key));
}

/// errors.rtc writes `blink-{version}`: the version without its prefix.
std::string withoutBlink(llvm::StringRef V) {
  V.consume_front("blink-");
  return V.str();
}

std::string slaveModelNames() {
  std::string Out;
  for (const sizing::SlaveModel &M : machines().Slaves)
    Out += (Out.empty() ? "" : " ") + M.Name;
  return Out;
}

/// What `rtcc check` says of a master model outside master_models (the
/// schema's `enum = keys(master_models)`: RTC0231, or RTC0232 with a close
/// match), so the emulator and check refuse it in the same words. The
/// models are listed in the table's key order, as check lists them.
std::string unknownMasterModelText(const std::string &Name) {
  std::vector<std::string> Names;
  for (const sizing::MasterModel &M : machines().Masters)
    Names.push_back(M.Name);
  std::sort(Names.begin(), Names.end());
  std::string Quoted;
  for (const std::string &N : Names)
    Quoted += (Quoted.empty() ? "\"" : ", \"") + N + "\"";
  std::string Found = "\"" + Name + "\"";
  if (auto Best = closestMatch(Name, Names))
    return diag::formatMessage(
        diag::getInfo(diag::err_not_in_enum_suggest).Format,
        {"model", Quoted, Found, "\"" + *Best + "\""});
  return diag::formatMessage(diag::getInfo(diag::err_not_in_enum).Format,
                             {"model", Quoted, Found});
}

int64_t usableCu(const json &Cluster) {
  const sizing::SlaveModel *M =
      machines().findSlave(Cluster["Slave"].value("Model", ""));
  return M ? M->UsableCu * Cluster["Slave"].value("Count", 0) : 0;
}

const sizing::SlaveModel &slaveModel(const std::string &Name) {
  const sizing::SlaveModel *M = machines().findSlave(Name);
  if (!M)
    fail(Err::UnknownModel, {Name, slaveModelNames()});
  return *M;
}

/// machines.rtc's master_models; an unknown one is refused with the text
/// `rtcc check` gives (RTC0231/RTC0232), so both say the same.
const sizing::MasterModel &masterModel(const std::string &Name) {
  const sizing::MasterModel *M = machines().findMaster(Name);
  if (!M)
    fail(Err::UnknownMasterModel, {unknownMasterModelText(Name)});
  return *M;
}

/// "1 or 3": the master counts machines.rtc's order_purchase sells.
std::string soldMasterCounts() {
  std::string Out;
  const std::vector<unsigned> &Counts =
      domain::embeddedFacts().OrderMasterCounts;
  for (size_t I = 0; I < Counts.size(); ++I)
    Out += (I == 0                   ? ""
            : I + 1 == Counts.size() ? " or "
                                     : ", ") +
           std::to_string(Counts[I]);
  return Out;
}

/// A cluster runs between the fewest and the most masters an order sells.
void checkMasterCount(int64_t Masters) {
  const domain::DomainFacts &F = domain::embeddedFacts();
  if (Masters < static_cast<int64_t>(F.fewestMasters()) ||
      Masters > static_cast<int64_t>(F.mostMasters()))
    fail(Err::InvalidMasterCount,
         {std::to_string(Masters), std::to_string(F.fewestMasters()),
          std::to_string(F.mostMasters())});
}

void checkMasterCap(const std::string &MasterModel, int64_t Usable) {
  const sizing::MasterModel &M = masterModel(MasterModel);
  if (M.MaxClusterCu && Usable > static_cast<int64_t>(*M.MaxClusterCu))
    fail(Err::MasterCapExceeded,
         {std::to_string(Usable), std::to_string(*M.MaxClusterCu), M.Name});
}

json needCluster(ServiceContext &C, const std::string &Id) {
  auto Cl = C.S.get("Cluster", Id);
  if (!Cl)
    fail(Err::EntityNotExist, {"Cluster", "cluster", Id});
  return *Cl;
}

void needRunning(const json &Cl) {
  if (Cl.value("State", "") != Running)
    fail(Err::ClusterNotRunning, {Cl.value("ClusterId", ""), Cl.value("State", "")});
}

int64_t projectCuOn(Store &S, const std::string &ClusterId,
                    const std::string &Except = "") {
  int64_t Sum = 0;
  for (auto &[Name, P] : S.list("Project"))
    if (P.value("ClusterId", "") == ClusterId && Name != Except)
      Sum += P.value("Cu", 0);
  return Sum;
}

void changeFreeIps(Store &S, const std::string &VSwitch, int64_t Delta) {
  if (auto V = S.get("VSwitch", VSwitch)) {
    (*V)["FreeIps"] = V->value("FreeIps", 0) + Delta;
    S.put("VSwitch", VSwitch, *V);
  }
}

std::string newClusterId(ServiceContext &C) {
  // Deterministic for a given seed, unique across restarts.
  uint64_t N = static_cast<uint64_t>(C.S.nextSequence("Cluster"));
  uint64_t H = (N * 0x9E3779B97F4A7C15ULL) ^ C.Opts.Seed;
  return "cls-" + llvm::utohexstr(H & 0xffffffffffULL, /*LowerCase=*/true);
}

json addSlaves(json &Cl, int64_t Count) {
  json &Ids = Cl["Slave"]["InstanceIds"];
  for (int64_t I = 0; I < Count; ++I) {
    int64_t N = Cl.value("NextInstance", 1);
    Cl["NextInstance"] = N + 1;
    Ids.push_back(Cl.value("ClusterId", "") + "-slave-" + std::to_string(N));
  }
  Cl["Slave"]["Count"] = Ids.size();
  return Cl;
}

json createCluster(Call R) {
  ServiceContext &C = R.C;
  C.authorize("stream:CreateCluster", C.streamArn("cluster/*"));
  std::string OrderId = R.reqStr("orderId");
  std::string Name = R.reqStr("displayName");
  std::string Zone = R.reqStr("zoneId");
  std::string VpcRef = R.reqStr("userVpcId");
  std::string VSwitch = R.reqStr("userVSwitch");
  std::string Bucket = R.reqStr("userOssBucket");

  auto Order = C.S.get("Order", OrderId);
  if (!Order)
    fail(Err::OrderNotFound, {OrderId});
  if (Order->value("Mode", "") != "exclusive")
    fail(Err::OrderWrongMode, {OrderId, Order->value("Mode", ""), "a cluster", "exclusive"});
  if (!Order->value("UsedBy", "").empty())
    fail(Err::OrderAlreadyUsed, {OrderId, Order->value("UsedBy", "")});

  // Sizes come from the order; the request may restate them (extension).
  std::string MasterModel = R.str("masterModel", Order->value("MasterModel", "8c32g"));
  std::string SlaveModel = R.str("slaveModel", Order->value("SlaveModel", "8c32g"));
  int64_t Masters = R.integer("masterCount").value_or(Order->value("MasterCount", 3));
  int64_t Slaves = R.integer("slaveCount").value_or(Order->value("SlaveCount", 2));
  const sizing::SlaveModel &SM = slaveModel(SlaveModel);
  masterModel(MasterModel);
  if (Slaves < minSlaves())
    fail(Err::TooFewSlaves,
         {std::to_string(minSlaves()), std::to_string(Slaves)});
  checkMasterCount(Masters);
  checkMasterCap(MasterModel, SM.UsableCu * Slaves);

  // docs/service.md#deployment-modes: the user-edited VPC name is what is recognised; accept the id too.
  std::optional<json> Vpc = C.S.get("Vpc", VpcRef);
  if (!Vpc)
    for (auto &[Id, V] : C.S.list("Vpc"))
      if (V.value("VpcName", "") == VpcRef)
        Vpc = V;
  if (!Vpc || Vpc->value("RegionId", C.Opts.Region) != C.Opts.Region)
    fail(Err::VpcNotFound, {VpcRef, C.Opts.Region});
  std::string VpcId = Vpc->value("VpcId", "");
  bool Offered = false;
  for (const json &Z : Vpc->value("Zones", json::array()))
    if (Z.value("ZoneId", "") == Zone) {
      Offered = true;
      if (!Z.value("EcsStock", true))
        fail(Err::ZoneOutOfStock, {Zone});
    }
  if (!Offered)
    fail(Err::ZoneNotOffered, {Zone, VpcRef});
  auto VSw = C.S.get("VSwitch", VSwitch);
  if (!VSw || VSw->value("VpcId", "") != VpcId || VSw->value("ZoneId", "") != Zone)
    fail(Err::VSwitchNotFound, {VSwitch, VpcRef, Zone});
  int64_t Nodes = Masters + Slaves;
  if (VSw->value("FreeIps", 0) < Nodes)
    fail(Err::VSwitchIpsInsufficient, {VSwitch, std::to_string(VSw->value("FreeIps", 0)),
                                       std::to_string(Nodes)});
  auto Oss = C.S.get("Bucket", Bucket);
  if (!Oss)
    fail(Err::BucketNotFound, {Bucket});
  if (Oss->value("StorageClass", "Standard") != "Standard")
    fail(Err::BucketNotStandard, {Bucket, Oss->value("StorageClass", "")});
  if (Oss->value("Acl", "private") == "public-read" ||
      Oss->value("Acl", "private") == "public-read-write")
    fail(Err::BucketPublicRead, {Bucket});

  std::string Engine =
      R.str("engineVersion", domain::embeddedFacts().stableEngineVersion());
  std::string Id = newClusterId(C);
  auto Delay = static_cast<int64_t>(
      std::llround(domain::embeddedFacts().ClusterCreationMinutes * 60000.0 *
                   C.Opts.TimeScale));
  json Cl = {{"ClusterId", Id},
             {"DisplayName", Name},
             {"Description", R.str("description")},
             {"OrderId", OrderId},
             {"RegionId", C.Opts.Region},
             {"ZoneId", Zone},
             {"UserVpcId", VpcId},
             {"UserVSwitch", VSwitch},
             {"UserOssBucket", Bucket},
             {"UserSGId", "sg-" + Id.substr(4)},
             {"State", Starting},
             {"ReadyAtMs", C.NowMs + Delay},
             {"CreateTime", C.nowIso()},
             {"Master", {{"Model", MasterModel}, {"Count", Masters}}},
             {"Slave", {{"Model", SlaveModel}, {"Count", 0}, {"InstanceIds", json::array()}}},
             {"EngineVersions", {{{"Version", Engine}, {"Status", "installed"}}}},
             {"CurrentEngineVersion", Engine},
             {"Owner", C.Who.UserName}};
  addSlaves(Cl, Slaves);
  C.S.put("Cluster", Id, Cl);
  changeFreeIps(C.S, VSwitch, -Nodes);
  (*Order)["UsedBy"] = Id;
  C.S.put("Order", OrderId, *Order);
  return {{"ClusterId", Id}};
}

json clusterView(const json &Cl) {
  json V = Cl;
  V.erase("ReadyAtMs");
  V.erase("NextInstance");
  V.erase("Install");
  V["UsableCu"] = usableCu(Cl);
  V["MasterInstanceInfos"] = {{"MasterInstanceInfo",
                               {{{"Model", Cl["Master"]["Model"]},
                                 {"Count", Cl["Master"]["Count"]}}}}};
  json Slaves = json::array();
  for (const json &I : Cl["Slave"]["InstanceIds"])
    Slaves.push_back({{"InstanceId", I}, {"Model", Cl["Slave"]["Model"]}});
  V["SlaveInstanceInfos"] = {{"SlaveInstanceInfo", Slaves}};
  return V;
}

json getClusterDetails(Call R, const std::string &Id) {
  R.C.authorize("stream:GetClusterDetails", R.C.streamArn("cluster/" + Id));
  return {{"Details", clusterView(needCluster(R.C, Id))}};
}

/// One page of a foas list (`pageIndex` from 1, `pageSize` 1-100) in the
/// service's shape: {PageIndex, PageSize, TotalCount, Outer: {Inner: [...]}}.
/// The first index is computed by division, never by multiplying the
/// caller's pageIndex, so a huge index is an empty page, not an overflow.
json pagedList(Call R, json All, const char *Outer, const char *Inner) {
  int64_t PageIndex = R.integer("pageIndex").value_or(1);
  int64_t PageSize = R.integer("pageSize").value_or(50);
  if (PageIndex < 1 || PageSize < 1 || PageSize > 100)
    fail(Err::InvalidParameter, {"pageIndex/pageSize", "pageIndex >= 1, pageSize 1-100"});
  uint64_t PagesBefore = static_cast<uint64_t>(PageIndex - 1);
  uint64_t Size = static_cast<uint64_t>(PageSize);
  json Page = json::array();
  if (PagesBefore < All.size() / Size + 1)
    for (uint64_t I = PagesBefore * Size; I < All.size() && Page.size() < Size; ++I)
      Page.push_back(std::move(All[I]));
  return {{"PageIndex", PageIndex},
          {"PageSize", PageSize},
          {"TotalCount", All.size()},
          {Outer, {{Inner, std::move(Page)}}}};
}

json listCluster(Call R) {
  R.C.authorize("stream:ListCluster", R.C.streamArn("cluster/*"));
  std::string Name = R.str("displayName"), Id = R.str("clusterId"),
              Region = R.str("region");
  json All = json::array();
  for (auto &[Cid, Cl] : R.C.S.list("Cluster")) {
    if ((!Name.empty() && Cl.value("DisplayName", "") != Name) ||
        (!Id.empty() && Cid != Id) ||
        (!Region.empty() && Cl.value("RegionId", "") != Region))
      continue;
    All.push_back(clusterView(Cl));
  }
  return pagedList(R, std::move(All), "Clusters", "Cluster");
}

json destroyCluster(Call R, const std::string &Id) {
  R.C.authorize("stream:DestroyCluster", R.C.streamArn("cluster/" + Id));
  json Cl = needCluster(R.C, Id);
  for (auto &[Name, P] : R.C.S.list("Project"))
    if (P.value("ClusterId", "") == Id)
      fail(Err::ClusterHasProjects, {Id, Name});
  changeFreeIps(R.C.S, Cl.value("UserVSwitch", ""),
                Cl["Master"].value("Count", 0) + Cl["Slave"].value("Count", 0));
  R.C.S.erase("Cluster", Id);
  return json::object();
}

json expandCluster(Call R, const std::string &Id) {
  R.C.authorize("stream:ExpandCluster", R.C.streamArn("cluster/" + Id));
  json Cl = needCluster(R.C, Id);
  needRunning(Cl);
  int64_t Count = R.integer("count").value_or(0);
  if (Count < 1)
    fail(Err::InvalidParameter, {"count", "must be at least 1"});
  std::string SlaveModel = Cl["Slave"].value("Model", "");
  std::string Model = R.str("model", SlaveModel);
  slaveModel(Model);
  // docs/service.md#cluster-sizing: the slave model fixes the scaling step.
  if (Model != SlaveModel)
    fail(Err::ScaleModelMismatch, {Id, SlaveModel, Model});
  std::string VSwitch = R.str("userVSwitch", Cl.value("UserVSwitch", ""));
  auto VSw = R.C.S.get("VSwitch", VSwitch);
  if (!VSw || VSw->value("VpcId", "") != Cl.value("UserVpcId", ""))
    fail(Err::VSwitchNotFound, {VSwitch, Cl.value("UserVpcId", ""), Cl.value("ZoneId", "")});
  if (VSw->value("FreeIps", 0) < Count)
    fail(Err::VSwitchIpsInsufficient, {VSwitch, std::to_string(VSw->value("FreeIps", 0)),
                                       std::to_string(Count)});
  int64_t NewUsable =
      slaveModel(Model).UsableCu * (Cl["Slave"].value("Count", 0) + Count);
  checkMasterCap(Cl["Master"].value("Model", ""), NewUsable);
  addSlaves(Cl, Count);
  R.C.S.put("Cluster", Id, Cl);
  // Slaves added on another vSwitch are still released to the cluster's one
  // on destroy; the emulator keeps a single vSwitch per cluster.
  changeFreeIps(R.C.S, VSwitch, -Count);
  return {{"ClusterId", Id}, {"UsableCu", NewUsable}};
}

json shrinkCluster(Call R, const std::string &Id) {
  R.C.authorize("stream:ShrinkCluster", R.C.streamArn("cluster/" + Id));
  json Cl = needCluster(R.C, Id);
  needRunning(Cl);
  json Ids = Cl["Slave"]["InstanceIds"];
  std::vector<std::string> Remove;
  if (auto F = R.field("instanceIds")) {
    if (F->is_array()) {
      for (const json &E : *F)
        Remove.push_back(E.get<std::string>());
    } else {
      llvm::SmallVector<llvm::StringRef, 8> Parts;
      std::string Text = F->get<std::string>();
      llvm::StringRef(Text).split(Parts, ',', -1, false);
      for (llvm::StringRef P : Parts)
        Remove.push_back(P.trim().str());
    }
  }
  std::optional<int64_t> Target;
  if (auto F = R.field("modelTargetCount")) {
    json T = *F;
    if (T.is_string())
      T = json::parse(T.get<std::string>(), nullptr, false);
    if (T.is_number_integer())
      Target = T.get<int64_t>();
    else if (T.is_object() && T.contains(Cl["Slave"].value("Model", "")))
      Target = T[Cl["Slave"].value("Model", "")].get<int64_t>();
    else
      fail(Err::InvalidParameter, {"modelTargetCount", "expected {\"<model>\": count}"});
  }
  for (const std::string &I : Remove)
    if (std::find(Ids.begin(), Ids.end(), I) == Ids.end())
      fail(Err::UnknownInstance, {Id, I});
  int64_t Current = Ids.size();
  int64_t NewCount = Target.value_or(Current - static_cast<int64_t>(Remove.size()));
  if (NewCount < minSlaves())
    fail(Err::TooFewSlaves,
         {std::to_string(minSlaves()), std::to_string(NewCount)});
  if (NewCount > Current)
    fail(Err::InvalidParameter, {"modelTargetCount", "shrinking cannot add slaves"});
  int64_t NewUsable =
      slaveModel(Cl["Slave"].value("Model", "")).UsableCu * NewCount;
  int64_t Used = projectCuOn(R.C.S, Id);
  if (Used > NewUsable)
    fail(Err::ProjectCuExceeded, {Id, std::to_string(Used), std::to_string(NewUsable)});
  // Named instances go first, then the newest ones.
  json Kept = json::array();
  for (const json &I : Ids)
    if (std::find(Remove.begin(), Remove.end(), I.get<std::string>()) == Remove.end())
      Kept.push_back(I);
  while (static_cast<int64_t>(Kept.size()) > NewCount)
    Kept.erase(Kept.size() - 1);
  Cl["Slave"]["InstanceIds"] = Kept;
  Cl["Slave"]["Count"] = NewCount;
  R.C.S.put("Cluster", Id, Cl);
  changeFreeIps(R.C.S, Cl.value("UserVSwitch", ""), Current - NewCount);
  return {{"ClusterId", Id}, {"UsableCu", NewUsable}};
}

json modifyMasterSpec(Call R, const std::string &Id) {
  R.C.authorize("stream:ModifyMasterSpec", R.C.streamArn("cluster/" + Id));
  json Cl = needCluster(R.C, Id);
  needRunning(Cl);
  int64_t Masters = Cl["Master"].value("Count", 0);
  for (const char *CountField : {"masterTargetCount", "masterCount"})
    if (auto N = R.integer(CountField); N && *N != Masters)
      fail(Err::MasterCountImmutable, {Id, std::to_string(Masters)});
  std::string Target = R.reqStr("masterTargetModel");
  checkMasterCap(Target, usableCu(Cl));
  Cl["Master"]["Model"] = Target;
  R.C.S.put("Cluster", Id, Cl);
  return {{"ClusterId", Id}};
}

//--- Engine versions (docs/service.md#engine-versions) -----------------------------------------

bool validEngineName(const std::string &V) {
  return domain::embeddedFacts().isEngineVersionName(V);
}

json *findVersion(json &Cl, const std::string &V) {
  for (json &E : Cl["EngineVersions"])
    if (E.value("Version", "") == V)
      return &E;
  return nullptr;
}

bool installed(const json &Cl, const std::string &V) {
  for (const json &E : Cl["EngineVersions"])
    if (E.value("Version", "") == V && E.value("Status", "") == "installed")
      return true;
  return false;
}

json getEngineVersions(Call R, const std::string &Id) {
  R.C.authorize("stream:GetClusterEngineVersions", R.C.streamArn("cluster/" + Id));
  json Cl = needCluster(R.C, Id);
  json L = json::array();
  for (const json &E : Cl["EngineVersions"])
    L.push_back({{"Version", E["Version"]},
                 {"Status", E["Status"]},
                 {"IsCurrent", E["Version"] == Cl["CurrentEngineVersion"]}});
  return {{"ClusterId", Id},
          {"ClusterState", Cl["State"]},
          {"CurrentVersion", Cl["CurrentEngineVersion"]},
          {"EngineVersions", {{"EngineVersion", L}}}};
}

json installEngine(Call R, const std::string &Id, const std::string &V) {
  R.C.authorize("stream:InstallEngineVersion", R.C.streamArn("cluster/" + Id));
  json Cl = needCluster(R.C, Id);
  if (!validEngineName(V))
    fail(Err::InvalidEngineVersion,
         {V, domain::embeddedFacts().EngineVersionPattern});
  if (Cl.value("State", "") == Deploying)
    fail(Err::EngineDeploying, {Id, Cl["Install"].value("Version", "")});
  needRunning(Cl);
  if (findVersion(Cl, V))
    fail(Err::EngineAlreadyInstalled,
         {serviceText("version_already_installed",
                      {{"version", withoutBlink(V)}})});
  if (Cl["EngineVersions"].size() >=
      domain::embeddedFacts().MaxInstalledVersions)
    fail(Err::EngineLimit,
         {domain::embeddedFacts().errorText("versions_exceeded")});
  auto Delay = static_cast<int64_t>(std::llround(
      domainLimits().EngineInstallSeconds * 1000.0 * R.C.Opts.TimeScale));
  Cl["EngineVersions"].push_back({{"Version", V}, {"Status", "installing"}});
  Cl["State"] = Deploying;
  Cl["Install"] = {{"Version", V}, {"DoneAtMs", R.C.NowMs + Delay}};
  R.C.S.put("Cluster", Id, Cl);
  return {{"ClusterId", Id}, {"Version", V}, {"ClusterState", Deploying}};
}

json uninstallEngine(Call R, const std::string &Id, const std::string &V) {
  R.C.authorize("stream:UninstallEngineVersion", R.C.streamArn("cluster/" + Id));
  json Cl = needCluster(R.C, Id);
  if (Cl.value("State", "") == Deploying)
    fail(Err::EngineDeploying, {Id, Cl["Install"].value("Version", "")});
  if (!findVersion(Cl, V))
    fail(Err::EngineNotInstalled, {V, Id});
  if (Cl.value("CurrentEngineVersion", "") == V)
    fail(Err::EngineIsCurrent, {V, Id});
  for (auto &[Key, J] : R.C.S.list("Job"))
    if (J.value("ClusterId", "") == Id && J.value("EngineVersion", "") == V &&
        J.value("Status", "") != "OFFLINE")
      fail(Err::EngineInUse,
           {serviceText("version_still_referenced",
                        {{"node", J.value("JobName", "")},
                         {"project", J.value("ProjectName", "")},
                         {"blink_version", V}})});
  json Kept = json::array();
  for (const json &E : Cl["EngineVersions"])
    if (E.value("Version", "") != V)
      Kept.push_back(E);
  Cl["EngineVersions"] = Kept;
  R.C.S.put("Cluster", Id, Cl);
  return {{"ClusterId", Id}};
}

json setCurrentEngine(Call R, const std::string &Id, const std::string &V) {
  R.C.authorize("stream:SetCurrentEngineVersion", R.C.streamArn("cluster/" + Id));
  json Cl = needCluster(R.C, Id);
  if (!installed(Cl, V))
    fail(Err::EngineNotInstalled, {V, Id});
  Cl["CurrentEngineVersion"] = V;
  R.C.S.put("Cluster", Id, Cl);
  return {{"ClusterId", Id}, {"CurrentVersion", V}};
}

//--- Projects ---------------------------------------------------------------

bool validProjectName(const std::string &N) {
  // docs/service.md#name-rules: 3-64 chars, lower-case letters, digits, _, starting with a letter.
  static const std::regex Re("[a-z][a-z0-9_]{2,63}");
  return std::regex_match(N, Re);
}

json needProject(ServiceContext &C, const std::string &Name) {
  auto P = C.S.get("Project", Name);
  if (!P)
    fail(Err::EntityNotExist, {"Project", "project", Name});
  return *P;
}

/// docs/service.md#shared-role: a sub-account managing projects needs ram:PassRole.
void needPassRole(ServiceContext &C) {
  if (!C.allowed("ram:PassRole",
                 C.ramArn("role/" + llvm::StringRef(domainLimits().StreamRoleName).lower())))
    fail(Err::NoPassRole,
         {serviceText("no_pass_role"), serviceCode("no_pass_role")});
}

int64_t projectCu(const Call &R) {
  auto Cu = R.integer("cu");
  if (!Cu)
    fail(Err::MissingParameter, {"cu"});
  if (*Cu < 1)
    fail(Err::InvalidParameter, {"cu", "must be at least 1"});
  return *Cu;
}

void checkCuFits(ServiceContext &C, const json &Cl, const std::string &Project,
                 int64_t Cu) {
  std::string Id = Cl.value("ClusterId", "");
  int64_t Sum = projectCuOn(C.S, Id, Project) + Cu;
  if (Sum > usableCu(Cl))
    fail(Err::ProjectCuExceeded, {Id, std::to_string(Sum), std::to_string(usableCu(Cl))});
}

json createProject(Call R) {
  ServiceContext &C = R.C;
  std::string Name = R.reqStr("name");
  C.authorize("stream:CreateProject", C.streamArn(Name));
  if (!validProjectName(Name))
    fail(Err::InvalidProjectName, {Name});
  std::string Deploy = R.str("deployType", "cell");
  if (Deploy != "cell" && Deploy != "public")
    fail(Err::InvalidDeployType, {Deploy});
  // docs/service.md#deployment-modes: only the main account creates shared-mode projects.
  if (Deploy == "public" && !C.Who.isMainAccount())
    fail(Err::MainAccountOnly, {"create a shared-mode project"});
  needPassRole(C);
  if (C.S.get("Project", Name))
    fail(Err::EntityAlreadyExists, {"Project", "project", Name});

  json P = {{"Name", Name},
            {"DeployType", Deploy},
            {"Description", R.str("description")},
            {"ManagerIds", R.str("managerIds")},
            {"RegionId", C.Opts.Region},
            {"State", "running"},
            {"CreateTime", C.nowIso()},
            {"Owner", C.Who.UserName}};
  if (Deploy == "cell") {
    std::string ClusterId = R.reqStr("clusterId");
    json Cl = needCluster(C, ClusterId);
    needRunning(Cl);
    // Published CreateProject has no `cu`: the CU comes from the queue bound
    // with BindQueue. A `cu` field is still honoured (emulator extension).
    int64_t Cu = 0;
    if (R.field("cu")) {
      Cu = projectCu(R);
      checkCuFits(C, Cl, Name, Cu);
    }
    P["ClusterId"] = ClusterId;
    P["Cu"] = Cu;
    P["OrderId"] = Cl.value("OrderId", "");
  } else {
    std::string OrderId = R.reqStr("orderId");
    auto Order = C.S.get("Order", OrderId);
    if (!Order)
      fail(Err::OrderNotFound, {OrderId});
    if (Order->value("Mode", "") != "shared")
      fail(Err::OrderWrongMode, {OrderId, Order->value("Mode", ""), "a shared-mode project", "shared"});
    if (!Order->value("UsedBy", "").empty())
      fail(Err::OrderAlreadyUsed, {OrderId, Order->value("UsedBy", "")});
    (*Order)["UsedBy"] = "project/" + Name;
    C.S.put("Order", OrderId, *Order);
    P["ClusterId"] = "";
    P["Cu"] = Order->value("Cu", 0);
    P["OrderId"] = OrderId;
  }
  C.S.put("Project", Name, P);
  return {{"Project", P}};
}

json getProject(Call R, const std::string &Name) {
  R.C.authorize("stream:GetProject", R.C.streamArn(Name));
  return {{"Project", needProject(R.C, Name)}};
}

json listProject(Call R) {
  R.C.authorize("stream:ListProject", R.C.streamArn("*"));
  std::string ClusterId = R.str("clusterId"), Deploy = R.str("deployType"),
              Name = R.str("name");
  json All = json::array();
  for (auto &[N, P] : R.C.S.list("Project"))
    if ((ClusterId.empty() || P.value("ClusterId", "") == ClusterId) &&
        (Deploy.empty() || P.value("DeployType", "") == Deploy) &&
        (Name.empty() || N == Name))
      All.push_back(P);
  return pagedList(R, std::move(All), "Projects", "Project");
}

json updateProject(Call R, const std::string &Name) {
  R.C.authorize("stream:UpdateProject", R.C.streamArn(Name));
  json P = needProject(R.C, Name);
  needPassRole(R.C);
  if (R.field("cu")) {
    int64_t Cu = projectCu(R);
    if (P.value("DeployType", "") != "cell")
      fail(Err::InvalidParameter, {"cu", "a shared-mode project's CU comes from its order"});
    json Cl = needCluster(R.C, P.value("ClusterId", ""));
    checkCuFits(R.C, Cl, Name, Cu);
    P["Cu"] = Cu;
  }
  if (auto D = R.field("description"))
    P["Description"] = R.str("description");
  if (R.field("managerIds"))
    P["ManagerIds"] = R.str("managerIds");
  R.C.S.put("Project", Name, P);
  return {{"Project", P}};
}

json deleteProject(Call R, const std::string &Name) {
  R.C.authorize("stream:DeleteProject", R.C.streamArn(Name));
  needProject(R.C, Name);
  needPassRole(R.C);
  for (auto &[Key, J] : R.C.S.list("Job", Name + "/"))
    fail(Err::ProjectHasJobs, {Name, J.value("JobName", "")});
  R.C.S.erase("Project", Name);
  return json::object();
}

//--- Jobs -------------------------------------------------------------------

std::string jobKey(const std::string &Project, const std::string &Job) {
  return Project + "/" + Job;
}

json needJob(ServiceContext &C, const std::string &Project, const std::string &Job) {
  auto J = C.S.get("Job", jobKey(Project, Job));
  if (!J)
    fail(Err::EntityNotExist, {"Job", "job", Project + "/" + Job});
  return *J;
}

/// docs/service.md#engine-versions: a job on a version the cluster does not have fails with 30006.
void checkEngineInstalled(ServiceContext &C, const json &Job) {
  std::string ClusterId = Job.value("ClusterId", "");
  if (ClusterId.empty())
    return; // shared mode: the service runs every version
  json Cl = needCluster(C, ClusterId);
  std::string V = Job.value("EngineVersion", "");
  if (!installed(Cl, V))
    fail(Err::EngineScriptMissing,
         {serviceText("blink_script_not_exist", {{"version", withoutBlink(V)}}),
          serviceCode("blink_script_not_exist")});
}

json jobView(ServiceContext &C, json J) {
  // docs/service.md#shared-role: without AliyunStreamDefaultRole running jobs lose access
  // to their upstream and downstream storage until the role is back.
  bool RoleExists = C.S.get("Role", domainLimits().StreamRoleName).has_value();
  if (J.value("Status", "") == "RUNNING" && !RoleExists) {
    J["StorageAccess"] = "LOST";
    J["LastErrorMessage"] =
        std::string("lost access to upstream and downstream storage: role ") +
        domainLimits().StreamRoleName + " does not exist";
  } else {
    J["StorageAccess"] = "OK";
  }
  return J;
}

/// `code` is the published name of the SQL text; `sqlCode` is the emulator's
/// older spelling, still read when `code` is absent.
const char *JobFields[][2] = {
    {"queueName", "QueueName"},
    {"jobType", "JobType"},       {"description", "Description"},
    {"planJson", "PlanJson"},     {"properties", "Properties"},
    {"folderId", "FolderId"},     {"packages", "Packages"},
};

json createJob(Call R, const std::string &Project, std::string Name) {
  ServiceContext &C = R.C;
  if (Name.empty())
    Name = R.reqStr("jobName");
  C.authorize("stream:CreateJob", C.streamArn(Project));
  json P = needProject(C, Project);
  // A job is addressed by /projects/P/jobs/NAME: a name with / ? # could be
  // created but never read or deleted again.
  if (Name.empty() || Name.size() > 64 ||
      Name.find_first_of("/?#") != std::string::npos ||
      llvm::any_of(Name, [](char Ch) {
        return static_cast<unsigned char>(Ch) < 0x20 || Ch == 0x7F;
      }))
    fail(Err::InvalidJobName, {Name});
  if (C.S.get("Job", jobKey(Project, Name)))
    fail(Err::EntityAlreadyExists, {"Job", "job", Project + "/" + Name});
  std::string ClusterId = P.value("ClusterId", "");
  std::string Given = R.str("clusterId");
  if (!Given.empty() && Given != ClusterId)
    fail(Err::InvalidParameter, {"clusterId", "project " + Project + " runs on cluster \"" + ClusterId + "\""});
  std::string Engine = R.str("engineVersion");
  if (Engine.empty() && !ClusterId.empty())
    Engine = needCluster(C, ClusterId).value("CurrentEngineVersion", "");
  if (Engine.empty())
    Engine = domain::embeddedFacts().stableEngineVersion();
  json J = {{"JobName", Name},
            {"ProjectName", Project},
            {"ClusterId", ClusterId},
            {"EngineVersion", Engine},
            {"Status", "CREATED"},
            {"CreateTime", C.nowIso()},
            {"ModifyTime", C.nowIso()},
            {"Owner", C.Who.UserName}};
  for (auto &F : JobFields)
    J[F[1]] = R.str(F[0]);
  J["SqlCode"] = R.str("code", R.str("sqlCode"));
  checkEngineInstalled(C, J);
  C.S.put("Job", jobKey(Project, Name), J);
  return {{"Job", jobView(C, J)}};
}

json getJob(Call R, const std::string &Project, const std::string &Name) {
  R.C.authorize("stream:GetJob", R.C.streamArn(Project));
  needProject(R.C, Project);
  return {{"Job", jobView(R.C, needJob(R.C, Project, Name))}};
}

json listJob(Call R, const std::string &Project) {
  R.C.authorize("stream:ListJob", R.C.streamArn(Project));
  needProject(R.C, Project);
  json L = json::array();
  for (auto &[Key, J] : R.C.S.list("Job", Project + "/"))
    L.push_back(jobView(R.C, J));
  return {{"TotalCount", L.size()}, {"Jobs", {{"Job", L}}}};
}

json updateJob(Call R, const std::string &Project, const std::string &Name) {
  R.C.authorize("stream:UpdateJob", R.C.streamArn(Project));
  json J = needJob(R.C, Project, Name);
  for (auto &F : JobFields)
    if (R.field(F[0]))
      J[F[1]] = R.str(F[0]);
  if (R.field("code") || R.field("sqlCode"))
    J["SqlCode"] = R.str("code", R.str("sqlCode"));
  if (R.field("engineVersion")) {
    J["EngineVersion"] = R.str("engineVersion");
    checkEngineInstalled(R.C, J);
  }
  J["ModifyTime"] = R.C.nowIso();
  R.C.S.put("Job", jobKey(Project, Name), J);
  return {{"Job", jobView(R.C, J)}};
}

json deleteJob(Call R, const std::string &Project, const std::string &Name) {
  R.C.authorize("stream:DeleteJob", R.C.streamArn(Project));
  json J = needJob(R.C, Project, Name);
  if (J.value("Status", "") == "RUNNING")
    fail(Err::JobBadState, {Name, "RUNNING", "DeleteJob", "offline"});
  R.C.S.erase("Job", jobKey(Project, Name));
  return json::object();
}

json jobTransition(Call R, const std::string &Project, const std::string &Name,
                   const std::string &Op) {
  R.C.authorize("stream:" + Op, R.C.streamArn(Project));
  json J = needJob(R.C, Project, Name);
  std::string Status = J.value("Status", "");
  if (Op == "CommitJob") {
    checkEngineInstalled(R.C, J);
    if (Status == "RUNNING")
      fail(Err::JobBadState, {Name, Status, Op, "not running"});
    J["Status"] = "COMMITTED";
  } else if (Op == "StartJob") {
    if (Status != "COMMITTED")
      fail(Err::JobBadState, {Name, Status, Op, "COMMITTED"});
    checkEngineInstalled(R.C, J);
    J["Status"] = "RUNNING";
    J["StartTime"] = R.C.nowIso();
  } else { // OfflineJob
    J["Status"] = "OFFLINE";
  }
  J["ModifyTime"] = R.C.nowIso();
  R.C.S.put("Job", jobKey(Project, Name), J);
  return {{"Job", jobView(R.C, J)}};
}

//--- Queues -----------------------------------------------------------------
// A queue is a share of an exclusive cluster (maxVcore cores, maxMemMB);
// BindQueue gives it to a project, whose CU is then the queue's maxVcore.

std::string queueKey(const std::string &ClusterId, const std::string &Queue) {
  return ClusterId + "/" + Queue;
}

json needQueue(ServiceContext &C, const std::string &ClusterId,
               const std::string &Queue) {
  auto Q = C.S.get("Queue", queueKey(ClusterId, Queue));
  if (!Q)
    fail(Err::EntityNotExist, {"Queue", "queue", ClusterId + "/" + Queue});
  return *Q;
}

int64_t queueVcore(const Call &R) {
  auto V = R.integer("maxVcore");
  if (!V)
    fail(Err::MissingParameter, {"maxVcore"});
  if (*V < 1)
    fail(Err::InvalidParameter, {"maxVcore", "must be at least 1"});
  return *V;
}

/// Projects bound to the queue take its new size (CU checks as for cu).
void resizeBoundProjects(ServiceContext &C, const json &Cl,
                         const std::string &Queue, int64_t Vcore) {
  std::string ClusterId = Cl.value("ClusterId", "");
  for (auto &[Name, P] : C.S.list("Project"))
    if (P.value("ClusterId", "") == ClusterId &&
        P.value("QueueName", "") == Queue) {
      checkCuFits(C, Cl, Name, Vcore);
      P["Cu"] = Vcore;
      C.S.put("Project", Name, P);
    }
}

json putQueue(Call R, const std::string &ClusterId, bool Create) {
  ServiceContext &C = R.C;
  C.authorize(Create ? "stream:CreateQueue" : "stream:UpdateQueue",
              C.streamArn("cluster/" + ClusterId));
  json Cl = needCluster(C, ClusterId);
  needRunning(Cl);
  std::string Name = R.reqStr("queueName");
  int64_t Vcore = queueVcore(R);
  if (Vcore > usableCu(Cl))
    fail(Err::ProjectCuExceeded, {ClusterId, std::to_string(Vcore),
                                  std::to_string(usableCu(Cl))});
  bool Exists = C.S.get("Queue", queueKey(ClusterId, Name)).has_value();
  if (Create && Exists)
    fail(Err::EntityAlreadyExists, {"Queue", "queue", ClusterId + "/" + Name});
  if (!Create && !Exists)
    fail(Err::EntityNotExist, {"Queue", "queue", ClusterId + "/" + Name});
  if (!Create)
    resizeBoundProjects(C, Cl, Name, Vcore);
  json Q = {{"ClusterId", ClusterId},
            {"QueueName", Name},
            {"MaxVcore", Vcore},
            {"MaxMemMB", R.integer("maxMemMB").value_or(Vcore * 4096)}};
  C.S.put("Queue", queueKey(ClusterId, Name), Q);
  return {{"Queue", Q}};
}

json deleteQueue(Call R, const std::string &ClusterId) {
  ServiceContext &C = R.C;
  C.authorize("stream:DeleteQueue", C.streamArn("cluster/" + ClusterId));
  std::string Name = R.reqStr("queueName");
  needQueue(C, ClusterId, Name);
  for (auto &[P, J] : C.S.list("Project"))
    if (J.value("ClusterId", "") == ClusterId &&
        J.value("QueueName", "") == Name)
      fail(Err::InvalidParameter,
           {"queueName", "queue " + Name + " is bound to project " + P});
  C.S.erase("Queue", queueKey(ClusterId, Name));
  return json::object();
}

json bindQueue(Call R, const std::string &Project) {
  ServiceContext &C = R.C;
  C.authorize("stream:BindQueue", C.streamArn(Project));
  json P = needProject(C, Project);
  std::string ClusterId = R.reqStr("clusterId");
  std::string Name = R.reqStr("queueName");
  if (P.value("ClusterId", "") != ClusterId)
    fail(Err::InvalidParameter,
         {"clusterId", "project " + Project + " runs on cluster \"" +
                           P.value("ClusterId", "") + "\""});
  json Q = needQueue(C, ClusterId, Name);
  json Cl = needCluster(C, ClusterId);
  int64_t Vcore = Q.value("MaxVcore", 0);
  checkCuFits(C, Cl, Project, Vcore);
  P["QueueName"] = Name;
  P["Cu"] = Vcore;
  C.S.put("Project", Project, P);
  return json::object();
}

json unbindQueue(Call R, const std::string &Project) {
  ServiceContext &C = R.C;
  C.authorize("stream:UnbindQueue", C.streamArn(Project));
  json P = needProject(C, Project);
  std::string Name = R.reqStr("queueName");
  if (P.value("QueueName", "") == Name) {
    P.erase("QueueName");
    P["Cu"] = 0;
    C.S.put("Project", Project, P);
  }
  return json::object();
}

json listProjectBindQueue(Call R, const std::string &Project) {
  R.C.authorize("stream:ListProjectBindQueue", R.C.streamArn(Project));
  json P = needProject(R.C, Project);
  json L = json::array();
  std::string Name = P.value("QueueName", "");
  if (!Name.empty())
    if (auto Q = R.C.S.get("Queue", queueKey(P.value("ClusterId", ""), Name)))
      L.push_back(*Q);
  return {{"Queues", {{"Queue", L}}}};
}

//--- Orders (emulator extension) ----------------------------------------------

/// A shared order's CU is what was bought; an exclusive order's is the
/// usable CU of the slaves it buys.
int64_t orderCu(const json &O) {
  if (O.value("Mode", "") == "shared" || O.value("Cu", 0) > 0)
    return O.value("Cu", 0);
  const sizing::SlaveModel *M = machines().findSlave(O.value("SlaveModel", ""));
  return M ? M->UsableCu * O.value("SlaveCount", 0) : 0;
}

/// A model as CreateCellClusterOrder names it: the published examples write
/// "Ecs_4c16g"; the emulator's tables say "4c16g".
std::string purchasedModel(Call R, const char *Field, bool Master) {
  std::string Spec = R.reqStr(Field);
  llvm::StringRef Name(Spec);
  Name.consume_front("Ecs_");
  if (Master)
    masterModel(Name.str());
  else
    slaveModel(Name.str());
  return Name.str();
}

/// POST /api/v2/realtime-compute/cell/buy (CreateCellClusterOrder, published):
/// buys an exclusive cluster's machines. The new order is pending until a
/// CreateCluster uses it.
json createCellClusterOrder(Call R) {
  ServiceContext &C = R.C;
  C.authorize("stream:CreateCellClusterOrder", C.streamArn("order/*"));
  std::string PayModel = R.reqStr("payModel");
  if (PayModel != "pre" && PayModel != "post")
    fail(Err::InvalidParameter,
         {"payModel", "pre (subscription) or post (pay-as-you-go)"});
  std::string Region = R.reqStr("region");
  if (Region != C.Opts.Region)
    fail(Err::InvalidParameter,
         {"region", "this endpoint sells " + C.Opts.Region});
  std::string MasterModel = purchasedModel(R, "masterSpec", /*Master=*/true);
  std::string SlaveModel = purchasedModel(R, "slaveSpec", /*Master=*/false);
  std::optional<int64_t> Masters = R.integer("masterNum");
  if (!Masters)
    fail(Err::MissingParameter, {"masterNum"});
  if (!domain::embeddedFacts().isSoldMasterCount(*Masters))
    fail(Err::InvalidParameter,
         {"masterNum", "only " + soldMasterCounts() + " masters are sold"});
  std::optional<int64_t> Slaves = R.integer("slaveNum");
  if (!Slaves)
    fail(Err::MissingParameter, {"slaveNum"});
  if (*Slaves < minSlaves())
    fail(Err::TooFewSlaves,
         {std::to_string(minSlaves()), std::to_string(*Slaves)});
  checkMasterCap(MasterModel, slaveModel(SlaveModel).UsableCu * *Slaves);
  // Only a subscription has a period: 1 to order_purchase.max_period_months.
  std::optional<int64_t> Period = R.integer("period");
  if (PayModel == "pre" && Period &&
      (*Period < 1 || *Period > domain::embeddedFacts().MaxOrderPeriodMonths))
    fail(Err::InvalidParameter,
         {"period",
          "1 to " +
              std::to_string(domain::embeddedFacts().MaxOrderPeriodMonths) +
              " months"});
  uint64_t N = static_cast<uint64_t>(C.S.nextSequence("Order"));
  uint64_t H = (N * 0x9E3779B97F4A7C15ULL) ^ C.Opts.Seed;
  std::string Id = "ord-" + llvm::utohexstr(H & 0xffffffffffULL, true);
  json O = {{"OrderId", Id},
            {"Mode", "exclusive"},
            {"RegionId", Region},
            {"Billing", PayModel == "pre" ? "subscription" : "pay_as_you_go"},
            {"Duration", PayModel == "pre" ? Period.value_or(1) : 0},
            {"Cu", 0},
            {"MasterModel", MasterModel},
            {"MasterCount", *Masters},
            {"SlaveModel", SlaveModel},
            {"SlaveCount", *Slaves},
            {"UsedBy", ""}};
  C.S.put("Order", Id, O);
  return {{"OrderId", Id}};
}

/// GET /api/v2/orders: orders are bought in the console, so the real service
/// has no listing call; rtcc's order provider needs one to adopt an order.
json listOrders(Call R) {
  R.C.authorize("stream:ListOrder", R.C.streamArn("order/*"));
  std::string Mode = R.str("mode"), Region = R.str("region"),
              Status = R.str("status"), OrderId = R.str("orderId");
  if (!Status.empty() && Status != "pending" && Status != "used")
    fail(Err::InvalidParameter, {"status", "pending or used"});
  json All = json::array();
  for (auto &[Id, O] : R.C.S.list("Order")) {
    std::string OrderRegion = O.value("RegionId", R.C.Opts.Region);
    std::string OrderStatus = O.value("UsedBy", "").empty() ? "pending" : "used";
    if ((!Mode.empty() && O.value("Mode", "") != Mode) ||
        (!Region.empty() && OrderRegion != Region) ||
        (!Status.empty() && OrderStatus != Status) ||
        (!OrderId.empty() && Id != OrderId))
      continue;
    All.push_back({{"OrderId", Id},
                   {"Mode", O.value("Mode", "")},
                   {"RegionId", OrderRegion},
                   {"Cu", orderCu(O)},
                   {"MasterModel", O.value("MasterModel", "")},
                   {"MasterCount", O.value("MasterCount", 0)},
                   {"SlaveModel", O.value("SlaveModel", "")},
                   {"SlaveCount", O.value("SlaveCount", 0)},
                   {"Billing", O.value("Billing", "subscription")},
                   {"Duration", O.value("Duration", 0)},
                   {"UsedBy", O.value("UsedBy", "")},
                   {"Status", OrderStatus}});
  }
  return {{"TotalCount", All.size()}, {"Orders", {{"Order", All}}}};
}

} // namespace

void settleClusters(Store &S, int64_t NowMs) {
  for (auto &[Id, Cl] : S.list("Cluster")) {
    bool Changed = false;
    if (Cl.value("State", "") == Starting && NowMs >= Cl.value("ReadyAtMs", int64_t(0))) {
      Cl["State"] = Running;
      Changed = true;
    }
    if (Cl.contains("Install") && Cl["Install"].is_object() &&
        NowMs >= Cl["Install"].value("DoneAtMs", int64_t(0))) {
      std::string V = Cl["Install"].value("Version", "");
      for (json &E : Cl["EngineVersions"])
        if (E.value("Version", "") == V)
          E["Status"] = "installed";
      Cl.erase("Install");
      Cl["State"] = Running;
      Changed = true;
    }
    if (Changed)
      S.put("Cluster", Id, Cl);
  }
}

/// The routes foas 2018-11-11 does not publish (docs/emulator.md#extensions):
/// engine install / uninstall / set-current, the order listing, and the
/// other verbs and spellings the job transitions also accept.
static bool isExtension(llvm::ArrayRef<llvm::StringRef> Seg, bool Post,
                        bool Put) {
  size_t N = Seg.size();
  if (Seg[2] == "orders")
    return true;
  if (Seg[2] == "clusters" && N >= 6 && Seg[4] == "engineversions")
    return true;
  if (Seg[2] == "projects" && N == 6 && Seg[4] == "jobs" && Post)
    return true; // CreateJob is POST .../jobs with jobName in the body
  if (Seg[2] == "projects" && N == 7 && Seg[4] == "jobs") {
    if (Seg[6] == "start")
      return true;
    if (Seg[6] == "instance")
      return !Post;
    if (Seg[6] == "commit" || Seg[6] == "offline")
      return !Put;
  }
  return false;
}

json handleStream(ServiceContext &C, const std::string &Method,
                  const std::string &Path, const ParamMap &Query,
                  const json &Body) {
  llvm::SmallVector<llvm::StringRef, 8> Seg;
  llvm::StringRef(Path).split(Seg, '/', -1, /*KeepEmpty=*/false);
  auto Unsupported = [&]() -> json {
    fail(Err::UnsupportedAction, {Method + " " + Path});
  };
  if (Seg.size() < 3 || Seg[0] != "api" || Seg[1] != "v2")
    return Unsupported();
  Call R{C, Query, Body};
  size_t N = Seg.size();
  auto S = [&](size_t I) { return Seg[I].str(); };
  bool Get = Method == "GET", Post = Method == "POST", Put = Method == "PUT",
       Del = Method == "DELETE";
  if (C.Opts.OfficialApiOnly && isExtension(Seg, Post, Put))
    fail(Err::ApiNotPublished, {Method + " " + Path});

  if (Seg[2] == "clusters") {
    if (N == 3)
      return Get ? listCluster(R) : Post ? createCluster(R) : Unsupported();
    std::string Id = S(3);
    if (N == 4 && Del)
      return destroyCluster(R, Id);
    if (N == 4 && Get)
      return getClusterDetails(R, Id);
    if (N == 5) {
      if (Seg[4] == "details" && Get)
        return getClusterDetails(R, Id);
      if (Seg[4] == "expand" && Put)
        return expandCluster(R, Id);
      if (Seg[4] == "shrink" && Put)
        return shrinkCluster(R, Id);
      if (Seg[4] == "specification" && Put)
        return modifyMasterSpec(R, Id);
      if (Seg[4] == "engineversions" && Get)
        return getEngineVersions(R, Id);
      if (Seg[4] == "queue")
        return Post ? putQueue(R, Id, /*Create=*/true)
               : Put ? putQueue(R, Id, /*Create=*/false)
               : Del ? deleteQueue(R, Id) : Unsupported();
    }
    // Emulator extensions: the console's engine version operations.
    if (N == 6 && Seg[4] == "engineversions") {
      if (Put)
        return installEngine(R, Id, S(5));
      if (Del)
        return uninstallEngine(R, Id, S(5));
    }
    if (N == 7 && Seg[4] == "engineversions" && Seg[6] == "current" && Put)
      return setCurrentEngine(R, Id, S(5));
    return Unsupported();
  }

  if (Seg[2] == "orders" && N == 3 && Get)
    return listOrders(R);

  if (Seg[2] == "realtime-compute" && N == 5 && Seg[3] == "cell" &&
      Seg[4] == "buy" && Post)
    return createCellClusterOrder(R);

  if (Seg[2] == "projects") {
    if (N == 3)
      return Get ? listProject(R) : Post ? createProject(R) : Unsupported();
    std::string P = S(3);
    if (N == 4)
      return Get ? getProject(R, P) : Put ? updateProject(R, P)
             : Del ? deleteProject(R, P) : Unsupported();
    if (N == 5 && Seg[4] == "queue")
      return Post ? bindQueue(R, P) : Del ? unbindQueue(R, P) : Unsupported();
    if (N == 5 && Seg[4] == "queues" && Get)
      return listProjectBindQueue(R, P);
    if (Seg[4] != "jobs")
      return Unsupported();
    if (N == 5)
      return Get ? listJob(R, P) : Post ? createJob(R, P, "") : Unsupported();
    std::string J = S(5);
    if (N == 6)
      return Get ? getJob(R, P, J) : Post ? createJob(R, P, J)
             : Put ? updateJob(R, P, J) : Del ? deleteJob(R, P, J) : Unsupported();
    if (N == 7 && (Put || Post)) {
      if (Seg[6] == "commit")
        return jobTransition(R, P, J, "CommitJob");
      if (Seg[6] == "offline")
        return jobTransition(R, P, J, "OfflineJob");
      if (Seg[6] == "instance" || Seg[6] == "start")
        return jobTransition(R, P, J, "StartJob");
    }
  }
  return Unsupported();
}

} // namespace rtc::emulator
