// RAM policy attachments (schema `policy_attachment`): AttachPolicyTo* /
// DetachPolicyFrom*, read back with ListPoliciesFor*. CloudId is
// "<User|Group|Role>/<principal>/<System|Custom>/<policy>", the form RAM's
// own attachment records take; every attribute is force_new.
#include "ProviderKinds.h"

namespace rtc::provider::detail {
namespace {

using cloud::PolicyType;
using cloud::PrincipalKind;

struct Principal {
  const char *Attr;   ///< "user"
  const char *Name;   ///< "User"
  PrincipalKind Kind;
};
const Principal Principals[] = {{"user", "User", PrincipalKind::User},
                                {"group", "Group", PrincipalKind::Group},
                                {"role", "Role", PrincipalKind::Role}};

struct Attachment {
  const Principal *Who = nullptr;
  std::string PrincipalName, PolicyName;
  PolicyType Type = PolicyType::Custom;
  std::string id() const {
    return std::string(Who->Name) + "/" + PrincipalName + "/" +
           cloud::policyTypeName(Type).str() + "/" + PolicyName;
  }
};

class PolicyAttachmentProvider : public ResourceProvider {
public:
  explicit PolicyAttachmentProvider(AlicloudContext &Ctx) : Ctx(Ctx) {}

  llvm::Expected<Observed> create(const Desired &D,
                                  const ProgressFn &) override {
    auto A = resolve(D.Attributes, D.Refs, D.Address);
    if (!A)
      return A.takeError();
    if (llvm::Error E = ignoreAlreadyExists(Ctx.Ram.attachPolicy(
            A->Who->Kind, A->PrincipalName, A->PolicyName, A->Type)))
      return std::move(E);
    return readBack(*A, D.Attributes);
  }

  llvm::Expected<std::optional<Observed>>
  read(const state::ResourceState &S, const RefLookup &Refs) override {
    auto A = current(S, Refs);
    if (!A)
      return A.takeError();
    auto Has = isAttached(*A);
    if (!Has)
      return Has.takeError();
    if (!*Has)
      return std::nullopt;
    return observe(*A, S.Attributes);
  }

  llvm::Expected<Observed> update(const state::ResourceState &Prior,
                                  const Desired &D,
                                  const ProgressFn &) override {
    auto A = current(Prior, D.Refs);
    if (!A)
      return A.takeError();
    return readBack(*A, D.Attributes);
  }

  llvm::Error remove(const state::ResourceState &S,
                     const ProgressFn &) override {
    auto A = parseId(S.CloudId);
    if (!A)
      return A.takeError();
    return ignoreGone(Ctx.Ram.detachPolicy(A->Who->Kind, A->PrincipalName,
                                           A->PolicyName, A->Type));
  }

  llvm::Expected<Observed> importById(const std::string &Id,
                                      const Desired *D) override {
    auto A = parseId(Id);
    if (!A)
      return A.takeError();
    json Ref = json::object();
    if (D) {
      auto Want = resolve(D->Attributes, D->Refs, D->Address);
      if (!Want)
        llvm::consumeError(Want.takeError());
      else if (Want->id() == A->id())
        Ref = D->Attributes;
    }
    return readBack(*A, Ref);
  }

private:
  AlicloudContext &Ctx;

  llvm::Expected<Attachment> resolve(const json &Attrs, const RefLookup &Refs,
                                     const std::string &From) {
    Attachment A;
    for (const Principal &P : Principals)
      if (hasAttr(Attrs, P.Attr)) {
        A.Who = &P;
        auto S = needRef(Refs, From, attrString(Attrs, P.Attr));
        if (!S)
          return S.takeError();
        A.PrincipalName = cloudName(**S);
        break;
      }
    if (!A.Who)
      return providerError("InvalidConfiguration",
                           From + " names no user, group or role");
    auto P = resolvePolicyRef(Ctx, Refs, From, attrString(Attrs, "policy"));
    if (!P)
      return P.takeError();
    A.PolicyName = P->Name;
    A.Type = P->Type;
    if (hasAttr(Attrs, "policy_type"))
      A.Type = attrString(Attrs, "policy_type") == "System" ? PolicyType::System
                                                            : PolicyType::Custom;
    return A;
  }

  /// The names as they are now (a user renamed in place keeps its
  /// attachments); the stored id when the references do not resolve.
  llvm::Expected<Attachment> current(const state::ResourceState &S,
                                     const RefLookup &Refs) {
    auto A = resolve(S.Attributes, Refs, S.Address);
    if (A)
      return A;
    llvm::consumeError(A.takeError());
    return parseId(S.CloudId);
  }

  static llvm::Expected<Attachment> parseId(const std::string &Id) {
    llvm::SmallVector<llvm::StringRef, 4> Parts;
    llvm::StringRef(Id).split(Parts, '/');
    Attachment A;
    if (Parts.size() == 4)
      for (const Principal &P : Principals)
        if (Parts[0].equals_insensitive(P.Name))
          A.Who = &P;
    if (!A.Who || Parts[1].empty() || Parts[3].empty() ||
        !(Parts[2].equals_insensitive("System") ||
          Parts[2].equals_insensitive("Custom")))
      return providerError(
          "InvalidId", "policy attachment id \"" + Id +
                           "\" is not User|Group|Role/NAME/System|Custom/POLICY");
    A.PrincipalName = Parts[1].str();
    A.Type = Parts[2].equals_insensitive("System") ? PolicyType::System
                                                   : PolicyType::Custom;
    A.PolicyName = Parts[3].str();
    return A;
  }

  llvm::Expected<bool> isAttached(const Attachment &A) {
    auto L = orGone(Ctx.Ram.listPoliciesFor(A.Who->Kind, A.PrincipalName));
    if (!L)
      return L.takeError();
    if (!*L)
      return false;
    for (const cloud::RamPolicy &P : **L)
      if (P.PolicyName == A.PolicyName &&
          llvm::StringRef(P.PolicyType) == cloud::policyTypeName(A.Type))
        return true;
    return false;
  }

  static Observed observe(const Attachment &A, const json &Ref) {
    Observed O;
    O.CloudId = A.id();
    json &Out = O.Attributes;
    Out[A.Who->Attr] =
        hasAttr(Ref, A.Who->Attr) ? Ref[A.Who->Attr] : json(A.PrincipalName);
    if (hasAttr(Ref, "policy"))
      Out["policy"] = Ref["policy"];
    else // no configuration to name it: the builtin address, or RAM's name
      Out["policy"] = A.Type == PolicyType::System ? "builtin." + A.PolicyName
                                                   : A.PolicyName;
    if (hasAttr(Ref, "policy_type"))
      Out["policy_type"] = cloud::policyTypeName(A.Type).str();
    return O;
  }

  llvm::Expected<Observed> readBack(const Attachment &A, const json &Ref) {
    auto Has = isAttached(A);
    if (!Has)
      return Has.takeError();
    if (!*Has)
      return providerError("EntityNotExist." + std::string(A.Who->Name) + ".Policy",
                           "policy \"" + A.PolicyName + "\" is not attached to " +
                               A.Who->Attr + " \"" + A.PrincipalName + "\"");
    return observe(A, Ref);
  }
};

} // namespace

std::unique_ptr<ResourceProvider>
makePolicyAttachmentProvider(AlicloudContext &Ctx) {
  return std::make_unique<PolicyAttachmentProvider>(Ctx);
}

} // namespace rtc::provider::detail
