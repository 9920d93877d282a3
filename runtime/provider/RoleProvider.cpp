// RAM roles (schema `role`): the trust list becomes the
// AssumeRolePolicyDocument, `policies` become attachments. CloudId is the
// RoleName (RAM cannot rename a role; `name` is force_new).
#include "ProviderKinds.h"

#include <algorithm>

namespace rtc::provider::detail {
namespace {

using cloud::PrincipalKind;

/// RAM's trust policy for "these services may assume the role".
std::string trustDocument(const std::vector<std::string> &Services) {
  json Doc = {{"Version", "1"},
              {"Statement",
               {{{"Action", "sts:AssumeRole"},
                 {"Effect", "Allow"},
                 {"Principal", {{"Service", Services}}}}}}};
  return Doc.dump();
}

/// The services a trust policy lets assume the role.
std::vector<std::string> trustedServices(const std::string &Document) {
  std::vector<std::string> Out;
  json Doc = json::parse(Document, nullptr, false);
  if (!Doc.is_object())
    return Out;
  json List = Doc.value("Statement", json::array());
  if (List.is_object())
    List = json::array({List});
  if (!List.is_array())
    return Out;
  for (const json &S : List) {
    if (!S.is_object() || S.value("Effect", "Allow") != "Allow" ||
        !S.contains("Principal") || !S["Principal"].is_object())
      continue;
    json Svc = S["Principal"].value("Service", json());
    if (Svc.is_string())
      Svc = json::array({Svc});
    if (Svc.is_array())
      for (const json &V : Svc)
        if (V.is_string() && std::find(Out.begin(), Out.end(),
                                       V.get<std::string>()) == Out.end())
          Out.push_back(V.get<std::string>());
  }
  return Out;
}

bool samePolicy(const PolicyRef &P, const cloud::RamPolicy &A) {
  return P.Name == A.PolicyName &&
         cloud::policyTypeName(P.Type) == llvm::StringRef(A.PolicyType);
}

class RoleProvider : public ResourceProvider {
public:
  explicit RoleProvider(AlicloudContext &Ctx) : Ctx(Ctx) {}

  llvm::Expected<Observed> create(const Desired &D,
                                  const ProgressFn &) override {
    std::string Name = desiredName(D);
    auto Existing = orGone(Ctx.Ram.getRole(Name));
    if (!Existing)
      return Existing.takeError();
    if (*Existing)
      if (llvm::Error E = adoptionAllowed(D, Name, Name))
        return std::move(E);
    if (!*Existing) {
      cloud::CreateRoleInput In;
      In.RoleName = Name;
      In.AssumeRolePolicyDocument =
          trustDocument(attrStrings(D.Attributes, "trust"));
      In.Description = attrString(D.Attributes, "description");
      In.MaxSessionDuration = attrInt(D.Attributes, "max_session_duration");
      auto R = Ctx.Ram.createRole(In);
      if (!R)
        if (llvm::Error E = adoptIfAlreadyExists(R.takeError(), D, Name, Name))
          return std::move(E);
    }
    return converge(Name, D, json::array());
  }

  llvm::Expected<std::optional<Observed>> read(const state::ResourceState &S,
                                               const RefLookup &Refs) override {
    auto R = orGone(Ctx.Ram.getRole(S.CloudId));
    if (!R)
      return R.takeError();
    if (!*R)
      return std::nullopt;
    return observe(**R, S.Attributes, Refs, S.Address);
  }

  llvm::Expected<Observed> update(const state::ResourceState &Prior,
                                  const Desired &D,
                                  const ProgressFn &) override {
    return converge(Prior.CloudId.empty() ? desiredName(D) : Prior.CloudId, D,
                    Prior.Attributes.value("policies", json::array()));
  }

  llvm::Error remove(const state::ResourceState &S,
                     const ProgressFn &) override {
    // RAM refuses to delete a role with policies attached.
    auto Attached =
        orGone(Ctx.Ram.listPoliciesFor(PrincipalKind::Role, S.CloudId));
    if (!Attached)
      return Attached.takeError();
    if (!*Attached)
      return llvm::Error::success();
    for (const cloud::RamPolicy &P : **Attached)
      if (llvm::Error E = ignoreGone(Ctx.Ram.detachPolicy(
              PrincipalKind::Role, S.CloudId, P.PolicyName,
              P.PolicyType == "System" ? cloud::PolicyType::System
                                       : cloud::PolicyType::Custom)))
        return E;
    return ignoreGone(Ctx.Ram.deleteRole(S.CloudId));
  }

  llvm::Expected<Observed> importById(const std::string &Id,
                                      const Desired *D) override {
    auto R = Ctx.Ram.getRole(Id);
    if (!R)
      return R.takeError();
    if (D)
      return observe(*R, D->Attributes, D->Refs, D->Address);
    return observe(*R, json::object(), nullptr, "role");
  }

private:
  AlicloudContext &Ctx;

