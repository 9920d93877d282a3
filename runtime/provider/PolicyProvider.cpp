// RAM policies (schema `policy`). Custom: CreatePolicy, a changed document
// becomes a new default version (RAM keeps 5, so the oldest non-default one
// goes first), DeletePolicy after its other versions. System: only checked,
// never created or deleted. CloudId is the PolicyName.
#include "ProviderKinds.h"

#include <algorithm>

namespace rtc::provider::detail {
namespace {

using cloud::PolicyType;

constexpr size_t MaxPolicyVersions = 5; // docs/service.md#ram-limits

bool isSystem(const json &A) { return attrString(A, "type") == "System"; }

/// The RAM document the configuration asks for: `document` as written, or
/// the statements in RAM's JSON.
std::string desiredDocument(const json &A) {
  if (hasAttr(A, "document"))
    return attrString(A, "document");
  return policyDocumentFromStatements(A.value("statements", json::array()));
}

/// Documents compare as JSON, so whitespace and key order do not count as
/// a change.
bool sameDocument(const std::string &A, const std::string &B) {
  json JA = json::parse(A, nullptr, false), JB = json::parse(B, nullptr, false);
  if (JA.is_discarded() || JB.is_discarded())
    return A == B;
  return JA == JB;
}

/// "v12" -> 12, so v10 sorts after v9.
long versionNumber(const std::string &Id) {
  long N = 0;
  llvm::StringRef(Id).drop_front(1).getAsInteger(10, N);
  return N;
}

class PolicyProvider : public ResourceProvider {
public:
  explicit PolicyProvider(AlicloudContext &Ctx) : Ctx(Ctx) {}

  llvm::Expected<Observed> create(const Desired &D,
                                  const ProgressFn &) override {
    std::string Name = desiredName(D);
    if (isSystem(D.Attributes)) {
      // An existing system policy: nothing to create, only to check.
      auto P = Ctx.Ram.getPolicy(Name, PolicyType::System);
      if (!P)
        return P.takeError();
      return observe(*P, D.Attributes);
    }
    auto Existing = orGone(Ctx.Ram.getPolicy(Name));
    if (!Existing)
      return Existing.takeError();
    if (*Existing)
      if (llvm::Error E = adoptionAllowed(D, Name, Name))
        return std::move(E);
    if (!*Existing) {
      cloud::CreatePolicyInput In;
      In.PolicyName = Name;
      In.PolicyDocument = desiredDocument(D.Attributes);
      In.Description = attrString(D.Attributes, "description");
      auto R = Ctx.Ram.createPolicy(In);
      if (!R)
        if (llvm::Error E = adoptIfAlreadyExists(R.takeError(), D, Name, Name))
          return std::move(E);
    }
    return converge(Name, D);
  }

  llvm::Expected<std::optional<Observed>> read(const state::ResourceState &S,
                                               const RefLookup &) override {
    auto P = orGone(Ctx.Ram.getPolicy(S.CloudId, isSystem(S.Attributes)
                                                     ? PolicyType::System
                                                     : PolicyType::Custom));
    if (!P)
      return P.takeError();
    if (!*P)
      return std::nullopt;
    return observe(**P, S.Attributes);
  }

  llvm::Expected<Observed> update(const state::ResourceState &Prior,
                                  const Desired &D,
                                  const ProgressFn &) override {
    std::string Name = Prior.CloudId.empty() ? desiredName(D) : Prior.CloudId;
    if (isSystem(D.Attributes)) {
      auto P = Ctx.Ram.getPolicy(Name, PolicyType::System);
      if (!P)
        return P.takeError();
      return observe(*P, D.Attributes);
    }
    return converge(Name, D);
  }

  llvm::Error remove(const state::ResourceState &S,
                     const ProgressFn &) override {
    if (isSystem(S.Attributes))
      return llvm::Error::success(); // not ours to delete
    auto Versions = orGone(Ctx.Ram.listPolicyVersions(S.CloudId));
    if (!Versions)
      return Versions.takeError();
    if (!*Versions)
      return llvm::Error::success();
    // RAM refuses to delete a policy that still has non-default versions.
    for (const cloud::RamPolicyVersion &V : **Versions)
      if (!V.IsDefaultVersion)
        if (llvm::Error E =
                ignoreGone(Ctx.Ram.deletePolicyVersion(S.CloudId, V.VersionId)))
          return E;
    return ignoreGone(Ctx.Ram.deletePolicy(S.CloudId));
  }

