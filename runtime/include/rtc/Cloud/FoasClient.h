// Typed Realtime Compute ("foas", ROA 2018-11-11) calls: clusters, their
// scaling and engine versions, projects and jobs.
//
// Requests use the service's camelCase field names, responses its PascalCase
// ones. Every result keeps the raw JSON in `Raw`. Engine version install /
// uninstall / set-current are emulator extensions (console operations on the
// real service, see docs/service.md#wire-protocol).
#ifndef RTC_CLOUD_FOASCLIENT_H
#define RTC_CLOUD_FOASCLIENT_H

#include "rtc/Cloud/Extensions.h"
#include "rtc/Cloud/Pagination.h"
#include "rtc/Cloud/RoaClient.h"

#include <optional>
#include <string>
#include <vector>

namespace rtc::cloud {

inline constexpr const char *FoasApiVersion = "2018-11-11";

struct FoasNodeSpec {
  std::string Model; ///< e.g. "8c32g".
  int64_t Count = 0;
};

struct FoasCluster {
  std::string ClusterId, DisplayName, Description, State, ZoneId, RegionId;
  std::string OrderId, VpcId, VSwitchId, OssBucket, SecurityGroupId;
  std::string CurrentEngineVersion, CreateTime;
  FoasNodeSpec Master, Slave; ///< From getClusterDetails, when present.
  std::vector<std::string> SlaveInstanceIds;
  int64_t UsableCu = 0;
  nlohmann::json Raw;
};

struct CreateClusterInput {
  std::string OrderId, DisplayName, Description, ZoneId;
  std::string UserVpcId, UserVSwitch, UserOssBucket;
  // The machines come from the order (CreateCellClusterOrder); CreateCluster
  // takes only the order and the network.
};

struct ListClustersFilter {
  std::string DisplayName, ClusterId, Region; ///< Empty = no filter.
};

struct ExpandClusterInput {
  int64_t Count = 0;
  std::string Model;
  std::string UserVSwitch; ///< Empty = omitted.
};

struct ShrinkClusterInput {
  std::vector<std::string> InstanceIds; ///< Sent comma-joined; may be empty.
  /// Slave count after the shrink. Sent as `modelTargetCount`: an object
  /// {"<Model>": count} when Model is set, else the bare number.
  std::optional<int64_t> TargetCount;
  std::string Model;
};

struct FoasEngineVersion {
  std::string Version; ///< e.g. "blink-3.3.0".
  std::string Status;  ///< As reported (e.g. "INSTALLED", "INSTALLING").
  bool IsCurrent = false;
  nlohmann::json Raw;
};

struct FoasProject {
  std::string Name, ClusterId, DeployType, State, Description, Region;
  std::vector<std::string> ManagerIds;
  std::string OrderId;
  int64_t Cu = 0;
  nlohmann::json Raw;
};

struct CreateProjectInput {
  std::string Name, ClusterId;
  std::string DeployType = "cell";     ///< "cell" exclusive | "public" shared.
  std::vector<std::string> ManagerIds; ///< Sent comma-joined.
  std::string OrderId, Description;
  // No CU here: an exclusive project's CU is its bound queue's maxVcore.
};

/// A cluster queue (CreateQueue / UpdateQueue body, ListProjectBindQueue).
struct QueueInput {
  std::string QueueName;
  int64_t MaxVcore = 0, MaxMemMB = 0;
};
struct FoasQueue {
  std::string ClusterId, QueueName;
  int64_t MaxVcore = 0, MaxMemMB = 0;
};

/// CreateCellClusterOrder: buys an exclusive cluster's machines.
struct CellClusterOrderInput {
  std::string PayModel = "pre"; ///< "pre" subscription | "post" pay-as-you-go.
  std::string Region, MasterSpec, SlaveSpec;
  int64_t MasterNum = 3, SlaveNum = 2;
  std::optional<int64_t> Period; ///< Months, "pre" only (at most 12).
};

struct UpdateProjectInput {
  std::optional<std::string> Description;
  std::optional<std::vector<std::string>> ManagerIds;
  /// Other fields to merge into the body as-is (e.g. CU quota extensions).
  nlohmann::json Extra = nlohmann::json::object();
};

struct FoasJob {
  std::string JobName, ProjectName, ClusterId, QueueName, EngineVersion;
  std::string JobType, SqlCode, Description, Status;
  nlohmann::json Raw;
};

struct CreateJobInput {
  std::string ProjectName, JobName, ClusterId, QueueName, EngineVersion;
  std::string SqlCode, Description;
  std::string JobType = "FLINK_STREAM";
  /// Other fields to merge into the body as-is (planJson, properties, ...).
  nlohmann::json Extra = nlohmann::json::object();
};

struct UpdateJobInput {
  std::optional<std::string> ClusterId, QueueName, EngineVersion, SqlCode,
      Description;
  nlohmann::json Extra = nlohmann::json::object();
};

/// An order as the emulator's order listing reports it (orders are bought
/// in the console; the listing is an emulator extension, see emulator.md).
struct FoasOrder {
  std::string OrderId, Mode, RegionId, Status; ///< Status: pending | used.
  std::string Billing;  ///< subscription | pay_as_you_go; "" when unknown.
  int64_t Duration = 0; ///< Months bought; 0 when unknown or pay-as-you-go.
  std::string UsedBy;   ///< The cluster or project using it; "" if pending.
  int64_t Cu = 0;
  FoasNodeSpec Master, Slave;
  nlohmann::json Raw;
};

struct ListOrdersFilter {
  std::string Mode, Region, Status, OrderId; ///< Empty = no filter.
};

class FoasClient {
public:
  /// Talks to Cfg.EndpointOverride or https://foas.<Region>.aliyuncs.com.
  FoasClient(const ClientConfig &Cfg, llvm::StringRef Region);

