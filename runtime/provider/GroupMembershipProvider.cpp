// RAM group membership (schema `group_membership`): AddUserToGroup /
// RemoveUserFromGroup, read back with ListGroupsForUser. CloudId is
// "<group>/<user>"; both sides are force_new, so update only reads.
#include "ProviderKinds.h"

namespace rtc::provider::detail {
namespace {

struct Names {
  std::string Group, User;
  std::string id() const { return Group + "/" + User; }
};

class GroupMembershipProvider : public ResourceProvider {
public:
  explicit GroupMembershipProvider(AlicloudContext &Ctx) : Ctx(Ctx) {}

  llvm::Expected<Observed> create(const Desired &D,
                                  const ProgressFn &) override {
    auto N = resolve(D);
    if (!N)
      return N.takeError();
    if (llvm::Error E = ignoreAlreadyExists(
            Ctx.Ram.addUserToGroup(N->User, N->Group)))
      return std::move(E);
    return readBack(*N, D.Attributes);
  }

  llvm::Expected<std::optional<Observed>>
  read(const state::ResourceState &S, const RefLookup &Refs) override {
    auto N = current(S, Refs);
    if (!N)
      return N.takeError();
    auto In = isMember(*N);
    if (!In)
      return In.takeError();
    if (!*In)
      return std::nullopt;
    return observe(*N, S.Attributes);
  }

  llvm::Expected<Observed> update(const state::ResourceState &Prior,
                                  const Desired &D,
                                  const ProgressFn &) override {
    auto N = parseId(Prior.CloudId);
    if (!N)
      return N.takeError();
    return readBack(*N, D.Attributes);
  }

  llvm::Error remove(const state::ResourceState &S,
                     const ProgressFn &) override {
    auto N = parseId(S.CloudId);
    if (!N)
      return N.takeError();
    return ignoreGone(Ctx.Ram.removeUserFromGroup(N->User, N->Group));
  }

  llvm::Expected<Observed> importById(const std::string &Id,
                                      const Desired *D) override {
    auto N = parseId(Id);
    if (!N)
      return N.takeError();
    json Ref = json::object();
    if (D) {
      // The configuration's addresses, when they name the same two objects.
      auto Want = resolve(*D);
      if (!Want)
        llvm::consumeError(Want.takeError());
      else if (Want->id() == N->id())
        Ref = D->Attributes;
    }
    return readBack(*N, Ref);
  }

private:
  AlicloudContext &Ctx;

  static llvm::Expected<Names> resolve(const json &A, const RefLookup &Refs,
                                       const std::string &From) {
    Names N;
    for (auto [Attr, Out] : {std::pair{"group", &N.Group}, {"user", &N.User}}) {
      auto S = needRef(Refs, From, attrString(A, Attr));
      if (!S)
        return S.takeError();
      *Out = cloudName(**S);
    }
    return N;
  }
  static llvm::Expected<Names> resolve(const Desired &D) {
    return resolve(D.Attributes, D.Refs, D.Address);
  }

  /// The names the group and user have now (a user may have been renamed
  /// in place since the id was stored); the stored id when they cannot be
  /// resolved.
  static llvm::Expected<Names> current(const state::ResourceState &S,
                                       const RefLookup &Refs) {
    auto N = resolve(S.Attributes, Refs, S.Address);
    if (N)
      return N;
    llvm::consumeError(N.takeError());
    return parseId(S.CloudId);
  }

  static llvm::Expected<Names> parseId(const std::string &Id) {
    auto [G, U] = llvm::StringRef(Id).split('/');
    if (G.empty() || U.empty())
      return providerError("InvalidId",
                           "group membership id \"" + Id +
                               "\" is not GROUP/USER");
    return Names{G.str(), U.str()};
  }

  llvm::Expected<bool> isMember(const Names &N) {
    auto Groups = orGone(Ctx.Ram.listGroupsForUser(N.User));
    if (!Groups)
      return Groups.takeError();
    if (!*Groups)
      return false;
    for (const cloud::RamGroup &G : **Groups)
      if (G.GroupName == N.Group)
        return true;
    return false;
  }

  static Observed observe(const Names &N, const json &Ref) {
    Observed O;
    O.CloudId = N.id();
    // Addresses when the reference attributes have them, else the names.
    O.Attributes["group"] = hasAttr(Ref, "group") ? Ref["group"] : json(N.Group);
    O.Attributes["user"] = hasAttr(Ref, "user") ? Ref["user"] : json(N.User);
    return O;
  }

  llvm::Expected<Observed> readBack(const Names &N, const json &Ref) {
    auto In = isMember(N);
    if (!In)
      return In.takeError();
    if (!*In)
      return providerError("EntityNotExist.User.Group",
                           "user \"" + N.User + "\" is not in group \"" +
                               N.Group + "\"");
    return observe(N, Ref);
  }
};

} // namespace

std::unique_ptr<ResourceProvider>
makeGroupMembershipProvider(AlicloudContext &Ctx) {
  return std::make_unique<GroupMembershipProvider>(Ctx);
}

} // namespace rtc::provider::detail
