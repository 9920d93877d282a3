// RAM users (schema `user`): CreateUser / UpdateUser (renames included) /
// DeleteUser, read back with GetUser. CloudId is the UserName.
#include "ProviderKinds.h"

namespace rtc::provider::detail {
namespace {

using cloud::RamUser;

/// The optional string attributes and the RamUser fields they map to.
struct Field {
  const char *Attr;
  std::string RamUser::*Member;
};
const Field Fields[] = {{"display_name", &RamUser::DisplayName},
                        {"email", &RamUser::Email},
                        {"mobile", &RamUser::MobilePhone},
                        {"comments", &RamUser::Comments}};

class UserProvider : public ResourceProvider {
public:
  explicit UserProvider(AlicloudContext &Ctx) : Ctx(Ctx) {}

  llvm::Expected<Observed> create(const Desired &D,
                                  const ProgressFn &) override {
    std::string Name = desiredName(D);
    cloud::CreateUserInput In;
    In.UserName = Name;
    In.DisplayName = attrString(D.Attributes, "display_name");
    In.Email = attrString(D.Attributes, "email");
    In.MobilePhone = attrString(D.Attributes, "mobile");
    In.Comments = attrString(D.Attributes, "comments");
    // One call on the usual path (apply time is calls x latency); the
    // answer is the service's own record of the new user. A user left by
    // an interrupted apply answers EntityAlreadyExists: adopt and converge,
    // but only a user this state recorded the intent to create.
    auto Created = Ctx.Ram.createUser(In);
    if (Created)
      return observe(*Created, D.Attributes);
    if (llvm::Error E =
            adoptIfAlreadyExists(Created.takeError(), D, Name, Name))
      return std::move(E);
    return converge(Name, D);
  }

  llvm::Expected<std::optional<Observed>> read(const state::ResourceState &S,
                                               const RefLookup &) override {
    auto U = orGone(Ctx.Ram.getUser(S.CloudId));
    if (!U)
      return U.takeError();
    if (!*U)
      return std::nullopt;
    return observe(**U, S.Attributes);
  }

  llvm::Expected<Observed> update(const state::ResourceState &Prior,
                                  const Desired &D,
                                  const ProgressFn &) override {
    return converge(Prior.CloudId.empty() ? desiredName(D) : Prior.CloudId, D);
  }

  llvm::Error remove(const state::ResourceState &S,
                     const ProgressFn &) override {
    return ignoreGone(Ctx.Ram.deleteUser(S.CloudId));
  }

  llvm::Expected<Observed> importById(const std::string &Id,
                                      const Desired *D) override {
    auto U = Ctx.Ram.getUser(Id);
    if (!U)
      return U.takeError();
    return observe(*U, D ? D->Attributes : json::object());
  }

private:
  AlicloudContext &Ctx;

  static Observed observe(const RamUser &U, const json &Ref) {
    Observed O;
    O.CloudId = U.UserName;
    O.Attributes["name"] = U.UserName;
    O.Attributes["id"] = U.UserId;
    for (const Field &F : Fields)
      // RAM shows the user name when no display name was given.
      reportOptionalString(O.Attributes, F.Attr, U.*F.Member, Ref,
                           F.Member == &RamUser::DisplayName ? U.UserName : "");
    return O;
  }

  /// Renames \p Current to the desired name and sets every field that
  /// differs from the cloud, then reads the user back.
  llvm::Expected<Observed> converge(const std::string &Current,
                                    const Desired &D) {
    auto U = Ctx.Ram.getUser(Current);
    if (!U)
      return U.takeError();
    cloud::UpdateUserInput In;
    In.UserName = Current;
    std::string Name = desiredName(D);
    bool Change = false;
    if (Name != U->UserName) {
      In.NewUserName = Name;
      Change = true;
    }
    std::optional<std::string> *Targets[] = {
        &In.NewDisplayName, &In.NewEmail, &In.NewMobilePhone, &In.NewComments};
    for (size_t I = 0; I < std::size(Fields); ++I) {
      const Field &F = Fields[I];
      const std::string &Cloud = (*U).*F.Member;
      // A field the configuration dropped is cleared (RAM's own display
      // name default, the user name, counts as clear).
      bool Default = Cloud.empty() || (F.Member == &RamUser::DisplayName &&
                                       Cloud == U->UserName);
      std::string Want = attrString(D.Attributes, F.Attr);
      // Renamed without a configured display name: keep RAM's convention
      // of showing the (new) user name rather than the stale old one.
      if (!hasAttr(D.Attributes, F.Attr) && In.NewUserName &&
          F.Member == &RamUser::DisplayName && Cloud == U->UserName) {
        *Targets[I] = Name;
        continue;
      }
      if (hasAttr(D.Attributes, F.Attr) ? Want != Cloud : !Default) {
        *Targets[I] = Want;
        Change = true;
      }
    }
    if (Change) {
      auto R = Ctx.Ram.updateUser(In);
      if (!R)
        return R.takeError();
    }
    auto After = Ctx.Ram.getUser(Name);
    if (!After)
      return After.takeError();
    return observe(*After, D.Attributes);
  }
};

} // namespace

std::unique_ptr<ResourceProvider> makeUserProvider(AlicloudContext &Ctx) {
  return std::make_unique<UserProvider>(Ctx);
}

std::string desiredName(const Desired &D) {
  std::string N = attrString(D.Attributes, "name");
  return N.empty() ? D.Name : N;
}

} // namespace rtc::provider::detail
