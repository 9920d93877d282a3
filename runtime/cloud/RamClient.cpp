// Typed RAM (RPC 2015-05-01) calls.
#include "rtc/Cloud/RamClient.h"

namespace rtc::cloud {

namespace {
using llvm::Expected;
using llvm::StringRef;
using nlohmann::json;

void setIf(ParamMap &P, const char *Key, const std::string &V) {
  if (!V.empty())
    P[Key] = V;
}
void setOpt(ParamMap &P, const char *Key, const std::optional<std::string> &V) {
  if (V)
    P[Key] = *V;
}

const json &member(const json &J, const char *Key) {
  static const json Empty = json::object();
  if (J.is_object()) {
    auto It = J.find(Key);
    if (It != J.end() && It->is_object())
      return *It;
  }
  return Empty;
}

void addPage(ParamMap &P, const MarkerPageRequest &Page) {
  setIf(P, "Marker", Page.Marker);
  if (Page.MaxItems)
    P["MaxItems"] = std::to_string(Page.MaxItems);
}

template <typename T>
MarkerPage<T> parsePage(const json &J, const char *Outer, const char *Inner,
                        T (*Parse)(const json &)) {
  MarkerPage<T> Page;
  for (const json &Item : jsonList(J, Outer, Inner))
    Page.Items.push_back(Parse(Item));
  Page.IsTruncated = jsonBool(J, "IsTruncated");
  Page.Marker = jsonString(J, "Marker");
  return Page;
}

template <typename T>
std::vector<T> parseList(const json &J, const char *Outer, const char *Inner,
                         T (*Parse)(const json &)) {
  std::vector<T> Out;
  for (const json &Item : jsonList(J, Outer, Inner))
    Out.push_back(Parse(Item));
  return Out;
}

llvm::Error dropResult(Expected<json> R) {
  return R ? llvm::Error::success() : R.takeError();
}

const char *principalParam(PrincipalKind K) {
  switch (K) {
  case PrincipalKind::User:
    return "UserName";
  case PrincipalKind::Group:
    return "GroupName";
  case PrincipalKind::Role:
    return "RoleName";
  }
  return "UserName";
}

const char *principalSuffix(PrincipalKind K) {
  switch (K) {
  case PrincipalKind::User:
    return "User";
  case PrincipalKind::Group:
    return "Group";
  case PrincipalKind::Role:
    return "Role";
  }
  return "User";
}
} // namespace

llvm::StringRef policyTypeName(PolicyType T) {
  return T == PolicyType::System ? "System" : "Custom";
}

RamClient::RamClient(const ClientConfig &Cfg)
    : Rpc(Cfg, defaultRamEndpoint(), RamApiVersion) {}

RamUser RamClient::parseUser(const json &J) {
  RamUser U;
  U.UserName = jsonString(J, "UserName");
  U.UserId = jsonString(J, "UserId");
  U.DisplayName = jsonString(J, "DisplayName");
  U.Comments = jsonString(J, "Comments");
  U.Email = jsonString(J, "Email");
  U.MobilePhone = jsonString(J, "MobilePhone");
  U.CreateDate = jsonString(J, "CreateDate");
  U.UpdateDate = jsonString(J, "UpdateDate");
  U.Raw = J;
  return U;
}

RamGroup RamClient::parseGroup(const json &J) {
  RamGroup G;
  G.GroupName = jsonString(J, "GroupName");
  G.GroupId = jsonString(J, "GroupId");
  G.Comments = jsonString(J, "Comments");
  G.CreateDate = jsonString(J, "CreateDate");
  G.UpdateDate = jsonString(J, "UpdateDate");
  G.JoinDate = jsonString(J, "JoinDate");
  G.Raw = J;
  return G;
}

RamPolicyVersion RamClient::parsePolicyVersion(const json &J) {
  RamPolicyVersion V;
  V.VersionId = jsonString(J, "VersionId");
  V.IsDefaultVersion = jsonBool(J, "IsDefaultVersion");
  V.PolicyDocument = jsonString(J, "PolicyDocument");
  V.CreateDate = jsonString(J, "CreateDate");
  V.Raw = J;
  return V;
}

RamPolicy RamClient::parsePolicy(const json &J) {
  RamPolicy P;
  P.PolicyName = jsonString(J, "PolicyName");
  P.PolicyType = jsonString(J, "PolicyType");
  P.Description = jsonString(J, "Description");
  P.DefaultVersion = jsonString(J, "DefaultVersion");
  P.AttachmentCount = jsonInt(J, "AttachmentCount");
  P.CreateDate = jsonString(J, "CreateDate");
  P.UpdateDate = jsonString(J, "UpdateDate");
  P.AttachDate = jsonString(J, "AttachDate");
  P.Raw = J;
  return P;
}

RamRole RamClient::parseRole(const json &J) {
  RamRole R;
  R.RoleName = jsonString(J, "RoleName");
  R.RoleId = jsonString(J, "RoleId");
  R.Arn = jsonString(J, "Arn");
  R.Description = jsonString(J, "Description");
  R.AssumeRolePolicyDocument = jsonString(J, "AssumeRolePolicyDocument");
  R.MaxSessionDuration = jsonInt(J, "MaxSessionDuration");
  R.CreateDate = jsonString(J, "CreateDate");
  R.UpdateDate = jsonString(J, "UpdateDate");
  R.Raw = J;
  return R;
}

// --- Users -----------------------------------------------------------------

Expected<RamUser> RamClient::createUser(const CreateUserInput &In) const {
  ParamMap P{{"UserName", In.UserName}};
  setIf(P, "DisplayName", In.DisplayName);
  setIf(P, "Comments", In.Comments);
  setIf(P, "Email", In.Email);
  setIf(P, "MobilePhone", In.MobilePhone);
  auto R = Rpc.call("CreateUser", P);
  if (!R)
    return R.takeError();
  return parseUser(member(*R, "User"));
}

Expected<RamUser> RamClient::getUser(StringRef UserName) const {
  auto R = Rpc.call("GetUser", {{"UserName", UserName.str()}});
  if (!R)
    return R.takeError();
  return parseUser(member(*R, "User"));
}

Expected<RamUser> RamClient::updateUser(const UpdateUserInput &In) const {
  ParamMap P{{"UserName", In.UserName}};
  setOpt(P, "NewUserName", In.NewUserName);
  setOpt(P, "NewDisplayName", In.NewDisplayName);
  setOpt(P, "NewComments", In.NewComments);
  setOpt(P, "NewEmail", In.NewEmail);
  setOpt(P, "NewMobilePhone", In.NewMobilePhone);
  auto R = Rpc.call("UpdateUser", P);
  if (!R)
    return R.takeError();
  return parseUser(member(*R, "User"));
}

llvm::Error RamClient::deleteUser(StringRef UserName) const {
  return dropResult(Rpc.call("DeleteUser", {{"UserName", UserName.str()}}));
}

Expected<MarkerPage<RamUser>>
RamClient::listUsers(const MarkerPageRequest &Page) const {
  ParamMap P;
  addPage(P, Page);
  auto R = Rpc.call("ListUsers", P);
  if (!R)
    return R.takeError();
  return parsePage<RamUser>(*R, "Users", "User", &RamClient::parseUser);
}

Expected<std::vector<RamUser>> RamClient::listAllUsers() const {
  return collectMarkerPages<RamUser>(
      [&](const MarkerPageRequest &Req) { return listUsers(Req); });
}

// --- Groups ----------------------------------------------------------------

Expected<RamGroup> RamClient::createGroup(StringRef GroupName,
                                          StringRef Comments) const {
  ParamMap P{{"GroupName", GroupName.str()}};
  setIf(P, "Comments", Comments.str());
  auto R = Rpc.call("CreateGroup", P);
  if (!R)
    return R.takeError();
  return parseGroup(member(*R, "Group"));
}

Expected<RamGroup> RamClient::getGroup(StringRef GroupName) const {
  auto R = Rpc.call("GetGroup", {{"GroupName", GroupName.str()}});
  if (!R)
    return R.takeError();
  return parseGroup(member(*R, "Group"));
}

Expected<RamGroup> RamClient::updateGroup(const UpdateGroupInput &In) const {
  ParamMap P{{"GroupName", In.GroupName}};
  setOpt(P, "NewGroupName", In.NewGroupName);
  setOpt(P, "NewComments", In.NewComments);
  auto R = Rpc.call("UpdateGroup", P);
  if (!R)
    return R.takeError();
  return parseGroup(member(*R, "Group"));
}

llvm::Error RamClient::deleteGroup(StringRef GroupName) const {
  return dropResult(Rpc.call("DeleteGroup", {{"GroupName", GroupName.str()}}));
}

Expected<MarkerPage<RamGroup>>
RamClient::listGroups(const MarkerPageRequest &Page) const {
  ParamMap P;
  addPage(P, Page);
  auto R = Rpc.call("ListGroups", P);
  if (!R)
    return R.takeError();
  return parsePage<RamGroup>(*R, "Groups", "Group", &RamClient::parseGroup);
}

Expected<std::vector<RamGroup>> RamClient::listAllGroups() const {
  return collectMarkerPages<RamGroup>(
      [&](const MarkerPageRequest &Req) { return listGroups(Req); });
}

llvm::Error RamClient::addUserToGroup(StringRef UserName,
                                      StringRef GroupName) const {
  return dropResult(Rpc.call(
      "AddUserToGroup",
      {{"UserName", UserName.str()}, {"GroupName", GroupName.str()}}));
}

llvm::Error RamClient::removeUserFromGroup(StringRef UserName,
                                           StringRef GroupName) const {
  return dropResult(Rpc.call(
      "RemoveUserFromGroup",
      {{"UserName", UserName.str()}, {"GroupName", GroupName.str()}}));
}

Expected<std::vector<RamGroup>>
RamClient::listGroupsForUser(StringRef UserName) const {
  auto R = Rpc.call("ListGroupsForUser", {{"UserName", UserName.str()}});
  if (!R)
    return R.takeError();
  return parseList<RamGroup>(*R, "Groups", "Group", &RamClient::parseGroup);
}

Expected<std::vector<RamUser>>
RamClient::listUsersForGroup(StringRef GroupName) const {
  auto R = Rpc.call("ListUsersForGroup", {{"GroupName", GroupName.str()}});
  if (!R)
    return R.takeError();
  return parseList<RamUser>(*R, "Users", "User", &RamClient::parseUser);
}

// --- Policies --------------------------------------------------------------

Expected<RamPolicy> RamClient::createPolicy(const CreatePolicyInput &In) const {
  ParamMap P{{"PolicyName", In.PolicyName},
             {"PolicyDocument", In.PolicyDocument}};
  setIf(P, "Description", In.Description);
  auto R = Rpc.call("CreatePolicy", P, RpcMethod::Post);
  if (!R)
    return R.takeError();
  return parsePolicy(member(*R, "Policy"));
}

Expected<RamPolicy> RamClient::getPolicy(StringRef PolicyName,
                                         PolicyType Type) const {
  auto R = Rpc.call("GetPolicy", {{"PolicyName", PolicyName.str()},
                                  {"PolicyType", policyTypeName(Type).str()}});
  if (!R)
    return R.takeError();
  RamPolicy P = parsePolicy(member(*R, "Policy"));
  auto It = R->find("DefaultPolicyVersion");
  if (It != R->end() && It->is_object())
    P.DefaultPolicyVersion = parsePolicyVersion(*It);
  return P;
}

llvm::Error RamClient::deletePolicy(StringRef PolicyName) const {
  return dropResult(
      Rpc.call("DeletePolicy", {{"PolicyName", PolicyName.str()}}));
}

Expected<MarkerPage<RamPolicy>>
RamClient::listPolicies(const MarkerPageRequest &Page,
                        std::optional<PolicyType> Type) const {
  ParamMap P;
  addPage(P, Page);
  if (Type)
    P["PolicyType"] = policyTypeName(*Type).str();
  auto R = Rpc.call("ListPolicies", P);
  if (!R)
    return R.takeError();
  return parsePage<RamPolicy>(*R, "Policies", "Policy", &RamClient::parsePolicy);
}

Expected<std::vector<RamPolicy>>
RamClient::listAllPolicies(std::optional<PolicyType> Type) const {
  return collectMarkerPages<RamPolicy>(
      [&](const MarkerPageRequest &Req) { return listPolicies(Req, Type); });
}

Expected<RamPolicyVersion>
RamClient::createPolicyVersion(StringRef PolicyName, StringRef Document,
                               bool SetAsDefault) const {
  auto R = Rpc.call("CreatePolicyVersion",
                    {{"PolicyName", PolicyName.str()},
                     {"PolicyDocument", Document.str()},
                     {"SetAsDefault", SetAsDefault ? "true" : "false"}},
                    RpcMethod::Post);
  if (!R)
    return R.takeError();
  return parsePolicyVersion(member(*R, "PolicyVersion"));
}

llvm::Error RamClient::setDefaultPolicyVersion(StringRef PolicyName,
                                               StringRef VersionId) const {
  return dropResult(Rpc.call(
      "SetDefaultPolicyVersion",
      {{"PolicyName", PolicyName.str()}, {"VersionId", VersionId.str()}}));
}

llvm::Error RamClient::deletePolicyVersion(StringRef PolicyName,
                                           StringRef VersionId) const {
  return dropResult(Rpc.call(
      "DeletePolicyVersion",
      {{"PolicyName", PolicyName.str()}, {"VersionId", VersionId.str()}}));
}

Expected<std::vector<RamPolicyVersion>>
RamClient::listPolicyVersions(StringRef PolicyName, PolicyType Type) const {
  auto R = Rpc.call("ListPolicyVersions",
                    {{"PolicyName", PolicyName.str()},
                     {"PolicyType", policyTypeName(Type).str()}});
  if (!R)
    return R.takeError();
  return parseList<RamPolicyVersion>(*R, "PolicyVersions", "PolicyVersion",
                                     &RamClient::parsePolicyVersion);
}

// --- Roles -----------------------------------------------------------------

Expected<RamRole> RamClient::createRole(const CreateRoleInput &In) const {
  ParamMap P{{"RoleName", In.RoleName},
             {"AssumeRolePolicyDocument", In.AssumeRolePolicyDocument}};
  setIf(P, "Description", In.Description);
  if (In.MaxSessionDuration)
    P["MaxSessionDuration"] = std::to_string(*In.MaxSessionDuration);
  auto R = Rpc.call("CreateRole", P, RpcMethod::Post);
  if (!R)
    return R.takeError();
  return parseRole(member(*R, "Role"));
}

Expected<RamRole> RamClient::getRole(StringRef RoleName) const {
  auto R = Rpc.call("GetRole", {{"RoleName", RoleName.str()}});
  if (!R)
    return R.takeError();
  return parseRole(member(*R, "Role"));
}

Expected<RamRole> RamClient::updateRole(const UpdateRoleInput &In) const {
  ParamMap P{{"RoleName", In.RoleName}};
  setOpt(P, "NewAssumeRolePolicyDocument", In.NewAssumeRolePolicyDocument);
  setOpt(P, "NewDescription", In.NewDescription);
  if (In.NewMaxSessionDuration)
    P["NewMaxSessionDuration"] = std::to_string(*In.NewMaxSessionDuration);
  auto R = Rpc.call("UpdateRole", P, RpcMethod::Post);
  if (!R)
    return R.takeError();
  return parseRole(member(*R, "Role"));
}

llvm::Error RamClient::deleteRole(StringRef RoleName) const {
  return dropResult(Rpc.call("DeleteRole", {{"RoleName", RoleName.str()}}));
}

Expected<MarkerPage<RamRole>>
RamClient::listRoles(const MarkerPageRequest &Page) const {
  ParamMap P;
  addPage(P, Page);
  auto R = Rpc.call("ListRoles", P);
  if (!R)
    return R.takeError();
  return parsePage<RamRole>(*R, "Roles", "Role", &RamClient::parseRole);
}

Expected<std::vector<RamRole>> RamClient::listAllRoles() const {
  return collectMarkerPages<RamRole>(
      [&](const MarkerPageRequest &Req) { return listRoles(Req); });
}

// --- Attachments -----------------------------------------------------------

llvm::Error RamClient::attachPolicy(PrincipalKind Kind, StringRef PrincipalName,
                                    StringRef PolicyName,
                                    PolicyType Type) const {
  std::string Action = std::string("AttachPolicyTo") + principalSuffix(Kind);
  return dropResult(Rpc.call(Action, {{principalParam(Kind), PrincipalName.str()},
                                      {"PolicyName", PolicyName.str()},
                                      {"PolicyType", policyTypeName(Type).str()}}));
}

llvm::Error RamClient::detachPolicy(PrincipalKind Kind, StringRef PrincipalName,
                                    StringRef PolicyName,
                                    PolicyType Type) const {
  std::string Action = std::string("DetachPolicyFrom") + principalSuffix(Kind);
  return dropResult(Rpc.call(Action, {{principalParam(Kind), PrincipalName.str()},
                                      {"PolicyName", PolicyName.str()},
                                      {"PolicyType", policyTypeName(Type).str()}}));
}

Expected<std::vector<RamPolicy>>
RamClient::listPoliciesFor(PrincipalKind Kind, StringRef PrincipalName) const {
  std::string Action = std::string("ListPoliciesFor") + principalSuffix(Kind);
  auto R = Rpc.call(Action, {{principalParam(Kind), PrincipalName.str()}});
  if (!R)
    return R.takeError();
  return parseList<RamPolicy>(*R, "Policies", "Policy", &RamClient::parsePolicy);
}

} // namespace rtc::cloud
