// Typed Realtime Compute ("foas", ROA 2018-11-11) calls.
#include "rtc/Cloud/FoasClient.h"

#include "llvm/ADT/StringExtras.h"

namespace rtc::cloud {

namespace {
using llvm::Expected;
using llvm::StringRef;
using nlohmann::json;

/// Path segments are ids and names; encoding keeps a stray "/" or "?" from
/// changing which resource is addressed.
std::string seg(StringRef S) { return percentEncode(S); }

std::string clusterPath(StringRef Id) { return "/api/v2/clusters/" + seg(Id); }
std::string projectPath(StringRef Name) {
  return "/api/v2/projects/" + seg(Name);
}
std::string jobPath(StringRef Project, StringRef Job) {
  return projectPath(Project) + "/jobs/" + seg(Job);
}

llvm::Error dropResult(Expected<json> R) {
  return R ? llvm::Error::success() : R.takeError();
}

void setIf(json &Body, const char *Key, const std::string &V) {
  if (!V.empty())
    Body[Key] = V;
}

/// The first object member among \p Keys, else \p J itself: the service
/// wraps single objects ("Details", "Project", "Job") but we accept a bare
/// object too.
const json &unwrap(const json &J, std::initializer_list<const char *> Keys) {
  if (J.is_object())
    for (const char *K : Keys) {
      auto It = J.find(K);
      if (It != J.end() && It->is_object())
        return *It;
    }
  return J;
}

/// First non-empty string among alternative field names.
std::string firstOf(const json &J, std::initializer_list<const char *> Keys) {
  for (const char *K : Keys) {
    std::string V = jsonString(J, K);
    if (!V.empty())
      return V;
  }
  return "";
}

FoasNodeSpec parseSpec(const json &J) {
  FoasNodeSpec S;
  S.Model = firstOf(J, {"Model", "InstanceType", "model"});
  S.Count = jsonInt(J, "Count", jsonInt(J, "count"));
  return S;
}

std::vector<std::string> splitIds(const json &J, const char *Key) {
  std::vector<std::string> Out;
  if (J.is_object()) {
    auto It = J.find(Key);
    if (It != J.end() && It->is_array()) {
      for (const json &V : *It)
        if (V.is_string())
          Out.push_back(V.get<std::string>());
      return Out;
    }
  }
  llvm::SmallVector<StringRef, 4> Parts;
  std::string S = jsonString(J, Key);
  StringRef(S).split(Parts, ',', -1, /*KeepEmpty=*/false);
  for (StringRef P : Parts)
    Out.push_back(P.trim().str());
  return Out;
}

template <typename T>
IndexPage<T> parseIndexPage(const json &J, const char *Outer, const char *Inner,
                            T (*Parse)(const json &), unsigned Index,
                            unsigned Size) {
  IndexPage<T> Page;
  for (const json &Item : jsonList(J, Outer, Inner))
    Page.Items.push_back(Parse(Item));
  Page.PageIndex = static_cast<unsigned>(jsonInt(J, "PageIndex", Index));
  Page.PageSize = static_cast<unsigned>(jsonInt(J, "PageSize", Size));
  Page.TotalCount = static_cast<uint64_t>(jsonInt(J, "TotalCount", 0));
  return Page;
}

std::string joinIds(const std::vector<std::string> &Ids) {
  return llvm::join(Ids.begin(), Ids.end(), ",");
}
} // namespace

FoasClient::FoasClient(const ClientConfig &Cfg, StringRef Region)
    : Roa(Cfg, defaultFoasEndpoint(Region), FoasApiVersion) {}

FoasCluster FoasClient::parseCluster(const json &Raw) {
  const json &J = unwrap(Raw, {"Details", "Cluster"});
  FoasCluster C;
  C.ClusterId = jsonString(J, "ClusterId");
  C.DisplayName = jsonString(J, "DisplayName");
  C.Description = jsonString(J, "Description");
  C.State = jsonString(J, "State");
  C.ZoneId = jsonString(J, "ZoneId");
  C.RegionId = firstOf(J, {"RegionId", "Region"});
  C.OrderId = jsonString(J, "OrderId");
  C.VpcId = firstOf(J, {"UserVpcId", "VpcId"});
  C.VSwitchId = firstOf(J, {"UserVSwitch", "VSwitchIds", "VSwitchId"});
  C.OssBucket = firstOf(J, {"UserOssBucket", "OssBucket"});
  C.SecurityGroupId = firstOf(J, {"UserSGId", "SecurityGroupId"});
  C.CurrentEngineVersion = jsonString(J, "CurrentEngineVersion");
  C.CreateTime = jsonString(J, "CreateTime");
  C.UsableCu = jsonInt(J, "UsableCu");
  if (J.is_object()) {
    for (const char *K : {"MasterSpec", "Master"})
      if (J.contains(K) && J[K].is_object()) {
        C.Master = parseSpec(J[K]);
        break;
      }
    for (const char *K : {"SlaveSpec", "Slave"})
      if (J.contains(K) && J[K].is_object()) {
        C.Slave = parseSpec(J[K]);
        C.SlaveInstanceIds = splitIds(J[K], "InstanceIds");
        break;
      }
    if (C.SlaveInstanceIds.empty())
      for (const json &I :
           jsonList(J, "SlaveInstanceInfos", "SlaveInstanceInfo"))
        if (std::string Id = jsonString(I, "InstanceId"); !Id.empty())
          C.SlaveInstanceIds.push_back(Id);
  }
  C.Raw = Raw;
  return C;
}

FoasEngineVersion FoasClient::parseEngineVersion(const json &J) {
  FoasEngineVersion V;
  if (J.is_string()) {
    V.Version = J.get<std::string>();
  } else {
    V.Version = firstOf(J, {"Version", "EngineVersion", "Name"});
    V.Status = jsonString(J, "Status");
    V.IsCurrent = jsonBool(J, "IsCurrent", jsonBool(J, "IsDefault"));
  }
  V.Raw = J;
  return V;
}

FoasProject FoasClient::parseProject(const json &Raw) {
  const json &J = unwrap(Raw, {"Project"});
  FoasProject P;
  P.Name = jsonString(J, "Name");
  P.ClusterId = jsonString(J, "ClusterId");
  P.DeployType = jsonString(J, "DeployType");
  P.State = jsonString(J, "State");
  P.Description = jsonString(J, "Description");
  P.Region = firstOf(J, {"Region", "RegionId"});
  P.ManagerIds = splitIds(J, "ManagerIds");
  P.OrderId = jsonString(J, "OrderId");
  P.Cu = jsonInt(J, "Cu");
  P.Raw = Raw;
  return P;
}

FoasJob FoasClient::parseJob(const json &Raw) {
  const json &J = unwrap(Raw, {"Job"});
  FoasJob Job;
  Job.JobName = jsonString(J, "JobName");
  Job.ProjectName = jsonString(J, "ProjectName");
  Job.ClusterId = jsonString(J, "ClusterId");
  Job.QueueName = jsonString(J, "QueueName");
  Job.EngineVersion = jsonString(J, "EngineVersion");
  Job.JobType = jsonString(J, "JobType");
  Job.SqlCode = firstOf(J, {"SqlCode", "Code"});
  Job.Description = jsonString(J, "Description");
  Job.Status = firstOf(J, {"Status", "State"});
  Job.Raw = Raw;
  return Job;
}

// --- Clusters --------------------------------------------------------------

Expected<std::string>
FoasClient::createCluster(const CreateClusterInput &In) const {
  json Body = json::object();
  setIf(Body, "orderId", In.OrderId);
  setIf(Body, "displayName", In.DisplayName);
  setIf(Body, "description", In.Description);
  setIf(Body, "zoneId", In.ZoneId);
  setIf(Body, "userVpcId", In.UserVpcId);
  setIf(Body, "userVSwitch", In.UserVSwitch);
  setIf(Body, "userOssBucket", In.UserOssBucket);
  auto R = Roa.request("POST", "/api/v2/clusters", {}, Body);
  if (!R)
    return R.takeError();
  std::string Id = jsonString(*R, "ClusterId");
  if (Id.empty())
    return makeCloudError(200, "InvalidResponse",
                          "CreateCluster response has no ClusterId",
                          jsonString(*R, "RequestId"));
  return Id;
}

llvm::Error FoasClient::destroyCluster(StringRef ClusterId) const {
  return dropResult(Roa.request("DELETE", clusterPath(ClusterId)));
}

Expected<IndexPage<FoasCluster>>
FoasClient::listClusters(unsigned PageIndex, unsigned PageSize,
                         const ListClustersFilter &Filter) const {
  ParamMap Q{{"pageIndex", std::to_string(PageIndex)},
             {"pageSize", std::to_string(PageSize)}};
  if (!Filter.DisplayName.empty())
    Q["displayName"] = Filter.DisplayName;
  if (!Filter.ClusterId.empty())
    Q["clusterId"] = Filter.ClusterId;
  if (!Filter.Region.empty())
    Q["region"] = Filter.Region;
  auto R = Roa.request("GET", "/api/v2/clusters", Q);
  if (!R)
    return R.takeError();
  return parseIndexPage<FoasCluster>(*R, "Clusters", "Cluster",
                                     &FoasClient::parseCluster, PageIndex,
                                     PageSize);
}

Expected<std::vector<std::string>> FoasClient::announcedExtensions() const {
  // The smallest published call there is: one page of one cluster.
  std::map<std::string, std::string> Headers;
  auto R = Roa.request("GET", "/api/v2/clusters",
                       {{"pageIndex", "1"}, {"pageSize", "1"}}, std::nullopt,
                       &Headers);
  if (!R)
    return R.takeError();
  std::vector<std::string> Out;
  auto It = Headers.find(ExtensionsHeader);
  if (It == Headers.end())
    return Out;
  llvm::SmallVector<StringRef, 4> Names;
  StringRef(It->second).split(Names, ',', -1, /*KeepEmpty=*/false);
  for (StringRef N : Names)
    if (!N.trim().empty())
      Out.push_back(N.trim().str());
  return Out;
}

Expected<std::vector<FoasCluster>>
FoasClient::listAllClusters(const ListClustersFilter &Filter) const {
  return collectIndexPages<FoasCluster>([&](unsigned Index, unsigned Size) {
    return listClusters(Index, Size, Filter);
  });
}

Expected<FoasCluster> FoasClient::getClusterDetails(StringRef ClusterId) const {
  auto R = Roa.request("GET", clusterPath(ClusterId) + "/details");
  if (!R)
    return R.takeError();
  return parseCluster(*R);
}

llvm::Error FoasClient::expandCluster(StringRef ClusterId,
                                      const ExpandClusterInput &In) const {
  json Body = {{"count", In.Count}, {"model", In.Model}};
  setIf(Body, "userVSwitch", In.UserVSwitch);
  return dropResult(
      Roa.request("PUT", clusterPath(ClusterId) + "/expand", {}, Body));
}

llvm::Error FoasClient::shrinkCluster(StringRef ClusterId,
                                      const ShrinkClusterInput &In) const {
  json Body = json::object();
  if (!In.InstanceIds.empty())
    Body["instanceIds"] = joinIds(In.InstanceIds);
  if (In.TargetCount) {
    if (In.Model.empty())
      Body["modelTargetCount"] = *In.TargetCount;
    else
      Body["modelTargetCount"] = json{{In.Model, *In.TargetCount}};
  }
  return dropResult(
      Roa.request("PUT", clusterPath(ClusterId) + "/shrink", {}, Body));
}

llvm::Error FoasClient::modifyMasterSpec(StringRef ClusterId,
                                         StringRef MasterTargetModel) const {
  json Body = {{"masterTargetModel", MasterTargetModel.str()}};
  return dropResult(
      Roa.request("PUT", clusterPath(ClusterId) + "/specification", {}, Body));
}

// --- Engine versions -------------------------------------------------------

Expected<std::vector<FoasEngineVersion>>
FoasClient::getClusterEngineVersions(StringRef ClusterId) const {
  auto R = Roa.request("GET", clusterPath(ClusterId) + "/engineversions");
  if (!R)
    return R.takeError();
  std::vector<FoasEngineVersion> Out;
  for (const json &V : jsonList(*R, "EngineVersions", "EngineVersion"))
    Out.push_back(parseEngineVersion(V));
  return Out;
}

llvm::Error FoasClient::installEngineVersion(StringRef ClusterId,
                                             StringRef Version) const {
  return dropResult(Roa.request("PUT", clusterPath(ClusterId) +
                                           "/engineversions/" + seg(Version)));
}

llvm::Error FoasClient::uninstallEngineVersion(StringRef ClusterId,
                                               StringRef Version) const {
  return dropResult(Roa.request(
      "DELETE", clusterPath(ClusterId) + "/engineversions/" + seg(Version)));
}

llvm::Error FoasClient::setCurrentEngineVersion(StringRef ClusterId,
                                                StringRef Version) const {
  return dropResult(Roa.request("PUT", clusterPath(ClusterId) +
                                           "/engineversions/" + seg(Version) +
                                           "/current"));
}

// --- Orders ----------------------------------------------------------------

FoasOrder FoasClient::parseOrder(const json &J) {
  FoasOrder O;
  O.OrderId = jsonString(J, "OrderId");
  O.Mode = jsonString(J, "Mode");
  O.RegionId = firstOf(J, {"RegionId", "Region"});
  O.Status = jsonString(J, "Status");
  O.Cu = jsonInt(J, "Cu");
  O.Master.Model = jsonString(J, "MasterModel");
  O.Master.Count = jsonInt(J, "MasterCount");
  O.Slave.Model = jsonString(J, "SlaveModel");
  O.Slave.Count = jsonInt(J, "SlaveCount");
  O.Billing = jsonString(J, "Billing");
  O.Duration = jsonInt(J, "Duration");
  O.UsedBy = jsonString(J, "UsedBy");
  O.Raw = J;
  return O;
}

Expected<std::vector<FoasOrder>>
FoasClient::listOrders(const ListOrdersFilter &Filter) const {
  ParamMap Q;
  if (!Filter.Mode.empty())
    Q["mode"] = Filter.Mode;
  if (!Filter.Region.empty())
    Q["region"] = Filter.Region;
  if (!Filter.Status.empty())
    Q["status"] = Filter.Status;
  if (!Filter.OrderId.empty())
    Q["orderId"] = Filter.OrderId;
  auto R = Roa.request("GET", "/api/v2/orders", Q);
  if (!R)
    return R.takeError();
  std::vector<FoasOrder> Out;
  for (const json &O : jsonList(*R, "Orders", "Order"))
    Out.push_back(parseOrder(O));
  return Out;
}

// --- Projects --------------------------------------------------------------

llvm::Error FoasClient::createProject(const CreateProjectInput &In) const {
  json Body = {{"name", In.Name}, {"deployType", In.DeployType}};
  setIf(Body, "clusterId", In.ClusterId);
  if (!In.ManagerIds.empty())
    Body["managerIds"] = joinIds(In.ManagerIds);
  setIf(Body, "orderId", In.OrderId);
  setIf(Body, "description", In.Description);
  return dropResult(Roa.request("POST", "/api/v2/projects", {}, Body));
}

Expected<FoasProject> FoasClient::getProject(StringRef Name) const {
  auto R = Roa.request("GET", projectPath(Name));
  if (!R)
    return R.takeError();
  return parseProject(*R);
}

llvm::Error FoasClient::updateProject(StringRef Name,
                                      const UpdateProjectInput &In) const {
  json Body = In.Extra.is_object() ? In.Extra : json::object();
  if (In.Description)
    Body["description"] = *In.Description;
  if (In.ManagerIds)
    Body["managerIds"] = joinIds(*In.ManagerIds);
  return dropResult(Roa.request("PUT", projectPath(Name), {}, Body));
}

llvm::Error FoasClient::deleteProject(StringRef Name) const {
  return dropResult(Roa.request("DELETE", projectPath(Name)));
}

Expected<IndexPage<FoasProject>>
FoasClient::listProjects(unsigned PageIndex, unsigned PageSize) const {
  auto R = Roa.request("GET", "/api/v2/projects",
                       {{"pageIndex", std::to_string(PageIndex)},
                        {"pageSize", std::to_string(PageSize)}});
  if (!R)
    return R.takeError();
  return parseIndexPage<FoasProject>(*R, "Projects", "Project",
                                     &FoasClient::parseProject, PageIndex,
                                     PageSize);
}

Expected<std::vector<FoasProject>> FoasClient::listAllProjects() const {
  return collectIndexPages<FoasProject>(
      [&](unsigned Index, unsigned Size) { return listProjects(Index, Size); });
}

// --- Jobs ------------------------------------------------------------------

llvm::Error FoasClient::createJob(const CreateJobInput &In) const {
  json Body = In.Extra.is_object() ? In.Extra : json::object();
  Body["jobName"] = In.JobName;
  setIf(Body, "clusterId", In.ClusterId);
  setIf(Body, "queueName", In.QueueName);
  setIf(Body, "engineVersion", In.EngineVersion);
  setIf(Body, "jobType", In.JobType);
  setIf(Body, "description", In.Description);
  Body["code"] = In.SqlCode;
  return dropResult(
      Roa.request("POST", projectPath(In.ProjectName) + "/jobs", {}, Body));
}

Expected<FoasJob> FoasClient::getJob(StringRef Project, StringRef Job) const {
  auto R = Roa.request("GET", jobPath(Project, Job));
  if (!R)
    return R.takeError();
  return parseJob(*R);
}

llvm::Error FoasClient::updateJob(StringRef Project, StringRef Job,
                                  const UpdateJobInput &In) const {
  json Body = In.Extra.is_object() ? In.Extra : json::object();
  auto Put = [&](const char *Key, const std::optional<std::string> &V) {
    if (V)
      Body[Key] = *V;
  };
  Put("clusterId", In.ClusterId);
  Put("queueName", In.QueueName);
  Put("engineVersion", In.EngineVersion);
  Put("code", In.SqlCode);
  Put("description", In.Description);
  return dropResult(Roa.request("PUT", jobPath(Project, Job), {}, Body));
}

llvm::Error FoasClient::deleteJob(StringRef Project, StringRef Job) const {
  return dropResult(Roa.request("DELETE", jobPath(Project, Job)));
}

Expected<std::vector<FoasJob>> FoasClient::listJobs(StringRef Project) const {
  auto R = Roa.request("GET", projectPath(Project) + "/jobs");
  if (!R)
    return R.takeError();
  std::vector<FoasJob> Out;
  for (const json &J : jsonList(*R, "Jobs", "Job"))
    Out.push_back(parseJob(J));
  return Out;
}

llvm::Error FoasClient::commitJob(StringRef Project, StringRef Job,
                                  const json &Body) const {
  return dropResult(
      Roa.request("PUT", jobPath(Project, Job) + "/commit", {}, Body));
}

llvm::Error FoasClient::offlineJob(StringRef Project, StringRef Job) const {
  return dropResult(Roa.request("PUT", jobPath(Project, Job) + "/offline"));
}

llvm::Error FoasClient::startJob(StringRef Project, StringRef Job,
                                 const json &Body) const {
  return dropResult(
      Roa.request("POST", jobPath(Project, Job) + "/instance", {}, Body));
}

// --- Queues ----------------------------------------------------------------

llvm::Error FoasClient::createQueue(StringRef ClusterId,
                                    const QueueInput &In) const {
  json Body = {{"queueName", In.QueueName},
               {"maxVcore", In.MaxVcore},
               {"maxMemMB", In.MaxMemMB}};
  return dropResult(
      Roa.request("POST", clusterPath(ClusterId) + "/queue", {}, Body));
}

llvm::Error FoasClient::updateQueue(StringRef ClusterId,
                                    const QueueInput &In) const {
  json Body = {{"queueName", In.QueueName},
               {"maxVcore", In.MaxVcore},
               {"maxMemMB", In.MaxMemMB}};
  return dropResult(
      Roa.request("PUT", clusterPath(ClusterId) + "/queue", {}, Body));
}

llvm::Error FoasClient::deleteQueue(StringRef ClusterId,
                                    StringRef QueueName) const {
  return dropResult(Roa.request("DELETE", clusterPath(ClusterId) + "/queue",
                                {{"queueName", QueueName.str()}}));
}

llvm::Error FoasClient::bindQueue(StringRef Project, StringRef ClusterId,
                                  StringRef QueueName) const {
  json Body = {{"clusterId", ClusterId.str()}, {"queueName", QueueName.str()}};
  return dropResult(
      Roa.request("POST", projectPath(Project) + "/queue", {}, Body));
}

llvm::Error FoasClient::unbindQueue(StringRef Project, StringRef ClusterId,
                                    StringRef QueueName) const {
  return dropResult(Roa.request(
      "DELETE", projectPath(Project) + "/queue",
      {{"clusterId", ClusterId.str()}, {"queueName", QueueName.str()}}));
}

Expected<std::vector<FoasQueue>>
FoasClient::listProjectBindQueue(StringRef Project) const {
  auto R = Roa.request("GET", projectPath(Project) + "/queues");
  if (!R)
    return R.takeError();
  std::vector<FoasQueue> Out;
  for (const json &Q : jsonList(*R, "Queues", "Queue")) {
    FoasQueue F;
    F.ClusterId = jsonString(Q, "ClusterId");
    F.QueueName = jsonString(Q, "QueueName");
    F.MaxVcore = jsonInt(Q, "MaxVcore");
    F.MaxMemMB = jsonInt(Q, "MaxMemMB");
    Out.push_back(F);
  }
  return Out;
}

// --- Exclusive orders ------------------------------------------------------

Expected<std::string>
FoasClient::createCellClusterOrder(const CellClusterOrderInput &In) const {
  json Body = {{"payModel", In.PayModel},     {"region", In.Region},
               {"masterSpec", In.MasterSpec}, {"masterNum", In.MasterNum},
               {"slaveSpec", In.SlaveSpec},   {"slaveNum", In.SlaveNum}};
  if (In.Period)
    Body["period"] = *In.Period;
  auto R = Roa.request("POST", "/api/v2/realtime-compute/cell/buy", {}, Body);
  if (!R)
    return R.takeError();
  std::string Id = jsonString(*R, "OrderId");
  if (Id.empty())
    return makeCloudError(200, "InvalidResponse",
                          "CreateCellClusterOrder response has no OrderId",
                          jsonString(*R, "RequestId"));
  return Id;
}

} // namespace rtc::cloud