  llvm::Expected<Observed> importById(const std::string &Id,
                                      const Desired *D) override {
    json Ref = D ? D->Attributes : json::object();
    auto P = orGone(Ctx.Ram.getPolicy(Id, isSystem(Ref) ? PolicyType::System
                                                        : PolicyType::Custom));
    if (!P)
      return P.takeError();
    if (*P)
      return observe(**P, Ref);
    // Not a custom policy by that name: maybe a system one.
    auto Sys = Ctx.Ram.getPolicy(Id, PolicyType::System);
    if (!Sys)
      return Sys.takeError();
    return observe(*Sys, Ref);
  }

private:
  AlicloudContext &Ctx;

  static Observed observe(const cloud::RamPolicy &P, const json &Ref) {
    Observed O;
    O.CloudId = P.PolicyName;
    json &A = O.Attributes;
    A["name"] = P.PolicyName;
    A["type"] = P.PolicyType.empty() ? "Custom" : P.PolicyType;
    A["default_version"] = P.DefaultVersion;
    if (A["type"] != "System" || hasAttr(Ref, "description"))
      reportOptionalString(A, "description", P.Description, Ref);
    std::string Doc;
    if (P.DefaultPolicyVersion)
      Doc = P.DefaultPolicyVersion->PolicyDocument;
    else
      Doc = attrString(P.Raw.value("Policy", json::object()), "PolicyDocument");
    if (A["type"] == "System" && !hasAttr(Ref, "document") &&
        !hasAttr(Ref, "statements"))
      return O; // a system policy block names the policy, nothing more
    if (hasAttr(Ref, "document")) {
      // Keep the configuration's spelling when RAM holds the same JSON.
      std::string Want = attrString(Ref, "document");
      A["document"] = sameDocument(Doc, Want) ? Want : Doc;
      return O;
    }
    json Statements = statementsFromPolicyDocument(Doc);
    if (Statements.is_null())
      A["document"] = Doc; // not expressible as statements: show it raw
    else
      A["statements"] = Statements;
    return O;
  }

  /// Makes the default version hold the desired document, then reads back.
  llvm::Expected<Observed> converge(const std::string &Name, const Desired &D) {
    auto P = Ctx.Ram.getPolicy(Name);
    if (!P)
      return P.takeError();
    std::string Want = desiredDocument(D.Attributes);
    std::string Have =
        P->DefaultPolicyVersion ? P->DefaultPolicyVersion->PolicyDocument : "";
    if (!sameDocument(Have, Want)) {
      if (llvm::Error E = makeRoomForVersion(Name))
        return std::move(E);
      auto V = Ctx.Ram.createPolicyVersion(Name, Want, /*SetAsDefault=*/true);
      if (!V)
        return V.takeError();
    }
    auto After = Ctx.Ram.getPolicy(Name);
    if (!After)
      return After.takeError();
    return observe(*After, D.Attributes);
  }

  /// Deletes the oldest non-default version when RAM's limit is reached.
  llvm::Error makeRoomForVersion(const std::string &Name) {
    auto Versions = Ctx.Ram.listPolicyVersions(Name);
    if (!Versions)
      return Versions.takeError();
    if (Versions->size() < MaxPolicyVersions)
      return llvm::Error::success();
    const cloud::RamPolicyVersion *Oldest = nullptr;
    for (const cloud::RamPolicyVersion &V : *Versions)
      if (!V.IsDefaultVersion &&
          (!Oldest ||
           versionNumber(V.VersionId) < versionNumber(Oldest->VersionId)))
        Oldest = &V;
    if (!Oldest)
      return llvm::Error::success();
    return ignoreGone(Ctx.Ram.deletePolicyVersion(Name, Oldest->VersionId));
  }
};

} // namespace

std::unique_ptr<ResourceProvider> makePolicyProvider(AlicloudContext &Ctx) {
  return std::make_unique<PolicyProvider>(Ctx);
}

} // namespace rtc::provider::detail