  /// The policies of \p Ref's `policies` list that resolve; unresolvable
  /// ones (a referenced policy already gone from the state) are skipped.
  std::vector<PolicyRef> resolveAll(const json &List, const RefLookup &Refs,
                                    const std::string &From) {
    std::vector<PolicyRef> Out;
    if (List.is_array())
      for (const json &V : List) {
        if (!V.is_string())
          continue;
        auto P = resolvePolicyRef(Ctx, Refs, From, V.get<std::string>());
        if (!P) {
          llvm::consumeError(P.takeError());
          continue;
        }
        Out.push_back(*P);
      }
    return Out;
  }

  llvm::Expected<Observed> observe(const cloud::RamRole &R, const json &Ref,
                                   const RefLookup &Refs,
                                   const std::string &From) {
    Observed O;
    O.CloudId = R.RoleName;
    json &A = O.Attributes;
    A["name"] = R.RoleName;
    A["id"] = R.RoleId;
    A["arn"] = R.Arn;
    A["max_session_duration"] = R.MaxSessionDuration;
    reportOptionalString(A, "description", R.Description, Ref);
    A["trust"] = inPreferredOrder(trustedServices(R.AssumeRolePolicyDocument),
                                  attrStrings(Ref, "trust"));
    auto Attached = Ctx.Ram.listPoliciesFor(PrincipalKind::Role, R.RoleName);
    if (!Attached)
      return Attached.takeError();
    // The listed policies that are attached, as the list names them.
    // Attachments the list does not name may belong to policy_attachment
    // resources, so they are not reported as drift here.
    json Policies = json::array();
    for (const PolicyRef &P :
         resolveAll(Ref.value("policies", json::array()), Refs, From))
      for (const cloud::RamPolicy &Have : *Attached)
        if (samePolicy(P, Have)) {
          Policies.push_back(P.Address);
          break;
        }
    A["policies"] = Policies;
    return O;
  }

  /// Sets trust, duration and description, attaches the desired policies
  /// and detaches those \p PriorPolicies listed that are no longer wanted.
  llvm::Expected<Observed> converge(const std::string &Name, const Desired &D,
                                    const json &PriorPolicies) {
    auto R = Ctx.Ram.getRole(Name);
    if (!R)
      return R.takeError();
    cloud::UpdateRoleInput In;
    In.RoleName = Name;
    std::vector<std::string> Trust = attrStrings(D.Attributes, "trust");
    if (!sameSet(Trust, trustedServices(R->AssumeRolePolicyDocument)))
      In.NewAssumeRolePolicyDocument = trustDocument(Trust);
    if (auto Dur = attrInt(D.Attributes, "max_session_duration");
        Dur && *Dur != R->MaxSessionDuration)
      In.NewMaxSessionDuration = *Dur;
    std::string Desc = attrString(D.Attributes, "description");
    if (Desc != R->Description)
      In.NewDescription = Desc;
    if (In.NewAssumeRolePolicyDocument || In.NewMaxSessionDuration ||
        In.NewDescription) {
      auto U = Ctx.Ram.updateRole(In);
      if (!U)
        return U.takeError();
    }

    std::vector<PolicyRef> Want;
    for (const std::string &Ref : attrStrings(D.Attributes, "policies")) {
      auto P = resolvePolicyRef(Ctx, D.Refs, D.Address, Ref);
      if (!P)
        return P.takeError();
      Want.push_back(*P);
    }
    auto Attached = Ctx.Ram.listPoliciesFor(PrincipalKind::Role, Name);
    if (!Attached)
      return Attached.takeError();
    auto IsAttached = [&](const PolicyRef &P) {
      return std::any_of(
          Attached->begin(), Attached->end(),
          [&](const cloud::RamPolicy &A) { return samePolicy(P, A); });
    };
    for (const PolicyRef &P : Want)
      if (!IsAttached(P))
        if (llvm::Error E = ignoreAlreadyExists(Ctx.Ram.attachPolicy(
                PrincipalKind::Role, Name, P.Name, P.Type)))
          return std::move(E);
    for (const PolicyRef &P : resolveAll(PriorPolicies, D.Refs, D.Address)) {
      bool Wanted =
          std::any_of(Want.begin(), Want.end(), [&](const PolicyRef &W) {
            return W.Name == P.Name && W.Type == P.Type;
          });
      if (!Wanted && IsAttached(P))
        if (llvm::Error E = ignoreGone(Ctx.Ram.detachPolicy(
                PrincipalKind::Role, Name, P.Name, P.Type)))
          return std::move(E);
    }
    auto After = Ctx.Ram.getRole(Name);
    if (!After)
      return After.takeError();
    return observe(*After, D.Attributes, D.Refs, D.Address);
  }
};

} // namespace

std::unique_ptr<ResourceProvider> makeRoleProvider(AlicloudContext &Ctx) {
  return std::make_unique<RoleProvider>(Ctx);
}

} // namespace rtc::provider::detail
