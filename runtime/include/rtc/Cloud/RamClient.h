// Typed RAM (Resource Access Management, RPC 2015-05-01) calls: users,
// groups, membership, policies and their versions, roles, attachments.
//
// Data in, data out: every call takes plain structs and returns plain
// structs (or a CloudError). Each result keeps the raw JSON in `Raw` so a
// provider can read a field this layer does not model yet.
#ifndef RTC_CLOUD_RAMCLIENT_H
#define RTC_CLOUD_RAMCLIENT_H

#include "rtc/Cloud/Pagination.h"
#include "rtc/Cloud/RpcClient.h"

#include <optional>
#include <string>
#include <vector>

namespace rtc::cloud {

inline constexpr const char *RamApiVersion = "2015-05-01";

struct RamUser {
  std::string UserName, UserId, DisplayName, Comments, Email, MobilePhone;
  std::string CreateDate, UpdateDate;
  nlohmann::json Raw;
};

struct RamGroup {
  std::string GroupName, GroupId, Comments, CreateDate, UpdateDate;
  std::string JoinDate; ///< Only from listGroupsForUser.
  nlohmann::json Raw;
};

enum class PolicyType { System, Custom };
llvm::StringRef policyTypeName(PolicyType T); ///< "System" / "Custom"

struct RamPolicyVersion {
  std::string VersionId; ///< "v1", "v2", ...
  bool IsDefaultVersion = false;
  std::string PolicyDocument, CreateDate;
  nlohmann::json Raw;
};

struct RamPolicy {
  std::string PolicyName, PolicyType, Description, DefaultVersion;
  int64_t AttachmentCount = 0;
  std::string CreateDate, UpdateDate;
  std::string AttachDate; ///< Only from listPoliciesFor.
  /// From getPolicy (its DefaultPolicyVersion), when the service sent it.
  std::optional<RamPolicyVersion> DefaultPolicyVersion;
  nlohmann::json Raw;
};

struct RamRole {
  std::string RoleName, RoleId, Arn, Description, AssumeRolePolicyDocument;
  int64_t MaxSessionDuration = 0;
  std::string CreateDate, UpdateDate;
  nlohmann::json Raw;
};

struct CreateUserInput {
  std::string UserName;
  std::string DisplayName, Comments, Email, MobilePhone; ///< Empty = omitted.
};
struct UpdateUserInput {
  std::string UserName;
  std::optional<std::string> NewUserName, NewDisplayName, NewComments,
      NewEmail, NewMobilePhone;
};
struct UpdateGroupInput {
  std::string GroupName;
  std::optional<std::string> NewGroupName, NewComments;
};
struct CreatePolicyInput {
  std::string PolicyName, PolicyDocument, Description;
};
struct CreateRoleInput {
  std::string RoleName, AssumeRolePolicyDocument, Description;
  std::optional<int64_t> MaxSessionDuration;
};
struct UpdateRoleInput {
  std::string RoleName;
  std::optional<std::string> NewAssumeRolePolicyDocument, NewDescription;
  std::optional<int64_t> NewMaxSessionDuration;
};

/// Who a policy is attached to.
enum class PrincipalKind { User, Group, Role };

class RamClient {
public:
  /// Talks to Cfg.EndpointOverride or https://ram.aliyuncs.com.
  explicit RamClient(const ClientConfig &Cfg);

  // Users.
  llvm::Expected<RamUser> createUser(const CreateUserInput &In) const;
  llvm::Expected<RamUser> getUser(llvm::StringRef UserName) const;
  llvm::Expected<RamUser> updateUser(const UpdateUserInput &In) const;
  llvm::Error deleteUser(llvm::StringRef UserName) const;
  llvm::Expected<MarkerPage<RamUser>>
  listUsers(const MarkerPageRequest &Page = {}) const;
  llvm::Expected<std::vector<RamUser>> listAllUsers() const;

