// RAM 2015-05-01 (RPC): users, groups, policies, roles and attachments.
#include "ServiceContext.h"

#include "rtc/Domain/DomainFacts.h"
#include "rtc/Emulator/DomainTables.h"
#include "rtc/Emulator/PolicyEvaluator.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <functional>
#include <map>

namespace rtc::emulator {

using cloud::ParamMap;

//===----------------------------------------------------------------------===//
// Shared with the Realtime Compute service: authorisation.
//===----------------------------------------------------------------------===//

std::string ServiceContext::ramArn(const std::string &Resource) const {
  return "acs:ram:*:" + account() + ":" + Resource;
}

std::string ServiceContext::streamArn(const std::string &Resource) const {
  return "acs:stream:" + Opts.Region + ":" + account() + ":" + Resource;
}

std::vector<std::string> groupsOfUser(Store &S, const std::string &User) {
  std::vector<std::string> Out;
  for (auto &[Id, M] : S.list("Membership"))
    if (M.value("UserName", "") == User)
      Out.push_back(M.value("GroupName", ""));
  return Out;
}

std::optional<json> policyDocument(Store &S, const std::string &Type,
                                   const std::string &Name) {
  if (Type == "System") {
    if (const SystemPolicy *P = findSystemPolicy(Name))
      return json::parse(P->Document);
    return std::nullopt;
  }
  auto P = S.get("Policy", Name);
  if (!P)
    return std::nullopt;
  for (const json &V : (*P)["Versions"])
    if (V["VersionId"] == (*P)["DefaultVersion"])
      return json::parse(V.value("PolicyDocument", "{}"));
  return std::nullopt;
}

std::vector<json> ServiceContext::attachedDocuments(const std::string &Type,
                                                    const std::string &Name) {
  std::vector<json> Docs;
  for (auto &[Id, A] : S.list("Attachment", Type + "/" + Name + "/"))
    if (auto D = policyDocument(S, A.value("PolicyType", ""),
                                A.value("PolicyName", "")))
      Docs.push_back(std::move(*D));
  return Docs;
}

bool ServiceContext::allowed(const std::string &Action,
                             const std::string &Resource) {
  if (Who.isMainAccount())
    return true;
  std::vector<json> Docs = attachedDocuments("User", Who.UserName);
  for (const std::string &G : groupsOfUser(S, Who.UserName))
    for (json &D : attachedDocuments("Group", G))
      Docs.push_back(std::move(D));
  return evaluatePolicies(Docs, Action, Resource) == Decision::Allow;
}

void ServiceContext::authorize(const std::string &Action,
                               const std::string &Resource) {
  if (!allowed(Action, Resource))
    fail(Err::ForbiddenRam, {Action, Resource});
}

//===----------------------------------------------------------------------===//
// RAM handlers
//===----------------------------------------------------------------------===//

namespace {

struct Request {
  ServiceContext &C;
  const ParamMap &P;