  // Clusters.
  llvm::Expected<std::string> createCluster(const CreateClusterInput &In) const;
  llvm::Error destroyCluster(llvm::StringRef ClusterId) const;
  llvm::Expected<IndexPage<FoasCluster>>
  listClusters(unsigned PageIndex = 1, unsigned PageSize = 50,
               const ListClustersFilter &Filter = {}) const;
  llvm::Expected<std::vector<FoasCluster>>
  listAllClusters(const ListClustersFilter &Filter = {}) const;
  llvm::Expected<FoasCluster>
  getClusterDetails(llvm::StringRef ClusterId) const;
  /// The extensions the endpoint announces (rtc/Cloud/Extensions.h), read
  /// from a published ListCluster call; empty for the real service.
  llvm::Expected<std::vector<std::string>> announcedExtensions() const;
  llvm::Error expandCluster(llvm::StringRef ClusterId,
                            const ExpandClusterInput &In) const;
  llvm::Error shrinkCluster(llvm::StringRef ClusterId,
                            const ShrinkClusterInput &In) const;
  /// The master count cannot change; only the model.
  llvm::Error modifyMasterSpec(llvm::StringRef ClusterId,
                               llvm::StringRef MasterTargetModel) const;

  // Engine versions.
  llvm::Expected<std::vector<FoasEngineVersion>>
  getClusterEngineVersions(llvm::StringRef ClusterId) const;
  /// Emulator extension: PUT .../engineversions/{version}.
  llvm::Error installEngineVersion(llvm::StringRef ClusterId,
                                   llvm::StringRef Version) const;
  /// Emulator extension: DELETE .../engineversions/{version}.
  llvm::Error uninstallEngineVersion(llvm::StringRef ClusterId,
                                     llvm::StringRef Version) const;
  /// Emulator extension: PUT .../engineversions/{version}/current.
  llvm::Error setCurrentEngineVersion(llvm::StringRef ClusterId,
                                      llvm::StringRef Version) const;

  // Orders.
  /// Emulator extension: GET /api/v2/orders.
  llvm::Expected<std::vector<FoasOrder>>
  listOrders(const ListOrdersFilter &Filter = {}) const;

  // Projects.
  llvm::Error createProject(const CreateProjectInput &In) const;
  llvm::Expected<FoasProject> getProject(llvm::StringRef Name) const;
  llvm::Error updateProject(llvm::StringRef Name,
                            const UpdateProjectInput &In) const;
  llvm::Error deleteProject(llvm::StringRef Name) const;
  llvm::Expected<IndexPage<FoasProject>>
  listProjects(unsigned PageIndex = 1, unsigned PageSize = 50) const;
  llvm::Expected<std::vector<FoasProject>> listAllProjects() const;

  // Jobs, under /api/v2/projects/{projectName}/jobs/{jobName}.
  llvm::Error createJob(const CreateJobInput &In) const;
  llvm::Expected<FoasJob> getJob(llvm::StringRef Project,
                                 llvm::StringRef Job) const;
  llvm::Error updateJob(llvm::StringRef Project, llvm::StringRef Job,
                        const UpdateJobInput &In) const;
  llvm::Error deleteJob(llvm::StringRef Project, llvm::StringRef Job) const;
  llvm::Expected<std::vector<FoasJob>> listJobs(llvm::StringRef Project) const;
  /// PUT .../commit with \p Body (e.g. {"maxCU": 4}).
  llvm::Error
  commitJob(llvm::StringRef Project, llvm::StringRef Job,
            const nlohmann::json &Body = nlohmann::json::object()) const;
  /// PUT .../offline.
  llvm::Error offlineJob(llvm::StringRef Project, llvm::StringRef Job) const;
  /// POST .../instance with \p Body (start parameters).
  llvm::Error
  startJob(llvm::StringRef Project, llvm::StringRef Job,
           const nlohmann::json &Body = nlohmann::json::object()) const;

  // Queues: an exclusive project's resources (CreateQueue + BindQueue).
  llvm::Error createQueue(llvm::StringRef ClusterId,
                          const QueueInput &In) const;
  llvm::Error updateQueue(llvm::StringRef ClusterId,
                          const QueueInput &In) const;
  llvm::Error deleteQueue(llvm::StringRef ClusterId,
                          llvm::StringRef QueueName) const;
  llvm::Error bindQueue(llvm::StringRef Project, llvm::StringRef ClusterId,
                        llvm::StringRef QueueName) const;
  llvm::Error unbindQueue(llvm::StringRef Project, llvm::StringRef ClusterId,
                          llvm::StringRef QueueName) const;
  llvm::Expected<std::vector<FoasQueue>>
  listProjectBindQueue(llvm::StringRef Project) const;

  /// POST /api/v2/realtime-compute/cell/buy; returns the new order id.
  llvm::Expected<std::string>
  createCellClusterOrder(const CellClusterOrderInput &In) const;

  const RoaClient &roa() const { return Roa; }

  static FoasCluster parseCluster(const nlohmann::json &J);
  static FoasEngineVersion parseEngineVersion(const nlohmann::json &J);
  static FoasProject parseProject(const nlohmann::json &J);
  static FoasJob parseJob(const nlohmann::json &J);
  static FoasOrder parseOrder(const nlohmann::json &J);

private:
  RoaClient Roa;
};

} // namespace rtc::cloud

#endif // RTC_CLOUD_FOASCLIENT_H