  // Groups and membership.
  llvm::Expected<RamGroup> createGroup(llvm::StringRef GroupName,
                                       llvm::StringRef Comments = "") const;
  llvm::Expected<RamGroup> getGroup(llvm::StringRef GroupName) const;
  llvm::Expected<RamGroup> updateGroup(const UpdateGroupInput &In) const;
  llvm::Error deleteGroup(llvm::StringRef GroupName) const;
  llvm::Expected<MarkerPage<RamGroup>>
  listGroups(const MarkerPageRequest &Page = {}) const;
  llvm::Expected<std::vector<RamGroup>> listAllGroups() const;
  llvm::Error addUserToGroup(llvm::StringRef UserName,
                             llvm::StringRef GroupName) const;
  llvm::Error removeUserFromGroup(llvm::StringRef UserName,
                                  llvm::StringRef GroupName) const;
  llvm::Expected<std::vector<RamGroup>>
  listGroupsForUser(llvm::StringRef UserName) const;
  /// Members of a group (RamUser::Raw carries each JoinDate).
  llvm::Expected<std::vector<RamUser>>
  listUsersForGroup(llvm::StringRef GroupName) const;

  // Policies and versions. Documents are sent with POST because they can be
  // up to 6 KiB, too long for a comfortable query string.
  llvm::Expected<RamPolicy> createPolicy(const CreatePolicyInput &In) const;
  llvm::Expected<RamPolicy> getPolicy(llvm::StringRef PolicyName,
                                      PolicyType Type = PolicyType::Custom) const;
  llvm::Error deletePolicy(llvm::StringRef PolicyName) const;
  /// \p Type filters by policy type when given.
  llvm::Expected<MarkerPage<RamPolicy>>
  listPolicies(const MarkerPageRequest &Page = {},
               std::optional<PolicyType> Type = std::nullopt) const;
  llvm::Expected<std::vector<RamPolicy>>
  listAllPolicies(std::optional<PolicyType> Type = std::nullopt) const;
  llvm::Expected<RamPolicyVersion>
  createPolicyVersion(llvm::StringRef PolicyName, llvm::StringRef Document,
                      bool SetAsDefault) const;
  llvm::Error setDefaultPolicyVersion(llvm::StringRef PolicyName,
                                      llvm::StringRef VersionId) const;
  llvm::Error deletePolicyVersion(llvm::StringRef PolicyName,
                                  llvm::StringRef VersionId) const;
  llvm::Expected<std::vector<RamPolicyVersion>>
  listPolicyVersions(llvm::StringRef PolicyName,
                     PolicyType Type = PolicyType::Custom) const;

  // Roles.
  llvm::Expected<RamRole> createRole(const CreateRoleInput &In) const;
  llvm::Expected<RamRole> getRole(llvm::StringRef RoleName) const;
  llvm::Expected<RamRole> updateRole(const UpdateRoleInput &In) const;
  llvm::Error deleteRole(llvm::StringRef RoleName) const;
  llvm::Expected<MarkerPage<RamRole>>
  listRoles(const MarkerPageRequest &Page = {}) const;
  llvm::Expected<std::vector<RamRole>> listAllRoles() const;

  // Attachments: AttachPolicyTo{User,Group,Role} and the Detach/List twins.
  llvm::Error attachPolicy(PrincipalKind Kind, llvm::StringRef PrincipalName,
                           llvm::StringRef PolicyName, PolicyType Type) const;
  llvm::Error detachPolicy(PrincipalKind Kind, llvm::StringRef PrincipalName,
                           llvm::StringRef PolicyName, PolicyType Type) const;
  llvm::Expected<std::vector<RamPolicy>>
  listPoliciesFor(PrincipalKind Kind, llvm::StringRef PrincipalName) const;

  /// The underlying signed client, for calls not wrapped here.
  const RpcClient &rpc() const { return Rpc; }

  // Response parsers, public for tests.
  static RamUser parseUser(const nlohmann::json &J);
  static RamGroup parseGroup(const nlohmann::json &J);
  static RamPolicy parsePolicy(const nlohmann::json &J);
  static RamPolicyVersion parsePolicyVersion(const nlohmann::json &J);
  static RamRole parseRole(const nlohmann::json &J);

private:
  RpcClient Rpc;
};

} // namespace rtc::cloud

#endif // RTC_CLOUD_RAMCLIENT_H