  std::string req(const char *Name) const {
    auto It = P.find(Name);
    if (It == P.end() || It->second.empty())
      fail(Err::MissingParameter, {Name});
    return It->second;
  }
  std::optional<std::string> opt(const char *Name) const {
    auto It = P.find(Name);
    if (It == P.end())
      return std::nullopt;
    return It->second;
  }
  std::string get(const char *Name, const std::string &Default = "") const {
    return opt(Name).value_or(Default);
  }
};

const domain::DomainFacts &facts() { return domain::embeddedFacts(); }

/// role.rtc's default max_session_duration is RAM's minimum.
int64_t defaultSessionDuration() { return facts().Ram.MinSessionDuration; }

/// limits.rtc's name rule for \p Kind, or refuses \p Name with \p E.
void needName(llvm::StringRef Kind, const std::string &Name, Err E) {
  if (!facts().matchesNameRule(Kind, Name))
    fail(E, {Name, facts().NameRules.at(Kind.str())});
}

void checkPolicyText(const std::string &Doc) {
  unsigned Max = facts().Ram.PolicyDocumentBytes; // docs/service.md#ram-limits
  if (Doc.size() > Max)
    fail(Err::PolicyDocumentTooLong,
         {std::to_string(Doc.size()), std::to_string(Max)});
  if (auto Problem = checkPolicyDocument(Doc))
    fail(Err::MalformedPolicyDocument, {*Problem});
}

std::string newId(ServiceContext &C, const char *Kind, int64_t Base) {
  return std::to_string(Base + C.S.nextSequence(Kind));
}

json need(ServiceContext &C, const char *Kind, const char *Noun,
          const std::string &Name) {
  auto O = C.S.get(Kind, Name);
  if (!O)
    fail(Err::EntityNotExist, {Kind, Noun, Name});
  return *O;
}

void mustNotExist(ServiceContext &C, const char *Kind, const char *Noun,
                  const std::string &Name) {
  if (C.S.get(Kind, Name))
    fail(Err::EntityAlreadyExists, {Kind, Noun, Name});
}

/// RAM's list paging: items sorted by key; Marker is the key to resume at.
json page(const Request &R, std::vector<std::pair<std::string, json>> Items,
          const char *Outer, const char *Inner) {
  int Max = 100;
  if (auto M = R.opt("MaxItems")) {
    if (!llvm::to_integer(*M, Max) || Max < 1 || Max > 1000)
      fail(Err::InvalidParameter, {"MaxItems", "must be 1-1000"});
  }
  std::sort(Items.begin(), Items.end(),
            [](auto &A, auto &B) { return A.first < B.first; });
  size_t Start = 0;
  if (auto M = R.opt("Marker"); M && !M->empty()) {
    while (Start < Items.size() && Items[Start].first < *M)
      ++Start;
    if (Start == Items.size() || Items[Start].first != *M)
      fail(Err::InvalidMarker, {*M});
  }
  json List = json::array();
  size_t I = Start;
  for (; I < Items.size() && List.size() < static_cast<size_t>(Max); ++I)
    List.push_back(Items[I].second);
  json Out = {{"IsTruncated", I < Items.size()}, {Outer, {{Inner, List}}}};
  if (I < Items.size())
    Out["Marker"] = Items[I].first;
  return Out;
}

/// page() over every object of \p Kind, read from the store one page at a
/// time (ListUsers at 100,000 users costs what it costs at 100).
json pageOfKind(const Request &R, const char *Kind, const char *Outer,
                const char *Inner) {
  int Max = 100;
  if (auto M = R.opt("MaxItems")) {
    if (!llvm::to_integer(*M, Max) || Max < 1 || Max > 1000)
      fail(Err::InvalidParameter, {"MaxItems", "must be 1-1000"});
  }
  std::string From;
  if (auto M = R.opt("Marker"); M && !M->empty()) {
    if (!R.C.S.get(Kind, *M))
      fail(Err::InvalidMarker, {truncateUtf8(*M, 128)});
    From = *M;
  }
  auto Rows = R.C.S.listFrom(Kind, From, static_cast<int64_t>(Max) + 1);
  json List = json::array();
  for (size_t I = 0; I < Rows.size() && I < static_cast<size_t>(Max); ++I)
    List.push_back(Rows[I].second);
  bool More = Rows.size() > static_cast<size_t>(Max);
  json Out = {{"IsTruncated", More}, {Outer, {{Inner, List}}}};
  if (More)
    Out["Marker"] = Rows[static_cast<size_t>(Max)].first;
  return Out;
}

//--- Users ------------------------------------------------------------------

json userView(const json &U) { return U; }

json createUser(Request R) {
  std::string Name = R.req("UserName");
  R.C.authorize("ram:CreateUser", R.C.ramArn("user/" + Name));
  needName("user", Name, Err::InvalidUserName);
  mustNotExist(R.C, "User", "user", Name);
  json U = {{"UserName", Name},
            {"UserId", newId(R.C, "User", 200000000000000000LL)},
            {"DisplayName", R.get("DisplayName", Name)},
            {"MobilePhone", R.get("MobilePhone")},
            {"Email", R.get("Email")},
            {"Comments", R.get("Comments")},
            {"CreateDate", R.C.nowIso()},
            {"UpdateDate", R.C.nowIso()}};
  R.C.S.put("User", Name, U);
  return {{"User", userView(U)}};
}

json getUser(Request R) {
  std::string Name = R.req("UserName");
  R.C.authorize("ram:GetUser", R.C.ramArn("user/" + Name));
  return {{"User", userView(need(R.C, "User", "user", Name))}};
}

/// Moves every record that names a principal to its new name.
void renamePrincipal(Store &S, const std::string &Type, const std::string &Old,
                     const std::string &New) {
  for (auto &[Id, A] : S.list("Attachment", Type + "/" + Old + "/")) {
    S.erase("Attachment", Id);
    A["PrincipalName"] = New;
    S.put("Attachment",
          Type + "/" + New + "/" + A.value("PolicyType", "") + "/" +
              A.value("PolicyName", ""),
          A);
  }
  const char *Field = Type == "User" ? "UserName" : "GroupName";
  for (auto &[Id, M] : S.list("Membership")) {
    if (M.value(Field, "") != Old)
      continue;
    S.erase("Membership", Id);
    M[Field] = New;
    S.put("Membership",
          M.value("GroupName", "") + "/" + M.value("UserName", ""), M);
  }
  if (Type == "User")
    for (auto &[Id, K] : S.list("AccessKey"))
      if (K.value("UserName", "") == Old) {
        K["UserName"] = New;
        S.put("AccessKey", Id, K);
      }
}

json updateUser(Request R) {
  std::string Name = R.req("UserName");
  R.C.authorize("ram:UpdateUser", R.C.ramArn("user/" + Name));
  json U = need(R.C, "User", "user", Name);
  if (auto N = R.opt("NewUserName"); N && *N != Name) {
    needName("user", *N, Err::InvalidUserName);
    mustNotExist(R.C, "User", "user", *N);
    R.C.S.erase("User", Name);
    renamePrincipal(R.C.S, "User", Name, *N);
    U["UserName"] = *N;
    Name = *N;
  }
  for (auto [Param, Field] : {std::pair{"NewDisplayName", "DisplayName"},
                              {"NewMobilePhone", "MobilePhone"},
                              {"NewEmail", "Email"},
                              {"NewComments", "Comments"}})
    if (auto V = R.opt(Param))
      U[Field] = *V;
  U["UpdateDate"] = R.C.nowIso();
  R.C.S.put("User", Name, U);
  return {{"User", userView(U)}};
}

json deleteUser(Request R) {
  std::string Name = R.req("UserName");
  R.C.authorize("ram:DeleteUser", R.C.ramArn("user/" + Name));
  need(R.C, "User", "user", Name);
  for (const std::string &G : groupsOfUser(R.C.S, Name))
    fail(Err::DeleteConflictUserGroup, {Name, G});
  for (auto &[Id, A] : R.C.S.list("Attachment", "User/" + Name + "/"))
    fail(Err::DeleteConflictUserPolicy, {Name, A.value("PolicyName", "")});
  for (auto &[Id, K] : R.C.S.list("AccessKey"))
    if (K.value("UserName", "") == Name)
      fail(Err::DeleteConflictUserAccessKey, {Name, Id});
  R.C.S.erase("User", Name);
  return json::object();
}

json listUsers(Request R) {
  R.C.authorize("ram:ListUsers", R.C.ramArn("*"));
  return pageOfKind(R, "User", "Users", "User");
}

//--- Groups -----------------------------------------------------------------

json createGroup(Request R) {
  std::string Name = R.req("GroupName");
  R.C.authorize("ram:CreateGroup", R.C.ramArn("group/" + Name));
  needName("group", Name, Err::InvalidGroupName);
  mustNotExist(R.C, "Group", "group", Name);
  json G = {{"GroupName", Name},
            {"GroupId", newId(R.C, "Group", 300000000000000000LL)},
            {"Comments", R.get("Comments")},
            {"CreateDate", R.C.nowIso()},
            {"UpdateDate", R.C.nowIso()}};
  R.C.S.put("Group", Name, G);
  return {{"Group", G}};
}

json getGroup(Request R) {
  std::string Name = R.req("GroupName");
  R.C.authorize("ram:GetGroup", R.C.ramArn("group/" + Name));
  return {{"Group", need(R.C, "Group", "group", Name)}};
}

json updateGroup(Request R) {
  std::string Name = R.req("GroupName");
  R.C.authorize("ram:UpdateGroup", R.C.ramArn("group/" + Name));
  json G = need(R.C, "Group", "group", Name);
  if (auto N = R.opt("NewGroupName"); N && *N != Name) {
    needName("group", *N, Err::InvalidGroupName);
    mustNotExist(R.C, "Group", "group", *N);
    R.C.S.erase("Group", Name);
    renamePrincipal(R.C.S, "Group", Name, *N);
    G["GroupName"] = *N;
    Name = *N;
  }
  if (auto V = R.opt("NewComments"))
    G["Comments"] = *V;
  G["UpdateDate"] = R.C.nowIso();
  R.C.S.put("Group", Name, G);
  return {{"Group", G}};
}

json deleteGroup(Request R) {
  std::string Name = R.req("GroupName");
  R.C.authorize("ram:DeleteGroup", R.C.ramArn("group/" + Name));
  need(R.C, "Group", "group", Name);
  for (auto &[Id, M] : R.C.S.list("Membership", Name + "/"))
    fail(Err::DeleteConflictGroupUser, {Name, M.value("UserName", "")});
  for (auto &[Id, A] : R.C.S.list("Attachment", "Group/" + Name + "/"))
    fail(Err::DeleteConflictGroupPolicy, {Name, A.value("PolicyName", "")});
  R.C.S.erase("Group", Name);
  return json::object();
}

json listGroups(Request R) {
  R.C.authorize("ram:ListGroups", R.C.ramArn("*"));
  return pageOfKind(R, "Group", "Groups", "Group");
}

json addUserToGroup(Request R) {
  std::string G = R.req("GroupName"), U = R.req("UserName");
  R.C.authorize("ram:AddUserToGroup", R.C.ramArn("group/" + G));
  need(R.C, "Group", "group", G);
  need(R.C, "User", "user", U);
  if (R.C.S.get("Membership", G + "/" + U))
    fail(Err::AlreadyMember, {U, G});
  R.C.S.put("Membership", G + "/" + U,
            {{"GroupName", G}, {"UserName", U}, {"JoinDate", R.C.nowIso()}});
  return json::object();
}

json removeUserFromGroup(Request R) {
  std::string G = R.req("GroupName"), U = R.req("UserName");
  R.C.authorize("ram:RemoveUserFromGroup", R.C.ramArn("group/" + G));
  need(R.C, "Group", "group", G);
  need(R.C, "User", "user", U);
  if (!R.C.S.erase("Membership", G + "/" + U))
    fail(Err::NotMember, {U, G});
  return json::object();
}

json listGroupsForUser(Request R) {
  std::string U = R.req("UserName");
  R.C.authorize("ram:ListGroupsForUser", R.C.ramArn("user/" + U));
  need(R.C, "User", "user", U);
  json L = json::array();
  for (const std::string &G : groupsOfUser(R.C.S, U)) {
    json Group = *R.C.S.get("Group", G);
    Group["JoinDate"] =
        R.C.S.get("Membership", G + "/" + U)->value("JoinDate", "");
    L.push_back(Group);
  }
  return {{"Groups", {{"Group", L}}}};
}

json listUsersForGroup(Request R) {
  std::string G = R.req("GroupName");
  R.C.authorize("ram:ListUsersForGroup", R.C.ramArn("group/" + G));
  need(R.C, "Group", "group", G);
  json L = json::array();
  for (auto &[Id, M] : R.C.S.list("Membership", G + "/")) {
    json U = *R.C.S.get("User", M.value("UserName", ""));
    U["JoinDate"] = M.value("JoinDate", "");
    L.push_back(U);
  }
  return {{"Users", {{"User", L}}}};
}

//--- Policies ---------------------------------------------------------------

std::string policyType(const Request &R, bool Required) {
  std::string T =
      Required ? R.req("PolicyType") : R.get("PolicyType", "Custom");
  if (T != "System" && T != "Custom")
    fail(Err::InvalidPolicyType, {T});
  return T;
}

int64_t attachmentCount(Store &S, const std::string &Type,
                        const std::string &Name) {
  int64_t N = 0;
  for (auto &[Id, A] : S.list("Attachment"))
    N += A.value("PolicyType", "") == Type && A.value("PolicyName", "") == Name;
  return N;
}

json policySummary(Store &S, const json &P) {
  json Out = P;
  Out.erase("Versions");
  Out.erase("NextVersion");
  Out["AttachmentCount"] =
      attachmentCount(S, "Custom", P.value("PolicyName", ""));
  return Out;
}

json systemPolicySummary(Store &S, const SystemPolicy &P) {
  return {{"PolicyName", P.Name},
          {"PolicyType", "System"},
          {"Description", P.Description},
          {"DefaultVersion", "v1"},
          {"CreateDate", "2015-05-01T00:00:00Z"},
          {"UpdateDate", "2015-05-01T00:00:00Z"},
          {"AttachmentCount", attachmentCount(S, "System", P.Name)}};
}

json versionView(const json &P, const json &V) {
  return {{"VersionId", V["VersionId"]},
          {"IsDefaultVersion", V["VersionId"] == P["DefaultVersion"]},
          {"PolicyDocument", V["PolicyDocument"]},
          {"CreateDate", V["CreateDate"]}};
}

json createPolicy(Request R) {
  std::string Name = R.req("PolicyName");
  R.C.authorize("ram:CreatePolicy", R.C.ramArn("policy/" + Name));
  needName("policy", Name, Err::InvalidPolicyName);
  std::string Doc = R.req("PolicyDocument");
  checkPolicyText(Doc);
  if (findSystemPolicy(Name))
    fail(Err::EntityAlreadyExists, {"Policy", "policy", Name});
  mustNotExist(R.C, "Policy", "policy", Name);
  json P = {{"PolicyName", Name},
            {"PolicyType", "Custom"},
            {"Description", R.get("Description")},
            {"DefaultVersion", "v1"},
            {"CreateDate", R.C.nowIso()},
            {"UpdateDate", R.C.nowIso()},
            {"NextVersion", 2},
            {"Versions",
             {{{"VersionId", "v1"},
               {"PolicyDocument", Doc},
               {"CreateDate", R.C.nowIso()}}}}};
  R.C.S.put("Policy", Name, P);
  return {{"Policy", policySummary(R.C.S, P)}};
}

json getPolicy(Request R) {
  std::string Name = R.req("PolicyName");
  std::string Type = policyType(R, false);
  R.C.authorize("ram:GetPolicy", R.C.ramArn("policy/" + Name));
  if (Type == "System") {
    const SystemPolicy *SP = findSystemPolicy(Name);
    if (!SP)
      fail(Err::EntityNotExist, {"Policy", "policy", Name});
    json Out = {{"Policy", systemPolicySummary(R.C.S, *SP)}};
    Out["Policy"]["PolicyDocument"] = SP->Document;
    Out["DefaultPolicyVersion"] = {{"VersionId", "v1"},
                                   {"IsDefaultVersion", true},
                                   {"PolicyDocument", SP->Document}};
    return Out;
  }
  json P = need(R.C, "Policy", "policy", Name);
  json Out = {{"Policy", policySummary(R.C.S, P)}};
  for (const json &V : P["Versions"])
    if (V["VersionId"] == P["DefaultVersion"]) {
      Out["Policy"]["PolicyDocument"] = V["PolicyDocument"];
      Out["DefaultPolicyVersion"] = versionView(P, V);
    }
  return Out;
}

json deletePolicy(Request R) {
  std::string Name = R.req("PolicyName");
  R.C.authorize("ram:DeletePolicy", R.C.ramArn("policy/" + Name));
  json P = need(R.C, "Policy", "policy", Name);
  for (auto &[Id, A] : R.C.S.list("Attachment"))
    if (A.value("PolicyType", "") == "Custom" &&
        A.value("PolicyName", "") == Name) {
      std::string T = A.value("PrincipalType", "");
      fail(Err::DeleteConflictPolicyAttachment,
           {T, Name, llvm::StringRef(T).lower(), A.value("PrincipalName", "")});
    }
  // RAM refuses while non-default versions remain.
  for (const json &V : P["Versions"])
    if (V["VersionId"] != P["DefaultVersion"])
      fail(Err::DeleteConflictPolicyVersion, {Name, V.value("VersionId", "")});
  R.C.S.erase("Policy", Name);
  return json::object();
}

json listPolicies(Request R) {
  R.C.authorize("ram:ListPolicies", R.C.ramArn("*"));
  std::optional<std::string> Type;
  if (R.opt("PolicyType") && !R.get("PolicyType").empty())
    Type = policyType(R, true);
  std::vector<std::pair<std::string, json>> Items;
  if (!Type || *Type == "System")
    for (const SystemPolicy &SP : systemPolicies())
      Items.emplace_back(std::string("System:") + SP.Name,
                         systemPolicySummary(R.C.S, SP));
  if (!Type || *Type == "Custom")
    for (auto &[Id, P] : R.C.S.list("Policy"))
      Items.emplace_back("Custom:" + Id, policySummary(R.C.S, P));
  return page(R, std::move(Items), "Policies", "Policy");
}

json createPolicyVersion(Request R) {
  std::string Name = R.req("PolicyName");
  R.C.authorize("ram:CreatePolicyVersion", R.C.ramArn("policy/" + Name));
  json P = need(R.C, "Policy", "policy", Name);
  std::string Doc = R.req("PolicyDocument");
  checkPolicyText(Doc);
  json &Versions = P["Versions"];
  if (Versions.size() >= facts().Ram.PolicyVersions) {
    if (R.get("RotateStrategy", "None") !=
        "DeleteOldestNonDefaultVersionWhenLimitExceeded")
      fail(Err::PolicyVersionLimit,
           {Name, std::to_string(facts().Ram.PolicyVersions)});
    for (size_t I = 0; I < Versions.size(); ++I)
      if (Versions[I]["VersionId"] != P["DefaultVersion"]) {
        Versions.erase(I);
        break;
      }
  }
  int64_t N = P.value("NextVersion", 2);
  json V = {{"VersionId", "v" + std::to_string(N)},
            {"PolicyDocument", Doc},
            {"CreateDate", R.C.nowIso()}};
  Versions.push_back(V);
  P["NextVersion"] = N + 1;
  if (R.get("SetAsDefault") == "true")
    P["DefaultVersion"] = V["VersionId"];
  P["UpdateDate"] = R.C.nowIso();
  R.C.S.put("Policy", Name, P);
  return {{"PolicyVersion", versionView(P, V)}};
}

json setDefaultPolicyVersion(Request R) {
  std::string Name = R.req("PolicyName"), Version = R.req("VersionId");
  R.C.authorize("ram:SetDefaultPolicyVersion", R.C.ramArn("policy/" + Name));
  json P = need(R.C, "Policy", "policy", Name);
  bool Found = false;
  for (const json &V : P["Versions"])
    Found |= V["VersionId"] == Version;
  if (!Found)
    fail(Err::EntityNotExist,
         {"Policy.Version", "policy version", Name + ":" + Version});
  P["DefaultVersion"] = Version;
  P["UpdateDate"] = R.C.nowIso();
  R.C.S.put("Policy", Name, P);
  return json::object();
}

json deletePolicyVersion(Request R) {
  std::string Name = R.req("PolicyName"), Version = R.req("VersionId");
  R.C.authorize("ram:DeletePolicyVersion", R.C.ramArn("policy/" + Name));
  json P = need(R.C, "Policy", "policy", Name);
  if (P["DefaultVersion"] == Version)
    fail(Err::DeleteConflictDefaultVersion, {Name, Version});
  json &Versions = P["Versions"];
  for (size_t I = 0; I < Versions.size(); ++I)
    if (Versions[I]["VersionId"] == Version) {
      Versions.erase(I);
      R.C.S.put("Policy", Name, P);
      return json::object();
    }
  fail(Err::EntityNotExist,
       {"Policy.Version", "policy version", Name + ":" + Version});
}

json listPolicyVersions(Request R) {
  std::string Name = R.req("PolicyName");
  std::string Type = policyType(R, false);
  R.C.authorize("ram:ListPolicyVersions", R.C.ramArn("policy/" + Name));
  json L = json::array();
  if (Type == "System") {
    const SystemPolicy *SP = findSystemPolicy(Name);
    if (!SP)
      fail(Err::EntityNotExist, {"Policy", "policy", Name});
    L.push_back({{"VersionId", "v1"},
                 {"IsDefaultVersion", true},
                 {"PolicyDocument", SP->Document}});
  } else {
    json P = need(R.C, "Policy", "policy", Name);
    for (const json &V : P["Versions"])
      L.push_back(versionView(P, V));
  }
  return {{"PolicyVersions", {{"PolicyVersion", L}}}};
}

//--- Roles ------------------------------------------------------------------

int64_t sessionDuration(const Request &R, const char *Param, int64_t Default) {
  auto V = R.opt(Param);
  if (!V)
    return Default;
  int64_t N = 0;
  const domain::DomainFacts::RamLimits &L = facts().Ram;
  if (!llvm::to_integer(*V, N) || N < L.MinSessionDuration ||
      N > L.MaxSessionDuration)
    fail(Err::InvalidMaxSessionDuration,
         {*V, std::to_string(L.MinSessionDuration),
          std::to_string(L.MaxSessionDuration)});
  return N;
}

json createRole(Request R) {
  std::string Name = R.req("RoleName");
  R.C.authorize("ram:CreateRole", R.C.ramArn("role/" + Name));
  // limits.rtc has no role name rule; RAM's user rule is the emulator's
  // stand-in (docs/service.md#name-rules names none for roles).
  needName("user", Name, Err::InvalidRoleName);
  std::string Trust = R.req("AssumeRolePolicyDocument");
  if (Trust.size() > 2048 || json::parse(Trust, nullptr, false).is_discarded())
    fail(Err::MalformedPolicyDocument,
         {"AssumeRolePolicyDocument is not JSON"});
  int64_t Duration =
      sessionDuration(R, "MaxSessionDuration", defaultSessionDuration());
  mustNotExist(R.C, "Role", "role", Name);
  json Role = {{"RoleName", Name},
               {"RoleId", newId(R.C, "Role", 400000000000000000LL)},
               {"Arn", "acs:ram::" + R.C.account() + ":role/" +
                           llvm::StringRef(Name).lower()},
               {"Description", R.get("Description")},
               {"AssumeRolePolicyDocument", Trust},
               {"MaxSessionDuration", Duration},
               {"CreateDate", R.C.nowIso()},
               {"UpdateDate", R.C.nowIso()}};
  R.C.S.put("Role", Name, Role);
  return {{"Role", Role}};
}

json getRole(Request R) {
  std::string Name = R.req("RoleName");
  R.C.authorize("ram:GetRole", R.C.ramArn("role/" + Name));
  return {{"Role", need(R.C, "Role", "role", Name)}};
}

json updateRole(Request R) {
  std::string Name = R.req("RoleName");
  R.C.authorize("ram:UpdateRole", R.C.ramArn("role/" + Name));
  json Role = need(R.C, "Role", "role", Name);
  if (auto T = R.opt("NewAssumeRolePolicyDocument")) {
    if (json::parse(*T, nullptr, false).is_discarded())
      fail(Err::MalformedPolicyDocument,
           {"NewAssumeRolePolicyDocument is not JSON"});
    Role["AssumeRolePolicyDocument"] = *T;
  }
  Role["MaxSessionDuration"] = sessionDuration(
      R, "NewMaxSessionDuration",
      Role.value("MaxSessionDuration", defaultSessionDuration()));
  if (auto D = R.opt("NewDescription"))
    Role["Description"] = *D;
  Role["UpdateDate"] = R.C.nowIso();
  R.C.S.put("Role", Name, Role);
  return {{"Role", Role}};
}

json deleteRole(Request R) {
  std::string Name = R.req("RoleName");
  R.C.authorize("ram:DeleteRole", R.C.ramArn("role/" + Name));
  need(R.C, "Role", "role", Name);
  for (auto &[Id, A] : R.C.S.list("Attachment", "Role/" + Name + "/"))
    fail(Err::DeleteConflictRolePolicy, {Name, A.value("PolicyName", "")});
  R.C.S.erase("Role", Name);
  return json::object();
}

json listRoles(Request R) {
  R.C.authorize("ram:ListRoles", R.C.ramArn("*"));
  return pageOfKind(R, "Role", "Roles", "Role");
}

//--- Attachments ------------------------------------------------------------

struct PrincipalKind {
  const char *Type;  // "User"
  const char *Param; // "UserName"
  const char *Noun;  // "user"
};
const PrincipalKind UserKind{"User", "UserName", "user"};
const PrincipalKind GroupKind{"Group", "GroupName", "group"};
const PrincipalKind RoleKind{"Role", "RoleName", "role"};

std::string attachmentId(const PrincipalKind &K, const std::string &Principal,
                         const std::string &Type, const std::string &Policy) {
  return std::string(K.Type) + "/" + Principal + "/" + Type + "/" + Policy;
}

std::function<json(Request)> attach(const PrincipalKind &K) {
  return [&K](Request R) -> json {
    std::string Type = policyType(R, true), Policy = R.req("PolicyName");
    std::string Principal = R.req(K.Param);
    R.C.authorize(std::string("ram:AttachPolicyTo") + K.Type,
                  R.C.ramArn(std::string(K.Noun) + "/" + Principal));
    if (!policyDocument(R.C.S, Type, Policy))
      fail(Err::EntityNotExist, {"Policy", "policy", Policy});
    need(R.C, K.Type, K.Noun, Principal);
    std::string Id = attachmentId(K, Principal, Type, Policy);
    if (R.C.S.get("Attachment", Id))
      fail(Err::AlreadyAttached, {K.Type, Policy, K.Noun, Principal});
    R.C.S.put("Attachment", Id,
              {{"PrincipalType", K.Type},
               {"PrincipalName", Principal},
               {"PolicyType", Type},
               {"PolicyName", Policy},
               {"AttachDate", R.C.nowIso()}});
    return json::object();
  };
}

std::function<json(Request)> detach(const PrincipalKind &K) {
  return [&K](Request R) -> json {
    std::string Type = policyType(R, true), Policy = R.req("PolicyName");
    std::string Principal = R.req(K.Param);
    R.C.authorize(std::string("ram:DetachPolicyFrom") + K.Type,
                  R.C.ramArn(std::string(K.Noun) + "/" + Principal));
    if (!policyDocument(R.C.S, Type, Policy))
      fail(Err::EntityNotExist, {"Policy", "policy", Policy});
    need(R.C, K.Type, K.Noun, Principal);
    if (!R.C.S.erase("Attachment", attachmentId(K, Principal, Type, Policy)))
      fail(Err::NotAttached, {K.Type, Policy, K.Noun, Principal});
    return json::object();
  };
}

std::function<json(Request)> listFor(const PrincipalKind &K) {
  return [&K](Request R) -> json {
    std::string Principal = R.req(K.Param);
    R.C.authorize(std::string("ram:ListPoliciesFor") + K.Type,
                  R.C.ramArn(std::string(K.Noun) + "/" + Principal));
    need(R.C, K.Type, K.Noun, Principal);
    json L = json::array();
    for (auto &[Id, A] : R.C.S.list("Attachment", std::string(K.Type) + "/" +
                                                      Principal + "/")) {
      std::string Type = A.value("PolicyType", ""),
                  Name = A.value("PolicyName", "");
      json P;
      if (Type == "System")
        P = systemPolicySummary(R.C.S, *findSystemPolicy(Name));
      else
        P = policySummary(R.C.S, *R.C.S.get("Policy", Name));
      P.erase("AttachmentCount");
      P["AttachDate"] = A["AttachDate"];
      L.push_back(P);
    }
    return {{"Policies", {{"Policy", L}}}};
  };
}

json listEntitiesForPolicy(Request R) {
  std::string Type = policyType(R, true), Name = R.req("PolicyName");
  R.C.authorize("ram:ListEntitiesForPolicy", R.C.ramArn("policy/" + Name));
  if (!policyDocument(R.C.S, Type, Name))
    fail(Err::EntityNotExist, {"Policy", "policy", Name});
  json Out = {{"Users", {{"User", json::array()}}},
              {"Groups", {{"Group", json::array()}}},
              {"Roles", {{"Role", json::array()}}}};
  for (auto &[Id, A] : R.C.S.list("Attachment")) {
    if (A.value("PolicyType", "") != Type || A.value("PolicyName", "") != Name)
      continue;
    std::string T = A.value("PrincipalType", "");
    json E = *R.C.S.get(T, A.value("PrincipalName", ""));
    E["AttachDate"] = A["AttachDate"];
    Out[T + "s"][T].push_back(E);
  }
  return Out;
}

using Handler = std::function<json(Request)>;

const std::map<std::string, Handler> &ramActions() {
  static const std::map<std::string, Handler> Actions = {
      {"CreateUser", createUser},
      {"GetUser", getUser},
      {"UpdateUser", updateUser},
      {"DeleteUser", deleteUser},
      {"ListUsers", listUsers},
      {"CreateGroup", createGroup},
      {"GetGroup", getGroup},
      {"UpdateGroup", updateGroup},
      {"DeleteGroup", deleteGroup},
      {"ListGroups", listGroups},
      {"AddUserToGroup", addUserToGroup},
      {"RemoveUserFromGroup", removeUserFromGroup},
      {"ListGroupsForUser", listGroupsForUser},
      {"ListUsersForGroup", listUsersForGroup},
      {"CreatePolicy", createPolicy},
      {"GetPolicy", getPolicy},
      {"DeletePolicy", deletePolicy},
      {"ListPolicies", listPolicies},
      {"CreatePolicyVersion", createPolicyVersion},
      {"SetDefaultPolicyVersion", setDefaultPolicyVersion},
      {"DeletePolicyVersion", deletePolicyVersion},
      {"ListPolicyVersions", listPolicyVersions},
      {"CreateRole", createRole},
      {"GetRole", getRole},
      {"UpdateRole", updateRole},
      {"DeleteRole", deleteRole},
      {"ListRoles", listRoles},
      {"AttachPolicyToUser", attach(UserKind)},
      {"AttachPolicyToGroup", attach(GroupKind)},
      {"AttachPolicyToRole", attach(RoleKind)},
      {"DetachPolicyFromUser", detach(UserKind)},
      {"DetachPolicyFromGroup", detach(GroupKind)},
      {"DetachPolicyFromRole", detach(RoleKind)},
      {"ListPoliciesForUser", listFor(UserKind)},
      {"ListPoliciesForGroup", listFor(GroupKind)},
      {"ListPoliciesForRole", listFor(RoleKind)},
      {"ListEntitiesForPolicy", listEntitiesForPolicy},
  };
  return Actions;
}

} // namespace

size_t utf8Characters(const std::string &Text) {
  return static_cast<size_t>(llvm::count_if(Text, [](char Ch) {
    return (static_cast<unsigned char>(Ch) & 0xC0) != 0x80;
  }));
}

/// Refuses a free-text parameter longer than RAM allows, as RAM does.
void checkTextLimits(const ParamMap &Params) {
  // ram/limits.rtc `ram_text_limits`: the emulator repeats no number of it.
  const std::map<std::string, unsigned> &Limits = facts().RamTextLimits;
  for (const auto &[Name, Value] : Params) {
    llvm::StringRef Field(Name);
    Field.consume_front("New");
    auto It = Limits.find(Field.str());
    if (It == Limits.end())
      continue;
    size_t Max = It->second;
    if (size_t N = utf8Characters(Value); N > Max)
      fail(Err::FieldTooLong, {Name, std::to_string(N), std::to_string(Max)});
  }
}

json handleRam(ServiceContext &C, const ParamMap &Params) {
  auto Get = [&](const char *K) {
    auto It = Params.find(K);
    return It == Params.end() ? std::string() : It->second;
  };
  std::string Action = Get("Action");
  if (Action.empty())
    fail(Err::MissingParameter, {"Action"});
  if (Get("Version") != "2015-05-01")
    fail(Err::UnsupportedVersion, {Get("Version"), "RAM 2015-05-01"});
  auto It = ramActions().find(Action);
  if (It == ramActions().end())
    fail(Err::UnsupportedAction, {truncateUtf8(Action, 128)});
  checkTextLimits(Params);
  return It->second(Request{C, Params});
}

} // namespace rtc::emulator
